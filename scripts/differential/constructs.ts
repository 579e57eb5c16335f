/**
 * The generated corpus of the differential parser test (scripts/differential.ts): HTML constructs
 * on which parsers are known to differ, or that look as if they might, each in every context a
 * page puts text in, and seeded random mixtures of them. The same seed gives the same pages.
 *
 * `TAIL` marks text that follows a construct: the construct must not swallow it (or must, when
 * the standard says so). `SECRET` marks script text: it must never show.
 */
import { prng } from '../prng.js';

export interface Construct {
  readonly name: string;
  readonly markup: string;
}

const C = (name: string, markup: string): Construct => ({ name, markup });

export const CONSTRUCTS: readonly Construct[] = [
  // Script data: the escaped and double-escaped states, end tags the fast parser misses, NUL.
  C('script-double-escape', `<script><!--\ndocument.write('<script src="/ads.js"></script>'); var SECRET = 1;\n//--></script>TAIL`),
  C('script-escape-no-nested', '<script><!-- var SECRET = 1; --></script>TAIL'),
  C('script-escape-end-inside', '<script><!-- var SECRET = "</script>"; -->TAIL</script>TAIL2'),
  C('script-double-escape-uppercase', '<SCRIPT><!--<SCRIPT>SECRET</SCRIPT>SECRET--></SCRIPT>TAIL'),
  C('script-nul-end-tag', '<script>var a = "</scr\u0000ipt> SECRET";</script>TAIL'),
  C('script-end-self-closing', '<script>var SECRET = 1;</script/>TAIL'),
  C('script-end-space', '<script>var SECRET = 1;</script >TAIL'),
  C('script-end-attributes', '<script>var SECRET = 1;</script foo="bar">TAIL'),
  C('script-end-newline', '<script>var SECRET = 1;</script\n>TAIL'),
  C('script-not-end', '<script>var SECRET = "</scriptx>";</script>TAIL'),
  C('script-unclosed', '<script>var SECRET = 1;'),
  C('style-end-self-closing', '<style>.SECRET { }</style/>TAIL'),
  C('title-end-self-closing', '<title>SECRET</title/>TAIL'),
  C('textarea-end-space', '<textarea>SECRET</textarea >TAIL'),
  C('xmp-markup', '<xmp><b>shown as written</b></xmp>TAIL'),
  C('xmp-end-slash', '<xmp>raw</xmp/>TAIL'),
  // Comments.
  C('comment-bang-end', '<!-- hidden --!>TAIL'),
  C('comment-empty-abrupt', '<!-->TAIL'),
  C('comment-dash-abrupt', '<!--->TAIL'),
  C('comment-empty', '<!---->TAIL'),
  C('comment-dashes-inside', '<!-- a -- b --- c -->TAIL'),
  C('comment-bang-inside', '<!-- a --!b -->TAIL'),
  C('comment-with-script', '<!-- <script>SECRET</script> -->TAIL'),
  C('comment-unclosed', '<!-- never closed TAIL'),
  C('bogus-comment-question', '<?php echo "a > b"; ?>TAIL'),
  C('bogus-comment-end-space', '</ p>TAIL'),
  C('bogus-comment-empty-end', '</>TAIL'),
  C('cdata-html', '<![CDATA[ x > y ]]>TAIL'),
  C('cdata-html-plain', '<![CDATA[ hidden ]]>TAIL'),
  C('doctype-late', '<!DOCTYPE html>TAIL'),
  // Foreign content.
  C('svg-unclosed-then-p', '<svg viewBox="0 0 10 10"><path d="M0 0h10v10z"></path><p>TAIL</p>'),
  C('svg-unclosed-then-div', '<svg><g><path d="M0 0"/></g><div>TAIL</div>'),
  C('svg-unclosed-then-span', '<svg><g></g><span>TAIL</span>'),
  C('svg-closed', '<svg><path d="M0 0"/><text>label</text></svg>TAIL'),
  C('svg-self-closing', '<svg/>TAIL'),
  C('svg-style-markup', '<svg><style>.a{} <p>TAIL</p></style></svg>'),
  C('svg-script-markup', '<svg><script>var x = "<p>"; TAIL</script></svg>'),
  C('svg-title', '<svg><title>Icon title</title></svg>TAIL'),
  C('svg-title-markup', '<svg><title><b>bold title</b></title></svg>TAIL'),
  C('svg-foreign-object', '<svg><foreignObject><p>inside the object</p></foreignObject></svg>TAIL'),
  C('svg-font-color', '<svg><font color="red">TAIL</font></svg>'),
  C('svg-font-plain', '<svg><font>inside</font></svg>TAIL'),
  C('svg-cdata', '<svg><![CDATA[ a > b ]]></svg>TAIL'),
  C('svg-end-p', '<svg><path></path></p>TAIL'),
  C('svg-end-br', '<svg></br>TAIL</svg>'),
  C('math-unclosed', '<math><mi>x</mi><p>TAIL</p>'),
  C('math-mtext-markup', '<math><mtext><b>bold</b></mtext></math>TAIL'),
  // The head and body.
  C('head-in-body', '<head><meta name="x" content="y"></head>TAIL'),
  C('head-in-body-title', '<head><title>SECRET</title></head>TAIL'),
  C('text-in-head', 'TAIL'),
  C('div-in-head', '<div class="cookie-banner">TAIL</div>'),
  C('br-in-head', '<br>TAIL'),
  C('noscript-div-in-head', '<noscript><div><img src="a"></div></noscript>TAIL'),
  C('meta-link-in-body', '<meta name="x" content="y"><link rel="x" href="y">TAIL'),
  C('body-in-body', '<body class="second">TAIL</body>'),
  C('html-in-body', '<html lang="fr">TAIL'),
  C('frameset', '<frameset><frame src="a"></frameset>TAIL'),
  // Tables.
  C('table-text', '<table>TEXT<tr><td>cell</td></tr></table>TAIL'),
  C('table-text-after-row', '<table><tr><td>cell</td></tr>TEXT</table>TAIL'),
  C('table-text-in-row', '<table><tr>TEXT<td>cell</td></tr></table>TAIL'),
  C('table-div', '<table><div>DIV</div><tr><td>cell</td></tr></table>TAIL'),
  C('table-p-unclosed', '<table><tr><td>cell</td></tr><p>para</table>TAIL'),
  C('table-td-implied', '<table><td>implied row</td></table>TAIL'),
  C('table-caption', '<table><caption>cap</caption><tr><td>cell</td></tr></table>TAIL'),
  C('table-end-div', '<div><table><tr><td>a</div>b</td></tr></table>c</div>TAIL'),
  C('table-nested', '<table><tr><td><table><tr><td>inner</td></tr></table>outer</td></tr></table>TAIL'),
  C('table-unclosed', '<table><tr><td>cell'),
  C('table-form', '<table><form><tr><td>cell</td></tr></form></table>TAIL'),
  C('table-whitespace', '<table>\n  <tr>\n    <td>cell</td>\n  </tr>\n</table>TAIL'),
  C('table-script', '<table><script>var SECRET;</script><tr><td>cell</td></tr></table>TAIL'),
  C('table-comment', '<table><!-- c --><tr><td>cell</td></tr></table>TAIL'),
  // Formatting elements and misnesting.
  C('misnested-b-p', '<b>1<p>2</b>3</p>TAIL'),
  C('misnested-a-div', '<a href="/x">1<div>2</a>3</div>TAIL'),
  C('misnested-i-b', '<i><b>1</i>2</b>TAIL'),
  C('misnested-deep', '<p><b><i><u>x</p>y</u>z</i>w</b>TAIL'),
  C('nested-a', '<a href="/1">one<a href="/2">two</a></a>TAIL'),
  C('nested-form', '<form><form><p>in form</p></form></form>TAIL'),
  C('nested-p', '<p>one<p>two</p></p>TAIL'),
  C('heading-in-heading', '<h1>one<h2>two</h2></h1>TAIL'),
  C('button-p', '<button><p>in button</button>TAIL'),
  C('li-outside-list', '<li>item</li><dd>dd</dd>TAIL'),
  C('span-div-end', '<span><div>x</span>y</div>TAIL'),
  C('nobr', '<nobr>a<nobr>b</nobr>TAIL'),
  // Template, noscript, select, iframe and other elements whose content is not the page's text.
  C('template', '<template><p>SECRET</p></template>TAIL'),
  C('template-end-outer', '<div><template><p>SECRET</div>SECRET</template>TAIL</div>'),
  // Declarative shadow roots (walked as their host's content since 727be68): slots, an unslotted child, the older
  // attribute, a closed root, nested hosts, a host that is no valid shadow host (inert), a root never closed.
  C('shadow-root-slots', '<x-card><template shadowrootmode="open"><h3>Shadow heading</h3><p>By <slot name="who"></slot>.</p><slot></slot></template><span slot="who">Slotted</span><p>TAIL</p></x-card>'),
  C('shadow-root-unslotted', '<x-note><template shadowrootmode="open"><p>Shadow only.</p></template><p>SECRET</p></x-note>TAIL'),
  C('shadow-root-fallback', '<div><template shadowroot="open"><p><slot name="none">Fallback text</slot></p></template></div>TAIL'),
  C('shadow-root-closed', '<x-a><template shadowrootmode="closed"><p>Closed root</p></template></x-a>TAIL'),
  C('shadow-root-nested', '<x-outer><template shadowrootmode="open"><x-inner><template shadowrootmode="open"><b><slot></slot></b></template><slot></slot></x-inner></template><i>Outer light</i></x-outer>TAIL'),
  C('shadow-root-inert-host', '<li><template shadowrootmode="open"><b>SECRET</b></template>Item</li>TAIL'),
  C('shadow-root-unclosed', '<x-b><template shadowrootmode="open"><p>Unclosed root</x-b>TAIL'),
  C('shadow-root-table', '<x-grid><template shadowrootmode="open"><table><tr><td><slot></slot></td></tr></table></template>cell text</x-grid>TAIL'),
  C('noscript', '<noscript><p>SECRET</p></noscript>TAIL'),
  C('noscript-end-outer', '<div><noscript><img src="a"></div>SECRET</noscript>TAIL'),
  C('noscript-comment', '<noscript><!-- </noscript> -->SECRET</noscript>TAIL'),
  C('select', '<select><option>a</option><p>SECRET</p></select>TAIL'),
  C('select-end-outer', '<div><select><option>a</div>SECRET</select>TAIL'),
  C('select-unclosed-input', '<select><option>a<input>TAIL'),
  C('iframe', '<iframe><p>SECRET</p></iframe>TAIL'),
  C('iframe-end-outer', '<div><iframe></div>SECRET</iframe>TAIL'),
  C('noembed', '<noembed><p>SECRET</p></noembed>TAIL'),
  C('noframes', '<noframes><p>SECRET</p></noframes>TAIL'),
  C('object', '<object data="x"><p>fallback</p></object>TAIL'),
  C('plaintext', '<plaintext><p>shown as written</p>'),
  C('textarea', '<textarea><p>SECRET</p></textarea>TAIL'),
  C('title-in-body', '<title>SECRET</title>TAIL'),
  C('style-in-body', '<style>p::after { content: "SECRET" }</style>TAIL'),
  // Tokenizer corners.
  C('nul-in-text', '<p>a\u0000b</p>TAIL'),
  C('nul-in-tag-name', '<p\u0000>x</p\u0000>TAIL'),
  C('nul-in-attribute', '<p class="a\u0000b">x</p>TAIL'),
  C('lt-in-tag-name', '<div<p>x</div<p>TAIL'),
  C('self-closing-p', '<p/>x<br/>y</br>z</p>TAIL'),
  C('image', '<image src="x">TAIL'),
  C('pre-newline', '<pre>\nline one\nline two</pre>TAIL'),
  C('listing-newline', '<listing>\nline</listing>TAIL'),
  C('entities', '<p>&notit; &amp &#x80; &#0; &#xD800; &#x110000; &Aacute &nbsp;x</p>TAIL'),
  C('entity-in-attribute-like-text', '<p>a &lt;p&gt; b</p>TAIL'),
  C('ruby', '<ruby>漢<rt>kan</rt>字<rp>(</rp></ruby>TAIL'),
  C('unquoted-attribute-gt', '<a href=x>y>link</a>TAIL'),
  C('attribute-unclosed-quote', '<a href="x>link</a>TAIL'),
  C('lt-text', '<p>a < b and c <= d, e<3</p>TAIL'),
  C('end-tag-attributes', '<p>x</p class="y">TAIL'),
  C('uppercase', '<P>UPPER</P><DIV CLASS="x">DIV</DIV>TAIL'),
];

