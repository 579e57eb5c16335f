/**
 * Metadata sources, each on its own tiny page: JSON-LD (plain, @graph, arrays, broken),
 * OpenGraph, Twitter and Dublin Core meta tags, <time datetime>, itemprop microdata, the
 * canonical link, <html lang>, the <title>, and textual datelines of plain-text scrapes.
 * Dates keep exactly what the page states: an offset when it gives one, none when it does not.
 */
import { describe, expect, it } from 'vitest';
import { afterCapture, htmlMetadata, normalizeIsoDate, normalizeLanguage, numericDateOrder, parseTextDate } from '../../src/core/metadata.js';
import type { RawMetadata } from '../../src/core/html/page-metadata.js';
import { METADATA_LIMITS } from '../../src/core/options.js';
import { Watchdog } from '../../src/core/watchdog.js';
import { clean } from '../../src/core/clean.js';
import { article, cleanText, FIXED_NOW, page, thrown } from './helpers.js';

const PARAGRAPHS = [
  'The council approved the new budget on Tuesday after a long debate that lasted well into the night.',
  'Opposition members said the plan would raise taxes for families, while supporters called it prudent.',
];

function metadataOf(head: string, options: { lang?: string; before?: string; after?: string } = {}) {
  const { title, byline, publishedAt, url, language, siteName } = cleanText(article(PARAGRAPHS, { head, ...options }));
  return { title, byline, publishedAt, url, language, siteName };
}

/** The fields issue 16 added. */
function moreMetadataOf(head: string, options: { lang?: string; before?: string } = {}) {
  const { modifiedAt, description, image, tags } = cleanText(article(PARAGRAPHS, { head, ...options }));
  return { modifiedAt, description, image, tags };
}

const jsonLd = (value: unknown): string => `<script type="application/ld+json">${JSON.stringify(value)}</script>`;

describe('JSON-LD', () => {
  it('reads a NewsArticle: headline, author, datePublished with its offset, url, language, publisher', () => {
    const head = jsonLd({
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      headline: 'Council approves budget',
      datePublished: '2024-02-19T13:49:00+01:00',
      author: { '@type': 'Person', name: 'Jane Doe' },
      publisher: { '@type': 'Organization', name: 'The Harbour Gazette' },
      url: 'https://news.example/council-budget',
      inLanguage: 'en-GB',
    });
    expect(metadataOf(head)).toEqual({
      title: 'Council approves budget',
      byline: 'Jane Doe',
      publishedAt: '2024-02-19T13:49:00+01:00',
      url: 'https://news.example/council-budget',
      language: 'en-GB',
      siteName: 'The Harbour Gazette',
    });
  });

  it('finds the article inside @graph, and joins several authors', () => {
    const head = jsonLd({
      '@context': 'https://schema.org',
      '@graph': [
        { '@type': 'WebSite', name: 'Harbour Gazette' },
        { '@type': 'BreadcrumbList', itemListElement: [] },
        { '@type': 'NewsArticle', headline: 'Graph headline', datePublished: '2024-02-19T13:49:00Z', author: [{ '@type': 'Person', name: 'Jane Doe' }, { '@type': 'Person', name: 'John Roe' }] },
      ],
    });
    expect(metadataOf(head)).toMatchObject({ title: 'Graph headline', byline: 'Jane Doe and John Roe', publishedAt: '2024-02-19T13:49:00Z', siteName: 'Harbour Gazette' });
  });

  it('reads a top-level array and @type given as an array; strips "By" from an author string', () => {
    const head = jsonLd([{ '@type': 'Organization', name: 'Gazette Media' }, { '@type': ['NewsArticle'], headline: 'Array headline', datePublished: '2024-02-19', author: 'By Jane Doe' }]);
    expect(metadataOf(head)).toMatchObject({ title: 'Array headline', byline: 'Jane Doe', publishedAt: '2024-02-19', siteName: 'Gazette Media' });
  });

  it('decodes character references left in JSON-LD strings (raw script text)', () => {
    const head = jsonLd({ '@type': 'NewsArticle', headline: 'Tom &amp; Jerry&#8217;s caf&eacute; reopens', author: { name: 'Jos&eacute; Garc&iacute;a' } });
    expect(metadataOf(head)).toMatchObject({ title: 'Tom & Jerry’s café reopens', byline: 'José García' });
  });

  it('drops the markup a CMS left in stated values, keeping their words; a value that only names a tag stays', () => {
    const head =
      jsonLd({
        '@type': 'NewsArticle',
        headline: 'Ferry crews <em>walk out</em> as talks on ro<b>st</b>ers collapse',
        description: '<p>Crews stopped work at dawn.</p><p>Buses replace<br/>the ferries.</p><style>p{color:red}</style>',
        author: { '@type': 'Person', name: '<a href="/authors/jane">Jane Doe</a>' },
        keywords: '<b>Harbour</b>, Strikes',
      }) + '<meta property="og:site_name" content="&lt;span class=&quot;brand&quot;&gt;The Harbour Gazette&lt;/span&gt;">';
    expect({ ...metadataOf(head), ...moreMetadataOf(head) }).toMatchObject({
      title: 'Ferry crews walk out as talks on rosters collapse',
      byline: 'Jane Doe',
      siteName: 'The Harbour Gazette',
      description: 'Crews stopped work at dawn. Buses replace the ferries.',
      tags: ['Harbour', 'Strikes'],
    });
    const named = jsonLd({ '@type': 'NewsArticle', headline: 'When to use <div> and when <section>' });
    expect(metadataOf(named).title).toBe('When to use <div> and when <section>');
    expect(metadataOf('<meta property="og:title" content="30 Years of &lt;br&gt; Tags">').title).toBe('30 Years of <br> Tags');
    // The page's own <title> is text as the parser read it: what looks like markup there is what the tab shows.
    expect(metadataOf('<title>Why &lt;em&gt;not&lt;/em&gt; to nest tags</title>').title).toBe('Why <em>not</em> to nest tags');
  });

  it('skips a malformed block and uses the other sources', () => {
    const head = '<script type="application/ld+json">{"@type":"NewsArticle","headline": broken</script><meta property="og:title" content="OpenGraph title">';
    expect(metadataOf(head).title).toBe('OpenGraph title');
  });

  it('reads a script whose strings hold raw line breaks or tabs, or that stands in a CDATA wrapper', () => {
    const og = '<meta property="og:title" content="OpenGraph title">';
    const broken = '{"@type":"NewsArticle","headline":"Council approves\n budget","description":"Line one\r\n\tline two","author":{"@type":"Person","name":"Jane Doe"}}';
    expect(metadataOf(`<script type="application/ld+json">${broken}</script>${og}`)).toMatchObject({ title: 'Council approves budget', byline: 'Jane Doe' });
    for (const [start, end] of [['//<![CDATA[', '//]]>'], ['/*<![CDATA[*/', '/*]]>*/'], ['<![CDATA[', ']]>']]) {
      const wrapped = `<script type="application/ld+json">${start}\n${jsonLd({ '@type': 'NewsArticle', headline: 'Wrapped headline', author: 'Jane Doe' }).replace(/<\/?script[^>]*>/g, '')}\n${end}</script>${og}`;
      expect(metadataOf(wrapped), start).toMatchObject({ title: 'Wrapped headline', byline: 'Jane Doe' });
    }
  });

  it('falls back to meta tags when datePublished is not a date', () => {
    const head = jsonLd({ '@type': 'NewsArticle', headline: 'H', datePublished: 'yesterday' }) + '<meta property="article:published_time" content="2024-02-19T13:49:00Z">';
    expect(metadataOf(head).publishedAt).toBe('2024-02-19T13:49:00Z');
  });
});

describe('meta tags', () => {
  it('OpenGraph and article:published_time (offset kept), author, og:locale', () => {
    const head = [
      '<meta property="og:title" content="OpenGraph headline">',
      '<meta property="og:site_name" content="Harbour Gazette">',
      '<meta property="og:url" content="https://news.example/og">',
      '<meta property="article:published_time" content="2024-02-19T13:49:00-05:00">',
      '<meta name="author" content="Jane Doe">',
      '<meta property="og:locale" content="fr_FR">',
    ].join('');
    expect(metadataOf(head)).toEqual({ title: 'OpenGraph headline', byline: 'Jane Doe', publishedAt: '2024-02-19T13:49:00-05:00', url: 'https://news.example/og', language: 'fr-FR', siteName: 'Harbour Gazette' });
  });

  it('Twitter cards', () => {
    const head = '<meta name="twitter:title" content="Twitter headline"><meta name="twitter:url" content="https://news.example/tw">';
    expect(metadataOf(head)).toMatchObject({ title: 'Twitter headline', url: 'https://news.example/tw' });
  });

  it('Dublin Core, with a compact date and case-insensitive names', () => {
    const head = '<meta name="DC.title" content="Dublin Core headline"><meta name="dc.date" content="20240219"><meta name="DC.language" content="es">';
    expect(metadataOf(head)).toMatchObject({ title: 'Dublin Core headline', publishedAt: '2024-02-19', language: 'es' });
  });

  it('a written date in a meta tag, read only with day, month and year', () => {
    expect(metadataOf('<meta name="date" content="February 19, 2024">').publishedAt).toBe('2024-02-19');
    expect(metadataOf('<meta name="date" content="February 2024">').publishedAt).toBeNull();
  });

  it('decodes a double-encoded attribute ("&amp;amp;")', () => {
    expect(metadataOf('<meta property="og:title" content="Tom &amp;amp; Jerry">').title).toBe('Tom & Jerry');
  });
});

describe('marked-up elements', () => {
  it('<time datetime> keeps the offset it states', () => {
    expect(metadataOf('', { before: '<p class="dateline"><time datetime="2024-02-19T13:49:00+01:00">19 February</time></p>' }).publishedAt).toBe('2024-02-19T13:49:00+01:00');
  });

  it('itemprop datePublished (content attribute) and author', () => {
    const before = '<span itemprop="datePublished" content="2024-02-19T08:00:00+09:00"></span><span itemprop="author">Jane Doe</span>';
    expect(metadataOf('', { before })).toMatchObject({ publishedAt: '2024-02-19T08:00:00+09:00', byline: 'Jane Doe' });
  });

  it('a byline box: the name before the separator, and its written date when nothing else dates the page', () => {
    const before = '<div class="byline">By Jane Doe | February 19, 2024 at 1:49 pm</div>';
    expect(metadataOf('', { before })).toMatchObject({ byline: 'Jane Doe', publishedAt: '2024-02-19T13:49' });
  });

  it("a byline box's update date is not the publication's (it was publishedAt)", () => {
    for (const box of ['By Jane Doe | Updated March 5, 2024', 'By Jane Doe · Last modified: 03/05/2024', 'Jane Doe, aktualisiert am 5. März 2024']) {
      expect(metadataOf('', { before: `<div class="byline">${box}</div>` })).toMatchObject({ byline: 'Jane Doe', publishedAt: null });
    }
    expect(metadataOf('', { before: '<div class="byline">By Jane Doe | Published March 3, 2024</div>' }).publishedAt).toBe('2024-03-03');
  });
});

describe('the words of a headline or byline set apart by markup', () => {
  const body = (h1: string, after = ''): string => `<main><article><h1>${h1}</h1>${after}${PARAGRAPHS.map((p) => `<p>${p}</p>`).join('')}</article></main>`;

  it('a <br>, a block or sibling inline elements inside an h1 part its words, as in its segment text', () => {
    // Before: "Council approvesnew budget" (the walk's capture of the h1 joined what the line break set apart).
    for (const h1 of [
      'Council approves<br>new budget',
      'Council approves<div>new budget</div>',
      '<span>Council approves</span><span>new budget</span>',
      '<a href="/a">Council approves</a><a href="/b">new budget</a>',
    ]) {
      expect(cleanText(page({ body: body(h1) })).title, h1).toBe('Council approves new budget');
    }
    // Inline markup inside a word stays inside it.
    expect(cleanText(page({ body: body('Council ap<b>prov</b>es new budget') })).title).toBe('Council approves new budget');
  });

  it('an h1 written in copies for each screen is read once', () => {
    const copies = '<span class="show-mobile">Council approves</span><span class="show-mobile">new budget</span><span class="hide-mobile">Council approves new budget</span><span class="sr-only">Council approves new budget</span>';
    expect(cleanText(page({ body: body(copies) })).title).toBe('Council approves new budget');
    // A heading that repeats its own words stays as written.
    expect(cleanText(page({ body: body('Bye Bye') })).title).toBe('Bye Bye');
  });

  it("a microdata author's name broken over lines is read with its words apart", () => {
    // Before: "JaneDoe", "ByJane Doe" (the element's text nodes joined as they stood).
    for (const author of [
      '<div itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">Jane<br>Doe</span></div>',
      '<p itemprop="author">By<br>Jane Doe</p>',
    ]) {
      const body = `<article itemscope itemtype="https://schema.org/NewsArticle"><h1>Council approves new budget</h1>${author}${PARAGRAPHS.map((p) => `<p>${p}</p>`).join('')}</article>`;
      expect(cleanText(page({ body })).byline, author).toBe('Jane Doe');
    }
  });

  it('a byline box whose lead, name and date label are blocks of their own', () => {
    // Before: "ByJane Doe" (no lead dropped), and a box of lines "Written By:", "Jane Doe", "Last Updated:", a date
    // read as "Written By:Jane DoeLast Updated:…" (no name: the year in it).
    const boxes = [
      '<div class="byline">By<br>Jane Doe</div>',
      '<div class="author-box"><div><strong>Written By:</strong></div><a href="/authors/jane"><div>Jane Doe</div></a><div><strong>Last Updated:</strong></div><div>August 1, 2025</div></div>',
    ];
    for (const box of boxes) expect(cleanText(page({ body: body('Council approves new budget', box) })).byline, box).toBe('Jane Doe');
    // A date's label after the name, on one line: before, "Jane Doe Published".
    expect(cleanText(page({ body: body('Council approves new budget', '<div class="byline">Jane Doe Published on August 1, 2025</div>') })).byline).toBe('Jane Doe');
  });
});

