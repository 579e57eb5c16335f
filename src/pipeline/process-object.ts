/**
 * The processing path of one raw object, shared by the Lambda handler, the local pipeline and
 * the commands that reprocess objects outside of events:
 *
 *   HEAD own outputs (stamp up to date, or from a later event? → skipped) → size check →
 *   GET (streamed, capped) → core clean() → conditional PUT of the document | error record
 *   (→ conditional PUTs of the document's renderings, when config.outputFormats asks for them)
 *
 * The PUTs are conditional on the outputs as the HEADs saw them, and decided from what the GET
 * actually returned (./output-write.ts): concurrent deliveries of one key cannot leave an
 * older version's output as the final one.
 *
 * It resolves for every outcome that is final (written, skipped, error record) and rejects only
 * for failures worth retrying (see ./failures.ts), so a caller on a queue reports a rejection
 * as a batch item failure and everything else as done.
 *
 * S3 permissions it needs: s3:GetObject (and s3:GetObjectVersion for versioned events) on the
 * raw bucket; s3:GetObject (for HEAD) and s3:PutObject on the clean bucket. No s3:ListBucket: a
 * HEAD of an output that does not exist then answers 403 instead of 404, and both mean
 * "absent" here. If a 403 is a real denial instead, the PUT that follows fails too and the
 * message is retried, so nothing is skipped on a wrong guess.
 */
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { clean } from '../core/clean.js';
import { CleanError, isCleanError, type CleanErrorCode } from '../core/errors.js';
import type { CleanOptions } from '../core/options.js';
import { errorRecord, HASHED_KEYS_FOLDER, hashedOutputKeyFor, outputKeyFor } from '../core/records.js';
import type { CleanDocument, ErrorRecord } from '../core/schema.js';
import { RENDER_CONTENT_TYPES, renderAs, type RenderFormat } from '../core/render/index.js';
import type { PipelineConfig } from './config.js';
import { PermanentFailure, RECORDED_FAILURES_FINAL, failureCode, isNotFound, isPermanent } from './failures.js';
import { decideWrite, headOutput, writeOutputConditionally, type OutputWrite, type SourceRead } from './output-write.js';
import { discardBody, readBody, tooLarge } from './read-body.js';
import { stampMatches, stampMetadata, unquoteEtag, type SourceRef, type Stamp } from './stamp.js';

export const OUTPUT_CONTENT_TYPE = 'application/json';

export interface ProcessObjectInput {
  readonly s3: S3Client;
  readonly rawBucket: string;
  /** The decoded object key. */
  readonly key: string;
  /** From the event, when the raw bucket is versioned: that exact version is read. */
  readonly versionId?: string | null;
  /** From the event (quoted or not): lets an up-to-date output be skipped without a GET. */
  readonly etag?: string | null;
  /** From the event: an object over the limit is refused without a GET. */
  readonly size?: number | null;
  /** From the event: an output already made by a later event of the same key is left alone. */
  readonly sequencer?: string | null;
  readonly config: PipelineConfig;
  /** Rewrite the outputs even when they are up to date (a forced reprocess). */
  readonly force?: boolean;
  /**
   * Named by a listing (a reprocess or backfill) rather than by an event: an error record that
   * already records this source ETag and pipeline version, for a failure the bytes alone decide
   * (see RECORDED_FAILURES_FINAL), stands as it is, without a GET of the object. Events do not
   * ask for it: a new event names new bytes, and the extra HEAD would buy nothing.
   */
  readonly trustErrorRecords?: boolean;
  /** Options of the core; `explain` is never set by the pipeline. */
  readonly cleanOptions?: Partial<Omit<CleanOptions, 'explain'>>;
}

interface ResultBase {
  readonly bucket: string;
  readonly key: string;
  readonly outputBucket: string;
  /** Key of the document, or of the error record for the 'error-record' outcome. */
  readonly outputKey: string;
  readonly durationMs: number;
}

export interface WrittenResult extends ResultBase {
  readonly outcome: 'written';
  readonly source: SourceRef;
  /** Raw object size as stored. */
  readonly bytes: number;
  readonly document: CleanDocument;
  /** Words of the body text (Unicode word segmentation). */
  readonly words: number;
  /** Time spent in the core's clean(), of durationMs (the rest is S3). */
  readonly cleanMs: number;
  /** False when the document was up to date and only renderings were written (config.outputFormats newly asks for them). */
  readonly documentWritten: boolean;
  /** Keys of the renderings written beside the document (config.outputFormats), in the order of the formats. */
  readonly renderings: readonly string[];
  /**
   * The output key was last written from a different source key (`page.html` and `page.txt`
   * both map to `page.json`): that document has been replaced.
   */
  readonly replacedSourceKey: string | null;
}

