/**
 * Starts benchmark children. The runner (bench/runner.ts) is bundled once per run with esbuild
 * into .bench/runner.mjs (packages left external, resolved from node_modules), so children run
 * on plain node: no TypeScript loader in their memory or their timings.
 */
import { fork } from 'node:child_process';
import { mkdirSync, renameSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { ChildMessage, Job, JobResult } from './jobs.js';

export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Scratch directory of the benchmark (git-ignored). */
export const BENCH_DIR = fileURLToPath(new URL('../.bench/', import.meta.url));

let runnerPath: string | null = null;

export async function buildRunner(): Promise<string> {
  if (runnerPath) return runnerPath;
  mkdirSync(BENCH_DIR, { recursive: true });
  const outfile = `${BENCH_DIR}runner.mjs`;
  // Built under a name of its own, then renamed: a bench run and a test run never see half a file.
  const partial = `${BENCH_DIR}runner.${process.pid}.mjs`;
  await build({
    entryPoints: [fileURLToPath(new URL('./runner.ts', import.meta.url))],
    outfile: partial,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: `node${process.versions.node.split('.')[0]}`,
    packages: 'external',
    logLevel: 'warning',
  });
  renameSync(partial, outfile);
  runnerPath = outfile;
  return outfile;
}

/** Runs one job in a fresh child; `onProgress` gets the child's progress lines. */
export async function runJob(job: Job, onProgress: (text: string) => void = () => {}): Promise<JobResult> {
  const path = await buildRunner();
  return new Promise((resolve, reject) => {
    // execArgv is set explicitly: the parent runs under tsx, whose loader the child must not inherit.
    const child = fork(path, [], { cwd: PROJECT_ROOT, execArgv: ['--expose-gc'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let result: JobResult | null = null;
    let failure: string | null = null;
    child.on('message', (message: ChildMessage) => {
      if (message.type === 'progress') onProgress(message.text);
      else if (message.type === 'result') result = message.result;
      else failure = message.error;
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (result) resolve(result);
      else reject(new Error(failure ?? `benchmark child exited with ${signal ?? `code ${code}`} before reporting`));
    });
    child.send(job);
  });
}
