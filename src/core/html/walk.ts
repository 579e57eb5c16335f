/**
 * One pass over the parsed tree: visible text split into blocks in document order, each with
 * the context it sits in, plus the text of the elements that carry metadata (h1, bylines, <time>).
 * What the page states in attributes (meta tags, JSON-LD, canonical link, lang) is read with
 * cheerio's selectors in ./page-metadata.ts.
 *
 * The walk is iterative (an explicit stack), so 100,000 nested elements cannot overflow the
 * call stack, and it never calls `.text()` on a subtree. Whitespace follows layout: block
 * elements (and <br>) break blocks, inline elements join their text to the block as written.
 *
 * Structure (schema version 2): each block records what it is (heading level, list item with
 * its list's kind, depth and position, block-quote depth, preformatted code and its language),
 * its inline markup as spans (./inline.ts), and a data table is one block holding its rows
 * and cells (./table.ts), while a layout table's cells are ordinary blocks. Images are noted
 * with the block they come before, their figure and its caption.
 */
import { isTag, isText, type AnyNode, type Element } from 'domhandler';
import { BLOCK_TAGS, EMOJI_ALT, HEADING_TAGS, IMAGE_TAGS, PERMALINK_MARK, LIGATURE_ICON_CLASS, LIGATURE_ICON_CLASS_PART, PREFORMATTED_TAGS, SKIPPED_TAGS } from '../cues/tags.js';
import { CONSENT_MANAGER, Context, ITEMPROP_FLAGS, ROLE_FLAGS, TAG_FLAGS, attributeFlags } from '../cues/attributes.js';
import { CODE_LANGUAGE_CLASS, CODE_LANGUAGE_CLASSES, HIGHLIGHT_SOURCE_CLASSES, IMAGE_SOURCE_ATTRIBUTES, IMAGE_SRCSET_ATTRIBUTES, INLINE_SPAN_LIMITS, INLINE_SPAN_TAGS, LIST_STYLE_NUMBERING, LIST_TAGS, LIST_TYPE_NUMBERINGS, TASK_BOX_BARRIERS, NO_CODE_LANGUAGE, QUOTATION_MARK, QUOTATION_MARKS, UNSPACED_SCRIPTS } from '../cues/structure.js';
import { collapseWhitespace, collapsedLength, normalizeCode, normalizeText, splitLongText } from '../normalize.js';
import { INPUT_LIMITS } from '../options.js';
import type { CodeBlock, InlineSpan, ListNumbering, ListPlace, TableCell } from '../structure.js';
import type { Watchdog } from '../watchdog.js';
import { MARK_BREAK, MARK_CLOSE, MARK_OPEN, placeSpans, type InlineMarks, type Mark, type OpenSpan } from './inline.js';
import { colspanOf, isDataTable, rowspanOf, tableChunks } from './table.js';

export interface Block {
  /** Position in document order. */
  readonly index: number;
  /** Normalized text (whitespace collapsed, NFC, invisible characters removed). */
  readonly text: string;
  /** Element that holds the block (p, li, h2, td, div…). */
  readonly tag: string;
  /**
   * Context flags of the block (see Context): set by the classifier from the container table,
   * since which ancestors count depends on where the content root is.
   */
  flags: number;
  /** Boilerplate flags of the nearest container that has any: the innermost region decides (a share bar inside a
   *  related-stories box is share chrome, not a teaser). Set with `flags`. */
  innermost: number;
  /** Flags of inline elements (span.credit, time…) that hold all of the block's text. */
  readonly inlineFlags: number;
  /** Characters of the text inside links. */
  readonly linkChars: number;
  /** Index of the block's container element in the container table. */
  readonly container: number;
  /** Heading level 1-6, or 0. */
  readonly headingLevel: number;
  /** The block is the first text after a <figure>/<img> closed in the same container. */
  readonly afterImage: boolean;
  // Structure (schema version 2; see ../structure.ts). Absent on a plain paragraph.
  /** The list item the block belongs to. */
  readonly list?: ListPlace;
  /** Depth of <blockquote> elements around the block. */
  readonly quote?: number;
  /** Preformatted text (<pre>…): its language and its text with indentation kept. */
  readonly code?: CodeBlock;
  /** Preformatted text: the number of its <pre> in the page, the same for every block of one <pre> (a
   *  highlighter's <div> per line makes a block of each), for the document to join them (../document.ts). */
  readonly codeBlock?: number;
  /** A data table as one block: rows of cells; `text` is the cells' texts, tab-separated, one row per line. */
  readonly table?: { readonly rows: TableCell[][] };
  /** A table given as a block per row (a Markdown scrape's, ../text/markdown.ts): the number of its table, the same for every
   *  row, for the document to join them as it joins a <pre>'s blocks (../document.ts). */
  readonly tableBlock?: number;
  /** The block continues the text run (or data table) of the block before it: a run or table longer than a block can be
   *  (INPUT_LIMITS.blockChars) is cut into several blocks, one all the same (the models' decisions are the run's:
   *  ../classifier/decide.ts wholeRuns). */
  readonly continuesRun?: true | undefined;
  /** Inline markup of the block as noted over its raw text: `spansOf(block)` (./inline.ts) places it over `text`.
   *  Placed only for the blocks that become segments: most marked blocks (menus) are chrome. */
  readonly inline?: InlineMarks | undefined;
}

/** An image of the page, where it stands among the blocks. */
export interface WalkImage {
  /** The address as written (src, or a lazy-loading attribute when src is a placeholder); null when none. */
  readonly src: string | null;
  /** Normalized alt text ('' when absent). */
  readonly alt: string;
  /** width and height attributes in pixels, when given as numbers. */
  readonly width: number | null;
  readonly height: number | null;
  /** Index of the first block after the image (blocks.length when none follows). */
  before: number;
  /** Container the image sits in, and the nearest <figure> around it (-1 when none). */
  readonly container: number;
  readonly figure: number;
  /** Inside a link. */
  readonly linked: boolean;
  /** Blocks of the figure's <figcaption>, [start, end), when the image is in a figure that has one. */
  caption: { start: number; end: number } | null;
}

/** Block-level elements as ranges of blocks: the candidates for the content root. */
export interface ContainerTable {
  /** First block index inside the element. */
  readonly start: number[];
  /** One past the last block index inside the element. */
  readonly end: number[];
  /** Own flags of each element (tag, role, itemprop and class/id tokens). */
  readonly flags: number[];
  /** Own flags from the tag, ARIA role and itemprop only: what the markup states, not what class names suggest. */
  readonly structural: number[];
  readonly depth: number[];
  readonly tag: string[];
  readonly parent: number[];
  /** Elements that look alike (the same tag and class attribute, digits aside) share a number: the posts of a
   *  thread, the items of a listing. Absent for plain text. */
  readonly signature?: number[];
}

/** Metadata read from the text of elements during the walk (the attributes are read with cheerio: ./page-metadata.ts). */
export interface CapturedMetadata {
  /** Text of <time> elements without a datetime attribute, in document order. */
  readonly times: string[];
  /**
   * Text of elements marked as author/byline (class or itemprop or rel=author), its lines (what a <br> or a block's edge
   * sets apart on screen) joined by AUTHOR_LINE: "Jane Doe" over "Staff Writer" is a name and its role, not a name of four words.
   */
  readonly authors: string[];
  /** Text of h1 elements. */
  readonly h1: string[];
  /** The link of each of them: the <a href> around it or the first inside it, null when none (../metadata.ts reads its target). */
  readonly h1Links?: Array<Element | null>;
}

/**
 * Where the page can state metadata in markup, in document order: the elements that can (html,
 * title, meta, link, script, time, or with an itemprop), those the walk visited and those inside
 * the elements it skips (head, noscript, svg…). ./page-metadata.ts selects from these with cheerio,
 * so the document is not traversed a second time.
 */
