/**
 * HTML text → DOM (domhandler nodes), as a browser would build it.
 *
 * Two parsers give the same kind of tree (domhandler's, which the walk and cheerio read):
 *
 * - htmlparser2, the parser cheerio's slim build uses, with the same options. It is 5-8× faster
 *   than a conformant parser, but it is not one: it ends a script at the first `</script>` even
 *   inside `<!--` (the standard's "double-escaped" script data), does not end one at `</script/>`,
 *   does not end a comment at `--!>`, keeps the rest of a page inside an unclosed inline `<svg>`
 *   where the standard breaks out of it at the next `<p>`, opens a `<head>` met in the body, lets
 *   text stay inside a `<table>` where the standard moves it before the table, and so on.
 * - parse5, a conformant HTML parser (the standard's tokenizer and tree construction), with
 *   parse5-htmlparser2-tree-adapter, as cheerio's own `load` uses it.
 *
 * The fast parse watches for the constructs on which the two differ (RISKS below): while it builds
 * the tree, its handler looks at what it meets (the tag opened and what is open around it, the
 * text of a script, a comment's data, an element closed by someone else's end tag), and the first
 * construct found stops it. Such a page is parsed again with parse5. A page with none of them
 * gives the same visible text from either parser: `npm run differential` holds that on generated
 * constructs and on every corpus page (scripts/differential.ts).
 *
 * Both parses are written chunk by chunk, for two guarantees a single call cannot give:
 *
 * - the time budget holds during parsing: the watchdog looks at the clock after every chunk.
 *   htmlparser2 keeps its stack of open elements with `unshift` and looks closing tags up with
 *   `indexOf`, so 100,000 nested elements cost it seconds per chunk of extra depth (quadratic);
 *   parse5 looks elements up in scope (the stack, to a boundary) and moves foster-parented nodes
 *   with `indexOf`: a page built that way stops with TIME_BUDGET_EXCEEDED shortly after the budget
 *   instead of parsing for minutes.
 * - memory is bounded: every node and attribute costs a few hundred bytes before the walk and
 *   the classifier add theirs, and markup as dense as `<p>` repeated makes 20 million elements
 *   of 64 MiB. Each parse counts the nodes and attributes it creates and stops with TOO_LARGE
 *   past `maxNodes`.
 *
 * One construct is repaired rather than parsed again: a head that text or an element of the body
 * closes early for the standard (`<div id="fb-root"></div>` or an `<img>` among the meta tags, as
 * on a few pages in a hundred), where htmlparser2 keeps them and the rest of the head in the head.
 * reopenBody moves them into the body as the standard places them, on pages where nothing else
 * the walk reads differs from the conformant tree (RISKS.bodyInHead names what sends a page to
 * parse5 all the same): the corpus pages so repaired have the documents parse5's tree gave them.
 *
 * A streaming parser gives the same tree whatever the chunking (text split at a chunk boundary
 * is joined back by the handler); test/adversarial checks it on generated pages.
 */
import { DomHandler, Element, Text, isTag, type ChildNode, type Document, type ParentNode } from 'domhandler';
import { Parser, Tokenizer } from 'htmlparser2';
import { Parser as ConformantParser, type TreeAdapter } from 'parse5';
import { adapter, type Htmlparser2TreeAdapterMap } from 'parse5-htmlparser2-tree-adapter';
import { CleanError } from './errors.js';
import { INPUT_LIMITS } from './options.js';
import { ScriptEscapes } from './script-escape.js';
import { SHADOW_ROOT_MODE } from './html/walk.js';
import { CLOCK_CHECKS, type Watchdog } from './watchdog.js';

/**
 * The constructs on which htmlparser2's tree and the standard's differ in what a reader sees, each
 * with the standard's rule (WHATWG HTML, "parsing HTML documents"). `npm run differential` finds
 * any that is missing: a page whose text differs between the parsers although none was seen.
 */
export const RISKS = {
  nul: 'a NUL character: the standard replaces or drops it by context (`</scr\\0ipt>` is no end tag), htmlparser2 keeps it',
  scriptDoubleEscape: 'a script whose `</script>` comes while the standard reads it "double escaped" (`<!--`, then `<script` with no `-->` after them: src/core/script-escape.ts): that end tag does not end it; or a script that opens `<!--` and then holds `<script` on a page with a difference the walk reads that the fast parse lets by on other pages (see bodyInHead)',
  rawTextEndTag: 'a `</script`, `</style`, `</title`, `</textarea` or `</xmp` followed by white space or `/` inside that element: the standard ends the element there, htmlparser2 does not',
  commentEnd: 'a comment ended the odd ways (`--!>`, `<!-->`, `<!--->`): the standard ends it there, htmlparser2 reads on to the next `-->`',
  bogusComment: 'a `<![CDATA[` outside svg and math: a comment to the first `>` for the standard, to `]]>` for htmlparser2',
  foreignBreakout: 'an HTML element (p, div, b, ul, table…) opened inside svg or math: the standard closes the svg there, htmlparser2 keeps the rest of the page inside it',
  foreignRawText: 'markup in a script, style or title inside svg or math: there it is markup for the standard, text for htmlparser2',
  headInBody: 'a `<head>` after the body began: the standard ignores it, htmlparser2 opens it (and the walk skips what it holds)',
  bodyInHead: 'text or a body element (div, img, br…) directly inside an open `<head>` (the standard closes the head there and opens the body, htmlparser2 keeps them in the head) on a page whose tree reopenBody cannot make the standard\'s: an element still open at `</head>` or `<body>` (the standard keeps it open), a `</p>` there (the standard ignores it), a template, html, frameset or bgsound after it, or anywhere a difference the walk reads that the fast parse lets by on other pages (WatchingHandler.softDifference: markup in an iframe, noembed or noframes, a noscript in a noscript, a link in a link, a caption outside a table, a row or cell without its tbody or tr; a CR made by a character reference)',
  plaintext: 'a `<plaintext>`: everything after it is text for the standard',
  tableText: 'text or an element directly inside table, tbody, thead, tfoot or tr: the standard moves it before the table ("foster parenting")',
  scopeClosed: 'a table, cell, caption, template, select, object or raw-text element (noscript, iframe, noembed, noframes) closed by the end tag of an element outside it: the standard ignores such an end tag (or reads it as text)',
  rawTextInMarkup: 'an end tag of noscript, iframe, noembed or noframes in a comment, an attribute or a script inside that element: their content is text for the standard, which ends them there',
  emptyEndTag: 'a `</>` inside noscript, iframe, noembed or noframes (text there for the standard, markup for htmlparser2), or one that texts around a chunk boundary may make (a character reference\'s `<` before `/>`): elsewhere the standard reads it as nothing and htmlparser2 as text, and the fast parse drops it (WatchingHandler.ontext) on a page that then stands in for its conformant parse',
  endTagSpace: 'an end tag opened by white space (`</ b>`, `</ >`, `</` and a line break): the standard reads it as a comment up to the next `>` (`<b>bold</ b>still bold</b>` keeps the b open; `a</ >b` shows "ab"), htmlparser2 skips the white space and reads an end tag (closing the b) or text ("a</ >b")',
  shadowRoot: 'a declarative shadow root (`<template shadowrootmode="open">`, or the older `shadowroot` attribute): the walk shows its host\'s children only through its slots (html/walk.ts shownChildren), so which children are the host\'s decides what is read, and htmlparser2 closes an open element at a start tag only when it is the current one, where the standard closes a `<p>`, `<li>`, `<dd>`, `<dt>` through the elements inside it (`<p>Lead <x-note><template …></template><p>Text</p>` puts the second paragraph after the host, shown, for the standard; in the host, unslotted and hidden, for htmlparser2)',
} as const;

