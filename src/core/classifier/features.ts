/**
 * Every block of a page as a vector of numbers, for the learned block model (./trees.ts): what the
 * walk knows about the block (its text, links, tag, the concept groups of its containers' class/id
 * tokens, ARIA roles and itemprops), what the page-level steps found (the content root, the
 * standfirst, link lists), the textual cues of ../cues/text.ts, how the block sits among the
 * page's containers, how often its text repeats on the page, and the same few figures of the
 * blocks around it (Boilerpipe's and jusText's neighbour context).
 *
 * No raw class token, site or URL is a feature: class/id tokens count only through the curated
 * concept groups of ../cues/attributes.ts, so nothing learned can memorise a training site.
 *
 * The vector's layout is FEATURE_NAMES; a model records the names it was trained on and
 * refuses a layout it does not know (see ./trees.ts). Features are computed in one pass over
 * the blocks plus prefix sums over the containers: linear in the page.
 */
import type { Block, ContainerTable } from '../html/walk.js';
import { BOILERPLATE_CONTEXT, Context } from '../cues/attributes.js';
import { STOPWORDS } from '../cues/stopwords.js';
import { AD_LABEL, AD_SLOT_SIZE, BYLINE, CONSENT, COPYRIGHT, CREDIT, CREDIT_TRAILER, DISCLAIMER, PROMO_HEADING, PROMPT, SHARE_LABEL, TAG_LINE, TEASER_PREFIX, UI_STRING } from '../cues/text.js';
import { CLASSIFICATION, type ClassificationOptions } from '../cues/classification.js';
import type { PreparedPage } from './content-root.js';
import { cueBit, cueMatches, isDatelineOnly } from './cue-matches.js';
import { isTeaser } from './link-groups.js';
import { isCjkCharacter, isWordSeparator, wordsOf } from './measures.js';
import { FEATURE_WINDOWS } from '../cues/thresholds.js';
import { PAGE_KINDS, pageKinds } from '../cues/page-types.js';
import { CLOCK_CHECKS, type Watchdog } from '../watchdog.js';

/** Context flags read as features, by name (each once as "the block is inside" and, for boilerplate, as "the innermost region is"). */
const FLAG_NAMES = Object.keys(Context) as Array<keyof typeof Context>;
const REGION_FLAGS = FLAG_NAMES.filter((name) => (Context[name] & BOILERPLATE_CONTEXT) !== 0);
const INLINE_FLAGS = ['META', 'CAPTION', 'LEGAL', 'AD', 'PROMO', 'SHARE'] as const satisfies ReadonlyArray<keyof typeof Context>;

/** Block tags that say something about the text, grouped; any other tag is "other". */
const TAG_GROUPS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['p', ['p']],
  ['div', ['div']],
  ['li', ['li']],
  ['cell', ['td', 'th']],
  ['definition', ['dd', 'dt']],
  ['heading', ['h1', 'h2', 'h3', 'h4', 'h5', 'h6']],
  ['pre', ['pre', 'listing', 'xmp', 'plaintext']],
  ['blockquote', ['blockquote']],
  ['caption', ['figcaption', 'caption']],
  ['section', ['section', 'article', 'main', 'body', 'html']],
  ['layout', ['header', 'footer', 'nav', 'aside', 'form', 'dialog', 'menu', 'address', 'details', 'summary', 'fieldset', 'legend']],
];
const TAG_GROUP_OF = new Map<string, string>();
for (const [group, tags] of TAG_GROUPS) for (const tag of tags) TAG_GROUP_OF.set(tag, group);

/** The textual cues of ../cues/text.ts, each a yes/no feature (tried on blocks up to maxCueBlockChars, the legal ones up to maxLegalBlockChars). */
const TEXT_CUES = {
  adLabel: AD_LABEL,
  adSlotSize: AD_SLOT_SIZE,
  promoHeading: PROMO_HEADING,
  teaserPrefix: TEASER_PREFIX,
  uiString: UI_STRING,
  shareLabel: SHARE_LABEL,
  tagLine: TAG_LINE,
  credit: CREDIT,
  creditTrailer: CREDIT_TRAILER,
  copyright: COPYRIGHT,
  prompt: PROMPT,
  byline: BYLINE,
} as const;
const LEGAL_CUES = { consent: CONSENT, disclaimer: DISCLAIMER } as const;

