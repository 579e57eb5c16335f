/**
 * Text normalization shared by every path: well-formed text (wellFormedText), invisible
 * characters removed (zero-width space, LRM/RLM, word joiner, BOM, soft hyphen), Unicode NFC,
 * whitespace collapsed. Entities are already decoded by the HTML parser.
 */

import { INPUT_LIMITS } from './options.js';

/**
 * Zero-width and invisible formatting characters: ZWSP, LRM, RLM, word joiner, BOM, soft hyphen.
 * Not the joiners ZWNJ and ZWJ (U+200C, U+200D): Persian, Indic scripts and emoji sequences need them.
 */
const INVISIBLE = /[\u200B\u200E\u200F\u2060\uFEFF\u00AD]/g;
/**
 * A run of white space that is not a single space alone: a space and more white space, or any other white-space
 * character and the white space after it. Replaced by one space, as every run of white space is: a single space between
 * two words, most of the runs of a text, is no match, and prose with nothing else to collapse comes back as it was
 * rather than as a new string of two pieces a word (a 400-character block of prose: 2.3× faster).
 */
const WHITESPACE_RUN = / \s+|[^\S ]\s*/g;
const WHITESPACE_CHAR = /\s/;
/** A run of white space but line feeds, not a single space alone (as WHITESPACE_RUN). */
const HORIZONTAL_WHITESPACE_RUN = / [^\S\n]+|[^\S\n ][^\S\n]*/g;
const BLANK_LINES = /\n{3,}/g;
const NON_ASCII = /[^\x00-\x7F]/;
/**
 * A character from U+0300 on: combining marks (the lowest is U+0300) and everything NFC may compose or change. A text
 * without one is its own NFC (every character below U+0300 alone and each pair of them checked with
 * String.prototype.normalize: all are starters, none composes) and holds no run of marks.
 */
const FROM_COMBINING_MARKS = /[\u0300-\uFFFF]/;
/** Joiners at the edges of a block join nothing (a block of a lone ZWJ, from a page builder's spacer, is not text). */
const EDGE_JOINERS = /^[\s\u200C\u200D]+|[\s\u200C\u200D]+$/g;
/** A run of combining marks longer than INPUT_LIMITS.combiningMarkRun: its first marks, then the rest. */
const LONG_MARK_RUN = new RegExp(`(\\p{M}{${INPUT_LIMITS.combiningMarkRun}})\\p{M}+`, 'gu');

const TRAILING_WHITESPACE = /[^\S\n]+$/gm;
const LEADING_BLANK_LINES = /^(?:[^\S\n]*\n)+/;

/** Whether normalizeText removes the character: INVISIBLE's class and the controls of NOT_TEXT (wellFormedText), by code. */
export function isRemovedCode(c: number): boolean {
  return (
    c <= 0x08 || (c >= 0x0e && c <= 0x1f) || (c >= 0x7f && c <= 0x9f) || c === 0xad || c === 0x200b || c === 0x200e || c === 0x200f ||
    (c >= 0x202a && c <= 0x202e) || c === 0x2060 || (c >= 0x2066 && c <= 0x2069) || c === 0xfeff
  );
}