export interface SkippedResult extends ResultBase {
  readonly outcome: 'skipped';
  /**
   * up-to-date: the output records this source ETag and pipeline version already;
   * superseded: the output was made from a later event of the same key.
   */
  readonly reason: 'up-to-date' | 'superseded';
}

export interface ErrorRecordResult extends ResultBase {
  readonly outcome: 'error-record';
  readonly code: string;
  readonly message: string;
  readonly bytes: number | null;
  readonly record: ErrorRecord;
  /** The failure itself (with its cause), for logs. */
  readonly error: unknown;
  /** False when an error record with the same stamp and code was already there. */
  readonly rewritten: boolean;
}

export type ProcessResult = WrittenResult | SkippedResult | ErrorRecordResult;

/** S3's longest object key, in bytes of UTF-8. */
export const MAX_S3_KEY_BYTES = 1024;

/**
 * The endings of a WARC object's outputs (./warc-object.ts warcOutputKeys: `crawl.warc.gz` → `crawl.jsonl.gz`,
 * `crawl.manifest.json`, `crawl.warc.error.json`). A page's document is `<stem>.json` and its error record
 * `<stem>.error.json`: a page whose outputs would end so (`crawl.manifest.html`, `crawl.warc.html`) has its outputs
 * named by a hash of its key, as a key that cannot name a file does, rather than overwrite a WARC's outputs beside it
 * or be overwritten by them.
 */
export const WARC_OUTPUT_SUFFIXES = { lines: '.jsonl.gz', manifest: '.manifest.json', error: '.warc.error.json' } as const;

/** Folder, under the output and error prefixes, of the outputs of raw keys that cannot name an output as they are (see outputKeysFor). */
export { HASHED_KEYS_FOLDER };

/** A path segment that is empty or a dot segment, with / or \ as the separator. */
const UNSAFE_SEGMENT = /(?:^|[\\/])\.{0,2}(?:[\\/]|$)/;
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

/** An output key under its prefix that reads the same as an S3 key and as a path, and that S3 accepts. */
export function isSafeOutputKey(prefix: string, outputKey: string): boolean {
  const relative = outputKey.slice(prefix.length);
  return !UNSAFE_SEGMENT.test(relative) && !CONTROL_CHARACTER.test(relative) && Buffer.byteLength(outputKey) <= MAX_S3_KEY_BYTES;
}

/**
 * Where the outputs of a raw key go: the key under the output and error prefixes, with
 * `.json` / `.error.json` for its extension (`a/b/page.html` → `documents/a/b/page.json`).
 *
 * Raw keys are whatever the scraper chose, and S3 takes `../../x.html`, `/abs.html`, `a//b`,
 * control characters or 1,024-byte keys as they are. Their outputs must never leave their prefix
 * for whoever reads the clean bucket as paths (`aws s3 sync`, the local pipeline's copies,
 * s3rver's files), nor exceed S3's key length (a PUT that always fails would dead-letter the
 * object): such a key's outputs go to `<prefix>by-key-hash/<sha256 of the key>.json`; the
 * document's `source.key` and the stamp keep the key itself.
 */
export interface OutputKeys {
  readonly document: string;
  readonly error: string;
  /** The renderings beside the document (`.md`, `.txt`), written when config.outputFormats asks for them. */
  readonly markdown: string;
  readonly text: string;
}

export function outputKeysFor(key: string, config: Pick<PipelineConfig, 'outputPrefix' | 'errorPrefix'>): OutputKeys {
  const under = (name: (kind: 'document' | 'error' | 'markdown' | 'text') => string): OutputKeys => ({
    document: config.outputPrefix + name('document'),
    error: config.errorPrefix + name('error'),
    markdown: config.outputPrefix + name('markdown'),
    text: config.outputPrefix + name('text'),
  });
  const keys = under((kind) => outputKeyFor(key, kind));
  // The renderings share the document's stem, with shorter suffixes: safe when the document is. A page's outputs
  // never take the name of a WARC object's (crawl.manifest.html's document would be crawl.warc.gz's manifest).
  const safe =
    isSafeOutputKey(config.outputPrefix, keys.document) &&
    isSafeOutputKey(config.errorPrefix, keys.error) &&
    !keys.document.endsWith(WARC_OUTPUT_SUFFIXES.manifest) &&
    !keys.error.endsWith(WARC_OUTPUT_SUFFIXES.error);
  return safe ? keys : under((kind) => hashedOutputKeyFor(key, kind));
}

/** The renderings config.outputFormats asks for beside each document. */
function renderFormats(config: Pick<PipelineConfig, 'outputFormats'>): RenderFormat[] {
  return config.outputFormats.filter((format): format is RenderFormat => format !== 'json');
}

