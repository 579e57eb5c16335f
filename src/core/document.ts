/**
 * Classified blocks + metadata → the clean document (schema version 2): the segments with the
 * structure their blocks carry, and the images of the body (./images.ts).
 *
 * Exact repeats of a body or caption segment are dropped (duplicated content: a caption in
 * both the gallery and the lightbox, a paragraph in desktop and mobile markup). Repeated ad and
 * legal slots are kept: each marks its own place in the page, and SEGMENTS.md labels each
 * "Article continues after this advertisement" separately.
 */
import type { Classified } from './classify.js';
import type { Block, WalkImage } from './html/walk.js';
import { spansOf } from './html/inline.js';
import { resolveCells, resolveSpans } from './html/targets.js';
import { bodyImages } from './images.js';
import type { Metadata } from './metadata.js';
import { assessQuality } from './quality.js';
import type { CleanDocument, DroppedBlock, Segment, Source } from './schema.js';
import { SEGMENT_TYPES, type SegmentType } from './segment-types.js';

export interface DocumentParts {
  readonly classified: readonly Classified[];
  readonly metadata: Metadata;
  readonly source: Source;
  readonly pipelineVersion: string;
  readonly processedAt: string;
  readonly explain: boolean;
  /** The page's images (none for plain text). */
  readonly images?: readonly WalkImage[];
  /** Resolves a link target or image address of the page (./html/targets.ts); null drops it. */
  readonly resolveTarget?: (href: string) => string | null;
}

const asWritten = (href: string): string => href;

const DEDUPLICATED: ReadonlySet<SegmentType> = new Set(['body', 'caption']);

function perClass(): Record<SegmentType, number> {
  return Object.fromEntries(SEGMENT_TYPES.map((t) => [t, 0])) as Record<SegmentType, number>;
}

/** A block as a segment: v1's fields, then the structure fields the block has (absent ones left out). */
function segmentOf(block: Block, type: SegmentType, tag: string | null, cues: string[], resolve: (href: string) => string | null): Segment {
  const segment: Segment = { type, text: block.text, tag, cues };
  if (block.headingLevel > 0) segment.heading = block.headingLevel;
  if (block.list !== undefined) segment.list = block.list;
  if (block.quote !== undefined) segment.quote = block.quote;
  if (block.code !== undefined) segment.code = block.code;
  if (block.table !== undefined) segment.table = { rows: resolveCells(block.table.rows, resolve) };
  const spans = resolveSpans(spansOf(block), resolve);
  if (spans !== undefined) segment.spans = spans;
  return segment;
}

export function buildDocument(parts: DocumentParts): CleanDocument {
  const segments: Segment[] = [];
  const dropped: DroppedBlock[] = [];
  const counts = perClass();
  const characters = perClass();
  let chromeCharacters = 0;
  let chromeBlocks = 0;
  let repeatCharacters = 0;
  const seen = new Set<string>();
  const segmentBefore = new Int32Array(parts.classified.length + 1);
  for (const { block, type, cues } of parts.classified) {
    segmentBefore[block.index] = segments.length;
    const tag = block.tag || null;
    if (type === 'chrome') {
      chromeCharacters += block.text.length;
      chromeBlocks++;
      if (parts.explain) dropped.push({ text: block.text, tag, reason: cues.join(' ') });
      continue;
    }
    if (DEDUPLICATED.has(type)) {
      const key = `${type}\u0000${block.text}`;
      if (seen.has(key)) {
        repeatCharacters += block.text.length;
        if (parts.explain) dropped.push({ text: block.text, tag, reason: 'repeat' });
        continue;
      }
      seen.add(key);
    }
    segments.push(segmentOf(block, type, tag, cues, parts.resolveTarget ?? asWritten));
    counts[type]++;
    characters[type] += block.text.length;
  }
  segmentBefore[parts.classified.length] = segments.length;
  const bodyText = segments.filter((s) => s.type === 'body').map((s) => s.text).join('\n\n');
  const keptCharacters = SEGMENT_TYPES.reduce((sum, type) => sum + characters[type], 0);
  const document: CleanDocument = {
    schemaVersion: 2,
    pipelineVersion: parts.pipelineVersion,
    processedAt: parts.processedAt,
    source: parts.source,
    ...parts.metadata,
    segments,
    bodyText,
    images: parts.images ? bodyImages(parts.classified, parts.images, segmentBefore, parts.resolveTarget ?? asWritten) : [],
    stats: { segments: counts, characters, chromeCharacters, chromeBlocks },
    quality: assessQuality({ bodyText, bodyCharacters: characters.body, keptCharacters, visibleCharacters: keptCharacters + chromeCharacters + repeatCharacters }),
  };
  if (parts.explain) document.dropped = dropped;
  return document;
}
