/**
 * Error records and output naming, shared by the CLI, the Lambda handler and the local
 * pipeline so every path writes the same shapes under the same names.
 */
import { createHash } from 'node:crypto';
import { isCleanError } from './errors.js';
import type { ErrorRecord } from './schema.js';
import { PIPELINE_VERSION } from './version.js';

/** Extensions removed from an input name to form its output name (`a/b/page.html.gz` → `a/b/page`). */
const INPUT_EXTENSIONS = /(?:\.(?:html?|xhtml|txt|text))?(?:\.gz)?$/i;

/** `a/b/page.html` → `a/b/page.json`; `a/b/page.html` with kind "error" → `a/b/page.error.json`. */
export function outputKeyFor(inputName: string, kind: 'document' | 'error' = 'document'): string {
  const stem = inputName.replace(INPUT_EXTENSIONS, '') || inputName;
  return `${stem}${kind === 'error' ? '.error' : ''}.json`;
}

/**
 * Folder (under the output and error prefixes, or --out) of the outputs of inputs whose names
 * cannot name an output as they are: too long for S3 or for a file name, or climbing out of
 * their folder. Such an output is `by-key-hash/<sha256 of the name>.json`; the document's
 * `source` keeps the name itself.
 */
export const HASHED_KEYS_FOLDER = 'by-key-hash/';

/** The output name of `inputName` under HASHED_KEYS_FOLDER. */
export function hashedOutputKeyFor(inputName: string, kind: 'document' | 'error' = 'document'): string {
  return `${HASHED_KEYS_FOLDER}${createHash('sha256').update(inputName).digest('hex')}${kind === 'error' ? '.error' : ''}.json`;
}

export function errorRecord(error: unknown, source: ErrorRecord['source'], failedAt: Date = new Date()): ErrorRecord {
  const code = isCleanError(error) ? error.code : ((error as { code?: string; name?: string })?.code ?? (error as Error)?.name ?? 'INTERNAL_ERROR');
  const message = error instanceof Error ? error.message : String(error);
  return { schemaVersion: 1, pipelineVersion: PIPELINE_VERSION, failedAt: failedAt.toISOString(), error: { code: String(code), message }, source };
}
