/**
 * WARC 1.0/1.1 in, one entry per record out: a page to clean (a `response`, `resource` or
 * `conversion` record whose payload is HTML or plain text: a WET file's records are the plain text
 * of pages; a `revisit` record whose capture was read before it), a record skipped and why, or an error.
 *
 * Reading is a stream: the stored bytes come in as an async iterable (a Node stream, a web
 * ReadableStream, an S3 body), gzip members are inflated as they come (./members.ts), and only
 * one record's block is held at a time (up to `maxRecordBytes`; longer blocks are streamed past
 * and never cleaned), besides the payloads of the last pages read, kept for the revisit records
 * after them (up to `maxHeldCaptureBytes`: HeldCaptures). warcio (webrecorder's) parses the WARC and HTTP header lines and undoes
 * chunked transfer encoding; the block is the bytes the framing below takes (warcio's record
 * parser read them again, for nothing, and is left out of the Lambda bundle); the rest is done here:
 *
 * - Framing. A record is its header, `Content-Length` bytes of block and a blank line. The block
 *   and the blank line are looked at before anything is taken, so a record whose length lies
 *   (a `CORRUPT_RECORD`), a file that ends inside a record (`TRUNCATED_RECORD`) or a damaged
 *   gzip member (`CORRUPT_GZIP`) becomes one error entry, and reading resynchronises on the next
 *   line that starts with `WARC/` (or the next gzip member): the records after it are still read.
 *   warcio alone would read on from wherever a wrong length leaves it.
 * - The HTTP head. Where it ends is found here (httpHeadEnd), warcio parses its lines: warcio
 *   misses the end of a head whose lines end in LF alone or that has no header field, and takes
 *   the page for header lines.
 * - LF line ends. WARC requires CRLF; hand-made files and some scripts end the header's lines with
 *   LF alone and count the block right. Such a record is read when its Content-Length ends the
 *   block right before a blank line and the next record's `WARC/` (or the file's end), and says so
 *   (`lenient`); a copy whose line ends were converted after the lengths were counted lands
 *   elsewhere and is an error, never a record cut in the wrong place.
 * - Segmented records. A page whose first segment (WARC-Segment-Number 1) is read waits for its
 *   `continuation` records (WARC-Segment-Origin-ID); after the last (WARC-Segment-Total-Length) it
 *   is given whole, joined in segment order, with the first segment's place; at the file's end (or
 *   stop()), the segments there are from the first on, marked 'segmented'.
 * - Revisit records. A revisit (a capture whose payload the crawler did not store again) is a page
 *   of the held capture it names (WARC-Refers-To, WARC-Refers-To-Target-URI and -Date, or the same
 *   WARC-Payload-Digest), with its own URI and date and `revisitOf`; one of another URI's capture
 *   that is not held is an `UNRESOLVED_REVISIT` error, the rest are skipped (revisit()).
 * - Content-Encoding. warcio inflates gzip and deflate but hands back the raw bytes when that
 *   fails and knows nothing of Brotli; node:zlib undoes all three here, within the size limit.
 *   Crawlers that stored the decoded payload under its original header (wget does) are read as
 *   they are: a payload that does not inflate is taken as already decoded, and the core's binary
 *   check stops one that is neither.
 *
 * Pure: no AWS, no file system.
 */
import { contentCodings, undoContentEncoding } from '../content-encoding.js';
import { AsyncIterReader, StatusAndHeadersParser } from 'warcio';
import type { CleanInput } from '../clean.js';
import { CleanError } from '../errors.js';
import { warcPieces, type WarcPosition } from './members.js';
import { ByteQueue } from './queue.js';
import { WARC_LIMITS, HTML_PAYLOAD_TYPES, HTTP_MESSAGE_TYPES, PAGE_URI_SCHEMES, TEXT_PAYLOAD_TYPES, URI_SCHEME } from './limits.js';

export type { WarcPosition } from './members.js';

/** Why a record gives no page. */
export type WarcSkipReason =
  /**
   * A revisit record (the payload is a copy of an earlier capture, not stored again) whose capture is not among those read
   * before it and whose page is that capture's, by its URI (or by none it names): the same page's capture is in another
   * file of the crawl (Common Crawl's, wget --warc-dedup's), with its document. A revisit whose capture was read before it
   * is a page (its document is of that capture's payload, `revisitOf`); one of another URI's capture not read is an
   * UNRESOLVED_REVISIT error.
   */
  | 'revisit'
  /** The HTTP request that went with a response. */
  | 'request'
  /** The file's own description. */
  | 'warcinfo'
  /**
   * Metadata about another record (outlinks, fetch times …), and the crawler's own records about its crawl stored as
   * resources: a target URI of a scheme no page has (wget's metadata://…/wget.log, Browsertrix's urn:text:…).
   */
  | 'metadata'
  /** continuation (a segmented record's page is given at its first segment's place) and record types of later versions. */
  | 'other-type'
  /** A response or resource whose payload is not HTML or plain text (images, scripts, PDFs …). */
  | 'not-html'
  /** A response whose HTTP status is not 2xx: a redirect, an error page. */
  | 'http-status';

export const WARC_SKIP_REASONS: readonly WarcSkipReason[] = ['revisit', 'request', 'warcinfo', 'metadata', 'other-type', 'not-html', 'http-status'];

/** What identifies a record, as much of it as could be read. */
export interface WarcRecordRef {
  /** Place of the record among the records of the file, from 0 (errors count as records). */
  readonly index: number;
  /** Where the record starts in the stored file. */
  readonly start: WarcPosition;
  /** WARC-Type, lowercased. */
  readonly type: string | null;
  readonly recordId: string | null;
  readonly targetUri: string | null;
  /** WARC-Date: the capture time. */
  readonly date: string | null;
  /**
   * WARC-Truncated: why the crawler cut the block short (length, time, disconnect, unspecified); else
   * PART_OF_A_PAGE's 'segmented' (a first segment) or 'partial-content' (an HTTP 206 range); null when it is whole.
   */
  readonly truncated: string | null;
  /** 'lf-line-ends': the record's header ends its lines with LF alone (WARC requires CRLF), read because its Content-Length ends it exactly before the next record. */
  readonly lenient?: 'lf-line-ends';
  /** Segments of a segmented record joined into this one (the first and its continuation records). */
  readonly segments?: number;
  /** A revisit record read as a page: WARC-Record-ID of the capture whose payload it is. */
  readonly revisitOf?: string;
}

