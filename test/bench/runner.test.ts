/**
 * The benchmark's children, run for real on a tiny corpus: each contender loads, runs its passes
 * in its own process and reports figures of the right shape. No timing is asserted.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { coldStart } from '../../bench/cold-start.js';
import type { CorpusJob, CorpusResult } from '../../bench/jobs.js';
import { turnOrder, runRounds, type StartChild } from '../../bench/rounds.js';
import { syntheticPage } from '../../bench/synthetic.js';

const dir = mkdtempSync(join(tmpdir(), 'bench-runner-'));
const pages = {
  'a.html': syntheticPage(20 * 1024, 1),
  'b.html.gz': syntheticPage(30 * 1024, 2),
  'c.txt': 'A headline\n\nA paragraph of plain text that the cleaner keeps as body text.\n',
};
for (const [name, text] of Object.entries(pages)) writeFileSync(join(dir, name), name.endsWith('.gz') ? gzipSync(text) : text);
const rawBytes = Object.values(pages).reduce((sum, text) => sum + Buffer.byteLength(text), 0);
afterAll(() => { rmSync(dir, { recursive: true, force: true }); });

describe('benchmark children', () => {
  it.each(['ours', 'ours-gz', 'htmlparser2', 'htmlparser2-text', 'parse-routed', 'parse5', 'linkedom', 'jsdom'])('runs %s on the corpus in a child and reports its figures', async (contender) => {
    const progress: string[] = [];
    const { results, failures } = await runRounds([{ kind: 'corpus', contender, dir, limit: null }], { warmupPasses: 1, passes: 2, slices: 2 }, (_job, line) => progress.push(line));
    expect(failures).toEqual([]);
    const result = results[0]!;
    // linkedom builds no document element for plain text, and Readability refuses such a document.
    const refused = contender === 'linkedom' ? ['c.txt: Error: First argument to Readability constructor should be a document object.'] : [];
    expect(result).toMatchObject({ kind: 'corpus', contender, docs: 3, rawBytes, errors: refused.length, errorSamples: refused });
    expect(result.passSeconds).toHaveLength(2);
    expect(result.passCpuSeconds).toHaveLength(2);
    expect(result.perDocMs).toHaveLength(6);
    expect(result.perDocMs.every((ms) => ms >= 0)).toBe(true);
    expect(result.peakRssBytes).toBeGreaterThan(0);
    expect(result.rssBeforeBytes).toBeGreaterThan(0);
    expect(progress).toEqual(['loading the corpus', expect.stringMatching(/^warm-up 1: /), expect.stringMatching(/^pass 1: .* \(CPU /), expect.stringMatching(/^pass 2: /)]);
    if (contender === 'ours-gz') expect(result.inputBytes).toBeLessThan(rawBytes);
  });

  it('counts a document our cleaner refuses as an error and goes on', async () => {
    const withEmpty = mkdtempSync(join(tmpdir(), 'bench-runner-empty-'));
    try {
      writeFileSync(join(withEmpty, 'empty.html'), '');
      writeFileSync(join(withEmpty, 'page.html'), pages['a.html']);
      const { results } = await runRounds([{ kind: 'corpus', contender: 'ours', dir: withEmpty, limit: null }], { warmupPasses: 0, passes: 1, slices: 1 });
      const result = results[0]!;
      expect(result.docs).toBe(2);
      expect(result.errors).toBe(1);
      expect(result.errorSamples[0]).toMatch(/^empty\.html: EMPTY_INPUT/);
    } finally {
      rmSync(withEmpty, { recursive: true, force: true });
    }
  });

  it('reports a child that fails instead of hanging, and runs the other contenders', async () => {
    const jobs: CorpusJob[] = [
      { kind: 'corpus', contender: 'ours', dir: join(dir, 'missing'), limit: null },
      { kind: 'corpus', contender: 'htmlparser2', dir, limit: null },
    ];
    const { results, failures } = await runRounds(jobs, { warmupPasses: 0, passes: 1, slices: 2 });
    expect(failures).toEqual([{ job: jobs[0], error: expect.stringMatching(/ENOENT/) }]);
    expect(results.map((r) => [r.contender, r.passSeconds.length])).toEqual([['htmlparser2', 1]]);
  });

  it('interleaves the passes in rounds, the order reversed every other round', async () => {
    const events: string[] = [];
    const jobs: CorpusJob[] = ['ours', 'htmlparser2'].map((contender) => ({ kind: 'corpus', contender, dir, limit: null }));
    const { results } = await runRounds(jobs, { warmupPasses: 1, passes: 2, slices: 1 }, (job, line) => {
      if (line !== 'loading the corpus') events.push(`${job.contender} ${line.split(':')[0]}`);
    });
    expect(events).toEqual(['ours warm-up 1', 'htmlparser2 warm-up 1', 'htmlparser2 pass 1', 'ours pass 1', 'ours pass 2', 'htmlparser2 pass 2']);
    expect(results.map((r) => [r.contender, r.passSeconds.length, r.warmupSeconds.length])).toEqual([
      ['ours', 2, 1],
      ['htmlparser2', 2, 1],
    ]);
  });

  it('orders a turn as given, then reversed', () => {
    expect([0, 1, 2, 3].map((turn) => turnOrder(['a', 'b', 'c'], turn).join(''))).toEqual(['abc', 'cba', 'abc', 'cba']);
  });

  it('takes turns slice by slice within a round, and ends every child it started', async () => {
    const calls: string[] = [];
    const start: StartChild = async (job) => ({
      contender: job.contender,
      pass: async (warmup, slice, slices) => void calls.push(`${job.contender} ${warmup ? 'w' : 't'}${slice}/${slices}`),
      finish: async () => (calls.push(`${job.contender} finish`), { contender: job.contender } as CorpusResult),
    });
    const jobs: CorpusJob[] = ['a', 'b'].map((contender) => ({ kind: 'corpus', contender, dir, limit: null }));
    await runRounds(jobs, { warmupPasses: 1, passes: 1, slices: 2 }, () => {}, start);
    expect(calls).toEqual(['a w0/2', 'b w0/2', 'b w1/2', 'a w1/2', 'a t0/2', 'b t0/2', 'b t1/2', 'a t1/2', 'a finish', 'b finish']);
  });

  it('cleans one synthetic page of a requested size in the scaling run', async () => {
    const { results, failures } = await runRounds([{ kind: 'scaling', contender: 'ours', bytes: 64 * 1024, seed: 1, timeBudgetMs: 60_000 } as const], { warmupPasses: 0, passes: 1, slices: 1 });
    expect(failures).toEqual([]);
    const result = results[0]!;
    expect(result.bytes).toBeGreaterThanOrEqual(64 * 1024);
    // A small page is cleaned several times a pass: about 10 MB a pass.
    expect(result.cleansPerPass).toBe(Math.round((10 * 1024 * 1024) / result.bytes));
    expect(result.errors).toEqual([]);
    expect(result.passSeconds).toHaveLength(1);
  });
});

describe('cold start', () => {
  it('bundles the handler as the stack ships it, imports it cold and cleans a first document', async () => {
    // A relative corpus path, as typed on the command line: the timing children run elsewhere (.bench/).
    const report = await coldStart({ corpus: relative(process.cwd(), dir), runs: 1 });
    expect(report.bundleBytes).toBeGreaterThan(10_000);
    expect(report.composition.packages.length).toBeGreaterThan(0);
    expect(report.firstDocument.name).toBe('a.html');
    const deployed = report.variants[0]!;
    expect(deployed.name).toBe('as deployed');
    expect(deployed.runs[0]!.segments).toBeGreaterThan(0);
    expect(report.checks.map((c) => c.pass === null)).toEqual([false, false]);
  });
});
