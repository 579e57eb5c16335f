/**
 * npm run train -- --corpus ../shared/corpus [--check] [--cv] [--coverage]
 * (then the line model of plain-text scrapes: scripts/train-text.ts)
 *
 * Rebuilds the block models (src/core/classifier/block-model.json) from the corpus, the labels
 * and settings committed in eval/ (training.json, segment-labels.json) and the seed in
 * training.json, and writes the training report (eval/training-report.json): data sizes, and
 * figures of the models against the rules on pages the models did not learn from, namely the
 * validation part of eval/split.json for modern-web and trafilatura-eval, and segments-dev by
 * cross-validation over its folds (segmentsDevFolds). Deterministic: the same inputs give the
 * same bytes; --check rebuilds in memory and fails when a committed file differs.
 *
 * --cv: cross-validates the body model over the training part (folds by site) and stops: the
 *       figures to work from while developing (validation figures are for reporting, not tuning). The "by site"
 *       figures come twice: the models' classes alone (as --dump shows them), then decided as the pipeline decides
 *       (decide.ts afterModels: structure between body blocks and long runs follow their text), which is what eval scores.
 * --coverage: prints how the modern-web training blocks' gold coverage is distributed (what the
 *       labelling thresholds were chosen from).
 * --oracle: the figures of the training part were every block classified as its label says (the
 *       ceiling the blocks allow), then what bounds that ceiling (hidden text, the blocks the rules lift, the
 *       recall the blocks' text allows), and stops.
 * --dump DIR: with --cv, one file per training page with its cross-validated blocks (label, p(body), class), and
 *       _probabilities.json: every training page's cross-validated p(body) per block, null for a block the rules decided (to
 *       try decision rules without retraining).
 * --probabilities FILE: with --cv, the training pages' p(body) read from FILE (the shape of --dump's _probabilities.json)
 *       instead of cross-validated body models, and scored as --cv scores its own: probabilities made elsewhere (several
 *       dumps averaged or blended block by block) measured by the same path. A dump's own file gives its run's figures
 *       back up to its four decimals.
 * --segments: only the segment model's cross-validation on segments-dev, with the committed body model.
 * --set path=value: overrides a setting of training.json for this run (e.g. --set body.rounds=300), for trying one
 *       with --cv before committing it.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { commandLine, usageError } from './command-line.js';
import { siteOf, siteUnit } from './make-split.js';
import { trainTextModel } from './train-text.js';
import { readLearnPage, type LearnPage } from '../src/learn/pages.js';
import { bodyByCoverage, bodyBySnippets, classesBySnippets, goldCoverage, type BodyLabel, type LabellingRule } from '../src/learn/labels.js';
import { GivenProbabilities, type ProbabilityFile } from '../src/learn/probabilities.js';
import { memberSeeds, trainTrees, type BoostingParameters, type TrainingTable } from '../src/learn/boosting.js';
import { Context } from '../src/core/cues/attributes.js';
import { FEATURE_NAMES, type FeatureTable } from '../src/core/classifier/features.js';
import { Trees, type TreesData } from '../src/core/classifier/trees.js';
import { blockModelFile, storedBlockModels, type BlockModelFile } from '../src/core/classifier/model-file.js';
import { afterModels, classesFrom, decideBlocks, probabilities, type BlockModels, type DecisionOptions } from '../src/core/classifier/decide.js';
import type { Classified } from '../src/core/classifier/classes.js';
import { buildDocument } from '../src/core/document.js';
import { GOLD_CLASSES, scoreSegments, scoreSnippets, type GoldPage, type SnippetEntry } from '../src/eval/score.js';
import { scoreText, type TextGoldPage } from '../src/eval/text-score.js';

const USAGE = `usage: npm run train -- --corpus <path to shared/corpus> [--check] [--cv [--dump <dir>] [--probabilities <file>]] [--coverage] [--oracle] [--segments]
       [--set path=value …] [--settings eval/training.json] [--model src/core/classifier/block-model.json]
       [--report eval/training-report.json] [--split eval/split.json] [--labels eval/segment-labels.json]`;

const { values } = commandLine(USAGE, {
  options: {
    corpus: { type: 'string' },
    check: { type: 'boolean', default: false },
    cv: { type: 'boolean', default: false },
    coverage: { type: 'boolean', default: false },
    oracle: { type: 'boolean', default: false },
    dump: { type: 'string' },
    probabilities: { type: 'string' },
    set: { type: 'string', multiple: true },
    segments: { type: 'boolean', default: false },
    settings: { type: 'string', default: 'eval/training.json' },
    model: { type: 'string', default: 'src/core/classifier/block-model.json' },
    report: { type: 'string', default: 'eval/training-report.json' },
    split: { type: 'string', default: 'eval/split.json' },
    labels: { type: 'string', default: 'eval/segment-labels.json' },
  },
});
if (!values.corpus) usageError(USAGE, 'train: --corpus <path to shared/corpus> is needed');
if (values.probabilities && !values.cv) usageError(USAGE, 'train: --probabilities <file> goes with --cv');
const corpus = resolve(values.corpus);
const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;

interface Settings {
  readonly note: string;
  readonly seed: number;
  readonly labelling: LabellingRule & { readonly note: string };
  readonly weights: {
    readonly note: string;
    /** Weight of one modern-web page (shared by its labelled blocks in proportion to words + wordsPlus). */
    readonly modernWebPage: number;
    /** Weight of one trafilatura-eval page (shared equally by its snippet-labelled blocks). */
    readonly trafilaturaPage: number;
    /** Weight of a page whose every block has a class (hand labels, segments-dev's gold). */
    readonly classedPage: number;
    readonly wordsPlus: number;
    /** Body and other blocks share a page's weight half and half, rather than by their words. */
    readonly balanceClasses: boolean;
  };
  readonly body: BoostingParameters & { readonly note: string };
  readonly segment: BoostingParameters & { readonly note: string };
  /** tryThresholds: thresholds --cv also reports (the trade of precision for recall), to choose minBodyProbability from. */
  readonly decision: {
    readonly note: string;
    readonly minBodyProbability: number;
    readonly perPage: { readonly note: string; readonly lowest: number; readonly highest: number } | null;
    /** Where body.blend's member takes part (decide.ts BlendRule); absent: on every page. */
    readonly blendWhereUnsure?: { readonly note: string; readonly lowest: number; readonly highest: number; readonly minShare: number };
    readonly tryThresholds?: readonly number[];
  };
  readonly trainCvFolds: number;
}
const settings = readJson<Settings>(resolve(values.settings));
for (const assignment of values.set ?? []) {
  const [path, value] = assignment.split('=') as [string, string];
  const keys = path.split('.');
  let target = settings as unknown as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) target = target[key] as Record<string, unknown>;
  if (!(keys[keys.length - 1]! in target)) throw new Error(`--set ${path}: no such setting`);
  target[keys[keys.length - 1]!] = JSON.parse(value);
}
// The rule names the body model's last member as the blended one: without body.blend it would take an ordinary member for it.
if (settings.decision.blendWhereUnsure && !settings.body.blend) throw new Error('decision.blendWhereUnsure is where body.blend takes part: set body.blend too, or leave both out');
/** The decision the model file carries (after --set): a threshold, and each page's own (its blocks weighed as in training). */
const decision: DecisionOptions = {
  minBodyProbability: settings.decision.minBodyProbability,
  perPage: settings.decision.perPage && { lowest: settings.decision.perPage.lowest, highest: settings.decision.perPage.highest, wordsPlus: settings.weights.wordsPlus },
  ...(settings.decision.blendWhereUnsure && {
    blendWhereUnsure: { lowest: settings.decision.blendWhereUnsure.lowest, highest: settings.decision.blendWhereUnsure.highest, minShare: settings.decision.blendWhereUnsure.minShare },
  }),
};
const rule = settings.labelling;

