/**
 * The line model's trainer (src/learn/text-train.ts): the mean over seeds that `npm run train:text -- --cv --seeds`
 * prints, on hand-made figures.
 */
import { describe, expect, it } from 'vitest';
import { meanOverSeeds, type TextFigures } from '../../src/learn/text-train.js';

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
