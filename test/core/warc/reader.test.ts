/**
 * The WARC reader on files written by warcio itself: every record of a mixed file has the
 * outcome it should (pages in several charsets, text, an image, a revisit, requests, chunked and
 * content-encoded payloads), in each of the three layouts (uncompressed, gzipped per record,
 * gzipped whole), whatever the size of the chunks the stream delivers; damaged files (a record
 * whose length lies, a garbage header, a damaged or cut gzip member, a truncated file) give one
 * error per damage and the records after it are still read; and a read can start at any
 * record's position.
 */
import { Readable } from 'node:stream';
import { brotliCompressSync, crc32, deflateSync, gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { WarcReader, type WarcEntry } from '../../../src/core/warc/index.js';
import { WARC_LIMITS } from '../../../src/core/warc/limits.js';
import { isWarcName, warcStem } from '../../../src/core/warc/names.js';
import { article, encode } from '../helpers.js';
import { chunked, handRecord, htmlResponse, httpBlock, inChunks, responseFields, segmentedRecord, warcFile, warcRecord, type RecordSpec } from './build.js';

const LAYOUTS = ['none', 'record', 'file'] as const;

const paragraphs = (topic: string) => [
  `The ${topic} committee met on Tuesday evening to discuss the plans for the coming season, which were presented by the chair.`,
  `Members asked many questions about the costs of the ${topic} project and about the timetable, and the answers were published afterwards.`,
];
const utf8Page = article(paragraphs('harbour'), { head: '<title>Harbour</title>' });
const frenchPage = article(['Le café « Chez Zoé » a rouvert ses portes hier. Les habitués étaient ravis : « C’est comme à la maison », a déclaré Hélène.'], { lang: 'fr' });
const japanesePage = article(['東京都は本日、新しい交通計画を発表した。計画によると、来年から市内のバス路線が大幅に見直され、利用者の利便性が向上する見込みだ。'], { head: '<meta charset="shift_jis">' });
const russianText = 'Москва - столица России. Сегодня в городе прошёл большой праздник, на улицы вышли тысячи жителей.\n\nПогода была тёплой.';
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

interface Expected {
  readonly kind: WarcEntry['kind'];
  readonly reason?: string;
  readonly code?: string;
  /** The payload the page must come out with. */
  readonly payload?: Uint8Array;
  readonly contentType?: string | null;
}

/** The mixed file: each record with the outcome it must have. */
function mixed(): Array<{ spec: RecordSpec; expected: Expected }> {
  const utf8 = Buffer.from(utf8Page);
  return [
    { spec: { type: 'warcinfo', payload: 'software: scrape-clean tests\r\nformat: WARC File Format 1.1\r\n', warcHeaders: { 'Content-Type': 'application/warc-fields' } }, expected: { kind: 'skipped', reason: 'warcinfo' } },
    { spec: { type: 'request', url: 'https://news.example/harbour', statusline: 'GET /harbour HTTP/1.1', httpHeaders: { Host: 'news.example' } }, expected: { kind: 'skipped', reason: 'request' } },
    { spec: htmlResponse('https://news.example/harbour', utf8), expected: { kind: 'page', payload: utf8, contentType: 'text/html; charset=utf-8' } },
    {
      spec: htmlResponse('https://news.example/cafe', encode(frenchPage, 'windows-1252'), { 'Content-Type': 'text/html; charset=windows-1252' }),
      expected: { kind: 'page', payload: encode(frenchPage, 'windows-1252'), contentType: 'text/html; charset=windows-1252' },
    },
    { spec: htmlResponse('https://news.example/tokyo', encode(japanesePage, 'shift_jis'), { 'Content-Type': 'text/html' }), expected: { kind: 'page', payload: encode(japanesePage, 'shift_jis'), contentType: 'text/html' } },
    {
      spec: { type: 'response', url: 'https://news.example/moscow.txt', httpHeaders: { 'Content-Type': 'text/plain; charset=koi8-r' }, payload: encode(russianText, 'koi8-r') },
      expected: { kind: 'page', payload: encode(russianText, 'koi8-r'), contentType: 'text/plain; charset=koi8-r' },
    },
    { spec: { type: 'response', url: 'https://news.example/logo.png', httpHeaders: { 'Content-Type': 'image/png' }, payload: PNG }, expected: { kind: 'skipped', reason: 'not-html' } },
    { spec: { type: 'revisit', url: 'https://news.example/harbour', warcHeaders: { 'WARC-Refers-To-Target-URI': 'https://news.example/harbour' } }, expected: { kind: 'skipped', reason: 'revisit' } },
    { spec: htmlResponse('https://news.example/gone', '<html><body><p>Not found</p></body></html>', {}, 'HTTP/1.1 404 Not Found'), expected: { kind: 'skipped', reason: 'http-status' } },
    { spec: htmlResponse('https://news.example/old', '<html><body>Moved</body></html>', { Location: '/new' }, 'HTTP/1.1 301 Moved Permanently'), expected: { kind: 'skipped', reason: 'http-status' } },
    {
      spec: htmlResponse('https://news.example/chunked', chunked(utf8, 100), { 'Transfer-Encoding': 'chunked' }),
      expected: { kind: 'page', payload: utf8, contentType: 'text/html; charset=utf-8' },
    },
    { spec: htmlResponse('https://news.example/gzip', gzipSync(utf8), { 'Content-Encoding': 'gzip' }), expected: { kind: 'page', payload: utf8 } },
    { spec: htmlResponse('https://news.example/deflate', deflateSync(utf8), { 'Content-Encoding': 'deflate' }), expected: { kind: 'page', payload: utf8 } },
    { spec: htmlResponse('https://news.example/br', brotliCompressSync(utf8), { 'Content-Encoding': 'br' }), expected: { kind: 'page', payload: utf8 } },
    {
      spec: htmlResponse('https://news.example/chunked-gzip', chunked(gzipSync(utf8), 64), { 'Content-Encoding': 'gzip', 'Transfer-Encoding': 'chunked' }),
      expected: { kind: 'page', payload: utf8 },
    },
    // wget stores the decoded payload under the original header: taken as it is.
    { spec: htmlResponse('https://news.example/stored-decoded', utf8, { 'Content-Encoding': 'gzip' }), expected: { kind: 'page', payload: utf8 } },
    {
      spec: { type: 'resource', url: 'file:///notes/readme.txt', warcHeaders: { 'Content-Type': 'text/plain' }, payload: 'Plain notes of the crawl, kept as a resource record.' },
      expected: { kind: 'page', payload: Buffer.from('Plain notes of the crawl, kept as a resource record.'), contentType: 'text/plain' },
    },
    { spec: { type: 'resource', url: 'urn:x-image', warcHeaders: { 'Content-Type': 'image/png' }, payload: PNG }, expected: { kind: 'skipped', reason: 'not-html' } },
    { spec: { type: 'metadata', url: 'https://news.example/harbour', warcHeaders: { 'Content-Type': 'application/warc-fields' }, payload: 'outlink: https://news.example/\r\n' }, expected: { kind: 'skipped', reason: 'metadata' } },
    {
      spec: { type: 'response', url: 'https://news.example/untyped', httpHeaders: { Server: 'test' }, payload: '<!doctype html><html><body><p>No content type at all.</p></body></html>' },
      expected: { kind: 'page', contentType: null },
    },
  ];
}

async function readAll(source: AsyncIterable<Uint8Array>, options: ConstructorParameters<typeof WarcReader>[1] = {}): Promise<WarcEntry[]> {
  const entries: WarcEntry[] = [];
  for await (const entry of new WarcReader(source, options).entries()) entries.push(entry);
  return entries;
}

function summary(entries: readonly WarcEntry[]): string[] {
  return entries.map((e) => (e.kind === 'page' ? `page ${e.record.targetUri}` : e.kind === 'skipped' ? `skipped ${e.reason}` : `error ${e.error.code}`));
}

function check(entry: WarcEntry, expected: Expected, spec: RecordSpec, index: number): void {
  expect({ kind: entry.kind, index: entry.record.index }).toEqual({ kind: expected.kind, index });
  expect(entry.record.type).toBe(spec.type);
  if (spec.url) expect(entry.record.targetUri).toBe(spec.url);
  expect(entry.record.recordId).toMatch(/^<urn:uuid:[0-9a-f-]+>$/);
  expect(entry.record.date).toBe('2024-03-14T09:12:03Z');
  if (entry.kind === 'skipped') expect(entry.reason).toBe(expected.reason);
  if (entry.kind === 'page') {
    if (expected.payload) expect(Buffer.from(entry.input.bytes).equals(Buffer.from(expected.payload))).toBe(true);
    if (expected.contentType !== undefined) expect(entry.input.contentType).toBe(expected.contentType);
    expect(entry.input.name).toBe(spec.url);
  }
}

describe.each(LAYOUTS)('a mixed WARC file, gzip: %s', (layout) => {
  it('gives every record its outcome, in order, whatever the chunk size of the stream', async () => {
    const records = mixed();
    const file = await warcFile(
      records.map((r) => r.spec),
      layout,
    );
    for (const size of [1, 7, 500, 65536]) {
      const entries = await readAll(inChunks(file, size));
      expect(entries).toHaveLength(records.length);
      entries.forEach((entry, i) => { check(entry, records[i]!.expected, records[i]!.spec, i); });
    }
  });

  it('starts at any record it reported, with the same entries from there on', async () => {
    const records = mixed();
    const file = await warcFile(
      records.map((r) => r.spec),
      layout,
    );
    const all = await readAll(inChunks(file));
    for (const entry of all) {
      const start = entry.record.start;
      // A reader starts where a ranged read of the stored file would: at the member (or byte) offset.
      const rest = await readAll(inChunks(file.subarray(start.offset)), { start, firstIndex: entry.record.index });
      expect(summary(rest)).toEqual(summary(all.slice(entry.record.index)));
      expect(rest.map((e) => e.record.start)).toEqual(all.slice(entry.record.index).map((e) => e.record.start));
    }
  });

  it('says where the next record starts when the reading stops early, and null at the end', async () => {
    const file = await warcFile(
      mixed().map((r) => r.spec),
      layout,
    );
    const all = await readAll(inChunks(file));
    const reader = new WarcReader(inChunks(file));
    let read = 0;
    for await (const _entry of reader.entries()) if (++read === 5) break;
    expect(await reader.nextPosition()).toEqual(all[5]!.record.start);
    expect(reader.nextIndex).toBe(5);
    const whole = new WarcReader(inChunks(file));
    for await (const _entry of whole.entries());
    expect(await whole.nextPosition()).toBeNull();
  });

  it('reads a file saved with a UTF-8 byte order mark (and blank lines) before its first record', async () => {
    // The first record was a CORRUPT_RECORD error line ("no WARC record starts at offset 0"), its page lost.
    const pages = ['one', 'two'].map((n) => htmlResponse(`https://site.example/${n}`, `<p>The ${n}th page.</p>`));
    const records = await Promise.all(pages.map((spec) => warcRecord(spec)));
    for (const before of ['\ufeff', '\ufeff\r\n\r\n', '\r\n\ufeff']) {
      const file = laidOut([Buffer.concat([Buffer.from(before, 'utf8'), records[0]!]), records[1]!], layout);
      const entries = await readAll(inChunks(file, 7));
      expect(summary(entries), JSON.stringify(before)).toEqual(['page https://site.example/one', 'page https://site.example/two']);
      // A reading started where the reader said the second record starts gives it again.
      expect(summary(await readAll(inChunks(file.subarray(entries[1]!.record.start.offset)), { start: entries[1]!.record.start, firstIndex: 1 }))).toEqual(['page https://site.example/two']);
    }
  });
});

describe('streams', () => {
  it('reads a Node stream and a web ReadableStream', async () => {
    const file = await warcFile(
      mixed().map((r) => r.spec),
      'record',
    );
    const expected = summary(await readAll(inChunks(file)));
    expect(summary(await readAll(Readable.from([Buffer.from(file)])))).toEqual(expected);
    const web = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(file.subarray(0, 1000));
        controller.enqueue(file.subarray(1000));
        controller.close();
      },
    });
    expect(summary(await readAll(web as unknown as AsyncIterable<Uint8Array>))).toEqual(expected);
  });

  it('reads nothing from an empty stream', async () => {
    expect(await readAll(inChunks(new Uint8Array(0)))).toEqual([]);
  });
});

