/**
 * The parse (src/core/parse.ts): the fast parser for pages with none of the risky constructs, the
 * conformant one for the others, the same visible text as a conformant parser either way (issue
 * 13 §4). The differential runs here on the generated constructs; `npm run differential --
 * --corpus ../shared/corpus` adds every corpus page.
 */
import render from 'dom-serializer';
import { DomHandler } from 'domhandler';
import { Parser } from 'htmlparser2';
import { parse } from 'parse5';
import { adapter } from 'parse5-htmlparser2-tree-adapter';
import { describe, expect, it } from 'vitest';
import { compare, visibleText } from '../../scripts/differential.js';
import { CONSTRUCTS, generatedPages } from '../../scripts/differential/constructs.js';
import { CleanError } from '../../src/core/errors.js';
import { RISKS, SkippingTokenizer, hasEndTagSpace, parseConformant, parseHtmlRouted, type Risk } from '../../src/core/parse.js';
import { walk } from '../../src/core/html/walk.js';
import { CLOCK_CHECKS, Watchdog } from '../../src/core/watchdog.js';
import { INPUT_LIMITS } from '../../src/core/options.js';
import { prng } from '../../scripts/prng.js';

const NO_LIMITS = { maxNodes: Number.MAX_SAFE_INTEGER };
const watchdog = () => new Watchdog(60_000);
const route = (html: string) => parseHtmlRouted(html, watchdog(), NO_LIMITS);

describe('the chosen parse gives the text a conformant parser gives', () => {
  const pages = generatedPages(300);
  let compared: Array<ReturnType<typeof compare>> | undefined;
  const comparisons = () => (compared ??= pages.map((page) => compare(page.html)));

  it(`on ${pages.length} generated pages (every construct in every context, and mixtures)`, () => {
    const mismatches = pages.filter((_, i) => comparisons()[i]!.mismatch).map((page) => page.name);
    expect(mismatches).toEqual([]);
  });

  it('and the routing is what makes it so: htmlparser2 alone differs on many of them', () => {
    const differing = comparisons().filter((result) => result.fastAloneDiffers);
    expect(differing.length).toBeGreaterThan(pages.length / 4);
  });

  it('every risk of RISKS is met by some construct', () => {
    const met = new Set<Risk | null>(comparisons().map((result) => result.risk));
    for (const risk of Object.keys(RISKS)) expect(met, risk).toContain(risk);
  });
});

