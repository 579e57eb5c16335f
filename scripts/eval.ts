/**
 * npm run eval -- --corpus ../shared/corpus [--part validation|train|all] [--sets a,b] [--json]
 *                 [--errors [class|snippets|text|metadata]] [--worst N] [--check] [--gate] [--pin]
 *
 * Cleans the development corpus and prints, for one part of the split in eval/split.json
 * (`validation` by default: the pages no rule or model was fitted to):
 *  - modern-web: shingle precision/recall/F1 of `bodyText` against the full gold text, overall and
 *    per page type (the method of ../shared/tools/score_text.py), and metadata accuracy (title,
 *    author, date, handle bylines; see src/eval/metadata-score.ts);
 *  - trafilatura-eval: snippet precision/recall/F1/accuracy of `bodyText` (trafilatura's method);
 *  - markdown: the same two F1s of the body's Markdown with its markup stripped by a CommonMark
 *    parser (src/eval/markdown-text.ts), beside those of bodyText: the rendering loses no text
 *    when they agree within MARKDOWN_TOLERANCE (--gate fails otherwise);
 *  - segments-dev (all 31 pages: segment classes are cross-validated by `npm run train`):
 *    per-class precision/recall/F1 and macro F1; the seed scrape: title, publishedAt and its
 *    labelled lines in their class;
 *  - text-mode: the modern-web and trafilatura-eval pages of the part as plain-text scrapes
 *    (innerText-like, with and without blank lines between paragraphs; src/eval/text-mode.ts),
 *    cleaned as text and scored as above (shingle F1 per page type, snippets).
 * --check also runs the reference Python scorers (../shared/tools) on the same outputs and fails
 * when a figure differs. --gate compares with the floors in eval/floors.json (pinned for one part)
 * and fails below one; --pin raises the floors to today's figures (never lowers one without
 * --allow-lower).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { commandLine, usageError } from './command-line.js';
import { clean, type CleanDocument } from '../src/core/index.js';
import { GOLD_CLASSES, scoreSegments, scoreSnippets, type GoldClass, type GoldPage, type SnippetEntry } from '../src/eval/score.js';
import { scoreText, type MeanScores, type TextGoldPage } from '../src/eval/text-score.js';
import { scoreMetadata, type MetadataGoldPage, type PredictedMetadata } from '../src/eval/metadata-score.js';
import { qualityLine, tallyQuality, type QualityTally } from '../src/eval/quality-tally.js';
import type { QualityWarning } from '../src/core/quality.js';
import { markdownText } from '../src/eval/markdown-text.js';
import { renderMarkdown } from '../src/core/render/index.js';
import { runTextMode, textModeFigures, textModeLines, VARIANT_LABELS, type TextModeFigures, type TextModeResult } from '../src/eval/text-mode.js';
import type { InnerTextVariant } from '../src/eval/inner-text.js';

/** Largest difference between the F1 of the Markdown (markup stripped) and of bodyText (issue 15: "within 0.002"). */
const MARKDOWN_TOLERANCE = 0.002;
/** The body's Markdown with its markup stripped. */
const markdownOf = (doc: CleanDocument): string => markdownText(renderMarkdown(doc));

const SETS = ['modern-web', 'trafilatura-eval', 'segments-dev', 'text-mode'] as const;
const PARTS = ['validation', 'train', 'all'] as const;
type Part = (typeof PARTS)[number];

const USAGE = 'usage: npm run eval -- --corpus <path to shared/corpus> [--part validation|train|all] [--sets modern-web,trafilatura-eval,segments-dev,text-mode] [--json] [--errors class|snippets|text|metadata] [--worst N] [--check] [--gate] [--pin [--allow-lower]] [--floors eval/floors.json] [--split eval/split.json] [--out .eval]';

