/**
 * Security of the paths outside the stack (issue 6): no object key from an event can escape the
 * output prefix — in the clean bucket, in the local pipeline's S3 server and copies, in the
 * CLI's --out — and cleaning a page never fetches anything the page names.
 */
import { CreateBucketCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { build } from 'esbuild';
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import dns from 'node:dns';
import http from 'node:http';
import http2 from 'node:http2';
import https from 'node:https';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join, posix, relative, resolve, sep, win32 } from 'node:path';
import tls from 'node:tls';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { clean } from '../../src/core/index.js';
import { startLocalPipeline, type LocalPipeline } from '../../src/local/pipeline.js';
import { localS3Client, startLocalS3 } from '../../src/local/s3-server.js';
import { PIPELINE_DEFAULTS } from '../../src/pipeline/contract.js';
import { HASHED_KEYS_FOLDER, MAX_S3_KEY_BYTES, outputKeysFor } from '../../src/pipeline/process-object.js';
import { run as runCli } from '../cli/io.js';
import { article, FaultLab } from './lab.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

beforeAll(() => {
  vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'true');
});
afterAll(() => {
  vi.unstubAllEnvs();
});
const PREFIXES = { outputPrefix: PIPELINE_DEFAULTS.outputPrefix, errorPrefix: PIPELINE_DEFAULTS.errorPrefix };

/** Keys an event can carry (S3 takes every one of them as it is). */
const HOSTILE_KEYS = [
  '../escape.html',
  '../../../etc/passwd.html',
  'news/../../escape.html',
  'a/./b.html',
  '/absolute.html',
  '//double/slash.html',
  'a//b.html',
  '.',
  '..',
  '...',
  '..../x.html',
  '..\\..\\windows.html',
  'dir\\..\\..\\x.html',
  'new\nline.html',
  'nul\u0000byte.html',
  'del\u007f.html',
  'tab\tand\u0001control.html',
  '\u202eright-to-left.html',
  'ünïcödé/東京/😀.html',
  'a'.repeat(1020) + '.html',
  `${'deep/'.repeat(200)}page.html`,
  '東'.repeat(340) + '.html',
];

/** Where a key lands when read as a path (POSIX and Windows separators), relative to its prefix. */
function staysUnder(prefix: string, key: string): boolean {
  for (const path of [posix, win32]) {
    const base = path.resolve('/root', prefix);
    const target = path.resolve('/root', key.replace(/\\/g, path === posix ? '\\' : '/'));
    const normalizedWithBackslashes = path.resolve('/root', key.replace(/\\/g, '/'));
    for (const candidate of [target, normalizedWithBackslashes]) {
      if (!candidate.startsWith(base.endsWith(path.sep) ? base : base + path.sep)) return false;
    }
  }
  return true;
}

function checkOutputKeys(key: string): void {
  const outputs = outputKeysFor(key, PREFIXES);
  for (const [prefix, output] of [[PREFIXES.outputPrefix, outputs.document], [PREFIXES.errorPrefix, outputs.error], [PREFIXES.outputPrefix, outputs.markdown], [PREFIXES.outputPrefix, outputs.text]] as const) {
    expect(output.startsWith(prefix), output).toBe(true);
    expect(staysUnder(prefix, output), output).toBe(true);
    expect(output.slice(prefix.length).split(/[\\/]/).every((segment) => segment !== '' && segment !== '.' && segment !== '..'), output).toBe(true);
    expect(output, JSON.stringify(output)).not.toMatch(/[\u0000-\u001f\u007f]/);
    expect(Buffer.byteLength(output)).toBeLessThanOrEqual(MAX_S3_KEY_BYTES);
  }
}

