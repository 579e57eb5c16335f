/**
 * One input → the text of the file to write (a document or an error record). The same function
 * runs on the main thread and in worker threads, so both paths write identical files.
 */
import { clean } from '../../core/clean.js';
import type { CleanOptions } from '../../core/options.js';
import { errorRecord } from '../../core/records.js';
import type { QualityWarning } from '../../core/quality.js';
import type { CleanDocument } from '../../core/schema.js';
import { SEGMENT_TYPES, type SegmentType } from '../../core/segment-types.js';
import { renderAs, type OutputFormat } from '../../core/render/index.js';

export type { OutputFormat };

export interface CleanTask {
  readonly bytes: Uint8Array;
  /** Name recorded in the document's `source.name`; its extension helps tell HTML from text. */
  readonly name: string;
  readonly contentType: string | null;
}

export interface OutcomeOptions {
  readonly explain: boolean;
  readonly validate: boolean;
  readonly pretty: boolean;
  /** What to write for a document (default: the JSON alone). */
  readonly formats?: readonly OutputFormat[];
  /** Renderings include the caption segments. */
  readonly captions?: boolean;
  readonly timeBudgetMs?: number;
  readonly maxBytes?: number;
  /** A document without body text (quality warning NO_BODY) is a failure: an error record instead of the document. */
  readonly failOnEmpty?: boolean;
}

/** The files of a document: its JSON and renderings, in the formats asked for. */
export type Outputs = Partial<Record<OutputFormat, string>>;

export type Outcome =
  | { readonly ok: true; readonly json: string; readonly outputs: Outputs; readonly segments: Record<SegmentType, number>; readonly warnings: readonly QualityWarning[] }
  | { readonly ok: false; readonly json: string; readonly code: string; readonly message: string };

/** Code of the error record written when `--validate` finds a document that breaks the schema (a bug of the core). */
export const INVALID_DOCUMENT = 'INVALID_DOCUMENT';

class InvalidDocumentError extends Error {
  readonly code = INVALID_DOCUMENT;
}

/** Code of the error record written with `--fail-on-empty` for a document without body text: its quality warning's name. */
export const NO_BODY: QualityWarning = 'NO_BODY';

class EmptyDocumentError extends Error {
  readonly code = NO_BODY;
}

/** With --fail-on-empty, the failure a document without body text becomes; null for any other document. */
export function emptyDocumentFailure(document: CleanDocument, failOnEmpty: boolean | undefined): Error | null {
  if (!failOnEmpty || !document.quality.warnings.includes(NO_BODY)) return null;
  const visible = SEGMENT_TYPES.reduce((sum, type) => sum + document.stats.characters[type], document.stats.chromeCharacters);
  return new EmptyDocumentError(
    `no body text (--fail-on-empty): none of the page's ${visible} characters of visible text was read as its body ` +
      `(${document.stats.chromeBlocks} blocks of page chrome, ${SEGMENT_TYPES.filter((t) => t !== 'body').map((t) => `${document.stats.segments[t]} ${t}`).join(', ')})`,
  );
}

/** Checks a document against the schema: what is wrong with it, or null. */
export type DocumentCheck = (document: CleanDocument) => string | null;

/** The schema check of `--validate`, loaded only by runs that ask for it (zod is a fifth of the start-up). */
export async function loadDocumentCheck(): Promise<DocumentCheck> {
  const [{ documentSchema }, { z }] = await Promise.all([import('../../core/schema.js'), import('zod')]);
  return (document) => {
    const result = documentSchema.safeParse(document);
    return result.success ? null : z.prettifyError(result.error);
  };
}

export function failure(error: unknown, name: string, bytes: number | null, pretty: boolean): Outcome {
  const record = errorRecord(error, { name, bytes });
  return { ok: false, json: serialize(record, pretty), code: record.error.code, message: record.error.message };
}

export function serialize(value: unknown, pretty: boolean): string {
  return JSON.stringify(value, null, pretty ? 2 : undefined) + '\n';
}

/** A document's files in the formats asked for. */
export function documentOutputs(document: CleanDocument, options: Pick<OutcomeOptions, 'formats' | 'captions' | 'pretty'>): Outputs {
  const outputs: Outputs = {};
  const render = { captions: options.captions ?? false };
  for (const format of options.formats ?? ['json']) outputs[format] = format === 'json' ? serialize(document, options.pretty) : renderAs(document, format, render);
  return outputs;
}

/** `check` is required when options.validate is set (see loadDocumentCheck). */
export function cleanToOutcome(task: CleanTask, options: OutcomeOptions, check?: DocumentCheck): Outcome {
  const coreOptions: Partial<CleanOptions> = { explain: options.explain, timeBudgetMs: options.timeBudgetMs, maxBytes: options.maxBytes };
  try {
    const document = clean({ bytes: task.bytes, name: task.name, contentType: task.contentType }, coreOptions);
    if (options.validate) {
      if (!check) throw new Error('cleanToOutcome: --validate needs the schema check (loadDocumentCheck)');
      const problem = check(document);
      if (problem !== null) throw new InvalidDocumentError(`document does not match the schema: ${problem}`);
    }
    const empty = emptyDocumentFailure(document, options.failOnEmpty);
    if (empty) throw empty;
    const segments = Object.fromEntries(SEGMENT_TYPES.map((type) => [type, document.stats.segments[type]])) as Record<SegmentType, number>;
    const outputs = documentOutputs(document, options);
    return { ok: true, json: outputs.json ?? '', outputs, segments, warnings: document.quality.warnings };
  } catch (error) {
    return failure(error, task.name, task.bytes.length, options.pretty);
  }
}
