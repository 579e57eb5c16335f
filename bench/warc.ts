/**
 * A synthetic Common Crawl-sized WARC through the local pipeline, in bounded memory.
 *
 *   npm run bench:warc -- --corpus ../shared/corpus [--size 1GB] [--dir /tmp/scrape-clean-warc] [--keep]
 *
 * 1. Writes a WARC gzipped per record (as Common Crawl's are) of `--size` bytes as stored, from
 *    the corpus pages (every .html / .html.gz under --corpus, in name order, cycled): per capture
 *    a request, a response and a metadata record; the response as it came (a third plain, a third
 *    gzip-encoded, a third chunked); every 20th capture an image response too, every 15th a
 *    revisit. It goes to --dir, outside the repository, never into it.
 * 2. Starts the local pipeline (embedded S3 server, queue, the clean function's handler) with the
 *    function's timeout (120 s) as what the context reports, uploads the WARC as a stream, and
 *    waits for its manifest: the file is cleaned in ranges, one invocation each.
 * 3. Compares every document of the output with the page cleaned on its own (`clean()` of the
 *    same bytes, name, content type and URL), by SHA-256 of the document without its timestamp (`processedAt`) and without
 *    what the WARC adds (`source.warc`, the S3 fields of `source`, `source.name`, `url` when it
 *    is the target URI).
 *
 * Prints: records read, documents, error lines, skipped by kind; time, records/s, peak RSS of the
 * process (S3 server, queue and function together, sampled every 250 ms, and the OS's maximum)
 * against the function's 1769 MB; invocations; the comparison.
 */
import { PutObjectCommand, GetObjectCommand } from '@aws-sdk/client-s3';
import { Logger } from '@aws-lambda-powertools/logger';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { gunzipSync, gzipSync, createGunzip } from 'node:zlib';
import { WARCRecord, WARCSerializer } from 'warcio';
import { clean } from '../src/core/clean.js';
import type { CleanDocument } from '../src/core/schema.js';
import { startLocalPipeline } from '../src/local/pipeline.js';
import type { WarcManifest, WarcResult } from '../src/pipeline/warc-object.js';
import { DEFAULT_SETTINGS, VISIBILITY_TIMEOUT_FACTOR } from '../lib/settings.js';
import { commandLine, usageError } from '../scripts/command-line.js';

const USAGE = 'usage: npm run bench:warc -- --corpus ../shared/corpus [--size 1GB] [--dir /tmp/scrape-clean-warc] [--keep]';

const { values } = commandLine(USAGE, {
  options: {
    corpus: { type: 'string' },
    size: { type: 'string', default: '1GB' },
    dir: { type: 'string', default: '/tmp/scrape-clean-warc' },
    keep: { type: 'boolean', default: false },
  },
});
if (!values.corpus) usageError(USAGE, 'bench:warc: --corpus <path to shared/corpus> is needed');

function bytesOf(text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(KB|MB|GB)?$/i.exec(text.trim());
  if (!match) throw new Error(`--size: expected e.g. 1GB, 300MB (got ${text})`);
  const units: Partial<Record<string, number>> = { KB: 1e3, MB: 1e6, GB: 1e9 };
  const unit = units[(match[2] ?? '').toUpperCase()] ?? 1;
  return Math.round(Number(match[1]) * unit);
}

/** Every page file under the corpus, sorted. */
function pageFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.html?(\.gz)?$/i.test(entry.name)) out.push(path);
    }
  };
  walk(root);
  return out;
}

const targetBytes = bytesOf(values.size);
const files = pageFiles(values.corpus);
if (files.length === 0) throw new Error(`no .html or .html.gz files under ${values.corpus}`);
const pages = files.map((path) => {
  const raw = readFileSync(path);
  return { id: relative(values.corpus!, path).replace(/\.gz$/, ''), html: raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw) : raw };
});

rmSync(values.dir, { recursive: true, force: true });
mkdirSync(values.dir, { recursive: true });
const warcPath = join(values.dir, 'synthetic.warc.gz');
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

