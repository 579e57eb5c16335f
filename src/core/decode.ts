/**
 * Raw bytes → text: gunzip, binary rejection, format (HTML or plain text) and charset.
 *
 * Charset precedence, following the WHATWG encoding-sniffing algorithm where it applies:
 * BOM, then a UTF-16 byte pattern, then the content type's `charset`, then `<meta charset>` /
 * `http-equiv` for HTML, then statistical detection (chardet). Declarations are checked against
 * the bytes, because scrapes lie: bytes that are valid multi-byte UTF-8 are UTF-8 whatever a
 * single-byte declaration says, and a page declared UTF-8 whose bytes are mostly not UTF-8 is
 * re-detected. Text is decoded with the runtime's TextDecoder (full ICU on Node and Lambda), but
 * for EUC-KR, GBK and Big5, which it reads otherwise than the Encoding Standard (STANDARD_DECODERS), and
 * ISO-8859-16, which it lacks.
 */
import { isAscii, isUtf8 } from 'node:buffer';
import chardet from 'chardet';
import { GZIP_MAGIC, contentCodings, gunzipMembers, inflateCoding, startsWith, type ContentCoding } from './content-encoding.js';
import { CleanError } from './errors.js';
import { DECODING } from './cues/thresholds.js';
import { LATIN_ALPHABETS } from './cues/latin-alphabets.js';
import { encodingForLabel, prescan, type PrescanResult } from './prescan.js';
import { decodeBig5 } from './big5.js';
import { decodeEucKr } from './euc-kr.js';
import { ISO_8859_16, decodeIso885916 } from './iso-8859-16.js';
import { decodeSingleByte, WINDOWS_1252_C1, WINDOWS_1252_C1_FIRST } from './single-byte.js';
import { mayHoldDoubleEncoding, repairMixedDoubleEncoding, undoDoubleEncoding, withMojibakeReferencesDecoded } from './double-encoding.js';
import { replaceInPieces } from './normalize.js';
import type { Watchdog } from './watchdog.js';
import { isMarkdownScrape } from './text/markdown.js';

/**
 * How the text is read: `html` by the HTML parser; `xhtml` is XHTML served as XML (its CDATA
 * sections are text); `feed` an RSS or Atom feed (its items' escaped markup is the page); `text` lines.
 */
export type Format = 'html' | 'xhtml' | 'feed' | 'text';

export interface DecodedInput {
  readonly text: string;
  readonly format: Format;
  /** WHATWG name of the encoding the text was decoded from. */
  readonly encoding: string;
  /** The outermost compression undone (a gzip of a br-encoded response is `gzip`). */
  readonly compression: ContentCoding | null;
  /** How the encoding was chosen: bom, utf16-pattern, content-type, meta, utf8-valid, detected, default. */
  readonly encodingSource: string;
  /** The bytes were UTF-8 encoded twice, all or in part (./double-encoding.ts), and `text` is what they held before the second encoding. */
  readonly doubleEncoded: boolean;
  /** Declared plain text (text/plain, a .txt name) that is an HTML document: read as text all the same, with a quality warning. */
  readonly markupAsText: boolean;
  /**
   * `text` holds no U+0000, told from the bytes (false: not known). The parse looks for one before it
   * reads a page (src/core/parse.ts RISKS.nul), and in a string of two-byte characters the runtime's
   * search for U+0000 stops at the zero high byte of every ASCII character: about 1% of a corpus pass.
   */
  readonly nulFree: boolean;
}

export interface RawInput {
  readonly bytes: Uint8Array;
  readonly name: string;
  readonly contentType?: string | null;
  /** The transport's Content-Encoding when known (S3 object metadata, HTTP header): gzip, deflate, br, or a list. */
  readonly contentEncoding?: string | null;
}

/** Gzip layers unwrapped: a stored-gzipped copy of a gzip-encoded response is two; more is not a scrape. */
const MAX_GZIP_LAYERS = 2;

/** Magic numbers of formats that are never a scrape. */
const BINARY_SIGNATURES: ReadonlyArray<{ name: string; bytes: number[] }> = [
  { name: 'a PNG image', bytes: [0x89, 0x50, 0x4e, 0x47] },
  { name: 'a JPEG image', bytes: [0xff, 0xd8, 0xff] },
  { name: 'a GIF image', bytes: [0x47, 0x49, 0x46, 0x38] },
  { name: 'a PDF document', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { name: 'a ZIP archive', bytes: [0x50, 0x4b, 0x03, 0x04] },
  { name: 'a WebP/RIFF file', bytes: [0x52, 0x49, 0x46, 0x46] },
  { name: 'a WebAssembly module', bytes: [0x00, 0x61, 0x73, 0x6d] },
  { name: 'an ELF executable', bytes: [0x7f, 0x45, 0x4c, 0x46] },
  { name: 'a bzip2 stream', bytes: [0x42, 0x5a, 0x68] },
  { name: 'an xz stream', bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00] },
  { name: 'a zstd stream', bytes: [0x28, 0xb5, 0x2f, 0xfd] },
  // Web archives: many pages in one file, with their WARC and HTTP header lines. Read as one page, those lines were its body.
  { name: 'a WARC file (a web archive: under a .warc, .warc.gz, .wet or .wet.gz name, the pages in it are cleaned one by one)', bytes: [...Buffer.from('WARC/', 'latin1')] },
  { name: 'an ARC file (a web archive, which is not read: convert it to WARC)', bytes: [...Buffer.from('filedesc://', 'latin1')] },
];

const HTML_CONTENT_TYPES = /^text\/html\b/i;
const XHTML_CONTENT_TYPE = /^application\/xhtml\+xml\b/i;
const FEED_CONTENT_TYPES = /^application\/(rss|atom|rdf)\+xml\b/i;
/** Plain text, and Markdown (RFC 7763's text/markdown; text/x-markdown before it): a text scrape, read as ./text/markdown.ts reads Markdown. */
const TEXT_CONTENT_TYPES = /^text\/(?:plain|markdown|x-markdown)\b/i;
const HTML_EXTENSIONS = /\.(html?|shtml|php|aspx?|jsp)$/i;
const XHTML_EXTENSIONS = /\.(xhtml|xht)$/i;
const TEXT_EXTENSIONS = /\.(txt|text|md|markdown)$/i;
/**
 * Tables of data by their content type (RFC 4180's text/csv, IANA's text/tab-separated-values) or, under no HTML or text
 * type, their name: a spreadsheet's export, not a page. Cleaned as text, its header row was the title ("name,age,city")
 * and its rows chrome: NOT_A_PAGE, as JSON is.
 */
const DATA_TABLE_CONTENT_TYPES = /^(?:text\/(?:csv|tab-separated-values)|application\/(?:csv|vnd\.ms-excel))\b/i;
const DATA_TABLE_EXTENSIONS = /\.(csv|tsv)$/i;
const MARKDOWN_EXTENSIONS = /\.(md|markdown)$/i;
const MARKDOWN_CONTENT_TYPES = /^text\/(?:x-)?markdown\b/i;
/**
 * HTML without a name or type to tell it, sniffed where markup has it (as the MIME Sniffing standard
 * looks at a resource's start, not anywhere in it): a document or fragment that starts with a tag,
 * a comment or a doctype; a document's own elements after a line a server printed first (a PHP
 * warning); or closing tags, which prose does not write (DECODING.minSniffClosingTags). A tag
 * named anywhere ("write a <p> tag") made a text scrape HTML: its lines ran into one paragraph.
 */
