/**
 * The processing path of a WARC object (`.warc`, `.warc.gz`) in the raw bucket: its pages become
 * `<OUTPUT_PREFIX><stem>.jsonl.gz` in the clean bucket (one document or error record per line,
 * in record order) beside `<OUTPUT_PREFIX><stem>.manifest.json` (the counts), streamed from S3 to
 * S3: the object is read as a stream (src/core/warc), a range's lines are held gzipped (tens of
 * MB at most) and the finished file is one streamed PUT of the parts, so memory never holds the
 * WARC nor its whole output.
 *
 * A WARC larger than one invocation can clean (Common Crawl's are about 1 GB, 30,000-40,000
 * records; a 120 s function cleans a few thousand pages) is done in ranges of records:
 *
 *   range 1: records from the start, until the invocation's time runs low (or `maxRangeRecords`)
 *            → part 1 = warc-parts/<stem>/<ETag>/<pipeline version>/00001.jsonl.gz, with where it ended in its metadata
 *            → a continuation message for range 2 on the function's own queue, in the internal
 *              format (src/pipeline/object-message.ts) with `warcRange` { part, offset, skip, index }
 *   range k: a ranged GET of the object from the position range k-1 ended at (a gzip member, or
 *            the byte of a record), read on from there …
 *   last:    the file ends → the parts are joined (gzip members concatenate into one gzip file)
 *            into <stem>.jsonl.gz, and the manifest is written.
 *
 * Each range is written once, whatever retries happen: a part is created only if its key is free
 * (If-None-Match: *), so a retried range that finds its part done takes the end that part
 * recorded, not where its own reading would have stopped; the next range starts from that end;
 * the join takes parts 1..n in order, each once. Every range reads the object with If-Match on
 * the ETag that range 1 read: if the object is replaced meanwhile, the chain stops (the new
 * object's own event starts a new one), and parts are keyed by ETag, so two versions never mix.
 *
 * S3 permissions: s3:GetObject on the raw object; s3:GetObject and s3:PutObject under the output,
 * error and parts prefixes of the clean bucket; sqs:SendMessage on the function's queue for the
 * continuations.
 */
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { Readable } from 'node:stream';
import { createHash, randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { errorRecord } from '../core/records.js';
import type { CleanOptions } from '../core/options.js';
import { addWarcCounts, cleanWarc, countWarcOutcome, emptyWarcCounts, WarcReader, type WarcCounts, type WarcPosition } from '../core/warc/index.js';
import { PIPELINE_VERSION } from '../core/version.js';
import { warcStem } from '../core/warc/names.js';
import type { PipelineConfig } from './config.js';
import { httpStatusOf, PermanentFailure, isForbidden, isNotFound, TruncatedBodyError } from './failures.js';

import { HASHED_KEYS_FOLDER, isSafeOutputKey, OUTPUT_CONTENT_TYPE, WARC_OUTPUT_SUFFIXES } from './process-object.js';
import { readStamp, stampMatches, stampMetadata, unquoteEtag, type SourceRef } from './stamp.js';
import { WARC_PIPELINE_DEFAULTS, type WarcPipelineSettings } from './warc-settings.js';

export { WARC_PIPELINE_DEFAULTS };

/** Where a range starts: the continuation's part of an internal-format message. */
export interface WarcRange {
  /** Number of the part this range writes, from 1. */
  readonly part: number;
  /** Position of its first record in the stored file (see src/core/warc/members.ts). */
  readonly offset: number;
  readonly skip: number;
  /** Index of its first record among the records of the file. */
  readonly index: number;
  /**
   * A forced reprocess's chain: its parts go to a folder of their own (a UUID), so that its ranges
   * are written once, as any chain's, though the parts of an earlier run of the same bytes are there.
   */
  readonly run?: string;
}

/** The next range of a chain, in the chain's folder. */
function nextRange(range: WarcRange, end: WarcPosition, index: number): WarcRange {
  return { part: range.part + 1, offset: end.offset, skip: end.skip, index, ...(range.run ? { run: range.run } : {}) };
}

/** Where a chain's parts are: the version's folder for the object's bytes, and a forced chain's own folder in it. */
function chainFolder(keys: WarcOutputKeys, etag: string, range: WarcRange): string {
  return keys.partsFolder(etag) + (range.run ? `${range.run}/` : '');
}

export const FIRST_RANGE: WarcRange = { part: 1, offset: 0, skip: 0, index: 0 };

export const JSONL_GZ_CONTENT_TYPE = 'application/x-ndjson';
export const MANIFEST_KIND = 'scrape-clean/warc-manifest';

/**
 * The record of a finished range: its marker object (`00001.json`), written after its lines
 * (`00001-<attempt>.jsonl.gz`) and only if no other attempt wrote one first. The marker is the
 * range's commit: the lines it names are the range's, whatever other attempts left behind.
 */
interface PartRecord {
  readonly part: number;
  /** Key of the lines of the range, and their size. */
  readonly lines: string;
  readonly bytes: number;
  readonly start: WarcPosition;
  /** null: the range ended with the file. */
  readonly end: WarcPosition | null;
  readonly firstIndex: number;
  readonly nextIndex: number;
  readonly counts: WarcCounts;
}

export interface WarcManifest {
  readonly kind: typeof MANIFEST_KIND;
  readonly pipelineVersion: string;
  /** Timestamp of the join (the one field that differs between two runs on the same bytes). */
  readonly processedAt: string;
  readonly source: { readonly bucket: string; readonly key: string; readonly versionId: string | null; readonly etag: string | null; readonly bytes: number | null };
  readonly output: string;
  readonly counts: WarcCounts;
  /** One range per invocation that cleaned records. */
  readonly ranges: ReadonlyArray<{ part: number; key: string; start: WarcPosition; end: WarcPosition | null; records: number; documents: number; errors: number }>;
}

export interface WarcOutputKeys {
  readonly lines: string;
  readonly manifest: string;
  readonly error: string;
  /**
   * Folder of the parts of one version of the object made by this pipeline version: a later release
   * cleaning the same bytes again (a backfill) makes parts of its own rather than meeting the earlier
   * release's markers, which hold the names If-None-Match: * refuses it (they expire after 7 days).
   */
  partsFolder(etag: string): string;
}

/**
 * `a/crawl.warc.gz` → `documents/a/crawl.jsonl.gz`, `documents/a/crawl.manifest.json`, `errors/a/crawl.warc.error.json` (the
 * CLI's name too; `crawl.error.json` is the error record of a page `a/crawl.html`, which the two overwrote).
 */
export function warcOutputKeys(key: string, config: Pick<PipelineConfig, 'outputPrefix' | 'errorPrefix'>, partsPrefix: string = WARC_PIPELINE_DEFAULTS.partsPrefix): WarcOutputKeys {
  const named = (stem: string) => ({
    lines: `${config.outputPrefix}${stem}${WARC_OUTPUT_SUFFIXES.lines}`,
    manifest: `${config.outputPrefix}${stem}${WARC_OUTPUT_SUFFIXES.manifest}`,
    error: `${config.errorPrefix}${stem}${WARC_OUTPUT_SUFFIXES.error}`,
  });
  let keys = named(warcStem(key));
  if (![keys.lines, keys.manifest].every((k) => isSafeOutputKey(config.outputPrefix, k)) || !isSafeOutputKey(config.errorPrefix, keys.error)) {
    // The same rule as every other output (see outputKeysFor): keys that cannot name a file go by hash.
    keys = named(`${HASHED_KEYS_FOLDER}${createHash('sha256').update(key).digest('hex')}`);
  }
  return {
    ...keys,
    partsFolder: (etag: string) => `${partsPrefix}${createHash('sha256').update(key).digest('hex').slice(0, 16)}/${etag}/${PIPELINE_VERSION}/`,
  };
}

export interface ProcessWarcInput {
  readonly s3: S3Client;
  readonly config: PipelineConfig;
  readonly rawBucket: string;
  readonly key: string;
  readonly versionId?: string | null;
  readonly etag?: string | null;
  readonly size?: number | null;
  readonly force?: boolean;
  /** The range to do; the first when absent (an S3 event). */
  readonly range?: WarcRange;
  /** Milliseconds left in the invocation. */
  readonly remainingMs: () => number;
  /** Sends the continuation of the chain (the next range) to the function's queue. */
  readonly continueWith: (range: WarcRange, source: SourceRef) => Promise<void>;
  readonly settings?: Partial<WarcPipelineSettings>;
  readonly cleanOptions?: Partial<Omit<CleanOptions, 'explain'>>;
}

export type WarcResult =
  | {
      readonly outcome: 'range-written';
      readonly part: number;
      readonly counts: WarcCounts;
      /** The range after this one was sent to the queue. */
      readonly continued: boolean;
      /** The last range: the lines and the manifest were written. */
      readonly finished: WarcManifest | null;
      readonly outputKey: string;
      readonly cleanMs: number;
      /** The manifest replaced was another raw key's (`crawl.warc` and `crawl.warc.gz` share their outputs): that key. */
      readonly replacedSourceKey?: string | null;
    }
  | {
      readonly outcome: 'skipped';
      readonly part: number;
      /** restarted: the range before this one is no part of this pipeline version's (a chain begun before a release): the chain starts over at range 1. */
      readonly reason: 'up-to-date' | 'range-done' | 'superseded' | 'restarted';
      readonly outputKey: string;
    }
  | { readonly outcome: 'error-record'; readonly part: number; readonly code: string; readonly message: string; readonly outputKey: string };

const partNumber = (part: number): string => String(part).padStart(5, '0');
const markerKey = (folder: string, part: number): string => `${folder}${partNumber(part)}.json`;
const linesKey = (folder: string, part: number, attempt: string): string => `${folder}${partNumber(part)}-${attempt}.jsonl.gz`;

/** HEAD, or null when there is nothing (404, or 403 without s3:ListBucket). */
/** S3 answered 412: the key was taken by another writer (If-None-Match), or the object changed (If-Match). */
function isPreconditionFailed(error: unknown): boolean {
  return httpStatusOf(error) === 412 || (error as { name?: string } | undefined)?.name === 'PreconditionFailed';
}

async function headOrNull(s3: S3Client, bucket: string, key: string) {
  try {
    return await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
  } catch (error) {
    if (isNotFound(error) || isForbidden(error)) return null;
    throw error;
  }
}

/** The marker of a finished range made from these bytes, or null. */
async function readMarker(s3: S3Client, bucket: string, key: string, source: SourceRef): Promise<PartRecord | null> {
  try {
    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    if (!stampMatches(readStamp(object.Metadata), source)) {
      (object.Body as { destroy?: () => void } | undefined)?.destroy?.();
      return null;
    }
    return JSON.parse(await object.Body!.transformToString('utf-8')) as PartRecord;
  } catch (error) {
    if (isNotFound(error) || isForbidden(error) || error instanceof SyntaxError) return null;
    throw error;
  }
}

export async function processWarcObject(input: ProcessWarcInput): Promise<WarcResult> {
  const { s3, config } = input;
  const settings: WarcPipelineSettings = { ...WARC_PIPELINE_DEFAULTS, ...input.settings };
  const given = input.range ?? FIRST_RANGE;
  // A forced reprocess rewrites every range, so it starts a chain of its own: overwriting the parts of a chain
  // in place let a range delivered twice record another end than the one its chain went on from (records lost
  // or doubled in the lines without a word).
  const range: WarcRange = input.force && given.part === 1 && !given.run ? { ...given, run: randomUUID() } : given;
  const keys = warcOutputKeys(input.key, config, settings.partsPrefix);
  let source: SourceRef = { bucket: input.rawBucket, key: input.key, versionId: input.versionId ?? null, etag: unquoteEtag(input.etag), sequencer: null };

  // The first range of an object whose outputs are up to date does nothing (a redelivered event, a backfill).
  if (range.part === 1 && !input.force && source.etag !== null && (await joined(input, keys, source))) {
    return { outcome: 'skipped', part: 1, reason: 'up-to-date', outputKey: keys.lines };
  }

  // A range whose part exists was done by an earlier attempt: go on from where that part ended.
  if (source.etag !== null) {
    const done = await finishedPart(input, keys, source, range);
    if (done) return done;
  }
  // A continuation whose previous range this version did not write: the chain began under an earlier release, whose
  // parts are in its own folder, so the join would find none to join (and failed until dead-lettered). It starts over.
  if (range.part > 1 && source.etag !== null && !(await readMarker(s3, config.cleanBucket, markerKey(chainFolder(keys, source.etag, range), range.part - 1), source))) {
    await input.continueWith(FIRST_RANGE, source);
    return { outcome: 'skipped', part: range.part, reason: 'restarted', outputKey: keys.lines };
  }

  let object;
  try {
    object = await s3.send(
      new GetObjectCommand({
        Bucket: input.rawBucket,
        Key: input.key,
        VersionId: source.versionId ?? undefined,
        // Every range reads the bytes the first one read.
        IfMatch: range.part > 1 && source.etag ? `"${source.etag}"` : undefined,
        Range: range.offset > 0 ? `bytes=${range.offset}-` : undefined,
      }),
    );
  } catch (error) {
    if (isPreconditionFailed(error)) return { outcome: 'skipped', part: range.part, reason: 'superseded', outputKey: keys.lines };
    if (isNotFound(error)) return writeObjectError(input, keys, source, new PermanentFailure('OBJECT_NOT_FOUND', `s3://${input.rawBucket}/${input.key} no longer exists (deleted before it was processed)`));
    throw error;
  }
  source = { ...source, etag: unquoteEtag(object.ETag) ?? source.etag, versionId: object.VersionId ?? source.versionId };
  const etag = source.etag ?? 'no-etag';
  const folder = chainFolder(keys, etag, range);
  if (range.part === 1 && source.etag !== null && !input.force && input.etag == null) {
    // The event named no ETag (a listing without one): check for a finished part now that it is known.
    const done = await finishedPart(input, keys, source, range);
    if (done) {
      (object.Body as { destroy?: () => void } | undefined)?.destroy?.();
      return done;
    }
  }

  const started = performance.now();
  const body = object.Body as AsyncIterable<Uint8Array>;
  // The bytes S3 handed over, held against its Content-Length once the reader has had them all.
  let received = 0;
  const counted = (async function* () {
    for await (const chunk of body) {
      received += chunk.length;
      yield chunk;
    }
  })();
  const reader = new WarcReader(counted, { start: { offset: range.offset, skip: range.skip }, firstIndex: range.index });
  const counts = emptyWarcCounts();
  const lines = linesKey(folder, range.part, randomUUID());
  // The range's lines, gzipped in blocks (gzip members concatenate into one gzip file): held
  // until the range ends, at most maxRangeOutputBytes, then put in one request.
  const blocks: Uint8Array[] = [];
  let outputBytes = 0;
  let pending: string[] = [];
  let pendingBytes = 0;
  const flush = (): void => {
    if (pending.length === 0) return;
    const block = gzipSync(pending.join(''));
    blocks.push(block);
    outputBytes += block.length;
    pending = [];
    pendingBytes = 0;
  };
  let end: WarcPosition | null;
  try {
    let stopped = false;
    for await (const outcome of cleanWarc(reader, { file: input.key, clean: { ...input.cleanOptions, explain: false } })) {
      countWarcOutcome(counts, outcome);
      if (outcome.kind !== 'skipped') {
        const value =
          outcome.kind === 'document'
            ? { ...outcome.document, source: { ...outcome.document.source, bucket: source.bucket, key: source.key, versionId: source.versionId, etag: source.etag } }
            : outcome.errorRecord;
        const line = `${JSON.stringify(value)}\n`;
        pending.push(line);
        pendingBytes += line.length;
        if (pendingBytes >= settings.gzipBlockBytes) flush();
      }
      if (!stopped && (input.remainingMs() < settings.stopMarginMs || counts.records >= settings.maxRangeRecords || outputBytes >= settings.maxRangeOutputBytes)) {
        // A segmented record held by the reader is given in part when the range stops (its other segments in the next
        // range are not joined to it), so the range waits for them while it can: to segmentWaitMarginMs, within its output size.
        if (reader.holdsSegments && input.remainingMs() >= settings.segmentWaitMarginMs && outputBytes < settings.maxRangeOutputBytes) continue;
        stopped = true;
        // The reader ends after giving the segmented records it holds.
        reader.stop();
      }
    }
    end = stopped ? await reader.nextPosition() : null;
    // A connection that closed early without an error ends the stream between two records (or inside
    // one): the records after it would be missing from lines that pass for the whole file. Retried.
    if (end === null && object.ContentLength != null && received < object.ContentLength) {
      throw new TruncatedBodyError(`object body ended after ${received} of ${object.ContentLength} bytes`);
    }
  } finally {
    (body as { destroy?: () => void }).destroy?.();
  }
  flush();
  const linesBody = Buffer.concat(blocks, outputBytes);
  await s3.send(new PutObjectCommand({ Bucket: config.cleanBucket, Key: lines, Body: linesBody, ContentType: JSONL_GZ_CONTENT_TYPE, Metadata: stampMetadata(source) }));
  const record: PartRecord = { part: range.part, lines, bytes: linesBody.length, start: { offset: range.offset, skip: range.skip }, end, firstIndex: range.index, nextIndex: reader.nextIndex, counts };
  try {
    await s3.send(
      new PutObjectCommand({
        Bucket: config.cleanBucket,
        Key: markerKey(folder, range.part),
        Body: JSON.stringify(record),
        ContentType: OUTPUT_CONTENT_TYPE,
        Metadata: stampMetadata(source),
        IfNoneMatch: '*',
      }),
    );
  } catch (error) {
    if (!isPreconditionFailed(error)) throw error;
    // Another attempt of this range finished first: its marker stands, and so does where it ended.
    const done = await finishedPart(input, keys, source, range);
    if (done) return done;
    throw error;
  }
  const cleanMs = performance.now() - started;
  if (end !== null) {
    await input.continueWith(nextRange(range, end, reader.nextIndex), source);
    return { outcome: 'range-written', part: range.part, counts, continued: true, finished: null, outputKey: lines, cleanMs };
  }
  // Another raw key of the same stem (`crawl.warc`, `crawl.warc.gz`) may have written these outputs: said, as for documents.
  const previous = await headOrNull(s3, config.cleanBucket, keys.manifest);
  const previousKey = previous ? readStamp(previous.Metadata).sourceKey : null;
  const manifest = await joinParts(input, keys, source, folder, range.part, object.ContentLength != null ? range.offset + object.ContentLength : (input.size ?? null));
  const replacedSourceKey = previousKey !== null && previousKey !== input.key ? previousKey : null;
  return { outcome: 'range-written', part: range.part, counts, continued: false, finished: manifest, outputKey: keys.lines, cleanMs, replacedSourceKey };
}

/**
 * The result of a range whose part is already there (a retry, a duplicate message): the chain
 * goes on from the part's recorded end, or the parts are joined if it was the last.
 */
async function finishedPart(input: ProcessWarcInput, keys: WarcOutputKeys, source: SourceRef, range: WarcRange): Promise<WarcResult | null> {
  const { part } = range;
  const folder = chainFolder(keys, source.etag!, range);
  const record = await readMarker(input.s3, input.config.cleanBucket, markerKey(folder, part), source);
  if (!record) return null;
  if (record.end !== null) {
    await input.continueWith(nextRange(range, record.end, record.nextIndex), source);
    return { outcome: 'skipped', part, reason: 'range-done', outputKey: record.lines };
  }
  if (!(await joined(input, keys, source))) await joinParts(input, keys, source, folder, part, input.size ?? null);
  return { outcome: 'skipped', part, reason: 'range-done', outputKey: keys.lines };
}

/**
 * Whether the lines and the manifest were both written from these bytes by this version. The lines
 * alone are not enough: an invocation that ends between their PUT and the manifest's (a 150 MB join
 * near its timeout) leaves current lines beside no manifest, or an earlier release's.
 */
async function joined(input: ProcessWarcInput, keys: WarcOutputKeys, source: SourceRef): Promise<boolean> {
  const heads = await Promise.all([keys.lines, keys.manifest].map((key) => headOrNull(input.s3, input.config.cleanBucket, key)));
  return heads.every((head) => head !== null && stampMatches(readStamp(head.Metadata), source));
}

/** Parts 1..last → the one JSON Lines file (gzip members concatenate), then the manifest. */
async function joinParts(input: ProcessWarcInput, keys: WarcOutputKeys, source: SourceRef, folder: string, last: number, bytes: number | null): Promise<WarcManifest> {
  const { s3, config } = input;
  const counts = emptyWarcCounts();
  const records: PartRecord[] = [];
  for (let part = 1; part <= last; part++) {
    const record = await readMarker(s3, config.cleanBucket, markerKey(folder, part), source);
    // Ranges run one after another, so every earlier marker exists; one missing is a bug or a deletion: retried, then dead-lettered.
    if (!record || record.part !== part) throw new Error(`range ${part} of ${source.key} has no marker under ${folder}`);
    records.push(record);
    addWarcCounts(counts, record.counts);
  }
  // One PUT of the parts one after another, streamed (S3 takes up to 5 GB in one PUT; a 1 GB WARC makes about 150 MB).
  const putLines = () =>
    s3.send(
      new PutObjectCommand({
        Bucket: config.cleanBucket,
        Key: keys.lines,
        Body: Readable.from(
          (async function* () {
            for (const record of records) {
              const object = await s3.send(new GetObjectCommand({ Bucket: config.cleanBucket, Key: record.lines }));
              yield* object.Body as AsyncIterable<Uint8Array>;
            }
          })(),
        ),
        ContentLength: records.reduce((sum, record) => sum + record.bytes, 0),
        ContentType: JSONL_GZ_CONTENT_TYPE,
        Metadata: stampMetadata(source),
      }),
    );
  await putLines();
  const ranges = records.map((record) => ({ part: record.part, key: record.lines, start: record.start, end: record.end, records: record.counts.records, documents: record.counts.documents, errors: record.counts.errors }));
  const manifest: WarcManifest = {
    kind: MANIFEST_KIND,
    pipelineVersion: PIPELINE_VERSION,
    processedAt: (input.cleanOptions?.now?.() ?? new Date()).toISOString(),
    source: { bucket: source.bucket, key: source.key, versionId: source.versionId, etag: source.etag, bytes },
    output: keys.lines,
    counts,
    ranges,
  };
  await s3.send(
    new PutObjectCommand({ Bucket: config.cleanBucket, Key: keys.manifest, Body: JSON.stringify(manifest, null, 2), ContentType: OUTPUT_CONTENT_TYPE, Metadata: stampMetadata(source) }),
  );
  // Another raw key of these outputs (crawl.warc beside crawl.warc.gz), or another version of the object, finishing at once
  // may have put its lines between ours and this manifest (lines of one, manifest of the other): while this manifest stands,
  // its lines are put again (a manifest put later has its writer do the same), so the two are always of one source.
  const ours = async (key: string) => {
    const head = await headOrNull(s3, config.cleanBucket, key);
    return head !== null && stampMatches(readStamp(head.Metadata), source);
  };
  while ((await ours(keys.manifest)) && !(await ours(keys.lines))) await putLines();
  return manifest;
}

async function writeObjectError(input: ProcessWarcInput, keys: WarcOutputKeys, source: SourceRef, error: PermanentFailure): Promise<WarcResult> {
  const record = errorRecord(error, { name: input.key, bytes: input.size ?? null, bucket: source.bucket, key: source.key, versionId: source.versionId, etag: source.etag }, input.cleanOptions?.now?.());
  await input.s3.send(
    new PutObjectCommand({ Bucket: input.config.cleanBucket, Key: keys.error, Body: JSON.stringify(record), ContentType: OUTPUT_CONTENT_TYPE, Metadata: stampMetadata(source, error.code) }),
  );
  return { outcome: 'error-record', part: input.range?.part ?? 1, code: error.code, message: error.message, outputKey: keys.error };
}
