/**
 * The rules alone, as a cascade (the classifier of pages too small for the block models, and the
 * rule classes the text path reads as evidence): the page-level steps (./content-root.ts), the
 * copies of the metadata and the textual cues (./rules.ts), then each block by its containers and
 * its place relative to the content root, then short blocks revised by their neighbours
 * (./revise.ts). Every decision records its cues, so the inspect report can show why.
 */
import type { Block, ContainerTable } from '../html/walk.js';
import { Context } from '../cues/attributes.js';
import { CLASSIFICATION, type ClassificationOptions } from '../cues/classification.js';
import { PROMO_HEADING } from '../cues/text.js';
import { CLOCK_CHECKS, type Watchdog } from '../watchdog.js';
import type { BlockClass, Classified } from './classes.js';
import { preparePage } from './content-root.js';
import type { MetadataEchoes } from './echoes.js';
import { isTeaser, type LinkGroups } from './link-groups.js';
import { isLede, isProse, linkDensity, sentenceCount } from './measures.js';
import { reviseShortBlocks } from './revise.js';
import { metadataCopies, textualClass } from './rules.js';

const NOT_PROSE = Context.NAV | Context.COMMENTS | Context.SHARE | Context.TAGS | Context.AUTHOR_BIO | Context.DIALOG;

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