const STARTS_WITH_MARKUP = /^\uFEFF?\s*<[a-z!?]/i;
const DOCUMENT_MARKUP = /<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>])/i;
const CLOSING_TAG = /<\/[a-z][a-z0-9]*\s*>/gi;
/** What may come before an XML document's root element: the declaration, processing instructions, comments, a doctype. */
const XML_PROLOG = String.raw`^\uFEFF?\s*(?:<\?[^>]*>\s*|<!--(?:[^-]|-(?!->))*-->\s*|<!DOCTYPE[^>\[]*(?:\[[^\]]*\])?\s*>\s*)*`;
/** A feed's root element, as the MIME Sniffing standard tells a feed (`rss`, `feed`, `rdf:RDF`). */
const FEED_ROOT = new RegExp(`${XML_PROLOG}<(?:rss|feed|rdf:RDF)[\\s>]`);
/** An XML-declared document whose root is XHTML's `<html xmlns="http://www.w3.org/1999/xhtml">`. */
const XHTML_ROOT = new RegExp(`^\\uFEFF?\\s*<\\?xml\\s[^>]*>${XML_PROLOG.slice(1)}<html\\s[^>]*xmlns\\s*=\\s*["']http://www\\.w3\\.org/1999/xhtml["']`, 'i');
/** The root element of a document that starts with an XML declaration, after its prolog. */
const XML_DOCUMENT_ROOT = new RegExp(`^\\uFEFF?\\s*<\\?xml\\s[^>]*>${XML_PROLOG.slice(1)}<([^\\s/>]+)`, 'i');
/** A JSON document or record: an object or an array (a bare string or number is text). */
const JSON_START = /^\uFEFF?\s*[[{]/;
const CHARSET_PARAM = /charset\s*=\s*["']?\s*([\w.:-]+)/i;

/** Names of compressed files: gzip's, Brotli's, zlib's (`.zz`, `.deflate`). */
const COMPRESSED_EXTENSION = /\.(gz|br|zz|deflate)$/i;
const EXTENSION_CODING: Readonly<Record<string, ContentCoding>> = { gz: 'gzip', br: 'br', zz: 'deflate', deflate: 'deflate' };

/** What the input's content type or name declares it when that is a table of data (DATA_TABLE_CONTENT_TYPES), or null. */
function declaredDataTable(input: RawInput): string | null {
  const contentType = input.contentType ?? '';
  if (DATA_TABLE_CONTENT_TYPES.test(contentType)) return `a table of data (content type ${contentType.split(';')[0]!.trim()})`;
  if (contentType !== '' && (HTML_CONTENT_TYPES.test(contentType) || TEXT_CONTENT_TYPES.test(contentType) || XHTML_CONTENT_TYPE.test(contentType))) return null;
  return DATA_TABLE_EXTENSIONS.test(stripExtension(input.name)) ? 'a table of data (a .csv or .tsv name)' : null;
}

/** Whether the input's content type or name says it is Markdown (text/markdown, a .md name): read as Markdown whatever its links. */
export function declaresMarkdown(input: RawInput): boolean {
  const contentType = input.contentType ?? '';
  return MARKDOWN_CONTENT_TYPES.test(contentType) || (!TEXT_CONTENT_TYPES.test(contentType) && MARKDOWN_EXTENSIONS.test(stripExtension(input.name)));
}

function stripExtension(name: string): string {
  return name.replace(COMPRESSED_EXTENSION, '');
}

/** The codings the transport or the name declares, in the order they were applied. */
function declaredCodings(input: RawInput): ContentCoding[] {
  const codings = contentCodings(input.contentEncoding);
  const extension = COMPRESSED_EXTENSION.exec(input.name)?.[1]?.toLowerCase();
  // A `.br` object without a Content-Encoding: its name says it (gzip is told by its magic bytes anyway).
  if (codings.length === 0 && extension && extension !== 'gz') codings.push(EXTENSION_CODING[extension]!);
  return codings;
}

/** Bytes that can be a page stored decoded: valid UTF-8, or mostly printable ASCII (see DECODING.minStoredDecodedAsciiRatio). */
function looksDecoded(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, DECODING.binarySampleBytes);
  if (isUtf8(sample.subarray(0, Math.max(0, sample.length - 3))) && binaryKind(sample) === null) return true;
  let printable = 0;
  for (const byte of sample) if ((byte >= 0x20 && byte < 0x7f) || byte === 0x09 || byte === 0x0a || byte === 0x0d) printable++;
  return sample.length > 0 && printable / sample.length >= DECODING.minStoredDecodedAsciiRatio;
}

/**
 * Undoes the compression of a scrape, outermost first: gzip by its magic bytes (a scrape stored
 * gzipped after being fetched gzipped is gzip inside gzip: up to MAX_GZIP_LAYERS), and the
 * codings the transport or the name declares (br and deflate have no magic bytes to tell them),
 * the last applied first. A declared coding the bytes are not of is left (a crawler stored the
 * decoded body under its original header) unless the bytes do not look decoded either: then
 * they are a damaged stream, not a page of mojibake.
 */
function uncompress(input: RawInput, maxBytes: number, watchdog: Watchdog | undefined): { bytes: Uint8Array; compression: ContentCoding | null } {
  let bytes = input.bytes;
  // gzip is told by its bytes below, which tells a damaged stream from a stored decoded one.
  const declared = declaredCodings(input).filter((coding) => coding !== 'gzip').reverse();
  const failed: ContentCoding[] = [];
  let compression: ContentCoding | null = null;
  let gzipLayers = 0;
  while (true) {
    if (startsWith(bytes, GZIP_MAGIC)) {
      if (gzipLayers === MAX_GZIP_LAYERS) throw new CleanError('BINARY_INPUT', `input is gzip nested more than ${MAX_GZIP_LAYERS} deep, not a scrape`);
      bytes = gunzipMembers(bytes, maxBytes, watchdog);
      gzipLayers++;
      compression ??= 'gzip';
      continue;
    }
    if (gzipLayers === 0 && /\.gz$/i.test(input.name) && bytes.length >= 2 && bytes[0] === 0x1f) {
      throw new CleanError('CORRUPT_GZIP', 'file is named .gz but its gzip header is damaged');
    }
    const coding = declared.shift();
    if (coding === undefined) break;
    const inflated = inflateCoding(coding, bytes, maxBytes);
    if (inflated) {
      bytes = inflated;
      compression ??= coding;
    } else {
      failed.push(coding);
    }
  }
  if (compression !== null && bytes.length === 0) throw new CleanError('EMPTY_INPUT', `the ${compression} stream inflates to 0 bytes`);
  if (failed.length > 0 && !looksDecoded(bytes)) {
    throw new CleanError('CORRUPT_COMPRESSION', `the input is declared ${failed.join(' and ')}-encoded, but it does not inflate as such and is not text`);
  }
  return { bytes, compression };
}

/** What binaryKind names bytes of no known format that hold many control bytes. */
const BINARY_DATA = 'binary data';

/** Returns the name of a binary format, or null when the bytes can be text. */
function binaryKind(bytes: Uint8Array): string | null {
  for (const signature of BINARY_SIGNATURES) if (startsWith(bytes, signature.bytes)) return signature.name;
  const sample = bytes.subarray(0, DECODING.binarySampleBytes);
  let control = 0;
  // Indexed: a typed array's iterator cost about 0.4% of a corpus pass here.
  for (let i = 0; i < sample.length; i++) {
    const byte = sample[i]!;
    // C0 controls other than tab, line feed, form feed, carriage return and escape.
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0c && byte !== 0x0d && byte !== 0x1b) control++;
  }
  return sample.length > 0 && control / sample.length > DECODING.maxControlByteRatio ? BINARY_DATA : null;
}

function bomEncoding(bytes: Uint8Array): { encoding: string; length: number } | null {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return { encoding: 'utf-8', length: 3 };
  if (startsWith(bytes, [0xff, 0xfe])) return { encoding: 'utf-16le', length: 2 };
  if (startsWith(bytes, [0xfe, 0xff])) return { encoding: 'utf-16be', length: 2 };
  return null;
}

/**
 * UTF-32 is no web encoding (the Encoding Standard has no decoder for it, and TextDecoder refuses
 * the label), but files in it exist, and both of its tells meet UTF-16's checks: its little-endian
 * BOM FF FE 00 00 starts with UTF-16LE's, and its ASCII leaves zero bytes in both lanes. Read as
 * UTF-16, each character came with a U+0000 after it, the format sniffer saw no markup, and the
 * page's tags were its text. The bytes are UTF-32 when every 4-byte unit of the head is a code point
 * (DECODING.utf32SampleBytes): UTF-16 text fails that at once, so a UTF-16LE page whose first
 * character is U+0000 keeps its reading.
 */
const UTF32_BOMS: ReadonlyArray<{ encoding: Utf32; bytes: number[] }> = [
  { encoding: 'utf-32le', bytes: [0xff, 0xfe, 0x00, 0x00] },
  { encoding: 'utf-32be', bytes: [0x00, 0x00, 0xfe, 0xff] },
];
type Utf32 = 'utf-32le' | 'utf-32be';
const isUtf32 = (encoding: string): encoding is Utf32 => encoding === 'utf-32le' || encoding === 'utf-32be';

function utf32Bom(bytes: Uint8Array): { encoding: Utf32; length: number } | null {
  for (const bom of UTF32_BOMS) {
    if (startsWith(bytes, bom.bytes) && utf32Units(bytes.subarray(4), bom.encoding)) return { encoding: bom.encoding, length: 4 };
  }
  return null;
}

/** UTF-32 without a BOM: the head is whole code points, and a share of them is not controls (zeros are binary). */
function utf32Pattern(bytes: Uint8Array): Utf32 | null {
  for (const encoding of ['utf-32le', 'utf-32be'] as const) if (utf32Units(bytes, encoding)) return encoding;
  return null;
}

/** Whether the head of `bytes` is UTF-32 code points of text: no surrogate, none past U+10FFFF, few controls. */
function utf32Units(bytes: Uint8Array, encoding: Utf32): boolean {
  const sample = bytes.subarray(0, DECODING.utf32SampleBytes & ~3);
  if (sample.length < 4) return false;
  const view = new DataView(sample.buffer, sample.byteOffset, sample.byteLength);
  let control = 0;
  for (let i = 0; i < sample.length; i += 4) {
    const point = view.getUint32(i, encoding === 'utf-32le');
    if (point > 0x10ffff || (point >= 0xd800 && point <= 0xdfff)) return false;
    if (point < 0x20 && point !== 0x09 && point !== 0x0a && point !== 0x0c && point !== 0x0d) control++;
  }
  return control / (sample.length / 4) <= DECODING.maxControlByteRatio;
}

/**
 * UTF-32 to a string, as the runtime's decoders do for other encodings: a unit that is no code
 * point (a surrogate, past U+10FFFF) and a cut unit at the end read as U+FFFD. Built as UTF-16 code
 * units and decoded in one call, not a string concatenation per character.
 */
function decodeUtf32(bytes: Uint8Array, encoding: Utf32): string {
  const whole = bytes.length & ~3;
  const view = new DataView(bytes.buffer, bytes.byteOffset, whole);
  const units = new Uint16Array(whole / 2 + 1);
  let length = 0;
  for (let i = 0; i < whole; i += 4) {
    const point = view.getUint32(i, encoding === 'utf-32le');
    if (point > 0x10ffff || (point >= 0xd800 && point <= 0xdfff)) units[length++] = 0xfffd;
    else if (point > 0xffff) {
      units[length++] = 0xd800 + ((point - 0x10000) >> 10);
      units[length++] = 0xdc00 + ((point - 0x10000) & 0x3ff);
    } else units[length++] = point;
  }
  if (whole < bytes.length) units[length++] = 0xfffd;
  return new TextDecoder('utf-16le').decode(units.subarray(0, length));
}

/** UTF-16 without a BOM: ASCII-range text leaves every other byte zero. */
function utf16Pattern(bytes: Uint8Array): string | null {
  const sample = bytes.subarray(0, DECODING.utf16SampleBytes & ~1);
  if (sample.length < 4) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < sample.length; i += 2) {
    if (sample[i] === 0) evenZero++;
    if (sample[i + 1] === 0) oddZero++;
  }
  const pairs = sample.length / 2;
  if (oddZero / pairs > DECODING.utf16ZeroByteRatio && evenZero / pairs < 1 - DECODING.utf16ZeroByteRatio) return 'utf-16le';
  if (evenZero / pairs > DECODING.utf16ZeroByteRatio && oddZero / pairs < 1 - DECODING.utf16ZeroByteRatio) return 'utf-16be';
  return null;
}

/** A code unit no text holds: a control other than white space, private use, unassigned, a lone surrogate. */
const NOT_TEXT_UNIT = /[^\P{C}\t\n\f\r\p{Cf}]/u;
/** What separates words and sentences: ASCII (spaces, line breaks, digits, punctuation), CJK and full-width punctuation. */
const SEPARATOR_UNIT = /[\x01-\x7F\u3000-\u303F\uFF00-\uFF65]/g;

/**
 * UTF-16 without a BOM in a script outside Latin: no lane of zero bytes (Cyrillic's high byte is
 * 0x04, CJK's varies), so utf16Pattern misses it, and its bytes look binary (0x04 is a control).
 * Read in the right byte order the head is text: no unit that text never holds (NOT_TEXT_UNIT),
 * with spaces, line breaks or punctuation among the letters. Read in the wrong order, those
 * separators are what goes (" " 0x0020 becomes U+2000, "\n" U+0A00): the order with more of them
 * is the text's. Random or compressed bytes fail at once (see DECODING.minUtf16TextUnits). Only
 * asked of bytes the control-byte test found binary.
 */
