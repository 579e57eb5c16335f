/**
 * Thresholds of the block classifier, tuned as a set on the development corpus with
 * `npm run eval -- --corpus ../shared/corpus` (trafilatura-eval snippet F1 and segments-dev
 * per-class F1 together). Each note says what the value separates.
 */
export const CLASSIFICATION = {
  /** Link density above which a block is a link (teaser or navigation), not prose. Readability uses 0.25 for
   *  candidates and jusText 0.2 for "good" paragraphs; teaser items sit at ~1.0, prose with a few links < 0.3. */
  maxBodyLinkDensity: 0.5,
  /** Words from which a link in a list of headlines is a teaser (→ ad) rather than a menu entry (→ chrome). */
  minTeaserWords: 4,
  /** Mean words of the links in a list from which the list is teasers: menus in segments-dev average 1-3 words,
   *  teaser lists 7-12. */
  minTeaserGroupWords: 5,
  /** Link blocks that make a list (a menu or teaser list has several; one link alone is judged by itself). */
  minLinkGroupItems: 3,
  /** Words from which a link outside any list reads as a headline. Chrome links in segments-dev reach 5-6 words
   *  ("Why you can trust BBC News"). */
  minLoneTeaserWords: 7,
  /** Longest text that a cue matched on the whole block can reclassify (ad label, credit, copyright line):
   *  longer blocks are prose that merely mentions the cue. */
  maxCueBlockChars: 400,
  /** Longest block that a promo section label ("More stories", "Featured") can be. */
  maxPromoHeadingChars: 60,
  /** Longest credit line recognised without a picture beside it ("Photo: Getty Images", "Image copyright Reuters"). */
  maxLoneCreditChars: 120,
  /** Longest consent/legal text classified by its wording alone (cookie banners run to ~600 chars). */
  maxLegalBlockChars: 900,
  /** Longest block that a figure context makes a caption. */
  maxCaptionChars: 600,
  /** Characters from which a block counts as prose for the content-root search (a short sentence). */
  minProseChars: 25,
  /** Share of the page's text above which a container is a wrapper whose boilerplate class tokens are ignored
   *  (`<body class="has-sidebar">`): half the page cannot be a sidebar. */
  wrapperTextShare: 0.5,
  /** Fewest blocks a wrapper holds: on a page of a few blocks, a sidebar holding half the text is still a sidebar. */
  minWrapperBlocks: 8,
  /** Weight of link characters against the root search (menus and teaser lists pull a candidate down). */
  linkPenalty: 1.0,
  /** Weight of text in boilerplate containers (nav, sidebars, comments…) against the root search. */
  boilerplatePenalty: 0.6,
  /** Bonus factor for text inside an element marked as the article body (itemprop=articleBody). */
  articleBodyBonus: 1.5,
  /** Link density up to which a block with sentences is prose (jusText's "good" paragraphs allow 0.2; quotes and
   *  citations with a link or two reach 0.3). */
  maxProseLinkDensity: 0.3,
  /** Prose characters under an element from which its layout class tokens (nav, share, header…) are disbelieved:
   *  two or three real paragraphs. Menus and share bars hold none. */
  proseOverridesLayoutChars: 300,
  /** Shortest prose block that anchors the context step (jusText's "length_low" is 70; German compounds and
   *  one-sentence news paragraphs make 50 the better fit on the corpus). Shorter blocks are judged by neighbours. */
  minAnchorProseChars: 50,
  /** Consecutive short body blocks that make a list kept whatever its neighbours (ingredients, specifications). */
  minShortRunItems: 4,
  /** Blocks before the content root within which the last prose block in a header is its standfirst. */
  maxLedeDistance: 8,
  /** Shortest standfirst/lede paragraph kept as body inside the article's header. */
  minLedeChars: 60,
  /** Root-search score of a heading that repeats the page's title (og:title, JSON-LD headline, h1): worth about two
   *  paragraphs, enough to pull the root to a short post under its headline rather than a longer text elsewhere. */
  titleAnchorBonus: 200,
  /** Prose outside the content root that is still body: long, unlinked, sentence-like, not in boilerplate. */
  minOutsideProseChars: 150,
  maxOutsideProseLinkDensity: 0.1,
  /** A short heading/line within this many blocks before the root is its kicker/lede area. */
  /** Title match: a block equal to the title (case-insensitively), or this similar, is the headline copy. */
  titleSimilarity: 0.9,
  /** Longest block compared with the title and byline for copies of them (the corpus's longest headline has
   *  about 200 characters). */
  maxEchoChars: 300,
  /** A copy of the title or byline is at most this many times its key's length plus the slack (decoration such as
   *  "— Title —" or a site name suffix); longer blocks are not compared. */
  echoLengthFactor: 2,
  echoLengthSlack: 20,
  /** Longest line that is only a date/time/reading time ("Dienstag, 6. Mai 2014, 19:49 Uhr" is 32). */
  maxDatelineChars: 60,
  /** Longest line that can be a byline or a dateline (lifted to metadata, dropped from segments). */
  maxBylineChars: 120,
} as const;

/** The thresholds as a caller may set them (CleanOptions.classification): every one a number. */
export type ClassificationOptions = { readonly [K in keyof typeof CLASSIFICATION]: number };
