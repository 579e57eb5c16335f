/**
 * The page's structure in the document (schema version 2): headings, lists, block quotes, code,
 * data versus layout tables, inline spans with absolute link targets, and the images of the
 * body. Every page is written here; the prose around each construct makes it an article, so its
 * blocks are body segments.
 */
import { describe, expect, it } from 'vitest';
import type { Segment } from '../../src/core/index.js';
import { isDataTable } from '../../src/core/html/table.js';
import { parseHtml } from '../../src/core/parse.js';
import { Watchdog } from '../../src/core/watchdog.js';
import type { Element } from 'domhandler';
import { cleanText, page } from './helpers.js';
import { renderMarkdown } from '../../src/core/render/markdown.js';
import { renderText } from '../../src/core/render/text.js';
import { markdownText } from '../../src/eval/markdown-text.js';

const PROSE = [
  'The harbour authority published its annual report on Tuesday, and the figures surprised even its own staff.',
  'Passenger numbers rose for the third year running, while freight fell back to the level of a decade ago.',
];

/** An article whose body is `html` between two paragraphs of prose. */
function articleWith(html: string, head = ''): string {
  return page({ head, body: `<main><article><h1>Annual report</h1><p>${PROSE[0]}</p>\n${html}\n<p>${PROSE[1]}</p></article></main>` });
}

function segments(html: string, head = ''): Segment[] {
  return cleanText(articleWith(html, head)).segments;
}

function segment(html: string, text: string, head = ''): Segment {
  const found = segments(html, head).find((s) => s.text === text);
  if (!found) throw new Error(`no segment "${text}" in ${JSON.stringify(segments(html, head).map((s) => s.text))}`);
  return found;
}

