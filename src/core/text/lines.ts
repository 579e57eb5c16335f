/**
 * Lines of a plain-text scrape → classes, by the learned line model (line-model.json, written by
 * `npm run train`): the body model gives each line the probability that it is body (from the
 * line's features, ./features.ts), the sequence model decides the article as a whole from those
 * probabilities (./sequence.ts), and every line outside the article takes the class its own
 * wording gives it (the cues of ../cues/text.ts as the rules read them: an ad label is `ad`, a
 * copyright line `legal`, a photo credit `caption`), or chrome. Lines lifted into metadata
 * (headline copies, dateline, byline) are dropped before any model.
 */
import type { Block, WalkImage } from '../html/walk.js';
import { classifyBlocks } from '../classifier/cascade.js';
import type { Classified } from '../classifier/classes.js';
import { EXPLAINED_FEATURES, Trees, weightiestFeatures, type TreesData } from '../classifier/trees.js';
import { detectLanguage } from '../language.js';
import { MARKDOWN, TEXT_CLASSIFICATION } from '../cues/thresholds.js';
import { DRAWN_LINE } from '../cues/text.js';
import { CLOCK_CHECKS, type Watchdog } from '../watchdog.js';
import type { ParseLimits } from '../parse.js';
import { lineFeatures, LINE_FEATURE_NAMES, type LineFeatureTable } from './features.js';
import { textMetadata, type TextMetadata } from './metadata.js';
import { reviseTextBlocks } from './revise.js';
import { SENTENCE_END_AT_LINE_END, textBlocks, type TextLayout } from './segment.js';
import { isImageCaption, isMarkdownScrape, markdownBlocks } from './markdown.js';
import { decodeStates, isBodyState, type SequenceModel, type SequenceOptions } from './sequence.js';
import LINE_MODEL from './line-model.json' with { type: 'json' };

/** The cue of a Markdown scrape's image caption (./markdown.ts isImageCaption): a textual cue, so the line is named. */
const MARKDOWN_CAPTION = 'text:markdown-caption';

export interface LineModelData {
  readonly note: string;
  /** Binary trees: the margin of `body` for a line's features. */
  readonly body: TreesData;
  readonly sequence: SequenceModel & { readonly note: string };
  readonly decision: SequenceOptions & { readonly note: string };
}

export interface LineModels {
  readonly body: Trees;
  readonly sequence: SequenceModel;
  readonly decision: SequenceOptions;
}

/** The models of a stored line model; refuses one trained on other features. */
export function lineModelsOf(data: LineModelData): LineModels {
  const same = (names: readonly string[], expected: readonly string[]): boolean => names.length === expected.length && names.every((name, i) => name === expected[i]);
  if (!same(data.body.features, LINE_FEATURE_NAMES)) {
    throw new Error('the line model was trained on other line features: run npm run train');
  }
  return { body: new Trees(data.body), sequence: data.sequence, decision: data.decision };
}

/** The committed model, decoded on first use (immutable: it keeps nothing of any text). */
let committed: LineModels | null = null;
export function committedLineModels(): LineModels {
  return (committed ??= lineModelsOf(LINE_MODEL as unknown as LineModelData));
}

/** A text scrape read up to its lines: what the line model classifies (and what its trainer learns from). */
export interface TextLines {
  readonly blocks: readonly Block[];
  readonly layout: TextLayout;
  /** Lines lifted into metadata (headline copies, dateline, byline). */
  readonly lifted: ReadonlySet<number>;
  /**
   * Lines whose own wording names their class (the rules' textual cues: an ad label, a teaser, a subscription
   * prompt, a photo credit, a copyright or consent line). They take that class wherever they stand, and are set
   * aside before the line model as lifted lines are: a paragraph after an in-article newsletter box is read next to
   * the paragraph before the box, not next to the prompts.
   */
  readonly named: ReadonlySet<number>;
  /** The language whose stopwords the features count (told from the whole text), or null. */
  readonly language: string | null;
  /** The rules' classes of the lines: their cues name the class of a line outside the article. */
  readonly rules: readonly Classified[];
  /** 1 for a block that continues the line of the block before it (a line longer than a block, cut: textBlocks). */
  readonly continues: Uint8Array;
  /** The scrape is Markdown (./markdown.ts): its blocks carry headings, lists, tables, code and links, and it has `images`. */
  readonly markdown: boolean;
  /** The images of a Markdown scrape among its blocks (none in plain text). */
  readonly images: readonly WalkImage[];
}

/**
 * Decoded text → lines, metadata and the rules' reading of each line; Markdown when it is (isMarkdownScrape) or is `declared` so,
 * the HTML blocks of Markdown parsed within `limits` (the caller's options).
 */
