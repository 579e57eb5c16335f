/**
 * The line model's trainer (src/learn/text-train.ts): the labels of a page's lines, the mean over seeds that
 * `npm run train:text -- --cv --seeds` prints, on hand-made figures, and the blend --cv can measure.
 */
import { describe, expect, it } from 'vitest';
import {
  blendedProbabilities,
  meanOverSeeds,
  readTextPages,
  trainBlendModel,
  trainBodyModel,
  type TextCorpusPage,
  type TextFigures,
  type TextLabellingRule,
  type TextTrainingSettings,
} from '../../src/learn/text-train.js';
import type { BoostingParameters } from '../../src/learn/boosting.js';

const figures = (variant: TextFigures['variant'], f1: number, article: number): TextFigures => ({
  variant,
  modernWeb: { f1, precision: f1 - 0.01, recall: f1 + 0.01, byType: { article, forum: 0.5 } },
  trafilaturaEval: { f1: 0.9, precision: 0.9, recall: 0.9 },
});

describe('the mean of cross-validated figures over seeds', () => {
  it('averages each variant apart and keeps the range of its F1', () => {
    const runs = [
      [figures('blank', 0.78, 0.9), figures('plain', 0.77, 0.88)],
      [figures('blank', 0.8, 0.94), figures('plain', 0.79, 0.9)],
    ];
    const [blank, plain] = meanOverSeeds(runs);
    expect(blank!.variant).toBe('blank');
    expect(blank!.seeds).toBe(2);
    expect(blank!.modernWeb.f1).toBeCloseTo(0.79, 12);
    expect([blank!.modernWeb.f1Min, blank!.modernWeb.f1Max]).toEqual([0.78, 0.8]);
    expect(blank!.modernWeb.precision).toBeCloseTo(0.78, 12);
    expect(blank!.modernWeb.byType.article).toBeCloseTo(0.92, 12);
    expect(blank!.modernWeb.byType.forum).toBeCloseTo(0.5, 12);
    expect(plain!.modernWeb.f1).toBeCloseTo(0.78, 12);
    expect(plain!.trafilaturaEval.f1).toBeCloseTo(0.9, 12);
  });

  it('gives nothing for no runs', () => {
    expect(meanOverSeeds([])).toEqual([]);
  });
});

describe('the labels of the lines of a text', () => {
  const RULE: TextLabellingRule = { shingle: 4, bodyMinCoverage: 0.6, notBodyMaxCoverage: 0.2, snippetMinOverlap: 0.5, minGoldFound: 0.5 };
  const paragraphs = [
    'The bread rises overnight in a cool kitchen, and bakes early in the morning before the shop opens.',
    'A sourdough starter needs flour and water every day, and a warm corner to keep it lively.',
    'Most loaves are sold by noon, so the baker keeps a second batch of dough in the cold room.',
  ];
  const text = ['Home', 'Recipes', 'Contact', '', ...paragraphs.flatMap((p) => [p, '']), 'Share on Facebook', '© 2026 The Bakery'].join('\n');
  const page = (mainContent: string): TextCorpusPage => ({ set: 'modern-web', file: 'bakery.html', site: 'bakery.example', part: 'train', gold: { mainContent } });
  const labelled = (mainContent: string): Array<{ text: string; label: number }> => {
    const [blank] = readTextPages([page(mainContent)], () => ({ blank: text, plain: text }), RULE);
    return blank!.lines.blocks.map((block, i) => ({ text: block.text, label: blank!.labels[i]! }));
  };

  it('labels the lines by the gold main text the text holds', () => {
    const labels = labelled(paragraphs.join('\n\n'));
    expect(labels.filter((l) => l.label === 1).map((l) => l.text)).toEqual(paragraphs);
    expect(labels.find((l) => l.text === 'Share on Facebook')!.label).toBe(0);
  });

  it('leaves a text unlabelled whose gold it does not hold (a gold written as a summary of the page)', () => {
    const labels = labelled('This page describes how a small bakery makes its bread each day, from the starter to the shop counter, and when it sells out.');
    expect(labels.every((l) => l.label === -1)).toBe(true);
  });
});

describe('a blend of the body model with a model of another kind (measured by --cv)', () => {
  it('weighs the body model against the blend model line by line, and gives the body model back at weight 1', () => {
    const body = Float64Array.from([0.9, 0.2, 0.5]);
    const blend = Float64Array.from([0.5, 0.6, 0.5]);
    expect(blendedProbabilities(body, blend, 1)).toBe(body);
    const mixed = blendedProbabilities(body, blend, 0.7);
    [0.78, 0.32, 0.5].forEach((p, i) => expect(mixed[i]).toBeCloseTo(p, 12));
    expect(Array.from(blendedProbabilities(body, blend, 0))).toEqual(Array.from(blend));
    expect(Array.from(body)).toEqual([0.9, 0.2, 0.5]);
  });

  const RULE: TextLabellingRule = { shingle: 4, bodyMinCoverage: 0.6, notBodyMaxCoverage: 0.2, snippetMinOverlap: 0.5, minGoldFound: 0.5 };
  const paragraphs = Array.from({ length: 12 }, (_, i) => `Paragraph ${i + 1} of the story tells how the river rose in the night and how the village woke to the bells at ${i + 3} o'clock.`);
  const text = ['Home', 'News', 'Sport', 'Weather', '', ...paragraphs.flatMap((p) => [p, '']), 'Share', 'Print', 'Contact us', '© 2026 The Village'].join('\n');
  const pages = readTextPages([{ set: 'modern-web', file: 'river.html', site: 'river.example', part: 'train', gold: { mainContent: paragraphs.join('\n\n') } }], () => ({ blank: text, plain: text }), RULE);
  const params = (maxDepth: number, rounds: number): BoostingParameters => ({
    rounds,
    learningRate: 0.3,
    maxDepth,
    minLeafWeight: 1,
    lambda: 1,
    minGain: 0,
    rowSample: 1,
    featureSample: 1,
    bins: 8,
    scale: 1000,
    seed: 7,
  });
  const settings: TextTrainingSettings = {
    note: '',
    weights: { note: '', modernWebPage: 1, trafilaturaPage: 0.5, wordsPlus: 3 },
    body: { ...params(3, 4), note: '' },
    sequence: { note: '', smoothing: 1 },
    decision: { note: '', transitionWeight: 0.5, bodyBias: 0.75 },
    cvGrid: { note: '', transitionWeight: [0.5], bodyBias: [0.75] },
  };

  it('has no blend model without a blend in the settings', () => {
    expect(trainBlendModel(pages, settings)).toBeNull();
  });

  it('trains the blend model by its own parameters on the body model\'s lines', () => {
    const withBlend = { ...settings, blend: { note: '', weight: 0.7, body: params(1, 9) } };
    const blend = trainBlendModel(pages, withBlend)!;
    const alone = trainBodyModel(pages, { ...settings, body: { ...params(1, 9), note: '' } });
    expect(blend.trees).toBe(alone.trees);
    expect(blend.thresholds).toBe(alone.thresholds);
    expect(blend.trees).not.toBe(trainBodyModel(pages, withBlend).trees);
    expect(blend.note).toMatch(/^blend: /);
  });
});
