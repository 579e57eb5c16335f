/**
 * The structure a page states and the structure a Markdown rendering states, each read by its
 * own standard parser, so a test compares the two: the source HTML with cheerio (not the core's
 * walk), the Markdown with mdast-util-from-markdown and the GFM table and strikethrough extensions
 * (src/eval/markdown-text.ts: CommonMark and GFM tables as a third-party parser reads them;
 * strikethrough to hold the escaping of `~`). Not GFM's autolink literals: the renderers write CommonMark with GFM tables, where a
 * bare URL in the text is text (a parser with autolink literals makes it a link, its text unchanged).
 */
import { load, type CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import type { Nodes, RootContent } from 'mdast';
import { mdText, parseMarkdown } from '../../src/eval/markdown-text.js';
import { isDataTable } from '../../src/core/html/table.js';

export interface ListShape {
  readonly ordered: boolean;
  /** Number of the first item (ordered lists). */
  readonly start: number | null;
  readonly items: ReadonlyArray<{ readonly text: string; readonly lists: readonly ListShape[] }>;
}

export interface TableShape {
  readonly rows: number;
  readonly columns: number;
  readonly headerRow: boolean;
}

export interface Structure {
  readonly headings: ReadonlyArray<{ readonly level: number; readonly text: string }>;
  readonly lists: readonly ListShape[];
  readonly tables: readonly TableShape[];
  readonly links: readonly string[];
  readonly images: readonly string[];
}

const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim();

export { mdText, parseMarkdown };

function visit(node: Nodes, enter: (node: Nodes) => void): void {
  enter(node);
  if ('children' in node) for (const child of node.children as Nodes[]) visit(child, enter);
}

function mdList(node: Extract<RootContent, { type: 'list' }>): ListShape {
  return {
    ordered: node.ordered === true,
    start: node.ordered ? (node.start ?? 1) : null,
    items: node.children.map((item) => ({
      text: collapse(item.children.filter((c) => c.type !== 'list').map((c) => mdText(c)).join(' ')),
      lists: item.children.filter((c): c is Extract<RootContent, { type: 'list' }> => c.type === 'list').map(mdList),
    })),
  };
}

/** What a Markdown text states: headings, top-level lists (nested ones inside their items), tables, link targets, image sources. */
export function markdownStructure(markdown: string): Structure {
  const root = parseMarkdown(markdown);
  const headings: Array<{ level: number; text: string }> = [];
  const lists: ListShape[] = [];
  const tables: TableShape[] = [];
  const links: string[] = [];
  const images: string[] = [];
  const topLists = (node: Nodes): void => {
    if (node.type === 'list') {
      lists.push(mdList(node));
      return;
    }
    if ('children' in node) for (const child of node.children as Nodes[]) topLists(child);
  };
  topLists(root);
  visit(root, (node) => {
    if (node.type === 'heading') headings.push({ level: node.depth, text: collapse(mdText(node)) });
    if (node.type === 'link') links.push(node.url);
    if (node.type === 'image') images.push(node.url);
    if (node.type === 'table') {
      const header = node.children[0];
      const headerRow = header !== undefined && header.children.some((cell) => collapse(mdText(cell)) !== '');
      tables.push({ rows: node.children.length - (headerRow ? 0 : 1), columns: node.align?.length ?? header?.children.length ?? 0, headerRow });
    }
  });
  return { headings, lists, tables, links, images };
}

const BLOCKS = new Set(['p', 'div', 'blockquote', 'pre', 'table', 'tr', 'td', 'th', 'caption', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'br', 'figure', 'figcaption']);

/** The text of an element without the lists inside it (a list item's own text), its blocks apart. */
function ownText(element: Element): string {
  const parts: string[] = [];
  const add = (node: AnyNode): void => {
    if (node.type === 'text') parts.push(node.data);
    if (node.type !== 'tag') return;
    if (node.name === 'ul' || node.name === 'ol') return;
    if (BLOCKS.has(node.name)) parts.push(' ');
    for (const child of node.children) add(child);
    if (BLOCKS.has(node.name)) parts.push(' ');
  };
  for (const child of element.children) add(child);
  return collapse(parts.join(''));
}

/**
 * A list as Markdown can state it. An ordered list's items are numbered as HTML numbers them
 * (`start`, `<li value>`, `reversed` counting down from the number of items); CommonMark numbers a
 * list on from its first item by one, so a list whose numbers do not follow is stated as one list
 * per run of numbers that do.
 */
function htmlLists($: CheerioAPI, list: Element): ListShape[] {
  const ordered = list.name === 'ol';
  const lis = $(list).children('li').toArray();
  const item = (li: Element) => ({ text: ownText(li), lists: $(li).find('ul, ol').filter((_, l) => $(l).parentsUntil(li, 'ul, ol').length === 0).toArray().flatMap((l) => htmlLists($, l)) });
  if (!ordered) return [{ ordered, start: null, items: lis.map(item) }];
  const reversed = list.attribs.reversed !== undefined;
  let next = list.attribs.start !== undefined ? Number(list.attribs.start) : reversed ? lis.length : 1;
  const runs: Array<{ ordered: boolean; start: number; items: ListShape['items'][number][] }> = [];
  let last: number | null = null;
  for (const li of lis) {
    const number = li.attribs.value !== undefined ? Number(li.attribs.value) : next;
    next = number + (reversed ? -1 : 1);
    if (last === null || number !== last + 1) runs.push({ ordered, start: number, items: [] });
    runs[runs.length - 1]!.items.push(item(li));
    last = number;
  }
  return runs;
}

/** Pixels under which both sides of an image make it an icon (the pages say so in width and height). */
const ICON_PIXELS = 48;

/**
 * What a page states inside `scope` (a selector: the article): its headings h2-h6 (h1 is the
 * document's title), lists outside data tables, data tables' shape (rows with text × columns,
 * colspans counted; which tables are data is the core's isDataTable, tested on its own in
 * test/core/structure.test.ts), link targets and image sources (lazy ones by data-src; icons, both
 * sides under 48 px, left out) resolved against `base` (javascript: links have none), in
 * document order.
 */
export function htmlStructure(html: string, scope: string, base: string): Structure {
  const $ = load(html);
  const root = $(scope);
  const inTable = (element: AnyNode): boolean => $(element).parents('table').toArray().some((t) => isDataTable(t));
  const resolve = (href: string): string => new URL(href, base).href;
  return {
    headings: root.find('h2, h3, h4, h5, h6').toArray().map((h) => ({ level: Number(h.name[1]), text: collapse($(h).text()) })),
    lists: root
      .find('ul, ol')
      .filter((_, list) => $(list).parents('ul, ol').length === 0 && !inTable(list))
      .toArray()
      .flatMap((list) => htmlLists($, list)),
    tables: root
      .find('table')
      .filter((_, table) => isDataTable(table))
      .toArray()
      .map((table) => {
        const rows = $(table).find('tr').toArray().filter((tr) => collapse($(tr).text()) !== '');
        // Columns with text, as rows with text: a spacer column (an `&nbsp;` corner, an empty cell closing every row) states nothing.
        const withText = new Set<number>();
        for (const tr of rows) {
          let position = 0;
          for (const cell of $(tr).children('td, th').toArray()) {
            if (collapse($(cell).text()) !== '') withText.add(position);
            position += Number(cell.attribs.colspan ?? 1);
          }
        }
        const columns = withText.size;
        const first = rows[0];
        const headerRow = first !== undefined && $(first).children('td').length === 0;
        return { rows: rows.length, columns, headerRow };
      }),
    links: root
      .find('a[href]')
      .toArray()
      .map((a) => a.attribs.href!)
      .filter((href) => !/^\s*javascript:/i.test(href))
      .map(resolve),
    images: root
      .find('img')
      .toArray()
      .filter((img) => !(Number(img.attribs.width) < ICON_PIXELS && Number(img.attribs.height) < ICON_PIXELS))
      .map((img) => resolve(img.attribs['data-src'] ?? img.attribs.src!)),
  };
}