export type Risk = keyof typeof RISKS;

/**
 * Where an element may stand directly in a table's parts without being moved out ("in table", "in table body", "in row").
 * A Map: the handler looks up the parent of every element and text (a plain object's keyed lookup by a tag name the
 * parser made costs more).
 */
const TABLE_CONTENT: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['table', new Set(['caption', 'colgroup', 'col', 'tbody', 'thead', 'tfoot', 'tr', 'td', 'th', 'script', 'style', 'template', 'form', 'input'])],
  ['tbody', new Set(['tr', 'td', 'th', 'script', 'style', 'template', 'form', 'input'])],
  ['thead', new Set(['tr', 'td', 'th', 'script', 'style', 'template', 'form', 'input'])],
  ['tfoot', new Set(['tr', 'td', 'th', 'script', 'style', 'template', 'form', 'input'])],
  ['tr', new Set(['td', 'th', 'script', 'style', 'template', 'form', 'input'])],
]);

/** The table parts inside which the standard opens a tbody (for a row or a cell), a tr (for a cell) or a colgroup first. */
const IMPLIED_TABLE_PARTS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['table', new Set(['tr', 'td', 'th', 'col'])],
  ['tbody', new Set(['td', 'th'])],
  ['thead', new Set(['td', 'th'])],
  ['tfoot', new Set(['td', 'th'])],
]);

/** Start tags that break out of svg and math ("in foreign content"); font only with color, face or size. */
const FOREIGN_BREAKOUT: ReadonlySet<string> = new Set([
  'b', 'big', 'blockquote', 'body', 'br', 'center', 'code', 'dd', 'div', 'dl', 'dt', 'em', 'embed', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'head', 'hr', 'i', 'img', 'li', 'listing', 'menu', 'meta', 'nobr', 'ol', 'p', 'pre', 'ruby', 's', 'small', 'span', 'strong', 'strike',
  'sub', 'sup', 'table', 'tt', 'u', 'ul', 'var',
]);
/** Elements of svg and math whose content is HTML again (htmlparser2 lower-cases foreignObject). */
const INTEGRATION_POINTS: ReadonlySet<string> = new Set(['foreignobject', 'desc', 'title', 'mi', 'mo', 'mn', 'ms', 'mtext', 'annotation-xml']);
/** Elements whose text htmlparser2 reads raw (script data, RAWTEXT, RCDATA), as the standard does in HTML. */
const RAW_TEXT: ReadonlySet<string> = new Set(['script', 'style', 'title', 'textarea', 'xmp']);
/** Elements an end tag of an outer element must not close ("has an element in scope" stops at them, or their content is text). */
const SCOPE_BOUNDARIES: ReadonlySet<string> = new Set(['table', 'td', 'th', 'caption', 'template', 'select', 'object', 'applet', 'marquee', 'noscript', 'iframe', 'noembed', 'noframes']);
/** Elements whose content the standard reads as text (with scripting on, as in a browser) and htmlparser2 as markup. */
const TEXT_CONTENT: ReadonlySet<string> = new Set(['noscript', 'iframe', 'noembed', 'noframes']);
const TEXT_CONTENT_END = /<\/(?:noscript|iframe|noembed|noframes)/i;
/** Elements the standard keeps in the head ("in head"); anything else closes it. */
const HEAD_CONTENT: ReadonlySet<string> = new Set(['base', 'basefont', 'bgsound', 'link', 'meta', 'title', 'noscript', 'noframes', 'style', 'script', 'template', 'head']);
/**
 * Elements that the repair of a head closed early (reopenBody) does not take into the body: their content or their
 * place differs between the parsers there (template: a fragment for the standard; html, frameset: merged or ignored
 * by it; bgsound: not void for htmlparser2).
 */
const NOT_REOPENED: ReadonlySet<string> = new Set(['template', 'html', 'frameset', 'bgsound']);
/** Elements that may come before `<body>` (a `<head>` after any other is in the body). */
const BEFORE_BODY: ReadonlySet<string> = new Set(['html', 'head', 'meta', 'title', 'link', 'script', 'style', 'base', 'noscript', 'template']);

/** What the handler asks of nearly every tag, as bits of one lookup per element (TAG_KINDS). */
const KIND_TEXT_CONTENT = 1;
const KIND_RAW_TEXT = 2;
const KIND_BEFORE_BODY = 4;
const KIND_TABLE_PART = 8;
const TAG_KINDS: ReadonlyMap<string, number> = (() => {
  const kinds = new Map<string, number>();
  const add = (names: Iterable<string>, kind: number): void => {
    for (const name of names) kinds.set(name, (kinds.get(name) ?? 0) | kind);
  };
  add(TEXT_CONTENT, KIND_TEXT_CONTENT);
  add(RAW_TEXT, KIND_RAW_TEXT);
  add(BEFORE_BODY, KIND_BEFORE_BODY);
  add(TABLE_CONTENT.keys(), KIND_TABLE_PART);
  return kinds;
})();

const NON_BLANK = /[^\t\n\f\r ]/;
/** The end tags htmlparser2 misses in each raw-text element: followed by white space or `/`. */
const RAW_TEXT_END: Readonly<Record<string, RegExp>> = Object.fromEntries([...RAW_TEXT].map((name) => [name, new RegExp(`</${name}[\\t\\n\\f\\r /]`, 'i')]));
/** A `<script` start tag inside a script's `<!--` (searched from the `<!--`: global, for lastIndex). */
const NESTED_SCRIPT = /<script[\t\n\f\r />]/gi;
/** How much of the previous text of an element is kept to find a pattern cut by a chunk boundary. */
const TAIL_CHARS = 16;