describe('headings and lists', () => {
  it('gives headings their level', () => {
    expect(segment('<h2>Passengers</h2><h3>By ferry line</h3>', 'Passengers').heading).toBe(2);
    expect(segment('<h2>Passengers</h2><h3>By ferry line</h3>', 'By ferry line').heading).toBe(3);
    expect(segment('<h2>Passengers</h2>', PROSE[0]!).heading).toBeUndefined();
  });

  /**
   * Documentation and blogs put a permalink beside each heading, shown on hover: Sphinx's and MkDocs' "¶", GitHub's and
   * many blogs' "#", "§", "🔗". It was read as the heading's last word: "Passengers¶", "By ferry line#".
   */
  it("leaves a heading's permalink marker out of its text", () => {
    expect(segment('<h2>Passengers<a class="headerlink" href="#passengers" title="Permalink to this heading">¶</a></h2>', 'Passengers').heading).toBe(2);
    expect(segment('<h3 id="line">By ferry line <a href="#line" aria-label="Link"><span>#</span></a></h3>', 'By ferry line').heading).toBe(3);
    segment('<h2>Fares <a href="#fares">§</a></h2>', 'Fares');
    segment('<h2>Timetable <a class="anchor" href="#timetable">🔗</a></h2>', 'Timetable');
    // A link to a place in the page with words, or a footnote's mark, stays.
    segment('<h2>Fares <a href="#fares-2024">2024</a></h2>', 'Fares 2024');
    segment('<p>The fares rise in spring<a href="#fn1">*</a>, the authority said.</p>', 'The fares rise in spring*, the authority said.');
  });

  it('gives list items their kind, depth, position and the start of an ordered list', () => {
    const list = segments('<ol start="3"><li>Inner harbour</li><li>Outer harbour<ul><li>North pier</li><li>South pier</li></ul></li></ol><ul><li>Dry dock</li></ul>');
    const place = (text: string) => list.find((s) => s.text === text)!.list;
    expect(place('Inner harbour')).toEqual({ ordered: true, depth: 1, position: 1, start: 3 });
    expect(place('Outer harbour')).toEqual({ ordered: true, depth: 1, position: 2, start: 3 });
    expect(place('North pier')).toEqual({ ordered: false, depth: 2, position: 1 });
    expect(place('South pier')).toEqual({ ordered: false, depth: 2, position: 2 });
    expect(place('Dry dock')).toEqual({ ordered: false, depth: 1, position: 1 });
    expect(list.find((s) => s.text === PROSE[1])!.list).toBeUndefined();
  });

  /**
   * An item's number is not always start + position - 1: `<li value>` sets it (and the next ones
   * count on from there), `<ol reversed>` counts down (from the number of items when it has no
   * start). The document said nothing of either, and the Markdown numbered a countdown 1, 2, 3.
   */
  it("gives an item the number it shows when that is not the list's count from its start (li value, reversed)", () => {
    const valued = segments('<ol><li>Inner harbour</li><li value="5">Outer harbour</li><li>North pier</li><li value="x">South pier</li></ol>');
    const place = (list: Segment[], text: string) => list.find((s) => s.text === text)!.list;
    expect(place(valued, 'Inner harbour')).toEqual({ ordered: true, depth: 1, position: 1, start: 1 });
    expect(place(valued, 'Outer harbour')).toEqual({ ordered: true, depth: 1, position: 2, start: 1, value: 5 });
    expect(place(valued, 'North pier')).toEqual({ ordered: true, depth: 1, position: 3, start: 1, value: 6 });
    expect(place(valued, 'South pier')).toEqual({ ordered: true, depth: 1, position: 4, start: 1, value: 7 });

    const countdown = segments('<ol reversed><li>Inner harbour</li><li>Outer harbour</li>\n<!-- c --><li>North pier</li></ol>');
    expect(place(countdown, 'Inner harbour')).toEqual({ ordered: true, depth: 1, position: 1, start: 3 });
    expect(place(countdown, 'Outer harbour')).toEqual({ ordered: true, depth: 1, position: 2, start: 3, value: 2 });
    expect(place(countdown, 'North pier')).toEqual({ ordered: true, depth: 1, position: 3, start: 3, value: 1 });

    const fromTen = segments('<ol reversed start="10"><li>Inner harbour</li><li>Outer harbour</li></ol><ul><li value="9">Dry dock</li></ul>');
    expect(place(fromTen, 'Outer harbour')).toEqual({ ordered: true, depth: 1, position: 2, start: 10, value: 9 });
    expect(place(fromTen, 'Dry dock')).toEqual({ ordered: false, depth: 1, position: 1 });
  });

  it('gives an ordered list shown with letters or Roman numerals its numbering (type attribute, inline list-style-type)', () => {
    const list = segments('<ol type="a"><li>Inner harbour</li></ol><ol type="I" style="list-style: upper-alpha inside"><li>Outer harbour</li></ol><ol type="i"><li>North pier</li></ol><ol type="1"><li>South pier</li></ol><ul type="a"><li>Dry dock</li></ul>');
    const place = (text: string) => list.find((s) => s.text === text)!.list;
    expect(place('Inner harbour')).toEqual({ ordered: true, depth: 1, position: 1, start: 1, numbering: 'lower-alpha' });
    expect(place('Outer harbour')).toEqual({ ordered: true, depth: 1, position: 1, start: 1, numbering: 'upper-alpha' });
    expect(place('North pier')).toEqual({ ordered: true, depth: 1, position: 1, start: 1, numbering: 'lower-roman' });
    expect(place('South pier')).toEqual({ ordered: true, depth: 1, position: 1, start: 1 });
    expect(place('Dry dock')).toEqual({ ordered: false, depth: 1, position: 1 });
  });

  it('marks the later blocks of one item as its continuation', () => {
    const list = segments('<ul><li><p>First paragraph of the item.</p><p>Second paragraph of the item.</p></li><li>Next item</li></ul>');
    expect(list.find((s) => s.text.startsWith('First'))!.list).toEqual({ ordered: false, depth: 1, position: 1 });
    expect(list.find((s) => s.text.startsWith('Second'))!.list).toEqual({ ordered: false, depth: 1, position: 1, continued: true });
    expect(list.find((s) => s.text === 'Next item')!.list).toEqual({ ordered: false, depth: 1, position: 2 });
  });

  it("keeps a task list's checkbox states: an item that begins with a checkbox, checked or not, and only such an item", () => {
    const html =
      '<ul><li class="task-list-item"><input type="checkbox" disabled checked> Timetable data updated</li>' +
      '<li class="task-list-item"><input type="checkbox" disabled> Release notes written</li>' +
      '<li><label><input type="checkbox" checked="checked"> Release tagged</label></li>' +
      '<li><p><input type="checkbox"> Stores told</p><p>A second paragraph of the item.</p></li>' +
      '<li>A plain item with <input type="checkbox"> a box later</li>' +
      '<li><input type="radio" checked> A radio button</li>' +
      '<li><ul><li><input type="checkbox" checked> A nested task</li></ul></li></ul>';
    const list = segments(html);
    const place = (text: string) => list.find((s) => s.text === text)!.list;
    expect(place('Timetable data updated')).toEqual({ ordered: false, depth: 1, position: 1, checked: true });
    expect(place('Release notes written')).toEqual({ ordered: false, depth: 1, position: 2, checked: false });
    expect(place('Release tagged')).toEqual({ ordered: false, depth: 1, position: 3, checked: true });
    expect(place('Stores told')).toEqual({ ordered: false, depth: 1, position: 4, checked: false });
    expect(place('A second paragraph of the item.')).toEqual({ ordered: false, depth: 1, position: 4, continued: true });
    expect(place('A plain item with a box later')).toEqual({ ordered: false, depth: 1, position: 5 });
    expect(place('A radio button')).toEqual({ ordered: false, depth: 1, position: 6 });
    expect(place('A nested task')).toEqual({ ordered: false, depth: 2, position: 1, checked: true });
    const markdown = renderMarkdown(cleanText(articleWith(html)));
    expect(markdown).toContain('- [x] Timetable data updated\n- [ ] Release notes written\n- [x] Release tagged\n');
    expect(markdown).toContain('- [ ] Stores told\n\n  A second paragraph of the item.');
    expect(markdown).toContain('- A plain item with a box later');
    expect(renderText(cleanText(articleWith(html)))).toContain('- [x] Timetable data updated\n- [ ] Release notes written\n');
  });

  it("gives no state to a form's boxes: a list whose boxes are all enabled and unchecked (a shop's filters, a recipe's ingredients)", () => {
    const list = segments('<ul><li><input type="checkbox" id="f1"><label for="f1">Ferry tickets</label></li><li><input type="checkbox" id="f2"><label for="f2">Bus tickets</label></li></ul>');
    expect(list.find((s) => s.text === 'Ferry tickets')!.list).toEqual({ ordered: false, depth: 1, position: 1 });
    expect(list.find((s) => s.text === 'Bus tickets')!.list).toEqual({ ordered: false, depth: 1, position: 2 });
  });
});

