/**
 * A document's body as plain text: blocks separated by blank lines, list items marked (`-`, `1.`,
 * `a.`) and indented under their parent, block quotes prefixed with `> `, line breaks kept (a
 * paragraph break, `<br><br>`, as a blank line), code with its indentation, tables one row per
 * line with tab-separated cells. Captions on request; images have no text.
 */
import type { Segment } from '../schema.js';
import { layout, type LaidBlock } from './layout.js';
import { shown, tableGrid, withoutBlankColumns, type Renderable, type RenderOptions } from './markdown.js';

/**
 * A table's rows with each cell in its column, as Markdown lays them out: the places a cell above
 * or beside spans are empty (the segment's text joins each row's own cells, so a row under a
 * rowspan starts a column early). Blank places at a row's end are left out, as in the text.
 */
function tableLines(rows: NonNullable<Segment['table']>['rows']): string[] {
  return withoutBlankColumns(tableGrid(rows)).map((row) => {
    const cells = row.map((cell) => cell?.text ?? '');
    while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
    return cells.join('\t');
  });
}

/** The segment's text with its line breaks as new lines. */
function lines(segment: Segment): string[] {
  if (segment.code) return (segment.code.text || segment.text).split('\n');
  if (segment.table) return tableLines(segment.table.rows);
  if (!segment.spans) return segment.text.split('\n');
  let text = '';
  let at = 0;
  for (const span of segment.spans) {
    if (span.type !== 'break' || segment.text[span.start] !== ' ') continue;
    text += segment.text.slice(at, span.start) + (span.paragraph ? '\n\n' : '\n');
    at = span.start + 1;
  }
  return (text + segment.text.slice(at)).split('\n');
}

export function renderText(document: Renderable, options: RenderOptions = {}): string {
  const blocks: LaidBlock[] = [];
  document.segments.forEach((segment, index) => {
    if (!shown(segment, options)) return;
    const segmentLines = lines(segment);
    // A paragraph break (<br><br>) makes the block two paragraphs: a list item of it stands apart from the next.
    blocks.push({ segment: index, lines: segmentLines, list: segment.list, quote: segment.quote, compact: !segment.table && !segment.code && !segmentLines.includes('') });
  });
  return layout(blocks, { alternateMarkers: false, numberedListApart: false, lettered: true });
}
