/**
 * The internal message format (src/pipeline/object-message.ts) and the clean handler's two ways
 * of taking it: a direct invocation with a batch (the backfill state machine), answered with one
 * outcome per object, and an SQS message body (a dead-lettered batch redriven to the queue).
 * Keys are raw in this format: never form-URL-decoded like notification keys.
 */
import 'aws-sdk-client-mock-vitest/extend';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OBJECT_MESSAGE_KIND, PIPELINE_DEFAULTS } from '../../src/pipeline/contract.js';
import { validatePipelineConfig } from '../../src/pipeline/config.js';
import { MalformedNotificationError, parseNotification } from '../../src/pipeline/events.js';
import { createCleanHandler } from '../../src/pipeline/handler.js';
import { objectBatch, parseObjectBatch, REPROCESS_EVENT_NAME, type ObjectBatchResponse } from '../../src/pipeline/object-message.js';
import { stampMetadata } from '../../src/pipeline/stamp.js';
import { ARTICLE_HTML, CLEAN, context, notFound, objectOutput, PNG_BYTES, RAW, serviceError, sqsEvent, sqsRecord } from '../functions/helpers.js';
import { PIPELINE_VERSION } from '../../src/core/version.js';

const ETAG = '5d41402abc4b2a76b9719d911017c592';

beforeEach(() => {
  vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'true');
});
afterEach(() => {
  vi.unstubAllEnvs();
});

function setup() {
  const s3 = new S3Client({ region: 'us-east-1' });
  const mock = mockClient(s3);
  mock.on(HeadObjectCommand).rejects(notFound());
  mock.on(PutObjectCommand).resolves({});
  const config = validatePipelineConfig({ ...PIPELINE_DEFAULTS, cleanBucket: CLEAN });
  const handler = createCleanHandler({ s3, config, logger: new Logger({ logLevel: 'SILENT' }), metrics: new Metrics({ namespace: 'test', serviceName: 'test' }) });
  return { mock, handler };
}

describe('the internal format', () => {
  it('is recognised in an SQS body, keys kept raw, force carried', () => {
    const body = JSON.stringify(objectBatch([{ bucket: RAW, key: 'a+b 100%.html', etag: `"${ETAG}"`, size: 12 }, { bucket: RAW, key: 'c.html', force: true }]));
    expect(parseNotification(body)).toEqual({
      kind: 'records',
      records: [
        { eventName: REPROCESS_EVENT_NAME, bucket: RAW, key: 'a+b 100%.html', size: 12, etag: ETAG, versionId: null, sequencer: null, force: false },
        { eventName: REPROCESS_EVENT_NAME, bucket: RAW, key: 'c.html', size: null, etag: null, versionId: null, sequencer: null, force: true },
      ],
    });
  });

  it.each([
    ['no objects array', { kind: OBJECT_MESSAGE_KIND }],
    ['an object without a key', { kind: OBJECT_MESSAGE_KIND, objects: [{ bucket: RAW }] }],
    ['an empty bucket', { kind: OBJECT_MESSAGE_KIND, objects: [{ bucket: '', key: 'a' }] }],
    ['a size that is not a byte count', { kind: OBJECT_MESSAGE_KIND, objects: [{ bucket: RAW, key: 'a', size: '12' }] }],
    ['a force that is not a boolean', { kind: OBJECT_MESSAGE_KIND, objects: [{ bucket: RAW, key: 'a' }], force: 'yes' }],
    ['a WARC range whose run is no UUID (it names a folder)', { kind: OBJECT_MESSAGE_KIND, objects: [{ bucket: RAW, key: 'a.warc', warcRange: { part: 2, offset: 9, skip: 0, index: 3, run: '../x' } }] }],
  ])('refuses %s', (_name, value) => {
    expect(() => parseObjectBatch(value)).toThrow(MalformedNotificationError);
  });

  it('carries a forced WARC chain\'s run with its range', () => {
    const warcRange = { part: 2, offset: 9, skip: 0, index: 3, run: '0f8e4c52-2b1d-4e7a-9c3f-5a6b7c8d9e0f' };
    expect(parseObjectBatch({ kind: OBJECT_MESSAGE_KIND, objects: [{ bucket: RAW, key: 'a.warc', warcRange }] }).objects[0]!.warcRange).toEqual(warcRange);
  });
});

