/**
 * Text normalization shared by every path: Unicode NFC, invisible characters removed
 * (zero-width space/joiners, word joiner, BOM, soft hyphen), whitespace collapsed. Entities are
 * already decoded by the HTML parser.
 */

/** Zero-width and invisible formatting characters: ZWSP, ZWNJ, ZWJ, LRM, RLM, word joiner, BOM, soft hyphen. */
const INVISIBLE = /[\u200B-\u200F\u2060\uFEFF\u00AD]/g;
const WHITESPACE_RUN = /\s+/g;
const HORIZONTAL_WHITESPACE_RUN = /[^\S\n]+/g;
const BLANK_LINES = /\n{3,}/g;
const NON_ASCII = /[^\x00-\x7F]/;

export function collapseWhitespace(text: string): string {
  return text.replace(WHITESPACE_RUN, ' ').trim();
}

/** Normalizes a block's raw text; `preformatted` keeps line breaks (code, poems in <pre>). */
export function normalizeText(raw: string, preformatted = false): string {
  let text = raw;
  if (NON_ASCII.test(text)) text = text.replace(INVISIBLE, '').normalize('NFC');
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
