import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { CleanDocument } from '../../src/core/index.js';
import { GOLD_CLASSES, scoreSegments, type GoldPage } from '../../src/eval/score.js';
import { checkGold, renderErrorReport, renderReport, REPORT_CLASSES, CLASS_STYLES, REPORT_CSP, linkableUrl, escapeHtml } from '../../src/inspect/index.js';
import { formatInt, html, relativeHref } from '../../src/inspect/html.js';
import { STYLESHEET } from '../../src/inspect/theme.js';
import { HOSTILE_STRINGS, makeDocument, parse, RENDERER_TAGS, segment } from './helpers.js';

/** Every string field of a document, and a gold label, set to `text`. */
function everywhere(text: string): { document: CleanDocument; gold: GoldPage } {
  const document = makeDocument({
    title: text,
    byline: text,
    publishedAt: text,
    url: text,
    language: text,
    siteName: text,
    source: { name: text, contentType: text, encoding: text },
    segments: [segment('body', text, text, [text, 'root']), segment('caption', `${text} caption`, 'figcaption', [text])],
    dropped: [{ text, tag: text, reason: text }],
  });
  return { document, gold: { labels: [{ class: 'body', text }, { class: 'chrome', text: `${text} absent` }] } };
}

/** What a browser keeps of a text node: the parser turns CR and CRLF into LF and drops NUL in body text. */
const asParsed = (text: string) => text.replace(/\r\n?/g, '\n').replace(/\0/g, '');

