/**
 * Words at the borders of inline elements (src/core/html/walk.ts separateNext): sibling inline elements whose
 * words touch are set apart on screen by the page's style, so their words are two, not one; a text next to an
 * element is joined as written.
 */
import { describe, expect, it } from 'vitest';
import { walk } from '../../src/core/html/walk.js';
import { parseHtml } from '../../src/core/parse.js';
import { Watchdog } from '../../src/core/watchdog.js';

const texts = (body: string): string[] => {
  const html = `<!DOCTYPE html><html><head><title>t</title></head><body>${body}</body></html>`;
  return walk(parseHtml(html, new Watchdog(60_000), { maxNodes: 100_000 }), new Watchdog(60_000)).blocks.map((block) => block.text);
};

describe('words at inline element borders', () => {
  it('sets apart the words of sibling inline elements: metadata items, tag links, brand and name, label and value', () => {
    expect(texts('<div><span class="item">2001</span><span class="item">2h 58m</span><span class="item">PG-13</span></div>')).toEqual(['2001 2h 58m PG-13']);
    expect(texts('<div><a href="/t/strategy">Strategy</a><a href="/t/roguelike">Roguelike</a></div>')).toEqual(['Strategy Roguelike']);
    expect(texts('<h2><span class="brand">Osprey</span><span class="name">Atmos AG 50 Pack</span></h2>')).toEqual(['Osprey Atmos AG 50 Pack']);
    // Through nested and empty elements, comments, and in a data table's cell.
    expect(texts('<p><span>Windproof<i class="icon"></i></span><span>6<!-- -->/<!-- -->6</span></p>')).toEqual(['Windproof 6/6']);
    expect(texts('<table><tr><th>Size</th><th>Price</th></tr><tr><td><span>Large</span><span>Box</span></td><td>10</td></tr></table>')[0]).toContain('Large Box');
  });

  it('keeps what the page joins: text beside an element, punctuation, code, and scripts written without spaces', () => {
    expect(texts('<p>E = mc<sup>2</sup> and <b>W</b>ords, a <a href="/x">link</a>, $19<sup>99</sup></p>')).toEqual(['E = mc2 and Words, a link, $1999']);
    expect(texts('<p><span>4</span><span>.</span><span>49</span> <span>(</span><span>new</span><span>)</span></p>')).toEqual(['4.49 (new)']);
    expect(texts('<p>Call <code><span class="n">get</span><span class="n">Value</span></code> now.</p>')).toEqual(['Call getValue now.']);
    expect(texts('<pre><span>let</span><span>x</span></pre>')).toEqual(['letx']);
    expect(texts('<p><span>東京</span><span>大阪</span></p>')).toEqual(['東京大阪']);
    // A drop cap: the paragraph's first letter in an element of its own.
    expect(texts('<p><strong><span class="initial">I</span></strong><span>f you plan an event, book early.</span></p>')).toEqual(['If you plan an event, book early.']);
    // A letter a word processor set in a span of its own (a font's fallback for the accented letter).
    expect(texts('<p>the <span class="s5">Ch</span><span class="s5">â</span><span class="s5">teau de Versailles</span></p>')).toEqual(['the Château de Versailles']);
    // A lone number is no drop cap: the list's numbers stay apart from the titles.
    expect(texts('<div><a href="/r/1"><span class="n">1</span><span>2025 Threat Report</span></a></div>')).toEqual(['1 2025 Threat Report']);
  });

  it('leaves a space the page has as it was', () => {
    expect(texts('<p><span>one</span> <span>two</span></p>')).toEqual(['one two']);
    expect(texts('<p><span>one </span><span>two</span></p>')).toEqual(['one two']);
  });
});

describe('icon fonts that draw a word as a glyph', () => {
  it("reads no Material Icons or Material Symbols glyph name: a rating's stars, a field's icon", () => {
    // Before: "Rated star star star star star_half 4.5", "email Your e-mail address".
    const stars = ['star', 'star', 'star', 'star', 'star_half'].map((name) => `<i class="material-icons">${name}</i>`).join('');
    expect(texts(`<p><span>Rated</span>${stars}<span>4.5</span></p>`)).toEqual(['Rated 4.5']);
    expect(texts('<p><span class="material-symbols-outlined icon">email</span>Your e-mail address</p>')).toEqual(['Your e-mail address']);
    expect(texts('<p><i class="pp-form-material-icons">visibility</i>Show the password</p>')).toEqual(['Show the password']);
    // A class that only names the font's family in a longer word is no icon.
    expect(texts('<p><span class="material-iconsish">Words</span> stay</p>')).toEqual(['Words stay']);
  });
});
