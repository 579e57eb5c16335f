/**
 * npm run soak -- [--objects N] [--concurrency C] [--seed S] [--fault-rate R]
 *
 * Load and accounting on the local pipeline (issue 6): uploads N objects (default 2,000) to the
 * raw bucket of an embedded S3 server as fast as C concurrent clients can (default 32), lets
 * S3 notifications → queue → clean function process them, and then proves the ledger:
 *
 *   every raw key has exactly one output — its document or its error record, not both, not
 *   none — as the object requires (the broken 5% error records with their codes, the rest
 *   documents); each output names its source key and the ETag of the bytes uploaded; each key
 *   was cleaned once (no redundant writes); the clean bucket holds nothing else (no orphans);
 *   nothing is left in the queue or parked in the dead-letter queue.
 *
 * The objects are seeded and mixed: HTML and plain text, gzipped or not, UTF-8 and legacy
 * charsets, 1 KB to 2 MB, keys with spaces, Unicode and plus signs; 5% are broken (images,
 * random bytes, empty, whitespace, truncated gzip, a gzip bomb). It prints the ledger, the
 * upload and end-to-end throughput, and the peak memory of the process (it holds the uploader,
 * the S3 server and the function together). Exit status 1 when the ledger does not balance.
 *
 * --fault-rate R (0 to 1, default 0) makes the function's first GetObject or PutObject of a
 * share R of the keys fail with 503 SlowDown, as a throttled S3 does: those messages come back
 * through the queue and the ledger must balance all the same.
 */
import { gzipSync } from 'node:zlib';
import { resolve } from 'node:path';
import { createHash } from 'node:crypto';
import { GetObjectCommand, ListObjectsCommand, S3ServiceException, type S3Client } from '@aws-sdk/client-s3';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import iconv from 'iconv-lite';
import pLimit from 'p-limit';
import type { CleanDocument, ErrorRecord } from '../src/core/schema.js';
import { startLocalPipeline, type LocalPipeline, type LocalPipelineOptions } from '../src/local/pipeline.js';
import { outputKeysFor, type ProcessResult } from '../src/pipeline/process-object.js';
import { gzipBomb } from './adversarial-cases.js';
import { prng } from './prng.js';
import { commandLine } from './command-line.js';

export const SOAK_DEFAULTS = { objects: 2_000, concurrency: 32, seed: 2_024, brokenShare: 0.05 } as const;

export interface SoakObject {
  readonly key: string;
  readonly body: Uint8Array;
  readonly contentType?: string;
  /** 'document', or the error code the object must end with. */
  readonly expect: string;
}

const WORDS = ['harbour', 'ferry', 'council', 'engine', 'repairs', 'island', 'passengers', 'timetable', 'weekend', 'officials', 'operator', 'contract', 'vessel', 'spring', 'coffee', 'pier', 'morning', 'visitors'];
const GERMAN = ['Fähre', 'über', 'Zürich', 'Schäden', 'Fahrplan', 'Straße', 'Motoren', 'gewöhnlich', 'früh', 'Größe'];
const KEY_WORDS = ['news', 'daily news', 'über', '東京', 'c++', 'sport', 'a+b', 'wirtschaft', 'local', 'archive'];

function sentence(next: () => number, words: readonly string[]): string {
  const length = 8 + Math.floor(next() * 14);
  const picked = Array.from({ length }, () => words[Math.floor(next() * words.length)]!);
  return `${picked[0]!.charAt(0).toUpperCase()}${picked[0]!.slice(1)} ${picked.slice(1).join(' ')}.`;
}

/** An article page of about `bytes` bytes, with the chrome real pages have. */
function htmlPage(next: () => number, index: number, bytes: number, words: readonly string[], charset: string): string {
  const paragraphs: string[] = [];
  let size = 600;
  while (size < bytes) {
    const text = Array.from({ length: 2 + Math.floor(next() * 4) }, () => sentence(next, words)).join(' ');
    paragraphs.push(next() < 0.1 ? `<figure><img src="/i/${index}.jpg"><figcaption>${sentence(next, words)} Photo: Agency</figcaption></figure>` : `<p>${text}</p>`);
    size += text.length + 7;
  }
  return `<!DOCTYPE html><html lang="en"><head><meta charset="${charset}"><title>Report ${index}</title></head><body>` +
    `<nav><a href="/">Home</a> <a href="/news">News</a></nav><main><article><h1>Report ${index}</h1>${paragraphs.join('')}` +
    `<div class="ad-slot">Advertisement</div></article></main><footer><p>© 2024 Harbour Gazette. All rights reserved.</p></footer></body></html>`;
}

