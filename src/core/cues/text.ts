/**
 * Textual cues: the vocabularies of ./words (one module per language, each entry with its
 * source) joined into one pattern per kind of cue, and the few patterns that are not word lists
 * (IAB ad sizes, wire-caption trailers, bylines, dates). Each pattern is anchored or bounded and
 * has no nested quantifiers, so no input can make it backtrack catastrophically (see the
 * adversarial tests).
 */
import { AGENCY_CREDIT, fragments } from './words/index.js';
import type { CueWords } from './words/types.js';

/** How each kind of word-list cue is matched: its entries joined by `|` go into the pattern. */
export const CUE_FORMS: Readonly<Record<Exclude<keyof CueWords, 'datelineWords'>, (alternatives: string) => RegExp>> = {
  adLabel: (a) => new RegExp('^[\\s*•·|–—-]*(?:' + a + ')[\\s.:!…*•·|–—-]*$', 'i'),
  teaserPrefix: (a) => new RegExp('^(?:' + a + ')\\s*[:|>»–—-]\\s*\\S', 'i'),
  promoHeading: (a) => new RegExp('^(?:' + a + ')[\\s.:!…]*$', 'i'),
  prompt: (a) => new RegExp(a, 'i'),
  copyright: (a) => new RegExp(a, 'i'),
  consent: (a) => new RegExp(a, 'i'),
  disclaimer: (a) => new RegExp(a, 'i'),
  creditWord: (a) => new RegExp('^(?:' + a + ')s?(?: credit| copyright| source)?\\s*[:©]', 'i'),
  credit: (a) => new RegExp(a, 'i'),
  uiString: (a) => new RegExp('^(?:' + a + ')[\\s.:!…»›>]*$', 'i'),
  tagLine: (a) => new RegExp('^(?:' + a + ')\\s*:', 'i'),
  comments: (a) => new RegExp('^(?:' + a + ')[\\s.!]*$', 'i'),
  // A capitalised name of one to four words, then "is a/an/the", up to four words ("former", "senior staff"), the trade.
  // Case-sensitive (\\p{Lu} under the i flag would match any letter); the words between are separated by spaces only,
  // so no input makes it backtrack (see the adversarial tests).
  authorBio: (a) => new RegExp("^[\\p{Lu}][\\p{L}.'’-]*(?: [\\p{Lu}][\\p{L}.'’-]*){0,3} is (?:a|an|the) (?:[\\p{L}-]+ ){0,4}?(?:" + a + ')s?\\b', 'u'),
};
const cue = (kind: keyof typeof CUE_FORMS): RegExp => CUE_FORMS[kind](fragments(kind).join('|'));

/** Whole-block ad-slot labels: the block is nothing but the label. */
export const AD_LABEL = cue('adLabel');

/** Ad-slot placeholders named by their IAB size ("Main Header Ad 468x60", "300x250"). */
export const AD_SLOT_SIZE = /^.{0,40}\b(?:120|160|234|250|300|320|336|468|728|970|980)\s?[x×]\s?(?:50|60|90|100|250|280|600)\b.{0,40}$/i;

/** Teaser prefixes: "READ: …", "Related: …", "Lesen Sie auch: …". */
export const TEASER_PREFIX = cue('teaserPrefix');

/** Section labels of promotional link lists: the block is only the label. */
export const PROMO_HEADING = cue('promoHeading');

/** Newsletter, subscription, app, follow, paywall and account prompts. */
export const PROMPT = cue('prompt');

/** Copyright and licence lines. */
export const COPYRIGHT = cue('copyright');

/** Cookie, privacy, terms and consent text. */
export const CONSENT = cue('consent');

/** Site-wide disclaimers ("Views expressed are the author's own"). */
export const DISCLAIMER = cue('disclaimer');