function utf16Text(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const sample = bytes.subarray(0, DECODING.utf16SampleBytes & ~1);
  if (sample.length / 2 < DECODING.minUtf16TextUnits) return null;
  let best: 'utf-16le' | 'utf-16be' | null = null;
  let bestSeparators = 0;
  for (const encoding of ['utf-16le', 'utf-16be'] as const) {
    let text: string;
    try {
      text = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(sample);
    } catch {
      continue; // a lone surrogate
    }
    if (NOT_TEXT_UNIT.test(text)) continue;
    const separators = text.match(SEPARATOR_UNIT)?.length ?? 0;
    if (separators > bestSeparators) {
      best = encoding;
      bestSeparators = separators;
    } else if (separators === bestSeparators) {
      best = null; // no order reads better than the other
    }
  }
  return best;
}

/**
 * What the non-ASCII bytes say about UTF-8, read the way the WHATWG UTF-8 decoder reads them:
 * - `valid`: well-formed multi-byte sequences;
 * - `malformed`: sequences shaped like UTF-8 (a lead byte and as many continuation bytes as it
 *   announces) whose value UTF-8 forbids: overlong forms (C0 AF), encoded surrogates (CESU-8 and
 *   Java's modified UTF-8: ED A0 80), values past U+10FFFF. The decoder gives U+FFFD for each byte
 *   of them, but only a UTF-8 writer makes them: they are evidence of UTF-8, not of another encoding;
 * - `invalid`: every other byte of 0x80 and above (a lone continuation byte, a lead byte without
 *   its continuation bytes): what a legacy single- or double-byte encoding leaves.
 * Node's native checks answer the common cases (all ASCII; valid UTF-8, reported as `valid: 1`,
 * i.e. "some"); only bytes that are not valid UTF-8 are read one by one.
 */
interface Utf8Profile {
  readonly valid: number;
  readonly malformed: number;
  readonly invalid: number;
}

function utf8Profile(bytes: Uint8Array): Utf8Profile {
  if (isAscii(bytes)) return { valid: 0, malformed: 0, invalid: 0 };
  if (isUtf8(bytes)) return { valid: 1, malformed: 0, invalid: 0 };
  return countUtf8Sequences(bytes);
}

/** Continuation bytes a lead byte announces (0 for a byte that cannot start a sequence). */
function announced(lead: number): number {
  if (lead >= 0xc0 && lead <= 0xdf) return 1;
  if (lead >= 0xe0 && lead <= 0xef) return 2;
  if (lead >= 0xf0 && lead <= 0xf7) return 3;
  return 0;
}

/** Counts the three kinds of Utf8Profile in one pass. */
function countUtf8Sequences(bytes: Uint8Array): Utf8Profile {
  let valid = 0;
  let malformed = 0;
  let invalid = 0;
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const need = announced(b);
    let code = b & (0x3f >> need);
    let shaped = need > 0;
    for (let k = 1; shaped && k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) shaped = false;
      else code = (code << 6) | (c & 0x3f);
    }
    if (!shaped) {
      invalid++;
      i++;
      continue;
    }
    const min = need === 1 ? 0x80 : need === 2 ? 0x800 : 0x10000;
    if (code >= min && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)) valid++;
    else malformed++;
    i += need + 1;
  }
  return { valid, malformed, invalid };
}

/** Whether the head of bytes is text of an ASCII-compatible encoding: no zero byte, valid UTF-8, mostly printable ASCII (looksDecoded). */
function asciiCompatibleText(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, DECODING.utf16SampleBytes);
  return head.length > 0 && head.indexOf(0) === -1 && isUtf8(head.subarray(0, Math.max(0, head.length - 3))) && looksDecoded(head);
}

/**
 * Whether bytes with this profile are UTF-8 (DECODING's proportions): all ASCII; or UTF-8 sequences with few other high bytes
 * (maxInvalidUtf8Ratio of them, or maxStrayBytes at most, no more than the sequences: a Latin-1 byte pasted in, a character
 * cut in two), each of which the decoder reads as U+FFFD, as the standard does. Strays that outnumber the sequences are not
 * strays among them: in a short text of a legacy encoding a few byte pairs are UTF-8's by chance (a Thai greeting of ten
 * bytes, "สวัสดีครับ" in windows-874, holds three, and came out as UTF-8 with four U+FFFD: "��ʴդ�Ѻ").
 */
function holdsUtf8(profile: Utf8Profile): boolean {
  const evidence = profile.valid + profile.malformed;
  if (evidence + profile.invalid === 0) return true;
  return evidence > 0 && (profile.invalid <= evidence * DECODING.maxInvalidUtf8Ratio || (profile.invalid <= DECODING.maxStrayBytes && profile.invalid <= evidence));
}

function asciiHead(bytes: Uint8Array, length: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, length)).toString('latin1');
}

/**
 * How the text is read. The transport's content type first (a feed served as text/html is read
 * as the browser reads it), then the root element of an XML document (a feed, whatever its name),
 * then the name, then a look at the markup. XHTML is read as XML only when it is served as XML or
 * says so (an XML declaration and XHTML's namespace): served as text/html, a browser's HTML parser
 * reads its CDATA sections as bogus comments.
 */
function detectFormat(input: RawInput, head: string): Format {
  const contentType = input.contentType ?? '';
  if (HTML_CONTENT_TYPES.test(contentType)) return 'html';
  if (TEXT_CONTENT_TYPES.test(contentType)) return 'text';
  if (XHTML_CONTENT_TYPE.test(contentType)) return 'xhtml';
  if (FEED_CONTENT_TYPES.test(contentType) || FEED_ROOT.test(head)) return 'feed';
  const name = stripExtension(input.name);
  if (XHTML_EXTENSIONS.test(name) || XHTML_ROOT.test(head)) return 'xhtml';
  if (HTML_EXTENSIONS.test(name)) return 'html';
  if (TEXT_EXTENSIONS.test(name)) return 'text';
  // Markdown with HTML in it (a README's <p align="center"><img …></p>, <details>…</details>) is text when it names no document element.
  return (STARTS_WITH_MARKUP.test(head) || holdsDocumentMarkup(head)) && (DOCUMENT_MARKUP.test(head) || !isMarkdownScrape(head)) ? 'html' : 'text';
}

/** A document's own elements (doctype, html, head, body), or closing tags, which prose does not write. */
function holdsDocumentMarkup(head: string): boolean {
  return DOCUMENT_MARKUP.test(head) || countMatches(head, CLOSING_TAG) >= DECODING.minSniffClosingTags;
}

/**
 * Whether a text declared plain (text/plain, a .txt name) is an HTML document: it starts with a
 * tag, a comment or a doctype and holds a document's own elements or closing tags. The declaration
 * still decides (a browser shows such a text as it is, and --content-type overrides it), but the
 * document says so (quality warning MARKUP_AS_TEXT): its markup and script text are its "body".
 */
function declaredTextHoldsHtml(format: Format, head: string): boolean {
  return format === 'text' && STARTS_WITH_MARKUP.test(head) && holdsDocumentMarkup(head);
}

/**
 * What a text holds when it is data, not a page: a JSON document or JSON Lines (an API's response, a
 * crawler's export of its records), or an XML document whose root is neither html nor a feed's (a
 * sitemap, an SVG image). Cleaned as a page, their keys, escaped
 * markup and URLs became its body. Null for anything else.
 */
function dataKind(text: string, format: Format): string | null {
  if (format === 'feed' || format === 'xhtml') return null;
  const head = text.slice(0, DECODING.formatSniffChars);
  const root = XML_DOCUMENT_ROOT.exec(head)?.[1];
  // A feed served as text/html is cleaned as a browser shows it, as HTML (its items' text).
  if (root && root.toLowerCase() !== 'html' && !FEED_ROOT.test(head)) return `an XML document (root element <${root}>)`;
  if (!JSON_START.test(text)) return null;
  if (parsesAsJsonRecord(text)) return 'a JSON document';
  let lines = 0;
  for (let start = 0; lines < DECODING.jsonLinesSampleLines && start < text.length; ) {
    const end = text.indexOf('\n', start);
    const line = text.slice(start, end === -1 ? text.length : end);
    start = end === -1 ? text.length : end + 1;
    if (line.trim() === '') continue;
    if (!JSON_START.test(line) || !parsesAsJsonRecord(line)) return null;
    lines++;
  }
  return lines === DECODING.jsonLinesSampleLines ? 'JSON Lines' : null;
}

function parsesAsJsonRecord(text: string): boolean {
  try {
    return typeof JSON.parse(text.replace(/^\uFEFF/, '')) === 'object';
  } catch {
    return false;
  }
}

/**
 * Statistical detection on the bytes; returns a WHATWG encoding name. chardet's first guess, unless it is a Latin
 * single-byte encoding whose reading is another script's text misread (readsAsOtherScript: the ASCII of markup and
 * of English text outweighs a paragraph or two of Cyrillic, Greek, Hebrew or Arabic in its statistics), when the
 * best-ranked encoding of such a script whose reading is in that script is taken instead (from chardet's ranking of
 * the sample, then of its text runs that hold high bytes: highByteRuns); or another Latin encoding's text misread
 * (symbols between letters; or, under windows-1252, the runs' ranking of another Latin encoding above it). A Latin
 * reading whose letters are Mac OS Roman's misread is Mac Roman (readsAsMacRomanRatherThan).
 */
function detectEncoding(bytes: Uint8Array): string | null {
  const sample = bytes.subarray(0, DECODING.detectionSampleBytes);
  const found = detectInSample(sample);
  return found !== null && LATIN_SINGLE_BYTE.has(found) && readsAsMacRomanRatherThan(found, sample) ? MAC_ROMAN : found;
}

/** chardet's guess for a sample and the checks of its ranking that detectEncoding describes, but Mac Roman's. */
function detectInSample(sample: Uint8Array): string | null {
  const ranked = chardet.analyse(sample);
  const first = ranked[0] ? encodingForLabel(ranked[0].name) : null;
  if (first !== null && (MULTI_BYTE_LEGACY.has(first) || LATIN_SINGLE_BYTE.has(first)) && readsAsThaiRatherThan(first, sample)) return THAI;
  if (first === null || !LATIN_SINGLE_BYTE.has(first)) return first;
  const reading = decodeWith(first, sample);
  if (readsAsOtherScript(reading)) {
    // chardet ranks only the encodings its statistics find any sign of: with the ASCII of a page's scripts and English
    // around a Ukrainian paragraph, no Cyrillic one at all. The ranking of the text runs that hold high bytes then has them.
    const runs = highByteRuns(sample);
    for (const candidate of [...ranked, ...(runs.length > 0 ? chardet.analyse(runs) : [])]) {
      const encoding = encodingForLabel(candidate.name);
      if (encoding !== null && OTHER_SCRIPT_SINGLE_BYTE.has(encoding) && readsInOtherScript(decodeWith(encoding, sample))) return encoding;
    }
  } else if (readsAsDosCyrillic(sample)) {
    return DOS_CYRILLIC;
  } else if (symbolsInWords(reading) >= DECODING.minInWordSymbols) {
    // Another Latin encoding's letters read as symbols (windows-1250's ł as ³): the best-ranked reading without them.
    for (const candidate of ranked) {
      const encoding = encodingForLabel(candidate.name);
      if (encoding === null || encoding === first || !LATIN_SINGLE_BYTE.has(encoding)) continue;
      const other = decodeWith(encoding, sample);
      if (symbolsInWords(other) < DECODING.minInWordSymbols) return inItsAlphabet(encoding, other, sample, ranked) ?? encoding;
    }
  } else if (first === 'windows-1252') {
    // Another Latin encoding's letters read as Western ones (Czech ř, ě as ø, ì; Turkish ı, ş as ý, þ): chardet's
    // statistics of languages counted the English of the page (its menu, a paragraph, scripts), which has no high byte
    // and says nothing of how they read, for Latin-1's. The ranking of the page's text runs that hold high bytes decides.
    const runs = highByteRuns(sample);
    const [best, ...others] = runs.length > 0 ? chardet.analyse(runs) : [];
    const encoding = best ? encodingForLabel(best.name) : null;
    const western = others.find((candidate) => encodingForLabel(candidate.name) === first)?.confidence ?? 0;
    if (encoding !== null && encoding !== first && LATIN_SINGLE_BYTE.has(encoding) && best!.confidence > western) return inItsAlphabet(encoding, decodeWith(encoding, sample), sample, ranked) ?? encoding;
  }
  return inItsAlphabet(first, reading, sample, ranked) ?? first;
}

