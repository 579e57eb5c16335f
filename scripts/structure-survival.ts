/**
 * npm run structure-survival -- --corpus ../shared/corpus [--limit N]
 *
 * How much of a page's structure survives into its Markdown, counted over the corpus:
 *  - the data tables (the core's isDataTable), their rows and the list items of each source
 *    page, read with cheerio (not the core's walk);
 *  - kept: those whose text the document kept as body (in bodyText) — and, on modern-web, those
 *    that are main content by the gold text;
 *  - found: of those, the tables with a row in a Markdown table, the rows found as Markdown
 *    table rows, the list items found as Markdown list items (the Markdown parsed back with
 *    mdast; texts compared with whitespace collapsed).
 * A figure of issue 15, not a gate: chrome lists (menus) are left out by design, so it is the
 * kept and content counts that say whether structure is lost.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { load, type CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';
import type { Nodes } from 'mdast';
import { clean } from '../src/core/index.js';
import { isDataTable } from '../src/core/html/table.js';
import { renderMarkdown } from '../src/core/render/index.js';
import { mdText, parseMarkdown } from '../src/eval/markdown-text.js';
import { commandLine, usageError } from './command-line.js';

const USAGE = 'usage: npm run structure-survival -- --corpus <path to shared/corpus> [--limit N]';
const { values } = commandLine(USAGE, { options: { corpus: { type: 'string' }, limit: { type: 'string' } } });
if (!values.corpus) usageError(USAGE, 'structure-survival: --corpus <path to shared/corpus> is needed');
const corpus = resolve(values.corpus);
const limit = values.limit ? Number(values.limit) : Infinity;
const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim();
/** Texts shorter than this say too little to be matched (a "1." cell, an icon's letter). */
const MIN_CHARS = 4;
/**
 * A list item counts as kept (or as content) when its text is a whole block of the body (of the
 * gold text), or at least this long and inside it: a short item ("News", "Sport") is found inside
 * any paragraph that mentions it, a menu's items in every story.
 */
const MIN_INLINE_MATCH_CHARS = 40;

interface Tally {
  pages: number;
  pagesWithTables: number;
  tables: number;
  rows: number;
  items: number;
  keptTables: number;
  keptRows: number;
  keptItems: number;
  foundTables: number;
  foundRows: number;
  foundItems: number;
  contentTables: number;
  contentRows: number;
  contentItems: number;
  contentFoundTables: number;
  contentFoundRows: number;
  contentFoundItems: number;
}

const BLOCKS = new Set(['p', 'div', 'br', 'li', 'ul', 'ol', 'table', 'tr', 'td', 'th', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'pre', 'blockquote']);
/** An element's visible text with its blocks apart, without nested lists (a list item's own text). */
function ownText(element: Element, skipLists: boolean): string {
  const parts: string[] = [];
  const add = (node: Element['children'][number]): void => {
    if (node.type === 'text') parts.push(node.data);
    if (node.type !== 'tag') return;
    if (['script', 'style', 'noscript', 'template'].includes(node.name)) return;
    if (skipLists && (node.name === 'ul' || node.name === 'ol')) return;
    if (BLOCKS.has(node.name)) parts.push(' ');
    for (const child of node.children) add(child);
    if (BLOCKS.has(node.name)) parts.push(' ');
  };
  for (const child of element.children) add(child);
  return collapse(parts.join(''));
}

function sourceStructure($: CheerioAPI): { tables: string[][]; items: string[] } {
  const tables = $('table')
    .toArray()
    .filter((table) => isDataTable(table))
    .map((table) => $(table).find('tr').toArray().map((tr) => collapse($(tr).children('td, th').toArray().map((cell) => ownText(cell, false)).join(' '))).filter((row) => row.length >= MIN_CHARS));
  const inDataTable = (element: Element): boolean => $(element).parents('table').toArray().some((t) => isDataTable(t));
  const items = $('ul > li, ol > li, menu > li')
    .toArray()
    .filter((li) => !inDataTable(li) && $(li).parents('head, script, template, noscript').length === 0)
    .map((li) => ownText(li, true))
    .filter((text) => text.length >= MIN_CHARS);
  return { tables: tables.filter((rows) => rows.length > 0), items };
}

function markdownStructure(markdown: string): { rows: Set<string>; items: Set<string> } {
  const rows = new Set<string>();
  const items = new Set<string>();
  const visit = (node: Nodes): void => {
    if (node.type === 'tableRow') rows.add(collapse(node.children.map((cell) => mdText(cell)).join(' ')));
    if (node.type === 'listItem') items.add(collapse(node.children.filter((c) => c.type !== 'list').map((c) => mdText(c)).join(' ')));
    if ('children' in node) for (const child of node.children as Nodes[]) visit(child);
  };
  visit(parseMarkdown(markdown));
  return { rows, items };
}

