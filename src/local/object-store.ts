/**
 * The local S3 server's object store: s3rver's FilesystemStore with every object-level method
 * replaced, so that the local server takes every key S3 takes and behaves as S3 does where the
 * pipeline's correctness depends on it.
 *
 * - Any valid key (up to 1,024 bytes of UTF-8, any segment length, `..`, `//`, spaces, `+`,
 *   Unicode): s3rver joins the key as a file path (a 241-byte segment fails with ENAMETOOLONG
 *   and crashed `npm run dev`; `../x` lands outside its directory). Here an object is one file
 *   named by the SHA-256 of its key, `<bucket>/.objects/<2 hex>/<64 hex>`, and the key itself is
 *   kept in the file (see below).
 * - Atomic writes: s3rver writes into the object's file in place, so a reader (or a crash)
 *   meets half an object. Here an upload is written to a temporary file and renamed over the
 *   object's file: a GET opens one file and reads one version, whatever is written meanwhile,
 *   and a `kill -9` mid-upload leaves the previous version or nothing, never a torn object.
 * - Conditional writes (`If-Match: <etag>`, `If-None-Match: *`, which s3rver ignores), checked
 *   and committed atomically per key within the process: the headers reach the store through
 *   `withObjectRequest` (an AsyncLocalStorage set by the server's middleware), and the check
 *   and the rename happen under one per-key lock, as S3 decides a conditional write when it
 *   completes (412 PreconditionFailed on a mismatch, 404 NoSuchKey for If-Match on no object).
 * - Bucket versioning (PutBucketVersioning), as far as reads by version go: a write to a
 *   versioned bucket gets a version id (x-amz-version-id), the version it replaces stays
 *   readable with `?versionId=`. Not modelled: delete markers, ListObjectVersions.
 * - Listings in S3's order (UTF-8 byte order of the keys) from an index held in memory and
 *   built from the files at start: s3rver walks directories, which orders `a/b` before `a-b`,
 *   so a listing paged by marker skipped keys.
 *
 * An object's file is its bytes, then its header (JSON: key, MD5, size, time, stored headers
 * and x-amz-meta-*), then a trailer of 12 bytes, `\n%010d\n`, the header's length in bytes:
 * the content starts at offset 0 (`head` shows it), and both are written in one pass.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { link, open, readdir, rename, rm, stat, unlink, writeFile, type FileHandle } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { makeDirectory } from '../cli/make-directory.js';

const require = createRequire(import.meta.url);

/** The parts of s3rver's (untyped CommonJS) store and models that this store builds on. */
interface S3ObjectModel {
  readonly bucket: string;
  readonly key: string;
  readonly content: Readable | Buffer | null;
  readonly metadata: Record<string, string>;
  range?: { start: number; end: number };
}
type S3ObjectClass = new (bucket: string, key: string, content: Readable | Buffer | null, metadata: Record<string, string | number>) => S3ObjectModel;
type S3ErrorClass = new (code: string, message: string, detail?: Record<string, unknown>) => Error & { status: number };
interface FilesystemStoreBase {
  readonly rootDirectory: string;
  getResourcePath(bucket: string, key?: string, resource?: string): string;
  getBucket(bucket: string): Promise<{ name: string } | null>;
  putBucket(bucket: string): Promise<unknown>;
  deleteBucket(bucket: string): Promise<unknown>;
  listBuckets(): Promise<Array<{ name: string }>>;
}
type FilesystemStoreClass = new (rootDirectory: string) => FilesystemStoreBase;

const FilesystemStore = require('s3rver/lib/stores/filesystem.js') as FilesystemStoreClass;
const S3Object = require('s3rver/lib/models/object.js') as S3ObjectClass & { ALLOWED_METADATA: readonly string[] };
/** s3rver's error: thrown from a store or middleware, it becomes S3's XML error answer with the status of its code. */
export const S3Error = require('s3rver/lib/models/error.js') as S3ErrorClass;
/** The owner s3rver names in listings. */
export const LOCAL_OWNER = (require('s3rver/lib/models/account.js') as { DUMMY_ACCOUNT: { id: string; displayName: string } }).DUMMY_ACCOUNT;

