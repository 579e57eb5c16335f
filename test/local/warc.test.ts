/**
 * A WARC object through the local pipeline (real local S3 server, real SQS-like queue, the clean
 * handler): it is cut into ranges of records, each range is one invocation writing one part,
 * continued by a message on the queue, and the last joins the parts into
 * documents/<stem>.jsonl.gz with a manifest. The lines are those of cleaning the file in one go
 * (the core's cleanWarc), none twice and none missing, also when continuations are delivered
 * twice; the object replaced halfway stops the old chain.
 */
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { Logger } from '@aws-lambda-powertools/logger';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { cleanWarc } from '../../src/core/warc/index.js';
import { startLocalPipeline, type LocalPipeline } from '../../src/local/pipeline.js';
import { objectBatch, type ObjectBatchResponse } from '../../src/pipeline/object-message.js';
import { reprocessObject } from '../../src/backfill/run.js';
import type { Context } from 'aws-lambda';
import type { WarcManifest, WarcResult } from '../../src/pipeline/warc-object.js';
import { article } from '../core/helpers.js';
import { htmlResponse, inChunks, warcFile, warcRecord } from '../core/warc/build.js';

let pipeline: LocalPipeline;
const ranges: Array<{ key: string; result: WarcResult }> = [];

beforeAll(async () => {
  vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'true');
  pipeline = await startLocalPipeline({
    logger: new Logger({ serviceName: 'test', logLevel: 'SILENT' }),
    queue: { visibilityTimeoutMs: 200, maxReceiveCount: 3 },
    mapping: { batchWindowMs: 5 },
    // Ranges of 7 records: the file below takes 5 invocations.
    warcSettings: { maxRangeRecords: 7 },
    onWarcResult: (result, key) => ranges.push({ key, result }),
  });
});

afterAll(async () => {
  await pipeline?.close();
  vi.unstubAllEnvs();
});

const page = (n: number) => article([`Paragraph number ${n} of the crawl, long enough to be the body of a page about the harbour and its ferries.`]);

/** 30 records: pages, images, revisits and requests, and one damaged member. */
async function crawl(): Promise<Uint8Array> {
  const records: Uint8Array[] = [];
  for (let n = 0; n < 30; n++) {
    if (n === 13) {
      const bad = Buffer.from(await warcRecord(htmlResponse(`https://site.example/${n}`, page(n)), true));
      bad.fill(0x55, 30, 50);
      records.push(bad);
    } else if (n % 5 === 1) records.push(await warcRecord({ type: 'request', url: `https://site.example/${n}`, statusline: `GET /${n} HTTP/1.1`, httpHeaders: { Host: 'site.example' } }, true));
    else if (n % 7 === 3) records.push(await warcRecord({ type: 'response', url: `https://site.example/${n}.png`, httpHeaders: { 'Content-Type': 'image/png' }, payload: 'PNG' }, true));
    else if (n % 9 === 4) records.push(await warcRecord({ type: 'revisit', url: `https://site.example/${n}` }, true));
    else records.push(await warcRecord(htmlResponse(`https://site.example/${n}`, page(n)), true));
  }
  return Buffer.concat(records);
}

async function read(key: string): Promise<Buffer> {
  const object = await pipeline.s3.send(new GetObjectCommand({ Bucket: pipeline.config.cleanBucket, Key: key }));
  return Buffer.from(await object.Body!.transformToByteArray());
}

/** A line without what differs by run or by where it was made (timestamps; the S3 source fields). */
function comparable(line: Record<string, unknown>): unknown {
  const { processedAt: _p, failedAt: _f, source, ...rest } = line as { processedAt?: string; failedAt?: string; source: Record<string, unknown> };
  const { bucket: _b, key: _k, versionId: _v, etag: _e, ...kept } = source;
  return { ...rest, source: kept };
}

