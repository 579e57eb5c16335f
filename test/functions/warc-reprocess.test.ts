/**
 * The function's WARC path when the object is cleaned again: by a later pipeline version (a
 * backfill after a release, while the earlier run's parts are still under warc-parts/). Against a
 * mocked S3 (aws-sdk-client-mock) that keeps what is written and honours If-None-Match: *, as S3 does.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it, vi } from 'vitest';
import { PIPELINE_VERSION } from '../../src/core/version.js';
import { PIPELINE_DEFAULTS } from '../../src/pipeline/contract.js';
import { validatePipelineConfig } from '../../src/pipeline/config.js';
import { readStamp } from '../../src/pipeline/stamp.js';
import { processWarcToEnd } from '../../src/pipeline/warc-handler.js';
import { processWarcObject, warcOutputKeys, type WarcRange } from '../../src/pipeline/warc-object.js';
import { outputKeysFor, processObject } from '../../src/pipeline/process-object.js';
import type { WarcPipelineSettings } from '../../src/pipeline/warc-settings.js';
import { article } from '../core/helpers.js';
import { handRecord, htmlResponse, httpBlock, responseFields, segmentedRecord, warcFile, warcRecord } from '../core/warc/build.js';
import { memoryBucket, sdkBody, type StoredObject } from './helpers.js';

/** A clean bucket in memory behind a mocked client, and the raw object `crawl.warc.gz`. */
function bucket(file: Buffer) {
  const s3 = new S3Client({ region: 'eu-west-1' });
  const stored = memoryBucket(mockClient(s3), (input) => {
    const from = input.Range ? Number(/^bytes=(\d+)-$/.exec(input.Range)![1]) : 0;
    return { Body: sdkBody(file.subarray(from)), ContentLength: file.length - from, ETag: '"e1"' };
  });
  return { s3, stored };
}

describe('a WARC object cleaned again by a later pipeline version', () => {
  it('is cleaned by this version, though the parts of the earlier version are still there', async () => {
    const pages = ['one', 'two', 'three'].map((n) => htmlResponse(`https://site.example/${n}`, article([`A paragraph long enough about the ${n}th ferry of the harbour, for a page of its own.`])));
    const file = Buffer.from(await warcFile(pages, 'record'));
    const { s3, stored } = bucket(file);
    const config = validatePipelineConfig({ ...PIPELINE_DEFAULTS, cleanBucket: 'clean' });
    const run = () => processWarcToEnd({ s3, config, rawBucket: 'raw', key: 'crawl.warc.gz', settings: { maxRangeRecords: 2 } });
    expect((await run()).outcome).toBe('range-written');
    // What an earlier release left: its outputs and parts (they live 7 days) stamped with its version, the parts
    // in the folder it used (up to 2.8.0, the ETag's folder held the parts of every pipeline version).
    for (const [key, object] of [...stored]) {
      stored.delete(key);
      stored.set(key.replace(`/${PIPELINE_VERSION}/`, '/'), { ...object, metadata: { ...object.metadata, 'pipeline-version': '2.7.0' } });
    }

    const again = await run();
    expect(again).toMatchObject({ outcome: 'range-written', finished: { pipelineVersion: PIPELINE_VERSION, counts: { records: 3, documents: 3 } } });
    const lines = stored.get('documents/crawl.jsonl.gz')!;
    expect(lines.metadata['pipeline-version']).toBe(PIPELINE_VERSION);
    const documents = gunzipSync(lines.body).toString('utf8').trim().split('\n').map((line) => JSON.parse(line) as { pipelineVersion: string; source: { name: string } });
    expect(documents.map((d) => [d.pipelineVersion, d.source.name])).toEqual(['one', 'two', 'three'].map((n) => [PIPELINE_VERSION, expect.stringContaining(n)]));
  });
});

