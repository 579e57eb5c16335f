/**
 * Settings of one deployment of the pipeline: their defaults (with where each value came from),
 * the context keys that override them (`npx cdk deploy -c key=value`), and their validation.
 *
 * Context values arrive as strings from the command line and as JSON values from cdk.json;
 * both are accepted. A value that is out of range is a `SettingsError` naming the context key,
 * never a silently clamped number.
 */
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { parseOutputFormats, type OutputFormat } from '../src/core/render/index.js';
import { PIPELINE_DEFAULTS } from '../src/pipeline/contract.js';

/** Log levels understood by Powertools for AWS Lambda (POWERTOOLS_LOG_LEVEL). */
export const LOG_LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'CRITICAL', 'SILENT'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface PipelineSettings {
  /**
   * Only objects whose key starts with this prefix trigger the pipeline; the function may only
   * read raw objects under it. `''` means the whole bucket.
   * @default ''
   */
  readonly prefix: string;
  /**
   * Only objects whose key ends with one of these suffixes trigger the pipeline (one S3
   * notification per suffix). Empty means any key.
   * @default []
   */
  readonly suffixes: readonly string[];
  /**
   * Messages per function invocation (SQS event source mapping). 10 is the largest batch that
   * needs no batching window; larger batches (up to 10 000) need `batchingWindowSeconds >= 1`.
   * @default 10
   */
  readonly batchSize: number;
  /**
   * Seconds the event source mapping may wait to fill a batch. 0 = invoke as soon as a message
   * arrives (lowest latency for people dropping files by hand).
   * @default 0
   */
  readonly batchingWindowSeconds: number;
  /**
   * Most concurrent invocations the queue may drive (SQS event source `MaximumConcurrency`,
   * 2 to 1000). 5 keeps a bulk upload from taking a new account's whole concurrency quota (10).
   * @default 5
   */
  readonly maxConcurrency: number;
  /**
   * Concurrency reserved for the clean function (ReservedConcurrentExecutions): at most this
   * many run at once, and the account's other functions can never take these from it. Off by
   * default because an account can only reserve what leaves 100 unreserved (Lambda developer
   * guide, "Configuring reserved concurrency"): a new account's quota of 10 cannot reserve any,
   * and the deploy would fail. The queue's `maxConcurrency` and the backfill's MaxConcurrency
   * bound the function's concurrency anyway. Set it on an account with room: at least
   * `maxConcurrency` (plus `backfillMaxConcurrency` with the backfill), or invocations throttle.
   * @default none
   */
  readonly reservedConcurrency: number | undefined;
  /**
   * Function memory in MB. The cleaner is single-threaded and CPU-bound; Lambda gives one full
   * vCPU at 1769 MB, and below that duration grows as memory shrinks, so the cost per document
   * stays about the same while latency improves up to this value.
   * @default 1769
   */
  readonly memoryMb: number;
  /**
   * Function timeout in seconds. A batch of 10 documents at the core's 10 s per-document
   * watchdog (src/core/options.ts) takes at most 100 s of CPU, plus S3 reads and writes.
   * @default 120
   */
  readonly timeoutSeconds: number;
  /**
   * Receives before a message moves to the dead-letter queue (3 to 5). Bad input never needs a
   * retry (the function writes an error record for it); retries are for throttling and transient
   * AWS errors, so the top of the range.
   * @default 5
   */
  readonly maxReceiveCount: number;
  /**
   * Encrypt the raw and clean buckets, both queues and the alarm topic with a customer-managed
   * KMS key (rotation on) instead of S3-/SQS-managed keys. About 1 USD per month per stage.
   * @default false
   */
  readonly kms: boolean;
  /** Subscribe this address to the alarm topic (AWS sends a confirmation e-mail). @default none */
  readonly alarmEmail: string | undefined;
  /**
   * Days the function's logs are kept. One of the values CloudWatch Logs accepts.
   * @default 30
   */
  readonly logRetentionDays: number;
  /** POWERTOOLS_LOG_LEVEL of the function. @default 'INFO' */
  readonly logLevel: LogLevel;
  /** Key prefix of the documents in the clean bucket (OUTPUT_PREFIX). @default 'documents/' */
  readonly outputPrefix: string;
  /** Key prefix of the error records in the clean bucket (ERROR_PREFIX). @default 'errors/' */
  readonly errorPrefix: string;
  /**
   * Largest raw object the function reads (MAX_OBJECT_BYTES); larger ones get an error record
   * without being downloaded. 20 MiB: far above any real page, far below the function's memory.
   * @default 20 MiB
   */
  readonly maxObjectBytes: number;
  /**
   * Records of a batch processed at once inside one invocation (BATCH_CONCURRENCY): overlaps
   * the S3 reads and writes of a batch; cleaning itself is synchronous.
   * @default 8
   */
  readonly batchConcurrency: number;
  /**
   * Alarm when the oldest message in the queue is older than this many minutes: work is falling
   * behind or being retried. A healthy queue drains in seconds; one retry after a failed
   * invocation already takes a visibility timeout (12 min at the default timeout).
   * @default 30
   */
  readonly oldestMessageAlarmMinutes: number;
  /**
   * What the function writes for each document (OUTPUT_FORMATS): always the JSON document, and
   * beside it (same key, `.md` / `.txt`) its body as Markdown and/or plain text, under the same
   * idempotency and ordering rules. Context: a comma-separated list (`json,markdown,text`; `md`,
   * `txt` too) or a JSON array in cdk.json; `json` is implied.
   * @default ['json']
   */
  readonly outputFormats: readonly OutputFormat[];
}

