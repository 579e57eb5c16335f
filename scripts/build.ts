/**
 * `npm run build`: the `scrape-clean` command, bundled by esbuild into dist/ (the package's bin,
 * dist/scrape-clean.js, and its worker thread, dist/worker.js).
 *
 *   npm run build [-- --outdir <dir>]
 *
 * Why a bundle: start-up is part of every run of the command. Loaded from node_modules, the
 * modules a `clean` needs are some hundreds of files, each resolved, read and compiled on its
 * own; bundled, they are a few files (CPU time to the first document: about 0.35 s from tsc's
 * output, 0.15 s bundled, on the development machine). Code splitting keeps what a run does not
 * need in chunks of their own, loaded on demand: the AWS SDK (`reprocess`), the report renderer
 * (`inspect`), zod (`--validate`), cli-progress (a terminal).
 *
 * The bundle takes the Lambda function's settings where they apply (the `require` banner for
 * CommonJS dependencies in an ESM bundle); it targets the oldest Node.js the package supports.
 */
import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { ESM_REQUIRE_BANNER } from '../lib/constructs/clean-function.js';
import { commandLine } from './command-line.js';

const ROOT = resolve(import.meta.dirname, '..');

export const CLI_BUILD = {
  /** package.json's engines: node >= 20.19. */
  target: 'node20.19',
  /** Outputs side by side in one directory: the pool finds the worker as ./worker.js next to the module that starts it. */
  entryPoints: { 'scrape-clean': join(ROOT, 'bin/scrape-clean.ts'), worker: join(ROOT, 'src/cli/clean/worker.ts') },
} as const;

export async function buildCli(outdir: string): Promise<void> {
  await rm(outdir, { recursive: true, force: true });
  await build({
    entryPoints: CLI_BUILD.entryPoints,
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: CLI_BUILD.target,
    mainFields: ['module', 'main'],
    banner: { js: ESM_REQUIRE_BANNER },
    chunkNames: 'chunk-[hash]',
    minify: true,
    // Stack traces of an internal error point into src/ with `node --enable-source-maps`.
    sourcemap: 'linked',
    sourcesContent: false,
    logLevel: 'warning',
  });
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('scripts/build.ts')) {
  const { values } = commandLine('usage: npm run build [-- --outdir <dir>]', { options: { outdir: { type: 'string', default: join(ROOT, 'dist') } } });
  await buildCli(resolve(values.outdir));
}
