/**
 * npm run bench -- --corpus <dir> | --scaling | --cold-start (the Lambda bundle and the CLI start-up)   (see bench/args.ts for options)
 *
 * Throughput, memory and cold start of the cleaner beside Readability.js and the parse floor.
 * Every contender (and every page size of --scaling) runs in its own child process, one at a
 * time (this machine's 2 cores are shared), so each peak RSS is the contender's own; the corpus
 * run interleaves the contenders' passes in rounds (bench/rounds.ts).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseBenchArgs, USAGE, UsageError, type BenchArgs } from './args.js';
import { PROJECT_ROOT } from './child.js';
import { cliStart, formatCliStart } from './cli-start.js';
import { coldStart, formatColdStart } from './cold-start.js';
import { CONTENDERS, contenderById } from './contenders.js';
import { listCorpus } from './corpus.js';
import type { CorpusJob, ScalingJob } from './jobs.js';
import { runRounds } from './rounds.js';
import { corpusChecks, corpusRows, formatChecks, formatCorpusTable, formatScalingTable, scalingChecks, scalingRows, type ScalingEntry } from './report.js';
import { bytesLabel, fixed } from './table.js';
import type { TargetCheck } from './targets.js';

/** The watchdog budget of the scaling run: lifted so a 50 MB page is timed, not cut off. */
const SCALING_TIME_BUDGET_MS = 60 * 60 * 1000;
/** 1-minute load average above which another process was busy when the run started (2 cores). */
const BUSY_LOAD = 0.5;

let args: BenchArgs;
try {
  args = parseBenchArgs(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  console.error(`${error.message}\n\n${USAGE}`);
  process.exit(2);
}
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}

/** Human output goes to stderr when JSON goes to stdout. */
const print = args.json === '-' ? (text = ''): void => void process.stderr.write(`${text}\n`) : (text = ''): void => { console.log(text); };
const progress = (text: string): void => void process.stderr.write(`  ${text}\n`);