describe('gzip members as other writers make them', () => {
  /** A member with the optional header fields gzip(1) and other writers set: extra field, name, comment, header CRC. */
  function withHeaderFields(member: Uint8Array): Buffer {
    const FHCRC = 0x02;
    const FEXTRA = 0x04;
    const FNAME = 0x08;
    const FCOMMENT = 0x10;
    const head = Buffer.from(member.subarray(0, 10));
    head[3] = FHCRC | FEXTRA | FNAME | FCOMMENT;
    const fields = Buffer.concat([Buffer.from([4, 0]), Buffer.from('ab\x02\x00', 'latin1'), Buffer.from('crawl-00001.warc\0'), Buffer.from('a comment\0')]);
    const header = Buffer.concat([head, fields]);
    const crc = Buffer.alloc(2);
    crc.writeUInt16LE(crc32(header) & 0xffff);
    return Buffer.concat([header, crc, member.subarray(10)]);
  }

  it('reads members with an extra field, a name, a comment and a header CRC, whatever the chunks', async () => {
    const records = await Promise.all(['one', 'two', 'three'].map((n) => warcRecord(htmlResponse(`https://site.example/${n}`, article(paragraphs(n))), true)));
    const file = Buffer.concat(records.map(withHeaderFields));
    for (const size of [1, 5, 333]) expect(summary(await readAll(inChunks(file, size)))).toEqual(['page https://site.example/one', 'page https://site.example/two', 'page https://site.example/three']);
  });

  it('takes a member whose header CRC fails as damage, and reads on', async () => {
    const records = await Promise.all(['one', 'two', 'three'].map((n) => warcRecord(htmlResponse(`https://site.example/${n}`, article(paragraphs(n))), true)));
    const bad = withHeaderFields(records[1]!);
    bad[bad.indexOf(0, bad.indexOf('a comment')) + 1]! ^= 0xff;
    expect(summary(await readAll(inChunks(Buffer.concat([withHeaderFields(records[0]!), bad, withHeaderFields(records[2]!)]), 7)))).toEqual([
      'page https://site.example/one',
      'error CORRUPT_GZIP',
      'page https://site.example/three',
    ]);
  });

  it('reads a file gzipped whole, far longer than one output piece, from its start and from any record', async () => {
    const specs = Array.from({ length: 120 }, (_, n) => htmlResponse(`https://site.example/${n}`, article([...paragraphs(`number ${n}`), `Record ${n}: ${'filler words for length '.repeat(40)}`])));
    const file = await warcFile(specs, 'file');
    const all = await readAll(inChunks(file, 1000));
    expect(summary(all)).toEqual(specs.map((spec) => `page ${spec.url}`));
    for (const entry of [all[1]!, all[57]!, all[119]!]) {
      expect(entry.record.start.offset).toBe(0);
      const rest = await readAll(inChunks(file, 1000), { start: entry.record.start, firstIndex: entry.record.index });
      expect(summary(rest)).toEqual(summary(all.slice(entry.record.index)));
    }
  });

  it('a member cut short that is longer than one output piece: its error, then the records after it', async () => {
    const long = htmlResponse('https://site.example/long', article(Array.from({ length: 1200 }, (_, n) => `Paragraph ${n} of a long page, ${'with words that do not compress to nothing '.repeat(2)}${n * 7919}.`)));
    const records = await Promise.all([htmlResponse('https://site.example/one', article(paragraphs('one'))), long, htmlResponse('https://site.example/three', article(paragraphs('three')))].map((spec) => warcRecord(spec, true)));
    const cut = records[1]!.subarray(0, records[1]!.length - 30);
    const outcome = summary(await readAll(inChunks(Buffer.concat([records[0]!, cut, records[2]!]), 4096)));
    expect(gunzipSync(records[1]!).length).toBeGreaterThan(2 * 64 * 1024);
    expect(outcome[0]).toBe('page https://site.example/one');
    expect(outcome.at(-1)).toBe('page https://site.example/three');
    expect(outcome.slice(1, -1)).toContain('error CORRUPT_GZIP');
  });
});

