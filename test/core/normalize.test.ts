/**
 * Normalization of segment text: character references decoded, Unicode NFC, whitespace
 * collapsed, zero-width characters and soft hyphens removed, <pre> line breaks kept; and the
 * document-level rule on repeats (see src/core/document.ts): a layout copy of body text (a
 * paragraph rendered twice, a run of blocks repeated together) and every repeated caption are
 * dropped, while short body text that repeats among other text (table cells, list items,
 * ingredients) and repeated ad and legal slots are kept.
 */
import { describe, expect, it } from 'vitest';
import { collapseWhitespace, normalizeText, wellFormedText } from '../../src/core/normalize.js';
import { prng } from '../../scripts/prng.js';
import { article, cleanBytes, cleanText, encode, segmentWith } from './helpers.js';

describe('NFC below U+0300', () => {
  it('leaves every character below U+0300 and every pair of them as they are (what normalizeText takes for Latin text)', () => {
    for (let a = 0; a < 0x300; a++) {
      const first = String.fromCharCode(a);
      expect(first.normalize('NFC')).toBe(first);
      for (let b = 0; b < 0x300; b++) {
        const pair = first + String.fromCharCode(b);
        if (pair.normalize('NFC') !== pair) expect(pair.normalize('NFC')).toBe(pair);
      }
    }
  });

  it('composes and bounds marks as before in a text that also holds a no-break space', () => {
    expect(normalizeText('Cafe\u0301\u00a0cre\u0300me')).toBe('Café crème');
    expect(normalizeText('x\u00a0\u00e9t\u00e9\u00ad')).toBe('x été');
  });
});

describe('wellFormedText', () => {
  it('turns lone surrogates into U+FFFD and keeps surrogate pairs', () => {
    expect(wellFormedText('a\ud800b \udc00c \ud83d\ude00 d\ud83d')).toBe('a\ufffdb \ufffdc \ud83d\ude00 d\ufffd');
  });

  it('removes C0 controls, DEL and bidi embeddings, overrides and isolates; keeps white space, joiners and marks', () => {
    expect(wellFormedText('a\u0000b\u0007c\u001bd\u007fe\u202ef\u202ag\u2066h\u2069')).toBe('abcdefgh');
    expect(wellFormedText('tab\tline\nform\fcr\r zwj\u200d zwnj\u200c rlm\u200f')).toBe('tab\tline\nform\fcr\r zwj\u200d zwnj\u200c rlm\u200f');
  });

  /**
   * ESC starts a terminal's control sequence (ECMA-48 CSI: ESC [ parameters, intermediates, a final
   * byte): with ESC alone removed, a text scrape of a terminal's output kept "[31m" and "[0m" in its
   * words. The whole sequence is the control; an ESC without a sequence is removed alone as before.
   */
  it('removes an ANSI control sequence whole (ESC [ … final byte), not its ESC alone', () => {
    expect(wellFormedText('Line with \u001b[31mred\u001b[0m and \u001b[1;32mbold green\u001b[m text')).toBe('Line with red and bold green text');
    expect(wellFormedText('cursor\u001b[2K\u001b[10;20H here')).toBe('cursor here');
    expect(wellFormedText('lone \u001b escape and [31m without one')).toBe('lone  escape and [31m without one');
  });

  it('returns the same string when there is nothing to change', () => {
    const text = 'Fährbetrieb 😀 نیم‌فاصله';
    expect(wellFormedText(text)).toBe(text);
  });
});