/**
 * The nodes and attributes a parse has added: past `maxNodes` the parse stops with TOO_LARGE, and
 * every CLOCK_CHECKS.nodesPerCheck of them the clock is looked at, so that neither waits for the
 * end of a chunk that makes millions of them.
 */
class NodeBudget {
  count = 0;
  private nextCheck: number = CLOCK_CHECKS.nodesPerCheck;

  constructor(
    private readonly watchdog: Watchdog,
    private readonly limits: ParseLimits,
    private readonly stage: string,
  ) {}

  add(nodes: number): void {
    this.count += nodes;
    if (this.count > this.limits.maxNodes) {
      throw new CleanError('TOO_LARGE', `the page has more than ${this.limits.maxNodes} HTML nodes and attributes: over the maxNodes limit`);
    }
    if (this.count < this.nextCheck) return;
    this.nextCheck = this.count + CLOCK_CHECKS.nodesPerCheck;
    this.watchdog.check(this.stage);
  }
}

/** What SkippingTokenizer reads and moves of htmlparser2's tokenizer (private in its types). */
interface TokenizerInternals {
  /** The chunk being read, the index of the character being read (in the whole input), and the chunk's start in it. */
  buffer: string;
  index: number;
  offset: number;
  decodeEntities: boolean;
  stateText(c: number): void;
  handleInAttributeValue(c: number, quote: number): void;
}

const LESS_THAN = 0x3c;
const AMPERSAND = 0x26;
const DOUBLE_QUOTE = 0x22;
const TOKENIZER = Tokenizer.prototype as unknown as TokenizerInternals;

/**
 * htmlparser2's tokenizer, stepping over the characters that do nothing in one search. With entities decoded (as
 * here), its states for a text and for a quoted attribute value look at every character through its parse loop (a
 * call, a switch, a bounds test), and all but `<` and `&` in a text, the quote and `&` in a value, do nothing: the
 * index goes to the next character that does something (by indexOf; the next `&` of the chunk kept, since most texts
 * have none), or to the chunk's end, one before it as the loop steps on. Where it already skips (to the `<` in a
 * script, the `>` after an end tag's name, a comment's end), it does so by indexOf rather than a loop of charCodeAt.
 * The same events at the same indexes, so the same tree (test/core/parse.test.ts: the tree stock htmlparser2 builds,
 * whatever the chunking). Over trafilatura-eval's pages htmlparser2 parses in 0.72-0.76 of the time with it (1.54 -> 1.1-1.17 s a pass).
 */
export class SkippingTokenizer extends Tokenizer {
  /** The chunk in which the next `&` was found, and its index there (the chunk's length: none), at or after the index it was looked for from. */
  private ampersandChunk = '';
  private ampersandAt = -1;

  /** Where the next `&` at or after `from` is in `chunk` (its length when none): the indexes asked only grow within a chunk. */
  nextAmpersand(chunk: string, from: number): number {
    if (this.ampersandChunk !== chunk || this.ampersandAt < from) {
      const at = chunk.indexOf('&', from);
      this.ampersandChunk = chunk;
      this.ampersandAt = at === -1 ? chunk.length : at;
    }
    return this.ampersandAt;
  }
}

/** SkippingTokenizer's overrides of private methods, which a subclass cannot declare in TypeScript. */
interface Skipping extends TokenizerInternals {
  nextAmpersand(chunk: string, from: number): number;
}

Object.assign(SkippingTokenizer.prototype, {
  stateText(this: Skipping, c: number): void {
    if (c === LESS_THAN || c === AMPERSAND || !this.decodeEntities) {
      TOKENIZER.stateText.call(this, c);
      return;
    }
    const { buffer, offset } = this;
    const from = this.index - offset + 1;
    const tag = buffer.indexOf('<', from);
    const stop = Math.min(tag === -1 ? buffer.length : tag, this.nextAmpersand(buffer, from));
    this.index = stop + offset - 1;
  },
  handleInAttributeValue(this: Skipping, c: number, quote: number): void {
    if (c === quote || c === AMPERSAND || !this.decodeEntities) {
      TOKENIZER.handleInAttributeValue.call(this, c, quote);
      return;
    }
    const { buffer, offset } = this;
    const from = this.index - offset + 1;
    const end = buffer.indexOf(quote === DOUBLE_QUOTE ? '"' : "'", from);
    const stop = Math.min(end === -1 ? buffer.length : end, this.nextAmpersand(buffer, from));
    this.index = stop + offset - 1;
  },
  /** htmlparser2's fastForwardTo: the index at the next `c` of the chunk (true), or at its last character (false). */
  fastForwardTo(this: Skipping, c: number): boolean {
    const at = this.buffer.indexOf(String.fromCharCode(c), this.index - this.offset + 1);
    if (at !== -1) {
      this.index = at + this.offset;
      return true;
    }
    this.index = this.buffer.length + this.offset - 1;
    return false;
  },
});

/** htmlparser2's parser (with SkippingTokenizer), telling which elements it takes as void (closed as soon as opened). */
class VoidTellingParser extends Parser {
  constructor(handler: DomHandler) {
    super(handler, { Tokenizer: SkippingTokenizer });
  }

  isVoid(name: string): boolean {
    return this.isVoidElement(name);
  }
}

/**
 * domhandler's tree builder, counting the nodes it adds (elements, text, comments, CDATA, doctype)
 * and their attributes, and watching for the constructs of RISKS.
 */
