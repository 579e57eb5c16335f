/**
 * Classified blocks + metadata → the clean document (schema version 2): the segments with the
 * structure their blocks carry, and the images of the body (./images.ts).
 *
 * A repeat of a body or caption segment is dropped only when it is a layout copy: the same block
 * rendered twice (a paragraph in desktop and mobile markup, a caption in the gallery and the
 * lightbox: every repeated caption), known by its length (a paragraph is not repeated by chance)
 * or by its neighbours (a run of blocks repeated together). Short repeats that stand among other text are content: table
 * cells, list items, ingredients, a chorus. Copies of the title and byline went earlier (the
 * metadata rules). Repeated ad and legal slots are kept: each marks its own place in the page, and
 * SEGMENTS.md labels each "Article continues after this advertisement" separately.
 */
import type { Classified } from './classifier/classes.js';
import type { Block, WalkImage } from './html/walk.js';
import { spansOf } from './html/inline.js';
import { resolveCells, resolveSpans } from './html/targets.js';
import { bodyImages } from './images.js';
import type { Metadata } from './metadata.js';
import { assessQuality } from './quality.js';
import type { CleanDocument, DroppedBlock, Segment, Source } from './schema.js';
import { SEGMENT_TYPES, type SegmentType } from './segment-types.js';
import { REPEATS } from './cues/thresholds.js';
import { CLOCK_CHECKS, type Watchdog } from './watchdog.js';

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
  /** The input was declared plain text but is an HTML document (quality warning MARKUP_AS_TEXT). */
  readonly markupAsText?: boolean;
  /** The page is a bot check or an access-denied page (quality warning BLOCKED_PAGE, ./blocked.ts). */
  readonly blockedPage?: boolean;
  /** The scraper reports an HTTP error status of the site (quality warning HTTP_ERROR, ./text/metadata.ts scraperReports). */
  readonly httpError?: boolean;
  /**
   * Looked at every CLOCK_CHECKS.blocksPerCheck blocks, images and words: a page of a million
   * blocks takes seconds to build into a document (issue 13 §1: lines-1m.txt ended past the
   * budget plus one second when its line model ended just before the budget).
   */
  readonly watchdog?: Watchdog;
}

const BUILDING = 'building the document';

const asWritten = (href: string): string => href;

const DEDUPLICATED: ReadonlySet<SegmentType> = new Set(['body', 'caption']);

/**
 * Whether block `i` repeats block `j` (same class and text, `j` earlier) as a layout copy: long
 * enough that it cannot repeat by chance, or in a run of at least REPEATS.minLayoutCopyRun blocks
 * that repeat the blocks around `j` one for one.
 */
function isLayoutCopy(classified: readonly Classified[], i: number, j: number): boolean {
  if (classified[i]!.block.text.length >= REPEATS.minLayoutCopyChars) return true;
  const same = (a: number, b: number): boolean => a >= 0 && b >= 0 && a < classified.length && b < classified.length && a !== b && classified[a]!.block.text === classified[b]!.block.text;
  let run = 1;
  for (let k = 1; run < REPEATS.minLayoutCopyRun && same(i - k, j - k); k++) run++;
  for (let k = 1; run < REPEATS.minLayoutCopyRun && same(i + k, j + k); k++) run++;
  return run >= REPEATS.minLayoutCopyRun;
}

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

/**
 * Whether block `i` goes on the code block of the segment before it: both are text of one <pre>
 * (a highlighter's <div> or <p> per line, or a run too long for one block, makes several blocks),
 * of one class, with no block between them. One code block is one segment, its lines joined, as a
 * browser draws the block elements of a <pre> one under the other: written as a segment each, a
 * program came out as a fenced block per line.
 */
function continuesCode(classified: readonly Classified[], i: number, lastFrom: number): boolean {
  return continuesRun(classified, i, lastFrom, codeBlockOf);
}

/** Whether block `i` goes on the table of the segment before it: rows of one table given a block each (a Markdown scrape's), of one class, adjacent. */
function continuesTable(classified: readonly Classified[], i: number, lastFrom: number): boolean {
  return continuesRun(classified, i, lastFrom, tableBlockOf);
}

