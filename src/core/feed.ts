/**
 * RSS (0.9x, 1.0/RDF, 2.0) and Atom feeds as a page. A feed's items carry their content as escaped
 * markup (`<description>&lt;p&gt;…`, CDATA sections, Atom's `type="html"`) or, in Atom's
 * `type="xhtml"`, as inline XHTML: read as HTML those are literal `<p>` text in the segments. Here
 * the feed is read as XML (htmlparser2's XML mode, one pass, no tree) and written out as the page
 * a reader sees: the feed's title, then one article per item (its title and its content, unescaped),
 * which the core then cleans like any page.
 *
 * Each item's markup is parsed on its own and written back, so that a fragment's unclosed
 * `<textarea>` or comment cannot swallow the items after it. An item's author and date are left
 * out: on a page of many items, they would read as the page's byline and date. So are the items'
 * links: a heading that is all link reads as navigation. But an item's markup is a fragment of the
 * item's own page, and the page written here has no address: its relative links and images are
 * made absolute while the item is written back, against the xml:base in scope (the item's, else the
 * feed's), else the item's link, else the channel's (feed readers do the same).
 */
import { DomUtils, Parser, parseDocument } from 'htmlparser2';
import { escapeAttribute, escapeText } from 'entities';
import render from 'dom-serializer';
import { Watchdog } from './watchdog.js';
import { parseUrl } from './html/targets.js';

/** Items read between two looks at the clock. */
const ITEMS_PER_CHECK = 64;

interface Item {
  title: string;
  /** The item's xml:base and link (RSS `<link>` text, Atom `<link href>` of no rel or rel="alternate"), as written. */
  xmlBase: string | null;
  link: string | null;
  /** Escaped markup fields (RSS description and content:encoded, Atom html content), by name. */
  html: Map<string, string>;
  /** Plain-text fields (Atom type="text"). */
  text: Map<string, string>;
}

/** Content fields, the fullest first: an item's summary repeats the start of its content. */
const CONTENT_FIELDS = ['content:encoded', 'content', 'description', 'summary'];
const ITEM_ELEMENTS = new Set(['item', 'entry']);
const FEED_TITLE_PARENTS = new Set(['channel', 'feed']);

const newItem = (xmlBase: string | null): Item => ({ title: '', xmlBase, link: null, html: new Map(), text: new Map() });

/** Attributes holding an address that the item's base resolves. */
const ADDRESS_ATTRIBUTES = ['href', 'src'] as const;

/** An Atom link to the entry's (or feed's) page: no rel, or rel="alternate". */
const isAlternate = (attribs: Record<string, string>): boolean => attribs.href !== undefined && (attribs.rel ?? 'alternate').trim().toLowerCase() === 'alternate';

/** `value` made absolute against `base` (alone when there is none); null when blank or not an absolute address then. */
function absolute(value: string | null, base: string | null): string | null {
  if (value === null || value.trim() === '') return null;
  return parseUrl(value.trim(), base ?? undefined);
}

/** How a title is read: Atom's `type="html"` is escaped markup (its words are the title), else text as it is. */
const titleKind = (attribs: Record<string, string>): 'html' | 'text' => (attribs.type === 'html' ? 'html' : 'text');

/** A title's words: the text of its markup when it is html. */
const titleText = (value: string, kind: 'html' | 'text' | 'xhtml'): string => (kind === 'html' ? DomUtils.textContent(parseDocument(value)) : value);

/** An item's markup, parsed alone and written back: every element it opens is closed, its addresses resolved against `base`. */
function balanced(fragment: string, base: string | null): string {
  const nodes = parseDocument(fragment).children;
  if (base !== null) {
    for (const element of DomUtils.findAll((node) => ADDRESS_ATTRIBUTES.some((name) => node.attribs[name] !== undefined), nodes)) {
      for (const name of ADDRESS_ATTRIBUTES) {
        const value = element.attribs[name];
        // Left as written when the parser refuses it; script links stay for the walk to drop.
        if (value !== undefined) element.attribs[name] = parseUrl(value, base) ?? value;
      }
    }
  }
  return render(nodes);
}

/** The base of an item's addresses: the xml:base in scope, else its link, else the channel's link (each only when absolute). */
function itemBase(item: Item, feed: { xmlBase: string | null; link: string | null }): string | null {
  const feedBase = absolute(feed.xmlBase, null);
  const channelLink = absolute(feed.link, null);
  return absolute(item.xmlBase, feedBase) ?? feedBase ?? absolute(item.link, channelLink) ?? channelLink;
}

