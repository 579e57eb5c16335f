/**
 * The metadata measure of `npm run eval` (src/eval/metadata-score.ts), on hand-made pairs: what
 * counts as the same title, author and date, and what is a handle byline.
 */
import { describe, expect, it } from 'vitest';
import { authorMatches, isHandle, scoreMetadata, titleMatches } from '../../src/eval/metadata-score.js';

describe('titleMatches', () => {
  it('ignores case, quotes, dashes and punctuation, and compares Unicode compatibility forms', () => {
    expect(titleMatches('“Council’s Budget” — Approved!', '"council\'s budget" - approved')).toBe(true);
    expect(titleMatches('ﬁre season', 'fire season')).toBe(true);
    expect(titleMatches('Council budget', 'Council budget vote')).toBe(false);
  });

  it('accepts one trailing site part cut from either side', () => {
    expect(titleMatches('Council budget | Harbour Gazette', 'Council budget')).toBe(true);
    expect(titleMatches('Council budget', 'Council budget - Harbour Gazette')).toBe(true);
    expect(titleMatches('Council budget | Section | Harbour Gazette', 'Council budget')).toBe(false);
  });

  it('takes a site name with a hyphen in it as one part', () => {
    expect(titleMatches('Trail 25 Pack | REI Co-op', 'Trail 25 Pack')).toBe(true);
    expect(titleMatches('Semi-in-Ear Headphones', 'Semi-in-Ear Headphones | Shop')).toBe(true);
    expect(titleMatches('Semi-in-Ear Headphones', 'Semi')).toBe(false);
  });

  it('no predicted title, or a gold title of punctuation alone, is no match', () => {
    expect(titleMatches(null, 'Council budget')).toBe(false);
    expect(titleMatches('—', '—')).toBe(false);
  });
});

describe('authorMatches and isHandle', () => {
  it('every word of the gold author is a word of the byline', () => {
    expect(authorMatches('Jane Doe, John Roe', 'John Roe')).toBe(true);
    expect(authorMatches('Jane Doe', 'Jane Q. Doe')).toBe(false);
    expect(authorMatches(null, 'Jane Doe')).toBe(false);
  });

  it('a handle or profile URL is a handle byline', () => {
    expect(isHandle('@github')).toBe(true);
    expect(isHandle('@https://twitter.com/github')).toBe(true);
    expect(isHandle('https://x.com/github')).toBe(true);
    expect(isHandle('Jane Doe')).toBe(false);
  });
});

describe('scoreMetadata', () => {
  it('counts each field over the pages whose gold has it, and handle bylines over all pages', () => {
    const { scores, misses } = scoreMetadata(
      { a: { title: 'Budget', author: 'Jane Doe', published: '2024-02-19' }, b: { title: 'Ferry', author: null, published: '2024-03-01' } },
      { a: { title: 'Budget | Gazette', byline: 'Jane Doe', publishedAt: '2024-02-19T13:49:00Z' }, b: { title: 'Harbour', byline: '@gazette', publishedAt: '2024-03-02' } },
    );
    expect(scores).toEqual({
      title: { pages: 2, correct: 1, accuracy: 0.5 },
      author: { pages: 1, correct: 1, accuracy: 1 },
      date: { pages: 2, correct: 1, accuracy: 0.5 },
      handleBylines: 1,
    });
    expect(misses.map((m) => `${m.file} ${m.field}`)).toEqual(['b title', 'b date', 'b handle']);
  });
});
