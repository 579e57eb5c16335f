/**
 * `npm run bench -- --cold-start`: the two start-ups a user waits for, in fresh processes, in
 * rounds (a busy moment falls on all of them), CPU time beside wall time for the same reason.
 *  - The Lambda function: functions/clean.ts bundled as the stack bundles it (lib/function-bundle.ts:
 *    its size is what the stack ships), plus an export of the core's `clean` so a fresh node can
 *    import it and clean a first document with the bundle's own code, timed inside the child.
 *  - The command (issue 16): `scrape-clean clean <one page>` of the bundled build (scripts/build.ts),
 *    from spawn to its first document in place (a preloaded hook notes the rename that puts it
 *    there), beside a bare `node -e ""` (spawn to exit): what it adds is the wait for the document.
 *    Its start-up alone (loading, options, reading, writing) is the same command on a page of one
 *    paragraph, whose cleaning takes next to nothing.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { FUNCTION_NODE_OPTIONS } from '../lib/constructs/clean-function.js';
import { lambdaBuildOptions } from '../lib/function-bundle.js';
import { buildCli } from '../scripts/build.js';
import { BENCH_DIR, PROJECT_ROOT } from './children.js';
import { listCorpus } from './contenders.js';
import { TARGETS, check, fixed, median, mib, type TargetCheck } from './report.js';
import { syntheticPage } from './synthetic.js';

/** What the Lambda runtime sets at init, placeholders for what the stack computes at deploy, and the stack's NODE_OPTIONS. */
const LAMBDA_ENV = { AWS_REGION: 'us-east-1', AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '1024', CLEAN_BUCKET: 'bench-placeholder-clean-bucket', NODE_OPTIONS: FUNCTION_NODE_OPTIONS };

/** The Lambda child: import the bundle, clean the first document, print the times. */
const LAMBDA_CHILD = `const [bundle, page, name] = process.argv.slice(1);
const bytes = (await import('node:fs')).readFileSync(page);
const t0 = performance.now(); const { benchClean } = await import(bundle); const t1 = performance.now(); benchClean({ bytes, name });
process.stdout.write(JSON.stringify({ importMs: t1 - t0, firstDocMs: performance.now() - t1, peakRssBytes: process.resourceUsage().maxRSS * 1024 }));`;

/** The start-up's page: one paragraph, so the time to its document is the command's, not the cleaning's. */
const MINIMAL_PAGE = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Start-up</title></head><body><p>One paragraph, so that the time to its document is the time the command takes to start.</p></body></html>';

/** Preloaded into every timed process: prints once the epoch ms and CPU ms when its first output is renamed into place, or at exit. */
const FIRST_OUTPUT_HOOK = `const fsp = require('node:fs/promises'); let noted = false;
const note = () => { if (noted) return; noted = true; const cpu = process.cpuUsage();
  require('node:fs').writeSync(2, '@first ' + JSON.stringify({ at: performance.timeOrigin + performance.now(), cpuMs: (cpu.user + cpu.system) / 1000 }) + '\\n'); };
const rename = fsp.rename; fsp.rename = async function (...args) { const done = await rename.apply(this, args); note(); return done; };
process.on('exit', note);`;

/** Runs node with the hook and `args` in BENCH_DIR: ms from spawn to the first output (or exit) and to exit, CPU ms until the first, stdout. */
function timed(hook: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<{ firstMs: number; exitMs: number; cpuMs: number; stdout: string }> {
  const spawned = performance.timeOrigin + performance.now();
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--require', hook, ...args], { env, cwd: BENCH_DIR }, (error, stdout, stderr) => {
      const exitMs = performance.timeOrigin + performance.now() - spawned;
      const noted = /^@first (.*)$/m.exec(stderr);
      if (error || !noted) reject(new Error(`${args.join(' ').slice(0, 200)} failed:\n${stderr.split('\n').filter((l) => l.length < 400).slice(-12).join('\n')}`));
      else {
        const { at, cpuMs } = JSON.parse(noted[1]!) as { at: number; cpuMs: number };
        resolve({ firstMs: at - spawned, exitMs, cpuMs, stdout });
      }
    });
  });
}

