/**
 * Blocks → classes by the learned models. The body model gives each block its probability of
 * being body, from its own features and those of its neighbours, windows, containers and
 * repeated unit (./features.ts: the revision by neighbours is in the features). A block at or
 * above the page's threshold (pageThreshold, or `minBodyProbability` for every page) is body; any other block takes the class the segment model finds
 * likeliest among caption, ad, legal and chrome. Blocks the metadata rules lifted (copies of the
 * title and byline, datelines) keep the rules' decision. Hidden text is never body, nor is the text
 * of a consent manager's container (legal: CONSENT_MANAGER, a flag the features do not read), nor a
 * block of a template's placeholders the page shipped unrendered (chrome: ./measures.ts isUnrendered);
 * the trainer's data is the same either way (the features and labels do not see them).
 */
import type { Block, ContainerTable } from '../html/walk.js';
import type { BlockClass, Classified } from './classes.js';
import type { PreparedPage } from './content-root.js';
import { featureIndex, featureRow, type FeatureTable } from './features.js';
import { CONSENT_MANAGER, Context } from '../cues/attributes.js';
import { TEXT_FLOW } from '../cues/thresholds.js';
import { DESCRIPTION_LIST_TAGS } from '../cues/structure.js';
import { isUnrendered } from './measures.js';
import { weightiestFeatures, type Trees } from './trees.js';
import { CLOCK_CHECKS, type Watchdog } from '../watchdog.js';

const APPLYING = 'classifying (the block models)';

export interface BlockModels {
  /** Binary: the margin of `body`, from the block features. */
  readonly body: Trees;
  /** Softmax over the classes other than body, from the block features. */
  readonly segment: Trees;
}

export interface DecisionOptions {
  /** Probability of body from which a block is body (the page's own threshold instead where `perPage` is set). */
  readonly minBodyProbability: number;
  /** Each page its own threshold, the one that maximises its expected F1 (see pageThreshold), held within these bounds. */
  readonly perPage?: PageThresholdRule | null;
  /** Where the body model's blended member takes part (see BlendRule); absent or null: on every page. */
  readonly blendWhereUnsure?: BlendRule | null;
  /** Features named in each block's cues as those that weighed most in its decision (0: none, the cheap way). */
  readonly explainFeatures?: number;
}

export interface PageBlocks {
  readonly blocks: readonly Block[];
  readonly containers: ContainerTable;
  readonly prepared: PreparedPage;
  readonly features: FeatureTable;
  /** The rules' class of a block the body model finds is not body (teasers: ./rules.ts), null elsewhere. */
  readonly notBody?: ReadonlyArray<Classified | null>;
}

/**
 * Each row's probability of the binary model's class (an ensemble's: its members' mean); a row whose `decided[i]` is set (a block the
 * rules decided, whose probability nobody reads: about 10% of the corpus's blocks) is left NaN. With `blend`, the model's last
 * member (a model of another kind blended in: eval/training.json `body.blend`) takes its share only on a page where the other
 * members are unsure (BlendRule); elsewhere a row's probability is theirs alone.
 */
export function probabilities(model: Trees, table: FeatureTable, watchdog?: Watchdog, decided?: ReadonlyArray<unknown>, blend?: BlendRule | null): Float64Array {
  return bodyProbabilities(model, table, watchdog, decided, blend).probability;
}

/** probabilities(), and how many of the model's members took part (all of them, or all but the blended last one). */
export function bodyProbabilities(
  model: Trees,
  table: FeatureTable,
  watchdog?: Watchdog,
  decided?: ReadonlyArray<unknown>,
  blend?: BlendRule | null,
): { probability: Float64Array; members: number } {
  const out = new Float64Array(table.rows);
  if (blend && model.members > 1) return blendedWhereUnsure(model, table, out, blend, watchdog, decided);
  for (let i = 0; i < table.rows; i++) {
    if (i % CLOCK_CHECKS.blocksPerCheck === 0) watchdog?.check(APPLYING);
    out[i] = decided?.[i] ? NaN : model.probability(table.values, i * table.width);
  }
  return { probability: out, members: model.members };
}

/**
 * Where a body model's blended member takes part (eval/training.json `decision.blendWhereUnsure`): on a page where more
 * than `minShare` of the blocks the models decide have a probability strictly between `lowest` and `highest` by the
 * other members. Boosted stumps blended in on every page raise listing and forum pages, where the deep trees are unsure
 * of many blocks, and cost articles' precision, where they are sure of nearly all (docs/how-it-works.md).
 */
