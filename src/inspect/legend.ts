import { html, type SafeHtml } from './html.js';
import { REPORT_CLASSES } from './theme.js';

/** A compact legend: a swatch and the name of each class, on one line. */
export function legendSwatches(): SafeHtml {
  return html`<p class="legend-line">${REPORT_CLASSES.map((c) => html`<span class="legend-item c-${c}" data-class="${c}"><span class="swatch"></span> ${c}</span>`)}</p>`;
}
