/** Tally of a run and its one-line summary: files, failures by code, segments per class, throughput. */
import { QUALITY_WARNINGS, type QualityWarning } from '../../core/quality.js';
import { SEGMENT_TYPES, type SegmentType } from '../../core/segment-types.js';
import type { Outcome } from './outcome.js';

export interface Failure {
  readonly name: string;
  readonly code: string;
  readonly message: string;
}

export class Tally {
  files = 0;
  cleaned = 0;
  readonly failures: Failure[] = [];
  readonly segments: Record<SegmentType, number> = Object.fromEntries(SEGMENT_TYPES.map((t) => [t, 0])) as Record<SegmentType, number>;
  /** Documents written with each quality warning (src/core/quality.ts). */
  readonly warnings: Record<QualityWarning, number> = Object.fromEntries(QUALITY_WARNINGS.map((w) => [w, 0])) as Record<QualityWarning, number>;

  add(name: string, outcome: Outcome): void {
    this.files++;
    if (outcome.ok) {
      this.cleaned++;
      for (const type of SEGMENT_TYPES) this.segments[type] += outcome.segments[type];
      for (const warning of outcome.warnings) this.warnings[warning]++;
    } else {
      this.failures.push({ name, code: outcome.code, message: outcome.message });
    }
  }

  failuresByCode(): Array<[string, number]> {
    const counts = new Map<string, number>();
    for (const failure of this.failures) counts.set(failure.code, (counts.get(failure.code) ?? 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  }
}

/**
 * Thousands separators for the summary, made when a summary is printed: an Intl formatter loads
 * ICU's locale data (20-50 ms), which a one-page run to standard output never needs.
 */
let numberFormat: Intl.NumberFormat | null = null;
const number = { format: (n: number): string => (numberFormat ??= new Intl.NumberFormat('en-US')).format(n) };

/**
 * "12 files: 11 cleaned (NO_BODY 1, LOW_TEXT 2), 1 failed (BINARY_INPUT 1) · segments: body 120,
 * caption 8, ad 5, legal 3 · 0.4 s, 30.0 files/s": the cleaned documents' quality warnings in
 * brackets, when there are any.
 */
export function summaryLine(tally: Tally, elapsedMs: number, hashedNames = 0): string {
  const seconds = elapsedMs / 1000;
  const rate = seconds > 0 ? tally.files / seconds : 0;
  const failed = tally.failures.length === 0 ? '0 failed' : `${tally.failures.length} failed (${tally.failuresByCode().map(([code, n]) => `${code} ${n}`).join(', ')})`;
  const segments = SEGMENT_TYPES.map((type) => `${type} ${number.format(tally.segments[type])}`).join(', ');
  const files = `${number.format(tally.files)} file${tally.files === 1 ? '' : 's'}`;
  const hashed = hashedNames > 0 ? ` · ${number.format(hashedNames)} under a hashed name (name too long for a file)` : '';
  const warned = QUALITY_WARNINGS.filter((w) => tally.warnings[w] > 0).map((w) => `${w} ${number.format(tally.warnings[w])}`);
  const cleaned = `${number.format(tally.cleaned)} cleaned${warned.length > 0 ? ` (${warned.join(', ')})` : ''}`;
  return `${files}: ${cleaned}, ${failed}${hashed} · segments: ${segments} · ${seconds.toFixed(1)} s, ${rate.toFixed(1)} files/s`;
}
