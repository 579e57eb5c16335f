/**
 * Defaults of `scrape-clean clean`, with where each value came from (measured on the 990 pages
 * of the trafilatura-eval corpus, ~27 KiB gzipped each, on a 2-core machine; see the README).
 */
import { availableParallelism } from 'node:os';

export const CLEAN_DEFAULTS = {
  /** Worker threads that clean: one per core. Cleaning is CPU-bound, so more threads than cores only add switching. */
  workers: (): number => availableParallelism(),
  /** Below this many inputs, cleaning stays on the main thread: starting a worker (loading the core) costs about
   *  as much as cleaning a dozen pages. */
  minInputsForWorkers: 16,
  /** Inputs in flight per worker (read, queued, being cleaned, being written): 2 keeps each worker busy while the
   *  main thread reads the next file and writes the last result, without holding many files in memory. */
  inFlightPerWorker: 2,
  /** Inputs in flight when cleaning on the main thread: reading the next file overlaps cleaning the current one. */
  inFlightWithoutWorkers: 2,
  /** Failures listed one per line at the end of a run; the rest are counted (each has its .error.json). */
  maxListedFailures: 20,
  /** Name recorded for standard input when --name is not given. */
  stdinName: 'stdin',
} as const;
