/**
 * What one notification record names, and the error for a message that names nothing: their own
 * module so that ./events.ts (which reads notifications) and ./object-message.ts (which reads
 * the internal format, and is read by ./events.ts) share them without importing each other.
 */
import { MALFORMED_NOTIFICATION_ERROR } from './contract.js';
import type { WarcRange } from './warc-object.js';

/** One object-level record of an S3 notification, key decoded. */
export interface ObjectEvent {
  readonly eventName: string;
  readonly bucket: string;
  /** The object key, decoded from the notification's form-URL-encoding. */
  readonly key: string;
  readonly size: number | null;
  /** ETag without quotes, as notifications give it. */
  readonly etag: string | null;
  readonly versionId: string | null;
  /** Orders the events of one key: the greater (after left-padding with zeros) is the later. */
  readonly sequencer: string | null;
  /** Internal-format messages only: rewrite the outputs even when they are up to date. */
  readonly force?: boolean;
  /** Internal-format messages only: the range of a WARC file to do (a continuation). */
  readonly warcRange?: WarcRange;
}

/** A message that is not an S3 notification at all: kept (retried, then dead-lettered), never dropped. */
export class MalformedNotificationError extends Error {
  override readonly name = MALFORMED_NOTIFICATION_ERROR;
}
