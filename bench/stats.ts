/**
 * Order statistics of timings. Percentiles use the nearest-rank method (the value at rank
 * ceil(p/100 × n) of the sorted samples): every reported figure is a time that was actually
 * measured, never an interpolation between two documents.
 */

/** Sorted copy, ascending; the input is left untouched. */
export function sorted(values: readonly number[]): number[] {
  // Float64Array sorts numerically (Array#sort would compare as strings).
  return Array.from(Float64Array.from(values).sort());
}

/** Nearest-rank percentile of already sorted samples, p in (0, 100]. */
export function percentileOfSorted(ascending: readonly number[], p: number): number {
  if (ascending.length === 0) throw new RangeError('percentile of no samples');
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile must be in (0, 100], got ${p}`);
  const rank = Math.ceil((p / 100) * ascending.length);
  return ascending[Math.min(ascending.length, Math.max(1, rank)) - 1]!;
}

export function percentile(values: readonly number[], p: number): number {
  return percentileOfSorted(sorted(values), p);
}

/** Median: the middle sample, or the mean of the two middle ones for an even count. */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of no samples');
  const s = sorted(values);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export interface Distribution {
  readonly count: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly mean: number;
}

/** p50/p99/max/mean of a set of samples (per-document milliseconds, say). */
export function distribution(values: readonly number[]): Distribution {
  const s = sorted(values);
  if (s.length === 0) throw new RangeError('distribution of no samples');
  let sum = 0;
  for (const v of s) sum += v;
  return {
    count: s.length,
    p50: percentileOfSorted(s, 50),
    p99: percentileOfSorted(s, 99),
    max: s[s.length - 1]!,
    mean: sum / s.length,
  };
}
