/**
 * npm run cue-usage -- --corpus ../shared/corpus [--part train|all] [--max-pages N]
 *
 * How often each entry of the cue vocabularies (src/core/cues/words/) fires on the corpora: the
 * pages and blocks it matches (blocks as long as the classifier tries that cue on), and the
 * segment classes of the gold labels it matches. An entry that fires on one page only fits that
 * page: it goes (issue 14). Prints the entries at or under --max-pages (1), then a summary.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { decode } from '../src/core/decode.js';
import { readHtmlPage } from '../src/core/html/page.js';
import { resolveOptions } from '../src/core/options.js';
import { Watchdog } from '../src/core/watchdog.js';
import { CUE_FORMS } from '../src/core/cues/text.js';
import { CLASSIFICATION } from '../src/core/cues/classification.js';
import { LANGUAGES } from '../src/core/cues/words/index.js';
import { collapse, type GoldPage } from '../src/eval/score.js';
import { commandLine, usageError } from './command-line.js';

const USAGE = 'usage: npm run cue-usage -- --corpus <shared/corpus> [--part train|all] [--max-pages N]';
const { values } = commandLine(USAGE, { options: { corpus: { type: 'string' }, part: { type: 'string', default: 'train' }, 'max-pages': { type: 'string', default: '1' } } });
if (!values.corpus) usageError(USAGE, 'cue-usage: --corpus <shared/corpus> is needed');
const corpus = resolve(values.corpus);
const split = JSON.parse(readFileSync('eval/split.json', 'utf8')) as Record<string, Record<string, string>>;
const wanted = (set: string, file: string): boolean => values.part === 'all' || split[set]?.[file] === values.part;
const options = resolveOptions({});

/** The legal cues are tried on longer blocks than the others (see textualClass in src/core/classifier/rules.ts). */
const LONG_KINDS = new Set(['consent', 'disclaimer']);
type Kind = keyof typeof CUE_FORMS;
const entries: Array<{ language: string; kind: Kind; fragment: string; source: string; pattern: RegExp; pages: Set<string>; blocks: number; gold: Map<string, number> }> = [];
for (const [language, words] of Object.entries(LANGUAGES)) {
  for (const kind of Object.keys(CUE_FORMS) as Kind[]) {
    for (const [fragment, source] of words[kind] ?? []) entries.push({ language, kind, fragment, source, pattern: CUE_FORMS[kind](fragment), pages: new Set(), blocks: 0, gold: new Map() });
  }
}

function blockTexts(path: string, name: string): string[] {
  try {
    const decoded = decode({ bytes: gunzipSync(readFileSync(path)), name }, options.maxBytes);
    if (decoded.format !== 'html') return [];
    return readHtmlPage(decoded.text, new Watchdog(options.timeBudgetMs), options).walked.blocks.map((b) => b.text);
  } catch {
    return [];
  }
}

function tally(page: string, texts: readonly string[]): void {
  for (const text of texts) {
    for (const entry of entries) {
      const limit = LONG_KINDS.has(entry.kind) ? CLASSIFICATION.maxLegalBlockChars : CLASSIFICATION.maxCueBlockChars;
      if (text.length > limit || !entry.pattern.test(text)) continue;
      entry.pages.add(page);
      entry.blocks++;
    }
  }
}

const gold = JSON.parse(readFileSync(join(corpus, 'modern-web', 'gold.json'), 'utf8')) as Record<string, unknown>;
for (const file of Object.keys(gold)) if (wanted('modern-web', file)) tally(`modern-web/${file}`, blockTexts(join(corpus, 'modern-web', 'html', file), file));
const evaldata = JSON.parse(readFileSync(join(corpus, 'trafilatura-eval', 'evaldata.json'), 'utf8')) as Record<string, { file: string }>;
for (const { file } of Object.values(evaldata)) if (wanted('trafilatura-eval', file)) tally(`trafilatura-eval/${file}`, blockTexts(join(corpus, 'trafilatura-eval', 'html', `${file}.gz`), file));
// The classes of the gold labels each entry matches (segments-dev and the hand labels), for reading.
const labelled = [
  ...Object.values(JSON.parse(readFileSync(join(corpus, 'segments-dev.json'), 'utf8')) as Record<string, GoldPage>),
  ...Object.values((JSON.parse(readFileSync('eval/segment-labels.json', 'utf8')) as { pages: Record<string, GoldPage> }).pages),
];
for (const page of labelled) {
  for (const label of page.labels) {
    const text = collapse(label.text);
    for (const entry of entries) if (entry.pattern.test(text)) entry.gold.set(label.class, (entry.gold.get(label.class) ?? 0) + 1);
  }
}

const maxPages = Number(values['max-pages']);
console.log(`entries firing on ${maxPages} page(s) or fewer of the ${values.part} part (language kind fragment · source · pages blocks · gold labels matched):`);
for (const e of entries.filter((x) => x.pages.size <= maxPages)) {
  console.log(`  ${e.language} ${e.kind.padEnd(12)} ${JSON.stringify(e.fragment)} · ${e.source} · ${e.pages.size} ${e.blocks} · ${[...e.gold].map(([c, n]) => `${c} ${n}`).join(', ') || 'none'}${e.pages.size ? ` · ${[...e.pages].join(' ')}` : ''}`);
}
console.log(`${entries.length} entries; ${entries.filter((x) => x.pages.size <= maxPages).length} fire on ${maxPages} page(s) or fewer`);