const { values } = commandLine(USAGE, {
  options: {
    corpus: { type: 'string' },
    part: { type: 'string', default: 'validation' },
    sets: { type: 'string', default: SETS.join(',') },
    json: { type: 'boolean', default: false },
    errors: { type: 'string' },
    worst: { type: 'string', default: '15' },
    check: { type: 'boolean', default: false },
    gate: { type: 'boolean', default: false },
    pin: { type: 'boolean', default: false },
    'allow-lower': { type: 'boolean', default: false },
    floors: { type: 'string', default: 'eval/floors.json' },
    split: { type: 'string', default: 'eval/split.json' },
    out: { type: 'string', default: '.eval' },
  },
  allowPositionals: false,
});

const part = values.part as Part;
const sets = new Set(values.sets.split(',').map((s) => s.trim()).filter(Boolean));
if (!values.corpus) usageError(USAGE, 'eval: --corpus <path to shared/corpus> is needed');
if (!PARTS.includes(part)) usageError(USAGE, `eval: --part is one of ${PARTS.join(', ')}, not "${part}"`);
const unknownSets = [...sets].filter((s) => !(SETS as readonly string[]).includes(s));
if (unknownSets.length > 0) usageError(USAGE, `eval: no set named ${unknownSets.join(', ')} (sets: ${SETS.join(', ')})`);
if ((values.gate || values.pin) && sets.size !== SETS.length) usageError(USAGE, 'eval: --gate and --pin need every set (leave out --sets)');
const corpus = resolve(values.corpus);
const out = resolve(values.out, part);
mkdirSync(join(out, 'segments'), { recursive: true });

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

interface Split {
  'modern-web': Record<string, 'train' | 'validation'>;
  'trafilatura-eval': Record<string, 'train' | 'validation'>;
}
const split = readJson<Split>(resolve(values.split));
const inPart = (set: keyof Split, file: string): boolean => {
  const assigned = split[set][file];
  if (assigned === undefined) throw new Error(`${set}/${file} is not in ${values.split}: run npm run split`);
  return part === 'all' || assigned === part;
};

function cleanFile(path: string): { doc: CleanDocument | null; error: string | null } {
  try {
    return { doc: clean({ bytes: readFileSync(path), name: basename(path) }, { now: () => new Date(0), explain: true }), error: null };
  } catch (error) {
    return { doc: null, error: `${(error as { code?: string }).code ?? 'ERROR'}: ${(error as Error).message}` };
  }
}

function pagePath(pageId: string): string {
  const html = join(corpus, 'trafilatura-eval', 'html');
  for (const candidate of [join(html, `${pageId}.gz`), join(html, pageId), join(corpus, 'seed', pageId)]) if (existsSync(candidate)) return candidate;
  throw new Error(`page ${pageId} not found in ${corpus}`);
}

const failures: string[] = [];
let pagesCleaned = 0;
let bytesCleaned = 0;
const started = performance.now();
function cleanTimed(path: string, label: string): CleanDocument | null {
  const { doc, error } = cleanFile(path);
  pagesCleaned++;
  bytesCleaned += readFileSync(path).length;
  if (error) failures.push(`${label}: ${error}`);
  return doc;
}

// The quality warnings of every document, per set (src/core/quality.ts).
const warningsOf = { 'modern-web': new Map<string, readonly QualityWarning[]>(), 'trafilatura-eval': new Map<string, readonly QualityWarning[]>() };

