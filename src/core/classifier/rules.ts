/**
 * What the rules decide in an HTML page before the block models are asked (./index.ts), and what
 * the trainer leaves out of the models' data (src/learn/pages.ts). Apart from the model file, so
 * that the trainer can import it before there is a model.
 */
import type { Block } from '../html/walk.js';
import { cueBit, cueDecisions, cueMatches, metadataCopies, type Classified, type MetadataEchoes, type PreparedPage } from '../classify.js';
import { AUTHOR_BIO, COMMENTS } from '../cues/text.js';
import type { ClassificationOptions } from '../cues/classification.js';
import type { Watchdog } from '../watchdog.js';

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

