/**
 * Turns s3rver's object events into the notifications real S3 sends to an SQS queue.
 *
 * s3rver's events differ from S3's in ways the function would notice: the key is raw where S3
 * form-URL-encodes it (`a b.html` arrives as `a+b.html`), copies carry no ETag, the sequencer is
 * a millisecond timestamp that repeats within a millisecond, and the ARN is malformed. Here each
 * event becomes a notification of schema 2.1 with one record, as S3 sends them: encoded key,
 * size, ETag, a strictly increasing sequencer.
 */
import type { S3Event, S3EventRecord } from 'aws-lambda';
import type S3rver from 's3rver';
import { LOCAL_S3 } from '../pipeline/contract.js';
import { encodeEventKey } from '../pipeline/event-keys.js';


/**
 * Sequencers of real S3 are hexadecimal strings that grow with time per key. This clock gives
 * one that grows across all keys: milliseconds since the epoch, then a counter for events in
 * the same millisecond, as 18 upper-case hex digits like S3's.
 */
export class SequencerClock {
  #lastMs = 0;
  #counter = 0;

  next(nowMs: number = Date.now()): string {
    if (nowMs > this.#lastMs) {
      this.#lastMs = nowMs;
      this.#counter = 0;
    } else {
      this.#counter++;
    }
    const value = (BigInt(this.#lastMs) << 20n) | BigInt(this.#counter);
    return value.toString(16).toUpperCase().padStart(18, '0');
  }
}

export interface ObjectFacts {
  readonly size: number;
  /** A versioned bucket's version id of the object written. */
  readonly versionId?: string;
  /** Without quotes. */
  readonly eTag: string;
}

/** The S3 notification for one s3rver record, with the facts (size, ETag) S3 puts in it. */
export function toS3Notification(record: S3rver.EventRecord, facts: ObjectFacts | null, sequencer: string, configurationId: string): S3Event {
  const bucket = record.s3.bucket.name;
  const created = record.eventName.startsWith('ObjectCreated:');
  const object: S3EventRecord['s3']['object'] = {
    key: encodeEventKey(record.s3.object.key),
    sequencer,
    ...(created && facts ? { size: facts.size, eTag: facts.eTag, ...(facts.versionId ? { versionId: facts.versionId } : {}) } : {}),
  } as S3EventRecord['s3']['object'];
  const notification: S3EventRecord = {
    eventVersion: '2.1',
    eventSource: 'aws:s3',
    awsRegion: LOCAL_S3.region,
    eventTime: record.eventTime,
    eventName: record.eventName,
    userIdentity: { principalId: `AWS:${LOCAL_S3.accountId}` },
    requestParameters: { sourceIPAddress: '127.0.0.1' },
    responseElements: { 'x-amz-request-id': sequencer.slice(-16), 'x-amz-id-2': `local/${sequencer}` },
    s3: {
      s3SchemaVersion: '1.0',
      configurationId,
      bucket: { name: bucket, ownerIdentity: { principalId: LOCAL_S3.accountId }, arn: `arn:aws:s3:::${bucket}` },
      object,
    },
  };
  return { Records: [notification] };
}
