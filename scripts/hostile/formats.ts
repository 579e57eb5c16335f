/**
 * Issue 13 §8: the formats scrapes come in. gzip with trailing garbage (as `gzip -d` reads it),
 * HTTP Content-Encoding br and deflate, RSS and Atom feeds (their items are escaped markup),
 * XHTML with CDATA, and a page of control bytes too big to serialize as JSON escapes.
 */
import { brotliCompressSync, crc32, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { FUNCTION_HEAP_MB, MB, SENTENCES, all, article, documentExpected, errorExpected, field, fill, inOrder, page, paragraph, utf8, type AdversarialCase } from './kit.js';
import type { CleanDocument } from '../../src/core/schema.js';

const CLASS = '§8 formats';
const ARTICLE = page(article());
const ARTICLE_BYTES = Buffer.from(ARTICLE);
const sentencesInOrder = inOrder(SENTENCES);

/** The document was read in this format and compression. */
function readAs(format: string, compression: string | null): (document: CleanDocument) => string[] {
  return (document) =>
    document.source.format === format && document.source.compression === compression
      ? []
      : [`read as ${document.source.format}/${document.source.compression ?? 'uncompressed'}, expected ${format}/${compression ?? 'uncompressed'}`];
}

/** No segment holds markup as text: the feed's escaped items were read as markup. */
const noLiteralMarkup = (document: CleanDocument): string[] => {
  const at = document.segments.findIndex((s) => /<\/?(p|a|b|em|div|br|img|script)\b/i.test(s.text));
  return at === -1 ? [] : [`segment ${at} holds markup as text: ${JSON.stringify(document.segments[at]!.text.slice(0, 80))}`];
};

const escapeXml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** One RSS 2.0 item per sentence; `content` gives the item's markup and how it is written. */
function rss(content: (html: string, i: number) => string, items = SENTENCES.map((s) => `<p>${s}</p>`), extra = ''): string {
  return (
    `<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">` +
    `<channel><title>Harbour Gazette</title><link>https://news.example/</link><description>News from the harbour</description>${extra}` +
    items.map((html, i) => `<item><title>Story ${i + 1}</title><link>https://news.example/${i + 1}</link><dc:creator>Staff ${i}</dc:creator><pubDate>Mon, 0${(i % 9) + 1} Jan 2024 10:00:00 GMT</pubDate>${content(html, i)}</item>`).join('\n') +
    `</channel></rss>\n`
  );
}

function atom(entry: (html: string, i: number) => string): string {
  return (
    `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>Harbour Gazette</title><id>urn:x-harbour</id><updated>2024-01-01T10:00:00Z</updated>` +
    SENTENCES.map((s, i) => `<entry><title>Story ${i + 1}</title><link href="https://news.example/${i + 1}"/><id>urn:x-harbour:${i}</id><updated>2024-01-0${i + 1}T10:00:00Z</updated>${entry(`<p>${s}</p>`, i)}</entry>`).join('\n') +
    `</feed>\n`
  );
}

const XHTML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n';
/** An XHTML page whose paragraphs hold their text in CDATA sections (markup characters in it are text). */
function xhtml(body: string, declared = true): string {
  return `${declared ? XHTML_HEAD : ''}<html xmlns="http://www.w3.org/1999/xhtml" lang="en"><head><title>Harbour ferry resumes</title><script type="text/javascript">//<![CDATA[\nvar leaked = "<p>script text in a CDATA section</p>" && 1 < 2;\n//]]></script></head><body><article><h1>Harbour ferry resumes</h1>${body}</article></body></html>\n`;
}
const CDATA_PARAGRAPHS = SENTENCES.map((s, i) => `<p><![CDATA[${s}${i === 0 ? ' Fish & chips <b> were served.' : ''}]]></p>`).join('');
const CDATA_CHECK = all(sentencesInOrder, inOrder(['Fish & chips <b> were served.']));

const gzipped = (bytes: Uint8Array): Buffer => gzipSync(bytes);
/**
 * The bytes as a gzip member per piece of `size` bytes, each a stored (uncompressed) deflate block:
 * built by hand, as gzipSync takes tens of microseconds a call (millions of members).
 */
function gzipMembers(bytes: Uint8Array, size: number): Buffer {
  const count = Math.ceil(bytes.length / size);
  const out = Buffer.alloc(count * 23 + bytes.length);
  let p = 0;
  for (let at = 0; at < bytes.length; at += size) {
    const piece = bytes.subarray(at, at + size);
    out.set([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0x01, piece.length & 0xff, piece.length >> 8, ~piece.length & 0xff, (~piece.length >> 8) & 0xff], p);
    out.set(piece, p + 15);
    out.writeUInt32LE(crc32(piece), p + 15 + piece.length);
    out.writeUInt32LE(piece.length, p + 19 + piece.length);
    p += 23 + piece.length;
  }
  return out;
}
const FORBID_SCRIPT = ['script text in a CDATA section', 'leaked'];

export const FORMAT_CASES: readonly AdversarialCase[] = [
  // ---- gzip as gzip -d reads it ---------------------------------------------------------------
  {
    name: 'gzip-trailing-garbage.html.gz',
    description: 'a gzip stream followed by 100 bytes of garbage (gzip -d reads it, with a warning)',
    issueClass: CLASS,
    expect: documentExpected(),
    check: all(sentencesInOrder, readAs('html', 'gzip')),
    bytes: () => Buffer.concat([gzipped(ARTICLE_BYTES), Buffer.from('garbage after the stream '.repeat(4))]),
  },
  {
    name: 'gzip-trailing-zeros.html.gz',
    description: 'a gzip stream padded with 4 KB of zero bytes (a tape or block-device copy)',
    issueClass: CLASS,
    expect: documentExpected(),
    check: sentencesInOrder,
    bytes: () => Buffer.concat([gzipped(ARTICLE_BYTES), Buffer.alloc(4096)]),
  },
  {
    name: 'gzip-members-then-garbage.html.gz',
    description: 'a page gzipped in three members (concatenated .gz files), then an appended proxy error page',
    issueClass: CLASS,
    expect: documentExpected(),
    check: sentencesInOrder,
    bytes: () => {
      const third = Math.floor(ARTICLE_BYTES.length / 3);
      const members = [ARTICLE_BYTES.subarray(0, third), ARTICLE_BYTES.subarray(third, 2 * third), ARTICLE_BYTES.subarray(2 * third)].map((part) => gzipped(part));
      return Buffer.concat([...members, Buffer.from('<html><body><h1>502 Bad Gateway</h1></body></html>\n')]);
    },
  },
  {
    name: 'gzip-32k-members-garbage.html.gz',
    description: 'a 256 KB article gzipped in 8-byte pieces (32,768 members), then garbage: read member by member',
    issueClass: CLASS,
    expect: documentExpected(),
    check: inOrder([paragraph(0), paragraph(1)]),
    bytes: () => Buffer.concat([gzipMembers(utf8(page(fill(256 * 1024, (i) => `<p>${paragraph(i)}</p>`))), 8), Buffer.from('garbage')]),
  },
  {
    name: 'gzip-2m-members-garbage.html.gz',
    description: '2 million one-byte gzip members (48 MB), then garbage: read one by one (~15 µs each), the clock looked at; ends within the budget',
    issueClass: CLASS,
    expect: documentExpected(),
    heavy: true,
    heapMb: FUNCTION_HEAP_MB,
    bytes: () => Buffer.concat([gzipMembers(utf8(page(fill(2_000_000, (i) => `<p>${paragraph(i)}</p>`))), 1), Buffer.from('garbage')]),
  },
  {
    name: 'gzip-2m-members.html.gz',
    description: '2 million one-byte gzip members (48 MB) and nothing after them: read in one native loop',
    issueClass: CLASS,
    expect: documentExpected(),
    heavy: true,
    heapMb: FUNCTION_HEAP_MB,
    bytes: () => gzipMembers(utf8(page(fill(2_000_000, (i) => `<p>${paragraph(i)}</p>`))), 1),
  },
  {
    name: 'gzip-named-member.html.gz',
    description: 'a gzip member with a file name, a comment, an extra field and a header CRC (every optional field), then garbage',
    issueClass: CLASS,
    expect: documentExpected(),
    check: sentencesInOrder,
    bytes: () => {
      const plain = gzipped(ARTICLE_BYTES);
      // FEXTRA | FNAME | FCOMMENT | FHCRC, then the fields in that order, then the header's CRC-16.
      const header = Buffer.from([0x1f, 0x8b, 8, 0x1e, 0, 0, 0, 0, 0, 3]);
      const extra = Buffer.from([4, 0, 0x41, 0x42, 1, 0]);
      const upToCrc = Buffer.concat([header, extra, Buffer.from('page.html\0', 'latin1'), Buffer.from('saved by a crawler\0', 'latin1')]);
      const headerCrc = Buffer.alloc(2);
      headerCrc.writeUInt16LE(crc32(upToCrc) & 0xffff);
      return Buffer.concat([upToCrc, headerCrc, plain.subarray(10), Buffer.from('\n\n-- end of capture --\n')]);
    },
  },
  {
    name: 'gzip-header-crc-mismatch.html.gz',
    description: 'a gzip member whose header CRC does not match its header',
    issueClass: CLASS,
    expect: errorExpected('CORRUPT_GZIP'),
    bytes: () => {
      const plain = gzipped(ARTICLE_BYTES);
      return Buffer.concat([Buffer.from([0x1f, 0x8b, 8, 0x02, 0, 0, 0, 0, 0, 3, 0x12, 0x34]), plain.subarray(10)]);
    },
  },
  {
    name: 'gzip-trailing-bad-member.html.gz',
    description: 'a gzip stream followed by the magic bytes of a second member and junk: gzip -d fails on it, and so does the core',
    issueClass: CLASS,
    expect: errorExpected('CORRUPT_GZIP'),
    bytes: () => Buffer.concat([gzipped(ARTICLE_BYTES), Buffer.from([0x1f, 0x8b]), Buffer.from('junk after a second magic')]),
  },
  {
    name: 'gzip-crc-mismatch.html.gz',
    description: 'a gzip stream whose CRC was damaged in transit',
    issueClass: CLASS,
    expect: errorExpected('CORRUPT_GZIP'),
    bytes: () => {
      const bytes = Buffer.from(gzipped(ARTICLE_BYTES));
      bytes[bytes.length - 8]! ^= 0xff;
      return bytes;
    },
  },
  // ---- HTTP Content-Encoding: br and deflate ----------------------------------------------------
  {
    name: 'content-encoding-br.html',
    description: 'a Brotli-encoded response stored as fetched, with its Content-Encoding: br',
    issueClass: CLASS,
    expect: documentExpected(),
    input: { contentType: 'text/html; charset=utf-8', contentEncoding: 'br' },
    check: all(sentencesInOrder, readAs('html', 'br')),
    bytes: () => brotliCompressSync(ARTICLE_BYTES),
  },
  {
    name: 'named-brotli.html.br',
    description: 'a Brotli-compressed page named .br, with no Content-Encoding (the CLI reads it too)',
    issueClass: CLASS,
    expect: documentExpected(),
    check: all(sentencesInOrder, readAs('html', 'br')),
    bytes: () => brotliCompressSync(ARTICLE_BYTES),
  },
  {
    name: 'content-encoding-deflate.html',
    description: 'Content-Encoding: deflate as the standard says (zlib-wrapped)',
    issueClass: CLASS,
    expect: documentExpected(),
    input: { contentEncoding: 'deflate' },
    check: all(sentencesInOrder, readAs('html', 'deflate')),
    bytes: () => deflateSync(ARTICLE_BYTES),
  },
  {
    name: 'content-encoding-raw-deflate.html',
    description: 'Content-Encoding: deflate as some servers send it (raw deflate, no zlib header)',
    issueClass: CLASS,
    expect: documentExpected(),
    input: { contentEncoding: 'deflate' },
    check: all(sentencesInOrder, readAs('html', 'deflate')),
    bytes: () => deflateRawSync(ARTICLE_BYTES),
  },
  {
    name: 'named-zlib.html.zz',
    description: 'a zlib-compressed page named .zz (the CLI reads it too)',
    issueClass: CLASS,
    expect: documentExpected(),
    check: all(sentencesInOrder, readAs('html', 'deflate')),
    bytes: () => deflateSync(ARTICLE_BYTES),
  },
  {
    name: 'content-encoding-two.html',
    description: 'Content-Encoding: deflate, br (deflated, then Brotli-encoded): undone last first',
    issueClass: CLASS,
    expect: documentExpected(),
    input: { contentEncoding: 'deflate, br' },
    check: all(sentencesInOrder, readAs('html', 'br')),
    bytes: () => brotliCompressSync(deflateSync(ARTICLE_BYTES)),
  },
  {
    name: 'content-encoding-br-stored-gzip.html.gz',
    description: 'a Brotli-encoded response, stored gzipped under its Content-Encoding: br',
    issueClass: CLASS,
    expect: documentExpected(),
    input: { contentEncoding: 'br' },
    check: all(sentencesInOrder, readAs('html', 'gzip')),
    bytes: () => gzipped(brotliCompressSync(ARTICLE_BYTES)),
  },
  {
    name: 'content-encoding-br-stored-decoded.html',
    description: 'a page stored decoded under the Content-Encoding: br of the response it came in (wget does this)',
    issueClass: CLASS,
    expect: documentExpected(),
    input: { contentEncoding: 'br' },
    check: all(sentencesInOrder, readAs('html', null)),
    bytes: () => ARTICLE_BYTES,
  },
  {
    name: 'content-encoding-br-legacy-decoded.html',
    description: 'a windows-1251 page stored decoded under Content-Encoding: br: read as text, not as a damaged stream',
    issueClass: CLASS,
    expect: documentExpected(),
    input: { contentEncoding: 'br' },
    mustContain: ['Паром возобновил работу'],
    bytes: () => iconv.encode(page('<article><h1>Паром</h1><p>Паром возобновил работу в понедельник после недели ремонта двигателя, сообщили чиновники.</p></article>', '<meta charset="windows-1251"><title>Паром</title>'), 'windows-1251'),
  },
  {
    name: 'content-encoding-br-corrupt.html',
    description: 'a Brotli stream cut in half, declared br: a typed error, not a page of mojibake',
    issueClass: CLASS,
    expect: errorExpected('CORRUPT_COMPRESSION'),
    input: { contentEncoding: 'br' },
    bytes: () => {
      const whole = brotliCompressSync(Buffer.from(page(Array.from({ length: 400 }, (_, i) => `<p>${paragraph(i)}</p>`).join(''))));
      return whole.subarray(0, Math.floor(whole.length / 2));
    },
  },
  {
    name: 'content-encoding-br-bomb.html',
    description: 'a Brotli stream of a few hundred bytes that inflates to 1 GB: stopped at the size limit',
    issueClass: CLASS,
    expect: errorExpected('TOO_LARGE'),
    input: { contentEncoding: 'br' },
    bytes: () => brotliCompressSync(Buffer.alloc(256 * MB, 0x20)),
  },
  {
    name: 'named-deflate-bomb.html.zz',
    description: 'a zlib stream that inflates past the size limit, named .zz',
    issueClass: CLASS,
    expect: errorExpected('TOO_LARGE'),
    bytes: () => deflateSync(Buffer.alloc(80 * MB, 0x20), { level: 9 }),
  },
  // ---- RSS and Atom feeds: the items' escaped markup is the page -------------------------------
  {
    name: 'feed-rss-escaped.xml',
    description: 'RSS 2.0 whose item descriptions are escaped HTML (&lt;p&gt;…): literal <p> text in segments before',
    issueClass: CLASS,
    expect: documentExpected(),
    check: all(sentencesInOrder, noLiteralMarkup, readAs('feed', null)),
    bytes: () => utf8(rss((html) => `<description>${escapeXml(html)}</description>`)),
  },
  {
    name: 'feed-rss-cdata.rss',
    description: 'RSS 2.0 with content:encoded in CDATA sections beside a short description',
    issueClass: CLASS,
    expect: documentExpected(),
    check: all(sentencesInOrder, noLiteralMarkup),
    bytes: () => utf8(rss((html, i) => `<description>Short summary ${i}</description><content:encoded><![CDATA[${html}<p>${paragraph(i)}</p>]]></content:encoded>`)),
  },
  {
    name: 'feed-rss-named-html.html',
    description: 'an RSS feed saved as .html: its root element says what it is',
    issueClass: CLASS,
    expect: documentExpected(),
    check: all(sentencesInOrder, noLiteralMarkup, readAs('feed', null)),
    bytes: () => utf8(rss((html) => `<description>${escapeXml(html)}</description>`)),
  },
  {
    name: 'feed-rss-content-type.txt',
    description: 'an RSS feed served as application/rss+xml, named .txt',
    issueClass: CLASS,
    expect: documentExpected(),
    input: { contentType: 'application/rss+xml; charset=utf-8' },
    check: all(sentencesInOrder, noLiteralMarkup),
    bytes: () => utf8(rss((html) => `<description>${escapeXml(html)}</description>`)),
  },
  {
    name: 'feed-rdf.xml',
    description: 'RSS 1.0 (RDF) with escaped descriptions and a stylesheet processing instruction',
    issueClass: CLASS,
    expect: documentExpected(),
    check: all(sentencesInOrder, noLiteralMarkup),
    bytes: () =>
      utf8(
        `<?xml version="1.0"?>\n<?xml-stylesheet type="text/xsl" href="feed.xsl"?>\n<!-- a feed -->\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><channel rdf:about="https://news.example/"><title>Harbour Gazette</title></channel>` +
          SENTENCES.map((s, i) => `<item rdf:about="https://news.example/${i}"><title>Story ${i}</title><description>${escapeXml(`<p>${s}</p>`)}</description></item>`).join('') +
          `</rdf:RDF>`,
      ),
  },
  {
    name: 'feed-atom-html.atom',
    description: 'Atom entries with type="html" content (escaped markup) and a type="html" title',
    issueClass: CLASS,
    expect: documentExpected(),
    check: all(sentencesInOrder, noLiteralMarkup, inOrder(['Story 1 & more'])),
    bytes: () => utf8(atom((html, i) => `${i === 0 ? '<title type="html">Story 1 &amp;amp; more</title>' : ''}<content type="html">${escapeXml(html)}</content>`)),
  },
  {
    name: 'feed-atom-xhtml.xml',
    description: 'Atom entries with type="xhtml" content (inline XHTML in a namespaced div)',
    issueClass: CLASS,
    expect: documentExpected(),
    check: all(sentencesInOrder, noLiteralMarkup),
    bytes: () => utf8(atom((html) => `<content type="xhtml"><xhtml:div xmlns:xhtml="http://www.w3.org/1999/xhtml">${html.replace(/<(\/?)p>/g, '<$1xhtml:p>')}</xhtml:div></content>`)),
  },
  {
    name: 'feed-atom-text.xml',
    description: 'Atom summaries of type text (the default): an escaped <p> there is literal text, and stays',
    issueClass: CLASS,
    expect: documentExpected(),
    check: all(sentencesInOrder, inOrder(['a <p> tag is literal here'])),
    bytes: () => utf8(atom((html, i) => `<summary>${escapeXml(html.replace(/<\/?p>/g, ''))}${i === 0 ? ' And a &lt;p&gt; tag is literal here.' : ''}</summary>`)),
  },
  {
    name: 'feed-unclosed-fragment.xml',
    description: 'an item whose markup leaves a <textarea> and a comment open: the items after it are still read',
    issueClass: CLASS,
    expect: documentExpected(),
    check: all(sentencesInOrder, noLiteralMarkup),
    bytes: () => utf8(rss((html, i) => `<description>${escapeXml(i === 1 ? `${html}<textarea>typed <!-- and never closed` : html)}</description>`)),
  },
  {
    name: 'feed-scripts.xml',
    description: 'items whose escaped markup carries scripts, styles and event handlers',
    issueClass: CLASS,
    expect: documentExpected(),
    forbidden: ['feedScriptLeak', 'feedStyleLeak', 'feedHandlerLeak'],
    check: sentencesInOrder,
    bytes: () => utf8(rss((html) => `<description>${escapeXml(`<script>var feedScriptLeak = 1;</script><style>.feedStyleLeak{}</style>${html.replace('<p>', '<p onclick="feedHandlerLeak()">')}`)}</description>`)),
  },
  {
    name: 'feed-windows-1252.xml',
    description: 'an RSS feed in windows-1252, declared by its XML declaration (curly quotes in the items)',
    issueClass: CLASS,
    expect: documentExpected(),
    mustContain: ['the council’s “review”'],
    check: noLiteralMarkup,
    bytes: () => iconv.encode(rss((html) => `<description>${escapeXml(html)}</description>`, [...SENTENCES.map((s) => `<p>${s}</p>`), '<p>Residents welcomed the council’s “review” of the ferry contract this week.</p>']).replace('encoding="utf-8"', 'encoding="windows-1252"'), 'windows-1252'),
  },
  {
    name: 'feed-20k-items.xml',
    description: '20,000 items of escaped markup (4 MB): read in one pass, within the budget',
    issueClass: CLASS,
    expect: documentExpected(),
    check: inOrder([paragraph(0), paragraph(19_999)]),
    bytes: () => utf8(rss((html) => `<description>${escapeXml(html)}</description>`, Array.from({ length: 20_000 }, (_, i) => `<p>${paragraph(i)}</p>`))),
  },
  {
    name: 'feed-gzip-trailing.rss.gz',
    description: 'a gzipped feed with trailing garbage',
    issueClass: CLASS,
    expect: documentExpected(),
    check: all(sentencesInOrder, readAs('feed', 'gzip')),
    bytes: () => Buffer.concat([gzipped(utf8(rss((html) => `<description>${escapeXml(html)}</description>`))), Buffer.from('\r\n\r\n')]),
  },
  // ---- XHTML served as XML: CDATA sections are text ---------------------------------------------
  {
    name: 'xhtml-cdata.html',
    description: 'an XHTML page (XML declaration, XHTML namespace) whose paragraphs hold their text in CDATA sections',
    issueClass: CLASS,
    expect: documentExpected(),
    forbidden: FORBID_SCRIPT,
    check: all(CDATA_CHECK, readAs('xhtml', null)),
    bytes: () => utf8(xhtml(CDATA_PARAGRAPHS)),
  },
  {
    name: 'xhtml-cdata-served.php',
    description: 'XHTML served as application/xhtml+xml, without an XML declaration',
    issueClass: CLASS,
    expect: documentExpected(),
    input: { contentType: 'application/xhtml+xml; charset=utf-8' },
    forbidden: FORBID_SCRIPT,
    check: CDATA_CHECK,
    bytes: () => utf8(xhtml(CDATA_PARAGRAPHS, false)),
  },
  {
    name: 'xhtml-cdata-named.xhtml',
    description: 'a page named .xhtml with CDATA in its content, in a comment and in a style',
    issueClass: CLASS,
    expect: documentExpected(),
    forbidden: [...FORBID_SCRIPT, 'commented out', 'styleLeak'],
    check: CDATA_CHECK,
    bytes: () => utf8(xhtml(`<!-- <![CDATA[ commented out ]]> --><style>/*<![CDATA[*/ .styleLeak { color: red } /*]]>*/</style>${CDATA_PARAGRAPHS}`, false)),
  },
  {
    name: 'xhtml-cdata-unclosed.html',
    description: 'an XHTML page whose last CDATA section is never closed: its text runs to the end of the page',
    issueClass: CLASS,
    expect: documentExpected(),
    check: inOrder(SENTENCES.slice(0, 4)),
    bytes: () => utf8(`${XHTML_HEAD}<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Harbour</title></head><body><article>${SENTENCES.slice(0, 3).map((s) => `<p>${s}</p>`).join('')}<p><![CDATA[${SENTENCES[3]}`),
  },
  {
    name: 'xhtml-cdata-4mb.html',
    description: 'an XHTML page with 4 MB of text in one CDATA section full of < and &',
    issueClass: CLASS,
    expect: documentExpected(),
    check: inOrder([SENTENCES[0]!]),
    bytes: () => utf8(xhtml(`<p>${SENTENCES[0]}</p><p><![CDATA[${fill(4 * MB, (i) => `${paragraph(i)} a < b & c > d. `)}]]></p>`)),
  },
  // ---- a page of control bytes ----------------------------------------------------------------
  {
    name: 'control-bytes-47mb.html',
    description: 'a 47 MB page (after 10 KB of prose) of paragraphs made of C0 control bytes between digits (as JSON escapes, over 280 MB: the CLI threw serializing it)',
    issueClass: CLASS,
    expect: documentExpected(),
    heavy: true,
    heapMb: FUNCTION_HEAP_MB,
    check: all(inOrder([SENTENCES[0]!]), field('title', 'Harbour ferry resumes')),
    bytes: () => {
      const controls = Array.from({ length: 31 }, (_, i) => String.fromCharCode(i + 1)).filter((c) => !'\t\n\f\r'.includes(c));
      return utf8(page(`<main><article><h1>Harbour ferry resumes</h1><p>${SENTENCES[0]}</p>${Array.from({ length: 100 }, (_, i) => `<p>${paragraph(i)}</p>`).join('')}${fill(47 * MB, (i) => `<p>${i}${controls.join(`${i}`)}</p>`)}</article></main>`));
    },
  },
];
