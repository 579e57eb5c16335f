/**
 * The clean function's bundle as the stack ships it (functions/clean.ts bundled with
 * FUNCTION_BUNDLING, its SDK modules replaced by functions/stubs/), run in a fresh node process
 * against the local S3 server: the client it builds signs with the environment's credentials and
 * reads, checks and writes objects; without credentials it fails with an error that names them.
 * The unbundled handler is tested in test/functions; this is what the stubs could break.
 */
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../bench/children.js';
import { lambdaBuildOptions } from '../../lib/function-bundle.js';
import { localS3Client, startLocalS3, type LocalS3Server } from '../../src/local/s3-server.js';
import { LOCAL_S3 } from '../../src/pipeline/contract.js';
import { gunzipSync } from 'node:zlib';
import { ARTICLE_HTML, CLEAN, RAW, sqsEvent } from '../functions/helpers.js';
import { article } from '../core/helpers.js';
import { htmlResponse, warcRecord } from '../core/warc/build.js';

/**
 * Invokes the bundle's handler once with the event given as argv[2]; prints its response, or the
 * error it threw with the errors of the records (a batch whose every record failed throws).
 */
const INVOKE = `
const [bundle, event] = process.argv.slice(1);
const { handler } = await import(bundle);
const context = { awsRequestId: 'bundle-test', functionName: 'scrape-clean-clean', getRemainingTimeInMillis: () => 60000 };
let outcome;
try {
  outcome = { response: await handler(JSON.parse(event), context) };
} catch (error) {
  outcome = { thrown: error.name, recordErrors: (error.recordErrors ?? []).map((e) => ({ name: e.name, message: e.message })) };
}
process.stdout.write('\\nOUTCOME ' + JSON.stringify(outcome) + '\\n');
`;

interface Outcome {
  readonly response?: unknown;
  readonly thrown?: string;
  readonly recordErrors?: ReadonlyArray<{ name: string; message: string }>;
}

let dir: string;
let bundlePath: string;
let server: LocalS3Server;
let s3: S3Client;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'scrape-clean-bundle-'));
  bundlePath = join(dir, 'index.mjs');
  await build(lambdaBuildOptions(bundlePath, { entryPoints: [join(PROJECT_ROOT, 'functions/clean.ts')], logLevel: 'error' }));
  server = await startLocalS3({ directory: join(dir, 's3') });
  s3 = localS3Client(server.endpoint);
  for (const bucket of [RAW, CLEAN]) await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  await s3.send(new PutObjectCommand({ Bucket: RAW, Key: 'news/park.html', Body: ARTICLE_HTML, ContentType: 'text/html' }));
});

afterAll(async () => {
  s3?.destroy();
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Runs the bundle in a fresh process with only the environment given (no profile, no config file). */
function invoke(event: unknown, env: Record<string, string>): Promise<{ outcome: Outcome; output: string }> {
  const home = join(dir, 'home');
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--input-type=module', '-e', INVOKE, pathToFileURL(bundlePath).href, JSON.stringify(event)],
      {
        env: {
          PATH: process.env.PATH ?? '',
          HOME: home,
          AWS_CONFIG_FILE: join(home, 'config'),
          AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
          AWS_REGION: LOCAL_S3.region,
          AWS_ENDPOINT_URL_S3: server.endpoint,
          CLEAN_BUCKET: CLEAN,
          POWERTOOLS_METRICS_DISABLED: 'true',
          ...env,
        },
        timeout: 60_000,
      },
      (error, stdout, stderr) => {
        if (error) {
          reject(new Error(`the bundle failed: ${error.message}\n${stdout}\n${stderr}`));
          return;
        }
        const line = stdout.split('\n').find((l) => l.startsWith('OUTCOME '));
        if (!line) {
          reject(new Error(`no outcome:\n${stdout}\n${stderr}`));
          return;
        }
        resolve({ outcome: JSON.parse(line.slice('OUTCOME '.length)) as Outcome, output: stdout + stderr });
      },
    );
  });
}

