/**
 * npm run gen:adversarial -- <dir> [--only name,name…] [--light] [--check]
 *
 * Writes the hostile and broken inputs of issue 6 (scripts/adversarial-cases.ts) into <dir>, one
 * file per case, plus `cases.json` listing each file with its description and what it must end
 * as. The files are generated, never committed: the same command gives the same bytes anywhere.
 * --light leaves out the heavy cases (tens of MB, a million elements).
 *
 * --check then cleans every case with the core at the default options, each in a process of its
 * own with the case's heap cap (scripts/adversarial-check.ts), and prints the outcome, the time
 * in clean() and the process's peak RSS per case; it exits 1 if any case ends otherwise than it
 * must, past the time budget plus one second (issue 13 §1), or with a peak RSS over the clean
 * function's memory (lib/settings.ts memoryMb: "under the function's memory"); a case marked pending (waiting for
 * another piece of work) is listed apart, and fails the run only if it passes (remove the mark).
 * (`scrape-clean clean <dir> --out <out>` cleans them with the CLI.)
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CASES, LIGHT_HEAP_MB, type AdversarialCase } from './adversarial-cases.js';
import { BUDGET_SLACK_MS, type CaseReport } from './adversarial-check.js';
import { DEFAULT_CLEAN_OPTIONS } from '../src/core/options.js';
import { DEFAULT_SETTINGS } from '../lib/settings.js';
import { commandLine, usageError } from './command-line.js';

export function writeCases(directory: string, cases: readonly AdversarialCase[] = CASES): Array<{ name: string; bytes: number }> {
  mkdirSync(directory, { recursive: true });
  const written: Array<{ name: string; bytes: number }> = [];
  for (const testCase of cases) {
    const bytes = testCase.bytes();
    writeFileSync(join(directory, testCase.name), bytes);
    written.push({ name: testCase.name, bytes: bytes.length });
  }
  const index = cases.map((c) => ({ name: c.name, description: c.description, expect: c.expect, heavy: c.heavy ?? false }));
  writeFileSync(join(directory, 'cases.json'), `${JSON.stringify(index, null, 2)}\n`);
  return written;
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname);
if (isMain) {
  const usage = 'usage: npm run gen:adversarial -- <dir> [--only name,name…] [--light] [--check]';
  const { values, positionals } = commandLine(usage, {
    allowPositionals: true,
    options: { only: { type: 'string' }, light: { type: 'boolean', default: false }, check: { type: 'boolean', default: false } },
  });
  if (positionals.length !== 1) usageError(usage, 'gen:adversarial: one folder to write the cases to is needed');
  const only = values.only ? new Set(values.only.split(',')) : null;
  const unknown = only ? [...only].filter((name) => !CASES.some((c) => c.name === name)) : [];
  if (unknown.length > 0) {
    process.stderr.write(`gen:adversarial: no case named ${unknown.join(', ')}; cases: ${CASES.map((c) => c.name).join(', ')}\n`);
    process.exit(2);
  }
  const selected = CASES.filter((c) => (!only || only.has(c.name)) && !(values.light && c.heavy));
  const directory = resolve(positionals[0]!);
  const written = writeCases(directory, selected);
  const total = written.reduce((sum, w) => sum + w.bytes, 0);
  for (const w of written) process.stdout.write(`${w.name.padEnd(32)} ${String(w.bytes).padStart(11)} bytes\n`);
  process.stdout.write(`${written.length} cases, ${(total / 1024 / 1024).toFixed(1)} MB, in ${directory}\n`);
  if (values.check) process.exitCode = check(directory, selected) ? 0 : 1;
}

/** Cleans each written case in a process of its own (default options, the case's heap cap); true when all passed. */
function check(directory: string, cases: readonly AdversarialCase[]): boolean {
  process.stdout.write(`\n${'case'.padEnd(32)} ${'outcome'.padEnd(28)} ${'ms'.padStart(7)} ${'peak RSS'.padStart(9)} ${'heap cap'.padStart(9)}\n`);
  const reports: CaseReport[] = [];
  for (const testCase of cases) {
    const heapMb = testCase.heapMb ?? LIGHT_HEAP_MB;
    let report: CaseReport;
    try {
      const stdout = execFileSync(process.execPath, [`--max-old-space-size=${heapMb}`, '--import', 'tsx', new URL('./adversarial-check.ts', import.meta.url).pathname, testCase.name, '--dir', directory, '--hold-budget'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
        maxBuffer: 16 * 1024 * 1024,
      });
      report = JSON.parse(stdout.trim().split('\n').pop()!) as CaseReport;
    } catch (error) {
      const why = (error as { signal?: string; status?: number }).signal ?? `exit ${(error as { status?: number }).status}`;
      report = { name: testCase.name, outcome: 'exception', code: 'CHILD_DIED', message: why, ms: 0, bytes: 0, segments: null, problems: [`the process died (${why}): out of memory under ${heapMb} MB?`] };
    }
    if (report.maxRssMb !== undefined && report.maxRssMb > DEFAULT_SETTINGS.memoryMb) {
      report.problems.push(`peak RSS ${report.maxRssMb} MB, over the function's ${DEFAULT_SETTINGS.memoryMb} MB`);
    }
    reports.push(report);
    const outcome = report.outcome === 'document' ? `document (${report.segments} segments)` : (report.code ?? report.outcome);
    const rss = report.maxRssMb === undefined ? '-' : `${report.maxRssMb} MB`;
    const verdict = report.problems.length === 0 ? (testCase.pending ? `  PASSES, but is marked pending (${testCase.pending}): remove the mark` : '') : `  ${testCase.pending ? 'FAIL (pending)' : 'FAIL'}: ${report.problems.join('; ')}`;
    process.stdout.write(`${report.name.padEnd(32)} ${outcome.padEnd(28)} ${String(report.ms).padStart(7)} ${rss.padStart(9)} ${`${heapMb} MB`.padStart(9)}${verdict}\n`);
  }
  const ok = (r: CaseReport) => r.problems.length === 0;
  const pendingOf = (r: CaseReport) => cases.find((c) => c.name === r.name)?.pending;
  const passed = reports.filter(ok).length;
  const pendingFailed = reports.filter((r) => !ok(r) && pendingOf(r));
  const unexpected = reports.filter((r) => ok(r) === !!pendingOf(r));
  const peak = Math.max(...reports.map((r) => r.maxRssMb ?? 0));
  const issue13 = cases.filter((c) => c.issueClass);
  const issue13Passed = reports.filter((r) => ok(r) && cases.find((c) => c.name === r.name)?.issueClass).length;
  process.stdout.write(`\n${reports.length} cases tried, ${passed} passed (issue 13's: ${issue13.length} tried, ${issue13Passed} passed); peak RSS ${peak} MB (the function has ${DEFAULT_SETTINGS.memoryMb} MB)\n`);
  // The figures of issue 13's closing note: per class, and the slowest case against the budget.
  const classes = [...new Set(issue13.map((c) => c.issueClass!))];
  const byClass = classes.map((name) => {
    const ofClass = reports.filter((r) => cases.find((c) => c.name === r.name)?.issueClass === name);
    return `${name} ${ofClass.filter(ok).length}/${ofClass.length}`;
  });
  process.stdout.write(`issue 13 by class (passed/tried): ${byClass.join(', ')}\n`);
  const slowest = reports.reduce((a, b) => (b.ms > a.ms ? b : a));
  const budget = DEFAULT_CLEAN_OPTIONS.timeBudgetMs;
  process.stdout.write(`slowest case: ${slowest.name} ${slowest.ms} ms (${slowest.outcome === 'document' ? 'document' : slowest.code}); budget ${budget} ms + ${BUDGET_SLACK_MS} ms: ${slowest.ms <= budget + BUDGET_SLACK_MS ? `held, ${Math.max(0, slowest.ms - budget)} ms over the budget at most` : 'NOT held'}\n`);
  if (pendingFailed.length > 0) {
    process.stdout.write(`${pendingFailed.length} failed as expected until other work lands:\n${pendingFailed.map((r) => `  ${r.name}: ${pendingOf(r)}`).join('\n')}\n`);
  }
  return unexpected.length === 0;
}
