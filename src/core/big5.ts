/**
 * The Encoding Standard's Big5 decoder, which Node's TextDecoder does not follow.
 *
 * On the web "Big5" is Big5 with the Hong Kong Supplementary Character Set (index-big5). Node 20's
 * ICU decoder reads the HKSCS characters as private-use ones, so a Hong Kong page lost the characters
 * of written Cantonese ("我哋嘅車" came out "我" and "車" around two characters no font shows), and it
 * refuses the control pictures at A3C0-A3E0. Here: the runtime's reading of each byte pair but for
 * private-use characters (no character in the standard), with the standard's characters where the
 * runtime reads otherwise laid over it (./big5-hkscs.json, made by scripts/big5-hkscs.ts), and the four
 * pairs the standard reads as a letter and a combining mark. Errors as the standard's decoder has them:
 * a lead byte whose pair is not in the index is U+FFFD, and an ASCII byte after it is read again.
 *
 * The table is bundled in the Lambda (1 MB budget), so it is stored compactly: runs of pointers
 * ([first pointer, length]) and the runs' code points one after another, each as its difference from
 * the one before (zigzag: 2d for d ≥ 0, −2d − 1 below), in LEB128 bytes, Brotli-compressed (node:zlib)
 * and written in Z85 (./z85.ts): 12 KB of the bundle where the characters as UTF-8 took 17 KB.
 */
import { brotliDecompressSync } from 'node:zlib';
import { decodeDoubleByte } from './double-byte.js';
import { decodeZ85 } from './z85.js';
import hkscs from './big5-hkscs.json' with { type: 'json' };

const LEAD_FIRST = 0x81;
const LEAD_LAST = 0xfe;
const TRAILS_PER_LEAD = 157;
const LOW_TRAIL_FIRST = 0x40;
const LOW_TRAIL_LAST = 0x7e;
const HIGH_TRAIL_FIRST = 0xa1;
const HIGH_TRAIL_LAST = 0xfe;
/** Where the high trail bytes' pointers start: after the 63 low ones. */
const HIGH_TRAIL_OFFSET = 0x62;
const REPLACEMENT = 0xfffd;
const PRIVATE_USE_FIRST = 0xe000;
const PRIVATE_USE_LAST = 0xf8ff;
const LINE_FEED = 0x0a;

/** The pointers the standard's decoder reads as two code points (Ê and ê with a macron or caron). */
const TWO_CODE_POINTS: ReadonlyMap<number, string> = new Map([
  [1133, '\u00CA\u0304'],
  [1135, '\u00CA\u030C'],
  [1164, '\u00EA\u0304'],
  [1166, '\u00EA\u030C'],
]);
export const BIG5_TWO_CODE_POINT_POINTERS: ReadonlySet<number> = new Set(TWO_CODE_POINTS.keys());

/** index-big5's pointer of a lead and trail byte, or null for a trail byte outside its ranges. */
export function big5Pointer(lead: number, trail: number): number | null {
  if (trail >= LOW_TRAIL_FIRST && trail <= LOW_TRAIL_LAST) return (lead - LEAD_FIRST) * TRAILS_PER_LEAD + (trail - LOW_TRAIL_FIRST);
  if (trail >= HIGH_TRAIL_FIRST && trail <= HIGH_TRAIL_LAST) return (lead - LEAD_FIRST) * TRAILS_PER_LEAD + (trail - HIGH_TRAIL_OFFSET);
  return null;
}

/** Bits of a LEB128 byte that carry the number; the high bit says another byte follows. */
const LEB128_BITS = 7;
const LEB128_MORE = 0x80;

/** The code points of the stored form: LEB128 zigzag differences, Brotli-compressed, in Z85 (scripts/big5-hkscs.ts writes them). */
export function hkscsCodePoints(stored: string): number[] {
  const bytes = brotliDecompressSync(decodeZ85(stored));
  const codePoints: number[] = [];
  let previous = 0;
  for (let at = 0; at < bytes.length; ) {
    let zigzag = 0;
    for (let shift = 0; ; shift += LEB128_BITS) {
      const byte = bytes[at++]!;
      zigzag += (byte & ~LEB128_MORE) * 2 ** shift;
      if ((byte & LEB128_MORE) === 0) break;
    }
    previous += zigzag % 2 === 0 ? zigzag / 2 : -(zigzag + 1) / 2;
    codePoints.push(previous);
  }
  return codePoints;
}

let index: Uint32Array | null = null;

/** index-big5 as code points (0: no character; the two-code-point pointers are looked up apart), made once. */
function big5Index(): Uint32Array {
  if (index) return index;
  const table = new Uint32Array((LEAD_LAST - LEAD_FIRST + 1) * TRAILS_PER_LEAD);
  // The runtime's readings: every pair, a line feed after each, in one call (a trail byte is never
  // 0x0A, so each line is one pair's reading); a pair it cannot read, or reads as private use, is none.
  const pairs: number[] = [];
  const pointers: number[] = [];
  for (let lead = LEAD_FIRST; lead <= LEAD_LAST; lead++) {
    for (let trail = LOW_TRAIL_FIRST; trail <= HIGH_TRAIL_LAST; trail++) {
      const pointer = big5Pointer(lead, trail);
      if (pointer === null) continue;
      pairs.push(lead, trail, LINE_FEED);
      pointers.push(pointer);
    }
  }
  const readings = new TextDecoder('big5').decode(Uint8Array.from(pairs)).split('\n');
  pointers.forEach((pointer, at) => {
    const reading = readings[at]!;
    const codePoint = reading.codePointAt(0) ?? REPLACEMENT;
    if (reading.length !== String.fromCodePoint(codePoint).length || codePoint === REPLACEMENT) return;
    if (codePoint >= PRIVATE_USE_FIRST && codePoint <= PRIVATE_USE_LAST) return;
    table[pointer] = codePoint;
  });
  const codePoints = hkscsCodePoints(hkscs.codePoints);
  let next = 0;
  for (const [first, length] of hkscs.runs as Array<[number, number]>) {
    for (let pointer = first; pointer < first + length; pointer++) table[pointer] = codePoints[next++]!;
  }
  return (index = table);
}

/** Bytes of Big5 (with HKSCS) as text, by the Encoding Standard's decoder. */
export function decodeBig5(bytes: Uint8Array): string {
  const table = big5Index();
  return decodeDoubleByte(bytes, (lead, trail) => {
    const pointer = big5Pointer(lead, trail);
    return pointer === null ? 0 : (TWO_CODE_POINTS.get(pointer) ?? table[pointer]!);
  });
}
