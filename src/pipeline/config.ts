/**
 * Configuration of the processing path, read once from the environment the CDK stack sets on
 * the function (and that the local pipeline sets for itself). Every value has a named default
 * with a note on where it comes from; a wrong value fails at start-up with a message that names
 * the variable, not later on the first object. The variables' names and the defaults are in
 * ./contract.ts, where the CDK stack reads them too.
 */
import { PIPELINE_DEFAULTS, PIPELINE_ENV } from './contract.js';
import { parseOutputFormats, type OutputFormat } from '../core/render/index.js';

/** What the handler, the local pipeline and `reprocess` need to know about where things go. */
export interface PipelineConfig {
  /** Bucket the documents and error records are written to (`CLEAN_BUCKET`, required). */
  readonly cleanBucket: string;
  /**
   * Prefix of document keys in the clean bucket, prepended verbatim (`OUTPUT_PREFIX`).
   * @default 'documents/'
   */
  readonly outputPrefix: string;
  /**
   * Prefix of error-record keys in the clean bucket, prepended verbatim (`ERROR_PREFIX`).
   * @default 'errors/'
   */
  readonly errorPrefix: string;
  /**
   * Largest raw object, in bytes as stored, that is read at all (`MAX_OBJECT_BYTES`). Larger
   * objects get a TOO_LARGE error record without being downloaded.
   * @default 20 MiB: the largest page of the dev corpus is under 2 MB; 20 MB leaves room for
   * gzipped bundles of long pages and keeps BATCH_CONCURRENCY buffers well inside the memory of
   * a 1–2 GB function.
   */
  readonly maxObjectBytes: number;
  /**
   * How many objects of one batch are processed at the same time (`BATCH_CONCURRENCY`).
   * @default 8: reading and writing S3 is most of the wall time of a small page, and 8 overlaps
   * it without holding more than 8 × MAX_OBJECT_BYTES of raw bytes at once.
   */
  readonly batchConcurrency: number;
  /**
   * What is written for each document (`OUTPUT_FORMATS`, comma-separated): always the JSON
   * document (`json`; its stamp is what a delivery decides from), and beside it, under the same
   * rules, its body as Markdown (`markdown`, `.md`) and/or plain text (`text`, `.txt`).
   * @default ['json']
   */
  readonly outputFormats: readonly OutputFormat[];
}

// The contract is plain data without imports; these tie its keys to the configuration's.
PIPELINE_ENV satisfies Record<keyof PipelineConfig, string>;
PIPELINE_DEFAULTS satisfies Omit<PipelineConfig, 'cleanBucket'>;

export class PipelineConfigError extends Error {
  override readonly name = 'PipelineConfigError';
}

function positiveInteger(env: Readonly<Record<string, string | undefined>>, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new PipelineConfigError(`${name} must be a positive integer, got ${JSON.stringify(raw)}`);
  }
  return value;
}

/** Checks a configuration built in code (the local pipeline, tests) the same way as one read from the environment. */
export function validatePipelineConfig(config: PipelineConfig): PipelineConfig {
  if (!config.cleanBucket) throw new PipelineConfigError(`${PIPELINE_ENV.cleanBucket} is required: the bucket the documents are written to`);
  if (config.outputPrefix === config.errorPrefix) {
    // `page.error.html` → document `page.error.json` would overwrite the error record of `page.html`.
    throw new PipelineConfigError(
      `${PIPELINE_ENV.outputPrefix} and ${PIPELINE_ENV.errorPrefix} must differ (both are ${JSON.stringify(config.outputPrefix)})`,
    );
  }
  if (!config.outputFormats.includes('json')) {
    throw new PipelineConfigError(`${PIPELINE_ENV.outputFormats} must include json (the document is always written), got ${JSON.stringify(config.outputFormats.join(','))}`);
  }
  for (const name of ['maxObjectBytes', 'batchConcurrency'] as const) {
    if (!Number.isSafeInteger(config[name]) || config[name] <= 0) {
      throw new PipelineConfigError(`${PIPELINE_ENV[name]} must be a positive integer, got ${config[name]}`);
    }
  }
  return config;
}

export function readPipelineConfig(env: Readonly<Record<string, string | undefined>> = process.env): PipelineConfig {
  return validatePipelineConfig({
    cleanBucket: env[PIPELINE_ENV.cleanBucket]?.trim() ?? '',
    outputPrefix: env[PIPELINE_ENV.outputPrefix] ?? PIPELINE_DEFAULTS.outputPrefix,
    errorPrefix: env[PIPELINE_ENV.errorPrefix] ?? PIPELINE_DEFAULTS.errorPrefix,
    maxObjectBytes: positiveInteger(env, PIPELINE_ENV.maxObjectBytes, PIPELINE_DEFAULTS.maxObjectBytes),
    batchConcurrency: positiveInteger(env, PIPELINE_ENV.batchConcurrency, PIPELINE_DEFAULTS.batchConcurrency),
    outputFormats: outputFormats(env),
  });
}

function outputFormats(env: Readonly<Record<string, string | undefined>>): readonly OutputFormat[] {
  const raw = env[PIPELINE_ENV.outputFormats];
  if (raw === undefined || raw.trim() === '') return PIPELINE_DEFAULTS.outputFormats;
  try {
    return parseOutputFormats(raw);
  } catch (error) {
    throw new PipelineConfigError(`${PIPELINE_ENV.outputFormats}: ${(error as Error).message}`);
  }
}

/**
 * Settings of the S3 client of the function. The SDK's standard retry mode (3 attempts, with
 * backoff on throttling and 5xx) stays on; a request still failing after it is a transient
 * failure of the record, retried by SQS.
 */
export const S3_CLIENT_SETTINGS = {
  /** A TCP connection to S3 from inside the region opens in milliseconds; 3 s means it never will. */
  connectionTimeoutMs: 3_000,
  /** No byte for this long on an open socket: a stalled transfer, dropped and retried. */
  socketTimeoutMs: 30_000,
} as const;
