/**
 * The clean document, schema version 2: defined once here. The TypeScript types are inferred
 * from it and `npm run schema` writes the JSON Schema file `schema/clean-document.schema.json`.
 *
 * The Lambda bundle never imports this module at run time (only its types), so zod costs no
 * bytes there; tests, the CLI's `--validate` and the eval validate documents with it.
 */
import { z } from 'zod';

import { QUALITY_WARNINGS } from './quality.js';
import { SEGMENT_TYPES } from './segment-types.js';
import { LIST_NUMBERINGS, SPAN_TYPES } from './structure.js';

export { SEGMENT_TYPES };
export const segmentTypeSchema = z.enum(SEGMENT_TYPES);

const count = z.number().int().nonnegative();
const ordinal = z.number().int().positive();

// Structure of a segment (version 2; the types are ./structure.ts's, held to these by test/core/schema.test.ts).
export const spanSchema = z
  .object({
    start: count,
    end: count,
    type: z.enum(SPAN_TYPES),
    href: z.string().optional().describe('links: the target, absolute when the page address or <base href> is known'),
    paragraph: z.literal(true).optional().describe('breaks: two line breaks or more in a row (<br><br>), a paragraph break (a blank line)'),
  })
  .strict()
  .describe('inline markup over text.slice(start, end); a break is a line break at start (= end), where the text has a space');

export const listPlaceSchema = z
  .object({
    ordered: z.boolean(),
    depth: ordinal.describe('1 for a list outside any list, 2 for one inside an item of it…'),
    position: ordinal.describe("the item's position in its list, from 1"),
    start: z.number().int().optional().describe("ordered lists: the number of the list's first item"),
    value: z.number().int().optional().describe("ordered lists: the number the item shows, when it is not start + position - 1 (<li value>, <ol reversed>)"),
    numbering: z.enum(LIST_NUMBERINGS).optional().describe('ordered lists shown with letters or Roman numerals (<ol type="a">, list-style-type), not digits'),
    continued: z.literal(true).optional().describe('the segment continues its item (a second paragraph of it)'),
    checked: z.boolean().optional().describe('a task-list item: whether the checkbox it begins with is checked (<input type="checkbox" checked>, "- [x]")'),
  })
  .strict();

export const tableCellSchema = z
  .object({
    text: z.string(),
    header: z.boolean(),
    colspan: z.number().int().min(2).optional(),
    rowspan: z.number().int().min(2).optional(),
    spans: z.array(spanSchema).optional(),
  })
  .strict();

export const segmentSchema = z
  .object({
    type: segmentTypeSchema,
    text: z.string().min(1),
    tag: z.string().nullable().describe('HTML element the block came from (null for plain text)'),
    cues: z.array(z.string()).describe('the signals that decided the class, for inspection and debugging'),
    heading: z.number().int().min(1).max(6).optional().describe('heading level (h1-h6)'),
    list: listPlaceSchema.optional().describe('the list item the segment belongs to'),
    quote: ordinal.optional().describe('depth of the block quotes around the segment'),
    code: z
      .object({ language: z.string().nullable(), text: z.string().describe('the code with its indentation (text has trimmed lines)') })
      .strict()
      .optional()
      .describe('preformatted text, with its language when a class names it'),
    table: z
      .object({ rows: z.array(z.array(tableCellSchema)) })
      .strict()
      .optional()
      .describe("a data table: its rows of cells; text holds the cells' texts, tab-separated, one row per line"),
    spans: z.array(spanSchema).optional().describe('inline markup of text: emphasis, strong, code, links, line breaks'),
  })
  .strict();

export const imageSchema = z
  .object({
    src: z.string().min(1).describe('absolute when the page address or <base href> is known'),
    alt: z.string(),
    caption: z.string().nullable().describe("the figure's caption as kept in the segments"),
    segment: count.describe('index of the segment the image comes before (segments.length when last)'),
  })
  .strict();

const perClass = z
  .object({ body: z.number().int().nonnegative(), caption: z.number().int().nonnegative(), ad: z.number().int().nonnegative(), legal: z.number().int().nonnegative() })
  .strict();

/** Where a page read from a WARC file was in it (only on documents and error records of WARC records). */
export const warcSourceSchema = z
  .object({
    file: z.string().describe('name of the WARC file (object key or file name)'),
    index: z.number().int().nonnegative().describe('place of the record among the records of the file, from 0'),
    offset: z.number().int().nonnegative().describe('byte offset in the stored file of the gzip member (or, uncompressed, of the record) where the record starts'),
    skip: z.number().int().nonnegative().describe('uncompressed bytes of that member before the record (0 when gzipped per record)'),
    recordId: z.string().nullable().describe('WARC-Record-ID'),
    targetUri: z.string().nullable().describe('WARC-Target-URI: the URL the page was captured from'),
    capturedAt: z.string().nullable().describe('WARC-Date: when the page was captured (a value of the input, not a timestamp of the run)'),
    truncated: z
      .string()
      .optional()
      .describe(
        'only when the record holds part of the page, so the document lacks some of it: WARC-Truncated when the crawler cut the page short (length, time, disconnect, unspecified); "segmented" for a segmented record whose segments are not all in the file (the document is of the first segment and those after it without a gap; `segments` says how many when more than one); "partial-content" for an HTTP 206 response of a range that is not the whole page; "cut" for a payload that ends before the end its own framing states (fewer bytes than its HTTP Content-Length, a chunked body without its last chunk, a gzip or deflate stream cut short: the document is of what it holds up to there) though no WARC-Truncated says so',
      ),
    lenient: z
      .enum(['lf-line-ends'])
      .optional()
      .describe(
        'only when the record was read leniently: "lf-line-ends", its WARC header ends its lines with LF alone (WARC requires CRLF; hand-made files and some scripts write them), read because its Content-Length ends its block right before the next record or the end of the file',
      ),
    segments: z.number().int().min(2).optional().describe('only on a segmented record: how many of its segments (the first and its continuation records, in WARC-Segment-Number order) the document was read from'),
    revisitOf: z
      .string()
      .optional()
      .describe(
        'only on a revisit record (a later capture whose payload the crawler did not store again): WARC-Record-ID of the capture earlier in the file whose payload the document is of; recordId, targetUri and capturedAt are the revisit\'s',
      ),
  })
  .strict();