function textScrape(next: () => number, index: number, bytes: number): string {
  const lines = [`Report ${index}`, ''];
  let size = 20;
  while (size < bytes) {
    const paragraph = Array.from({ length: 2 + Math.floor(next() * 3) }, () => sentence(next, WORDS)).join(' ');
    lines.push(paragraph, '');
    size += paragraph.length + 2;
  }
  return lines.join('\n');
}

/** Sizes: mostly small pages, some long ones, a few very long (as a crawl's distribution). */
function pickSize(next: () => number): number {
  const r = next();
  if (r < 0.7) return 1_000 + Math.floor(next() * 15_000);
  if (r < 0.95) return 20_000 + Math.floor(next() * 180_000);
  return 500_000 + Math.floor(next() * 1_500_000);
}

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]);

/** The objects of a soak: deterministic for a seed. */
export function soakObjects(count: number, seed: number = SOAK_DEFAULTS.seed): SoakObject[] {
  const next = prng(seed);
  const broken = Math.round(count * SOAK_DEFAULTS.brokenShare);
  // Spread the broken ones over the run rather than bunching them.
  const brokenAt = new Set(Array.from({ length: broken }, (_, i) => Math.floor(((i + 0.5) * count) / broken)));
  let bomb: Uint8Array | null = null;
  const objects: SoakObject[] = [];
  for (let i = 0; i < count; i++) {
    const folder = `${KEY_WORDS[i % KEY_WORDS.length]}/${2020 + (i % 5)}`;
    const stem = `${folder}/page ${i}`;
    if (brokenAt.has(i)) {
      const kind = objects.filter((o) => o.expect !== 'document').length % 6;
      const randomBytes = () => Uint8Array.from({ length: 4096 }, () => Math.floor(next() * 256) & 0x1f);
      if (kind === 0) objects.push({ key: `${stem}.html`, body: PNG, contentType: 'text/html', expect: 'BINARY_INPUT' });
      else if (kind === 1) objects.push({ key: `${stem}.html`, body: new Uint8Array(0), expect: 'EMPTY_INPUT' });
      else if (kind === 2) objects.push({ key: `${stem}.html.gz`, body: gzipSync(htmlPage(next, i, 8_000, WORDS, 'utf-8')).subarray(0, 300), expect: 'CORRUPT_GZIP' });
      else if (kind === 3) objects.push({ key: `${stem}.bin`, body: randomBytes(), expect: 'BINARY_INPUT' });
      else if (kind === 4) objects.push({ key: `${stem}.txt`, body: Buffer.from(' \n\t'.repeat(500)), contentType: 'text/plain', expect: 'EMPTY_INPUT' });
      else objects.push({ key: `${stem}.html.gz`, body: (bomb ??= gzipBomb()), expect: 'TOO_LARGE' });
      continue;
    }
    const size = pickSize(next);
    const r = next();
    if (r < 0.6) objects.push({ key: `${stem}.html`, body: Buffer.from(htmlPage(next, i, size, WORDS, 'utf-8')), contentType: 'text/html', expect: 'document' });
    else if (r < 0.75) objects.push({ key: `${stem}.html.gz`, body: gzipSync(htmlPage(next, i, size, WORDS, 'utf-8')), expect: 'document' });
    else if (r < 0.85) objects.push({ key: `${stem}.html`, body: iconv.encode(htmlPage(next, i, size, GERMAN, 'windows-1252'), 'windows-1252'), expect: 'document' });
    else objects.push({ key: `${stem}.txt`, body: Buffer.from(textScrape(next, i, size)), contentType: 'text/plain', expect: 'document' });
  }
  return objects;
}