describe('quotes and code', () => {
  it('gives blocks the depth of the block quotes around them', () => {
    const quoted = segments('<blockquote><p>We did not expect this.</p><blockquote><p>Nobody did.</p></blockquote></blockquote>');
    expect(quoted.find((s) => s.text === 'We did not expect this.')!.quote).toBe(1);
    expect(quoted.find((s) => s.text === 'Nobody did.')!.quote).toBe(2);
  });

  /**
   * Highlighters print line numbers in a table cell beside the code's (Pygments' "highlighttable", Rouge's gutter): the
   * numbers were a code block of their own, "1 2 3" before the code.
   */
  it("leaves a code listing's gutter of line numbers out, the code kept", () => {
    const pygments =
      '<div class="highlight-python"><table class="highlighttable"><tr><td class="linenos"><div class="linenodiv"><pre><span class="normal">1</span>\n<span class="normal">2</span></pre></div></td>' +
      '<td class="code"><div class="highlight"><pre><span class="kn">import</span> tidepool\n<span class="nb">print</span>(tidepool.load())\n</pre></div></td></tr></table></div>';
    const all = segments(pygments);
    expect(all.filter((s) => s.code !== undefined).map((s) => s.code!.text)).toEqual(['import tidepool\nprint(tidepool.load())']);
    const rouge = '<table class="rouge-table"><tbody><tr><td class="rouge-gutter gl"><pre class="lineno">7\n8\n9\n</pre></td><td class="rouge-code"><pre>a = 1\nb = 2\nc = 3\n</pre></td></tr></tbody></table>';
    expect(segments(rouge).filter((s) => s.code !== undefined).map((s) => s.code!.text)).toEqual(['a = 1\nb = 2\nc = 3']);
    // Numbers alone in a <pre> without code beside them, or not counting up by one, are the page's.
    expect(segments('<pre>1\n2\n3</pre>').filter((s) => s.code !== undefined).map((s) => s.code!.text)).toEqual(['1\n2\n3']);
    const table = '<table><tr><td><pre>10\n20</pre></td><td><pre>ten\ntwenty</pre></td></tr></table>';
    expect(segments(table).filter((s) => s.code !== undefined).map((s) => s.code!.text)).toEqual(['10\n20', 'ten\ntwenty']);
  });

  it('keeps preformatted code with its indentation and the language its classes name', () => {
    const python = 'def ferries(year):\n    return [f for f in FLEET if f.year == year]';
    const code = (html: string) => segments(html).find((s) => s.code !== undefined)!.code;
    expect(code(`<pre><code class="language-python">${python}</code></pre>`)).toEqual({ language: 'python', text: python });
    expect(code('<pre class="prettyprint lang-js">let a = 1;</pre>')).toEqual({ language: 'js', text: 'let a = 1;' });
    expect(code('<div class="highlight highlight-source-rust"><pre>fn main() {}</pre></div>')).toEqual({ language: 'rust', text: 'fn main() {}' });
    expect(code('<pre><code class="language-none">plain</code></pre>')).toEqual({ language: null, text: 'plain' });
    expect(code('<pre>no class</pre>')).toEqual({ language: null, text: 'no class' });
    // The segment's text keeps schema 1's meaning: lines trimmed.
    expect(segments(`<pre>${python}</pre>`).find((s) => s.code)!.text).toBe('def ferries(year):\nreturn [f for f in FLEET if f.year == year]');
  });

  it('keeps a <pre> of one element per line (as highlighters write it) one code block, its lines in order', () => {
    const lines = ['def ferries(year):', '    fleet = load()', '    return [f for f in fleet if f.year == year]'];
    const html = `<pre class="language-python"><code>${lines.map((line) => `<div class="line">${line}</div>`).join('')}</code></pre><pre>a second block</pre>`;
    const code = segments(html).filter((s) => s.code !== undefined);
    expect(code.map((s) => s.code)).toEqual([
      { language: 'python', text: lines.join('\n') },
      { language: null, text: 'a second block' },
    ]);
    expect(code[0]!.text).toBe(lines.map((line) => line.trim()).join('\n'));
  });

  it('cleans a page whose first block is preformatted (a text file served as HTML: the whole page one <pre>)', () => {
    const lines = ['Network Working Group', 'Request for Comments: 9999', '', '   The harbour ferry protocol carries passengers between the two piers.'];
    const document = cleanText(page({ body: `<pre>${lines.join('\n')}</pre>` }));
    expect(document.segments.map((s) => s.text).join('\n')).toContain('The harbour ferry protocol carries passengers between the two piers.');
  });
});