export interface MetadataSources {
  readonly elements: Element[];
}

export interface WalkResult {
  readonly blocks: Block[];
  readonly images: WalkImage[];
  readonly containers: ContainerTable;
  readonly captured: CapturedMetadata;
  readonly metadataSources: MetadataSources;
}

/** What joins the lines of a captured author element's text (CapturedMetadata.authors): U+2028 LINE SEPARATOR, white space
 *  to every reader of the text (echo keys, chrono, a name's normalization) and to ../metadata.ts the end of the name's line. */
export const AUTHOR_LINE = '\u2028';

/** Text collected under an element for metadata; `chars` past MAX_CAPTURE_CHARS means given up. */
interface Capture {
  parts: string[];
  chars: number;
  /** The <a href> around the element, else the first inside it. */
  link?: Element | undefined;
}

/** A list element (ul, ol…) as its items are counted. */
interface ListState {
  readonly ordered: boolean;
  readonly depth: number;
  readonly start: number;
  readonly numbering: ListNumbering | undefined;
  items: number;
  /** Ordered lists: the number of the next item (the standard's ordinal value), and the step to the one after (-1 reversed). */
  next: number;
  readonly step: 1 | -1;
  /** A task list (isTaskList): its items keep their boxes' states. */
  readonly tasks: boolean;
}

/**
 * The checkbox a list item begins with, before any text (`<li><input type="checkbox" checked> Done`, also inside a
 * <label> or <p>: a task list as GitHub and Markdown renderers write it); undefined when the item begins otherwise.
 * The search stops at the first text and does not enter a nested list or table (each item looks at its own beginning
 * only, so nested items cost no more than the page).
 */
function taskBox(item: Element): { checked: boolean; shown: boolean } | undefined {
  const pending: AnyNode[] = [];
  for (let i = item.children.length - 1; i >= 0; i--) pending.push(item.children[i]!);
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (isText(node)) {
      if (node.data.trim() !== '') return undefined;
    } else if (isTag(node)) {
      const name = node.name.toLowerCase();
      if (name === 'input') {
        if ((node.attribs.type ?? '').trim().toLowerCase() !== 'checkbox') return undefined;
        const checked = node.attribs.checked !== undefined;
        return { checked, shown: checked || node.attribs.disabled !== undefined };
      }
      if (TASK_BOX_BARRIERS.has(name) || LIST_TAGS.has(name)) return undefined;
      for (let i = node.children.length - 1; i >= 0; i--) pending.push(node.children[i]!);
    }
  }
  return undefined;
}

/**
 * Whether a list is a task list whose boxes' states its items keep: one of its items begins with a box that is checked
 * or disabled (a state shown: a rendered task list's boxes are disabled). A list whose boxes are all enabled and
 * unchecked is a form's (a shop's filters, a recipe's ingredients to tick off while cooking): its boxes are no state.
 */
function isTaskList(list: Element): boolean {
  for (const child of list.children) if (isTag(child) && child.name.toLowerCase() === 'li' && taskBox(child)?.shown === true) return true;
  return false;
}

/** A list item: its place, its number (ordered lists), and whether a block of it has been emitted (the next one continues it). */
interface ItemState {
  readonly list: ListState;
  readonly position: number;
  readonly value: number;
  blocks: number;
  /** A task-list item: the state of the checkbox it begins with (taskBox). */
  readonly checked: boolean | undefined;
}

/** Raw text of a data table's cell, with its marks. */
interface CellRun {
  pieces: string[];
  rawLength: number;
  marks: Mark[];
  readonly header: boolean;
  readonly colspan: number;
  readonly rowspan: number;
  readonly owner: Frame;
}

/** A data table being collected: rows of finished cells, the row and cell being filled. */
interface TableState {
  readonly rows: TableCell[][];
  row: TableCell[] | null;
  rowOwner: Frame | null;
  cell: CellRun | null;
  /** Inside <thead>: every cell is a header cell. */
  headDepth: number;
  linkChars: number;
}

/** A <figure>: where its images start in the image list, and its caption's blocks. */
interface FigureState {
  readonly container: number;
  readonly firstImage: number;
  caption: { start: number; end: number } | null;
}

interface Frame {
  node: Element;
  container: number;
  /** Whether this element opened a container (is block-level). */
  isBlock: boolean;
  /** Own flags of the inline elements between the nearest container and this element. */
  inlineOwn: number;
  linkDepth: number;
  headingLevel: number;
  pre: boolean;
  /** Collect the text under this element for metadata (author, h1, time) into this collection. */
  capture: Capture | null;
  /** Structure inherited from the ancestors: the nearest list, list item, data table and figure; <blockquote> depth. */
  list: ListState | null;
  item: ItemState | null;
  table: TableState | null;
  figure: FigureState | null;
  quote: number;
  /** The <pre> this element is in: its number in the page, and the code block's language, found on it, its parent or a <code> inside. */
  code: { readonly number: number; language: string | null } | null;
  /** The inline span this element opened, if any. */
  span: OpenSpan | null;
  hidden: boolean;
  /**
   * Inside a hidden inline element of a block that is not hidden (`<span style="display:none">` in a
   * paragraph): its text is left out. A hidden block is kept and marked (a notice a script shows is
   * still a notice), but hidden words inside a shown paragraph are no words of it: they ran into the
   * words around them ("Visible HIDDENparagraph"). Only in a block that shows words of its own: a block
   * made only of hidden inline text (a skip link `<a hidden>` between blocks) stays as it was, for the
   * classifier to read. Data tables keep theirs (a hidden row would leave an empty one).
   */
  hiddenInline: boolean;
  /** Block frames: whether the block shows words of its own (blockShowsWords), once asked. */
  showsWords?: boolean;
  /** Inside code, inline (<code>, <kbd>…) or preformatted: its text is kept as written (no separating spaces). */
  literal: boolean;
  /** The language the element is in: its lang attribute or its nearest ancestor's, lower-cased; '' when none states one. */
  lang: string;
  /** The <q> elements around it whose marks the walk writes (quotationMarks), and the closing mark of this one, if it is one. */
  quotations: number;
  closeQuote?: string;
}

const NON_BLANK = /\S/;
/** A character that ends or starts a word, as the scorer's tokens do (letters, numbers, '_'), in a script written with spaces between words. */
const WORD_EDGE = /[\p{L}\p{N}_]/u;
const isSpacedWordEdge = (c: string): boolean => WORD_EDGE.test(c) && !UNSPACED_SCRIPTS.test(c);
const LONE_LETTER = /^\s*\p{L}\p{M}*\s*$/u;
/** The first and the last character (code point) of a string; '' for an empty one. */
const firstCharacter = (s: string): string => (s.length === 0 ? '' : String.fromCodePoint(s.codePointAt(0)!));
function lastCharacter(s: string): string {
  if (s.length === 0) return '';
  const low = s.charCodeAt(s.length - 1);
  return low >= 0xdc00 && low <= 0xdfff && s.length > 1 ? s.slice(-2) : s.slice(-1);
}
const DIGITS = /\d+/g;
/** Elements that can carry page metadata in their attributes or text (see MetadataSources). */
const METADATA_TAGS: ReadonlySet<string> = new Set(['html', 'title', 'meta', 'link', 'script', 'time', 'base']);

