/**
 * Tunable numbers of the core, each with where it came from. Classification thresholds were
 * tuned as a set on the development corpus (../shared/corpus: trafilatura-eval snippets and
 * segments-dev gold) with `npm run eval`, working from the failures of whole classes rather
 * than from single pages; change one, re-run the eval, and keep the floors in eval/floors.json.
 */

export const DECODING = {
  /** Bytes inspected for control characters when deciding "binary". 8 KiB: the head of any page. */
  binarySampleBytes: 8192,
  /** Share of C0 control bytes above which input is binary. Text and HTML have ~0; PNG/PDF bodies ~10-30%. */
  maxControlByteRatio: 0.05,
  /**
   * A scrape declared br- or deflate-encoded whose bytes do not inflate is taken as stored decoded
   * (wget and some crawlers keep the header of the response they decoded) when its sample is valid
   * UTF-8 or at least this share of it is printable ASCII and line breaks: random or compressed
   * bytes give 95/256 ≈ 0.37, HTML in a legacy encoding is mostly markup, ASCII.
   */
  minStoredDecodedAsciiRatio: 0.6,
  /** Bytes inspected for the UTF-16 zero-byte pattern. */
  utf16SampleBytes: 1024,
  /** Share of zero bytes in one lane that marks UTF-16 without a BOM (ASCII-heavy markup gives ~0.9+). */
  utf16ZeroByteRatio: 0.6,
  /** UTF-16 code units, at least, of a BOM-less head that reads as text of a script outside Latin (see decode.ts
   *  utf16Text) for it to be taken as UTF-16 rather than binary. Random bytes read as UTF-16 give a unit that is a
   *  control, private use, unassigned or a lone surrogate about one time in six: 32 units of them all pass ~0.3% of the
   *  time, and the check runs only on bytes the control-byte test already found binary, with no known signature. */
  minUtf16TextUnits: 32,
  /** Bytes inspected for UTF-32 (with or without a BOM): every 4-byte unit of them must be a code point (at most
   *  U+10FFFF, no surrogate). UTF-16 of ASCII markup fails at its first unit ("<\0h\0" is 0x0068003C). Same head as UTF-16's. */
  utf32SampleBytes: 1024,
  /** Bytes checked for UTF-8 validity (whole page up to this size; 4 MiB keeps the check linear and cheap). */
  utf8CheckBytes: 4 * 1024 * 1024,
  /** High bytes outside any UTF-8-shaped sequence allowed per UTF-8 sequence (valid, or overlong/surrogate-encoded)
   *  for the bytes to read as UTF-8 whatever the declaration. The corpus: its UTF-8 pages with stray bytes (4 of
   *  them declare UTF-8) have at most 0.04 (4 strays among 101 sequences); its legacy pages 18 and more per sequence
   *  (mostly no UTF-8 sequence at all), its GBK page declared UTF-8 3.6 (2,399 / 661). */
  maxInvalidUtf8Ratio: 0.2,
  /** Stray high bytes a page declared UTF-8 (or declaring nothing) that holds UTF-8 sequences may carry and stay
   *  UTF-8, each decoded as U+FFFD as the standard says: a byte of Latin-1 pasted into a UTF-8 page, a multi-byte
   *  character cut in two. The corpus's UTF-8 pages carry 1 to 4; legacy pages have dozens (median 80). High bytes
   *  with no UTF-8 sequence among them are not strays, however few: a legacy page's (no corpus page has them
   *  under a UTF-8 declaration). */
  maxStrayBytes: 4,
  /** Bytes given to chardet. 64 KiB is plenty for its frequency statistics and keeps it fast. */
  detectionSampleBytes: 64 * 1024,
  /**
   * Words (three letters or more) made of accented Latin letters alone, in a detected Latin single-byte reading,
   * from which on that reading is taken for another script's text misread (../decode.ts readsAsOtherScript):
   * Cyrillic, Greek, Hebrew or Arabic bytes read as windows-1252 are such words ("Ïàðîì âîçîáíîâèë"), Latin
   * languages write their accents inside words of ASCII letters ("réparations", "über"; "été" holds a t). chardet
   * ranks windows-1252 first for a windows-1251 page of a paragraph or two beside English navigation or text (its
   * confidence 26 of 100, windows-1251's 13, in a synthetic page of a menu and one Russian paragraph). Three: a
   * sentence of such text has a dozen. Such words must also outnumber the words that mix ASCII and accented letters.
   */
  minOtherScriptWords: 3,
  /** Letters from which on a word of accented letters alone counts for minOtherScriptWords: shorter ones ("à", "où",
   *  "é") are words of Latin languages too. */
  minOtherScriptWordLetters: 3,
  /**
   * Symbols of Latin-1's upper half between two letters ("poniedzia³ek", "mo¿e", "ci¹g": Polish ł, ż, ą of
   * windows-1250 or ISO-8859-2 read as windows-1252) from which on a detected Latin reading is taken for another
   * Latin encoding's text misread (../decode.ts symbolsInWords), when chardet ranks an encoding whose reading has fewer
   * than this many. Real text puts such symbols beside digits or spaces ("m²", "20 °C", "¿Qué"), and the two that
   * stand between letters in it, the middle dot of Catalan "l·l" and an acute accent typed as an apostrophe, are not
   * counted. chardet ranked windows-1252 first (33, windows-1250 26) for a Polish paragraph beside an English menu.
   */
  minInWordSymbols: 3,
  /**
   * Capitals beyond ASCII right after a lowercase letter, with C1 controls, from which on a detected Latin reading is taken for
   * Mac OS Roman's text misread (../decode.ts inWordCapitals): a French or German page written on a Mac read as windows-1252
   * has one on most accented letters ("habituŽs", "fŠhrt", "BrŸcke"; è, ç, ê, ù are controls), a Spanish one on each é
   * ("despuŽs": its ó, ñ, á read as dashes and daggers), an English one per apostrophe ("itÕs"). Text has none: over the
   * 1,489 corpus pages' decoded texts nine hold one and one 28 (a script's pattern listing accented letters,
   * "[\wÀÈÌÒÙà…]"). Three, as minInWordSymbols: a paragraph of such text has a few.
   */
  minInWordCapitals: 3,
  /** Bytes the `<meta>` prescan reads (src/core/prescan.ts). The standard encourages 1,024; real pages put the
   *  declaration later (after long scripts or style in the head), 8 KiB catches them. */
  metaPrescanBytes: 8192,
  /** Bytes of a page's head read for a later `<meta>` when the prescan's found none (../decode.ts lateMeta): Chrome reads
   *  a declaration anywhere in the head, after inline scripts and style of any size; a head longer than this is none. */
  maxHeadPrescanBytes: 1024 * 1024,
  /** Characters of decoded text sniffed for markup when neither type nor extension tells the format. */
  formatSniffChars: 4096,
  /** Closing tags (`</p>`) in the sniffed head that make a scrape with no telling name or type HTML when it neither
   *  starts with markup nor has a document's elements: a fragment copied from a page has one per element; prose
   *  that names a tag writes its opening form ("a <p> tag"), hardly a closing one twice. */
  minSniffClosingTags: 2,
  /** Lines of a text, from its first, that parsed each as a JSON object or array make it JSON Lines, data and not a page
   *  (../decode.ts dataKind): one line could be a page whose text is a JSON snippet; a page's next line is prose or
   *  markup, not another record. */
  jsonLinesSampleLines: 2,
  /** Share of U+FFFD after decoding above which the input is undecodable. */
  maxReplacementCharRatio: 0.2,
  /**
   * Characters a text encoded twice (../double-encoding.ts) must give back, at the least: one is what a text
   * that quotes mojibake ("Ã©") would give too; two or more, with every non-ASCII character of the text part
   * of them, is a text encoded twice. The four twice-encoded pages of the modern-web corpus give 42 to 1,242;
   * of the other 1,485 corpus pages none gives any (no other page's non-ASCII characters are all such pairs).
   */
  minDoubleEncodedChars: 2,
  /**
   * A text that mixes real characters with twice-encoded ones (../double-encoding.ts repairMixedDoubleEncoding)
   * is repaired when its repairable sequences stand in at least this many different places (told apart by
   * mixedContextChars characters on each side, so that a title repeated in <title>, og:title and <h1> is one
   * place), or one of them holds a C1 control, which real text never writes. One place is what a text that
   * names mojibake once gives ("turns é into Ã© on a bad day", in its title, og:title and h1). The 1,489 corpus
   * pages: of the sixteen whose text holds twice-encoded sequences that pass the other guards, nine give 2 to
   * 27 places and one a lone C1 dash ("Report â\u0080\u0093 2025"), all mojibake of real text, repaired; six
   * give one place (an alt or title attribute, "Textwerkstatt JÃ¤ger"; a script's string three times),
   * left as they were until pipeline 2.13.0, when a text whose runs all stand inside words is repaired
   * whatever its places (those six: "Jäger", "Sprühregen", "Medellín", "Infográfico", "löschen",
   * "zurückgesetzt"): a text that names mojibake writes it as a token of its own. Three characters on each
   * side tell words apart, not copies of one text.
   */
  minMixedDoubleEncodedPlaces: 2,
  mixedContextChars: 3,
  /** Twice-encoded text encoded yet again is undone this many times at most, each time by the same guards (the
   *  count of places is judged once): one corpus page has "GenÃƒÆ’Ã¢â‚¬Å¡Ãƒâ€šÃ‚Â®", "Gen®" four undoings deep. */
  maxDoubleEncodingLevels: 4,
  /**
   * A declared legacy multi-byte encoding (Shift_JIS, EUC-JP, GBK, Big5, EUC-KR) is checked against the bytes
   * (../decode.ts rereadMultiByte) when its reading of the first detectionSampleBytes characters has at least
   * this many U+FFFD or private-use characters, and at least minMisreadShare of its non-ASCII characters are:
   * a page of its own encoding has none or a stray few (a character cut at a line end); a page of another
   * multi-byte encoding has one on every few characters (EUC-JP read as Shift_JIS: about 1 in 6, GBK as Big5:
   * 1 in 25 on the test pages of test/core/decode-charsets.test.ts). A declared Arabic single-byte encoding is checked
   * so too (../decode.ts rereadArabic): windows-1256 read as ISO-8859-6 has a U+FFFD on about 1 in 14 letters (9 of
   * 126 in the Arabic sentences of test/core/decode-charsets.test.ts).
   */
  minMisreadChars: 4,
  minMisreadShare: 0.01,
  /** The detected encoding is taken when its reading has at most 1/this of the declared reading's misread characters. */
  misreadImprovement: 4,
  /**
   * A page declared in a single-byte encoding is re-read as the legacy multi-byte encoding detection names
   * (../decode.ts rereadSingleByte) when that reading has at least this many non-ASCII characters, at most
   * minMisreadShare of them misread: the evidence of a CJK page (one sentence is ~30 such characters), which the
   * single-byte reading turned into mojibake without a U+FFFD. A Latin page read as Shift_JIS misreads its accented
   * letters at word ends, far more than that share.
   */
  minMultiByteChars: 32,
  /**
   * Share of a windows-874 reading's Thai letters, at least, that are vowels and marks for the reading to be Thai
   * (../decode.ts readsAsThai): Thai prose writes one on nearly every other letter (0.38-0.47 in the six news paragraphs of
   * test/core/decode-charsets.test.ts); CJK text read as windows-874 is mostly consonants, 0.23 at most over the corpus's
   * pages re-encoded in GBK, Big5, Shift_JIS, EUC-JP and EUC-KR (xinhuanet's Chinese; Korean 0.10), and English text
   * with curly quotes in GBK is consonants alone.
   */
  minThaiVowelShare: 0.3,
  /**
   * Thai letters, at least, in a windows-874 reading for it to be Thai (../decode.ts readsAsThai), with minThaiVowelShare of
   * them vowels and marks and none of them out of place under minMisreadShare (below a hundred letters: none at all). The
   * places are the evidence, not the count: Latin text read as windows-874 has its accented letters as vowels and marks
   * after ASCII letters, its symbols («, ©, °) as consonants without a vowel; Cyrillic, Greek, Hebrew and Arabic text has
   * marks after vowels and bytes windows-874 leaves undefined. Ten: a greeting ("สวัสดีครับ") or a shop's name; it was
   * minMultiByteChars (32) before, and a Thai sentence of 26 letters came out as windows-1252 ("ÃÒ¤Ò¹éÓÁÑ¹»ÃÑº").
   */
  minThaiLetters: 10,
  /**
   * Characters beyond ASCII up to which chardet ranks the legacy multi-byte encodings without statistics: with ten
   * double-byte characters or fewer and no invalid one it gives each of them the confidence 10 (chardet's mbcs.js), and
   * its first is the first of its list that reads the bytes, not the likeliest (../decode.ts readsAsThaiRatherThan).
   */
  maxUnrankedMultiByteChars: 10,
  /**
   * The share of a Cyrillic reading's letters, at least, that are а, е, и, о or і (../decode.ts rereadCyrillic) for it to
   * be read as prose: the four (five) vowels are 0.35 of the letters of Russian, Ukrainian and Bulgarian sentences and 0.40
   * of Serbian ones (test/core/decode-charsets.test.ts's and a weather report in each, written in windows-1251, KOI8-R/U,
   * ISO-8859-5, IBM866 and Mac Cyrillic), Russian letter frequencies give 0.35 (о .110, е .085, а .080, и .074: the Russian
   * National Corpus). The same bytes read in another of those encodings have 0.24 of them at most (Bulgarian KOI8-R read as
   * windows-1251 0.22; windows-1251 read as ISO-8859-5 0.00-0.02). A quarter is between, with room for names and abbreviations.
   */
  minCyrillicVowelShare: 0.25,
  /**
   * Letters beyond ASCII, at least, that the best-fitting language of a Latin reading does not write (../decode.ts
   * lettersOutOfAlphabet, cues/latin-alphabets.ts) for another Latin encoding to be tried, which is taken when its reading
   * has at most 1/misreadImprovement of them. Two: the „quotes” of a Romanian ISO-8859-16 paragraph read as ISO-8859-2
   * ("Ľrezultateleľ"); a page of its own encoding has none, or a name's letter or two from another language (which the
   * other encodings' readings turn into as many wrong letters, or more: its own letters go wrong too).
   */
  minOutOfAlphabetLetters: 2,
  /**
   * Distinct words, at least, holding such letters for a declared Latin encoding to be doubted (../decode.ts rereadLatin):
   * a declaration is the page's word, and a name repeated is no evidence against it (a German page of windows-1254 with
   * "Özoğuz" 23 times, whose ğ windows-1257 reads as Estonian's š: the corpus re-encoded with its declaration); Czech
   * under ISO-8859-1 misreads most of its words ("Pøívoz", "pondìlí", "úøedníci").
   */
  minOutOfAlphabetWords: 3,
  /**
   * C1 controls (U+0080-U+009F), at least, in the reading of a declared ISO-8859 encoding for it to be doubted (../decode.ts
   * rereadLatin): ISO-8859 reads bytes 0x80-0x9F as controls, which text never writes, and the Windows code pages as ’ “ ” —
   * … €. A short French page of windows-1252 under `charset=iso-8859-2` (its two sentences hold too few misread letters,
   * "trčs", "ŕ", "oů", for minOutOfAlphabetLetters across minOutOfAlphabetWords words) shows its apostrophes and dashes so.
   * Two: over the 1,489 corpus pages' decoded texts nine hold one (a stray byte); the detected encoding is taken only when
   * its reading has none and no more misread letters or symbols.
   */
  minControls: 2,
} as const;

