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
  /** Blocks classified between two looks (the cue patterns cost about 50 µs on a long block); also
   *  blocks made segments and images placed while the document is built (a few µs each). */
  blocksPerCheck: 1024,
  /**
   * Lines of a plain-text scrape between two looks, in each pass over them (splitting, features,
   * the line model, its sequence decision): a pass over a million lines takes seconds, 4,096
   * lines at most tens of milliseconds.
   */
  linesPerCheck: 4096,
  /**
   * Words counted between two looks (the quality figures): 64 Ki words of spaced scripts take
   * about 5 ms (12 MB of body text, 2.2 million words, counted in 150 ms on a loaded machine);
   * text of the scripts without spaces goes to ICU's segmenter, looked at after every piece.
   */
  wordsPerCheck: 64 * 1024,
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
