/**
 * The summary of a backfill execution on AWS: the last step of the state machine
 * (lib/backfill-definition.ts) calls this (functions/backfill-summary.ts) once its Distributed
 * Map has ended, whether it succeeded or failed. It reads what the map's ResultWriter stored in
 * the clean bucket (a manifest.json naming SUCCEEDED_*, FAILED_* and PENDING_* files of JSON
 * lines, one line per child workflow execution, i.e. per batch), adds up the outcome of every
 * object, and writes `summary.json` next to the results:
 *
 * - a succeeded batch's Output is the list of its objects' outcomes (written, skipped,
 *   error-record, ignored, dead-lettered);
 * - a failed batch (its invocations kept failing) names in its Cause how many of its objects
 *   were not settled (they are in the dead-letter queue, or not even there) and how many an
 *   earlier attempt had settled;
 * - pending batches were never started (the map run failed or was stopped first).
 *
 * The answer, small enough for the execution's output, holds the counts and where the summary is.
 */
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { BACKFILL_ERRORS } from '../pipeline/contract.js';
import type { ObjectMessage, ObjectOutcome } from '../pipeline/object-message.js';
import { BackfillTally, type TallyJson } from './tally.js';

export const SUMMARY_FILE = 'summary.json';
/** Failed batches described one by one in the summary; the rest are counted. */
export const LISTED_FAILED_BATCHES_MAX = 100;
/** Error codes in the execution's output (the summary file has them all). */
const CODES_IN_OUTPUT = 20;

export interface SummaryRequest {
  readonly executionName: string;
  readonly startedAt?: string;
  readonly source: { readonly bucket: string; readonly prefix?: string; readonly manifestKey?: string };
  readonly force?: boolean;
  /** The Distributed Map's result: { MapRunArn, ResultWriterDetails: { Bucket, Key } }. */
  readonly mapRun?: { readonly MapRunArn?: string; readonly ResultWriterDetails?: { readonly Bucket?: string; readonly Key?: string } };
  /** The Distributed Map's error, when it failed. */
  readonly mapError?: { readonly Error?: string; readonly Cause?: string };
}

export interface SummaryConfig {
  readonly cleanBucket: string;
  /** Where each execution's results go: `<resultsPrefix><execution name>/`. */
  readonly resultsPrefix: string;
}

export interface FailedBatch {
  readonly executionArn: string | null;
  readonly error: string;
  readonly cause: string;
  readonly objects: number;
  /** Objects of the batch not settled: in the dead-letter queue (BatchDeadLettered), or not processed. */
  readonly unsettled: number;
  /** Objects an earlier attempt of the batch had settled; their outcomes are not recorded. */
  readonly settled: number;
}

export interface BackfillSummary extends TallyJson {
  readonly executionName: string;
  /** complete: every object has an outcome; failed: the map run failed or objects were left out. */
  readonly status: 'complete' | 'failed';
  readonly source: SummaryRequest['source'];
  readonly force: boolean;
  readonly startedAt: string | null;
  readonly finishedAt: string;
  readonly elapsedSeconds: number | null;
  readonly mapRunArn: string | null;
  readonly mapError: { error: string; cause: string } | null;
  /** Where the Distributed Map's result files are (its manifest.json), when it wrote any. */
  readonly resultsManifest: string | null;
  /** Objects of failed batches whose outcome is not recorded (settled by an earlier attempt). */
  readonly outcomeNotRecorded: number;
  /** Objects never started: the map run ended before their batch ran. */
  readonly notStarted: number;
  readonly failedBatches: FailedBatch[];
  readonly failedBatchesNotListed: number;
  /** Every failed object: error records, dead-lettered and not processed. */
  readonly failed: number;
}

/** What the state machine gets back (the execution's output): counts and the summary's place. */
export interface SummaryResult extends Omit<BackfillSummary, 'failures' | 'failedBatches' | 'failuresByCode'> {
  readonly summaryBucket: string;
  readonly summaryKey: string;
  readonly failuresByCode: Record<string, number>;
}

interface ResultManifest {
  readonly ResultFiles?: Partial<Record<'SUCCEEDED' | 'FAILED' | 'PENDING', { Key: string }[]>>;
}

/** One line of a result file (Transformation NONE): a child workflow execution. */
interface ChildRecord {
  readonly ExecutionArn?: string;
  readonly Input?: string;
  readonly Output?: string;
  readonly Error?: string;
  readonly Cause?: string;
}

function parse<T>(text: string | undefined): T | null {
  if (text === undefined || text === '') return null;
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
}

async function readText(s3: S3Client, bucket: string, key: string): Promise<string> {
  const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return object.Body!.transformToString('utf-8');
}

/**
 * The records of a result file: JSON Lines (the WriterConfig of the state machine), read line by
 * line without holding the file; a file that is one JSON array (a ResultWriter without
 * WriterConfig) is read whole.
 */
async function* records(s3: S3Client, bucket: string, key: string): AsyncGenerator<ChildRecord> {
  const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  let array: string[] | null = null;
  for await (const line of createInterface({ input: object.Body as Readable, crlfDelay: Infinity })) {
    const text = line.trim();
    if (text === '') continue;
    if (array === null && text.startsWith('[')) array = [];
    if (array !== null) {
      array.push(line);
      continue;
    }
    const record = parse<ChildRecord>(text);
    if (record) yield record;
  }
  if (array !== null) {
    const value = parse<ChildRecord[]>(array.join('\n'));
    if (Array.isArray(value)) yield* value;
  }
}

