/**
 * Each class's cues (../shared/SEGMENTS.md) on tiny hand-made pages: a four-paragraph article
 * with one element under test placed inside it, before it or after it. Every case asserts the
 * class of the block under test and that the article's own paragraphs stay body, so a cue
 * that misfires on the story fails too. Chrome is asserted dropped (present in `dropped`
 * when explaining, absent from the segments).
 */
import { describe, expect, it } from 'vitest';
import type { CleanDocument, SegmentType } from '../../src/core/index.js';
import { cleanText } from './helpers.js';

const STORY = [
  'The harbour ferry resumed service on Monday after a week of repairs to its engine, officials said.',
  'Passengers queued from dawn, and the first crossing left on time with every seat taken.',
  'The operator said a second vessel would join the route in the spring if demand holds.',
  'Fares will stay the same until the end of the year, according to the timetable published on Friday.',
];

interface Placement {
  /** Inside the article, between the second and third paragraphs. */
  readonly inside?: string;
  /** Before <main> (site header). */
  readonly before?: string;
  /** After <main> (site footer, banners, comments). */
  readonly after?: string;
}

function storyPage({ inside = '', before = '', after = '' }: Placement): CleanDocument {
  const html = `<!DOCTYPE html><html lang="en"><head><title>Ferry resumes</title></head><body>${before}<main><article><h1>Ferry resumes</h1>
<p>${STORY[0]}</p><p>${STORY[1]}</p>${inside}<p>${STORY[2]}</p><p>${STORY[3]}</p></article></main>${after}</body></html>`;
  return cleanText(html, 'page.html', null, { explain: true });
}

function expectStoryIntact(document: CleanDocument): void {
  expect(document.segments.filter((s) => s.type === 'body').map((s) => s.text)).toEqual(STORY);
  expect(document.title).toBe('Ferry resumes');
}

function expectClass(placement: Placement, text: string, type: SegmentType): void {
  const document = storyPage(placement);
  const segment = document.segments.find((s) => s.text === text);
  expect(segment, `no segment "${text}" in ${JSON.stringify(document.segments.map((s) => [s.type, s.text]))}`).toBeDefined();
  expect(segment!.type).toBe(type);
  expect(segment!.cues.length).toBeGreaterThan(0);
  expectStoryIntact(document);
}

function expectChrome(placement: Placement, text: string): void {
  const document = storyPage(placement);
  expect(document.segments.map((s) => s.text).filter((t) => t.includes(text))).toEqual([]);
  expect(document.dropped?.some((d) => d.text.includes(text))).toBe(true);
  expect(document.stats.chromeCharacters).toBeGreaterThanOrEqual(text.length);
  expectStoryIntact(document);
}

describe('caption', () => {
  it.each<[string, Placement, string]>([
    ['a figcaption', { inside: '<figure><img src="ferry.jpg" alt=""><figcaption>Passengers board the ferry at the north quay on Monday.</figcaption></figure>' }, 'Passengers board the ferry at the north quay on Monday.'],
    ['a photo credit standing alone under an image', { inside: '<img src="ferry.jpg" alt=""><p>Photo: Getty Images</p>' }, 'Photo: Getty Images'],
    ['an agency credit next to an image', { inside: '<div class="image"><img src="ferry.jpg" alt=""><span>Jane Roe/Reuters</span></div>' }, 'Jane Roe/Reuters'],
    ['a German caption with its credit', { inside: '<figure><img src="ferry.jpg" alt=""><figcaption>Die Fähre im Hafen. Foto: dpa</figcaption></figure>' }, 'Die Fähre im Hafen. Foto: dpa'],
    ['a sentence under an image that ends with a credit', { inside: '<img src="ferry.jpg" alt=""><p>The ferry leaves the north quay on Monday morning. (Photo: Jane Roe)</p>' }, 'The ferry leaves the north quay on Monday morning. (Photo: Jane Roe)'],
  ])('%s', (_label, placement, text) => { expectClass(placement, text, 'caption'); });
});

