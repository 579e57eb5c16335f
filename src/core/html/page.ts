/**
 * Decoded HTML → what the classifier reads: the tree parsed (htmlparser2, in chunks under the
 * watchdog) and walked into blocks, the page's metadata read with cheerio, and the keys of the
 * metadata's copies in the page. `clean` classifies what this returns; the classifier's trainer
 * (src/learn) learns from the same.
 */
import { load } from 'cheerio/slim';
import { walk, type Block, type ContainerTable, type WalkImage } from './walk.js';
import { readPageMetadata, type RawMetadata } from './page-metadata.js';
import { parseHtmlRouted, type ParseHints } from '../parse.js';
import { echoKey, type MetadataEchoes } from '../classifier/echoes.js';
import { htmlMetadata } from '../metadata.js';
import { baseUrl } from './targets.js';
import type { CleanOptions } from '../options.js';
import type { Watchdog } from '../watchdog.js';

/**
 * One cheerio API for every page, made once: it wraps the elements of a parsed document as they are
 * (no copy) for the selector queries of the page metadata. A `load()` per page would build a new
 * cheerio class around each document, and V8 keeps such a class, and the whole tree with it,
 * until its next full collection: each tree was then copied out of the young generation and
 * promoted (dev corpus: collections went from 1 s a pass to 0.1 s without it). It holds no state
 * of a page: its own document is empty.
 */
const cheerio = load([]);

/**
 * Parse, read and walk in a scope of their own: the tree (most of the memory of a big page) is
 * garbage once the blocks are out, before the classifier allocates its own.
 */
export function parseAndWalk(
  html: string,
  watchdog: Watchdog,
  options: CleanOptions,
  hints: ParseHints = {},
): { blocks: Block[]; images: WalkImage[]; containers: ContainerTable; metadata: RawMetadata; baseHref: string | null } {
  const { document, parser } = parseHtmlRouted(html, watchdog, { maxNodes: options.maxNodes }, hints);
  const { blocks, images, containers, captured, metadataSources } = walk(document, watchdog, { shadowRoots: parser !== 'htmlparser2' });
  watchdog.check('walking the HTML tree');
  // The first <base href> is the document's base URL (HTML standard, "frozen base URL").
  const base = metadataSources.elements.find((element) => element.name === 'base' && element.attribs.href !== undefined);
  return { blocks, images, containers, metadata: readPageMetadata(cheerio, metadataSources, captured), baseHref: base?.attribs.href ?? null };
}

/** An HTML page read up to its blocks: the walk, the metadata, and what copies of the metadata in the page look like. */
export interface HtmlPage {
  readonly walked: ReturnType<typeof parseAndWalk>;
  readonly meta: ReturnType<typeof htmlMetadata>;
  readonly echoes: MetadataEchoes;
}

/**
 * Decoded HTML → blocks and metadata: what `clean` classifies (and what the classifier's trainer learns from).
 * `pageUrl`: the address the page came from, when known (a relative canonical link resolves against it); `hints`:
 * what the caller knows of the text (../parse.ts ParseHints).
 */
export function readHtmlPage(html: string, watchdog: Watchdog, options: CleanOptions, pageUrl: string | null = null, hints: ParseHints = {}): HtmlPage {
  const walked = parseAndWalk(html, watchdog, options, hints);
  const meta = htmlMetadata(walked.metadata, watchdog, walked.blocks, baseUrl(walked.baseHref, pageUrl));
  // A title of punctuation alone keys to '': no block may match it.
  const keys = (texts: ReadonlyArray<string | null>): Set<string> => new Set(texts.filter((t): t is string => !!t).map(echoKey).filter(Boolean));
  return { walked, meta, echoes: { titles: keys(meta.titleCandidates), bylines: keys([meta.byline, ...walked.metadata.authors]) } };
}

