/** Builders of the events, objects and errors the handler tests feed through aws-sdk-client-mock. */
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { GetObjectCommand, HeadObjectCommand, NoSuchKey, NotFound, PutObjectCommand, S3ServiceException, type S3Client } from '@aws-sdk/client-s3';
import type { AwsClientStub } from 'aws-sdk-client-mock';
import type { Context, S3Event, S3EventRecord, SQSEvent, SQSRecord } from 'aws-lambda';
import { encodeEventKey } from '../../src/pipeline/event-keys.js';

export const RAW = 'raw-bucket';
export const CLEAN = 'clean-bucket';

export const ARTICLE_HTML = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Council approves new park</title></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Council approves new park</h1>
<p>The city council voted on Tuesday to turn the old gasworks site into a public park with a wetland, a playground and a cycle path along the river, ending a decade of debate.</p>
<p>Work is due to start next spring and take two years. The council said the cleanup of the contaminated soil would be paid for by a national grant for brownfield land.</p>
<figure><img src="park.jpg"><figcaption>An artist's impression of the new park. Photo: City Council</figcaption></figure>
</article><footer><p>© 2024 Example Herald. All rights reserved.</p></footer></body></html>`;

export const PNG_BYTES = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

export function gzipped(text: string): Uint8Array {
  return gzipSync(Buffer.from(text));
}

export interface RecordSpec {
  readonly bucket?: string;
  /** The decoded key; encoded here as S3 does, unless `encodedKey` is given. */
  readonly key: string;
  readonly encodedKey?: string;
  readonly eventName?: string;
  readonly size?: number;
  readonly eTag?: string;
  readonly versionId?: string;
  readonly sequencer?: string;
}

export function s3Record(spec: RecordSpec): S3EventRecord {
  const bucket = spec.bucket ?? RAW;
  return {
    eventVersion: '2.1',
    eventSource: 'aws:s3',
    awsRegion: 'us-east-1',
    eventTime: '2024-05-01T10:00:00.000Z',
    eventName: (spec.eventName ?? 'ObjectCreated:Put'),
    userIdentity: { principalId: 'AWS:AIDAEXAMPLE' },
    requestParameters: { sourceIPAddress: '203.0.113.10' },
    responseElements: { 'x-amz-request-id': 'C3D13FE58DE4C810', 'x-amz-id-2': 'FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S/JRWeUWerMUE5JgHvANOjpD' },
    s3: {
      s3SchemaVersion: '1.0',
      configurationId: 'raw-object-created',
      bucket: { name: bucket, ownerIdentity: { principalId: 'A3NL1KOZZKExample' }, arn: `arn:aws:s3:::${bucket}` },
      object: {
        key: spec.encodedKey ?? encodeEventKey(spec.key),
        size: spec.size ?? 1024,
        eTag: spec.eTag ?? 'd41d8cd98f00b204e9800998ecf8427e',
        ...(spec.versionId ? { versionId: spec.versionId } : {}),
        sequencer: spec.sequencer ?? '0055AED6DCD90281E5',
      },
    },
  };
}

let messageCounter = 0;

export function sqsRecord(body: string, messageId = `message-${++messageCounter}`): SQSRecord {
  return {
    messageId,
    receiptHandle: `handle-${messageId}`,
    body,
    attributes: { ApproximateReceiveCount: '1', SentTimestamp: '1714557600000', SenderId: 'AIDAEXAMPLE', ApproximateFirstReceiveTimestamp: '1714557600001' },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:raw-events',
    awsRegion: 'us-east-1',
  };
}

/** One SQS message per spec, each carrying one S3 notification, as S3 → SQS delivers them. */
export function sqsEvent(...specs: Array<RecordSpec | SQSRecord>): SQSEvent {
  return {
    Records: specs.map((spec) => ('messageId' in spec ? spec : sqsRecord(JSON.stringify({ Records: [s3Record(spec)] } satisfies S3Event)))),
  };
}

export function context(requestId = 'c6af9ac6-7b61-11e6-9a41-93e812345678'): Context {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: 'scrape-clean-clean',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:scrape-clean-clean',
    memoryLimitInMB: '1024',
    awsRequestId: requestId,
    logGroupName: '/aws/lambda/scrape-clean-clean',
    logStreamName: '2024/05/01/[$LATEST]abcdef',
    getRemainingTimeInMillis: () => 60_000,
    // The Context type still declares Lambda's legacy callbacks, which nothing here calls.
    /* eslint-disable @typescript-eslint/no-deprecated */
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
    /* eslint-enable @typescript-eslint/no-deprecated */
  };
}

/** A GetObject output as the SDK gives it on Node: a stream body and quoted ETag. */
export function objectOutput(bytes: Uint8Array | string, extra: { etag?: string; contentType?: string; contentLength?: number | null; versionId?: string } = {}) {
  const body = typeof bytes === 'string' ? Buffer.from(bytes) : Buffer.from(bytes);
  return {
    Body: Readable.from([body]) as never,
    ContentLength: extra.contentLength === null ? undefined : (extra.contentLength ?? body.length),
    ContentType: extra.contentType,
    ETag: `"${extra.etag ?? 'd41d8cd98f00b204e9800998ecf8427e'}"`,
    VersionId: extra.versionId,
  };
}

export function serviceError(name: string, status: number, message = name): S3ServiceException {
  return new S3ServiceException({ name, $fault: status >= 500 ? 'server' : 'client', $metadata: { httpStatusCode: status }, message });
}

export function noSuchKey(): NoSuchKey {
  return new NoSuchKey({ message: 'The specified key does not exist.', $metadata: { httpStatusCode: 404 } });
}

export function notFound(): NotFound {
  return new NotFound({ message: 'Not Found', $metadata: { httpStatusCode: 404 } });
}

export function networkReset(): Error {
  return Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
}

/** A body as the SDK gives it to the WARC path: a stream with the SDK's readers. */
export function sdkBody(bytes: Buffer) {
  return Object.assign(Readable.from([bytes]), { transformToString: async () => bytes.toString('utf8'), transformToByteArray: async () => new Uint8Array(bytes) });
}

export interface StoredObject {
  body: Buffer;
  metadata: Record<string, string>;
}

/**
 * The clean bucket in memory behind a mocked client: what the function PUTs (streamed or not) is kept and read
 * back by HeadObject and GetObject, and If-None-Match: * is honoured as S3 does (412 when the key exists).
 * GetObject of the bucket `raw` is answered by `raw`.
 */
export function memoryBucket(
  mock: AwsClientStub<S3Client>,
  raw: (input: { Key: string; Range?: string }) => unknown,
  /** Awaited before a PUT is done: holds it back, to order the writes of two invocations. */
  beforePut?: (input: { Key: string; Metadata?: Record<string, string> }) => Promise<void>,
): Map<string, StoredObject> {
  const stored = new Map<string, StoredObject>();
  mock.on(PutObjectCommand).callsFake(async (input: { Key: string; Body: string | Uint8Array | AsyncIterable<Uint8Array>; Metadata?: Record<string, string>; IfNoneMatch?: string }) => {
    await beforePut?.(input);
    if (input.IfNoneMatch === '*' && stored.has(input.Key)) throw serviceError('PreconditionFailed', 412);
    const chunks: Uint8Array[] = [];
    if (typeof input.Body === 'string' || input.Body instanceof Uint8Array) chunks.push(Buffer.from(input.Body));
    else for await (const chunk of input.Body) chunks.push(chunk);
    stored.set(input.Key, { body: Buffer.concat(chunks), metadata: input.Metadata ?? {} });
    return { ETag: `"${stored.size}"` };
  });
  mock.on(HeadObjectCommand).callsFake((input: { Key: string }) => {
    const object = stored.get(input.Key);
    if (!object) throw serviceError('NotFound', 404);
    return { Metadata: object.metadata, ContentLength: object.body.length };
  });
  mock.on(GetObjectCommand).callsFake((input: { Bucket: string; Key: string; Range?: string }) => {
    if (input.Bucket === 'raw') return raw(input);
    const object = stored.get(input.Key);
    if (!object) throw serviceError('NoSuchKey', 404);
    return { Body: sdkBody(object.body), Metadata: object.metadata, ContentLength: object.body.length };
  });
  return stored;
}