describe('routing', () => {
  it('keeps the fast parser for a page with none of the constructs', () => {
    const html = '<!DOCTYPE html><html><head><meta charset="utf-8"><title>t</title><script>var a = "<p>" < 1;</script></head><body><main><article><h1>Title</h1><p>One <b>two</b> <a href="/x">three</a>.</p><table><tr><td>cell</td></tr></table><svg><path d="M0 0"/></svg><!-- note --></article></main></body></html>';
    expect(route(html)).toMatchObject({ parser: 'htmlparser2', risk: null });
  });

  const page = (body: string) => `<!DOCTYPE html><html><head><title>t</title></head><body>${body}</body></html>`;
  it.each([
    ['scriptDoubleEscape', page('<script><!-- document.write("<script>x</script>") --></script><p>after</p>')],
    ['nul', page('<script>a = "</scr\u0000ipt>"</script><p>after</p>')],
    ['rawTextEndTag', page('<script>x</script/><p>after</p>')],
    ['commentEnd', page('<!-- c --!><p>after</p>')],
    ['foreignBreakout', page('<p>icon <svg><path></path><p>after</p>')],
    ['headInBody', page('<p>a</p><head></head><p>after</p>')],
    ['bodyInHead', '<html><head><title>t</title><div>banner</head><body><p>after</p>'],
    ['tableText', page('<table>stray<tr><td>cell</td></tr></table>')],
    ['shadowRoot', page('<p>Lead <x-note><template shadowrootmode="open"><b>Note</b></template><p>A paragraph the standard puts after the host.</p></x-note></p>')],
  ] as const)('sends %s to the conformant parser', (risk, html) => {
    expect(route(html)).toMatchObject({ parser: 'parse5', risk });
  });

  it('finds a construct in a raw text wherever a chunk boundary cuts it', () => {
    // htmlparser2 hands a script's or a style's text over in pieces, one at each chunk's end (CLOCK_CHECKS.parseChunkChars).
    const chunk = CLOCK_CHECKS.parseChunkChars;
    const cases = [
      ['rawTextEndTag', '<script>', 'x</script/>', '<p>after</p>'],
      ['rawTextInMarkup', '<noscript><style>', 'a</noscript>', '</style></noscript><p>after</p>'],
      ['scriptDoubleEscape', '<script>', 'a<!-- b <script>c</script>', ' d --></script><p>after</p>'],
    ] as const;
    for (const [risk, open, construct, rest] of cases) {
      const before = `<!DOCTYPE html><html><head><title>t</title></head><body>${open}`;
      for (let k = 0; k <= construct.length; k++) {
        const html = `${before}${'a'.repeat(chunk - before.length - k)}${construct}${rest}</body></html>`;
        expect(route(html).risk, `${risk}, cut after ${k}`).toBe(risk);
      }
    }
  });

  it('reads a custom element named like a property of every object (`<constructor>`) as any other element', () => {
    // The table rules were a plain object: `constructor` found Object's, the parse threw on an element inside it, and text
    // inside it went to the conformant parser as text in a table.
    for (const html of [page('<p><constructor><b>x</b></constructor></p>'), page('<constructor>text</constructor>')]) {
      expect(route(html)).toMatchObject({ parser: 'htmlparser2', risk: null });
      expect(visibleText(route(html).document)).toBe(visibleText(parseConformant(html, watchdog(), NO_LIMITS)));
    }
  });

  it('reads a paragraph that closes the paragraph around a shadow host as a browser does: after the host, shown', () => {
    // htmlparser2 closes the open <p> at a <p> only when it is the current element: it kept the second paragraph in the
    // host, where no slot takes it, and the walk (727be68) left it out as a browser hides it; the standard closes the
    // first <p> and the host with it, and puts the paragraph after them.
    const html = page('<p>Lead <x-note><template shadowrootmode="open"><b>Note</b></template><p>Shown after the host.</p></x-note> end.</p>');
    expect(visibleText(route(html).document).replace(/\s+/g, ' ')).toBe('Lead Note Shown after the host. end.');
  });

  it('reads the issue\'s constructs as a browser does', () => {
    const text = (body: string) => visibleText(route(`<!DOCTYPE html><html><head><title>t</title></head><body>${body}</body></html>`).document).replace(/\s+/g, ' ');
    expect(text('<p>one</p><script><!-- document.write("<script>x</script>"); var leak = 1; --></script><p>two</p>')).toBe('one two');
    expect(text('<p>one</p><script>var a = "</scr\u0000ipt> leak";</script><p>two</p>')).toBe('one two');
    expect(text('<p>one</p><script>var a;</script/><p>two</p>')).toBe('one two');
    expect(text('<p>one</p><!-- c --!><p>two</p>')).toBe('one two');
    expect(text('<p>one <svg><path></path><p>two</p>')).toBe('one two');
    expect(text('<p>one</p><head><meta name="x"></head><p>two</p>')).toBe('one two');
    expect(text('<table>two<tr><td>three</td></tr></table>')).toBe('two three');
  });
});

