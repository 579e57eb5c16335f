/**
 * Inline content in Markdown: text that looks like markup stays text, and spans come back as
 * the markup they are — held by a property over random inline HTML (fixed seed), rendered and
 * parsed back by a third-party CommonMark parser, and by examples of each rule.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Nodes } from 'mdast';
import { walk } from '../../src/core/html/walk.js';
import { spansOf } from '../../src/core/html/inline.js';
import { parseHtml } from '../../src/core/parse.js';
import { Watchdog } from '../../src/core/watchdog.js';
import { renderMarkdown, renderText } from '../../src/core/render/index.js';
import { codeSpan, linkDestination, renderInline } from '../../src/core/render/inline.js';
import type { Segment } from '../../src/core/index.js';
import { markdownStructure, mdText, parseMarkdown } from './structure.js';

const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** The blocks of an HTML fragment as body segments with their spans (no classification). */
function segmentsOf(html: string): Segment[] {
  const watchdog = new Watchdog(10_000);
  const { blocks } = walk(parseHtml(html, watchdog, { maxNodes: 100_000 }), watchdog);
  return blocks.map((block) => {
    const spans = spansOf(block);
    return { type: 'body' as const, text: block.text, tag: block.tag, cues: [], ...(spans ? { spans } : {}) };
  });
}

function inlineNodes(node: Nodes, out: Nodes[] = []): Nodes[] {
  if (['emphasis', 'strong', 'inlineCode', 'link', 'delete', 'html', 'image', 'linkReference', 'imageReference'].includes(node.type)) out.push(node);
  if ('children' in node) for (const child of node.children as Nodes[]) inlineNodes(child, out);
  return out;
}

const WORDS = ['ferry', 'pier', 'F1', '1986.', '2*3', 'a_b', '_x_', '*', '**', '_', '`', '``', '[', ']', '(', ')', '![', '<b>', '&amp;', '&copy;', '#', '##', '-', '+', '=', '>', '|', '~', '~~', '\\', '!', ':', 'www.x.example', 'https://x.example/(a)', 'é', '中文', '1.', '1)', '---', '***'];
const text = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 4 }).chain((words) =>
  fc.array(fc.constantFrom(' ', '', '  ', '\n'), { minLength: words.length, maxLength: words.length }).map((gaps) => words.map((w, i) => w + gaps[i]).join('')),
);
const escapeHtml = (value: string): string => value.replace(/&(?!amp;|copy;)/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const { inline } = fc.letrec((tie) => ({
  inline: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    text.map(escapeHtml),
    fc.constant('<br>'),
    fc.tuple(fc.constantFrom('em', 'strong', 'b', 'i', 'code', 'del', 's'), fc.array(tie('inline'), { minLength: 1, maxLength: 3 })).map(([tag, children]) => `<${tag}>${children.join('')}</${tag}>`),
    fc.tuple(fc.constantFrom('https://port.example/a b', '/piers(1)', 'x.html#top', 'javascript:void(0)', 'https://port.example/?q=a<b'), fc.array(tie('inline'), { minLength: 1, maxLength: 3 })).map(
      ([href, children]) => `<a href="${escapeHtml(href)}">${children.join('')}</a>`,
    ),
  ),
}));

