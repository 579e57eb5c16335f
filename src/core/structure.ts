/**
 * The page's structure as blocks and segments carry it (schema version 2): what a block is
 * (heading, list item, quote, code, table) and the inline markup of its text. Plain types,
 * shared by the tree walk, the document and the renderers; ./schema.ts states the same shapes
 * in zod for the JSON Schema (a type test holds the two together).
 */

/** Where a block sits in a list. */
export interface ListPlace {
  /** `<ol>` (numbered) or not (`<ul>`, `<menu>`, `<dir>`). */
  readonly ordered: boolean;
  /** 1 for a list outside any list, 2 for a list inside an item of one, and so on. */
  readonly depth: number;
  /** Position of the item in its list, from 1. */
  readonly position: number;
  /** Number of an ordered list's first item (`<ol start>`, 1 when absent); only on ordered lists. */
  readonly start?: number;
  /** Ordered lists: the number the item shows, only when it is not start + position - 1 (`<li value>`,
   *  an item after it, `<ol reversed>` counting down). */
  readonly value?: number;
  /** Ordered lists shown with letters or Roman numerals (`<ol type="a">`, an inline `list-style-type`), not digits. */
  readonly numbering?: ListNumbering;
  /** The block continues its item rather than starting it (a second paragraph of the same `<li>`,
   *  text after a nested list). */
  readonly continued?: true;
  /** A task-list item: the state of the checkbox it begins with (`<li><input type="checkbox" checked>`,
   *  Markdown's "- [x]" and "- [ ]"); only on the block that starts the item. */
  readonly checked?: boolean;
}

export const LIST_NUMBERINGS = ['lower-alpha', 'upper-alpha', 'lower-roman', 'upper-roman'] as const;
export type ListNumbering = (typeof LIST_NUMBERINGS)[number];

export const SPAN_TYPES = ['emphasis', 'strong', 'code', 'link', 'break', 'strikethrough'] as const;
export type SpanType = (typeof SPAN_TYPES)[number];

/**
 * Inline markup over a text: `text.slice(start, end)` is emphasized, strong, code, a link to
 * `href`, or struck through (`strikethrough`: deleted or no longer accurate text); a `break` is a line break (`<br>`) at `start` (= `end`), where the text has a space; a
 * `paragraph` break, two breaks or more in a row (`<br><br>`), ends a paragraph there.
 * Spans never begin or end with a space and nest as the page's elements did; they are listed
 * by start, the outer of two spans with the same start first.
 */
export interface InlineSpan {
  readonly start: number;
  readonly end: number;
  readonly type: SpanType;
  /** Links only: the target, absolute when the page's address or `<base href>` is known. */
  href?: string;
  /** Breaks only: two line breaks or more in a row (`<br><br>`), which end a paragraph (a blank line). */
  readonly paragraph?: true;
}

/** A data table's cell. */
export interface TableCell {
  /** Normalized text, whitespace collapsed (the cell's blocks joined by spaces). */
  readonly text: string;
  /** A header cell: `<th>`, or any cell of `<thead>`. */
  readonly header: boolean;
  /** Columns and rows the cell spans, when more than one (bounded: see TABLE_SPAN_LIMITS). */
  readonly colspan?: number;
  readonly rowspan?: number;
  readonly spans?: InlineSpan[];
}

/** A preformatted block: its language when a class names it, and its text with indentation kept. */
export interface CodeBlock {
  readonly language: string | null;
  readonly text: string;
}

