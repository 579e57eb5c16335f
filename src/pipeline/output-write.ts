/**
 * How an output (a document, an error record, any file written beside them) reaches the clean
 * bucket so that the final output of a key is always the one of its final object version,
 * whatever the timing of the deliveries.
 *
 * S3 delivers events at least once and out of order, and Lambda runs several instances at
 * once: two deliveries for versions A and B of one key (or two copies of one) can each read,
 * clean and write at the same time. A check made before the read and an unconditional PUT let
 * the slower one leave A's document after B's. So every write here is conditional and decided
 * from what was actually read:
 *
 *   HEAD output (its ETag and stamp) → GET object → clean → decide → PUT If-Match: <ETag seen>
 *   (If-None-Match: * when there was none) → 412/409/404: HEAD again, decide again (bounded)
 *
 * A conditional PUT succeeds only if nobody wrote the output since it was looked at, so the
 * decision always rests on the output as it is when the write lands. The decision:
 *
 * - up to date: the output records these bytes (ETag), this pipeline version (and the same
 *   error code): nothing to write;
 * - superseded: an output of this key records a later S3 event (sequencers order the events of
 *   one key; the stamp keeps the event's);
 * - otherwise the read is written when it is known to be at least as new as what the output
 *   records: an earlier sequencer, the same bytes, or bytes read from the current object (no
 *   VersionId) after the output was looked at (that output was written from bytes read earlier
 *   still). When none of these tells (a listing's output has no sequencer; a read of an event's
 *   own version; an output written since the first look), the raw object is asked (HEAD): the
 *   read is written only while it is still the current version. A later version always has its
 *   own delivery (S3 sends one for every version), which then writes it.
 *
 * Both outputs of a key (document and error record) are looked at: an old version's error
 * record is not written over a later version's document, nor the reverse, and when both exist
 * the current one is the one whose `source.etag` is the object's, and of two made from the same
 * bytes, the one of the running pipeline version (see outputState in src/local/pipeline.ts). Writes need s3:PutObject only (no extra permission for the
 * conditions), and work whether or not the clean bucket is versioned (conditions apply to the
 * current version; a delete marker counts as no object).
 */
import { HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { httpStatusOf, isForbidden, isNotFound } from './failures.js';
import { compareSequencers, readStamp, stampMatches, unquoteEtag, type SourceRef, type Stamp } from './stamp.js';

/** Rounds of HEAD → decide → PUT before the delivery gives up as a transient failure (and is retried by its queue). */
export const MAX_WRITE_ROUNDS = 5;

/** What a delivery knows of the raw object version its output is made from. */
export interface SourceRead {
  /** bucket, key, version id and ETag as read (or, before a read, as the event named them), and the event's sequencer. */
  readonly source: SourceRef;
  /**
   * The bytes came from a GET of the current object (no VersionId), after the outputs were
   * looked at: they are at least as new as anything those outputs were made from.
   */
  readonly readCurrent: boolean;
  /** The object was not there (OBJECT_NOT_FOUND): what is recorded is its absence. */
  readonly absent?: boolean;
}

/** An existing output as a HEAD shows it. */
export interface OutputHead {
  /** The output's own ETag, as S3 returns it (quoted): what a replacing PUT names in If-Match. */
  readonly etag: string | null;
  readonly stamp: Stamp;
}

/** The output at `key`, or null when there is none (404, or 403 without s3:ListBucket). */
export async function headOutput(s3: S3Client, bucket: string, key: string): Promise<OutputHead | null> {
  try {
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return { etag: head.ETag ?? null, stamp: readStamp(head.Metadata) };
  } catch (error) {
    if (isNotFound(error) || isForbidden(error)) return null;
    throw error;
  }
}

export type WriteDecision = 'write' | 'up-to-date' | 'superseded' | 'check-current';

/** Whether `stamp` was made from the same source key as `read` (unknown for keys too long for the metadata: the same, as stampMatches takes it). */
function sameSourceKey(stamp: Stamp, read: SourceRead): boolean {
  return stamp.sourceKey === null || stamp.sourceKey === read.source.key;
}

/**
 * The decision for one output, pure (see the module comment). `target`: the stamp of the
 * output to write; `others`: the stamps of the key's other outputs; `afterConflict`: the target
 * was looked at again after a conditional PUT failed, so it may be newer than the read.
 */
export function decideWrite(
  read: SourceRead,
  errorCode: string | null,
  target: Stamp | null,
  others: readonly (Stamp | null)[],
  options: { readonly force: boolean; readonly afterConflict: boolean },
): WriteDecision {
  const source = read.source;
  // A forced rewrite skips this only the first time: after a conflict, someone else just wrote the same.
  if (target && (!options.force || options.afterConflict) && stampMatches(target, source) && target.errorCode === errorCode) return 'up-to-date';
  let unknown = false;
  for (const [i, stamp] of [target, ...others].entries()) {
    // Another source key's output (`page.html` and `page.txt` both make `page.json`) is replaced, as ever.
    if (stamp === null || !sameSourceKey(stamp, read)) continue;
    if (source.sequencer && stamp.sourceSequencer) {
      const order = compareSequencers(stamp.sourceSequencer, source.sequencer);
      if (order > 0) return 'superseded';
      if (order < 0 || stamp.sourceEtag === source.etag) continue;
      unknown = true; // the same event, other bytes: read at different moments of an unversioned key
      continue;
    }
    if (source.etag !== null && stamp.sourceEtag === source.etag) continue;
    // Looked at before the GET of the current object, the output holds older bytes; looked at again after a conflict, maybe not.
    if (read.readCurrent && !(options.afterConflict && i === 0)) continue;
    unknown = true;
  }
  return unknown ? 'check-current' : 'write';
}

/** Whether what `read` read is still the object's current version (or, for an absence, that it is still absent). */
export async function isCurrent(s3: S3Client, read: SourceRead): Promise<boolean> {
  let head;
  try {
    head = await s3.send(new HeadObjectCommand({ Bucket: read.source.bucket, Key: read.source.key }));
  } catch (error) {
    // Without s3:ListBucket on the raw bucket a missing key answers 403.
    if (isNotFound(error) || isForbidden(error)) return read.absent === true;
    throw error;
  }
  if (read.absent) return false;
  if (read.source.versionId && head.VersionId) return head.VersionId === read.source.versionId;
  return unquoteEtag(head.ETag) === read.source.etag;
}

/**
 * A conditional write that did not hold (412), or that lost to a concurrent one (409): look
 * again and decide again. With If-Match, 404 NoSuchKey too: the output was deleted since.
 */
export function isWriteConflict(error: unknown, ifMatch: boolean): boolean {
  const status = httpStatusOf(error);
  const name = (error as { name?: string } | undefined)?.name;
  if (name === 'PreconditionFailed' || name === 'ConditionalRequestConflict' || status === 412 || status === 409) return true;
  return ifMatch && (name === 'NoSuchKey' || (status === 404 && name !== 'NoSuchBucket'));
}

/** The writes kept losing to others: transient, so the message comes back later and decides again. */
export class WriteConflictError extends Error {
  override readonly name = 'WriteConflictError';
}

export interface OutputWrite {
  readonly bucket: string;
  readonly key: string;
  readonly body: string | Uint8Array;
  readonly contentType: string;
  /** The stamp (see ./stamp.ts stampMetadata), with the error code for error records. */
  readonly metadata: Record<string, string>;
  /** The error code the stamp records; null for a document or any other output. */
  readonly errorCode: string | null;
}

export interface ConditionalWriteInput {
  readonly s3: S3Client;
  readonly read: SourceRead;
  readonly output: OutputWrite;
  /** The output as looked at before the read (undefined: looked at now). */
  readonly head?: OutputHead | null;
  /** Stamps of the key's other outputs, as looked at before the read. */
  readonly others?: readonly (Stamp | null)[];
  /** Rewrite even an up-to-date output. */
  readonly force?: boolean;
}

export type ConditionalWriteResult =
  | { readonly outcome: 'written'; readonly replaced: OutputHead | null; readonly conflicts: number }
  | { readonly outcome: 'up-to-date' | 'superseded'; readonly conflicts: number };

/**
 * The one place an output is written: decide, PUT conditionally on what was decided from,
 * decide again on a conflict. Resolves with what happened; rejects with WriteConflictError
 * after MAX_WRITE_ROUNDS lost rounds, or with the S3 error of a failed PUT.
 */
export async function writeOutputConditionally(input: ConditionalWriteInput): Promise<ConditionalWriteResult> {
  const { s3, read, output } = input;
  let head = input.head === undefined ? await headOutput(s3, output.bucket, output.key) : input.head;
  let conflicts = 0;
  for (let round = 0; round < MAX_WRITE_ROUNDS; round++) {
    let decision = decideWrite(read, output.errorCode, head?.stamp ?? null, input.others ?? [], { force: input.force ?? false, afterConflict: conflicts > 0 });
    if (decision === 'check-current') decision = (await isCurrent(s3, read)) ? 'write' : 'superseded';
    if (decision !== 'write') return { outcome: decision, conflicts };
    // S3 always returns an output's ETag; a HEAD without one leaves nothing to condition on.
    const condition = head === null ? { IfNoneMatch: '*' } : head.etag !== null ? { IfMatch: head.etag } : {};
    try {
      await s3.send(
        new PutObjectCommand({ Bucket: output.bucket, Key: output.key, Body: output.body, ContentType: output.contentType, Metadata: output.metadata, ...condition }),
      );
      return { outcome: 'written', replaced: head, conflicts };
    } catch (error) {
      if (!isWriteConflict(error, 'IfMatch' in condition)) throw error;
      conflicts++;
      head = await headOutput(s3, output.bucket, output.key);
    }
  }
  throw new WriteConflictError(`s3://${output.bucket}/${output.key}: ${conflicts} conditional writes in a row lost to concurrent writers`);
}
