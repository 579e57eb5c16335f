/**
 * `npm start` / `npm run dev`: the local pipeline on the sample scrapes.
 *
 *   npm start                      upload samples/, wait for every document or error record
 *                                  (a WARC file's JSON Lines and manifest), print the table,
 *                                  exit (0 when every object has one)
 *   npm run dev                    the same, then keep running: any S3 client can drop files
 *                                  into the raw bucket and each is processed as it lands
 *
 * Options: --samples <dir> (default samples), --out <dir> (copies of the outputs, default
 * out/local-pipeline), --data <dir> (the S3 server's objects, default out/local-s3: kept
 * between runs, and caught up at start), --port <n> (default: a free port), --verbose (the
 * function's JSON logs at INFO and its EMF metrics), --formats <list> (the stack's outputFormats:
 * json,markdown,text; Markdown and text written beside each document), --watch.
 */
import { rm, writeFile } from 'node:fs/promises';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { LOCAL_S3 } from '../pipeline/contract.js';
import { parseNotification } from '../pipeline/events.js';
import { outputKeysFor, type ProcessResult } from '../pipeline/process-object.js';
import type { PipelineConfig } from '../pipeline/config.js';
import { parseOutputFormats, renderAs, type OutputFormat } from '../core/render/index.js';
import type { CleanDocument } from '../core/schema.js';
import type { ReprocessReport } from '../backfill/run.js';
import { warcCountsText } from '../core/warc/clean-warc.js';
import { warcOutputKeys, type WarcResult } from '../pipeline/warc-object.js';
import { isNotFound } from '../pipeline/failures.js';
import { LOCAL_DEFAULTS, startLocalPipeline, type LocalPipeline, type OutputState } from './pipeline.js';
import { formatOutputTable } from './report.js';
import { printable, printableText } from '../cli/io.js';
import { makeDirectory } from '../cli/make-directory.js';
import { expandInputs, readInputFile, STDIN_OPERAND, type InputFile } from '../cli/clean/inputs.js';

export interface CliIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  /** Resolves when the user stops a --watch run (SIGINT/SIGTERM). */
  readonly stopped?: Promise<void>;
}

const USAGE = `usage: local-pipeline [--watch] [--samples <dir>] [--out <dir>] [--data <dir>] [--port <n>] [--formats json,markdown,text] [--verbose]

Runs the clean pipeline on this machine: an embedded S3 server (s3rver) with a raw and a clean
bucket, S3 notifications into an in-process queue with SQS semantics, and the Lambda handler.
Uploads every file under --samples, waits for its document or error record and prints a table.
--watch keeps it running so any S3 client can drop more files into the raw bucket.
The server's objects stay in --data (default out/local-s3) between runs; at start, every raw
object there without a current document or error record is processed.
`;

/** Where the S3 server keeps its objects unless --data says otherwise. */
export const DEFAULT_DATA_DIRECTORY = join('out', 'local-s3');

/** Content type of an upload, as a scraper would set it (from the name, without charset). */
function uploadHeaders(key: string): { contentType?: string; contentEncoding?: string } {
  const gzipped = /\.gz$/i.test(key);
  const inner = extname(gzipped ? key.slice(0, -3) : key).toLowerCase();
  const contentType = inner === '.html' || inner === '.htm' ? 'text/html' : inner === '.txt' ? 'text/plain' : undefined;
  return { contentType, contentEncoding: gzipped ? 'gzip' : undefined };
}

/** A file under --samples to upload: its key, and where to read it (the bytes of its path when a name on it is not UTF-8). */
interface SampleFile {
  readonly key: string;
  readonly input: InputFile;
}

/**
 * The files under `directory`, listed as `scrape-clean clean` lists a directory (./../cli/clean/inputs.ts):
 * hidden files and folders and the copies' folder left out, links to files followed, a name that is
 * not UTF-8 read by its bytes and keyed by its UTF-8 reading (U+FFFD for the bytes that are none).
 * Entries that are no file (a link to a folder, a FIFO) come back as `skipped`, to be said, not uploaded.
 */
