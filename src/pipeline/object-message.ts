/**
 * The internal message format: objects named by a listing (the backfill state machine's
 * ListObjectsV2 or S3 Inventory reader, `scrape-clean reprocess`) rather than by an S3 event
 * notification. One format for every source that is not a notification, accepted by the same
 * handler in both of the ways it is reached:
 *
 * - directly (Lambda invoked by the backfill state machine with a batch): the handler answers
 *   with one outcome per object, and lists the objects that failed transiently, for the state
 *   machine to retry with backoff and then to send to the dead-letter queue;
 * - as the body of an SQS message (a backfill batch dead-lettered, then redriven to the queue by
 *   a person): processed like a notification, failures retried by SQS.
 *
 *   { "kind": "scrape-clean/objects", "force": false,
 *     "objects": [{ "bucket": "raw", "key": "a b/ü+1%.html", "etag": "…", "size": 1234 }] }
 *
 * Keys are RAW here, exactly as S3 stores them: listings return them that way, while S3 event
 * notifications form-URL-encode them (see ./event-keys.ts). A source whose keys are encoded
 * (an S3 Inventory CSV) decodes them before it builds a message.
 */
import { OBJECT_MESSAGE_KIND } from './contract.js';
import { MalformedNotificationError, type ObjectEvent } from './object-event.js';
import type { ProcessResult } from './process-object.js';
import type { WarcRange } from './warc-object.js';

/**
 * The event name the handler gives an object of an internal message: it names an object that
 * exists (like an ObjectCreated event) and that a person or a backfill asked to be processed.
 */
export const REPROCESS_EVENT_NAME = 'scrape-clean:Reprocess';

/** One object in the internal format. */
export interface ObjectMessage {
  readonly bucket: string;
  /** The key as S3 stores it: not URL-encoded. */
  readonly key: string;
  /** Read this version (a versioned bucket); the current one when absent. */
  readonly versionId?: string;
  /** ETag from the listing (quoted or not): lets an up-to-date output be skipped without a GET. */
  readonly etag?: string;
  /** Size in bytes from the listing: an object over MAX_OBJECT_BYTES is refused without a GET. */
  readonly size?: number;
  /** Rewrite the outputs even when they are up to date. */
  readonly force?: boolean;
  /**
   * A WARC file only: the range of records to do, when it is not the first (the continuation
   * the function sends itself, see ./warc-object.ts): `{ part, offset, skip, index }`.
   */
  readonly warcRange?: WarcRange;
}

export interface ObjectBatch {
  readonly kind: typeof OBJECT_MESSAGE_KIND;
  readonly objects: readonly ObjectMessage[];
  /** Applies to every object of the batch (an object's own `force` may also be set). */
  readonly force?: boolean;
}

/**
 * What became of one object, as the handler reports it to the backfill state machine and as
 * `scrape-clean reprocess` counts it:
 * - written: a new document;
 * - skipped: its output was already up to date (`reason` up-to-date) or made from a later
 *   event of the key (`reason` superseded);
 * - error-record: a permanent failure, its error record written (or already there, `rewritten`
 *   false), with `code` and `message`;
 * - ignored: not a scrape (a folder marker, one of the function's own outputs), with `reason`;
 * - retry: a transient failure (`code`, `message`): the object is in the response's `retry` list
 *   and this outcome in its `failing` list; a run that gives up on it counts it as failed;
 * - dead-lettered: set by the state machine on the objects still failing after its last
 *   attempt, once they are in the dead-letter queue.
 */
export type ObjectOutcomeKind = 'written' | 'skipped' | 'error-record' | 'ignored' | 'retry' | 'dead-lettered';

export interface ObjectOutcome {
  readonly key: string;
  readonly outcome: ObjectOutcomeKind;
  readonly reason?: string;
  readonly code?: string;
  readonly message?: string;
  /** error-record only: false when the same error record was already there. */
  readonly rewritten?: boolean;
}

/** The answer to a direct invocation with an ObjectBatch. Every field is always an array (maybe empty). */
export interface ObjectBatchResponse {
  /** The final outcome of every object settled now, in the batch's order. */
  readonly outcomes: readonly ObjectOutcome[];
  /** The objects that failed transiently, in the internal format, ready to be sent again. */
  readonly retry: readonly ObjectMessage[];
  /** Their `retry` outcomes (code, message), in the same order as `retry`. */
  readonly failing: readonly ObjectOutcome[];
}

/**
 * Longest error message carried in an outcome. Outcomes travel through Step Functions, whose
 * states hold at most 256 KiB; the error record in the clean bucket has the whole message.
 */
export const OUTCOME_MESSAGE_MAX_CHARS = 300;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether a parsed message body or invocation payload is in the internal format (checked by `kind` only). */
export function isObjectBatch(value: unknown): value is { kind: typeof OBJECT_MESSAGE_KIND } {
  return isObject(value) && value.kind === OBJECT_MESSAGE_KIND;
}

function optionalString(object: Json, field: string, where: string): string | undefined {
  const value = object[field];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new MalformedNotificationError(`${where}: "${field}" must be a string`);
  return value;
}

