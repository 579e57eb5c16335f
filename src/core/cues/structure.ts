/**
 * What the tree walk needs to know to keep a page's structure (lists, quotes, code, tables,
 * inline markup, images): element vocabularies and the few numbers, each with where it came from.
 */
import type { ListNumbering } from '../structure.js';

/** Elements that hold list items (HTML's ul/ol, and the obsolete menu/dir that browsers render as ul). */
export const LIST_TAGS: ReadonlySet<string> = new Set(['ul', 'ol', 'menu', 'dir']);
/**
 * Elements a list item's task checkbox is not looked for inside (html/walk.ts taskBox): another item, a table (besides
 * the lists of LIST_TAGS). The checkbox is the item's first thing before any text.
 */
export const TASK_BOX_BARRIERS: ReadonlySet<string> = new Set(['li', 'table']);

/**
 * How an ordered list numbers its items when not with digits: the HTML standard's `<ol type>` values
 * (case matters: a, A, i, I), and an inline CSS `list-style-type` or `list-style` of CSS Lists'
 * lower-/upper- alpha, latin (the same letters) or roman.
 */
export const LIST_TYPE_NUMBERINGS: Readonly<Record<string, ListNumbering>> = { a: 'lower-alpha', A: 'upper-alpha', i: 'lower-roman', I: 'upper-roman' };
export const LIST_STYLE_NUMBERING = /(?:^|;)\s*list-style(?:-type)?\s*:[^;]*?\b(lower|upper)-(alpha|latin|roman)\b/i;

/** Inline elements whose markup is kept as a span of the block's text. HTML's phrasing content with a
 *  Markdown equivalent: emphasis (em, i), strong importance (strong, b), code (code, kbd, samp, tt),
 *  and text drawn struck through, GFM's strikethrough: deleted (del), no longer accurate (s), and the
 *  obsolete strike, which browsers draw as s. */
export const INLINE_SPAN_TAGS: ReadonlyMap<string, 'emphasis' | 'strong' | 'code' | 'strikethrough'> = new Map([
  ['em', 'emphasis'], ['i', 'emphasis'],
  ['strong', 'strong'], ['b', 'strong'],
  ['code', 'code'], ['kbd', 'code'], ['samp', 'code'], ['tt', 'code'],
  ['del', 'strikethrough'], ['s', 'strikethrough'], ['strike', 'strikethrough'],
]);

/**
 * Bounds on inline markup. A block that starts inside open inline elements (a link around several
 * paragraphs) starts with their spans; at most `carriedIntoBlock` of them, the innermost. On the corpus
 * pages (modern-web and trafilatura-eval, 1,489 pages) a block starts inside at most 2; a page of
 * thousands of nested links would otherwise give each of its blocks thousands of spans.
 */
export const INLINE_SPAN_LIMITS = { carriedIntoBlock: 16 } as const;

/**
 * The language of a code block as its class names state it: `language-js` and `lang-py`
 * (the HTML standard's suggestion, Prism, highlight.js, Markdown renderers), GitHub's
 * `highlight-source-rust` on the wrapper, and SyntaxHighlighter's `brush: js`.
 */
