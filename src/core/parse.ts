/**
 * HTML text → DOM (domhandler nodes), with htmlparser2 — the parser cheerio's slim build uses,
 * with the same options, so the tree is the one `cheerio/slim`'s `load` gave (checked on the 990
 * pages of the dev corpus: the same serialized tree for chunks of 1, 7, 1,000 and 16 Ki characters).
 *
 * The text is written to the parser in chunks instead of in one call, for two guarantees a
 * single call cannot give:
 *
 * - the time budget holds during parsing: the watchdog looks at the clock after every chunk.
 *   htmlparser2 keeps its stack of open elements with `unshift` and looks closing tags up with
 *   `indexOf`, so 100,000 nested elements cost it seconds per chunk of extra depth (quadratic);
 *   a page built that way now stops with TIME_BUDGET_EXCEEDED shortly after the budget instead
 *   of parsing for minutes.
 * - memory is bounded: every node and attribute costs a few hundred bytes before the walk and
 *   the classifier add theirs, and markup as dense as `<p>` repeated makes 20 million elements
 *   of 64 MiB. The parse counts the nodes and attributes it creates and stops with TOO_LARGE
 *   past `maxNodes`.
 *
 * A streaming parser gives the same tree whatever the chunking (text split at a chunk boundary
 * is joined back by the handler); test/adversarial checks it on generated pages.
 */
import { DomHandler, type ChildNode, type Document } from 'domhandler';
import { Parser } from 'htmlparser2';
import { CleanError } from './errors.js';
import { CLOCK_CHECKS, type Watchdog } from './watchdog.js';

/** domhandler's tree builder, counting the nodes it adds (elements, text, comments, CDATA, doctype) and their attributes. */
class CountingHandler extends DomHandler {
  nodes = 0;

  override onopentag(name: string, attribs: Record<string, string>): void {
    for (const _ in attribs) this.nodes++;
    super.onopentag(name, attribs);
  }

  protected override addNode(node: ChildNode): void {
    this.nodes++;
    super.addNode(node);
  }
}

export interface ParseLimits {
  /** Most nodes and attributes the tree may hold. */
  readonly maxNodes: number;
}

export function parseHtml(text: string, watchdog: Watchdog, limits: ParseLimits): Document {
  // htmlparser2's HTML defaults (no xmlMode, entities decoded), as cheerio's slim `load(text, { xml: false })` used them.
  const handler = new CountingHandler();
  const parser = new Parser(handler);
  const chunk = CLOCK_CHECKS.parseChunkChars;
  for (let start = 0; start < text.length; start += chunk) {
    parser.write(text.slice(start, start + chunk));
    watchdog.check('parsing HTML');
    if (handler.nodes > limits.maxNodes) {
      throw new CleanError(
        'TOO_LARGE',
        `the page has more than ${limits.maxNodes} HTML nodes and attributes after ${start + chunk} of ${text.length} characters: over the maxNodes limit`,
      );
    }
  }
  parser.end();
  return handler.root;
}