/** Three good pages around the damage: the last must always be read. */
async function around(damaged: (records: Uint8Array[]) => Uint8Array[], gzip: boolean): Promise<string[]> {
  const specs = ['one', 'two', 'three', 'four'].map((n) => htmlResponse(`https://site.example/${n}`, article(paragraphs(n))));
  const records = await Promise.all(specs.map((spec) => warcRecord(spec, gzip)));
  return summary(await readAll(inChunks(Buffer.concat(damaged(records)), 333)));
}

const latin = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');
const bytesOf = (text: string) => Buffer.from(text, 'latin1');

describe('damaged files: one error per damage, and the records after it are read', () => {
  it('a Content-Length too long', async () => {
    const outcome = await around((r) => [r[0]!, bytesOf(latin(r[1]!).replace(/Content-Length: (\d+)/, (_, n) => `Content-Length: ${Number(n) + 40}`)), r[2]!, r[3]!], false);
    expect(outcome).toEqual(['page https://site.example/one', 'error CORRUPT_RECORD', 'page https://site.example/three', 'page https://site.example/four']);
  });

  it('a Content-Length too short', async () => {
    const outcome = await around((r) => [r[0]!, bytesOf(latin(r[1]!).replace(/Content-Length: (\d+)/, (_, n) => `Content-Length: ${Number(n) - 40}`)), r[2]!, r[3]!], false);
    expect(outcome).toEqual(['page https://site.example/one', 'error CORRUPT_RECORD', 'page https://site.example/three', 'page https://site.example/four']);
  });

  it('garbage where a record should start, and a header without Content-Length', async () => {
    const noLength = bytesOf(latin(await warcRecord(htmlResponse('https://site.example/x', '<p>x</p>'))).replace(/Content-Length: \d+\r\n/, ''));
    const outcome = await around((r) => [r[0]!, bytesOf('this is not a WARC record at all\r\n\r\n'), r[1]!, noLength, r[2]!, r[3]!], false);
    expect(outcome).toEqual([
      'page https://site.example/one',
      'error CORRUPT_RECORD',
      'page https://site.example/two',
      'error CORRUPT_RECORD',
      'page https://site.example/three',
      'page https://site.example/four',
    ]);
  });

  it('a gzip member with damaged bytes', async () => {
    const outcome = await around((r) => {
      const bad = Buffer.from(r[1]!);
      for (let i = 40; i < 60; i++) bad[i] = 0xff - bad[i]!;
      return [r[0]!, bad, r[2]!, r[3]!];
    }, true);
    expect(outcome).toEqual(['page https://site.example/one', 'error CORRUPT_GZIP', 'page https://site.example/three', 'page https://site.example/four']);
  });

  it('a gzip member cut short in the middle of the file', async () => {
    const outcome = await around((r) => [r[0]!, r[1]!.subarray(0, r[1]!.length - 30), r[2]!, r[3]!], true);
    expect(outcome).toEqual(['page https://site.example/one', 'error CORRUPT_GZIP', 'page https://site.example/three', 'page https://site.example/four']);
  });

  it('garbage between gzip members', async () => {
    const outcome = await around((r) => [r[0]!, r[1]!, bytesOf('junk junk junk'), r[2]!, r[3]!], true);
    expect(outcome).toEqual(['page https://site.example/one', 'page https://site.example/two', 'error CORRUPT_GZIP', 'page https://site.example/three', 'page https://site.example/four']);
  });

  it('zero padding between gzip members is not damage', async () => {
    const outcome = await around((r) => [r[0]!, new Uint8Array(512), r[1]!, r[2]!, r[3]!], true);
    expect(outcome).toEqual(['page https://site.example/one', 'page https://site.example/two', 'page https://site.example/three', 'page https://site.example/four']);
  });

  it('a file that ends inside the last record (uncompressed and gzipped)', async () => {
    expect(await around((r) => [r[0]!, r[1]!, r[2]!, r[3]!.subarray(0, r[3]!.length - 100)], false)).toEqual([
      'page https://site.example/one',
      'page https://site.example/two',
      'page https://site.example/three',
      'error TRUNCATED_RECORD',
    ]);
    expect(await around((r) => [r[0]!, r[1]!, r[2]!, r[3]!.subarray(0, r[3]!.length - 100)], true)).toEqual([
      'page https://site.example/one',
      'page https://site.example/two',
      'page https://site.example/three',
      'error CORRUPT_GZIP',
    ]);
  });

  it('a file that ends in a record header', async () => {
    expect(await around((r) => [r[0]!, r[1]!.subarray(0, 60)], false)).toEqual(['page https://site.example/one', 'error TRUNCATED_RECORD']);
  });

  it('a record without the blank line after its block: its error, and the record that starts right after it is read', async () => {
    const noBlankLine = (bytes: Uint8Array) => bytes.subarray(0, bytes.length - 4);
    expect(await around((r) => [r[0]!, noBlankLine(r[1]!), r[2]!, r[3]!], false)).toEqual(['page https://site.example/one', 'error CORRUPT_RECORD', 'page https://site.example/three', 'page https://site.example/four']);
    // Streamed past (not a page): the same.
    const image = await warcRecord({ type: 'response', url: 'https://site.example/i.png', httpHeaders: { 'Content-Type': 'image/png' }, payload: PNG });
    const page = await warcRecord(htmlResponse('https://site.example/after', article(paragraphs('after'))));
    expect(summary(await readAll(inChunks(Buffer.concat([noBlankLine(image), page]), 50)))).toEqual(['error CORRUPT_RECORD', 'page https://site.example/after']);
  });

  it('a version line padded with white space, a Content-Length written twice with one value: read, as warcio reads them', async () => {
    // Both were CORRUPT_RECORD error lines ("no WARC record starts", "no valid Content-Length"): every record of such a writer.
    const block = httpBlock('<p>The page.</p>');
    const record = (lines: readonly string[]) => Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`), block, Buffer.from('\r\n\r\n')]);
    const fields = (n: string) => ['WARC-Type: response', `WARC-Target-URI: https://site.example/${n}`, 'Content-Type: application/http; msgtype=response'];
    const file = Buffer.concat([
      record(['WARC/1.0 ', ...fields('padded'), `Content-Length: ${block.length}`]),
      record(['WARC/1.1\t', ...fields('tab'), `Content-Length: ${block.length}`]),
      record(['WARC/1.0', ...fields('twice'), `Content-Length: ${block.length}`, `Content-Length: ${block.length}`]),
      record(['WARC/1.0', ...fields('unequal'), `Content-Length: ${block.length}`, `Content-Length: ${block.length + 1}`]),
      record(['WARC/1.0', ...fields('after'), `Content-Length: ${block.length}`]),
    ]);
    expect(summary(await readAll(inChunks(file, 13)))).toEqual([
      'page https://site.example/padded',
      'page https://site.example/tab',
      'page https://site.example/twice',
      'error CORRUPT_RECORD',
      'page https://site.example/after',
    ]);
  });

  it('a record header whose lines end in LF alone (line ends converted) is said to be so, not a file cut inside it', async () => {
    const lf = (bytes: Uint8Array) => bytesOf(latin(bytes).replace(/\r\n/g, '\n'));
    const outcome = await around((r) => [r[0]!, lf(r[1]!), r[2]!, r[3]!], false);
    expect(outcome).toEqual(['page https://site.example/one', 'error CORRUPT_RECORD', 'page https://site.example/three', 'page https://site.example/four']);
    const entries = await readAll(inChunks(Buffer.concat((await Promise.all(['a', 'b'].map((n) => warcRecord(htmlResponse(`https://site.example/${n}`, article(paragraphs(n))))))).map(lf))));
    expect(entries.map((e) => (e.kind === 'error' ? e.error.message : e.kind))).toEqual([
      'the record header at offset 0 ends its lines with LF alone, not CRLF as WARC requires (were the file\'s line ends converted?)',
      expect.stringMatching(/^the record header at offset \d+ ends its lines with LF alone/),
    ]);
  });

  it('a record longer than the limit: TOO_LARGE when it is a page, skipped when it is not, streamed past either way', async () => {
    const big = 'x'.repeat(5000);
    const file = await warcFile([
      htmlResponse('https://site.example/big', `<html><body><p>${big}</p></body></html>`),
      { type: 'response', url: 'https://site.example/big.png', httpHeaders: { 'Content-Type': 'image/png' }, payload: new Uint8Array(6000) },
      htmlResponse('https://site.example/small', '<html><body><p>small</p></body></html>'),
    ]);
    const entries = await readAll(inChunks(file, 100), { maxRecordBytes: 1000 });
    expect(summary(entries)).toEqual(['error TOO_LARGE', 'skipped not-html', 'page https://site.example/small']);
  });

  it('a payload that inflates past the limit is TOO_LARGE', async () => {
    const bomb = gzipSync(Buffer.alloc(2_000_000, 0x20));
    const file = await warcFile([htmlResponse('https://site.example/bomb', bomb, { 'Content-Encoding': 'gzip' }), htmlResponse('https://site.example/after', '<p>after</p>')]);
    expect(summary(await readAll(inChunks(file), { maxRecordBytes: 100_000 }))).toEqual(['error TOO_LARGE', 'page https://site.example/after']);
  });
});

