/**
 * Issue 13 §4: the text is what a browser shows. Constructs on which a fast, non-conformant parse
 * (htmlparser2) and the HTML standard's parse differ: script text that leaks, article text that
 * disappears, text that moves. Each case puts a construct in an article and says which text must
 * be there, in which order, and which must not.
 */
import { parseConformant } from '../../src/core/parse.js';
import { walk } from '../../src/core/html/walk.js';
import { Watchdog } from '../../src/core/watchdog.js';
import type { CleanDocument } from '../../src/core/schema.js';
import { CONSTRUCTS } from '../differential/constructs.js';
import { SENTENCES, all, documentExpected, inOrder, page, squeeze, utf8, type AdversarialCase } from './kit.js';

const CLASS = '§4 visible text';
/** What script text reads like in these cases: no segment may hold it. */
const SCRIPT = 'SCRIPTLEAK';

/** A page whose article holds `construct` between its first sentences and the rest. */
function around(construct: string, head = ''): Uint8Array {
  const [first, second, ...rest] = SENTENCES;
  return utf8(page(`<main><article><h1>Harbour ferry resumes</h1><p>${first}</p><p>${second}</p>${construct}${rest.map((s) => `<p>${s}</p>`).join('')}</article></main>`, `<meta charset="utf-8"><title>Harbour ferry resumes</title>${head}`));
}

const articleInOrder = inOrder(SENTENCES);

interface ConstructCase {
  readonly name: string;
  readonly description: string;
  readonly construct: string;
  /** Visible text the construct shows, in order (besides the article's sentences around it). */
  readonly shows?: readonly string[];
  readonly head?: string;
}

const NAMED: readonly ConstructCase[] = [
  {
    name: 'script-comment-nested-script',
    description: 'old ad code: <script><!-- document.write("<script>…</script>") --></script>',
    construct: `<script><!--\ndocument.write('<script src="/ads.js"></script>'); var ${SCRIPT} = "${SCRIPT} the ferry resumed service";\n//--></script>`,
  },
  {
    name: 'script-nul-in-end-tag',
    description: 'a NUL byte inside </scr\\0ipt>: not an end tag, the script goes on',
    construct: `<script>var a = "</scr\u0000ipt> ${SCRIPT} the ferry resumed service";</script>`,
  },
  {
    name: 'script-end-tag-self-closing',
    description: '</script/> ends the script (the article after it was lost)',
    construct: `<script>var ${SCRIPT} = 1;</script/><p>After the odd end tag the article goes on.</p>`,
    shows: ['After the odd end tag the article goes on.'],
  },
  {
    name: 'comment-bang-end',
    description: 'a comment closed by --!> (the article after it was lost)',
    construct: `<!-- a comment closed the odd way --!><p>After the odd comment the article goes on.</p><!-- ${SCRIPT} -->`,
    shows: ['After the odd comment the article goes on.'],
  },
  {
    name: 'svg-unclosed-inline',
    description: 'an inline <svg> icon never closed: the paragraphs after it break out of it',
    construct: '<p>The route map <svg viewBox="0 0 10 10"><path d="M0 0h10v10z"></path><p>After the unclosed icon the article goes on.</p>',
    shows: ['The route map', 'After the unclosed icon the article goes on.'],
  },
  {
    name: 'head-in-body',
    description: 'a stray <head> in the body is ignored (the article after it was lost)',
    construct: '<head><meta name="x" content="y"></head><p>After the stray head the article goes on.</p>',
    shows: ['After the stray head the article goes on.'],
  },
];

/** The issue's own constructs, with what each must show. */
const NAMED_CASES: readonly AdversarialCase[] = NAMED.map((c) => ({
  name: `visible-${c.name}.html`,
  description: c.description,
  issueClass: CLASS,
  expect: documentExpected(),
  forbidden: [SCRIPT],
  check: all(articleInOrder, inOrder([SENTENCES[1]!, ...(c.shows ?? []), SENTENCES[2]!])),
  bytes: () => around(c.construct, c.head),
}));

/** The text a conformant parser shows of the page (parse5's tree, walked as the core walks), whitespace removed. */
function conformantText(bytes: Uint8Array): string {
  const watchdog = new Watchdog(Number.MAX_SAFE_INTEGER);
  const tree = parseConformant(Buffer.from(bytes).toString('utf8'), watchdog, { maxNodes: Number.MAX_SAFE_INTEGER });
  return squeeze(walk(tree, watchdog).blocks.map((b) => b.text).join(''));
}

/** What a construct's page must show: nothing a browser does not show, and every sentence of the article it does. */
function asBrowserShows(bytes: Uint8Array, sentences: readonly string[]): (document: CleanDocument) => string[] {
  return (document) => {
    const shown = conformantText(bytes);
    const problems: string[] = [];
    for (const segment of document.segments) {
      if (!shown.includes(squeeze(segment.text))) problems.push(`a segment shows what a browser does not: ${JSON.stringify(segment.text.slice(0, 100))}`);
    }
    const segments = squeeze(document.segments.map((s) => s.text).join(''));
    for (const sentence of sentences) {
      if (shown.includes(squeeze(sentence)) && !segments.includes(squeeze(sentence))) problems.push(`a browser shows ${JSON.stringify(sentence.slice(0, 60))}, no segment does`);
    }
    return problems;
  };
}

/** A sentence after each construct, where the generated corpus has `TAIL`. */
const TAIL_SENTENCE = 'The ferry operator thanked passengers for their patience during the long week of repairs.';

/**
 * Every construct of the differential corpus (scripts/differential/constructs.ts) in an article:
 * the document shows what a browser shows (parse5's tree, walked as the core walks it), script
 * text never, the article's sentences wherever a browser shows them.
 */
const CONSTRUCT_CASES: readonly AdversarialCase[] = CONSTRUCTS.map((construct) => {
  const markup = construct.markup.replaceAll('TAIL2', TAIL_SENTENCE).replaceAll('TAIL', TAIL_SENTENCE).replaceAll('TEXT', 'Stray text of the table.').replaceAll('SECRET', SCRIPT);
  const bytes = () => around(markup);
  return {
    name: `visible-construct-${construct.name}.html`,
    description: `the construct ${JSON.stringify(construct.markup.slice(0, 60))} in an article: the text a browser shows`,
    issueClass: CLASS,
    expect: documentExpected(),
    check: (document: CleanDocument) => asBrowserShows(bytes(), [...SENTENCES, TAIL_SENTENCE])(document),
    bytes,
  };
});

export const VISIBLE_TEXT_CASES: readonly AdversarialCase[] = [...NAMED_CASES, ...CONSTRUCT_CASES];
