/**
 * Blocks laid out as lines, shared by the Markdown and the plain-text renderers: list items
 * marked and their content indented to the marker's width (CommonMark's rule for what belongs
 * to an item, which reads well as plain text too), block quotes as `> ` prefixes, blocks
 * separated by a blank line and the items of a list by a line break.
 */
import type { ListNumbering, ListPlace } from '../structure.js';

/** One block's rendered lines, and where it sits. */
export interface LaidBlock {
  /** The segment the block renders (its index in the document), or null for an image. */
  readonly segment: number | null;
  readonly lines: readonly string[];
  readonly list?: ListPlace | undefined;
  readonly quote?: number | undefined;
  /** A one-paragraph list item can sit right under the previous one (a tight list). */
  readonly compact: boolean;
}

export interface LayoutStyle {
  /**
   * Whether two lists that follow each other at the same level get different markers (`-` then
   * `*`, `1.` then `1)`): CommonMark would read them as one list otherwise.
   */
  readonly alternateMarkers: boolean;
  /**
   * Whether a list nested right under its item's text that is numbered from other than 1 stands
   * apart (a blank line before it): CommonMark lets only a list starting at 1 interrupt a paragraph,
   * and reads the lines of any other ("7. Seventh…") as more of the item's text, one line with it.
   */
  readonly numberedListApart: boolean;
  /**
   * Whether an ordered list's letters or Roman numerals (`list.numbering`) are its markers ("b.", "iv."):
   * CommonMark's are digits only, so Markdown numbers such an item with the digits of its place.
   */
  readonly lettered: boolean;
}

interface OpenList {
  /** The list's depth in the page: drawn levels are its open lists, one per depth that has items here. */
  readonly depth: number;
  readonly ordered: boolean;
  readonly start: number;
  readonly numbering: ListNumbering | undefined;
  readonly alternate: boolean;
  /** Columns before the marker, and before the items' content. */
  readonly markerIndent: number;
  contentIndent: number;
  lastPosition: number;
  /** Ordered lists: the number of the last item written. */
  lastNumber: number;
  /** Block-quote depth the list started in: deeper quotes of its items go inside them. */
  readonly quote: number;
}

/** CommonMark's ordered list numbers: 0 to 999,999,999. */
const MAX_LIST_NUMBER = 999_999_999;

/** CSS Counter Styles' lower-roman: its numerals by value, and the largest number it writes (past it, digits). */
const ROMAN: ReadonlyArray<readonly [number, string]> = [[1000, 'm'], [900, 'cm'], [500, 'd'], [400, 'cd'], [100, 'c'], [90, 'xc'], [50, 'l'], [40, 'xl'], [10, 'x'], [9, 'ix'], [5, 'v'], [4, 'iv'], [1, 'i']];
const ROMAN_LAST = 3999;
/** CSS Counter Styles' lower-alpha: the letters a to z, counted alphabetically (z, aa, ab…). */
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** A number as CSS writes it in letters (1 a, 26 z, 27 aa) or Roman numerals (1 to 3999); null out of their range (CSS: digits). */
function lettered(number: number, numbering: ListNumbering): string | null {
  let text = '';
  if (numbering.endsWith('roman')) {
    if (number < 1 || number > ROMAN_LAST) return null;
    for (const [value, numeral] of ROMAN) for (; number >= value; number -= value) text += numeral;
  } else {
    if (number < 1) return null;
    for (; number > 0; number = Math.floor((number - 1) / LETTERS.length)) text = LETTERS[(number - 1) % LETTERS.length]! + text;
  }
  return numbering.startsWith('upper') ? text.toUpperCase() : text;
}

function marker(list: OpenList, number: number, style: LayoutStyle): string {
  if (!list.ordered) return list.alternate ? '*' : '-';
  const letters = style.lettered && list.numbering ? lettered(number, list.numbering) : null;
  return `${letters ?? Math.min(MAX_LIST_NUMBER, Math.max(0, number))}${list.alternate ? ')' : '.'}`;
}

const quotePrefix = (depth: number): string => '> '.repeat(Math.max(0, depth));

function commonPrefix(a: string, b: string): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return a.slice(0, i);
}

export function layout(blocks: readonly LaidBlock[], style: LayoutStyle): string {
  return layoutPieces(blocks, style)
    .map((piece) => piece.separator + piece.text)
    .join('')
    .concat(blocks.some((block) => block.lines.length > 0) ? '\n' : '');
}