interface Split {
  'modern-web': Record<string, 'train' | 'validation'>;
  'trafilatura-eval': Record<string, 'train' | 'validation'>;
  segmentsDevFolds: Record<string, number>;
}
const split = readJson<Split>(resolve(values.split));
type ModernGold = TextGoldPage & { url: string; pageType: string; mainContent: string };
const modernGold = readJson<Record<string, ModernGold>>(join(corpus, 'modern-web', 'gold.json'));
const evaldata = readJson<Record<string, SnippetEntry>>(join(corpus, 'trafilatura-eval', 'evaldata.json'));
const segmentsGold = readJson<Record<string, GoldPage>>(join(corpus, 'segments-dev.json'));
const segmentPages = new Set(Object.keys(split.segmentsDevFolds));
/** Segment classes labelled by hand on training pages (scripts/label-blocks.ts). */
const handLabels = readJson<{ pages: Record<string, { set: string; labels: GoldPage['labels'] }> }>(resolve(values.labels)).pages;

const started = performance.now();
const elapsed = (): string => `${((performance.now() - started) / 1000).toFixed(1)} s`;
const read = (path: string, id: string): LearnPage | null => {
  let bytes: Uint8Array = readFileSync(path);
  if (path.endsWith('.gz')) bytes = gunzipSync(bytes);
  return readLearnPage(id, bytes);
};

