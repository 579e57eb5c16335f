/**
 * A WARC file in, its outcomes out, one per record and in record order: a document for each page
 * (cleaned by the core's own `clean()`, exactly as the page would be on its own), an error record
 * for each record that could not be read or cleaned, and a note of each record skipped. The CLI
 * and the pipeline write the documents and error records as JSON Lines and count the rest.
 *
 * What a document of a WARC record adds to the page's own: `source.warc` (the file, the record's
 * place, WARC-Record-ID, WARC-Target-URI and WARC-Date as `capturedAt`), `source.name` is the
 * target URI, and `url` falls back to the target URI when the page names no canonical URL; a publishedAt or
 * modifiedAt after the record's WARC-Date is left out (the core's `capturedAt`).
 */
import { clean } from '../clean.js';
import { isCleanError } from '../errors.js';
import type { CleanOptions } from '../options.js';
import { errorRecord } from '../records.js';
import type { CleanDocument, ErrorRecord, WarcSource } from '../schema.js';
import { WARC_SKIP_REASONS, WarcReader, type WarcEntry, type WarcReadOptions, type WarcRecordRef, type WarcSkipReason } from './reader.js';

export type WarcOutcome =
  | { readonly kind: 'document'; readonly record: WarcRecordRef; readonly document: CleanDocument }
  | { readonly kind: 'error'; readonly record: WarcRecordRef; readonly errorRecord: ErrorRecord }
  | { readonly kind: 'skipped'; readonly record: WarcRecordRef; readonly reason: WarcSkipReason };

export interface WarcCounts {
  /** Every record read, errors included. */
  records: number;
  documents: number;
  /** Error lines: records that could not be read, or whose page could not be cleaned. */
  errors: number;
  /** Error lines by code. */
  errorsByCode: Record<string, number>;
  skipped: Record<WarcSkipReason, number>;
  /** Records read leniently (`source.warc.lenient` on their lines): a header of LF line ends, which WARC does not allow. */
  lenient: number;
}

export function emptyWarcCounts(): WarcCounts {
  return { records: 0, documents: 0, errors: 0, errorsByCode: {}, skipped: Object.fromEntries(WARC_SKIP_REASONS.map((r) => [r, 0])) as Record<WarcSkipReason, number>, lenient: 0 };
}

export function countWarcOutcome(counts: WarcCounts, outcome: WarcOutcome): void {
  counts.records++;
  if (outcome.record.lenient) counts.lenient++;
  if (outcome.kind === 'document') counts.documents++;
  else if (outcome.kind === 'skipped') counts.skipped[outcome.reason]++;
  else {
    counts.errors++;
    const code = outcome.errorRecord.error.code;
    counts.errorsByCode[code] = (counts.errorsByCode[code] ?? 0) + 1;
  }
}

/** Adds `more` into `total` (the counts of several ranges of one file). */
export function addWarcCounts(total: WarcCounts, more: WarcCounts): WarcCounts {
  total.records += more.records;
  total.documents += more.documents;
  total.errors += more.errors;
  total.lenient += more.lenient;
  for (const [code, n] of Object.entries(more.errorsByCode)) total.errorsByCode[code] = (total.errorsByCode[code] ?? 0) + n;
  for (const reason of WARC_SKIP_REASONS) total.skipped[reason] += (more.skipped as Partial<WarcCounts['skipped']>)[reason] ?? 0;
  return total;
}

const number = new Intl.NumberFormat('en-US');

/** "40 records: 30 documents, 2 errors (CORRUPT_GZIP 1, EMPTY_INPUT 1), 8 skipped (not-html 5, revisit 3)" */
export function warcCountsText(counts: WarcCounts): string {
  const list = (entries: Array<[string, number]>) =>
    entries
      .filter(([, n]) => n > 0)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .map(([key, n]) => `${key} ${number.format(n)}`)
      .join(', ');
  const skipped = Object.values(counts.skipped).reduce((a, b) => a + b, 0);
  const errors = counts.errors === 0 ? '0 errors' : `${number.format(counts.errors)} error${counts.errors === 1 ? '' : 's'} (${list(Object.entries(counts.errorsByCode))})`;
  const lenient = counts.lenient > 0 ? `; ${number.format(counts.lenient)} read leniently (LF line ends)` : '';
  const some = (n: number, noun: string) => `${number.format(n)} ${noun}${n === 1 ? '' : 's'}`;
  return `${some(counts.records, 'record')}: ${some(counts.documents, 'document')}, ${errors}, ${number.format(skipped)} skipped${skipped > 0 ? ` (${list(Object.entries(counts.skipped))})` : ''}${lenient}`;
}

