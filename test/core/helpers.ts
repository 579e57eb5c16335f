/**
 * Small builders for the core's unit tests: pages are written here, in the tests, never copied
 * from the corpus. Legacy-charset bytes are made with iconv-lite, an encoder independent of the
 * runtime's TextDecoder that the core decodes with.
 */
import iconv from 'iconv-lite';
import { clean, type CleanDocument, type CleanOptions } from '../../src/core/index.js';

/** A fixed clock, so two documents of the same bytes are equal as a whole. */
export const FIXED_NOW = (): Date => new Date('2024-03-01T12:00:00.000Z');

export function encode(text: string, charset: string): Buffer {
  return charset === 'utf-8' ? Buffer.from(text, 'utf8') : iconv.encode(text, charset);
}

export interface PageParts {
  readonly head?: string;
  readonly body: string;
  readonly lang?: string;
}

export function page({ head = '', body, lang }: PageParts): string {
  return `<!DOCTYPE html>\n<html${lang ? ` lang="${lang}"` : ''}>\n<head>\n${head}\n</head>\n<body>\n${body}\n</body>\n</html>\n`;
}

/** An article page whose main text is `paragraphs`, each in its own <p>. */
export function article(paragraphs: readonly string[], parts: { head?: string; lang?: string; before?: string; after?: string } = {}): string {
  const body = `${parts.before ?? ''}<main><article>\n${paragraphs.map((p) => `<p>${p}</p>`).join('\n')}\n</article></main>${parts.after ?? ''}`;
  return page({ head: parts.head, body, lang: parts.lang });
}

/** Five sentences of a news story, for pages and scrapes made of many of them (a run longer than a block). */
export const STORY_SENTENCES: readonly string[] = [
  'The harbour ferry resumed service on Monday after a week of repairs to its engine, officials said.',
  'Passengers queued from dawn, and the first crossing left on time with every seat taken.',
  'The operator said a second vessel would join the route in the spring if demand holds.',
  'Fishermen on the north quay complained that the ferry wake had damaged two of their moorings last winter.',
  'The council promised to publish the timetable for the summer months before the end of April.',
];

export function cleanText(text: string, name = 'page.html', contentType: string | null = null, options: Partial<CleanOptions> = {}): CleanDocument {
  return clean({ bytes: Buffer.from(text, 'utf8'), name, contentType }, { now: FIXED_NOW, ...options });
}

export function cleanBytes(bytes: Uint8Array, name = 'page.html', contentType: string | null = null, options: Partial<CleanOptions> = {}): CleanDocument {
  return clean({ bytes, name, contentType }, { now: FIXED_NOW, ...options });
}

/** Every text the document kept or dropped (with explain), whatever its class: for tests of decoding, not of classification. */
export function everyText(document: CleanDocument): string {
  return [document.title ?? '', ...document.segments.map((s) => s.text), ...(document.dropped ?? []).map((d) => d.text)].join('\n');
}

/** The segment whose text contains `needle` (the first one), or undefined. */
export function segmentWith(document: CleanDocument, needle: string) {
  return document.segments.find((s) => s.text.includes(needle));
}

/** Catches a thrown value so tests can look at its fields. */
export function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}
