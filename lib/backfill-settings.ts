/**
 * Settings of the optional backfill part of a stage (`-c backfill=true`, see ./backfill.ts):
 * defaults with where each value came from, context keys, validation. Like the pipeline's
 * settings (./settings.ts), a value out of range is a SettingsError naming the context key.
 */
import { z } from 'zod';
import { booleanSetting, choiceSetting, integerSetting, keyPartSetting, parseSettings, reservedConcurrencyShortfall, type PipelineSettings } from './settings.js';

/** How often S3 Inventory lists the raw bucket for the backfill (`off`: no inventory, listings only). */
export const INVENTORY_FREQUENCIES = ['off', 'daily', 'weekly'] as const;
export type InventoryFrequency = (typeof INVENTORY_FREQUENCIES)[number];

export interface BackfillSettings {
  /** Add the backfill state machine to the stage. @default false */
  readonly enabled: boolean;
  /**
   * Objects per invocation of the clean function (Distributed Map ItemBatcher). 10, like the
   * queue's batch size: the same work per invocation as the live pipeline, which the function's
   * timeout was sized for (10 objects at the core's 10 s watchdog, settings.ts timeoutSeconds).
   * @default 10
   */
  readonly batchSize: number;
  /**
   * Batches processed at once (Distributed Map MaxConcurrency), each one invocation of the clean
   * function. 5, the live queue's maxConcurrency: together they stay within the 10 concurrent
   * executions a new AWS account has, so a backfill does not starve the live pipeline.
   * @default 5
   */
  readonly maxConcurrency: number;
  /**
   * Percentage of objects in failed batches the run tolerates before it stops (Distributed Map
   * ToleratedFailurePercentage). A batch fails only when invoking the function keeps failing
   * (a crash, a timeout, an object that exhausts its memory); objects that fail on their own are
   * retried and dead-lettered without failing their batch. 5%: a few poison batches do not stop
   * a long run, a systematic failure (every batch failing) does, early.
   * @default 5
   */
  readonly toleratedFailurePercentage: number;
  /**
   * Attempts per object at a transient failure (S3 throttling, 5xx, timeouts), and per
   * invocation when the invocation itself fails, before the objects go to the dead-letter queue.
   * 3, like `scrape-clean reprocess` on a machine (src/backfill/defaults.ts).
   * @default 3
   */
  readonly attempts: number;
  /**
   * Seconds before the second attempt; doubled for each next one (2, 4, 8 s): S3's own advice for
   * 503 Slow Down is to back off and retry, and a few seconds lets request rates settle.
   * @default 2
   */
  readonly backoffSeconds: number;
  /**
   * Key prefix, in the clean bucket, of each execution's results: the Distributed Map's result
   * files and the summary, under `<prefix><execution name>/`.
   * @default 'backfill/'
   */
  readonly resultsPrefix: string;
  /**
   * S3 Inventory of the raw bucket (CSV, current versions, under the stage's prefix), delivered
   * to the access-logs bucket under INVENTORY_DESTINATION_PREFIX, for backfills that read a
   * manifest instead of listing. Costs 0.0025 USD per million objects listed.
   * @default 'off'
   */
  readonly inventory: InventoryFrequency;
}

export const DEFAULT_BACKFILL_SETTINGS: BackfillSettings = {
  enabled: false,
  batchSize: 10,
  maxConcurrency: 5,
  toleratedFailurePercentage: 5,
  attempts: 3,
  backoffSeconds: 2,
  resultsPrefix: 'backfill/',
  inventory: 'off',
};

/** Prefix of the inventory reports in the access-logs bucket. */
export const INVENTORY_DESTINATION_PREFIX = 'inventory';

export const BACKFILL_LIMITS = {
  /**
   * Items per batch: a batch's input and its outcomes travel through Step Functions states,
   * which hold at most 256 KiB; at up to ~1.3 KB per object (a 1024-byte key) 100 keep both
   * well inside. (MaxInputBytesPerBatch caps the input anyway, see ./backfill-definition.ts.)
   */
  batchSize: { min: 1, max: 100 },
  /** Distributed Map: up to 10 000 parallel child workflow executions. */
  maxConcurrency: { min: 1, max: 10_000 },
  toleratedFailurePercentage: { min: 0, max: 100 },
  attempts: { min: 1, max: 10 },
  backoffSeconds: { min: 1, max: 300 },
} as const;

