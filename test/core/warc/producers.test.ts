/**
 * WARC files as real crawlers write them (fixtures/README.md says how each was made): every page
 * captured is a document with its record's URL and date, every other record has its reason, and
 * the crawler's own records about its crawl give no document.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cleanWarc, type WarcOutcome } from '../../../src/core/warc/index.js';
import { WARC_LIMITS } from '../../../src/core/warc/limits.js';
import { WarcReader } from '../../../src/core/warc/reader.js';
import { FIXED_NOW } from '../helpers.js';
import { handRecord, httpBlock, inChunks, responseFields } from './build.js';

async function outcomes(file: Uint8Array, name: string): Promise<WarcOutcome[]> {
  const all: WarcOutcome[] = [];
  for await (const outcome of cleanWarc(inChunks(file), { file: name, clean: { now: FIXED_NOW } })) all.push(outcome);
  return all;
}

const summary = (all: readonly WarcOutcome[]) =>
  all.map((o) => (o.kind === 'document' ? `document ${o.record.targetUri}` : o.kind === 'skipped' ? `${o.reason} ${o.record.targetUri ?? o.record.type}` : `error ${o.errorRecord.error.code}`));

describe('a WARC file written by wget 1.21.3', () => {
  const file = readFileSync(new URL('./fixtures/wget-1.21.3-site.warc.gz', import.meta.url));

  it('gives a document per page captured, and skips wget\'s own records (its command line and its log were documents)', async () => {
    const all = await outcomes(file, 'wget-site.warc.gz');
    const site = 'http://127.0.0.1:8766';
    expect(summary(all)).toEqual([
      'warcinfo warcinfo',
      `request ${site}/`,
      `document ${site}/`,
      `request ${site}/timetable`,
      `document ${site}/timetable`,
      `request ${site}/cafe`,
      `document ${site}/cafe`,
      `request ${site}/old`,
      `http-status ${site}/old`,
      `request ${site}/timetable`,
      `document ${site}/timetable`,
      `request ${site}/gone`,
      `http-status ${site}/gone`,
      `request ${site}/logo.png`,
      `not-html ${site}/logo.png`,
      'metadata metadata://gnu.org/software/wget/warc/MANIFEST.txt',
      'metadata metadata://gnu.org/software/wget/warc/wget_arguments.txt',
      'metadata metadata://gnu.org/software/wget/warc/wget.log',
    ]);
    const documents = all.flatMap((o) => (o.kind === 'document' ? [o.document] : []));
    expect(documents.map((d) => d.title)).toEqual(['Harbour news', 'Winter timetable', 'Le café du port', 'Winter timetable']);
    // The gzip-encoded page undone, the charset of the HTTP header alone taken: no mojibake.
    expect(documents[1]!.bodyText).toContain('the first boat leaves at seven');
    expect(documents[2]!.bodyText).toContain('Le café « Chez Zoé » a rouvert ses portes, déjà plein à midi.');
    expect(documents[2]!.source.encoding).toBe('windows-1252');
    // URL and capture date from the record (wget writes the target URI in angle brackets).
    expect(documents[0]!.url).toBe(`${site}/`);
    expect(documents[0]!.source.warc?.capturedAt).toMatch(/^2026-12-07T\d\d:\d\d:\d\dZ$/);
  });
});

describe('the crawler\'s own records about its crawl, stored as resources', () => {
  const resource = (uri: string, block: string, contentType = 'text/plain') =>
    handRecord({ 'WARC-Type': 'resource', 'WARC-Target-URI': uri, 'WARC-Date': '2024-03-14T09:12:03Z', 'WARC-Record-ID': `<urn:uuid:${uri.length}>`, 'Content-Type': contentType }, block);
  const text = 'Harbour ferry resumes service\n\nThe harbour ferry resumed service on Monday after a week of repairs to its engine.\n';

  it('are skipped as metadata when they are text, by their target URI\'s scheme (Browsertrix\'s urn:text: was a second document of the page)', async () => {
    const file = Buffer.concat([
      resource('urn:text:https://news.example/ferry', text),
      resource('URN:Text:https://news.example/harbour', text),
      // Not text: skipped as any such payload.
      resource('urn:pageinfo:https://news.example/ferry', '{"url":"https://news.example/ferry"}', 'application/json'),
      resource('<metadata://gnu.org/software/wget/warc/wget.log>', 'Opening WARC file ‘crawl.warc.gz’.\n'),
    ]);
    expect(summary(await outcomes(file, 'crawl.warc'))).toEqual([
      'metadata urn:text:https://news.example/ferry',
      'metadata URN:Text:https://news.example/harbour',
      'not-html urn:pageinfo:https://news.example/ferry',
      'metadata metadata://gnu.org/software/wget/warc/wget.log',
    ]);
  });

  it('a page\'s resource keeps its document: a web, FTP or file address, a target of no scheme, a Windows path', async () => {
    const targets = ['https://news.example/ferry.txt', 'ftp://files.example/ferry.txt', 'file:///srv/pages/ferry.txt', 'pages/ferry.txt', 'C:\\pages\\ferry.txt'];
    const file = Buffer.concat(targets.map((uri) => resource(uri, text)));
    expect(summary(await outcomes(file, 'crawl.warc'))).toEqual(targets.map((uri) => `document ${uri}`));
  });
});

describe('revisit records (a crawl written with deduplication)', () => {
  const crawl1 = readFileSync(new URL('./fixtures/wget-1.21.3-crawl1.warc.gz', import.meta.url));
  const crawl2 = readFileSync(new URL('./fixtures/wget-1.21.3-dedup-crawl2.warc.gz', import.meta.url));
  const site = 'http://127.0.0.1:8767';

  it('wget --warc-dedup\'s revisit of a page whose capture is in the file before it (the two crawls\' files one after the other) is a document of that payload', async () => {
    const all = await outcomes(Buffer.concat([crawl1, crawl2]), 'crawls.warc.gz');
    const documents = all.flatMap((o) => (o.kind === 'document' ? [o] : []));
    // The second crawl's /guide was a revisit (WARC-Refers-To the first crawl's record): skipped, the page of that crawl lost.
    expect(documents.map((o) => o.record.targetUri)).toEqual([`${site}/`, `${site}/guide`, `${site}/news`, `${site}/`, `${site}/guide`, `${site}/news`, `${site}/ferry-guide`]);
    const [first, again] = documents.filter((o) => o.record.targetUri === `${site}/guide`).map((o) => o.document);
    expect(again!.bodyText).toBe(first!.bodyText);
    expect(again!.bodyText).toContain('The ferry to the island leaves from the north quay');
    expect(again!.source.warc?.revisitOf).toBe(first!.source.warc?.recordId);
    // The revisit's own record and date; its WARC-Truncated (wget writes "length": its block is the HTTP head alone) is not the page's.
    expect(again!.source.warc?.recordId).not.toBe(first!.source.warc?.recordId);
    expect(again!.source.warc?.truncated).toBeUndefined();
    expect(again!.url).toBe(`${site}/guide`);
  });

  it('wget --warc-dedup\'s second file alone: the revisit of the same page, captured in the other file, is skipped as before', async () => {
    const all = await outcomes(crawl2, 'crawl2.warc.gz');
    expect(summary(all).filter((line) => !line.startsWith('request'))).toEqual([
      'warcinfo warcinfo',
      `document ${site}/`,
      `revisit ${site}/guide`,
      `document ${site}/news`,
      `document ${site}/ferry-guide`,
      'metadata metadata://gnu.org/software/wget/warc/MANIFEST.txt',
      'metadata metadata://gnu.org/software/wget/warc/wget_arguments.txt',
      'metadata metadata://gnu.org/software/wget/warc/wget.log',
    ]);
  });

  // warcprox and Browsertrix store the same bytes once per crawl: a second address's capture is a revisit naming the first.
  const page = '<!doctype html><html lang="en"><head><title>Ferry guide</title></head><body><main><h1>Ferry guide</h1><p>The ferry to the island leaves from the north quay every hour in summer, and every two hours in winter.</p></main></body></html>';
  const digest = 'sha1:P4N2R7BM4R4ZLJWZVV7VD5PTUKHIVFKO';
  const capture = handRecord(responseFields('https://port.example/guide', 'capture-1', { 'WARC-Date': '2026-12-01T08:00:00Z', 'WARC-Payload-Digest': digest }), httpBlock(page));
  const revisitHead = 'HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n';
  const revisit = (url: string, fields: Record<string, string>, head = revisitHead) =>
    handRecord(
      {
        'WARC-Type': 'revisit',
        'WARC-Record-ID': `<urn:uuid:revisit-${url.length}-${Object.keys(fields).join()}>`,
        'WARC-Target-URI': url,
        'WARC-Date': '2026-12-02T08:00:00Z',
        'WARC-Profile': 'http://netpreserve.org/warc/1.1/revisit/identical-payload-digest',
        'Content-Type': 'application/http; msgtype=response',
        ...fields,
      },
      head,
    );
  const byTarget = { 'WARC-Refers-To-Target-URI': 'https://port.example/guide', 'WARC-Refers-To-Date': '2026-12-01T08:00:00Z' };

  it('a revisit of another address whose capture is in the file is a document of that payload at its own address, however it names the capture', async () => {
    const file = Buffer.concat([
      capture,
      revisit('https://port.example/ferry-guide', { 'WARC-Refers-To': '<urn:uuid:capture-1>' }),
      revisit('https://port.example/ferry', byTarget),
      revisit('https://port.example/guide?lang=en', { 'WARC-Payload-Digest': digest }),
    ]);
    const all = await outcomes(file, 'crawl.warc');
    expect(summary(all)).toEqual([
      'document https://port.example/guide',
      'document https://port.example/ferry-guide',
      'document https://port.example/ferry',
      'document https://port.example/guide?lang=en',
    ]);
    const documents = all.flatMap((o) => (o.kind === 'document' ? [o.document] : []));
    for (const document of documents.slice(1)) {
      expect(document.bodyText).toBe(documents[0]!.bodyText);
      expect(document.url).toBe(document.source.warc?.targetUri);
      expect(document.source.warc?.capturedAt).toBe('2026-12-02T08:00:00Z');
      expect(document.source.warc?.revisitOf).toBe('<urn:uuid:capture-1>');
    }
  });

  it('a revisit of another address whose capture is not in the file is an UNRESOLVED_REVISIT error naming it (it was skipped: that address\'s page was in no document)', async () => {
    const all = await outcomes(revisit('https://port.example/ferry', { ...byTarget, 'WARC-Refers-To': '<urn:uuid:capture-1>' }), 'crawl.warc');
    expect(summary(all)).toEqual(['error UNRESOLVED_REVISIT']);
    const error = all[0]!.kind === 'error' ? all[0]!.errorRecord : null;
    expect(error?.source.name).toBe('https://port.example/ferry');
    expect(error?.error.message).toContain('https://port.example/guide of 2026-12-01T08:00:00Z (<urn:uuid:capture-1>)');
  });

  it('an unresolved revisit of its own address, or of what is no page, stays skipped', async () => {
    const file = Buffer.concat([
      revisit('https://port.example/guide', byTarget),
      revisit('https://port.example/logo-2.png', { ...byTarget, 'WARC-Refers-To-Target-URI': 'https://port.example/logo.png' }, 'HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n'),
      // Of no address: Heritrix's older revisits name the payload digest alone, of the same page's earlier capture.
      revisit('https://port.example/news', { 'WARC-Payload-Digest': 'sha1:AAAA' }),
    ]);
    expect(summary(await outcomes(file, 'crawl.warc'))).toEqual(['revisit https://port.example/guide', 'revisit https://port.example/logo-2.png', 'revisit https://port.example/news']);
  });
});

describe('the captures held for revisits: the last WARC_LIMITS.maxHeldCaptureBytes of pages', () => {
  it('a revisit of a capture read before the last 64 MiB of pages is not resolved; one of a capture within them is', { timeout: 60_000 }, async () => {
    // Five pages of a quarter of the limit each (under maxRecordBytes): after the fifth, the first is dropped, the second held.
    const quarter = WARC_LIMITS.maxHeldCaptureBytes / 4;
    const big = (n: number): Uint8Array => httpBlock(`<html><body><p>${String(n).repeat(quarter - 40)}</p></body></html>`);
    const pages = [1, 2, 3, 4, 5].map((n) => handRecord(responseFields(`https://big.example/${n}`, `big-${n}`), big(n)));
    const revisit = (n: number) =>
      handRecord({ 'WARC-Type': 'revisit', 'WARC-Record-ID': `<urn:uuid:again-${n}>`, 'WARC-Target-URI': `https://big.example/again-${n}`, 'WARC-Date': '2024-03-15T09:12:03Z', 'WARC-Refers-To': `<urn:uuid:big-${n}>`, 'WARC-Refers-To-Target-URI': `https://big.example/${n}` }, 'HTTP/1.1 200 OK\r\n\r\n');
    const summary: string[] = [];
    for await (const entry of new WarcReader(inChunks(Buffer.concat([...pages, revisit(1), revisit(2)]), 1 << 20)).entries()) {
      summary.push(entry.kind === 'page' ? `page ${entry.record.targetUri} ${entry.record.revisitOf ?? ''}`.trim() : entry.kind === 'error' ? `error ${entry.error.code}` : `${entry.kind} ${entry.record.targetUri}`);
    }
    expect(summary).toEqual([1, 2, 3, 4, 5].map((n) => `page https://big.example/${n}`).concat(['error UNRESOLVED_REVISIT', 'page https://big.example/again-2 <urn:uuid:big-2>']));
  });
});