// Every page, read once.
interface Page {
  readonly set: 'modern-web' | 'trafilatura-eval';
  readonly part: 'train' | 'validation';
  readonly site: string;
  readonly page: LearnPage;
  readonly body: BodyLabel[];
  /** Whether its labels come from block classes (hand labels, segments-dev) rather than snippets or gold text. */
  readonly classed: boolean;
}
const pages: Page[] = [];
const coverageTally = { blocks: new Float64Array(11), words: new Float64Array(11) };
for (const [file, gold] of Object.entries(modernGold).sort(([a], [b]) => (a < b ? -1 : 1))) {
  const page = read(join(corpus, 'modern-web', 'html', file), file);
  if (!page) continue;
  const coverage = goldCoverage(page.blocks.map((b) => b.text), gold.mainContent, rule);
  pages.push({ set: 'modern-web', part: split['modern-web'][file]!, site: siteOf(gold.url, file), page, body: bodyByCoverage(coverage, rule), classed: false });
  if (values.coverage && split['modern-web'][file] === 'train') tallyCoverage(page, coverage);
}
const evalByFile = new Map<string, [string, SnippetEntry]>(Object.entries(evaldata).map(([url, entry]) => [entry.file, [url, entry]]));
for (const [file, [url, entry]] of [...evalByFile].sort(([a], [b]) => (a < b ? -1 : 1))) {
  const page = read(join(corpus, 'trafilatura-eval', 'html', `${file}.gz`), file);
  if (!page) continue;
  const labels = bodyBySnippets(page.blocks.map((b) => b.text), entry.with, entry.without, rule);
  // Pages whose blocks have classes (labelled by hand, or segments-dev's gold): body or not from the classes.
  const classed = handLabels[file] ?? (segmentPages.has(file) ? segmentsGold[file] : undefined);
  if (classed) classesBySnippets(page.blocks.map((b) => b.text), classed.labels, rule).forEach((c, b) => c !== null && (labels[b] = c === 'body' ? 1 : 0));
  pages.push({ set: 'trafilatura-eval', part: split['trafilatura-eval'][file]!, site: siteOf(url, file), page, body: labels, classed: classed !== undefined });
}
console.error(`read ${pages.length} pages (${elapsed()})`);

// Coverage distribution (for choosing the labelling thresholds).
function tallyCoverage(page: LearnPage, coverage: Float64Array): void {
  coverage.forEach((c, b) => {
    if (Number.isNaN(c) || page.lifted[b]) return;
    const bucket = Math.min(10, Math.floor(c * 10));
    coverageTally.blocks[bucket]!++;
    coverageTally.words[bucket]! += page.blocks[b]!.text.split(/\s+/).length;
  });
}
if (values.coverage) {
  console.log('gold coverage of modern-web training blocks (share of words in gold shingles): bucket, blocks, words');
  for (let k = 0; k <= 10; k++) console.log(`  ${(k / 10).toFixed(1)}${k < 10 ? `-${((k + 1) / 10).toFixed(1)}` : '    '}  ${String(coverageTally.blocks[k]).padStart(7)}  ${String(coverageTally.words[k]).padStart(8)}`);
}

/**
 * A body-model table of some pages: their labelled blocks the rules did not lift, with the features `tableOf` gives,
 * weighted so that each page counts as its set's page weight.
 */
