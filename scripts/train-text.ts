/**
 * npm run train:text -- --corpus ../shared/corpus [--check] [--cv] [--cache <dir>]
 * (also run by `npm run train`, after the block models)
 *
 * Rebuilds the line model of plain-text scrapes (src/core/text/line-model.json) from the corpus
 * pages of the training part of eval/split.json, turned into innerText-like text (both variants,
 * src/eval/inner-text.ts), and the settings and seed in eval/text-training.json; prints the
 * model's figures on the validation part (approximating `npm run eval`'s text-mode set: the
 * models on the lines, without the rest of clean()). Deterministic: the same inputs give the same
 * bytes; --check rebuilds in memory and fails when the committed file differs.
 *
 * --cv: cross-validates over the training part (folds by site) for every decision setting of
 *       the settings' cvGrid: the figures to choose the settings from (never the validation ones).
 * --seeds <a,b,…>: with --cv, trains the folds' models once per seed (instead of the settings' seed) and prints each
 *       seed's figures, then their mean and range per decision setting. The trees' seed alone moves the cv F1 by about
 *       ±0.003 (rows and features sampled per tree), as much as most single changes of features or settings move it:
 *       compare changes on the mean of a few seeds.
 * --cv with a `blend` in the settings (a second body model of another kind, e.g. shallow trees of many rounds): trains
 *       it on the same folds (with each seed of --seeds, as the body model) and measures weight × p(body) + (1 − weight) × p(blend) for each weight
 *       of cvGrid.blendWeight (1: the body model alone, as without a blend; 0: the blend model alone). Measurement
 *       only: without --cv such settings are refused, and the model --cv writes is the body model alone.
 * --cache <dir>: keeps the converted texts in <dir> between runs (development only: outside the
 *       repository; corpus-derived text is never committed).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { commandLine, usageError } from './command-line.js';
import { siteOf, siteUnit } from './make-split.js';
import {
  convertedFrom,
  meanOverSeeds,
  readTextPages,
  textFigures,
  textSequenceModel,
  blendedProbabilities,
  trainBlendModel,
  trainBodyModel,
  trainLineModel,
  type TextCorpusPage,
  type TextFigures,
  type TextPage,
  type TextSource,
  type TextLabellingRule,
  type TextTrainingSettings,
} from '../src/learn/text-train.js';
import { bodyProbabilities, decideFromProbabilities, lineModelsOf } from '../src/core/text/lines.js';
import { Trees } from '../src/core/classifier/trees.js';
import type { SnippetEntry } from '../src/eval/score.js';
import type { TextGoldPage } from '../src/eval/text-score.js';

/** Runs the text trainer; returns the exit code (1 when --check finds the committed model differs). */
export function trainTextModel(args: { corpus: string; check: boolean; cv: boolean; seeds?: readonly number[]; cache?: string; settings?: string; model?: string; split?: string }): number {
  const corpus = resolve(args.corpus);
  const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;
  const settings = readJson<TextTrainingSettings & { labelling: TextLabellingRule; cvFolds: number }>(resolve(args.settings ?? 'eval/text-training.json'));
  const split = readJson<{ 'modern-web': Record<string, 'train' | 'validation'>; 'trafilatura-eval': Record<string, 'train' | 'validation'>; segmentsDevFolds: Record<string, number> }>(
    resolve(args.split ?? 'eval/split.json'),
  );
  const modelPath = resolve(args.model ?? 'src/core/text/line-model.json');
  // A blend is measured, not stored: the line model has one body model, and a model written with a blend would not be what was measured.
  if (settings.blend && !args.cv) {
    console.error('train:text: the settings\' blend is measured by --cv only (the line model stores the body model alone); remove it to train the line model');
    return 1;
  }
  type ModernGold = TextGoldPage & { url: string; mainContent: string };
  const modernGold = readJson<Record<string, ModernGold>>(join(corpus, 'modern-web', 'gold.json'));
  const evaldata = readJson<Record<string, SnippetEntry>>(join(corpus, 'trafilatura-eval', 'evaldata.json'));
  // segments-dev's pages stay out of training (the HTML models keep them as held-out segment pages).
  const segmentPages = new Set(Object.keys(split.segmentsDevFolds));
  const started = performance.now();
  const elapsed = (): string => `${((performance.now() - started) / 1000).toFixed(1)} s`;

  const corpusPages: TextCorpusPage[] = [];
  for (const [file, gold] of Object.entries(modernGold).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const part = split['modern-web'][file];
    if (part) corpusPages.push({ set: 'modern-web', file, site: siteOf(gold.url, file), part, gold: { mainContent: gold.mainContent } });
  }
  const evalByFile = new Map<string, readonly [string, SnippetEntry]>();
  for (const [url, entry] of Object.entries(evaldata).sort(([, a], [, b]) => (a.file < b.file ? -1 : 1))) {
    evalByFile.set(entry.file, [url, entry]);
    const part = split['trafilatura-eval'][entry.file];
    if (part && !segmentPages.has(entry.file)) corpusPages.push({ set: 'trafilatura-eval', file: entry.file, site: siteOf(url, entry.file), part, gold: { with: entry.with, without: entry.without } });
  }

  let source: TextSource = convertedFrom(corpus);
  if (args.cache) {
    const dir = resolve(args.cache);
    mkdirSync(dir, { recursive: true });
    const convert = source;
    source = (page) => {
      const path = join(dir, `${page.set}--${page.file}.json`);
      if (existsSync(path)) return readJson<ReturnType<TextSource>>(path);
      const text = convert(page);
      writeFileSync(path, JSON.stringify(text));
      return text;
    };
  }
  const pages = readTextPages(corpusPages, source, settings.labelling);
  console.error(`read ${pages.length} texts of ${corpusPages.length} pages (${elapsed()})`);
  const trainPages = pages.filter((p) => p.part === 'train');
  const validationPages = pages.filter((p) => p.part === 'validation');
  const goldOf = Object.fromEntries(Object.entries(modernGold).map(([file, gold]) => [file, gold])) as Record<string, TextGoldPage>;

  const print = (label: string, figures: ReturnType<typeof textFigures>): void => {
    for (const f of figures) {
      const m = f.modernWeb;
      const t = f.trafilaturaEval;
      console.log(
        `${label} [${f.variant}]: modern-web F1 ${m.f1.toFixed(3)} (P ${m.precision.toFixed(3)} R ${m.recall.toFixed(3)}; ${Object.entries(m.byType).map(([k, v]) => `${k} ${v.toFixed(3)}`).join(', ')}) · trafilatura-eval F1 ${t.f1.toFixed(3)} (P ${t.precision.toFixed(3)} R ${t.recall.toFixed(3)})`,
      );
    }
  };

  if (args.cv) {
    // Folds by site over the training part; the decision settings of the grid on the held-out folds' probabilities.
    const folds = settings.cvFolds;
    const foldOf = (p: TextPage): number => Math.floor(siteUnit(`cv ${p.site}`) * folds);
    const sequence = textSequenceModel(trainPages, settings);
    print('train part, rules (fitted on these pages)', textFigures(trainPages, (p) => p.lines.rules, goldOf, evalByFile));
    const seeds = args.seeds ?? [settings.body.seed];
    const bySetting = new Map<string, TextFigures[][]>();
    // With a blend model, each weight of cvGrid.blendWeight (blend.weight when it has none); without, the body model alone.
    const blendWeights = settings.blend ? (settings.cvGrid.blendWeight ?? [settings.blend.weight]) : [1];
    for (const seed of seeds) {
      // The blend model takes the same seed as the body model (its own settings' seed when the settings' seed is used).
      const seeded = { ...settings, body: { ...settings.body, seed }, ...(settings.blend ? { blend: { ...settings.blend, body: { ...settings.blend.body, seed: args.seeds ? seed : settings.blend.body.seed } } } : {}) };
      const probabilities = new Map<TextPage, Float64Array>();
      const blendProbabilities = new Map<TextPage, Float64Array>();
      for (let fold = 0; fold < folds; fold++) {
        const foldPages = trainPages.filter((p) => foldOf(p) !== fold);
        const body = new Trees(trainBodyModel(foldPages, seeded));
        const blendData = trainBlendModel(foldPages, seeded);
        const blend = blendData ? new Trees(blendData) : null;
        for (const p of trainPages) {
          if (foldOf(p) !== fold) continue;
          probabilities.set(p, bodyProbabilities(p.features, body));
          if (blend) blendProbabilities.set(p, bodyProbabilities(p.features, blend));
        }
        console.error(`cv fold ${fold + 1}/${folds}${seeds.length > 1 ? ` (seed ${seed})` : ''} (${elapsed()})`);
      }
      for (const blendWeight of blendWeights) {
        const probabilityOf = (p: TextPage): Float64Array => (settings.blend ? blendedProbabilities(probabilities.get(p)!, blendProbabilities.get(p)!, blendWeight) : probabilities.get(p)!);
        for (const transitionWeight of settings.cvGrid.transitionWeight) {
          for (const bodyBias of settings.cvGrid.bodyBias) {
            const decision = { transitionWeight, bodyBias };
            const setting = `${settings.blend ? `blendWeight ${blendWeight} ` : ''}transitionWeight ${transitionWeight} bodyBias ${bodyBias}`;
            const figures = textFigures(trainPages, (p) => decideFromProbabilities(p.lines, probabilityOf(p), { sequence, decision }), goldOf, evalByFile);
            print(`train part, ${folds}-fold cv by site${seeds.length > 1 ? `, seed ${seed}` : ''}, ${setting}`, figures);
            bySetting.set(setting, [...(bySetting.get(setting) ?? []), figures]);
          }
        }
      }
    }
    if (seeds.length > 1) for (const [setting, runs] of bySetting) printSeedMean(`train part, ${folds}-fold cv by site, mean of ${seeds.length} seeds, ${setting}`, runs);
  }

  const { data, rows } = trainLineModel(trainPages, settings);
  console.error(`line model: ${rows} lines (${elapsed()})${settings.blend ? ': the body model alone, without the blend --cv measured' : ''}`);
  const models = lineModelsOf(data);
  print('validation part, rules', textFigures(validationPages, (p) => p.lines.rules, goldOf, evalByFile));
  print('validation part, line model', textFigures(validationPages, (p) => decideFromProbabilities(p.lines, bodyProbabilities(p.features, models.body), models), goldOf, evalByFile));

  const text = JSON.stringify(data) + '\n';
  if (args.check) {
    const committed = existsSync(modelPath) ? readFileSync(modelPath, 'utf8') : '';
    if (committed !== text) {
      console.error(`train --check: ${modelPath} differs from what the committed data and seed rebuild`);
      return 1;
    }
    console.error(`train --check: ${modelPath} rebuilt byte for byte`);
    return 0;
  }
  writeFileSync(modelPath, text);
  console.error(`wrote ${modelPath} (${(text.length / 1024).toFixed(0)} KiB, ${elapsed()})`);
  return 0;
}

