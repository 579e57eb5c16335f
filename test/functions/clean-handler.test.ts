import 'aws-sdk-client-mock-vitest/extend';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client, type PutObjectCommandInput } from '@aws-sdk/client-s3';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PIPELINE_VERSION } from '../../src/core/version.js';
import { documentSchema, errorRecordSchema } from '../../src/core/schema.js';
import { PIPELINE_DEFAULTS } from '../../src/pipeline/contract.js';
import { validatePipelineConfig, type PipelineConfig } from '../../src/pipeline/config.js';
import { createCleanHandler } from '../../src/pipeline/handler.js';
import type { ProcessResult } from '../../src/pipeline/process-object.js';
import { stampMetadata } from '../../src/pipeline/stamp.js';
import {
  ARTICLE_HTML,
  CLEAN,
  PNG_BYTES,
  RAW,
  context,
  gzipped,
  networkReset,
  noSuchKey,
  notFound,
  objectOutput,
  s3Record,
  serviceError,
  sqsEvent,
  sqsRecord,
} from './helpers.js';

const ETAG = '5d41402abc4b2a76b9719d911017c592';

beforeEach(() => {
  vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'true');
});
afterEach(() => {
  vi.unstubAllEnvs();
});

function setup(overrides: Partial<PipelineConfig> = {}) {
  const s3 = new S3Client({ region: 'us-east-1' });
  const mock = mockClient(s3);
  // A fresh clean bucket: no outputs yet.
  mock.on(HeadObjectCommand).rejects(notFound());
  mock.on(PutObjectCommand).resolves({});
  const results: ProcessResult[] = [];
  const config = validatePipelineConfig({ ...PIPELINE_DEFAULTS, cleanBucket: CLEAN, ...overrides });
  const logger = new Logger({ serviceName: 'test', logLevel: 'SILENT' });
  const metrics = new Metrics({ namespace: 'test', serviceName: 'test' });
  const handler = createCleanHandler({ s3, config, logger, metrics, onResult: (r) => results.push(r) });
  return { s3, mock, handler, results, config, metrics };
}

function puts(mock: AwsClientStub<S3Client>): PutObjectCommandInput[] {
  return mock.commandCalls(PutObjectCommand).map((call) => call.args[0].input);
}

function putJson(mock: AwsClientStub<S3Client>, key: string): unknown {
  const put = puts(mock).find((p) => p.Key === key);
  if (!put) throw new Error(`no PutObject for ${key}; puts: ${puts(mock).map((p) => p.Key).join(', ')}`);
  return JSON.parse(String(put.Body));
}

describe('clean handler: success', () => {
  it('reads the object, writes its document under the output prefix with JSON content type, stamp and source', async () => {
    const { mock, handler } = setup();
    mock.on(GetObjectCommand).callsFake(() => objectOutput(ARTICLE_HTML, { etag: ETAG, contentType: 'text/html', versionId: 'v1' }));
    const event = sqsEvent({ key: 'news/2024/park.html', eTag: ETAG, versionId: 'v1', size: ARTICLE_HTML.length });

    const response = await handler(event, context());

    expect(response).toEqual({ batchItemFailures: [] });
    expect(mock).toHaveReceivedCommandWith(GetObjectCommand, { Bucket: RAW, Key: 'news/2024/park.html', VersionId: 'v1' });
    expect(mock).toHaveReceivedCommandTimes(PutObjectCommand, 1);
    expect(mock).toHaveReceivedCommandWith(PutObjectCommand, {
      Bucket: CLEAN,
      Key: 'documents/news/2024/park.json',
      ContentType: 'application/json',
      Metadata: {
        'source-bucket': RAW,
        'source-key': encodeURIComponent('news/2024/park.html'),
        'source-version-id': 'v1',
        'source-etag': ETAG,
        'source-sequencer': '0055AED6DCD90281E5',
        'pipeline-version': PIPELINE_VERSION,
      },
    });
    const document = documentSchema.parse(putJson(mock, 'documents/news/2024/park.json'));
    expect(document.source).toMatchObject({ bucket: RAW, key: 'news/2024/park.html', versionId: 'v1', etag: ETAG, format: 'html', name: 'news/2024/park.html' });
    expect(document.segments.some((s) => s.type === 'body')).toBe(true);
  });

  it('cleans gzipped objects and records the ETag the GET returned', async () => {
    const { mock, handler } = setup();
    mock.on(GetObjectCommand).callsFake(() => objectOutput(gzipped(ARTICLE_HTML), { etag: 'etag-from-get' }));
    await handler(sqsEvent({ key: 'page.html.gz', eTag: 'etag-from-event' }), context());
    const document = documentSchema.parse(putJson(mock, 'documents/page.json'));
    expect(document.source.compression).toBe('gzip');
    expect(document.source.etag).toBe('etag-from-get');
    expect(document.source.versionId).toBeNull();
  });

  it('accepts direct S3 invocations and notifications wrapped in an SNS envelope', async () => {
    const { mock, handler } = setup();
    mock.on(GetObjectCommand).callsFake(() => objectOutput(ARTICLE_HTML));
    await expect(handler({ Records: [s3Record({ key: 'direct.html' })] }, context())).resolves.toBeUndefined();
    const envelope = JSON.stringify({ Type: 'Notification', MessageId: 'sns-1', Message: JSON.stringify({ Records: [s3Record({ key: 'via-sns.html' })] }) });
    await expect(handler(sqsEvent(sqsRecord(envelope)), context())).resolves.toEqual({ batchItemFailures: [] });
    expect(mock).toHaveReceivedCommandWith(PutObjectCommand, { Key: 'documents/direct.json' });
    expect(mock).toHaveReceivedCommandWith(PutObjectCommand, { Key: 'documents/via-sns.json' });
  });
});

