/**
 * The HTML standard's prescan of a byte stream for its encoding (WHATWG HTML, "prescan a byte
 * stream to determine its encoding", with "get an attribute", "extracting a character encoding
 * from a meta element" and "get an XML encoding"), step by step. It is what a browser obeys: a
 * `<meta charset>` inside a comment or inside another element's attribute value is skipped, a
 * `content="…; charset=…"` counts only beside `http-equiv="content-type"`, and the first meta
 * that declares an encoding the runtime knows decides.
 *
 * Why not the library: cheerio ships encoding-sniffer, which implements the same algorithm, but
 * its label table comes with all of iconv-lite (490 KB minified in the Lambda bundle, whose whole
 * budget is 1 MB); labels here are resolved by the runtime's TextDecoder, which knows the Encoding
 * Standard's labels. test/core/prescan.test.ts holds this module to encoding-sniffer's answers on
 * generated markup.
 */
import { ISO_8859_16 } from './iso-8859-16.js';

/** ASCII whitespace of the HTML standard: TAB, LF, FF, CR, SPACE. */
function isSpace(byte: number | undefined): boolean {
  return byte === 0x09 || byte === 0x0a || byte === 0x0c || byte === 0x0d || byte === 0x20;
}

function isAsciiAlpha(byte: number | undefined): boolean {
  return byte !== undefined && ((byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a));
}

/** The byte as the lower-case character the algorithm appends (only ASCII bytes can make a label). */
function lowerChar(byte: number): string {
  return String.fromCharCode(byte >= 0x41 && byte <= 0x5a ? byte + 0x20 : byte);
}

/**
 * The Encoding Standard's "get an encoding" (label → encoding), by the runtime's TextDecoder.
 * Null for an unknown label, and also for one the runtime cannot decode (the "replacement"
 * labels such as iso-2022-kr, which the standard maps to a decoder that yields one U+FFFD): such
 * a declaration is passed over rather than obeyed.
 */
export function encodingForLabel(label: string): string | null {
  const trimmed = label.replace(/^[\t\n\f\r ]+|[\t\n\f\r ]+$/g, '').toLowerCase();
  // x-user-defined is a browser-only decoder; the prescan maps it to windows-1252 anyway.
  if (trimmed === 'x-user-defined') return 'windows-1252';
  // ISO-8859-16 the runtime cannot decode, ./iso-8859-16.ts does.
  if (trimmed === ISO_8859_16) return ISO_8859_16;
  try {
    return new TextDecoder(trimmed).encoding;
  } catch {
    return null;
  }
}

/** A meta or XML declaration of UTF-16 in ASCII-compatible bytes is a lie by construction: UTF-8. */
function asDeclared(encoding: string | null): string | null {
  return encoding === 'utf-16le' || encoding === 'utf-16be' ? 'utf-8' : encoding;
}

/** "Extracting a character encoding from a meta element": the label after `charset=` in a content value. */
export function charsetFromContent(content: string): string | null {
  let position = 0;
  for (;;) {
    const found = content.toLowerCase().indexOf('charset', position);
    if (found === -1) return null;
    position = found + 'charset'.length;
    while (isSpace(content.charCodeAt(position))) position++;
    if (content[position] !== '=') continue;
    position++;
    while (isSpace(content.charCodeAt(position))) position++;
    const first = content[position];
    if (first === undefined) return null;
    if (first === '"' || first === "'") {
      const end = content.indexOf(first, position + 1);
      return end === -1 ? null : encodingForLabel(content.slice(position + 1, end));
    }
    let end = position;
    while (end < content.length && !isSpace(content.charCodeAt(end)) && content[end] !== ';') end++;
    return encodingForLabel(content.slice(position, end));
  }
}

/** Reads the prescanned bytes: a cursor past whose end every byte reads as undefined. */
class Cursor {
  position = 0;
  constructor(readonly bytes: Uint8Array) {}

  get byte(): number | undefined {
    return this.bytes[this.position];
  }

  at(offset: number): number | undefined {
    return this.bytes[this.position + offset];
  }

  get ended(): boolean {
    return this.position >= this.bytes.length;
  }

  /** The bytes at the position match `ascii`, letters case-insensitively. */
  startsWith(ascii: string): boolean {
    for (let i = 0; i < ascii.length; i++) {
      const byte = this.at(i);
      if (byte === undefined || lowerChar(byte) !== ascii[i]) return false;
    }
    return true;
  }

  /** Moves to the next byte that is one of `stops` (or to the end). */
  skipUntil(stop: (byte: number) => boolean): void {
    while (!this.ended && !stop(this.byte!)) this.position++;
  }
}

/** "Get an attribute": the next attribute of the tag, or null at its end (or at the end of the bytes). */
function getAttribute(cursor: Cursor): { name: string; value: string } | null {
  while (isSpace(cursor.byte) || cursor.byte === 0x2f) cursor.position++;
  if (cursor.ended || cursor.byte === 0x3e) return null;
  let name = '';
  let value = '';
  // The name.
  for (;;) {
    const byte = cursor.byte;
    if (byte === undefined) return null;
    if (byte === 0x3d && name.length > 0) {
      cursor.position++;
      break;
    }
    if (isSpace(byte)) {
      while (isSpace(cursor.byte)) cursor.position++;
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- `ended` is a getter: the position moved since it was read
      if (cursor.byte !== 0x3d) return cursor.ended ? null : { name, value };
      cursor.position++;
      break;
    }
    if (byte === 0x2f || byte === 0x3e) return { name, value };
    name += lowerChar(byte);
    cursor.position++;
  }
  // The value.
  while (isSpace(cursor.byte)) cursor.position++;
  const first = cursor.byte;
  if (first === undefined) return null;
  if (first === 0x22 || first === 0x27) {
    for (;;) {
      cursor.position++;
      const byte = cursor.byte;
      if (byte === undefined) return null;
      if (byte === first) {
        cursor.position++;
        return { name, value };
      }
      value += lowerChar(byte);
    }
  }
  if (first === 0x3e) return { name, value };
  value += lowerChar(first);
  cursor.position++;
  for (;;) {
    const byte = cursor.byte;
    if (byte === undefined) return null;
    if (isSpace(byte) || byte === 0x3e) return { name, value };
    value += lowerChar(byte);
    cursor.position++;
  }
}

