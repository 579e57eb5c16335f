/**
 * HTML → the plain text a browser's `innerText` (or a text-mode scraper) gives of the page: every
 * visible string, menus, footers and cookie banners included, one line per block. It makes the
 * plain-text scrapes of the text-mode figures (`npm run eval`, set `text-mode`) and of the text
 * model's training (`npm run train`) from the corpus's HTML pages.
 *
 * Deliberately independent of the core, so the test is not circular: parse5 (the WHATWG parsing
 * algorithm, the tree a browser builds, where the core runs htmlparser2 and its own walk) and the
 * layout below, which follows the HTML standard's "rendered text collection steps" of innerText
 * with the default stylesheet's display values, not the core's block rules:
 *  - scripts do not run (neither the core nor a text-mode scraper runs them), so <noscript> content
 *    is rendered as a browser with scripting off shows it: forum software and JavaScript apps put
 *    the page's content there for such readers;
 *  - elements that are not rendered give nothing: head, script, style, template, closed dialogs, the content of closed <details> but its summary, form
 *    controls without text, embedded content (iframe, object, svg, canvas, video, audio, img),
 *    `hidden` attributes and inline styles with display:none or visibility:hidden. Stylesheets
 *    are not applied (a scraper without a browser sees what class-hidden elements hold too);
 *  - white space collapses as CSS's `white-space: normal` does, across inline elements, and is
 *    kept in pre, textarea, listing, xmp and plaintext;
 *  - <br> ends a line, a table cell but the last of its row ends with a tab, a row ends a line;
 *  - block-level elements (the stylesheet's display: block, list-item, table, table-caption)
 *    start and end a line; inline elements join.
 *
 * Two variants of the same layout: `blank` puts a blank line where the default stylesheet gives
 * a block vertical margins (p, as innerText does, and h1–h6, blockquote, figure, lists, dl, pre,
 * hr, as text-mode browsers render margins), `plain` never leaves a blank line.
 */
import { parse } from 'parse5';
import type { DefaultTreeAdapterMap } from 'parse5';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

export type InnerTextVariant = 'blank' | 'plain';
export const INNER_TEXT_VARIANTS: readonly InnerTextVariant[] = ['blank', 'plain'];

/** Elements never rendered, or rendered without text of their own (replaced and embedded content). */
const NOT_RENDERED = new Set([
  'head', 'title', 'script', 'style', 'template', 'link', 'meta', 'base', 'area', 'map', 'datalist', 'param', 'source', 'track',
  'rp', 'iframe', 'object', 'embed', 'svg', 'math', 'canvas', 'video', 'audio', 'img', 'picture', 'input', 'frame', 'frameset', 'noembed', 'noframes',
]);

/** display: block (and list-item, table, table-caption) in the HTML standard's default stylesheet. */
const BLOCK = new Set([
  'html', 'body', 'address', 'blockquote', 'center', 'dialog', 'div', 'figure', 'figcaption', 'footer', 'form', 'header', 'hr', 'legend', 'listing',
  'main', 'p', 'plaintext', 'pre', 'search', 'xmp', 'details', 'summary', 'dl', 'dd', 'dt', 'ol', 'ul', 'menu', 'dir', 'li', 'h1', 'h2', 'h3', 'h4',
  'h5', 'h6', 'hgroup', 'article', 'aside', 'nav', 'section', 'fieldset', 'table', 'caption', 'optgroup', 'option', 'select', 'textarea',
]);

/** Blocks with vertical margins in the default stylesheet: a blank line around them in the `blank` variant. */
const MARGINS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'figure', 'ul', 'ol', 'dl', 'menu', 'dir', 'pre', 'listing', 'xmp', 'plaintext', 'hr']);

/** Elements whose white space is kept (white-space: pre / pre-wrap). */
const PREFORMATTED = new Set(['pre', 'listing', 'xmp', 'plaintext', 'textarea']);

const HIDING_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*(?:hidden|collapse))\s*(?:!important\s*)?(?:;|$)/i;

function attribute(element: Element, name: string): string | null {
  for (const attr of element.attrs) if (attr.name === name) return attr.value;
  return null;
}

function isRendered(element: Element): boolean {
  const tag = element.tagName;
  if (NOT_RENDERED.has(tag)) return false;
  if (tag === 'input' || (tag === 'dialog' && attribute(element, 'open') === null)) return false;
  const hidden = attribute(element, 'hidden');
  if (hidden !== null && hidden.toLowerCase() !== 'until-found') return false;
  const style = attribute(element, 'style');
  if (style !== null && HIDING_STYLE.test(style)) return false;
  return true;
}

/** What the layout emits: text (already collapsed) and required line breaks (1 or 2). */
type Item = string | number;