describe('clean handler: object keys as S3 encodes them in notifications', () => {
  const cases = [
    { name: 'spaces', key: 'daily news/front page.html', encoded: 'daily+news/front+page.html', output: 'documents/daily news/front page.json' },
    { name: 'a literal plus', key: 'c++/a+b.html', encoded: 'c%2B%2B/a%2Bb.html', output: 'documents/c++/a+b.json' },
    { name: 'unicode', key: 'über/東京 ニュース.html', encoded: '%C3%BCber/%E6%9D%B1%E4%BA%AC+%E3%83%8B%E3%83%A5%E3%83%BC%E3%82%B9.html', output: 'documents/über/東京 ニュース.json' },
    { name: 'percent signs', key: '100%/50%25 off.html', encoded: '100%25/50%2525+off.html', output: 'documents/100%/50%25 off.json' },
    { name: 'reserved characters', key: 'q=1&x/(draft) page!.html', encoded: 'q%3D1%26x/%28draft%29+page%21.html', output: 'documents/q=1&x/(draft) page!.json' },
  ];
  for (const c of cases) {
    it(`decodes ${c.name}: ${c.encoded}`, async () => {
      const { mock, handler } = setup();
      mock.on(GetObjectCommand).callsFake(() => objectOutput(ARTICLE_HTML));
      const response = await handler(sqsEvent({ key: c.key, encodedKey: c.encoded }), context());
      expect(response).toEqual({ batchItemFailures: [] });
      expect(mock).toHaveReceivedCommandWith(GetObjectCommand, { Bucket: RAW, Key: c.key });
      expect(mock).toHaveReceivedCommandWith(HeadObjectCommand, { Bucket: CLEAN, Key: c.output });
      expect(mock).toHaveReceivedCommandWith(PutObjectCommand, { Bucket: CLEAN, Key: c.output });
      const document = documentSchema.parse(putJson(mock, c.output));
      expect(document.source.key).toBe(c.key);
    });
  }

  it('fails the message (to the DLQ, not dropped) when a key is not valid form-URL-encoding', async () => {
    const { mock, handler } = setup();
    const bad = sqsRecord(JSON.stringify({ Records: [s3Record({ key: 'x', encodedKey: 'broken%E3%81.html' })] }), 'bad-key');
    const good = sqsEvent({ key: 'fine.html' }).Records[0]!;
    mock.on(GetObjectCommand).callsFake(() => objectOutput(ARTICLE_HTML));
    const response = await handler({ Records: [bad, good] }, context());
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'bad-key' }] });
    expect(mock).toHaveReceivedCommandWith(PutObjectCommand, { Key: 'documents/fine.json' });
  });
});

