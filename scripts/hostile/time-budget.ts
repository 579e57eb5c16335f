/**
 * Issue 13 §1: every stage keeps the time budget and is linear in its input. Inputs under the
 * size limits whose shape makes one stage slow: long runs of combining marks (Unicode
 * normalization was quadratic on them: a 20 MB page ran more than 200 s), and the shapes that make
 * a conformant HTML parser slow (deep nesting, misnested formatting elements it reconstructs,
 * nodes it moves out of tables), on pages sent to it by a construct it must read.
 */
import { FUNCTION_HEAP_MB, MB, SENTENCES, TIGHT_HEAP_MB, all, article, documentExpected, errorExpected, fill, inOrder, page, paragraph, utf8, type AdversarialCase } from './kit.js';

const CLASS = '§1 time budget';
/** A construct that sends a page to the conformant parser (a comment ended by `--!>`), so its costs are the ones measured. */
const TO_CONFORMANT = '<!-- sent to the conformant parser --!>';
/**
 * The heap the conformant parser's memory cases must clean within: 16-20 MB single tokens take it
 * to about 200 MB (htmlparser2 stays under 160 MB on the same pages); far below the function's 1769 MB.
 */
const CONFORMANT_HEAP_MB = 320;

export const TIME_BUDGET_CASES: readonly AdversarialCase[] = [
  {
    name: 'combining-marks-20mb.html',
    description: 'a 20 MB page of letters each under a run of 100,000 combining marks (NFC was quadratic on it)',
    issueClass: CLASS,
    expect: documentExpected(),
    heavy: true,
    heapMb: TIGHT_HEAP_MB,
    check: inOrder(SENTENCES),
    bytes: () => utf8(page(`<main><article><h1>Harbour ferry resumes</h1>${SENTENCES.map((s) => `<p>${s}</p>`).join('')}<p>${fill(10 * MB, (i) => (i % 2 === 0 ? 'a' : '\u0301\u0323\u0308'.repeat(33_333)))}</p></article></main>`)),
  },
  {
    name: 'combining-marks-blocks.html',
    description: '20,000 paragraphs, each a word under 500 combining marks in and out of canonical order',
    issueClass: CLASS,
    expect: documentExpected(),
    check: inOrder(SENTENCES),
    bytes: () => utf8(page(article(Array.from({ length: 20_000 }, (_, i) => `<p>w${i}${'\u0323\u0301'.repeat(250)}</p>`).join('')))),
  },
  {
    name: 'conformant-nested-100k.html',
    description: '100,000 nested elements on a page the conformant parser reads (scope lookups walk the stack)',
    issueClass: CLASS,
    expect: documentExpected(),
    heavy: true,
    heapMb: FUNCTION_HEAP_MB,
    bytes: () => utf8(page(`${TO_CONFORMANT}${'<div>level '.repeat(100_000)}the innermost paragraph.${'</div>'.repeat(100_000)}`)),
  },
  {
    name: 'conformant-formatting-50k.html',
    description: '50,000 unclosed formatting elements, each different, then paragraphs: the parser reconstructs them before every text',
    issueClass: CLASS,
    expect: documentExpected(),
    heavy: true,
    heapMb: FUNCTION_HEAP_MB,
    bytes: () => utf8(page(`${TO_CONFORMANT}${Array.from({ length: 50_000 }, (_, i) => `<b class="c${i}">`).join('')}${Array.from({ length: 2_000 }, (_, i) => `<p>${paragraph(i)}</p>`).join('')}`)),
  },
  {
    name: 'conformant-misnested-100k.html',
    description: '100,000 misnested formatting pairs (<b><i></b></i>): the adoption agency runs on each',
    issueClass: CLASS,
    expect: documentExpected(),
    heavy: true,
    heapMb: FUNCTION_HEAP_MB,
    bytes: () => utf8(page(`${TO_CONFORMANT}<p>${'<b>a<i>b</b>c</i>'.repeat(100_000)}</p>${article()}`)),
  },
  {
    name: 'conformant-foster-100k.html',
    description: 'a table with 100,000 stray text runs and elements: each moved before the table',
    issueClass: CLASS,
    expect: documentExpected(),
    heavy: true,
    heapMb: FUNCTION_HEAP_MB,
    bytes: () => utf8(page(`<table>${Array.from({ length: 100_000 }, (_, i) => `stray ${i}<span>s${i}</span>`).join('')}<tr><td>cell</td></tr></table>${article()}`)),
  },
  {
    name: 'conformant-dense-3m.html',
    description: '<p> three million times on a page the conformant parser reads: the maxNodes limit holds there too',
    issueClass: CLASS,
    expect: errorExpected('TOO_LARGE'),
    heavy: true,
    heapMb: FUNCTION_HEAP_MB,
    bytes: () => utf8(page(`${TO_CONFORMANT}${'<p>'.repeat(3_000_000)}`)),
  },
  {
    name: 'conformant-siblings-1m.html',
    description: '1,000,000 sibling elements with their text (2 million nodes, under maxNodes) on a page the conformant parser reads: its tree costs what htmlparser2\'s does',
    issueClass: CLASS,
    expect: documentExpected(),
    heavy: true,
    heapMb: FUNCTION_HEAP_MB,
    bytes: () => utf8(page(`${TO_CONFORMANT}<main>${Array.from({ length: 1_000_000 }, (_, i) => `<div>item ${i}</div>`).join('')}</main>`)),
  },
  {
    name: 'conformant-huge-30mb.html',
    description: 'a 30 MB page of paragraphs with a NUL byte near its start: the conformant parser reads all of it',
    issueClass: CLASS,
    expect: documentExpected(),
    heavy: true,
    heapMb: FUNCTION_HEAP_MB,
    check: all(inOrder([paragraph(0), paragraph(1)])),
    bytes: () => utf8(page(`<p>nul\u0000</p>${fill(30 * MB, (i) => `<p>${paragraph(i)}</p>`)}`)),
  },
  ...(
    [
      ['text-node', '20 MB of prose in one paragraph', () => `<p>${fill(20 * MB, (i) => SENTENCES[i % SENTENCES.length]! + ' ')}</p>`],
      ['word', 'a 16 MB word', () => `<p>${'x'.repeat(16 * MB)}</p>`],
      ['whitespace', '16 MB of white space in a <pre>', () => `<pre>a${' \n'.repeat(8 * MB)}b</pre>`],
      ['attribute', 'a 16 MB class attribute', () => `<div class="${'articleBody-'.repeat(16 * MB / 12)}"><p>${SENTENCES[0]}</p></div>`],
      ['comment', 'a 16 MB comment', () => `<!--${'note '.repeat(16 * MB / 5)}--><p>${SENTENCES[0]}</p>`],
      ['title', 'a 16 MB title', () => `<title>${'Ferry '.repeat(16 * MB / 6)}</title><p>${SENTENCES[0]}</p>`],
    ] as const
  ).map(([name, what, body]): AdversarialCase => ({
    name: `conformant-${name}-16mb.html`,
    description: `${what} on a page the conformant parser reads: it appends a token's characters one by one (32 bytes each until read), so long runs are bounded first`,
    issueClass: CLASS,
    expect: documentExpected(),
    heavy: true,
    heapMb: CONFORMANT_HEAP_MB,
    check: inOrder([SENTENCES[0]!]),
    bytes: () => utf8(page(`${TO_CONFORMANT}<p>${SENTENCES[0]}</p>${body()}<p>${SENTENCES[1]}</p>`)),
  })),
  {
    name: 'conformant-attributes-1m.html',
    description: '30,000 elements with 100 attributes each (3 million) on a page the conformant parser reads: maxNodes holds',
    issueClass: CLASS,
    expect: errorExpected('TOO_LARGE'),
    heavy: true,
    heapMb: FUNCTION_HEAP_MB,
    bytes: () => utf8(page(`${TO_CONFORMANT}<p>${`<br${Array.from({ length: 100 }, (_, i) => ` a${i}=${i}`).join('')}>`.repeat(30_000)}</p>`)),
  },
];
