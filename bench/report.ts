/**
 * Figures of the benchmark from the children's raw results: the per-contender table of the
 * corpus run, the per-size table of the scaling run, and the target checks of both. Pure
 * functions of the results, so they are tested without running anything.
 */
import type { CorpusResult, ScalingResult } from './jobs.js';
import { distribution, median } from './stats.js';
import { bytesLabel, fixed, formatTable, mib, ratio, type Column } from './table.js';
import { TARGETS, atLeast, atMost, below, mark, withCpu, type TargetCheck } from './targets.js';

/** Throughput megabytes are decimal (10^6 bytes); memory is in MiB. */
const MB = 1e6;

export interface CorpusRow {
  readonly contender: string;
  readonly label: string;
  readonly docs: number;
  readonly errors: number;
  readonly passes: number;
  readonly medianSeconds: number;
  /** Median CPU seconds of a pass (user + system, all threads of the child). */
  readonly medianCpuSeconds: number;
  readonly docsPerSecond: number;
  /** Uncompressed input megabytes (10^6 bytes) per second. */
  readonly mbPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  readonly peakRssBytes: number;
  /** Peak RSS over the RSS with the inputs loaded: the memory the contender itself used. */
  readonly addedRssBytes: number;
  /** Wall seconds of each timed pass, in order. */
  readonly passSeconds: readonly number[];
  readonly passCpuSeconds: readonly number[];
  /** Whether pass i of every row ran in the same round (bench/rounds.ts), so passes compare pairwise. */
  readonly paired: boolean;
  /** This contender's time over ours (> 1: slower than ours), see `timeRatio`; null without an ours row. */
  readonly timeOverOurs: number | null;
  /** The same on CPU time. */
  readonly cpuOverOurs: number | null;
}

/**
 * Time of `a` over time of `b`: the median of the pass-by-pass ratios when their passes ran
 * side by side (round i of one beside round i of the other: the machine's drift cancels), the
 * ratio of their medians otherwise.
 */
export function timeRatio(a: readonly number[], b: readonly number[], paired: boolean): number {
  if (paired && a.length === b.length && a.length > 0) return median(a.map((seconds, i) => seconds / b[i]!));
  return median(a) / median(b);
}

/** How the passes of the results relate (corpus and scaling rows). */
export interface PairingOptions {
  /** The results come from one run in rounds (bench/rounds.ts): pass i of each ran in round i. */
  readonly paired?: boolean;
}

export function corpusRows(results: readonly CorpusResult[], labels: ReadonlyMap<string, string>, options: PairingOptions = {}): CorpusRow[] {
  const ours = results.find((r) => r.contender === 'ours');
  const paired = options.paired ?? false;
  return results.map((r) => {
    const seconds = median(r.passSeconds);
    const cpuSeconds = median(r.passCpuSeconds);
    const perDoc = distribution(r.perDocMs);
    return {
      contender: r.contender,
      label: labels.get(r.contender) ?? r.contender,
      docs: r.docs,
      errors: r.errors,
      passes: r.passSeconds.length,
      medianSeconds: seconds,
      medianCpuSeconds: cpuSeconds,
      docsPerSecond: r.docs / seconds,
      mbPerSecond: r.rawBytes / MB / seconds,
      p50Ms: perDoc.p50,
      p99Ms: perDoc.p99,
      maxMs: perDoc.max,
      peakRssBytes: r.peakRssBytes,
      addedRssBytes: Math.max(0, r.peakRssBytes - r.rssBeforeBytes),
      passSeconds: r.passSeconds,
      passCpuSeconds: r.passCpuSeconds,
      paired,
      timeOverOurs: ours ? timeRatio(r.passSeconds, ours.passSeconds, paired) : null,
      cpuOverOurs: ours ? timeRatio(r.passCpuSeconds, ours.passCpuSeconds, paired) : null,
    };
  });
}

/** Time of contender `a` over contender `b` (wall or CPU), null when either did not run. */
function rowRatio(rows: readonly CorpusRow[], a: string, b: string, pick: (row: CorpusRow) => readonly number[]): number | null {
  const ra = rows.find((r) => r.contender === a);
  const rb = rows.find((r) => r.contender === b);
  return ra && rb ? timeRatio(pick(ra), pick(rb), ra.paired && rb.paired) : null;
}

/** The targets on wall time (what Lambda bills), each with the CPU-time figure beside it. */
export function corpusChecks(rows: readonly CorpusRow[]): TargetCheck[] {
  // One target: the time of `slow` over `fast`, at least or at most `goal`.
  const check = (bound: typeof atLeast, name: string, slow: string, fast: string, goal: number): TargetCheck =>
    withCpu(bound(name, rowRatio(rows, slow, fast, (r) => r.passSeconds), goal, ratio), rowRatio(rows, slow, fast, (r) => r.passCpuSeconds), ratio);
  return [
    check(atLeast, 'throughput over Readability.js on jsdom', 'jsdom', 'ours', TARGETS.minSpeedupOverReadabilityJsdom),
    check(atLeast, 'throughput over Readability.js on linkedom', 'linkedom', 'ours', TARGETS.minSpeedupOverReadabilityLinkedom),
    check(atMost, 'time over the parse floor (decode + htmlparser2)', 'ours', 'htmlparser2', TARGETS.maxTimeOverParseFloor),
    // The stricter reading, beside it: the parse alone, its input decoded for it outside the timing.
    check(atMost, 'time over htmlparser2 alone (pre-decoded)', 'ours', 'htmlparser2-text', TARGETS.maxTimeOverParseFloor),
  ];
}