describe('clean handler: transient failures are retried by SQS', () => {
  const transient = [
    { name: 'S3 throttling (503 SlowDown)', error: () => serviceError('SlowDown', 503, 'Please reduce your request rate.') },
    { name: 'a 500 InternalError', error: () => serviceError('InternalError', 500, 'We encountered an internal error.') },
    { name: 'a connection reset', error: networkReset },
    { name: 'a timeout', error: () => Object.assign(new Error('Connection timed out after 3000 ms'), { name: 'TimeoutError' }) },
    { name: '403 Access Denied on the raw object', error: () => serviceError('AccessDenied', 403, 'Access Denied') },
  ];
  for (const t of transient) {
    it(`reports ${t.name} on GetObject as a batch item failure and writes nothing`, async () => {
      const { mock, handler, results } = setup();
      mock.on(GetObjectCommand).rejects(t.error());
      const event = sqsEvent({ key: 'page.html' });
      const ok = sqsEvent({ key: 'other.html' }).Records[0]!;
      mock.on(GetObjectCommand, { Key: 'other.html' }).callsFake(() => objectOutput(ARTICLE_HTML));
      const response = await handler({ Records: [event.Records[0]!, ok] }, context());
      expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: event.Records[0]!.messageId }] });
      expect(mock).not.toHaveReceivedCommandWith(PutObjectCommand, { Key: 'errors/page.error.json' });
      expect(mock).not.toHaveReceivedCommandWith(PutObjectCommand, { Key: 'documents/page.json' });
      expect(results.map((r) => r.key)).toEqual(['other.html']);
    });
  }

  it('reports a 5xx on PutObject of the document as a failure', async () => {
    const { mock, handler } = setup();
    mock.on(GetObjectCommand).callsFake(() => objectOutput(ARTICLE_HTML));
    mock.on(PutObjectCommand).rejects(serviceError('ServiceUnavailable', 503));
    const event = sqsEvent({ key: 'a.html' }, { key: 'b.html' });
    // Every record failed: Powertools throws, so Lambda fails the invocation and backs off.
    await expect(handler(event, context())).rejects.toThrow(/All records failed/);
  });

  it('reports throttling on the HEAD of its own output as a failure instead of guessing', async () => {
    const { mock, handler } = setup();
    mock.on(HeadObjectCommand).rejects(serviceError('SlowDown', 503));
    mock.on(GetObjectCommand).callsFake(() => objectOutput(ARTICLE_HTML));
    const event = sqsEvent({ key: 'a.html' });
    const ok = sqsEvent({ key: 'b.html' }).Records[0]!;
    // Both outputs of b are looked at (its document and its error record): neither is throttled.
    mock.on(HeadObjectCommand, { Key: 'documents/b.json' }).rejects(notFound());
    mock.on(HeadObjectCommand, { Key: 'errors/b.error.json' }).rejects(notFound());
    const response = await handler({ Records: [event.Records[0]!, ok] }, context());
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: event.Records[0]!.messageId }] });
    expect(mock).not.toHaveReceivedCommandWith(GetObjectCommand, { Key: 'a.html' });
  });

  it('treats a body shorter than its Content-Length as a dropped connection', async () => {
    const { mock, handler } = setup();
    mock.on(GetObjectCommand, { Key: 'cut.html' }).callsFake(() => objectOutput(ARTICLE_HTML.slice(0, 100), { contentLength: ARTICLE_HTML.length }));
    mock.on(GetObjectCommand, { Key: 'fine.html' }).callsFake(() => objectOutput(ARTICLE_HTML));
    const event = sqsEvent({ key: 'cut.html' }, { key: 'fine.html' });
    const response = await handler(event, context());
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: event.Records[0]!.messageId }] });
    expect(puts(mock).map((p) => p.Key)).toEqual(['documents/fine.json']);
  });
});

describe('clean handler: permanent failures get an error record and are not retried', () => {
  it('writes the core error code for a binary object', async () => {
    const { mock, handler } = setup();
    mock.on(GetObjectCommand).callsFake(() => objectOutput(PNG_BYTES, { etag: ETAG }));
    const response = await handler(sqsEvent({ key: 'img/photo.html', eTag: ETAG }), context());
    expect(response).toEqual({ batchItemFailures: [] });
    expect(mock).toHaveReceivedCommandWith(PutObjectCommand, {
      Bucket: CLEAN,
      Key: 'errors/img/photo.error.json',
      ContentType: 'application/json',
      Metadata: expect.objectContaining({ 'error-code': 'BINARY_INPUT', 'source-etag': ETAG, 'pipeline-version': PIPELINE_VERSION }),
    });
    const record = errorRecordSchema.parse(putJson(mock, 'errors/img/photo.error.json'));
    expect(record.error.code).toBe('BINARY_INPUT');
    expect(record.source).toMatchObject({ bucket: RAW, key: 'img/photo.html', etag: ETAG, bytes: PNG_BYTES.length, name: 'img/photo.html' });
    expect(mock).not.toHaveReceivedCommandWith(PutObjectCommand, { Key: 'documents/img/photo.json' });
  });

  it('writes CORRUPT_GZIP for a truncated gzip stream', async () => {
    const { mock, handler } = setup();
    mock.on(GetObjectCommand).callsFake(() => objectOutput(gzipped(ARTICLE_HTML).subarray(0, 40)));
    await handler(sqsEvent({ key: 'page.html.gz' }), context());
    expect(errorRecordSchema.parse(putJson(mock, 'errors/page.error.json')).error.code).toBe('CORRUPT_GZIP');
  });

  it('writes OBJECT_NOT_FOUND when the object was deleted before it was processed', async () => {
    const { mock, handler } = setup();
    mock.on(GetObjectCommand).rejects(noSuchKey());
    const response = await handler(sqsEvent({ key: 'gone.html', eTag: ETAG, size: 10 }), context());
    expect(response).toEqual({ batchItemFailures: [] });
    const record = errorRecordSchema.parse(putJson(mock, 'errors/gone.error.json'));
    expect(record.error.code).toBe('OBJECT_NOT_FOUND');
    expect(record.source).toMatchObject({ key: 'gone.html', etag: ETAG, bytes: 10 });
  });

  it('retries, with no error record, when the raw bucket does not exist (NoSuchBucket is no deleted object)', async () => {
    // A bucket renamed, deleted or misnamed in a redriven message: configuration to fix, not an object to record as gone.
    const { mock, handler } = setup();
    mock.on(GetObjectCommand).rejects(serviceError('NoSuchBucket', 404, 'The specified bucket does not exist'));
    await expect(handler(sqsEvent({ key: 'page.html', eTag: ETAG, size: 10 }), context())).rejects.toThrow(/All records failed/);
    expect(mock).not.toHaveReceivedCommand(PutObjectCommand);
  });

  it('retries when writing the error record itself fails', async () => {
    const { mock, handler } = setup();
    mock.on(GetObjectCommand).callsFake(() => objectOutput(PNG_BYTES));
    mock.on(PutObjectCommand).rejects(serviceError('InternalError', 500));
    await expect(handler(sqsEvent({ key: 'x.html' }), context())).rejects.toThrow(/All records failed/);
  });
});

