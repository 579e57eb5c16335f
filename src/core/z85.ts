/**
 * Bytes as text in Z85 (ZeroMQ's base-85 alphabet: letters, digits and `.-:+=^!/*?&<>()[]{}@%$#`,
 * no quote and no backslash, so the text goes into JSON and a JavaScript string as it is): five
 * characters for four bytes where base64 takes 5⅓. For the compressed data the Lambda bundles
 * (the models' trees and thresholds, the Big5 HKSCS table), whose bundle has a 1 MB budget.
 * Any length: a last group of n < 4 bytes is written as its first n + 1 characters (as Ascii85 does).
 */
const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#';
const BASE = 85;
const GROUP_BYTES = 4;
const GROUP_CHARACTERS = 5;
/** Each character code's digit, past the alphabet's none (NO_DIGIT). */
const NO_DIGIT = 0xff;
const DIGIT_OF = new Uint8Array(128).fill(NO_DIGIT);
for (let digit = 0; digit < BASE; digit++) DIGIT_OF[ALPHABET.charCodeAt(digit)] = digit;

export function encodeZ85(bytes: Uint8Array): string {
  let text = '';
  for (let at = 0; at < bytes.length; at += GROUP_BYTES) {
    const length = Math.min(GROUP_BYTES, bytes.length - at);
    let value = 0;
    for (let k = 0; k < GROUP_BYTES; k++) value = value * 256 + (k < length ? bytes[at + k]! : 0);
    let group = '';
    for (let k = 0; k < GROUP_CHARACTERS; k++, value = Math.floor(value / BASE)) group = ALPHABET[value % BASE]! + group;
    text += group.slice(0, length + 1);
  }
  return text;
}

export function decodeZ85(text: string): Buffer {
  const bytes = Buffer.alloc(Math.floor((text.length * GROUP_BYTES) / GROUP_CHARACTERS));
  let out = 0;
  for (let at = 0; at < text.length; at += GROUP_CHARACTERS) {
    const length = Math.min(GROUP_CHARACTERS, text.length - at);
    if (length === 1) throw new Error('Z85 text ends with a lone character');
    let value = 0;
    for (let k = 0; k < GROUP_CHARACTERS; k++) {
      // A short last group is padded with the highest digit, which rounds it up to its own bytes.
      const digit = k < length ? (DIGIT_OF[text.charCodeAt(at + k)] ?? NO_DIGIT) : BASE - 1;
      if (digit === NO_DIGIT) throw new Error(`not a Z85 character: ${JSON.stringify(text[at + k])}`);
      value = value * BASE + digit;
    }
    if (value > 0xffffffff) throw new Error('Z85 group past 32 bits');
    for (let k = 0; k < length - 1; k++) bytes[out++] = (value >>> (8 * (GROUP_BYTES - 1 - k))) & 0xff;
  }
  return bytes.subarray(0, out);
}
