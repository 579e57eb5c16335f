/**
 * The index of a directory's reports: one row per page with its per-class counts and, with gold
 * labels, its wrong snippets, worst first; above the table, the totals and (with gold) the
 * per-class scores of the labelled pages, computed by the eval's own `scoreSegments`.
 */
import { SEGMENT_TYPES, type CleanDocument } from '../core/index.js';
import { GOLD_CLASSES, scoreSegments, type GoldPage } from '../eval/score.js';
import { classChart, stackBar } from './chart.js';
import { checkGold, type GoldCheck } from './compare.js';
import { formatInt, html, relativeHref, type SafeHtml } from './html.js';
import { chartRows, pageShell, type FailedPage } from './report.js';
import { legendSwatches } from './legend.js';

export interface IndexEntry {
  /** The page's name (its path relative to the inspected directory). */
  readonly name: string;
  /** Path of its report relative to the index (forward slashes). */
  readonly report: string;
  /** The document, or `failure` when the cleaner refused the page. */
  readonly document?: CleanDocument;
  readonly failure?: FailedPage;
  /** Gold labels of the page, when the compared file has some. */
  readonly gold?: GoldPage;
}

export interface IndexOptions {
  /** The directory that was inspected, for the heading. */
  readonly input: string;
  /** The gold file compared with, if any. */
  readonly goldSource?: string;
  /** Pages of the gold file that were not among the inputs (not scored). */
  readonly goldPagesNotInspected?: readonly string[];
}

interface Row {
  readonly entry: IndexEntry;
  readonly check: GoldCheck | null;
}

/** Worst first: refused pages, then labelled pages by wrong snippets (count, then share), then the rest; by name within a tie. */
export function worstFirst(a: Row, b: Row): number {
  const rank = (r: Row) => (r.entry.failure ? 0 : r.check ? 1 : 2);
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  if (a.check && b.check) {
    if (a.check.wrong !== b.check.wrong) return b.check.wrong - a.check.wrong;
    const share = (c: GoldCheck) => (c.labels.length ? c.wrong / c.labels.length : 0);
    if (share(a.check) !== share(b.check)) return share(b.check) - share(a.check);
  }
  return a.entry.name < b.entry.name ? -1 : a.entry.name > b.entry.name ? 1 : 0;
}

function scoresTable(entries: readonly IndexEntry[]): SafeHtml | null {
  const labelled = entries.filter((e) => e.gold);
  if (!labelled.length) return null;
  const gold = Object.fromEntries(labelled.map((e) => [e.name, e.gold!]));
  const documents = Object.fromEntries(labelled.map((e) => [e.name, e.document ?? null]));
  const { scores } = scoreSegments(gold, documents);
  return html`<table class="gold scores"><thead><tr><th>class</th><th class="num">gold labels</th><th class="num">precision</th><th class="num">recall</th><th class="num">F1</th></tr></thead><tbody>${GOLD_CLASSES.map((c) => {
    const s = scores.classes[c];
    return html`<tr data-class="${c}"><td><span class="badge c-${c}">${c}</span></td><td class="num">${s.gold}</td><td class="num">${s.precision.toFixed(3)}</td><td class="num">${s.recall.toFixed(3)}</td><td class="num">${s.f1.toFixed(3)}</td></tr>`;
  })}</tbody></table>
<p>Macro F1 <strong class="macro">${scores.macro_f1.toFixed(3)}</strong> over ${labelled.length} labelled ${labelled.length === 1 ? 'page' : 'pages'} (the eval’s scoring rule).</p>`;
}