/** What a block says about itself; also read from its neighbours (NEIGHBOUR_FEATURES): its text and what it is, */
const OWN_TEXT_FEATURES = [
  'chars', 'words', 'linkDensity', 'sentences', 'endsSentence', 'punctuationShare', 'digitShare', 'capitalisedShare',
  'stopwordDensity', 'meanWordChars', 'headingLevel', 'afterImage', 'hidden', 'repeats',
  'kind:table', 'kind:tableRows', 'kind:code', 'kind:quote', 'list:ordered', 'list:depth', 'list:position',
] as const;
/** … and where it sits: the content root, the title, the page, link lists, containers, repeated units, the window around it. */
const OWN_PLACE_FEATURES = [
  'root:inside', 'root:before', 'root:after', 'root:lede', 'root:depthBelow', 'root:commonShare',
  'title:found', 'title:after', 'title:distance', 'title:commonShare', 'title:commonUp',
  'position', 'charPosition',
  'links:groupItems', 'links:groupMeanWords', 'links:groupShare', 'links:teaser',
  'container:blocks', 'container:charShare', 'container:linkDensity', 'container:proseShare',
  'parent:blocks', 'parent:charShare', 'parent:linkDensity', 'parent:proseShare',
  'depth', 'siblingsAlike', 'unit:count', 'unit:levels', 'unit:charShare', 'unit:linkDensity', 'unit:proseShare', 'unit:first',
  'window:proseShare', 'window:linkDensity', 'window:insideRoot',
] as const;
const OWN_FEATURES = [
  ...OWN_TEXT_FEATURES,
  ...TAG_GROUPS.map(([group]) => `tag:${group}`), 'tag:other',
  ...FLAG_NAMES.map((name) => `in:${name}`),
  ...REGION_FLAGS.map((name) => `region:${name}`),
  ...INLINE_FLAGS.map((name) => `inline:${name}`),
  ...Object.keys(TEXT_CUES).map((name) => `cue:${name}`), ...Object.keys(LEGAL_CUES).map((name) => `cue:${name}`), 'cue:datelineOnly',
  ...OWN_PLACE_FEATURES,
] as const;

/** The figures of a neighbour that matter to a block (a heading over prose, a link between links). */
const NEIGHBOUR_FEATURES = ['chars', 'linkDensity', 'sentences', 'stopwordDensity', 'headingLevel', 'root:inside', 'hidden', 'tag:li', 'tag:cell'] as const;
/** The neighbours whose figures a row copies (blocks here, lines in ../text/features.ts), in the order of their slots. */
export const NEIGHBOURS = ['prev', 'next', 'prev2', 'next2'] as const;
const NEIGHBOUR_OFFSETS: Record<(typeof NEIGHBOURS)[number], number> = { prev: -1, next: 1, prev2: -2, next2: 2 };

/**
 * Each row's copies of its neighbours' figures (the columns `sources`), written from `firstSlot` on,
 * neighbour by neighbour, each followed by `extra(i, j)` when given; a missing neighbour reads -1 everywhere.
 */
export function copyNeighbourFigures(values: Float32Array, rows: number, width: number, firstSlot: number, sources: readonly number[], extra?: (i: number, j: number) => number): void {
  for (let i = 0; i < rows; i++) {
    const row = i * width;
    let slot = firstSlot;
    for (const neighbour of NEIGHBOURS) {
      const j = i + NEIGHBOUR_OFFSETS[neighbour];
      const exists = j >= 0 && j < rows;
      for (const source of sources) values[row + slot++] = exists ? values[j * width + source]! : -1;
      if (extra) values[row + slot++] = exists ? extra(i, j) : -1;
    }
  }
}

/** The page's figures, the same in every row, from column `start` on. */
export function fillPageFigures(values: Float32Array, rows: number, width: number, start: number, pageValues: readonly number[]): void {
  for (let i = 0; i < rows; i++) for (let k = 0; k < pageValues.length; k++) values[i * width + start + k] = pageValues[k]!;
}

/** Figures of the page, the same for each of its blocks. */
const PAGE_FEATURES = ['page:blocks', 'page:chars', 'page:linkDensity', 'page:rootShare', 'page:rootBlocks', 'page:proseShare', 'page:hiddenShare', ...PAGE_KINDS.map(([kind]) => `page:${kind}`)] as const;