class WatchingHandler extends DomHandler {
  risk: Risk | null = null;
  private foreignDepth = 0;
  private integrationDepth = 0;
  /** Open elements of TEXT_CONTENT. */
  private textContentDepth = 0;
  /** The current run of text so far (the last text event, or its last characters), to find `</>` cut by a chunk boundary. */
  private textTail = '';
  private bodyBegan = false;
  private headSeen = false;
  /**
   * The first `<head>` while htmlparser2 holds it open, and where the page stands against the standard's closing of it:
   * 'open' until text or a body element is met directly inside it ('broken': the standard closed the head there and put
   * the rest in the body), 'closed' once htmlparser2 closed a broken head, 'done' once the body began after it (or the
   * head closed unbroken).
   */
  head: Element | null = null;
  private headState: 'open' | 'broken' | 'closed' | 'done' = 'open';
  /** Text or a body element was met directly inside the head: the tree needs reopenBody. */
  headBroken = false;
  private noscriptDepth = 0;
  /** Every noscript element, and where its content begins in the page. */
  readonly noscripts: Array<{ element: Element; start: number }> = [];
  /** Open `<a>` elements. */
  private anchorDepth = 0;
  /** The parser writing to this handler: which elements it takes as void, where a tag ends in the page. */
  htmlParser: VoidTellingParser | null = null;
  /** The TAG_KINDS of the open elements, as tagStack holds them (the document's first: none). */
  private readonly kinds: number[] = [0];
  /** Elements closed as implied since the last tag event: by the next explicit end tag, or by a start tag. */
  private implied: string[] = [];
  /** The end of the current raw-text element's text so far, and whether it opened `<!--`. */
  private rawTail = '';
  /** The current script's place in the standard's escaped sections, from its first `<!--` on (null before one). */
  private escapes: ScriptEscapes | null = null;
  /** The current script opened `<!--` and then holds `<script`: the construct once sent to parse5 on sight. */
  private nestedScript = false;
  /** A `</>` was dropped from the text (ontext): the construct once sent to parse5 on sight. */
  emptyEndTagDropped = false;
  /**
   * The page once went to parse5 and its tree now stands for the conformant one (a head reopened, a script with `<!--`
   * and `<script` that the standard ends where htmlparser2 does): it must read as the standard's (finishStandIn).
   */
  standsIn = false;
  /**
   * Something the walk reads differs from the standard's tree, of the kinds the fast parse lets by because the visible
   * text is the same: an element in an iframe, noembed or noframes (text for the standard) or a noscript in a noscript,
   * an `<a>` in an `<a>` (the standard closes the first), a `<caption>` outside a table (the standard drops the tag), a
   * row or a cell without the tbody or tr the standard puts around it. A page that stands in for its conformant parse
   * goes to parse5 all the same. (A noscript's elements are made its text: noscriptsAsText.)
   */
  softDifference = false;

  constructor(private readonly budget: NodeBudget) {
    super();
  }

  private flag(risk: Risk): void {
    this.risk ??= risk;
  }

  private parentName(): string | undefined {
    return (this.tagStack[this.tagStack.length - 1] as Element | undefined)?.name;
  }

  /** `isImplied`: htmlparser2 made the element for an end tag (`</p>`, `</br>`). */
  override onopentag(name: string, attribs: Record<string, string>, isImplied?: boolean): void {
    // Setting an array's length is a call into the engine: only when there is something to drop.
    if (this.implied.length !== 0) this.implied.length = 0;
    this.textTail = '';
    const parent = this.parentName();
    const kind = TAG_KINDS.get(name) ?? 0;
    const parentKind = this.kinds[this.kinds.length - 1]!;
    let attributes = 0;
    for (const _ in attribs) attributes++;
    this.budget.add(attributes);
    if (this.textContentDepth > 0) {
      for (const key in attribs) if (TEXT_CONTENT_END.test(attribs[key]!)) this.flag('rawTextInMarkup');
      // Whatever a noscript holds becomes text as the standard reads it (noscriptsAsText); a noscript in it ends sooner there.
      if (this.noscriptDepth === 0 || name === 'noscript') this.softDifference = true;
    }
    if (kind & KIND_TEXT_CONTENT) this.textContentDepth++;
    if (name === 'noscript') this.noscriptDepth++;
    if (name === 'head') {
      if (this.bodyBegan || this.headSeen) this.flag('headInBody');
      this.headSeen = true;
    } else if (!this.bodyBegan && !(kind & KIND_BEFORE_BODY)) {
      this.bodyBegan = true;
    }
    if (name === 'plaintext') this.flag('plaintext');
    if (name === 'template' && SHADOW_ROOT_MODE.test(attribs.shadowrootmode ?? attribs.shadowroot ?? '')) this.flag('shadowRoot');
    if (this.headState !== 'done') this.watchHeadOpen(name, isImplied === true);
    if (name === 'a' && this.anchorDepth++ > 0) this.softDifference = true;
    if (name === 'caption' && parent !== 'table') this.softDifference = true;
    if (parentKind & KIND_TABLE_PART) {
      if (!TABLE_CONTENT.get(parent!)!.has(name)) this.flag('tableText');
      if (IMPLIED_TABLE_PARTS.get(parent!)?.has(name)) this.softDifference = true;
    }
    if (this.foreignDepth > 0 && this.integrationDepth === 0) {
      if (FOREIGN_BREAKOUT.has(name) || (name === 'font' && (attribs.color !== undefined || attribs.face !== undefined || attribs.size !== undefined))) this.flag('foreignBreakout');
      if (INTEGRATION_POINTS.has(name)) this.integrationDepth++;
    }
    if (name === 'svg' || name === 'math') this.foreignDepth++;
    if (kind & KIND_RAW_TEXT) {
      this.rawTail = '';
      this.escapes = null;
      this.nestedScript = false;
    }
    super.onopentag(name, attribs);
    this.kinds.push(kind);
    if (name === 'head' && this.head === null) this.head = this.tagStack[this.tagStack.length - 1] as Element;
    // The standard's text of a noscript begins after the `>` of its start tag.
    if (name === 'noscript') this.noscripts.push({ element: this.tagStack[this.tagStack.length - 1] as Element, start: this.htmlParser!.endIndex + 1 });
  }

  /**
   * A start tag before the body began (see reopenBody): the first text or body element directly inside the head breaks
   * it, and until the body begins nothing may come that the repair cannot place as the standard does.
   */
  private watchHeadOpen(name: string, isImplied: boolean): void {
    if (this.headState === 'open') {
      if (this.head === null || this.tagStack[this.tagStack.length - 1] !== this.head || HEAD_CONTENT.has(name)) return;
      // `</p>` in the head: htmlparser2 makes a <p> of it, the standard ignores it.
      if (isImplied && name === 'p') {
        this.flag('bodyInHead');
        return;
      }
      this.breakHead();
    }
    // Opened where the head was, a body: htmlparser2 closed the head (a `<body>` closes it), and nothing of what broke it is open.
    const bodyInPlace = name === 'body' && this.head !== null && this.tagStack[this.tagStack.length - 1] === this.head.parent;
    if (NOT_REOPENED.has(name) || (name === 'body' && !bodyInPlace)) this.flag('bodyInHead');
    else if (bodyInPlace) this.headState = 'done';
  }

  private breakHead(): void {
    this.headState = 'broken';
    this.headBroken = true;
    this.standsIn = true;
  }

