/**
 * The line model of plain-text scrapes (src/core/text/): the sequence decision, the line
 * features, and the committed model on a text laid out as a browser's innerText lays out
 * a page (menu, article, footer; one line per block).
 */
import { describe, expect, it } from 'vitest';
import { STORY_SENTENCES, cleanText } from './helpers.js';
import { countTransitions, decodeStates, isBodyState, LINE_STATES, statesOfLabels } from '../../src/core/text/sequence.js';
import { LINE_FEATURE_NAMES, lineFeatureIndex, proseRegion } from '../../src/core/text/features.js';
import { committedLineModels, decideFromProbabilities, featuresOfLines, readTextLines } from '../../src/core/text/lines.js';
import { INPUT_LIMITS } from '../../src/core/options.js';

const state = (name: (typeof LINE_STATES)[number]): number => LINE_STATES.indexOf(name);

describe('the sequence decision', () => {
  it('reads a labelled text as before, body, inside and after', () => {
    expect(statesOfLabels([0, 0, 1, 0, -1, 1, 0])).toEqual([state('before'), state('before'), state('body'), state('inside'), state('body'), state('after')]);
    expect(statesOfLabels([0, 0])).toEqual([state('before'), state('before')]);
  });

  it('counts transitions as log-probabilities that sum to one', () => {
    const model = countTransitions([[0, 1, 1, 2, 1, 3]], [1], 1);
    for (const row of [model.start, ...model.transitions]) expect(row.reduce((a, b) => a + Math.exp(b), 0)).toBeCloseTo(1, 9);
  });

  it('keeps a doubtful line between two confident body lines in the article, and leaves it alone without transitions', () => {
    const model = countTransitions([[0, 0, 1, 1, 1, 1, 1, 1, 3, 3]], [1], 1);
    const p = [0.05, 0.05, 0.95, 0.95, 0.4, 0.95, 0.95, 0.05];
    const skip = new Uint8Array(p.length);
    const states = decodeStates(p, skip, model, { transitionWeight: 1, bodyBias: 0 });
    expect(Array.from(states, isBodyState)).toEqual([false, false, true, true, true, true, true, false]);
    const alone = decodeStates(p, skip, model, { transitionWeight: 0, bodyBias: 0 });
    expect(isBodyState(alone[4]!)).toBe(false);
  });

  it('leaves skipped lines out of the path', () => {
    const model = countTransitions([[1, 1]], [1], 1);
    const states = decodeStates([0.9, 0.9, 0.9], [0, 1, 0], model, { transitionWeight: 1, bodyBias: 0 });
    expect(states[1]).toBe(-1);
    expect(isBodyState(states[0]!) && isBodyState(states[2]!)).toBe(true);
  });
});

describe('the decision when the sequence finds no article', () => {
  // A listing: each item's summary (likely body) between its byline and section label (likely not). Transitions
  // that make every switch costly lead the sequence to keep nothing at all.
  const items = Array.from({ length: 6 }, (_, i) => [`Hotel group ${i + 1} sells five properties after a record year of bookings in the region.`, `Staff writer | ${i + 2} days ago`, 'North America']).flat();
  const { lines } = readTextLines(items.join('\n') + '\n');
  const probability = Float64Array.from(lines.blocks, (block) => (block.text.startsWith('Hotel group') ? 0.7 : 0.1));
  const costly = countTransitions([[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 3]], [1], 1);
  const decision = { transitionWeight: 4, bodyBias: 0 };
  const bodyOf = (classified: ReturnType<typeof decideFromProbabilities>): string[] => classified.filter((c) => c.type === 'body').map((c) => c.block.text);

  it('keeps the lines whose own evidence says body', () => {
    const skip = Uint8Array.from(lines.blocks, (_, i) => (lines.lifted.has(i) || lines.named.has(i) ? 1 : 0));
    expect(Array.from(decodeStates(probability, skip, costly, decision)).some(isBodyState)).toBe(false);
    expect(bodyOf(decideFromProbabilities(lines, probability, { sequence: costly, decision }))).toEqual(items.filter((text) => text.startsWith('Hotel group')));
  });

  it('keeps nothing when no line says body either', () => {
    expect(bodyOf(decideFromProbabilities(lines, probability.map(() => 0.1), { sequence: costly, decision }))).toEqual([]);
  });
});