export const FEATURE_NAMES: readonly string[] = [
  ...OWN_FEATURES,
  ...NEIGHBOURS.flatMap((n) => [...NEIGHBOUR_FEATURES.map((f) => `${n}.${f}`), `${n}.sameContainer`]),
  ...PAGE_FEATURES,
];
const INDEX = new Map(FEATURE_NAMES.map((name, i) => [name, i]));
/** Index of a named feature in the vector. */
export function featureIndex(name: string): number {
  const index = INDEX.get(name);
  if (index === undefined) throw new Error(`no feature named ${name}`);
  return index;
}
const WIDTH = FEATURE_NAMES.length;
const OWN_WIDTH = OWN_FEATURES.length;

/** Features of bits ([column, bit] pairs) as two parallel arrays, read by index for every block (no pair destructured per feature). */
interface BitColumns {
  readonly columns: Int32Array;
  readonly bits: Int32Array;
}
function bitColumns(pairs: ReadonlyArray<readonly [number, number]>): BitColumns {
  return { columns: Int32Array.from(pairs, ([column]) => column), bits: Int32Array.from(pairs, ([, bit]) => bit) };
}
/** Sets to 1 the column of each feature whose bit `bits` has, in the row at `row`. */
function setBitColumns(values: Float32Array, row: number, bits: number, features: BitColumns): void {
  if (bits === 0) return;
  const { columns, bits: featureBits } = features;
  for (let k = 0; k < columns.length; k++) if (bits & featureBits[k]!) values[row + columns[k]!] = 1;
}

/**
 * Columns looked up once, not per block (a name lookup and a built name per feature per block was
 * a tenth of the features' time): [column, flag] of the flag features, [column, pattern] of the cues.
 */
const FLAG_COLUMNS = bitColumns(FLAG_NAMES.map((name) => [featureIndex(`in:${name}`), Context[name]] as const));
const REGION_COLUMNS = bitColumns(REGION_FLAGS.map((name) => [featureIndex(`region:${name}`), Context[name]] as const));
const INLINE_COLUMNS = bitColumns(INLINE_FLAGS.map((name) => [featureIndex(`inline:${name}`), Context[name]] as const));
/** [column, bit in the block's cue mask] of the cue features (the mask tries each pattern within the length limits above). */
const CUE_COLUMNS = bitColumns(Object.entries({ ...TEXT_CUES, ...LEGAL_CUES }).map(([name, pattern]) => [featureIndex(`cue:${name}`), cueBit(pattern)] as const));
const TAG_COLUMN = new Map([...TAG_GROUP_OF].map(([tag, group]) => [tag, featureIndex(`tag:${group}`)]));
const OTHER_TAG_COLUMN = featureIndex('tag:other');
const NEIGHBOUR_COLUMNS = NEIGHBOUR_FEATURES.map(featureIndex);
const PAGE_COLUMN = featureIndex(PAGE_FEATURES[0]);
/**
 * The column of each feature blockFeatures sets by name, resolved at load: a Map lookup by name per
 * feature per block was about 2% of a corpus pass. The names are checked by the compiler.
 */
type NamedFeature = (typeof OWN_TEXT_FEATURES)[number] | (typeof OWN_PLACE_FEATURES)[number] | 'cue:datelineOnly';
const COLUMN = Object.freeze(
  Object.fromEntries([...OWN_TEXT_FEATURES, ...OWN_PLACE_FEATURES, 'cue:datelineOnly'].map((name) => [name, featureIndex(name)])) as Record<NamedFeature, number>,
);

/** The vectors of a page's blocks, row after row (block i's features at i × width). */
export interface FeatureTable {
  readonly width: number;
  readonly rows: number;
  readonly values: Float32Array;
}

export function featureRow(table: FeatureTable, block: number): Float32Array {
  return table.values.subarray(block * table.width, (block + 1) * table.width);
}

