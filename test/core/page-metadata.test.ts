/**
 * statesMetadata, the test of the elements that may state page metadata, held to the CSS selector
 * it stands for (cheerio's selection, as the page metadata was read with before): on the trees both
 * parsers make of pages written for it, and on generated elements.
 */
import { load } from 'cheerio/slim';
import { isTag, type AnyNode, type Element } from 'domhandler';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { statesMetadata } from '../../src/core/html/page-metadata.js';
import { parseConformant, parseFast } from '../../src/core/parse.js';
import { Watchdog } from '../../src/core/watchdog.js';

const SELECTOR = 'html, title, meta[content], link[rel][href], script[type], time[datetime], [itemprop]';
const $ = load([]);
const LIMITS = { maxNodes: 100_000 } as const;

function elementsOf(root: AnyNode): Element[] {
  const out: Element[] = [];
  const work: AnyNode[] = [root];
  while (work.length > 0) {
    const node = work.pop()!;
    if (isTag(node)) out.push(node);
    if ('children' in node) for (const child of node.children) work.push(child);
  }
  return out;
}

/** The elements statesMetadata keeps and those the selector selects, as two lists of the same elements. */
function bothSelections(elements: Element[]): { own: Element[]; selected: Element[] } {
  const selected: Element[] = $(elements).filter(SELECTOR).toArray();
  return { own: elements.filter(statesMetadata), selected };
}

const PAGE = `<!DOCTYPE html><HTML lang="en"><head><TITLE>T</TITLE><title></title>
<meta content="" name="x"><meta name="no-content"><META CONTENT="c" PROPERTY="og:title"><meta itemprop="name">
<link rel="canonical" href="/a"><link rel="canonical"><link href="/b"><link rel="" href="">
<script type="application/ld+json">{}</script><script>var a;</script><script type="">x</script>
</head><body><time datetime="2024-01-01">x</time><time>y</time><TIME DATETIME="">z</TIME>
<div itemprop="author"><span itemprop>n</span></div><p itemProp="x">p</p><p data-itemprop="x">q</p>
<svg><title>icon</title><time datetime="1">t</time><a itemprop="url" xlink:href="#">l</a></svg>
<math><mi itemprop="v">x</mi></math><noscript><meta content="n" name="ns"></noscript>
<template><meta content="t" name="tp"></template><html lang="de"><table><tr><td itemprop="x">c</td></tr></table></body></HTML>`;

describe('statesMetadata', () => {
  it('keeps the elements the selector selects, on the trees of both parsers', () => {
    const watchdog = new Watchdog(10_000);
    for (const document of [parseFast(PAGE, watchdog, LIMITS).document, parseConformant(PAGE, watchdog, LIMITS)]) {
      const { own, selected } = bothSelections(elementsOf(document));
      expect(own.length).toBeGreaterThan(10);
      expect(own).toEqual(selected);
    }
  });

  it('keeps the elements the selector selects, on generated elements', () => {
    const name = fc.constantFrom('html', 'title', 'meta', 'link', 'script', 'time', 'div', 'span', 'a', 'HTML', 'Meta');
    const attribute = fc.constantFrom('content', 'rel', 'href', 'type', 'datetime', 'itemprop', 'name', 'Content', 'ITEMPROP', 'data-itemprop', 'constructor', '__proto__', 'toString');
    const value = fc.constantFrom('', 'x', 'canonical');
    fc.assert(
      fc.property(fc.array(fc.tuple(name, fc.dictionary(attribute, value)), { maxLength: 12 }), (specs) => {
        const elements = specs.map(([tag, attribs]) => {
          const document = parseFast(`<body><${tag} ${Object.entries(attribs).map(([k, v]) => `${k}="${v}"`).join(' ')}></${tag}>`, new Watchdog(10_000), LIMITS).document;
          return elementsOf(document).filter((element) => element.name === tag.toLowerCase());
        });
        const { own, selected } = bothSelections(elements.flat());
        return own.length === selected.length && own.every((element, i) => element === selected[i]);
      }),
      { seed: 20_261_206, numRuns: 500 },
    );
  });
});
