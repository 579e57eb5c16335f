/**
 * The corpus of the throughput run: every .html, .htm or .txt file under a directory, gzipped
 * (.gz) or not, read into memory before anything is timed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';

/** File names the benchmark reads; everything else in the directory is ignored. */
export const CORPUS_FILE = /\.(html?|txt)(\.gz)?$/i;

export interface CorpusFile {
  /** Path relative to the corpus directory. */
  readonly name: string;
  /** The bytes as stored on disk (gzipped for .gz files). */
  readonly stored: Uint8Array;
  /** The uncompressed bytes. */
  readonly raw: Uint8Array;
  readonly gzipped: boolean;
}

/** Corpus files under `dir` (recursively), sorted by path so `--limit N` always takes the same N. */
export function listCorpus(dir: string, limit = Infinity): string[] {
  const found: string[] = [];
  const visit = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (entry.isFile() && CORPUS_FILE.test(entry.name)) found.push(relative(dir, path));
    }
  };
  visit(dir);
  return found.sort().slice(0, limit);
}

export function loadCorpus(dir: string, limit = Infinity): CorpusFile[] {
  return listCorpus(dir, limit).map((name) => {
    const stored = readFileSync(join(dir, name));
    const gzipped = /\.gz$/i.test(name);
    return { name, stored, raw: gzipped ? gunzipSync(stored) : stored, gzipped };
  });
}

/** The name of the uncompressed file (`a/page.html.gz` → `a/page.html`). */
export function uncompressedName(name: string): string {
  return name.replace(/\.gz$/i, '');
}