  /** htmlparser2 says which element it closes and whether the close was implied (by another element's tag, or the end). */
  override onclosetag(closed?: string, isImplied?: boolean): void {
    if (closed !== undefined) this.watchClose(closed, isImplied === true);
    this.textTail = '';
    const element = this.tagStack[this.tagStack.length - 1] as Element | undefined;
    const name = element?.name ?? '';
    if (this.kinds.length > 1 && this.kinds.pop()! & KIND_TEXT_CONTENT) this.textContentDepth--;
    if (name === 'noscript') this.noscriptDepth--;
    if (name === 'svg' || name === 'math') {
      this.foreignDepth--;
      if (this.foreignDepth === 0) this.integrationDepth = 0;
    } else if (this.foreignDepth > 0 && this.integrationDepth > 0 && INTEGRATION_POINTS.has(name)) {
      this.integrationDepth--;
    }
    if (name === 'a') this.anchorDepth--;
    if (name === 'script' && this.nestedScript) {
      // The standard ends the script at this `</script>` only out of a double-escaped section (at the end of the page both end it).
      if (isImplied !== true && this.escapes!.doubleEscaped) this.flag('scriptDoubleEscape');
      else this.standsIn = true;
    }
    if (element !== undefined && element === this.head) {
      if (this.headState === 'broken') this.headState = 'closed';
      else if (this.headState === 'open') this.headState = 'done';
    }
    super.onclosetag();
  }

  private watchClose(name: string, isImplied: boolean): void {
    if (isImplied) {
      this.implied.push(name);
      return;
    }
    // An explicit end tag closed the elements implied before it: one of them may have been a boundary the standard keeps open.
    for (const closed of this.implied) if (SCOPE_BOUNDARIES.has(closed)) this.flag('scopeClosed');
    // `</head>` of a broken head closed what was open in it: the standard ignores that end tag and keeps them open.
    if (name === 'head' && this.headState === 'broken' && this.implied.some((closed) => !this.htmlParser!.isVoid(closed))) this.flag('bodyInHead');
    if (this.implied.length !== 0) this.implied.length = 0;
  }

  override ontext(data: string): void {
    const parentKind = this.kinds[this.kinds.length - 1]!;
    if (parentKind & KIND_RAW_TEXT) {
      this.watchRawText(this.parentName()!, data);
    } else {
      // Cut, `</>` ends the text before with `<` or `</`, and this one begins with `/>` or `>`.
      const first = data.charCodeAt(0);
      if (this.textTail !== '' && (first === 0x2f || first === 0x3e) && (this.textTail.slice(-2) + data.slice(0, 2)).includes('</>')) this.flag('emptyEndTag');
      // The text itself, not a copy of its end: a copy only of a text too short to hold the two characters.
      this.textTail = data.length >= 2 ? data : this.textTail.slice(-2) + data;
      if (data.includes('</>')) {
        // An end tag without a name is nothing for the standard (a parse error, no token: the text on either side joins),
        // text for htmlparser2, which hands it over at the start of a text of its own (each `<` in text ends the text
        // before it; a character reference's `<` comes alone): dropped here, and the page stands in for its conformant
        // parse (finishStandIn). In the elements whose content is text for the standard it is that text.
        if (this.textContentDepth > 0) this.flag('emptyEndTag');
        else {
          data = data.replaceAll('</>', '');
          this.emptyEndTagDropped = true;
          this.standsIn = true;
          if (data === '') return;
        }
      }
      if (parentKind & KIND_TABLE_PART && NON_BLANK.test(data)) this.flag('tableText');
      if (this.headState === 'open' && this.tagStack[this.tagStack.length - 1] === this.head && NON_BLANK.test(data)) this.breakHead();
    }
    super.ontext(data);
  }

  /**
   * The text of a script, style, title, textarea or xmp (scripts are most of a modern page's bytes: no copy, no lower-casing).
   * htmlparser2 hands a raw text over in pieces, one at each chunk's end: a pattern cut by a chunk boundary lies within the
   * tail of the text before (TAIL_CHARS, longer than any pattern) and the first TAIL_CHARS characters of this one, so the
   * patterns are looked for in that joint and in this text, never in the two joined: reading `tail + text` made V8 copy
   * the text (35 million characters a pass over trafilatura-eval, a quarter of its pages' text).
   */
  private watchRawText(name: string, data: string): void {
    const joint = this.rawTail === '' ? '' : this.rawTail + data.slice(0, TAIL_CHARS);
    // Every pattern starts with `<`: a text without one (most script chunks after the first) has none.
    const hasLessThan = data.includes('<') || joint.includes('<');
    if (hasLessThan) {
      if (this.foreignDepth > 0 && this.integrationDepth === 0) this.flag('foreignRawText');
      if (this.textContentDepth > 0 && (TEXT_CONTENT_END.test(data) || TEXT_CONTENT_END.test(joint))) this.flag('rawTextInMarkup');
      if (RAW_TEXT_END[name]!.test(data) || RAW_TEXT_END[name]!.test(joint)) this.flag('rawTextEndTag');
    }
    // Once a script opened `<!--`, each of its texts goes through the standard's escaped states (rare: the two joined there).
    if (name === 'script' && (this.escapes !== null || (hasLessThan && (data.includes('<!--') || joint.includes('<!--'))))) this.watchScript(this.rawTail + data, data);
    this.rawTail = data.length >= TAIL_CHARS ? data.slice(-TAIL_CHARS) : (this.rawTail + data).slice(-TAIL_CHARS);
  }

  /** A script's text (`text`: with the tail of the one before; `data`: this one alone) from its first `<!--` on. */
  private watchScript(text: string, data: string): void {
    let from = 0;
    if (this.escapes === null) {
      from = text.indexOf('<!--');
      this.escapes = new ScriptEscapes();
      this.escapes.read(text, from);
    } else {
      this.escapes.read(data);
    }
    if (!this.nestedScript) {
      NESTED_SCRIPT.lastIndex = from;
      this.nestedScript = NESTED_SCRIPT.test(text);
    }
  }

  override oncomment(data: string): void {
    this.textTail = '';
    if (this.textContentDepth > 0 && TEXT_CONTENT_END.test(data)) this.flag('rawTextInMarkup');
    if (data.includes('--!>') || data.startsWith('>') || data.startsWith('->')) this.flag('commentEnd');
    if (data.startsWith('[CDATA[') && data.includes('>') && !(this.foreignDepth > 0 && this.integrationDepth === 0)) this.flag('bogusComment');
    super.oncomment(data);
  }

  protected override addNode(node: ChildNode): void {
    this.budget.add(1);
    super.addNode(node);
  }
}

export interface ParseLimits {
  /** Most nodes and attributes the tree may hold. */
  readonly maxNodes: number;
}

/** What the caller knows of the text beforehand, to spare the parse a pass over it. */
export interface ParseHints {
  /** The text holds no U+0000 (../decode.ts DecodedInput.nulFree): RISKS.nul is not looked for. */
  readonly nulFree?: boolean;
}

export interface ParsedHtml {
  readonly document: Document;
  /** The parser that built the tree. */
  readonly parser: 'htmlparser2' | 'parse5';
  /** Why the page went to parse5: the first construct of RISKS met, or null. */
  readonly risk: Risk | null;
}

/** The first node of a head that the standard does not keep in the head: text, or an element of the body. */
function breaksHead(node: ChildNode): boolean {
  return node.type === 'text' ? NON_BLANK.test(node.data) : isTag(node) && !HEAD_CONTENT.has(node.name);
}

