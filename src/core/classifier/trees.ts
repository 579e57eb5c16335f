/**
 * Evaluating a boosted tree ensemble stored as data (what ../../learn/boosting.ts writes): the
 * few dozen lines the Lambda ships beside the model file. Generic: feature vectors in, one margin
 * per output out; it knows nothing of blocks or lines.
 *
 * The stored form is compact because it is bundled: each feature's split thresholds once
 * (`thresholds[f]`), and each tree as a flat list of nodes in pre-order, two integers a node:
 * `split` (0 for a leaf, else 1 + feature × THRESHOLD_SLOTS + threshold index) and `value`
 * (the node's output times `scale`; an inner node's value is what the tree would output had it
 * stopped there, which is what the explanations take differences of). A node's left child
 * (feature value ≤ threshold) follows it; its right child follows the left subtree. The trees are
 * written in columns, 16-bit little-endian integers: the number of trees (32 bits), each tree's node
 * count, every node's split, every node's value (signed); then compressed with Brotli (quality 11,
 * node:zlib: nothing to bundle) and written as text in Z85 (../z85.ts: 5 characters for 4 bytes,
 * where base64 takes 5⅓). Columns of like integers compress better than the nodes' pairs one after
 * another, and Brotli better than deflate: the three models' trees took 61 KB of the bundle as
 * deflated pairs in base64 (trees@4), 45 KB so (the Lambda bundle has a 1 MB budget; the same
 * integers in JSON took 8.4 characters a node). The thresholds likewise: their JSON, compressed, in
 * Z85 (the same numbers: 7 KB of the bundle for the three models', where their JSON took 17.3 KB).
 *
 * A binary model may be an ensemble of several members (`members`: models of the same rounds trained
 * on one binning with their own seeds, ../../learn/boosting.ts memberSeeds): their trees are stored one
 * member after another on the shared features and thresholds, and the model's probability is the
 * mean of the members' (Trees.probability). A model of one member stores no `members` and evaluates
 * as a plain model, bit for bit. A member of another kind blended in (../../learn/boosting.ts BlendMember:
 * other rounds or depth) makes the members' sizes and shares differ: then each member's trees
 * (`memberTrees`) and share of the probability (`memberWeights`) are stored, and the probability is
 * the members' weighted mean.
 */
import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';
import { decodeZ85, encodeZ85 } from '../z85.js';

export const TREES_FORMAT = 'scrape-clean/trees@5';
/** Thresholds a feature may have in the stored form (the trainer's bins are fewer). */
export const THRESHOLD_SLOTS = 256;

export interface TreesData {
  readonly format: typeof TREES_FORMAT;
  /** How the model was made (trainer, data, seed). */
  readonly note: string;
  /** Names of the features, in the order of the vectors the model reads. */
  readonly features: readonly string[];
  /** Names of the outputs: one for a binary model (the margin of the class named), one per class for a softmax model. */
  readonly outputs: readonly string[];
  /** Stored values are integers: value / scale. */
  readonly scale: number;
  readonly base: readonly number[];
  /** Each feature's thresholds (`thresholds[f]`), as encodeThresholds writes them. */
  readonly thresholds: string;
  /** Trees round by round; within a round, one tree per output; all of them as encodeTrees writes them (an ensemble: each member's rounds, one member after another). */
  readonly trees: string;
  /** Members of an ensemble (a binary model only), each with the same number of trees unless memberTrees says otherwise; absent: one. */
  readonly members?: number;
  /** Each member's trees, in order, when they differ (a blended member); absent: members of equal size. */
  readonly memberTrees?: readonly number[];
  /** Each member's share of the probability (summing to 1), when they differ; absent: the plain mean. */
  readonly memberWeights?: readonly number[];
}

/**
 * Rounds walked between two looks at whether the likeliest output is settled (Trees.likeliestAt).
 * Measured on the segment model over the corpus's non-body blocks (1,489 pages): every 10 rounds
 * 232 of its 400 trees walked on average, every 5 rounds 223, every 3 rounds 219.
 */
