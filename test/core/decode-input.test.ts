/**
 * What comes before the charset: gzip (by magic bytes or by name, intact, corrupt, truncated,
 * nested, or a bomb), binary files that are not scrapes, empty input, and the format (HTML or
 * text) from content type, name and sniffing. Every refusal is a typed, permanent CleanError.
 */
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CLEAN_ERROR_CODES, CleanError, type CleanErrorCode } from '../../src/core/index.js';
import { article, cleanBytes, everyText, thrown } from './helpers.js';

const PARAGRAPH = 'The harbour ferry resumed service on Monday after a week of repairs to its engine, officials said.';
const HTML = Buffer.from(article([PARAGRAPH]));

function expectRefusal(fn: () => unknown, code: CleanErrorCode, message?: RegExp): void {
  const error = thrown(fn);
  expect(error).toBeInstanceOf(CleanError);
  expect(CLEAN_ERROR_CODES).toContain((error as CleanError).code);
  expect((error as CleanError).code).toBe(code);
  expect((error as CleanError).permanent).toBe(true);
  if (message) expect((error as CleanError).message).toMatch(message);
}

/** Deterministic pseudo-random bytes (a linear congruential generator), so the test never depends on luck. */
function noise(length: number, seed = 7): Buffer {
  const out = Buffer.alloc(length);
  let state = seed;
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    out[i] = state >>> 24;
  }
  return out;
}

describe('gzip', () => {
  const gz = gzipSync(HTML);

  it('is recognized by its magic bytes, whatever the name', () => {
    for (const name of ['page.html.gz', 'page.html', 'page']) {
      const document = cleanBytes(gz, name);
      expect(document.source.compression).toBe('gzip');
      expect(document.source.format).toBe('html');
      expect(document.bodyText).toContain(PARAGRAPH);
    }
  });

  it('records the stored size and hash, before gunzip', () => {
    const document = cleanBytes(gz, 'page.html.gz');
    expect(document.source.bytes).toBe(gz.length);
    expect(document.source.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(document.source.sha256).not.toBe(cleanBytes(HTML, 'page.html').source.sha256);
  });

  it('takes the format from the name under .gz (page.txt.gz is text)', () => {
    const text = gzipSync(Buffer.from(`${PARAGRAPH}\n\n${PARAGRAPH.replace('Monday', 'Tuesday')}\n`));
    expect(cleanBytes(text, 'page.txt.gz').source.format).toBe('text');
  });

  it('a file named .gz that is not gzipped is read as it is', () => {
    const document = cleanBytes(HTML, 'page.html.gz');
    expect(document.source.compression).toBeNull();
    expect(document.bodyText).toContain(PARAGRAPH);
  });

  it('gzip inside gzip (a stored copy of a gzip-encoded response) is unwrapped', () => {
    expect(cleanBytes(gzipSync(gz), 'page.html.gz').bodyText).toContain(PARAGRAPH);
  });

  it('truncated: CORRUPT_GZIP', () => {
    expectRefusal(() => cleanBytes(gz.subarray(0, gz.length - 12), 'page.html.gz'), 'CORRUPT_GZIP', /truncated or corrupt/);
    expectRefusal(() => cleanBytes(gz.subarray(0, 6), 'page.html.gz'), 'CORRUPT_GZIP');
  });

  it('corrupt deflate data: CORRUPT_GZIP', () => {
    const corrupt = Buffer.from(gz);
    for (let i = 12; i < 20; i++) corrupt[i]! ^= 0xa5;
    expectRefusal(() => cleanBytes(corrupt, 'page.html.gz'), 'CORRUPT_GZIP');
  });

  it('a .gz file whose header is damaged: CORRUPT_GZIP', () => {
    const damaged = Buffer.from(gz);
    damaged[1] = 0x00;
    expectRefusal(() => cleanBytes(damaged, 'page.html.gz'), 'CORRUPT_GZIP', /header/);
  });

  it('a gzip bomb that inflates past maxBytes: TOO_LARGE, without inflating it all', () => {
    const bomb = gzipSync(Buffer.alloc(4 * 1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(10 * 1024);
    expectRefusal(() => cleanBytes(bomb, 'page.html.gz', null, { maxBytes: 1024 * 1024 }), 'TOO_LARGE', /inflates past/);
  });

  it('gzip of nothing, or of whitespace: EMPTY_INPUT', () => {
    expectRefusal(() => cleanBytes(gzipSync(Buffer.alloc(0)), 'page.html.gz'), 'EMPTY_INPUT');
    expectRefusal(() => cleanBytes(gzipSync(Buffer.from(' \n\t\n ')), 'page.html.gz'), 'EMPTY_INPUT');
  });
});

describe('size', () => {
  it('input over maxBytes: TOO_LARGE', () => {
    expectRefusal(() => cleanBytes(Buffer.alloc(4096, 0x61), 'page.txt', null, { maxBytes: 1024 }), 'TOO_LARGE', /over the 1024-byte limit/);
  });
});

describe('binary input', () => {
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0', 'latin1'), noise(64)]);
  const pdf = Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n', 'latin1');
  const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), noise(64)]);
  const zip = Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), noise(64)]);

  it.each([
    ['a PNG image', png, /PNG image/],
    ['a PDF document', pdf, /PDF document/],
    ['a JPEG image', jpeg, /JPEG image/],
    ['a ZIP archive', zip, /ZIP archive/],
    ['random bytes', noise(4096), /binary data/],
  ])('%s, even named .html: BINARY_INPUT', (_label, bytes, message) => {
    expectRefusal(() => cleanBytes(bytes, 'page.html'), 'BINARY_INPUT', message);
  });

  it('a gzipped PNG: BINARY_INPUT after gunzip', () => {
    expectRefusal(() => cleanBytes(gzipSync(png), 'page.html.gz'), 'BINARY_INPUT');
  });
});

