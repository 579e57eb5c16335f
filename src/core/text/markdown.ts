/**
 * Text scrapes written as Markdown (Jina Reader's "Title: … URL Source: … Markdown Content:", Firecrawl's
 * markdown) → blocks with the structure an HTML page's blocks carry: ATX and Setext headings, bullet and
 * numbered lists (nesting from indentation, continuation paragraphs, an item's lines one paragraph, indented or
 * not), block quotes, fenced and indented code, GFM tables and footnotes, HTML blocks (read by the HTML parser and
 * walk, as a page's HTML), and the inline syntax of ./markdown-inline.ts (emphasis, code, links with their
 * targets, images, inline HTML). No Markdown syntax is left in a block's text. The blocks keep the plain-text
 * reader's layout (./segment.ts): paragraphs between blank lines, each line a block unless the paragraph is
 * hard-wrapped prose, so the line model reads them as it reads the innerText-like scrapes it learned from (which
 * have no Markdown syntax: its training rows are the same).
 *
 * Which scrapes are Markdown (isMarkdownScrape): Jina Reader's header says so; otherwise the lines must hold
 * Markdown's links, which plain text never writes, and enough of its syntax (MARKDOWN in ../cues/thresholds.ts).
 * A plain-text scrape with a few "* " or "# " lines (bullets, shell comments of a code sample, a page that shows
 * Markdown source) stays plain text. A file named or typed as Markdown is read as Markdown (../text/lines.ts).
 *
 * Hand-written, not a library: a CommonMark parser costs more than the Lambda bundle's room (1 MB, with 35 KB
 * free at 2.16.0): mdast-util-from-markdown with micromark and GFM tables adds 99,881 bytes minified (35,745 of
 * them character-entities), marked's lexer 54,053 (esbuild, minified, as lib/function-bundle.ts bundles). Scrapers
 * write the line-level subset read here. Indented code is read in Markdown only (plain text indents prose too),
 * and not under a paragraph's line. Not read: a <br> in a table cell (a space), a lazy continuation line of a
 * block quote (it ends the quote), link reference definitions over several lines.
 */
import type { Block, ContainerTable, WalkImage } from '../html/walk.js';
import { placeSpans, spansOf } from '../html/inline.js';
import { tableChunks } from '../html/table.js';
import { normalizeCode, normalizeText, splitLongText } from '../normalize.js';
import type { ListPlace, TableCell } from '../structure.js';
import { CLASSIFICATION } from '../cues/classification.js';
import { MARKDOWN, TEXT_LAYOUT } from '../cues/thresholds.js';
import { MARKDOWN_CONTENT_LINE, SCRAPER_IMAGE_LABEL } from '../cues/text.js';
import { CLOCK_CHECKS } from '../watchdog.js';
import { HTML_BLOCK_TAGS, isHtmlTagAlone, readInlineMarkdown, referenceKey, type InlineText } from './markdown-inline.js';
import { walk } from '../html/walk.js';
import { parseHtml, type ParseLimits } from '../parse.js';
import { DEFAULT_CLEAN_OPTIONS } from '../options.js';
import { Watchdog } from '../watchdog.js';
import { isHardWrapped, layoutOf, type TextBlocks } from './segment.js';

const READING = 'reading the Markdown of the text';