export interface Ledger {
  readonly rawObjects: number;
  readonly documents: number;
  readonly errorRecords: number;
  /** Raw keys with neither a document nor an error record. */
  readonly missing: string[];
  /** Raw keys with both. */
  readonly both: string[];
  /** Raw keys cleaned more than once (written or error-recorded twice, or skipped as already done). */
  readonly duplicates: string[];
  /** Objects of the clean bucket that are no raw key's output. */
  readonly orphans: string[];
  /** Raw keys whose output does not match them (source key or ETag) or what they must end as. */
  readonly wrong: string[];
  readonly deadLetters: number;
  readonly queueLeft: number;
  readonly balanced: boolean;
}

export interface SoakReport {
  readonly objects: number;
  readonly bytes: number;
  readonly uploadSeconds: number;
  /** From the first upload to the last output. */
  readonly totalSeconds: number;
  readonly invocations: number;
  readonly retriedMessages: number;
  /** Throttling errors injected into the function's S3 calls (--fault-rate). */
  readonly injectedFaults: number;
  /**
   * Objects the local pipeline's catch-up at start listed (src/local/pipeline.ts): 0, since it
   * finishes before the first upload, so every object reaches the function through the queue.
   */
  readonly caughtUpObjects: number;
  readonly peakRssMb: number;
  readonly peakHeapMb: number;
  readonly ledger: Ledger;
}

/** Every key of a bucket with its ETag, page by page (ListObjects with markers). */
async function listAll(pipeline: LocalPipeline, bucket: string): Promise<Map<string, string>> {
  const keys = new Map<string, string>();
  let marker: string | undefined;
  for (;;) {
    const page = await pipeline.s3.send(new ListObjectsCommand({ Bucket: bucket, Marker: marker }));
    for (const object of page.Contents ?? []) keys.set(object.Key!, (object.ETag ?? '').replace(/"/g, ''));
    if (!page.IsTruncated || !page.Contents?.length) return keys;
    marker = page.NextMarker ?? page.Contents.at(-1)!.Key;
  }
}

async function readJson<T>(pipeline: LocalPipeline, key: string): Promise<T> {
  const object = await pipeline.s3.send(new GetObjectCommand({ Bucket: pipeline.config.cleanBucket, Key: key }));
  return JSON.parse(await object.Body!.transformToString('utf-8')) as T;
}

/** Reads the buckets and balances the ledger of `objects`; `cleanings` counts the final outcomes of the function per key. */
export async function balanceLedger(pipeline: LocalPipeline, objects: readonly SoakObject[], cleanings: ReadonlyMap<string, number>): Promise<Ledger> {
  const raw = await listAll(pipeline, pipeline.rawBucket);
  const clean = await listAll(pipeline, pipeline.config.cleanBucket);
  const claimed = new Set<string>();
  const missing: string[] = [];
  const both: string[] = [];
  const wrong: string[] = [];
  let documents = 0;
  let errorRecords = 0;
  const limit = pLimit(16);
  await Promise.all(
    objects.map((object) =>
      limit(async () => {
        const outputs = outputKeysFor(object.key, pipeline.config);
        claimed.add(outputs.document);
        claimed.add(outputs.error);
        const hasDocument = clean.has(outputs.document);
        const hasRecord = clean.has(outputs.error);
        if (hasDocument && hasRecord) both.push(object.key);
        if (!hasDocument && !hasRecord) return void missing.push(object.key);
        const etag = raw.get(object.key);
        if (hasDocument) {
          documents++;
          const document = await readJson<CleanDocument>(pipeline, outputs.document);
          if (document.source.key !== object.key || document.source.etag !== etag || object.expect !== 'document') wrong.push(object.key);
        } else {
          errorRecords++;
          const record = await readJson<ErrorRecord>(pipeline, outputs.error);
          if (record.source.key !== object.key || record.source.etag !== etag || record.error.code !== object.expect) wrong.push(`${object.key} (${record.error.code})`);
        }
      }),
    ),
  );
  const duplicates = [...cleanings].filter(([, count]) => count > 1).map(([key]) => key);
  const orphans = [...clean.keys()].filter((key) => !claimed.has(key));
  const ledger = {
    rawObjects: raw.size,
    documents,
    errorRecords,
    missing,
    both,
    duplicates,
    orphans,
    wrong,
    deadLetters: pipeline.deadLetters.length,
    queueLeft: pipeline.queue.size,
  };
  const balanced =
    raw.size === objects.length &&
    documents + errorRecords === objects.length &&
    [missing, both, duplicates, orphans, wrong].every((list) => list.length === 0) &&
    ledger.deadLetters === 0 &&
    ledger.queueLeft === 0;
  return { ...ledger, balanced };
}

export interface SoakOptions {
  readonly objects?: number;
  readonly concurrency?: number;
  readonly seed?: number;
  /** Share of keys whose first GetObject or PutObject by the function is throttled. */
  readonly faultRate?: number;
  /** Passed to the local pipeline (tests shorten its timings). */
  readonly pipeline?: Partial<Pick<LocalPipelineOptions, 'queue' | 'mapping'>>;
  readonly waitTimeoutMs?: number;
}

/**
 * Makes the function's first GetObject and PutObject of a share of the keys fail with 503
 * SlowDown, before the SDK's own retries (the middleware runs once per send), so the message
 * is retried through the queue. Which keys is a hash of the key: the same in every run.
 */
function injectThrottling(client: S3Client, rate: number): { readonly injected: () => number } {
  const seen = new Set<string>();
  let injected = 0;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const key = (args.input as { Key?: string }).Key;
      const operation = context.commandName;
      if (key !== undefined && (operation === 'GetObjectCommand' || operation === 'PutObjectCommand')) {
        const id = `${operation} ${key}`;
        const share = createHash('sha256').update(id).digest().readUInt32BE(0) / 2 ** 32;
        if (share < rate && !seen.has(id)) {
          seen.add(id);
          injected++;
          throw new S3ServiceException({ name: 'SlowDown', $fault: 'server', $metadata: { httpStatusCode: 503 }, message: 'Please reduce your request rate (injected by the soak).' });
        }
      }
      return next(args);
    },
    { step: 'initialize', name: 'soakInjectedThrottling' },
  );
  return { injected: () => injected };
}