function bodyTable(from: readonly Page[], tableOf: (p: Page) => FeatureTable, names: readonly string[]): TrainingTable {
  const width = names.length;
  const words = FEATURE_NAMES.indexOf('words');
  let count = 0;
  const chunks: Array<{ page: Page; blocks: number[]; weights: number[] }> = [];
  for (const p of from) {
    const blocks: number[] = [];
    for (let b = 0; b < p.body.length; b++) if (p.body[b] !== -1 && !p.page.lifted[b]) blocks.push(b);
    if (blocks.length === 0) continue;
    let raw: number[];
    let pageWeight: number;
    if (p.set === 'modern-web' || p.classed) {
      raw = blocks.map((b) => p.page.features.values[b * p.page.features.width + words]! + settings.weights.wordsPlus);
      pageWeight = p.classed ? settings.weights.classedPage : settings.weights.modernWebPage;
    } else {
      raw = blocks.map(() => 1);
      pageWeight = settings.weights.trafilaturaPage;
    }
    // Each class's share of the page's weight: in proportion to its words, or half each (the scorer averages precision
    // and recall over pages, so a page's few body blocks weigh as much as its many chrome blocks).
    const sums = [0, 0];
    blocks.forEach((b, k) => (sums[p.body[b] === 1 ? 1 : 0]! += raw[k]!));
    const total = sums[0]! + sums[1]!;
    const share = (label: number): number => (settings.weights.balanceClasses ? (sums[1 - label]! > 0 ? 0.5 : 1) : sums[label]! / total);
    chunks.push({ page: p, blocks, weights: blocks.map((b, k) => { const label = p.body[b] === 1 ? 1 : 0; return (raw[k]! / sums[label]!) * share(label) * pageWeight; }) });
    count += blocks.length;
  }
  const values = new Float32Array(count * width);
  const labels = new Uint8Array(count);
  const weights = new Float64Array(count);
  let r = 0;
  let totalWeight = 0;
  for (const { page, blocks, weights: w } of chunks) {
    const table = tableOf(page);
    if (table.width !== width) throw new Error(`${page.page.id}: a table of ${table.width} features, expected ${width}`);
    blocks.forEach((b, k) => {
      values.set(table.values.subarray(b * width, (b + 1) * width), r * width);
      labels[r] = page.body[b] === 1 ? 1 : 0;
      weights[r] = w[k]!;
      totalWeight += w[k]!;
      r++;
    });
  }
  // Mean weight 1, so minLeafWeight reads in rows.
  for (let i = 0; i < count; i++) weights[i] = (weights[i]! * count) / totalWeight;
  return { features: names, rows: count, values, labels, weights };
}

const SEGMENT_CLASSES = ['caption', 'ad', 'legal', 'chrome'] as const;

/** The segment-model table: blocks with a class other than body, of segments-dev pages (except `excludeFold`) and of the training pages labelled by hand. */
function segmentTable(excludeFold: number | null): TrainingTable {
  const width = FEATURE_NAMES.length;
  const rows: Array<{ row: Float32Array; label: number }> = [];
  for (const p of pages) {
    const gold = segmentPages.has(p.page.id) ? segmentsGold[p.page.id] : p.part === 'train' ? handLabels[p.page.id] : undefined;
    if (!gold) continue;
    if (excludeFold !== null && split.segmentsDevFolds[p.page.id] === excludeFold) continue;
    const classes = classesBySnippets(p.page.blocks.map((b) => b.text), gold.labels, rule);
    classes.forEach((c, b) => {
      if (c === null || c === 'body' || p.page.lifted[b] || p.page.notBody[b]) return;
      rows.push({ row: p.page.features.values.subarray(b * width, (b + 1) * width), label: SEGMENT_CLASSES.indexOf(c) });
    });
  }
  const values = new Float32Array(rows.length * width);
  rows.forEach(({ row }, i) => values.set(row, i * width));
  return { features: FEATURE_NAMES, rows: rows.length, values, labels: Uint8Array.from(rows, (r) => r.label), weights: new Float64Array(rows.length).fill(1) };
}

function train(table: TrainingTable, classes: readonly string[], params: BoostingParameters, what: string): TreesData {
  const members = params.members ?? 1;
  const seeds = members > 1 ? `${members} members, seeds ${memberSeeds(params.seed, members).join(', ')}` : `seed ${params.seed}`;
  const blend = params.blend ? `; blended with a member of ${params.blend.rounds ?? params.rounds} rounds of depth ${params.blend.maxDepth ?? params.maxDepth} (its share ${params.blend.weight})` : '';
  const note = `${what}: ${table.rows} rows, ${table.features.length} features; npm run train (src/learn/boosting.ts) with eval/training.json, ${seeds}${blend}`;
  return trainTrees(table, classes, params, note).data;
}

