/**
 * A model of hand-made trees for the evaluator's and the decision's tests: features a and b (a threshold of 0.5 each),
 * binary with a base of 0.1, values in hundredths, with `extra` stored beside the trees or in place of those fields
 * (members, memberTrees, memberWeights…; outputs and base for a model of several outputs).
 * A node is two integers as encodeTrees stores them: the split (0 a leaf, else 1 + feature × THRESHOLD_SLOTS + threshold
 * index) and the value.
 */
import { TREES_FORMAT, encodeThresholds, encodeTrees, type TreesData } from '../../src/core/classifier/trees.js';

export const handMadeModel = (trees: number[][], extra: Partial<TreesData> = {}): TreesData => ({
  format: TREES_FORMAT,
  note: 'test',
  features: ['a', 'b'],
  outputs: ['yes'],
  scale: 100,
  base: [0.1],
  thresholds: encodeThresholds([[0.5], [0.5]]),
  trees: encodeTrees(trees),
  ...extra,
});