/**
 * The error record of a listed object when it is final (see ProcessObjectInput.trustErrorRecords):
 * its stamp records this source and pipeline version and its code is one the bytes alone decide.
 * `stamp`: the error record's, as headOutput reads it. Null when there is none, or when it must be made again.
 */
async function finalErrorRecord(s3: S3Client, bucket: string, key: string, stamp: Stamp | null, source: SourceRef, maxBytes: number): Promise<ErrorRecord | null> {
  if (!stamp || !stampMatches(stamp, source) || !stamp.errorCode || !RECORDED_FAILURES_FINAL.has(stamp.errorCode)) return null;
  try {
    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    const record = JSON.parse(Buffer.from(await readBody(object.Body, maxBytes, object.ContentLength)).toString('utf8')) as Partial<ErrorRecord> | null;
    return record?.error?.code === stamp.errorCode ? (record as ErrorRecord) : null;
  } catch (error) {
    // Gone since the HEAD, or not an error record after all: the object is processed again.
    if (isNotFound(error) || error instanceof SyntaxError) return null;
    throw error;
  }
}

function jsonOutput(bucket: string, key: string, value: unknown, metadata: Record<string, string>, errorCode: string | null): OutputWrite {
  return { bucket, key, body: JSON.stringify(value), contentType: OUTPUT_CONTENT_TYPE, metadata, errorCode };
}

function cleanOrFail(bytes: Uint8Array, name: string, object: { ContentType?: string; ContentEncoding?: string }, options: ProcessObjectInput['cleanOptions']): CleanDocument {
  try {
    // The object's Content-Encoding (S3 stores it as given at upload, and GetObject returns the bytes as stored).
    return clean({ bytes, name, contentType: object.ContentType ?? null, contentEncoding: object.ContentEncoding ?? null }, { ...options, explain: false });
  } catch (error) {
    if (isCleanError(error)) throw error;
    // The core is a pure function of the bytes: retrying cannot help, an error record shows it.
    throw new PermanentFailure('INTERNAL_ERROR', `the cleaner failed unexpectedly: ${(error as Error | undefined)?.message ?? String(error)}`, { cause: error });
  }
}

function errorRecordResult(
  base: Pick<ResultBase, 'bucket' | 'key' | 'outputBucket'>,
  outputKey: string,
  record: ErrorRecord,
  error: unknown,
  bytes: number | null,
  rewritten: boolean,
  durationMs: number,
): ErrorRecordResult {
  return { ...base, outcome: 'error-record', outputKey, code: record.error.code, message: record.error.message, bytes, record, error, rewritten, durationMs };
}