export async function runSoak(options: SoakOptions = {}): Promise<SoakReport> {
  process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
  const objects = soakObjects(options.objects ?? SOAK_DEFAULTS.objects, options.seed);
  // Outcomes counted per key (results hold whole documents: keeping them would weigh on the peak memory measured).
  const cleanings = new Map<string, number>();
  let invocations = 0;
  let retriedMessages = 0;
  let peakHeap = 0;
  let injectedFaults = (): number => 0;
  const sampler = setInterval(() => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)), 100);
  const pipeline = await startLocalPipeline({
    logger: new Logger({ serviceName: 'soak', logLevel: 'SILENT' }),
    metrics: new Metrics({ serviceName: 'soak', namespace: 'soak' }),
    onResult: (result: ProcessResult) => cleanings.set(result.key, (cleanings.get(result.key) ?? 0) + 1),
    onInvocation: (report) => {
      invocations++;
      retriedMessages += report.failed.length;
    },
    prepareFunctionClient: options.faultRate ? (client) => void (injectedFaults = injectThrottling(client, options.faultRate!).injected) : undefined,
    ...options.pipeline,
  });
  try {
    // The catch-up at start reprocesses what the store holds, through the function's own client
    // but outside the queue, and retries a throttled call in process (src/backfill/run.ts). Its
    // listing, when it ran past the first uploads, took some of them (13 and 21 of 32 in two cold
    // starts) and consumed their injected faults with no message returned: the soak's figures
    // are of the queue path, so the store is caught up (empty, here) before anything is uploaded.
    const caughtUp = await pipeline.catchUp;
    const started = performance.now();
    const limit = pLimit(options.concurrency ?? SOAK_DEFAULTS.concurrency);
    await Promise.all(objects.map((object) => limit(() => pipeline.upload(object.key, object.body, { contentType: object.contentType }))));
    const uploaded = performance.now();
    await pipeline.whenIdle(options.waitTimeoutMs ?? 30 * 60_000);
    const done = performance.now();
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    const ledger = await balanceLedger(pipeline, objects, cleanings);
    return {
      objects: objects.length,
      bytes: objects.reduce((sum, o) => sum + o.body.length, 0),
      uploadSeconds: (uploaded - started) / 1000,
      totalSeconds: (done - started) / 1000,
      invocations,
      retriedMessages,
      injectedFaults: injectedFaults(),
      caughtUpObjects: caughtUp.listed,
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      peakHeapMb: Math.round(peakHeap / 1024 / 1024),
      ledger,
    };
  } finally {
    clearInterval(sampler);
    await pipeline.close();
  }
}

