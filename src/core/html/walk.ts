/**
 * One pass over the parsed tree: visible text split into blocks in document order, each with
 * the context it sits in, plus the text of the elements that carry metadata (h1, bylines, <time>).
 * What the page states in attributes (meta tags, JSON-LD, canonical link, lang) is read with
 * cheerio's selectors in ./page-metadata.ts.
 *
 * The walk is iterative (an explicit stack), so 100,000 nested elements cannot overflow the
 * call stack, and it never calls `.text()` on a subtree. Whitespace follows layout: block
 * elements (and <br>) break blocks, inline elements join their text to the block as written.
 */
import type { AnyNode, Element, Text } from 'domhandler';
import { BLOCK_TAGS, HEADING_TAGS, PREFORMATTED_TAGS, SKIPPED_TAGS } from '../cues/tags.js';
import { Context, ITEMPROP_FLAGS, ROLE_FLAGS, TAG_FLAGS, attributeFlags } from '../cues/attributes.js';
import { collapseWhitespace, collapsedLength, normalizeText, splitLongText } from '../normalize.js';
import { INPUT_LIMITS } from '../options.js';
import type { Watchdog } from '../watchdog.js';

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
}

/** Metadata read from the text of elements during the walk (the attributes are read with cheerio: ./page-metadata.ts). */
export interface CapturedMetadata {
  /** Text of <time> elements without a datetime attribute, in document order. */
  readonly times: string[];
  /** Text of elements marked as author/byline (class or itemprop or rel=author). */
  readonly authors: string[];
  /** Text of h1 elements. */
  readonly h1: string[];
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
  readonly containers: ContainerTable;
  readonly captured: CapturedMetadata;
  readonly metadataSources: MetadataSources;
}

/** Text collected under an element for metadata; `chars` past MAX_CAPTURE_CHARS means given up. */
interface Capture {
  parts: string[];
  chars: number;
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
}

const NON_BLANK = /\S/;
/** Elements that can carry page metadata in their attributes or text (see MetadataSources). */
const METADATA_TAGS: ReadonlySet<string> = new Set(['html', 'title', 'meta', 'link', 'script', 'time']);

function mayStateMetadata(element: Element): boolean {
  return METADATA_TAGS.has(element.name) || element.attribs.itemprop !== undefined;
}

/** The elements under a skipped element that may state metadata, appended in document order. */
function collectMetadataElements(skipped: Element, into: Element[]): void {
  const pending: AnyNode[] = [];
  for (let i = skipped.children.length - 1; i >= 0; i--) pending.push(skipped.children[i]!);
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (node.type !== 'tag' && node.type !== 'script' && node.type !== 'style') continue;
    const element = node as Element;
    if (mayStateMetadata(element)) into.push(element);
    for (let i = element.children.length - 1; i >= 0; i--) pending.push(element.children[i]!);
  }
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
const AUTHOR_REL = /\bauthor\b/i;
const HIDDEN_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\s*(?:!important\s*)?(?:;|$)/i;

/** Hidden from every reader: the `hidden` attribute or an inline display:none / visibility:hidden. (aria-hidden
 *  only hides from screen readers; what it marks is on screen.) */
function isHidden(element: Element): boolean {
  const attribs = element.attribs;
  if (attribs.hidden !== undefined) return true;
  const style = attribs.style;
  return style !== undefined && HIDDEN_STYLE.test(style);
}

function elementFlags(element: Element, tag: string, classCache: Map<string, number>): number {
  const attribs = element.attribs;
  let flags = TAG_FLAGS.get(tag) ?? 0;
  const className = attribs.class;
  const id = attribs.id;
  if (className !== undefined || id !== undefined) {
    const classAndId = (id === undefined ? className! : className === undefined ? id : className + ' ' + id).slice(0, INPUT_LIMITS.classChars);
    let cached = classCache.get(classAndId);
    if (cached === undefined) {
      cached = attributeFlags(classAndId);
      classCache.set(classAndId, cached);
    }
    flags |= cached;
  }
  const role = attribs.role;
  if (role) flags |= ROLE_FLAGS.get(role.toLowerCase()) ?? 0;
  const itemprop = attribs.itemprop;
  if (itemprop) flags |= ITEMPROP_FLAGS.get(itemprop.toLowerCase()) ?? 0;
  return flags;
}

function structuralFlags(element: Element, tag: string): number {
  const attribs = element.attribs;
  let flags = TAG_FLAGS.get(tag) ?? 0;
  if (attribs.role) flags |= ROLE_FLAGS.get(attribs.role.toLowerCase()) ?? 0;
  if (attribs.itemprop) flags |= ITEMPROP_FLAGS.get(attribs.itemprop.toLowerCase()) ?? 0;
  return flags;
}

