/**
 * Builds WARC files for the tests with warcio's own writer (WARCRecord.create + WARCSerializer),
 * the way crawlers that use warcio write them: gzipped per record, or not; plus the damage the
 * reader must survive, made by hand from those bytes.
 */
import { gzipSync } from 'node:zlib';
import { WARCRecord, WARCSerializer } from 'warcio';

export interface RecordSpec {
  readonly type: 'response' | 'resource' | 'revisit' | 'request' | 'warcinfo' | 'metadata';
  readonly url?: string;
  readonly date?: string;
  /** HTTP headers (response, request, revisit). */
  readonly httpHeaders?: Record<string, string>;
  readonly statusline?: string;
  readonly payload?: Uint8Array | string;
  /** WARC headers beside the ones warcio sets (Content-Type of a resource, WARC-Record-ID …). */
  readonly warcHeaders?: Record<string, string>;
  readonly warcVersion?: 'WARC/1.0' | 'WARC/1.1';
}

const encoder = new TextEncoder();

/** One record, serialized by warcio: gzipped as its own member when `gzip` is set. */
export async function warcRecord(spec: RecordSpec, gzip = false): Promise<Uint8Array> {
  const payload = typeof spec.payload === 'string' ? encoder.encode(spec.payload) : (spec.payload ?? new Uint8Array(0));
  const record = WARCRecord.create(
    {
      url: spec.url,
      date: spec.date ?? '2024-03-14T09:12:03Z',
      type: spec.type,
      warcVersion: spec.warcVersion ?? 'WARC/1.1',
      httpHeaders: spec.httpHeaders,
      statusline: spec.statusline,
      warcHeaders: spec.warcHeaders,
    },
    (async function* () {
      if (payload.length > 0) yield payload;
    })(),
  );
  // warcio's gzip goes through CompressionStream; per-record members are what matter here, so
  // the record is gzipped with node:zlib, which every Node version has.
  const bytes = await WARCSerializer.serialize(record, { gzip: false });
  return gzip ? gzipSync(bytes) : bytes;
}

/** A whole file: the records one after another (each its own member when `gzip` is 'record'), or gzipped as one member. */
export async function warcFile(specs: readonly RecordSpec[], gzip: 'none' | 'record' | 'file' = 'none'): Promise<Uint8Array> {
  const records = await Promise.all(specs.map((spec) => warcRecord(spec, gzip === 'record')));
  const joined = Buffer.concat(records);
  return gzip === 'file' ? gzipSync(joined) : joined;
}

export function htmlResponse(url: string, html: Uint8Array | string, headers: Record<string, string> = {}, statusline = 'HTTP/1.1 200 OK'): RecordSpec {
  return { type: 'response', url, statusline, httpHeaders: { 'Content-Type': 'text/html; charset=utf-8', ...headers }, payload: html };
}

/** `bytes` in the chunked transfer encoding, in chunks of `size`. */
export function chunked(bytes: Uint8Array, size: number): Uint8Array {
  const parts: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += size) {
    const piece = bytes.subarray(at, at + size);
    parts.push(encoder.encode(`${piece.length.toString(16)}\r\n`), piece, encoder.encode('\r\n'));
  }
  parts.push(encoder.encode('0\r\n\r\n'));
  return Buffer.concat(parts);
}

/** The whole of an async iterable source, as the reader gets a stream: in chunks of `size`. */
export async function* inChunks(bytes: Uint8Array, size = 4096): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

/**
 * A record written by hand, as scripts and other writers make them: `version`, the header fields as given and the
 * Content-Length of `block` (or `length`, a wrong one), lines ended by `eol`, then the block and a blank line.
 */
export function handRecord(fields: Record<string, string>, block: Uint8Array | string, eol = '\r\n', length?: number): Uint8Array {
  const bytes = typeof block === 'string' ? encoder.encode(block) : block;
  const lines = ['WARC/1.1', ...Object.entries({ ...fields, 'Content-Length': String(length ?? bytes.length) }).map(([name, value]) => `${name}: ${value}`)];
  return Buffer.concat([encoder.encode(lines.join(eol) + eol + eol), bytes, encoder.encode(eol + eol)]);
}

/** The block of a response record: an HTTP head (lines ended by `eol`) and the payload. */
export function httpBlock(payload: Uint8Array | string, contentType = 'text/html; charset=utf-8', eol = '\r\n'): Uint8Array {
  return Buffer.concat([encoder.encode(`HTTP/1.1 200 OK${eol}Content-Type: ${contentType}${eol}${eol}`), typeof payload === 'string' ? encoder.encode(payload) : payload]);
}

/** WARC header fields of a response record. */
export function responseFields(url: string, id: string, more: Record<string, string> = {}): Record<string, string> {
  return { 'WARC-Type': 'response', 'WARC-Record-ID': `<urn:uuid:${id}>`, 'WARC-Target-URI': url, 'WARC-Date': '2024-03-14T09:12:03Z', 'Content-Type': 'application/http; msgtype=response', ...more };
}

/**
 * A segmented response record: the first segment (a response with WARC-Segment-Number 1) and its continuation
 * records, `block` cut at `cuts`; the last says WARC-Segment-Total-Length. In segment order.
 */
export function segmentedRecord(url: string, id: string, block: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const edges = [0, ...cuts, block.length];
  return edges.slice(1).map((end, k) => {
    const piece = block.subarray(edges[k], end);
    if (k === 0) return handRecord(responseFields(url, id, { 'WARC-Segment-Number': '1' }), piece);
    const last: Record<string, string> = k === edges.length - 2 ? { 'WARC-Segment-Total-Length': String(block.length) } : {};
    return handRecord(
      { 'WARC-Type': 'continuation', 'WARC-Record-ID': `<urn:uuid:${id}-${k + 1}>`, 'WARC-Target-URI': url, 'WARC-Date': '2024-03-14T09:12:03Z', 'WARC-Segment-Origin-ID': `<urn:uuid:${id}>`, 'WARC-Segment-Number': String(k + 1), ...last },
      piece,
    );
  });
}