export interface BlendRule {
  readonly lowest: number;
  readonly highest: number;
  readonly minShare: number;
}

/** probabilities() with a BlendRule: the other members' probabilities first, then the last member's share if the page is unsure. */
function blendedWhereUnsure(
  model: Trees,
  table: FeatureTable,
  out: Float64Array,
  rule: BlendRule,
  watchdog?: Watchdog,
  decided?: ReadonlyArray<unknown>,
): { probability: Float64Array; members: number } {
  const last = model.members - 1;
  const shares = Float64Array.from({ length: model.members }, (_, m) => model.memberShare(m));
  let ownShare = 0;
  for (let m = 0; m < last; m++) ownShare += shares[m]!;
  // The others' probabilities weighed by their shares, summed as Trees.probability sums them (the blend is that sum bit for bit).
  const own = new Float64Array(table.rows);
  let counted = 0;
  let unsure = 0;
  for (let i = 0; i < table.rows; i++) {
    if (i % CLOCK_CHECKS.blocksPerCheck === 0) watchdog?.check(APPLYING);
    if (decided?.[i]) {
      out[i] = NaN;
      continue;
    }
    if (last === 1) {
      // One member besides the blended one (the committed model): its probability as it is, not a share divided back.
      out[i] = model.memberProbability(table.values, i * table.width, 0);
      own[i] = shares[0]! * out[i]!;
    } else {
      let sum = 0;
      for (let m = 0; m < last; m++) sum += shares[m]! * model.memberProbability(table.values, i * table.width, m);
      own[i] = sum;
      out[i] = sum / ownShare;
    }
    counted++;
    if (out[i]! > rule.lowest && out[i]! < rule.highest) unsure++;
  }
  if (counted === 0 || unsure <= rule.minShare * counted) return { probability: out, members: last };
  for (let i = 0; i < table.rows; i++) {
    if (i % CLOCK_CHECKS.blocksPerCheck === 0) watchdog?.check(APPLYING);
    if (!decided?.[i]) out[i] = own[i]! + shares[last]! * model.memberProbability(table.values, i * table.width, last);
  }
  return { probability: out, members: model.members };
}

/** How a page's own threshold is found (eval/training.json's `decision.perPage`). */
export interface PageThresholdRule {
  /** Bounds of the page's threshold: a page whose blocks are all unlikely body keeps none of them. */
  readonly lowest: number;
  readonly highest: number;
  /** A block's weight is its words plus this (as the trainer weighs blocks: short headings and list items count). */
  readonly wordsPlus: number;
}

const WORDS = featureIndex('words');

/**
 * The threshold that maximises the page's expected F1 if the probabilities are taken at their word: with
 * the blocks in falling order of p(body), keeping the first k has expected F1 2·Σₖ p·w / (Σₖ w + Σ p·w),
 * w a block's weight. The best k is where p(body) falls to about half the F1 the page can expect, so a page
 * whose body the model sees clearly (an article) keeps the blocks it is sure of, and a page where it is
 * unsure (a listing, a thread, a product page) keeps more of what may be body, as the scorers reward.
 * Blocks the rules lifted are left out; the threshold is the p(body) of the k-th block, within the bounds.
 */
export function pageThreshold(probability: Float64Array, table: FeatureTable, lifted: ReadonlyArray<unknown>, rule: PageThresholdRule): number {
  const order: number[] = [];
  let expected = 0;
  for (let i = 0; i < probability.length; i++) {
    if (lifted[i] || Number.isNaN(probability[i]!)) continue;
    order.push(i);
    expected += probability[i]! * (table.values[i * table.width + WORDS]! + rule.wordsPlus);
  }
  order.sort((a, b) => probability[b]! - probability[a]!);
  let kept = 0;
  let keptWeight = 0;
  let best = 0;
  let threshold = rule.highest;
  for (const i of order) {
    const weight = table.values[i * table.width + WORDS]! + rule.wordsPlus;
    kept += probability[i]! * weight;
    keptWeight += weight;
    const f1 = (2 * kept) / (keptWeight + expected);
    if (f1 > best) {
      best = f1;
      threshold = probability[i]!;
    }
  }
  return Math.min(rule.highest, Math.max(rule.lowest, threshold));
}