function optionalBoolean(object: Json, field: string, where: string): boolean | undefined {
  const value = object[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw new MalformedNotificationError(`${where}: "${field}" must be true or false`);
  return value;
}

/** Checks one object of the internal format; throws MalformedNotificationError naming the field. */
export function parseObjectMessage(value: unknown, where = 'object'): ObjectMessage {
  if (!isObject(value)) throw new MalformedNotificationError(`${where} is not a JSON object`);
  const bucket = value.bucket;
  const key = value.key;
  if (typeof bucket !== 'string' || bucket === '') throw new MalformedNotificationError(`${where}: "bucket" must be a non-empty string`);
  if (typeof key !== 'string' || key === '') throw new MalformedNotificationError(`${where}: "key" must be a non-empty string`);
  const size = value.size;
  if (size !== undefined && size !== null && !(typeof size === 'number' && Number.isSafeInteger(size) && size >= 0)) {
    throw new MalformedNotificationError(`${where}: "size" must be a whole number of bytes`);
  }
  const message: ObjectMessage = {
    bucket,
    key,
    versionId: optionalString(value, 'versionId', where),
    etag: optionalString(value, 'etag', where),
    size: typeof size === 'number' ? size : undefined,
    force: optionalBoolean(value, 'force', where),
    warcRange: parseWarcRange(value.warcRange, where),
  };
  return withoutUndefined(message);
}

/** A forced WARC chain's folder name (WarcRange.run): a UUID, which an S3 key takes as it is. */
const RUN_NAME = /^[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}$/;

function parseWarcRange(value: unknown, where: string): WarcRange | undefined {
  if (value === undefined || value === null) return undefined;
  const fields = ['part', 'offset', 'skip', 'index'] as const;
  if (!isObject(value) || !fields.every((field) => Number.isSafeInteger(value[field]) && (value[field] as number) >= (field === 'part' ? 1 : 0))) {
    throw new MalformedNotificationError(`${where}: "warcRange" must be { part ≥ 1, offset, skip, index ≥ 0 } (whole numbers)`);
  }
  const run = value.run;
  if (run !== undefined && (typeof run !== 'string' || !RUN_NAME.test(run))) throw new MalformedNotificationError(`${where}: "warcRange.run" must be a UUID (a forced chain's folder)`);
  return { part: value.part as number, offset: value.offset as number, skip: value.skip as number, index: value.index as number, ...(run ? { run } : {}) };
}

/** Checks a message in the internal format. Throws MalformedNotificationError. */
export function parseObjectBatch(value: unknown): ObjectBatch {
  if (!isObjectBatch(value)) throw new MalformedNotificationError(`not a message of kind "${OBJECT_MESSAGE_KIND}"`);
  const objects = (value as Json).objects;
  if (!Array.isArray(objects)) throw new MalformedNotificationError(`a "${OBJECT_MESSAGE_KIND}" message needs an "objects" array`);
  const force = optionalBoolean(value, 'force', 'message');
  return { kind: OBJECT_MESSAGE_KIND, objects: objects.map((object, i) => parseObjectMessage(object, `objects[${i}]`)), ...(force === undefined ? {} : { force }) };
}

/** The objects of a batch as the handler's object events (the batch's `force` folded into each). */
export function objectEventsOf(batch: ObjectBatch): ObjectEvent[] {
  return batch.objects.map((object) => ({
    eventName: REPROCESS_EVENT_NAME,
    bucket: object.bucket,
    key: object.key,
    size: object.size ?? null,
    etag: object.etag?.replace(/^"|"$/g, '') || null,
    versionId: object.versionId ?? null,
    sequencer: null,
    force: (object.force ?? false) || (batch.force ?? false),
    ...(object.warcRange ? { warcRange: object.warcRange } : {}),
  }));
}

/** An object event back in the internal format (what is sent again, or to the dead-letter queue). */
export function objectMessageOf(event: ObjectEvent): ObjectMessage {
  return withoutUndefined({
    bucket: event.bucket,
    key: event.key,
    versionId: event.versionId ?? undefined,
    etag: event.etag ?? undefined,
    size: event.size ?? undefined,
    force: event.force ? true : undefined,
    warcRange: event.warcRange,
  });
}

/** A batch in the internal format. */
export function objectBatch(objects: readonly ObjectMessage[], force?: boolean): ObjectBatch {
  return { kind: OBJECT_MESSAGE_KIND, objects, ...(force ? { force } : {}) };
}

function truncate(text: string): string {
  return text.length <= OUTCOME_MESSAGE_MAX_CHARS ? text : `${text.slice(0, OUTCOME_MESSAGE_MAX_CHARS - 1)}…`;
}

/** The outcome of a final result of processObject. */
export function outcomeOf(result: ProcessResult): ObjectOutcome {
  switch (result.outcome) {
    case 'written':
      return { key: result.key, outcome: 'written' };
    case 'skipped':
      return { key: result.key, outcome: 'skipped', reason: result.reason };
    case 'error-record':
      return { key: result.key, outcome: 'error-record', code: result.code, message: truncate(result.message), rewritten: result.rewritten };
  }
}

export function ignoredOutcome(key: string, reason: string): ObjectOutcome {
  return { key, outcome: 'ignored', reason };
}

export function retryOutcome(key: string, code: string, error: unknown): ObjectOutcome {
  return { key, outcome: 'retry', code, message: truncate((error as Error | undefined)?.message ?? String(error)) };
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
