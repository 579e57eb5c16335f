/**
 * ISO-8859-16 (Latin-10: Romanian "ș" and "ț" with the comma below, „quotes”, the euro sign), an
 * encoding of the Encoding Standard that Node 20's TextDecoder does not have ("not supported"). A
 * page that declared it had its declaration passed over, and detection read its bytes as another
 * Latin encoding: ISO-8859-2 made "ș" the cedilla "ş", the quotes "Ľ…ľ" and "à" "ŕ".
 */
import { decodeSingleByte } from './single-byte.js';

/** The Encoding Standard's name (and only label) of the encoding. */
export const ISO_8859_16 = 'iso-8859-16';

/** Bytes 0xA0-0xFF by the standard's index-iso-8859-16; below them the bytes are their own code points. */
const HIGH_HALF =
  '\u00A0\u0104\u0105\u0141\u20AC\u201E\u0160\u00A7\u0161\u00A9\u0218\u00AB\u0179\u00AD\u017A\u017B' +
  '\u00B0\u00B1\u010C\u0142\u017D\u201D\u00B6\u00B7\u017E\u010D\u0219\u00BB\u0152\u0153\u0178\u017C' +
  '\u00C0\u00C1\u00C2\u0102\u00C4\u0106\u00C6\u00C7\u00C8\u00C9\u00CA\u00CB\u00CC\u00CD\u00CE\u00CF' +
  '\u0110\u0143\u00D2\u00D3\u00D4\u0150\u00D6\u015A\u0170\u00D9\u00DA\u00DB\u00DC\u0118\u021A\u00DF' +
  '\u00E0\u00E1\u00E2\u0103\u00E4\u0107\u00E6\u00E7\u00E8\u00E9\u00EA\u00EB\u00EC\u00ED\u00EE\u00EF' +
  '\u0111\u0144\u00F2\u00F3\u00F4\u0151\u00F6\u015B\u0171\u00F9\u00FA\u00FB\u00FC\u0119\u021B\u00FF';
const HIGH_FIRST = 0xa0;

/** Bytes of ISO-8859-16 as text. */
export function decodeIso885916(bytes: Uint8Array): string {
  return decodeSingleByte(bytes, HIGH_FIRST, HIGH_HALF);
}