// modern-web: full gold text and metadata.
type ModernGold = TextGoldPage & MetadataGoldPage & { url: string };
let modernWeb: ReturnType<typeof scoreText> | null = null;
let modernWebMarkdown: ReturnType<typeof scoreText> | null = null;
let metadata: ReturnType<typeof scoreMetadata> | null = null;
let modernGoldPart: Record<string, ModernGold> = {};
if (sets.has('modern-web')) {
  const gold = readJson<Record<string, ModernGold>>(join(corpus, 'modern-web', 'gold.json'));
  modernGoldPart = Object.fromEntries(Object.entries(gold).filter(([file]) => inPart('modern-web', file)));
  const texts: Record<string, string | null> = {};
  const markdowns: Record<string, string | null> = {};
  const meta: Record<string, PredictedMetadata | null> = {};
  for (const file of Object.keys(modernGoldPart)) {
    const doc = cleanTimed(join(corpus, 'modern-web', 'html', file), `modern-web/${file}`);
    texts[file] = doc ? doc.bodyText : null;
    markdowns[file] = doc ? markdownOf(doc) : null;
    meta[file] = doc ? { title: doc.title, byline: doc.byline, publishedAt: doc.publishedAt } : null;
    if (doc) warningsOf['modern-web'].set(file, doc.quality.warnings);
  }
  modernWeb = scoreText(modernGoldPart, texts);
  modernWebMarkdown = scoreText(modernGoldPart, markdowns);
  metadata = scoreMetadata(modernGoldPart, meta);
  writeFileSync(join(out, 'modern-web-predictions.json'), JSON.stringify(texts));
  writeFileSync(join(out, 'modern-web-gold.json'), JSON.stringify(modernGoldPart));
}

// trafilatura-eval: snippets.
let snippets: ReturnType<typeof scoreSnippets> | null = null;
let snippetsMarkdown: ReturnType<typeof scoreSnippets> | null = null;
let evaldataPart: Record<string, SnippetEntry> = {};
if (sets.has('trafilatura-eval')) {
  const evaldata = readJson<Record<string, SnippetEntry>>(join(corpus, 'trafilatura-eval', 'evaldata.json'));
  evaldataPart = Object.fromEntries(Object.entries(evaldata).filter(([, item]) => inPart('trafilatura-eval', item.file)));
  const predictions: Record<string, string | null> = {};
  const markdowns: Record<string, string | null> = {};
  for (const item of Object.values(evaldataPart)) {
    const doc = cleanTimed(pagePath(item.file), `trafilatura-eval/${item.file}`);
    predictions[item.file] = doc ? doc.bodyText : null;
    if (doc) warningsOf['trafilatura-eval'].set(item.file, doc.quality.warnings);
    markdowns[item.file] = doc ? markdownOf(doc) : null;
  }
  snippets = scoreSnippets(evaldataPart, predictions);
  snippetsMarkdown = scoreSnippets(evaldataPart, markdowns);
  writeFileSync(join(out, 'predictions.json'), JSON.stringify(predictions));
  writeFileSync(join(out, 'evaldata.json'), JSON.stringify(evaldataPart));
}

// segments-dev (+ seed): every page.
let segments: ReturnType<typeof scoreSegments> | null = null;
let seed: { page: string; title: string | null; publishedAt: string | null; labels: number; misclassified: number } | null = null;
const segmentsGold = readJson<Record<string, GoldPage>>(join(corpus, 'segments-dev.json'));
if (sets.has('segments-dev')) {
  const docs: Record<string, CleanDocument | null> = {};
  for (const pageId of Object.keys(segmentsGold)) {
    const doc = cleanTimed(pagePath(pageId), `segments-dev/${pageId}`);
    docs[pageId] = doc;
    if (doc) writeFileSync(join(out, 'segments', `${pageId}.json`), JSON.stringify(doc));
  }
  segments = scoreSegments(segmentsGold, docs);
  const seedId = Object.keys(segmentsGold).find((id) => id.endsWith('.txt'));
  const seedDoc = seedId ? docs[seedId] : null;
  const seedErrors = seedId ? segments.errors.filter((e) => e.page === seedId) : [];
  seed = seedId ? { page: seedId, title: seedDoc?.title ?? null, publishedAt: seedDoc?.publishedAt ?? null, labels: segmentsGold[seedId]!.labels.length, misclassified: seedErrors.length } : null;
}
const seconds = (performance.now() - started) / 1000;

