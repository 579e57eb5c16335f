/**
 * The Encoding Standard's decoder loop of the double-byte encodings whose lead bytes are 0x81-0xFE
 * and which the core decodes itself (Big5: ./big5.ts, EUC-KR: ./euc-kr.ts): an ASCII byte is itself,
 * a lead byte waits for its trail byte, and the pair is read by the encoding's index. Errors as the
 * standard has them: a pair the index does not hold is U+FFFD, and an ASCII trail byte after it is
 * read again as itself; a byte that is neither is U+FFFD, and so is a lead byte the input ends on.
 */
const LEAD_FIRST = 0x81;
const LEAD_LAST = 0xfe;
const ASCII_LAST = 0x7f;
const REPLACEMENT = 0xfffd;
const BMP_LAST = 0xffff;

/**
 * Bytes of a double-byte encoding as text. `read(lead, trail)` is the pair's character: a code point,
 * a string (a pair read as two code points), or 0 when the index holds none.
 */
export function decodeDoubleByte(bytes: Uint8Array, read: (lead: number, trail: number) => number | string): string {
  // A pair is two bytes and at most two UTF-16 units: the text has at most as many units as bytes.
  const units = new Uint16Array(bytes.length);
  let length = 0;
  let lead = 0;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!;
    if (lead !== 0) {
      const character = read(lead, byte);
      lead = 0;
      if (typeof character === 'string') {
        for (let k = 0; k < character.length; k++) units[length++] = character.charCodeAt(k);
        continue;
      }
      if (character > BMP_LAST) {
        const astral = String.fromCodePoint(character);
        units[length++] = astral.charCodeAt(0);
        units[length++] = astral.charCodeAt(1);
        continue;
      }
      if (character !== 0) {
        units[length++] = character;
        continue;
      }
      units[length++] = REPLACEMENT;
      if (byte > ASCII_LAST) continue;
    }
    if (byte <= ASCII_LAST) units[length++] = byte;
    else if (byte >= LEAD_FIRST && byte <= LEAD_LAST) lead = byte;
    else units[length++] = REPLACEMENT;
  }
  if (lead !== 0) units[length++] = REPLACEMENT;
  return new TextDecoder('utf-16le').decode(units.subarray(0, length));
}
