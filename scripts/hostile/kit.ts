/**
 * What every hostile-input case is made of: the case's shape, the page builders the case modules
 * share, and the checks that say what must hold of a document (not just "no crash").
 *
 * The cases of issue 13 live one module per class beside this one (scripts/hostile/<class>.ts),
 * so that helpers working on different classes add cases without touching each other's files;
 * scripts/hostile/index.ts lists the modules, and scripts/adversarial-cases.ts appends them to
 * the cases of issue 6. Every case ends as a document or a documented CleanError code, within
 * the time budget plus one second (`npm run gen:adversarial -- <dir> --check` times each), under
 * its heap cap.
 */
import type { CleanErrorCode } from '../../src/core/errors.js';
import type { CleanDocument } from '../../src/core/schema.js';

export type Expectation = { readonly kind: 'document' } | { readonly kind: 'error'; readonly codes: readonly CleanErrorCode[] };

export interface AdversarialCase {
  /** File name: its extension tells the core the format, as an object key would. */
  readonly name: string;
  readonly description: string;
  readonly expect: Expectation;
  /** Cleaned in a child process of its own by the tests (big inputs), with a shorter budget. */
  readonly heavy?: boolean;
  /**
   * The memory bound: the V8 heap (MB) the case must clean within; the tests cap the child's heap
   * at this (`--max-old-space-size`). Light cases share a child capped at LIGHT_HEAP_MB.
   */
  readonly heapMb?: number;
  /** Strings that must never appear in any segment (script, style, event-handler content). */
  readonly forbidden?: readonly string[];
  /** Strings some segment (or the title) must contain (the decoding cases: the text came out right). */
  readonly mustContain?: readonly string[];
  /**
   * What else must hold of the document, as a list of problems (empty when it holds): the visible
   * text in order, no U+FFFD where the bytes were valid, a field left empty… Run on documents only.
   */
  readonly check?: (document: CleanDocument) => string[];
  /** What the core is told besides the bytes (an HTTP or S3 content type and content encoding). */
  readonly input?: { readonly contentType?: string; readonly contentEncoding?: string };
  /** The class of issue 13 the case belongs to ("§3 decoding"), for the report; issue 6's cases have none. */
  readonly issueClass?: string;
  /**
   * The case is known to fail until the named work lands. The tests then expect it to fail (and
   * fail when it starts passing, so the mark is removed with the fix); `--check` lists it apart.
   */
  readonly pending?: string;
  readonly bytes: () => Uint8Array;
}

export const MB = 1024 * 1024;
/** Heap cap of the child that cleans the light cases one after the other. */
export const LIGHT_HEAP_MB = 384;
/** Heap of a Lambda-sized run: the function has 1769 MB. */
export const FUNCTION_HEAP_MB = 1024;
/**
 * Heap for the cases built against memory rather than time: 5-20 MB single strings (one text
 * node, attribute, title or line) and metadata elements nested 20,000 deep. Before the fixes
 * they died under this cap (a global regex replace over a long string held a rope of two nodes
 * per match, seven bytes a character; nested collections held every text node once per level);
 * now each cleans within 128 MB.
 */
export const TIGHT_HEAP_MB = 160;

export const documentExpected = (): Expectation => ({ kind: 'document' });
export const errorExpected = (...codes: CleanErrorCode[]): Expectation => ({ kind: 'error', codes });

export const utf8 = (text: string): Uint8Array => Buffer.from(text, 'utf8');

/** Repeats `unit` (a function of the index) until `length` characters are reached. */
export function fill(length: number, unit: (i: number) => string): string {
  const parts: string[] = [];
  let total = 0;
  for (let i = 0; total < length; i++) {
    const piece = unit(i);
    parts.push(piece);
    total += piece.length;
  }
  return parts.join('');
}

export const SENTENCES = [
  'The harbour ferry resumed service on Monday after a week of repairs to its engine, officials said.',
  'Passengers queued from dawn at the pier, where the operator handed out coffee and apologised for the delay.',
  'The council will review the maintenance contract next month, and a new vessel is due in the spring.',
  'Local shops reported their busiest morning since the summer, as visitors returned to the island.',
  'A spokesperson said the timetable would return to normal by the weekend, weather permitting.',
];

/** A paragraph of prose that differs from every other one (the core drops exact repeats). */
export function paragraph(i: number): string {
  return `Report ${i}: ${SENTENCES[i % SENTENCES.length]} ${SENTENCES[(i * 7 + 3) % SENTENCES.length]}`;
}

export function page(body: string, head = '<meta charset="utf-8"><title>Harbour ferry resumes</title>'): string {
  return `<!DOCTYPE html>\n<html lang="en"><head>${head}</head><body>${body}</body></html>\n`;
}

/** An article of the five sentences, one paragraph each, with a heading: what a case's page holds around its construct. */
export function article(extra = ''): string {
  return `<main><article><h1>Harbour ferry resumes</h1>${SENTENCES.map((s) => `<p>${s}</p>`).join('')}${extra}</article></main>`;
}

// ---- checks: each returns the problems it found ------------------------------------------------