async function listSamples(directory: string, outDirectory: string): Promise<{ files: SampleFile[]; skipped: string[]; collisions: string[] }> {
  const files: SampleFile[] = [];
  const skipped: string[] = [];
  const owners = new Map<string, string>();
  const collisions: string[] = [];
  for (const input of await expandInputs([directory], { outDir: outDirectory, stdinName: STDIN_OPERAND })) {
    if (input.notAFile !== undefined) {
      skipped.push(`${printable(input.key)}: ${input.notAFile}`);
      continue;
    }
    const owner = owners.get(input.key);
    if (owner !== undefined) collisions.push(`${printable(owner)} and ${printable(input.display)} both upload as ${printable(input.key)}`);
    else owners.set(input.key, input.display);
    files.push({ key: input.key, input });
  }
  return { files, skipped, collisions };
}

/** Writes a copy of an output under `outDirectory` (bytes and text as they are, JSON indented); keys that would climb out of it (`../`) are not copied. */
async function mirror(outDirectory: string, outputKey: string, value: unknown): Promise<void> {
  const path = resolve(outDirectory, ...outputKey.split('/'));
  if (!path.startsWith(outDirectory + sep)) return;
  await makeDirectory(dirname(path));
  await writeFile(path, typeof value === 'string' || value instanceof Uint8Array ? value : `${JSON.stringify(value, null, 2)}\n`);
}