function assertInert(report: string): ReturnType<typeof parse> {
  const $ = parse(report);
  const problems: string[] = [];
  $('*').each((_, el) => {
    const name = (el as { tagName: string }).tagName.toLowerCase();
    if (!RENDERER_TAGS.has(name)) problems.push(`element <${name}>`);
    for (const [attr, value] of Object.entries((el as { attribs: Record<string, string> }).attribs)) {
      if (/^on/i.test(attr)) problems.push(`attribute ${attr} on <${name}>`);
      if (/^\s*(?:javascript|data|vbscript):/i.test(value) && attr !== 'content') problems.push(`${attr}="${value}" on <${name}>`);
    }
  });
  $('a[href]').each((_, el) => {
    const href = $(el).attr('href')!;
    if (!/^(?:#|\.\/|https?:\/\/)/.test(href)) problems.push(`href ${href}`);
  });
  expect(problems).toEqual([]);
  expect($('style').length).toBe(1);
  expect($('style').text()).toBe(STYLESHEET);
  expect($('head > title').length).toBe(1);
  expect($('meta[http-equiv="Content-Security-Policy"]').attr('content')).toBe(REPORT_CSP);
  return $;
}

describe('escaping: nothing from the page runs in the report', () => {
  it.each(HOSTILE_STRINGS)('%j in every field stays text', (text) => {
    const { document, gold } = everywhere(text);
    const $ = assertInert(renderReport(document, { gold, goldSource: text }));
    expect($('h1').text()).toBe(asParsed(text));
    expect($('head > title').text()).toBe(`${asParsed(text)} · scrape-clean inspect`);
    expect($('#seg-1 .text').text()).toBe(asParsed(text));
    expect($('#seg-1 .tag').text()).toBe(`<${asParsed(text)}>`);
    expect($('#seg-1 .cue').first().text()).toBe(asParsed(text));
    expect($('#drop-1 .text').text()).toBe(asParsed(text));
    for (const field of ['byline', 'published', 'language', 'site', 'source', 'encoding']) expect($(`[data-field="${field}"]`).text()).toBe(asParsed(text));
    expect($('#gold-1 .snippet').text()).toBe(asParsed(text).replace(/\s+/g, ' ').trim());
  });

  it('keeps any string as text, in any field (property)', () => {
    const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.constantFrom(...HOSTILE_STRINGS), fc.array(fc.constantFrom(...HOSTILE_STRINGS, '<', '>', '"', "'", '&', '/', '=', ' ', '\n', 'x'), { maxLength: 12 }).map((a) => a.join(''))).filter((t) => t.length > 0);
    fc.assert(
      fc.property(text, (t) => {
        const { document, gold } = everywhere(t);
        const $ = assertInert(renderReport(document, { gold }));
        expect($('#seg-1 .text').text()).toBe(asParsed(t));
        expect($('dd[data-field="byline"]').text()).toBe(asParsed(t));
      }),
      { numRuns: 150 },
    );
  });

  it('links a URL only when it is http(s); any other scheme is shown as text', () => {
    for (const url of ['javascript:alert(1)', ' javascript:alert(1)', 'JAVASCRIPT:alert(1)', 'java\nscript:alert(1)', 'data:text/html,x', 'vbscript:x', 'file:///etc/passwd', '//evil.example/', 'not a url']) {
      const $ = assertInert(renderReport(makeDocument({ url })));
      expect($('dd[data-field="url"] a').length, url).toBe(0);
      expect($('dd[data-field="url"]').text(), url).toBe(url);
    }
    const $ = assertInert(renderReport(makeDocument({ url: 'https://example.com/a b?q="x"&y=<1>' })));
    const link = $('dd[data-field="url"] a');
    expect(link.attr('href')).toBe('https://example.com/a%20b?q=%22x%22&y=%3C1%3E');
    expect(link.text()).toBe('https://example.com/a b?q="x"&y=<1>');
    expect(link.attr('rel')).toBe('noreferrer noopener');
  });

  it('linkableUrl accepts http and https only', () => {
    expect(linkableUrl('http://example.com')).toBe('http://example.com/');
    expect(linkableUrl('HTTPS://EXAMPLE.com/x')).toBe('https://example.com/x');
    for (const bad of [null, '', 'javascript:alert(1)', 'java\tscript:alert(1)', '\u0000javascript:alert(1)', 'mailto:a@b.c', 'ftp://x', '/relative']) expect(linkableUrl(bad)).toBeNull();
  });

  it('escapes the five characters that matter in text and quoted attributes', () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;');
    expect(html`<p title="${'" onclick="x'}">${'<b>'}</p>`.value).toBe('<p title="&quot; onclick=&quot;x">&lt;b&gt;</p>');
    expect(html`${[html`<i>${'<'}</i>`, '<']}`.value).toBe('<i>&lt;</i>&lt;');
  });

  it('turns report file names into relative links that no name can give a scheme', () => {
    expect(relativeHref('javascript:alert(1).inspect.html')).toBe('./javascript%3Aalert(1).inspect.html');
    expect(relativeHref('a b/c#d?.inspect.html')).toBe('./a%20b/c%23d%3F.inspect.html');
  });

  it('renders the report of a refused page with its error as text', () => {
    const $ = assertInert(renderErrorReport({ name: '<script>alert(1)</script>.html', bytes: 12, code: 'BINARY_INPUT', message: '<img src=x onerror=alert(1)>' }));
    expect($('h1').text()).toBe('Not cleaned: BINARY_INPUT');
    expect($('.error-box p').first().text()).toBe('<img src=x onerror=alert(1)>');
  });
});

