/**
 * Plain text has no tags, so two textual rules replace them: lines lifted into metadata
 * (headline copies, dateline, byline) are dropped, and a short line that does not end a
 * sentence and carries no cue is a subheading when body text follows it, and a UI string
 * (chrome) otherwise.
 */
import type { Classified } from '../classifier/classes.js';
import { wordCount } from '../classifier/measures.js';
import { TAG_LINE } from '../cues/text.js';
import { TEXT_CLASSIFICATION } from '../cues/thresholds.js';
import { CLOCK_CHECKS, type Watchdog } from '../watchdog.js';

const ENDS_SENTENCE = /[.!?。！？]["”’)]?$/;

export function reviseTextBlocks(classified: Classified[], lifted: ReadonlySet<number>, watchdog?: Watchdog): Classified[] {
  const tick = (i: number): void => {
    if (i % CLOCK_CHECKS.linesPerCheck === 0) watchdog?.check('revising the classes of the lines');
  };
  for (let i = 0; i < classified.length; i++) {
    tick(i);
    const item = classified[i]!;
    if (lifted.has(item.block.index)) {
      item.type = 'chrome';
      item.cues = ['metadata'];
    } else if (TAG_LINE.test(item.block.text)) {
      item.type = 'chrome';
      item.cues = ['text:tag-line'];
    }
  }
  // The next block that is not chrome, for each block, in one backward pass (a search per line made a scrape of a
  // million short lines quadratic). The loop below changes only the block it is at, never one after it, so what
  // follows each block is the same when it is looked at as here.
  const nextKept = new Array<Classified | undefined>(classified.length);
  let following: Classified | undefined;
  for (let i = classified.length - 1; i >= 0; i--) {
    nextKept[i] = following;
    if (classified[i]!.type !== 'chrome') following = classified[i];
  }
  for (let i = 0; i < classified.length; i++) {
    tick(i);
    const item = classified[i]!;
    if (item.type !== 'body' || ENDS_SENTENCE.test(item.block.text)) continue;
    if (wordCount(item.block.text) > TEXT_CLASSIFICATION.maxSubheadingWords) continue;
    const next = nextKept[i];
    if (next?.type === 'body' && ENDS_SENTENCE.test(next.block.text)) continue;
    item.type = 'chrome';
    item.cues = ['text:short-line'];
  }
  return classified;
}
