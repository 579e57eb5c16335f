/**
 * Stands in for pako in the clean function's bundle. warcio imports pako at its top (its reader
 * subclasses pako's Inflate when the module loads; its serializer may deflate with it), but it
 * inflates only readers built with a compression, and src/core/warc builds none: gzip members
 * are inflated by node:zlib in src/core/warc/members.ts, Content-Encodings in
 * src/core/content-encoding.ts. pako's inflater was 22 KB of the minified bundle.
 *
 * The constructors exist so that warcio's module loads; calling one fails with a clear error.
 */
import { leftOut } from './left-out.js';

/** A constructor (a function declaration: warcio's class extends it when its module loads) that fails when called. */
function PakoLeftOut(): never {
  throw leftOut('pako (warcio inflating or deflating by itself)', 'build warcio readers without a compression (null), as src/core/warc does; gzip is inflated by node:zlib');
}

export default { Inflate: PakoLeftOut, Deflate: PakoLeftOut };
