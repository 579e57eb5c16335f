/**
 * The decoder of the single-byte encodings the core reads by a table of its own where the runtime's
 * TextDecoder does not follow the Encoding Standard (windows-1252's C1 range in ./decode.ts,
 * ISO-8859-16 in ./iso-8859-16.ts); the double-byte ones are ./double-byte.ts.
 */

/**
 * Bytes of a single-byte encoding as text: the bytes from `first` on that `table` covers read as its
 * characters (one UTF-16 code unit each), every other byte as its own code point.
 */
export function decodeSingleByte(bytes: Uint8Array, first: number, table: string): string {
  const units = new Uint16Array(bytes.length);
  const end = first + table.length;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!;
    units[i] = byte >= first && byte < end ? table.charCodeAt(byte - first) : byte;
  }
  return new TextDecoder('utf-16le').decode(units);
}

/**
 * Bytes 0x80-0x9F of windows-1252 (the WHATWG index): curly quotes, dashes, the euro sign.
 * Node 20's TextDecoder decodes "windows-1252" (and so "latin1" and "iso-8859-1", which the
 * Encoding Standard maps to it) as ISO-8859-1, turning these bytes into invisible C1 controls;
 * there ./decode.ts reads them by this table; where the runtime is right, its decoder is used.
 */
export const WINDOWS_1252_C1 = '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';
/** The first byte the table reads (0x80-0x9F, the C1 range). */
export const WINDOWS_1252_C1_FIRST = 0x80;
