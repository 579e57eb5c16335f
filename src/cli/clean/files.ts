/**
 * Output files of `clean`: written whole (a temporary file, then a rename), so a reader never
 * sees half a document, under a name the file system can hold.
 */
import { constants } from 'node:fs';
import { access, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { hashedOutputKeyFor, outputKeyFor } from '../../core/records.js';
import { UsageError } from './inputs.js';
import { makeDirectory } from '../make-directory.js';

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

/** Why a directory cannot take the outputs, in a user's words, by the file system's error code. */
const UNWRITABLE_BECAUSE: ReadonlyMap<string, string> = new Map([
  ['EEXIST', 'it is a file, not a directory'],
  ['ENOTDIR', 'a part of its path is a file, not a directory'],
  ['EACCES', 'permission denied'],
  ['EPERM', 'permission denied'],
  ['EROFS', 'the file system is read-only'],
  ['ENOSPC', 'no space left on the device'],
  ['ENAMETOOLONG', 'its name is too long'],
  // A pseudo file system (/proc, /sys) that has no such directory and makes none.
  ['ENOENT', 'the file system does not make directories there'],
]);

/**
 * Makes the output directory, and checks that files can be created in it, before anything is
 * cleaned: a directory that cannot take them was an internal error with a stack trace (mkdir
 * failed), or, when it existed read-only, every input cleaned and then failed on its write, each
 * named by a temporary file. A usage error instead (exit code 2, nothing cleaned), that says why.
 */
export async function makeOutputDirectory(path: string, option = '--out'): Promise<void> {
  try {
    await makeDirectory(path);
    await access(path, constants.W_OK | constants.X_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    throw new UsageError(`${option} ${path}: cannot write there: ${UNWRITABLE_BECAUSE.get(code) ?? (error as Error).message}`);
  }
}

/** Writes through a temporary file and a rename. */
export async function writeOutput(path: string, text: string): Promise<void> {
  await makeDirectory(dirname(path));
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