/** Photo/video credits: "Photo: Getty Images", "Ng Han Guan/Pool via REUTERS", "(Foto: dpa)". */
export const CREDIT = new RegExp([cue('creditWord').source, cue('credit').source, AGENCY_CREDIT[0]].join('|'), 'i');

/** A caption sentence followed by the photographer and agency, as wire captions end ("… Jan. 30, 2024. Ng Han Guan/Pool via REUTERS"). */
export const CREDIT_TRAILER =
  /[.!?)]\s+[^.!?]{2,80}(?:\/|\bvia\b)[^.!?]{0,40}\b(?:reuters|ap|afp|getty images|epa|dpa|pool|bloomberg|xinhua|anadolu|ap photo|ansa|efe)\s*\)?$/i;

/** UI strings that are chrome whatever their container. */
export const UI_STRING = cue('uiString');

/** Share-button and link-hint labels ("Click to share on Facebook (Opens in new window)", "View this post on Instagram"). */
export const SHARE_LABEL = /^(?:click to |)(?:share|tweet|pin|email|post) (?:on|via|this|to)\b.{0,60}$|\bopens in (?:a )?new (?:window|tab)\)?$|^view this post on \w+$/i;

/** A "By Jane Doe" line. A word connector ("and", "y", "et") stands between spaces: were it allowed to touch the
 *  names, "A.yA.yA.y…" could be split in polynomially many ways (seconds on 300 characters; see the adversarial tests). */
export const BYLINE = /^(?:by|von|par|por|di|door)\s+[\p{Lu}][\p{L}.'’-]*(?:\s+[\p{L}.'’-]+){0,5}(?:(?:\s*[,&]\s*|\s+(?:and|und|et|y)\s+)[\p{Lu}][\p{L}.'’-]*(?:\s+[\p{L}.'’-]+){0,4}){0,3}\s*(?:[|,·•–—-].{0,60})?$/u;

