/**
 * The gold check of one page: every gold snippet matched by the scoring rule of
 * ../shared/tools/score_segments.py (through `matchLabels` of src/eval/score.ts, the same code
 * the eval scores with) and marked right or wrong. Snippets scored as `chrome` were found in no
 * segment; for those the check also says which dropped block holds them, if any (for reading
 * only: the score does not depend on it).
 */
import type { CleanDocument } from '../core/index.js';
import { collapse, GOLD_CLASSES, matchLabels, type GoldClass, type GoldPage, type LabelMatch } from '../eval/score.js';

export interface CheckedLabel extends LabelMatch {
  /** Position in the page's gold labels (0-based). */
  readonly index: number;
  readonly right: boolean;
  /** For a snippet found in no segment: the first dropped block (index in `dropped`) whose text contains it. */
  readonly droppedBlock: number | null;
}

export interface GoldCheck {
  readonly labels: readonly CheckedLabel[];
  readonly right: number;
  readonly wrong: number;
  /** Per gold class: labels and how many were scored right. */
  readonly perClass: Readonly<Record<GoldClass, { labels: number; right: number }>>;
}

export function checkGold(document: Pick<CleanDocument, 'segments' | 'dropped'>, gold: GoldPage): GoldCheck {
  const droppedTexts = (document.dropped ?? []).map((block) => collapse(block.text));
  const labels = matchLabels(gold.labels, document.segments).map((match, index): CheckedLabel => {
    const located = match.segments.length === 0 && match.snippet ? droppedTexts.findIndex((text) => text.includes(match.snippet)) : -1;
    return { ...match, index, right: match.gold === match.predicted, droppedBlock: located >= 0 ? located : null };
  });
  const perClass = Object.fromEntries(GOLD_CLASSES.map((c) => [c, { labels: 0, right: 0 }])) as Record<GoldClass, { labels: number; right: number }>;
  for (const label of labels) {
    perClass[label.gold].labels++;
    if (label.right) perClass[label.gold].right++;
  }
  const right = labels.filter((l) => l.right).length;
  return { labels, right, wrong: labels.length - right, perClass };
}
