/**
 * Issue 13 §5 as properties (fast-check, fixed seed): whatever characters a page or a text scrape
 * holds (lone surrogates, C0 and C1 controls, bidi overrides, runs of combining marks, joiners),
 * every string of the document is well-formed text: no lone surrogate, no control but the line
 * feed of the layout, no bidi embedding, override or isolate, NFC; and the joiners ZWNJ and ZWJ
 * that scripts and emoji need come through.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clean } from '../../src/core/index.js';
import { normalizeText, wellFormedText } from '../../src/core/normalize.js';
import { wellFormedProblems } from '../../scripts/hostile/kit.js';

const RUNS = { seed: 20_261_204, numRuns: 400 } as const;

/** What a hostile text is made of: any UTF-16 code unit, and the characters this rule is about, often. */
const hostileUnit = fc.oneof(
  { arbitrary: fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit)), weight: 3 },
  { arbitrary: fc.constantFrom('\u200c', '\u200d', '\u202e', '\u202a', '\u2066', '\u2069', '\u0000', '\u0007', '\u001b', '\u0085', '\u009d', '\ud800', '\udfff', '\u0301', '\u0323', '😀', '👨\u200d👩\u200d👧', 'a', 'é', ' ', '\n'), weight: 3 },
  { arbitrary: fc.integer({ min: 1, max: 200 }).map((n) => '\u0301\u0323'.repeat(n)), weight: 1 },
);
const hostileText = fc.array(hostileUnit, { maxLength: 80 }).map((units) => units.join(''));

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const NOT_TEXT = /[\u0000-\u0008\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;
const count = (text: string, char: string): number => text.split(char).length - 1;
/** The joiners a block keeps: all but those at its edges, which join nothing. */
const innerJoiners = (text: string, joiner: string): number =>
  count(wellFormedText(text).replace(/[\u200B\u200E\u200F\u2060\uFEFF\u00AD]/g, '').replace(/^[\s\u200C\u200D]+|[\s\u200C\u200D]+$/g, ''), joiner);

describe('wellFormedText', () => {
  it('leaves no lone surrogate and nothing that is not text, keeps the joiners, and is idempotent', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const out = wellFormedText(text);
        expect(LONE_SURROGATE.test(out)).toBe(false);
        expect(NOT_TEXT.test(out)).toBe(false);
        expect(count(out, '\u200c')).toBe(count(text, '\u200c'));
        expect(count(out, '\u200d')).toBe(count(text, '\u200d'));
        expect(wellFormedText(out)).toBe(out);
      }),
      RUNS,
    );
  });
});

describe('normalizeText', () => {
  it('gives well-formed NFC text with the joiners kept (but at its edges), in flowing and preformatted text, and is idempotent', () => {
    fc.assert(
      fc.property(hostileText, fc.boolean(), (text, preformatted) => {
        const out = normalizeText(text, preformatted);
        expect(LONE_SURROGATE.test(out)).toBe(false);
        expect(NOT_TEXT.test(out)).toBe(false);
        expect(/[\t\v\f\r]/.test(out)).toBe(false);
        if (!preformatted) expect(out.includes('\n')).toBe(false);
        expect(out).toBe(out.normalize('NFC'));
        expect(count(out, '\u200c')).toBe(innerJoiners(text, '\u200c'));
        expect(count(out, '\u200d')).toBe(innerJoiners(text, '\u200d'));
        expect(normalizeText(out, preformatted)).toBe(out);
      }),
      RUNS,
    );
  });
});

describe('every string of a cleaned document', () => {
  const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const now = () => new Date('2024-03-01T12:00:00Z');

  it('is well-formed, from an HTML page whose title, headings and paragraphs hold hostile text', () => {
    fc.assert(
      fc.property(fc.array(hostileText, { minLength: 1, maxLength: 6 }), hostileText, (paragraphs, title) => {
        const html = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><article><h1>${escapeHtml(title)}</h1>${paragraphs.map((p) => `<p>${escapeHtml(p)} The ferry resumed service on Monday after repairs.</p>`).join('')}<pre>${escapeHtml(paragraphs[0]!)}</pre></article></body></html>`;
        // UTF-8 turns lone surrogates into U+FFFD on the way in; character references carry them as they are.
        for (const bytes of [Buffer.from(html, 'utf8'), Buffer.from(html.replace(/[\uD800-\uDFFF]/g, (s) => `&#${s.charCodeAt(0)};`), 'utf8')]) {
          expect(wellFormedProblems(clean({ bytes, name: 'page.html' }, { now }))).toEqual([]);
        }
      }),
      { ...RUNS, numRuns: 150 },
    );
  });

  it('is well-formed, from a plain-text scrape of hostile lines', () => {
    fc.assert(
      fc.property(fc.array(hostileText, { minLength: 1, maxLength: 6 }), (lines) => {
        const text = `${lines.join('\n')}\nThe ferry resumed service on Monday after repairs.\n`;
        expect(wellFormedProblems(clean({ bytes: Buffer.from(text, 'utf8'), name: 'scrape.txt' }, { now }))).toEqual([]);
      }),
      { ...RUNS, numRuns: 150 },
    );
  });
});
