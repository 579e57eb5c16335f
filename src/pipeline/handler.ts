/**
 * The clean function: an SQS batch of S3 notifications (or a direct S3 event) in, one document
 * or error record per object out, partial batch failures reported for the rest. It is also the
 * processing step of the backfill state machine, which invokes it directly with a batch in the
 * internal format (./object-message.ts) and gets one outcome per object back.
 *
 * - Objects of a batch are processed concurrently, at most `batchConcurrency` at a time
 *   (Powertools' BatchProcessor starts every record at once, so the bound is a p-limit around
 *   the per-object work; the batch processor keeps building the partial batch response).
 * - A message fails (and SQS redelivers it, then dead-letters it) only on transient failures,
 *   on a body that is not an S3 notification at all, and on a broken key encoding; permanent
 *   failures have their error record and count as done. When every message of a batch fails,
 *   Powertools throws instead of returning them all, so the invocation shows as an error and
 *   the event source mapping backs off (what a throttled or failing S3 needs).
 * - Logs are structured JSON with the request id (Powertools Logger, context added per
 *   invocation) and the object key on every line; metrics go out in CloudWatch EMF.
 *
 * The handler module in functions/ builds this with clients from the environment; the local
 * pipeline builds it with a client of the embedded S3 server. Same code either way.
 */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Logger } from '@aws-lambda-powertools/logger';
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import type { S3Client } from '@aws-sdk/client-s3';
import type { Context, S3Event, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import pLimit, { type LimitFunction } from 'p-limit';
import type { PipelineConfig } from './config.js';
import { MalformedNotificationError, parseNotification, parseS3Record, reasonToIgnore, type ObjectEvent } from './events.js';
import { failureCode, httpStatusOf } from './failures.js';
import {
  ignoredOutcome,
  isObjectBatch,
  objectEventsOf,
  objectMessageOf,
  outcomeOf,
  parseObjectBatch,
  REPROCESS_EVENT_NAME,
  retryOutcome,
  type ObjectBatch,
  type ObjectBatchResponse,
  type ObjectOutcome,
} from './object-message.js';
import { processObject, type ProcessResult } from './process-object.js';
import { isWarcName } from '../core/warc/names.js';
import { createWarcHandler } from './warc-handler.js';
import type { WarcResult } from './warc-object.js';
import type { WarcPipelineSettings } from './warc-settings.js';

/** Metric names (CloudWatch EMF, namespace from POWERTOOLS_METRICS_NAMESPACE). */
export const PIPELINE_METRICS = {
  documentsWritten: 'documentsWritten',
  /** Markdown and text files written beside documents (config.outputFormats). */
  renderingsWritten: 'renderingsWritten',
  outputsSkipped: 'outputsSkipped',
  errorRecords: 'errorRecords',
  /** With dimensions errorCode and disposition (error-record | retried). */
  failures: 'failures',
  /** Wall time per object: HEAD, GET, clean, PUT. */
  processingDuration: 'processingDuration',
  /** Time in the core's clean() per document. */
  cleanDuration: 'cleanDuration',
  bytesRead: 'bytesRead',
  /** Segments per class: bodySegments, captionSegments, adSegments, legalSegments. */
  segmentsSuffix: 'Segments',
  /** Documents written with a quality warning, with dimension `warning` (NO_BODY, LOW_TEXT, MARKUP_AS_TEXT, BLOCKED_PAGE, HTTP_ERROR: src/core/quality.ts). */
  qualityWarnings: 'qualityWarnings',
} as const;

export interface CleanHandlerDeps {
  readonly s3: S3Client;
  readonly config: PipelineConfig;
  readonly logger: Logger;
  readonly metrics: Metrics;
  /** Called with every final outcome (the local pipeline's table). */
  readonly onResult?: (result: ProcessResult) => void;
  /**
   * Sends a message body to the function's own queue: the continuation of a WARC file too long
   * for one invocation (./warc-handler.ts). Without it, the next range runs in the same invocation.
   */
  readonly sendToQueue?: (body: string) => Promise<void>;
  /** Called with every range of a WARC file. */
  readonly onWarcResult?: (result: WarcResult, key: string) => void;
  /** Overrides of WARC_PIPELINE_DEFAULTS (tests, the local pipeline). */
  readonly warcSettings?: Partial<WarcPipelineSettings>;
}

/** SQS messages (S3 notifications or internal-format messages), a direct S3 event, or a direct internal-format batch. */
export type CleanEvent = SQSEvent | S3Event | ObjectBatch;
// eslint-disable-next-line @typescript-eslint/no-invalid-void-type -- as aws-lambda's handler types: a handler may return nothing
export type CleanHandler = (event: CleanEvent, context: Context) => Promise<SQSBatchResponse | ObjectBatchResponse | void>;

/** One invocation: its bound on objects in flight, and the time it has left (WARC ranges stop before the timeout). */
interface Invocation {
  readonly limit: LimitFunction;
  readonly remainingMs: () => number;
}

interface Delivery {
  readonly messageId?: string;
  readonly receiveCount?: number;
  /** Objects in a direct internal-format batch. */
  readonly batchObjects?: number;
}

function eventSourceOf(record: unknown): unknown {
  return typeof record === 'object' && record !== null ? (record as { eventSource?: unknown }).eventSource : undefined;
}

export function createCleanHandler(deps: CleanHandlerDeps): CleanHandler {
  const { s3, config, logger, metrics } = deps;
  // Imported statically: a dynamic import() would make esbuild keep every export of the modules
  // it shares with the rest (the whole S3 client, 25 KB) in the Lambda bundle.
  const warc = createWarcHandler(deps);

  function report(result: ProcessResult, delivery: Delivery): void {
    const where = { bucket: result.bucket, objectKey: result.key, outputKey: result.outputKey, durationMs: Math.round(result.durationMs), ...delivery };
    metrics.addMetric(PIPELINE_METRICS.processingDuration, MetricUnit.Milliseconds, result.durationMs);
    switch (result.outcome) {
      case 'written': {
        const { format, encoding, compression } = result.document.source;
        const segments = result.document.stats.segments;
        const { warnings } = result.document.quality;
        const renderings = result.renderings.length > 0 ? { renderings: result.renderings } : {};
        logger.info(result.documentWritten ? 'document written' : 'renderings written beside an up-to-date document', {
          ...where, cleanMs: Math.round(result.cleanMs), bytes: result.bytes, format, encoding, compression, segments, words: result.words, warnings, ...renderings,
        });
        if (result.renderings.length > 0) metrics.addMetric(PIPELINE_METRICS.renderingsWritten, MetricUnit.Count, result.renderings.length);
        // An empty or doubtful document is written (the page may have no article), but said and counted.
        if (warnings.length > 0) logger.warn('document written with quality warnings', { ...where, warnings, words: result.words });
        for (const warning of warnings) metrics.singleMetric().addDimensions({ warning }).addMetric(PIPELINE_METRICS.qualityWarnings, MetricUnit.Count, 1);
        if (result.replacedSourceKey !== null) {
          logger.warn('output key shared with another source key: its document was replaced', { ...where, replacedSourceKey: result.replacedSourceKey });
        }
        if (result.documentWritten) metrics.addMetric(PIPELINE_METRICS.documentsWritten, MetricUnit.Count, 1);
        metrics.addMetric(PIPELINE_METRICS.bytesRead, MetricUnit.Bytes, result.bytes);
        metrics.addMetric(PIPELINE_METRICS.cleanDuration, MetricUnit.Milliseconds, result.cleanMs);
        for (const [type, count] of Object.entries(segments)) metrics.addMetric(`${type}${PIPELINE_METRICS.segmentsSuffix}`, MetricUnit.Count, count);
        break;
      }
      case 'skipped':
        logger.info('output already up to date: not rewritten', { ...where, reason: result.reason });
        metrics.addMetric(PIPELINE_METRICS.outputsSkipped, MetricUnit.Count, 1);
        break;
      case 'error-record': {
        const details = { ...where, code: result.code, reason: result.message, bytes: result.bytes, rewritten: result.rewritten };
        if (result.code === 'INTERNAL_ERROR') logger.error('cleaner bug: error record written', { ...details, error: (result.error as Error).cause ?? result.error });
        else logger.warn('permanent failure: error record written', details);
        metrics.addMetric(PIPELINE_METRICS.errorRecords, MetricUnit.Count, 1);
        if (result.bytes !== null) metrics.addMetric(PIPELINE_METRICS.bytesRead, MetricUnit.Bytes, result.bytes);
        metrics.singleMetric().addDimensions({ errorCode: result.code, disposition: 'error-record' }).addMetric(PIPELINE_METRICS.failures, MetricUnit.Count, 1);
        break;
      }
    }
    deps.onResult?.(result);
  }

  /**
   * Processes one object (or leaves it alone) and reports it. Rejects on a transient failure,
   * logged and counted, `then` saying what happens to it next.
   */
  async function handleObject(event: ObjectEvent, invocation: Invocation, delivery: Delivery, then = 'the message returns to the queue'): Promise<ObjectOutcome> {
    const ignored = reasonToIgnore(event, config);
    if (ignored !== null) {
      logger.info('event ignored', { bucket: event.bucket, objectKey: event.key, eventName: event.eventName, reason: ignored, ...delivery });
      return ignoredOutcome(event.key, ignored);
    }
    return invocation.limit(async () => {
      try {
        if (isWarcName(event.key)) return await warc.handle(event, invocation.remainingMs);
        const result = await processObject({
          s3,
          config,
          rawBucket: event.bucket,
          key: event.key,
          versionId: event.versionId,
          etag: event.etag,
          size: event.size,
          sequencer: event.sequencer,
          force: event.force ?? false,
          trustErrorRecords: event.eventName === REPROCESS_EVENT_NAME,
        });
        report(result, delivery);
        return outcomeOf(result);
      } catch (error) {
        const code = failureCode(error);
        logger.warn(`transient failure: ${then}`, {
          bucket: event.bucket,
          objectKey: event.key,
          code,
          httpStatus: httpStatusOf(error),
          error,
          ...delivery,
        });
        metrics.singleMetric().addDimensions({ errorCode: code, disposition: 'retried' }).addMetric(PIPELINE_METRICS.failures, MetricUnit.Count, 1);
        throw error;
      }
    });
  }

  /** Settles every object, then fails if any failed (the others are done and will be skipped on redelivery). */
  async function handleAll(events: readonly ObjectEvent[], invocation: Invocation, delivery: Delivery): Promise<void> {
    const settled = await Promise.allSettled(events.map((event) => handleObject(event, invocation, delivery)));
    const failures = settled.filter((s): s is PromiseRejectedResult => s.status === 'rejected').map((s) => s.reason as unknown);
    if (failures.length === 1) throw failures[0];
    if (failures.length > 1) throw new AggregateError(failures, `${failures.length} of ${events.length} objects failed`);
  }

  /**
   * A direct invocation with a batch in the internal format (the backfill state machine): every
   * object is settled, and the answer says what became of each. Transient failures do not fail
   * the invocation: they are listed in `retry` for the caller to send again after a backoff (and,
   * after its last attempt, to the dead-letter queue), so the objects done meanwhile keep their
   * true outcome instead of being redone and counted as skipped.
   */
  async function handleBatch(batch: ObjectBatch, invocation: Invocation): Promise<ObjectBatchResponse> {
    const events = objectEventsOf(batch);
    const delivery: Delivery = { batchObjects: events.length };
    const settled = await Promise.allSettled(events.map((event) => handleObject(event, invocation, delivery, 'returned to the caller to be retried')));
    const all = settled.map((s, i) => (s.status === 'fulfilled' ? s.value : retryOutcome(events[i]!.key, failureCode(s.reason), s.reason)));
    const failed = (i: number) => all[i]!.outcome === 'retry';
    return {
      outcomes: all.filter((_, i) => !failed(i)),
      retry: events.filter((_, i) => failed(i)).map(objectMessageOf),
      failing: all.filter((_, i) => failed(i)),
    };
  }

  async function handleMessage(record: SQSRecord, invocation: Invocation): Promise<void> {
    const delivery: Delivery = { messageId: record.messageId, receiveCount: Number((record.attributes as SQSRecord['attributes'] | undefined)?.ApproximateReceiveCount) || undefined };
    let events: readonly ObjectEvent[];
    try {
      const notification = parseNotification(record.body);
      if (notification.kind === 'test-event') {
        logger.info('s3:TestEvent ignored', { bucket: notification.bucket, ...delivery });
        return;
      }
      events = notification.records;
    } catch (error) {
      // Not lost: the message fails, is retried and ends in the dead-letter queue for a person to see.
      logger.error('message is not a usable S3 notification: it returns to the queue', { error, body: record.body.slice(0, 500), ...delivery });
      metrics.singleMetric().addDimensions({ errorCode: failureCode(error), disposition: 'retried' }).addMetric(PIPELINE_METRICS.failures, MetricUnit.Count, 1);
      throw error;
    }
    await handleAll(events, invocation, delivery);
  }

  // eslint-disable-next-line @typescript-eslint/no-invalid-void-type -- the CleanHandler type's
  return async function handler(event: CleanEvent, context: Context): Promise<SQSBatchResponse | ObjectBatchResponse | void> {
    logger.addContext(context);
    const invocation: Invocation = { limit: pLimit(config.batchConcurrency), remainingMs: () => (context as Partial<Context> | undefined)?.getRemainingTimeInMillis?.() ?? Number.POSITIVE_INFINITY };
    try {
      if (isObjectBatch(event)) return await handleBatch(parseObjectBatch(event), invocation);
      const records: unknown = (event as { Records?: unknown } | null)?.Records;
      if (Array.isArray(records) && records.length > 0 && records.every((r) => eventSourceOf(r) === 'aws:sqs')) {
        // A processor per invocation: no state shared between invocations of a warm sandbox.
        const processor = new BatchProcessor(EventType.SQS);
        return await processPartialResponse(event as SQSEvent, (record: SQSRecord) => handleMessage(record, invocation), processor, { context });
      }
      if (Array.isArray(records) && records.length > 0 && records.every((r) => eventSourceOf(r) === 'aws:s3')) {
        // Direct invocation by S3 (asynchronous): throwing makes Lambda retry the whole event;
        // the objects already done are skipped then as up to date.
        const events = records.map(parseS3Record);
        await handleAll(events, invocation, {});
        return;
      }
      throw new MalformedNotificationError('unsupported event: expected SQS messages, S3 event records or a "scrape-clean/objects" batch');
    } finally {
      // A batch of ignored events has no metrics; publishing nothing would only log a warning.
      if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
    }
  };
}
