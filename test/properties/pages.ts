/**
 * Generated pages for the property tests: a model of a page (a tree of elements and text) that
 * is both serialized to HTML and read for its visible text, independently of any HTML parser.
 *
 * Normalized visible text, as these tests define it: read the model in document order; text
 * inside script, style, noscript, template, button and the head contributes nothing, nor do
 * comments; block elements (the ones below) start and end a line, inline elements (a, b, i, em,
 * strong, span) and <br> do not (a <br> is a space), but where an inline element closed and another opened
 * before a text, a word character ending the line so far and one starting the text are set apart by a space (sibling
 * elements the page's style sets apart), unless either is a script written without spaces or either text is a lone
 * letter (a drop cap); each line is then normalized as the HTML
 * standard and the core's contract say: NUL removed, zero-width characters and soft hyphens
 * removed, Unicode NFC, every run of whitespace one space, trimmed; empty lines are dropped.
 * The text of a line is what a reader sees as one paragraph, heading, item or cell.
 */
import fc from 'fast-check';
import { UNSPACED_SCRIPTS } from '../../src/core/cues/structure.js';

export type Node =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'comment'; readonly text: string }
  | { readonly kind: 'element'; readonly tag: string; readonly attributes: string; readonly children: readonly Node[] };

/** Containers of other blocks. */
const FLOW_BLOCKS = ['div', 'section', 'article', 'main', 'aside', 'nav', 'header', 'footer', 'blockquote', 'figure'] as const;
/** Blocks that hold only inline content (htmlparser2, like browsers, closes a <p> when a block opens in it). */
const TEXT_BLOCKS = ['p', 'h1', 'h2', 'h3', 'figcaption'] as const;
const INLINE = ['a', 'b', 'i', 'em', 'strong', 'span'] as const;
/** Elements whose content is never page text. */
const HIDDEN = ['script', 'style', 'noscript', 'template', 'button'] as const;
const BLOCK: ReadonlySet<string> = new Set<string>([...FLOW_BLOCKS, ...TEXT_BLOCKS, 'ul', 'li', 'body']);

/** Pieces of text: several scripts, entities to escape, whitespace of every kind, invisible characters, combining marks, emoji. */
const WORDS = [
  'harbour', 'ferry', 'Council', 'resumed', 'service', 'Monday', 'repairs', 'officials', 'said', 'Advertisement', 'Sponsored', 'Photo:', 'Reuters',
  '© 2024', 'All rights reserved', 'By Jane Doe', 'Read more', 'Share', 'cookies', 'privacy policy', 'Fähre', 'über', 'Zürich', 'café', 'naïve',
  'Паром', 'снова', '渡轮', '恢复', '운항', 'フェリー', 'العبارة', 'e\u0301', 'A\u030a', '😀', '👩‍👩‍👧', 'x'.repeat(60), '1234567890', '12:30', '2024-03-04',
  'Tom & Jerry', 'a < b', 'b > a', '"quoted"', "it's", '(c)', '…', '—', '€5',
];
const SPACES = [' ', ' ', ' ', '  ', '\n', '\t', '\r\n', '\u00a0', '\u2003', '\u3000', ' \n\n '];
const INVISIBLE = ['\u200b', '\u00ad', '\ufeff', '\u200d', '\u2060'];
const PUNCTUATION = ['.', ',', '!', '?', ':', ';', '. ', '! '];

export const textArbitrary: fc.Arbitrary<string> = fc
  .array(fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...WORDS) }, { weight: 6, arbitrary: fc.constantFrom(...SPACES) }, { weight: 1, arbitrary: fc.constantFrom(...INVISIBLE) }, { weight: 2, arbitrary: fc.constantFrom(...PUNCTUATION) }), { minLength: 1, maxLength: 24 })
  .map((parts) => parts.join(''));

const hiddenText = fc.constantFrom('var story = "The harbour ferry resumed service";', 'p { color: red } /* Advertisement */', '<p>not text</p>', 'alert("hi") && a < b');

const inlineNode: fc.Arbitrary<Node> = fc.letrec<{ node: Node }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 5, arbitrary: textArbitrary.map((text): Node => ({ kind: 'text', text })) },
    { weight: 1, arbitrary: fc.constant<Node>({ kind: 'element', tag: 'br', attributes: '', children: [] }) },
    { weight: 1, arbitrary: fc.constantFrom('ad', 'related', ' -- ').map((text): Node => ({ kind: 'comment', text })) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.constantFrom(...INLINE), fc.array(tie('node'), { maxLength: 3 }))
        .map(([tag, children]): Node => ({ kind: 'element', tag, attributes: tag === 'a' ? ' href="/story"' : '', children: tag === 'a' ? children.filter((c) => !(c.kind === 'element' && c.tag === 'a')) : children })),
    },
  ),
})).node;

const hiddenNode: fc.Arbitrary<Node> = fc.tuple(fc.constantFrom(...HIDDEN), hiddenText).map(([tag, text]): Node => ({ kind: 'element', tag, attributes: '', children: [{ kind: 'text', text }] }));

const CLASSES = ['', ' class="article-body"', ' class="ad-slot"', ' class="sidebar"', ' class="share-bar"', ' class="byline"', ' class="caption"', ' class="related-stories"', ' class="cookie-notice"', ' id="main"'];

