/**
 * The corpus scorers, reproducing ../shared/tools/score_snippets.py and score_segments.py
 * exactly (same normalization, same matching, same micro averages, same rounding), so
 * `npm run eval` prints the figures the reference tools compute on the same outputs.
 */

const WHITESPACE = /\s+/g;
export const collapse = (text: string | null | undefined): string => (text ?? '').replace(WHITESPACE, ' ').trim();

/** Python's round(x, n) on floats (banker's rounding only at exact halves, which floats rarely hit). */
export function pyRound(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor + Number.EPSILON * Math.sign(value)) / factor;
}

export interface SnippetEntry {
  readonly file: string;
  readonly with: readonly string[];
  readonly without: readonly string[];
}

export interface SnippetScores {
  documents: number;
  missing: number;
  precision: number;
  recall: number;
  f1: number;
  accuracy: number;
}

export interface SnippetPageResult {
  readonly url: string;
  readonly file: string;
  readonly missed: string[];
  readonly leaked: string[];
}

/** trafilatura's method: `with` snippets present are TP, `without` snippets present are FP. */
export function scoreSnippets(evaldata: Record<string, SnippetEntry>, predictions: Record<string, string | null | undefined>): { scores: SnippetScores; pages: SnippetPageResult[] } {
  let tp = 0, fp = 0, fn = 0, tn = 0, missing = 0;
  const pages: SnippetPageResult[] = [];
  for (const [url, item] of Object.entries(evaldata)) {
    const raw = Object.hasOwn(predictions, item.file) ? predictions[item.file] : predictions[url];
    if (raw === null || raw === undefined) missing++;
    const text = collapse(raw);
    const missed = item.with.filter((w) => !text.includes(collapse(w)));
    const leaked = item.without.filter((w) => text.includes(collapse(w)));
    tp += item.with.length - missed.length;
    fn += missed.length;
    fp += leaked.length;
    tn += item.without.length - leaked.length;
    pages.push({ url, file: item.file, missed, leaked });
  }
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  const accuracy = (tp + tn) / (tp + fp + fn + tn);
  return {
    scores: { documents: Object.keys(evaldata).length, missing, precision: pyRound(precision, 4), recall: pyRound(recall, 4), f1: pyRound(f1, 4), accuracy: pyRound(accuracy, 4) },
    pages,
  };
}

export const GOLD_CLASSES = ['body', 'caption', 'ad', 'legal', 'chrome'] as const;
export type GoldClass = (typeof GOLD_CLASSES)[number];

export interface GoldPage {
  readonly url?: string;
  readonly labels: ReadonlyArray<{ class: GoldClass; text: string }>;
}

export interface SegmentError {
  readonly page: string;
  readonly gold: GoldClass;
  readonly predicted: GoldClass;
  readonly snippet: string;
}

export interface ClassScore {
  precision: number;
  recall: number;
  f1: number;
  gold: number;
}

export interface SegmentScores {
  pages: number;
  missing_docs: number;
  macro_f1: number;
  classes: Record<GoldClass, ClassScore>;
}

/**
 * Segments joined by single spaces, with the class owning each character (null for the joins)
 * and the index of the segment it comes from (-1 for the joins).
 */
function layout(segments: ReadonlyArray<{ type: string; text: string }> | undefined): { text: string; owner: Array<string | null>; segment: number[] } {
  const parts: string[] = [];
  const owner: Array<string | null> = [];
  const segment: number[] = [];
  (segments ?? []).forEach((seg, index) => {
    const t = collapse(seg.text);
    if (!t) return;
    if (parts.length) {
      parts.push(' ');
      owner.push(null);
      segment.push(-1);
    }
    parts.push(t);
    for (let i = 0; i < t.length; i++) {
      owner.push(seg.type);
      segment.push(index);
    }
  });
  return { text: parts.join(''), owner, segment };
}

function occurrences(haystack: string, needle: string): number[] {
  const out: number[] = [];
  if (!needle) return out;
  let start = 0;
  for (;;) {
    const i = haystack.indexOf(needle, start);
    if (i < 0) return out;
    out.push(i);
    start = i + 1;
  }
}