/** A `<meta` tag's attributes, as the prescan reads them: the encoding it declares, or null. */
function metaEncoding(cursor: Cursor): string | null {
  const seen = new Set<string>();
  let gotPragma = false;
  let needPragma: boolean | null = null;
  let charset: string | null | undefined; // undefined: not set (the standard's "null"); null: failure
  for (let attribute = getAttribute(cursor); attribute; attribute = getAttribute(cursor)) {
    if (seen.has(attribute.name)) continue;
    seen.add(attribute.name);
    if (attribute.name === 'http-equiv') {
      if (attribute.value === 'content-type') gotPragma = true;
    } else if (attribute.name === 'content') {
      const fromContent = charsetFromContent(attribute.value);
      if (fromContent !== null && charset === undefined) {
        charset = fromContent;
        needPragma = true;
      }
    } else if (attribute.name === 'charset') {
      charset = encodingForLabel(attribute.value);
      needPragma = false;
    }
  }
  // A tag cut off by the end of the prescanned bytes declares nothing.
  if (cursor.ended || needPragma === null || (needPragma && !gotPragma) || !charset) return null;
  return asDeclared(charset);
}

/** "Get an XML encoding": the encoding of an XML declaration at the very start of the bytes. */
export function xmlDeclarationEncoding(bytes: Uint8Array): string | null {
  const cursor = new Cursor(bytes);
  if (!cursor.startsWith('<?xml')) return null;
  const end = bytes.indexOf(0x3e);
  if (end === -1) return null;
  const declaration = Buffer.from(bytes.buffer, bytes.byteOffset, end).toString('latin1');
  let position = declaration.indexOf('encoding');
  if (position === -1) return null;
  position += 'encoding'.length;
  while (declaration.charCodeAt(position) <= 0x20) position++;
  if (declaration[position] !== '=') return null;
  position++;
  while (declaration.charCodeAt(position) <= 0x20) position++;
  const quote = declaration[position];
  if (quote !== '"' && quote !== "'") return null;
  const close = declaration.indexOf(quote, position + 1);
  if (close === -1) return null;
  const label = declaration.slice(position + 1, close);
  if (/[\x00-\x20]/.test(label)) return null;
  return asDeclared(encodingForLabel(label));
}

export interface PrescanResult {
  readonly encoding: string;
  /** `meta` for a `<meta>` declaration, `xml` for the XML declaration's (the fallback when no meta declares one). */
  readonly source: 'meta' | 'xml';
}

/**
 * The prescan over the first `maxBytes` bytes: the encoding a `<meta>` declares (as a WHATWG
 * encoding name), else the XML declaration's, else null.
 */
export function prescan(bytes: Uint8Array, maxBytes: number): PrescanResult | null {
  const head = bytes.subarray(0, maxBytes);
  const cursor = new Cursor(head);
  // UTF-16 XML declarations (`<?x` in UTF-16) are the caller's: its BOM and zero-byte checks see them first.
  const xml = xmlDeclarationEncoding(head);
  const fallback: PrescanResult | null = xml ? { encoding: xml, source: 'xml' } : null;
  while (!cursor.ended) {
    if (cursor.byte !== 0x3c) {
      // Nothing before the next `<` can matter.
      const next = head.indexOf(0x3c, cursor.position);
      if (next === -1) break;
      cursor.position = next;
    }
    if (cursor.startsWith('<!--')) {
      // To the first `>` preceded by `--` after the `<` (the dashes may be those of `<!--`: `<!-->` ends it).
      let end = cursor.position + 2;
      for (;;) {
        end = head.indexOf(0x3e, end + 1);
        if (end === -1 || (head[end - 1] === 0x2d && head[end - 2] === 0x2d)) break;
      }
      if (end === -1) break;
      cursor.position = end + 1;
      continue;
    }
    if (cursor.startsWith('<meta') && (isSpace(cursor.at(5)) || cursor.at(5) === 0x2f)) {
      cursor.position += 5;
      const encoding = metaEncoding(cursor);
      if (encoding) return { encoding, source: 'meta' };
      cursor.position++;
      continue;
    }
    if (isAsciiAlpha(cursor.at(1)) || (cursor.at(1) === 0x2f && isAsciiAlpha(cursor.at(2)))) {
      // Any other tag: skip its name, then its attributes (so `charset=` in an attribute value is never read).
      cursor.skipUntil((byte) => isSpace(byte) || byte === 0x3e);
      while (getAttribute(cursor)) {
        // Attributes of another element are read only to be skipped.
      }
      cursor.position++;
      continue;
    }
    if (cursor.at(1) === 0x21 || cursor.at(1) === 0x2f || cursor.at(1) === 0x3f) {
      const end = head.indexOf(0x3e, cursor.position + 1);
      if (end === -1) break;
      cursor.position = end + 1;
      continue;
    }
    cursor.position++;
  }
  return fallback;
}
