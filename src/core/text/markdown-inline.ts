/**
 * The inline syntax of a Markdown scrape's line read as CommonMark reads it (with GFM's `~~strikethrough~~`):
 * emphasis and strong emphasis (`*`, `_`), code spans, links (inline `[text](url "title")`, reference `[text][ref]`
 * and `[ref]`, autolinks `<https://…>`), images (`![alt](src)`, alone or inside a link), backslash escapes and entity
 * references. The result is the text without its syntax, as raw text with marks over it (the walk's form for an
 * HTML block's inline elements, ../html/inline.ts, which places them over the normalized text), and the images.
 *
 * Linear in the line: brackets, parentheses and the next whitespace or quote are found by tables made in one pass
 * (a failed link read from every "[" of a long line was quadratic), emphasis is matched against the nearest opener
 * of its character only (CommonMark looks further down past openers its "rule of 3" refuses: a rare case, read here
 * as literal characters), and a link's text is read once, one level deep (links do not nest; an image in a link is
 * the one nesting Markdown scrapes write).
 */
import { decodeHTMLStrict } from 'entities';
import { MARK_BREAK, MARK_CLOSE, MARK_OPEN, type Mark, type OpenSpan } from '../html/inline.js';

/** An image of the line: its address and its alt text (syntax removed), and whether it is inside a link. */
export interface InlineImage {
  readonly src: string;
  readonly alt: string;
  readonly linked: boolean;
}

/** A line's inline content without its syntax. */
export interface InlineText {
  /** The text as written, syntax removed (normalizeText gives the block's text). */
  readonly raw: string;
  /** Where the spans open and close over `raw`. */
  readonly marks: Mark[];
  readonly images: InlineImage[];
  /** Characters of `raw` inside links. */
  readonly linkChars: number;
}

/** Link reference definitions of the scrape ("[label]: url"), by label (case-folded, white space collapsed). */
export type LinkReferences = ReadonlyMap<string, string>;

/** A label as references are keyed: case-folded, white space collapsed. */
export function referenceKey(label: string): string {
  return label.trim().replace(/\s+/g, ' ').toLowerCase();
}