describe('what the report shows', () => {
  const document = makeDocument({
    title: 'Night ferry returns',
    byline: 'Mira Okafor',
    publishedAt: '2025-03-14T07:30:00+01:00',
    url: 'https://courier.example/night-ferry',
    language: 'en',
    siteName: 'The Lakeside Courier',
    source: { name: 'night-ferry.html.gz', bytes: 123456, compression: 'gzip', encoding: 'windows-1252', contentType: 'text/html' },
    segments: [
      segment('caption', 'The ferry at the pier. Photo: J. Berg', 'figcaption', ['context:caption']),
      segment('body', 'The night ferry will run again.'),
      segment('ad', 'Advertisement', 'div', ['text:ad-label']),
      segment('body', 'Islanders campaigned for it.'),
      segment('body', 'Tickets cost the same.'),
      segment('legal', '© 2025 The Lakeside Courier', 'p', ['text:copyright']),
    ],
    dropped: [
      { text: 'Home', tag: 'li', reason: 'context:chrome' },
      { text: 'Sign in', tag: 'a', reason: 'text:ui-string' },
      { text: 'The night ferry will run again.', tag: 'p', reason: 'repeat' },
    ],
  });

  it('shows the metadata', () => {
    const $ = parse(renderReport(document));
    const field = (name: string) => $(`dd[data-field="${name}"]`).text();
    expect($('h1').text()).toBe('Night ferry returns');
    expect(field('byline')).toBe('Mira Okafor');
    expect(field('published')).toBe('2025-03-14T07:30:00+01:00');
    expect($('dd[data-field="url"] a').attr('href')).toBe('https://courier.example/night-ferry');
    expect(field('language')).toBe('en');
    expect(field('site')).toBe('The Lakeside Courier');
    expect(field('source')).toBe('night-ferry.html.gz');
    expect($('dd span[data-field="size"]').text()).toBe('123,456 bytes (gzip)');
    expect($('dd span[data-field="encoding"]').text()).toBe('windows-1252');
    expect($('dd span[data-field="format"]').text()).toBe('html (text/html)');
  });

  it('shows the quality signals, and the warnings of an empty or doubtful document', () => {
    const article = parse(renderReport(makeDocument({ quality: { bodyWords: 1234, bodyShare: 0.574, keptShare: 0.812, warnings: [] } })));
    expect(article('dd[data-field="quality"]').text()).toBe('1,234 body words · body 57% of the visible text, 81% kept');
    expect(article('[data-field="warnings"]').length).toBe(0);
    const empty = parse(renderReport(makeDocument({ quality: { bodyWords: 0, bodyShare: 0, keptShare: 0.1, warnings: ['NO_BODY'] } })));
    expect(empty('dd[data-field="quality"] strong[data-field="warnings"]').text()).toBe('NO_BODY');
  });

  it('says "none" for missing metadata', () => {
    const $ = parse(renderReport(makeDocument()));
    expect($('h1').text()).toBe('no title');
    for (const f of ['byline', 'published', 'url', 'language', 'site']) expect($(`dd[data-field="${f}"] .none`).text()).toBe('none');
  });

  it('lists every segment in order with its class, tag and cues', () => {
    const $ = parse(renderReport(document));
    const items = $('ol.items li.seg');
    expect(items.length).toBe(document.segments.length);
    items.each((i, el) => {
      const s = document.segments[i]!;
      expect($(el).attr('data-class')).toBe(s.type);
      expect($(el).hasClass(`c-${s.type}`)).toBe(true);
      expect($(el).find('.badge').text()).toBe(s.type);
      expect($(el).find('.tag').text()).toBe(`<${s.tag}>`);
      expect($(el).find('.cue').map((_, c) => $(c).text()).get()).toEqual(s.cues);
      expect($(el).find('.text').text()).toBe(s.text);
    });
    expect($('.segments h2').text()).toBe('Segments · 6');
  });

  it('shows the Markdown of each body and caption segment beside it, images with the segment after them; none for ad and legal', () => {
    const structured = makeDocument({
      segments: [
        segment('body', 'Timetable', 'h2'),
        { ...segment('body', 'Boats leave every hour.', 'p'), spans: [{ start: 0, end: 5, type: 'strong' }] },
        { ...segment('body', 'North pier', 'li'), list: { ordered: true, depth: 1, position: 1, start: 1 } },
        { ...segment('body', 'South pier', 'li'), list: { ordered: true, depth: 1, position: 2, start: 1 } },
        segment('caption', 'The pier at night. Photo: J. Berg', 'figcaption', ['context:caption']),
        segment('ad', 'Advertisement', 'div', ['text:ad-label']),
      ],
      images: [{ src: 'https://courier.example/pier.jpg', alt: 'Pier', caption: 'The pier at night. Photo: J. Berg', segment: 4 }],
    });
    structured.segments[0]!.heading = 2;
    const $ = parse(renderReport(structured));
    const md = (i: number) => $(`#seg-${i} pre.md`);
    expect(md(1).text()).toBe('## Timetable');
    expect(md(2).text()).toBe('**Boats** leave every hour.');
    expect([md(3).text(), md(4).text()]).toEqual(['1. North pier', '2. South pier']);
    expect(md(5).text()).toBe('![Pier](https://courier.example/pier.jpg)\n\nThe pier at night. Photo: J. Berg');
    expect(md(6).length).toBe(0);
    expect($('#seg-2').hasClass('has-md')).toBe(true);
  });

  it('counts per class on screen equal the document’s stats, in the chart and in the list', () => {
    const $ = parse(renderReport(document));
    for (const cls of REPORT_CLASSES) {
      const value = (measure: string) => Number($(`g.bar[data-class="${cls}"][data-measure="${measure}"] text.value`).attr('data-value'));
      if (cls === 'chrome') {
        expect(value('segments')).toBe(document.stats.chromeBlocks);
        expect(value('characters')).toBe(document.stats.chromeCharacters);
        expect($('li.drop[data-kind="chrome"]').length).toBe(document.stats.chromeBlocks);
      } else {
        expect(value('segments')).toBe(document.stats.segments[cls]);
        expect(value('characters')).toBe(document.stats.characters[cls]);
        expect($(`li.seg.c-${cls}`).length).toBe(document.stats.segments[cls]);
      }
    }
    expect($('summary [data-count="chrome"]').text()).toBe('2');
    expect($('details.dropped summary').text()).toContain('1 repeat of earlier segments');
  });

  it('has a legend with every class and its colour, and distinct colours', () => {
    const $ = parse(renderReport(document));
    expect($('.legend li').map((_, el) => $(el).attr('data-class')).get()).toEqual([...REPORT_CLASSES]);
    for (const cls of REPORT_CLASSES) {
      expect($(`.legend li[data-class="${cls}"] .swatch`).attr('data-colour')).toBe(CLASS_STYLES[cls].colour);
      expect(STYLESHEET).toContain(`.c-${cls}{--c:${CLASS_STYLES[cls].colour};`);
    }
    expect(new Set(REPORT_CLASSES.map((c) => CLASS_STYLES[c].colour)).size).toBe(REPORT_CLASSES.length);
  });

  it('keeps the dropped chrome collapsed by default, and says so when it was not recorded', () => {
    const $ = parse(renderReport(document));
    expect($('details.dropped').length).toBe(1);
    expect($('details.dropped').attr('open')).toBeUndefined();
    expect($('details.dropped li.drop').length).toBe(3);
    const bare = parse(renderReport(makeDocument({ segments: [segment('body', 'x')] })));
    expect(bare('details.dropped .none').text()).toContain('without explain');
  });

  it('never puts page text in a class attribute: an unknown segment type gets the class "unknown"', () => {
    const odd = makeDocument({ segments: [segment('body', 'x')] });
    (odd.segments[0] as { type: string }).type = 'x" onclick="alert(1)';
    const $ = parse(renderReport(odd));
    expect($('#seg-1').attr('class')).toBe('item seg c-unknown');
    expect($('#seg-1 .badge').text()).toBe('x" onclick="alert(1)');
  });

  it('formats numbers the same everywhere', () => {
    expect([0, 7, 999, 1000, 1234567].map(formatInt)).toEqual(['0', '7', '999', '1,000', '1,234,567']);
  });
});