/** The stopwords of a language tag's primary language, or of every listed language when it has none of its own. */
export function stopwordsFor(language: string | null): ReadonlySet<string> {
  const primary = language?.toLowerCase().split(/[-_]/)[0];
  const own = primary ? STOPWORDS[primary] : undefined;
  const key = own ? primary! : '';
  let set = STOPWORD_SETS.get(key);
  if (set === undefined) STOPWORD_SETS.set(key, (set = new Set(own ?? Object.values(STOPWORDS).flat())));
  return set;
}
/** stopwordsFor's sets, made once per language ('' for every language's): constant data, and their screens (stopwordScreen) with them. */
const STOPWORD_SETS = new Map<string, ReadonlySet<string>>();
const LONGEST_STOPWORD = Math.max(...Object.values(STOPWORDS).flat().map((w) => w.length));

/**
 * The words that may be stopwords, told by their first two characters before a word is cut out and lower-cased
 * (textFigures looks up every short word of the page): a table of the pairs of ASCII characters, lower-cased, that
 * begin a stopword, and (SCREEN_END) of the single characters that are one. A word whose first two characters are
 * ASCII lower-cases to a string that begins with them lower-cased (ASCII lower-cases alone, whatever follows), so it
 * can only be a stopword whose pair is in the table; a word that begins otherwise is looked up as before.
 */
const SCREEN_END = 0x80;
const SCREEN_ROW = SCREEN_END + 1;
const stopwordScreens = new WeakMap<ReadonlySet<string>, Uint8Array>();
function stopwordScreen(stopwords: ReadonlySet<string>): Uint8Array {
  let screen = stopwordScreens.get(stopwords);
  if (screen !== undefined) return screen;
  screen = new Uint8Array(SCREEN_END * SCREEN_ROW);
  for (const word of stopwords) {
    const first = word.charCodeAt(0);
    const second = word.length === 1 ? SCREEN_END : word.charCodeAt(1);
    if (first < SCREEN_END && (word.length === 1 || second < SCREEN_END)) screen[asciiLower(first) * SCREEN_ROW + asciiLower(second)] = 1;
  }
  stopwordScreens.set(stopwords, screen);
  return screen;
}
const asciiLower = (c: number): number => (c >= 0x41 && c <= 0x5a ? c + 0x20 : c);

/** Separators between words: whitespace, ASCII and general punctuation (as wordCount splits). */
function isSeparator(c: number): boolean {
  return c <= 0x2f || (c >= 0x3a && c <= 0x40) || (c >= 0x5b && c <= 0x60) || (c >= 0x7b && c <= 0xbf) || (c >= 0x2000 && c <= 0x206f) || (c >= 0x3000 && c <= 0x303f);
}
// Character classes by a table of UTF-16 code units, not Set lookups or range tests: textFigures tests every character of the page.
const SENTENCE_PUNCTUATION = 1;
const CLAUSE_PUNCTUATION = 2;
const CLOSER = 4;
const SEPARATOR = 8;
const DIGIT = 16;
/** As wordCount reads the character (its separators are a few more than SEPARATOR's): the block's word count comes from the same pass. */
const WORD_SEPARATOR = 32;
const CJK = 64;
const CHAR_CLASS = new Uint8Array(0x10000);
for (let c = 0; c < CHAR_CLASS.length; c++) {
  CHAR_CLASS[c] = (isSeparator(c) ? SEPARATOR : 0) | (c >= 0x30 && c <= 0x39 ? DIGIT : 0) | (isWordSeparator(c) ? WORD_SEPARATOR : 0) | (isCjkCharacter(c) ? CJK : 0);
}
for (const [bit, codes] of [
  [SENTENCE_PUNCTUATION, [0x2e, 0x21, 0x3f, 0x3002, 0xff01, 0xff1f, 0x61f, 0x964]],
  [CLAUSE_PUNCTUATION, [0x2c, 0x3b, 0x3a, 0x2e, 0x21, 0x3f, 0x3001, 0x3002, 0xff0c]],
  [CLOSER, [0x22, 0x27, 0x201d, 0x2019, 0xbb, 0x29, 0x5d]],
] as const) for (const c of codes) CHAR_CLASS[c]! |= bit;

export interface TextFigures {
  words: number;
  /** wordCount(text), counted in the same pass. */
  wordCount: number;
  sentences: number;
  endsSentence: number;
  punctuationShare: number;
  digitShare: number;
  capitalisedShare: number;
  stopwordDensity: number;
  meanWordChars: number;
}

