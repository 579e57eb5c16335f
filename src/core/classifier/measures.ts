/**
 * What the rules and the features measure of a block's text: words (a scan by a table of code
 * units, CJK characters as half words), sentences, the share of its characters in links, and the
 * prose tests built on them.
 */
import type { Block } from '../html/walk.js';
import type { ClassificationOptions } from '../cues/classification.js';
import { SENTENCE_END, TEMPLATE_PLACEHOLDER } from '../cues/text.js';
import { UNRENDERED } from '../cues/thresholds.js';

const SENTENCE_END_ONCE = new RegExp(SENTENCE_END.source);

/** Separators between words: whitespace, ASCII punctuation, Latin-1 and general punctuation, CJK punctuation. */
function isSeparator(c: number): boolean {
  return (
    c <= 0x2f || (c >= 0x3a && c <= 0x40) || (c >= 0x5b && c <= 0x60) || (c >= 0x7b && c <= 0xbf) || c === 0xd7 || c === 0xf7 ||
    (c >= 0x2000 && c <= 0x206f) || (c >= 0x2e00 && c <= 0x2e7f) || (c >= 0x3000 && c <= 0x303f) || (c >= 0xff01 && c <= 0xff0f) || c === 0xfeff
  );
}

function isCjk(c: number): boolean {
  return (c >= 0x3040 && c <= 0x30ff) || (c >= 0x3400 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7af);
}

/** Each UTF-16 code unit as wordCount reads it, by a table rather than the range tests per character (every block's text is counted). */
const SEPARATOR = 0;
const WORD = 1;
const CJK_WORD = 2;
const WORD_CLASS = new Uint8Array(0x10000);
for (let c = 0; c < WORD_CLASS.length; c++) WORD_CLASS[c] = isSeparator(c) ? SEPARATOR : isCjk(c) ? CJK_WORD : WORD;

/** Whether wordCount reads a UTF-16 code unit as a separator between words, and as a CJK character (for tables of other scans that count as it does). */
export function isWordSeparator(c: number): boolean {
  return WORD_CLASS[c] === SEPARATOR;
}
export function isCjkCharacter(c: number): boolean {
  return WORD_CLASS[c] === CJK_WORD;
}

/** The word count of a text with `runs` runs of word characters, `cjk` of them CJK characters (each counts as half a word: no spaces to count). */
export function wordsOf(runs: number, cjk: number): number {
  return cjk > 0 ? Math.max(runs, Math.round(cjk / 2)) : runs;
}

/** Words of a text in one pass without allocating; a CJK character counts as half a word (no spaces to count). */
export function wordCount(text: string): number {
  let words = 0;
  let cjk = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const kind = WORD_CLASS[text.charCodeAt(i)]!;
    if (kind === SEPARATOR) {
      inWord = false;
      continue;
    }
    if (kind === CJK_WORD) cjk++;
    if (!inWord) words++;
    inWord = true;
  }
  return wordsOf(words, cjk);
}

export function sentenceCount(text: string): number {
  return text.match(SENTENCE_END)?.length ?? 0;
}

/** Whether the text ends at least one sentence (stops at the first, unlike sentenceCount). */
export function hasSentence(text: string): boolean {
  return SENTENCE_END_ONCE.test(text);
}

export function linkDensity(block: Block): number {
  return block.text.length === 0 ? 0 : block.linkChars / block.text.length;
}

/** Prose outside the content root: a sentence of some length with few links. */
export function isProse(block: Block, options: ClassificationOptions): boolean {
  return block.text.length >= options.minOutsideProseChars && linkDensity(block) <= options.maxOutsideProseLinkDensity && hasSentence(block.text);
}

/** A standfirst: a paragraph (no heading) of some length with few links and a sentence. */
export function isLede(block: Block, options: ClassificationOptions): boolean {
  return block.headingLevel === 0 && block.text.length >= options.minLedeChars && linkDensity(block) <= options.maxProseLinkDensity && hasSentence(block.text);
}

/** Prose for the context step: a sentence of some length with few links. */
export function isProseLike(block: Block, options: ClassificationOptions): boolean {
  return block.text.length >= options.minAnchorProseChars && linkDensity(block) <= options.maxProseLinkDensity && hasSentence(block.text);
}

/** What every template syntax of TEMPLATE_PLACEHOLDER opens with: a block without any of them is no template's. */
const TEMPLATE_OPENING = /\{\{|\{%|\$\{|<%|\[\[/;

/**
 * A block made mostly of a template's placeholders the page shipped unrendered ("{{ post.author }}", "${price}"):
 * text no reader sees, so never body. Code shows templates as they are written: a code block, or a block with inline
 * code in it, is left to the models.
 */
export function isUnrendered(block: Block): boolean {
  const text = block.text;
  if (block.code !== undefined || !TEMPLATE_OPENING.test(text)) return false;
  if (block.inline?.marks.some((mark) => mark.span?.type === 'code')) return false;
  const words = wordCount(text);
  return words > 0 && wordCount(text.replace(TEMPLATE_PLACEHOLDER, ' ')) <= UNRENDERED.maxOwnWordShare * words;
}