const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;
const ENTITY = /&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/y;
const AUTOLINK = /<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*)>/y;
const EMAIL_AUTOLINK = /<([A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*)>/y;
const UNICODE_WHITESPACE = /\s/u;
const UNICODE_PUNCTUATION = /[\p{P}\p{S}]/u;
/** The elements whose tag starts an HTML block (CommonMark's kind 6). */
export const HTML_BLOCK_TAGS =
  'address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul';
/** An HTML tag of an element HTML names (a generic type's "<T>" or "List<String>" is text), or a comment; its attributes. */
const HTML_TAG = new RegExp(
  `<(?:(/?)(${HTML_BLOCK_TAGS}|a|abbr|audio|b|bdi|bdo|big|br|cite|code|data|del|dfn|em|font|i|img|ins|kbd|mark|picture|q|s|samp|small|source|span|strike|strong|sub|sup|svg|time|tt|u|var|video|wbr)((?:\\s+[A-Za-z_:][\\w.:-]*(?:\\s*=\\s*(?:[^\\s"'=<>\`]+|'[^']*'|"[^"]*"))?)*)\\s*/?>|!--)`,
  'iy',
);
const HTML_ATTRIBUTE = /([A-Za-z_:][\w.:-]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
/** The spans of inline HTML elements. */
const HTML_SPANS: Record<string, OpenSpan['type']> = { b: 'strong', strong: 'strong', em: 'emphasis', i: 'emphasis', code: 'code', kbd: 'code', samp: 'code', tt: 'code', s: 'strikethrough', del: 'strikethrough', strike: 'strikethrough' };

/** Whether a line is one HTML tag alone (or with white space after it): CommonMark's kind 7 of HTML block. */
export function isHtmlTagAlone(line: string): boolean {
  HTML_TAG.lastIndex = 0;
  const tag = HTML_TAG.exec(line);
  return tag !== null && tag[2] !== undefined && line.slice(tag[0].length).trim() === '';
}

/** An HTML tag's attributes by name (lower-cased), their entities decoded. */
function htmlAttributes(source: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const found of source.matchAll(HTML_ATTRIBUTE)) attributes.set(found[1]!.toLowerCase(), decodeHTMLStrict(found[2] ?? found[3] ?? found[4] ?? ''));
  return attributes;
}

/** Characters that may start syntax: text runs up to the next of them are copied as they are. */
const SPECIAL = /[\\`![\]<*_~&\n]/g;

/** A run of `*`, `_` or `~~` that may open or close emphasis. */
interface Delimiter {
  readonly char: string;
  /** Characters of the run not used by a match (written as text). */
  remaining: number;
  readonly length: number;
  canOpen: boolean;
  canClose: boolean;
  /** Spans this run opens (outermost last) and closes (innermost first). */
  readonly opens: OpenSpan[];
  readonly closes: OpenSpan[];
  /** Place in the item list. */
  readonly at: number;
}

type Item = string | Delimiter | { readonly mark: typeof MARK_OPEN | typeof MARK_CLOSE; readonly span: OpenSpan } | { readonly mark: typeof MARK_BREAK; readonly span: null };

/** The tables of a line that make each link read O(1): matching brackets and parentheses, next whitespace and characters. */
class LineTables {
  private readonly nextOf = new Map<string, Int32Array>();
  private backtickRuns: Map<number, number[]> | undefined;
  private closes: { readonly bracket: Int32Array; readonly paren: Int32Array } | undefined;
  constructor(readonly source: string) {}

  /** The matching "]" of each "[" and ")" of each "(" (-1 when none), backslash escapes skipped: made on first use. */
  private closing(): { readonly bracket: Int32Array; readonly paren: Int32Array } {
    if (this.closes !== undefined) return this.closes;
    const source = this.source;
    const n = source.length;
    const bracket = new Int32Array(n).fill(-1);
    const paren = new Int32Array(n).fill(-1);
    const brackets: number[] = [];
    const parens: number[] = [];
    for (let i = 0; i < n; i++) {
      const c = source[i];
      if (c === '\\') i++;
      else if (c === '[') brackets.push(i);
      else if (c === ']') {
        const open = brackets.pop();
        if (open !== undefined) bracket[open] = i;
      } else if (c === '(') parens.push(i);
      else if (c === ')') {
        const open = parens.pop();
        if (open !== undefined) paren[open] = i;
      }
    }
    return (this.closes = { bracket, paren });
  }

  bracketClose(open: number): number {
    return this.closing().bracket[open]!;
  }

  parenClose(open: number): number {
    return this.closing().paren[open]!;
  }

  /** The first index ≥ `from` whose character `test` accepts (the source's length when none), from a table made once. */
  private next(key: string, test: (c: string) => boolean, from: number): number {
    let table = this.nextOf.get(key);
    if (table === undefined) {
      const n = this.source.length;
      table = new Int32Array(n + 1);
      table[n] = n;
      for (let i = n - 1; i >= 0; i--) table[i] = test(this.source[i]!) ? i : table[i + 1]!;
      this.nextOf.set(key, table);
    }
    return from >= this.source.length ? this.source.length : table[from]!;
  }

  /** Where the first run of exactly `length` backticks at or after `from` starts, or -1 (a binary search in the runs of that length). */
  backtickRunAfter(from: number, length: number): number {
    if (this.backtickRuns === undefined) {
      this.backtickRuns = new Map();
      const s = this.source;
      for (let i = s.indexOf('`'); i !== -1; i = s.indexOf('`', i)) {
        let run = i;
        while (s[run] === '`') run++;
        const runs = this.backtickRuns.get(run - i) ?? [];
        runs.push(i);
        this.backtickRuns.set(run - i, runs);
        i = run;
      }
    }
    const runs = this.backtickRuns.get(length);
    if (runs === undefined) return -1;
    let low = 0;
    let high = runs.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (runs[middle]! < from) low = middle + 1;
      else high = middle;
    }
    return low < runs.length ? runs[low]! : -1;
  }

  private comment = -2;
  /** Where the first "-->" at or after `from` starts, or -1 (searched again only past the last one found). */
  commentEnd(from: number): number {
    if (this.comment === -2 || (this.comment !== -1 && this.comment < from)) this.comment = this.source.indexOf('-->', from);
    return this.comment;
  }

  nextWhitespace(from: number): number {
    return this.next('ws', (c) => c === ' ' || c === '\t' || c === '\n', from);
  }

  nextNonSpace(from: number): number {
    return this.next('non-space', (c) => c !== ' ' && c !== '\t' && c !== '\n', from);
  }

  nextChar(char: string, from: number): number {
    return this.next(char, (c) => c === char, from);
  }
}

