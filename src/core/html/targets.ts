/**
 * Link targets and image addresses made absolute: against `<base href>` (itself resolved
 * against the page's address), or the page's address, when either is known. Script links
 * (`javascript:`, `vbscript:`) and data: URIs are no targets: their text stays, their span goes.
 * Only what becomes part of the document is resolved (most links of a page are its chrome).
 */
import { wellFormedText } from '../normalize.js';
import type { InlineSpan, TableCell } from '../structure.js';

const NOT_A_TARGET = /^(?:javascript|vbscript|data):/i;
/** What the URL parser strips before reading a scheme: C0 controls and spaces around, tabs and newlines within. */
const STRIPPED = /^[\u0000-\u0020]+|[\u0000-\u0020]+$|[\t\n\r]/g;
const ABSOLUTE = /^[a-z][a-z0-9+.-]*:/i;

/** `value` made absolute against `base` (or alone when it is absolute), null when the URL parser refuses it. */
export function parseUrl(value: string, base?: string): string | null {
  try {
    return new URL(value, base).href;
  } catch {
    return null;
  }
}

/**
 * The base address of a page: its `<base href>` resolved against its own address, or its address;
 * null when neither is absolute. A base of a script or data: URL is none, as the HTML standard
 * freezes it ("set the frozen base URL": the fallback base URL instead): against
 * `<base href="javascript:alert(1)//">` the link `#top` made the script link `javascript:alert(1)//#top`.
 */
export function baseUrl(baseHref: string | null, pageUrl: string | null): string | null {
  const page = pageUrl !== null && ABSOLUTE.test(pageUrl) ? parseUrl(pageUrl) : null;
  if (baseHref !== null && baseHref.trim() !== '') {
    const base = parseUrl(baseHref.replace(STRIPPED, ''), page ?? undefined);
    if (base !== null && !NOT_A_TARGET.test(base)) return base;
  }
  return page;
}

/**
 * A resolver of one page's targets: the absolute address, the address as written when it cannot
 * be made absolute (no base known, or unparsable), or null for what is no target. Resolved values
 * are cached for the page (menus repeat the same links); the cache lives and dies with the page.
 */
export function targetResolver(base: string | null): (href: string) => string | null {
  const cache = new Map<string, string | null>();
  return (href) => {
    let target = cache.get(href);
    if (target !== undefined) return target;
    // As written, a target is text of the document: well-formed like the rest (the URL parser's output is ASCII).
    const value = wellFormedText(href.replace(STRIPPED, ''));
    if (NOT_A_TARGET.test(value)) target = null;
    else if (base !== null) target = parseUrl(value, base) ?? value;
    else target = ABSOLUTE.test(value) ? (parseUrl(value) ?? value) : value;
    cache.set(href, target);
    return target;
  };
}

/** Spans with their links resolved; script links lose their span (their text stays). */
export function resolveSpans(spans: readonly InlineSpan[] | undefined, resolve: (href: string) => string | null): InlineSpan[] | undefined {
  if (spans === undefined) return undefined;
  const out: InlineSpan[] = [];
  for (const span of spans) {
    if (span.href === undefined) out.push(span);
    else {
      const href = resolve(span.href);
      if (href !== null) out.push({ ...span, href });
    }
  }
  return out.length > 0 ? out : undefined;
}

/** A table's rows with the links of their cells resolved. */
export function resolveCells(rows: readonly TableCell[][], resolve: (href: string) => string | null): TableCell[][] {
  return rows.map((row) =>
    row.map((cell) => {
      if (cell.spans === undefined) return cell;
      const { spans, ...rest } = cell;
      const resolved = resolveSpans(spans, resolve);
      return resolved === undefined ? rest : { ...rest, spans: resolved };
    }),
  );
}
