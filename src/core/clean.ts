/**
 * The core's one entry point: raw scrape bytes in, one clean document out.
 *
 *   decode → (HTML: parse (htmlparser2, in chunks under the watchdog) → cheerio: page metadata,
 *   walk → classify) | (text: lines → metadata → line model, text/lines.ts) → document (links
 *   resolved for the segments)
 *
 * Pure: no AWS, no I/O, no process-wide state; the same bytes give the same document apart
 * from `processedAt`. Throws CleanError (typed, permanent) for input it cannot clean.
 */
import { createHash } from 'node:crypto';
import { decode, type RawInput } from './decode.js';
import { resolveOptions, type CleanOptions } from './options.js';
import { CleanError } from './errors.js';
import { Watchdog } from './watchdog.js';
import { load } from 'cheerio/slim';
import { walk, type Block, type ContainerTable, type WalkImage } from './html/walk.js';
import { baseUrl, targetResolver } from './html/targets.js';
import { readPageMetadata, type RawMetadata } from './html/page-metadata.js';
import { parseHtml } from './parse.js';
import { feedToHtml } from './feed.js';
import { cdataAsText } from './xhtml.js';
import { classifyBlocks, echoKey, type Classified, type MetadataEchoes } from './classify.js';
import { htmlMetadata, type Metadata } from './metadata.js';
import { decideTextLines, readTextLines } from './text/lines.js';
import { buildDocument } from './document.js';
import { detectLanguage } from './language.js';
import type { CleanDocument } from './schema.js';
import { PIPELINE_VERSION } from './version.js';

export interface CleanInput extends RawInput {
  /** Raw bytes of the scrape, possibly gzipped. */
  readonly bytes: Uint8Array;
  /** Object key or file name; its extension helps tell HTML from text. */
  readonly name: string;
  /** Content type when known (S3 object metadata, HTTP header). */
  readonly contentType?: string | null;
  /** Content-Encoding when known (S3 object metadata, HTTP header): gzip, deflate or br. */
  readonly contentEncoding?: string | null;
  /** The address the page was fetched from, when known (a WARC record's target): relative links and
   *  images are resolved against it (or the page's `<base href>`), else against its canonical URL. */
  readonly url?: string | null;
}

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
function parseAndWalk(
  html: string,
  watchdog: Watchdog,
  options: CleanOptions,
): { blocks: Block[]; images: WalkImage[]; containers: ContainerTable; metadata: RawMetadata; baseHref: string | null } {
  const document = parseHtml(html, watchdog, { maxNodes: options.maxNodes });
  const { blocks, images, containers, captured, metadataSources } = walk(document, watchdog);
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

/** Decoded HTML → blocks and metadata: what `clean` classifies (and what the classifier's trainer learns from). */
export function readHtmlPage(html: string, watchdog: Watchdog, options: CleanOptions): HtmlPage {
  const walked = parseAndWalk(html, watchdog, options);
  const meta = htmlMetadata(walked.metadata, watchdog, walked.blocks);
  // A title of punctuation alone keys to '': no block may match it.
  const keys = (texts: ReadonlyArray<string | null>): Set<string> => new Set(texts.filter((t): t is string => !!t).map(echoKey).filter(Boolean));
  return { walked, meta, echoes: { titles: keys(meta.titleCandidates), bylines: keys([meta.byline, ...walked.metadata.authors]) } };
}

/** Line breaks (LF, CR, CRLF) plus one, without allocating. */
function countLines(text: string): number {
  let lines = 1;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lines++;
  for (let at = text.indexOf('\r'); at !== -1; at = text.indexOf('\r', at + 1)) if (text.charCodeAt(at + 1) !== 0x0a) lines++;
  return lines;
}

export function clean(input: CleanInput, options: Partial<CleanOptions> = {}): CleanDocument {
  const resolved = resolveOptions(options);
  const watchdog = new Watchdog(resolved.timeBudgetMs);
  const decoded = decode(input, resolved.maxBytes, watchdog);
  watchdog.check('decoding');

  let classified: Classified[];
  let metadata: Metadata;
  let images: WalkImage[] | undefined;
  let resolveTarget: ((href: string) => string | null) | undefined;
  if (decoded.format !== 'text') {
    // A feed is read as the page of its items; XHTML served as XML has its CDATA sections as text.
    const html = decoded.format === 'feed' ? feedToHtml(decoded.text, watchdog) : decoded.format === 'xhtml' ? cdataAsText(decoded.text) : decoded.text;
    const { walked, meta, echoes } = readHtmlPage(html, watchdog, resolved);
    images = walked.images;
    resolveTarget = targetResolver(baseUrl(walked.baseHref, input.url ?? meta.url));
    classified = classifyBlocks(walked.blocks, walked.containers, echoes, undefined, watchdog);
    const { titleCandidates: _ignored, pageTypes: _types, ...fields } = meta;
    metadata = fields;
  } else {
    // The bound of maxNodes, for plain text: every line can be a block.
    const lineCount = countLines(decoded.text);
    if (lineCount > resolved.maxNodes) throw new CleanError('TOO_LARGE', `the text has ${lineCount} lines, more than the maxNodes limit of ${resolved.maxNodes}`);
    const { lines, metadata: meta } = readTextLines(decoded.text, watchdog);
    classified = decideTextLines(lines, undefined, watchdog);
    const { lifted: _lifted, titleCandidates: _titles, ...fields } = meta;
    metadata = fields;
  }
  watchdog.check('classifying');
  // Pages without `lang` and plain-text scrapes: tell the language from the body text.
  metadata.language ??= detectLanguage(
    classified
      .filter((item) => item.type === 'body')
      .map((item) => item.block.text)
      .join('\n'),
  );

  return buildDocument({
    classified,
    metadata,
    source: {
      name: input.name,
      bytes: input.bytes.length,
      sha256: createHash('sha256').update(input.bytes).digest('hex'),
      contentType: input.contentType ?? null,
      format: decoded.format,
      encoding: decoded.encoding,
      compression: decoded.compression,
    },
    pipelineVersion: PIPELINE_VERSION,
    processedAt: resolved.now().toISOString(),
    explain: resolved.explain,
    images,
    resolveTarget,
  });
}
