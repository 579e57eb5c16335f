/**
 * Per-class counts and characters as one inline SVG: two small horizontal bar charts
 * ("Segments", "Characters"), one row per class, each scaled to its own largest value.
 */
import { formatInt, html, type SafeHtml } from './html.js';
import { CLASS_STYLES, type ReportClass } from './theme.js';

export interface ChartRow {
  readonly cls: ReportClass;
  readonly label: string;
  readonly segments: number;
  readonly characters: number;
}

/** Geometry in SVG user units (the SVG scales to the sidebar's width). */
const GEOMETRY = {
  width: 320,
  labelWidth: 78,
  valueWidth: 58,
  rowHeight: 20,
  barHeight: 12,
  titleHeight: 20,
  panelGap: 14,
} as const;

export function classChart(rows: readonly ChartRow[]): SafeHtml {
  const g = GEOMETRY;
  const barSpace = g.width - g.labelWidth - g.valueWidth;
  const panelHeight = g.titleHeight + rows.length * g.rowHeight;
  const panels = (['segments', 'characters'] as const).map((measure, p) => {
    const top = p * (panelHeight + g.panelGap);
    const max = Math.max(1, ...rows.map((r) => r[measure]));
    const title = measure === 'segments' ? 'Segments' : 'Characters';
    return html`<g class="panel" data-measure="${measure}">
<text x="0" y="${top + 13}" font-size="11" font-weight="600" fill="#59636e" letter-spacing="0.6">${title.toUpperCase()}</text>
${rows.map((row, i) => {
  const y = top + g.titleHeight + i * g.rowHeight;
  const value = row[measure];
  const width = value > 0 ? Math.max(2, (value / max) * barSpace) : 0;
  const colour = CLASS_STYLES[row.cls].colour;
  return html`<g class="bar" data-class="${row.cls}" data-measure="${measure}">
<text x="0" y="${y + 11}" font-size="12" fill="#1f2328">${row.label}</text>
<rect x="${g.labelWidth}" y="${y + 1}" width="${barSpace}" height="${g.barHeight}" rx="2" fill="#eaeef2"/>
<rect x="${g.labelWidth}" y="${y + 1}" width="${width.toFixed(1)}" height="${g.barHeight}" rx="2" fill="${colour}"><title>${row.label}: ${formatInt(value)} ${measure}</title></rect>
<text class="value" x="${g.width}" y="${y + 11}" font-size="12" text-anchor="end" fill="#1f2328" data-value="${value}">${formatInt(value)}</text>
</g>`;
})}
</g>`;
  });
  const height = 2 * panelHeight + g.panelGap;
  return html`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${g.width} ${height}" width="${g.width}" height="${height}" role="img" aria-label="Segments and characters per class">${panels}</svg>`;
}

/** A thin stacked bar of characters per class, for the index. */
export function stackBar(rows: readonly ChartRow[], width = 160, height = 10): SafeHtml {
  const total = rows.reduce((sum, r) => sum + r.characters, 0);
  let x = 0;
  const parts = rows.map((row) => {
    const w = total ? (row.characters / total) * width : 0;
    const rect = html`<rect x="${x.toFixed(1)}" y="0" width="${w.toFixed(1)}" height="${height}" fill="${CLASS_STYLES[row.cls].colour}"><title>${row.label}: ${formatInt(row.characters)} characters</title></rect>`;
    x += w;
    return rect;
  });
  return html`<svg class="stack" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="Characters per class"><rect x="0" y="0" width="${width}" height="${height}" fill="#eaeef2"/>${parts}</svg>`;
}
