/**
 * Compressed scrapes: gzip (by its magic bytes, any number of members, trailing garbage ignored as
 * `gzip -d` ignores it) and the HTTP Content-Encodings a crawler stores a response under (gzip,
 * deflate, br), each inflated within the size limit. Used by decode.ts (whole objects: S3's
 * Content-Encoding, a `.br`/`.zz` name) and by the WARC reader (the payload's HTTP header).
 */
import { brotliDecompressSync, constants, crc32, gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';
import { CleanError } from './errors.js';
import type { Watchdog } from './watchdog.js';

export const GZIP_MAGIC: readonly number[] = [0x1f, 0x8b];

/** The encodings undone here, by their HTTP names (`x-gzip` is gzip's old alias). */
export type ContentCoding = 'gzip' | 'deflate' | 'br';

const CODINGS: Readonly<Record<string, ContentCoding>> = { gzip: 'gzip', 'x-gzip': 'gzip', deflate: 'deflate', br: 'br' };

export function startsWith(bytes: Uint8Array, prefix: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[offset + i] !== prefix[i]) return false;
  return true;
}

/** The codings of a Content-Encoding header, in the order they were applied (`identity` and unknown ones left out). */
export function contentCodings(header: string | null | undefined): ContentCoding[] {
  if (!header) return [];
  return header
    .split(',')
    .map((name) => CODINGS[name.trim().toLowerCase()])
    .filter((coding): coding is ContentCoding => coding !== undefined);
}

const tooLarge = (what: string, maxBytes: number, cause: unknown): CleanError =>
  new CleanError('TOO_LARGE', `${what} inflates past the ${maxBytes}-byte limit`, { cause });

