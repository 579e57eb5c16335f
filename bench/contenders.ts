/**
 * What the benchmark runs, and on what. Each contender runs in a child process of its own
 * (bench/children.ts) and imports its libraries in `setup`, so a child holds only its own.
 * Inputs: ours gets the uncompressed bytes (charset detection and decoding timed); the parse
 * floor the same bytes and the charset the core's decoder found (outside the timing), to decode
 * with Node's TextDecoder and parse with the core's parser, the least any parser of these bytes
 * must do; the others strings decoded beforehand by the core's decoder: their best case.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

/** A page as a contender gets it; `size` is the uncompressed size, `charset` the WHATWG name the core's decoder found. */
export interface BenchInput {
  readonly name: string;
  readonly size: number;
  readonly bytes?: Uint8Array;
  readonly text?: string;
  readonly charset?: string;
}

export interface Contender {
  readonly id: string;
  readonly label: string;
  readonly input: 'bytes' | 'text' | 'bytes-and-charset';
  /** With the core's time budget (lifted by --scaling) and the page's size (maxBytes grows to it). */
  setup(options: { timeBudgetMs?: number; pageBytes?: number }): Promise<(input: BenchInput) => unknown>;
}

/** The options cheerio's load passes to htmlparser2, as the core parses (src/core/parse.ts). */
const PARSE_OPTIONS = { xmlMode: false } as const;

type ReadabilityDocument = ConstructorParameters<typeof import('@mozilla/readability').Readability>[0];

/** In the table's order: ours beside the parse floor, then the parses, then the slower rows. */
export const CONTENDERS: readonly Contender[] = [
  {
    id: 'ours', label: 'ours: clean(), raw bytes', input: 'bytes',
    async setup({ timeBudgetMs, pageBytes }) {
      const { clean, DEFAULT_CLEAN_OPTIONS } = await import('../src/core/index.js');
      const maxBytes = pageBytes !== undefined && pageBytes > DEFAULT_CLEAN_OPTIONS.maxBytes ? pageBytes : undefined;
      return (input) => clean({ bytes: input.bytes!, name: input.name }, { timeBudgetMs, maxBytes });
    },
  },
  {
    id: 'htmlparser2', label: 'parse floor: decode + htmlparser2', input: 'bytes-and-charset',
    async setup() {
      const { parseDocument } = await import('htmlparser2');
      const decoders = new Map<string, InstanceType<typeof TextDecoder>>();
      return (input) => {
        const charset = input.charset!;
        const decoder = decoders.get(charset) ?? decoders.set(charset, new TextDecoder(charset)).get(charset)!;
        return parseDocument(decoder.decode(input.bytes), PARSE_OPTIONS);
      };
    },
  },
  {
    id: 'htmlparser2-text', label: 'htmlparser2 alone, pre-decoded', input: 'text',
    async setup() {
      const { parseDocument } = await import('htmlparser2');
      return (input) => parseDocument(input.text!, PARSE_OPTIONS);
    },
  },
  {
    // The core's parse step (issue 13 §4): htmlparser2 watched for the constructs it reads otherwise than the
    // HTML standard, parse5 for the pages that have one. Beside htmlparser2-text: the cost of conformance.
    id: 'parse-routed', label: "the core's parse (routed to parse5)", input: 'text',
    async setup({ timeBudgetMs }) {
      const [{ parseHtml }, { Watchdog }, { DEFAULT_CLEAN_OPTIONS: defaults }] = await Promise.all([import('../src/core/parse.js'), import('../src/core/watchdog.js'), import('../src/core/options.js')]);
      return (input) => parseHtml(input.text!, new Watchdog(timeBudgetMs ?? defaults.timeBudgetMs), { maxNodes: defaults.maxNodes });
    },
  },
  {
    id: 'linkedom', label: 'Readability.js + linkedom', input: 'text',
    async setup() {
      const { Readability } = await import('@mozilla/readability');
      const { parseHTML } = await import('linkedom');
      // linkedom's types do not resolve under NodeNext: its document is typed by hand.
      // eslint-disable-next-line @typescript-eslint/no-unsafe-member-access
      return (input) => new Readability(parseHTML(input.text!).document as ReadabilityDocument).parse();
    },
  },
  {
    id: 'jsdom', label: 'Readability.js + jsdom', input: 'text',
    async setup() {
      const { Readability } = await import('@mozilla/readability');
      // jsdom ships no types and @types/jsdom would pull the DOM lib into the whole project.
      type Jsdom = new (html: string, options: { virtualConsole: object }) => { window: { document: ReadabilityDocument; close(): void } };
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- a string, not the literal, so tsc looks for no types
      const { JSDOM, VirtualConsole } = (await import('jsdom' as string)) as { JSDOM: Jsdom; VirtualConsole: new () => object };
      return (input) => {
        // A console with no listener: jsdom's CSS warnings would flood the output.
        const dom = new JSDOM(input.text!, { virtualConsole: new VirtualConsole() });
        try {
          return new Readability(dom.window.document).parse();
        } finally {
          dom.window.close();
        }
      };
    },
  },
];

export function contenderById(id: string): Contender {
  const found = CONTENDERS.find((c) => c.id === id);
  if (!found) throw new Error(`unknown contender "${id}" (known: ${CONTENDERS.map((c) => c.id).join(', ')})`);
  return found;
}

/** Every .html, .htm or .txt file (gzipped or not) under `dir`, sorted, so `--limit N` always takes the same N. */
export function listCorpus(dir: string, limit = Infinity): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) => /\.(html?|txt)(\.gz)?$/i.test(name)).sort().slice(0, limit);
}

/** The input `contender` gets for a page's uncompressed bytes (decoded outside any timing). */
export async function inputFor(contender: Contender, name: string, raw: Uint8Array): Promise<BenchInput> {
  if (contender.input === 'bytes') return { name, size: raw.length, bytes: raw };
  const { decode } = await import('../src/core/decode.js');
  let decoded: { text: string; charset: string };
  try {
    const { text, encoding } = decode({ bytes: raw, name }, Number.MAX_SAFE_INTEGER);
    decoded = { text, charset: encoding };
  } catch {
    // A page the core refuses (empty, say) still gets UTF-8.
    decoded = { text: new TextDecoder().decode(raw), charset: 'utf-8' };
  }
  return contender.input === 'text' ? { name, size: raw.length, text: decoded.text } : { name, size: raw.length, bytes: raw, charset: decoded.charset };
}

/** The corpus as `contender` gets it, read into memory one file after the other (names without `.gz`). */
export async function corpusInputs(contender: Contender, dir: string, limit: number | null): Promise<BenchInput[]> {
  const inputs: BenchInput[] = [];
  for (const name of listCorpus(dir, limit ?? Infinity)) {
    const stored = readFileSync(join(dir, name));
    inputs.push(await inputFor(contender, name.replace(/\.gz$/i, ''), /\.gz$/i.test(name) ? gunzipSync(stored) : stored));
  }
  return inputs;
}
