/**
 * A corpus page read the way `clean` reads it, up to what the block model sees: the blocks, the
 * page-level steps, the feature table, and what the rules decide on their own (copies of the
 * title and byline, datelines: metadata, never asked of a model). The same core functions as
 * `clean`, so a feature means the same in training and in the Lambda.
 */
import { decode } from '../core/decode.js';
import { readHtmlPage } from '../core/clean.js';
import { resolveOptions } from '../core/options.js';
import { Watchdog } from '../core/watchdog.js';
import { classifyBlocks, preparePage, type Classified, type PreparedPage } from '../core/classify.js';
import { blockFeatures, titleAnchor, type FeatureTable } from '../core/classifier/features.js';
import type { Block, ContainerTable } from '../core/html/walk.js';
import type { Metadata } from '../core/metadata.js';

export interface LearnPage {
  readonly id: string;
  readonly blocks: readonly Block[];
  readonly containers: ContainerTable;
  readonly prepared: PreparedPage;
  readonly features: FeatureTable;
  /** The rule classifier's decisions (the classes and cues of classify.ts). */
  readonly rules: readonly Classified[];
  /** Blocks the metadata rules take out before any model: copies of the title or byline, datelines. */
  readonly lifted: Uint8Array;
  readonly metadata: Metadata;
}

/** Whether a rule decision lifts the block into metadata. */
export function isLifted(item: Classified): boolean {
  return item.cues[0]?.startsWith('metadata:') === true;
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
  const lifted = Uint8Array.from(rules, (item) => (isLifted(item) ? 1 : 0));
  const titleBlock = titleAnchor(blocks, rules.map((item) => (isLifted(item) ? item : null)));
  const features = blockFeatures({ blocks, containers, prepared, language: meta.language, pageTypes: meta.pageTypes, titleBlock });
  const { titleCandidates: _titles, pageTypes: _types, ...metadata } = meta;
  return { id, blocks, containers, prepared, features, rules, lifted, metadata };
}
