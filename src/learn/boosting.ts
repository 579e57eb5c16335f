/**
 * A small, deterministic gradient-boosted tree trainer (histogram splits, second-order leaf
 * values, as XGBoost and LightGBM do), written here so that `npm run train` needs nothing but
 * Node and rebuilds the committed model byte for byte: no threads, no clock, sums taken in one
 * fixed order, ties broken by feature and bin order, the only randomness a seeded PRNG.
 *
 * Generic: a table of feature vectors with a label and a weight per row in, the stored form of
 * ../core/classifier/trees.ts out. A binary model learns the margin of class 1 (logistic loss);
 * a model of K > 2 classes learns K margins (softmax loss), one tree per class a round. A binary
 * model may be an ensemble (`members`): each member boosts its own rounds from the same base, on the
 * same binning, with its own seed (memberSeeds), and the evaluator averages their probabilities. It may
 * also blend in a member of another kind (`blend`: other rounds, depth, leaf weight… on the same binning
 * and seed), whose probability weighs its own share of the model's, the others sharing the rest.
 */
import { prng } from '../../scripts/prng.js';
import { THRESHOLD_SLOTS, TREES_FORMAT, encodeThresholds, encodeTrees, type TreesData } from '../core/classifier/trees.js';

export interface TrainingTable {
  readonly features: readonly string[];
  readonly rows: number;
  /** Row-major: row r's features at r × features.length. */
  readonly values: Float32Array;
  /** Class index of each row (0/1 for a binary model). */
  readonly labels: Uint8Array;
  /** Weight of each row (> 0). */
  readonly weights: Float64Array;
}

export interface BoostingParameters {
  /** Boosting rounds (trees per output). */
  readonly rounds: number;
  readonly learningRate: number;
  readonly maxDepth: number;
  /** Least weight of rows a leaf may hold. */
  readonly minLeafWeight: number;
  /** L2 regularisation of leaf values (XGBoost's lambda). */
  readonly lambda: number;
  /** Least gain a split must bring (XGBoost's gamma). */
  readonly minGain: number;
  /** Share of rows each tree sees (drawn per tree). */
  readonly rowSample: number;
  /** Share of features each tree may split on (drawn per tree). */
  readonly featureSample: number;
  /** Most distinct thresholds per feature (quantiles of the training values). */
  readonly bins: number;
  /** Stored values are rounded to 1/scale. */
  readonly scale: number;
  readonly seed: number;
  /** Models of `rounds` rounds each, with the seeds memberSeeds draws from `seed`, whose probabilities the evaluator averages (a binary model only); absent: 1. */
  readonly members?: number;
  /** A member of another kind after them, blended in by its weight (a binary model only); absent: none. */
  readonly blend?: BlendMember;
}

/**
 * A member of another kind than the model's others: the model's settings with these overridden, the
 * model's binning and seed; its probability weighs `weight` of the model's, the other members share the rest.
 */
export interface BlendMember {
  readonly weight: number;
  readonly rounds?: number;
  readonly learningRate?: number;
  readonly maxDepth?: number;
  readonly minLeafWeight?: number;
  readonly lambda?: number;
  readonly minGain?: number;
  readonly rowSample?: number;
  readonly featureSample?: number;
}

/** The settings a member trains with: the model's, with a blend member's overrides (and nothing else of it). */
function memberParameters(params: BoostingParameters, blend: BlendMember): BoostingParameters {
  const { rounds, learningRate, maxDepth, minLeafWeight, lambda, minGain, rowSample, featureSample } = { ...params, ...blend };
  return { ...params, rounds, learningRate, maxDepth, minLeafWeight, lambda, minGain, rowSample, featureSample };
}

/**
 * The seeds of an ensemble's members: the first is `seed` (a model of one member is the model of
 * that seed, byte for byte), the others the first draws of the PRNG seeded with it, as 32-bit integers.
 */
export function memberSeeds(seed: number, members: number): number[] {
  const random = prng(seed);
  return Array.from({ length: members }, (_, m) => (m === 0 ? seed : Math.floor(random() * 0x1_0000_0000)));
}

/** Significant digits a threshold is written with (more when needed to stay strictly between two training values). */
const THRESHOLD_DIGITS = 6;