describe('ad', () => {
  it.each<[string, Placement, string]>([
    ['an "Advertisement" slot label', { inside: '<div class="ad-container"><p>Advertisement</p><div id="div-gpt-ad-1"></div></div>' }, 'Advertisement'],
    // AMP's ad slots hold a placeholder and a fallback shown while the ad loads or when it is blocked: body before.
    ['an <amp-ad> placeholder', { inside: '<amp-ad width="300" height="250" type="doubleclick" data-slot="/1234/news"><div placeholder>Loading the latest offers</div></amp-ad>' }, 'Loading the latest offers'],
    ['an <amp-embed> fallback', { inside: '<amp-embed width="600" height="300" type="taboola" layout="responsive"><div fallback>Stories from around the web you may like</div></amp-embed>' }, 'Stories from around the web you may like'],
    ['an <amp-sticky-ad> fallback', { inside: '<amp-sticky-ad layout="nodisplay"><amp-ad width="320" height="50" type="doubleclick"><div fallback>Our partners keep this site free</div></amp-ad></amp-sticky-ad>' }, 'Our partners keep this site free'],
    ['"Article continues after this advertisement"', { inside: '<p>Article continues after this advertisement</p>' }, 'Article continues after this advertisement'],
    ['"Sponsored"', { inside: '<p>Sponsored</p>' }, 'Sponsored'],
    ['"Anzeige" (German)', { inside: '<p>Anzeige</p>' }, 'Anzeige'],
    ['"Publicité" (French)', { inside: '<p>Publicité</p>' }, 'Publicité'],
    ['"Publicidad" (Spanish)', { inside: '<p>Publicidad</p>' }, 'Publicidad'],
    ['a "READ: …" teaser', { inside: '<p>READ: <a href="/news/ferry-fares">Ferry fares to rise in the spring, operator says</a></p>' }, 'READ: Ferry fares to rise in the spring, operator says'],
    ['a "Related: …" teaser', { inside: '<p>Related: <a href="/news/dredging">Harbour dredging to start next month</a></p>' }, 'Related: Harbour dredging to start next month'],
    ['a "Lesen Sie auch: …" teaser', { inside: '<p>Lesen Sie auch: <a href="/x">Fährpreise steigen im Frühjahr</a></p>' }, 'Lesen Sie auch: Fährpreise steigen im Frühjahr'],
    ['a "Lire aussi : …" teaser', { inside: '<p>Lire aussi : <a href="/x">Les tarifs du ferry augmentent au printemps</a></p>' }, 'Lire aussi : Les tarifs du ferry augmentent au printemps'],
    ['a "Lea también: …" teaser', { inside: '<p>Lea también: <a href="/x">Las tarifas del ferry suben en primavera</a></p>' }, 'Lea también: Las tarifas del ferry suben en primavera'],
    ['a newsletter prompt', { inside: '<div class="newsletter-signup"><h3>Get the morning briefing</h3><p>Subscribe to our daily newsletter for the day\'s top stories.</p></div>' }, "Subscribe to our daily newsletter for the day's top stories."],
    ['the heading of a newsletter box', { inside: '<div class="newsletter-signup"><h3>Get the morning briefing</h3><p>Subscribe to our daily newsletter for the day\'s top stories.</p></div>' }, 'Get the morning briefing'],
    ['a newsletter status message', { inside: '<div class="newsletter-signup"><p>Your subscription has been successful.</p></div>' }, 'Your subscription has been successful.'],
  ])('%s', (_label, placement, text) => { expectClass(placement, text, 'ad'); });
});

describe('legal', () => {
  it.each<[string, Placement, string]>([
    ['a copyright line', { after: '<footer><p>© 2024 The Harbour Gazette. All rights reserved.</p></footer>' }, '© 2024 The Harbour Gazette. All rights reserved.'],
    ['a French copyright line', { after: '<footer><p>© Le Journal du Port 2024 – Tous droits réservés</p></footer>' }, '© Le Journal du Port 2024 – Tous droits réservés'],
    ['"Alle Rechte vorbehalten"', { after: '<footer><p>Alle Rechte vorbehalten.</p></footer>' }, 'Alle Rechte vorbehalten.'],
    ['a cookie notice', { after: '<div class="cookie-banner"><p>We use cookies to improve your experience on our site. By continuing to browse, you agree to our use of cookies.</p><button>Accept</button></div>' }, 'We use cookies to improve your experience on our site. By continuing to browse, you agree to our use of cookies.'],
    ['a German cookie notice', { after: '<div class="consent"><p>Diese Website verwendet Cookies, um Ihnen ein besseres Nutzungserlebnis zu bieten.</p></div>' }, 'Diese Website verwendet Cookies, um Ihnen ein besseres Nutzungserlebnis zu bieten.'],
    ['the consent text of a form', { after: '<form class="signup"><p>By providing an email address, I agree to the Terms of Use and acknowledge the Privacy Policy.</p></form>' }, 'By providing an email address, I agree to the Terms of Use and acknowledge the Privacy Policy.'],
    ['a site-wide disclaimer', { after: "<p>Views expressed in this article are the author's own and do not reflect the views of the publisher.</p>" }, "Views expressed in this article are the author's own and do not reflect the views of the publisher."],
  ])('%s', (_label, placement, text) => { expectClass(placement, text, 'legal'); });
});