describe('a WARC object whose JSON Lines were written but not its manifest', () => {
  const pages = ['one', 'two', 'three'].map((n) => htmlResponse(`https://site.example/${n}`, article([`A paragraph long enough about the ${n}th ferry of the harbour, for a page of its own.`])));
  /** The state an invocation leaves when it ends (its time out, a crash) between the PUT of the lines and the PUT of the manifest. */
  async function cutBeforeManifest() {
    const { s3, stored } = bucket(Buffer.from(await warcFile(pages, 'record')));
    const config = validatePipelineConfig({ ...PIPELINE_DEFAULTS, cleanBucket: 'clean' });
    await processWarcToEnd({ s3, config, rawBucket: 'raw', key: 'crawl.warc.gz', settings: { maxRangeRecords: 2 } });
    expect(stored.delete('documents/crawl.manifest.json')).toBe(true);
    return { s3, stored, config };
  }
  const manifestOf = (stored: Map<string, StoredObject>) => {
    const manifest = stored.get('documents/crawl.manifest.json');
    return manifest && (JSON.parse(manifest.body.toString('utf8')) as { pipelineVersion: string; counts: { records: number } });
  };

  it('gets its manifest when the last range is retried', async () => {
    const { s3, stored, config } = await cutBeforeManifest();
    const first = [...stored].find(([key]) => key.endsWith('/00001.json'))!;
    const { end, nextIndex } = JSON.parse(first[1].body.toString('utf8')) as { end: { offset: number; skip: number }; nextIndex: number };
    const retried = await processWarcObject({
      s3, config, rawBucket: 'raw', key: 'crawl.warc.gz', etag: 'e1',
      range: { part: 2, offset: end.offset, skip: end.skip, index: nextIndex },
      remainingMs: () => 600_000, continueWith: async () => {},
    });
    expect(retried.outcome).toBe('skipped');
    expect(manifestOf(stored)).toMatchObject({ pipelineVersion: PIPELINE_VERSION, counts: { records: 3 } });
  });

  it('gets its manifest when the object event is delivered again', async () => {
    const { s3, stored, config } = await cutBeforeManifest();
    await processWarcToEnd({ s3, config, rawBucket: 'raw', key: 'crawl.warc.gz', etag: 'e1', settings: { maxRangeRecords: 2 } });
    expect(manifestOf(stored)).toMatchObject({ pipelineVersion: PIPELINE_VERSION, counts: { records: 3 } });
  });
});

describe('a WARC chain that a release interrupts (range 1 by the earlier version, the rest by this one)', () => {
  it('starts over from the first range rather than failing at the join for want of the earlier version\'s parts', async () => {
    const pages = ['one', 'two', 'three'].map((n) => htmlResponse(`https://site.example/${n}`, article([`A paragraph long enough about the ${n}th ferry of the harbour, for a page of its own.`])));
    const { s3, stored } = bucket(Buffer.from(await warcFile(pages, 'record')));
    const config = validatePipelineConfig({ ...PIPELINE_DEFAULTS, cleanBucket: 'clean' });
    await processWarcToEnd({ s3, config, rawBucket: 'raw', key: 'crawl.warc.gz', settings: { maxRangeRecords: 2 } });
    // What the earlier release left when it was replaced: range 1's lines and marker in its folder, range 2 still queued.
    const marker = [...stored.keys()].find((key) => key.endsWith('/00001.json'))!;
    const { end, nextIndex, lines } = JSON.parse(stored.get(marker)!.body.toString('utf8')) as { end: { offset: number; skip: number }; nextIndex: number; lines: string };
    for (const key of [...stored.keys()]) {
      const object = stored.get(key)!;
      stored.delete(key);
      if (key === marker || key === lines) stored.set(key.replace(`/${PIPELINE_VERSION}/`, '/'), { ...object, metadata: { ...object.metadata, 'pipeline-version': '2.7.0' } });
    }
    // Range 2's message reaches this version; each range's continuation is run in turn, as the queue would.
    let range: WarcRange | null = { part: 2, offset: end.offset, skip: end.skip, index: nextIndex };
    for (let hops = 0; range !== null && hops < 10; hops++) {
      const current: WarcRange = range;
      range = null;
      await processWarcObject({
        s3, config, rawBucket: 'raw', key: 'crawl.warc.gz', etag: 'e1', range: current, settings: { maxRangeRecords: 2 },
        remainingMs: () => 600_000, continueWith: async (next) => { range = next; },
      });
    }
    const manifest = JSON.parse(stored.get('documents/crawl.manifest.json')!.body.toString('utf8')) as { pipelineVersion: string; counts: { records: number; documents: number } };
    expect(manifest).toMatchObject({ pipelineVersion: PIPELINE_VERSION, counts: { records: 3, documents: 3 } });
    const names = gunzipSync(stored.get('documents/crawl.jsonl.gz')!.body).toString('utf8').trim().split('\n').map((line) => (JSON.parse(line) as { source: { name: string } }).source.name);
    expect(names).toEqual(['one', 'two', 'three'].map((n) => `https://site.example/${n}`));
  });
});

