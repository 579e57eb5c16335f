/**
 * Starts benchmark children. The runner (bench/runner.ts) is bundled once per run with esbuild
 * into .bench/runner.mjs (packages left external, resolved from node_modules), so children run
 * on plain node: no TypeScript loader in their memory or their timings.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, renameSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { ChildMessage, Job, JobResult, PassCommand } from './jobs.js';

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

function forkRunner(path: string): ChildProcess {
  // execArgv is set explicitly: the parent runs under tsx, whose loader the child must not inherit.
  return fork(path, [], { cwd: PROJECT_ROOT, execArgv: ['--expose-gc'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
}

/** A child with its job set up (inputs loaded, warmed up where the job says), waiting for commands (bench/runner.ts). */
export interface BenchChild {
  readonly contender: string;
  /** Runs slice `slice` of `slices` of a pass; resolves when the child has finished it. */
  pass(warmup: boolean, slice: number, slices: number): Promise<void>;
  /** Asks for the figures; the child exits after sending them. */
  finish(): Promise<JobResult>;
}

/** Starts a child and resolves once its job is set up and it waits for commands. */
export async function startChild(job: Job, onProgress: (text: string) => void = () => {}): Promise<BenchChild> {
  const path = await buildRunner();
  const child = forkRunner(path);
  // The one request in flight (loading, a pass, or the figures): settled by the child's answer or its exit.
  let pending: { resolve: (value: unknown) => void; reject: (error: Error) => void; answer: ChildMessage['type'] } | null = null;
  let failure: string | null = null;
  let exited = false;
  const request = <T>(answer: ChildMessage['type'], send?: PassCommand): Promise<T> => {
    if (pending) throw new Error('a benchmark child runs one command at a time');
    if (exited) return Promise.reject(new Error(failure ?? 'the benchmark child has exited'));
    return new Promise<T>((resolve, reject) => {
      pending = { resolve: resolve as (value: unknown) => void, reject, answer };
      if (send) child.send(send);
    });
  };
  const settle = (type: ChildMessage['type'], value?: unknown): void => {
    if (pending?.answer !== type) return;
    const { resolve } = pending;
    pending = null;
    resolve(value);
  };
  child.on('message', (message: ChildMessage) => {
    if (message.type === 'progress') onProgress(message.text);
    else if (message.type === 'failure') failure = message.error;
    else if (message.type === 'result') settle('result', message.result);
    else settle(message.type);
  });
  child.once('exit', (code, signal) => {
    exited = true;
    const waiting = pending;
    pending = null;
    waiting?.reject(new Error(failure ?? `benchmark child exited with ${signal ?? `code ${code}`} before reporting`));
  });
  child.once('error', (error) => {
    const waiting = pending;
    pending = null;
    waiting?.reject(error);
  });
  const ready = request<undefined>('ready');
  child.send(job);
  await ready;
  return {
    contender: job.contender,
    pass: (warmup, slice, slices) => request<undefined>('pass-done', { type: 'pass', warmup, slice, slices }),
    finish: () => request<JobResult>('result', { type: 'finish' }),
  };
}