export const TEXT_LAYOUT = {
  /** A line at least this long that does not end a sentence is a hard-wrapped line (mail and RFC style wrap at 60-80). */
  minWrappedLineChars: 50,
  /** Longest line of a hard-wrapped paragraph (all but its last line): wrapping widths run 60-80, with slack for a long word.
   *  innerText-like scrapes put a paragraph on one line of any length, and those lines are never joined. */
  maxWrappedLineChars: 100,
  /** Share of a paragraph's lines (all but the last) that must look wrapped before the lines are joined. */
  minWrappedLineShare: 0.7,
  /** Lines from the top of a text scrape searched for the headline and the dateline. */
  headerLines: 8,
  /** Longest line that can be a headline. */
  maxHeadlineChars: 200,
} as const;

/** Which text scrapes are read as Markdown (../text/markdown.ts isMarkdownScrape), when no scraper's header says so. */
export const MARKDOWN = {
  /** Fewest lines with Markdown's link or image syntax ("[text](url)"). Plain text does not write it: of the corpus's 2,978 innerText-like
   *  scrapes (1,489 pages, with and without blank lines) none has more than one such line, while a Markdown scrape of a page has one for
   *  every link of its menus and text. */
  minLinkLines: 3,
  /** Smallest share of the non-blank lines with Markdown syntax (links, images, ATX headings, fences, table rules, strong emphasis): a long
   *  plain text that quotes three Markdown links is still plain. A Markdown article without menus (Firecrawl's main content) has a heading
   *  or a link in a line of ten or more; a plain story with three "# " lines and forty paragraphs has 7 %, and needs the links too. */
  minSyntaxShare: 0.05,
  /** Largest share of a line's characters inside links for it to be the article's, not a menu's (../text/lines.ts articleEdges and
   *  wholeArticle): a menu's or a footer's line is all links, a README's closing sentence "See the changelog and the license." about a third. */
  articleMaxLinkShare: 0.5,
} as const;

