/**
 * Blocks → classes by the learned models. The body model gives each block its probability of
 * being body, from its own features and those of its neighbours, windows, containers and
 * repeated unit (./features.ts: the revision by neighbours is in the features). A block at or
 * above `minBodyProbability` is body; any other block takes the class the segment model finds
 * likeliest among caption, ad, legal and chrome. Blocks the metadata rules lifted (copies of the
 * title and byline, datelines) keep the rules' decision.
 */
import type { Block, ContainerTable } from '../html/walk.js';
import type { BlockClass, Classified, PreparedPage } from '../classify.js';
import { featureRow, type FeatureTable } from './features.js';
import { sigmoid, softmax, type Trees } from './trees.js';

export interface BlockModels {
  /** Binary: the margin of `body`, from the block features. */
  readonly body: Trees;
  /** Softmax over the classes other than body, from the block features. */
  readonly segment: Trees;
}

export interface DecisionOptions {
  /** Probability of body from which a block is body. */
  readonly minBodyProbability: number;
}

export interface PageBlocks {
  readonly blocks: readonly Block[];
  readonly containers: ContainerTable;
  readonly prepared: PreparedPage;
  readonly features: FeatureTable;
}

/** Each row's probability of the binary model's class. */
export function probabilities(model: Trees, table: FeatureTable): Float64Array {
  const out = new Float64Array(table.rows);
  const margin = new Float64Array(1);
  for (let i = 0; i < table.rows; i++) out[i] = sigmoid(model.margins(featureRow(table, i), margin)[0]!);
  return out;
}

/** The likeliest class other than body for one block's features. */
function segmentClass(model: Trees, row: ArrayLike<number>, scratch: Float64Array): BlockClass {
  const p = softmax(model.margins(row, scratch));
  let best = 0;
  for (let c = 1; c < p.length; c++) if (p[c]! > p[best]!) best = c;
  return model.outputs[best] as BlockClass;
}

/** Every block's class from its final probability of body; `lifted[i]` holds the rules' decision for a block they lifted, else null. */
export function classesFrom(page: PageBlocks, lifted: ReadonlyArray<Classified | null>, probability: Float64Array, segment: Trees, options: DecisionOptions): Classified[] {
  const scratch = new Float64Array(segment.outputs.length);
  return page.blocks.map((block, i) => {
    const rule = lifted[i];
    if (rule) return rule;
    const type = probability[i]! >= options.minBodyProbability ? 'body' : segmentClass(segment, featureRow(page.features, i), scratch);
    return { block, type, cues: [`model:${type}`, `p(body)=${probability[i]!.toFixed(2)}`] };
  });
}

/** Every block's class by the models; `lifted[i]` holds the rules' decision for a block they lifted, else null. */
export function decideBlocks(page: PageBlocks, lifted: ReadonlyArray<Classified | null>, models: BlockModels, options: DecisionOptions): Classified[] {
  return classesFrom(page, lifted, probabilities(models.body, page.features), models.segment, options);
}
