/**
 * The core's one entry point: raw scrape bytes in, one clean document out.
 *
 *   decode → (HTML: ./html/page.ts: parse (htmlparser2, in chunks under the watchdog) → walk →
 *   cheerio: page metadata → classify (./classifier)) | (text: lines → metadata → line model,
 *   text/lines.ts) → document (links resolved for the segments)
 *
 * Pure: no AWS, no I/O, no process-wide state; the same bytes give the same document apart
 * from `processedAt`. Throws CleanError (typed, permanent) for input it cannot clean.
 */
import { createHash } from 'node:crypto';
import { declaresMarkdown, decode, type RawInput } from './decode.js';
import { resolveOptions, type CleanOptionsInput } from './options.js';
import { CleanError } from './errors.js';
import { Watchdog } from './watchdog.js';
import type { WalkImage } from './html/walk.js';
import { baseUrl, targetResolver } from './html/targets.js';
import { feedToHtml } from './feed.js';
import { cdataAsText } from './xhtml.js';
import { classifyBlocks } from './classifier/cascade.js';
import type { Classified } from './classifier/classes.js';
import { classifyHtmlBlocks } from './classifier/index.js';
import { readHtmlPage } from './html/page.js';
import { afterCapture, type Metadata } from './metadata.js';
import { decideTextLines, readTextLines } from './text/lines.js';
import { scraperReports } from './text/metadata.js';
import { buildDocument } from './document.js';
import { isBlockedPage } from './blocked.js';
import { detectLanguageOf } from './language.js';
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
  /** When the page was captured, when known (a WARC record's WARC-Date, ISO 8601): a date of the page's after it is no
   *  date it was published or changed (a countdown's, an event's, a copy's clock), and is left out (../metadata.ts). */
  readonly capturedAt?: string | null;
}

/** Line breaks (LF, CR, CRLF) plus one, without allocating. */
function countLines(text: string): number {
  let lines = 1;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lines++;
  for (let at = text.indexOf('\r'); at !== -1; at = text.indexOf('\r', at + 1)) if (text.charCodeAt(at + 1) !== 0x0a) lines++;
  return lines;
}

export function clean(input: CleanInput, options: CleanOptionsInput = {}): CleanDocument {
  const resolved = resolveOptions(options);
  const watchdog = new Watchdog(resolved.timeBudgetMs);
  const decoded = decode(input, resolved.maxBytes, watchdog);
  watchdog.check('decoding');

  let classified: Classified[];
  let metadata: Metadata;
  let images: WalkImage[] | undefined;
  let resolveTarget: ((href: string) => string | null) | undefined;
  let blockedPage = false;
  let httpError = false;
  if (decoded.format !== 'text') {
    // A feed is read as the page of its items; XHTML served as XML has its CDATA sections as text.
    const html = decoded.format === 'feed' ? feedToHtml(decoded.text, watchdog) : decoded.format === 'xhtml' ? cdataAsText(decoded.text) : decoded.text;
    const { walked, meta, echoes } = readHtmlPage(html, watchdog, resolved, input.url ?? null, { nulFree: decoded.format === 'html' && decoded.nulFree });
    images = walked.images;
    resolveTarget = targetResolver(baseUrl(walked.baseHref, input.url ?? meta.url));
    // The block models learned from web pages; a feed's page of items is none (the rules read it, as before them).
    classified =
      decoded.format === 'feed'
        ? classifyBlocks(walked.blocks, walked.containers, echoes, resolved.classification, watchdog)
        : classifyHtmlBlocks(
            { blocks: walked.blocks, containers: walked.containers, echoes, language: meta.language, pageTypes: meta.pageTypes },
            { classification: resolved.classification, minBodyProbability: resolved.minBodyProbability, explain: resolved.explain },
            watchdog,
          );
    // A feed is its publisher's own: never an interstitial.
    blockedPage = decoded.format !== 'feed' && isBlockedPage({ title: walked.metadata.title, blocks: walked.blocks, html });
    const { titleCandidates: _ignored, pageTypes: _types, ...fields } = meta;
    metadata = fields;
  } else {
    // The bound of maxNodes, for plain text: every line can be a block.
    const lineCount = countLines(decoded.text);
    if (lineCount > resolved.maxNodes) throw new CleanError('TOO_LARGE', `the text has ${lineCount} lines, more than the maxNodes limit of ${resolved.maxNodes}`);
    const { lines, metadata: meta } = readTextLines(decoded.text, watchdog, declaresMarkdown(input), resolved);
    classified = decideTextLines(lines, undefined, watchdog, resolved.explain);
    // A Markdown scrape's links and images are resolved against the page's address (the scraper's header gives it).
    if (lines.markdown) {
      images = [...lines.images];
      resolveTarget = targetResolver(baseUrl(null, input.url ?? meta.url));
    }
    // A scraper's header may say the site answered with an error status or a CAPTCHA: the text is not the page asked for.
    const reports = scraperReports(lines.blocks);
    httpError = reports.httpError;
    blockedPage = reports.captcha || isBlockedPage({ title: meta.title, blocks: lines.blocks });
    const { lifted: _lifted, titleCandidates: _titles, ...fields } = meta;
    metadata = fields;
  }
  watchdog.check('classifying');
  // Pages without `lang` and plain-text scrapes: tell the language from the body text.
  metadata.language ??= detectLanguageOf(bodyTexts(classified));
  // A date after the capture is not when the page was published or changed (without a capture date, dates stay as read).
  if (input.capturedAt) {
    if (afterCapture(metadata.publishedAt, input.capturedAt)) metadata.publishedAt = null;
    if (afterCapture(metadata.modifiedAt, input.capturedAt)) metadata.modifiedAt = null;
  }

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
      ...(decoded.doubleEncoded ? { doubleEncoded: true as const } : {}),
    },
    pipelineVersion: PIPELINE_VERSION,
    processedAt: resolved.now().toISOString(),
    explain: resolved.explain,
    images,
    resolveTarget,
    markupAsText: decoded.markupAsText,
    blockedPage,
    httpError,
    watchdog,
  });
}

function* bodyTexts(classified: readonly Classified[]): Generator<string> {
  for (const item of classified) if (item.type === 'body') yield item.block.text;
}
