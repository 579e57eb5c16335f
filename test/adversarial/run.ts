/** Runs adversarial cases in child processes with a capped V8 heap (see scripts/adversarial-check.ts). */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { CaseReport } from '../../scripts/adversarial-check.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface ChildRun {
  readonly reports: CaseReport[];
  readonly exitCode: number | null;
  readonly signal: string | null;
  readonly stderr: string;
}

/**
 * Cleans `names` in one child process (`node --max-old-space-size=<heapMb> --import tsx
 * scripts/adversarial-check.ts`). A child that runs out of heap dies without a report for the
 * case, which the caller sees as a missing report and a non-zero exit.
 */
export function runInChild(names: readonly string[], options: { heapMb: number; timeBudgetMs?: number; timeoutMs: number; dir?: string }): Promise<ChildRun> {
  const args = [`--max-old-space-size=${options.heapMb}`, '--import', 'tsx', 'scripts/adversarial-check.ts', ...names];
  if (options.timeBudgetMs !== undefined) args.push('--time-budget', String(options.timeBudgetMs));
  if (options.dir !== undefined) args.push('--dir', options.dir);
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd: ROOT, timeout: options.timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const reports = stdout
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as CaseReport);
      const exit = error as (Error & { code?: number | string; signal?: string }) | null;
      resolve({ reports, exitCode: exit ? (typeof exit.code === 'number' ? exit.code : null) : 0, signal: exit?.signal ?? null, stderr });
    });
  });
}

/** One line of figures per case, for the test log. */
export function describeReport(report: CaseReport): string {
  const what = report.outcome === 'document' ? `document, ${report.segments} segments` : `${report.code}`;
  return `${report.name}: ${what} in ${report.ms} ms, peak RSS ${report.maxRssMb} MB`;
}

/** `scrape-clean clean <inputs> --out <out> …` from the sources, as `npm run cli` runs it. */
export function runCli(args: readonly string[], options: { timeoutMs: number; heapMb?: number }): Promise<{ exitCode: number | null; stdout: string; stderr: string }> {
  const node = options.heapMb ? [`--max-old-space-size=${options.heapMb}`] : [];
  return new Promise((resolve) => {
    execFile(process.execPath, [...node, '--import', 'tsx', 'bin/scrape-clean.ts', ...args], { cwd: ROOT, timeout: options.timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const exit = error as (Error & { code?: number | string }) | null;
      resolve({ exitCode: exit ? (typeof exit.code === 'number' ? exit.code : null) : 0, stdout, stderr });
    });
  });
}
