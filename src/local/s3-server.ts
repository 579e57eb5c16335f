/**
 * The embedded S3-compatible server (s3rver, objects kept as files in a directory) on a
 * loopback port, and S3 clients for it: the real @aws-sdk/client-s3 over HTTP, path-style, with
 * s3rver's fixed credentials. Uploads in the aws-chunked encoding (what current SDKs and CLIs
 * send by default) are decoded before s3rver sees them, as S3 does.
 */
import { S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { decodeAwsChunkedRequests } from './aws-chunked.js';
import { LOCAL_REGION } from './notifications.js';

/**
 * s3rver keeps each object as a file at `<directory>/<bucket>/<key>`, joining the key as a path:
 * a key with a `..` segment is written outside its directory (`../../x.html` lands two levels
 * above it), and `.` or empty segments store the object under another key. S3 itself takes such
 * keys as they are; this server refuses them with a 400 InvalidArgument before s3rver sees them.
 * Only the key is checked (the path after the bucket), decoded as s3rver decodes it.
 */
interface RequestContext {
  req: { url?: string; method?: string };
  status: number;
  type: string;
  body: unknown;
}

/** The key of a path-style request (`/<bucket>/<key>`), decoded, or null for a bucket-level request. */
function requestKey(url: string): string | null {
  const path = url.split('?')[0]!;
  const slash = path.indexOf('/', 1);
  if (slash === -1 || slash === path.length - 1) return null;
  return path.slice(slash + 1);
}

/** A `.` or `..` segment, an empty one before a separator (a trailing slash is a folder marker), or NUL. */
const UNSTORABLE_SEGMENT = /(?:^|[\\/])(?:\.{1,2}(?:[\\/]|$)|[\\/])|\u0000/;

export async function refuseUnstorableKeys(ctx: RequestContext, next: () => Promise<unknown>): Promise<void> {
  const raw = requestKey(ctx.req.url ?? '/');
  if (raw !== null) {
    let key: string;
    try {
      key = raw.split('/').map(decodeURIComponent).join('/');
    } catch {
      key = raw;
    }
    if (UNSTORABLE_SEGMENT.test(key)) {
      ctx.status = 400;
      ctx.type = 'application/xml';
      const message = `The local S3 server stores objects as files and cannot store a key with an empty, "." or ".." path segment or a NUL (it would be written outside its directory or under another key): ${JSON.stringify(key)}`;
      ctx.body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>InvalidArgument</Code><Message>${message.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</Message></Error>`;
      return;
    }
  }
  await next();
}

/** s3rver accepts requests signed with this key pair. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

export interface LocalS3Server {
  readonly server: S3rver;
  /** `http://127.0.0.1:<port>` */
  readonly endpoint: string;
  readonly directory: string;
  close(): Promise<void>;
}

/** Starts s3rver on 127.0.0.1; port 0 (the default) takes a free one. */
export async function startLocalS3(options: { directory: string; port?: number }): Promise<LocalS3Server> {
  // Mismatched signatures are allowed because decodeAwsChunkedRequests rewrites signed headers.
  const server = new S3rver({ address: '127.0.0.1', port: options.port ?? 0, directory: options.directory, silent: true, allowMismatchedSignatures: true });
  server.middleware.unshift(decodeAwsChunkedRequests);
  server.middleware.unshift(refuseUnstorableKeys as never);
  const address = await server.run();
  return {
    server,
    endpoint: `http://127.0.0.1:${address.port}`,
    directory: options.directory,
    close: () => server.close(),
  };
}

/**
 * A client of the local server. Checksums only when an operation requires them: s3rver neither
 * checks nor returns them, and streamed uploads then go out plainly instead of `aws-chunked`.
 */
export function localS3Client(endpoint: string): S3Client {
  return new S3Client({
    endpoint,
    region: LOCAL_REGION,
    forcePathStyle: true,
    credentials: LOCAL_CREDENTIALS,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}
