/**
 * The hostile and broken inputs of issue 6, as deterministic generators: the same case gives the
 * same bytes on every machine (a seeded PRNG, no clock, no network). `npm run gen:adversarial --
 * <dir>` writes them to files; test/adversarial runs the core and the CLI over every one.
 *
 * Each case states what it must end as: a document, or a CleanError with one of the listed
 * codes. `heavy` cases (tens of megabytes, a million elements) are cleaned in child processes by
 * the tests, so their time and peak memory are measured apart from the test runner's.
 *
 * The regex cases target the patterns of src/core/cues/text.ts, src/core/classifier/cue-matches.ts and
 * src/core/decode.ts at the lengths the classifier lets them see (a cue is tried on blocks up to
 * CLASSIFICATION.maxCueBlockChars / maxLegalBlockChars / maxBylineChars, and on the first lines
 * of a text scrape without a bound): alternatives that can swallow the letters of the next
 * token, `\s*` next to `\s*`, `.{0,n}` windows, long runs of the characters they repeat.
 */
import { deflateRawSync, gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { prng } from './prng.js';
import { HOSTILE_CASES, withPending } from './hostile/index.js';
import {
  FUNCTION_HEAP_MB,
  SENTENCES,
  fill,
  page,
  paragraph,
  LIGHT_HEAP_MB,
  MB,
  TIGHT_HEAP_MB,
  documentExpected as document,
  errorExpected as error,
  utf8,
  type AdversarialCase,
} from './hostile/kit.js';

export { FUNCTION_HEAP_MB, LIGHT_HEAP_MB, MB, TIGHT_HEAP_MB, type AdversarialCase };
export type { Expectation } from './hostile/kit.js';

const ARTICLE = page(`<nav><a href="/">Home</a> <a href="/news">News</a></nav><main><article><h1>Harbour ferry resumes</h1>${SENTENCES.map((s) => `<p>${s}</p>`).join('')}</article></main><footer><p>© 2024 Harbour Gazette. All rights reserved.</p></footer>`);

/** The smallest valid PNG: a 1×1 grey pixel, with real CRCs. */
function png(): Uint8Array {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer): number => {
    let c = 0xffffffff;
    for (const b of bytes) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer): Buffer => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([length, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(1, 0);
  header.writeUInt32BE(1, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  const zlibStream = Buffer.concat([Buffer.from([0x78, 0x9c]), deflateRawSync(Buffer.from([0, 0x80])), Buffer.from([0, 0x81, 0, 0x81])]);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', zlibStream), chunk('IEND', Buffer.alloc(0))]);
}

function pdf(): Uint8Array {
  return utf8(
    '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n' +
      '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >> endobj\n' +
      '4 0 obj << /Length 44 >> stream\nBT /F1 24 Tf 100 700 Td (Harbour ferry) Tj ET\nendstream endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
  );
}

function randomBytes(length: number, seed: number): Uint8Array {
  const next = prng(seed);
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = Math.floor(next() * 256);
  // Never a gzip or BOM prefix by chance: the case is about random bytes, not about those paths.
  if (bytes[0] === 0x1f || bytes[0] === 0xef || bytes[0] === 0xfe || bytes[0] === 0xff) bytes[0] = 0x00;
  return bytes;
}

/** A 50 MB article: unique paragraphs, links, figures, ad slots, as a very long real page would be. */
function hugePage(bytes: number): string {
  const body = fill(bytes, (i) => {
    if (i % 40 === 39) return '<div class="ad-slot"><p>Advertisement</p></div>';
    if (i % 25 === 24) return `<figure><img src="/img/${i}.jpg"><figcaption>Picture ${i} of the harbour. Photo: Harbour Gazette</figcaption></figure>`;
    if (i % 10 === 9) return `<p>${paragraph(i)} <a href="/story/${i}">Read the earlier report ${i}</a>.</p>`;
    return `<p>${paragraph(i)}</p>`;
  });
  return page(`<nav><a href="/">Home</a></nav><main><article><h1>A very long page</h1>${body}</article></main><footer>© 2024 Harbour Gazette</footer>`);
}

function nestedBlocks(depth: number): string {
  return page('<div>level '.repeat(depth) + 'the innermost paragraph of a very deep page.' + '</div>'.repeat(depth));
}

/**
 * Elements whose text the walk collects for metadata (bylines, h1, time without datetime) nested
 * 20,000 deep, with links and text between: shallow enough to parse within the budget, deep
 * enough that collecting every text node into every open collection took 1.3 GB in 10 s.
 */
function nestedCaptures(depth: number): string {
  const open = (i: number) => ['<span class="byline author">by Jane ', '<h1>Heading ', '<time>March 4, 2024 ', '<a href="/x">link '][i % 4]!;
  const close = (i: number) => ['</span>', '</h1>', '</time>', '</a>'][i % 4]!;
  const parts: string[] = [];
  for (let i = 0; i < depth; i++) parts.push(open(i));
  parts.push('the innermost words.');
  for (let i = depth - 1; i >= 0; i--) parts.push(close(i));
  return page(`<p>${parts.join('')}</p>`);
}

function siblings(count: number): string {
  const parts: string[] = [];
  for (let i = 0; i < count; i++) parts.push(`<div>item ${i}</div>`);
  return page(`<main>${parts.join('')}</main>`);
}

function textNode(bytes: number): string {
  return page(`<article><p>${fill(bytes, (i) => SENTENCES[i % SENTENCES.length]! + ' ')}</p></article>`);
}

/** One 5 MB line: words without punctuation or a line break. */
function longLine(bytes: number): string {
  const words = ['harbour', 'ferry', 'engine', 'repairs', 'council', 'island', 'timetable', 'weekend'];
  return fill(bytes, (i) => words[(i * 5) % words.length]! + ' ') + '\n';
}

function invalidUtf8(): Uint8Array {
  const good = (s: string) => Buffer.from(s, 'utf8');
  const stray = [
    Buffer.from([0xc3, 0x28]), // a lead byte followed by ASCII
    Buffer.from([0xff, 0xfe, 0xfd]), // bytes that never occur in UTF-8
    Buffer.from([0xc0, 0xaf]), // an overlong slash
    Buffer.from([0xed, 0xa0, 0x80]), // a UTF-16 surrogate encoded
    Buffer.from([0xf4, 0x90, 0x80, 0x80]), // above U+10FFFF
    Buffer.from([0xe2, 0x82]), // truncated €
    Buffer.from([0x80, 0x80, 0x80]), // lone continuation bytes
  ];
  const parts: Buffer[] = [good('<!DOCTYPE html><html><head><meta charset="utf-8"><title>Zürich café</title></head><body><article>')];
  // A few stray sequences in a UTF-8 page, as scrapes have them (a cut multi-byte character, a Latin-1 byte pasted in).
  for (let i = 0; i < 40; i++) parts.push(good(`<p>${paragraph(i)} Zürich café ${i} naïve résumé.`), i % 6 === 0 ? stray[(i / 6) % stray.length]! : good(''), good('</p>'));
  parts.push(good('</article></body></html>'));
  return Buffer.concat(parts);
}

const CHARSET_TEXT = [
  'Zürich: Der Fährbetrieb über den See läuft wieder, nachdem die Motoren repariert wurden.',
  'Die Passagiere warteten schon früh am Steg; der Betreiber entschuldigte sich für die Verspätung.',
  'Ab Montag gilt wieder der gewöhnliche Fahrplan, teilte die Gesellschaft mit. Größere Schäden gab es keine.',
];

function charsetPage(declared: string): string {
  return `<!DOCTYPE html><html lang="de"><head><meta charset="${declared}"><title>Fähre fährt wieder</title></head><body><article>${CHARSET_TEXT.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`;
}

function utf16(endianness: 'le' | 'be', bom: boolean): Uint8Array {
  const text = charsetPage('utf-16');
  const le = Buffer.from(text, 'utf16le');
  const bytes = endianness === 'le' ? le : Buffer.from(le).swap16();
  const mark = endianness === 'le' ? [0xff, 0xfe] : [0xfe, 0xff];
  return bom ? Buffer.concat([Buffer.from(mark), bytes]) : bytes;
}

/** A gzip stream cut in the middle of its deflate data. */
function truncatedGzip(): Uint8Array {
  const full = gzipSync(Buffer.from(ARTICLE));
  return full.subarray(0, Math.floor(full.length / 2));
}

/** A gzip stream whose deflate data is overwritten with garbage after the header. */
function corruptGzip(): Uint8Array {
  const full = Buffer.from(gzipSync(Buffer.from(hugePage(64 * 1024))));
  const next = prng(7);
  for (let i = 40; i < full.length - 8; i += 3) full[i] = Math.floor(next() * 256);
  return full;
}

/**
 * About a kilobyte that inflates past the 64 MiB limit: gzip inside gzip (the core unwraps two
 * layers, as a stored copy of a gzip-encoded response needs). One deflate layer cannot exceed a
 * ratio of about 1000:1, two can.
 */
export function gzipBomb(inflatedBytes = 80 * MB): Uint8Array {
  const inner = gzipSync(Buffer.alloc(inflatedBytes, '<p>a</p>'), { level: 9 });
  return gzipSync(inner, { level: 9 });
}

function nulBytes(): Uint8Array {
  const text = page(`<article>${SENTENCES.map((s, i) => `<p>${s.replace(/ /g, i % 2 ? '\0 ' : ' ')}</p>`).join('')}<p>\0\0\0</p></article>`);
  return utf8(text);
}

/** Every invalid UTF-8 shape, densely, in a page declared UTF-8. */
function invalidUtf8Dense(): Uint8Array {
  const next = prng(11);
  const parts: Buffer[] = [Buffer.from('<html><head><meta charset="utf-8"></head><body><p>')];
  for (let i = 0; i < 4000; i++) {
    const r = next();
    parts.push(r < 0.3 ? Buffer.from('Zürich ', 'utf8') : r < 0.6 ? Buffer.from([0x80 + Math.floor(next() * 0x80)]) : r < 0.8 ? Buffer.from([0xc0 | Math.floor(next() * 0x40), 0x41]) : Buffer.from('word '));
  }
  parts.push(Buffer.from('</p></body></html>'));
  return Buffer.concat(parts);
}

function unclosedTags(): string {
  const parts: string[] = ['<!DOCTYPE html><html><head><title>Unclosed tags</title></head><body>'];
  for (let i = 0; i < 500; i++) {
    parts.push(`<div class="c${i % 7}"><p>${paragraph(i)}<b><i><a href="/l${i}"><span>more text ${i}<table><tr><td>cell ${i}<li>item ${i}`);
  }
  parts.push('<p>attribute never closed <a href="/x title="y>after<!-- a comment never closed <p>hidden? ');
  return parts.join('');
}

export const SCRIPT_MARKER = 'SCRIPTBODYTEXT';
export const STYLE_MARKER = 'STYLEBODYTEXT';
export const HANDLER_MARKER = 'HANDLERBODYTEXT';
export const HIDDEN_MARKERS = [SCRIPT_MARKER, STYLE_MARKER, HANDLER_MARKER] as const;

/** Scripts and styles whose content reads like the article, in every shape a parser can trip on. */
function scriptsAndStyles(): string {
  const prose = (marker: string) => `${marker} The harbour ferry resumed service on Monday after a week of repairs, officials said. ${marker}`;
  const body = [
    `<script>var story = "${prose(SCRIPT_MARKER)}"; document.write("<p>${prose(SCRIPT_MARKER)}</p>");</script>`,
    `<SCRIPT type="text/plain">${prose(SCRIPT_MARKER)}</SCRIPT>`,
    `<script type="application/json">{"text": "${prose(SCRIPT_MARKER)}"}</script>`,
    `<script>/* <p>${prose(SCRIPT_MARKER)}</p> */ if (a < b && c > d) { x = "</scr" + "ipt>"; }</script>`,
    `<script >${prose(SCRIPT_MARKER)}</script >`,
    `<style>p::before { content: "${prose(STYLE_MARKER)}"; }</style>`,
    `<STYLE media="all">/* ${prose(STYLE_MARKER)} */ body { color: red }</STYLE>`,
    `<noscript><p>${prose(SCRIPT_MARKER)}</p></noscript>`,
    `<template><p>${prose(SCRIPT_MARKER)}</p></template>`,
    `<svg><script>${prose(SCRIPT_MARKER)}</script><style>${prose(STYLE_MARKER)}</style><text>${SCRIPT_MARKER}</text></svg>`,
    `<iframe srcdoc="<p>${prose(SCRIPT_MARKER)}</p>"></iframe>`,
    `<main><article><h1>Ferry resumes</h1>`,
    ...SENTENCES.map((s, i) => `<p onclick="alert('${prose(HANDLER_MARKER)}')" onmouseover="${HANDLER_MARKER}" style="color: red; /* ${STYLE_MARKER} */">${s} <a href="javascript:alert('${HANDLER_MARKER}')" onfocus="${HANDLER_MARKER}">more ${i}</a></p>`),
    `<img src="x" onerror="document.body.innerHTML='${prose(HANDLER_MARKER)}'">`,
    `<p>Before the script <script>document.write('${prose(SCRIPT_MARKER)}')</script> and after it, the paragraph goes on as prose does.</p>`,
    `</article></main>`,
    `<script>${prose(SCRIPT_MARKER)}`, // never closed: the rest of the file is script
    `<p>${prose(SCRIPT_MARKER)}</p>`,
  ];
  return page(body.join('\n'), `<meta charset="utf-8"><title>Ferry resumes</title><style>${prose(STYLE_MARKER)}</style><script>${prose(SCRIPT_MARKER)}</script>`);
}

function allAds(): string {
  const slots: string[] = [];
  for (let i = 0; i < 60; i++) {
    slots.push(
      i % 3 === 0
        ? `<div class="ad-container adsbygoogle" id="div-gpt-ad-${i}"><span>Advertisement</span><iframe src="https://ads.example/${i}"></iframe></div>`
        : i % 3 === 1
          ? `<aside class="sponsored"><p>Sponsored</p><a href="https://ads.example/c/${i}">Earn more with this one weird trick that banks hate, number ${i}</a></aside>`
          : `<div class="taboola outbrain"><h3>Around the web</h3><ul>${[1, 2, 3, 4].map((k) => `<li><a href="https://promo.example/${i}/${k}">You will not believe what this harbour town looks like today ${i}-${k}</a></li>`).join('')}</ul></div>`,
    );
  }
  return page(slots.join('\n'));
}

// ---- regex cases: inputs built against the worst patterns of the classifier -------------------

/**
 * BYLINE's name words and connectors ("and", "y", "et") share letters: "A.yA.y…" can be split in
 * polynomially many ways before the trailing "1" fails the match.
 */
function bylineBacktrackText(): string {
  const attack = 'by ' + 'A.y'.repeat(2000) + ' 1';
  return `${attack}\n\n${SENTENCES.join(' ')}\n\n${attack}\n`;
}

/**
 * The same in HTML: blocks of 120 characters (CLASSIFICATION.maxBylineChars) in post-meta
 * elements, where the classifier tries BYLINE (in elements named "byline" their text is a known
 * byline already and the pattern is not tried).
 */
function bylineBacktrackHtml(count: number): string {
  const attack = 'by ' + 'A.y'.repeat(38) + ' 1';
  const parts: string[] = [];
  for (let i = 0; i < count; i++) parts.push(`<p class="entry-meta">${attack}${i % 10}</p>`);
  return page(`<article>${parts.join('')}<p>${SENTENCES.join(' ')}</p></article>`);
}

/** Runs of the characters the cue patterns repeat, at and beyond the lengths they are tried on. */
function repetitionHtml(): string {
  const blocks: string[] = [];
  const runs = [
    ' '.repeat(20_000), // whitespace runs (collapsed before any pattern sees them)
    '\u00a0 \u2003\t'.repeat(5_000),
    '©'.repeat(399),
    '© '.repeat(199),
    '(c)'.repeat(133),
    'copyright '.repeat(39),
    '1'.repeat(400),
    '1'.repeat(20_000),
    '12:30 '.repeat(66),
    '2024 '.repeat(80),
    '12.12.'.repeat(66),
    '1 january 2024 '.repeat(26),
    'more '.repeat(80),
    'read more '.repeat(40),
    'share on '.repeat(44),
    'photo '.repeat(66),
    'photo: '.repeat(57),
    ') a/a/a via '.repeat(33),
    '. reuters/ap via afp '.repeat(19),
    'reuters '.repeat(50),
    'by using '.repeat(99),
    'subscribe '.repeat(40),
    'follow '.repeat(57),
    'support '.repeat(50),
    'advertisement '.repeat(28),
    '300x250 '.repeat(50),
    'tags: '.repeat(66),
    'A.y'.repeat(40),
  ];
  for (const run of runs) {
    blocks.push(`<p>${run}1</p>`, `<p class="entry-meta">${run}!</p>`, `<figure><figcaption>${run}§</figcaption></figure>`, `<h2>${run}</h2>`, `<pre>${run}\n${run}</pre>`);
  }
  blocks.push(`<p>${'x'.repeat(1_000_000)}</p>`); // one 1 MB word without punctuation
  return page(`<article>${blocks.join('\n')}<p>${SENTENCES.join(' ')}</p></article>`);
}

/** Markup-level patterns: a head full of unterminated <meta, giant class and rel attributes, dates for chrono. */
function attributeHtml(): string {
  const metaFlood = '<meta '.repeat(1400); // never closed: META_CHARSET's lazy [^>]*? scans the 8 KB prescan window from each
  const bigClass = 'articleBodyMainContent-'.repeat(40_000);
  const taxonomy = 'hentry ' + Array.from({ length: 20_000 }, (_, i) => `tag-t${i} category-c${i}`).join(' ');
  const dates = ['1'.repeat(199), '12 12 12 12 '.repeat(16), 'January 1, 2024 '.repeat(12), '2024-01-01T'.repeat(18), 'mon tue wed '.repeat(16)];
  const head = `<meta charset="utf-8">${metaFlood}><title>${' | - | '.repeat(10_000)}Title</title>${dates.map((d) => `<meta property="article:published_time" content="${d}"><meta name="date" content="${d}">`).join('')}`;
  const jsonLd = `<script type="application/ld+json">${'['.repeat(50_000)}${']'.repeat(50_000)}</script><script type="application/ld+json">{"@type":"NewsArticle","datePublished":"${'9'.repeat(190)}","author":${'{"name":'.repeat(1000)}"x"${'}'.repeat(1000)}}</script>`;
  // HIDDEN_STYLE reads inline styles: runs of spaces around its colons and semicolons.
  const styles = `<p style="${'display : none ; '.repeat(20_000)}${' '.repeat(100_000)}x">styled</p><div style="${';'.repeat(100_000)}display:${' '.repeat(100_000)}">semicolons</div>`;
  const body = `${styles}<div class="${bigClass}" id="${bigClass}"><article class="${taxonomy}"><p rel="${'author '.repeat(10_000)}">${SENTENCES.join(' ')}</p>${dates.map((d) => `<time datetime="${d}">${d}</time><p class="byline">${d}</p>`).join('')}</article></div>`;
  return `<!DOCTYPE html><html lang="${'en-'.repeat(5000)}"><head>${head}${jsonLd}</head><body>${body}</body></html>`;
}

/** Character references in bulk, valid and not: surrogates, out-of-range code points, unterminated names. */
function entityHtml(): string {
  const refs = ['&amp;', '&#0;', '&#xD800;', '&#x110000;', '&#99999999999;', '&nbsp;', '&notit;', '&amp', '&#', '&#x;', '&ZeroWidthSpace;', '&shy;', '&#8203;'];
  const text = fill(400_000, (i) => refs[i % refs.length]! + (i % 20 === 19 ? ' word. ' : ''));
  return page(`<article><p>${text}</p><p>${SENTENCES.join(' ')}</p></article>`, `<meta charset="utf-8"><title>${'&amp;amp;'.repeat(5000)}</title>`);
}

// ---- long strings and dense markup: inputs built against memory, not time ------------------------

const WORDS = ['harbour', 'ferry', 'engine', 'repairs', 'council', 'island', 'timetable', 'weekend'];

/** A link whose text is 16 MB of words: the walk counts link characters on every text node inside links. */
function longLinkText(bytes: number): string {
  return page(`<p>See <a href="/archive">${fill(bytes, (i) => WORDS[i % WORDS.length]! + ' ')}</a></p>`);
}

/** Declared windows-1252, 16 MB of curly quotes (0x93, 0x94): the runtime's Latin-1 decoding is repaired character by character. */
function curlyQuotes1252(bytes: number): Uint8Array {
  const head = Buffer.from('<html><head><meta charset="windows-1252"><title>Quotes</title></head><body><p>');
  const body = Buffer.alloc(bytes);
  for (let i = 0; i < bytes; i++) body[i] = i % 3 === 2 ? 0x20 : i % 3 === 0 ? 0x93 : 0x94;
  return Buffer.concat([head, body, Buffer.from('</p></body></html>')]);
}

/** 8 KB of ordinary HTML (what the binary check samples), then 16 MB of NUL bytes. */
function nulFlood(bytes: number): Uint8Array {
  const head = Buffer.from(page(`<article>${fill(8192, (i) => `<p>${paragraph(i)}</p>`)}`).replace('</body></html>\n', ''));
  return Buffer.concat([head, Buffer.alloc(bytes, 0), Buffer.from('</article></body></html>')]);
}

/** One element with a 16 MB class attribute of camel-case tokens (the class cues split them apart). */
function hugeClass(bytes: number): string {
  return page(`<div class="${fill(bytes, (i) => (i % 2 ? 'articleBody ' : 'navMenuItem '))}"><p>${SENTENCES.join(' ')}</p></div>`);
}

/** Metadata far longer than any: a 4 MB title of separators, a 4 MB og:title, 4 MB of nested JSON-LD arrays, a 4 MB JSON-LD headline. */
function hugeMetadata(bytes: number): string {
  const quarter = Math.floor(bytes / 4);
  const title = fill(quarter, () => ' | a');
  const ogTitle = fill(quarter, (i) => WORDS[i % WORDS.length]! + ' ');
  const depth = Math.floor(quarter / 2);
  const head = `<meta charset="utf-8"><title>${title}</title><meta property="og:title" content="${ogTitle}">` +
    `<script type="application/ld+json">${'['.repeat(depth)}${']'.repeat(depth)}</script>` +
    `<script type="application/ld+json">{"@type":"NewsArticle","headline":"${fill(quarter, () => 'a | ')}","datePublished":"2024-03-04"}</script>`;
  return page(`<h1>Harbour ferry resumes</h1><p>${SENTENCES.join(' ')}</p>`, head);
}

/** Markup as dense as it gets: `<p>` three million times (each one closes the last), 9 MB. */
function denseElements(count: number): string {
  return page('<p>'.repeat(count));
}

/** Void elements with a hundred attributes each: few elements, millions of attributes. */
function attributeFlood(elements: number): string {
  const attributes = Array.from({ length: 100 }, (_, i) => ` a${i}=${i}`).join('');
  return page(`<p>${`<br${attributes}>`.repeat(elements)}</p>`);
}

/** A plain-text scrape of a million short lines: every line a block, the text rules run on each. */
function manyLinesText(lines: number): string {
  const parts: string[] = [];
  for (let i = 0; i < lines; i++) parts.push(i % 50 === 0 ? '' : `line ${i}`);
  return parts.join('\n') + '\n';
}

/** The cases of issue 6. */
const ISSUE_6_CASES: readonly AdversarialCase[] = [
  { name: 'empty.html', description: 'an empty file', expect: error('EMPTY_INPUT'), bytes: () => new Uint8Array(0) },
  { name: 'whitespace-only.txt', description: 'spaces, tabs, line breaks and Unicode spaces only', expect: error('EMPTY_INPUT'), bytes: () => utf8(' \t\r\n'.repeat(1000) + '\u00a0\u2003\u3000\n') },
  { name: 'whitespace-gzipped.html.gz', description: 'whitespace only, gzipped', expect: error('EMPTY_INPUT'), bytes: () => gzipSync(Buffer.from(' \n'.repeat(10_000))) },
  { name: 'image.png', description: 'a PNG image (1×1, valid)', expect: error('BINARY_INPUT'), bytes: png },
  { name: 'image-named-page.html', description: 'a PNG image under an .html name', expect: error('BINARY_INPUT'), bytes: png },
  { name: 'document.pdf', description: 'a PDF document', expect: error('BINARY_INPUT'), bytes: pdf },
  { name: 'random.bin', description: '64 KB of random bytes (seeded)', expect: error('BINARY_INPUT', 'UNDECODABLE'), bytes: () => randomBytes(64 * 1024, 42) },
  { name: 'random-high-bytes.txt', description: 'random bytes 0x80-0xFF only: no control bytes, nothing valid as UTF-8', expect: document(), bytes: () => randomBytes(32 * 1024, 43).map((b) => 0x80 | b) },
  { name: 'huge-50mb.html', description: 'a 50 MB page of unique paragraphs', expect: document(), heavy: true, heapMb: FUNCTION_HEAP_MB, bytes: () => utf8(hugePage(50 * MB)) },
  { name: 'nested-100k-div.html', description: '100,000 nested block elements, text at every level', expect: document(), heavy: true, heapMb: FUNCTION_HEAP_MB, bytes: () => utf8(nestedBlocks(100_000)) },
  { name: 'nested-20k-captures.html', description: '20,000 nested byline, h1 and time elements (their text is collected for metadata)', expect: document(), heavy: true, heapMb: TIGHT_HEAP_MB, bytes: () => utf8(nestedCaptures(20_000)) },
  { name: 'siblings-1m.html', description: '1,000,000 sibling elements', expect: document(), heavy: true, heapMb: FUNCTION_HEAP_MB, bytes: () => utf8(siblings(1_000_000)) },
  { name: 'text-node-20mb.html', description: 'a single 20 MB text node', expect: document(), heavy: true, heapMb: TIGHT_HEAP_MB, bytes: () => utf8(textNode(20 * MB)) },
  { name: 'line-5mb.txt', description: 'a plain-text line of 5 MB without a break or punctuation', expect: document(), heavy: true, heapMb: TIGHT_HEAP_MB, bytes: () => utf8(longLine(5 * MB)) },
  { name: 'lines-1m.txt', description: 'a plain-text scrape of 1,000,000 short lines', expect: document(), heavy: true, heapMb: FUNCTION_HEAP_MB, bytes: () => utf8(manyLinesText(1_000_000)) },
  { name: 'link-text-16mb.html', description: 'a link whose text is 16 MB of words', expect: document(), heavy: true, heapMb: TIGHT_HEAP_MB, bytes: () => utf8(longLinkText(16 * MB)) },
  { name: 'pre-16mb.html', description: 'a <pre> of 16 MB of short lines', expect: document(), heavy: true, heapMb: TIGHT_HEAP_MB, bytes: () => utf8(page(`<pre>${fill(16 * MB, (i) => `${WORDS[i % WORDS.length]} ${i % 97}\n`)}</pre>`)) },
  { name: 'quotes-1252-16mb.html', description: 'declared windows-1252, 16 MB of curly quotes (bytes 0x93/0x94)', expect: document(), heavy: true, heapMb: TIGHT_HEAP_MB, bytes: () => curlyQuotes1252(16 * MB) },
  { name: 'nul-flood-16mb.html', description: '8 KB of HTML, then 16 MB of NUL bytes', expect: document(), heavy: true, heapMb: TIGHT_HEAP_MB, mustContain: ['The harbour ferry resumed service'], bytes: () => nulFlood(16 * MB) },
  { name: 'class-16mb.html', description: 'an element with a 16 MB class attribute', expect: document(), heavy: true, heapMb: TIGHT_HEAP_MB, bytes: () => utf8(hugeClass(16 * MB)) },
  { name: 'metadata-16mb.html', description: 'a 4 MB title, a 4 MB og:title, 4 MB of nested JSON-LD, a 4 MB JSON-LD headline', expect: document(), heavy: true, heapMb: TIGHT_HEAP_MB, mustContain: ['The harbour ferry resumed service'], bytes: () => utf8(hugeMetadata(16 * MB)) },
  { name: 'dense-3m-p.html', description: '<p> three million times: 3 million elements in 9 MB', expect: error('TOO_LARGE'), heavy: true, heapMb: FUNCTION_HEAP_MB, bytes: () => utf8(denseElements(3_000_000)) },
  { name: 'attributes-3m.html', description: '30,000 void elements with 100 attributes each: 3 million attributes in 20 MB', expect: error('TOO_LARGE'), heavy: true, heapMb: FUNCTION_HEAP_MB, bytes: () => utf8(attributeFlood(30_000)) },
  { name: 'lines-3m-crlf.txt', description: 'a plain-text scrape of 3 million CRLF lines', expect: error('TOO_LARGE'), heavy: true, heapMb: TIGHT_HEAP_MB, bytes: () => utf8('a\r\n'.repeat(3_000_000)) },
  { name: 'invalid-utf8.html', description: 'declared UTF-8, with stray, overlong, surrogate and truncated sequences', expect: document(), mustContain: ['Zürich café'], bytes: invalidUtf8 },
  { name: 'invalid-utf8-dense.html', description: 'declared UTF-8, a third of its bytes invalid sequences', expect: document(), bytes: invalidUtf8Dense },
  { name: 'utf16le-bom.html', description: 'UTF-16LE with a byte-order mark', expect: document(), mustContain: ['Fährbetrieb'], bytes: () => utf16('le', true) },
  { name: 'utf16be-bom.html', description: 'UTF-16BE with a byte-order mark', expect: document(), mustContain: ['Fährbetrieb'], bytes: () => utf16('be', true) },
  { name: 'utf16le-nobom.html', description: 'UTF-16LE without a byte-order mark', expect: document(), mustContain: ['Fährbetrieb'], bytes: () => utf16('le', false) },
  { name: 'utf16be-nobom.html', description: 'UTF-16BE without a byte-order mark', expect: document(), mustContain: ['Fährbetrieb'], bytes: () => utf16('be', false) },
  { name: 'declared-latin1-is-utf8.html', description: 'declares ISO-8859-1, encoded in UTF-8', expect: document(), mustContain: ['Fährbetrieb über den See läuft'], bytes: () => utf8(charsetPage('iso-8859-1')) },
  { name: 'declared-utf8-is-1252.html', description: 'declares UTF-8, encoded in windows-1252', expect: document(), mustContain: ['Fährbetrieb über den See läuft'], bytes: () => iconv.encode(charsetPage('utf-8'), 'windows-1252') },
  { name: 'declared-sjis-is-koi8r.html', description: 'declares Shift_JIS, encoded in KOI8-R', expect: document(), bytes: () => iconv.encode(`<html><head><meta charset="shift_jis"><title>Паром</title></head><body><p>Паром снова ходит по озеру после ремонта двигателей, сообщили в компании.</p></body></html>`, 'koi8-r') },
  { name: 'declared-unknown-charset.html', description: 'declares a charset no runtime knows', expect: document(), mustContain: ['Fährbetrieb'], bytes: () => utf8(charsetPage('x-no-such-charset')) },
  { name: 'truncated.html.gz', description: 'a gzip stream cut in half', expect: error('CORRUPT_GZIP'), bytes: truncatedGzip },
  { name: 'corrupt.html.gz', description: 'a gzip stream with garbage deflate data', expect: error('CORRUPT_GZIP'), bytes: corruptGzip },
  { name: 'gzip-bomb.html.gz', description: 'about 1 KB of gzip (inside gzip) that inflates to 80 MB', expect: error('TOO_LARGE'), bytes: () => gzipBomb() },
  { name: 'nul-bytes.html', description: 'HTML with NUL bytes in the text', expect: document(), forbidden: ['\0'], bytes: nulBytes },
  { name: 'unclosed-tags.html', description: 'unclosed elements everywhere, an unterminated attribute and comment', expect: document(), bytes: () => utf8(unclosedTags()) },
  { name: 'scripts-styles.html', description: 'script, style and event-handler content that reads like the article', expect: document(), forbidden: HIDDEN_MARKERS, mustContain: ['The harbour ferry resumed service on Monday'], bytes: () => utf8(scriptsAndStyles()) },
  { name: 'all-ads.html', description: 'a page that is nothing but ads, sponsored links and teaser lists', expect: document(), bytes: () => utf8(allAds()) },
  { name: 'regex-byline-lines.txt', description: 'BYLINE backtracking: a 6,000-character "by A.yA.y…" line at the top of a text scrape', expect: document(), bytes: () => utf8(bylineBacktrackText()) },
  { name: 'regex-byline-blocks.html', description: 'BYLINE backtracking: 5,000 byline blocks of 120 characters built to backtrack (3 ms each before the fix)', expect: document(), bytes: () => utf8(bylineBacktrackHtml(5_000)) },
  { name: 'regex-repetitions.html', description: 'runs of spaces, digits, ©, repeated cue words, a 1 MB word, in every context the cues look at', expect: document(), bytes: () => utf8(repetitionHtml()) },
  { name: 'regex-attributes.html', description: 'an unterminated <meta flood, giant class/rel/lang attributes, deep JSON-LD, dates built for chrono', expect: document(), bytes: () => utf8(attributeHtml()) },
  { name: 'entities.html', description: '400 KB of character references, valid and broken', expect: document(), bytes: () => utf8(entityHtml()) },
];

/** Issue 6's cases, then issue 13's (scripts/hostile/, one module per class). */
export const CASES: readonly AdversarialCase[] = [...ISSUE_6_CASES.map((c) => withPending(c)), ...HOSTILE_CASES];

export function caseNamed(name: string): AdversarialCase {
  const found = CASES.find((c) => c.name === name);
  if (!found) throw new Error(`no adversarial case named ${name}`);
  return found;
}