/** The text's figures in one pass over its characters. */
export function textFigures(text: string, stopwords: ReadonlySet<string>): TextFigures {
  const screen = stopwordScreen(stopwords);
  let words = 0;
  let wordChars = 0;
  let capitalised = 0;
  let stop = 0;
  let sentences = 0;
  let punctuation = 0;
  let digits = 0;
  let start = -1;
  // wordCount's runs of word characters and its CJK characters.
  let runs = 0;
  let cjk = 0;
  let inRun = false;
  const n = text.length;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? text.charCodeAt(i) : 0x20;
    const kind = CHAR_CLASS[c]!;
    if (kind & WORD_SEPARATOR) inRun = false;
    else {
      if (kind & CJK) cjk++;
      if (!inRun) runs++;
      inRun = true;
    }
    if (kind & DIGIT) digits++;
    if (kind & CLAUSE_PUNCTUATION) punctuation++;
    if (kind & SENTENCE_PUNCTUATION) {
      const next = i + 1 < n ? text.charCodeAt(i + 1) : 0x20;
      const after = CHAR_CLASS[next]! & CLOSER ? (i + 2 < n ? text.charCodeAt(i + 2) : 0x20) : next;
      if (after === 0x20 || after === 0x0a) sentences++;
    }
    if (kind & SEPARATOR) {
      if (start >= 0) {
        const length = i - start;
        words++;
        wordChars += length;
        const first = text.charCodeAt(start);
        if ((first >= 0x41 && first <= 0x5a) || (first >= 0xc0 && first <= 0xde)) capitalised++;
        if (length <= LONGEST_STOPWORD) {
          const second = length === 1 ? SCREEN_END : text.charCodeAt(start + 1);
          const screened = first < SCREEN_END && (length === 1 || second < SCREEN_END) && screen[asciiLower(first) * SCREEN_ROW + asciiLower(second)] === 0;
          if (!screened && stopwords.has(text.slice(start, i).toLowerCase())) stop++;
        }
        start = -1;
      }
    } else if (start < 0) start = i;
  }
  let last = n - 1;
  while (last >= 0 && CHAR_CLASS[text.charCodeAt(last)]! & CLOSER) last--;
  return {
    words,
    wordCount: wordsOf(runs, cjk),
    sentences,
    endsSentence: last >= 0 && CHAR_CLASS[text.charCodeAt(last)]! & SENTENCE_PUNCTUATION ? 1 : 0,
    punctuationShare: n ? punctuation / n : 0,
    digitShare: n ? digits / n : 0,
    capitalisedShare: words ? capitalised / words : 0,
    stopwordDensity: words ? stop / words : 0,
    meanWordChars: words ? wordChars / words : 0,
  };
}

export interface FeatureInput {
  readonly blocks: readonly Block[];
  readonly containers: ContainerTable;
  readonly prepared: PreparedPage;
  /** The page's declared language (stopwords of that language), or null. */
  readonly language: string | null;
  /** What the page says it is (JSON-LD @type names and og:type, space-separated; see ../cues/page-types.ts). */
  readonly pageTypes: string;
  /** The block that states the page's title (its first copy, else the first h1), or -1. */
  readonly titleBlock: number;
  /** Looked at every CLOCK_CHECKS.blocksPerCheck blocks and containers (a million blocks take seconds a pass). */
  readonly watchdog?: Watchdog;
}

/** The block that states the page's title: the first copy of the title the metadata rules lifted, else the first h1; -1 when none. */
export function titleAnchor(blocks: readonly Block[], lifted: ReadonlyArray<{ readonly cues: readonly string[] } | null>): number {
  const copy = lifted.findIndex((item) => item?.cues[0] === 'metadata:title');
  return copy >= 0 ? copy : blocks.findIndex((block) => block.headingLevel === 1);
}

/**
 * For every block, the nearest container it shares with an anchor container (its lowest common
 * ancestor): the anchor's ancestors are marked once, then each container climbs to the first
 * marked one. Returned per container.
 */
