/** Output files of `clean`: written whole, so a reader never sees half a document. */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** The temporary file an output is written to before its rename. */
export function temporaryPath(path: string): string {
  return `${path}.${process.pid}.tmp`;
}

/** Writes through a temporary file and a rename. */
export async function writeOutput(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = temporaryPath(path);
  await writeFile(temporary, text);
  await rename(temporary, path);
}
