/**
 * Document metadata (title, byline, publishedAt, url, language, siteName) from what the page
 * offers, in order of reliability: JSON-LD, OpenGraph/Twitter/Dublin Core/meta tags, microdata, <time>,
 * marked-up elements, then textual cues ("By Jane Doe", "/ 01:49 PM February 19, 2024").
 *
 * Dates: ISO-like machine dates keep exactly what they state (offset included when given);
 * human dates are read with chrono-node (English, German, French, Spanish) and only when day,
 * month and year are all explicit, so no date ever depends on the clock.
 */
import * as chrono from 'chrono-node';
import { englishCasual } from './chrono-english.js';
import { detectLanguageOf } from './language.js';
import { decodeHTMLStrict } from 'entities';
import { collapseWhitespace, normalizeText, wellFormedText } from './normalize.js';
import type { RawMetadata } from './html/page-metadata.js';
import { AUTHOR_BIO, JSON_LD_SITE_TYPES, PERSONAL_SITE_NAME, JSON_LD_TYPES, METADATA_KEYS, MONTH_FIRST_LANGUAGES, PLACEHOLDER_BYLINES, PROFILE_DATE_LABEL, PUBLISHED_LABEL, SCORE_BYLINE, TEXT_METADATA, DAYLIGHT_SAVING_MONTHS, TIME_ZONE_ABBREVIATIONS, TITLE_CUES, UPDATE_LABEL_WORDS, WITHDRAWN_LANGUAGE_CODES } from './cues/metadata.js';
import { JsonLd, typeOf } from './json-ld.js';
import { INPUT_LIMITS, METADATA_LIMITS } from './options.js';
import type { Watchdog } from './watchdog.js';
import { AUTHOR_LINE, type Block } from './html/walk.js';
import { echoKey, echoKeyScreen } from './classifier/echoes.js';
import { chooseTitle, longestPart, siteWords, withoutSiteParts } from './title.js';
import { namesArticle, namesCollection } from './cues/page-types.js';

export interface Metadata {
  title: string | null;
  byline: string | null;
  publishedAt: string | null;
  /** When the page says it was last changed (ISO 8601, as publishedAt). */
  modifiedAt: string | null;
  url: string | null;
  language: string | null;
  siteName: string | null;
  /** The page's summary of itself (meta description, og:description, JSON-LD description). */
  description: string | null;
  /** The page's lead image, as an absolute http(s) URL (og:image, twitter:image, JSON-LD image). */
  image: string | null;
  /** The page's tags or keywords (article:tag, JSON-LD keywords, meta keywords). */
  tags: string[];
}

export interface HtmlMetadata extends Metadata {
  /** Every form of the headline the page states, for dropping its copies from the body. */
  titleCandidates: string[];
  /** What the page says it is: the @type names of its JSON-LD objects and its og:type, space-separated (for the block
   *  model's page features, ./cues/page-types.ts). */
  pageTypes: string;
}

/**
 * A machine date; its offset as ISO 8601 writes it: Z, ±hh:mm, ±hhmm, or ±hh alone (PostgreSQL's "2024-03-14 07:45:00+00"),
 * or named as UTC or GMT, alone or with an offset after it: Rails' and many CMSs' "2024-03-14 07:45:00 UTC", "… GMT+2".
 */
const ISO_DATE = /^\s*(\d{4})-(\d{2})-(\d{2})(?:[T\s](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2}|(?![\d:]))|(?:UTC|GMT|UT)(?:[+-]\d{1,2}(?::?\d{2})?)?(?![a-z\d]))?)?/i;
/** UTC named ("UTC", "GMT", "UT"), and the offset written after the name ("GMT+2", "UTC+05:30"). */
const NAMED_UTC = /^(?:UTC|GMT|UT)(?:([+-])(\d{1,2})(?::?(\d{2}))?)?$/i;
const COMPACT_DATE = /^\s*(\d{4})(\d{2})(\d{2})(?:T?(\d{2})(\d{2})(\d{2})?)?\s*$/;
const LANGUAGE_TAG = /^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/i;
/** ISO 639-2's codes for no known language: undetermined, no linguistic content, several, uncoded. */
const NO_LANGUAGE = /^(?:und|zxx|mul|mis)(?:-|$)/i;

const pad = (n: number): string => String(n).padStart(2, '0');

function validDate(year: number, month: number, day: number): boolean {
  if (year < 1990 || year > 2100 || month < 1 || month > 12 || day < 1 || day > 31) return false;
  return new Date(Date.UTC(year, month - 1, day)).getUTCDate() === day;
}

/** The time zone abbreviations of one offset (./cues/metadata.ts TIME_ZONE_ABBREVIATIONS), as regular-expression alternatives. */
const ZONE_ABBREVIATIONS = Object.keys(TIME_ZONE_ABBREVIATIONS).join('|');

/** A time zone abbreviation of one offset right after a machine date's time, as written (case-sensitive). */
const ZONE_ABBREVIATION_AFTER = new RegExp(String.raw`^\s*\(?(${ZONE_ABBREVIATIONS})(?![\w+\-])`);

/**
 * The offset a zone abbreviation stands for on a date of `month` (./cues/metadata.ts TIME_ZONE_ABBREVIATIONS), or null
 * when the month is wholly in the other season of its zone (DAYLIGHT_SAVING_MONTHS): "EST" in September is Eastern
 * time's wall clock, not -05:00.
 */
function abbreviationOffset(abbreviation: string, month: number): string | null {
  const [offset, rules, season] = TIME_ZONE_ABBREVIATIONS[abbreviation]!;
  if (rules === undefined || season === undefined) return offset;
  const months = DAYLIGHT_SAVING_MONTHS[rules];
  return (season === 'standard' ? months.summer : months.standard).includes(month) ? null : offset;
}

/** The widest offset from UTC a time zone has: UTC+14:00 (Line Islands); the westmost is UTC-12:00. */
const MAX_OFFSET_MINUTES = 14 * 60;

/**
 * Whether a date of the page's (as publishedAt writes it: a day, a time without an offset, or one with it) is after the
 * capture (`capturedAt`, an ISO 8601 instant: a WARC-Date) wherever it was written: a day or a local time is taken at
 * its earliest, in the zone farthest east (UTC+14:00). False when either does not parse.
 */
export function afterCapture(date: string | null, capturedAt: string): boolean {
  const captured = Date.parse(capturedAt);
  if (date === null || Number.isNaN(captured)) return false;
  const hasOffset = /(?:Z|[+-]\d{2}:\d{2})$/.test(date);
  const instant = hasOffset ? Date.parse(date) : Date.parse(`${date.includes('T') ? date : `${date}T00:00`}Z`) - MAX_OFFSET_MINUTES * 60_000;
  return !Number.isNaN(instant) && instant > captured;
}

/** Normalizes a machine-readable date; keeps the offset when one is given. */
export function normalizeIsoDate(value: string): string | null {
  const m = ISO_DATE.exec(value) ?? COMPACT_DATE.exec(value);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, zone] = m;
  if (!validDate(Number(y), Number(mo), Number(d))) return null;
  const date = `${y}-${mo}-${d}`;
  if (h === undefined || mi === undefined) return date;
  if (Number(h) > 23 || Number(mi) > 59) return date;
  const time = `${h}:${mi}${s !== undefined ? `:${s}` : ''}`;
  if (!zone) {
    // A zone abbreviation of one offset after the time ("2024-03-14 07:45:00 EST"); another name leaves it as written.
    const abbreviation = ZONE_ABBREVIATION_AFTER.exec(value.slice(m[0].length))?.[1];
    return `${date}T${time}${abbreviation === undefined ? '' : (abbreviationOffset(abbreviation, Number(mo)) ?? '')}`;
  }
  const named = NAMED_UTC.exec(zone);
  // A time in UTC stays one: without its Z it read as a local time (hours off for every reader elsewhere).
  if (/^z$/i.test(zone) || (named && named[1] === undefined)) return `${date}T${time}Z`;
  const offset = named ? `${named[1]}${pad(Number(named[2]))}:${named[3] ?? '00'}` : zone.length === 3 ? `${zone}:00` : zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
  // An offset no place has makes the time unknown (a reader's Date gives Invalid Date): the date alone, as for hour 25.
  const offsetMinutes = Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6));
  if (Number(offset.slice(4, 6)) > 59 || offsetMinutes > MAX_OFFSET_MINUTES) return date;
  return `${date}T${time}${offset}`;
}

