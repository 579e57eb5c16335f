import { describe, expect, it } from 'vitest';
import { qualityLine, tallyQuality } from '../../src/eval/quality-tally.js';

describe('tallyQuality', () => {
  const warnings = new Map([
    ['a.html', ['NO_BODY'] as const],
    ['b.html', ['LOW_TEXT'] as const],
    ['c.html', ['LOW_TEXT'] as const],
    ['d.html', [] as const],
  ]);

  it('counts the documents of each warning', () => {
    expect(tallyQuality(warnings)).toEqual({ documents: 4, warnings: { NO_BODY: 1, LOW_TEXT: 2, MARKUP_AS_TEXT: 0, BLOCKED_PAGE: 0, HTTP_ERROR: 0 } });
  });

  it('with page scores, the median F1 of each warning and of the pages without one', () => {
    const f1 = new Map([['a.html', 0], ['b.html', 0.2], ['c.html', 0.5], ['d.html', 0.9]]);
    const tally = tallyQuality(warnings, f1);
    expect(tally.medianF1).toEqual({ NO_BODY: 0, LOW_TEXT: 0.35, MARKUP_AS_TEXT: null, BLOCKED_PAGE: null, HTTP_ERROR: null, none: 0.9 });
    expect(qualityLine(tally)).toBe('NO_BODY 1, LOW_TEXT 2, MARKUP_AS_TEXT 0, BLOCKED_PAGE 0, HTTP_ERROR 0 of 4 documents (median F1: NO_BODY 0.000, LOW_TEXT 0.350, MARKUP_AS_TEXT –, BLOCKED_PAGE –, HTTP_ERROR –, none 0.900)');
  });
});
