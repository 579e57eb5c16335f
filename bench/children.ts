/**
 * The benchmark's child processes, both sides. A job (a contender on the corpus, or on one
 * synthetic page for --scaling) runs in a child of its own, so its peak RSS is its own. Every
 * child loads its inputs first; then the passes alternate: pass i of every child, one child at a
 * time, the order reversed every other pass. Pass i of two contenders ran close in time on the
 * same inputs, so the ratio of a pass pair is little moved by the rest of the machine
 * (bench/report.ts takes the median of those ratios). The child is this module bundled by esbuild
 * into .bench/ (packages left external), on plain node: no TypeScript loader in its timings.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { contenderById, corpusInputs, inputFor, type BenchInput } from './contenders.js';
import { syntheticPage } from './synthetic.js';

export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Scratch directory of the benchmark (git-ignored). */
export const BENCH_DIR = fileURLToPath(new URL('../.bench/', import.meta.url));

export interface Job {
  readonly contender: string;
  readonly corpus?: { readonly dir: string; readonly limit: number | null };
  /** --scaling: one synthetic page of `bytes`, the core's time budget lifted to `timeBudgetMs`. */
  readonly page?: { readonly bytes: number; readonly timeBudgetMs: number };
}

/**
 * What a child reports once loaded and after every pass: wall and CPU seconds (user + system,
 * every thread) of each timed pass (--scaling: per clean of the page), the ms of every document
 * of the timed passes (corpus), the documents that threw in them, the RSS with the inputs loaded
 * after a full GC, and the peak RSS since (--scaling: of the first clean of the page).
 */
export interface ChildState {
  readonly docs: number;
  readonly rawBytes: number; // uncompressed, of one pass's inputs
  readonly passSeconds: number[];
  readonly passCpuSeconds: number[];
  readonly perDocMs: number[];
  readonly errors: string[];
  readonly rssBeforeBytes: number;
  readonly peakRssBytes: number;
}

type ChildMessage = { readonly state: ChildState } | { readonly failure: string };

/** --scaling cleans a small page several times a pass, until this many bytes, so one busy moment moves a ratio little. */
const SCALING_PASS_BYTES = 10 * 1024 * 1024;

/** Bundles this module for the children; built under a name of its own, then renamed: two runs never see half a file. */
async function buildRunner(): Promise<string> {
  const { build } = await import('esbuild');
  const partial = `${BENCH_DIR}runner.${process.pid}.mjs`;
  await build({ entryPoints: [fileURLToPath(import.meta.url)], outfile: partial, bundle: true, platform: 'node', format: 'esm', packages: 'external', logLevel: 'warning' });
  renameSync(partial, `${BENCH_DIR}runner.mjs`);
  return `${BENCH_DIR}runner.mjs`;
}

/** The child's next report: after loading (no command) or after the pass it is told to run. */
function request(child: ChildProcess, command?: { timed: boolean }): Promise<ChildState> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null, signal: string | null): void => {
      reject(new Error(`the child exited with ${signal ?? `code ${code}`}`));
    };
    child.once('exit', onExit).once('message', (message: ChildMessage) => {
      child.off('exit', onExit);
      if ('state' in message) resolve(message.state);
      else reject(new Error(message.failure));
    });
    if (command) child.send(command);
  });
}

/** A job's last report, or why its child failed (out of memory, say): a figure of its own, not the end of the run. */
export interface Outcome { readonly job: Job; state?: ChildState; error?: string }