describe('the shipped bundle', () => {
  it('cleans an object with the environment credentials the Lambda runtime sets', async () => {
    const event = sqsEvent({ bucket: RAW, key: 'news/park.html', size: Buffer.byteLength(ARTICLE_HTML) });
    const { outcome } = await invoke(event, { AWS_ACCESS_KEY_ID: LOCAL_S3.credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: LOCAL_S3.credentials.secretAccessKey, AWS_SESSION_TOKEN: 'session' });
    expect(outcome).toEqual({ response: { batchItemFailures: [] } });
    const written = await s3.send(new GetObjectCommand({ Bucket: CLEAN, Key: 'documents/news/park.json' }));
    const document = JSON.parse(await written.Body!.transformToString()) as { title: string; source: { key: string } };
    expect(document.source.key).toBe('news/park.html');
    expect(document.title).toBe('Council approves new park');
  });

  it('without credentials in the environment, returns the messages to the queue and says which variables are missing', async () => {
    const event = sqsEvent({ bucket: RAW, key: 'news/park.html', size: Buffer.byteLength(ARTICLE_HTML) });
    const { outcome, output } = await invoke(event, { POWERTOOLS_LOG_LEVEL: 'WARN' });
    // Every record failed: Powertools throws, and Lambda returns the whole batch to the queue.
    expect(outcome.thrown).toBe('FullBatchFailureError');
    expect(outcome.recordErrors).toEqual([{ name: 'MissingCredentialsError', message: expect.stringMatching(/^no AWS credentials in the environment: the clean function reads AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY/) as unknown }]);
    // And the log line of the failure names it.
    expect(output).toMatch(/"message":"transient failure: the message returns to the queue".*"code":"MissingCredentialsError"/);
  });

  it('cleans a WARC gzipped per record, a damaged member included, with node:zlib (pako is a stub in the bundle)', async () => {
    const records = await Promise.all(['one', 'two', 'three'].map((n) => warcRecord(htmlResponse(`https://site.example/${n}`, article([`The ${n} page of the crawl, long enough to be the body of a page about the harbour.`])), true)));
    const damaged = Buffer.from(records[1]!);
    damaged.fill(0x55, 30, 50);
    const file = Buffer.concat([records[0]!, damaged, records[2]!]);
    await s3.send(new PutObjectCommand({ Bucket: RAW, Key: 'crawls/day.warc.gz', Body: file }));
    const event = sqsEvent({ bucket: RAW, key: 'crawls/day.warc.gz', size: file.length });
    const { outcome } = await invoke(event, { AWS_ACCESS_KEY_ID: LOCAL_S3.credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: LOCAL_S3.credentials.secretAccessKey });
    expect(outcome).toEqual({ response: { batchItemFailures: [] } });
    const written = await s3.send(new GetObjectCommand({ Bucket: CLEAN, Key: 'documents/crawls/day.jsonl.gz' }));
    const lines = gunzipSync(await written.Body!.transformToByteArray())
      .toString('utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { url?: string; error?: { code: string } });
    expect(lines.map((line) => line.url ?? line.error?.code)).toEqual(['https://site.example/one', 'CORRUPT_GZIP', 'https://site.example/three']);
  });

  it("carries neither the default credential chain, event streams nor the SDK's JavaScript hashes", async () => {
    const bundle = await readFile(bundlePath, 'utf8');
    // Strings of the left-out modules (each in the bundle without the stubs): STS's and SSO's endpoints, the chain's
    // own log line, the container provider's variable, the event-stream codec's header name.
    const leftOut = ['sts.amazonaws.com', 'portal.sso', 'defaultProvider::fromIni', 'AWS_CONTAINER_CREDENTIALS', ':event-type'].filter((s) => bundle.includes(s));
    expect(leftOut).toEqual([]);
    // Nor the SDK's hashes written in JavaScript (lib/function-bundle.ts SDK_NATIVE_HASHES): the first round
    // constants of SHA-256 and SHA-1, and the first word of MD5's and SHA-1's state, as esbuild writes them.
    expect(['1116352408', '1518500249', '1732584193'].filter((s) => bundle.includes(s))).toEqual([]);
    // The stubs are there instead.
    expect(bundle).toContain("is left out of the clean function's bundle");
  });

  it("carries the S3 client's version for its User-Agent header, not the rest of its package.json (SDK_CLIENT_VERSION)", async () => {
    const bundle = await readFile(bundlePath, 'utf8');
    const manifest = JSON.parse(await readFile(join(PROJECT_ROOT, 'node_modules/@aws-sdk/client-s3/package.json'), 'utf8')) as { version: string; description: string };
    expect(bundle).toContain(`{version:${JSON.stringify(manifest.version)}}`);
    expect(bundle).not.toContain(manifest.description);
  });

  it("carries the S3 schemas of the operations the function sends, not the rest of S3's (lib/literal-keys.ts)", async () => {
    const bundle = await readFile(bundlePath, 'utf8');
    // The HTTP bindings of operation schemas: GetObject's and PutObject's stay (the tests above send them, and
    // HeadObject, through this bundle), ListObjectsV2's, CopyObject's, DeleteObject's, SelectObjectContent's,
    // ListBuckets' and an analytics configuration's are left out.
    const operations = ['/{Key+}?x-id=GetObject', '/{Key+}?x-id=PutObject', '/?list-type=2', '/{Key+}?x-id=CopyObject', '/{Key+}?x-id=DeleteObject', '/{Key+}?select&select-type=2', '/?x-id=ListBuckets', '/?analytics'];
    expect(operations.filter((path) => bundle.includes(`"${path}"`))).toEqual(['/{Key+}?x-id=GetObject', '/{Key+}?x-id=PutObject']);
  });
});