describe('where in the page the markup is', () => {
  it('reads JSON-LD, meta tags and microdata in the body and inside elements the text walk skips', () => {
    const before =
      '<noscript><meta property="og:site_name" content="The Harbour Gazette"></noscript>' +
      '<svg><g><time itemprop="datePublished" datetime="2024-02-19T08:00:00+09:00"></time></g></svg>' +
      jsonLd({ '@type': 'NewsArticle', headline: 'Council approves budget', author: { name: 'Jane Doe' } });
    expect(metadataOf('', { before })).toMatchObject({
      title: 'Council approves budget',
      byline: 'Jane Doe',
      siteName: 'The Harbour Gazette',
      publishedAt: '2024-02-19T08:00:00+09:00',
    });
  });

  it('reads a meta tag that the standard moves out of an svg (a page the conformant parser reads)', () => {
    // `<meta>` is one of the tags that break out of svg: a browser closes the svg and puts the meta in the body.
    const before = '<svg><g><meta itemprop="datePublished" content="2024-02-19T08:00:00+09:00"></g></svg>';
    expect(metadataOf('', { before }).publishedAt).toBe('2024-02-19T08:00:00+09:00');
  });

  it("the <title> of an inline svg or math formula names the drawing, not the page", () => {
    // An icon before the headline, on a page without a <title> of its own, and on one whose <title> comes later.
    const icon = '<svg viewBox="0 0 10 10"><title>Search icon</title><g><title>Magnifier</title></g></svg><math><title>x squared</title></math>';
    const body = `<main><article>${icon}<h1>Council approves budget</h1>${PARAGRAPHS.map((p) => `<p>${p}</p>`).join('')}</article></main>`;
    expect(cleanText(page({ body })).title).toBe('Council approves budget');
    expect(cleanText(page({ body: icon + body.replace('<h1>Council approves budget</h1>', '') + '<title>Council approves budget</title>' })).title).toBe('Council approves budget');
  });

  it('takes the first of a repeated meta tag in document order, whether the walk skipped it or met it', () => {
    const head = '<meta property="og:site_name" content="First Gazette">';
    expect(metadataOf(head, { before: '<meta property="og:site_name" content="Second Gazette">' }).siteName).toBe('First Gazette');
    // No <head> at all: a meta under <noscript> comes before one met by the walk.
    const page = `<html><noscript><meta property="og:site_name" content="Noscript Gazette"></noscript><meta property="og:site_name" content="Later Gazette"><body><main><article><p>${PARAGRAPHS.join('</p><p>')}</p></article></main></body></html>`;
    expect(cleanText(page).siteName).toBe('Noscript Gazette');
  });
});

describe('url, language, title', () => {
  it('the canonical link wins over og:url', () => {
    const head = '<link rel="canonical" href="https://news.example/canonical"><meta property="og:url" content="https://news.example/og">';
    expect(metadataOf(head).url).toBe('https://news.example/canonical');
  });

  it('a relative canonical link is resolved against the page\'s own URL', () => {
    const head = '<link rel="canonical" href="/news/budget"><meta property="og:url" content="https://news.example/news/budget?utm_source=x">';
    expect(metadataOf(head).url).toBe('https://news.example/news/budget');
  });

  // The links of the document resolved against <base href>, the url was null (htmlMetadata knew only og:url and JSON-LD url).
  it('a relative canonical link is resolved against <base href>, as the page\'s links are', () => {
    const head = '<base href="https://news.example/section/"><link rel="canonical" href="/news/budget">';
    expect(metadataOf(head).url).toBe('https://news.example/news/budget');
    const relativeBoth = '<base href="https://news.example/section/"><link rel="canonical" href="budget"><meta property="og:url" content="https://other.example/x">';
    expect(metadataOf(relativeBoth).url).toBe('https://news.example/section/budget');
  });

  it("a relative canonical link is resolved against the address the page came from (a WARC record's target)", () => {
    const document = clean({ bytes: Buffer.from(article(PARAGRAPHS, { head: '<link rel="canonical" href="/news/budget">' })), name: 'page.html', url: 'https://news.example/news/budget?page=2' }, { now: FIXED_NOW });
    expect(document.url).toBe('https://news.example/news/budget');
  });

  it('the canonical link and og:url are written as the URL standard writes them: percent-encoded, the host in lowercase', () => {
    // They were kept as written: "https://News.example/2025/ferry times/é" is no valid URL.
    expect(metadataOf('<link rel="canonical" href="https://News.example/2025/ferry times/é?q=early boat">').url).toBe('https://news.example/2025/ferry%20times/%C3%A9?q=early%20boat');
    expect(metadataOf('<meta property="og:url" content="https://news.example/ferry times">').url).toBe('https://news.example/ferry%20times');
    // An absolute canonical link that is no URL gives way to the page's stated one.
    expect(metadataOf('<link rel="canonical" href="https://news exa mple/x"><meta property="og:url" content="https://news.example/x">').url).toBe('https://news.example/x');
  });

  it('a relative canonical link with nothing to resolve it against is no URL', () => {
    expect(metadataOf('<link rel="canonical" href="/news/budget">').url).toBeNull();
  });

  it('<html lang> gives the language, normalized as a BCP 47 tag', () => {
    expect(metadataOf('', { lang: 'de-at' }).language).toBe('de-AT');
    expect(metadataOf('', { lang: 'en_us' }).language).toBe('en-US');
  });

  it('a language code ISO 639-1 withdrew (as Java wrote them before Java 17) is named by its current code', () => {
    expect(metadataOf('', { lang: 'iw' }).language).toBe('he');
    expect(metadataOf('', { lang: 'in-ID' }).language).toBe('id-ID');
    expect(metadataOf('<meta http-equiv="content-language" content="ji">').language).toBe('yi');
  });

  it('<title> without the site name when no better title exists', () => {
    const head = '<title>Council approves budget | The Harbour Gazette</title><meta property="og:site_name" content="The Harbour Gazette">';
    expect(metadataOf(head)).toMatchObject({ title: 'Council approves budget', siteName: 'The Harbour Gazette' });
  });

  it('every field is null when the page says nothing, but the language, which the text itself tells', () => {
    expect(metadataOf('')).toEqual({ title: null, byline: null, publishedAt: null, url: null, language: 'en', siteName: null });
  });

  it('the headline copy in the page is not a segment', () => {
    const document = cleanText(page({ head: '<title>Council approves budget</title>', body: `<main><article><h1>Council approves budget</h1>${PARAGRAPHS.map((p) => `<p>${p}</p>`).join('')}</article></main>` }));
    expect(document.title).toBe('Council approves budget');
    expect(document.segments.map((s) => s.text)).not.toContain('Council approves budget');
  });
});