export function readTextLines(text: string, watchdog?: Watchdog, declared = false, limits?: ParseLimits): { lines: TextLines; metadata: TextMetadata } {
  const markdown = declared || isMarkdownScrape(text);
  const { blocks, containers, layout, continues, images } = markdown ? markdownBlocks(text, watchdog, limits) : { ...textBlocks(text, watchdog), images: [] };
  watchdog?.check('splitting the text into blocks');
  const language = detectLanguage(text);
  const metadata = textMetadata(blocks, watchdog, language, markdown);
  watchdog?.check('reading the metadata of the text');
  const rules = reviseTextBlocks(classifyBlocks(blocks, containers, { titles: new Set(), bylines: new Set() }, undefined, watchdog), metadata.lifted, watchdog);
  // A Markdown scrape writes an image's caption as the emphasized line under it: a caption, as a figcaption is.
  if (markdown) for (const block of blocks) if (!metadata.lifted.has(block.index) && isImageCaption(block)) rules[block.index] = { block, type: 'caption', cues: [MARKDOWN_CAPTION] };
  const named = new Set<number>();
  rules.forEach((rule, i) => {
    if (!metadata.lifted.has(i) && namesItsClass(rule)) named.add(i);
  });
  return { lines: { blocks, layout, lifted: metadata.lifted, named, language, rules, continues, markdown, images }, metadata };
}

/** Whether the rules gave a line a class other than body or chrome by its own wording (a textual cue). */
function namesItsClass(rule: Classified): boolean {
  return rule.type !== 'body' && rule.type !== 'chrome' && rule.cues[0]?.startsWith('text:') === true;
}

/** The features of the lines. */
export function featuresOfLines(lines: TextLines, watchdog?: Watchdog): LineFeatureTable {
  const { blocks, layout, named } = lines;
  if (named.size === 0) return lineFeatures({ blocks, layout, language: lines.language, lifted: lines.lifted, rules: lines.rules, watchdog });
  // The features of the other lines, as if the named lines were not there; the named lines' rows stay zero (unused).
  const kept = blocks.map((_, i) => i).filter((i) => !named.has(i));
  const paragraph = Int32Array.from(kept, (i) => layout.paragraph[i]!);
  const lineInParagraph = new Int32Array(kept.length);
  const paragraphLines = new Int32Array(kept.length);
  for (let k = 0; k < kept.length; ) {
    let j = k;
    while (j < kept.length && paragraph[j] === paragraph[k]) j++;
    for (let m = k; m < j; m++) {
      lineInParagraph[m] = m - k;
      paragraphLines[m] = j - k;
    }
    k = j;
  }
  const lifted = new Set<number>();
  kept.forEach((i, k) => {
    if (lines.lifted.has(i)) lifted.add(k);
  });
  const sub = lineFeatures({
    blocks: kept.map((i) => blocks[i]!),
    layout: { paragraph, lineInParagraph, paragraphLines },
    language: lines.language,
    lifted,
    rules: kept.map((i) => lines.rules[i]!),
    watchdog,
  });
  const values = new Float32Array(blocks.length * sub.width);
  kept.forEach((i, k) => values.set(sub.values.subarray(k * sub.width, (k + 1) * sub.width), i * sub.width));
  return { width: sub.width, rows: blocks.length, values };
}

/** Each line's probability of body (the trees cost a few µs a line: seconds for a million). */
export function bodyProbabilities(features: LineFeatureTable, body: Trees, watchdog?: Watchdog): Float64Array {
  const out = new Float64Array(features.rows);
  for (let i = 0; i < features.rows; i++) {
    if (i % CLOCK_CHECKS.linesPerCheck === 0) watchdog?.check(APPLYING_THE_LINE_MODEL);
    out[i] = body.probability(features.values, i * features.width);
  }
  return out;
}

const APPLYING_THE_LINE_MODEL = 'the line model';

/** The first cue of a line the line model decided, body or not (decideTextLines explains those lines). */
const MODEL_BODY = 'model:body';
const MODEL_NOT_BODY = 'model:not-body';
const DRAWN_LINE_CUE = 'text:drawn-line';

