/**
 * Properties of the clean document over generated pages (fast-check, fixed seed). What "the
 * normalized visible text" of a page is, is defined in ./pages.ts, from the page's model and
 * not from any parser:
 *
 * - the output validates against the zod schema;
 * - the same bytes give the same document apart from processedAt, whatever was cleaned between;
 * - every segment's text is a substring of a line of the visible text, the segments can be placed
 *   in the visible text in their order without overlapping (so they keep document order and no
 *   character is counted twice), and the document's character counts add up to no more than
 *   the visible text holds;
 * - with `explain`, segments and dropped blocks together are exactly the lines of the visible
 *   text (as a multiset): the core loses no visible text and invents none.
 *
 * Plain-text scrapes get the same properties against their text with whitespace collapsed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clean, type CleanDocument } from '../../src/core/index.js';
import { documentSchema } from '../../src/core/schema.js';
import { normalizeLine, pageArbitrary, plainTextArbitrary, serializePage, visibleLines } from './pages.js';

/** Fixed seed and a number of runs that keeps the file to a few seconds. */
const RUNS = { seed: 20_240_304, numRuns: 300 } as const;

const cleanHtml = (html: string, now = new Date('2024-03-01T12:00:00Z'), explain = false) => clean({ bytes: Buffer.from(html, 'utf8'), name: 'page.html' }, { now: () => now, explain });
const cleanText = (text: string, now = new Date('2024-03-01T12:00:00Z')) => clean({ bytes: Buffer.from(text, 'utf8'), name: 'scrape.txt' }, { now: () => now });

/**
 * Places each segment in `visible` at the first position after the previous one. Earliest
 * placement is optimal, so a failure means no placement in order without overlap exists.
 */
function placeInOrder(segments: readonly string[], visible: string): { ok: true } | { ok: false; segment: string; from: number } {
  let from = 0;
  for (const segment of segments) {
    const at = visible.indexOf(segment, from);
    if (at === -1) return { ok: false, segment, from };
    from = at + segment.length;
  }
  return { ok: true };
}

function countedCharacters(document: CleanDocument): number {
  const { characters, chromeCharacters } = document.stats;
  return characters.body + characters.caption + characters.ad + characters.legal + chromeCharacters;
}

function sorted(values: readonly string[]): string[] {
  return [...values].sort();
}

describe('generated HTML pages', () => {
  it('the document validates against the schema', () => {
    fc.assert(
      fc.property(pageArbitrary, (page) => {
        const result = documentSchema.safeParse(cleanHtml(serializePage(page)));
        expect(result.success, result.success ? '' : JSON.stringify(result.error.issues.slice(0, 3))).toBe(true);
      }),
      RUNS,
    );
  });

  it('the same bytes give the same document apart from processedAt, whatever was cleaned in between', () => {
    fc.assert(
      fc.property(pageArbitrary, pageArbitrary, (page, other) => {
        const html = serializePage(page);
        const first = cleanHtml(html, new Date('2024-03-01T12:00:00Z'));
        cleanHtml(serializePage(other));
        const second = cleanHtml(html, new Date('2025-07-09T08:30:00Z'));
        expect(second.processedAt).not.toBe(first.processedAt);
        expect({ ...second, processedAt: null }).toEqual({ ...first, processedAt: null });
      }),
      RUNS,
    );
  });

  it('segments are substrings of the visible text, in document order, no character counted twice', () => {
    fc.assert(
      fc.property(pageArbitrary, (page) => {
        const lines = visibleLines(page);
        // Lines joined by a character no line holds: a segment cannot straddle two lines.
        const visible = lines.join('\u0001');
        const document = cleanHtml(serializePage(page));
        for (const segment of document.segments) expect(lines.some((line) => line.includes(segment.text)), segment.text).toBe(true);
        expect(placeInOrder(document.segments.map((s) => s.text), visible)).toEqual({ ok: true });
        expect(countedCharacters(document)).toBeLessThanOrEqual(lines.reduce((sum, line) => sum + line.length, 0));
      }),
      RUNS,
    );
  });

  it('with explain, segments and dropped blocks are exactly the lines of the visible text', () => {
    fc.assert(
      fc.property(pageArbitrary, (page) => {
        const document = cleanHtml(serializePage(page), undefined, true);
        const blocks = [...document.segments.map((s) => s.text), ...(document.dropped ?? []).map((d) => d.text)];
        expect(sorted(blocks)).toEqual(sorted(visibleLines(page)));
      }),
      RUNS,
    );
  });

  it('never puts script, style or comment text in a segment', () => {
    fc.assert(
      fc.property(pageArbitrary, (page) => {
        for (const segment of cleanHtml(serializePage(page)).segments) {
          expect(segment.text).not.toMatch(/var story|color: red|not text|alert\(/);
        }
      }),
      RUNS,
    );
  });
});

describe('generated plain-text scrapes', () => {
  it('the document validates, and the same bytes give the same document apart from processedAt', () => {
    fc.assert(
      fc.property(plainTextArbitrary, (text) => {
        const first = cleanText(text);
        expect(documentSchema.safeParse(first).success).toBe(true);
        const second = cleanText(text, new Date('2030-01-01T00:00:00Z'));
        expect({ ...second, processedAt: null }).toEqual({ ...first, processedAt: null });
      }),
      RUNS,
    );
  });

  it('segments are substrings of the text (whitespace collapsed), in order, no character counted twice', () => {
    fc.assert(
      fc.property(plainTextArbitrary, (text) => {
        const visible = normalizeLine(text);
        const document = cleanText(text);
        expect(placeInOrder(document.segments.map((s) => s.text), visible)).toEqual({ ok: true });
        expect(countedCharacters(document)).toBeLessThanOrEqual(visible.length);
      }),
      RUNS,
    );
  });
});
