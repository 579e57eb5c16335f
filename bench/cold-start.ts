/**
 * `npm run bench -- --cold-start`: the Lambda bundle's size and what fills it, and the cold
 * start our code adds to a Lambda init: a fresh node process imports the bundle and cleans one
 * document, several times, median.
 *
 * Two bundles are built with the stack's bundling options (bench/bundle.ts):
 *  - the handler itself (functions/clean.ts), byte for byte what NodejsFunction ships: its size
 *    is the one held to the target;
 *  - the same handler plus an export of the core's `clean`, so the child can clean a document
 *    with the bundle's own code (the handler needs S3 to do it). Same code, one export more.
 * @aws-sdk/* stays external as in the stack; the Lambda runtime provides it, here it resolves from
 * node_modules, and its load time counts when the handler imports it at init.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { bundleComposition, esbuildOptions, stackBundling, type BundleComposition, type BundlingOptions } from './bundle.js';
import { BENCH_DIR, PROJECT_ROOT } from './child.js';
import { listCorpus } from './corpus.js';
import { median } from './stats.js';
import { syntheticPage } from './synthetic.js';
import { bytesLabel, fixed, formatTable } from './table.js';
import { TARGETS, below, type TargetCheck } from './targets.js';

const HANDLER = 'functions/clean.ts';
/** Size of the first document when no corpus is given: about a median corpus page (~145 KB raw). */
const SYNTHETIC_FIRST_DOC_BYTES = 145 * 1024;
/**
 * Environment of the function at init: what the Lambda runtime sets (region for the SDK client),
 * placeholders for the values the stack computes at deploy time (the bucket name), and then,
 * over these, every literal value the stack sets (bench/bundle.ts), NODE_OPTIONS included.
 */
const LAMBDA_ENV = {
  AWS_REGION: 'us-east-1',
  AWS_LAMBDA_FUNCTION_NAME: 'scrape-clean-bench',
  AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '1024',
  CLEAN_BUCKET: 'bench-placeholder-clean-bucket',
  POWERTOOLS_SERVICE_NAME: 'scrape-clean',
  POWERTOOLS_METRICS_NAMESPACE: 'ScrapeClean',
} as const;

/** What the child measures; it prints this as JSON. */
const CHILD_SCRIPT = `
import { readFileSync } from 'node:fs';
const [specifier, docPath, docName] = process.argv.slice(1);
const bytes = docPath === '-' ? null : readFileSync(docPath);
const t0 = performance.now();
const mod = await import(specifier);
const t1 = performance.now();
const clean = mod.benchClean ?? mod.default?.benchClean;
const doc = bytes ? clean({ bytes, name: docName }) : null;
const t2 = performance.now();
process.stdout.write(JSON.stringify({ bootMs: t0, importMs: t1 - t0, firstDocMs: t2 - t1, totalMs: t2 - t0, segments: doc ? doc.segments.length : 0, peakRssBytes: process.resourceUsage().maxRSS * 1024 }));
`;

export interface ChildTiming {
  bootMs: number;
  importMs: number;
  firstDocMs: number;
  totalMs: number;
  segments: number;
  peakRssBytes: number;
  wallMs: number;
}

export interface ColdStartVariant {
  /** "as deployed" (the stack's environment) or a variant of it. */
  readonly name: string;
  readonly env: Readonly<Record<string, string>>;
  readonly runs: readonly ChildTiming[];
  readonly median: { bootMs: number; importMs: number; firstDocMs: number; totalMs: number; wallMs: number; peakRssBytes: number };
}

export interface ColdStartReport {
  readonly entry: string;
  readonly bundling: BundlingOptions;
  readonly bundleBytes: number;
  readonly sourcemapBytes: number | null;
  /** Deflated size of the bundle (and map): about what the deployment zip weighs. */
  readonly zippedBytes: number;
  /** Minified size when the stack itself does not minify (null otherwise). */
  readonly minifiedBytes: number | null;
  readonly timingBundleBytes: number;
  readonly composition: BundleComposition;
  readonly firstDocument: { name: string; bytes: number; source: string };
  readonly variants: readonly ColdStartVariant[];
  readonly checks: readonly TargetCheck[];
}

