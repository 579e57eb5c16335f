/**
 * What arrives at the function: SQS messages whose bodies are S3 event notifications (possibly
 * wrapped in an SNS envelope when S3 → SNS → SQS fans out) or messages in the internal format
 * (./object-message.ts: objects named by a listing, e.g. a dead-lettered backfill batch redriven
 * to the queue), or S3 events invoking it directly. This module turns them into object
 * references with decoded keys, and says which of them the function must leave alone.
 */
import type { PipelineConfig } from './config.js';
import { decodeEventKey } from './event-keys.js';
import { isObjectBatch, objectEventsOf, parseObjectBatch, REPROCESS_EVENT_NAME } from './object-message.js';
import { MalformedNotificationError, type ObjectEvent } from './object-event.js';
import { WARC_PIPELINE_DEFAULTS } from './warc-settings.js';

export { MalformedNotificationError, type ObjectEvent };

export type Notification =
  /** Sent once by S3 when a notification configuration is created: nothing to process. */
  | { readonly kind: 'test-event'; readonly bucket: string | null }
  | { readonly kind: 'records'; readonly records: readonly ObjectEvent[] };

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalString(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/** One record of `Records`, from an SQS body or a direct S3 invocation. */
export function parseS3Record(record: unknown): ObjectEvent {
  const s3 = isObject(record) && isObject(record.s3) ? record.s3 : null;
  const bucket = s3 && isObject(s3.bucket) ? s3.bucket.name : undefined;
  const object = s3 && isObject(s3.object) ? s3.object : null;
  const eventName = isObject(record) ? record.eventName : undefined;
  if (typeof bucket !== 'string' || !object || typeof object.key !== 'string' || typeof eventName !== 'string') {
    throw new MalformedNotificationError('S3 record without eventName, s3.bucket.name and s3.object.key');
  }
  return {
    eventName,
    bucket,
    key: decodeEventKey(object.key),
    size: typeof object.size === 'number' ? object.size : null,
    etag: optionalString(object.eTag)?.replace(/^"|"$/g, '') ?? null,
    versionId: optionalString(object.versionId),
    sequencer: optionalString(object.sequencer),
  };
}

/** Parses the body of one SQS message. Throws MalformedNotificationError for anything else. */
export function parseNotification(body: string): Notification {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (error) {
    throw new MalformedNotificationError('message body is not JSON', { cause: error });
  }
  if (!isObject(parsed)) throw new MalformedNotificationError('message body is not a JSON object');
  // S3 → SNS → SQS without raw message delivery: the notification is the envelope's Message.
  if (parsed.Type === 'Notification' && typeof parsed.Message === 'string') return parseNotification(parsed.Message);
  if (parsed.Event === 's3:TestEvent') return { kind: 'test-event', bucket: optionalString(parsed.Bucket) };
  // Keys in the internal format are raw: no decoding.
  if (isObjectBatch(parsed)) return { kind: 'records', records: objectEventsOf(parseObjectBatch(parsed)) };
  if (!Array.isArray(parsed.Records)) throw new MalformedNotificationError('message body has no Records: not an S3 event notification');
  return { kind: 'records', records: parsed.Records.map(parseS3Record) };
}

/**
 * The recursion guard. The function writes to the clean bucket; if that bucket's events ever
 * reach it (the clean bucket is the raw bucket too, or someone wires its notifications to the
 * queue), it must not clean its own documents. Keys under the output or error prefix of the
 * clean bucket are its own, and so are the parts of WARC files (./warc-settings.ts partsPrefix:
 * a range's lines and its marker); with an empty prefix every key of the clean bucket may be.
 */
export function isOwnOutput(bucket: string, key: string, config: PipelineConfig): boolean {
  if (bucket !== config.cleanBucket) return false;
  if (config.outputPrefix === '' || config.errorPrefix === '') return true;
  return [config.outputPrefix, config.errorPrefix, WARC_PIPELINE_DEFAULTS.partsPrefix].some((prefix) => key.startsWith(prefix));
}

/** Why an object event is left alone, or null when it is to be processed. */
export function reasonToIgnore(event: ObjectEvent, config: PipelineConfig): string | null {
  if (!event.eventName.startsWith('ObjectCreated:') && event.eventName !== REPROCESS_EVENT_NAME) return `not an object-created event (${event.eventName})`;
  if (isOwnOutput(event.bucket, event.key, config)) {
    return `own output: ${event.bucket} is the clean bucket and the key is one of the function's documents or error records`;
  }
  // The S3 console's "Create folder" writes an empty object whose key ends in a slash.
  if (event.key.endsWith('/') && (event.size ?? 0) === 0) return 'folder marker (empty object whose key ends in /)';
  return null;
}
