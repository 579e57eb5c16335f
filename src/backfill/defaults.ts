/** Defaults of `scrape-clean reprocess`, each with where its value comes from. */
export const REPROCESS_DEFAULTS = {
  /**
   * Objects in flight at once. Per object the time is mostly S3 round trips (HEAD, GET, PUT)
   * while cleaning runs on this one thread, so a few in flight overlap the waiting; 8 is the
   * clean function's own BATCH_CONCURRENCY default (src/pipeline/config.ts), which was chosen
   * for the same mix.
   */
  concurrency: 8,
  /**
   * Attempts per object at a transient failure (throttling, 5xx, a dropped connection), each
   * after the S3 client's own 3 attempts. 3 is what the state machine does on AWS too (see
   * lib/backfill-settings.ts): transient means seconds, and a failure that outlives three
   * backoffs is reported rather than hammered.
   */
  attempts: 3,
  /** First backoff; doubled at each attempt, with full jitter (AWS Architecture Blog, "Exponential Backoff And Jitter"). */
  backoffBaseMs: 1_000,
  /**
   * Objects listed ahead of the ones being processed, per unit of concurrency: keeps the next
   * listing page coming while the current one is processed, without holding a million keys.
   */
  lookaheadPerSlot: 250,
  /** Without a terminal, a progress line this often (logs, CI). */
  plainProgressEveryMs: 5_000,
} as const;
