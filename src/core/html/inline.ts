/**
 * Inline markup of a block, from the raw text the walk collects to spans over the normalized
 * text. The walk notes where each inline element (em, strong, code, a href) opens and closes
 * and where a <br> falls, as offsets in the raw text; placeSpans replays normalizeText's
 * whitespace collapsing and removal of invisible characters over the raw text to move those
 * offsets into the block's `text`. The text itself is normalized exactly as without markup
 * (schema version 1's `text`): when the replay does not reproduce it (NFC composing across a
 * boundary, say), the block keeps no spans rather than wrong ones.
 */
import { isRemovedCode, isWhitespaceCode } from '../normalize.js';
import type { InlineSpan, SpanType } from '../structure.js';

/** An inline element whose markup is kept, open while the walk is inside it. */
export interface OpenSpan {
  readonly type: SpanType;
  readonly href?: string;
}

export const MARK_OPEN = 0;
export const MARK_CLOSE = 1;
export const MARK_BREAK = 2;

/** An event at an offset of the raw text: an element of `span` opens or closes, or a line break. */
export interface Mark {
  readonly at: number;
  readonly kind: typeof MARK_OPEN | typeof MARK_CLOSE | typeof MARK_BREAK;
  readonly span: OpenSpan | null;
}

/** A block's raw text and the marks noted over it. */
export interface InlineMarks {
  readonly raw: string;
  readonly marks: readonly Mark[];
}

/** The characters isWhitespaceCode or isRemovedCode (../normalize.ts) are true of: JavaScript's `\s` and the removed ones. */
const SPACE_OR_REMOVED = /[\s\0-\x08\x0e-\x1f\x7f-\x9f\xad\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069]/g;

function isSpace(c: number): boolean {
  return c === 0x20;
}

/** Of two spans over the same text, which is outside: a link holds emphasis, emphasis holds code. */
const NESTING: Record<SpanType, number> = { link: 0, strikethrough: 1, strong: 2, emphasis: 3, code: 4, break: 5 };

/** How many span types there are: the factor of a span's type in its key (placeSpans). */
const SPAN_TYPE_COUNT = Object.keys(NESTING).length;

/** Compares spans for their listed order: by start, the longer (outer) first, then by NESTING. */
export function compareSpans(a: InlineSpan, b: InlineSpan): number {
  return a.start - b.start || b.end - a.end || NESTING[a.type] - NESTING[b.type];
}

/** A span placed over the text, before the edges are trimmed and copies dropped. */
interface PlacedSpan {
  readonly start: number;
  readonly end: number;
  readonly type: SpanType;
  readonly href?: string;
}

function placed(span: OpenSpan, start: number, end: number): PlacedSpan {
  return { start, end, type: span.type, ...(span.href !== undefined ? { href: span.href } : {}) };
}

/**
 * The marks placed over a raw text that normalization left as it is (single spaces between words,
 * nothing removed): the offsets stay, but an end or a break that comes just after a space goes
 * before it, where the replay below places it (it writes a space only with the next character).
 */
function placeInPlace(raw: string, marks: readonly Mark[]): PlacedSpan[] {
  const starts = new Map<OpenSpan, number>();
  const spans: PlacedSpan[] = [];
  for (const mark of marks) {
    if (mark.at > raw.length) break;
    const before = mark.at > 0 && raw.charCodeAt(mark.at - 1) === 0x20 ? mark.at - 1 : mark.at;
    if (mark.kind === MARK_BREAK) {
      spans.push({ start: before, end: before, type: 'break' });
    } else if (mark.kind === MARK_OPEN) {
      starts.set(mark.span!, mark.at);
    } else {
      const start = starts.get(mark.span!);
      if (start === undefined) continue;
      starts.delete(mark.span!);
      spans.push(placed(mark.span!, start, before));
    }
  }
  for (const [span, start] of starts) spans.push(placed(span, start, raw.length));
  return spans;
}

/**
 * The marks placed over `text` by replaying normalizeText's whitespace collapsing and removals over
 * the raw text; undefined when the replay does not give the text (NFC changed it).
 */
