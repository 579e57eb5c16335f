/**
 * Settings of one deployment of the pipeline: their defaults (with where each value came from),
 * the context keys that override them (`npx cdk deploy -c key=value`), and their validation,
 * one zod schema (`pipelineSettingsSchema`).
 *
 * Context values arrive as strings from the command line and as JSON values from cdk.json;
 * both are accepted. A value that is out of range is a `SettingsError` naming the context key,
 * never a silently clamped number.
 */
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { z } from 'zod';
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

// ---- Field schemas, shared with ./backfill-settings.ts. Each accepts the text of `-c key=value`
// as well as the JSON value of cdk.json or of stack props, and says what it wants and what it got.

const shown = (value: unknown): string => (value === undefined ? 'nothing' : JSON.stringify(value));

/** The digits of an integer as that number; anything else as it is. */
const integerText = (value: unknown): unknown => (typeof value === 'string' && /^\s*-?\d+\s*$/.test(value) ? Number(value) : value);

/** An integer within `range`: a number, or the digits of one. */
export function integerSetting(range: { readonly min: number; readonly max: number }) {
  const error = (issue: { input?: unknown }) => `must be an integer from ${range.min} to ${range.max} (got ${shown(issue.input)})`;
  return z.preprocess(integerText, z.number({ error }).int({ error }).min(range.min, { error }).max(range.max, { error }));
}

/** true or false, or their text in any case. */
export const booleanSetting = z.preprocess(
  (value) => (typeof value === 'string' && /^\s*(true|false)\s*$/i.test(value) ? value.trim().toLowerCase() === 'true' : value),
  z.boolean({ error: (issue) => `must be true or false (got ${shown(issue.input)})` }),
);

/** A string, trimmed. */
export const stringSetting = z.string({ error: (issue) => `must be a string (got ${shown(issue.input)})` }).trim();

/** One of `values`, after `normalize` (the case the values are written in). */
export function choiceSetting<const T extends readonly [string, ...string[]]>(values: T, normalize: (text: string) => string) {
  return z.preprocess(
    (value) => (typeof value === 'string' ? normalize(value.trim()) : value),
    z.enum(values, { error: (issue) => `${shown(issue.input)} is not one of ${values.join(', ')}` }),
  );
}

/** A prefix or suffix of S3 keys that IAM patterns and notification filters can hold as written. */
export const keyPartSetting = stringSetting
  .refine((value) => !value.startsWith('/'), { error: (issue) => `${shown(issue.input)} starts with "/"; S3 keys have no leading slash` })
  .refine((value) => KEY_PART_PATTERN.test(value), {
    error: (issue) => `${shown(issue.input)} may only contain letters, digits and ! - _ . / (the S3 "safe characters" without * ' ( ))`,
  })
  .refine((value) => Buffer.byteLength(value) <= LIMITS.keyPartLength, { error: `is longer than an S3 key (${LIMITS.keyPartLength} bytes)` });

/** A comma-separated list on the command line, an array in cdk.json; items trimmed. */
function listSetting<T extends z.ZodType>(item: T) {
  return z.preprocess(
    (value) => (typeof value === 'string' ? value.split(',') : value),
    z.array(item, { error: (issue) => `must be a comma-separated list or a JSON array (got ${shown(issue.input)})` }),
  );
}

/** Parses `value` with `schema`; the first problem becomes a SettingsError naming the context key of its field. */
export function parseSettings<T>(schema: z.ZodType<T>, value: unknown, contextKeyOf: (field: string) => string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw new SettingsError(contextKeyOf(String(issue.path[0] ?? '')), issue.message);
}

// ---- The pipeline's settings.

const CLOUDWATCH_RETENTIONS = Object.values(RetentionDays).filter((value): value is number => typeof value === 'number');
const notARetention = (issue: { input?: unknown }) =>
  `${shown(issue.input)} is not a CloudWatch Logs retention; use one of ${CLOUDWATCH_RETENTIONS.join(', ')}`;

/** Suffixes of the S3 notifications: each a key part, none empty, none the end of another. */
const suffixesSetting = listSetting(keyPartSetting.refine((suffix) => suffix !== '', { error: 'contains an empty suffix' })).superRefine((suffixes, context) => {
  for (const a of suffixes) {
    for (const b of suffixes) {
      if (a !== b && b.endsWith(a)) {
        // S3 rejects two notifications whose filters can match the same key.
        context.addIssue({ code: 'custom', message: `"${b}" ends with "${a}": S3 refuses overlapping notification filters` });
        return;
      }
    }
  }
  if (new Set(suffixes).size !== suffixes.length) context.addIssue({ code: 'custom', message: 'lists the same suffix twice' });
});

/** The formats as given, known and each once, with json first (the document is always written). */
const outputFormatsSetting = listSetting(stringSetting).transform((names, context): OutputFormat[] => {
  try {
    const formats = parseOutputFormats(names);
    return ['json', ...formats.filter((format) => format !== 'json')];
  } catch (error) {
    context.addIssue({ code: 'custom', message: (error as Error).message });
    return z.NEVER;
  }
});

const folderSetting = keyPartSetting.refine((value) => value !== '', { error: 'must not be empty' });

