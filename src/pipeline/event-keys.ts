/**
 * Object keys in S3 event notifications are form-URL-encoded (application/x-www-form-urlencoded,
 * as Java's URLEncoder does it): a space is `+`, every byte of the UTF-8 form outside
 * `A-Z a-z 0-9 - _ . *` is `%XX`, and `/` is left as it is. So `a b/ü+1%.html` arrives as
 * `a+b/%C3%BC%2B1%25.html`. Decoding must turn `+` into a space *before* percent-decoding, or a
 * literal `+` in a key (sent as `%2B`) would become a space.
 */

export class MalformedKeyError extends Error {
  override readonly name = 'MalformedKeyError';
}

/** `a+b/%C3%BC%2B1%25.html` → `a b/ü+1%.html`. Throws MalformedKeyError on a broken `%` sequence. */
export function decodeEventKey(encoded: string): string {
  try {
    return decodeURIComponent(encoded.replace(/\+/g, ' '));
  } catch (error) {
    throw new MalformedKeyError(`object key ${JSON.stringify(encoded)} is not valid form-URL-encoding`, { cause: error });
  }
}

/** Characters encodeURIComponent leaves alone but a form encoder escapes. */
const FORM_ESCAPED = /[!'()~]/g;

/** The inverse of decodeEventKey: the key as S3 writes it into a notification. */
export function encodeEventKey(key: string): string {
  return encodeURIComponent(key)
    .replace(/%20/g, '+')
    .replace(/%2F/g, '/')
    .replace(FORM_ESCAPED, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
