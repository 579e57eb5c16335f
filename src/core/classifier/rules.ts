/**
 * What the rules decide in an HTML page before the block models are asked (./index.ts), and what
 * the trainer leaves out of the models' data (src/learn/pages.ts). Apart from the model file, so
 * that the trainer can import it before there is a model.
 */
import type { Block } from '../html/walk.js';
import { Context } from '../cues/attributes.js';
import { CLASSIFICATION, type ClassificationOptions } from '../cues/classification.js';
import { AD_LABEL, AD_SLOT_SIZE, AUTHOR_BIO, BYLINE, COMMENTS, CONSENT, COPYRIGHT, CREDIT, CREDIT_TRAILER, DISCLAIMER, PROMO_HEADING, PROMPT, SHARE_LABEL, TAG_LINE, TEASER_PREFIX, UI_STRING } from '../cues/text.js';
import { CLOCK_CHECKS, type Watchdog } from '../watchdog.js';
import type { BlockClass, Classified } from './classes.js';
import type { PreparedPage } from './content-root.js';
import { cueBit, cueGate, cueMatches, isDatelineOnly } from './cue-matches.js';
import { echoKey, echoKeyScreen, type MetadataEchoes } from './echoes.js';
import { isTeaser } from './link-groups.js';

/** The cues of rule decisions that wait for the body model (see ruleDecisions). */
const TEASER_CUES = new Set(['links:teaser', 'links:teaser-heading']);

/**
 * What the rules decide before any model: copies of the metadata (title, byline, datelines: lifted
 * into the metadata), then the textual cues (ad labels, promotions, credits, copyright, consent and
 * disclaimer wording), the classes where the rules beat the segment model (eval/training-report.json,
 * segments-dev). null for each block the models decide. `copies` alone anchor the title. `notBody`: the class
 * the rules give a block when the body model finds it is not body (teasers), null elsewhere.
 */
export function ruleDecisions(
  blocks: readonly Block[],
  prepared: PreparedPage,
  echoes: MetadataEchoes,
  options: ClassificationOptions,
  watchdog?: Watchdog,
): { copies: Array<Classified | null>; decided: Array<Classified | null>; notBody: Array<Classified | null> } {
  const copies = metadataCopies(blocks, echoes, options, watchdog, prepared.datelines);
  const cued = cueDecisions(blocks, prepared, options, watchdog);
  const decided = copies.map((copy, i): Classified | null => copy ?? cued[i] ?? null);
  // A teaser (a headline link in a list of them outside the content root) is no cue its words state: on a listing or
  // collection page the list IS the content and the root often misses it (teasers held 12% of the gold words of the
  // training collection pages, 9% of listings'). The body model decides it (feature links:teaser); the rules name its
  // class only when the model finds it is not body.
  const notBody = decided.map((item) => (item && TEASER_CUES.has(item.cues[0]!) ? item : null));
  // Chrome by SEGMENTS.md, named only when the body model finds the block is not body (the segment model called them ad
  // or legal: segments-dev's cross-validated chrome F1 0.876 -> 0.90x): the stock wording of comment threads and forms,
  // and an author bio's opening ("… is a reporter covering …"; a story's sentence about a reporter stays the body
  // model's to judge). Not lifted before the models, so what the body model learns from is unchanged. Cues of the HTML
  // path only: the text path (its line model reads the rules' classes) does not see them.
  const comments = cueBit(COMMENTS);
  const authorBio = cueBit(AUTHOR_BIO);
  blocks.forEach((block, i) => {
    // A textual cue goes before the teaser (as in cueDecisions): "Pingback: <a linked title>" is a comment.
    if (decided[i] && !notBody[i]) return;
    const mask = prepared.cueMatches?.[i] ?? cueMatches(block.text, options);
    if (mask & comments) notBody[i] = { block, type: 'chrome', cues: ['text:comments'] };
    else if (mask & authorBio) notBody[i] = { block, type: 'chrome', cues: ['text:author-bio'] };
  });
  return { copies, decided: decided.map((item, i) => (notBody[i] ? null : item)), notBody };
}

/**
 * Cues that decide a block whatever its position: returns null when none applies. `matched`: the
 * block's cue mask (blockCueMatches; each bit set as its pattern's length limit allows, the limits
 * tried below), or undefined to run the patterns here, behind the gate.
 */