const blockNode: fc.Arbitrary<Node> = fc.letrec<{ block: Node }>((tie) => ({
  block: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    {
      weight: 4,
      arbitrary: fc
        .tuple(fc.constantFrom(...TEXT_BLOCKS), fc.constantFrom(...CLASSES), fc.array(inlineNode, { minLength: 1, maxLength: 4 }))
        .map(([tag, attributes, children]): Node => ({ kind: 'element', tag, attributes, children })),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.constantFrom(...FLOW_BLOCKS), fc.constantFrom(...CLASSES), fc.array(fc.oneof({ weight: 3, arbitrary: tie('block') }, { weight: 1, arbitrary: inlineNode }, { weight: 1, arbitrary: hiddenNode }), { maxLength: 5 }))
        .map(([tag, attributes, children]): Node => ({ kind: 'element', tag, attributes, children })),
    },
    {
      weight: 1,
      arbitrary: fc
        .array(fc.array(inlineNode, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 5 })
        .map((items): Node => ({ kind: 'element', tag: 'ul', attributes: '', children: items.map((children) => ({ kind: 'element', tag: 'li', attributes: '', children })) })),
    },
  ),
})).block;

export interface GeneratedPage {
  readonly title: string;
  readonly body: readonly Node[];
}

export const pageArbitrary: fc.Arbitrary<GeneratedPage> = fc.record({
  title: textArbitrary,
  body: fc.array(fc.oneof({ weight: 5, arbitrary: blockNode }, { weight: 1, arbitrary: hiddenNode }), { minLength: 1, maxLength: 8 }),
});

const escapeText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function serializeNode(node: Node): string {
  if (node.kind === 'text') return escapeText(node.text);
  if (node.kind === 'comment') return `<!--${node.text}-->`;
  if (node.tag === 'br') return '<br>';
  // Raw-text elements (script, style) hold their text as it is; the others escape it.
  const raw = node.tag === 'script' || node.tag === 'style';
  const inner = node.children.map((child) => (raw && child.kind === 'text' ? child.text : serializeNode(child))).join('');
  return `<${node.tag}${node.attributes}>${inner}</${node.tag}>`;
}

export function serializePage(page: GeneratedPage): string {
  return `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>${escapeText(page.title)}</title><style>p { margin: 0 }</style></head>\n<body>${page.body.map(serializeNode).join('\n')}</body></html>\n`;
}

const INVISIBLE_CHARS = /[\u200B\u200E\u200F\u2060\uFEFF\u00AD]/g;

/** The normalization of a line (see the module comment). */
export function normalizeLine(raw: string): string {
  // The joiners U+200C and U+200D are text (issue 13 §5); the other invisible characters are not.
  // Joiners at the edges of a line join nothing and go.
  return raw.replace(/\0/g, '').replace(INVISIBLE_CHARS, '').replace(/^[\s\u200C\u200D]+|[\s\u200C\u200D]+$/g, '').normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** The normalized visible text of a page, as its lines in document order. */
const WORD_EDGE = /[\p{L}\p{N}_]/u;
const LONE_LETTER = /^\s*\p{L}\p{M}*\s*$/u;
const spacedWordEdge = (c: string | undefined): boolean => c !== undefined && WORD_EDGE.test(c) && !UNSPACED_SCRIPTS.test(c);

export function visibleLines(page: GeneratedPage): string[] {
  const lines: string[] = [];
  let current = '';
  // The last text put on the line, and whether an inline element closed (then another opened) since.
  let last = '';
  let closed = false;
  let reopened = false;
  const breakLine = () => {
    const line = normalizeLine(current);
    if (line) lines.push(line);
    current = '';
    last = '';
    closed = reopened = false;
  };
  const visit = (node: Node): void => {
    if (node.kind === 'text') {
      const chars = Array.from(current);
      if (reopened && last && spacedWordEdge(chars[chars.length - 1]) && spacedWordEdge(Array.from(node.text)[0]) && !LONE_LETTER.test(last) && !LONE_LETTER.test(node.text)) current += ' ';
      current += node.text;
      last = node.text;
      closed = reopened = false;
      return;
    }
    if (node.kind === 'comment' || (HIDDEN as readonly string[]).includes(node.tag)) return;
    if (node.tag === 'br') {
      current += ' ';
      last = ' ';
      return;
    }
    const block = BLOCK.has(node.tag);
    if (block) breakLine();
    else if (closed) reopened = true;
    for (const child of node.children) visit(child);
    if (block) breakLine();
    else closed = true;
  };
  for (const node of page.body) visit(node);
  breakLine();
  return lines;
}

/** Plain-text scrapes: paragraphs of lines, separated by blank lines. */
export const plainTextArbitrary: fc.Arbitrary<string> = fc
  .array(fc.array(textArbitrary.map((t) => t.replace(/[\r\n]+/g, ' ')), { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 8 })
  .map((paragraphs) => paragraphs.map((lines) => lines.join('\n')).join('\n\n'))
  .filter((text) => /\S/.test(text.replace(INVISIBLE_CHARS, '')));
