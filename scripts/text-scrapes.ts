/**
 * npm run text-scrapes -- --corpus ../shared/corpus [--part validation|train|all] [--out .eval/text-scrapes]
 *
 * Writes the corpus's HTML pages of one part of eval/split.json as plain-text scrapes, the way a
 * browser's innerText or a text-mode scraper gives them (src/eval/inner-text.ts): one line per
 * block, menus, footers and cookie banners included, once with blank lines between paragraphs
 * (`blank/`) and once without (`plain/`), as <out>/<variant>/<set>/<file>.txt. `npm run eval`
 * and `npm run train` convert the same pages in memory; this is for looking at them (and for
 * `scrape-clean clean` on them). The output folder is outside version control (.eval/ is ignored):
 * corpus-derived text is never committed.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { INNER_TEXT_VARIANTS } from '../src/eval/inner-text.js';
import { corpusPagePath, textScrapeOf, type TextScrapeSet } from '../src/eval/text-scrapes.js';
import { commandLine, usageError } from './command-line.js';

const USAGE = 'usage: npm run text-scrapes -- --corpus <path to shared/corpus> [--part validation|train|all] [--out .eval/text-scrapes] [--split eval/split.json]';

const { values } = commandLine(USAGE, {
  options: {
    corpus: { type: 'string' },
    part: { type: 'string', default: 'validation' },
    out: { type: 'string', default: '.eval/text-scrapes' },
    split: { type: 'string', default: 'eval/split.json' },
  },
});
if (!values.corpus) usageError(USAGE, 'text-scrapes: --corpus <path to shared/corpus> is needed');
if (!['validation', 'train', 'all'].includes(values.part)) usageError(USAGE, `text-scrapes: --part is one of validation, train, all, not "${values.part}"`);
const corpus = resolve(values.corpus);
const split = JSON.parse(readFileSync(resolve(values.split), 'utf8')) as Record<'modern-web' | 'trafilatura-eval', Record<string, string>>;
const started = performance.now();
let pages = 0;
let failed = 0;
for (const set of ['modern-web', 'trafilatura-eval'] as const satisfies readonly TextScrapeSet[]) {
  for (const variant of INNER_TEXT_VARIANTS) mkdirSync(join(resolve(values.out), variant, set), { recursive: true });
  for (const [file, part] of Object.entries(split[set]).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (values.part !== 'all' && part !== values.part) continue;
    const text = textScrapeOf(corpusPagePath(corpus, set, file));
    if (!text) {
      failed++;
      console.error(`${set}/${file}: not decodable, skipped`);
      continue;
    }
    const name = `${file.replace(/\.html?(?:\.gz)?$/, '')}.txt`;
    for (const variant of INNER_TEXT_VARIANTS) writeFileSync(join(resolve(values.out), variant, set, name), text[variant]);
    pages++;
  }
}
console.error(`${pages} pages of the ${values.part} part as text in ${resolve(values.out)}/{${INNER_TEXT_VARIANTS.join(',')}}/ (${failed} not decodable, ${((performance.now() - started) / 1000).toFixed(1)} s)`);