export const TEXT_CLASSIFICATION = {
  /** Longest unpunctuated line that can be a subheading of a plain-text scrape (news subheads run 2-12 words). */
  maxSubheadingWords: 12,
  /** Most lines (besides the headline and dateline) of a note too short to be a page: the line model learned from pages laid
   *  out one line per block (menus, headline, paragraphs, footer), and a note of a few lines is read by the rules. */
  maxNoteLines: 3,
} as const;

/** The line features of plain-text scrapes (../text/features.ts): what each figure separates. */
export const TEXT_FEATURES = {
  /** Longest line compared with the others as an echo key (lower-cased, punctuation reduced) for repeats: a headline or a menu entry,
   *  not a paragraph (the corpus's longest headline has about 200 characters; CLASSIFICATION.maxEchoChars is the same bound). */
  maxEchoChars: 300,
  /** Longest line whose capital letters are counted (a shouted label or a menu entry in capitals, not a paragraph). */
  maxCaseChars: 200,
  /** Longest line without a sentence that counts as a short line (menus, link lists, teaser headlines: 1-15 words). */
  maxShortLineChars: 100,
  /** The prose region: each line that is not prose counts against it by its length, at least this many characters (a menu of
   *  one-word lines still costs), times the weight (1: a character of chrome weighs a character of prose, as the HTML root search). */
  regionLineCost: 20,
  regionOtherWeight: 1,
  /** Lines on each side of a line whose prose and cues make its window features (as FEATURE_WINDOWS.blocks for HTML). */
  window: 3,
  /** Lines on each side of a line whose prose, cues, short lines and the rules' body make its "wide" features: the section it
   *  sits in (a comment thread, a policy text, a list of related items) rather than its paragraph. 15 by the training part's
   *  cross-validation by site (npm run train:text -- --cv): text-mode F1 0.786 → 0.789 with blank lines, 0.781 → 0.786 without
   *  (seeds 7 and 99: 0.788/0.783 and 0.786/0.784; a window of 30 lowered it to 0.781). */
  wideWindow: 15,
} as const;

