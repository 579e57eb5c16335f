/**
 * npm run split -- --corpus ../shared/corpus
 *
 * Writes eval/split.json: every corpus page assigned to the training or the validation part, by
 * site, before anything is tuned. A site is the page's registrable domain (the host without
 * `www.`, cut to its last two labels, three under a two-letter country code's `co.`/`com.`/`org.`…;
 * for a web.archive.org capture, the archived page's host); all pages of a site fall in the same
 * part, so nothing learned from one page of a site is validated on another page of it.
 *
 * The assignment is a hash of the site with a fixed salt (SALT below), so it needs no state and
 * is the same on every machine: a site goes to validation when the first 32 bits of
 * sha256(SALT + site) fall under VALIDATION_SHARE of their range. segments-dev pages (30 pages of
 * trafilatura-eval with gold segment classes) are also given one of SEGMENT_FOLDS folds by the
 * same hash, for cross-validation by page of the segment-class model.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { commandLine, usageError } from './command-line.js';

/** Share of sites held out for validation (0.4: enough validation pages per modern-web page type, ≥ 10 even for the 34-36 listings and collections). */
const VALIDATION_SHARE = 0.4;
/** Salt of the hash; changing it makes a new split (never do that after tuning has started). */
const SALT = 'scrape-clean split v1:';
const SEGMENT_FOLDS = 5;
const SECOND_LEVEL = new Set(['co', 'com', 'org', 'net', 'gov', 'ac', 'edu', 'or', 'ne', 'go']);

export function siteOf(url: string, file: string): string {
  let host = '';
  try {
    const parsed = new URL(url);
    host = parsed.hostname;
    if (host === 'web.archive.org') {
      const inner = /\/web\/[^/]+\/(https?:\/\/.+)$/.exec(parsed.pathname + parsed.search);
      if (inner) host = new URL(inner[1]!).hostname;
    }
  } catch {
    // Keys like "hard::site.com-slug.html": the site is the file name up to its first hyphen.
    host = file.split('-')[0]!.replace(/\.html?(\.gz)?$/, '');
  }
  const labels = host.toLowerCase().replace(/^www\./, '').split('.').filter(Boolean);
  const keep = labels.length >= 3 && labels[labels.length - 1]!.length === 2 && SECOND_LEVEL.has(labels[labels.length - 2]!) ? 3 : 2;
  return labels.slice(-keep).join('.');
}

/** A site's place in [0, 1), from the salted hash: the same on every machine. */
export function siteUnit(site: string): number {
  return createHash('sha256').update(SALT + site).digest().readUInt32BE(0) / 2 ** 32;
}

export function partOf(site: string): 'train' | 'validation' {
  return siteUnit(site) < VALIDATION_SHARE ? 'validation' : 'train';
}

function main(): void {
  const usage = 'usage: npm run split -- --corpus <path to shared/corpus> [--out eval/split.json]';
  const { values } = commandLine(usage, { options: { corpus: { type: 'string' }, out: { type: 'string', default: 'eval/split.json' } } });
  if (!values.corpus) usageError(usage, 'split: --corpus <path to shared/corpus> is needed');
  const corpus = resolve(values.corpus);
  const read = <T>(path: string): T => JSON.parse(readFileSync(join(corpus, path), 'utf8')) as T;
  const modern = read<Record<string, { url: string }>>('modern-web/gold.json');
  const evaldata = read<Record<string, { file: string }>>('trafilatura-eval/evaldata.json');
  const segments = read<Record<string, { url?: string }>>('segments-dev.json');

  const assign = (entries: Array<[file: string, url: string]>): Record<string, 'train' | 'validation'> =>
    Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([file, url]) => [file, partOf(siteOf(url, file))]));
  const modernWeb = assign(Object.entries(modern).map(([file, page]) => [file, page.url]));
  const trafilaturaEval = assign(Object.entries(evaldata).map(([url, page]) => [page.file, url]));
  const folds = Object.fromEntries(
    Object.entries(segments)
      .filter(([page]) => page.endsWith('.html'))
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([page, entry]) => [page, Math.floor(siteUnit(siteOf(entry.url ?? '', page)) * SEGMENT_FOLDS)]),
  );
  const count = (parts: Record<string, string>): Record<string, number> => {
    const out: Record<string, number> = { train: 0, validation: 0 };
    for (const part of Object.values(parts)) out[part]!++;
    return out;
  };
  const split = {
    note: 'Made by `npm run split -- --corpus ../shared/corpus` (scripts/make-split.ts) before any tuning: pages assigned by site (hash of the registrable domain), so no site is in both parts. Tune and train on "train" only; report "validation" figures.',
    validationShare: VALIDATION_SHARE,
    salt: SALT,
    counts: { 'modern-web': count(modernWeb), 'trafilatura-eval': count(trafilaturaEval) },
    'modern-web': modernWeb,
    'trafilatura-eval': trafilaturaEval,
    segmentsDevFolds: folds,
  };
  writeFileSync(values.out, JSON.stringify(split, null, 1) + '\n');
  console.log(`wrote ${values.out}: modern-web ${JSON.stringify(split.counts['modern-web'])}, trafilatura-eval ${JSON.stringify(split.counts['trafilatura-eval'])}, segments-dev folds ${SEGMENT_FOLDS}`);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) main();
