/**
 * End to end on a real s3rver (started here on a free loopback port) with the real
 * @aws-sdk/client-s3 over HTTP: upload → S3 notification → local queue → the clean handler →
 * document or error record in the clean bucket.
 */
import { GetObjectCommand, HeadObjectCommand, paginateListObjectsV2, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { Logger } from '@aws-lambda-powertools/logger';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startLocalPipeline, type LocalPipeline } from '../../src/local/pipeline.js';
import { LOCAL_S3 } from '../../src/pipeline/contract.js';
import { documentSchema, errorRecordSchema } from '../../src/core/schema.js';
import { PIPELINE_VERSION } from '../../src/core/version.js';
import type { ProcessResult } from '../../src/pipeline/process-object.js';
import { ARTICLE_HTML, PNG_BYTES } from '../functions/helpers.js';

const getAttempts = new Map<string, number>();

/** Fails GetObject of chosen keys with S3 throttling, before the SDK's own retries see it. */
function injectThrottling(client: S3Client): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const key = (args.input as { Key?: string }).Key ?? '';
      if (context.commandName === 'GetObjectCommand') {
        const attempt = (getAttempts.get(key) ?? 0) + 1;
        getAttempts.set(key, attempt);
        if (key === 'always throttled.html' || (key === 'flaky once.html' && attempt === 1)) {
          throw new S3ServiceException({ name: 'SlowDown', $fault: 'server', $metadata: { httpStatusCode: 503 }, message: 'Please reduce your request rate.' });
        }
      }
      return next(args);
    },
    { step: 'initialize', name: 'injectThrottling' },
  );
}

let pipeline: LocalPipeline;
const results: ProcessResult[] = [];

beforeAll(async () => {
  vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'true');
  pipeline = await startLocalPipeline({
    logger: new Logger({ serviceName: 'test', logLevel: 'SILENT' }),
    queue: { visibilityTimeoutMs: 20, maxReceiveCount: 3 },
    mapping: { batchWindowMs: 5 },
    onResult: (result) => results.push(result),
    prepareFunctionClient: injectThrottling,
  });
  // The catch-up at start lists the raw bucket with the function's own client: a key uploaded
  // before its listing would be cleaned outside the queue (and its throttling retried in process).
  await pipeline.catchUp;
});

afterAll(async () => {
  await pipeline?.close();
  vi.unstubAllEnvs();
});

async function head(key: string) {
  return pipeline.s3.send(new HeadObjectCommand({ Bucket: pipeline.config.cleanBucket, Key: key }));
}

async function readJson(key: string): Promise<unknown> {
  const object = await pipeline.s3.send(new GetObjectCommand({ Bucket: pipeline.config.cleanBucket, Key: key }));
  expect(object.ContentType).toBe('application/json');
  return JSON.parse(await object.Body!.transformToString());
}