export function textualClass(block: Block, options: ClassificationOptions, cues: string[], matched?: number, dateline = isDatelineOnly(block.text, options)): BlockClass | null {
  const text = block.text;
  const length = text.length;
  if (dateline) return cues.push('metadata:dateline'), 'chrome';
  if (matched === undefined) {
    const gate = cueGate(length, options);
    if (gate === null || !gate.test(text)) return null;
  } else if (matched === 0) return null;
  const has = matched === undefined ? (pattern: RegExp): boolean => pattern.test(text) : (pattern: RegExp): boolean => (matched & cueBit(pattern)) !== 0;
  if (length <= options.maxCueBlockChars) {
    if (has(AD_LABEL) || has(AD_SLOT_SIZE)) return cues.push('text:ad-label'), 'ad';
    if (length <= options.maxPromoHeadingChars && has(PROMO_HEADING)) return cues.push('text:promo-heading'), 'ad';
    if (has(TEASER_PREFIX)) return cues.push('text:teaser-prefix'), 'ad';
    if (has(UI_STRING) || has(SHARE_LABEL)) return cues.push('text:ui-string'), 'chrome';
    if (has(TAG_LINE)) return cues.push('text:tag-line'), 'chrome';
    if ((block.flags & (Context.FIGURE | Context.CAPTION) || block.afterImage || length < options.maxLoneCreditChars) && has(CREDIT)) return cues.push('text:credit'), 'caption';
    if (has(COPYRIGHT)) {
      // "© Reuters" under a picture credits the picture; elsewhere a © line is the site's copyright.
      if (block.flags & (Context.FIGURE | Context.CAPTION) && length < options.maxLoneCreditChars) return cues.push('text:copyright', 'context:figure'), 'caption';
      return cues.push('text:copyright'), 'legal';
    }
    if (has(PROMPT)) return cues.push('text:prompt'), 'ad';
    if (has(CREDIT_TRAILER)) return cues.push('text:credit-trailer'), 'caption';
  }
  if (length <= options.maxLegalBlockChars) {
    if (has(CONSENT)) return cues.push('text:consent'), 'legal';
    if (has(DISCLAIMER)) return cues.push('text:disclaimer'), 'legal';
  }
  return null;
}

/**
 * The blocks that repeat the page's metadata, which are lifted out of the segments whatever else
 * they look like: copies of the title or byline (echo keys), "By …" lines in a byline container,
 * and lines that are only a date, a time or a reading time. null for every other block. Needs
 * the blocks' flags (preparePage).
 */
export function metadataCopies(
  blocks: readonly Block[],
  echoes: MetadataEchoes,
  options: ClassificationOptions = CLASSIFICATION,
  watchdog?: Watchdog,
  datelines?: Uint8Array,
): Array<Classified | null> {
  let longestEcho = 0;
  for (const key of [...echoes.titles, ...echoes.bylines]) longestEcho = Math.max(longestEcho, key.length);
  // A block is keyed only when its key could begin like a title or byline key: most blocks begin otherwise.
  const mayEcho = echoKeyScreen([...echoes.titles, ...echoes.bylines]);
  const echoLimit = longestEcho === 0 ? 0 : Math.min(options.maxEchoChars, options.echoLengthFactor * longestEcho + options.echoLengthSlack);
  return blocks.map((block, i) => {
    if (watchdog && i % CLOCK_CHECKS.blocksPerCheck === 0) watchdog.check('classifying');
    const text = block.text;
    // Only a block about as long as a title or byline can be a copy of one: the rest need not be keyed.
    const key = text.length <= echoLimit && mayEcho(text) ? echoKey(text) : null;
    if (key !== null && echoes.titles.has(key)) return { block, type: 'chrome', cues: ['metadata:title'] };
    if (text.length <= options.maxBylineChars && ((key !== null && echoes.bylines.has(key)) || (block.flags & Context.META && BYLINE.test(text)))) return { block, type: 'chrome', cues: ['metadata:byline'] };
    if (datelines ? datelines[i] : isDatelineOnly(text, options)) return { block, type: 'chrome', cues: ['metadata:dateline'] };
    return null;
  });
}

/**
 * The blocks the textual cues decide (ad labels, promotions, credits, copyright, consent and
 * disclaimer wording: textualClass), the captions the markup states and the teaser links outside the
 * content root; null for every other block. The block model takes these
 * decisions from the rules for the classes where the rules' cues beat it (eval/training-report.json).
 */
export function cueDecisions(blocks: readonly Block[], prepared: PreparedPage, options: ClassificationOptions = CLASSIFICATION, watchdog?: Watchdog): Array<Classified | null> {
  const { root, groups } = prepared;
  const decided = blocks.map((block, i): Classified | null => {
    if (watchdog && i % CLOCK_CHECKS.blocksPerCheck === 0) watchdog.check('classifying');
    const cues: string[] = [];
    const type = textualClass(block, options, cues, prepared.cueMatches?.[i], prepared.datelines ? prepared.datelines[i] === 1 : undefined);
    // What the markup states a caption (figcaption, table caption, a caption class) is one.
    if (type === null && block.flags & Context.CAPTION && block.text.length <= options.maxCaptionChars) return { block, type: 'caption', cues: ['context:caption'] };
    // A headline link in a list of them outside the content root is a teaser (inside it, a listing's items are its content).
    if (type === null && (block.index < root.start || block.index >= root.end) && isTeaser(block, groups, options)) return { block, type: 'ad', cues: ['links:teaser'] };
    return type === null ? null : { block, type, cues };
  });
  // A heading goes with the teasers it stands over.
  for (let i = 0; i + 1 < blocks.length; i++) {
    if (!decided[i] && blocks[i]!.headingLevel > 0 && decided[i + 1]?.cues[0] === 'links:teaser') decided[i] = { block: blocks[i]!, type: 'ad', cues: ['links:teaser-heading'] };
  }
  return decided;
}
