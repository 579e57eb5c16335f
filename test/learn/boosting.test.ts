/**
 * The tree trainer and the evaluator the Lambda ships: a model learns a rule it is shown, the
 * same inputs make the same bytes, the stored form decodes to the trees that were trained, and a
 * decision's explanation adds up to its margin.
 */
import { describe, expect, it } from 'vitest';
import { memberSeeds, trainTrees, type BoostingParameters, type TrainingTable } from '../../src/learn/boosting.js';
import { THRESHOLD_SLOTS, TREES_FORMAT, Trees, type TreesData, decodeThresholds, decompress, decodeTrees, encodeThresholds, encodeTrees, sigmoid, softmax, weightiestFeatures } from '../../src/core/classifier/trees.js';
import { prng } from '../../scripts/prng.js';
import { storedBlockModels, type BlockModelFile } from '../../src/core/classifier/model-file.js';
import blockModel from '../../src/core/classifier/block-model.json' with { type: 'json' };
import lineModel from '../../src/core/text/line-model.json' with { type: 'json' };
import { handMadeModel } from './hand-made-trees.js';

const PARAMS: BoostingParameters = { rounds: 40, learningRate: 0.3, maxDepth: 3, minLeafWeight: 2, lambda: 1, minGain: 0, rowSample: 0.8, featureSample: 1, bins: 16, scale: 10000, seed: 7 };

/** Rows of three features; the class is given by `rule` on them (the third feature is noise). */
function table(rows: number, seed: number, rule: (x: number, y: number) => number, classes = 2): TrainingTable {
  const random = prng(seed);
  const values = new Float32Array(rows * 3);
  const labels = new Uint8Array(rows);
  for (let r = 0; r < rows; r++) {
    const x = random();
    const y = random();
    values.set([x, y, random()], r * 3);
    labels[r] = rule(x, y) % classes;
  }
  return { features: ['x', 'y', 'noise'], rows, values, labels, weights: new Float64Array(rows).fill(1) };
}

const xor = (x: number, y: number): number => (x > 0.5) !== (y > 0.3) ? 1 : 0;

describe('trainTrees', () => {
  it('learns a rule of two features that no single split separates (binary)', () => {
    const model = new Trees(trainTrees(table(2000, 1, xor), ['no', 'yes'], PARAMS, 'test').data);
    const test = table(500, 2, xor);
    const out = new Float64Array(1);
    let right = 0;
    for (let r = 0; r < test.rows; r++) if ((sigmoid(model.margins(test.values.subarray(r * 3, r * 3 + 3), out)[0]!) >= 0.5 ? 1 : 0) === test.labels[r]) right++;
    expect(right / test.rows).toBeGreaterThan(0.95);
  });

  it('learns three classes with softmax', () => {
    const bands = (x: number): number => (x < 0.25 ? 0 : x < 0.75 ? 1 : 2);
    const model = new Trees(trainTrees(table(1500, 3, bands, 3), ['a', 'b', 'c'], { ...PARAMS, bins: 64 }, 'test').data);
    expect(model.outputs).toEqual(['a', 'b', 'c']);
    const test = table(300, 4, bands, 3);
    const out = new Float64Array(3);
    let right = 0;
    for (let r = 0; r < test.rows; r++) {
      const p = softmax(model.margins(test.values.subarray(r * 3, r * 3 + 3), out));
      if (p.indexOf(Math.max(...p)) === test.labels[r]) right++;
    }
    expect(right / test.rows).toBeGreaterThan(0.95);
  });

  it('is deterministic: the same table, classes and seed give the same bytes; another seed does not', () => {
    const data = table(800, 5, xor);
    const once = JSON.stringify(trainTrees(data, ['no', 'yes'], PARAMS, 'test').data);
    expect(JSON.stringify(trainTrees(data, ['no', 'yes'], PARAMS, 'test').data)).toBe(once);
    expect(JSON.stringify(trainTrees(data, ['no', 'yes'], { ...PARAMS, seed: 8 }, 'test').data)).not.toBe(once);
  });

  it('stores each feature\'s thresholds in order, only those the trees use, and lowers the loss round after round', () => {
    const data = table(600, 6, xor);
    const trained = trainTrees(data, ['no', 'yes'], { ...PARAMS, rounds: 5 }, 'test');
    const thresholds = decodeThresholds(trained.data.thresholds);
    for (const cuts of thresholds) for (let i = 1; i < cuts.length; i++) expect(cuts[i]!).toBeGreaterThan(cuts[i - 1]!);
    // Only the thresholds the trees use are stored: the noise feature of few splits keeps few or none.
    expect(thresholds[2]!.length).toBeLessThan(thresholds[0]!.length);
    // The loss falls round after round on the training rows.
    expect(trained.loss[trained.loss.length - 1]!).toBeLessThan(trained.loss[0]!);
  });
});

