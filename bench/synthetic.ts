/**
 * A synthetic news page of a requested size, for --scaling and the cold start's first document:
 * the markup of a real article page (meta and JSON-LD, styles and scripts, navigation, a cookie
 * banner, a headline, byline and date, sections of paragraphs with inline links, figures with
 * captions, quotes, lists, ad slots and "read more" boxes, a sidebar, a footer with legal text),
 * grown to size by article sections. The words come from a seeded generator, so no two paragraphs
 * are alike (repeats would be deduplicated and make a large page cheaper than a real one) and the
 * same size and seed always give the same page.
 */
import { prng } from '../scripts/prng.js';

const WORDS = (
  'the of and to in a is that for on with as was by at from it an be this are have has said its not but city council report year ' +
  'government people market company data new first last more after over would could million percent week month minister police court ' +
  'study research school health water energy climate policy election vote budget plan project local national according statement ' +
  'announced expected increase public workers families residents community service economy growth prices housing transport rail river ' +
  'storm summer winter museum festival music film library university students hospital doctors café naïve résumé Zürich São Paulo Kraków façade über'
).split(' ');
const NAMES = ['Ana Souza', 'Jürgen Weiß', 'Maya Patel', 'Chen Wei', 'Olivia Brown', 'Kwame Mensah', 'Léa Dubois'];
const SECTIONS = ['world', 'politics', 'business', 'science', 'health', 'sport', 'culture'];

export function syntheticPage(bytes: number, seed = 1): string {
  const random = prng(seed);
  const int = (min: number, max: number): number => min + Math.floor(random() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const words = (n: number): string => Array.from({ length: n }, () => pick(WORDS)).join(' ');
  const title = (min = 4, max = 10): string => words(int(min, max)).replace(/^./, (c) => c.toUpperCase());
  const link = (text: string): string => `<a href="/${pick(SECTIONS)}/${words(3).normalize('NFD').replace(/[^a-z ]/gi, '').trim().replace(/\s+/g, '-')}">${text}</a>`;
  const sentence = (withLink: boolean): string => {
    const parts = words(int(8, 24)).split(' ');
    if (withLink) parts.splice(2, 2, link(`${parts[2]} ${parts[3]}`));
    if (random() < 0.15) parts.push(`<em>${pick(WORDS)}</em>`);
    return `${parts.join(' ').replace(/^./, (c) => c.toUpperCase())}${random() < 0.1 ? '?' : '.'}`;
  };
  const paragraph = (): string => `<p class="body-text">${Array.from({ length: int(2, 6) }, (_, i) => sentence(i % 4 === 1)).join(' ')}</p>`;
  const list = (tag: string, n: number, item: () => string): string => `<${tag}>${Array.from({ length: n }, () => `<li>${item()}</li>`).join('')}</${tag}>`;
  const ad = (unit: string): string => `<div class="ad-slot" data-ad-unit="/1234/${unit}"><span class="ad-label">Advertisement</span><iframe src="about:blank" width="300" height="250" title="ad"></iframe></div>`;

  const headline = title(6, 12);
  const author = pick(NAMES);
  const date = `2024-0${int(1, 9)}-1${int(0, 9)}T0${int(0, 9)}:30:00Z`;
  const jsonLd = JSON.stringify({ '@context': 'https://schema.org', '@type': 'NewsArticle', headline, datePublished: date, author: { '@type': 'Person', name: author } });
  const opening = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${headline} | The Daily Synthetic</title>
<meta name="description" content="${words(24)}"><meta name="author" content="${author}"><meta property="og:title" content="${headline}">
<link rel="stylesheet" href="/site.css"><style>.ad-slot{min-height:250px}.sidebar{float:right;width:300px}</style>
<script type="application/ld+json">${jsonLd}</script><script>window.dataLayer=window.dataLayer||[];dataLayer.push({event:'view'});</script></head>
<body><header class="site-header"><a class="logo" href="/"><img src="/logo.svg" alt="The Daily Synthetic"></a>
<nav aria-label="Sections">${list('ul', SECTIONS.length, () => link(title(1, 1)))}</nav></header>
<div class="cookie-banner" role="dialog"><p>We use cookies to personalise content and ads. ${words(12)}.</p><button>Accept all</button></div>
<main><article><header><h1>${headline}</h1><p class="standfirst">${words(20)}.</p>
<p class="byline">By <a rel="author" href="/authors/${author.split(' ')[0]!.toLowerCase()}">${author}</a> · <time datetime="${date}">${date.slice(0, 10)}</time></p></header>
<div class="article-body">
`;
  const closing = `</div><footer><p class="tags">Topics: ${Array.from({ length: 5 }, () => link(title(1, 2))).join(', ')}</p></footer></article></main>
<aside class="sidebar"><section><h3>Most read</h3>${list('ol', 8, () => link(title()))}</section>${ad('sidebar')}
<section class="newsletter"><h3>Newsletter</h3><p>${words(14)}.</p><form action="/subscribe"><input type="email" name="email"><button>Sign up</button></form></section></aside>
<footer class="site-footer"><p class="legal">© 2024 The Daily Synthetic Ltd. All rights reserved. Reproduction without permission is prohibited. <a href="/privacy">Privacy policy</a></p></footer>
<script src="/app.js" defer></script></body></html>
`;
  const parts = [opening];
  let size = Buffer.byteLength(opening) + Buffer.byteLength(closing);
  for (let index = 1; size < bytes; index++) {
    const section: string[] = [];
    if (random() < 0.8) section.push(`<h2>${title()}</h2>`);
    for (let i = int(2, 6); i > 0; i--) section.push(paragraph());
    if (random() < 0.35) section.push(`<figure><img src="https://cdn.example.com/${index}.jpg" alt="${words(6)}" width="800" height="450"><figcaption>${title(6, 14)}. Photo: ${pick(NAMES)}/Agency</figcaption></figure>`);
    if (random() < 0.15) section.push(`<blockquote><p>“${title(10, 20)}.”</p><cite>${pick(NAMES)}</cite></blockquote>`);
    if (random() < 0.2) section.push(list('ul', int(3, 6), () => title(5, 12)));
    if (random() < 0.25) section.push(ad(`inline-${index}`));
    if (random() < 0.12) section.push(`<aside class="related"><h3>Read more</h3>${list('ul', 3, () => link(title()))}</aside>`);
    const text = `<section id="section-${index}" class="article-section">\n${section.join('\n')}\n</section>\n`;
    parts.push(text);
    size += Buffer.byteLength(text);
  }
  parts.push(closing);
  return parts.join('');
}