/** Backslash escapes and entity references of a link destination or title resolved. */
function unescapeValue(value: string): string {
  return value.replace(/\\([!-/:-@[-`{-~])/g, '$1').replace(/&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/g, (entity) => decodeHTMLStrict(entity));
}

/** An inline link's destination after its "](": the address and the index after its ")", or null when it is none. */
function readDestination(t: LineTables, open: number): { href: string; end: number } | null {
  const s = t.source;
  let j = t.nextNonSpace(open + 1);
  let href: string;
  if (s[j] === ')') return { href: '', end: j + 1 };
  if (s[j] === '<') {
    const close = t.nextChar('>', j + 1);
    if (close >= s.length || s.slice(j + 1, close).includes('<')) return null;
    href = s.slice(j + 1, close);
    j = close + 1;
  } else {
    const space = t.nextWhitespace(j);
    const paren = t.parenClose(open);
    if (paren !== -1 && paren < space) return { href: unescapeValue(s.slice(j, paren)), end: paren + 1 };
    href = s.slice(j, space);
    j = space;
  }
  j = t.nextNonSpace(j);
  if (s[j] === '"' || s[j] === "'" || s[j] === '(') {
    const close = t.nextChar(s[j] === '(' ? ')' : s[j]!, j + 1);
    if (close >= s.length) return null;
    j = t.nextNonSpace(close + 1);
  }
  if (s[j] !== ')') return null;
  return { href: unescapeValue(href), end: j + 1 };
}

/** Whether a character (or the line's edge, undefined) is white space or punctuation, for the flanking rules. */
const isSpace = (c: string | undefined): boolean => c === undefined || UNICODE_WHITESPACE.test(c);
const isPunctuation = (c: string | undefined): boolean => c !== undefined && UNICODE_PUNCTUATION.test(c);

/** Reads `source.slice(start, end)`; `depth` 1 is a link's text (no links inside), 2 an image's alt (text alone). */
function readInline(t: LineTables, start: number, end: number, depth: number, references: LinkReferences, out: { items: Item[]; images: InlineImage[] }, linked: boolean): void {
  const s = t.source;
  const { items } = out;
  const delimiters: Delimiter[] = [];
  let text = '';
  const flush = (): void => {
    if (text) items.push(text);
    text = '';
  };
  // Inline HTML elements opened and not yet closed, by name: where their opening mark goes, and its span.
  const openTags = new Map<string, Array<{ at: number; span: OpenSpan }>>();
  let i = start;
  while (i < end) {
    SPECIAL.lastIndex = i;
    const found = SPECIAL.exec(s);
    const at = found === null || found.index >= end ? end : found.index;
    if (at > i) text += s.slice(i, at);
    i = at;
    if (i >= end) break;
    const c = s[i]!;
    if (c === '\\') {
      const next = s[i + 1];
      if (next !== undefined && i + 1 < end && ASCII_PUNCTUATION.test(next)) {
        text += next;
        i += 2;
      } else {
        // A backslash at the end of a line is a hard line break: no text.
        if (i + 1 < end) text += c;
        i++;
      }
      continue;
    }
    if (c === '`') {
      let run = i;
      while (run < end && s[run] === '`') run++;
      const length = run - i;
      // The closing run: the next run of exactly as many backticks.
      const found = t.backtickRunAfter(run, length);
      if (found === -1 || found + length > end) {
        text += s.slice(i, run);
        i = run;
        continue;
      }
      let code = s.slice(run, found);
      if (code.length > 2 && code.startsWith(' ') && code.endsWith(' ') && code.trim() !== '') code = code.slice(1, -1);
      flush();
      if (depth >= 2 || code === '') items.push(code);
      else {
        const span: OpenSpan = { type: 'code' };
        items.push({ mark: MARK_OPEN, span }, code, { mark: MARK_CLOSE, span });
      }
      i = found + length;
      continue;
    }
    if (c === '[' && s[i + 1] === '^') {
      // A footnote's reference: its number in brackets, as the footnote's item of the list shows it.
      const close = t.bracketClose(i);
      const number = close !== -1 && close < end && s[close + 1] !== ':' ? references.get(referenceKey(s.slice(i + 1, close))) : undefined;
      if (number !== undefined) {
        text += `[${number}]`;
        i = close + 1;
        continue;
      }
    }
    if (c === '[' || (c === '!' && s[i + 1] === '[' && i + 1 < end)) {
      const image = c === '!';
      const open = image ? i + 1 : i;
      const close = t.bracketClose(open);
      const link = close !== -1 && close < end && (image ? depth < 2 : depth < 1) ? linkAfter(t, open, close, end, references) : null;
      if (link === null) {
        text += c;
        i++;
        continue;
      }
      flush();
      if (image) {
        const alt: { items: Item[]; images: InlineImage[] } = { items: [], images: [] };
        readInline(t, open + 1, close, 2, references, alt, false);
        out.images.push({ src: link.href, alt: serialize(alt.items).raw, linked });
      } else {
        const inner: { items: Item[]; images: InlineImage[] } = { items: [], images: out.images };
        readInline(t, open + 1, close, 1, references, inner, true);
        const span: OpenSpan = { type: 'link', href: link.href };
        items.push({ mark: MARK_OPEN, span }, ...inner.items, { mark: MARK_CLOSE, span });
      }
      i = link.end;
      continue;
    }
    if (c === '<') {
      AUTOLINK.lastIndex = i;
      EMAIL_AUTOLINK.lastIndex = i;
      const url = AUTOLINK.exec(s);
      const auto = url ?? EMAIL_AUTOLINK.exec(s);
      if (auto !== null && auto.index + auto[0].length <= end && depth < 1) {
        flush();
        const address = auto[1]!;
        const span: OpenSpan = { type: 'link', href: url !== null ? address : `mailto:${address}` };
        items.push({ mark: MARK_OPEN, span }, address, { mark: MARK_CLOSE, span });
        i += auto[0].length;
        continue;
      }
      HTML_TAG.lastIndex = i;
      const tag = HTML_TAG.exec(s);
      if (tag !== null && i + tag[0].length <= end) {
        // Inline HTML: a comment or a tag, no text; a <br> a break, an <img> an image, <a href>, <b>, <em>, <code>, <del>… spans.
        flush();
        const name = tag[2]?.toLowerCase();
        const closing = tag[1] === '/';
        i += tag[0].length;
        if (name === undefined) {
          // A comment to its "-->" (one never closed is text).
          const close = t.commentEnd(i);
          if (close === -1 || close + 3 > end) {
            i -= tag[0].length - 1;
            text += c;
          } else i = close + 3;
        } else if (name === 'br') items.push({ mark: MARK_BREAK, span: null }, ' ');
        else if (name === 'img' && depth < 2) {
          const attributes = htmlAttributes(tag[3]!);
          out.images.push({ src: attributes.get('src') ?? '', alt: attributes.get('alt') ?? '', linked: linked || (openTags.get('a')?.length ?? 0) > 0 });
        } else if (closing) {
          const open = openTags.get(name)?.pop();
          if (open !== undefined) {
            items[open.at] = { mark: MARK_OPEN, span: open.span };
            items.push({ mark: MARK_CLOSE, span: open.span });
          }
        } else {
          const href = name === 'a' && depth < 1 ? htmlAttributes(tag[3]!).get('href') : undefined;
          const type = href !== undefined ? 'link' : depth < 2 ? HTML_SPANS[name] : undefined;
          if (type !== undefined) {
            const list = openTags.get(name) ?? [];
            openTags.set(name, list);
            list.push({ at: items.length, span: href !== undefined ? { type, href } : { type } });
            items.push('');
          }
        }
        continue;
      }
      text += c;
      i++;
      continue;
    }
    if (c === '&') {
      ENTITY.lastIndex = i;
      const entity = ENTITY.exec(s);
      if (entity !== null && i + entity[0].length <= end) {
        text += decodeHTMLStrict(entity[0]);
        i += entity[0].length;
      } else {
        text += c;
        i++;
      }
      continue;
    }
    if (c === '*' || c === '_' || c === '~') {
      let run = i;
      while (run < end && s[run] === c) run++;
      const length = run - i;
      if (c === '~' && length !== 2) {
        text += s.slice(i, run);
        i = run;
        continue;
      }
      const before = i > start ? s[i - 1] : undefined;
      const after = run < end ? s[run] : undefined;
      const leftFlanking = !isSpace(after) && (!isPunctuation(after) || isSpace(before) || isPunctuation(before));
      const rightFlanking = !isSpace(before) && (!isPunctuation(before) || isSpace(after) || isPunctuation(after));
      const canOpen = c === '_' ? leftFlanking && (!rightFlanking || isPunctuation(before)) : leftFlanking;
      const canClose = c === '_' ? rightFlanking && (!leftFlanking || isPunctuation(after)) : rightFlanking;
      flush();
      if (canOpen || canClose) {
        const delimiter: Delimiter = { char: c, remaining: length, length, canOpen, canClose, opens: [], closes: [], at: items.length };
        items.push(delimiter);
        delimiters.push(delimiter);
      } else items.push(s.slice(i, run));
      i = run;
      continue;
    }
    if (c === '\n') {
      // The reader joins the lines of a hard line break with a newline: a break, where the text has a space.
      flush();
      items.push({ mark: MARK_BREAK, span: null }, ' ');
      i++;
      continue;
    }
    // "!" not before "[", or "]" outside a link: text.
    text += c;
    i++;
  }
  flush();
  matchEmphasis(delimiters);
}

/** The link after a label `[…]` ending at `close`: inline, full reference `[text][ref]`, or a label that is a reference. */
function linkAfter(t: LineTables, open: number, close: number, end: number, references: LinkReferences): { href: string; end: number } | null {
  const s = t.source;
  if (s[close + 1] === '(' && close + 1 < end) {
    const destination = readDestination(t, close + 1);
    if (destination !== null && destination.end <= end) return destination;
  }
  if (references.size === 0 || s[open + 1] === '^') return null;
  if (s[close + 1] === '[' && close + 1 < end) {
    const refClose = t.bracketClose(close + 1);
    if (refClose !== -1 && refClose < end) {
      const label = s.slice(close + 2, refClose);
      const href = references.get(referenceKey(label === '' ? s.slice(open + 1, close) : label));
      if (href !== undefined) return { href, end: refClose + 1 };
    }
  }
  const href = references.get(referenceKey(s.slice(open + 1, close)));
  return href === undefined ? null : { href, end: close + 1 };
}

/**
 * Emphasis, strong emphasis and strikethrough: each closing run matched with the nearest opening run of its character
 * before it (two characters of each for strong and strikethrough when both have them, else one); the runs between
 * the two can no longer match. A run left unmatched is text.
 */
function matchEmphasis(delimiters: readonly Delimiter[]): void {
  if (delimiters.length < 2) return;
  const openers = new Map<string, Delimiter[]>([['*', []], ['_', []], ['~', []]]);
  for (const closer of delimiters) {
    if (closer.canClose) {
      const stack = openers.get(closer.char)!;
      while (closer.remaining > 0 && stack.length > 0) {
        const opener = stack[stack.length - 1]!;
        // CommonMark's rule of 3: a run that can both open and close does not match one whose length makes the sum a multiple of 3.
        if ((opener.canClose || closer.canOpen) && (opener.length + closer.length) % 3 === 0 && !(opener.length % 3 === 0 && closer.length % 3 === 0)) break;
        const use = closer.char === '~' ? 2 : opener.remaining >= 2 && closer.remaining >= 2 ? 2 : 1;
        const span: OpenSpan = { type: closer.char === '~' ? 'strikethrough' : use === 2 ? 'strong' : 'emphasis' };
        opener.opens.push(span);
        closer.closes.push(span);
        opener.remaining -= use;
        closer.remaining -= use;
        if (opener.remaining === 0) stack.pop();
        // Runs of the other characters opened between the two are inside the match: they can no longer open.
        for (const [char, other] of openers) if (char !== closer.char) while (other.length > 0 && other[other.length - 1]!.at > opener.at) other.pop();
      }
    }
    if (closer.canOpen && closer.remaining > 0) openers.get(closer.char)!.push(closer);
  }
}

/** The items as raw text and marks. */
function serialize(items: readonly Item[]): { raw: string; marks: Mark[]; linkChars: number } {
  let raw = '';
  const marks: Mark[] = [];
  let links = 0;
  let linkStart = 0;
  for (const item of items) {
    if (typeof item === 'string') raw += item;
    else if ('mark' in item) {
      marks.push({ at: raw.length, kind: item.mark, span: item.span });
      if (item.span?.type === 'link') {
        if (item.mark === MARK_OPEN) linkStart = raw.length;
        else links += raw.length - linkStart;
      }
    } else {
      for (const span of item.closes) marks.push({ at: raw.length, kind: MARK_CLOSE, span });
      raw += item.char.repeat(item.remaining);
      for (let k = item.opens.length - 1; k >= 0; k--) marks.push({ at: raw.length, kind: MARK_OPEN, span: item.opens[k]! });
    }
  }
  return { raw, marks, linkChars: links };
}

/** A line's (or a table cell's) inline Markdown read. */
export function readInlineMarkdown(source: string, references: LinkReferences = new Map()): InlineText {
  // Most lines of a scrape have no syntax at all.
  SPECIAL.lastIndex = 0;
  if (!SPECIAL.test(source)) return { raw: source, marks: [], images: [], linkChars: 0 };
  const out: { items: Item[]; images: InlineImage[] } = { items: [], images: [] };
  readInline(new LineTables(source), 0, source.length, 0, references, out, false);
  const { raw, marks, linkChars } = serialize(out.items);
  return { raw, marks, images: out.images, linkChars };
}
