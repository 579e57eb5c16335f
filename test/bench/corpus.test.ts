import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { listCorpus, loadCorpus, uncompressedName } from '../../bench/corpus.js';

const dir = mkdtempSync(join(tmpdir(), 'bench-corpus-'));
writeFileSync(join(dir, 'b.html'), '<p>b</p>');
writeFileSync(join(dir, 'a.htm.gz'), gzipSync('<p>a</p>'));
writeFileSync(join(dir, 'c.txt'), 'plain text');
writeFileSync(join(dir, 'd.html.gz'), gzipSync('<p>d</p>'));
writeFileSync(join(dir, 'notes.json'), '{}');
writeFileSync(join(dir, 'image.png'), 'png');
mkdirSync(join(dir, 'sub'));
writeFileSync(join(dir, 'sub', 'e.HTML'), '<p>e</p>');
afterAll(() => { rmSync(dir, { recursive: true, force: true }); });

describe('benchmark corpus', () => {
  it('lists .html, .htm and .txt files, gzipped or not, recursively and sorted', () => {
    expect(listCorpus(dir)).toEqual(['a.htm.gz', 'b.html', 'c.txt', 'd.html.gz', join('sub', 'e.HTML')]);
  });

  it('takes the first N files with a limit, always the same ones', () => {
    expect(listCorpus(dir, 2)).toEqual(['a.htm.gz', 'b.html']);
  });

  it('reads the stored bytes and the uncompressed ones', () => {
    const [a, b] = loadCorpus(dir, 2);
    expect(a!.gzipped).toBe(true);
    expect(Buffer.from(a!.raw).toString()).toBe('<p>a</p>');
    expect(a!.stored[0]).toBe(0x1f);
    expect(b!.gzipped).toBe(false);
    expect(b!.raw).toBe(b!.stored);
  });

  it('names the uncompressed file', () => {
    expect(uncompressedName('x/page.html.gz')).toBe('x/page.html');
    expect(uncompressedName('page.txt')).toBe('page.txt');
  });
});
