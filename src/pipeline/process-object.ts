/**
 * The processing path of one raw object, shared by the Lambda handler, the local pipeline and
 * the commands that reprocess objects outside of events:
 *
 *   HEAD own output (stamp up to date? → skipped) → size check → GET (streamed, capped) →
 *   core clean() → PUT document | PUT error record
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
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import { clean } from '../core/clean.js';
import { CleanError, isCleanError, type CleanErrorCode } from '../core/errors.js';
import type { CleanOptions } from '../core/options.js';
import { errorRecord, outputKeyFor } from '../core/records.js';
import type { CleanDocument, ErrorRecord } from '../core/schema.js';
import type { PipelineConfig } from './config.js';
import { PermanentFailure, RECORDED_FAILURES_FINAL, failureCode, isForbidden, isNotFound, isPermanent } from './failures.js';
import { discardBody, readBody, tooLarge } from './read-body.js';
import { compareSequencers, readStamp, stampMatches, stampMetadata, unquoteEtag, type SourceRef, type Stamp } from './stamp.js';
import { countWords } from './words.js';

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
 * Folder, under the output and error prefixes, of the outputs of raw keys that cannot name an
 * output as they are (see outputKeysFor).
 */
export const HASHED_KEYS_FOLDER = 'by-key-hash/';

/** A path segment that is empty or a dot segment, with / or \ as the separator. */
const UNSAFE_SEGMENT = /(?:^|[\\/])\.{0,2}(?:[\\/]|$)/;
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

