/**
 * What a page states about itself in markup — `<html lang>`, `<title>`, meta tags, the canonical
 * link, JSON-LD, `<time datetime>`, itemprop=datePublished — read with one cheerio selection
 * over what the tree walk met.
 */
import type { CheerioAPI } from 'cheerio/slim';
import type { Element } from 'domhandler';
import type { CapturedMetadata, MetadataSources } from './walk.js';
import { METADATA_KEYS } from '../cues/metadata.js';
import { METADATA_LIMITS } from '../options.js';

const TAG_KEYS: ReadonlySet<string> = new Set(METADATA_KEYS.tags);

export interface RawMetadata extends CapturedMetadata {
  readonly title: string | null;
  readonly htmlLang: string | null;
  readonly canonical: string | null;
  /** meta name/property/itemprop/http-equiv (lower-cased) → content, first occurrence wins. */
  readonly meta: ReadonlyMap<string, string>;
  readonly jsonLd: readonly string[];
  /** Dates in order of trust: itemprop=datePublished, then <time datetime>, then <time> text. */
  readonly times: string[];
  /** Every tag meta (article:tag…; METADATA_KEYS.tags) in document order, at most METADATA_LIMITS.tags. */
  readonly tags: string[];
}

/**
 * What states page metadata. `[itemprop]` rather than `[itemprop="datePublished" i]`: the value is
 * tested below, in code, on the few elements that have the attribute.
 */
const SELECTOR = 'html, title, meta[content], link[rel][href], script[type], time[datetime], [itemprop]';
const META_KEYS = ['property', 'name', 'itemprop', 'http-equiv'] as const;
const CANONICAL = /(?:^|\s)canonical(?:\s|$)/i;
const JSON_LD = /ld\+json/i;
const DATE_PUBLISHED = /^datePublished$/i;

/** The text directly inside an element (title, JSON-LD script): its text children only. */
function ownText(element: Element): string {
  let out = '';
  for (const child of element.children) if (child.type === 'text') out += child.data;
  return out;
}

/**
 * `sources`: the elements of the page that may state metadata, in document order, as the walk
 * collected them (./walk.ts MetadataSources). Filtered by SELECTOR, they are the selection SELECTOR
 * makes over the whole document, in the same order (the first title, canonical link and meta of a
 * name win).
 */
export function readPageMetadata($: CheerioAPI, sources: MetadataSources, captured: CapturedMetadata): RawMetadata {
  let title: string | null = null;
  let htmlLang: string | null = null;
  let canonical: string | null = null;
  const meta = new Map<string, string>();
  const jsonLd: string[] = [];
  const published: string[] = [];
  const datetimes: string[] = [];
  const tags: string[] = [];
  for (const element of $(sources.elements).filter(SELECTOR)) {
    const attribs = element.attribs;
    switch (element.name) {
      case 'html':
        htmlLang ??= attribs.lang || attribs['xml:lang'] || null;
        break;
      case 'title':
        title ??= ownText(element);
        break;
      case 'meta':
        // Elements matched by [itemprop] alone lack what the other selectors require: checked here.
        if (attribs.content === undefined) break;
        for (const key of META_KEYS) {
          const name = attribs[key]?.toLowerCase();
          if (!name) continue;
          if (!meta.has(name)) meta.set(name, attribs.content);
          if (TAG_KEYS.has(name) && tags.length < METADATA_LIMITS.tags) tags.push(attribs.content);
        }
        break;
      case 'link':
        if (attribs.rel !== undefined && attribs.href !== undefined && CANONICAL.test(attribs.rel)) canonical ??= attribs.href;
        break;
      case 'script':
        if (attribs.type !== undefined && JSON_LD.test(attribs.type)) jsonLd.push(ownText(element));
        break;
      case 'time':
        if (attribs.datetime !== undefined) datetimes.push(attribs.datetime);
        break;
    }
    if (element.name !== 'meta' && attribs.itemprop !== undefined && DATE_PUBLISHED.test(attribs.itemprop)) {
      const value = attribs.datetime ?? attribs.content;
      if (value) published.push(value);
    }
  }
  return {
    title,
    htmlLang,
    canonical,
    meta,
    jsonLd,
    times: [...published, ...datetimes, ...captured.times],
    tags,
    authors: captured.authors,
    h1: captured.h1,
  };
}
