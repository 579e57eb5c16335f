/**
 * The HTML classifier: the page-level steps (content root, flags, link lists), the copies of
 * the metadata and the textual cues decided by rule, then the learned models on every other block (./decide.ts), from
 * the model file that `npm run train` rebuilds (./block-model.json, see eval/training.json).
 */
import type { Block, ContainerTable } from '../html/walk.js';
import { classifyBlocks } from './cascade.js';
import type { Classified } from './classes.js';
import { preparePage } from './content-root.js';
import { blockCueMatches, blockDatelines } from './cue-matches.js';
import type { MetadataEchoes } from './echoes.js';
import { BLOCK_MODEL_SCOPE } from '../cues/thresholds.js';
import { ruleDecisions } from './rules.js';
import type { ClassificationOptions } from '../cues/classification.js';
import type { Watchdog } from '../watchdog.js';
import { FEATURE_NAMES, blockFeatures, titleAnchor } from './features.js';
import { decideBlocks, type BlockModels, type DecisionOptions } from './decide.js';
import { EXPLAINED_FEATURES, Trees } from './trees.js';
import { storedBlockModels, type BlockModelFile } from './model-file.js';
import modelFile from './block-model.json' with { type: 'json' };

const file = modelFile as unknown as BlockModelFile;
const models = storedBlockModels(file);
/** The decision the models were trained and reported with (eval/training.json's `decision`): a threshold, and each page's own. */
export const MODEL_DECISION: DecisionOptions = file.decision;
if (file.features.join('\n') !== FEATURE_NAMES.join('\n')) throw new Error('the block models were trained on other features than src/core/classifier/features.ts computes: run npm run train');
/** The models, decoded once per process, on first use (a run of small pages or of text never needs them): constant data, the same for every page. */
let blockModels: BlockModels | null = null;
function committedBlockModels(): BlockModels {
  return (blockModels ??= { body: new Trees(models.body), segment: new Trees(models.segment) });
}

export interface HtmlPageInput {
  readonly blocks: readonly Block[];
  readonly containers: ContainerTable;
  readonly echoes: MetadataEchoes;
  /** The page's declared language, and what it says it is (JSON-LD @type names, og:type). */
  readonly language: string | null;
  readonly pageTypes: string;
}

export interface HtmlClassifierOptions {
  readonly classification: ClassificationOptions;
  /** The body threshold for every page; null for the model's own decision (MODEL_DECISION: each page's own threshold). */
  readonly minBodyProbability: number | null;
  /** Name in each block's cues the features that weighed most in its class. */
  readonly explain: boolean;
}

export function classifyHtmlBlocks(page: HtmlPageInput, options: HtmlClassifierOptions, watchdog?: Watchdog): Classified[] {
  const { blocks, containers, echoes } = page;
  // Too small a page for what the models learned (see BLOCK_MODEL_SCOPE): the rules decide it.
  if (blocks.length < BLOCK_MODEL_SCOPE.minBlocks) return classifyBlocks(blocks, containers, echoes, options.classification, watchdog);
  watchdog?.check('classifying');
  // The cue patterns and the dateline test run once per block, for the rules and the features both.
  const prepared = {
    ...preparePage(blocks, containers, echoes.titles, options.classification),
    cueMatches: blockCueMatches(blocks, options.classification, watchdog),
    datelines: blockDatelines(blocks, options.classification, watchdog),
  };
  const { copies, decided, notBody } = ruleDecisions(blocks, prepared, echoes, options.classification, watchdog);
  const features = blockFeatures({ blocks, containers, prepared, language: page.language, pageTypes: page.pageTypes, titleBlock: titleAnchor(blocks, copies), watchdog }, options.classification);
  watchdog?.check('classifying');
  return decideBlocks(
    { blocks, containers, prepared, features, notBody },
    decided,
    committedBlockModels(),
    {
      ...MODEL_DECISION,
      minBodyProbability: options.minBodyProbability ?? MODEL_DECISION.minBodyProbability,
      // A threshold the caller sets holds for every page; otherwise each page has its own (MODEL_DECISION.perPage).
      perPage: options.minBodyProbability === null ? MODEL_DECISION.perPage : null,
      explainFeatures: options.explain ? EXPLAINED_FEATURES : 0,
    },
    watchdog,
  );
}