describe('normalizeText', () => {
  it('removes zero-width spaces, the word joiner, stray BOMs, direction marks and soft hyphens', () => {
    expect(normalizeText('soft\u00adhyphen zero\u200bwidth word\u2060joiner b\ufeffom ltr\u200emark rtl\u200fmark')).toBe(
      'softhyphen zerowidth wordjoiner bom ltrmark rtlmark',
    );
  });

  it('keeps the joiners ZWNJ and ZWJ (issue 13 §5): Persian, Indic scripts and emoji sequences need them', () => {
    for (const text of ['می‌خواهم کتاب‌ها', 'क्‍ष क्‌ष', '👨‍👩‍👧 🏳️‍🌈']) expect(normalizeText(text)).toBe(text);
  });

  it('removes C1 controls too (windows-1252\'s undefined bytes decode to them)', () => {
    expect(normalizeText('a\u0081b\u008dc\u0090d\u009de\u0085f')).toBe('abcdef');
  });

  it('keeps at most 30 combining marks in a row (UAX #15), so NFC stays linear', () => {
    const zalgo = 'a' + '\u0301\u0323'.repeat(50_000) + ' b';
    const text = normalizeText(zalgo);
    expect(text).toBe(('a' + '\u0301\u0323'.repeat(15)).normalize('NFC') + ' b');
    // Real text is never cut: Vietnamese and Devanagari stack two or three marks.
    for (const real of ['Tiếng Việt có dấu ngã ỗ', 'हिन्दी शब्द क्‍ष्म्य']) expect(normalizeText(real)).toBe(real.normalize('NFC'));
  });

  it('composes to NFC', () => {
    const text = normalizeText('Cafe\u0301 re\u0301sume\u0301 A\u030a');
    expect(text).toBe('Caf\u00e9 r\u00e9sum\u00e9 \u00c5');
    expect(text).toBe(text.normalize('NFC'));
  });

  it('gives a text it would not change as it is, and still changes one character away from it', () => {
    const normal = ['Crème brûlée, “quoted” — and… •bullets‰ ʻokina', 'x', 'a-b_c 12:30'];
    for (const text of normal) expect(normalizeText(text)).toBe(text);
    // One character of each kind the scan leaves to the steps, at an edge and inside.
    const changed: Array<[string, string]> = [
      [' a b', 'a b'], ['a b ', 'a b'], ['a  b', 'a b'], ['a\tb', 'a b'], ['a\u00a0b', 'a b'], ['a\u2000b', 'a b'], ['a\u202fb', 'a b'], ['a\u205fb', 'a b'],
      ['a\u00adb', 'ab'], ['a\u0085b', 'ab'], ['a\u0001b', 'ab'], ['a\u200bb', 'ab'], ['a\u2060b', 'ab'], ['a\u202eb', 'ab'], ['a\ufeffb', 'ab'],
      ['e\u0301', '\u00e9'], ['\u200da', 'a'], ['a\ud800', 'a\ufffd'],
    ];
    for (const [raw, text] of changed) expect(normalizeText(raw), JSON.stringify(raw)).toBe(text);
  });

  it('takes the short way (white space collapsed alone) only where every step gives the same text', () => {
    // The steps as they were before any short way: well-formed, invisible characters and long mark runs out, edge
    // joiners off, NFC, white space collapsed.
    const everyStep = (raw: string): string =>
      collapseWhitespace(
        wellFormedText(raw)
          .replace(/[\u200B\u200E\u200F\u2060\uFEFF\u00AD]/g, '')
          .replace(/(\p{M}{30})\p{M}+/gu, '$1')
          .replace(/^[\s\u200C\u200D]+|[\s\u200C\u200D]+$/g, '')
          .normalize('NFC'),
      );
    // Characters the scan takes as they are, ASCII white space, and one of each kind that needs the steps.
    const alphabet = ['a', 'Z', 'é', '’', '—', '…', '•', 'ʻ', '\u00ff', '\u02ff', ' ', '\t', '\n', '\r', '\u000b', '\u000c', '\u00a0', '\u2000', '\u0301', '\u200d', '\u00ad', '\u0001', '\ud800', '\u3000'];
    const random = prng(20261205);
    const next = (n: number): number => Math.floor(random() * n);
    for (let k = 0; k < 5000; k++) {
      // Mostly the first two groups, so that many texts take the short way.
      const raw = Array.from({ length: 1 + next(12) }, () => alphabet[next(5) === 0 ? next(alphabet.length) : next(16)]).join('');
      expect(normalizeText(raw), JSON.stringify(raw)).toBe(everyStep(raw));
    }
  });

  it('collapses every kind of white space, no-break and em spaces included, and trims', () => {
    expect(normalizeText('  a \t\t b\r\n\r\n c\u00a0\u00a0d\u2003e\u2009f  ')).toBe('a b c d e f');
    expect(collapseWhitespace('\n x \n')).toBe('x');
  });

  it('collapses each run of white space to one space as /\\s+/ finds the runs, its pattern leaving a lone space alone (every BMP character, and generated text)', () => {
    const everyRun = (text: string): string => text.replace(/\s+/g, ' ').trim();
    // Preformatted text: the steps of normalizeText with the runs of white space but line feeds found as /[^\S\n]+/ finds them.
    const steps = (raw: string): string =>
      wellFormedText(raw)
        .replace(/[\u200B\u200E\u200F\u2060\uFEFF\u00AD]/g, '')
        .replace(/(\p{M}{30})\p{M}+/gu, '$1')
        .replace(/^[\s\u200C\u200D]+|[\s\u200C\u200D]+$/g, '')
        .normalize('NFC');
    const horizontal = (text: string): string => normalizeText(text, true) === steps(text).replace(/\r\n?/g, '\n').replace(/[^\S\n]+/g, ' ').split('\n').map((line) => line.trim()).join('\n').replace(/\n{3,}/g, '\n\n').trim() ? '' : text;
    const wrong: string[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const c = String.fromCharCode(code);
      for (const text of [c, ` ${c}`, `a${c}b`, `a ${c} b`, `a${c}${c} b`, `${c} `, `a ${c}\n${c} b`]) {
        if (collapseWhitespace(text) !== everyRun(text) || horizontal(text) !== '') wrong.push(`U+${code.toString(16).padStart(4, '0')} in ${JSON.stringify(text)}`);
      }
    }
    expect(wrong.slice(0, 10)).toEqual([]);
    const alphabet = [' ', ' ', ' ', '\t', '\n', '\r', '\u000b', '\u00a0', '\u2003', '\u3000', '\ufeff', 'a', 'b', 'é'];
    const random = prng(20261207);
    for (let k = 0; k < 5000; k++) {
      const text = Array.from({ length: 1 + Math.floor(random() * 14) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
      expect(collapseWhitespace(text), JSON.stringify(text)).toBe(everyRun(text));
      expect(horizontal(text), JSON.stringify(text)).toBe('');
    }
  });

  it('keeps line breaks in preformatted text, collapsing runs of blank lines', () => {
    expect(normalizeText('line one\r\n    indented   line two\n\n\n\nline three\n', true)).toBe('line one\nindented line two\n\nline three');
  });

  it('leaves plain ASCII alone apart from white space', () => {
    expect(normalizeText('Plain ASCII, with punctuation: (a) [b] {c} & "d".')).toBe('Plain ASCII, with punctuation: (a) [b] {c} & "d".');
  });
});

describe('segments of a cleaned page', () => {
  const paragraphs = [
    'The caf&eacute; &amp; the bar &mdash; &#8220;open&#8221; &#x2014; every day, said the owner, who has run both since 1990.',
    'Soft\u00adhyphen and zero\u200bwidth characters vanish from this paragraph, which is long enough to be prose.',
    'Decomposed accents in Cafe\u0301 and re\u0301sume\u0301 are composed into single code points for search.',
    'Lots   of \n\n white\t\tspace   \r\n inside  this paragraph, which is quite long enough to count as prose.',
  ];
  const document = cleanText(article(paragraphs));

  it('decodes named, decimal and hexadecimal character references', () => {
    expect(segmentWith(document, 'every day')?.text).toBe('The café & the bar — “open” — every day, said the owner, who has run both since 1990.');
  });

  it('removes invisible characters', () => {
    expect(segmentWith(document, 'vanish')?.text).toBe('Softhyphen and zerowidth characters vanish from this paragraph, which is long enough to be prose.');
  });

  it('is NFC', () => {
    expect(segmentWith(document, 'Decomposed')?.text).toContain('Caf\u00e9 and r\u00e9sum\u00e9');
    for (const segment of document.segments) expect(segment.text).toBe(segment.text.normalize('NFC'));
  });

  it('collapses white space', () => {
    expect(segmentWith(document, 'Lots of')?.text).toBe('Lots of white space inside this paragraph, which is quite long enough to count as prose.');
    for (const segment of document.segments) expect(segment.text).not.toMatch(/^\s|\s$|\s{2}/);
  });

  it('bodyText joins the body segments with blank lines', () => {
    expect(document.bodyText).toBe(document.segments.filter((s) => s.type === 'body').map((s) => s.text).join('\n\n'));
  });

  it('normalizes plain-text scrapes the same way', () => {
    const text = 'Soft\u00adhyphen and zero\u200bwidth characters vanish from this plain text line, as in HTML.\n\nCafe\u0301   and   more   spaces in a second paragraph that ends properly.\n';
    const plain = cleanBytes(encode(text, 'utf-8'), 'page.txt');
    expect(plain.segments.map((s) => s.text)).toEqual([
      'Softhyphen and zerowidth characters vanish from this plain text line, as in HTML.',
      'Caf\u00e9 and more spaces in a second paragraph that ends properly.',
    ]);
  });
});

describe('repeats', () => {
  const first = 'The harbour ferry resumed service on Monday after a week of repairs to its engine, officials said.';
  const second = 'Passengers queued from dawn, and the first crossing left on time with every seat taken.';
  const third = 'The operator said a second vessel would join the route in the spring if demand holds.';
  const caption = 'The ferry at the north quay on Monday. Photo: Jane Roe/Getty Images';
  const disclaimer = "Views expressed in this article are the author's own and do not reflect the views of the publisher.";
  const figure = `<figure><img src="ferry.jpg" alt=""><figcaption>${caption}</figcaption></figure>`;
  const body = `<main><article>
    <p>${first}</p>${figure}<p>${second}</p>
    <div class="ad-slot"><p>Advertisement</p></div>
    <p>${third}</p>
    <div class="ad-slot"><p>Advertisement</p></div>
    <p>${disclaimer}</p>${figure}<p>${first}</p><p>${disclaimer}</p>
  </article></main>`;
  const document = cleanText(`<!DOCTYPE html><html><head><title>Ferry</title></head><body>${body}</body></html>`, 'page.html', null, { explain: true });
  const texts = (type: string): string[] => document.segments.filter((s) => s.type === type).map((s) => s.text);

  it('drops an exact repeat of a body paragraph (desktop and mobile markup)', () => {
    expect(texts('body')).toEqual([first, second, third]);
  });

  it('drops an exact repeat of a caption (gallery and lightbox)', () => {
    expect(texts('caption')).toEqual([caption]);
  });

  it('keeps every ad slot: each marks its own place in the page', () => {
    expect(texts('ad')).toEqual(['Advertisement', 'Advertisement']);
  });

  it('keeps a repeated legal notice', () => {
    expect(texts('legal')).toEqual([disclaimer, disclaimer]);
  });

  it('says why a repeat was dropped when explaining', () => {
    expect(document.dropped?.filter((d) => d.reason === 'repeat').map((d) => d.text)).toEqual([caption, first]);
  });
});

describe('repeats that are content', () => {
  const intro = 'The shop sells three mugs this season, each thrown by hand in the studio behind the counter.';
  const outro = 'Every mug is dishwasher safe, and the glaze is free of lead, the potter said on Tuesday.';
  const spec = (rows: ReadonlyArray<readonly [string, string]>): string => `<ul>${rows.map(([k, v]) => `<li>${k}</li><li>${v}</li>`).join('')}</ul>`;
  const rows = [['Capacity', '350 ml'], ['Height', '9 cm'], ['Glaze', 'Speckled white'], ['Weight', '300 g']] as const;
  const again = [['Capacity', '450 ml'], ['Height', '10 cm'], ['Glaze', 'Speckled blue'], ['Weight', '340 g']] as const;
  const menuCopy = '<ul class="mobile"><li>Sizes and prices for the whole range</li><li>Care instructions for glazed stoneware</li><li>Where the clay comes from</li></ul>';
  const body = `<main><article><p>${intro}</p>${menuCopy}${spec(rows)}<p>Second mug.</p>${spec(again)}${menuCopy}<p>${outro}</p></article></main>`;
  const document = cleanText(`<!DOCTYPE html><html><head><title>Mugs</title></head><body>${body}</body></html>`, 'page.html', null, { explain: true });
  const bodyTexts = document.segments.filter((s) => s.type === 'body').map((s) => s.text);

  it('keeps short body text that repeats among other text (specification cells)', () => {
    expect(bodyTexts.filter((t) => t === 'Height')).toHaveLength(2);
    expect(bodyTexts.filter((t) => t === 'Glaze')).toHaveLength(2);
  });

  it('drops a run of blocks repeated together (the same list rendered twice)', () => {
    expect(bodyTexts.filter((t) => t === 'Sizes and prices for the whole range')).toHaveLength(1);
    expect(document.dropped?.filter((d) => d.reason === 'repeat').map((d) => d.text)).toEqual(['Sizes and prices for the whole range', 'Care instructions for glazed stoneware', 'Where the clay comes from']);
  });
});
