import { describe, expect, it } from 'vitest';
import { pageCounts, scoreText } from '../../src/eval/text-score.js';
import { authorMatches, isHandle, scoreMetadata, titleMatches } from '../../src/eval/metadata-score.js';

describe('shingle scoring (as ../shared/tools/score_text.py)', () => {
  it('matches 4-word shingles as multisets, normalised per page', () => {
    // gold: 6 words → 3 shingles; prediction: the first 5 words → 2 shingles, both in the gold.
    const [tp, fp, fn] = pageCounts('one two three four five six', 'one two three four five');
    expect([tp, fp, fn]).toEqual([2 / 3, 0, 1 / 3]);
    // A repeated shingle counts once per occurrence in the gold.
    const [tp2, fp2] = pageCounts('a b c d', 'a b c d a b c d');
    expect(tp2).toBeCloseTo(1 / 5);
    expect(fp2).toBeCloseTo(4 / 5);
  });

  it('treats a text of fewer than four words as one shingle, and combining marks as word breaks (Python \\w)', () => {
    expect(pageCounts('two words', 'two words')).toEqual([1, 0, 0]);
    expect(pageCounts('two words', 'two')).toEqual([0, 0.5, 0.5]);
    // U+0301 (a combining mark) is not a word character in Python's re: it splits "cafe\u0301s" into cafe + s.
    expect(pageCounts('cafe\u0301s au lait', 'cafes au lait')).toEqual([0, 0.5, 0.5]);
  });

  it('averages precision over pages that predicted text and recall over pages with gold text', () => {
    const gold = {
      a: { mainContent: 'one two three four five', pageType: 'article' },
      b: { mainContent: 'six seven eight nine ten', pageType: 'forum' },
    };
    const { scores } = scoreText(gold, { a: 'one two three four five' });
    expect(scores.precision).toBe(1);
    expect(scores.recall).toBe(0.5);
    expect(scores.f1).toBe(0.6667);
    expect(scores.missing).toBe(1);
    expect(scores.byType.forum!.recall).toBe(0);
  });
});

describe('metadata scoring', () => {
  it('compares titles after case, quote, dash and punctuation normalisation, with a trailing site part cut from either side', () => {
    expect(titleMatches('“Thinking” in React — Guide', '"thinking" in react - guide')).toBe(true);
    expect(titleMatches('Thinking in React | React Docs', 'Thinking in React')).toBe(true);
    expect(titleMatches('Thinking in React', 'Thinking in React | React Docs')).toBe(true);
    expect(titleMatches('Menu', 'Thinking in React')).toBe(false);
    expect(titleMatches(null, 'Thinking in React')).toBe(false);
  });

  it("counts an author when every word of the gold author is in the byline, and knows a handle", () => {
    expect(authorMatches('By Jane Q. Doe, Staff Writer', 'Jane Doe')).toBe(true);
    expect(authorMatches('Jane', 'Jane Doe')).toBe(false);
    expect(isHandle('@github')).toBe(true);
    expect(isHandle('@https://twitter.com/someone')).toBe(true);
    expect(isHandle('Jane Doe')).toBe(false);
  });

  it('scores dates as a prefix of publishedAt, over pages whose gold has the field', () => {
    const { scores, misses } = scoreMetadata(
      { a: { title: 'T', author: '', published: '2025-03-01' }, b: { title: 'U', author: 'Ann Lee', published: null } },
      { a: { title: 'T', byline: null, publishedAt: '2025-03-01T10:00' }, b: { title: 'x', byline: '@ann', publishedAt: null } },
    );
    expect(scores.date).toEqual({ pages: 1, correct: 1, accuracy: 1 });
    expect(scores.title).toEqual({ pages: 2, correct: 1, accuracy: 0.5 });
    expect(scores.author).toEqual({ pages: 1, correct: 0, accuracy: 0 });
    expect(scores.handleBylines).toBe(1);
    expect(misses.map((m) => m.field).sort()).toEqual(['author', 'handle', 'title']);
  });
});
