/**
 * Metadata accuracy against modern-web's gold title, author and date (issue 16's measure):
 *
 * - title: equal after normalisation (Unicode NFKC, case, and everything that is not a letter, a
 *   number or a space dropped, which takes quotes, dashes and punctuation with it). The gold keeps a
 *   trailing " | Site" on some pages and not on others, so a match with a trailing site part cut
 *   from either side counts. Over pages whose gold has a title.
 * - author: every word of the gold author is a word of the byline (same normalisation). Over pages
 *   whose gold has an author.
 * - date: the gold date (YYYY-MM-DD) is the prefix of `publishedAt`. Over pages whose gold has a date.
 * - handles: bylines that are a social-media handle or a profile URL (`@github`,
 *   `@https://twitter.com/…`): never a byline. Over all pages.
 */
export interface MetadataGoldPage {
  readonly title?: string | null;
  readonly author?: string | null;
  readonly published?: string | null;
}

export interface PredictedMetadata {
  readonly title: string | null;
  readonly byline: string | null;
  readonly publishedAt: string | null;
}

export interface FieldScore {
  /** Pages whose gold has the field. */
  pages: number;
  correct: number;
  accuracy: number;
}

export interface MetadataScores {
  title: FieldScore;
  author: FieldScore;
  date: FieldScore;
  /** Bylines that are a handle or a profile URL. */
  handleBylines: number;
}

export interface MetadataMiss {
  readonly file: string;
  readonly field: 'title' | 'author' | 'date' | 'handle';
  readonly gold: string | null;
  readonly predicted: string | null;
}

const NOT_WORD = /[^\p{L}\p{N}\s]+/gu;
/**
 * A trailing site part: " | Site", " - Site", " — Site", " · Site", " :: Site": what follows the last separator that
 * has white space on both sides. (A separator character inside the site's name, as in " | REI Co-op" or
 * " - Coca-Cola", is part of the name, not a separator.)
 */
const TRAILING_PART = /\s+(?:[|\-–—·•»:]|::)\s+(?:(?!\s+(?:[|\-–—·•»:]|::)\s).)*$/u;
const HANDLE = /^@|(?:twitter|x)\.com\/|^https?:\/\//i;

export function normalizeTitle(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(NOT_WORD, ' ').replace(/\s+/g, ' ').trim();
}

function withoutTrailingPart(text: string): string {
  return text.replace(TRAILING_PART, '');
}

export function titleMatches(predicted: string | null, gold: string): boolean {
  if (!predicted) return false;
  const g = normalizeTitle(gold);
  if (!g) return false;
  const p = normalizeTitle(predicted);
  return p === g || normalizeTitle(withoutTrailingPart(predicted)) === g || p === normalizeTitle(withoutTrailingPart(gold));
}

export function authorMatches(byline: string | null, gold: string): boolean {
  if (!byline) return false;
  const words = new Set(normalizeTitle(byline).split(' '));
  const wanted = normalizeTitle(gold).split(' ').filter(Boolean);
  return wanted.length > 0 && wanted.every((word) => words.has(word));
}

export function isHandle(byline: string | null): boolean {
  return !!byline && HANDLE.test(byline.trim());
}

const field = (pages: number, correct: number): FieldScore => ({ pages, correct, accuracy: pages ? Math.round((correct / pages) * 10000) / 10000 : 0 });

export function scoreMetadata(
  gold: Readonly<Record<string, MetadataGoldPage>>,
  predicted: Readonly<Record<string, PredictedMetadata | null>>,
): { scores: MetadataScores; misses: MetadataMiss[] } {
  const misses: MetadataMiss[] = [];
  let titles = 0, titlesRight = 0, authors = 0, authorsRight = 0, dates = 0, datesRight = 0, handles = 0;
  for (const [file, page] of Object.entries(gold)) {
    const doc = predicted[file] ?? null;
    if (page.title) {
      titles++;
      if (titleMatches(doc?.title ?? null, page.title)) titlesRight++;
      else misses.push({ file, field: 'title', gold: page.title, predicted: doc?.title ?? null });
    }
    if (page.author) {
      authors++;
      if (authorMatches(doc?.byline ?? null, page.author)) authorsRight++;
      else misses.push({ file, field: 'author', gold: page.author, predicted: doc?.byline ?? null });
    }
    if (page.published) {
      dates++;
      if (doc?.publishedAt?.startsWith(page.published)) datesRight++;
      else misses.push({ file, field: 'date', gold: page.published, predicted: doc?.publishedAt ?? null });
    }
    if (isHandle(doc?.byline ?? null)) {
      handles++;
      misses.push({ file, field: 'handle', gold: page.author ?? null, predicted: doc?.byline ?? null });
    }
  }
  return {
    scores: { title: field(titles, titlesRight), author: field(authors, authorsRight), date: field(dates, datesRight), handleBylines: handles },
    misses,
  };
}
