/**
 * `scrape-clean clean crawl.warc.gz --out dir/`: a WARC file is read as a stream and becomes
 * `dir/crawl.jsonl.gz`, one document or error record per line in record order (or, with
 * `--split`, `dir/crawl/<record index>.json` / `.error.json` per record); records skipped
 * (revisits, requests, images …) are counted, not written. Without --out the lines go to
 * standard output, uncompressed.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { readdir, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { errorRecord, outputKeyFor, type CleanOptions } from '../../core/index.js';
import { isWarcName, warcStem } from '../../core/warc/names.js';
import { cleanWarc, countWarcOutcome, emptyWarcCounts, type WarcCounts, type WarcOutcome } from '../../core/warc/index.js';

export { warcSummaryLine } from '../../core/warc/index.js';
import { printable, writeAll, type CliIo } from '../io.js';
import { outputPathsFor, temporaryPath, writeOutput } from './files.js';
import { fileSystemPath, type InputFile } from './inputs.js';
import { documentOutputs, emptyDocumentFailure, INVALID_DOCUMENT, serialize, type DocumentCheck, type OutcomeOptions } from './outcome.js';
import { makeDirectory } from '../make-directory.js';


/** A record's files under --split: its document and renderings (the error record is `.error.json`). */
const SPLIT_SUFFIXES = { json: '.json', markdown: '.md', text: '.txt' } as const;

/** Digits of a record's file name under --split: records sort in file order up to a million. */
const SPLIT_INDEX_DIGITS = 6;
const SPLIT_ERROR_SUFFIX = '.error.json';
/** The names --split gives a record's files (000042.json, .md, .txt, .error.json): the only ones a run removes. */
const SPLIT_FILE_NAME = new RegExp(`^\\d{${SPLIT_INDEX_DIGITS},}(?:${[...Object.values(SPLIT_SUFFIXES), SPLIT_ERROR_SUFFIX].map((suffix) => suffix.replace(/\./g, '\\.')).join('|')})$`);

export interface WarcRunOptions extends OutcomeOptions {
  /** null: lines to standard output. */
  readonly outDir: string | null;
  readonly split: boolean;
  /** The schema check, required with `validate` (see loadDocumentCheck). */
  readonly check?: DocumentCheck;
}

/**
 * With --validate, a document that breaks the schema becomes an INVALID_DOCUMENT error line (a
 * bug of the core); with --fail-on-empty, a document without body text a NO_BODY one.
 */
function checked(outcome: WarcOutcome, options: WarcRunOptions): WarcOutcome {
  if (outcome.kind !== 'document') return outcome;
  let error: Error | null = null;
  if (options.validate) {
    if (!options.check) throw new Error('cleanWarcInput: --validate needs the schema check (loadDocumentCheck)');
    const problem = options.check(outcome.document);
    if (problem !== null) error = Object.assign(new Error(`document does not match the schema: ${problem}`), { code: INVALID_DOCUMENT });
  }
  error ??= emptyDocumentFailure(outcome.document, options.failOnEmpty);
  if (error === null) return outcome;
  const { name, bytes, warc } = outcome.document.source;
  return { kind: 'error', record: outcome.record, errorRecord: errorRecord(error, { name, bytes, warc }) };
}

/**
 * With --split: pages whose outputs would be among a WARC file's record files (`crawl/000001.html`
 * beside `crawl.warc` writes `crawl/000001.json`, the WARC's second record's name), which one would
 * overwrite and the WARC's run would remove as an earlier run's. Said like outputCollisions' lines.
 */
export function splitCollisions(inputs: readonly InputFile[]): string[] {
  const collisions: string[] = [];
  for (const warc of inputs.filter((input) => isWarcName(input.name))) {
    const folder = `${warcStem(warc.key)}/`;
    for (const input of inputs) {
      if (input === warc || !input.key.startsWith(folder)) continue;
      const clash = (['document', 'error', 'markdown', 'text'] as const).map((kind) => outputKeyFor(input.key, kind)).find((output) => SPLIT_FILE_NAME.test(output.slice(folder.length)));
      if (clash !== undefined) collisions.push(`${printable(input.display)} and ${printable(warc.display)} (--split) would both write ${printable(clash)}`);
    }
  }
  return collisions;
}