const isTooLarge = (error: unknown): boolean => (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError;

// gzip header flags (RFC 1952 §2.3.1)
const FHCRC = 0x02;
const FEXTRA = 0x04;
const FNAME = 0x08;
const FCOMMENT = 0x10;
const GZIP_HEADER_BYTES = 10;
/** ID1, ID2 and CM = 8 (deflate, the only method gzip defines). */
const MEMBER_START = [...GZIP_MAGIC, 8];

// zlib stream header (RFC 1950 §2.2): CMF's low four bits the method (8, deflate), and CMF·256 + FLG a multiple of 31.
const ZLIB_METHOD_BITS = 0x0f;
const ZLIB_DEFLATE = 8;
const ZLIB_HEADER_CHECK = 31;
/** Whether `bytes` open with a zlib stream's header. */
const opensZlibStream = (bytes: Uint8Array): boolean =>
  bytes.length >= 2 && (bytes[0]! & ZLIB_METHOD_BITS) === ZLIB_DEFLATE && ((bytes[0]! << 8) | bytes[1]!) % ZLIB_HEADER_CHECK === 0;

/** What memberDataStart returns for a header that `bytes` ends inside of (more bytes may complete it). */
export const MEMBER_HEADER_CUT = -2;
/** What memberDataStart returns for bytes that are not a gzip member header (or fail its CRC). */
export const MEMBER_HEADER_DAMAGED = -1;
export const GZIP_TRAILER_BYTES = 8;

/**
 * Where the deflate data of the gzip member at `at` starts (after its optional fields), or
 * MEMBER_HEADER_CUT when `bytes` end inside the header, or MEMBER_HEADER_DAMAGED when it is not
 * gzip's or fails its CRC. Shared with the WARC reader's streaming inflater (warc/members.ts).
 */
export function memberDataStart(bytes: Uint8Array, at: number): number {
  const seen = Math.min(bytes.length - at, MEMBER_START.length);
  if (!startsWith(bytes, MEMBER_START.slice(0, seen), at)) return MEMBER_HEADER_DAMAGED;
  if (bytes.length < at + GZIP_HEADER_BYTES) return MEMBER_HEADER_CUT;
  const flags = bytes[at + 3]!;
  let p = at + GZIP_HEADER_BYTES;
  if (flags & FEXTRA) {
    if (p + 2 > bytes.length) return MEMBER_HEADER_CUT;
    p += 2 + (bytes[p]! | (bytes[p + 1]! << 8));
  }
  for (const flag of [FNAME, FCOMMENT]) {
    if (!(flags & flag)) continue;
    if (p > bytes.length) return MEMBER_HEADER_CUT;
    const end = bytes.indexOf(0, p);
    if (end === -1) return MEMBER_HEADER_CUT;
    p = end + 1;
  }
  if (flags & FHCRC) {
    // The low 16 bits of the CRC-32 of the header so far (gzip -d checks it too).
    if (p + 2 > bytes.length) return MEMBER_HEADER_CUT;
    if ((crc32(bytes.subarray(at, p)) & 0xffff) !== (bytes[p]! | (bytes[p + 1]! << 8))) return MEMBER_HEADER_DAMAGED;
    p += 2;
  }
  return p > bytes.length ? MEMBER_HEADER_CUT : p;
}

/** Members read one by one between two looks at the clock (each costs a zlib stream: ~15 µs). */
const MEMBERS_PER_CHECK = 4096;

/**
 * A gzip file as `gzip -d` reads it: its members one after the other (each checked by its CRC and
 * length), then whatever follows that is not a gzip member (a download's padding, zero blocks of a
 * tape or disk copy, an HTML error page appended by a proxy) ignored. node:zlib's gunzip reads
 * the members in one native loop but fails on such trailing bytes, and the whole scrape was lost:
 * it is tried first (millions of tiny members take it a second), and only a stream it refuses is
 * read member by member, looking at the clock. A member that is cut or damaged is CORRUPT_GZIP;
 * more than `maxBytes` inflated in all is TOO_LARGE.
 *
 * Each member's text is copied into one output that grows by doubling (up to `maxBytes`), and
 * zlib's buffer for it is dropped: node:zlib returns a member's text as a slice of a 16 KiB output
 * buffer, so keeping the slices kept one such buffer per member (2 million one-byte members held
 * about 2,000 MB of RSS for 48 MB of text, over the function's 1,769 MB). Memory is now about
 * twice the text at most, while the output grows.
 */
export function gunzipMembers(bytes: Uint8Array, maxBytes: number, watchdog?: Watchdog): Uint8Array {
  try {
    return gunzipSync(bytes, { maxOutputLength: maxBytes });
  } catch (error) {
    if (isTooLarge(error)) throw tooLarge('gzip stream', maxBytes, error);
  }
  const output = new GrowingBytes(maxBytes);
  let at = 0;
  for (let member = 1; at === 0 || startsWith(bytes, GZIP_MAGIC, at); member++) {
    if (member % MEMBERS_PER_CHECK === 0) watchdog?.check('reading the members of a gzip stream');
    const start = memberDataStart(bytes, at);
    if (start < 0) throw new CleanError('CORRUPT_GZIP', `gzip stream is corrupt: the header of the member at byte ${at} is damaged or cut`);
    let inflated: { buffer: Buffer; engine: { bytesWritten: number } };
    try {
      inflated = inflateRawSync(bytes.subarray(start), { maxOutputLength: Math.max(1, maxBytes - output.length), info: true }) as unknown as typeof inflated;
    } catch (error) {
      if (isTooLarge(error)) throw tooLarge('gzip stream', maxBytes, error);
      throw new CleanError('CORRUPT_GZIP', `gzip stream is truncated or corrupt: ${(error as Error).message}`, { cause: error });
    }
    const end = start + inflated.engine.bytesWritten;
    if (end + GZIP_TRAILER_BYTES > bytes.length) throw new CleanError('CORRUPT_GZIP', 'gzip stream is truncated: it ends before its CRC and length');
    const view = new DataView(bytes.buffer, bytes.byteOffset + end, GZIP_TRAILER_BYTES);
    if (view.getUint32(0, true) !== crc32(inflated.buffer) || view.getUint32(4, true) !== inflated.buffer.length % 2 ** 32) {
      throw new CleanError('CORRUPT_GZIP', `gzip stream is corrupt: the member at byte ${at} fails its CRC or length check`);
    }
    if (output.length + inflated.buffer.length > maxBytes) throw tooLarge('gzip stream', maxBytes, null);
    output.append(inflated.buffer);
    at = end + GZIP_TRAILER_BYTES;
  }
  return output.bytes();
}

/** The first buffer of a multi-member output (a small HTML page); it doubles from there. */
const FIRST_OUTPUT_BYTES = 64 * 1024;

/** Bytes appended into one buffer that doubles as it fills, never past `maxBytes`. */
class GrowingBytes {
  length = 0;
  private buffer: Uint8Array = new Uint8Array(0);

  constructor(private readonly maxBytes: number) {}

  append(bytes: Uint8Array): void {
    const needed = this.length + bytes.length;
    if (this.length === 0) {
      // The first member is kept as it is (one member and then garbage is the usual case: no copy); the next one copies it.
      this.buffer = bytes;
      this.length = bytes.length;
      return;
    }
    if (needed > this.buffer.length) {
      const grown = new Uint8Array(Math.min(this.maxBytes, Math.max(needed, FIRST_OUTPUT_BYTES, this.buffer.length * 2)));
      grown.set(this.buffer.subarray(0, this.length));
      this.buffer = grown;
    }
    this.buffer.set(bytes, this.length);
    this.length = needed;
  }

  /** The bytes appended (a view of the buffer: no copy). */
  bytes(): Uint8Array {
    return this.buffer.subarray(0, this.length);
  }
}

/**
 * Undoes one coding, or returns null when the bytes are not of it (stored decoded under the
 * header that came with them, as wget and some crawlers store payloads, or damaged): the caller
 * then judges the bytes as they are. Past `maxBytes` inflated is TOO_LARGE.
 */
export function inflateCoding(coding: ContentCoding, bytes: Uint8Array, maxBytes: number): Uint8Array | null {
  const options = { maxOutputLength: maxBytes };
  try {
    switch (coding) {
      case 'gzip':
        return startsWith(bytes, GZIP_MAGIC) ? gunzipMembers(bytes, maxBytes) : null;
      case 'deflate':
        // "deflate" is meant to be zlib-wrapped; some servers send it raw.
        try {
          return inflateSync(bytes, options);
        } catch (error) {
          if (isTooLarge(error)) throw error;
          return inflateRawSync(bytes, options);
        }
      case 'br':
        return brotliDecompressSync(bytes, options);
    }
  } catch (error) {
    if (error instanceof CleanError) {
      if (error.code === 'TOO_LARGE') throw error;
      return null;
    }
    if (isTooLarge(error)) throw tooLarge(`the ${coding}-encoded payload`, maxBytes, error);
    return null;
  }
}

/**
 * The start of a gzip or zlib-wrapped deflate stream that ends before its end (a crawler's record cut short: WARC-Truncated,
 * a connection closed mid-response): the text inflated up to the cut, or null when the bytes are not such a stream's start
 * or are damaged before the cut. Only codings whose streams open with a header that says so: gzip (its magic and method)
 * and zlib (its header's check bits); Brotli and raw deflate streams have none, and arbitrary bytes can inflate to
 * arbitrary text. Past `maxBytes` inflated is TOO_LARGE.
 */
export function inflateCut(coding: ContentCoding, bytes: Uint8Array, maxBytes: number): Uint8Array | null {
  const zlibWrapped = coding === 'deflate' && opensZlibStream(bytes);
  if (!(coding === 'gzip' && memberDataStart(bytes, 0) > 0) && !zlibWrapped) return null;
  // Z_SYNC_FLUSH at the end of the input gives what was inflated instead of failing for the missing rest; damage before
  // the cut still fails.
  const options = { maxOutputLength: maxBytes, finishFlush: constants.Z_SYNC_FLUSH };
  try {
    const inflated = coding === 'gzip' ? gunzipSync(bytes, options) : inflateSync(bytes, options);
    return inflated.length > 0 ? inflated : null;
  } catch (error) {
    if (isTooLarge(error)) throw tooLarge(`the ${coding}-encoded payload`, maxBytes, error);
    return null;
  }
}

/** What undoing a Content-Encoding did: the bytes, and the codings that were and were not undone. */
export interface Undone {
  readonly bytes: Uint8Array;
  readonly applied: readonly ContentCoding[];
  readonly failed: readonly ContentCoding[];
  /** A coding's stream ended before its end and what it held up to there was taken (inflateCut): the text is cut short. */
  readonly cut: boolean;
}

/**
 * Undoes the codings of a Content-Encoding header, the last applied first. `cutStreams`: a gzip or zlib stream that ends
 * early gives what it holds up to there (`cut`), as a payload a crawler cut short is read (the WARC reader); otherwise
 * such a coding is not undone.
 */
export function undoContentEncoding(payload: Uint8Array, codings: readonly ContentCoding[], maxBytes: number, cutStreams = false): Undone {
  let bytes = payload;
  let cut = false;
  const applied: ContentCoding[] = [];
  const failed: ContentCoding[] = [];
  for (const coding of [...codings].reverse()) {
    let inflated = inflateCoding(coding, bytes, maxBytes);
    if (!inflated && cutStreams) {
      inflated = inflateCut(coding, bytes, maxBytes);
      if (inflated) cut = true;
    }
    if (inflated) {
      bytes = inflated;
      applied.push(coding);
    } else {
      failed.push(coding);
    }
  }
  return { bytes, applied, failed, cut };
}