export const DEFAULT_SETTINGS: PipelineSettings = {
  prefix: '',
  suffixes: [],
  batchSize: 10,
  batchingWindowSeconds: 0,
  maxConcurrency: 5,
  reservedConcurrency: undefined,
  memoryMb: 1769,
  timeoutSeconds: 120,
  maxReceiveCount: 5,
  kms: false,
  alarmEmail: undefined,
  logRetentionDays: RetentionDays.ONE_MONTH,
  logLevel: 'INFO',
  // The function's own defaults (OUTPUT_PREFIX, ERROR_PREFIX, MAX_OBJECT_BYTES, BATCH_CONCURRENCY, OUTPUT_FORMATS).
  outputPrefix: PIPELINE_DEFAULTS.outputPrefix,
  errorPrefix: PIPELINE_DEFAULTS.errorPrefix,
  maxObjectBytes: PIPELINE_DEFAULTS.maxObjectBytes,
  batchConcurrency: PIPELINE_DEFAULTS.batchConcurrency,
  oldestMessageAlarmMinutes: 30,
  outputFormats: PIPELINE_DEFAULTS.outputFormats,
};

/** Limits set by AWS (Lambda, SQS, S3 notification) or by the issue (receive count). */
export const LIMITS = {
  /** Lambda SQS event source: standard queue batch size. */
  batchSize: { min: 1, max: 10_000 },
  /** Lambda: a batch larger than 10 needs a batching window of at least 1 s. */
  batchSizeWithoutWindow: 10,
  batchingWindowSeconds: { min: 0, max: 300 },
  /** Lambda SQS event source MaximumConcurrency. */
  maxConcurrency: { min: 2, max: 1000 },
  /** Lambda: reserved concurrency leaves at least 100 unreserved; 1000 is the standard account quota. */
  reservedConcurrency: { min: 1, max: 900 },
  memoryMb: { min: 128, max: 10_240 },
  timeoutSeconds: { min: 1, max: 900 },
  /** The issue: 3 to 5 receives before the dead-letter queue. */
  maxReceiveCount: { min: 3, max: 5 },
  maxObjectBytes: { min: 1, max: 1024 * 1024 * 1024 },
  batchConcurrency: { min: 1, max: 100 },
  oldestMessageAlarmMinutes: { min: 1, max: 24 * 60 },
  /** S3 object keys are at most 1024 bytes; prefixes and suffixes are part of one. */
  keyPartLength: 1024,
} as const;

/**
 * Characters allowed in key prefixes and suffixes given as settings: S3's "safe characters"
 * (S3 user guide, "Naming Amazon S3 objects") without `*` (an IAM wildcard) and `'()` (they
 * would need quoting in IAM resource patterns and cdk-nag finding ids).
 */
export const KEY_PART_PATTERN = /^[A-Za-z0-9!_.\-/]*$/;

/**
 * The context keys, each the name of the setting it overrides, except `suffix` (a comma-separated
 * list, or a JSON array in cdk.json, of `suffixes`). `stage` is read by ./stage.ts.
 */
export const SETTING_CONTEXT_KEYS = [
  'prefix',
  'suffix',
  'batchSize',
  'batchingWindowSeconds',
  'maxConcurrency',
  'reservedConcurrency',
  'memoryMb',
  'timeoutSeconds',
  'maxReceiveCount',
  'kms',
  'alarmEmail',
  'logRetentionDays',
  'logLevel',
  'outputPrefix',
  'errorPrefix',
  'maxObjectBytes',
  'batchConcurrency',
  'oldestMessageAlarmMinutes',
  'outputFormats',
] as const;

/** A setting (from context or from stack props) that cannot be used, with the key to fix. */
export class SettingsError extends Error {
  override readonly name = 'SettingsError';

  constructor(
    readonly key: string,
    message: string,
  ) {
    super(`Invalid setting "${key}": ${message}`);
  }
}

type ContextReader = (key: string) => unknown;

/**
 * Reads the settings given as context (`-c key=value` or cdk.json "context"). Keys that are not
 * set are left out, so the result can be merged over the defaults.
 */
