/**
 * Metadata of a plain-text scrape: the headline (a line repeated near the top, or a short first
 * line), the dateline, a "By …" byline and the page's address on a line of its own, all lifted out
 * of the segments.
 */
import type { Block } from '../html/walk.js';
import { TEXT_LAYOUT } from '../cues/thresholds.js';
import { BYLINE, DATELINE_HINT, MARKDOWN_CONTENT_LINE, SCRAPER_CAPTCHA, SCRAPER_HTTP_ERROR, SCRAPER_WARNING, TITLE_LABEL, URL_LINE } from '../cues/text.js';
import { cleanByline, datelineOf, numericDateOrder, standardUrl, type Metadata } from '../metadata.js';
import { echoKey } from '../classifier/echoes.js';
import { CLOCK_CHECKS, type Watchdog } from '../watchdog.js';

const ENDS_SENTENCE = /[.!?。！？]["”’)]?$/;

export interface TextMetadata extends Metadata {
  /** Blocks lifted into metadata (headline copies, dateline, byline). */
  readonly lifted: ReadonlySet<number>;
  readonly titleCandidates: string[];
}

/** Blocks read between two looks at the clock. */
const BLOCKS_PER_CHECK = CLOCK_CHECKS.linesPerCheck;

/**
 * BYLINE asks for a lower-case "by" (the block model reads it on the markup's text as written, and
 * learned so); a text scrape's byline line is written as a page shows it, "By Maria Okafor" or
 * "BY MARIA…". Its first word is compared lower-cased; the name after it keeps its capital.
 */
const LEAD_WORD = /^\p{L}+/u;
const leadWordLowerCase = (text: string): string => text.replace(LEAD_WORD, (word) => word.toLowerCase());

/**
 * What a scraper's header (Jina Reader's, down to its "Markdown Content:" line) says of the scrape: that the site answered
 * with an HTTP error status (SCRAPER_HTTP_ERROR), or with a CAPTCHA (SCRAPER_CAPTCHA). The text under it is then the
 * site's error or check page, or nothing, not the page asked for (quality warnings HTTP_ERROR, BLOCKED_PAGE).
 */
export function scraperReports(blocks: readonly Block[]): { httpError: boolean; captcha: boolean } {
  const head = blocks.slice(0, TEXT_LAYOUT.headerLines);
  const headerEnd = head.findIndex((b) => MARKDOWN_CONTENT_LINE.test(b.text));
  const header = head.slice(0, headerEnd + 1);
  return { httpError: header.some((b) => SCRAPER_HTTP_ERROR.test(b.text)), captcha: header.some((b) => SCRAPER_CAPTCHA.test(b.text)) };
}

/** A line that is all link (a table of contents' entry, a menu's): its link characters cover its text. */
const isLinkLine = (block: Block): boolean => block.text !== '' && block.linkChars >= block.text.length;

/**
 * `language`: the text's, told from its words (./lines.ts): a numeric date is read in its order ("04.03.2024" under a
 * German text is 4 March, as the page's language decides it for HTML).
 */
export function textMetadata(blocks: readonly Block[], watchdog?: Watchdog, language: string | null = null, markdown = false): TextMetadata {
  const order = numericDateOrder(language);
  const head = blocks.slice(0, TEXT_LAYOUT.headerLines);
  const counts = new Map<string, number>();
  for (const block of blocks) {
    // (a million lines take a second a pass: the clock is looked at every few thousand)
    if (block.index % BLOCKS_PER_CHECK === BLOCKS_PER_CHECK - 1) watchdog?.check('reading the metadata of the text');
    // A Markdown scrape's link lines (a table of contents, a menu) repeat its headings and one another: no headline's copies.
    if (markdown && isLinkLine(block)) continue;
    const key = echoKey(block.text);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  // The page's address on a line of its own near the top (a scraper writes it there) is the url, never the headline.
  const addressLine = head.find((b, i) => {
    const address = URL_LINE.exec(b.text);
    return address !== null && (i === 0 || address[1] !== undefined);
  });
  const url = addressLine ? pageAddress(addressLine.text) : null;
  // The headline has words: a line of marks alone (a Setext underline, a "|" or "•" separator) is none, and such lines,
  // all of the same (empty) echo key, do not make one another a repeated headline.
  const lines = head.filter((b) => b !== addressLine && echoKey(b.text) !== '');
  // Jina Reader's header, down to its "Markdown Content:" line (MARKDOWN_CONTENT_LINE): its lines are lifted whole (below:
  // its warnings and that label were body), and its "Title:" line is the one read for the title (fromLabel).
  const headerEnd = head.findIndex((b) => MARKDOWN_CONTENT_LINE.test(b.text));
  const header = head.slice(0, headerEnd + 1);
  const headerTitle = header.find((b) => TITLE_LABEL.test(b.text));
  const repeated = lines.find((b) => !(markdown && isLinkLine(b)) && (counts.get(echoKey(b.text)) ?? 0) > 1 && b.text.length <= TEXT_LAYOUT.maxHeadlineChars);
  const first = headerTitle ?? lines[0];
  // A scraper's "Title:" label before the first line is not the headline's.
  const firstText = first?.text.replace(TITLE_LABEL, '');
  // A Markdown scrape's first level-1 heading is its headline (as an HTML page's h1 is), unless a scraper's header names the title:
  // Firecrawl's Markdown starts with the page's menus. Plain text has no headings. In a Markdown scrape the scraper's "Title:"
  // (the page's title, Jina Reader's header) wins over a line repeated near the top: its menus' entries repeat in its footer.
  const labelled = first !== undefined && TITLE_LABEL.test(first.text);
  const heading = labelled ? undefined : blocks.find((b) => b.headingLevel === 1 && b.text.length <= TEXT_LAYOUT.maxHeadlineChars);
  const fromLabel = markdown && labelled && firstText && firstText.length <= TEXT_LAYOUT.maxHeadlineChars ? firstText : undefined;
  const title =
    fromLabel ?? heading?.text ?? repeated?.text ?? (first && firstText && firstText.length <= TEXT_LAYOUT.maxHeadlineChars && !ENDS_SENTENCE.test(firstText) ? firstText : null);
  // A Markdown scrape's byline and dateline stand under its headline (its first level-1 heading), below the menus: the lines
  // after it are searched too. (Plain text has no heading.)
  const headline = blocks.find((b) => b.headingLevel === 1);
  const near = headline === undefined ? lines : [...lines, ...blocks.slice(headline.index + 1, headline.index + 1 + TEXT_LAYOUT.headerLines).filter((b) => b.index >= TEXT_LAYOUT.headerLines && echoKey(b.text) !== '')];

  const lifted = new Set<number>();
  if (addressLine) lifted.add(addressLine.index);
  if (title && first && firstText === title) lifted.add(first.index);
  let publishedAt: string | null = null;
  let modifiedAt: string | null = null;
  let datelineRead = false;
  let byline: string | null = null;
  let bylineRead = false;
  for (const block of near) {
    if (lifted.has(block.index) || (block.index <= headerEnd && SCRAPER_WARNING.test(block.text))) continue;
    if (title && echoKey(block.text) === echoKey(title)) {
      lifted.add(block.index);
      continue;
    }
    const isByline = !bylineRead && BYLINE.test(leadWordLowerCase(block.text));
    if (!datelineRead && block.text.length <= 80 && DATELINE_HINT.test(block.text)) {
      const dateline = datelineOf(block.text, order);
      if (dateline) {
        // An update's dateline ("Updated March 5, 2024") is the modification's date, not the publication's (it was
        // publishedAt); it is lifted as the dateline all the same.
        if (dateline.update) modifiedAt = dateline.date;
        else publishedAt = dateline.date;
        // "Published March 3, 2024 · Updated March 5, 2024": the update's date after the publication's.
        modifiedAt ??= dateline.updated;
        datelineRead = true;
        lifted.add(block.index);
        // A byline that gives the date ("By Jane Doe | March 4, 2024") is read for both.
        if (!isByline) continue;
      }
    }
    if (isByline) {
      // The name alone, as an HTML page's byline is read: the tail after a separator or a date left out ("By Jane Doe |
      // Reuters", "… · 5 min read"); a line that names no one (a year, a handle) gives none.
      byline = cleanByline(block.text);
      bylineRead = true;
      lifted.add(block.index);
    }
  }
  for (const block of header) lifted.add(block.index);
  if (title) {
    const key = echoKey(title);
    for (const block of blocks) {
      if (block.index % BLOCKS_PER_CHECK === BLOCKS_PER_CHECK - 1) watchdog?.check('reading the metadata of the text');
      if (echoKey(block.text) === key) lifted.add(block.index);
    }
  }
  return {
    title,
    byline,
    publishedAt,
    modifiedAt,
    url,
    language: null,
    siteName: null,
    description: null,
    image: null,
    tags: [],
    lifted,
    titleCandidates: title ? [title] : [],
  };
}

/** The address a URL_LINE gives, as the URL standard writes it (percent-encoded, as a page's url is), or null when it does not parse. */
function pageAddress(line: string): string | null {
  return standardUrl(URL_LINE.exec(line)?.[2] ?? null);
}
