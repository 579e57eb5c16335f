/**
 * The benchmark's figures from its children's reports: the rows of the corpus and scaling tables,
 * the targets, and their plain-text tables. Pure functions, tested without running anything.
 */
import type { ChildState } from './children.js';

/** The targets (issue 5; the CLI's start-up: issue 16), printed PASS/FAIL; a miss never fails the run: timings of a shared machine are for people. */
export const TARGETS = {
  minSpeedupOverJsdom: 25, // our throughput over Readability.js on jsdom
  minSpeedupOverLinkedom: 3, // … and on linkedom
  maxTimeOverParseFloor: 2, // issue 14 (was 3): our time over decode + parse, and over the parse alone on pre-decoded strings
  maxScalingTimeRatio: 60, // time of the 50 MB page over the 1 MB page: linear is 50, 60 leaves 20% slack
  maxPeakRssAtLargestBytes: 1024 ** 3, // peak RSS cleaning the largest page
  maxBundleBytes: 1_000_000, // the Lambda bundle, minified: under 1 MB (10^6 bytes), as test/infra/nag.test.ts holds it
  maxColdStartMs: 300, // cold import of the bundle + the first document
  maxCliStartMs: 150, // issue 16: the command's start-up, spawn to its first document
} as const;

/** `pass` is null when the figure was not measured (a contender left out or failed); `byCpu`: the same figure on CPU time. */
export interface TargetCheck {
  readonly name: string;
  readonly measured: string;
  readonly goal: string;
  readonly pass: boolean | null;
  readonly byCpu?: string;
}

/** A target held as `value <= goal` (or `>=` for 'at least'); `format` prints both. */
export function check(name: string, value: number | null | undefined, bound: '≤' | '≥' | '<', goal: number, format: (v: number) => string, cpu?: number | null): TargetCheck {
  const pass = value == null ? null : bound === '≥' ? value >= goal : bound === '≤' ? value <= goal : value < goal;
  return { name, measured: value == null ? 'not measured' : format(value), goal: `${bound} ${format(goal)}`, pass, ...(cpu == null ? {} : { byCpu: format(cpu) }) };
}

const sorted = (values: readonly number[]): Float64Array => Float64Array.from(values).sort();