/** Every string of a document a reader or a program downstream gets (all but the source's own name). */
export function documentStrings(document: CleanDocument): Array<{ field: string; text: string }> {
  const strings: Array<{ field: string; text: string }> = [];
  for (const field of ['title', 'byline', 'publishedAt', 'url', 'language', 'siteName', 'bodyText'] as const) {
    const value = document[field];
    if (typeof value === 'string') strings.push({ field, text: value });
  }
  document.segments.forEach((segment, i) => {
    strings.push({ field: `segments[${i}].text`, text: segment.text });
    segment.cues.forEach((cue, k) => strings.push({ field: `segments[${i}].cues[${k}]`, text: cue }));
  });
  for (const [i, dropped] of (document.dropped ?? []).entries()) strings.push({ field: `dropped[${i}].text`, text: dropped.text });
  return strings;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** C0 and C1 controls other than the line feed the layout writes, and the bidi embeddings, overrides and isolates. */
const NOT_TEXT = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

function describeChar(text: string, at: number): string {
  return `U+${text.codePointAt(at)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * Issue 13 §5, held of every document of every case: no lone surrogate anywhere (the document
 * could not be written as UTF-8), no control character or bidi override in any string.
 */
export function wellFormedProblems(document: CleanDocument): string[] {
  const problems: string[] = [];
  for (const { field, text } of documentStrings(document)) {
    const lone = LONE_SURROGATE.exec(text);
    if (lone) problems.push(`${field} holds a lone surrogate ${describeChar(text, lone.index)} at ${lone.index}`);
    const control = NOT_TEXT.exec(text);
    if (control) problems.push(`${field} holds ${describeChar(text, control.index)}, not text, at ${control.index}`);
  }
  return problems;
}

/** The visible text of the document: its segments in order, then the text of the dropped chrome. */
export function visibleText(document: CleanDocument): string {
  return [...document.segments.map((s) => s.text), ...(document.dropped ?? []).map((d) => d.text)].join('\n');
}

/** Text compared up to whitespace. */
export const squeeze = (text: string): string => text.replace(/\s+/g, '');

/** Every needle appears in the segments, in this order (up to whitespace). */
export function inOrder(needles: readonly string[]): (document: CleanDocument) => string[] {
  return (document) => {
    const text = squeeze(document.segments.map((s) => s.text).join(' '));
    const problems: string[] = [];
    let from = 0;
    for (const needle of needles) {
      const at = text.indexOf(squeeze(needle), from);
      if (at === -1) problems.push(text.includes(squeeze(needle)) ? `${JSON.stringify(needle)} is out of order` : `no segment holds ${JSON.stringify(needle)}`);
      else from = at + squeeze(needle).length;
    }
    return problems;
  };
}

/** No segment holds U+FFFD: the bytes were valid in the encoding the page declared or has. */
export function noReplacementChar(document: CleanDocument): string[] {
  const at = document.segments.findIndex((s) => s.text.includes('\uFFFD'));
  return at === -1 ? [] : [`segment ${at} holds U+FFFD: ${JSON.stringify(document.segments[at]!.text.slice(0, 80))}`];
}

/** Exactly `count` U+FFFD in the segments (a stray byte is one replacement character, not a page of mojibake). */
export function replacementChars(count: number): (document: CleanDocument) => string[] {
  return (document) => {
    const found = (document.segments.map((s) => s.text).join('').match(/\uFFFD/g) ?? []).length;
    return found === count ? [] : [`${found} U+FFFD in the segments, expected ${count}`];
  };
}

/** The document was decoded from this encoding. */
export function decodedAs(encoding: string): (document: CleanDocument) => string[] {
  return (document) => (document.source.encoding === encoding ? [] : [`decoded as ${document.source.encoding}, expected ${encoding}`]);
}

/** No segment is of this class (a page of prose mis-decoded into `©` everywhere classified as legal). */
export function noSegmentOf(type: string): (document: CleanDocument) => string[] {
  return (document) => {
    const found = document.segments.filter((s) => s.type === type);
    return found.length === 0 ? [] : [`${found.length} ${type} segment(s), e.g. ${JSON.stringify(found[0]!.text.slice(0, 80))}`];
  };
}

/** A metadata field is null, or matches. */
export function field(name: 'title' | 'byline' | 'publishedAt' | 'url' | 'language' | 'siteName', expected: string | null | RegExp): (document: CleanDocument) => string[] {
  return (document) => {
    const value = document[name];
    const ok = expected instanceof RegExp ? value !== null && expected.test(value) : value === expected;
    return ok ? [] : [`${name} is ${JSON.stringify(value?.slice(0, 120) ?? null)}, expected ${expected instanceof RegExp ? expected : JSON.stringify(expected)}`];
  };
}

/** A field is at most `max` characters long. */
export function boundedField(name: 'title' | 'byline' | 'siteName', max: number): (document: CleanDocument) => string[] {
  return (document) => {
    const value = document[name];
    return value === null || value.length <= max ? [] : [`${name} is ${value.length} characters long, over ${max}`];
  };
}

/** All of the checks. */
export function all(...checks: Array<(document: CleanDocument) => string[]>): (document: CleanDocument) => string[] {
  return (document) => checks.flatMap((check) => check(document));
}