describe('web archives', () => {
  // A WARC file under another name (a page's, a bare .gz) is a file of many pages: read as one page it made a document
  // whose body was WARC and HTTP header lines around the pages' text.
  const page = '<html><head><title>Harbour</title></head><body><p>The harbour ferry crews walked out this morning after talks broke down.</p></body></html>';
  const http = `HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n${page}`;
  const warc = Buffer.from(
    `WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: https://news.example/harbour\r\nWARC-Date: 2024-03-14T09:12:03Z\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: ${http.length}\r\n\r\n${http}\r\n\r\n`,
  );
  const arc = Buffer.from(`filedesc://crawl.arc 0.0.0.0 20240314091203 text/plain 76\n1 0 Example\nURL IP-address Archive-date Content-type Archive-length\n\n\nhttps://news.example/harbour 0.0.0.0 20240314091203 text/html ${page.length}\n${page}\n`);

  it.each([
    ['a WARC file named .html', warc, 'page.html', /WARC file/],
    ['a gzipped WARC file named .gz', gzipSync(warc), 'crawl.gz', /WARC file/],
    ['a WARC file named .txt', warc, 'crawl.txt', /WARC file/],
    ['an ARC file', arc, 'crawl.arc', /ARC file/],
  ])('%s: BINARY_INPUT, with what to do', (_label, bytes, name, message) => {
    expectRefusal(() => cleanBytes(bytes, name), 'BINARY_INPUT', message);
  });
});

