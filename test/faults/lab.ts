/**
 * A fault lab for the clean function: the real handler (src/pipeline/handler.ts) consuming the
 * local pipeline's queue (SQS semantics: visibility timeout, receive count, redrive to the
 * dead-letter list after maxReceiveCount receives) through its Lambda event source mapping, with
 * an S3 client mocked by aws-sdk-client-mock. The mock is a small S3: raw objects to read, a
 * clean bucket that keeps what is put (so a redelivery finds the stamp of an earlier attempt),
 * and faults injected per key and per attempt.
 *
 * Calls to the mock bypass the SDK's own retries: each one is an attempt of the function.
 */
import { GetObjectCommand, HeadObjectCommand, NoSuchKey, NotFound, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { mockClient } from 'aws-sdk-client-mock';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { LocalEventSourceMapping, type InvocationReport } from '../../src/local/event-source-mapping.js';
import { LocalQueue } from '../../src/local/queue.js';
import { PIPELINE_DEFAULTS } from '../../src/pipeline/contract.js';
import { validatePipelineConfig, type PipelineConfig } from '../../src/pipeline/config.js';
import { createCleanHandler, type CleanHandler } from '../../src/pipeline/handler.js';
import { outputKeysFor, type ProcessResult } from '../../src/pipeline/process-object.js';
import { s3Record } from '../functions/helpers.js';

export const RAW = 'raw-bucket';
export const CLEAN = 'clean-bucket';

export type Operation = 'get' | 'put' | 'head';

/** What a call does instead of succeeding: throw, or (GetObject) answer with a body that breaks. */
export type Fault =
  | { readonly kind: 'throw'; readonly error: () => Error }
  | { readonly kind: 'reset-mid-stream' }
  | { readonly kind: 'stall-then-timeout'; readonly afterMs: number };

/** Decides the fault of the nth attempt (1-based) of an operation on a key; undefined = succeed. */
export type FaultPlan = (operation: Operation, key: string, attempt: number) => Fault | undefined;

export const FAULTS = {
  throttled: (): Fault => ({ kind: 'throw', error: () => serviceError('SlowDown', 503, 'Please reduce your request rate.') }),
  internalError: (): Fault => ({ kind: 'throw', error: () => serviceError('InternalError', 500, 'We encountered an internal error. Please try again.') }),
  requestTimeout: (): Fault => ({ kind: 'throw', error: () => Object.assign(new Error('Connection timed out after 30000 ms'), { name: 'TimeoutError', code: 'ETIMEDOUT' }) }),
  noSuchKey: (): Fault => ({ kind: 'throw', error: () => new NoSuchKey({ message: 'The specified key does not exist.', $metadata: { httpStatusCode: 404 } }) }),
  resetMidStream: (): Fault => ({ kind: 'reset-mid-stream' }),
  stallThenTimeout: (afterMs = 30): Fault => ({ kind: 'stall-then-timeout', afterMs }),
} as const;

export function serviceError(name: string, status: number, message: string): S3ServiceException {
  return new S3ServiceException({ name, $fault: status >= 500 ? 'server' : 'client', $metadata: { httpStatusCode: status }, message });
}

interface StoredOutput {
  readonly body: string;
  readonly metadata: Record<string, string>;
}

export interface KeyOutcome {
  readonly key: string;
  /** 'document' | 'error-record' | 'dead-lettered' | 'missing' */
  readonly kind: 'document' | 'error-record' | 'dead-lettered' | 'missing';
  readonly errorCode?: string;
  /** Receives of the key's message (1 = done the first time). */
  readonly receives: number;
  readonly attempts: Record<Operation, number>;
  /** Successful PutObject calls of the key's document and error record. */
  readonly documentWrites: number;
  readonly errorRecordWrites: number;
}

export interface LabOptions {
  readonly maxReceiveCount?: number;
  readonly batchSize?: number;
  readonly faults?: FaultPlan;
  /** Wraps the handler, e.g. to kill an invocation. */
  readonly wrapHandler?: (handler: CleanHandler) => CleanHandler;
  readonly config?: Partial<PipelineConfig>;
}

const SILENT = new Logger({ serviceName: 'faults', logLevel: 'SILENT' });

/** A short page that cleans to a document. */
export function article(key: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${key}</title></head><body><article><h1>${key}</h1><p>The harbour ferry resumed service on Monday after a week of repairs to its engine, officials said of ${key}.</p></article></body></html>`;
}

function etagOf(bytes: Buffer): string {
  return createHash('md5').update(bytes).digest('hex');
}

export class FaultLab {
  readonly s3 = new S3Client({ region: 'us-east-1', credentials: { accessKeyId: 'lab', secretAccessKey: 'lab' } });
  readonly mock = mockClient(this.s3);
  readonly config: PipelineConfig;
  readonly queue: LocalQueue;
  readonly mapping: LocalEventSourceMapping;
  readonly results: ProcessResult[] = [];
  readonly invocations: InvocationReport[] = [];
  readonly raw = new Map<string, { body: Buffer; etag: string }>();
  readonly clean = new Map<string, StoredOutput>();
  private readonly attempts = new Map<string, Record<Operation, number>>();
  private readonly writes = new Map<string, number>();
  private readonly messageKeys = new Map<string, string>();
  faults: FaultPlan;

  constructor(options: LabOptions = {}) {
    this.faults = options.faults ?? (() => undefined);
    this.config = validatePipelineConfig({ ...PIPELINE_DEFAULTS, cleanBucket: CLEAN, ...options.config });
    const metrics = new Metrics({ namespace: 'faults', serviceName: 'faults' });
    let handler = createCleanHandler({ s3: this.s3, config: this.config, logger: SILENT, metrics, onResult: (r) => this.results.push(r) });
    if (options.wrapHandler) handler = options.wrapHandler(handler);
    this.queue = new LocalQueue({ name: 'faults', visibilityTimeoutMs: 20, maxReceiveCount: options.maxReceiveCount ?? 3 });
    this.mapping = new LocalEventSourceMapping(
      this.queue,
      handler as never,
      { batchSize: options.batchSize ?? 10, batchWindowMs: 5, functionName: 'faults', timeoutMs: 60_000 },
      (report) => this.invocations.push(report),
    );
    this.installMock();
  }

  private count(operation: Operation, key: string): number {
    const counts = this.attempts.get(key) ?? { get: 0, put: 0, head: 0 };
    counts[operation]++;
    this.attempts.set(key, counts);
    return counts[operation];
  }

  /** The raw key an output key belongs to. */
  private rawKeyOf(outputKey: string): string {
    for (const key of this.raw.keys()) {
      const outputs = outputKeysFor(key, this.config);
      if (outputs.document === outputKey || outputs.error === outputKey) return key;
    }
    return outputKey;
  }

  private installMock(): void {
    this.mock.on(HeadObjectCommand).callsFake(async (input: { Key: string }) => {
      const key = this.rawKeyOf(input.Key);
      const fault = this.faults('head', key, this.count('head', key));
      if (fault?.kind === 'throw') throw fault.error();
      const stored = this.clean.get(input.Key);
      if (!stored) throw new NotFound({ message: 'Not Found', $metadata: { httpStatusCode: 404 } });
      return { Metadata: stored.metadata, ContentLength: stored.body.length };
    });
    this.mock.on(GetObjectCommand).callsFake(async (input: { Key: string }) => {
      const key = input.Key;
      const fault = this.faults('get', key, this.count('get', key));
      if (fault?.kind === 'throw') throw fault.error();
      const object = this.raw.get(key);
      if (!object) throw new NoSuchKey({ message: 'The specified key does not exist.', $metadata: { httpStatusCode: 404 } });
      let body: Readable;
      if (fault?.kind === 'reset-mid-stream') {
        body = brokenStream(object.body.subarray(0, object.body.length >> 1), () => Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET', name: 'Error' }));
      } else if (fault?.kind === 'stall-then-timeout') {
        body = brokenStream(object.body.subarray(0, 16), () => Object.assign(new Error(`socket timed out after ${fault.afterMs} ms without data`), { name: 'TimeoutError' }), fault.afterMs);
      } else {
        body = Readable.from([object.body]);
      }
      return { Body: body as never, ContentLength: object.body.length, ContentType: 'text/html', ETag: `"${object.etag}"` };
    });
    this.mock.on(PutObjectCommand).callsFake(async (input: { Key: string; Body: string; Metadata: Record<string, string> }) => {
      const key = this.rawKeyOf(input.Key);
      const fault = this.faults('put', key, this.count('put', key));
      if (fault?.kind === 'throw') throw fault.error();
      this.clean.set(input.Key, { body: String(input.Body), metadata: input.Metadata });
      this.writes.set(input.Key, (this.writes.get(input.Key) ?? 0) + 1);
      return { ETag: '"out"' };
    });
  }

  /** Uploads raw objects and sends one S3 notification per object to the queue, as S3 → SQS does. */
  send(objects: ReadonlyArray<{ key: string; body: string | Buffer; exists?: boolean }>): void {
    for (const object of objects) {
      const body = typeof object.body === 'string' ? Buffer.from(object.body) : object.body;
      const etag = etagOf(body);
      if (object.exists !== false) this.raw.set(object.key, { body, etag });
      const id = this.queue.send(JSON.stringify({ Records: [s3Record({ bucket: RAW, key: object.key, size: body.length, eTag: etag })] }));
      this.messageKeys.set(id, object.key);
    }
  }

  /** Sends a message that is not an S3 notification. */
  sendRaw(body: string, label: string): void {
    this.messageKeys.set(this.queue.send(body), label);
  }

  /** Runs the event source mapping until every message is deleted or dead-lettered. */
  async drain(): Promise<void> {
    this.mapping.start();
    try {
      await this.mapping.whenIdle();
    } finally {
      await this.mapping.stop();
    }
  }

  outcome(key: string): KeyOutcome {
    const outputs = outputKeysFor(key, this.config);
    const receives = this.receivesOf(key);
    const attempts = this.attempts.get(key) ?? { get: 0, put: 0, head: 0 };
    const base = { key, receives, attempts, documentWrites: this.writes.get(outputs.document) ?? 0, errorRecordWrites: this.writes.get(outputs.error) ?? 0 };
    const dead = this.queue.deadLetters.some((letter) => this.messageKeys.get(letter.messageId) === key);
    if (dead) return { ...base, kind: 'dead-lettered' };
    if (this.clean.has(outputs.document)) return { ...base, kind: 'document' };
    const record = this.clean.get(outputs.error);
    if (record) return { ...base, kind: 'error-record', errorCode: (JSON.parse(record.body) as { error: { code: string } }).error.code };
    return { ...base, kind: 'missing' };
  }

  /** How many times the key's message was handed to the function. */
  receivesOf(key: string): number {
    let receives = 0;
    for (const invocation of this.invocations) for (const id of invocation.messageIds) if (this.messageKeys.get(id) === key) receives++;
    return receives;
  }
}

/** A body that sends `head`, then fails with `error` (after `delayMs`), as a dropped or stalled connection does. */
function brokenStream(head: Buffer, error: () => Error, delayMs = 0): Readable {
  let sent = false;
  return new Readable({
    read() {
      if (!sent) {
        sent = true;
        this.push(head);
        return;
      }
      setTimeout(() => this.destroy(error()), delayMs);
    },
  });
}