describe('clean handler: size limit', () => {
  it('refuses an object over MAX_OBJECT_BYTES from the event size, without downloading it', async () => {
    const { mock, handler } = setup({ maxObjectBytes: 1000 });
    const response = await handler(sqsEvent({ key: 'huge.html', size: 1001, eTag: ETAG }), context());
    expect(response).toEqual({ batchItemFailures: [] });
    expect(mock).not.toHaveReceivedCommand(GetObjectCommand);
    const record = errorRecordSchema.parse(putJson(mock, 'errors/huge.error.json'));
    expect(record.error.code).toBe('TOO_LARGE');
    expect(record.source.bytes).toBe(1001);
  });

  it('refuses it from Content-Length when the event has no size, without reading the body', async () => {
    const { mock, handler } = setup({ maxObjectBytes: 1000 });
    const output = objectOutput('x'.repeat(2000));
    let read = false;
    (output.Body as unknown as NodeJS.ReadableStream).on('data', () => (read = true));
    mock.on(GetObjectCommand).resolves(output);
    const notification = s3Record({ key: 'huge.html' });
    delete (notification.s3.object as { size?: number }).size;
    await handler(sqsEvent(sqsRecord(JSON.stringify({ Records: [notification] }))), context());
    expect(errorRecordSchema.parse(putJson(mock, 'errors/huge.error.json')).error.code).toBe('TOO_LARGE');
    expect(read).toBe(false);
  });

  it('stops reading at the cap when the declared length is missing', async () => {
    const { mock, handler } = setup({ maxObjectBytes: 1000 });
    mock.on(GetObjectCommand).callsFake(() => objectOutput('y'.repeat(5000), { contentLength: null }));
    const notification = s3Record({ key: 'stream.txt' });
    delete (notification.s3.object as { size?: number }).size;
    await handler(sqsEvent(sqsRecord(JSON.stringify({ Records: [notification] }))), context());
    expect(errorRecordSchema.parse(putJson(mock, 'errors/stream.error.json')).error.code).toBe('TOO_LARGE');
  });

  it('cleans an object exactly at the limit', async () => {
    const { mock, handler } = setup({ maxObjectBytes: Buffer.byteLength(ARTICLE_HTML) });
    mock.on(GetObjectCommand).callsFake(() => objectOutput(ARTICLE_HTML));
    await handler(sqsEvent({ key: 'edge.html', size: Buffer.byteLength(ARTICLE_HTML) }), context());
    expect(mock).toHaveReceivedCommandWith(PutObjectCommand, { Key: 'documents/edge.json' });
  });
});