/** What one object-level request asks of the store beyond s3rver's arguments, and what the store tells back. */
export interface ObjectRequest {
  /** `If-Match` of a write: the ETag (quoted or not) the current object must have; `*` for any object. */
  readonly ifMatch?: string;
  /** `If-None-Match` of a write: only `*` (create only) is meaningful for writes. */
  readonly ifNoneMatch?: string;
  /** `?versionId=` of a GET or HEAD: that version, current or not. */
  readonly versionId?: string;
  /** Set by a write to a versioned bucket: the new version's id; by a read, the id of the version read (S3's x-amz-version-id). */
  responseVersionId?: string;
}

const objectRequests = new AsyncLocalStorage<ObjectRequest>();

/** Runs `fn` (the rest of one request) with what its headers and query ask of the store. */
export function withObjectRequest<T>(request: ObjectRequest, fn: () => T): T {
  return objectRequests.run(request, fn);
}

/** Within a request that wrote an object to a versioned bucket: the new version's id. */
export function writtenVersionId(): string | undefined {
  return objectRequests.getStore()?.responseVersionId;
}

/** The id S3 gives the version of an object written while its bucket was not versioned. */
export const NULL_VERSION_ID = 'null';

interface Header {
  readonly key: string;
  readonly md5: string;
  readonly size: number;
  /** Milliseconds since the epoch. */
  readonly modified: number;
  readonly metadata: Record<string, string>;
  /** Written to a versioned bucket. */
  readonly versionId?: string;
}

/** What a listing (and a conditional write) needs of an object, kept in memory. */
interface Entry {
  readonly md5: string;
  readonly size: number;
  readonly modified: number;
  readonly storageClass?: string;
  readonly versionId?: string;
}

interface BucketIndex {
  /** Sorted by the UTF-8 bytes of the keys, as S3 lists them. */
  readonly keys: string[];
  readonly entries: Map<string, Entry>;
}

export interface ListOptions {
  readonly delimiter?: string;
  readonly startAfter?: string;
  readonly prefix?: string;
  readonly maxKeys?: number;
}

export interface ListResult {
  readonly objects: S3ObjectModel[];
  readonly commonPrefixes: string[];
  readonly isTruncated: boolean;
  /** The last key or common prefix returned: where the next page starts after. */
  readonly last: string | null;
}

const TRAILER_BYTES = 12;
const OBJECTS_FOLDER = '.objects';
const TEMPORARY_FOLDER = '.tmp';
/** Earlier versions of the objects of a versioned bucket: `<bucket>/.versions/<hash of key>/<version id>`. */
const VERSIONS_FOLDER = '.versions';
/** The file whose presence makes a bucket versioned. */
const VERSIONING_FILE = '.versioning-enabled';

/** S3 orders keys by their UTF-8 bytes; JavaScript compares UTF-16 code units (they differ above U+D7FF). */
export function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

function firstIndexAbove(keys: readonly string[], bound: string, inclusive: boolean): number {
  let low = 0;
  let high = keys.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const order = compareKeys(keys[middle]!, bound);
    if (order < 0 || (order === 0 && !inclusive)) low = middle + 1;
    else high = middle;
  }
  return low;
}

function etagOf(md5: string): string {
  return JSON.stringify(md5);
}

function unquote(etag: string): string {
  return etag.trim().replace(/^W\//, '').replace(/^"|"$/g, '');
}

/** The stored headers of an upload, as s3rver keeps them (its allowed headers and x-amz-meta-*). */
function storedMetadata(metadata: Record<string, unknown>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(metadata)) {
    if (value === undefined || value === null) continue;
    if (S3Object.ALLOWED_METADATA.includes(name) || name.startsWith('x-amz-meta-')) kept[name] = String(value); // eslint-disable-line @typescript-eslint/no-base-to-string -- header values: strings, numbers, or a repeated header's array, joined with commas
  }
  return kept;
}