describe('data, not a page', () => {
  // JSON, JSON Lines and XML that is neither XHTML nor a feed were cleaned as a page: a sitemap's URLs became its body,
  // an API response's whole text its title, a crawler's export its escaped markup and keys.
  const sitemap = '<?xml version="1.0" encoding="UTF-8"?>\n<!-- made by the CMS -->\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n<url><loc>https://news.example/harbour-ferry-strike</loc><lastmod>2024-03-14</lastmod></url>\n</urlset>\n';
  const json = `{"title": "Harbour", "items": [{"text": ${JSON.stringify(PARAGRAPH)}}]}`;
  const lines = `{"url": "https://news.example/a", "html": "<p>${PARAGRAPH}</p>"}\n\n{"url": "https://news.example/b", "html": "<p>Ferries</p>"}\n`;

  it.each([
    ['a JSON document', json, 'data.json', 'NOT_A_PAGE', /a JSON document/],
    ['a JSON array named .html', `[${json}, ${json}]`, 'page.html', 'NOT_A_PAGE', /a JSON document/],
    ['JSON Lines holding markup', lines, 'crawl.jsonl', 'NOT_A_PAGE', /JSON Lines/],
    ['a sitemap', sitemap, 'sitemap.xml', 'NOT_A_PAGE', /XML document \(root element <urlset>\)/],
    ['a sitemap served as text/html', sitemap, 'sitemap', 'NOT_A_PAGE', /urlset/],
  ])('%s: NOT_A_PAGE', (_label, text, name, code, message) => {
    expectRefusal(() => cleanBytes(Buffer.from(text), name, name === 'sitemap' ? 'text/html' : null), code as CleanErrorCode, message);
  });

  it('a table of data by its content type or name (CSV, TSV): NOT_A_PAGE; the same text declared plain text is cleaned', () => {
    // A spreadsheet's export was cleaned as a text: its header row the title ("name,age,city"), its rows chrome, NO_BODY.
    const csv = 'line,first,last\nF1,06:00,22:30\nF2,06:30,21:00\n';
    expectRefusal(() => cleanBytes(Buffer.from(csv), 'timetable.csv'), 'NOT_A_PAGE', /table of data/);
    expectRefusal(() => cleanBytes(Buffer.from(csv.replaceAll(',', '\t')), 'timetable.tsv'), 'NOT_A_PAGE', /table of data/);
    expectRefusal(() => cleanBytes(Buffer.from(csv), 'export', 'text/csv; charset=utf-8'), 'NOT_A_PAGE', /content type text\/csv/);
    expect(cleanBytes(Buffer.from(`${PARAGRAPH}\n`), 'note.csv', 'text/plain').bodyText).toContain('harbour ferry');
  });

  it('a text whose first line is a JSON snippet, a bracketed note or a JSON value is still a page', () => {
    for (const text of [`{"ferry": "late"}\n${PARAGRAPH}`, `[Update] ${PARAGRAPH}`, '"a quoted line of text"', `[1] ${PARAGRAPH}\n[2] ${PARAGRAPH}`]) {
      expect(everyText(cleanBytes(Buffer.from(text), 'note.txt'))).toContain(text.split('\n').at(-1)!.slice(4, 40));
    }
  });

  it('an XML-declared page whose root is html, a feed and XHTML are read as before', () => {
    const xmlPage = `<?xml version="1.0"?>\n<!DOCTYPE html>\n<html><head><title>Harbour</title></head><body><p>${PARAGRAPH}</p></body></html>`;
    expect(cleanBytes(Buffer.from(xmlPage), 'page').bodyText).toContain('harbour ferry');
    const feed = `<?xml version="1.0"?>\n<rss version="2.0"><channel><title>News</title><item><title>Harbour</title><description>${PARAGRAPH}</description></item></channel></rss>`;
    expect(cleanBytes(Buffer.from(feed), 'feed.xml').source.format).toBe('feed');
  });
});

describe('empty input', () => {
  it.each([
    ['zero bytes', Buffer.alloc(0)],
    ['spaces and line breaks', Buffer.from(' \n\r\n\t  ')],
    ['no-break and em spaces', Buffer.from('\u00a0\u00a0 \u2003\n', 'utf8')],
    ['a UTF-8 BOM and nothing else', Buffer.from([0xef, 0xbb, 0xbf])],
  ])('%s: EMPTY_INPUT', (_label, bytes) => {
    expectRefusal(() => cleanBytes(bytes, 'page.html'), 'EMPTY_INPUT');
  });

  it('markup without any text is a document with no segments, not an error', () => {
    const document = cleanBytes(Buffer.from('<html><head><title></title></head><body><div></div></body></html>'), 'page.html');
    expect(document.segments).toEqual([]);
    expect(document.bodyText).toBe('');
  });
});