describe('tables', () => {
  const dataTable = '<table><caption>Passengers by line</caption><thead><tr><th>Line</th><th>2023</th><th>2024</th></tr></thead>' +
    '<tbody><tr><td><a href="/lines/f1">F1</a></td><td>1,204,000</td><td>1,311,500</td></tr><tr><td>F2</td><td colspan="2">closed for repairs</td></tr></tbody></table>';

  it('makes a data table one segment of rows and cells, header cells marked, after its caption', () => {
    const all = segments(dataTable, '<link rel="canonical" href="https://port.example/report/2024">');
    const table = all.find((s) => s.table)!;
    expect(table.tag).toBe('table');
    expect(table.text).toBe('Line\t2023\t2024\nF1\t1,204,000\t1,311,500\nF2\tclosed for repairs');
    expect(table.table!.rows).toEqual([
      [{ text: 'Line', header: true }, { text: '2023', header: true }, { text: '2024', header: true }],
      [{ text: 'F1', header: false, spans: [{ start: 0, end: 2, type: 'link', href: 'https://port.example/lines/f1' }] }, { text: '1,204,000', header: false }, { text: '1,311,500', header: false }],
      [{ text: 'F2', header: false }, { text: 'closed for repairs', header: false, colspan: 2 }],
    ]);
    expect(all[all.indexOf(table) - 1]!.text).toBe('Passengers by line');
    expect(all.filter((s) => ['F1', 'F2', 'Line'].includes(s.text))).toEqual([]);
  });

  /** A <br> in a cell read as a space: "07:00<br>08:00" came out "| 07:00 08:00 |", one time. */
  it("keeps a line break in a cell as a break span, which the Markdown writes as GFM's <br>", () => {
    const html = '<table><tr><th>Line</th><th>Departures</th></tr><tr><td>F1<br></td><td>07:00<br>08:00 <b>late<br>09:00</b></td></tr><tr><td>F2</td><td>10:00</td></tr></table>';
    const table = segments(html).find((s) => s.table)!;
    expect(table.table!.rows[1]).toEqual([
      { text: 'F1', header: false },
      { text: '07:00 08:00 late 09:00', header: false, spans: [{ start: 5, end: 5, type: 'break' }, { start: 12, end: 22, type: 'strong' }, { start: 16, end: 16, type: 'break' }] },
    ]);
    const markdown = renderMarkdown(cleanText(articleWith(html)));
    expect(markdown).toContain('| F1 | 07:00<br>08:00 **late<br>09:00** |');
    expect(markdownText(markdown)).toContain('07:00 08:00 late 09:00');
    expect(renderText(cleanText(articleWith(html)))).toContain('F1\t07:00 08:00 late 09:00');
  });

  it('reads a table of one post a row as the posts, not one table of the thread', () => {
    const posts = ['Ferries leave on the hour from the north pier in summer.', 'The night boat stopped running in October, sadly.', 'Bikes ride free on every line, a welcome change.'];
    const thread = `<table summary="Message listing"><tbody>${posts.map((p, i) => `<tr><td class="msg"><div class="info">user${i} #${i + 1}</div><div class="msg_text">${p}</div></td></tr>`).join('')}</tbody></table>`;
    const all = segments(thread);
    expect(all.some((s) => s.table)).toBe(false);
    expect(all.map((s) => s.text)).toEqual(expect.arrayContaining(posts));
  });

  it('unwraps layout tables into their blocks', () => {
    const layout = '<table role="presentation"><tr><td><p>Left column text.</p></td><td><p>Right column text.</p></td></tr><tr><td>a</td><td>b</td></tr></table>';
    const all = segments(layout);
    expect(all.some((s) => s.table)).toBe(false);
    expect(all.map((s) => s.text)).toEqual(expect.arrayContaining(['Left column text.', 'Right column text.']));
  });

  const tableOf = (html: string): Element => {
    const document = parseHtml(html, new Watchdog(10_000), { maxNodes: 100_000 });
    const find = (nodes: readonly unknown[]): Element | null => {
      for (const node of nodes as Element[]) {
        if (node.type === 'tag' && node.name === 'table') return node;
        const inner = node.children ? find(node.children) : null;
        if (inner) return inner;
      }
      return null;
    };
    return find(document.children)!;
  };
  const grid = (rows: number, columns: number, cell = 'td') =>
    `<table>${Array.from({ length: rows }, () => `<tr>${`<${cell}>x</${cell}>`.repeat(columns)}</tr>`).join('')}</table>`;

  it.each([
    ['a header cell', '<table><tr><th>a</th><td>b</td></tr></table>', true],
    ['a caption', '<table><caption>c</caption><tr><td>a</td><td>b</td></tr></table>', true],
    ['a summary', '<table summary="figures"><tr><td>a</td><td>b</td></tr></table>', true],
    ['role=presentation over header cells', '<table role="presentation"><tr><th>a</th><th>b</th></tr></table>', false],
    ['datatable="0"', '<table datatable="0"><thead><tr><th>a</th></tr></thead></table>', false],
    ['a nested table, even with header cells', '<table><tr><th>a</th><td><table><tr><td>b</td></tr></table></td></tr></table>', false],
    ['one row', grid(1, 8), false],
    ['one column', grid(12, 1), false],
    ['one column, even with a summary and a header cell', `<table summary="Message listing"><tr><th>Posts</th></tr>${grid(12, 1).slice(7, -8)}</table>`, false],
    ['two columns with a summary', `<table summary="figures">${grid(2, 2).slice(7, -8)}</table>`, true],
    ['10 rows of 2', grid(10, 2), true],
    ['2 rows of 5', grid(2, 5), true],
    ['3 rows of 4 (12 cells)', grid(3, 4), true],
    ['2 rows of 4 (8 cells)', grid(2, 4), false],
    // A small grid of short texts with a column of figures is data, whatever its size: Readability's size rule made each
    // cell of "Name | Value / Alpha | 1 / Beta | 2" a segment of its own.
    ['3 rows of 2 with a column of figures', '<table><tr><td>Name</td><td>Value</td></tr><tr><td>Alpha</td><td>1</td></tr><tr><td>Beta</td><td>2</td></tr></table>', true],
    ['figures with units, signs and grouping', '<table><tbody><tr><td>Ferry</td><td>€1,250.50</td></tr><tr><td>Bus</td><td>-3.5 %</td></tr><tr><td>Tram</td><td>12 km</td></tr></tbody></table>', true],
    ['dates in a column', '<table><tr><td>Opened</td><td>2024-05-01</td></tr><tr><td>Closed</td><td>14/09/2025</td></tr></table>', true],
    ['a column of figures in a cell holding a block', '<table><tr><td>Name</td><td>Value</td></tr><tr><td><p>Alpha</p></td><td>1</td></tr></table>', false],
    ['a column of figures beside an image', '<table><tr><td><img src="logo.png"> Port</td><td>1</td></tr><tr><td>Beta</td><td>2</td></tr></table>', false],
    ['a column of figures beside a long text', `<table><tr><td>${'A long run of words in a layout cell '.repeat(3)}</td><td>1</td></tr><tr><td>Beta</td><td>2</td></tr></table>`, false],
    ['a column of figures with an empty cell', '<table><tr><td>Name</td><td>Value</td></tr><tr><td></td><td>1</td></tr></table>', false],
    ['rows of unequal length', '<table><tr><td>Name</td><td>Value</td><td>Unit</td></tr><tr><td>Alpha</td><td>1</td></tr></table>', false],
    ['a small grid of words', '<table><tr><td>Home</td><td>News</td></tr><tr><td>Sport</td><td>Weather 24</td></tr></table>', false],
    // Three rows or more of words alone are records ("Name | Role / Alice | Engineer / Bob | Designer", a product's details):
    // each cell was a segment of its own, the rows lost. A grid of links is navigation.
    ['3 rows of 2 of words', '<table><tr><td>Name</td><td>Role</td></tr><tr><td>Alice</td><td>Engineer</td></tr><tr><td>Bob</td><td>Designer</td></tr></table>', true],
    ['details of a product', '<table><tbody><tr><td>Brand</td><td>Apple</td></tr><tr><td>Colour</td><td>Blue</td></tr><tr><td>Form factor</td><td><a href="/in-ear">In ear</a></td></tr></tbody></table>', true],
    ['3 rows of words, half of the cells links', '<table><tr><td>1.</td><td><a href="/a">Ferry fares rise</a></td></tr><tr><td>2.</td><td><a href="/b">Pier closed</a></td></tr><tr><td>3.</td><td><a href="/c">New timetable</a></td></tr></table>', false],
    ['3 rows of links', '<table><tr><td><a href="/">Home</a></td><td><a href="/news">News</a></td></tr><tr><td><a href="/sport">Sport</a></td><td><a href="/weather">Weather</a></td></tr><tr><td><a href="/about">About</a></td><td><a href="/contact">Contact</a></td></tr></table>', false],
    ['3 rows of words, one cell holding a block', '<table><tr><td>Name</td><td>Role</td></tr><tr><td><div>Alice</div></td><td>Engineer</td></tr><tr><td>Bob</td><td>Designer</td></tr></table>', false],
    // A header row drawn in strong markup rather than <th>.
    ['2 rows of words under a header row of <strong>', '<table><tr><td><strong>Name</strong></td><td><b>Role</b></td></tr><tr><td>Alice</td><td>Engineer</td></tr></table>', true],
    ['2 rows of words, both of <strong>', '<table><tr><td><strong>Home</strong></td><td><b>News</b></td></tr><tr><td><b>Sport</b></td><td><b>Weather</b></td></tr></table>', false],
  ])('tells data from layout: %s', (_label, html, expected) => {
    expect(isDataTable(tableOf(html))).toBe(expected);
  });
});