/** What the walk knows of a tag (one lookup per element, not one in each set: about 1% of a corpus pass): its sets, as bits. */
const SKIPPED = 1;
const BLOCK = 2;
const HEADING = 4;
const PREFORMATTED = 8;
const LIST = 16;
const METADATA = 32;
interface TagInfo {
  /** The sets the tag is in (SKIPPED, BLOCK…). */
  readonly kinds: number;
  /** Its context flags (TAG_FLAGS). */
  readonly flags: number;
}
const NO_TAG_INFO: TagInfo = { kinds: 0, flags: 0 };
const TAG_INFO: ReadonlyMap<string, TagInfo> = (() => {
  const kinds = new Map<string, number>();
  const sets: ReadonlyArray<readonly [number, Iterable<string>]> = [
    [SKIPPED, SKIPPED_TAGS], [BLOCK, BLOCK_TAGS], [HEADING, HEADING_TAGS], [PREFORMATTED, PREFORMATTED_TAGS], [LIST, LIST_TAGS],
    [METADATA, METADATA_TAGS], [0, TAG_FLAGS.keys()],
  ];
  for (const [bit, tags] of sets) for (const tag of tags) kinds.set(tag, (kinds.get(tag) ?? 0) | bit);
  return new Map([...kinds].map(([tag, bits]) => [tag, { kinds: bits, flags: TAG_FLAGS.get(tag) ?? 0 }]));
})();

function mayStateMetadata(element: Element, info: TagInfo = TAG_INFO.get(element.name) ?? NO_TAG_INFO): boolean {
  return (info.kinds & METADATA) !== 0 || element.attribs.itemprop !== undefined;
}

/**
 * Roots of foreign content: a `<title>` inside an svg or a math formula names the drawing (an
 * icon's tooltip), not the page. Their other elements still may (microdata in an svg is read).
 */
const FOREIGN_ROOTS: ReadonlySet<string> = new Set(['svg', 'math']);

/** The elements under a skipped element that may state metadata, appended in document order. */
function collectMetadataElements(skipped: Element, into: Element[]): void {
  const pending: AnyNode[] = [];
  // Parallel to `pending`: whether the node is inside foreign content.
  const foreign: boolean[] = [];
  const rootForeign = FOREIGN_ROOTS.has(skipped.name);
  for (let i = skipped.children.length - 1; i >= 0; i--) {
    pending.push(skipped.children[i]!);
    foreign.push(rootForeign);
  }
  while (pending.length > 0) {
    const node = pending.pop()!;
    const inForeign = foreign.pop()!;
    if (!isTag(node)) continue;
    const element = node;
    if (mayStateMetadata(element) && !(inForeign && element.name === 'title')) into.push(element);
    const childrenForeign = inForeign || FOREIGN_ROOTS.has(element.name);
    for (let i = element.children.length - 1; i >= 0; i--) {
      pending.push(element.children[i]!);
      foreign.push(childrenForeign);
    }
  }
}
/** Elements a declarative shadow root may attach to: custom elements (a name with a hyphen) and the DOM standard's
 *  other "valid shadow host name"s. */
const SHADOW_HOST = /-|^(?:article|aside|blockquote|body|div|footer|h[1-6]|header|main|nav|p|section|span)$/;
export const SHADOW_ROOT_MODE = /^(?:open|closed)$/i;

/**
 * The children of an element as a browser shows them. A declarative shadow root (a child
 * `<template shadowrootmode="open">`, or the older `shadowroot` attribute: a web component rendered on the
 * server) is shown in place of the element's children: its content, where each <slot> shows the element's
 * children assigned to it (by their slot attribute, the others to the unnamed slot), or its own content when
 * none is; children assigned to no slot are not shown (their metadata elements are still noted). Any other
 * <template> is inert (SKIPPED_TAGS). htmlparser2 keeps a template's content as its children, parse5 in a
 * fragment, its one child. `slotted` holds the slots of the shadow trees met so far.
 */
function shownChildren(element: Element, slotted: Map<Element, AnyNode[]>, metadata: Element[], shadowRoots: boolean): readonly AnyNode[] {
  const children = element.children;
  // Every element of every page comes here: the slot lookup only once a shadow root has been met, the host's name only once a shadow template is found.
  const assigned = slotted.size > 0 ? slotted.get(element) : undefined;
  if (assigned) return assigned.length > 0 ? assigned : children;
  // A tree with no shadow root: no child of any element is looked at (a pass over every node of the page).
  if (!shadowRoots) return children;
  const template = children.find((child): child is Element => isTag(child) && child.name === 'template' && SHADOW_ROOT_MODE.test(child.attribs.shadowrootmode ?? child.attribs.shadowroot ?? ''));
  if (!template || !SHADOW_HOST.test(element.name)) return children;
  const first = template.children[0];
  const content = first?.type === 'root' ? first.children : template.children;
  // The first slot of each name in tree order; a template inside (another host's shadow root, or inert) holds none of them.
  const slots = new Map<string, AnyNode[]>();
  const pending = [...content].reverse();
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (!isTag(node) || node.name === 'template') continue;
    const name = node.attribs.name ?? '';
    if (node.name === 'slot' && !slots.has(name)) {
      slots.set(name, []);
      slotted.set(node, slots.get(name)!);
    }
    for (let i = node.children.length - 1; i >= 0; i--) pending.push(node.children[i]!);
  }
  for (const child of children) {
    if (child === template) continue;
    const slot = isTag(child) ? slots.get(child.attribs.slot ?? '') : isText(child) ? slots.get('') : undefined;
    if (slot) slot.push(child);
    else if (isTag(child)) {
      if (mayStateMetadata(child)) metadata.push(child);
      collectMetadataElements(child, metadata);
    }
  }
  return content;
}

/** Elements of a MathML formula that are not drawn: a semantics element's annotations (its TeX source), a title. */
const UNDRAWN_IN_FORMULA: ReadonlySet<string> = new Set(['annotation', 'annotation-xml', 'title']);

/**
 * The text a MathML formula shows, in document order ("E=mc2"): browsers draw MathML, so a sentence
 * that holds one says its formula. `semantics` draws its first child only; the rest are annotations.
 */
function formulaText(math: Element): string {
  const parts: string[] = [];
  const pending: AnyNode[] = [...math.children].reverse();
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (isText(node)) parts.push(node.data);
    if (!isTag(node) || UNDRAWN_IN_FORMULA.has(node.name) || isHidden(node)) continue;
    const drawn = node.name === 'semantics' ? node.children.filter(isTag).slice(0, 1) : node.children;
    for (let i = drawn.length - 1; i >= 0; i--) pending.push(drawn[i]!);
  }
  return parts.join('');
}

/**
 * An AMP image that another variant of the same picture before it stands for: AMP shows, of sibling elements each with
 * a `media` query, the one that fits the screen (a banner at 304, 328, 448 and 568 pixels wide), as a <picture>
 * shows one of its sources. The first of them is the picture's; the others are not pictures of their own.
 */
function otherMediaVariant(element: Element): boolean {
  if (element.attribs.media === undefined) return false;
  let previous = element.prev;
  while (previous && previous.type !== 'tag') previous = previous.prev;
  return previous !== null && isTag(previous) && IMAGE_TAGS.has(previous.name) && previous.attribs.media !== undefined;
}

/**
 * The marks a browser draws around a <q> (cues/structure.ts QUOTATION_MARKS, by its language; the alternate ones inside
 * another), or null when it draws none the page does not write itself: a <q> next to a quotation mark of the text
 * („<q>…</q>“: its style sheet draws none), or one that holds blocks (a box of the layout, not a quotation).
 */
function quotationMarks(q: Element, lang: string, depth: number): readonly [string, string] | null {
  const before = q.prev;
  const after = q.next;
  const first = q.firstChild;
  if (before !== null && isText(before) && QUOTATION_MARK.test(lastCharacter(before.data.trimEnd()))) return null;
  if (after !== null && isText(after) && QUOTATION_MARK.test(firstCharacter(after.data.trimStart()))) return null;
  if (first !== null && isText(first) && QUOTATION_MARK.test(firstCharacter(first.data.trimStart()))) return null;
  if (q.children.some((child) => isTag(child) && BLOCK_TAGS.has(child.name))) return null;
  const [language = '', second = ''] = lang.split(/[-_]/);
  const marks = QUOTATION_MARKS.get(`${language}-${second}`) ?? QUOTATION_MARKS.get(language) ?? QUOTATION_MARKS.get('default')!;
  return marks[depth % 2 === 0 ? 0 : 1];
}

