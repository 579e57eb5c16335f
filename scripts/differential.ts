/**
 * npm run differential -- [--corpus ../shared/corpus] [--mixtures N] [--seed N] [--limit N] [--show N]
 *
 * The differential parser test of issue 13 §4: the visible text the core reads from a page (the
 * tree of the parser src/core/parse.ts chooses, walked by src/core/html/walk.ts) must be the text
 * a conformant parser gives (parse5's tree, walked the same way), up to whitespace. Run on
 *
 * - a generated corpus (scripts/differential/constructs.ts): every construct on which parsers
 *   differ, or might, in every context, and seeded mixtures of them;
 * - with --corpus, every page of the development corpus (trafilatura-eval and modern-web).
 *
 * For each set it prints the pages, how many went to the conformant parser and why, the
 * mismatches (chosen path against parse5: must be 0), and, to show what the routing is worth, the
 * pages on which htmlparser2 alone would have differed. Exits 1 on any mismatch. Text is compared
 * with all whitespace removed (block boundaries differ between the trees of misnested markup);
 * differences in whitespace alone are counted apart.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseDocument } from 'htmlparser2';
import type { Document } from 'domhandler';
import { decode } from '../src/core/decode.js';
import { cdataAsText } from '../src/core/xhtml.js';
import { walk } from '../src/core/html/walk.js';
import { parseConformant, parseHtmlRouted, type Risk } from '../src/core/parse.js';
import { Watchdog } from '../src/core/watchdog.js';
import { DEFAULT_CLEAN_OPTIONS } from '../src/core/options.js';
import { generatedPages } from './differential/constructs.js';
import { commandLine } from './command-line.js';

/**
 * The visible text of a tree, as the core reads it: its blocks, in order. A browser runs scripts, so
 * what <noscript> holds is not shown (the walk keeps it, flagged NOSCRIPT, for the classifier).
 */
export function visibleText(document: Document): string {
  const { blocks, containers } = walk(document, new Watchdog(Number.MAX_SAFE_INTEGER));
  // Containers come before their descendants: one pass carries "inside a noscript" down.
  const inNoscript = new Uint8Array(containers.tag.length);
  containers.tag.forEach((tag, c) => {
    const parent = containers.parent[c]!;
    inNoscript[c] = tag === 'noscript' || (parent >= 0 && inNoscript[parent] === 1) ? 1 : 0;
  });
  return blocks
    .filter((block) => inNoscript[block.container] === 0)
    .map((block) => block.text)
    .join('\n');
}

const squeeze = (text: string): string => text.replace(/\s+/g, '');
const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim();

export interface Comparison {
  readonly parser: 'htmlparser2' | 'parse5';
  readonly risk: Risk | null;
  /** The chosen path's text differs from parse5's (ignoring whitespace). */
  readonly mismatch: boolean;
  /** Only whitespace differs. */
  readonly whitespaceOnly: boolean;
  /** htmlparser2 alone would have differed from parse5 (ignoring whitespace). */
  readonly fastAloneDiffers: boolean;
  readonly chosen: string;
  readonly reference: string;
}

const LIMITS = { maxNodes: Number.MAX_SAFE_INTEGER };

export function compare(html: string): Comparison {
  const watchdog = new Watchdog(Number.MAX_SAFE_INTEGER);
  const routed = parseHtmlRouted(html, watchdog, LIMITS);
  const chosen = visibleText(routed.document);
  const reference = visibleText(parseConformant(html, watchdog, LIMITS));
  const fast = routed.parser === 'htmlparser2' ? chosen : visibleText(parseDocument(html));
  const mismatch = squeeze(chosen) !== squeeze(reference);
  return {
    parser: routed.parser,
    risk: routed.risk,
    mismatch,
    whitespaceOnly: !mismatch && collapse(chosen) !== collapse(reference),
    fastAloneDiffers: squeeze(fast) !== squeeze(reference),
    chosen,
    reference,
  };
}

/** Where two texts first differ, with some context. */
function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  const show = (text: string) => JSON.stringify(text.slice(Math.max(0, i - 40), i + 60));
  return `chosen ${show(a)}\n      parse5 ${show(b)}`;
}

