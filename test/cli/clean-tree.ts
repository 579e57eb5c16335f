/**
 * The scratch tree of the `scrape-clean clean` tests (clean.test.ts in process, clean-workers.test.ts
 * with the worker pool): pages, a fresh directory per test, and the files written under it.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach } from 'vitest';

export const STORY = `<!DOCTYPE html><html lang="en"><head><title>Ferry resumes</title></head><body>
<nav><a href="/">Home</a> <a href="/local">Local</a></nav>
<main><article><h1>Ferry resumes</h1>
<p>The harbour ferry resumed service on Monday after a week of repairs to its engine, officials said.</p>
<figure><img src="ferry.jpg" alt=""><figcaption>Passengers board at the north quay. Photo: Getty Images</figcaption></figure>
<p>Passengers queued from dawn, and the first crossing left on time with every seat taken.</p>
<p>Advertisement</p>
</article></main>
<footer><p>© 2024 Harbour Gazette. All rights reserved.</p></footer>
</body></html>`;
export const TEXT = 'Ferry resumes\n\nThe harbour ferry resumed service on Monday after a week of repairs to its engine, officials said.\n';
export const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
/** A page with no body text (NO_BODY), and one long enough for no warning. */
export const MENU_ONLY = '<html><body><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></nav></body></html>';
export const LONG = `<html><body><article>${[1, 2, 3, 4, 5].map((day) => `<p>The harbour ferry resumed service on Monday after a week of repairs to its engine; crews worked through day ${day}.</p>`).join('')}</article></body></html>`;

/** The test's scratch directory (a fresh one for each test of a file that called useScratchDir). */
export let dir: string;

export function useScratchDir(): void {
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'scrape-clean-cli-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });
}

export function write(path: string, content: string | Uint8Array): string {
  const full = join(dir, path);
  mkdirSync(join(full, '..'), { recursive: true });
  writeFileSync(full, content);
  return full;
}

export function filesUnder(root: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(d, entry.name));
      else out.push(relative(root, join(d, entry.name)).split('\\').join('/'));
    }
  };
  walk(root);
  return out.sort();
}

/** A scrape tree with two good pages in nested directories, a gzipped one, a text one, two bad ones and a hidden file. */
export function scrapeTree(): string {
  write('in/ferry.html', STORY);
  write('in/news/2024/ferry.html.gz', gzipSync(Buffer.from(STORY)));
  write('in/news/ferry-notes.txt', TEXT);
  write('in/media/logo.html', PNG);
  write('in/empty.htm', '');
  write('in/.DS_Store', 'not a scrape');
  write('in/.cache/old.html', STORY);
  return join(dir, 'in');
}
