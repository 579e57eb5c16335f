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
 * they make DECODING.minDoubleEncodedChars characters or more.
 *
 * A text that mixes the two (mojibake in its body, a real "é" in its menu; a blog post pasted through
 * a bad editor into a UTF-8 page) is repaired sequence by sequence (repairMixedDoubleEncoding below),
 * with guards against real text that happens to read as such a sequence: the German "ß»" (an NKo
 * letter), the French "é” " (a CJK ideograph), "NESTLÉ®" (an IPA letter), "IRMÃ”" (an all-caps word
 * and its closing quote), a "× " (Hebrew), and mojibake named on purpose between quotes.
 */
import { decodeHTMLStrict } from 'entities';
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

/**
 * What a twice-encoded sequence may decode to in a text of real characters: the characters text is
 * written in, that a page's editor or feed pipeline turns into mojibake. Latin-1 Supplement without its
 * C1 controls, Latin Extended-A and -B (Central European, Romanian, Vietnamese), Greek and Cyrillic,
 * Latin Extended Additional (Vietnamese), general punctuation to dingbats (dashes, quotes, €, ™, →, ✓),
 * CJK, kana and Hangul, variation selectors, full-width forms, emoji. Left out: what real text makes
 * of a letter before punctuation, that no page writes in mojibake: IPA (the French "É®"), combining
 * marks, Armenian, Hebrew and Arabic (a "× " with a no-break space), Syriac, Thaana and NKo (the
 * German "ß»", "ß­" with a soft hyphen), Samaritan and Indic ("à »" with a no-break space), braille.
 * Inclusive [first, last] pairs, in code point order.
 */
const PLAUSIBLE: readonly (readonly [number, number])[] = [
  [0x00a0, 0x024f],
  [0x0370, 0x04ff],
  [0x1e00, 0x1eff],
  [0x2000, 0x27bf],
  [0x3000, 0x30ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xac00, 0xd7a3],
  [0xfe00, 0xfe0f],
  [0xff00, 0xffef],
  [0x1f000, 0x1faff],
];
/**
 * From here up (CJK, kana, Hangul, full-width forms, variation selectors) a sequence is a lower-case
 * letter (ã-ï) and two punctuation marks, as real text writes them: the French "déterminé” " with a
 * no-break space reads as 锠. Such a sequence is repaired only beside another one (a word of two or
 * more ideographs, "ä¸­æ–‡" for 中文; an emoji and its variation selector), which real text cannot
 * give: after its punctuation comes a space or a letter.
 */
const IDEOGRAPHIC_FIRST = 0x3000;
/** The smallest code point of a sequence of 2, 3 and 4 bytes (smaller ones are overlong forms). */
const MIN_OF_LENGTH = [0, 0, 0x80, 0x800, 0x10000];
const MAX_CODE_POINT = 0x10ffff;
const SURROGATES_FIRST = 0xd800;
const SURROGATES_LAST = 0xdfff;
/** The C1 controls (U+0080-U+009F), Latin-1's reading of the bytes windows-1252 gives punctuation; real text never holds one. */
const C1_FIRST = 0x80;
const C1_LAST = 0x9f;
const PAYLOAD_BITS = 6;
const CONTINUATION_PAYLOAD = 0x3f;
const LEAD_PAYLOAD = [0, 0, 0x1f, 0x0f, 0x07];

function plausible(codePoint: number): boolean {
  for (const [first, last] of PLAUSIBLE) {
    if (codePoint < first) return false;
    if (codePoint <= last) return true;
  }
  return false;
}

/**
 * Punctuation real text writes right after a word: closing quotes, guillemets, dashes, the ellipsis, a
 * no-break space (French, before ":"), a soft hyphen, ®, ™, °, superscripts, an acute accent written as
 * an apostrophe. After an upper-case accented letter that ends an all-caps word ("IRMÃ”", "PÄIVÄ»",
 * "CAFÉ…") it reads as a twice-encoded letter (Ô, Ļ, Ʌ), so a sequence of an upper-case lead, one of
 * these, and no letter after, in an all-caps word, is left: mojibake of a capital inside a word
 * ("NESTLÃ‰", "ÃœBER") has a letter after it or a symbol real text does not write there.
 */
