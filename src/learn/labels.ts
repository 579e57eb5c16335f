/**
 * Block labels for training, from the three kinds of gold the corpora have:
 *
 * - full gold main text (modern-web): a block is body when most of its words fall in word
 *   shingles that the gold text also has, and not body when few do (`bodyByCoverage`); the
 *   blocks in between are left out of training. The rule and its thresholds are data
 *   (eval/labelling.json), chosen from the distribution of coverage on training pages;
 * - snippets that the main text must or must not contain (trafilatura-eval): a block holding
 *   part of a `with` snippet is body, one holding part of a `without` snippet is not
 *   (`bodyBySnippets`); weak labels, for a few blocks a page;
 * - snippets with a segment class (segments-dev.json, eval/segment-labels.json): the blocks a
 *   snippet covers take its class (`classesBySnippets`).
 */
import { collapse } from '../eval/score.js';

export interface LabellingRule {
  /** Tokens of a shingle (the scorer's: 4). */
  readonly shingle: number;
  /** A block whose covered share of words is at least this is body. */
  readonly bodyMinCoverage: number;
  /** A block whose covered share of words is at most this is not body. */
  readonly notBodyMaxCoverage: number;
  /** A snippet's label goes to a block that holds at least this share of the snippet's characters, or whose own characters the snippet covers at least at this share. */
  readonly snippetMinOverlap: number;
}

/** Label of a block: 1 body, 0 not body, -1 unknown (left out of training). */
export type BodyLabel = 1 | 0 | -1;

const WORD = /[\p{L}\p{N}_]+/gu;

/**
 * Share of each block's words that lie in a shingle of the gold text. Shingles run across block
 * boundaries in the page's order, so a short block ("Ingredients") is covered when it and the
 * words after it appear in the gold together, and a menu word that the gold happens to contain
 * alone is not. Words are compared lower-cased. NaN for a block without words.
 */
export function goldCoverage(blockTexts: readonly string[], gold: string, rule: LabellingRule): Float64Array {
  const size = rule.shingle;
  const goldWords = gold.toLowerCase().match(WORD) ?? [];
  const goldShingles = new Set<string>();
  for (let i = 0; i + size <= goldWords.length; i++) goldShingles.add(goldWords.slice(i, i + size).join(' '));
  const words: string[] = [];
  const owner: number[] = [];
  blockTexts.forEach((text, b) => {
    for (const word of text.toLowerCase().match(WORD) ?? []) {
      words.push(word);
      owner.push(b);
    }
  });
  const covered = new Uint8Array(words.length);
  for (let i = 0; i + size <= words.length; i++) if (goldShingles.has(words.slice(i, i + size).join(' '))) covered.fill(1, i, i + size);
  const total = new Float64Array(blockTexts.length);
  const hit = new Float64Array(blockTexts.length);
  for (let i = 0; i < words.length; i++) {
    total[owner[i]!]!++;
    hit[owner[i]!]! += covered[i]!;
  }
  return total.map((t, b) => (t ? hit[b]! / t : NaN));
}

/**
 * Share of the gold text's shingles that the blocks, read in order, also hold: how much of the gold the page's text
 * has at all. A gold main text written as a summary of the page, or taken from content the text does not hold (a
 * hidden tab, a script's data), leaves every block unmatched, and its labels would call the page's real text "not body".
 * NaN for a gold text shorter than a shingle.
 */
export function goldFound(blockTexts: readonly string[], gold: string, rule: LabellingRule): number {
  const size = rule.shingle;
  const goldWords = gold.toLowerCase().match(WORD) ?? [];
  const words = blockTexts.flatMap((text) => text.toLowerCase().match(WORD) ?? []);
  const held = new Set<string>();
  for (let i = 0; i + size <= words.length; i++) held.add(words.slice(i, i + size).join(' '));
  const goldShingles = new Set<string>();
  for (let i = 0; i + size <= goldWords.length; i++) goldShingles.add(goldWords.slice(i, i + size).join(' '));
  if (goldShingles.size === 0) return NaN;
  let found = 0;
  for (const shingle of goldShingles) if (held.has(shingle)) found++;
  return found / goldShingles.size;
}

export function bodyByCoverage(coverage: Float64Array, rule: LabellingRule): BodyLabel[] {
  return Array.from(coverage, (c) => (Number.isNaN(c) ? -1 : c >= rule.bodyMinCoverage ? 1 : c <= rule.notBodyMaxCoverage ? 0 : -1));
}

/** The blocks each snippet's first occurrence overlaps enough (see snippetMinOverlap), in the blocks joined by spaces. */
function snippetBlocks(blockTexts: readonly string[], snippet: string, rule: LabellingRule, occurrence = 0): number[] {
  const starts: number[] = [];
  const parts: string[] = [];
  let length = 0;
  for (const text of blockTexts) {
    const t = collapse(text);
    starts.push(length);
    parts.push(t);
    length += t.length + 1;
  }
  const joined = parts.join(' ');
  const needle = collapse(snippet);
  if (!needle) return [];
  let at = -1;
  for (let k = 0, from = 0; k <= occurrence; k++, from = at + 1) {
    at = joined.indexOf(needle, from);
    if (at < 0) return [];
  }
  const end = at + needle.length;
  const out: number[] = [];
  for (let b = 0; b < parts.length; b++) {
    const s = starts[b]!;
    const e = s + parts[b]!.length;
    const overlap = Math.min(e, end) - Math.max(s, at);
    if (overlap <= 0) continue;
    if (overlap >= rule.snippetMinOverlap * needle.length || overlap >= rule.snippetMinOverlap * parts[b]!.length) out.push(b);
  }
  return out;
}

/** Weak body labels from must-contain and must-not-contain snippets; a block named by both stays unknown. */
export function bodyBySnippets(blockTexts: readonly string[], withSnippets: readonly string[], withoutSnippets: readonly string[], rule: LabellingRule): BodyLabel[] {
  const labels: BodyLabel[] = blockTexts.map(() => -1);
  const conflict = new Set<number>();
  const mark = (snippets: readonly string[], label: 0 | 1): void => {
    for (const snippet of snippets) {
      for (const b of snippetBlocks(blockTexts, snippet, rule)) {
        if (labels[b] !== -1 && labels[b] !== label) conflict.add(b);
        labels[b] = label;
      }
    }
  };
  mark(withSnippets, 1);
  mark(withoutSnippets, 0);
  for (const b of conflict) labels[b] = -1;
  return labels;
}

/**
 * Classes from class-labelled snippets: the n-th label with the same snippet names its n-th
 * occurrence, as the segment scorer matches them. Blocks no snippet names get null; a block two
 * snippets of different classes name gets null too.
 */
export function classesBySnippets<C extends string>(blockTexts: readonly string[], labels: ReadonlyArray<{ class: C; text: string }>, rule: LabellingRule): Array<C | null> {
  const out: Array<C | null> = blockTexts.map(() => null);
  const conflict = new Set<number>();
  const seen = new Map<string, number>();
  for (const label of labels) {
    const key = collapse(label.text);
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    for (const b of snippetBlocks(blockTexts, label.text, rule, occurrence)) {
      if (out[b] !== null && out[b] !== label.class) conflict.add(b);
      out[b] = label.class;
    }
  }
  for (const b of conflict) out[b] = null;
  return out;
}
