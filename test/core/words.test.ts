/** countWords: one regular expression for spaced scripts, ICU's dictionaries for the others; the counts of ICU throughout. */
import { describe, expect, it } from 'vitest';
import { countWords } from '../../src/core/words.js';

const icu = new Intl.Segmenter(undefined, { granularity: 'word' });
const icuWords = (text: string): number => [...icu.segment(text)].filter((s) => s.isWordLike).length;

const SAMPLES = [
  'The harbour ferry resumed service on Monday, officials said.',
  "Don't panic: the U.S. team won 3.14 points, i.e. 1,000 more than in 2024.",
  'Die Fähre fährt wieder — „endlich“, sagte die Bürgermeisterin (65).',
  'Премьера спектакля состоится в субботу в 19:00.',
  'Η πρεμιέρα θα γίνει το Σάββατο.',
  'العرض الأول سيكون يوم السبت في المسرح الكبير.',
  '지역 도서관이 토요일에 다시 문을 엽니다.',
  '社区图书馆周六重新开放，市民可以借阅新到的图书和报刊。',
  '新幹線のダイヤが改正され、東京と大阪の間が速くなります。',
  'ห้องสมุดชุมชนเปิดให้บริการอีกครั้งในวันเสาร์',
  'Mixed: 東京 and Berlin, ห้องสมุด and e-mail, ₿ 20 €.',
  '',
  '— … !',
];

describe('countWords', () => {
  it.each(SAMPLES)('counts as ICU does: %s', (text) => {
    expect(countWords(text)).toBe(icuWords(text));
  });

  it('is linear in the length of the text (a long run of an unspaced script is segmented in pieces)', () => {
    const long = '社区图书馆周六重新开放'.repeat(20_000);
    expect(countWords(long)).toBeGreaterThan(20_000);
  });
});

describe('countWords on spaced scripts: the scan counts the matches of the pattern it stands for', () => {
  // The definition (UAX #29's joiners, as the module's comment says), kept here as the reference of the scan.
  const SPACED_WORD = /[\p{L}\p{N}\p{M}\p{Pc}]+(?:(?:['’.]|(?<=\p{L})[:·](?=\p{L})|(?<=\p{N})[,;](?=\p{N}))[\p{L}\p{N}\p{M}\p{Pc}]+)*/gu;
  const matches = (text: string): number => text.match(SPACED_WORD)?.length ?? 0;
  // Letters, digits, marks, connectors, every joiner, astral letters and digits, lone surrogates, spaces and punctuation.
  const ALPHABET = ['a', 'Z', 'é', 'ß', 'ж', 'ع', '7', '٣', '\u0301', '_', '‿', "'", '’', '.', ':', '·', ',', ';', ' ', '\n', '-', '!', '𝒜', '𝟘', '\uD800', '\uDC00', '\u00A0', '—'];

  it('gives the same count on 5,000 seeded random strings', () => {
    let seed = 42;
    const random = (): number => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    for (let n = 0; n < 5_000; n++) {
      const text = Array.from({ length: 1 + Math.floor(random() * 12) }, () => ALPHABET[Math.floor(random() * ALPHABET.length)]).join('');
      expect(countWords(text), JSON.stringify(text)).toBe(matches(text));
    }
  });
});