function documentOf(page: LearnPage, classified: readonly Classified[]): { bodyText: string; segments: Array<{ type: string; text: string }> } {
  return buildDocument({
    classified,
    metadata: page.metadata,
    source: { name: page.id, bytes: 0, sha256: '', contentType: null, format: 'html', encoding: 'utf-8', compression: null },
    pipelineVersion: 'train',
    processedAt: '',
    explain: false,
  });
}

interface Figures {
  modernWeb: { f1: number; precision: number; recall: number; byType: Record<string, number> };
  trafilaturaEval: { f1: number; precision: number; recall: number };
}
function textFigures(subset: readonly Page[], classify: (page: Page) => Classified[]): Figures {
  const modern: Record<string, string> = {};
  const modernGoldPart: Record<string, ModernGold> = {};
  const snippets: Record<string, string> = {};
  const evalPart: Record<string, SnippetEntry> = {};
  for (const p of subset) {
    const text = documentOf(p.page, classify(p)).bodyText;
    if (p.set === 'modern-web') {
      modern[p.page.id] = text;
      modernGoldPart[p.page.id] = modernGold[p.page.id]!;
    } else {
      snippets[p.page.id] = text;
      const [url, entry] = evalByFile.get(p.page.id)!;
      evalPart[url] = entry;
    }
  }
  const m = scoreText(modernGoldPart, modern).scores;
  const t = scoreSnippets(evalPart, snippets).scores;
  return {
    modernWeb: { f1: m.f1, precision: m.precision, recall: m.recall, byType: Object.fromEntries(Object.entries(m.byType).map(([k, s]) => [k, s.f1])) },
    trafilaturaEval: { f1: t.f1, precision: t.precision, recall: t.recall },
  };
}
const printFigures = (label: string, f: Figures): void => {
  console.log(`${label}: modern-web F1 ${f.modernWeb.f1.toFixed(4)} (P ${f.modernWeb.precision.toFixed(4)} R ${f.modernWeb.recall.toFixed(4)}; ${Object.entries(f.modernWeb.byType).map(([k, v]) => `${k} ${v.toFixed(4)}`).join(', ')}) · trafilatura-eval F1 ${f.trafilaturaEval.f1.toFixed(4)} (P ${f.trafilaturaEval.precision.toFixed(4)} R ${f.trafilaturaEval.recall.toFixed(4)})`);
};

// Training data of the body model: the training part, without segments-dev's pages (they are cross-validated below).
const trainPages = pages.filter((p) => p.part === 'train' && !segmentPages.has(p.page.id));
const validationPages = pages.filter((p) => p.part === 'validation');

if (values.oracle) {
  const asLabelled = (p: Page, b: number, item: Classified): Classified => ({ block: item.block, type: p.body[b] === 1 ? 'body' : 'chrome', cues: ['label'] });
  const oracle = (p: Page): Classified[] => p.page.rules.map((item, b) => p.page.decided[b] ?? (p.body[b] === -1 ? item : asLabelled(p, b, item)));
  printFigures('train part, the labels as predictions (rules where unlabelled)', textFigures(trainPages, oracle));
  // What bounds that ceiling: hidden text, which the models never take (classifier/decide.ts); the blocks the rules
  // decide before the models (copies of the title and byline, datelines, textual cues); the blocks' text itself.
  const hidden = (item: Classified): boolean => (item.block.flags & (Context.HIDDEN | Context.NOSCRIPT)) === Context.HIDDEN;
  const visible = (p: Page): Classified[] => oracle(p).map((item) => (item.type === 'body' && hidden(item) ? { ...item, type: 'chrome' } : item));
  printFigures('  the same, hidden text never body (what the models can reach)', textFigures(trainPages, visible));
  printFigures('  the same, the blocks the rules lift taken by their labels too', textFigures(trainPages, (p) => p.page.rules.map((item, b) => (p.body[b] === -1 ? (p.page.decided[b] ?? item) : asLabelled(p, b, item)))));
  const modern = trainPages.filter((p) => p.set === 'modern-web');
  const everyBlock = scoreText(
    Object.fromEntries(modern.map((p) => [p.page.id, modernGold[p.page.id]!])),
    Object.fromEntries(modern.map((p) => [p.page.id, p.page.blocks.map((block) => block.text).join('\n')])),
  ).scores;
  // The gold repeats some of its text that a page shows once (a list item's text, then its parts again as
  // paragraphs): part of the gap between this recall and 1 is out of any extractor's reach.
  console.log(`  every block's text (the recall the blocks allow): modern-web R ${everyBlock.recall.toFixed(3)} (${Object.entries(everyBlock.byType).map(([k, s]) => `${k} ${s.recall.toFixed(3)}`).join(', ')})`);
  process.exit(0);
}