/**
 * A Latin reading whose letters no language writes together (lettersOutOfAlphabet: Latvian read as windows-1252,
 * "Prâmis atsâka kursçt pçc nedçïu … kopð", letters of French, Icelandic and Italian in one text; Romanian of ISO-8859-16
 * read as ISO-8859-2, its „quotes” as "Ľ…ľ" beside ă and ş) is another Latin encoding's text, when one of them reads the
 * sample with far fewer such letters (DECODING.minOutOfAlphabetLetters, misreadImprovement): the best of chardet's ranking,
 * of its ranking of the text runs that hold high bytes, and the Latin encodings chardet never names (NEVER_NAMED_LATIN),
 * whose reading has no more controls or undefined bytes than that of `first`. chardet's statistics
 * ranked windows-1252 first for a Latvian paragraph, beside English or alone (ISO-8859-1 26, windows-1257 22 on the
 * paragraph's runs). Null when the reading of `first` (the encoding taken so far) is one.
 */
function inItsAlphabet(first: string, reading: string, sample: Uint8Array, ranked: ReadonlyArray<{ name: string }>): string | null {
  const outside = lettersOutOfAlphabet(reading);
  if (outside < DECODING.minOutOfAlphabetLetters) return null;
  const runs = highByteRuns(sample);
  const candidates = new Set<string>();
  for (const candidate of [...ranked, ...(runs.length > 0 ? chardet.analyse(runs) : [])]) {
    const encoding = encodingForLabel(candidate.name);
    if (encoding !== null && encoding !== first && LATIN_SINGLE_BYTE.has(encoding)) candidates.add(encoding);
  }
  for (const unnamed of NEVER_NAMED_LATIN) if (unnamed !== first) candidates.add(unnamed);
  let best: string | null = null;
  let fewest = outside;
  const unreadable = countMatches(reading, UNREADABLE);
  for (const encoding of candidates) {
    const other = decodeWith(encoding, sample);
    const count = lettersOutOfAlphabet(other) + lettersMadeSymbols(reading, other);
    // A reading with more controls or undefined bytes is no better, whatever its letters (Shift_JIS read as ISO-8859-16).
    if (count * DECODING.misreadImprovement <= outside && count < fewest && countMatches(other, UNREADABLE) <= unreadable) {
      best = encoding;
      fewest = count;
    }
  }
  return best;
}

/**
 * Latin encodings chardet has no statistics for and never names, tried by inItsAlphabet: ISO-8859-16 (Romanian's ș, ț and
 * „quotes”), ISO-8859-4 (Latin-4: Latvian and Lithuanian before ISO-8859-13, whose ā, ē, ū, ķ, ļ, ņ windows-1252 read as
 * "à", "º", "þ", "ó", "¶", "ñ": "Pràmis … kursºt pºc nedº¶u", and ISO-8859-2 Lithuanian's ė, į, ų as "ě", "ç", "ů").
 */
const NEVER_NAMED_LATIN: readonly string[] = [ISO_8859_16, 'iso-8859-4'];

/**
 * The letters beyond ASCII of a single-byte reading that another reading of the same bytes makes a symbol (neither a
 * letter nor punctuation): such a reading fits an alphabet by dropping its letters (a German page's "Bø" in
 * windows-1257 read as windows-1252's "B¸"), which counts against it as a letter outside the alphabet would. (Letters
 * that become punctuation are no such loss: ISO-8859-2's "Ľ…ľ" are ISO-8859-16's quotes.)
 */
function lettersMadeSymbols(reading: string, other: string): number {
  if (reading.length !== other.length) return 0;
  let count = 0;
  for (let i = 0; i < reading.length; i++) {
    if (reading.charCodeAt(i) < FIRST_NON_ASCII_BYTE) continue;
    const mine = reading[i]!;
    const theirs = other[i]!;
    if (IS_LETTER.test(mine) && !IS_LETTER.test(theirs) && !IS_PUNCTUATION.test(theirs)) count++;
  }
  return count;
}
const IS_PUNCTUATION = /\p{P}/u;

/** ISO-8859's names, whose encodings read bytes 0x80-0x9F as C1 controls (C1_CONTROL), where the Windows code pages have punctuation. */
const ISO_8859 = 'iso-8859-';
const C1_CONTROL = /[\u0080-\u009f]/g;
/** What a single-byte decoder reads a byte as that is no character of text: a C1 control, U+FFFD. */
const UNREADABLE = /[\u0080-\u009f\uFFFD]/g;
const ALPHABETS: ReadonlyArray<ReadonlySet<string>> = Object.values(LATIN_ALPHABETS).map((letters) => new Set(letters));
const NON_ASCII_LETTER = /[^\x00-\x7f]/gu;
const IS_LETTER = /\p{L}/u;

/** The letters beyond ASCII of a reading, lowercased, with their counts. */
function letterCounts(reading: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const [character] of reading.matchAll(NON_ASCII_LETTER)) {
    if (!IS_LETTER.test(character)) continue;
    const lower = character.toLowerCase();
    // A capital whose lowercase is ASCII or more than one character (the Kelvin sign, Turkish İ): no evidence either way.
    if (lower.length !== 1 || lower.charCodeAt(0) < FIRST_NON_ASCII_BYTE) continue;
    counts.set(lower, (counts.get(lower) ?? 0) + 1);
  }
  return counts;
}

/** Distinct words of a reading that hold a letter its best-fitting language (lettersOutOfAlphabet) does not write. */
function wordsOutOfAlphabet(reading: string): number {
  const { alphabet } = alphabetFit(reading);
  if (alphabet === null) return 0;
  const words = new Set<string>();
  for (const [word] of reading.matchAll(LETTERS)) {
    if (words.has(word) || !NON_ASCII_CHAR.test(word)) continue;
    for (const character of word.toLowerCase()) {
      if (character.charCodeAt(0) >= FIRST_NON_ASCII_BYTE && IS_LETTER.test(character) && !alphabet.has(character)) {
        words.add(word);
        break;
      }
    }
  }
  return words.size;
}

/**
 * The alphabet (cues/latin-alphabets.ts) that leaves the fewest letters beyond ASCII of a reading outside it, and how many
 * it leaves, counted by occurrence (null and 0 when the reading has no letter beyond ASCII).
 */
function alphabetFit(reading: string): { alphabet: ReadonlySet<string> | null; outside: number } {
  const counts = letterCounts(reading);
  if (counts.size === 0) return { alphabet: null, outside: 0 };
  let alphabet: ReadonlySet<string> | null = null;
  let fewest = Infinity;
  for (const candidate of ALPHABETS) {
    let outside = 0;
    for (const [letter, count] of counts) if (!candidate.has(letter)) outside += count;
    if (outside < fewest) {
      alphabet = candidate;
      fewest = outside;
    }
  }
  return { alphabet, outside: fewest };
}

/** The letters beyond ASCII of a reading that its best-fitting language (cues/latin-alphabets.ts) does not write: counted by occurrence. */
const lettersOutOfAlphabet = (reading: string): number => alphabetFit(reading).outside;

/** Mac OS Roman, the Western encoding of the classic Mac OS (the Encoding Standard's "macintosh"), which chardet does not detect. */
const MAC_ROMAN = 'macintosh';

/**
 * Whether the bytes of a Latin reading chardet chose (`first`) are Mac OS Roman's text, for which chardet has no statistics: a
 * page written on a Mac read as windows-1252 has its accented letters as capitals inside words and as C1 controls
 * ("habituŽs", "fŠhrt", "BrŸcke", "itÕs"; è, ç, ê, ù are controls), which text does not write. Taken when that reading has
 * DECODING.minInWordCapitals of them or more, Mac Roman's reading at most 1/misreadImprovement of them, no more letters
 * outside one alphabet (lettersOutOfAlphabet) nor symbols inside words, and its accented letters inside words of ASCII
 * letters at least as often as in words of their own (a short Thai or CJK text read as Mac Roman is runs of symbols and
 * accented letters). The other way round is as plain: a windows-1252 page read as Mac Roman has its letters as such
 * capitals ("rÈparations"), so a Western page keeps its reading.
 */
function readsAsMacRomanRatherThan(first: string, sample: Uint8Array): boolean {
  const reading = decodeWith(first, sample);
  const misread = inWordCapitals(reading);
  if (misread < DECODING.minInWordCapitals) return false;
  const mac = decodeWith(MAC_ROMAN, sample);
  const words = accentedWords(mac, 1);
  return (
    words.alone <= words.mixed &&
    inWordCapitals(mac) * DECODING.misreadImprovement <= misread &&
    lettersOutOfAlphabet(mac) <= lettersOutOfAlphabet(reading) &&
    symbolsInWords(mac) <= symbolsInWords(reading)
  );
}

const C1_LAST = 0x9f;
const LOWERCASE = /\p{Ll}/u;
const CAPITAL = /[\p{Lu}\p{Lt}]/u;

/**
 * Capitals beyond ASCII right after a lowercase letter ("habituŽs", "cafŽ", "itÕs"), and C1 controls, in a reading: letters
 * misread. Text writes a capital inside a word after capitals ("NFOŚiGW") or in ASCII ("iPhone"), and no control: over the
 * 1,489 corpus pages' decoded texts nine hold one, one a script's pattern of accented letters ("[\\wÀÈÌÒÙà…]") 28.
 */
