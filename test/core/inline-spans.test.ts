/**
 * Inline spans over a block's text (src/core/html/inline.ts placeSpans). A raw text that
 * normalization leaves as it is keeps its marks' offsets (placed in place); any other is replayed
 * through the collapsing. Both readings must place the same spans: a text with a tab after it
 * normalizes to the same text but takes the replay, so the two are compared on generated texts
 * and marks of every kind at every kind of offset.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MARK_BREAK, MARK_CLOSE, MARK_OPEN, placeSpans, type Mark, type OpenSpan } from '../../src/core/html/inline.js';

const SPANS: readonly OpenSpan[] = [{ type: 'emphasis' }, { type: 'strong' }, { type: 'link', href: '/a' }, { type: 'code' }];

describe('placeSpans', () => {
  it('places marks over a text normalization left as it is as the replay places them (property, fixed seed)', () => {
    const word = fc.stringMatching(/^[a-zé“”—]{1,6}$/);
    const input = fc.record({
      words: fc.array(word, { minLength: 1, maxLength: 8 }),
      events: fc.array(fc.record({ at: fc.nat(), kind: fc.constantFrom(MARK_OPEN, MARK_CLOSE, MARK_BREAK), span: fc.nat(SPANS.length - 1) }), { maxLength: 10 }),
    });
    fc.assert(
      fc.property(input, ({ words, events }) => {
        const raw = words.join(' ');
        const marks: Mark[] = events
          .map((event) => ({ at: event.at % (raw.length + 1), kind: event.kind, span: event.kind === MARK_BREAK ? null : SPANS[event.span]! }))
          .sort((a, b) => a.at - b.at);
        expect(placeSpans(raw, marks, raw)).toEqual(placeSpans(`${raw}\t`, marks, raw));
      }),
      { seed: 20261205, numRuns: 3000 },
    );
  });

  it('puts an end or a break met just after a space before the space, and trims spans to their words', () => {
    const raw = 'one two three';
    const em = SPANS[0]!;
    const marks: Mark[] = [
      { at: 0, kind: MARK_OPEN, span: em },
      { at: 4, kind: MARK_BREAK, span: null },
      { at: 4, kind: MARK_CLOSE, span: em },
    ];
    expect(placeSpans(raw, marks, raw)).toEqual([{ start: 0, end: 3, type: 'emphasis' }, { start: 3, end: 3, type: 'break' }]);
  });

  // A decomposed letter anywhere in the block (NFC shortens the text) made every span of the block go.
  it('keeps the spans of a text that NFC composes, moved by what composing took away before them', () => {
    const link = SPANS[2]!;
    const raw = 'Ends with a link. Cafe\u0301 and cre\u0300me are here';
    const text = raw.normalize('NFC');
    const at = (needle: string): number => raw.indexOf(needle);
    const marks: Mark[] = [
      { at: at('a link'), kind: MARK_OPEN, span: link },
      { at: at('. Cafe'), kind: MARK_CLOSE, span: link },
      { at: at('cre'), kind: MARK_OPEN, span: SPANS[1]! },
      { at: at(' are'), kind: MARK_CLOSE, span: SPANS[1]! },
    ];
    expect(placeSpans(`${raw}\t`, marks, text)).toEqual([
      { start: text.indexOf('a link'), end: text.indexOf('. Café'), type: 'link', href: '/a' },
      { start: text.indexOf('crème'), end: text.indexOf(' are'), type: 'strong' },
    ]);
  });

  it('keeps no spans when an edge falls between a letter and the mark that composes with it', () => {
    const raw = 'Cafe\u0301 au lait';
    const marks: Mark[] = [
      { at: 0, kind: MARK_OPEN, span: SPANS[0]! },
      { at: raw.indexOf('\u0301'), kind: MARK_CLOSE, span: SPANS[0]! },
    ];
    expect(placeSpans(raw, marks, raw.normalize('NFC'))).toBeUndefined();
  });
});