const ROUNDS_PER_BOUND = 5;
/** What floating-point rounding of a sum of a few hundred leaves can move it by, many times over. */
const BOUND_SLACK = 1e-9;
/** How far stored member weights may sum from 1 (they are written as decimals). */
const WEIGHTS_SLACK = 1e-9;
/** Bytes of the stored form's header: the number of trees (unsigned 32 bits). */
const HEADER_BYTES = 4;
/** Bytes of each stored integer: node counts, splits (unsigned) and values (signed), 16 bits. */
const INTEGER_BYTES = 2;
/** Brotli's highest quality: the model is compressed once, by the trainer. */
const BROTLI_QUALITY = constants.BROTLI_MAX_QUALITY;

function compress(bytes: Buffer): string {
  return encodeZ85(brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }));
}

/** The stored form's bytes (decompressed). */
export function decompress(stored: string): Buffer {
  return brotliDecompressSync(decodeZ85(stored));
}

/** Trees' nodes (each tree: split, value, split, value…) in the stored form; throws when a node or a tree does not fit 16 bits. */
export function encodeTrees(trees: ReadonlyArray<readonly number[]>): string {
  const nodes = trees.reduce((sum, tree) => sum + tree.length / 2, 0);
  const bytes = Buffer.alloc(HEADER_BYTES + (trees.length + 2 * nodes) * INTEGER_BYTES);
  bytes.writeUInt32LE(trees.length, 0);
  let count = HEADER_BYTES;
  let split = count + trees.length * INTEGER_BYTES;
  let value = split + nodes * INTEGER_BYTES;
  for (const tree of trees) {
    if (tree.length / 2 > 0xffff) throw new Error(`a tree of ${tree.length / 2} nodes does not fit the stored form`);
    bytes.writeUInt16LE(tree.length / 2, count);
    count += INTEGER_BYTES;
    for (let k = 0; k < tree.length; k += 2, split += INTEGER_BYTES, value += INTEGER_BYTES) {
      if (tree[k]! < 0 || tree[k]! > 0xffff || tree[k + 1]! < -0x8000 || tree[k + 1]! > 0x7fff) throw new Error(`tree node (${tree[k]}, ${tree[k + 1]}) does not fit the stored form: fewer features or a smaller scale`);
      bytes.writeUInt16LE(tree[k]!, split);
      bytes.writeInt16LE(tree[k + 1]!, value);
    }
  }
  return compress(bytes);
}

/** Each feature's thresholds in the stored form: their JSON, compressed, in Z85. */
export function encodeThresholds(thresholds: ReadonlyArray<readonly number[]>): string {
  return compress(Buffer.from(JSON.stringify(thresholds)));
}

/** Each feature's thresholds, from the stored form. */
export function decodeThresholds(stored: string): number[][] {
  return JSON.parse(decompress(stored).toString('utf8')) as number[][];
}

/** The stored trees' columns: each tree's node count, and a reader of node n's split and value. */
function treeColumns(stored: string): { counts: number[]; split: (node: number) => number; value: (node: number) => number } {
  const bytes = decompress(stored);
  const trees = bytes.readUInt32LE(0);
  const counts: number[] = [];
  for (let t = 0; t < trees; t++) counts.push(bytes.readUInt16LE(HEADER_BYTES + t * INTEGER_BYTES));
  const splits = HEADER_BYTES + trees * INTEGER_BYTES;
  const values = splits + counts.reduce((sum, count) => sum + count, 0) * INTEGER_BYTES;
  return { counts, split: (node) => bytes.readUInt16LE(splits + node * INTEGER_BYTES), value: (node) => bytes.readInt16LE(values + node * INTEGER_BYTES) };
}

/** The nodes of each stored tree (split, value, split, value…). */
export function decodeTrees(stored: string): number[][] {
  const { counts, split, value } = treeColumns(stored);
  let node = 0;
  return counts.map((count) => {
    const nodes: number[] = [];
    for (let k = 0; k < count; k++, node++) nodes.push(split(node), value(node));
    return nodes;
  });
}

/**
 * Rows a model evaluates with its arrays before its trees are compiled to JavaScript (Trees.compile).
 * Once V8 has optimized them, compiled trees walk a row in about 0.6 of the arrays' time (the body
 * model 1.4 µs a row less, the segment model 1.6 µs less: about 3% of a trafilatura-eval pass, side
 * by side), but compiling costs once what about 200,000 rows save: building and running the
 * functions once per leaf (50 ms), the thousands of calls before V8 optimizes them, V8's optimizing
 * compiler on 13,000 nodes of conditionals (0.4 s of CPU), 0.3-0.5 s of CPU in all, measured on the
 * first 300 pages of trafilatura-eval in fresh processes. A process compiles once it has walked as
 * many rows as the compiling would cost (a ski rental: no process pays more than twice what the
 * better choice for its length would have cost): the CLI on fewer than about 1,200 pages and a Lambda
 * instance's first thousand documents stay on the arrays.
 */
