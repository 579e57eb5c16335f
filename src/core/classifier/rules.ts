/**
 * What the rules decide in an HTML page before the block models are asked (./index.ts), and what
 * the trainer leaves out of the models' data (src/learn/pages.ts). Apart from the model file, so
 * that the trainer can import it before there is a model.
 */
import type { Block } from '../html/walk.js';
import { cueDecisions, metadataCopies, type Classified, type MetadataEchoes, type PreparedPage } from '../classify.js';
import type { ClassificationOptions } from '../cues/classification.js';
import type { Watchdog } from '../watchdog.js';

/**
 * What the rules decide before any model: copies of the metadata (title, byline, datelines: lifted
 * into the metadata), then the textual cues (ad labels, promotions, credits, copyright, consent and
 * disclaimer wording), the classes where the rules beat the segment model (eval/training-report.json,
 * segments-dev). null for each block the models decide. `copies` alone anchor the title.
 */
export function ruleDecisions(blocks: readonly Block[], prepared: PreparedPage, echoes: MetadataEchoes, options: ClassificationOptions, watchdog?: Watchdog): { copies: Array<Classified | null>; decided: Array<Classified | null> } {
  const copies = metadataCopies(blocks, echoes, options, watchdog);
  const cued = cueDecisions(blocks, prepared, options, watchdog);
  return { copies, decided: copies.map((copy, i) => copy ?? cued[i]!) };
}
