import { describe, expect, it } from 'vitest';
import type { ChildState } from '../../bench/children.js';
import { corpusChecks, formatChecks, formatRows, formatTable, rows, scalingChecks, timeRatio } from '../../bench/report.js';

const MIB = 1024 * 1024;

function state(passSeconds: number[], overrides: Partial<ChildState> = {}): ChildState {
  return { docs: 4, rawBytes: 8_000_000, passSeconds, passCpuSeconds: passSeconds, perDocMs: [1, 1, 1, 1], errors: [], rssBeforeBytes: 100 * MIB, peakRssBytes: 150 * MIB, ...overrides };
}

function corpusTable(states: Record<string, ChildState>) {
  return rows(Object.entries(states).map(([contender, s]) => ({ contender, label: contender, what: String(s.docs), state: s, reference: states.ours })));
}

describe('corpus rows', () => {
  const ours = state([2, 1, 3], { perDocMs: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 500] });
  const table = corpusTable({ ours, jsdom: state([40, 20, 60]) });

  it('takes the median pass, MB/s from it, and the per-document p50/p99/max over the pooled samples', () => {
    expect(table[0]).toMatchObject({ seconds: 2, mbPerSecond: 4, perDocMs: [6, 500, 500], addedRssBytes: 50 * MIB, ratio: 1 });
    expect(table[1]!.ratio).toBe(20);
  });

  it('divides pass by pass: a slow moment of the machine that fell on one pass of both cancels out', () => {
    // The machine was twice as slow during pass 2, for both: ours took 2.5× the floor in every pass.
    expect(timeRatio([2.5, 5, 2.5], [1, 2, 1])).toBe(2.5);
    // The medians of the passes taken apart would say 5×; the pass pairs say 2.5×.
    expect(timeRatio([5, 5, 2.5], [1, 2, 1])).toBe(2.5);
    // Passes that cannot pair (a child died mid-run): the ratio of the medians.
    expect(timeRatio([5, 5], [1, 2, 1])).toBe(5);
  });
});

describe('corpus targets', () => {
  const fast = { ours: state([1]), htmlparser2: state([0.5]), 'htmlparser2-text': state([0.5]), linkedom: state([4]), jsdom: state([40]) };

  it('passes at 40× jsdom, 4× linkedom, 2× the floor and 2× the parse alone', () => {
    expect(corpusChecks(corpusTable(fast)).map((c) => [c.measured, c.pass])).toEqual([
      ['40.0×', true],
      ['4.00×', true],
      ['2.00×', true],
      ['2.00×', true],
    ]);
  });

  it('fails at 20× jsdom, 2× linkedom, 4× the floor and 2.5× the parse alone', () => {
    const slow = { ...fast, ours: state([2]), htmlparser2: state([0.5]), 'htmlparser2-text': state([0.8]), linkedom: state([4]), jsdom: state([40]) };
    expect(corpusChecks(corpusTable(slow)).map((c) => [c.measured, c.pass])).toEqual([
      ['20.0×', false],
      ['2.00×', false],
      ['4.00×', false],
      ['2.50×', false],
    ]);
  });

  it('gives the CPU-time figure beside the wall-time one, and marks what was not measured', () => {
    const busy = corpusTable({ ours: state([3], { passCpuSeconds: [1] }), jsdom: state([40], { passCpuSeconds: [30] }) });
    const [jsdom, linkedom] = corpusChecks(busy);
    expect(jsdom).toMatchObject({ measured: '13.3×', pass: false, byCpu: '30.0×' });
    expect(linkedom).toMatchObject({ measured: 'not measured', pass: null });
    expect(formatChecks(corpusChecks(busy))).toMatch(/^target\s+measured\s+goal\s+on CPU time\n/);
    expect(formatChecks(corpusChecks(busy))).toMatch(/throughput over Readability.js on linkedom\s+not measured\s+≥ 3.00×\s+n\/a/);
  });

  it('prints one row per contender under one header', () => {
    const lines = formatRows(corpusTable(fast), 'corpus', 'ours').split('\n');
    expect(lines).toHaveLength(2 + 5);
    expect(lines[0]).toMatch(/^contender\s+docs\s+errors\s+median s\s+CPU s\s+MB\/s\s+p50 ms\s+p99 ms\s+max ms\s+peak RSS\s+\+RSS\s+time\/ours\s+CPU\/ours$/);
    expect(lines[6]).toMatch(/^jsdom\s+4\s+0\s+40\.0\s.*\s40\.0×\s+40\.0×$/);
  });
});

describe('scaling', () => {
  const oneMb = state([0.1, 0.2, 0.1], { rawBytes: MIB, perDocMs: [] });
  const table = (fifty: ChildState) => rows([
    { contender: 'ours', label: 'ours', what: '1 MB', state: oneMb, reference: oneMb },
    { contender: 'ours', label: 'ours', what: '50 MB', state: fifty, reference: oneMb },
  ]);

  it('passes at 55× and 900 MiB, fails at 70× or 1.1 GiB', () => {
    expect(scalingChecks(table(state([5.5, 11, 5.5], { peakRssBytes: 900 * MIB })), '50 MB', '1 MB').map((c) => c.pass)).toEqual([true, true]);
    expect(scalingChecks(table(state([7, 14, 7], { peakRssBytes: 1100 * MIB })), '50 MB', '1 MB').map((c) => c.pass)).toEqual([false, false]);
  });

  it('does not judge a page that failed to clean', () => {
    expect(scalingChecks(table(state([1, 1, 1], { errors: ['synthetic.html: TOO_LARGE'] })), '50 MB', '1 MB').map((c) => c.pass)).toEqual([null, null]);
  });

  it('prints the page instead of per-document times', () => {
    expect(formatRows(table(state([5.5, 11, 5.5])), 'scaling', '1 MB').split('\n')[0]).toMatch(/^contender\s+page\s+errors\s+median s\s+CPU s\s+MB\/s\s+peak RSS\s+\+RSS\s+time\/1 MB\s+CPU\/1 MB$/);
  });
});

describe('table', () => {
  it('left-aligns the first column and right-aligns the figures', () => {
    expect(formatTable(['name', 'n'], [['a', '1'], ['bbbbbb', '100']])).toBe(['name      n', '------  ---', 'a         1', 'bbbbbb  100'].join('\n'));
  });
});
