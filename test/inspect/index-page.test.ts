import { describe, expect, it } from 'vitest';
import { scoreSegments, type GoldPage } from '../../src/eval/score.js';
import { renderIndex, type IndexEntry } from '../../src/inspect/index.js';
import { HOSTILE_STRINGS, makeDocument, parse, RENDERER_TAGS, segment } from './helpers.js';

const doc = (title: string, texts: string[]) => makeDocument({ title, segments: texts.map((t) => segment('body', t)), dropped: [{ text: 'Home', tag: 'li', reason: 'context:chrome' }] });
const gold = (...labels: GoldPage['labels']): GoldPage => ({ labels });

const entries: IndexEntry[] = [
  { name: 'b-clean.html', report: 'b-clean.inspect.html', document: doc('All right', ['One.', 'Two.']), gold: gold({ class: 'body', text: 'One.' }, { class: 'body', text: 'Two.' }) },
  { name: 'a-unlabelled.html', report: 'a-unlabelled.inspect.html', document: doc('No labels', ['Alone.']) },
  { name: 'c-bad.html', report: 'c-bad.inspect.html', document: doc('Three wrong', ['X.']), gold: gold({ class: 'ad', text: 'X.' }, { class: 'body', text: 'Gone.' }, { class: 'legal', text: 'Also gone.' }) },
  { name: 'd-one.html', report: 'd-one.inspect.html', document: doc('One wrong of two', ['Y.']), gold: gold({ class: 'body', text: 'Y.' }, { class: 'caption', text: 'Missing.' }) },
  { name: 'e-one-of-one.html', report: 'sub/e.inspect.html', document: doc('One wrong of one', ['Z.']), gold: gold({ class: 'caption', text: 'Z.' }) },
  { name: 'z-refused.bin', report: 'z-refused.inspect.html', failure: { name: 'z-refused.bin', bytes: 10, code: 'BINARY_INPUT', message: 'not text' } },
];

describe('the index of a directory', () => {
  it('lists every page, worst first: refused, then most wrong snippets (count, then share), then unlabelled', () => {
    const $ = parse(renderIndex(entries, { input: 'pages/', goldSource: 'gold.json', goldPagesNotInspected: ['missing.html'] }));
    expect($('table.pages tbody tr').map((_, el) => $(el).attr('data-page')).get()).toEqual(['z-refused.bin', 'c-bad.html', 'e-one-of-one.html', 'd-one.html', 'b-clean.html', 'a-unlabelled.html']);
    expect($('tr[data-page="c-bad.html"] .gold-cell').attr('data-wrong')).toBe('3');
    expect($('tr[data-page="c-bad.html"] .errors-list li').length).toBe(3);
    expect($('tr[data-page="c-bad.html"] .errors-list a').first().attr('href')).toBe('./c-bad.inspect.html#gold-1');
    expect($('tr[data-page="z-refused.bin"]').text()).toContain('BINARY_INPUT');
    expect($('tr[data-page="a-unlabelled.html"] td.none').text()).toBe('no labels');
    expect($('tr[data-page="e-one-of-one.html"] a').first().attr('href')).toBe('./sub/e.inspect.html');
    expect($('.summary').text()).toBe('6 pages, 5 cleaned, 1 not cleaned.');
    expect($('.gold-summary').text()).toContain('1 labelled page was not among the inputs and is not scored: missing.html.');
  });

  it('shows per-class counts of each page and the scores of the eval over the labelled pages', () => {
    const $ = parse(renderIndex(entries, { input: 'pages/', goldSource: 'gold.json' }));
    expect($('tr[data-page="b-clean.html"] td[data-class="body"]').text()).toBe('2');
    expect($('tr[data-page="b-clean.html"] td[data-class="chrome"]').text()).toBe('1');
    const labelled = entries.filter((e) => e.gold);
    const { scores } = scoreSegments(Object.fromEntries(labelled.map((e) => [e.name, e.gold!])), Object.fromEntries(labelled.map((e) => [e.name, e.document!])));
    expect($('.macro').text()).toBe(scores.macro_f1.toFixed(3));
    expect($('tr[data-class="body"] td').eq(4).text()).toBe(scores.classes.body.f1.toFixed(3));
    expect(Number($('g.bar[data-class="body"][data-measure="segments"] text.value').attr('data-value'))).toBe(6);
  });

  it('sorts by name without gold labels, refused pages first', () => {
    const $ = parse(renderIndex(entries.map(({ gold: _g, ...e }) => e), { input: 'pages/' }));
    expect($('table.pages tbody tr').map((_, el) => $(el).attr('data-page')).get()).toEqual(['z-refused.bin', 'a-unlabelled.html', 'b-clean.html', 'c-bad.html', 'd-one.html', 'e-one-of-one.html']);
    expect($('.gold-summary').length).toBe(0);
    expect($('th').text()).not.toContain('gold');
  });

  it.each(HOSTILE_STRINGS)('keeps page names and titles %j as text', (text) => {
    const $ = parse(renderIndex([{ name: text, report: `${text}.inspect.html`, document: doc(text, ['x']) }], { input: text }));
    $('*').each((_, el) => {
      const e = el as unknown as { tagName: string; attribs: Record<string, string> };
      expect(RENDERER_TAGS.has(e.tagName)).toBe(true);
      expect(Object.keys(e.attribs).filter((a) => /^on/i.test(a))).toEqual([]);
    });
    expect($('tr').last().attr('data-page')).toBe(text.replace(/\r\n?/g, '\n'));
    expect($('td.page a').text()).toBe(text.replace(/\r\n?/g, '\n'));
    expect($('td.page a').attr('href')).toMatch(/^\.\//);
    expect($('h1').text()).toBe(text.replace(/\r\n?/g, '\n'));
  });
});