describe('line features', () => {
  it('finds the run of lines whose scores sum highest', () => {
    expect(proseRegion(Float64Array.from([-5, 10, -2, 8, -20, 3]))).toEqual({ start: 1, end: 4 });
  });

  it('counts repeats and the blank-line layout, one row per line', () => {
    const { lines } = readTextLines('Home\nNews\n\nA first paragraph of the story, which runs on for a while.\nHome\n');
    const table = featuresOfLines(lines);
    expect(table.width).toBe(LINE_FEATURE_NAMES.length);
    expect(table.rows).toBe(lines.blocks.length);
    const value = (row: number, name: string): number => table.values[row * table.width + lineFeatureIndex(name)]!;
    expect(value(0, 'repeats')).toBe(2);
    expect(value(1, 'repeats')).toBe(1);
    expect(value(2, 'blankBefore')).toBe(1);
    expect(value(1, 'blankBefore')).toBe(0);
    expect(value(2, 'sentences')).toBe(1);
    // The section around a line: of the 4 lines within the wide window, 'News' is a short line ('Home', repeated at
    // the top, is lifted as the headline; the paragraph is prose).
    expect(value(0, 'wide:shortShare')).toBeCloseTo(1 / 4, 6);
  });

  it('the committed model was trained on these features', () => {
    const models = committedLineModels();
    expect(models.body.features).toEqual(LINE_FEATURE_NAMES);
  });
});

describe('a text scrape laid out as a browser lays out a page', () => {
  const story = [
    'The city council voted on Tuesday to extend the harbour ferry service through the winter, after a summer in which ridership rose by nearly a third.',
    'Council members said the extension would cost about two million dollars a year, paid for by a small rise in the fare and a grant from the regional transport fund.',
    'Residents of the islands had asked for the winter service for years, saying the bridge detour adds an hour to the commute when the weather turns.',
    'The first winter crossings are planned for early November, and the timetable will be published on the council website next month.',
    'A spokesperson for the ferry operator said the company would hire twelve more crew members to run the extra sailings through the darker months.',
  ];
  const menu = ['Skip to content', 'Home', 'News', 'Sport', 'Business', 'Opinion', 'Sign in', 'Subscribe'];
  const footer = ['About us', 'Contact', 'Careers', 'Privacy Policy', 'Terms of Use', 'Cookie settings', '© 2024 Harbour Gazette. All rights reserved.'];
  for (const [variant, gap] of [
    ['with blank lines', '\n\n'],
    ['without blank lines', '\n'],
  ] as const) {
    it(`keeps the article and drops the menu and footer (${variant})`, () => {
      const text = [...menu, 'Ferry service to run through the winter', ...story, ...footer].join(gap) + '\n';
      const document = cleanText(text, 'page.txt');
      const body = document.segments.filter((s) => s.type === 'body').map((s) => s.text);
      expect(body).toEqual(expect.arrayContaining(story));
      for (const line of [...menu, ...footer]) expect(body).not.toContain(line);
    });
  }
});

describe('explaining a text scrape (inspect)', () => {
  it('names in each line the model decided the features that weighed most in its probability of body', () => {
    const story = Array.from({ length: 6 }, (_, i) => `Paragraph ${i + 1} of the story: the council voted to extend the harbour ferry service through the winter, and residents welcomed it.`);
    const text = ['Home', 'News', 'Sport', 'Sign in', 'Ferry service to run through the winter', ...story, 'Privacy Policy', 'Contact'].join('\n') + '\n';
    const explained = cleanText(text, 'page.txt', null, { explain: true });
    const plain = cleanText(text, 'page.txt');
    const named = /^(\S+) [+-]\d+\.\d\d$/;
    // A kept line's cues; a dropped line's reason is its cues joined by spaces.
    const cuesOf = [...explained.segments.map((s) => s.cues), ...(explained.dropped ?? []).map((d) => d.reason.split(/ (?=\S+ [+-]\d|model:|p\(body\))/))];
    const decided = cuesOf.filter((cues) => cues[0] === 'model:body' || cues[0] === 'model:not-body');
    expect(decided.length).toBeGreaterThan(story.length);
    for (const cues of decided) {
      const features = cues.map((cue) => named.exec(cue)?.[1]).filter((name) => name !== undefined);
      expect(features).toHaveLength(3);
      for (const name of features) expect(LINE_FEATURE_NAMES).toContain(name);
    }
    // Explaining changes no class.
    expect(explained.segments.map((s) => [s.type, s.text])).toEqual(plain.segments.map((s) => [s.type, s.text]));
  });
});

