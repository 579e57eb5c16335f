/**
 * The renderers on the golden fixtures (./fixtures: one small page per construct): the Markdown
 * and plain text are the reviewed ones, and the Markdown, parsed back by a third-party CommonMark
 * and GFM parser, states what the source page states (heading levels, list nesting and
 * numbering, table shape and header row, link targets, image sources) and holds the text of the
 * body segments, no word lost or added.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderMarkdown, renderText } from '../../src/core/render/index.js';
import { cleanFixture, fixtures } from './fixtures.js';
import { htmlStructure, markdownStructure, mdText, parseMarkdown } from './structure.js';

const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim();
const all = fixtures();

describe.each(all.map((fixture) => [fixture.name, fixture] as const))('fixture %s', (_name, fixture) => {
  const document = cleanFixture(fixture);
  const markdown = renderMarkdown(document);

  it('renders the reviewed Markdown and plain text (npm run fixtures:render rewrites them)', () => {
    expect(markdown).toBe(readFileSync(join(fixture.dir, 'expected.md'), 'utf8'));
    expect(renderText(document)).toBe(readFileSync(join(fixture.dir, 'expected.txt'), 'utf8'));
  });

  it('states in Markdown what the page states in HTML', () => {
    expect(markdownStructure(markdown)).toEqual(htmlStructure(fixture.source, 'article', document.url!));
  });

  it('holds the words of the body segments, no more, no less', () => {
    const body = document.segments.filter((segment) => segment.type === 'body').map((segment) => segment.text);
    expect(collapse(mdText(parseMarkdown(markdown)))).toBe(collapse(body.join(' ')));
  });
});

it('covers every construct of the issue with a fixture', () => {
  expect(all.map((fixture) => fixture.name)).toEqual(
    expect.arrayContaining(['headings', 'lists-nested', 'lists-ordered', 'quotes', 'code', 'table-data', 'table-layout', 'inline', 'escaping', 'images', 'mixed']),
  );
});
