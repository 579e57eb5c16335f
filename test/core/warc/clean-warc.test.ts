/**
 * Cleaning a WARC file: each page's document is the document of the page cleaned on its own
 * (same bytes, same name and content type), plus where it was in the WARC; error records and
 * documents validate against the schema; the counts add up.
 */
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { clean } from '../../../src/core/index.js';
import { documentSchema, errorRecordSchema } from '../../../src/core/schema.js';
import { addWarcCounts, cleanWarc, countWarcOutcome, emptyWarcCounts, warcSummaryLine, type WarcOutcome } from '../../../src/core/warc/index.js';
import { article, encode, FIXED_NOW } from '../helpers.js';
import { handRecord, htmlResponse, httpBlock, inChunks, responseFields, segmentedRecord, warcFile, warcRecord } from './build.js';

const pages = [
  { url: 'https://news.example/a', html: article(['A long enough paragraph about the harbour ferry strike and its effects on the city commuters.'], { head: '<title>Ferry</title>' }) },
  {
    url: 'https://news.example/b',
    html: article(['Un paragraphe assez long sur la fête des vendanges et la foule venue de toute la région.'], { head: '<link rel="canonical" href="https://news.example/canonical-b">', lang: 'fr' }),
  },
];

async function outcomes(file: Uint8Array): Promise<WarcOutcome[]> {
  const all: WarcOutcome[] = [];
  for await (const outcome of cleanWarc(inChunks(file), { file: 'crawl.warc.gz', clean: { now: FIXED_NOW } })) all.push(outcome);
  return all;
}

