/**
 * The count of a reprocessing run, the same for `scrape-clean reprocess` on this machine and for
 * the backfill state machine on AWS (whose summary function adds up the per-object outcomes the
 * clean function returned): what was written, what was already up to date, what failed and why.
 */
import type { ObjectOutcome } from '../pipeline/object-message.js';

/** Failures listed one by one in a summary; the rest are only counted (by code). */
export const LISTED_FAILURES_MAX = 1000;

/**
 * What happened to a failed object:
 * - error-record: a permanent failure (bad input); its error record is in the clean bucket.
 * - dead-letter: transient failures until the last attempt; the object is in the live
 *   pipeline's dead-letter queue, to be redriven once the cause is fixed.
 * - not-processed: transient failures until the last attempt, run on this machine (there is no
 *   queue): run the command again.
 */
export type FailureDisposition = 'error-record' | 'dead-letter' | 'not-processed';

export interface FailedObject {
  readonly key: string;
  readonly code: string;
  readonly message: string;
  readonly disposition: FailureDisposition;
}

export interface TallyCounts {
  /** Objects with an outcome (every object listed, unless the run was interrupted). */
  objects: number;
  /** New documents. */
  documentsWritten: number;
  /** Permanent failures whose error record was written now. */
  errorRecordsWritten: number;
  /** Permanent failures whose error record (same source, version and code) was already there. */
  errorRecordsUnchanged: number;
  /** The document already recorded this source ETag and pipeline version. */
  skippedUpToDate: number;
  /** The document was made from a later event of the same key. */
  skippedSuperseded: number;
  /** Not scrapes: folder markers, the function's own outputs. */
  ignored: number;
  /** Still failing after the last attempt: dead-lettered (AWS) or left for a rerun (local). */
  failedTransient: number;
}

export interface TallyJson extends TallyCounts {
  /** Permanent and transient failures by error code. */
  failuresByCode: Record<string, number>;
  /** The first LISTED_FAILURES_MAX failures, sorted by key. */
  failures: FailedObject[];
  /** How many failures are not in `failures`. */
  failuresNotListed: number;
}

export class BackfillTally {
  readonly counts: TallyCounts = {
    objects: 0,
    documentsWritten: 0,
    errorRecordsWritten: 0,
    errorRecordsUnchanged: 0,
    skippedUpToDate: 0,
    skippedSuperseded: 0,
    ignored: 0,
    failedTransient: 0,
  };
  private readonly byCode = new Map<string, number>();
  private readonly listed: FailedObject[] = [];
  private unlisted = 0;

  constructor(private readonly transientDisposition: Exclude<FailureDisposition, 'error-record'> = 'dead-letter') {}

  /** Counts one final outcome. A `retry` outcome counts as a transient failure: call it only with final ones. */
  add(outcome: ObjectOutcome): void {
    const c = this.counts;
    c.objects++;
    switch (outcome.outcome) {
      case 'written':
        c.documentsWritten++;
        break;
      case 'skipped':
        if (outcome.reason === 'superseded') c.skippedSuperseded++;
        else c.skippedUpToDate++;
        break;
      case 'ignored':
        c.ignored++;
        break;
      case 'error-record':
        if (outcome.rewritten === false) c.errorRecordsUnchanged++;
        else c.errorRecordsWritten++;
        this.fail(outcome, 'error-record');
        break;
      case 'retry':
      case 'dead-lettered':
        c.failedTransient++;
        this.fail(outcome, outcome.outcome === 'dead-lettered' ? 'dead-letter' : this.transientDisposition);
        break;
    }
  }

  /** Adds another tally's counts (the summary function reads results file by file). */
  merge(other: BackfillTally): void {
    for (const key of Object.keys(this.counts) as (keyof TallyCounts)[]) this.counts[key] += other.counts[key];
    for (const [code, n] of other.byCode) this.byCode.set(code, (this.byCode.get(code) ?? 0) + n);
    for (const failure of other.listed) this.list(failure);
    this.unlisted += other.unlisted;
  }

  get failed(): number {
    return this.counts.errorRecordsWritten + this.counts.errorRecordsUnchanged + this.counts.failedTransient;
  }

  failuresByCode(): Array<[string, number]> {
    return [...this.byCode].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  }

  toJSON(): TallyJson {
    return {
      ...this.counts,
      failuresByCode: Object.fromEntries(this.failuresByCode()),
      failures: [...this.listed].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
      failuresNotListed: this.unlisted,
    };
  }

  private fail(outcome: ObjectOutcome, disposition: FailureDisposition): void {
    const code = outcome.code ?? 'UNKNOWN';
    this.byCode.set(code, (this.byCode.get(code) ?? 0) + 1);
    this.list({ key: outcome.key, code, message: outcome.message ?? '', disposition });
  }

  private list(failure: FailedObject): void {
    if (this.listed.length < LISTED_FAILURES_MAX) this.listed.push(failure);
    else this.unlisted++;
  }
}

const number = new Intl.NumberFormat('en-US');

/**
 * "500 objects: 480 written, 12 up to date, 1 ignored, 7 failed (BINARY_INPUT 5, SlowDown 2)"
 * — the counts a person checks first; the JSON summary has the rest.
 */
export function tallyLine(tally: BackfillTally): string {
  const c = tally.counts;
  const parts = [`${number.format(c.documentsWritten)} written`, `${number.format(c.skippedUpToDate)} up to date`];
  if (c.skippedSuperseded > 0) parts.push(`${number.format(c.skippedSuperseded)} superseded`);
  if (c.ignored > 0) parts.push(`${number.format(c.ignored)} ignored`);
  const failed = tally.failed;
  parts.push(failed === 0 ? '0 failed' : `${number.format(failed)} failed (${tally.failuresByCode().map(([code, n]) => `${code} ${n}`).join(', ')})`);
  return `${number.format(c.objects)} object${c.objects === 1 ? '' : 's'}: ${parts.join(', ')}`;
}