/** Where a construct is put: around it, the markup a page would have. `{}` is the construct. */
export const CONTEXTS: ReadonlyArray<{ readonly name: string; readonly wrap: string }> = [
  { name: 'body', wrap: '{}' },
  { name: 'paragraph', wrap: '<p>Lead {} end.</p>' },
  { name: 'inline', wrap: '<div><span>Lead {} end.</span></div>' },
  { name: 'cell', wrap: '<table><tr><td>Lead {} end.</td></tr></table>' },
  { name: 'list', wrap: '<ul><li>Lead {} end.</li></ul>' },
  { name: 'article', wrap: '<main><article><h2>Heading</h2>{}</article></main>' },
  { name: 'at-end', wrap: '{}' },
  // In the head, before the body (`{}` goes after the title), and in a page that never closes its head nor opens a body.
  { name: 'head', wrap: '{}' },
  { name: 'no-body', wrap: '{}' },
];

export interface GeneratedPage {
  readonly name: string;
  readonly html: string;
}

const HEAD = '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Constructs</title>';

function page(body: string, context: string): string {
  if (context === 'head') return `${HEAD}${body}</head><body><p>Before the construct.</p><p>After the construct.</p></body></html>`;
  if (context === 'no-body') return `${HEAD}<link rel="icon" href="/i">${body}<p>After the construct.</p>`;
  const head = `${HEAD}</head><body><p>Before the construct.</p>`;
  return context === 'at-end' ? `${head}${body}` : `${head}${body}<p>After the construct.</p></body></html>`;
}