describe('a forced reprocess of a WARC whose range messages are delivered twice', () => {
  it('writes every record once: a duplicate range takes the end its chain recorded, not one of its own', async () => {
    const names = ['one', 'two', 'three', 'four', 'five'];
    const pages = names.map((n) => htmlResponse(`https://site.example/${n}`, article([`A paragraph long enough about the ${n}th ferry of the harbour, for a page of its own.`])));
    const { s3, stored } = bucket(Buffer.from(await warcFile(pages, 'record')));
    const config = validatePipelineConfig({ ...PIPELINE_DEFAULTS, cleanBucket: 'clean' });
    // The queue: every continuation sent, in order.
    const sent: WarcRange[] = [];
    const range = (at: WarcRange | undefined, maxRangeRecords: number) =>
      processWarcObject({
        s3, config, rawBucket: 'raw', key: 'crawl.warc.gz', etag: 'e1', force: true, range: at, settings: { maxRangeRecords },
        remainingMs: () => 600_000, continueWith: async (next) => { sent.push(next); },
      });
    await range(undefined, 2); // range 1: one, two
    await range(sent[0], 2); // range 2: three, four
    await range(sent[1], 2); // range 3: five, the end: joined
    // SQS delivers range 2's message again, to an invocation with less time (it stops after one record), then range 3's again.
    await range(sent[0], 1);
    await range(sent[1], 2);
    const lines = gunzipSync(stored.get('documents/crawl.jsonl.gz')!.body).toString('utf8').trim().split('\n');
    expect(lines.map((line) => (JSON.parse(line) as { source: { name: string } }).source.name)).toEqual(names.map((n) => `https://site.example/${n}`));
    const manifest = JSON.parse(stored.get('documents/crawl.manifest.json')!.body.toString('utf8')) as { counts: { records: number } };
    expect(manifest.counts.records).toBe(5);
  });
});