describe('local pipeline on s3rver', () => {
  it('listens on a loopback port and has created both buckets', () => {
    expect(pipeline.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(pipeline.rawBucket).not.toBe(pipeline.config.cleanBucket);
  });

  it('sends S3-encoded keys through the queue and writes documents under the exact decoded names', async () => {
    const send = vi.spyOn(pipeline.queue, 'send');
    const keys = ['daily news/front page.html', 'über/東京 ニュース.html', 'c++/a+b 100%.html'];
    for (const key of keys) await pipeline.upload(key, ARTICLE_HTML, { contentType: 'text/html' });
    const states = await pipeline.waitForOutputs(keys);
    const sent = [...send.mock.calls];
    send.mockRestore();

    const sentKeys = sent.map(([body]) => (JSON.parse(body) as { Records: Array<{ s3: { object: { key: string } } }> }).Records[0]!.s3.object.key);
    expect(sentKeys.sort()).toEqual(['%C3%BCber/%E6%9D%B1%E4%BA%AC+%E3%83%8B%E3%83%A5%E3%83%BC%E3%82%B9.html', 'c%2B%2B/a%2Bb+100%25.html', 'daily+news/front+page.html']);

    expect(states.map((s) => [s.key, s.kind, 'outputKey' in s ? s.outputKey : null])).toEqual([
      ['daily news/front page.html', 'document', 'documents/daily news/front page.json'],
      ['über/東京 ニュース.html', 'document', 'documents/über/東京 ニュース.json'],
      ['c++/a+b 100%.html', 'document', 'documents/c++/a+b 100%.json'],
    ]);
    for (const key of keys) {
      const outputKey = `documents/${key.replace(/\.html$/, '.json')}`;
      const document = documentSchema.parse(await readJson(outputKey));
      const raw = await pipeline.s3.send(new HeadObjectCommand({ Bucket: pipeline.rawBucket, Key: key }));
      const etag = raw.ETag!.replace(/"/g, '');
      expect(document.source).toMatchObject({ bucket: pipeline.rawBucket, key, etag, format: 'html' });
      const stamp = (await head(outputKey)).Metadata;
      expect(stamp).toMatchObject({ 'source-bucket': pipeline.rawBucket, 'source-key': encodeURIComponent(key), 'source-etag': etag, 'pipeline-version': PIPELINE_VERSION });
    }
  });

  it('writes error records for objects that cannot be cleaned, and does not retry them', async () => {
    await pipeline.upload('images/logo.html', PNG_BYTES);
    await pipeline.upload('broken page.html.gz', gzipSync(ARTICLE_HTML).subarray(0, 50), { contentType: 'text/html', contentEncoding: 'gzip' });
    const states = await pipeline.waitForOutputs(['images/logo.html', 'broken page.html.gz']);
    expect(states.map((s) => [s.kind, 'outputKey' in s ? s.outputKey : null])).toEqual([
      ['error-record', 'errors/images/logo.error.json'],
      ['error-record', 'errors/broken page.error.json'],
    ]);
    expect(errorRecordSchema.parse(await readJson('errors/images/logo.error.json')).error.code).toBe('BINARY_INPUT');
    expect(errorRecordSchema.parse(await readJson('errors/broken page.error.json')).error.code).toBe('CORRUPT_GZIP');
    expect(getAttempts.get('images/logo.html')).toBe(1);
  });

  it('an error record of this pipeline version is current over a document an older version made from the same bytes', async () => {
    // An earlier release cleaned these bytes (the same ETag); this one cannot: both outputs record the object's ETag.
    const key = 'older release/logo.html';
    const etag = createHash('md5').update(PNG_BYTES).digest('hex');
    const older = { pipelineVersion: '0.9.0', source: { bucket: pipeline.rawBucket, key, etag } };
    const metadata = { 'source-bucket': pipeline.rawBucket, 'source-key': encodeURIComponent(key), 'source-etag': etag, 'pipeline-version': '0.9.0' };
    await pipeline.s3.send(new PutObjectCommand({ Bucket: pipeline.config.cleanBucket, Key: 'documents/older release/logo.json', Body: JSON.stringify(older), ContentType: 'application/json', Metadata: metadata }));
    await pipeline.upload(key, PNG_BYTES);
    const [state] = await pipeline.waitForOutputs([key]);
    expect(state).toMatchObject({ kind: 'error-record', outputKey: 'errors/older release/logo.error.json', record: { pipelineVersion: PIPELINE_VERSION, error: { code: 'BINARY_INPUT' } } });
  });

  it('cleans a gzipped upload', async () => {
    await pipeline.upload('zipped/story.html.gz', gzipSync(ARTICLE_HTML), { contentType: 'text/html', contentEncoding: 'gzip' });
    const [state] = await pipeline.waitForOutputs(['zipped/story.html.gz']);
    expect(state).toMatchObject({ kind: 'document', outputKey: 'documents/zipped/story.json' });
    expect(state!.kind === 'document' && state!.document.source.compression).toBe('gzip');
  });

  it('takes uploads from a client with the SDK defaults (streamed, aws-chunked with a checksum trailer)', async () => {
    const client = new S3Client({ endpoint: pipeline.endpoint, forcePathStyle: true, region: LOCAL_S3.region, credentials: { ...LOCAL_S3.credentials } });
    const body = Buffer.from(ARTICLE_HTML);
    await client.send(new PutObjectCommand({ Bucket: pipeline.rawBucket, Key: 'sdk/streamed.html', Body: Readable.from([body]), ContentLength: body.length }));
    client.destroy();
    const [state] = await pipeline.waitForOutputs(['sdk/streamed.html']);
    expect(state).toMatchObject({ kind: 'document', outputKey: 'documents/sdk/streamed.json' });
    expect(state!.kind === 'document' && state!.document.source).toMatchObject({ bytes: body.length, sha256: createHash('sha256').update(body).digest('hex') });
  });

  it('retries a transient failure through the queue until it succeeds', async () => {
    await pipeline.upload('flaky once.html', ARTICLE_HTML);
    const [state] = await pipeline.waitForOutputs(['flaky once.html']);
    expect(state).toMatchObject({ kind: 'document', outputKey: 'documents/flaky once.json' });
    expect(getAttempts.get('flaky once.html')).toBe(2);
  });

  it('parks an object that keeps failing in the dead-letter queue after maxReceiveCount deliveries', async () => {
    await pipeline.upload('always throttled.html', ARTICLE_HTML);
    const [state] = await pipeline.waitForOutputs(['always throttled.html']);
    expect(state).toEqual({ key: 'always throttled.html', kind: 'dead-lettered', receiveCount: 3 });
    expect(getAttempts.get('always throttled.html')).toBe(3);
    await expect(head('documents/always throttled.json')).rejects.toMatchObject({ name: 'NotFound' });
    await expect(head('errors/always throttled.error.json')).rejects.toMatchObject({ name: 'NotFound' });
  });

  it('leaves an up-to-date document alone when the same bytes land again, and rewrites changed ones', async () => {
    await pipeline.upload('again.html', ARTICLE_HTML);
    await pipeline.waitForOutputs(['again.html']);
    const first = await head('documents/again.json');

    results.length = 0;
    await pipeline.upload('again.html', ARTICLE_HTML);
    await pipeline.whenIdle();
    expect(results).toMatchObject([{ key: 'again.html', outcome: 'skipped', reason: 'up-to-date' }]);
    expect((await head('documents/again.json')).ETag).toBe(first.ETag);

    results.length = 0;
    await pipeline.upload('again.html', ARTICLE_HTML.replace('two years', 'three years'));
    const [state] = await pipeline.waitForOutputs(['again.html']);
    expect(results).toMatchObject([{ key: 'again.html', outcome: 'written' }]);
    expect(state!.kind === 'document' && state!.document.bodyText).toContain('three years');
  });
});

describe('every key S3 takes, through the local pipeline', () => {
  const utf8 = (key: string) => Buffer.byteLength(key, 'utf8');
  /** A key of exactly `bytes` bytes of UTF-8, from `stem` padded with `pad` (a 1-, 2-, 3- or 4-byte character). */
  const sized = (stem: string, bytes: number, pad = 'x', end = '.html') => {
    let key = stem;
    while (utf8(key + pad + end) <= bytes) key += pad;
    return key + 'y'.repeat(bytes - utf8(key + end)) + end;
  };
  const KEYS = [
    sized('', 1024), // 1,024 bytes in one segment
    sized('ü/', 1024, 'é'), // 2-byte characters
    sized('東京/', 1024, '東'), // 3-byte characters, padded to the byte
    sized('emoji/', 1024, '😀'), // 4-byte characters
    `${'deep/'.repeat(200)}page.html`, // 200 segments
    `${'s'.repeat(241)}/page.html`, // the segment length that crashed s3rver's file store
    ...[234, 235, 236, 237, 238, 239, 240, 250, 255, 256].map((n) => `segments/${'z'.repeat(n)}.html`), // the lengths that got 500s, and around NAME_MAX
    'spaces and + plus/a b+c%20d.html',
    'ünïcödé/Zürich Straße/東京 + 😀.html',
    'a+b/%C3%BC%2B1%25.html',
    'control/cr\r lf\n tab\t.html', // XML reads a literal carriage return as a line feed: S3 sends it as &#13;
  ];

  it('stores, notifies, cleans and lists keys of up to 1,024 bytes: long segments, deep paths, Unicode, spaces, +, control characters', async () => {
    for (const key of KEYS) expect(utf8(key), key.slice(0, 40)).toBeLessThanOrEqual(1024);
    expect(KEYS.filter((key) => utf8(key) === 1024)).toHaveLength(4);
    for (const [i, key] of KEYS.entries()) await pipeline.upload(key, ARTICLE_HTML.replace('Council approves new park', `Council approves new park ${i}`), { contentType: 'text/html' });
    const states = await pipeline.waitForOutputs(KEYS);
    expect(states.map((s) => [s.key, s.kind])).toEqual(KEYS.map((key) => [key, 'document']));
    for (const state of states) if (state.kind === 'document') expect(state.document.source.key).toBe(state.key);
    const listed = new Set<string>();
    for await (const page of paginateListObjectsV2({ client: pipeline.s3, pageSize: 7 }, { Bucket: pipeline.rawBucket })) for (const object of page.Contents ?? []) listed.add(object.Key!);
    for (const key of KEYS) expect(listed.has(key), key.slice(0, 40)).toBe(true);
  });
});