function commonAncestors(containers: ContainerTable, anchor: number): Int32Array {
  const count = containers.start.length;
  const marked = new Uint8Array(count);
  for (let c = anchor; c >= 0; c = containers.parent[c]!) marked[c] = 1;
  const common = new Int32Array(count).fill(-1);
  for (let c = 0; c < count; c++) {
    // Parents come before children: a container's parent is already resolved.
    const parent = containers.parent[c]!;
    common[c] = marked[c] ? c : parent >= 0 ? common[parent]! : -1;
  }
  return common;
}

/** Whether a block reads as prose: a sentence of some length with few links (jusText's "good" paragraph). */
function isProse(block: Block, options: ClassificationOptions): boolean {
  return block.text.length >= options.minAnchorProseChars && block.linkChars <= options.maxProseLinkDensity * block.text.length;
}

/** The feature table of a page, in block order. */
export function blockFeatures(input: FeatureInput, options: ClassificationOptions = CLASSIFICATION): FeatureTable {
  const { blocks, containers, prepared } = input;
  const n = blocks.length;
  const values = new Float32Array(n * WIDTH);
  const stopwords = stopwordsFor(input.language);
  const tick = (i: number): void => {
    if (i % CLOCK_CHECKS.blocksPerCheck === 0) input.watchdog?.check('classifying (the block features)');
  };

  // Page and container sums (prefix sums over blocks: containers are ranges of blocks).
  const chars = new Float64Array(n + 1);
  const links = new Float64Array(n + 1);
  const prose = new Float64Array(n + 1);
  const proseFlag = new Uint8Array(n);
  const repeats = new Map<string, number>();
  let hiddenChars = 0;
  for (let i = 0; i < n; i++) {
    tick(i);
    const block = blocks[i]!;
    if (block.flags & Context.HIDDEN) hiddenChars += block.text.length;
    proseFlag[i] = isProse(block, options) ? 1 : 0;
    chars[i + 1] = chars[i]! + block.text.length;
    links[i + 1] = links[i]! + block.linkChars;
    prose[i + 1] = prose[i]! + (proseFlag[i] ? block.text.length : 0);
    repeats.set(block.text, (repeats.get(block.text) ?? 0) + 1);
  }
  const totalChars = chars[n]! || 1;
  const { root, lede, groups } = prepared;
  const rootChars = chars[root.end]! - chars[root.start]!;
  const rootDepth = containers.depth[root.container]!;
  /** A container's share of the page's characters. */
  const share = (c: number): number => (chars[containers.end[c]!]! - chars[containers.start[c]!]!) / totalChars;
  /** A container's blocks, share of the page, link density and prose share, from `column` on (the four columns in that order). */
  const setSpan = (row: number, column: number, c: number): void => {
    const s = containers.start[c]!;
    const e = containers.end[c]!;
    const text = chars[e]! - chars[s]!;
    values[row + column] = e - s;
    values[row + column + 1] = text / totalChars;
    values[row + column + 2] = text ? (links[e]! - links[s]!) / text : 0;
    values[row + column + 3] = text ? (prose[e]! - prose[s]!) / text : 0;
  };
  // Containers alike (same signature) under the same parent: the posts of a thread, the items of a listing. A block's
  // unit is its nearest container, up to FEATURE_WINDOWS.unitLevels up, that has at least minUnits alike siblings.
  // Each container's group is numbered once (by its parent and signature; without signatures every container is its
  // own), and the groups' sums are kept in arrays by that number.
  const signature = containers.signature;
  const count = containers.start.length;
  const groupOf = new Int32Array(count);
  const numbers = new Map<number, number>();
  // Parents run from -1, signatures (or container numbers) from 0 up to `stride` - 1: one number names the pair.
  let stride = count;
  if (signature) for (const value of signature) stride = Math.max(stride, value + 1);
  for (let c = 0; c < count; c++) {
    tick(c);
    const key = (containers.parent[c]! + 1) * stride + (signature ? signature[c]! : c);
    let group = numbers.get(key);
    if (group === undefined) numbers.set(key, (group = numbers.size));
    groupOf[c] = group;
  }
  const groupCount = numbers.size;
  const units = new Int32Array(groupCount);
  const groupChars = new Float64Array(groupCount);
  const groupLinks = new Float64Array(groupCount);
  const groupProse = new Float64Array(groupCount);
  for (let c = 0; c < count; c++) {
    tick(c);
    const group = groupOf[c]!;
    const s0 = containers.start[c]!;
    const e0 = containers.end[c]!;
    units[group] = units[group]! + 1;
    groupChars[group] = groupChars[group]! + (chars[e0]! - chars[s0]!);
    groupLinks[group] = groupLinks[group]! + (links[e0]! - links[s0]!);
    groupProse[group] = groupProse[group]! + (prose[e0]! - prose[s0]!);
  }
  const unitOf = new Int32Array(count).fill(-1);
  const unitLevels = new Int32Array(count).fill(-1);
  for (let c = 0; c < count; c++) {
    tick(c);
    for (let a = c, level = 0; a >= 0 && level <= FEATURE_WINDOWS.unitLevels; a = containers.parent[a]!, level++) {
      if (units[groupOf[a]!]! >= FEATURE_WINDOWS.minUnits) {
        unitOf[c] = a;
        unitLevels[c] = level;
        break;
      }
    }
  }
  const rootCommonOf = commonAncestors(containers, root.container);
  const titleCommonOf = input.titleBlock >= 0 && input.titleBlock < n ? commonAncestors(containers, blocks[input.titleBlock]!.container) : null;

  for (let i = 0; i < n; i++) {
    tick(i);
    const block = blocks[i]!;
    const row = i * WIDTH;
    const text = block.text;
    const length = text.length;
    const f = textFigures(text, stopwords);
    values[row + COLUMN.chars] = length;
    values[row + COLUMN.words] = f.wordCount;
    values[row + COLUMN.linkDensity] = length ? block.linkChars / length : 0;
    values[row + COLUMN.sentences] = f.sentences;
    values[row + COLUMN.endsSentence] = f.endsSentence;
    values[row + COLUMN.punctuationShare] = f.punctuationShare;
    values[row + COLUMN.digitShare] = f.digitShare;
    values[row + COLUMN.capitalisedShare] = f.capitalisedShare;
    values[row + COLUMN.stopwordDensity] = f.stopwordDensity;
    values[row + COLUMN.meanWordChars] = f.meanWordChars;
    values[row + COLUMN.headingLevel] = block.headingLevel;
    values[row + COLUMN.afterImage] = block.afterImage ? 1 : 0;
    values[row + COLUMN.hidden] = block.flags & Context.HIDDEN ? 1 : 0;
    values[row + COLUMN.repeats] = repeats.get(text)!;
    // What the block is (the walk's structure): a data table, code, a quotation, a list item and its place.
    if (block.table) {
      values[row + COLUMN['kind:table']] = 1;
      values[row + COLUMN['kind:tableRows']] = block.table.rows.length;
    }
    if (block.code) values[row + COLUMN['kind:code']] = 1;
    if (block.quote) values[row + COLUMN['kind:quote']] = block.quote;
    if (block.list) {
      values[row + COLUMN['list:ordered']] = block.list.ordered ? 1 : 0;
      values[row + COLUMN['list:depth']] = block.list.depth;
      values[row + COLUMN['list:position']] = block.list.position;
    }
    values[row + (TAG_COLUMN.get(block.tag) ?? OTHER_TAG_COLUMN)] = 1;
    setBitColumns(values, row, block.flags, FLAG_COLUMNS);
    setBitColumns(values, row, block.innermost, REGION_COLUMNS);
    setBitColumns(values, row, block.inlineFlags, INLINE_COLUMNS);
    const cues = prepared.cueMatches?.[i] ?? cueMatches(text, options);
    setBitColumns(values, row, cues, CUE_COLUMNS);
    if (prepared.datelines ? prepared.datelines[i] : isDatelineOnly(text, options)) values[row + COLUMN['cue:datelineOnly']] = 1;

    const container = block.container;
    const inside = i >= root.start && i < root.end;
    values[row + COLUMN['root:inside']] = inside ? 1 : 0;
    values[row + COLUMN['root:before']] = i < root.start ? (root.start - i) / (n || 1) : 0;
    values[row + COLUMN['root:after']] = i >= root.end ? (i - root.end + 1) / (n || 1) : 0;
    values[row + COLUMN['root:lede']] = i === lede ? 1 : 0;
    values[row + COLUMN['root:depthBelow']] = containers.depth[container]! - rootDepth;
    values[row + COLUMN.position] = n > 1 ? i / (n - 1) : 0;
    values[row + COLUMN.charPosition] = chars[i]! / totalChars;

    const rootCommon = rootCommonOf[container]!;
    values[row + COLUMN['root:commonShare']] = rootCommon >= 0 ? share(rootCommon) : 1;
    if (titleCommonOf) {
      const t = input.titleBlock;
      const common = titleCommonOf[container]!;
      values[row + COLUMN['title:found']] = 1;
      values[row + COLUMN['title:after']] = (i - t) / (n || 1);
      values[row + COLUMN['title:distance']] = Math.abs(i - t);
      values[row + COLUMN['title:commonShare']] = common >= 0 ? share(common) : 1;
      values[row + COLUMN['title:commonUp']] = common >= 0 ? containers.depth[container]! - containers.depth[common]! : -1;
    }

    const group = groups.groupOf[container]!;
    if (group >= 0) {
      values[row + COLUMN['links:groupItems']] = containers.end[group]! - containers.start[group]!;
      values[row + COLUMN['links:groupMeanWords']] = groups.meanWords[group]!;
      values[row + COLUMN['links:groupShare']] = share(group);
    }
    // The rules' teaser: a headline link in a list of them (inside or outside the content root: the model weighs where).
    if (isTeaser(block, groups, options)) values[row + COLUMN['links:teaser']] = 1;
    setSpan(row, COLUMN['container:blocks'], container);
    const parent = containers.parent[container]!;
    if (parent >= 0) setSpan(row, COLUMN['parent:blocks'], parent);
    values[row + COLUMN.depth] = containers.depth[container]!;
    values[row + COLUMN.siblingsAlike] = units[groupOf[container]!]!;
    const unit = unitOf[container]!;
    values[row + COLUMN['unit:levels']] = unitLevels[container]!;
    if (unit >= 0) {
      const unitGroup = groupOf[unit]!;
      const unitChars = groupChars[unitGroup]!;
      values[row + COLUMN['unit:count']] = units[unitGroup]!;
      values[row + COLUMN['unit:charShare']] = unitChars / totalChars;
      values[row + COLUMN['unit:linkDensity']] = unitChars ? groupLinks[unitGroup]! / unitChars : 0;
      values[row + COLUMN['unit:proseShare']] = unitChars ? groupProse[unitGroup]! / unitChars : 0;
      values[row + COLUMN['unit:first']] = containers.start[unit] === i ? 1 : 0;
    }

    const from = Math.max(0, i - FEATURE_WINDOWS.blocks);
    const to = Math.min(n, i + FEATURE_WINDOWS.blocks + 1);
    const windowChars = chars[to]! - chars[from]!;
    values[row + COLUMN['window:proseShare']] = windowChars ? (prose[to]! - prose[from]!) / windowChars : 0;
    values[row + COLUMN['window:linkDensity']] = windowChars ? (links[to]! - links[from]!) / windowChars : 0;
    values[row + COLUMN['window:insideRoot']] = (Math.min(to, root.end) - Math.max(from, root.start) > 0 ? Math.min(to, root.end) - Math.max(from, root.start) : 0) / (to - from);
  }

  // Neighbours: copies of a few of their own figures; a missing neighbour reads -1 everywhere.
  const sameContainer = (i: number, j: number): number => (blocks[j]!.container === blocks[i]!.container || containers.parent[blocks[j]!.container] === containers.parent[blocks[i]!.container] ? 1 : 0);
  copyNeighbourFigures(values, n, WIDTH, OWN_WIDTH, NEIGHBOUR_COLUMNS, sameContainer);

  // The page.
  const pageValues = [n, totalChars, links[n]! / totalChars, rootChars / totalChars, root.end - root.start, prose[n]! / totalChars, hiddenChars / totalChars];
  const kinds = pageKinds(input.pageTypes);
  PAGE_KINDS.forEach((_, k) => pageValues.push(kinds & (1 << k) ? 1 : 0));
  fillPageFigures(values, n, WIDTH, PAGE_COLUMN, pageValues);
  return { width: WIDTH, rows: n, values };
}

/** The cue patterns read as features, by name (the text line features of ../text/features.ts read the same). */
export { TEXT_CUES as TEXT_CUE_PATTERNS, LEGAL_CUES as LEGAL_CUE_PATTERNS };