function packageVersion(name: string): string {
  try {
    return (JSON.parse(readFileSync(join(PROJECT_ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '?';
  }
}

function gitCommit(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: PROJECT_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src'], { cwd: PROJECT_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return dirty ? `${head} (src/ has uncommitted changes)` : head;
  } catch {
    return 'unknown';
  }
}

const startLoad = loadavg()[0]!;
const machine = {
  date: new Date().toISOString(),
  node: process.version,
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  commit: gitCommit(),
  loadAverageAtStart: startLoad,
  busy: startLoad > BUSY_LOAD,
};

function header(title: string): void {
  print(title);
  print(`${machine.date}  node ${machine.node}  ${machine.cores} × ${machine.cpu}  commit ${machine.commit}`);
  print(
    `load average at start ${startLoad.toFixed(2)}${machine.busy ? ' (another process was busy: figures provisional, compare ratios)' : ''}`,
  );
  print();
}

function printChecks(checks: readonly TargetCheck[]): void {
  print();
  print('targets (issue 5):');
  print(formatChecks(checks));
}

function writeJson(value: unknown): void {
  if (args.json === null) return;
  const text = `${JSON.stringify(value, null, 2)}\n`;
  if (args.json === '-') process.stdout.write(text);
  else {
    writeFileSync(resolve(args.json), text);
    print(`\nJSON written to ${args.json}`);
  }
}

function labels(): Map<string, string> {
  return new Map(CONTENDERS.map((c) => [c.id, c.label]));
}

async function corpusRun(dir: string): Promise<void> {
  const files = listCorpus(dir, args.limit ?? Infinity);
  if (files.length === 0) throw new UsageError(`no .html, .htm or .txt (optionally .gz) file in ${dir}`);
  const storedBytes = files.reduce((sum, name) => sum + statSync(join(dir, name)).size, 0);
  header('scrape-clean throughput benchmark');
  print(`corpus: ${dir}: ${files.length} files, ${bytesLabel(storedBytes)} as stored`);
  print(
    `${args.warmup} warm-up + ${args.passes} timed passes per contender, each contender in its own child process (inputs loaded first);\n` +
      `        the passes run in rounds, one pass of each contender per round, one child at a time, taking turns slice by slice\n` +
      `        (${args.slices} slices of the corpus a pass), the order reversed every other turn; a ratio is the median of the ratios\n` +
      '        of the passes of one round (the machine\'s drift cancels).',
  );
  print(
    'inputs: ours gets the uncompressed bytes and decodes them itself (timed); ours-gz gets the gzipped bytes as stored (gunzip timed);\n' +
      "        every other contender gets strings pre-decoded by the core's decoder outside the timing (their best case).\n" +
      '        MB/s is on uncompressed bytes for every row; per-document ms are pooled over the timed passes;\n' +
      '        peak RSS is the child\'s peak over its passes with its inputs in memory, +RSS what it added to them.',
  );
  print(
    `versions: ${[...new Set(CONTENDERS.flatMap((c) => c.packages))].map((p) => `${p} ${packageVersion(p)}`).join(', ')}`,
  );
  print();

  const ids = CONTENDERS.map((c) => c.id).filter((id) => args.contenders.includes(id));
  const jobs = ids.map((id): CorpusJob => ({ kind: 'corpus', contender: id, dir, limit: args.limit }));
  const { results, failures } = await runRounds(jobs, { warmupPasses: args.warmup, passes: args.passes, slices: args.slices }, (job, text) => { progress(`${job.contender}: ${text}`); });
  for (const failure of failures) progress(`${failure.job.contender} failed: ${failure.error.split('\n')[0]}`);
  const rows = results.length > 0 ? corpusRows(results, labels(), { paired: true }) : [];
  print();
  if (results.length > 0) {
    print(`${rows[0]!.docs} documents, ${fixed(results[0]!.rawBytes / 1e6)} MB uncompressed`);
    print(formatCorpusTable(rows));
  }
  for (const failure of failures) print(`  ${failure.job.contender}: the child failed: ${failure.error.split('\n')[0]}`);
  for (const r of results) {
    if (r.errors > 0) print(`  ${r.contender}: ${r.errors} documents threw, e.g. ${r.errorSamples[0]}`);
    if (!r.peakReset) print(`  ${r.contender}: peak RSS could not be reset after loading; it includes the loading peak`);
  }
  const checks = corpusChecks(rows);
  printChecks(checks);
  writeJson({ benchmark: 'corpus', machine, corpus: { dir, files: files.length, storedBytes }, warmupPasses: args.warmup, passes: args.passes, slices: args.slices, rows, failures, checks });
  if (failures.length > 0) process.exitCode = 1;
}

async function scalingRun(): Promise<void> {
  header('scrape-clean scaling benchmark: one synthetic page per size (bench/synthetic.ts)');
  print(
    `${args.passes} timed passes per size after a warm-up on a 100 KB page; each size and contender in its own child process;\n` +
      'a pass cleans at least 10 MB (the 1 MB page ten times; time per clean = pass / cleans), so one busy moment of the machine does not move a ratio;\n' +
      'peak RSS: the first clean of the page, from a collected heap after the warm-up; the timed passes follow, no GC forced before them',
  );
  print(`the core's time budget is lifted to ${SCALING_TIME_BUDGET_MS / 60_000} min for this run (default 10 s); other limits keep their defaults (maxBytes only grows for a page over it)`);
  print();
  const entries: ScalingEntry[] = [];
  const failures: Array<{ contender: string; size: string; error: string }> = [];
  const sizeLabel = new Map(args.sizes.map((size) => [size.bytes, size.label]));
  for (const id of CONTENDERS.map((c) => c.id).filter((id) => args.contenders.includes(id))) {
    // One child per size, their passes in rounds (bench/rounds.ts): each pass of the 50 MB page has one of the 1 MB page beside it.
    process.stderr.write(`${contenderById(id).label}\n`);
    const jobs = args.sizes.map((size): ScalingJob => ({ kind: 'scaling', contender: id, bytes: size.bytes, seed: 1, timeBudgetMs: SCALING_TIME_BUDGET_MS }));
    const { results, failures: failed } = await runRounds(jobs, { warmupPasses: 0, passes: args.passes, slices: 1 }, (job, text) => { progress(`${sizeLabel.get(job.bytes)}: ${text}`); },
    );
    // The results come in the order of the jobs that did not fail.
    const finished = jobs.filter((job) => failed.every((failure) => failure.job !== job));
    finished.forEach((job, i) => entries.push({ sizeLabel: sizeLabel.get(job.bytes)!, result: results[i]! }));
    for (const failure of failed) {
      failures.push({ contender: id, size: sizeLabel.get(failure.job.bytes)!, error: failure.error });
      progress(`${sizeLabel.get(failure.job.bytes)} failed: ${failure.error.split('\n')[0]}`);
    }
  }
  const sizes = [...args.sizes].sort((a, b) => a.bytes - b.bytes);
  const reference = (sizes.find((s) => s.label === '1 MB') ?? sizes[0]!).label;
  const largest = sizes.at(-1)!.label;
  const rows = scalingRows(entries, labels(), reference, { paired: true });
  print(formatScalingTable(rows, reference));
  for (const failure of failures) print(`  ${failure.contender} ${failure.size}: the child failed: ${failure.error.split('\n')[0]}`);
  const checks = scalingChecks(rows, largest, reference);
  printChecks(checks);
  writeJson({ benchmark: 'scaling', machine, passes: args.passes, timeBudgetMs: SCALING_TIME_BUDGET_MS, reference, largest, rows, failures, checks });
  if (failures.length > 0) process.exitCode = 1;
}

async function coldStartRun(): Promise<void> {
  header('scrape-clean cold start: the Lambda bundle, imported cold in fresh processes');
  const report = await coldStart({ corpus: args.corpus, runs: args.runs, onProgress: progress });
  print(formatColdStart(report));
  const cli = await cliStart({ runs: args.runs, onProgress: progress });
  print(formatCliStart(cli));
  printChecks([...report.checks, ...cli.checks]);
  writeJson({ benchmark: 'cold-start', machine, ...report, cli });
}

try {
  if (args.mode === 'corpus') await corpusRun(resolve(args.corpus!));
  else if (args.mode === 'scaling') await scalingRun();
  else await coldStartRun();
} catch (error) {
  if (error instanceof UsageError) {
    console.error(error.message);
    process.exit(2);
  }
  throw error;
}
