/**
 * The line model's trainer (src/learn/text-train.ts): the labels of a page's lines, and the mean over seeds that
 * `npm run train:text -- --cv --seeds` prints, on hand-made figures.
 */
import { describe, expect, it } from 'vitest';
import { meanOverSeeds, readTextPages, type TextCorpusPage, type TextFigures, type TextLabellingRule } from '../../src/learn/text-train.js';

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