function runChild(specifier: string, docPath: string, docName: string, env: Readonly<Record<string, string>>): Promise<ChildTiming> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--input-type=module', '-e', CHILD_SCRIPT, specifier, docPath, docName],
      { cwd: BENCH_DIR, env: { ...process.env, NODE_OPTIONS: '', ...env }, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const wallMs = performance.now() - started;
        // A minified bundle's stack trace quotes whole lines of code: keep the message lines only.
        const message = (stderr || error?.message || '').split('\n').filter((line) => line.length < 400).slice(-12).join('\n');
        if (error) { reject(new Error(`cold-start child failed:\n${message}`)); return; }
        try {
          resolve({ ...(JSON.parse(stdout) as Omit<ChildTiming, 'wallMs'>), wallMs });
        } catch {
          reject(new Error(`cold-start child printed no figures: ${stdout}${stderr}`));
        }
      },
    );
  });
}

export async function coldStart(options: { corpus: string | null; runs: number; onProgress?: (text: string) => void }): Promise<ColdStartReport> {
  const dir = join(BENCH_DIR, 'cold-start');
  mkdirSync(dir, { recursive: true });
  const entry = HANDLER;
  const bundling = stackBundling();
  // NodejsFunction's output names: index.mjs for ESM, index.js for CommonJS.
  const extension = bundling.format === 'esm' ? 'mjs' : 'cjs';

  const shippedPath = join(dir, `index.${extension}`);
  const shipped = await build(esbuildOptions(bundling, shippedPath, { entryPoints: [join(PROJECT_ROOT, entry)] }));
  const bundleBytes = statSync(shippedPath).size;
  const mapPath = `${shippedPath}.map`;
  const sourcemapBytes = bundling.sourcemap && existsSync(mapPath) ? statSync(mapPath).size : null;
  const zippedBytes =
    deflateRawSync(readFileSync(shippedPath)).length + (sourcemapBytes !== null ? deflateRawSync(readFileSync(mapPath)).length : 0);
  let minifiedBytes: number | null = null;
  if (!bundling.minify) {
    const minifiedPath = join(dir, `minified.${extension}`);
    await build(esbuildOptions(bundling, minifiedPath, { entryPoints: [join(PROJECT_ROOT, entry)], minify: true, sourcemap: false }));
    minifiedBytes = statSync(minifiedPath).size;
  }

  const timingPath = join(dir, `timing.${extension}`);
  await build(
    esbuildOptions(bundling, timingPath, {
      stdin: {
        contents: `export * from './${entry}';\nexport { clean as benchClean } from './src/core/index.ts';\n`,
        resolveDir: PROJECT_ROOT,
        sourcefile: 'cold-start-timing-entry.ts',
        loader: 'ts',
      },
    }),
  );

  let firstDocument: ColdStartReport['firstDocument'];
  let docPath: string;
  const firstCorpusFile = options.corpus ? listCorpus(options.corpus, 1)[0] : undefined;
  if (options.corpus && firstCorpusFile) {
    // Absolute: the timing children run in BENCH_DIR, where a relative corpus path means nothing.
    docPath = resolve(options.corpus, firstCorpusFile);
    firstDocument = { name: firstCorpusFile, bytes: statSync(docPath).size, source: `first file of ${options.corpus}, as stored` };
  } else {
    docPath = join(dir, 'first-document.html');
    writeFileSync(docPath, syntheticPage(SYNTHETIC_FIRST_DOC_BYTES));
    firstDocument = { name: 'first-document.html', bytes: statSync(docPath).size, source: 'synthetic page (bench/synthetic.ts)' };
  }

  const deployed: Record<string, string> = { ...LAMBDA_ENV, ...bundling.environment };
  const bundleUrl = pathToFileURL(timingPath).href;
  const plans: Array<{ name: string; env: Record<string, string>; specifier: string; doc: boolean }> = [
    { name: 'as deployed', env: deployed, specifier: bundleUrl, doc: true },
  ];
  if (/--enable-source-maps/.test(deployed.NODE_OPTIONS ?? '')) {
    const env = { ...deployed, NODE_OPTIONS: deployed.NODE_OPTIONS!.replace('--enable-source-maps', '').trim() };
    plans.push({ name: 'without --enable-source-maps', env, specifier: bundleUrl, doc: true });
  }
  // What the external SDK costs on its own (the runtime provides it, the handler imports it at init).
  if (bundling.external.some((pattern) => pattern.startsWith('@aws-sdk/'))) {
    plans.push({ name: 'only @aws-sdk/client-s3 (external)', env: deployed, specifier: '@aws-sdk/client-s3', doc: false });
  }
  // Run i of every variant, then run i + 1 of every variant: the machine's drift over the minute
  // the runs take falls on all rows alike, so the rows compare (bench/rounds.ts does the same).
  const timings: ChildTiming[][] = plans.map(() => []);
  for (let i = 0; i < options.runs; i++) {
    for (const [p, plan] of plans.entries()) {
      const runs = timings[p]!;
      runs.push(await runChild(plan.specifier, plan.doc ? docPath : '-', firstDocument.name, plan.env));
      options.onProgress?.(`${plan.name}, run ${i + 1}/${options.runs}: ${fixed(runs.at(-1)!.totalMs)} ms`);
    }
  }
  const variants: ColdStartVariant[] = [];
  for (const [p, plan] of plans.entries()) {
    const runs = timings[p]!;
    const med = (pick: (t: ChildTiming) => number): number => median(runs.map(pick));
    variants.push({
      name: plan.name,
      env: plan.env,
      runs,
      median: {
        bootMs: med((t) => t.bootMs),
        importMs: med((t) => t.importMs),
        firstDocMs: med((t) => t.firstDocMs),
        totalMs: med((t) => t.totalMs),
        wallMs: med((t) => t.wallMs),
        peakRssBytes: med((t) => t.peakRssBytes),
      },
    });
  }
  return {
    entry,
    bundling,
    bundleBytes,
    sourcemapBytes,
    zippedBytes,
    minifiedBytes,
    timingBundleBytes: statSync(timingPath).size,
    composition: bundleComposition(shipped.metafile!),
    firstDocument,
    variants,
    checks: [
      below('Lambda bundle size (minified JS)', minifiedBytes ?? bundleBytes, TARGETS.maxBundleBytes, bytesLabel),
      below('cold import + first document (as deployed)', variants[0]!.median.totalMs, TARGETS.maxColdStartMs, (v) => `${fixed(v)} ms`),
    ],
  };
}

