/**
 * Plain-text scrapes → blocks. Paragraphs are separated by blank lines; within a paragraph each
 * line is its own block (scrapes put one UI string or teaser per line), unless the paragraph
 * is hard-wrapped prose, whose lines are joined back. The headline (a line repeated near the
 * top, or the first short line) and a dateline go to metadata, not segments.
 */
import { normalizeText, splitLongText } from '../normalize.js';
import type { Block, ContainerTable } from '../html/walk.js';
import { TEXT_LAYOUT } from '../cues/thresholds.js';

const SENTENCE_END_AT_LINE_END = /[.!?。！？:;"”’)]$/;

function isHardWrapped(lines: readonly string[]): boolean {
  if (lines.length < 2) return false;
  const body = lines.slice(0, -1);
  const wrapped = body.filter((line) => line.length >= TEXT_LAYOUT.minWrappedLineChars && !SENTENCE_END_AT_LINE_END.test(line));
  return wrapped.length / body.length >= TEXT_LAYOUT.minWrappedLineShare;
}

export function textBlocks(text: string): { blocks: Block[]; containers: ContainerTable } {
  const blocks: Block[] = [];
  const containers: ContainerTable = { start: [0], end: [0], flags: [0], structural: [0], depth: [0], tag: ['#document'], parent: [-1] };
  const paragraphs = text.replace(/\r\n?/g, '\n').split(/\n[^\S\n]*\n/);
  for (const paragraph of paragraphs) {
    const lines = paragraph.split('\n').map((line) => line.trim()).filter(Boolean);
    if (lines.length === 0) continue;
    const units = isHardWrapped(lines) ? [lines.join(' ')] : lines;
    // A line longer than a block can be becomes several blocks (bounded memory; see INPUT_LIMITS).
    for (const part of units.flatMap(splitLongText)) {
      const normalized = normalizeText(part);
      if (!normalized) continue;
      blocks.push({ index: blocks.length, text: normalized, tag: '', flags: 0, innermost: 0, inlineFlags: 0, linkChars: 0, container: 0, headingLevel: 0, afterImage: false });
    }
  }
  containers.end[0] = blocks.length;
  return { blocks, containers };
}
