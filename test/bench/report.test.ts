import { describe, expect, it } from 'vitest';
import type { CorpusResult, ScalingResult } from '../../bench/jobs.js';
import { corpusChecks, corpusRows, formatChecks, formatCorpusTable, scalingChecks, scalingRows, timeRatio } from '../../bench/report.js';
import { formatTable } from '../../bench/table.js';

const MIB = 1024 * 1024;

function corpusResult(contender: string, passSeconds: number[], perDocMs: number[], passCpuSeconds = passSeconds): CorpusResult {
  return {
    kind: 'corpus',
    contender,
    docs: 4,
    rawBytes: 8_000_000,
    inputBytes: 8_000_000,
    warmupSeconds: [passSeconds[0]!],
    passSeconds,
    passCpuSeconds,
    perDocMs,
    errors: 0,
    errorSamples: [],
    rssBeforeBytes: 100 * MIB,
    peakRssBytes: 150 * MIB,
    peakReset: true,
    sink: 1,
  };
}

const labels = new Map([['ours', 'ours']]);

describe('corpus report', () => {
  const results = [
    corpusResult('ours', [2, 1, 3], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 500]),
    corpusResult('htmlparser2', [0.5, 0.5, 0.5], [1, 1, 1, 1]),
    corpusResult('htmlparser2-text', [0.4, 0.4, 0.4], [1, 1, 1, 1]),
    corpusResult('linkedom', [4, 4, 4], [1, 1, 1, 1]),
    corpusResult('jsdom', [40, 40, 40], [10, 10, 10, 10]),
  ];
  const rows = corpusRows(results, labels);

  it('takes the median pass and derives docs/s, MB/s and the ratio to ours from it', () => {
    const ours = rows[0]!;
    expect(ours.medianSeconds).toBe(2);
    expect(ours.docsPerSecond).toBe(2);
    expect(ours.mbPerSecond).toBe(4);
    expect(ours.timeOverOurs).toBe(1);
    expect(rows[4]!.timeOverOurs).toBe(20);
    expect(rows[1]!.label).toBe('htmlparser2'); // no label known: the id
  });

  it('reports per-document p50/p99/max over the pooled samples and the memory added to the loaded inputs', () => {
    expect(rows[0]).toMatchObject({ p50Ms: 6, p99Ms: 500, maxMs: 500, peakRssBytes: 150 * MIB, addedRssBytes: 50 * MIB });
  });

  it('checks the targets: 20× jsdom fails ≥ 25×, 2× linkedom fails ≥ 3×, 4× the floor and 5× the parse alone fail ≤ 3×', () => {
    expect(corpusChecks(rows).map((c) => [c.name, c.measured, c.pass])).toEqual([
      ['throughput over Readability.js on jsdom', '20.0×', false],
      ['throughput over Readability.js on linkedom', '2.00×', false],
      ['time over the parse floor (decode + htmlparser2)', '4.00×', false],
      ['time over htmlparser2 alone (pre-decoded)', '5.00×', false],
    ]);
    const fast = corpusRows(
      [corpusResult('ours', [1], [1]), corpusResult('htmlparser2', [0.5], [1]), corpusResult('htmlparser2-text', [0.4], [1]), corpusResult('linkedom', [4], [1]), corpusResult('jsdom', [40], [1])],
      labels,
    );
    expect(corpusChecks(fast).map((c) => c.pass)).toEqual([true, true, true, true]);
    // Between the two readings: within 3× of decoding and parsing, not of parsing alone.
    const between = corpusRows([corpusResult('ours', [1], [1]), corpusResult('htmlparser2', [0.4], [1]), corpusResult('htmlparser2-text', [0.3], [1])], labels);
    expect(corpusChecks(between).slice(2).map((c) => [c.measured, c.pass])).toEqual([
      ['2.50×', true],
      ['3.33×', false],
    ]);
  });

  it('gives the same ratios on CPU time, beside the wall-time ones the targets are judged on', () => {
    const busy = corpusRows([corpusResult('ours', [3], [1], [1]), corpusResult('jsdom', [40], [1], [30])], labels);
    expect(busy[1]).toMatchObject({ timeOverOurs: 40 / 3, cpuOverOurs: 30 });
    const [jsdom] = corpusChecks(busy);
    expect(jsdom).toMatchObject({ measured: '13.3×', pass: false, byCpu: '30.0×' });
    expect(formatChecks(corpusChecks(busy)).split('\n')[0]).toMatch(/on CPU time$/);
  });

  it('compares passes of one round pairwise when the run was in rounds, medians otherwise', () => {
    // The machine slowed down in round 2 for both: ours took 2.5× the floor in every round.
    const ours = [2.5, 5, 2.5];
    const floor = [1, 2, 1];
    expect(timeRatio(ours, floor, true)).toBe(2.5);
    expect(timeRatio(ours, floor, false)).toBe(2.5);
    // Ours' slow pass fell beside the floor's fast one: the medians of unpaired passes say 5×, the rounds 2.5×.
    const drift = { ours: [5, 5, 2.5], floor: [1, 2, 1] };
    expect(timeRatio(drift.ours, drift.floor, false)).toBe(5);
    expect(timeRatio(drift.ours, drift.floor, true)).toBe(2.5);
    const results = [corpusResult('ours', drift.ours, [1]), corpusResult('htmlparser2', drift.floor, [1])];
    const floorCheck = (paired: boolean) => corpusChecks(corpusRows(results, labels, { paired }))[2]!;
    expect(floorCheck(true)).toMatchObject({ measured: '2.50×', pass: true });
    expect(floorCheck(false)).toMatchObject({ measured: '5.00×', pass: false });
    expect(corpusRows(results, labels, { paired: true })[1]!.timeOverOurs).toBe(0.4);
  });

  it('marks a target it could not measure instead of passing or failing it', () => {
    const onlyOurs = corpusRows([corpusResult('ours', [1], [1])], labels);
    expect(corpusChecks(onlyOurs).map((c) => c.pass)).toEqual([null, null, null, null]);
  });

  it('prints one row per contender under one header', () => {
    const table = formatCorpusTable(rows).split('\n');
    expect(table).toHaveLength(2 + rows.length);
    expect(table[0]).toMatch(/^contender\s+docs\s+errors\s+median s\s+CPU s\s+docs\/s\s+MB\/s\s+p50 ms\s+p99 ms\s+max ms\s+peak RSS\s+\+RSS\s+time\/ours$/);
  });
});

