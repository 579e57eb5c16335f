/**
 * `scrape-clean clean` on WARC files: one `<name>.jsonl.gz` per WARC with a document or error
 * record per line in record order, or one file per record with --split; standard output without
 * --out; the summary line and the exit status (1 when a record failed).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { documentSchema, errorRecordSchema } from '../../src/core/schema.js';
import { article } from '../core/helpers.js';
import { htmlResponse, warcFile, warcRecord } from '../core/warc/build.js';
import { captureIo, run } from './io.js';
import { main } from '../../src/cli/main.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'scrape-clean-warc-cli-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const page = (topic: string) => article([`A paragraph long enough about the ${topic}, written for the command-line tests of WARC files, with a second clause.`]);

/** Three pages, an image, a revisit and a damaged record, gzipped per record. */
async function crawl(): Promise<Uint8Array> {
  const good = await warcFile(
    [
      htmlResponse('https://site.example/one', page('harbour')),
      { type: 'response', url: 'https://site.example/logo.png', httpHeaders: { 'Content-Type': 'image/png' }, payload: 'PNG' },
      { type: 'revisit', url: 'https://site.example/one' },
      htmlResponse('https://site.example/two', page('ferry')),
    ],
    'record',
  );
  const damaged = Buffer.from(await warcRecord(htmlResponse('https://site.example/bad', page('storm')), true));
  damaged.fill(0x55, 30, 50);
  const last = await warcRecord(htmlResponse('https://site.example/three', page('bridge')), true);
  return Buffer.concat([good, damaged, last]);
}

