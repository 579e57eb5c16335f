/**
 * The line model of plain-text scrapes (../core/text/lines.ts), learned from the corpus's pages
 * turned into text as a browser's innerText gives them (../eval/inner-text.ts), both variants
 * (with and without blank lines between paragraphs):
 *
 * - labels: a line is body when most of its words fall in shingles of the page's gold main text
 *   (modern-web, ./labels.ts goldCoverage / bodyByCoverage, the HTML model's rule), or by the
 *   snippets it holds (trafilatura-eval, bodyBySnippets); lines lifted into metadata and lines whose wording names their class are left out,
 *   and so is a modern-web text that holds too little of its gold text (goldFound: a gold written as a summary of the page);
 * - the body model: boosted trees (./boosting.ts) over the line features, each page weighing
 *   the same (half for each variant), shared by its lines in proportion to words + wordsPlus;
 * - the sequence model: the transitions between line states (before, body, inside, after) counted
 *   on the modern-web training texts, whose gold covers whole pages;
 * - the decision's two settings (weight of the transitions, bias of body) come from
 *   eval/training.json, chosen by cross-validation by site over the training part (--cv).
 *
 * Pages of segments-dev are left out of training like the HTML model does (they are its held-out
 * segment pages), and the seed scrape is never trained on: it stays a test.
 */
import { buildDocument } from '../core/document.js';
import { featuresOfLines, readTextLines, type LineModelData, type TextLines } from '../core/text/lines.js';
import type { TreesData } from '../core/classifier/trees.js';
import { LINE_FEATURE_NAMES, type LineFeatureTable } from '../core/text/features.js';
import { countTransitions, statesOfLabels, type SequenceModel, type SequenceOptions } from '../core/text/sequence.js';
import type { Classified } from '../core/classifier/classes.js';
import type { Metadata } from '../core/metadata.js';
import { INNER_TEXT_VARIANTS, type InnerTextVariant } from '../eval/inner-text.js';
import { corpusPagePath, textScrapeOf } from '../eval/text-scrapes.js';
import { scoreSnippets, type SnippetEntry } from '../eval/score.js';
import { scoreText, type TextGoldPage } from '../eval/text-score.js';
import { trainTrees, type BoostingParameters, type TrainingTable } from './boosting.js';
import { bodyByCoverage, bodyBySnippets, goldCoverage, goldFound, type BodyLabel, type LabellingRule } from './labels.js';

export interface TextTrainingSettings {
  readonly note: string;
  readonly weights: {
    readonly note: string;
    readonly modernWebPage: number;
    readonly trafilaturaPage: number;
    readonly wordsPlus: number;
  };
  readonly body: BoostingParameters & { readonly note: string };
  /**
   * A second body model of another kind (shallow trees, many rounds) whose probability is blended with the body
   * model's: weight × p(body) + (1 − weight) × p(blend). Absent: the body model alone. --cv measures it (cvGrid.blendWeight).
   */
  readonly blend?: { readonly note: string; readonly weight: number; readonly body: BoostingParameters };
  readonly sequence: { readonly note: string; readonly smoothing: number };
  readonly decision: SequenceOptions & { readonly note: string };
  /** Decision settings tried by --cv (each pair). */
  readonly cvGrid: {
    readonly note: string;
    readonly transitionWeight: readonly number[];
    readonly bodyBias: readonly number[];
    /** With `blend`: the weights of the body model in the blend --cv tries (1: the body model alone, 0: the blend model alone); absent: blend.weight. */
    readonly blendWeight?: readonly number[];
  };
}

/** One corpus page as one variant of text, read as clean() reads a text scrape. */
export interface TextPage {
  readonly set: 'modern-web' | 'trafilatura-eval';
  readonly file: string;
  readonly site: string;
  readonly part: 'train' | 'validation';
  readonly variant: InnerTextVariant;
  readonly lines: TextLines;
  readonly metadata: Metadata;
  readonly features: LineFeatureTable;
  readonly labels: BodyLabel[];
}

export interface TextCorpusPage {
  readonly set: 'modern-web' | 'trafilatura-eval';
  readonly file: string;
  readonly site: string;
  readonly part: 'train' | 'validation';
  /** modern-web: the gold main text; trafilatura-eval: its snippets. */
  readonly gold: { readonly mainContent: string } | { readonly with: readonly string[]; readonly without: readonly string[] };
}

/** The text of a corpus page in both variants (converted from its HTML), or null. */
export type TextSource = (page: TextCorpusPage) => Record<InnerTextVariant, string> | null;

/** Converts a page from the corpus (../eval/text-scrapes.ts). */
export function convertedFrom(corpus: string): TextSource {
  return (page) => textScrapeOf(corpusPagePath(corpus, page.set, page.file));
}