describe('--compare marks: the rule of score_segments.py', () => {
  const document = makeDocument({
    segments: [
      segment('body', 'Alpha beta gamma.'),
      segment('ad', 'Read more: delta'),
      segment('body', 'Epsilon zeta echo'),
      segment('caption', 'Photo: X', 'figcaption'),
    ],
    dropped: [
      { text: 'Home News Sport', tag: 'nav', reason: 'context:chrome' },
      { text: 'Lost   paragraph of the story', tag: 'p', reason: 'context:chrome' },
    ],
  });
  const gold: GoldPage = {
    labels: [
      { class: 'body', text: 'Alpha  beta' }, // 1 right
      { class: 'ad', text: 'Read more: delta' }, // 2 right
      { class: 'body', text: 'Photo: X' }, // 3 wrong: caption
      { class: 'chrome', text: 'Home News' }, // 4 right: dropped, in block 1
      { class: 'body', text: 'Lost paragraph' }, // 5 wrong: dropped, in block 2
      { class: 'ad', text: 'Nowhere to be found' }, // 6 wrong: in no segment or block
      { class: 'body', text: 'gamma. Read more' }, // 7 wrong: 6 body characters, 9 ad characters
      { class: 'body', text: 'echo' }, // 8 right: first occurrence
      { class: 'body', text: 'echo' }, // 9 wrong: no second occurrence
    ],
  };

  it('marks each gold snippet right or wrong, with where it was found', () => {
    const $ = parse(renderReport(document, { gold, goldSource: 'gold.json' }));
    const row = (n: number) => $(`#gold-${n}`);
    const rights = [1, 2, 4, 8];
    for (let n = 1; n <= 9; n++) expect(row(n).attr('data-right'), `label ${n}`).toBe(rights.includes(n) ? 'yes' : 'no');
    expect(row(3).find('td').eq(2).text()).toBe('caption');
    expect(row(3).find('td').last().text()).toBe('segment #4');
    expect(row(4).find('td').last().text()).toBe('dropped: block #1');
    expect(row(5).find('td').eq(2).text()).toBe('chrome');
    expect(row(5).find('td').last().text()).toBe('dropped: block #2');
    expect(row(6).find('td').last().text()).toBe('in no segment or dropped block');
    expect(row(7).find('td').eq(2).text()).toBe('ad');
    expect(row(7).find('td').last().text()).toBe('segment #1, segment #2');
    expect(row(9).find('td').eq(2).text()).toBe('chrome');
    expect($('.gold-summary .score').text()).toBe('4 / 9 right');
    expect($('.gold-check .verdict').text()).toBe('✗ 5 of 9 gold snippets scored in another class');
  });

  it('marks the segments and dropped blocks that hold a snippet', () => {
    const $ = parse(renderReport(document, { gold }));
    const marks = (id: string) => $(`#${id} .mark`).map((_, el) => `${$(el).hasClass('right') ? 'right' : 'wrong'} ${$(el).attr('href')}`).get();
    expect(marks('seg-1')).toEqual(['right #gold-1', 'wrong #gold-7']);
    expect(marks('seg-2')).toEqual(['right #gold-2', 'wrong #gold-7']);
    expect(marks('seg-3')).toEqual(['right #gold-8']);
    expect(marks('seg-4')).toEqual(['wrong #gold-3']);
    expect(marks('drop-1')).toEqual(['right #gold-4']);
    expect(marks('drop-2')).toEqual(['wrong #gold-5']);
    expect($('#seg-4').hasClass('has-wrong')).toBe(true);
    expect($('#seg-3').hasClass('has-wrong')).toBe(false);
    expect($('#seg-4 .mark').text()).toBe('✗ gold body · scored caption');
  });

  it('agrees with scoreSegments, the eval’s scorer, on any page (property)', () => {
    const word = fc.constantFrom('a', 'b', 'ab', 'a b', ' b', 'ba ', '\n');
    const text = fc.array(word, { minLength: 1, maxLength: 4 }).map((w) => w.join(''));
    fc.assert(
      fc.property(
        fc.array(fc.record({ type: fc.constantFrom('body', 'caption', 'ad', 'legal'), text }), { maxLength: 6 }),
        fc.array(fc.record({ class: fc.constantFrom(...GOLD_CLASSES), text }), { maxLength: 6 }),
        (segments, labels) => {
          const doc = makeDocument({ segments: segments.map((s) => segment(s.type as 'body', s.text)), dropped: [] });
          const page: GoldPage = { labels };
          const check = checkGold(doc, page);
          const scored = scoreSegments({ page }, { page: doc });
          expect(check.wrong).toBe(scored.errors.length);
          expect(check.labels.filter((l) => !l.right).map((l) => [l.gold, l.predicted])).toEqual(scored.errors.map((e) => [e.gold, e.predicted]));
          const $ = parse(renderReport(doc, { gold: page }));
          expect($('table.gold tr[data-right="no"]').length).toBe(scored.errors.length);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('says when the gold file has no labels for the page', () => {
    const $ = parse(renderReport(document, { goldSource: 'gold.json' }));
    expect($('.gold-summary').text()).toContain('gold.json has no labels for this page.');
    expect($('table.gold').length).toBe(0);
  });
});