function count(tally: Tally, html: string, name: string, goldText: string | null): void {
  let document;
  try {
    document = clean({ bytes: Buffer.from(html), name });
  } catch {
    return;
  }
  const body = collapse(document.bodyText);
  // Headings aside: a table of contents lists the headings of the page, and dropping the list while keeping the headings loses nothing.
  const bodyBlocks = new Set(document.segments.filter((s) => s.type === 'body' && s.heading === undefined).map((s) => collapse(s.text)));
  const gold = goldText === null ? null : collapse(goldText);
  const goldBlocks = new Set((goldText ?? '').split(/\n+/).map(collapse));
  const keptItem = (item: string): boolean => bodyBlocks.has(item) || (item.length >= MIN_INLINE_MATCH_CHARS && body.includes(item));
  const contentItem = (item: string): boolean => gold !== null && (goldBlocks.has(item) || (item.length >= MIN_INLINE_MATCH_CHARS && gold.includes(item)));
  const md = markdownStructure(renderMarkdown(document));
  const source = sourceStructure(load(html));
  tally.pages++;
  if (source.tables.length > 0) tally.pagesWithTables++;
  const inGold = (text: string): boolean => gold !== null && gold.includes(text);
  for (const rows of source.tables) {
    tally.tables++;
    tally.rows += rows.length;
    const kept = rows.filter((row) => body.includes(row));
    const found = kept.filter((row) => md.rows.has(row));
    if (kept.length > 0) tally.keptTables++;
    if (found.length > 0) tally.foundTables++;
    tally.keptRows += kept.length;
    tally.foundRows += found.length;
    const content = rows.filter(inGold);
    if (content.length > 0) {
      tally.contentTables++;
      if (content.some((row) => md.rows.has(row))) tally.contentFoundTables++;
    }
    tally.contentRows += content.length;
    tally.contentFoundRows += content.filter((row) => md.rows.has(row)).length;
  }
  for (const item of source.items) {
    tally.items++;
    if (keptItem(item)) {
      tally.keptItems++;
      if (md.items.has(item)) tally.foundItems++;
    }
    if (contentItem(item)) {
      tally.contentItems++;
      if (md.items.has(item)) tally.contentFoundItems++;
    }
  }
}

const empty = (): Tally => ({
  pages: 0, pagesWithTables: 0, tables: 0, rows: 0, items: 0, keptTables: 0, keptRows: 0, keptItems: 0, foundTables: 0, foundRows: 0, foundItems: 0,
  contentTables: 0, contentRows: 0, contentItems: 0, contentFoundTables: 0, contentFoundRows: 0, contentFoundItems: 0,
});
const read = (path: string): string => {
  const bytes = readFileSync(path);
  return (path.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
};

const modernGold = JSON.parse(readFileSync(join(corpus, 'modern-web', 'gold.json'), 'utf8')) as Record<string, { mainContent: string }>;
const sets: Array<[string, Tally]> = [];
for (const set of ['modern-web', 'trafilatura-eval'] as const) {
  const tally = empty();
  const dir = join(corpus, set, 'html');
  for (const file of readdirSync(dir).sort().slice(0, limit)) {
    const gold = set === 'modern-web' ? (modernGold[file]?.mainContent ?? '') : null;
    count(tally, read(join(dir, file)), file.replace(/\.gz$/, ''), gold);
  }
  sets.push([set, tally]);
}
const share = (part: number, whole: number): string => `${part}/${whole} (${whole === 0 ? '–' : ((100 * part) / whole).toFixed(1) + '%'})`;
for (const [set, t] of sets) {
  console.log(`${set}: ${t.pages} pages, ${t.pagesWithTables} with data tables; in the source: ${t.tables} data tables, ${t.rows} rows, ${t.items} list items`);
  console.log(`  kept as body → found as structure in the Markdown: tables ${share(t.foundTables, t.keptTables)}, rows ${share(t.foundRows, t.keptRows)}, list items ${share(t.foundItems, t.keptItems)}`);
  if (set === 'modern-web') {
    console.log(`  main content by the gold text → found as structure in the Markdown: tables ${share(t.contentFoundTables, t.contentTables)}, rows ${share(t.contentFoundRows, t.contentRows)}, list items ${share(t.contentFoundItems, t.contentItems)}`);
  }
}
