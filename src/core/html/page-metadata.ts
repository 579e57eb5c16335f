/**
 * What a page states about itself in markup — `<html lang>`, `<title>`, meta tags, the canonical
 * link, JSON-LD, `<time datetime>`, itemprop=datePublished — read with one cheerio selection
 * over what the tree walk met.
 */
import type { CheerioAPI } from 'cheerio/slim';
import type { AnyNode, Element } from 'domhandler';
import type { CapturedMetadata, MetadataSources } from './walk.js';
import { JSON_LD_TYPES, METADATA_KEYS, MICRODATA_NOT_BYLINE_ITEMS } from '../cues/metadata.js';
import { METADATA_LIMITS } from '../options.js';
import { BLOCK_TAGS, SKIPPED_TAGS } from '../cues/tags.js';

const TAG_KEYS: ReadonlySet<string> = new Set(METADATA_KEYS.tags);
const AUTHOR_LIST_KEYS: readonly string[] = METADATA_KEYS.authorLists;

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
  /**
   * The authors that schema.org microdata states of the page's content (`itemprop="author"` in an item
   * whose type is an article, a post or a web page: never a comment's), in document order, at most
   * METADATA_LIMITS.bylineCandidates. Read wherever they are, a `<noscript>` crawler view included.
   */
  readonly microdataAuthors: string[];
  /** The values of each author tag that names one author a tag (METADATA_KEYS.authorLists), in that order, each in
   *  document order, at most METADATA_LIMITS.authors each. */
  readonly authorLists?: ReadonlyArray<readonly string[]>;
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
const AUTHOR_PROP = /(?:^|\s)author(?:\s|$)/i;
const NAME_PROP = /(?:^|\s)name(?:\s|$)/i;

/**
 * The text under an element, in document order, past `max` characters cut (no name is that long: the byline check
 * refuses it), its words apart where a <br> or a block's edge sets them apart on screen, as the walk reads them ("Jane
 * Doe" + "Staff Writer" in two <div>s was "Jane DoeStaff Writer"); a script's, a style's or another element's whose
 * content is no text (SKIPPED_TAGS) is not read. At most `max` nodes are visited, so an author element over a huge empty
 * subtree costs no more.
 */
function boundedText(element: Element, max: number): string {
  let out = '';
  let visited = 0;
  let node: AnyNode | null = element.children[0] ?? null;
  while (node && out.length <= max && visited++ < max) {
    if (node.type === 'text') out += node.data;
    else if (node.type === 'tag' && (node.name === 'br' || BLOCK_TAGS.has(node.name))) out += ' ';
    // The next node in document order within `element`: the first child (none of an element whose content is no
    // text), else the next sibling of the node or of an ancestor, past the edge of each block left.
    if (node.type === 'tag' && node.children.length > 0 && !SKIPPED_TAGS.has(node.name)) {
      node = node.children[0]!;
      continue;
    }
    let at: AnyNode | null = node;
    node = null;
    for (; at && at !== element; at = at.parent) {
      if (at.type === 'tag' && BLOCK_TAGS.has(at.name)) out += ' ';
      if (at.next) {
        node = at.next;
        break;
      }
    }
  }
  return out.slice(0, max + 1);
}

/** The item an itemprop belongs to: the nearest ancestor with `itemscope`, within METADATA_LIMITS.itemScopeDepth levels. */
function itemOf(element: Element): Element | null {
  let node = element.parent;
  for (let depth = 0; node && depth < METADATA_LIMITS.itemScopeDepth; depth++, node = node.parent) {
    if (node.type === 'tag' && node.attribs.itemscope !== undefined) return node;
  }
  return null;
}

/** Whether a microdata item type describes the page's content (an article, a forum post, a web page), as JSON-LD types are ranked. */
function isContentItem(item: Element | null): boolean {
  const type = item?.attribs.itemtype;
  if (!type || JSON_LD_TYPES.notContent.test(type) || MICRODATA_NOT_BYLINE_ITEMS.test(type)) return false;
  return JSON_LD_TYPES.content.slice(0, JSON_LD_TYPES.bylineRank + 1).some((pattern) => pattern.test(type));
}

/** The name a microdata author states: its itemprop=name (content or text), else its own content or text. */
function microdataName(element: Element): string {
  const max = METADATA_LIMITS.authorChars;
  // Breadth first over at most METADATA_LIMITS.microdataNodes elements: the name sits next to the author's URL and image.
  const work: Element[] = [element];
  for (let at = 0; at < work.length; at++) {
    const node = work[at]!;
    if (node !== element && node.attribs.itemprop !== undefined && NAME_PROP.test(node.attribs.itemprop)) return node.attribs.content ?? boundedText(node, max);
    for (const child of node.children) if (child.type === 'tag' && work.length < METADATA_LIMITS.microdataNodes) work.push(child);
  }
  return element.attribs.content ?? boundedText(element, max);
}

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
  const microdataAuthors: string[] = [];
  const authorLists: string[][] = AUTHOR_LIST_KEYS.map(() => []);
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
          const list = authorLists[AUTHOR_LIST_KEYS.indexOf(name)];
          if (list && list.length < METADATA_LIMITS.authors) list.push(attribs.content);
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
    if (attribs.itemprop !== undefined && AUTHOR_PROP.test(attribs.itemprop) && microdataAuthors.length < METADATA_LIMITS.bylineCandidates && isContentItem(itemOf(element))) {
      const name = microdataName(element);
      if (name) microdataAuthors.push(name);
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
    microdataAuthors,
    authorLists,
    authors: captured.authors,
    h1: captured.h1,
    h1Links: captured.h1Links,
  };
}
