/**
 * Every line of a plain-text scrape as a vector of numbers, for the learned line model
 * (./lines.ts). Text has no tags, links or containers, so the evidence is the text itself and its
 * layout: length, punctuation, capitalisation, stopwords of the text's language, the textual cues
 * of ../cues/text.ts, how often the line repeats, its place in the text, the blank-line structure
 * around it, the lines around it (Boilerpipe's and jusText's neighbour context), the section
 * around it (shares of prose, cues, short lines and the rules' body over a wider window: a comment
 * thread, a policy text, a list of related items), runs of short lines (menus, link lists) and of
 * prose, and where the line sits relative to the text's densest run of prose (the text's analogue
 * of the HTML content root: the stretch of lines whose prose, less everything else, sums highest).
 *
 * Nothing names a site or a page: every feature is a figure of the text. The vector's layout is
 * LINE_FEATURE_NAMES; a model records the names it was trained on (../classifier/trees.ts).
 * Linear in the text: one pass for the lines' own figures, prefix sums for windows and runs.
 */
import type { Block } from '../html/walk.js';
import { CLASSIFICATION, type ClassificationOptions } from '../cues/classification.js';
import { TEXT_FEATURES } from '../cues/thresholds.js';
import type { Classified } from '../classifier/classes.js';
import { isDatelineOnly } from '../classifier/cue-matches.js';
import { echoKey } from '../classifier/echoes.js';
import { copyNeighbourFigures, fillPageFigures, LEGAL_CUE_PATTERNS, NEIGHBOURS, stopwordsFor, TEXT_CUE_PATTERNS, textFigures, type TextFigures } from '../classifier/features.js';
import type { TextLayout } from './segment.js';
import { CLOCK_CHECKS, type Watchdog } from '../watchdog.js';

const LINES_PER_CHECK = CLOCK_CHECKS.linesPerCheck;

const BULLET = /^(?:[-–—•·*▪►›»>+]|\d{1,3}[.)]|[a-z][.)])\s/i;
const URL_LIKE = /\b(?:https?:\/\/|www\.)\S|\b[\w-]+\.(?:com|org|net|io|de|fr|co\.uk)\b/i;
const SEPARATORS = /\s[|·•/»›]\s/g;
const LETTER = /\p{L}/u;
const UPPER = /\p{Lu}/gu;
const LOWER = /\p{Ll}/gu;

/** The classes the rules (../classifier/cascade.ts read over the lines, ./revise.ts) give a line: their decision is evidence too. */
const RULE_TYPES = ['body', 'caption', 'ad', 'legal', 'chrome'] as const;

/** What a line says about itself; some are also read from its neighbours (NEIGHBOUR_FEATURES). */
const OWN_FEATURES = [
  'chars', 'words', 'sentences', 'endsSentence', 'punctuationShare', 'digitShare', 'capitalisedShare', 'stopwordDensity', 'meanWordChars',
  'startsLower', 'startsBullet', 'endsColon', 'upperShare', 'tabs', 'separators', 'urlLike',
  ...Object.keys(TEXT_CUE_PATTERNS).map((name) => `cue:${name}`), ...Object.keys(LEGAL_CUE_PATTERNS).map((name) => `cue:${name}`), 'cue:datelineOnly', 'cue:any',
  'repeats', 'echoRepeats',
  'paragraph:lines', 'paragraph:index', 'paragraph:last', 'blankBefore', 'blankAfter',
  'position', 'charPosition', 'linesBefore', 'linesAfter',
  'region:inside', 'region:before', 'region:after',
  'window:proseShare', 'window:meanChars', 'window:cueShare', 'wide:proseShare', 'wide:cueShare', 'wide:ruleBodyShare', 'wide:shortShare', 'run:short', 'run:prose', 'run:shortIndex',
  ...RULE_TYPES.map((type) => `rule:${type}`), 'window:ruleBodyShare',
] as const;

