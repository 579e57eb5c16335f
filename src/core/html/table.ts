/**
 * Tables: telling data from layout (Readability's heuristics, ../cues/structure.ts DATA_TABLE),
 * and the cells of a data table as the walk collects them. A layout table is unwrapped: its
 * cells are ordinary block containers. A data table is one block whose text is its cells'
 * texts, tab-separated, one row per line.
 */
import type { AnyNode, Element } from 'domhandler';
import { BLOCK_TAGS } from '../cues/tags.js';
import { DATA_TABLE, FIGURE_CELL, TABLE_SPAN_LIMITS } from '../cues/structure.js';
import { INPUT_LIMITS } from '../options.js';
import type { TableCell } from '../structure.js';

function positiveInteger(value: string | undefined, max: number): number {
  const n = value === undefined ? NaN : parseInt(value, 10);
  return Number.isFinite(n) && n > 1 ? Math.min(n, max) : 1;
}

export const colspanOf = (cell: Element): number => positiveInteger(cell.attribs.colspan, TABLE_SPAN_LIMITS.colspan);
export const rowspanOf = (cell: Element): number => positiveInteger(cell.attribs.rowspan, TABLE_SPAN_LIMITS.rowspan);

/**
 * Whether a table holds data (one segment of rows and cells) rather than layout. One pass over
 * the table's own elements, which stops at a nested table: every element is scanned by its
 * nearest table only, so nested tables cost no more than a flat page.
 */
export function isDataTable(table: Element): boolean {
  const attribs = table.attribs;
  if (attribs.role !== undefined && DATA_TABLE.layoutRoles.has(attribs.role.trim().toLowerCase())) return false;
  if (attribs.datatable === '0') return false;
  let structured = attribs.summary !== undefined && attribs.summary.trim() !== '';
  let rows = 0;
  let columns = 0;
  let rowColumns = 0;
  const pending: AnyNode[] = [];
  for (let i = table.children.length - 1; i >= 0; i--) pending.push(table.children[i]!);
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (node.type !== 'tag') continue;
    const element = node;
    const tag = element.name;
    if (tag === 'table') return false;
    if (DATA_TABLE.structureTags.has(tag) || (tag === 'caption' && element.children.length > 0)) structured = true;
    if (tag === 'tr') {
      rows++;
      columns = Math.max(columns, rowColumns);
      rowColumns = 0;
    } else if (tag === 'td' || tag === 'th') {
      rowColumns += colspanOf(element);
    }
    for (let i = element.children.length - 1; i >= 0; i--) pending.push(element.children[i]!);
  }
  columns = Math.max(columns, rowColumns);
  // One column is a list of rows, whatever its markup states: a forum's "Message listing" table of one post a row
  // read as data would be one block of the whole thread.
  if (columns <= 1) return false;
  if (structured) return true;
  if (rows <= 1) return false;
  if (rows >= DATA_TABLE.manyRows || columns > DATA_TABLE.manyColumns) return true;
  return rows * columns > DATA_TABLE.minCells || isGridOfShortTexts(table);
}

/** The rows of a table (its own <tr>, in <thead>, <tbody>, <tfoot> or directly under it), each the list of its cells. */
function tableRows(table: Element): Element[][] {
  const rows: Element[][] = [];
  const addRow = (tr: Element): void => {
    rows.push(tr.children.filter((cell): cell is Element => cell.type === 'tag' && (cell.name === 'td' || cell.name === 'th')));
  };
  for (const child of table.children) {
    if (child.type !== 'tag') continue;
    if (child.name === 'tr') addRow(child);
    else if (child.name === 'thead' || child.name === 'tbody' || child.name === 'tfoot') {
      for (const tr of child.children) if (tr.type === 'tag' && tr.name === 'tr') addRow(tr);
    }
  }
  return rows;
}

/**
 * A cell's text, whitespace collapsed, with how much of it is inside a link and inside strong markup (<b>, <strong>);
 * null when the cell holds more than text (a block, an image, a form control: DATA_TABLE.cellLayoutTags).
 */
