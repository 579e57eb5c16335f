/**
 * The bytes of a WARC file as the record reader sees them: uncompressed, each piece with the
 * place in the stored file it came from, and a mark where a damaged gzip member was dropped.
 *
 * WARC files are stored gzipped per record (one gzip member per record: what the WARC standard
 * recommends and what Common Crawl, Heritrix and warcio write), gzipped whole (one member), or
 * not at all. A member is the unit that can be read on its own, so a position in a WARC is
 * `{ offset, skip }`: the byte offset of a member in the stored file (of the byte itself in an
 * uncompressed file) and how many uncompressed bytes of that member come before it. A reader
 * can start at any such position with a ranged read of the stored file.
 *
 * Members are inflated by node:zlib, one raw-deflate stream per member with the gzip header and
 * trailer (CRC-32, length) read here: a gunzip stream would run concatenated members together
 * without saying where one ends, and the member boundaries are what ranges and
 * resynchronisation are made of. A raw inflater stops at the end of its deflate data and counts
 * the input it used (`bytesWritten`), which is where the trailer starts. (pako did this before,
 * at about a third of zlib's speed and 22 KB of the Lambda bundle; warcio still imports pako, but
 * inflates only readers built with a compression, which src/core/warc never builds: the bundle
 * aliases pako to a stub, functions/stubs/pako.ts.)
 */
import { crc32, createInflateRaw, type InflateRaw } from 'node:zlib';
import { GZIP_TRAILER_BYTES, MEMBER_HEADER_CUT, memberDataStart } from '../content-encoding.js';
import { WARC_LIMITS } from './limits.js';

/** Where a byte of a WARC file is: see the module comment. */
export interface WarcPosition {
  /** Byte offset in the stored file: of the gzip member holding the byte, or of the byte itself when uncompressed. */
  readonly offset: number;
  /** Uncompressed bytes of that member before the byte (always 0 in an uncompressed file). */
  readonly skip: number;
}

/** Uncompressed bytes, and the position of their first byte. */
export interface DataPiece {
  readonly kind: 'data';
  readonly bytes: Uint8Array;
  readonly at: WarcPosition;
  /** True when the file is uncompressed: byte i of `bytes` is at offset + i. */
  readonly plain: boolean;
}

/**
 * A gzip member that could not be inflated: its bytes from the failure on are dropped. What
 * comes after a break starts afresh (a new member). `silent` marks the breaks met while looking
 * for the next good member after a damaged one (a gzip header's bytes inside the damaged data):
 * they are part of the same damage, already reported.
 */
export interface BreakPiece {
  readonly kind: 'break';
  /** The member's offset in the stored file. */
  readonly offset: number;
  readonly message: string;
  readonly silent: boolean;
}

export type Piece = DataPiece | BreakPiece;

/** ID1, ID2 and CM (deflate) of a gzip member header (RFC 1952); the flag byte after them has its top 3 bits clear. */
const GZIP_MAGIC = [0x1f, 0x8b, 0x08] as const;
const GZIP_HEADER_CHECKED = 4;
const GZIP_RESERVED_FLAGS = 0xe0;

/**
 * Raw bytes of a member kept for a second look when it turns out damaged: a member cut short
 * (a truncated record) is inflated on into the next member's bytes, fails there, and the next
 * member is found again from the damaged member's start. Per-record members are small (Common
 * Crawl truncates payloads at 1 MiB); in a longer member the search starts where inflating failed.
 */
export const MEMBER_RETAIN_BYTES = 8 * 1024 * 1024;

/**
 * Input handed to the inflater at once: it bounds the output of one push (deflate expands at
 * most about 1,032:1, so 16 KiB makes at most 16 MiB) whatever the chunks the stream delivers.
 */
const PUSH_BYTES = 16 * 1024;

function isGzipStart(bytes: Uint8Array, at: number): boolean {
  return bytes[at] === GZIP_MAGIC[0] && bytes[at + 1] === GZIP_MAGIC[1] && bytes[at + 2] === GZIP_MAGIC[2] && ((bytes[at + 3] ?? 0) & GZIP_RESERVED_FLAGS) === 0;
}

/** Index of the next gzip member header in `bytes` from `from` (or of a header the end of `bytes` may cut), or -1. */
function findGzipStart(bytes: Uint8Array, from: number): number {
  for (let at = bytes.indexOf(GZIP_MAGIC[0], from); at !== -1; at = bytes.indexOf(GZIP_MAGIC[0], at + 1)) {
    if (at + GZIP_HEADER_CHECKED > bytes.length || isGzipStart(bytes, at)) return at;
  }
  return -1;
}