describe('files whose writer mixed gzip members and uncompressed records', () => {
  // Records appended uncompressed to a gzipped file (or gzipped to an uncompressed one): the first change of layout lost
  // every record after it: one CORRUPT_RECORD for all of them ("no WARC record starts") after an uncompressed start, a
  // CORRUPT_GZIP for each uncompressed record between members, and two for one at the end.
  const specs = ['one', 'two', 'three', 'four'].map((n) => htmlResponse(`https://site.example/${n}`, article(paragraphs(n))));
  const all = specs.map((spec) => `page ${spec.url}`);
  it.each([
    ['uncompressed, then gzip', [false, true, true, true]],
    ['gzip, uncompressed, gzip', [true, false, true, true]],
    ['gzip, then uncompressed at the end', [true, true, true, false]],
    ['alternating', [false, true, false, true]],
  ] as const)('%s: every record is read, from the start and from each record\'s position', async (_label, gzipped) => {
    // One uncompressed record holds a gzip-encoded payload: its gzip bytes are its block, not a member.
    const encoded = { ...htmlResponse('https://site.example/two', gzipSync(article(paragraphs('two')))), httpHeaders: { 'Content-Type': 'text/html', 'Content-Encoding': 'gzip' } };
    const records = await Promise.all(specs.map((spec, i) => warcRecord(i === 1 ? encoded : spec, gzipped[i])));
    const file = Buffer.concat(records);
    for (const size of [7, 333, 1 << 16]) expect(summary(await readAll(inChunks(file, size))), String(size)).toEqual(all);
    let offset = 0;
    for (let i = 0; i < records.length; i++) {
      expect(summary(await readAll(inChunks(file.subarray(offset), 333), { start: { offset, skip: 0 }, firstIndex: i }))).toEqual(all.slice(i));
      offset += records[i]!.length;
    }
  });

  it('damage between them is still one error, and the records after it are read', async () => {
    const records = await Promise.all(specs.map((spec, i) => warcRecord(spec, i !== 2)));
    expect(summary(await readAll(inChunks(Buffer.concat([records[0]!, bytesOf('junk junk junk'), records[1]!, records[2]!, records[3]!]), 333)))).toEqual([
      all[0],
      'error CORRUPT_GZIP',
      ...all.slice(1),
    ]);
    // Garbage at the end of a gzipped file: one error, not one for its last three bytes besides.
    expect(summary(await readAll(inChunks(Buffer.concat([records[0]!, records[1]!, bytesOf('junk junk junk junk')]), 333)))).toEqual([all[0], all[1], 'error CORRUPT_GZIP']);
  });
});