describe('a segmented record whose segments a range would stop between', () => {
  const html = article(['The first part of a long page about the harbour ferries, long enough to be cut in two segments by its crawler.', 'The second part of the long page, in the continuation record after another capture.']);
  const block = httpBlock(html);
  const other = (n: string) => handRecord(responseFields(`https://site.example/${n}`, n), httpBlock(article([`A paragraph long enough about the ${n}th ferry of the harbour, for a page of its own.`])));
  async function cleaned(settings: Partial<WarcPipelineSettings>) {
    const [first, second] = segmentedRecord('https://site.example/long', 'long', block, [Math.floor(block.length / 2)]);
    const { s3, stored } = bucket(Buffer.concat([first!, other('one'), second!, other('two')].map((record) => gzipSync(record))));
    const config = validatePipelineConfig({ ...PIPELINE_DEFAULTS, cleanBucket: 'clean' });
    const result = await processWarcToEnd({ s3, config, rawBucket: 'raw', key: 'crawl.warc.gz', settings });
    const lines = gunzipSync(stored.get('documents/crawl.jsonl.gz')!.body).toString('utf8').trim().split('\n');
    const documents = lines.map((line) => JSON.parse(line) as { source: { name: string; warc: { index: number; truncated?: string; segments?: number } } });
    return { result, documents: documents.map((d) => ({ name: d.source.name, index: d.source.warc.index, truncated: d.source.warc.truncated, segments: d.source.warc.segments })) };
  }

  it('waits for them, while it can, and joins them', async () => {
    const { result, documents } = await cleaned({ maxRangeRecords: 1 });
    expect(result).toMatchObject({ outcome: 'range-written', finished: { counts: { records: 4, documents: 3, errors: 0 } } });
    expect(documents).toEqual([
      { name: 'https://site.example/one', index: 1, truncated: undefined, segments: undefined },
      { name: 'https://site.example/long', index: 0, truncated: undefined, segments: 2 },
      { name: 'https://site.example/two', index: 3, truncated: undefined, segments: undefined },
    ]);
    expect(result.outcome === 'range-written' && result.finished!.ranges.map((range) => range.records)).toEqual([3, 1]);
  });

  it('gives the segment it holds as it is, said to be segmented, when it cannot wait: no record lost or counted twice', async () => {
    const { result, documents } = await cleaned({ maxRangeRecords: 1, maxRangeOutputBytes: 1, gzipBlockBytes: 1 });
    expect(result).toMatchObject({ outcome: 'range-written', finished: { counts: { records: 4, documents: 3, errors: 0 } } });
    expect(documents).toEqual([
      { name: 'https://site.example/one', index: 1, truncated: undefined, segments: undefined },
      { name: 'https://site.example/long', index: 0, truncated: 'segmented', segments: undefined },
      { name: 'https://site.example/two', index: 3, truncated: undefined, segments: undefined },
    ]);
  });
});

describe('two raw keys of one stem (crawl.warc and crawl.warc.gz) finishing at once', () => {
  it('leave lines and manifest of one of them, never the lines of one and the manifest of the other', async () => {
    const page = (n: string) => htmlResponse(`https://site.example/${n}`, article([`A paragraph long enough about the ${n}th ferry of the harbour, for a page of its own.`]));
    const files: Record<string, Buffer> = {
      'crawl.warc': Buffer.from(await warcFile([page('one'), page('two')], 'none')),
      'crawl.warc.gz': Buffer.from(await warcFile([page('three')], 'record')),
    };
    // crawl.warc's manifest is held back until crawl.warc.gz has put its lines and its manifest: crawl.warc's lines, then
    // crawl.warc.gz's lines and manifest, then crawl.warc's manifest.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let otherFinished!: () => void;
    const finished = new Promise<void>((resolve) => (otherFinished = resolve));
    const s3 = new S3Client({ region: 'eu-west-1' });
    const stored = memoryBucket(
      mockClient(s3),
      (input) => ({ Body: sdkBody(files[input.Key]!), ContentLength: files[input.Key]!.length, ETag: `"${input.Key.length}"` }),
      async (input) => {
        if (input.Key === 'documents/crawl.manifest.json' && readStamp(input.Metadata).sourceKey === 'crawl.warc') await held;
      },
    );
    const config = validatePipelineConfig({ ...PIPELINE_DEFAULTS, cleanBucket: 'clean' });
    const run = (key: string) => processWarcToEnd({ s3, config, rawBucket: 'raw', key });
    const first = run('crawl.warc');
    await vi.waitFor(() => expect(stored.get('documents/crawl.jsonl.gz') && readStamp(stored.get('documents/crawl.jsonl.gz')!.metadata).sourceKey).toBe('crawl.warc'));
    void run('crawl.warc.gz').then(() => otherFinished());
    await finished;
    release();
    await first;

    const manifest = JSON.parse(stored.get('documents/crawl.manifest.json')!.body.toString('utf8')) as { source: { key: string }; counts: { documents: number } };
    const lines = stored.get('documents/crawl.jsonl.gz')!;
    const documents = gunzipSync(lines.body).toString('utf8').trim().split('\n').map((line) => JSON.parse(line) as { source: { key: string } });
    expect(readStamp(lines.metadata).sourceKey).toBe(manifest.source.key);
    expect(documents.map((d) => d.source.key)).toEqual(Array(manifest.counts.documents).fill(manifest.source.key));
  });
});

