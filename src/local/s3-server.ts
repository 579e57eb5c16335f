/**
 * The embedded S3-compatible server (s3rver, objects kept as files in a directory) on a
 * loopback port, and S3 clients for it: the real @aws-sdk/client-s3 over HTTP, path-style, with
 * s3rver's fixed credentials. Uploads in the aws-chunked encoding (what current SDKs and CLIs
 * send by default) are decoded before s3rver sees them, as S3 does.
 *
 * s3rver answers the protocol (routing, signatures, XML); what it gets wrong where the pipeline
 * depends on it is replaced: the object store (./object-store.ts: any valid key, atomic and
 * conditional writes), the listings, and the routing of keys the router cannot match. The
 * directory outlives the server (`npm run dev` picks up where a crashed run stopped), and one
 * server at a time uses it (a lock file).
 */
import { S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeAwsChunkedRequests } from './aws-chunked.js';
import { LOCAL_S3 } from '../pipeline/contract.js';
import { LOCAL_OWNER, LocalObjectStore, S3Error, withObjectRequest, type ObjectRequest } from './object-store.js';
import { makeDirectory } from '../cli/make-directory.js';

interface RequestContext {
  req: { url?: string; method?: string; headers: Record<string, string | string[] | undefined> };
  path: string;
  method: string;
  query: Record<string, string | string[] | undefined>;
  status: number;
  type: string;
  body: unknown;
  get(header: string): string;
  set(header: string, value: string): void;
}

type Next = () => Promise<unknown>;

/** The bucket and the raw (still percent-encoded) key of a path-style request; key null for a bucket-level one. */
function splitPath(path: string): { bucket: string; rawKey: string | null } {
  const slash = path.indexOf('/', 1);
  if (slash === -1) return { bucket: path.slice(1), rawKey: null };
  const rawKey = path.slice(slash + 1);
  return { bucket: path.slice(1, slash), rawKey: rawKey === '' ? null : rawKey };
}

/**
 * s3rver routes `/:bucket/:key*`, which cannot match every key S3 takes (`a//b`, a leading `/`,
 * `..` segments a client sent as they are). The key of an object-level request is passed to the
 * router as one encoded path segment; the router decodes it back to the whole key, which the
 * store (./object-store.ts) keeps under a hashed file name whatever it holds.
 */
export async function routeEveryKey(ctx: RequestContext, next: Next): Promise<void> {
  const { bucket, rawKey } = splitPath(ctx.path);
  if (rawKey !== null) {
    let key: string;
    try {
      key = decodeURIComponent(rawKey);
    } catch {
      key = rawKey;
    }
    ctx.path = `/${bucket}/${encodeURIComponent(key)}`;
  }
  await next();
}