const COMPILE_AFTER_ROWS = 200_000;
/** Trees of a model of one output per compiled function (a model of several outputs: ROUNDS_PER_BOUND rounds, where likeliestAt looks at its bounds); 10 measured faster than 5, 3 and 1. */
const CHUNK_TREES = 10;
/**
 * Calls of a compiled function before the calls that reach its leaves: V8 records what a function's
 * code meets (the feedback its optimized code is built on) only after a few calls (about 8 times the
 * function's size of bytecode run); the body model's functions needed 24-32 calls on Node 20.
 */
const FEEDBACK_CALLS = 64;

/** The largest 32-bit float at most x (the rows the models read are Float32Array tables). */
function float32AtMost(x: number): number {
  const float = new Float32Array([x]);
  if (float[0]! > x) {
    const bits = new Int32Array(float.buffer);
    bits[0] = bits[0]! + (float[0]! > 0 ? -1 : 1);
  }
  return float[0]!;
}

/** A chunk of compiled trees: adds each tree's leaf to its output's margin in `out`, in the trees' order. */
type CompiledChunk = (values: ArrayLike<number>, offset: number, out: Float64Array) => void;

/** A decoded ensemble: flat typed arrays, every tree's nodes one after another. */
export class Trees {
  readonly features: readonly string[];
  readonly outputs: readonly string[];
  /** Members whose probabilities the model averages (1: a plain model). */
  readonly members: number;
  /** Member m's trees are those from memberStart[m] up to memberStart[m + 1] (a plain model: all of them). */
  private readonly memberStart: Int32Array;
  /** Each member's share of the probability; null: the plain mean (a sum divided by members). */
  private readonly memberWeights: Float64Array | null;
  private readonly base: Float64Array;
  private readonly roots: Int32Array;
  private readonly feature: Int32Array;
  private readonly threshold: Float64Array;
  private readonly right: Int32Array;
  private readonly value: Float64Array;

  /** `compileAfterRows`: rows evaluated with the arrays before the trees are compiled (COMPILE_AFTER_ROWS; Infinity: never). */
  constructor(
    data: TreesData,
    private readonly compileAfterRows = COMPILE_AFTER_ROWS,
  ) {
    // A model file written by another version may carry any format.
    const format: unknown = data.format;
    if (format !== TREES_FORMAT) throw new Error(`model format ${JSON.stringify(format)}, expected ${TREES_FORMAT}`);
    this.features = data.features;
    this.outputs = data.outputs;
    this.members = data.members ?? 1;
    this.base = Float64Array.from(data.base);
    const thresholds = decodeThresholds(data.thresholds);
    // Straight from the stored columns into the typed arrays (decodeTrees' arrays of numbers cost a
    // cold process milliseconds before its first document).
    const { counts, split: splitAt, value: valueAt } = treeColumns(data.trees);
    const total = counts.reduce((sum, count) => sum + count, 0);
    if (!Number.isInteger(this.members) || this.members < 1) throw new Error(`a model of ${this.members} members`);
    if (this.members > 1 && data.outputs.length !== 1) throw new Error(`a model of ${data.outputs.length} outputs has one member; ensembles are binary models`);
    const sizes = data.memberTrees ?? Array.from({ length: this.members }, () => counts.length / this.members);
    if (sizes.length !== this.members || sizes.some((size) => !Number.isInteger(size) || size < 1) || sizes.reduce((sum, size) => sum + size, 0) !== counts.length) {
      throw new Error(`a model of ${counts.length} trees cannot be ${this.members} members of ${data.memberTrees ? `${sizes.join(', ')} trees` : 'equal size'}`);
    }
    this.memberStart = Int32Array.from([0, ...sizes.map((_, m) => sizes.slice(0, m + 1).reduce((sum, size) => sum + size, 0))]);
    const weights = data.memberWeights;
    if (weights && (weights.length !== this.members || weights.some((w) => !(w > 0)) || Math.abs(weights.reduce((sum, w) => sum + w, 0) - 1) > WEIGHTS_SLACK)) {
      throw new Error(`member weights ${JSON.stringify(weights)} are no shares of ${this.members} members`);
    }
    this.memberWeights = weights ? Float64Array.from(weights) : null;
    this.roots = new Int32Array(counts.length);
    this.feature = new Int32Array(total);
    this.threshold = new Float64Array(total);
    this.right = new Int32Array(total);
    this.value = new Float64Array(total);
    let node = 0;
    for (let t = 0; t < counts.length; t++) {
      this.roots[t] = node;
      // Pre-order: a stack of the inner nodes still waiting for their right child.
      const open: number[] = [];
      for (let k = 0; k < counts[t]!; k++, node++) {
        const split = splitAt(node);
        this.value[node] = valueAt(node) / data.scale;
        if (split === 0) {
          this.feature[node] = -1;
          // A leaf ends the left subtree of the deepest inner node still waiting for its right child.
          const parent = open.pop();
          if (parent !== undefined) this.right[parent] = node + 1;
        } else {
          const f = Math.floor((split - 1) / THRESHOLD_SLOTS);
          this.feature[node] = f;
          this.threshold[node] = thresholds[f]![(split - 1) % THRESHOLD_SLOTS]!;
          open.push(node);
        }
      }
    }
  }

