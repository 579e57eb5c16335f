/** Training labels from gold text and from snippets (src/learn/labels.ts). */
import { describe, expect, it } from 'vitest';
import { bodyByCoverage, bodyBySnippets, classesBySnippets, goldCoverage, goldFound, type LabellingRule } from '../../src/learn/labels.js';

const RULE: LabellingRule = { shingle: 4, bodyMinCoverage: 0.6, notBodyMaxCoverage: 0.2, snippetMinOverlap: 0.5 };

describe('goldCoverage', () => {
  const gold = 'Ingredients\n\n2 cups of flour\n\nThe bread rises overnight in a cool kitchen, and bakes in the morning.';
  it('covers the blocks whose words the gold holds in order, across block boundaries', () => {
    const blocks = ['Home', 'Recipes', 'Ingredients', '2 cups of flour', 'The bread rises overnight in a cool kitchen, and bakes in the morning.', 'Share on Facebook'];
    const coverage = goldCoverage(blocks, gold, RULE);
    expect(Array.from(coverage)).toEqual([0, 0, 1, 1, 1, 0]);
    expect(bodyByCoverage(coverage, RULE)).toEqual([0, 0, 1, 1, 1, 0]);
  });

  it('does not cover a menu word that the gold happens to contain alone, and leaves blocks without words unknown', () => {
    const coverage = goldCoverage(['Home', 'bread', 'Contact', 'Login', '—'], gold, RULE);
    expect(Array.from(coverage.subarray(0, 4))).toEqual([0, 0, 0, 0]);
    expect(bodyByCoverage(coverage, RULE)[4]).toBe(-1);
  });

  it('leaves a half-covered block out of training', () => {
    const coverage = goldCoverage(['The bread rises overnight in a cool kitchen, then the bakery sells it to everyone who queues'], gold, RULE);
    expect(coverage[0]).toBeGreaterThan(0.2);
    expect(coverage[0]).toBeLessThan(0.6);
    expect(bodyByCoverage(coverage, RULE)).toEqual([-1]);
  });
});

describe('goldFound', () => {
  const page = ['Home', 'Recipes', 'Ingredients', '2 cups of flour', 'The bread rises overnight in a cool kitchen, and bakes in the morning.', 'Share on Facebook'];
  it('is the share of the shingles of the gold that the text of the page holds, across block boundaries', () => {
    expect(goldFound(page, 'Ingredients\n\n2 cups of flour\n\nThe bread rises overnight in a cool kitchen, and bakes in the morning.', RULE)).toBe(1);
    // 8 shingles of the gold; the first four are the page's, the last four are not.
    expect(goldFound(page, 'rises overnight in a cool kitchen and sells out by noon', RULE)).toBe(0.5);
  });

  it('finds nothing of a gold written as a summary of the page, and nothing to find in a gold shorter than a shingle', () => {
    expect(goldFound(page, 'This page explains how a loaf of bread is made at home with flour and patience.', RULE)).toBe(0);
    expect(goldFound(page, 'Bread recipe', RULE)).toBeNaN();
  });
});

describe('snippet labels', () => {
  const blocks = ['Menu', 'The council met on Tuesday.', 'It approved the plan.', 'Advertisement', '© 2024 The Paper'];
  it('marks the blocks a with-snippet covers as body and a without-snippet as not body', () => {
    expect(bodyBySnippets(blocks, ['met on Tuesday. It approved the plan.'], ['© 2024 The Paper', 'Menu'], RULE)).toEqual([0, 1, 1, -1, 0]);
  });

  it('a snippet that touches a small part of a block does not label it', () => {
    expect(bodyBySnippets(blocks, ['Tuesday. It approved the plan.'], [], RULE)).toEqual([-1, -1, 1, -1, -1]);
  });

  it('gives classes by occurrence, as the segment scorer matches them', () => {
    const page = ['Advertisement', 'Story text here.', 'Advertisement'];
    expect(classesBySnippets(page, [{ class: 'ad', text: 'Advertisement' }, { class: 'body', text: 'Story text here.' }], RULE)).toEqual(['ad', 'body', null]);
    expect(classesBySnippets(page, [{ class: 'ad', text: 'Advertisement' }, { class: 'ad', text: 'Advertisement' }], RULE)).toEqual(['ad', null, 'ad']);
  });
});
