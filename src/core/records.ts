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

/** What is written for one input: the document, its error record, or a rendering of the document beside it. */
export type OutputKind = 'document' | 'error' | 'markdown' | 'text';

/** The ending of each kind of output's name. */
export const OUTPUT_SUFFIXES: Readonly<Record<OutputKind, string>> = { document: '.json', error: '.error.json', markdown: '.md', text: '.txt' };

/** `a/b/page.html` → `a/b/page.json`; with kind "error" → `a/b/page.error.json`, "markdown" → `a/b/page.md`, "text" → `a/b/page.txt`. */
export function outputKeyFor(inputName: string, kind: OutputKind = 'document'): string {
  const stem = inputName.replace(INPUT_EXTENSIONS, '') || inputName;
  return stem + OUTPUT_SUFFIXES[kind];
}

/**
 * Folder (under the output and error prefixes, or --out) of the outputs of inputs whose names
 * cannot name an output as they are: too long for S3 or for a file name, or climbing out of
 * their folder. Such an output is `by-key-hash/<sha256 of the name>.json`; the document's
 * `source` keeps the name itself.
 */
export const HASHED_KEYS_FOLDER = 'by-key-hash/';

/** The output name of `inputName` under HASHED_KEYS_FOLDER. */
export function hashedOutputKeyFor(inputName: string, kind: OutputKind = 'document'): string {
  return `${HASHED_KEYS_FOLDER}${createHash('sha256').update(inputName).digest('hex')}${OUTPUT_SUFFIXES[kind]}`;
}

export function errorRecord(error: unknown, source: ErrorRecord['source'], failedAt: Date = new Date()): ErrorRecord {
  const code = isCleanError(error) ? error.code : ((error as { code?: string | number; name?: string } | undefined)?.code ?? (error as Error | undefined)?.name ?? 'INTERNAL_ERROR');
  const said = error instanceof Error ? error.message : String(error);
  // A system error's message starts with its code ("ENOENT: no such file or directory, open …"): said once, in `code`.
  const message = said.startsWith(`${String(code)}: `) ? said.slice(String(code).length + 2) : said;
  return { schemaVersion: 1, pipelineVersion: PIPELINE_VERSION, failedAt: failedAt.toISOString(), error: { code: String(code), message }, source };
}