describe('clean handler: redelivery and idempotency', () => {
  const source = { bucket: RAW, key: 'page.html', versionId: null, etag: ETAG, sequencer: '0055AED6DCD90281E5' };

  it('leaves an output that records the same source ETag and pipeline version alone, without a GET', async () => {
    const { mock, handler, results } = setup();
    mock.on(HeadObjectCommand, { Key: 'documents/page.json' }).resolves({ Metadata: stampMetadata(source) });
    const response = await handler(sqsEvent({ key: 'page.html', eTag: ETAG }), context());
    expect(response).toEqual({ batchItemFailures: [] });
    expect(mock).not.toHaveReceivedCommand(GetObjectCommand);
    expect(mock).not.toHaveReceivedCommand(PutObjectCommand);
    expect(results).toMatchObject([{ outcome: 'skipped', reason: 'up-to-date' }]);
  });

  it('gives the same output for a message delivered twice', async () => {
    const { mock, handler } = setup();
    const stored = new Map<string, Record<string, string>>();
    mock.on(HeadObjectCommand).callsFake((input: { Key: string }) => {
      const metadata = stored.get(input.Key);
      if (!metadata) throw notFound();
      return { Metadata: metadata };
    });
    mock.on(PutObjectCommand).callsFake((input: PutObjectCommandInput) => {
      stored.set(input.Key!, input.Metadata!);
      return {};
    });
    mock.on(GetObjectCommand).callsFake(() => objectOutput(ARTICLE_HTML, { etag: ETAG }));
    const message = sqsEvent({ key: 'page.html', eTag: ETAG }).Records[0]!;
    await handler({ Records: [message] }, context());
    await handler({ Records: [message] }, context());
    expect(mock).toHaveReceivedCommandTimes(PutObjectCommand, 1);
    expect(mock).toHaveReceivedCommandTimes(GetObjectCommand, 1);
  });

  it('skips after the GET when the event carries no ETag but the object is unchanged', async () => {
    const { mock, handler } = setup();
    mock.on(HeadObjectCommand, { Key: 'documents/page.json' }).resolves({ Metadata: stampMetadata(source) });
    mock.on(GetObjectCommand).callsFake(() => objectOutput(ARTICLE_HTML, { etag: ETAG }));
    const notification = s3Record({ key: 'page.html' });
    delete (notification.s3.object as { eTag?: string }).eTag;
    await handler(sqsEvent(sqsRecord(JSON.stringify({ Records: [notification] }))), context());
    expect(mock).not.toHaveReceivedCommand(PutObjectCommand);
  });

  it('rewrites when the object changed (new ETag)', async () => {
    const { mock, handler } = setup();
    mock.on(HeadObjectCommand, { Key: 'documents/page.json' }).resolves({ Metadata: stampMetadata(source) });
    mock.on(GetObjectCommand).callsFake(() => objectOutput(ARTICLE_HTML, { etag: 'new-etag' }));
    await handler(sqsEvent({ key: 'page.html', eTag: 'new-etag', sequencer: '0055AED6DCD90281F0' }), context());
    expect(mock).toHaveReceivedCommandWith(PutObjectCommand, { Key: 'documents/page.json', Metadata: expect.objectContaining({ 'source-etag': 'new-etag' }) });
  });

  it('rewrites when the output came from another pipeline version', async () => {
    const { mock, handler } = setup();
    mock.on(HeadObjectCommand, { Key: 'documents/page.json' }).resolves({ Metadata: { ...stampMetadata(source), 'pipeline-version': '0.0.1' } });
    mock.on(GetObjectCommand).callsFake(() => objectOutput(ARTICLE_HTML, { etag: ETAG }));
    await handler(sqsEvent({ key: 'page.html', eTag: ETAG }), context());
    expect(mock).toHaveReceivedCommandWith(PutObjectCommand, { Key: 'documents/page.json', Metadata: expect.objectContaining({ 'pipeline-version': PIPELINE_VERSION }) });
  });

  it('leaves an output made by a later event of the same key alone (out-of-order delivery)', async () => {
    const { mock, handler, results } = setup();
    mock.on(HeadObjectCommand, { Key: 'documents/page.json' }).resolves({ Metadata: stampMetadata({ ...source, etag: 'newer', sequencer: '0055AED6DCD90281F0' }) });
    await handler(sqsEvent({ key: 'page.html', eTag: 'older', versionId: 'v1', sequencer: '0055AED6DCD90281E5' }), context());
    expect(mock).not.toHaveReceivedCommand(GetObjectCommand);
    expect(mock).not.toHaveReceivedCommand(PutObjectCommand);
    expect(results).toMatchObject([{ outcome: 'skipped', reason: 'superseded' }]);
  });

  it('leaves a later event\'s document alone when its own error record would be older (a document and an error record of different versions: the later wins)', async () => {
    const { mock, handler, results } = setup();
    mock.on(HeadObjectCommand, { Key: 'documents/page.json' }).resolves({ ETag: '"doc"', Metadata: stampMetadata({ ...source, etag: 'newer', sequencer: '0055AED6DCD90281F0' }) });
    mock.on(GetObjectCommand).callsFake(() => objectOutput(PNG_BYTES, { etag: 'older' }));
    await handler(sqsEvent({ key: 'page.html', eTag: 'older', sequencer: '0055AED6DCD90281E5' }), context());
    expect(mock).not.toHaveReceivedCommand(PutObjectCommand);
    expect(results).toMatchObject([{ outcome: 'skipped', reason: 'superseded' }]);
  });

  it('a late event for an older version does not replace a document a listing made from the current one (versioned bucket: asks which version is current)', async () => {
    const { mock, handler, results } = setup();
    // Written by a reprocess (a listing: no sequencer) from version v2.
    mock.on(HeadObjectCommand, { Bucket: CLEAN, Key: 'documents/page.json' }).resolves({ ETag: '"doc"', Metadata: stampMetadata({ ...source, etag: 'etag-v2', versionId: 'v2', sequencer: null }) });
    mock.on(GetObjectCommand, { VersionId: 'v1' }).callsFake(() => objectOutput(ARTICLE_HTML, { etag: 'etag-v1', versionId: 'v1' }));
    mock.on(HeadObjectCommand, { Bucket: RAW, Key: 'page.html' }).resolves({ ETag: '"etag-v2"', VersionId: 'v2' });
    await handler(sqsEvent({ key: 'page.html', eTag: 'etag-v1', versionId: 'v1', sequencer: '0055AED6DCD90281E5' }), context());
    expect(mock).toHaveReceivedCommandWith(HeadObjectCommand, { Bucket: RAW, Key: 'page.html' });
    expect(mock).not.toHaveReceivedCommand(PutObjectCommand);
    expect(results).toMatchObject([{ outcome: 'skipped', reason: 'superseded' }]);
  });

  it('writes the document conditionally on the output it saw, and decides again when another writer got there first', async () => {
    const { mock, handler, results } = setup();
    let stored: { etag: string; metadata: Record<string, string> } | null = null;
    mock.on(HeadObjectCommand, { Bucket: CLEAN, Key: 'documents/page.json' }).callsFake(() => {
      if (!stored) throw notFound();
      return { ETag: stored.etag, Metadata: stored.metadata };
    });
    mock.on(GetObjectCommand).callsFake(() => {
      // Meanwhile a delivery of a later event writes its document.
      stored = { etag: '"theirs"', metadata: stampMetadata({ ...source, etag: 'later', sequencer: '0055AED6DCD90281F0' }) };
      return objectOutput(ARTICLE_HTML, { etag: ETAG });
    });
    mock.on(PutObjectCommand).callsFake((input: PutObjectCommandInput) => {
      if (input.IfNoneMatch === '*' && stored) throw serviceError('PreconditionFailed', 412);
      return {};
    });
    await handler(sqsEvent({ key: 'page.html', eTag: ETAG, sequencer: '0055AED6DCD90281E5' }), context());
    expect(mock).toHaveReceivedCommandTimes(PutObjectCommand, 1);
    expect(mock).toHaveReceivedCommandWith(PutObjectCommand, { Key: 'documents/page.json', IfNoneMatch: '*' });
    expect(results).toMatchObject([{ outcome: 'skipped', reason: 'superseded' }]);
  });

  it('treats 403 on the HEAD of its own output as absent (no s3:ListBucket) and writes it', async () => {
    const { mock, handler } = setup();
    mock.on(HeadObjectCommand).rejects(serviceError('Forbidden', 403));
    mock.on(GetObjectCommand).callsFake(() => objectOutput(ARTICLE_HTML));
    const response = await handler(sqsEvent({ key: 'page.html' }), context());
    expect(response).toEqual({ batchItemFailures: [] });
    expect(mock).toHaveReceivedCommandWith(PutObjectCommand, { Key: 'documents/page.json' });
  });

  it('replaces (and reports) an output last written from another source key mapping to the same name', async () => {
    const { mock, handler, results } = setup();
    mock.on(HeadObjectCommand, { Key: 'documents/page.json' }).resolves({ Metadata: stampMetadata({ ...source, key: 'page.txt' }) });
    mock.on(GetObjectCommand).callsFake(() => objectOutput(ARTICLE_HTML, { etag: ETAG }));
    await handler(sqsEvent({ key: 'page.html', eTag: ETAG }), context());
    expect(mock).toHaveReceivedCommandWith(PutObjectCommand, { Key: 'documents/page.json' });
    expect(results).toMatchObject([{ outcome: 'written', replacedSourceKey: 'page.txt' }]);
  });

  it('does not rewrite an identical error record on redelivery', async () => {
    const { mock, handler, results } = setup();
    mock.on(HeadObjectCommand, { Key: 'errors/photo.error.json' }).resolves({ Metadata: stampMetadata({ ...source, key: 'photo.html' }, 'BINARY_INPUT') });
    mock.on(GetObjectCommand).callsFake(() => objectOutput(PNG_BYTES, { etag: ETAG }));
    await handler(sqsEvent({ key: 'photo.html', eTag: ETAG }), context());
    expect(mock).not.toHaveReceivedCommand(PutObjectCommand);
    expect(results).toMatchObject([{ outcome: 'error-record', code: 'BINARY_INPUT', rewritten: false }]);
  });
});