const pipelineSettingFields = {
  prefix: keyPartSetting,
  suffixes: suffixesSetting,
  batchSize: integerSetting(LIMITS.batchSize),
  batchingWindowSeconds: integerSetting(LIMITS.batchingWindowSeconds),
  maxConcurrency: integerSetting(LIMITS.maxConcurrency),
  reservedConcurrency: integerSetting(LIMITS.reservedConcurrency).or(z.undefined()),
  memoryMb: integerSetting(LIMITS.memoryMb),
  timeoutSeconds: integerSetting(LIMITS.timeoutSeconds),
  maxReceiveCount: integerSetting(LIMITS.maxReceiveCount),
  kms: booleanSetting,
  alarmEmail: stringSetting
    .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, { error: (issue) => `${shown(issue.input)} is not an e-mail address` })
    .or(z.undefined()),
  logRetentionDays: z.preprocess(
    integerText,
    z.number({ error: notARetention }).refine((days) => CLOUDWATCH_RETENTIONS.includes(days), { error: notARetention }),
  ),
  logLevel: choiceSetting(LOG_LEVELS, (text) => text.toUpperCase()),
  outputPrefix: folderSetting,
  errorPrefix: folderSetting,
  maxObjectBytes: integerSetting(LIMITS.maxObjectBytes),
  batchConcurrency: integerSetting(LIMITS.batchConcurrency),
  oldestMessageAlarmMinutes: integerSetting(LIMITS.oldestMessageAlarmMinutes),
  outputFormats: outputFormatsSetting,
};

/** Every setting checked on its own, then against each other. */
export const pipelineSettingsSchema: z.ZodType<PipelineSettings> = z.object(pipelineSettingFields).superRefine((settings, context) => {
  const refuse = (key: keyof PipelineSettings, message: string) => context.addIssue({ code: 'custom', path: [key], message });
  if (settings.batchSize > LIMITS.batchSizeWithoutWindow && settings.batchingWindowSeconds < 1) {
    refuse('batchingWindowSeconds', `a batch size over ${LIMITS.batchSizeWithoutWindow} (here ${settings.batchSize}) needs a batching window of at least 1 s`);
  }
  const reservedTooLow = reservedConcurrencyShortfall(settings, 0);
  if (reservedTooLow) refuse('reservedConcurrency', reservedTooLow);
  if (settings.errorPrefix.startsWith(settings.outputPrefix) || settings.outputPrefix.startsWith(settings.errorPrefix)) {
    // Documents and error records live under disjoint prefixes: the function's write grants are
    // scoped per prefix, and a consumer listing the documents must not meet error records.
    refuse('errorPrefix', `"${settings.errorPrefix}" and outputPrefix "${settings.outputPrefix}" overlap; use two distinct folders`);
  }
});

/** The context key of each setting: its own name, except `suffix` (a list) for `suffixes`. `stage` is read by ./stage.ts. */
const contextKeyOf = (setting: string): string => (setting === 'suffixes' ? 'suffix' : setting);

/** Context keys whose empty value is a value (refused with a reason) rather than "not set". */
const EMPTY_IS_A_VALUE = new Set(['outputPrefix', 'errorPrefix']);

type ContextReader = (key: string) => unknown;

/**
 * Reads the settings given as context (`-c key=value` or cdk.json "context"), each checked on its
 * own. Keys that are not set are left out, so the result can be merged over the defaults.
 */
export function settingsFromContext(tryGetContext: ContextReader): Partial<PipelineSettings> {
  const given: Record<string, unknown> = {};
  for (const setting of Object.keys(pipelineSettingFields)) {
    const value: unknown = tryGetContext(contextKeyOf(setting));
    if (value === undefined || value === null || (value === '' && !EMPTY_IS_A_VALUE.has(setting))) continue;
    given[setting] = value;
  }
  return parseSettings(z.object(pipelineSettingFields).partial(), given, contextKeyOf);
}

/** Merges overrides over the defaults and checks every value; throws SettingsError. */
export function resolveSettings(overrides: Partial<PipelineSettings> = {}): PipelineSettings {
  const merged = { ...DEFAULT_SETTINGS, ...Object.fromEntries(Object.entries<unknown>(overrides).filter(([, value]) => value !== undefined)) };
  return parseSettings(pipelineSettingsSchema, merged, contextKeyOf);
}

/**
 * Reserved concurrency must hold every invocation the stage may drive at once: the queue's
 * `maxConcurrency` and, with the backfill, its batches; below that, invocations throttle.
 * Returns why it does not, or undefined.
 */
export function reservedConcurrencyShortfall(settings: Pick<PipelineSettings, 'reservedConcurrency' | 'maxConcurrency'>, backfillConcurrency: number): string | undefined {
  const reserved = settings.reservedConcurrency;
  const needed = settings.maxConcurrency + backfillConcurrency;
  if (reserved === undefined || reserved >= needed) return undefined;
  return (
    `${reserved} is less than the invocations the stage drives at once (maxConcurrency ${settings.maxConcurrency}` +
    `${backfillConcurrency > 0 ? ` + backfillMaxConcurrency ${backfillConcurrency}` : ''} = ${needed}): they would be throttled`
  );
}

/**
 * The queue's visibility timeout: AWS asks for at least six times the function timeout, plus the
 * batching window, so that a message is not handed out again while a (retried) invocation still
 * holds it.
 */
export function visibilityTimeoutSeconds(settings: PipelineSettings): number {
  return VISIBILITY_TIMEOUT_FACTOR * settings.timeoutSeconds + settings.batchingWindowSeconds;
}

/** From the Lambda developer guide, "Configuring a queue to use with Lambda". */
export const VISIBILITY_TIMEOUT_FACTOR = 6;
