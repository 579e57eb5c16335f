/**
 * The command's start-up (issue 16): `scrape-clean clean <one page> --out <dir>` from the bundled
 * build (npm run build, dist/), timed from process start to exit in fresh processes, beside a bare
 * `node -e ""` on the same machine in the same rounds. What the command adds to Node's own start
 * is the time a user waits for the first document.
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
  readonly nodeMs: number;
  readonly cliMs: number;
  readonly addedMs: number;
  readonly checks: TargetCheck[];
}

function wallMs(args: readonly string[]): Promise<number> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, (error: Error | null) => {
      if (error) reject(error);
      else resolve(performance.now() - t0);
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
    const node: number[] = [];
    const cli: number[] = [];
    // Rounds of one bare node and one command each, so a busy moment of the machine hits both.
    for (let run = 0; run < options.runs; run++) {
      options.onProgress(`CLI start-up: run ${run + 1} of ${options.runs}`);
      node.push(await wallMs(['-e', '']));
      cli.push(await wallMs([join(dist, 'scrape-clean.js'), 'clean', page, '--out', join(work, `out-${run}`), '--quiet']));
    }
    const nodeMs = median(node);
    const cliMs = median(cli);
    const addedMs = cliMs - nodeMs;
    return { runs: options.runs, nodeMs, cliMs, addedMs, checks: [below('CLI start-up to its first document (over bare node)', addedMs, TARGETS.maxCliStartMs, (v) => `${Math.round(v)} ms`)] };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export function formatCliStart(report: CliStartReport): string {
  return `CLI (dist/, one ${Math.round(PAGE_BYTES / 1024)} KB page to its document, median of ${report.runs} fresh processes): ${Math.round(report.cliMs)} ms; node -e "" ${Math.round(report.nodeMs)} ms; the command adds ${Math.round(report.addedMs)} ms`;
}
