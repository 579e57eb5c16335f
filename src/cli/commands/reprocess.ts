/**
 * `scrape-clean reprocess --bucket <raw> --prefix <p>`: puts every stored scrape under a prefix
 * through the processing path again (a backfill), here (src/backfill/run.ts) or, with
 * `--state-machine <arn>`, on AWS by the stage's backfill state machine (src/backfill/state-machine.ts).
 */
import { S3Client } from '@aws-sdk/client-s3';
import { InvalidArgumentError, type Command } from 'commander';
import type { RegisterCommand } from './index.js';
import { REPROCESS_DEFAULTS } from '../../backfill/defaults.js';
import { startReprocessProgress, formatDuration, type ReprocessProgress } from '../../backfill/progress.js';
import { reprocess } from '../../backfill/run.js';
import { startAndFollow, type BackfillExecutionInput } from '../../backfill/state-machine.js';
import { tallyLine } from '../../backfill/tally.js';
import { LOCAL_S3, PIPELINE_DEFAULTS, PIPELINE_ENV } from '../../pipeline/contract.js';
import { PipelineConfigError, S3_CLIENT_SETTINGS, validatePipelineConfig, type PipelineConfig } from '../../pipeline/config.js';
import { parseOutputFormats } from '../../core/render/index.js';
import { EXIT } from '../exit-codes.js';
import { printable, printableText, writeAll, type CliIo } from '../io.js';

/** 128 + SIGINT, as shells report a command stopped by Ctrl-C. */
export const EXIT_INTERRUPTED = 130;
/** Failures listed on standard error; the --json summary lists up to LISTED_FAILURES_MAX. */
const LISTED_ON_STDERR = 20;

export interface ReprocessFlags {
  readonly bucket?: string;
  readonly prefix: string;
  readonly endpoint?: string;
  readonly region?: string;
  readonly concurrency?: number;
  readonly force?: boolean;
  readonly cleanBucket?: string;
  readonly outputPrefix?: string;
  readonly errorPrefix?: string;
  /** The stage's outputFormats (comma-separated), as the function's OUTPUT_FORMATS. */
  readonly formats?: string;
  readonly stateMachine?: string;
  readonly manifest?: string;
  readonly name?: string;
  readonly json?: boolean;
  readonly progress: boolean;
  readonly quiet?: boolean;
}

export class ReprocessUsageError extends Error {
  override readonly name = 'ReprocessUsageError';
}

export interface ReprocessDeps {
  /** Stops the run (Ctrl-C): objects in flight finish, no new one starts. */
  readonly signal?: AbortSignal;
  /** Builds the S3 client (tests). */
  readonly s3?: (flags: ReprocessFlags) => S3Client;
  /** Builds the Step Functions client (tests). */
  readonly sfn?: (flags: ReprocessFlags) => Promise<import('@aws-sdk/client-sfn').SFNClient>;
  /** Milliseconds between polls of the state machine. */
  readonly pollMs?: number;
  /** Backoff of transient failures here (tests). */
  readonly backoffBaseMs?: number;
  /** Listing page size (tests). */
  readonly pageSize?: number;
}

/**
 * The S3 client: with --endpoint, path-style requests to that server (the local S3 of
 * `npm run dev`, or any S3-compatible one), with the environment's credentials or else the local
 * server's key pair; without, AWS with the default credential chain and region.
 */
export function s3ClientFor(flags: Pick<ReprocessFlags, 'endpoint' | 'region'>, env: NodeJS.ProcessEnv = process.env): S3Client {
  const requestHandler = { connectionTimeout: S3_CLIENT_SETTINGS.connectionTimeoutMs, requestTimeout: S3_CLIENT_SETTINGS.socketTimeoutMs };
  if (flags.endpoint === undefined) return new S3Client({ region: flags.region, requestHandler });
  const hasCredentials = Boolean(env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) || Boolean(env.AWS_PROFILE);
  return new S3Client({
    endpoint: flags.endpoint,
    forcePathStyle: true,
    region: flags.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? LOCAL_S3.region,
    // A copy: the SDK annotates the credentials object it is given.
    credentials: hasCredentials ? undefined : { ...LOCAL_S3.credentials },
    // S3-compatible servers (s3rver) neither check nor return the newer checksums.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    requestHandler,
  });
}

