/**
 * Text scrapes written as Markdown (src/core/text/markdown.ts): a Jina Reader scrape and a Firecrawl one (made up
 * here, no corpus page) become documents as their page would: headings, lists, tables, code and links in the
 * structure, images with their captions, and no Markdown syntax left in the text; a plain-text scrape with a few
 * bullets and "# " lines is read as before; and the Markdown rendering of such a document is clean Markdown.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STORY_SENTENCES, cleanText, everyText } from './helpers.js';
import { readInlineMarkdown } from '../../src/core/text/markdown-inline.js';
import { readTextLines } from '../../src/core/text/lines.js';
import { isMarkdownScrape, markdownBlocks } from '../../src/core/text/markdown.js';
import { renderMarkdown } from '../../src/core/render/markdown.js';
import type { CleanDocument, Segment } from '../../src/core/schema.js';
import { markdownText } from '../../src/eval/markdown-text.js';
import { INPUT_LIMITS } from '../../src/core/options.js';
import type { Watchdog } from '../../src/core/watchdog.js';
import { buildDocument } from '../../src/core/document.js';
import { fixtures } from '../render/fixtures.js';
import { markdownStructure } from '../render/structure.js';

const JINA = [
  'Title: Harbour ferry returns after winter repairs',
  '',
  'URL Source: https://news.example.org/local/harbour-ferry-returns',
  '',
  'Published Time: 2026-03-04T08:15:00Z',
  '',
  'Markdown Content:',
  '[Skip to content](https://news.example.org/local/harbour-ferry-returns#main)',
  '',
  '*   [Home](https://news.example.org/)',
  '*   [Local](https://news.example.org/local)',
  '*   [Sport](https://news.example.org/sport)',
  '*   [Weather](https://news.example.org/weather)',
  '',
  'Harbour ferry returns after winter repairs',
  '==========================================',
  '',
  'By Maria Okafor',
  '',
  '![Image 1: The ferry Osprey at the harbour pier](https://news.example.org/img/osprey.jpg)',
  '',
  '*The Osprey at the pier on Monday. Photo: Jan Berg*',
  '',
  "The **Osprey**, the harbour's only passenger ferry, went back into service on Monday after four months of repairs to its hull and engines, the [port authority](https://port.example.org/news) said.",
  '',
  'Repairs took longer than planned',
  '--------------------------------',
  '',
  'The work was meant to end in January, but corrosion found under the waterline in December added six weeks. "We would rather be late than unsafe," said harbour master _Lena Holm_.',
  '',
  '### New timetable',
  '',
  'The ferry now runs every 30 minutes on weekdays, and the [new timetable](/timetables/2026 "Timetable") is posted at both piers:',
  '',
  '1.  First crossing at 06:00 from the north pier.',
  '2.  Last crossing at 22:30 from the south pier.',
  '3.  Bicycles travel free until the end of April.',
  '',
  '| Day | First | Last |',
  '| --- | --- | --- |',
  '| Weekdays | 06:00 | 22:30 |',
  '| Saturday | 07:00 | 23:00 |',
  '| Sunday | 08:00 | 21:00 |',
  '',
  'Fares are unchanged this year, and season tickets bought before the repairs stay valid until the end of June, the authority said.',
  '',
  '> "It is good to have her back," said Ana Lind, who has taken the ferry to work every weekday for eleven years.',
  '',
  'The authority plans a second ferry for the summer months, when tourists fill the crossings, and expects to order it by the autumn.',
  '',
  'Until then the Osprey will be inspected every two weeks, and a replacement bus will run whenever she is out of service for more than a day.',
  '',
  'Article continues after this advertisement',
  '',
  'Subscribe to our daily newsletter',
  '',
  '*   [Home](https://news.example.org/)',
  '*   [About us](https://news.example.org/about)',
  '*   [Contact](https://news.example.org/contact)',
  '*   [Privacy policy](https://news.example.org/privacy)',
  '',
  '© 2026 Harbour News. All rights reserved.',
  '',
].join('\n');

const FIRECRAWL = [
  '[![Harbour News](https://news.example.org/logo.png)](https://news.example.org/)',
  '',
  '- [Home](https://news.example.org/)',
  '- [Local](https://news.example.org/local)',
  '  - [North shore](https://news.example.org/local/north)',
  '  - [South shore](https://news.example.org/local/south)',
  '- [Sport](https://news.example.org/sport)',
  '',
  '# Ferry timetable app now open to all',
  '',
  "The harbour authority's **timetable app**, tested by 400 commuters since autumn, is now open to everyone, the authority said on _Tuesday_. It shows each crossing in real time and warns of delays.",
  '',
  '## How to install it',
  '',
  'The app is free. Developers can also read the data from the open API:',
  '',
  '```bash',
  'curl https://api.example.org/v1/crossings?pier=north',
  '```',
  '',
  'The response lists the next crossings, and the `next` field holds the departure times of the pier:',
  '',
  '```json',
  '{',
  '  "pier": "north",',
  '  "next": ["06:00", "06:30"]',
  '}',
  '```',
  '',
  '## What riders say',
  '',
  '- Ana, who crosses every morning: "I no longer wait at the pier in the rain."',
  '- Tom, a cyclist, likes that the app shows ~~three~~ four bicycle racks per ferry.',
  '',
  'Riders who tested the app asked for a warning when a crossing is full, and the authority said it would add one before the summer timetable starts in June.',
  '',
  "The app works on phones from the last six years, and a simple text version is available for older phones and for riders who use screen readers. Read the authority's [full announcement][news] or the [API documentation](https://api.example.org/docs).",
  '',
  '[news]: https://port.example.org/news/app-launch',
  '',
  '---',
  '',
  '## More from Local',
  '',
  '- [Harbour ferry returns after winter repairs](https://news.example.org/local/ferry-returns)',
  '- [New bicycle racks at the south pier](https://news.example.org/local/racks)',
  '- [Pier cafe opens for the season](https://news.example.org/local/cafe)',
  '',
  '[About us](https://news.example.org/about) | [Contact](https://news.example.org/contact) | [Advertise](https://news.example.org/advertise)',
  '',
  '© 2026 Harbour News · [Terms](https://news.example.org/terms) · [Privacy](https://news.example.org/privacy)',
  '',
].join('\n');

/** Markdown syntax a document's text must not show: markers of headings, lists, quotes, tables, fences, emphasis, links and images. */
const SYNTAX = [/^#{1,6}\s/m, /^\s*(?:[-*+]|\d+[.)])\s/m, /^>/m, /\|\s*-{3}/, /```/, /\*\*|__|~~/, /\]\(/, /!\[/, /\[[^\]]*\]\[/, /^={3,}$|^-{3,}$/m, /(?:^|\s)[*_]\S[^*_]*[*_](?:\s|$)/];

function syntaxIn(doc: CleanDocument): string[] {
  const texts = [doc.title ?? '', ...doc.segments.map((s) => s.text), ...doc.images.map((image) => `${image.alt} ${image.caption ?? ''}`)];
  return texts.filter((text) => SYNTAX.some((pattern) => pattern.test(text)));
}

const body = (doc: CleanDocument): Segment[] => doc.segments.filter((s) => s.type === 'body');
const segment = (doc: CleanDocument, start: string): Segment => {
  const found = doc.segments.find((s) => s.text.startsWith(start));
  expect(found, start).toBeDefined();
  return found!;
};

describe('a Jina Reader scrape', () => {
  const doc = cleanText(JINA, 'ferry.md');

  it('is read as Markdown, with no Markdown syntax left in its text', () => {
    expect(isMarkdownScrape(JINA)).toBe(true);
    expect(syntaxIn(doc)).toEqual([]);
    expect(doc.segments.map((s) => s.text)).not.toContain('Markdown Content:');
  });

  it('has its title, address and date from the header, its byline from under the headline, and its menus dropped', () => {
    // "Home" stands near the top and again in the footer: the header's "Title:" is the title all the same.
    expect(doc.title).toBe('Harbour ferry returns after winter repairs');
    expect(doc.byline).toBe('Maria Okafor');
    expect(doc.url).toBe('https://news.example.org/local/harbour-ferry-returns');
    expect(doc.publishedAt?.startsWith('2026-03-04')).toBe(true);
    for (const item of ['Home', 'Local', 'Sport', 'Weather', 'Skip to content']) expect(body(doc).map((s) => s.text)).not.toContain(item);
  });

  it('keeps headings, a numbered list and a table in the structure', () => {
    expect(segment(doc, 'Repairs took longer').heading).toBe(2);
    expect(segment(doc, 'New timetable').heading).toBe(3);
    expect(segment(doc, 'Last crossing').list).toEqual({ ordered: true, depth: 1, position: 2, start: 1 });
    const table = segment(doc, 'Day\tFirst\tLast');
    expect(table.type).toBe('body');
    expect(table.table?.rows.map((row) => row.map((cell) => cell.text))).toEqual([
      ['Day', 'First', 'Last'],
      ['Weekdays', '06:00', '22:30'],
      ['Saturday', '07:00', '23:00'],
      ['Sunday', '08:00', '21:00'],
    ]);
    expect(table.table?.rows[0]!.every((cell) => cell.header)).toBe(true);
  });

  it('keeps links as links, their targets resolved against the page address, and emphasis as spans', () => {
    const lead = segment(doc, 'The Osprey, the harbour');
    expect(lead.spans).toEqual([
      { start: 4, end: 10, type: 'strong' },
      { start: lead.text.indexOf('port authority'), end: lead.text.indexOf('port authority') + 14, type: 'link', href: 'https://port.example.org/news' },
    ]);
    const timetable = segment(doc, 'The ferry now runs');
    expect(timetable.spans).toEqual([expect.objectContaining({ type: 'link', href: 'https://news.example.org/timetables/2026' })]);
    expect(segment(doc, 'The work was meant').spans).toEqual([expect.objectContaining({ type: 'emphasis' })]);
  });

  it('has its image, with the alt text the page gave it and the emphasized line under it as its caption', () => {
    expect(doc.images).toEqual([
      { src: 'https://news.example.org/img/osprey.jpg', alt: 'The ferry Osprey at the harbour pier', caption: 'The Osprey at the pier on Monday. Photo: Jan Berg', segment: 0 },
    ]);
    expect(segment(doc, 'The Osprey at the pier').type).toBe('caption');
  });

  it('renders as clean Markdown', () => {
    const markdown = renderMarkdown(doc, { captions: true });
    expect(markdown).toContain('## Repairs took longer than planned\n');
    expect(markdown).toContain('### New timetable\n');
    expect(markdown).toContain('1. First crossing at 06:00 from the north pier.\n2. Last crossing');
    expect(markdown).toContain('| Day | First | Last |\n| --- | --- | --- |\n| Weekdays | 06:00 | 22:30 |');
    expect(markdown).toContain('the [port authority](https://port.example.org/news) said.');
    expect(markdown).toContain('![The ferry Osprey at the harbour pier](https://news.example.org/img/osprey.jpg)');
    // No syntax of the scrape escaped into text ("\*\*Osprey\*\*", "\[port authority\]").
    expect(markdown).not.toMatch(/\\[*_[\]#`|]/);
  });
});

describe('a Firecrawl scrape', () => {
  const doc = cleanText(FIRECRAWL, 'timetable-app.md');

  it('is read as Markdown, with no Markdown syntax left in its text', () => {
    expect(isMarkdownScrape(FIRECRAWL)).toBe(true);
    expect(syntaxIn(doc)).toEqual([]);
  });

  it('takes its first level-1 heading for the title, not the menu above it', () => {
    expect(doc.title).toBe('Ferry timetable app now open to all');
    expect(doc.segments.map((s) => s.text)).not.toContain('Ferry timetable app now open to all');
  });

  it('reads nested lists, fenced code with its language, strikethrough and reference links', () => {
    const { lines } = readTextLines(FIRECRAWL);
    const place = (text: string): unknown => lines.blocks.find((b) => b.text === text)?.list;
    expect(place('Local')).toEqual({ ordered: false, depth: 1, position: 2 });
    expect(place('North shore')).toEqual({ ordered: false, depth: 2, position: 1 });
    expect(place('South shore')).toEqual({ ordered: false, depth: 2, position: 2 });
    expect(place('Sport')).toEqual({ ordered: false, depth: 1, position: 3 });
    expect(segment(doc, 'curl').code).toEqual({ language: 'bash', text: 'curl https://api.example.org/v1/crossings?pier=north' });
    expect(segment(doc, '{').code).toEqual({ language: 'json', text: '{\n  "pier": "north",\n  "next": ["06:00", "06:30"]\n}' });
    expect(segment(doc, 'The response lists').spans).toEqual([expect.objectContaining({ type: 'code' })]);
    const tom = segment(doc, 'Tom, a cyclist');
    expect(tom.text).toBe('Tom, a cyclist, likes that the app shows three four bicycle racks per ferry.');
    expect(tom.spans).toEqual([{ start: 41, end: 46, type: 'strikethrough' }]);
    expect(segment(doc, 'The app works on phones').spans?.map((s) => s.href)).toEqual(['https://port.example.org/news/app-launch', 'https://api.example.org/docs']);
    expect(doc.segments.some((s) => s.text.includes('[news]'))).toBe(false);
  });

  it('keeps the body headings and the lists of the article', () => {
    expect(segment(doc, 'How to install it')).toMatchObject({ type: 'body', heading: 2 });
    expect(segment(doc, 'What riders say')).toMatchObject({ type: 'body', heading: 2 });
    expect(segment(doc, 'Ana, who crosses')).toMatchObject({ type: 'body', list: { ordered: false, depth: 1, position: 1 } });
  });

  it('renders as clean Markdown', () => {
    const markdown = renderMarkdown(doc);
    expect(markdown).toContain('## How to install it\n');
    expect(markdown).toContain('```bash\ncurl https://api.example.org/v1/crossings?pier=north\n```');
    expect(markdown).toContain('- Ana, who crosses every morning');
    expect(markdown).toContain('~~three~~ four');
    expect(markdown).toContain('[full announcement](https://port.example.org/news/app-launch)');
    expect(markdown).not.toMatch(/\\[*_[\]#`|~]/);
  });
});

describe('a plain-text scrape', () => {
  // Bullets, a "# " line (a shell comment of a code sample) and one Markdown-looking link: plain text all the same.
  const TEXT = [
    'Ferry timetable changes',
    '',
    'The harbour ferry changes its timetable on Monday, the port authority said in a statement on Friday.',
    '',
    '* First crossing at 06:00',
    '* Last crossing at 22:30',
    '',
    'Developers can fetch the new times with the command below.',
    '',
    '# fetch the times',
    'curl https://api.example.org/v1/crossings',
    '',
    'The old page [archive](https://port.example.org/old) stays online until the end of the month, the authority said.',
    '',
  ].join('\n');

  it('is not read as Markdown: its lines keep their text and get no structure', () => {
    expect(isMarkdownScrape(TEXT)).toBe(false);
    const { lines } = readTextLines(TEXT);
    expect(lines.markdown).toBe(false);
    expect(lines.images).toEqual([]);
    expect(lines.blocks.map((b) => b.text)).toContain('* First crossing at 06:00');
    expect(lines.blocks.map((b) => b.text)).toContain('# fetch the times');
    expect(lines.blocks.every((b) => b.tag === '' && b.headingLevel === 0 && b.list === undefined && b.inline === undefined)).toBe(true);
    const doc = cleanText(TEXT, 'ferry.txt');
    expect(doc.segments.every((s) => s.tag === null && s.spans === undefined && s.list === undefined)).toBe(true);
    expect(doc.segments.map((s) => s.text)).toContain('The old page [archive](https://port.example.org/old) stays online until the end of the month, the authority said.');
  });
});

describe('a README scrape: indented code, HTML, footnotes, and an article that runs to the end', () => {
  const README = [
    '# tidepool',
    '',
    'A tiny library that reads the tide tables of [NOAA](https://tidesandcurrents.noaa.gov/) stations.',
    '',
    '<p align="center"><img src="https://example.org/tidepool/chart.png" alt="A tide chart of Portland" width="400"></p>',
    '',
    '## Install',
    '',
    '    npm install tidepool',
    '',
    '## Usage',
    '',
    "Call `tides()` with a station's id (the [station list](https://tidesandcurrents.noaa.gov/stations.html) has them all):",
    '',
    "    import { tides } from 'tidepool';",
    '',
    "    const today = await tides('8443970');",
    '',
    'The result lists the highs and lows in feet above the chart datum.[^datum] Press <kbd>Ctrl</kbd>+<kbd>C</kbd> to stop the watcher.<br>',
    "The times are the station's own.[^time]",
    '',
    '<details>',
    '<summary>Older Node versions</summary>',
    '',
    'On Node 16, run it with the `--experimental-fetch` flag.',
    '',
    '</details>',
    '',
    '<table>',
    '<tr><th>Option</th><th>Default</th></tr>',
    '<tr><td>units</td><td>feet</td></tr>',
    '</table>',
    '',
    'See the [changelog](https://example.org/tidepool/CHANGELOG.md) and the <a href="https://example.org/tidepool/LICENSE">license</a>.',
    '',
    '[^datum]: Mean lower low water, as NOAA gives it.',
    '[^time]: Local standard time, without daylight saving.',
    '',
  ].join('\n');
  const doc = cleanText(README, 'README.txt');

  it('reads indented code as code, a blank line inside it kept', () => {
    expect(segment(doc, 'npm install').code).toEqual({ language: null, text: 'npm install tidepool' });
    expect(segment(doc, 'import { tides }').code).toEqual({ language: null, text: "import { tides } from 'tidepool';\n\nconst today = await tides('8443970');" });
    expect(segment(doc, 'npm install').type).toBe('body');
  });

  it("reads HTML blocks as a page's HTML: an image, a <details> summary, a table; and inline tags as spans, breaks and links", () => {
    expect(doc.images.map((image) => [image.src, image.alt])).toEqual([['https://example.org/tidepool/chart.png', 'A tide chart of Portland']]);
    expect(segment(doc, 'Older Node versions').type).toBe('body');
    expect(segment(doc, 'On Node 16').type).toBe('body');
    const table = segment(doc, 'Option\tDefault');
    expect(table.table?.rows.map((row) => row.map((cell) => [cell.text, cell.header]))).toEqual([[['Option', true], ['Default', true]], [['units', false], ['feet', false]]]);
    const result = segment(doc, 'The result lists');
    expect(result.text).toBe("The result lists the highs and lows in feet above the chart datum.[1] Press Ctrl+C to stop the watcher. The times are the station's own.[2]");
    expect(result.spans?.map((span) => [span.type, result.text.slice(span.start, span.end)])).toEqual([['code', 'Ctrl'], ['code', 'C'], ['break', '']]);
    expect(segment(doc, 'See the changelog').spans?.map((span) => span.href)).toEqual(['https://example.org/tidepool/CHANGELOG.md', 'https://example.org/tidepool/LICENSE']);
    expect(syntaxIn(doc)).toEqual([]);
    expect(doc.segments.filter((s) => /<\/?[a-z]/.test(s.text))).toEqual([]);
  });

  it('reads footnotes as GFM shows them: a reference as its number, the definitions a numbered list', () => {
    expect(segment(doc, 'Mean lower low water')).toMatchObject({ type: 'body', list: { ordered: true, depth: 1, position: 1, start: 1 } });
    expect(segment(doc, 'Local standard time')).toMatchObject({ type: 'body', list: { ordered: true, depth: 1, position: 2, start: 1 } });
  });

  it('keeps the article to its end: the lines after the last one the line model took are sentences, code, a table', () => {
    expect(body(doc).map((s) => s.text.split('\n')[0])).toEqual([
      'A tiny library that reads the tide tables of NOAA stations.',
      'Install',
      'npm install tidepool',
      'Usage',
      "Call tides() with a station's id (the station list has them all):",
      "import { tides } from 'tidepool';",
      "The result lists the highs and lows in feet above the chart datum.[1] Press Ctrl+C to stop the watcher. The times are the station's own.[2]",
      'Older Node versions',
      'On Node 16, run it with the --experimental-fetch flag.',
      'Option\tDefault',
      'See the changelog and the license.',
      'Mean lower low water, as NOAA gives it.',
      'Local standard time, without daylight saving.',
    ]);
  });

  it('renders as clean Markdown', () => {
    const markdown = renderMarkdown(doc);
    expect(markdown).toContain('## Install\n\n```\nnpm install tidepool\n```\n');
    expect(markdown).toContain('![A tide chart of Portland](https://example.org/tidepool/chart.png)');
    expect(markdown).toContain('Press `Ctrl`+`C` to stop the watcher.\\\nThe times');
    expect(markdown).toContain('| Option | Default |\n| --- | --- |\n| units | feet |');
    expect(markdown).toContain('and the [license](https://example.org/tidepool/LICENSE).');
    expect(markdown).toContain('1. Mean lower low water, as NOAA gives it.\n2. Local standard time, without daylight saving.\n');
    expect(markdown).not.toMatch(/<\/?[a-z]/);
  });
});

describe("a Markdown scrape's HTML blocks and the caller's limits", () => {
  // A table of 400 cells on one line: the text's line count stays under maxNodes, the HTML block's nodes do not.
  const cells = Array.from({ length: 400 }, (_, i) => `<td>${i}</td>`).join('');
  const text = ['# Tide heights', '', 'The heights of the week, in metres.', '', `<table><tr>${cells}</tr></table>`, ''].join('\n');

  it('parses an HTML block within the maxNodes of the options, as a page of HTML is', () => {
    expect(cleanText(text, 'tides.md').segments.some((segment) => segment.text.includes('399'))).toBe(true);
    expect(() => cleanText(text, 'tides.md', null, { maxNodes: 200 })).toThrow(expect.objectContaining({ code: 'TOO_LARGE' }));
  });
});

describe('what Markdown does not read as its syntax', () => {
  it('in a Markdown scrape: a "<" that is no HTML tag, a #hashtag, and an indented line under a paragraph line stay text', () => {
    const text = [
      '- [Guide](https://example.org/guide)',
      '- [API](https://example.org/api)',
      '- [FAQ](https://example.org/faq)',
      '',
      'Use List<T> when a < b, and Map<K, V> when 3<4; <3 from the team.',
      '#release #tides',
      '',
      'The watcher polls every minute,',
      '    and writes each change to the log.',
      '',
    ].join('\n');
    expect(isMarkdownScrape(text)).toBe(true);
    const { lines } = readTextLines(text);
    const texts = lines.blocks.map((block) => block.text);
    expect(texts).toContain('Use List<T> when a < b, and Map<K, V> when 3<4; <3 from the team.');
    expect(texts).toContain('#release #tides');
    expect(texts).toContain('and writes each change to the log.');
    expect(lines.blocks.every((block) => block.code === undefined && block.headingLevel === 0)).toBe(true);
  });

  it('in plain text (an innerText scrape): lines indented by spaces, #hashtag lines and "<" in prose are text, no code, heading or markup', () => {
    const text = [
      'Tide tables for Maine',
      '',
      '#tides #maine #boating',
      '',
      '    Portland: high water 06:12, low 12:25',
      '    Bar Harbor: high water 06:40, low 12:51',
      '',
      'Members pay <$5 a season, and children under 12 <b>sail free</b> on <Saturday> trips.',
      '<details> of the schedule are posted at the pier.',
      '',
      '    An indented paragraph, as a page that sets its text in from the margin gives it.',
      '',
    ].join('\n');
    expect(isMarkdownScrape(text)).toBe(false);
    const { lines } = readTextLines(text);
    expect(lines.markdown).toBe(false);
    expect(lines.blocks.map((block) => block.text)).toEqual([
      'Tide tables for Maine',
      '#tides #maine #boating',
      'Portland: high water 06:12, low 12:25',
      'Bar Harbor: high water 06:40, low 12:51',
      'Members pay <$5 a season, and children under 12 <b>sail free</b> on <Saturday> trips.',
      '<details> of the schedule are posted at the pier.',
      'An indented paragraph, as a page that sets its text in from the margin gives it.',
    ]);
    expect(lines.blocks.every((block) => block.tag === '' && block.code === undefined && block.headingLevel === 0 && block.inline === undefined)).toBe(true);
    expect(lines.images).toEqual([]);
  });
});

describe('a Markdown file with HTML in it', () => {
  // A README as GitHub shows it: a centred logo and a <details> box, whose closing tags made the sniffer take it for an HTML fragment.
  const README = [
    '<p align="center"><img src="https://example.org/tidepool/logo.png" alt="tidepool"></p>',
    '',
    '# tidepool',
    '',
    'Reads the tide tables of [NOAA](https://tidesandcurrents.noaa.gov/) stations; see the [station list](https://tidesandcurrents.noaa.gov/stations.html).',
    '',
    '<details>',
    '<summary>Older Node versions</summary>',
    '',
    'On Node 16, run it with the `--experimental-fetch` flag, as the [Node documentation](https://nodejs.org/docs/) says.',
    '',
    '</details>',
    '',
    'Made by the [harbour crew](https://example.org/crew).',
    '',
  ].join('\n');

  it.each([
    ['named .md', 'README.md', null],
    ['named .markdown', 'docs/tidepool.markdown', null],
    ['served as text/markdown', 'tidepool', 'text/markdown; charset=utf-8'],
    ['with neither name nor type to tell it', 'tidepool', null],
  ])('%s is read as Markdown, not as an HTML fragment', (_, name, contentType) => {
    const doc = cleanText(README, name, contentType);
    expect(doc.source.format).toBe('text');
    expect(doc.title).toBe('tidepool');
    expect(segment(doc, 'Older Node versions').tag).toBe('summary');
    expect(segment(doc, 'On Node 16').spans?.map((span) => span.type)).toEqual(['code', 'link']);
    expect(doc.segments.filter((s) => s.text.includes('<') || s.text.includes('](') || s.text.startsWith('#'))).toEqual([]);
  });

  it('named .md or served as text/markdown, is read as Markdown even with few links (the name says so)', () => {
    const text = '# tidepool\n\nReads tide tables.\n\n## Install\n\n    npm install tidepool\n\n- fast\n- small\n';
    expect(isMarkdownScrape(text)).toBe(false);
    for (const [name, contentType] of [['README.md', null], ['readme', 'text/markdown'], ['README.md', 'application/octet-stream']] as const) {
      const doc = cleanText(text, name, contentType);
      expect(doc.title, name).toBe('tidepool');
      expect(segment(doc, 'npm install').code, name).toEqual({ language: null, text: 'npm install tidepool' });
      expect(segment(doc, 'small').list, name).toEqual({ ordered: false, depth: 1, position: 2 });
    }
    // Declared plain text is plain text whatever its name.
    expect(everyText(cleanText(text, 'README.md', 'text/plain', { explain: true }))).toContain('## Install');
  });

  it('an HTML fragment with neither name nor type is HTML still', () => {
    expect(cleanText('<div><p>One paragraph of the page.</p><p>And [another](one) here.</p></div>\n', 'fragment').source.format).toBe('html');
  });
});

describe('list items written over several lines', () => {
  it('are one paragraph each, the lines under the item indented or not (a lazy continuation), and the list goes on', () => {
    const text = [
      'Read the [guide](https://example.org/guide) first.',
      '',
      '- Install the package, then call `tides()` with the station id',
      '  you want to read, and wait for the answer.',
      '- Each [result](https://example.org/result) lists the highs and lows of the day',
      'in feet above the datum.',
      '- A short item',
      '  over two lines.',
      '',
      'See the [changelog](https://example.org/changelog).',
      '',
    ].join('\n');
    const { lines } = readTextLines(text);
    expect(lines.blocks.map((block) => [block.text, block.list?.position, block.list?.continued])).toEqual([
      ['Read the guide first.', undefined, undefined],
      ['Install the package, then call tides() with the station id you want to read, and wait for the answer.', 1, undefined],
      ['Each result lists the highs and lows of the day in feet above the datum.', 2, undefined],
      ['A short item over two lines.', 3, undefined],
      ['See the changelog.', undefined, undefined],
    ]);
    expect(renderMarkdown(cleanText(text, 'tides.md'))).toContain('- A short item over two lines.\n');
  });
});

describe('a Markdown scrape with no level-1 heading and a table of contents', () => {
  /** The table of contents' "[Install](#install)" repeated as the heading "## Install" made "Install" the title, and the heading went. */
  it('takes no entry of the table of contents for the title, and keeps the heading it repeats', () => {
    const text = [
      'Tidepool is a small library that reads tide tables from the [national service](https://example.org/tides) and gives you the highs and lows.',
      '',
      '## Contents',
      '',
      '- [Install](#install)',
      '- [Usage](#usage)',
      '',
      '## Install',
      '',
      'Run `npm install tidepool` and import it in your code as you would any other [package](https://example.org/pkg).',
      '',
      '## Usage',
      '',
      'Call `tides(station)` with the station id you want to read, and wait for the answer from the [service](https://example.org/service).',
      '',
    ].join('\n');
    const document = cleanText(text, 'README.md');
    expect(document.title).toBeNull();
    expect(document.segments.filter((s) => s.heading).map((s) => s.text)).toEqual(['Install', 'Usage']);
    // A plain-text scrape's line repeated near the top is its headline still.
    const plain = cleanText(['Ferry returns', '', 'Ferry returns', '', STORY_SENTENCES.join(' ')].join('\n'), 'ferry.txt');
    expect(plain.title).toBe('Ferry returns');
  });
});

describe('block quotes and link definitions written over lines', () => {
  const text = [
    '# Ferry notes',
    '',
    'Read the [guide][g], the [faq][f] and the [notes][n] before the [details](https://example.org/details).',
    '',
    '> The harbour authority said on Monday that the ferry would return to',
    'service after the winter repairs, and that the first crossing would',
    'leave the north pier at seven.',
    '',
    '> - A quoted item of the list, whose text runs on to the',
    'next line without its marker.',
    '',
    '[g]:',
    '  https://example.org/guide',
    '  "The guide"',
    '[f]: https://example.org/faq',
    '  (The FAQ)',
    '[n]:',
    '<https://example.org/notes>',
    '',
    'The end of the notes is here, after the definitions.',
    '',
  ].join('\n');

  /** The lines after a quote's first one without its ">" (CommonMark's lazy continuation) were a paragraph after the quote. */
  it('reads a lazy continuation line as more of the quoted paragraph (or quoted item)', () => {
    const document = cleanText(text, 'notes.md');
    const quoted = document.segments.filter((s) => s.quote === 1).map((s) => s.text);
    expect(quoted).toEqual([
      'The harbour authority said on Monday that the ferry would return to service after the winter repairs, and that the first crossing would leave the north pier at seven.',
      'A quoted item of the list, whose text runs on to the next line without its marker.',
    ]);
  });

  /** A definition whose destination or title is on a line of its own was read as text ("[g]:", the address, the title). */
  it('reads a link reference definition over several lines as a definition: the links resolve, no line of it is text', () => {
    const document = cleanText(text, 'notes.md');
    const links = document.segments.flatMap((s) => (s.spans ?? []).filter((span) => span.type === 'link').map((span) => [s.text.slice(span.start, span.end), span.href]));
    expect(links).toEqual([
      ['guide', 'https://example.org/guide'],
      ['faq', 'https://example.org/faq'],
      ['notes', 'https://example.org/notes'],
      ['details', 'https://example.org/details'],
    ]);
    expect(everyText(document)).not.toMatch(/\[g\]:|The guide"|\(The FAQ\)|^https:/m);
  });
});

describe('a GFM table cell with <br>', () => {
  it('keeps the line break: a break span in the cell, written back as <br>', () => {
    const text = [
      '# Ferry times',
      '',
      'The ferry runs every day, see the [timetable](https://example.org/t) and the [fares](https://example.org/f) for each [line](https://example.org/l).',
      '',
      '| Line | Departures |',
      '| --- | --- |',
      '| F1 | 07:00<br>08:00<br/>09:00 |',
      '| F2 | 10:00 |',
      '',
    ].join('\n');
    const document = cleanText(text, 'ferry.md');
    const table = document.segments.find((s) => s.table)!;
    expect(table.table!.rows[1]![1]).toEqual({ text: '07:00 08:00 09:00', header: false, spans: [{ start: 5, end: 5, type: 'break' }, { start: 11, end: 11, type: 'break' }] });
    expect(renderMarkdown(document)).toContain('| F1 | 07:00<br>08:00<br>09:00 |');
  });
});

describe('a task list', () => {
  it('keeps each item\'s checkbox state ("- [x]", "- [X]", "- [ ]"), and writes it back in the Markdown', () => {
    const text = [
      'Before each release the team goes through the [checklist](https://example.org/checklist) in order.',
      '',
      '- [x] Update the timetable data',
      '- [ ] Write the [release notes](https://example.org/notes)',
      '  over two lines',
      '- [X] Tag the release',
      '- A plain item',
      '1. [ ] A numbered task',
      '',
      'See the [changelog](https://example.org/changelog).',
      '',
    ].join('\n');
    const { lines } = readTextLines(text);
    expect(lines.blocks.filter((block) => block.list).map((block) => [block.text, block.list?.checked])).toEqual([
      ['Update the timetable data', true],
      ['Write the release notes over two lines', false],
      ['Tag the release', true],
      ['A plain item', undefined],
      ['A numbered task', false],
    ]);
    expect(renderMarkdown(cleanText(text, 'release.md'))).toContain('- [x] Update the timetable data\n- [ ] Write the [release notes](https://example.org/notes) over two lines\n- [x] Tag the release\n- A plain item\n\n1. [ ] A numbered task\n');
  });
});

describe("a GitHub README's start", () => {
  it('keeps the sections above the first body line that go on with the article, not the table of contents; a quoted note under badges is no caption', () => {
    const text = [
      '# tidepool',
      '',
      '[![CI](https://github.com/ex/tidepool/workflows/CI/badge.svg)](https://github.com/ex/tidepool/actions) [![npm](https://img.shields.io/npm/v/tidepool.svg)](https://npmjs.com/package/tidepool)',
      '',
      '> **Note**',
      '> The API changed in version 2. See the [migration guide](https://example.org/migrating).',
      '',
      '## Table of contents',
      '',
      '- [Install](#install)',
      '- [Usage](#usage)',
      '',
      '## Install',
      '',
      '```bash',
      'npm install tidepool',
      '```',
      '',
      '## Usage',
      '',
      "Call `tides()` with a station's id. The function returns a promise that resolves to the day's highs and lows, in feet above the chart datum.",
      '',
      '```js',
      "const today = await tides('8443970');",
      '```',
      '',
      '**Does it work offline?** No: it reads the API of NOAA each time it is called, and caches nothing between calls.',
      '',
    ].join('\n');
    const doc = cleanText(text, 'README.md', null, { explain: true });
    expect(doc.title).toBe('tidepool');
    expect(segment(doc, 'Install')).toMatchObject({ type: 'body', heading: 2 });
    expect(segment(doc, 'npm install tidepool')).toMatchObject({ type: 'body', code: { language: 'bash', text: 'npm install tidepool' } });
    expect(body(doc).map((s) => s.text)).not.toContain('Table of contents');
    expect(doc.segments.filter((s) => s.type === 'caption')).toEqual([]);
  });

  it('shows a GitHub alert\'s kind as the title of its quote ("> [!WARNING]" is "Warning"), not its syntax', () => {
    const text = '[a](https://a.example/)\n\n[b](https://b.example/)\n\n[c](https://c.example/)\n\n> [!WARNING]\n> Version 2 reads the new API.\n\n> [!note] stays as written\n';
    const { lines } = readTextLines(text);
    expect(lines.blocks.filter((block) => block.quote === 1).map((block) => block.text)).toEqual(['Warning', 'Version 2 reads the new API.', '[!note] stays as written']);
  });
});

describe('the inline syntax', () => {
  const read = (source: string): { text: string; spans: string[] } => {
    const inline = readInlineMarkdown(source);
    const open = new Map<unknown, number>();
    const spans: string[] = [];
    for (const mark of inline.marks) {
      if (mark.kind === 0) open.set(mark.span, mark.at);
      else if (mark.kind === 1) spans.push(`${mark.span!.type}:${inline.raw.slice(open.get(mark.span), mark.at)}${mark.span!.href ? `>${mark.span!.href}` : ''}`);
    }
    return { text: inline.raw, spans };
  };

  it('reads emphasis as CommonMark does, and leaves lone and intraword markers as text', () => {
    expect(read('a *b* **c** ***d*** _e_ __f__')).toEqual({ text: 'a b c d e f', spans: ['emphasis:b', 'strong:c', 'strong:d', 'emphasis:d', 'emphasis:e', 'strong:f'] });
    expect(read('snake_case_name and 2 * 3 * 4 and a* b')).toEqual({ text: 'snake_case_name and 2 * 3 * 4 and a* b', spans: [] });
  });

  it('gives the text a CommonMark parser gives (mdast-util-from-markdown, a development dependency)', () => {
    // GFM also reads a single "~" as strikethrough; a scrape's "~5 km … ~" is text here.
    const cases = [
      '**unclosed and *half** done*', '*a **b** c*', '**a *b* c**', '*foo**bar**baz*', '_foo_bar_', '__foo, __bar__, baz__', '*(*foo*)*', '**foo*', '*foo**',
      'foo*bar*', '5*6*78', 'a ** b ** c', '[a *b](c) d*', '`a *b` c*', 'x_y_z _x_', '***strong emph***', '** not **', '**a**b', 'a**"b"**', '_"x"_',
      'foo-_(bar)_', '[link](/u "t") and [x][y]', '![img](a.png) text', '[![a](b)](c) t', '\\*a\\* \\_', '<http://a.b/c> <x@y.z>', '[a](<b c>) [d](e(f)g)',
      '[a] (b)', 'x [a](b "c\') y', '*a `*` b*', '**a**a**a**', '~~del~~ done',
    ];
    for (const source of cases) expect(read(source).text.trim(), source).toBe(markdownText(source).trim());
  });

  it('reads escapes, entities, code spans and autolinks', () => {
    expect(read('1\\. not a list, \\*not emphasis\\*, a \\[bracket\\] &amp; &#169;')).toEqual({ text: '1. not a list, *not emphasis*, a [bracket] & ©', spans: [] });
    expect(read('run `npm *test*` or ``a ` b``')).toEqual({ text: 'run npm *test* or a ` b', spans: ['code:npm *test*', 'code:a ` b'] });
    expect(read('see <https://example.org/a> or <desk@example.org>')).toEqual({
      text: 'see https://example.org/a or desk@example.org',
      spans: ['link:https://example.org/a>https://example.org/a', 'link:desk@example.org>mailto:desk@example.org'],
    });
  });

  it('reads links with parentheses and titles, linked images, and text in brackets that is no link', () => {
    expect(read('[Osprey (ship)](https://en.example.org/wiki/Osprey_(ship) "The ship")')).toEqual({
      text: 'Osprey (ship)',
      spans: ['link:Osprey (ship)>https://en.example.org/wiki/Osprey_(ship)'],
    });
    const linked = readInlineMarkdown('[![Logo](/logo.png)](/) [see **this**](<a b.html>) [not a link] (nor this)');
    expect(linked.raw).toBe(' see this [not a link] (nor this)');
    expect(linked.images).toEqual([{ src: '/logo.png', alt: 'Logo', linked: true }]);
    expect(linked.linkChars).toBe('see this'.length);
  });

  it('reads a long line of unclosed syntax in linear time', () => {
    for (const unit of ['[a](', '![', '*a', '_a ', '`', '``a', '<a', '[a]', '](', '~~a', '[a](b "', '<!--', '<a x=\'', '<a b c ', '[^a]']) {
      const line = unit.repeat(Math.ceil(200_000 / unit.length));
      const started = performance.now();
      const doc = readInlineMarkdown(line);
      expect(doc.raw.length).toBeGreaterThan(0);
      expect(performance.now() - started, unit).toBeLessThan(1_000);
    }
    for (const unit of ['<b>', '</b>', '<a href=x>', '<br>x<img src=y>']) {
      const started = performance.now();
      readInlineMarkdown(unit.repeat(Math.ceil(200_000 / unit.length)));
      expect(performance.now() - started, unit).toBeLessThan(1_000);
    }
  });
});

describe('a Markdown scrape built to be slow', () => {
  it('is read in linear time: long lines and many lines of syntax that never closes', () => {
    const texts = [
      '```a' + 'b'.repeat(200_000) + '`',
      '[a]: ' + 'x'.repeat(200_000) + ' y',
      '# ' + '# '.repeat(100_000) + 'x',
      '| a |\n'.repeat(50_000),
      '```a\n'.repeat(50_000),
      '- a\n  - b\n'.repeat(25_000),
      '> '.repeat(50_000) + 'a',
      'a  \n'.repeat(50_000),
      '[x](y)\n'.repeat(50_000),
      '    a\n'.repeat(50_000),
      '<!--\n'.repeat(50_000),
      '<script>\n'.repeat(50_000),
      '<div></div>\n\n'.repeat(50_000),
      'a\n\n<div>b</div>\n\n'.repeat(12_500),
      '[^a]: b [^a]\n'.repeat(50_000),
    ];
    for (const text of texts) {
      const started = performance.now();
      markdownBlocks(text);
      expect(performance.now() - started, text.slice(0, 20)).toBeLessThan(2_000);
    }
  });
});

describe('a Markdown line longer than a block', () => {
  it('is read a block-length piece at a time, each piece continuing the one before, with a look at the clock between pieces', () => {
    const line = '[a](https://example.org/x) *b* text '.repeat(10_000);
    const checks: string[] = [];
    const watchdog = { check: (stage: string) => void checks.push(stage) } as unknown as Watchdog;
    const read = markdownBlocks(`# Title\n\n${line}\n`, watchdog);
    const pieces = read.blocks.slice(1);
    expect(pieces.length).toBeGreaterThan(2);
    expect(pieces.every((block) => block.text.length <= INPUT_LIMITS.blockChars && block.inline !== undefined)).toBe(true);
    expect(Array.from(read.continues.slice(1))).toEqual(pieces.map((_, k) => (k === 0 ? 0 : 1)));
    expect(checks.length).toBeGreaterThanOrEqual(pieces.length - 1);
  });
});

describe('the Markdown the renderer writes, read back', () => {
  // Each render fixture's reviewed Markdown (test/render/fixtures/*/expected.md: every construct the renderer writes) read as a
  // Markdown scrape, every block kept: rendered again, it states the same structure and text; all but one give the same bytes (a
  // list item of two paragraphs, one HTML block with a <br><br> in the page, is two blocks read back, and renders as a list whose
  // second item sits right under the first's second paragraph: the same list to a CommonMark reader).
  const asDocument = (markdown: string): CleanDocument => {
    const read = markdownBlocks(markdown);
    return buildDocument({
      classified: read.blocks.map((block) => ({ block, type: 'body', cues: [] })),
      metadata: { title: null, byline: null, publishedAt: null, modifiedAt: null, url: null, language: null, siteName: null, description: null, image: null, tags: [] },
      source: { name: 'page.md', bytes: markdown.length, sha256: '', contentType: null, format: 'text', encoding: 'utf-8', compression: null },
      pipelineVersion: 'test',
      processedAt: 'test',
      explain: false,
      images: read.images,
    });
  };

  it.each(fixtures().map((fixture) => [fixture.name, fixture] as const))('%s', (name, fixture) => {
    const expected = readFileSync(join(fixture.dir, 'expected.md'), 'utf8');
    const again = renderMarkdown(asDocument(expected));
    expect(markdownStructure(again)).toEqual(markdownStructure(expected));
    expect(markdownText(again).replace(/\s+/g, ' ')).toBe(markdownText(expected).replace(/\s+/g, ' '));
    if (name !== 'paragraph-breaks') expect(again).toBe(expected);
  });
});
