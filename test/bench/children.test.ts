/**
 * The benchmark's children, run for real on a tiny corpus: each contender loads, runs its passes
 * in its own process and reports figures of the right shape; the cold start builds and runs what
 * it measures. No timing is asserted.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { runJobs, type Job } from '../../bench/children.js';
import { coldStart } from '../../bench/cold-start.js';
import { CONTENDERS } from '../../bench/contenders.js';
import { syntheticPage } from '../../bench/synthetic.js';

const dir = mkdtempSync(join(tmpdir(), 'bench-children-'));
const pages = {
  'a.html': syntheticPage(20 * 1024, 1),
  'sub/b.html.gz': syntheticPage(30 * 1024, 2),
  'c.txt': 'A headline\n\nA paragraph of plain text that the cleaner keeps as body text.\n',
  'notes.md': 'not a page',
};
mkdirSync(join(dir, 'sub'));
for (const [name, text] of Object.entries(pages)) writeFileSync(join(dir, name), name.endsWith('.gz') ? gzipSync(text) : text);
const rawBytes = [pages['a.html'], pages['sub/b.html.gz'], pages['c.txt']].reduce((sum, text) => sum + Buffer.byteLength(text), 0);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('benchmark children', () => {
  it.each(CONTENDERS.map((c) => c.id))('runs %s on the corpus in a child and reports its figures', async (contender) => {
    const [outcome] = await runJobs([{ contender, corpus: { dir, limit: null } }], { warmup: 1, passes: 2 });
    expect(outcome!.error).toBeUndefined();
    // linkedom builds no document element for plain text, and Readability refuses such a document.
    const refused = contender === 'linkedom' ? ['c.txt: Error: First argument to Readability constructor should be a document object.'] : [];
    expect(outcome!.state).toMatchObject({ docs: 3, rawBytes, errors: refused });
    expect(outcome!.state!.passSeconds).toHaveLength(2);
    expect(outcome!.state!.passCpuSeconds).toHaveLength(2);
    expect(outcome!.state!.perDocMs).toHaveLength(6);
    expect(outcome!.state!.peakRssBytes).toBeGreaterThan(0);
  });

  it('counts a document our cleaner refuses as an error and goes on', async () => {
    const withEmpty = mkdtempSync(join(tmpdir(), 'bench-children-empty-'));
    try {
      writeFileSync(join(withEmpty, 'empty.html'), '');
      writeFileSync(join(withEmpty, 'page.html'), pages['a.html']);
      const [outcome] = await runJobs([{ contender: 'ours', corpus: { dir: withEmpty, limit: null } }], { warmup: 0, passes: 1 });
      expect(outcome!.state).toMatchObject({ docs: 2, errors: [expect.stringMatching(/^empty\.html: EMPTY_INPUT/)] });
    } finally {
      rmSync(withEmpty, { recursive: true, force: true });
    }
  });

  it('reports a child that fails instead of hanging, runs the others, and alternates the order of the passes', async () => {
    const jobs: Job[] = [
      { contender: 'ours', corpus: { dir, limit: null } },
      { contender: 'htmlparser2', corpus: { dir: join(dir, 'missing'), limit: null } },
      { contender: 'htmlparser2-text', corpus: { dir, limit: 1 } },
    ];
    const heard: string[] = [];
    const outcomes = await runJobs(jobs, { warmup: 1, passes: 2 }, (job, text) => heard.push(`${job.contender} ${text.split(':')[0]}`));
    expect(outcomes[1]!.error).toMatch(/ENOENT/);
    expect(outcomes.map((o) => o.state?.passSeconds.length)).toEqual([2, undefined, 2]);
    expect(outcomes[2]!.state!.docs).toBe(1);
    // The warm-up goes forwards, timed pass 1 backwards, pass 2 forwards again; the failed child is left out.
    expect(heard.filter((line) => !line.endsWith('loading'))).toEqual(['ours warm-up pass 1 done', 'htmlparser2-text warm-up pass 1 done', 'htmlparser2-text pass 1', 'ours pass 1', 'ours pass 2', 'htmlparser2-text pass 2']);
  });

  it('cleans one synthetic page of a requested size for --scaling, several times a pass', async () => {
    const [outcome] = await runJobs([{ contender: 'ours', page: { bytes: 64 * 1024, timeBudgetMs: 60_000 } }], { warmup: 0, passes: 1 });
    expect(outcome!.state).toMatchObject({ docs: 1, errors: [], perDocMs: [] });
    expect(outcome!.state!.rawBytes).toBeGreaterThanOrEqual(64 * 1024);
    expect(outcome!.state!.passSeconds).toHaveLength(1);
  });
});

describe('cold start', () => {
  it('bundles the handler as the stack ships it, imports it cold, cleans a first document and starts the command', async () => {
    // A relative corpus path, as typed on the command line: the children run elsewhere (.bench/).
    const report = await coldStart({ corpus: relative(process.cwd(), dir), runs: 1 });
    expect(report.bundleBytes).toBeGreaterThan(10_000);
    expect(report.packages.map((p) => p.name)).toContain('src/core');
    expect(report.firstDocument.name).toBe('a.html');
    expect(report.lambda.firstDocMs).toBeGreaterThan(0);
    expect(report.cli.firstMs).toBeGreaterThan(0);
    expect(report.cli.exitMs).toBeGreaterThanOrEqual(report.cli.firstMs);
    expect(report.startup.firstMs).toBeGreaterThan(0);
    expect(report.checks.map((c) => c.pass === null)).toEqual([false, false, false, false]);
  });
});