/** The formats to write, json always first; a bad name is a usage error. */
function outputFormatsFor(list: string | undefined): PipelineConfig['outputFormats'] {
  if (list === undefined || list.trim() === '') return PIPELINE_DEFAULTS.outputFormats;
  try {
    return ['json', ...parseOutputFormats(list).filter((format) => format !== 'json')];
  } catch (error) {
    throw new ReprocessUsageError(`--formats: ${(error as Error).message}`);
  }
}

/** Where the outputs go: flags, then the environment the function uses (CLEAN_BUCKET…), then defaults. */
export function pipelineConfigFor(flags: ReprocessFlags, env: NodeJS.ProcessEnv = process.env): PipelineConfig {
  const cleanBucket = flags.cleanBucket ?? env[PIPELINE_ENV.cleanBucket] ?? (flags.endpoint !== undefined ? LOCAL_S3.cleanBucket : undefined);
  if (!cleanBucket) throw new ReprocessUsageError(`--clean-bucket is required (or ${PIPELINE_ENV.cleanBucket} in the environment): the bucket the documents go to`);
  try {
    return validatePipelineConfig({
      ...PIPELINE_DEFAULTS,
      cleanBucket,
      outputPrefix: flags.outputPrefix ?? env[PIPELINE_ENV.outputPrefix] ?? PIPELINE_DEFAULTS.outputPrefix,
      errorPrefix: flags.errorPrefix ?? env[PIPELINE_ENV.errorPrefix] ?? PIPELINE_DEFAULTS.errorPrefix,
      outputFormats: outputFormatsFor(flags.formats ?? env[PIPELINE_ENV.outputFormats]),
    });
  } catch (error) {
    if (error instanceof PipelineConfigError) throw new ReprocessUsageError(error.message);
    throw error;
  }
}