/** Sets the parent and siblings of every child of a node, after its children were changed. */
function relink(parent: ParentNode): void {
  const children = parent.children;
  for (let i = 0; i < children.length; i++) {
    const child = children[i]!;
    child.parent = parent;
    child.prev = children[i - 1] ?? null;
    child.next = children[i + 1] ?? null;
  }
}

/**
 * The tree the standard builds for a page whose head holds text or an element of the body (`<div id="fb-root"></div>`,
 * an `<img>`, a stray word), made from htmlparser2's, which keeps them in the head (where the walk skips them). The
 * standard closes the head at the first of them and opens the body ("in head": anything else): that node and every
 * one after it in the head, meta, link, title, script and style included, go in the body, and so does what
 * htmlparser2 put between the head and the body. `</head>` is then ignored, and a `<body>` tag gives its attributes to
 * the body already open, which had none: htmlparser2's body element holds the same ones. The handler sent to parse5
 * the pages where more than the place differs (WatchingHandler.watchHeadOpen, RISKS.bodyInHead). White space that the
 * breaking text begins with stays in the head (the tokenizer hands the standard white space as its own token), and
 * texts that meet are joined, as the standard adds text to the text node before it. Moved in slices and concatenated,
 * never spread: a head may hold the whole page.
 */
function reopenBody(head: Element, budget: NodeBudget): void {
  const container = head.parent!;
  const inHead = head.children;
  let at = inHead.findIndex(breaksHead);
  let moved: ChildNode[] = [];
  const first = inHead[at]!;
  if (first.type === 'text') {
    const start = first.data.search(NON_BLANK);
    if (start > 0) {
      budget.add(1);
      moved.push(new Text(first.data.slice(start)));
      first.data = first.data.slice(0, start);
      at++;
    }
  }
  moved = moved.concat(inHead.splice(at));
  const siblings = container.children;
  const headAt = siblings.indexOf(head);
  let bodyAt = headAt + 1;
  while (bodyAt < siblings.length && !(isTag(siblings[bodyAt]!) && (siblings[bodyAt] as Element).name === 'body')) bodyAt++;
  let body: Element;
  if (bodyAt < siblings.length) {
    body = siblings[bodyAt] as Element;
    moved = moved.concat(siblings.splice(headAt + 1, bodyAt - headAt - 1));
  } else {
    // No `<body>`: the standard's body holds everything after the head's first body node.
    budget.add(1);
    body = new Element('body', {});
    moved = moved.concat(siblings.splice(headAt + 1));
    siblings.push(body);
  }
  const children: ChildNode[] = [];
  for (const node of moved.concat(body.children)) {
    const last = children[children.length - 1];
    if (node.type === 'text' && last?.type === 'text') last.data += node.data;
    else children.push(node);
  }
  body.children = children;
  relink(head);
  relink(container);
  relink(body);
}

/** The end tag that ends a noscript's text for the standard (searched from its start: global, for lastIndex). */
const NOSCRIPT_END = /<\/noscript[\t\n\f\r />]/gi;

/**
 * The content of every noscript as the standard reads it with scripting on (as a browser does): the text of the page
 * up to its `</noscript>` (raw text: no markup, no character references; CR LF and CR read as LF), where htmlparser2
 * made elements. Done for a repaired page only (reopenBody), whose tree stands for the conformant one it had: on
 * other pages the walk reads a noscript's elements (flagged) as it always did. The handler sent to parse5 the pages
 * where htmlparser2 ends a noscript elsewhere (RISKS.rawTextInMarkup, scopeClosed; a noscript in a noscript).
 */
function noscriptsAsText(text: string, noscripts: ReadonlyArray<{ element: Element; start: number }>): void {
  for (const { element, start } of noscripts) {
    NOSCRIPT_END.lastIndex = start;
    const end = NOSCRIPT_END.exec(text)?.index ?? text.length;
    const data = text.slice(start, end).replace(/\r\n?/g, '\n');
    element.children = data === '' ? [] : [new Text(data)];
    relink(element);
  }
}

/** A character reference to CR: the standard keeps the CR it gives, where every CR of the markup itself is read as LF. */
const CR_REFERENCE = /&#(?:0*13|[xX]0*[dD])(?![0-9a-fA-F])/;

/**
 * The text, comments and attribute values of a repaired page as the standard reads them: its input stream turns CR LF
 * and CR into LF before tokenizing, htmlparser2 keeps them (on other pages the walk reads them as white space, as it
 * always did). One pass over the tree, for a repaired page with a CR only.
 */
function crAsNewline(root: ParentNode, watchdog: Watchdog): void {
  const pending: ChildNode[] = root.children.slice();
  for (let visited = 1; pending.length > 0; visited++) {
    if (visited % CLOCK_CHECKS.nodesPerCheck === 0) watchdog.check('parsing HTML');
    const node = pending.pop()!;
    if (node.type === 'text' || node.type === 'comment') {
      if (node.data.includes('\r')) node.data = node.data.replace(/\r\n?/g, '\n');
    } else if (isTag(node)) {
      for (const name in node.attribs) if (node.attribs[name]!.includes('\r')) node.attribs[name] = node.attribs[name]!.replace(/\r\n?/g, '\n');
      for (const child of node.children) pending.push(child);
    }
  }
}

/**
 * The tree of a page that once went to parse5 (WatchingHandler.standsIn) made the conformant one, or the risk that
 * still sends it there: the head reopened as the standard does, noscripts as text, CR as LF. A page with a difference
 * the walk reads that none of these undoes keeps its conformant parse, so that its document stays the one parse5's tree
 * gave it; so does one with a CR made by a character reference (it cannot be told from one of the markup's).
 */
function finishStandIn(text: string, handler: WatchingHandler, budget: NodeBudget, watchdog: Watchdog): { document: Document; risk: Risk | null } {
  const hasCr = text.includes('\r');
  if (handler.softDifference || (hasCr && CR_REFERENCE.test(text))) {
    return { document: handler.root, risk: handler.headBroken ? 'bodyInHead' : handler.emptyEndTagDropped ? 'emptyEndTag' : 'scriptDoubleEscape' };
  }
  if (handler.headBroken) reopenBody(handler.head!, budget);
  noscriptsAsText(text, handler.noscripts);
  if (hasCr) crAsNewline(handler.root, watchdog);
  return { document: handler.root, risk: null };
}