const folds = settings.trainCvFolds;
const foldOf = (p: Page): number => Math.floor(siteUnit(`cv ${p.site}`) * folds);
const blockFeaturesOf = (p: Page): FeatureTable => p.page.features;
const liftedOf = (p: Page): ReadonlyArray<Classified | null> => p.page.decided;

if (values.cv) {
  // Each fold's pages classified by a body model that learned from the other folds.
  const segment = new Trees(train(segmentTable(null), SEGMENT_CLASSES, settings.segment, 'segment'));
  const predicted = new Map<Page, Classified[]>();
  const bodyModels: Trees[] = [];
  const probabilityOf = new Map<Page, Float64Array>();
  // --probabilities: p(body) given rather than learned. classesFrom reads the body model only to explain a block's
  // decision, which --cv does not ask for: the segment model stands in for it.
  const given = values.probabilities ? new GivenProbabilities(readJson<ProbabilityFile>(resolve(values.probabilities)), values.probabilities) : null;
  for (let fold = 0; fold < folds; fold++) {
    const body = given ? segment : new Trees(train(bodyTable(trainPages.filter((p) => foldOf(p) !== fold), blockFeaturesOf, FEATURE_NAMES), ['other', 'body'], settings.body, 'body'));
    for (const p of trainPages.filter((q) => foldOf(q) === fold)) {
      const probability = given ? given.of(p.page.id, p.page.blocks.length) : probabilities(body, p.page.features, undefined, liftedOf(p), decision.blendWhereUnsure);
      probabilityOf.set(p, probability);
      predicted.set(p, classesFrom(p.page, liftedOf(p), probability, { body, segment }, decision));
      if (values.dump) dumpPage(p, predicted.get(p)!, probability);
    }
    bodyModels.push(body);
    console.error(given ? `fold ${fold + 1}/${folds}: p(body) from ${values.probabilities}` : `fold ${fold + 1}/${folds} (${elapsed()})`);
  }
  const unasked = given?.unasked() ?? [];
  if (unasked.length > 0) throw new Error(`${values.probabilities}: ${unasked.length} pages that are not training pages (${unasked.slice(0, 3).join(', ')}…)`);
  // The decision threshold's trade of precision for recall, on the same cross-validated probabilities.
  for (const threshold of settings.decision.tryThresholds ?? []) {
    const everyPage = { minBodyProbability: threshold, perPage: null };
    printFigures(`train part, model by ${folds}-fold cross-validation, p(body) from ${threshold} on every page`, textFigures(trainPages, (p) => classesFrom(p.page, liftedOf(p), probabilityOf.get(p)!, { body: bodyModels[foldOf(p)]!, segment }, everyPage)));
  }
  printFigures('train part, rules (fitted on these pages)', textFigures(trainPages, (p) => [...p.page.rules]));
  printFigures(`train part, model by ${folds}-fold cross-validation by site`, textFigures(trainPages, (p) => predicted.get(p)!));
  // The same classes as the pipeline decides (decide.ts decideBlocks): structure between body blocks and the pieces of a
  // long run follow the text around them. The line above (the models' classes alone) is the one earlier figures quote.
  printFigures(`train part, model by ${folds}-fold cross-validation by site, decided as the pipeline decides (afterModels)`, textFigures(trainPages, (p) => afterModels(predicted.get(p)!, liftedOf(p))));
  if (values.dump) {
    const modern = trainPages.filter((p) => p.set === 'modern-web');
    const gold = Object.fromEntries(modern.map((p) => [p.page.id, modernGold[p.page.id]!]));
    const score = (classify: (p: Page) => readonly Classified[]) => scoreText(gold, Object.fromEntries(modern.map((p) => [p.page.id, documentOf(p.page, classify(p)).bodyText]))).pages;
    const rules = new Map(score((p) => p.page.rules).map((r) => [r.file, r]));
    const lines = score((p) => predicted.get(p)!).sort((a, b) => a.f1 - b.f1).map((m) => `${m.f1.toFixed(3)} (P ${m.precision.toFixed(2)} R ${m.recall.toFixed(2)}) rules ${rules.get(m.file)!.f1.toFixed(3)}  ${m.pageType.padEnd(13)} ${m.file}`);
    writeFileSync(join(values.dump, '_pages.txt'), lines.join('\n') + '\n');
    // Each training page's cross-validated p(body) per block, for trying decision rules without retraining.
    writeFileSync(join(values.dump, '_probabilities.json'), JSON.stringify(Object.fromEntries(trainPages.map((p) => [p.page.id, Array.from(probabilityOf.get(p)!, (x) => Math.round(x * 1e4) / 1e4)]))));
  }
  process.exit(0);
}

