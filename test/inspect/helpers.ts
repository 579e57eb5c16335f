/** Documents built by hand for the renderer's tests (independent of what the core keeps). */
import { load, type CheerioAPI } from 'cheerio';
import type { CleanDocument, Segment, SegmentType } from '../../src/core/index.js';
import { SEGMENT_TYPES } from '../../src/core/index.js';
import { assessQuality } from '../../src/core/quality.js';

export type DocumentFields = Partial<Omit<CleanDocument, 'stats' | 'source'>> & { source?: Partial<CleanDocument['source']> };

/** A valid document whose stats are computed from its segments and dropped blocks, as the core does. */
export function makeDocument(fields: DocumentFields = {}): CleanDocument {
  const segments: Segment[] = fields.segments ?? [];
  const dropped = fields.dropped;
  const per = () => Object.fromEntries(SEGMENT_TYPES.map((t) => [t, 0])) as Record<SegmentType, number>;
  const counts = per();
  const characters = per();
  for (const s of segments) {
    counts[s.type]++;
    characters[s.type] += s.text.length;
  }
  const chrome = (dropped ?? []).filter((d) => d.reason !== 'repeat');
  const bodyText = segments.filter((s) => s.type === 'body').map((s) => s.text).join('\n\n');
  const kept = SEGMENT_TYPES.reduce((n, t) => n + characters[t], 0);
  const visible = kept + (dropped ?? []).reduce((n, d) => n + d.text.length, 0);
  return {
    schemaVersion: 2,
    pipelineVersion: '1.0.0',
    processedAt: '2025-03-14T08:00:00.000Z',
    title: null,
    byline: null,
    publishedAt: null,
    url: null,
    language: null,
    siteName: null,
    modifiedAt: null,
    description: null,
    image: null,
    tags: [],
    bodyText,
    quality: assessQuality({ bodyText: fields.bodyText ?? bodyText, bodyCharacters: characters.body, keptCharacters: kept, visibleCharacters: visible }),
    images: [],
    ...fields,
    segments,
    source: {
      name: 'page.html',
      bytes: 1234,
      sha256: '0'.repeat(64),
      contentType: null,
      format: 'html',
      encoding: 'utf-8',
      compression: null,
      ...fields.source,
    },
    stats: { segments: counts, characters, chromeBlocks: chrome.length, chromeCharacters: chrome.reduce((n, d) => n + d.text.length, 0) },
  };
}

export const segment = (type: SegmentType, text: string, tag: string | null = 'p', cues: string[] = ['root']): Segment => ({ type, text, tag, cues });

/** Parses like a browser (cheerio's default parser is parse5, which follows the HTML standard). */
export const parse = (html: string): CheerioAPI => load(html);

/** Tags the renderer writes; anything else in a report came from the page. */
export const RENDERER_TAGS = new Set([
  'html', 'head', 'body', 'meta', 'title', 'style', 'div', 'aside', 'header', 'main', 'footer', 'section', 'p', 'h1', 'h2', 'dl', 'dt', 'dd',
  'span', 'a', 'ul', 'ol', 'li', 'label', 'input', 'code', 'pre', 'details', 'summary', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'strong',
  'svg', 'g', 'text', 'rect',
]);

/** Attacks on every context a report writes page text into. */
export const HOSTILE_STRINGS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  "' onmouseover='alert(1)' x='",
  '</style><script>alert(1)</script>',
  '</textarea><script>alert(1)</script>',
  '</title><script>alert(1)</script>',
  '<!-- <script>alert(1)</script> -->',
  '<![CDATA[<script>alert(1)</script>]]>',
  'javascript:alert(1)',
  ' JaVaScRiPt:alert(1)',
  'java\tscript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  '&lt;img src=x onerror=alert(1)&gt;',
  '<a href="javascript:alert(1)">click</a>',
  '<iframe src="https://evil.example/"></iframe>',
  '<base href="https://evil.example/">',
  '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
  '<link rel="stylesheet" href="https://evil.example/x.css">',
  '<div style="background:url(https://evil.example/p.gif)">x</div>',
  '\u2028\u2029 line separators',
];
