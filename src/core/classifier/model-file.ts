/**
 * The block model file (./block-model.json, written by scripts/train.ts): the two models read the
 * same feature vectors, so the feature names are stored once, beside the decision threshold, and each
 * model's trees without them (the file is bundled in the Lambda, whose bundle has a 1 MB budget: the
 * second copy of the 187 names took 2.9 KB).
 */
import type { DecisionOptions } from './decide.js';
import type { TreesData } from './trees.js';

/** A model as the file stores it: its trees without the feature names. */
export type StoredTrees = Omit<TreesData, 'features'>;

export interface BlockModelFile {
  readonly note: string;
  readonly decision: DecisionOptions;
  /** The names of the features both models read, in the order of their vectors. */
  readonly features: readonly string[];
  readonly body: StoredTrees;
  readonly segment: StoredTrees;
}

/** The file of two models trained on the same features; throws when their features differ. */
export function blockModelFile(note: string, decision: DecisionOptions, body: TreesData, segment: TreesData): BlockModelFile {
  if (body.features.join('\n') !== segment.features.join('\n')) throw new Error('the body and segment models were trained on different features');
  const { features, ...bodyTrees } = body;
  const { features: _segmentFeatures, ...segmentTrees } = segment;
  return { note, decision, features, body: bodyTrees, segment: segmentTrees };
}

/** The two models of a file, each with the feature names. */
export function storedBlockModels(file: BlockModelFile): { body: TreesData; segment: TreesData } {
  return { body: { ...file.body, features: file.features }, segment: { ...file.segment, features: file.features } };
}