  /** Rows evaluated with the arrays so far (margin, marginsAt, likeliestAt), until the trees are compiled. */
  private evaluated = 0;
  /** The trees compiled to JavaScript, CHUNK_TREES trees a function (ROUNDS_PER_BOUND rounds for a model of several outputs); null until `compileAfterRows` rows were evaluated. */
  private compiled: CompiledChunk[] | null = null;
  /** Member m's compiled chunks are compiled[memberChunks[m]] up to compiled[memberChunks[m + 1]] (no chunk holds two members' trees). */
  private readonly memberChunks: number[] = [];
  /** margin()'s sum while the compiled chunks add to it. */
  private readonly sum = new Float64Array(1);

  /** Whether the trees are walked as compiled JavaScript now (after `compileAfterRows` rows). */
  get isCompiled(): boolean {
    return this.compiled !== null;
  }

  /** Counts a row evaluated with the arrays and compiles the trees at the `compileAfterRows`-th. */
  private tierUp(): void {
    if (++this.evaluated >= this.compileAfterRows) this.compiled = this.compile();
  }

  /**
   * The trees as JavaScript, a function per chunk of trees: it adds its trees' leaves, tree by tree in
   * the arrays' order, to the margins in `out`, so the sums are the arrays' bit for bit (the same
   * additions in the same order). Each tree is a nest of conditionals on the row's values, thresholds
   * and leaf values written as literals (a number's String reads back as the same number); each value
   * is read at its split, so a row reads only the values on its paths (read first, every value a
   * chunk's trees test, on every call, the two block models walked a third of trafilatura-eval's
   * feature rows about 15% slower). Each function is then run on a row that reaches each
   * of its leaves: V8 builds its optimized code on what the code met so far, and drops it (to build it
   * again later) when a comparison or an index it never met runs, which trees do for thousands of rows.
   */
  private compile(): CompiledChunk[] {
    const k = this.outputs.length;
    const { roots, feature, threshold, right, value } = this;
    const literal = (x: number): string => (Object.is(x, -0) ? '-0' : String(x));
    const source = (node: number): string => {
      const f = feature[node]!;
      if (f < 0) return literal(value[node]!);
      return `(v[o + ${f}] <= ${literal(threshold[node]!)} ? ${source(node + 1)} : ${source(right[node]!)})`;
    };
    const perChunk = k === 1 ? CHUNK_TREES : ROUNDS_PER_BOUND * k;
    const scratch = new Float64Array(k);
    const unbounded = new Float32Array(this.features.length).fill(NaN);
    const chunks: CompiledChunk[] = [];
    this.memberChunks.length = 0;
    for (let first = 0, last = 0, m = 0; first < roots.length; first = last) {
      // A member's first tree begins a chunk, and its last ends one.
      if (first === this.memberStart[m]) this.memberChunks.push(chunks.length);
      if (first + perChunk >= this.memberStart[m + 1]!) last = this.memberStart[++m]!;
      else last = first + perChunk;
      const sums: string[] = [];
      for (let t = first; t < last; t++) sums.push(`m${t % k} += ${source(roots[t]!)};`);
      const body = [
        ...Array.from({ length: k }, (_, o) => `let m${o} = out[${o}];`),
        ...sums,
        ...Array.from({ length: k }, (_, o) => `out[${o}] = m${o};`),
      ];
      // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the source is made from the model's numbers, not from input
      const chunk = new Function('v', 'o', 'out', body.join('\n')) as CompiledChunk;
      for (let call = 0; call < FEEDBACK_CALLS; call++) chunk(unbounded, 0, scratch);
      for (let t = first; t < last; t++) this.visitLeaves(roots[t]!, (row) => chunk(row, 0, scratch));
      chunks.push(chunk);
    }
    this.memberChunks.push(chunks.length);
    return chunks;
  }