/** One gold label as the scorer sees it: its class, the class predicted for it, and where it was found. */
export interface LabelMatch {
  readonly gold: GoldClass;
  /** The label's snippet, whitespace collapsed (what is looked up). */
  readonly snippet: string;
  readonly predicted: GoldClass;
  /** Indices in the document's segments of those the matched occurrence overlaps, in order; empty when the snippet was found in no segment. */
  readonly segments: readonly number[];
}

/**
 * Per-label predictions of one page, by the rule of score_segments.py: each snippet is looked up
 * in the segments joined by single spaces (whitespace collapsed); the n-th label with the same
 * snippet is matched with its n-th occurrence; its predicted class is the class covering most
 * of its characters (first seen wins a tie, as Counter.most_common does); a snippet found
 * nowhere was dropped, which predicts `chrome`. `scoreSegments` scores exactly these.
 *
 * Python's `len` counts code points; JS strings count UTF-16 units. Ownership is per unit here, which gives the same majority.
 */
export function matchLabels(
  labels: GoldPage['labels'],
  segments: ReadonlyArray<{ type: string; text: string }> | undefined,
): LabelMatch[] {
  const { text, owner, segment } = layout(segments);
  const seen = new Map<string, number>();
  return labels.map((label) => {
    const snippet = collapse(label.text);
    const found = occurrences(text, snippet);
    const k = seen.get(snippet) ?? 0;
    seen.set(snippet, k + 1);
    let predicted: GoldClass = 'chrome';
    const overlapped: number[] = [];
    if (k < found.length) {
      const covered = new Map<string, number>();
      const start = found[k]!;
      for (let i = start; i < start + snippet.length; i++) {
        const o = owner[i];
        if (o) covered.set(o, (covered.get(o) ?? 0) + 1);
        const index = segment[i]!;
        if (index >= 0 && overlapped[overlapped.length - 1] !== index) overlapped.push(index);
      }
      let bestCount = 0;
      for (const [cls, count] of covered) {
        if (count > bestCount) {
          bestCount = count;
          predicted = cls as GoldClass;
        }
      }
      if (!(GOLD_CLASSES as readonly string[]).includes(predicted)) predicted = 'chrome';
    }
    return { gold: label.class, snippet, predicted, segments: overlapped };
  });
}

export function scoreSegments(
  gold: Record<string, GoldPage>,
  documents: Record<string, { segments: ReadonlyArray<{ type: string; text: string }> } | null>,
): { scores: SegmentScores; confusion: Record<GoldClass, Record<GoldClass, number>>; errors: SegmentError[] } {
  const confusion = Object.fromEntries(GOLD_CLASSES.map((g) => [g, Object.fromEntries(GOLD_CLASSES.map((p) => [p, 0]))])) as Record<GoldClass, Record<GoldClass, number>>;
  const errors: SegmentError[] = [];
  let missingDocs = 0;
  for (const [pageId, entry] of Object.entries(gold)) {
    const doc = documents[pageId] ?? null;
    if (doc === null) missingDocs++;
    for (const match of matchLabels(entry.labels, doc?.segments)) {
      confusion[match.gold][match.predicted]++;
      if (match.predicted !== match.gold) errors.push({ page: pageId, gold: match.gold, predicted: match.predicted, snippet: match.snippet.slice(0, 90) });
    }
  }
  const classes = {} as Record<GoldClass, ClassScore>;
  for (const c of GOLD_CLASSES) {
    const tp = confusion[c][c];
    const fp = GOLD_CLASSES.filter((g) => g !== c).reduce((sum, g) => sum + confusion[g][c], 0);
    const fn = GOLD_CLASSES.filter((p) => p !== c).reduce((sum, p) => sum + confusion[c][p], 0);
    const p = tp + fp ? tp / (tp + fp) : 0;
    const r = tp + fn ? tp / (tp + fn) : 0;
    classes[c] = { precision: pyRound(p, 3), recall: pyRound(r, 3), f1: p + r ? pyRound((2 * p * r) / (p + r), 3) : 0, gold: tp + fn };
  }
  const macro = GOLD_CLASSES.reduce((sum, c) => sum + classes[c].f1, 0) / GOLD_CLASSES.length;
  return { scores: { pages: Object.keys(gold).length, missing_docs: missingDocs, macro_f1: pyRound(macro, 3), classes }, confusion, errors };
}