const PARSERS = [englishCasual, chrono.de.casual, chrono.fr.casual, chrono.es.casual];
/** Fixed reference so relative phrases can never resolve against the clock (they are refused anyway). */
const REFERENCE = { instant: new Date(Date.UTC(2000, 0, 1)), timezone: 0 };

/** A date written year first ("2024-06-15", "2024/06/15", "2024.06.15"): month, then day, in every locale. */
const YEAR_FIRST = /\b\d{4}[-/.](\d{1,2})[-/.](\d{1,2})\b/;

/**
 * Whether chrono's reading keeps a year-first date in the order it is written: chrono swaps day
 * and month when the month would be past 12 ("2024-13-01" becomes 13 January), which no locale
 * means; such a text is no date.
 */
function inWrittenOrder(text: string, month: number, day: number): boolean {
  const m = YEAR_FIRST.exec(text);
  return !m || (Number(m[1]) === month && Number(m[2]) === day);
}

/**
 * Whether the text chrono read writes the year itself: "now", "today" and "yesterday" come back
 * with every part certain, taken from the reference instant (so 2000-01-01), which is no date of
 * the page's.
 */
function writesYear(text: string, year: number): boolean {
  return new RegExp(`(?:^|\\D)${year}(?:\\D|$)`).test(text);
}

/**
 * How a numeric date whose first two numbers could each be the month is read ("03/04/2024"):
 * month first (4 March) or day first (3 April). chrono reads every such date month first.
 */
export type NumericDateOrder = 'month-first' | 'day-first';

/** The order a page's numeric dates are written in, by its stated language (./cues/metadata.ts MONTH_FIRST_LANGUAGES). */
export function numericDateOrder(language: string | null): NumericDateOrder {
  return language === null || MONTH_FIRST_LANGUAGES.test(language) ? 'month-first' : 'day-first';
}

/** A numeric date written with the year last: its first number, the separator, its second number. */
const NUMERIC_DATE = /(?<!\d)(\d{1,2})([./-])(\d{1,2})\2(?:\d{4}|\d{2})(?!\d)/;

/**
 * The month and day a numeric date in `text` means, when both its first numbers are 12 or less:
 * in `order`, whatever the separator (US pages write "09.10.2024" for 10 September too). Null when
 * the text has no such date (chrono's reading stands: a number past 12 is the day in every locale).
 */
function numericMonthDay(text: string, order: NumericDateOrder): { month: number; day: number } | null {
  const m = NUMERIC_DATE.exec(text);
  if (!m) return null;
  const first = Number(m[1]);
  const second = Number(m[3]);
  if (first > 12 || second > 12) return null;
  return order === 'day-first' ? { month: second, day: first } : { month: first, day: second };
}

/** Reads a human-written date ("01:49 PM February 19, 2024", "19. Februar 2024"); numeric dates in `order`. */
export function parseTextDate(text: string, order: NumericDateOrder = 'month-first'): string | null {
  return findTextDate(text, order)?.date ?? null;
}

/**
 * The digits of a year validDate accepts (1990-2100), which writesYear requires in the text chrono read: a text
 * without them holds no date that findTextDate returns, and chrono (a few tenths of a millisecond a text) is not run.
 */
const WRITTEN_YEAR = /199\d|20\d\d|2100/;

/**
 * Whether chrono computed the date from its reference instant rather than read it: a relative date ("3 days ago",
 * "vor 2 Tagen", "in 2 weeks", "2 days after Jan 5, 2024") or a casual one ("yesterday"). chrono marks both
 * (result/relativeDate, casualReference/yesterday). Such a date is no date the page states: against the fixed reference it is
 * wrong, against the clock the same bytes would give another document. writesYear alone let it through when the count
 * matched the year computed ("1994 days ago" was 1994-07-17, 1994 days before 2000-01-01; "1999 minutes ago" 1999-12-30).
 */
function computedFromReference(tags: ReadonlySet<string>): boolean {
  for (const tag of tags) if (tag.startsWith('result/relativeDate') || CASUAL_DAY.test(tag)) return true;
  return false;
}
/** chrono's casual references to a day (its others are times of day: "at noon", "in the morning"). */
const CASUAL_DAY = /^casualReference\/(?:now|today|tonight|tomorrow|yesterday)$/;

/**
 * An offset the text writes right after a time: UTC, GMT or UT by name with an offset after it or none ("GMT+2", "UTC-5",
 * "10:00 UTC"), ISO's Z ("10:00Z"), one in digits ("10:00 +0200", "10:00 -05:00"), or a zone abbreviation of one offset
 * (./cues/metadata.ts TIME_ZONE_ABBREVIATIONS: "10:00 EST", "14:30 CET"), in brackets or not. chrono's own offsets are not
 * taken: it turns every zone name into one, which invents it for a name that stands for several ("CST" is China's and
 * Central, "IST" India's, Ireland's and Israel's), "ET"/"CT"/"PT" took summer time from the reference instant ("10:00 am
 * ET, July 3, 2024" was -05:00) and the German "ist" read as India's; and it read no offset in "10:00 -05:00". Without
 * one the time stays as written, as normalizeIsoDate keeps a machine date's time beside a zone name.
 */
const ZONE_AFTER_TIME = new RegExp(
  String.raw`\d{1,2}[:.h]\d{2}(?:[:.]\d{2}(?:[.,]\d+)?)?(?:\s*[aApP]\.?\s?[mM]\b\.?)?(?:\s*(?:Uhr|h))?\s*\(?\s*(?:(UTC|GMT|UT)(?:\s*([+\-−])\s*(\d{1,2})(?::?(\d{2}))?)?|([+\-−])(\d{2}):?(\d{2})|(?<=\d)(Z)|(` +
    ZONE_ABBREVIATIONS +
    String.raw`))(?![\w:+\-−])`,
  'g',
);

/** The offset written after the time that starts before `before` in `text` ("+hh:mm") on a date of `month`, or null. */
function writtenOffset(text: string, before: number, month: number): string | null {
  ZONE_AFTER_TIME.lastIndex = 0;
  for (let m = ZONE_AFTER_TIME.exec(text); m !== null && m.index < before; m = ZONE_AFTER_TIME.exec(text)) {
    const [, named, namedSign, namedHours, namedMinutes, sign, hours, minutes, zulu, abbreviation] = m;
    if (abbreviation !== undefined) return abbreviationOffset(abbreviation, month);
    if (sign !== undefined && rangeEnd(m[0], text.charAt(m.index - 1), text.slice(m.index + m[0].length))) return null;
    const written = named !== undefined || zulu !== undefined ? (namedSign === undefined ? ['+', '0', '00'] : [namedSign, namedHours!, namedMinutes ?? '00']) : [sign!, hours!, minutes!];
    const [signText, h, mi] = written as [string, string, string];
    if (Number(mi) > 59 || Number(h) * 60 + Number(mi) > MAX_OFFSET_MINUTES) return null;
    return `${signText === '+' ? '+' : '-'}${pad(Number(h))}:${mi}`;
  }
  return null;
}

/** A time written with its seconds ("10:00:00"): ISO's way, after which a signed offset follows with no space. */
const TIME_WITH_SECONDS = /^\d{1,2}[:.h]\d{2}[:.]\d{2}/;
/** ISO's separator of a date from its time ("2024-03-03T10:00-05:00"): the signed digits after that time are its offset. */
const ISO_TIME_SEPARATOR = 'T';
/** What follows the end of a time range after its second time: its own am/pm or "Uhr" ("10:00 -11:00 Uhr"). */
const TIME_SUFFIX = /^\s*(?:[aApP]\.?\s?[mM]\b|Uhr\b|h\b)/;

/**
 * Whether the signed digits a ZONE_AFTER_TIME match ends with are the second time of a range, not an offset: written
 * straight after a time without seconds that is not ISO's ("10:00-11:00", where "10:00:00-05:00" and
 * "2024-03-03T10:00-05:00" write an offset) or followed by a time's own suffix ("10:00 -12:30 Uhr"). `before` is the
 * character before the time.
 */