function linesOf(gz: Buffer): Array<Record<string, unknown>> {
  return gunzipSync(gz)
    .toString('utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('a WARC object in the raw bucket', () => {
  it('is cleaned in ranges, one invocation each, into one JSON Lines file and a manifest', async () => {
    const file = await crawl();
    await pipeline.upload('crawls/2024/crawl-1.warc.gz', file);
    await pipeline.whenIdle(60_000);

    const written = ranges.filter((r) => r.key === 'crawls/2024/crawl-1.warc.gz' && r.result.outcome === 'range-written');
    expect(written.map((r) => r.result.part)).toEqual([1, 2, 3, 4, 5]);
    const lines = linesOf(await read('documents/crawls/2024/crawl-1.jsonl.gz'));

    const expected: unknown[] = [];
    for await (const outcome of cleanWarc(inChunks(file), { file: 'crawls/2024/crawl-1.warc.gz' })) {
      if (outcome.kind === 'document') expected.push(comparable(outcome.document));
      if (outcome.kind === 'error') expected.push(comparable(outcome.errorRecord));
    }
    expect(lines.map(comparable)).toEqual(expected);
    expect(lines.map((line) => (line.source as { warc: { index: number } }).warc.index)).toEqual([...new Set(lines.map((line) => (line.source as { warc: { index: number } }).warc.index))]);
    expect((lines[0]!.source as { bucket: string; key: string }).key).toBe('crawls/2024/crawl-1.warc.gz');

    const manifest = JSON.parse((await read('documents/crawls/2024/crawl-1.manifest.json')).toString('utf8')) as WarcManifest;
    expect(manifest.counts).toMatchObject({ records: 30, errors: 1, errorsByCode: { CORRUPT_GZIP: 1 } });
    expect(manifest.counts.documents).toBe(lines.length - 1);
    expect(manifest.counts.documents + manifest.counts.errors + Object.values(manifest.counts.skipped).reduce((a, b) => a + b, 0)).toBe(30);
    expect(manifest.ranges.map((r) => r.records)).toEqual([7, 7, 7, 7, 2]);
    expect(manifest.ranges.at(-1)!.end).toBeNull();
    expect(manifest.ranges.slice(1).map((r) => r.start)).toEqual(manifest.ranges.slice(0, -1).map((r) => r.end));
  });

  it('does not duplicate or drop records when continuations arrive twice', async () => {
    const before = await read('documents/crawls/2024/crawl-1.jsonl.gz');
    const manifest = JSON.parse((await read('documents/crawls/2024/crawl-1.manifest.json')).toString('utf8')) as WarcManifest;
    const { etag } = manifest.source;
    ranges.length = 0;
    // Range 3 delivered again, as SQS may: it is found done, and the ranges after it too.
    const third = manifest.ranges[2]!;
    pipeline.queue.send(JSON.stringify(objectBatch([{ bucket: pipeline.rawBucket, key: 'crawls/2024/crawl-1.warc.gz', etag: etag!, warcRange: { part: 3, ...third.start, index: 14 } }])));
    await pipeline.whenIdle(60_000);
    expect(ranges.map((r) => [r.result.part, r.result.outcome])).toEqual([
      [3, 'skipped'],
      [4, 'skipped'],
      [5, 'skipped'],
    ]);
    expect(linesOf(await read('documents/crawls/2024/crawl-1.jsonl.gz')).map(comparable)).toEqual(linesOf(before).map(comparable));
  });

  it('says when its outputs replace those of another WARC file of the same stem (shared/crawl.warc, shared/crawl.warc.gz)', async () => {
    ranges.length = 0;
    await pipeline.upload('shared/crawl.warc', await warcFile([htmlResponse('https://site.example/plain', page(1))]));
    await pipeline.whenIdle(60_000);
    await pipeline.upload('shared/crawl.warc.gz', await warcFile([htmlResponse('https://site.example/gzipped', page(2))], 'record'));
    await pipeline.whenIdle(60_000);
    const finished = ranges.filter((r) => r.result.outcome === 'range-written' && r.result.finished);
    expect(finished.map((r) => [r.key, r.result.outcome === 'range-written' ? r.result.replacedSourceKey : undefined])).toEqual([
      ['shared/crawl.warc', null],
      ['shared/crawl.warc.gz', 'shared/crawl.warc'],
    ]);
  });

  it('is left alone when its lines are up to date, and done again when it changes', async () => {
    ranges.length = 0;
    const first = await read('documents/crawls/2024/crawl-1.jsonl.gz');
    // A redelivered event of the same object: skipped at range 1.
    const notification = await pipeline.s3.send(new GetObjectCommand({ Bucket: pipeline.rawBucket, Key: 'crawls/2024/crawl-1.warc.gz' }));
    pipeline.queue.send(JSON.stringify(objectBatch([{ bucket: pipeline.rawBucket, key: 'crawls/2024/crawl-1.warc.gz', etag: notification.ETag!.replace(/"/g, '') }])));
    await notification.Body!.transformToByteArray();
    await pipeline.whenIdle(60_000);
    expect(ranges.map((r) => [r.result.part, r.result.outcome])).toEqual([[1, 'skipped']]);

    ranges.length = 0;
    const smaller = await warcFile([htmlResponse('https://site.example/new', page(99))], 'record');
    await pipeline.s3.send(new PutObjectCommand({ Bucket: pipeline.rawBucket, Key: 'crawls/2024/crawl-1.warc.gz', Body: smaller }));
    await pipeline.whenIdle(60_000);
    const lines = linesOf(await read('documents/crawls/2024/crawl-1.jsonl.gz'));
    expect(lines.map((line) => line.url)).toEqual(['https://site.example/new']);
    expect(first.equals(await read('documents/crawls/2024/crawl-1.jsonl.gz'))).toBe(false);
  });

  it('in a backfill batch (a direct invocation): range 1 there, the rest continued on the queue', async () => {
    ranges.length = 0;
    const file = await crawl();
    await pipeline.s3.send(new PutObjectCommand({ Bucket: pipeline.rawBucket, Key: 'backfill/crawl-2.warc.gz', Body: file }));
    await pipeline.whenIdle(60_000);
    ranges.length = 0;
    const context = { getRemainingTimeInMillis: () => 100_000 } as unknown as Context;
    const response = (await pipeline.handler(objectBatch([{ bucket: pipeline.rawBucket, key: 'backfill/crawl-2.warc.gz' }], true), context)) as ObjectBatchResponse;
    expect(response.outcomes).toEqual([{ key: 'backfill/crawl-2.warc.gz', outcome: 'written', reason: 'warc range 1: continued on the queue' }]);
    await pipeline.whenIdle(60_000);
    expect(ranges.filter((r) => r.result.outcome === 'range-written').map((r) => r.result.part)).toEqual([1, 2, 3, 4, 5]);
    // 17 pages and the damaged record (the other 12 are requests, images and revisits).
    expect(linesOf(await read('documents/backfill/crawl-2.jsonl.gz'))).toHaveLength(18);
  });

  it('with scrape-clean reprocess: every range in the process, one after another', async () => {
    const file = await crawl();
    await pipeline.s3.send(new PutObjectCommand({ Bucket: pipeline.rawBucket, Key: 'again/crawl-3.warc.gz', Body: file }));
    await pipeline.whenIdle(60_000);
    const before = await read('documents/again/crawl-3.jsonl.gz');
    const outcome = await reprocessObject({ bucket: pipeline.rawBucket, key: 'again/crawl-3.warc.gz', force: true }, { s3: pipeline.s3, bucket: pipeline.rawBucket, prefix: '', config: pipeline.config });
    expect(outcome).toEqual({ key: 'again/crawl-3.warc.gz', outcome: 'written', reason: 'warc range 1: file finished' });
    expect(linesOf(await read('documents/again/crawl-3.jsonl.gz')).map(comparable)).toEqual(linesOf(before).map(comparable));
  });
});