const NEIGHBOUR_FEATURES = ['chars', 'endsSentence', 'stopwordDensity', 'capitalisedShare', 'cue:any', 'repeats', 'blankBefore', 'rule:body'] as const;

const PAGE_FEATURES = ['page:lines', 'page:chars', 'page:proseShare', 'page:blankShare', 'page:regionShare', 'page:regionLines'] as const;

export const LINE_FEATURE_NAMES: readonly string[] = [...OWN_FEATURES, ...NEIGHBOURS.flatMap((n) => NEIGHBOUR_FEATURES.map((f) => `${n}.${f}`)), ...PAGE_FEATURES];
const INDEX = new Map(LINE_FEATURE_NAMES.map((name, i) => [name, i]));
const WIDTH = LINE_FEATURE_NAMES.length;
const OWN_WIDTH = OWN_FEATURES.length;

/** Index of a named line feature in the vector. */
export function lineFeatureIndex(name: string): number {
  const index = INDEX.get(name);
  if (index === undefined) throw new Error(`no line feature named ${name}`);
  return index;
}

/** The vectors of a text's lines, row after row (line i's features at i × width). */
export interface LineFeatureTable {
  readonly width: number;
  readonly rows: number;
  readonly values: Float32Array;
}

export interface LineFeatureInput {
  readonly blocks: readonly Block[];
  readonly layout: TextLayout;
  /** The text's language (its stopwords), or null. */
  readonly language: string | null;
  /** Lines lifted into metadata (headline copies, dateline, byline): they count as neither prose nor anything else. */
  readonly lifted: ReadonlySet<number>;
  /** The rules' class of each line. */
  readonly rules: readonly Classified[];
  /** Looked at every LINES_PER_CHECK lines of the two passes over the lines. */
  readonly watchdog?: Watchdog;
}

/** Whether a line reads as prose: a sentence of some length (jusText's "good" paragraph, without links to count). */
function isProse(text: string, f: TextFigures, options: ClassificationOptions): boolean {
  return text.length >= options.minAnchorProseChars && f.sentences > 0;
}

/** The stretch of lines whose score (prose characters for, everything else against) sums highest: [start, end). */
export function proseRegion(scores: Float64Array): { start: number; end: number } {
  let best = -Infinity;
  let bestStart = 0;
  let bestEnd = 0;
  let sum = 0;
  let start = 0;
  for (let i = 0; i < scores.length; i++) {
    if (sum <= 0) {
      sum = 0;
      start = i;
    }
    sum += scores[i]!;
    if (sum > best) {
      best = sum;
      bestStart = start;
      bestEnd = i + 1;
    }
  }
  return { start: bestStart, end: bestEnd };
}

