/**
 * The contenders of the throughput run. Each one runs in its own child process; its libraries
 * are imported dynamically in `setup`, so a child loads only what its contender needs and its
 * peak memory is its own.
 *
 * Inputs, chosen so the comparison is fair and the same for every row:
 *  - ours gets the uncompressed bytes of each file (what the core receives for an uncompressed
 *    object) and does its own work on them: charset detection and decoding are timed;
 *  - ours-gz gets the gzipped bytes as stored, so gunzip is timed too (the Lambda's usual case);
 *  - the parse floor gets the same bytes as ours and the charset the core's decoder found for
 *    them (found outside the timing): it decodes them with that charset and parses, which is
 *    all any parser of these bytes must do (the HTML standard's parsing begins with decoding the
 *    byte stream), so nothing but the cleaning is left between it and ours;
 *  - every other contender gets a string, decoded beforehand and outside the timing with the
 *    core's own decoder (so with the right charset): their best case, since the core has to
 *    decode and they do not. The htmlparser2-text row is the parse alone, on such strings.
 * Input MB/s is computed on the uncompressed size for every row.
 */

export type InputKind = 'bytes' | 'gzip' | 'text' | 'bytes-and-charset';

export interface BenchInput {
  /** File name as the contender sees it (`.gz` kept only for gzipped input). */
  readonly name: string;
  /** Uncompressed size, bytes. */
  readonly size: number;
  readonly bytes?: Uint8Array;
  readonly text?: string;
  /** WHATWG name of the bytes' charset, as the core's decoder found it (input kind bytes-and-charset). */
  readonly charset?: string;
}

/** Runs the contender on one document; the return value is ignored (but not optimized away). */
export type RunOne = (input: BenchInput) => unknown;

export interface ContenderOptions {
  /** Lifts the core's time budget (scaling run); undefined keeps the default. */
  readonly timeBudgetMs?: number;
  /** Size of the largest page to clean: the core's maxBytes is raised to it only when it is over. */
  readonly pageBytes?: number;
}

export interface Contender {
  readonly id: string;
  readonly label: string;
  readonly input: InputKind;
  /** Packages whose versions the report shows. */
  readonly packages: readonly string[];
  /** A parse floor: the row `ours` is compared with ("at most 3× the parse floor"). */
  readonly role: 'ours' | 'floor' | 'reference' | 'alternative';
  setup(options: ContenderOptions): Promise<RunOne>;
}

const ours: Contender = {
  id: 'ours',
  label: 'ours: clean(), raw bytes',
  input: 'bytes',
  packages: ['htmlparser2', 'domhandler', 'chardet', 'chrono-node'],
  role: 'ours',
  async setup(options) {
    const { clean, DEFAULT_CLEAN_OPTIONS } = await import('../src/core/index.js');
    const settings = {
      timeBudgetMs: options.timeBudgetMs,
      maxBytes: options.pageBytes !== undefined && options.pageBytes > DEFAULT_CLEAN_OPTIONS.maxBytes ? options.pageBytes : undefined,
    };
    return (input) => clean({ bytes: input.bytes!, name: input.name }, settings);
  },
};

/** What rendering costs: clean() then the body as Markdown and as plain text (the function with outputFormats json,markdown,text). */
const oursRendered: Contender = {
  ...ours,
  id: 'ours-rendered',
  label: 'ours: clean() + Markdown + text',
  role: 'alternative',
  async setup(options) {
    const run = await ours.setup(options);
    const { renderMarkdown, renderText } = await import('../src/core/render/index.js');
    return (input) => {
      const document = run(input) as Parameters<typeof renderMarkdown>[0];
      return [renderMarkdown(document), renderText(document)];
    };
  },
};

const oursGzip: Contender = {
  ...ours,
  id: 'ours-gz',
  label: 'ours: clean(), gzipped bytes',
  input: 'gzip',
  role: 'reference',
};

/** The options cheerio/slim's load passes to htmlparser2, as the core parses (src/core/parse.ts). */
const PARSE_OPTIONS = { xmlMode: false } as const;

const floor: Contender = {
  id: 'htmlparser2',
  label: 'parse floor: decode + htmlparser2 parseDocument',
  input: 'bytes-and-charset',
  packages: ['htmlparser2', 'domhandler'],
  role: 'floor',
  async setup() {
    // Node's decoder for the charset the core found (no detection), then the parser and tree
    // builder the core uses (htmlparser2's Parser and domhandler), in one write, and nothing else.
    const { parseDocument } = await import('htmlparser2');
    const decoders = new Map<string, InstanceType<typeof TextDecoder>>();
    const decoderFor = (charset: string): InstanceType<typeof TextDecoder> => {
      let decoder = decoders.get(charset);
      if (!decoder) decoders.set(charset, (decoder = new TextDecoder(charset)));
      return decoder;
    };
    return (input) => parseDocument(decoderFor(input.charset!).decode(input.bytes), PARSE_OPTIONS);
  },
};