function lines(path: string): Array<Record<string, unknown>> {
  return gunzipSync(readFileSync(path))
    .toString('utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('scrape-clean clean <warc>', () => {
  it('writes <name>.jsonl.gz: one document or error record per line, in record order', async () => {
    writeFileSync(join(dir, 'crawl.warc.gz'), await crawl());
    const { code, err } = await run(['clean', join(dir, 'crawl.warc.gz'), '--out', join(dir, 'out'), '--validate']);
    expect(code).toBe(1);
    expect(readdirSync(join(dir, 'out'))).toEqual(['crawl.jsonl.gz']);
    const written = lines(join(dir, 'out', 'crawl.jsonl.gz'));
    expect(written.map((line) => ('error' in line ? `error ${(line.error as { code: string }).code}` : (line.source as { warc: { targetUri: string } }).warc.targetUri))).toEqual([
      'https://site.example/one',
      'https://site.example/two',
      'error CORRUPT_GZIP',
      'https://site.example/three',
    ]);
    for (const line of written) expect(('error' in line ? errorRecordSchema : documentSchema).safeParse(line).success).toBe(true);
    expect((written[0]!.source as { warc: { index: number } }).warc.index).toBe(0);
    expect((written[1]!.source as { warc: { index: number } }).warc.index).toBe(3);
    expect(err).toContain('crawl.warc.gz: 6 records: 3 documents, 1 error (CORRUPT_GZIP 1), 2 skipped (not-html 1, revisit 1)');
    expect(err).toMatch(/^failed: .*crawl\.warc\.gz#4: CORRUPT_GZIP: /m);
  });

  it('reads a WET file (Common Crawl\'s .warc.wet.gz) beside the WARC file of the same crawl: its conversion records are pages', async () => {
    // It was refused as BINARY_INPUT ("under a .warc or .warc.gz name…"), and renamed, its pages were all skipped (other-type).
    const text = 'Harbour ferry resumes service\nThe harbour ferry resumed service on Monday after a week of repairs to its engine, officials said. Passengers queued from dawn.\n';
    const conversion = Buffer.from(
      `WARC/1.0\r\nWARC-Type: conversion\r\nWARC-Target-URI: https://site.example/one\r\nWARC-Date: 2024-03-14T09:12:03Z\r\nWARC-Record-ID: <urn:uuid:wet-1>\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}\r\n\r\n`,
    );
    writeFileSync(join(dir, 'crawl.warc.gz'), await crawl());
    writeFileSync(join(dir, 'crawl.warc.wet.gz'), gzipSync(conversion));
    const { code, err } = await run(['clean', join(dir, 'crawl.warc.gz'), join(dir, 'crawl.warc.wet.gz'), '--out', join(dir, 'out'), '--validate']);
    expect(code).toBe(1);
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['crawl.jsonl.gz', 'crawl.wet.jsonl.gz']);
    const [document] = lines(join(dir, 'out', 'crawl.wet.jsonl.gz'));
    expect(documentSchema.safeParse(document).success).toBe(true);
    expect((document!.source as { format: string; warc: { targetUri: string } }).format).toBe('text');
    expect((document!.bodyText as string)).toContain('The harbour ferry resumed service on Monday');
    expect(err).toContain('5 files: 4 cleaned');
  });

  it('writes one file per record with --split', async () => {
    writeFileSync(join(dir, 'crawl.warc.gz'), await crawl());
    const { code } = await run(['clean', join(dir, 'crawl.warc.gz'), '--out', join(dir, 'out'), '--split', '--quiet']);
    expect(code).toBe(1);
    expect(readdirSync(join(dir, 'out', 'crawl')).sort()).toEqual(['000000.json', '000003.json', '000004.error.json', '000005.json']);
    const document = JSON.parse(readFileSync(join(dir, 'out', 'crawl', '000003.json'), 'utf8')) as { url: string; source: { name: string } };
    expect(document.url).toBe('https://site.example/two');
    expect(document.source.name).toBe('https://site.example/two');
  });

  it('writes the Markdown and text of each record beside its document with --split --format; JSON Lines take JSON alone', async () => {
    writeFileSync(join(dir, 'crawl.warc.gz'), await crawl());
    const { code } = await run(['clean', join(dir, 'crawl.warc.gz'), '--out', join(dir, 'out'), '--split', '--quiet', '--format', 'md,txt']);
    expect(code).toBe(1);
    expect(readdirSync(join(dir, 'out', 'crawl')).sort()).toEqual(['000000.md', '000000.txt', '000003.md', '000003.txt', '000004.error.json', '000005.md', '000005.txt']);
    expect(readFileSync(join(dir, 'out', 'crawl', '000003.md'), 'utf8')).toContain('about the ferry');
    const refused = await run(['clean', join(dir, 'crawl.warc.gz'), '--out', join(dir, 'lines'), '--format', 'json,md']);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/a WARC file is written as JSON Lines; its pages get Markdown or text files with --split/);
  });

  it('--split again after the WARC changed: the files of records it no longer has, and renderings not asked for, are removed', async () => {
    const path = join(dir, 'crawl.warc');
    writeFileSync(path, await warcFile([htmlResponse('https://site.example/one', page('harbour')), htmlResponse('https://site.example/two', page('ferry')), htmlResponse('https://site.example/three', page('bridge'))]));
    expect((await run(['clean', path, '--out', join(dir, 'out'), '--split', '--quiet', '--format', 'json,md'])).code).toBe(0);
    expect(readdirSync(join(dir, 'out', 'crawl')).sort()).toEqual(['000000.json', '000000.md', '000001.json', '000001.md', '000002.json', '000002.md']);
    // The crawl written again: its second capture is now a revisit, its third gone.
    writeFileSync(path, await warcFile([htmlResponse('https://site.example/one', page('quay')), { type: 'revisit', url: 'https://site.example/two' }]));
    expect((await run(['clean', path, '--out', join(dir, 'out'), '--split', '--quiet'])).code).toBe(0);
    expect(readdirSync(join(dir, 'out', 'crawl')).sort()).toEqual(['000000.json']);
    expect(readFileSync(join(dir, 'out', 'crawl', '000000.json'), 'utf8')).toContain('about the quay');
  });

  it('a WARC whose reading fails gets an error record, and the lines an earlier run wrote for it go, as a page\'s document does', async () => {
    const file = await warcFile([htmlResponse('https://site.example/one', page('harbour')), htmlResponse('https://site.example/two', page('ferry'))]);
    /** `clean - --name crawl.warc --out out`, its standard input failing after `failAt` bytes (a disk's EIO) or not at all. */
    const again = async (failAt: number | null) => {
      const io = {
        ...captureIo(),
        stdin: (async function* () {
          yield file.subarray(0, failAt ?? file.length);
          if (failAt !== null) throw Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO' });
        })(),
      };
      return main(['node', 'scrape-clean', 'clean', '-', '--name', 'crawl.warc', '--out', join(dir, 'out'), '--quiet'], io);
    };
    expect(await again(null)).toBe(0);
    expect(readdirSync(join(dir, 'out'))).toEqual(['crawl.jsonl.gz']);
    expect(await again(300)).toBe(1);
    // The lines of the earlier run are not this file's: gone; the failure is recorded.
    expect(readdirSync(join(dir, 'out'))).toEqual(['crawl.warc.error.json']);
    const record = errorRecordSchema.parse(JSON.parse(readFileSync(join(dir, 'out', 'crawl.warc.error.json'), 'utf8')));
    expect(record.error).toEqual({ code: 'EIO', message: 'i/o error, read' });
    expect(record.source.name).toBe('crawl.warc');
    // Read whole again: its lines, and the error record goes.
    expect(await again(null)).toBe(0);
    expect(readdirSync(join(dir, 'out'))).toEqual(['crawl.jsonl.gz']);
  });

  it('--split refuses pages whose outputs would be among a WARC\'s record files (crawl/000001.html beside crawl.warc)', async () => {
    writeFileSync(join(dir, 'crawl.warc'), await warcFile([htmlResponse('https://site.example/one', page('harbour'))]));
    mkdirSync(join(dir, 'crawl'));
    writeFileSync(join(dir, 'crawl', '000001.html'), page('quay'));
    const refused = await run(['clean', dir, '--out', join(dir, 'out'), '--split']);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/crawl\/000001\.html .*crawl\.warc.* would both write crawl\/000001\./);
    expect(existsSync(join(dir, 'out'))).toBe(false);
    // Without --split the WARC writes crawl.jsonl.gz alone: no clash.
    expect((await run(['clean', dir, '--out', join(dir, 'lines'), '--quiet'])).code).toBe(0);
    expect(readdirSync(join(dir, 'lines', 'crawl'))).toEqual(['000001.json']);
  });

  it('prints the lines on standard output without --out, and exits 0 when every record is fine', async () => {
    const file = await warcFile([htmlResponse('https://site.example/one', page('harbour')), htmlResponse('https://site.example/two', page('ferry'))]);
    writeFileSync(join(dir, 'small.warc'), file);
    const { code, out, err } = await run(['clean', join(dir, 'small.warc')]);
    expect(code).toBe(0);
    const printed = out.split('\n').filter(Boolean).map((line) => JSON.parse(line) as { url: string });
    expect(printed.map((d) => d.url)).toEqual(['https://site.example/one', 'https://site.example/two']);
    expect(err).toContain('small.warc: 2 records: 2 documents, 0 errors, 0 skipped');
  });

  it('cleans WARC files and pages of one directory together', async () => {
    writeFileSync(join(dir, 'page.html'), page('quay'));
    writeFileSync(join(dir, 'crawl.warc'), await warcFile([htmlResponse('https://site.example/one', page('harbour'))]));
    const { code, err } = await run(['clean', dir, '--out', join(dir, 'out')]);
    expect(code).toBe(0);
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['crawl.jsonl.gz', 'page.json']);
    expect(err).toContain('2 files: 2 cleaned (LOW_TEXT 2), 0 failed');
  });

  it('--fail-on-empty: a record without body text becomes a NO_BODY error line', async () => {
    const menu = '<html><body><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav></body></html>';
    writeFileSync(join(dir, 'crawl.warc'), await warcFile([htmlResponse('https://site.example/one', page('harbour')), htmlResponse('https://site.example/menu', menu)]));
    const { code, err } = await run(['clean', join(dir, 'crawl.warc'), '--out', join(dir, 'out'), '--fail-on-empty']);
    expect(code).toBe(1);
    const written = lines(join(dir, 'out', 'crawl.jsonl.gz'));
    expect(written).toHaveLength(2);
    expect(documentSchema.parse(written[0]).quality.warnings).toEqual(['LOW_TEXT']);
    expect(errorRecordSchema.parse(written[1]).error.code).toBe('NO_BODY');
    expect(err).toMatch(/NO_BODY/);
  });
});

