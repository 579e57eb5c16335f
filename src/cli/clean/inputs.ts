/**
 * Command-line operands → the list of inputs to clean. A file stands for itself (its output is
 * named after its base name); a directory stands for every file under it, kept in its relative
 * layout; `-` is standard input. Hidden files and directories (".git", ".DS_Store") and the
 * output directory itself are skipped, and the list is sorted so runs are reproducible. Any other
 * entry of a directory that is not a file (a broken link, a link to a directory, a FIFO) is an
 * input that fails with its reason, never one left out without a word.
 */
import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, relative, resolve, sep } from 'node:path';
import { CleanError } from '../../core/errors.js';
import { outputKeyFor } from '../../core/records.js';
import { printable, printableText, readAll } from '../io.js';

export const STDIN_OPERAND = '-';

export interface InputFile {
  /** Where to read it: a path, or null for standard input. */
  readonly path: string | null;
  /** Name recorded in the document (`source.name`): the name relative to the input root, as `key`
   *  (a file's base name, a directory's file by its path under it), so a document does not depend
   *  on where the scrape was stored locally nor leak that path. */
  readonly name: string;
  /** How messages name it: the path as given (forward slashes), which the user can find. */
  readonly display: string;
  /** Relative name the output file is named after (`a/b/page.html` → `<out>/a/b/page.json`). */
  readonly key: string;
  /** Why an entry of a directory is not read (not a file); readInputFile fails with it. */
  readonly notAFile?: string;
  /** The path as the file system's bytes, when a name on it is not UTF-8 (a Latin-1 name from an old
   *  archive or mirror): `path`, its UTF-8 reading (U+FFFD for the bytes that are none), names no file. */
  readonly pathBytes?: Buffer;
}

/** Where the file system has an input: its path, or the bytes of it when a name on it is not UTF-8. */
export function fileSystemPath(input: InputFile): string | Buffer {
  return input.pathBytes ?? input.path!;
}

/** The error of an entry of a directory that is not a file: its code names the case in the error record. */
export class NotAFileError extends Error {
  override readonly name = 'NotAFileError';
  readonly code = 'NOT_A_FILE';
}

/**
 * What a directory entry is when it is not a file: a link followed to a directory is not walked
 * (links may loop), and a FIFO, socket or device is not read (reading a FIFO waits for a writer).
 * A broken link is read, and fails with the system's ENOENT.
 */
async function notAFile(path: string | Buffer): Promise<string | undefined> {
  const target = await stat(path).catch(() => null);
  if (target === null || target.isFile()) return undefined;
  return target.isDirectory() ? 'a link to a directory: links are not followed into directories' : 'not a regular file (a FIFO, socket or device): not read';
}

/**
 * An input's bytes (a path's; standard input is the caller's), refused as TOO_LARGE past `maxBytes`
 * before they are all in memory: a file by its size, a pipe or a device named as an operand
 * (`clean <(curl …)`, /dev/stdin), which has no size, as it is read (read whole, an endless one
 * never ended).
 */
export async function readInputFile(input: InputFile, maxBytes = Number.POSITIVE_INFINITY): Promise<Buffer> {
  if (input.notAFile !== undefined) throw new NotAFileError(`input is ${input.notAFile}`);
  const path = fileSystemPath(input);
  const stats = await stat(path);
  if (stats.size > maxBytes) throw new CleanError('TOO_LARGE', `input is ${stats.size} bytes, over the ${maxBytes}-byte limit`);
  return stats.isFile() ? readFile(path) : readAll(createReadStream(path), maxBytes);
}

export class UsageError extends Error {}

const toPosix = (path: string): string => path.split(sep).join('/');

interface FoundFile {
  readonly path: string;
  readonly pathBytes?: Buffer;
  readonly notAFile?: string;
}

/**
 * The files under `dir`, its entries' names read as bytes: a name that is not UTF-8 keeps its bytes
 * (pathBytes) to be opened by, since its UTF-8 reading names no file (it failed as ENOENT).
 */