describe('clean handler: events it leaves alone', () => {
  it('ignores s3:TestEvent', async () => {
    const { mock, handler } = setup();
    const test = JSON.stringify({ Service: 'Amazon S3', Event: 's3:TestEvent', Time: '2024-05-01T10:00:00.000Z', Bucket: RAW, RequestId: 'X', HostId: 'Y' });
    await expect(handler(sqsEvent(sqsRecord(test)), context())).resolves.toEqual({ batchItemFailures: [] });
    expect(mock.calls()).toHaveLength(0);
  });

  it('never reads its own documents or error records (clean bucket, under the prefixes)', async () => {
    const { mock, handler } = setup();
    const event = sqsEvent({ bucket: CLEAN, key: 'documents/page.json' }, { bucket: CLEAN, key: 'errors/page.error.json' });
    await expect(handler(event, context())).resolves.toEqual({ batchItemFailures: [] });
    expect(mock.calls()).toHaveLength(0);
  });

  it('processes other keys when the raw and clean buckets are one bucket', async () => {
    const { mock, handler } = setup();
    mock.on(GetObjectCommand).callsFake(() => objectOutput(ARTICLE_HTML));
    await handler(sqsEvent({ bucket: CLEAN, key: 'incoming/page.html' }), context());
    expect(mock).toHaveReceivedCommandWith(GetObjectCommand, { Bucket: CLEAN, Key: 'incoming/page.html' });
    expect(mock).toHaveReceivedCommandWith(PutObjectCommand, { Bucket: CLEAN, Key: 'documents/incoming/page.json' });
  });

  it('ignores every key of the clean bucket when an output prefix is empty', async () => {
    const { mock, handler } = setup({ outputPrefix: '' });
    await handler(sqsEvent({ bucket: CLEAN, key: 'page.json' }), context());
    expect(mock.calls()).toHaveLength(0);
  });

  it('ignores removal events and folder markers', async () => {
    const { mock, handler } = setup();
    await handler(sqsEvent({ key: 'page.html', eventName: 'ObjectRemoved:Delete' }, { key: 'folder/', size: 0 }), context());
    expect(mock.calls()).toHaveLength(0);
  });

  it('fails a message that is not an S3 notification, so it ends in the DLQ rather than vanishing', async () => {
    const { handler } = setup();
    const junk = sqsRecord('{"hello":"world"}', 'junk');
    const notJson = sqsRecord('not json', 'not-json');
    await expect(handler({ Records: [junk, notJson] }, context())).rejects.toThrow(/All records failed/);
    const { mock, handler: second } = setup();
    mock.on(GetObjectCommand).callsFake(() => objectOutput(ARTICLE_HTML));
    const response = await second({ Records: [junk, sqsEvent({ key: 'ok.html' }).Records[0]!] }, context());
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'junk' }] });
  });

  it('rejects an event that is neither SQS nor S3', async () => {
    const { handler } = setup();
    await expect(handler({ Records: [{ eventSource: 'aws:kinesis' }] } as never, context())).rejects.toThrow(/unsupported event/);
  });
});