const CR = 0x0d;
const LF = 0x0a;
const WARC_MAGIC = [...Buffer.from('WARC/', 'latin1')];
const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;
const CRLFCRLF_LENGTH = 4;
/** A record header longer than this is none (the record reader's WARC_LIMITS.maxHeaderBytes). */
const MAX_RECORD_HEADER_BYTES = WARC_LIMITS.maxHeaderBytes;
/** A Content-Length line of a record header (a field written twice with one value is that value, as the record reader reads it). */
const CONTENT_LENGTH_LINE = /^content-length[ \t]*:[ \t]*(\d+)[ \t]*\r?$/gim;

/**
 * Length of the record header at the start of `bytes` (to the byte after its blank line: CRLF CRLF, or LF LF for a header of
 * LF line ends, whichever comes first, as the record reader takes it), or -1 when it does not end in them. `from`: where
 * the search may start (bytes before it were searched).
 */
function headerLength(bytes: Uint8Array, from: number): number {
  for (let at = bytes.indexOf(LF, from); at !== -1 && at < MAX_RECORD_HEADER_BYTES; at = bytes.indexOf(LF, at + 1)) {
    if (bytes[at + 1] === LF) return at + 2;
    if (bytes[at + 1] === CR && bytes[at + 2] === LF && bytes[at - 1] === CR) return at + 3;
  }
  return -1;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/**
 * A gzip header longer than this is taken as damage: the optional name and comment fields end
 * with a NUL, and a damaged flag byte would otherwise hold the rest of the file as "header".
 */
const MAX_GZIP_HEADER_BYTES = 64 * 1024;

/**
 * Inflated bytes held back until there are this many, or the member has ended. A member cut short
 * inflates on into the next member's bytes, as garbage, until inflating fails: held back, that
 * garbage is dropped with the member, and the record reader sees the damage once (a CORRUPT_GZIP),
 * not also a record that does not end where its length says. (pako, the inflater before, handed
 * its output on in 16 KiB pieces, to the same effect.)
 */
const HELD_OUTPUT_BYTES = 64 * 1024;

/** One gzip member being inflated: its header, its deflate data, its trailer; output collected per push, the end and errors recorded. */
class MemberInflater {
  private output: Uint8Array[] = [];
  private held = 0;
  done = false;
  error: string | null = null;
  /** The header's bytes while it is incomplete; null once the deflate data has started. */
  private header: Uint8Array | null = new Uint8Array(0);
  private inflater: InflateRaw | null = null;
  /** The trailer's bytes once the deflate data has ended; null before. */
  private trailer: Uint8Array | null = null;
  private crc = 0;
  /** Bytes inflated, modulo 2^32 (as the trailer's ISIZE). */
  private size = 0;
  private failure: Error | null = null;

  /** Inflates `input`; returns how many of its bytes were left over after the member ended. */
  async push(input: Uint8Array): Promise<number> {
    let rest = input;
    if (this.header) {
      const header = concat(this.header, input);
      const start = memberDataStart(header, 0);
      if (start === MEMBER_HEADER_CUT && header.length <= MAX_GZIP_HEADER_BYTES) {
        this.header = header;
        return 0;
      }
      if (start < 0) return this.fail('the gzip header is damaged');
      this.header = null;
      this.inflater = this.startInflater();
      rest = header.subarray(start);
    }
    const inflater = this.inflater;
    if (inflater && this.trailer === null) {
      if (rest.length === 0) return 0;
      const before = inflater.bytesWritten;
      await new Promise<void>((resolve) => {
        const settle = (): void => {
          inflater.off('error', settle);
          resolve();
        };
        inflater.on('error', settle);
        inflater.write(rest, settle);
      });
      if (this.failure) return this.fail(this.failure.message);
      const used = inflater.bytesWritten - before;
      // All used: the deflate data may go on (if it ended exactly here, the next push uses none of its bytes).
      if (used === rest.length) return 0;
      this.close();
      this.trailer = new Uint8Array(0);
      rest = rest.subarray(used);
    }
    const trailer = concat(this.trailer ?? new Uint8Array(0), rest);
    if (trailer.length < GZIP_TRAILER_BYTES) {
      this.trailer = trailer;
      return 0;
    }
    const view = new DataView(trailer.buffer, trailer.byteOffset, GZIP_TRAILER_BYTES);
    if (view.getUint32(0, true) !== this.crc) return this.fail('incorrect data check');
    if (view.getUint32(4, true) !== this.size) return this.fail('incorrect length check');
    this.done = true;
    return trailer.length - GZIP_TRAILER_BYTES;
  }

  /** The inflated bytes to hand on now: none while fewer than HELD_OUTPUT_BYTES are held before the member's end, none of a damaged member's last ones. */
  take(): Uint8Array[] {
    if (this.error !== null || (!this.done && this.held < HELD_OUTPUT_BYTES)) return [];
    this.held = 0;
    return this.output.splice(0);
  }

  /** Frees the inflater (zlib's state and window): at the member's end, on damage, or when the file ends inside the member. */
  close(): void {
    this.inflater?.destroy();
    this.inflater = null;
  }

  private startInflater(): InflateRaw {
    const inflater = createInflateRaw();
    inflater.on('data', (chunk: Buffer) => {
      this.output.push(chunk);
      this.held += chunk.length;
      this.crc = crc32(chunk, this.crc);
      this.size = (this.size + chunk.length) >>> 0;
    });
    inflater.on('error', (error: Error) => {
      this.failure ??= error;
    });
    return inflater;
  }

  private fail(message: string): number {
    this.close();
    this.done = true;
    this.error = message;
    return 0;
  }
}

/**
 * The pieces of a stored WARC file (or of the part of it that starts at `start.offset`, which
 * must be the offset of a gzip member or of a record). Gzip members are inflated; uncompressed
 * records are handed on as they are, each framed by its header's `Content-Length`, so that a gzip
 * member right after one is found too: a file whose writer mixed the two (records appended
 * uncompressed to a gzipped file, or the other way round) lost every record after the first change
 * (one CORRUPT_RECORD or a CORRUPT_GZIP per member, the records after it unread). The first bytes
 * say what the file is: after an uncompressed start, bytes that are neither a record, a blank line
 * nor a member are handed on as they come (the record reader reports them and finds the next
 * `WARC/` line); after a gzip start, bytes between members that are not a record are damage.
 * Of a gzip member at the start, the first `start.skip` uncompressed bytes are dropped.
 */
export async function* warcPieces(source: AsyncIterable<Uint8Array>, start: WarcPosition = { offset: 0, skip: 0 }): AsyncGenerator<Piece> {
  const iterator = source[Symbol.asyncIterator]();
  let pending: Uint8Array = new Uint8Array(0);
  let ended = false;
  /** Offset in the stored file of pending[0]. */
  let rawOffset = start.offset;

  async function more(): Promise<boolean> {
    if (ended) return false;
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      return false;
    }
    pending = concat(pending, next.value instanceof Uint8Array ? next.value : new Uint8Array(next.value));
    return true;
  }

  /** Hands on the next `count` bytes as they are (fewer when the file ends first). */
  async function* plainBytes(count: number): AsyncGenerator<DataPiece> {
    let left = count;
    while (left > 0 && (pending.length > 0 || (await more()))) {
      const bytes = pending.subarray(0, left);
      yield { kind: 'data', bytes, at: { offset: rawOffset, skip: 0 }, plain: true };
      rawOffset += bytes.length;
      pending = pending.subarray(bytes.length);
      left -= bytes.length;
    }
  }

  /**
   * Bytes of what starts at pending[0] when it is uncompressed: an uncompressed record (its header and the
   * `Content-Length` bytes of its block, as the record reader frames it), or a run of blank lines or a UTF-8 byte order
   * mark (which the record reader passes). 0 when it is none of them: a record whose header does not end or names no one
   * length, or anything else.
   */
  async function uncompressedLength(): Promise<number> {
    const first = pending[0];
    if (first === CR || first === LF) {
      let at = 0;
      while (at < pending.length && (pending[at] === CR || pending[at] === LF)) at++;
      return at;
    }
    if (UTF8_BOM.every((byte, k) => pending[k] === byte)) return UTF8_BOM.length;
    while (pending.length < WARC_MAGIC.length && (await more()));
    if (!WARC_MAGIC.every((byte, k) => pending[k] === byte)) return 0;
    let headerEnd = -1;
    for (let searched = 0; ; ) {
      headerEnd = headerLength(pending, searched);
      if (headerEnd !== -1 || pending.length >= MAX_RECORD_HEADER_BYTES) break;
      searched = Math.max(0, pending.length - CRLFCRLF_LENGTH);
      if (!(await more())) break;
    }
    if (headerEnd === -1) return 0;
    const lengths = new Set<string>();
    for (const [, value] of Buffer.from(pending.buffer, pending.byteOffset, headerEnd).toString('latin1').matchAll(CONTENT_LENGTH_LINE)) lengths.add(value!);
    return lengths.size === 1 ? headerEnd + Number([...lengths][0]) : 0;
  }

  while (pending.length < GZIP_HEADER_CHECKED && (await more()));
  if (pending.length === 0) return;
  /** A gzip member was met (the file starts with one, or one came after uncompressed records): bytes between members that are no uncompressed record are damage. */
  let gzipped = false;
  /** An uncompressed file whose framing was lost (a record without one length, garbage): the rest as it comes. */
  let asItComes = false;

  let toSkip = start.skip;
  /** Looking for the next good member after a damaged one: what is dropped meanwhile is the same damage. */
  let afterDamage = false;
  /** Bytes between members, from `garbageAt` on: damage, unless they are zero padding (some writers pad to a block size) or part of a damage already reported. */
  let garbageAt = -1;
  let garbageBytes = 0;
  let garbageZeros = true;
  const dropGarbage = (bytes: Uint8Array): void => {
    if (bytes.length === 0) return;
    if (garbageAt === -1) garbageAt = rawOffset;
    garbageBytes += bytes.length;
    garbageZeros &&= bytes.every((byte) => byte === 0);
    rawOffset += bytes.length;
  };
  const garbage = (): BreakPiece[] => {
    const offset = garbageAt;
    const bytes = garbageBytes;
    const reported = !afterDamage && !garbageZeros && bytes > 0;
    garbageAt = -1;
    garbageBytes = 0;
    garbageZeros = true;
    return reported ? [{ kind: 'break', offset, message: `${bytes} bytes at offset ${offset} are not a gzip member`, silent: false }] : [];
  };
  while (true) {
    // At a member or record boundary.
    while (pending.length < GZIP_HEADER_CHECKED && (await more()));
    if (pending.length === 0) {
      yield* garbage();
      return;
    }
    if (asItComes) {
      yield* plainBytes(Infinity);
      return;
    }
    if (!isGzipStart(pending, 0)) {
      const length = await uncompressedLength();
      if (length > 0) {
        yield* plainBytes(length);
        afterDamage = false;
        continue;
      }
      if (!gzipped) {
        asItComes = true;
        continue;
      }
      // Damage: bytes up to the next member header, unless zeros.
      let at = findGzipStart(pending, 1);
      while (at === -1 || at + GZIP_HEADER_CHECKED > pending.length) {
        const keep = at === -1 ? Math.min(pending.length, GZIP_HEADER_CHECKED - 1) : pending.length - at;
        dropGarbage(pending.subarray(0, pending.length - keep));
        pending = pending.subarray(pending.length - keep);
        if (!(await more())) {
          dropGarbage(pending);
          pending = new Uint8Array(0);
          yield* garbage();
          return;
        }
        at = findGzipStart(pending, 0);
      }
      dropGarbage(pending.subarray(0, at));
      pending = pending.subarray(at);
      yield* garbage();
    }
    gzipped = true;

  // Inflate one member.
    const memberOffset = rawOffset;
    const member = new MemberInflater();
    /** Raw bytes of the member so far, while it is short enough to look through again. */
    let retained: Uint8Array[] | null = [];
    let fed = 0;
    let emitted = 0;
    let input: Uint8Array = new Uint8Array(0);
    let leftover = 0;
    try {
      while (!member.done) {
        if (pending.length === 0 && !(await more())) break;
        input = pending.subarray(0, PUSH_BYTES);
        pending = pending.subarray(input.length);
        fed += input.length;
        if (retained) {
          retained.push(input);
          if (fed > MEMBER_RETAIN_BYTES) retained = null;
        }
        leftover = await member.push(input);
        for (const bytes of member.take()) {
          let piece = bytes;
          if (toSkip > 0) {
            const dropped = Math.min(toSkip, piece.length);
            toSkip -= dropped;
            emitted += dropped;
            piece = piece.subarray(dropped);
          }
          if (piece.length > 0) yield { kind: 'data', bytes: piece, at: { offset: memberOffset, skip: emitted }, plain: false };
          emitted += piece.length;
        }
      }
    } finally {
      // The file ended inside the member, or the reader stopped reading: free the inflater.
      member.close();
    }
    if (member.done && member.error === null) {
      // The bytes of the last push after the member's end belong to what follows.
      if (leftover > 0) pending = concat(input.subarray(input.length - leftover), pending);
      rawOffset = memberOffset + fed - leftover;
      afterDamage = false;
      continue;
    }
    // Damaged or cut short: say so, then look for the next member after this one's first byte.
    const message = member.error ?? 'the gzip member is truncated (the file ends inside it)';
    yield { kind: 'break', offset: memberOffset, message: `gzip member at offset ${memberOffset}: ${message}`, silent: afterDamage };
    afterDamage = true;
    if (retained) {
      pending = concat(Buffer.concat(retained).subarray(1), pending);
      rawOffset = memberOffset + 1;
    } else {
      // Too long to keep: the search goes on after the bytes given to the inflater.
      rawOffset = memberOffset + fed;
    }
  }
}
