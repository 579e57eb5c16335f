/**
 * The clean function's part for WARC objects: one range of records per object event (see
 * ./warc-object.ts), its logs and metrics, its continuation sent to the function's own queue in
 * the internal format, and its outcome for a direct batch (the backfill).
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import type { S3Client } from '@aws-sdk/client-s3';
import type { PipelineConfig } from './config.js';
import type { ObjectEvent } from './events.js';
import { objectBatch, type ObjectOutcome } from './object-message.js';
import type { SourceRef } from './stamp.js';
import { processWarcObject, type ProcessWarcInput, type WarcRange, type WarcResult } from './warc-object.js';
import type { WarcPipelineSettings } from './warc-settings.js';

/** Metric names of WARC processing (beside the pipeline's, same namespace). */
export const WARC_METRICS = {
  /** Ranges written (one per invocation that cleaned records of a WARC). */
  warcRanges: 'warcRanges',
  /** WARC files finished: their JSON Lines file and manifest written. */
  warcFilesFinished: 'warcFilesFinished',
  /** Records read, and what they became. */
  warcRecords: 'warcRecords',
  warcDocuments: 'warcDocuments',
  warcErrorLines: 'warcErrorLines',
  warcSkippedRecords: 'warcSkippedRecords',
} as const;

export interface WarcHandlerDeps {
  readonly s3: S3Client;
  readonly config: PipelineConfig;
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly sendToQueue?: (body: string) => Promise<void>;
  readonly onWarcResult?: (result: WarcResult, key: string) => void;
  readonly warcSettings?: Partial<WarcPipelineSettings>;
}

/** The outcome of a WARC range, for a direct batch (the backfill) and `scrape-clean reprocess`. */
export function warcOutcomeOf(key: string, result: WarcResult): ObjectOutcome {
  switch (result.outcome) {
    case 'range-written':
      return { key, outcome: 'written', reason: `warc range ${result.part}${result.finished ? ': file finished' : ': continued on the queue'}` };
    case 'skipped':
      return { key, outcome: 'skipped', reason: result.reason };
    case 'error-record':
      return { key, outcome: 'error-record', code: result.code, message: result.message, rewritten: true };
  }
}

/**
 * A whole WARC file in this process, range after range, with no deadline (`scrape-clean
 * reprocess` from a machine). A retry after a failure starts from the first range and finds the
 * ranges already done by their markers. Resolves to the last range's result.
 */
export async function processWarcToEnd(input: Omit<ProcessWarcInput, 'range' | 'remainingMs' | 'continueWith'>, onRange?: (result: WarcResult) => void): Promise<WarcResult> {
  let range: WarcRange | undefined;
  let source = { etag: input.etag ?? null, versionId: input.versionId ?? null };
  while (true) {
    let next: WarcRange | null = null;
    const result = await processWarcObject({
      ...input,
      ...source,
      range,
      remainingMs: () => Number.POSITIVE_INFINITY,
      continueWith: async (nextRange, read) => {
        next = nextRange;
        source = { etag: read.etag, versionId: read.versionId };
      },
    });
    onRange?.(result);
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- set by continueWith during the await
    if (next === null) return result;
    range = next;
  }
}

export function createWarcHandler(deps: WarcHandlerDeps) {
  const { s3, config, logger, metrics } = deps;

  async function run(event: ObjectEvent, range: WarcRange | undefined, remainingMs: () => number): Promise<WarcResult> {
    // Without a queue to send it to, the next range runs here, after this one.
    let next: { range: WarcRange; source: SourceRef } | null = null;
    const result = await processWarcObject({
      s3,
      config,
      rawBucket: event.bucket,
      key: event.key,
      versionId: event.versionId,
      etag: event.etag,
      size: event.size,
      force: event.force ?? false,
      range,
      remainingMs,
      settings: deps.warcSettings,
      continueWith: async (nextRange, source) => {
        if (!deps.sendToQueue) {
          next = { range: nextRange, source };
          return;
        }
        const message = objectBatch(
          [{ bucket: source.bucket, key: source.key, etag: source.etag ?? undefined, versionId: source.versionId ?? undefined, size: event.size ?? undefined, warcRange: nextRange }],
          event.force || undefined,
        );
        await deps.sendToQueue(JSON.stringify(message));
      },
    });
    report(event, result);
    const after = next as { range: WarcRange; source: SourceRef } | null;
    if (after) return run({ ...event, etag: after.source.etag, versionId: after.source.versionId }, after.range, remainingMs);
    return result;
  }

  function report(event: ObjectEvent, result: WarcResult): void {
    const where = { bucket: event.bucket, objectKey: event.key, part: result.part, outputKey: result.outputKey };
    switch (result.outcome) {
      case 'range-written': {
        const { counts } = result;
        const message = result.finished ? 'WARC file finished: lines and manifest written' : 'WARC range written: the next range is queued';
        logger.info(message, { ...where, cleanMs: Math.round(result.cleanMs), counts, totals: result.finished?.counts });
        metrics.addMetric(WARC_METRICS.warcRanges, MetricUnit.Count, 1);
        metrics.addMetric(WARC_METRICS.warcRecords, MetricUnit.Count, counts.records);
        metrics.addMetric(WARC_METRICS.warcDocuments, MetricUnit.Count, counts.documents);
        metrics.addMetric(WARC_METRICS.warcErrorLines, MetricUnit.Count, counts.errors);
        metrics.addMetric(WARC_METRICS.warcSkippedRecords, MetricUnit.Count, Object.values(counts.skipped).reduce((a, b) => a + b, 0));
        if (result.finished) metrics.addMetric(WARC_METRICS.warcFilesFinished, MetricUnit.Count, 1);
        if (result.replacedSourceKey) logger.warn('output key shared with another source key: its lines and manifest were replaced', { ...where, replacedSourceKey: result.replacedSourceKey });
        break;
      }
      case 'skipped':
        logger.info(result.reason === 'restarted' ? 'WARC chain begun by another pipeline version: started over at range 1' : 'WARC range already done: not redone', { ...where, reason: result.reason });
        break;
      case 'error-record':
        logger.warn('permanent failure: error record written', { ...where, code: result.code, reason: result.message });
        break;
    }
    deps.onWarcResult?.(result, event.key);
  }

  return {
    /** Does the event's range (the first when it names none); rejects on transient failures, like processObject. */
    async handle(event: ObjectEvent, remainingMs: () => number): Promise<ObjectOutcome> {
      // Ranges run one after another in this invocation when there is no queue: none has a deadline then.
      return warcOutcomeOf(event.key, await run(event, event.warcRange, deps.sendToQueue ? remainingMs : () => Number.POSITIVE_INFINITY));
    },
  };
}
