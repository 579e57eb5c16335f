/**
 * Colours, labels and the stylesheet of the inspect report. Class colours are the Okabe–Ito
 * palette (Okabe & Ito, "Color Universal Design", 2002), chosen to stay distinguishable for
 * the common forms of colour blindness; every colour also comes with the class name as text,
 * so nothing is told by colour alone.
 */
import { SEGMENT_TYPES, type SegmentType } from '../core/index.js';

export type ReportClass = SegmentType | 'chrome';
export const REPORT_CLASSES: readonly ReportClass[] = [...SEGMENT_TYPES, 'chrome'];

export interface ClassStyle {
  /** Bars, swatches, the left rule of a segment. */
  readonly colour: string;
  /** Background of a segment: the colour mixed into white (see TINT_SHARE). */
  readonly tint: string;
  /** One line for the legend, after ../shared/SEGMENTS.md. */
  readonly description: string;
}

/** Share of the class colour in a segment's background: light enough to read dark text on. */
const TINT_SHARE = 0.09;

function tintOf(hex: string): string {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16);
    return Math.round(255 - (255 - c) * TINT_SHARE)
      .toString(16)
      .padStart(2, '0');
  };
  return `#${channel(0)}${channel(1)}${channel(2)}`;
}

const style = (colour: string, description: string): ClassStyle => ({ colour, tint: tintOf(colour), description });

export const CLASS_STYLES: Readonly<Record<ReportClass, ClassStyle>> = {
  body: style('#0072b2', 'the article’s own content'),
  caption: style('#009e73', 'text of an image, video or chart, and its credit'),
  ad: style('#d55e00', 'ads, teasers, newsletter and app prompts'),
  legal: style('#cc79a7', 'copyright, terms, privacy and cookie notices'),
  chrome: style('#767676', 'navigation, menus, UI strings: dropped'),
};

/** A segment type the report does not know (a document from another pipeline version). */
export const UNKNOWN_STYLE: ClassStyle = style('#333333', 'a class this report does not know');

/** Right/wrong marks of the gold comparison (always with ✓/✗ as well). */
export const MARK_COLOURS = { right: '#1a7f37', wrong: '#cf222e' } as const;

/** The CSS class of a segment type: the type itself when known, `unknown` otherwise (never page text in a class attribute). */
export function classToken(type: string): ReportClass | 'unknown' {
  return (REPORT_CLASSES as readonly string[]).includes(type) ? (type as ReportClass) : 'unknown';
}

const classRules = [...REPORT_CLASSES.map((c) => [c, CLASS_STYLES[c]] as const), ['unknown', UNKNOWN_STYLE] as const]
  .map(([c, s]) => `.c-${c}{--c:${s.colour};--t:${s.tint}}`)
  .join('\n');

/** Toggles of the legend hide a class without any script (`:has`), in browsers that support it. */
const toggleRules = REPORT_CLASSES.map((c) => `body:has(#show-${c}:not(:checked)) .item.c-${c}{display:none}`).join('\n');