export function lineFeatures(input: LineFeatureInput, options: ClassificationOptions = CLASSIFICATION): LineFeatureTable {
  const { blocks, layout, lifted } = input;
  const n = blocks.length;
  const values = new Float32Array(n * WIDTH);
  const stopwords = stopwordsFor(input.language);
  const at = (name: string): number => INDEX.get(name)!;

  const repeats = new Map<string, number>();
  const echoRepeats = new Map<string, number>();
  const keys = new Array<string>(n);
  const tick = (i: number): void => {
    if (i % LINES_PER_CHECK === LINES_PER_CHECK - 1) input.watchdog?.check('reading the features of the lines');
  };
  for (let i = 0; i < n; i++) {
    tick(i);
    const text = blocks[i]!.text;
    repeats.set(text, (repeats.get(text) ?? 0) + 1);
    keys[i] = text.length <= TEXT_FEATURES.maxEchoChars ? echoKey(text) : text;
    echoRepeats.set(keys[i]!, (echoRepeats.get(keys[i]!) ?? 0) + 1);
  }

  // Prefix sums: characters, prose characters, cue lines, and the region's scores.
  const chars = new Float64Array(n + 1);
  const prose = new Float64Array(n + 1);
  const cued = new Float64Array(n + 1);
  const ruleBody = new Float64Array(n + 1);
  const regionScores = new Float64Array(n);
  const proseFlag = new Uint8Array(n);
  const shortFlag = new Uint8Array(n);
  const anyCue = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    tick(i);
    const text = blocks[i]!.text;
    const f = textFigures(text, stopwords);
    const row = i * WIDTH;
    const set = (name: string, value: number): void => {
      values[row + at(name)] = value;
    };
    const length = text.length;
    set('chars', length);
    set('words', f.wordCount);
    set('sentences', f.sentences);
    set('endsSentence', f.endsSentence);
    set('punctuationShare', f.punctuationShare);
    set('digitShare', f.digitShare);
    set('capitalisedShare', f.capitalisedShare);
    set('stopwordDensity', f.stopwordDensity);
    set('meanWordChars', f.meanWordChars);
    const first = LETTER.exec(text)?.[0];
    set('startsLower', first !== undefined && first !== first.toUpperCase() ? 1 : 0);
    set('startsBullet', BULLET.test(text) ? 1 : 0);
    set('endsColon', text.endsWith(':') ? 1 : 0);
    if (length <= TEXT_FEATURES.maxCaseChars) {
      const upper = text.match(UPPER)?.length ?? 0;
      const lower = text.match(LOWER)?.length ?? 0;
      set('upperShare', upper + lower ? upper / (upper + lower) : 0);
    }
    let tabs = 0;
    for (let at = text.indexOf('\t'); at !== -1; at = text.indexOf('\t', at + 1)) tabs++;
    set('tabs', tabs);
    if (length <= options.maxCueBlockChars) set('separators', text.match(SEPARATORS)?.length ?? 0);
    set('urlLike', length <= options.maxCueBlockChars && URL_LIKE.test(text) ? 1 : 0);
    let cue = 0;
    const cueFires = (name: string): void => {
      set(`cue:${name}`, 1);
      cue = 1;
    };
    if (length <= options.maxCueBlockChars) for (const [name, pattern] of Object.entries(TEXT_CUE_PATTERNS)) if (pattern.test(text)) cueFires(name);
    if (length <= options.maxLegalBlockChars) for (const [name, pattern] of Object.entries(LEGAL_CUE_PATTERNS)) if (pattern.test(text)) cueFires(name);
    if (isDatelineOnly(text, options)) cueFires('datelineOnly');
    set('cue:any', cue);
    const ruleType = input.rules[i]!.type;
    set(`rule:${ruleType}`, 1);
    ruleBody[i + 1] = ruleBody[i]! + (ruleType === 'body' ? length : 0);
    anyCue[i] = cue;
    set('repeats', repeats.get(text)!);
    set('echoRepeats', echoRepeats.get(keys[i]!)!);
    set('paragraph:lines', layout.paragraphLines[i]!);
    set('paragraph:index', layout.lineInParagraph[i]!);
    set('paragraph:last', layout.lineInParagraph[i]! === layout.paragraphLines[i]! - 1 ? 1 : 0);
    set('blankBefore', i > 0 && layout.paragraph[i - 1] !== layout.paragraph[i] ? 1 : 0);
    set('blankAfter', i + 1 < n && layout.paragraph[i + 1] !== layout.paragraph[i] ? 1 : 0);
    set('position', n > 1 ? i / (n - 1) : 0);
    set('linesBefore', i);
    set('linesAfter', n - 1 - i);

    const isLifted = lifted.has(i);
    proseFlag[i] = !isLifted && isProse(text, f, options) ? 1 : 0;
    shortFlag[i] = !isLifted && !proseFlag[i] && f.sentences === 0 && length <= TEXT_FEATURES.maxShortLineChars ? 1 : 0;
    chars[i + 1] = chars[i]! + length;
    prose[i + 1] = prose[i]! + (proseFlag[i] ? length : 0);
    cued[i + 1] = cued[i]! + cue;
    // Prose counts for the region, every other line against it by its length (at least a floor: a menu of
    // one-word lines still costs), lifted lines not at all.
    regionScores[i] = isLifted ? 0 : proseFlag[i] && !cue ? length : -Math.max(length, TEXT_FEATURES.regionLineCost) * TEXT_FEATURES.regionOtherWeight;
  }
  const totalChars = chars[n]! || 1;
  const region = proseRegion(regionScores);

  // Runs of short lines and of prose lines: each line's run length, and its index in a short run.
  const shortRun = new Int32Array(n);
  const shortIndex = new Int32Array(n);
  const proseRun = new Int32Array(n);
  for (let i = 0; i < n; ) {
    let j = i;
    if (shortFlag[i]) {
      while (j < n && shortFlag[j]) j++;
      for (let k = i; k < j; k++) {
        shortRun[k] = j - i;
        shortIndex[k] = k - i;
      }
    } else if (proseFlag[i]) {
      while (j < n && proseFlag[j]) j++;
      proseRun.fill(j - i, i, j);
    } else j = i + 1;
    i = j;
  }

  const w = TEXT_FEATURES.window;
  const wide = TEXT_FEATURES.wideWindow;
  const shortLines = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) shortLines[i + 1] = shortLines[i]! + shortFlag[i]!;
  let blankBreaks = 0;
  for (let i = 0; i < n; i++) {
    tick(i);
    const row = i * WIDTH;
    const set = (name: string, value: number): void => {
      values[row + at(name)] = value;
    };
    set('charPosition', chars[i]! / totalChars);
    set('region:inside', i >= region.start && i < region.end ? 1 : 0);
    set('region:before', i < region.start ? region.start - i : 0);
    set('region:after', i >= region.end ? i - region.end + 1 : 0);
    const from = Math.max(0, i - w);
    const to = Math.min(n, i + w + 1);
    const windowChars = chars[to]! - chars[from]!;
    set('window:proseShare', windowChars ? (prose[to]! - prose[from]!) / windowChars : 0);
    set('window:meanChars', windowChars / (to - from));
    set('window:cueShare', (cued[to]! - cued[from]!) / (to - from));
    set('window:ruleBodyShare', windowChars ? (ruleBody[to]! - ruleBody[from]!) / windowChars : 0);
    const wideFrom = Math.max(0, i - wide);
    const wideTo = Math.min(n, i + wide + 1);
    const wideChars = chars[wideTo]! - chars[wideFrom]!;
    set('wide:proseShare', wideChars ? (prose[wideTo]! - prose[wideFrom]!) / wideChars : 0);
    set('wide:cueShare', (cued[wideTo]! - cued[wideFrom]!) / (wideTo - wideFrom));
    set('wide:ruleBodyShare', wideChars ? (ruleBody[wideTo]! - ruleBody[wideFrom]!) / wideChars : 0);
    set('wide:shortShare', (shortLines[wideTo]! - shortLines[wideFrom]!) / (wideTo - wideFrom));
    set('run:short', shortRun[i]!);
    set('run:shortIndex', shortIndex[i]!);
    set('run:prose', proseRun[i]!);
    if (i > 0 && layout.paragraph[i - 1] !== layout.paragraph[i]) blankBreaks++;
  }

  // Neighbours: copies of a few of their own figures; a missing neighbour reads -1 everywhere.
  copyNeighbourFigures(values, n, WIDTH, OWN_WIDTH, NEIGHBOUR_FEATURES.map((name) => at(name)));

  const pageValues = [n, totalChars, prose[n]! / totalChars, n > 1 ? blankBreaks / (n - 1) : 0, (chars[region.end]! - chars[region.start]!) / totalChars, region.end - region.start];
  fillPageFigures(values, n, WIDTH, at(PAGE_FEATURES[0]), pageValues);
  return { width: WIDTH, rows: n, values };
}