function rangeEnd(matched: string, before: string, after: string): boolean {
  const signAt = Math.max(matched.lastIndexOf('-'), matched.lastIndexOf('−'), matched.lastIndexOf('+'));
  const straightAfterTime = /\d/.test(matched.charAt(signAt - 1));
  const isoTime = before === ISO_TIME_SEPARATOR || TIME_WITH_SECONDS.test(matched);
  return (straightAfterTime && !isoTime) || TIME_SUFFIX.test(after);
}

/** Characters after the date chrono read that are looked at for the zone of its time ("… 10:00 (GMT+05:30)"). */
const ZONE_TAIL_CHARS = 16;

/**
 * A dash between spaces before a duration: a dateline's separator ("February 4, 2025 - 11 min read"), which chrono reads
 * as a subtraction (11:49 on that day, counted back from its noon). Read as a bar, of the same length (`at` stays).
 */
const DASH_BEFORE_DURATION = /(?<=\s)[-–—](?=\s+\d+\s*(?:sec|min|hour|hr|day|week|month|year|yr)[a-z.]*(?![a-z]))/gi;

/** The first human-written date in a text, and where it starts. */
export function findTextDate(text: string, order: NumericDateOrder = 'month-first'): { date: string; at: number; end: number } | null {
  if (text.length > METADATA_LIMITS.textDateChars || !WRITTEN_YEAR.test(text)) return null;
  const read = text.replace(DASH_BEFORE_DURATION, '|');
  for (const parser of PARSERS) {
    const results = parser.parse(read, REFERENCE);
    for (const result of results) {
      const start = result.start;
      if (!start.isCertain('year') || !start.isCertain('month') || !start.isCertain('day') || computedFromReference(result.tags())) continue;
      const year = start.get('year')!;
      const numeric = numericMonthDay(result.text, order);
      const month = numeric?.month ?? start.get('month')!;
      const day = numeric?.day ?? start.get('day')!;
      if (!validDate(year, month, day) || !inWrittenOrder(result.text, month, day) || !writesYear(result.text, year)) continue;
      const date = `${year}-${pad(month)}-${pad(day)}`;
      const at = result.index;
      const end = at + result.text.length;
      if (!start.isCertain('hour')) return { date, at, end };
      const time = `${pad(start.get('hour')!)}:${pad(start.get('minute') ?? 0)}`;
      const offset = writtenOffset(read.slice(at, end + ZONE_TAIL_CHARS), result.text.length, month);
      return { date: `${date}T${time}${offset ?? ''}`, at, end };
    }
  }
  return null;
}

/** A value shaped as a machine date is judged by the ISO path alone: "2024-13-01" is no date, not the 13 January that
 *  chrono reads (./parseTextDate). */
function normalizeDate(value: string, order: NumericDateOrder): string | null {
  if (ISO_DATE.test(value) || COMPACT_DATE.test(value)) return normalizeIsoDate(value);
  return parseTextDate(value, order);
}

/** The rel of a link to the page itself (a post's permalink on its headline) and of one to the site's home page (a logo's). */
const SELF_LINK = /\bbookmark\b/i;
const HOME_LINK = /\bhome\b/i;
/** A complete character reference ("&amp;", "&#8217;", "&#x2014;"): JSON-LD is raw script text the parser never
 *  decodes, and CMSs double-encode meta attributes ("&amp;amp;"). Strict decoding needs the semicolon, so "AT&T" stays. */
const CHARACTER_REFERENCE = /&(?:[a-z][a-z0-9]*|#\d+|#x[0-9a-f]+);/i;

/** A value with markup in it: a closing tag. A value that only names a tag ("when to use <div>", "30 Years of <br> Tags") has none. */
const MARKUP = /<\/[a-z][a-z0-9-]*\s*>/i;
const TAG = /<(\/?)([a-z][a-z0-9-]*)(?:\s[^<>]*)?\/?>/gi;
/** Tags whose place is a break between words (the others sit inside words: "ro<b>st</b>ers"). */
const BREAKING_TAGS: ReadonlySet<string> = new Set(['br', 'p', 'div', 'li', 'ul', 'ol', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'tr', 'td', 'th', 'blockquote', 'section', 'article']);
/** Elements whose content is no text. */
const NO_TEXT_TAGS: ReadonlySet<string> = new Set(['script', 'style']);

/**
 * The words of a value a CMS wrote with markup in it (JSON-LD's "headline": "<em>…</em>", a description "<p>…</p>", an
 * author "<a href…>Name</a>", an escaped og:site_name): its tags dropped, script and style with their content. One pass.
 */
function withoutMarkup(value: string): string {
  if (!MARKUP.test(value)) return value;
  let out = '';
  let at = 0;
  /** Inside a script or style element: its name, until its closing tag. */
  let skipping: string | null = null;
  for (const match of value.matchAll(TAG)) {
    const name = match[2]!.toLowerCase();
    const closing = match[1] === '/';
    if (skipping === null) out += value.slice(at, match.index) + (BREAKING_TAGS.has(name) ? ' ' : '');
    if (skipping === null && !closing && NO_TEXT_TAGS.has(name)) skipping = name;
    else if (skipping === name && closing) skipping = null;
    at = match.index + match[0].length;
  }
  return skipping === null ? out + value.slice(at) : out;
}

/**
 * A metadata value as text: references decoded, markup dropped (`markup: 'keep'` for the text of the page's own <title>
 * and h1, which the parser read as text: what looks like a tag there is what the page shows), well-formed
 * (./normalize.ts), normalized as a block's text is. Anything but a string (JSON-LD gives numbers, objects, arrays where
 * strings belong) is no value.
 */
function clean(value: unknown, markup: 'drop' | 'keep' = 'drop'): string | null {
  // No title, byline or date is that long: such a value is not read (and cannot make the cleaning copy it around).
  if (typeof value !== 'string' || value.length > INPUT_LIMITS.metadataChars) return null;
  const decoded = CHARACTER_REFERENCE.test(value) ? decodeHTMLStrict(value) : value;
  const text = normalizeText(wellFormedText(markup === 'drop' ? withoutMarkup(decoded) : decoded));
  return text ? text : null;
}

function firstMeta(meta: ReadonlyMap<string, string>, keys: readonly string[]): string | null {
  for (const key of keys) {
    const value = clean(meta.get(key));
    if (value) return value;
  }
  return null;
}

const URL_LIKE = /^https?:\/\//i;

/** "Jane Doe | February 19, 2024" → "Jane Doe": a byline box often carries the date or a role after a separator (a forum's
 *  "by harbourfan » Tue Aug 27, 2019" too). */
const BYLINE_SEPARATOR = /\s+[|·•—–»]\s+|\s*[•|»]\s*/;
/** The words that introduce a name in a byline ("By", "Written by", "Posted by", phpBB's "Post by", a forum topic's "Started
 *  by", "Article by", "Author:"; Blogger's "Eingestellt von", "Publié par"), in the cue languages. */
const BYLINE_LEAD =
  /^\s*(?:(?:written|posted|post|published|reviewed|words|text|story|started|article)\s+by|(?:geschrieben|veröffentlicht|eingestellt|verfasst|erstellt|artikel|beitrag)\s+von|(?:écrit|publié|posté)\s+par|(?:escrito|publicado)\s+por|(?:text(?:\s+und\s+interview)?|interview)(?=\s*:)|by|von|par|por|di|door|author|autor|auteur)(?![\p{L}])\s*:?\s*/iu;
/** The words of an author box that say authorship outright, wherever it stands ("Written by Jane Doe"). */
const AUTHOR_BOX_LEAD = /^\s*(?:written\s+by|geschrieben\s+von|écrit\s+par|escrito\s+por)\s*:?\s+/i;
/** Where the label of a date starts after a name ("Cazzy Magennis Last Updated: August 1, 2025", an author box's lines;
 *  "Jane Doe Published on …", "Sara Zinnecker Stand: 05. Februar 2020"), not the same words in a sentence ("This review is
 *  posted in …"); a label alone ("Posted on", "Veröffentlicht am": a theme's byline element whose date stands apart) is no name. */
const DATE_LABEL_AFTER_NAME = /\s+(?:(?:last\s+)?(?:updated|modified|published|posted)|veröffentlicht|publiziert|aktualisiert|stand)(?:\s*:|\s+(?:on|am)\b|\s*$)/i;
/**
 * Where a date or a time starts after a name ("By Sofia Gonzalez December 2, 2025", "Jane Doe on 2025-12-18", "Posted by
 * Jane Doe at 18:52", "Moritz Gathmann am 21. April 2020"), a weekday first ("Posted by Jane Doe on Friday December 19,
 * 2025", "Jane Doe Tue Aug 27, 2019"; "am Freitag", "le vendredi"): a weekday named after "on" (or its word in the cue
 * languages), or an abbreviated one before a day or a month.
 */
const DATE_AFTER_NAME =
  /\s+(?:(?:on|am|le|el)\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lunes|martes|miércoles|jueves|viernes|sábado|domingo)(?![\p{L}])|(?:on\s+|am\s+|le\s+|el\s+|at\s+|um\s+)?(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.?,?\s+(?:\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s)|\d{1,4}[./-]\d|\d{1,2}:\d{2}|\d{1,2}(?:st|nd|rd|th)?\s+[a-z]{3}|\d{1,2}\.\s+(?:jan|feb|mär|mar|apr|mai|may|jun|jul|aug|sep|okt|oct|nov|dez|dec|janv|févr|fév|avr|juil|août|déc|ene|abr|ago|dic|mei|mrt|gen|mag|giu|lug|set|ott)|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d))/iu;