describe('inline Markdown', () => {
  it('keeps every text as text and every span as its markup, nothing else (property, fixed seed)', () => {
    fc.assert(
      fc.property(fc.array(inline, { minLength: 1, maxLength: 6 }), (parts) => {
        for (const segment of segmentsOf(`<p>${parts.join('')}</p>`)) {
          const markdown = renderMarkdown({ segments: [segment], images: [] });
          const root = parseMarkdown(markdown);
          // Paragraphs only: nothing in the text started a heading, a list, a quote, a table or a code block. One, but
          // for the paragraph breaks (<br><br>) outside other spans: at most one more per break.
          const paragraphs = root.children.map((c) => c.type);
          expect(new Set(paragraphs), markdown).toEqual(new Set(['paragraph']));
          expect(paragraphs.length, markdown).toBeLessThanOrEqual(1 + (segment.spans ?? []).filter((s) => s.type === 'break' && s.paragraph).length);
          expect(collapse(mdText(root))).toBe(collapse(segment.text));
          const spans = segment.spans ?? [];
          // Code spans that touch are written as one.
          const code = spans.filter((s) => s.type === 'code');
          const merged = code.map((s) => ({ ...s })).filter((s, i, all) => !all.slice(0, i).some((o) => o.end === s.start && (o.end = s.end)));
          for (const node of inlineNodes(root)) {
            const content = collapse(mdText(node));
            const match = (type: string) => (type === 'code' ? [...code, ...merged] : spans).some((s) => s.type === type && collapse(segment.text.slice(s.start, s.end)) === content);
            if (node.type === 'emphasis') expect(match('emphasis'), markdown).toBe(true);
            else if (node.type === 'strong') expect(match('strong'), markdown).toBe(true);
            else if (node.type === 'inlineCode') expect(match('code'), markdown).toBe(true);
            else if (node.type === 'delete') expect(match('strikethrough'), markdown).toBe(true);
            else if (node.type === 'link') expect(spans.some((s) => s.type === 'link' && s.href !== undefined && encodeURI(decodeURI(s.href.replace(/\s/g, '%20'))) === node.url) && match('link'), markdown).toBe(true);
            else expect.fail(`unexpected ${node.type} in ${JSON.stringify(markdown)}`);
          }
          // Every link and code span of the page is there (emphasis may be left out where Markdown cannot say it).
          const links = inlineNodes(root).filter((n) => n.type === 'link').length;
          // A link inside a link or a code span (listed before it) has no markup of its own.
          const topLinks = spans.filter((s, i) => s.type === 'link' && !spans.some((o, j) => j < i && (o.type === 'code' || o.type === 'link') && o.start <= s.start && o.end >= s.end));
          expect(links, markdown).toBe(topLinks.length);
        }
      }),
      { seed: 20240315, numRuns: 400 },
    );
  });

  it('escapes what opens markup anywhere, and at the start of a line what opens a block there', () => {
    expect(renderInline('a *b* _c_ `d` [e](f) <g> h|i ~j~ \\ k', undefined)).toBe('a \\*b\\* \\_c\\_ \\`d\\` \\[e\\](f) \\<g> h\\|i \\~j\\~ \\\\ k');
    expect(renderInline('# one', undefined)).toBe('\\# one');
    expect(renderInline('> two', undefined)).toBe('\\> two');
    expect(renderInline('- three + four', undefined)).toBe('\\- three + four');
    expect(renderInline('1986. five', undefined)).toBe('1986\\. five');
    expect(renderInline('1986.5 six', undefined)).toBe('1986.5 six');
    expect(renderInline('snake_case and &amp; but not & alone', undefined)).toBe('snake_case and \\&amp; but not & alone');
    expect(renderInline('C# in a heading #', undefined, { heading: true })).toBe('C\\# in a heading \\#');
    // A "!" before a link would open an image ("![…](…)"); before a line break, emphasis or code it opens nothing (a forum post's
    // "Hey again!" before a <br> came out "Hey again\!").
    expect(renderInline('Wow!here', [{ start: 4, end: 8, type: 'link', href: 'https://x.example/' }])).toBe('Wow\\![here](https://x.example/)');
    expect(renderInline('Hey again! Next', [{ start: 10, end: 10, type: 'break' }])).toBe('Hey again!\\\nNext');
    expect(renderInline('Wow!bold', [{ start: 4, end: 8, type: 'strong' }])).toBe('Wow!**bold**');
    expect(renderInline('Wow!code', [{ start: 4, end: 8, type: 'code' }])).toBe('Wow!`code`');
  });

  it('writes code spans, link destinations and line breaks as CommonMark reads them', () => {
    expect(codeSpan('a`b')).toBe('``a`b``');
    expect(codeSpan('`tick`')).toBe('`` `tick` ``');
    expect(codeSpan('a|b', true)).toBe('`a\\|b`');
    expect(linkDestination('https://x.example/a (1)')).toBe('https://x.example/a%20\\(1\\)');
    expect(linkDestination('')).toBe('<>');
    expect(renderInline('one two', [{ start: 3, end: 3, type: 'break' }])).toBe('one\\\ntwo');
    expect(renderInline('one - two', [{ start: 3, end: 3, type: 'break' }])).toBe('one\\\n\\- two');
  });

  it('writes a paragraph break (<br><br>) as a blank line, but inside a span (where a blank line would end it) as a line break', () => {
    const paragraph = { start: 3, end: 3, type: 'break', paragraph: true } as const;
    expect(renderInline('one two', [paragraph])).toBe('one\n\ntwo');
    expect(renderInline('one - two', [paragraph])).toBe('one\n\n\\- two');
    expect(renderInline('one two', [{ start: 0, end: 7, type: 'emphasis' }, paragraph])).toBe('*one\\\ntwo*');
    expect(renderInline('one two', [paragraph], { heading: true })).toBe('one two');
  });

  it('keeps a table cell whole around a link whose target has a pipe', () => {
    expect(linkDestination('https://x.example/a|b', true)).toBe('https://x.example/a\\|b');
    const cell = (text: string, href?: string) => ({ text, header: false, ...(href ? { spans: [{ start: 0, end: text.length, type: 'link' as const, href }] } : {}) });
    const rows = [
      [{ text: 'Route', header: true }, { text: 'Timetable', header: true }],
      [cell('F1'), cell('x|y link', 'https://port.example/f1|f2?a=1|2')],
    ];
    const table: Segment = { type: 'body', text: 'Route\tTimetable\nF1\tx|y link', tag: 'table', cues: [], table: { rows } };
    const markdown = renderMarkdown({ segments: [table], images: [] });
    expect(markdownStructure(markdown)).toMatchObject({ tables: [{ rows: 2, columns: 2, headerRow: true }], links: ['https://port.example/f1|f2?a=1|2'] });
  });

  it('keeps each table cell in its column in plain text when cells above span rows or columns', () => {
    const cell = (text: string, spans: { colspan?: number; rowspan?: number } = {}) => ({ text, header: false, ...spans });
    // <tr><th>Line</th><th colspan=2>Departs</th></tr><tr><td rowspan=2>F1</td><td>08:00</td><td>09:00</td></tr><tr><td>10:00</td><td>11:00</td></tr>…
    const rows = [
      [{ text: 'Line', header: true }, { text: 'Departs', header: true, colspan: 2 }],
      [cell('F1', { rowspan: 2 }), cell('08:00'), cell('09:00')],
      [cell('10:00'), cell('11:00')],
      [cell('Night', { colspan: 2 }), cell('23:00')],
      [cell('F2'), cell(''), cell('12:00')],
    ];
    const text = rows.map((row) => row.map((c) => c.text).join('\t')).join('\n');
    const table: Segment = { type: 'body', text, tag: 'table', cues: [], table: { rows } };
    // 10:00 is F1's second departure, not a line named 10:00.
    expect(renderText({ segments: [table], images: [] })).toBe('Line\tDeparts\nF1\t08:00\t09:00\n\t10:00\t11:00\nNight\t\t23:00\nF2\t\t12:00\n');
  });

  it('writes a header of two rows (a heading spanning the columns of the row under it) as one Markdown header row', () => {
    // <thead><tr><th rowspan=2>Line</th><th colspan=2>Departs</th></tr><tr><th>First</th><th>Last</th></tr></thead>: GFM has
    // one header row, and the second was written as data ("|  | First | Last |"), a line named nothing departing "First".
    const head = (text: string, spans: { colspan?: number; rowspan?: number } = {}) => ({ text, header: true, ...spans });
    const rows = [
      [head('Line', { rowspan: 2 }), head('Departs', { colspan: 2 })],
      [head('First'), head('Last')],
      [{ text: 'F1', header: false }, { text: '06:00', header: false }, { text: '22:30', header: false }],
    ];
    const text = rows.map((row) => row.map((c) => c.text).join('\t')).join('\n');
    const table: Segment = { type: 'body', text, tag: 'table', cues: [], table: { rows } };
    const markdown = renderMarkdown({ segments: [table], images: [] });
    expect(markdown).toBe('| Line | Departs First | Departs Last |\n| --- | --- | --- |\n| F1 | 06:00 | 22:30 |\n');
    expect(markdownStructure(markdown)).toMatchObject({ tables: [{ rows: 2, columns: 3, headerRow: true }] });
    // Plain text keeps both rows, each cell in its column.
    expect(renderText({ segments: [table], images: [] })).toBe('Line\tDeparts\n\tFirst\tLast\nF1\t06:00\t22:30\n');
  });

  it('writes struck-through text (del, s, strike) as GFM strikethrough, not as if it stood', () => {
    const [segment] = segmentsOf('<p>The ticket costs <del>$50</del> $40, leaving <s>Tuesday</s> <strike>or Monday</strike> Wednesday.</p>');
    expect(segment!.spans).toEqual([
      { start: 17, end: 20, type: 'strikethrough' },
      { start: 34, end: 41, type: 'strikethrough' },
      { start: 42, end: 51, type: 'strikethrough' },
    ]);
    const markdown = renderMarkdown({ segments: [segment!], images: [] });
    expect(markdown).toBe('The ticket costs ~~$50~~ $40, leaving ~~Tuesday~~ ~~or Monday~~ Wednesday.\n');
    expect(inlineNodes(parseMarkdown(markdown)).map((node) => [node.type, mdText(node)])).toEqual([
      ['delete', '$50'],
      ['delete', 'Tuesday'],
      ['delete', 'or Monday'],
    ]);
    // Inside a word, or touching another, tildes would not read back: the text stays, unmarked.
    expect(renderInline('abc onetwo', [{ start: 1, end: 2, type: 'strikethrough' }, { start: 4, end: 7, type: 'strikethrough' }, { start: 7, end: 10, type: 'strikethrough' }])).toBe('abc onetwo');
  });

  it('leaves out emphasis Markdown cannot say (inside a word, touching another), keeping its text', () => {
    expect(renderInline('foobar', [{ start: 0, end: 3, type: 'strong' }, { start: 3, end: 6, type: 'emphasis' }])).toBe('foobar');
    expect(renderInline('foo. "bar"', [{ start: 0, end: 4, type: 'strong' }, { start: 4, end: 10, type: 'emphasis' }])).toBe('**foo.** "bar"');
    expect(renderInline('a b', [{ start: 0, end: 3, type: 'strong' }, { start: 0, end: 1, type: 'emphasis' }])).toBe('***a* b**');
  });
});