describe('a text too short to be a page', () => {
  it('keeps its one paragraph (a note of a few lines is read by the rules when the line model finds no article)', () => {
    const document = cleanText('Ferry resumes\n\nThe harbour ferry resumed service on Monday after a week of repairs to its engine, officials said.\n', 'note.txt');
    expect(document.segments.filter((s) => s.type === 'body').map((s) => s.text)).toEqual(['The harbour ferry resumed service on Monday after a week of repairs to its engine, officials said.']);
  });
});

/**
 * BYLINE (cues/text.ts) asks for a lower-case "by": the block model reads it as written, on the
 * markup's text, where it was learned. A text scrape's byline line is written "By Maria Okafor", as
 * a page shows it: the metadata of a text scrape compared its first word as written, and no byline
 * with a capital "By" (nor "BY") was ever lifted.
 */
describe('the byline of a text scrape', () => {
  const body = 'Commuters on the inner harbour faced long queues this morning as crews walked out after talks collapsed.\n\nThe union said the talks would resume next week, and that members would vote on any new offer.\n';
  it.each(['By Maria Okafor', 'BY Maria Okafor', 'by Maria Okafor'])('lifts "%s"', (line) => {
    const document = cleanText(`Harbour ferry strike ends\n\n${line}\n\n${body}`, 'page.txt');
    expect(document.byline).toMatch(/^Maria Okafor/);
    expect(document.segments.map((segment) => segment.text)).not.toContain(line);
  });

  it('still wants a name after it: a sentence starting "By the" is no byline', () => {
    expect(cleanText(`Harbour ferry strike ends\n\nBy the end of the day, nothing had moved.\n\n${body}`, 'page.txt').byline).toBeNull();
  });
});

describe("the page's address in a text scrape's header", () => {
  const body = 'Commuters on the inner harbour faced long queues this morning as crews walked out after talks collapsed.\n\nThe union said the talks would resume next week, and that members would vote on any new offer.\n';
  it.each([
    ['https://news.example/2025/ferry-strike', 'https://news.example/2025/ferry-strike'],
    ['<https://news.example/2025/ferry-strike>', 'https://news.example/2025/ferry-strike'],
    ['URL Source: https://news.example/2025/grève', 'https://news.example/2025/gr%C3%A8ve'],
  ])('"%s" as the first line is the url, not the headline nor a segment', (line, url) => {
    // A scrape that starts with the address took it for the headline, and kept it as body.
    const document = cleanText(`${line}\n\nHarbour ferry strike ends\n\n${body}`, 'page.txt');
    expect(document.url).toBe(url);
    expect(document.title).toBe('Harbour ferry strike ends');
    expect(document.segments.map((segment) => segment.text).join('\n')).not.toContain('news.example');
  });

  it('an address after a scraper\'s label is the url below the headline too; a bare one there is what the page shows', () => {
    const labelled = cleanText(`Harbour ferry strike ends\n\nURL: https://news.example/ferry\n\n${body}`, 'page.txt');
    expect(labelled).toMatchObject({ title: 'Harbour ferry strike ends', url: 'https://news.example/ferry' });
    // A page's short link or its site's address under the headline is not the page's address.
    expect(cleanText(`Harbour ferry strike ends\n\nhttps://news.example/-x7k\n\n${body}`, 'page.txt').url).toBeNull();
  });

  it('a scraper\'s "Title:" label before the headline is not the headline\'s (Jina Reader\'s header)', () => {
    const document = cleanText(`Title: Harbour ferry strike ends\n\nURL Source: https://news.example/ferry\n\nPublished Time: 2025-03-04T09:00:00Z\n\n${body}`, 'page.txt');
    expect(document).toMatchObject({ title: 'Harbour ferry strike ends', url: 'https://news.example/ferry', publishedAt: '2025-03-04T09:00+00:00' });
    expect(document.segments.map((segment) => segment.text).join('\n')).not.toContain('Title:');
  });

  it("Jina Reader's whole header is the scraper's: its warnings and \"Markdown Content:\" are no segments, its Title: line is the title", () => {
    // The header's other lines were kept as body: "Warning: Target URL returned error 404: Not Found" read as the page's
    // first paragraph, and a title ending in a period ("Just a moment...") was no headline, its "Title:" line body.
    const header = (title: string, warnings: string) =>
      `Title: ${title}\n\nURL Source: https://news.example/ferry\n\nPublished Time: 2025-03-04T09:00:00Z\n\n${warnings}Markdown Content:\n${body}`;
    const warned = cleanText(header('Harbour ferry strike ends', 'Warning: This is a cached snapshot of the original page, consider retry with caching opt-out.\n\n'), 'page.txt');
    expect(warned).toMatchObject({ title: 'Harbour ferry strike ends', url: 'https://news.example/ferry', publishedAt: '2025-03-04T09:00+00:00' });
    expect(warned.segments.map((segment) => segment.text)).toEqual(body.trim().split('\n\n'));
    const check = cleanText(header('Just a moment...', 'Warning: Target URL returned error 403: Forbidden\nWarning: This page maybe requiring CAPTCHA, please make sure you are authorized to access this page.\n\n'), 'page.txt');
    expect(check.title).toBe('Just a moment...');
    expect(check.segments.map((segment) => segment.text).join('\n')).not.toMatch(/Title:|Warning:|Markdown Content:/);
    // Without the header's last line, a "Warning:" line is the page's own.
    expect(cleanText(`Harbour ferry strike ends\n\nWarning: the ferry does not run in a storm.\n\n${body}`, 'page.txt').segments.map((segment) => segment.text)).toContain('Warning: the ferry does not run in a storm.');
  });

  it('a sentence that gives an address is no address line', () => {
    const document = cleanText(`Harbour ferry strike ends\n\nTimes are at https://news.example/ferry for now.\n\n${body}`, 'page.txt');
    expect(document.url).toBeNull();
  });
});