function header(ctx: RequestContext, name: string): string | undefined {
  const value = ctx.req.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

/**
 * What an object-level request asks beyond s3rver's arguments, handed to the store
 * (./object-store.ts) for the rest of the request: `If-Match` / `If-None-Match` of PutObject and
 * CompleteMultipartUpload (S3 has them since 2024 and the clean function relies on them, see
 * src/pipeline/output-write.ts; s3rver ignores them), and `?versionId=` of GET and HEAD. A write
 * to a versioned bucket answers with its version id, as S3 does.
 */
export async function objectRequests(ctx: RequestContext, next: Next): Promise<void> {
  if (splitPath(ctx.path).rawKey === null) return void (await next());
  const write = (ctx.method === 'PUT' && header(ctx, 'x-amz-copy-source') === undefined) || (ctx.method === 'POST' && 'uploadId' in ctx.query);
  const versionId = ctx.method === 'GET' || ctx.method === 'HEAD' ? queryString(ctx, 'versionId') : undefined;
  const request: ObjectRequest = write ? { ifMatch: header(ctx, 'if-match'), ifNoneMatch: header(ctx, 'if-none-match') } : { versionId };
  await withObjectRequest(request, next);
  if (request.responseVersionId) ctx.set('x-amz-version-id', request.responseVersionId);
}

/** GetBucketVersioning and PutBucketVersioning (Enabled or Suspended), which s3rver does not have. */
export function bucketVersioning(store: LocalObjectStore) {
  return async function bucketVersioning(ctx: RequestContext, next: Next): Promise<void> {
    const { bucket, rawKey } = splitPath(ctx.path);
    if (rawKey !== null || !('versioning' in ctx.query) || (ctx.method !== 'GET' && ctx.method !== 'PUT')) return void (await next());
    if (!(await store.getBucket(bucket))) throw new S3Error('NoSuchBucket', 'The specified bucket does not exist', { BucketName: bucket });
    if (ctx.method === 'PUT') {
      let xml = '';
      for await (const chunk of ctx.req as unknown as AsyncIterable<Buffer>) xml += chunk.toString('utf8');
      const status = /<Status>\s*(Enabled|Suspended)\s*<\/Status>/.exec(xml)?.[1];
      if (!status) throw new S3Error('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema.');
      await store.setVersioning(bucket, status === 'Enabled');
      ctx.status = 200;
      ctx.body = '';
      return;
    }
    ctx.body = { VersioningConfiguration: { '@': { xmlns: 'http://s3.amazonaws.com/doc/2006-03-01/' }, ...(store.isVersioned(bucket) ? { Status: 'Enabled' } : {}) } };
  };
}

/**
 * A carriage return in an XML answer (a key in a listing, an error's Key) sent as `&#13;`, as S3
 * does: s3rver's serializer leaves it literal, and an XML parser reads a literal one as a line
 * feed (end-of-line normalization), so `a\rb.html` was listed as `a\nb.html`, a key that names no
 * object (the catch-up at start and a backfill then recorded it as not found and never read the
 * object). Placed first: it sees the body once s3rver has serialized it.
 */
export async function escapeCarriageReturns(ctx: RequestContext, next: Next): Promise<void> {
  await next();
  if (typeof ctx.body === 'string' && ctx.body.includes('\r') && /xml/.test(ctx.type)) ctx.body = ctx.body.replace(/\r/g, '&#13;');
}

/** Continuation tokens of ListObjectsV2: opaque to clients, the key (or common prefix) to start after. */
function continuationToken(after: string): string {
  return Buffer.from(after, 'utf8').toString('base64url');
}

function queryString(ctx: RequestContext, name: string): string | undefined {
  const value = ctx.query[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * ListObjects (V1) and ListObjectsV2, answered from the store's index. s3rver ciphers its V2
 * continuation tokens with DES, which OpenSSL 3 (Node.js 17 and later) no longer has, so every
 * truncated V2 listing (past 1,000 keys) answered 500; its V1 answer fails on a page that ends
 * on a common prefix. Here the answer is S3's: keys in UTF-8 byte order, MaxKeys counting keys
 * and common prefixes, NextMarker / NextContinuationToken after the last of either.
 * Placed before s3rver's router: like the rest of this local server, it checks no signature.
 */
export function listObjects(store: LocalObjectStore) {
  return async function listObjects(ctx: RequestContext, next: Next): Promise<void> {
    const { bucket, rawKey } = splitPath(ctx.path);
    const subresource = ['uploads', 'versions', 'versioning', 'location', 'cors', 'website', 'acl', 'policy', 'tagging', 'lifecycle', 'notification', 'encryption'].some((name) => name in ctx.query);
    if (ctx.method !== 'GET' || rawKey !== null || bucket === '' || subresource) return void (await next());
    if (!(await store.getBucket(bucket))) throw new S3Error('NoSuchBucket', 'The specified bucket does not exist', { BucketName: bucket });
    const v2 = queryString(ctx, 'list-type') === '2';
    const maxKeysText = queryString(ctx, 'max-keys');
    const maxKeys = maxKeysText === undefined ? 1000 : Number(maxKeysText);
    if (!Number.isSafeInteger(maxKeys) || maxKeys < 0) throw new S3Error('InvalidArgument', 'Provided max-keys not an integer or within integer range', { ArgumentName: 'max-keys' });
    const token = queryString(ctx, 'continuation-token');
    const startAfter = queryString(ctx, 'start-after');
    const marker = queryString(ctx, 'marker');
    const prefix = queryString(ctx, 'prefix') ?? '';
    const delimiter = queryString(ctx, 'delimiter') ?? '';
    const after = v2 ? (token ? Buffer.from(token, 'base64url').toString('utf8') : startAfter) : marker;
    const page = await store.listObjects(bucket, { prefix, delimiter, startAfter: after ?? '', maxKeys: Math.min(maxKeys, 1000) });
    const contents = page.objects.map((object) => ({
      Key: object.key,
      LastModified: new Date(object.metadata['last-modified']!).toISOString(),
      ETag: object.metadata.etag,
      Size: Number(object.metadata['content-length']),
      ...(!v2 || queryString(ctx, 'fetch-owner') === 'true' ? { Owner: { ID: LOCAL_OWNER.id, DisplayName: LOCAL_OWNER.displayName } } : {}),
      StorageClass: object.metadata['x-amz-storage-class'] ?? 'STANDARD',
    }));
    ctx.body = {
      ListBucketResult: {
        '@': { xmlns: 'http://s3.amazonaws.com/doc/2006-03-01/' },
        Name: bucket,
        Prefix: prefix,
        ...(v2
          ? { ...(token ? { ContinuationToken: token } : startAfter !== undefined ? { StartAfter: startAfter } : {}), ...(page.isTruncated && page.last !== null ? { NextContinuationToken: continuationToken(page.last) } : {}), KeyCount: contents.length + page.commonPrefixes.length }
          : { Marker: marker ?? '', ...(page.isTruncated && delimiter && page.last !== null ? { NextMarker: page.last } : {}) }),
        MaxKeys: maxKeys,
        ...(delimiter ? { Delimiter: delimiter } : {}),
        IsTruncated: page.isTruncated,
        ...(contents.length ? { Contents: contents } : {}),
        ...(page.commonPrefixes.length ? { CommonPrefixes: page.commonPrefixes.map((Prefix) => ({ Prefix })) } : {}),
      },
    };
  };
}

export interface LocalS3Server {
  readonly server: S3rver;
  /** `http://127.0.0.1:<port>` */
  readonly endpoint: string;
  readonly directory: string;
  readonly store: LocalObjectStore;
  close(): Promise<void>;
}

/** The lock file of a server's directory: it names the process that uses it. */
export const DIRECTORY_LOCK = '.lock';

/** Whether a process of this id is running (signal 0 checks without sending anything). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the directory for this process. Two servers on one directory would each trust their
 * own index of it; a lock left by a process that is gone (a `kill -9`) is taken over.
 */
async function lockDirectory(directory: string): Promise<() => Promise<void>> {
  const path = join(directory, DIRECTORY_LOCK);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const file = await open(path, 'wx');
      await file.writeFile(String(process.pid));
      await file.close();
      return () => rm(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number((await readFile(path, 'utf8').catch(() => '')).trim());
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && running(owner)) {
        throw new Error(`another local S3 server (process ${owner}) uses ${directory}: stop it, or give this one another directory`);
      }
      await rm(path, { force: true });
    }
  }
  throw new Error(`could not lock ${directory}`);
}

/** Starts s3rver on 127.0.0.1 over `directory` (created if need be); port 0 (the default) takes a free one. */
export async function startLocalS3(options: { directory: string; port?: number }): Promise<LocalS3Server> {
  await makeDirectory(options.directory);
  const unlock = await lockDirectory(options.directory);
  try {
    // Mismatched signatures are allowed because decodeAwsChunkedRequests rewrites signed headers.
    const server = new S3rver({ address: '127.0.0.1', port: options.port ?? 0, directory: options.directory, silent: true, allowMismatchedSignatures: true });
    const store = new LocalObjectStore(options.directory);
    await store.load();
    (server as { store: unknown }).store = store;
    (server as unknown as { context: { store: unknown } }).context.store = store;
    const router = server.middleware.at(-1) as { name?: string } | undefined;
    if (router?.name !== 'dispatch') throw new Error('s3rver changed: its router is not the last middleware');
    server.middleware.splice(server.middleware.length - 1, 0, listObjects(store) as never, bucketVersioning(store) as never);
    server.middleware.unshift(objectRequests);
    server.middleware.unshift(decodeAwsChunkedRequests);
    server.middleware.unshift(routeEveryKey);
    server.middleware.unshift(escapeCarriageReturns);
    const address = await server.run();
    return {
      server,
      endpoint: `http://127.0.0.1:${address.port}`,
      directory: options.directory,
      store,
      async close() {
        await server.close();
        await unlock();
      },
    };
  } catch (error) {
    await unlock();
    throw error;
  }
}

/**
 * A client of the local server. Checksums only when an operation requires them: s3rver neither
 * checks nor returns them, and streamed uploads then go out plainly instead of `aws-chunked`.
 */
export function localS3Client(endpoint: string, options: { readonly maxAttempts?: number } = {}): S3Client {
  return new S3Client({
    ...options,
    endpoint,
    region: LOCAL_S3.region,
    forcePathStyle: true,
    // A copy: the SDK annotates the credentials object it is given.
    credentials: { ...LOCAL_S3.credentials },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}