/**
 * RISKS.endTagSpace, looked for in the whole text as a NUL is (no corpus page has one: a script's text with one costs its
 * page the conformant parse, no more): whether `</` stands before a tab, line feed, form feed, carriage return or space
 * anywhere, as /<\/[\t\n\f\r ]/ tells. Each `</` found by indexOf and the character after it read: over trafilatura-eval's
 * decoded pages 37 ms a pass where the pattern took 64 (two occurrences of `</` cannot overlap).
 */
export function hasEndTagSpace(text: string): boolean {
  for (let at = text.indexOf('</'); at !== -1; at = text.indexOf('</', at + 2)) {
    const c = text.charCodeAt(at + 2);
    if (c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d || c === 0x0c) return true;
  }
  return false;
}

/**
 * The fast parse, watching for RISKS: the tree, or the first risk met (the parse stops at the
 * chunk where it is met, since the page is parsed again anyway).
 */
export function parseFast(text: string, watchdog: Watchdog, limits: ParseLimits, hints: ParseHints = {}): { document: Document; risk: Risk | null } {
  // htmlparser2's HTML defaults (no xmlMode, entities decoded), as cheerio's slim `load(text, { xml: false })` used them.
  const budget = new NodeBudget(watchdog, limits, 'parsing HTML');
  const handler = new WatchingHandler(budget);
  const parser = new VoidTellingParser(handler);
  handler.htmlParser = parser;
  if (hints.nulFree !== true && text.includes('\0')) return { document: handler.root, risk: 'nul' };
  if (hasEndTagSpace(text)) return { document: handler.root, risk: 'endTagSpace' };
  const chunk = CLOCK_CHECKS.parseChunkChars;
  for (let start = 0; start < text.length; start += chunk) {
    parser.write(text.slice(start, start + chunk));
    watchdog.check('parsing HTML');
    if (handler.risk) return { document: handler.root, risk: handler.risk };
  }
  parser.end();
  if (handler.risk === null && handler.standsIn) return finishStandIn(text, handler, budget, watchdog);
  return { document: handler.root, risk: handler.risk };
}

/**
 * The namespaces and prefixes of the attributes of an element none of whose attributes has one:
 * nearly every element (only svg and math adjust xlink:, xml: and xmlns attributes). Shared and
 * frozen; an element whose attributes are adopted gets its own (adoptAttributes below).
 */
const NO_ATTRIBUTE_NAMESPACES: Record<string, string> = Object.freeze(Object.create(null) as Record<string, string>);

/**
 * An element as parse5-htmlparser2-tree-adapter makes it, at the cost of htmlparser2's own. The
 * adapter gives every element three null-prototype objects (its attributes, their namespaces and
 * their prefixes), which V8 keeps as dictionaries: 719 bytes of heap per `<p>` against
 * htmlparser2's 198 (measured with 200,000 `<p>`), so a page that the conformant parser read up
 * to maxNodes needed 1.8 GB for its tree alone, and `<p>` three million times ran out of a 1 GiB
 * heap before reaching TOO_LARGE. Here the attributes are a plain object, as htmlparser2 gives
 * them (the walk reads both alike), and the namespaces and prefixes are shared when there are
 * none: 223 bytes per `<p>`, so maxNodes bounds memory for either parser.
 */
function createElement(tagName: string, namespaceURI: Element['namespace'], attrs: ReadonlyArray<{ name: string; value: string; namespace?: string; prefix?: string }>): Element {
  const attribs: Record<string, string> = {};
  for (const attr of attrs) {
    if (attr.namespace !== undefined || attr.prefix !== undefined) return adapter.createElement(tagName, namespaceURI as never, attrs as never);
    attribs[attr.name] = attr.value;
  }
  const element = new Element(tagName, attribs, []);
  element.namespace = namespaceURI;
  element['x-attribsNamespace'] = NO_ATTRIBUTE_NAMESPACES;
  element['x-attribsPrefix'] = NO_ATTRIBUTE_NAMESPACES;
  return element;
}

/**
 * parse5's tree builder for domhandler nodes, counting the nodes and attributes it creates. Text
 * that joins the text node before it is kept as pieces and joined when parse5 moves on to another
 * node: parse5 adds a text node's content token by token (a word, then a space…), and `data +=`
 * would keep every token as a rope node until the string is read (200 MB for a 16 MB paragraph).
 * One node grows at a time (pieces kept per node until the end cost a million small text nodes
 * about 200 bytes each, enough to push a page near maxNodes into a 1 GiB heap's garbage
 * collections); a node grown again later (text foster-parented before a table, between cells)
 * gets its new text as one rope node after the old, never a copy of the old (quadratic).
 */
function countingAdapter(budget: NodeBudget): { treeAdapter: TreeAdapter<Htmlparser2TreeAdapterMap>; finish: () => void } {
  /** The text node growing now: its text before, the joined chunks since, and the small pieces since the last chunk. */
  let growing: { node: Text; before: string; chunks: string[]; pieces: string[] } | null = null;
  const finish = (): void => {
    if (growing === null) return;
    growing.node.data = growing.before + growing.chunks.join('') + growing.pieces.join('');
    growing = null;
  };
  const append = (node: Text, text: string): void => {
    // Reading a character makes V8 flatten the token parse5 built character by character (see boundedRuns).
    text.charCodeAt(0);
    if (growing?.node !== node) {
      finish();
      growing = { node, before: node.data, chunks: [], pieces: [] };
    }
    const { pieces, chunks } = growing;
    pieces.push(text);
    // Every few thousand pieces become one chunk: a bounded number of strings per node, each piece copied twice.
    if (pieces.length >= CLOCK_CHECKS.nodesPerCheck) {
      chunks.push(pieces.join(''));
      pieces.length = 0;
    }
  };
  const lastText = (node: ChildNode | null | undefined): Text | null => (node?.type === 'text' ? node : null);
  const treeAdapter: TreeAdapter<Htmlparser2TreeAdapterMap> = {
    ...adapter,
    createElement: (tagName, namespaceURI, attrs) => {
      budget.add(1 + attrs.length);
      // Reading a character makes V8 flatten a value that parse5 built character by character (see boundedRuns).
      for (const attr of attrs) attr.value.charCodeAt(0);
      return createElement(tagName, namespaceURI, attrs);
    },
    // A second <html> or <body> tag gives the first its attributes that it lacks: they count too.
    adoptAttributes: (recipient, attrs) => {
      const added = attrs.filter((attr) => !Object.hasOwn(recipient.attribs, attr.name));
      if (added.length === 0) return;
      budget.add(added.length);
      // The shared namespaces are replaced by the element's own (an absent namespace reads as undefined either way).
      const namespaces: Record<string, string> = Object.assign(Object.create(null) as Record<string, string>, recipient['x-attribsNamespace']);
      const prefixes: Record<string, string> = Object.assign(Object.create(null) as Record<string, string>, recipient['x-attribsPrefix']);
      for (const attr of added) {
        attr.value.charCodeAt(0);
        recipient.attribs[attr.name] = attr.value;
        if (attr.namespace !== undefined) namespaces[attr.name] = attr.namespace;
        if (attr.prefix !== undefined) prefixes[attr.name] = attr.prefix;
      }
      recipient['x-attribsNamespace'] = namespaces;
      recipient['x-attribsPrefix'] = prefixes;
    },
    createCommentNode: (data) => {
      budget.add(1);
      data.charCodeAt(0);
      return adapter.createCommentNode(data);
    },
    // Text joins the text node before it when there is one: only a new node counts.
    insertText: (parent, text) => {
      const previous = lastText(parent.children[parent.children.length - 1]);
      if (previous) {
        append(previous, text);
        return;
      }
      budget.add(1);
      text.charCodeAt(0);
      adapter.insertText(parent, text);
    },
    insertTextBefore: (parent, text, reference) => {
      const previous = lastText(reference.prev);
      if (previous) {
        append(previous, text);
        return;
      }
      budget.add(1);
      text.charCodeAt(0);
      adapter.insertTextBefore(parent, text, reference);
    },
  };
  return { treeAdapter, finish };
}