/** One lock per key: what runs under it for a key never overlaps with another holder of that key. */
class KeyLocks {
  readonly #tails = new Map<string, Promise<void>>();

  async run<T>(id: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(id) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => mine);
    this.#tails.set(id, tail);
    await previous;
    try {
      return await fn();
    } finally {
      release();
      if (this.#tails.get(id) === tail) this.#tails.delete(id);
    }
  }
}

export class LocalObjectStore extends FilesystemStore {
  readonly #indexes = new Map<string, BucketIndex>();
  readonly #locks = new KeyLocks();
  readonly #versioned = new Set<string>();

  /** Versioning of a bucket (PutBucketVersioning): from now on a write keeps the version it replaces. */
  async setVersioning(bucket: string, enabled: boolean): Promise<void> {
    const path = join(this.rootDirectory, bucket, VERSIONING_FILE);
    if (enabled) {
      await writeFile(path, '');
      this.#versioned.add(bucket);
    } else {
      await rm(path, { force: true });
      this.#versioned.delete(bucket);
    }
  }

  isVersioned(bucket: string): boolean {
    return this.#versioned.has(bucket);
  }

  #versionPath(bucket: string, key: string, versionId: string): string {
    const hash = createHash('sha256').update(key, 'utf8').digest('hex');
    return join(this.rootDirectory, bucket, VERSIONS_FOLDER, hash, versionId);
  }

  /** The file of an object (and, with a resource name, of its sub-resources such as tagging). */
  objectPath(bucket: string, key: string): string {
    const hash = createHash('sha256').update(key, 'utf8').digest('hex');
    return join(this.rootDirectory, bucket, OBJECTS_FOLDER, hash.slice(0, 2), hash);
  }

  override getResourcePath(bucket: string, key = '', resource?: string): string {
    // Bucket-level resources (configurations, multipart uploads) stay where s3rver keeps them.
    if (key === '') return super.getResourcePath(bucket, key, resource);
    const path = this.objectPath(bucket, key);
    return resource === undefined || resource === 'object' ? path : `${path}.${resource}`;
  }

  #temporaryPath(bucket: string): string {
    return join(this.rootDirectory, bucket, OBJECTS_FOLDER, TEMPORARY_FOLDER, randomUUID());
  }

  /**
   * Reads the index of every bucket from the files (and drops the temporary files a crash left).
   * Called once before the server listens: afterwards this process is the directory's only writer.
   */
  async load(): Promise<void> {
    for (const bucket of await this.listBuckets()) await this.#loadBucket(bucket.name);
  }

  async #loadBucket(bucket: string): Promise<BucketIndex> {
    if (await stat(join(this.rootDirectory, bucket, VERSIONING_FILE)).catch(() => null)) this.#versioned.add(bucket);
    const objects = join(this.rootDirectory, bucket, OBJECTS_FOLDER);
    await rm(join(objects, TEMPORARY_FOLDER), { recursive: true, force: true });
    const entries = new Map<string, Entry>();
    const folders = await readdir(objects).catch((caught: unknown) => {
      const error = caught as NodeJS.ErrnoException;
      if (error.code === 'ENOENT') return [] as string[];
      throw error;
    });
    for (const folder of folders) {
      for (const name of await readdir(join(objects, folder))) {
        if (name.includes('.')) continue; // a sub-resource (`<hash>.tagging.xml`)
        const header = await this.#readHeaderAt(join(objects, folder, name));
        if (header) entries.set(header.key, entryOf(header));
      }
    }
    const index = { keys: [...entries.keys()].sort(compareKeys), entries };
    this.#indexes.set(bucket, index);
    return index;
  }

  #index(bucket: string): BucketIndex {
    let index = this.#indexes.get(bucket);
    if (!index) {
      index = { keys: [], entries: new Map() };
      this.#indexes.set(bucket, index);
    }
    return index;
  }

  #indexPut(bucket: string, header: Header): void {
    const index = this.#index(bucket);
    if (!index.entries.has(header.key)) index.keys.splice(firstIndexAbove(index.keys, header.key, true), 0, header.key);
    index.entries.set(header.key, entryOf(header));
  }

  #indexDelete(bucket: string, key: string): void {
    const index = this.#index(bucket);
    if (!index.entries.delete(key)) return;
    const at = firstIndexAbove(index.keys, key, true);
    if (index.keys[at] === key) index.keys.splice(at, 1);
  }

  async #readHeader(file: FileHandle): Promise<{ header: Header; contentBytes: number } | null> {
    const { size } = await file.stat();
    if (size < TRAILER_BYTES) return null;
    const trailer = Buffer.alloc(TRAILER_BYTES);
    await file.read(trailer, 0, TRAILER_BYTES, size - TRAILER_BYTES);
    const length = Number(trailer.toString('latin1', 1, TRAILER_BYTES - 1));
    if (!Number.isSafeInteger(length) || length <= 0 || length > size - TRAILER_BYTES) return null;
    const json = Buffer.alloc(length);
    await file.read(json, 0, length, size - TRAILER_BYTES - length);
    const header = JSON.parse(json.toString('utf8')) as Header;
    return { header, contentBytes: size - TRAILER_BYTES - length };
  }

  async #readHeaderAt(path: string): Promise<Header | null> {
    const file = await openIfExists(path);
    if (!file) return null;
    try {
      return (await this.#readHeader(file))?.header ?? null;
    } finally {
      await file.close();
    }
  }

  #metadataOf(header: Header): Record<string, string | number> {
    return { ...header.metadata, etag: etagOf(header.md5), 'last-modified': new Date(header.modified).toUTCString(), 'content-length': header.size };
  }

  // The store interface s3rver's controllers call.

  override async putBucket(bucket: string): Promise<unknown> {
    const created = await super.putBucket(bucket);
    this.#index(bucket);
    return created;
  }

  override async deleteBucket(bucket: string): Promise<unknown> {
    this.#indexes.delete(bucket);
    return super.deleteBucket(bucket);
  }

  async getMetadata(bucket: string, key: string): Promise<Record<string, string | number>> {
    const header = await this.#readHeaderAt(this.objectPath(bucket, key));
    if (!header) throw Object.assign(new Error(`no object ${key} in ${bucket}`), { code: 'ENOENT' });
    return this.#metadataOf(header);
  }

  async existsObject(bucket: string, key: string): Promise<boolean> {
    return this.#index(bucket).entries.has(key);
  }

  async getObject(bucket: string, key: string, options?: { start?: number; end?: number }): Promise<S3ObjectModel | null> {
    const wanted = objectRequests.getStore()?.versionId;
    const current = this.#index(bucket).entries.get(key);
    // A version asked for by id is the current object's, or one kept when it was replaced.
    const path = wanted === undefined || wanted === (current?.versionId ?? NULL_VERSION_ID) ? this.objectPath(bucket, key) : this.#versionPath(bucket, key, wanted);
    const file = await openIfExists(path);
    if (!file) return null;
    // One open file is one version: a rename by a concurrent PUT does not change what it reads.
    const read = await this.#readHeader(file).catch(async (error: unknown) => {
      await file.close();
      throw error;
    });
    if (!read) {
      await file.close();
      return null;
    }
    const metadata = this.#metadataOf(read.header);
    const request = objectRequests.getStore();
    if (request && read.header.versionId) request.responseVersionId = read.header.versionId;
    const lastByte = Math.max(0, read.contentBytes - 1);
    const ranged = options !== undefined && (options.start !== undefined || options.end !== undefined);
    const range = { start: options?.start ?? 0, end: Math.min(options?.end ?? Infinity, lastByte) };
    if (range.start < 0 || range.end < range.start || (ranged && range.start > lastByte)) {
      await file.close();
      const object = new S3Object(bucket, key, null, metadata);
      if (ranged) object.range = range;
      return object;
    }
    let content: Readable;
    if (read.contentBytes === 0) {
      await file.close();
      content = emptyStream();
    } else {
      content = file.createReadStream({ start: range.start, end: range.end, autoClose: true });
    }
    const object = new S3Object(bucket, key, content, metadata);
    if (ranged) object.range = range;
    return object;
  }

  /** A new object's header: in a versioned bucket, with a new version id (S3's are opaque strings too). */
  #header(bucket: string, key: string, md5: string, size: number, metadata: Record<string, string>): Header {
    return { key, md5, size, modified: Date.now(), metadata, ...(this.#versioned.has(bucket) ? { versionId: randomUUID().replace(/-/g, '') } : {}) };
  }

  async putObject(object: S3ObjectModel): Promise<{ size: number; md5: string }> {
    const request = objectRequests.getStore();
    const temporary = this.#temporaryPath(object.bucket);
    await makeDirectory(join(temporary, '..'));
    try {
      const { size, md5 } = await writeContent(temporary, object.content);
      const header = this.#header(object.bucket, object.key, md5, size, storedMetadata(object.metadata));
      await appendHeader(temporary, header);
      await this.#commit(object.bucket, object.key, temporary, header, request);
      if (request && header.versionId) request.responseVersionId = header.versionId;
      return { size, md5 };
    } finally {
      await rm(temporary, { force: true });
    }
  }

  /** Moves a complete object file into place, if the conditions hold: the one moment a write takes effect. */
  async #commit(bucket: string, key: string, temporary: string, header: Header, conditions: ObjectRequest | undefined): Promise<void> {
    const path = this.objectPath(bucket, key);
    await this.#locks.run(`${bucket}/${key}`, async () => {
      const current = this.#index(bucket).entries.get(key) ?? null;
      if (conditions?.ifMatch !== undefined || conditions?.ifNoneMatch !== undefined) checkConditions(key, current, conditions);
      await makeDirectory(join(path, '..'));
      if (current && this.#versioned.has(bucket)) {
        // The version being replaced stays readable by its id (a hard link: the same bytes, no copy).
        const kept = this.#versionPath(bucket, key, current.versionId ?? NULL_VERSION_ID);
        await makeDirectory(join(kept, '..'));
        await link(path, kept).catch((error: NodeJS.ErrnoException) => {
          if (error.code !== 'EEXIST') throw error;
        });
      }
      await rename(temporary, path);
      this.#indexPut(bucket, header);
    });
  }

  async copyObject(srcBucket: string, srcKey: string, destBucket: string, destKey: string, replacementMetadata: Record<string, string> | null): Promise<Record<string, string | number>> {
    const source = await this.getObject(srcBucket, srcKey);
    if (!source?.content) throw Object.assign(new Error(`no object ${srcKey} in ${srcBucket}`), { code: 'ENOENT' });
    const temporary = this.#temporaryPath(destBucket);
    await makeDirectory(join(temporary, '..'));
    try {
      const { size, md5 } = await writeContent(temporary, source.content);
      const metadata = storedMetadata(replacementMetadata ?? source.metadata);
      const header = this.#header(destBucket, destKey, md5, size, metadata);
      await appendHeader(temporary, header);
      await this.#commit(destBucket, destKey, temporary, header, undefined);
      return this.#metadataOf(header);
    } finally {
      await rm(temporary, { force: true });
    }
  }

  async deleteObject(bucket: string, key: string): Promise<void> {
    const path = this.objectPath(bucket, key);
    await this.#locks.run(`${bucket}/${key}`, async () => {
      await unlink(path).catch((error: unknown) => {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      });
      this.#indexDelete(bucket, key);
    });
    for (const suffix of ['tagging.xml']) await rm(`${path}.${suffix}`, { force: true });
  }

  async listObjects(bucket: string, options: ListOptions = {}): Promise<ListResult> {
    const { delimiter = '', startAfter = '', prefix = '' } = options;
    const maxKeys = options.maxKeys ?? Infinity;
    const { keys, entries } = this.#index(bucket);
    const objects: S3ObjectModel[] = [];
    const commonPrefixes: string[] = [];
    let last: string | null = null;
    let isTruncated = false;
    const from = compareKeys(startAfter, prefix) >= 0 ? firstIndexAbove(keys, startAfter, false) : firstIndexAbove(keys, prefix, true);
    for (let i = from; i < keys.length; i++) {
      const key = keys[i]!;
      if (!key.startsWith(prefix)) break;
      const cut = delimiter ? key.indexOf(delimiter, prefix.length) : -1;
      const item = cut === -1 ? key : key.slice(0, cut + delimiter.length);
      if (cut !== -1 && item === last) continue;
      if (objects.length + commonPrefixes.length >= maxKeys) {
        isTruncated = true;
        break;
      }
      if (cut === -1) {
        const entry = entries.get(key)!;
        const metadata: Record<string, string | number> = { etag: etagOf(entry.md5), 'last-modified': new Date(entry.modified).toUTCString(), 'content-length': entry.size };
        if (entry.storageClass) metadata['x-amz-storage-class'] = entry.storageClass;
        objects.push(new S3Object(bucket, key, null, metadata));
      } else {
        commonPrefixes.push(item);
      }
      last = item;
    }
    return { objects, commonPrefixes, isTruncated, last };
  }
}

