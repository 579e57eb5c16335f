/**
 * Figures of the benchmark from the children's raw results: the per-contender table of the
 * corpus run, the per-size table of the scaling run, and the target checks of both. Pure
 * functions of the results, so they are tested without running anything.
 */
import type { CorpusResult, ScalingResult } from './jobs.js';
import { distribution, median } from './stats.js';
import { bytesLabel, fixed, formatTable, mib, ratio, type Column } from './table.js';
import { TARGETS, atLeast, atMost, below, mark, type TargetCheck } from './targets.js';

/** Throughput megabytes are decimal (10^6 bytes); memory is in MiB. */
const MB = 1e6;

export interface CorpusRow {
  readonly contender: string;
  readonly label: string;
  readonly docs: number;
  readonly errors: number;
  readonly passes: number;
  readonly medianSeconds: number;
  readonly docsPerSecond: number;
  /** Uncompressed input megabytes (10^6 bytes) per second. */
  readonly mbPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  readonly peakRssBytes: number;
  /** Peak RSS over the RSS with the inputs loaded: the memory the contender itself used. */
  readonly addedRssBytes: number;
  /** This contender's median time over ours (> 1: slower than ours); null without an ours row. */
  readonly timeOverOurs: number | null;
}

export function corpusRows(results: readonly CorpusResult[], labels: ReadonlyMap<string, string>): CorpusRow[] {
  const ours = results.find((r) => r.contender === 'ours');
  const oursMedian = ours ? median(ours.passSeconds) : null;
  return results.map((r) => {
    const seconds = median(r.passSeconds);
    const perDoc = distribution(r.perDocMs);
    return {
      contender: r.contender,
      label: labels.get(r.contender) ?? r.contender,
      docs: r.docs,
      errors: r.errors,
      passes: r.passSeconds.length,
      medianSeconds: seconds,
      docsPerSecond: r.docs / seconds,
      mbPerSecond: r.rawBytes / MB / seconds,
      p50Ms: perDoc.p50,
      p99Ms: perDoc.p99,
      maxMs: perDoc.max,
      peakRssBytes: r.peakRssBytes,
      addedRssBytes: Math.max(0, r.peakRssBytes - r.rssBeforeBytes),
      timeOverOurs: oursMedian === null ? null : seconds / oursMedian,
    };
  });
}

export function corpusChecks(rows: readonly CorpusRow[]): TargetCheck[] {
  const time = (id: string): number | null => rows.find((r) => r.contender === id)?.medianSeconds ?? null;
  const ours = time('ours');
  const over = (id: string): number | null => {
    const other = time(id);
    return ours === null || other === null ? null : other / ours;
  };
  const floor = time('htmlparser2');
  return [
    atLeast('throughput over Readability.js on jsdom', over('jsdom'), TARGETS.minSpeedupOverReadabilityJsdom, ratio),
    atLeast('throughput over Readability.js on linkedom', over('linkedom'), TARGETS.minSpeedupOverReadabilityLinkedom, ratio),
    atMost('time over the parse floor (htmlparser2)', ours === null || floor === null ? null : ours / floor, TARGETS.maxTimeOverParseFloor, ratio),
  ];
}

const CORPUS_COLUMNS: Column[] = [
  { header: 'contender' },
  { header: 'docs' },
  { header: 'errors' },
  { header: 'median s' },
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
  return formatTable(
    [{ header: 'target' }, { header: 'measured' }, { header: 'goal' }, { header: '' }],
    checks.map((c) => [c.name, c.measured, c.target, mark(c)]),
  );
}

export interface ScalingRow {
  readonly contender: string;
  readonly label: string;
  readonly sizeLabel: string;
  readonly bytes: number;
  readonly medianSeconds: number;
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
export function scalingRows(entries: readonly ScalingEntry[], labels: ReadonlyMap<string, string>, referenceLabel: string): ScalingRow[] {
  return entries.map(({ sizeLabel, result }) => {
    const reference = entries.find((e) => e.sizeLabel === referenceLabel && e.result.contender === result.contender)?.result;
    const seconds = median(result.passSeconds);
    return {
      contender: result.contender,
      label: labels.get(result.contender) ?? result.contender,
      sizeLabel,
      bytes: result.bytes,
      medianSeconds: seconds,
      mbPerSecond: result.bytes / MB / seconds,
      peakRssBytes: result.peakRssBytes,
      addedRssBytes: Math.max(0, result.peakRssBytes - result.rssBeforeBytes),
      errors: result.errors,
      timeOverReference: reference ? seconds / median(reference.passSeconds) : null,
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