/** Medians of `runs` rounds. */
export interface ColdStartReport {
  readonly bundleBytes: number;
  /** The largest packages of the shipped bundle, bytes in output. */
  readonly packages: ReadonlyArray<{ name: string; bytes: number }>;
  readonly firstDocument: { name: string; bytes: number };
  readonly runs: number;
  readonly lambda: { importMs: number; firstDocMs: number; totalMs: number; peakRssBytes: number };
  readonly node: { exitMs: number; cpuMs: number };
  readonly cli: { firstMs: number; exitMs: number; cpuMs: number };
  /** Spawn to the first document of MINIMAL_PAGE: the command's start-up. */
  readonly startup: { firstMs: number; cpuMs: number };
  /** Paired: the command's first document − bare node's exit, and the same in CPU time. */
  readonly cliAdds: { wallMs: number; cpuMs: number };
  readonly checks: readonly TargetCheck[];
}

/** "node_modules/@smithy/core/dist/x.js" → "@smithy/core" (the innermost package); "src/core/html/walk.ts" → "src/core". */
const packageOf = (path: string): string => /.*node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1] ?? path.split('/').slice(0, 2).join('/');

export async function coldStart(options: { corpus: string | null; runs: number; onProgress?: (text: string) => void }): Promise<ColdStartReport> {
  const dir = join(BENCH_DIR, 'cold-start');
  mkdirSync(dir, { recursive: true });
  const shipped = join(dir, 'index.mjs');
  const { metafile } = await build(lambdaBuildOptions(shipped, { entryPoints: [join(PROJECT_ROOT, 'functions/clean.ts')] }));
  const sizes = new Map<string, number>();
  for (const [path, { bytesInOutput }] of Object.entries(metafile!.outputs[relative(PROJECT_ROOT, shipped)]?.inputs ?? {})) sizes.set(packageOf(path), (sizes.get(packageOf(path)) ?? 0) + bytesInOutput);
  const timing = join(dir, 'timing.mjs');
  const contents = "export * from './functions/clean.ts';\nexport { clean as benchClean } from './src/core/index.ts';\n";
  await build(lambdaBuildOptions(timing, { stdin: { contents, resolveDir: PROJECT_ROOT, sourcefile: 'cold-start-entry.ts', loader: 'ts' } }));
  const cliDir = join(PROJECT_ROOT, '.cache', 'bench-cli'); // inside the project: the command reads its version from package.json
  await buildCli(cliDir);

  const work = mkdtempSync(join(tmpdir(), 'scrape-clean-cold-start-'));
  try {
    const firstFile = options.corpus ? listCorpus(options.corpus, 1)[0] : undefined;
    const page = firstFile ? resolve(options.corpus!, firstFile) : join(work, 'page.html'); // absolute: the children run in BENCH_DIR
    if (!firstFile) writeFileSync(page, syntheticPage(145 * 1024)); // without a corpus: a page of a median corpus page's size
    const minimal = join(work, 'minimal.html');
    writeFileSync(minimal, MINIMAL_PAGE);
    const hook = join(work, 'first-output.cjs');
    writeFileSync(hook, FIRST_OUTPUT_HOOK);
    type Timing = Awaited<ReturnType<typeof timed>>;
    const rounds: Array<{ lambda: { importMs: number; firstDocMs: number; peakRssBytes: number }; node: Timing; cli: Timing; startup: Timing }> = [];
    const command = (input: string, run: number): Promise<Timing> => timed(hook, [join(cliDir, 'scrape-clean.js'), 'clean', input, '--out', join(work, `out-${run}`), '--quiet']);
    for (let run = 0; run < options.runs; run++) {
      const { stdout } = await timed(hook, ['--input-type=module', '-e', LAMBDA_CHILD, pathToFileURL(timing).href, page, firstFile ?? 'page.html'], { ...process.env, ...LAMBDA_ENV });
      const round = { lambda: JSON.parse(stdout) as (typeof rounds)[number]['lambda'], node: await timed(hook, ['-e', '']), cli: await command(page, run), startup: await command(minimal, run) };
      rounds.push(round);
      options.onProgress?.(`run ${run + 1}/${options.runs}: Lambda ${fixed(round.lambda.importMs + round.lambda.firstDocMs)} ms, CLI ${fixed(round.cli.firstMs)} ms (start-up ${fixed(round.startup.firstMs)} ms), node ${fixed(round.node.exitMs)} ms`);
    }
    const med = (pick: (round: (typeof rounds)[number]) => number): number => median(rounds.map(pick));
    const report = {
      bundleBytes: statSync(shipped).size,
      packages: [...sizes].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes).slice(0, 8),
      firstDocument: { name: firstFile ?? 'page.html', bytes: statSync(page).size },
      runs: options.runs,
      lambda: { importMs: med((r) => r.lambda.importMs), firstDocMs: med((r) => r.lambda.firstDocMs), totalMs: med((r) => r.lambda.importMs + r.lambda.firstDocMs), peakRssBytes: med((r) => r.lambda.peakRssBytes) },
      node: { exitMs: med((r) => r.node.exitMs), cpuMs: med((r) => r.node.cpuMs) },
      cli: { firstMs: med((r) => r.cli.firstMs), exitMs: med((r) => r.cli.exitMs), cpuMs: med((r) => r.cli.cpuMs) },
      startup: { firstMs: med((r) => r.startup.firstMs), cpuMs: med((r) => r.startup.cpuMs) },
      cliAdds: { wallMs: med((r) => r.cli.firstMs - r.node.exitMs), cpuMs: med((r) => r.cli.cpuMs - r.node.cpuMs) },
    };
    const checks = [
      check('Lambda bundle size', report.bundleBytes, '<', TARGETS.maxBundleBytes, (v) => `${v.toLocaleString('en')} bytes`),
      check('Lambda: cold import + first document', report.lambda.totalMs, '<', TARGETS.maxColdStartMs, ms),
      check('CLI: start-up, spawn to the document of one paragraph', report.startup.firstMs, '<', TARGETS.maxCliStartMs, ms, report.startup.cpuMs),
      check('CLI: what the first page adds to bare node', report.cliAdds.wallMs, '<', TARGETS.maxCliStartMs, ms, report.cliAdds.cpuMs),
    ];
    return { ...report, checks };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const ms = (v: number): string => `${fixed(v)} ms`;

export function formatColdStart(r: ColdStartReport): string {
  return [
    `Lambda bundle (functions/clean.ts bundled by lib/function-bundle.ts): ${r.bundleBytes} bytes; largest parts:`,
    `  ${r.packages.map((p) => `${p.name} ${fixed(p.bytes / 1024)} KiB`).join(', ')}`,
    `first document: ${r.firstDocument.name}, ${fixed(r.firstDocument.bytes / 1024)} KiB as stored; medians of ${r.runs} rounds of fresh node ${process.version} processes:`,
    `  Lambda, import the bundle + clean the first document (timed inside): ${ms(r.lambda.totalMs)} (import ${ms(r.lambda.importMs)}, first document ${ms(r.lambda.firstDocMs)}), peak RSS ${mib(r.lambda.peakRssBytes)}`,
    `  scrape-clean clean <page> (dist/): first document at ${ms(r.cli.firstMs)} (CPU ${ms(r.cli.cpuMs)}), exit ${ms(r.cli.exitMs)}; node -e "" exits at ${ms(r.node.exitMs)} (CPU ${ms(r.node.cpuMs)})`,
    `  what the command adds to the first document (median of the paired differences): ${ms(r.cliAdds.wallMs)}, CPU ${ms(r.cliAdds.cpuMs)}`,
    `  its start-up: scrape-clean clean <a page of one paragraph>: first document at ${ms(r.startup.firstMs)} (CPU ${ms(r.startup.cpuMs)})`,
  ].join('\n');
}