export type WarcEntry =
  | { readonly kind: 'page'; readonly record: WarcRecordRef; readonly input: CleanInput; readonly httpStatus: number | null }
  | { readonly kind: 'skipped'; readonly record: WarcRecordRef; readonly reason: WarcSkipReason }
  | { readonly kind: 'error'; readonly record: WarcRecordRef; readonly error: CleanError };

export interface WarcReadOptions {
  /** Where to start: the position of a record (a gzip member, or a byte of an uncompressed file). */
  readonly start?: WarcPosition;
  /** Index of the first record read (the records before `start`). */
  readonly firstIndex?: number;
  /** Largest record block held to be cleaned; longer HTML records become TOO_LARGE errors. */
  readonly maxRecordBytes?: number;
}

/**
 * `truncated` of a record that holds part of a page though no WARC-Truncated says so: a segmented
 * record (WARC-Segment-Number) whose `continuation` records are not all in the file (often in the
 * next one: those there are joined), and an HTTP 206 response (one range of the page, a
 * Content-Range that is not the whole of it).
 */
export const PART_OF_A_PAGE = { segmented: 'segmented', partialContent: 'partial-content', cut: 'cut' } as const;

/** An HTTP Content-Length as a number of bytes; 0 (no payload is shorter) when there is none or it is not one number. */
function statedLength(header: string | null | undefined): number {
  return header && /^\s*\d+\s*$/.test(header) ? Number(header) : 0;
}

/**
 * Whether a chunked payload ends before its last chunk (the zero-size one), so the page is cut short: its chunk sizes
 * followed one by one. A payload that does not start as a chunk (one stored already de-chunked under its header) is not.
 */
function chunkedStreamCut(payload: Uint8Array): boolean {
  let at = 0;
  for (;;) {
    const lineEnd = payload.indexOf(LF, at);
    if (lineEnd < 0) return at > 0 || CHUNK_SIZE_LINE.test(latin1.decode(payload.subarray(at, at + WARC_LIMITS.statusLineBytes)));
    const size = CHUNK_SIZE_LINE.exec(latin1.decode(payload.subarray(at, lineEnd + 1)));
    if (!size) return false;
    const length = parseInt(size[1]!, 16);
    if (length === 0) return false;
    at = lineEnd + 1 + length;
    if (at > payload.length) return true;
    // The chunk's CRLF.
    while (at < payload.length && (payload[at] === CR || payload[at] === LF) && at - (lineEnd + 1 + length) < CHUNK_DATA_END_BYTES) at++;
    if (at >= payload.length) return true;
  }
}

/** An HTTP Content-Range that spans the whole representation: "bytes 0-<last>/<last + 1>". */
const WHOLE_RANGE = /^\s*bytes\s+0-(\d+)\/(\d+)\s*$/i;
const PARTIAL_CONTENT = 206;
/** 1xx but 101 (Switching Protocols, after which no HTTP response follows). */
const INTERIM_STATUS = /^1(?:0[02-9]|[1-9]\d)$/;
/**
 * The start of an HTTP response: a status line (a protocol, with its version or not, and a three-digit status:
 * 'HTTP/1.1 200', 'HTTP/2 200', 'ICY 200', after white space a writer left before it). A response record's block
 * without one has no head: an HTTP/0.9 response (the body alone, as such servers answer) or a crawler that kept the
 * body only.
 */
const HTTP_STATUS_LINE_START = /^\s*[A-Za-z][\w.-]*(?:\/\d+(?:\.\d+)?)?[ \t]+\d{3}(?:\s|$)/;

function isPartialContent(status: number | null, contentRange: string | null | undefined): boolean {
  if (status !== PARTIAL_CONTENT) return false;
  const whole = WHOLE_RANGE.exec(contentRange ?? '');
  return whole === null || Number(whole[1]) + 1 !== Number(whole[2]);
}

/** A segmented record read so far: its first segment's entry and the blocks of its segments, by WARC-Segment-Number. */
interface Segmented {
  readonly record: WarcRecordRef;
  readonly headers: Headers;
  readonly type: string;
  readonly blocks: Uint8Array[];
  /** Number of segments, once the last (the one with WARC-Segment-Total-Length) is read. */
  count: number;
  total: number;
}

const CRLFCRLF = new Uint8Array([13, 10, 13, 10]);
const LFLF = new Uint8Array([10, 10]);
const LF = 0x0a;
const CR = 0x0d;
/** A chunk's data ends with CRLF (RFC 9112, 7.1): at most two line-end bytes after it. */
const CHUNK_DATA_END_BYTES = 2;
/** A chunk's size line: hexadecimal digits, then chunk extensions or white space (RFC 9112, 7.1). */
const CHUNK_SIZE_LINE = /^([0-9a-fA-F]{1,15})[ \t]*(?:;[^\n]*)?\r?\n?$/;
const WARC_MAGIC = new TextEncoder().encode('WARC/');
/** The version line; white space after the version is tolerated (warcio strips it; a writer that pads the line). */
const WARC_VERSION_LINE = /^WARC\/[01]\.\d+[ \t]*\r?$/;
const latin1 = new TextDecoder('latin1');
/** UTF-8's byte order mark. */
const BOM = [0xef, 0xbb, 0xbf] as const;

