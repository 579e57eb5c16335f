/**
 * UTF-8 encoded twice: a page whose UTF-8 bytes a crawler or a CMS read as windows-1252 (or
 * Latin-1) and wrote out as UTF-8 again, so that "—" (E2 80 94) is stored as "â€”" (or as "â" and
 * two invisible C1 controls, by Latin-1) and "é" as "Ã©". Such bytes are valid UTF-8, so they
 * decode without a replacement character, and every non-ASCII character of the page came out as
 * mojibake (four pages of the modern-web corpus, a Python documentation page among them: "itertools â
 * Functions creating iterators"). Written back as the windows-1252 bytes they were read from, the
 * characters are the page's UTF-8 again.
 *
 * The text is taken for twice-encoded only when that holds of all of it: every non-ASCII character
 * is one windows-1252 or Latin-1 reads a byte as, those bytes are well-formed UTF-8 (a real accent
 * before a space or a letter is a lead byte without its continuation, which fails at once), and
 * they make DECODING.minDoubleEncodedChars characters or more. A page that mixes the two (mojibake
 * in its body, a real "é" in its menu) is left as it is.
 */
import { DECODING } from './cues/thresholds.js';
import { WINDOWS_1252_C1, WINDOWS_1252_C1_FIRST } from './single-byte.js';

const FIRST_NON_ASCII = 0x80;
/** UTF-8's lead bytes of a well-formed sequence (C2-F4), read as Latin-1 characters. */
const LEAD_FIRST = 0xc2;
const LEAD_LAST = 0xf4;
/** UTF-8's continuation bytes (80-BF), read as Latin-1 characters. */
const CONTINUATION_LAST = 0xbf;

/** The byte that windows-1252 (or, for its C1 controls, Latin-1) reads as each character from U+0080 up. */
const BYTE_OF = new Map<number, number>();
for (let byte = FIRST_NON_ASCII; byte <= 0xff; byte++) BYTE_OF.set(byte, byte);
for (let i = 0; i < WINDOWS_1252_C1.length; i++) BYTE_OF.set(WINDOWS_1252_C1.charCodeAt(i), WINDOWS_1252_C1_FIRST + i);

/** UTF-8's continuation bytes after a lead byte: 1 for C2-DF, 2 for E0-EF, 3 for F0-F4 (see LEAD_FIRST). */
const TWO_BYTE_LAST = 0xdf;
const THREE_BYTE_LAST = 0xef;
function continuationsAfter(lead: number): number {
  return lead <= TWO_BYTE_LAST ? 1 : lead <= THREE_BYTE_LAST ? 2 : 3;
}
const NON_ASCII = /[^\x00-\x7F]/g;
/** Fails on a byte sequence that is not well-formed; skips a byte order mark encoded twice ("ï»¿"), as a BOM of the bytes is. */
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The text as it was before its second encoding, or null when it is not UTF-8 encoded twice (see above).
 * Each non-ASCII character must start a sequence (a lead byte's character and as many continuation
 * bytes' characters as it takes), so a text of real accents and quotes fails at its first one, found
 * by the engine's scan for non-ASCII characters; the decoder then checks what the shapes do not
 * (overlong forms, surrogates).
 */
export function undoDoubleEncoding(text: string): string | null {
  let characters = 0;
  NON_ASCII.lastIndex = 0;
  for (let found = NON_ASCII.exec(text); found !== null; found = NON_ASCII.exec(text)) {
    const lead = BYTE_OF.get(text.charCodeAt(found.index));
    if (lead === undefined || lead < LEAD_FIRST || lead > LEAD_LAST) return null;
    const end = found.index + 1 + continuationsAfter(lead);
    if (end > text.length) return null;
    for (let i = found.index + 1; i < end; i++) {
      const byte = BYTE_OF.get(text.charCodeAt(i));
      if (byte === undefined || byte > CONTINUATION_LAST) return null;
    }
    characters++;
    NON_ASCII.lastIndex = end;
  }
  if (characters < DECODING.minDoubleEncodedChars) return null;
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    bytes[i] = code < FIRST_NON_ASCII ? code : BYTE_OF.get(code)!;
  }
  try {
    return STRICT_UTF8.decode(bytes);
  } catch {
    return null;
  }
}