/** "crawl.warc.gz: 40 records: 30 documents, 2 errors (CORRUPT_GZIP 1, EMPTY_INPUT 1), 8 skipped (not-html 5, revisit 3)" */
export function warcSummaryLine(name: string, counts: WarcCounts): string {
  return `${name}: ${warcCountsText(counts)}`;
}

export interface CleanWarcOptions extends WarcReadOptions {
  /** Name of the WARC file, recorded in every output's `source.warc.file`. */
  readonly file: string;
  /** Options of the core's clean(); `explain` is allowed (the CLI's --explain). */
  readonly clean?: Partial<CleanOptions>;
}

export function warcSourceOf(file: string, record: WarcRecordRef): WarcSource {
  return {
    file,
    index: record.index,
    offset: record.start.offset,
    skip: record.start.skip,
    recordId: record.recordId,
    targetUri: record.targetUri,
    capturedAt: record.date,
    // Only on a record the crawler cut short: the documents of whole records are as before.
    ...(record.truncated !== null ? { truncated: record.truncated } : {}),
    ...(record.lenient ? { lenient: record.lenient } : {}),
    ...(record.segments ? { segments: record.segments } : {}),
    ...(record.revisitOf ? { revisitOf: record.revisitOf } : {}),
  };
}

/**
 * The address of a record's page as a browser takes its target URI: parsed by the URL standard, so a crawler's
 * target with spaces or non-ASCII characters in it ("https://forum.example/a thread?q=a b") is the valid URL
 * "https://forum.example/a%20thread?q=a%20b"; null when it is no URL (`source.warc.targetUri` keeps it as written).
 */
function targetUrl(targetUri: string | null): string | null {
  if (targetUri === null) return null;
  try {
    return new URL(targetUri).href;
  } catch {
    return null;
  }
}

/** The name an output of a record goes by: its target URI, or its place in the file. */
function recordName(file: string, record: WarcRecordRef): string {
  return record.targetUri ?? `${file}#${record.index}`;
}

/**
 * Reads and cleans a WARC file. Pass a `WarcReader` of your own (`reader`) to ask it afterwards
 * where the next record starts (a range that stops early).
 */
export async function* cleanWarc(source: AsyncIterable<Uint8Array> | WarcReader, options: CleanWarcOptions): AsyncGenerator<WarcOutcome> {
  const reader = source instanceof WarcReader ? source : new WarcReader(source, options);
  const now = options.clean?.now;
  const entries = async function* (): AsyncGenerator<WarcEntry> {
    yield* reader.entries();
    const none = reader.noRecordError();
    if (none !== null) yield none;
  };
  for await (const entry of entries()) {
    const warc = warcSourceOf(options.file, entry.record);
    if (entry.kind === 'skipped') {
      yield { kind: 'skipped', record: entry.record, reason: entry.reason };
      continue;
    }
    if (entry.kind === 'error') {
      yield { kind: 'error', record: entry.record, errorRecord: errorRecord(entry.error, { name: recordName(options.file, entry.record), bytes: null, warc }, now?.()) };
      continue;
    }
    try {
      const document = clean(entry.input, options.clean);
      yield {
        kind: 'document',
        record: entry.record,
        document: { ...document, url: document.url ?? targetUrl(entry.record.targetUri), source: { ...document.source, warc } },
      };
    } catch (error) {
      // Anything but a CleanError is a bug of the core: an INTERNAL_ERROR line, as the pipeline records it for an object.
      const failure = isCleanError(error)
        ? error
        : Object.assign(new Error(`the cleaner failed unexpectedly: ${(error as Error | undefined)?.message ?? String(error)}`, { cause: error }), { code: 'INTERNAL_ERROR' });
      yield { kind: 'error', record: entry.record, errorRecord: errorRecord(failure, { name: entry.input.name, bytes: entry.input.bytes.length, warc }, now?.()) };
    }
  }
}
