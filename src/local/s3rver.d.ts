/** The part of s3rver 3 (untyped CommonJS) that the local pipeline uses. */
declare module 's3rver' {
  import type { AddressInfo } from 'node:net';
  import type { EventEmitter } from 'node:events';

  namespace S3rver {
    interface Options {
      address?: string;
      port?: number;
      directory?: string;
      silent?: boolean;
      resetOnClose?: boolean;
      allowMismatchedSignatures?: boolean;
      vhostBuckets?: boolean;
      configureBuckets?: ReadonlyArray<{ name: string; configs?: ReadonlyArray<string | Buffer> }>;
    }

    /** The record s3rver emits on 'event': its own shape, with the RAW (not URL-encoded) key. */
    interface EventRecord {
      eventName: string;
      eventTime: string;
      s3: {
        bucket: { name: string };
        object: { key: string; size?: number; eTag?: string; sequencer?: string };
      };
    }

    interface FilesystemStore {
      /** Stored metadata plus etag (JSON-quoted), content-length and last-modified; rejects ENOENT. */
      getMetadata(bucket: string, key: string): Promise<Record<string, string | number>>;
    }
  }

  class S3rver extends EventEmitter {
    constructor(options?: S3rver.Options);
    readonly store: S3rver.FilesystemStore;
    /** Koa's middleware list; composed when run() starts the server. */
    readonly middleware: Array<(ctx: never, next: () => Promise<unknown>) => unknown>;
    run(): Promise<AddressInfo>;
    close(): Promise<void>;
    on(event: 'event', listener: (event: { Records: S3rver.EventRecord[] }) => void): this;
    on(event: string, listener: (...args: unknown[]) => void): this;
  }

  export = S3rver;
}