// text-mode: the same parts' pages as plain-text scrapes (timed on their own: conversion is not cleaning).
let textMode: TextModeResult | null = null;
if (sets.has('text-mode')) {
  const modernGold = readJson<Record<string, TextGoldPage>>(join(corpus, 'modern-web', 'gold.json'));
  const evaldata = readJson<Record<string, SnippetEntry>>(join(corpus, 'trafilatura-eval', 'evaldata.json'));
  textMode = runTextMode(
    corpus,
    Object.fromEntries(Object.entries(modernGold).filter(([file]) => inPart('modern-web', file))),
    Object.fromEntries(Object.entries(evaldata).filter(([, item]) => inPart('trafilatura-eval', item.file))),
  );
  failures.push(...textMode.failures);
  writeFileSync(join(out, 'text-mode-gold.json'), JSON.stringify(Object.fromEntries(Object.entries(modernGold).filter(([file]) => inPart('modern-web', file)))));
  for (const v of textMode.variants) writeFileSync(join(out, `text-mode-${v.variant}-predictions.json`), JSON.stringify(v.modernWebPredictions));
}

const quality: Partial<Record<'modern-web' | 'trafilatura-eval', QualityTally>> = {};
if (modernWeb) quality['modern-web'] = tallyQuality(warningsOf['modern-web'], new Map(modernWeb.pages.map((p) => [p.file, p.f1])));
if (snippets) quality['trafilatura-eval'] = tallyQuality(warningsOf['trafilatura-eval']);

const report = {
  part,
  modernWeb: modernWeb?.scores ?? null,
  metadata: metadata?.scores ?? null,
  trafilaturaEval: snippets?.scores ?? null,
  markdown: {
    modernWebF1: modernWebMarkdown?.scores.f1 ?? null,
    trafilaturaEvalF1: snippetsMarkdown?.scores.f1 ?? null,
  },
  segmentsDev: segments?.scores ?? null,
  seed,
  textMode: textMode ? textModeFigures(textMode) : null,
  quality,
  timing: { pages: pagesCleaned, seconds: Number(seconds.toFixed(2)), pagesPerSecond: Number((pagesCleaned / seconds).toFixed(1)), megabytesPerSecond: Number((bytesCleaned / 1e6 / seconds).toFixed(1)) },
  failures,
};

const worst = Number(values.worst);
if (values.errors !== undefined) {
  const which = values.errors;
  if (snippets && (which === 'snippets' || which === '')) {
    for (const page of snippets.pages) {
      if (page.missed.length || page.leaked.length) {
        console.log(`${page.file}: missed ${page.missed.length}, leaked ${page.leaked.length}`);
        for (const m of page.missed) console.log(`   - missed: ${m.slice(0, 100)}`);
        for (const l of page.leaked) console.log(`   + leaked: ${l.slice(0, 100)}`);
      }
    }
  }
  if (modernWeb && (which === 'text' || which === '')) {
    console.log(`modern-web, the ${worst} lowest F1:`);
    for (const p of [...modernWeb.pages].sort((a, b) => a.f1 - b.f1).slice(0, worst)) {
      console.log(`  ${p.f1.toFixed(3)}  P ${p.precision.toFixed(3)}  R ${p.recall.toFixed(3)}  ${p.file}  (${p.pageType})`);
    }
  }
  if (metadata && (which === 'metadata' || which === '')) {
    for (const m of metadata.misses) console.log(`${m.file} ${m.field}: gold ${JSON.stringify(m.gold)}, ours ${JSON.stringify(m.predicted)}`);
  }
  if (segments && which !== 'snippets' && which !== 'text' && which !== 'metadata') {
    for (const e of segments.errors) if (!which || e.gold === which || e.predicted === which) console.log(`${e.page}: gold ${e.gold}, predicted ${e.predicted}: ${e.snippet}`);
  }
}

