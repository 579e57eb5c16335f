/**
 * The performance targets of issue 5, as data. Each is checked on figures of one run on this
 * machine and printed with PASS/FAIL; the benchmark never exits non-zero on a miss (timings on a
 * shared 2-core machine are noisy: the figures are for people, not a gate).
 */

export const TARGETS = {
  /** Our throughput over Readability.js on jsdom (htmlparser2 alone parses ~100× faster than it). */
  minSpeedupOverReadabilityJsdom: 25,
  /** Our throughput over Readability.js on linkedom. */
  minSpeedupOverReadabilityLinkedom: 3,
  /**
   * Our time over the parse floor (decoding the bytes with their charset and parsing them): what
   * cleaning adds stays below twice the parse itself. Also held against the parse alone on
   * pre-decoded strings, the stricter reading, and printed beside it.
   */
  maxTimeOverParseFloor: 3,
  /** Time of the 50 MB page over the 1 MB page: linear is 50, 60 leaves 20% slack. */
  maxScalingTimeRatio: 60,
  /** Peak resident memory while cleaning the 50 MB page, bytes. */
  maxPeakRssAtLargestBytes: 1024 ** 3,
  /** Minified Lambda bundle, bytes. */
  maxBundleBytes: 1024 ** 2,
  /** Cold import of the bundle plus cleaning the first document, milliseconds. */
  maxColdStartMs: 300,
  /** What `scrape-clean clean <one page>` adds to a bare node start, milliseconds (issue 16: under 150 ms to the first document). */
  maxCliStartMs: 150,
} as const;

export interface TargetCheck {
  readonly name: string;
  /** The measured figure, formatted ("27.4×", "812 KiB"). */
  readonly measured: string;
  /** The target, formatted ("≥ 25×"). */
  readonly target: string;
  /** null when the figure could not be measured in this run (a contender was left out). */
  readonly pass: boolean | null;
  /** The same figure on CPU time instead of wall time: less sensitive to a busy machine. */
  readonly byCpu?: string;
}

/** Adds the CPU-time figure of the same check. */
export function withCpu(check: TargetCheck, value: number | null, format: (v: number) => string): TargetCheck {
  return value === null ? check : { ...check, byCpu: format(value) };
}

export function atLeast(name: string, value: number | null, min: number, format: (v: number) => string): TargetCheck {
  return { name, measured: value === null ? 'not measured' : format(value), target: `≥ ${format(min)}`, pass: value === null ? null : value >= min };
}

export function atMost(name: string, value: number | null, max: number, format: (v: number) => string): TargetCheck {
  return { name, measured: value === null ? 'not measured' : format(value), target: `≤ ${format(max)}`, pass: value === null ? null : value <= max };
}

export function below(name: string, value: number | null, limit: number, format: (v: number) => string): TargetCheck {
  return { name, measured: value === null ? 'not measured' : format(value), target: `< ${format(limit)}`, pass: value === null ? null : value < limit };
}

export function mark(check: TargetCheck): string {
  return check.pass === null ? 'n/a ' : check.pass ? 'PASS' : 'FAIL';
}
