/**
 * `scrape-clean reprocess` against a real s3rver (started here on a free loopback port) through
 * the real @aws-sdk/client-s3: 500 stored scrapes reprocessed, a second run that skips all of
 * them, a forced run that redoes them, and an interrupted run resumed with nothing done twice.
 *
 * What was written is counted on the server's side: s3rver emits an ObjectCreated event for
 * every PUT it stores, so "nothing done twice" means one event per output key, whatever the
 * client believed.
 */
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import pLimit from 'p-limit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReprocess, type ReprocessFlags } from '../../src/cli/commands/reprocess.js';
import { PIPELINE_VERSION } from '../../src/core/version.js';
import { localS3Client, startLocalS3, type LocalS3Server } from '../../src/local/s3-server.js';
import { outputKeysFor } from '../../src/pipeline/process-object.js';
import { captureIo, run } from '../cli/io.js';
import { PNG_BYTES } from '../functions/helpers.js';

const RAW = 'scrape-raw';
const CLEAN = 'scrape-clean';
const PREFIX = 'scrapes/';
const TOTAL = 500;

/** Keys that a form-URL-decoding of listed keys would break: listings give them raw. */
const TRICKY_KEYS = [`${PREFIX}daily news/front page.html`, `${PREFIX}c++/a+b 100%.html`, `${PREFIX}über/東京 ニュース.html`, `${PREFIX}q?x=1&y=%41.html`];
const BINARY_KEYS = [`${PREFIX}images/logo.html`, `${PREFIX}images/banner.html`];
const FOLDER_MARKER = `${PREFIX}empty-folder/`;