/** Separators left at the end of a name once the date after them is cut ("By Dr. Jane Doe - Mar 27, 2024" → "Dr. Jane Doe -"). */
const TRAILING_SEPARATORS = /[\s|·•—–»:;,-]+$/;
/** Not a name: an e-mail address, a handle (`@github`) or a profile link, a text with a year or a time of day in it. */
const NOT_A_NAME = /@|\[at\]|\(at\)|\[email\s+protected\]|^\W|(?:twitter|x|facebook|instagram|linkedin)\.com\/|\b\d{4}\b|\d{1,2}:\d{2}/i;

/**
 * The line of an author element's text (./html/walk.ts AUTHOR_LINE) that holds the name: its first, when that is shaped as
 * a name, with its role, the date or a link to more on the lines after it ("StarredSkies" over "Big Board Owner", "Susan
 * Hallam MBE" over "Managing Director, Hallam Internet"); otherwise the lines read as one text, as a user name's
 * ("linksc" over the headline) or a label's ("Zum Inhalt springen", a skip link inside the author box) were before, and
 * those of an element of more lines than an author box has (TEXT_METADATA.maxAuthorLines): a region of the page.
 */
function firstLine(text: string): string {
  const at = text.indexOf(AUTHOR_LINE);
  if (at < 0) return text;
  const first = text.slice(0, at);
  return looksLikeName(first.trim()) && text.split(AUTHOR_LINE, TEXT_METADATA.maxAuthorLines + 1).length <= TEXT_METADATA.maxAuthorLines ? first : text;
}

/**
 * The texts of the author elements without those that are the line under the name of an author element around them: a
 * box's "author-role" or "author-title" ("Staff Writer" inside "Jane Doe" / "Staff Writer"), which the walk gives before
 * the box (it closes first), is the author's role, not a name. Only the line right under the name: further down, a
 * teaser's author names the teaser's story under its section and headline ("Sports" / headline / "Jane Doe").
 */
function withoutRoleLines(elements: readonly string[]): readonly string[] {
  const roles = new Map<string, number>();
  elements.forEach((text, at) => {
    const lines = text.replace(BYLINE_LEAD, '').split(AUTHOR_LINE);
    if (lines.length > 1 && firstLine(lines.join(AUTHOR_LINE)) === lines[0]) roles.set(lines[1]!, at);
  });
  // Only an element before the box in the list is inside it.
  return roles.size === 0 ? elements : elements.filter((text, at) => (roles.get(text) ?? -1) <= at);
}

/**
 * A byline as the page states it, or null when it is no name: the introducing words, what follows
 * a separator or a date are left out ("By Jane Doe | February 19, 2024" → "Jane Doe"); a handle,
 * an e-mail address, a URL, a date, a bare "By" or a sentence is no byline.
 */
export function cleanByline(stated: string): string | null {
  if (stated.length > INPUT_LIMITS.metadataChars) return null;
  // The name inside a link or a span ("<a href=…>Jane Doe</a>"), before the tests of what a name is.
  const value = withoutMarkup(stated);
  const name = firstLine(value.replace(BYLINE_LEAD, '')).split(BYLINE_SEPARATOR)[0]!.split(DATE_AFTER_NAME)[0]!;
  // A space before the name, so that a date's label alone ("Posted on") is cut whole.
  const text = clean(` ${name}`.split(DATE_LABEL_AFTER_NAME)[0]!.replace(TRAILING_SEPARATORS, ''));
  if (!text || URL_LIKE.test(text) || NOT_A_NAME.test(text) || !/\p{L}/u.test(text) || text.length > METADATA_LIMITS.authorChars) return null;
  if (BYLINE_LEAD.test(text) && !text.replace(BYLINE_LEAD, '')) return null;
  // A CMS's default account ("admin", "Super User", Blogger's "Unknown") names nobody.
  if (PLACEHOLDER_BYLINES.has(echoKey(text))) return null;
  return text;
}

/**
 * Distinct names as a byline, as many as fit in METADATA_LIMITS.bylineChars: "A", "A and B",
 * "A, B and C", with the conjunction of the page's language (a comma alone for the others).
 */
function joinNames(names: readonly string[], language: string | null): string | null {
  const kept: string[] = [];
  let length = 0;
  for (const name of new Set(names)) {
    const next = length + (kept.length ? 2 : 0) + name.length;
    if (next > METADATA_LIMITS.bylineChars - BYLINE_CONJUNCTION_ROOM) break;
    kept.push(name);
    length = next;
  }
  if (kept.length < 2) return kept[0] ?? null;
  const conjunction = BYLINE_CONJUNCTIONS[(language ?? 'en').split('-')[0]!.toLowerCase()];
  if (!conjunction) return kept.join(', ');
  return `${kept.slice(0, -1).join(', ')} ${conjunction} ${kept[kept.length - 1]}`;
}

/** "and" between the last two names of a byline, by language ("A, B and C"). */
const BYLINE_CONJUNCTIONS: Readonly<Record<string, string>> = { en: 'and', de: 'und', fr: 'et', es: 'y', it: 'e', pt: 'e', nl: 'en' };
/** Characters kept free for the conjunction when names are joined. */
const BYLINE_CONJUNCTION_ROOM = 4;

/**
 * A heading written in copies read once: a page that lays its headline out for each screen (a mobile and a desktop
 * line-up, a screen reader's copy) has its h1's text several times over, which the walk reads one after the other.
 */
function oneCopy(heading: string | null): string | null {
  if (heading === null) return null;
  for (let copies = 2; copies * TITLE_CUES.minCopiedHeadingWords * 2 <= heading.length + 1; copies++) {
    const length = (heading.length + 1) / copies - 1;
    if (!Number.isInteger(length)) continue;
    const copy = heading.slice(0, length);
    if (heading === Array(copies).fill(copy).join(' ') && copy.split(' ').length >= TITLE_CUES.minCopiedHeadingWords) return copy;
  }
  return heading;
}

/** A date source as a date, or null (not a string, too long, or no date); numeric dates in `order`. */
function dateOf(value: unknown, order: NumericDateOrder): string | null {
  if (typeof value !== 'string' || value.length > INPUT_LIMITS.metadataChars) return null;
  return normalizeDate(wellFormedText(value), order);
}