/** `p(body)=` and a probability to two decimals, as `toFixed(2)` writes it: made once for each hundredth. */
const PROBABILITY_CUES: readonly string[] = Array.from({ length: 101 }, (_, hundredths) => `p(body)=${(hundredths / 100).toFixed(2)}`);
/** How far from a half hundredth a probability is read from the table: a product's rounding is some 1e-14. */
const HALF_HUNDREDTH_MARGIN = 1e-6;

/** The cue of a block's probability of body (`p(body)=0.42`): every block that the rules did not decide has one. */
export function probabilityCue(probability: number): string {
  const hundredths = probability * 100;
  const nearest = Math.round(hundredths);
  // Near a half hundredth toFixed rounds the exact binary value, which the product may not keep: written by it.
  if (probability > 0 && nearest <= 100 && Math.abs(Math.abs(hundredths - Math.trunc(hundredths)) - 0.5) > HALF_HUNDREDTH_MARGIN) return PROBABILITY_CUES[nearest]!;
  return `p(body)=${probability.toFixed(2)}`;
}

/** The likeliest class other than body for one block's features. */
function segmentClass(model: Trees, table: FeatureTable, block: number, scratch: Float64Array): BlockClass {
  return model.outputs[model.likeliestAt(table.values, block * table.width, scratch)] as BlockClass;
}

/**
 * Every block's class from its probability of body; `lifted[i]` holds the rules' decision for a block they lifted, else
 * null. With options.explainFeatures, `explanations[i]` receives the features that weighed most in block i's decision
 * (decideBlocks puts them after every cue of the decision, those of afterModels included), by the body model's first
 * `bodyMembers` members: those that gave the page's probabilities (bodyProbabilities).
 */
export function classesFrom(
  page: PageBlocks,
  lifted: ReadonlyArray<Classified | null>,
  probability: Float64Array,
  models: BlockModels,
  options: DecisionOptions,
  watchdog?: Watchdog,
  explanations?: Array<readonly string[] | undefined>,
  bodyMembers = models.body.members,
): Classified[] {
  const scratch = new Float64Array(models.segment.outputs.length);
  const minBody = options.perPage ? pageThreshold(probability, page.features, lifted, options.perPage) : options.minBodyProbability;
  const explain = options.explainFeatures ?? 0;
  return page.blocks.map((block, i): Classified => {
    if (i % CLOCK_CHECKS.blocksPerCheck === 0) watchdog?.check(APPLYING);
    const rule = lifted[i];
    if (rule) return rule;
    // Text hidden by the page (display:none, hidden, aria-hidden) is never body; a <noscript>'s is what readers without scripts see.
    const hidden = (block.flags & (Context.HIDDEN | Context.NOSCRIPT)) === Context.HIDDEN;
    // Nor is a consent manager's banner or preference centre ("These cookies are necessary for the website to function…"): legal.
    const consent = !hidden && (block.flags & CONSENT_MANAGER) !== 0;
    // Nor is a template's text the page shipped unrendered ("{{ post.author }}"): no reader sees it as written.
    const unrendered = !hidden && !consent && isUnrendered(block);
    const body = probability[i]! >= minBody && !hidden && !consent && !unrendered;
    const ruled = body ? null : (page.notBody?.[i] ?? null);
    // A template's placeholders are empty UI strings: chrome (SEGMENTS.md), whatever the segment model would make of their words.
    const type = body ? 'body' : consent ? 'legal' : unrendered ? 'chrome' : (ruled?.type ?? segmentClass(models.segment, page.features, i, scratch));
    const cues = ruled ? [`model:${type}`, probabilityCue(probability[i]!), ...ruled.cues] : [`model:${type}`, probabilityCue(probability[i]!)];
    if (hidden) cues.push('hidden');
    if (consent) cues.push('consent-manager');
    if (unrendered) cues.push('unrendered');
    if (explain > 0 && explanations) {
      const row = featureRow(page.features, i);
      // Why body or not (the body model's margin), and for the rest why this class (its margin in the segment model).
      const why = weightiestFeatures(models.body, row, 0, explain, bodyMembers);
      if (!body && !ruled && !consent && !unrendered) why.push(...weightiestFeatures(models.segment, row, models.segment.outputs.indexOf(type), explain).map((cue) => `${type}: ${cue}`));
      explanations[i] = why;
    }
    return { block, type, cues };
  });
}