function placeByReplay(raw: string, marks: readonly Mark[], text: string): PlacedSpan[] | undefined {
  // The replayed text, kept only from where it first differs from `text` (its start then `text`'s): most replays give
  // `text`, and are checked piece by piece as they go rather than joined into a copy of it.
  let parts: string[] | null = null;
  const starts = new Map<OpenSpan, number>();
  const spans: PlacedSpan[] = [];
  let length = 0;
  let pendingSpace = false;
  let runStart = 0;
  let m = 0;
  const note = (at: number): void => {
    for (; m < marks.length && marks[m]!.at <= at; m++) {
      const mark = marks[m]!;
      if (mark.kind === MARK_BREAK) {
        spans.push({ start: length, end: length, type: 'break' });
      } else if (mark.kind === MARK_OPEN) {
        starts.set(mark.span!, length + (pendingSpace ? 1 : 0));
      } else {
        const start = starts.get(mark.span!);
        if (start === undefined) continue;
        starts.delete(mark.span!);
        spans.push(placed(mark.span!, start, length));
      }
    }
  };
  // The kept characters raw[from, to), which end the replayed text so far (`length` characters).
  const keep = (from: number, to: number): void => {
    const piece = raw.slice(from, to);
    if (parts === null) {
      const at = length - (to - from);
      if (text.startsWith(piece, at)) return;
      parts = [text.slice(0, at)];
    }
    parts.push(piece);
  };
  for (let i = 0; i < raw.length; ) {
    if (m < marks.length && marks[m]!.at <= i) note(i);
    const c = raw.charCodeAt(i);
    const invisible = isRemovedCode(c);
    if (invisible || isWhitespaceCode(c)) {
      if (i > runStart) keep(runStart, i);
      runStart = i + 1;
      if (!invisible) pendingSpace = length > 0;
      i++;
      continue;
    }
    if (pendingSpace) {
      if (parts === null && text.charCodeAt(length) !== 0x20) parts = [text.slice(0, length)];
      parts?.push(' ');
      length++;
      pendingSpace = false;
    }
    length++;
    i++;
    // The kept characters after it, up to the next space or removed one, count one each: found by
    // the pattern rather than character by character (a cold process runs this loop uncompiled).
    SPACE_OR_REMOVED.lastIndex = i;
    const runEnd = SPACE_OR_REMOVED.test(raw) ? SPACE_OR_REMOVED.lastIndex - 1 : raw.length;
    // A mark inside the run is noted at its own offset.
    for (; m < marks.length && marks[m]!.at < runEnd; length++, i++) {
      length += marks[m]!.at - i;
      i = marks[m]!.at;
      note(i);
    }
    length += runEnd - i;
    i = runEnd;
  }
  if (raw.length > runStart) keep(runStart, raw.length);
  note(raw.length);
  // Elements still open where the block ends (a link around several paragraphs) end with it.
  for (const [span, start] of starts) spans.push(placed(span, start, length));

  // Every piece matched: the replayed text is `text`'s first `length` characters.
  let collapsed = parts?.join('') ?? text.slice(0, length);
  // A trailing space was never emitted, but the parts may end with the run before it: trim as normalizeText does.
  collapsed = collapsed.trimEnd();
  if (collapsed === text) return spans;
  if (collapsed.normalize('NFC') !== text) return undefined;
  return composedOffsets(collapsed, spans, text);
}

/**
 * The spans over `collapsed` moved to `text` = its NFC form, which composing made shorter ("e" and
 * U+0301 are "é"): each offset moves by what NFC took away before it. Each stretch between two
 * offsets is composed on its own; when those do not make `text` (a span's edge falls between a
 * letter and the mark that composes with it), undefined: no spans rather than wrong ones. A block
 * with a decomposed letter anywhere (text from macOS, Vietnamese, Korean jamo) lost every link and
 * emphasis of the block before.
 */
function composedOffsets(collapsed: string, spans: readonly PlacedSpan[], text: string): PlacedSpan[] | undefined {
  const offsets = [...new Set(spans.flatMap((span) => [span.start, span.end]))].sort((a, b) => a - b);
  const moved = new Map<number, number>();
  let from = 0;
  let length = 0;
  for (const offset of [...offsets, collapsed.length]) {
    const piece = collapsed.slice(from, offset).normalize('NFC');
    if (!text.startsWith(piece, length)) return undefined;
    length += piece.length;
    moved.set(offset, length);
    from = offset;
  }
  if (length !== text.length) return undefined;
  return spans.map((span) => ({ ...span, start: moved.get(span.start)!, end: moved.get(span.end)! }));
}

/**
 * Spans over `text` (= normalizeText(raw)) for the marks noted over `raw` (in order of offset), or
 * undefined when there are none to keep. A raw text that normalization left as it is (most) needs
 * no replay.
 */
export function placeSpans(raw: string, marks: readonly Mark[], text: string): InlineSpan[] | undefined {
  const placedSpans = raw === text ? placeInPlace(raw, marks) : placeByReplay(raw, marks, text);
  if (placedSpans === undefined) return undefined;
  const spans: InlineSpan[] = [];
  // Keyed by start, end and type in one number, not a string joined and hashed per span: exact below 2^53, that is
  // for texts of up to 38 million characters (a block's is at most INPUT_LIMITS.blockChars).
  const seen = new Map<number, number>();
  const ends = text.length + 1;
  for (const span of placedSpans) {
    let { start, end } = span;
    if (span.type === 'break') {
      // A break at an edge of the text breaks nothing; the text has a space where it falls.
      if (start <= 0 || start >= text.length || !isSpace(text.charCodeAt(start))) continue;
    } else {
      while (start < end && isSpace(text.charCodeAt(start))) start++;
      while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
      if (start >= end) continue;
    }
    // The same markup twice over the same text (<b><strong>x</strong></b>) is one span. Two breaks or more with only
    // white space between them (`<br><br>`, a forum post's paragraphs) are one break, a paragraph break: a browser
    // draws the blank line, the text keeps its one space.
    const key = (start * ends + end) * SPAN_TYPE_COUNT + NESTING[span.type];
    const copy = seen.get(key);
    if (copy !== undefined) {
      if (span.type === 'break') spans[copy] = { start, end, type: 'break', paragraph: true };
      continue;
    }
    seen.set(key, spans.length);
    spans.push(span.href !== undefined ? { start, end, type: span.type, href: span.href } : { start, end, type: span.type });
  }
  if (spans.length === 0) return undefined;
  return spans.sort(compareSpans);
}

/** The spans of a block (hrefs as written), placed over its text; undefined when it has none. */
export function spansOf(block: { readonly text: string; readonly inline?: InlineMarks | undefined }): InlineSpan[] | undefined {
  return block.inline === undefined ? undefined : placeSpans(block.inline.raw, block.inline.marks, block.text);
}