function dumpPage(p: Page, classified: readonly Classified[], probability: Float64Array): void {
  mkdirSync(values.dump!, { recursive: true });
  const lines = classified.map((item, b) => {
    const label = p.body[b] === 1 ? 'B' : p.body[b] === 0 ? '-' : '?';
    const mark = (label === 'B') !== (item.type === 'body') && label !== '?' ? '!!' : '  ';
    return `${mark} ${label} ${probability[b]!.toFixed(2)} ${item.type.padEnd(7)} ${p.page.rules[b]!.type.padEnd(7)} <${item.block.tag}> ${item.block.text.slice(0, 160)}  [${item.cues.filter((c) => !c.startsWith('p(body)')).join(' ')}]`;
  });
  const type = p.set === 'modern-web' ? modernGold[p.page.id]!.pageType : 'trafilatura';
  writeFileSync(join(values.dump!, `${type}-${p.page.id}.txt`), `${p.set} ${p.page.id} (${type})\nmark label p(body) model rules <tag> text\n${lines.join('\n')}\n`);
}

// The models, from every training page.
const committed = values.segments ? storedBlockModels(readJson<BlockModelFile>(resolve(values.model))) : null;
const bodyTrainingTable = bodyTable(trainPages, blockFeaturesOf, FEATURE_NAMES);
// --segments: the committed body model, to work on the segment model alone (it learned from the training part's segments-dev pages).
const bodyModel = committed?.body ?? train(bodyTrainingTable, ['other', 'body'], settings.body, 'body');
console.error(`body model: ${bodyTrainingTable.rows} rows (${elapsed()})`);
const segmentTrainingTable = segmentTable(null);
const segmentModel = train(segmentTrainingTable, SEGMENT_CLASSES, settings.segment, 'segment');
const models: BlockModels = { body: new Trees(bodyModel), segment: new Trees(segmentModel) };
const modelClasses = (p: Page, with_: BlockModels = models): Classified[] => decideBlocks(p.page, liftedOf(p), with_, decision);

// Segment classes by cross-validation over segments-dev's folds (neither model saw the fold's pages).
const segmentFolds = [...new Set(Object.values(split.segmentsDevFolds))].sort();
const segmentDocs: Record<string, { segments: Array<{ type: string; text: string }> }> = {};
const ruleDocs: Record<string, { segments: Array<{ type: string; text: string }> }> = {};
for (const fold of segmentFolds) {
  const segment = new Trees(train(segmentTable(fold), SEGMENT_CLASSES, settings.segment, 'segment'));
  // The body model learns from the training part's segments-dev pages too: here, from those of the other folds only.
  const heldOut = (p: Page): boolean => split.segmentsDevFolds[p.page.id] === fold;
  const body = committed ? models.body : new Trees(train(bodyTable(trainPages.filter((p) => !heldOut(p)), blockFeaturesOf, FEATURE_NAMES), ['other', 'body'], settings.body, 'body'));
  for (const p of pages) {
    if (p.set !== 'trafilatura-eval' || split.segmentsDevFolds[p.page.id] !== fold) continue;
    segmentDocs[p.page.id] = documentOf(p.page, modelClasses(p, { body, segment }));
    ruleDocs[p.page.id] = documentOf(p.page, p.page.rules);
  }
}
const segmentGoldHtml = Object.fromEntries(Object.entries(segmentsGold).filter(([id]) => segmentPages.has(id)));
const segmentResult = scoreSegments(segmentGoldHtml, segmentDocs);
const segmentScores = segmentResult.scores;
const ruleSegmentScores = scoreSegments(segmentGoldHtml, ruleDocs).scores;

