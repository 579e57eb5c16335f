/**
 * The shape of a language's cue vocabulary (one module per language beside this file). Each
 * entry is a regular-expression fragment (case-insensitive, anchored or bounded by the pattern
 * that joins it, no nested quantifier) with its source:
 *
 * - `SEGMENTS.md`: an example or class description of ../shared/SEGMENTS.md;
 * - a consent vendor's standard wording (`OneTrust`, `Didomi`, `Cookiebot`, `IAB TCF`);
 * - `IAB`: the IAB's ad-unit size list;
 * - `UI`: the stock wording of CMS and site templates (WordPress, Drupal, Discourse…) and of
 *   share, comment and account widgets;
 * - `trafilatura` / `jusText`: their boilerplate and teaser lists;
 * - `wire`: the credit formats of news agencies (AP, Reuters, AFP, dpa, Getty…);
 * - `corpus: <page>`: the development page it was seen on (kept only when it fires on more
 *   than one page of the corpora: `npm run cue-usage` counts them).
 */
export type Entry = readonly [fragment: string, source: string];

export interface CueWords {
  /** Whole-block ad-slot labels ("Advertisement", "Anzeige"). */
  readonly adLabel: readonly Entry[];
  /** Teaser prefixes before a colon or arrow ("READ:", "Lesen Sie auch:"). */
  readonly teaserPrefix: readonly Entry[];
  /** Whole-block section labels of promotional link lists ("More stories"). */
  readonly promoHeading: readonly Entry[];
  /** Newsletter, subscription, app, follow and paywall prompts, anywhere in a short block. */
  readonly prompt: readonly Entry[];
  /** Copyright and licence lines. */
  readonly copyright: readonly Entry[];
  /** Cookie, privacy, terms and consent text. */
  readonly consent: readonly Entry[];
  /** Site-wide disclaimers. */
  readonly disclaimer: readonly Entry[];
  /** Words that open a photo credit before ":" or "©" ("Photo:", "Foto:"). */
  readonly creditWord: readonly Entry[];
  /** Other credit forms (fragments of the CREDIT pattern). */
  readonly credit: readonly Entry[];
  /** Whole-block UI strings that are chrome wherever they stand ("Share", "Menu"). */
  readonly uiString: readonly Entry[];
  /** Labels of tag lines before a colon ("Tags:", "Schlagworte:"). */
  readonly tagLine: readonly Entry[];
  /** Whole-block stock wording of comment threads and forms ("Save my name, email, and website…", "Pingback: …"): chrome (SEGMENTS.md: comment threads and forms). */
  readonly comments: readonly Entry[];
  /** What an author bio box says after the author's name ("… is a reporter covering housing"): chrome (SEGMENTS.md: author bio boxes). */
  readonly authorBio: readonly Entry[];
  /** Words that, with digits, make a line only a date or time (months, weekdays, "updated"). */
  readonly datelineWords: readonly Entry[];
}

/** A language's module lists only the kinds it has words for (a kind it leaves out has none). */
export type LanguageCueWords = Partial<CueWords>;