/**
 * Whether a <pre> is a code listing's gutter of line numbers: in a table cell (Pygments' "highlighttable", Rouge's and
 * others' tables of two cells), its lines numbers counting up by one, and a <pre> in another cell of its row holds the
 * code. It was a code block of its own ("1 2 3") before the code.
 */
function isLineNumberGutter(pre: Element): boolean {
  // The cell is the <pre>'s parent, or the parent of the <div> around it (Pygments' <td class="linenos"><div>).
  const cellOf = (node: AnyNode | null): Element | null => (node !== null && isTag(node) && (node.name === 'td' || node.name === 'th') ? node : null);
  const parent: AnyNode | null = pre.parent;
  const cell = cellOf(parent) ?? (parent !== null && isTag(parent) && parent.name === 'div' ? cellOf(parent.parent) : null);
  const row = cell?.parent;
  if (!cell || !row || !isTag(row)) return false;
  const code = row.children.some((other) => other !== cell && isTag(other) && (other.name === 'td' || other.name === 'th') && holdsPre(other));
  if (!code) return false;
  const lines = textOf(pre).trim().split(/\s*\n\s*/);
  if (lines.length < 2) return false;
  let previous = NaN;
  for (const line of lines) {
    if (!LINE_NUMBER.test(line)) return false;
    const n = Number(line);
    if (!Number.isNaN(previous) && n !== previous + 1) return false;
    previous = n;
  }
  return true;
}
const LINE_NUMBER = /^\d+$/;

/** Whether an element holds a <pre>. */
function holdsPre(element: Element): boolean {
  const pending: AnyNode[] = [...element.children];
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (!isTag(node)) continue;
    if (node.name === 'pre') return true;
    for (const child of node.children) pending.push(child);
  }
  return false;
}

/** The text of an element's subtree. */
function textOf(element: Element): string {
  const parts: string[] = [];
  const pending: AnyNode[] = [element];
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (isText(node)) parts.push(node.data);
    else if (isTag(node)) for (let i = node.children.length - 1; i >= 0; i--) pending.push(node.children[i]!);
  }
  return parts.join('');
}

/** Whether a link to a place in the page shows a permalink marker alone (cues/tags.ts PERMALINK_MARK): its texts, read until one is more. */
function isPermalinkMarker(link: Element): boolean {
  let shown = false;
  const pending: AnyNode[] = [...link.children];
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (isText(node)) {
      if (node.data === '') continue;
      if (!PERMALINK_MARK.test(node.data)) return false;
      shown ||= NON_BLANK.test(node.data);
    } else if (isTag(node)) for (const child of node.children) pending.push(child);
  }
  return shown;
}

/** The alt text of an image that draws emoji alone (EMOJI_ALT), trimmed; null for any other image. */
function emojiAlt(img: Element): string | null {
  const alt = img.attribs.alt?.trim();
  return alt !== undefined && alt !== '' && EMOJI_ALT.test(alt) ? alt : null;
}

/**
 * Bounds of the text collected for metadata under h1, author and time elements. Each text node
 * goes to every open collection, so such elements nested 100,000 deep cost depth × nodes
 * (gigabytes within seconds), and a few nested around a 60 MB text node would copy it as often.
 * The dev corpus nests at most 10 and collects at most 66,000 characters under one element;
 * deeper elements are walked as usual but not collected, and a longer collection is given up.
 */
const MAX_OPEN_CAPTURES = 32;
const MAX_CAPTURE_CHARS = 1024 * 1024;

/** An author element's text as its lines: each collapsed (./normalize.ts), the empty ones left out, joined by AUTHOR_LINE. */
function authorLines(text: string): string {
  if (!text.includes(AUTHOR_LINE)) return collapseWhitespace(text);
  return text
    .split(AUTHOR_LINE)
    .map(collapseWhitespace)
    .filter((line) => line !== '')
    .join(AUTHOR_LINE);
}
const AUTHOR_REL = /\bauthor\b/i;
const HIDDEN_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\s*(?:!important\s*)?(?:;|$)/i;

/** Hidden from every reader: the `hidden` attribute or an inline display:none / visibility:hidden. (aria-hidden
 *  only hides from screen readers; what it marks is on screen.) Class names that hide by a stylesheet are not read,
 *  on purpose: `sr-only`/`visually-hidden` text is read aloud and is in the page's rendered text, and `hidden`/`d-none`
 *  are toggled by scripts (tabs, "read more"). Marking either as hidden lowered the validation part's modern-web F1
 *  (0.766 → 0.762 with both, 0.764 with the screen-reader classes alone; product pages 0.544 → 0.526). */
function isHidden(element: Element): boolean {
  const attribs = element.attribs;
  // hidden="until-found" is the standard's other state: a collapsed section that find-in-page and search engines find
  // and that opens on it (an encyclopedia's mobile sections, accordions), read as the page's text like a closed <details>.
  if (attribs.hidden !== undefined) return attribs.hidden.toLowerCase() !== 'until-found';
  const style = attribs.style;
  return style !== undefined && HIDDEN_STYLE.test(style);
}

/** The context flags of an element's class and id tokens (cached by the attribute values: pages repeat them). */
function classFlags(element: Element, tag: string, classCache: Map<string, number>): number {
  const attribs = element.attribs;
  const className = attribs.class;
  const id = attribs.id;
  if (className === undefined && id === undefined) return 0;
  let classAndId = (id === undefined ? className! : className === undefined ? id : className + ' ' + id).slice(0, INPUT_LIMITS.classChars);
  // A code block's language class (`lang-js`, GitHub's `highlight-source-shell` on the wrapper) names no language
  // switcher and no image source.
  if (className !== undefined && (tag === 'pre' || tag === 'code')) classAndId = classAndId.replace(CODE_LANGUAGE_CLASSES, ' ');
  else if (className?.includes('highlight-source-')) classAndId = classAndId.replace(HIGHLIGHT_SOURCE_CLASSES, ' ');
  let cached = classCache.get(classAndId);
  if (cached === undefined) {
    cached = attributeFlags(classAndId);
    classCache.set(classAndId, cached);
  }
  // A consent manager states its banner's state in the page's root classes (Didomi's "didomi-popup-open", OneTrust's
  // and Complianz's body classes while the banner shows): the page is not its container.
  return tag === 'body' || tag === 'html' ? cached & ~CONSENT_MANAGER : cached;
}

/** The context flags an element's role and itemprop state: part of its own flags and of its container's structural ones. */
function statedFlags(element: Element): number {
  const attribs = element.attribs;
  let flags = 0;
  const role = attribs.role;
  if (role) flags |= ROLE_FLAGS.get(role.toLowerCase()) ?? 0;
  const itemprop = attribs.itemprop;
  if (itemprop) flags |= ITEMPROP_FLAGS.get(itemprop.toLowerCase()) ?? 0;
  return flags;
}

/** The language a class attribute names for a code block (CODE_LANGUAGE_CLASS), lower-cased; null when none. */
export function codeLanguage(className: string | undefined): string | null {
  if (!className) return null;
  const match = CODE_LANGUAGE_CLASS.exec(className);
  if (!match) return null;
  const language = match[1]!.toLowerCase();
  return NO_CODE_LANGUAGE.has(language) ? null : language;
}

const DATA_URI = /^\s*data:/i;
const PIXELS = /^\s*(\d+)(?:px)?\s*$/i;

function pixels(value: string | undefined): number | null {
  const match = value === undefined ? null : PIXELS.exec(value);
  return match ? Number(match[1]) : null;
}

/** A srcset's first candidate: after white space and commas, the run of non-white-space characters. */
const SRCSET_FIRST = /^[\s,]*([^\s]+)/;
const TRAILING_COMMAS = /,+$/;