/** The classes of the lines from their probabilities of body: the sequence decision, then each other line's own cue. */
function classifyLines(lines: TextLines, probability: Float64Array, sequence: SequenceModel, decision: SequenceOptions, watchdog?: Watchdog): Classified[] {
  const { blocks, lifted, named } = lines;
  const skip = Uint8Array.from(blocks, (_, i) => (lifted.has(i) || named.has(i) ? 1 : 0));
  const states = decodeStates(probability, skip, sequence, decision, watchdog);
  return blocks.map((block, i) => {
    if (i % CLOCK_CHECKS.linesPerCheck === 0) watchdog?.check(APPLYING_THE_LINE_MODEL);
    const rule = lines.rules[i]!;
    if (lifted.has(i)) return rule;
    // A line whose own wording names its class takes that class, inside the article too: the body model learned body
    // or not from gold main texts, some of which keep captions and teasers, so it cannot tell these classes apart.
    if (named.has(i)) return { block, type: rule.type, cues: ['model:named', ...rule.cues] };
    if (DRAWN_LINE.test(block.text)) return drawnLine(block);
    const p = `p(body)=${probability[i]!.toFixed(2)}`;
    if (isBodyState(states[i]!)) return { block, type: 'body', cues: [MODEL_BODY, p] };
    return { block, type: 'chrome', cues: [MODEL_NOT_BODY, p] };
  });
}

/** A drawn line (a heading's underline, a rule) is layout: never body, whatever the paragraphs around it say. */
const drawnLine = (block: Block): Classified => ({ block, type: 'chrome', cues: [DRAWN_LINE_CUE] });

/**
 * The classes of the lines from their probabilities of body. The sequence decision keeps the article together; when
 * it finds no article at all, each line's own evidence decides (the same bias, no transitions): a listing whose
 * items alternate with their bylines and section labels pays a transition at every item, and the path that avoids
 * them all keeps nothing (measured on the training part's cross-validation by site: listing pages lost their items
 * this way, npm run train:text -- --cv). A note too short to be a page (a few lines: shorter than any page the models
 * learned from) in which the sequence finds no article takes the rules' reading instead.
 */
export function decideFromProbabilities(lines: TextLines, probability: Float64Array, models: Pick<LineModels, 'sequence' | 'decision'>, watchdog?: Watchdog): Classified[] {
  const decided = classifyLines(lines, probability, models.sequence, models.decision, watchdog);
  if (decided.some(isBody)) return wholeLines(lines, decided);
  if (lines.blocks.length - lines.lifted.size <= TEXT_CLASSIFICATION.maxNoteLines) {
    return lines.rules.map((rule, i) => (!lines.lifted.has(i) && DRAWN_LINE.test(rule.block.text) ? drawnLine(rule.block) : rule));
  }
  return wholeLines(lines, classifyLines(lines, probability, models.sequence, { ...models.decision, transitionWeight: 0 }, watchdog));
}

/** The cue of a block of a long line made body because another block of the same line is. */
const SPLIT_LINE_BODY = 'text:split-line';

/**
 * A line longer than a block can be is cut into blocks (textBlocks), each decided by the line model on its own: the
 * features of a piece (its place in the paragraph, the lines after it) are not a line's, and a scrape of one long
 * line (a text whose line breaks were dropped: 150,000 characters) kept its first 100,000 as body and lost the rest.
 * A line is one line: when the model took any of its pieces for body, the pieces it decided are body.
 */
function wholeLines(lines: TextLines, decided: Classified[]): Classified[] {
  const { continues } = lines;
  for (let start = 0; start < decided.length; ) {
    let end = start + 1;
    while (end < decided.length && continues[end] === 1) end++;
    if (end - start > 1 && decided.slice(start, end).some((item) => item.type === 'body' && item.cues[0] === MODEL_BODY)) {
      for (let i = start; i < end; i++) {
        const item = decided[i]!;
        if (item.cues[0] === MODEL_NOT_BODY) decided[i] = { block: item.block, type: 'body', cues: [MODEL_BODY, SPLIT_LINE_BODY, ...item.cues.slice(1)] };
      }
    }
    start = end;
  }
  return decided;
}

const isBody = (item: Classified): boolean => item.type === 'body';

/** The cue of a line at a Markdown scrape's article's start or end made body as the article's. */
const ARTICLE_EDGE = 'markdown:article-edge';

/**
 * The lines after a Markdown scrape's last body line and before its first that go on with the article are body: sentences, code
 * and tables, and a heading over such lines, up to the first line that does not (a menu's or a footer's: links, a label, a line
 * whose wording names its class). The line model learned from pages framed by menus and footers, and takes a page's first and last
 * lines for them: a README or a scraper's main content starts and ends with the article ("## Install" and its code above the body
 * it kept, the last paragraphs, table and footnotes below it; measured on the validation pages as Markdown scrapes: see the commits).
 */