const f3 = (n: number): string => n.toFixed(3);
if (values.json) {
  console.log(JSON.stringify(report, null, 2));
} else {
  console.log(`part: ${part} (eval/split.json) · ${report.timing.pages} pages cleaned in ${report.timing.seconds} s, ${report.timing.pagesPerSecond} pages/s`);
  if (modernWeb && metadata) {
    const m = modernWeb.scores;
    console.log(`modern-web (${m.pages} pages, shingle F1 of bodyText): precision ${f3(m.precision)}  recall ${f3(m.recall)}  F1 ${f3(m.f1)}  · with-snippets found ${m.withFound}  without-snippets avoided ${m.withoutAvoided}`);
    console.log(`  by type: ${Object.entries(m.byType).map(([t, s]) => `${t} ${f3(s.f1)} (${s.pages})`).join(', ')}`);
    const s = metadata.scores;
    const pct = (x: { accuracy: number; correct: number; pages: number }): string => `${(x.accuracy * 100).toFixed(1)}% (${x.correct}/${x.pages})`;
    console.log(`  metadata: title ${pct(s.title)}  author ${pct(s.author)}  date ${pct(s.date)}  handle bylines ${s.handleBylines}`);
    console.log(`  quality warnings: ${qualityLine(quality['modern-web']!)}`);
  }
  if (snippets) {
    const t = snippets.scores;
    console.log(`trafilatura-eval (${t.documents} pages, snippets of bodyText): precision ${t.precision}  recall ${t.recall}  F1 ${t.f1}  accuracy ${t.accuracy}  missing ${t.missing}`);
    console.log(`  quality warnings: ${qualityLine(quality['trafilatura-eval']!)}`);
  }
  if (modernWebMarkdown || snippetsMarkdown) {
    const parts: string[] = [];
    if (modernWeb && modernWebMarkdown) parts.push(`modern-web F1 ${f3(modernWebMarkdown.scores.f1)} (bodyText ${f3(modernWeb.scores.f1)})`);
    if (snippets && snippetsMarkdown) parts.push(`trafilatura-eval F1 ${snippetsMarkdown.scores.f1} (bodyText ${snippets.scores.f1})`);
    console.log(`markdown, markup stripped: ${parts.join('  ·  ')}`);
  }
  if (segments) {
    console.log(`segments-dev (${segments.scores.pages} pages, all of them; macro F1 ${segments.scores.macro_f1}):`);
    console.log('  class     precision  recall  F1     gold');
    for (const c of GOLD_CLASSES) {
      const s = segments.scores.classes[c];
      console.log(`  ${c.padEnd(8)}  ${s.precision.toFixed(3).padStart(9)}  ${s.recall.toFixed(3).padStart(6)}  ${s.f1.toFixed(3)}  ${String(s.gold).padStart(4)}`);
    }
    console.log('  confusion (rows gold, columns predicted):', GOLD_CLASSES.join(' '));
    for (const g of GOLD_CLASSES) console.log(`  ${g.padEnd(8)} ${GOLD_CLASSES.map((p) => String(segments.confusion[g][p]).padStart(4)).join(' ')}`);
  }
  if (textMode) for (const line of textModeLines(textMode)) console.log(line);
  if (seed) console.log(`seed ${seed.page}: title ${JSON.stringify(seed.title)}, publishedAt ${seed.publishedAt}, ${seed.labels - seed.misclassified}/${seed.labels} labels in their class`);
  if (failures.length) console.log(`failures (${failures.length}):\n  ${failures.join('\n  ')}`);
}

let exitCode = 0;