const TRAILING = /[\u00a0\u00ad\u00ae\u00b0\u00b2\u00b3\u00b4\u00b7\u00b9\u00ba\u00aa\u00bb\u2013\u2014\u2018-\u201d\u2020\u2021\u2026\u203a\u2122]/;
const UPPER = /\p{Lu}/u;
const LETTER = /\p{L}/u;
/** Quotes before and after a run of sequences that names mojibake ("saw "Ã¤" instead of "ä"", a string literal `replace("Ã¢â‚¬Ëœ", "'")`), as the raw text writes them: marks, HTML's entities, a JSON string's escape. */
const QUOTE_BEFORE = /(?:["'`“‘«„]|&quot;|&#3[49];|&#x2[27];)$/i;
const QUOTE_AFTER = /^\\?(?:["'`”’»“]|&quot;|&#3[49];|&#x2[27];)/i;
const QUOTE_CONTEXT = 6;
/** Whether the character at `index` is one windows-1252 or Latin-1 reads a byte from 0x80 up as: a quote that names mojibake holds only those ("Ã¢â‚¬Ëœ", whose "Ëœ" alone decodes to no plausible character). */
function mojibakeAlphabet(text: string, index: number): boolean {
  return BYTE_OF.has(text.charCodeAt(index));
}

/** A character windows-1252 or Latin-1 reads a lead byte as (C2-F4), then one it reads a continuation byte as (80-BF): where a sequence may start. */
const CONTINUATION_CLASS = `\\u0080-\\u00bf${Array.from(WINDOWS_1252_C1, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')}`;
const SEQUENCE_START = new RegExp(`[\\u00${LEAD_FIRST.toString(16)}-\\u00${LEAD_LAST.toString(16)}][${CONTINUATION_CLASS}]`, 'g');

interface Sequence {
  readonly start: number;
  readonly end: number;
  readonly codePoint: number;
  readonly c1: boolean;
}

/** The well-formed sequence at `start` that decodes to a plausible character, or null. */
function sequenceAt(text: string, start: number): Sequence | null {
  const lead = BYTE_OF.get(text.charCodeAt(start))!;
  const length = 1 + continuationsAfter(lead);
  const end = start + length;
  if (end > text.length) return null;
  let codePoint = lead & LEAD_PAYLOAD[length]!;
  let c1 = false;
  for (let i = start + 1; i < end; i++) {
    const code = text.charCodeAt(i);
    const byte = BYTE_OF.get(code);
    if (byte === undefined || byte > CONTINUATION_LAST) return null;
    if (code >= C1_FIRST && code <= C1_LAST) c1 = true;
    codePoint = (codePoint << PAYLOAD_BITS) | (byte & CONTINUATION_PAYLOAD);
  }
  if (codePoint < MIN_OF_LENGTH[length]! || codePoint > MAX_CODE_POINT || (codePoint >= SURROGATES_FIRST && codePoint <= SURROGATES_LAST)) return null;
  return plausible(codePoint) ? { start, end, codePoint, c1 } : null;
}

/** Whether a sequence of a run (adjacent sequences) is one real text writes (see IDEOGRAPHIC_FIRST, TRAILING). */
function realTextLookAlike(text: string, sequence: Sequence, runLength: number): boolean {
  if (sequence.codePoint >= IDEOGRAPHIC_FIRST && runLength < 2) return true;
  if (sequence.end - sequence.start !== 2) return false;
  const before = text[sequence.start - 1] ?? '';
  const after = text[sequence.end] ?? '';
  return UPPER.test(before) && UPPER.test(text[sequence.start]!) && TRAILING.test(text[sequence.start + 1]!) && !LETTER.test(after);
}

/** Whether the run of sequences from `start` to `end` stands inside a word (a letter right before and after it) that is not named between quotes ("it showed "JÃ¤ger"", not an attribute's alt="JÃ¤ger"). */
function standsInWord(text: string, start: number, end: number): boolean {
  if (!LETTER.test(text[start - 1] ?? '') || !LETTER.test(text[end] ?? '')) return false;
  let wordStart = start;
  let wordEnd = end;
  while (wordStart > 0 && (LETTER.test(text[wordStart - 1]!) || mojibakeAlphabet(text, wordStart - 1))) wordStart--;
  while (wordEnd < text.length && (LETTER.test(text[wordEnd]!) || mojibakeAlphabet(text, wordEnd))) wordEnd++;
  const before = text.slice(Math.max(0, wordStart - QUOTE_CONTEXT), wordStart);
  // The quotes of an attribute's value (alt="SprÃ¼hregen") delimit it: they name nothing.
  return ATTRIBUTE_VALUE_START.test(before) || !(QUOTE_BEFORE.test(before) && QUOTE_AFTER.test(text.slice(wordEnd, wordEnd + QUOTE_CONTEXT + 1)));
}
const ATTRIBUTE_VALUE_START = /=\s*["']$/;

/** The sequences of `text` to repair: all of them, or (when `judge`) none unless they are evidence enough (DECODING.minMixedDoubleEncodedPlaces). */
function repairableSequences(text: string, judge: boolean): Sequence[] {
  const found: Sequence[] = [];
  SEQUENCE_START.lastIndex = 0;
  for (let match = SEQUENCE_START.exec(text); match !== null; match = SEQUENCE_START.exec(text)) {
    const sequence = sequenceAt(text, match.index);
    if (sequence === null) {
      SEQUENCE_START.lastIndex = match.index + 1;
      continue;
    }
    found.push(sequence);
    SEQUENCE_START.lastIndex = sequence.end;
  }
  if (found.length === 0) return found;
  const kept: Sequence[] = [];
  const places = new Set<string>();
  let c1 = false;
  /** Every run kept stands inside a word: a letter right before it and right after it ("JÃ¤ger"). */
  let inWords = true;
  for (let first = 0; first < found.length; ) {
    let last = first;
    while (last + 1 < found.length && found[last + 1]!.start === found[last]!.end) last++;
    let start = found[first]!.start;
    let end = found[last]!.end;
    while (start > 0 && mojibakeAlphabet(text, start - 1)) start--;
    while (end < text.length && mojibakeAlphabet(text, end)) end++;
    const quoted = QUOTE_BEFORE.test(text.slice(Math.max(0, start - QUOTE_CONTEXT), start)) && QUOTE_AFTER.test(text.slice(end, end + QUOTE_CONTEXT + 1));
    if (!quoted) {
      const before = kept.length;
      for (let i = first; i <= last; i++) {
        const sequence = found[i]!;
        if (realTextLookAlike(text, sequence, last - first + 1)) continue;
        kept.push(sequence);
        c1 ||= sequence.c1;
        places.add(text.slice(Math.max(0, sequence.start - DECODING.mixedContextChars), sequence.end + DECODING.mixedContextChars));
      }
      if (kept.length > before) inWords &&= standsInWord(text, found[first]!.start, found[last]!.end);
    }
    first = last + 1;
  }
  // Runs that all stand inside words are mojibake however few: a text that names mojibake writes it as a token of its own
  // ("turns é into Ã© on a bad day"), not inside a word it means ("Textwerkstatt JÃ¤ger" in a link's title, "SprÃ¼hregen"
  // in an image's alt: the one place of six corpus pages, which their captions and metadata carried).
  return !judge || c1 || places.size >= DECODING.minMixedDoubleEncodedPlaces || (kept.length > 0 && inWords) ? kept : [];
}

/** UTF-8 of a character windows-1252 or Latin-1 reads a lead byte as (U+00C2-U+00F4: C3 82-B4). */
const UTF8_LEAD_FIRST = 0xc3;
const UTF8_LEAD_SECOND_FIRST = 0x82;
const UTF8_LEAD_SECOND_LAST = 0xb4;
/** First bytes of the UTF-8 of a character windows-1252 or Latin-1 reads a continuation byte as: U+0080-U+00BF (C2), Œ œ Š š Ÿ Ž ž (C5), ƒ (C6), ˆ ˜ (CB), the punctuation and € and ™ (E2). */
const UTF8_CONTINUATION_FIRST = new Set([0xc2, 0xc5, 0xc6, 0xcb, 0xe2]);
const LEAD_AND_FIRST_BYTE = 3;

/**
 * Whether UTF-8 bytes can hold a twice-encoded sequence: a lead byte's character followed by the first
 * byte of a continuation byte's character. The bytes are searched for the one byte every such lead
 * starts with (C3), which the runtime does at memory speed; a scan of the text for the two characters
 * took ten times as long (repairMixedDoubleEncoding runs on every UTF-8 page that has them).
 */
export function mayHoldDoubleEncoding(bytes: Uint8Array): boolean {
  for (let i = bytes.indexOf(UTF8_LEAD_FIRST); i >= 0 && i + LEAD_AND_FIRST_BYTE <= bytes.length; i = bytes.indexOf(UTF8_LEAD_FIRST, i + 1)) {
    const second = bytes[i + 1]!;
    if (second >= UTF8_LEAD_SECOND_FIRST && second <= UTF8_LEAD_SECOND_LAST && UTF8_CONTINUATION_FIRST.has(bytes[i + 2]!)) return true;
  }
  return false;
}

/**
 * A text that mixes real characters with twice-encoded ones, each such sequence read as it was before
 * (and again, up to DECODING.maxDoubleEncodingLevels times, where it was encoded more than twice), or
 * null when nothing is repaired. A sequence is repaired when it is well-formed, decodes to a plausible
 * character (PLAUSIBLE), is not a look-alike real text writes (IDEOGRAPHIC_FIRST, TRAILING) nor named
 * between quotes, and the text holds such sequences in DECODING.minMixedDoubleEncodedPlaces places,
 * or one with a C1 control, or only inside words (a letter right before and after each run). Runs after
 * undoDoubleEncoding, whose texts it would repair as well.
 */
export function repairMixedDoubleEncoding(text: string): string | null {
  let current = text;
  for (let level = 0; level < DECODING.maxDoubleEncodingLevels; level++) {
    const sequences = repairableSequences(current, level === 0);
    if (sequences.length === 0) break;
    let repaired = '';
    let from = 0;
    for (const sequence of sequences) {
      repaired += current.slice(from, sequence.start) + String.fromCodePoint(sequence.codePoint);
      from = sequence.end;
    }
    current = repaired + current.slice(from);
  }
  return current === text ? null : current;
}

/** A character reference (named, decimal, hexadecimal) with its semicolon, as pages write them. */
const REFERENCE = '&(?:[A-Za-z][A-Za-z0-9]{1,31}|#\\d{1,7}|#[xX][\\dA-Fa-f]{1,6});';
/** The characters windows-1252 or Latin-1 reads a byte from 0x80 up as, as a class. */
const ALPHABET_CLASS = `\\u0080-\\u00ff${Array.from(WINDOWS_1252_C1, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')}`;
const AMPERSAND = 0x26;
/** The longest character reference looked at: "&" and ";" around 31 characters (REFERENCE). */
const MAX_REFERENCE_CHARS = 33;

/**
 * Where the first reference to a lead byte's character is that another reference or a character of the alphabet
 * follows ("&acirc;&euro;"), or the first written lead byte's character a reference to a continuation byte's follows
 * ("Â&nbsp;"), or -1: a look at each "&" of the page (a scan for it and a comparison or two), since a pattern over the
 * page cost a tenth of the decoding time of the corpus, on every page, for the few that have any.
 */
function firstLeadReference(html: string): number {
  // The next ";" is looked for again only once passed: a page of many "&" and no ";" is read once, not once per "&".
  let end = -1;
  for (let at = html.indexOf('&'); at !== -1; at = html.indexOf('&', at + 1)) {
    if (end < at + 2) end = html.indexOf(';', at + 2);
    if (end === -1) return -1;
    if (end - at > MAX_REFERENCE_CHARS) continue;
    const next = html.charCodeAt(end + 1);
    const before = BYTE_OF.get(html.charCodeAt(at - 1));
    const afterLead = before !== undefined && before >= LEAD_FIRST && before <= LEAD_LAST;
    if (!afterLead && next !== AMPERSAND && !BYTE_OF.has(next)) continue;
    const character = decodeHTMLStrict(html.slice(at, end + 1));
    const byte = character.length === 1 ? BYTE_OF.get(character.charCodeAt(0)) : undefined;
    if (byte === undefined) continue;
    // "Â&nbsp;": a lead byte's character written, its continuation referenced.
    if (afterLead && byte <= CONTINUATION_LAST) return at - 1;
    if (byte >= LEAD_FIRST && byte <= LEAD_LAST && (next === AMPERSAND || BYTE_OF.has(next))) return at;
  }
  return -1;
}

/**
 * A run of character references and characters of the alphabet that starts with a reference (the characters of a
 * sequence written before it are looked for by hand: LITERAL_BEFORE).
 */
const REFERENCE_RUN = new RegExp(`${REFERENCE}(?:${REFERENCE}|[${ALPHABET_CLASS}])*`, 'g');
const IN_ALPHABET = new RegExp(`[${ALPHABET_CLASS}]`);
/** Characters of a sequence written before its first reference ("Ã&copy;"), at most: a sequence is four bytes at most. */
const LITERAL_BEFORE = 3;

/**
 * Markup whose twice-encoded sequences are written as character references (`isn&acirc;&euro;&trade;t` for
 * "isn’t": a CMS that escaped its mojibake as HTML entities), with the runs of references that read as such a
 * sequence written as their characters, or null when it has none. The references are decoded by the parser, after
 * the repair of the decoded text (repairMixedDoubleEncoding), which never saw them: the page came out with "isnâ€™t"
 * (one page of the modern-web corpus, 58 times). A run is written out only when every character it reads as is one
 * windows-1252 or Latin-1 reads a byte as and it holds a sequence's start (a lead byte's character, then a
 * continuation byte's): references of other characters (`&amp;`, `&lt;`) are left as they are, so the markup means
 * what it meant; the repair then judges the sequences as it judges written ones.
 */
export function withMojibakeReferencesDecoded(html: string): string | null {
  const first = firstLeadReference(html);
  if (first < 0) return null;
  const parts: string[] = [];
  let from = 0;
  REFERENCE_RUN.lastIndex = first;
  for (let match = REFERENCE_RUN.exec(html); match !== null; match = REFERENCE_RUN.exec(html)) {
    let start = match.index;
    while (start > from && match.index - start < LITERAL_BEFORE && IN_ALPHABET.test(html[start - 1]!)) start--;
    const characters = decodeHTMLStrict(html.slice(start, match.index + match[0].length));
    let alphabet = true;
    for (let i = 0; i < characters.length && alphabet; i++) alphabet = BYTE_OF.has(characters.charCodeAt(i));
    SEQUENCE_START.lastIndex = 0;
    if (!alphabet || !SEQUENCE_START.test(characters)) continue;
    parts.push(html.slice(from, start), characters);
    from = match.index + match[0].length;
  }
  if (parts.length === 0) return null;
  parts.push(html.slice(from));
  return parts.join('');
}
