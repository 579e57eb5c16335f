/**
 * The Encoding Standard's EUC-KR decoder, which Node's TextDecoder does not follow.
 *
 * On the web "EUC-KR" (and its labels ks_c_5601-1987, windows-949, …) is Microsoft's code page 949,
 * Unified Hangul Code: KS X 1001's 2,350 Hangul syllables at their EUC-KR places, and the other
 * 8,822 of Unicode's 11,172 below them, at lead bytes 0x81-0xC6 with trail bytes from 0x41. Korean
 * pages labelled euc-kr hold them ("똠", "햏", "뷁"). Node 20's ICU decoder reads only EUC-KR proper:
 * it drops such a lead byte and reads its trail byte as an ASCII letter ("똠방" came out "c방"),
 * or gives U+FFFD. Here the index is the standard's (index-euc-kr, which is code page 949):
 *
 * - the KS X 1001 part (lead and trail 0xA1-0xFE) read by the runtime's decoder, pair by pair,
 *   but for its user-defined rows, which the runtime reads as private-use characters and the
 *   standard as no character, and with the euro and registered signs KS X 1001:1998 added (A2E6,
 *   A2E7), which the standard's index has and the runtime's lacks;
 * - the Unified Hangul Code part made as Microsoft made it: the syllables KS X 1001 lacks, in
 *   Unicode order, at the pairs of lead 0x81-0xA0 with trails 0x41-0x5A, 0x61-0x7A, 0x81-0xFE,
 *   then lead 0xA1-0xC6 with trails 0x41-0x5A, 0x61-0x7A, 0x81-0xA0, until all 8,822 are placed.
 *
 * Errors as the standard's decoder has them: a lead byte whose pair is not in the index is U+FFFD,
 * and an ASCII byte after it is read again as itself.
 */

import { decodeDoubleByte } from './double-byte.js';

const LEAD_FIRST = 0x81;
const LEAD_LAST = 0xfe;
const TRAIL_FIRST = 0x41;
const TRAIL_LAST = 0xfe;
const TRAILS_PER_LEAD = TRAIL_LAST - TRAIL_FIRST + 1; // 190
const KS_X_1001_FIRST = 0xa1;
const HANGUL_FIRST = 0xac00;
const HANGUL_LAST = 0xd7a3;
const REPLACEMENT = 0xfffd;
const PRIVATE_USE_FIRST = 0xe000;
const PRIVATE_USE_LAST = 0xf8ff;
/** KS X 1001:1998's additions, in the standard's index-euc-kr: pair → character. */
const KS_X_1001_1998: readonly (readonly [number, number, string])[] = [
  [0xa2, 0xe6, '\u20AC'],
  [0xa2, 0xe7, '\u00AE'],
];
/** The last lead byte whose whole trail range (to 0xFE) is Unified Hangul Code; from 0xA1 on only trails below 0xA1 are. */
const UHC_FULL_LEAD_LAST = 0xa0;
/** Trail-byte ranges of the Unified Hangul Code part (letters, lower-case letters, then the high bytes). */
const UHC_TRAIL_RANGES: readonly (readonly [number, number])[] = [
  [0x41, 0x5a],
  [0x61, 0x7a],
  [0x81, 0xfe],
];

let index: Uint16Array | null = null;

function pointer(lead: number, trail: number): number {
  return (lead - LEAD_FIRST) * TRAILS_PER_LEAD + (trail - TRAIL_FIRST);
}

/** index-euc-kr as code units (0: no character), made once. */
function eucKrIndex(): Uint16Array {
  if (index) return index;
  const table = new Uint16Array((LEAD_LAST - LEAD_FIRST + 1) * TRAILS_PER_LEAD);
  // KS X 1001: every pair, a line feed after each, decoded in one call (a trail byte is never 0x0A,
  // so each line is one pair's reading); a pair the runtime cannot read is no character.
  const pairs: number[] = [];
  for (let lead = KS_X_1001_FIRST; lead <= LEAD_LAST; lead++) for (let trail = KS_X_1001_FIRST; trail <= TRAIL_LAST; trail++) pairs.push(lead, trail, 0x0a);
  const readings = new TextDecoder('euc-kr').decode(Uint8Array.from(pairs)).split('\n');
  const inKsX1001 = new Set<number>();
  let at = 0;
  for (let lead = KS_X_1001_FIRST; lead <= LEAD_LAST; lead++) {
    for (let trail = KS_X_1001_FIRST; trail <= TRAIL_LAST; trail++) {
      const reading = readings[at++]!;
      const unit = reading.charCodeAt(0);
      if (reading.length !== 1 || unit === REPLACEMENT || (unit >= PRIVATE_USE_FIRST && unit <= PRIVATE_USE_LAST)) continue;
      table[pointer(lead, trail)] = unit;
      if (unit >= HANGUL_FIRST && unit <= HANGUL_LAST) inKsX1001.add(unit);
    }
  }
  for (const [lead, trail, character] of KS_X_1001_1998) table[pointer(lead, trail)] = character.charCodeAt(0);
  // Unified Hangul Code: the other syllables in Unicode order.
  let syllable = HANGUL_FIRST;
  const next = (): number => {
    while (syllable <= HANGUL_LAST && inKsX1001.has(syllable)) syllable++;
    return syllable <= HANGUL_LAST ? syllable++ : 0;
  };
  for (let lead = LEAD_FIRST; lead <= LEAD_LAST; lead++) {
    for (const [first, last] of UHC_TRAIL_RANGES) {
      for (let trail = first; trail <= last && (lead <= UHC_FULL_LEAD_LAST || trail < KS_X_1001_FIRST); trail++) {
        const unit = next();
        if (unit === 0) return (index = table);
        table[pointer(lead, trail)] = unit;
      }
    }
  }
  return (index = table);
}

/** Bytes of EUC-KR (code page 949) as text, by the Encoding Standard's decoder. */
export function decodeEucKr(bytes: Uint8Array): string {
  const table = eucKrIndex();
  return decodeDoubleByte(bytes, (lead, trail) => (trail >= TRAIL_FIRST && trail <= TRAIL_LAST ? table[pointer(lead, trail)]! : 0));
}