export function median(values: readonly number[]): number {
  const s = sorted(values);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Nearest-rank percentile: always a time that was measured. */
function percentile(values: readonly number[], p: number): number {
  const s = sorted(values);
  return s[Math.max(1, Math.ceil((p / 100) * s.length)) - 1] ?? Number.NaN;
}

/** Time of `a` over `b`: the median of the ratios of pass pairs (pass i of both ran side by side), else of the medians. */
export function timeRatio(a: readonly number[], b: readonly number[]): number {
  if (a.length === b.length && a.length > 0) return median(a.map((seconds, i) => seconds / b[i]!));
  return median(a) / median(b);
}

/** A row of a table, from a child's report and the report it is divided by (ours for the corpus, the 1 MB page for --scaling). */
function row(entry: { contender: string; label: string; what: string; state: ChildState; reference?: ChildState }) {
  const { state, reference } = entry;
  const perDoc = state.perDocMs;
  return {
    contender: entry.contender, label: entry.label, what: entry.what, bytes: state.rawBytes, errors: state.errors,
    seconds: median(state.passSeconds),
    cpuSeconds: median(state.passCpuSeconds),
    mbPerSecond: state.rawBytes / 1e6 / median(state.passSeconds),
    /** p50, p99 and max of the documents' ms over the timed passes (corpus rows). */
    perDocMs: perDoc.length > 0 ? [percentile(perDoc, 50), percentile(perDoc, 99), percentile(perDoc, 100)] : null,
    peakRssBytes: state.peakRssBytes,
    /** Peak RSS over the RSS with the inputs loaded: what the contender itself used. */
    addedRssBytes: Math.max(0, state.peakRssBytes - state.rssBeforeBytes),
    ratio: reference ? timeRatio(state.passSeconds, reference.passSeconds) : null,
    cpuRatio: reference ? timeRatio(state.passCpuSeconds, reference.passCpuSeconds) : null,
    passSeconds: state.passSeconds, passCpuSeconds: state.passCpuSeconds,
  };
}

export type Row = ReturnType<typeof row>;

export const rows = (entries: ReadonlyArray<Parameters<typeof row>[0]>): Row[] => entries.map(row);

/** The targets of the corpus run, on wall time (what Lambda bills), the CPU-time figure beside each. */
export function corpusChecks(table: readonly Row[]): TargetCheck[] {
  const over = (slow: string, fast: string, pick: (r: Row) => readonly number[]): number | null => {
    const [a, b] = [slow, fast].map((id) => table.find((r) => r.contender === id));
    return a && b ? timeRatio(pick(a), pick(b)) : null;
  };
  const target = (name: string, slow: string, fast: string, bound: '≤' | '≥', goal: number): TargetCheck =>
    check(name, over(slow, fast, (r) => r.passSeconds), bound, goal, ratio, over(slow, fast, (r) => r.passCpuSeconds));
  return [
    target('throughput over Readability.js on jsdom', 'jsdom', 'ours', '≥', TARGETS.minSpeedupOverJsdom),
    target('throughput over Readability.js on linkedom', 'linkedom', 'ours', '≥', TARGETS.minSpeedupOverLinkedom),
    target('time over the parse floor (decode + htmlparser2)', 'ours', 'htmlparser2', '≤', TARGETS.maxTimeOverParseFloor),
    target('time over htmlparser2 alone (pre-decoded)', 'ours', 'htmlparser2-text', '≤', TARGETS.maxTimeOverParseFloor),
  ];
}

/** The targets of --scaling, on our rows: the largest page over the reference page, and its memory. */
export function scalingChecks(table: readonly Row[], largest: string, reference: string): TargetCheck[] {
  const row = table.find((r) => r.contender === 'ours' && r.what === largest && r.errors.length === 0);
  return [
    check(`time of the ${largest} page over the ${reference} page`, row?.ratio, '≤', TARGETS.maxScalingTimeRatio, ratio, row?.cpuRatio),
    check(`peak RSS cleaning the ${largest} page`, row?.peakRssBytes, '<', TARGETS.maxPeakRssAtLargestBytes, mib),
  ];
}

/** Significant-figure formatting for figures that span orders of magnitude (0.0123, 4.56, 789). */
export function fixed(value: number, digits = 3): string {
  if (!Number.isFinite(value) || value === 0) return String(value);
  return value.toFixed(Math.max(0, digits - 1 - Math.floor(Math.log10(Math.abs(value)))));
}
export const ratio = (value: number): string => `${fixed(value)}×`;
export const mib = (bytes: number): string => `${fixed(bytes / 1024 ** 2)} MiB`;

/** A plain-text table: the first column left-aligned, the others right-aligned. */
export function formatTable(headers: readonly string[], cells: ReadonlyArray<readonly string[]>): string {
  const widths = headers.map((header, i) => Math.max(header.length, ...cells.map((row) => (row[i] ?? '').length)));
  const line = (row: readonly string[]): string => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ').trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}

export function formatRows(table: readonly Row[], kind: 'corpus' | 'scaling', reference: string): string {
  const perDoc = kind === 'corpus';
  return formatTable(
    ['contender', perDoc ? 'docs' : 'page', 'errors', 'median s', 'CPU s', 'MB/s', ...(perDoc ? ['p50 ms', 'p99 ms', 'max ms'] : []), 'peak RSS', '+RSS', `time/${reference}`, `CPU/${reference}`],
    table.map((r) => [
      r.label, r.what, String(r.errors.length),
      ...[r.seconds, r.cpuSeconds, r.mbPerSecond, ...(perDoc ? (r.perDocMs ?? [Number.NaN, Number.NaN, Number.NaN]) : [])].map((v) => fixed(v)),
      mib(r.peakRssBytes), mib(r.addedRssBytes), r.ratio === null ? '-' : ratio(r.ratio), r.cpuRatio === null ? '-' : ratio(r.cpuRatio),
    ]),
  );
}

export function formatChecks(checks: readonly TargetCheck[]): string {
  return formatTable(['target', 'measured', 'goal', '', 'on CPU time'], checks.map((c) => [c.name, c.measured, c.goal, c.pass === null ? 'n/a' : c.pass ? 'PASS' : 'FAIL', c.byCpu ?? '']));
}
