/**
 * Gold label files in the format of ../shared/corpus/segments-dev.json:
 * `{ pageId: { url?, labels: [{ class: body|caption|ad|legal|chrome, text }] } }`, the page id
 * being the page's file name without `.gz` (`bbc.com.52241221.html` for `bbc.com.52241221.html.gz`).
 */
import { z } from 'zod';
import { GOLD_CLASSES, type GoldPage } from '../eval/score.js';

const goldFileSchema = z.record(
  z.string(),
  z.object({
    url: z.string().optional(),
    labels: z.array(z.object({ class: z.enum(GOLD_CLASSES), text: z.string() })),
  }),
);

export class GoldFileError extends Error {
  override readonly name = 'GoldFileError';
}

export function parseGoldFile(text: string, source: string): Record<string, GoldPage> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new GoldFileError(`${source} is not JSON: ${(error as Error).message}`);
  }
  const parsed = goldFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new GoldFileError(`${source} is not a gold label file ({pageId: {labels: [{class, text}]}}): at ${issue.path.join('.') || 'the top'}: ${issue.message}`);
  }
  return parsed.data;
}

/** The page id of an input file: its base name without a trailing `.gz`. */
export function pageIdOf(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? name;
  return base.replace(/\.gz$/i, '');
}

/** The gold entry of an input file (looked up by page id, then by the full base name), or null. */
export function goldEntryFor(gold: Readonly<Record<string, GoldPage>>, name: string): { pageId: string; page: GoldPage } | null {
  const base = name.split(/[\\/]/).pop() ?? name;
  for (const id of [pageIdOf(name), base]) if (Object.hasOwn(gold, id)) return { pageId: id, page: gold[id]! };
  return null;
}
