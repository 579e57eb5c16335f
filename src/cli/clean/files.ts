/**
 * Output files of `clean`: written whole (a temporary file, then a rename), so a reader never
 * sees half a document, under a name the file system can hold.
 */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { hashedOutputKeyFor, outputKeyFor } from '../../core/records.js';

/**
 * Longest file name, in bytes, that the usual file systems hold (NAME_MAX of ext4, XFS, btrfs,
 * APFS, NTFS in UTF-16 units). A longer name fails with ENAMETOOLONG: its output goes under a
 * hashed name instead. File systems with a shorter limit are caught when the write fails.
 */
export const MAX_FILE_NAME_BYTES = 255;

let temporaries = 0;

/**
 * The temporary file an output is written to before its rename: short and hidden, beside it, so
 * that any name that fits fits its temporary file too (`<name>.<pid>.tmp` did not, for a
 * name of 250 bytes), and a directory read as input skips it.
 */
export function temporaryPath(path: string): string {
  return join(dirname(path), `.scrape-clean-${process.pid}-${++temporaries}.tmp`);
}

/** Writes through a temporary file and a rename. */
export async function writeOutput(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = temporaryPath(path);
  try {
    await writeFile(temporary, text);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

export interface OutputPaths {
  readonly document: string;
  readonly error: string;
  /** The renderings beside the document. */
  readonly markdown: string;
  readonly text: string;
  /** Named by a hash of the input's name, which cannot name a file (see MAX_FILE_NAME_BYTES). */
  readonly hashed: boolean;
}

function fits(relative: string): boolean {
  return relative.split(/[\\/]/).every((segment) => Buffer.byteLength(segment) <= MAX_FILE_NAME_BYTES);
}

/** Where the outputs of the input `key` go under `outDir`: its own name, or the hashed one when that cannot be a file name (or `hashed` is asked for). */
export function outputPathsFor(outDir: string, key: string, hashed = false): OutputPaths {
  const kinds = ['document', 'error', 'markdown', 'text'] as const;
  const named = kinds.map((kind) => outputKeyFor(key, kind));
  // The error record's name is the longest: when it fits, every name does.
  const useHashed = hashed || !named.every(fits);
  const [document, error, markdown, text] = kinds.map((kind, i) => join(outDir, ...(useHashed ? hashedOutputKeyFor(key, kind) : named[i]!).split('/')));
  return { document: document!, error: error!, markdown: markdown!, text: text!, hashed: useHashed };
}

export function isNameTooLong(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENAMETOOLONG';
}
