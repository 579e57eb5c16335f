/**
 * The document and error-record schemas: every document the core makes validates (with zod,
 * and with a JSON Schema validator against the committed schema files), error records
 * validate, and the committed files are exactly what `npm run schema` generates today.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CleanError, clean, errorRecord, isCleanError } from '../../src/core/index.js';
import { documentSchema, errorRecordSchema } from '../../src/core/schema.js';
import { schemaFiles } from '../../scripts/json-schema.js';
import { FIXED_NOW } from './helpers.js';
import { INPUTS } from './fixtures.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const committed = (path: string): unknown => JSON.parse(readFileSync(`${ROOT}${path}`, 'utf8'));

// Formats are not validated (the generated date-time pattern is); everything else strictly.
const ajv = new Ajv2020({ strict: true, allErrors: true, validateFormats: false });
const validateDocument = ajv.compile(committed('schema/clean-document.schema.json') as object);
const validateErrorRecord = ajv.compile(committed('schema/error-record.schema.json') as object);

function expectValidDocument(document: unknown): void {
  const parsed = documentSchema.safeParse(document);
  expect(parsed.success, parsed.success ? '' : parsed.error.message).toBe(true);
  // Through JSON, as a consumer reads it.
  const json = JSON.parse(JSON.stringify(document));
  expect(validateDocument(json), ajv.errorsText(validateDocument.errors)).toBe(true);
}

describe('committed JSON Schema files', () => {
  it.each(schemaFiles().map((file) => [file.path, file.content]))('%s is up to date with src/core/schema.ts (run `npm run schema`)', (path, content) => {
    expect(readFileSync(`${ROOT}${path}`, 'utf8')).toBe(content);
  });

  it('are JSON Schema 2020-12 with an id and a title', () => {
    for (const file of schemaFiles()) {
      expect(JSON.parse(file.content)).toMatchObject({ $schema: 'https://json-schema.org/draft/2020-12/schema', $id: expect.any(String), title: expect.any(String) });
    }
  });
});

describe('documents', () => {
  it.each(INPUTS)('$label validates', (input) => {
    expectValidDocument(clean({ bytes: input.bytes, name: input.name, contentType: input.contentType }));
    expectValidDocument(clean({ bytes: input.bytes, name: input.name, contentType: input.contentType }, { explain: true }));
  });

  it('with S3 provenance fields validates', () => {
    const document = clean({ bytes: INPUTS[0]!.bytes, name: 'raw/news/ferry.html' });
    expectValidDocument({ ...document, source: { ...document.source, bucket: 'raw-bucket', key: 'raw/news/ferry.html', versionId: null, etag: '"abc"' } });
  });

  it('the schemas reject what is not a document', () => {
    const document = clean({ bytes: INPUTS[0]!.bytes, name: 'ferry.html' }, { now: FIXED_NOW });
    const broken = [
      { ...document, schemaVersion: 1 },
      { ...document, schemaVersion: 3 },
      { ...document, segments: [{ type: 'chrome', text: 'Menu', tag: 'nav', cues: [] }] },
      { ...document, segments: [{ type: 'body', text: '', tag: 'p', cues: [] }] },
      { ...document, unexpected: true },
      { ...document, source: { ...document.source, sha256: 'not-a-hash' } },
      { ...document, processedAt: 'yesterday' },
    ];
    for (const value of broken) {
      expect(documentSchema.safeParse(value).success).toBe(false);
      expect(validateDocument(JSON.parse(JSON.stringify(value)))).toBe(false);
    }
  });

  it('anything the core accepts, whatever the bytes, is a valid document (property, fixed seed)', () => {
    const fragment = fc.oneof(
      fc.string(),
      fc.constantFrom('<p>', '</p>', '<div class="ad">', '</div>', '<figure><img src=x><figcaption>', '</figcaption></figure>', '<nav>', '</nav>', '<script>', '</script>', '&amp;', '&#8217;', '\u00ad', '\u200b', '© 2024 ', 'Advertisement', 'READ: ', '\n\n'),
      fc.lorem({ maxCount: 30, mode: 'sentences' }),
    );
    const page = fc.array(fragment, { maxLength: 40 }).map((parts) => parts.join(''));
    const input = fc.oneof(
      page.map((text) => ({ bytes: Buffer.from(text), name: 'page.html' })),
      page.map((text) => ({ bytes: Buffer.from(text), name: 'page.txt' })),
      fc.uint8Array({ maxLength: 512 }).map((bytes) => ({ bytes, name: 'scrape' })),
    );
    fc.assert(
      fc.property(input, ({ bytes, name }) => {
        let document;
        try {
          document = clean({ bytes, name }, { now: FIXED_NOW });
        } catch (error) {
          expect(isCleanError(error)).toBe(true);
          return;
        }
        expectValidDocument(document);
      }),
      { seed: 20240219, numRuns: 300 },
    );
  });
});

describe('error records', () => {
  it('of a CleanError validates and carries its code and message', () => {
    const record = errorRecord(new CleanError('BINARY_INPUT', 'input is a PNG image, not an HTML or text scrape'), { name: 'images/logo.png', bytes: 2048 }, new Date('2024-03-01T12:00:00Z'));
    expect(errorRecordSchema.parse(record)).toEqual({
      schemaVersion: 1,
      pipelineVersion: expect.any(String),
      failedAt: '2024-03-01T12:00:00.000Z',
      error: { code: 'BINARY_INPUT', message: 'input is a PNG image, not an HTML or text scrape' },
      source: { name: 'images/logo.png', bytes: 2048 },
    });
    expect(validateErrorRecord(JSON.parse(JSON.stringify(record))), ajv.errorsText(validateErrorRecord.errors)).toBe(true);
  });

  it('of a thrown core error, a system error and a non-error all validate', () => {
    let thrown: unknown;
    try {
      clean({ bytes: new Uint8Array(0), name: 'empty.html' });
    } catch (error) {
      thrown = error;
    }
    const system = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    const records = [
      errorRecord(thrown, { name: 'empty.html', bytes: 0 }),
      errorRecord(system, { name: 'locked.html', bytes: null, bucket: 'raw', key: 'locked.html', versionId: 'v1', etag: null }),
      errorRecord('a string thrown by mistake', { name: 'odd.html', bytes: 1 }),
    ];
    expect(records.map((r) => r.error.code)).toEqual(['EMPTY_INPUT', 'EACCES', 'INTERNAL_ERROR']);
    for (const record of records) {
      expect(errorRecordSchema.safeParse(record).success).toBe(true);
      expect(validateErrorRecord(JSON.parse(JSON.stringify(record))), ajv.errorsText(validateErrorRecord.errors)).toBe(true);
    }
  });
});
