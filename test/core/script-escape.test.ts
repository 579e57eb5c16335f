/**
 * The standard's escaped states of script data (src/core/script-escape.ts), held to parse5 on
 * generated script texts: a `</script>` met while the text is double-escaped does not end the
 * script for the standard (the rest of the page becomes script text), anywhere else it does.
 */
import { parse } from 'parse5';
import { adapter } from 'parse5-htmlparser2-tree-adapter';
import { describe, expect, it } from 'vitest';
import { prng } from '../../scripts/prng.js';
import { ScriptEscapes } from '../../src/core/script-escape.js';

/**
 * Where parse5 ends a script holding `text` and then `</script><p>after</p>`: at that end tag, beyond it (the text
 * ended double-escaped), or before it (at an end tag such as `</script ` in the text: RISKS.rawTextEndTag's part).
 */
function conformantEnd(text: string): 'at' | 'beyond' | 'before' {
  const document = parse(`<script>${text}</script><p>after</p>`, { treeAdapter: adapter });
  const html = document.children.find((node) => node.type === 'tag')!;
  const head = (html as { children: Array<{ name?: string; children?: Array<{ name?: string; children?: Array<{ data?: string }> }> }> }).children[0]!;
  const script = head.children!.find((node) => node.name === 'script')!;
  const data = script.children![0]?.data ?? '';
  return data.includes('<p>after') ? 'beyond' : data === text ? 'at' : 'before';
}
const conformantDoubleEscaped = (text: string): boolean => conformantEnd(text) === 'beyond';

function escapes(text: string, pieces: number[] = [text.length]): boolean {
  const reader = new ScriptEscapes();
  const from = text.indexOf('<!--');
  if (from === -1) return false;
  // The first piece is read from its `<!--` on, the others whole (as parse.ts feeds the texts of one script).
  let at = 0;
  for (const length of pieces) {
    const piece = text.slice(at, at + length);
    if (at <= from && from < at + length) reader.read(piece, from - at);
    else if (at > from) reader.read(piece);
    at += length;
  }
  if (at < text.length) reader.read(text.slice(at));
  return reader.doubleEscaped;
}

const FRAGMENTS = ['<!--', '-->', '--!>', '<!-->', '<script>', '<script ', '<SCRIPT/', '<scripts>', '</script ', '</scripts>', '<\\/script>', '-', '--', '<', '>', ' x ', 'document.write("', '")', '\n'];

describe('the escaped states of script data', () => {
  it.each([
    ['an HTML comment in a string, closed before a script tag', 'var a = "<!-- tag -->\\n<script async src=x>";', false],
    ['document.write of a script in a <!-- //--> wrapper', '<!--\n document.write(\'<script src="a"><\\/script>\');\n//-->\n', false],
    ['a script tag written in an open <!--', '<!-- document.write("<script>x', true],
    ['upper case', '<!-- <SCRIPT\ttype=x>', true],
    ['another tag name', '<!-- <scripts>', false],
    ['a comment that closes at once', '<!--><script>', false],
    ['a double-escaped section closed by -->', '<!--<script>-->', false],
    ['a double-escaped section closed by </script ', '<!--<script></script x', false],
  ])('%s', (_, text, expected) => {
    expect(conformantDoubleEscaped(text)).toBe(expected);
    expect(escapes(text)).toBe(expected);
  });

  it('agrees with parse5 on 3,000 generated script texts, read whole or in pieces', () => {
    const next = prng(14);
    let doubleEscaped = 0;
    for (let n = 0; n < 3000; n++) {
      const parts = ['<!--'];
      const count = 1 + Math.floor(next() * 8);
      for (let k = 0; k < count; k++) parts.push(FRAGMENTS[Math.floor(next() * FRAGMENTS.length)]!);
      const text = parts.join('');
      const end = conformantEnd(text);
      if (end === 'before') continue;
      const expected = end === 'beyond';
      if (expected) doubleEscaped++;
      expect(escapes(text), text).toBe(expected);
      const pieces = Array.from({ length: 6 }, () => 1 + Math.floor(next() * 5));
      expect(escapes(text, pieces), `${text} in pieces ${pieces.join(',')}`).toBe(expected);
    }
    // Both answers are common among them.
    expect(doubleEscaped).toBeGreaterThan(300);
    expect(doubleEscaped).toBeLessThan(2700);
  });
});