describe('format', () => {
  const text = Buffer.from(`${PARAGRAPH}\n\nSecond paragraph of the plain-text scrape, which goes on for a while.\n`);

  it('from the content type first', () => {
    expect(cleanBytes(HTML, 'page.txt', 'text/html; charset=utf-8').source.format).toBe('html');
    expect(cleanBytes(HTML, 'page.html', 'text/plain').source.format).toBe('text');
    expect(cleanBytes(HTML, 'page', 'application/xhtml+xml').source.format).toBe('xhtml');
  });

  it('then from the extension', () => {
    expect(cleanBytes(text, 'page.htm').source.format).toBe('html');
    expect(cleanBytes(HTML, 'page.txt').source.format).toBe('text');
  });

  it('then by sniffing the markup', () => {
    expect(cleanBytes(HTML, 'scrape-0001').source.format).toBe('html');
    expect(cleanBytes(text, 'scrape-0002').source.format).toBe('text');
  });

  it('sniffs markup where a document or fragment has it, not a tag named in prose', () => {
    // A text scrape with no extension (stdin, an S3 key) that names a tag was read as HTML: its lines ran into one
    // paragraph and the tags it named were gone ("Write a" / "tag and a" / "to lay out the page").
    const prose = Buffer.from(`Ferry notes\n\n${PARAGRAPH}\n\nWrite a <p> tag and a <div> to lay out the page, the editor said.\nAnd use <br> for a line break.\n`);
    const document = cleanBytes(prose, 'scrape-0003', null, { explain: true });
    expect(document.source.format).toBe('text');
    expect(everyText(document)).toContain('Write a <p> tag and a <div> to lay out the page, the editor said.');
    // A document after a server's warning, a fragment that starts with a tag, one that starts with text: markup.
    expect(cleanBytes(Buffer.concat([Buffer.from('Warning: Undefined variable $x in /var/www/index.php on line 12\n'), HTML]), 'scrape-0004').source.format).toBe('html');
    expect(cleanBytes(Buffer.from(`<h2>Ferry resumes</h2><p>${PARAGRAPH}</p>`), 'scrape-0005').source.format).toBe('html');
    expect(cleanBytes(Buffer.from(`Ferry resumes<br>${PARAGRAPH}<p>Second paragraph.</p><p>Third one.</p>`), 'scrape-0006').source.format).toBe('html');
  });

  it('says when a text declared plain is an HTML document (MARKUP_AS_TEXT), and only then', () => {
    // The declaration wins (above), but a whole page named .txt or served as text/plain was cleaned into
    // segments of its tags and script text with no word of it: the document now carries a warning.
    const page = Buffer.from(`<!DOCTYPE html><html><head><title>Ferry</title><script>var tracker = "x";</script></head><body><p>${PARAGRAPH}</p></body></html>`);
    for (const document of [cleanBytes(page, 'page.txt'), cleanBytes(page, 'page.html', 'text/plain'), cleanBytes(gzipSync(page), 'page.txt.gz')]) {
      expect(document.source.format).toBe('text');
      expect(document.quality.warnings).toContain('MARKUP_AS_TEXT');
    }
    const fragment = Buffer.from(`<h2>Ferry resumes</h2>\n<p>${PARAGRAPH}</p>\n<p>Second paragraph.</p>\n<p>Third one.</p>\n`);
    expect(cleanBytes(fragment, 'notes.txt').quality.warnings).toContain('MARKUP_AS_TEXT');
    // Read as HTML, and text that names tags or opens with one but holds no document: no warning.
    expect(cleanBytes(page, 'page.txt', 'text/html').quality.warnings).not.toContain('MARKUP_AS_TEXT');
    expect(cleanBytes(page, 'page.html').quality.warnings).not.toContain('MARKUP_AS_TEXT');
    const prose = Buffer.from(`Ferry notes\n\n${PARAGRAPH}\n\nWrite a <p> tag and a <div> to lay out the page.\n`);
    expect(cleanBytes(prose, 'notes.txt').quality.warnings).not.toContain('MARKUP_AS_TEXT');
    const opensWithTag = Buffer.from(`<b>Ferry notes</b>, typed by hand.\n\n${PARAGRAPH}\n`);
    expect(cleanBytes(opensWithTag, 'notes.txt').quality.warnings).not.toContain('MARKUP_AS_TEXT');
  });

  it('records the content type it was given', () => {
    expect(cleanBytes(HTML, 'page.html', 'text/html; charset=utf-8').source.contentType).toBe('text/html; charset=utf-8');
    expect(cleanBytes(HTML, 'page.html').source.contentType).toBeNull();
  });
});