describe('output keys in the clean bucket', () => {
  it.each(HOSTILE_KEYS.map((key) => [JSON.stringify(key).slice(0, 60), key]))('%s stays under its prefix, as a key and as a path, within S3\'s 1,024 bytes', (_label, key) => {
    checkOutputKeys(key);
  });

  it('ordinary keys keep their readable names; hostile ones get a name by a hash of the key, one per key', () => {
    expect(outputKeysFor('news/2024/ferry.html', PREFIXES)).toEqual({
      document: 'documents/news/2024/ferry.json',
      error: 'errors/news/2024/ferry.error.json',
      markdown: 'documents/news/2024/ferry.md',
      text: 'documents/news/2024/ferry.txt',
    });
    expect(outputKeysFor('ünïcödé/東京/😀.html', PREFIXES).document).toBe('documents/ünïcödé/東京/😀.json');
    expect(outputKeysFor('../escape.html', PREFIXES).document).toMatch(new RegExp(`^documents/${HASHED_KEYS_FOLDER}[0-9a-f]{64}\\.json$`));
    const documents = HOSTILE_KEYS.map((key) => outputKeysFor(key, PREFIXES).document);
    expect(new Set(documents).size).toBe(HOSTILE_KEYS.length);
  });

  it('holds for any key (property: dots, slashes, backslashes, controls, any Unicode, up to 1,100 bytes)', () => {
    const piece = fc.oneof(
      fc.constantFrom('..', '.', '/', '\\', '../', '..\\', '//', 'a', 'page.html', '\u0000', '\n', '\u007f', '東', '😀', ' '),
      fc.string({ unit: 'binary', maxLength: 8 }),
    );
    const key = fc.array(piece, { maxLength: 200 }).map((parts) => parts.join('')).filter((k) => k.length > 0 && Buffer.byteLength(k) <= 1100);
    fc.assert(fc.property(key, (k) => { checkOutputKeys(k); }), { seed: 6, numRuns: 500 });
    fc.assert(fc.property(key, key, (a, b) => a === b || outputKeysFor(a, PREFIXES).document !== outputKeysFor(b, PREFIXES).document), { seed: 7, numRuns: 500 });
  });

  it('the clean function writes the outputs of hostile keys under those names, and the documents record the key itself', async () => {
    const keys = HOSTILE_KEYS.filter((key) => Buffer.byteLength(key) <= MAX_S3_KEY_BYTES);
    const lab = new FaultLab();
    lab.send(keys.map((key) => ({ key, body: article('hostile') })));
    await lab.drain();
    expect(lab.queue.deadLetters).toEqual([]);
    for (const key of keys) {
      const outcome = lab.outcome(key);
      expect(outcome.kind, JSON.stringify(key)).toBe('document');
      const document = JSON.parse(lab.clean.get(outputKeysFor(key, lab.config).document)!.body) as { source: { key: string } };
      expect(document.source.key).toBe(key);
    }
    for (const written of lab.clean.keys()) {
      const prefix = written.startsWith(PREFIXES.outputPrefix) ? PREFIXES.outputPrefix : PREFIXES.errorPrefix;
      expect(staysUnder(prefix, written), written).toBe(true);
    }
  });
});

/** Every file under `directory`, relative, with / separators. */
function filesUnder(directory: string): string[] {
  return readdirSync(directory, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(directory, join(entry.parentPath, entry.name)).split(sep).join('/'));
}

describe('the local pipeline writes files only inside its directories', () => {
  let root: string;
  let pipeline: LocalPipeline;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'scrape-clean-security-'));
    mkdirSync(join(root, 's3'));
    pipeline = await startLocalPipeline({ directory: join(root, 's3'), queue: { visibilityTimeoutMs: 50, maxReceiveCount: 2 }, mapping: { batchWindowMs: 5 } });
  });

  afterAll(async () => {
    await pipeline?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('the S3 server takes the keys S3 takes (dot segments, empty segments, a leading slash, NUL) and stores them inside its directory', async () => {
    const keys = ['../escape.html', '../../../escape.html', 'a/../../escape.html', 'a/./b.html', '..', '.', '/absolute.html', 'a//b.html', 'nul\u0000.html'];
    for (const key of keys) await pipeline.upload(key, article(`stored as ${JSON.stringify(key)}`), { contentType: 'text/html' });
    const states = await pipeline.waitForOutputs(keys);
    expect(states.map((s) => [s.key, s.kind])).toEqual(keys.map((key) => [key, 'document']));
    for (const state of states) if (state.kind === 'document') expect(state.document.source.key).toBe(state.key);
    // A raw HTTP client is not held back by an SDK: percent-encoded dot segments name a key like any other.
    for (const path of ['/scrape-raw/%2e%2e/%2E%2E/escape.html', '/scrape-raw/..%2Fescape.html', '/scrape-raw/a/%2e/b.html']) {
      const status = await new Promise<number>((done, fail) => {
        const url = new URL(pipeline.endpoint);
        const request = http.request({ host: url.hostname, port: url.port, method: 'PUT', path, headers: { 'content-length': '1' } }, (response) => {
          response.resume();
          done(response.statusCode ?? 0);
        });
        request.on('error', fail);
        request.end('x');
      });
      expect(status, path).toBe(200);
    }
    expect(filesUnder(root).every((file) => file.startsWith('s3/'))).toBe(true);
  });

  it('keys it can store but that no output may be named after (controls, over 1,024 bytes of output) are cleaned under hashed names', async () => {
    const keys = ['control\u0001char.html', 'tab\tname.html', `${'segment/'.repeat(126)}long-page.html`, 'ünïcödé/東京.html'];
    for (const key of keys) await pipeline.upload(key, article('stored'), { contentType: 'text/html' });
    const states = await pipeline.waitForOutputs(keys);
    expect(states.map((s) => s.kind)).toEqual(['document', 'document', 'document', 'document']);
    for (const state of states) if (state.kind === 'document') expect(state.document.source.key).toBe(state.key);
    expect(states.slice(0, 3).every((s) => s.kind === 'document' && s.outputKey.includes(HASHED_KEYS_FOLDER))).toBe(true);
    expect(filesUnder(root).every((file) => file.startsWith('s3/'))).toBe(true);
    for (const file of filesUnder(join(root, 's3'))) expect(resolve(root, 's3', file).startsWith(resolve(root, 's3') + sep)).toBe(true);
  });
});

