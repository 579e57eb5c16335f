/**
 * Names and defaults that two sides must agree on: the CDK app (lib/) and the function it
 * deploys, the backfill state machine and the code that reads its results, the local S3 server
 * and the CLI that talks to it. Written once here, not once per side. Pure data with no imports:
 * lib/ reads it without loading the core, and it adds a few hundred bytes to the function's bundle.
 */

/** The `kind` of a message in the internal format (./object-message.ts): the backfill's batches carry it too. */
export const OBJECT_MESSAGE_KIND = 'scrape-clean/objects';

/**
 * Name of the handler's error for a message that is neither a notification nor an internal
 * message (./object-event.ts MalformedNotificationError): a bug, which the state machine never
 * retries.
 */
export const MALFORMED_NOTIFICATION_ERROR = 'MalformedNotificationError';

/** Error names of the backfill state machine's Fail states (lib/backfill-definition.ts), read back by its summary. */
export const BACKFILL_ERRORS = {
  wrongBucket: 'ScrapeClean.WrongBucket',
  prefixOutsidePipeline: 'ScrapeClean.PrefixOutsidePipeline',
  noInventory: 'ScrapeClean.NoInventory',
  /** A batch whose invocations kept failing: its unsettled objects are in the dead-letter queue. */
  batchDeadLettered: 'ScrapeClean.BatchDeadLettered',
  /** A batch whose unsettled objects could not even be sent to the dead-letter queue. */
  deadLetterFailed: 'ScrapeClean.DeadLetterFailed',
  /** The run ended without processing every object (the summary says what happened). */
  runFailed: 'ScrapeClean.BackfillFailed',
} as const;

/** Environment of the backfill's summary function (functions/backfill-summary.ts), as lib/backfill.ts sets it. */
export const BACKFILL_SUMMARY_ENV = {
  cleanBucket: 'CLEAN_BUCKET',
  resultsPrefix: 'RESULTS_PREFIX',
} as const;

/**
 * The local S3 server of `npm start` / `npm run dev` (src/local/): the key pair it accepts
 * (s3rver's), the region and account its notifications and ARNs name, and its buckets. `scrape-clean reprocess
 * --endpoint` falls back to the same values, without loading s3rver (a development dependency).
 */
export const LOCAL_S3 = {
  credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  region: 'us-east-1',
  accountId: '000000000000',
  rawBucket: 'scrape-raw',
  cleanBucket: 'scrape-clean',
} as const;

/**
 * Environment variables of the clean function, as the stack sets them (lib/constructs/clean-function.ts)
 * and the function reads them (./config.ts, where each is described).
 */
export const PIPELINE_ENV = {
  cleanBucket: 'CLEAN_BUCKET',
  outputPrefix: 'OUTPUT_PREFIX',
  errorPrefix: 'ERROR_PREFIX',
  maxObjectBytes: 'MAX_OBJECT_BYTES',
  batchConcurrency: 'BATCH_CONCURRENCY',
  outputFormats: 'OUTPUT_FORMATS',
} as const;

/**
 * Defaults of the function's configuration (./config.ts says where each comes from), which are
 * also the defaults of the stack's settings of the same names (lib/settings.ts).
 */
export const PIPELINE_DEFAULTS = {
  outputPrefix: 'documents/',
  errorPrefix: 'errors/',
  maxObjectBytes: 20 * 1024 * 1024,
  batchConcurrency: 8,
  outputFormats: ['json'],
} as const;