/** The context keys, `-c backfill=true -c backfillBatchSize=20 …`. */
export const BACKFILL_CONTEXT_KEYS = {
  enabled: 'backfill',
  batchSize: 'backfillBatchSize',
  maxConcurrency: 'backfillMaxConcurrency',
  toleratedFailurePercentage: 'backfillToleratedFailurePercentage',
  attempts: 'backfillAttempts',
  backoffSeconds: 'backfillBackoffSeconds',
  resultsPrefix: 'backfillResultsPrefix',
  inventory: 'backfillInventory',
} as const satisfies Record<keyof BackfillSettings, string>;

const backfillSettingFields = {
  enabled: booleanSetting,
  batchSize: integerSetting(BACKFILL_LIMITS.batchSize),
  maxConcurrency: integerSetting(BACKFILL_LIMITS.maxConcurrency),
  toleratedFailurePercentage: integerSetting(BACKFILL_LIMITS.toleratedFailurePercentage),
  attempts: integerSetting(BACKFILL_LIMITS.attempts),
  backoffSeconds: integerSetting(BACKFILL_LIMITS.backoffSeconds),
  resultsPrefix: keyPartSetting.refine((prefix) => prefix.endsWith('/'), { error: (issue) => `${JSON.stringify(issue.input)} must be a folder, ending with "/"` }),
  inventory: choiceSetting(INVENTORY_FREQUENCIES, (text) => text.toLowerCase()),
};

/** The backfill's settings checked on their own, against each other and against the pipeline's. */
export function backfillSettingsSchema(pipeline: PipelineSettings): z.ZodType<BackfillSettings> {
  return z.object(backfillSettingFields).superRefine((settings, context) => {
    const refuse = (key: keyof BackfillSettings, message: string) => context.addIssue({ code: 'custom', path: [key], message });
    for (const [name, other] of [
      ['outputPrefix', pipeline.outputPrefix],
      ['errorPrefix', pipeline.errorPrefix],
    ] as const) {
      if (settings.resultsPrefix.startsWith(other) || other.startsWith(settings.resultsPrefix)) {
        // The function's grants and a consumer's listing of documents rely on disjoint folders.
        refuse('resultsPrefix', `"${settings.resultsPrefix}" and ${name} "${other}" overlap; use a folder of its own`);
      }
    }
    if (settings.inventory !== 'off' && !settings.enabled) {
      refuse('inventory', `an inventory for the backfill needs -c ${BACKFILL_CONTEXT_KEYS.enabled}=true`);
    }
    // The backfill's batches invoke the clean function beside the queue's.
    const reservedTooLow = settings.enabled ? reservedConcurrencyShortfall(pipeline, settings.maxConcurrency) : undefined;
    if (reservedTooLow) context.addIssue({ code: 'custom', path: ['reservedConcurrency'], message: reservedTooLow });
  });
}

/** The context key of a field of the backfill's settings (`reservedConcurrency` is the pipeline's own). */
const contextKeyOf = (field: string): string => (field in BACKFILL_CONTEXT_KEYS ? BACKFILL_CONTEXT_KEYS[field as keyof BackfillSettings] : field);

/** Reads the backfill's settings given as context, each checked on its own; keys not set are left out. */
export function backfillSettingsFromContext(tryGetContext: (key: string) => unknown): Partial<BackfillSettings> {
  const given: Record<string, unknown> = {};
  for (const [field, key] of Object.entries(BACKFILL_CONTEXT_KEYS)) {
    const value: unknown = tryGetContext(key);
    if (value !== undefined && value !== null && value !== '') given[field] = value;
  }
  return parseSettings(z.object(backfillSettingFields).partial(), given, contextKeyOf);
}

/** Merges over the defaults and checks every value, also against the pipeline's prefixes. */
export function resolveBackfillSettings(overrides: Partial<BackfillSettings>, pipeline: PipelineSettings): BackfillSettings {
  const merged = { ...DEFAULT_BACKFILL_SETTINGS, ...Object.fromEntries(Object.entries<unknown>(overrides).filter(([, value]) => value !== undefined)) };
  return parseSettings(backfillSettingsSchema(pipeline), merged, contextKeyOf);
}
