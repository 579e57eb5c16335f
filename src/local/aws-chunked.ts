/**
 * Decoder of the `aws-chunked` content encoding. Current AWS SDKs and CLIs upload streams in it
 * (SigV4 streaming, with a checksum trailer): `<hex size>[;chunk-signature=…]\r\n<bytes>\r\n`
 * … `0\r\n<trailers>\r\n\r\n`. S3 decodes it before storing; s3rver does not and would store the
 * framing as part of the object, so the local server decodes it in front of s3rver.
 */
import { Transform, type TransformCallback } from 'node:stream';

export class AwsChunkedDecodeError extends Error {
  override readonly name = 'AwsChunkedDecodeError';
}

const CRLF = Buffer.from('\r\n');
/** Longest chunk header line accepted (size, extensions, signature). */
const MAX_HEADER_LINE = 4096;

export class AwsChunkedDecoder extends Transform {
  #pending: Buffer = Buffer.alloc(0);
  /** Bytes of chunk data still to pass through, then the CRLF after them. */
  #remaining = 0;
  #state: 'header' | 'data' | 'data-end' | 'trailer' = 'header';

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.#pending = this.#pending.length ? Buffer.concat([this.#pending, chunk]) : chunk;
    try {
      this.#drain();
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  override _flush(callback: TransformCallback): void {
    if (this.#state !== 'trailer') callback(new AwsChunkedDecodeError(`aws-chunked body ended inside a chunk (${this.#state})`));
    else callback();
  }

  #drain(): void {
    for (;;) {
      if (this.#state === 'trailer') {
        this.#pending = Buffer.alloc(0); // trailers (checksums) are not kept
        return;
      }
      if (this.#state === 'data') {
        if (this.#pending.length === 0) return;
        const take = Math.min(this.#remaining, this.#pending.length);
        this.push(this.#pending.subarray(0, take));
        this.#pending = this.#pending.subarray(take);
        this.#remaining -= take;
        if (this.#remaining > 0) return;
        this.#state = 'data-end';
      }
      if (this.#state === 'data-end') {
        if (this.#pending.length < CRLF.length) return;
        if (!this.#pending.subarray(0, CRLF.length).equals(CRLF)) throw new AwsChunkedDecodeError('aws-chunked: missing CRLF after chunk data');
        this.#pending = this.#pending.subarray(CRLF.length);
        this.#state = 'header';
      }
      const end = this.#pending.indexOf(CRLF);
      if (end < 0) {
        if (this.#pending.length > MAX_HEADER_LINE) throw new AwsChunkedDecodeError('aws-chunked: chunk header too long');
        return;
      }
      const header = this.#pending.subarray(0, end).toString('latin1');
      this.#pending = this.#pending.subarray(end + CRLF.length);
      const size = Number.parseInt(header.split(';', 1)[0]!.trim(), 16);
      if (!Number.isSafeInteger(size) || size < 0) throw new AwsChunkedDecodeError(`aws-chunked: bad chunk header ${JSON.stringify(header)}`);
      if (size === 0) {
        this.#state = 'trailer';
        continue;
      }
      this.#remaining = size;
      this.#state = 'data';
    }
  }
}

interface KoaLikeContext {
  req: NodeJS.ReadableStream & { headers: Record<string, string | string[] | undefined> };
}

/**
 * Koa middleware for s3rver: replaces an aws-chunked request body by its decoded bytes and
 * rewrites the headers as S3 sees them after decoding (Content-Length from
 * x-amz-decoded-content-length, aws-chunked removed from Content-Encoding). The rewritten
 * headers no longer match the request's signature, so s3rver runs with mismatched signatures
 * allowed (the access key must still be s3rver's).
 */
export async function decodeAwsChunkedRequests(ctx: KoaLikeContext, next: () => Promise<unknown>): Promise<void> {
  const headers = ctx.req.headers;
  const encodings = String(headers['content-encoding'] ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  if (encodings.includes('aws-chunked')) {
    const rest = encodings.filter((e) => e !== 'aws-chunked');
    if (rest.length) headers['content-encoding'] = rest.join(', ');
    else delete headers['content-encoding'];
    const decoded = headers['x-amz-decoded-content-length'];
    if (decoded !== undefined) headers['content-length'] = String(decoded);
    else delete headers['content-length'];
    const body = ctx.req.pipe(new AwsChunkedDecoder());
    ctx.req = Object.assign(body, { headers });
  }
  await next();
}
