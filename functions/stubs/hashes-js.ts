/**
 * Stands in for the AWS SDK's JavaScript implementations of SHA-256, SHA-1 and MD5 (Sha256Js of
 * @smithy/core/checksum, Sha1Js of @aws-sdk/checksums/sha, Md5Js of @smithy/core/checksum) in the
 * clean function's bundle (lib/function-bundle.ts SDK_NATIVE_HASHES). The S3 client hashes with
 * Sha256Node, Sha1Node and Md5Node, which use node:crypto and fall back to the JavaScript class
 * only when node:crypto cannot make that hash (they try createHash once, when their module
 * loads). Node always makes SHA-256 and SHA-1; MD5 only outside FIPS mode, and no operation the
 * function sends (GetObject, HeadObject, PutObject) hashes with MD5: their checksums are CRC32
 * and the algorithms of the x-amz-checksum-* headers, all but MD5. The three classes were 7.6 KB
 * of the minified bundle; constructing one here fails with a clear error.
 */
import { leftOut } from './left-out.js';

function hashLeftOut(name: string): never {
  throw leftOut(`${name} (the AWS SDK hashing in JavaScript)`, 'the SDK hashes with node:crypto, which makes SHA-256 and SHA-1 always and MD5 outside FIPS mode');
}

/** Constructors (the Node classes' modules name them as their fallback when they load) that fail when called. */
export function Sha256Js(): never {
  hashLeftOut('Sha256Js');
}

export function Sha1Js(): never {
  hashLeftOut('Sha1Js');
}

export function Md5Js(): never {
  hashLeftOut('Md5Js');
}