/** Whether block `i` and the block the last segment was made of are adjacent, of one class and of one run (`runOf`, undefined for none). */
function continuesRun(classified: readonly Classified[], i: number, lastFrom: number, runOf: (block: Block) => number | undefined): boolean {
  const { block, type } = classified[i]!;
  const run = runOf(block);
  // lastFrom is -1 before the first segment: the first block (i = 0) has nothing before it to continue.
  if (run === undefined || lastFrom < 0 || lastFrom !== i - 1) return false;
  const before = classified[lastFrom]!;
  return runOf(before.block) === run && before.type === type;
}

const codeBlockOf = (block: Block): number | undefined => block.codeBlock;
const tableBlockOf = (block: Block): number | undefined => (block.table === undefined ? undefined : block.tableBlock);

export function buildDocument(parts: DocumentParts): CleanDocument {
  const segments: Segment[] = [];
  const dropped: DroppedBlock[] = [];
  const counts = perClass();
  const characters = perClass();
  let chromeCharacters = 0;
  let chromeBlocks = 0;
  let repeatCharacters = 0;
  // The first block of each text, per deduplicated class (keyed by the text itself, whose hash the block features already took).
  const seen = new Map<SegmentType, Map<string, number>>([...DEDUPLICATED].map((type) => [type, new Map<string, number>()]));
  const segmentBefore = new Int32Array(parts.classified.length + 1);
  // The classified block the last segment was made of (or joined from), for continuesCode.
  let lastFrom = -1;
  for (let i = 0; i < parts.classified.length; i++) {
    if (i % CLOCK_CHECKS.blocksPerCheck === 0) parts.watchdog?.check(BUILDING);
    const { block, type, cues } = parts.classified[i]!;
    segmentBefore[block.index] = segments.length;
    const tag = block.tag || null;
    if (type === 'chrome') {
      chromeCharacters += block.text.length;
      chromeBlocks++;
      if (parts.explain) dropped.push({ text: block.text, tag, reason: cues.join(' ') });
      continue;
    }
    if (continuesCode(parts.classified, i, lastFrom)) {
      const last = segments[segments.length - 1]!;
      segmentBefore[block.index] = segments.length - 1;
      segments[segments.length - 1] = { ...last, text: `${last.text}\n${block.text}`, code: { language: last.code!.language, text: `${last.code!.text}\n${block.code!.text}` } };
      characters[type] += block.text.length + 1;
      lastFrom = i;
      continue;
    }
    if (continuesTable(parts.classified, i, lastFrom)) {
      const last = segments[segments.length - 1]!;
      segmentBefore[block.index] = segments.length - 1;
      const rows = resolveCells(block.table!.rows, parts.resolveTarget ?? asWritten);
      segments[segments.length - 1] = { ...last, text: `${last.text}\n${block.text}`, table: { rows: [...last.table!.rows, ...rows] } };
      characters[type] += block.text.length + 1;
      lastFrom = i;
      continue;
    }
    const seenOfType = seen.get(type);
    if (seenOfType !== undefined) {
      const earlier = seenOfType.get(block.text);
      // A caption repeats only as a layout copy (the gallery and its lightbox); body text may repeat on purpose.
      if (earlier !== undefined && (type === 'caption' || isLayoutCopy(parts.classified, i, earlier))) {
        repeatCharacters += block.text.length;
        if (parts.explain) dropped.push({ text: block.text, tag, reason: 'repeat' });
        continue;
      }
      if (earlier === undefined) seenOfType.set(block.text, i);
    }
    segments.push(segmentOf(block, type, tag, cues, parts.resolveTarget ?? asWritten));
    lastFrom = i;
    counts[type]++;
    characters[type] += block.text.length;
  }
  segmentBefore[parts.classified.length] = segments.length;
  parts.watchdog?.check(BUILDING);
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
    images: parts.images ? bodyImages(parts.classified, parts.images, segmentBefore, parts.resolveTarget ?? asWritten, parts.watchdog, parts.metadata.image) : [],
    stats: { segments: counts, characters, chromeCharacters, chromeBlocks },
    quality: assessQuality({
      bodyText,
      bodyCharacters: characters.body,
      keptCharacters,
      visibleCharacters: keptCharacters + chromeCharacters + repeatCharacters,
      markupAsText: parts.markupAsText,
      blockedPage: parts.blockedPage,
      httpError: parts.httpError,
      watchdog: parts.watchdog,
    }),
  };
  if (parts.explain) document.dropped = dropped;
  return document;
}