describe('a range that stops right before a damaged gzip member', () => {
  it('goes on after it: the damage is an error line and the records after it are cleaned, whatever the range stops at', async () => {
    const records = await Promise.all(['one', 'two', 'three', 'four'].map((n) => warcRecord(htmlResponse(`https://site.example/${n}`, article([`A paragraph long enough about the ${n}th ferry of the harbour, for a page of its own.`])), true)));
    const damaged = Buffer.from(records[1]!);
    damaged.fill(0x55, 30, 60);
    for (const maxRangeRecords of [1, 2, 100]) {
      const { s3, stored } = bucket(Buffer.concat([records[0]!, damaged, records[2]!, records[3]!]));
      const config = validatePipelineConfig({ ...PIPELINE_DEFAULTS, cleanBucket: 'clean' });
      const result = await processWarcToEnd({ s3, config, rawBucket: 'raw', key: 'crawl.warc.gz', settings: { maxRangeRecords } });
      expect(result).toMatchObject({ outcome: 'range-written', finished: { counts: { records: 4, documents: 3, errors: 1, errorsByCode: { CORRUPT_GZIP: 1 } } } });
      const lines = gunzipSync(stored.get('documents/crawl.jsonl.gz')!.body).toString('utf8').trim().split('\n');
      const names = lines.map((line) => JSON.parse(line) as { source: { name: string }; error?: { code: string } }).map((l) => l.error?.code ?? l.source.name);
      expect(names).toEqual(['https://site.example/one', 'CORRUPT_GZIP', 'https://site.example/three', 'https://site.example/four']);
    }
  });
});

