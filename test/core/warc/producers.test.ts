/**
 * WARC files as real crawlers write them (fixtures/README.md says how each was made): every page
 * captured is a document with its record's URL and date, every other record has its reason, and
 * the crawler's own records about its crawl give no document.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cleanWarc, type WarcOutcome } from '../../../src/core/warc/index.js';
import { FIXED_NOW } from '../helpers.js';
import { handRecord, inChunks } from './build.js';

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