describe('clean handler: batches', () => {
  it('reports exactly the transiently failed messages of a mixed batch', async () => {
    const { mock, handler } = setup();
    mock.on(GetObjectCommand, { Key: 'ok.html' }).callsFake(() => objectOutput(ARTICLE_HTML));
    mock.on(GetObjectCommand, { Key: 'throttled.html' }).rejects(serviceError('SlowDown', 503));
    mock.on(GetObjectCommand, { Key: 'binary.html' }).callsFake(() => objectOutput(PNG_BYTES));
    mock.on(GetObjectCommand, { Key: 'reset.html' }).rejects(networkReset());
    const event = sqsEvent({ key: 'ok.html' }, { key: 'throttled.html' }, { key: 'binary.html' }, { key: 'reset.html' });
    const response = await handler(event, context());
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: event.Records[1]!.messageId }, { itemIdentifier: event.Records[3]!.messageId }] });
    expect(puts(mock).map((p) => p.Key).sort()).toEqual(['documents/ok.json', 'errors/binary.error.json']);
  });

  it('fails a message with several records if one of them fails, after finishing the others', async () => {
    const { mock, handler } = setup();
    mock.on(GetObjectCommand, { Key: 'a.html' }).callsFake(() => objectOutput(ARTICLE_HTML));
    mock.on(GetObjectCommand, { Key: 'b.html' }).rejects(serviceError('InternalError', 500));
    mock.on(GetObjectCommand, { Key: 'c.html' }).callsFake(() => objectOutput(ARTICLE_HTML));
    const message = sqsRecord(JSON.stringify({ Records: [s3Record({ key: 'a.html' }), s3Record({ key: 'b.html' })] }), 'two-records');
    const response = await handler({ Records: [message, sqsEvent({ key: 'c.html' }).Records[0]!] }, context());
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'two-records' }] });
    expect(mock).toHaveReceivedCommandWith(PutObjectCommand, { Key: 'documents/a.json' });
  });

  it('processes at most BATCH_CONCURRENCY objects at a time, and all of them', async () => {
    const { mock, handler } = setup({ batchConcurrency: 3 });
    let inFlight = 0;
    let peak = 0;
    mock.on(GetObjectCommand).callsFake(async () => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      inFlight--;
      return objectOutput(ARTICLE_HTML);
    });
    const event = sqsEvent(...Array.from({ length: 10 }, (_, i) => ({ key: `page-${i}.html` })));
    const response = await handler(event, context());
    expect(response).toEqual({ batchItemFailures: [] });
    expect(peak).toBe(3);
    expect(mock).toHaveReceivedCommandTimes(PutObjectCommand, 10);
  });

  it('throws for a direct S3 event with a transient failure, so Lambda retries the event', async () => {
    const { mock, handler } = setup();
    mock.on(GetObjectCommand, { Key: 'a.html' }).callsFake(() => objectOutput(ARTICLE_HTML));
    mock.on(GetObjectCommand, { Key: 'b.html' }).rejects(serviceError('SlowDown', 503));
    await expect(handler({ Records: [s3Record({ key: 'a.html' }), s3Record({ key: 'b.html' })] }, context())).rejects.toThrow();
    expect(mock).toHaveReceivedCommandWith(PutObjectCommand, { Key: 'documents/a.json' });
  });
});