// 1. The WARC.
const encoder = new TextEncoder();
function chunkedBody(bytes: Uint8Array): Uint8Array {
  const parts: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += 8192) {
    const piece = bytes.subarray(at, at + 8192);
    parts.push(encoder.encode(`${piece.length.toString(16)}\r\n`), piece, encoder.encode('\r\n'));
  }
  parts.push(encoder.encode('0\r\n\r\n'));
  return Buffer.concat(parts);
}
async function serialized(options: Parameters<typeof WARCRecord.create>[0], payload: Uint8Array | string = ''): Promise<Buffer> {
  const bytes = typeof payload === 'string' ? encoder.encode(payload) : payload;
  const record = WARCRecord.create(
    { warcVersion: 'WARC/1.0', ...options },
    (async function* () {
      if (bytes.length > 0) yield bytes;
    })(),
  );
  return gzipSync(await WARCSerializer.serialize(record, { gzip: false }));
}
const image = Buffer.alloc(2048, 7);
image.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const generated = performance.now();
const out = createWriteStream(warcPath);
let written = 0;
const write = async (bytes: Buffer): Promise<void> => {
  written += bytes.length;
  if (!out.write(bytes)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
};
/** Target URI → page index, for the comparison. */
const pageOfUrl = (url: string): number => Number(/\/p(\d+)\//.exec(url)![1]);
await write(await serialized({ type: 'warcinfo', filename: 'synthetic.warc.gz', date: '2024-03-14T09:00:00Z' }, 'software: scrape-clean bench/warc.ts\r\nformat: WARC File Format 1.0\r\n'));
let captures = 0;
while (written < targetBytes) {
  const index = captures % pages.length;
  const page = pages[index]!;
  // A page is captured again at the same URL on each cycle through the corpus, as a crawl revisits it.
  const url = `https://site-${index % 97}.example/p${index}/${encodeURIComponent(page.id)}`;
  const date = new Date(Date.UTC(2024, 2, 14, 9, 0, captures)).toISOString().replace('.000Z', 'Z');
  const mode = captures % 3;
  const payload = mode === 1 ? gzipSync(page.html) : mode === 2 ? chunkedBody(page.html) : page.html;
  const headers: Record<string, string> = { 'Content-Type': 'text/html', ...(mode === 1 ? { 'Content-Encoding': 'gzip' } : {}), ...(mode === 2 ? { 'Transfer-Encoding': 'chunked' } : {}) };
  await write(await serialized({ type: 'request', url, date, statusline: `GET /p${index} HTTP/1.1`, httpHeaders: { Host: `site-${index % 97}.example`, 'User-Agent': 'bench' } }));
  await write(await serialized({ type: 'response', url, date, statusline: 'HTTP/1.1 200 OK', httpHeaders: headers }, payload));
  await write(await serialized({ type: 'metadata', url, date, warcHeaders: { 'Content-Type': 'application/warc-fields' } }, `fetchTimeMs: ${captures % 500}\r\n`));
  if (captures % 20 === 19) await write(await serialized({ type: 'response', url: `${url}&logo.png`, date, statusline: 'HTTP/1.1 200 OK', httpHeaders: { 'Content-Type': 'image/png' } }, image));
  if (captures % 15 === 14) await write(await serialized({ type: 'revisit', url, date, warcHeaders: { 'WARC-Refers-To-Target-URI': url } }));
  captures++;
}
await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
const warcBytes = statSync(warcPath).size;
process.stdout.write(`generated ${warcPath}: ${mb(warcBytes)} (${warcBytes} bytes), ${captures} captures of ${pages.length} corpus pages, ${((performance.now() - generated) / 1000).toFixed(0)} s\n`);

// 2. The local pipeline, with the function's timeout as its context's.
const timeoutMs = DEFAULT_SETTINGS.timeoutSeconds * 1000;
const ranges: WarcResult[] = [];
let invocations = 0;
const pipeline = await startLocalPipeline({
  directory: join(values.dir, 's3'),
  logger: new Logger({ serviceName: 'bench-warc', logLevel: 'WARN' }),
  // SQS's visibility timeout as the stack sets it (6 × the function timeout): a long range is not delivered twice.
  queue: { visibilityTimeoutMs: VISIBILITY_TIMEOUT_FACTOR * timeoutMs },
  mapping: { timeoutMs },
  onWarcResult: (result) => ranges.push(result),
  onInvocation: () => invocations++,
});
process.env.POWERTOOLS_METRICS_DISABLED = 'true';
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 250);
const started = performance.now();
try {
  await pipeline.s3.send(new PutObjectCommand({ Bucket: pipeline.rawBucket, Key: 'crawl/synthetic.warc.gz', Body: createReadStream(warcPath), ContentLength: warcBytes }));
  await pipeline.whenIdle(6 * 60 * 60 * 1000);
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  const manifest = JSON.parse(
    await (await pipeline.s3.send(new GetObjectCommand({ Bucket: pipeline.config.cleanBucket, Key: 'documents/crawl/synthetic.manifest.json' }))).Body!.transformToString('utf-8'),
  ) as WarcManifest;
  const c = manifest.counts;
  const skipped = Object.entries(c.skipped).filter(([, n]) => n > 0).map(([kind, n]) => `${kind} ${n}`).join(', ');
  process.stdout.write(`records read ${c.records}: documents ${c.documents}, error lines ${c.errors}${c.errors ? ` (${JSON.stringify(c.errorsByCode)})` : ''}, skipped ${Object.values(c.skipped).reduce((a, b) => a + b, 0)} (${skipped})\n`);
  process.stdout.write(
    `pipeline: ${seconds.toFixed(0)} s, ${(c.records / seconds).toFixed(1)} records/s, ${(c.documents / seconds).toFixed(1)} documents/s; ` +
      `invocations ${invocations} (ranges written ${ranges.filter((r) => r.outcome === 'range-written').length}: ${manifest.ranges.map((r) => r.records).join(' + ')} records)\n`,
  );
  process.stdout.write(`peak RSS while the pipeline ran ${mb(peakRss)} (OS maximum for the whole run ${mb(process.resourceUsage().maxRSS * 1024)}) against the function's ${DEFAULT_SETTINGS.memoryMb} MB\n`);

  // 3. The same documents as cleaning the pages one by one.
  const hashOf = (document: CleanDocument, targetUri: string | null): string => {
    const { processedAt: _t, source, url, ...rest } = document;
    const { warc: _w, name: _n, bucket: _b, key: _k, versionId: _v, etag: _e, ...kept } = source;
    return createHash('sha256').update(JSON.stringify({ ...rest, url: url === targetUri ? null : url, source: kept })).digest('hex');
  };
  // By page, then by capture date: a page's dates after its capture (WARC-Date) are left out of its document (capturedAt).
  const alone = new Map<number, Map<string | null, string>>();
  const object = await pipeline.s3.send(new GetObjectCommand({ Bucket: pipeline.config.cleanBucket, Key: manifest.output }));
  const lines = createInterface({ input: (object.Body as Readable).pipe(createGunzip()), crlfDelay: Infinity });
  let compared = 0;
  let same = 0;
  const mismatches: string[] = [];
  for await (const line of lines) {
    const value = JSON.parse(line) as CleanDocument & { error?: unknown };
    if (value.error) continue;
    const targetUri = value.source.warc!.targetUri!;
    const index = pageOfUrl(targetUri);
    const capturedAt = value.source.warc!.capturedAt;
    let captures = alone.get(index);
    if (!captures) alone.set(index, (captures = new Map<string | null, string>()));
    let expected = captures.get(capturedAt);
    if (expected === undefined) {
      expected = hashOf(clean({ bytes: pages[index]!.html, name: targetUri, contentType: 'text/html', url: targetUri, capturedAt }), targetUri);
      captures.set(capturedAt, expected);
    }
    compared++;
    if (hashOf(value, targetUri) === expected) same++;
    else if (mismatches.length < 10) mismatches.push(targetUri);
  }
  process.stdout.write(`same documents as cleaning the pages one by one: ${same} of ${compared} (${alone.size} distinct pages; documents in the manifest ${c.documents}); mismatches ${compared - same}${mismatches.length ? `: ${mismatches.join(' ')}` : ''}\n`);
} finally {
  clearInterval(sampler);
  await pipeline.close();
  if (!values.keep) rmSync(values.dir, { recursive: true, force: true });
}
