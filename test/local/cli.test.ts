/** `npm start` and `npm run dev` as functions: the local pipeline CLI on real s3rver. */
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runLocalPipelineCli } from '../../src/local/cli.js';
import { formatOutputTable } from '../../src/local/report.js';
import { localS3Client } from '../../src/local/s3-server.js';
import { documentSchema } from '../../src/core/schema.js';
import { ARTICLE_HTML } from '../functions/helpers.js';
import { htmlResponse, warcFile } from '../core/warc/build.js';

function capture() {
  let text = '';
  const waiters: Array<{ pattern: RegExp; resolve: (match: RegExpMatchArray) => void }> = [];
  const stream = {
    write(chunk: string) {
      text += chunk;
      for (const waiter of [...waiters]) {
        const match = text.match(waiter.pattern);
        if (match) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(match);
        }
      }
      return true;
    },
  };
  return {
    stream,
    get text() {
      return text;
    },
    waitFor: (pattern: RegExp) =>
      new Promise<RegExpMatchArray>((resolve) => {
        const match = text.match(pattern);
        if (match) resolve(match);
        else waiters.push({ pattern, resolve });
      }),
  };
}

let work: string;

beforeEach(async () => {
  vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'true');
  work = await mkdtemp(join(tmpdir(), 'local-cli-'));
});

afterEach(async () => {
  vi.unstubAllEnvs();
  await rm(work, { recursive: true, force: true });
});

