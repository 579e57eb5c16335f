/**
 * npm run eval -- --corpus ../shared/corpus [--json] [--errors [class]] [--check] [--gate] [--pin]
 *
 * Cleans the development corpus and prints
 *  - trafilatura-eval: snippet precision/recall/F1/accuracy of `bodyText` (trafilatura's method);
 *  - segments-dev: per-class precision/recall/F1 (body, caption, ad, legal, chrome) and macro F1;
 *  - the seed scrape: title, publishedAt and labelled lines in their class.
 * --check also runs the reference Python scorers (../shared/tools) on the same outputs and fails
 * when a figure differs. --gate compares with the floors in eval/floors.json and fails below one;
 * --pin raises the floors to today's figures (never lowers one without --allow-lower).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { clean, type CleanDocument } from '../src/core/index.js';
import { GOLD_CLASSES, scoreSegments, scoreSnippets, type GoldPage, type SnippetEntry } from '../src/eval/score.js';

const { values } = parseArgs({
  options: {
    corpus: { type: 'string' },
    json: { type: 'boolean', default: false },
    errors: { type: 'string' },
    check: { type: 'boolean', default: false },
    gate: { type: 'boolean', default: false },
    pin: { type: 'boolean', default: false },
    'allow-lower': { type: 'boolean', default: false },
    floors: { type: 'string', default: 'eval/floors.json' },
    out: { type: 'string', default: '.eval' },
  },
  allowPositionals: false,
});

if (!values.corpus) {
  console.error('usage: npm run eval -- --corpus <path to shared/corpus> [--json] [--errors [class|snippets]] [--check] [--gate] [--pin]');
  process.exit(2);
}
const corpus = resolve(values.corpus);
const out = resolve(values.out);
mkdirSync(join(out, 'segments'), { recursive: true });

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

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

// trafilatura-eval
const evaldata = readJson<Record<string, SnippetEntry>>(join(corpus, 'trafilatura-eval', 'evaldata.json'));
const predictions: Record<string, string | null> = {};
const failures: string[] = [];
const started = performance.now();
let bytes = 0;
for (const item of Object.values(evaldata)) {
  const path = pagePath(item.file);
  const { doc, error } = cleanFile(path);
  bytes += readFileSync(path).length;
  predictions[item.file] = doc ? doc.bodyText : null;
  if (error) failures.push(`${item.file}: ${error}`);
}
const seconds = (performance.now() - started) / 1000;
const snippets = scoreSnippets(evaldata, predictions);
writeFileSync(join(out, 'predictions.json'), JSON.stringify(predictions));

// segments-dev (+ seed)
const gold = readJson<Record<string, GoldPage>>(join(corpus, 'segments-dev.json'));
const docs: Record<string, CleanDocument | null> = {};
for (const pageId of Object.keys(gold)) {
  const { doc, error } = cleanFile(pagePath(pageId));
  docs[pageId] = doc;
  if (error) failures.push(`${pageId}: ${error}`);
  if (doc) writeFileSync(join(out, 'segments', `${pageId}.json`), JSON.stringify(doc));
}
const segments = scoreSegments(gold, docs);

// The seed scrape's own checks.
const seedId = Object.keys(gold).find((id) => id.endsWith('.txt'));
const seedDoc = seedId ? docs[seedId] : null;
const seedErrors = seedId ? segments.errors.filter((e) => e.page === seedId) : [];
const seed = seedId
  ? { page: seedId, title: seedDoc?.title ?? null, publishedAt: seedDoc?.publishedAt ?? null, labels: gold[seedId]!.labels.length, misclassified: seedErrors.length }
  : null;

const report = {
  trafilaturaEval: { ...snippets.scores, seconds: Number(seconds.toFixed(2)), pagesPerSecond: Number((Object.keys(evaldata).length / seconds).toFixed(1)), megabytesPerSecond: Number((bytes / 1e6 / seconds).toFixed(1)) },
  segmentsDev: segments.scores,
  seed,
  failures,
};

if (values.errors !== undefined) {
  const which = values.errors;
  if (which === 'snippets' || which === '') {
    for (const page of snippets.pages) {
      if (page.missed.length || page.leaked.length) {
        console.log(`${page.file}: missed ${page.missed.length}, leaked ${page.leaked.length}`);
        for (const m of page.missed) console.log(`   - missed: ${m.slice(0, 100)}`);
        for (const l of page.leaked) console.log(`   + leaked: ${l.slice(0, 100)}`);
      }
    }
  }
  if (which !== 'snippets') {
    for (const e of segments.errors) if (!which || e.gold === which || e.predicted === which) console.log(`${e.page}: gold ${e.gold}, predicted ${e.predicted}: ${e.snippet}`);
  }
}

if (values.json) {
  console.log(JSON.stringify(report, null, 2));
} else {
  const t = report.trafilaturaEval;
  console.log(`trafilatura-eval (${t.documents} pages, ${t.seconds} s, ${t.pagesPerSecond} pages/s): precision ${t.precision}  recall ${t.recall}  F1 ${t.f1}  accuracy ${t.accuracy}  missing ${t.missing}`);
  console.log(`segments-dev (${segments.scores.pages} pages, macro F1 ${segments.scores.macro_f1}):`);
  console.log('  class     precision  recall  F1     gold');
  for (const c of GOLD_CLASSES) {
    const s = segments.scores.classes[c];
    console.log(`  ${c.padEnd(8)}  ${s.precision.toFixed(3).padStart(9)}  ${s.recall.toFixed(3).padStart(6)}  ${s.f1.toFixed(3)}  ${String(s.gold).padStart(4)}`);
  }
  console.log('  confusion (rows gold, columns predicted):', GOLD_CLASSES.join(' '));
  for (const g of GOLD_CLASSES) console.log(`  ${g.padEnd(8)} ${GOLD_CLASSES.map((p) => String(segments.confusion[g][p]).padStart(4)).join(' ')}`);
  if (seed) console.log(`seed ${seed.page}: title ${JSON.stringify(seed.title)}, publishedAt ${seed.publishedAt}, ${seed.labels - seed.misclassified}/${seed.labels} labels in their class`);
  if (failures.length) console.log(`failures (${failures.length}):\n  ${failures.join('\n  ')}`);
}

let exitCode = 0;

if (values.check) {
  const tools = join(corpus, '..', 'tools');
  const python = JSON.parse(execFileSync('python3', [join(tools, 'score_snippets.py'), join(corpus, 'trafilatura-eval', 'evaldata.json'), join(out, 'predictions.json')], { encoding: 'utf8' }).trim());
  const segOut = execFileSync('python3', [join(tools, 'score_segments.py'), join(corpus, 'segments-dev.json'), join(out, 'segments')], { encoding: 'utf8' }).trim().split('\n');
  const pySegments = JSON.parse(segOut[segOut.length - 1]!);
  const mismatches: string[] = [];
  for (const key of ['precision', 'recall', 'f1', 'accuracy', 'missing'] as const) {
    if (python[key] !== snippets.scores[key]) mismatches.push(`snippets ${key}: python ${python[key]}, ours ${snippets.scores[key]}`);
  }
  for (const c of GOLD_CLASSES) {
    for (const key of ['precision', 'recall', 'f1', 'gold'] as const) {
      if (pySegments.classes[c][key] !== segments.scores.classes[c][key]) mismatches.push(`segments ${c} ${key}: python ${pySegments.classes[c][key]}, ours ${segments.scores.classes[c][key]}`);
    }
  }
  if (mismatches.length) {
    console.error(`reference scorers disagree:\n  ${mismatches.join('\n  ')}`);
    exitCode = 1;
  } else if (!values.json) console.log('reference scorers (../shared/tools) agree on every figure');
}

interface Floors {
  note?: string;
  trafilaturaEval: { precision: number; recall: number; f1: number };
  segmentsDev: Record<(typeof GOLD_CLASSES)[number], number>;
  seed: { misclassified: number; title: string; publishedAt: string };
}

const floorsPath = resolve(values.floors);
const current = {
  trafilaturaEval: { precision: snippets.scores.precision, recall: snippets.scores.recall, f1: snippets.scores.f1 },
  segmentsDev: Object.fromEntries(GOLD_CLASSES.map((c) => [c, segments.scores.classes[c].f1])) as Floors['segmentsDev'],
};

if (values.gate) {
  const floors = readJson<Floors>(floorsPath);
  const below: string[] = [];
  for (const key of ['precision', 'recall', 'f1'] as const) {
    if (current.trafilaturaEval[key] < floors.trafilaturaEval[key]) below.push(`trafilatura-eval ${key} ${current.trafilaturaEval[key]} < floor ${floors.trafilaturaEval[key]}`);
  }
  for (const c of GOLD_CLASSES) if (current.segmentsDev[c] < floors.segmentsDev[c]) below.push(`segments-dev ${c} F1 ${current.segmentsDev[c]} < floor ${floors.segmentsDev[c]}`);
  if (seed) {
    if (seed.misclassified > floors.seed.misclassified) below.push(`seed: ${seed.misclassified} labels misclassified > ${floors.seed.misclassified}`);
    if (seed.title !== floors.seed.title) below.push(`seed title ${JSON.stringify(seed.title)} ≠ ${JSON.stringify(floors.seed.title)}`);
    if (!seed.publishedAt?.startsWith(floors.seed.publishedAt)) below.push(`seed publishedAt ${seed.publishedAt} ≠ ${floors.seed.publishedAt}`);
  }
  if (below.length) {
    console.error(`eval gate: below the floors in ${floorsPath}:\n  ${below.join('\n  ')}`);
    exitCode = 1;
  } else console.error(`eval gate: every figure at or above the floors in ${floorsPath}`);
}

if (values.pin) {
  const previous = existsSync(floorsPath) ? readJson<Floors>(floorsPath) : null;
  const lowered: string[] = [];
  const keep = (name: string, now: number, before: number | undefined): number => {
    if (before !== undefined && now < before) {
      lowered.push(`${name}: ${before} → ${now}`);
      return values['allow-lower'] ? now : before;
    }
    return now;
  };
  const pinned: Floors = {
    note: 'Floors of `npm run eval -- --corpus ../shared/corpus --gate` (CI). Raised with --pin; never lowered without --allow-lower.',
    trafilaturaEval: {
      precision: keep('precision', current.trafilaturaEval.precision, previous?.trafilaturaEval.precision),
      recall: keep('recall', current.trafilaturaEval.recall, previous?.trafilaturaEval.recall),
      f1: keep('f1', current.trafilaturaEval.f1, previous?.trafilaturaEval.f1),
    },
    segmentsDev: Object.fromEntries(GOLD_CLASSES.map((c) => [c, keep(`segments ${c}`, current.segmentsDev[c], previous?.segmentsDev[c])])) as Floors['segmentsDev'],
    seed: { misclassified: Math.min(seed?.misclassified ?? 0, previous?.seed.misclassified ?? Infinity), title: seed?.title ?? '', publishedAt: seed?.publishedAt ?? '' },
  };
  if (lowered.length && !values['allow-lower']) console.error(`kept floors that today's figures would lower (use --allow-lower):\n  ${lowered.join('\n  ')}`);
  mkdirSync(dirname(floorsPath), { recursive: true });
  writeFileSync(floorsPath, JSON.stringify(pinned, null, 2) + '\n');
  console.error(`pinned floors in ${floorsPath}`);
}

process.exit(exitCode);