/** Finds the map run's manifest.json under the execution's results folder. */
async function findManifest(s3: S3Client, config: SummaryConfig, executionName: string): Promise<string | null> {
  const prefix = `${config.resultsPrefix}${executionName}/`;
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: config.cleanBucket, Prefix: prefix, ContinuationToken: token }));
    const manifest = page.Contents?.find((o) => o.Key?.endsWith('/manifest.json'));
    if (manifest?.Key) return manifest.Key;
    token = page.NextContinuationToken;
  } while (token);
  return null;
}

function itemsOf(record: ChildRecord): ObjectMessage[] {
  const input = parse<{ Items?: ObjectMessage[] }>(record.Input);
  return Array.isArray(input?.Items) ? input.Items : [];
}

export async function summarize(s3: S3Client, config: SummaryConfig, request: SummaryRequest, now: () => Date = () => new Date()): Promise<SummaryResult> {
  const tally = new BackfillTally('dead-letter');
  const failedBatches: FailedBatch[] = [];
  let failedBatchesNotListed = 0;
  let outcomeNotRecorded = 0;
  let notStarted = 0;

  const manifestKey = request.mapRun?.ResultWriterDetails?.Key ?? (await findManifest(s3, config, request.executionName));
  const manifest = manifestKey ? parse<ResultManifest>(await readText(s3, config.cleanBucket, manifestKey)) : null;
  const files = manifest?.ResultFiles ?? {};

  for (const file of files.SUCCEEDED ?? []) {
    for await (const record of records(s3, config.cleanBucket, file.Key)) {
      const outcomes = parse<ObjectOutcome[]>(record.Output);
      if (Array.isArray(outcomes)) for (const outcome of outcomes) tally.add(outcome);
    }
  }
  for (const file of files.FAILED ?? []) {
    for await (const record of records(s3, config.cleanBucket, file.Key)) {
      const items = itemsOf(record);
      const cause = parse<{ error?: string; cause?: string; unsettled?: number; settled?: number }>(record.Cause);
      const settled = Math.min(cause?.settled ?? 0, items.length);
      const unsettled = items.length - settled;
      const deadLettered = record.Error === BACKFILL_ERRORS.batchDeadLettered;
      const code = cause?.error ?? record.Error ?? 'UNKNOWN';
      const message = (cause?.cause ?? record.Cause ?? '').slice(0, 300);
      if (settled === 0) {
        // Every object of the batch is unsettled: each one is a failure, by key.
        for (const item of items) tally.add({ key: item.key, outcome: deadLettered ? 'dead-lettered' : 'retry', code, message });
      } else {
        // Which objects were settled is not recorded: count them, and the batch below.
        outcomeNotRecorded += settled;
        for (let i = 0; i < unsettled; i++) tally.add({ key: `(one of the unsettled objects of ${record.ExecutionArn ?? 'a failed batch'})`, outcome: deadLettered ? 'dead-lettered' : 'retry', code, message });
      }
      const batch: FailedBatch = { executionArn: record.ExecutionArn ?? null, error: record.Error ?? 'UNKNOWN', cause: message, objects: items.length, unsettled, settled };
      if (failedBatches.length < LISTED_FAILED_BATCHES_MAX) failedBatches.push(batch);
      else failedBatchesNotListed++;
    }
  }
  for (const file of files.PENDING ?? []) {
    for await (const record of records(s3, config.cleanBucket, file.Key)) notStarted += Math.max(itemsOf(record).length, 1);
  }

  const finishedAt = now();
  const startedAt = request.startedAt ?? null;
  const elapsedSeconds = startedAt ? Math.max(0, (finishedAt.getTime() - Date.parse(startedAt)) / 1000) : null;
  const mapError = request.mapError ? { error: request.mapError.Error ?? 'UNKNOWN', cause: (request.mapError.Cause ?? '').slice(0, 2000) } : null;
  const counted = tally.toJSON();
  const summary: BackfillSummary = {
    executionName: request.executionName,
    status: mapError === null && notStarted === 0 ? 'complete' : 'failed',
    source: request.source,
    force: request.force ?? false,
    startedAt,
    finishedAt: finishedAt.toISOString(),
    elapsedSeconds: elapsedSeconds === null ? null : Number(elapsedSeconds.toFixed(3)),
    mapRunArn: request.mapRun?.MapRunArn ?? null,
    mapError,
    resultsManifest: manifestKey,
    ...counted,
    objects: counted.objects + outcomeNotRecorded,
    outcomeNotRecorded,
    notStarted,
    failedBatches,
    failedBatchesNotListed,
    failed: tally.failed,
  };
  const summaryKey = `${config.resultsPrefix}${request.executionName}/${SUMMARY_FILE}`;
  await s3.send(
    new PutObjectCommand({ Bucket: config.cleanBucket, Key: summaryKey, Body: `${JSON.stringify(summary, null, 2)}\n`, ContentType: 'application/json' }),
  );
  const { failures: _failures, failedBatches: _batches, failuresByCode, ...counts } = summary;
  return {
    ...counts,
    failuresByCode: Object.fromEntries(Object.entries(failuresByCode).slice(0, CODES_IN_OUTPUT)),
    summaryBucket: config.cleanBucket,
    summaryKey,
  };
}