const CORPUS_COLUMNS: Column[] = [
  { header: 'contender' },
  { header: 'docs' },
  { header: 'errors' },
  { header: 'median s' },
  { header: 'CPU s' },
  { header: 'docs/s' },
  { header: 'MB/s' },
  { header: 'p50 ms' },
  { header: 'p99 ms' },
  { header: 'max ms' },
  { header: 'peak RSS' },
  { header: '+RSS' },
  { header: 'time/ours' },
];

export function formatCorpusTable(rows: readonly CorpusRow[]): string {
  return formatTable(
    CORPUS_COLUMNS,
    rows.map((r) => [
      r.label,
      String(r.docs),
      String(r.errors),
      fixed(r.medianSeconds),
      fixed(r.medianCpuSeconds),
      fixed(r.docsPerSecond),
      fixed(r.mbPerSecond),
      fixed(r.p50Ms),
      fixed(r.p99Ms),
      fixed(r.maxMs),
      mib(r.peakRssBytes),
      mib(r.addedRssBytes),
      r.timeOverOurs === null ? '-' : ratio(r.timeOverOurs),
    ]),
  );
}

export function formatChecks(checks: readonly TargetCheck[]): string {
  const cpu = checks.some((c) => c.byCpu !== undefined);
  return formatTable(
    [{ header: 'target' }, { header: 'measured' }, { header: 'goal' }, { header: '' }, ...(cpu ? [{ header: 'on CPU time' }] : [])],
    checks.map((c) => [c.name, c.measured, c.target, mark(c), ...(cpu ? [c.byCpu ?? ''] : [])]),
  );
}

export interface ScalingRow {
  readonly contender: string;
  readonly label: string;
  readonly sizeLabel: string;
  readonly bytes: number;
  readonly medianSeconds: number;
  readonly medianCpuSeconds: number;
  readonly mbPerSecond: number;
  readonly peakRssBytes: number;
  readonly addedRssBytes: number;
  readonly errors: readonly string[];
  /** Time over the same contender's time on the reference size (1 MB), and the size ratio. */
  readonly timeOverReference: number | null;
  readonly sizeOverReference: number | null;
}

export interface ScalingEntry {
  readonly sizeLabel: string;
  readonly result: ScalingResult;
}

/** Rows per contender and size; `referenceLabel` names the size the ratios divide by ("1 MB"). */
export function scalingRows(entries: readonly ScalingEntry[], labels: ReadonlyMap<string, string>, referenceLabel: string, options: PairingOptions = {}): ScalingRow[] {
  return entries.map(({ sizeLabel, result }) => {
    const reference = entries.find((e) => e.sizeLabel === referenceLabel && e.result.contender === result.contender)?.result;
    const seconds = median(result.passSeconds);
    return {
      contender: result.contender,
      label: labels.get(result.contender) ?? result.contender,
      sizeLabel,
      bytes: result.bytes,
      medianSeconds: seconds,
      medianCpuSeconds: median(result.passCpuSeconds),
      mbPerSecond: result.bytes / MB / seconds,
      peakRssBytes: result.peakRssBytes,
      addedRssBytes: Math.max(0, result.peakRssBytes - result.rssBeforeBytes),
      errors: result.errors,
      timeOverReference: reference ? timeRatio(result.passSeconds, reference.passSeconds, options.paired ?? false) : null,
      sizeOverReference: reference ? result.bytes / reference.bytes : null,
    };
  });
}

export function formatScalingTable(rows: readonly ScalingRow[], referenceLabel: string): string {
  return formatTable(
    [
      { header: 'contender' },
      { header: 'page' },
      { header: 'bytes' },
      { header: 'median s' },
      { header: 'CPU s' },
      { header: 'MB/s' },
      { header: 'peak RSS' },
      { header: '+RSS' },
      { header: `time/${referenceLabel}` },
      { header: `size/${referenceLabel}` },
      { header: 'errors', align: 'left' },
    ],
    rows.map((r) => [
      r.label,
      r.sizeLabel,
      bytesLabel(r.bytes),
      fixed(r.medianSeconds),
      fixed(r.medianCpuSeconds),
      fixed(r.mbPerSecond),
      mib(r.peakRssBytes),
      mib(r.addedRssBytes),
      r.timeOverReference === null ? '-' : ratio(r.timeOverReference),
      r.sizeOverReference === null ? '-' : ratio(r.sizeOverReference),
      r.errors.length === 0 ? '' : r.errors[0]!,
    ]),
  );
}

/** Targets of the scaling run, on our cleaner's rows: largest size over the reference size. */
export function scalingChecks(rows: readonly ScalingRow[], largestLabel: string, referenceLabel: string): TargetCheck[] {
  const largest = rows.find((r) => r.contender === 'ours' && r.sizeLabel === largestLabel && r.errors.length === 0);
  return [
    atMost(`time of the ${largestLabel} page over the ${referenceLabel} page`, largest?.timeOverReference ?? null, TARGETS.maxScalingTimeRatio, ratio),
    below(`peak RSS cleaning the ${largestLabel} page`, largest?.peakRssBytes ?? null, TARGETS.maxPeakRssAtLargestBytes, mib),
  ];
}