describe('names with control characters in the lines of a WARC run', () => {
  it("escapes a WARC file's name in its summary line and a record's target URI in its failure line, as the other names", async () => {
    // An escape sequence in a crawler's WARC-Target-URI (it cannot hold CR or LF) and a carriage return in the file name.
    const written = Buffer.from(await warcFile([htmlResponse('https://site.example/one', page('harbour')), htmlResponse('https://site.example/XXXXmenu', '')]));
    // warcio's writer percent-encodes the URI; a crawler that does not writes the bytes as they are.
    const file = Buffer.from(written.toString('latin1').replace('XXXX', '\u001b[2J'), 'latin1');
    writeFileSync(join(dir, 'cr\rawl.warc'), file);
    const { code, err } = await run(['clean', dir, '--out', join(dir, 'out')]);
    expect(code).toBe(1);
    expect(err).not.toMatch(/\p{Cc}(?<!\n)/u);
    expect(err).toContain('"cr\\rawl.warc": 2 records: 1 document, 1 error (EMPTY_INPUT 1), 0 skipped');
    expect(err).toMatch(/^failed: "cr\\rawl\.warc#1": EMPTY_INPUT: https:\/\/site\.example\/\\u001b\[2Jmenu: /m);
    const alone = await run(['clean', join(dir, 'cr\rawl.warc')]);
    expect(alone.err).toContain('"cr\\rawl.warc": 2 records');
  });
});