function inWordCapitals(reading: string): number {
  let count = 0;
  for (let i = 0; i < reading.length; i++) {
    const code = reading.charCodeAt(i);
    if (code < FIRST_NON_ASCII_BYTE) continue;
    if (code <= C1_LAST) count++;
    else if (i > 0 && CAPITAL.test(reading[i]!) && LOWERCASE.test(reading[i - 1]!)) count++;
  }
  return count;
}

/** Thai's single-byte encoding (TIS-620, ISO-8859-11 and windows-874 read alike in the WHATWG decoder). */
const THAI = 'windows-874';
/**
 * Thai letters (U+0E01-U+0E5B) and their classes, as Thai is written: a consonant (U+0E01-U+0E2E); a vowel written above
 * or below it (U+0E31, U+0E34-U+0E3A) or a tone or other mark (U+0E47-U+0E4E), each after its consonant (a tone mark also
 * after a vowel above or below); a vowel after it (U+0E30, U+0E32, U+0E33, U+0E45), after a consonant or a mark or another
 * such vowel ("เกาะ"); a vowel written before its consonant (U+0E40-U+0E44), followed by it.
 */
const isThaiConsonant = (code: number): boolean => code >= 0x0e01 && code <= 0x0e2e;
const isThaiAboveBelow = (code: number): boolean => code === 0x0e31 || (code >= 0x0e34 && code <= 0x0e3a);
const isThaiToneMark = (code: number): boolean => code >= 0x0e47 && code <= 0x0e4e;
const isThaiFollowingVowel = (code: number): boolean => code === 0x0e30 || code === 0x0e32 || code === 0x0e33 || code === 0x0e45;
const isThaiLeadingVowel = (code: number): boolean => code >= 0x0e40 && code <= 0x0e44;
const isThaiLetter = (code: number): boolean => code >= 0x0e01 && code <= 0x0e5b;
/** What windows-874 reads its bytes 0x80-0xA0 as besides controls: €, …, quotes, bullet, dashes, no-break space. */
const isWindows874Punctuation = (code: number): boolean => code === 0x20ac || code === 0x2026 || (code >= 0x2018 && code <= 0x2022) || code === 0x2013 || code === 0x2014 || code === 0xa0;

/**
 * Whether the bytes are Thai (windows-874, TIS-620) that chardet took for `first`, a Latin single-byte or a legacy
 * multi-byte encoding: a Thai paragraph beside English came out as windows-1252 ("àÃ×Í¢éÒÁ¿Ò¡"), EUC-KR ("煽勒怒왑턺봐")
 * or Big5, chardet ranking windows-874 far below (3-7 of 100). The windows-874 reading is Thai as it is written
 * (readsAsThai). A multi-byte `first` must also misread the bytes somewhere (a U+FFFD or a private-use character, as
 * rereadMultiByte counts them: a run of Thai bytes of odd length before a space ends in a lead byte without its trail),
 * which a page of its own encoding does not, or read them as so few characters (DECODING.maxUnrankedMultiByteChars)
 * that chardet's ranking of it had no statistics behind it: it gives every multi-byte encoding the same confidence then,
 * and a Thai greeting of ten letters came out as Shift_JIS ("ﾊﾇﾑﾊｴﾕ､ﾃﾑｺ") or Big5.
 */
function readsAsThaiRatherThan(first: string, sample: Uint8Array): boolean {
  if (first === THAI || !readsAsThai(decodeWith(THAI, sample))) return false;
  if (!MULTI_BYTE_LEGACY.has(first)) return true;
  const reading = evidenceSample(first, sample);
  return countMatches(reading, MISREAD) > 0 || countMatches(reading, DOUBLE_BYTE_CHAR) <= DECODING.maxUnrankedMultiByteChars;
}
/** A character beyond ASCII of a multi-byte reading but the half-width katakana that Shift_JIS writes in one byte (chardet counts those apart). */
const DOUBLE_BYTE_CHAR = /[^\x00-\x7F\uFF61-\uFF9F]/g;

/**
 * Whether a windows-874 reading is Thai: DECODING.minThaiLetters Thai letters or more, vowels and marks making
 * DECODING.minThaiVowelShare of them or more, and at most minMisreadShare of them out of place (the classes above) or
 * a high byte that is no Thai letter nor punctuation (an undefined byte, a control). Latin text read as windows-874 has its
 * accented letters as marks and vowels after ASCII letters; CJK text read so is mostly consonants (its punctuation, "’"
 * in GBK, is two of them), with vowels and marks where its bytes fall.
 */
function readsAsThai(reading: string): boolean {
  let letters = 0;
  let vowels = 0;
  let misplaced = 0;
  for (let i = 0; i < reading.length; i++) {
    const code = reading.charCodeAt(i);
    if (code < FIRST_NON_ASCII_BYTE) continue;
    if (!isThaiLetter(code)) {
      if (!isWindows874Punctuation(code)) misplaced++;
      continue;
    }
    letters++;
    const before = i > 0 ? reading.charCodeAt(i - 1) : 0;
    if (isThaiAboveBelow(code)) {
      vowels++;
      if (!isThaiConsonant(before)) misplaced++;
    } else if (isThaiToneMark(code)) {
      vowels++;
      if (!isThaiConsonant(before) && !isThaiAboveBelow(before)) misplaced++;
    } else if (isThaiFollowingVowel(code)) {
      vowels++;
      if (!isThaiConsonant(before) && !isThaiAboveBelow(before) && !isThaiToneMark(before) && !isThaiFollowingVowel(before)) misplaced++;
    } else if (isThaiLeadingVowel(code)) {
      vowels++;
      if (!isThaiConsonant(reading.charCodeAt(i + 1))) misplaced++;
    }
  }
  return letters >= DECODING.minThaiLetters && vowels >= letters * DECODING.minThaiVowelShare && misplaced <= letters * DECODING.minMisreadShare;
}

const LESS_THAN = 0x3c;
const GREATER_THAN = 0x3e;
const LINE_FEED = 0x0a;

/**
 * The runs of text of a sample (between tags and line breaks) that hold a byte from 0x80 up, each followed by a space:
 * what tells one Latin single-byte encoding from another, without the ASCII around it.
 */
function highByteRuns(sample: Uint8Array): Uint8Array {
  const kept: Uint8Array[] = [];
  let start = 0;
  let inTag = false;
  let high = false;
  for (let i = 0; i <= sample.length; i++) {
    const byte = i < sample.length ? sample[i]! : LINE_FEED;
    if (inTag) {
      if (byte === GREATER_THAN) {
        inTag = false;
        start = i + 1;
      }
      continue;
    }
    if (byte === LESS_THAN || byte === LINE_FEED) {
      if (high) kept.push(sample.subarray(start, i), SPACE);
      high = false;
      inTag = byte === LESS_THAN;
      start = i + 1;
    } else if (byte >= FIRST_NON_ASCII_BYTE) high = true;
  }
  return Buffer.concat(kept);
}
const SPACE = Uint8Array.of(0x20);

/** A symbol of Latin-1's upper half between two letters (not the middle dot of "l·l", nor an acute accent typed as an apostrophe). */
const SYMBOL_IN_WORD = /\p{L}[\u00a1-\u00b3\u00b6\u00b8\u00b9\u00bb-\u00bf](?=\p{L})/gu;

/** Symbols of Latin-1's upper half between two letters (DECODING.minInWordSymbols). */
function symbolsInWords(text: string): number {
  let count = 0;
  SYMBOL_IN_WORD.lastIndex = 0;
  while (SYMBOL_IN_WORD.exec(text) !== null) count++;
  return count;
}

/** Latin single-byte encodings (WHATWG names of chardet's guesses). */
const LATIN_SINGLE_BYTE: ReadonlySet<string> = new Set([
  'windows-1252', 'iso-8859-2', 'windows-1250', 'windows-1254', 'windows-1257', 'windows-1258', 'iso-8859-3', 'iso-8859-4', 'iso-8859-10', 'iso-8859-13',
  'iso-8859-14', 'iso-8859-15', 'iso-8859-16',
]);
/** Single-byte encodings of other scripts: Cyrillic, Greek, Hebrew, Arabic, Thai. */
const OTHER_SCRIPT_SINGLE_BYTE: ReadonlySet<string> = new Set([
  'windows-1251', 'koi8-r', 'koi8-u', 'iso-8859-5', 'ibm866', 'x-mac-cyrillic', 'windows-1253', 'iso-8859-7', 'windows-1255', 'iso-8859-8', 'iso-8859-8-i',
  'windows-1256', 'iso-8859-6', 'windows-874',
]);
const LETTERS = /\p{L}+/gu;
const ASCII_LETTER = /[A-Za-z]/;
const NON_ASCII_CHAR = /[^\x00-\x7f]/;
const LATIN_LETTER = /\p{Script=Latin}/u;

/** Whether a Latin reading holds DECODING.minOtherScriptWords words of accented letters alone, more than words that mix them with ASCII letters. */
function readsAsOtherScript(text: string): boolean {
  const { alone, mixed } = accentedWords(text, DECODING.minOtherScriptWordLetters);
  return alone >= DECODING.minOtherScriptWords && alone > mixed;
}

/** The words of a reading with a letter beyond ASCII: of such letters alone and `minLetters` long or longer, and the others. */
function accentedWords(text: string, minLetters: number): { alone: number; mixed: number } {
  let alone = 0;
  let mixed = 0;
  for (const [word] of text.matchAll(LETTERS)) {
    if (!NON_ASCII_CHAR.test(word)) continue;
    if (word.length >= minLetters && !ASCII_LETTER.test(word)) alone++;
    else mixed++;
  }
  return { alone, mixed };
}

/** Whether the words of a reading that hold non-ASCII letters are mostly of a script other than Latin. */
function readsInOtherScript(text: string): boolean {
  let other = 0;
  let latin = 0;
  for (const [word] of text.matchAll(LETTERS)) {
    if (!NON_ASCII_CHAR.test(word)) continue;
    if (LATIN_LETTER.test(word.replace(/[A-Za-z]/g, ''))) latin++;
    else other++;
  }
  return other >= DECODING.minOtherScriptWords && other > latin;
}

/**
 * ISO-2022-JP is 7-bit: its Japanese runs sit between escape sequences (ESC $ B or ESC $ @ to
 * switch to JIS X 0208, ESC ( B or ESC ( J back), so its bytes are all ASCII and nothing else
 * would read them as anything but ASCII with escapes in it.
 */
function hasIso2022JpEscapes(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, DECODING.detectionSampleBytes);
  for (let at = sample.indexOf(0x1b); at !== -1; at = sample.indexOf(0x1b, at + 1)) {
    if (sample[at + 1] === 0x24 && (sample[at + 2] === 0x42 || sample[at + 2] === 0x40)) return true;
  }
  return false;
}

