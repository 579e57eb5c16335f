/**
 * npm run bench -- --corpus <dir> | --scaling | --cold-start   (docs/performance.md says how it measures)
 *
 * The corpus table: our cleaner beside the parse floor, the core's parse and Readability.js on
 * linkedom and on jsdom, each in a child of its own, the passes alternating (bench/children.ts),
 * the ratios from pass pairs of this one run. --scaling: one synthetic page per size. --cold-start:
 * the Lambda bundle and the command's start-up. --json: the figures as JSON too.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runJobs, PROJECT_ROOT, type ChildState, type Job, type Outcome } from './children.js';
import { coldStart, formatColdStart } from './cold-start.js';
import { CONTENDERS, contenderById, listCorpus } from './contenders.js';
import { corpusChecks, formatChecks, formatRows, rows, scalingChecks, type TargetCheck } from './report.js';

/**
 * --corpus's default warm-up: passes enough to clean this many documents before the timed ones. A process walks the
 * block models' trees as arrays until each model has evaluated 200,000 rows, then compiles them (COMPILE_AFTER_ROWS,
 * src/core/classifier/trees.ts): on trafilatura-eval (159,293 body rows and 121,276 segment rows a pass of 990 pages)
 * the body model compiles at about page 1,240 and the segment model at about page 1,630. With one warm-up pass the
 * first timed pass held both compiles and 120,000 rows walked as arrays, and read 2-30% slower (median 15%) than the
 * mean of the next two in each of nine runs of 7 December 2026: the passes are timed once a long-running process's
 * speed is reached (--warmup 1 shows the first).
 */
const WARM_UP_DOCUMENTS = 1_800;

const USAGE = `usage: npm run bench -- [--corpus <dir> | --scaling | --cold-start] [options]
  --corpus <dir>      every .html/.htm/.txt(.gz) file under <dir>: the corpus table
  --scaling           one synthetic page per size: time and peak memory per size
  --cold-start        the Lambda bundle (size, cold import + first document) and the CLI's start-up
  --limit N           the first N corpus files (sorted by path)
  --passes N          timed passes (default 3), after --warmup N untimed ones (default 1; --corpus: as many
                      passes as make ${WARM_UP_DOCUMENTS} documents, the trees compiled before the timed passes)
  --contenders a,b    ${CONTENDERS.map((c) => c.id).join(', ')} (default: all; --scaling: ours,htmlparser2)
  --sizes 100KB,1MB   --scaling's pages (default 100KB,1MB,10MB,50MB; binary units)
  --runs N            fresh processes of --cold-start (default 10)
  --json [file]       the figures as JSON too (no file: to stdout, the tables then go to stderr)`;

/** --scaling lifts the core's time budget (and only that) so the 50 MB page is timed, not stopped. */
const SCALING_TIME_BUDGET_MS = 60 * 60 * 1000;

/** Prints the usage (after `message`, to stderr, for a mistake) and exits. */
function usage(message: string, code = 2): never {
  if (code === 0) console.log(USAGE);
  else console.error(`${message}\n\n${USAGE}`);
  process.exit(code);
}

// `--json` alone means stdout.
const argv = process.argv.slice(2).flatMap((arg, i, all) => (arg === '--json' && !/^([^-]|-$)/.test(all[i + 1] ?? '--') ? ['--json=-'] : [arg]));
const [text, flag] = [{ type: 'string' }, { type: 'boolean' }] as const;
const options = { corpus: text, limit: text, passes: text, warmup: text, contenders: text, sizes: text, runs: text, json: text, scaling: flag, 'cold-start': flag, help: flag };
let values: ReturnType<typeof parseArgs<{ args: string[]; options: typeof options }>>['values'];
try {
  ({ values } = parseArgs({ args: argv, options }));
} catch (error) {
  usage((error as Error).message);
}
if (values.help) usage('', 0);
const count = (name: 'limit' | 'passes' | 'warmup' | 'runs', fallback: number, min = 1): number => {
  const value = values[name];
  if (value !== undefined && (!/^\d+$/.test(value) || Number(value) < min)) usage(`--${name} takes an integer ≥ ${min}, got "${value}"`);
  return value === undefined ? fallback : Number(value);
};
if (values.scaling && values['cold-start']) usage('choose one of --scaling and --cold-start');
const mode = values.scaling ? 'scaling' : values['cold-start'] ? 'cold-start' : 'corpus';
if (mode === 'corpus' && !values.corpus) usage('--corpus <dir> is needed');
const passes = count('passes', 3);
/** --warmup as given, else 1 (--corpus: warmUpPasses). */
const givenWarmup = values.warmup === undefined ? null : count('warmup', 1, 0);
const warmUpPasses = (files: number): number => givenWarmup ?? Math.max(1, Math.ceil(WARM_UP_DOCUMENTS / files));
let warmup = givenWarmup ?? 1;
const contenders = values.contenders?.split(',').map((id) => id.trim()) ?? (mode === 'scaling' ? ['ours', 'htmlparser2'] : CONTENDERS.map((c) => c.id));
const unknown = contenders.filter((id) => !CONTENDERS.some((c) => c.id === id));
if (unknown.length > 0) usage(`unknown contender ${unknown.join(', ')}`);
const sizes = (values.sizes ?? '100KB,1MB,10MB,50MB').split(',').map((size) => {
  const match = /^(\d+(?:\.\d+)?)\s*(KB|MB)?$/i.exec(size.trim()) ?? usage(`cannot read the size "${size}" (use e.g. 100KB, 1MB)`);
  const unit = (match[2] ?? 'B').toUpperCase();
  return { label: `${match[1]} ${unit}`, bytes: Math.round(Number(match[1]) * (unit === 'MB' ? 1024 ** 2 : unit === 'KB' ? 1024 : 1)) };
});

