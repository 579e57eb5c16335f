/**
 * Blocks → classes. Two steps, as jusText and Readability combine them:
 *
 * 1. The content root: every block gets a score (prose counts for, links and boilerplate
 *    containers against), and the element whose subtree sums highest is the article. Elements
 *    are contiguous ranges of blocks, so one prefix sum gives every element's total.
 * 2. Each block is classified by its own cues (wording, its containers' tags, roles and
 *    class tokens, link density, length) and by where it sits relative to the root; then short
 *    blocks are revised by their neighbours.
 *
 * Every decision records its cues, so the inspect report can show why.
 */
import type { Block, ContainerTable } from './html/walk.js';
import { BOILERPLATE_CONTEXT, Context } from './cues/attributes.js';
import { CLASSIFICATION, type ClassificationOptions } from './cues/classification.js';
import { AD_LABEL, AD_SLOT_SIZE, CREDIT_TRAILER, DATE_SHAPE, DATELINE_WORDS, READING_TIME, BYLINE, COMMENTS, AUTHOR_BIO, CONSENT, COPYRIGHT, CREDIT, DISCLAIMER, PROMO_HEADING, PROMPT, SENTENCE_END, SHARE_LABEL, TAG_LINE, TEASER_PREFIX, UI_STRING } from './cues/text.js';
import type { SegmentType } from './schema.js';
import { CLOCK_CHECKS, type Watchdog } from './watchdog.js';

export type BlockClass = SegmentType | 'chrome';

export interface Classified {
  readonly block: Block;
  type: BlockClass;
  cues: string[];
}

/** What the document's metadata says, so copies of it in the page are dropped (echo keys; never the empty key). */
export interface MetadataEchoes {
  readonly titles: ReadonlySet<string>;
  readonly bylines: ReadonlySet<string>;
}

export const ROOT_SEARCH_TOKENS = Context.ASIDE | Context.COMMENTS | Context.AD | Context.CONTENT | Context.ARTICLE_BODY | Context.LINK | Context.HEADING;
/** Class tokens that prose inside contradicts: layout names, and ad tokens on an element full of prose (an article
 *  marked "has-ads" hosts ad slots, it is not one; the slots themselves hold no prose). Comments, legal text, bios
 *  and promo boxes hold prose by nature, so their tokens stand. */
const LAYOUT_TOKENS = Context.AD | Context.NAV | Context.SHARE | Context.TAGS | Context.HEADER | Context.FOOTER | Context.META | Context.ASIDE | Context.FIGURE | Context.CAPTION;
/** Flags that a wrapper or the content root's ancestors cannot impose on what they contain. */
const NEUTRALIZED = BOILERPLATE_CONTEXT | Context.CAPTION | Context.FIGURE | Context.HIDDEN;
const WEAK_BOILERPLATE = Context.TAGS | Context.META | Context.FIGURE | Context.HEADER | Context.FOOTER | Context.SHARE;
const NOT_PROSE = Context.NAV | Context.COMMENTS | Context.SHARE | Context.TAGS | Context.AUTHOR_BIO | Context.DIALOG;
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

function sentenceCount(text: string): number {
  return text.match(SENTENCE_END)?.length ?? 0;
}

/** Whether the text ends at least one sentence (stops at the first, unlike sentenceCount). */
function hasSentence(text: string): boolean {
  return SENTENCE_END_ONCE.test(text);
}

function linkDensity(block: Block): number {
  return block.text.length === 0 ? 0 : block.linkChars / block.text.length;
}