export async function processObject(input: ProcessObjectInput): Promise<ProcessResult> {
  const started = performance.now();
  const { s3, config, key } = input;
  const force = input.force ?? false;
  const outputs = outputKeysFor(key, config);
  const base = { bucket: input.rawBucket, key, outputBucket: config.cleanBucket };
  const elapsed = () => performance.now() - started;
  const skipped = (reason: SkippedResult['reason'], outputKey: string): SkippedResult => ({ ...base, outcome: 'skipped', reason, outputKey, durationMs: elapsed() });
  // Until the GET, what is known is what the event (or listing) said: a version of it, not the current object.
  let read: SourceRead = {
    source: { bucket: input.rawBucket, key, versionId: input.versionId ?? null, etag: unquoteEtag(input.etag), sequencer: input.sequencer ?? null },
    readCurrent: false,
  };
  let bytes: number | null = input.size ?? null;
  // The outputs, looked at before the read: what this delivery may skip, and what its writes are conditional on (./output-write.ts).
  const formats = renderFormats(config);
  const [documentHead, errorHead, ...renderingHeads] = await Promise.all([
    headOutput(s3, config.cleanBucket, outputs.document),
    headOutput(s3, config.cleanBucket, outputs.error),
    ...formats.map((format) => headOutput(s3, config.cleanBucket, outputs[format])),
  ]);
  // An up-to-date document is skipped only with up-to-date renderings (a stage that just turned Markdown on writes them).
  const renderingsUpToDate = (source: SourceRef): boolean => renderingHeads.every((head) => head !== null && stampMatches(head.stamp, source));

  try {
    if (!force) {
      // Skips that need no read: the event's bytes already made the document, or a later event of the key made an output.
      const early = decideWrite(read, null, documentHead?.stamp ?? null, [errorHead?.stamp ?? null], { force, afterConflict: false });
      if (early === 'superseded' || (early === 'up-to-date' && renderingsUpToDate(read.source))) {
        return skipped(early, early === 'superseded' && !documentHead ? outputs.error : outputs.document);
      }
      if (input.trustErrorRecords && read.source.etag !== null) {
        const record = await finalErrorRecord(s3, config.cleanBucket, outputs.error, errorHead?.stamp ?? null, read.source, config.maxObjectBytes);
        if (record) {
          const error = new CleanError(record.error.code as CleanErrorCode, record.error.message);
          return errorRecordResult(base, outputs.error, record, error, record.source.bytes ?? bytes, false, elapsed());
        }
      }
    }
    if (bytes !== null && bytes > config.maxObjectBytes) throw tooLarge(bytes, config.maxObjectBytes);

    let object;
    try {
      object = await s3.send(new GetObjectCommand({ Bucket: input.rawBucket, Key: key, VersionId: read.source.versionId ?? undefined }));
    } catch (error) {
      if (isNotFound(error)) {
        read = { ...read, absent: true };
        throw new PermanentFailure('OBJECT_NOT_FOUND', `s3://${input.rawBucket}/${key} no longer exists (deleted before it was processed)`, { cause: error });
      }
      throw error;
    }
    // What was actually read is what the outputs record (the object may have changed since the event).
    read = {
      source: { ...read.source, etag: unquoteEtag(object.ETag) ?? read.source.etag, versionId: object.VersionId ?? read.source.versionId },
      readCurrent: !read.source.versionId,
    };
    bytes = object.ContentLength ?? bytes;
    if (documentHead && !force && stampMatches(documentHead.stamp, read.source) && renderingsUpToDate(read.source)) {
      discardBody(object.Body);
      return skipped('up-to-date', outputs.document);
    }
    if (bytes !== null && bytes > config.maxObjectBytes) {
      discardBody(object.Body);
      throw tooLarge(bytes, config.maxObjectBytes);
    }
    const raw = await readBody(object.Body, config.maxObjectBytes, object.ContentLength);
    bytes = raw.length;

    const cleanStarted = performance.now();
    const cleaned = cleanOrFail(raw, key, object, input.cleanOptions);
    const cleanMs = performance.now() - cleanStarted;
    const { source } = read;
    const document: CleanDocument = {
      ...cleaned,
      source: { ...cleaned.source, bucket: source.bucket, key: source.key, versionId: source.versionId, etag: source.etag },
    };
    const written = await writeOutputConditionally({
      s3,
      read,
      output: jsonOutput(config.cleanBucket, outputs.document, document, stampMetadata(source), null),
      head: documentHead,
      others: [errorHead?.stamp ?? null],
      force,
    });
    if (written.outcome === 'superseded') return skipped(written.outcome, outputs.document);
    // The renderings follow the document, each written under the same rules (and skipped once up to date).
    const renderings: string[] = [];
    for (const [i, format] of formats.entries()) {
      const rendered = await writeOutputConditionally({
        s3,
        read,
        output: { bucket: config.cleanBucket, key: outputs[format], body: renderAs(document, format), contentType: RENDER_CONTENT_TYPES[format], metadata: stampMetadata(source), errorCode: null },
        head: renderingHeads[i] ?? null,
        others: [documentHead?.stamp ?? null, errorHead?.stamp ?? null],
        force,
      });
      if (rendered.outcome === 'superseded') return skipped('superseded', outputs.document);
      if (rendered.outcome === 'written') renderings.push(outputs[format]);
    }
    if (written.outcome !== 'written' && renderings.length === 0) return skipped(written.outcome, outputs.document);
    const previous = written.outcome === 'written' ? written.replaced?.stamp.sourceKey : undefined;
    return {
      ...base,
      outcome: 'written',
      outputKey: outputs.document,
      source,
      bytes,
      document,
      words: document.quality.bodyWords,
      cleanMs,
      documentWritten: written.outcome === 'written',
      renderings,
      replacedSourceKey: previous && previous !== key ? previous : null,
      durationMs: elapsed(),
    };
  } catch (error) {
    if (!isPermanent(error)) throw error;
    const code = failureCode(error);
    const { source } = read;
    const record = errorRecord(error, { name: key, bytes, bucket: source.bucket, key, versionId: source.versionId, etag: source.etag }, input.cleanOptions?.now?.());
    const written = await writeOutputConditionally({
      s3,
      read,
      output: jsonOutput(config.cleanBucket, outputs.error, record, stampMetadata(source, code), code),
      head: errorHead,
      others: [documentHead?.stamp ?? null],
      force,
    });
    if (written.outcome === 'superseded') return skipped('superseded', outputs.error);
    return errorRecordResult(base, outputs.error, record, error, bytes, written.outcome === 'written', elapsed());
  }
}
