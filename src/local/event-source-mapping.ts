/**
 * The Lambda side of an SQS event source mapping, in process: polls the local queue, invokes the
 * handler with batches shaped like Lambda's SQS events, and applies the function's answer as
 * Lambda does with ReportBatchItemFailures on:
 *
 * - the handler throws (or returns something that is not a batch response): every message of
 *   the batch stays in the queue and comes back after its visibility timeout;
 * - it returns batchItemFailures: those messages stay, the others are deleted; an item
 *   identifier that is empty or not in the batch makes the whole batch a failure;
 * - it returns nothing or an empty list: the whole batch is deleted.
 *
 * One batch is in flight at a time, as in one execution environment. A batching window lets a
 * burst of uploads fill a batch (Lambda's MaximumBatchingWindowInSeconds).
 */
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { LOCAL_S3 } from '../pipeline/contract.js';
import type { LocalQueue, ReceivedMessage } from './queue.js';

export interface EventSourceMappingSettings {
  /** @default 10 (Lambda's default for SQS) */
  readonly batchSize: number;
  /** How long to wait for a batch to fill once a message is visible. */
  readonly batchWindowMs: number;
  readonly functionName: string;
  /** What the context reports as the function timeout (not enforced). */
  readonly timeoutMs: number;
}

// eslint-disable-next-line @typescript-eslint/no-invalid-void-type -- as aws-lambda's handler types: a handler may return nothing
export type SqsHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse | void>;

export interface InvocationReport {
  readonly requestId: string;
  readonly messageIds: readonly string[];
  /** Message ids left in the queue for another try. */
  readonly failed: readonly string[];
  /** The handler threw (or answered with something Lambda rejects). */
  readonly error: unknown;
}

function toRecord(message: ReceivedMessage, queueArn: string): SQSRecord {
  return {
    messageId: message.messageId,
    receiptHandle: message.receiptHandle,
    body: message.body,
    attributes: {
      ApproximateReceiveCount: String(message.receiveCount),
      SentTimestamp: String(message.sentTimestamp),
      SenderId: 'AROALOCALPIPELINE:s3',
      ApproximateFirstReceiveTimestamp: String(message.firstReceiveTimestamp),
    },
    messageAttributes: {},
    md5OfBody: message.md5OfBody,
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: LOCAL_S3.region,
  };
}

function lambdaContext(settings: EventSourceMappingSettings, requestId: string): Context {
  const deadline = Date.now() + settings.timeoutMs;
  const arn = `arn:aws:lambda:${LOCAL_S3.region}:${LOCAL_S3.accountId}:function:${settings.functionName}`;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: settings.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: arn,
    memoryLimitInMB: '1024',
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${settings.functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    // The Context type still declares Lambda's legacy callbacks, which nothing here calls.
    /* eslint-disable @typescript-eslint/no-deprecated */
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
    /* eslint-enable @typescript-eslint/no-deprecated */
  };
}

/** Failed message ids from a handler's answer, or 'all' when Lambda would fail the whole batch. */
export function failedMessageIds(response: unknown, messageIds: readonly string[]): ReadonlySet<string> | 'all' {
  if (response === undefined || response === null) return new Set();
  if (typeof response !== 'object') return 'all';
  const failures = (response as { batchItemFailures?: unknown }).batchItemFailures;
  if (failures === undefined || failures === null) return new Set();
  if (!Array.isArray(failures)) return 'all';
  const known = new Set(messageIds);
  const failed = new Set<string>();
  for (const failure of failures) {
    const id = (failure as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    if (typeof id !== 'string' || id === '' || !known.has(id)) return 'all';
    failed.add(id);
  }
  return failed;
}

export class LocalEventSourceMapping {
  readonly #queue: LocalQueue;
  readonly #handler: SqsHandler;
  readonly #settings: EventSourceMappingSettings;
  readonly #onInvocation: (report: InvocationReport) => void;
  #running = false;
  #invoking = false;
  #loop: Promise<void> | null = null;
  #wake: (() => void) | null = null;

  constructor(queue: LocalQueue, handler: SqsHandler, settings: EventSourceMappingSettings, onInvocation: (report: InvocationReport) => void = () => undefined) {
    this.#queue = queue;
    this.#handler = handler;
    this.#settings = settings;
    this.#onInvocation = onInvocation;
    queue.on('change', () => this.#wake?.());
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#loop = this.#run();
  }

  async stop(): Promise<void> {
    this.#running = false;
    this.#wake?.();
    await this.#loop;
    this.#loop = null;
    this.#queue.emit('change');
  }

  /** True while nothing is queued, in flight or being handled. */
  get idle(): boolean {
    return this.#queue.size === 0 && !this.#invoking;
  }

  /** Resolves once the queue is empty and no batch is being handled (dead letters excepted). */
  async whenIdle(): Promise<void> {
    while (!this.idle) {
      if (!this.#running) throw new Error('the event source mapping is stopped with messages still in the queue');
      await new Promise<void>((resolve) => this.#queue.once('change', resolve));
    }
  }

  async #run(): Promise<void> {
    while (this.#running) {
      const now = Date.now();
      if (this.#queue.visibleCount(now) === 0) {
        const next = this.#queue.nextVisibleAt(now);
        await this.#idleWait(next === null ? null : next - now);
        continue;
      }
      const windowEnd = now + this.#settings.batchWindowMs;
      // #running changes while awaiting (stop()): the linter's narrowing cannot see that.
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
      while (this.#running && this.#queue.visibleCount() < this.#settings.batchSize && Date.now() < windowEnd) {
        await this.#idleWait(windowEnd - Date.now());
      }
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- as above
      if (!this.#running) break;
      const batch = this.#queue.receive(this.#settings.batchSize);
      if (batch.length > 0) await this.#invoke(batch);
    }
  }

  /** Waits for a queue change, the timeout or stop(), whichever comes first. */
  #idleWait(ms: number | null): Promise<void> {
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const done = () => {
        if (timer) clearTimeout(timer);
        this.#wake = null;
        resolve();
      };
      if (ms !== null) timer = setTimeout(done, Math.max(0, ms));
      this.#wake = done;
    });
  }

  async #invoke(batch: readonly ReceivedMessage[]): Promise<void> {
    this.#invoking = true;
    const requestId = randomUUID();
    const messageIds = batch.map((m) => m.messageId);
    let failed: ReadonlySet<string> | 'all';
    let error: unknown = null;
    try {
      const response = await this.#handler({ Records: batch.map((m) => toRecord(m, this.#queue.arn)) }, lambdaContext(this.#settings, requestId));
      failed = failedMessageIds(response, messageIds);
      if (failed === 'all') error = new TypeError(`invalid batch response: ${JSON.stringify(response)}`);
    } catch (thrown) {
      failed = 'all';
      error = thrown;
    }
    for (const message of batch) {
      if (failed !== 'all' && !failed.has(message.messageId)) this.#queue.delete(message.receiptHandle);
    }
    this.#invoking = false;
    this.#onInvocation({ requestId, messageIds, failed: failed === 'all' ? messageIds : [...failed], error });
    this.#queue.emit('change');
  }
}
