/**
 * An S3 object written as it is made, never held whole: bytes are buffered up to one part and
 * sent with UploadPart; an object that stays under one part is a single PutObject. With
 * `ifNoneMatch`, the object is created only if its key is free (PutObject / CompleteMultipartUpload
 * with If-None-Match: *): of two writers of the same key, the second gets S3's 412 and the first
 * one's object stands.
 *
 * S3 permissions: s3:PutObject (which covers the multipart calls) and s3:AbortMultipartUpload
 * for the clean-up of a failed write; an upload left behind anyway is removed by the buckets'
 * abort-incomplete-multipart-uploads rule.
 */
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  PutObjectCommand,
  UploadPartCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { httpStatusOf } from './failures.js';

/**
 * Size of each part but the last. S3's minimum is 5 MiB; 8 MiB keeps a writer's buffer small
 * (several ranges run at once in one function) and a 1 GB object under S3's 10,000 parts.
 */
export const MULTIPART_PART_BYTES = 8 * 1024 * 1024;

export interface MultipartWriterOptions {
  readonly contentType: string;
  readonly contentEncoding?: string;
  readonly metadata: Record<string, string>;
  /** Create the object only if the key is free. */
  readonly ifNoneMatch?: boolean;
  readonly partBytes?: number;
}

/** S3 answered 412: the key was taken by another writer (If-None-Match), or the object changed (If-Match). */
export function isPreconditionFailed(error: unknown): boolean {
  return httpStatusOf(error) === 412 || (error as { name?: string } | undefined)?.name === 'PreconditionFailed';
}

export class MultipartWriter {
  private readonly chunks: Uint8Array[] = [];
  private buffered = 0;
  private uploadId: string | null = null;
  private readonly parts: Array<{ PartNumber: number; ETag: string | undefined }> = [];
  /** Bytes written in all. */
  bytes = 0;

  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
    private readonly key: string,
    private readonly options: MultipartWriterOptions,
  ) {}

  private get partBytes(): number {
    return this.options.partBytes ?? MULTIPART_PART_BYTES;
  }

  async write(bytes: Uint8Array): Promise<void> {
    this.chunks.push(bytes);
    this.buffered += bytes.length;
    this.bytes += bytes.length;
    if (this.buffered >= this.partBytes) await this.uploadPart();
  }

  private take(): Buffer {
    const body = Buffer.concat(this.chunks, this.buffered);
    this.chunks.length = 0;
    this.buffered = 0;
    return body;
  }

  private async uploadPart(): Promise<void> {
    if (this.uploadId === null) {
      const created = await this.s3.send(
        new CreateMultipartUploadCommand({
          Bucket: this.bucket,
          Key: this.key,
          ContentType: this.options.contentType,
          ContentEncoding: this.options.contentEncoding,
          Metadata: this.options.metadata,
        }),
      );
      this.uploadId = created.UploadId ?? null;
      if (this.uploadId === null) throw new Error(`CreateMultipartUpload of ${this.key} returned no upload id`);
    }
    const PartNumber = this.parts.length + 1;
    const part = await this.s3.send(new UploadPartCommand({ Bucket: this.bucket, Key: this.key, UploadId: this.uploadId, PartNumber, Body: this.take() }));
    this.parts.push({ PartNumber, ETag: part.ETag });
  }

  /** Sends what is left and makes the object. Rejects with S3's 412 when `ifNoneMatch` finds the key taken. */
  async finish(): Promise<void> {
    const ifNoneMatch = this.options.ifNoneMatch ? '*' : undefined;
    if (this.uploadId === null) {
      await this.s3.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: this.key,
          Body: this.take(),
          ContentType: this.options.contentType,
          ContentEncoding: this.options.contentEncoding,
          Metadata: this.options.metadata,
          IfNoneMatch: ifNoneMatch,
        }),
      );
      return;
    }
    if (this.buffered > 0) await this.uploadPart();
    try {
      await this.s3.send(
        new CompleteMultipartUploadCommand({ Bucket: this.bucket, Key: this.key, UploadId: this.uploadId, MultipartUpload: { Parts: this.parts }, IfNoneMatch: ifNoneMatch }),
      );
    } catch (error) {
      await this.abort();
      throw error;
    }
  }

  /** Gives up the upload (best effort: the lifecycle rule removes what this misses). */
  async abort(): Promise<void> {
    this.chunks.length = 0;
    this.buffered = 0;
    if (this.uploadId === null) return;
    const UploadId = this.uploadId;
    this.uploadId = null;
    await this.s3.send(new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: this.key, UploadId })).catch(() => undefined);
  }
}