/** Thresholds of one feature: up to `bins - 1` cut points between distinct values, at weighted quantiles. */
function cutPoints(column: Float32Array, weights: Float64Array, bins: number): number[] {
  const order = Array.from(column.keys()).sort((a, b) => column[a]! - column[b]! || a - b);
  const distinct: number[] = [];
  const mass: number[] = [];
  for (const r of order) {
    const v = column[r]!;
    if (distinct.length && distinct[distinct.length - 1] === v) mass[mass.length - 1]! += weights[r]!;
    else {
      distinct.push(v);
      mass.push(weights[r]!);
    }
  }
  const total = mass.reduce((a, b) => a + b, 0);
  const cuts: number[] = [];
  let seen = 0;
  let nextQuantile = 1;
  for (let i = 0; i + 1 < distinct.length; i++) {
    seen += mass[i]!;
    // Every gap between few distinct values is a cut; otherwise the gaps nearest each quantile.
    if (distinct.length <= bins || seen >= (nextQuantile * total) / bins) {
      cuts.push(between(distinct[i]!, distinct[i + 1]!));
      while (seen >= (nextQuantile * total) / bins) nextQuantile++;
    }
  }
  return cuts;
}

/** A short decimal strictly between two values (at or above the lower, below the upper). */
function between(low: number, high: number): number {
  for (let digits = THRESHOLD_DIGITS; digits <= 17; digits++) {
    const mid = Number(((low + high) / 2).toPrecision(digits));
    if (mid >= low && mid < high) return mid;
  }
  return low;
}

export interface TrainedModel {
  readonly data: TreesData;
  /** Training loss after each round (mean over weight); an ensemble's: each member's rounds, one member after another. */
  readonly loss: number[];
}

