/**
 * The block features of the learned classifier (src/core/classifier/features.ts), on a small
 * hand-made page: each named feature reads what it says.
 */
import { describe, expect, it } from 'vitest';
import { readHtmlPage } from '../../src/core/html/page.js';
import { preparePage } from '../../src/core/classifier/content-root.js';
import { metadataCopies } from '../../src/core/classifier/rules.js';
import { FEATURE_NAMES, blockFeatures, featureIndex, featureRow, stopwordsFor, titleAnchor } from '../../src/core/classifier/features.js';
import { resolveOptions } from '../../src/core/options.js';
import { Watchdog } from '../../src/core/watchdog.js';
import { page } from './helpers.js';

const STORY = [
  'The city council approved the new cycling plan on Tuesday after a four-hour debate that ran late into the night.',
  'Under the plan, twelve kilometres of protected lanes will be built along the river by the end of next year.',
  'Shop owners on the main street had opposed the loss of parking spaces, but the council found room for a garage.',
];

function features(html: string) {
  const options = resolveOptions({});
  const { walked, meta, echoes } = readHtmlPage(html, new Watchdog(options.timeBudgetMs), options);
  const prepared = preparePage(walked.blocks, walked.containers, echoes.titles);
  const lifted = metadataCopies(walked.blocks, echoes);
  const table = blockFeatures({ blocks: walked.blocks, containers: walked.containers, prepared, language: meta.language, pageTypes: meta.pageTypes, titleBlock: titleAnchor(walked.blocks, lifted) });
  const of = (text: string, name: string): number => {
    const index = walked.blocks.findIndex((b) => b.text === text);
    if (index < 0) throw new Error(`no block ${text}`);
    return featureRow(table, index)[featureIndex(name)]!;
  };
  return { table, of, blocks: walked.blocks };
}

const html = page({
  lang: 'en',
  body: `<nav class="menu"><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></nav>
    <article><h2>Lanes by the river</h2>${STORY.map((p) => `<p>${p}</p>`).join('')}</article>
    <footer><p>© 2024 The Paper. All rights reserved.</p></footer>`,
});

describe('blockFeatures', () => {
  it('has one value per named feature for every block', () => {
    const { table, blocks } = features(html);
    expect(table.width).toBe(FEATURE_NAMES.length);
    expect(table.rows).toBe(blocks.length);
    expect(new Set(FEATURE_NAMES).size).toBe(FEATURE_NAMES.length);
  });

  it('reads links, containers, the content root and textual cues', () => {
    const { of } = features(html);
    expect(of('Home', 'linkDensity')).toBe(1);
    expect(of('Home', 'in:NAV')).toBe(1);
    expect(of('Home', 'region:NAV')).toBe(1);
    expect(of('Home', 'tag:li')).toBe(1);
    expect(of('Home', 'root:inside')).toBe(0);
    expect(of(STORY[0]!, 'root:inside')).toBe(1);
    expect(of(STORY[0]!, 'tag:p')).toBe(1);
    expect(of(STORY[0]!, 'linkDensity')).toBe(0);
    expect(of(STORY[0]!, 'sentences')).toBe(1);
    expect(of(STORY[0]!, 'endsSentence')).toBe(1);
    expect(of('Lanes by the river', 'headingLevel')).toBe(2);
    expect(of('© 2024 The Paper. All rights reserved.', 'cue:copyright')).toBe(1);
    expect(of('© 2024 The Paper. All rights reserved.', 'region:FOOTER')).toBe(1);
    expect(of(STORY[0]!, 'cue:copyright')).toBe(0);
  });

  it('reads the neighbours and the page', () => {
    const { of } = features(html);
    expect(of(STORY[1]!, 'prev.chars')).toBe(STORY[0]!.length);
    expect(of(STORY[1]!, 'next.chars')).toBe(STORY[2]!.length);
    expect(of('Home', 'prev.chars')).toBe(-1);
    expect(of('Home', 'page:blocks')).toBe(of(STORY[0]!, 'page:blocks'));
  });

  it('counts stopwords of the page language', () => {
    const { of } = features(html);
    expect(of(STORY[0]!, 'stopwordDensity')).toBeGreaterThan(0.1);
    expect(of('Home', 'stopwordDensity')).toBe(0);
    expect(stopwordsFor('de-AT').has('und')).toBe(true);
    expect(stopwordsFor(null).has('und')).toBe(true);
  });

  it('reads what the page says it is (JSON-LD @type, og:type)', () => {
    const head = '<meta property="og:type" content="product"><script type="application/ld+json">{"@context":"https://schema.org","@type":"QAPage","name":"Why?"}</script>';
    const { of } = features(page({ head, body: `<article>${STORY.map((p) => `<p>${p}</p>`).join('')}</article>` }));
    expect(of(STORY[0]!, 'page:discussion')).toBe(1);
    expect(of(STORY[0]!, 'page:product')).toBe(1);
    expect(of(STORY[0]!, 'page:article')).toBe(0);
  });

  it('finds repeated units: alike siblings, a few levels up', () => {
    const post = (i: number) => `<div class="post post-${i}"><div class="meta">user${i}</div><div class="body"><p>Reply number ${i} says the plan is good and the lanes will help everyone.</p></div></div>`;
    const { of } = features(page({ body: `<div class="thread">${[1, 2, 3, 4].map(post).join('')}</div>` }));
    const reply = 'Reply number 2 says the plan is good and the lanes will help everyone.';
    expect(of(reply, 'unit:count')).toBe(4);
    expect(of(reply, 'unit:levels')).toBe(2);
    expect(of('user2', 'unit:first')).toBe(1);
    expect(of(reply, 'unit:first')).toBe(0);
  });

  it('counts how often a text repeats on the page', () => {
    const { of } = features(page({ body: `<p>Read more</p><article>${STORY.map((p) => `<p>${p}</p>`).join('')}</article><p>Read more</p>` }));
    expect(of('Read more', 'repeats')).toBe(2);
    expect(of(STORY[0]!, 'repeats')).toBe(1);
  });
});
