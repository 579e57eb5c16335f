/**
 * Quality signals of a document: how much body text it kept, what share of the page's visible
 * text that is, and warnings for results that are empty or doubtful. A page cleaned into a
 * document without body text is not an error (the bytes were read, the page may really have no
 * article: a login wall, a gallery, an index), but it must not pass silently either: the CLI
 * counts the warnings in its summary (and fails on NO_BODY with --fail-on-empty), the Lambda
 * function logs them and emits a metric per warning.
 *
 * Zod-free, like segment-types.ts: the schema imports the warning names from here, and the
 * Lambda bundle carries no zod.
 */
import type { Watchdog } from './watchdog.js';
import { countWords } from './words.js';

/** The warnings a document can carry, in the order they are listed. */
export const QUALITY_WARNINGS = [
  /** No body segment at all: `bodyText` is empty. */
  'NO_BODY',
  /** Some body text, but less than QUALITY_THRESHOLDS.lowTextWords words of it. */
  'LOW_TEXT',
  /**
   * The input was declared plain text (a text/plain content type, a .txt name) but is an HTML
   * document: it was cleaned as the text it was declared, so its tags and script text are in the
   * segments. Clean it again with the content type text/html (the CLI's --content-type).
   */
  'MARKUP_AS_TEXT',
  /**
   * The scrape is a bot check or an access-denied page, not the page asked for: a bot-protection
   * vendor's interstitial (Cloudflare's "Just a moment...", Akamai's "Access Denied", PerimeterX,
   * DataDome, Imperva, AWS WAF…) or a bare CAPTCHA gate, told by its standard wording on a page that
   * holds little else (./blocked.ts). Fetch the page again.
   */
  'BLOCKED_PAGE',
  /**
   * The scraper reports that the site answered with an HTTP error status (Jina Reader's "Warning: Target URL returned
   * error 404: Not Found", 403, 500…): the text is the site's error page, or nothing, not the page asked for. Fetch it
   * again, or drop it.
   */
  'HTTP_ERROR',
] as const;

export type QualityWarning = (typeof QUALITY_WARNINGS)[number];

/** Where a warning starts, set on the training part of eval/split.json, never the validation pages. */
export const QUALITY_THRESHOLDS = {
  /**
   * Fewer body words than this is LOW_TEXT. [50] On the 313 modern-web training pages, the 8
   * documents with 1 to 49 body words all missed the page's text: their gold text had a median
   * of 560 words, their shingle F1 a median of 0.13 or less (`npm run eval -- --part train`
   * prints the median F1 of each warning); documents of 75 words and more were often right. A
   * lower bound, so that a real news brief does not raise it.
   */
  lowTextWords: 50,
  /**
   * A page whose blocks hold more characters than this is never BLOCKED_PAGE, whatever it says: an
   * interstitial holds little else than the vendor's wording. [1500] The longest of the vendors'
   * standard pages, Cloudflare's block page ("Sorry, you have been blocked"), has about 730
   * characters of text; its CAPTCHA page about 690, PerimeterX's older page about 530, the others
   * under 300 (test/core/interstitials.ts): twice the longest, for a site's own footer or a longer
   * host name. An article that quotes the wording has more.
   */
  blockedPageCharacters: 1500,
  /**
   * Characters of a page without any text that are searched for a frame's fallback text (Imperva's
   * incident page says "Request unsuccessful. Incapsula incident ID" in its <iframe> alone). [8192]
   * That page is about 1,000 characters of markup; the bound keeps the search short on a huge page
   * of markup without text.
   */
  blockedPageMarkup: 8192,
} as const;

export interface QualityParts {
  readonly bodyText: string;
  /** Characters of the body segments. */
  readonly bodyCharacters: number;
  /** Characters of every segment kept (body, caption, ad, legal). */
  readonly keptCharacters: number;
  /** Characters of all the visible text: the segments, the chrome dropped and the repeats dropped. */
  readonly visibleCharacters: number;
  /** The input was declared plain text but is an HTML document (DecodedInput.markupAsText). */
  readonly markupAsText?: boolean;
  /** The page is a bot check or an access-denied page (./blocked.ts). */
  readonly blockedPage?: boolean;
  /** The scraper reports an HTTP error status of the site (./text/metadata.ts scraperReports). */
  readonly httpError?: boolean;
  /** Looked at while the words are counted. */
  readonly watchdog?: Watchdog;
}

export interface Quality {
  /** Words of `bodyText`, as Unicode word segmentation counts them (CJK and Thai by dictionary). */
  bodyWords: number;
  /** Share of the visible text that is body, 0 to 1 (3 decimals). */
  bodyShare: number;
  /** Share of the visible text kept in segments of any class, 0 to 1 (3 decimals); the rest was dropped as chrome or repeats. */
  keptShare: number;
  warnings: QualityWarning[];
}

const share = (part: number, whole: number): number => (whole > 0 ? Math.round((1000 * part) / whole) / 1000 : 0);

export function assessQuality(parts: QualityParts): Quality {
  const bodyWords = countWords(parts.bodyText, parts.watchdog);
  const warnings: QualityWarning[] = [];
  if (bodyWords === 0) warnings.push('NO_BODY');
  else if (bodyWords < QUALITY_THRESHOLDS.lowTextWords) warnings.push('LOW_TEXT');
  if (parts.markupAsText) warnings.push('MARKUP_AS_TEXT');
  if (parts.blockedPage) warnings.push('BLOCKED_PAGE');
  if (parts.httpError) warnings.push('HTTP_ERROR');
  return {
    bodyWords,
    bodyShare: share(parts.bodyCharacters, parts.visibleCharacters),
    keptShare: share(parts.keptCharacters, parts.visibleCharacters),
    warnings,
  };
}