async function runHere(flags: ReprocessFlags, io: CliIo, deps: ReprocessDeps): Promise<number> {
  if (!flags.bucket) throw new ReprocessUsageError('--bucket <raw bucket> is required (or --state-machine <arn> to run on AWS)');
  if (flags.manifest !== undefined) throw new ReprocessUsageError('--manifest needs --state-machine: an inventory is read by the state machine on AWS');
  const config = pipelineConfigFor(flags);
  if (config.cleanBucket === flags.bucket && flags.prefix === '') {
    throw new ReprocessUsageError(`the raw and clean buckets are both ${flags.bucket}: give --prefix so the outputs are not listed as inputs`);
  }
  const s3 = (deps.s3 ?? s3ClientFor)(flags);
  const quiet = flags.quiet ?? false;
  const where = `s3://${flags.bucket}/${flags.prefix}`;
  if (!quiet) io.stderr.write(`reprocess: ${where} → s3://${config.cleanBucket}/${config.outputPrefix}${flags.force ? ' (forced: every output rewritten)' : ''}${flags.endpoint ? ` at ${flags.endpoint}` : ''}\n`);
  const progress = startReprocessProgress(io.stderr, { enabled: flags.progress && !quiet });
  const onAbort = () => {
    progress.stop();
    io.stderr.write('stopping: objects in flight finish, no new one starts (Ctrl-C again to leave at once)\n');
  };
  deps.signal?.addEventListener('abort', onAbort, { once: true });
  let report;
  try {
    report = await reprocess({
      s3,
      bucket: flags.bucket,
      prefix: flags.prefix,
      config,
      force: flags.force ?? false,
      concurrency: flags.concurrency,
      signal: deps.signal,
      backoffBaseMs: deps.backoffBaseMs,
      pageSize: deps.pageSize,
      // S3-compatible servers get version 1 listings (see src/backfill/listing.ts).
      listingApi: flags.endpoint === undefined ? 'v2' : 'v1',
      onListed: (n, complete) => { progress.listed(n, complete); },
      onOutcome: (outcome) => { progress.advance(outcome.outcome === 'error-record' || outcome.outcome === 'retry'); },
    });
  } finally {
    deps.signal?.removeEventListener('abort', onAbort);
    progress.stop();
    s3.destroy();
  }
  const { tally } = report;
  const failures = tally.toJSON().failures;
  for (const f of failures.slice(0, LISTED_ON_STDERR)) io.stderr.write(`failed: ${printable(f.key)}: ${f.code}: ${printableText(f.message)}${f.disposition === 'not-processed' ? ' (not processed: run again)' : ''}\n`);
  if (tally.failed > LISTED_ON_STDERR) io.stderr.write(`… and ${tally.failed - LISTED_ON_STDERR} more failures (error records under s3://${config.cleanBucket}/${config.errorPrefix}; --json lists them)\n`);
  const seconds = report.elapsedMs / 1000;
  if (!quiet) {
    io.stderr.write(`${tallyLine(tally)} · ${seconds.toFixed(1)} s, ${(tally.counts.objects / Math.max(seconds, 1e-3)).toFixed(1)} objects/s\n`);
    if (report.interrupted) {
      io.stderr.write(
        `interrupted: ${report.notStarted} listed object(s) not started${report.listingComplete ? '' : ', listing not finished'}; ` +
          'run the same command again to go on (what is done is skipped as up to date)\n',
      );
    }
  }
  if (report.listingError !== null) io.stderr.write(`error: cannot list ${printable(where)}: ${printableText(describeError(report.listingError))}${report.listed > 0 ? ` (after ${report.listed} objects, which are counted above)` : ''}\n`);
  if (flags.json) {
    const summary = {
      source: { bucket: flags.bucket, prefix: flags.prefix },
      destination: { bucket: config.cleanBucket, outputPrefix: config.outputPrefix, errorPrefix: config.errorPrefix },
      force: flags.force ?? false,
      status: report.interrupted ? 'interrupted' : report.listingError !== null ? 'listing-failed' : 'complete',
      ...(report.listingError !== null ? { listingError: describeError(report.listingError) } : {}),
      listed: report.listed,
      notStarted: report.notStarted,
      elapsedSeconds: Number(seconds.toFixed(3)),
      ...tally.toJSON(),
    };
    await writeAll(io.stdout, `${JSON.stringify(summary, null, 2)}\n`);
  }
  if (report.interrupted) return EXIT_INTERRUPTED;
  return tally.failed > 0 || report.listingError !== null ? EXIT.FAILURES : EXIT.OK;
}

async function defaultSfnClient(flags: ReprocessFlags) {
  // Loaded here only: the Step Functions client is for this command, never for the Lambda bundle.
  const { SFNClient } = await import('@aws-sdk/client-sfn');
  return new SFNClient({ region: flags.region ?? regionOfArn(flags.stateMachine!) });
}

/** arn:aws:states:eu-west-1:123456789012:stateMachine:name → eu-west-1 */
export function regionOfArn(arn: string): string | undefined {
  return /^arn:[^:]+:states:([^:]+):/.exec(arn)?.[1];
}

const STATE_MACHINE_ARN = /^arn:[^:]+:states:[^:]+:\d{12}:stateMachine:[A-Za-z0-9_-]{1,80}$/;

