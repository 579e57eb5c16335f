import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeEventKey, encodeEventKey, MalformedKeyError } from '../../src/pipeline/event-keys.js';

describe('object keys in S3 notifications', () => {
  // Keys as S3 writes them into notifications (form-URL-encoding, slashes kept).
  const examples: Array<[string, string]> = [
    ['red flower.jpg', 'red+flower.jpg'],
    ['a b/c d.html', 'a+b/c+d.html'],
    ['c++/a+b.html', 'c%2B%2B/a%2Bb.html'],
    ['100%.html', '100%25.html'],
    ['%20.html', '%2520.html'],
    ['über/ñ.html', '%C3%BCber/%C3%B1.html'],
    ['東京.html', '%E6%9D%B1%E4%BA%AC.html'],
    ['emoji-😀.txt', 'emoji-%F0%9F%98%80.txt'],
    ['year=2024/month=05/part-0.html', 'year%3D2024/month%3D05/part-0.html'],
    ["it's (draft)!~.html", 'it%27s+%28draft%29%21%7E.html'],
    ['plain-key_1.2*3.html', 'plain-key_1.2*3.html'],
  ];

  it.each(examples)('decodes %j from %j', (key, encoded) => {
    expect(decodeEventKey(encoded)).toBe(key);
  });

  it.each(examples)('encodes %j as %j', (key, encoded) => {
    expect(encodeEventKey(key)).toBe(encoded);
  });

  it('turns + into a space before percent-decoding, so %2B stays a plus', () => {
    expect(decodeEventKey('a+%2B+b')).toBe('a + b');
  });

  it('accepts lower-case hex and an encoded slash', () => {
    expect(decodeEventKey('%c3%bc%2Fx')).toBe('ü/x');
  });

  it('rejects broken percent sequences with a typed error', () => {
    expect(() => decodeEventKey('bad%E3%81.html')).toThrow(MalformedKeyError);
    expect(() => decodeEventKey('100%.html')).toThrow(MalformedKeyError);
  });

  it('round-trips any key', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 60 }), (key) => {
        const encoded = encodeEventKey(key);
        expect(encoded).toMatch(/^[A-Za-z0-9\-_.*/+%]*$/);
        expect(decodeEventKey(encoded)).toBe(key);
      }),
    );
  });
});