/** What is kept of a long tag's end: its last attributes, the close of its value or of its comment. */
const TAG_END_CHARS = 64;

/** `<` followed by what starts a tag, an end tag, a comment or a processing instruction. */
function startsTag(text: string, at: number): boolean {
  const c = text.charCodeAt(at + 1);
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x21 || c === 0x2f || c === 0x3f;
}

/**
 * Tags and comments (or what reads like one in a script) longer than conformantTagChars before
 * their `>`, each cut to its first conformantTagChars characters and its last few, of the middle
 * only its quote characters: the tag ends at the same `>` (a quote left open would carry the rest
 * of the page into an attribute value), a comment at the same `-->`. Found by a scan, not a regex:
 * a repetition counted in millions overflows V8's regexp compiler.
 */
function cutLongTags(text: string): string {
  const max = INPUT_LIMITS.conformantTagChars;
  const parts: string[] = [];
  let copied = 0;
  for (let lt = text.indexOf('<'); lt !== -1; ) {
    const gt = text.indexOf('>', lt);
    const end = gt === -1 ? text.length : gt;
    // The first `<` before this `>` that starts a tag is where its stretch begins.
    let start = lt;
    while (start !== -1 && start < end && !startsTag(text, start)) start = text.indexOf('<', start + 1);
    if (start !== -1 && start < end && end - start > max + TAG_END_CHARS) {
      let quotes = '';
      for (let i = start + max; i < end - TAG_END_CHARS; i++) {
        const c = text.charCodeAt(i);
        if (c === 0x22 || c === 0x27) quotes += String.fromCharCode(c);
      }
      parts.push(text.slice(copied, start + max), quotes);
      copied = end - TAG_END_CHARS;
    }
    if (gt === -1) break;
    lt = text.indexOf('<', gt);
  }
  if (copied === 0) return text;
  parts.push(text.slice(copied));
  return parts.join('');
}

/** White space as the tokenizer splits character tokens by it (and as `\s` matches, a superset). */
function isSpaceCode(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d);
}

/**
 * The page as the conformant parser gets it: the runs that would cost it memory bounded (see
 * INPUT_LIMITS.conformantRunChars and conformantTagChars). parse5 appends a token's characters
 * one by one, and V8 keeps each append as a rope node of about 32 bytes until the string is read.
 * A run of NUL becomes one NUL, a run of white space is cut, a run of other characters (no `<`,
 * `>`, `&`) gets a space every conformantRunChars. One pass by hand: a regex counted in tens of
 * thousands retries from every position of a shorter run (quadratic on a minified script), and
 * the pass writes only when a run needs it.
 */
function boundedRuns(html: string): string {
  const text = cutLongTags(html);
  const max = INPUT_LIMITS.conformantRunChars;
  let units: Uint16Array | null = null;
  let length = 0;
  let word = 0;
  let space = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let keep = true;
    let spaceAfter = false;
    if (c === 0) {
      keep = text.charCodeAt(i - 1) !== 0;
      word = space = 0;
    } else if (isSpaceCode(c)) {
      word = 0;
      keep = ++space <= max;
    } else if (c === 0x3c || c === 0x3e || c === 0x26) {
      word = space = 0;
    } else {
      space = 0;
      if (++word === max) {
        spaceAfter = true;
        word = 0;
      }
    }
    if (units === null) {
      if (keep && !spaceAfter) continue;
      // The first change: from here on the page is copied (each kept character, and the spaces added).
      units = new Uint16Array(text.length + Math.ceil(text.length / max) + 1);
      for (let k = 0; k < i; k++) units[k] = text.charCodeAt(k);
      length = i;
    }
    if (keep) units[length++] = c;
    if (spaceAfter) units[length++] = 0x20;
  }
  return units === null ? text : new TextDecoder('utf-16le').decode(units.subarray(0, length));
}

/**
 * The conformant parse: parse5's tokenizer fed chunk by chunk (as parse5-parser-stream feeds it),
 * with scripting enabled (as in a browser, `<noscript>` content is text), the clock looked at
 * after every chunk and every few thousand nodes, and the nodes counted.
 */
export function parseConformant(html: string, watchdog: Watchdog, limits: ParseLimits): Document {
  const text = boundedRuns(html);
  watchdog.check('parsing HTML (conformant parser)');
  const { treeAdapter, finish } = countingAdapter(new NodeBudget(watchdog, limits, 'parsing HTML (conformant parser)'));
  const parser = new ConformantParser<Htmlparser2TreeAdapterMap>({ treeAdapter, scriptingEnabled: true });
  const chunk = CLOCK_CHECKS.conformantChunkChars;
  for (let start = 0; start < text.length; start += chunk) {
    parser.tokenizer.write(text.slice(start, start + chunk), start + chunk >= text.length);
    watchdog.check('parsing HTML (conformant parser)');
  }
  if (text.length === 0) parser.tokenizer.write('', true);
  finish();
  return parser.document;
}

/** The tree of the page: htmlparser2's when the page has none of RISKS, else parse5's. */
export function parseHtmlRouted(text: string, watchdog: Watchdog, limits: ParseLimits, hints: ParseHints = {}): ParsedHtml {
  const fast = parseFast(text, watchdog, limits, hints);
  if (fast.risk === null) return { document: fast.document, parser: 'htmlparser2', risk: null };
  return { document: parseConformant(text, watchdog, limits), parser: 'parse5', risk: fast.risk };
}

export function parseHtml(text: string, watchdog: Watchdog, limits: ParseLimits): Document {
  return parseHtmlRouted(text, watchdog, limits).document;
}