/**
 * After a WARC input under --out, as after a page: once it is read whole (`errorJson` null) the
 * error record an earlier run left for it goes; when its reading failed, its error record
 * (`errorJson`, under the name a page's would have) replaces what earlier runs wrote for it (its
 * JSON Lines, or its --split files), which are not this file's.
 */
export async function settleWarcOutputs(input: InputFile, options: { outDir: string; split: boolean }, errorJson: string | null): Promise<void> {
  const errorPath = outputPathsFor(options.outDir, input.key).error;
  if (errorJson === null) {
    await rm(errorPath, { force: true });
    return;
  }
  const stem = join(options.outDir, warcStem(input.key));
  if (options.split) {
    const names = await readdir(stem).catch(() => []);
    await Promise.all(names.filter((name) => SPLIT_FILE_NAME.test(name)).map((name) => rm(join(stem, name), { force: true })));
  } else {
    await rm(`${stem}.jsonl.gz`, { force: true });
  }
  await makeDirectory(dirname(errorPath));
  await writeOutput(errorPath, errorJson);
}

/**
 * Cleans one WARC input; `onOutcome` sees every outcome (skips too) as it is written. Returns the counts.
 * Writing goes through a temporary file and a rename, like every other output of `clean`.
 */
export async function cleanWarcInput(input: InputFile, options: WarcRunOptions, io: CliIo, onOutcome: (outcome: WarcOutcome) => void): Promise<WarcCounts> {
  const counts = emptyWarcCounts();
  const source: AsyncIterable<Uint8Array> = input.path === null ? (io.stdin as AsyncIterable<Uint8Array>) : createReadStream(fileSystemPath(input));
  const clean: Partial<CleanOptions> = { explain: options.explain, timeBudgetMs: options.timeBudgetMs, maxBytes: options.maxBytes };
  const outcomes = async function* (): AsyncGenerator<WarcOutcome> {
    for await (const raw of cleanWarc(source, { file: input.name, clean })) {
      const outcome = checked(raw, options);
      countWarcOutcome(counts, outcome);
      onOutcome(outcome);
      yield outcome;
    }
  };
  const lineOf = (outcome: WarcOutcome): string | null =>
    outcome.kind === 'document' ? serialize(outcome.document, false) : outcome.kind === 'error' ? serialize(outcome.errorRecord, false) : null;

  if (options.outDir === null) {
    for await (const outcome of outcomes()) {
      const line = lineOf(outcome);
      if (line !== null) await writeAll(io.stdout, line);
    }
    return counts;
  }

  const stem = join(options.outDir, warcStem(input.key));
  if (options.split) {
    await makeDirectory(stem);
    const written = new Set<string>();
    for await (const outcome of outcomes()) {
      if (outcome.kind === 'skipped') continue;
      const index = String(outcome.record.index).padStart(SPLIT_INDEX_DIGITS, '0');
      if (outcome.kind === 'document') {
        const outputs = documentOutputs(outcome.document, options);
        for (const [format, text] of Object.entries(outputs)) {
          const name = `${index}${SPLIT_SUFFIXES[format as keyof typeof SPLIT_SUFFIXES]}`;
          await writeOutput(join(stem, name), text);
          written.add(name);
        }
        await rm(join(stem, `${index}${SPLIT_ERROR_SUFFIX}`), { force: true });
      } else {
        await writeOutput(join(stem, `${index}${SPLIT_ERROR_SUFFIX}`), serialize(outcome.errorRecord, options.pretty));
        written.add(`${index}${SPLIT_ERROR_SUFFIX}`);
        await Promise.all(Object.values(SPLIT_SUFFIXES).map((suffix) => rm(join(stem, `${index}${suffix}`), { force: true })));
      }
    }
    // The whole file read: a record's file this run did not write is an earlier run's (a record the
    // WARC no longer has, now skipped, now failed or cleaned, a rendering not asked for) and goes.
    for (const name of await readdir(stem)) {
      if (SPLIT_FILE_NAME.test(name) && !written.has(name)) await rm(join(stem, name), { force: true });
    }
    return counts;
  }

  const path = `${stem}.jsonl.gz`;
  await makeDirectory(dirname(path));
  const temporary = temporaryPath(path);
  try {
    await pipeline(
      Readable.from(
        (async function* () {
          for await (const outcome of outcomes()) {
            const line = lineOf(outcome);
            if (line !== null) yield line;
          }
        })(),
      ),
      createGzip(),
      createWriteStream(temporary),
    );
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  return counts;
}