/** The text labelling rule: the HTML models' rule, and how much of a gold main text a text must hold to be labelled by it. */
export interface TextLabellingRule extends LabellingRule {
  /** A modern-web text holding less than this share of its gold text's shingles (goldFound) is left unlabelled. */
  readonly minGoldFound: number;
}

/** The labels of a page's lines by its gold (lifted and named lines unknown). */
function labelsOf(texts: readonly string[], gold: TextCorpusPage['gold'], rule: TextLabellingRule): BodyLabel[] {
  if (!('mainContent' in gold)) return bodyBySnippets(texts, gold.with, gold.without, rule);
  const found = goldFound(texts, gold.mainContent, rule);
  if (!(found >= rule.minGoldFound)) return texts.map(() => -1);
  return bodyByCoverage(goldCoverage(texts, gold.mainContent, rule), rule);
}

/** Reads the pages (both variants each) as clean() reads a text scrape, labelled. */
export function readTextPages(pages: readonly TextCorpusPage[], source: TextSource, rule: TextLabellingRule): TextPage[] {
  const out: TextPage[] = [];
  for (const page of pages) {
    const text = source(page);
    if (!text) continue;
    for (const variant of INNER_TEXT_VARIANTS) {
      if (!text[variant].trim()) continue;
      const { lines, metadata } = readTextLines(text[variant]);
      const features = featuresOfLines(lines);
      const texts = lines.blocks.map((b) => b.text);
      const labels = labelsOf(texts, page.gold, rule).map(
        (label, i): BodyLabel => (lines.lifted.has(i) || lines.named.has(i) ? -1 : label),
      );
      out.push({ set: page.set, file: page.file, site: page.site, part: page.part, variant, lines, metadata, features, labels });
    }
  }
  return out;
}

/** The body-model table: labelled lines, each page (variant) weighing its set's page weight over the variants. */
export function textBodyTable(pages: readonly TextPage[], settings: TextTrainingSettings): TrainingTable {
  const width = LINE_FEATURE_NAMES.length;
  const words = LINE_FEATURE_NAMES.indexOf('words');
  const chunks: Array<{ page: TextPage; lines: number[]; weights: number[] }> = [];
  let count = 0;
  for (const page of pages) {
    const lines: number[] = [];
    page.labels.forEach((label, i) => {
      if (label !== -1) lines.push(i);
    });
    if (lines.length === 0) continue;
    const modern = page.set === 'modern-web';
    const raw = lines.map((i) => (modern ? page.features.values[i * width + words]! + settings.weights.wordsPlus : 1));
    const sum = raw.reduce((a, b) => a + b, 0);
    const pageWeight = (modern ? settings.weights.modernWebPage : settings.weights.trafilaturaPage) / INNER_TEXT_VARIANTS.length;
    chunks.push({ page, lines, weights: raw.map((w) => (w / sum) * pageWeight) });
    count += lines.length;
  }
  const values = new Float32Array(count * width);
  const labels = new Uint8Array(count);
  const weights = new Float64Array(count);
  let r = 0;
  let total = 0;
  for (const { page, lines, weights: w } of chunks) {
    lines.forEach((i, k) => {
      values.set(page.features.values.subarray(i * width, (i + 1) * width), r * width);
      labels[r] = page.labels[i] === 1 ? 1 : 0;
      weights[r] = w[k]!;
      total += w[k]!;
      r++;
    });
  }
  // Mean weight 1, so minLeafWeight reads in rows.
  for (let i = 0; i < count; i++) weights[i] = (weights[i]! * count) / total;
  return { features: LINE_FEATURE_NAMES, rows: count, values, labels, weights };
}

/** Transitions counted on the modern-web pages (their gold covers the whole page). */
export function textSequenceModel(pages: readonly TextPage[], settings: TextTrainingSettings): SequenceModel {
  const modern = pages.filter((p) => p.set === 'modern-web');
  return countTransitions(
    modern.map((p) => statesOfLabels(p.labels)),
    modern.map(() => 1),
    settings.sequence.smoothing,
  );
}

/** The body model of some pages. */
export function trainBodyModel(pages: readonly TextPage[], settings: TextTrainingSettings): TreesData {
  const table = textBodyTable(pages, settings);
  const note = `body: ${table.rows} lines, ${table.features.length} features; npm run train (src/learn/boosting.ts) with eval/text-training.json body, seed ${settings.body.seed}`;
  return trainTrees(table, ['other', 'body'], settings.body, note).data;
}

/** The blend model of some pages (settings.blend: the body table, its own parameters), or null without one. */
export function trainBlendModel(pages: readonly TextPage[], settings: TextTrainingSettings): TreesData | null {
  if (!settings.blend) return null;
  const table = textBodyTable(pages, settings);
  const note = `blend: ${table.rows} lines, ${table.features.length} features; npm run train (src/learn/boosting.ts) with eval/text-training.json blend.body, seed ${settings.blend.body.seed}`;
  return trainTrees(table, ['other', 'body'], settings.blend.body, note).data;
}