/** The floor without its decoding: the parse alone, on a string decoded for it beforehand. */
const parseOnly: Contender = {
  ...floor,
  id: 'htmlparser2-text',
  label: 'htmlparser2 parseDocument, pre-decoded',
  input: 'text',
  role: 'alternative',
  async setup() {
    const { parseDocument } = await import('htmlparser2');
    return (input) => parseDocument(input.text!, PARSE_OPTIONS);
  },
};

/**
 * The core's parse step (src/core/parse.ts): htmlparser2 watched for the constructs it reads
 * otherwise than the HTML standard, and parse5 for the pages that have one (issue 13 §4). Beside
 * htmlparser2-text (the same parse unwatched, on the same pre-decoded text), the cost of holding
 * the visible text to a conformant parser.
 */
const parseRouted: Contender = {
  ...parseOnly,
  id: 'parse-routed',
  label: "the core's parse: htmlparser2 watched, parse5 when needed",
  packages: ['htmlparser2', 'parse5'],
  role: 'alternative',
  async setup(options) {
    const { parseHtml } = await import('../src/core/parse.js');
    const { Watchdog } = await import('../src/core/watchdog.js');
    const { DEFAULT_CLEAN_OPTIONS } = await import('../src/core/options.js');
    const limits = { maxNodes: DEFAULT_CLEAN_OPTIONS.maxNodes };
    const budget = options.timeBudgetMs ?? DEFAULT_CLEAN_OPTIONS.timeBudgetMs;
    return (input) => parseHtml(input.text!, new Watchdog(budget), limits);
  },
};

const parse5: Contender = {
  id: 'parse5',
  label: 'cheerio load (parse5)',
  input: 'text',
  packages: ['cheerio', 'parse5'],
  role: 'alternative',
  async setup() {
    const { load } = await import('cheerio');
    return (input) => load(input.text!);
  },
};

type ReadabilityDocument = ConstructorParameters<typeof import('@mozilla/readability').Readability>[0];

/** The part of jsdom's API the benchmark uses. */
interface JsdomModule {
  JSDOM: new (html: string, options: { virtualConsole: object }) => { window: { document: ReadabilityDocument; close(): void } };
  VirtualConsole: new () => object;
}

const readabilityLinkedom: Contender = {
  id: 'linkedom',
  label: 'Readability.js + linkedom',
  input: 'text',
  packages: ['@mozilla/readability', 'linkedom'],
  role: 'reference',
  async setup() {
    const { Readability } = await import('@mozilla/readability');
    const { parseHTML } = await import('linkedom');
    // linkedom's types do not resolve under NodeNext: its document is typed by hand.
    // eslint-disable-next-line @typescript-eslint/no-unsafe-member-access
    return (input) => new Readability(parseHTML(input.text!).document as ReadabilityDocument).parse();
  },
};

const readabilityJsdom: Contender = {
  id: 'jsdom',
  label: 'Readability.js + jsdom',
  input: 'text',
  packages: ['@mozilla/readability', 'jsdom'],
  role: 'reference',
  async setup() {
    const { Readability } = await import('@mozilla/readability');
    // jsdom ships no types and @types/jsdom would pull the DOM lib into the whole project: typed here.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- a string, not the literal, so tsc looks for no types
    const { JSDOM, VirtualConsole } = (await import('jsdom' as string)) as JsdomModule;
    return (input) => {
      // A virtual console with no listener: jsdom's CSS parse warnings would flood the output.
      const dom = new JSDOM(input.text!, { virtualConsole: new VirtualConsole() });
      try {
        return new Readability(dom.window.document).parse();
      } finally {
        dom.window.close();
      }
    };
  },
};

/**
 * In the order of the table and of a round (bench/rounds.ts): ours beside the parse floor, so
 * the tightest ratio compares passes run one right after the other; then the slower rows.
 */
export const CONTENDERS: readonly Contender[] = [ours, floor, parseOnly, parseRouted, oursRendered, oursGzip, parse5, readabilityLinkedom, readabilityJsdom];

export function contenderById(id: string): Contender {
  const found = CONTENDERS.find((c) => c.id === id);
  if (!found) throw new Error(`unknown contender "${id}" (known: ${CONTENDERS.map((c) => c.id).join(', ')})`);
  return found;
}