if (values.check) {
  const tools = join(corpus, '..', 'tools');
  const mismatches: string[] = [];
  const python = (script: string, ...args: string[]): string => execFileSync('python3', [join(tools, script), ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).trim();
  if (snippets) {
    const py = JSON.parse(python('score_snippets.py', join(out, 'evaldata.json'), join(out, 'predictions.json'))) as Record<string, number>;
    for (const key of ['precision', 'recall', 'f1', 'accuracy', 'missing'] as const) {
      if (py[key] !== snippets.scores[key]) mismatches.push(`snippets ${key}: python ${py[key]}, ours ${snippets.scores[key]}`);
    }
  }
  if (modernWeb) {
    const py = JSON.parse(python('score_text.py', join(out, 'modern-web-gold.json'), join(out, 'modern-web-predictions.json'), '--by-type')) as Record<string, unknown> & { byType?: Record<string, Record<string, unknown>> };
    const ours = modernWeb.scores;
    const compare = (label: string, a: Partial<MeanScores> & Record<string, unknown>, b: Record<string, unknown>, keys: readonly string[]): void => {
      for (const key of keys) if (a[key] !== b[key]) mismatches.push(`${label} ${key}: python ${String(b[key])}, ours ${String(a[key])}`);
    };
    compare('modern-web', ours as unknown as Record<string, unknown>, py, ['pages', 'precision', 'recall', 'f1', 'missing', 'withFound', 'withoutAvoided']);
    for (const [type, scores] of Object.entries(ours.byType)) compare(`modern-web ${type}`, scores as unknown as Record<string, unknown>, py.byType?.[type] ?? {}, ['pages', 'precision', 'recall', 'f1']);
  }
  if (textMode) {
    for (const v of textMode.variants) {
      const py = JSON.parse(python('score_text.py', join(out, 'text-mode-gold.json'), join(out, `text-mode-${v.variant}-predictions.json`), '--by-type')) as Record<string, unknown>;
      for (const key of ['pages', 'precision', 'recall', 'f1'] as const) {
        if (py[key] !== v.modernWeb.scores[key]) mismatches.push(`text-mode ${v.variant} ${key}: python ${String(py[key])}, ours ${v.modernWeb.scores[key]}`);
      }
    }
  }
  if (segments) {
    const segOut = python('score_segments.py', join(corpus, 'segments-dev.json'), join(out, 'segments')).split('\n');
    const pySegments = JSON.parse(segOut[segOut.length - 1]!) as { classes: Record<GoldClass, Record<string, number>> };
    for (const c of GOLD_CLASSES) {
      for (const key of ['precision', 'recall', 'f1', 'gold'] as const) {
        if (pySegments.classes[c][key] !== segments.scores.classes[c][key]) mismatches.push(`segments ${c} ${key}: python ${pySegments.classes[c][key]}, ours ${segments.scores.classes[c][key]}`);
      }
    }
  }
  if (mismatches.length) {
    console.error(`reference scorers disagree:\n  ${mismatches.join('\n  ')}`);
    exitCode = 1;
  } else if (!values.json) console.log('reference scorers (../shared/tools) agree on every figure');
}

interface Floors {
  note?: string;
  part: Part;
  modernWeb: { precision: number; recall: number; f1: number; byType: Record<string, number> };
  metadata: { title: number; author: number; date: number; maxHandleBylines: number };
  trafilaturaEval: { precision: number; recall: number; f1: number };
  segmentsDev: Record<(typeof GOLD_CLASSES)[number], number>;
  seed: { misclassified: number; title: string; publishedAt: string };
  /** Per variant of the text scrapes (held once pinned). */
  textMode?: Record<InnerTextVariant, TextModeFigures>;
}

const floorsPath = resolve(values.floors);
function currentFigures(): Omit<Floors, 'note' | 'seed'> {
  return {
    textMode: textModeFigures(textMode!),
    part,
    modernWeb: {
      precision: modernWeb!.scores.precision,
      recall: modernWeb!.scores.recall,
      f1: modernWeb!.scores.f1,
      byType: Object.fromEntries(Object.entries(modernWeb!.scores.byType).map(([t, s]) => [t, s.f1])),
    },
    metadata: { title: metadata!.scores.title.accuracy, author: metadata!.scores.author.accuracy, date: metadata!.scores.date.accuracy, maxHandleBylines: metadata!.scores.handleBylines },
    trafilaturaEval: { precision: snippets!.scores.precision, recall: snippets!.scores.recall, f1: snippets!.scores.f1 },
    segmentsDev: Object.fromEntries(GOLD_CLASSES.map((c) => [c, segments!.scores.classes[c].f1])) as Floors['segmentsDev'],
  };
}

// The rendering loses no text: checked on every run (a gate failure under --gate).
const markdownGaps: string[] = [];
if (modernWeb && modernWebMarkdown && Math.abs(modernWebMarkdown.scores.f1 - modernWeb.scores.f1) > MARKDOWN_TOLERANCE) {
  markdownGaps.push(`modern-web: Markdown F1 ${f3(modernWebMarkdown.scores.f1)} vs bodyText ${f3(modernWeb.scores.f1)}`);
}
if (snippets && snippetsMarkdown && Math.abs(snippetsMarkdown.scores.f1 - snippets.scores.f1) > MARKDOWN_TOLERANCE) {
  markdownGaps.push(`trafilatura-eval: Markdown F1 ${snippetsMarkdown.scores.f1} vs bodyText ${snippets.scores.f1}`);
}
if (markdownGaps.length) console.error(`markdown: text lost or added by the rendering (beyond ${MARKDOWN_TOLERANCE}):\n  ${markdownGaps.join('\n  ')}`);

if (values.gate) {
  const floors = readJson<Floors>(floorsPath);
  const current = currentFigures();
  const below: string[] = [...markdownGaps];
  if (floors.part !== part) below.push(`the floors are pinned for the ${floors.part} part, this run scored the ${part} part (pass --part ${floors.part})`);
  const atLeast = (name: string, now: number | undefined, floor: number): void => {
    if (now === undefined || now < floor) below.push(`${name} ${now ?? 'missing'} < floor ${floor}`);
  };
  for (const key of ['precision', 'recall', 'f1'] as const) atLeast(`modern-web ${key}`, current.modernWeb[key], floors.modernWeb[key]);
  for (const [type, floor] of Object.entries(floors.modernWeb.byType)) atLeast(`modern-web ${type} F1`, current.modernWeb.byType[type], floor);
  for (const key of ['title', 'author', 'date'] as const) atLeast(`metadata ${key}`, current.metadata[key], floors.metadata[key]);
  if (current.metadata.maxHandleBylines > floors.metadata.maxHandleBylines) below.push(`metadata: ${current.metadata.maxHandleBylines} handle bylines > ${floors.metadata.maxHandleBylines}`);
  for (const key of ['precision', 'recall', 'f1'] as const) atLeast(`trafilatura-eval ${key}`, current.trafilaturaEval[key], floors.trafilaturaEval[key]);
  for (const c of GOLD_CLASSES) atLeast(`segments-dev ${c} F1`, current.segmentsDev[c], floors.segmentsDev[c]);
  if (seed) {
    if (seed.misclassified > floors.seed.misclassified) below.push(`seed: ${seed.misclassified} labels misclassified > ${floors.seed.misclassified}`);
    if (seed.title !== floors.seed.title) below.push(`seed title ${JSON.stringify(seed.title)} ≠ ${JSON.stringify(floors.seed.title)}`);
    if (!seed.publishedAt?.startsWith(floors.seed.publishedAt)) below.push(`seed publishedAt ${seed.publishedAt} ≠ ${floors.seed.publishedAt}`);
  }
  for (const [variant, floor] of Object.entries(floors.textMode ?? {}) as Array<[InnerTextVariant, TextModeFigures]>) {
    const now = current.textMode?.[variant];
    const label = `text-mode ${VARIANT_LABELS[variant]}`;
    for (const key of ['precision', 'recall', 'f1', 'snippetsF1'] as const) atLeast(`${label} ${key}`, now?.[key], floor[key]);
    for (const [type, f] of Object.entries(floor.byType)) atLeast(`${label} ${type} F1`, now?.byType[type], f);
  }
  if (below.length) {
    console.error(`eval gate: below the floors in ${floorsPath}:\n  ${below.join('\n  ')}`);
    exitCode = 1;
  } else console.error(`eval gate: every ${part} figure at or above the floors in ${floorsPath}`);
}

if (values.pin) {
  const current = currentFigures();
  const previous = existsSync(floorsPath) ? readJson<Partial<Floors>>(floorsPath) : null;
  const comparable = previous?.part === part ? previous : null;
  const lowered: string[] = [];
  const keep = (name: string, now: number, before: number | undefined): number => {
    if (before !== undefined && now < before) {
      lowered.push(`${name}: ${before} → ${now}`);
      return values['allow-lower'] ? now : before;
    }
    return now;
  };
  const pinned: Floors = {
    note: `Floors of \`npm run eval -- --corpus ../shared/corpus --part ${part} --gate\` (CI), on the ${part} part of eval/split.json. Raised with --pin; never lowered without --allow-lower.`,
    part,
    modernWeb: {
      precision: keep('modern-web precision', current.modernWeb.precision, comparable?.modernWeb?.precision),
      recall: keep('modern-web recall', current.modernWeb.recall, comparable?.modernWeb?.recall),
      f1: keep('modern-web f1', current.modernWeb.f1, comparable?.modernWeb?.f1),
      byType: Object.fromEntries(Object.entries(current.modernWeb.byType).map(([t, f]) => [t, keep(`modern-web ${t}`, f, comparable?.modernWeb?.byType[t])])),
    },
    metadata: {
      title: keep('metadata title', current.metadata.title, comparable?.metadata?.title),
      author: keep('metadata author', current.metadata.author, comparable?.metadata?.author),
      date: keep('metadata date', current.metadata.date, comparable?.metadata?.date),
      maxHandleBylines: Math.min(current.metadata.maxHandleBylines, comparable?.metadata?.maxHandleBylines ?? Infinity),
    },
    trafilaturaEval: {
      precision: keep('trafilatura-eval precision', current.trafilaturaEval.precision, comparable?.trafilaturaEval?.precision),
      recall: keep('trafilatura-eval recall', current.trafilaturaEval.recall, comparable?.trafilaturaEval?.recall),
      f1: keep('trafilatura-eval f1', current.trafilaturaEval.f1, comparable?.trafilaturaEval?.f1),
    },
    segmentsDev: Object.fromEntries(GOLD_CLASSES.map((c) => [c, keep(`segments ${c}`, current.segmentsDev[c], comparable?.segmentsDev?.[c])])) as Floors['segmentsDev'],
    seed: { misclassified: Math.min(seed?.misclassified ?? 0, previous?.seed?.misclassified ?? Infinity), title: seed?.title ?? '', publishedAt: seed?.publishedAt ?? '' },
    textMode: Object.fromEntries(
      Object.entries(current.textMode!).map(([variant, now]) => {
        const before = comparable?.textMode?.[variant as InnerTextVariant];
        const label = `text-mode ${variant}`;
        return [
          variant,
          {
            precision: keep(`${label} precision`, now.precision, before?.precision),
            recall: keep(`${label} recall`, now.recall, before?.recall),
            f1: keep(`${label} f1`, now.f1, before?.f1),
            byType: Object.fromEntries(Object.entries(now.byType).map(([t, f]) => [t, keep(`${label} ${t}`, f, before?.byType[t])])),
            snippetsF1: keep(`${label} snippets f1`, now.snippetsF1, before?.snippetsF1),
          },
        ];
      }),
    ) as Record<InnerTextVariant, TextModeFigures>,
  };
  if (lowered.length && !values['allow-lower']) console.error(`kept floors that today's figures would lower (use --allow-lower):\n  ${lowered.join('\n  ')}`);
  mkdirSync(dirname(floorsPath), { recursive: true });
  writeFileSync(floorsPath, JSON.stringify(pinned, null, 2) + '\n');
  console.error(`pinned floors in ${floorsPath}`);
}

process.exit(exitCode);
