/**
 * Plain-text scrapes → blocks. Paragraphs are separated by blank lines; within a paragraph each
 * line is its own block (scrapes put one UI string or teaser per line), unless the paragraph
 * is hard-wrapped prose, whose lines are joined back. The headline (a line repeated near the
 * top, or the first short line) and a dateline go to metadata, not segments.
 */
import { normalizeText, splitLongText } from '../normalize.js';
import type { Block, ContainerTable } from '../html/walk.js';
import { TEXT_LAYOUT } from '../cues/thresholds.js';
import { CLOCK_CHECKS, type Watchdog } from '../watchdog.js';

/** Lines or paragraphs read between two looks at the clock. */
const UNITS_PER_CHECK = CLOCK_CHECKS.linesPerCheck;

export const SENTENCE_END_AT_LINE_END = /[.!?。！？:;"”’)]$/;

/**
 * Whether a paragraph's lines are prose wrapped at a fixed width: most lines but the last run on
 * without ending a sentence, and none is longer than a wrapping width allows. Lines laid out one
 * per block (innerText, a text-mode browser) are as long as their text: a paragraph there is one
 * long line, and a run of headlines does not fill a width.
 */
export function isHardWrapped(lines: readonly string[]): boolean {
  if (lines.length < 2) return false;
  const body = lines.slice(0, -1);
  if (body.some((line) => line.length > TEXT_LAYOUT.maxWrappedLineChars)) return false;
  const wrapped = body.filter((line) => line.length >= TEXT_LAYOUT.minWrappedLineChars && !SENTENCE_END_AT_LINE_END.test(line));
  return wrapped.length / body.length >= TEXT_LAYOUT.minWrappedLineShare;
}

/** Where each block sits in the blank-line layout of the text: its paragraph (lines between blank lines) and its line in it. */
export interface TextLayout {
  /** Index of the block's paragraph (blocks of one paragraph share it). */
  readonly paragraph: Int32Array;
  /** The block's place in its paragraph (0 = first). */
  readonly lineInParagraph: Int32Array;
  /** Blocks in the block's paragraph. */
  readonly paragraphLines: Int32Array;
}

/** A text scrape's blocks, their layout, and which blocks continue the line of the block before them. */
export interface TextBlocks {
  readonly blocks: Block[];
  readonly containers: ContainerTable;
  readonly layout: TextLayout;
  /** 1 for a block that continues the line of the block before it (a line longer than a block can be is cut into several blocks, one line all the same; see splitLongText). */
  readonly continues: Uint8Array;
}

/** The layout of blocks from the paragraph of each (ascending). */
export function layoutOf(paragraphOf: readonly number[]): TextLayout {
  const n = paragraphOf.length;
  const layout: TextLayout = { paragraph: Int32Array.from(paragraphOf), lineInParagraph: new Int32Array(n), paragraphLines: new Int32Array(n) };
  for (let i = 0; i < n; ) {
    let j = i;
    while (j < n && paragraphOf[j] === paragraphOf[i]) j++;
    for (let k = i; k < j; k++) {
      layout.lineInParagraph[k] = k - i;
      layout.paragraphLines[k] = j - i;
    }
    i = j;
  }
  return layout;
}

/** The text's blocks (TextBlocks): a paragraph between blank lines, each line a block unless the paragraph is hard-wrapped prose. */
export function textBlocks(text: string, watchdog?: Watchdog): TextBlocks {
  const blocks: Block[] = [];
  const continued: number[] = [];
  const paragraphOf: number[] = [];
  let paragraphIndex = -1;
  const containers: ContainerTable = { start: [0], end: [0], flags: [0], structural: [0], depth: [0], tag: ['#document'], parent: [-1] };
  const paragraphs = text.replace(/\r\n?/g, '\n').split(/\n[^\S\n]*\n/);
  let units = 0;
  const tick = (): void => {
    if (++units % UNITS_PER_CHECK === 0) watchdog?.check('splitting the text into blocks');
  };
  for (const paragraph of paragraphs) {
    tick();
    const lines = paragraph.split('\n').map((line) => line.trim()).filter(Boolean);
    if (lines.length === 0) continue;
    const pieces = isHardWrapped(lines) ? [lines.join(' ')] : lines;
    paragraphIndex++;
    // A line longer than a block can be becomes several blocks (bounded memory; see INPUT_LIMITS).
    for (const piece of pieces) {
      let first = true;
      for (const part of splitLongText(piece)) {
        tick();
        const normalized = normalizeText(part);
        if (!normalized) continue;
        if (!first) continued.push(blocks.length);
        first = false;
        paragraphOf.push(paragraphIndex);
        blocks.push({ index: blocks.length, text: normalized, tag: '', flags: 0, innermost: 0, inlineFlags: 0, linkChars: 0, container: 0, headingLevel: 0, afterImage: false });
      }
    }
  }
  containers.end[0] = blocks.length;
  const n = blocks.length;
  const layout = layoutOf(paragraphOf);
  const continues = new Uint8Array(n);
  for (const i of continued) continues[i] = 1;
  return { blocks, containers, layout, continues };
}
