/**
 * The inspect report of one document: a self-contained HTML page (inline CSS, no script, a CSP
 * that forbids every request) showing the metadata, every segment in order coloured by class
 * with its tag and cues, the chrome that was dropped (collapsed), per-class counts and
 * characters as an SVG chart and, given gold labels, each gold snippet marked right or wrong.
 *
 * Pure: document in, HTML string out. Everything taken from the document goes through the
 * escaping `html` tag; URLs become links only when they are http(s).
 */
import { PIPELINE_VERSION, type CleanDocument, type Segment } from '../core/index.js';
import { markdownPieces } from '../core/render/index.js';
import type { GoldPage } from '../eval/score.js';
import { GOLD_CLASSES } from '../eval/score.js';
import { classChart, type ChartRow } from './chart.js';
import { checkGold, type CheckedLabel, type GoldCheck } from './compare.js';
import { formatInt, html, linkableUrl, type HtmlValue, type SafeHtml } from './html.js';
import { CLASS_STYLES, classToken, REPORT_CLASSES, STYLESHEET } from './theme.js';

/** No request of any kind, no script, no plugin, no form target, no <base>: the report is inert. */
export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

export interface ReportOptions {
  /** Gold labels of this page (an entry of a segments-dev.json style file): each snippet is marked right or wrong. */
  readonly gold?: GoldPage;
  /** Where the gold labels came from, shown in the report; set with no `gold` to say the file has none for this page. */
  readonly goldSource?: string;
}

export function chartRows(document: Pick<CleanDocument, 'stats'>): ChartRow[] {
  const { stats } = document;
  return REPORT_CLASSES.map((cls) =>
    cls === 'chrome'
      ? { cls, label: 'chrome', segments: stats.chromeBlocks, characters: stats.chromeCharacters }
      : { cls, label: cls, segments: stats.segments[cls], characters: stats.characters[cls] },
  );
}

export function pageShell(title: string, body: SafeHtml): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="scrape-clean ${PIPELINE_VERSION} inspect">
${html`<title>${title}</title>`.value}
<style>${STYLESHEET}</style>
</head>
<body>
${body.value}
</body>
</html>
`;
}

const none = (what = 'none') => html`<span class="none">${what}</span>`;
const orNone = (value: string | null | undefined): HtmlValue => (value ? value : none());

/** A URL as a link when it is http(s), as plain text otherwise (javascript:, data:… never become links). */
export function urlValue(value: string | null | undefined): HtmlValue {
  if (!value) return none();
  const href = linkableUrl(value);
  return href ? html`<a href="${href}" rel="noreferrer noopener">${value}</a>` : html`<span class="url-text">${value}</span>`;
}

/** "312 body words · body 57% of the visible text, 81% kept", then the warnings (NO_BODY, LOW_TEXT, MARKUP_AS_TEXT, BLOCKED_PAGE, HTTP_ERROR) if any. */
function quality(signals: CleanDocument['quality']): SafeHtml {
  const percent = (share: number): string => `${Math.round(share * 100)}%`;
  const warnings = signals.warnings.length > 0 ? html` · <strong data-field="warnings">${signals.warnings.join(', ')}</strong>` : html``;
  return html`${formatInt(signals.bodyWords)} body words · body ${percent(signals.bodyShare)} of the visible text, ${percent(signals.keptShare)} kept${warnings}`;
}

function metadata(document: CleanDocument): SafeHtml {
  const { source } = document;
  const size = `${formatInt(source.bytes)} bytes${source.compression ? ` (${source.compression})` : ''}`;
  const format = source.contentType ? `${source.format} (${source.contentType})` : source.format;
  const rows: Array<[string, string, HtmlValue]> = [
    ['Byline', 'byline', orNone(document.byline)],
    ['Published', 'published', orNone(document.publishedAt)],
    ['URL', 'url', urlValue(document.url)],
    ['Language', 'language', orNone(document.language)],
    ['Site', 'site', orNone(document.siteName)],
    ['Source', 'source', source.name],
    ['File', 'file', html`<span data-field="size">${size}</span> · <span data-field="encoding">${source.encoding}</span> · <span data-field="format">${format}</span>`],
    ['Quality', 'quality', quality(document.quality)],
  ];
  return html`<dl class="meta">${rows.map(([label, field, value]) => html`<dt>${label}</dt><dd data-field="${field}">${value}</dd>`)}</dl>`;
}

function legend(withGold: boolean): SafeHtml {
  return html`<ul class="legend">${REPORT_CLASSES.map(
    (c) =>
      html`<li class="c-${c}" data-class="${c}"><label><input type="checkbox" id="show-${c}" checked><span class="swatch" data-colour="${CLASS_STYLES[c].colour}"></span><span class="what"><span class="name">${c}</span><span class="desc">${CLASS_STYLES[c].description}</span></span></label></li>`,
  )}</ul>
