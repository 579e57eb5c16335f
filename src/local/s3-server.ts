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
