/**
 * Issue 13 §8: the formats scrapes come in. gzip with trailing garbage (as `gzip -d` reads it),
 * HTTP Content-Encoding br and deflate, RSS and Atom feeds (their items are escaped markup),
 * XHTML with CDATA, and a page of control bytes too big to serialize as JSON escapes.
 */
import { gzipSync } from 'node:zlib';
import { SENTENCES, article, documentExpected, inOrder, page, type AdversarialCase } from './kit.js';

const CLASS = '§8 formats';
const ARTICLE = page(article());

export const FORMAT_CASES: readonly AdversarialCase[] = [
  {
    name: 'gzip-trailing-garbage.html.gz',
    description: 'a gzip stream followed by 100 bytes of garbage (gzip -d reads it, with a warning)',
    issueClass: CLASS,
    expect: documentExpected(),
    check: inOrder(SENTENCES),
    bytes: () => Buffer.concat([gzipSync(Buffer.from(ARTICLE)), Buffer.from('garbage after the stream '.repeat(4))]),
  },
  {
    name: 'gzip-trailing-zeros.html.gz',
    description: 'a gzip stream padded with 4 KB of zero bytes (a tape or block-device copy)',
    issueClass: CLASS,
    expect: documentExpected(),
    check: inOrder(SENTENCES),
    bytes: () => Buffer.concat([gzipSync(Buffer.from(ARTICLE)), Buffer.alloc(4096)]),
  },
];
