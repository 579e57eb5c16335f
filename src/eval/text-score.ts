/**
 * Shingle F1 of extracted main text against full gold text, reproducing
 * ../shared/tools/score_text.py exactly (same tokens, same shingles, same averages, same
 * rounding), so `npm run eval` prints the figures the reference tool computes on the same outputs.
 *
 * Both texts are cut into word tokens (Python's `\w+` on str: letters, numbers and `_`; combining
 * marks are not word characters there, nor here), then into overlapping 4-token shingles (a text of
 * fewer than 4 tokens is one shingle), matched as multisets. Per page tp, fp and fn are divided by
 * their sum; precision is the mean over pages that predicted some text, recall the mean over pages
 * whose gold has text.
 */
import { pyRound } from './score.js';

const WORD = /[\p{L}\p{N}_]+/gu;
const SHINGLE = 4;
const SEPARATOR = '\u0001';

export interface TextGoldPage {
  readonly mainContent?: string | null;
  readonly pageType?: string | null;
  readonly with?: readonly string[] | null;
  readonly without?: readonly string[] | null;
}

export interface MeanScores {
  pages: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface TextScores extends MeanScores {
  missing: number;
  withFound: number | null;
  withoutAvoided: number | null;
  byType: Record<string, MeanScores>;
}

export interface TextPageResult {
  readonly file: string;
  readonly pageType: string;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

function shingles(text: string): Map<string, number> {
  const words = text.match(WORD) ?? [];
  const out = new Map<string, number>();
  if (words.length === 0) return out;
  if (words.length < SHINGLE) {
    out.set(words.join(SEPARATOR), 1);
    return out;
  }
  for (let i = 0; i + SHINGLE <= words.length; i++) {
    const key = words.slice(i, i + SHINGLE).join(SEPARATOR);
    out.set(key, (out.get(key) ?? 0) + 1);
  }
  return out;
}

type Counts = readonly [tp: number, fp: number, fn: number];

/** tp, fp and fn of one page, each divided by their sum. */
export function pageCounts(gold: string, predicted: string): Counts {
  const g = shingles(gold);
  const p = shingles(predicted);
  let tp = 0;
  let predictedTotal = 0;
  let goldTotal = 0;
  for (const count of g.values()) goldTotal += count;
  for (const [key, count] of p) {
    predictedTotal += count;
    tp += Math.min(count, g.get(key) ?? 0);
  }
  const fp = predictedTotal - tp;
  const fn = goldTotal - tp;
  const total = tp + fp + fn;
  return total ? [tp / total, fp / total, fn / total] : [0, 0, 0];
}

function meanScores(counts: readonly Counts[]): MeanScores {
  let precisionSum = 0;
  let precisionPages = 0;
  let recallSum = 0;
  let recallPages = 0;
  for (const [tp, fp, fn] of counts) {
    if (tp + fp > 0) {
      precisionSum += tp / (tp + fp);
      precisionPages++;
    }
    if (tp + fn > 0) {
      recallSum += tp / (tp + fn);
      recallPages++;
    }
  }
  const precision = precisionPages ? precisionSum / precisionPages : 0;
  const recall = recallPages ? recallSum / recallPages : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { pages: counts.length, precision: pyRound(precision, 4), recall: pyRound(recall, 4), f1: pyRound(f1, 4) };
}

const squash = (text: string): string => text.replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * Scores predictions (file name → main text; absent or null counts as empty text) against the gold
 * pages, in the gold's order, as score_text.py does with --by-type.
 */
export function scoreText(gold: Readonly<Record<string, TextGoldPage>>, predictions: Readonly<Record<string, string | null | undefined>>): { scores: TextScores; pages: TextPageResult[] } {
  const counts: Counts[] = [];
  const perType = new Map<string, Counts[]>();
  const pages: TextPageResult[] = [];
  let withFound = 0;
  let withAll = 0;
  let withoutAvoided = 0;
  let withoutAll = 0;
  let missing = 0;
  for (const [file, page] of Object.entries(gold)) {
    if (!Object.hasOwn(predictions, file)) missing++;
    const text = predictions[file] ?? '';
    const c = pageCounts(page.mainContent ?? '', text);
    counts.push(c);
    const type = page.pageType || 'other';
    if (!perType.has(type)) perType.set(type, []);
    perType.get(type)!.push(c);
    const flat = squash(text);
    for (const snippet of page.with ?? []) {
      withAll++;
      if (flat.includes(squash(snippet))) withFound++;
    }
    for (const snippet of page.without ?? []) {
      withoutAll++;
      if (!flat.includes(squash(snippet))) withoutAvoided++;
    }
    const [tp, fp, fn] = c;
    const p = tp + fp ? tp / (tp + fp) : 0;
    const r = tp + fn ? tp / (tp + fn) : 0;
    pages.push({ file, pageType: type, precision: p, recall: r, f1: p + r ? (2 * p * r) / (p + r) : 0 });
  }
  const byType: Record<string, MeanScores> = {};
  for (const type of [...perType.keys()].sort()) byType[type] = meanScores(perType.get(type)!);
  return {
    scores: {
      ...meanScores(counts),
      missing,
      withFound: withAll ? pyRound(withFound / withAll, 4) : null,
      withoutAvoided: withoutAll ? pyRound(withoutAvoided / withoutAll, 4) : null,
      byType,
    },
    pages,
  };
}