export const STYLESHEET = `
${classRules}
:root{--ink:#1f2328;--muted:#59636e;--line:#d1d9e0;--paper:#ffffff;--panel:#f6f8fa;--right:${MARK_COLOURS.right};--wrong:${MARK_COLOURS.wrong};
  --sans:-apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Liberation Sans",system-ui,sans-serif;
  --mono:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono","DejaVu Sans Mono",monospace}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--paper);color:var(--ink);font:15px/1.5 var(--sans)}
a{color:#0b5cad}
code,.mono{font-family:var(--mono);font-size:12px}
h1{font-size:22px;line-height:1.25;margin:2px 0 12px;font-weight:650;overflow-wrap:anywhere}
h2{font-size:13px;text-transform:uppercase;letter-spacing:.06em;color:var(--muted);margin:0 0 10px;font-weight:600}
.layout{display:grid;grid-template-columns:minmax(300px,360px) minmax(0,1fr);min-height:100vh}
.side{background:var(--panel);border-right:1px solid var(--line);padding:20px 22px;position:sticky;top:0;align-self:start;max-height:100vh;overflow:auto}
.main{padding:20px 28px 48px;max-width:980px}
@media (max-width:900px){.layout{display:block}.side{position:static;max-height:none;border-right:0;border-bottom:1px solid var(--line)}}
.eyebrow{margin:0;color:var(--muted);font-size:12px;overflow-wrap:anywhere}
.side section{margin-top:20px}
dl.meta{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:3px 12px;margin:0;font-size:13px}
dl.meta dt{color:var(--muted)}
dl.meta dd{margin:0;overflow-wrap:anywhere}
.none{color:var(--muted);font-style:italic}
.legend{list-style:none;margin:0;padding:0;display:grid;gap:4px}
.legend label{display:grid;grid-template-columns:16px 14px 1fr;align-items:start;gap:2px 8px;font-size:13px;line-height:1.35;cursor:pointer}
.legend label>input,.legend label>.swatch{margin-top:2px}
.legend input{margin:0}
.swatch{display:inline-block;width:14px;height:14px;border-radius:3px;background:var(--c)}
.legend .name{font-weight:600}
.legend .desc{color:var(--muted);font-size:12px;margin-left:6px}
.hint{color:var(--muted);font-size:12px;margin:6px 0 0}
.chart svg{display:block;width:100%;height:auto;font-family:var(--sans)}
h2 .mono{text-transform:none;letter-spacing:0;font-weight:500}
.gold-summary .score{font-size:20px;font-weight:650}
.verdict{margin:0 0 10px;padding:8px 12px;border-radius:6px;font-weight:600}
.verdict.right{color:var(--right);background:#eefbf1;border:1px solid #b7e4c2}
.verdict.wrong{color:var(--wrong);background:#fff5f5;border:1px solid #f5c2c7}
.gold-summary table{border-collapse:collapse;font-size:13px;margin-top:6px;width:100%}
.gold-summary td,.gold-summary th{padding:2px 6px 2px 0;text-align:left}
.gold-summary th{font-weight:600;color:var(--muted)}
.num{text-align:right;font-variant-numeric:tabular-nums}
.items{list-style:none;margin:0;padding:0;display:grid;gap:6px}
.item{background:var(--t);border-left:4px solid var(--c);border-radius:4px;padding:6px 12px 8px}
.item-head{display:flex;flex-wrap:wrap;align-items:center;gap:6px;font-size:12px;color:var(--muted)}
.idx{font-variant-numeric:tabular-nums;min-width:2.2em}
.badge{display:inline-block;background:var(--c);color:#fff;border-radius:10px;padding:0 8px;font-size:11px;font-weight:600;letter-spacing:.02em}
.tag{color:var(--ink)}
.cue{background:#ffffffb0;border:1px solid var(--line);border-radius:4px;padding:0 5px;font-family:var(--mono);font-size:11px;color:var(--muted)}
.text{margin:3px 0 0;white-space:pre-wrap;overflow-wrap:anywhere}
.c-chrome .text{color:#444c56}
.item.has-md{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);column-gap:14px}
.item.has-md .item-head{grid-column:1/-1}
.md{margin:3px 0 0;padding:2px 8px;border-left:1px dashed var(--line);font-family:var(--mono);font-size:12px;white-space:pre-wrap;overflow-wrap:anywhere;color:var(--ink)}
@media (max-width:900px){.item.has-md{display:block}}
.mark{display:inline-block;border-radius:4px;padding:0 6px;font-size:11px;font-weight:600;text-decoration:none;border:1px solid}
.mark.right{color:var(--right);border-color:var(--right);background:#fff}
.mark.wrong{color:#fff;background:var(--wrong);border-color:var(--wrong)}
.item.has-wrong{box-shadow:0 0 0 2px var(--wrong) inset}
details.dropped{margin-top:26px;border:1px solid var(--line);border-radius:6px;padding:8px 12px}
details.dropped>summary{cursor:pointer;font-weight:600}
details.dropped[open]>summary{margin-bottom:10px}
.section{margin-top:26px}
.section:first-child{margin-top:0}
table.gold{border-collapse:collapse;width:100%;font-size:13px}
table.gold th{text-align:left;color:var(--muted);font-weight:600;border-bottom:1px solid var(--line);padding:4px 8px 4px 0}
table.gold td{border-bottom:1px solid #eaeef2;padding:5px 8px 5px 0;vertical-align:top}
table.gold td.snippet{overflow-wrap:anywhere;width:60%}
tr.wrong td.ok{color:var(--wrong);font-weight:700}
tr.right td.ok{color:var(--right);font-weight:700}
details.right-labels{margin-top:10px}
details.right-labels>summary{cursor:pointer;color:var(--muted)}
.only-wrong{font-size:13px;display:flex;gap:6px;align-items:center;margin-top:8px}
body:has(#only-wrong:checked) .item:not(.has-wrong){display:none}
${toggleRules}
table td.num,table th.num{text-align:right}
footer{color:var(--muted);font-size:12px;margin-top:36px}
.error-box{border:1px solid var(--wrong);border-left-width:4px;border-radius:4px;padding:10px 14px;background:#fff5f5}
table.pages{border-collapse:collapse;width:100%;font-size:13px}
table.pages th{text-align:left;color:var(--muted);font-weight:600;border-bottom:1px solid var(--line);padding:6px 10px 6px 0;white-space:nowrap}
table.pages td{border-bottom:1px solid #eaeef2;padding:6px 10px 6px 0;vertical-align:top}
table.pages td.page{overflow-wrap:anywhere;max-width:420px}
table.pages .title{color:var(--muted);display:block}
.stack{display:block;width:160px;height:10px}
.errors-list{margin:4px 0 0;padding-left:18px;color:var(--muted)}
.index-main{padding:24px 32px 48px;max-width:1280px}
.index-top{display:grid;grid-template-columns:minmax(280px,360px) minmax(0,1fr);gap:32px;align-items:start;margin-top:16px}
@media (max-width:900px){.index-top{display:block}}
.legend-line{display:flex;flex-wrap:wrap;gap:4px 14px;font-size:12px;color:var(--muted);margin:8px 0 0}
.legend-item{display:inline-flex;align-items:center;gap:5px}
.legend-item .swatch{width:11px;height:11px}
`;
