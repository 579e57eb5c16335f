/**
 * The clean document, schema version 1: defined once here. The TypeScript types are inferred
 * from it and `npm run schema` writes the JSON Schema file `schema/clean-document.schema.json`.
 *
 * The Lambda bundle never imports this module at run time (only its types), so zod costs no
 * bytes there; tests, the CLI's `--validate` and the eval validate documents with it.
 */
import { z } from 'zod';

import { SEGMENT_TYPES } from './segment-types.js';

export { SEGMENT_TYPES };
export const segmentTypeSchema = z.enum(SEGMENT_TYPES);

export const segmentSchema = z
  .object({
    type: segmentTypeSchema,
    text: z.string().min(1),
    tag: z.string().nullable().describe('HTML element the block came from (null for plain text)'),
    cues: z.array(z.string()).describe('the signals that decided the class, for inspection and debugging'),
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
  })
  .strict();

export const sourceSchema = z
  .object({
    name: z.string(),
    bytes: z.number().int().nonnegative().describe('size of the raw object as stored (before gunzip)'),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    contentType: z.string().nullable(),
    format: z.enum(['html', 'text']),
    encoding: z.string().describe('character encoding the text was decoded from (WHATWG label)'),
    compression: z.enum(['gzip']).nullable(),
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
    schemaVersion: z.literal(1),
    pipelineVersion: z.string().describe('version of the cleaning logic that produced the document'),
    processedAt: z.iso.datetime({ offset: true }).describe('timestamp: the only field that differs between two runs on the same bytes'),
    source: sourceSchema,
    title: z.string().nullable(),
    byline: z.string().nullable(),
    publishedAt: z.string().nullable().describe('ISO 8601; keeps the offset when the page gives one'),
    url: z.string().nullable(),
    language: z.string().nullable(),
    siteName: z.string().nullable(),
    segments: z.array(segmentSchema),
    bodyText: z.string(),
    stats: z
      .object({
        segments: perClass,
        characters: perClass,
        chromeCharacters: z.number().int().nonnegative(),
        chromeBlocks: z.number().int().nonnegative(),
      })
      .strict(),
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
export type Source = z.infer<typeof sourceSchema>;
export type WarcSource = z.infer<typeof warcSourceSchema>;
export type CleanDocument = z.infer<typeof documentSchema>;
export type ErrorRecord = z.infer<typeof errorRecordSchema>;
export type DroppedBlock = z.infer<typeof droppedSchema>;