/**
 * CommonMark reads an ordered list's first number and counts on by one, whatever the later items
 * say: items whose numbers do not follow (a countdown, `<li value>`, an item left out as chrome)
 * written as one list showed other numbers than the page's ("1. 3." reads 1, 2).
 */
/** The number a CommonMark reader shows for each item of the ordered lists of `markdown`, in order. */
function mdastNumbers(markdown: string): number[] {
  const out: number[] = [];
  const visit = (node: Nodes): void => {
    if (node.type === 'list' && node.ordered) node.children.forEach((_child, i) => out.push((node.start ?? 1) + i));
    if ('children' in node) for (const child of node.children) visit(child);
  };
  visit(parseMarkdown(markdown));
  return out;
}

describe('ordered list numbers', () => {
  const item = (text: string, position: number, start: number, value?: number): Segment => ({
    type: 'body', text, tag: 'li', cues: [], list: { ordered: true, depth: 1, position, start, ...(value === undefined ? {} : { value }) },
  });
  const numbers = (segments: Segment[]) => mdastNumbers(renderMarkdown({ segments, images: [] }));

  it('shows each item its own number: a countdown, a value, a gap', () => {
    expect(numbers([item('Three', 1, 3), item('Two', 2, 3, 2), item('One', 3, 3, 1)])).toEqual([3, 2, 1]);
    expect(numbers([item('One', 1, 1), item('Five', 2, 1, 5), item('Six', 3, 1, 6)])).toEqual([1, 5, 6]);
    expect(numbers([item('One', 1, 1), item('Three', 3, 1)])).toEqual([1, 3]);
  });

  it('keeps a list that counts on by one as one list', () => {
    const markdown = renderMarkdown({ segments: [item('Four', 1, 4), item('Five', 2, 4), item('Six', 3, 4)], images: [] });
    expect(markdown).toBe('4. Four\n5. Five\n6. Six\n');
  });

  it('keeps a list nested under the text of an item a list when it is numbered from other than 1', () => {
    // CommonMark lets only a list starting at 1 interrupt a paragraph: "7. Seventh" right under the
    // item's text was read as more of that text, the nested list gone.
    const li = (text: string, list: Segment['list']): Segment => ({ type: 'body', text, tag: 'li', cues: [], list });
    const segments = [
      li('On macOS, use Homebrew.', { ordered: false, depth: 1, position: 1 }),
      li('Seventh step.', { ordered: true, depth: 2, position: 1, start: 7 }),
      li('Eighth step.', { ordered: true, depth: 2, position: 2, start: 7 }),
      li('On Linux, use apt.', { ordered: false, depth: 1, position: 2 }),
    ];
    const markdown = renderMarkdown({ segments, images: [] });
    expect(mdastNumbers(markdown)).toEqual([7, 8]);
    expect(markdownStructure(markdown).lists[0]!.items[0]).toMatchObject({ text: 'On macOS, use Homebrew.', lists: [{ ordered: true, items: [{ text: 'Seventh step.' }, { text: 'Eighth step.' }] }] });
  });

  it('writes the letters or Roman numerals of an ordered list in plain text, digits in Markdown (CommonMark has no others)', () => {
    // <ol type="a"> was "1. 2." in the text too: an item the page calls (b) was told 2.
    const li = (text: string, depth: number, position: number, numbering: NonNullable<Segment['list']>['numbering'], start: number): Segment => ({
      type: 'body', text, tag: 'li', cues: [], list: { ordered: true, depth, position, start, numbering },
    });
    const segments = [li('Inner', 1, 1, 'lower-alpha', 26), li('Outer', 1, 2, 'lower-alpha', 26), li('North', 2, 1, 'upper-roman', 1998), li('South', 2, 2, 'upper-roman', 1998), li('Dock', 1, 1, 'lower-roman', 0)];
    expect(renderText({ segments, images: [] })).toBe('z. Inner\naa. Outer\n    MCMXCVIII. North\n    MCMXCIX. South\n\n0. Dock\n');
    expect(mdastNumbers(renderMarkdown({ segments: segments.slice(0, 2), images: [] }))).toEqual([26, 27]);
  });

  it('keeps the later items of a list drawn one level up (its parent item has no text) beside its first, not under it', () => {
    // <ul><li><ul><li>Alpha<ul><li>Alpha one</li></ul></li><li>Beta</li></ul></li><li>Gamma</li></ul>: the empty
    // item leaves no segment. Beta was drawn under Alpha, beside "Alpha one", and Gamma in Alpha's list.
    const li = (text: string, depth: number, position: number): Segment => ({ type: 'body', text, tag: 'li', cues: [], list: { ordered: false, depth, position } });
    const markdown = renderMarkdown({ segments: [li('Alpha', 2, 1), li('Alpha one', 3, 1), li('Beta', 2, 2), li('Gamma', 1, 2)], images: [] });
    const item = (text: string, lists: unknown[] = []) => ({ text, lists });
    expect(markdownStructure(markdown).lists).toEqual([
      { ordered: false, start: null, items: [item('Alpha', [{ ordered: false, start: null, items: [item('Alpha one')] }]), item('Beta')] },
      { ordered: false, start: null, items: [item('Gamma')] },
    ]);
  });
});
