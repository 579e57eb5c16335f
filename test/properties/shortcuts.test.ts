/**
 * Shortcuts the classifier takes for speed, held to the computation they stand in for: a
 * shortcut may only skip work whose answer it knows.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ECHO_KEY_EMPTY, ECHO_KEY_INITIAL_UNKNOWN, echoKey, echoKeyInitial, echoKeyScreen } from '../../src/core/classifier/echoes.js';
import { wordCount } from '../../src/core/classifier/measures.js';
import { stopwordsFor, textFigures } from '../../src/core/classifier/features.js';

const RUNS = { seed: 20_261_126, numRuns: 2_000 } as const;

/** What echoKeyInitial must answer: the key's first code, or the key is empty. */
function expectedInitial(text: string): number {
  const key = echoKey(text);
  return key === '' ? ECHO_KEY_EMPTY : key.charCodeAt(0);
}

/** The characters echoKey turns into spaces, as its pattern in src/core/classifier/echoes.ts states them. */
const SEPARATORS = /[\s!-/:-@[-`{-~\u00a0-\u00bf\u2000-\u206f\u2e00-\u2e7f\u3000-\u303f\uff01-\uff0f]/g;

/** Unknown exactly when the first word character is not ASCII; otherwise the key's first code. */
function agrees(text: string): boolean {
  const initial = echoKeyInitial(text);
  const firstWordCode = text.replace(SEPARATORS, '').charCodeAt(0);
  if (initial === ECHO_KEY_INITIAL_UNKNOWN) return firstWordCode >= 0x80;
  return firstWordCode < 0x80 || Number.isNaN(firstWordCode) ? initial === expectedInitial(text) : false;
}

describe('echoKeyInitial', () => {
  it('gives the first character of echoKey for every BMP character, alone and after separators', () => {
    const wrong: string[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      const c = String.fromCharCode(code);
      for (const text of [c, ` \u00a0«${c}`, `${c}x`, `—\u3000${c} y`]) {
        if (!agrees(text)) wrong.push(`U+${code.toString(16).padStart(4, '0')} in ${JSON.stringify(text)}`);
      }
    }
    expect(wrong.slice(0, 10)).toEqual([]);
  });

  it('answers unknown only for a non-ASCII first word character', () => {
    expect(echoKeyInitial('  «Élysée»')).toBe(ECHO_KEY_INITIAL_UNKNOWN);
    expect(echoKeyInitial(' -- The Title')).toBe('t'.charCodeAt(0));
    expect(echoKeyInitial('… ·')).toBe(ECHO_KEY_EMPTY);
  });

  it('agrees with echoKey on generated text', () => {
    const pieces = fc.constantFrom(' ', '\t', '\u00a0', '\u2009', '\u3000', '\ufeff', '.', '«', '—', '©', 'ª', 'µ', '°', 'A', 'z', '7', 'İ', 'É', 'ß', 'Σ', '中', '😀', '\u0000', '\u007f', '_');
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 12 }), (parts) => agrees(parts.join(''))),
      RUNS,
    );
  });
});

describe('echoKey', () => {
  /** The key as its definition states it: every run of separators one space, whatever the run (echoKey's pattern leaves a lone space alone). */
  const everyRun = new RegExp(`${SEPARATORS.source}+`, 'g');
  const defined = (text: string): string => text.toLowerCase().replace(everyRun, ' ').trim();

  it('turns every run of separators into one space (every BMP character alone, after a space, between words and doubled)', () => {
    const wrong: string[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      const c = String.fromCharCode(code);
      for (const text of [c, ` ${c}`, `a${c}b`, `a ${c} b`, `a${c}${c} b`, `${c} `]) if (echoKey(text) !== defined(text)) wrong.push(`U+${code.toString(16).padStart(4, '0')} in ${JSON.stringify(text)}`);
    }
    expect(wrong.slice(0, 10)).toEqual([]);
  });

  it('agrees with the definition on generated text', () => {
    const pieces = fc.constantFrom(' ', ' ', '\t', '\n', '\u00a0', '\u1680', '\u2009', '\u3000', '\ufeff', '.', '«', '—', '-', 'A', 'z', '7', 'É', '中');
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 14 }), (parts) => echoKey(parts.join('')) === defined(parts.join(''))),
      RUNS,
    );
  });
});

describe('echoKeyScreen', () => {
  const pieces = fc.constantFrom(' ', '\u00a0', '.', '«', '—', '|', 'A', 'a', 'b', 'T', 't', '7', 'İ', 'É', 'é', 'ß', '中');
  const text = fc.array(pieces, { maxLength: 8 }).map((parts) => parts.join(''));

  it('never turns away a text whose key is one of the keys (the empty key included)', () => {
    fc.assert(
      // Half of the candidates are a source written otherwise (separators before it), so that many keys match.
      fc.property(fc.array(text, { minLength: 1, maxLength: 4 }), text, fc.boolean(), (sources, other, copy) => {
        const keys = sources.map(echoKey);
        const candidate = copy ? ` « ${sources[0]!}` : other;
        return !keys.includes(echoKey(candidate)) || echoKeyScreen(keys)(candidate);
      }),
      RUNS,
    );
  });

  it('turns away a text whose key begins otherwise', () => {
    const screen = echoKeyScreen([echoKey('The Title')]);
    expect(screen('  -- the title')).toBe(true);
    expect(screen('Another line')).toBe(false);
    expect(screen('…')).toBe(false);
    expect(echoKeyScreen([''])('…')).toBe(true);
  });
});

describe('textFigures', () => {
  it('counts the words wordCount counts, in its own pass (every BMP character alone, between words, and in generated text)', () => {
    const stopwords = stopwordsFor('en');
    const wrong: string[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      const c = String.fromCharCode(code);
      for (const text of [c, `a${c}b`, `${c}${c} 中`]) if (textFigures(text, stopwords).wordCount !== wordCount(text)) wrong.push(`U+${code.toString(16).padStart(4, '0')} in ${JSON.stringify(text)}`);
    }
    expect(wrong.slice(0, 10)).toEqual([]);
    const pieces = fc.constantFrom(' ', '\u00a0', '.', ',', '×', '÷', '\u2e1a', '\uff0c', '\ufeff', 'a', 'The', '7', 'é', '中', '日本', 'ア', '한', '😀', '\u3000');
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 16 }), (parts) => textFigures(parts.join(''), stopwords).wordCount === wordCount(parts.join(''))),
      RUNS,
    );
  });
});