describe('the stored thresholds', () => {
  it('read back as the same numbers, in fewer characters than their JSON', () => {
    const thresholds = [[0.5, 1.5, 2.5], [], [0.000599161, 0.0222576, 1195, -3.25e-7]];
    expect(decodeThresholds(encodeThresholds(thresholds))).toEqual(thresholds);
    const many = Array.from({ length: 40 }, (_, f) => Array.from({ length: 20 }, (_, b) => f + b + 0.5));
    expect(encodeThresholds(many).length).toBeLessThan(JSON.stringify(many).length / 2);
  });
});

describe('Trees', () => {
  it('decodes pre-order trees: left child next, right child after the left subtree', () => {
    // x ≤ 0.5 ? (y ≤ 0.5 ? 1 : 2) : 3, values × 10.
    const model = new Trees({
      format: TREES_FORMAT, note: '', features: ['x', 'y'], outputs: ['yes'], scale: 10, base: [0],
      thresholds: encodeThresholds([[0.5], [0.5]]),
      trees: encodeTrees([[1, 20, 1 + 256, 15, 0, 10, 0, 20, 0, 30]]),
    });
    const out = new Float64Array(1);
    expect(model.margins([0.2, 0.2], out)[0]).toBe(1);
    expect(model.margins([0.2, 0.9], out)[0]).toBe(2);
    expect(model.margins([0.9, 0.2], out)[0]).toBe(3);
  });

  it('reads a row in place in a table (marginsAt, margin) as it reads the row on its own (margins)', () => {
    const binary = new Trees(trainTrees(table(800, 11, xor), ['no', 'yes'], PARAMS, 'test').data);
    const bands = (x: number): number => (x < 0.25 ? 0 : x < 0.75 ? 1 : 2);
    const softmaxModel = new Trees(trainTrees(table(800, 12, bands, 3), ['a', 'b', 'c'], PARAMS, 'test').data);
    const rows = table(200, 13, xor);
    for (const model of [binary, softmaxModel]) {
      const own = new Float64Array(model.outputs.length);
      const inPlace = new Float64Array(model.outputs.length);
      for (let r = 0; r < rows.rows; r++) {
        expect(model.marginsAt(rows.values, r * 3, inPlace)).toEqual(model.margins(rows.values.slice(r * 3, r * 3 + 3), own));
        if (model.outputs.length === 1) expect(model.margin(rows.values, r * 3)).toBe(own[0]);
      }
    }
    expect(() => softmaxModel.margin(rows.values, 0)).toThrow(/one output/);
  });

  it('finds the likeliest output (likeliestAt) as the argmax of the softmax of every tree, close calls included', () => {
    const quarters = (x: number, y: number): number => Math.min(3, Math.floor(x * 4 + (y - 0.5) * 0.2));
    const model = new Trees(trainTrees(table(1200, 14, quarters, 4), ['a', 'b', 'c', 'd'], PARAMS, 'test').data);
    const rows = table(3000, 15, quarters, 4);
    const margins = new Float64Array(4);
    const scratch = new Float64Array(4);
    for (let r = 0; r < rows.rows; r++) {
      const p = softmax(model.marginsAt(rows.values, r * 3, margins));
      const argmax = p.indexOf(Math.max(...p));
      expect(model.likeliestAt(rows.values, r * 3, scratch)).toBe(argmax);
    }
  });

  it('walks its trees compiled to JavaScript to the margins of its arrays, bit for bit', () => {
    // Rows that sit on, just below and just above the models' thresholds, NaN and -0 among them, as the Float32Array tables the core gives.
    const rowsFor = (model: Trees, thresholds: number[][], count: number, seed: number): Float32Array => {
      const random = prng(seed);
      const width = model.features.length;
      const rows = new Float32Array(count * width);
      for (let i = 0; i < rows.length; i++) {
        const cuts = thresholds[i % width]!;
        const cut = cuts.length > 0 ? cuts[Math.floor(random() * cuts.length)]! : random();
        const pick = random();
        rows[i] = pick < 0.05 ? NaN : pick < 0.1 ? -0 : pick < 0.4 ? cut : pick < 0.7 ? cut * (1 + (random() - 0.5) * 1e-6) : cut + (random() - 0.5) * 4;
      }
      return rows;
    };
    const bands = (x: number): number => (x < 0.25 ? 0 : x < 0.75 ? 1 : 2);
    // 43 rounds: a last chunk of fewer trees than the others.
    const synthetic = [trainTrees(table(800, 21, xor), ['no', 'yes'], { ...PARAMS, rounds: 43 }, 'test').data, trainTrees(table(800, 22, bands, 3), ['a', 'b', 'c'], { ...PARAMS, rounds: 43 }, 'test').data];
    const committed = [...Object.values(storedBlockModels(blockModel as unknown as BlockModelFile)), lineModel.body as unknown as TreesData];
    for (const data of [...synthetic, ...committed]) {
      const arrays = new Trees(data, Infinity);
      const compiled = new Trees(data, 0);
      const k = data.outputs.length;
      const width = data.features.length;
      const rows = rowsFor(arrays, decodeThresholds(data.thresholds), 400, 23);
      const [a, b, scratchA, scratchB] = [new Float64Array(k), new Float64Array(k), new Float64Array(k), new Float64Array(k)];
      for (let r = 0; r < 400; r++) {
        if (arrays.members > 1) {
          // An ensemble (the committed body model, its stumps blended in): each member's probability and their weighted mean.
          for (let m = 0; m < arrays.members; m++) {
            expect(Object.is(compiled.memberProbability(rows, r * width, m), arrays.memberProbability(rows, r * width, m)), `row ${r} member ${m}`).toBe(true);
          }
          expect(Object.is(compiled.probability(rows, r * width), arrays.probability(rows, r * width))).toBe(true);
          continue;
        }
        arrays.marginsAt(rows, r * width, a);
        compiled.marginsAt(rows, r * width, b);
        for (let o = 0; o < k; o++) expect(Object.is(a[o], b[o]), `row ${r} output ${o}: ${a[o]} and ${b[o]}`).toBe(true);
        if (k === 1) expect(Object.is(compiled.margin(rows, r * width), arrays.margin(rows, r * width))).toBe(true);
        else expect(compiled.likeliestAt(rows, r * width, scratchB)).toBe(arrays.likeliestAt(rows, r * width, scratchA));
      }
      expect(compiled.isCompiled).toBe(true);
      expect(arrays.isCompiled).toBe(false);
    }
  });

  it('compiles its trees once it has evaluated compileAfterRows rows, with the same margins before and after', () => {
    const data = trainTrees(table(800, 24, xor), ['no', 'yes'], PARAMS, 'test').data;
    const rows = table(60, 25, xor);
    const arrays = new Trees(data, Infinity);
    const tiered = new Trees(data, 20);
    for (let r = 0; r < 60; r++) {
      expect(tiered.isCompiled).toBe(r >= 20);
      expect(Object.is(tiered.margin(rows.values, r * 3), arrays.margin(rows.values, r * 3))).toBe(true);
    }
    // The models of the core compile after the default count, not on their first rows.
    const core = new Trees(data);
    for (let r = 0; r < 60; r++) core.margin(rows.values, r * 3);
    expect(core.isCompiled).toBe(false);
  });

  it('stops walking trees (likeliestAt) once the rounds left cannot change the likeliest output', () => {
    // Round 0 decides by feature 0 (leaves of ±5); the 9 rounds after it only nudge by feature 1 (±0.1).
    const decisive = (sign: number): number[] => [1, 0, 0, 500 * sign, 0, -500 * sign];
    const nudge = [1 + THRESHOLD_SLOTS, 0, 0, 10, 0, -10];
    const trees = [decisive(1), decisive(-1), ...Array.from({ length: 18 }, () => nudge)];
    const model = new Trees(handMadeModel(trees, { outputs: ['x', 'y'], base: [0, 0] }));
    const reads = [0, 0];
    const row = new Proxy([0.2, 0.7], { get: (target, key) => (typeof key === 'string' && /^\d$/.test(key) ? (reads[Number(key)]!++, target[Number(key)]) : Reflect.get(target, key)) });
    expect(model.likeliestAt(row, 0, new Float64Array(2))).toBe(0);
    // Looked at after 5 rounds: x leads y by 10, and the 5 rounds left can move each by 0.5 at most.
    expect(reads).toEqual([2, 8]);
    // A close call walks every tree.
    const close = new Trees(handMadeModel([[0, 1], [0, 0], ...trees.slice(2)], { outputs: ['x', 'y'], base: [0, 0] }));
    reads.fill(0);
    expect(close.likeliestAt(row, 0, new Float64Array(2))).toBe(0);
    expect(reads).toEqual([0, 18]);
  });

  it('stores trees in 4 bytes a node (compressed) and reads back the same integers; refuses a value past 16 bits', () => {
    const trees = [[1 + 162 * 256 + 31, -32768, 0, 32767, 0, -1], [0, 5], []];
    expect(decodeTrees(encodeTrees(trees))).toEqual(trees);
    // The number of trees, the tree's node count, then its 3 splits and its 3 values.
    expect(decompress(encodeTrees([trees[0]!]))).toHaveLength(4 + 2 + 12);
    expect(() => encodeTrees([[0, 40000]])).toThrow(/does not fit/);
    expect(() => encodeTrees([[70000, 0]])).toThrow(/does not fit/);
  });

  it('stores the committed models\' trees in about 3 characters a node (the Lambda bundles them)', () => {
    // Deflated node pairs in base64 (trees@4) took 3.9, 3.8 and 3.5 characters a node; columns under Brotli in Z85 3.0, 2.7 and 2.6.
    for (const model of [blockModel.body, blockModel.segment, lineModel.body]) {
      const nodes = decodeTrees(model.trees).reduce((sum, tree) => sum + tree.length / 2, 0);
      expect(model.trees.length / nodes).toBeLessThan(3.1);
    }
  });

  it('explains a margin: the bias plus every feature contribution is the margin', () => {
    const data = table(1000, 9, xor, 2);
    const model = new Trees(trainTrees(data, ['no', 'yes'], PARAMS, 'test').data);
    for (let r = 0; r < 20; r++) {
      const row = data.values.subarray(r * 3, r * 3 + 3);
      const { bias, contributions } = model.explain(row);
      let sum = bias[0]!;
      for (const c of contributions.values()) sum += c[0]!;
      expect(sum).toBeCloseTo(model.margins(row, new Float64Array(1))[0]!, 9);
      // The noise feature weighs less than the two that decide.
      expect(Math.abs(contributions.get(2)?.[0] ?? 0)).toBeLessThan(Math.abs(contributions.get(0)?.[0] ?? 0) + Math.abs(contributions.get(1)?.[0] ?? 0));
    }
  });

  it('refuses a model of another format', () => {
    expect(() => new Trees({ format: 'other' } as never)).toThrow(/format/);
  });
});