/** Every block's class by the models; `lifted[i]` holds the rules' decision for a block they lifted, else null. */
export function decideBlocks(page: PageBlocks, lifted: ReadonlyArray<Classified | null>, models: BlockModels, options: DecisionOptions, watchdog?: Watchdog): Classified[] {
  const explanations: Array<readonly string[] | undefined> | undefined = options.explainFeatures ? [] : undefined;
  const body = bodyProbabilities(models.body, page.features, watchdog, lifted, options.blendWhereUnsure);
  const decided = afterModels(classesFrom(page, lifted, body.probability, models, options, watchdog, explanations, body.members), lifted);
  if (!explanations) return decided;
  // The explanation follows the decision's cues, so that explaining adds to a block's cues and changes none of them.
  return decided.map((item, i) => {
    const why = explanations[i];
    return why ? { block: item.block, type: item.type, cues: [...item.cues, ...why] } : item;
  });
}

/**
 * What the decision does after the models' classes (classesFrom): the structure of a text kept with it
 * (withinTextFlow), a long run or table whole (wholeRuns). `npm run train -- --cv` scores the cross-validated
 * classes with and without these steps.
 */
export function afterModels(classified: Classified[], lifted: ReadonlyArray<Classified | null>): Classified[] {
  return wholeRuns(withinTextFlow(classified, lifted), lifted);
}

/** The cue of a block of a long text run (or table) made body because another block of the same run is. */
const SPLIT_RUN_BODY = 'split-run';

/**
 * A text run (or data table) longer than a block can be is cut into blocks (../html/walk.ts, continuesRun), and the
 * models decide each on its own: the features of a piece (its place in the page, the characters after it) are not the
 * run's, and an article in one <p> of 1,100,000 characters kept 97% of its text, in one <div> 88%, the pieces after
 * the first dropped without a word. A run is one text: when the models took any of its pieces for body, the pieces they
 * left out are body too (as a text scrape's long line is: ../text/lines.ts wholeLines). Pieces all left out stay so;
 * the rules' decisions, and hidden, consent and unrendered text, stay as they are.
 */
function wholeRuns(classified: Classified[], lifted: ReadonlyArray<Classified | null>): Classified[] {
  let out: Classified[] | null = null;
  for (let start = 0; start < classified.length; ) {
    let end = start + 1;
    while (end < classified.length && classified[end]!.block.continuesRun === true) end++;
    if (end - start > 1 && classified.slice(start, end).some((item, k) => item.type === 'body' && !lifted[start + k])) {
      for (let i = start; i < end; i++) {
        const item = classified[i]!;
        if (item.type === 'body' || lifted[i] || !item.cues[0]?.startsWith('model:') || item.cues.some(isWithheld)) continue;
        out ??= classified.slice();
        out[i] = { block: item.block, type: 'body', cues: ['model:body', SPLIT_RUN_BODY, ...item.cues.slice(1)] };
      }
    }
    start = end;
  }
  return out ?? classified;
}

/** Cues of text the models' decision never makes body (classesFrom). */
const isWithheld = (cue: string): boolean => cue === 'hidden' || cue === 'consent-manager' || cue === 'unrendered';

/** A block the page marks as part of a text's structure (a heading, a list item, a description list's term or description, a quote, code), not mostly link text. */
function isStructuralText(block: Block): boolean {
  const structural =
    block.headingLevel > 0 || block.list !== undefined || block.quote !== undefined || block.code !== undefined || DESCRIPTION_LIST_TAGS.has(block.tag);
  return structural && block.linkChars * TEXT_FLOW.maxLinkShareDenominator < block.text.length;
}

/**
 * The structure of a text stays with it: a run of headings, list items, description terms, quotes or code blocks the
 * models left out, between two body blocks, is body (a short section heading or list item has
 * little text of its own to go by; what surrounds it says it is in the article). Link lists (related
 * stories between paragraphs) stay out; rule decisions and hidden text stay as they are.
 */
export function withinTextFlow(classified: Classified[], lifted: ReadonlyArray<Classified | null>): Classified[] {
  const out = classified.slice();
  const candidate = (i: number): boolean => {
    const item = classified[i]!;
    return item.type !== 'body' && !lifted[i] && isStructuralText(item.block) && !item.cues.some(isWithheld);
  };
  for (let i = 0; i < classified.length; i++) {
    if (!candidate(i) || classified[i - 1]?.type !== 'body') continue;
    let end = i;
    while (end + 1 < classified.length && candidate(end + 1)) end++;
    if (classified[end + 1]?.type === 'body') {
      for (let k = i; k <= end; k++) out[k] = { block: classified[k]!.block, type: 'body', cues: [...classified[k]!.cues, 'structure:between-body'] };
    }
    i = end;
  }
  return out;
}
