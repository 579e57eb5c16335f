/**
 * Options of one call to `clean`, with their defaults. Limits that protect the process live
 * here; classification thresholds live in ./cues/thresholds.ts.
 */
export interface CleanOptions {
  /**
   * Watchdog: a document that takes longer than this many milliseconds to clean becomes a
   * TIME_BUDGET_EXCEEDED error instead of a Lambda timeout. Checked between stages and every
   * few thousand nodes of the tree walk.
   * @default 10_000 (the slowest page of the 990-page dev corpus takes well under 1 s)
   */
  readonly timeBudgetMs: number;
  /**
   * Largest input, in bytes, after gunzip. Larger inputs, and gzip streams that inflate past it
   * (gzip bombs), are TOO_LARGE errors.
   * @default 64 MiB (a 50 MB page still cleans; the Lambda's own object limit is lower)
   */
  readonly maxBytes: number;
  /** Record chrome blocks in the document's `dropped` field (used by `inspect`). @default false */
  readonly explain: boolean;
  /** Clock for `processedAt`; the only input of the document that is not the bytes. */
  readonly now: () => Date;
}

export const DEFAULT_CLEAN_OPTIONS: CleanOptions = {
  timeBudgetMs: 10_000,
  maxBytes: 64 * 1024 * 1024,
  explain: false,
  now: () => new Date(),
};

export function resolveOptions(options: Partial<CleanOptions> = {}): CleanOptions {
  const resolved: CleanOptions = { ...DEFAULT_CLEAN_OPTIONS };
  for (const [key, value] of Object.entries(options)) {
    if (value !== undefined) (resolved as unknown as Record<string, unknown>)[key] = value;
  }
  return resolved;
}
