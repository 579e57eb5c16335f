/**
 * Blocks → classes by the learned models: the body model gives each block the probability that
 * it is body; a block at or above `minBodyProbability` is body, and any other block takes the
 * class the segment model finds likeliest among caption, ad, legal and chrome. Blocks the
 * metadata rules lifted (copies of the title and byline, datelines) keep the rules' decision.
 */
import type { Block } from '../html/walk.js';
import type { BlockClass, Classified } from '../classify.js';
import { featureRow, type FeatureTable } from './features.js';
import { sigmoid, softmax, type Trees } from './trees.js';

export interface BlockModels {
  /** Binary: the margin of `body`. */
  readonly body: Trees;
  /** Softmax over the classes other than body. */
  readonly segment: Trees;
}

export interface DecisionOptions {
  /** Probability of body from which a block is body. */
  readonly minBodyProbability: number;
}

export interface Decision {
  readonly bodyProbability: number;
  readonly type: BlockClass;
}

/** The models' decision for one block's feature row. */
export function decideBlock(row: ArrayLike<number>, models: BlockModels, options: DecisionOptions, scratch: { one: Float64Array; many: Float64Array }): Decision {
  const bodyProbability = sigmoid(models.body.margins(row, scratch.one)[0]!);
  if (bodyProbability >= options.minBodyProbability) return { bodyProbability, type: 'body' };
  const probabilities = softmax(models.segment.margins(row, scratch.many));
  let best = 0;
  for (let c = 1; c < probabilities.length; c++) if (probabilities[c]! > probabilities[best]!) best = c;
  return { bodyProbability, type: models.segment.outputs[best] as BlockClass };
}

/** Every block's class; `lifted[i]` holds the rules' decision for a block they lifted, else null. */
export function decideBlocks(blocks: readonly Block[], features: FeatureTable, lifted: ReadonlyArray<Classified | null>, models: BlockModels, options: DecisionOptions): Classified[] {
  const scratch = { one: new Float64Array(1), many: new Float64Array(models.segment.outputs.length) };
  return blocks.map((block, i) => {
    const rule = lifted[i];
    if (rule) return rule;
    const decision = decideBlock(featureRow(features, i), models, options, scratch);
    return { block, type: decision.type, cues: [`model:${decision.type}`, `p(body)=${decision.bodyProbability.toFixed(2)}`] };
  });
}
