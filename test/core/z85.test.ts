/**
 * Z85, the text form of the compressed data the Lambda bundles (src/core/z85.ts): ZeroMQ's test
 * vector, any length read back, and no character a JSON or JavaScript string would have to escape.
 */
import { describe, expect, it } from 'vitest';
import { decodeZ85, encodeZ85 } from '../../src/core/z85.js';
import { prng } from '../../scripts/prng.js';

describe('Z85', () => {
  it('writes ZeroMQ\'s test vector as the specification does', () => {
    const bytes = Uint8Array.of(0x86, 0x4f, 0xd2, 0x6f, 0xb5, 0x59, 0xf7, 0x5b);
    expect(encodeZ85(bytes)).toBe('HelloWorld');
    expect([...decodeZ85('HelloWorld')]).toEqual([...bytes]);
  });

  it('reads back bytes of every length, the extremes of a group included, in 5 characters for 4 bytes', () => {
    const random = prng(85);
    for (let length = 0; length < 70; length++) {
      const bytes = Uint8Array.from({ length }, () => Math.floor(random() * 256));
      const text = encodeZ85(bytes);
      expect(text).toHaveLength(Math.ceil((length * 5) / 4));
      expect([...decodeZ85(text)]).toEqual([...bytes]);
    }
    for (const bytes of [[0xff, 0xff, 0xff, 0xff, 0xff], [0], [0xff], [0, 0, 0, 0, 0, 0]]) expect([...decodeZ85(encodeZ85(Uint8Array.from(bytes)))]).toEqual(bytes);
  });

  it('writes no quote, backslash or character outside ASCII, and refuses a text that is not Z85', () => {
    const text = encodeZ85(Uint8Array.from({ length: 256 * 4 }, (_, i) => (i * 97) % 256));
    expect(text).toMatch(/^[\x21-\x7e]*$/);
    expect(text).not.toMatch(/["'`\\]/);
    expect(JSON.stringify(text)).toBe(`"${text}"`);
    expect(() => decodeZ85('Hell"')).toThrow(/not a Z85 character/);
    expect(() => decodeZ85('Hello1')).toThrow(/lone character/);
    expect(() => decodeZ85('#####')).toThrow(/past 32 bits/);
  });
});
