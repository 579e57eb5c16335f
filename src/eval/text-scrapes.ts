/**
 * The corpus's HTML pages as plain-text scrapes (./inner-text.ts), for the text-mode figures of
 * `npm run eval`, the text model of `npm run train` and `npm run text-scrapes` (which writes them
 * out to look at). Conversion runs in memory each time (about as fast as cleaning the pages):
 * corpus-derived text is never committed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decode } from '../core/decode.js';
import { resolveOptions } from '../core/options.js';
import { innerTextOf, type InnerTextVariant } from './inner-text.js';

export type TextScrapeSet = 'modern-web' | 'trafilatura-eval' | 'segments-dev';

/** The text of one corpus HTML file (gzipped or not), both variants; null when the bytes cannot be decoded. */
export function textScrapeOf(path: string): Record<InnerTextVariant, string> | null {
  let decoded;
  try {
    decoded = decode({ bytes: readFileSync(path), name: path.replace(/\.gz$/, '') }, resolveOptions().maxBytes);
  } catch {
    return null;
  }
  if (decoded.format === 'text') return { blank: decoded.text, plain: decoded.text.replace(/\n[^\S\n]*(?:\n[^\S\n]*)+/g, '\n') };
  return innerTextOf(decoded.text);
}

/** Where a set's HTML page lives in the corpus. */
export function corpusPagePath(corpus: string, set: TextScrapeSet, file: string): string {
  return set === 'modern-web' ? join(corpus, 'modern-web', 'html', file) : join(corpus, 'trafilatura-eval', 'html', `${file}.gz`);
}
