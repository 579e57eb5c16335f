/**
 * The page-level steps before blocks are judged one by one, as jusText and Readability take them:
 * the content root (every block scores for (prose) or against (links, boilerplate containers), and
 * the element whose subtree sums highest is the article; elements are contiguous ranges of blocks,
 * so one prefix sum gives every element's total), each block's flags from its containers, the
 * standfirst, the link lists.
 */
import type { Block, ContainerTable } from '../html/walk.js';
import { BOILERPLATE_CONTEXT, Context } from '../cues/attributes.js';
import { CLASSIFICATION, type ClassificationOptions } from '../cues/classification.js';
import { echoKey, echoKeyScreen } from './echoes.js';
import { linkGroups, type LinkGroups } from './link-groups.js';
import { hasSentence, isLede, linkDensity } from './measures.js';

export const ROOT_SEARCH_TOKENS = Context.ASIDE | Context.COMMENTS | Context.AD | Context.CONTENT | Context.ARTICLE_BODY | Context.LINK | Context.HEADING;
/** Class tokens that prose inside contradicts: layout names, and ad tokens on an element full of prose (an article
 *  marked "has-ads" hosts ad slots, it is not one; the slots themselves hold no prose). Comments, legal text, bios
 *  and promo boxes hold prose by nature, so their tokens stand. */
const LAYOUT_TOKENS = Context.AD | Context.NAV | Context.SHARE | Context.TAGS | Context.HEADER | Context.FOOTER | Context.META | Context.ASIDE | Context.FIGURE | Context.CAPTION;
/** Flags that a wrapper or the content root's ancestors cannot impose on what they contain. */
const NEUTRALIZED = BOILERPLATE_CONTEXT | Context.CAPTION | Context.FIGURE | Context.HIDDEN;
const WEAK_BOILERPLATE = Context.TAGS | Context.META | Context.FIGURE | Context.HEADER | Context.FOOTER | Context.SHARE;

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
  // Most headings begin otherwise than every title: their key is not built.
  const mayBeTitle = echoKeyScreen(titles);
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!;
    // The headline anchors the article: a short post under its title beats a long tweet in the sidebar.
    const score =
      block.headingLevel > 0 && block.text.length <= options.maxEchoChars && mayBeTitle(block.text) && titles.has(echoKey(block.text))
        ? options.titleAnchorBonus
        : rootScore(block, options);
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