/** Where the page's own declaration is: the transport's content type, then the HTML prescan (meta, XML declaration). */
function declaration(bytes: Uint8Array, format: Format, contentType: string): { encoding: string; source: string } | null {
  const label = contentType.match(CHARSET_PARAM)?.[1];
  const fromContentType = label ? encodingForLabel(label) : null;
  if (fromContentType) return { encoding: fromContentType, source: 'content-type' };
  if (format === 'text') return null;
  return prescan(bytes, DECODING.metaPrescanBytes);
}

const HEAD_END = /<\/head[\s>]|<body[\s>]/i;
const RAW_TEXT_START = /<(script|style)[\s>/]/gi;

/**
 * The head without its scripts' and styles' contents: text of their own, whatever `<meta` they
 * hold (a document.write). One pass (indexOf from each start tag to its end tag): no pattern that
 * could scan the rest of a hostile head again from every unclosed `<script`.
 */
function withoutRawText(head: string): string {
  const lower = head.toLowerCase();
  let out = '';
  let at = 0;
  RAW_TEXT_START.lastIndex = 0;
  for (let start = RAW_TEXT_START.exec(head); start !== null; start = RAW_TEXT_START.exec(head)) {
    const open = head.indexOf('>', start.index);
    if (open === -1) break;
    const close = lower.indexOf(`</${start[1]!.toLowerCase()}`, open);
    out += head.slice(at, open + 1);
    at = close === -1 ? head.length : close;
    if (close === -1) break;
    RAW_TEXT_START.lastIndex = close + 2;
  }
  return out + head.slice(at);
}

/**
 * A `<meta>` declaration in the head past the prescan's bytes (DECODING.metaPrescanBytes), after
 * inline scripts and style: Chrome obeys a declaration anywhere in the head. Without it a page in
 * a legacy encoding was left to detection, which the head's ASCII swamps (a windows-1251 page
 * came out as windows-1252 mojibake). The head (to `</head>` or `<body>`, at most
 * DECODING.maxHeadPrescanBytes) is prescanned with its scripts' and styles' contents left out.
 */
function lateMeta(bytes: Uint8Array): PrescanResult | null {
  if (bytes.length <= DECODING.metaPrescanBytes) return null;
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, DECODING.maxHeadPrescanBytes)).toString('latin1');
  const end = head.search(HEAD_END);
  if (end <= DECODING.metaPrescanBytes) return null;
  const blanked = withoutRawText(head.slice(0, end));
  return prescan(Buffer.from(blanked, 'latin1'), blanked.length);
}

/**
 * The encoding of bytes with no byte-order mark, as the HTML standard's sniffing algorithm
 * decides it (the transport's charset, then the prescan), checked against the bytes, since
 * scrapes lie. Proportions decide (DECODING's thresholds, from the corpus's liars):
 * - bytes that read as UTF-8 (valid or UTF-8-shaped sequences, few other high bytes) are UTF-8
 *   whatever a legacy declaration says: a page saved as UTF-8 keeps a stale `charset=iso-8859-1`;
 * - a page declared UTF-8 stays UTF-8 with U+FFFD for its stray bytes unless its high bytes are
 *   mostly not UTF-8 (the corpus's GBK and Polish liars) or none of them is (a windows-1252 page's
 *   "It’s" under a server's default charset=utf-8), when it is detected instead;
 * - a page declared nothing is UTF-8 if its bytes read as UTF-8 or hold a few strays among
 *   UTF-8 sequences; else ISO-2022-JP if it has that encoding's escapes; else the encoding a
 *   `<meta>` later in its head declares (lateMeta); else detected.
 */
function chooseEncoding(bytes: Uint8Array, format: Format, contentType: string): { encoding: string; source: string } {
  const profile = utf8Profile(bytes.subarray(0, DECODING.utf8CheckBytes));
  const evidence = profile.valid + profile.malformed;
  const nonAscii = evidence + profile.invalid;
  const readsAsUtf8 = evidence > 0 && profile.invalid <= evidence * DECODING.maxInvalidUtf8Ratio;
  const declared = declaration(bytes, format, contentType);
  const detected = (): { encoding: string; source: string } => {
    const found = detectEncoding(bytes);
    return { encoding: found && found !== 'utf-8' ? found : 'windows-1252', source: 'detected' };
  };
  // Stray bytes are strays among UTF-8 sequences: a page declared UTF-8 with no UTF-8 sequence at all
  // is in a legacy encoding whatever few high bytes it has, as one with more of them is.
  if (declared?.encoding === 'utf-8') return holdsUtf8(profile) ? declared : detected();
  if (declared && !declared.encoding.startsWith('utf-16')) {
    if (readsAsUtf8 && evidence > profile.invalid) return { encoding: 'utf-8', source: 'utf8-valid' };
    return declared;
  }
  // Nothing declared (or UTF-16 declared in ASCII-compatible bytes, a lie by construction).
  if (nonAscii === 0) return hasIso2022JpEscapes(bytes) ? { encoding: 'iso-2022-jp', source: 'detected' } : { encoding: 'utf-8', source: 'default' };
  if (holdsUtf8(profile)) return { encoding: 'utf-8', source: 'utf8-valid' };
  // Bytes that are not UTF-8: a declaration later in the head names their encoding before detection guesses it.
  const late = format === 'text' ? null : lateMeta(bytes);
  if (late !== null && late.encoding !== 'utf-8' && !late.encoding.startsWith('utf-16')) return late;
  const found = detectEncoding(bytes);
  return found ? { encoding: found, source: 'detected' } : { encoding: 'windows-1252', source: 'default' };
}

const RUNTIME_DECODES_1252_AS_LATIN1 = new TextDecoder('windows-1252').decode(Uint8Array.of(0x80)) !== '\u20AC';

/**
 * Decoders of the Encoding Standard that Node's TextDecoder (ICU) does not follow, by the
 * encoding's name. GBK: the standard's GBK decoder is its gb18030 decoder, while ICU's "gbk" reads
 * no four-byte sequence ("𠀀", emoji: "�2�6"), drops a lone 0xFF, and gives private-use characters
 * for 101 pairs the standard maps (pinyin "ǹ" and "ḿ", "€" at A2E3, the ideographic description
 * characters); its gb18030 decoder reads them all as the standard does. EUC-KR: ./euc-kr.ts;
 * Big5 (with HKSCS): ./big5.ts.
 */
const STANDARD_DECODERS: Readonly<Record<string, (bytes: Uint8Array) => string>> = {
  gbk: (bytes) => new TextDecoder('gb18030').decode(bytes),
  'euc-kr': decodeEucKr,
  big5: decodeBig5,
};

function decodeWith(encoding: string, bytes: Uint8Array): string {
  if (isUtf32(encoding)) return decodeUtf32(bytes, encoding);
  if (encoding === ISO_8859_16) return decodeIso885916(bytes);
  let decoder: InstanceType<typeof TextDecoder>;
  try {
    decoder = new TextDecoder(encoding, { ignoreBOM: false });
  } catch (error) {
    throw new CleanError('UNSUPPORTED_ENCODING', `encoding "${encoding}" is not supported by this runtime`, { cause: error });
  }
  if (decoder.encoding === 'windows-1252' && RUNTIME_DECODES_1252_AS_LATIN1) return decodeWindows1252(bytes);
  const standard = STANDARD_DECODERS[decoder.encoding];
  if (standard) return standard(bytes);
  return decoder.decode(bytes);
}

/**
 * windows-1252 by its WHATWG index, for runtimes whose TextDecoder reads it as Latin-1: a table
 * lookup into UTF-16 code units, decoded as UTF-16LE. (A regex repair of the Latin-1 text calls
 * back once per curly quote, and a page of them is millions of calls.)
 */
function decodeWindows1252(bytes: Uint8Array): string {
  return decodeSingleByte(bytes, WINDOWS_1252_C1_FIRST, WINDOWS_1252_C1);
}

/**
 * Decodes raw scrape bytes. Throws CleanError for anything that is not a text or HTML scrape. The
 * watchdog, when given, is looked at while a long stream of gzip members is read one by one.
 */
export function decode(input: RawInput, maxBytes: number, watchdog?: Watchdog): DecodedInput {
  if (input.bytes.length === 0) throw new CleanError('EMPTY_INPUT', 'input is empty (0 bytes)');
  const uncompressed = uncompress(input, maxBytes, watchdog);
  const compression = uncompressed.compression;
  let bytes = uncompressed.bytes;
  if (bytes.length > maxBytes) throw new CleanError('TOO_LARGE', `input is ${bytes.length} bytes, over the ${maxBytes}-byte limit`);

  const contentType = input.contentType ?? '';
  let bom = utf32Bom(bytes) ?? bomEncoding(bytes);
  // A UTF-8 byte order mark before bytes that are not UTF-8 (a UTF-8 header file joined to a page in a legacy encoding): the
  // mark lies as a declaration does, and each accented letter was U+FFFD ("caf\uFFFD cr\uFFFDme"). Read as if it were not there.
  // So is a UTF-16 mark before bytes of ASCII-compatible text (no zero byte in the head, where UTF-16's markup and line
  // ends have one, and valid UTF-8): read as UTF-16, the page was CJK nonsense ("ℼ佄呃偙⁅瑨汭").
  if (bom !== null && (bom.encoding === 'utf-8' ? !holdsUtf8(utf8Profile(bytes.subarray(bom.length, bom.length + DECODING.utf8CheckBytes))) : bom.encoding.startsWith('utf-16') && asciiCompatibleText(bytes.subarray(bom.length)))) {
    bytes = bytes.subarray(bom.length);
    bom = null;
  }
  let utf16 = bom ? null : (utf32Pattern(bytes) ?? utf16Pattern(bytes));
  if (!bom && !utf16) {
    const binary = binaryKind(bytes);
    if (binary === BINARY_DATA) utf16 = utf16Text(bytes);
    if (binary && !utf16) throw new CleanError('BINARY_INPUT', `input is ${binary}, not an HTML or text scrape`);
  }

  let encoding: string;
  let source: string;
  let body = bytes;
  let format: Format;
  if (bom || utf16) {
    encoding = bom?.encoding ?? utf16!;
    source = bom ? 'bom' : 'utf16-pattern';
    body = bom ? bytes.subarray(bom.length) : bytes;
    const text = decodeWith(encoding, body);
    const textHead = text.slice(0, DECODING.formatSniffChars);
    format = detectFormat(input, textHead);
    return finish(text, format, encoding, compression, source, body, declaredTextHoldsHtml(format, textHead), declaredDataTable(input));
  }
  const head = asciiHead(bytes, DECODING.metaPrescanBytes);
  format = detectFormat(input, head);
  const markupAsText = declaredTextHoldsHtml(format, head);
  ({ encoding, source } = chooseEncoding(bytes, format, contentType));
  const text = decodeWith(encoding, body);
  const declared = source === 'content-type' || source === 'meta' || source === 'xml';
  const misdeclared = declared
    ? (rereadMultiByte(body, text, encoding) ??
      rereadSingleByte(body, encoding) ??
      rereadLatin(body, text, encoding) ??
      rereadCyrillic(body, text, encoding) ??
      rereadArabic(body, text, encoding) ??
      rereadLatinUnderOtherScript(body, text, encoding))
    : null;
  if (misdeclared) return finish(misdeclared.text, format, misdeclared.encoding, compression, 'detected', body, markupAsText, declaredDataTable(input));
  return finish(text, format, encoding, compression, source, body, markupAsText, declaredDataTable(input));
}

