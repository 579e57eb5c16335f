/**
 * A synthetic news page of a requested size, for the `--scaling` run: the markup of a real
 * article page (head with meta, JSON-LD, styles and scripts; a header with navigation; a cookie
 * banner; an article with a headline, byline and date, sections of paragraphs with inline links,
 * headings, figures with captions, quotes, lists, ad slots and inline "read more" boxes; a
 * sidebar with widgets and an ad; a site footer with legal text), grown to size by adding
 * article sections. Text comes from a seeded generator, so every paragraph differs (repeats would
 * be deduplicated by the cleaner and make a large page cheaper than a real one) and the same
 * size and seed always give the same page.
 */
import { prng } from '../scripts/prng.js';

/** Sizes of the scaling run, bytes (UTF-8). */
export const SCALING_SIZES: ReadonlyArray<{ label: string; bytes: number }> = [
  { label: '100 KB', bytes: 100 * 1024 },
  { label: '1 MB', bytes: 1024 * 1024 },
  { label: '10 MB', bytes: 10 * 1024 * 1024 },
  { label: '50 MB', bytes: 50 * 1024 * 1024 },
];

/** How often each optional part appears in an article section (probability per section). */
const SECTION_PARTS = {
  heading: 0.8,
  figure: 0.35,
  quote: 0.15,
  list: 0.2,
  adSlot: 0.25,
  relatedBox: 0.12,
} as const;

/** Paragraphs per section, sentences per paragraph, words per sentence (news prose ranges). */
const SHAPE = {
  paragraphs: [2, 6],
  sentences: [2, 6],
  words: [8, 24],
  linkEveryNthSentence: 4,
} as const;

const WORDS = (
  'the of and to in a is that for on with as was by at from it an be this are have has said its not but ' +
  'city council report year government people market company data new first last more after over would ' +
  'could million percent week month minister officials police court study research researchers school ' +
  'health water energy climate policy election vote budget plan project local national international ' +
  'according spokesperson statement announced expected increase decrease average public private workers ' +
  'families residents community support program service services development economy economic growth ' +
  'prices housing transport rail airport bridge river coast storm summer winter spring autumn museum ' +
  'festival music film book library university students teachers hospital doctors patients scientists ' +
  'café naïve résumé Zürich São Paulo Montréal Kraków Ångström façade coöperation über jalapeño piñata'
).split(' ');

const NAMES = ['Ana Souza', 'Jürgen Weiß', 'Maya Patel', 'Chen Wei', 'Olivia Brown', 'Kwame Mensah', 'Léa Dubois', 'Sven Ødegaard'];
const SECTIONS = ['World', 'Politics', 'Business', 'Technology', 'Science', 'Health', 'Sport', 'Culture', 'Travel', 'Opinion'];

class Writer {
  private readonly random: () => number;
  constructor(seed: number) {
    this.random = prng(seed);
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.random() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)]!;
  }
  words(count: number): string {
    const out: string[] = [];
    for (let i = 0; i < count; i++) out.push(this.pick(WORDS));
    return out.join(' ');
  }
  title(min = 4, max = 10): string {
    const text = this.words(this.int(min, max));
    return text.charAt(0).toUpperCase() + text.slice(1);
  }
  slug(): string {
    return this.words(this.int(2, 5)).normalize('NFD').replace(/[^a-z ]/gi, '').toLowerCase().trim().replace(/\s+/g, '-');
  }
  sentence(withLink: boolean): string {
    const words = this.words(this.int(SHAPE.words[0], SHAPE.words[1])).split(' ');
    if (withLink && words.length > 4) {
      const at = this.int(1, words.length - 3);
      words.splice(at, 2, `<a href="/${this.pick(SECTIONS).toLowerCase()}/${this.slug()}">${words[at]} ${words[at + 1]}</a>`);
    }
    if (this.chance(0.15)) words[words.length - 1] = `<em>${words[words.length - 1]}</em>`;
    if (this.chance(0.05)) words[0] = `<strong>${words[0]}</strong>`;
    const first = words[0]!;
    words[0] = first.startsWith('<') ? first : first.charAt(0).toUpperCase() + first.slice(1);
    return words.join(' ') + (this.chance(0.1) ? '?' : '.');
  }
  paragraph(): string {
    const sentences: string[] = [];
    const count = this.int(SHAPE.sentences[0], SHAPE.sentences[1]);
    for (let i = 0; i < count; i++) sentences.push(this.sentence(i % SHAPE.linkEveryNthSentence === 1));
    return `<p>${sentences.join(' ')}</p>`;
  }
}

