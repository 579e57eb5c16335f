/**
 * Options of one call to `clean`, with their defaults. Limits that protect the process live
 * here; the classifier's thresholds have their defaults and notes in ./cues/classification.ts and
 * the model file, and can be set per call here.
 */
import { CLASSIFICATION, type ClassificationOptions } from './cues/classification.js';

export interface CleanOptions {
  /**
   * Watchdog: a document that takes longer than this many milliseconds to clean becomes a
   * TIME_BUDGET_EXCEEDED error instead of a Lambda timeout. Checked between stages, after every
   * 16 Ki characters given to the HTML parser, every few thousand nodes of the tree walk and
   * every 1,024 blocks of the classification (see CLOCK_CHECKS in ./watchdog.ts), so a document
   * stops within about a second of the budget (measured on the adversarial cases).
   * @default 10_000 (the slowest page of the 990-page dev corpus takes well under 1 s)
   */
  readonly timeBudgetMs: number;
  /**
   * Largest input, in bytes, after gunzip. Larger inputs, and gzip streams that inflate past it
   * (gzip bombs), are TOO_LARGE errors.
   * @default 64 MiB (a 50 MB page is read; whether it cleans within the time budget depends on
   * the CPU: about 17 s of work on a shared 2-core machine. The function's own object limit,
   * MAX_OBJECT_BYTES, is lower.)
   */
  readonly maxBytes: number;
  /**
   * Most HTML nodes (elements, text runs, comments) and attributes a page may parse into, and
   * most lines of a plain-text scrape; more is a TOO_LARGE error. This, not the byte size, is what bounds memory: the tree, the blocks and
   * the classification cost about 500 bytes per node together, and 64 MiB of `<p>` alone would
   * make 20 million elements.
   * @default 2,500,000: a page of 1.25 million sibling elements with their text cleans within
   * a 1 GiB V8 heap (1.1 GB peak RSS), inside the function's 1769 MB; the largest page of the
   * dev corpus has 37,000.
   */
  readonly maxNodes: number;
  /** Record chrome blocks in the document's `dropped` field, and in each segment's cues the features that weighed
   *  most in its class (used by `inspect`). @default false */
  readonly explain: boolean;
  /**
   * Thresholds of the page-level steps (content root, link lists, copies of the metadata) and of the
   * rules of plain text; a partial object overrides the named ones only.
   * @default CLASSIFICATION (./cues/classification.ts, each with its note)
   */
  readonly classification: ClassificationOptions;
  /**
   * Probability of body from which the block model makes a block body, on every page; null for the decision the
   * model was trained and reported with (its file's `decision`: each page its own threshold, the one that maximises
   * the page's expected F1). Lower keeps more text (recall), higher less (precision).
   * @default null
   */
  readonly minBodyProbability: number | null;
  /** Clock for `processedAt`; the only input of the document that is not the bytes. */
  readonly now: () => Date;
}

/**
 * Bounds on how much the core handles in one piece, so that memory stays proportional to the
 * input whatever its shape: a global `replace` or `match` keeps an entry per match until it
 * returns (a gigabyte for the 10 million words of one 60 MB text node), JSON.parse of 20 million
 * nested brackets builds 20 million arrays. Each bound is far above what real pages have; the
 * largest value in the 990-page dev corpus is in brackets.
 */
export const INPUT_LIMITS = {
  /** Characters of one block: a longer text run is split at whitespace into several blocks; also
   *  the size of the pieces long strings are worked through in. [48,000] */
  blockChars: 100_000,
  /** Characters of an element's class and id read for class-token cues. [4,400] */
  classChars: 64 * 1024,
  /** Characters of a metadata value (title, meta content, JSON-LD string, a byline element's text)
   *  beyond which it is ignored rather than read. The longest value read in the dev corpus is a
   *  4,262-character description; titles are at most 700 (an h1). The bound is also one on time:
   *  NFC normalization is quadratic on combining marks out of canonical order (256 Ki of them
   *  took 17 s; 8 Ki take about 20 ms). [4,262] */
  metadataChars: 8 * 1024,
  /** Characters of a JSON-LD script beyond which it is not parsed. [37,000] */
  jsonLdChars: 1024 * 1024,
  /** Combining marks in a row kept in a text; the rest of a longer run is dropped before NFC, which
   *  is quadratic on such runs (100,000 marks: seconds a block; a 20 MB page of them ran past 200 s).
   *  30 is Unicode's own bound for real text, UAX #15's Stream-Safe Text Format (no more than 30
   *  non-starters in a row); longer runs are "Zalgo" decoration, not a script's text. [2] */
  combiningMarkRun: 30,
  /** Characters of one run the conformant parser (parse5) reads as one token: a longer run of white
   *  space is cut to this, a longer run of other characters (no `<`, `>` or `&`) gets a space at
   *  every this many characters, and a run of NUL becomes one. parse5 appends a token's characters
   *  one by one, and V8 keeps each append as a rope node of ~32 bytes until the string is read: a
   *  16 MB run took more than 300 MB of heap. The visible text keeps its words (a giant word is cut
   *  into blocks anyway, at blockChars) and its white space (collapsed anyway). [36,000: the longest
   *  run of one kind in the dev corpus, a minified inline script] */
  conformantRunChars: 64 * 1024,
  /** Characters of one tag or comment the conformant parser reads (an attribute value, a comment);
   *  the rest of a longer one is cut before it parses, for the same reason (its characters are
   *  appended one by one). Attribute values and comments are not page text; a longer value is not
   *  read anyway (INPUT_LIMITS.classChars, metadataChars). [330,000: an inline SVG data URI] */
  conformantTagChars: 1024 * 1024,
} as const;