function row(r: Row, position: number, withGold: boolean): SafeHtml {
  const { entry, check } = r;
  const doc = entry.document;
  const link = html`<a href="${relativeHref(entry.report)}">${entry.name}</a>`;
  if (!doc) {
    const f = entry.failure!;
    return html`<tr class="failed" data-page="${entry.name}"><td class="num">${position}</td><td class="page">${link}<span class="title">not cleaned: ${f.code}: ${f.message}</span></td><td colspan="${withGold ? 7 : 6}"></td></tr>`;
  }
  const counts = SEGMENT_TYPES.map((c) => html`<td class="num" data-class="${c}">${formatInt(doc.stats.segments[c])}</td>`);
  let goldCell: SafeHtml | null = null;
  if (withGold) {
    if (!check) goldCell = html`<td class="none">no labels</td>`;
    else {
      const wrong = check.labels.filter((l) => !l.right);
      goldCell = html`<td class="gold-cell" data-wrong="${check.wrong}" data-labels="${check.labels.length}"><strong>${check.wrong}</strong> wrong of ${check.labels.length}${
        wrong.length
          ? html`<details><summary>errors</summary><ul class="errors-list">${wrong.map(
              (l) => html`<li><a href="${relativeHref(entry.report)}#gold-${l.index + 1}">gold ${l.gold} → ${l.predicted}</a>: ${l.snippet.slice(0, 90)}</li>`,
            )}</ul></details>`
          : null
      }</td>`;
    }
  }
  return html`<tr data-page="${entry.name}"><td class="num">${position}</td><td class="page">${link}<span class="title">${doc.title ?? ''}</span></td>${counts}<td class="num" data-class="chrome">${formatInt(doc.stats.chromeBlocks)}</td><td>${stackBar(chartRows(doc))}</td>${goldCell}</tr>`;
}

export function renderIndex(entries: readonly IndexEntry[], options: IndexOptions): string {
  const withGold = options.goldSource !== undefined;
  const rows: Row[] = entries
    .map((entry) => ({ entry, check: entry.gold && entry.document ? checkGold(entry.document, entry.gold) : entry.gold ? checkGold({ segments: [], dropped: [] }, entry.gold) : null }))
    .sort(worstFirst);
  const cleaned = entries.filter((e) => e.document);
  const failed = entries.length - cleaned.length;
  const totals = chartRows({
    stats: cleaned.reduce(
      (sum, e) => {
        const s = e.document!.stats;
        for (const c of SEGMENT_TYPES) {
          sum.segments[c] += s.segments[c];
          sum.characters[c] += s.characters[c];
        }
        sum.chromeBlocks += s.chromeBlocks;
        sum.chromeCharacters += s.chromeCharacters;
        return sum;
      },
      { segments: { body: 0, caption: 0, ad: 0, legal: 0 }, characters: { body: 0, caption: 0, ad: 0, legal: 0 }, chromeBlocks: 0, chromeCharacters: 0 },
    ),
  });
  const missing = options.goldPagesNotInspected ?? [];
  const body = html`<main class="index-main">
<p class="eyebrow">scrape-clean inspect</p>
<h1>${options.input}</h1>
<p class="summary" data-pages="${entries.length}" data-failed="${failed}">${formatInt(entries.length)} ${entries.length === 1 ? 'page' : 'pages'}, ${formatInt(cleaned.length)} cleaned${failed ? `, ${formatInt(failed)} not cleaned` : ''}.</p>
<div class="index-top">
<section class="chart"><h2>All pages, per class</h2>${classChart(totals)}${legendSwatches()}</section>
${withGold ? html`<section class="gold-summary"><h2>Gold · <span class="mono">${options.goldSource}</span></h2>${scoresTable(entries) ?? html`<p class="none">No inspected page has labels in this file.</p>`}${missing.length ? html`<p class="none">${missing.length} labelled ${missing.length === 1 ? 'page was' : 'pages were'} not among the inputs and ${missing.length === 1 ? 'is' : 'are'} not scored: ${missing.join(', ')}.</p>` : null}</section>` : null}
</div>
<section class="section"><h2>Pages${withGold ? ', most wrong snippets first' : ''}</h2>
<table class="pages"><thead><tr><th class="num">#</th><th>page</th>${SEGMENT_TYPES.map((c) => html`<th class="num"><span class="swatch c-${c}"></span> ${c}</th>`)}<th class="num"><span class="swatch c-chrome"></span> chrome</th><th>characters</th>${withGold ? html`<th>gold</th>` : null}</tr></thead>
<tbody>${rows.map((r, i) => row(r, i + 1, withGold))}</tbody></table>
</section>
</main>`;
  return pageShell(`${options.input} · scrape-clean inspect`, body);
}
