/**
 * The textual cues (cues/text.ts) a block's text matches, as one bit mask per block, worked out once
 * per page for the rules and the features alike; and the dateline test.
 */
import type { Block } from '../html/walk.js';
import type { ClassificationOptions } from '../cues/classification.js';
import { AD_LABEL, AD_SLOT_SIZE, AUTHOR_BIO, BYLINE, COMMENTS, CONSENT, COPYRIGHT, CREDIT, CREDIT_TRAILER, DATE_SHAPE, DATELINE_WORDS, DISCLAIMER, PROMO_HEADING, PROMPT, READING_TIME, SHARE_LABEL, TAG_LINE, TEASER_PREFIX, UI_STRING } from '../cues/text.js';
import { CLOCK_CHECKS, type Watchdog } from '../watchdog.js';

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

/** A character an alternative may begin with that matches itself alone (under the flag i, either case of a letter): an ASCII letter, digit or space, not before a quantifier (which would apply to it). */
const LITERAL_LEAD = /^[a-z0-9 ](?![?*+{])/i;

interface PrefixNode {
  readonly next: Map<string, PrefixNode>;
  /** What is left of the alternatives that end their literal lead here ('' for one that is only its lead). */
  readonly rests: string[];
}

/**
 * Alternatives joined with their common literal leads written once: `cookie policy|cookies|contact us` →
 * `co(?:okie(?: policy|s)|ntact us)`, lower-cased (the patterns take the flag i). An alternation matches
 * where one of its alternatives does, so `test` answers as for the alternatives side by side, and the engine, which
 * tries alternatives one after the other at every position, reads a shared lead once instead of once per alternative
 * (the mask union's run over a third of trafilatura-eval's blocks of up to maxCueBlockChars: about 20% faster).
 */
function byLeads(alternatives: readonly string[]): string {
  const root: PrefixNode = { next: new Map(), rests: [] };
  for (const alternative of alternatives) {
    let node = root;
    let at = 0;
    while (LITERAL_LEAD.test(alternative.slice(at, at + 2))) {
      const c = alternative[at]!.toLowerCase();
      let child = node.next.get(c);
      if (child === undefined) node.next.set(c, (child = { next: new Map(), rests: [] }));
      node = child;
      at++;
    }
    node.rests.push(alternative.slice(at));
  }
  const either = (node: PrefixNode): string => [...[...node.next].map(([c, child]) => c + after(child)), ...node.rests.map((rest) => (rest === '' ? '' : `(?:${rest})`))].join('|');
  const after = (node: PrefixNode): string => {
    if (node.next.size === 0 && node.rests.length === 1) return node.rests[0] === '' ? '' : `(?:${node.rests[0]})`;
    if (node.rests.length === 0 && node.next.size === 1) {
      const [c, child] = node.next.entries().next().value as [string, PrefixNode];
      return c + after(child);
    }
    return `(?:${either(node)})`;
  };
  return either(root);
}

/**
 * Whether any of the patterns matches a text, in one regex run: the gate of textualClass, which
 * saves a dozen runs on the 96% of blocks that match none (dev corpus: 8,258 of 191,140 blocks
 * match one). It can only say no where each of them says no, so textualClass decides exactly as
 * without it. The patterns' top-level alternatives are regrouped, which changes no answer of
 * `test` (an alternation matches where one of its alternatives does): those anchored at the start
 * under one `^`, those that begin at a word boundary under one `\b`, the rest after them. The
 * engine tries alternatives one after the other at every position; so grouped, a position that is
 * no word boundary skips most of them at one assertion (the mask union's run over the
 * trafilatura-eval blocks of up to maxCueBlockChars: 210 → 140 ms); in each group, alternatives
 * that begin alike share their beginning (byLeads).
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
  const parts = [anchored.length > 0 ? `^(?:${byLeads(anchored)})` : '', atWord.length > 0 ? `\\b(?:${byLeads(atWord)})` : '', byLeads(others)];
  return new RegExp(parts.filter((part) => part !== '').join('|'), 'i');
}
const ANY_TEXT_CUE = anyOf(TEXT_CUES);
/** Blocks past maxCueBlockChars (long paragraphs: a quarter of the gate's time on the dev corpus) only need the legal patterns. */
const ANY_LEGAL_CUE = anyOf(LEGAL_CUES);

/** The gate for a block of this length, or null when no cue pattern applies to a block that long. */
export function cueGate(length: number, options: ClassificationOptions): RegExp | null {
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
