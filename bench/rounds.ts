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
import { startChild, type BenchChild } from './child.js';
import type { Job, ResultOf } from './jobs.js';

export interface RoundsPlan {
  readonly warmupPasses: number;
  readonly passes: number;
  /** Slices of the corpus a pass is run in, the contenders taking turns after each (≥ 1). */
  readonly slices: number;
}

export interface RoundsOutcome<J extends Job> {
  /** One result per job that finished, in the order of the jobs; pass i of each ran in round i. */
  readonly results: Array<ResultOf<J>>;
  /** A job whose child failed (out of memory, say): a figure of its own, not the end of the run. */
  readonly failures: Array<{ job: J; error: string }>;
}

/**
 * The contenders' order in turn `turn` (a slice of a round): as given in even turns, reversed in
 * odd ones (A B C, C B A, A B C, …), so a machine that steadily slows down or speeds up over the
 * run favours no contender; neighbours in the given order stay neighbours in every turn.
 */
export function turnOrder<T>(items: readonly T[], turn: number): T[] {
  return turn % 2 === 0 ? [...items] : [...items].reverse();
}

/** Starts a child for a job (bench/child.ts; a stand-in in the schedule's tests). */
export type StartChild = (job: Job, onProgress: (text: string) => void) => Promise<BenchChild>;

/** Runs the jobs' passes in rounds; `onProgress` gets each job's progress lines. */
export async function runRounds<J extends Job>(
  jobs: readonly J[],
  plan: RoundsPlan,
  onProgress: (job: J, text: string) => void = () => {},
  start: StartChild = startChild,
): Promise<RoundsOutcome<J>> {
  const failures: Array<{ job: J; error: string }> = [];
  const fail = (job: J, error: unknown): void => {
    failures.push({ job, error: error instanceof Error ? error.message : String(error) });
  };
  const children: Array<{ job: J; child: BenchChild }> = [];
  for (const job of jobs) {
    onProgress(job, job.kind === 'corpus' ? 'loading the corpus' : 'building the page');
    try {
      children.push({ job, child: await start(job, (text) => { onProgress(job, text); }) });
    } catch (error) {
      fail(job, error);
    }
  }
  const live = new Set(children);
  const rounds = plan.warmupPasses + plan.passes;
  let turn = 0;
  for (let round = 0; round < rounds; round++) {
    for (let slice = 0; slice < plan.slices; slice++, turn++) {
      for (const entry of turnOrder(children, turn)) {
        if (!live.has(entry)) continue;
        try {
          await entry.child.pass(round < plan.warmupPasses, slice, plan.slices);
        } catch (error) {
          live.delete(entry);
          fail(entry.job, error);
        }
      }
    }
  }
  const results: Array<ResultOf<J>> = [];
  for (const entry of children) {
    if (!live.has(entry)) continue;
    try {
      const result = await entry.child.finish();
      if (result.kind !== entry.job.kind) throw new Error(`a ${entry.job.kind} job reported a ${result.kind} result`);
      results.push(result as ResultOf<J>);
    } catch (error) {
      fail(entry.job, error);
    }
  }
  return { results, failures };
}
