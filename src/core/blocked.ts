/**
 * Whether a scrape is a bot-protection interstitial or an access-denied page (quality warning
 * BLOCKED_PAGE): a Cloudflare challenge or block page, Akamai's "Access Denied", a PerimeterX,
 * DataDome, Imperva, AWS WAF or Sucuri page, a bare CAPTCHA gate. Such a page cleans into an
 * ordinary document whose body is the vendor's text; its user should fetch the page again.
 *
 * Told by the vendors' standard wording (./cues/blocked-pages.ts) in the page's title and text,
 * on a page that holds little else: never by a script or a frame alone (a challenge's own markup
 * counts as one hint beside the wording).
 */
import { BLOCKED_PAGE_MARKUP, BLOCKED_PAGE_WORDS } from './cues/blocked-pages.js';
import { QUALITY_THRESHOLDS } from './quality.js';

const lists = Object.values(BLOCKED_PAGE_WORDS);
const joined = (kind: 'titles' | 'plainTitles' | 'texts' | 'hints'): string => lists.flatMap((words) => words[kind].map(([fragment]) => fragment)).join('|');

const TITLE = new RegExp(`^(?:${joined('titles')})$`, 'i');
const PLAIN_TITLE = new RegExp(`^(?:${joined('plainTitles')})$`, 'i');
const TEXT = new RegExp(`(?:${joined('texts')})`, 'i');
const HINT = new RegExp(`^(?:${joined('hints')})[\\s.!?…]*$`, 'i');
const MARKUP = new RegExp(BLOCKED_PAGE_MARKUP.map(([fragment]) => fragment).join('|'), 'i');
/** The fallback text of an <iframe> (what Imperva's incident page says: its only text). Bounded, no nested quantifier. */
const FRAME_TEXT = /<iframe\b[^>]{0,2000}>([^<]{1,2000})<\/iframe/gi;

const tidy = (text: string): string => text.replace(/\s+/g, ' ').trim();

export interface PageText {
  /** The page's `<title>` as written (null when it has none; a text scrape's title). */
  readonly title: string | null;
  /** Every block of the page, whatever its class. */
  readonly blocks: ReadonlyArray<{ readonly text: string }>;
  /** The page's markup, for the fallback text of its frames (absent for a text scrape). */
  readonly html?: string;
}

export function isBlockedPage(page: PageText): boolean {
  // An interstitial's title is a few words: a longer one (up to megabytes on a hostile page) is not read, nor copied.
  if (page.title !== null && page.title.length > QUALITY_THRESHOLDS.blockedPageCharacters) return false;
  let characters = 0;
  for (const { text } of page.blocks) {
    characters += text.length;
    if (characters > QUALITY_THRESHOLDS.blockedPageCharacters) return false;
  }
  const texts = page.blocks.map(({ text }) => tidy(text));
  if (page.html !== undefined && characters === 0) for (const match of page.html.slice(0, QUALITY_THRESHOLDS.blockedPageMarkup).matchAll(FRAME_TEXT)) texts.push(tidy(match[1]!));
  const title = page.title === null ? '' : tidy(page.title);
  if (TITLE.test(title) || texts.some((text) => TEXT.test(text))) return true;
  const plainTitle = PLAIN_TITLE.test(title);
  // A title an ordinary page may have too decides alone only where the page has no text besides (frame text included).
  if (plainTitle && texts.every((text) => text === '')) return true;
  const hints = (HINT.test(title) || plainTitle ? 1 : 0) + texts.filter((text) => HINT.test(text)).length;
  // A challenge's own markup is a hint in any language: its title with a translated text ("Just a moment..." above
  // "Bestätigen Sie, dass Sie ein Mensch sind…") said nothing the English lists know.
  return hints >= 2 || (hints === 1 && page.html !== undefined && MARKUP.test(page.html));
}