type Node = { type: string; name?: string; attribs?: Record<string, string>; data?: string; children?: Node[]; parent?: Node | null; prev?: Node | null; next?: Node | null };
/** The tree as text: names, attributes, text and comments, and whether every node knows its parent and siblings. */
const shape = (node: Node, depth = 0): string =>
  (node.children ?? [])
    .map((child, i, siblings) => {
      const linked = child.parent === node && (child.prev ?? null) === (siblings[i - 1] ?? null) && (child.next ?? null) === (siblings[i + 1] ?? null);
      const pad = `${'  '.repeat(depth)}${linked ? '' : 'UNLINKED '}`;
      if (child.type === 'text' || child.type === 'comment') return `${pad}#${child.type} ${JSON.stringify(child.data)}\n`;
      if (child.type === 'directive') return `${pad}#doctype\n`;
      return `${pad}<${child.name} ${JSON.stringify({ ...child.attribs })}>\n${shape(child, depth + 1)}`;
    })
    .join('');
const conformant = (html: string) => shape(parse(html, { treeAdapter: adapter }));

describe('the fast parse\'s tokenizer (SkippingTokenizer)', () => {
  /** The page parsed by htmlparser2 written in chunks of `chunk` characters, with its own tokenizer or SkippingTokenizer, serialized as it was read. */
  const tree = (html: string, chunk: number, skipping: boolean): string => {
    const handler = new DomHandler();
    const parser = new Parser(handler, skipping ? { Tokenizer: SkippingTokenizer } : {});
    for (let start = 0; start < html.length; start += chunk) parser.write(html.slice(start, start + chunk));
    parser.end();
    return render(handler.root, { decodeEntities: false, encodeEntities: false });
  };
  const pages = [
    ...generatedPages(120).map((page) => page.html),
    '<p>a &amp; b &lt;c&gt; &notin; &#x41;&#66; & x &amp</p><a title="x &amp; y" href=\'a&b=1\' data-x="&quot;q&quot;" data-y=\'"\' data-z="\'">t&eacute;</a>',
    '<div class=a id="b" data-v=\'c &amp; d\'>text with no markup after it',
    '<title>a &amp; b < c</title><textarea>x &lt; y</textarea><script>if (a < b && c) x = "</scr" + "ipt>";</script><style>a>b{}</style>',
    '<!-- a comment with < and & and -- inside --><p>after</p></p ><br/><img src="x.png" alt=\'it\'s\'>&',
    '<p attr="unterminated & value',
  ];

  it('builds the tree htmlparser2\'s own tokenizer builds, whatever the chunking', () => {
    for (const [i, html] of pages.entries()) {
      for (const chunk of [1, 2, 3, 7, 64, html.length + 1]) expect(tree(html, chunk, true), `page ${i}, chunks of ${chunk}`).toBe(tree(html, chunk, false));
    }
  });
});

