/**
 * `scrape-clean clean --workers N`: the worker pool writes what the main thread writes. Each
 * worker thread loads the core anew, so these run in the integration lane; the outputs
 * themselves are held in clean.test.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dir, filesUnder, LONG, MENU_ONLY, scrapeTree, STORY, useScratchDir, write } from './clean-tree.js';
import { run } from './io.js';

useScratchDir();

describe('the worker pool', () => {
  it('writes the same files with worker threads as on the main thread', async () => {
    const input = scrapeTree();
    for (let i = 0; i < 6; i++) write(`in/more/page-${i}.html`, STORY.replace('Ferry resumes', `Ferry resumes, part ${i}`));
    const onMain = await run(['clean', input, '--out', join(dir, 'main'), '--workers', '0']);
    const threaded = await run(['clean', input, '--out', join(dir, 'threads'), '--workers', '2', '--concurrency', '3']);
    expect([onMain.code, threaded.code]).toEqual([1, 1]);
    expect(filesUnder(join(dir, 'threads'))).toEqual(filesUnder(join(dir, 'main')));
    const withoutClock = (path: string) => readFileSync(path, 'utf8').replace(/"(processedAt|failedAt)":"[^"]+"/, '');
    for (const file of filesUnder(join(dir, 'main'))) {
      expect(withoutClock(join(dir, 'threads', file)), file).toBe(withoutClock(join(dir, 'main', file)));
    }
  });

  it('writes page.json, page.md and page.txt side by side in workers as on the main thread', async () => {
    const input = scrapeTree();
    const onMain = await run(['clean', input, '--out', join(dir, 'main'), '--format', 'json,md', '--format', 'txt', '--workers', '0']);
    const threaded = await run(['clean', input, '--out', join(dir, 'threads'), '--format', 'json,markdown,text', '--workers', '2']);
    expect([onMain.code, threaded.code]).toEqual([1, 1]);
    expect(filesUnder(join(dir, 'threads'))).toEqual(filesUnder(join(dir, 'main')));
    for (const file of ['ferry.md', 'ferry.txt']) expect(readFileSync(join(dir, 'threads', file), 'utf8')).toBe(readFileSync(join(dir, 'main', file), 'utf8'));
  });

  it('--fail-on-empty holds with worker threads too', async () => {
    write('in/menu.html', MENU_ONLY);
    write('in/story.html', LONG);
    const result = await run(['clean', join(dir, 'in'), '--out', join(dir, 'out'), '--fail-on-empty', '--workers', '2']);
    expect(result.code).toBe(1);
    expect(filesUnder(join(dir, 'out'))).toEqual(['menu.error.json', 'story.json']);
  });
});
