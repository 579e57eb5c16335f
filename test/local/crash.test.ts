/**
 * The local pipeline survives a crash (issue 13 §7), as a user meets it: `npm run dev` in a
 * real child process, killed with SIGKILL in the middle of a stream of uploads, then started
 * again on the same data directory. Every upload the server acknowledged must end as a
 * document or an error record of exactly those bytes, processed before the crash or by the
 * catch-up at the restart. And killing only npm must not leave the server behind on its port.
 */
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pLimit from 'p-limit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CleanDocument, ErrorRecord } from '../../src/core/schema.js';
import { localS3Client } from '../../src/local/s3-server.js';
import { LOCAL_DEFAULTS } from '../../src/local/pipeline.js';
import { PIPELINE_DEFAULTS } from '../../src/pipeline/contract.js';
import { outputKeysFor } from '../../src/pipeline/process-object.js';
import { ARTICLE_HTML, PNG_BYTES } from '../functions/helpers.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const UPLOADS = 300;
const KILL_AFTER = 155;

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'scrape-clean-crash-'));
  mkdirSync(join(work, 'samples'));
});
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

interface Running {
  readonly child: ChildProcess;
  readonly endpoint: string;
  output(): string;
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  exited: Promise<number | null>;
}

async function startDev(command: string, args: readonly string[], options: { detached?: boolean } = {}): Promise<Running> {
  const child = spawn(command, args, {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: options.detached ?? false,
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', POWERTOOLS_METRICS_DISABLED: 'true' },
  });
  let text = '';
  const listeners = new Set<() => void>();
  const append = (chunk: Buffer) => {
    text += chunk.toString();
    for (const listener of listeners) listener();
  };
  child.stdout.on('data', append);
  child.stderr.on('data', append);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const waitFor = (pattern: RegExp, timeoutMs = 60_000) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const check = () => {
        const match = text.match(pattern);
        if (!match) return;
        listeners.delete(check);
        clearTimeout(timer);
        resolve(match);
      };
      const timer = setTimeout(() => {
        listeners.delete(check);
        reject(new Error(`timed out waiting for ${pattern}; output so far:\n${text}`));
      }, timeoutMs);
      listeners.add(check);
      check();
    });
  const [, endpoint] = await waitFor(/endpoint:\s+(http:\/\/127\.0\.0\.1:\d+)/);
  return { child, endpoint: endpoint!, output: () => text, waitFor, exited };
}

const devArgs = (data: string) => ['--watch', '--samples', join(work, 'samples'), '--out', join(work, 'copies'), '--data', data];

/** Scrapes with the keys of real crawls: spaces, `+`, Unicode, deep paths, long segments; one in twenty cannot be cleaned. */
function upload(i: number): { key: string; body: Uint8Array; document: boolean } {
  const document = i % 20 !== 7;
  const folder = ['news', 'daily news', 'c++', 'über/東京', `deep/${'level/'.repeat(20)}`, 'long'.repeat(60)][i % 6];
  const key = `${folder}/page ${i}.html`;
  const body = document ? Buffer.from(ARTICLE_HTML.replace('Council approves new park', `Council approves new park, report ${i}`)) : Buffer.from([...PNG_BYTES, i & 0xff]);
  return { key, body, document };
}

function md5(bytes: Uint8Array): string {
  return createHash('md5').update(bytes).digest('hex');
}

function portClosed(endpoint: string): Promise<boolean> {
  const url = new URL(endpoint);
  return new Promise((resolve) => {
    const socket = connect(Number(url.port), url.hostname);
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

describe('npm run dev, killed and started again', () => {
  it(`after kill -9 mid-upload (${KILL_AFTER} of ${UPLOADS} acknowledged), the restart processes every acknowledged upload`, async () => {
    const data = join(work, 'data');
    const first = await startDev(process.execPath, ['--import', 'tsx', 'bin/local-pipeline.ts', ...devArgs(data)]);
    const client = localS3Client(first.endpoint, { maxAttempts: 1 });
    const acknowledged: Array<{ key: string; etag: string; document: boolean }> = [];
    const limit = pLimit(8);
    await Promise.allSettled(
      Array.from({ length: UPLOADS }, (_, i) =>
        limit(async () => {
          if (first.child.exitCode !== null || first.child.signalCode !== null) return;
          const object = upload(i);
          await client.send(new PutObjectCommand({ Bucket: LOCAL_DEFAULTS.rawBucket, Key: object.key, Body: object.body, ContentType: 'text/html' }));
          acknowledged.push({ key: object.key, etag: md5(object.body), document: object.document });
          if (acknowledged.length === KILL_AFTER) first.child.kill('SIGKILL');
        }),
      ),
    );
    client.destroy();
    await first.exited;
    expect(first.child.signalCode).toBe('SIGKILL');
    expect(await portClosed(first.endpoint)).toBe(true);
    expect(acknowledged.length).toBeGreaterThanOrEqual(KILL_AFTER);

    const second = await startDev(process.execPath, ['--import', 'tsx', 'bin/local-pipeline.ts', ...devArgs(data)]);
    const [, listed, documents, records, done] = await second.waitFor(/Caught up with (\d+) raw object\(s\) already stored: (\d+) document\(s\) and (\d+) error record\(s\) written, (\d+) already done/, 120_000);
    const reader = localS3Client(second.endpoint);
    const lost: string[] = [];
    for (const object of acknowledged) {
      const outputs = outputKeysFor(object.key, PIPELINE_DEFAULTS);
      try {
        const stored = await reader.send(new GetObjectCommand({ Bucket: LOCAL_DEFAULTS.cleanBucket, Key: object.document ? outputs.document : outputs.error }));
        const output = JSON.parse(await stored.Body!.transformToString()) as CleanDocument | ErrorRecord;
        if (output.source.etag !== object.etag || output.source.key !== object.key) lost.push(object.key);
      } catch {
        lost.push(object.key);
      }
    }
    reader.destroy();
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
     
    console.log(
      `crash-restart: ${UPLOADS} uploads, ${acknowledged.length} acknowledged before kill -9; after the restart ${listed} raw objects found, ` +
        `${Number(documents) + Number(records)} processed by the catch-up (${documents} documents, ${records} error records), ${done} already done; acknowledged without an output: ${lost.length}`,
    );
    expect(Number(listed)).toBeGreaterThanOrEqual(acknowledged.length);
    expect(lost).toEqual([]);
  }, 300_000);

  it('kill -9 of npm alone stops the server: no orphan keeps the port', async () => {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const running = await startDev(npm, ['run', '--silent', 'dev', '--', ...devArgs(join(work, 'orphan-data'))], { detached: true });
    try {
      expect(await portClosed(running.endpoint)).toBe(false);
      process.kill(running.child.pid!, 'SIGKILL');
      const deadline = Date.now() + 20_000;
      while (!(await portClosed(running.endpoint)) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
      expect(await portClosed(running.endpoint)).toBe(true);
    } finally {
      // Whatever is left of the process group this test started.
      try {
        process.kill(-running.child.pid!, 'SIGKILL');
      } catch {
        // Gone already.
      }
    }
  }, 120_000);
});
