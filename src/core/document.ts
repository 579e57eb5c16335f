/**
 * Classified blocks + metadata → the clean document (schema version 1).
 *
 * Exact repeats of a body or caption segment are dropped (duplicated content: a caption in
 * both the gallery and the lightbox, a paragraph in desktop and mobile markup). Repeated ad and
 * legal slots are kept: each marks its own place in the page, and SEGMENTS.md labels each
 * "Article continues after this advertisement" separately.
 */
import type { Classified } from './classify.js';
import type { Metadata } from './metadata.js';
import type { CleanDocument, DroppedBlock, Segment, Source } from './schema.js';
import { SEGMENT_TYPES, type SegmentType } from './segment-types.js';

export interface DocumentParts {
  readonly classified: readonly Classified[];
  readonly metadata: Metadata;
  readonly source: Source;
  readonly pipelineVersion: string;
  readonly processedAt: string;
  readonly explain: boolean;
}

const DEDUPLICATED: ReadonlySet<SegmentType> = new Set(['body', 'caption']);

function perClass(): Record<SegmentType, number> {
  return Object.fromEntries(SEGMENT_TYPES.map((t) => [t, 0])) as Record<SegmentType, number>;
}

export function buildDocument(parts: DocumentParts): CleanDocument {
  const segments: Segment[] = [];
  const dropped: DroppedBlock[] = [];
  const counts = perClass();
  const characters = perClass();
  let chromeCharacters = 0;
  let chromeBlocks = 0;
  const seen = new Set<string>();
  for (const { block, type, cues } of parts.classified) {
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
        if (parts.explain) dropped.push({ text: block.text, tag, reason: 'repeat' });
        continue;
      }
      seen.add(key);
    }
    segments.push({ type, text: block.text, tag, cues });
    counts[type]++;
    characters[type] += block.text.length;
  }
  const document: CleanDocument = {
    schemaVersion: 1,
    pipelineVersion: parts.pipelineVersion,
    processedAt: parts.processedAt,
    source: parts.source,
    ...parts.metadata,
    segments,
    bodyText: segments.filter((s) => s.type === 'body').map((s) => s.text).join('\n\n'),
    stats: { segments: counts, characters, chromeCharacters, chromeBlocks },
  };
  if (parts.explain) document.dropped = dropped;
  return document;
}