/**
 * Bounds on the metadata work and values of one page, so that it stays linear and small whatever
 * the page holds (issue 13: 60,000 <time> elements took 55 s of date parsing; 30,000 JSON-LD
 * authors made a 600 KB byline). Each bound is far above what real pages need; in brackets the
 * largest value in the 1,300 pages of the dev corpus (modern-web and trafilatura-eval).
 */
export const METADATA_LIMITS = {
  /** <time> elements, datePublished microdata and byline elements read for a date, in document
   *  order (each costs up to four chrono parses). [116 on a page; the date came from the 51st at
   *  the latest] */
  dateCandidates: 64,
  /** Byline-like elements read for a byline (and, as a last resort, for a written date). [a page
   *  has 1,003 of them; the byline came from the fourth at the latest] */
  bylineCandidates: 64,
  /** Characters of a written date given to chrono: a longer text is not a date. [62] */
  textDateChars: 200,
  /** Authors joined into a byline (JSON-LD author arrays). [3; the gold has up to 6 names] */
  authors: 16,
  /** Characters of a byline: names past it are left out. [a six-name byline has 90] */
  bylineChars: 300,
  /** Characters of one author's name: a longer "name" is a sentence, not a byline. [96] */
  authorChars: 120,
  /** Levels of JSON-LD arrays and objects looked through (@graph in an array in an object…). */
  jsonLdDepth: 4,
  /** JSON-LD objects read on a page (a graph node, an array item, a main entity each). [93] */
  jsonLdObjects: 512,
  /** h1 headings read for the title. [the title came from the second] */
  headings: 8,
  /** Levels looked up from a microdata author to the item it belongs to. [3 on the corpus's forums (Discourse, Nairaland)] */
  itemScopeDepth: 16,
  /** Elements of a microdata author looked through for its name. [Discourse's is the third] */
  microdataNodes: 64,
  /** Tags kept (article:tag, keywords, JSON-LD keywords). [24] */
  tags: 32,
  /** Characters of one tag: a longer one is a sentence. [175] */
  tagChars: 200,
  /** Characters of the page's JSON-LD @type names and og:type kept for the block model. [about 300] */
  pageTypesChars: 1024,
} as const;

export const DEFAULT_CLEAN_OPTIONS: CleanOptions = {
  timeBudgetMs: 10_000,
  maxBytes: 64 * 1024 * 1024,
  maxNodes: 2_500_000,
  explain: false,
  classification: CLASSIFICATION,
  minBodyProbability: null,
  now: () => new Date(),
};

/** What a caller of `clean` may pass: any of the options, and any of the classification thresholds. */
export type CleanOptionsInput = Partial<Omit<CleanOptions, 'classification'>> & { readonly classification?: Partial<ClassificationOptions> };

export function resolveOptions(options: CleanOptionsInput = {}): CleanOptions {
  const resolved: CleanOptions = { ...DEFAULT_CLEAN_OPTIONS };
  for (const [key, value] of Object.entries<unknown>(options)) {
    if (value === undefined) continue;
    // A partial set of thresholds overrides those it names; the others keep their defaults.
    (resolved as unknown as Record<string, unknown>)[key] = key === 'classification' ? { ...CLASSIFICATION, ...(value as Partial<ClassificationOptions>) } : value;
  }
  return resolved;
}