  /**
   * Calls `visit` with a row that reaches each reachable leaf of the tree at `root`: a value the path
   * bounds from above is the largest 32-bit float at most the least such bound, any other NaN (which
   * no `≤` holds, so it goes right).
   */
  private visitLeaves(root: number, visit: (row: Float32Array) => void): void {
    const { feature, threshold, right } = this;
    const row = new Float32Array(this.features.length).fill(NaN);
    const floor = new Float64Array(this.features.length).fill(-Infinity);
    const step = (node: number): void => {
      const f = feature[node]!;
      if (f < 0) {
        visit(row);
        return;
      }
      const [high, low, at] = [row[f]!, floor[f]!, threshold[node]!];
      if (high <= at) {
        step(node + 1);
        return;
      }
      // Left: a value at most the threshold, above the path's lower bound.
      const left = float32AtMost(at);
      if (left > low) {
        row[f] = left;
        step(node + 1);
        row[f] = high;
      }
      // Right: above the threshold (NaN, or the path's upper bound already above it).
      floor[f] = Math.max(low, at);
      step(right[node]!);
      floor[f] = low;
    };
    step(root);
  }

  /** The margins of one vector (add `base`, sum the leaves reached), written into `out` (one per output). */
  margins(row: ArrayLike<number>, out: Float64Array): Float64Array {
    return this.marginsAt(row, 0, out);
  }

  /**
   * The margins of the vector that starts at `values[offset]` (a row of a table: no view of it to
   * make), written into `out`. The hot loop of the classifier (every block through every tree):
   * the arrays in locals, one load of the next node's feature per step.
   */
  marginsAt(values: ArrayLike<number>, offset: number, out: Float64Array): Float64Array {
    const k = this.outputs.length;
    if (k === 1) {
      out[0] = this.margin(values, offset);
      return out;
    }
    out.set(this.base);
    const compiled = this.compiled;
    if (compiled) {
      for (let c = 0; c < compiled.length; c++) compiled[c]!(values, offset, out);
      return out;
    }
    this.tierUp();
    const { roots, feature, threshold, right, value } = this;
    for (let t = 0, o = 0; t < roots.length; t++, o = o + 1 === k ? 0 : o + 1) {
      let node = roots[t]!;
      for (let f = feature[node]!; f >= 0; f = feature[node]!) node = values[offset + f]! <= threshold[node]! ? node + 1 : right[node]!;
      out[o] = out[o]! + value[node]!;
    }
    return out;
  }

  /** Per round r and output o, at r * outputs + o: the least and the most the trees of rounds r and after can still add to o's margin (their smallest and largest leaves summed); made on first use. */
  private remaining: { least: Float64Array; most: Float64Array } | null = null;

  private remainingBounds(): { least: Float64Array; most: Float64Array } {
    if (this.remaining) return this.remaining;
    const k = this.outputs.length;
    const { roots, feature, value } = this;
    const rounds = Math.ceil(roots.length / k);
    const least = new Float64Array((rounds + 1) * k);
    const most = new Float64Array((rounds + 1) * k);
    for (let t = roots.length - 1; t >= 0; t--) {
      const end = t + 1 < roots.length ? roots[t + 1]! : feature.length;
      let low = Infinity;
      let high = -Infinity;
      for (let node = roots[t]!; node < end; node++) {
        if (feature[node]! >= 0) continue;
        if (value[node]! < low) low = value[node]!;
        if (value[node]! > high) high = value[node]!;
      }
      const r = Math.floor(t / k);
      const o = t % k;
      // The rounds are summed from the last one back: round r's bound is its tree's plus round r + 1's.
      least[r * k + o] = low + least[(r + 1) * k + o]!;
      most[r * k + o] = high + most[(r + 1) * k + o]!;
    }
    return (this.remaining = { least, most });
  }