async function filesUnder(dir: string, skip: string | null, dirBytes?: Buffer): Promise<FoundFile[]> {
  const out: FoundFile[] = [];
  const entries = await readdir(dirBytes ?? dir, { withFileTypes: true, encoding: 'buffer' });
  entries.sort((a, b) => Buffer.compare(a.name, b.name));
  for (const entry of entries) {
    const name = entry.name.toString('utf8');
    if (name.startsWith('.')) continue;
    const path = join(dir, name);
    const bytes = dirBytes !== undefined || !Buffer.from(name, 'utf8').equals(entry.name) ? Buffer.concat([dirBytes ?? Buffer.from(dir, 'utf8'), Buffer.from(sep), entry.name]) : undefined;
    const found = bytes === undefined ? { path } : { path, pathBytes: bytes };
    if (entry.isDirectory()) {
      if (skip !== null && resolve(path) === skip) continue;
      out.push(...(await filesUnder(path, skip, bytes)));
    } else if (entry.isFile()) {
      out.push(found);
    } else {
      const reason = await notAFile(bytes ?? path);
      out.push(reason === undefined ? found : { ...found, notAFile: reason });
    }
  }
  return out;
}

/** Whether the outputs of `key` would land outside `outDir`, here or on Windows (`../x.html`, `..\\x.html`, `/x.html`). */
function escapes(outDir: string, key: string): boolean {
  return [outputKeyFor(key, 'document'), outputKeyFor(key, 'error')].some(
    (output) => !resolve(outDir, output).startsWith(outDir + sep) || output.split(/[\\/]/).includes('..'),
  );
}

export async function expandInputs(operands: readonly string[], options: { outDir: string | null; stdinName: string }): Promise<InputFile[]> {
  const inputs: InputFile[] = [];
  const missing: string[] = [];
  const skip = options.outDir === null ? null : resolve(options.outDir);
  let stdinSeen = false;
  for (const operand of operands) {
    if (operand === STDIN_OPERAND) {
      if (stdinSeen) throw new UsageError('standard input ("-") can be given only once');
      stdinSeen = true;
      // The one name a user writes by hand: its output must stay under --out.
      if (skip !== null && escapes(skip, options.stdinName)) {
        throw new UsageError(`--name ${JSON.stringify(options.stdinName)} would write outside --out: give a relative name without ".." segments`);
      }
      inputs.push({ path: null, name: options.stdinName, key: options.stdinName, display: options.stdinName });
      continue;
    }
    const info = await stat(operand).catch((caught: unknown) => {
      const error = caught as NodeJS.ErrnoException;
      if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return null;
      throw new UsageError(`cannot read ${printable(operand)}: ${printableText(error.message)}`);
    });
    if (info === null) {
      missing.push(operand);
    } else if (info.isDirectory()) {
      for (const { path, pathBytes, notAFile } of await filesUnder(operand, skip)) {
        const key = toPosix(relative(operand, path));
        inputs.push({ path, name: key, key, display: toPosix(path), ...(notAFile === undefined ? {} : { notAFile }), ...(pathBytes === undefined ? {} : { pathBytes }) });
      }
    } else {
      inputs.push({ path: operand, name: basename(operand), key: basename(operand), display: toPosix(operand) });
    }
  }
  if (missing.length > 0) throw new UsageError(`no such file or directory: ${missing.map(printable).join(', ')}`);
  return inputs;
}

/** Two inputs that would write the same output file: refused, since one would overwrite the other. */
export function outputCollisions(inputs: readonly InputFile[]): string[] {
  const owners = new Map<string, string>();
  const collisions: string[] = [];
  for (const input of inputs) {
    for (const output of [outputKeyFor(input.key, 'document'), outputKeyFor(input.key, 'error')]) {
      const owner = owners.get(output);
      if (owner !== undefined && owner !== input.display) collisions.push(`${printable(owner)} and ${printable(input.display)} would both write ${printable(output)}`);
      else owners.set(output, input.display);
    }
  }
  return collisions;
}
