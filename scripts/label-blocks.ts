/**
 * Hand labels of segment classes on training pages (eval/segment-labels.json), for the classes
 * whose gold is thin (caption, ad, legal, chrome: segments-dev has a few hundred).
 *
 *   npm run label -- --corpus ../shared/corpus --show trafilatura-eval/<file>
 *       prints the page's blocks, numbered, with the rules' class beside each (a reading aid only);
 *   npm run label -- --corpus ../shared/corpus --add trafilatura-eval/<file> --decisions <file>
 *       adds the page's labels from a decisions file: one line per decision, `<block or from-to> <class>`
 *       (body, caption, ad, legal or chrome), decided by a person reading the page against
 *       ../shared/SEGMENTS.md. Each labelled block is stored as a short snippet of its text (enough
 *       to find it, never the page), in page order, as segments-dev.json stores its labels.
 *
 * Only pages of the training part of eval/split.json can be labelled.
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { readLearnPage } from '../src/learn/pages.js';
import { collapse, GOLD_CLASSES, type GoldClass } from '../src/eval/score.js';
import { commandLine, usageError } from './command-line.js';

const USAGE = 'usage: npm run label -- --corpus <shared/corpus> (--show <set>/<file> | --add <set>/<file> --decisions <file>) [--labels eval/segment-labels.json] [--split eval/split.json]';

const { values } = commandLine(USAGE, {
  options: {
    corpus: { type: 'string' },
    show: { type: 'string' },
    add: { type: 'string' },
    decisions: { type: 'string' },
    labels: { type: 'string', default: 'eval/segment-labels.json' },
    split: { type: 'string', default: 'eval/split.json' },
  },
});
const page = values.show ?? values.add;
if (!values.corpus || !page) usageError(USAGE, 'label: --corpus and one of --show or --add are needed');
const [set, file] = page.split('/') as ['modern-web' | 'trafilatura-eval', string];
const split = JSON.parse(readFileSync(resolve(values.split), 'utf8')) as Record<string, Record<string, string>>;
if (split[set]?.[file] !== 'train' || (split.segmentsDevFolds as unknown as Record<string, number>)[file] !== undefined) {
  console.error(`${page}: only training pages outside segments-dev can be labelled`);
  process.exit(2);
}
const corpus = resolve(values.corpus);
const path = set === 'modern-web' ? join(corpus, 'modern-web', 'html', file) : join(corpus, 'trafilatura-eval', 'html', `${file}.gz`);
const learnPage = readLearnPage(file, gunzipSync(readFileSync(path)));
if (!learnPage) throw new Error(`${page}: not an HTML page`);
const blocks = learnPage.blocks;

if (values.show) {
  blocks.forEach((block, i) => console.log(`${String(i).padStart(4)} ${learnPage.rules[i]!.type.padEnd(7)} <${block.tag}> ${block.text.slice(0, 200)}`));
  process.exit(0);
}

/** Longest snippet kept: enough words to find the block. */
const SNIPPET_CHARS = 100;
const snippetOf = (text: string): string => {
  const t = collapse(text);
  if (t.length <= SNIPPET_CHARS) return t;
  const cut = t.lastIndexOf(' ', SNIPPET_CHARS);
  return t.slice(0, cut > SNIPPET_CHARS / 2 ? cut : SNIPPET_CHARS);
};

const decided = new Map<number, GoldClass>();
for (const line of readFileSync(values.decisions!, 'utf8').split('\n')) {
  const trimmed = line.replace(/#.*/, '').trim();
  if (!trimmed) continue;
  const match = /^(\d+)(?:-(\d+))?\s+(\w+)$/.exec(trimmed);
  if (!match || !(GOLD_CLASSES as readonly string[]).includes(match[3]!)) throw new Error(`decision "${trimmed}": expected "<block>[-<block>] <class>"`);
  for (let b = Number(match[1]); b <= Number(match[2] ?? match[1]); b++) decided.set(b, match[3] as GoldClass);
}
// The n-th label with the same snippet names the snippet's n-th occurrence in the page (as the segment scorer reads
// them): a block is labelled only when every earlier block holding its snippet is labelled too.
const labels: Array<{ class: GoldClass; text: string }> = [];
const joined = blocks.map((b) => collapse(b.text)).join(' ');
const labelledSoFar = new Map<string, number>();
for (const [b, cls] of [...decided].sort((x, y) => x[0] - y[0])) {
  const snippet = snippetOf(blocks[b]!.text);
  if (!snippet) continue;
  let occurrences = 0;
  for (let at = joined.indexOf(snippet); at >= 0; at = joined.indexOf(snippet, at + 1)) occurrences++;
  const before = blocks.slice(0, b).filter((x) => collapse(x.text).includes(snippet)).length;
  if (before !== (labelledSoFar.get(snippet) ?? 0)) {
    console.error(`block ${b}: its snippet occurs in an earlier block that is not labelled; skipped`);
    continue;
  }
  labelledSoFar.set(snippet, before + 1);
  void occurrences;
  labels.push({ class: cls, text: snippet });
}
interface LabelStore {
  note: string;
  pages: Record<string, { set: string; labels: Array<{ class: GoldClass; text: string }> }>;
}
const store: LabelStore = existsSync(values.labels) ? (JSON.parse(readFileSync(values.labels, 'utf8')) as LabelStore) : { note: '', pages: {} };
store.note =
  'Segment classes of training pages labelled by hand (scripts/label-blocks.ts): a person read each page and decided every listed block by ../shared/SEGMENTS.md; the rules\' classes were shown beside the blocks as a reading aid only. Snippets are the first words of each block (enough to find it), in page order; the n-th label with the same snippet names its n-th occurrence, as in segments-dev.json. Training pages only (eval/split.json). Pages added in session 41 were chosen by a rule fixed before any model output on them was seen: training pages outside segments-dev, not yet labelled, in the order of sha256(\'h-labels session 41:\' + file name), with at most 250 blocks and at least one block the rules call caption or legal; the first of each modern-web page type (article, collection, documentation, forum, listing, product, service) and the first 5 of trafilatura-eval; then the next 3 of trafilatura-eval with at least one block the rules call caption (the thinnest class). Blocks a reader could not decide (e.g. a lone footer link to a policy page) are left unlabelled.';
store.pages[file] = { set, labels };
store.pages = Object.fromEntries(Object.entries(store.pages).sort(([a], [b]) => (a < b ? -1 : 1)));
writeFileSync(values.labels, JSON.stringify(store, null, 1) + '\n');
console.log(`${page}: ${labels.length} labels (${GOLD_CLASSES.map((c) => `${c} ${labels.filter((l) => l.class === c).length}`).join(', ')})`);