export function walk(root: AnyNode, watchdog: Watchdog): WalkResult {
  const blocks: Block[] = [];
  const containers: ContainerTable = { start: [], end: [], flags: [], structural: [], depth: [], tag: [], parent: [] };
  const captured: CapturedMetadata = { times: [], authors: [], h1: [] };
  const metadataSources: MetadataSources = { elements: [] };
  const classCache = new Map<string, number>();

  // The current block being filled.
  let pieces: string[] = [];
  let linkChars = 0;
  let commonInlineFlags = -1;
  let pendingImage = false;
  let blockHasImageBefore = false;

  const rootContainer = 0;
  containers.start.push(0);
  containers.end.push(0);
  containers.flags.push(0);
  containers.structural.push(0);
  containers.depth.push(0);
  containers.tag.push('#document');
  containers.parent.push(-1);

  const stack: Frame[] = [];
  const captures: Capture[] = [];

  const flush = (frame: Frame | undefined): void => {
    if (pieces.length === 0) return;
    const raw = pieces.join('');
    pieces = [];
    let links = linkChars;
    linkChars = 0;
    const inlineFlags = commonInlineFlags === -1 ? 0 : commonInlineFlags;
    commonInlineFlags = -1;
    const pre = frame?.pre ?? false;
    const container = frame?.container ?? rootContainer;
    // A text run longer than a block can be becomes several blocks (bounded memory; see INPUT_LIMITS); the link
    // characters go to the first of them.
    for (const part of splitLongText(raw)) {
      const text = normalizeText(part, pre);
      if (!text) continue;
      const ownLinks = Math.min(links, text.length);
      links -= ownLinks;
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
      });
      blockHasImageBefore = false;
      if (part.length < raw.length) watchdog.check('walking the HTML tree');
    }
  };

  const top = (): Frame | undefined => stack[stack.length - 1];

  const openContainer = (tag: string, flags: number, structural: number, parent: Frame | undefined): number => {
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

  const addText = (data: string, frame: Frame | undefined): void => {
    const blank = !NON_BLANK.test(data);
    // Whitespace before a block's first word is trimmed anyway: indentation between elements costs nothing.
    if (blank && pieces.length === 0 && captures.length === 0) return;
    if (pieces.length === 0 && pendingImage) {
      blockHasImageBefore = true;
      pendingImage = false;
    }
    pieces.push(data);
    if (frame && frame.linkDepth > 0) linkChars += collapsedLength(data);
    if (!blank) commonInlineFlags &= frame?.inlineOwn ?? 0;
    for (const capture of captures) {
      if (capture.chars > MAX_CAPTURE_CHARS) continue;
      capture.chars += data.length;
      if (capture.chars > MAX_CAPTURE_CHARS) capture.parts = [];
      else capture.parts.push(data);
    }
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
      if (frame.capture) {
        captures.pop();
        const text = frame.capture.chars > MAX_CAPTURE_CHARS ? '' : collapseWhitespace(frame.capture.parts.join(''));
        if (text) {
          if (frame.node.name === 'h1') captured.h1.push(text);
          else if (frame.node.name === 'time') captured.times.push(text);
          else captured.authors.push(text);
        }
      }
      if (frame.isBlock) {
        flush(frame);
        containers.end[frame.container] = blocks.length;
      }
      if (frame.node.name === 'figure' || frame.node.name === 'img' || frame.node.name === 'picture') pendingImage = true;
      continue;
    }
    if (node === undefined) continue;
    if (node.type === 'text') {
      const frame = top();
      addText((node as Text).data, frame);
      continue;
    }
    if (node.type !== 'tag' && node.type !== 'script' && node.type !== 'style') continue;
    const element = node as Element;
    const tag = element.name; // lower-case already: htmlparser2 lower-cases HTML tag names
    if (mayStateMetadata(element)) metadataSources.elements.push(element);
    if (tag === 'br') {
      if (top()?.pre) pieces.push('\n');
      else pieces.push(' ');
      continue;
    }
    if (tag === 'img' || tag === 'picture' || tag === 'video' || tag === 'iframe') pendingImage = true;
    if (SKIPPED_TAGS.has(tag)) {
      collectMetadataElements(element, metadataSources.elements);
      continue;
    }

    const parent = top();
    // Hidden elements are walked but marked: a cookie banner or newsletter modal shown by a script is still a
    // notice or a prompt, but hidden text is never the article's body.
    const own = elementFlags(element, tag, classCache) | (isHidden(element) ? Context.HIDDEN : 0);
    const isBlock = BLOCK_TAGS.has(tag) || tag === 'hr';
    let container = parent?.container ?? rootContainer;
    if (isBlock) {
      flush(parent);
      container = openContainer(tag, own, structuralFlags(element, tag), parent);
    }
    const headingLevel = HEADING_TAGS.has(tag) ? Number(tag[1]) : (parent?.headingLevel ?? 0);
    const isAuthor =
      (own & Context.META) !== 0 &&
      (/author|byline|autor/i.test((element.attribs.class ?? '') + (element.attribs.itemprop ?? '')) || AUTHOR_REL.test(element.attribs.rel ?? ''));
    // <time> without a datetime attribute: its text is the date ("March 4, 2024").
    const capture = (tag === 'h1' || isAuthor || (tag === 'time' && !element.attribs.datetime)) && captures.length < MAX_OPEN_CAPTURES ? { parts: [], chars: 0 } : null;
    if (capture) captures.push(capture);
    const frame: Frame = {
      node: element,
      container,
      isBlock,
      inlineOwn: isBlock ? 0 : (parent?.inlineOwn ?? 0) | (own & ~Context.LINK),
      linkDepth: (parent?.linkDepth ?? 0) + (tag === 'a' && element.attribs.href !== undefined ? 1 : 0),
      headingLevel,
      pre: (parent?.pre ?? false) || PREFORMATTED_TAGS.has(tag),
      capture,
    };
    stack.push(frame);
    work.push(null);
    const children = element.children;
    for (let i = children.length - 1; i >= 0; i--) work.push(children[i]!);
  }
  flush(undefined);
  containers.end[rootContainer] = blocks.length;
  return { blocks, containers, captured, metadataSources };
}
