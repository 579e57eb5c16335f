/**
 * The corpus run's schedule. Every contender's child loads its inputs first; then the passes
 * run in rounds, one pass of each contender per round, one child at a time (this machine's two
 * cores are shared, and a contender's figures are its own only when nothing else runs). On a
 * shared machine the speed of the same code drifts by ±30% within minutes; run one contender
 * after the other and a ratio measures the drift as much as the code. In rounds, each timed pass
 * of ours has a pass of every other contender beside it, and a ratio is the median of the
 * ratios of the passes of one round. Within a round the contenders take turns slice by slice of
 * the corpus (a tenth by default), so two passes of a round met the same moments of the machine.
 */
import { startCorpusChild, type CorpusChild } from './child.js';
import type { CorpusJob, CorpusResult } from './jobs.js';

export interface RoundsPlan {
  readonly warmupPasses: number;
  readonly passes: number;
  /** Slices of the corpus a pass is run in, the contenders taking turns after each (≥ 1). */
  readonly slices: number;
}

export interface RoundsOutcome {
  /** One result per contender that finished, in the order of the jobs; pass i of each ran in round i. */
  readonly results: CorpusResult[];
  /** A contender whose child failed (out of memory, say): a figure of its own, not the end of the run. */
  readonly failures: Array<{ contender: string; error: string }>;
}

/**
 * The contenders' order in turn `turn` (a slice of a round): as given in even turns, reversed in
 * odd ones (A B C, C B A, A B C, …), so a machine that steadily slows down or speeds up over the
 * run favours no contender; neighbours in the given order stay neighbours in every turn.
 */
export function roundOrder<T>(items: readonly T[], turn: number): T[] {
  return turn % 2 === 0 ? [...items] : [...items].reverse();
}

/** Starts a child for a job (bench/child.ts; a stand-in in the schedule's tests). */
export type StartChild = (job: CorpusJob, onProgress: (text: string) => void) => Promise<CorpusChild>;

export async function runRounds(
  jobs: readonly CorpusJob[],
  plan: RoundsPlan,
  onProgress: (contender: string, text: string) => void = () => {},
  start: StartChild = startCorpusChild,
): Promise<RoundsOutcome> {
  const failures: Array<{ contender: string; error: string }> = [];
  const fail = (contender: string, error: unknown): void => {
    failures.push({ contender, error: error instanceof Error ? error.message : String(error) });
  };
  const children: CorpusChild[] = [];
  for (const job of jobs) {
    onProgress(job.contender, 'loading the corpus');
    try {
      children.push(await start(job, (text) => onProgress(job.contender, text)));
    } catch (error) {
      fail(job.contender, error);
    }
  }
  const live = new Set(children);
  const rounds = plan.warmupPasses + plan.passes;
  let turn = 0;
  for (let round = 0; round < rounds; round++) {
    for (let slice = 0; slice < plan.slices; slice++, turn++) {
      for (const child of roundOrder(children, turn)) {
        if (!live.has(child)) continue;
        try {
          await child.pass(round < plan.warmupPasses, slice, plan.slices);
        } catch (error) {
          live.delete(child);
          fail(child.contender, error);
        }
      }
    }
  }
  const results: CorpusResult[] = [];
  for (const child of children) {
    if (!live.has(child)) continue;
    try {
      results.push(await child.finish());
    } catch (error) {
      fail(child.contender, error);
    }
  }
  return { results, failures };
}
