/**
 * The JSON-LD of a page (schema.org), read as data and never trusted: every script is parsed on
 * its own (a malformed one is skipped), objects are looked through @graph, arrays and mainEntity
 * to a bounded depth and count, `{"@id": …}` references are resolved against the objects of the
 * page, and every value is checked for its kind before use. Nothing here recurses without a bound.
 *
 * The objects that describe the page's content are ranked by type (JSON_LD_TYPES): an article, a
 * forum post or a question before the web page that holds it, so that a WebPage node of a
 * WordPress graph does not hide the BlogPosting that names the author.
 */
import { JSON_LD_TYPES } from './cues/metadata.js';
import { INPUT_LIMITS, METADATA_LIMITS } from './options.js';

export type JsonLdObject = Readonly<Record<string, unknown>>;

/** The @type's names: a string, or the strings of an array (an array in it is no type: `Array.join` would recurse
 *  through it, and overflows the stack 3,000 levels down). */
export function typeOf(object: JsonLdObject): string {
  const type = object['@type'];
  if (typeof type === 'string') return type;
  return Array.isArray(type) ? type.filter((t): t is string => typeof t === 'string').join(' ') : '';
}

// The comment and CDATA wrappers a script's JSON may stand in: `<!-- … -->`, `//<![CDATA[ … //]]>`, and the same
// CDATA markers inside block comments.
const WRAPPER_START = /^(?:<!--|(?:\/\/|\/\*)?\s*<!\[CDATA\[\s*(?:\*\/)?)/;
const WRAPPER_END = /(?:-->|(?:\/\/|\/\*)?\s*\]\]>\s*(?:\*\/)?)$/;
/** Control characters, which JSON forbids raw inside a string: pages write line breaks and tabs into descriptions. */
const CONTROL_CHARACTERS = /[\u0000-\u001f]/g;

/**
 * A script's JSON, or undefined when it is none. Read as JSON first; failing that, once more without
 * its comment or CDATA wrapper and with raw control characters read as spaces (outside a string they
 * are whitespace already, inside one they are what made it invalid). Anything else stays invalid.
 */
function parseScript(script: string): unknown {
  const trimmed = script.trim();
  try {
    return JSON.parse(trimmed.replace(/^<!--|-->$/g, ''));
  } catch {
    try {
      return JSON.parse(trimmed.replace(WRAPPER_START, '').replace(WRAPPER_END, '').replace(CONTROL_CHARACTERS, ' '));
    } catch {
      return undefined;
    }
  }
}

function isObject(value: unknown): value is JsonLdObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Where objects of a page's JSON-LD nest: the graph, and the main entity of a page (a QAPage's Question). */
const NESTING_KEYS = ['@graph', 'mainEntity'] as const;

export class JsonLd {
  /** Every object, in document order. */
  readonly objects: JsonLdObject[] = [];
  /** The objects that describe the page's content, best first (see JSON_LD_TYPES), with their rank. */
  private readonly main: Array<{ readonly object: JsonLdObject; readonly rank: number }>;
  private readonly byId = new Map<string, JsonLdObject>();

  constructor(scripts: readonly string[]) {
    for (const script of scripts) {
      // A script too long to be an article's metadata is not parsed (20 million nested brackets are 20 million arrays).
      if (script.length > INPUT_LIMITS.jsonLdChars) continue;
      const parsed = parseScript(script);
      // Invalid JSON-LD is common in the wild; the other sources still apply.
      if (parsed !== undefined) this.visit(parsed, 0);
    }
    const ranked = this.objects.map((object, order) => ({ object, order, rank: rankOf(object) })).filter((o) => o.rank >= 0);
    ranked.sort((a, b) => a.rank - b.rank || a.order - b.order);
    this.main = ranked;
  }

  private visit(value: unknown, depth: number): void {
    if (depth > METADATA_LIMITS.jsonLdDepth || this.objects.length >= METADATA_LIMITS.jsonLdObjects || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const item of value) this.visit(item, depth + 1);
      return;
    }
    const object = value as JsonLdObject;
    this.objects.push(object);
    const id = object['@id'];
    if (typeof id === 'string' && !this.byId.has(id)) this.byId.set(id, object);
    for (const key of NESTING_KEYS) if (object[key]) this.visit(object[key], depth + 1);
  }

  /** A reference (`{"@id": "…#author"}`) as the object it names, when the page has it; any other value as it is. */
  resolve(value: unknown): unknown {
    if (!isObject(value) || typeof value['@id'] !== 'string' || value.name !== undefined) return value;
    return this.byId.get(value['@id']) ?? value;
  }

  /** The first value of `key` that `accept` takes, among the objects of the content up to rank `maxRank` (JSON_LD_TYPES). */
  first<T>(key: string, accept: (value: unknown) => T | null, maxRank = Infinity): T | null {
    for (const { object, rank } of this.main) {
      if (rank > maxRank) break;
      const value = object[key];
      if (value === undefined || value === null) continue;
      const accepted = accept(value);
      if (accepted !== null) return accepted;
    }
    return null;
  }

  /** What `pick` takes from a value or from the items of an array value (one level, references resolved): at most `max`. */
  private collect(value: unknown, max: number, pick: (item: unknown) => unknown): string[] {
    const out: string[] = [];
    for (const item of Array.isArray(value) ? value : [value]) {
      if (out.length >= max) break;
      const picked = pick(this.resolve(item));
      if (typeof picked === 'string') out.push(picked);
    }
    return out;
  }

  /**
   * The names a value gives (`"Jane"`, `{"name": "Jane"}`, a reference to a Person, or an array of
   * those, one level deep): at most `max`. Deeper arrays are not names, and are not walked.
   */
  names(value: unknown, max: number): string[] {
    return this.collect(value, max, (item) => (isObject(item) ? item.name : item));
  }

  /** Whether every item a value gives (one level, references resolved) is an object of a type `type` tells (`Organization`). */
  allOfType(value: unknown, type: RegExp): boolean {
    const items = (Array.isArray(value) ? value : [value]).map((item) => this.resolve(item));
    return items.length > 0 && items.every((item) => isObject(item) && type.test(typeOf(item)));
  }

  /** URLs a value gives (`"https://…"`, `{"url": …}` or `{"contentUrl": …}` of an ImageObject, or an array of those). */
  urls(value: unknown, max: number): string[] {
    return this.collect(value, max, (item) => (isObject(item) ? (typeof item.url === 'string' ? item.url : item.contentUrl) : item));
  }

  /** The first object of a type (`Organization`, `WebSite`) that has a string name. */
  named(type: RegExp): JsonLdObject | null {
    return this.objects.find((o) => type.test(typeOf(o)) && typeof o.name === 'string') ?? null;
  }
}

/**
 * Rank of an object among those that describe the page's content (lower is better): by its type
 * (JSON_LD_TYPES.content); an object of no known type that has a headline or a date comes last;
 * -1 for the others (organizations, breadcrumbs, images…).
 */
function rankOf(object: JsonLdObject): number {
  const type = typeOf(object);
  if (type && !JSON_LD_TYPES.notContent.test(type)) {
    for (let rank = 0; rank < JSON_LD_TYPES.content.length; rank++) if (JSON_LD_TYPES.content[rank]!.test(type)) return rank;
  }
  return object.headline || object.datePublished ? JSON_LD_TYPES.content.length : -1;
}