describe('HTTP heads as servers write them', () => {
  /** A response record around a block written by hand (warcio's writer would write the head its own way). */
  const rawResponse = (url: string, block: string): Uint8Array => {
    const body = Buffer.from(block, 'latin1');
    const head = [
      'WARC/1.1',
      'WARC-Type: response',
      `WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-${String(body.length).padStart(12, '0')}>`,
      'WARC-Date: 2024-03-14T09:12:03Z',
      `WARC-Target-URI: ${url}`,
      'Content-Type: application/http; msgtype=response',
      `Content-Length: ${body.length}`,
    ].join('\r\n');
    return Buffer.concat([Buffer.from(`${head}\r\n\r\n`, 'latin1'), body, Buffer.from('\r\n\r\n', 'latin1')]);
  };
  const html = '<!doctype html><html><body><p>The page a browser shows after the head.</p></body></html>';
  const payloads = async (blocks: ReadonlyArray<[string, string]>) =>
    (await readAll(inChunks(Buffer.concat(blocks.map(([url, block]) => rawResponse(url, block))), 64))).map((e) =>
      e.kind === 'page' ? { page: e.record.targetUri, contentType: e.input.contentType, payload: latin(e.input.bytes) } : summary([e])[0],
    );

  it('a head whose lines end in LF alone, and a head without a header field: the payload is what follows the blank line', async () => {
    expect(
      await payloads([
        ['https://site.example/lf', `HTTP/1.1 200 OK\nContent-Type: text/html\n\n${html}`],
        ['https://site.example/no-fields', `HTTP/1.0 200 OK\r\n\r\n${html}`],
        ['https://site.example/crlf', `HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n${html}`],
      ]),
    ).toEqual([
      { page: 'https://site.example/lf', contentType: 'text/html', payload: html },
      { page: 'https://site.example/no-fields', contentType: null, payload: html },
      { page: 'https://site.example/crlf', contentType: 'text/html', payload: html },
    ]);
  });

  it('a Content-Type sent twice is the last media type of its values, as browsers take it: the page, not a skipped record', async () => {
    // Headers join a field sent twice with ", ": "text/html, text/html; charset=utf-8" was taken for one type, no page's.
    expect(
      await payloads([
        ['https://site.example/twice', `HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Type: text/html; charset=utf-8\r\n\r\n${html}`],
        ['https://site.example/plain-then-html', `HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Type: text/html\r\n\r\n${html}`],
        ['https://site.example/html-then-image', `HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Type: image/png\r\n\r\n${html}`],
        ['https://site.example/then-empty', `HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Type: \r\n\r\n${html}`],
      ]),
    ).toEqual([
      { page: 'https://site.example/twice', contentType: 'text/html, text/html; charset=utf-8', payload: html },
      { page: 'https://site.example/plain-then-html', contentType: 'text/plain, text/html', payload: html },
      'skipped not-html',
      { page: 'https://site.example/then-empty', contentType: 'text/html; charset=utf-8', payload: html },
    ]);
  });

  it('a block typed message/http (RFC 2616\'s name beside application/http) is an HTTP response: its page, not a skipped record', async () => {
    const html = article(paragraphs('typed'));
    const record = handRecord(responseFields('https://site.example/typed', 'typed', { 'Content-Type': 'message/http; msgtype=response' }), httpBlock(html));
    const entries = await readAll(inChunks(record));
    expect(summary(entries)).toEqual(['page https://site.example/typed']);
    expect(entries[0]!.kind === 'page' && latin(entries[0]!.input.bytes)).toBe(latin(Buffer.from(html)));
  });

  it('an interim response (100 Continue, 103 Early Hints) recorded before the final one: the final one is the page', async () => {
    expect(
      await payloads([
        ['https://site.example/continue', `HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n${html}`],
        ['https://site.example/hints', `HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n${html}`],
        ['https://site.example/then-404', `HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n${html}`],
        ['https://site.example/switching', `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\nHTTP/1.1 200 OK\r\n\r\n${html}`],
      ]),
    ).toEqual([
      { page: 'https://site.example/continue', contentType: 'text/html', payload: html },
      { page: 'https://site.example/hints', contentType: 'text/html', payload: html },
      'skipped http-status',
      'skipped http-status',
    ]);
  });

  it('a block without a head (an HTTP/0.9 response, a crawler that kept the body alone) is the page, whole', async () => {
    // It was taken up to its first blank line for a head (the page lost its start), or, with no blank line, refused.
    const spaced = '<!doctype html>\n<html><head><title>Old server</title></head>\n\n<body><p>The first paragraph of the page.</p>\n\n<p>The second.</p></body></html>';
    expect(
      await payloads([
        ['https://site.example/spaced', spaced],
        ['https://site.example/dense', html],
        ['https://site.example/after', `HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n${html}`],
      ]),
    ).toEqual([
      { page: 'https://site.example/spaced', contentType: null, payload: spaced },
      { page: 'https://site.example/dense', contentType: null, payload: html },
      { page: 'https://site.example/after', contentType: 'text/html', payload: html },
    ]);
    // A body that is not a page stays skipped; a head that begins 'http/' in lower case is still a head.
    expect(await payloads([['https://site.example/logo.png', '\x89PNG\r\n\x1a\n\r\n\r\nIHDR']])).toEqual(['skipped not-html']);
    expect(await payloads([['https://site.example/lower', `http/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n${html}`]])).toEqual([
      { page: 'https://site.example/lower', contentType: 'text/html', payload: html },
    ]);
    // Status lines that do not begin 'HTTP/' are heads all the same: after white space a writer left, a SHOUTcast 'ICY'.
    expect(
      await payloads([
        ['https://site.example/spaced-head', ` HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n${html}`],
        ['https://site.example/icy', `ICY 200 OK\r\nContent-Type: text/html\r\n\r\n${html}`],
      ]),
    ).toEqual([
      { page: 'https://site.example/spaced-head', contentType: 'text/html', payload: html },
      { page: 'https://site.example/icy', contentType: 'text/html', payload: html },
    ]);
  });

  it('a head that never ends (no blank line) is a damaged record, not an empty page', async () => {
    expect(await payloads([['https://site.example/endless', `HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n${html}`]])).toEqual(['error CORRUPT_RECORD']);
  });

  it('a response record of no bytes (Content-Length 0) is empty, not a damaged head; the record after it is read', async () => {
    const entries = await payloads([
      ['https://site.example/no-answer', ''],
      ['https://site.example/after', `HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n${html}`],
    ]);
    expect(entries).toEqual(['error EMPTY_INPUT', { page: 'https://site.example/after', contentType: 'text/html', payload: html }]);
  });
});

