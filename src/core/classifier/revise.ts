/** The rules' revision of short blocks by their neighbours (jusText's context step). */
import type { ClassificationOptions } from '../cues/classification.js';
import type { BlockClass, Classified } from './classes.js';
import { isProseLike } from './measures.js';

/**
 * jusText's context step: short body blocks (headings, labels, one-line paragraphs) are judged
 * by their neighbours. A heading belongs to what follows it; another short block stays body
 * next to body prose and takes its neighbours' class otherwise. Prose and cue-decided blocks
 * are the anchors.
 */
export function reviseShortBlocks(items: Classified[], inRoot: Uint8Array, options: ClassificationOptions): void {
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