/** Sentence-ending punctuation, for "is this prose?" (Latin, CJK, Arabic, Devanagari full stops). */
export const SENTENCE_END = /[.!?。！？؟।]["'”’»)\]]?(?:\s|$)/g;

/** Stock wording of comment threads and forms (WordPress, Jetpack): chrome when the body model finds it is not body. */
export const COMMENTS = cue('comments');

/** The opening of an author bio ("Jane Doe is a reporter covering housing for …"): chrome when the body model finds it is not body. */
export const AUTHOR_BIO = cue('authorBio');

/**
 * Placeholders of a template the page shipped unrendered, for a script to fill in ("{{ post.author }}", "${price}",
 * "<%= item.title %>"): text no reader of the page sees. Each syntax with the template languages that write it (in
 * comments: the bundle carries the fragments only); each is bounded and has no nested quantifier (no backtracking).
 * Global: for replace and matchAll.
 */
export const TEMPLATE_PLACEHOLDER = new RegExp(
  [
    '\\{\\{[^{}]{1,200}\\}\\}', // {{ expression }}: Mustache, Handlebars, AngularJS, Angular, Vue, Jinja, Django, Liquid
    '\\{%[^%]{1,200}%\\}', // {% tag %}: Jinja, Django, Liquid, Nunjucks
    '\\$\\{[^{}]{1,200}\\}', // ${expression}: JavaScript template literals, JSP/JSF expression language, Lit
    '<%[=-]?[^%]{1,200}%>', // <%= expression %>: ERB, EJS, ASP
    '\\[\\[[^[\\]]{1,200}\\]\\]', // [[expression]]: Polymer, AngularJS with custom delimiters
  ].join('|'),
  'g',
);

/** "TAGS: a, b, c" / "Filed under: …" lines: tag lists are chrome. */
export const TAG_LINE = cue('tagLine');

/**
 * A header line of a text scrape that gives the page's address after a scraper's label ("URL:", "Source URL:",
 * "Link:", and "URL Source:", the second line of Jina Reader's header, as r.jina.ai writes it: "Title: …", "URL
 * Source: …", "Published Time: …", "Markdown Content:"), or alone on the text's first line, where a scraper writes it
 * (a page shows addresses of its own further down: a short link, its site's). Group 1 is the label, 2 the address.
 */
export const URL_LINE = /^((?:url(?:\s+source)?|source\s+url|link)\s*:\s*)?<?(https?:\/\/[^\s<>]+)>?$/iu;

/** Jina Reader's last header line, after which the page is Markdown (r.jina.ai: "Title: …", "URL Source: …", "Markdown Content:"). */
export const MARKDOWN_CONTENT_LINE = /^markdown content\s*:$/iu;

/** Jina Reader's numbering of a Markdown image's alt text ("![Image 3: A ferry at the pier](…)", "![Image 4](…)"): the scraper's, not the page's. */
export const SCRAPER_IMAGE_LABEL = /^image \d{1,6}(?::\s*|$)/iu;

/** A scraper's label before a text scrape's headline ("Title: …", the first line of Jina Reader's header; see URL_LINE). */
export const TITLE_LABEL = /^title\s*:\s*(?=\S)/iu;

/** A warning line of Jina Reader's header (before MARKDOWN_CONTENT_LINE) ("Warning: Target URL returned error 404: Not Found"): the scraper's, no date nor byline of the page. */
export const SCRAPER_WARNING = /^warning\s*:/iu;

/**
 * Jina Reader's warnings that the scrape is not the page asked for (r.jina.ai writes them in its header): the site answered
 * with an HTTP error status ("Warning: Target URL returned error 404: Not Found", 403, 500…; quality warning HTTP_ERROR),
 * or with a CAPTCHA ("Warning: This page maybe requiring CAPTCHA, please make sure you are authorized to access this
 * page."; BLOCKED_PAGE).
 */
export const SCRAPER_HTTP_ERROR = /^warning\s*:\s*target url returned error\s+[45]\d\d\b/iu;
export const SCRAPER_CAPTCHA = /^warning\s*:\s*this page maybe requiring captcha\b/iu;

/** A dateline: a short line that is mostly a date or time, possibly with separators ("/ 01:49 PM February 19, 2024"). */
export const DATELINE_HINT = /\d{1,2}:\d{2}|\b(?:19|20)\d{2}\b/;

/**
 * Words that, with digits and punctuation, make up a date, time, reading-time or view-count
 * line ("Dienstag, 6. Mai 2014 um 19:49 Uhr", "5 min read", "Updated 3:59 PM"): such a line
 * is page metadata, not content. Month and weekday names in full and abbreviated (en, de, fr, es).
 */
export const DATELINE_WORDS: ReadonlySet<string> = new Set(fragments('datelineWords'));

/** Something that makes a line a date or time: a clock time, a numeric date, or a month or weekday name. */
export const DATE_SHAPE = /\d{1,2}:\d{2}|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}\.?\s+\p{L}{3,}\.?\s+\d{4}\b|\b\p{L}{3,}\.?\s+\d{1,2},?\s+\d{4}\b/u;

/** Reading-time lines ("5 min read", "Lesezeit: 3 Minuten"). */
export const READING_TIME = /^(?:\d{1,3}\s*(?:min|mins|minutes?|minuten)\.?\s*(?:read|lesezeit|de lecture|de lectura)|(?:reading time|lesezeit|temps de lecture|tiempo de lectura)\s*:?\s*\d{1,3}\s*(?:min|mins|minutes?|minuten)\.?)$/i;

/**
 * A line drawn with one character repeated ("=====", "-----", "*****", "~~~~~"): a plain-text heading's underline (Setext,
 * as Markdown and reStructuredText write one) or a rule between sections; it is layout, not text, and never body. Three
 * characters at least, as Markdown's thematic break; "* * *" (spaced) is left as it is written.
 */
export const DRAWN_LINE = /^([=\-_*~#+.])\1{2,}$/u;