/** An output key under its prefix that reads the same as an S3 key and as a path, and that S3 accepts. */
function isSafeOutputKey(prefix: string, outputKey: string): boolean {
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
export function outputKeysFor(key: string, config: Pick<PipelineConfig, 'outputPrefix' | 'errorPrefix'>): { document: string; error: string } {
  const document = config.outputPrefix + outputKeyFor(key, 'document');
  const error = config.errorPrefix + outputKeyFor(key, 'error');
  if (isSafeOutputKey(config.outputPrefix, document) && isSafeOutputKey(config.errorPrefix, error)) return { document, error };
  const hash = createHash('sha256').update(key).digest('hex');
  return { document: `${config.outputPrefix}${HASHED_KEYS_FOLDER}${hash}.json`, error: `${config.errorPrefix}${HASHED_KEYS_FOLDER}${hash}.error.json` };
}

/** The stamp of an existing output, or null when there is none (404, or 403 without ListBucket). */
export async function readOutputStamp(s3: S3Client, bucket: string, key: string): Promise<Stamp | null> {
  try {
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return readStamp(head.Metadata);
  } catch (error) {
    if (isNotFound(error) || isForbidden(error)) return null;
    throw error;
  }
}

/**
 * The error record of a listed object when it is final (see ProcessObjectInput.trustErrorRecords):
 * its stamp records this source and pipeline version and its code is one the bytes alone decide.
 * `stamp`: the error record's, as read with readOutputStamp. Null when there is none, or when it must be made again.
 */
async function finalErrorRecord(s3: S3Client, bucket: string, key: string, stamp: Stamp | null, source: SourceRef, maxBytes: number): Promise<ErrorRecord | null> {
  if (!stamp || !stampMatches(stamp, source) || !stamp.errorCode || !RECORDED_FAILURES_FINAL.has(stamp.errorCode)) return null;
  try {
    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    const record = JSON.parse(Buffer.from(await readBody(object.Body, maxBytes, object.ContentLength)).toString('utf8')) as ErrorRecord;
    return record?.error?.code === stamp.errorCode ? record : null;
  } catch (error) {
    // Gone since the HEAD, or not an error record after all: the object is processed again.
    if (isNotFound(error) || error instanceof SyntaxError) return null;
    throw error;
  }
}

async function putJson(s3: S3Client, bucket: string, key: string, value: unknown, metadata: Record<string, string>): Promise<void> {
  await s3.send(
    new PutObjectCommand({ Bucket: bucket, Key: key, Body: JSON.stringify(value), ContentType: OUTPUT_CONTENT_TYPE, Metadata: metadata }),
  );
}

function cleanOrFail(bytes: Uint8Array, name: string, contentType: string | undefined, options: ProcessObjectInput['cleanOptions']): CleanDocument {
  try {
    return clean({ bytes, name, contentType: contentType ?? null }, { ...options, explain: false });
  } catch (error) {
    if (isCleanError(error)) throw error;
    // The core is a pure function of the bytes: retrying cannot help, an error record shows it.
    throw new PermanentFailure('INTERNAL_ERROR', `the cleaner failed unexpectedly: ${(error as Error)?.message ?? String(error)}`, { cause: error });
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
  const outputs = outputKeysFor(key, config);
  const base = { bucket: input.rawBucket, key, outputBucket: config.cleanBucket };
  const elapsed = () => performance.now() - started;
  let source: SourceRef = {
    bucket: input.rawBucket,
    key,
    versionId: input.versionId ?? null,
    etag: unquoteEtag(input.etag),
    sequencer: input.sequencer ?? null,
  };
  let bytes: number | null = input.size ?? null;
  /** The error record's stamp, once read (a listed object's record is looked at before the GET): not read twice. */
  let errorStamp: Stamp | null | undefined;

  try {
    const existing = input.force ? null : await readOutputStamp(s3, config.cleanBucket, outputs.document);
    if (existing) {
      if (
        source.sequencer &&
        existing.sourceSequencer &&
        existing.sourceKey === key &&
        compareSequencers(existing.sourceSequencer, source.sequencer) > 0
      ) {
        return { ...base, outcome: 'skipped', reason: 'superseded', outputKey: outputs.document, durationMs: elapsed() };
      }
      if (stampMatches(existing, source)) return { ...base, outcome: 'skipped', reason: 'up-to-date', outputKey: outputs.document, durationMs: elapsed() };
    }
    if (input.trustErrorRecords && !input.force && source.etag !== null) {
      errorStamp = await readOutputStamp(s3, config.cleanBucket, outputs.error);
      const record = await finalErrorRecord(s3, config.cleanBucket, outputs.error, errorStamp, source, config.maxObjectBytes);
      if (record) {
        const error = new CleanError(record.error.code as CleanErrorCode, record.error.message);
        return errorRecordResult(base, outputs.error, record, error, record.source.bytes ?? bytes, false, elapsed());
      }
    }
    if (bytes !== null && bytes > config.maxObjectBytes) throw tooLarge(bytes, config.maxObjectBytes);

    let object;
    try {
      object = await s3.send(new GetObjectCommand({ Bucket: input.rawBucket, Key: key, VersionId: source.versionId ?? undefined }));
    } catch (error) {
      if (isNotFound(error)) {
        throw new PermanentFailure('OBJECT_NOT_FOUND', `s3://${input.rawBucket}/${key} no longer exists (deleted before it was processed)`, { cause: error });
      }
      throw error;
    }
    // What was actually read is what the outputs record (the object may have changed since the event).
    source = { ...source, etag: unquoteEtag(object.ETag) ?? source.etag, versionId: object.VersionId ?? source.versionId };
    bytes = object.ContentLength ?? bytes;
    if (existing && !input.force && stampMatches(existing, source)) {
      discardBody(object.Body);
      return { ...base, outcome: 'skipped', reason: 'up-to-date', outputKey: outputs.document, durationMs: elapsed() };
    }
    if (bytes !== null && bytes > config.maxObjectBytes) {
      discardBody(object.Body);
      throw tooLarge(bytes, config.maxObjectBytes);
    }
    const raw = await readBody(object.Body, config.maxObjectBytes, object.ContentLength);
    bytes = raw.length;

    const cleanStarted = performance.now();
    const cleaned = cleanOrFail(raw, key, object.ContentType, input.cleanOptions);
    const cleanMs = performance.now() - cleanStarted;
    const document: CleanDocument = {
      ...cleaned,
      source: { ...cleaned.source, bucket: source.bucket, key: source.key, versionId: source.versionId, etag: source.etag },
    };
    await putJson(s3, config.cleanBucket, outputs.document, document, stampMetadata(source));
    const replacedSourceKey = existing?.sourceKey && existing.sourceKey !== key ? existing.sourceKey : null;
    return {
      ...base,
      outcome: 'written',
      outputKey: outputs.document,
      source,
      bytes,
      document,
      words: countWords(document.bodyText),
      cleanMs,
      replacedSourceKey,
      durationMs: elapsed(),
    };
  } catch (error) {
    if (!isPermanent(error)) throw error;
    const code = failureCode(error);
    const record = errorRecord(error, { name: key, bytes, bucket: source.bucket, key, versionId: source.versionId, etag: source.etag }, input.cleanOptions?.now?.());
    const existing = input.force ? null : errorStamp !== undefined ? errorStamp : await readOutputStamp(s3, config.cleanBucket, outputs.error);
    const rewritten = !(existing && stampMatches(existing, source) && existing.errorCode === code);
    if (rewritten) await putJson(s3, config.cleanBucket, outputs.error, record, stampMetadata(source, code));
    return errorRecordResult(base, outputs.error, record, error, bytes, rewritten, elapsed());
  }
}
