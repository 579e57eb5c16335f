/**
 * Reads an S3 object body into one buffer, never holding more than `maxBytes`: the size check
 * before the read uses the declared length, and this cap holds even if the declared length is
 * wrong or absent. A body shorter than its Content-Length is a dropped connection (transient).
 */
import { CleanError } from '../core/errors.js';
import { TruncatedBodyError } from './failures.js';

interface Destroyable {
  destroy?: (error?: Error) => void;
}

function isAsyncIterable(value: unknown): value is AsyncIterable<Uint8Array | string> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

/** Releases the connection of a body that will not be read to the end. */
export function discardBody(body: unknown): void {
  (body as Destroyable | null | undefined)?.destroy?.();
}

export function tooLarge(bytes: number | string, maxBytes: number): CleanError {
  return new CleanError('TOO_LARGE', `object is ${bytes} bytes, over the ${maxBytes}-byte limit (MAX_OBJECT_BYTES)`);
}

export async function readBody(body: unknown, maxBytes: number, declaredBytes?: number | null): Promise<Uint8Array> {
  if (body === undefined || body === null) return new Uint8Array(0);
  if (!isAsyncIterable(body)) {
    // Not a Node stream (a browser ReadableStream wrapped by the SDK): let the SDK collect it.
    const collect = (body as { transformToByteArray?: () => Promise<Uint8Array> }).transformToByteArray;
    if (!collect) throw new TypeError('unsupported object body: neither a stream nor an SDK payload');
    const bytes = await collect.call(body);
    if (bytes.length > maxBytes) throw tooLarge(bytes.length, maxBytes);
    return bytes;
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of body) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    total += bytes.length;
    if (total > maxBytes) {
      discardBody(body);
      throw tooLarge(`more than ${maxBytes}`, maxBytes);
    }
    chunks.push(bytes);
  }
  if (declaredBytes !== undefined && declaredBytes !== null && total < declaredBytes) {
    throw new TruncatedBodyError(`object body ended after ${total} of ${declaredBytes} bytes`);
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
}
