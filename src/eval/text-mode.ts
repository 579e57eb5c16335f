/**
 * The text-mode figures of `npm run eval` (set `text-mode`): the corpus's pages of one part,
 * turned into plain-text scrapes as a browser's innerText gives them (./inner-text.ts; once with
 * and once without blank lines between paragraphs), cleaned as text scrapes, and scored as their
 * HTML is: modern-web by shingle F1 against the full gold text (./text-score.ts), trafilatura-eval
 * by its snippets (./score.ts).
 */
import { basename } from 'node:path';
import { clean } from '../core/clean.js';
import { INNER_TEXT_VARIANTS, type InnerTextVariant } from './inner-text.js';
import { scoreSnippets, type SnippetEntry } from './score.js';
import { scoreText, type TextGoldPage } from './text-score.js';
import { corpusPagePath, textScrapeOf } from './text-scrapes.js';

/** How the variants are named in reports and floors. */
export const VARIANT_LABELS: Record<InnerTextVariant, string> = { blank: 'with blank lines', plain: 'without blank lines' };

export interface TextModeVariant {
  readonly variant: InnerTextVariant;
  readonly modernWeb: ReturnType<typeof scoreText>;
  readonly snippets: ReturnType<typeof scoreSnippets>;
  /** bodyText of each modern-web page (for the reference scorer). */
  readonly modernWebPredictions: Record<string, string | null>;
}

export interface TextModeResult {
  readonly variants: readonly TextModeVariant[];
  /** Pages converted (each cleaned once per variant). */
  readonly pages: number;
  readonly convertSeconds: number;
  /** Time cleaning the text scrapes (every variant), and their size. */
  readonly cleanSeconds: number;
  readonly cleanedBytes: number;
  readonly cleanedTexts: number;
  readonly failures: readonly string[];
}

/** bodyText of a text scrape, or null when clean() refuses it. */
function cleanText(text: string, name: string, failures: string[]): string | null {
  try {
    return clean({ bytes: Buffer.from(text, 'utf8'), name, contentType: 'text/plain; charset=utf-8' }, { now: () => new Date(0) }).bodyText;
  } catch (error) {
    failures.push(`text-mode/${name}: ${(error as { code?: string } | undefined)?.code ?? 'ERROR'}: ${(error as Error | undefined)?.message ?? String(error)}`);
    return null;
  }
}

/** Converts, cleans and scores the given pages (gold already cut to the part). */
export function runTextMode(corpus: string, modernGold: Readonly<Record<string, TextGoldPage>>, evaldata: Readonly<Record<string, SnippetEntry>>): TextModeResult {
  const failures: string[] = [];
  let convertMs = 0;
  let cleanMs = 0;
  let cleanedBytes = 0;
  let cleanedTexts = 0;
  const modern: Record<InnerTextVariant, Record<string, string | null>> = { blank: {}, plain: {} };
  const snippets: Record<InnerTextVariant, Record<string, string | null>> = { blank: {}, plain: {} };
  const pages: Array<{ set: 'modern-web' | 'trafilatura-eval'; file: string }> = [
    ...Object.keys(modernGold).map((file) => ({ set: 'modern-web' as const, file })),
    ...Object.values(evaldata).map((entry) => ({ set: 'trafilatura-eval' as const, file: entry.file })),
  ];
  for (const { set, file } of pages) {
    let at = performance.now();
    const path = corpusPagePath(corpus, set, file);
    const text = textScrapeOf(path);
    convertMs += performance.now() - at;
    if (!text) failures.push(`text-mode/${set}/${file}: not decodable`);
    for (const variant of INNER_TEXT_VARIANTS) {
      at = performance.now();
      const body = text ? cleanText(text[variant], `${basename(path)}.txt`, failures) : null;
      cleanMs += performance.now() - at;
      cleanedBytes += text ? Buffer.byteLength(text[variant]) : 0;
      cleanedTexts++;
      (set === 'modern-web' ? modern : snippets)[variant][file] = body;
    }
  }
  return {
    variants: INNER_TEXT_VARIANTS.map((variant) => ({
      variant,
      modernWeb: scoreText(modernGold, modern[variant]),
      snippets: scoreSnippets({ ...evaldata }, snippets[variant]),
      modernWebPredictions: modern[variant],
    })),
    pages: pages.length,
    convertSeconds: convertMs / 1000,
    cleanSeconds: cleanMs / 1000,
    cleanedBytes,
    cleanedTexts,
    failures,
  };
}

/** The figures one variant is held to (eval/floors.json `textMode`). */
export interface TextModeFigures {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly byType: Record<string, number>;
  readonly snippetsF1: number;
}

export function textModeFigures(result: TextModeResult): Record<InnerTextVariant, TextModeFigures> {
  const out = {} as Record<InnerTextVariant, TextModeFigures>;
  for (const v of result.variants) {
    const m = v.modernWeb.scores;
    out[v.variant] = { precision: m.precision, recall: m.recall, f1: m.f1, byType: Object.fromEntries(Object.entries(m.byType).map(([t, s]) => [t, s.f1])), snippetsF1: v.snippets.scores.f1 };
  }
  return out;
}

/** The report's lines. */
export function textModeLines(result: TextModeResult): string[] {
  const f3 = (n: number): string => n.toFixed(3);
  const lines = [
    `text-mode (${result.pages} pages as innerText-like plain text, src/eval/inner-text.ts): converted in ${result.convertSeconds.toFixed(1)} s; ` +
      `${result.cleanedTexts} texts cleaned in ${result.cleanSeconds.toFixed(1)} s, ${(result.cleanedTexts / result.cleanSeconds).toFixed(0)} texts/s, ${(result.cleanedBytes / 1e6 / result.cleanSeconds).toFixed(1)} MB/s`,
  ];
  for (const v of result.variants) {
    const m = v.modernWeb.scores;
    const t = v.snippets.scores;
    lines.push(`  ${VARIANT_LABELS[v.variant]}: modern-web (${m.pages}) precision ${f3(m.precision)}  recall ${f3(m.recall)}  F1 ${f3(m.f1)}  · trafilatura-eval (${t.documents}) snippets precision ${t.precision} recall ${t.recall} F1 ${t.f1}`);
    lines.push(`    by type: ${Object.entries(m.byType).map(([type, s]) => `${type} ${f3(s.f1)} (P ${f3(s.precision)})`).join(', ')}`);
  }
  return lines;
}
