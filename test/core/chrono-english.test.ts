import { describe, expect, test } from 'vitest';
import { ParsingContext, en, type ParsedResult } from 'chrono-node';
import { englishCasual } from '../../src/core/chrono-english.js';

const REFERENCE = { instant: new Date(Date.UTC(2000, 0, 1)), timezone: 0 };

/** Everything a result says, comparable with toEqual. */
function described(results: ParsedResult[]): unknown[] {
  return results.map((r) => ({ index: r.index, text: r.text, start: r.start.date().toISOString(), end: r.end?.date().toISOString() ?? null, tags: [...r.tags()].sort() }));
}

const TEXTS = [
  'By Maya Patel · Updated 12 March 2024',
  'Published 3 days ago, on March 2, 2024',
  '2 days after March 3, 2024 the council met',
  'March 3, 2024 — updated 2 hours later',
  'Five weeks earlier, on 1 May 2023',
  '3 years from now: 2027',
  'Read about it: layout out 2024',
  'AGO 2024 and 10 MINUTES AGO',
  'Mon, 05 Feb 2024 10:00:00 GMT, 1 hour before the vote',
  'World news 2024 edition',
  'posted 2 weeks later than 12/03/2024 and forward 3 days',
];

describe('englishCasual (chrono.en.casual, its relative patterns run only on texts with their closing words)', () => {
  test.each(TEXTS)('reads %j as chrono.en.casual does', (text) => {
    expect(described(englishCasual.parse(text, REFERENCE))).toEqual(described(en.casual.parse(text, REFERENCE)));
  });

  test('skips the two relative patterns on a text without their closing words, and only them', () => {
    const context = new ParsingContext('World news, 12 March 2024', REFERENCE, {});
    const skipped = englishCasual.parsers.filter((parser) => parser.pattern(context).source === '(?!)');
    expect(skipped).toHaveLength(2);
    const withWords = new ParsingContext('3 days ago, 2 days later', REFERENCE, {});
    expect(englishCasual.parsers.filter((parser) => parser.pattern(withWords).source === '(?!)')).toHaveLength(0);
  });
});