describe('the CLI writes only under --out', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'scrape-clean-cli-security-'));
  });
  afterAll(() => { rmSync(root, { recursive: true, force: true }); });

  it.each(['../../escape.html', '../escape.html', 'a/../../escape.html', '/etc/escape.html', '..\\..\\escape.html'])('refuses --name %s for standard input with --out (exit 2)', async (name) => {
    const base = mkdtempSync(join(root, 'name-'));
    const result = await runCli(['clean', '-', '--name', name, '--out', join(base, 'nested', 'out')], { stdin: article('cli') });
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/would write outside --out/);
    expect(filesUnder(base)).toEqual([]);
  });

  it('a directory whose file names hold controls, Unicode and dots cleans into --out and nowhere else', async () => {
    const base = mkdtempSync(join(root, 'dir-'));
    const input = join(base, 'in');
    mkdirSync(join(input, 'sub'), { recursive: true });
    const names = ['control\u0001.html', '...html', '..dots.html', 'ünï 東京.html', 'sub/..x.html', 'back\\slash.html'];
    for (const name of names) writeFileSync(join(input, name), article(name));
    const result = await runCli(['clean', input, '--out', join(base, 'out'), '--quiet']);
    expect(result.code).toBe(0);
    const outputs = filesUnder(base).filter((file) => !file.startsWith('in/'));
    // Hidden files (a name starting with a dot) are skipped by design; every other input has its document.
    expect(outputs).toHaveLength(names.filter((name) => !posix.basename(name).startsWith('.')).length);
    expect(outputs.every((file) => file.startsWith('out/'))).toBe(true);
  });
});

const PAGE_FULL_OF_URLS = `<!doctype html><html><head>
<meta http-equiv="refresh" content="0; url=https://fetch.example/refresh">
<link rel="stylesheet" href="https://fetch.example/style.css"><link rel="canonical" href="https://fetch.example/canonical">
<link rel="preload" href="https://fetch.example/font.woff2"><link rel="import" href="https://fetch.example/import.html">
<base href="https://fetch.example/base/">
<script src="https://fetch.example/script.js"></script>
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Ferry","image":"https://fetch.example/ld.jpg","url":"https://fetch.example/ld"}</script>
<meta property="og:image" content="https://fetch.example/og.jpg">
<style>@import url("https://fetch.example/import.css"); body { background: url(https://fetch.example/bg.png) }</style>
</head><body>
<article><h1>Ferry resumes</h1>
<p>The harbour ferry resumed service on Monday after a week of repairs to its engine, officials said. See https://fetch.example/text-url and http://192.0.2.1/.</p>
<img src="https://fetch.example/img.jpg" srcset="https://fetch.example/img-2x.jpg 2x"><picture><source srcset="https://fetch.example/pic.webp"></picture>
<iframe src="https://fetch.example/frame"></iframe><object data="https://fetch.example/object"></object><embed src="https://fetch.example/embed">
<video src="https://fetch.example/video.mp4" poster="https://fetch.example/poster.jpg"></video><audio src="https://fetch.example/audio.mp3"></audio>
<form action="https://fetch.example/form"><input type="image" src="https://fetch.example/input.png"></form>
<svg><image href="https://fetch.example/svg.png"/><use href="https://fetch.example/sprite.svg#x"/></svg>
<a href="https://fetch.example/link" ping="https://fetch.example/ping">a link</a>
</article></body></html>`;

