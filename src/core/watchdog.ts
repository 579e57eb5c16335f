import { CleanError } from './errors.js';

/**
 * How often the clock is looked at. Each look costs a `performance.now()` (tens of nanoseconds);
 * the gap between two looks is how far past the budget a document can run before it stops.
 */
export const CLOCK_CHECKS = {
  /**
   * Characters of HTML written to the parser between two looks. 16 Ki characters parse in about
   * a millisecond on ordinary markup; on markup nested 100,000 deep (where htmlparser2's cost per
   * element grows with the depth) they take under a second.
   */
  parseChunkChars: 16 * 1024,
  /**
   * The same for the conformant parser (parse5), which is several times slower per character and
   * can spend long on a chunk without making a node: 50,000 distinct open `<b class>` elements are
   * compared with each new one (the standard's "Noah's Ark" clause), about a second per 16 Ki.
   */
  conformantChunkChars: 4 * 1024,
  /**
   * Nodes and attributes a parser adds between two looks (at the clock and at maxNodes). A chunk
   * of HTML can make millions: a conformant parser re-opens every open formatting element before
   * each text (50,000 distinct `<b class>` make 50,000 elements per paragraph).
   */
  nodesPerCheck: 4096,
  /** Blocks classified between two looks (the cue patterns cost about 50 µs on a long block). */
  blocksPerCheck: 1024,
} as const;

/** Per-document time budget: turns a runaway page into a typed error instead of a Lambda timeout. */
export class Watchdog {
  private readonly deadline: number;

  constructor(private readonly budgetMs: number) {
    this.deadline = performance.now() + budgetMs;
  }

  check(stage: string): void {
    if (performance.now() > this.deadline) {
      throw new CleanError('TIME_BUDGET_EXCEEDED', `cleaning took longer than the ${this.budgetMs} ms budget (while ${stage})`);
    }
  }
}
