/**
 * `mkdir -p` without `mkdir(path, { recursive: true })`: Node 20's recursive mkdir never returns
 * when the file system answers ENOENT for a directory whose parent exists (a path under /proc,
 * /sys or another pseudo file system: `--out /proc/x` hung the CLI, sync and async alike, with
 * a thread spinning). The parts that are missing are made one by one, each with a plain mkdir,
 * so that such a path fails with the system's error instead.
 */
import { mkdir, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

function errorWithCode(code: string, message: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: ${message}`), { code });
}

/**
 * Makes `path` and any missing parent. Fails as a recursive mkdir does: EEXIST when `path` is a
 * file, ENOTDIR when a part of its path is one, the system's error when a part cannot be made.
 */
export async function makeDirectory(path: string): Promise<void> {
  const target = resolve(path);
  const missing: string[] = [];
  for (let current = target; ; ) {
    try {
      const found = await stat(current);
      if (!found.isDirectory()) {
        throw current === target
          ? errorWithCode('EEXIST', `file already exists, mkdir '${target}'`)
          : errorWithCode('ENOTDIR', `not a directory, mkdir '${target}'`);
      }
      break;
    } catch (error) {
      const parent = dirname(current);
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || parent === current) throw error;
      missing.push(current);
      current = parent;
    }
  }
  for (const directory of missing.reverse()) {
    try {
      await mkdir(directory);
    } catch (error) {
      // Made meanwhile by another writer (workers writing beside each other) is as good.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || !(await stat(directory)).isDirectory()) throw error;
    }
  }
}