const ATX_HEADING = /^(#{1,6})(?:[ \t]|$)/;
const CLOSING_HASHES = /(?:^|[ \t])#+$/;
const SETEXT_UNDERLINE = /^(?:=+|-+)[ \t]*$/;
const THEMATIC_BREAK = /^(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$/;
const FENCE_MARKER = /^(?:`{3,}|~{3,})/;

/** A code fence's opening line: its marker and the language its info string names first, or null (a backtick fence's info has no backtick). */
function fenceOf(line: string): { marker: string; language: string | null } | null {
  const marker = FENCE_MARKER.exec(line)?.[0];
  if (marker === undefined) return null;
  const info = line.slice(marker.length).trim();
  if (marker.startsWith('`') && info.includes('`')) return null;
  return { marker, language: info.split(/\s/, 1)[0] || null };
}
const LIST_ITEM = /^([-*+]|\d{1,9}[.)])(?:[ \t]+|$)/;
const TASK_BOX = /^\[([ xX])\][ \t]+/;
const QUOTE_MARKER = /^ {0,3}>[ \t]?/;
const REFERENCE_DEFINITION = /^ {0,3}\[(?!\^)([^\]]{1,999})\]:[ \t]*<?([^\s<>]+)>?(?:[ \t]+(?:"[^"]*"|'[^']*'|\([^)]*\)))?[ \t]*$/;
/** A definition written over lines (CommonMark): its label alone ("[guide]:"), its destination on the next line, and a title
 *  on a line of its own after the destination. */
const REFERENCE_LABEL_LINE = /^ {0,3}\[(?!\^)([^\]]{1,999})\]:[ \t]*$/;
const REFERENCE_DESTINATION_LINE = /^[ \t]*<?([^\s<>"'(]+)>?(?:[ \t]+(?:"[^"]*"|'[^']*'|\([^)]*\)))?[ \t]*$/;
const REFERENCE_TITLE_LINE = /^[ \t]*(?:"[^"]*"|'[^']*'|\([^)]*\))[ \t]*$/;
const REFERENCE_WITH_TITLE = /[ \t](?:"[^"]*"|'[^']*'|\([^)]*\))[ \t]*$/;
const TABLE_DELIMITER_CELL = /^:?-+:?$/;
const GITHUB_ALERT = /^\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]$/;
/** A line that ends in a hard line break: two spaces, a backslash or a <br> tag; and the backslash or tag. */
const HARD_BREAK = / {2}$|\\$|<br\s*\/?>\s*$/i;
const BREAK_MARK = /\\$|<br\s*\/?>$/i;
/** A footnote's definition ("[^1]: text", GFM) and a reference to one ("[^1]"). */
const FOOTNOTE_DEFINITION = /^\[\^([^\]\s]{1,99})\]:[ \t]*/;
const FOOTNOTE_REFERENCE = /\[\^([^\]\s]{1,99})\](?!:)/g;
/**
 * A line that starts an HTML block (CommonMark's kinds 1, 2, 6 and 7): <script>, <pre>, <style> or <textarea> to their closing
 * tag, a comment to its end, a block element's tag, or a known element's tag alone on its line (./markdown-inline.ts HTML_TAG),
 * the others to a blank line. Only elements HTML names: "<T>" of a generic type stays text.
 */
const HTML_BLOCK_START = new RegExp(`^(?:<(script|pre|style|textarea)(?:[\\s>]|$)|<!--|</?(?:${HTML_BLOCK_TAGS})(?:[\\s>]|/>|$))`, 'i');
const HTML_BLOCK_END: Record<string, RegExp> = { '': /-->/, script: /<\/script>/i, pre: /<\/pre>/i, style: /<\/style>/i, textarea: /<\/textarea>/i };

/** Lines read between two looks at the clock. */
const LINES_PER_CHECK = CLOCK_CHECKS.linesPerCheck;

/** Columns of a line's indentation (a tab to the next multiple of 4, as CommonMark counts). */
function indentOf(line: string): { columns: number; chars: number } {
  let columns = 0;
  let chars = 0;
  for (; chars < line.length; chars++) {
    const c = line[chars];
    if (c === ' ') columns++;
    else if (c === '\t') columns += 4 - (columns % 4);
    else break;
  }
  return { columns, chars };
}

/** Whether a line carries Markdown's link or image syntax ("[text](" … ")"), found without a pattern that could backtrack. */
function hasLinkSyntax(line: string): boolean {
  const at = line.indexOf('](');
  return at > 0 && line.lastIndexOf('[', at) !== -1 && line.indexOf(')', at + 2) !== -1;
}

/** Whether a line is a GFM table's delimiter row ("| --- | :-: |"). */
function isDelimiterRow(line: string): boolean {
  if (!line.includes('-') || !/^[\s|:-]+$/.test(line)) return false;
  const cells = tableCells(line);
  return cells.length > 0 && cells.every((cell) => TABLE_DELIMITER_CELL.test(cell.trim())) && (line.includes('|') || cells.length > 1);
}

/** The syntax of a line that plain text does not write: a link or image, an ATX heading, a fence, a table's delimiter row, strong emphasis. */
function hasMarkdownSyntax(line: string): boolean {
  return hasLinkSyntax(line) || ATX_HEADING.test(line) || line.startsWith('```') || line.startsWith('~~~') || (line.includes('|') && isDelimiterRow(line)) || /\*\*\S/.test(line);
}

/** The index of Jina Reader's "Markdown Content:" line among the first lines of the text, or -1. */
function contentLineOf(lines: readonly string[]): number {
  let seen = 0;
  for (let i = 0; i < lines.length && seen < TEXT_LAYOUT.headerLines; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    if (MARKDOWN_CONTENT_LINE.test(line)) return i;
    seen++;
  }
  return -1;
}

/**
 * Whether a text scrape is Markdown: Jina Reader's header names its content Markdown, or at least
 * MARKDOWN.minLinkLines lines hold Markdown links and lines of Markdown syntax make at least
 * MARKDOWN.minSyntaxShare of the lines.
 */
export function isMarkdownScrape(text: string): boolean {
  const lines = text.split(/\r\n?|\n/);
  if (contentLineOf(lines) !== -1) return true;
  let nonBlank = 0;
  let links = 0;
  let syntax = 0;
  for (const raw of lines) {
    const line = raw.trim();
    if (line === '') continue;
    nonBlank++;
    if (hasLinkSyntax(line)) links++;
    if (hasMarkdownSyntax(line)) syntax++;
  }
  return links >= MARKDOWN.minLinkLines && syntax >= MARKDOWN.minSyntaxShare * nonBlank;
}

/** The cells of a table row: split at pipes not escaped, the pipes at its edges dropped. */
function tableCells(line: string): string[] {
  let row = line.trim();
  if (row.startsWith('|')) row = row.slice(1);
  if (row.endsWith('|') && !row.endsWith('\\|')) row = row.slice(0, -1);
  const cells: string[] = [];
  let cell = '';
  for (let i = 0; i < row.length; i++) {
    const c = row[i]!;
    if (c === '\\' && row[i + 1] === '|') {
      cell += '\\|';
      i++;
    } else if (c === '|') {
      cells.push(cell);
      cell = '';
    } else cell += c;
  }
  cells.push(cell);
  return cells;
}

/** An open list: where its items' markers stand, their content, and the item being read. */
interface OpenList {
  readonly indent: number;
  contentIndent: number;
  readonly ordered: boolean;
  /** The marker character ("-", "*", "+") or the numbers' delimiter ("." or ")"): another one starts another list. */
  readonly marker: string;
  readonly start: number;
  position: number;
  /** Blocks of the current item so far (the next one continues it). */
  blocks: number;
  /** The number a footnote's item shows (its number among the footnotes), when it is not start + position - 1. */
  value?: number;
  /** A task-list item ("- [x] Done", "- [ ] To do"): whether its box is checked. */
  checked?: boolean;
}

/** The Markdown scrape's blocks, their layout and the images among them. */
export interface MarkdownBlocks extends TextBlocks {
  readonly images: WalkImage[];
}

/** Reads a Markdown scrape (see the module header); its HTML blocks are parsed within the caller's `limits`. */
export function markdownBlocks(text: string, watchdog?: Watchdog, limits: ParseLimits = DEFAULT_CLEAN_OPTIONS): MarkdownBlocks {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  const images: WalkImage[] = [];
  const paragraphOf: number[] = [];
  const continued: number[] = [];
  let paragraph = -1;
  let newParagraph = true;
  let imageBefore = false;
  let codeBlocks = 0;
  let tables = 0;
  const lists: OpenList[] = [];
  // Consecutive plain lines of one paragraph, joined when they are hard-wrapped prose (as ./segment.ts joins them).
  // A line that ends in a hard line break (a backslash, or two spaces: turndown's <br>) goes on with the next in one block.
  // An item's paragraph (`item`) is read so too: its lines are those under the item's line, indented to its content or not.
  let plain: { lines: Array<{ text: string; hardBreak: boolean }>; quote: number; item?: true } | null = null;

  // Reference definitions ("[label]: url") wherever they stand: links may use them before. (One in a code block's text is
  // read too, and stays in the code.)
  const references = new Map<string, string>();
  const definitionLines = new Set<number>();
  for (let i = 0; i < lines.length; i++) {
    if (i % LINES_PER_CHECK === LINES_PER_CHECK - 1) watchdog?.check(READING);
    const line = lines[i]!;
    if (!line.includes(']:')) continue;
    let label: string | undefined;
    let destination: string | undefined;
    let last = i;
    const definition = REFERENCE_DEFINITION.exec(line);
    if (definition !== null) {
      [, label, destination] = definition;
    } else {
      const alone = REFERENCE_LABEL_LINE.exec(line);
      const next = alone !== null && i + 1 < lines.length ? REFERENCE_DESTINATION_LINE.exec(lines[i + 1]!) : null;
      if (alone === null || next === null) continue;
      label = alone[1];
      destination = next[1];
      last = i + 1;
    }
    // A title on a line of its own after the destination belongs to the definition.
    if (!REFERENCE_WITH_TITLE.test(lines[last]!) && last + 1 < lines.length && REFERENCE_TITLE_LINE.test(lines[last + 1]!)) last++;
    const key = referenceKey(label!);
    if (!references.has(key)) references.set(key, destination!);
    for (let k = i; k <= last; k++) definitionLines.add(k);
    i = last;
  }
  // Footnotes are numbered as GFM numbers them, in the order of their first reference (then those never referenced). Their
  // labels go in `references` as "^label", for ./markdown-inline.ts to write a reference as "[1]".
  const footnotes = new Map<string, string>();
  for (const line of lines) {
    const label = line.includes('[^') ? FOOTNOTE_DEFINITION.exec(line.replace(/^[\s>]+/, ''))?.[1] : undefined;
    if (label !== undefined) footnotes.set(`^${referenceKey(label)}`, '');
  }
  let footnoteCount = 0;
  if (footnotes.size > 0) {
    for (const line of [...lines, ...[...footnotes.keys()].map((key) => `[${key}]`)]) {
      for (const found of line.includes('[^') ? line.matchAll(FOOTNOTE_REFERENCE) : []) {
        const key = `^${referenceKey(found[1]!)}`;
        if (footnotes.get(key) === '') footnotes.set(key, String(++footnoteCount));
      }
    }
    for (const [key, number] of footnotes) references.set(key, number);
  }

  // The closing line of a fence opened at line `from`, or -1. A search that found none rules out every later one of the same
  // character and at least its length (one unclosed fence after another was quadratic).
  const unclosed = new Map<string, number>();
  const closingFence = (from: number, marker: string): number => {
    if (marker.length >= (unclosed.get(marker[0]!) ?? Infinity)) return -1;
    for (let j = from + 1; j < lines.length; j++) {
      const line = lines[j]!.trim();
      if (line.startsWith(marker) && line.replace(/[`~]/g, '') === '' && !line.includes(marker[0] === '`' ? '~' : '`')) return j;
    }
    unclosed.set(marker[0]!, marker.length);
    return -1;
  };

  const startParagraph = (): void => {
    if (newParagraph) paragraph++;
    newParagraph = false;
  };

  /** Pushes a block of `inline` content (or of plain `raw` text), cut as ./segment.ts cuts long lines. */
  const pushBlock = (content: InlineText | string, shape: { tag: string; heading?: number; list?: ListPlace; quote?: number }, continuing = false): void => {
    const inline = typeof content === 'string' ? null : content;
    const raw = typeof content === 'string' ? content : content.raw;
    const parts = splitLongText(raw);
    let first = !continuing;
    let links = inline?.linkChars ?? 0;
    for (const part of parts) {
      const text = normalizeText(part);
      if (!text) continue;
      startParagraph();
      if (!first) continued.push(blocks.length);
      const ownLinks = Math.min(links, text.length);
      links -= ownLinks;
      paragraphOf.push(paragraph);
      blocks.push({
        index: blocks.length,
        text,
        tag: shape.tag,
        flags: 0,
        innermost: 0,
        inlineFlags: 0,
        linkChars: ownLinks,
        container: 0,
        headingLevel: shape.heading ?? 0,
        afterImage: imageBefore,
        list: shape.list,
        quote: shape.quote,
        inline: inline !== null && inline.marks.length > 0 && parts.length === 1 ? { raw, marks: inline.marks } : undefined,
        continuesRun: first ? undefined : true,
      });
      imageBefore = false;
      first = false;
    }
    if (inline !== null) noteImages(inline);
  };

  /** The images of a line, placed before the block after it (as the walk places an image inside a paragraph). */
  const noteImages = (inline: InlineText): void => {
    for (const image of inline.images) {
      images.push({ src: image.src, alt: normalizeText(image.alt.replace(SCRAPER_IMAGE_LABEL, '')), width: null, height: null, before: blocks.length, container: 0, figure: -1, linked: image.linked, caption: null });
      imageBefore = true;
    }
  };

  /** A line of inline content: a block, or only images (no block: the images go before the next one). */
  const pushLine = (source: string, shape: { tag: string; heading?: number; list?: ListPlace; quote?: number }): void => {
    // A line longer than a block can be is read in pieces of a block's length, each piece continuing the block before it
    // (the reading's tables hold a few numbers per character: a line of megabytes read whole took gigabytes).
    let continuing = false;
    for (const piece of splitLongText(source)) {
      if (continuing) watchdog?.check(READING);
      const inline = readInlineMarkdown(piece, references);
      if (normalizeText(inline.raw) === '') noteImages(inline);
      else {
        pushBlock(inline, shape, continuing);
        continuing = true;
      }
    }
  };

  const flushPlain = (): void => {
    if (plain === null) return;
    const { lines: run, quote, item } = plain;
    plain = null;
    const shape = (): { tag: string; list?: ListPlace; quote?: number } => ({ tag: item ? 'li' : 'p', list: item ? listPlace() : undefined, quote: quote > 0 ? quote : undefined });
    const texts = run.map((line) => line.text);
    if (!run.some((line) => line.hardBreak) && (item === true || isHardWrapped(texts))) {
      pushLine(texts.join(' '), shape());
      return;
    }
    // Lines joined by hard breaks are one block, a "\n" at each break (./markdown-inline.ts reads it as a break).
    let joined = '';
    run.forEach((line, k) => {
      joined += line.hardBreak ? line.text.replace(BREAK_MARK, '') : line.text;
      if (line.hardBreak && k < run.length - 1) joined += '\n';
      else {
        pushLine(joined, shape());
        joined = '';
      }
    });
  };

  /** The list place of an item of the innermost open list (a later block of the same item is `continued`). */
  const listPlace = (): ListPlace | undefined => {
    const list = lists[lists.length - 1];
    if (list === undefined) return undefined;
    const place: { -readonly [K in keyof ListPlace]: ListPlace[K] } = { ordered: list.ordered, depth: lists.length, position: list.position };
    if (list.ordered) place.start = list.start;
    if (list.value !== undefined && list.value !== list.start + list.position - 1) place.value = list.value;
    if (list.blocks++ > 0) place.continued = true;
    else if (list.checked !== undefined) place.checked = list.checked;
    return place;
  };

  // The last line of the HTML block that starts at line `from` (HTML_BLOCK_START): its closing tag's or comment's line, else the
  // line before a blank one. A search that found no end rules out every later one of its kind (the block then ends at a blank line).
  const noEnd = new Set<string>();
  const htmlBlockEnd = (from: number, quote: number): number => {
    const first = stripQuotes(lines[from]!, quote).trim();
    let kind = HTML_BLOCK_START.exec(first)?.[1]?.toLowerCase() ?? (first.startsWith('<!--') ? '' : undefined);
    if (kind !== undefined && noEnd.has(kind)) kind = undefined;
    for (let j = from; j < lines.length; j++) {
      const body = stripQuotes(lines[j]!, quote);
      if (kind === undefined ? j + 1 === lines.length || stripQuotes(lines[j + 1]!, quote).trim() === '' : HTML_BLOCK_END[kind]!.test(body)) return j;
    }
    noEnd.add(kind!);
    return htmlBlockEnd(from, quote);
  };
  const startsHtml = (line: string, afterText: boolean): boolean => HTML_BLOCK_START.test(line) || (!afterText && isHtmlTagAlone(line));

  const header = contentLineOf(lines);
  let i = 0;
  // Jina Reader's header lines ("Title: …", "URL Source: …", "Published Time: …", "Warning: …", "Markdown Content:") as the
  // plain-text reader reads them: ./metadata.ts lifts them all, the scraper's, no text of the page.
  for (; i <= header; i++) {
    const line = lines[i]!.trim();
    if (line === '') newParagraph = true;
    else pushBlock(line, { tag: '' });
  }
  // The page's first line starts a paragraph of its own, as it did under the header's blank lines.
  if (header !== -1) newParagraph = true;
  // The line before was text of a paragraph or an item (which indented code and a lone tag do not interrupt).
  let lineIsText = false;

  for (; i < lines.length; i++) {
    if (i % LINES_PER_CHECK === LINES_PER_CHECK - 1) watchdog?.check(READING);
    if (definitionLines.has(i)) continue;
    let line = lines[i]!;
    // A block quote inside a list item: its marker indented to the item's content.
    const lead = indentOf(line);
    const innermost = lists[lists.length - 1];
    const quoteInItem = innermost !== undefined && lead.columns >= innermost.contentIndent && line[lead.chars] === '>';
    if (quoteInItem) line = line.slice(lead.chars);
    let quote = 0;
    for (let marker = QUOTE_MARKER.exec(line); marker !== null; marker = QUOTE_MARKER.exec(line)) {
      quote++;
      line = line.slice(marker[0].length);
    }
    const quoteDepth = quote > 0 ? quote : undefined;
    const own = indentOf(line);
    const chars = own.chars;
    // Where the line stands among the open lists: a quote in an item stands at the item's indentation.
    const indent = quoteInItem ? lead.columns : own.columns;
    const hardBreak = HARD_BREAK.test(line);
    const written = line.slice(chars).trimEnd();
    // GitHub's alert ("> [!NOTE]" over the quoted text) shows its kind as the quote's title: "Note".
    const alert = quote > 0 ? GITHUB_ALERT.exec(written)?.[1] : undefined;
    const content = alert === undefined ? written : alert[0]! + alert.slice(1).toLowerCase();
    if (content === '') {
      flushPlain();
      newParagraph = true;
      lineIsText = false;
      continue;
    }
    const afterText = lineIsText;
    lineIsText = false;
    const item = LIST_ITEM.exec(content);
    const footnote = content.startsWith('[^') ? FOOTNOTE_DEFINITION.exec(content) : null;
    const footnoteNumber = footnote === null ? undefined : references.get(`^${referenceKey(footnote[1]!)}`);
    const isBreak = THEMATIC_BREAK.test(content);

    // A line under an item's paragraph that starts no block goes on with the paragraph, indented or not, and with fewer quote
    // markers than it when the item is quoted (a lazy continuation).
    if (plain?.item && (plain.quote === quote || (plain.quote > quote && afterText)) && item === null && footnoteNumber === undefined && !isBreak && !ATX_HEADING.test(content) && fenceOf(content) === null && !HTML_BLOCK_START.test(content)) {
      plain.lines.push({ text: content, hardBreak });
      lineIsText = true;
      continue;
    }
    if (plain?.item) flushPlain();

    // Indented code: four columns past the content of the item the line stands in (past the margin outside lists), where no
    // paragraph goes on; its lines run to the first one less indented.
    let base = 0;
    for (const list of lists) if (list.contentIndent <= indent) base = list.contentIndent;
    if (!afterText && indent >= base + 4) {
      flushPlain();
      while (lists.length > 0 && lists[lists.length - 1]!.contentIndent > indent) lists.pop();
      const code: string[] = [];
      let end = i;
      for (let j = i; j < lines.length; j++) {
        const body = stripQuotes(lines[j]!, quote);
        const own = indentOf(body);
        if (own.chars < body.length && own.columns < base + 4) break;
        code.push(dropColumns(body, base + 4));
        if (own.chars < body.length) end = j;
      }
      pushCode(code.slice(0, end - i + 1).join('\n'), null, quoteDepth);
      i = end;
      continue;
    }

    // A list's item, or a later paragraph of one (indented to its content): where the line stands among the open lists.
    if (lists.length > 0 && ((item === null && footnoteNumber === undefined) || isBreak)) {
      while (lists.length > 0 && indent < lists[lists.length - 1]!.contentIndent) lists.pop();
    }

    // A Setext underline makes the plain line above it a heading.
    if (plain !== null && plain.quote === quote && SETEXT_UNDERLINE.test(content) && indent < 4) {
      const heading = plain.lines.pop()!.text;
      flushPlain();
      pushLine(heading, { tag: content.startsWith('=') ? 'h1' : 'h2', heading: content.startsWith('=') ? 1 : 2, quote: quoteDepth });
      continue;
    }
    if (isBreak || SETEXT_UNDERLINE.test(content)) {
      // A rule (or an underline with no line above it) is layout: no text.
      flushPlain();
      continue;
    }

    const fenceOpen = fenceOf(content);
    if (fenceOpen !== null) {
      const marker = fenceOpen.marker;
      const close = closingFence(i, marker);
      // An unclosed fence is a line of text (CommonMark makes the rest of the text code: a scrape's stray fence would hide the page).
      if (close !== -1) {
        flushPlain();
        const codeLines = lines.slice(i + 1, close).map((codeLine) => {
          // The fence's indentation is taken off its lines (CommonMark), and the quote markers of a quoted fence.
          let body = codeLine;
          for (let q = 0; q < quote; q++) body = body.replace(QUOTE_MARKER, '');
          const own = indentOf(body);
          return body.slice(Math.min(own.chars, chars));
        });
        pushCode(codeLines.join('\n'), fenceOpen.language, quoteDepth);
        i = close;
        continue;
      }
    }

    if (footnote !== null && footnoteNumber !== undefined) {
      // A footnote's definition: an item of a numbered list of the footnotes (as GFM writes them at the page's end), its number
      // the footnote's; a later line indented to its content continues it.
      flushPlain();
      const number = Number(footnoteNumber);
      const top = lists[0];
      if (top?.marker === '^') {
        lists.length = 1;
        top.position++;
        top.blocks = 0;
        top.value = number;
      } else lists.splice(0, lists.length, { indent, contentIndent: indent + 4, ordered: true, marker: '^', start: number, position: 1, blocks: 0, value: number });
      const rest = content.slice(footnote[0].length);
      if (rest !== '') plain = { lines: [{ text: rest, hardBreak }], quote, item: true };
      lineIsText = true;
      continue;
    }

    if (item !== null) {
      flushPlain();
      lineIsText = true;
      const markerText = item[1]!;
      const ordered = /\d/.test(markerText);
      const marker = ordered ? markerText.slice(-1) : markerText;
      const contentIndent = indent + (item[0].length === markerText.length ? markerText.length + 1 : item[0].length);
      while (lists.length > 0 && indent < lists[lists.length - 1]!.indent) lists.pop();
      const top = lists[lists.length - 1];
      if (top !== undefined && indent < top.contentIndent) {
        if (top.ordered === ordered && top.marker === marker) {
          top.position++;
          top.blocks = 0;
          top.contentIndent = contentIndent;
        } else lists[lists.length - 1] = { indent, contentIndent, ordered, marker, start: ordered ? Number.parseInt(markerText, 10) : 1, position: 1, blocks: 0 };
      } else lists.push({ indent, contentIndent, ordered, marker, start: ordered ? Number.parseInt(markerText, 10) : 1, position: 1, blocks: 0 });
      let rest = content.slice(item[0].length);
      const box = TASK_BOX.exec(rest);
      const current = lists[lists.length - 1]!;
      current.checked = box === null ? undefined : box[1] !== ' ';
      if (box !== null) rest = rest.slice(box[0].length);
      const heading = ATX_HEADING.exec(rest);
      if (heading !== null) pushLine(headingText(rest, heading[0]), { tag: `h${heading[1]!.length}`, heading: heading[1]!.length, list: listPlace(), quote: quoteDepth });
      else if (rest !== '') plain = { lines: [{ text: rest, hardBreak }], quote, item: true };
      continue;
    }

    // A line indented to the content of the innermost item belongs to it (a later paragraph, a heading or table in it).
    const inItem = lists.length > 0 && indent >= lists[lists.length - 1]!.contentIndent;
    if (!inItem) lists.length = 0;

    if (startsHtml(content, afterText)) {
      // An HTML block (<details>, <table>, <p align="center"><img …></p>): read by the HTML parser and walk, as a page's HTML is.
      // Blocks with only blank lines between them are one fragment (an element opened in one and closed in another).
      flushPlain();
      let end = htmlBlockEnd(i, quote);
      for (let next = end + 1; ; next = end + 1) {
        while (next < lines.length && stripQuotes(lines[next]!, quote).trim() === '') next++;
        if (next >= lines.length || !startsHtml(stripQuotes(lines[next]!, quote).trim(), false)) break;
        end = htmlBlockEnd(next, quote);
      }
      pushHtml(lines.slice(i, end + 1).map((html) => stripQuotes(html, quote)).join('\n'), quoteDepth);
      i = end;
      continue;
    }

    const heading = inItem || indent < 4 ? ATX_HEADING.exec(content) : null;
    if (heading !== null) {
      flushPlain();
      const level = heading[1]!.length;
      pushLine(headingText(content, heading[0]), { tag: `h${level}`, heading: level, list: listPlace(), quote: quoteDepth });
      continue;
    }

    if (content.includes('|') && i + 1 < lines.length && isDelimiterRow(stripQuotes(lines[i + 1]!, quote))) {
      const head = tableCells(content);
      const width = tableCells(stripQuotes(lines[i + 1]!, quote)).length;
      if (head.length === width) {
        flushPlain();
        const rows: string[][] = [head];
        let next = i + 2;
        for (; next < lines.length; next++) {
          const row = stripQuotes(lines[next]!, quote).trim();
          if (row === '' || !row.includes('|')) break;
          rows.push(tableCells(row));
        }
        pushTable(rows, width, quoteDepth);
        i = next - 1;
        continue;
      }
    }

    lineIsText = true;
    if (inItem) {
      // A later paragraph of the item: the item continued.
      flushPlain();
      plain = { lines: [{ text: content, hardBreak }], quote, item: true };
      continue;
    }

    // A line with fewer quote markers than the quoted paragraph above it, starting no block, goes on with that paragraph
    // (CommonMark's lazy continuation: "> A quoted line" over "that goes on").
    if (plain !== null && plain.quote > quote && afterText) {
      plain.lines.push({ text: content, hardBreak });
      continue;
    }
    if (plain !== null && plain.quote !== quote) flushPlain();
    (plain ??= { lines: [], quote }).lines.push({ text: content, hardBreak });
  }
  flushPlain();

  /**
   * A fenced code block: a block per line, as the plain-text reader reads the lines of a page's <pre> (the line model
   * learned from such lines), each with the code block's number for the document to join them into one segment, and
   * marked as continuing the first (./lines.ts decides them as one: body when any is). A blank line of the code goes
   * with the line after it (and parts the paragraphs, as in plain text).
   */
  function pushCode(code: string, language: string | null, quote: number | undefined): void {
    const number = codeBlocks++;
    let first = true;
    let blank = '';
    for (const codeLine of normalizeCode(code).split('\n')) {
      if (codeLine.trim() === '') {
        blank += '\n';
        newParagraph = true;
        continue;
      }
      for (const part of splitLongText(codeLine)) {
        const text = normalizeText(part, true);
        if (!text) continue;
        startParagraph();
        if (!first) continued.push(blocks.length);
        paragraphOf.push(paragraph);
        blocks.push({
          index: blocks.length,
          text,
          tag: 'pre',
          flags: 0,
          innermost: 0,
          inlineFlags: 0,
          linkChars: 0,
          container: 0,
          headingLevel: 0,
          afterImage: imageBefore,
          list: listPlace(),
          quote,
          code: { language, text: first ? part : blank + part },
          codeBlock: number,
        });
        imageBefore = false;
        first = false;
        blank = '';
      }
    }
    newParagraph = true;
  }

  /**
   * A GFM table, its first row the header: a block per row, its cells' texts tab-separated as innerText gives a table's
   * row (the line model learned from such lines), each with the table's number for the document to join the rows into
   * one table segment, and marked as continuing the first (decided as one).
   */
  function pushTable(source: readonly string[][], width: number, quote: number | undefined): void {
    const number = tables++;
    const found: InlineText[] = [];
    let first = true;
    source.forEach((cells, r) => {
      let links = 0;
      const row: TableCell[] = Array.from({ length: width }, (_, c) => {
        const inline = readInlineMarkdown(cells[c] ?? '', references);
        found.push(inline);
        links += inline.linkChars;
        const cellText = normalizeText(inline.raw);
        const spans = inline.marks.length > 0 && cellText ? placeSpans(inline.raw, inline.marks, cellText) : undefined;
        return spans ? { text: cellText, header: r === 0, spans } : { text: cellText, header: r === 0 };
      });
      const chunk = tableChunks([row])[0];
      if (chunk === undefined) return;
      startParagraph();
      if (!first) continued.push(blocks.length);
      paragraphOf.push(paragraph);
      blocks.push({
        index: blocks.length,
        text: chunk.text,
        tag: 'table',
        flags: 0,
        innermost: 0,
        inlineFlags: 0,
        linkChars: Math.min(links, chunk.text.length),
        container: 0,
        headingLevel: 0,
        afterImage: imageBefore,
        list: listPlace(),
        quote,
        table: { rows: chunk.rows },
        tableBlock: number,
      });
      imageBefore = false;
      first = false;
    });
    newParagraph = true;
    for (const inline of found) noteImages(inline);
  }

  /**
   * An HTML block read as a page's HTML is (../html/walk.ts): its blocks (headings, paragraphs, lists, tables, code) and images
   * in the scrape's, inside the list item and quote the block stands in.
   */
  function pushHtml(html: string, quote: number | undefined): void {
    const dog = watchdog ?? new Watchdog(Infinity);
    const page = walk(parseHtml(html, dog, limits), dog);
    const offset = blocks.length;
    const codeOffset = codeBlocks;
    for (const image of page.images) {
      const caption = image.caption && { start: image.caption.start + offset, end: image.caption.end + offset };
      images.push({ ...image, before: image.before + offset, container: 0, figure: -1, caption });
    }
    newParagraph = true;
    for (const block of page.blocks) {
      startParagraph();
      if (block.continuesRun) continued.push(blocks.length);
      paragraphOf.push(paragraph);
      const own = block.list;
      const list = own !== undefined ? { ...own, depth: own.depth + lists.length } : listPlace();
      const depth = (block.quote ?? 0) + (quote ?? 0);
      const read: Block = { ...block, index: blocks.length, flags: 0, innermost: 0, container: 0, afterImage: block.afterImage || imageBefore, list, quote: depth > 0 ? depth : undefined };
      if (block.codeBlock !== undefined) codeBlocks = Math.max(codeBlocks, codeOffset + block.codeBlock + 1);
      blocks.push(block.codeBlock !== undefined ? { ...read, codeBlock: codeOffset + block.codeBlock } : read);
      imageBefore = false;
    }
    if (page.images.some((image) => image.before === page.blocks.length)) imageBefore = true;
    newParagraph = true;
  }

  const containers: ContainerTable = { start: [0], end: [blocks.length], flags: [0], structural: [0], depth: [0], tag: ['#document'], parent: [-1] };
  const continues = new Uint8Array(blocks.length);
  for (const index of continued) continues[index] = 1;
  return { blocks, containers, layout: layoutOf(paragraphOf), continues, images };
}

/**
 * Whether a block of a Markdown scrape is an image's caption: the line right after an image, written all in emphasis
 * ("![…](…)" then "*The ferry at the pier. Photo: Jan Berg*"), as Markdown writes a figure's caption; no longer than a
 * caption (CLASSIFICATION.maxCaptionChars), and not in a block quote (a README's "> **Note**" under its badges). An HTML page's
 * figcaption says so by its element.
 */
export function isImageCaption(block: Block): boolean {
  if (!block.afterImage || block.quote !== undefined || block.text.length > CLASSIFICATION.maxCaptionChars) return false;
  const spans = spansOf(block);
  return spans?.some((span) => (span.type === 'emphasis' || span.type === 'strong') && span.start === 0 && span.end === block.text.length) === true;
}

/** An ATX heading's text: the line after its opening hashes, its closing hashes dropped. */
function headingText(line: string, opening: string): string {
  return line.slice(opening.length).trim().replace(CLOSING_HASHES, '').trim();
}

/** A line with its indentation up to `columns` taken off. */
function dropColumns(line: string, columns: number): string {
  let k = 0;
  for (let column = 0; k < line.length && column < columns; k++) {
    if (line[k] === '\t') column += 4 - (column % 4);
    else if (line[k] === ' ') column++;
    else break;
  }
  return line.slice(k);
}

/** A line with `quote` block-quote markers taken off its start. */
function stripQuotes(line: string, quote: number): string {
  let out = line;
  for (let q = 0; q < quote; q++) out = out.replace(QUOTE_MARKER, '');
  return out;
}
