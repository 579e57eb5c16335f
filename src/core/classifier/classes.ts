/** What a block is classified as: a segment class (SEGMENTS.md), or chrome, which the document leaves out. */
import type { Block } from '../html/walk.js';
import type { SegmentType } from '../schema.js';

export type BlockClass = SegmentType | 'chrome';

export interface Classified {
  readonly block: Block;
  type: BlockClass;
  cues: string[];
}
