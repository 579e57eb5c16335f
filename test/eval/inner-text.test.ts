import { describe, expect, it } from 'vitest';
import { innerTextOf } from '../../src/eval/inner-text.js';

const PAGE = `<!doctype html><html><head><title>Not shown</title><style>p { color: red }</style><script>var shown = false;</script></head>
<body>
  <nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>
  <h1>Otters  learn
     to <em>juggle</em></h1>
  <p>The first paragraph, with <a href="/x">a link</a>
     and a line break<br>in the middle.</p>
  <div>A div paragraph.</div><div>Another <span>one</span>.</div>
  <table><tr><th>Name</th><td>Age</td></tr><tr><td>Pip</td><td>4</td></tr></table>
  <pre>  kept
    spacing</pre>
  <details><summary>More</summary>Folded text</details>
  <div hidden>Hidden by attribute</div><div style="color: red; display: none">Hidden by style</div>
  <noscript><p>Shown without scripts.</p></noscript>
  <img alt="no alt text"><svg><text>no svg text</text></svg><template><p>no template</p></template>
  <footer>© 2031 The Otter Gazette</footer>
</body></html>`;

describe('innerTextOf', () => {
  const { blank, plain } = innerTextOf(PAGE);

  it('lays out blocks as lines and joins inline elements, blank lines where the default stylesheet has margins', () => {
    expect(blank).toBe(
      [
        'Home',
        'News',
        '',
        'Otters learn to juggle',
        '',
        'The first paragraph, with a link and a line break',
        'in the middle.',
        '',
        'A div paragraph.',
        'Another one.',
        'Name\tAge',
        'Pip\t4',
        '',
        'kept',
        'spacing',
        '',
        'More',
        '',
        'Shown without scripts.',
        '',
        '© 2031 The Otter Gazette',
        '',
      ].join('\n'),
    );
  });

  it('gives the same lines without blank lines in the plain variant', () => {
    expect(plain).toBe(blank.replace(/\n\n/g, '\n'));
    expect(plain).not.toMatch(/\n\n/);
  });

  it('leaves out what is not rendered', () => {
    for (const hidden of ['Not shown', 'color: red', 'shown = false', 'Folded text', 'Hidden by', 'no alt text', 'no svg text', 'no template']) expect(blank).not.toContain(hidden);
  });

  it('walks a deep tree without recursion', () => {
    const deep = '<div>'.repeat(10_000) + 'deep text' + '</div>'.repeat(10_000);
    expect(innerTextOf(deep).plain).toBe('deep text\n');
  });
});
