/**
 * Document metadata (title, byline, publishedAt, url, language, siteName) from what the page
 * offers, in order of reliability: JSON-LD, OpenGraph/Twitter/Dublin Core/meta tags, <time>,
 * marked-up elements, then textual cues ("By Jane Doe", "/ 01:49 PM February 19, 2024").
 *
 * Dates: ISO-like machine dates keep exactly what they state (offset included when given);
 * human dates are read with chrono-node (English, German, French, Spanish) and only when day,
 * month and year are all explicit, so no date ever depends on the clock.
 */
import * as chrono from 'chrono-node';
import { decodeHTMLStrict } from 'entities';
import { collapseWhitespace, normalizeText, wellFormedText } from './normalize.js';
import type { RawMetadata } from './html/page-metadata.js';
import { METADATA_KEYS } from './cues/metadata.js';
import { INPUT_LIMITS, METADATA_LIMITS } from './options.js';
import type { Watchdog } from './watchdog.js';

export interface Metadata {
  title: string | null;
  byline: string | null;
  publishedAt: string | null;
  url: string | null;
  language: string | null;
  siteName: string | null;
}

const ISO_DATE = /^\s*(\d{4})-(\d{2})-(\d{2})(?:[T\s](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?/i;
const COMPACT_DATE = /^\s*(\d{4})(\d{2})(\d{2})(?:T?(\d{2})(\d{2})(\d{2})?)?\s*$/;
const LANGUAGE_TAG = /^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/i;

const pad = (n: number): string => String(n).padStart(2, '0');

function validDate(year: number, month: number, day: number): boolean {
  if (year < 1990 || year > 2100 || month < 1 || month > 12 || day < 1 || day > 31) return false;
  return new Date(Date.UTC(year, month - 1, day)).getUTCDate() === day;
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
  if (!zone) return `${date}T${time}`;
  if (/^z$/i.test(zone)) return `${date}T${time}Z`;
  const offset = zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
  return `${date}T${time}${offset}`;
}

const PARSERS = [chrono.en, chrono.de, chrono.fr, chrono.es];
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

/** Reads a human-written date ("01:49 PM February 19, 2024", "19. Februar 2024"). */
export function parseTextDate(text: string): string | null {
  if (text.length > METADATA_LIMITS.textDateChars || !/\d{4}/.test(text)) return null;
  for (const parser of PARSERS) {
    const results = parser.casual.parse(text, REFERENCE);
    for (const result of results) {
      const start = result.start;
      if (!start.isCertain('year') || !start.isCertain('month') || !start.isCertain('day')) continue;
      const year = start.get('year')!;
      const month = start.get('month')!;
      const day = start.get('day')!;
      if (!validDate(year, month, day) || !inWrittenOrder(result.text, month, day)) continue;
      const date = `${year}-${pad(month)}-${pad(day)}`;
      if (!start.isCertain('hour')) return date;
      const time = `${pad(start.get('hour')!)}:${pad(start.get('minute') ?? 0)}`;
      if (!start.isCertain('timezoneOffset')) return `${date}T${time}`;
      const offset = start.get('timezoneOffset')!;
      const sign = offset < 0 ? '-' : '+';
      return `${date}T${time}${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
    }
  }
  return null;
}

/** A value shaped as a machine date is judged by the ISO path alone: "2024-13-01" is no date, not the 13 January that
 *  chrono reads (./parseTextDate). */
function normalizeDate(value: string): string | null {
  if (ISO_DATE.test(value) || COMPACT_DATE.test(value)) return normalizeIsoDate(value);
  return parseTextDate(value);
}

/** JSON-LD objects, flattened through @graph and arrays; malformed blocks are skipped. */
function jsonLdObjects(scripts: readonly string[]): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  const visit = (value: unknown, depth: number): void => {
    if (depth > METADATA_LIMITS.jsonLdDepth || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item, depth + 1);
      return;
    }
    const object = value as Record<string, unknown>;
    out.push(object);
    if (object['@graph']) visit(object['@graph'], depth + 1);
  };
  for (const script of scripts) {
    // A script too long to be an article's metadata is not parsed (20 million nested brackets are 20 million arrays).
    if (script.length > INPUT_LIMITS.jsonLdChars) continue;
    try {
      visit(JSON.parse(script.trim().replace(/^<!--|-->$/g, '')), 0);
    } catch {
      // Invalid JSON-LD is common in the wild; the other sources still apply.
    }
  }
  return out;
}

const ARTICLE_TYPES = /Article|BlogPosting|Posting|Report|NewsArticle|WebPage|Review|Recipe|Story/i;

/** The @type's names: a string, or the strings of an array (an array in it is no type: `Array.join` would recurse
 *  through it, and overflows the stack 3,000 levels down). */
function typeOf(object: Record<string, unknown>): string {
  const type = object['@type'];
  if (typeof type === 'string') return type;
  return Array.isArray(type) ? type.filter((t): t is string => typeof t === 'string').join(' ') : '';
}

/**
 * The names a JSON-LD value gives (`"Jane"`, `{"name": "Jane"}`, or an array of those, one level
 * deep): at most `max`. Deeper arrays are not names, and are not walked (no recursion at all, so
 * arrays nested 3,000 deep cannot overflow the stack).
 */
function names(value: unknown, max: number): string[] {
  const nameOf = (item: unknown): string | null => {
    if (typeof item === 'string') return item;
    if (item && typeof item === 'object' && !Array.isArray(item)) {
      const name = (item as Record<string, unknown>).name;
      return typeof name === 'string' ? name : null;
    }
    return null;
  };
  const out: string[] = [];
  for (const item of Array.isArray(value) ? value : [value]) {
    if (out.length >= max) break;
    const name = nameOf(item);
    if (name !== null) out.push(name);
  }
  return out;
}

/** A complete character reference ("&amp;", "&#8217;", "&#x2014;"): JSON-LD is raw script text the parser never
 *  decodes, and CMSs double-encode meta attributes ("&amp;amp;"). Strict decoding needs the semicolon, so "AT&T" stays. */
const CHARACTER_REFERENCE = /&(?:[a-z][a-z0-9]*|#\d+|#x[0-9a-f]+);/i;

/** A metadata value as text: references decoded, well-formed (./normalize.ts), normalized as a block's text is. Anything
 *  but a string (JSON-LD gives numbers, objects, arrays where strings belong) is no value. */
function clean(value: unknown): string | null {
  // No title, byline or date is that long: such a value is not read (and cannot make the cleaning copy it around).
  if (typeof value !== 'string' || value.length > INPUT_LIMITS.metadataChars) return null;
  const decoded = CHARACTER_REFERENCE.test(value) ? decodeHTMLStrict(value) : value;
  const text = normalizeText(wellFormedText(decoded));
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
const TITLE_SEPARATORS = /\s+[|\-–—·:»]\s+/;

/** "Headline | Site" → "Headline": keeps the longest part when a separator splits the title. */
function stripSiteFromTitle(title: string, siteName: string | null): string {
  const parts = title.split(TITLE_SEPARATORS).map((p) => p.trim()).filter(Boolean);
  if (parts.length < 2) return title;
  const withoutSite = siteName ? parts.filter((p) => p.toLowerCase() !== siteName.toLowerCase()) : parts;
  return withoutSite.reduce((a, b) => (b.length > a.length ? b : a), '');
}

/** "Jane Doe | February 19, 2024" → "Jane Doe": a byline box often carries the date or a role after a separator. */
const BYLINE_SEPARATOR = /\s+[|·•—–]\s+/;

function cleanByline(value: string): string | null {
  if (value.length > INPUT_LIMITS.metadataChars) return null;
  const text = clean(value.replace(/^\s*(?:by|von|par|por|di|door)\s+/i, '').split(BYLINE_SEPARATOR)[0]);
  if (!text || URL_LIKE.test(text) || text.length > METADATA_LIMITS.authorChars) return null;
  return text;
}

/** Distinct names joined with ", ", as many as fit in METADATA_LIMITS.bylineChars. */
function joinNames(names: readonly string[]): string | null {
  let byline = '';
  for (const name of new Set(names)) {
    const next = byline ? `${byline}, ${name}` : name;
    if (next.length > METADATA_LIMITS.bylineChars) break;
    byline = next;
  }
  return byline || null;
}

export function htmlMetadata(raw: RawMetadata, watchdog?: Watchdog): Metadata & { titleCandidates: string[] } {
  const objects = jsonLdObjects(raw.jsonLd);
  const article = objects.find((o) => ARTICLE_TYPES.test(typeOf(o)) && (o.headline || o.datePublished)) ?? objects.find((o) => o.headline || o.datePublished);
  const organization = objects.find((o) => /Organization|WebSite|NewsMediaOrganization/i.test(typeOf(o)) && typeof o.name === 'string');
  const meta = raw.meta;

  const siteName = firstMeta(meta, METADATA_KEYS.siteName) ?? clean(organization?.name as string | undefined) ?? clean(names(article?.publisher, 1)[0]);
  const pageTitle = clean(raw.title);
  const titleCandidates = [
    clean(article?.headline),
    firstMeta(meta, METADATA_KEYS.title),
    clean(raw.h1[0]),
    pageTitle ? stripSiteFromTitle(pageTitle, siteName) : null,
  ].filter((t): t is string => !!t);
  const title = titleCandidates[0] ?? null;

  // The elements the walk met are as many as the page has: only the first few are read (METADATA_LIMITS), so the
  // work is bounded whatever the page.
  const bylineElements = raw.authors.slice(0, METADATA_LIMITS.bylineCandidates);
  const authorNames = names(article?.author, METADATA_LIMITS.authors).map(cleanByline).filter((n): n is string => !!n);
  const metaAuthor = firstMeta(meta, METADATA_KEYS.author);
  const byline = joinNames(authorNames) ?? (metaAuthor ? cleanByline(metaAuthor) : null) ?? bylineElements.map(cleanByline).find((a) => !!a) ?? null;

  let publishedAt: string | null = null;
  const dateSources = [article?.datePublished, ...METADATA_KEYS.published.map((k) => meta.get(k)), ...raw.times.slice(0, METADATA_LIMITS.dateCandidates)];
  for (const source of dateSources) {
    if (typeof source !== 'string' || source.length > INPUT_LIMITS.metadataChars) continue;
    publishedAt = normalizeDate(wellFormedText(source));
    if (publishedAt) break;
  }
  watchdog?.check('reading the dates of the page');
  // Last resort: a written date in the byline box ("By Jane Doe | February 19, 2024"), read only when day, month and year are explicit.
  for (const text of publishedAt ? [] : bylineElements) {
    if (text.length > INPUT_LIMITS.metadataChars) continue;
    publishedAt = parseTextDate(collapseWhitespace(text));
    if (publishedAt) break;
  }
  watchdog?.check('reading the metadata of the page');

  const url = canonicalUrl(clean(raw.canonical), [firstMeta(meta, METADATA_KEYS.url), clean(article?.url)]);

  const languageRaw = clean(raw.htmlLang) ?? firstMeta(meta, METADATA_KEYS.language) ?? clean(article?.inLanguage);
  const language = normalizeLanguage(languageRaw);

  return { title, byline, publishedAt, url, language, siteName, titleCandidates };
}

/**
 * The canonical link when it is absolute; a relative one ("/news/story") resolved against the
 * page's own absolute URL (og:url, JSON-LD url); else the first absolute URL the page states.
 */
function canonicalUrl(canonical: string | null, stated: ReadonlyArray<string | null>): string | null {
  const absolute = stated.find((u): u is string => !!u && URL_LIKE.test(u)) ?? null;
  if (canonical && URL_LIKE.test(canonical)) return canonical;
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
  const tag = value.replace(/_/g, '-').split(/[,;\s]/)[0]!;
  if (!LANGUAGE_TAG.test(tag)) return null;
  const [primary, ...rest] = tag.split('-');
  return [primary!.toLowerCase(), ...rest.map((p) => (p.length === 2 ? p.toUpperCase() : p))].join('-');
}