describe('inline markup', () => {
  it('leaves out the words of a hidden inline element inside a shown paragraph, as a browser does', () => {
    const hiddenStyle = `<p>The ferry runs <span style="display:none">FALLBACK</span>hourly from the north pier until the end of October.</p>`;
    expect(segments(hiddenStyle).map((s) => s.text)).toContain('The ferry runs hourly from the north pier until the end of October.');
    const hiddenAttribute = `<p>Tickets are sold <b hidden>ERROR</b>on board and at the kiosk by the harbour office.</p>`;
    expect(segments(hiddenAttribute).map((s) => s.text)).toContain('Tickets are sold on board and at the kiosk by the harbour office.');
    // aria-hidden hides from screen readers only: its words are on the screen.
    const ariaHidden = `<p>Fares rise by <span aria-hidden="true">five</span> percent in spring for adult and child tickets alike.</p>`;
    expect(segments(ariaHidden).map((s) => s.text)).toContain('Fares rise by five percent in spring for adult and child tickets alike.');
  });

  it('keeps emphasis, strong, code and links as spans, and words as written', () => {
    // Two sibling elements whose words touch are two words (walk.ts separateNext); a text beside an element is joined.
    const paragraph = segment('<p>The <em>new</em> ferry <b>foo</b><i>bar</i> runs <code>F1</code> from <a href="/piers">the piers</a>. <b>W</b>ords</p>', 'The new ferry foo bar runs F1 from the piers. Words', '<base href="https://port.example/en/">');
    expect(paragraph.spans).toEqual([
      { start: 4, end: 7, type: 'emphasis' },
      { start: 14, end: 17, type: 'strong' },
      { start: 18, end: 21, type: 'emphasis' },
      { start: 27, end: 29, type: 'code' },
      { start: 35, end: 44, type: 'link', href: 'https://port.example/piers' },
      { start: 46, end: 47, type: 'strong' },
    ]);
  });

  it('trims spans to their words and marks line breaks', () => {
    const paragraph = segment('<p>Harbour Office<br>1 Quay Street<br> <strong> Portside </strong></p>', 'Harbour Office 1 Quay Street Portside');
    expect(paragraph.spans).toEqual([
      { start: 14, end: 14, type: 'break' },
      { start: 28, end: 28, type: 'break' },
      { start: 29, end: 37, type: 'strong' },
    ]);
  });

  it('keeps two line breaks or more in a row (<br><br>) as one paragraph break, the text as before', () => {
    const post = segment(
      '<p>Thanks for the tip about the ferry times.<br><br>We took the early boat and it was fine.<br>\n<br> <br>See you next summer.<br>Anna</p>',
      'Thanks for the tip about the ferry times. We took the early boat and it was fine. See you next summer. Anna',
    );
    expect(post.spans).toEqual([
      { start: 41, end: 41, type: 'break', paragraph: true },
      { start: 81, end: 81, type: 'break', paragraph: true },
      { start: 102, end: 102, type: 'break' },
    ]);
  });

  it('resolves links against <base href>, else the canonical URL; keeps them as written when neither is known; drops script links', () => {
    const link = (head: string, href: string) => segment(`<p>See <a href="${href}">the timetable</a> for details.</p>`, 'See the timetable for details.', head).spans;
    expect(link('<base href="/docs/">', 'times.html')).toEqual([{ start: 4, end: 17, type: 'link', href: 'times.html' }]);
    expect(link('<link rel="canonical" href="https://port.example/a/b">', 'times.html')).toEqual([{ start: 4, end: 17, type: 'link', href: 'https://port.example/a/times.html' }]);
    expect(link('<link rel="canonical" href="https://port.example/a/b"><base href="/docs/">', 'times.html')).toEqual([{ start: 4, end: 17, type: 'link', href: 'https://port.example/docs/times.html' }]);
    expect(link('', 'javascript:void(0)')).toBeUndefined();
    expect(link('', ' JavaScript:alert(1)')).toBeUndefined();
  });

  it('a <base href> with a script or data: URL is no base (as browsers read it): no link becomes a script link', () => {
    const canonical = '<link rel="canonical" href="https://port.example/a/b">';
    const spans = (head: string) => segment('<p>See <a href="#times">the timetable</a> for details.</p>', 'See the timetable for details.', head).spans;
    expect(spans(`${canonical}<base href="javascript:alert(1)//">`)).toEqual([{ start: 4, end: 17, type: 'link', href: 'https://port.example/a/b#times' }]);
    expect(spans(`${canonical}<base href=" data:text/html,x/">`)).toEqual([{ start: 4, end: 17, type: 'link', href: 'https://port.example/a/b#times' }]);
    // With no address of its own, the link stays as written.
    expect(spans('<base href="javascript:alert(1)//">')).toEqual([{ start: 4, end: 17, type: 'link', href: '#times' }]);
    const images = cleanText(articleWith('<figure><img src="ferry.jpg" alt="The ferry"><figcaption>The ferry at the quay.</figcaption></figure>', `${canonical}<base href="javascript:alert(1)//">`)).images;
    expect(images.map((image) => image.src)).toEqual(['https://port.example/a/ferry.jpg']);
  });

  it('keeps the text a MathML formula shows; not its annotations, nor a formula the page hides', () => {
    // Browsers render MathML: a sentence without its formula says something else ("The equation is famous").
    const formula = '<math><semantics><mrow><mi>E</mi><mo>=</mo><mi>m</mi><msup><mi>c</mi><mn>2</mn></msup></mrow><annotation encoding="application/x-tex">E=mc^2</annotation></semantics></math>';
    segment(`<p>The equation ${formula} is famous.</p>`, 'The equation E=mc2 is famous.');
    // A formula hidden beside its image (as encyclopedias print it): the sentence keeps only what shows.
    segment(`<p>The equation <span style="display: none">${formula}</span><img src="f.svg" alt="E=mc^2"> is famous.</p>`, 'The equation is famous.');
  });

  it('keeps an emoji a page draws as an image (WordPress, Twitter) as the character its alt names, not as a picture', () => {
    // A rendered WordPress page has every emoji of the text as <img class="emoji" alt="👍">: the sentence lost its
    // emoji, and the Markdown put a picture of a thumb between the paragraphs.
    const thumb = '<img draggable="false" role="img" class="emoji" alt="👍" src="https://s.w.org/images/core/emoji/15.0.3/svg/1f44d.svg">';
    const document = cleanText(articleWith(`<p>The crews voted ${thumb} to the new rosters, and the ferries ran again on Monday.</p>`));
    expect(document.segments.map((s) => s.text)).toContain('The crews voted 👍 to the new rosters, and the ferries ran again on Monday.');
    expect(document.images).toEqual([]);
    // Sequences (ZWJ, skin tone, flag, keycap) and a few in a row; an image of a word, or of text with an emoji, stays an image.
    const family = '<img class="emoji" alt="👨‍👩‍👧" src="f.svg"><img class="emoji" alt="👍🏽" src="t.svg"> <img alt="🇫🇷" src="fr.svg"> <img alt="1️⃣" src="k.svg">';
    segment(`<p>Signed ${family} by all.</p>`, 'Signed 👨‍👩‍👧👍🏽 🇫🇷 1️⃣ by all.');
    const photo = cleanText(articleWith('<p>The quay at dawn.</p><figure><img src="quay.jpg" alt="Quay 👍"><figcaption>The quay.</figcaption></figure>'));
    expect(photo.images.map((image) => image.alt)).toEqual(['Quay 👍']);
    // A hidden one stays out.
    segment('<p>Voted <img style="display:none" alt="👍" src="t.svg">yes.</p>', 'Voted yes.');
  });

  /**
   * A browser draws quotation marks around a <q>, by its language (HTML's rendering: open-quote, close-quote): the
   * document dropped them, "A <q>quoted phrase</q>" came out as "A quoted phrase", a quotation read as the writer's words.
   */
  it('writes the quotation marks a browser draws around a <q>, by its language, the alternate ones inside another', () => {
    segment('<p>The captain called the harbour <q>the best place to work, <q>bar none</q>, for forty years</q> on Monday.</p>', 'The captain called the harbour “the best place to work, ‘bar none’, for forty years” on Monday.');
    segment('<p lang="de">Der Kapitän nannte den Hafen <q>den schönsten Arbeitsplatz der Welt</q> am Montag.</p>', 'Der Kapitän nannte den Hafen „den schönsten Arbeitsplatz der Welt“ am Montag.');
    segment('<p lang="fr-FR">Le capitaine a appelé le port <q>le plus bel endroit du monde</q> lundi.</p>', 'Le capitaine a appelé le port «le plus bel endroit du monde» lundi.');
    // A page that writes the marks itself around its <q> (its style sheet draws none) keeps its own, once.
    segment('<p lang="de">Die Ministerin sagte: „<q>Wir danken allen Beteiligten</q>“ und ging.</p>', 'Die Ministerin sagte: „Wir danken allen Beteiligten“ und ging.');
    segment('<p>She said <q>"Thank you all"</q> and left.</p>', 'She said "Thank you all" and left.');
    // White space at the edges of the <q> stands outside the marks; a <q> that holds blocks is a box of the layout.
    segment('<p lang="de">Ein Kunde schrieb<q> <span>sehr gut</span> </q>und ging.</p>', 'Ein Kunde schrieb „sehr gut“ und ging.');
    segment('<q><p>A box of the layout that a page writes as a quotation element.</p></q>', 'A box of the layout that a page writes as a quotation element.');
  });

  it('gives a link around several blocks to each of them', () => {
    const all = segments('<a href="https://port.example/story"><div>A long teaser paragraph about the new harbour ferry timetable.</div><div>And a second paragraph.</div></a>');
    for (const text of ['A long teaser paragraph about the new harbour ferry timetable.', 'And a second paragraph.']) {
      const found = all.find((s) => s.text === text);
      if (found) expect(found.spans).toEqual([{ start: 0, end: text.length, type: 'link', href: 'https://port.example/story' }]);
    }
  });
});