/** weight × body + (1 − weight) × blend, line by line (weight 1: body itself). */
export function blendedProbabilities(body: Float64Array, blend: Float64Array, weight: number): Float64Array {
  if (weight === 1) return body;
  return body.map((p, i) => weight * p + (1 - weight) * blend[i]!);
}

export function trainLineModel(pages: readonly TextPage[], settings: TextTrainingSettings): { data: LineModelData; rows: number } {
  const body = trainBodyModel(pages, settings);
  const sequence = textSequenceModel(pages, settings);
  const round = (x: number): number => Math.round(x * 1e4) / 1e4;
  return {
    rows: pages.reduce((sum, p) => sum + p.labels.filter((l) => l !== -1).length, 0),
    data: {
      note: 'Line model of plain-text scrapes: rebuilt byte for byte by `npm run train -- --corpus ../shared/corpus` from eval/text-training.json.',
      body,
      sequence: { note: `${settings.sequence.note} (log-probabilities, states before/body/inside/after)`, start: sequence.start.map(round), transitions: sequence.transitions.map((row) => row.map(round)) },
      decision: settings.decision,
    },
  };
}

/** bodyText of a page's lines classified. */
export function bodyTextOf(page: TextPage, classified: readonly Classified[]): string {
  return buildDocument({
    classified,
    metadata: page.metadata,
    source: { name: page.file, bytes: 0, sha256: '', contentType: null, format: 'text', encoding: 'utf-8', compression: null },
    pipelineVersion: 'train',
    processedAt: '',
    explain: false,
  }).bodyText;
}

export interface TextFigures {
  readonly variant: InnerTextVariant;
  readonly modernWeb: { f1: number; precision: number; recall: number; byType: Record<string, number> };
  readonly trafilaturaEval: { f1: number; precision: number; recall: number };
}

/** Figures of pages classified by `classify`, per variant (modern-web shingle F1, trafilatura-eval snippets). */
export function textFigures(
  pages: readonly TextPage[],
  classify: (page: TextPage) => readonly Classified[],
  modernGold: Readonly<Record<string, TextGoldPage>>,
  evalByFile: ReadonlyMap<string, readonly [string, SnippetEntry]>,
): TextFigures[] {
  return INNER_TEXT_VARIANTS.map((variant) => {
    const modern: Record<string, string> = {};
    const modernPart: Record<string, TextGoldPage> = {};
    const snippets: Record<string, string> = {};
    const evalPart: Record<string, SnippetEntry> = {};
    for (const page of pages) {
      if (page.variant !== variant) continue;
      const text = bodyTextOf(page, classify(page));
      if (page.set === 'modern-web') {
        modern[page.file] = text;
        modernPart[page.file] = modernGold[page.file]!;
      } else {
        snippets[page.file] = text;
        const [url, entry] = evalByFile.get(page.file)!;
        evalPart[url] = entry;
      }
    }
    const m = scoreText(modernPart, modern).scores;
    const t = scoreSnippets(evalPart, snippets).scores;
    return {
      variant,
      modernWeb: { f1: m.f1, precision: m.precision, recall: m.recall, byType: Object.fromEntries(Object.entries(m.byType).map(([k, s]) => [k, s.f1])) },
      trafilaturaEval: { f1: t.f1, precision: t.precision, recall: t.recall },
    };
  });
}

/** The figures of one decision setting over several seeds of the trees: each variant's means, and the range of its F1. */
export interface TextFiguresOverSeeds {
  readonly variant: InnerTextVariant;
  readonly seeds: number;
  readonly modernWeb: { f1: number; f1Min: number; f1Max: number; precision: number; recall: number; byType: Record<string, number> };
  readonly trafilaturaEval: { f1: number };
}

/** Means over runs (one per seed) of the same decision setting; every run holds the same variants in the same order. */
export function meanOverSeeds(runs: ReadonlyArray<readonly TextFigures[]>): TextFiguresOverSeeds[] {
  const first = runs[0];
  if (!first) return [];
  const mean = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0) / values.length;
  return first.map(({ variant }, v) => {
    const of = (pick: (f: TextFigures) => number): number[] => runs.map((run) => pick(run[v]!));
    const f1 = of((f) => f.modernWeb.f1);
    const types = Object.keys(first[v]!.modernWeb.byType);
    return {
      variant,
      seeds: runs.length,
      modernWeb: {
        f1: mean(f1),
        f1Min: Math.min(...f1),
        f1Max: Math.max(...f1),
        precision: mean(of((f) => f.modernWeb.precision)),
        recall: mean(of((f) => f.modernWeb.recall)),
        byType: Object.fromEntries(types.map((type) => [type, mean(of((f) => f.modernWeb.byType[type] ?? 0))])),
      },
      trafilaturaEval: { f1: mean(of((f) => f.trafilaturaEval.f1)) },
    };
  });
}
