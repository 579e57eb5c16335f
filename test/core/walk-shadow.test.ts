/**
 * Declarative shadow DOM (src/core/html/walk.ts shownChildren): a `<template shadowrootmode="open">` (or the older
 * `shadowroot` attribute) is the shadow tree a browser shows for its host, with each <slot> showing the host's
 * children assigned to it. Both parse routes keep a template's content differently (htmlparser2 as its children,
 * parse5 in a fragment) and walk to the same blocks.
 */
import { describe, expect, it } from 'vitest';
import { walk } from '../../src/core/html/walk.js';
import { parseConformant, parseFast } from '../../src/core/parse.js';
import { Watchdog } from '../../src/core/watchdog.js';

const LIMITS = { maxNodes: 100_000 };
const page = (body: string): string => `<!DOCTYPE html><html><head><title>t</title></head><body>${body}</body></html>`;
const fast = (html: string): string[] => walk(parseFast(html, new Watchdog(60_000), LIMITS).document, new Watchdog(60_000)).blocks.map((block) => block.text);
const conformant = (html: string): string[] => walk(parseConformant(html, new Watchdog(60_000), LIMITS), new Watchdog(60_000)).blocks.map((block) => block.text);

/** The blocks of the page, the same from either parser. */
function texts(body: string): string[] {
  const html = page(body);
  const blocks = fast(html);
  expect(conformant(html)).toEqual(blocks);
  return blocks;
}

describe('declarative shadow DOM', () => {
  it('walks a shadow root as its host\'s content, the host\'s children in the slots they are assigned to', () => {
    const card =
      '<article><product-card><template shadowrootmode="open"><h2>Trail Runner 3</h2><p>Made by <slot name="maker"></slot> in Portugal.</p><slot></slot></template>' +
      '<span slot="maker">Acme Shoes</span><p>A light shoe for long runs on rocky trails.</p></product-card></article>';
    expect(texts(card)).toEqual(['Trail Runner 3', 'Made by Acme Shoes in Portugal.', 'A light shoe for long runs on rocky trails.']);
    // The older attribute, a closed root, a host that is a div; a slot nothing is assigned to shows its own content.
    expect(texts('<div><template shadowroot="open"><p><slot name="note">No notes yet.</slot></p></template></div>')).toEqual(['No notes yet.']);
    expect(texts('<x-note><template shadowrootmode="closed"><p>Closed root text.</p></template></x-note>')).toEqual(['Closed root text.']);
    // A host's children that no slot takes are not shown; a nested host's slots are its own.
    expect(texts('<x-a><template shadowrootmode="open"><p>Shadow only.</p></template><p>Light, unslotted.</p></x-a>')).toEqual(['Shadow only.']);
    expect(
      texts('<x-outer><template shadowrootmode="open"><x-inner><template shadowrootmode="open"><h3><slot></slot></h3></template><slot></slot></x-inner></template><b>Outer light</b></x-outer>'),
    ).toEqual(['Outer light']);
  });

  it('keeps any other template inert', () => {
    expect(texts('<div><template><p>Inert row</p></template><p>Shown.</p></div>')).toEqual(['Shown.']);
    expect(texts('<div><template shadowrootmode="none"><p>Inert.</p></template><p>Shown.</p></div>')).toEqual(['Shown.']);
    // A shadow root only attaches to custom elements and a few others (not an <li>): there the template is an ordinary one.
    expect(texts('<ul><li><template shadowrootmode="open"><b>Inert.</b></template>Item</li></ul>')).toEqual(['Item']);
  });
});