/**
 * The head of a reading, as the misdeclaration checks below count its misread characters. For
 * EUC-KR and Big5 it is the runtime's own reading, not the standard's text: their standard decoders
 * add characters the runtime reads as U+FFFD or private use (EUC-KR's Unified Hangul Code, Big5's
 * HKSCS) at byte pairs where another encoding's text falls as often as their own (a GBK page
 * declared Big5 reads as HKSCS characters, Shift_JIS declared EUC-KR as Hangul), so those count as
 * misread, as the checks were made. (GBK's standard decoder is the runtime's gb18030 one.)
 */
const RUNTIME_EVIDENCE: ReadonlySet<string> = new Set(['euc-kr', 'big5']);
function evidenceSample(encoding: string, bytes: Uint8Array, text?: string): string {
  const reading = RUNTIME_EVIDENCE.has(encoding) ? new TextDecoder(encoding).decode(bytes) : (text ?? decodeWith(encoding, bytes));
  return reading.slice(0, DECODING.detectionSampleBytes);
}

/** Legacy multi-byte encodings: their decoders turn the bytes of another encoding into U+FFFD and private-use characters. */
const MULTI_BYTE_LEGACY: ReadonlySet<string> = new Set(['shift_jis', 'euc-jp', 'iso-2022-jp', 'gbk', 'gb18030', 'big5', 'euc-kr']);
const MISREAD = /[\uFFFD\uE000-\uF8FF]/g;
const NON_ASCII = /[^\x00-\x7F]/g;

function countMatches(text: string, pattern: RegExp): number {
  let count = 0;
  pattern.lastIndex = 0;
  while (pattern.exec(text) !== null) count++;
  return count;
}

/**
 * A declared legacy multi-byte encoding checked against the bytes, as a declared UTF-8 is: a page
 * of EUC-JP declared Shift_JIS, of GBK declared Big5, reads as mojibake full of U+FFFD and
 * private-use characters. When the declared reading has many of them (DECODING.minMisreadChars,
 * minMisreadShare of its non-ASCII characters) and the detected multi-byte encoding reads the bytes
 * with far fewer (misreadImprovement), the bytes are the detected encoding's. A page of its declared
 * encoding with a few stray bytes has few misread characters and keeps its declaration; a
 * single-byte detection reads anything without U+FFFD and is never taken for a multi-byte page.
 */
function rereadMultiByte(bytes: Uint8Array, text: string, encoding: string): { text: string; encoding: string } | null {
  if (!MULTI_BYTE_LEGACY.has(encoding)) return null;
  const sample = evidenceSample(encoding, bytes, text);
  const misread = countMatches(sample, MISREAD);
  if (misread < DECODING.minMisreadChars || misread < countMatches(sample, NON_ASCII) * DECODING.minMisreadShare) return null;
  const found = detectEncoding(bytes);
  if (found === null || found === encoding || !MULTI_BYTE_LEGACY.has(found)) return null;
  const other = decodeWith(found, bytes);
  return countMatches(evidenceSample(found, bytes, other), MISREAD) * DECODING.misreadImprovement <= misread ? { text: other, encoding: found } : null;
}

/**
 * Whether a legacy multi-byte reading of the bytes can hold DECODING.minMultiByteChars non-ASCII
 * characters, asked before detection (a pass of chardet over the sample, the dearest step of a
 * decode) on a page declared single-byte, most of which are ASCII. Each such character takes a
 * byte from 0x80 up in Shift_JIS, EUC, GBK, GB18030 and Big5; ISO-2022-JP, 7-bit, reaches its
 * characters through escape sequences (ESC). The same answers as without it.
 */
const ESC = 0x1b;
const FIRST_NON_ASCII_BYTE = 0x80;
function mayReadAsMultiByte(bytes: Uint8Array): boolean {
  if (bytes.indexOf(ESC) !== -1) return true;
  let high = 0;
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= FIRST_NON_ASCII_BYTE && ++high >= DECODING.minMultiByteChars) return true;
  return false;
}

/**
 * A declared single-byte encoding checked against the bytes: its decoder reads any bytes without
 * U+FFFD, so a Shift_JIS or GBK page declared windows-1252 (a template's stale `<meta>`, a
 * `<meta>` that contradicts the XML declaration above it) came out as mojibake ("“Œ‹ž“s‚Í").
 * When detection names a legacy multi-byte encoding that reads the bytes as many non-ASCII
 * characters (DECODING.minMultiByteChars) with almost none misread (minMisreadShare of them),
 * the bytes are that encoding's. Text of a Latin, Cyrillic or Greek single-byte encoding is
 * not: read as a multi-byte one, its high bytes before a space or a punctuation mark are lead
 * bytes without their trail byte, U+FFFD.
 */
function rereadSingleByte(bytes: Uint8Array, encoding: string): { text: string; encoding: string } | null {
  if (MULTI_BYTE_LEGACY.has(encoding) || encoding === 'utf-8' || isUtf32(encoding) || encoding.startsWith('utf-16')) return null;
  if (!mayReadAsMultiByte(bytes)) return null;
  // Detection can only lead to a multi-byte reading that fits; when none of them does (a page of
  // Latin text: every lone high byte misread), it is not run. Its pass over the sample costs tens of
  // milliseconds, the decodings a few: the same answers as without the screen.
  if (![...MULTI_BYTE_LEGACY].some((candidate) => readsAsMultiByte(evidenceSample(candidate, bytes)))) return null;
  const found = detectEncoding(bytes);
  if (found === null || !MULTI_BYTE_LEGACY.has(found)) return null;
  const other = decodeWith(found, bytes);
  return readsAsMultiByte(evidenceSample(found, bytes, other)) ? { text: other, encoding: found } : null;
}

/**
 * A declared Latin single-byte encoding checked against the bytes, as detection checks its first guess: a page of another
 * script or another Latin encoding under a stale declaration (a template's `charset=iso-8859-1` above Czech, Greek or Thai
 * text) came out as "Pøívoz", "Ôï ðëïßï", "àÃ×Í¢éÒÁ" without a word. When the declared reading shows such text misread
 * (readsAsOtherScript, DECODING.minInWordSymbols symbols inside words, DECODING.minOutOfAlphabetLetters letters no one
 * language writes together) and detection names another single-byte encoding whose reading is that text (in its script,
 * Thai as written, or with at most 1/misreadImprovement of those letters and no more such symbols), the bytes are its.
 * A page of its declared encoding shows none of these, or detection finds nothing better: it keeps its declaration.
 */
function rereadLatin(bytes: Uint8Array, text: string, encoding: string): { text: string; encoding: string } | null {
  if (!LATIN_SINGLE_BYTE.has(encoding)) return null;
  const reading = text.slice(0, DECODING.detectionSampleBytes);
  const otherScript = readsAsOtherScript(reading);
  const symbols = symbolsInWords(reading);
  // Letters outside the alphabet are evidence against a declaration only across words: a name repeated ("Özoğuz" on a
  // German page of windows-1254, whose ğ windows-1257 reads as an Estonian š) is not.
  const outside = otherScript || symbols >= DECODING.minInWordSymbols ? 0 : lettersOutOfAlphabet(reading);
  const misfits = outside >= DECODING.minOutOfAlphabetLetters && wordsOutOfAlphabet(reading) >= DECODING.minOutOfAlphabetWords;
  // An ISO-8859 reading's C1 controls are bytes of a Windows code page's punctuation (’ “ ” — …): text writes none.
  const controls = encoding.startsWith(ISO_8859) ? countMatches(reading, C1_CONTROL) : 0;
  if (!otherScript && symbols < DECODING.minInWordSymbols && !misfits && controls < DECODING.minControls) return null;
  const found = detectEncoding(bytes);
  if (found === null || found === encoding || !(LATIN_SINGLE_BYTE.has(found) || OTHER_SCRIPT_SINGLE_BYTE.has(found))) return null;
  const other = decodeWith(found, bytes);
  const sample = other.slice(0, DECODING.detectionSampleBytes);
  let better: boolean;
  if (found === THAI) better = readsAsThai(sample);
  else if (OTHER_SCRIPT_SINGLE_BYTE.has(found)) better = readsInOtherScript(sample);
  else {
    const before = outside || lettersOutOfAlphabet(reading);
    const misread = lettersOutOfAlphabet(sample) + lettersMadeSymbols(reading, sample);
    better =
      symbolsInWords(sample) <= symbols &&
      countMatches(sample, UNREADABLE) <= countMatches(reading, UNREADABLE) &&
      ((misread * DECODING.misreadImprovement <= before && (before > 0 || symbolsInWords(sample) < symbols)) ||
        // The controls read as punctuation, with no more misread letters: the Windows code page of the page's text.
        (controls >= DECODING.minControls && countMatches(sample, UNREADABLE) === 0 && misread <= before));
  }
  return better ? { text: other, encoding: found } : null;
}

/** One to two letters of another script than Latin, or U+FFFD, between two Latin letters of a word ("trиs", "StraЯenbahn", "Montr饌l"). */
const OTHER_SCRIPT_IN_LATIN_WORD = /\p{Script=Latin}(?:[\p{L}\uFFFD](?<!\p{Script=Latin})){1,2}\p{Script=Latin}/gu;

/**
 * A declared Cyrillic or legacy multi-byte encoding checked against Latin text: a French or German page of windows-1252
 * under a stale `charset=windows-1251`, `koi8-r` or `shift_jis` (a server's default header, a template's meta) came out as
 * "Le cafй est trиs apprйciй", "Die StraЯenbahn fдhrt ьber", "tr鑚 appr馗i�". When the declared reading has
 * DECODING.minInWordSymbols words or more with such letters inside Latin words (OTHER_SCRIPT_IN_LATIN_WORD: text in
 * these scripts writes its words in its own letters) and detection names a Latin single-byte encoding whose reading has
 * none, the bytes are that encoding's.
 */
