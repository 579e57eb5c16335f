import fc from 'fast-check';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { AwsChunkedDecodeError, AwsChunkedDecoder } from '../../src/local/aws-chunked.js';

/** Encodes `data` in chunks of the given sizes, the way SDKs frame streaming uploads. */
function encode(data: Buffer, sizes: readonly number[], options: { signed?: boolean; trailer?: string } = {}): Buffer {
  const parts: Buffer[] = [];
  let offset = 0;
  const extension = options.signed ? ';chunk-signature=ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648' : '';
  for (const size of sizes) {
    const chunk = data.subarray(offset, offset + size);
    offset += chunk.length;
    if (chunk.length === 0) continue;
    parts.push(Buffer.from(`${chunk.length.toString(16)}${extension}\r\n`), chunk, Buffer.from('\r\n'));
  }
  if (offset < data.length) parts.push(Buffer.from(`${(data.length - offset).toString(16)}${extension}\r\n`), data.subarray(offset), Buffer.from('\r\n'));
  parts.push(Buffer.from(`0${extension}\r\n${options.trailer ? `${options.trailer}\r\n` : ''}\r\n`));
  return Buffer.concat(parts);
}

async function decode(wire: Buffer, pieces: readonly number[] = []): Promise<Buffer> {
  const slices: Buffer[] = [];
  let offset = 0;
  for (const piece of pieces) {
    slices.push(wire.subarray(offset, offset + piece));
    offset += piece;
  }
  slices.push(wire.subarray(offset));
  const out: Buffer[] = [];
  for await (const chunk of Readable.from(slices.filter((s) => s.length > 0)).pipe(new AwsChunkedDecoder())) out.push(chunk as Buffer);
  return Buffer.concat(out);
}

describe('AwsChunkedDecoder', () => {
  it('decodes an unsigned stream with a checksum trailer, as the SDK sends it', async () => {
    const wire = Buffer.from('c\r\n<p>hello</p>\r\n0\r\nx-amz-checksum-crc32:0q77RA==\r\n\r\n');
    expect((await decode(wire)).toString()).toBe('<p>hello</p>');
  });

  it('decodes signed chunks', async () => {
    const data = Buffer.from('x'.repeat(100));
    expect((await decode(encode(data, [64, 36], { signed: true })))).toEqual(data);
  });

  it('decodes whatever the chunk sizes and however the wire is split', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 300 }),
        fc.array(fc.integer({ min: 1, max: 80 }), { maxLength: 6 }),
        fc.array(fc.integer({ min: 1, max: 50 }), { maxLength: 8 }),
        fc.boolean(),
        async (bytes, sizes, pieces, signed) => {
          const data = Buffer.from(bytes);
          expect(await decode(encode(data, sizes, { signed, trailer: 'x-amz-checksum-crc64nvme:AAAAAAAAAAA=' }), pieces)).toEqual(data);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('fails on a body cut inside a chunk or with a broken header', async () => {
    await expect(decode(Buffer.from('10\r\nshort'))).rejects.toThrow(AwsChunkedDecodeError);
    await expect(decode(Buffer.from('zz\r\nabc\r\n0\r\n\r\n'))).rejects.toThrow(AwsChunkedDecodeError);
    await expect(decode(Buffer.from('3\r\nabcXY0\r\n\r\n'))).rejects.toThrow(AwsChunkedDecodeError);
  });
});