/** Each record gzipped as a member of its own ('record'), the whole gzipped as one ('file'), or not ('none'). */
function laidOut(records: readonly Uint8Array[], layout: (typeof LAYOUTS)[number]): Uint8Array {
  if (layout === 'record') return Buffer.concat(records.map((record) => gzipSync(record)));
  const joined = Buffer.concat(records);
  return layout === 'file' ? gzipSync(joined) : joined;
}

describe.each(LAYOUTS)('records whose WARC header ends its lines with LF alone, gzip: %s', (layout) => {
  const pageOf = (n: string) => article(paragraphs(n));
  const info = (eol: string) => handRecord({ 'WARC-Type': 'warcinfo', 'WARC-Record-ID': '<urn:uuid:info>', 'WARC-Date': '2024-03-14T09:12:03Z', 'Content-Type': 'application/warc-fields' }, `software: a script${eol}`, eol);

  it('are read when their Content-Length ends the block right before the next record (hand-made files, scripts), and said to be lenient', async () => {
    const file = laidOut(
      [
        info('\n'),
        // The HTTP head as the server sent it (CRLF) under a header of LF line ends, and a head of LF line ends too.
        handRecord(responseFields('https://site.example/one', 'one'), httpBlock(pageOf('one')), '\n'),
        handRecord(responseFields('https://site.example/two', 'two'), httpBlock(pageOf('two'), 'text/html', '\n'), '\n'),
        handRecord(responseFields('https://site.example/three', 'three'), httpBlock(pageOf('three')), '\r\n'),
        // The last record of the file without its blank line.
        handRecord(responseFields('https://site.example/four', 'four'), httpBlock(pageOf('four')), '\n').subarray(0, -2),
      ],
      layout,
    );
    for (const size of [7, 4096]) {
      const entries = await readAll(inChunks(file, size));
      expect(summary(entries)).toEqual(['skipped warcinfo', ...['one', 'two', 'three', 'four'].map((n) => `page https://site.example/${n}`)]);
      expect(entries.map((e) => e.record.lenient ?? null)).toEqual(['lf-line-ends', 'lf-line-ends', 'lf-line-ends', null, 'lf-line-ends']);
      for (const [k, n] of ['one', 'two', 'three', 'four'].entries()) {
        const entry = entries[k + 1]!;
        if (entry.kind !== 'page') throw new Error('a page expected');
        expect(latin(entry.input.bytes)).toBe(latin(Buffer.from(pageOf(n))));
        expect(entry.record.recordId).toBe(`<urn:uuid:${n}>`);
      }
    }
  });

  it('are errors when the Content-Length does not end the block right before a record, though it lands on a blank line', async () => {
    const blank = '<p>First part of the page.</p>\n\n<p>Second part of the page.</p>';
    const two = handRecord(responseFields('https://site.example/two', 'two'), httpBlock(article([blank])), '\n');
    const oneBlock = httpBlock(pageOf('one'));
    // Counted as if the file's line ends had been converted after it was written: the length lands on the blank line inside the next page.
    const into = latin(two).indexOf('\n\n<p>Second');
    const one = handRecord(responseFields('https://site.example/one', 'one'), oneBlock, '\n', oneBlock.length + 2 + into);
    expect(latin(one.subarray(0, 0)) + latin(two).slice(into, into + 2)).toBe('\n\n');
    const three = handRecord(responseFields('https://site.example/three', 'three'), httpBlock(pageOf('three')), '\n');
    expect(summary(await readAll(inChunks(laidOut([one, two, three], layout), 100)))).toEqual(['error CORRUPT_RECORD', 'page https://site.example/two', 'page https://site.example/three']);
  });
});