const NON_WORD_RUN = /[\s!-/:-@[-`{-~\u00a0-\u00bf\u2000-\u206f\u2e00-\u2e7f\u3000-\u303f\uff01-\uff0f]+/g;

/** Text compared for copies of the title or byline: lower-cased, punctuation and spacing reduced to single spaces. */
export function echoKey(text: string): string {
  return text.toLowerCase().replace(NON_WORD_RUN, ' ').trim();
}

/** Whether echoKey turns the character into a space: NON_WORD_RUN's class (JavaScript's \s and the ranges), by code. */
function isEchoSeparator(c: number): boolean {
  return (
    c <= 0x20 ? c === 0x20 || (c >= 0x09 && c <= 0x0d) : c <= 0x7e ? (c >= 0x21 && c <= 0x2f) || (c >= 0x3a && c <= 0x40) || (c >= 0x5b && c <= 0x60) || c >= 0x7b
      : (c >= 0xa0 && c <= 0xbf) || c === 0x1680 || (c >= 0x2000 && c <= 0x206f) || (c >= 0x2e00 && c <= 0x2e7f) || (c >= 0x3000 && c <= 0x303f) || (c >= 0xff01 && c <= 0xff0f) || c === 0xfeff
  );
}

/** echoKeyInitial's answers besides a character code. */
export const ECHO_KEY_EMPTY = -1;
export const ECHO_KEY_INITIAL_UNKNOWN = -2;

/**
 * The first character code of `echoKey(text)` read without building the key: ECHO_KEY_EMPTY when
 * the key is empty, ECHO_KEY_INITIAL_UNKNOWN when the text's first word character is not ASCII
 * (lower-casing beyond ASCII is echoKey's to do). Separators lower-case to themselves and ASCII
 * letters lower-case alone, so the key starts with the first word character, lower-cased.
 */
export function echoKeyInitial(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isEchoSeparator(c)) continue;
    if (c >= 0x80) return ECHO_KEY_INITIAL_UNKNOWN;
    return c >= 0x41 && c <= 0x5a ? c + 0x20 : c;
  }
  return ECHO_KEY_EMPTY;
}

/**
 * Whether `echoKey(text)` may be one of `keys`, told by its first character alone (echoKeyInitial)
 * before the key is built: most texts begin otherwise.
 */
export function echoKeyScreen(keys: Iterable<string>): (text: string) => boolean {
  const initials = new Set<number>();
  for (const key of keys) initials.add(key === '' ? ECHO_KEY_EMPTY : key.charCodeAt(0));
  return (text) => {
    const initial = echoKeyInitial(text);
    return initial === ECHO_KEY_INITIAL_UNKNOWN || initials.has(initial);
  };
}

/** Score of one block for the content-root search. */
export function rootScore(block: Block, options: ClassificationOptions): number {
  const length = block.text.length;
  const links = block.linkChars;
  if (block.flags & BOILERPLATE_CONTEXT) return -length * options.boilerplatePenalty - links * options.linkPenalty;
  const own = length - links;
  let score = -links * options.linkPenalty;
  if (own >= options.minProseChars || hasSentence(block.text)) score += own;
  if (block.flags & Context.ARTICLE_BODY) score *= score > 0 ? options.articleBodyBonus : 1;
  return score;
}

/**
 * Sets each block's flags from its containers' own flags. Boilerplate tokens of the `neutral`
 * containers are ignored: a wrapper holding most of the page (`<body class="has-sidebar">`,
 * `<div id="page" class="nav-open">`) or the content root and its ancestors cannot make the
 * article itself boilerplate.
 */
export function assignFlags(blocks: readonly Block[], containers: ContainerTable, neutral: Uint8Array, proseRich: Uint8Array, tokenMask = -1): void {
  const count = containers.start.length;
  const effective = new Int32Array(count);
  const innermost = new Int32Array(count);
  for (let c = 0; c < count; c++) {
    let tokens = containers.flags[c]! & tokenMask;
    // Layout class names ("entry share", "post-header") on an element full of prose are contradicted by its content.
    if (proseRich[c]) tokens &= ~LAYOUT_TOKENS;
    let own = tokens | containers.structural[c]!;
    if (neutral[c]) own &= ~NEUTRALIZED;
    // An <article>/<main>/articleBody element's own weak tokens ("article-meta has-thumbnail") do not make it boilerplate.
    if (own & (Context.ARTICLE | Context.ARTICLE_BODY)) own &= ~WEAK_BOILERPLATE;
    const parent = containers.parent[c]!;
    effective[c] = own | (parent >= 0 ? effective[parent]! : 0);
    innermost[c] = own & BOILERPLATE_CONTEXT ? own & BOILERPLATE_CONTEXT : parent >= 0 ? innermost[parent]! : 0;
  }
  for (const block of blocks) {
    block.flags = effective[block.container]! | block.inlineFlags;
    block.innermost = block.inlineFlags & BOILERPLATE_CONTEXT ? block.inlineFlags & BOILERPLATE_CONTEXT : innermost[block.container]!;
  }
}

/** Containers whose subtree holds at least `minChars` characters of prose (sentences, few links). */
export function proseRich(blocks: readonly Block[], containers: ContainerTable, options: ClassificationOptions): Uint8Array {
  const prose = new Float64Array(blocks.length + 1);
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!;
    const isProse = block.text.length >= options.minProseChars && linkDensity(block) <= options.maxProseLinkDensity && hasSentence(block.text);
    prose[i + 1] = prose[i]! + (isProse ? block.text.length : 0);
  }
  const out = new Uint8Array(containers.start.length);
  for (let c = 0; c < out.length; c++) {
    if (prose[containers.end[c]!]! - prose[containers.start[c]!]! >= options.proseOverridesLayoutChars) out[c] = 1;
  }
  return out;
}

/**
 * Link lists: for each container, the lowest element around it that holds at least
 * `minLinkGroupItems` link blocks, and the mean words of those links. Teaser lists (headlines,
 * 6-15 words) and menus (1-3 words) differ most clearly as groups, not item by item.
 */
export interface LinkGroups {
  readonly groupOf: Int32Array;
  readonly meanWords: Float64Array;
}

export function linkGroups(blocks: readonly Block[], containers: ContainerTable, options: ClassificationOptions): LinkGroups {
  const count = new Float64Array(blocks.length + 1);
  const words = new Float64Array(blocks.length + 1);
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!;
    const isLink = linkDensity(block) > options.maxBodyLinkDensity;
    count[i + 1] = count[i]! + (isLink ? 1 : 0);
    words[i + 1] = words[i]! + (isLink ? wordCount(block.text) : 0);
  }
  const n = containers.start.length;
  const groupOf = new Int32Array(n);
  const meanWords = new Float64Array(n);
  for (let c = 0; c < n; c++) {
    const start = containers.start[c]!;
    const end = containers.end[c]!;
    const links = count[end]! - count[start]!;
    meanWords[c] = links > 0 ? (words[end]! - words[start]!) / links : 0;
    const parent = containers.parent[c]!;
    groupOf[c] = links >= options.minLinkGroupItems ? c : parent >= 0 ? groupOf[parent]! : -1;
  }
  return { groupOf, meanWords };
}

/** A link that reads as a headline in a list of headlines: a teaser for another article (SEGMENTS.md: ad). */
export function isTeaser(block: Block, groups: LinkGroups, options: ClassificationOptions): boolean {
  if (linkDensity(block) <= options.maxBodyLinkDensity) return false;
  const words = wordCount(block.text);
  const group = groups.groupOf[block.container]!;
  if (group < 0) return words >= options.minLoneTeaserWords;
  return words >= options.minTeaserWords && groups.meanWords[group]! >= options.minTeaserGroupWords;
}

/** Containers holding at least `share` of the page's text. */
export function wrappers(blocks: readonly Block[], containers: ContainerTable, options: ClassificationOptions): Uint8Array {
  const chars = new Float64Array(blocks.length + 1);
  for (let i = 0; i < blocks.length; i++) chars[i + 1] = chars[i]! + blocks[i]!.text.length;
  const total = chars[blocks.length]!;
  const out = new Uint8Array(containers.start.length);
  for (let c = 0; c < out.length; c++) {
    const start = containers.start[c]!;
    const end = containers.end[c]!;
    if (total > 0 && end - start >= options.minWrapperBlocks && chars[end]! - chars[start]! >= options.wrapperTextShare * total) out[c] = 1;
  }
  return out;
}

/** The container whose blocks sum highest; ties go to the deeper element. */
export function findContentRoot(
  blocks: readonly Block[],
  containers: ContainerTable,
  options: ClassificationOptions = CLASSIFICATION,
  titles: ReadonlySet<string> = new Set(),
): { start: number; end: number; container: number } {
  const prefix = new Float64Array(blocks.length + 1);
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!;
    // The headline anchors the article: a short post under its title beats a long tweet in the sidebar.
    const score =
      block.headingLevel > 0 && block.text.length <= options.maxEchoChars && titles.has(echoKey(block.text)) ? options.titleAnchorBonus : rootScore(block, options);
    prefix[i + 1] = prefix[i]! + score;
  }
  let best = 0;
  let bestScore = -Infinity;
  for (let c = 0; c < containers.start.length; c++) {
    const score = prefix[containers.end[c]!]! - prefix[containers.start[c]!]!;
    if (score > bestScore || (score === bestScore && containers.depth[c]! > containers.depth[best]!)) {
      best = c;
      bestScore = score;
    }
  }
  return { start: containers.start[best]!, end: containers.end[best]!, container: best };
}

function isProse(block: Block, options: ClassificationOptions): boolean {
  return block.text.length >= options.minOutsideProseChars && linkDensity(block) <= options.maxOutsideProseLinkDensity && hasSentence(block.text);
}

function isLede(block: Block, options: ClassificationOptions): boolean {
  return block.headingLevel === 0 && block.text.length >= options.minLedeChars && linkDensity(block) <= options.maxProseLinkDensity && hasSentence(block.text);
}

const LETTER_WORDS = /[\p{L}]+/gu;
const HAS_DIGIT = /\d/;

/** A line that is only a date, a time, a reading time or a view count (see DATELINE_WORDS). */
export function isDatelineOnly(text: string, options: ClassificationOptions): boolean {
  if (text.length > options.maxDatelineChars || !HAS_DIGIT.test(text)) return false;
  if (READING_TIME.test(text)) return true;
  if (!DATE_SHAPE.test(text)) return false;
  for (const word of text.toLowerCase().match(LETTER_WORDS) ?? []) if (!DATELINE_WORDS.has(word)) return false;
  return true;
}

/** The cue patterns textualClass tries on a block of up to maxCueBlockChars (all case-insensitive, none with back-references). */
const TEXT_CUES: readonly RegExp[] = [AD_LABEL, AD_SLOT_SIZE, PROMO_HEADING, TEASER_PREFIX, UI_STRING, SHARE_LABEL, TAG_LINE, CREDIT, COPYRIGHT, PROMPT, CREDIT_TRAILER, CONSENT, DISCLAIMER];
/** The ones it tries on a longer block, up to maxLegalBlockChars. */
const LEGAL_CUES: readonly RegExp[] = [CONSENT, DISCLAIMER];

/**
 * A regex source's top-level alternatives (split at each `|` outside groups and character classes,
 * escapes skipped): `a|(b|c)|[|]` → `a`, `(b|c)`, `[|]`.
 */
export function topLevelAlternatives(source: string): string[] {
  const alternatives: string[] = [];
  let depth = 0;
  let inClass = false;
  let start = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) {
      alternatives.push(source.slice(start, i));
      start = i + 1;
    }
  }
  alternatives.push(source.slice(start));
  return alternatives;
}

/** A word-boundary assertion at the start of an alternative, not followed by a quantifier (which would apply to it). */
const LEADING_WORD_BOUNDARY = /^\\b(?![?*+{])/;

/**
 * Whether any of the patterns matches a text, in one regex run: the gate of textualClass, which
 * saves a dozen runs on the 96% of blocks that match none (dev corpus: 8,258 of 191,140 blocks
 * match one). It can only say no where each of them says no, so textualClass decides exactly as
 * without it. The patterns' top-level alternatives are regrouped, which changes no answer of
 * `test` (an alternation matches where one of its alternatives does): those anchored at the start
 * under one `^`, those that begin at a word boundary under one `\b`, the rest after them. The
 * engine tries alternatives one after the other at every position; so grouped, a position that is
 * no word boundary skips most of them at one assertion (the mask union's run over the
 * trafilatura-eval blocks of up to maxCueBlockChars: 210 → 140 ms).
 */
function anyOf(patterns: readonly RegExp[]): RegExp {
  const anchored: string[] = [];
  const atWord: string[] = [];
  const others: string[] = [];
  for (const pattern of patterns) {
    if (pattern.flags !== 'i') throw new Error(`cue pattern /${pattern.source}/${pattern.flags}: the union expects the flag i alone`);
    for (const alternative of topLevelAlternatives(pattern.source)) {
      if (alternative.startsWith('^')) anchored.push(alternative.slice(1));
      else if (LEADING_WORD_BOUNDARY.test(alternative)) atWord.push(alternative.slice(2));
      else others.push(alternative);
    }
  }
  const either = (alternatives: readonly string[]): string => alternatives.map((alternative) => `(?:${alternative})`).join('|');
  const parts = [anchored.length > 0 ? `^(?:${either(anchored)})` : '', atWord.length > 0 ? `\\b(?:${either(atWord)})` : '', either(others)];
  return new RegExp(parts.filter((part) => part !== '').join('|'), 'i');
}
const ANY_TEXT_CUE = anyOf(TEXT_CUES);
/** Blocks past maxCueBlockChars (long paragraphs: a quarter of the gate's time on the dev corpus) only need the legal patterns. */
const ANY_LEGAL_CUE = anyOf(LEGAL_CUES);

/** The gate for a block of this length, or null when no cue pattern applies to a block that long. */
function cueGate(length: number, options: ClassificationOptions): RegExp | null {
  if (length <= options.maxCueBlockChars) return ANY_TEXT_CUE;
  return length <= options.maxLegalBlockChars ? ANY_LEGAL_CUE : null;
}

/**
 * The cue patterns a block's cue mask records (bit i: CUE_PATTERNS[i] matches its text): the text
 * cues, tried on a block of up to maxCueBlockChars, then the legal ones, up to maxLegalBlockChars,
 * as textualClass and the block features (./classifier/features.ts) try them. An HTML page's masks
 * are worked out once (blockCueMatches) for both: each pattern runs once per block.
 */
const MASK_TEXT_CUES: readonly RegExp[] = [AD_LABEL, AD_SLOT_SIZE, PROMO_HEADING, TEASER_PREFIX, UI_STRING, SHARE_LABEL, TAG_LINE, CREDIT, COPYRIGHT, PROMPT, CREDIT_TRAILER, BYLINE, COMMENTS, AUTHOR_BIO];
const MASK_LEGAL_CUES: readonly RegExp[] = [CONSENT, DISCLAIMER];
const CUE_BITS = new Map([...MASK_TEXT_CUES, ...MASK_LEGAL_CUES].map((pattern, i) => [pattern, 1 << i]));
// A block's mask is a Uint16Array element (blockCueMatches): sixteen patterns at most.
if (CUE_BITS.size > 16) throw new Error(`${CUE_BITS.size} cue patterns do not fit a 16-bit cue mask`);

/** A cue pattern's bit in a cue mask; throws for a pattern the mask does not record. */
export function cueBit(pattern: RegExp): number {
  const bit = CUE_BITS.get(pattern);
  if (bit === undefined) throw new Error(`no cue bit for /${pattern.source}/`);
  return bit;
}

/** The text cues anyOf can join (flag i alone) and the others (\p{…} classes need the flag u). */
const JOINED_TEXT_CUES: readonly RegExp[] = MASK_TEXT_CUES.filter((pattern) => pattern.flags === 'i');
const OWN_TEXT_CUES: readonly RegExp[] = MASK_TEXT_CUES.filter((pattern) => pattern.flags !== 'i');
const ANY_MASK_CUE = anyOf([...JOINED_TEXT_CUES, ...MASK_LEGAL_CUES]);
/**
 * The gate of a block too long for the text cues, before the legal patterns run on it: few such blocks
 * match one (72 of trafilatura-eval's 4,282 blocks of 401-900 characters; their run 30 → 11 ms).
 */
const ANY_MASK_LEGAL_CUE = anyOf(MASK_LEGAL_CUES);

/**
 * Which cue patterns match a text (its cue mask), each tried as its length allows. A block short
 * enough for both kinds runs the union of the joinable ones first (it can only say no where each
 * of them says no): most blocks match none of them (about 96% of the corpus's), and one run of the
 * union costs less than theirs.
 */
export function cueMatches(text: string, options: ClassificationOptions): number {
  let mask = 0;
  const legal = text.length <= options.maxLegalBlockChars;
  if (text.length <= options.maxCueBlockChars) {
    const any = !legal || ANY_MASK_CUE.test(text);
    if (any) for (const pattern of JOINED_TEXT_CUES) if (pattern.test(text)) mask |= CUE_BITS.get(pattern)!;
    for (const pattern of OWN_TEXT_CUES) if (pattern.test(text)) mask |= CUE_BITS.get(pattern)!;
    if (!legal || !any) return mask;
  } else if (!legal || !ANY_MASK_LEGAL_CUE.test(text)) {
    return mask;
  }
  for (const pattern of MASK_LEGAL_CUES) if (pattern.test(text)) mask |= CUE_BITS.get(pattern)!;
  return mask;
}

/** Whether each block is a dateline alone (isDatelineOnly: 1 or 0), for an HTML page's rules and features alike. */
export function blockDatelines(blocks: readonly Block[], options: ClassificationOptions, watchdog?: Watchdog): Uint8Array {
  const out = new Uint8Array(blocks.length);
  for (let i = 0; i < blocks.length; i++) {
    if (watchdog && i % CLOCK_CHECKS.blocksPerCheck === 0) watchdog.check('classifying');
    if (isDatelineOnly(blocks[i]!.text, options)) out[i] = 1;
  }
  return out;
}

/** Every block's cue mask (see cueMatches), for an HTML page's rules and features alike. */
export function blockCueMatches(blocks: readonly Block[], options: ClassificationOptions, watchdog?: Watchdog): Uint16Array {
  const out = new Uint16Array(blocks.length);
  for (let i = 0; i < blocks.length; i++) {
    if (watchdog && i % CLOCK_CHECKS.blocksPerCheck === 0) watchdog.check('classifying');
    out[i] = cueMatches(blocks[i]!.text, options);
  }
  return out;
}

/**
 * Cues that decide a block whatever its position: returns null when none applies. `matched`: the
 * block's cue mask (blockCueMatches; each bit set as its pattern's length limit allows, the limits
 * tried below), or undefined to run the patterns here, behind the gate.
 */
function textualClass(block: Block, options: ClassificationOptions, cues: string[], matched?: number, dateline = isDatelineOnly(block.text, options)): BlockClass | null {
  const text = block.text;
  const length = text.length;
  if (dateline) return cues.push('metadata:dateline'), 'chrome';
  if (matched === undefined) {
    const gate = cueGate(length, options);
    if (gate === null || !gate.test(text)) return null;
  } else if (matched === 0) return null;
  const has = matched === undefined ? (pattern: RegExp): boolean => pattern.test(text) : (pattern: RegExp): boolean => (matched & CUE_BITS.get(pattern)!) !== 0;
  if (length <= options.maxCueBlockChars) {
    if (has(AD_LABEL) || has(AD_SLOT_SIZE)) return cues.push('text:ad-label'), 'ad';
    if (length <= options.maxPromoHeadingChars && has(PROMO_HEADING)) return cues.push('text:promo-heading'), 'ad';
    if (has(TEASER_PREFIX)) return cues.push('text:teaser-prefix'), 'ad';
    if (has(UI_STRING) || has(SHARE_LABEL)) return cues.push('text:ui-string'), 'chrome';
    if (has(TAG_LINE)) return cues.push('text:tag-line'), 'chrome';
    if ((block.flags & (Context.FIGURE | Context.CAPTION) || block.afterImage || length < options.maxLoneCreditChars) && has(CREDIT)) return cues.push('text:credit'), 'caption';
    if (has(COPYRIGHT)) {
      // "© Reuters" under a picture credits the picture; elsewhere a © line is the site's copyright.
      if (block.flags & (Context.FIGURE | Context.CAPTION) && length < options.maxLoneCreditChars) return cues.push('text:copyright', 'context:figure'), 'caption';
      return cues.push('text:copyright'), 'legal';
    }
    if (has(PROMPT)) return cues.push('text:prompt'), 'ad';
    if (has(CREDIT_TRAILER)) return cues.push('text:credit-trailer'), 'caption';
  }
  if (length <= options.maxLegalBlockChars) {
    if (has(CONSENT)) return cues.push('text:consent'), 'legal';
    if (has(DISCLAIMER)) return cues.push('text:disclaimer'), 'legal';
  }
  return null;
}

/** Classifies by containers and position; `inRoot` says whether the block is inside the content root. */
function structuralClass(block: Block, inRoot: boolean, lede: boolean, groups: LinkGroups, options: ClassificationOptions, cues: string[]): BlockClass {
  const flags = block.flags;
  const region = block.innermost;
  const density = linkDensity(block);
  if (flags & Context.CAPTION && block.text.length <= options.maxCaptionChars) return cues.push('context:caption'), 'caption';
  if (flags & Context.COMMENTS) return cues.push('context:comments'), 'chrome';
  if (isTeaser(block, groups, options)) return cues.push('links:teaser'), 'ad';
  // The innermost boilerplate region decides; within one element, the more specific class wins.
  if (region & Context.AD) return cues.push('context:ad'), 'ad';
  if (region & Context.LEGAL) return cues.push('context:legal'), 'legal';
  if (region & Context.PROMO) return cues.push('context:promo'), 'ad';
  if (block.headingLevel > 0 && PROMO_HEADING.test(block.text)) return cues.push('text:promo-heading'), 'ad';
  if (region & (Context.NAV | Context.SHARE | Context.TAGS | Context.AUTHOR_BIO | Context.DIALOG | Context.FORM)) {
    return cues.push('context:chrome'), 'chrome';
  }
  if (region & (Context.ASIDE | Context.HEADER | Context.FOOTER | Context.META)) {
    // A standfirst in the article's <header> is body; the headline, byline and date there went to metadata.
    if ((inRoot || lede) && region & Context.HEADER && !(region & ~(Context.HEADER | Context.META)) && isLede(block, options)) return cues.push('root-lede'), 'body';
    return cues.push('context:chrome'), 'chrome';
  }
  if (density > options.maxBodyLinkDensity) return cues.push('links:navigation'), 'chrome';
  if (flags & Context.FIGURE && block.text.length <= options.maxCaptionChars && sentenceCount(block.text) <= 2) return cues.push('context:figure'), 'caption';
  if (inRoot) return cues.push('root'), 'body';
  if (isProse(block, options)) return cues.push('prose-outside-root'), 'body';
  return cues.push('outside-root'), 'chrome';
}

/**
 * jusText's context step: short body blocks (headings, labels, one-line paragraphs) are judged
 * by their neighbours. A heading belongs to what follows it; another short block stays body
 * next to body prose and takes its neighbours' class otherwise. Prose and cue-decided blocks
 * are the anchors.
 */
function reviseShortBlocks(items: Classified[], inRoot: Uint8Array, options: ClassificationOptions): void {
  const isShort = (item: Classified): boolean => item.type === 'body' && item.cues[0] !== 'root-lede' && !isProseLike(item.block, options);
  // Copies of the title, byline and date are neither good nor bad company: they are skipped like short blocks.
  const isTransparent = (item: Classified): boolean => isShort(item) || item.cues[0]?.startsWith('metadata:') === true;
  const n = items.length;
  const previous = new Int32Array(n);
  const next = new Int32Array(n);
  let anchor = -1;
  for (let i = 0; i < n; i++) {
    previous[i] = anchor;
    if (!isTransparent(items[i]!)) anchor = i;
  }
  anchor = -1;
  for (let i = n - 1; i >= 0; i--) {
    next[i] = anchor;
    if (!isTransparent(items[i]!)) anchor = i;
  }
  // A run of many short blocks is a list (ingredients, specifications, verse): content in its own right.
  const inLongRun = new Uint8Array(n);
  for (let i = 0; i < n; ) {
    let j = i;
    while (j < n && isShort(items[j]!) && items[j]!.block.headingLevel === 0) j++;
    if (j - i >= options.minShortRunItems) inLongRun.fill(1, i, j);
    i = j > i ? j : i + 1;
  }
  const typeAt = (i: number): BlockClass | null => (i >= 0 ? items[i]!.type : null);
  for (let i = 0; i < n; i++) {
    const item = items[i]!;
    // A heading outside the article over a teaser list is the list's label ("Elsewhere in town").
    if (item.type === 'chrome' && item.block.headingLevel > 0 && item.cues[0] === 'outside-root' && typeAt(next[i]!) === 'ad') {
      item.type = 'ad';
      item.cues.push('context:heading-before-ad');
      continue;
    }
    if (!isShort(item) || inLongRun[i]) continue;
    // Inside the article, the neighbours that count are the article's own; its edges are neither good nor bad.
    const sameRegion = (j: number): number => (j >= 0 && inRoot[i] && !inRoot[items[j]!.block.index] ? -1 : j);
    const before = typeAt(sameRegion(previous[i]!));
    const after = typeAt(sameRegion(next[i]!));
    if (item.block.headingLevel > 0) {
      if (after === 'body' || (after === null && before === null)) continue;
      item.type = after === 'ad' ? 'ad' : 'chrome';
      item.cues.push(`context:heading-before-${after ?? 'end'}`);
      continue;
    }
    if (before === 'body' || after === 'body' || (before === null && after === null)) continue;
    item.type = before === 'ad' && after === 'ad' ? 'ad' : 'chrome';
    item.cues.push(`context:between-${before ?? 'start'}-and-${after ?? 'end'}`);
  }
}

/** Prose for the context step: a sentence of some length with few links. */
function isProseLike(block: Block, options: ClassificationOptions): boolean {
  return block.text.length >= options.minAnchorProseChars && linkDensity(block) <= options.maxProseLinkDensity && hasSentence(block.text);
}

/** What the classifier knows about a page once its blocks' flags are set: the content root, the standfirst, the link lists. */
export interface PreparedPage {
  readonly root: { readonly start: number; readonly end: number; readonly container: number };
  /** Index of the standfirst block in the article's header before the root, or -1. */
  readonly lede: number;
  readonly groups: LinkGroups;
  /** Each block's cue mask (blockCueMatches), when worked out once for the rules and the features; else each works it out. */
  readonly cueMatches?: Uint16Array;
  /** 1 for each block that is a dateline alone (blockDatelines), when worked out once for the rules and the features; else each works it out. */
  readonly datelines?: Uint8Array;
}

/**
 * The page-level steps before blocks are judged one by one: the content root (searched with the
 * tokens that are rarely wrong on a big container), then every block's flags with all tokens, the
 * wrappers neutralised being the root's ancestors and what is inside it; the standfirst; the link lists.
 */
export function preparePage(blocks: readonly Block[], containers: ContainerTable, titles: ReadonlySet<string>, options: ClassificationOptions = CLASSIFICATION): PreparedPage {
  const neutral = wrappers(blocks, containers, options);
  const rich = proseRich(blocks, containers, options);
  // The root search trusts what the markup states (nav, aside, footer elements, ARIA roles) and only the class
  // tokens that are rarely wrong on a big container; all tokens count once the root is known.
  assignFlags(blocks, containers, neutral, rich, ROOT_SEARCH_TOKENS);
  const root = findContentRoot(blocks, containers, options, titles);
  const groups = linkGroups(blocks, containers, options);
  // The standfirst often sits in the article's <header>, just before the element that holds the body.
  let lede = -1;
  for (let i = root.start - 1; i >= 0 && root.start - i <= options.maxLedeDistance; i--) {
    if (blocks[i]!.innermost & Context.HEADER && isLede(blocks[i]!, options)) {
      lede = i;
      break;
    }
  }
  // Once the root is known, the wrappers that stay neutral are the root's ancestors and those inside it: a big
  // sidebar beside a short post is still a sidebar.
  for (let c = 0; c < neutral.length; c++) {
    const insideRoot = c >= root.container && containers.start[c]! >= root.start && containers.end[c]! <= root.end;
    if (neutral[c] && !insideRoot) neutral[c] = 0;
  }
  for (let c = root.container; c >= 0; c = containers.parent[c]!) neutral[c] = 1;
  assignFlags(blocks, containers, neutral, rich);
  return { root, lede, groups };
}

/**
 * The blocks that repeat the page's metadata, which are lifted out of the segments whatever else
 * they look like: copies of the title or byline (echo keys), "By …" lines in a byline container,
 * and lines that are only a date, a time or a reading time. null for every other block. Needs
 * the blocks' flags (preparePage).
 */
export function metadataCopies(
  blocks: readonly Block[],
  echoes: MetadataEchoes,
  options: ClassificationOptions = CLASSIFICATION,
  watchdog?: Watchdog,
  datelines?: Uint8Array,
): Array<Classified | null> {
  let longestEcho = 0;
  for (const key of [...echoes.titles, ...echoes.bylines]) longestEcho = Math.max(longestEcho, key.length);
  // A block is keyed only when its key could begin like a title or byline key: most blocks begin otherwise.
  const mayEcho = echoKeyScreen([...echoes.titles, ...echoes.bylines]);
  const echoLimit = longestEcho === 0 ? 0 : Math.min(options.maxEchoChars, options.echoLengthFactor * longestEcho + options.echoLengthSlack);
  return blocks.map((block, i) => {
    if (watchdog && i % CLOCK_CHECKS.blocksPerCheck === 0) watchdog.check('classifying');
    const text = block.text;
    // Only a block about as long as a title or byline can be a copy of one: the rest need not be keyed.
    const key = text.length <= echoLimit && mayEcho(text) ? echoKey(text) : null;
    if (key !== null && echoes.titles.has(key)) return { block, type: 'chrome', cues: ['metadata:title'] };
    if (text.length <= options.maxBylineChars && ((key !== null && echoes.bylines.has(key)) || (block.flags & Context.META && BYLINE.test(text)))) return { block, type: 'chrome', cues: ['metadata:byline'] };
    if (datelines ? datelines[i] : isDatelineOnly(text, options)) return { block, type: 'chrome', cues: ['metadata:dateline'] };
    return null;
  });
}

/**
 * The blocks the textual cues decide (ad labels, promotions, credits, copyright, consent and
 * disclaimer wording: textualClass), the captions the markup states and the teaser links outside the
 * content root; null for every other block. The block model takes these
 * decisions from the rules for the classes where the rules' cues beat it (eval/training-report.json).
 */
export function cueDecisions(blocks: readonly Block[], prepared: PreparedPage, options: ClassificationOptions = CLASSIFICATION, watchdog?: Watchdog): Array<Classified | null> {
  const { root, groups } = prepared;
  const decided = blocks.map((block, i): Classified | null => {
    if (watchdog && i % CLOCK_CHECKS.blocksPerCheck === 0) watchdog.check('classifying');
    const cues: string[] = [];
    const type = textualClass(block, options, cues, prepared.cueMatches?.[i], prepared.datelines ? prepared.datelines[i] === 1 : undefined);
    // What the markup states a caption (figcaption, table caption, a caption class) is one.
    if (type === null && block.flags & Context.CAPTION && block.text.length <= options.maxCaptionChars) return { block, type: 'caption', cues: ['context:caption'] };
    // A headline link in a list of them outside the content root is a teaser (inside it, a listing's items are its content).
    if (type === null && (block.index < root.start || block.index >= root.end) && isTeaser(block, groups, options)) return { block, type: 'ad', cues: ['links:teaser'] };
    return type === null ? null : { block, type, cues };
  });
  // A heading goes with the teasers it stands over.
  for (let i = 0; i + 1 < blocks.length; i++) {
    if (!decided[i] && blocks[i]!.headingLevel > 0 && decided[i + 1]?.cues[0] === 'links:teaser') decided[i] = { block: blocks[i]!, type: 'ad', cues: ['links:teaser-heading'] };
  }
  return decided;
}

/** `watchdog`: the document's time budget, checked every few blocks (the cue patterns run on each). */
export function classifyBlocks(
  blocks: readonly Block[],
  containers: ContainerTable,
  echoes: MetadataEchoes,
  options: ClassificationOptions = CLASSIFICATION,
  watchdog?: Watchdog,
): Classified[] {
  const { root, lede, groups } = preparePage(blocks, containers, echoes.titles, options);
  const copies = metadataCopies(blocks, echoes, options, watchdog);
  const out: Classified[] = [];
  for (const block of blocks) {
    if (watchdog && out.length % CLOCK_CHECKS.blocksPerCheck === 0) watchdog.check('classifying');
    const copy = copies[block.index];
    if (copy) {
      out.push(copy);
      continue;
    }
    const cues: string[] = [];
    const inRoot = block.index >= root.start && block.index < root.end;
    let type = textualClass(block, options, cues);
    if (type === null && block.flags & NOT_PROSE && block.flags & Context.COMMENTS) {
      type = 'chrome';
      cues.push('context:comments');
    }
    type ??= structuralClass(block, inRoot, block.index === lede, groups, options, cues);
    out.push({ block, type, cues });
  }
  const inRoot = new Uint8Array(blocks.length).fill(1, root.start, root.end);
  reviseShortBlocks(out, inRoot, options);
  for (const item of out) {
    if (item.type === 'body' && item.block.flags & Context.HIDDEN) {
      item.type = 'chrome';
      item.cues.push('hidden');
    }
  }
  return out;
}

