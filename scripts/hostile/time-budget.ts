/**
 * Issue 13 §1: every stage keeps the time budget and is linear in its input. Inputs under the
 * size limits whose shape makes one stage slow: long runs of combining marks (Unicode
 * normalization was quadratic on them: a 20 MB page ran more than 200 s).
 */
import { MB, SENTENCES, TIGHT_HEAP_MB, documentExpected, fill, inOrder, page, utf8, type AdversarialCase } from './kit.js';

const CLASS = '§1 time budget';

export const TIME_BUDGET_CASES: readonly AdversarialCase[] = [
  {
    name: 'combining-marks-20mb.html',
    description: 'a 20 MB page of letters each under a run of 100,000 combining marks (NFC was quadratic on it)',
    issueClass: CLASS,
    expect: documentExpected(),
    heavy: true,
    heapMb: TIGHT_HEAP_MB,
    check: inOrder(SENTENCES),
    bytes: () => utf8(page(`<main><article><h1>Harbour ferry resumes</h1>${SENTENCES.map((s) => `<p>${s}</p>`).join('')}<p>${fill(10 * MB, (i) => (i % 2 === 0 ? 'a' : '\u0301\u0323\u0308'.repeat(33_333)))}</p></article></main>`)),
  },
];
