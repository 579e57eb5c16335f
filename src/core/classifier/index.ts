/**
 * The HTML classifier: the page-level steps (content root, flags, link lists), the copies of
 * the metadata lifted by rule, then the learned models on every other block (./decide.ts), from
 * the model file that `npm run train` rebuilds (./block-model.json, see eval/training.json).
 */
import type { Block, ContainerTable } from '../html/walk.js';
import { metadataCopies, preparePage, type Classified, type MetadataEchoes } from '../classify.js';
import { CLASSIFICATION } from '../cues/classification.js';
import type { Watchdog } from '../watchdog.js';
import { blockFeatures, titleAnchor } from './features.js';
import { decideBlocks, type BlockModels, type DecisionOptions } from './decide.js';
import { Trees, type TreesData } from './trees.js';
import modelFile from './block-model.json' with { type: 'json' };

const models = modelFile as unknown as { body: TreesData; segment: TreesData; decision: DecisionOptions };
/** The decision threshold the models were trained and reported with (eval/training.json's `decision`). */
export const MODEL_DECISION: DecisionOptions = { minBodyProbability: models.decision.minBodyProbability };
/** The models, decoded once per process: constant data, the same for every page. */
export const BLOCK_MODELS: BlockModels = { body: new Trees(models.body), segment: new Trees(models.segment) };

export interface HtmlPageInput {
  readonly blocks: readonly Block[];
  readonly containers: ContainerTable;
  readonly echoes: MetadataEchoes;
  /** The page's declared language, and what it says it is (JSON-LD @type names, og:type). */
  readonly language: string | null;
  readonly pageTypes: string;
}

export function classifyHtmlBlocks(page: HtmlPageInput, watchdog?: Watchdog, decision: DecisionOptions = MODEL_DECISION): Classified[] {
  const { blocks, containers, echoes } = page;
  const prepared = preparePage(blocks, containers, echoes.titles, CLASSIFICATION);
  const lifted = metadataCopies(blocks, echoes, CLASSIFICATION, watchdog);
  const features = blockFeatures({ blocks, containers, prepared, language: page.language, pageTypes: page.pageTypes, titleBlock: titleAnchor(blocks, lifted) });
  watchdog?.check('classifying');
  return decideBlocks({ blocks, containers, prepared, features }, lifted, BLOCK_MODELS, decision);
}