export const sourceSchema = z
  .object({
    name: z.string(),
    bytes: z.number().int().nonnegative().describe('size of the raw object as stored (before gunzip)'),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    contentType: z.string().nullable(),
    format: z.enum(['html', 'xhtml', 'feed', 'text']).describe('how the text was read: HTML, XHTML as XML (CDATA is text), an RSS or Atom feed (its items), plain text'),
    encoding: z.string().describe('character encoding the text was decoded from (WHATWG label)'),
    compression: z.enum(['gzip', 'deflate', 'br']).nullable().describe('the outermost compression undone (gzip by its bytes; deflate and br by Content-Encoding or a .zz/.br name)'),
    doubleEncoded: z
      .literal(true)
      .optional()
      .describe('present when the text was UTF-8 encoded twice, all of it or in part (its UTF-8 bytes read as windows-1252 or Latin-1 and encoded again: "â€”" for "—", "Ã©" for "é"); the text, or each such sequence of a page that mixes them with real characters, is read as it was before, and `encoding` is utf-8'),
    bucket: z.string().optional(),
    key: z.string().optional(),
    versionId: z.string().nullable().optional(),
    etag: z.string().nullable().optional(),
    warc: warcSourceSchema.optional(),
  })
  .strict();

export const droppedSchema = z
  .object({ text: z.string(), tag: z.string().nullable(), reason: z.string() })
  .strict();

export const documentSchema = z
  .object({
    schemaVersion: z.literal(2),
    pipelineVersion: z.string().describe('version of the cleaning logic that produced the document'),
    processedAt: z.iso.datetime({ offset: true }).describe('timestamp: the only field that differs between two runs on the same bytes'),
    source: sourceSchema,
    title: z.string().nullable(),
    byline: z.string().nullable(),
    publishedAt: z.string().nullable().describe('ISO 8601; keeps the offset when the page gives one'),
    url: z.string().nullable(),
    language: z.string().nullable(),
    siteName: z.string().nullable(),
    modifiedAt: z.string().nullable().describe('ISO 8601, as publishedAt: when the page says it last changed'),
    description: z.string().nullable().describe("the page's summary of itself (meta description, og:description, JSON-LD description)"),
    image: z.string().nullable().describe("the page's lead image as an absolute http(s) URL (og:image, twitter:image, JSON-LD image)"),
    tags: z.array(z.string()).describe("the page's tags or keywords (article:tag, JSON-LD keywords, meta keywords); empty when it states none"),
    segments: z.array(segmentSchema),
    bodyText: z.string(),
    images: z.array(imageSchema).describe('the images of the body, in document order'),
    stats: z
      .object({
        segments: perClass,
        characters: perClass,
        chromeCharacters: z.number().int().nonnegative(),
        chromeBlocks: z.number().int().nonnegative(),
      })
      .strict(),
    quality: z
      .object({
        bodyWords: z.number().int().nonnegative().describe('words of bodyText, as Unicode word segmentation counts them'),
        bodyShare: z.number().min(0).max(1).describe('share of the visible text that is body'),
        keptShare: z.number().min(0).max(1).describe('share of the visible text kept in segments of any class (the rest: chrome and repeats)'),
        warnings: z
          .array(z.enum(QUALITY_WARNINGS))
          .describe(
            'NO_BODY: no body text; LOW_TEXT: less body text than a real article has; MARKUP_AS_TEXT: declared plain text (text/plain, .txt) that is an HTML document, cleaned as text; BLOCKED_PAGE: the scrape is a bot check or an access-denied page, not the page asked for: fetch it again; HTTP_ERROR: the scraper reports an HTTP error status of the site (Jina Reader: Target URL returned error 404): the text is the error page, not the page asked for (src/core/quality.ts)',
          ),
      })
      .strict()
      .describe('signals of an empty or doubtful result'),
    dropped: z.array(droppedSchema).optional().describe('chrome blocks, only when cleaning with `explain`'),
  })
  .strict();

export const errorRecordSchema = z
  .object({
    schemaVersion: z.literal(1),
    pipelineVersion: z.string(),
    failedAt: z.iso.datetime({ offset: true }).describe('timestamp'),
    error: z.object({ code: z.string(), message: z.string() }).strict(),
    source: z
      .object({
        name: z.string(),
        bytes: z.number().int().nonnegative().nullable(),
        bucket: z.string().optional(),
        key: z.string().optional(),
        versionId: z.string().nullable().optional(),
        etag: z.string().nullable().optional(),
        warc: warcSourceSchema.optional(),
      })
      .strict(),
  })
  .strict();

export type SegmentType = z.infer<typeof segmentTypeSchema>;
export type Segment = z.infer<typeof segmentSchema>;
export type Image = z.infer<typeof imageSchema>;
export type Source = z.infer<typeof sourceSchema>;
export type WarcSource = z.infer<typeof warcSourceSchema>;
export type CleanDocument = z.infer<typeof documentSchema>;
export type ErrorRecord = z.infer<typeof errorRecordSchema>;
export type DroppedBlock = z.infer<typeof droppedSchema>;