export function formatSoakReport(report: SoakReport): string {
  const { ledger } = report;
  const mb = report.bytes / 1024 / 1024;
  const list = (name: string, keys: readonly string[]) => (keys.length ? `  ${name}: ${keys.length} (${keys.slice(0, 5).join(', ')}${keys.length > 5 ? ', …' : ''})` : `  ${name}: 0`);
  return [
    `soak: ${report.objects} objects, ${mb.toFixed(1)} MB, through the local pipeline (s3rver → notifications → queue → clean function)`,
    `  uploaded in ${report.uploadSeconds.toFixed(1)} s (${(report.objects / report.uploadSeconds).toFixed(0)} objects/s, ${(mb / report.uploadSeconds).toFixed(1)} MB/s)`,
    `  all accounted for after ${report.totalSeconds.toFixed(1)} s: ${(report.objects / report.totalSeconds).toFixed(1)} objects/s end to end, ${(mb / report.totalSeconds).toFixed(2)} MB/s`,
    `  ${report.invocations} invocations of the function, ${report.injectedFaults} S3 calls throttled on purpose, ${report.retriedMessages} messages returned for another try`,
    `  peak memory of the process (uploader, S3 server and function): RSS ${report.peakRssMb} MB, heap ${report.peakHeapMb} MB`,
    `ledger: ${ledger.rawObjects} raw objects → ${ledger.documents} documents + ${ledger.errorRecords} error records`,
    list('missing (neither)', ledger.missing),
    list('both a document and an error record', ledger.both),
    list('cleaned more than once', ledger.duplicates),
    list('orphans in the clean bucket', ledger.orphans),
    list('wrong source or outcome', ledger.wrong),
    `  dead letters: ${ledger.deadLetters}, messages left in the queue: ${ledger.queueLeft}`,
    ledger.balanced ? 'the ledger balances: every raw key has exactly one document or one error record' : 'THE LEDGER DOES NOT BALANCE',
  ].join('\n');
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname);
if (isMain) {
  const { values } = commandLine('usage: npm run soak -- [--objects N (2000)] [--concurrency C (32)] [--seed S] [--fault-rate R (0)]', {
    options: { objects: { type: 'string' }, concurrency: { type: 'string' }, seed: { type: 'string' }, 'fault-rate': { type: 'string' } },
  });
  const faultRate = values['fault-rate'] === undefined ? 0 : Number(values['fault-rate']);
  if (!(faultRate >= 0 && faultRate <= 1)) {
    process.stderr.write(`soak: --fault-rate must be between 0 and 1, got ${values['fault-rate']}\n`);
    process.exit(2);
  }
  const positive = (name: string, value: string | undefined, fallback: number): number => {
    if (value === undefined) return fallback;
    const n = Number(value);
    if (!Number.isSafeInteger(n) || n <= 0) {
      process.stderr.write(`soak: --${name} must be a positive integer, got ${value}\n`);
      process.exit(2);
    }
    return n;
  };
  const report = await runSoak({
    objects: positive('objects', values.objects, SOAK_DEFAULTS.objects),
    concurrency: positive('concurrency', values.concurrency, SOAK_DEFAULTS.concurrency),
    seed: positive('seed', values.seed, SOAK_DEFAULTS.seed),
    faultRate,
  });
  process.stdout.write(`${formatSoakReport(report)}\n`);
  process.exitCode = report.ledger.balanced ? 0 : 1;
}