export const FEATURE_WINDOWS = {
  /** Blocks on each side of a block whose prose, links and place in the root make its "window" features (jusText
   *  looks at the nearest neighbours; three on each side covers a heading, its paragraph and the next). */
  blocks: 3,
  /** Levels above a block's own container searched for its repeated unit (a post's text sits two to four levels
   *  below the post element in the forum and listing markup of the training pages). */
  unitLevels: 5,
  /** Alike siblings that make a repeated unit (a menu of three, a thread of three posts). */
  minUnits: 3,
} as const;

export const REPEATS = {
  /** Characters from which a repeated body block is a layout copy whatever stands around it (a sentence of a
   *  paragraph does not repeat by chance; table cells, list items and ingredients are shorter: 50-60 in the recipes
   *  and specification tables of the training pages). */
  minLayoutCopyChars: 80,
  /** Blocks repeated one for one, in a row, that make a layout copy of shorter blocks (a list or a section rendered
   *  twice); two tables of specifications share keys, but rarely three blocks in a row. */
  minLayoutCopyRun: 3,
} as const;

/**
 * Where the learned block models decide (src/core/classifier). They learned from whole pages, and
 * many of their features compare a block with the rest of its page (its share of the text, its place
 * beside the content root and the title, how its siblings look); on a page of a handful of blocks
 * there is no rest to compare with, and they file short body blocks (a list item, a quote, a one-line
 * post) as chrome. Pages with fewer blocks than this are decided by the rules' cascade instead. 15:
 * 1,483 of the 1,489 corpus pages (modern-web, trafilatura-eval) have at least as many, so the models
 * still decide nearly every page they were measured on.
 */
export const BLOCK_MODEL_SCOPE = {
  minBlocks: 15,
} as const;

/** The structure of a text kept with it (src/core/classifier/decide.ts, withinTextFlow). */
export const TEXT_FLOW = {
  /** A heading, list item, quote or code block counts as text, not a link, while its link characters are under
   *  1/2 of its text: Readability's and the rules' reading of link density (a link list's items are links alone). */
  maxLinkShareDenominator: 2,
} as const;

/** Blocks of an unrendered template (src/core/classifier/measures.ts, isUnrendered). */
export const UNRENDERED = {
  /** A block is the template's, not text, when the words outside its placeholders are at most this share of its words:
   *  "{{ post.author }} wrote:", "Price: ${price}" (half), not "Hello {{ name }}, welcome back to the forum" (a
   *  sentence with a placeholder in it; SEGMENTS.md: when in doubt, body). */
  maxOwnWordShare: 0.5,
} as const;
