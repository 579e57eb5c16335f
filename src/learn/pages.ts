/**
 * A corpus page read the way `clean` reads it, up to what the block model sees: the blocks, the
 * page-level steps, the feature table, and what the rules decide on their own (copies of the
 * title and byline, datelines, textual cues: never asked of a model). The same core functions as
 * `clean`, so a feature means the same in training and in the Lambda.
 */
import { decode } from '../core/decode.js';
import { readHtmlPage } from '../core/html/page.js';
import { resolveOptions } from '../core/options.js';
import { Watchdog } from '../core/watchdog.js';
import { classifyBlocks } from '../core/classifier/cascade.js';
import type { Classified } from '../core/classifier/classes.js';
import { preparePage, type PreparedPage } from '../core/classifier/content-root.js';
import { ruleDecisions } from '../core/classifier/rules.js';
import { blockFeatures, titleAnchor, type FeatureTable } from '../core/classifier/features.js';
import type { Block, ContainerTable } from '../core/html/walk.js';
import type { Metadata } from '../core/metadata.js';

export interface LearnPage {
  readonly id: string;
  readonly blocks: readonly Block[];
  readonly containers: ContainerTable;
  readonly prepared: PreparedPage;
  readonly features: FeatureTable;
  /** The rule classifier's decisions (the classes and cues of src/core/classifier/cascade.ts). */
  readonly rules: readonly Classified[];
  /** What the rules decide before any model (copies of the metadata, textual cues: ../core/classifier ruleDecisions), null elsewhere. */
  readonly decided: ReadonlyArray<Classified | null>;
  /** 1 for each block `decided` holds: no model is asked, none learns from it. */
  readonly lifted: Uint8Array;
  /** The rules' class of a block the body model finds is not body (teasers), null elsewhere. */
  readonly notBody: ReadonlyArray<Classified | null>;
  readonly metadata: Metadata;
}

/** Reads one HTML page; null for a page the core reads as plain text or cannot clean. */
export function readLearnPage(id: string, bytes: Uint8Array): LearnPage | null {
  const options = resolveOptions({});
  const watchdog = new Watchdog(options.timeBudgetMs);
  let decoded;
  try {
    decoded = decode({ bytes, name: id }, options.maxBytes);
  } catch {
    return null;
  }
  if (decoded.format !== 'html') return null;
  const { walked, meta, echoes } = readHtmlPage(decoded.text, watchdog, options);
  const { blocks, containers } = walked;
  const rules = classifyBlocks(blocks, containers, echoes);
  const prepared = preparePage(blocks, containers, echoes.titles);
  const { copies, decided, notBody } = ruleDecisions(blocks, prepared, echoes, options.classification);
  const lifted = Uint8Array.from(decided, (item) => (item ? 1 : 0));
  const features = blockFeatures({ blocks, containers, prepared, language: meta.language, pageTypes: meta.pageTypes, titleBlock: titleAnchor(blocks, copies) });
  const { titleCandidates: _titles, pageTypes: _types, ...metadata } = meta;
  return { id, blocks, containers, prepared, features, rules, decided, lifted, notBody, metadata };
}