/** The characters JavaScript's `\s` matches, by code. */
export function isWhitespaceCode(c: number): boolean {
  return (
    c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/** The length `collapseWhitespace(text)` would have, counted without building the string. */
export function collapsedLength(text: string): number {
  let length = 0;
  let pendingSpace = false;
  for (let i = 0; i < text.length; i++) {
    if (isWhitespaceCode(text.charCodeAt(i))) {
      pendingSpace = length > 0;
    } else {
      if (pendingSpace) length++;
      pendingSpace = false;
      length++;
    }
  }
  return length;
}

export function collapseWhitespace(text: string): string {
  const piece = INPUT_LIMITS.blockChars;
  if (text.length <= piece) return text.replace(WHITESPACE_RUN, ' ').trim();
  // A long string in pieces: V8 returns a global replace as a rope of two nodes per match (seven bytes a character on
  // prose, until something flattens it), so one replace over 60 MB holds a gigabyte. Each piece is trimmed (which
  // flattens it), and one space stands between two pieces where whitespace was at the boundary.
  const parts: string[] = [];
  let spaceBefore = false;
  for (let start = 0; start < text.length; start += piece) {
    const replaced = text.slice(start, start + piece).replace(WHITESPACE_RUN, ' ');
    const trimmed = replaced.trim();
    if (trimmed === '') {
      spaceBefore = true;
      continue;
    }
    if (parts.length > 0 && (spaceBefore || replaced.charCodeAt(0) === 0x20)) parts.push(' ');
    parts.push(trimmed);
    spaceBefore = replaced.charCodeAt(replaced.length - 1) === 0x20;
  }
  return parts.join('');
}

/**
 * `text.replace(pattern, replacement)` for a pattern whose matches are short, over a long text piece
 * by piece (a match across two pieces is two matches): V8 builds a global replace's result as a rope with nodes per match (a gigabyte for 50
 * million matches). Reading a character of each piece makes V8 flatten it before the next.
 */
export function replaceInPieces(text: string, pattern: RegExp, replacement: string): string {
  const piece = INPUT_LIMITS.blockChars;
  if (text.length <= piece) return text.replace(pattern, replacement);
  const parts: string[] = [];
  for (let start = 0; start < text.length; start += piece) {
    const replaced = text.slice(start, start + piece).replace(pattern, replacement);
    replaced.charCodeAt(0);
    parts.push(replaced);
  }
  return parts.join('');
}

/**
 * Text longer than a block can be (INPUT_LIMITS.blockChars) in pieces of at most that length, cut
 * at the last whitespace of the piece's second half; a word longer than half a piece is cut where
 * it is, never inside a surrogate pair. Shorter text comes back whole.
 */
export function splitLongText(text: string): string[] {
  const max = INPUT_LIMITS.blockChars;
  if (text.length <= max) return [text];
  const pieces: string[] = [];
  let start = 0;
  while (text.length - start > max) {
    let cut = start + max;
    while (cut > start + max / 2 && !WHITESPACE_CHAR.test(text[cut]!)) cut--;
    if (cut <= start + max / 2) {
      cut = start + max;
      const previous = text.charCodeAt(cut - 1);
      if (previous >= 0xd800 && previous <= 0xdbff) cut--;
    }
    pieces.push(text.slice(start, cut));
    start = cut;
  }
  pieces.push(text.slice(start));
  return pieces;
}

/**
 * What is never text in an output string, whatever the page held:
 * - a lone surrogate (a JSON-LD `"\ud800"` escape, a `String.fromCharCode` in a scrape): the document could
 *   not be encoded as UTF-8. It becomes U+FFFD, as a decoder makes of a byte it cannot read
 *   (what `String.prototype.toWellFormed` does, which Node 20's TypeScript lib does not declare);
 * - C0 controls, DEL and the C1 controls other than the white space ones (tab, line feed, vertical
 *   tab, form feed, carriage return), which white-space handling takes care of: removed (C1 controls
 *   are what windows-1252's five undefined bytes decode to, and what Latin-1 mojibake leaves);
 * - the bidi embedding, override and isolate controls (U+202A-U+202E, U+2066-U+2069), which make
 *   a string display as another ("\u202Egpj.exe"): removed. Marks (U+200E, U+200F) and the joiners
 *   U+200C and U+200D, which Persian, Indic scripts and emoji sequences need, are not touched here;
 * - a terminal's control sequence (ECMA-48 CSI: ESC, "[", parameter bytes 0x30-0x3F, intermediate
 *   bytes 0x20-0x2F, a final byte 0x40-0x7E; "\x1B[31m" colours what follows red): removed whole, as
 *   its ESC alone left "[31m" in the words of a scrape of a terminal's output. (The 8-bit CSI, U+009B,
 *   is only removed alone: it is also what windows-1252 mojibake leaves before ordinary text.)
 */
const NOT_TEXT = /\x1B\[[\x30-\x3F]*[\x20-\x2F]*[\x40-\x7E]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|[\x00-\x08\x0E-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069]/g;
const MAY_HOLD_NOT_TEXT = /[\x00-\x08\x0E-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069\uD800-\uDFFF]/;

/** `text` as well-formed text (see NOT_TEXT); the same string when there is nothing to change. */
export function wellFormedText(text: string): string {
  if (!MAY_HOLD_NOT_TEXT.test(text)) return text;
  return text.replace(NOT_TEXT, (match) => (match.charCodeAt(0) >= 0xd800 && match.charCodeAt(0) <= 0xdfff ? '\ufffd' : ''));
}

/** What normalizeText has to do to a text (textForm): nothing, collapse its white space alone, or take every step. */
const AS_IS = 0;
const COLLAPSE_ONLY = 1;
const EVERY_STEP = 2;

/**
 * What normalizeText has to do to a text, told by one scan. AS_IS: single spaces between words and
 * nothing at the edges, and every other character one that no step changes: below U+0300 (no
 * combining mark: nothing for NFC to compose) but the controls, the no-break space and the soft
 * hyphen, or general punctuation (U+2010-U+2027, U+2030-U+205E: dashes, quotes, bullets, the
 * ellipsis; no decomposition). About 60% of the corpus's block texts are already so, and the scan
 * costs about half of the patterns' runs that would find nothing to change. COLLAPSE_ONLY: the same
 * characters, with ASCII white space (tab, line feed, vertical tab, form feed, carriage return, space)
 * anywhere: nothing is ill-formed, invisible, a mark or a joiner, and NFC leaves such a text as it is,
 * so collapsing its white space is all the steps do (about 30% of the texts: indented markup, most of
 * them with a letter or a quote past ASCII). Anything else (another space, a removed character, a
 * mark, a joiner) is EVERY_STEP.
 */
function textForm(raw: string): number {
  // At the start or after white space: white space here is to collapse.
  let space = true;
  let collapse = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 0x20 || (c >= 0x09 && c <= 0x0d)) {
      if (space || c !== 0x20) collapse = true;
      space = true;
      continue;
    }
    space = false;
    if (c < 0x300 ? c < 0x21 || (c >= 0x7f && c <= 0xa0) || c === 0xad : !((c >= 0x2010 && c <= 0x2027) || (c >= 0x2030 && c <= 0x205e))) return EVERY_STEP;
  }
  return collapse || space ? COLLAPSE_ONLY : AS_IS;
}

/** Normalizes a block's raw text; `preformatted` keeps line breaks (code, poems in <pre>). */
export function normalizeText(raw: string, preformatted = false): string {
  // Every text that enters a document comes through here (the walk's blocks, the lines of a text scrape).
  if (!preformatted) {
    const form = textForm(raw);
    if (form === AS_IS) return raw;
    if (form === COLLAPSE_ONLY) return collapseWhitespace(raw);
  }
  let text = wellFormedText(raw);
  // NFC is linear once runs of combining marks are bounded (see INPUT_LIMITS.combiningMarkRun).
  if (NON_ASCII.test(text)) {
    text = text.replace(INVISIBLE, '');
    // Latin text with a no-break space or a soft hyphen: no mark to bound, nothing for NFC to change.
    text = FROM_COMBINING_MARKS.test(text) ? text.replace(LONG_MARK_RUN, '$1').replace(EDGE_JOINERS, '').normalize('NFC') : text.replace(EDGE_JOINERS, '');
  }
  if (!preformatted) return collapseWhitespace(text);
  return text
    .replace(/\r\n?/g, '\n')
    .replace(HORIZONTAL_WHITESPACE_RUN, ' ')
    .split('\n')
    .map((line) => line.trim())
    .join('\n')
    .replace(BLANK_LINES, '\n\n')
    .trim();
}

/**
 * The text of a code block as a reader sees it: indentation kept (it is meaning in Python, YAML,
 * Makefiles), line ends unified, trailing spaces and the blank lines around the code removed,
 * well-formed, invisible characters removed and NFC as in normalizeText. `normalizeText(raw, true)`
 * is the segment's `text`, whose lines are trimmed (schema version 1); this is the code block's own text.
 */
export function normalizeCode(raw: string): string {
  let text = wellFormedText(raw).replace(/\r\n?/g, '\n');
  if (NON_ASCII.test(text)) text = text.replace(INVISIBLE, '').replace(LONG_MARK_RUN, '$1').normalize('NFC');
  return text.replace(TRAILING_WHITESPACE, '').replace(LEADING_BLANK_LINES, '').trimEnd();
}