function scalingResult(bytes: number, seconds: number, peak: number): ScalingResult {
  return { kind: 'scaling', contender: 'ours', bytes, cleansPerPass: 1, passSeconds: [seconds, seconds * 2, seconds], passCpuSeconds: [seconds, seconds, seconds], errors: [], rssBeforeBytes: 50 * MIB, peakRssBytes: peak, peakReset: true, sink: 3 };
}

describe('scaling report', () => {
  const entries = [
    { sizeLabel: '1 MB', result: scalingResult(MIB, 0.1, 80 * MIB) },
    { sizeLabel: '50 MB', result: scalingResult(50 * MIB, 5.5, 900 * MIB) },
  ];
  const rows = scalingRows(entries, labels, '1 MB');

  it('divides each size by the reference size of the same contender', () => {
    expect(rows[1]!.timeOverReference).toBeCloseTo(55);
    expect(rows[1]!.sizeOverReference).toBe(50);
    expect(rows[0]!.timeOverReference).toBe(1);
  });

  it('divides pass by pass when the sizes ran in rounds', () => {
    // The 1 MB page's passes: 0.1, 0.2, 0.1 s; the 50 MB page's slow pass fell in the round of a fast 1 MB one.
    const drift = [entries[0]!, { sizeLabel: '50 MB', result: { ...scalingResult(50 * MIB, 5.5, 900 * MIB), passSeconds: [11, 5.5, 5.5] } }];
    expect(scalingRows(drift, labels, '1 MB')[1]!.timeOverReference).toBeCloseTo(55);
    expect(scalingRows(drift, labels, '1 MB', { paired: true })[1]!.timeOverReference).toBeCloseTo(55);
    const unlucky = [entries[0]!, { sizeLabel: '50 MB', result: { ...scalingResult(50 * MIB, 5.5, 900 * MIB), passSeconds: [5.5, 11, 11] } }];
    expect(scalingRows(unlucky, labels, '1 MB')[1]!.timeOverReference).toBeCloseTo(110);
    expect(scalingRows(unlucky, labels, '1 MB', { paired: true })[1]!.timeOverReference).toBeCloseTo(55);
  });

  it('passes at 55× and 900 MiB, fails at 70× or 1.1 GiB', () => {
    expect(scalingChecks(rows, '50 MB', '1 MB').map((c) => c.pass)).toEqual([true, true]);
    const slow = scalingRows([entries[0]!, { sizeLabel: '50 MB', result: scalingResult(50 * MIB, 7, 1100 * MIB) }], labels, '1 MB');
    expect(scalingChecks(slow, '50 MB', '1 MB').map((c) => c.pass)).toEqual([false, false]);
  });

  it('does not pass a size that failed to clean', () => {
    const failed = scalingRows([entries[0]!, { sizeLabel: '50 MB', result: { ...scalingResult(50 * MIB, 1, MIB), errors: ['TOO_LARGE'] } }], labels, '1 MB');
    expect(scalingChecks(failed, '50 MB', '1 MB').map((c) => c.pass)).toEqual([null, null]);
  });
});

describe('table', () => {
  it('left-aligns the first column and right-aligns the figures', () => {
    expect(formatTable([{ header: 'name' }, { header: 'n' }], [['a', '1'], ['bbbbbb', '100']])).toBe(
      ['name      n', '------  ---', 'a         1', 'bbbbbb  100'].join('\n'),
    );
  });
});
