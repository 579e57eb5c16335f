/**
 * The sequence decision of a plain-text scrape: which lines are the article, decided for the
 * whole text at once, so that the article stays together. A hidden Markov model over four line
 * states walks the lines in order:
 *
 *   before (chrome above the content) → body ⇄ inside (ads, captions, prompts within the content)
 *   → after (everything below the content)
 *
 * The per-line model's probability that a line is body is the evidence of each state (body: p,
 * the other three: 1 − p); the transition probabilities were counted on training texts (what
 * follows what in the gold), and the Viterbi pass picks the likeliest path. A prose-like line in
 * the footer then needs far stronger evidence than one between two body paragraphs, and a short
 * body line (a subheading, a one-line paragraph) is carried by the paragraphs around it.
 */
import { CLOCK_CHECKS, type Watchdog } from '../watchdog.js';

/** The states of a line, in the order of the stored model's vectors. */
export const LINE_STATES = ['before', 'body', 'inside', 'after'] as const;
const BODY = LINE_STATES.indexOf('body');

export interface SequenceModel {
  /** Natural logs of the start probabilities, one per state (LINE_STATES order). */
  readonly start: readonly number[];
  /** Natural logs of the transition probabilities: transitions[from][to]. */
  readonly transitions: ReadonlyArray<readonly number[]>;
}

export interface SequenceOptions {
  /** Weight of the transition log-probabilities against the evidence (0: each line alone). */
  readonly transitionWeight: number;
  /** Added to the log-odds of body in every line's evidence (moves the balance of precision and recall). */
  readonly bodyBias: number;
}

/** Smallest probability read as evidence (a line the model is sure of can still be outvoted by its neighbours). */
const PROBABILITY_FLOOR = 1e-4;

/**
 * The likeliest state of each line given each line's probability of body. Lines with `skip` set
 * (lifted into metadata) take no part: the path goes from the line before them to the line after.
 * Returns the state index of each line (skipped lines: -1).
 */
export function decodeStates(bodyProbability: ArrayLike<number>, skip: ArrayLike<number>, model: SequenceModel, options: SequenceOptions, watchdog?: Watchdog): Int8Array {
  const n = bodyProbability.length;
  const k = LINE_STATES.length;
  const states = new Int8Array(n).fill(-1);
  const order: number[] = [];
  for (let i = 0; i < n; i++) if (!skip[i]) order.push(i);
  if (order.length === 0) return states;
  const back = new Int8Array(order.length * k);
  let score = new Float64Array(k);
  let next = new Float64Array(k);
  const evidence = (i: number, s: number): number => {
    const p = Math.min(1 - PROBABILITY_FLOOR, Math.max(PROBABILITY_FLOOR, bodyProbability[i]!));
    return s === BODY ? Math.log(p) + options.bodyBias / 2 : Math.log(1 - p) - options.bodyBias / 2;
  };
  for (let s = 0; s < k; s++) score[s] = options.transitionWeight * model.start[s]! + evidence(order[0]!, s);
  for (let t = 1; t < order.length; t++) {
    if (t % CLOCK_CHECKS.linesPerCheck === 0) watchdog?.check('the line model (its sequence decision)');
    for (let to = 0; to < k; to++) {
      let best = -Infinity;
      let from = 0;
      for (let s = 0; s < k; s++) {
        const value = score[s]! + options.transitionWeight * model.transitions[s]![to]!;
        if (value > best) {
          best = value;
          from = s;
        }
      }
      next[to] = best + evidence(order[t]!, to);
      back[t * k + to] = from;
    }
    [score, next] = [next, score];
  }
  let state = 0;
  for (let s = 1; s < k; s++) if (score[s]! > score[state]!) state = s;
  for (let t = order.length - 1; t >= 0; t--) {
    states[order[t]!] = state;
    if (t > 0) state = back[t * k + state]!;
  }
  return states;
}

export function isBodyState(state: number): boolean {
  return state === BODY;
}

/**
 * The state path a labelled text implies (for counting transitions): body lines are body, other
 * lines before the first body line are `before`, after the last `after`, and between two body
 * lines `inside`. Unlabelled lines (-1) are left out.
 */
export function statesOfLabels(labels: ArrayLike<number>): number[] {
  const known: number[] = [];
  for (let i = 0; i < labels.length; i++) if (labels[i] === 0 || labels[i] === 1) known.push(labels[i]!);
  const first = known.indexOf(1);
  const last = known.lastIndexOf(1);
  return known.map((label, t) => (label === 1 ? BODY : first < 0 || t < first ? LINE_STATES.indexOf('before') : t > last ? LINE_STATES.indexOf('after') : LINE_STATES.indexOf('inside')));
}

/** Start and transition log-probabilities counted over state paths, with add-`smoothing` counts. */
export function countTransitions(paths: ReadonlyArray<readonly number[]>, weights: readonly number[], smoothing: number): SequenceModel {
  const k = LINE_STATES.length;
  const start = new Array<number>(k).fill(smoothing);
  const counts = Array.from({ length: k }, () => new Array<number>(k).fill(smoothing));
  paths.forEach((path, p) => {
    if (path.length === 0) return;
    const w = weights[p]!;
    start[path[0]!]! += w;
    for (let t = 1; t < path.length; t++) counts[path[t - 1]!]![path[t]!]! += w;
  });
  const logs = (row: number[]): number[] => {
    const sum = row.reduce((a, b) => a + b, 0);
    return row.map((c) => Math.log(c / sum));
  };
  return { start: logs(start), transitions: counts.map(logs) };
}