/** The rendered text items of a document (innerText's list before the breaks are resolved). */
function collect(document: Node): Item[] {
  const items: Item[] = [];
  // The last text emitted ended with a collapsible space, or a line is just starting (no space then).
  let atLineStart = true;
  let pendingSpace = false;
  const text = (value: string, pre: boolean): void => {
    if (pre) {
      const lines = value.replace(/\r\n?/g, '\n').split('\n');
      lines.forEach((line, k) => {
        if (k > 0) {
          items.push(1);
          atLineStart = true;
          pendingSpace = false;
        }
        if (line) {
          if (pendingSpace && !atLineStart) items.push(' ');
          items.push(line);
          atLineStart = false;
          pendingSpace = false;
        }
      });
      return;
    }
    const collapsed = value.replace(/[ \t\n\f\r]+/g, ' ');
    if (collapsed === ' ' || collapsed === '') {
      if (collapsed === ' ') pendingSpace = true;
      return;
    }
    const leading = collapsed.startsWith(' ');
    const trailing = collapsed.endsWith(' ');
    const core = collapsed.slice(leading ? 1 : 0, trailing ? -1 : undefined);
    if ((leading || pendingSpace) && !atLineStart) items.push(' ');
    items.push(core);
    atLineStart = false;
    pendingSpace = trailing;
  };
  const lineBreak = (count: number): void => {
    items.push(count);
    atLineStart = true;
    pendingSpace = false;
  };

  // An explicit stack (enter and exit events): deep trees must not overflow the call stack.
  interface Frame {
    readonly node: Node;
    readonly parent: Element | null;
    readonly pre: boolean;
    exit: boolean;
  }
  const stack: Frame[] = [{ node: document, parent: null, pre: false, exit: false }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    const node = frame.node;
    if (node.nodeName === '#text') {
      text((node as DefaultTreeAdapterMap['textNode']).value, frame.pre);
      continue;
    }
    if (!('childNodes' in node)) continue; // comments, doctype
    const element = 'tagName' in node ? (node) : null;
    const tag = element?.tagName ?? '';
    if (frame.exit) {
      if (tag === 'td' || tag === 'th') {
        if (element && nextSiblingCell(element, frame.parent)) items.push('\t');
      } else if (tag === 'tr') lineBreak(1);
      if (BLOCK.has(tag)) lineBreak(MARGINS.has(tag) ? 2 : 1);
      continue;
    }
    if (element && !isRendered(element)) continue;
    if (tag === 'br') {
      lineBreak(1);
      continue;
    }
    if (BLOCK.has(tag)) lineBreak(MARGINS.has(tag) ? 2 : 1);
    const pre = frame.pre || PREFORMATTED.has(tag);
    stack.push({ node, parent: frame.parent, pre: frame.pre, exit: true });
    // A closed <details> shows its first <summary> only.
    const children = tag === 'details' && attribute(element!, 'open') === null ? element!.childNodes.filter((c) => c === firstSummary(element!)) : (node as Element).childNodes;
    for (let k = children.length - 1; k >= 0; k--) stack.push({ node: children[k]!, parent: element ?? frame.parent, pre, exit: false });
  }
  return items;
}

function firstSummary(details: Element): Node | undefined {
  return details.childNodes.find((c) => 'tagName' in c && c.tagName === 'summary');
}

/** Whether a cell has a cell after it in its row. */
function nextSiblingCell(cell: Element, row: Element | null): boolean {
  if (!row) return false;
  const siblings = row.childNodes;
  for (let k = siblings.indexOf(cell) + 1; k < siblings.length; k++) {
    const s = siblings[k]!;
    if ('tagName' in s && (s.tagName === 'td' || s.tagName === 'th')) return true;
  }
  return false;
}

/** Lines with the breaks required before each (innerText drops empty strings, then a run of breaks counts as its largest). */
function lines(items: readonly Item[]): Array<{ text: string; breaks: number }> {
  const out: Array<{ text: string; breaks: number }> = [];
  let line = '';
  let breaks = 0;
  const close = (): void => {
    const text = line.replace(/^[ \t]+|[ \t]+$/g, '');
    line = '';
    if (!text) return;
    out.push({ text, breaks });
    breaks = 0;
  };
  for (const item of items) {
    if (typeof item === 'string') line += item;
    else {
      close();
      breaks = Math.max(breaks, item);
    }
  }
  close();
  return out;
}

/** Lines joined by their breaks, at most `maxBreak` newlines in a row (none before the first line). */
function render(items: ReadonlyArray<{ text: string; breaks: number }>, maxBreak: number): string {
  return items.map((line, k) => (k === 0 ? '' : '\n'.repeat(Math.min(Math.max(line.breaks, 1), maxBreak))) + line.text).join('') + '\n';
}

/** The innerText-like text of an HTML page in each variant. */
export function innerTextOf(html: string): Record<InnerTextVariant, string> {
  const laidOut = lines(collect(parse(html, { scriptingEnabled: false })));
  return { blank: render(laidOut, 2), plain: render(laidOut, 1) };
}