export function settingsFromContext(tryGetContext: ContextReader): Partial<PipelineSettings> {
  const read = (key: string): unknown => {
    const value = tryGetContext(key);
    return value === undefined || value === null || value === '' ? undefined : value;
  };
  const out: Record<string, unknown> = {};
  const set = (key: keyof PipelineSettings, value: unknown) => {
    if (value !== undefined) out[key] = value;
  };

  set('prefix', optionalString(read('prefix'), 'prefix'));
  set('suffixes', optionalList(read('suffix'), 'suffix'));
  for (const key of [
    'batchSize',
    'batchingWindowSeconds',
    'maxConcurrency',
    'reservedConcurrency',
    'memoryMb',
    'timeoutSeconds',
    'maxReceiveCount',
    'logRetentionDays',
    'maxObjectBytes',
    'batchConcurrency',
    'oldestMessageAlarmMinutes',
  ] as const) {
    set(key, optionalInteger(read(key), key));
  }
  set('kms', optionalBoolean(read('kms'), 'kms'));
  set('alarmEmail', optionalString(read('alarmEmail'), 'alarmEmail'));
  set('logLevel', optionalString(read('logLevel'), 'logLevel')?.toUpperCase());
  set('outputPrefix', optionalString(tryGetContext('outputPrefix'), 'outputPrefix'));
  set('errorPrefix', optionalString(tryGetContext('errorPrefix'), 'errorPrefix'));
  set('outputFormats', optionalList(read('outputFormats'), 'outputFormats'));
  return out;
}

/** Merges overrides over the defaults and checks every value; throws SettingsError. */
export function resolveSettings(overrides: Partial<PipelineSettings> = {}): PipelineSettings {
  const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const [key, value] of Object.entries<unknown>(overrides)) {
    if (value !== undefined) merged[key] = value;
  }
  const settings = merged as unknown as PipelineSettings;

  checkInteger('batchSize', settings.batchSize, LIMITS.batchSize);
  checkInteger('batchingWindowSeconds', settings.batchingWindowSeconds, LIMITS.batchingWindowSeconds);
  if (settings.batchSize > LIMITS.batchSizeWithoutWindow && settings.batchingWindowSeconds < 1) {
    throw new SettingsError(
      'batchingWindowSeconds',
      `a batch size over ${LIMITS.batchSizeWithoutWindow} (here ${settings.batchSize}) needs a batching window of at least 1 s`,
    );
  }
  checkInteger('maxConcurrency', settings.maxConcurrency, LIMITS.maxConcurrency);
  if (settings.reservedConcurrency !== undefined) {
    checkInteger('reservedConcurrency', settings.reservedConcurrency, LIMITS.reservedConcurrency);
    checkReservedConcurrency(settings, 0);
  }
  checkInteger('memoryMb', settings.memoryMb, LIMITS.memoryMb);
  checkInteger('timeoutSeconds', settings.timeoutSeconds, LIMITS.timeoutSeconds);
  checkInteger('maxReceiveCount', settings.maxReceiveCount, LIMITS.maxReceiveCount);
  checkInteger('maxObjectBytes', settings.maxObjectBytes, LIMITS.maxObjectBytes);
  checkInteger('batchConcurrency', settings.batchConcurrency, LIMITS.batchConcurrency);
  checkInteger('oldestMessageAlarmMinutes', settings.oldestMessageAlarmMinutes, LIMITS.oldestMessageAlarmMinutes);

  const retentions = Object.values(RetentionDays).filter((v): v is number => typeof v === 'number');
  if (!retentions.includes(settings.logRetentionDays)) {
    throw new SettingsError(
      'logRetentionDays',
      `${settings.logRetentionDays} is not a CloudWatch Logs retention; use one of ${retentions.join(', ')}`,
    );
  }
  if (!(LOG_LEVELS as readonly string[]).includes(settings.logLevel)) {
    throw new SettingsError('logLevel', `"${settings.logLevel}" is not one of ${LOG_LEVELS.join(', ')}`);
  }
  if (typeof settings.kms !== 'boolean') throw new SettingsError('kms', 'must be true or false');

  checkKeyPart('prefix', settings.prefix);
  checkKeyPart('outputPrefix', settings.outputPrefix);
  checkKeyPart('errorPrefix', settings.errorPrefix);
  for (const key of ['outputPrefix', 'errorPrefix'] as const) {
    if (settings[key] === '') throw new SettingsError(key, 'must not be empty');
  }
  if (settings.errorPrefix.startsWith(settings.outputPrefix) || settings.outputPrefix.startsWith(settings.errorPrefix)) {
    // Documents and error records live under disjoint prefixes: the function's write grants are
    // scoped per prefix, and a consumer listing the documents must not meet error records.
    throw new SettingsError(
      'errorPrefix',
      `"${settings.errorPrefix}" and outputPrefix "${settings.outputPrefix}" overlap; use two distinct folders`,
    );
  }
  settings.suffixes.forEach((suffix) => {
    checkKeyPart('suffix', suffix);
    if (suffix === '') throw new SettingsError('suffix', 'contains an empty suffix');
  });
  for (const a of settings.suffixes) {
    for (const b of settings.suffixes) {
      if (a !== b && b.endsWith(a)) {
        // S3 rejects two notifications whose filters can match the same key.
        throw new SettingsError('suffix', `"${b}" ends with "${a}": S3 refuses overlapping notification filters`);
      }
    }
  }
  if (new Set(settings.suffixes).size !== settings.suffixes.length) {
    throw new SettingsError('suffix', 'lists the same suffix twice');
  }
  if (settings.alarmEmail !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(settings.alarmEmail)) {
    throw new SettingsError('alarmEmail', `"${settings.alarmEmail}" is not an e-mail address`);
  }
  return { ...settings, suffixes: [...settings.suffixes], outputFormats: checkOutputFormats(settings.outputFormats) };
}

