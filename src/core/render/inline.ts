/**
 * One text with its spans as CommonMark inline content. Text is escaped so that whatever it
 * holds stays text, under CommonMark and GFM's tables and strikethrough: the characters that can
 * open markup anywhere are backslash-escaped, and the ones that do so only at the start of a
 * line are escaped there. (A bare URL stays as written: GFM's autolink literals, which this
 * output does not use, would make it a link with the same text; no escape prevents that in every
 * parser.) Spans become `*emphasis*`, `**strong**`,
 * `` `code` ``, `[links](target)`, hard line breaks and GFM's `~~strikethrough~~`; an emphasis or
 * strikethrough that could not be read back as written (its delimiters inside a word, or touching
 * another's) is left out, its text kept.
 */
import type { InlineSpan } from '../structure.js';

export interface InlineContext {
  /** Inside a GFM table cell: `|` is escaped even in code spans, and a line break is `<br>` (a cell is one line). */
  readonly cell?: boolean;
  /** In a heading: no line breaks (an ATX heading is one line), and every `#` is escaped. */
  readonly heading?: boolean;
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const WHITESPACE = /\s/;
/** ASCII and Unicode punctuation, as CommonMark's flanking rules define it (P and S categories). */
const PUNCTUATION = /[\p{P}\p{S}]/u;
const ENTITY_LIKE = /^&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});/;
const ORDERED_MARKER = /^[0-9]{1,9}[.)](?=\s|$)/;

/** Characters that open markup wherever they are. */
const ALWAYS = new Set(['\\', '`', '*', '[', ']', '<', '|', '~']);

const charAt = (text: string, i: number): string => (i >= 0 && i < text.length ? String.fromCodePoint(text.codePointAt(i)!) : '');
/** The code point before index i (a surrogate pair read whole). */
function charBefore(text: string, i: number): string {
  if (i <= 0) return '';
  const low = text.charCodeAt(i - 1);
  if (i >= 2 && low >= 0xdc00 && low <= 0xdfff) {
    const high = text.charCodeAt(i - 2);
    if (high >= 0xd800 && high <= 0xdbff) return text.slice(i - 2, i);
  }
  return text[i - 1]!;
}

/**
 * Escapes text[from, to) of `text` (the whole text is the context the rules look at); `lineStart`
 * says whether `from` begins a line, `beforeLink` whether a link's `[` is written right after it.
 */
export function escapeText(text: string, from: number, to: number, lineStart: boolean, context: InlineContext = {}, beforeLink = false): string {
  let out = '';
  for (let i = from; i < to; i++) {
    const c = text[i]!;
    let escape = ALWAYS.has(c);
    if (!escape) {
      switch (c) {
        case '_':
          // Inside a word an underscore opens nothing (snake_case stays readable).
          escape = !(LETTER_OR_DIGIT.test(charBefore(text, i)) && LETTER_OR_DIGIT.test(charAt(text, i + 1)));
          break;
        case '&':
          escape = ENTITY_LIKE.test(text.slice(i, i + 40));
          break;
        case '!':
          // Right before a link's markup: `![` would open an image ("Wow!" before a break or emphasis stays as written).
          escape = i === to - 1 && beforeLink;
          break;
        case '#':
          escape = context.heading === true || (i === from && lineStart);
          break;
        case '>':
        case '-':
        case '+':
        case '=':
          escape = i === from && lineStart;
          break;
        default:
          break;
      }
    }
    // "1986. A year…" at the start of a line would be an ordered list item.
    if (!escape && i === from && lineStart && ORDERED_MARKER.test(text.slice(i, i + 10))) {
      const marker = ORDERED_MARKER.exec(text.slice(i, i + 10))![0];
      out += marker.slice(0, -1) + '\\' + marker.slice(-1);
      i += marker.length - 1;
      continue;
    }
    out += escape ? '\\' + c : c;
  }
  return out;
}