/** Trains a model; `classes` names the labels (two for a binary model). */
export function trainTrees(table: TrainingTable, classes: readonly string[], params: BoostingParameters, note: string): TrainedModel {
  const { rows: n, features } = table;
  const width = features.length;
  const k = classes.length === 2 ? 1 : classes.length;
  const members = params.members ?? 1;
  if (!Number.isInteger(members) || members < 1) throw new Error(`members: ${members}, expected a whole number from 1`);
  if (members > 1 && k !== 1) throw new Error(`an ensemble of ${members} members is for a binary model; this one has ${classes.length} classes`);
  const blend = params.blend;
  if (blend && k !== 1) throw new Error(`a blend member is for a binary model; this one has ${classes.length} classes`);
  if (blend && !(blend.weight > 0 && blend.weight < 1)) throw new Error(`blend.weight: ${blend.weight}, expected a share between 0 and 1`);
  // The members in order, each with its settings and its share of the probability: the model's own, then the blend member.
  const plan = [
    ...memberSeeds(params.seed, members).map((seed) => ({ params: { ...params, seed }, weight: (1 - (blend?.weight ?? 0)) / members })),
    ...(blend ? [{ params: memberParameters(params, blend), weight: blend.weight }] : []),
  ];
  /** The settings of the member being trained (growTree and bestSplit read them). */
  let member = plan[0]!.params;

  // Bin every feature: column-major bin indices.
  const thresholds: number[][] = [];
  const binned = new Uint8Array(n * width);
  const column = new Float32Array(n);
  for (let f = 0; f < width; f++) {
    for (let r = 0; r < n; r++) column[r] = table.values[r * width + f]!;
    const cuts = cutPoints(column, table.weights, Math.min(params.bins, THRESHOLD_SLOTS));
    thresholds.push(cuts);
    for (let r = 0; r < n; r++) {
      const v = column[r]!;
      let lo = 0;
      let hi = cuts.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (v <= cuts[mid]!) hi = mid;
        else lo = mid + 1;
      }
      binned[f * n + r] = lo;
    }
  }
  const binCount = (f: number): number => thresholds[f]!.length + 1;
  /** Offsets of each feature's bins in a node's histogram (gradient, hessian, weight per bin). */
  const histogramOffset = new Int32Array(width + 1);
  for (let f = 0; f < width; f++) histogramOffset[f + 1] = histogramOffset[f]! + binCount(f) * 3;


  // Base margins: the weighted class priors.
  const prior = new Float64Array(classes.length);
  let totalWeight = 0;
  for (let r = 0; r < n; r++) {
    prior[table.labels[r]!]! += table.weights[r]!;
    totalWeight += table.weights[r]!;
  }
  const base = k === 1 ? [Math.log(prior[1]! / prior[0]!)] : Array.from(prior, (p) => Math.log(Math.max(p, 1e-9) / totalWeight));
  const roundedBase = base.map((b) => Math.round(b * params.scale));
  const margins = new Float64Array(n * k);

  const grad = new Float64Array(n);
  const hess = new Float64Array(n);
  const trees: number[][] = [];
  const loss: number[] = [];
  const probabilities = new Float64Array(n * k);

  // Each member boosts from the base margins with its own seed and settings; its trees follow the members' before it.
  const memberTrees: number[] = [];
  for (const { params: own } of plan) {
    member = own;
    const random = prng(own.seed);
    for (let r = 0; r < n; r++) for (let c = 0; c < k; c++) margins[r * k + c] = roundedBase[c]! / params.scale;
    for (let round = 0; round < own.rounds; round++) {
      // Rows and features of this round's trees.
      const sampled: number[] = [];
      for (let r = 0; r < n; r++) if (random() < own.rowSample) sampled.push(r);
      const allowed: number[] = [];
      for (let f = 0; f < width; f++) if (random() < own.featureSample) allowed.push(f);
      // Every output's probabilities from the margins before this round's trees (softmax: all classes at once).
      let roundLoss = 0;
      for (let r = 0; r < n; r++) {
        const w = table.weights[r]!;
        const label = table.labels[r]!;
        if (k === 1) {
          const p = 1 / (1 + Math.exp(-margins[r]!));
          probabilities[r] = p;
          roundLoss -= w * Math.log(Math.max(label === 1 ? p : 1 - p, 1e-15));
          continue;
        }
        let max = -Infinity;
        for (let j = 0; j < k; j++) max = Math.max(max, margins[r * k + j]!);
        let sum = 0;
        for (let j = 0; j < k; j++) sum += probabilities[r * k + j] = Math.exp(margins[r * k + j]! - max);
        for (let j = 0; j < k; j++) probabilities[r * k + j]! /= sum;
        roundLoss -= w * Math.log(Math.max(probabilities[r * k + label]!, 1e-15));
      }
      for (let c = 0; c < k; c++) {
        for (let r = 0; r < n; r++) {
          const w = table.weights[r]!;
          const p = probabilities[r * k + c]!;
          const y = k === 1 ? (table.labels[r] === 1 ? 1 : 0) : table.labels[r] === c ? 1 : 0;
          grad[r] = (p - y) * w;
          hess[r] = Math.max(p * (1 - p), 1e-6) * w;
        }
        const tree = growTree(Int32Array.from(sampled), allowed);
        trees.push(tree.nodes);
        for (let r = 0; r < n; r++) margins[r * k + c]! += tree.predict(r);
      }
      loss.push(roundLoss / totalWeight);
    }
    memberTrees.push(own.rounds * k);
  }

  function histogram(rows: Int32Array, allowed: readonly number[]): Float64Array {
    const out = new Float64Array(histogramOffset[width]!);
    for (const f of allowed) {
      const column = binned.subarray(f * n, (f + 1) * n);
      const base = histogramOffset[f]!;
      for (let i = 0; i < rows.length; i++) {
        const r = rows[i]!;
        const at = base + column[r]! * 3;
        out[at]! += grad[r]!;
        out[at + 1]! += hess[r]!;
        out[at + 2]! += table.weights[r]!;
      }
    }
    return out;
  }

  function growTree(rows: Int32Array, allowed: readonly number[]): { nodes: number[]; predict: (r: number) => number } {
    // Nodes in pre-order, [split, value] pairs (the stored form); `splits` and `rightOf` let `predict` follow them by bins.
    const nodes: number[] = [];
    const splits: Array<{ feature: number; bin: number } | null> = [];
    const rightOf: number[] = [];
    const valueOf = (g: number, h: number): number => Math.round((-g / (h + member.lambda)) * member.learningRate * params.scale);
    // A node's histogram is built from its rows when it is the smaller child, else as its parent's minus its sibling's (LightGBM's trick).
    const grow = (rows: Int32Array, own: Float64Array, depth: number): void => {
      const index = splits.length;
      let g = 0;
      let h = 0;
      for (let i = 0; i < rows.length; i++) {
        g += grad[rows[i]!]!;
        h += hess[rows[i]!]!;
      }
      splits.push(null);
      rightOf.push(-1);
      nodes.push(0, valueOf(g, h));
      const best = depth < member.maxDepth ? bestSplit(own, g, h, allowed) : null;
      if (!best) return;
      const bins = binned.subarray(best.feature * n, (best.feature + 1) * n);
      let leftCount = 0;
      for (let i = 0; i < rows.length; i++) if (bins[rows[i]!]! <= best.bin) leftCount++;
      const left = new Int32Array(leftCount);
      const right = new Int32Array(rows.length - leftCount);
      for (let i = 0, l = 0, q = 0; i < rows.length; i++) {
        const r = rows[i]!;
        if (bins[r]! <= best.bin) left[l++] = r;
        else right[q++] = r;
      }
      const small = left.length <= right.length ? left : right;
      const smallHistogram = histogram(small, allowed);
      const largeHistogram = own;
      for (let i = 0; i < largeHistogram.length; i++) largeHistogram[i]! -= smallHistogram[i]!;
      splits[index] = best;
      nodes[index * 2] = 1 + best.feature * THRESHOLD_SLOTS + best.bin;
      grow(left, small === left ? smallHistogram : largeHistogram, depth + 1);
      rightOf[index] = splits.length;
      grow(right, small === right ? smallHistogram : largeHistogram, depth + 1);
    };
    grow(rows, histogram(rows, allowed), 0);
    const predict = (r: number): number => {
      let at = 0;
      for (let split = splits[at]; split; split = splits[at]) at = binned[split.feature * n + r]! <= split.bin ? at + 1 : rightOf[at]!;
      return nodes[at * 2 + 1]! / params.scale;
    };
    return { nodes, predict };
  }

  function bestSplit(own: Float64Array, g: number, h: number, allowed: readonly number[]): { feature: number; bin: number } | null {
    const parentScore = (g * g) / (h + member.lambda);
    let best: { feature: number; bin: number } | null = null;
    let bestGain = member.minGain;
    for (const f of allowed) {
      const bins = binCount(f);
      if (bins < 2) continue;
      const base = histogramOffset[f]!;
      let wTotal = 0;
      for (let b = 0; b < bins; b++) wTotal += own[base + b * 3 + 2]!;
      let gl = 0;
      let hl = 0;
      let wl = 0;
      for (let b = 0; b + 1 < bins; b++) {
        gl += own[base + b * 3]!;
        hl += own[base + b * 3 + 1]!;
        wl += own[base + b * 3 + 2]!;
        if (wl < member.minLeafWeight) continue;
        if (wTotal - wl < member.minLeafWeight) break;
        const gr = g - gl;
        const hr = h - hl;
        const gain = 0.5 * ((gl * gl) / (hl + member.lambda) + (gr * gr) / (hr + member.lambda) - parentScore);
        if (gain > bestGain) {
          bestGain = gain;
          best = { feature: f, bin: b };
        }
      }
    }
    return best;
  }

  // Only the thresholds some split uses are stored (the model is bundled): renumber each feature's used bins.
  const used = thresholds.map(() => new Set<number>());
  for (const tree of trees) for (let i = 0; i < tree.length; i += 2) if (tree[i]) used[Math.floor((tree[i]! - 1) / THRESHOLD_SLOTS)]!.add((tree[i]! - 1) % THRESHOLD_SLOTS);
  const kept = used.map((bins) => [...bins].sort((a, b) => a - b));
  const renumbered = trees.map((tree) =>
    tree.map((code, i) => {
      if (i % 2 === 1 || code === 0) return code;
      const f = Math.floor((code - 1) / THRESHOLD_SLOTS);
      return 1 + f * THRESHOLD_SLOTS + kept[f]!.indexOf((code - 1) % THRESHOLD_SLOTS);
    }),
  );
  const data: TreesData = {
    format: TREES_FORMAT,
    note,
    features,
    outputs: k === 1 ? [classes[1]!] : classes,
    scale: params.scale,
    base: roundedBase.map((b) => b / params.scale),
    thresholds: encodeThresholds(kept.map((bins, f) => bins.map((b) => thresholds[f]![b]!))),
    trees: encodeTrees(renumbered),
    ...(plan.length > 1 ? { members: plan.length } : {}),
    // A blend member's trees and share differ from the others': each member's stored.
    ...(blend ? { memberTrees, memberWeights: plan.map((m) => m.weight) } : {}),
  };
  return { data, loss };
}
