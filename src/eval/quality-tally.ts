/**
 * The quality signals of an eval run (src/core/quality.ts): how many documents of a set carry
 * each warning, and, where pages have a text score, the median F1 of the pages with each warning
 * beside those without: what the warnings are worth as signals of a bad result.
 */
import { QUALITY_WARNINGS, type QualityWarning } from '../core/quality.js';

export interface QualityTally {
  readonly documents: number;
  readonly warnings: Record<QualityWarning, number>;
  /** Median F1 of the pages with each warning, and of those with none ('none'); null without pages. */
  readonly medianF1?: Record<QualityWarning | 'none', number | null>;
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return Number((sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2).toFixed(3));
}

/** `warningsByPage`: each cleaned page's warnings; `f1ByPage`, when given: each page's text F1. */
export function tallyQuality(warningsByPage: ReadonlyMap<string, readonly QualityWarning[]>, f1ByPage?: ReadonlyMap<string, number>): QualityTally {
  const warnings = Object.fromEntries(QUALITY_WARNINGS.map((w) => [w, 0])) as Record<QualityWarning, number>;
  const f1s = new Map<QualityWarning | 'none', number[]>([...QUALITY_WARNINGS, 'none' as const].map((w) => [w, []]));
  for (const [page, list] of warningsByPage) {
    for (const warning of list) warnings[warning]++;
    const f1 = f1ByPage?.get(page);
    if (f1 === undefined) continue;
    for (const group of list.length > 0 ? list : (['none'] as const)) f1s.get(group)!.push(f1);
  }
  const tally: QualityTally = { documents: warningsByPage.size, warnings };
  if (!f1ByPage) return tally;
  return { ...tally, medianF1: Object.fromEntries([...f1s].map(([group, values]) => [group, median(values)])) as Record<QualityWarning | 'none', number | null> };
}

/** "NO_BODY 3, LOW_TEXT 5 of 186 documents (median F1: NO_BODY 0.000, LOW_TEXT 0.213, none 0.851)" */
export function qualityLine(tally: QualityTally): string {
  const counts = QUALITY_WARNINGS.map((w) => `${w} ${tally.warnings[w]}`).join(', ');
  const medians = tally.medianF1
    ? ` (median F1: ${Object.entries(tally.medianF1)
        .map(([group, f1]) => `${group} ${f1 === null ? '–' : f1.toFixed(3)}`)
        .join(', ')})`
    : '';
  return `${counts} of ${tally.documents} documents${medians}`;
}