describe('cleaning never fetches what a page names', () => {
  it('no network call from clean() on a page full of URLs (fetch, http, https, http2, net, tls, dns stubbed)', () => {
    const calls: string[] = [];
    const trap = (name: string) => (..._args: unknown[]) => {
      calls.push(name);
      throw new Error(`network access attempted: ${name}`);
    };
    const spies = [
      vi.spyOn(globalThis, 'fetch').mockImplementation(trap('fetch')),
      vi.spyOn(http, 'request').mockImplementation(trap('http.request')),
      vi.spyOn(http, 'get').mockImplementation(trap('http.get')),
      vi.spyOn(https, 'request').mockImplementation(trap('https.request')),
      vi.spyOn(https, 'get').mockImplementation(trap('https.get')),
      vi.spyOn(http2, 'connect').mockImplementation(trap('http2.connect')),
      vi.spyOn(net, 'connect').mockImplementation(trap('net.connect')),
      vi.spyOn(net, 'createConnection').mockImplementation(trap('net.createConnection')),
      vi.spyOn(tls, 'connect').mockImplementation(trap('tls.connect')),
      vi.spyOn(dns, 'lookup').mockImplementation(trap('dns.lookup')),
    ];
    try {
      for (const name of ['page.html', 'page.txt']) {
        const document = clean({ bytes: Buffer.from(PAGE_FULL_OF_URLS), name }, { explain: true });
        expect(document.segments.length).toBeGreaterThan(0);
      }
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    expect(calls).toEqual([]);
  });

  it('the core imports no module that can reach the network (its bundle, as the Lambda ships it)', async () => {
    const result = await build({
      entryPoints: [join(ROOT, 'src/core/index.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const imports = Object.values(result.metafile.inputs).flatMap((input) => input.imports.map((i) => i.path));
    const network = imports.filter((path) => /^(node:)?(http|https|http2|net|tls|dns|dgram|child_process|worker_threads|undici)(\/|$)/.test(path));
    expect(network).toEqual([]);
  });

  it('the clean function reaches the network only through its S3 client (a page full of URLs, S3 mocked)', async () => {
    const calls: string[] = [];
    const spies = [
      vi.spyOn(globalThis, 'fetch').mockImplementation((async () => calls.push('fetch')) as never),
      vi.spyOn(https, 'request').mockImplementation((() => calls.push('https.request')) as never),
      vi.spyOn(http, 'request').mockImplementation((() => calls.push('http.request')) as never),
    ];
    try {
      const lab = new FaultLab();
      lab.send([{ key: 'urls.html', body: PAGE_FULL_OF_URLS }]);
      await lab.drain();
      expect(lab.outcome('urls.html').kind).toBe('document');
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    expect(calls).toEqual([]);
  });
});

describe('the local S3 server on its own', () => {
  it('stores a traversal key inside its directory, under that key, from any client', async () => {
    const root = mkdtempSync(join(tmpdir(), 'scrape-clean-s3-only-'));
    const server = await startLocalS3({ directory: join(root, 'data') });
    const client = localS3Client(server.endpoint);
    try {
      await client.send(new CreateBucketCommand({ Bucket: 'bucket-a' }));
      await client.send(new CreateBucketCommand({ Bucket: 'bucket-b' }));
      await client.send(new PutObjectCommand({ Bucket: 'bucket-a', Key: '../bucket-b/planted.html', Body: 'x' }));
      await client.send(new PutObjectCommand({ Bucket: 'bucket-a', Key: 'folder/', Body: '' }));
      await client.send(new PutObjectCommand({ Bucket: 'bucket-a', Key: 'ok/page.html', Body: 'x' }));
      const listed = await client.send(new ListObjectsV2Command({ Bucket: 'bucket-a' }));
      expect(listed.Contents?.map((object) => object.Key)).toEqual(['../bucket-b/planted.html', 'folder/', 'ok/page.html']);
      expect((await client.send(new ListObjectsV2Command({ Bucket: 'bucket-b' }))).KeyCount).toBe(0);
      expect(filesUnder(root).every((file) => file.startsWith('data/bucket-a/') || file === 'data/.lock')).toBe(true);
    } finally {
      client.destroy();
      await server.close();
      rmSync(root, { recursive: true, force: true });
    }
  });
});