describe('the error record of a WARC object', () => {
  it('has a key of its own, not the one of a page of its stem (crawl.html beside crawl.warc.gz)', () => {
    const config = validatePipelineConfig({ ...PIPELINE_DEFAULTS, cleanBucket: 'clean' });
    const page = outputKeysFor('a/crawl.html', config);
    for (const key of ['a/crawl.warc.gz', 'a/crawl.warc']) {
      const warc = warcOutputKeys(key, config);
      expect(warc.error).toBe(`${config.errorPrefix}a/crawl.warc.error.json`);
      expect([page.document, page.error]).not.toContain(warc.error);
    }
  });

  it('of a WET file (crawl.warc.wet.gz) is not the WARC file\'s of the same crawl (crawl.warc.gz), nor are its outputs', () => {
    // Common Crawl names a segment's WARC and WET files alike; a WET file is read as WARC (its conversion records are pages).
    const config = validatePipelineConfig({ ...PIPELINE_DEFAULTS, cleanBucket: 'clean' });
    const wet = warcOutputKeys('a/crawl.warc.wet.gz', config);
    const warc = warcOutputKeys('a/crawl.warc.gz', config);
    expect(wet.lines).toBe(`${config.outputPrefix}a/crawl.wet.jsonl.gz`);
    expect(wet.manifest).toBe(`${config.outputPrefix}a/crawl.wet.manifest.json`);
    expect(wet.error).toBe(`${config.errorPrefix}a/crawl.wet.warc.error.json`);
    expect([warc.lines, warc.manifest, warc.error]).not.toContain(wet.lines);
    expect([warc.lines, warc.manifest, warc.error]).not.toContain(wet.manifest);
    expect([warc.lines, warc.manifest, warc.error]).not.toContain(wet.error);
  });

  it('and manifest have keys no page of the folder has (crawl.manifest.html, crawl.warc.html beside crawl.warc.gz)', () => {
    // A page's document is <stem>.json and its error record <stem>.error.json: crawl.manifest.html's document was the
    // WARC's manifest key, crawl.warc.html's error record the WARC's error record key; each overwrote the other.
    const config = validatePipelineConfig({ ...PIPELINE_DEFAULTS, cleanBucket: 'clean' });
    const warc = warcOutputKeys('a/crawl.warc.gz', config);
    for (const page of ['a/crawl.manifest.html', 'a/crawl.manifest', 'a/crawl.manifest.txt', 'a/crawl.manifest.htm.gz', 'a/crawl.warc.html', 'a/crawl.warc.txt', 'a/crawl.jsonl.html']) {
      const keys = outputKeysFor(page, config);
      expect([keys.document, keys.error, keys.markdown, keys.text], page).not.toContain(warc.manifest);
      expect([keys.document, keys.error, keys.markdown, keys.text], page).not.toContain(warc.error);
      expect([keys.document, keys.error, keys.markdown, keys.text], page).not.toContain(warc.lines);
    }
    // Other pages keep their readable names.
    expect(outputKeysFor('a/crawl.html', config).document).toBe(`${config.outputPrefix}a/crawl.json`);
    expect(outputKeysFor('a/manifest.html', config).document).toBe(`${config.outputPrefix}a/manifest.json`);
  });

  it('a page crawl.manifest.html and the WARC crawl.warc.gz beside it both keep their outputs, in either order', async () => {
    const page = article(['The manifest of the ferry company lists every crossing of the winter, with the number of passengers on each.']);
    const file = Buffer.from(await warcFile([htmlResponse('https://site.example/one', article(['A paragraph long enough about the first ferry of the harbour, for a page of its own.']))], 'record'));
    for (const order of [['warc', 'page'], ['page', 'warc']]) {
      const s3 = new S3Client({ region: 'eu-west-1' });
      const stored = memoryBucket(mockClient(s3), (input) => {
        if (input.Key === 'a/crawl.manifest.html') return { Body: sdkBody(Buffer.from(page)), ContentLength: Buffer.byteLength(page), ETag: '"p1"', ContentType: 'text/html' };
        const from = input.Range ? Number(/^bytes=(\d+)-$/.exec(input.Range)![1]) : 0;
        return { Body: sdkBody(file.subarray(from)), ContentLength: file.length - from, ETag: '"e1"' };
      });
      const config = validatePipelineConfig({ ...PIPELINE_DEFAULTS, cleanBucket: 'clean' });
      for (const which of order) {
        if (which === 'warc') expect((await processWarcToEnd({ s3, config, rawBucket: 'raw', key: 'a/crawl.warc.gz' })).outcome).toBe('range-written');
        else expect((await processObject({ s3, config, rawBucket: 'raw', key: 'a/crawl.manifest.html' })).outcome).toBe('written');
      }
      const manifest = JSON.parse(stored.get(warcOutputKeys('a/crawl.warc.gz', config).manifest)!.body.toString('utf8')) as { source: { key: string }; counts: { documents: number } };
      expect(manifest, order.join(' then ')).toMatchObject({ source: { key: 'a/crawl.warc.gz' }, counts: { documents: 1 } });
      const document = JSON.parse(stored.get(outputKeysFor('a/crawl.manifest.html', config).document)!.body.toString('utf8')) as { source: { key: string } };
      expect(document.source.key, order.join(' then ')).toBe('a/crawl.manifest.html');
    }
  });

  it('is written there when the object is gone before it is read', async () => {
    const s3 = new S3Client({ region: 'eu-west-1' });
    const stored = memoryBucket(mockClient(s3), () => {
      throw Object.assign(new Error('NoSuchKey'), { name: 'NoSuchKey', $metadata: { httpStatusCode: 404 } });
    });
    const config = validatePipelineConfig({ ...PIPELINE_DEFAULTS, cleanBucket: 'clean' });
    const result = await processWarcToEnd({ s3, config, rawBucket: 'raw', key: 'a/crawl.warc.gz' });
    expect(result).toMatchObject({ outcome: 'error-record', code: 'OBJECT_NOT_FOUND', outputKey: `${config.errorPrefix}a/crawl.warc.error.json` });
    expect(stored.has(`${config.errorPrefix}a/crawl.warc.error.json`)).toBe(true);
  });
});