/**
 * The URL of a srcset's first candidate, as the standard's srcset parser reads it: a URL ends at white
 * space, and commas that end it separate it from the next candidate; commas inside it are its own
 * (image CDNs write "/upload/w_320,c_fill/…": split at every comma, the address was cut there).
 */
function firstCandidate(srcset: string | undefined): string | null {
  const match = srcset === undefined ? null : SRCSET_FIRST.exec(srcset);
  return match ? match[1]!.replace(TRAILING_COMMAS, '') || null : null;
}

/** The address of an image element: see IMAGE_SOURCE_ATTRIBUTES. */
function imageSource(element: Element): string | null {
  const attribs = element.attribs;
  for (const name of IMAGE_SOURCE_ATTRIBUTES) {
    const value = attribs[name]?.trim();
    if (value && !DATA_URI.test(value)) return value;
  }
  for (const name of IMAGE_SRCSET_ATTRIBUTES) {
    const first = firstCandidate(attribs[name]);
    if (first && !DATA_URI.test(first)) return first;
  }
  return null;
}

/** A <picture>'s image: its <img>, with the first <source>'s srcset when the img has no address. */
function pictureImage(picture: Element): { element: Element | null; src: string | null } {
  let img: Element | null = null;
  let source: string | null = null;
  for (const child of picture.children) {
    if (child.type !== 'tag') continue;
    const element = child;
    if (element.name === 'img') img ??= element;
    else if (element.name === 'source') source ??= imageSource(element);
  }
  return { element: img, src: (img && imageSource(img)) ?? source };
}

/**
 * Whether the nearest block of the open elements shows words of its own: a non-blank text node in it,
 * outside hidden elements, skipped ones (script, style…) and the blocks inside it (theirs are their
 * own). Asked at a hidden inline element; each block is read once (the answer stays on its frame), so
 * a page of many hidden spans costs one pass over each block.
 */
function blockShowsWords(stack: readonly Frame[]): boolean {
  let frame: Frame | undefined;
  for (let i = stack.length - 1; i >= 0 && frame === undefined; i--) if (stack[i]!.isBlock) frame = stack[i];
  if (frame === undefined) return false;
  if (frame.showsWords === undefined) {
    frame.showsWords = false;
    const work: AnyNode[] = [...frame.node.children];
    while (work.length > 0) {
      const node = work.pop()!;
      if (isText(node)) {
        if (NON_BLANK.test(node.data)) {
          frame.showsWords = true;
          break;
        }
        continue;
      }
      if (!isTag(node) || isHidden(node)) continue;
      const kinds = (TAG_INFO.get(node.name) ?? NO_TAG_INFO).kinds;
      if (kinds & (SKIPPED | BLOCK)) continue;
      for (const child of node.children) work.push(child);
    }
  }
  return frame.showsWords;
}

/** An integer attribute (`<ol start>`, `<li value>`) as the standard reads it, `otherwise` when it is none. */
function integerAttribute(value: string | undefined, otherwise = 1): number {
  const n = value === undefined ? NaN : parseInt(value, 10);
  return Number.isSafeInteger(n) ? n : otherwise;
}

/** An ordered list's letters or Roman numerals: an inline list-style-type, else its type attribute (case matters: a, A, i, I). */
function listNumbering(list: Element): ListNumbering | undefined {
  const style = LIST_STYLE_NUMBERING.exec(list.attribs.style ?? '');
  if (style) return `${style[1]!.toLowerCase() as 'lower' | 'upper'}-${style[2]!.toLowerCase() === 'roman' ? 'roman' : 'alpha'}`;
  return LIST_TYPE_NUMBERINGS[list.attribs.type?.trim() ?? ''];
}

/** The items a reversed list counts down from: its child `<li>` elements. */
function ownItems(list: Element): number {
  let count = 0;
  for (const child of list.children) if (isTag(child) && child.name.toLowerCase() === 'li') count++;
  return count;
}

/** What the walk may assume of the tree. */
export interface WalkOptions {
  /**
   * The tree may hold declarative shadow roots (the default). False for a tree htmlparser2 built without meeting one:
   * its parse sends every page with one to the conformant parser (../parse.ts RISKS.shadowRoot), so the children of
   * its elements are not searched for one.
   */
  readonly shadowRoots?: boolean;
}