describe('a head closed early by text or an element of the body', () => {

  it.each([
    ['an empty element, then the rest of the head', '<!DOCTYPE html><html><head><meta charset="utf-8"><div id="fb-root"></div><meta name="author" content="X"><title>T</title></head><body class="a"><p>One.</p></body></html>'],
    ['white space around it, and the body tag\'s attributes', '<!DOCTYPE html><html><head>\n<link rel="icon" href="/i">\n<img src="/p.gif" alt="">\n<script>var a = 1;</script>\n</head>\n<!-- c -->\n<body id="b" class="c" id="d">\n<p>One.</p></body></html>'],
    ['a stray word (its white space stays in the head)', '<html><head><title>T</title>\n  stray <b>words</b>\n<meta name="x" content="y"></head><body><p>One.</p></body></html>'],
    ['no body tag at all', '<html><head><title>T</title><div>banner</div><p>after</p></head></html>'],
    ['an end tag of br', '<html><head></br><title>T</title></head><body><p>One.</p></body></html>'],
    ['noscripts before it, in it and in the body (their content is text)', '<html><head><noscript><img src="a"></noscript><img src="x"><noscript><link rel="stylesheet" href="s">&amp;</noscript></head><body><p>One.</p><noscript><iframe src="z"></iframe>\r\n<p>Enable JavaScript</p></noscript></body></html>'],
    ['CR LF and CR (LF for the standard)', '<html><head>\r\n<img alt="a\r\nb">\r\n<title>T\r</title></head><body><pre>x\r\ny\rz</pre><!--c\r\n--></body></html>'],
  ])('%s: parse5\'s tree from htmlparser2', (_, html) => {
    const routed = route(html);
    expect(routed).toMatchObject({ parser: 'htmlparser2', risk: null });
    expect(shape(routed.document as unknown as Node)).toBe(conformant(html));
  });

  it('gives the document the conformant parse gives', () => {
    const html = '<!DOCTYPE html><html lang="en"><head><title>A title</title><div id="fb-root"></div><meta name="author" content="Ann Author"><meta name="description" content="About it."></head><body><main><article><h1>A title</h1><p>The first paragraph says enough to be the body of the page, in a few words more.</p><noscript><p>Enable JavaScript.</p></noscript></article></main></body></html>';
    expect(route(html).parser).toBe('htmlparser2');
    const conformantTree = parseConformant(html, watchdog(), NO_LIMITS);
    const walked = walk(route(html).document, watchdog());
    const reference = walk(conformantTree, watchdog());
    expect(walked.blocks).toEqual(reference.blocks);
    expect(walked.containers).toEqual(reference.containers);
    expect(walked.metadataSources.elements.map((e) => [e.name, e.attribs])).toEqual(reference.metadataSources.elements.map((e) => [e.name, e.attribs]));
  });

  it.each([
    ['an element still open at </head> (the standard keeps it open)', '<html><head><div>banner</head><body><p>after</p></body></html>'],
    ['a <body> inside what broke the head', '<html><head><div>banner<body class="x"><p>after</p></body></html>'],
    ['an end tag of p in the head (the standard ignores it)', '<html><head></p><title>T</title></head><body><p>One.</p></body></html>'],
    ['a template after it', '<html><head><img src="x"><template><p>t</p></template></head><body><p>One.</p></body></html>'],
    ['a link in a link', '<html><head><img src="x"></head><body><a href="/1">one <a href="/2">two</a></a></body></html>'],
    ['a caption outside a table', '<html><head><img src="x"></head><body><caption>c</caption><p>One.</p></body></html>'],
    ['a row without its tbody', '<html><head><img src="x"></head><body><table><tr><td>cell</td></tr></table></body></html>'],
    ['a noscript in a noscript', '<html><head><img src="x"></head><body><noscript><noscript>a</noscript>b</noscript></body></html>'],
    ['markup in an iframe', '<html><head><img src="x"></head><body><iframe><p>fallback</p></iframe></body></html>'],
    ['a CR made by a character reference', '<html><head><img alt="a&#13;b"></head><body><pre>x\r\ny</pre></body></html>'],
  ])('sends %s to the conformant parser', (_, html) => {
    expect(route(html)).toMatchObject({ parser: 'parse5', risk: 'bodyInHead' });
  });
});

describe('a script that opens `<!--` and then holds `<script`', () => {
  const page = (script: string, body = '<p>after</p>') => `<!DOCTYPE html><html><head><title>T</title></head><body><p>before</p><script>${script}</script>${body}</body></html>`;

  it.each([
    ['a comment in a string, closed before the tag', 'var a = "<!-- tag -->\\n<script async src=x>";'],
    ['document.write of a script in a <!-- //--> wrapper', '<!--\ndocument.write(\'<script src="a"><\\/script>\');\n//-->'],
    ['a double-escaped section closed by -->', '<!-- x = "<script>" -->'],
  ])('%s: the standard ends it where htmlparser2 does, parse5\'s tree from htmlparser2', (_, script) => {
    const html = page(script);
    expect(route(html)).toMatchObject({ parser: 'htmlparser2', risk: null });
    expect(shape(route(html).document as unknown as Node)).toBe(conformant(html));
  });

  it('goes to parse5 when its </script> comes double-escaped, or when the page has a difference the walk reads', () => {
    expect(route(page('<!-- document.write("<script>x'))).toMatchObject({ parser: 'parse5', risk: 'scriptDoubleEscape' });
    expect(route(page('<!-- x = "<script>" -->', '<a href="/1">one <a href="/2">two</a></a>'))).toMatchObject({ parser: 'parse5', risk: 'scriptDoubleEscape' });
    // Without such a script, the same page stays on htmlparser2 (its tree as the walk reads it on any page).
    expect(route(page('var a = 1;', '<a href="/1">one <a href="/2">two</a></a>'))).toMatchObject({ parser: 'htmlparser2', risk: null });
  });
});

