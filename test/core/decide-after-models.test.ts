/**
 * What the decision does after the models' classes (src/core/classifier/decide.ts afterModels), the steps
 * `npm run train -- --cv` also scores so that its cross-validated figures are the pipeline's: a code block
 * left out between two body paragraphs is body (withinTextFlow), and so is the piece of a long run the
 * models left out when another piece is body (wholeRuns); rule decisions and hidden text stay as they are.
 */
import { describe, expect, it } from 'vitest';
import type { Block } from '../../src/core/html/walk.js';
import type { Classified } from '../../src/core/classifier/classes.js';
import { afterModels } from '../../src/core/classifier/decide.js';

function block(index: number, text: string, extra: Partial<Block> = {}): Block {
  return { index, text, tag: 'p', flags: 0, innermost: 0, inlineFlags: 0, linkChars: 0, container: 0, headingLevel: 0, afterImage: false, ...extra };
}
const model = (b: Block, type: Classified['type'], ...cues: string[]): Classified => ({ block: b, type, cues: [`model:${type}`, ...cues] });

describe('afterModels', () => {
  it('makes a code block between two body paragraphs body, and a long run whole', () => {
    const blocks = [
      block(0, 'The ferry leaves from the north pier every hour in summer.'),
      block(1, 'return (', { tag: 'pre', code: { language: null, text: 'return (' }, codeBlock: 0 }),
      block(2, 'The night boat stopped running in October.'),
      block(3, 'A long text run, first piece.'),
      block(4, 'its second piece.', { continuesRun: true }),
    ];
    const classified = [model(blocks[0]!, 'body'), model(blocks[1]!, 'chrome'), model(blocks[2]!, 'body'), model(blocks[3]!, 'body'), model(blocks[4]!, 'chrome')];
    expect(afterModels(classified, classified.map(() => null)).map((c) => c.type)).toEqual(['body', 'body', 'body', 'body', 'body']);
  });

  it("keeps a description list's terms between body blocks with their descriptions", () => {
    // <dl><dt>Spring tide</dt><dd>The largest range…</dd>…: the models took the short terms for chrome, and the
    // definitions came without the words they define.
    const blocks = [
      block(0, 'The harbour publishes its tide tables every month.'),
      block(1, 'Spring tide', { tag: 'dt' }),
      block(2, 'The largest range, near new and full moon.', { tag: 'dd' }),
      block(3, 'Neap tide', { tag: 'dt' }),
      block(4, 'The smallest range, at the quarter moons.', { tag: 'dd' }),
    ];
    const classified = [model(blocks[0]!, 'body'), model(blocks[1]!, 'chrome'), model(blocks[2]!, 'body'), model(blocks[3]!, 'chrome'), model(blocks[4]!, 'body')];
    expect(afterModels(classified, classified.map(() => null)).map((c) => c.type)).toEqual(['body', 'body', 'body', 'body', 'body']);
    // A term of links (a glossary's index between paragraphs) stays out.
    const linked = block(1, 'Spring tide', { tag: 'dt', linkChars: 11 });
    expect(afterModels([classified[0]!, model(linked, 'chrome'), classified[2]!], [null, null, null])[1]!.type).toBe('chrome');
  });

  it('leaves rule decisions and hidden text as they are', () => {
    const blocks = [block(0, 'First paragraph of the article.'), block(1, 'let a = 1;', { tag: 'pre', code: { language: null, text: 'let a = 1;' } }), block(2, 'Last paragraph.')];
    const hidden = [model(blocks[0]!, 'body'), model(blocks[1]!, 'chrome', 'hidden'), model(blocks[2]!, 'body')];
    expect(afterModels(hidden, hidden.map(() => null))[1]!.type).toBe('chrome');
    const ruled: Classified = { block: blocks[1]!, type: 'legal', cues: ['text:copyright'] };
    const lifted = [null, ruled, null];
    expect(afterModels([hidden[0]!, ruled, hidden[2]!], lifted)[1]!.type).toBe('legal');
  });
});
