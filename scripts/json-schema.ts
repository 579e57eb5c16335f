/**
 * The JSON Schema files of the document and the error record, generated from the zod schemas
 * in src/core/schema.ts (the one definition). `npm run schema` writes them; a test fails when
 * the committed files differ from what this module generates.
 */
import { z } from 'zod';
import { documentSchema, errorRecordSchema } from '../src/core/schema.js';

export interface SchemaFile {
  /** Path relative to the repository root. */
  readonly path: string;
  readonly content: string;
}

function render(schema: z.ZodType, id: string, title: string, description: string): string {
  const generated = z.toJSONSchema(schema, { target: 'draft-2020-12' }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return JSON.stringify({ $schema, $id: id, title, description, ...rest }, null, 2) + '\n';
}

export function schemaFiles(): SchemaFile[] {
  return [
    {
      path: 'schema/clean-document.schema.json',
      content: render(
        documentSchema,
        'urn:scrape-clean:schema:clean-document:1',
        'scrape-clean document (schema version 1)',
        'One cleaned scrape: source, metadata, classified segments in document order, body text and statistics. Generated from src/core/schema.ts by `npm run schema`; do not edit by hand.',
      ),
    },
    {
      path: 'schema/error-record.schema.json',
      content: render(
        errorRecordSchema,
        'urn:scrape-clean:schema:error-record:1',
        'scrape-clean error record (schema version 1)',
        'Written instead of a document when an input cannot be cleaned: the typed error code and message, and the source. Generated from src/core/schema.ts by `npm run schema`; do not edit by hand.',
      ),
    },
  ];
}