function articleEdges(lines: TextLines, decided: Classified[]): void {
  const body = decided.flatMap((item, i) => (isBody(item) && !lines.lifted.has(i) ? [i] : []));
  if (body.length === 0) return;
  for (const step of [1, -1]) {
    const headings: number[] = [];
    for (let i = step > 0 ? body[body.length - 1]! + 1 : body[0]! - 1; i >= 0 && i < decided.length; i += step) {
      if (lines.lifted.has(i)) continue;
      const { block, cues } = decided[i]!;
      if (cues[0] !== MODEL_NOT_BODY || block.linkChars > MARKDOWN.articleMaxLinkShare * block.text.length) break;
      const heading = block.headingLevel > 0;
      if (!heading && block.codeBlock === undefined && block.tableBlock === undefined && block.table === undefined && !SENTENCE_END_AT_LINE_END.test(block.text)) break;
      headings.push(i);
      // Going down, a heading is the article's when a line of it follows; going up, the lines under it are.
      if (heading && step > 0) continue;
      for (const k of headings.splice(0)) decided[k] = { block: decided[k]!.block, type: 'body', cues: [MODEL_BODY, ARTICLE_EDGE, ...decided[k]!.cues.slice(1)] };
    }
  }
}

/** The cue of a line of a Markdown scrape that shows no chrome, made body. */
const NO_CHROME = 'markdown:no-chrome';

/**
 * A Markdown scrape that shows no chrome is its article, every line body (true when it is): no line of links (menus, footers and
 * related links are links in Markdown), none whose wording names its class, and some line the model took for body. A README or a
 * scraper's main content (Firecrawl's onlyMainContent) is such a scrape; the line model, which learned from whole pages, took the
 * headings, code and short paragraphs of a short one for a page's chrome around one paragraph.
 */
function wholeArticle(lines: TextLines, decided: Classified[]): boolean {
  if (lines.named.size > 0 || !decided.some(isBody)) return false;
  if (lines.blocks.some((block) => block.linkChars > MARKDOWN.articleMaxLinkShare * block.text.length)) return false;
  decided.forEach((item, i) => {
    if (item.cues[0] === MODEL_NOT_BODY) decided[i] = { block: item.block, type: 'body', cues: [MODEL_BODY, NO_CHROME, ...item.cues.slice(1)] };
  });
  return true;
}

/** The cue of a Markdown table or code block made body because it stands between body lines. */
const BETWEEN_BODY = 'markdown:between-body';

/**
 * A Markdown scrape's table or fenced code block (its rows or lines, a block each: ./markdown.ts) that stands between
 * two body lines is body: the syntax says it is a data table or code, which is the article's where the article is
 * (SEGMENTS.md), and the line model, which learned from lines alone, reads a table's short rows as a menu's. The
 * lines around it are the nearest ones not lifted into metadata.
 */
function tablesAndCodeInBody(lines: TextLines, decided: Classified[]): void {
  const group = (block: Block): string | null => (block.tableBlock !== undefined ? `t${block.tableBlock}` : block.codeBlock !== undefined ? `c${block.codeBlock}` : null);
  for (let start = 0; start < decided.length; ) {
    const key = group(decided[start]!.block);
    let end = start + 1;
    if (key !== null) while (end < decided.length && group(decided[end]!.block) === key) end++;
    if (key !== null && decided.slice(start, end).every((item) => item.cues[0] === MODEL_NOT_BODY)) {
      let before = start - 1;
      while (before >= 0 && lines.lifted.has(before)) before--;
      let after = end;
      while (after < decided.length && lines.lifted.has(after)) after++;
      if (before >= 0 && after < decided.length && isBody(decided[before]!) && isBody(decided[after]!)) {
        for (let i = start; i < end; i++) decided[i] = { block: decided[i]!.block, type: 'body', cues: [MODEL_BODY, BETWEEN_BODY, ...decided[i]!.cues.slice(1)] };
      }
    }
    start = end;
  }
}

/**
 * The line models' decision for every line (decideFromProbabilities). With `explain`, each line the model decided
 * names in its cues the features that weighed most in its probability of body, as the HTML blocks do.
 */
export function decideTextLines(lines: TextLines, models: LineModels = committedLineModels(), watchdog?: Watchdog, explain = false): Classified[] {
  const features = featuresOfLines(lines, watchdog);
  const probability = bodyProbabilities(features, models.body, watchdog);
  watchdog?.check(APPLYING_THE_LINE_MODEL);
  const decided = decideFromProbabilities(lines, probability, models, watchdog);
  if (lines.markdown) {
    if (!wholeArticle(lines, decided)) articleEdges(lines, decided);
    tablesAndCodeInBody(lines, decided);
  }
  if (!explain) return decided;
  return decided.map((item, i) => {
    if (item.cues[0] !== MODEL_BODY && item.cues[0] !== MODEL_NOT_BODY) return item;
    const row = features.values.subarray(i * features.width, (i + 1) * features.width);
    return { ...item, cues: [...item.cues, ...weightiestFeatures(models.body, row, 0, EXPLAINED_FEATURES)] };
  });
}