function page(i: number): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Story ${i}</title></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Story number ${i}</h1>
<p>The council met on day ${i} to discuss the harbour, the ferry timetable and the new cycle path along the river, and voted to go ahead.</p>
<p>Residents said the plan number ${i} had taken too long, but welcomed the decision and the grant that pays for it.</p>
</article><footer><p>© 2024 Example Herald. All rights reserved.</p></footer></body></html>`;
}

interface Stored {
  readonly key: string;
  readonly body: Uint8Array;
  readonly contentType?: string;
}

/** 500 objects under PREFIX: HTML, text and gzipped pages, tricky keys, two binaries, a folder marker. */
function corpus(): Stored[] {
  const objects: Stored[] = [
    ...TRICKY_KEYS.map((key, i) => ({ key, body: Buffer.from(page(1000 + i)), contentType: 'text/html' })),
    ...BINARY_KEYS.map((key) => ({ key, body: PNG_BYTES })),
    { key: FOLDER_MARKER, body: new Uint8Array(0) },
  ];
  for (let i = 0; objects.length < TOTAL; i++) {
    const folder = `${PREFIX}${2000 + (i % 5)}/${String(i % 12).padStart(2, '0')}`;
    if (i % 10 === 3) objects.push({ key: `${folder}/note-${i}.txt`, body: Buffer.from(`Note ${i}\n\nThe ferry ran on time on day ${i}, and the harbour master said the new timetable works.\n`) });
    else if (i % 10 === 7) objects.push({ key: `${folder}/story-${i}.html.gz`, body: gzipSync(page(i)) });
    else objects.push({ key: `${folder}/story-${i}.html`, body: Buffer.from(page(i)), contentType: 'text/html' });
  }
  return objects;
}

let server: LocalS3Server;
let directory: string;
let s3: S3Client;
const stored = corpus();
const documentKeys = stored.filter((o) => !BINARY_KEYS.includes(o.key) && o.key !== FOLDER_MARKER).map((o) => o.key);
/** PUTs the server stored, per bucket and key. */
const puts = new Map<string, number>();
const putsIn = (bucket: string) => [...puts].filter(([k]) => k.startsWith(`${bucket}/`));

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'scrape-clean-backfill-'));
  server = await startLocalS3({ directory });
  server.server.on('event', (event) => {
    for (const record of event.Records) {
      if (!record.eventName.startsWith('ObjectCreated:')) continue;
      // s3rver's events carry raw keys.
      const id = `${record.s3.bucket.name}/${record.s3.object.key}`;
      puts.set(id, (puts.get(id) ?? 0) + 1);
    }
  });
  s3 = localS3Client(server.endpoint);
  for (const bucket of [RAW, CLEAN, 'clean-resume']) await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  const limit = pLimit(16);
  await Promise.all(
    stored.map((o) => limit(() => s3.send(new PutObjectCommand({ Bucket: RAW, Key: o.key, Body: o.body, ContentType: o.contentType })))),
  );
  // Outside the prefix: never touched.
  await s3.send(new PutObjectCommand({ Bucket: RAW, Key: 'elsewhere/page.html', Body: page(1), ContentType: 'text/html' }));
});

afterAll(async () => {
  s3?.destroy();
  await server?.close();
  await rm(directory, { recursive: true, force: true });
});

async function reprocessCli(...extra: string[]) {
  const result = await run(['reprocess', '--bucket', RAW, '--prefix', PREFIX, '--endpoint', server.endpoint, '--concurrency', '16', '--json', ...extra]);
  return { ...result, summary: JSON.parse(result.out) as Record<string, any> };
}

async function readDocument(rawKey: string, bucket = CLEAN) {
  const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: outputKeysFor(rawKey, { outputPrefix: 'documents/', errorPrefix: 'errors/' }).document }));
  return { metadata: object.Metadata ?? {}, document: JSON.parse(await object.Body!.transformToString()) as { source: { key: string } } };
}

describe('reprocess on s3rver', () => {
  it('processes every object under the prefix: documents, error records, the folder marker ignored', async () => {
    puts.clear();
    const { code, summary, err } = await reprocessCli();
    expect(summary).toMatchObject({
      status: 'complete',
      listed: TOTAL,
      objects: TOTAL,
      documentsWritten: TOTAL - BINARY_KEYS.length - 1,
      errorRecordsWritten: BINARY_KEYS.length,
      errorRecordsUnchanged: 0,
      skippedUpToDate: 0,
      ignored: 1,
      failedTransient: 0,
      failuresByCode: { BINARY_INPUT: BINARY_KEYS.length },
    });
    expect(summary.failures.map((f: { key: string }) => f.key).sort()).toEqual([...BINARY_KEYS].sort());
    // Some inputs failed (their error records are written): exit status 1, as for `clean`.
    expect(code).toBe(1);
    expect(err).toMatch(/500 objects: 497 written, 0 up to date, 1 ignored, 2 failed \(BINARY_INPUT 2\)/);
    // One PUT per output, nothing else written; nothing outside the prefix.
    const written = putsIn(CLEAN);
    expect(written).toHaveLength(TOTAL - 1);
    expect(written.every(([, n]) => n === 1)).toBe(true);
    expect(putsIn(RAW)).toEqual([]);
  });

  it('reads listed keys as they are: spaces, plus signs, percent signs and non-ASCII names', async () => {
    for (const key of TRICKY_KEYS) {
      const { metadata, document } = await readDocument(key);
      expect(document.source.key).toBe(key);
      expect(metadata['pipeline-version']).toBe(PIPELINE_VERSION);
      expect(metadata['source-etag']).toMatch(/^[0-9a-f]{32}$/);
    }
  });

  it('a second run skips every object as up to date and writes nothing', async () => {
    puts.clear();
    const { summary } = await reprocessCli();
    expect(summary).toMatchObject({
      objects: TOTAL,
      documentsWritten: 0,
      skippedUpToDate: TOTAL - BINARY_KEYS.length - 1,
      errorRecordsWritten: 0,
      errorRecordsUnchanged: BINARY_KEYS.length,
      ignored: 1,
    });
    expect(putsIn(CLEAN)).toEqual([]);
  });

  it('--force rewrites every output', async () => {
    puts.clear();
    const { summary } = await reprocessCli('--force');
    expect(summary).toMatchObject({ force: true, documentsWritten: TOTAL - BINARY_KEYS.length - 1, errorRecordsWritten: BINARY_KEYS.length, skippedUpToDate: 0 });
    const written = putsIn(CLEAN);
    expect(written).toHaveLength(TOTAL - 1);
    expect(written.every(([, n]) => n === 1)).toBe(true);
  });

  it('a bucket that does not exist is said plainly, exit status 1', async () => {
    const { code, err } = await run(['reprocess', '--bucket', 'no-such-bucket', '--endpoint', server.endpoint, '--no-progress']);
    expect(code).toBe(1);
    expect(err).toMatch(/error: cannot list s3:\/\/no-such-bucket\/: NoSuchBucket/);
  });

  it('names a failed object whose key has control characters escaped, on one line (a carriage return wrote its start over)', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'clean-odd' }));
    await s3.send(new PutObjectCommand({ Bucket: RAW, Key: 'odd/a\rb.html', Body: PNG_BYTES, ContentType: 'text/html' }));
    const result = await run(['reprocess', '--bucket', RAW, '--prefix', 'odd/', '--endpoint', server.endpoint, '--clean-bucket', 'clean-odd']);
    expect(result.err).toContain('failed: "odd/a\\rb.html": BINARY_INPUT: ');
    expect(result.err).not.toMatch(/\r/);
  });

  it('an interrupted run, resumed, does every object exactly once', async () => {
    puts.clear();
    const controller = new AbortController();
    const stopAfter = 120;
    const onPut = (event: { Records: { eventName: string; s3: { bucket: { name: string } } }[] }) => {
      if (event.Records.some((r) => r.s3.bucket.name === 'clean-resume') && putsIn('clean-resume').length >= stopAfter) controller.abort();
    };
    server.server.on('event', onPut);
    const flags: ReprocessFlags = { bucket: RAW, prefix: PREFIX, endpoint: server.endpoint, cleanBucket: 'clean-resume', concurrency: 8, progress: false, json: true };
    const first = captureIo();
    let code: number;
    try {
      code = await runReprocess(flags, first, { signal: controller.signal, pageSize: 50 });
    } finally {
      server.server.off('event', onPut);
    }
    const interrupted = JSON.parse(first.out());
    expect(code).toBe(130);
    expect(interrupted.status).toBe('interrupted');
    expect(first.err()).toMatch(/stopping: objects in flight finish, no new one starts/);
    expect(first.err()).toMatch(/interrupted: .*run the same command again/);
    const doneFirst = putsIn('clean-resume').length;
    // Objects in flight at the abort finish; nothing new starts: at most `concurrency` more.
    expect(doneFirst).toBeGreaterThanOrEqual(stopAfter);
    expect(doneFirst).toBeLessThan(stopAfter + 8 + 1);
    expect(interrupted.objects).toBeLessThan(TOTAL);

    const second = captureIo();
    const resumedCode = await runReprocess(flags, second, { pageSize: 50 });
    const resumed = JSON.parse(second.out());
    expect(resumedCode).toBe(1); // the two binaries
    expect(resumed).toMatchObject({ status: 'complete', objects: TOTAL, ignored: 1 });
    // What the first run finished, the second skipped (or found its error record unchanged).
    expect(resumed.skippedUpToDate + resumed.errorRecordsUnchanged).toBe(doneFirst);
    expect(resumed.documentsWritten + resumed.errorRecordsWritten).toBe(TOTAL - 1 - doneFirst);
    // Every output written exactly once across both runs.
    const written = putsIn('clean-resume');
    expect(written).toHaveLength(TOTAL - 1);
    expect(written.filter(([, n]) => n !== 1)).toEqual([]);
    const expected = new Set(documentKeys.map((key) => `clean-resume/${outputKeysFor(key, { outputPrefix: 'documents/', errorPrefix: 'errors/' }).document}`));
    for (const key of BINARY_KEYS) expected.add(`clean-resume/${outputKeysFor(key, { outputPrefix: 'documents/', errorPrefix: 'errors/' }).error}`);
    expect(new Set(written.map(([k]) => k))).toEqual(expected);
  });
});