describe('ensembles of several members (TreesData.members)', () => {
  /** The hand-made model, `members` stored when given. */
  const handMade = (trees: number[][], members?: number): TreesData => handMadeModel(trees, members === undefined ? {} : { members });
  // Member 1: a ≤ 0.5 → -1.5, else +2; then b ≤ 0.5 → +0.3, else -0.7. Member 2: b ≤ 0.5 → -0.4, else +1.1; a stump of 0.25.
  const first = [[1, 0, 0, -150, 0, 200], [1 + THRESHOLD_SLOTS, 0, 0, 30, 0, -70]];
  const second = [[1 + THRESHOLD_SLOTS, 0, 0, -40, 0, 110], [0, 25]];
  const rows = Float32Array.from([0.2, 0.2, 0.2, 0.9, 0.9, 0.2, 0.9, 0.9, NaN, 0.5, 0.5, NaN]);

  it('gives the mean of its members\' probabilities, compiled or with the arrays', () => {
    const [one, two] = [new Trees(handMade(first), Infinity), new Trees(handMade(second), Infinity)];
    const arrays = new Trees(handMade([...first, ...second], 2), Infinity);
    const compiled = new Trees(handMade([...first, ...second], 2), 0);
    expect(arrays.members).toBe(2);
    for (let r = 0; r < rows.length / 2; r++) {
      const mean = (sigmoid(one.margin(rows, r * 2)) + sigmoid(two.margin(rows, r * 2))) / 2;
      expect(arrays.probability(rows, r * 2)).toBe(mean);
      expect(compiled.probability(rows, r * 2)).toBe(mean);
    }
    expect(compiled.isCompiled).toBe(true);
    // Row (0.9, 0.2): member 1's margin 0.1 + 2 + 0.3, member 2's 0.1 - 0.4 + 0.25.
    expect(arrays.probability(rows, 4)).toBeCloseTo((sigmoid(2.4) + sigmoid(-0.05)) / 2, 12);
    // An ensemble has no one margin.
    expect(() => arrays.margin(rows, 0)).toThrow(/members/);
  });

  it('explains a decision by its members\' contributions averaged: with the bias they make the members\' mean margin', () => {
    const model = new Trees(handMade([...first, ...second], 2));
    const [one, two] = [new Trees(handMade(first)), new Trees(handMade(second))];
    for (let r = 0; r < rows.length / 2; r++) {
      const row = rows.subarray(r * 2, r * 2 + 2);
      const { bias, contributions } = model.explain(row);
      let sum = bias[0]!;
      for (const c of contributions.values()) sum += c[0]!;
      expect(sum).toBeCloseTo((one.margin(row, 0) + two.margin(row, 0)) / 2, 12);
      const [a, b] = [one.explain(row).contributions, two.explain(row).contributions];
      for (const f of [0, 1]) expect(contributions.get(f)?.[0] ?? 0).toBeCloseTo(((a.get(f)?.[0] ?? 0) + (b.get(f)?.[0] ?? 0)) / 2, 12);
    }
    // Row (0.9, 0.2): a moved member 1 by +2 (from its root's 0), b by +0.3 and member 2 by -0.4.
    expect(weightiestFeatures(model, rows.subarray(4, 6), 0, 2)).toEqual(['a +1.00', 'b -0.05']);
  });

  it('refuses members of unequal sizes, and members of a model of several outputs', () => {
    expect(() => new Trees(handMade([...first, ...second, [0, 1]], 2))).toThrow(/members/);
    expect(() => new Trees(handMade(first, 0))).toThrow(/members/);
    const softmaxModel = trainTrees(table(300, 31, xor, 3), ['a', 'b', 'c'], { ...PARAMS, rounds: 4 }, 'test').data;
    expect(() => new Trees({ ...softmaxModel, members: 2 })).toThrow(/binary/);
    expect(() => trainTrees(table(300, 31, xor, 3), ['a', 'b', 'c'], { ...PARAMS, rounds: 4, members: 2 }, 'test')).toThrow(/binary/);
  });

  it('evaluates a model of one member as a plain model, bit for bit: probability is sigmoid(margin); the committed line model among them', () => {
    const committed = [lineModel.body as unknown as TreesData];
    for (const data of [handMade(first), handMade(first, 1), ...committed]) {
      for (const compileAfter of [Infinity, 0]) {
        const model = new Trees(data, compileAfter);
        expect(model.members).toBe(1);
        const width = data.features.length;
        const random = prng(41);
        const values = Float32Array.from({ length: 200 * width }, () => (random() < 0.1 ? NaN : random() * 3 - 1));
        for (let r = 0; r < 200; r++) expect(Object.is(model.probability(values, r * width), sigmoid(model.margin(values, r * width)))).toBe(true);
      }
    }
    // The committed line model stores no member count.
    for (const data of committed) expect('members' in data).toBe(false);
    // The committed body model is its trees and the stumps blended in after them (eval/training.json body.blend): two
    // members of their own sizes and shares, its probability their weighted sum bit for bit.
    const body = storedBlockModels(blockModel as unknown as BlockModelFile).body;
    expect(body.members).toBe(2);
    expect(body.memberWeights).toEqual([0.5, 0.5]);
    const model = new Trees(body, Infinity);
    const width = body.features.length;
    const random = prng(41);
    const values = Float32Array.from({ length: 200 * width }, () => (random() < 0.1 ? NaN : random() * 3 - 1));
    for (let r = 0; r < 200; r++) {
      const weighted = 0 + 0.5 * model.memberProbability(values, r * width, 0) + 0.5 * model.memberProbability(values, r * width, 1);
      expect(Object.is(model.probability(values, r * width), weighted)).toBe(true);
    }
  });

  it('trains members on one binning, each the model of its seed (the first the model of the seed itself), deterministically', () => {
    const data = table(900, 32, xor);
    const seeds = memberSeeds(PARAMS.seed, 3);
    expect(seeds[0]).toBe(PARAMS.seed);
    expect(new Set(seeds).size).toBe(3);
    expect(memberSeeds(PARAMS.seed, 3)).toEqual(seeds);
    expect(memberSeeds(PARAMS.seed, 2)).toEqual(seeds.slice(0, 2));
    const ensemble = trainTrees(data, ['no', 'yes'], { ...PARAMS, members: 2 }, 'test');
    expect(JSON.stringify(trainTrees(data, ['no', 'yes'], { ...PARAMS, members: 2 }, 'test').data)).toBe(JSON.stringify(ensemble.data));
    expect(ensemble.data.members).toBe(2);
    expect(decodeTrees(ensemble.data.trees)).toHaveLength(2 * PARAMS.rounds);
    expect(ensemble.loss).toHaveLength(2 * PARAMS.rounds);
    // One member: the plain model's bytes (no member count stored).
    const plain = trainTrees(data, ['no', 'yes'], PARAMS, 'test').data;
    expect(JSON.stringify(trainTrees(data, ['no', 'yes'], { ...PARAMS, members: 1 }, 'test').data)).toBe(JSON.stringify(plain));
    // Each member is the model its seed trains alone: the ensemble's probability is their mean, bit for bit.
    const model = new Trees(ensemble.data);
    const [one, two] = [new Trees(plain), new Trees(trainTrees(data, ['no', 'yes'], { ...PARAMS, seed: seeds[1]! }, 'test').data)];
    const test = table(300, 33, xor);
    let differ = 0;
    for (let r = 0; r < test.rows; r++) {
      const [p1, p2] = [sigmoid(one.margin(test.values, r * 3)), sigmoid(two.margin(test.values, r * 3))];
      expect(model.probability(test.values, r * 3)).toBe((p1 + p2) / 2);
      if (p1 !== p2) differ++;
    }
    // The members are different models.
    expect(differ).toBeGreaterThan(test.rows / 2);
  });
});