/**
 * Runs the handler with real Powertools logging and metrics on objects served by a mocked S3, and
 * returns the JSON lines it printed (logs and EMF records).
 */
async function loggedRun(objects: Record<string, string | Uint8Array>, requestId: string): Promise<{ records: Array<Record<string, unknown>>; mock: ReturnType<typeof mockClient> }> {
  vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'false');
  const lines: string[] = [];
  const capture = (chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  };
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(capture);
  const s3 = new S3Client({ region: 'us-east-1' });
  const mock = mockClient(s3);
  try {
    mock.on(HeadObjectCommand).rejects(notFound());
    mock.on(PutObjectCommand).resolves({});
    for (const [key, body] of Object.entries(objects)) mock.on(GetObjectCommand, { Key: key }).callsFake(() => objectOutput(body));
    const config = validatePipelineConfig({ ...PIPELINE_DEFAULTS, cleanBucket: CLEAN });
    const handler = createCleanHandler({
      s3,
      config,
      logger: new Logger({ serviceName: 'scrape-clean', logLevel: 'INFO' }),
      metrics: new Metrics({ namespace: 'ScrapeClean', serviceName: 'scrape-clean' }),
    });
    await handler(sqsEvent(...Object.keys(objects).map((key) => ({ key }))), context(requestId));
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
  const records = lines.flatMap((l) => l.split('\n')).filter((l) => l.trim().startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
  return { records, mock };
}

describe('clean handler: logs and metrics', () => {
  it('logs JSON lines with the request id and the object key, and emits EMF metrics', async () => {
    const { records } = await loggedRun({ 'news/park.html': ARTICLE_HTML, 'logo.html': PNG_BYTES }, 'req-123');
    const written = records.find((r) => r.message === 'document written');
    expect(written).toMatchObject({ level: 'INFO', function_request_id: 'req-123', objectKey: 'news/park.html', outputKey: 'documents/news/park.json' });
    expect(records.find((r) => r.message === 'permanent failure: error record written')).toMatchObject({ level: 'WARN', function_request_id: 'req-123', objectKey: 'logo.html', code: 'BINARY_INPUT' });
    const emf = records.filter((r) => '_aws' in r);
    const names = emf.flatMap((r) => (r._aws as { CloudWatchMetrics: Array<{ Metrics: Array<{ Name: string }> }> }).CloudWatchMetrics.flatMap((m) => m.Metrics.map((x) => x.Name)));
    expect(names).toEqual(expect.arrayContaining(['documentsWritten', 'errorRecords', 'failures', 'processingDuration', 'cleanDuration', 'bytesRead', 'bodySegments', 'captionSegments', 'adSegments', 'legalSegments']));
    expect(emf.find((r) => r.failures !== undefined)).toMatchObject({ errorCode: 'BINARY_INPUT', disposition: 'error-record' });
  });

  it('a document without body text is written, logged as a warning and counted by quality warning', async () => {
    const menu = '<html><body><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav></body></html>';
    const { records, mock } = await loggedRun({ 'menu.html': menu }, 'req-9');
    expect(mock).toHaveReceivedCommandWith(PutObjectCommand, { Key: 'documents/menu.json' });
    expect(records.find((r) => r.message === 'document written with quality warnings')).toMatchObject({ level: 'WARN', objectKey: 'menu.html', warnings: ['NO_BODY'], words: 0 });
    expect(records.filter((r) => '_aws' in r).find((r) => r.qualityWarnings !== undefined)).toMatchObject({ warning: 'NO_BODY', qualityWarnings: 1 });
  });
});