describe('cleanWarc', () => {
  it('gives each page the document it has on its own, plus where it was in the WARC', async () => {
    const file = await warcFile(
      [
        htmlResponse(pages[0]!.url, encode(pages[0]!.html, 'windows-1252'), { 'Content-Type': 'text/html; charset=windows-1252' }),
        htmlResponse(pages[1]!.url, gzipSync(Buffer.from(pages[1]!.html)), { 'Content-Encoding': 'gzip' }),
      ],
      'record',
    );
    const [first, second] = await outcomes(file);
    expect(first!.kind).toBe('document');
    expect(second!.kind).toBe('document');
    if (first!.kind !== 'document' || second!.kind !== 'document') return;

    const alone = clean({ bytes: encode(pages[0]!.html, 'windows-1252'), name: pages[0]!.url, contentType: 'text/html; charset=windows-1252', url: pages[0]!.url }, { now: FIXED_NOW });
    const { warc, ...source } = first!.document.source;
    expect({ ...first!.document, source }).toEqual({ ...alone, url: pages[0]!.url });
    expect(warc).toEqual({
      file: 'crawl.warc.gz',
      index: 0,
      offset: 0,
      skip: 0,
      recordId: expect.stringMatching(/^<urn:uuid:/),
      targetUri: pages[0]!.url,
      capturedAt: '2024-03-14T09:12:03Z',
    });
    // The page's own canonical URL wins over the target URI.
    expect(second!.document.url).toBe('https://news.example/canonical-b');
    expect(second!.document.source.warc!.offset).toBeGreaterThan(0);
    for (const outcome of [first!, second!]) expect(documentSchema.safeParse(outcome.document).success).toBe(true);
  });

  it('gives a page whose target URI has spaces the URL a browser makes of it, percent-encoded; the target as written in source.warc', async () => {
    const target = 'https://forum.example/t/ferry times/ä?q=early boat';
    // Written by hand: a WARC writer would encode the target itself.
    const outcome = (await outcomes(handRecord(responseFields(target, 'spaced'), httpBlock(pages[0]!.html))))[0]!;
    expect(outcome.kind).toBe('document');
    if (outcome.kind !== 'document') return;
    expect(outcome.document.url).toBe('https://forum.example/t/ferry%20times/%C3%A4?q=early%20boat');
    expect(outcome.document.source.warc!.targetUri).toBe(target);
    expect(documentSchema.safeParse(outcome.document).success).toBe(true);
  });

  it('reads a target URI written as an IRI in UTF-8, past Latin-1 (日本語, новости), as written: its URL percent-encodes it, no mojibake', async () => {
    // warcio stored such a field as its UTF-8 bytes, one character each: url ".../wiki/%C3%A6%C2%97%C2%A5…", target "…/æ\u0097¥…".
    const targets = ['https://ja.example/wiki/日本語?q=東京', 'https://ru.example/новости/паром'];
    const all = await outcomes(Buffer.concat(targets.map((target, k) => handRecord(responseFields(target, `iri-${k}`), httpBlock(pages[0]!.html)))));
    const documents = all.map((outcome) => (outcome.kind === 'document' ? outcome.document : null));
    expect(documents.map((d) => d?.url)).toEqual(['https://ja.example/wiki/%E6%97%A5%E6%9C%AC%E8%AA%9E?q=%E6%9D%B1%E4%BA%AC', 'https://ru.example/%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D0%B8/%D0%BF%D0%B0%D1%80%D0%BE%D0%BC']);
    expect(documents.map((d) => d?.source.warc?.targetUri)).toEqual(targets);
    expect(documents.map((d) => d?.source.name)).toEqual(targets);
  });

  it('says when the crawler cut a page short (WARC-Truncated), so a document missing its end is not taken for a whole page', async () => {
    const html = Buffer.from(pages[0]!.html);
    const file = await warcFile([
      { ...htmlResponse(pages[0]!.url, html.subarray(0, html.length - 40)), warcHeaders: { 'WARC-Truncated': 'length' } },
      htmlResponse(pages[1]!.url, pages[1]!.html),
    ]);
    const [cut, whole] = await outcomes(file);
    if (cut!.kind !== 'document' || whole!.kind !== 'document') throw new Error('two documents expected');
    expect(cut!.document.source.warc).toMatchObject({ truncated: 'length' });
    expect(whole!.document.source.warc).not.toHaveProperty('truncated');
    expect(documentSchema.safeParse(cut!.document).success).toBe(true);
  });

  it('says when a record holds part of a page though no WARC-Truncated says so: a first segment, an HTTP 206 range', async () => {
    const html = Buffer.from(pages[0]!.html);
    const file = await warcFile([
      // The first segment of a segmented record: the rest is in continuation records (here, as often, in another file).
      { ...htmlResponse(pages[0]!.url, html.subarray(0, html.length - 40)), warcHeaders: { 'WARC-Segment-Number': '1' } },
      htmlResponse(pages[0]!.url, html.subarray(0, 600), { 'Content-Range': `bytes 0-599/${html.length}` }, 'HTTP/1.1 206 Partial Content'),
      // A 206 whose range is the whole page is a whole page.
      htmlResponse(pages[1]!.url, pages[1]!.html, { 'Content-Range': `bytes 0-${Buffer.byteLength(pages[1]!.html) - 1}/${Buffer.byteLength(pages[1]!.html)}` }, 'HTTP/1.1 206 Partial Content'),
    ]);
    // The first segment waits for its continuation records until the file ends: it comes last (in record order here).
    const [segment, range, whole] = (await outcomes(file)).sort((a, b) => a.record.index - b.record.index);
    if (segment!.kind !== 'document' || range!.kind !== 'document' || whole!.kind !== 'document') throw new Error('three documents expected');
    expect(segment!.document.source.warc).toMatchObject({ truncated: 'segmented' });
    expect(range!.document.source.warc).toMatchObject({ truncated: 'partial-content' });
    expect(whole!.document.source.warc).not.toHaveProperty('truncated');
    for (const outcome of [segment!, range!]) expect(documentSchema.safeParse(outcome.document).success).toBe(true);
  });

  it("says when a payload ends before the end its own framing states (Content-Length, last chunk, gzip stream's end): 'cut'", async () => {
    const html = Buffer.from(pages[0]!.html);
    const head = (...lines: string[]): Buffer => Buffer.from(['HTTP/1.1 200 OK', 'Content-Type: text/html; charset=utf-8', ...lines, '', ''].join('\r\n'));
    const chunks = (bytes: Buffer): Buffer => Buffer.concat([Buffer.from(`${bytes.length.toString(16)}\r\n`), bytes, Buffer.from('\r\n')]);
    const gzipped = gzipSync(html);
    const record = (id: string, block: Buffer, more: Record<string, string> = {}): Uint8Array => handRecord(responseFields(pages[0]!.url, id, more), block);
    const file = Buffer.concat([
      // A connection closed mid-response: fewer bytes than the Content-Length.
      record('length', Buffer.concat([head(`Content-Length: ${html.length}`), html.subarray(0, html.length - 40)])),
      // A chunked response without its last (zero-size) chunk.
      record('chunks', Buffer.concat([head('Transfer-Encoding: chunked'), chunks(html.subarray(0, 100)), chunks(html.subarray(100, html.length - 40))])),
      // A gzip-encoded response cut short: before, the whole page was a CORRUPT_GZIP error.
      record('gzip', Buffer.concat([head('Content-Encoding: gzip'), gzipped.subarray(0, gzipped.length - 40)])),
      // The same with the crawler's WARC-Truncated: its reason is kept.
      record('said', Buffer.concat([head('Content-Encoding: gzip'), gzipped.subarray(0, gzipped.length - 40)]), { 'WARC-Truncated': 'length' }),
      // Whole: a Content-Length that the payload fills, complete chunks, a whole gzip stream, a gzip payload stored decoded.
      record('whole-length', Buffer.concat([head(`Content-Length: ${html.length}`), html])),
      record('whole-chunks', Buffer.concat([head('Transfer-Encoding: chunked'), chunks(html), Buffer.from('0\r\n\r\n')])),
      record('whole-gzip', Buffer.concat([head('Content-Encoding: gzip', `Content-Length: ${gzipped.length}`), gzipped])),
      record('decoded', Buffer.concat([head('Content-Encoding: gzip', `Content-Length: ${gzipped.length}`), html])),
    ]);
    const all = await outcomes(file);
    const truncated = all.map((outcome) => (outcome.kind === 'document' ? (outcome.document.source.warc!.truncated ?? 'whole') : outcome.kind));
    expect(truncated).toEqual(['cut', 'cut', 'cut', 'length', 'whole', 'whole', 'whole', 'whole']);
    const [, , gzipCut] = all;
    if (gzipCut!.kind !== 'document') throw new Error('a document expected');
    // What the stream held up to the cut: the page's first paragraph.
    expect(gzipCut!.document.bodyText).toContain('harbour ferry strike');
    expect(documentSchema.safeParse(gzipCut!.document).success).toBe(true);
    // A gzip stream damaged before its end is still an error.
    const damaged = Buffer.concat([gzipped.subarray(0, 20), Buffer.alloc(30, 0xff), gzipped.subarray(50)]);
    const [error] = await outcomes(record('damaged', Buffer.concat([head('Content-Encoding: gzip'), damaged])));
    expect(error!.kind === 'error' && error!.errorRecord.error.code).toBe('CORRUPT_GZIP');
  });

  it('a WARC file with no record at all (0 bytes, a gzip of nothing, blank lines) is an EMPTY_INPUT error, not a crawl of 0 pages', async () => {
    for (const file of [new Uint8Array(0), gzipSync(new Uint8Array(0)), Buffer.from('\r\n\r\n')]) {
      const all = await outcomes(file);
      expect(all).toHaveLength(1);
      const [only] = all;
      if (only!.kind !== 'error') throw new Error('an error expected');
      expect(errorRecordSchema.parse(only!.errorRecord).error).toEqual({ code: 'EMPTY_INPUT', message: 'the WARC file holds no record: it is empty' });
      const counts = emptyWarcCounts();
      countWarcOutcome(counts, only!);
      expect(counts.errors).toBe(1);
    }
  });

  it('writes error records that name the record, and counts every outcome', async () => {
    const good = await warcRecord(htmlResponse(pages[0]!.url, pages[0]!.html), true);
    const empty = await warcRecord(htmlResponse('https://news.example/empty', '   '), true);
    const image = await warcRecord({ type: 'response', url: 'https://news.example/i.png', httpHeaders: { 'Content-Type': 'image/png' }, payload: 'PNG' }, true);
    const damaged = Buffer.from(good);
    damaged.fill(0x55, 30, 60);
    const all = await outcomes(Buffer.concat([good, empty, image, damaged, good]));
    expect(all.map((o) => (o.kind === 'error' ? o.errorRecord.error.code : o.kind))).toEqual(['document', 'EMPTY_INPUT', 'skipped', 'CORRUPT_GZIP', 'document']);
    for (const outcome of all) {
      if (outcome.kind !== 'error') continue;
      expect(errorRecordSchema.safeParse(outcome.errorRecord).success).toBe(true);
      expect(outcome.errorRecord.source.warc).toMatchObject({ file: 'crawl.warc.gz', index: outcome.record.index });
    }
    expect(all[1]!.kind === 'error' && all[1]!.errorRecord.source).toMatchObject({ name: 'https://news.example/empty', bytes: 3 });

    const counts = emptyWarcCounts();
    for (const outcome of all) countWarcOutcome(counts, outcome);
    expect(counts).toEqual({
      records: 5,
      documents: 2,
      errors: 2,
      errorsByCode: { EMPTY_INPUT: 1, CORRUPT_GZIP: 1 },
      skipped: { revisit: 0, request: 0, warcinfo: 0, metadata: 0, 'other-type': 0, 'not-html': 1, 'http-status': 0 },
      lenient: 0,
    });
    expect(addWarcCounts(emptyWarcCounts(), addWarcCounts(structuredClone(counts), counts))).toMatchObject({ records: 10, errorsByCode: { EMPTY_INPUT: 2 } });
  });

  it('says which records were read leniently (LF line ends) and which pages were joined from segments, in documents and counts', async () => {
    const block = httpBlock(pages[0]!.html);
    const segments = segmentedRecord(pages[0]!.url, 'seg', block, [Math.floor(block.length / 2)]);
    const lf = handRecord(responseFields(pages[1]!.url, 'lf'), httpBlock(pages[1]!.html), '\n');
    const all = await outcomes(Buffer.concat([segments[0]!, lf, segments[1]!]));
    const documents = all.filter((o) => o.kind === 'document');
    expect(documents.map((o) => o.document.source.warc)).toEqual([
      expect.objectContaining({ index: 1, recordId: '<urn:uuid:lf>', lenient: 'lf-line-ends' }),
      expect.objectContaining({ index: 0, recordId: '<urn:uuid:seg>', segments: 2 }),
    ]);
    expect(documents[1]!.document.source.warc).not.toHaveProperty('truncated');
    expect(documents[1]!.document.source.warc).not.toHaveProperty('lenient');
    // The joined page is the page cleaned on its own.
    expect(documents[1]!.document.bodyText).toBe(clean({ bytes: encode(pages[0]!.html, 'utf-8'), name: pages[0]!.url, contentType: 'text/html; charset=utf-8', url: pages[0]!.url }, { now: FIXED_NOW }).bodyText);
    for (const outcome of documents) expect(documentSchema.safeParse(outcome.document).success).toBe(true);
    const counts = emptyWarcCounts();
    for (const outcome of all) countWarcOutcome(counts, outcome);
    expect(counts).toMatchObject({ records: 3, documents: 2, lenient: 1, skipped: { 'other-type': 1 } });
    expect(warcSummaryLine('crawl.warc', counts)).toBe('crawl.warc: 3 records: 2 documents, 0 errors, 1 skipped (other-type 1); 1 read leniently (LF line ends)');
    // One of each is said in the singular ("1 records: 1 documents" was written).
    const one = emptyWarcCounts();
    one.records = 1;
    one.documents = 1;
    expect(warcSummaryLine('page.warc', one)).toBe('page.warc: 1 record: 1 document, 0 errors, 0 skipped');
  });

  it("a page's date after its capture (WARC-Date) is no publication date: left out; one before it stays", async () => {
    const dated = (published: string) =>
      article(['The harbour ferry resumed service on Monday after a week of repairs to its engine, the operator said.', 'Crews worked through the weekend to finish the work before the school holidays began.'], {
        head: `<title>Ferry back</title><script type="application/ld+json">${JSON.stringify({ '@type': 'NewsArticle', headline: 'Ferry back', datePublished: published })}</script>`,
      });
    const file = await warcFile([
      { ...htmlResponse('https://news.example/countdown', dated('2031-01-01T00:00:00Z')), date: '2024-03-14T09:12:03Z' },
      { ...htmlResponse('https://news.example/ferry', dated('2024-03-13T08:00:00Z')), date: '2024-03-14T09:12:03Z' },
    ]);
    const documents: Array<string | null> = [];
    for await (const outcome of cleanWarc(inChunks(file), { file: 'crawl.warc', clean: { now: FIXED_NOW } })) if (outcome.kind === 'document') documents.push(outcome.document.publishedAt);
    expect(documents).toEqual([null, '2024-03-13T08:00:00Z']);
  });
});