/** The absolute http(s) URL a value states, resolved against the page's URL when relative; null for anything else. */
function absoluteUrl(value: unknown, base: string | null): string | null {
  const text = clean(value);
  if (!text || /\s/.test(text)) return null;
  try {
    const url = base ? new URL(text, base) : new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** Tags as the page states them: a list, or one comma-separated string; distinct (ignoring case), bounded in number and length. */
function tagsOf(values: readonly unknown[]): string[] {
  const out = new Map<string, string>();
  for (const value of values) {
    const pieces = typeof value === 'string' ? value.split(/[,;]/) : [];
    for (const piece of pieces) {
      const tag = clean(piece);
      if (!tag || tag.length > METADATA_LIMITS.tagChars || out.has(tag.toLowerCase())) continue;
      out.set(tag.toLowerCase(), tag);
      if (out.size >= METADATA_LIMITS.tags) return [...out.values()];
    }
  }
  return [...out.values()];
}

/** The keywords of a JSON-LD value: a comma-separated string or an array of strings (one level). */
function keywordList(value: unknown): unknown[] | null {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.slice(0, METADATA_LIMITS.tags).filter((v) => typeof v === 'string');
  return null;
}

/**
 * A name as a byline written in the page's text shows it: a few words, each capitalized, an initial,
 * a particle ("van", "de") or a joining word; or words of a script without case. Text bylines need
 * the shape ("By clicking below…" is no byline); stated ones (JSON-LD, meta) are taken as written,
 * user names ("koconder") included.
 */
const NAME_WORD = /^(?:[\p{Lu}][\p{L}\p{M}'’.-]*|[\p{Lo}\p{M}]+|van|von|de|der|den|da|del|di|du|la|le|bin|al|and|und|et|y|&)$/u;

function looksLikeName(text: string): boolean {
  const words = text.split(/[\s,]+/).filter(Boolean);
  return words.length > 0 && words.length <= TEXT_METADATA.maxNameWords && words.every((w) => NAME_WORD.test(w)) && NAME_WORD.test(words[0]!) && /^[\p{Lu}\p{Lo}]/u.test(words[0]!);
}

/** The name an author element's biography starts with ("Lauren Vetter is a growth-focused …" → "Lauren Vetter"), or null. */
function bioName(text: string): string | null {
  const m = AUTHOR_BIO.exec(text.slice(0, TEXT_METADATA.maxBlockChars));
  const name = m ? cleanByline(m[1]!) : null;
  if (!name || !looksLikeName(name)) return null;
  // The box's name line read with its biography ("Jane Doe Jane Doe is a …"): the name once.
  const words = name.split(' ');
  const half = words.slice(0, words.length / 2).join(' ');
  return words.length % 2 === 0 && `${half} ${half}` === name ? half : name;
}

/** The indexes of the blocks near the headline (after it first, nearest first; then before it): where a page shows its dateline and byline. */
function nearHeadline(blocks: readonly Block[], headlines: readonly ReadonlySet<string>[]): number[] {
  const limit = Math.min(blocks.length, TEXT_METADATA.headlineSearchBlocks);
  let at = -1;
  for (const [k, titles] of headlines.entries()) {
    // Up to thousands of blocks: keyed only when the key could begin like a title's.
    const mayBeTitle = echoKeyScreen(titles);
    for (let i = 0; i < limit && at < 0; i++) {
      const text = blocks[i]!.text;
      if (text.length <= TEXT_METADATA.maxBlockChars * 2 && mayBeTitle(text) && titles.has(echoKey(text))) at = i;
    }
    // No copy of a stated title: a heading whose first part is one, with other labels after it ("Title - Programming -
    // Nairaland" for the <title> "Title - Programming - Nigeria"), before the other forms of the title (an h1 among them:
    // a forum's logo "Nairaland Forum", above its "Date: Thursday, 05 March 2026" header).
    for (let i = 0; k === 0 && i < limit && at < 0; i++) {
      const text = blocks[i]!.text;
      if (blocks[i]!.headingLevel === 0 || text.length > TEXT_METADATA.maxBlockChars * 2 || !mayBeTitle(text)) continue;
      const lead = text.split(TITLE_SEPARATOR, 1)[0]!;
      if (lead !== text && titles.has(echoKey(lead))) at = i;
    }
    if (at >= 0) break;
  }
  for (let i = 0; i < limit && at < 0; i++) if (blocks[i]!.headingLevel === 1) at = i;
  if (at < 0) return [];
  const near: number[] = [];
  for (let i = at + 1; i <= Math.min(blocks.length - 1, at + TEXT_METADATA.blocksAfter); i++) near.push(i);
  for (let i = at - 1; i >= Math.max(0, at - TEXT_METADATA.blocksBefore); i--) near.push(i);
  return near.filter((i) => blocks[i]!.text.length <= TEXT_METADATA.maxBlockChars);
}

/** A separator between parts of a title shown in a heading ("Title - Section - Site"). */
const TITLE_SEPARATOR = /\s+(?:[|\-–—·•»]|::)\s+/;

/** A dateline that states when the page was changed, not published ("Updated Dec 18, 2025", "Last updated:", "last post by"). */
const UPDATE_LABEL = new RegExp(String.raw`(?:${UPDATE_LABEL_WORDS.join('|')})\b[^\d]{0,40}$`, 'i');
/** UPDATE_LABEL's words anywhere: a text without them has no label before a date that UPDATE_LABEL matches. */
const UPDATE_WORD = new RegExp(UPDATE_LABEL_WORDS.join('|'), 'i');

/**
 * The first date written in a text, unless its label says it is an update's ("By Jane Doe | Updated March 5, 2024"): then
 * null, not the update's date as the publication's. Numeric dates in `order`.
 */
export function publishedTextDate(text: string, order: NumericDateOrder): string | null {
  const found = datelineOf(text, order);
  return found && !found.update ? found.date : null;
}

/**
 * The first date written in a text, whether its label says it is an update's ("Updated March 5, 2024", "Last modified: …"),
 * and, after a publication's date, the update's date the same line gives next (`updated`: "Published March 3, 2024 ·
 * Updated March 5, 2024").
 */
export function datelineOf(text: string, order: NumericDateOrder): { date: string; update: boolean; updated: string | null } | null {
  const found = findTextDate(text, order);
  if (!found) return null;
  const update = UPDATE_LABEL.test(text.slice(0, found.at));
  return { date: found.date, update, updated: update ? null : updateAfter(text, found.end, order) };
}

/** The next date written in a dateline after `from`, with the words between (its label), or null. */
function dateAfter(text: string, from: number, order: NumericDateOrder): { date: string; label: string } | null {
  const rest = text.slice(from);
  const next = findTextDate(rest, order);
  return next && { date: next.date, label: rest.slice(0, next.at) };
}

/** The date after `from` in a dateline when its label says it is an update's ("… · Updated March 5, 2024"), else null. */
function updateAfter(text: string, from: number, order: NumericDateOrder): string | null {
  const next = dateAfter(text, from, order);
  return next && UPDATE_LABEL.test(next.label) ? next.date : null;
}

interface WrittenMetadata {
  readonly byline: string | null;
  /** The texts of the blocks near the headline, nearest first: where a byline naming several authors is shown. */
  readonly nearTexts: readonly string[];
  /** The first dateline near the headline that is not an update's. */
  readonly publishedAt: string | null;
  /** Every dateline near the headline that is not an update's, nearest first (publishedAt the first). */
  readonly publishedDates: readonly string[];
  /** The first dateline near the headline that says it is an update's. */
  readonly modifiedAt: string | null;
}

/** What the markup states of the page's dates, which says how far the datelines near the headline are read. */
interface StatedDates {
  /** The page states no date of change: the update's dateline is read too. */
  readonly readModified: boolean;
  /** The publication date the markup states, if any: the datelines are read until one shows its day. */
  readonly statedPublished: string | null;
}

/**
 * A dateline or a byline written near the headline ("By Sofia Gonzalez December 2, 2025", "Written by" / "Edzel Tabing").
 * The datelines are read only as far as needed (`stated`): dates are read by chrono, a few tenths of a millisecond a block.
 */
function textualMetadata(blocks: readonly Block[], headlines: readonly ReadonlySet<string>[], stated: StatedDates, order: NumericDateOrder): WrittenMetadata {
  const nearIndexes = nearHeadline(blocks, headlines);
  const near = nearIndexes.map((i) => blocks[i]!);
  const publishedDates: string[] = [];
  let modifiedAt: string | null = null;
  const showsStated = (date: string): boolean => stated.statedPublished !== null && sameDay(stated.statedPublished, date);
  // The years a date that shows the stated publication's day writes (its own, and its UTC day's: sameDay).
  const statedYears = stated.statedPublished === null ? [] : [stated.statedPublished, utcDay(stated.statedPublished)].filter((d): d is string => d !== null).map((d) => d.slice(0, 4));
  for (const [k, block] of near.entries()) {
    // Enough: the publication's dateline, the update's when the markup states none, and the stated date's when it states one.
    if (publishedDates.length > 0 && (modifiedAt || !stated.readModified) && (stated.statedPublished === null || publishedDates.some(showsStated))) break;
    // After the publication's dateline, a block is read only where it may still tell one of them: an update's label
    // while the update's date is wanted, the stated publication's year (a date read writes its year: writesYear) while
    // no dateline has shown its day. Any other block's date would only join the dates that do not show it.
    if (
      publishedDates.length > 0 &&
      !(stated.readModified && !modifiedAt && UPDATE_WORD.test(block.text)) &&
      !(statedYears.length > 0 && !publishedDates.some(showsStated) && statedYears.some((year) => block.text.includes(year)))
    ) {
      continue;
    }
    const found = findTextDate(block.text, order);
    if (!found) continue;
    // The label comes before the date: what precedes it says which date it is.
    const label = block.text.slice(0, found.at);
    // A member's profile beside a forum post ("Founded: Dec 11, 2021"; "Joined" above "Nov 4, 2011") dates the member,
    // not the page.
    const previous = blocks[nearIndexes[k]! - 1]?.text ?? '';
    if (label.trim() ? PROFILE_DATE_LABEL.test(label) : PROFILE_DATE_LABEL.test(previous) && previous.replace(PROFILE_DATE_LABEL, '').trim() === '') continue;
    if (UPDATE_LABEL.test(label)) {
      modifiedAt ??= found.date;
      // The publication's date after the update's in the same line ("Updated March 5, 2024, published March 3, 2024"):
      // it was never read.
      const next = dateAfter(block.text, found.end, order);
      if (next && !UPDATE_LABEL.test(next.label) && !PROFILE_DATE_LABEL.test(next.label)) publishedDates.push(next.date);
    } else {
      publishedDates.push(found.date);
      // The update's date after the publication's in the same line ("Published March 3, 2024 · Updated March 5, 2024"):
      // it was never read.
      if (stated.readModified) modifiedAt ??= updateAfter(block.text, found.end, order);
    }
  }
  const publishedAt = publishedDates[0] ?? null;
  let byline: string | null = null;
  for (let i = 0; i < near.length && !byline; i++) {
    const text = near[i]!.text;
    // "89 points by koconder on Dec 26, 2023": the poster's user name, whatever its shape.
    const scored = SCORE_BYLINE.exec(text);
    if (scored) byline = cleanByline(scored[1]!);
    if (byline) continue;
    if (!BYLINE_LEAD.test(text)) {
      // A dateline whose byline is one of its parts ("March 15, 2022 · 3 min read · By ASU Online").
      const part = text.split(BYLINE_SEPARATOR).find((piece, k) => k > 0 && BYLINE_LEAD.test(piece) && piece.replace(BYLINE_LEAD, ''));
      const candidate = part ? cleanByline(part) : null;
      if (candidate && looksLikeName(candidate)) byline = candidate;
      continue;
    }
    const rest = text.replace(BYLINE_LEAD, '');
    // A label alone ("Written by", "Author"): the name is the next block.
    const candidate = rest ? cleanByline(text) : near[i + 1] ? cleanByline(near[i + 1]!.text) : null;
    if (candidate && looksLikeName(candidate)) byline = candidate;
  }
  // An author box after the article ("Written by John Crenshaw"): only the lead that says authorship outright.
  for (let i = 0; i < Math.min(blocks.length, TEXT_METADATA.headlineSearchBlocks) && !byline; i++) {
    const text = blocks[i]!.text;
    if (text.length > TEXT_METADATA.maxBlockChars || !AUTHOR_BOX_LEAD.test(text)) continue;
    const candidate = cleanByline(text.replace(AUTHOR_BOX_LEAD, ''));
    if (candidate && looksLikeName(candidate)) byline = candidate;
  }
  return { byline, publishedAt, publishedDates, modifiedAt, nearTexts: near.map((block) => block.text) };
}

/** A name as an author tag writes it, "Last, First" turned ("Roy, Aniruddha" → "Aniruddha Roy"): a surname of one word
 *  before the comma ("Genevieve Carlton, Ph.D." is a name and a degree). */
function taggedName(value: string): string | null {
  const name = cleanByline(value);
  const m = name ? /^([^\s,]+),\s*([^,]+)$/u.exec(name) : null;
  return m && looksLikeName(m[2]!) ? `${m[2]} ${m[1]}` : name;
}

/**
 * The names of the page's author tags (./cues/metadata.ts METADATA_KEYS.authorLists: a journal's "citation_author" for each
 * author) when one of them lists several, the first the stated author ("Jennifer Huberty" of the dc.creator, six
 * citation_authors after her); null otherwise.
 */
function taggedNameList(stated: string, lists: ReadonlyArray<readonly string[]>): string[] | null {
  const key = echoKey(stated);
  for (const list of lists) {
    if (list.length < 2) continue;
    const first = cleanByline(list[0]!);
    const names = list.map(taggedName).filter((name): name is string => !!name);
    if (names.length > 1 && first !== null && (echoKey(first) === key || echoKey(names[0]!) === key)) return names;
  }
  return null;
}

/** The last part of a title after its separators ("Colin Watson's blog" of "Preparing a transition | Colin Watson's blog"). */
function lastTitlePart(title: string): string {
  const parts = title.split(TITLE_SEPARATOR);
  return parts[parts.length - 1]!;
}

/** The person a site is named for ("Colin Watson" of "Colin Watson's blog": ./cues/metadata.ts PERSONAL_SITE_NAME), a name of
 *  two words or more, or null. */
function personalSiteAuthor(siteNames: ReadonlyArray<string | null>): string | null {
  for (const site of siteNames) {
    const m = site ? PERSONAL_SITE_NAME.exec(site.trim()) : null;
    const name = m ? cleanByline(m[1]!) : null;
    if (name && name.split(/\s+/).length > 1 && looksLikeName(name)) return name;
  }
  return null;
}

/** What separates the names of a byline that lists several ("A, B & C", "A and B", "A und B"). */
const NAME_LIST_SEPARATOR = /\s*,\s*(?:(?:and|und|et|y|e|en|&)\s+)?|\s+(?:and|und|et|y|e|en|&)\s+/i;
/** The conjunction before the last name of such a list. */
const LAST_NAME_CONJUNCTION = /(?:,\s*|\s+)(?:and|und|et|y|e|en|&)\s+\S+(?:\s+\S+)*$/i;

/**
 * The names of a byline shown near the headline that starts with the stated author and lists others after it ("Rui Ma,
 * Heba Ledwon, Manoel Cortes Mendez & Suparn Patra" where the markup names only "Rui Ma"); null when no such line is
 * shown. A list joins its last name with a conjunction and each name has two words or more: "Mike Marshall, Shipping
 * Expert", "Claire Wilson, Co-Founder and COO", "Michael L. Anderson, PhD" are a name and a role.
 */
function shownNameList(stated: string, nearTexts: readonly string[]): string[] | null {
  const key = echoKey(stated);
  for (const text of nearTexts) {
    const line = text.replace(BYLINE_LEAD, '');
    if (!LAST_NAME_CONJUNCTION.test(line)) continue;
    const names = line.split(NAME_LIST_SEPARATOR).map((name) => name.trim());
    if (names.length < 2 || names.length > METADATA_LIMITS.authors || echoKey(names[0]!) !== key) continue;
    if (names.every((name) => name.split(/\s+/).length > 1 && looksLikeName(name) && cleanByline(name) === name)) return names;
  }
  return null;
}

/**
 * `base`: the page's base URL (its `<base href>` resolved against the address it was fetched from, a
 * WARC record's target), when known: what a relative canonical link resolves against.
 */
export function htmlMetadata(raw: RawMetadata, watchdog?: Watchdog, blocks: readonly Block[] = [], base: string | null = null): HtmlMetadata {
  const jsonLd = new JsonLd(raw.jsonLd);
  const meta = raw.meta;
  const text = (value: unknown): string | null => clean(value);

  const statedSiteName = firstMeta(meta, METADATA_KEYS.siteName);
  const organizationName = clean(jsonLd.named(JSON_LD_SITE_TYPES)?.name);
  const publisherName = clean(jsonLd.first('publisher', (v) => jsonLd.names(v, 1)[0] ?? null));
  const siteName = statedSiteName ?? organizationName ?? publisherName;
  const url = canonicalUrl(clean(raw.canonical), base, [firstMeta(meta, METADATA_KEYS.url), jsonLd.first('url', text)]);

  // The first source that states a language (an <html lang="und"> or "english" states none).
  const language =
    normalizeLanguage(clean(raw.htmlLang)) ??
    METADATA_KEYS.language.map((key) => normalizeLanguage(clean(meta.get(key)))).find((tag) => tag !== null) ??
    jsonLd.first('inLanguage', (value) => normalizeLanguage(text(value)));
  // A page that states no language: its numeric dates in the order of the language its text is in (the document's language
  // is told from its body text later, ../clean.ts): "03.04.2024" on a German page without lang was 4 March.
  const order = numericDateOrder(language ?? detectLanguageOf(textsOf(blocks)));
  const date = (value: unknown): string | null => dateOf(value, order);

  const stated = [jsonLd.first('headline', text), firstMeta(meta, METADATA_KEYS.title), clean(raw.title, 'keep')].filter((t): t is string => !!t);
  const h1 = raw.h1.slice(0, METADATA_LIMITS.headings).map((h) => oneCopy(clean(h, 'keep')));
  const headings = h1.filter((t): t is string => !!t);
  // An h1 whose link is the page itself (rel=bookmark, or the page's address) is its headline; a logo's links home.
  const headlines = h1.filter((_, i) => {
    const link = raw.h1Links?.[i]?.attribs;
    const rel = link?.rel ?? '';
    try {
      return !!link && !HOME_LINK.test(rel) && (SELF_LINK.test(rel) || (url !== null && new URL(link.href!, base ?? url).href.replace(/#.*/, '') === url));
    } catch {
      return false;
    }
  });
  // The h1s without a link in or around them, when the walk noted their links: no h1 of the same text has one.
  const linked = new Set(h1.filter((_, i) => !!raw.h1Links?.[i]));
  const unlinked = raw.h1Links ? h1.filter((text) => !linked.has(text)) : [];
  const pageTypes = [...jsonLd.objects.map(typeOf), meta.get('og:type') ?? ''].join(' ').slice(0, METADATA_LIMITS.pageTypesChars);
  const title = chooseTitle({ stated, headings, headlines, unlinked, siteNames: [statedSiteName, organizationName, publisherName], url, article: namesArticle(pageTypes), collection: namesCollection(pageTypes) });
  // Every form of the headline the page may repeat in its text, so that no copy of it stays a segment.
  const sites = siteWords([siteName], url);
  const titleCandidates = [...new Set([title, ...stated, ...stated.map((t) => withoutSiteParts(t, sites)), headings[0]].filter((t): t is string => !!t))];

  // The elements the walk met are as many as the page has: only the first few are read (METADATA_LIMITS), so the
  // work is bounded whatever the page.
  const bylineElements = withoutRoleLines(raw.authors.slice(0, METADATA_LIMITS.bylineCandidates));
  const statedModified = jsonLd.first('dateModified', date) ?? firstDate(METADATA_KEYS.modified.map((k) => meta.get(k)), order);
  // The headline the datelines and bylines are written near: a copy of the title or of a stated title first, the
  // page's first <h1> only when none is in the text, and never one of the site's names. A logo's <h1> ("Houstonia
  // Magazine") or a search box's ("Search") before the article's headline took the search to the menu.
  const siteKeys = new Set([statedSiteName, organizationName, publisherName].filter((n): n is string => !!n).map(echoKey));
  const headlineKeys = (texts: ReadonlyArray<string | null | undefined>): Set<string> =>
    new Set(texts.filter((t): t is string => !!t).map(echoKey).filter((key) => key && !siteKeys.has(key)));
  const statedHeadlines = headlineKeys([title, ...stated, ...stated.map((t) => withoutSiteParts(t, sites))]);
  const timeElements = raw.times.slice(0, METADATA_LIMITS.dateCandidates);
  const statedPublished =
    jsonLd.first('datePublished', date) ??
    jsonLd.first('dateCreated', date, JSON_LD_TYPES.bylineRank) ??
    firstDate([...METADATA_KEYS.published.map((k) => meta.get(k)), ...timeElements], order) ??
    // Last resort: a written date in the byline box ("By Jane Doe | February 19, 2024"), read only when day, month and year are explicit.
    bylineElements.map((t) => (t.length > INPUT_LIMITS.metadataChars ? null : publishedTextDate(collapseWhitespace(t), order))).find((d) => !!d) ??
    null;
  // A title with a site's name the page does not state ("Ask HN: … | Hacker News") has no copy in the text: its longest part may.
  const written = textualMetadata(blocks, [statedHeadlines, headlineKeys(titleCandidates), headlineKeys(stated.map(longestPart))], { readModified: statedModified === null, statedPublished }, order);
  // The stated authors' names, and whether they are organizations (the publisher named as the author).
  const statedAuthors = jsonLd.first(
    'author',
    (v) => {
      const names = jsonLd.names(v, METADATA_LIMITS.authors).map(cleanByline).filter((n): n is string => !!n);
      return names.length > 0 ? { names, organizations: jsonLd.allOfType(v, JSON_LD_SITE_TYPES) } : null;
    },
    JSON_LD_TYPES.bylineRank,
  );
  const authorNames = statedAuthors?.names ?? null;
  const others = [
    ...METADATA_KEYS.author.map((key) => meta.get(key)).map((v) => (v === undefined ? null : cleanByline(v))),
    ...raw.microdataAuthors.map(cleanByline),
    // An author box's biography gives the name it starts with ("Lauren Vetter is a …"), not the sentence.
    ...bylineElements.map((element) => bioName(element) ?? cleanByline(element)),
    written.byline,
  ].filter((name): name is string => !!name);
  // JSON-LD's author the publishing organization itself (its type an Organization, its name the site's): a person the
  // page names as its author in a byline says more ("MixmasterFred" on an Instructables page, a reporter on a paper's).
  const organizationAuthor = statedAuthors !== null && statedAuthors.organizations && statedAuthors.names.every((name) => siteKeys.has(echoKey(name)));
  // The first byline the page shows decides: one that names the site too ("Frau Sabienes", "veröffentlicht von
  // stylegart" on a blog named so) confirms it; a name shaped as a person's replaces it.
  const namesSite = (name: string): boolean => [...siteKeys].some((site) => echoKey(name).includes(site));
  const firstShown = organizationAuthor ? others.find((name) => namesSite(name) || looksLikeName(name)) : undefined;
  const person = firstShown && !namesSite(firstShown) ? firstShown : undefined;
  const named = person ?? (authorNames ? joinNames(authorNames, language) : null) ?? others[0] ?? null;
  // One author named, several shown: the byline the page shows, or the author tags that list them (one tag an author).
  const listed = named && (authorNames?.length ?? 1) === 1 ? (shownNameList(named, written.nearTexts) ?? taggedNameList(named, raw.authorLists ?? [])) : null;
  // No byline anywhere: a site named as a person's ("Colin Watson's blog") is that person's.
  const byline = (listed ? joinNames(listed, language) : named) ?? personalSiteAuthor([statedSiteName, organizationName, publisherName, ...stated.map(lastTitlePart)]);

  watchdog?.check('reading the dates of the page');
  const modifiedAt = statedModified ?? written.modifiedAt;
  // The date the page shows with its headline (not an update's) is its date: on evergreen pages the stated
  // datePublished is often years older than the date shown (train part of modern-web: 81.0% → 87.6% with it first).
  // When it is the day of a stated date, the stated one says it more precisely (time, offset).
  const shown = written.publishedAt;
  // A stated time with an offset is the same date when the day shown is its day in UTC (./sameDay).
  // The stated date shown among the datelines near the headline, after another (a preprint's "first published 04.Apr.2019"
  // above a paper's "Published on 25.Jun.2019"): the page confirms the date it states.
  const statedShown = !!statedPublished && written.publishedDates.some((day) => sameDay(statedPublished, day));
  const chosen = shown ? ([statedPublished, modifiedAt].find((d) => sameDay(d, shown)) ?? (statedShown ? statedPublished : shown)) : statedPublished;
  // A time stated in UTC that the page's own <time> gives in its offset ("2025-12-18T23:25:38+00:00" in JSON-LD,
  // "2025-12-19T04:25:38+0500" on the post): the same instant, on the day the page shows.
  const local = chosen && UTC_TIME.test(chosen) ? (localForm(chosen, timeElements, order) ?? chosen) : chosen;
  // Last resorts: the date a blog's permalink writes in its path ("/2021/04/22/slug/", WordPress's default), then a
  // dateline anywhere on the page that says it is the publication's ("Published on July 18, 2025"), then, on a page that
  // neither states nor shows when it was first published, its update's date when the markup states it and the page shows
  // it with the headline ("Updated on July 9, 2025" over dateModified 2025-07-09): the version the reader has is dated
  // so, where nothing else dates the page. A shown update the markup does not state ("last post by … Jun 5, 2024" over a
  // forum's list) is none.
  const updateShown = statedModified && written.modifiedAt && sameDay(statedModified, written.modifiedAt) ? statedModified : null;
  const publishedAt = local ?? urlDate(url) ?? labelledDate(blocks, order) ?? updateShown;

  const description = firstMeta(meta, METADATA_KEYS.description) ?? jsonLd.first('description', text);
  const image =
    METADATA_KEYS.image.map((k) => absoluteUrl(meta.get(k), url)).find((u) => !!u) ??
    jsonLd.first('image', (v) => jsonLd.urls(v, 1).map((u) => absoluteUrl(u, url))[0] ?? null) ??
    null;
  const tags = [raw.tags, jsonLd.first('keywords', keywordList), METADATA_KEYS.keywords.map((k) => meta.get(k))]
    .map((values) => tagsOf(values ?? []))
    .find((list) => list.length > 0) ?? [];
  watchdog?.check('reading the metadata of the page');

  return { title, byline, publishedAt, modifiedAt, url, language, siteName, description, image, tags, titleCandidates, pageTypes };
}

/** The blocks' texts, one after the other (a detection reads only as many as it samples). */
function* textsOf(blocks: readonly Block[]): Generator<string> {
  for (const block of blocks) yield block.text;
}

/**
 * The first dateline of the page that says it is the publication's (PUBLISHED_LABEL, ./cues/metadata.ts): the date
 * right after the label, or in the block after a label alone ("Published" / "July 8, 2025"); null when none.
 */
function labelledDate(blocks: readonly Block[], order: NumericDateOrder): string | null {
  for (let i = 0; i < Math.min(blocks.length, TEXT_METADATA.headlineSearchBlocks); i++) {
    const text = blocks[i]!.text;
    if (text.length > TEXT_METADATA.maxBlockChars || !PUBLISHED_LABEL.test(text)) continue;
    const rest = text.replace(PUBLISHED_LABEL, '');
    const next = blocks[i + 1]?.text ?? '';
    const dated = rest ? rest : next.length <= TEXT_METADATA.maxBlockChars ? next : '';
    const found = findTextDate(dated, order);
    // The date starts the text after the label: "Published content overview … 2024" is no dateline.
    if (found && found.at === 0) return found.date;
  }
  return null;
}

/** A date written as the folders of a URL's path: "/2021/04/22/", the year, month and day each a folder of its own. */
const URL_PATH_DATE = /\/((?:199|20\d)\d)\/(\d{2})\/(\d{2})\//;

/** The date a URL's path writes, or null (./normalizeIsoDate judges it: "/2021/13/45/" is none). */
function urlDate(url: string | null): string | null {
  const m = url ? URL_PATH_DATE.exec(url) : null;
  return m ? normalizeIsoDate(`${m[1]}-${m[2]}-${m[3]}`) : null;
}

/** A date with a time in UTC (Z or an offset of zero). */
const UTC_TIME = /T\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]00:00)$/;
/** A date with a time and its offset (Z or ±hh:mm). */
const TIME_WITH_OFFSET = /T\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:\d{2})$/;

/** The first of the page's <time> dates that is the same instant as a time in UTC with another offset, or null. */
function localForm(utc: string, times: readonly string[], order: NumericDateOrder): string | null {
  const instant = Date.parse(utc);
  for (const value of times) {
    const date = dateOf(value, order);
    if (date && TIME_WITH_OFFSET.test(date) && !UTC_TIME.test(date) && Date.parse(date) === instant) return date;
  }
  return null;
}

/**
 * Whether a date is on a day: the same calendar day, or, for a time with an offset, its day in UTC (a server that writes
 * the dates it shows in UTC, the markup in the local time: "Jun 3, 2024" for 2024-06-02T20:22:24-04:00).
 */
function sameDay(date: string | null, day: string): boolean {
  return !!date && (date.slice(0, 10) === day.slice(0, 10) || utcDay(date) === day.slice(0, 10));
}

/** The day in UTC of a date with a time and an offset ("2024-06-02T20:22:24-04:00" → "2024-06-03"); null without an offset. */
function utcDay(date: string): string | null {
  if (!TIME_WITH_OFFSET.test(date)) return null;
  const time = Date.parse(date);
  return Number.isNaN(time) ? null : new Date(time).toISOString().slice(0, 10);
}

/** The first of the values that is a date. */
function firstDate(values: readonly unknown[], order: NumericDateOrder): string | null {
  for (const value of values) {
    const date = dateOf(value, order);
    if (date) return date;
  }
  return null;
}

/**
 * An absolute http(s) URL as the URL standard writes it, as the document's links and a WARC record's target are:
 * percent-encoded ("https://news.example/a story/é" is "https://news.example/a%20story/%C3%A9"), the host in lowercase.
 * A value that does not parse as one is none.
 */
export function standardUrl(value: string | null): string | null {
  if (value === null || !URL_LIKE.test(value)) return null;
  try {
    return new URL(value).href;
  } catch {
    return null;
  }
}

/**
 * The canonical link when it is absolute; a relative one ("/news/story") resolved against the page's
 * base URL, as the HTML standard resolves every link of a page and as the document's links are; with
 * no base known, against the page's own absolute URL (og:url, JSON-LD url); else the first absolute
 * URL the page states.
 */
function canonicalUrl(canonical: string | null, base: string | null, stated: ReadonlyArray<string | null>): string | null {
  const absolute = stated.map(standardUrl).find((u) => u !== null) ?? null;
  const own = standardUrl(canonical);
  if (own !== null) return own;
  if (canonical && base !== null) {
    try {
      const resolved = new URL(canonical, base).href;
      if (URL_LIKE.test(resolved)) return resolved;
    } catch {
      // Unparsable against the base: the page's own URL may still serve.
    }
  }
  if (canonical && absolute) {
    try {
      return new URL(canonical, absolute).href;
    } catch {
      // An unparsable canonical link: the stated URL still serves.
    }
  }
  return absolute;
}

export function normalizeLanguage(value: string | null): string | null {
  if (!value) return null;
  // An extension or private use ("-u-ca-gregory", "-x-formal") says how, not which language: cut where its singleton starts.
  const tag = value.replace(/_/g, '-').split(/[,;\s]/)[0]!.replace(/-[a-z0-9](?:-.*)?$/i, '');
  if (!LANGUAGE_TAG.test(tag) || NO_LANGUAGE.test(tag)) return null;
  const [primary, ...rest] = tag.split('-');
  const language = primary!.toLowerCase();
  return [WITHDRAWN_LANGUAGE_CODES.get(language) ?? language, ...rest.map((p) => (p.length === 2 ? p.toUpperCase() : p))].join('-');
}