describe('an end tag without a name (`</>`)', () => {
  const page = (body: string) => `<!DOCTYPE html><html><head><title>t</title></head><body>${body}</body></html>`;

  it.each([
    ['in a paragraph (the text on either side joins)', page('<p>one</>two</p>')],
    ['between blocks', page('<div>one</div></><p>two</p></>')],
    ['in a table\'s cell', page('<table><tbody><tr><td>one</>two</td></tr></tbody></table>')],
    ['in a table, between rows', page('<table><tbody><tr><td>one</td></tr></><tr><td>two</td></tr></tbody></table>')],
    ['in the head (which it does not close)', '<html><head><title>t</title></></head><body><p>one</p></body></html>'],
    ['on a page with a noscript (its content is text for the standard)', page('<p>one</>two</p><noscript><p>Enable JavaScript</p></noscript>')],
  ])('%s: dropped by the fast parse as the standard drops it, the tree parse5\'s', (_, html) => {
    // Sent to parse5 before: a 168 KB page of trafilatura-eval cost its conformant parse (about 4× the fast one) for one `</>`.
    const routed = route(html);
    expect(routed).toMatchObject({ parser: 'htmlparser2', risk: null });
    expect(shape(routed.document as unknown as Node)).toBe(conformant(html));
  });

  it('inside a noscript, whose content is text for the standard, still goes to the conformant parser', () => {
    expect(route(page('<noscript><p>one</>two</p></noscript>'))).toMatchObject({ parser: 'parse5', risk: 'emptyEndTag' });
  });
});

describe('an end tag opened by white space (`</ b>`, `</ >`)', () => {
  const page = (body: string) => `<!DOCTYPE html><html><head><title>t</title></head><body>${body}</body></html>`;

  it.each([
    ['`</ >` in a paragraph (a comment: the text on either side joins)', page('<p>one</ >two</p>')],
    ['`</` and a line break before `>`', page('<p>one</\n>two</p>')],
    ['`</ b>` (a comment: the b stays open)', page('<p><b>bold</ b>still bold</b> plain</p>')],
    ['`</ p>` between blocks', page('<div>one</ p><p>two</p></div>')],
  ])('%s: the tree is the standard\'s', (_, html) => {
    // htmlparser2 skips the white space: "one</ >two" was the paragraph's text, and `</ b>` closed the b.
    const routed = route(html);
    expect(routed.risk).toBe('endTagSpace');
    expect(shape(routed.document as unknown as Node)).toBe(conformant(html));
  });

  it('is looked for as /<\\/[\\t\\n\\f\\r ]/ finds it (every character after `</`, and generated text)', () => {
    const pattern = /<\/[\t\n\f\r ]/;
    for (let code = 0; code <= 0xffff; code++) {
      const c = String.fromCharCode(code);
      for (const text of [`</${c}`, `a</${c}b`, `<</${c}`, `</</${c}`, `${c}</`]) if (hasEndTagSpace(text) !== pattern.test(text)) expect.fail(JSON.stringify(text));
    }
    const alphabet = ['<', '/', '</', ' ', '\n', '\t', '\f', '\r', '\v', '\u00a0', 'b', '>'];
    const random = prng(20261207);
    const next = (n: number): number => Math.floor(random() * n);
    for (let k = 0; k < 20_000; k++) {
      const text = Array.from({ length: 1 + next(10) }, () => alphabet[next(alphabet.length)]).join('');
      expect(hasEndTagSpace(text), JSON.stringify(text)).toBe(pattern.test(text));
    }
  });
});