describe('local pipeline CLI', () => {
  it('runs the bundled samples end to end, prints the table and exits 0 (npm start)', async () => {
    const out = capture();
    const err = capture();
    const code = await runLocalPipelineCli(['--out', join(work, 'out'), '--data', join(work, 's3')], { stdout: out.stream, stderr: err.stream });
    expect(err.text).toBe('');
    expect(code).toBe(0);
    const samples = (await readdir('samples')).sort();
    expect(samples.length).toBeGreaterThanOrEqual(6);
    const table = out.text.split('\n');
    expect(table.find((l) => l.startsWith('object'))).toMatch(/^object\s+format\s+body\s+caption\s+ad\s+legal\s+words\s+ms$/);
    for (const sample of samples) {
      // Every sample is a document (not an error, not lost), whatever its segment counts.
      expect(table.find((l) => l.startsWith(`${sample} `))).toMatch(/ (html|text) [\w-]+( gzip)?\s+\d+\s+\d+\s+\d+\s+\d+\s+\d+\s+\d+$/);
    }
    expect(out.text).toMatch(/ text utf-8 /);
    expect(out.text).toMatch(/ html \S+ gzip /);
    expect(new Set(table.map((l) => l.match(/^\S+\s+html (\S+)/)?.[1]).filter(Boolean)).size).toBeGreaterThanOrEqual(4);
    const copies = await readdir(join(work, 'out', 'documents'));
    expect(copies).toHaveLength(samples.length);
    for (const copy of copies) documentSchema.parse(JSON.parse(await readFile(join(work, 'out', 'documents', copy), 'utf8')));
  });

  it('reports a failing object in the table and still exits 0: an error record is an outcome, not a loss', async () => {
    const samples = join(work, 'samples');
    await mkdir(join(samples, 'sub dir'), { recursive: true });
    await writeFile(join(samples, 'sub dir', 'story ü.html'), ARTICLE_HTML);
    await writeFile(join(samples, 'broken.html.gz'), Buffer.from([0x1f, 0x8b, 8, 0, 0, 0]));
    const out = capture();
    const code = await runLocalPipelineCli(['--samples', samples, '--out', join(work, 'out'), '--data', join(work, 's3')], { stdout: out.stream, stderr: capture().stream });
    expect(code).toBe(0);
    expect(out.text).toMatch(/^sub dir\/story ü\.html\s+html utf-8\s/m);
    expect(out.text).toMatch(/^broken\.html\.gz\s+error CORRUPT_GZIP\s/m);
    expect(out.text).toMatch(/broken\.html\.gz: CORRUPT_GZIP: /);
    await expect(readFile(join(work, 'out', 'errors', 'broken.error.json'), 'utf8')).resolves.toContain('CORRUPT_GZIP');
    await expect(readFile(join(work, 'out', 'documents', 'sub dir', 'story ü.json'), 'utf8')).resolves.toContain('"key": "sub dir/story ü.html"');
  });

  it('uploads a sample whose file name is not UTF-8, and one reached by a link; refuses two names that make one key', async () => {
    const samples = join(work, 'samples');
    await mkdir(samples);
    // A Latin-1 'café.html' from an old mirror: its UTF-8 reading (U+FFFD) names no file.
    const latin1 = (name: string) => Buffer.concat([Buffer.from(`${samples}/caf`), Buffer.from([0xe9]), Buffer.from(name)]);
    await writeFile(latin1('.html'), ARTICLE_HTML);
    await writeFile(join(work, 'elsewhere.html'), ARTICLE_HTML);
    await symlink(join(work, 'elsewhere.html'), join(samples, 'linked.html'));
    const out = capture();
    const err = capture();
    const args = ['--samples', samples, '--out', join(work, 'out'), '--data', join(work, 's3')];
    expect(await runLocalPipelineCli(args, { stdout: out.stream, stderr: err.stream })).toBe(0);
    expect(err.text).toBe('');
    expect(out.text).toMatch(/^caf\uFFFD\.html\s+html utf-8\s/m);
    expect(out.text).toMatch(/^linked\.html\s+html utf-8\s/m);
    await expect(readFile(join(work, 'out', 'documents', 'caf\uFFFD.json'), 'utf8')).resolves.toContain('"format": "html"');
    // Another Latin-1 name that reads the same ('caf\xe8.html' is 'caf\uFFFD.html' too) would replace the first in the bucket: refused, nothing uploaded.
    await writeFile(Buffer.concat([Buffer.from(`${samples}/caf`), Buffer.from([0xe8]), Buffer.from('.html')]), ARTICLE_HTML);
    const refused = capture();
    expect(await runLocalPipelineCli(args, { stdout: capture().stream, stderr: refused.stream })).toBe(2);
    expect(refused.text).toMatch(/both upload as caf\uFFFD\.html/);
    // Two names with a carriage return in them: the refusal names both escaped, on one line.
    const crSamples = join(work, 'cr');
    await mkdir(crSamples);
    await writeFile(Buffer.concat([Buffer.from(`${crSamples}/a\r`), Buffer.from([0xe9]), Buffer.from('.html')]), ARTICLE_HTML);
    await writeFile(Buffer.concat([Buffer.from(`${crSamples}/a\r`), Buffer.from([0xe8]), Buffer.from('.html')]), ARTICLE_HTML);
    const crRefused = capture();
    expect(await runLocalPipelineCli(['--samples', crSamples, '--out', join(work, 'cr-out'), '--data', join(work, 's3')], { stdout: capture().stream, stderr: crRefused.stream })).toBe(2);
    expect(crRefused.text).toMatch(/a\\r\uFFFD\.html" and ".*a\\r\uFFFD\.html" both upload as "a\\r\uFFFD\.html"\n$/);
    expect(crRefused.text).not.toMatch(/\p{Cc}(?<!\n)/u);
    // An entry that is no file (a broken link) is not uploaded: said, and the run exits 1.
    await rm(Buffer.concat([Buffer.from(`${samples}/caf`), Buffer.from([0xe8]), Buffer.from('.html')]));
    await symlink(join(work, 'gone.html'), join(samples, 'dangling.html'));
    const dangling = capture();
    expect(await runLocalPipelineCli(args, { stdout: capture().stream, stderr: dangling.stream })).toBe(1);
    expect(dangling.text).toMatch(/^not uploaded: dangling\.html/m);
  });

  it('a copy the file system cannot name (a 255-byte sample name whose .json is longer) is said, and the run goes on', async () => {
    const samples = join(work, 'samples');
    await mkdir(samples);
    const long = 'n'.repeat(255); // the longest file name; its document, documents/<name>.json, is a name too long for a copy
    await writeFile(join(samples, long), ARTICLE_HTML);
    await writeFile(join(samples, 'park.html'), ARTICLE_HTML);
    const out = capture();
    const err = capture();
    const code = await runLocalPipelineCli(['--samples', samples, '--out', join(work, 'out'), '--data', join(work, 's3')], { stdout: out.stream, stderr: err.stream });
    expect(out.text).toMatch(new RegExp(`^${long}\\s+(html|text) utf-8\\s`, 'm'));
    expect(out.text).toMatch(/^park\.html\s+html utf-8\s/m);
    await expect(readFile(join(work, 'out', 'documents', 'park.json'), 'utf8')).resolves.toContain('"format": "html"');
    expect(err.text).toMatch(new RegExp(`^could not copy documents/${long}\\.json: ENAMETOOLONG`, 'm'));
    expect(code).toBe(1);
  });

  it('--formats writes the Markdown and text of each document beside it, in the clean bucket and in the copies', async () => {
    const samples = join(work, 'samples');
    await mkdir(samples, { recursive: true });
    await writeFile(join(samples, 'park.html'), ARTICLE_HTML);
    const out = capture();
    const code = await runLocalPipelineCli(['--samples', samples, '--out', join(work, 'out'), '--data', join(work, 's3'), '--formats', 'json,md,txt'], { stdout: out.stream, stderr: capture().stream });
    expect(code).toBe(0);
    expect((await readdir(join(work, 'out', 'documents'))).sort()).toEqual(['park.json', 'park.md', 'park.txt']);
    const markdown = await readFile(join(work, 'out', 'documents', 'park.md'), 'utf8');
    expect(markdown).toMatch(/^The city council voted on Tuesday to turn the old gasworks site into a public park/);
    expect(markdown).toContain('![](park.jpg)');
    // The function wrote them to the clean bucket (the local server keeps each object under a hash of its key).
    const objects = (await readdir(join(work, 's3'), { recursive: true })).filter((name) => /^scrape-clean\/\.objects\/[0-9a-f]{2}\/[0-9a-f]{64}$/.test(name.split('\\').join('/')));
    expect(objects).toHaveLength(3);
    expect(await runLocalPipelineCli(['--formats', 'pdf'], { stdout: capture().stream, stderr: capture().stream })).toBe(2);
  });

  it('keeps running with --watch and cleans what any S3 client drops in (npm run dev)', async () => {
    const samples = join(work, 'samples');
    await mkdir(samples);
    await writeFile(join(samples, 'first.txt'), 'Plain text scrape\n\nA first paragraph of a plain text scrape, long enough to be kept as body text by the cleaner.\n');
    let stop!: () => void;
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    const out = capture();
    const running = runLocalPipelineCli(['--watch', '--samples', samples, '--out', join(work, 'out'), '--data', join(work, 's3')], { stdout: out.stream, stderr: capture().stream, stopped });
    const [, endpoint] = await out.waitFor(/endpoint:\s+(http:\/\/127\.0\.0\.1:\d+)/);
    const [, raw] = await out.waitFor(/raw bucket:\s+(\S+)/);
    const client = localS3Client(endpoint!);
    await client.send(new PutObjectCommand({ Bucket: raw, Key: 'dropped in/later.html', Body: ARTICLE_HTML, ContentType: 'text/html' }));
    await out.waitFor(/dropped in\/later\.html → documents\/dropped in\/later\.json/);
    // A key with a carriage return and a line feed: its line was broken in two, the first half written over.
    await client.send(new PutObjectCommand({ Bucket: raw, Key: 'over\r\nwritten.html', Body: ARTICLE_HTML, ContentType: 'text/html' }));
    await out.waitFor(/\n"over\\r\\nwritten\.html" → documents\/by-key-hash\/[0-9a-f]{64}\.json {2}\(html,/);
    expect(out.text).not.toMatch(/\r/);
    client.destroy();
    stop();
    await expect(running).resolves.toBe(0);
    await expect(readFile(join(work, 'out', 'documents', 'dropped in', 'later.json'), 'utf8')).resolves.toContain('"format": "html"');
  });

  it('a WARC file among the samples becomes its JSON Lines and manifest: a row with its counts, copies, exit 0 (npm start and npm run dev)', async () => {
    const samples = join(work, 'samples');
    await mkdir(samples);
    const crawl = (path: string) =>
      warcFile([htmlResponse(`https://site.example/${path}`, ARTICLE_HTML), { type: 'response', url: 'https://site.example/logo.png', httpHeaders: { 'Content-Type': 'image/png' }, payload: 'PNG' }], 'record');
    await writeFile(join(samples, 'crawl.warc.gz'), await crawl('park'));
    const args = ['--samples', samples, '--out', join(work, 'out'), '--data', join(work, 's3')];
    const first = capture();
    expect(await runLocalPipelineCli(args, { stdout: first.stream, stderr: capture().stream })).toBe(0);
    // Not lost: a row of its own, what its records became, its outputs copied.
    expect(first.text).toMatch(/^crawl\.warc\.gz\s+warc\s/m);
    expect(first.text).toContain('crawl.warc.gz: 2 records: 1 document, 0 errors, 1 skipped (not-html 1)');
    expect((await readdir(join(work, 'out', 'documents'))).sort()).toEqual(['crawl.jsonl.gz', 'crawl.manifest.json']);
    const lines = gunzipSync(await readFile(join(work, 'out', 'documents', 'crawl.jsonl.gz'))).toString('utf8').trim().split('\n');
    expect(lines.map((line) => (JSON.parse(line) as { source: { warc: { targetUri: string } } }).source.warc.targetUri)).toEqual(['https://site.example/park']);
    // Dropped in later: one line once its manifest is written, and its copies.
    let stop!: () => void;
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    const out = capture();
    const running = runLocalPipelineCli(['--watch', ...args], { stdout: out.stream, stderr: capture().stream, stopped });
    const [, endpoint] = await out.waitFor(/endpoint:\s+(http:\/\/127\.0\.0\.1:\d+)/);
    const [, raw] = await out.waitFor(/raw bucket:\s+(\S+)/);
    const client = localS3Client(endpoint!);
    await client.send(new PutObjectCommand({ Bucket: raw, Key: 'later/more.warc', Body: gunzipSync(await crawl('more')) }));
    await out.waitFor(/later\/more\.warc → documents\/later\/more\.jsonl\.gz {2}\(2 records: 1 document, 0 errors, 1 skipped \(not-html 1\)\)/);
    client.destroy();
    stop();
    await expect(running).resolves.toBe(0);
    expect((await readdir(join(work, 'out', 'documents', 'later'))).sort()).toEqual(['more.jsonl.gz', 'more.manifest.json']);
  });

  it('says which of two objects sharing an output name (page.html, page.txt) lost its document, and exits 1', async () => {
    const samples = join(work, 'samples');
    await mkdir(samples);
    await writeFile(join(samples, 'page.html'), ARTICLE_HTML);
    await writeFile(join(samples, 'page.txt'), 'Plain text scrape\n\nA first paragraph of a plain text scrape, long enough to be kept as body text by the cleaner.\n');
    const out = capture();
    const code = await runLocalPipelineCli(['--samples', samples, '--out', join(work, 'out'), '--data', join(work, 's3')], { stdout: out.stream, stderr: capture().stream });
    expect(code).toBe(1);
    // The later write wins (the function logs it); the other object's row must not show the winner's document as its own.
    const rows = out.text.split('\n').filter((line) => /^page\.(html|txt)\s/.test(line));
    expect(rows).toHaveLength(2);
    expect(rows.filter((row) => /\sreplaced\s/.test(row))).toHaveLength(1);
    expect(out.text).toMatch(/^page\.(html|txt): its output documents\/page\.json was written for page\.(html|txt)/m);
  });

  it('says which of two WARC files sharing their outputs (crawl.warc, crawl.warc.gz) lost them, and exits 1', async () => {
    const samples = join(work, 'samples');
    await mkdir(samples);
    await writeFile(join(samples, 'crawl.warc'), await warcFile([htmlResponse('https://site.example/a', ARTICLE_HTML)]));
    await writeFile(join(samples, 'crawl.warc.gz'), await warcFile([htmlResponse('https://site.example/b', ARTICLE_HTML)], 'record'));
    const out = capture();
    const code = await runLocalPipelineCli(['--samples', samples, '--out', join(work, 'out'), '--data', join(work, 's3')], { stdout: out.stream, stderr: capture().stream });
    // Both write documents/crawl.jsonl.gz and its manifest: the later wins, the other's row must not show them as its own.
    const rows = out.text.split('\n').filter((line) => /^crawl\.warc(\.gz)?\s/.test(line));
    expect(rows).toHaveLength(2);
    expect(rows.filter((row) => /\sreplaced\s/.test(row))).toHaveLength(1);
    expect(out.text).toMatch(/^crawl\.warc(\.gz)?: its output documents\/crawl\.manifest\.json was written for crawl\.warc(\.gz)?/m);
    expect(code).toBe(1);
  });

  it('rejects unknown options with a usage message', async () => {
    const err = capture();
    expect(await runLocalPipelineCli(['--frobnicate'], { stdout: capture().stream, stderr: err.stream })).toBe(2);
    expect(err.text).toMatch(/usage: local-pipeline/);
  });
});

describe('the table of npm start', () => {
  it('keeps a key with control characters on its row, escaped (it broke the row, a carriage return wrote over it)', () => {
    const table = formatOutputTable([{ key: 'a\rb\nc\u001b[2J.html', kind: 'missing' }, { key: 'plain.html', kind: 'missing' }]);
    const rows = table.split('\n').slice(2, 4);
    expect(rows[0]).toMatch(/^"a\\rb\\nc\\u001b\[2J\.html" {2}missing /);
    expect(rows[1]).toMatch(/^plain\.html {15}missing /);
    expect(table).toContain('\n"a\\rb\\nc\\u001b[2J.html": no document, no error record, no dead letter');
  });
});