export interface SetReport {
  readonly name: string;
  readonly pages: number;
  readonly skipped: number;
  readonly routed: Partial<Record<Risk, number>>;
  readonly conformant: number;
  readonly mismatches: Array<{ page: string; detail: string }>;
  readonly fastAloneDiffers: number;
  readonly whitespaceOnly: number;
}

function runSet(name: string, pages: Iterable<{ name: string; html: string | null }>): SetReport {
  const report: SetReport = { name, pages: 0, skipped: 0, routed: {}, conformant: 0, mismatches: [], fastAloneDiffers: 0, whitespaceOnly: 0 };
  const mutable = report as { -readonly [K in keyof SetReport]: SetReport[K] };
  for (const page of pages) {
    if (page.html === null) {
      mutable.skipped++;
      continue;
    }
    mutable.pages++;
    const result = compare(page.html);
    if (result.parser === 'parse5') {
      mutable.conformant++;
      report.routed[result.risk!] = (report.routed[result.risk!] ?? 0) + 1;
    }
    if (result.mismatch) report.mismatches.push({ page: page.name, detail: firstDifference(squeeze(result.chosen), squeeze(result.reference)) });
    if (result.fastAloneDiffers) mutable.fastAloneDiffers++;
    if (result.whitespaceOnly) mutable.whitespaceOnly++;
  }
  return report;
}

/** The corpus pages of one set, decoded as the core decodes them (null for a page the core refuses). */
function* corpusPages(directory: string, limit: number): Generator<{ name: string; html: string | null }> {
  const files = readdirSync(directory).filter((f) => /\.html?(\.gz)?$/i.test(f)).sort().slice(0, limit);
  for (const file of files) {
    const stored = readFileSync(join(directory, file));
    let html: string | null = null;
    try {
      const decoded = decode({ bytes: /\.gz$/i.test(file) ? gunzipSync(stored) : stored, name: file.replace(/\.gz$/i, '') }, DEFAULT_CLEAN_OPTIONS.maxBytes);
      // XHTML is parsed as HTML once its CDATA sections are text (src/core/xhtml.ts), as clean() does.
      html = decoded.format === 'html' ? decoded.text : decoded.format === 'xhtml' ? cdataAsText(decoded.text) : null;
    } catch {
      html = null;
    }
    yield { name: file, html };
  }
}

function print(report: SetReport, show: number): void {
  const routed = Object.entries(report.routed)
    .sort((a, b) => b[1] - a[1])
    .map(([risk, n]) => `${risk} ${n}`)
    .join(', ');
  process.stdout.write(
    `${report.name}: ${report.pages} pages${report.skipped ? ` (${report.skipped} not HTML or refused, skipped)` : ''}; ` +
      `to the conformant parser ${report.conformant} (${routed || 'none'}); mismatches ${report.mismatches.length}; ` +
      `htmlparser2 alone would differ on ${report.fastAloneDiffers}; whitespace-only differences ${report.whitespaceOnly}\n`,
  );
  for (const mismatch of report.mismatches.slice(0, show)) process.stdout.write(`  MISMATCH ${mismatch.page}\n      ${mismatch.detail}\n`);
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname);
if (isMain) {
  const { values } = commandLine('usage: npm run differential -- [--corpus ../shared/corpus] [--mixtures N] [--seed N] [--limit N] [--show N]', {
    options: {
      corpus: { type: 'string' },
      mixtures: { type: 'string', default: '1000' },
      seed: { type: 'string', default: '13' },
      limit: { type: 'string' },
      show: { type: 'string', default: '10' },
    },
  });
  const show = Number(values.show);
  const limit = values.limit ? Number(values.limit) : Infinity;
  const started = performance.now();
  const reports = [runSet('generated constructs', generatedPages(Number(values.mixtures), Number(values.seed)))];
  print(reports[0]!, show);
  if (values.corpus) {
    for (const set of ['trafilatura-eval', 'modern-web']) {
      const report = runSet(`corpus ${set}`, corpusPages(join(resolve(values.corpus), set, 'html'), limit));
      reports.push(report);
      print(report, show);
    }
  }
  const mismatches = reports.reduce((sum, r) => sum + r.mismatches.length, 0);
  process.stdout.write(`${mismatches === 0 ? 'PASS' : 'FAIL'}: ${mismatches} mismatches over ${reports.reduce((sum, r) => sum + r.pages, 0)} pages (${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
  process.exitCode = mismatches === 0 ? 0 : 1;
}