export function walk(root: AnyNode, watchdog: Watchdog, options: WalkOptions = {}): WalkResult {
  const shadowRoots = options.shadowRoots ?? true;
  const blocks: Block[] = [];
  const images: WalkImage[] = [];
  const containers: ContainerTable = { start: [], end: [], flags: [], structural: [], depth: [], tag: [], parent: [], signature: [] };
  // A container's signature numbers its tag and class attribute with the digits as '#' (distinct looks, in order of
  // appearance): by tag, then by that class form (undefined without a class), each class attribute's form made once.
  const signatures = new Map<string, Map<string | undefined, number>>();
  const classForms = new Map<string, string>();
  let signatureCount = 0;
  const h1Links: Array<Element | null> = [];
  const captured: CapturedMetadata = { times: [], authors: [], h1: [], h1Links };
  const metadataSources: MetadataSources = { elements: [] };
  const classCache = new Map<string, number>();
  const slotted = new Map<Element, AnyNode[]>();

  // The current block being filled.
  let pieces: string[] = [];
  let linkChars = 0;
  let commonInlineFlags = -1;
  let pendingImage = false;
  let blockHasImageBefore = false;
  let preformattedCount = 0;
  // Its raw length so far, the marks of its inline markup, and whether it has any text yet.
  let rawLength = 0;
  let marks: Mark[] = [];
  let hasText = false;
  // Inline elements open around the walk's position: a block that starts inside one starts with its span.
  const openSpans: OpenSpan[] = [];
  // Images met after the current block's first text: they come after that block.
  let imagesAfterBlock: WalkImage[] = [];
  // Between two texts of a block: an inline element closed (closedInline), then another opened (separateNext).
  // Sibling inline elements whose words touch (`<span>2001</span><span>2h 58m</span>`, `<a>Strategy</a><a>Roguelike</a>`)
  // are set apart on screen by the page's style (flex items, margins, badges), which the walk does not read; joined,
  // their words became one ("20012h"). addText puts a space between them when a word character ends the text before
  // and one starts the text after. A text next to an element (`x<sup>2</sup>`, `<b>W</b>ord`) is joined as written.
  let closedInline = false;
  let separateNext = false;

  const rootContainer = 0;
  containers.start.push(0);
  containers.end.push(0);
  containers.flags.push(0);
  containers.structural.push(0);
  containers.depth.push(0);
  containers.tag.push('#document');
  containers.parent.push(-1);
  containers.signature!.push(0);

  const stack: Frame[] = [];
  const captures: Capture[] = [];

  const startRun = (): void => {
    rawLength = 0;
    hasText = false;
    // A new array only when the last one may be held by a block; most blocks have no marks.
    if (marks.length > 0) marks = [];
    // Only the innermost few: every block inside thousands of nested inline elements would otherwise
    // copy all of them (quadratic memory).
    const carried = openSpans.length > INLINE_SPAN_LIMITS.carriedIntoBlock ? openSpans.slice(-INLINE_SPAN_LIMITS.carriedIntoBlock) : openSpans;
    for (const span of carried) marks.push({ at: 0, kind: MARK_OPEN, span });
  };

  /** The list place of the next block of `frame` (counts it as emitted). */
  const listPlace = (frame: Frame | undefined): ListPlace | undefined => {
    const item = frame?.item;
    if (!item) return undefined;
    const { ordered, depth, start, numbering } = item.list;
    const place: { -readonly [K in keyof ListPlace]: ListPlace[K] } = { ordered, depth, position: item.position };
    if (ordered) place.start = start;
    if (ordered && item.value !== start + item.position - 1) place.value = item.value;
    if (numbering) place.numbering = numbering;
    if (item.blocks++ > 0) place.continued = true;
    else if (item.checked !== undefined) place.checked = item.checked;
    return place;
  };

  const placeImagesAfterBlock = (): void => {
    for (const image of imagesAfterBlock) image.before = blocks.length;
    imagesAfterBlock = [];
  };

  const flush = (frame: Frame | undefined): void => {
    if (pieces.length === 0) {
      startRun();
      return;
    }
    const raw = pieces.join('');
    const blockMarks = marks;
    pieces = [];
    startRun();
    let links = linkChars;
    linkChars = 0;
    const inlineFlags = commonInlineFlags === -1 ? 0 : commonInlineFlags;
    commonInlineFlags = -1;
    const pre = frame?.pre ?? false;
    const container = frame?.container ?? rootContainer;
    const quote = frame !== undefined && frame.quote > 0 ? frame.quote : undefined;
    // A text run longer than a block can be becomes several blocks (bounded memory; see INPUT_LIMITS); the link
    // characters go to the first of them.
    const parts = splitLongText(raw);
    let firstOfRun = true;
    for (const part of parts) {
      const text = normalizeText(part, pre);
      if (!text) continue;
      const continuesRun = firstOfRun ? undefined : (true as const);
      firstOfRun = false;
      const ownLinks = Math.min(links, text.length);
      links -= ownLinks;
      // Inline markup is kept on a block that is the whole run (runs past blockChars are split without it).
      const inline = !pre && blockMarks.length > 0 && parts.length === 1 ? { raw, marks: blockMarks } : undefined;
      const code = frame?.code ? { language: frame.code.language, text: normalizeCode(part) } : undefined;
      const codeBlock = frame?.code?.number;
      blocks.push({
        index: blocks.length,
        text,
        tag: containers.tag[container]!,
        flags: 0,
        innermost: 0,
        inlineFlags,
        linkChars: ownLinks,
        container,
        headingLevel: frame?.headingLevel ?? 0,
        afterImage: blockHasImageBefore,
        list: listPlace(frame),
        quote,
        code,
        codeBlock,
        table: undefined,
        inline,
        continuesRun,
      });
      blockHasImageBefore = false;
      if (part.length < raw.length) watchdog.check('walking the HTML tree');
    }
    placeImagesAfterBlock();
  };

  const top = (): Frame | undefined => stack[stack.length - 1];

  const openContainer = (tag: string, flags: number, structural: number, parent: Frame | undefined, className: string | undefined): number => {
    let form = className === undefined ? undefined : classForms.get(className);
    if (className !== undefined && form === undefined) classForms.set(className, (form = className.slice(0, INPUT_LIMITS.classChars).replace(DIGITS, '#')));
    let byForm = signatures.get(tag);
    if (byForm === undefined) signatures.set(tag, (byForm = new Map<string | undefined, number>()));
    let signature = byForm.get(form);
    if (signature === undefined) byForm.set(form, (signature = ++signatureCount));
    containers.signature!.push(signature);
    const id = containers.start.length;
    containers.start.push(blocks.length);
    containers.end.push(blocks.length);
    containers.flags.push(flags);
    containers.structural.push(structural);
    containers.depth.push(stack.length + 1);
    containers.tag.push(tag);
    containers.parent.push(parent?.container ?? rootContainer);
    return id;
  };

  /** Whether an element with these own flags, in this container, is in a comment thread (its own or an ancestor's class). */
  const inComments = (flags: number, container: number): boolean => {
    for (let at = container; (flags & Context.COMMENTS) === 0 && at > rootContainer; at = containers.parent[at]!) {
      // The page's body names its state ("comments-open"), not a thread.
      if (containers.tag[at] !== 'body') flags |= containers.flags[at]!;
    }
    return (flags & Context.COMMENTS) !== 0;
  };

  const collect = (data: string): void => {
    for (const capture of captures) {
      if (capture.chars > MAX_CAPTURE_CHARS) continue;
      capture.chars += data.length;
      if (capture.chars > MAX_CAPTURE_CHARS) capture.parts = [];
      else capture.parts.push(data);
    }
  };

  /** A break between words for the open collections (a <br>, a block's edge, a space set between sibling inline
   *  elements), as the block's text gets one: an h1 "Ferry back<br>in service" is not "backin". */
  const collectBreak = (): void => {
    if (captures.length > 0) collect(' ');
  };
  /** A break between lines (a <br>, a block's edge): a space in an h1's or a <time>'s text, a line's end in an author's. */
  const collectLine = (): void => {
    if (captures.length > 0) collect(AUTHOR_LINE);
  };

  /** Whether a space goes before `data`: after sibling inline elements (see separateNext), between two words, unless
   *  either text is a lone letter: a drop cap (`<span class="initial">I</span><span>n the…`), or a letter a word
   *  processor set in a span of its own (`<span>Ch</span><span>â</span><span>teau</span>`, a font's fallback). */
  const separates = (before: readonly string[], data: string, frame: Frame | undefined): boolean => {
    if ((frame?.literal ?? false) || before.length === 0) return false;
    const last = before[before.length - 1]!;
    return isSpacedWordEdge(firstCharacter(data)) && isSpacedWordEdge(lastCharacter(last)) && !LONE_LETTER.test(last) && !LONE_LETTER.test(data);
  };

  const addText = (data: string, frame: Frame | undefined): void => {
    const separate = separateNext;
    closedInline = false;
    separateNext = false;
    const cell = frame?.table?.cell;
    if (cell) {
      if (separate && separates(cell.pieces, data, frame)) {
        cell.pieces.push(' ');
        cell.rawLength++;
        collectBreak();
      }
      cell.pieces.push(data);
      cell.rawLength += data.length;
      if (frame.linkDepth > 0) frame.table!.linkChars += collapsedLength(data);
      collect(data);
      return;
    }
    const blank = !NON_BLANK.test(data);
    // Whitespace before a block's first word is trimmed anyway: indentation between elements costs nothing.
    if (blank && pieces.length === 0 && captures.length === 0) return;
    if (pieces.length === 0 && pendingImage) {
      blockHasImageBefore = true;
      pendingImage = false;
    }
    if (separate && separates(pieces, data, frame)) {
      pieces.push(' ');
      rawLength++;
      collectBreak();
    }
    pieces.push(data);
    rawLength += data.length;
    if (!blank) hasText = true;
    if (frame && frame.linkDepth > 0) linkChars += collapsedLength(data);
    if (!blank) commonInlineFlags &= frame?.inlineOwn ?? 0;
    collect(data);
  };

  /** Marks go to the text being filled: the open cell of a data table, or the block. */
  const mark = (frame: Frame | undefined, kind: Mark['kind'], span: OpenSpan | null): void => {
    const cell = frame?.table?.cell;
    if (cell) cell.marks.push({ at: cell.rawLength, kind, span });
    else marks.push({ at: rawLength, kind, span });
  };

  /** A block boundary inside a data table's cell (<p>, <div>, <br>…): the cell's text goes on after a space. */
  const separateInCell = (table: TableState): void => {
    if (!table.cell) return;
    table.cell.pieces.push(' ');
    table.cell.rawLength++;
  };

  const finishCell = (table: TableState): void => {
    const cell = table.cell!;
    table.cell = null;
    const raw = cell.pieces.join('');
    const text = normalizeText(raw);
    const spans = cell.marks.length > 0 && text ? placeSpans(raw, cell.marks, text) : undefined;
    const out: { text: string; header: boolean; colspan?: number; rowspan?: number; spans?: InlineSpan[] } = { text, header: cell.header };
    if (cell.colspan > 1) out.colspan = cell.colspan;
    if (cell.rowspan > 1) out.rowspan = cell.rowspan;
    if (spans) out.spans = spans;
    (table.row ??= []).push(out);
  };

  const finishRow = (table: TableState): void => {
    if (table.cell) finishCell(table);
    if (table.row && table.row.length > 0) table.rows.push(table.row);
    table.row = null;
    table.rowOwner = null;
  };

  /** The data table of `frame` as one block (or a few, past a block's bound), after any stray text in it. */
  const finishTable = (frame: Frame): void => {
    const table = frame.table!;
    finishRow(table);
    flush(frame);
    let links = table.linkChars;
    const quote = frame.quote > 0 ? frame.quote : undefined;
    // A table longer than a block can be is cut into tables of whole rows: one table all the same (continuesRun).
    let firstChunk = true;
    for (const chunk of tableChunks(table.rows)) {
      const continuesRun = firstChunk ? undefined : (true as const);
      firstChunk = false;
      const ownLinks = Math.min(links, chunk.text.length);
      links -= ownLinks;
      blocks.push({
        index: blocks.length,
        text: chunk.text,
        tag: 'table',
        flags: 0,
        innermost: 0,
        inlineFlags: 0,
        linkChars: ownLinks,
        container: frame.container,
        headingLevel: frame.headingLevel,
        afterImage: false,
        list: listPlace(frame),
        quote,
        code: undefined,
        codeBlock: undefined,
        table: { rows: chunk.rows },
        inline: undefined,
        continuesRun,
      });
    }
  };

  const noteImage = (element: Element, parent: Frame | undefined): void => {
    if (parent?.table || parent?.code || parent?.hidden || isHidden(element)) return;
    let img: Element | null = element;
    let src: string | null;
    if (element.name === 'picture') ({ element: img, src } = pictureImage(element));
    else src = imageSource(element);
    const attribs = img?.attribs ?? {};
    const image: WalkImage = {
      src,
      alt: attribs.alt ? normalizeText(attribs.alt) : '',
      width: pixels(attribs.width),
      height: pixels(attribs.height),
      before: blocks.length,
      container: parent?.container ?? rootContainer,
      figure: parent?.figure?.container ?? -1,
      linked: (parent?.linkDepth ?? 0) > 0,
      caption: null,
    };
    images.push(image);
    if (hasText) imagesAfterBlock.push(image);
  };

  // Explicit-stack depth-first traversal: [node, entering?] pairs.
  const work: Array<AnyNode | null> = [];
  const rootChildren = (root as unknown as { children?: AnyNode[] }).children ?? [];
  for (let i = rootChildren.length - 1; i >= 0; i--) work.push(rootChildren[i]!);

  let visited = 0;
  while (work.length > 0) {
    const node = work.pop();
    if (++visited % 4096 === 0) watchdog.check('walking the HTML tree');
    if (node === null) {
      // Closing the element on top of the stack.
      const frame = stack.pop()!;
      if (frame.closeQuote !== undefined) addText(frame.closeQuote, frame);
      closedInline = !frame.isBlock;
      if (frame.isBlock) separateNext = false;
      if (captures.length > 0 && ((TAG_INFO.get(frame.node.name) ?? NO_TAG_INFO).kinds & BLOCK) !== 0) collectLine();
      if (frame.capture) {
        captures.pop();
        const whole = frame.capture.chars > MAX_CAPTURE_CHARS ? '' : frame.capture.parts.join('');
        const name = frame.node.name;
        // collapseWhitespace reads AUTHOR_LINE as white space: an h1's or a <time>'s lines are one text.
        const text = name === 'h1' || name === 'time' ? collapseWhitespace(whole) : authorLines(whole);
        if (text) {
          if (name === 'h1') {
            captured.h1.push(text);
            h1Links.push(frame.capture.link ?? null);
          } else if (name === 'time') captured.times.push(text);
          else captured.authors.push(text);
        }
      }
      if (frame.span) {
        mark(frame, MARK_CLOSE, frame.span);
        // Nearly always the last one open: a pop, where a splice would make an array of what it removed.
        if (openSpans[openSpans.length - 1] === frame.span) openSpans.pop();
        else {
          const at = openSpans.lastIndexOf(frame.span);
          if (at >= 0) openSpans.splice(at, 1);
        }
      }
      const table = frame.table;
      const ownsTable = table !== null && stack[stack.length - 1]?.table !== table;
      if (table && !ownsTable && !frame.isBlock) {
        if (table.cell?.owner === frame) finishCell(table);
        else if (table.rowOwner === frame) finishRow(table);
        else if (frame.node.name === 'thead') table.headDepth--;
        else if (BLOCK_TAGS.has(frame.node.name)) separateInCell(table);
      }
      if (frame.isBlock) {
        if (ownsTable) finishTable(frame);
        else flush(frame);
        containers.end[frame.container] = blocks.length;
        if (frame.node.name === 'figcaption' && frame.figure && !frame.figure.caption) {
          frame.figure.caption = { start: containers.start[frame.container]!, end: blocks.length };
        } else if (frame.node.name === 'figure' && frame.figure && frame.figure.container === frame.container) {
          for (let k = frame.figure.firstImage; k < images.length; k++) {
            const image = images[k]!;
            if (image.figure === frame.container) image.caption ??= frame.figure.caption;
          }
        }
      }
      if (frame.node.name === 'figure' || frame.node.name === 'img' || frame.node.name === 'picture') pendingImage = true;
      continue;
    }
    if (node === undefined) continue;
    if (isText(node)) {
      const frame = top();
      if (frame?.hiddenInline) continue;
      addText(node.data, frame);
      continue;
    }
    if (!isTag(node)) continue;
    const element = node;
    const tag = element.name; // lower-case already: htmlparser2 lower-cases HTML tag names
    const info = TAG_INFO.get(tag) ?? NO_TAG_INFO;
    if (mayStateMetadata(element, info)) metadataSources.elements.push(element);
    if (tag === 'br') {
      collectLine();
      const frame = top();
      if (frame?.table?.cell) {
        // A line break in a data table's cell: a break span at the space (a GFM cell writes it as <br>).
        frame.table.cell.marks.push({ at: frame.table.cell.rawLength, kind: MARK_BREAK, span: null });
        separateInCell(frame.table);
      } else if (frame?.pre) {
        pieces.push('\n');
        rawLength++;
      } else {
        marks.push({ at: rawLength, kind: MARK_BREAK, span: null });
        pieces.push(' ');
        rawLength++;
      }
      continue;
    }
    // An emoji drawn as an image (EMOJI_ALT) is text: no picture of the page.
    const isImage = IMAGE_TAGS.has(tag) && !otherMediaVariant(element);
    const emoji = isImage && tag !== 'picture' ? emojiAlt(element) : null;
    if (emoji === null) {
      if (isImage) noteImage(element, top());
      if (isImage || tag === 'video' || tag === 'iframe') pendingImage = true;
    }
    // A <noscript> the conformant parser read with scripting on holds its markup as raw text (parse.ts routes such
    // pages to parse5): that text is markup, not words, so such a noscript is skipped; htmlparser2's elements are walked.
    if (
      info.kinds & SKIPPED ||
      (tag === 'noscript' && element.children.every((child) => child.type === 'text')) ||
      // An icon font's glyph named by a word (cues/tags.ts LIGATURE_ICON_CLASS): drawn, not read.
      (element.attribs.class?.includes(LIGATURE_ICON_CLASS_PART) === true && LIGATURE_ICON_CLASS.test(element.attribs.class)) ||
      // A heading's permalink marker ("¶", "#": cues/tags.ts PERMALINK_MARK): no word of the text.
      (tag === 'a' && element.attribs.href?.startsWith('#') === true && isPermalinkMarker(element)) ||
      // The line numbers a highlighter prints in a table cell beside the code's: no line of the code.
      (tag === 'pre' && isLineNumberGutter(element))
    ) {
      collectMetadataElements(element, metadataSources.elements);
      // A formula's text is read here rather than walked: its elements are no blocks, spans or metadata of the page.
      // A hidden one (an encyclopedia's MathML beside the image it shows instead) stays out.
      if (tag === 'math' && !(top()?.hidden ?? false) && !isHidden(element)) addText(formulaText(element), top());
      else if (emoji !== null && !(top()?.hiddenInline ?? false) && !isHidden(element)) addText(emoji, top());
      continue;
    }

    const parent = top();
    // Hidden elements are walked but marked: a cookie banner or newsletter modal shown by a script is still a
    // notice or a prompt, but hidden text is never the article's body.
    const hidden = isHidden(element);
    const stated = statedFlags(element);
    const own = info.flags | classFlags(element, tag, classCache) | stated | (hidden ? Context.HIDDEN : 0);
    let isBlock = (info.kinds & BLOCK) !== 0;
    // Inside a data table only its caption is a block of its own: rows, cells and what they hold are the table's.
    let table = parent?.table ?? null;
    let cellOpened = false;
    let rowOpened = false;
    if (table !== null && isBlock && tag !== 'caption') {
      isBlock = false;
      if (tag === 'tr' && table.rowOwner === null && table.cell === null) {
        finishRow(table);
        table.row = [];
        rowOpened = true;
      } else if ((tag === 'td' || tag === 'th') && table.cell === null) {
        cellOpened = true;
      } else if (tag === 'thead') {
        table.headDepth++;
      } else {
        separateInCell(table);
      }
    }
    let container = parent?.container ?? rootContainer;
    if (isBlock) {
      flush(parent);
      container = openContainer(tag, own, info.flags | stated, parent, element.attribs.class);
    }
    if (tag === 'table' && table === null && isDataTable(element)) table = { rows: [], row: null, rowOwner: null, cell: null, headDepth: 0, linkChars: 0 };
    const headingLevel = info.kinds & HEADING ? Number(tag[1]) : (parent?.headingLevel ?? 0);
    const isAuthor =
      (own & Context.META) !== 0 &&
      (/author|byline|autor/i.test((element.attribs.class ?? '') + (element.attribs.itemprop ?? '')) || AUTHOR_REL.test(element.attribs.rel ?? '')) &&
      // A <noscript>'s crawler view states its authors by microdata (./page-metadata.ts reads it, replies apart): no capture there.
      !stack.some((frame) => frame.node.name === 'noscript') &&
      // A commenter's name ("comment-author", a recent-comments widget's "comment-author-link") is a reader's, not the page's byline.
      !inComments(own | (parent?.inlineOwn ?? 0), parent?.container ?? rootContainer);
    // <time> without a datetime attribute: its text is the date ("March 4, 2024").
    const isLink = tag === 'a' && element.attribs.href !== undefined;
    if (isLink) for (const open of captures) open.link ??= element;
    const capture = (tag === 'h1' || isAuthor || (tag === 'time' && !element.attribs.datetime)) && captures.length < MAX_OPEN_CAPTURES ? { parts: [], chars: 0, link: stack.findLast((open) => open.node.name === 'a' && open.node.attribs.href !== undefined)?.node } : null;
    if (capture) captures.push(capture);

    let list = parent?.list ?? null;
    let item = parent?.item ?? null;
    // Lists inside a data table's cells are part of the cell's text.
    if (!parent?.table) {
      if (info.kinds & LIST) {
        const ordered = tag === 'ol';
        const reversed = ordered && element.attribs.reversed !== undefined;
        const start = ordered ? integerAttribute(element.attribs.start, reversed ? ownItems(element) : 1) : 1;
        list = { ordered, depth: (list?.depth ?? 0) + 1, start, numbering: ordered ? listNumbering(element) : undefined, items: 0, next: start, step: reversed ? -1 : 1, tasks: isTaskList(element) };
      } else if (tag === 'li' && list !== null) {
        // The standard's ordinal value: an item's own value, else the one before it plus the step.
        const value = list.ordered ? integerAttribute(element.attribs.value, list.next) : list.next;
        list.next = value + list.step;
        item = { list, position: ++list.items, value, blocks: 0, checked: list.tasks ? taskBox(element)?.checked : undefined };
      }
    }
    let code = parent?.code ?? null;
    if (code === null && info.kinds & PREFORMATTED) {
      code = { number: preformattedCount++, language: codeLanguage(element.attribs.class) ?? codeLanguage((element.parent as Partial<Element> | null)?.attribs?.class) };
    } else if (code !== null && code.language === null && tag === 'code') {
      code.language = codeLanguage(element.attribs.class);
    }
    let span: OpenSpan | null = null;
    if (!isBlock && code === null) {
      const type = INLINE_SPAN_TAGS.get(tag);
      if (type !== undefined) span = { type };
      else if (isLink) span = { type: 'link', href: element.attribs.href! };
    }
    const frame: Frame = {
      node: element,
      container,
      isBlock,
      inlineOwn: isBlock ? 0 : (parent?.inlineOwn ?? 0) | (own & ~Context.LINK),
      linkDepth: (parent?.linkDepth ?? 0) + (isLink ? 1 : 0),
      headingLevel,
      pre: (parent?.pre ?? false) || (info.kinds & PREFORMATTED) !== 0,
      capture,
      list,
      item,
      table,
      figure: tag === 'figure' && isBlock ? { container, firstImage: images.length, caption: null } : (parent?.figure ?? null),
      quote: (parent?.quote ?? 0) + (tag === 'blockquote' ? 1 : 0),
      code,
      span,
      hidden: (parent?.hidden ?? false) || hidden,
      hiddenInline: !isBlock && table === null && ((parent?.hiddenInline ?? false) || (hidden && !(parent?.hidden ?? false) && blockShowsWords(stack))),
      literal: (parent?.literal ?? false) || code !== null || INLINE_SPAN_TAGS.get(tag) === 'code',
      lang: element.attribs.lang !== undefined ? element.attribs.lang.trim().toLowerCase() : (parent?.lang ?? ''),
      quotations: parent?.quotations ?? 0,
    };
    const quoteMarks = tag === 'q' && !isBlock && code === null && !frame.hiddenInline ? quotationMarks(element, frame.lang, frame.quotations) : null;
    if (quoteMarks !== null) {
      frame.quotations++;
      frame.closeQuote = quoteMarks[1];
    }
    if (isBlock) closedInline = separateNext = false;
    else if (closedInline) separateNext = true;
    if ((info.kinds & BLOCK) !== 0) collectLine();
    if (rowOpened) table!.rowOwner = frame;
    if (cellOpened) {
      table!.cell = {
        pieces: [],
        rawLength: 0,
        marks: [],
        header: tag === 'th' || table!.headDepth > 0,
        colspan: colspanOf(element),
        rowspan: rowspanOf(element),
        owner: frame,
      };
    }
    if (span) {
      mark(frame, MARK_OPEN, span);
      if (!frame.table?.cell) openSpans.push(span);
    }
    const children = shownChildren(element, slotted, metadataSources.elements, shadowRoots);
    let first = 0;
    let end = children.length;
    if (quoteMarks !== null) {
      // The marks stand at the quotation's words: white space at the edges of the <q> goes outside them ("„ Super “" was
      // "<q> <span>Super</span> </q>"), the space before written before the opening mark, the one after after the closing one.
      const isBlank = (child: AnyNode): boolean => isText(child) && !NON_BLANK.test(child.data);
      while (first < end && isBlank(children[first]!)) addText((children[first++] as unknown as { data: string }).data, frame);
      while (end > first && isBlank(children[end - 1]!)) end--;
      for (let i = children.length - 1; i >= end; i--) work.push(children[i]!);
      addText(quoteMarks[0], frame);
    }
    stack.push(frame);
    work.push(null);
    for (let i = end - 1; i >= first; i--) work.push(children[i]!);
  }
  flush(undefined);
  containers.end[rootContainer] = blocks.length;
  return { blocks, images, containers, captured, metadataSources };
}
