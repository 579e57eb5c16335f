/**
 * Issue 13 §2 (no input overflows the stack; metadata values are bounded), the dates of §1 (date
 * parsing within the time budget) and of §5 (an impossible date is no date). The fixes belong to
 * the metadata stage (src/core/metadata.ts); a malformed or absurd metadata source is skipped,
 * never fatal, and the article survives it.
 */
import { SENTENCES, all, article, documentExpected, field, boundedField, inOrder, page, utf8, type AdversarialCase } from './kit.js';

const CLASS_STACK = '§2 stack and bounded metadata';
const CLASS_DATES_TIME = '§1 time budget (dates)';
const CLASS_DATES = '§5 impossible dates';

/** The article's text survives, in order. */
const articleSurvives = inOrder(SENTENCES);

function jsonLdPage(jsonLd: string, extraHead = ''): Uint8Array {
  return utf8(page(article(), `<meta charset="utf-8"><title>Harbour ferry resumes</title>${extraHead}<script type="application/ld+json">${jsonLd}</script>`));
}

/** `[[[…"x"…]]]` nested `depth` deep. */
const nestedArrays = (depth: number, inner: string): string => `${'['.repeat(depth)}${inner}${']'.repeat(depth)}`;
/** `{"a":{"a":…}}` nested `depth` deep. */
const nestedObjects = (depth: number, key: string, inner: string): string => `${`{"${key}":`.repeat(depth)}${inner}${'}'.repeat(depth)}`;

/** The longest byline the checks accept: the longest real byline lists a few dozen names. */
const MAX_BYLINE_CHARS = 2_000;

export const METADATA_CASES: readonly AdversarialCase[] = [
  ...(['author', '@type', 'publisher'] as const).map((key) => ({
    name: `jsonld-deep-${key.replace('@', '')}.html`,
    // 3,000 deep (6 KB) overflowed the main thread's stack; 100,000 overflow a worker thread's (the CLI's) too.
    description: `JSON-LD with \`${key}\` nested 100,000 arrays deep (200 KB): the article survives, the source is skipped`,
    issueClass: CLASS_STACK,
    expect: documentExpected(),
    check: articleSurvives,
    bytes: () => jsonLdPage(`{"@context":"https://schema.org","@type":"NewsArticle","headline":"Harbour ferry resumes","${key}":${nestedArrays(100_000, key === 'author' ? '{"@type":"Person","name":"Jane Doe"}' : '"Thing"')}}`),
  })),
  {
    name: 'microdata-authors-huge.html',
    description: "5,000 microdata authors of an article, the first over 200,000 empty elements before its name: the byline is bounded and read in bounded work",
    issueClass: CLASS_STACK,
    expect: documentExpected(),
    check: all(articleSurvives, boundedField('byline', MAX_BYLINE_CHARS)),
    bytes: () =>
      utf8(
        page(
          `<div itemscope itemtype="https://schema.org/Article"><span itemprop="author">${'<i></i>'.repeat(200_000)}Jane Doe</span>` +
            `${'<span itemprop="author" itemscope><span itemprop="name">Jane Doe</span></span>'.repeat(5_000)}</div>${article()}`,
        ),
      ),
  },
  {
    name: 'jsonld-deep-objects.html',
    description: 'JSON-LD author objects nested 5,000 deep',
    issueClass: CLASS_STACK,
    expect: documentExpected(),
    check: articleSurvives,
    bytes: () => jsonLdPage(`{"@type":"NewsArticle","headline":"Harbour ferry resumes","author":${nestedObjects(5_000, 'author', '{"name":"Jane Doe"}')}}`),
  },
  {
    name: 'jsonld-deep-graph.html',
    description: 'a JSON-LD @graph nested 3,000 deep in @graph',
    issueClass: CLASS_STACK,
    expect: documentExpected(),
    check: articleSurvives,
    bytes: () => jsonLdPage(`{"@context":"https://schema.org",${'"@graph":[{'.repeat(3_000)}"@type":"NewsArticle","headline":"Harbour ferry resumes"${'}]'.repeat(3_000)}}`),
  },
  {
    name: 'jsonld-30000-authors.html',
    description: '30,000 JSON-LD authors: the byline is bounded, not 600 KB',
    issueClass: CLASS_STACK,
    expect: documentExpected(),
    check: all(articleSurvives, boundedField('byline', MAX_BYLINE_CHARS)),
    bytes: () => jsonLdPage(`{"@type":"NewsArticle","headline":"Harbour ferry resumes","author":[${Array.from({ length: 30_000 }, (_, i) => `{"@type":"Person","name":"Author Number ${i}"}`).join(',')}]}`),
  },
  {
    name: 'jsonld-long-author-name.html',
    description: 'one JSON-LD author whose name is 200 KB long',
    issueClass: CLASS_STACK,
    expect: documentExpected(),
    check: all(articleSurvives, boundedField('byline', MAX_BYLINE_CHARS)),
    bytes: () => jsonLdPage(`{"@type":"NewsArticle","headline":"Harbour ferry resumes","author":{"name":"${'Jane Doe '.repeat(22_000)}"}}`),
  },
  {
    name: 'jsonld-lone-surrogate-headline.html',
    description: 'a JSON-LD headline with a \\ud800 escape: no lone surrogate reaches the title',
    issueClass: '§5 well-formed strings (metadata)',
    expect: documentExpected(),
    check: articleSurvives,
    bytes: () => jsonLdPage(`{"@type":"NewsArticle","headline":"Harbour \\ud800 ferry \\udc00 resumes \\ud83d","author":{"name":"Jane \\udfff Doe"}}`),
  },
  {
    name: 'time-60k-elements.html',
    description: '60,000 <time> elements and bylines whose text is no full date (date parsing tried every one: 55 s)',
    issueClass: CLASS_DATES_TIME,
    expect: documentExpected(),
    heavy: true,
    check: articleSurvives,
    bytes: () =>
      utf8(page(`${article()}<aside><ul>${Array.from({ length: 60_000 }, (_, i) => `<li><time>Week ${(i % 52) + 1} of 2024, updated Monday at noon</time> <span class="byline">by Jane ${i}, spring 2023</span></li>`).join('')}</ul></aside>`)),
  },
  {
    name: 'date-impossible-month.html',
    description: 'datePublished 2024-13-01 and a <time datetime="2024-13-01">: no date, not 2025-01-01',
    issueClass: CLASS_DATES,
    expect: documentExpected(),
    check: all(articleSurvives, field('publishedAt', null)),
    bytes: () => jsonLdPage('{"@type":"NewsArticle","headline":"Harbour ferry resumes","datePublished":"2024-13-01"}', '<meta property="article:published_time" content="2024-13-01T10:00:00Z">'),
  },
  {
    name: 'date-impossible-day.html',
    description: 'dates of February 30 and April 31 in every metadata source: no date',
    issueClass: CLASS_DATES,
    expect: documentExpected(),
    check: all(articleSurvives, field('publishedAt', null)),
    bytes: () => utf8(page(article('<p><time datetime="2023-02-30">30 February 2023</time></p>'), '<meta charset="utf-8"><title>Harbour ferry resumes</title><meta property="article:published_time" content="2023-04-31"><meta name="date" content="2023-02-30">')),
  },
];
