/**
 * Container signatures (src/core/html/walk.ts): containers alike in tag and class attribute, digits
 * aside, share a number (the block features' repeated units read it); numbers go by first appearance.
 */
import { describe, expect, it } from 'vitest';
import { walk } from '../../src/core/html/walk.js';
import { parseHtml } from '../../src/core/parse.js';
import { Watchdog } from '../../src/core/watchdog.js';

describe('container signatures', () => {
  it('number tag and class with the digits as #, alike ones alike, by first appearance', () => {
    const html = `<!DOCTYPE html><html><head><title>t</title></head><body>
      <div class="item-1"><p>a</p></div><div class="item-22"><p>b</p></div><section class="item-3"><p>c</p></section>
      <div><p>d</p></div><div class=""><p>e</p></div><div class="item-x"><p>f</p></div><div class="item-4"><p>g</p></div></body></html>`;
    const { blocks, containers } = walk(parseHtml(html, new Watchdog(60_000), { maxNodes: 100_000 }), new Watchdog(60_000));
    // The signature of the container around each block's <p>: its parent's.
    const outer = (text: string): number => {
      const block = blocks.find((b) => b.text === text)!;
      return containers.signature![containers.parent[block.container]!]!;
    };
    const [a, b, c, d, e, f, g] = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map(outer);
    expect(b).toBe(a);
    expect(g).toBe(a);
    expect(new Set([a, c, d, e, f]).size).toBe(5);
    expect([a, c, d, e, f]).toEqual([...[a, c, d, e, f]].sort((x, y) => x! - y!));
  });
});
