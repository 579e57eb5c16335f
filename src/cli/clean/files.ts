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
  /** Named by a hash of the input's name, which cannot name a file (see MAX_FILE_NAME_BYTES). */
  readonly hashed: boolean;
}

function fits(relative: string): boolean {
  return relative.split(/[\\/]/).every((segment) => Buffer.byteLength(segment) <= MAX_FILE_NAME_BYTES);
}

/** Where the outputs of the input `key` go under `outDir`: its own name, or the hashed one when that cannot be a file name (or `hashed` is asked for). */
export function outputPathsFor(outDir: string, key: string, hashed = false): OutputPaths {
  const document = outputKeyFor(key, 'document');
  const error = outputKeyFor(key, 'error');
  if (!hashed && fits(document) && fits(error)) return { document: join(outDir, document), error: join(outDir, error), hashed: false };
  return { document: join(outDir, ...hashedOutputKeyFor(key, 'document').split('/')), error: join(outDir, ...hashedOutputKeyFor(key, 'error').split('/')), hashed: true };
}

export function isNameTooLong(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENAMETOOLONG';
}