describe('a direct invocation with a batch', () => {
  it('answers with the final outcome of each object, and lists transient failures to retry', async () => {
    const { mock, handler } = setup();
    mock.on(GetObjectCommand, { Key: 'news/park story.html' }).callsFake(() => objectOutput(ARTICLE_HTML, { etag: ETAG }));
    mock.on(GetObjectCommand, { Key: 'logo.html' }).callsFake(() => objectOutput(PNG_BYTES));
    mock.on(GetObjectCommand, { Key: 'slow.html' }).rejects(serviceError('SlowDown', 503, 'Please reduce your request rate.'));
    mock.on(HeadObjectCommand, { Key: 'documents/done.json' }).resolves({ Metadata: stampMetadata({ bucket: RAW, key: 'done.html', etag: ETAG, versionId: null, sequencer: null }) });
    const batch = objectBatch([
      { bucket: RAW, key: 'news/park story.html', etag: ETAG },
      { bucket: RAW, key: 'logo.html' },
      { bucket: RAW, key: 'slow.html', size: 10 },
      { bucket: RAW, key: 'done.html', etag: ETAG },
      { bucket: RAW, key: 'folder/', size: 0 },
    ]);
    const response = (await handler(batch, context())) as ObjectBatchResponse;
    expect(response).toEqual({
      outcomes: [
        { key: 'news/park story.html', outcome: 'written' },
        { key: 'logo.html', outcome: 'error-record', code: 'BINARY_INPUT', message: expect.any(String), rewritten: true },
        { key: 'done.html', outcome: 'skipped', reason: 'up-to-date' },
        { key: 'folder/', outcome: 'ignored', reason: expect.stringMatching(/folder marker/) },
      ],
      retry: [{ bucket: RAW, key: 'slow.html', size: 10 }],
      failing: [{ key: 'slow.html', outcome: 'retry', code: 'SlowDown', message: 'Please reduce your request rate.' }],
    });
    // The raw key is read as it is (no decoding of the space).
    expect(mock).toHaveReceivedCommandWith(GetObjectCommand, { Bucket: RAW, Key: 'news/park story.html' });
    expect(mock).toHaveReceivedCommandWith(PutObjectCommand, { Key: 'documents/news/park story.json' });
    // The up-to-date document was not read again.
    expect(mock).not.toHaveReceivedCommandWith(GetObjectCommand, { Key: 'done.html' });
  });

  it('force rewrites an up-to-date output', async () => {
    const { mock, handler } = setup();
    mock.on(HeadObjectCommand).resolves({ Metadata: stampMetadata({ bucket: RAW, key: 'done.html', etag: ETAG, versionId: null, sequencer: null }) });
    mock.on(GetObjectCommand).callsFake(() => objectOutput(ARTICLE_HTML, { etag: ETAG }));
    const response = (await handler(objectBatch([{ bucket: RAW, key: 'done.html', etag: ETAG }], true), context())) as ObjectBatchResponse;
    expect(response.outcomes).toEqual([{ key: 'done.html', outcome: 'written' }]);
    expect(mock).toHaveReceivedCommandTimes(PutObjectCommand, 1);
  });

  describe('objects whose error record is already there', () => {
    const logo = { bucket: RAW, key: 'logo.html', etag: ETAG, versionId: null, sequencer: null };
    const recordOf = (code: string) =>
      JSON.stringify({ schemaVersion: 1, pipelineVersion: PIPELINE_VERSION, failedAt: '2026-11-26T10:00:00.000Z', error: { code, message: `stored ${code}` }, source: { name: 'logo.html', bytes: 16, bucket: RAW, key: 'logo.html', versionId: null, etag: ETAG } });
    const stored = (mock: ReturnType<typeof setup>['mock'], code: string) => {
      mock.on(HeadObjectCommand, { Key: 'errors/logo.error.json' }).resolves({ Metadata: stampMetadata(logo, code) });
      mock.on(GetObjectCommand, { Bucket: CLEAN, Key: 'errors/logo.error.json' }).callsFake(() => objectOutput(recordOf(code)));
      mock.on(GetObjectCommand, { Bucket: RAW, Key: 'logo.html' }).callsFake(() => objectOutput(PNG_BYTES, { etag: ETAG }));
    };

    it('counts a final error record of the same bytes and pipeline version as it is, without reading the object', async () => {
      const { mock, handler } = setup();
      stored(mock, 'BINARY_INPUT');
      const response = (await handler(objectBatch([{ bucket: RAW, key: 'logo.html', etag: ETAG }]), context())) as ObjectBatchResponse;
      expect(response.outcomes).toEqual([{ key: 'logo.html', outcome: 'error-record', code: 'BINARY_INPUT', message: 'stored BINARY_INPUT', rewritten: false }]);
      expect(mock).not.toHaveReceivedCommandWith(GetObjectCommand, { Bucket: RAW, Key: 'logo.html' });
      expect(mock).not.toHaveReceivedCommand(PutObjectCommand);
    });

    it('reads the object again when the record is of a failure that may not recur (over the size limit)', async () => {
      const { mock, handler } = setup();
      stored(mock, 'TOO_LARGE');
      const response = (await handler(objectBatch([{ bucket: RAW, key: 'logo.html', etag: ETAG }]), context())) as ObjectBatchResponse;
      expect(mock).toHaveReceivedCommandWith(GetObjectCommand, { Bucket: RAW, Key: 'logo.html' });
      // The bytes now fail differently: the record is replaced.
      expect(response.outcomes).toEqual([{ key: 'logo.html', outcome: 'error-record', code: 'BINARY_INPUT', message: expect.any(String), rewritten: true }]);
    });

    it('reads the object again when its ETag changed, or with force', async () => {
      const changed = setup();
      stored(changed.mock, 'BINARY_INPUT');
      await changed.handler(objectBatch([{ bucket: RAW, key: 'logo.html', etag: 'a'.repeat(32) }]), context());
      expect(changed.mock).toHaveReceivedCommandWith(GetObjectCommand, { Bucket: RAW, Key: 'logo.html' });
      const forced = setup();
      stored(forced.mock, 'BINARY_INPUT');
      await forced.handler(objectBatch([{ bucket: RAW, key: 'logo.html', etag: ETAG }], true), context());
      expect(forced.mock).toHaveReceivedCommandWith(GetObjectCommand, { Bucket: RAW, Key: 'logo.html' });
    });

    it('leaves S3 event notifications as they were: no look at the error record before the GET', async () => {
      const { mock, handler } = setup();
      stored(mock, 'BINARY_INPUT');
      await handler(sqsEvent({ key: 'logo.html', eTag: ETAG }), context());
      expect(mock).toHaveReceivedCommandWith(GetObjectCommand, { Bucket: RAW, Key: 'logo.html' });
    });
  });

  it('a malformed batch fails the invocation (a bug of the caller, not an object to retry)', async () => {
    const { handler } = setup();
    await expect(handler({ kind: OBJECT_MESSAGE_KIND, objects: [{ key: 'a' }] } as never, context())).rejects.toThrow(MalformedNotificationError);
  });
});

describe('an internal-format message from SQS (a redriven backfill batch)', () => {
  it('is processed like a notification; a transient failure returns the message to the queue', async () => {
    const { mock, handler } = setup();
    mock.on(GetObjectCommand, { Key: 'a+b.html' }).callsFake(() => objectOutput(ARTICLE_HTML));
    mock.on(GetObjectCommand, { Key: 'slow.html' }).rejects(serviceError('SlowDown', 503));
    const ok = sqsRecord(JSON.stringify(objectBatch([{ bucket: RAW, key: 'a+b.html' }])), 'ok');
    const slow = sqsRecord(JSON.stringify(objectBatch([{ bucket: RAW, key: 'slow.html' }])), 'slow');
    const response = await handler({ Records: [ok, slow] }, context());
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'slow' }] });
    expect(mock).toHaveReceivedCommandWith(PutObjectCommand, { Key: 'documents/a+b.json' });
  });
});