  /**
   * The output with the largest margin for the vector at `values[offset]` (the first of equal ones,
   * as an argmax of the softmax would pick), without walking the trees that can no longer change
   * it: every ROUNDS_PER_BOUND rounds, when the leading output's margin plus the least the rounds
   * left can add is above every other's plus the most they can add (by more than rounding could
   * move a sum), the rest is not walked. `out` is scratch for the margins so far.
   */
  likeliestAt(values: ArrayLike<number>, offset: number, out: Float64Array): number {
    const k = this.outputs.length;
    const { roots, feature, threshold, right, value } = this;
    const { least, most } = this.remainingBounds();
    out.set(this.base);
    const trees = roots.length;
    const compiled = this.compiled;
    if (!compiled) this.tierUp();
    for (let t = 0; t < trees; ) {
      const stop = Math.min(trees, t + ROUNDS_PER_BOUND * k);
      if (compiled) {
        compiled[t / (ROUNDS_PER_BOUND * k)]!(values, offset, out);
        t = stop;
      } else {
        for (let o = 0; t < stop; t++, o = o + 1 === k ? 0 : o + 1) {
          let node = roots[t]!;
          for (let f = feature[node]!; f >= 0; f = feature[node]!) node = values[offset + f]! <= threshold[node]! ? node + 1 : right[node]!;
          out[o] = out[o]! + value[node]!;
        }
      }
      if (t === trees) break;
      // t is where round t / k begins: its bounds are at t + o.
      let lead = 0;
      for (let o = 1; o < k; o++) if (out[o]! > out[lead]!) lead = o;
      const floor = out[lead]! + least[t + lead]! - BOUND_SLACK;
      let settled = true;
      for (let o = 0; o < k && settled; o++) if (o !== lead && out[o]! + most[t + o]! >= floor) settled = false;
      if (settled) return lead;
    }
    // Every tree walked: the softmax's argmax, as its probabilities break ties.
    const p = softmax(out);
    let best = 0;
    for (let o = 1; o < k; o++) if (p[o]! > p[best]!) best = o;
    return best;
  }

  /** The margin of a model with one output (a binary one) and one member for the vector at `values[offset]`: marginsAt without an output array. */
  margin(values: ArrayLike<number>, offset: number): number {
    if (this.outputs.length !== 1) throw new Error(`margin() is for a model with one output; this one has ${this.outputs.length}`);
    if (this.members !== 1) throw new Error(`a model of ${this.members} members has no one margin: probability() averages theirs`);
    if (!this.compiled) this.tierUp();
    return this.memberMargin(values, offset, 0);
  }

  /**
   * The probability of a binary model's class for the vector at `values[offset]`: the sigmoid of its
   * margin, and for an ensemble the mean of its members' (a model of one member: sigmoid(margin), bit for bit).
   */
  probability(values: ArrayLike<number>, offset: number): number {
    if (this.members === 1) return sigmoid(this.margin(values, offset));
    if (!this.compiled) this.tierUp();
    let sum = 0;
    const weights = this.memberWeights;
    if (weights) {
      for (let m = 0; m < this.members; m++) sum += weights[m]! * sigmoid(this.memberMargin(values, offset, m));
      return sum;
    }
    for (let m = 0; m < this.members; m++) sum += sigmoid(this.memberMargin(values, offset, m));
    return sum / this.members;
  }

  /** Member m's own probability (the sigmoid of its margin) for the vector at `values[offset]`, of a binary model. */
  memberProbability(values: ArrayLike<number>, offset: number, member: number): number {
    if (this.outputs.length !== 1) throw new Error(`memberProbability() is for a model with one output; this one has ${this.outputs.length}`);
    if (!(member >= 0 && member < this.members)) throw new Error(`member ${member} of a model of ${this.members} members`);
    if (!this.compiled) this.tierUp();
    return sigmoid(this.memberMargin(values, offset, member));
  }