export function formatColdStart(report: ColdStartReport): string {
  const b = report.bundling;
  const lines: string[] = [];
  lines.push(`entry: ${report.entry}`);
  lines.push(
    `esbuild: bundle, platform node, target ${b.target}, format ${b.format}, minify ${b.minify}, sourcemap ${b.sourcemap}${b.sourcemap ? ` (sourcesContent ${b.sourcesContent})` : ''}, external ${b.external.join(' ') || 'none'}` +
      `${b.mainFields ? `, mainFields ${b.mainFields.join(',')}` : ''}${b.banner ? ', banner set' : ''}`,
  );
  lines.push(`  from: ${b.source}`);
  lines.push(
    `bundle: ${bytesLabel(report.bundleBytes)} (${report.bundleBytes} bytes)` +
      (report.sourcemapBytes !== null ? ` + source map ${bytesLabel(report.sourcemapBytes)}` : '') +
      `, deflated (≈ deployment zip) ${bytesLabel(report.zippedBytes)}` +
      (report.minifiedBytes !== null ? `; minified it would be ${bytesLabel(report.minifiedBytes)}` : '') +
      `; timing bundle (+ export of clean) ${bytesLabel(report.timingBundleBytes)}`,
  );
  lines.push('');
  lines.push('what fills the bundle (bytes in output):');
  lines.push(formatTable([{ header: 'package' }, { header: 'bytes' }], report.composition.packages.map((p) => [p.name, bytesLabel(p.bytes)])));
  lines.push('');
  lines.push(formatTable([{ header: 'input file' }, { header: 'bytes' }], report.composition.inputs.map((p) => [p.path, bytesLabel(p.bytes)])));
  lines.push('');
  lines.push(`first document: ${report.firstDocument.name}, ${bytesLabel(report.firstDocument.bytes)} (${report.firstDocument.source})`);
  lines.push(`${report.variants[0]!.runs.length} fresh node ${process.version} processes per row, medians:`);
  lines.push(
    formatTable(
      [{ header: 'environment' }, { header: 'node boot' }, { header: 'import bundle' }, { header: 'first document' }, { header: 'import + first' }, { header: 'process wall' }, { header: 'peak RSS' }],
      report.variants.map(({ name, median: m }) => [
        name,
        `${fixed(m.bootMs)} ms`,
        `${fixed(m.importMs)} ms`,
        `${fixed(m.firstDocMs)} ms`,
        `${fixed(m.totalMs)} ms`,
        `${fixed(m.wallMs)} ms`,
        bytesLabel(m.peakRssBytes),
      ]),
    ),
  );
  lines.push(`environment "as deployed": ${Object.entries({ ...LAMBDA_ENV, ...report.bundling.environment }).map(([k, v]) => `${k}=${v}`).join(' ')}`);
  lines.push('("import + first" is timed inside the child, from before the import to the end of the first clean; "process wall" adds node\'s own start and exit.)');
  return lines.join('\n');
}

