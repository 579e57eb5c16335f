/**
 * Defaults of `scrape-clean clean`, with where each value came from. Figures: the first 281
 * pages of the trafilatura-eval corpus (~27 KiB gzipped each) on the 2-core development machine,
 * built CLI (dist/): cleaning takes ~15 ms of CPU per page, and loading the core into a thread
 * (cheerio, chrono-node, zod) ~0.35 s of CPU.
 */
import { availableParallelism } from 'node:os';

export const CLEAN_DEFAULTS = {
  /** Worker threads that clean: one per core. Cleaning is CPU-bound, so more threads than cores only add switching.
   *  Each thread loads the core and warms its JIT on its own: with 2 workers a run used ~6.3 s of CPU against
   *  ~4.8 s on the main thread alone (281 pages), so threads pay off only where cores are idle. On the shared
   *  development machine (load 4-11 on 2 cores) neither setting was reliably faster (wall 5.5-14 s for both). */
  workers: (): number => availableParallelism(),
  /** Below this many inputs, cleaning stays on the main thread. Break-even of W workers in theory: startup 0.35 s
   *  against n·t·(1 − 1/W) saved, t = 15 ms, i.e. n ≈ 47 pages for W = 2, before the JIT warm-up and on idle cores.
   *  Measured (built CLI, modern-web pages, 2 workers against --workers 0, whole process, 5-7 paired runs, shared
   *  2-core machine at load ~15): 80 pages 1.18× the wall time of the main thread alone, 200 pages 1.00×, 499 pages
   *  0.88×; CPU 1.28-1.34× and peak memory ~1.7× throughout. The pool pays from a few hundred pages: 256. */
  minInputsForWorkers: 256,
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