describe('a blend member of another kind (BoostingParameters.blend, TreesData.memberTrees and memberWeights)', () => {
  const handMade = handMadeModel;
  // Member 1: a ≤ 0.5 → -1.5, else (b ≤ 0.5 → +0.2, else +2); then b ≤ 0.5 → +0.3, else -0.7. Member 2: one stump, b ≤ 0.5 → -0.4, else +1.1.
  const first = [[1, 0, 0, -150, 1 + THRESHOLD_SLOTS, 0, 0, 20, 0, 200], [1 + THRESHOLD_SLOTS, 0, 0, 30, 0, -70]];
  const second = [[1 + THRESHOLD_SLOTS, 0, 0, -40, 0, 110]];
  const rows = Float32Array.from([0.2, 0.2, 0.2, 0.9, 0.9, 0.2, 0.9, 0.9, NaN, 0.5, 0.5, NaN]);

  it("weighs its members' probabilities by their shares, compiled or with the arrays, and explains by the shares", () => {
    const [one, two] = [new Trees(handMade(first), Infinity), new Trees(handMade(second), Infinity)];
    const blended = { members: 2, memberTrees: [2, 1], memberWeights: [0.7, 0.3] };
    const arrays = new Trees(handMade([...first, ...second], blended), Infinity);
    const compiled = new Trees(handMade([...first, ...second], blended), 0);
    for (let r = 0; r < rows.length / 2; r++) {
      const weighted = 0.7 * sigmoid(one.margin(rows, r * 2)) + 0.3 * sigmoid(two.margin(rows, r * 2));
      expect(arrays.probability(rows, r * 2)).toBe(weighted);
      expect(compiled.probability(rows, r * 2)).toBe(weighted);
      const { bias, contributions } = arrays.explain(rows.subarray(r * 2, r * 2 + 2));
      let sum = bias[0]!;
      for (const c of contributions.values()) sum += c[0]!;
      expect(sum).toBeCloseTo(0.7 * one.margin(rows, r * 2) + 0.3 * two.margin(rows, r * 2), 12);
    }
    expect(compiled.isCompiled).toBe(true);
    // Row (0.9, 0.2): member 1's margin 0.1 + 0.2 + 0.3, member 2's 0.1 - 0.4.
    expect(arrays.probability(rows, 4)).toBeCloseTo(0.7 * sigmoid(0.6) + 0.3 * sigmoid(-0.3), 12);
  });

  it('refuses member sizes that do not make up the trees, and weights that are no shares', () => {
    const trees = [...first, ...second];
    expect(() => new Trees(handMade(trees, { members: 2, memberTrees: [1, 1] }))).toThrow(/members of 1, 1 trees/);
    expect(() => new Trees(handMade(trees, { members: 2, memberTrees: [3] }))).toThrow(/members/);
    expect(() => new Trees(handMade(trees, { members: 2, memberTrees: [2, 1], memberWeights: [0.7, 0.2] }))).toThrow(/shares/);
    expect(() => new Trees(handMade(trees, { members: 2, memberTrees: [2, 1], memberWeights: [1, 0] }))).toThrow(/shares/);
    expect(() => new Trees(handMade(trees, { members: 2, memberTrees: [2, 1], memberWeights: [1] }))).toThrow(/shares/);
  });

  it("trains the blend member on the model's binning and seed with its own settings: the model those settings train alone", () => {
    const data = table(900, 34, xor);
    const stumps = { rounds: 60, maxDepth: 1 };
    const blended = trainTrees(data, ['no', 'yes'], { ...PARAMS, blend: { weight: 0.3, ...stumps } }, 'test');
    expect(JSON.stringify(trainTrees(data, ['no', 'yes'], { ...PARAMS, blend: { weight: 0.3, ...stumps } }, 'test').data)).toBe(JSON.stringify(blended.data));
    expect(blended.data).toMatchObject({ members: 2, memberTrees: [PARAMS.rounds, 60], memberWeights: [0.7, 0.3] });
    expect(blended.loss).toHaveLength(PARAMS.rounds + 60);
    const trees = decodeTrees(blended.data.trees);
    // The stumps: a split and two leaves each.
    expect(trees.slice(PARAMS.rounds).every((tree) => tree.length === 6)).toBe(true);
    const [main, alone] = [new Trees(trainTrees(data, ['no', 'yes'], PARAMS, 'test').data), new Trees(trainTrees(data, ['no', 'yes'], { ...PARAMS, ...stumps }, 'test').data)];
    const model = new Trees(blended.data);
    const test = table(300, 35, xor);
    for (let r = 0; r < test.rows; r++) expect(model.probability(test.values, r * 3)).toBe(0.7 * sigmoid(main.margin(test.values, r * 3)) + 0.3 * sigmoid(alone.margin(test.values, r * 3)));
    // The stumps alone cannot learn the rule (it needs two features at once); blended, the model still does.
    const accuracy = (p: (r: number) => number): number => {
      let right = 0;
      for (let r = 0; r < test.rows; r++) if ((p(r) >= 0.5 ? 1 : 0) === test.labels[r]) right++;
      return right / test.rows;
    };
    expect(accuracy((r) => sigmoid(alone.margin(test.values, r * 3)))).toBeLessThan(0.8);
    expect(accuracy((r) => model.probability(test.values, r * 3))).toBeGreaterThan(0.9);
  });

  it('is for a binary model, with a share between 0 and 1', () => {
    expect(() => trainTrees(table(300, 31, xor, 3), ['a', 'b', 'c'], { ...PARAMS, rounds: 4, blend: { weight: 0.3 } }, 'test')).toThrow(/binary/);
    for (const weight of [0, 1, 1.5]) expect(() => trainTrees(table(300, 31, xor), ['no', 'yes'], { ...PARAMS, rounds: 4, blend: { weight } }, 'test')).toThrow(/blend.weight/);
  });
});