<p class="hint">Untick a class to hide its blocks.</p>
${withGold ? html`<label class="only-wrong"><input type="checkbox" id="only-wrong"> show only blocks with a wrong gold snippet</label>` : null}`;
}

function markFor(label: CheckedLabel): SafeHtml {
  const text = label.right ? `✓ gold ${label.gold}` : `✗ gold ${label.gold} · scored ${label.predicted}`;
  return html`<a class="mark ${label.right ? 'right' : 'wrong'}" href="#gold-${label.index + 1}" data-gold="${label.gold}" data-predicted="${label.predicted}">${text}</a>`;
}

function cues(list: readonly string[]): SafeHtml {
  return html`${list.map((cue) => html`<span class="cue">${cue}</span>`)}`;
}

function tagLabel(tag: string | null): string {
  return tag ? `<${tag}>` : 'text line';
}

/** The Markdown of each segment as the body's rendering lays it out (images with the segment after them); none for ad and legal. */
export function markdownBySegment(document: Pick<CleanDocument, 'segments' | 'images'>): Map<number, string> {
  const out = new Map<number, string>();
  let images: string[] = [];
  for (const piece of markdownPieces(document, { captions: true })) {
    if (piece.block.segment === null) images.push(piece.text);
    else {
      out.set(piece.block.segment, [...images, piece.text].join('\n\n'));
      images = [];
    }
  }
  return out;
}

function segmentItem(segment: Segment, index: number, marks: readonly CheckedLabel[], markdown: string | undefined): SafeHtml {
  const token = classToken(segment.type);
  const wrong = marks.some((m) => !m.right);
  return html`<li class="item seg c-${token}${wrong ? ' has-wrong' : ''}${markdown === undefined ? '' : ' has-md'}" id="seg-${index + 1}" data-class="${token}">
<div class="item-head"><span class="idx">#${index + 1}</span><span class="badge">${segment.type}</span><code class="tag">${tagLabel(segment.tag)}</code>${cues(segment.cues)}${marks.map(markFor)}</div>
<p class="text">${segment.text}</p>${markdown === undefined ? null : html`<pre class="md" title="Markdown">${markdown}</pre>`}
</li>`;
}

/** How to read a segment's cues (and a dropped block's reason). */
export const CUES_HINT =
  'Cues: what decided the class (model:… for the block model, a rule such as metadata:title or text:ad-label), the model’s probability of body, and the features that weighed most in the decision, each with its signed contribution to the model’s margin (+ toward the class, − against; a class other than body names its own, after “caption:”, “ad:”…).';

/**
 * Reason the core gives a body or caption block dropped as an exact repeat of an earlier
 * segment (src/core/document.ts); every other dropped block is chrome.
 */
export const REPEAT_REASON = 'repeat';

function droppedItem(block: NonNullable<CleanDocument['dropped']>[number], index: number, marks: readonly CheckedLabel[]): SafeHtml {
  const wrong = marks.some((m) => !m.right);
  const kind = block.reason === REPEAT_REASON ? 'repeat' : 'chrome';
  return html`<li class="item drop c-chrome${wrong ? ' has-wrong' : ''}" id="drop-${index + 1}" data-class="chrome" data-kind="${kind}">
<div class="item-head"><span class="idx">#${index + 1}</span><span class="badge">${kind}</span><code class="tag">${tagLabel(block.tag)}</code><span class="cue">${block.reason}</span>${marks.map(markFor)}</div>
<p class="text">${block.text}</p>
</li>`;
}

function where(label: CheckedLabel): SafeHtml {
  if (label.segments.length) return html`${label.segments.map((s, i) => html`${i ? ', ' : ''}<a href="#seg-${s + 1}">segment #${s + 1}</a>`)}`;
  if (label.droppedBlock !== null) return html`dropped: <a href="#drop-${label.droppedBlock + 1}">block #${label.droppedBlock + 1}</a>`;
  return html`in no segment or dropped block`;
}

function goldRow(label: CheckedLabel): SafeHtml {
  return html`<tr class="${label.right ? 'right' : 'wrong'}" id="gold-${label.index + 1}" data-right="${label.right ? 'yes' : 'no'}">
<td class="ok">${label.right ? '✓' : '✗'}</td><td><span class="badge c-${label.gold}">${label.gold}</span></td><td><span class="badge c-${label.predicted}">${label.predicted}</span></td><td class="snippet">${label.snippet}</td><td>${where(label)}</td></tr>`;
}

function goldTable(labels: readonly CheckedLabel[]): SafeHtml {
  return html`<table class="gold"><thead><tr><th></th><th>gold</th><th>scored</th><th>snippet</th><th>where</th></tr></thead><tbody>${labels.map(goldRow)}</tbody></table>`;
}

