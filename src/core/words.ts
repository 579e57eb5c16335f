/**
 * Words of a text, for the quality signals (src/core/quality.ts) and the function's logs.
 *
 * Text in scripts written with spaces between words (Latin, Cyrillic, Greek, Arabic, Hangul…)
 * is counted by one scan of its characters: a word is a run of letters, digits and marks,
 * which an apostrophe or a period may join, a colon or a middle dot between letters, a comma or
 * a semicolon between digits ("don't", "U.S", "3.14", "1,000"; but "19:00" is two), as Unicode's
 * word boundaries (UAX #29) have it. Runs of the scripts written
 * without spaces (Han, kana, Thai, Lao, Khmer, Myanmar) are segmented by ICU's dictionaries
 * (Intl.Segmenter). Segmenting everything with ICU gives the same counts within 0.1% on the
 * bodies of the development corpus (1.58 M words, none counted on the other side of the LOW_TEXT
 * threshold) but is ten times slower: V8's segment iterator ran at about 1-3 MB/s, a quarter of
 * the core's own time on an average page.
 */
import { CLOCK_CHECKS, type Watchdog } from './watchdog.js';

/** A character of a script written without spaces between words. */
const UNSPACED = '[\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Thai}\\p{Script=Lao}\\p{Script=Khmer}\\p{Script=Myanmar}]';
const UNSPACED_RUN = new RegExp(`${UNSPACED}+`, 'gu');
const UNSPACED_CHAR = new RegExp(UNSPACED, 'u');

/**
 * ICU's word segmentation (dictionary-based for CJK and Thai), made on first use: making one
 * loads ICU's break-iteration data, about 25 ms, which a process that meets no such script (a
 * cold start, a one-page run of the CLI) never needs. Stateless, so sharing it is safe.
 */
let segmenter: Intl.Segmenter | null = null;

/**
 * Characters given to the segmenter at once. V8's segment iterator slows down with the length
 * of the string it walks (quadratic: 200,000 characters took 17 s in one piece, 0.15 s in pieces
 * of 1,000; the body of a 700 KB page held the function for minutes), so a long run is segmented
 * in pieces, cut where no surrogate pair is split.
 */
const PIECE_CHARS = 1_000;

function segmentedWords(run: string, watchdog: Watchdog | undefined): number {
  let words = 0;
  for (let start = 0; start < run.length; ) {
    watchdog?.check(COUNTING);
    let end = Math.min(run.length, start + PIECE_CHARS);
    const code = run.charCodeAt(end - 1);
    if (end < run.length && code >= 0xd800 && code <= 0xdbff) end--;
    segmenter ??= new Intl.Segmenter(undefined, { granularity: 'word' });
    for (const segment of segmenter.segment(run.slice(start, end))) if (segment.isWordLike) words++;
    start = end;
  }
  return words;
}

/** Code points of a word (SPACED_WORD's [\p{L}\p{N}\p{M}\p{Pc}]), and the letters and digits its joiners look at. */
const WORD_CHAR = /[\p{L}\p{N}\p{M}\p{Pc}]/u;
const LETTER = /\p{L}/u;
const DIGIT = /\p{N}/u;
/**
 * A code point's kind: not of a word, a letter, a digit, another word character (a mark, a connector), or a character of
 * an unspaced script (for which the scan gives up: such text goes to the segmenter).
 */
const Kind = { Other: 0, Letter: 1, Digit: 2, Word: 3, Unspaced: 4 } as const;
/** The kind of every BMP code unit, looked up once (0xff: not yet): the pattern's classes, character by character. */
const BMP_KINDS = new Uint8Array(0x10000).fill(0xff);

function kindOf(code: number): number {
  if (code < 0x10000) {
    const known = BMP_KINDS[code]!;
    if (known !== 0xff) return known;
  }
  const char = String.fromCodePoint(code);
  const kind = UNSPACED_CHAR.test(char) ? Kind.Unspaced : !WORD_CHAR.test(char) ? Kind.Other : LETTER.test(char) ? Kind.Letter : DIGIT.test(char) ? Kind.Digit : Kind.Word;
  if (code < 0x10000) BMP_KINDS[code] = kind;
  return kind;
}

/**
 * The words of a spaced script, counted by one scan of the characters rather than by the matches
 * of the pattern that defines them (test/core/words.test.ts holds the two to the same counts; the
 * scan is about 3× faster):
 *   /[\p{L}\p{N}\p{M}\p{Pc}]+(?:(?:['’.]|(?<=\p{L})[:·](?=\p{L})|(?<=\p{N})[,;](?=\p{N}))[\p{L}\p{N}\p{M}\p{Pc}]+)*\/gu
 * a run of word characters, which an apostrophe or a period continues when a word character
 * follows, a colon or a middle dot between letters, a comma or a semicolon between digits. Null
 * when the text holds a character of an unspaced script (the segmenter's).
 */
function spacedWords(text: string, watchdog: Watchdog | undefined): number | null {
  let words = 0;
  let inWord = false;
  let last: number = Kind.Other;
  for (let i = 0; i < text.length; ) {
    const code = text.codePointAt(i)!;
    const width = code > 0xffff ? 2 : 1;
    const kind = kindOf(code);
    if (kind === Kind.Unspaced) return null;
    if (kind !== Kind.Other) {
      if (!inWord && ++words % CLOCK_CHECKS.wordsPerCheck === 0) watchdog?.check(COUNTING);
      inWord = true;
      last = kind;
    } else if (inWord) {
      const next = i + width < text.length ? kindOf(text.codePointAt(i + width)!) : Kind.Other;
      const joins =
        code === 0x27 || code === 0x2019 || code === 0x2e
          ? next !== Kind.Other
          : code === 0x3a || code === 0xb7
            ? last === Kind.Letter && next === Kind.Letter
            : (code === 0x2c || code === 0x3b) && last === Kind.Digit && next === Kind.Digit;
      if (!joins) inWord = false;
    }
    i += width;
  }
  return words;
}

const COUNTING = 'counting the words of the body';

/** The words of `text`; with a watchdog, the clock is looked at as they are counted (a body can be tens of MB). */
export function countWords(text: string, watchdog?: Watchdog): number {
  // One scan when the text has no unspaced script (a test of UNSPACED_RUN before it was a second pass over every body).
  const spaced = spacedWords(text, watchdog);
  if (spaced !== null) return spaced;
  let words = 0;
  const rest = text.replace(UNSPACED_RUN, (run) => {
    words += segmentedWords(run, watchdog);
    return ' ';
  });
  return words + spacedWords(rest, watchdog)!;
}