describe('images', () => {
  const head = '<link rel="canonical" href="https://port.example/news/report">';
  it('lists the images of the body with absolute src, alt and caption, before the segment that follows them', () => {
    const document = cleanText(articleWith('<figure><img src="/img/ferry.jpg" alt="The new ferry"><figcaption>The new ferry at the north pier. Photo: Port Authority</figcaption></figure>', head));
    expect(document.images).toEqual([
      { src: 'https://port.example/img/ferry.jpg', alt: 'The new ferry', caption: 'The new ferry at the north pier. Photo: Port Authority', segment: 1 },
    ]);
    expect(document.segments[1]!.text).toBe('The new ferry at the north pier. Photo: Port Authority');
  });

  it('takes a lazy-loaded address over the placeholder, and keeps a bare image between body paragraphs', () => {
    const document = cleanText(articleWith('<p><img src="data:image/gif;base64,R0lGOD" data-src="ferry.jpg" alt=""></p>', head));
    expect(document.images).toEqual([{ src: 'https://port.example/news/ferry.jpg', alt: '', caption: null, segment: 1 }]);
  });

  /**
   * A srcset's candidates are split at the comma that ends a URL, not at every comma: image CDNs put
   * commas in their paths ("/upload/w_320,c_fill/…"), and the first candidate was cut at its first one.
   */
  it("reads a srcset's first address whole, commas in the URL included", () => {
    const srcset = 'https://cdn.example/upload/w_320,c_fill,q_80/ferry.jpg 320w, https://cdn.example/upload/w_640,c_fill/ferry.jpg 640w';
    const document = cleanText(articleWith(`<figure><img srcset="${srcset}" alt="Ferry"><figcaption>The new ferry at the north pier.</figcaption></figure>`, head));
    expect(document.images.map((i) => i.src)).toEqual(['https://cdn.example/upload/w_320,c_fill,q_80/ferry.jpg']);
    const bare = cleanText(articleWith('<figure><img data-srcset=" ,small.jpg, large.jpg 2x" alt="Ferry"><figcaption>The new ferry at the north pier.</figcaption></figure>', head));
    expect(bare.images.map((i) => i.src)).toEqual(['https://port.example/news/small.jpg']);
  });

  /**
   * An AMP page draws its pictures with <amp-img> (and <amp-anim>), each holding a <noscript><img> fallback: the lead
   * photo of an AMP article was missing from the images, and the fallback must not bring it in twice.
   */
  it("reads an AMP page's <amp-img> as an image, once, with its alt, srcset and size", () => {
    const amp = '<amp-img src="/img/ferry.jpg" alt="The new ferry" width="1200" height="800" layout="responsive"><noscript><img src="/img/ferry.jpg" alt="The new ferry"></noscript></amp-img>';
    const document = cleanText(articleWith(`<figure>${amp}<figcaption>The new ferry at the north pier.</figcaption></figure>`, head));
    expect(document.images).toEqual([{ src: 'https://port.example/img/ferry.jpg', alt: 'The new ferry', caption: 'The new ferry at the north pier.', segment: 1 }]);
    const srcset = cleanText(articleWith('<figure><amp-anim srcset="/img/wave.gif 640w, /img/wave-2x.gif 1280w" alt="A wave" width="640" height="360"></amp-anim><figcaption>A wave over the pier.</figcaption></figure>', head));
    expect(srcset.images.map((i) => [i.src, i.alt])).toEqual([['https://port.example/img/wave.gif', 'A wave']]);
    // Variants of one picture for screens of several sizes (AMP's media attribute): one image, the first.
    const variants = ['304', '448', '568'].map((w, k) => `<amp-img src="/img/banner-${w}.jpg" width="${w}" height="90" media="(min-width: ${k * 360}px)" alt="Banner"></amp-img>`).join('\n');
    const banner = cleanText(articleWith(`<figure>${variants}<figcaption>The spring timetable.</figcaption></figure>`, head));
    expect(banner.images.map((i) => i.src)).toEqual(['https://port.example/img/banner-304.jpg']);
    // A small one is an icon, as an <img> of that size is.
    const icon = cleanText(articleWith('<p><amp-img src="/img/dot.png" width="1" height="1"></amp-img></p>', head));
    expect(icon.images).toEqual([]);
  });

  it('leaves out icons, tracking pixels, images of the chrome and repeats of the same picture', () => {
    const body = '<img src="/pixel.gif" width="1" height="1"><figure><img src="a.jpg"><figcaption>A caption of the picture.</figcaption></figure><img src="a.jpg">';
    const document = cleanText(page({ head, body: `<nav><a href="/"><img src="/logo.png"></a><a href="/a">Home</a></nav><main><article><h1>Annual report</h1><p>${PROSE[0]}</p>${body}<p>${PROSE[1]}</p></article></main>` }));
    expect(document.images.map((i) => i.src)).toEqual(['https://port.example/news/a.jpg']);
  });

  /** The lead photo under the headline and byline, with no caption, was dropped: an image needed body on both sides. */
  it('keeps the lead image between the headline (byline) and the first paragraph: a picture, or the page\'s stated image', () => {
    const lead = (image: string, extraHead = '') =>
      cleanText(page({ head: head + extraHead, body: `<nav><a href="/">Home</a> <a href="/news">News</a></nav><main><article><h1>Annual report</h1><p class="byline">By Maria Okafor</p>${image}<p>${PROSE[0]}</p><p>${PROSE[1]}</p></article></main>` })).images;
    expect(lead('<img src="/img/ferry.jpg" alt="The ferry" width="1200" height="800">')).toEqual([{ src: 'https://port.example/img/ferry.jpg', alt: 'The ferry', caption: null, segment: 0 }]);
    // With no size: the page's stated image (og:image), another size variant of the same file.
    expect(lead('<img src="/img/ferry-768x512.jpg" alt="">', '<meta property="og:image" content="https://port.example/img/ferry.jpg">').map((i) => i.src)).toEqual(['https://port.example/img/ferry-768x512.jpg']);
    // Not an author's photo, an avatar, a linked logo, an image of no size that is not the stated one.
    expect(lead('<img src="/img/maria.jpg" alt="Maria Okafor" width="96" height="96">')).toEqual([]);
    expect(lead('<a href="/"><img src="/img/logo.png" width="400" height="300"></a>')).toEqual([]);
    expect(lead('<img src="/img/share.svg">', '<meta property="og:image" content="https://port.example/img/ferry.jpg">')).toEqual([]);
  });
});