  /** Member m's share of the probability (probability() is the members' probabilities weighed by their shares). */
  memberShare(member: number): number {
    if (!(member >= 0 && member < this.members)) throw new Error(`member ${member} of a model of ${this.members} members`);
    return this.memberWeights ? this.memberWeights[member]! : 1 / this.members;
  }

  /** Member m's margin (base plus the leaves its trees reach) of a binary model, compiled or with the arrays. */
  private memberMargin(values: ArrayLike<number>, offset: number, member: number): number {
    const compiled = this.compiled;
    if (compiled) {
      const out = this.sum;
      out[0] = this.base[0]!;
      for (let c = this.memberChunks[member]!, end = this.memberChunks[member + 1]!; c < end; c++) compiled[c]!(values, offset, out);
      return out[0];
    }
    let sum = this.base[0]!;
    const { roots, feature, threshold, right, value } = this;
    for (let t = this.memberStart[member]!, end = this.memberStart[member + 1]!; t < end; t++) {
      let node = roots[t]!;
      for (let f = feature[node]!; f >= 0; f = feature[node]!) node = values[offset + f]! <= threshold[node]! ? node + 1 : right[node]!;
      sum += value[node]!;
    }
    return sum;
  }

  /**
   * Each feature's contribution to each output's margin along the paths taken (the change of the
   * node value at each split it decides: Saabas's method); the contributions plus `bias` make the
   * margins. Only the features that took part appear. An ensemble's are the means of its members'
   * (they and `bias` make the members' mean margin), weighted by their shares where they have their own;
   * with `members`, of the first that many alone (the members that decided: ../decide.ts bodyProbabilities).
   */
  explain(row: ArrayLike<number>, members = this.members): { bias: Float64Array; contributions: Map<number, Float64Array> } {
    const k = this.outputs.length;
    if (!(Number.isInteger(members) && members >= 1 && members <= this.members)) throw new Error(`${members} members of a model of ${this.members}`);
    // The first `members` members alone (a page where a blended last member took no part): their shares made whole again.
    const some = members < this.members;
    let whole = 0;
    for (let m = 0; m < members; m++) whole += this.memberShare(m);
    const weights = this.memberWeights;
    const bias = Float64Array.from(this.base);
    const contributions = new Map<number, Float64Array>();
    for (let t = 0, m = 0; t < this.memberStart[members]!; t++) {
      while (t >= this.memberStart[m + 1]!) m++;
      // A member's share: a plain mean divides by the members (as it always did, bit for bit).
      const share = (x: number): number => (some ? (x * this.memberShare(m)) / whole : weights ? x * weights[m]! : x / this.members);
      let node = this.roots[t]!;
      bias[t % k] = bias[t % k]! + share(this.value[node]!);
      while (this.feature[node]! >= 0) {
        const f = this.feature[node]!;
        const next = row[f]! <= this.threshold[node]! ? node + 1 : this.right[node]!;
        let own = contributions.get(f);
        if (!own) contributions.set(f, (own = new Float64Array(k)));
        own[t % k] = own[t % k]! + share(this.value[next]! - this.value[node]!);
        node = next;
      }
    }
    return { bias, contributions };
  }
}

export function sigmoid(margin: number): number {
  return 1 / (1 + Math.exp(-margin));
}

/** Softmax of margins, in place. */
export function softmax(margins: Float64Array): Float64Array {
  let max = -Infinity;
  for (const m of margins) max = Math.max(max, m);
  let sum = 0;
  for (let i = 0; i < margins.length; i++) sum += margins[i] = Math.exp(margins[i]! - max);
  for (let i = 0; i < margins.length; i++) margins[i]! /= sum;
  return margins;
}

/** Features named per block when explaining (inspect, CleanOptions.explain). */
export const EXPLAINED_FEATURES = 3;

/**
 * The features that weighed most in a model's margin for `output`, as cues ("root:inside +1.24"):
 * each feature's contribution along the paths the row took (Trees.explain), largest first.
 */
export function weightiestFeatures(model: Trees, row: ArrayLike<number>, output: number, count: number, members = model.members): string[] {
  const { contributions } = model.explain(row, members);
  return [...contributions]
    .map(([feature, values]) => [feature, values[output]!] as const)
    .sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]) || a[0] - b[0])
    .slice(0, count)
    .map(([feature, value]) => `${model.features[feature]!} ${value >= 0 ? '+' : ''}${value.toFixed(2)}`);
}
