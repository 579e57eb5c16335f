/**
 * The core works through long strings in pieces to keep memory bounded (INPUT_LIMITS.blockChars):
 * these properties hold the piecewise versions to what the one-piece versions give. Also: the
 * HTML parser fed in chunks (as src/core/parse.ts feeds it, with a look at the clock after each)
 * builds the same tree as fed in one string, wherever the chunks are cut.
 */
import fc from 'fast-check';
import { DomHandler, isComment, isText, type ChildNode } from 'domhandler';
import { Parser } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { collapseWhitespace, splitLongText } from '../../src/core/normalize.js';
import { INPUT_LIMITS } from '../../src/core/options.js';
import { pageArbitrary, serializePage } from './pages.js';

const RUNS = { seed: 20_240_305, numRuns: 100 } as const;
const PIECE = INPUT_LIMITS.blockChars;

/** A long string with a random stretch of words and whitespace of every kind around a piece boundary. */
const aroundBoundary = fc
  .tuple(
    fc.integer({ min: 0, max: 3 }),
    fc.integer({ min: -40, max: 40 }),
    fc.array(fc.constantFrom(' ', '  ', '\n', '\t', '\u00a0', '\u3000', 'a', 'word', 'é', '😀', '\r\n'), { maxLength: 60 }),
    fc.constantFrom('', ' ', '   \n'),
  )
  .map(([pieces, offset, stretch, edge]) => {
    const filler = 'ab cd '.repeat(Math.ceil((pieces * PIECE + PIECE) / 6));
    const at = Math.max(0, pieces * PIECE + offset);
    return edge + filler.slice(0, at) + stretch.join('') + filler.slice(0, PIECE / 2) + edge;
  });

describe('collapseWhitespace in pieces', () => {
  it('gives what one replace over the whole string gives', () => {
    fc.assert(
      fc.property(aroundBoundary, (text) => {
        expect(collapseWhitespace(text)).toBe(text.replace(/\s+/g, ' ').trim());
      }),
      RUNS,
    );
  });

  it('on strings that are nothing but whitespace for whole pieces', () => {
    for (const text of [' '.repeat(PIECE * 2 + 3), `a${' '.repeat(PIECE * 2)}b`, `${' '.repeat(PIECE)}a${'\n'.repeat(PIECE)}`]) {
      expect(collapseWhitespace(text)).toBe(text.replace(/\s+/g, ' ').trim());
    }
  });
});

describe('splitLongText', () => {
  it('cuts nothing out: the pieces joined are the text, each at most a block, cut at whitespace when there is some near the end', () => {
    fc.assert(
      fc.property(aroundBoundary, (text) => {
        const pieces = splitLongText(text);
        expect(pieces.join('')).toBe(text);
        for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(PIECE);
        for (const piece of pieces.slice(1)) {
          // Each later piece starts at the whitespace it was cut at, unless no whitespace was in reach.
          const cutAtSpace = /^\s/.test(piece);
          const previous = pieces[pieces.indexOf(piece) - 1]!;
          expect(cutAtSpace || !/\s/.test(previous.slice(PIECE / 2))).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('never cuts a surrogate pair', () => {
    const text = '😀'.repeat(PIECE);
    for (const piece of splitLongText(text)) expect(piece).not.toMatch(/^[\udc00-\udfff]|[\ud800-\udbff]$/);
  });
});

/** The tree as plain data, to compare two parses. */
function shape(nodes: readonly ChildNode[]): unknown[] {
  return nodes.map((node) => {
    if (isText(node) || isComment(node)) return [node.type, node.data];
    if ('children' in node) return [node.type, 'name' in node ? node.name : null, 'attribs' in node ? node.attribs : null, shape(node.children)];
    return [node.type];
  });
}

function parse(html: string, chunk: number): unknown[] {
  const handler = new DomHandler();
  const parser = new Parser(handler);
  for (let start = 0; start < html.length; start += chunk) parser.write(html.slice(start, start + chunk));
  parser.end();
  return shape(handler.root.children);
}

describe('htmlparser2 fed in chunks', () => {
  it('builds the same tree as fed the whole page, wherever the chunks are cut', () => {
    fc.assert(
      fc.property(pageArbitrary, fc.integer({ min: 1, max: 64 }), (page, chunk) => {
        const html = serializePage(page);
        expect(parse(html, chunk)).toEqual(parse(html, html.length + 1));
      }),
      RUNS,
    );
  });
});
