/**
 * The whole pipeline on this machine: an embedded S3 server with a raw and a clean bucket, the
 * raw bucket's object-created events turned into real S3 notifications, an in-process queue
 * with SQS semantics (batches, visibility timeout, maxReceiveCount, dead letters) and the clean
 * function's handler (src/pipeline/handler.ts, the same code as on Lambda) consuming it.
 */
import { CreateBucketCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type S3rver from 's3rver';
import type { CleanDocument, ErrorRecord } from '../core/schema.js';
import { LOCAL_S3, PIPELINE_DEFAULTS } from '../pipeline/contract.js';
import { validatePipelineConfig, type PipelineConfig } from '../pipeline/config.js';
import { parseNotification } from '../pipeline/events.js';
import { isForbidden, isNotFound } from '../pipeline/failures.js';
import { createCleanHandler, type CleanHandler } from '../pipeline/handler.js';
import { warcOutputKeys, type WarcManifest, type WarcResult } from '../pipeline/warc-object.js';
import { PIPELINE_VERSION } from '../core/version.js';
import { isWarcName } from '../core/warc/names.js';
import type { WarcPipelineSettings } from '../pipeline/warc-settings.js';
import { outputKeysFor, type ProcessResult } from '../pipeline/process-object.js';
import { unquoteEtag } from '../pipeline/stamp.js';
import { reprocess, type ReprocessReport } from '../backfill/run.js';
import { LocalEventSourceMapping, type EventSourceMappingSettings, type InvocationReport, type SqsHandler } from './event-source-mapping.js';
import { SequencerClock, toS3Notification, type ObjectFacts } from './notifications.js';
import { LocalQueue, type DeadLetter, type QueueSettings } from './queue.js';
import { writtenVersionId } from './object-store.js';
import { localS3Client, startLocalS3 } from './s3-server.js';

/** Defaults of the local pipeline; short timings so retries and dead letters show within seconds. */
export const LOCAL_DEFAULTS = {
  rawBucket: LOCAL_S3.rawBucket,
  cleanBucket: LOCAL_S3.cleanBucket,
  functionName: 'scrape-clean-local',
  notificationConfigurationId: 'raw-object-created',
  queue: { name: 'scrape-clean-local-queue', visibilityTimeoutMs: 1_000, maxReceiveCount: 3 } satisfies QueueSettings,
  /** Lambda's default SQS batch size; a short window lets a burst of uploads share a batch. */
  mapping: { batchSize: 10, batchWindowMs: 50, timeoutMs: 60_000 } satisfies Omit<EventSourceMappingSettings, 'functionName'>,
  /** How long waitForOutputs waits for the queue to drain. */
  waitTimeoutMs: 120_000,
  /** Objects processed at once by the catch-up at start (as many as a batch of the queue). */
  catchUpConcurrency: 8,
} as const;

export interface LocalPipelineOptions {
  /**
   * Where the S3 server keeps the objects. A directory of an earlier run is taken as it is, and
   * whatever it holds that has no current output is processed at start (see catchUp). Default:
   * a new temporary directory, removed by close().
   */
  readonly directory?: string;
  /** Port of the S3 server; 0 (default) takes a free one. */
  readonly port?: number;
  readonly rawBucket?: string;
  /** The function's configuration; cleanBucket defaults to LOCAL_DEFAULTS.cleanBucket. */
  readonly config?: Partial<PipelineConfig>;
  readonly queue?: Partial<QueueSettings>;
  readonly mapping?: Partial<EventSourceMappingSettings>;
  readonly logger?: Logger;
  readonly metrics?: Metrics;
  /** Every final outcome of the function. */
  readonly onResult?: (result: ProcessResult) => void;
  /** Every range of a WARC object the function wrote (or found done). */
  readonly onWarcResult?: (result: WarcResult, key: string) => void;
  /** Overrides of the function's WARC settings (WARC_PIPELINE_DEFAULTS). */
  readonly warcSettings?: Partial<WarcPipelineSettings>;
  /** Every invocation of the function, with the messages it left in the queue. */
  readonly onInvocation?: (report: InvocationReport) => void;
  /** Lets tests add middleware (injected failures) to the S3 client the function uses. */
  readonly prepareFunctionClient?: (client: S3Client) => void;
}

export type OutputState =
  | { readonly key: string; readonly kind: 'document'; readonly outputKey: string; readonly document: CleanDocument }
  | { readonly key: string; readonly kind: 'error-record'; readonly outputKey: string; readonly record: ErrorRecord }
  /** Its output was written for another raw key of the same output name (`page.html`, `page.txt`): `by` (see docs/function.md). */
  | { readonly key: string; readonly kind: 'replaced'; readonly outputKey: string; readonly by: string }
  /** A WARC object's outputs: its JSON Lines (`linesKey`) and the manifest that closes them (`outputKey`). */
  | { readonly key: string; readonly kind: 'warc'; readonly outputKey: string; readonly linesKey: string; readonly manifest: WarcManifest }
  | { readonly key: string; readonly kind: 'dead-lettered'; readonly receiveCount: number }
  | { readonly key: string; readonly kind: 'missing' };

export interface LocalPipeline {
  readonly endpoint: string;
  readonly directory: string;
  readonly rawBucket: string;
  readonly config: PipelineConfig;
  /** A client of the local server for callers (uploads, reads), separate from the function's. */
  readonly s3: S3Client;
  readonly queue: LocalQueue;
  readonly handler: CleanHandler;
  readonly deadLetters: readonly DeadLetter[];
  /**
   * The catch-up at start: every raw object the directory already held is put through the
   * reprocess path (src/backfill/run.ts), which leaves up-to-date outputs alone, so that objects
   * a crashed run had accepted but not processed (their events were in its queue, in memory)
   * are not lost. Resolves when it is done; whenIdle() waits for it too.
   */
  readonly catchUp: Promise<ReprocessReport>;
  upload(key: string, body: Uint8Array | string, options?: { contentType?: string; contentEncoding?: string }): Promise<void>;
  /** Resolves when every event so far has been forwarded and handled (or dead-lettered). */
  whenIdle(timeoutMs?: number): Promise<void>;
  /** Waits until idle, then reads what each raw key ended as. */
  waitForOutputs(keys: readonly string[], timeoutMs?: number): Promise<OutputState[]>;
  close(): Promise<void>;
}

/** An object read from the clean bucket: its JSON and when it was written. */
interface Stored<T> {
  readonly value: T;
  readonly lastModified: number;
}
/** What every output names: the raw key it was made from (absent in outputs of older releases). */
interface Made {
  readonly source: { readonly key?: string };
}

async function readJson<T>(s3: S3Client, bucket: string, key: string): Promise<Stored<T> | null> {
  try {
    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return { value: JSON.parse(await object.Body!.transformToString('utf-8')) as T, lastModified: object.LastModified?.getTime() ?? 0 };
  } catch (error) {
    if (isNotFound(error) || isForbidden(error)) return null;
    throw error;
  }
}

export async function startLocalPipeline(options: LocalPipelineOptions = {}): Promise<LocalPipeline> {
  const ownDirectory = options.directory === undefined;
  const directory = options.directory ?? (await mkdtemp(join(tmpdir(), 'scrape-clean-s3-')));
  const rawBucket = options.rawBucket ?? LOCAL_DEFAULTS.rawBucket;
  const config = validatePipelineConfig({ ...PIPELINE_DEFAULTS, cleanBucket: LOCAL_DEFAULTS.cleanBucket, ...options.config });
  const logger = options.logger ?? new Logger({ serviceName: LOCAL_DEFAULTS.functionName, logLevel: 'WARN' });
  const metrics = options.metrics ?? new Metrics({ serviceName: LOCAL_DEFAULTS.functionName, namespace: 'scrape-clean-local' });

  const local = await startLocalS3({ directory, port: options.port });
  const s3 = localS3Client(local.endpoint);
  const functionS3 = localS3Client(local.endpoint);
  options.prepareFunctionClient?.(functionS3);
  try {
    for (const bucket of new Set([rawBucket, config.cleanBucket])) {
      // A directory of an earlier run has its buckets already.
      await s3.send(new CreateBucketCommand({ Bucket: bucket })).catch((error: unknown) => {
        const name = (error as { name?: string } | undefined)?.name;
        if (name !== 'BucketAlreadyExists' && name !== 'BucketAlreadyOwnedByYou') throw error;
      });
    }
  } catch (error) {
    await local.close();
    throw error;
  }

  const queue = new LocalQueue({ ...LOCAL_DEFAULTS.queue, ...options.queue });
  const handler = createCleanHandler({
    s3: functionS3,
    config,
    logger,
    metrics,
    onResult: options.onResult,
    onWarcResult: options.onWarcResult,
    warcSettings: options.warcSettings,
    // The continuation of a long WARC file goes to the queue the function reads, as on AWS.
    sendToQueue: async (body) => void queue.send(body),
  });
  const mapping = new LocalEventSourceMapping(
    queue,
    handler as SqsHandler,
    { ...LOCAL_DEFAULTS.mapping, functionName: LOCAL_DEFAULTS.functionName, ...options.mapping },
    options.onInvocation,
  );

  // The raw bucket's notification configuration: s3:ObjectCreated:* → the queue.
  const sequencers = new SequencerClock();
  let forwarding = 0;
  const forward = (record: S3rver.EventRecord, sequencer: string, facts: ObjectFacts | null) =>
    queue.send(JSON.stringify(toS3Notification(record, facts, sequencer, LOCAL_DEFAULTS.notificationConfigurationId)));
  local.server.on('event', (event) => {
    for (const record of event.Records) {
      if (record.s3.bucket.name !== rawBucket || !record.eventName.startsWith('ObjectCreated:')) continue;
      const sequencer = sequencers.next();
      const { size, eTag } = record.s3.object;
      // s3rver emits the event inside the request that wrote the object: a versioned bucket's new version id is at hand.
      const versionId = writtenVersionId();
      if (typeof size === 'number' && eTag) {
        forward(record, sequencer, { size, eTag, ...(versionId ? { versionId } : {}) });
        continue;
      }
      // s3rver leaves the ETag out of copy events; S3 puts it in.
      forwarding++;
      void local.server.store
        .getMetadata(record.s3.bucket.name, record.s3.object.key)
        .then(
          (metadata) => ({ size: Number(metadata['content-length']), eTag: String(metadata.etag).replace(/^"|"$/g, '') }),
          () => null,
        )
        .then((facts) => forward(record, sequencer, facts))
        .finally(() => {
          forwarding--;
          queue.emit('change');
        });
    }
  });
  mapping.start();
  // After the mapping starts: uploads made during the catch-up are processed as they land, and
  // an object both paths reach is written once (conditional writes, src/pipeline/output-write.ts).
  const stopCatchUp = new AbortController();
  const catchUp = reprocess({ s3: functionS3, bucket: rawBucket, prefix: '', config, concurrency: LOCAL_DEFAULTS.catchUpConcurrency, signal: stopCatchUp.signal });
  let caughtUp = false;
  void catchUp.finally(() => {
    caughtUp = true;
    queue.emit('change');
  });

  async function whenIdle(timeoutMs: number = LOCAL_DEFAULTS.waitTimeoutMs): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!caughtUp || forwarding > 0 || !mapping.idle) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`the local pipeline did not drain within ${timeoutMs} ms (${queue.size} messages left)`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, left);
        function done() {
          clearTimeout(timer);
          queue.off('change', done);
          resolve();
        }
        queue.on('change', done);
      });
    }
  }

  function deadLetteredKeys(): Map<string, number> {
    const keys = new Map<string, number>();
    for (const letter of queue.deadLetters) {
      try {
        const notification = parseNotification(letter.body);
        if (notification.kind === 'records') for (const record of notification.records) keys.set(record.key, letter.receiveCount);
      } catch {
        // A dead letter that is not a notification names no key.
      }
    }
    return keys;
  }

  /** The raw object's ETag (unquoted), or null when it is gone. */
  async function rawEtag(key: string): Promise<string | null> {
    try {
      return unquoteEtag((await s3.send(new HeadObjectCommand({ Bucket: rawBucket, Key: key }))).ETag);
    } catch (error) {
      if (isNotFound(error) || isForbidden(error)) return null;
      throw error;
    }
  }

  /** Of an output and an error record of one raw key, whether the output is the current one (it is when there is no record). */
  function outputCurrent(output: { etag: string | null | undefined; version: string; lastModified: number }, record: { value: ErrorRecord; lastModified: number } | null, etag: string | null): boolean {
    if (!record) return true;
    // Both exist when the object went from bad to good or back: the current one was made from the object's bytes as they are.
    const outputOfObject = output.etag === etag;
    const recordOfObject = record.value.source.etag === etag;
    if (outputOfObject !== recordOfObject) return outputOfObject;
    // Both made from those bytes, when a later release cleans them otherwise: this release's is current (the older one stands: the function may not delete).
    const outputOfRelease = output.version === PIPELINE_VERSION;
    const recordOfRelease = record.value.pipelineVersion === PIPELINE_VERSION;
    if (outputOfRelease !== recordOfRelease) return outputOfRelease;
    return output.lastModified >= record.lastModified;
  }

  async function outputState(key: string, deadLettered: ReadonlyMap<string, number>): Promise<OutputState> {
    if (isWarcName(key)) return warcState(key, deadLettered);
    const keys = outputKeysFor(key, config);
    const [document, record, etag] = await Promise.all([
      readJson<CleanDocument>(s3, config.cleanBucket, keys.document),
      readJson<ErrorRecord>(s3, config.cleanBucket, keys.error),
      rawEtag(key),
    ]);
    const { own: ownDocument, ownRecord, replaced } = ownOutputs(key, document, keys.document, record, keys.error);
    if (ownDocument && outputCurrent({ etag: ownDocument.value.source.etag, version: ownDocument.value.pipelineVersion, lastModified: ownDocument.lastModified }, ownRecord, etag)) {
      return { key, kind: 'document', outputKey: keys.document, document: ownDocument.value };
    }
    if (ownRecord) return { key, kind: 'error-record', outputKey: keys.error, record: ownRecord.value };
    return replaced ?? lostState(key, deadLettered);
  }

  /**
   * Of an output and an error record found under a raw key's output names, those the key made; outputs made from
   * another raw key of the same output names (`crawl.warc` beside `crawl.warc.gz`) are not its own, and when it
   * has none of its own, the state says which key replaced them.
   */
  function ownOutputs<O extends Stored<Made>>(key: string, output: O | null, outputKey: string, record: Stored<ErrorRecord> | null, recordKey: string): { own: O | null; ownRecord: Stored<ErrorRecord> | null; replaced: OutputState | null } {
    const outputMaker = output?.value.source.key;
    const recordMaker = record?.value.source.key;
    const own = (maker: string | undefined): boolean => maker === undefined || maker === key;
    const replaced: OutputState | null =
      output && outputMaker !== undefined ? { key, kind: 'replaced', outputKey, by: outputMaker }
      : record && recordMaker !== undefined ? { key, kind: 'replaced', outputKey: recordKey, by: recordMaker }
      : null;
    return { own: output && own(outputMaker) ? output : null, ownRecord: record && own(recordMaker) ? record : null, replaced };
  }

  function lostState(key: string, deadLettered: ReadonlyMap<string, number>): OutputState {
    const receiveCount = deadLettered.get(key);
    return receiveCount !== undefined ? { key, kind: 'dead-lettered', receiveCount } : { key, kind: 'missing' };
  }

  /** A WARC object ends as its manifest (written after its JSON Lines) or as one error record for the whole file. */
  async function warcState(key: string, deadLettered: ReadonlyMap<string, number>): Promise<OutputState> {
    const keys = warcOutputKeys(key, config);
    const [manifest, record, etag] = await Promise.all([
      readJson<WarcManifest>(s3, config.cleanBucket, keys.manifest),
      readJson<ErrorRecord>(s3, config.cleanBucket, keys.error),
      rawEtag(key),
    ]);
    const { own: ownManifest, ownRecord, replaced } = ownOutputs(key, manifest, keys.manifest, record, keys.error);
    if (ownManifest && outputCurrent({ etag: ownManifest.value.source.etag, version: ownManifest.value.pipelineVersion, lastModified: ownManifest.lastModified }, ownRecord, etag)) {
      return { key, kind: 'warc', outputKey: keys.manifest, linesKey: keys.lines, manifest: ownManifest.value };
    }
    if (ownRecord) return { key, kind: 'error-record', outputKey: keys.error, record: ownRecord.value };
    return replaced ?? lostState(key, deadLettered);
  }

  return {
    endpoint: local.endpoint,
    directory,
    rawBucket,
    config,
    s3,
    queue,
    handler,
    get deadLetters() {
      return queue.deadLetters;
    },
    catchUp,
    async upload(key, body, uploadOptions = {}) {
      await s3.send(
        new PutObjectCommand({
          Bucket: rawBucket,
          Key: key,
          Body: typeof body === 'string' ? Buffer.from(body) : body,
          ContentType: uploadOptions.contentType,
          ContentEncoding: uploadOptions.contentEncoding,
        }),
      );
    },
    whenIdle,
    async waitForOutputs(keys, timeoutMs) {
      await whenIdle(timeoutMs);
      const deadLettered = deadLetteredKeys();
      return Promise.all(keys.map((key) => outputState(key, deadLettered)));
    },
    async close() {
      // What the catch-up has not started is caught up by the next start.
      stopCatchUp.abort();
      await catchUp;
      await mapping.stop();
      s3.destroy();
      functionS3.destroy();
      await local.close();
      if (ownDirectory) await rm(directory, { recursive: true, force: true });
    },
  };
}
