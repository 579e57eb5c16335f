/**
 * A read-ahead buffer over the uncompressed bytes of a WARC file (./members.ts), for the record
 * reader: it can look ahead before it takes (a record's block and the blank line after it are
 * checked before anything is consumed, so a record whose Content-Length lies is read again from
 * its header for the next record), knows the position of its next byte, and stops at the mark of
 * a damaged gzip member instead of reading across it.
 */
import type { BreakPiece, DataPiece, Piece, WarcPosition } from './members.js';

export class ByteQueue {
  private readonly pieces: DataPiece[] = [];
  /** Bytes of pieces[0] already taken. */
  private used = 0;
  private buffered = 0;
  /** A damaged member ahead: nothing is read past it until it is taken. */
  private pendingBreak: BreakPiece | null = null;
  private ended = false;

  constructor(private readonly source: AsyncIterator<Piece>) {}

  /** Bytes that can be taken before the end or the next break. */
  get available(): number {
    return this.buffered - this.used;
  }

  /** Buffers at least `count` bytes, unless the file ends or a break comes first; returns `available`. */
  async fill(count: number): Promise<number> {
    while (this.available < count && this.pendingBreak === null && !this.ended) {
      const next = await this.source.next();
      if (next.done) this.ended = true;
      else if (next.value.kind === 'break') this.pendingBreak = next.value;
      else if (next.value.bytes.length > 0) {
        this.pieces.push(next.value);
        this.buffered += next.value.bytes.length;
      }
    }
    return this.available;
  }

  /** Nothing left to read at all (no bytes, no break). */
  async atEnd(): Promise<boolean> {
    return (await this.fill(1)) === 0 && this.pendingBreak === null;
  }

  /** Whether the buffered bytes run into a damaged member (rather than the end of the file). */
  get breakAhead(): boolean {
    return this.pendingBreak !== null;
  }

  /** The break the buffered bytes run into, when they are all taken; taking it lets reading go on after it. */
  takeBreak(): BreakPiece | null {
    if (this.available > 0 || this.pendingBreak === null) return null;
    const mark = this.pendingBreak;
    this.pendingBreak = null;
    return mark;
  }

  /** Position of the next byte (call after a fill that returned more than 0). */
  position(): WarcPosition {
    const head = this.pieces[0];
    if (!head) throw new Error('ByteQueue.position() with nothing buffered');
    return head.plain ? { offset: head.at.offset + this.used, skip: 0 } : { offset: head.at.offset, skip: head.at.skip + this.used };
  }

  /** The byte `index` bytes ahead (it must be buffered). */
  byteAt(index: number): number {
    let at = index + this.used;
    for (const piece of this.pieces) {
      if (at < piece.bytes.length) return piece.bytes[at]!;
      at -= piece.bytes.length;
    }
    throw new RangeError(`byte ${index} ahead is not buffered`);
  }

  /** Index of `pattern` within the first `limit` buffered bytes, or -1. */
  indexOf(pattern: Uint8Array, limit = this.available): number {
    const end = Math.min(limit, this.available) - pattern.length;
    const first = pattern[0];
    // A flat copy of the region is simpler and fast enough: headers and lines are short.
    const region = this.peek(Math.min(limit, this.available));
    for (let at = region.indexOf(first!); at !== -1 && at <= end; at = region.indexOf(first!, at + 1)) {
      let match = true;
      for (let k = 1; k < pattern.length; k++) {
        if (region[at + k] !== pattern[k]) {
          match = false;
          break;
        }
      }
      if (match) return at;
    }
    return -1;
  }

  /** A copy of the next `count` buffered bytes (fewer if fewer are buffered), without taking them. */
  peek(count: number): Uint8Array {
    return this.copy(count, false);
  }

  /** Takes the next `count` buffered bytes (fewer if fewer are buffered). */
  take(count: number): Uint8Array {
    return this.copy(count, true);
  }

  /** Drops up to `count` bytes, reading on as needed (never past a break); returns how many were dropped. */
  async skip(count: number): Promise<number> {
    let dropped = 0;
    while (dropped < count) {
      if (this.available === 0 && (await this.fill(1)) === 0) break;
      const head = this.pieces[0]!;
      const step = Math.min(count - dropped, head.bytes.length - this.used);
      this.used += step;
      dropped += step;
      this.trim();
    }
    return dropped;
  }

  private copy(count: number, consume: boolean): Uint8Array {
    const length = Math.min(count, this.available);
    const first = this.pieces[0];
    if (first && first.bytes.length - this.used >= length) {
      const bytes = first.bytes.subarray(this.used, this.used + length);
      if (consume) {
        this.used += length;
        this.trim();
      }
      return bytes;
    }
    const out = new Uint8Array(length);
    let written = 0;
    let used = this.used;
    let index = 0;
    while (written < length) {
      const piece = this.pieces[index]!;
      const step = Math.min(length - written, piece.bytes.length - used);
      out.set(piece.bytes.subarray(used, used + step), written);
      written += step;
      used += step;
      if (used === piece.bytes.length) {
        index++;
        used = 0;
      }
    }
    if (consume) {
      this.pieces.splice(0, index);
      this.recount(used);
    }
    return out;
  }

  /** After taking whole pieces: `used` bytes of the new head are taken. */
  private recount(used: number): void {
    this.used = used;
    this.buffered = this.pieces.reduce((sum, piece) => sum + piece.bytes.length, 0);
    this.trim();
  }

  private trim(): void {
    while (this.pieces.length > 0 && this.used >= this.pieces[0]!.bytes.length) {
      this.used -= this.pieces[0]!.bytes.length;
      this.buffered -= this.pieces[0]!.bytes.length;
      this.pieces.shift();
    }
  }
}
