/**
 * The soak of issue 6 at test size: 150 mixed objects (5% broken) uploaded as fast as the client
 * can through the local pipeline on s3rver, with 5% of the keys' first GetObject or PutObject
 * throttled; then the ledger (scripts/soak.ts): every raw key has exactly one document or one
 * error record as it must, each naming its key and ETag, none cleaned twice, no orphans, nothing
 * left in the queue or dead-lettered. `npm run soak` runs it with 2,000 objects.
 */
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { formatSoakReport, runSoak, soakObjects, type SoakReport } from '../../scripts/soak.js';
import { countWords } from '../../src/core/words.js';

const OBJECTS = 150;
let report: SoakReport;

beforeAll(async () => {
  vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'true');
  report = await runSoak({ objects: OBJECTS, faultRate: 0.05, waitTimeoutMs: 240_000 });
  console.log(formatSoakReport(report));
}, 300_000);

afterAll(() => {
  vi.unstubAllEnvs();
});

it('every raw key has exactly one document or one error record, as the object requires', () => {
  const { ledger } = report;
  const expected = soakObjects(OBJECTS);
  expect(ledger.rawObjects).toBe(OBJECTS);
  expect({ missing: ledger.missing, both: ledger.both, wrong: ledger.wrong }).toEqual({ missing: [], both: [], wrong: [] });
  expect(ledger.documents).toBe(expected.filter((o) => o.expect === 'document').length);
  expect(ledger.errorRecords).toBe(expected.filter((o) => o.expect !== 'document').length);
  expect(ledger.errorRecords).toBe(Math.round(OBJECTS * 0.05));
});

it('no duplicates, no orphans, nothing left in the queue or in the dead-letter queue', () => {
  const { ledger } = report;
  expect({ duplicates: ledger.duplicates, orphans: ledger.orphans, deadLetters: ledger.deadLetters, queueLeft: ledger.queueLeft }).toEqual({ duplicates: [], orphans: [], deadLetters: 0, queueLeft: 0 });
  expect(ledger.balanced).toBe(true);
});

it('the throttled calls came back through the queue and were retried', () => {
  // Every object went through the queue (none through the catch-up at start, which retries in process).
  expect(report.caughtUpObjects).toBe(0);
  expect(report.injectedFaults).toBeGreaterThan(0);
  expect(report.retriedMessages).toBeGreaterThanOrEqual(report.injectedFaults);
});

it('counts the words of a long body in pieces (V8\'s segment iterator is quadratic: a 700 KB page held the function for minutes)', () => {
  const text = 'The harbour ferry resumed service on Monday.\n\n'.repeat(20_000);
  const realSegment = Intl.Segmenter.prototype.segment;
  const lengths: number[] = [];
  const spy = vi.spyOn(Intl.Segmenter.prototype, 'segment').mockImplementation(function (this: Intl.Segmenter, input: string) {
    lengths.push(input.length);
    return realSegment.call(this, input);
  });
  try {
    expect(countWords(text)).toBe(20_000 * 7);
  } finally {
    spy.mockRestore();
  }
  expect(Math.max(...lengths)).toBeLessThanOrEqual(1_000);
});