/** Runs the jobs' passes alternately, `warmup` untimed passes first; `onProgress` hears of each. */
export async function runJobs(jobs: readonly Job[], plan: { warmup: number; passes: number }, onProgress: (job: Job, text: string) => void = () => {}): Promise<Outcome[]> {
  const path = await buildRunner();
  const live: Array<{ outcome: Outcome; child: ChildProcess }> = [];
  const outcomes: Outcome[] = jobs.map((job) => ({ job }));
  try {
    for (const outcome of outcomes) {
      onProgress(outcome.job, 'loading');
      // execArgv set explicitly: the parent runs under tsx, whose loader the child must not inherit.
      const child = fork(path, [JSON.stringify(outcome.job)], { cwd: PROJECT_ROOT, execArgv: ['--expose-gc'], env: { ...process.env, SCRAPE_CLEAN_BENCH_CHILD: '1' } });
      live.push({ outcome, child });
      try {
        outcome.state = await request(child);
      } catch (error) {
        outcome.error = (error as Error).message;
      }
    }
    for (let pass = 0; pass < plan.warmup + plan.passes; pass++) {
      const timed = pass >= plan.warmup;
      for (const { outcome, child } of pass % 2 === 0 ? live : [...live].reverse()) {
        if (outcome.error !== undefined) continue;
        try {
          const state = (outcome.state = await request(child, { timed }));
          onProgress(outcome.job, timed ? `pass ${state.passSeconds.length}: ${state.passSeconds.at(-1)!.toFixed(3)} s` : `warm-up pass ${pass + 1} done`);
        } catch (error) {
          outcome.error = (error as Error).message;
        }
      }
    }
  } finally {
    for (const { child } of live) child.kill();
  }
  return outcomes;
}

// The child's side.
async function child(job: Job): Promise<void> {
  const contender = contenderById(job.contender);
  const page = job.page ? await inputFor(contender, 'synthetic.html', Buffer.from(syntheticPage(job.page.bytes))) : null;
  const pages = page ? [page] : await corpusInputs(contender, job.corpus!.dir, job.corpus!.limit);
  const run = await contender.setup({ timeBudgetMs: job.page?.timeBudgetMs, pageBytes: page?.size });
  const cleansPerPass = page ? Math.max(1, Math.round(SCALING_PASS_BYTES / page.size)) : 1;
  const inputs = page ? new Array<BenchInput>(cleansPerPass).fill(page) : pages;
  const errors = new Map<string, string>();
  const clean = (input: BenchInput): void => {
    try {
      run(input);
    } catch (error) {
      errors.set(input.name, `${(error as { code?: string }).code ?? (error as Error).name}: ${(error as Error).message}`);
    }
  };
  (globalThis as { gc?: () => void }).gc?.();
  const rssBeforeBytes = process.memoryUsage.rss();
  // The peak RSS reset to the current RSS (Linux ≥ 4.0; elsewhere the peak counts from the start).
  if (existsSync('/proc/self/clear_refs')) writeFileSync('/proc/self/clear_refs', '5');
  const peakRss = (): number => process.resourceUsage().maxRSS * 1024;
  // --scaling: the memory of one clean of the page from a collected heap, as in a Lambda sized for it.
  if (job.page) clean(inputs[0]!);
  const pagePeak = job.page ? peakRss() : null;
  const state = { docs: pages.length, rawBytes: pages.reduce((sum, input) => sum + input.size, 0), passSeconds: [] as number[], passCpuSeconds: [] as number[], perDocMs: [] as number[] };
  const report = (): void => void process.send!({ state: { ...state, errors: [...errors].map(([name, message]) => `${name}: ${message}`), rssBeforeBytes, peakRssBytes: pagePeak ?? peakRss() } } satisfies ChildMessage);
  process.on('message', ({ timed }: { timed: boolean }) => {
    void (async () => {
      if (timed && state.passSeconds.length === 0) errors.clear(); // errors count over the timed passes
      const cpu = process.cpuUsage();
      const started = performance.now();
      for (const input of inputs) {
        const t0 = performance.now();
        clean(input);
        if (timed && !job.page) state.perDocMs.push(performance.now() - t0);
        await new Promise(setImmediate); // the event loop turns between two documents, as between two invocations
      }
      const used = process.cpuUsage(cpu);
      if (timed) {
        state.passSeconds.push((performance.now() - started) / 1000 / cleansPerPass);
        state.passCpuSeconds.push((used.user + used.system) / 1e6 / cleansPerPass);
      }
      report();
    })();
  });
  report();
}

if (process.env.SCRAPE_CLEAN_BENCH_CHILD === '1' && process.send) {
  process.once('disconnect', () => process.exit(0));
  child(JSON.parse(process.argv[2]!) as Job).catch((error: unknown) => {
    process.send!({ failure: (error as Error | undefined)?.stack ?? String(error) } satisfies ChildMessage, () => process.exit(1));
  });
}
