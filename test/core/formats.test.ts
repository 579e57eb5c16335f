/**
 * Issue 13 §8, the formats scrapes come in, module by module: gzip read as `gzip -d` reads it,
 * Content-Encoding br and deflate, RSS and Atom feeds as the page of their items, XHTML's CDATA.
 * (test/adversarial runs the hostile cases of scripts/hostile/formats.ts through the core and the CLI.)
 */
import { brotliCompressSync, deflateRawSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { contentCodings, gunzipMembers, undoContentEncoding } from '../../src/core/content-encoding.js';
import { CleanError } from '../../src/core/errors.js';
import { feedToHtml } from '../../src/core/feed.js';
import { Watchdog } from '../../src/core/watchdog.js';
import { cdataAsText } from '../../src/core/xhtml.js';
import { renderMarkdown } from '../../src/core/render/markdown.js';
import { clean } from '../../src/core/clean.js';
import { article, thrown } from './helpers.js';

const PARAGRAPHS = [
  'The harbour ferry resumed service on Monday after a week of repairs to its engine, officials said.',
  'Passengers queued from dawn at the pier, where the operator handed out coffee and apologised.',
];
const PAGE = Buffer.from(article(PARAGRAPHS));
const watchdog = () => new Watchdog(10_000);

describe('gzip, as gzip -d reads it', () => {
  it('reads every member and ignores what follows them that is not a member', () => {
    const bytes = Buffer.concat([gzipSync('first '), gzipSync('second'), Buffer.from('trailing garbage')]);
    expect(Buffer.from(gunzipMembers(bytes, 1024)).toString()).toBe('first second');
  });

  it('fails a member that is cut, damaged or past the limit', () => {
    const whole = gzipSync(PAGE);
    expect((thrown(() => gunzipMembers(whole.subarray(0, whole.length - 4), 1 << 20)) as CleanError).code).toBe('CORRUPT_GZIP');
    const damaged = Buffer.from(whole);
    damaged[damaged.length - 1]! ^= 1;
    expect((thrown(() => gunzipMembers(damaged, 1 << 20)) as CleanError).code).toBe('CORRUPT_GZIP');
    expect((thrown(() => gunzipMembers(Buffer.concat([gzipSync(PAGE), gzipSync(PAGE)]), PAGE.length + 10)) as CleanError).code).toBe('TOO_LARGE');
  });
});

describe('Content-Encoding', () => {
  it('names the codings in the order they were applied, leaving out identity and unknown ones', () => {
    expect(contentCodings('x-gzip, identity, BR, compress')).toEqual(['gzip', 'br']);
    expect(contentCodings(null)).toEqual([]);
  });

  it('undoes them last first, and leaves one the bytes are not of', () => {
    const undone = undoContentEncoding(brotliCompressSync(deflateRawSync(PAGE)), ['deflate', 'br'], 1 << 20);
    expect(Buffer.from(undone.bytes).equals(PAGE)).toBe(true);
    expect(undone.applied).toEqual(['br', 'deflate']);
    expect(undoContentEncoding(PAGE, ['br'], 1 << 20)).toMatchObject({ bytes: PAGE, applied: [], failed: ['br'] });
  });

  it('cleans br and deflate objects, and says so in source.compression', () => {
    const document = clean({ bytes: brotliCompressSync(PAGE), name: 'page', contentEncoding: 'br' });
    expect(document.source.compression).toBe('br');
    expect(document.bodyText).toContain(PARAGRAPHS[0]);
    expect(clean({ bytes: deflateRawSync(PAGE), name: 'page.html.zz' }).source.compression).toBe('deflate');
  });

  it('is a typed error when the declared coding fails and the bytes are not text', () => {
    const cut = brotliCompressSync(Buffer.from(PARAGRAPHS.join(' ').repeat(50))).subarray(0, 60);
    const error = thrown(() => clean({ bytes: cut, name: 'page.html', contentEncoding: 'br' })) as CleanError;
    expect(error.code).toBe('CORRUPT_COMPRESSION');
  });
});

describe('feeds', () => {
  const rss = (items: string) => `<?xml version="1.0"?><rss version="2.0"><channel><title>Gazette &amp; Co</title>${items}</channel></rss>`;

  it('writes one article per item, its title and its escaped markup read as markup, the fullest content first', () => {
    const html = feedToHtml(
      rss(
        '<item><title>One</title><description>short</description><content:encoded><![CDATA[<p>Full <b>text</b></p>]]></content:encoded></item>' +
          '<item><title>Two &lt;3</title><description>&lt;p&gt;Second&lt;/p&gt;</description></item>',
      ),
      watchdog(),
    );
    expect(html).toContain('<title>Gazette &amp; Co</title>');
    expect(html).toContain('<article><h2>One</h2><p>Full <b>text</b></p></article>');
    expect(html).toContain('<article><h2>Two &lt;3</h2><p>Second</p></article>');
    expect(html).not.toContain('short');
  });

  it('closes what an item leaves open, so the next item is read', () => {
    const html = feedToHtml(rss('<item><description>&lt;textarea&gt;open</description></item><item><title>Next</title></item>'), watchdog());
    expect(html).toContain('<textarea>open</textarea></article>');
    expect(html).toContain('<h2>Next</h2>');
  });

  it('reads Atom content by its type: html escaped, xhtml inline, text literal', () => {
    const feed = (content: string) => `<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>E</title>${content}</entry></feed>`;
    expect(feedToHtml(feed('<content type="html">&lt;em&gt;a&lt;/em&gt;</content>'), watchdog())).toContain('<em>a</em>');
    expect(feedToHtml(feed('<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><em>a &amp; b</em></div></content>'), watchdog())).toContain('<div><em>a &amp; b</em></div>');
    expect(feedToHtml(feed('<summary>&lt;em&gt; is a tag</summary>'), watchdog())).toContain('<p>&lt;em&gt; is a tag</p>');
  });

  it("reads an Atom feed's own title by its type, as its entries' titles: html is markup, not words", () => {
    const feed = (title: string) => `<feed xmlns="http://www.w3.org/2005/Atom">${title}<entry><title type="html">&lt;b&gt;Entry&lt;/b&gt; one</title></entry></feed>`;
    const html = feedToHtml(feed('<title type="html">Harbour &lt;b&gt;News&lt;/b&gt; &amp;amp; Views</title>'), watchdog());
    expect(html).toContain('<title>Harbour News &amp; Views</title>');
    expect(html).toContain('<h2>Entry one</h2>');
    expect(feedToHtml(feed('<title type="text">Tags &lt;b&gt; stay</title>'), watchdog())).toContain('<title>Tags &lt;b&gt; stay</title>');
  });

  /**
   * An item's markup is a fragment of the item's own page: its relative links and images are of
   * that page (or of xml:base), not of wherever the feed is stored. Written out as one page with no
   * base, they stayed relative, and the Markdown linked to nowhere.
   */
  it("makes an item's relative links and images absolute: against xml:base, else the item's link, else the feed's", () => {
    const item = (head: string, body: string) => `<item>${head}<title>T</title><description>&lt;p&gt;${body}&lt;/p&gt;</description></item>`;
    const html = feedToHtml(
      `<?xml version="1.0"?><rss version="2.0"><channel><title>G</title><link>https://blog.example/</link><image><link>https://img.example/</link></image>` +
        item('<link>https://blog.example/2024/03/first/</link>', '&lt;a href="../second/"&gt;s&lt;/a&gt; &lt;img src="pic.jpg"&gt; &lt;a href="https://x.example/y"&gt;x&lt;/a&gt; &lt;a href="#n"&gt;n&lt;/a&gt;') +
        item('', '&lt;a href="/about"&gt;a&lt;/a&gt;') +
        item('<link>  </link>', '&lt;a href="javascript:void(0)"&gt;j&lt;/a&gt;') +
        '</channel></rss>',
      watchdog(),
    );
    expect(html).toContain('<a href="https://blog.example/2024/03/second/">s</a> <img src="https://blog.example/2024/03/first/pic.jpg"> <a href="https://x.example/y">x</a> <a href="https://blog.example/2024/03/first/#n">n</a>');
    expect(html).toContain('<a href="https://blog.example/about">a</a>');
    expect(html).toContain('<a href="javascript:void(0)">j</a>');

    const atom = feedToHtml(
      '<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://atom.example/base/"><title>A</title><link rel="self" href="https://atom.example/feed.xml"/>' +
        '<entry><link rel="alternate" href="posts/one.html"/><content type="html">&lt;a href="two.html"&gt;2&lt;/a&gt;</content></entry>' +
        '<entry xml:base="https://other.example/dir/"><link href="https://atom.example/posts/x.html"/><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><img src="i.png"/></div></content></entry>' +
        '</feed>',
      watchdog(),
    );
    expect(atom).toContain('<a href="https://atom.example/base/two.html">2</a>');
    expect(atom).toContain('<img src="https://other.example/dir/i.png">');
  });

  it('a relative link of a feed item is absolute in the document and its Markdown', () => {
    const bytes = Buffer.from(
      `<?xml version="1.0"?><rss version="2.0"><channel><title>G</title><link>https://blog.example/</link><item><title>One</title>` +
        `<link>https://blog.example/one/</link><description>&lt;p&gt;${PARAGRAPHS[0]} &lt;a href="../two/"&gt;the next story&lt;/a&gt;.&lt;/p&gt;</description></item></channel></rss>`,
    );
    expect(renderMarkdown(clean({ bytes, name: 'feed.xml' }))).toContain('[the next story](https://blog.example/two/)');
  });

  it('tells a feed by its root element, whatever its name, unless served as HTML', () => {
    const bytes = Buffer.from(rss(`<item><title>One</title><description>&lt;p&gt;${PARAGRAPHS[0]}&lt;/p&gt;</description></item>`));
    expect(clean({ bytes, name: 'page.html' }).source.format).toBe('feed');
    expect(clean({ bytes, name: 'feed.xml', contentType: 'text/html' }).source.format).toBe('html');
  });
});

describe('XHTML served as XML', () => {
  it('makes the CDATA sections of the content escaped text, and leaves those of scripts, styles and comments', () => {
    const html = '<p><![CDATA[a < b & c]]></p><script>//<![CDATA[\nx<y\n//]]></script><!-- <![CDATA[ c ]]> --><style>/*<![CDATA[*/a{}/*]]>*/</style><p><![CDATA[tail';
    expect(cdataAsText(html)).toBe('<p>a &lt; b &amp; c</p><script>//<![CDATA[\nx<y\n//]]></script><!-- <![CDATA[ c ]]> --><style>/*<![CDATA[*/a{}/*]]>*/</style><p>tail');
  });

  it('reads an XML-declared XHTML page as XML, and the same page served as text/html as a browser does', () => {
    const xhtml = `<?xml version="1.0" encoding="UTF-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><head><title>T</title></head><body><article><p><![CDATA[${PARAGRAPHS[0]}]]></p><p>${PARAGRAPHS[1]}</p></article></body></html>`;
    const asXml = clean({ bytes: Buffer.from(xhtml), name: 'page.html' });
    expect(asXml.source.format).toBe('xhtml');
    expect(asXml.bodyText).toContain(PARAGRAPHS[0]);
    const asHtml = clean({ bytes: Buffer.from(xhtml), name: 'page.html', contentType: 'text/html' });
    expect(asHtml.source.format).toBe('html');
    expect(asHtml.bodyText).not.toContain(PARAGRAPHS[0]);
  });
});
