/**
 * `scrape-clean clean`: inputs → one JSON file each under --out (or the document on stdout for a
 * single input without --out). Files are read and written on the main thread with bounded
 * concurrency (p-limit) and cleaned by a pool of worker threads (or on the main thread for
 * small runs); one failed input writes its error record and never stops the others.
 */
import { rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import pLimit from 'p-limit';
// The core's modules one by one rather than its index: the index also carries the WARC reader,
// which a run without WARC files never loads (see ./warc.ts, imported on demand).
import { DEFAULT_CLEAN_OPTIONS } from '../../core/options.js';
import { OUTPUT_FORMATS } from '../../core/render/index.js';
import { HASHED_KEYS_FOLDER } from '../../core/records.js';
import type { WarcOutcome } from '../../core/warc/index.js';
import { isWarcName } from '../../core/warc/names.js';
import { EXIT } from '../exit-codes.js';
import { printable, printableText, readAll, writeAll, type CliIo } from '../io.js';
import { CLEAN_DEFAULTS } from './defaults.js';
import { isNameTooLong, makeOutputDirectory, outputPathsFor, writeOutput } from './files.js';
import { expandInputs, outputCollisions, readInputFile, STDIN_OPERAND, UsageError, type InputFile } from './inputs.js';
import { cleanToOutcome, failure, loadDocumentCheck, type CleanTask, type Outcome, type OutcomeOptions, type OutputFormat } from './outcome.js';
import { CleanPool, WorkerStartError } from './pool.js';
import { startProgress } from './progress.js';
import { summaryLine, Tally } from './summary.js';

export interface CleanRunOptions extends OutcomeOptions {
  readonly operands: readonly string[];
  readonly outDir: string | null;
  readonly stdinName: string;
  readonly contentType: string | null;
  /** Worker threads; undefined = one per core for runs of CLEAN_DEFAULTS.minInputsForWorkers inputs or more. */
  readonly workers?: number;
  /** Inputs in flight; undefined = derived from the workers. */
  readonly concurrency?: number;
  readonly progress: boolean;
  readonly quiet: boolean;
  /** WARC inputs: one file per record instead of one JSON Lines file per WARC. */
  readonly split?: boolean;
}

export { UsageError };

/** Refuses an input over the limit before it is all in memory (the core checks inflated sizes). */
async function readInput(input: InputFile, io: CliIo, maxBytes: number): Promise<Uint8Array> {
  return input.path === null ? readAll(io.stdin, maxBytes) : readInputFile(input, maxBytes);
}

/**
 * Regular expressions compile to machine code at their first match instead of running in V8's
 * interpreter first: the classifier's patterns run on every block, so a cold process compiled
 * each twice (see functions/clean.ts, which does the same for a cold Lambda instance). Set once
 * the core is loaded, before the first document; matching is the same either way.
 */
export function compileRegExpsAtFirstUse(): void {
  setFlagsFromString('--no-regexp-tier-up');
}

export async function runClean(options: CleanRunOptions, io: CliIo): Promise<number> {
  compileRegExpsAtFirstUse();
  if (options.outDir === null && options.operands.length > 1) {
    throw new UsageError('several inputs need --out <dir> (without it, one input\'s document goes to standard output)');
  }
  if (options.outDir === null && options.operands[0] !== STDIN_OPERAND && (await stat(options.operands[0]!).catch(() => null))?.isDirectory()) {
    throw new UsageError(`${options.operands[0]} is a directory: give --out <dir> to clean the files under it`);
  }
  const formats: readonly OutputFormat[] = options.formats ?? ['json'];
  if (options.outDir === null && formats.length > 1) {
    throw new UsageError(`several formats (${formats.join(', ')}) need --out <dir>: standard output takes one`);
  }
  const inputs = await expandInputs(options.operands, { outDir: options.outDir, stdinName: options.stdinName });
  // A WARC file becomes JSON Lines; Markdown and text need a file per page (--split).
  const warcFormats = formats.some((format) => format !== 'json') && !(options.split === true && options.outDir !== null);
  if (warcFormats && inputs.some((input) => isWarcName(input.name))) {
    throw new UsageError(`--format ${formats.join(',')}: a WARC file is written as JSON Lines; its pages get Markdown or text files with --split and --out`);
  }
  const maxBytes = options.maxBytes ?? DEFAULT_CLEAN_OPTIONS.maxBytes;
  const toTask = (input: InputFile, bytes: Uint8Array): CleanTask => ({ bytes, name: input.name, contentType: options.contentType });
  const check = options.validate ? await loadDocumentCheck() : undefined;

  if (options.outDir === null) {
    const [input] = inputs;
    if (!input) throw new UsageError(`nothing to clean in ${printable(options.operands[0] ?? '')}`);
    if (isWarcName(input.name)) {
      // A WARC file to standard output: its JSON Lines, uncompressed.
      const { cleanWarcInput, warcSummaryLine } = await import('./warc.js');
      const counts = await cleanWarcInput(input, { ...options, outDir: null, split: false, check }, io, () => {});
      if (!options.quiet) io.stderr.write(`${warcSummaryLine(printable(input.name), counts)}\n`);
      return counts.errors > 0 ? EXIT.FAILURES : EXIT.OK;
    }
    let outcome: Outcome;
    try {
      outcome = cleanToOutcome(toTask(input, await readInput(input, io, maxBytes)), options, check);
    } catch (error) {
      outcome = failure(error, input.name, null, options.pretty);
    }
    if (!outcome.ok) {
      io.stderr.write(`scrape-clean: ${printable(input.display)}: ${outcome.code}: ${printableText(outcome.message)}\n`);
      return EXIT.FAILURES;
    }
    await writeAll(io.stdout, outcome.outputs[formats[0]!] ?? '');
    return EXIT.OK;
  }

  const collisions = outputCollisions(inputs);
  if (options.split === true && inputs.some((input) => isWarcName(input.name))) collisions.push(...(await import('./warc.js')).splitCollisions(inputs));
  if (collisions.length > 0) throw new UsageError(`inputs with the same output name: ${collisions.join('; ')}`);
  const outDir = options.outDir;
  // An output over an input destroys it: page.txt's text rendering is page.txt, and cleaned into its own directory
  // again, page.html's document is page.json, an input of the second run. Every kind is checked: a run writes the
  // formats asked for and removes the others an earlier run left.
  const inputPaths = new Map<string, InputFile>();
  for (const input of inputs) if (input.path !== null) inputPaths.set(resolve(input.path), input);
  for (const input of inputs) {
    const paths = outputPathsFor(outDir, input.key);
    for (const path of [paths.document, paths.error, paths.markdown, paths.text]) {
      const replaced = inputPaths.get(resolve(path));
      if (replaced === undefined) continue;
      const by = replaced === input ? 'its own output' : `the output of ${printable(input.display)}`;
      throw new UsageError(`${printable(replaced.display)} would be overwritten by ${by} under ${outDir}: choose another --out`);
    }
  }
  await makeOutputDirectory(outDir);
  const warcs = inputs.filter((input) => isWarcName(input.name));
  const pages = inputs.filter((input) => !isWarcName(input.name));
  const { cleanWarcInput, warcSummaryLine, settleWarcOutputs } = warcs.length > 0 ? await import('./warc.js') : { cleanWarcInput: null, warcSummaryLine: null, settleWarcOutputs: null };

  const workers = Math.min(options.workers ?? (pages.length >= CLEAN_DEFAULTS.minInputsForWorkers ? CLEAN_DEFAULTS.workers() : 0), pages.length);
  const concurrency = options.concurrency ?? (workers > 0 ? workers * CLEAN_DEFAULTS.inFlightPerWorker : CLEAN_DEFAULTS.inFlightWithoutWorkers);
  const pool = workers > 0
    ? new CleanPool(workers, {
        explain: options.explain,
        validate: options.validate,
        pretty: options.pretty,
        timeBudgetMs: options.timeBudgetMs,
        maxBytes: options.maxBytes,
        failOnEmpty: options.failOnEmpty,
        formats,
        captions: options.captions,
      })
    : null;
  const limit = pLimit(concurrency);
  const tally = new Tally();
  const progress = await startProgress(io.stderr, inputs.length, options.progress && !options.quiet);
  const started = performance.now();

  let warned = false;
  /** A pool whose workers cannot start hands its tasks back untouched: clean them here instead. */
  const onThisThread = (task: CleanTask) => (error: unknown): Outcome => {
    if (!(error instanceof WorkerStartError)) throw error;
    if (!warned) io.stderr.write(`scrape-clean: ${error.message}; cleaning on the main thread\n`);
    warned = true;
    return cleanToOutcome(task, options, check);
  };

  /** Inputs whose outputs are named by a hash of their name (too long for a file name). */
  const hashed: string[] = [];
  const one = async (input: InputFile): Promise<void> => {
    let outcome: Outcome;
    let size: number | null = null;
    try {
      const bytes = await readInput(input, io, maxBytes);
      size = bytes.length; // before the pool transfers the buffer away
      const task = toTask(input, bytes);
      outcome = pool ? await pool.run(task).catch(onThisThread(task)) : cleanToOutcome(task, options, check);
    } catch (error) {
      outcome = failure(error, input.name, size, options.pretty);
    }
    let paths = outputPathsFor(outDir, input.key);
    const write = async () => {
      if (outcome.ok) {
        const pathOf = (format: OutputFormat): string => (format === 'json' ? paths.document : paths[format]);
        for (const format of formats) await writeOutput(pathOf(format), outcome.outputs[format] ?? '');
        // The error record an earlier run left for this input would contradict the document, and a format an earlier
        // run wrote but this one was not asked for (page.md of `--format json,md`, then `--format json`) would be a
        // rendering of an older document beside the new one: both go.
        const left = OUTPUT_FORMATS.filter((format) => !formats.includes(format)).map(pathOf);
        await Promise.all([paths.error, ...left].map((path) => rm(path, { force: true })));
      } else {
        await writeOutput(paths.error, outcome.json);
        // So would the document and its renderings: every one of them goes.
        await Promise.all([paths.document, paths.markdown, paths.text].map((path) => rm(path, { force: true })));
      }
    };
    try {
      try {
        await write();
      } catch (error) {
        // A file system with shorter names than most: the hashed name, as for a name over the usual limit.
        if (paths.hashed || !isNameTooLong(error)) throw error;
        paths = outputPathsFor(outDir, input.key, true);
        await write();
      }
      if (paths.hashed) hashed.push(input.display);
    } catch (error) {
      outcome = failure(error, input.name, size, options.pretty);
    }
    tally.add(input.display, outcome);
    progress.advance(!outcome.ok);
  };

  /** A WARC file's records count as inputs of their own in the tally; its summary line is printed as it ends. */
  const warcLines: string[] = [];
  const oneWarc = async (input: InputFile): Promise<void> => {
    const tallied = (outcome: WarcOutcome): void => {
      if (outcome.kind === 'skipped') return;
      const name = `${input.name}#${outcome.record.index}`;
      if (outcome.kind === 'document') tally.add(name, { ok: true, json: '', outputs: {}, segments: outcome.document.stats.segments, warnings: outcome.document.quality.warnings });
      else tally.add(name, { ok: false, json: '', code: outcome.errorRecord.error.code, message: `${outcome.errorRecord.source.name}: ${outcome.errorRecord.error.message}` });
    };
    const split = options.split ?? false;
    try {
      const counts = await cleanWarcInput!(input, { ...options, outDir, split, check }, io, tallied);
      warcLines.push(warcSummaryLine!(printable(input.name), counts));
      await settleWarcOutputs!(input, { outDir, split }, null);
    } catch (error) {
      let outcome = failure(error, input.name, null, options.pretty);
      await settleWarcOutputs!(input, { outDir, split }, outcome.json).catch((caught: unknown) => {
        outcome = failure(caught, input.name, null, options.pretty);
      });
      tally.add(input.name, outcome);
    }
    progress.advance(false);
  };

  try {
    // WARC files one at a time (each is a stream of many pages), beside the other inputs.
    await Promise.all([...pages.map((input) => limit(() => one(input))), warcs.reduce((done, input) => done.then(() => oneWarc(input)), Promise.resolve())]);
  } finally {
    progress.stop();
    await pool?.close();
  }
  const elapsed = performance.now() - started;

  const listed = [...tally.failures].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).slice(0, CLEAN_DEFAULTS.maxListedFailures);
  for (const { name, code, message } of listed) io.stderr.write(`failed: ${printable(name)}: ${code}: ${printableText(message)}\n`);
  if (tally.failures.length > listed.length) io.stderr.write(`… and ${tally.failures.length - listed.length} more failures (see the .error.json files under ${outDir})\n`);
  if (!options.quiet) for (const line of warcLines) io.stderr.write(`${line}\n`);
  if (!options.quiet) for (const name of hashed.sort().slice(0, CLEAN_DEFAULTS.maxListedFailures)) io.stderr.write(`hashed name: ${printable(name)}: too long for a file name, its output is under ${join(outDir, HASHED_KEYS_FOLDER)} (source.name has the name)\n`);
  if (!options.quiet) io.stderr.write(`${summaryLine(tally, elapsed, hashed.length)}\n`);
  return tally.failures.length > 0 ? EXIT.FAILURES : EXIT.OK;
}
