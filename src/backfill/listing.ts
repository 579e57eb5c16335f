/**
 * The objects under a prefix, page by page (1000 keys a page), in the internal format: keys
 * raw, as listings return them (no EncodingType is asked for), ETag and size from the listing so
 * that an up-to-date output is skipped with one HEAD and no GET.
 *
 * ListObjectsV2 (continuation tokens) on AWS. Against another S3-compatible server (--endpoint)
 * the listing uses ListObjects (version 1, paged by Marker = the last key of the page), the one
 * every such server has had longest: plain s3rver, for one, makes the continuation token of a
 * truncated V2 page with DES, which OpenSSL 3 (Node.js 17 and later) no longer has, so any V2
 * listing of more than one page failed there with InternalError (the local server of
 * `npm run dev` answers both versions itself now, see src/local/s3-server.ts).
 */
import { ListObjectsCommand, paginateListObjectsV2, type _Object, type S3Client } from '@aws-sdk/client-s3';
import type { ObjectMessage } from '../pipeline/object-message.js';

/** v2: ListObjectsV2 (AWS); v1: ListObjects with Marker (S3-compatible servers, see above). */
export type ListingApi = 'v2' | 'v1';

export interface ListingOptions {
  readonly s3: S3Client;
  readonly bucket: string;
  /** '' lists the whole bucket. */
  readonly prefix: string;
  /** @default 'v2' */
  readonly api?: ListingApi;
  /** Stops between pages. */
  readonly signal?: AbortSignal;
  /** Keys per page; S3's maximum (1000) unless a test asks for small pages. */
  readonly pageSize?: number;
}

function toMessage(bucket: string, object: _Object): ObjectMessage | null {
  if (object.Key === undefined) return null;
  return {
    bucket,
    key: object.Key,
    ...(object.ETag ? { etag: object.ETag.replace(/^"|"$/g, '') } : {}),
    ...(object.Size !== undefined ? { size: object.Size } : {}),
  };
}

async function* pagesV2(options: ListingOptions, prefix: string | undefined): AsyncGenerator<_Object[]> {
  const pages = paginateListObjectsV2({ client: options.s3, pageSize: options.pageSize }, { Bucket: options.bucket, Prefix: prefix });
  for await (const page of pages) {
    yield page.Contents ?? [];
    if (options.signal?.aborted) return;
  }
}

async function* pagesV1(options: ListingOptions, prefix: string | undefined): AsyncGenerator<_Object[]> {
  let marker: string | undefined;
  for (;;) {
    const page = await options.s3.send(new ListObjectsCommand({ Bucket: options.bucket, Prefix: prefix, Marker: marker, MaxKeys: options.pageSize }));
    const contents = page.Contents ?? [];
    yield contents;
    // Without a delimiter, V1 gives no NextMarker: the next page starts after the last key.
    marker = page.NextMarker ?? contents.at(-1)?.Key;
    if (!page.IsTruncated || marker === undefined || options.signal?.aborted) return;
  }
}

export async function* listObjects(options: ListingOptions): AsyncGenerator<ObjectMessage> {
  const prefix = options.prefix === '' ? undefined : options.prefix;
  const pages = (options.api ?? 'v2') === 'v1' ? pagesV1(options, prefix) : pagesV2(options, prefix);
  for await (const contents of pages) {
    for (const object of contents) {
      const message = toMessage(options.bucket, object);
      if (message) yield message;
    }
  }
}