function cellText(cell: Element): { text: string; linked: boolean; strong: boolean } | null {
  const parts: string[] = [];
  let letters = 0;
  let linkLetters = 0;
  let strongLetters = 0;
  const pending: Array<{ node: AnyNode; link: boolean; strong: boolean }> = [];
  for (let i = cell.children.length - 1; i >= 0; i--) pending.push({ node: cell.children[i]!, link: false, strong: false });
  while (pending.length > 0) {
    const { node, link, strong } = pending.pop()!;
    if (node.type === 'text') {
      const data = (node as unknown as { data: string }).data;
      parts.push(data);
      const count = data.replace(/\s+/g, '').length;
      letters += count;
      if (link) linkLetters += count;
      if (strong) strongLetters += count;
    } else if (node.type === 'tag') {
      if (BLOCK_TAGS.has(node.name) || DATA_TABLE.cellLayoutTags.has(node.name)) return null;
      const inLink = link || node.name === 'a';
      const inStrong = strong || DATA_TABLE.headerMarkTags.has(node.name);
      for (let i = node.children.length - 1; i >= 0; i--) pending.push({ node: node.children[i]!, link: inLink, strong: inStrong });
    } else if (node.type === 'script' || node.type === 'style') return null;
  }
  const text = parts.join('').replace(/\s+/g, ' ').trim();
  return { text, linked: letters > 0 && linkLetters === letters, strong: letters > 0 && strongLetters === letters };
}

/**
 * A small table of short texts (DATA_TABLE.shortCellChars) that holds data: rows of as many cells, each a short text
 * alone, and
 * - a column whose cells below the first row are all figures (FIGURE_CELL), or
 * - a first row of strong markup only over rows that are not (a header row drawn with <b>/<strong> rather than <th>), or
 * - at least DATA_TABLE.recordRows rows of words of which fewer than half the cells are links (recordLinkShare) ("Name | Role / Alice |
 *   Engineer / Bob | Designer", a product's "Brand | … / Colour | …"): a record repeated. A grid of links is navigation.
 * Asked only of a table of a few cells, which Readability's size rule reads as layout.
 */
function isGridOfShortTexts(table: Element): boolean {
  const rows = tableRows(table);
  if (rows.length < 2) return false;
  const width = rows[0]!.length;
  const texts: string[][] = [];
  const strongRows: boolean[] = [];
  let links = 0;
  for (const row of rows) {
    if (row.length !== width || row.some((cell) => colspanOf(cell) > 1 || rowspanOf(cell) > 1)) return false;
    const line: string[] = [];
    let strong = true;
    for (const cell of row) {
      const read = cellText(cell);
      if (read === null || read.text === '' || read.text.length > DATA_TABLE.shortCellChars) return false;
      line.push(read.text);
      if (read.linked) links++;
      if (!read.strong) strong = false;
    }
    texts.push(line);
    strongRows.push(strong);
  }
  for (let column = 0; column < width; column++) {
    if (texts.every((line, at) => at === 0 || FIGURE_CELL.test(line[column]!))) return true;
  }
  if (strongRows[0] === true && strongRows.slice(1).every((strong) => !strong)) return true;
  return rows.length >= DATA_TABLE.recordRows && links < DATA_TABLE.recordLinkShare * rows.length * width;
}

/**
 * The rows of a table as blocks: rows with text only (a row of empty cells is spacing), in
 * groups whose text stays within a block's bound (INPUT_LIMITS.blockChars), so a table of a
 * million cells becomes several table blocks rather than one string of a hundred megabytes.
 */
export function tableChunks(rows: readonly TableCell[][]): Array<{ rows: TableCell[][]; text: string }> {
  const chunks: Array<{ rows: TableCell[][]; text: string }> = [];
  let current: TableCell[][] = [];
  let lines: string[] = [];
  let chars = 0;
  for (const row of rows) {
    if (!row.some((cell) => cell.text !== '')) continue;
    const line = row.map((cell) => cell.text).join('\t');
    if (current.length > 0 && chars + line.length + 1 > INPUT_LIMITS.blockChars) {
      chunks.push({ rows: current, text: lines.join('\n') });
      current = [];
      lines = [];
      chars = 0;
    }
    current.push(row);
    lines.push(line);
    chars += line.length + 1;
  }
  if (current.length > 0) chunks.push({ rows: current, text: lines.join('\n') });
  return chunks;
}