/**
 * Reserved concurrency must hold every invocation the stage may drive at once: the queue's
 * `maxConcurrency` and, with the backfill, its batches; below that, invocations throttle.
 */
export function checkReservedConcurrency(settings: PipelineSettings, backfillConcurrency: number): void {
  const reserved = settings.reservedConcurrency;
  if (reserved === undefined) return;
  const needed = settings.maxConcurrency + backfillConcurrency;
  if (reserved < needed) {
    throw new SettingsError(
      'reservedConcurrency',
      `${reserved} is less than the invocations the stage drives at once (maxConcurrency ${settings.maxConcurrency}` +
        `${backfillConcurrency > 0 ? ` + backfillMaxConcurrency ${backfillConcurrency}` : ''} = ${needed}): they would be throttled`,
    );
  }
}

/**
 * The queue's visibility timeout: AWS asks for at least six times the function timeout, plus the
 * batching window, so that a message is not handed out again while a (retried) invocation still
 * holds it.
 */
export function visibilityTimeoutSeconds(settings: PipelineSettings): number {
  return VISIBILITY_TIMEOUT_FACTOR * settings.timeoutSeconds + settings.batchingWindowSeconds;
}

/** The formats as given, known and each once, with json first (the document is always written). */
function checkOutputFormats(value: unknown): OutputFormat[] {
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) throw new SettingsError('outputFormats', 'must be a list of formats: json, markdown, text');
  let formats: OutputFormat[];
  try {
    formats = parseOutputFormats(value);
  } catch (error) {
    throw new SettingsError('outputFormats', (error as Error).message);
  }
  return ['json', ...formats.filter((format) => format !== 'json')];
}

/** From the Lambda developer guide, "Configuring a queue to use with Lambda". */
export const VISIBILITY_TIMEOUT_FACTOR = 6;

export function checkInteger(key: string, value: number, range: { min: number; max: number }): void {
  if (!Number.isInteger(value) || value < range.min || value > range.max) {
    throw new SettingsError(key, `must be an integer from ${range.min} to ${range.max} (got ${String(value)})`);
  }
}

export function checkKeyPart(key: string, value: string): void {
  if (typeof value !== 'string') throw new SettingsError(key, 'must be a string');
  if (value.startsWith('/')) throw new SettingsError(key, `"${value}" starts with "/"; S3 keys have no leading slash`);
  if (!KEY_PART_PATTERN.test(value)) {
    throw new SettingsError(
      key,
      `"${value}" may only contain letters, digits and ! - _ . / (the S3 "safe characters" without * ' ( ))`,
    );
  }
  if (Buffer.byteLength(value) > LIMITS.keyPartLength) {
    throw new SettingsError(key, `is longer than an S3 key (${LIMITS.keyPartLength} bytes)`);
  }
}

export function optionalString(value: unknown, key: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new SettingsError(key, `must be a string (got ${JSON.stringify(value)})`);
  return value.trim();
}

function optionalList(value: unknown, key: string): string[] | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value)) return value.map((item) => optionalString(item, key) ?? '');
  const text = optionalString(value, key);
  return text === undefined ? undefined : text.split(',').map((item) => item.trim());
}

export function optionalInteger(value: unknown, key: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^\s*-?\d+\s*$/.test(value)) return Number(value);
  throw new SettingsError(key, `must be an integer (got ${JSON.stringify(value)})`);
}

export function optionalBoolean(value: unknown, key: string): boolean | undefined {
  if (value === undefined || typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const text = value.trim().toLowerCase();
    if (text === 'true') return true;
    if (text === 'false') return false;
  }
  throw new SettingsError(key, `must be true or false (got ${JSON.stringify(value)})`);
}