function goldSection(check: GoldCheck): SafeHtml {
  const wrong = check.labels.filter((l) => !l.right);
  const right = check.labels.filter((l) => l.right);
  return html`<section class="section gold-check" id="gold">
<h2>Gold check</h2>
<p class="verdict ${wrong.length ? 'wrong' : 'right'}">${wrong.length ? `✗ ${wrong.length} of ${check.labels.length} gold snippets scored in another class` : `✓ All ${check.labels.length} gold snippets scored in their class`}</p>
${wrong.length ? goldTable(wrong) : null}
${right.length ? html`<details class="right-labels"><summary>${right.length} right</summary>${goldTable(right)}</details>` : null}
</section>`;
}

function goldSummary(check: GoldCheck | null, source: string | undefined): SafeHtml | null {
  if (!check) return source ? html`<section class="gold-summary"><h2>Gold</h2><p class="none">${source} has no labels for this page.</p></section>` : null;
  const total = check.labels.length;
  return html`<section class="gold-summary"><h2>Gold${source ? html` · <span class="mono">${source}</span>` : null}</h2>
<div class="score" data-right="${check.right}" data-total="${total}">${check.right} / ${total} right</div>
<table><thead><tr><th>class</th><th class="num">labels</th><th class="num">right</th></tr></thead><tbody>${GOLD_CLASSES.filter((c) => check.perClass[c].labels > 0).map(
    (c) => html`<tr><td><span class="swatch c-${c}"></span> ${c}</td><td class="num">${check.perClass[c].labels}</td><td class="num">${check.perClass[c].right}</td></tr>`,
  )}</tbody></table></section>`;
}

function marksBy(labels: readonly CheckedLabel[], key: (label: CheckedLabel) => readonly number[]): Map<number, CheckedLabel[]> {
  const out = new Map<number, CheckedLabel[]>();
  for (const label of labels) for (const i of key(label)) out.set(i, [...(out.get(i) ?? []), label]);
  return out;
}

export function renderReport(document: CleanDocument, options: ReportOptions = {}): string {
  const check = options.gold ? checkGold(document, options.gold) : null;
  const bySegment = marksBy(check?.labels ?? [], (l) => l.segments);
  const byDropped = marksBy(check?.labels ?? [], (l) => (l.droppedBlock === null ? [] : [l.droppedBlock]));
  const dropped = document.dropped;
  const title = document.title ?? document.source.name;
  const rows = chartRows(document);
  const repeats = (dropped ?? []).filter((b) => b.reason === REPEAT_REASON).length;
  const markdown = markdownBySegment(document);

  const body = html`<div class="layout">
<aside class="side">
<header>
<p class="eyebrow">scrape-clean inspect · ${document.source.name}</p>
<h1>${document.title ?? none('no title')}</h1>
${metadata(document)}
</header>
<section class="legend-box"><h2>Classes</h2>${legend(check !== null)}</section>
<section class="chart"><h2>Per class</h2>${classChart(rows)}</section>
${goldSummary(check, options.goldSource)}
</aside>
<main class="main">
${check ? goldSection(check) : null}
<section class="section segments"><h2>Segments · ${formatInt(document.segments.length)}</h2>
<p class="hint">${CUES_HINT}</p>
${document.segments.length ? html`<ol class="items">${document.segments.map((s, i) => segmentItem(s, i, bySegment.get(i) ?? [], markdown.get(i)))}</ol>` : html`<p class="none">No segment: nothing on this page survived cleaning.</p>`}
</section>
<details class="dropped"><summary>Dropped as chrome · <span data-count="chrome">${formatInt(document.stats.chromeBlocks)}</span> blocks, ${formatInt(document.stats.chromeCharacters)} characters${repeats ? `; ${formatInt(repeats)} ${repeats === 1 ? 'repeat' : 'repeats'} of earlier segments` : ''}</summary>
${dropped ? html`<ol class="items">${dropped.map((b, i) => droppedItem(b, i, byDropped.get(i) ?? []))}</ol>` : html`<p class="none">Not recorded: the document was cleaned without explain.</p>`}
</details>
<footer>Cleaned by pipeline ${document.pipelineVersion} at ${document.processedAt}; report by scrape-clean ${PIPELINE_VERSION}. Everything from the page is shown as text: the report runs no script and loads nothing.</footer>
</main>
</div>`;
  return pageShell(`${title} · scrape-clean inspect`, body);
}

export interface FailedPage {
  readonly name: string;
  readonly bytes: number | null;
  readonly code: string;
  readonly message: string;
}

/** The report of a page the cleaner refused: what and why, so nothing goes missing from a directory's reports. */
export function renderErrorReport(page: FailedPage): string {
  const body = html`<main class="index-main">
<p class="eyebrow">scrape-clean inspect · ${page.name}</p>
<h1>Not cleaned: ${page.code}</h1>
<div class="error-box"><p>${page.message}</p><p class="none">${page.bytes === null ? 'size unknown' : `${formatInt(page.bytes)} bytes`}</p></div>
<footer>Generated by scrape-clean ${PIPELINE_VERSION}.</footer>
</main>`;
  return pageShell(`${page.name}: ${page.code} · scrape-clean inspect`, body);
}