export const CODE_LANGUAGE_CLASS = /(?:^|\s)(?:lang(?:uage)?-|highlight-source-|brush:\s*)([A-Za-z0-9_+#.-]+)/i;
export const CODE_LANGUAGE_CLASSES = new RegExp(CODE_LANGUAGE_CLASS.source, 'gi');
/** GitHub's code wrapper class, on any element (its tokens "source", "shell" must not read as a credit or a menu). */
export const HIGHLIGHT_SOURCE_CLASSES = /(?:^|\s)highlight-source-[A-Za-z0-9_+#.-]+/gi;
/** Class values that name no language (Prism's `language-none`, highlight.js's `language-plaintext`…). */
export const NO_CODE_LANGUAGE: ReadonlySet<string> = new Set(['none', 'plain', 'plaintext', 'text', 'nohighlight']);

/**
 * Readability's `_markDataTables` (Mozilla Readability 0.6, Readability.js), the field's standard
 * answer to "is this table data or layout": the attributes and elements that state a data table,
 * and the size rules for the rest. Two deliberate differences: a table that holds another table is
 * layout whatever its own header cells say (Readability tests the header cells first, over nested
 * tables' too), since a table segment cannot hold a table in a cell; and a table of one column is
 * layout whatever its summary or header cells say (Readability tests them first), since one column
 * is a list of rows (old forums list their posts one to a row of a table with a summary).
 */
export const DATA_TABLE = {
  /** Descendants that only data tables have (Readability: col, colgroup, tfoot, thead, th; and a caption with content). */
  structureTags: new Set(['col', 'colgroup', 'tfoot', 'thead', 'th']) as ReadonlySet<string>,
  /** ARIA roles that declare a table layout-only. */
  layoutRoles: new Set(['presentation', 'none']) as ReadonlySet<string>,
  /** At least this many rows, or more than `manyColumns` columns: data (Readability: rows >= 10 || columns > 4). */
  manyRows: 10,
  manyColumns: 4,
  /** Otherwise data when rows × columns is more than this (Readability: > 10). */
  minCells: 10,
  /**
   * A smaller table is data when it is a grid of short texts: every row of as many cells, every cell text alone (no
   * element of `cellLayoutTags`, no block) of at most `shortCellChars` characters, and a column whose cells are
   * figures (FIGURE_CELL) below its first row ("Name | Value / Alpha | 1 / Beta | 2"), a header row of strong markup,
   * or `recordRows` rows of words (html/table.ts isGridOfShortTexts). Readability's size rule read
   * such a table as layout, each cell a segment of its own. 80 characters: a line of text; a layout table's cells hold
   * a page's regions (blocks, images, forms), or longer runs of text.
   */
  shortCellChars: 80,
  /**
   * Such a grid of words alone is data from this many rows (a first row and two records below it: "Name | Role / Alice |
   * Engineer / Bob | Designer", a product's "Brand | Apple / Colour | Blue / Weight | 0.1 pounds"), when fewer than half
   * its cells are links (`recordLinkShare`: a grid of links is navigation). Two rows of words ("Home | News / Sport |
   * Weather") stay layout. On the 1,489 corpus pages 13 small tables of three to five rows were such grids, all of them
   * records (opening hours, product details, cookie details, contacts, event dates) but one, a numbered list of links
   * (half its cells links).
   */
  recordRows: 3,
  recordLinkShare: 0.5,
  /** A first row whose cells are all within these (and rows below that are not) is a header row drawn without <th>. */
  headerMarkTags: new Set(['b', 'strong']) as ReadonlySet<string>,
  cellLayoutTags: new Set([
    'img', 'picture', 'amp-img', 'amp-anim', 'svg', 'canvas', 'iframe', 'object', 'embed', 'video', 'audio', 'input', 'select',
    'textarea', 'button', 'form', 'table',
  ]) as ReadonlySet<string>,
} as const;

/**
 * A figure in a table's cell: a number with its sign, grouping and decimal marks (1,234.5; 1.234,5; 1 234; 1'234), a
 * currency sign before or after, a percent or per-mille sign, a unit of a few letters (12 kg, 3.5 km, 40 min), or a date
 * or time of digits (2024-05-01, 01/05/2024, 14:30). Text a word long or more is no figure.
 */
export const FIGURE_CELL = /^[+\-\u2212±~≈]?\p{Sc}?\s?\d(?:[\d.,:/'\u2019\-\u00a0\u202f ]*\d)?\s?(?:%|‰|\p{Sc}|[\p{L}°µ]{1,3}\.?)?$/u;

/**
 * Bounds on table spans: HTML clamps colspan to 1000 and rowspan to 65534; rendering a grid with such
 * spans would multiply a few bytes of input into millions of empty cells. A span is kept as given up to
 * these values (no real table of the dev corpus spans more than 24 columns), larger ones are clamped.
 */
export const TABLE_SPAN_LIMITS = { colspan: 64, rowspan: 256 } as const;

/**
 * Attributes that hold an image's address, in order of trust: lazy-loading scripts keep the real address
 * in a data- attribute and a placeholder (a data: URI, a 1×1 GIF) in `src` (Readability's _fixLazyImages,
 * trafilatura's handle_image); then the first candidate of a srcset. data: URIs are never kept (placeholders,
 * or kilobytes of base64 in a document).
 */
export const IMAGE_SOURCE_ATTRIBUTES = ['data-src', 'data-lazy-src', 'data-original', 'src'] as const;
export const IMAGE_SRCSET_ATTRIBUTES = ['srcset', 'data-srcset', 'data-lazy-srcset'] as const;

/** An image whose width and height attributes are both below this is an icon, a spacer or a tracking pixel,
 *  not a picture of the body (trafilatura drops images under 50 px too; emoji images are 16-72 px). */
export const MIN_BODY_IMAGE_PIXELS = 48;

/**
 * A lead image: an image with no caption between the headline (or byline, or dateline: the metadata copies) and the
 * first body text, page chrome aside (images.ts). It is the body's when it is the page's stated image (og:image,
 * JSON-LD: the same file, `LEAD_IMAGE.sizeSuffix` aside), or when it is not a link and its width and height attributes
 * are both at least `minPixels`. On the 1,489 corpus pages such an image of 200 px or more was the story's photo in
 * all but a few cases; below it were authors' photos and avatars (48-160 px: gravatar's 64-128, WordPress's 150 px
 * thumbnails) and badges; without sizes, logos, share icons and placeholders as often as photos.
 */
export const LEAD_IMAGE = {
  minPixels: 200,
  /** A size variant's suffix of a file name ("photo-768x435.jpg", "photo_600x347.jpg"): WordPress's and others'. */
  sizeSuffix: /[-_]\d+x\d+$/,
} as const;

/**
 * Scripts written without spaces between words (Chinese, Japanese, Thai, Lao, Khmer, Burmese): between two of their
 * characters a word border cannot be told from a layout border, so the walk puts no space between sibling inline
 * elements there (walk.ts separateNext); a space would cut their words where the page has none.
 */
export const UNSPACED_SCRIPTS = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}]/u;

/**
 * The quotation marks a browser draws around a <q> (HTML's rendering section: `q::before { content: open-quote }`, the
 * marks by the element's language), as the Unicode CLDR gives them: [open, close] for a quotation and for one inside it.
 * Keyed by language subtag, or by language and region or script where they differ (pt-PT, de-CH, zh-Hant); `default`
 * for a language not listed or none stated (English's).
 */
export const QUOTATION_MARKS: ReadonlyMap<string, readonly [readonly [string, string], readonly [string, string]]> = new Map(
  // Marks (open, close, then the alternate open, close) → the languages that write them; one string a group, so the Lambda
  // bundle carries each set once.
  Object.entries({
    '\u201c\u201d\u2018\u2019': 'default', // “ ” ‘ ’: en, pt, zh, ko, tr, da…
    '\u201e\u201c\u201a\u2018': 'de cs sk sl is lt et bg', // „ “ ‚ ‘
    '\u00ab\u00bb\u2039\u203a': 'de-ch', // « » ‹ ›
    '\u00ab\u00bb\u00ab\u00bb': 'fr', // « » « »
    '\u00ab\u00bb\u201c\u201d': 'es it ca el pt-pt', // « » “ ”
    '\u00ab\u00bb\u2018\u2019': 'no nb', // « » ‘ ’
    '\u00ab\u00bb\u201e\u201c': 'ru uk be', // « » „ “
    '\u201e\u201d\u00ab\u00bb': 'pl ro', // „ ” « »
    '\u201e\u201d\u00bb\u00ab': 'hu', // „ ” » «
    '\u2018\u2019\u201c\u201d': 'nl', // ‘ ’ “ ”
    '\u201d\u201d\u2019\u2019': 'sv fi', // ” ” ’ ’
    '\u300c\u300d\u300e\u300f': 'ja zh-hant zh-tw zh-hk', // 「 」 『 』
  }).flatMap(([marks, languages]) => languages.split(' ').map((language) => [language, [[marks[0]!, marks[1]!], [marks[2]!, marks[3]!]]] as const)),
);

/** A quotation mark of any language, or an ASCII quote: a <q> next to one is quoted by the page's own text (its style sheet draws none). */
export const QUOTATION_MARK = /[\p{Pi}\p{Pf}"'\u201e\u201a\u00ab\u00bb\u300c-\u300f]/u;

/** A description list's term and its description (<dt>, <dd>): part of a text's structure, as list items are (../classifier/decide.ts withinTextFlow). */
export const DESCRIPTION_LIST_TAGS: ReadonlySet<string> = new Set(['dt', 'dd']);
