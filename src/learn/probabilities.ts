/**
 * Cross-validated p(body) of the training pages' blocks given from a file, for `npm run train -- --cv
 * --probabilities FILE` (scripts/train.ts): the shape `--cv --dump DIR` writes as DIR/_probabilities.json (each
 * training page's id → its blocks' p(body), in block order, to four decimals), so that probabilities made
 * elsewhere (models of several seeds or kinds averaged block by block) are scored by the trainer's own path.
 */

/** Page id → p(body) of each of its blocks (null: a block without one, as JSON writes NaN). */
export type ProbabilityFile = Readonly<Record<string, ReadonlyArray<number | null>>>;

/** The probabilities of a file, handed out page by page; every page of the file is to be asked for. */
export class GivenProbabilities {
  private readonly asked = new Set<string>();

  constructor(
    private readonly file: ProbabilityFile,
    private readonly source: string,
  ) {}

  /** Page `id`'s probabilities; throws when the file has none for it, or not one for each of its `blocks`. */
  of(id: string, blocks: number): Float64Array {
    const given = Object.hasOwn(this.file, id) ? this.file[id] : undefined;
    if (!Array.isArray(given)) throw new Error(`${this.source}: no probabilities for page ${id}`);
    if (given.length !== blocks) throw new Error(`${this.source}: page ${id} has ${given.length} probabilities for its ${blocks} blocks`);
    this.asked.add(id);
    return Float64Array.from(given, (p: unknown, b) => {
      if (p === null) return NaN;
      if (typeof p !== 'number' || !(p >= 0 && p <= 1)) throw new Error(`${this.source}: page ${id}, block ${b}: ${JSON.stringify(p)} is no probability`);
      return p;
    });
  }

  /** Pages of the file never asked for (a file of other pages: another split, another corpus). */
  unasked(): string[] {
    return Object.keys(this.file).filter((id) => !this.asked.has(id));
  }
}