describe.each(LAYOUTS)('segmented records, gzip: %s', (layout) => {
  const html = article([...paragraphs('segment'), ...paragraphs('continuation'), ...paragraphs('last segment')]);
  const block = httpBlock(html);
  const url = 'https://site.example/long';
  const cuts = [Math.floor(block.length / 3), Math.floor((2 * block.length) / 3)];
  const info = handRecord({ 'WARC-Type': 'warcinfo', 'WARC-Record-ID': '<urn:uuid:info2>', 'WARC-Date': '2024-03-14T09:12:03Z' }, 'software: a crawler\r\n');
  const other = handRecord(responseFields('https://site.example/other', 'other'), httpBlock(article(paragraphs('other'))));
  const read = async (records: readonly Uint8Array[], size = 333) => readAll(inChunks(laidOut(records, layout), size));
  const pageIn = (entries: readonly WarcEntry[]) => {
    const page = entries.find((e) => e.kind === 'page' && e.record.targetUri === url);
    if (page?.kind !== 'page') throw new Error('the page of the segmented record expected');
    return page;
  };

  it('are joined when all their segments are in the file: one page, in WARC-Segment-Number order, with the first segment\'s place', async () => {
    const [first, second, third] = segmentedRecord(url, 'long', block, cuts);
    // As in two crawl files one after another (the second begins with its warcinfo), and in another order.
    for (const records of [
      [first!, info, second!, third!, other],
      [first!, other, third!, second!],
    ]) {
      const entries = await read(records);
      const page = pageIn(entries);
      expect(latin(page.input.bytes)).toBe(latin(Buffer.from(html)));
      expect(page.record).toMatchObject({ index: 0, start: { offset: 0, skip: 0 }, recordId: '<urn:uuid:long>', truncated: null, segments: 3 });
      expect(entries).toHaveLength(records.length);
      expect(entries.filter((e) => e.kind === 'skipped' && e.record.type === 'continuation').map((e) => (e.kind === 'skipped' ? e.reason : null))).toEqual(['other-type', 'other-type']);
      expect(entries.filter((e) => e.kind === 'page').map((e) => e.record.targetUri).sort()).toEqual([url, 'https://site.example/other']);
    }
  });

  it('whose segments are not all in the file: the segments from the first without a gap, said to be segmented', async () => {
    const [first, second, third] = segmentedRecord(url, 'long', block, cuts);
    const onlyFirst = pageIn(await read([first!, third!, other]));
    expect(latin(onlyFirst.input.bytes)).toBe(latin(block.subarray(0, cuts[0])).slice(latin(block).indexOf('<')));
    expect(onlyFirst.record).toMatchObject({ index: 0, truncated: 'segmented' });
    expect(onlyFirst.record.segments).toBeUndefined();
    const firstTwo = pageIn(await read([first!, second!, other]));
    expect(latin(firstTwo.input.bytes)).toBe(latin(block.subarray(0, cuts[1])).slice(latin(block).indexOf('<')));
    expect(firstTwo.record).toMatchObject({ index: 0, truncated: 'segmented', segments: 2 });
  });

  it('whose segments do not make it whole and right are an error: a total length that is not theirs, a segment twice with other bytes', async () => {
    const [first, second, third] = segmentedRecord(url, 'long', block, cuts);
    const wrongTotal = bytesOf(latin(third!).replace(`WARC-Segment-Total-Length: ${block.length}`, `WARC-Segment-Total-Length: ${block.length + 1}`));
    const otherBytes = Buffer.concat([block.subarray(0, cuts[0]), bytesOf(latin(block.subarray(cuts[0], cuts[1])).toUpperCase()), block.subarray(cuts[1])]);
    const [, otherSecond] = segmentedRecord(url, 'long', otherBytes, cuts);
    for (const records of [
      [first!, second!, wrongTotal, other],
      [first!, second!, otherSecond!, third!, other],
    ]) {
      const entries = await read(records);
      const error = entries.find((e) => e.kind === 'error');
      expect(error).toMatchObject({ kind: 'error', record: { index: 0 }, error: { code: 'CORRUPT_RECORD' } });
      expect(entries.filter((e) => e.kind === 'page').map((e) => e.record.targetUri)).toEqual(['https://site.example/other']);
      expect(entries).toHaveLength(records.length);
    }
  });

  it('whose segments are over the size limit together, or one of them alone, are TOO_LARGE, not pages missing segments', async () => {
    const [first, second, third] = segmentedRecord(url, 'long', block, cuts);
    // A long segment between two short ones: the short ones fit together, the long one alone does not.
    const quarter = Math.floor(block.length / 4);
    const uneven = segmentedRecord(url, 'long', block, [quarter, block.length - 20]);
    for (const [records, maxRecordBytes] of [
      [[first!, second!, third!, other], block.length - 1],
      [[...uneven, other], quarter + 30],
    ] as const) {
      const entries = await readAll(inChunks(laidOut(records, layout), 333), { maxRecordBytes });
      expect(entries.filter((e) => e.record.index === 0).map((e) => (e.kind === 'error' ? e.error.code : e.kind))).toEqual(['TOO_LARGE']);
      expect(entries.map((e) => e.record.index).sort()).toEqual([0, 1, 2, 3]);
    }
  });

  it('that are not pages are skipped at their first segment, as whole ones; a continuation of a record not in the file is skipped', async () => {
    const image = Buffer.concat([Buffer.from('HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n'), PNG, new Uint8Array(300)]);
    const [first, second] = segmentedRecord('https://site.example/big.png', 'png', image, [100]);
    const [, orphan] = segmentedRecord(url, 'long', block, [cuts[0]!]);
    expect(summary(await read([first!, second!, orphan!, other]))).toEqual(['skipped not-html', 'skipped other-type', 'skipped other-type', 'page https://site.example/other']);
  });

  it('whose first segment comes twice (a crawl file given twice): each is a record, the later joined to the continuations after it', async () => {
    const [first, second, third] = segmentedRecord(url, 'long', block, cuts);
    const entries = await read([first!, other, first!, second!, third!]);
    expect(entries).toHaveLength(5);
    const pages = entries.filter((e) => e.kind === 'page' && e.record.targetUri === url);
    expect(pages.map((e) => [e.record.index, e.record.truncated, e.record.segments])).toEqual([
      [0, 'segmented', undefined],
      [2, null, 3],
    ]);
  });

  it('are held a few at a time: a file whose every record is a first segment gives them as they come, not all at its end', async () => {
    const firsts = Array.from({ length: 10 }, (_, k) => segmentedRecord(`https://site.example/p${k}`, `p${k}`, block, cuts)[0]!);
    const reader = new WarcReader(inChunks(laidOut(firsts, layout)));
    const seen: number[] = [];
    const readWhenGiven: number[] = [];
    for await (const entry of reader.entries()) {
      seen.push(entry.record.index);
      readWhenGiven.push(reader.nextIndex);
      expect(entry.record.truncated).toBe('segmented');
    }
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    // The first is given once WARC_LIMITS.maxHeldSegmented more are read, not after the tenth.
    expect(readWhenGiven[0]).toBe(WARC_LIMITS.maxHeldSegmented + 1);
  });

  it('held when the reading is stopped are given as they are, and the reading ends', async () => {
    const [first, second] = segmentedRecord(url, 'long', block, cuts);
    const reader = new WarcReader(inChunks(laidOut([first!, other, second!], layout)));
    const entries: WarcEntry[] = [];
    for await (const entry of reader.entries()) {
      entries.push(entry);
      expect(reader.holdsSegments).toBe(true);
      reader.stop();
    }
    expect(summary(entries)).toEqual(['page https://site.example/other', `page ${url}`]);
    expect(entries[1]!.record).toMatchObject({ index: 0, truncated: 'segmented' });
    const next = await reader.nextPosition();
    expect(next).not.toBeNull();
    const file = laidOut([first!, other, second!], layout);
    expect(summary(await readAll(inChunks(file.subarray(next!.offset)), { start: next!, firstIndex: reader.nextIndex }))).toEqual(['skipped other-type']);
  });
});

