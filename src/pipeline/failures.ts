/**
 * How a failure is handled decides whether anything is lost or repeated:
 *
 * - permanent: trying again with the same object cannot succeed. The function writes an error
 *   record (`<ERROR_PREFIX>a/b/page.error.json`) and reports the message as done. These are the
 *   core's CleanErrors (undecodable, binary, corrupt gzip, too large after gunzip, time budget),
 *   an object over MAX_OBJECT_BYTES, an object that no longer exists (404 NoSuchKey or
 *   NoSuchVersion: deleted before it was processed), and an unexpected exception inside the pure
 *   core (same bytes, same exception: a bug to fix and reprocess, not to retry).
 * - transient: everything else (throttling, 5xx, timeouts, connection resets, a truncated body,
 *   403 Access Denied). The message is reported as a batch item failure, SQS redelivers it after
 *   the visibility timeout and parks it in the dead-letter queue after maxReceiveCount attempts.
 *   Unknown errors are transient on purpose: a message in the DLQ can be redriven, a wrong error
 *   record hides the object.
 *
 * 403 on the raw object is transient although it may mean "deleted": without s3:ListBucket on
 * the raw bucket, S3 answers 403 instead of 404 for a missing key, and a 403 can equally be a
 * bucket policy or KMS key that a fix will open. The DLQ keeps the message either way.
 */
import { isCleanError, type CleanError } from '../core/errors.js';

/** Error codes of the pipeline itself, beside the core's CLEAN_ERROR_CODES. */
export const PIPELINE_ERROR_CODES = [
  'OBJECT_NOT_FOUND', // the object (or the version) named by the event no longer exists
  'INTERNAL_ERROR', // the core threw something other than a CleanError: a bug
] as const;
export type PipelineErrorCode = (typeof PIPELINE_ERROR_CODES)[number];

/**
 * Error codes whose error record stays true as long as the bytes and the pipeline version do:
 * a reprocess finds such a record up to date and does not read the object again. Not among them:
 * TOO_LARGE (the limit is configuration), TIME_BUDGET_EXCEEDED (the machine's load plays a part),
 * OBJECT_NOT_FOUND (the key may hold an object again) and INTERNAL_ERROR (a bug, fixed by a
 * release that may keep the version).
 */
export const RECORDED_FAILURES_FINAL: ReadonlySet<string> = new Set<CleanError['code']>(['EMPTY_INPUT', 'BINARY_INPUT', 'NOT_A_PAGE', 'UNSUPPORTED_ENCODING', 'UNDECODABLE', 'CORRUPT_GZIP']);

/** A permanent failure found outside the core; carries a code like CleanError does. */
export class PermanentFailure extends Error {
  override readonly name = 'PermanentFailure';
  readonly permanent = true;

  constructor(
    readonly code: PipelineErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The body ended before Content-Length bytes: a dropped connection, worth retrying. */
export class TruncatedBodyError extends Error {
  override readonly name = 'TruncatedBodyError';
}

export function isPermanent(error: unknown): error is CleanError | PermanentFailure {
  return isCleanError(error) || error instanceof PermanentFailure;
}

interface ServiceErrorShape {
  name?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number };
}

export function httpStatusOf(error: unknown): number | undefined {
  return (error as ServiceErrorShape | undefined)?.$metadata?.httpStatusCode;
}

/**
 * 404 / NoSuchKey / NoSuchVersion / NotFound (HEAD has no body, so no error code). Not NoSuchBucket:
 * a bucket deleted, renamed or misnamed is configuration to fix, not an object gone (it was
 * recorded as OBJECT_NOT_FOUND, the message consumed; now it is retried and dead-lettered).
 */
export function isNotFound(error: unknown): boolean {
  const name = (error as ServiceErrorShape | undefined)?.name;
  if (name === 'NoSuchBucket') return false;
  return name === 'NoSuchKey' || name === 'NoSuchVersion' || name === 'NotFound' || httpStatusOf(error) === 404;
}

/** 403: on a HEAD of our own output, the answer S3 gives for a missing key without s3:ListBucket. */
export function isForbidden(error: unknown): boolean {
  const name = (error as ServiceErrorShape | undefined)?.name;
  return name === 'AccessDenied' || name === 'Forbidden' || httpStatusOf(error) === 403;
}

/** A short, stable label of an error for logs and the failures metric. */
export function failureCode(error: unknown): string {
  if (isPermanent(error)) return error.code;
  const shape = error as ServiceErrorShape | undefined;
  const code = shape?.code ?? shape?.name;
  if (typeof code === 'string' && code !== 'Error') return code;
  const status = httpStatusOf(error);
  return status ? `HTTP_${status}` : 'UNKNOWN';
}