function head(w: Writer, headline: string, author: string, published: string, url: string): string {
  const description = w.words(24);
  const jsonLd = JSON.stringify({
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline,
    datePublished: published,
    author: { '@type': 'Person', name: author },
    publisher: { '@type': 'Organization', name: 'The Daily Synthetic' },
    mainEntityOfPage: url,
  });
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${headline} | The Daily Synthetic</title>
<meta name="description" content="${description}">
<meta name="author" content="${author}">
<meta property="og:type" content="article">
<meta property="og:title" content="${headline}">
<meta property="og:site_name" content="The Daily Synthetic">
<meta property="og:url" content="${url}">
<meta property="article:published_time" content="${published}">
<link rel="canonical" href="${url}">
<link rel="stylesheet" href="/assets/site.css">
<style>.ad-slot{min-height:250px;background:#f4f4f4}.sidebar{float:right;width:300px}.cookie-banner{position:fixed;bottom:0}</style>
<script type="application/ld+json">${jsonLd}</script>
<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}gtag('js',new Date());gtag('config','G-SYNTH');</script>
</head>
`;
}

function siteHeader(w: Writer): string {
  const items = SECTIONS.map((s) => `<li><a href="/${s.toLowerCase()}">${s}</a></li>`).join('');
  return `<body class="article-page">
<a class="skip-link" href="#main">Skip to content</a>
<header class="site-header">
<a class="logo" href="/"><img src="/assets/logo.svg" alt="The Daily Synthetic" width="180" height="40"></a>
<nav class="main-nav" role="navigation" aria-label="Sections"><ul>${items}</ul></nav>
<form class="search" action="/search" role="search"><input type="search" name="q" placeholder="Search"><button type="submit">Search</button></form>
</header>
<div class="cookie-banner" role="dialog" aria-label="Cookies"><p>We use cookies to personalise content and ads and to analyse our traffic. ${w.words(12)}.</p><button class="accept">Accept all</button> <a href="/cookies">Manage preferences</a></div>
<div class="layout">
<main id="main" class="content">
`;
}

function articleStart(w: Writer, headline: string, author: string, published: string): string {
  return `<article class="article" itemscope itemtype="https://schema.org/NewsArticle">
<header class="article-header">
<p class="kicker"><a href="/${w.pick(SECTIONS).toLowerCase()}">${w.pick(SECTIONS)}</a></p>
<h1 class="headline" itemprop="headline">${headline}</h1>
<p class="standfirst">${w.words(20)}.</p>
<p class="byline">By <a rel="author" class="author" href="/authors/${author.toLowerCase().replace(/\W+/g, '-')}" itemprop="author">${author}</a> · <time datetime="${published}" itemprop="datePublished">${published.slice(0, 10)}</time></p>
</header>
<div class="article-body" itemprop="articleBody">
`;
}

function section(w: Writer, index: number): string {
  const parts: string[] = [];
  if (w.chance(SECTION_PARTS.heading)) parts.push(`<h2 id="section-${index}">${w.title()}</h2>`);
  const paragraphs = w.int(SHAPE.paragraphs[0], SHAPE.paragraphs[1]);
  for (let i = 0; i < paragraphs; i++) {
    parts.push(w.paragraph());
    if (i === 0 && w.chance(SECTION_PARTS.figure)) {
      const width = w.pick([640, 800, 1200]);
      parts.push(
        `<figure class="image"><img src="https://cdn.example.com/img/${index}-${w.slug()}.jpg" alt="${w.words(6)}" width="${width}" height="${Math.round(width * 0.5625)}" loading="lazy" srcset="https://cdn.example.com/img/${index}-480.jpg 480w, https://cdn.example.com/img/${index}-1200.jpg 1200w"><figcaption>${w.title(6, 14)}. <span class="credit">Photo: ${w.pick(NAMES)}/Agency</span></figcaption></figure>`,
      );
    }
    if (i === 1 && w.chance(SECTION_PARTS.quote)) parts.push(`<blockquote class="pullquote"><p>“${w.title(10, 20)}.”</p><cite>${w.pick(NAMES)}</cite></blockquote>`);
    if (i === 1 && w.chance(SECTION_PARTS.list)) {
      const items: string[] = [];
      for (let k = w.int(3, 6); k > 0; k--) items.push(`<li>${w.title(5, 12)}</li>`);
      parts.push(`<ul>${items.join('')}</ul>`);
    }
  }
  if (w.chance(SECTION_PARTS.adSlot)) {
    parts.push(
      `<div class="ad-slot ad-inline" data-ad-unit="/1234/news/inline-${index}" aria-label="Advertisement"><span class="ad-label">Advertisement</span><div id="div-gpt-ad-${index}"><iframe src="about:blank" width="300" height="250" title="ad" frameborder="0"></iframe></div><p class="ad-continue">Article continues after this advertisement</p></div>`,
    );
  }
  if (w.chance(SECTION_PARTS.relatedBox)) {
    const links: string[] = [];
    for (let k = 0; k < 3; k++) links.push(`<li><a href="/${w.pick(SECTIONS).toLowerCase()}/${w.slug()}">${w.title()}</a></li>`);
    parts.push(`<aside class="related-inline"><h3>Read more</h3><ul>${links.join('')}</ul></aside>`);
  }
  return parts.join('\n') + '\n';
}

function articleEnd(w: Writer): string {
  const tags: string[] = [];
  for (let k = 0; k < 5; k++) tags.push(`<a rel="tag" href="/tag/${w.slug()}">${w.title(1, 3)}</a>`);
  return `</div>
<footer class="article-footer">
<p class="tags">Topics: ${tags.join(', ')}</p>
<div class="share"><span>Share this article</span> <a href="https://twitter.com/intent/tweet">Twitter</a> <a href="https://www.facebook.com/sharer">Facebook</a> <a href="mailto:?subject=article">Email</a></div>
<p class="correction">Corrections: email <a href="mailto:corrections@example.com">corrections@example.com</a>.</p>
</footer>
</article>
</main>
`;
}

function sidebar(w: Writer): string {
  const mostRead: string[] = [];
  for (let k = 0; k < 8; k++) mostRead.push(`<li><a href="/${w.pick(SECTIONS).toLowerCase()}/${w.slug()}">${w.title()}</a></li>`);
  return `<aside class="sidebar" role="complementary">
<section class="widget most-read"><h3>Most read</h3><ol>${mostRead.join('')}</ol></section>
<div class="ad-slot ad-sidebar" data-ad-unit="/1234/news/sidebar"><span class="ad-label">Advertisement</span><iframe src="about:blank" width="300" height="600" title="ad" frameborder="0"></iframe></div>
<section class="widget newsletter"><h3>Newsletter</h3><p>${w.words(14)}.</p><form action="/subscribe" method="post"><label for="email">Email</label> <input id="email" type="email" name="email"> <button type="submit">Sign up</button></form></section>
</aside>
</div>
`;
}

function siteFooter(): string {
  const links = ['About us', 'Contact', 'Careers', 'Advertise', 'Privacy policy', 'Cookie policy', 'Terms of use', 'Accessibility']
    .map((label) => `<li><a href="/${label.toLowerCase().replace(/\s+/g, '-')}">${label}</a></li>`)
    .join('');
  return `<footer class="site-footer">
<nav class="footer-nav" aria-label="Footer"><ul>${links}</ul></nav>
<p class="legal">© 2024 The Daily Synthetic Ltd. All rights reserved. Registered in England and Wales, company no. 01234567. Reproduction without permission is prohibited. Read our <a href="/privacy-policy">privacy policy</a> and <a href="/terms-of-use">terms of use</a>.</p>
</footer>
<script src="/assets/app.js" defer></script>
<script async src="https://www.googletagmanager.com/gtag/js?id=G-SYNTH"></script>
</body>
</html>
`;
}

/**
 * A synthetic article page of at least `bytes` UTF-8 bytes; it overshoots by less than one
 * article section (a few KB). Pages smaller than the frame (head, header, sidebar, footer:
 * about 5 KB) come out at the frame's size with one section.
 */
export function syntheticPage(bytes: number, seed = 1): string {
  const w = new Writer(seed);
  const headline = w.title(6, 12);
  const author = w.pick(NAMES);
  const published = `2024-0${w.int(1, 9)}-1${w.int(0, 9)}T0${w.int(0, 9)}:30:00Z`;
  const url = `https://news.example.com/${w.pick(SECTIONS).toLowerCase()}/${w.slug()}`;
  const opening = head(w, headline, author, published, url) + siteHeader(w) + articleStart(w, headline, author, published);
  const closing = articleEnd(w) + sidebar(w) + siteFooter();
  const parts: string[] = [opening];
  let size = Buffer.byteLength(opening) + Buffer.byteLength(closing);
  let index = 0;
  do {
    const next = section(w, ++index);
    parts.push(next);
    size += Buffer.byteLength(next);
  } while (size < bytes);
  parts.push(closing);
  return parts.join('');
}