describe('plain-text scrapes', () => {
  const scrape = [
    'Council approves budget',
    '',
    '/ 01:49 PM February 19, 2024',
    '',
    'Council approves budget',
    '',
    'The council approved the new budget on Tuesday after a long debate that lasted well into the night.',
    '',
    'Opposition members said the plan would raise taxes for families, while supporters called it prudent.',
    '',
  ].join('\n');
  const document = cleanText(scrape, 'page.txt');

  it('lifts the repeated headline into the title and the dateline into publishedAt, without a clock', () => {
    expect(document.title).toBe('Council approves budget');
    expect(document.publishedAt).toBe('2024-02-19T13:49');
  });

  it('leaves neither the headline copies nor the dateline among the segments', () => {
    expect(document.segments.map((s) => s.text)).toEqual([PARAGRAPHS[0], PARAGRAPHS[1]]);
  });

  it('reads a German dateline', () => {
    const german = cleanText('Rat beschließt Haushalt\n\n19. Februar 2024, 13:49 Uhr\n\nDer Rat hat am Dienstag nach langer Debatte den neuen Haushalt beschlossen, die bis in die Nacht dauerte.\n', 'page.txt');
    expect(german).toMatchObject({ title: 'Rat beschließt Haushalt', publishedAt: '2024-02-19T13:49' });
  });

  it("reads a numeric date in the text's own order: 04.03.2024 under German text is 4 March", () => {
    // Before: 2024-04-03 (month first, the order of a page whose language is not known), though the document said "de".
    const german = cleanText(
      'Fähre wieder in Betrieb\n\n04.03.2024\n\nDie Hafenfähre hat am Montag nach einer Woche Reparaturen am Motor den Betrieb wieder aufgenommen, teilten die Behörden mit.\n\n' +
        'Fahrgäste standen seit dem Morgengrauen am Anleger an, und einige sagten, sie hätten mehr als zwei Stunden gewartet.\n',
      'page.txt',
    );
    expect(german).toMatchObject({ language: 'de', publishedAt: '2024-03-04' });
    const english = cleanText(`Council approves budget\n\n04.03.2024\n\n${PARAGRAPHS.join('\n\n')}\n`, 'page.txt');
    expect(english).toMatchObject({ language: 'en', publishedAt: '2024-04-03' });
  });

  it("an HTML page that states no language: its numeric dates in the order of its text's language", () => {
    // Before: 2024-04-03 (month first) under German text, though the document said "de"; the plain-text path already read it so.
    const paragraphs = [
      'Die Hafenfähre hat am Montag nach einer Woche Reparaturen am Motor den Betrieb wieder aufgenommen, teilten die Behörden mit.',
      'Fahrgäste standen seit dem Morgengrauen am Anleger an, und einige sagten, sie hätten mehr als zwei Stunden gewartet.',
    ];
    const html = (h1: string, texts: readonly string[]): Buffer =>
      Buffer.from(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>${h1}</title></head><body><main><h1>${h1}</h1><p>04.03.2024</p>${texts.map((t) => `<p>${t}</p>`).join('')}</main></body></html>`);
    const german = clean({ bytes: html('Fähre wieder in Betrieb', paragraphs), name: 'page.html' }, { now: FIXED_NOW });
    expect(german).toMatchObject({ language: 'de', publishedAt: '2024-03-04' });
    const english = clean({ bytes: html('Council approves budget', PARAGRAPHS), name: 'page.html' }, { now: FIXED_NOW });
    expect(english).toMatchObject({ language: 'en', publishedAt: '2024-04-03' });
  });

  it('reads the name alone from a byline line, as an HTML byline is read, also when the line gives the date', () => {
    // Before: "Jane Doe | Reuters", "Jane Doe · 5 min read", and no byline at all from a line with a date in it.
    const byline = (line: string): Pick<ReturnType<typeof cleanText>, 'byline' | 'publishedAt'> => {
      const { byline, publishedAt } = cleanText(`Council approves budget\n\n${line}\n\n${PARAGRAPHS.join('\n\n')}\n`, 'page.txt');
      return { byline, publishedAt };
    };
    expect(byline('By Jane Doe | Reuters')).toEqual({ byline: 'Jane Doe', publishedAt: null });
    expect(byline('by Jane Doe · 5 min read')).toEqual({ byline: 'Jane Doe', publishedAt: null });
    expect(byline('By Jane Doe | March 4, 2024')).toEqual({ byline: 'Jane Doe', publishedAt: '2024-03-04' });
    expect(byline('By Jane Doe - 4 March 2024 10:32')).toEqual({ byline: 'Jane Doe', publishedAt: '2024-03-04T10:32' });
    expect(byline('By Jane Doe and John Smith')).toEqual({ byline: 'Jane Doe and John Smith', publishedAt: null });
  });

  it("an update's dateline is the modification's date, not the publication's (it was publishedAt), and is still lifted", () => {
    const dates = (line: string) => {
      const { publishedAt, modifiedAt, segments } = cleanText(`Council approves budget\n\n${line}\n\n${PARAGRAPHS.join('\n\n')}\n`, 'page.txt');
      return { publishedAt, modifiedAt, lifted: !segments.some((s) => s.text === line) };
    };
    expect(dates('Updated March 5, 2024')).toEqual({ publishedAt: null, modifiedAt: '2024-03-05', lifted: true });
    expect(dates('Last updated: 5 March 2024 10:32')).toEqual({ publishedAt: null, modifiedAt: '2024-03-05T10:32', lifted: true });
    expect(dates('March 4, 2024')).toEqual({ publishedAt: '2024-03-04', modifiedAt: null, lifted: true });
    // Both in one dateline, the publication's first: the update's was not read.
    expect(dates('Published March 3, 2024 · Updated March 5, 2024')).toEqual({ publishedAt: '2024-03-03', modifiedAt: '2024-03-05', lifted: true });
  });
});

describe('date and language helpers', () => {
  it.each([
    ['2024-02-19T13:49:00+01:00', '2024-02-19T13:49:00+01:00'],
    ['2024-02-19T13:49:00+0100', '2024-02-19T13:49:00+01:00'],
    ['2024-02-19T13:49:00Z', '2024-02-19T13:49:00Z'],
    ['2024-02-19T13:49:00.123-05:00', '2024-02-19T13:49:00-05:00'],
    ['2024-02-19 13:49', '2024-02-19T13:49'],
    ['2024-02-19', '2024-02-19'],
    ['20240219', '2024-02-19'],
    ['2024-02-30', null],
    ['2024-13-01', null],
    ['2023-02-29T10:00:00Z', null],
    ['2024-02-29T10:00:00Z', '2024-02-29T10:00:00Z'],
    // An offset no place has (past ±14:00, or 60 minutes and more) makes the time unknown: the date alone, as for hour 25.
    ['2024-02-19T13:49:00+25:00', '2024-02-19'],
    ['2024-02-19T13:49:00+05:75', '2024-02-19'],
    ['2024-02-19T13:49:00-1500', '2024-02-19'],
    ['2024-02-19T13:49:00+14:00', '2024-02-19T13:49:00+14:00'],
    ['2024-02-19T13:49:00-12:00', '2024-02-19T13:49:00-12:00'],
    // ISO 8601's offset in hours alone (PostgreSQL writes timestamps so): kept, not dropped to a local time.
    ['2024-02-19 13:49:00+00', '2024-02-19T13:49:00+00:00'],
    ['2024-02-19T13:49:00-05', '2024-02-19T13:49:00-05:00'],
    // UTC by name (Rails, many CMSs' JSON-LD: "2024-02-19 13:49:00 UTC"): kept as UTC, not dropped to a local time; an offset after it kept.
    ['2024-02-19 13:49:00 UTC', '2024-02-19T13:49:00Z'],
    ['2024-02-19T13:49:00 GMT', '2024-02-19T13:49:00Z'],
    ['2024-02-19T13:49:00UTC', '2024-02-19T13:49:00Z'],
    ['2024-02-19 13:49 GMT+2', '2024-02-19T13:49+02:00'],
    ['2024-02-19T13:49:00 UTC+05:30', '2024-02-19T13:49:00+05:30'],
    ['2024-02-19T13:49:00 UTC-0330', '2024-02-19T13:49:00-03:30'],
    ['2024-02-19T13:49:00 GMT+15', '2024-02-19'],
    // Other zone names are ambiguous (CST: China or Central): the time stays as written, as before.
    ['2024-02-19T13:49:00 PST', '2024-02-19T13:49:00'],
    ['2024-02-19T13:49:00 Utah', '2024-02-19T13:49:00'],
    // A zone abbreviation of one offset in the IANA tz database (./cues/metadata.ts TIME_ZONE_ABBREVIATIONS) gives it (it
    // was dropped); PST does not (the Philippines' too), nor CST (China's, Cuba's, Central), nor a lower-case word.
    ['2024-02-19 13:49:00 EST', '2024-02-19T13:49:00-05:00'],
    ['2024-02-19T13:49 CET', '2024-02-19T13:49+01:00'],
    ['2024-02-19T13:49 CST', '2024-02-19T13:49'],
    ['2024-02-19T13:49 est', '2024-02-19T13:49'],
    ['2024-07-19T13:49 EST', '2024-07-19T13:49'],
    ['not a date', null],
  ])('normalizeIsoDate(%j) = %j', (input, expected) => {
    expect(normalizeIsoDate(input)).toBe(expected);
  });

  it.each([
    ['/ 01:49 PM February 19, 2024', '2024-02-19T13:49'],
    ['February 19, 2024', '2024-02-19'],
    ['19 février 2024', '2024-02-19'],
    ['19 de febrero de 2024', '2024-02-19'],
    ['February 19', null],
    ['yesterday at noon', null],
    // Impossible dates are no date, not a neighbouring one: chrono reads a year-first date with a month past 12 as
    // year-day-month, which no locale writes.
    ['2024-13-01', null],
    ['Published 2024/13/01', null],
    ['2024.13.01', null],
    ['April 31, 2024', null],
    ['February 29, 2023', null],
    ['30.02.2024', null],
    ['on 2024-06-15 at noon', '2024-06-15T12:00'],
    // "now" and "today" come back from chrono with every part certain, from its reference instant: no date.
    ['The Best Right Now: dishwashers to buy in 2025', null],
    ['Founded in 2013. Today it has 35,000 tutors', null],
    ['Today, 19 February 2024', '2024-02-19'],
    // Years from 1990 to 2100 only (the text is not read without such digits).
    ['March 5, 1990', '1990-03-05'],
    ['March 5, 2100', '2100-03-05'],
    ['March 5, 1989', null],
    ['March 5, 2101', null],
    // A relative date is computed from chrono's reference instant, never stated: no date, also when its count is
    // written like a year that the computed date happens to fall in (1994 days before 2000-01-01 is 1994-07-17).
    ['1994 days ago', null],
    ['1999 hours ago', null],
    ['1999 minutes ago', null],
    ['in 2000 hours', null],
    ['vor 1994 Tagen', null],
    ['il y a 1994 jours', null],
    ['hace 1994 días', null],
    ['2 days after Jan 5, 2024', null],
    // The stated date beside a relative one is still read.
    ['3 days ago, Jan 5, 2024', '2024-01-05'],
    ['Updated 1999 minutes ago · March 3, 2024', '2024-03-03'],
    // A dash before a reading time is a dateline's separator, not a subtraction (it was 11:49 of that day, and then no date).
    ['February 4, 2025 - 11 min read', '2025-02-04'],
    ['February 4, 2025 — 5 mins', '2025-02-04'],
    ['Feb 4, 2025 + 2 days', null],
    // Numbers that look like years in other phrases are no date.
    ['2024 people attended', null],
    ['Top 2023 picks', null],
    ['© 2019-2024 Acme', null],
    ['1080p video, 2024', null],
    ['March 2024', null],
    // An offset the text writes is kept; a zone name gives none (chrono's offsets for names are guesses: CST is China's
    // and Central, IST India's, Ireland's and Israel's; "ET" before the date took winter time in July; German "ist").
    ['March 3, 2024 10:00 +0200', '2024-03-03T10:00+02:00'],
    ['March 3, 2024 10:00 GMT+2', '2024-03-03T10:00+02:00'],
    ['March 3, 2024 10:00 UTC+05:30', '2024-03-03T10:00+05:30'],
    ['March 3, 2024 10:00 UTC', '2024-03-03T10:00+00:00'],
    ['March 3, 2024 10:00 CST', '2024-03-03T10:00'],
    ['March 3, 2024 10:00 IST', '2024-03-03T10:00'],
    ['Posted 10:00 am ET, July 3, 2024', '2024-07-03T10:00'],
    ['July 3, 2024 10:00 ist', '2024-07-03T10:00'],
    ['3. Juli 2024, 10:00 Uhr MESZ', '2024-07-03T10:00'],
    ['March 3, 2024 10:00', '2024-03-03T10:00'],
    // An offset in digits with a colon (chrono read none), and UTC with an offset in hours ("10:00 UTC-5"), ISO's Z.
    ['March 3, 2024 10:00 -05:00', '2024-03-03T10:00-05:00'],
    ['March 3, 2024 10:00 UTC-5', '2024-03-03T10:00-05:00'],
    ['March 3, 2024 10:00Z', '2024-03-03T10:00+00:00'],
    ['July 3, 2024 2:30 PM (GMT+05:30)', '2024-07-03T14:30+05:30'],
    ['March 3, 2024 10:00 -15:00', '2024-03-03T10:00'],
    // A time range is no offset: the second time of "10:00-11:00" (no space before the dash, no seconds) and one followed
    // by its own am/pm or "Uhr" ("10:00 -11:00 Uhr"). After a time written ISO's way (with seconds, or after its T) it is one.
    ['March 3, 2024 10:00-11:00', '2024-03-03T10:00'],
    ['3. März 2024, 10:00-12:30 Uhr', '2024-03-03T10:00'],
    ['3. März 2024, 10:00 -12:30 Uhr', '2024-03-03T10:00'],
    ['March 3, 2024 10:00 am -11:00 am', '2024-03-03T10:00'],
    ['March 3, 2024 10:00:00-05:00', '2024-03-03T10:00-05:00'],
    ['Posted 2024-03-03T10:00-05:00', '2024-03-03T10:00-05:00'],
    // A zone abbreviation of one offset in the IANA tz database (./cues/metadata.ts TIME_ZONE_ABBREVIATIONS) gives that
    // offset (c9b093d dropped every name's, these too); ambiguous ones stay dropped (above: CST, IST; and PST, which the
    // Philippines use too, KST, BST, AST), as do generic names (ET) and words written so in lower case.
    ['March 3, 2024 10:00 EST', '2024-03-03T10:00-05:00'],
    ['Posted 10:00 a.m. EDT July 3, 2024', '2024-07-03T10:00-04:00'],
    ['July 3, 2024 10:00 PDT', '2024-07-03T10:00-07:00'],
    ['March 3, 2024 14:30 CET', '2024-03-03T14:30+01:00'],
    ['Posted 3 July 2024 14:30 Uhr CEST', '2024-07-03T14:30+02:00'],
    ['March 3, 2024 10:00 JST', '2024-03-03T10:00+09:00'],
    ['March 3, 2024 10:00 AEST', '2024-03-03T10:00+10:00'],
    ['March 3, 2024 10:00 PST', '2024-03-03T10:00'],
    ['March 3, 2024 10:00 KST', '2024-03-03T10:00'],
    ['March 3, 2024 10:00 BST', '2024-03-03T10:00'],
    ['March 3, 2024 10:00 AST', '2024-03-03T10:00'],
    ['3 de julio de 2024 10:00 est', '2024-07-03T10:00'],
    // The abbreviation of the other season in a month wholly of one (./cues/metadata.ts DAYLIGHT_SAVING_MONTHS): US sites
    // write EST for Eastern time all year; the wall clock's offset is not known from it (it was -05:00 on a page whose
    // markup states -04:00). In a month of the change the abbreviation decides.
    ['Updated Sep 9, 2025 at 1:00 PM EST', '2025-09-09T13:00'],
    ['January 9, 2025 1:00 PM EDT', '2025-01-09T13:00'],
    ['9. August 2025, 10:00 Uhr CET', '2025-08-09T10:00'],
    ['November 3, 2024 1:00 PM EST', '2024-11-03T13:00-05:00'],
    // The southern rules (DAYLIGHT_SAVING_MONTHS au, nz): summer from October or November to March or April.
    ['July 3, 2024 10:00 AEDT', '2024-07-03T10:00'],
    ['January 9, 2025 10:00 AEDT', '2025-01-09T10:00+11:00'],
    ['January 9, 2025 10:00 NZST', '2025-01-09T10:00'],
    ['July 3, 2024 10:00 NZST', '2024-07-03T10:00+12:00'],
    // Zones without summer time give theirs in any month.
    ['July 3, 2024 10:00 HKT', '2024-07-03T10:00+08:00'],
    // Fractions of a second before the offset (a CMS's "2021-04-29 17:13:04.031886+02:00" after a label).
    ['Opublikowano: 2021-04-29 17:13:04.031886+02:00', '2021-04-29T17:13+02:00'],
  ])('parseTextDate(%j) = %j', (input, expected) => {
    expect(parseTextDate(input)).toBe(expected);
  });

  // A numeric date whose first two numbers are both 12 or less is read in the order its locale writes: month first
  // in US English (CLDR's short date patterns), day first elsewhere. Dots say nothing: US pages write "09.10.2024" too.
  it.each([
    ['03/04/2024', undefined, '2024-03-04'],
    ['03/04/2024', 'month-first', '2024-03-04'],
    ['03/04/2024', 'day-first', '2024-04-03'],
    ['Published 04/03/2024 10:15', 'day-first', '2024-03-04T10:15'],
    ['09.10.2024', 'month-first', '2024-09-10'],
    ['03.04.2024', 'day-first', '2024-04-03'],
    ['3-4-2024', 'day-first', '2024-04-03'],
    // Unambiguous: a number past 12 is the day, whatever the locale.
    ['25/12/2024', 'month-first', '2024-12-25'],
    ['12/25/2024', 'day-first', '2024-12-25'],
    ['31.12.2024', undefined, '2024-12-31'],
  ] as const)('parseTextDate(%j, %j) = %j', (input, order, expected) => {
    expect(parseTextDate(input, order)).toBe(expected);
  });

  it.each([
    ['en', 'month-first'],
    ['en-US', 'month-first'],
    [null, 'month-first'],
    ['en-GB', 'day-first'],
    ['en-AU', 'day-first'],
    ['de', 'day-first'],
    ['fr-CA', 'day-first'],
    ['es-MX', 'day-first'],
  ] as const)('numericDateOrder(%j) = %j', (language, order) => {
    expect(numericDateOrder(language)).toBe(order);
  });

  it("reads a page's numeric dates in the order of its stated language", () => {
    const stated = '<meta property="article:published_time" content="03/04/2024">';
    expect(metadataOf(stated, { lang: 'en-US' }).publishedAt).toBe('2024-03-04');
    expect(metadataOf(stated, { lang: 'fr' }).publishedAt).toBe('2024-04-03');
    expect(metadataOf(stated, { lang: 'en-GB' }).publishedAt).toBe('2024-04-03');
    expect(metadataOf('<meta property="article:published_time" content="03.04.2024">', { lang: 'de' }).publishedAt).toBe('2024-04-03');
    // Written near the headline: the same reading.
    expect(metadataOf('', { lang: 'en-GB', before: '<h1>Council approves budget</h1><p class="date">Published 04/03/2024</p>' }).publishedAt).toBe('2024-03-04');
    expect(metadataOf('', { lang: 'en-US', before: '<h1>Council approves budget</h1><p class="date">Published 04/03/2024</p>' }).publishedAt).toBe('2024-04-03');
  });

  it('normalizeLanguage', () => {
    expect(normalizeLanguage('EN-gb')).toBe('en-GB');
    expect(normalizeLanguage('pt_BR')).toBe('pt-BR');
    expect(normalizeLanguage('zh-Hant-TW')).toBe('zh-Hant-TW');
    expect(normalizeLanguage('en, fr')).toBe('en');
    expect(normalizeLanguage('English')).toBeNull();
    expect(normalizeLanguage('--')).toBeNull();
    expect(normalizeLanguage(null)).toBeNull();
    // Tags that say no language is known: undetermined, no linguistic content, several, uncoded (BCP 47 / ISO 639-2).
    for (const none of ['und', 'zxx', 'mul', 'mis', 'UND']) expect(normalizeLanguage(none)).toBeNull();
    // Extensions and private use after the language and region (a calendar, a private subtag) are no part of the language.
    expect(normalizeLanguage('en-US-u-ca-gregory')).toBe('en-US');
    expect(normalizeLanguage('de-DE-x-formal')).toBe('de-DE');
  });

  it('a page whose <html lang> states no language takes the next source that does', () => {
    expect(metadataOf('<meta http-equiv="content-language" content="fr">', { lang: 'und' }).language).toBe('fr');
    expect(metadataOf('<meta http-equiv="content-language" content="fr">', { lang: 'english' }).language).toBe('fr');
  });
});

/** A minimal RawMetadata, for what htmlMetadata does with the sources themselves. */
function raw(parts: Partial<RawMetadata>): RawMetadata {
  return { title: null, htmlLang: null, canonical: null, meta: new Map(), jsonLd: [], times: [], tags: [], microdataAuthors: [], authors: [], h1: [], ...parts };
}

const nested = (depth: number, inner: string): string => '['.repeat(depth) + inner + ']'.repeat(depth);
const isWellFormed = (text: string): boolean => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);

describe('absurd and malformed metadata sources (issue 13)', () => {
  it.each(['author', '@type', 'publisher', 'headline', 'datePublished'])('JSON-LD arrays nested 100,000 deep in %s are skipped, never fatal', (key) => {
    const value = key === '@type' ? nested(100_000, '"NewsArticle"') : nested(100_000, '{"name":"Jane Doe"}');
    const script = `<script type="application/ld+json">{"@type":"NewsArticle","headline":"Council approves budget","datePublished":"2024-02-19","${key}":${value}}</script>`;
    const meta = metadataOf(script + '<meta name="author" content="John Roe">');
    expect(meta.byline).toBe('John Roe');
    if (key !== 'headline') expect(meta.title).toBe('Council approves budget');
  });

  it(`30,000 JSON-LD authors: at most ${METADATA_LIMITS.authors} names, in at most ${METADATA_LIMITS.bylineChars} characters`, () => {
    const authors = Array.from({ length: 30_000 }, (_, i) => ({ name: `Reporter Number${i}` }));
    const { byline } = metadataOf(jsonLd({ '@type': 'NewsArticle', headline: 'H', author: authors }));
    expect(byline!.startsWith('Reporter Number0, Reporter Number1, ')).toBe(true);
    expect(byline!.length).toBeLessThanOrEqual(METADATA_LIMITS.bylineChars);
    expect(byline!.split(', ').length).toBeLessThanOrEqual(METADATA_LIMITS.authors);
    expect(byline!.endsWith(',')).toBe(false);
  });

  it('a JSON-LD value of the wrong kind (number, object, array) is no value', () => {
    const head = jsonLd({ '@type': 'NewsArticle', headline: 42, datePublished: { value: '2024-02-19' }, author: [7, { name: ['x'] }, 'Jane Doe'], inLanguage: ['en'] });
    expect(metadataOf(head)).toMatchObject({ title: null, byline: 'Jane Doe', publishedAt: null });
  });

  it('lone surrogates from JSON escapes become U+FFFD; controls and bidi overrides are removed', () => {
    const head = '<script type="application/ld+json">{"@type":"NewsArticle","headline":"Budget \\ud800 vote","author":"Jane \\udc00Doe","publisher":{"name":"Gazette\\u0007 \\u202eMedia"}}</script>';
    const meta = metadataOf(head);
    expect(meta).toMatchObject({ title: 'Budget \ufffd vote', byline: 'Jane \ufffdDoe', siteName: 'Gazette Media' });
    for (const value of Object.values(meta)) if (value) expect(isWellFormed(value)).toBe(true);
    expect(metadataOf('<meta property="og:title" content="Tom&#x1; &#x202E;Jerry&#x2066;">').title).toBe('Tom Jerry');
  });

  it('an impossible date is no date, and the next source that states a real one serves', () => {
    expect(metadataOf('<meta property="article:published_time" content="2024-13-01">').publishedAt).toBeNull();
    expect(metadataOf('<meta property="article:published_time" content="2023-02-30T10:00:00Z">').publishedAt).toBeNull();
    const before = '<time>2024/13/01</time><time datetime="2024-02-19T13:49:00Z">19 February</time>';
    expect(metadataOf('<meta property="article:published_time" content="2024-02-30">', { before }).publishedAt).toBe('2024-02-19T13:49:00Z');
  });

  it(`reads the first ${METADATA_LIMITS.dateCandidates} <time> and byline elements, not 60,000`, () => {
    const within = METADATA_LIMITS.dateCandidates - 1;
    const times = (at: number): string[] => Array.from({ length: 60_000 }, (_, i) => (i === at ? 'February 19, 2024' : 'February 30, 2023'));
    expect(htmlMetadata(raw({ times: times(within) })).publishedAt).toBe('2024-02-19');
    expect(htmlMetadata(raw({ times: times(within + 1) })).publishedAt).toBeNull();
    const authors = (at: number): string[] => Array.from({ length: 60_000 }, (_, i) => (i === at ? 'Jane Doe' : 'https://example.com/author'));
    expect(htmlMetadata(raw({ authors: authors(METADATA_LIMITS.bylineCandidates - 1) })).byline).toBe('Jane Doe');
    expect(htmlMetadata(raw({ authors: authors(METADATA_LIMITS.bylineCandidates) })).byline).toBeNull();
  });

  it('looks at the clock: a page past its time budget stops while its metadata is read', () => {
    const error = thrown(() => htmlMetadata(raw({ times: ['February 19, 2024'] }), new Watchdog(-1)));
    expect(error).toMatchObject({ code: 'TIME_BUDGET_EXCEEDED' });
  });
});

describe('the title: the headline the page shows, without the site name (issue 16)', () => {
  it('the h1 when it is a part of the stated title', () => {
    expect(metadataOf('<title>Flexbox - Learn web development | MDN</title>', { before: '<h1>Flexbox</h1>' }).title).toBe('Flexbox');
    expect(metadataOf('<meta property="og:title" content="Camping Tents: Large Tents for Family Camping | Gearshop">', { before: '<h1>Camping Tents</h1>' }).title).toBe('Camping Tents');
  });

  it('the h1 when it shares most words with the stated title', () => {
    const head = '<meta property="og:title" content="Health And Nutrition Trends For 2026 - Tastebud">';
    expect(metadataOf(head, { before: '<h1>Top 10 Health and Nutrition Trends to Watch</h1>' }).title).toBe('Top 10 Health and Nutrition Trends to Watch');
  });

  it('the h1 when it shares most words with the stated title before a bracketed tail; not with a colon\'s lead', () => {
    const head = '<title>What is a Ferry Pass? [Definition + Types + Pros and Cons]</title>';
    expect(metadataOf(head, { before: '<h1>What is a Ferry Passport?</h1>' }).title).toBe('What is a Ferry Passport?');
    const colon = '<title>Harbour Dues: Paying What the Port Authority Asks of Every Vessel</title>';
    expect(metadataOf(colon, { before: '<h1>Understanding Harbour Dues</h1>' }).title).toBe('Harbour Dues: Paying What the Port Authority Asks of Every Vessel');
  });

  it('the stated spelling when the h1 lost characters to question marks (a charset mishap)', () => {
    const head = "<title>What Are The Basics Of Ferry Planning: Beginner's Guide</title>";
    expect(metadataOf(head, { before: '<h1>What Are The Basics Of Ferry Planning? Beginner? Guide</h1>' }).title).toBe("What Are The Basics Of Ferry Planning: Beginner's Guide");
    // A question the h1 asks is no lost character.
    expect(metadataOf('<title>Why Do Ferries Run Late? A Harbour Guide</title>', { before: '<h1>Why Do Ferries Run Late? A Harbour Guide</h1>' }).title).toBe('Why Do Ferries Run Late? A Harbour Guide');
  });

  it('the stated title when the h1 is a menu heading, the site\'s logo or a slogan', () => {
    const head = '<title>Council approves budget | Harbour Gazette</title><meta property="og:site_name" content="Harbour Gazette">';
    expect(metadataOf(head, { before: '<nav><h1>Sections</h1></nav>' }).title).toBe('Council approves budget');
    expect(metadataOf(head, { before: '<header><h1>Harbour Gazette</h1></header>' }).title).toBe('Council approves budget');
    expect(metadataOf(head, { before: '<h1>Your news, every morning</h1>' }).title).toBe('Council approves budget');
    expect(metadataOf('<title>Council approves budget</title>', { before: '<nav><h1>Menu</h1></nav>' }).title).toBe('Council approves budget');
  });

  it('the second h1 when the first is the site\'s name', () => {
    const head = '<meta property="og:title" content="Why ferries run late"><meta property="og:site_name" content="Harbour Notes">';
    expect(metadataOf(head, { before: '<h1>Harbour Notes</h1><h1>Why ferries run late</h1>' }).title).toBe('Why ferries run late');
  });

  it('an h1 that is the last part of the stated title names the site', () => {
    const head = '<title>Defining Shared Behavior with Traits - The Harbour Book</title>';
    expect(metadataOf(head, { before: '<h1>The Harbour Book</h1>' }).title).toBe('Defining Shared Behavior with Traits');
  });

  it('an h1 that is the last part of the stated title is the headline when its link is the page itself ("Site | Headline")', () => {
    const head = '<title>The Morning Ledger | Harbour plan approved</title><link rel="canonical" href="https://example.org/news/harbour-plan">';
    // A post's permalink (rel=bookmark), or a link to the page's own address, relative or absolute.
    for (const before of [
      '<h1><a href="/?p=123" rel="bookmark">Harbour plan approved</a></h1>',
      '<h1><a href="/news/harbour-plan">Harbour plan approved</a></h1>',
      '<a href="https://example.org/news/harbour-plan#top"><h1>Harbour plan approved</h1></a>',
    ]) {
      expect(metadataOf(head, { before }).title, before).toBe('Harbour plan approved');
    }
    // A logo's h1 links home: the site's name, as an h1 without a link is taken to be.
    for (const before of ['<h1><a href="/">The Harbour Book</a></h1>', '<h1><a href="" rel="home">The Harbour Book</a></h1>']) {
      expect(metadataOf('<title>Defining Shared Behavior with Traits - The Harbour Book</title><link rel="canonical" href="https://example.org/book/traits">', { before }).title).toBe(
        'Defining Shared Behavior with Traits',
      );
    }
  });


  it('an h1 without a link that is the last part of the stated title, longer than the parts before it, is the headline ("Section - Headline")', () => {
    // A section's label before the headline: a forum's, a news section's, a date. The h1 links nowhere.
    for (const [head, headline] of [
      ['<title>r/harbours - Why do ferries always run late on Sundays?</title>', 'Why do ferries always run late on Sundays?'],
      ['<title>News - Council approves the harbour budget</title>', 'Council approves the harbour budget'],
      ['<meta property="og:title" content="08.11.2021 | Open day at the harbour museum">', 'Open day at the harbour museum'],
    ]) {
      expect(metadataOf(head!, { before: `<h1>${headline}</h1>` }).title, head).toBe(headline);
    }
    // A book's or a site's name as long as the page's title or shorter stays the site's name (the h1 above: "The Harbour
    // Book"); so does a logo's h1 that links home, however long, and one above an h1 that is the page's title.
    expect(metadataOf('<title>Ferry Timetables Explained - The Harbour Book</title>', { before: '<h1>The Harbour Book</h1>' }).title).toBe('Ferry Timetables Explained');
    const longName = '<title>Ferries | Notes from the harbour, the quay and the sea</title>';
    expect(metadataOf(longName, { before: '<h1><a href="/">Notes from the harbour, the quay and the sea</a></h1>' }).title).toBe('Ferries');
    expect(metadataOf(longName, { before: '<h1>Notes from the harbour, the quay and the sea</h1><h1>Ferries</h1>' }).title).toBe('Ferries');
  });

  it('of two h1s that are parts of the stated title, the section label before the headline is not the title', () => {
    const head = '<title>Harbour Office - Press releases - Council approves the harbour budget</title><meta property="og:site_name" content="Harbour Office">';
    expect(metadataOf(head, { before: '<h1>Press releases</h1><h1>Council approves the harbour budget</h1>' }).title).toBe('Council approves the harbour budget');
    // The same with the headline stated by og:title and the section in <title>.
    const split = '<meta property="og:title" content="Council approves the harbour budget"><title>News - Harbour Office</title>';
    expect(metadataOf(split, { before: '<h1>News</h1><h1>Council approves the harbour budget</h1>' }).title).toBe('Council approves the harbour budget');
  });
  it('a last part of the stated title is the headline when another part names the site ("Section - Site - Headline")', () => {
    const head = '<title>News - The Harbour Gazette - Council approves budget</title><meta property="og:site_name" content="The Harbour Gazette">';
    expect(metadataOf(head, { before: '<h1>Council approves budget</h1>' }).title).toBe('Council approves budget');
  });

  it("a stated title that is only the site's name is not an article's title: its headline is", () => {
    const site = '<meta property="og:site_name" content="The Harbour Gazette">';
    for (const says of ['<meta property="og:type" content="article">', '<script type="application/ld+json">{"@type": "NewsArticle"}</script>']) {
      expect(metadataOf(`<title>The Harbour Gazette</title>${site}${says}`, { before: '<h1>Council approves budget</h1>' }).title).toBe('Council approves budget');
    }
    // A page that does not say it is an article (a home page under its section heading) keeps the site's name.
    expect(metadataOf(`<title>The Harbour Gazette</title>${site}<meta property="og:type" content="website">`, { before: '<h1>Posts</h1>' }).title).toBe('The Harbour Gazette');
  });

  it('the stated title when the h1 wraps it in a date, a label or a source', () => {
    const head = '<meta property="og:title" content="Preparing a transition in the harbour">';
    expect(metadataOf(head, { before: '<h1>Dec 18 2025 Preparing a transition in the harbour</h1>' }).title).toBe('Preparing a transition in the harbour');
  });

  it('a trailing site name is cut the same way from every source: stated names and the host', () => {
    const canonical = '<link rel="canonical" href="https://www.gearshop.com/packs/trail-25">';
    expect(metadataOf(`${canonical}<title>Trail 25 Pack | Gearshop</title>`).title).toBe('Trail 25 Pack');
    expect(metadataOf(`${canonical}<meta property="og:title" content="Trail 25 Pack — Gearshop.com">`).title).toBe('Trail 25 Pack');
    expect(metadataOf('<title>Trail 25 Pack - The Gear Shop</title><meta property="og:site_name" content="Gear Shop">').title).toBe('Trail 25 Pack');
  });

  it('a leading site name stays: it is what the site calls its page', () => {
    const canonical = '<link rel="canonical" href="https://www.gearshop.com/">';
    expect(metadataOf(`${canonical}<title>Gearshop | Packs and Tents for Every Trail</title>`).title).toBe('Gearshop | Packs and Tents for Every Trail');
    expect(metadataOf(`${canonical}<title>Gearshop Packs | Light Packs for Long Days | Gearshop</title>`).title).toBe('Gearshop Packs | Light Packs for Long Days');
    // Chrome before the headline still goes.
    expect(metadataOf(`${canonical}<title>Gearshop Forum • View topic - Which pack for the Alps?</title>`).title).toBe('Which pack for the Alps?');
  });

  it("a forum's navigation and a part without a letter are not the title", () => {
    expect(metadataOf('<title>Harbour Forum • View topic - Ferry season is back!</title>').title).toBe('Ferry season is back!');
    expect(metadataOf('<title>15 - Tutorial: Sweep and Loft</title>').title).toBe('Tutorial: Sweep and Loft');
  });

  it("a part written as a host name names the site, and WordPress's \"Blog Archive\" is navigation", () => {
    // Before: "Ferry fares | harbournotes.de", "Harbournotes.de » Blog Archiv » Ferry fares rise again" (no address, no site name stated).
    expect(metadataOf('<title>Ferry fares | harbournotes.de</title>').title).toBe('Ferry fares');
    // A leading one stays, as a leading site's name does: it is what the site calls its page.
    expect(metadataOf('<title>harbournotes.de | Ferry fares</title>').title).toBe('harbournotes.de | Ferry fares');
    expect(metadataOf('<title>Ferry fares rise again - harbour-notes.co.uk</title>').title).toBe('Ferry fares rise again');
    expect(metadataOf('<title>Harbournotes.de » Blog Archiv » Ferry fares rise again</title>').title).toBe('Ferry fares rise again');
    expect(metadataOf('<title>Harbour Notes » Blog Archive » Ferry fares rise again</title>').title).toBe('Ferry fares rise again');
    // The blog's name before the label is the site's: its logo's h1 is not the post's title (before: "Harbour Notes").
    expect(metadataOf('<title>Harbour Notes » Blog Archive » Ferry fares rise again</title>', { before: '<h1>Harbour Notes</h1>' }).title).toBe('Ferry fares rise again');
    // Names of software written with a dot are no host names.
    expect(metadataOf('<title>Node.js | Run JavaScript everywhere</title>').title).toBe('Node.js | Run JavaScript everywhere');
    expect(metadataOf('<title>ASP.NET | Web apps with .NET</title>').title).toBe('ASP.NET | Web apps with .NET');
  });

  it('a longer h1 of which the stated title is a short form is the title', () => {
    const head = '<meta property="og:title" content="Plumbing Maintenance Tips: 11 Best Practices">';
    expect(metadataOf(head, { before: '<h1>Plumbing Maintenance Tips: 11 Best Practices to Prevent Leaks at Home</h1>' }).title).toBe('Plumbing Maintenance Tips: 11 Best Practices to Prevent Leaks at Home');
    expect(metadataOf(head, { before: '<h1>Plumbing Maintenance Tips: 11 Best Practices Posted on July 1, 2024 by admin</h1>' }).title).toBe('Plumbing Maintenance Tips: 11 Best Practices');
  });

  it('the stated spelling of the h1\'s words; an h1 without its number or the site\'s name', () => {
    const head = '<meta property="og:title" content="House Renovation Costs: A Breakdown for Owners & Investors">';
    expect(metadataOf(head, { before: '<h1>House renovation costs: a breakdown for owners and investors</h1>' }).title).toBe('House Renovation Costs: A Breakdown for Owners & Investors');
    expect(metadataOf('<title>Sweep and Loft</title>', { before: '<h1>15 - Sweep and Loft</h1>' }).title).toBe('Sweep and Loft');
  });

  it("a collection's h1 names it, where its stated title is written for search results", () => {
    // A shop's category (JSON-LD CollectionPage, ItemList, OfferCatalog; Shopify's og:type product.group), a search's results.
    const stated = '<title>Buy Ferry Tickets Online at Harbour Shop</title>';
    for (const says of [
      jsonLd({ '@type': 'CollectionPage', name: 'Ferry Tickets' }),
      jsonLd({ '@type': 'ItemList', itemListElement: [] }),
      '<meta property="og:type" content="product.group">',
      jsonLd({ '@type': 'SearchResultsPage' }),
    ]) {
      expect(metadataOf(`${stated}${says}`, { before: '<h1>All Passes</h1>' }).title, says).toBe('All Passes');
    }
    // An h1 that agrees with the stated title or holds it with a label stays as before.
    expect(metadataOf(`<title>Ferry Passes | Soft &amp; Durable</title>${jsonLd({ '@type': 'CollectionPage' })}`, { before: '<h1>Ferry Passes</h1>' }).title).toBe('Ferry Passes');
    // A page that does not say it is a collection, or an article with a list in it, keeps its stated title.
    expect(metadataOf(stated, { before: '<h1>All Passes</h1>' }).title).toBe('Buy Ferry Tickets Online at Harbour Shop');
    const listInStory = jsonLd({ '@context': 'https://schema.org', '@graph': [{ '@type': 'NewsArticle', headline: 'Buy Ferry Tickets Online at Harbour Shop' }, { '@type': 'ItemList' }] });
    expect(metadataOf(`${stated}${listInStory}`, { before: '<h1>All Passes</h1>' }).title).toBe('Buy Ferry Tickets Online at Harbour Shop');
  });

  it("a home page's h1 is its headline, where its stated title is the site's name with a slogan", () => {
    const home = '<link rel="canonical" href="https://www.harbourferries.com/"><title>Harbour Ferries | Crossings for everyone</title>';
    expect(metadataOf(home, { before: '<h1>Your fastest way across the harbour</h1>' }).title).toBe('Your fastest way across the harbour');
    expect(metadataOf('<link rel="canonical" href="https://harbour.example"><title>Harbour - The ferry app</title>', { before: '<h1>Cross the harbour in minutes</h1>' }).title).toBe('Cross the harbour in minutes');
    // An h1 that greets the reader, names the site, is chrome or agrees with the stated title: as before.
    for (const [h1, title] of [
      ['Welcome!', 'Harbour Ferries | Crossings for everyone'],
      ['Herzlich willkommen', 'Harbour Ferries | Crossings for everyone'],
      ['Harbour Ferries', 'Harbour Ferries | Crossings for everyone'],
      ['Menu', 'Harbour Ferries | Crossings for everyone'],
      ['Crossings for everyone, every day', 'Crossings for everyone, every day'],
    ]) {
      expect(metadataOf(home, { before: `<h1>${h1}</h1>` }).title, h1).toBe(title);
    }
    // A page under the root, or the root with a query (a search), keeps its stated title.
    for (const url of ['https://www.harbourferries.com/about', 'https://www.harbourferries.com/?q=ferries']) {
      const head = `<link rel="canonical" href="${url}"><title>Harbour Ferries | Crossings for everyone</title>`;
      expect(metadataOf(head, { before: '<h1>Your fastest way across the harbour</h1>' }).title, url).toBe('Harbour Ferries | Crossings for everyone');
    }
  });

  it("an h1 whose words the address's slug spells is the headline, where the stated title was rewritten for search results", () => {
    const canonical = (path: string) => `<link rel="canonical" href="https://harbour.example${path}">`;
    const stated = '<title>Ferry Passes: Definition, Best Routes in 2025, and More! | Harbour</title>';
    const h1 = '<h1>Everything You Need to Know About Harbour Ferry Passes</h1>';
    expect(metadataOf(`${canonical('/guides/everything-you-need-to-know-about-ferry-passes/')}${stated}`, { before: h1 }).title).toBe('Everything You Need to Know About Harbour Ferry Passes');
    expect(metadataOf(`${canonical('/guides/know-about-harbour-ferry-passes.html')}${stated}`, { before: h1 }).title).toBe('Everything You Need to Know About Harbour Ferry Passes');
    // A slug the stated title spells too, a short slug (a topic), a slug of words the h1 lacks, or no address: the stated title.
    for (const path of ['/guides/ferry-passes-best-routes-2025/', '/guides/ferry-passes/', '/guides/how-to-buy-a-ferry-pass/']) {
      expect(metadataOf(`${canonical(path)}${stated}`, { before: h1 }).title, path).toBe('Ferry Passes: Definition, Best Routes in 2025, and More!');
    }
    expect(metadataOf(stated, { before: h1 }).title).toBe('Ferry Passes: Definition, Best Routes in 2025, and More! | Harbour');
  });

  it('no h1 agrees: og:title and <title> saying the same outweigh a JSON-LD headline worded otherwise', () => {
    const ld = jsonLd({ '@type': 'Article', headline: 'Ferry Ticket Cost' });
    const stated = '<meta property="og:title" content="Average Harbour Ferry Fares"><title>Average Harbour Ferry Fares</title>';
    // Before: "Ferry Ticket Cost".
    expect(metadataOf(`${ld}${stated}`, { before: '<h1>How Much Does a Ferry Ticket Cost?</h1>' }).title).toBe('Average Harbour Ferry Fares');
    // The headline held in the others (a section's label, the site's name around it), or the others disagreeing: the headline.
    const labelled = '<meta property="og:title" content="News - Ferry Ticket Cost"><title>News - Ferry Ticket Cost</title>';
    expect(metadataOf(`${ld}${labelled}`).title).toBe('Ferry Ticket Cost');
    const disagree = '<meta property="og:title" content="Average Harbour Ferry Fares"><title>Ferry Fares in 2025</title>';
    expect(metadataOf(`${ld}${disagree}`).title).toBe('Ferry Ticket Cost');
  });

  it('a permalink mark after a heading is not part of the title', () => {
    expect(metadataOf('<title>ORM Quick Start — HarbourDB 2.0 Documentation</title>', { before: '<h1>HarbourDB 2.0 Documentation</h1><h1>ORM Quick Start¶</h1>' }).title).toBe('ORM Quick Start');
  });
});

describe('the byline: a name, never a handle (issue 16)', () => {
  it("microdata states the post's author, in a crawler view inside <noscript> too; a reply's author is not the byline", () => {
    const thread = (first: string): string =>
      `<noscript><div itemscope itemtype="http://schema.org/DiscussionForumPosting">${first}` +
      '<div itemprop="comment" itemscope itemtype="http://schema.org/Comment"><span itemprop="author" itemscope itemtype="http://schema.org/Person"><span itemprop="name">ferry_fan</span></span></div></div></noscript>';
    const poster = '<span class="creator" itemprop="author" itemscope itemtype="http://schema.org/Person"><a itemprop="url" href="/u/harbourmaster42"><span itemprop="name">harbourmaster42</span></a></span>';
    expect(metadataOf('', { before: thread(poster) }).byline).toBe('harbourmaster42');
    expect(metadataOf('', { before: thread('<span itemprop="author" itemscope itemtype="http://schema.org/Person"><meta itemprop="name" content="Jane Doe"></span>') }).byline).toBe('Jane Doe');
    // Only replies: no byline.
    expect(metadataOf('', { before: thread('') }).byline).toBeNull();
  });

  it('a Twitter handle or a profile URL is no byline; a name in another source is', () => {
    expect(metadataOf('<meta name="twitter:creator" content="@github">').byline).toBeNull();
    expect(metadataOf('<meta name="twitter:creator" content="@https://twitter.com/github">').byline).toBeNull();
    expect(metadataOf('<meta name="article:author" content="https://www.facebook.com/janedoe"><meta name="twitter:creator" content="@jane">').byline).toBeNull();
    expect(metadataOf('<meta name="twitter:creator" content="@jane"><meta name="author" content="Jane Doe">').byline).toBe('Jane Doe');
  });

  it("a CMS's default account or a form's label for a name is no byline; the name another source states is", () => {
    for (const account of ['admin', 'Administrator', 'Super User', 'Webmaster', 'Unknown']) {
      expect(metadataOf(`<meta name="author" content="${account}">`).byline, account).toBeNull();
      expect(metadataOf(`<meta name="author" content="${account}">`, { before: '<span itemprop="author">Jane Doe</span>' }).byline, account).toBe('Jane Doe');
    }
    // Blogger's "Posted by" in German and French, before its default "Unknown"; a WordPress comment form's "Name *".
    expect(metadataOf('', { before: '<span class="post-author">Eingestellt von Unknown</span>' }).byline).toBeNull();
    expect(metadataOf('', { before: '<span class="post-author">Publié par Marie Curie</span>' }).byline).toBe('Marie Curie');
    expect(metadataOf('', { after: '<form><p class="comment-form-author"><label for="author">Name</label> <span class="required">*</span><input id="author"></p></form>' }).byline).toBeNull();
    // An editorial team is a byline.
    expect(metadataOf('<meta name="author" content="Redaktion">').byline).toBe('Redaktion');
  });

  it("a byline's or a dateline's label without its value is no byline: the name after it is", () => {
    // Before: "publisher", "Auteurs", "Datum".
    expect(metadataOf('<meta name="author" content="publisher">').byline).toBeNull();
    expect(metadataOf('', { before: '<div class="authors"><span class="author">Auteurs</span><span class="author">Par Marie Curie</span></div>' }).byline).toBe('Marie Curie');
    expect(metadataOf('', { before: '<div class="author">Datum:</div><div class="author">Autor:</div><div class="author">Quelle:</div>' }).byline).toBeNull();
  });

  it("a commenter is no byline: a comment thread's author classes and a recent-comments widget's, wherever they stand", () => {
    const widget = '<aside><h4>Neue Kommentare</h4><ul id="recentcomments"><li class="recentcomments"><span class="comment-author-link">Peter Ulmer</span> bei <a href="/?p=1#comment-2">Ferry times</a></li></ul></aside>';
    const thread = '<ol class="comment-list"><li><div class="comment-author vcard"><cite class="fn">Ferry Fan</cite> <span class="says">sagt:</span></div><p>Great story.</p></li></ol>';
    expect(metadataOf('', { before: widget }).byline).toBeNull();
    expect(metadataOf('', { after: thread }).byline).toBeNull();
    // The page's own byline still is one, with the comments around it, and on a page whose <body> says it shows comments.
    expect(metadataOf('', { before: `${widget}<span class="author">Jane Doe</span>`, after: thread }).byline).toBe('Jane Doe');
    const showing = `<!DOCTYPE html><html><head></head><body class="single showing-comments"><span class="author">Jane Doe</span>${PARAGRAPHS.map((p) => `<p>${p}</p>`).join('')}</body></html>`;
    expect(cleanText(showing).byline).toBe('Jane Doe');
  });

  it('byline boxes that hold no name are skipped: a bare "By", an e-mail address, a date, an affiliation', () => {
    const boxes = ['By', 'news@harbour.example', 'August 28, 2025 • 5 min read', ', HARBOUR TODAY', 'By Jane Doe'];
    expect(metadataOf('', { before: boxes.map((b) => `<span class="byline">${b}</span>`).join('') }).byline).toBe('Jane Doe');
  });

  it('the name before a date in a byline box, and the date', () => {
    expect(metadataOf('', { before: '<p class="byline">By Sofia Gonzalez December 2, 2025</p>' })).toMatchObject({ byline: 'Sofia Gonzalez', publishedAt: '2025-12-02' });
    expect(metadataOf('', { before: '<p class="author">Posted by Colin Watson on 2025-12-18</p>' }).byline).toBe('Colin Watson');
  });

  it('the article\'s author in a graph whose web page node comes first, through an @id reference', () => {
    const head = jsonLd({
      '@context': 'https://schema.org',
      '@graph': [
        { '@type': 'WebPage', '@id': 'https://x.example/p#page', name: 'Ferry', datePublished: '2024-02-19T08:00:00+00:00' },
        { '@type': 'BlogPosting', headline: 'Ferry', author: { '@id': 'https://x.example/#/person/1' } },
        { '@type': 'Person', '@id': 'https://x.example/#/person/1', name: 'Jane Doe' },
      ],
    });
    expect(metadataOf(head)).toMatchObject({ byline: 'Jane Doe', publishedAt: '2024-02-19T08:00:00+00:00' });
  });

  it('a forum thread: the first poster and the first post\'s date (QAPage, DiscussionForumPosting)', () => {
    const question = jsonLd({ '@type': 'QAPage', mainEntity: { '@type': 'Question', name: 'Why is the ferry late?', author: { '@type': 'Person', name: 'sorairolake' }, dateCreated: '2024-05-02T10:00:00Z', suggestedAnswer: [{ '@type': 'Answer', author: { name: 'sid.m' } }] } });
    expect(metadataOf(question)).toMatchObject({ byline: 'sorairolake', publishedAt: '2024-05-02T10:00:00Z' });
    const posting = jsonLd([{ '@type': 'WebPage', publisher: { '@type': 'Organization', name: 'Harbour Forum' } }, { '@type': 'DiscussionForumPosting', headline: 'Ferry times', author: { '@type': 'Person', name: 'khixxx' }, datePublished: '2024-05-01' }]);
    expect(metadataOf(posting)).toMatchObject({ byline: 'khixxx', publishedAt: '2024-05-01' });
  });

  it('the author of a product or a book on sale is not the page\'s byline', () => {
    expect(metadataOf(jsonLd({ '@type': 'Product', name: 'Harbour Guide', author: { name: 'Jane Doe' }, brand: { name: 'Gearshop' } })).byline).toBeNull();
  });

  it('several authors read as a byline, with the conjunction of the page\'s language', () => {
    const authors = (...names: string[]) => jsonLd({ '@type': 'NewsArticle', headline: 'H', author: names.map((name) => ({ name })) });
    expect(metadataOf(authors('Jane Doe', 'John Roe')).byline).toBe('Jane Doe and John Roe');
    expect(metadataOf(authors('Jane Doe', 'John Roe', 'Ann Poe')).byline).toBe('Jane Doe, John Roe and Ann Poe');
    expect(metadataOf(authors('Jana Meier', 'Jonas Roth'), { lang: 'de' }).byline).toBe('Jana Meier und Jonas Roth');
    expect(metadataOf(authors('Jana Meier', 'Jonas Roth'), { lang: 'fi' }).byline).toBe('Jana Meier, Jonas Roth');
  });

  it("a journal's author tags, one for each author, read as a byline of them all", () => {
    const tags = (key: string, ...names: string[]) => names.map((name) => `<meta name="${key}" content="${name}">`).join('');
    // Before: the first name alone ("Jane Doe", "Doe, Jane").
    expect(metadataOf(tags('citation_author', 'Jane Doe', 'John Roe', 'Ann Poe')).byline).toBe('Jane Doe, John Roe and Ann Poe');
    expect(metadataOf(tags('citation_author', 'Doe, Jane', 'Roe, John A.')).byline).toBe('Jane Doe and John A. Roe');
    expect(metadataOf(`<meta name="dc.creator" content="Jane Doe">${tags('citation_authors', 'Jane Doe', 'John Roe')}`).byline).toBe('Jane Doe and John Roe');
    // A name and a degree is no "Last, First"; another author stated first keeps the byline.
    expect(metadataOf(tags('citation_author', 'Jane Doe, Ph.D.', 'John Roe')).byline).toBe('Jane Doe, Ph.D. and John Roe');
    expect(metadataOf(`<meta name="author" content="Ann Poe">${tags('citation_author', 'Jane Doe', 'John Roe')}`).byline).toBe('Ann Poe');
  });
});

describe('description, modifiedAt, tags and image (issue 16)', () => {
  it('are null (and no tags) when the page states none', () => {
    expect(moreMetadataOf('')).toEqual({ modifiedAt: null, description: null, image: null, tags: [] });
  });

  it('from OpenGraph and meta tags: every article:tag, the image resolved against the page\'s URL', () => {
    const head = [
      '<link rel="canonical" href="https://news.example/2024/budget">',
      '<meta name="description" content="The council passed the budget after a long night.">',
      '<meta property="article:modified_time" content="2024-02-20T09:00:00+01:00">',
      '<meta property="article:tag" content="Council"><meta property="article:tag" content="Budget"><meta property="article:tag" content="council">',
      '<meta property="og:image" content="/images/council.jpg">',
      '<meta name="keywords" content="ignored, when, tags, exist">',
    ].join('');
    expect(moreMetadataOf(head)).toEqual({
      modifiedAt: '2024-02-20T09:00:00+01:00',
      description: 'The council passed the budget after a long night.',
      image: 'https://news.example/images/council.jpg',
      tags: ['Council', 'Budget'],
    });
  });

  it('from JSON-LD: description, dateModified, keywords (a list or a string), an ImageObject', () => {
    const head = jsonLd({
      '@type': 'NewsArticle',
      headline: 'H',
      description: 'The council &amp; the budget.',
      dateModified: '2024-02-21',
      keywords: ['council', 'budget', 'council'],
      image: { '@type': 'ImageObject', url: 'https://news.example/lead.jpg' },
    });
    expect(moreMetadataOf(head)).toEqual({ modifiedAt: '2024-02-21', description: 'The council & the budget.', image: 'https://news.example/lead.jpg', tags: ['council', 'budget'] });
    expect(moreMetadataOf(jsonLd({ '@type': 'Article', headline: 'H', keywords: 'ferry, harbour;  timetable ' })).tags).toEqual(['ferry', 'harbour', 'timetable']);
  });

  it('an image that is no http(s) URL is no image; a relative one without a page URL is none either', () => {
    expect(moreMetadataOf('<meta property="og:image" content="data:image/png;base64,AAAA">').image).toBeNull();
    expect(moreMetadataOf('<meta property="og:image" content="javascript:alert(1)">').image).toBeNull();
    expect(moreMetadataOf('<meta property="og:image" content="/lead.jpg">').image).toBeNull();
  });

  it(`tags are bounded: at most ${METADATA_LIMITS.tags}, each at most ${METADATA_LIMITS.tagChars} characters`, () => {
    const keywords = [...Array.from({ length: 30_000 }, (_, i) => `tag${i}`), 'x'.repeat(METADATA_LIMITS.tagChars + 1)].join(',');
    const { tags } = moreMetadataOf(`<meta name="keywords" content="${keywords}">`);
    expect(tags).toHaveLength(METADATA_LIMITS.tags);
    const head = Array.from({ length: 1000 }, (_, i) => `<meta property="article:tag" content="t${i}">`).join('');
    expect(moreMetadataOf(head).tags).toHaveLength(METADATA_LIMITS.tags);
  });
});

describe('the dateline and byline written near the headline (issue 16)', () => {
  const body = (around: string) => `<main><article><h1>Council approves budget</h1>${around}${PARAGRAPHS.map((p) => `<p>${p}</p>`).join('')}</article></main>`;
  const doc = (head: string, around: string) => cleanText(page({ head: `<title>Council approves budget</title>${head}`, body: body(around) }));

  it('a page whose markup states neither: the date and the name shown under the headline', () => {
    expect(doc('', '<div>By Sofia Gonzalez December 2, 2025</div>')).toMatchObject({ byline: 'Sofia Gonzalez', publishedAt: '2025-12-02' });
    expect(doc('', '<div>Aug 04, 2025</div><p>Written by</p><p>Edzel Tabing</p>')).toMatchObject({ byline: 'Edzel Tabing', publishedAt: '2025-08-04' });
  });

  it("the publication's date after the update's in the same dateline (it was none)", () => {
    expect(doc('', '<div>Updated March 5, 2024, published March 3, 2024</div>')).toMatchObject({ publishedAt: '2024-03-03', modifiedAt: '2024-03-05' });
    expect(doc('', '<div>Updated: March 5, 2024 | Published: March 3, 2024</div>')).toMatchObject({ publishedAt: '2024-03-03', modifiedAt: '2024-03-05' });
    // Two updates' dates are no publication's.
    expect(doc('', '<div>Updated March 5, 2024, last modified March 6, 2024</div>')).toMatchObject({ publishedAt: null, modifiedAt: '2024-03-05' });
    // The other order, one dateline (the update's date was not read).
    expect(doc('', '<div>Published March 3, 2024 · Updated March 5, 2024</div>')).toMatchObject({ publishedAt: '2024-03-03', modifiedAt: '2024-03-05' });
    expect(doc('', '<div>Published 3 March 2024 | Last updated 5 March 2024</div>')).toMatchObject({ publishedAt: '2024-03-03', modifiedAt: '2024-03-05' });
  });

  it('a dateline whose byline is one of its parts, after a separator: the name', () => {
    expect(doc('', '<div>March 15, 2022 · 3 min read · By Harbour Online</div>')).toMatchObject({ byline: 'Harbour Online', publishedAt: '2022-03-15' });
    expect(doc('', '<div>Ferries | Por: Juan Diego | 19 abril 2022</div>').byline).toBe('Juan Diego');
    // A part that is no name (a sentence after "by") is none.
    expect(doc('', '<div>March 15, 2022 · by the harbour office</div>').byline).toBeNull();
  });

  it('the date shown with the headline before an older stated datePublished; the stated one when it is that day', () => {
    const stated = jsonLd({ '@type': 'Article', headline: 'Council approves budget', datePublished: '2019-08-14T13:00:00Z', dateModified: '2025-09-17T08:00:00Z' });
    expect(doc(stated, '<div>September 17, 2025</div>').publishedAt).toBe('2025-09-17T08:00:00Z');
    expect(doc(stated, '<div>March 3, 2024</div>').publishedAt).toBe('2024-03-03');
    expect(doc(stated, '').publishedAt).toBe('2019-08-14T13:00:00Z');
  });

  it('the stated date shown among the dates near the headline, after another (a caption\'s, an event\'s): the stated one', () => {
    const stated = jsonLd({ '@type': 'Article', headline: 'Council approves budget', datePublished: '2024-03-14T09:00:00Z' });
    const shown = '<p>The ferry at the north quay on March 3, 2024.</p><div>March 14, 2024</div>';
    expect(doc(stated, shown).publishedAt).toBe('2024-03-14T09:00:00Z');
    // Not shown: the first date near the headline, as before.
    expect(doc(stated, '<p>The ferry at the north quay on March 3, 2024.</p>').publishedAt).toBe('2024-03-03');
    // Shown as its day in UTC, of another year than the stated one's (the blocks after the first date are read only where
    // they write a year the stated day may be shown with).
    const lateInTheYear = jsonLd({ '@type': 'Article', headline: 'Council approves budget', datePublished: '2024-12-31T22:00:00-05:00' });
    expect(doc(lateInTheYear, '<p>The ferry at the north quay on March 3, 2024.</p><div>January 1, 2025</div>').publishedAt).toBe('2024-12-31T22:00:00-05:00');
    expect(doc(lateInTheYear, '<p>The ferry at the north quay on March 3, 2024.</p><div>January 2, 2025</div>').publishedAt).toBe('2024-03-03');
  });

  it('an update\'s date is not the publication date: it is modifiedAt when the markup states none', () => {
    const stated = jsonLd({ '@type': 'Article', headline: 'Council approves budget', datePublished: '2024-08-01T16:53:14Z' });
    expect(doc(stated, '<p>Updated on November 18, 2025</p>')).toMatchObject({ publishedAt: '2024-08-01T16:53:14Z', modifiedAt: '2025-11-18' });
    expect(doc('', '<div>6.5K views · 5 replies · last post by nwberm Jun 5, 2024</div>').publishedAt).toBeNull();
  });

  it("a page that neither states nor shows its publication is dated by its update, when the markup states the update shown", () => {
    const modified = jsonLd({ '@type': 'Article', headline: 'Council approves budget', dateModified: '2025-07-09 11:50:26' });
    expect(doc(modified, '<div>Updated on July 9, 2025</div>')).toMatchObject({ publishedAt: '2025-07-09T11:50:26', modifiedAt: '2025-07-09T11:50:26' });
    // Another day shown, none shown, or an update shown that the markup does not state: no publication date.
    expect(doc(modified, '<div>Updated on March 3, 2025</div>').publishedAt).toBeNull();
    expect(doc(modified, '').publishedAt).toBeNull();
    expect(doc('', '<div>Updated on July 9, 2025</div>').publishedAt).toBeNull();
    // A publication date stated or shown stays the date.
    expect(doc(modified, '<div>March 3, 2024</div><div>Updated on July 9, 2025</div>').publishedAt).toBe('2024-03-03');
  });

  it('the date shown and an update\'s shown after it: modifiedAt is the stated one when the markup states it, else the update shown', () => {
    const stated = jsonLd({ '@type': 'Article', headline: 'Council approves budget', dateModified: '2025-01-10T08:00:00Z' });
    const shown = '<div>March 3, 2024</div><p>Updated on November 18, 2025</p>';
    expect(doc(stated, shown)).toMatchObject({ publishedAt: '2024-03-03', modifiedAt: '2025-01-10T08:00:00Z' });
    expect(doc('', shown)).toMatchObject({ publishedAt: '2024-03-03', modifiedAt: '2025-11-18' });
  });

  it("a forum member's profile beside the post dates the member, not the page: the post's dateline does", () => {
    // The label in the dateline's block, or alone in the block before it (phpBB, XenForo, vBulletin; NationStates).
    for (const profile of ['<div>Posts: 4032</div><div>Founded: Dec 11, 2021</div>', '<dl><dt>Joined</dt><dd>Nov 4, 2011</dd></dl>', '<div>Member since: March 2, 2015</div>', '<p>Mitglied seit: 02.03.2015</p>']) {
      expect(doc('', `${profile}<div>by harbourfan » Tue Aug 27, 2019 1:47 am</div>`).publishedAt, profile).toBe('2019-08-27T01:47');
    }
    // A block before the date that says more than the label is no profile's label.
    expect(doc('', '<p>How the harbour club was founded</p><div>August 27, 2019</div>').publishedAt).toBe('2019-08-27');
  });

  it("a stated time with an offset is the day shown when the page shows its day in UTC", () => {
    // The server writes the date it shows in UTC; the markup states the local time, the same instant.
    const stated = jsonLd({ '@type': 'DiscussionForumPosting', headline: 'Council approves budget', datePublished: '2024-06-02T20:22:24-04:00' });
    expect(doc(stated, '<div>#1 · Jun 3, 2024</div>').publishedAt).toBe('2024-06-02T20:22:24-04:00');
    // Another day shown is the date shown, as before; a stated time without an offset is no instant.
    expect(doc(stated, '<div>#1 · Jun 4, 2024</div>').publishedAt).toBe('2024-06-04');
    const local = jsonLd({ '@type': 'DiscussionForumPosting', headline: 'Council approves budget', datePublished: '2024-06-02T20:22:24' });
    expect(doc(local, '<div>#1 · Jun 3, 2024</div>').publishedAt).toBe('2024-06-03');
  });

  it("the dateline under a headline whose stated title carries a site's name the page does not state", () => {
    // No h1, no og:site_name: "Harbour Talk" is not known to be the site's name, and the text shows the title without it.
    const html = page({
      head: '<title>Ask the harbour: what are your plans for 2024? | Harbour Talk</title>',
      body: `<table><tr><td><a href="/item?id=1">Ask the harbour: what are your plans for 2024?</a></td></tr><tr><td>89 points by jdoe on Dec 26, 2023 | 137 comments</td></tr></table>${PARAGRAPHS.map((p) => `<p>${p}</p>`).join('')}`,
    });
    expect(cleanText(html).publishedAt).toBe('2023-12-26');
  });

  it("a link aggregator's byline: the poster's user name after the story's score", () => {
    const html = page({
      head: '<title>Ask the harbour: what are your plans for 2024? | Harbour Talk</title>',
      body: `<table><tr><td><a href="/item?id=1">Ask the harbour: what are your plans for 2024?</a></td></tr><tr><td>89 points by jdoe_42 on Dec 26, 2023 | hide | 137 comments</td></tr></table>${PARAGRAPHS.map((p) => `<p>${p}</p>`).join('')}`,
    });
    expect(cleanText(html)).toMatchObject({ byline: 'jdoe_42', publishedAt: '2023-12-26' });
    // Without the score, a lower-case word after "by" is no name.
    expect(doc('', '<div>by the harbour master on Dec 26, 2023</div>').byline).toBeNull();
  });

  it('one author stated, several shown under the headline: the names shown; a name and a role are not a list', () => {
    const stated = jsonLd({ '@type': 'Article', headline: 'Council approves budget', author: { '@type': 'Person', name: 'Rui Ma' } });
    expect(doc(stated, '<div>Rui Ma, Heba Ledwon, Manoel Cortes Mendez &amp; Suparn Patra</div>').byline).toBe('Rui Ma, Heba Ledwon, Manoel Cortes Mendez and Suparn Patra');
    expect(doc(stated, '<div>By Rui Ma and Heba Ledwon</div>').byline).toBe('Rui Ma and Heba Ledwon');
    for (const role of ['Rui Ma, Shipping Expert', 'Rui Ma, Co-Founder and COO', 'Rui Ma, PhD']) expect(doc(stated, `<div>${role}</div>`).byline, role).toBe('Rui Ma');
  });

  it("the headline is a heading that starts with the stated title, before the logo's <h1>: a forum's clock above it is no dateline", () => {
    const html = page({
      head: '<title>Ferry times in winter - Travel - Harbourland</title><meta property="og:title" content="Ferry times in winter">',
      body:
        '<h1>Harbour Forum</h1><p>Stats: 3,313 members, 8,365 topics. Date: Thursday, 05 March 2026 at 01:16 PM</p>' +
        '<h2>Ferry times in winter - Travel - Harbour Forum</h2><p>Harbour Forum › Travel › Ferry times in winter (1031 Views)</p>' +
        `<p>Ferry times in winter by jdoe: 3:21pm On Mar 09, 2023</p>${PARAGRAPHS.map((p) => `<p>${p}</p>`).join('')}`,
    });
    expect(cleanText(html).publishedAt).toBe('2023-03-09');
  });

  it("a time stated in UTC is given in the page's own offset when a <time> of the page states the same instant so", () => {
    const stated = jsonLd({ '@type': 'DiscussionForumPosting', headline: 'Council approves budget', datePublished: '2025-12-18T23:25:38+00:00' });
    expect(doc(stated, '<div>Start date <time datetime="2025-12-19T04:25:38+0500">Yesterday at 4:25 AM</time></div>').publishedAt).toBe('2025-12-19T04:25:38+05:00');
    // Another instant (a reply's time) is not the stated one's.
    expect(doc(stated, '<div>Start date <time datetime="2025-12-19T08:55:12+0500">Yesterday at 8:55 AM</time></div>').publishedAt).toBe('2025-12-18T23:25:38+00:00');
  });

  it("the date a blog's permalink writes in its path, when the page states and shows none", () => {
    const at = (href: string) => doc(`<link rel="canonical" href="${href}">`, '').publishedAt;
    expect(at('https://harbour.example/2021/04/22/ferry-resumes/')).toBe('2021-04-22');
    expect(at('https://harbour.example/blog/2021/13/45/ferry-resumes/')).toBeNull();
    expect(at('https://harbour.example/2021/ferry-resumes/')).toBeNull();
    // A date the page states comes first.
    expect(doc('<link rel="canonical" href="https://harbour.example/2021/04/22/ferry-resumes/">', '<div>April 23, 2021</div>').publishedAt).toBe('2021-04-23');
  });

  it('a line that starts like a byline but holds no name is none', () => {
    expect(doc('', '<p>By clicking below you agree to the terms of use and the privacy policy</p>').byline).toBeNull();
  });

  it("the headline is not the site's name: a logo's <h1> before the article's does not take the search away from the byline", () => {
    const nav = Array.from({ length: 10 }, (_, i) => `<p><a href="/section-${i}">Section ${i}</a></p>`).join('');
    const html = page({
      head: '<title>Council approves budget | Harbour Gazette</title><meta property="og:site_name" content="Harbour Gazette">',
      body: `<header><h1>Harbour Gazette</h1>${nav}</header>${body('<div>By Sofia Gonzalez December 2, 2025</div>')}`,
    });
    expect(cleanText(html)).toMatchObject({ byline: 'Sofia Gonzalez', publishedAt: '2025-12-02' });
  });

  it("the headline is the title's copy before the page's first <h1>: a search box's <h1> in the menu does not take the search", () => {
    const nav = Array.from({ length: 10 }, (_, i) => `<p><a href="/section-${i}">Section ${i}</a></p>`).join('');
    const html = page({
      head: '<title>Council approves budget</title>',
      body: `<header><h1>Search</h1>${nav}</header><main><article><h1>Council approves budget</h1><ul><li>December 24, 2024</li><li>Politics, Budget</li></ul>${PARAGRAPHS.map((p) => `<p>${p}</p>`).join('')}</article></main>`,
    });
    expect(cleanText(html).publishedAt).toBe('2024-12-24');
  });

  it("JSON-LD's author the publishing organization itself: the person the page's byline names, unless that byline names the site", () => {
    const stated = jsonLd({
      '@type': 'Article',
      headline: 'Council approves budget',
      author: { '@type': 'Organization', name: 'Harbour Gazette' },
      publisher: { '@type': 'Organization', name: 'Harbour Gazette' },
    });
    const head = `${stated}<meta property="og:site_name" content="Harbour Gazette">`;
    expect(doc(head, '<div class="byline">By <a rel="author" href="/staff/jane">Jane Doe</a></div>').byline).toBe('Jane Doe');
    // A blog named after its author: the byline names the site, which stays the author (a commenter is no author).
    expect(doc(head, '<div class="byline">By Harbour Gazette</div><div class="comment-author">Ferry Fan sagt:</div>').byline).toBe('Harbour Gazette');
    // A person stated as the author keeps the place, whatever the byline elements say.
    const person = jsonLd({ '@type': 'Article', headline: 'Council approves budget', author: { '@type': 'Person', name: 'John Roe' } });
    expect(doc(person, '<div class="byline">By <a rel="author" href="/staff/jane">Jane Doe</a></div>').byline).toBe('John Roe');
  });

  it('an author box after the story says the name outright ("Written by"), wherever it stands', () => {
    const far = Array.from({ length: 12 }, (_, i) => `<p>Paragraph number ${i} of the story, long enough to be a paragraph of its own.</p>`).join('');
    expect(doc('', `${far}<div>Written by Jane Doe</div>`).byline).toBe('Jane Doe');
    expect(doc('', `${far}<div>Written by the council's own staff in a hurry last night</div>`).byline).toBeNull();
  });

  it('a byline element keeps the name alone: a weekday, a separator before the date and a forum\'s "»" are cut', () => {
    const byline = (html: string) => doc('', html).byline;
    expect(byline('<div class="byline">By Dr. Jane Doe - Mar 27, 2024</div>')).toBe('Dr. Jane Doe');
    expect(byline('<div class="byline">Posted by harbourfan on Friday December 19, 2025 @08:00PM from the ferry dept.</div>')).toBe('harbourfan');
    expect(byline('<div class="author">Post by harbourfan » Tue Aug 27, 2019 1:47 am</div>')).toBe('harbourfan');
    expect(byline('<div class="author">Jane Doe Tue, 27 Aug 2019</div>')).toBe('Jane Doe');
    // A weekday's word in a name is no date.
    expect(byline('<div class="byline">By Monica Sun</div>')).toBe('Monica Sun');
    expect(byline('<div class="byline">By Jane Friday-Smith</div>')).toBe('Jane Friday-Smith');
    // A time after "at", a day written "21." before its month, a date's label after the name or alone.
    expect(byline('<div class="byline">Posted by Jane Doe at 18:52</div>')).toBe('Jane Doe');
    expect(byline('<div class="byline">Von Jane Doe am 21. April 2020</div>')).toBe('Jane Doe');
    expect(byline('<div class="author">Jane Doe Stand: 05. Februar 2020</div>')).toBe('Jane Doe');
    expect(byline('<div class="byline">Posted on</div><div class="author">harbourfan</div>')).toBe('harbourfan');
    expect(byline('<div class="byline">Veröffentlicht am</div><div class="author">Jane Doe</div>')).toBe('Jane Doe');
    expect(byline('<div class="author">Artikel von:</div><div class="author">Jane Doe</div>')).toBe('Jane Doe');
    expect(byline('<div class="author">erstellt von Jane Doe</div>')).toBe('Jane Doe');
    // A magazine's "Text:" or "Interview:" lead; an e-mail address hidden from spam robots is no name.
    expect(byline('<div class="author">Text und Interview: Jane Doe</div>')).toBe('Jane Doe');
    expect(byline('<div class="author">Interview: Jane Doe</div>')).toBe('Jane Doe');
    expect(byline('<div class="author">jane[at]harbour.example</div>')).toBeNull();
    expect(byline('<div class="author">AFP - [email protected]</div>')).toBeNull();
    // A number before a word that is no month is no date.
    expect(byline('<div class="author">Jane Doe, 3. Klasse</div>')).toBe('Jane Doe, 3. Klasse');
    // A template's unset value is no name.
    expect(doc(jsonLd({ '@type': 'Article', headline: 'Council approves budget', author: { '@type': 'Person', name: 'undefined' } }), '').byline).toBeNull();
  });

  it("an author element's name on a line of its own: the role, the counts or a link to more on the lines after it are no part of it", () => {
    const byline = (html: string) => doc('', html).byline;
    // Before: "Jane Doe Staff Writer", "harbourfan Big Board Owner", "Jane Doe MBE Managing Director, Harbour Media".
    expect(byline('<div class="author"><a href="/authors/jane">Jane Doe</a><div class="role">Staff Writer</div></div>')).toBe('Jane Doe');
    expect(byline('<div class="post-author"><strong><a href="/user-7">Harbourfan</a></strong><br><span>Big Board Owner</span><br>Posts: 116</div>')).toBe('Harbourfan');
    expect(byline('<div class="author"><div class="name">Jane Doe MBE</div><div class="company">Managing Director, Harbour Media</div></div>')).toBe('Jane Doe MBE');
    expect(byline('<div class="byline">By<br>Jane Doe<br>Staff Writer</div>')).toBe('Jane Doe');
    // The role in an author element of its own inside the box, right under the name: before, "Staff Writer" (the inner
    // element closes first, and was read first).
    expect(byline('<div class="author"><a href="/authors/jane">Jane Doe</a><div class="author-role">Staff Writer</div></div>')).toBe('Jane Doe');
    // A first line that is no name (a user name in lower case, a label) leaves the lines read as one, as before.
    expect(byline('<div class="author">harbourfan<br>Member</div>')).toBe('harbourfan Member');
    // An element of more lines than an author box has is a region of the page, not a box: no name from its first line.
    const menu = ['Ferries', 'Timetables', 'Fares', 'Harbour', 'Moorings', 'Council', 'Weather', 'Tides', 'Fishing', 'Events', 'Contact', 'About', 'Archive', 'Photos'];
    const region = `<div class="author-area"><p>Harbour Notes</p>${menu.map((item) => `<p>${item}</p>`).join('')}</div>`;
    expect(byline(region)).toBeNull();
  });

  it('labels that name no one are no byline: "Article by" before the name, "No Author", a "Follow" button', () => {
    const byline = (head: string, html: string) => doc(head, html).byline;
    // Before: "Article by", "No Author", "Follow".
    expect(byline('', '<div class="author">Article by</div><div class="author">Jane Doe</div>')).toBe('Jane Doe');
    expect(byline('<meta name="author" content="No Author">', '')).toBeNull();
    expect(byline('', '<div class="author-follow">Follow</div>')).toBeNull();
  });

  it('a forum topic "Started by" its poster names the poster', () => {
    // Before: no byline (the lead was not read as one).
    expect(doc('', '<div>Started by Harbour Forums, June 04, 2024, 11:23:55 AM</div>')).toMatchObject({ byline: 'Harbour Forums', publishedAt: '2024-06-04T11:23' });
  });

  it('a site named as a person\'s names its author when nothing else does', () => {
    // Before: no byline.
    expect(doc('<meta property="og:site_name" content="Jane Doe\'s blog">', '').byline).toBe('Jane Doe');
    expect(cleanText(page({ head: '<title>Council approves budget | Jane Doe’s Homepage</title>', body: body('') })).byline).toBe('Jane Doe');
    // A byline the page states comes first; a single word or a phrase before "'s" is no person's name.
    expect(doc('<meta property="og:site_name" content="Jane Doe\'s blog"><meta name="author" content="John Roe">', '').byline).toBe('John Roe');
    expect(doc('<meta property="og:site_name" content="Grandma\'s blog">', '').byline).toBeNull();
    expect(doc('<meta property="og:site_name" content="the harbour\'s blog">', '').byline).toBeNull();
  });

  it("an author box's biography that starts with the name names the author when nothing else does", () => {
    // A biography runs to several sentences: longer than any name.
    const more = ' She has written about the harbour, its ferries and the fishermen of the north quay for more than ten years.';
    const box = (bio: string) => `<div class="author-box"><img alt="" src="/jane.jpg"><div class="author-bio">${bio}${more}</div></div>`;
    expect(doc('', box('Jane Doe is a reporter who covers the harbour, the ferries and the council for the paper.')).byline).toBe('Jane Doe');
    expect(doc('', box('Jane Doe ist eine Reporterin, die über den Hafen und den Stadtrat schreibt.')).byline).toBe('Jane Doe');
    // The box's name line and its biography in one element: the name once.
    expect(doc('', box('Jane Doe Jane Doe is a reporter who covers the harbour.')).byline).toBe('Jane Doe');
    // No name before the verb, or a single word (a company's "Acme is a …"): no byline.
    expect(doc('', box('Our newsroom is a team of reporters who cover the harbour and the council.')).byline).toBeNull();
    expect(doc('', box('Harbourside is a local paper that covers the harbour and the council.')).byline).toBeNull();
    // A byline the page states comes first.
    expect(doc('<meta name="author" content="John Roe">', box('Jane Doe is a reporter who covers the harbour.')).byline).toBe('John Roe');
  });

  it('a dateline that says it is the publication\'s is read wherever it stands, when nothing else dates the page', () => {
    const far = Array.from({ length: 12 }, (_, i) => `<p>Paragraph number ${i} of the story, long enough to be a paragraph of its own.</p>`).join('');
    expect(doc('', `${far}<h4>Published</h4><p>July 8, 2025</p>`).publishedAt).toBe('2025-07-08');
    expect(doc('', `${far}<p>Veröffentlicht am: 6. August 2009</p>`).publishedAt).toBe('2009-08-06');
    // The date must follow the label: "Published content overview" is no dateline.
    expect(doc('', `${far}<p>Published content overview, March 2, 2024</p>`).publishedAt).toBeNull();
    // A date stated in the markup comes first.
    expect(doc('<meta property="article:published_time" content="2024-02-19">', `${far}<p>Published on July 8, 2025</p>`).publishedAt).toBe('2024-02-19');
  });

  it('"Posted on" labels the publication\'s dateline too, and "on the" may come before its date (it was none)', () => {
    const far = Array.from({ length: 12 }, (_, i) => `<p>Paragraph number ${i} of the story, long enough to be a paragraph of its own.</p>`).join('');
    // The entry footer of WordPress's starter themes (Underscores: "Posted on %s"), and a hand-made blog's footer.
    expect(doc('', `${far}<footer><span>Posted on July 8, 2025</span></footer>`).publishedAt).toBe('2025-07-08');
    expect(doc('', `${far}<footer>Posted on the 15/12/2025 at 19:00 by <a href="/about">@janedoe</a></footer>`).publishedAt).toBe('2025-12-15T19:00');
    expect(doc('', `${far}<p>Published on the 3rd of March 2024</p>`).publishedAt).toBe('2024-03-03');
    // The date must follow the label: a category, a poster's name or a later post's label is no dateline of the page's.
    expect(doc('', `${far}<p>Posted in Harbour news, March 2, 2024</p>`).publishedAt).toBeNull();
    expect(doc('', `${far}<p>Last posted on March 2, 2024</p>`).publishedAt).toBeNull();
    // A date stated in the markup comes first.
    expect(doc('<meta property="article:published_time" content="2024-02-19">', `${far}<p>Posted on July 8, 2025</p>`).publishedAt).toBe('2024-02-19');
  });

  it('dates and bylines far from the headline (comments, the footer) are not read', () => {
    const far = Array.from({ length: 12 }, (_, i) => `<p>Paragraph number ${i} of the story, long enough to be a paragraph of its own.</p>`).join('');
    expect(doc('', `${far}<p>Posted by Jane Doe on February 19, 2024</p>`)).toMatchObject({ byline: null, publishedAt: null });
  });
});

describe('a date after the capture (a WARC record\'s WARC-Date) is no date of the page\'s', () => {
  const dated = (published: string, shown = '') =>
    page({
      head: `<title>Council approves budget</title><script type="application/ld+json">${JSON.stringify({ '@type': 'NewsArticle', headline: 'Council approves budget', datePublished: published })}</script>`,
      body: `<main><article><h1>Council approves budget</h1>${shown}${PARAGRAPHS.map((p) => `<p>${p}</p>`).join('')}</article></main>`,
    });
  const cleaned = (html: string, capturedAt?: string | null) => clean({ bytes: Buffer.from(html), name: 'page.html', capturedAt }, { now: FIXED_NOW });

  it('publishedAt and modifiedAt after the capture are left out (they were kept: a countdown\'s, an event\'s date)', () => {
    const html = dated('2030-03-03T10:00:00+01:00', '<div>Updated March 5, 2031</div>');
    expect(cleaned(html, '2024-03-14T09:12:03Z')).toMatchObject({ publishedAt: null, modifiedAt: null });
    // Without a capture date, as before: the core reads no clock.
    expect(cleaned(html)).toMatchObject({ publishedAt: '2030-03-03T10:00:00+01:00', modifiedAt: '2031-03-05' });
    expect(cleaned(html, null)).toMatchObject({ publishedAt: '2030-03-03T10:00:00+01:00' });
    // Dates before it stay.
    expect(cleaned(dated('2024-03-13'), '2024-03-14T09:12:03Z').publishedAt).toBe('2024-03-13');
  });

  it.each([
    ['2024-03-14T09:12:04Z', '2024-03-14T09:12:03Z', true],
    ['2024-03-14T09:12:03Z', '2024-03-14T09:12:03Z', false],
    ['2024-03-14T10:12:04+01:00', '2024-03-14T09:12:03Z', true],
    ['2024-03-14T10:12:02+01:00', '2024-03-14T09:12:03Z', false],
    // A day, or a time without an offset, at its earliest: in the zone farthest east (UTC+14:00).
    ['2024-03-15', '2024-03-14T12:00:00Z', false],
    ['2024-03-15', '2024-03-14T10:00:00Z', false],
    ['2024-03-15', '2024-03-14T09:59:59Z', true],
    ['2024-03-15T08:00', '2024-03-14T09:12:03Z', true],
    ['2024-03-14T23:00', '2024-03-14T09:12:03Z', false],
    [null, '2024-03-14T09:12:03Z', false],
    ['2030-01-01', 'not a date', false],
  ] as const)('afterCapture(%j, %j) = %j', (date, capturedAt, expected) => {
    expect(afterCapture(date, capturedAt)).toBe(expected);
  });
});
