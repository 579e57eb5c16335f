/** Messages between the benchmark (parent) and its runner children (bench/runner.ts). */

export interface CorpusJob {
  readonly kind: 'corpus';
  readonly contender: string;
  readonly dir: string;
  readonly limit: number | null;
}

/**
 * What the parent tells a loaded corpus child: run slice `slice` of `slices` of a pass (a warm-up
 * one, or a timed one; a pass ends with its last slice), or report its figures and exit. The child
 * answers a slice with `pass-done`.
 */
export type PassCommand = { readonly type: 'pass'; readonly warmup: boolean; readonly slice: number; readonly slices: number } | { readonly type: 'finish' };

export interface ScalingJob {
  readonly kind: 'scaling';
  readonly contender: string;
  /** Requested page size, bytes. */
  readonly bytes: number;
  readonly seed: number;
  /** The core's watchdog budget for this run (lifted: a 50 MB page is meant to take seconds). */
  readonly timeBudgetMs: number;
}

export type Job = CorpusJob | ScalingJob;

export interface CorpusResult {
  readonly kind: 'corpus';
  readonly contender: string;
  readonly docs: number;
  /** Uncompressed bytes of all documents. */
  readonly rawBytes: number;
  /** Bytes handed to the contender (gzipped for ours-gz; for strings, the uncompressed size). */
  readonly inputBytes: number;
  readonly warmupSeconds: number[];
  /** Wall seconds of each timed pass. */
  readonly passSeconds: number[];
  /** CPU seconds (user + system, all threads of the child: GC helpers included) of each timed pass. */
  readonly passCpuSeconds: number[];
  /** Milliseconds of every document in every timed pass (pooled). */
  readonly perDocMs: number[];
  /** Documents that threw in the timed passes. */
  readonly errors: number;
  readonly errorSamples: string[];
  /** RSS once the inputs were loaded and garbage collected, before the first pass. */
  readonly rssBeforeBytes: number;
  /** Peak RSS of the child over the warm-up and timed passes (since start when peakReset is false). */
  readonly peakRssBytes: number;
  readonly peakReset: boolean;
  readonly sink: number;
}

export interface ScalingResult {
  readonly kind: 'scaling';
  readonly contender: string;
  /** Actual page size, bytes. */
  readonly bytes: number;
  /** Cleans of the page in one timed pass; passSeconds are per clean. */
  readonly cleansPerPass: number;
  /** Seconds of one clean of the page, in each timed pass. */
  readonly passSeconds: number[];
  readonly passCpuSeconds: number[];
  readonly errors: string[];
  /** RSS before and peak RSS during the first clean of the page, started from a collected heap. */
  readonly rssBeforeBytes: number;
  readonly peakRssBytes: number;
  readonly peakReset: boolean;
  readonly sink: number;
}

export type JobResult = CorpusResult | ScalingResult;

/** The result a job of type J reports. */
export type ResultOf<J extends Job> = J extends CorpusJob ? CorpusResult : ScalingResult;

export type ChildMessage =
  | { readonly type: 'progress'; readonly text: string }
  | { readonly type: 'ready' }
  | { readonly type: 'pass-done' }
  | { readonly type: 'result'; readonly result: JobResult }
  | { readonly type: 'failure'; readonly error: string };