/** The tables go to stderr when the JSON goes to stdout. */
const print = (text = ''): void => void (values.json === '-' ? process.stderr : process.stdout).write(`${text}\n`);
const progress = (text: string): void => void process.stderr.write(`  ${text}\n`);

function git(...args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: PROJECT_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return ''; // not a clone
  }
}
const commit = `${git('rev-parse', '--short', 'HEAD') || 'unknown'}${git('status', '--porcelain', '--', 'src') ? ' (src/ has uncommitted changes)' : ''}`;
const machine = { date: new Date().toISOString(), node: process.version, cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, commit, loadAverageAtStart: loadavg()[0]! };
print(`scrape-clean benchmark (${mode}): ${machine.date}, node ${machine.node}, ${machine.cores} × ${machine.cpu}, commit ${machine.commit}`);
print(`load average at start ${machine.loadAverageAtStart.toFixed(2)}${machine.loadAverageAtStart > 0.5 ? ': the machine was busy, read the ratios rather than the times' : ''}\n`);

function finish(checks: readonly TargetCheck[], outcomes: readonly Outcome[], figures: object): void {
  for (const { job, error, state } of outcomes) {
    if (error !== undefined) print(`  ${job.contender}${job.page ? ` ${job.page.bytes} bytes` : ''}: the child failed: ${error.split('\n')[0]}`);
    else if (state && state.errors.length > 0) print(`  ${job.contender}: ${state.errors.length} documents threw, e.g. ${state.errors[0]}`);
  }
  print(`\ntargets:\n${formatChecks(checks)}`);
  const failures = outcomes.filter((o) => o.error !== undefined).map((o) => ({ job: o.job, error: o.error }));
  // fd 1 is stdout.
  if (values.json !== undefined) writeFileSync(values.json === '-' ? 1 : resolve(values.json), `${JSON.stringify({ benchmark: mode, machine, passes, warmup, ...figures, failures, checks }, null, 2)}\n`);
  if (failures.length > 0) process.exitCode = 1;
}

/** The jobs whose child ran to the end (a child that loaded has a state). */
const ran = (outcomes: readonly Outcome[]): Array<{ job: Job; state: ChildState }> => outcomes.flatMap(({ job, state, error }) => (error === undefined && state ? [{ job, state }] : []));

if (mode === 'corpus') {
  const dir = resolve(values.corpus!);
  const files = listCorpus(dir, values.limit === undefined ? Infinity : count('limit', 0));
  if (files.length === 0) usage(`no .html, .htm or .txt (optionally .gz) file in ${dir}`);
  warmup = warmUpPasses(files.length);
  print(`corpus ${dir}: ${files.length} files; ${warmup} warm-up + ${passes} timed passes alternating, a child per contender (bench/children.ts);`);
  print("time/ours: the median of the pass pairs' ratios. ours gets bytes, the parse floor bytes + charset, the others pre-decoded strings.\n");
  const jobs = contenders.map((id): Job => ({ contender: id, corpus: { dir, limit: files.length } }));
  const outcomes = await runJobs(jobs, { warmup, passes }, (job, text) => { progress(`${job.contender}: ${text}`); });
  const done = ran(outcomes);
  const reference = done.find((o) => o.job.contender === 'ours')?.state;
  const table = rows(done.map(({ job, state }) => ({ contender: job.contender, label: contenderById(job.contender).label, what: String(state.docs), state, reference })));
  print(`\n${formatRows(table, 'corpus', 'ours')}`);
  finish(corpusChecks(table), outcomes, { corpus: { dir, files: files.length }, rows: table });
} else if (mode === 'scaling') {
  print(`a synthetic page per size (bench/synthetic.ts), a child per size and contender, ${warmup} warm-up + ${passes} timed passes alternating, each cleaning ≥ 10 MB`);
  print(`(time per clean = pass / cleans); peak RSS of the first clean from a collected heap; the core's time budget lifted to ${SCALING_TIME_BUDGET_MS / 60_000} min.\n`);
  const jobs = contenders.flatMap((id) => sizes.map((size): Job => ({ contender: id, page: { bytes: size.bytes, timeBudgetMs: SCALING_TIME_BUDGET_MS } })));
  const label = (job: Job): string => sizes.find((s) => s.bytes === job.page!.bytes)!.label;
  const outcomes = await runJobs(jobs, { warmup, passes }, (job, text) => { progress(`${job.contender} ${label(job)}: ${text}`); });
  const ordered = [...sizes].sort((a, b) => a.bytes - b.bytes);
  const reference = (ordered.find((s) => s.label === '1 MB') ?? ordered[0]!).label;
  const done = ran(outcomes);
  const referenceOf = (id: string): ChildState | undefined => done.find((r) => r.job.contender === id && label(r.job) === reference)?.state;
  const table = rows(done.map(({ job, state }) => ({ contender: job.contender, label: contenderById(job.contender).label, what: label(job), state, reference: referenceOf(job.contender) })));
  print(formatRows(table, 'scaling', reference));
  finish(scalingChecks(table, ordered.at(-1)!.label, reference), outcomes, { timeBudgetMs: SCALING_TIME_BUDGET_MS, reference, rows: table });
} else {
  const report = await coldStart({ corpus: values.corpus ? resolve(values.corpus) : null, runs: count('runs', 10), onProgress: progress });
  print(formatColdStart(report));
  finish(report.checks, [], report);
}
