import { load } from 'cheerio';
import { parse } from 'parse5';
import { describe, expect, it } from 'vitest';
import { syntheticPage } from '../../bench/synthetic.js';

const KB100 = 100 * 1024;
const MB1 = 1024 * 1024;

function parseErrors(html: string): string[] {
  const errors: string[] = [];
  parse(html, { onParseError: (error) => errors.push(`${error.code} at line ${error.startLine}`) });
  return errors;
}

describe('synthetic page generator', () => {
  const page = syntheticPage(KB100);

  it.each([KB100, MB1])('reaches the requested size (%i bytes) and overshoots by less than 5%%', (bytes) => {
    const size = Buffer.byteLength(bytes === KB100 ? page : syntheticPage(bytes));
    expect(size).toBeGreaterThanOrEqual(bytes);
    expect(size).toBeLessThan(bytes * 1.05);
  });

  it('writes HTML without a single parse error (WHATWG parser, parse5)', () => {
    expect(parseErrors(page)).toEqual([]);
    expect(parseErrors(syntheticPage(KB100, 7))).toEqual([]);
  });

  it('has the landmarks of a real article page', () => {
    const $ = load(page);
    expect($('head > title').text()).toMatch(/\| The Daily Synthetic$/);
    expect($('meta[charset]').attr('charset')).toBe('utf-8');
    const jsonLd = JSON.parse($('script[type="application/ld+json"]').text()) as { '@type': string; headline: string };
    expect(jsonLd['@type']).toBe('NewsArticle');
    expect($('header nav a[href]').length).toBeGreaterThanOrEqual(5);
    expect($('article h1').length).toBe(1);
    expect($('article time[datetime]').length).toBe(1);
    expect($('article a[rel="author"]').length).toBe(1);
    expect($('article h2').length).toBeGreaterThan(5);
    expect($('article p').length).toBeGreaterThan(50);
    expect($('article p a[href]').length).toBeGreaterThan(20);
    expect($('figure > img[src][alt] + figcaption').length).toBeGreaterThan(2);
    expect($('.ad-slot').length).toBeGreaterThan(2);
    expect($('aside.sidebar').length).toBe(1);
    expect($('body > footer .legal').text()).toMatch(/All rights reserved/);
    expect($('script:not([type])').length).toBeGreaterThan(0);
    expect($('style').length).toBeGreaterThan(0);
  });

  it('varies its text (repeated paragraphs would make a big page cheaper than a real one)', () => {
    const $ = load(page);
    const paragraphs = $('.article-body p')
      .map((_, p) => $(p).text())
      .get();
    expect(paragraphs.length).toBeGreaterThan(50);
    expect(new Set(paragraphs).size / paragraphs.length).toBeGreaterThan(0.95);
    expect(page).toMatch(/[^\x00-\x7f]/); // non-ASCII text, as real pages have
  });

  it('keeps a realistic share of visible text, neither bare text nor bare markup', () => {
    const $ = load(page);
    $('script, style').remove();
    const share = Buffer.byteLength($('body').text()) / Buffer.byteLength(page);
    expect(share).toBeGreaterThan(0.2);
    expect(share).toBeLessThan(0.8);
  });

  it('is deterministic for a size and seed, and differs between seeds', () => {
    expect(syntheticPage(KB100)).toBe(page);
    expect(syntheticPage(KB100, 2)).not.toBe(page);
  });
});