async function runOnAws(flags: ReprocessFlags, io: CliIo, deps: ReprocessDeps): Promise<number> {
  const arn = flags.stateMachine!;
  if (!STATE_MACHINE_ARN.test(arn)) throw new ReprocessUsageError(`--state-machine must be a state machine ARN (arn:aws:states:<region>:<account>:stateMachine:<name>), got ${arn}`);
  for (const flag of ['endpoint', 'cleanBucket', 'outputPrefix', 'errorPrefix', 'formats', 'concurrency'] as const) {
    if (flags[flag] !== undefined) {
      throw new ReprocessUsageError(`--${flag.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} is set by the stage on AWS (its settings, see README "Reprocess stored scrapes"); leave it out with --state-machine`);
    }
  }
  if (flags.manifest !== undefined && flags.prefix !== '') throw new ReprocessUsageError('give --prefix or --manifest, not both');
  const input: BackfillExecutionInput = {
    ...(flags.manifest !== undefined ? { manifestKey: flags.manifest } : flags.prefix !== '' ? { prefix: flags.prefix } : {}),
    ...(flags.bucket !== undefined ? { bucket: flags.bucket } : {}),
    force: flags.force ?? false,
  };
  const sfn = await (deps.sfn ?? defaultSfnClient)(flags);
  const quiet = flags.quiet ?? false;
  let bar: ReprocessProgress | null = null;
  let result;
  try {
    result = await startAndFollow({
      sfn,
      stateMachineArn: arn,
      input,
      name: flags.name,
      pollMs: deps.pollMs,
      signal: deps.signal,
      onStarted: (executionArn) => {
        deps.signal?.addEventListener('abort', () => bar?.stop(), { once: true });
        if (!quiet) io.stderr.write(`reprocess: started ${executionArn}${input.force ? ' (forced)' : ''}\n`);
        bar = startReprocessProgress(io.stderr, { enabled: flags.progress && !quiet });
      },
      onProgress: (progress) => {
        bar?.listed(progress.total, progress.ended);
        bar?.set(progress.done, progress.failed);
      },
    });
  } catch (error) {
    // No such state machine, access denied, no credentials or region…: said plainly, exit 1.
    (bar as ReprocessProgress | null)?.stop();
    io.stderr.write(`error: ${printableText(describeError(error))}\n`);
    return EXIT.FAILURES;
  } finally {
    (bar as ReprocessProgress | null)?.stop();
    sfn.destroy();
  }
  if (result.status === 'RUNNING') {
    io.stderr.write(
      `stopped following ${result.executionArn}: the execution goes on.\n` +
        `  follow it:  aws stepfunctions describe-execution --execution-arn ${result.executionArn}\n` +
        `  stop it:    aws stepfunctions stop-execution --execution-arn ${result.executionArn}\n`,
    );
    return EXIT_INTERRUPTED;
  }
  const summary = result.result;
  if (!quiet) {
    const counts = summary && typeof summary.objects === 'number' ? summaryCountsLine(summary) : null;
    io.stderr.write(`${result.status}${counts ? `: ${counts}` : ''}\n`);
    if (summary?.summaryKey) io.stderr.write(`summary: s3://${summary.summaryBucket}/${summary.summaryKey}\n`);
    if (result.status !== 'SUCCEEDED') io.stderr.write(`error: ${printableText(result.error ?? 'unknown')}${result.cause && !summary ? `: ${printableText(result.cause)}` : ''}\n`);
  }
  // The summary's own `status` (complete | failed) is kept; the execution's is executionStatus.
  if (flags.json) await writeAll(io.stdout, `${JSON.stringify({ ...summary, executionArn: result.executionArn, executionStatus: result.status }, null, 2)}\n`);
  if (result.status !== 'SUCCEEDED') return EXIT.FAILURES;
  const failed = Number(summary?.failed ?? 0);
  return failed > 0 ? EXIT.FAILURES : EXIT.OK;
}

function summaryCountsLine(summary: Record<string, unknown>): string {
  const n = (key: string) => Number(summary[key] ?? 0);
  const byCode = Object.entries((summary.failuresByCode as Record<string, number> | undefined) ?? {});
  const failed = n('failed');
  return (
    `${n('objects')} objects: ${n('documentsWritten')} written, ${n('skippedUpToDate')} up to date, ` +
    (failed === 0 ? '0 failed' : `${failed} failed (${byCode.map(([code, count]) => `${code} ${count}`).join(', ')})`) +
    (typeof summary.elapsedSeconds === 'number' ? ` · ${formatDuration(summary.elapsedSeconds)}` : '')
  );
}

/** "NoSuchBucket: The specified bucket does not exist" — an AWS error as a person reads it. */
export function describeError(error: unknown): string {
  const { name, message } = (error ?? {}) as { name?: string; message?: string };
  const text = message ?? String(error);
  return name && name !== 'Error' && !text.startsWith(name) ? `${name}: ${text}` : text;
}

export async function runReprocess(flags: ReprocessFlags, io: CliIo, deps: ReprocessDeps = {}): Promise<number> {
  return flags.stateMachine !== undefined ? runOnAws(flags, io, deps) : runHere(flags, io, deps);
}