/** A code span's delimiters: one backtick more than the longest run inside, and spaces where the content needs them. */
export function codeSpan(content: string, cell = false): string {
  let longest = 0;
  for (const run of content.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const fence = '`'.repeat(longest + 1);
  const pad = content.startsWith('`') || content.endsWith('`') || (content.startsWith(' ') && content.endsWith(' ') && content.trim() !== '') ? ' ' : '';
  // In a GFM table a pipe ends the cell even inside code, unless escaped (the escape is removed there).
  const body = cell ? content.replace(/\|/g, '\\|') : content;
  return fence + pad + body + pad + fence;
}

/**
 * A link destination: spaces and angle brackets percent-encoded, parentheses and backslashes
 * escaped; in a GFM table cell pipes too (a pipe ends the cell even inside a destination; the
 * escape is a destination's own, so the target stays as it is).
 */
export function linkDestination(href: string, cell = false): string {
  if (href === '') return '<>';
  const escaped = href.replace(/[\s<>]/g, (c) => encodeURIComponent(c)).replace(/[()\\]/g, '\\$&');
  return cell ? escaped.replace(/\|/g, '\\|') : escaped;
}

type CharClass = 'space' | 'punctuation' | 'other';
function classOf(c: string): CharClass {
  if (c === '' || WHITESPACE.test(c)) return 'space';
  return PUNCTUATION.test(c) ? 'punctuation' : 'other';
}

/**
 * Whether `*`/`**` around text[start, end) read back as this emphasis: each delimiter run flanks
 * the text on its side (CommonMark's left- and right-flanking rules), and sits where a word
 * begins or ends (no delimiter inside a word, where `*` runs can both open and close and the
 * "multiple of 3" rule would pair them otherwise).
 */
function emphasisFits(text: string, start: number, end: number): boolean {
  const before = classOf(charBefore(text, start));
  const first = classOf(charAt(text, start));
  const last = classOf(charBefore(text, end));
  const after = classOf(charAt(text, end));
  if (before === 'other' || after === 'other') return false;
  // Beside space or punctuation outside, a delimiter flanks whatever starts or ends the text inside but space.
  return first !== 'space' && last !== 'space';
}

interface Node {
  span: InlineSpan;
  readonly children: Node[];
}

/** The spans as a tree of properly nested, renderable spans; the others are left out. */
function spanTree(text: string, spans: readonly InlineSpan[], context: InlineContext): Node[] {
  const roots: Node[] = [];
  const stack: Node[] = [];
  const emphasisEnds = new Set<number>();
  const strikethroughEnds = new Set<number>();
  for (const span of spans) {
    if (span.start < 0 || span.end > text.length || span.start > span.end) continue;
    while (stack.length > 0 && stack[stack.length - 1]!.span.end <= span.start) stack.pop();
    const parent = stack[stack.length - 1];
    // Nesting as the page had it; a span that crosses its parent's end has no place.
    if (parent && span.end > parent.span.end) continue;
    if (parent?.span.type === 'code') continue;
    if (span.type === 'break') {
      if (context.heading) continue;
      (parent ? parent.children : roots).push({ span, children: [] });
      continue;
    }
    if (span.type === 'link' && stack.some((node) => node.span.type === 'link')) continue;
    // Code right after code would run their backticks together: one code span holds both.
    const siblings = parent ? parent.children : roots;
    const last = siblings[siblings.length - 1];
    if (span.type === 'code' && last?.span.type === 'code' && last.span.end === span.start) {
      last.span = { ...last.span, end: span.end };
      stack.push(last);
      continue;
    }
    if (span.type === 'emphasis' || span.type === 'strong') {
      if (!emphasisFits(text, span.start, span.end)) continue;
      // Two emphases touching end to start would make one run of asterisks.
      if (emphasisEnds.has(span.start)) continue;
      // Emphasis inside emphasis (strong inside strong) says nothing more, and its delimiters would merge with the outer ones.
      if (stack.some((node) => node.span.type === span.type)) continue;
    }
    if (span.type === 'strikethrough') {
      // GFM's tildes flank as CommonMark's asterisks do; two strikethroughs touching would make one run of tildes.
      if (!emphasisFits(text, span.start, span.end) || strikethroughEnds.has(span.start)) continue;
      if (stack.some((node) => node.span.type === 'strikethrough')) continue;
    }
    const node: Node = { span, children: [] };
    (parent ? parent.children : roots).push(node);
    stack.push(node);
    if (span.type === 'emphasis' || span.type === 'strong') emphasisEnds.add(span.end);
    if (span.type === 'strikethrough') strikethroughEnds.add(span.end);
  }
  return roots;
}

/**
 * `text` with its spans as CommonMark inline content; `lineStart`: the text begins a line (the
 * start of a paragraph, a list item's content), where block markup could begin.
 */
export function renderInline(text: string, spans: readonly InlineSpan[] | undefined, context: InlineContext = {}, lineStart = true): string {
  const roots = spans && spans.length > 0 ? spanTree(text, spans, context) : [];
  let atLineStart = lineStart;
  // `nested`: inside a link, emphasis or strikethrough, where a blank line would end the paragraph before the span does.
  const render = (nodes: readonly Node[], from: number, to: number, nested: boolean): string => {
    let out = '';
    let at = from;
    const plain = (until: number, beforeLink = false): void => {
      if (until > at) {
        out += escapeText(text, at, until, atLineStart, context, beforeLink);
        atLineStart = false;
      }
      at = until;
    };
    for (const node of nodes) {
      const { span } = node;
      plain(span.start, span.type === 'link');
      switch (span.type) {
        case 'break':
          // A GFM table cell is one line: a break in it is the <br> GitHub's cells take (and a paragraph break two).
          if (context.cell) {
            out += span.paragraph ? '<br><br>' : '<br>';
            at = text[span.start] === ' ' ? span.start + 1 : span.start;
            continue;
          }
          // A hard line break where the text has its space; the next line starts afresh. A paragraph break (<br><br>)
          // is a blank line, outside other spans.
          out += span.paragraph && !nested ? '\n\n' : '\\\n';
          at = text[span.start] === ' ' ? span.start + 1 : span.start;
          atLineStart = true;
          continue;
        case 'code':
          out += codeSpan(text.slice(span.start, span.end), context.cell);
          atLineStart = false;
          break;
        case 'link': {
          atLineStart = false;
          const inner = render(node.children, span.start, span.end, true);
          out += `[${inner}](${linkDestination(span.href ?? '', context.cell)})`;
          break;
        }
        case 'emphasis':
          atLineStart = false;
          out += `*${render(node.children, span.start, span.end, true)}*`;
          break;
        case 'strong':
          atLineStart = false;
          out += `**${render(node.children, span.start, span.end, true)}**`;
          break;
        case 'strikethrough':
          atLineStart = false;
          out += `~~${render(node.children, span.start, span.end, true)}~~`;
          break;
      }
      at = span.end;
    }
    plain(to);
    return out;
  };
  return render(roots, 0, text.length, false);
}