/** A media type's essence: type/subtype, each an HTTP token (RFC 9110, 8.3.1). */
const MEDIA_TYPE_ESSENCE = /^[\w!#$%&'*+.^`|~-]+\/[\w!#$%&'*+.^`|~-]+$/;

/**
 * The media type of a Content-Type, as a browser takes it (Fetch's "extract a MIME type"): a field a server sent twice is
 * read as its values joined by ", " (warcio, as Headers), and the last value that is a media type wins ("text/html,
 * text/html; charset=utf-8" is text/html: it was that whole string, no page's type, and the page was skipped as
 * not-html); '' when none is (a value that is no type/subtype leaves the payload to be typed by a look at it).
 */
function mediaTypeOf(contentType: string | null | undefined): string {
  let essence = '';
  for (const value of (contentType ?? '').split(',')) {
    const type = value.split(';', 1)[0]!.trim().toLowerCase();
    if (MEDIA_TYPE_ESSENCE.test(type) && type !== '*/*') essence = type;
  }
  return essence;
}

function skipReasonOfType(type: string): WarcSkipReason | null {
  switch (type) {
    // A conversion is another form of a capture: a WET file's (Common Crawl's extracted text) are the plain text of pages.
    case 'response':
    case 'resource':
    case 'conversion':
      return null;
    case 'revisit':
    case 'request':
    case 'warcinfo':
    case 'metadata':
      return type;
    default:
      return 'other-type';
  }
}

/**
 * Whether a record whose payload is text or HTML is the crawler's own record about its crawl rather than a page: its
 * target URI names a scheme no page has (PAGE_URI_SCHEMES: wget's metadata://…/wget.log, Browsertrix's urn:text:…).
 */
function isCrawlersOwn(targetUri: string | null): boolean {
  const scheme = targetUri === null ? undefined : URI_SCHEME.exec(targetUri.trim())?.[1]?.toLowerCase();
  return scheme !== undefined && !PAGE_URI_SCHEMES.includes(scheme);
}

/** Whether a payload is one the core cleans, by its media type, or by a look at it when it has none. */
function isPage(mediaType: string, payload: Uint8Array): boolean {
  if (HTML_PAYLOAD_TYPES.includes(mediaType) || TEXT_PAYLOAD_TYPES.includes(mediaType)) return true;
  if (mediaType !== '') return false;
  return WARC_LIMITS.untypedHtmlSniff.test(latin1.decode(payload.subarray(0, WARC_LIMITS.sniffBytes)));
}

/**
 * Where the head of an HTTP response ends in a record's block (the byte after its blank line), or
 * -1 when no blank line comes within WARC_LIMITS.maxHeaderBytes: the first line end followed by an
 * empty line, with CRLF or LF alone (servers that end lines with LF; a head that is the status line
 * alone). warcio reads the status line, then looks for CRLF CRLF in what follows: in both cases it
 * took the page for header lines and left an empty payload.
 */
function httpHeadEnd(block: Uint8Array): number {
  const limit = Math.min(block.length, WARC_LIMITS.maxHeaderBytes);
  for (let at = block.indexOf(LF); at !== -1 && at < limit; at = block.indexOf(LF, at + 1)) {
    if (block[at + 1] === LF) return at + 2;
    if (block[at + 1] === CR && block[at + 2] === LF) return at + 3;
  }
  return -1;
}

/**
 * The fields of a WARC header that hold characters past Latin-1 (a target URI written as an IRI, in UTF-8: "https://ja.example/
 * wiki/日本語"), by their Headers: warcio decodes the header as UTF-8, and a value Headers refuses (a ByteString holds
 * Latin-1 alone) it stores as its UTF-8 bytes, one character each ("æ\u0097¥…"), naming the field in `reencodeHeaders`.
 */
const reencoded = new WeakMap<Headers, ReadonlySet<string>>();

/** A WARC header field's value as written: a field warcio stored as UTF-8 bytes is decoded back ("日本語", not "æ\u0097¥…"). */
function fieldText(headers: Headers | null, name: string): string | null {
  const value = headers?.get(name) ?? null;
  return value !== null && reencoded.get(headers!)?.has(name) ? Buffer.from(value, 'latin1').toString('utf8') : value;
}

async function parseWarcHeaders(bytes: Uint8Array): Promise<Headers | null> {
  const parsed = await new StatusAndHeadersParser().parse(new AsyncIterReader([bytes], null), { headersClass: Headers });
  if (!parsed) return null;
  const headers = parsed.headers as Headers;
  if (parsed.reencodeHeaders && parsed.reencodeHeaders.size > 0) reencoded.set(headers, parsed.reencodeHeaders);
  return headers;
}

/** A page read from the file, held for the revisit records after it that refer to it. */
interface HeldCapture {
  readonly recordId: string;
  readonly targetUri: string | null;
  readonly payload: Uint8Array;
  readonly contentType: string | null;
  readonly status: number | null;
  readonly truncated: string | null;
}

/**
 * The last pages read (up to WARC_LIMITS.maxHeldCaptureBytes of payload), by WARC-Record-ID, by WARC-Target-URI and
 * WARC-Date, and by WARC-Payload-Digest: the three ways a revisit record names the capture it repeats (WARC 1.1, 6.7.3:
 * WARC-Refers-To, WARC-Refers-To-Target-URI with WARC-Refers-To-Date, the same payload digest).
 */
class HeldCaptures {
  private readonly byId = new Map<string, HeldCapture>();
  private readonly byUriDate = new Map<string, string>();
  private readonly byDigest = new Map<string, string>();
  /** The keys of byUriDate and byDigest set for each held capture, removed when it is dropped: else the two maps would
   *  keep a key for every page of the file, past the held ones. */
  private readonly keysOf = new Map<string, Array<readonly [Map<string, string>, string]>>();
  private bytes = 0;

  hold(capture: HeldCapture, date: string | null, digest: string | null): void {
    if (capture.payload.length > WARC_LIMITS.maxHeldCaptureBytes) return;
    const id = capture.recordId;
    this.drop(id);
    // A copy: the payload is often a view of a larger piece of the stream (a 64 KiB read of an uncompressed file), which
    // a view would keep whole, past what `bytes` counts.
    this.byId.set(id, { ...capture, payload: new Uint8Array(capture.payload) });
    this.bytes += capture.payload.length;
    const keys = this.keysOf.get(id) ?? [];
    this.keysOf.set(id, keys);
    const index = (map: Map<string, string>, key: string): void => {
      map.set(key, id);
      keys.push([map, key]);
    };
    if (capture.targetUri !== null && date !== null) index(this.byUriDate, uriDateKey(capture.targetUri, date));
    if (digest !== null) index(this.byDigest, digest.trim().toLowerCase());
    // The oldest go first (a Map iterates in insertion order).
    for (const oldest of this.byId.keys()) {
      if (this.bytes <= WARC_LIMITS.maxHeldCaptureBytes) break;
      this.drop(oldest);
      this.unindex(oldest);
    }
  }

  /** The capture a revisit record names, when it is held. */
  find({ id, uri, date, digest }: RefersTo): HeldCapture | null {
    const byUri = uri !== null && date ? this.byUriDate.get(uriDateKey(uri, date)) : undefined;
    for (const key of [id, byUri, digest === undefined ? undefined : this.byDigest.get(digest)]) {
      const capture = key === undefined ? undefined : this.byId.get(key);
      if (capture) return capture;
    }
    return null;
  }

  private drop(id: string): void {
    const capture = this.byId.get(id);
    if (!capture) return;
    this.byId.delete(id);
    this.bytes -= capture.payload.length;
  }

  /** Removes a dropped capture's keys, those that still name it (a later capture of the same URI and date or digest may have taken one). */
  private unindex(id: string): void {
    for (const [map, key] of this.keysOf.get(id) ?? []) if (map.get(key) === id) map.delete(key);
    this.keysOf.delete(id);
  }
}

/** What a revisit record's header says of the capture it repeats (WARC 1.1, 6.7.3), each as written (trimmed). */
interface RefersTo {
  /** WARC-Refers-To: the capture's WARC-Record-ID. */
  readonly id: string | undefined;
  /** WARC-Refers-To-Target-URI, without angle brackets. */
  readonly uri: string | null;
  /** WARC-Refers-To-Date. */
  readonly date: string | undefined;
  /** WARC-Payload-Digest (lower case), the same as the capture's. */
  readonly digest: string | undefined;
}

function refersToOf(headers: Headers): RefersTo {
  return {
    id: headers.get('warc-refers-to')?.trim(),
    uri: unbracketed(fieldText(headers, 'warc-refers-to-target-uri')),
    date: headers.get('warc-refers-to-date')?.trim(),
    digest: headers.get('warc-payload-digest')?.trim().toLowerCase(),
  };
}

/** The name of a page's input: its target URI, else its record's ID, else its place in the file. */
function inputName(record: WarcRecordRef): string {
  return record.targetUri ?? record.recordId ?? `record-${record.index}`;
}

function uriDateKey(uri: string, date: string): string {
  return `${uri.trim()}\u0000${date.trim()}`;
}

/** A WARC header's URI without the angle brackets WARC/1.0 writers (wget) put around it. */
function unbracketed(uri: string | null | undefined): string | null {
  return uri?.trim().replace(/^<(.*)>$/, '$1') ?? null;
}

/** Whether two target URIs name the same page: the same URL once parsed (case of the host, default port), or the same text. */
function sameUri(a: string, b: string): boolean {
  try {
    return new URL(a).href === new URL(b).href;
  } catch {
    return a.trim() === b.trim();
  }
}

/**
 * Reads the records of a WARC file. `entries()` yields them in order; after the loop (or after
 * breaking out of it), `nextPosition()` says where the next record starts, for a later read.
 */
export class WarcReader {
  private readonly queue: ByteQueue;
  private index: number;
  private readonly maxRecordBytes: number;
  /** The next byte begins a line (the file's start, after a record, after a damaged member). */
  private lineStart = true;
  /** The record being read has a header of LF line ends. */
  private lf = false;
  /** Segmented records whose first segment is read, by its WARC-Record-ID, until their last segment is. */
  private readonly segmented = new Map<string, Segmented>();
  /** Pages read, for the revisit records after them. */
  private readonly captures = new HeldCaptures();
  private stopping = false;

  constructor(source: AsyncIterable<Uint8Array>, options: WarcReadOptions = {}) {
    this.queue = new ByteQueue(warcPieces(source, options.start)[Symbol.asyncIterator]());
    this.index = options.firstIndex ?? 0;
    this.maxRecordBytes = options.maxRecordBytes ?? WARC_LIMITS.maxRecordBytes;
  }

  /** Index the next record will have. */
  get nextIndex(): number {
    return this.index;
  }

  /**
   * After entries(): an EMPTY_INPUT error entry when the file had no record at all (0 bytes, a gzip
   * of nothing, blank lines), read from its start; else null. A WARC file is one record or more: an
   * empty one is a crawl that wrote nothing or a copy cut at its first byte, not a crawl of 0 pages.
   */
  noRecordError(): WarcEntry | null {
    if (this.index !== 0) return null;
    return this.error({ offset: 0, skip: 0 }, new CleanError('EMPTY_INPUT', 'the WARC file holds no record: it is empty'));
  }

  /** Where the next record starts, or null at the end of the file (after entries() ended, at the file's end or by stop()). */
  async nextPosition(): Promise<WarcPosition | null> {
    await this.skipBlankLines();
    if ((await this.queue.fill(1)) === 0) return null;
    return this.queue.position();
  }

  /** Whether a segmented record waits for segments still to come: a range stopped now would give it in part. */
  get holdsSegments(): boolean {
    return this.segmented.size > 0;
  }

  /** Ends entries() after the entry it is at: the segmented records it holds are given as they are (in part). */
  stop(): void {
    this.stopping = true;
  }

  async *entries(): AsyncGenerator<WarcEntry> {
    while (true) {
      await this.skipBlankLines();
      const have = await this.queue.fill(1);
      // Stopped: ends before the next record, not before a damaged member (nextPosition() would find no next record and
      // the file would seem to end there: the records after it were lost); the damage is said and passed first.
      if (this.stopping && have > 0) break;
      if (have === 0) {
        const mark = this.queue.takeBreak();
        if (!mark) break;
        if (!mark.silent) yield this.error({ offset: mark.offset, skip: 0 }, new CleanError('CORRUPT_GZIP', mark.message));
        yield* this.resync(0, true);
        continue;
      }
      yield* this.readRecord();
    }
    for (const held of this.segmented.values()) yield await this.unjoined(held);
    this.segmented.clear();
  }

  /** A segmented record whose last segment was not read: the segments there are, from the first on (truncated 'segmented'). */
  private unjoined(held: Segmented): Promise<WarcEntry> {
    let count = 0;
    while (held.blocks[count]) count++;
    return this.entryOf(count > 1 ? { ...held.record, segments: count } : held.record, held.headers, held.type, Buffer.concat(held.blocks.slice(0, count)));
  }

  /** `lenient`: a record taken though its header ends its lines with LF alone. */
  private ref(start: WarcPosition, headers: Headers | null, lenient = false): WarcRecordRef {
    return {
      index: this.index++,
      start,
      type: headers?.get('warc-type')?.toLowerCase() ?? null,
      recordId: headers?.get('warc-record-id') ?? null,
      targetUri: fieldText(headers, 'warc-target-uri')?.replace(/^<(.*)>$/, '$1') ?? null,
      date: headers?.get('warc-date') ?? null,
      truncated: headers?.get('warc-truncated')?.trim().toLowerCase() || (headers?.has('warc-segment-number') ? PART_OF_A_PAGE.segmented : null),
      ...(lenient ? { lenient: 'lf-line-ends' as const } : {}),
    };
  }

  private error(start: WarcPosition, error: CleanError, headers: Headers | null = null): WarcEntry {
    return { kind: 'error', record: this.ref(start, headers), error };
  }

  /**
   * Passes the blank lines between records, and a UTF-8 byte order mark before a record (a file saved by an editor that
   * writes one, as Windows Notepad does): its first record was a CORRUPT_RECORD error line ("no WARC record starts").
   */
  private async skipBlankLines(): Promise<void> {
    while ((await this.queue.fill(1)) > 0) {
      const byte = this.queue.byteAt(0);
      if (byte === BOM[0] && (await this.queue.fill(BOM.length)) >= BOM.length && BOM.every((b, i) => this.queue.byteAt(i) === b)) {
        await this.queue.skip(BOM.length);
        continue;
      }
      if (byte !== CR && byte !== LF) return;
      await this.queue.skip(1);
      if (byte === LF) this.lineStart = true;
    }
  }

  /**
   * The bytes ran out inside a record: a damaged gzip member cuts it (the record's error says
   * so, and reading goes on after the damage), or the file ends.
   */
  private async *cutShort(start: WarcPosition, headers: Headers | null, what: string): AsyncGenerator<WarcEntry> {
    if (this.queue.breakAhead) {
      await this.queue.skip(this.queue.available);
      const mark = this.queue.takeBreak()!;
      yield this.error(start, new CleanError('CORRUPT_GZIP', `${mark.message} (inside ${what})`), headers);
      yield* this.resync(0, true);
      return;
    }
    yield this.error(start, new CleanError('TRUNCATED_RECORD', `the file ends inside ${what}`), headers);
    yield* this.resync(1);
  }

  private async *readRecord(): AsyncGenerator<WarcEntry> {
    const queue = this.queue;
    const start = queue.position();
    const available = await queue.fill(WARC_LIMITS.maxHeaderBytes);
    const firstLineEnd = queue.indexOf(new Uint8Array([LF]), Math.min(available, WARC_LIMITS.maxLineBytes));
    const firstLine = firstLineEnd === -1 ? '' : latin1.decode(queue.peek(firstLineEnd));
    if (!WARC_VERSION_LINE.test(firstLine)) {
      const seen = latin1.decode(queue.peek(Math.min(available, 40))).replace(/[^\x20-\x7e]/g, '.');
      yield this.error(start, new CleanError('CORRUPT_RECORD', `no WARC record starts at offset ${start.offset}${start.skip ? ` (+${start.skip})` : ''}: "${seen}"`));
      yield* this.resync(1);
      return;
    }
    const crlfEnd = queue.indexOf(CRLFCRLF, WARC_LIMITS.maxHeaderBytes);
    const lfEnd = queue.indexOf(LFLF, crlfEnd === -1 ? WARC_LIMITS.maxHeaderBytes : crlfEnd + 1);
    // A header of LF line ends, which WARC does not allow: hand-made files and some scripts write them, with a right
    // Content-Length (read, said in `lenient`); a copy whose line ends were converted has lengths counted before (an error).
    this.lf = lfEnd !== -1 && (crlfEnd === -1 || lfEnd < crlfEnd);
    const headerEnd = this.lf ? lfEnd + LFLF.length : crlfEnd === -1 ? -1 : crlfEnd + CRLFCRLF.length;
    if (headerEnd === -1) {
      if (available < WARC_LIMITS.maxHeaderBytes) {
        yield* this.cutShort(start, null, `the record header at offset ${start.offset}`);
        return;
      }
      yield this.error(start, new CleanError('CORRUPT_RECORD', `the record header at offset ${start.offset} has no end within ${WARC_LIMITS.maxHeaderBytes} bytes`));
      yield* this.resync(1);
      return;
    }
    const headers = await parseWarcHeaders(queue.peek(headerEnd));
    // A field written twice is read as its values joined by ", " (warcio): a Content-Length repeated with the same value
    // (a writer that adds its own beside the one it was given) is that value.
    const lengths = new Set((headers?.get('content-length') ?? '').split(',').map((value) => value.trim()));
    const lengthText = lengths.size === 1 ? [...lengths][0]! : '';
    if (!headers || !/^\d+$/.test(lengthText) || !headers.get('warc-type')) {
      yield this.error(start, new CleanError('CORRUPT_RECORD', `the record header at offset ${start.offset} has no ${headers?.get('warc-type') ? 'valid Content-Length' : 'WARC-Type'}`), headers);
      yield* this.resync(1);
      return;
    }
    const length = Number(lengthText);
    const type = headers.get('warc-type')!.toLowerCase();
    const skipReason = skipReasonOfType(type);
    const blockStart = headerEnd;
    const segment = Number(headers.get('warc-segment-number'));
    const origin = type === 'continuation' ? this.segmented.get(headers.get('warc-segment-origin-id') ?? '') : undefined;
    const lengthLies = () =>
      this.error(
        start,
        new CleanError(
          'CORRUPT_RECORD',
          this.lf
            ? `the record header at offset ${start.offset} ends its lines with LF alone, not CRLF as WARC requires (were the file's line ends converted?)`
            : `the record at offset ${start.offset} does not end after its Content-Length of ${length} bytes`,
        ),
        headers,
      );

    if (origin && length > this.maxRecordBytes) {
      // A continuation too long to hold: the page of its segments is too, not one whose segments are missing from the file.
      this.segmented.delete(origin.record.recordId!);
      yield { kind: 'error', record: origin.record, error: new CleanError('TOO_LARGE', `the segmented record at offset ${origin.record.start.offset} has a ${length}-byte segment, over the ${this.maxRecordBytes}-byte limit`) };
    }
    if ((skipReason === null || origin) && length <= this.maxRecordBytes) {
      // Held whole: block and the blank line after it are checked before the record is taken.
      const have = await queue.fill(blockStart + length + WARC_LIMITS.maxLineBytes);
      // After LF line ends, a length that runs past the file's end is as likely counted before a conversion as cut short.
      if (have < blockStart + length && this.lf && !queue.breakAhead) {
        yield lengthLies();
        yield* this.resync(1);
        return;
      }
      if (have < blockStart + length) {
        yield* this.cutShort(start, headers, `the record at offset ${start.offset} (${length} bytes of block declared, ${Math.max(0, have - blockStart)} there)`);
        return;
      }
      if (!this.endsRecord(blockStart + length, have)) {
        yield lengthLies();
        yield* this.resyncAfter(blockStart + length, have);
        return;
      }
      const block = queue.take(blockStart + length).subarray(blockStart);
      this.lineStart = false;
      const record = this.ref(start, headers, this.lf);
      if (origin) yield* this.continued(origin, record, headers, segment, block);
      else if (segment === 1 && record.recordId !== null) yield* this.firstSegment(record, headers, type, block);
      else yield await this.entryOf(record, headers, type, block);
      return;
    }

    // Streamed past: a record that is not cleaned (or too long to be), never held whole.
    const peeked = skipReasonOfType(type) === null || type === 'revisit' ? queue.peek(Math.min(blockStart + length, WARC_LIMITS.maxHeaderBytes)).subarray(blockStart) : null;
    await queue.skip(blockStart);
    const skipped = await queue.skip(length);
    this.lineStart = false;
    if (skipped < length && this.lf && !queue.breakAhead) {
      yield lengthLies();
      yield* this.resync(0);
      return;
    }
    if (skipped < length) {
      yield* this.cutShort(start, headers, `the record at offset ${start.offset}`);
      return;
    }
    const have = await queue.fill(WARC_LIMITS.maxLineBytes);
    if (!this.endsRecord(0, have)) {
      yield lengthLies();
      yield* this.resyncAfter(0, have);
      return;
    }
    if (type === 'revisit') {
      yield await this.revisit(this.ref(start, headers, this.lf), headers, peeked!);
      return;
    }
    if (skipReason !== null) {
      yield { kind: 'skipped', record: this.ref(start, headers, this.lf), reason: skipReason };
      return;
    }
    // Too long to clean: an error when it is a page, skipped when it is not.
    const head = peeked ? await this.payloadOf(headers, type, peeked, true) : null;
    if (head && 'reason' in head) {
      yield { kind: 'skipped', record: this.ref(start, headers, this.lf), reason: head.reason };
      return;
    }
    if (isCrawlersOwn(headers.get('warc-target-uri')?.replace(/^<(.*)>$/, '$1') ?? null)) {
      yield { kind: 'skipped', record: this.ref(start, headers, this.lf), reason: 'metadata' };
      return;
    }
    yield this.error(start, new CleanError('TOO_LARGE', `the record at offset ${start.offset} has a ${length}-byte block, over the ${this.maxRecordBytes}-byte limit`), headers);
  }

  /**
   * The blank line (CRLF CRLF) that ends a record is at `at`, or the file ends there (with at most that blank line).
   * After a header of LF line ends, a blank line of LF alone or CRLF, then the next record's `WARC/` or the file's end:
   * a length counted before the line ends were converted lands elsewhere.
   */
  private endsRecord(at: number, have: number): boolean {
    if (this.lf) {
      let next = at;
      let lineEnds = 0;
      for (let byte; next < have && ((byte = this.queue.byteAt(next)) === CR || byte === LF); next++) if (byte === LF) lineEnds++;
      // The file's end, after blank lines at most (bytes up to the look-ahead's end that are all blank are not known to be that).
      if (next === have) return have < at + WARC_LIMITS.maxLineBytes && !this.queue.breakAhead;
      return lineEnds >= 2 && WARC_MAGIC.every((byte, k) => next + k < have && this.queue.byteAt(next + k) === byte);
    }
    if (have >= at + CRLFCRLF.length) {
      for (let k = 0; k < CRLFCRLF.length; k++) if (this.queue.byteAt(at + k) !== CRLFCRLF[k]) return false;
      return true;
    }
    // The last record of a file: tolerate a missing or short blank line, nothing else.
    for (let k = at; k < have; k++) {
      const byte = this.queue.byteAt(k);
      if (byte !== CR && byte !== LF) return false;
    }
    return !this.queue.breakAhead;
  }

  /**
   * The payload of a response, resource or conversion record, with its media type, or why it is skipped.
   * `partial`: only the start of the block is there (the record is too long to clean), enough
   * for the headers and a look.
   */
  private async payloadOf(
    warcHeaders: Headers,
    type: string,
    block: Uint8Array,
    partial = false,
  ): Promise<{ payload: Uint8Array; contentType: string | null; status: number | null; partial?: boolean; cut?: boolean } | { reason: WarcSkipReason }> {
    const warcMediaType = mediaTypeOf(warcHeaders.get('content-type'));
    // A response record holds an HTTP response unless its Content-Type says otherwise (dns: records hold text); WARC names
    // application/http, and RFC 2616 (19.1) defines message/http beside it, with the same msgtype parameter.
    const httpTyped = type === 'response' && (warcMediaType === '' || HTTP_MESSAGE_TYPES.includes(warcMediaType));
    // A block that begins with no status line is a body without a head: read whole (typed by a look at it), not taken
    // up to its first blank line for a head (its start was lost) or refused for a head that does not end.
    const isHttp = httpTyped && (block.length === 0 || HTTP_STATUS_LINE_START.test(latin1.decode(block.subarray(0, WARC_LIMITS.statusLineBytes))));
    // A response record of no bytes (Content-Length 0: a crawler that wrote a record for a fetch that got no answer) holds
    // no response to read: nothing, not a head that does not end (a CORRUPT_RECORD that sent the user looking for damage).
    if (httpTyped && block.length === 0 && !partial) throw new CleanError('EMPTY_INPUT', 'the response record is empty (Content-Length 0): no HTTP response was recorded');
    // The HTTP head is split off here (httpHeadEnd), not by warcio's parseHttp.
    let payload = block;
    let http = null;
    // An interim response (100 Continue, 103 Early Hints) recorded before the final one: the final one is the page.
    while (isHttp && (http === null || (INTERIM_STATUS.test(String(http.statusCode)) && latin1.decode(payload.subarray(0, 5)) === 'HTTP/'))) {
      const headEnd = httpHeadEnd(payload);
      // Only the start of a long block is here: its head may go on past it.
      if (headEnd < 0 && !partial) throw new CleanError('CORRUPT_RECORD', 'the HTTP response head does not end: no blank line before the payload');
      http = await new StatusAndHeadersParser().parse(new AsyncIterReader([headEnd < 0 ? payload : payload.subarray(0, headEnd)], null), { headersClass: Headers });
      payload = headEnd < 0 ? new Uint8Array(0) : payload.subarray(headEnd);
      if (!http) break;
    }
    const httpHeaders = http?.headers as Headers | undefined;
    const status = http ? Number(http.statusCode) || null : null;
    if (status !== null && (status < 200 || status > 299)) return { reason: 'http-status' };
    const contentType = httpTyped ? (httpHeaders?.get('content-type') ?? null) : warcHeaders.get('content-type');
    const identified = warcHeaders.get('warc-identified-payload-type');
    const mediaType = mediaTypeOf(contentType) || mediaTypeOf(identified);
    if (partial) return isPage(mediaType, payload) ? { payload, contentType, status } : { reason: 'not-html' };
    // A payload that ends before the end its own framing states (its Content-Length, its last chunk, the end of its gzip
    // stream) holds the start of the page: a crawler cut it short without a WARC-Truncated, or with one.
    let cut = false;
    if (httpHeaders?.get('transfer-encoding')?.toLowerCase().includes('chunked')) {
      cut = chunkedStreamCut(payload);
      // warcio's de-chunking; a payload stored already de-chunked comes back as it is.
      payload = await new AsyncIterReader([payload], null, true).readFully();
    } else {
      cut = payload.length < statedLength(httpHeaders?.get('content-length'));
    }
    // Crawlers that stored the decoded payload under its original header are read as they are (a coding that does not undo
    // is left); a gzip stream cut short gives what it holds up to the cut.
    const undone = undoContentEncoding(payload, contentCodings(httpHeaders?.get('content-encoding')), this.maxRecordBytes, true);
    payload = undone.bytes;
    return isPage(mediaType, payload)
      ? { payload, contentType, status, partial: isPartialContent(status, httpHeaders?.get('content-range')), cut: cut || undone.cut }
      : { reason: 'not-html' };
  }

  private async entryOf(read: WarcRecordRef, headers: Headers, type: string, block: Uint8Array, partial = false): Promise<WarcEntry> {
    try {
      const result = await this.payloadOf(headers, type, block, partial);
      if ('reason' in result) return { kind: 'skipped', record: read, reason: result.reason };
      // A text the crawler wrote about its crawl (its log, its command line), not a page it captured.
      if (isCrawlersOwn(read.targetUri)) return { kind: 'skipped', record: read, reason: 'metadata' };
      const part = result.partial === true ? PART_OF_A_PAGE.partialContent : result.cut === true ? PART_OF_A_PAGE.cut : null;
      const ref = part !== null && read.truncated === null ? { ...read, truncated: part } : read;
      if (!partial && ref.recordId !== null) {
        const capture = { recordId: ref.recordId, targetUri: ref.targetUri, payload: result.payload, contentType: result.contentType, status: result.status, truncated: ref.truncated };
        this.captures.hold(capture, ref.date, headers.get('warc-payload-digest'));
      }
      return {
        kind: 'page',
        record: ref,
        input: { bytes: result.payload, name: inputName(ref), contentType: result.contentType, url: ref.targetUri, capturedAt: ref.date },
        httpStatus: result.status,
      };
    } catch (error) {
      const failure = error instanceof CleanError ? error : new CleanError('CORRUPT_RECORD', `the record at offset ${read.start.offset} does not parse: ${(error as Error).message}`, { cause: error });
      return { kind: 'error', record: read, error: failure };
    }
  }

  /**
   * A revisit record: a page of the capture it names, when that capture was read before it (a file written with
   * deduplication gives the documents the same crawl written without it does), with the revisit's URI and date; else
   * skipped when the page is that capture's, by its URI, or an UNRESOLVED_REVISIT error when the revisit names another URI
   * (warcprox, Browsertrix and Heritrix store the same bytes at a second address once): that address's page is in no
   * document. Its own block holds the HTTP head at most; a revisit of what is not a page (an image) is skipped.
   */
  private async revisit(read: WarcRecordRef, headers: Headers, block: Uint8Array): Promise<WarcEntry> {
    const refersTo = refersToOf(headers);
    const capture = this.captures.find(refersTo);
    if (capture) {
      return {
        kind: 'page',
        record: { ...read, truncated: capture.truncated, revisitOf: capture.recordId },
        input: { bytes: capture.payload, name: inputName(read), contentType: capture.contentType, url: read.targetUri, capturedAt: read.date },
        httpStatus: capture.status,
      };
    }
    const { uri, id, date } = refersTo;
    if (uri === null || read.targetUri === null || sameUri(uri, read.targetUri)) return { kind: 'skipped', record: read, reason: 'revisit' };
    // The media type its HTTP head gives, when it has one: a revisit of an image is no lost page.
    let mediaType = '';
    if (HTTP_STATUS_LINE_START.test(latin1.decode(block.subarray(0, WARC_LIMITS.statusLineBytes)))) {
      const headEnd = httpHeadEnd(block);
      const http = await new StatusAndHeadersParser().parse(new AsyncIterReader([headEnd < 0 ? block : block.subarray(0, headEnd)], null), { headersClass: Headers }).catch(() => null);
      mediaType = mediaTypeOf((http?.headers as Headers | undefined)?.get('content-type'));
    }
    if (mediaType !== '' && !isPage(mediaType, new Uint8Array(0))) return { kind: 'skipped', record: read, reason: 'revisit' };
    return {
      kind: 'error',
      record: read,
      error: new CleanError(
        'UNRESOLVED_REVISIT',
        `the revisit record of ${read.targetUri} repeats the capture of ${uri}${date ? ` of ${date}` : ''}${id ? ` (${id})` : ''}, which is not among the records read before it: clean the file that holds that capture and this one together (one after the other, as one file)`,
      ),
    };
  }

  /**
   * The first segment of a segmented record (WARC-Segment-Number 1): a page waits for its continuation records (a
   * file of several crawl files, one after another; a writer that splits records within a file); the rest is as it is.
   */
  private async *firstSegment(record: WarcRecordRef, headers: Headers, type: string, block: Uint8Array): AsyncGenerator<WarcEntry> {
    const look = await this.entryOf(record, headers, type, block, true);
    if (look.kind !== 'page') {
      yield look;
      return;
    }
    // The same first segment again (a crawl file given twice): the one held is given as it is, not dropped.
    const earlier = this.segmented.get(record.recordId!);
    if (earlier) yield await this.unjoined(earlier);
    this.segmented.delete(record.recordId!);
    // Held too many: the oldest is given as it is.
    for (const [id, oldest] of this.segmented) {
      if (this.segmented.size < WARC_LIMITS.maxHeldSegmented) break;
      this.segmented.delete(id);
      yield await this.unjoined(oldest);
    }
    this.segmented.set(record.recordId!, { record, headers, type, blocks: [block], count: 0, total: 0 });
  }

  /**
   * A continuation record of a segmented record the reader holds: skipped itself ('other-type', as every continuation
   * record), its block kept in the place its WARC-Segment-Number says; after the last (WARC-Segment-Total-Length),
   * the page of all the segments in order, with the first's place in the file. A record that the segments do not make
   * whole and right (a number twice with other bytes, a total that is not theirs, past the size limit) is an error.
   */
  private async *continued(held: Segmented, record: WarcRecordRef, headers: Headers, segment: number, block: Uint8Array): AsyncGenerator<WarcEntry> {
    yield { kind: 'skipped', record, reason: 'other-type' };
    const id = held.record.recordId!;
    const earlier = held.blocks[segment - 1];
    let problem = !(segment >= 2) || (earlier !== undefined && Buffer.compare(earlier, block) !== 0) ? `segment ${headers.get('warc-segment-number')} is not one of its own` : null;
    if (problem === null) held.blocks[segment - 1] = block;
    const total = headers.get('warc-segment-total-length');
    if (total !== null) {
      held.count = segment;
      held.total = Number(total);
    }
    const blocks = held.blocks.filter(Boolean);
    const bytes = blocks.reduce((sum, part) => sum + part.length, 0);
    if (bytes > this.maxRecordBytes) {
      this.segmented.delete(id);
      yield { kind: 'error', record: held.record, error: new CleanError('TOO_LARGE', `the segmented record at offset ${held.record.start.offset} has over ${this.maxRecordBytes} bytes of block, the limit`) };
      return;
    }
    if (problem === null && (held.count === 0 || blocks.length < held.count)) return;
    this.segmented.delete(id);
    if (problem === null && (held.blocks.length !== held.count || bytes !== held.total)) problem = `its ${blocks.length} segments hold ${bytes} bytes, not its WARC-Segment-Total-Length of ${held.total}`;
    if (problem !== null) {
      yield { kind: 'error', record: held.record, error: new CleanError('CORRUPT_RECORD', `the segmented record at offset ${held.record.start.offset} cannot be joined: ${problem}`) };
      return;
    }
    const truncated = held.headers.get('warc-truncated')?.trim().toLowerCase() || null;
    yield await this.entryOf({ ...held.record, truncated, segments: held.count }, held.headers, held.type, Buffer.concat(held.blocks));
  }

  /**
   * After a record that does not end where its length says: a record that starts right there (a writer that left out the
   * blank line between records) is read next, though its `WARC/` begins no line; else reading resynchronises after the
   * record's first byte (`at` > 0) or at `at` (the record streamed past).
   */
  private async *resyncAfter(at: number, have: number): AsyncGenerator<WarcEntry> {
    if (!WARC_MAGIC.every((byte, k) => at + k < have && this.queue.byteAt(at + k) === byte)) {
      yield* this.resync(at > 0 ? 1 : 0);
      return;
    }
    await this.queue.skip(at);
    this.lineStart = true;
  }

  /**
   * Drops `drop` bytes, then everything up to the next line that starts with `WARC/` (or the next
   * gzip member); a damaged member met on the way is an error entry of its own.
   */
  private async *resync(drop: number, freshStart = false): AsyncGenerator<WarcEntry> {
    const queue = this.queue;
    let previous = freshStart || (drop === 0 && this.lineStart) ? LF : drop > 0 ? queue.byteAt(drop - 1) : 0;
    await queue.skip(drop);
    while (true) {
      const have = await queue.fill(WARC_LIMITS.resyncWindowBytes);
      if (have === 0) {
        const mark = queue.takeBreak();
        if (!mark) return;
        if (!mark.silent) yield this.error({ offset: mark.offset, skip: 0 }, new CleanError('CORRUPT_GZIP', mark.message));
        previous = LF;
        continue;
      }
      const region = queue.peek(have);
      for (let at = region.indexOf(WARC_MAGIC[0]!); at !== -1 && at + WARC_MAGIC.length <= have; at = region.indexOf(WARC_MAGIC[0]!, at + 1)) {
        if ((at === 0 ? previous : region[at - 1]) !== LF) continue;
        if (WARC_MAGIC.every((byte, k) => region[at + k] === byte)) {
          await queue.skip(at);
          this.lineStart = true;
          return;
        }
      }
      if (have >= WARC_LIMITS.resyncWindowBytes) {
        // More may come: keep a tail that may be the start of a cut "WARC/".
        const keep = WARC_MAGIC.length - 1;
        previous = region[have - keep - 1]!;
        await queue.skip(have - keep);
      } else {
        // The end of the file, or a damaged member, comes next: none of this is a record.
        await queue.skip(have);
      }
    }
  }
}