function entryOf(header: Header): Entry {
  const storageClass = header.metadata['x-amz-storage-class'];
  return { md5: header.md5, size: header.size, modified: header.modified, ...(storageClass ? { storageClass } : {}), ...(header.versionId ? { versionId: header.versionId } : {}) };
}

function emptyStream(): Readable {
  return Readable.from([]);
}

/** S3's answer to a conditional write, from the object as it is now (null: none). */
function checkConditions(key: string, current: Entry | null, conditions: ObjectRequest): void {
  const failed = () => new S3Error('PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', { Condition: conditions.ifMatch !== undefined ? 'If-Match' : 'If-None-Match' });
  if (conditions.ifMatch !== undefined) {
    if (current === null) throw new S3Error('NoSuchKey', 'The specified key does not exist.', { Key: key });
    const wanted = conditions.ifMatch.split(',').map(unquote);
    if (!wanted.includes('*') && !wanted.includes(current.md5)) throw failed();
  }
  if (conditions.ifNoneMatch !== undefined && current !== null) {
    const refused = conditions.ifNoneMatch.split(',').map(unquote);
    if (refused.includes('*') || refused.includes(current.md5)) throw failed();
  }
}

async function writeContent(path: string, content: Readable | Buffer | null): Promise<{ size: number; md5: string }> {
  const md5 = createHash('md5');
  let size = 0;
  const count = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      md5.update(chunk);
      size += chunk.length;
      callback(null, chunk);
    },
  });
  const source = content === null ? emptyStream() : Buffer.isBuffer(content) ? streamOf(content) : content;
  await pipeline(source, count, createWriteStream(path));
  return { size, md5: md5.digest('hex') };
}

function streamOf(bytes: Buffer): Readable {
  return Readable.from([bytes]);
}

async function appendHeader(path: string, header: Header): Promise<void> {
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const file = await open(path, 'a');
  try {
    await file.write(Buffer.concat([json, Buffer.from(`\n${String(json.length).padStart(10, '0')}\n`, 'latin1')]));
  } finally {
    await file.close();
  }
}

/** The file at `path` opened for reading, or null when there is none. */
async function openIfExists(path: string): Promise<FileHandle | null> {
  try {
    return await open(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