function rereadLatinUnderOtherScript(bytes: Uint8Array, text: string, encoding: string): { text: string; encoding: string } | null {
  if (!CYRILLIC_SINGLE_BYTE.has(encoding) && !MULTI_BYTE_LEGACY.has(encoding)) return null;
  if (countMatches(text.slice(0, DECODING.detectionSampleBytes), OTHER_SCRIPT_IN_LATIN_WORD) < DECODING.minInWordSymbols) return null;
  const found = detectEncoding(bytes);
  if (found === null || !LATIN_SINGLE_BYTE.has(found)) return null;
  const other = decodeWith(found, bytes);
  return countMatches(other.slice(0, DECODING.detectionSampleBytes), OTHER_SCRIPT_IN_LATIN_WORD) === 0 ? { text: other, encoding: found } : null;
}

/** Cyrillic single-byte encodings: each reads the others' letters as letters, in another order and case. */
const CYRILLIC_SINGLE_BYTE: ReadonlySet<string> = new Set(['windows-1251', 'koi8-r', 'koi8-u', 'iso-8859-5', 'ibm866', 'x-mac-cyrillic']);
/** A word of three letters or more whose first letter is lowercase and the rest capitals ("оЮПНЛ"), or all capitals. */
const CYRILLIC_WORD = /\p{Script=Cyrillic}{3,}/gu;
const LOWER_THEN_UPPER = /^\p{Ll}?\p{Lu}+$/u;

/** The vowels every language written in Cyrillic writes most (cues/thresholds.ts DECODING.minCyrillicVowelShare). */
const CYRILLIC_VOWEL = /[аеиоіАЕИОІ]/gu;
const CYRILLIC_LETTER = /\p{Script=Cyrillic}/gu;

/** Cyrillic words of a reading (three letters or more) in capitals after their first letter, all of them, and its Cyrillic letters and vowels. */
function cyrillicReading(reading: string): { capitals: number; words: number; letters: number; vowels: number } {
  let capitals = 0;
  let words = 0;
  for (const [word] of reading.matchAll(CYRILLIC_WORD)) {
    words++;
    if (LOWER_THEN_UPPER.test(word)) capitals++;
  }
  return { capitals, words, letters: countMatches(reading, CYRILLIC_LETTER), vowels: countMatches(reading, CYRILLIC_VOWEL) };
}

/** IBM866, the Cyrillic of DOS, which chardet does not detect (detectEncoding). */
const DOS_CYRILLIC = 'ibm866';

/**
 * Whether bytes a Latin encoding reads as neither its letters nor another script's are DOS Cyrillic, for which chardet has
 * no statistics: its letters read as symbols and accented letters in every Latin encoding ("®£®¤ ¢ Œ®áª¢¥" for "Погода в
 * Москве"). Its reading has words of Cyrillic letters alone (readsAsOtherScript) with the vowels of prose; a Latin page's
 * accented letters stand inside words of ASCII letters, which that reading leaves mixed.
 */
function readsAsDosCyrillic(sample: Uint8Array): boolean {
  const dos = decodeWith(DOS_CYRILLIC, sample);
  return readsAsOtherScript(dos) && readsAsCyrillicProse(dos);
}

/** Whether a reading has Cyrillic words (DECODING.minOtherScriptWords or more) with the vowels of prose (fewCyrillicVowels). */
function readsAsCyrillicProse(text: string): boolean {
  const reading = cyrillicReading(text);
  return reading.words >= DECODING.minOtherScriptWords && !fewCyrillicVowels(reading);
}

/** Whether a reading with Cyrillic words (DECODING.minOtherScriptWords or more) has too few of its vowels for the prose of any language written in Cyrillic. */
function fewCyrillicVowels(reading: { words: number; letters: number; vowels: number }): boolean {
  return reading.words >= DECODING.minOtherScriptWords && reading.vowels < reading.letters * DECODING.minCyrillicVowelShare;
}

/**
 * A declared Cyrillic encoding checked against the bytes: KOI8-R and windows-1251 (and ISO-8859-5, IBM866) read each
 * other's letters as letters, in another order and the other case, so a page of windows-1251 under a stale
 * `charset=koi8-r` (or the other way round, the mix-up of Russian hosting for two decades) came out as Cyrillic in
 * capitals ("оЮПНЛ БНГНАМНБХК ПЮАНРС"), without a word. When most of the declared reading's Cyrillic words are in capitals
 * after their first letter (DECODING.minOtherScriptWords of them or more), which prose does not write, and detection names
 * another Cyrillic encoding whose reading has at most 1/misreadImprovement of them, the bytes are its. Other pairs read
 * each other's letters as lowercase letters without vowels (windows-1251 under `charset=iso-8859-5`: "Яюуюфр т Ьюёътх"
 * for "Погода в Москве"): when the declared reading has fewer of а, е, и, о, і than DECODING.minCyrillicVowelShare of
 * its Cyrillic letters and the detected one's has enough, the bytes are the detected encoding's too.
 */
function rereadCyrillic(bytes: Uint8Array, text: string, encoding: string): { text: string; encoding: string } | null {
  if (!CYRILLIC_SINGLE_BYTE.has(encoding)) return null;
  const declared = cyrillicReading(text.slice(0, DECODING.detectionSampleBytes));
  const inCapitals = declared.capitals >= DECODING.minOtherScriptWords && declared.capitals * 2 > declared.words;
  if (!inCapitals && !fewCyrillicVowels(declared)) return null;
  const other = rereadInFamily(bytes, encoding, CYRILLIC_SINGLE_BYTE);
  if (other === null) return null;
  const read = cyrillicReading(other.text.slice(0, DECODING.detectionSampleBytes));
  if (read.words * 2 < declared.words) return null;
  if (inCapitals) return read.capitals * DECODING.misreadImprovement <= declared.capitals ? other : null;
  return fewCyrillicVowels(read) || read.capitals * 2 > read.words ? null : other;
}

/** The bytes read in the encoding detection names when it is another of `family` than the declared `encoding` (rereadCyrillic, rereadArabic), or null. */
function rereadInFamily(bytes: Uint8Array, encoding: string, family: ReadonlySet<string>): { text: string; encoding: string } | null {
  const found = detectEncoding(bytes);
  if (found === null || found === encoding || !family.has(found)) return null;
  return { text: decodeWith(found, bytes), encoding: found };
}

/** Arabic single-byte encodings: ISO-8859-6 has no character at many of the bytes windows-1256 writes letters with. */
const ARABIC_SINGLE_BYTE: ReadonlySet<string> = new Set(['iso-8859-6', 'windows-1256']);

/**
 * A declared Arabic encoding checked against the bytes: a page of windows-1256 under a stale `charset=iso-8859-6` came out
 * as letters in the wrong places and U+FFFD where ISO-8859-6 has no character (ط, ظ, ع, غ and French letters are such
 * bytes: "افظ�س" for "الطقس"). When the declared reading has many misread characters (DECODING.minMisreadChars,
 * minMisreadShare of its non-ASCII ones), as a declared multi-byte encoding is checked, and detection names the other
 * Arabic encoding, whose reading has at most 1/misreadImprovement of them, the bytes are its.
 */
function rereadArabic(bytes: Uint8Array, text: string, encoding: string): { text: string; encoding: string } | null {
  if (!ARABIC_SINGLE_BYTE.has(encoding)) return null;
  const sample = text.slice(0, DECODING.detectionSampleBytes);
  const misread = countMatches(sample, MISREAD);
  if (misread < DECODING.minMisreadChars || misread < countMatches(sample, NON_ASCII) * DECODING.minMisreadShare) return null;
  const other = rereadInFamily(bytes, encoding, ARABIC_SINGLE_BYTE);
  if (other === null) return null;
  return countMatches(other.text.slice(0, DECODING.detectionSampleBytes), MISREAD) * DECODING.misreadImprovement <= misread ? other : null;
}

/** Whether a multi-byte reading of a page reads as one: at its start (`sample`, evidenceSample's), many non-ASCII characters (DECODING.minMultiByteChars), almost none misread (minMisreadShare). */
function readsAsMultiByte(sample: string): boolean {
  const characters = countMatches(sample, NON_ASCII);
  return characters >= DECODING.minMultiByteChars && countMatches(sample, MISREAD) <= characters * DECODING.minMisreadShare;
}

/**
 * U+0000 is never text a reader sees. In a text scrape it goes here. In HTML it stays for the
 * parser, which drops it from page text ("in body": ignore the token) but reads it elsewhere as
 * the standard says: `</scr\0ipt>` is no end tag, and the script goes on (src/core/parse.ts).
 */
const NUL = /\0/g;
const TEXT = /[^\s\0]/;

/** `bytes` are those `decoded` was read from: a text that mixes twice-encoded characters with real ones is looked for only where they hold one's shape (./double-encoding.ts mayHoldDoubleEncoding). */
function finish(
  decoded: string,
  format: Format,
  encoding: string,
  compression: ContentCoding | null,
  encodingSource: string,
  bytes: Uint8Array,
  markupAsText: boolean,
  declaredData: string | null = null,
): DecodedInput {
  // Twice-encoded sequences written as character references (`&acirc;&euro;&trade;`) are mojibake whatever the page's encoding.
  const referenced = format === 'html' || format === 'xhtml' ? withMojibakeReferencesDecoded(decoded) : null;
  const original =
    (referenced !== null ? repairMixedDoubleEncoding(referenced) : null) ??
    (encoding === 'utf-8' ? (undoDoubleEncoding(decoded) ?? (mayHoldDoubleEncoding(bytes) ? repairMixedDoubleEncoding(decoded) : null)) : null);
  const raw = original ?? decoded;
  const nulFree = original === null && readsNulFromZeroByte(encoding) && bytes.indexOf(0) === -1;
  const text = format === 'text' && !nulFree && raw.includes('\0') ? replaceInPieces(raw, NUL, '') : raw;
  if (!TEXT.test(text)) throw new CleanError('EMPTY_INPUT', 'input holds only whitespace');
  const data = declaredData ?? dataKind(text, format);
  if (data) throw new CleanError('NOT_A_PAGE', `input is ${data}, not an HTML or text scrape`);
  const replacements = countReplacementChars(text);
  if (replacements / text.length > DECODING.maxReplacementCharRatio) {
    throw new CleanError('UNDECODABLE', `${replacements} of ${text.length} characters do not decode as ${encoding}`);
  }
  return { text, format, encoding, compression, encodingSource, doubleEncoded: original !== null, markupAsText, nulFree };
}

/**
 * Whether a decoder of `encoding` makes U+0000 only of a zero byte: every encoding but UTF-16 and UTF-32, whose
 * code units hold zero bytes (ASCII-compatible ones map 0x00 to U+0000 and no sequence of other bytes to it).
 */
function readsNulFromZeroByte(encoding: string): boolean {
  return !encoding.startsWith('utf-16') && !isUtf32(encoding);
}

function countReplacementChars(text: string): number {
  let count = 0;
  let index = text.indexOf('\uFFFD');
  while (index !== -1) {
    count++;
    index = text.indexOf('\uFFFD', index + 1);
  }
  return count;
}
