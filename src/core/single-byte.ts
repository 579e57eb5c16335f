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
