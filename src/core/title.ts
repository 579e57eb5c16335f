/**
 * The page's title: the headline a reader sees, with the site's name left out.
 *
 * What the page states about its title (JSON-LD headline, og:title, <title>…) is written for
 * search results and share cards: it often carries the site's name ("Flexbox - Learn web
 * development | MDN") or an SEO variant of the headline. The h1 is what the page shows, but on
 * many pages the first h1 is the site's logo, a menu heading ("Sections", "Menu") or a search box.
 * So the h1 is the title when it agrees with what the page states (it is a part of it, or shares
 * most of its words); otherwise the stated title, without the trailing parts that name the site
 * ("Headline | Site"). A leading one stays: "Todoist | A To-Do List…" is what the site calls its page.
 */
import { echoKey } from './classifier/echoes.js';
import { TITLE_CUES } from './cues/metadata.js';

/** A separator between parts of a title, with white space on both sides ("Headline | Site", "Site — Headline"). */
const SEPARATOR = /(\s+(?:[|\-–—·•»:~]|::|\/\/?)\s+)/;
/** A permalink mark a documentation generator puts after a heading's text ("ORM Quick Start¶"). */
const PERMALINK_MARK = /\s*[¶§#🔗]\s*$/u;
/** What ends the lead of a title: a colon or an opening bracket ("Jimmy: The Ultimate Device Opener"). */
const PART_END = /\s*[:([]/;
/** Where a bracketed tail of a title starts ("What is a Mobile App? [Definition + Types]", "Best Tents (2025 Update)"). */
const BRACKETED_TAIL = /\s*[([]/;
/** A question mark or a replacement character inside an h1, where a character the charset lacked was (not its last). */
const LOST_CHARACTERS = /[?\uFFFD](?=.*\p{L})/u;
const LOST_RUN = /[?\uFFFD]+/u;

interface Words {
  readonly key: string;
  readonly list: readonly string[];
  /** The key without spaces: "REI Co-op" and "reicoop.com" both come to "reicoop…". */
  readonly squashed: string;
}

function words(text: string): Words {
  const key = echoKey(text);
  return { key, list: key ? key.split(' ') : [], squashed: key.replace(/ /g, '') };
}

/** Whether two texts are the same words but for case, punctuation and "and" (which a title may write "&"). */
function sameWords(a: Words, b: Words): boolean {
  const key = (w: Words): string => w.list.filter((word) => !TITLE_CUES.ampersandWords.has(word)).join(' ');
  return key(a) === key(b);
}

/** Where `inner`'s words start in `outer` as a run, or -1. */
function runAt(outer: readonly string[], inner: readonly string[]): number {
  if (inner.length === 0 || inner.length > outer.length) return -1;
  for (let start = 0; start + inner.length <= outer.length; start++) {
    let i = 0;
    while (i < inner.length && outer[start + i] === inner[i]) i++;
    if (i === inner.length) return start;
  }
  return -1;
}

/** Whether `inner`'s words appear in `outer`, in order and next to each other. */
function containsRun(outer: readonly string[], inner: readonly string[]): boolean {
  return runAt(outer, inner) >= 0;
}

/**
 * The names the site goes by: its stated names (og:site_name, JSON-LD publisher…) and the labels
 * of its host ("developer.mozilla.org" → "mozilla", "developer mozilla").
 */
export function siteWords(siteNames: ReadonlyArray<string | null>, url: string | null): Words[] {
  const out = siteNames.filter((n): n is string => !!n).map(words);
  if (url) {
    let host = '';
    try {
      host = new URL(url).hostname.toLowerCase();
    } catch {
      // An unparsable URL names no site.
    }
    const labels = host.replace(/^www\d*\./, '').split('.').filter(Boolean);
    // Drop the public suffix: the last label, and a short second-level one before a country code (co.uk, com.au).
    labels.pop();
    if (labels.length > 1 && labels[labels.length - 1]!.length <= 3 && host.split('.').pop()!.length === 2) labels.pop();
    if (labels.length > 0) {
      out.push(words(labels[labels.length - 1]!));
      if (labels.length > 1) out.push(words(labels.join(' ')));
    }
  }
  return out.filter((w) => w.list.length > 0);
}

/**
 * A part of a title that names the site: the site's name (or its host) as written, squashed
 * ("REI Co-op" for reicoop), a piece of it ("MDN" of "MDN Web Docs"), or it with one word more
 * ("The Freedonia Group", "Amazon.com").
 */
function namesSite(part: Words, sites: readonly Words[]): boolean {
  if (part.list.length === 0) return true;
  return sites.some(
    (site) =>
      part.key === site.key ||
      part.squashed === site.squashed ||
      // Pieces and extensions of a name too short to tell ("Go" in "Effective Go") are not read as the name.
      (site.squashed.length >= TITLE_CUES.minSiteChars &&
        ((part.list.length <= TITLE_CUES.maxSitePartWords && containsRun(site.list, part.list)) ||
          (part.list.length <= site.list.length + TITLE_CUES.maxSiteExtraWords && containsRun(part.list, site.list)))),
  );
}

/** The parts of a title between its separators, with the separators at odd indexes. */
function split(title: string): string[] {
  return title.split(SEPARATOR);
}

/** The part of a title with the most words ("Ask HN: What are your predictions for 2024?" of "… | Hacker News"). */
export function longestPart(title: string): string {
  let best = title;
  let most = -1;
  for (const [i, piece] of split(title).entries()) {
    const count = i % 2 === 0 ? words(piece).list.length : -1;
    if (count > most) {
      best = piece;
      most = count;
    }
  }
  return best;
}

/** A part that is chrome ("View topic" of "Forum • View topic - Headline") or has no letter ("15 - Tutorial: …"). */
function isChrome(part: Words): boolean {
  return TITLE_CUES.chromeHeadings.has(part.key) || !/\p{L}/u.test(part.key);
}

/** A part that names the site or is chrome. */
function isSiteOrChrome(part: Words, sites: readonly Words[]): boolean {
  return namesSite(part, sites) || isChrome(part);
}

/**
 * A part written as a host name ("Gaspreise | energieverbraucher.de", "… | bcbs.com | …"): the site's name, whether or
 * not the page states it or its address is known; a leading one stays where a leading site's name does
 * (withoutSiteParts). The top-level domain in lower case, of the generic ones or a country's two letters, but not a
 * source file's extension (TITLE_CUES.sourceFileExtensions): "Node.js", "ASP.NET" are names of software.
 */
const HOST_NAME = /^(?:www\.)?(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+(com|org|net|info|edu|gov|[a-z]{2})$/u;

function isHostName(part: string): boolean {
  const m = HOST_NAME.exec(part.trim());
  return m !== null && !TITLE_CUES.sourceFileExtensions.has(m[1]!);
}

/**
 * The title without its leading and trailing parts that name the site; the whole title when every part does.
 * `keepLeadingSite`: a leading part that names the site stays (parts of chrome or without a letter still go).
 */
export function withoutSiteParts(title: string, sites: readonly Words[], keepLeadingSite = false): string {
  const pieces = split(title);
  let first = 0;
  let last = pieces.length - 1;
  // Parts up to a chrome label are the site's navigation ("NationStates • View topic - Title").
  for (let i = last - 2; i >= 0; i -= 2) {
    if (TITLE_CUES.chromeHeadings.has(words(pieces[i]!).key)) {
      first = i + 2;
      break;
    }
  }
  const hostName = (at: number): boolean => isHostName(pieces[at]!);
  while (last > first && (isSiteOrChrome(words(pieces[last]!), sites) || hostName(last))) last -= 2;
  const leadingGoes = keepLeadingSite ? (part: Words): boolean => isChrome(part) : (part: Words): boolean => isSiteOrChrome(part, sites);
  while (first < last && (leadingGoes(words(pieces[first]!)) || (!keepLeadingSite && hostName(first)))) first += 2;
  return pieces.slice(first, last + 1).join('').trim() || title;
}

/**
 * The first part of a stated title when a chrome label follows it, which names the site ("Four Years Remaining" of "Four
 * Years Remaining » Blog Archive » Interning of Small Integers"): the blog's name, which its logo's h1 repeats, is not the
 * post's title. Only a first part: a breadcrumb written backwards ("Headline / Politik / Home - stol.it") ends in a label.
 */
function namedBeforeChrome(stated: readonly string[]): Words[] {
  return stated
    .map(split)
    .filter((pieces) => pieces.length >= 5 && TITLE_CUES.chromeHeadings.has(words(pieces[2]!).key))
    .map((pieces) => words(pieces[0]!))
    .filter((part) => !isChrome(part));
}

/** A heading of the page's chrome, not of its content ("Menu", "Search", "Sections"). */
function isChromeHeading(heading: Words): boolean {
  return heading.list.length === 0 || TITLE_CUES.chromeHeadings.has(heading.key);
}

/** An h1 read as a heading of the page: its words, and whether no h1 of that text is inside a link or holds one. */
interface HeadingWords {
  readonly words: Words;
  readonly unlinked: boolean;
}

/**
 * Headings that name the site although the page does not say so: an h1 that is the last part of a
 * stated title ("Defining Shared Behavior with Traits - The Rust Programming Language" under the
 * h1 "The Rust Programming Language"), unless another part names the site ("Discord - Group
 * Chat That's All Fun & Games", "News - The Courier - Harbour plan approved": there the last
 * part is the headline). An h1 without a link that has more words than the parts before it is the
 * headline after a section's label ("r/Python - What's your opinion on …", "News - Elder: Aus dem
 * Ghetto nach Augusta", "08.11.2021 | Online-Fachtag …"): a site's name after a page's title is not
 * longer than the title, and a logo's h1 links home; unless an h1 after it is a part before it (the
 * site's name above the page's heading, "HarbourDB 2.0 Documentation" then "ORM Quick Start").
 */
function headingsNamingSite(stated: readonly string[], headings: readonly HeadingWords[], sites: readonly Words[]): Words[] {
  const out: Words[] = [];
  for (const title of stated) {
    const pieces = split(title);
    if (pieces.length < 3 || pieces.slice(0, -1).some((piece, i) => i % 2 === 0 && namesSite(words(piece), sites))) continue;
    const lastPart = words(pieces[pieces.length - 1]!);
    const lead = pieces.slice(0, -1).filter((_, i) => i % 2 === 0).map(words);
    const leadKeys = new Set(lead.map((part) => part.key));
    const leadWords = lead.reduce((sum, part) => sum + part.list.length, 0);
    const headline = (h: HeadingWords, at: number): boolean =>
      h.unlinked && lastPart.list.length > leadWords && !headings.slice(at + 1).some((later) => leadKeys.has(later.words.key));
    if (headings.some((h, at) => h.words.key === lastPart.key && !headline(h, at))) out.push(lastPart);
  }
  return out;
}

/** Whether the h1 is one of the parts of a stated title ("Flexbox" of "Flexbox - Learn web development | MDN"). */
function isPartOf(heading: Words, stated: string): boolean {
  const pieces = split(stated);
  for (let i = 0; i < pieces.length; i += 2) if (words(pieces[i]!).key === heading.key) return true;
  return false;
}

/**
 * Whether the h1 is a stated title with a label, a date, a source or a byline around it
 * ("Title:AlignMerge - …", "Dec 18 2025 Preparing a transition", "… (latimes.com)", "… Posted on
 * July 1, 2024 by …"): the stated one is cleaner. Words of another kind around it make a longer
 * headline of which the stated title is a short form ("… Upgrades to Prevent Issues").
 */
function holds(heading: Words, stated: string): boolean {
  const whole = words(stated);
  if (whole.list.length >= heading.list.length) return false;
  const at = runAt(heading.list, whole.list);
  if (at < 0) return false;
  const around = [...heading.list.slice(0, at), ...heading.list.slice(at + whole.list.length)];
  return around.length <= TITLE_CUES.maxLabelWords || around.some((word) => /\d/.test(word) || TITLE_CUES.bylineWords.has(word));
}

/**
 * Whether the h1 is the stated title worded for the page: it holds the stated title's lead ("Jimmy"
 * of "Jimmy: The Ultimate Device Opener"), it is a run of two words or more of it ("Studio
 * Headphones" of "Buy Studio Headphones at Thomann"), or most of their words are the same ("Top 10
 * Health and Nutrition Trends to Watch" for "Health And Nutrition Trends For 2026"), or the same as
 * those of the stated title before a bracketed tail written for search results ("What is a Mobile
 * Application?" for "What is a Mobile App? [Definition + Types + Pros and Cons]"). A colon's lead
 * is not read so: "GAAP Compliance" of "GAAP Compliance: Applying Accounting Best Practices" is a
 * topic, which a section's h1 "Supporting GAAP Compliance" shares.
 */
function agrees(heading: Words, stated: string): boolean {
  const whole = words(stated);
  if (heading.list.length > 1 ? containsRun(whole.list, heading.list) : words(stated.split(PART_END, 1)[0]!).key === heading.key) return true;
  const beforeTail = words(stated.split(BRACKETED_TAIL, 1)[0]!);
  return sharesMostWords(heading, whole) || (beforeTail.list.length < whole.list.length && sharesMostWords(heading, beforeTail));
}

/** Whether most distinct words of the h1 and of a stated title are the same (TITLE_CUES.minSharedWords of the larger set). */
function sharesMostWords(heading: Words, stated: Words): boolean {
  const statedSet = new Set(stated.list);
  const headingSet = new Set(heading.list);
  let shared = 0;
  for (const word of headingSet) if (statedSet.has(word)) shared++;
  return shared / Math.max(headingSet.size, statedSet.size) >= TITLE_CUES.minSharedWords;
}

/**
 * Whether the h1 is a stated title whose characters a charset mishap turned into question marks or replacement
 * characters ("Event Planning? Beginner? Guide" for "Event Planning: Beginner's Guide"): each run of them stands for a
 * few characters of the stated one. A stated title with a question mark of its own is not compared so.
 */
function lostCharacters(heading: string, stated: string): boolean {
  if (!LOST_CHARACTERS.test(heading) || /[?\uFFFD]/u.test(stated)) return false;
  const pattern = heading
    .split(LOST_RUN)
    .map((piece) => piece.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join(`.{1,${TITLE_CUES.maxLostCharacters}}`);
  return new RegExp(`^${pattern}$`, 'iu').test(stated);
}

export interface TitleSources {
  /** What the page states, most trusted first (JSON-LD headline, og:title, twitter:title, <title>…), cleaned. */
  readonly stated: readonly string[];
  /** The page's h1 headings in document order, cleaned. */
  readonly headings: readonly string[];
  /** Those whose link is the page itself: its headline, never the site's name. */
  readonly headlines?: ReadonlyArray<string | null>;
  /** Those that no h1 of the same text has a link in or around (a logo's h1 links home). Unknown: none. */
  readonly unlinked?: ReadonlyArray<string | null>;
  readonly siteNames: ReadonlyArray<string | null>;
  readonly url: string | null;
  /** The page says it is an article (JSON-LD NewsArticle, BlogPosting…, og:type article). */
  readonly article?: boolean;
  /** The page says it is a collection (a shop's category, search results: ./cues/page-types.ts namesCollection). */
  readonly collection?: boolean;
}

/** Whether the page's address is its site's root ("https://render.com/"): the home page, not a page under it, nor a query. */
function isHomePage(url: string | null): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return parsed.pathname === '/' && parsed.search === '';
  } catch {
    return false;
  }
}

/**
 * The words of the last segment of the page's address ("best-language-learning-app" of ".../blog/best-language-learning-app/",
 * without an extension): a CMS makes it from the headline the page was written under. Empty under
 * TITLE_CUES.minSlugWords words (an id, "index", a section's name).
 */
function slugWords(url: string | null): readonly string[] {
  if (!url) return [];
  let path = '';
  try {
    path = decodeURIComponent(new URL(url).pathname);
  } catch {
    return [];
  }
  const segment = path.split('/').filter(Boolean).pop() ?? '';
  const list = words(segment.replace(/\.[a-z0-9]{1,5}$/i, '').replace(/[-_+]+/g, ' ')).list;
  return list.length >= TITLE_CUES.minSlugWords ? list : [];
}

/** Whether every word of the address's slug is a word of the text. */
function spellsSlug(text: Words, slug: readonly string[]): boolean {
  if (slug.length === 0) return false;
  const have = new Set(text.list);
  return slug.every((word) => have.has(word));
}

/** The stated title the others agree on when the most trusted one is worded otherwise than each of them; else null. */
function agreedOverMostTrusted(shown: readonly string[]): string | null {
  const list = shown.map(words);
  const related = (a: Words, b: Words): boolean => sameWords(a, b) || containsRun(a.list, b.list) || containsRun(b.list, a.list);
  const [first, ...rest] = list;
  if (!first || rest.length < 2 || rest.some((other) => related(first, other)) || !rest.every((other) => sameWords(other, rest[0]!))) return null;
  return shown[1]!;
}

export function chooseTitle(sources: TitleSources): string | null {
  const named = siteWords(sources.siteNames, sources.url);
  const candidates = sources.headings
    .slice(0, TITLE_CUES.headingsRead)
    .map((heading) => {
      const text = withoutSiteParts(heading.replace(PERMALINK_MARK, ''), named);
      return { text, words: words(text), headline: sources.headlines?.includes(heading), unlinked: sources.unlinked?.includes(heading) === true };
    })
    .filter((h) => h.text.length <= TITLE_CUES.maxChars && !isChromeHeading(h.words));
  const stated = sources.stated;
  const sites = [...named, ...headingsNamingSite(stated, candidates.filter((h) => !h.headline), named), ...namedBeforeChrome(stated)];
  const headings = candidates.filter((h) => !namesSite(h.words, sites));
  // A stated title keeps a leading part that names the site: "Todoist | A To-Do List to Organize Your Work & Life",
  // "Stripe Payments | Global Payment Processing Platform" is what the site calls the page (a home page, a product's
  // page), where a trailing "| Site" is a label added to every page's title (train part of modern-web: 2 more titles
  // right and none lost, against stripping both ends).
  // An article stated only by the site's name ("The Courier", a CMS's default <title>) is called by its headline. A page
  // that does not say it is an article keeps the site's name: a home page's h1 is a section ("Posts"), not its title
  // (validation part of modern-web: one home page lost when every page dropped such a title, none gained).
  const namesOnlySite = (t: string): boolean => split(t).every((piece, i) => i % 2 === 1 || namesSite(words(piece), sites));
  const shown = stated.filter((t) => !(sources.article === true && headings.length > 0 && namesOnlySite(t))).map((t) => withoutSiteParts(t, sites, true));
  if (shown.length === 0) return headings[0]?.text ?? null;
  const isPart = (heading: (typeof headings)[number]): boolean => stated.some((t) => isPartOf(heading.words, t));
  // A collection's h1 names it ("Microphones", "All Sheets"), where its stated title is written for search results ("Buy
  // Microphones at Thomann"); a home page's h1 is its headline ("Your fastest path to production", "Top Products Launching
  // Today"), where its stated title is the site's name with a slogan ("Render | The cloud for builders"): the first h1
  // that is not the stated title with a label around it, when none agrees.
  const namedByHeading = sources.collection === true || isHomePage(sources.url);
  // An h1 whose words the address's slug spells, where no stated title does, is the headline the page was written and
  // published under ("Everything You Need to Know About Online Classes and Learning Platforms" at
  // ".../everything-you-need-to-know-about-online-classes-and-learning-platforms"); the stated title was rewritten for
  // search results ("Online Class: Definition, Best Online Learning Platforms in 2025, and More!").
  const slug = slugWords(sources.url);
  const slugStated = slug.length > 0 && shown.some((t) => spellsSlug(words(t), slug));
  let headingName: string | null = null;
  for (const [at, heading] of headings.entries()) {
    // Of the h1s that are parts of a stated title, a section's label ("News" over "Auf das erste Elektron kommt es an",
    // "Fachmeldungen" over "Verkündung des …") comes first and is the shorter: the one with the most words is the headline.
    if (isPart(heading)) return headings.slice(at).filter(isPart).reduce((best, h) => (h.words.list.length > best.words.list.length ? h : best)).text;
    if (shown.some((t) => holds(heading.words, t))) continue;
    if ((namedByHeading && !TITLE_CUES.greetingHeadings.has(heading.words.key)) || (!slugStated && spellsSlug(heading.words, slug))) headingName ??= heading.text;
    if (shown.some((t) => agrees(heading.words, t))) {
      // The same words as a stated title, written another way ("and" for "&", case, quotes), or with characters lost: the stated spelling.
      return shown.find((t) => sameWords(heading.words, words(t)) || lostCharacters(heading.text, t)) ?? heading.text;
    }
  }
  // No h1 agrees: the most trusted stated title, unless it is worded otherwise than the others, which say the same (og:title
  // and <title> both "Average Private Meditation Sessions Cost" over a JSON-LD headline "Meditation Class Cost"). One
  // that holds another or is held by it is the same title with a label or a site's name ("News - Digital Cameras: …").
  return headingName ?? agreedOverMostTrusted(shown) ?? shown[0]!;
}