describe('WET files (Common Crawl\'s extracted text)', () => {
  it('read their conversion records of plain text as pages (they were all skipped as other-type)', async () => {
    // A WET file is a WARC file of conversion records, each the plain text of a page (WARC-Refers-To its response).
    const text = 'Harbour ferry resumes service\nThe harbour ferry resumed service on Monday after a week of repairs to its engine, officials said.\n';
    const conversion = (url: string, id: string, block: string, contentType = 'text/plain') =>
      handRecord({ 'WARC-Type': 'conversion', 'WARC-Target-URI': url, 'WARC-Date': '2024-03-14T09:12:03Z', 'WARC-Record-ID': `<urn:uuid:${id}>`, 'WARC-Refers-To': `<urn:uuid:${id}-response>`, 'Content-Type': contentType }, block);
    const file = Buffer.concat([
      gzipSync(handRecord({ 'WARC-Type': 'warcinfo', 'WARC-Date': '2024-03-14T09:12:03Z', 'WARC-Record-ID': '<urn:uuid:info>', 'Content-Type': 'application/warc-fields' }, 'Software-Info: ia-web-commons\r\n')),
      gzipSync(conversion('https://news.example/ferry', 'wet-1', text)),
      gzipSync(conversion('https://news.example/data', 'wet-2', '{"a":1}', 'application/json')),
    ]);
    const entries = await readAll(inChunks(file));
    expect(summary(entries)).toEqual(['skipped warcinfo', 'page https://news.example/ferry', 'skipped not-html']);
    const page = entries[1]!;
    if (page.kind !== 'page') throw new Error('not a page');
    expect(page.record.type).toBe('conversion');
    expect(Buffer.from(page.input.bytes).toString('utf8')).toBe(text);
    expect(page.input.contentType).toBe('text/plain');
  });

  it('are read under their own names (.warc.wet.gz), and their outputs are not those of the WARC file of the same crawl', () => {
    for (const name of ['CC-MAIN-20240314-00000.warc.wet.gz', 'crawl.warc.wet', 'crawl.warc.gz', 'crawl.WARC']) expect(isWarcName(name), name).toBe(true);
    for (const name of ['crawl.wet.txt', 'crawl.warc.html', 'crawl.gz']) expect(isWarcName(name), name).toBe(false);
    expect(warcStem('a/CC-MAIN-20240314-00000.warc.wet.gz')).toBe('a/CC-MAIN-20240314-00000.wet');
    expect(warcStem('a/CC-MAIN-20240314-00000.warc.gz')).toBe('a/CC-MAIN-20240314-00000');
    expect(warcStem('a/crawl.warc')).toBe('a/crawl');
  });

  it('are read under the shorter names copies of them are given (.wet.gz, .wet), their outputs keeping the .wet', () => {
    // x.wet.gz was cleaned as a page and refused ("a WARC file … under a .warc or .warc.gz name"): its pages were lost.
    for (const name of ['CC-MAIN-20240314-00000.wet.gz', 'segment.WET.GZ', 'crawl.wet']) expect(isWarcName(name), name).toBe(true);
    for (const name of ['crawl.wet.txt', 'wet.gz', 'crawl.wetland.gz', 'crawl.sweet.html']) expect(isWarcName(name), name).toBe(false);
    expect(warcStem('a/CC-MAIN-20240314-00000.wet.gz')).toBe('a/CC-MAIN-20240314-00000.wet');
    expect(warcStem('a/crawl.wet')).toBe('a/crawl.wet');
  });
});