/** Copies of outputs as the clean bucket holds them (a WARC object's JSON Lines, its manifest, its error record); one not there is not copied. */
async function mirrorStored(outDirectory: string, s3: S3Client, bucket: string, outputKeys: readonly string[]): Promise<void> {
  for (const key of outputKeys) {
    let bytes: Uint8Array;
    try {
      bytes = await (await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body!.transformToByteArray();
    } catch (error) {
      if (isNotFound(error)) continue;
      throw error;
    }
    await mirror(outDirectory, key, bytes);
  }
}

/** Copies of a document and of the renderings the function wrote beside it (rendered again: the same bytes). */
async function mirrorDocument(outDirectory: string, config: PipelineConfig, key: string, outputKey: string, document: CleanDocument): Promise<void> {
  await mirror(outDirectory, outputKey, document);
  const keys = outputKeysFor(key, config);
  for (const format of config.outputFormats) if (format !== 'json') await mirror(outDirectory, keys[format], renderAs(document, format));
}

function resultLine(result: ProcessResult): string {
  const ms = `${Math.round(result.durationMs)} ms`;
  switch (result.outcome) {
    case 'written': {
      const s = result.document.stats.segments;
      const times = `${Math.round(result.cleanMs)} ms cleaning, ${ms} in all`;
      return `${printable(result.key)} → ${printable(result.outputKey)}  (${result.document.source.format}, body ${s.body}, caption ${s.caption}, ad ${s.ad}, legal ${s.legal}, ${result.words} words, ${times})`;
    }
    case 'skipped':
      return `${printable(result.key)}: output ${result.reason}, not rewritten (${ms})`;
    case 'error-record':
      return `${printable(result.key)} → ${printable(result.outputKey)}  (${result.code}: ${printableText(result.message)})`;
  }
}

/** What the catch-up at start did with the objects an earlier run left. */
export function catchUpLine(report: ReprocessReport): string {
  const c = report.tally.counts;
  const done = c.skippedUpToDate + c.skippedSuperseded + c.errorRecordsUnchanged;
  const failed = c.failedTransient > 0 ? `, ${c.failedTransient} still failing (caught up at the next start)` : '';
  return `Caught up with ${report.listed} raw object(s) already stored: ${c.documentsWritten} document(s) and ${c.errorRecordsWritten} error record(s) written, ${done} already done${failed}`;
}

export async function runLocalPipelineCli(argv: readonly string[], io: CliIo): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        watch: { type: 'boolean', default: false },
        samples: { type: 'string', default: 'samples' },
        out: { type: 'string', default: join('out', 'local-pipeline') },
        data: { type: 'string', default: DEFAULT_DATA_DIRECTORY },
        port: { type: 'string', default: '0' },
        verbose: { type: 'boolean', default: false },
        formats: { type: 'string', default: 'json' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }));
  } catch (error) {
    io.stderr.write(`local-pipeline: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    io.stdout.write(USAGE);
    return 0;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    io.stderr.write(`local-pipeline: --port must be a port number, got ${values.port}\n`);
    return 2;
  }
  let outputFormats: OutputFormat[];
  try {
    outputFormats = ['json', ...parseOutputFormats(values.formats).filter((format) => format !== 'json')];
  } catch (error) {
    io.stderr.write(`local-pipeline: --formats: ${(error as Error).message}\n`);
    return 2;
  }
  const samples = resolve(values.samples);
  const out = resolve(values.out);
  let listed: Awaited<ReturnType<typeof listSamples>>;
  try {
    listed = await listSamples(samples, out);
  } catch (error) {
    io.stderr.write(`local-pipeline: cannot read ${printable(values.samples)}: ${printableText((error as Error).message)}\n`);
    return 2;
  }
  if (listed.collisions.length > 0) {
    // The later would replace the earlier in the raw bucket: refused before anything is uploaded.
    io.stderr.write(`local-pipeline: ${listed.collisions.join('; ')}\n`);
    return 2;
  }
  const files = listed.files;

  // The function's JSON logs (errors only: the table and the lines below say the rest) and its
  // EMF metrics, unless --verbose.
  const logger = new Logger({ serviceName: LOCAL_DEFAULTS.functionName, logLevel: values.verbose ? 'INFO' : 'ERROR' });
  if (!values.verbose) process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
  const metrics = new Metrics({ serviceName: LOCAL_DEFAULTS.functionName, namespace: 'scrape-clean-local' });

  const durations = new Map<string, number>();
  let watching = false;
  let pipeline: LocalPipeline | null = null;
  const copies = new Set<Promise<void>>();
  const onWarcResult = (result: WarcResult, key: string) => {
    if (result.outcome === 'range-written') durations.set(key, (durations.get(key) ?? 0) + result.cleanMs);
    if (!watching) return;
    // A WARC object is done when its manifest is written (its last range), or when it ends as one error record.
    let line: string;
    let outputKeys: string[];
    if (result.outcome === 'range-written' && result.finished) {
      line = `${printable(key)} → ${printable(result.outputKey)}  (${warcCountsText(result.finished.counts)})`;
      outputKeys = [result.outputKey, warcOutputKeys(key, pipeline!.config).manifest];
    } else if (result.outcome === 'error-record') {
      line = `${printable(key)} → ${printable(result.outputKey)}  (${result.code}: ${printableText(result.message)})`;
      outputKeys = [result.outputKey];
    } else return;
    const done = mirrorStored(out, pipeline!.s3, pipeline!.config.cleanBucket, outputKeys).then(
      () => void io.stdout.write(`${line}\n`),
      (error: unknown) => void io.stderr.write(`could not copy ${outputKeys.map(printable).join(', ')}: ${printableText((error as Error).message)}\n`),
    );
    copies.add(done);
    void done.finally(() => copies.delete(done));
  };
  const onResult = (result: ProcessResult) => {
    if (result.outcome === 'written') durations.set(result.key, result.cleanMs);
    if (!watching) return;
    const copied = result.outcome === 'written' ? mirrorDocument(out, pipeline!.config, result.key, result.outputKey, result.document) : result.outcome === 'error-record' ? mirror(out, result.outputKey, result.record) : Promise.resolve();
    // The line says the copy is under --out: printed once it is; a stop waits for the copies under way.
    const done = copied.then(
      () => void io.stdout.write(`${resultLine(result)}\n`),
      (error: unknown) => void io.stderr.write(`could not copy ${printable(result.outputKey)}: ${printableText((error as Error).message)}\n`),
    );
    copies.add(done);
    void done.finally(() => copies.delete(done));
  };

  try {
    pipeline = await startLocalPipeline({
      directory: resolve(values.data),
      port,
      logger,
      metrics,
      onResult,
      onWarcResult,
      config: { outputFormats },
      onInvocation: (report) => {
        if (report.failed.length === 0) return;
        // eslint-disable-next-line @typescript-eslint/no-base-to-string -- whatever the handler threw, as String() prints it
        const why = report.error ? `the invocation failed (${String(report.error)})` : 'transient failures';
        io.stderr.write(`${report.failed.length} of ${report.messageIds.length} message(s) return to the queue for another try: ${why}\n`);
      },
    });
    const { config, rawBucket, endpoint } = pipeline;
    // Copies of an earlier run go; nothing else under --out is touched.
    for (const prefix of [config.outputPrefix, config.errorPrefix]) {
      if (prefix.replace(/\/+$/, '') !== '') await rm(join(out, ...prefix.split('/')), { recursive: true, force: true });
    }
    pipeline.queue.on('deadLetter', (letter) => {
      if (!watching) return;
      let what = `message ${letter.messageId}`;
      try {
        const notification = parseNotification(letter.body);
        if (notification.kind === 'records') what = notification.records.map((r) => printable(r.key)).join(', ');
      } catch {
        // Not a notification: named by its message id.
      }
      io.stderr.write(`${what}: failed ${letter.receiveCount} times, moved to the dead-letter queue\n`);
    });
    io.stdout.write(`Local S3 (s3rver) at ${endpoint}: raw bucket ${rawBucket}, clean bucket ${config.cleanBucket}, objects in ${relative(process.cwd(), pipeline.directory) || '.'}\n`);
    void pipeline.catchUp.then((report) => {
      if (report.listed > 0) io.stdout.write(`${catchUpLine(report)}\n`);
    });

    const keys: string[] = [];
    for (const { key, input } of files) {
      let bytes: Buffer;
      try {
        bytes = await readInputFile(input);
      } catch (error) {
        // A broken link, a file gone or unreadable since the listing.
        listed.skipped.push(`${printable(key)}: ${printableText((error as Error).message)}`);
        continue;
      }
      await pipeline.upload(key, bytes, uploadHeaders(key));
      keys.push(key);
    }
    io.stdout.write(`Uploaded ${keys.length} object(s) from ${relative(process.cwd(), samples) || '.'} to s3://${rawBucket}/\n\n`);
    // Not uploaded, so no document nor error record will say it: said here, and the run exits 1.
    for (const line of listed.skipped) io.stderr.write(`not uploaded: ${line}\n`);

    const states: OutputState[] = await pipeline.waitForOutputs(keys);
    // A copy the file system cannot take (a name segment over its 255 bytes, which S3 keys may have) is said, not fatal: the outputs are in the clean bucket.
    let uncopied = 0;
    for (const state of states) {
      try {
        if (state.kind === 'document') await mirrorDocument(out, config, state.key, state.outputKey, state.document);
        if (state.kind === 'error-record') await mirror(out, state.outputKey, state.record);
        if (state.kind === 'warc') await mirrorStored(out, pipeline.s3, config.cleanBucket, [state.linesKey, state.outputKey]);
      } catch (error) {
        uncopied++;
        io.stderr.write(`could not copy ${printable('outputKey' in state ? state.outputKey : state.key)}: ${printableText((error as Error).message)}\n`);
      }
    }
    io.stdout.write(`${formatOutputTable(states, durations)}\n\n`);
    const where = relative(process.cwd(), out) || '.';
    io.stdout.write(`Documents: s3://${config.cleanBucket}/${config.outputPrefix}  error records: s3://${config.cleanBucket}/${config.errorPrefix}\n`);
    io.stdout.write(`Copies: ${join(where, config.outputPrefix)}  ${join(where, config.errorPrefix)}\n`);
    const lost = states.filter((s) => s.kind === 'dead-lettered' || s.kind === 'missing' || s.kind === 'replaced');

    if (!values.watch) return lost.length === 0 && listed.skipped.length === 0 && uncopied === 0 ? 0 : 1;

    watching = true;
    const env = `AWS_ACCESS_KEY_ID=${LOCAL_S3.credentials.accessKeyId} AWS_SECRET_ACCESS_KEY=${LOCAL_S3.credentials.secretAccessKey} AWS_REGION=${LOCAL_S3.region}`;
    io.stdout.write(
      [
        '',
        `Watching s3://${rawBucket}/ — every object dropped there is cleaned as it lands (Ctrl-C to stop).`,
        `  endpoint:      ${endpoint}`,
        `  raw bucket:    ${rawBucket}`,
        `  clean bucket:  ${config.cleanBucket} (documents under ${config.outputPrefix}, error records under ${config.errorPrefix})`,
        `  credentials:   ${LOCAL_S3.credentials.accessKeyId} / ${LOCAL_S3.credentials.secretAccessKey}`,
        '  try:',
        `    ${env} aws --endpoint-url ${endpoint} s3 cp page.html s3://${rawBucket}/page.html`,
        `    ${env} aws --endpoint-url ${endpoint} s3 cp s3://${config.cleanBucket}/${config.outputPrefix}page.json -`,
        '',
      ].join('\n'),
    );
    await (io.stopped ?? new Promise<void>(() => undefined));
    await Promise.all(copies);
    return 0;
  } catch (error) {
    io.stderr.write(`local-pipeline: ${(error as Error | undefined)?.stack ?? String(error)}\n`);
    return 1;
  } finally {
    await pipeline?.close();
  }
}
