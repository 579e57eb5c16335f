/**
 * Typed errors of the core. Every failure the core can foresee is a CleanError with a stable
 * `code`; callers (CLI, Lambda handler, local pipeline) turn it into an error record.
 * `permanent` says whether trying again with the same bytes could ever succeed: all core
 * errors are permanent, since the core is a pure function of its input.
 */
export const CLEAN_ERROR_CODES = [
  'EMPTY_INPUT', // zero bytes, or nothing but whitespace
  'BINARY_INPUT', // an image, a PDF, an archive (a web archive under a page's name too), random bytes: not a text or HTML scrape
  'NOT_A_PAGE', // text that is data, not a page: JSON, JSON Lines, an XML document other than XHTML or a feed (a sitemap), CSV/TSV by type or name
  'UNSUPPORTED_ENCODING', // a declared or detected charset the runtime cannot decode
  'UNDECODABLE', // bytes that do not decode as text in any plausible charset
  'CORRUPT_GZIP', // gzip magic bytes, but truncated or corrupt stream
  'CORRUPT_COMPRESSION', // declared br or deflate (Content-Encoding, a .br/.zz name), but the bytes neither inflate nor are text
  'TOO_LARGE', // raw or inflated size over the configured limit (gzip bombs end here)
  'TIME_BUDGET_EXCEEDED', // the per-document watchdog fired
  'CORRUPT_RECORD', // a WARC record whose header is damaged or whose Content-Length does not end where the record does
  'TRUNCATED_RECORD', // a WARC file that ends inside a record
  'UNRESOLVED_REVISIT', // a WARC revisit record of one URI that repeats the capture of another, which is not in the file before it
] as const;

export type CleanErrorCode = (typeof CLEAN_ERROR_CODES)[number];

export class CleanError extends Error {
  override readonly name = 'CleanError';
  readonly permanent = true;

  constructor(
    readonly code: CleanErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isCleanError(error: unknown): error is CleanError {
  return error instanceof CleanError;
}