function itemHtml(item: Item, base: string | null): string {
  const title = item.title.trim();
  const heading = title === '' ? '' : `<h2>${escapeText(title)}</h2>`;
  for (const field of CONTENT_FIELDS) {
    const html = item.html.get(field);
    if (html !== undefined && html.trim() !== '') return `<article>${heading}${balanced(html, base)}</article>`;
    const text = item.text.get(field);
    if (text !== undefined && text.trim() !== '') return `<article>${heading}<p>${escapeText(text)}</p></article>`;
  }
  return `<article>${heading}</article>`;
}

/** The feed as an HTML page. */
export function feedToHtml(xml: string, watchdog: Watchdog): string {
  const articles: string[] = [];
  let feedTitle = '';
  /** The feed's xml:base (on its root or channel) and its channel's link. */
  const feed: { xmlBase: string | null; link: string | null } = { xmlBase: null, link: null };
  // (cast: the parser's callbacks assign it, which narrowing does not see)
  let item = null as Item | null;
  /** Open elements, local names as written (prefix included), lower-cased. */
  const stack: string[] = [];
  /** The field whose text is being read, and how: escaped markup, plain text, or inline XHTML (depth of its element). */
  let field: { name: string; kind: 'html' | 'text' | 'xhtml'; depth: number; parts: string[] } | null = null;

  const parser = new Parser(
    {
      onopentag(rawName, attribs) {
        const name = rawName.toLowerCase();
        stack.push(name);
        if (field?.kind === 'xhtml') {
          const local = name.slice(name.indexOf(':') + 1);
          const attributes = Object.entries(attribs).filter(([key]) => !key.startsWith('xmlns'));
          field.parts.push(`<${local}${attributes.map(([key, value]) => ` ${key}="${escapeAttribute(value)}"`).join('')}>`);
          return;
        }
        if (field) return;
        if (ITEM_ELEMENTS.has(name)) {
          item = newItem(attribs['xml:base'] ?? null);
          return;
        }
        const depth = stack.length;
        const parent = stack[depth - 2] ?? '';
        if (item === null) {
          if (depth <= 2 && attribs['xml:base'] !== undefined) feed.xmlBase ??= attribs['xml:base'];
          if (name === 'title' && FEED_TITLE_PARENTS.has(parent)) field = { name, kind: titleKind(attribs), depth, parts: [] };
          else if (name === 'link' && FEED_TITLE_PARENTS.has(parent)) {
            if (isAlternate(attribs)) feed.link ??= attribs.href!;
            else if (attribs.href === undefined) field = { name, kind: 'text', depth, parts: [] };
          }
          return;
        }
        if (name === 'title') {
          field = { name, kind: titleKind(attribs), depth, parts: [] };
          return;
        }
        if (name === 'link' && ITEM_ELEMENTS.has(parent)) {
          if (isAlternate(attribs)) item.link ??= attribs.href!;
          else if (attribs.href === undefined) field = { name, kind: 'text', depth, parts: [] };
          return;
        }
        if (!CONTENT_FIELDS.includes(name)) return;
        // RSS descriptions are escaped HTML by the specification; Atom says so with type (text by default).
        const type = (attribs.type ?? '').toLowerCase();
        const atom = name === 'content' || name === 'summary';
        const kind = !atom || type === 'html' || type === 'text/html' ? 'html' : type === 'xhtml' || type === 'application/xhtml+xml' ? 'xhtml' : 'text';
        field = { name, kind, depth, parts: [] };
      },
      ontext(text) {
        if (field) field.parts.push(field.kind === 'xhtml' ? escapeText(text) : text);
      },
      onclosetag(rawName) {
        const name = rawName.toLowerCase();
        const depth = stack.length;
        stack.pop();
        if (field && depth > field.depth) {
          if (field.kind === 'xhtml') field.parts.push(`</${name.slice(name.indexOf(':') + 1)}>`);
          return;
        }
        if (field && depth === field.depth) {
          const value = field.parts.join('');
          const done = field;
          field = null;
          if (done.name === 'link') {
            if (item === null) feed.link ??= value;
            else item.link ??= value;
          } else if (item === null) {
            feedTitle ||= titleText(value, done.kind);
          } else if (done.name === 'title') {
            item.title = titleText(value, done.kind);
          } else {
            (done.kind === 'text' ? item.text : item.html).set(done.name, value);
          }
          return;
        }
        if (ITEM_ELEMENTS.has(name) && item !== null) {
          articles.push(itemHtml(item, itemBase(item, feed)));
          item = null;
          if (articles.length % ITEMS_PER_CHECK === 0) watchdog.check('reading the feed');
        }
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.end(xml);
  if (item !== null) articles.push(itemHtml(item, itemBase(item, feed)));
  watchdog.check('reading the feed');
  const title = escapeText(feedTitle.trim());
  return `<!DOCTYPE html>\n<html><head><meta charset="utf-8">${title ? `<title>${title}</title>` : ''}</head><body>${title ? `<h1>${title}</h1>` : ''}<main>${articles.join('\n')}</main></body></html>\n`;
}