/** Every construct in every context, then `mixtures` seeded random pages of two to five constructs each, nested or in a row. */
export function generatedPages(mixtures = 1000, seed = 13): GeneratedPage[] {
  const pages: GeneratedPage[] = [];
  for (const construct of CONSTRUCTS) {
    for (const context of CONTEXTS) {
      pages.push({ name: `${construct.name}@${context.name}`, html: page(context.wrap.replace('{}', construct.markup), context.name) });
    }
  }
  const next = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  for (let i = 0; i < mixtures; i++) {
    const count = 2 + Math.floor(next() * 4);
    let body = '';
    const names: string[] = [];
    for (let k = 0; k < count; k++) {
      const construct = pick(CONSTRUCTS);
      const context = pick(CONTEXTS.filter((c) => c.wrap !== '{}'));
      names.push(construct.name);
      // Half the time the next construct goes inside the last one's context, else after it.
      body = next() < 0.5 ? context.wrap.replace('{}', body + construct.markup) : body + context.wrap.replace('{}', construct.markup);
    }
    const where = next();
    pages.push({ name: `mixture-${i}(${names.join('+')})`, html: page(body, where < 0.1 ? 'at-end' : where < 0.2 ? 'head' : where < 0.3 ? 'no-body' : 'body') });
  }
  return pages;
}