describe('a line longer than a block can be', () => {
  it('is one line: a scrape of one long line (its line breaks dropped) is body whole, not its first 100,000 characters', () => {
    // textBlocks cuts such a line into blocks of INPUT_LIMITS.blockChars; the line model decided each on its own, and
    // the pieces after the first, whose features are not a line's, were dropped (1,132,800 characters: 79% kept).
    const sentences = STORY_SENTENCES;
    const text = Array.from({ length: 12_000 }, (_, i) => sentences[i % sentences.length]).join(' ');
    expect(text.length).toBeGreaterThan(10 * INPUT_LIMITS.blockChars);
    const document = cleanText(text, 'transcript.txt');
    const body = document.segments.filter((segment) => segment.type === 'body').map((segment) => segment.text);
    expect(body.join(' ').length).toBe(text.length);
    const { lines } = readTextLines(`${text}\n`);
    expect(lines.blocks.length).toBeGreaterThan(1);
    expect(Array.from(lines.continues)).toEqual(lines.blocks.map((_, i) => (i === 0 ? 0 : 1)));
    // Lines that are lines keep their own decisions: a menu line before the long one is not made body.
    const menu = cleanText(`Home | News | Sport | Weather\n\n${text}\n`, 'transcript.txt');
    expect(menu.segments.filter((segment) => segment.type === 'body').map((segment) => segment.text).join(' ').length).toBe(text.length);
  });
});

describe('a heading underlined with a drawn line (Setext, as Markdown writes one)', () => {
  const text = [
    'Harbour ferry to run all winter',
    '===============================',
    '',
    'The city council voted on Tuesday to extend the harbour ferry service through the winter, after a summer in which ridership rose by nearly a third.',
    '',
    'Council members said the extension would cost about two million dollars a year, paid for by a small rise in the fare.',
    '',
    'Residents',
    '---------',
    '',
    'Residents of the islands had asked for the winter service for years, saying the bridge detour adds an hour to the commute.',
    '',
  ].join('\n');

  it('takes the underlined line as the headline, not the underline (two underlines were a "repeated" headline of no words)', () => {
    expect(cleanText(text, 'ferry.txt').title).toBe('Harbour ferry to run all winter');
  });

  it('keeps no underline as body', () => {
    const document = cleanText(text, 'ferry.txt');
    expect(document.bodyText).not.toMatch(/={3}|-{3}/);
    expect(document.bodyText).toContain('Residents of the islands');
  });

  it('keeps no underline as body in a note too short for the line model either (the rules read it)', () => {
    const document = cleanText('Ferry timetable\n===============\n\nThe ferry runs every hour from the north pier.\n', 'note.txt');
    expect(document.title).toBe('Ferry timetable');
    expect(document.segments.map((segment) => segment.text)).toEqual(['The ferry runs every hour from the north pier.']);
  });

  it('takes no line of marks alone for the headline ("|" and "/" separators at the top of a page)', () => {
    const page = ['|', 'Ferry service to run through the winter', '|', STORY_SENTENCES.join(' '), ''].join('\n');
    expect(cleanText(page, 'page.txt').title).toBe('Ferry service to run through the winter');
  });
});