describe('body, where a cue word appears in the story', () => {
  it.each<[string, Placement, string]>([
    ['an editor\'s note that is part of the story', { inside: "<p><em>This story has been updated to include the operator's statement on Monday evening.</em></p>" }, "This story has been updated to include the operator's statement on Monday evening."],
    ['a paragraph about cookies (the food)', { inside: '<p>The café on the quay sells cookies baked every morning, and passengers say the ferry is the best place to eat them.</p>' }, 'The café on the quay sells cookies baked every morning, and passengers say the ferry is the best place to eat them.'],
    ['a paragraph that mentions an advertisement', { inside: '<p>The operator ran an advertisement in the local paper to announce that the ferry was back in service.</p>' }, 'The operator ran an advertisement in the local paper to announce that the ferry was back in service.'],
  ])('%s', (_label, placement, text) => {
    const document = storyPage(placement);
    expect(document.segments.find((s) => s.text === text)?.type).toBe('body');
  });
});

describe('chrome (dropped, only counted)', () => {
  it.each<[string, Placement, string]>([
    ['a navigation menu', { before: '<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li><li><a href="/culture">Culture</a></li></ul></nav></header>' }, 'World'],
    ['a breadcrumb', { before: '<nav class="breadcrumb"><a href="/">Home</a> › <a href="/local">Local news</a></nav>' }, 'Local news'],
    ['share buttons', { inside: '<div class="share-buttons"><a href="#">Facebook</a> <a href="#">Twitter</a> <a href="#">Email</a></div>' }, 'Facebook'],
    ['a comment thread', { after: '<section id="comments"><h3>3 Comments</h3><ol class="comment-list"><li class="comment"><p class="comment-author">harbourfan</p><p>Great news, I have been waiting for this ferry all week and cannot wait to ride it again.</p><a href="#">Reply</a></li></ol></section>' }, 'Great news, I have been waiting for this ferry'],
    ['a tag list', { after: '<div class="tags"><a href="/t/ferry">Ferry</a> <a href="/t/harbour">Harbour</a></div>' }, 'Harbour'],
    ['a search box label', { after: '<form role="search"><label>Search</label><input type="search"></form>' }, 'Search'],
  ])('%s', (_label, placement, text) => { expectChrome(placement, text); });

  it('never emits the text of scripts, styles, templates or form controls; a noscript\'s text is walked (hidden) but is no segment here', () => {
    const document = storyPage({
      inside: '<script>var secret = "script text";</script><style>.x{content:"style text"}</style><template><p>template text</p></template><noscript><p>fallback words</p></noscript><select><option>option text</option></select><textarea>textarea text</textarea>',
    });
    const all = JSON.stringify(document);
    for (const text of ['script text', 'style text', 'template text', 'option text', 'textarea text']) expect(all).not.toContain(text);
    // A forum's crawler view lives in <noscript>, so its blocks reach the classifier, flagged hidden: this one is chrome.
    expect(JSON.stringify(document.segments)).not.toContain('fallback words');
    expect(document.dropped?.map((d) => d.text)).toContain('fallback words');
    expectStoryIntact(document);
  });
});

describe('a plain-text scrape', () => {
  const scrape = `Ferry resumes after repairs

/ 09:15 AM March 4, 2024

Ferry resumes after repairs

${STORY[0]}

Passengers board the ferry at the north quay on Monday. Jane Roe/Pool via REUTERS

Article continues after this advertisement

${STORY[1]}

READ: Harbour dredging to start next month, port authority says

${STORY[2]}

Subscribe to our daily newsletter

By providing an email address. I agree to the Terms of Use and acknowledge that I have read the Privacy Policy.

Your subscription has been successful.

© Copyright 1997-2024 Harbour Gazette | All Rights Reserved
`;

  it('classifies every line by its wording, and lifts the headline and dateline into metadata', () => {
    const document = cleanText(scrape, 'page.txt');
    expect(document).toMatchObject({ title: 'Ferry resumes after repairs', publishedAt: '2024-03-04T09:15' });
    expect(document.segments.map((s) => [s.type, s.text])).toEqual([
      ['body', STORY[0]],
      ['caption', 'Passengers board the ferry at the north quay on Monday. Jane Roe/Pool via REUTERS'],
      ['ad', 'Article continues after this advertisement'],
      ['body', STORY[1]],
      ['ad', 'READ: Harbour dredging to start next month, port authority says'],
      ['body', STORY[2]],
      ['ad', 'Subscribe to our daily newsletter'],
      ['legal', 'By providing an email address. I agree to the Terms of Use and acknowledge that I have read the Privacy Policy.'],
      ['ad', 'Your subscription has been successful.'],
      ['legal', '© Copyright 1997-2024 Harbour Gazette | All Rights Reserved'],
    ]);
    expect(document.segments.every((s) => s.tag === null)).toBe(true);
  });
});
