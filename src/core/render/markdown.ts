/**
 * A document's body as CommonMark with GFM tables and strikethrough: headings, lists (nesting,
 * numbering), block quotes, fenced code with its language, tables with their header row, inline
 * emphasis, code, links, line breaks and struck-through text, and the body's images. Captions are left out unless asked for.
 * Pure: the document in, a string out (the same document gives the same bytes).
 */
import type { CleanDocument, Image, Segment } from '../schema.js';
import type { TableCell } from '../structure.js';
import { escapeText, linkDestination, renderInline } from './inline.js';
import { layout, layoutPieces, type LaidBlock, type LaidPiece } from './layout.js';

export interface RenderOptions {
  /** Render caption segments too, in their place, as paragraphs. @default false */
  readonly captions?: boolean;
}

/** What the renderers read of a document. */
export type Renderable = Pick<CleanDocument, 'segments' | 'images'>;

/** The segments a rendering shows: the body, and the captions on request. */
export function shown(segment: Segment, options: RenderOptions): boolean {
  return segment.type === 'body' || (options.captions === true && segment.type === 'caption');
}

function fence(code: string): string {
  let longest = 0;
  for (const run of code.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  return '`'.repeat(Math.max(3, longest + 1));
}

/**
 * A table's rows as a grid: a cell spanning columns or rows leaves empty cells in the places
 * it covers (GFM has no spans), and every row is as wide as the widest.
 */
export function tableGrid(rows: readonly TableCell[][]): Array<Array<TableCell | null>> {
  const grid: Array<Array<TableCell | null>> = [];
  const covered: number[] = [];
  for (const row of rows) {
    const line: Array<TableCell | null> = [];
    let column = 0;
    const skipCovered = (): void => {
      while (covered[column]! > 0) {
        covered[column]!--;
        line[column++] = null;
      }
    };
    for (const cell of row) {
      skipCovered();
      const colspan = cell.colspan ?? 1;
      for (let k = 0; k < colspan; k++) {
        line[column + k] = k === 0 ? cell : null;
        covered[column + k] = (cell.rowspan ?? 1) - 1;
      }
      column += colspan;
    }
    for (; column < covered.length; column++) {
      if (covered[column]! > 0) {
        covered[column]!--;
        line[column] = null;
      }
    }
    grid.push(line);
  }
  const width = Math.max(0, ...grid.map((line) => line.length));
  for (const line of grid) for (let c = 0; c < width; c++) line[c] ??= null;
  return grid;
}

/** For each place of tableGrid's grid, the cell that shows there: a spanning cell in every place it covers. */
function ownerGrid(rows: readonly TableCell[][], width: number): Array<Array<TableCell | null>> {
  const grid: Array<Array<TableCell | null>> = [];
  const covered: Array<{ cell: TableCell; rows: number } | undefined> = [];
  for (const row of rows) {
    const line: Array<TableCell | null> = new Array<TableCell | null>(width).fill(null);
    let column = 0;
    const skipCovered = (): void => {
      for (let above = covered[column]; above !== undefined && above.rows > 0; above = covered[column]) {
        above.rows--;
        line[column++] = above.cell;
      }
    };
    for (const cell of row) {
      skipCovered();
      const colspan = cell.colspan ?? 1;
      for (let k = 0; k < colspan; k++) {
        line[column + k] = cell;
        covered[column + k] = { cell, rows: (cell.rowspan ?? 1) - 1 };
      }
      column += colspan;
    }
    for (; column < covered.length; column++) {
      const above = covered[column];
      if (above !== undefined && above.rows > 0) {
        above.rows--;
        line[column] = above.cell;
      }
    }
    grid.push(line.slice(0, width));
  }
  return grid;
}

const isBlank = (cell: TableCell | null): boolean => cell === null || cell.text === '';

/**
 * The grid without its columns that are blank in every row: a layout's spacer cells (an `&nbsp;`
 * corner and an empty column closing every row) rendered as empty columns of the table.
 */
export function withoutBlankColumns(grid: Array<Array<TableCell | null>>): Array<Array<TableCell | null>> {
  const kept = keptColumns(grid);
  return kept.length === (grid[0]?.length ?? 0) ? grid : grid.map((line) => kept.map((c) => line[c]!));
}

/** The columns of a grid that are not blank in every row. */
function keptColumns(grid: Array<Array<TableCell | null>>): number[] {
  const width = grid[0]?.length ?? 0;
  const kept: number[] = [];
  for (let c = 0; c < width; c++) if (grid.some((line) => !isBlank(line[c]!))) kept.push(c);
  return kept;
}

/**
 * The rows of header cells a table's header has: its first row of header cells, and each next row of header cells
 * that a header cell above spans into or divides (`<th rowspan=2>Line</th><th colspan=2>Departs</th>` over `<th>First</th>
 * <th>Last</th>`), while a row of data stays under them. A row of header cells after a header without spans is a section
 * heading of the data, not a part of the header.
 */
function headerRows(rows: readonly TableCell[][]): number {
  const isHeaderRow = (row: readonly TableCell[] | undefined): boolean => row !== undefined && row.length > 0 && row.every((cell) => cell.header);
  if (!isHeaderRow(rows[0])) return 0;
  let count = 1;
  let spans = rows[0]!.some((cell) => (cell.colspan ?? 1) > 1 || (cell.rowspan ?? 1) > 1);
  while (spans && count + 1 < rows.length && isHeaderRow(rows[count])) {
    spans = rows[count]!.some((cell) => (cell.colspan ?? 1) > 1 || (cell.rowspan ?? 1) > 1);
    count++;
  }
  return count;
}

function tableLines(rows: readonly TableCell[][]): string[] {
  const full = tableGrid(rows);
  const kept = keptColumns(full);
  const grid = full.map((line) => kept.map((c) => line[c]!));
  const width = kept.length;
  if (width === 0) return [];
  const line = (cells: ReadonlyArray<TableCell | null>): string =>
    `| ${cells.map((cell) => (cell === null || cell.text === '' ? '' : renderInline(cell.text, cell.spans, { cell: true }, false))).join(' | ')} |`;
  // A first row of header cells is the header; otherwise the header row stays empty rather than promoting data. A header
  // of several rows (headerRows) is one row of GFM's: each column headed by the texts of the header cells over it.
  const heads = headerRows(rows);
  let header: Array<TableCell | null> = heads > 0 ? grid[0]! : new Array<null>(width).fill(null);
  if (heads > 1) {
    const owners = ownerGrid(rows.slice(0, heads), full[0]!.length);
    header = kept.map((c) => {
      const cells: TableCell[] = [];
      for (const owner of owners) if (owner[c] && owner[c].text !== '' && !cells.includes(owner[c])) cells.push(owner[c]);
      if (cells.length <= 1) return cells[0] ?? null;
      return { text: cells.map((cell) => cell.text).join(' '), header: true };
    });
  }
  const body = grid.slice(heads);
  return [line(header), `|${' --- |'.repeat(width)}`, ...body.map(line)];
}

function segmentLines(segment: Segment): string[] {
  if (segment.table) return tableLines(segment.table.rows);
  if (segment.code) {
    const code = segment.code.text || segment.text;
    const marks = fence(code);
    return [marks + (segment.code.language ?? ''), ...code.split('\n'), marks];
  }
  if (segment.heading) return ['#'.repeat(segment.heading) + ' ' + renderInline(segment.text, segment.spans, { heading: true }, false)];
  return renderInline(segment.text, segment.spans).split('\n');
}

function imageLine(image: Image): string {
  return `![${escapeText(image.alt, 0, image.alt.length, false)}](${linkDestination(image.src)})`;
}

function markdownBlocks(document: Renderable, options: RenderOptions): LaidBlock[] {
  const blocks: LaidBlock[] = [];
  const images = [...document.images].sort((a, b) => a.segment - b.segment);
  let next = 0;
  const imagesBefore = (index: number): void => {
    for (; next < images.length && images[next]!.segment <= index; next++) blocks.push({ segment: null, lines: [imageLine(images[next]!)], compact: false });
  };
  document.segments.forEach((segment, index) => {
    imagesBefore(index);
    if (!shown(segment, options)) return;
    const lines = segmentLines(segment);
    // A paragraph break (<br><br>) makes the block two paragraphs: CommonMark reads a list with such an item as loose.
    blocks.push({ segment: index, lines, list: segment.list, quote: segment.quote, compact: !segment.table && !segment.code && !lines.includes('') });
  });
  imagesBefore(Infinity);
  return blocks;
}

const MARKDOWN = { alternateMarkers: true, numberedListApart: true, lettered: false } as const;

export function renderMarkdown(document: Renderable, options: RenderOptions = {}): string {
  return layout(markdownBlocks(document, options), MARKDOWN);
}

/** The Markdown block by block, each with the segment it renders (null: an image): what `inspect` shows beside each segment. */
export function markdownPieces(document: Renderable, options: RenderOptions = {}): LaidPiece[] {
  return layoutPieces(markdownBlocks(document, options), MARKDOWN);
}
