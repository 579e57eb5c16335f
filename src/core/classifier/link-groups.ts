/** Link lists and the teasers in them. */
import type { Block, ContainerTable } from '../html/walk.js';
import type { ClassificationOptions } from '../cues/classification.js';
import { linkDensity, wordCount } from './measures.js';

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