/** The mean and range over seeds of the figures of one decision setting, per variant. */
function printSeedMean(label: string, runs: ReadonlyArray<readonly TextFigures[]>): void {
  for (const f of meanOverSeeds(runs)) {
    const m = f.modernWeb;
    console.log(
      `${label} [${f.variant}]: modern-web F1 ${m.f1.toFixed(4)} (${m.f1Min.toFixed(4)}..${m.f1Max.toFixed(4)}; P ${m.precision.toFixed(4)} R ${m.recall.toFixed(4)}; ${Object.entries(m.byType).map(([type, f1]) => `${type} ${f1.toFixed(3)}`).join(', ')}) · trafilatura-eval F1 ${f.trafilaturaEval.f1.toFixed(4)}`,
    );
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const usage = `usage: npm run train:text -- --corpus <path to shared/corpus> [--check] [--cv [--seeds a,b,…]] [--cache <dir>]
       [--settings eval/text-training.json] [--model src/core/text/line-model.json] [--split eval/split.json]`;
  const { values } = commandLine(usage, {
    options: {
      corpus: { type: 'string' },
      check: { type: 'boolean', default: false },
      cv: { type: 'boolean', default: false },
      seeds: { type: 'string' },
      cache: { type: 'string' },
      settings: { type: 'string' },
      model: { type: 'string' },
      split: { type: 'string' },
    },
  });
  if (!values.corpus) usageError(usage, 'train:text: --corpus <path to shared/corpus> is needed');
  const seeds = values.seeds?.split(',').map(Number);
  if (seeds?.some((seed) => !Number.isInteger(seed))) usageError(usage, `train:text: --seeds takes whole numbers separated by commas, not ${values.seeds}`);
  process.exit(trainTextModel({ ...values, corpus: values.corpus, seeds }));
}