function integer(min: number, max = Number.MAX_SAFE_INTEGER) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max) throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}`);
    return n;
  };
}

/** Ctrl-C: the first stops the run gracefully, a second one leaves at once. */
function interruptOnSigint(): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(EXIT_INTERRUPTED);
    // The run stops its progress display and says what happens (see runHere and runOnAws).
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  return { signal: controller.signal, dispose: () => process.off('SIGINT', onSigint) };
}

export const registerReprocess: RegisterCommand = (program, setExitCode, io) => {
  program
    .command('reprocess')
    .description('clean every stored scrape under a prefix again (a backfill): here, or on AWS with --state-machine; objects whose document is up to date are skipped')
    .option('--bucket <raw>', 'the raw bucket to list (required here; with --state-machine, checked against the stage\'s)')
    .option('--prefix <prefix>', 'only keys starting with this prefix (default: the whole bucket; on AWS, the stage\'s prefix)', '')
    .option('--endpoint <url>', 'an S3-compatible server instead of AWS, e.g. the one `npm run dev` prints (path-style requests)')
    .option('--region <region>', 'AWS region (default: from the environment, or from the --state-machine ARN)')
    .option('-j, --concurrency <n>', `objects in flight at once (default ${REPROCESS_DEFAULTS.concurrency})`, integer(1, 1000))
    .option('--force', 'rewrite every output, even those already up to date (same source ETag and pipeline version)')
    .option('--clean-bucket <name>', `bucket of the documents (default: $${PIPELINE_ENV.cleanBucket}; with --endpoint, ${LOCAL_S3.cleanBucket})`)
    .option('--output-prefix <prefix>', `key prefix of the documents (default: $${PIPELINE_ENV.outputPrefix} or ${PIPELINE_DEFAULTS.outputPrefix})`)
    .option('--error-prefix <prefix>', `key prefix of the error records (default: $${PIPELINE_ENV.errorPrefix} or ${PIPELINE_DEFAULTS.errorPrefix})`)
    .option('--formats <list>', `what to write per document, as the stage's outputFormats: json,markdown,text (default: $${PIPELINE_ENV.outputFormats} or json)`)
    .option('--state-machine <arn>', 'start the stage\'s backfill state machine (Distributed Map on AWS) instead, and follow it')
    .option('--manifest <key>', 'with --state-machine: read the objects from this S3 Inventory manifest.json (its key in the stage\'s inventory location) instead of listing --prefix')
    .option('--name <name>', 'with --state-machine: the execution\'s name (default: generated)')
    .option('--json', 'print the summary as JSON on standard output')
    .option('--no-progress', 'no progress bar or progress lines')
    .option('-q, --quiet', 'print only failures')
    .addHelpText(
      'after',
      `
Resumable: every output records the source ETag and pipeline version, so a run that stopped is
picked up by running it again; --force redoes everything.
Exit status: ${EXIT.OK} when every object is done, ${EXIT.FAILURES} when some failed (error records, or not processed after ${REPROCESS_DEFAULTS.attempts} attempts), ${EXIT.USAGE} for bad usage, ${EXIT_INTERRUPTED} when stopped by Ctrl-C.

Examples:
  scrape-clean reprocess --bucket scrape-raw --endpoint http://127.0.0.1:4568      the local pipeline of npm run dev
  scrape-clean reprocess --bucket my-raw --prefix 2024/ --clean-bucket my-clean    on AWS, from this machine
  scrape-clean reprocess --state-machine arn:aws:states:eu-west-1:123456789012:stateMachine:scrape-clean-alice-backfill --prefix 2024/`,
    )
    .action(async (flags: ReprocessFlags, command: Command) => {
      const interrupt = interruptOnSigint();
      try {
        setExitCode(await runReprocess(flags, io, { signal: interrupt.signal }));
      } catch (error) {
        if (error instanceof ReprocessUsageError) command.error(`error: ${error.message}`, { exitCode: EXIT.USAGE, code: 'scrape-clean.usage' });
        throw error;
      } finally {
        interrupt.dispose();
      }
    });
};