/** One block as laid out: its lines with their markers and prefixes, and what separates it from the block before. */
export interface LaidPiece {
  readonly block: LaidBlock;
  readonly separator: string;
  readonly text: string;
}

/** The blocks laid out one by one (the layout is their separators and texts joined, plus a final line end). */
export function layoutPieces(blocks: readonly LaidBlock[], style: LayoutStyle): LaidPiece[] {
  const out: LaidPiece[] = [];
  const lists: OpenList[] = [];
  let previous: { block: LaidBlock; rest: string } | null = null;
  for (const block of blocks) {
    if (block.lines.length === 0) continue;
    const quote = block.quote ?? 0;
    let first: string;
    let rest: string;
    // A list that begins (not one nested in an item of the list above) stands apart from what precedes it.
    let beginsList = false;
    const place = block.list;
    if (place === undefined) {
      lists.length = 0;
      first = rest = quotePrefix(quote);
    } else {
      // A list whose parent item was left out (chrome, or an item with no text of its own) is drawn one
      // level up: the drawn levels are the open lists, closed when the page goes back to a shallower depth,
      // so the later items of a list drawn one level up stay in it, and those of its parent in theirs.
      let open = lists.length;
      while (open > 0 && lists[open - 1]!.depth > place.depth) open--;
      const continued = place.continued === true && open > 0;
      const level = continued || (open > 0 && lists[open - 1]!.depth === place.depth) ? open : open + 1;
      // The list drawn at that level before (of another depth, or another list): the marker alternates from it.
      const existing = lists[level - 1];
      lists.length = Math.min(lists.length, level);
      if (continued) {
        const outer = lists[0]!.quote;
        const inner = quotePrefix(quote - outer);
        rest = first = quotePrefix(outer) + ' '.repeat(lists[level - 1]!.contentIndent) + inner;
      } else {
        const start = place.start ?? 1;
        const number = place.value ?? start + place.position - 1;
        // CommonMark numbers a list's items on from its first by one, whatever they say: an item whose
        // number does not follow (a countdown, <li value>, an item left out between) begins a list of its own.
        const same =
          existing !== undefined && existing.depth === place.depth && existing.ordered === place.ordered && existing.start === start && existing.numbering === place.numbering && place.position > existing.lastPosition && (!place.ordered || number === existing.lastNumber + 1);
        if (!same) {
          beginsList = level === 1 || existing !== undefined || (style.numberedListApart && place.ordered && number !== 1);
          const markerIndent = level > 1 ? lists[level - 2]!.contentIndent : 0;
          const alternate = style.alternateMarkers && existing !== undefined && existing.ordered === place.ordered ? !existing.alternate : false;
          lists[level - 1] = { depth: place.depth, ordered: place.ordered, start, numbering: place.numbering, alternate, markerIndent, contentIndent: 0, lastPosition: 0, lastNumber: number, quote: level > 1 ? lists[0]!.quote : quote };
        }
        const list = lists[level - 1]!;
        list.lastPosition = place.position;
        list.lastNumber = number;
        const mark = marker(list, number, style);
        list.contentIndent = list.markerIndent + mark.length + 1;
        const listQuote = quotePrefix(list.quote);
        // A task-list item's box after its marker, as GFM writes it ("- [x] Done"); its lines below align with the marker's content.
        const box = place.checked === undefined ? '' : place.checked ? '[x] ' : '[ ] ';
        first = listQuote + ' '.repeat(list.markerIndent) + mark + ' ' + quotePrefix(quote - list.quote) + box;
        rest = listQuote + ' '.repeat(list.contentIndent) + quotePrefix(quote - list.quote);
      }
    }
    let separator = '';
    if (previous !== null) {
      const tight = previous.block.list !== undefined && place !== undefined && place.continued !== true && !beginsList && previous.block.compact && block.compact && (previous.block.quote ?? 0) === quote;
      separator = tight ? '\n' : `\n${commonPrefix(previous.rest, rest).trimEnd()}\n`;
    }
    out.push({ block, separator, text: block.lines.map((line, i) => ((i === 0 ? first : rest) + line).trimEnd()).join('\n') });
    previous = { block, rest };
  }
  return out;
}
