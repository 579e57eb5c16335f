/**
 * The command's start-up (issue 16): `scrape-clean clean <one page> --out <dir>` from the bundled
 * build (npm run build, dist/), timed from the parent's spawn to the moment the document is in
 * place (the rename that ends its write: a preloaded hook notes it), in fresh processes, beside a
 * bare `node -e ""` (spawn to exit) on the same machine in the same rounds. What the command adds
 * to Node's own start is the time a user waits for the first document. The CPU time of both
 * processes up to those moments is printed too: on a busy machine it moves less than wall time.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCli } from '../scripts/build.js';
import { PROJECT_ROOT } from './child.js';
import { median } from './stats.js';
import { syntheticPage } from './synthetic.js';
import { TARGETS, below, type TargetCheck } from './targets.js';

/** A median corpus page's size (~145 KB raw), as cold-start.ts's synthetic first document. */
const PAGE_BYTES = 145 * 1024;

export interface CliStartReport {
  readonly runs: number;
  /** Bare node, spawn to exit, and its CPU time. */
  readonly nodeMs: number;
  readonly nodeCpuMs: number;
  /** The command, spawn to its first document in place, and its CPU time until then. */
  readonly cliMs: number;
  readonly cliCpuMs: number;
  /** The command, spawn to exit. */
  readonly cliExitMs: number;
  readonly addedMs: number;
  readonly checks: TargetCheck[];
}

/**
 * Preloaded (`--require`) into every timed process: prints, once, the wall clock (epoch ms) and
 * the process's CPU ms when the first output file is renamed into place, or at exit (bare node).
 */
const FIRST_OUTPUT_HOOK = `
const fsp = require('node:fs/promises');
const { writeSync } = require('node:fs');
let noted = false;
const note = () => {
  if (noted) return;
  noted = true;
  const cpu = process.cpuUsage();
  writeSync(2, '@first ' + JSON.stringify({ at: performance.timeOrigin + performance.now(), cpuMs: (cpu.user + cpu.system) / 1000 }) + '\\n');
};
const rename = fsp.rename;
fsp.rename = async function (...args) { const done = await rename.apply(this, args); note(); return done; };
process.on('exit', note);
`;

interface Timing {
  /** Spawn to the first output (or exit), ms. */
  readonly firstMs: number;
  readonly cpuMs: number;
  /** Spawn to exit, ms. */
  readonly exitMs: number;
}

function timed(hook: string, args: readonly string[]): Promise<Timing> {
  const spawned = performance.timeOrigin + performance.now();
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--require', hook, ...args], (error: Error | null, _stdout, stderr) => {
      const exitMs = performance.timeOrigin + performance.now() - spawned;
      const noted = /^@first (.*)$/m.exec(stderr);
      if (error || !noted) {
        reject(error ?? new Error(`no first output noted: ${stderr}`));
        return;
      }
      const { at, cpuMs } = JSON.parse(noted[1]!) as { at: number; cpuMs: number };
      resolve({ firstMs: at - spawned, cpuMs, exitMs });
    });
  });
}

export async function cliStart(options: { runs: number; onProgress: (text: string) => void }): Promise<CliStartReport> {
  const work = mkdtempSync(join(tmpdir(), 'scrape-clean-cli-start-'));
  try {
    // Inside the project: the command finds its version in the package.json above it.
    const dist = join(PROJECT_ROOT, '.cache', 'bench-cli');
    await buildCli(dist);
    const page = join(work, 'page.html');
    writeFileSync(page, syntheticPage(PAGE_BYTES, 1));
    const hook = join(work, 'first-output.cjs');
    writeFileSync(hook, FIRST_OUTPUT_HOOK);
    const node: Timing[] = [];
    const cli: Timing[] = [];
    // Rounds of one bare node and one command each, so a busy moment of the machine hits both.
    for (let run = 0; run < options.runs; run++) {
      options.onProgress(`CLI start-up: run ${run + 1} of ${options.runs}`);
      node.push(await timed(hook, ['-e', '']));
      cli.push(await timed(hook, [join(dist, 'scrape-clean.js'), 'clean', page, '--out', join(work, `out-${run}`), '--quiet']));
    }
    const nodeMs = median(node.map((t) => t.exitMs));
    const cliMs = median(cli.map((t) => t.firstMs));
    const addedMs = cliMs - nodeMs;
    return {
      runs: options.runs,
      nodeMs,
      nodeCpuMs: median(node.map((t) => t.cpuMs)),
      cliMs,
      cliCpuMs: median(cli.map((t) => t.cpuMs)),
      cliExitMs: median(cli.map((t) => t.exitMs)),
      addedMs,
      checks: [below('CLI start-up to its first document (over bare node)', addedMs, TARGETS.maxCliStartMs, (v) => `${Math.round(v)} ms`)],
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export function formatCliStart(report: CliStartReport): string {
  const ms = (value: number): string => `${Math.round(value)} ms`;
  return (
    `CLI (dist/, one ${Math.round(PAGE_BYTES / 1024)} KB page, medians of ${report.runs} fresh processes): first document written at ${ms(report.cliMs)} ` +
    `(exit ${ms(report.cliExitMs)}); node -e "" exits at ${ms(report.nodeMs)}; the command adds ${ms(report.addedMs)} to the first document\n` +
    `  CPU time until then: ${ms(report.cliCpuMs)} against ${ms(report.nodeCpuMs)} for node -e "" (adds ${ms(report.cliCpuMs - report.nodeCpuMs)})`
  );
}