describe('the conformant parse', () => {
  it('builds the tree parse5 builds in one call, whatever the chunking', () => {
    for (const construct of CONSTRUCTS) {
      const html = `<p>before</p>${construct.markup}<p>after ${'x'.repeat(20_000)}</p>${construct.markup}`;
      expect(visibleText(parseConformant(html, watchdog(), NO_LIMITS)), construct.name).toBe(visibleText(parse(html, { treeAdapter: adapter })));
    }
  });

  it('bounds the runs that would cost it memory without changing the visible text (up to white space)', () => {
    const squeeze = (text: string) => text.replace(/\s+/g, '');
    const html =
      `<p>a\u0000\u0000\u0000b</p><p>${'w'.repeat(150_000)}</p><pre>x${' \n'.repeat(100_000)}y</pre>` +
      `<div class="${'c'.repeat(INPUT_LIMITS.conformantTagChars + 1000)}" title="t">after the long tag</div><!--${' note'.repeat(300_000)}--><p>after the long comment</p>`;
    const bounded = visibleText(parseConformant(html, watchdog(), NO_LIMITS));
    expect(squeeze(bounded)).toBe(squeeze(visibleText(parse(html, { treeAdapter: adapter }))));
    expect(bounded).toContain('after the long tag');
  });

  it('gives every element the attributes, namespaces and prefixes parse5\'s own adapter gives it', () => {
    const html = '<html lang="en"><body class="a"><svg xmlns:xlink="http://www.w3.org/1999/xlink"><a xlink:href="#x">l</a></svg><body id="b" class="c" constructor="d"><p>one</p><p title="t">two</p>';
    type Node = { type: string; name?: string; attribs?: Record<string, string>; attributes?: unknown; namespace?: string; children?: Node[] };
    const elements = (node: Node, out: Node[] = []): Node[] => {
      if (node.type === 'tag' || node.type === 'script' || node.type === 'style') out.push(node);
      for (const child of node.children ?? []) elements(child, out);
      return out;
    };
    const ours = elements(parseConformant(html, watchdog(), NO_LIMITS));
    const theirs = elements(parse(html, { treeAdapter: adapter }));
    expect(ours.map((e) => [e.name, { ...e.attribs }, e.attributes, e.namespace])).toEqual(theirs.map((e) => [e.name, { ...e.attribs }, e.attributes, e.namespace]));
    // The second <body>'s attributes the first lacked were adopted (an inherited name too), on that element alone.
    const body = ours.find((e) => e.name === 'body')!;
    expect({ ...body.attribs }).toEqual({ class: 'a', id: 'b', constructor: 'd' });
    expect(ours.filter((e) => e.name === 'p').map((e) => ({ ...e.attribs }))).toEqual([{}, { title: 't' }]);
  });

  it('gives a text node grown again after other nodes all of its text, in order', () => {
    // Each x is moved before the table, onto the text before it, between the cells parse5 builds.
    const html = `<p>a</p><table>${Array.from({ length: 2_000 }, (_, i) => `x${i} <tr><td>y${i}</td></tr>`).join('')}</table>`;
    const tree = parseConformant(html, watchdog(), NO_LIMITS);
    expect(visibleText(tree)).toBe(visibleText(parse(html, { treeAdapter: adapter })));
    expect(visibleText(tree)).toContain(Array.from({ length: 2_000 }, (_, i) => `x${i}`).join(' '));
  });

  it('keeps the maxNodes limit', () => {
    const html = `<table>x${'<p>'.repeat(50_000)}`;
    expect(() => parseHtmlRouted(html, watchdog(), { maxNodes: 10_000 })).toThrow(expect.objectContaining({ code: 'TOO_LARGE' }));
  });

  it('keeps the time budget', () => {
    const html = `<table>x${'<div>'.repeat(50_000)}`;
    let thrown: unknown;
    try {
      parseConformant(html, new Watchdog(0), NO_LIMITS);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(CleanError);
    expect((thrown as CleanError).code).toBe('TIME_BUDGET_EXCEEDED');
  });
});