const classLine = (s: typeof segmentScores): string => GOLD_CLASSES.map((c) => `${c} ${s.classes[c].f1.toFixed(3)}`).join(', ');
console.log(`segments-dev, ${segmentScores.pages} HTML pages: model by ${segmentFolds.length}-fold cross-validation ${classLine(segmentScores)} · rules (fitted on these pages) ${classLine(ruleSegmentScores)}`);
console.log(`  confusion of the cross-validated model (rows gold, columns predicted: ${GOLD_CLASSES.join(' ')}):`);
for (const g of GOLD_CLASSES) console.log(`  ${g.padEnd(8)} ${GOLD_CLASSES.map((c) => String(segmentResult.confusion[g][c]).padStart(4)).join(' ')}`);
if (values.dump) {
  mkdirSync(values.dump, { recursive: true });
  writeFileSync(join(values.dump, '_segments.txt'), segmentResult.errors.map((e) => `${e.page}: gold ${e.gold}, predicted ${e.predicted}: ${e.snippet}`).join('\n') + '\n');
}
if (values.segments) process.exit(0);

const validationModel = textFigures(validationPages, (p) => modelClasses(p));
const validationRules = textFigures(validationPages, (p) => [...p.page.rules]);
printFigures('validation part, rules', validationRules);
printFigures('validation part, model', validationModel);

const count = (subset: readonly Page[], label: BodyLabel): number => subset.reduce((sum, p) => sum + p.body.filter((l, b) => l === label && !p.page.lifted[b]).length, 0);
const report = {
  note: 'Written by `npm run train -- --corpus ../shared/corpus` (scripts/train.ts): what the block models learned from and how they do on pages they did not learn from. Text figures approximate `npm run eval` (the models on the blocks, without the rest of clean()).',
  data: {
    bodyModel: {
      pages: { 'modern-web': trainPages.filter((p) => p.set === 'modern-web').length, 'trafilatura-eval': trainPages.filter((p) => p.set === 'trafilatura-eval').length },
      blocks: { body: count(trainPages, 1), other: count(trainPages, 0), unlabelled: count(trainPages, -1) },
      rows: bodyTrainingTable.rows,
    },
    segmentModel: { pages: { 'segments-dev': Object.keys(segmentGoldHtml).length, 'labelled by hand': Object.keys(handLabels).length }, rows: segmentTrainingTable.rows, byClass: Object.fromEntries(SEGMENT_CLASSES.map((c, i) => [c, segmentTrainingTable.labels.filter((l) => l === i).length])) },
    features: FEATURE_NAMES.length,
  },
  validation: { model: validationModel, rules: validationRules },
  segmentsDevCrossValidation: { folds: segmentFolds.length, model: segmentScores, rules: ruleSegmentScores },
};

const modelText = JSON.stringify(blockModelFile('Block models of the classifier: rebuilt byte for byte by `npm run train -- --corpus ../shared/corpus` from eval/training.json.', decision, bodyModel, segmentModel)) + '\n';
const reportText = JSON.stringify(report, null, 1) + '\n';
let exitCode = 0;
if (values.check) {
  for (const [path, text] of [[values.model, modelText], [values.report, reportText]] as const) {
    let committed = '';
    try {
      committed = readFileSync(resolve(path), 'utf8');
    } catch {
      // missing: differs
    }
    if (committed !== text) {
      console.error(`train --check: ${path} differs from what the committed data and seed rebuild`);
      exitCode = 1;
    } else console.error(`train --check: ${path} rebuilt byte for byte`);
  }
} else {
  writeFileSync(resolve(values.model), modelText);
  writeFileSync(resolve(values.report), reportText);
  console.error(`wrote ${values.model} (${(modelText.length / 1024).toFixed(0)} KiB) and ${values.report} (${elapsed()})`);
}
// Then the line model of plain-text scrapes (scripts/train-text.ts), from the same corpus and split.
process.exit(Math.max(exitCode, trainTextModel({ corpus, check: values.check, cv: values.cv })));
