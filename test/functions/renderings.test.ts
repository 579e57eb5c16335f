/**
 * The function's Markdown and plain-text outputs (the stage's outputFormats, OUTPUT_FORMATS):
 * written beside each document under the same conditional-write rules, with the same stamp;
 * skipped when up to date, written alone when a stage newly asks for them, never over a later
 * version's outputs, never for an error record.
 */
import 'aws-sdk-client-mock-vitest/extend';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client, type PutObjectCommandInput } from '@aws-sdk/client-s3';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderMarkdown, renderText } from '../../src/core/render/index.js';
import { documentSchema } from '../../src/core/schema.js';
import { PIPELINE_DEFAULTS } from '../../src/pipeline/contract.js';
import { PipelineConfigError, readPipelineConfig, validatePipelineConfig, type PipelineConfig } from '../../src/pipeline/config.js';
import { createCleanHandler } from '../../src/pipeline/handler.js';
import { outputKeysFor, type ProcessResult } from '../../src/pipeline/process-object.js';
import { stampMetadata } from '../../src/pipeline/stamp.js';
import { ARTICLE_HTML, CLEAN, PNG_BYTES, RAW, context, notFound, objectOutput, sqsEvent } from './helpers.js';

const ETAG = '5d41402abc4b2a76b9719d911017c592';
const source = { bucket: RAW, key: 'page.html', versionId: null, etag: ETAG, sequencer: '0055AED6DCD90281E5' };

beforeEach(() => {
  vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'true');
});
afterEach(() => {
  vi.unstubAllEnvs();
});

/** A handler over a mocked clean bucket that keeps what is written (HEAD answers from it). */
function setup(outputFormats: PipelineConfig['outputFormats'], stored = new Map<string, Record<string, string>>()) {
  const s3 = new S3Client({ region: 'us-east-1' });
  const mock = mockClient(s3);
  mock.on(HeadObjectCommand).callsFake((input: { Key: string }) => {
    const metadata = stored.get(input.Key);
    if (!metadata) throw notFound();
    return { ETag: `"${input.Key}"`, Metadata: metadata };
  });
  const bodies = new Map<string, PutObjectCommandInput>();
  mock.on(PutObjectCommand).callsFake((input: PutObjectCommandInput) => {
    stored.set(input.Key!, input.Metadata!);
    bodies.set(input.Key!, input);
    return {};
  });
  mock.on(GetObjectCommand).callsFake(() => objectOutput(ARTICLE_HTML, { etag: ETAG }));
  const results: ProcessResult[] = [];
  const config = validatePipelineConfig({ ...PIPELINE_DEFAULTS, cleanBucket: CLEAN, outputFormats });
  const logger = new Logger({ serviceName: 'test', logLevel: 'SILENT' });
  const metrics = new Metrics({ namespace: 'test', serviceName: 'test' });
  const handler = createCleanHandler({ s3, config, logger, metrics, onResult: (r) => results.push(r) });
  return { mock, handler, results, stored, bodies };
}

describe('renderings beside the document', () => {
  it('writes page.md and page.txt after page.json, each with its content type and the document\'s stamp', async () => {
    const { mock, handler, results, bodies } = setup(['json', 'markdown', 'text']);
    await handler(sqsEvent({ key: 'news/page.html', eTag: ETAG }), context());
    expect(mock.commandCalls(PutObjectCommand).map((call) => call.args[0].input.Key)).toEqual(['documents/news/page.json', 'documents/news/page.md', 'documents/news/page.txt']);
    const document = documentSchema.parse(JSON.parse(String(bodies.get('documents/news/page.json')!.Body)));
    const markdown = bodies.get('documents/news/page.md')!;
    const text = bodies.get('documents/news/page.txt')!;
    expect(markdown.Body).toBe(renderMarkdown(document));
    expect(text.Body).toBe(renderText(document));
    expect(markdown.ContentType).toBe('text/markdown; charset=utf-8');
    expect(text.ContentType).toBe('text/plain; charset=utf-8');
    expect(markdown.Metadata).toEqual(bodies.get('documents/news/page.json')!.Metadata);
    expect(markdown.IfNoneMatch).toBe('*');
    expect(results).toMatchObject([{ outcome: 'written', documentWritten: true, renderings: ['documents/news/page.md', 'documents/news/page.txt'] }]);
  });

  it('writes only the JSON by default', async () => {
    const { mock, handler } = setup(PIPELINE_DEFAULTS.outputFormats);
    await handler(sqsEvent({ key: 'page.html', eTag: ETAG }), context());
    expect(mock.commandCalls(PutObjectCommand).map((call) => call.args[0].input.Key)).toEqual(['documents/page.json']);
  });

  it('writes nothing again for a message delivered twice, and reads nothing the second time', async () => {
    const { mock, handler } = setup(['json', 'markdown']);
    const message = sqsEvent({ key: 'page.html', eTag: ETAG }).Records[0]!;
    await handler({ Records: [message] }, context());
    await handler({ Records: [message] }, context());
    expect(mock).toHaveReceivedCommandTimes(PutObjectCommand, 2);
    expect(mock).toHaveReceivedCommandTimes(GetObjectCommand, 1);
  });

  it('writes the missing rendering beside an up-to-date document (a stage that just asked for Markdown), not the document', async () => {
    const stored = new Map([['documents/page.json', stampMetadata(source)]]);
    const { mock, handler, results } = setup(['json', 'markdown'], stored);
    await handler(sqsEvent({ key: 'page.html', eTag: ETAG }), context());
    expect(mock.commandCalls(PutObjectCommand).map((call) => call.args[0].input.Key)).toEqual(['documents/page.md']);
    expect(results).toMatchObject([{ outcome: 'written', documentWritten: false, renderings: ['documents/page.md'] }]);
  });

  it('replaces a rendering of older bytes conditionally on the one it saw', async () => {
    const stored = new Map([['documents/page.md', stampMetadata({ ...source, etag: 'older', sequencer: '0055AED6DCD90281A0' })]]);
    const { mock, handler } = setup(['json', 'markdown'], stored);
    await handler(sqsEvent({ key: 'page.html', eTag: ETAG }), context());
    expect(mock).toHaveReceivedCommandWith(PutObjectCommand, { Key: 'documents/page.md', IfMatch: '"documents/page.md"' });
  });

  it('leaves every output alone when a later event of the key made them (out of order)', async () => {
    const later = stampMetadata({ ...source, etag: 'newer', sequencer: '0055AED6DCD90281F0' });
    const stored = new Map([['documents/page.json', later], ['documents/page.md', later]]);
    const { mock, handler, results } = setup(['json', 'markdown'], stored);
    await handler(sqsEvent({ key: 'page.html', eTag: 'older', sequencer: '0055AED6DCD90281E5' }), context());
    expect(mock).not.toHaveReceivedCommand(PutObjectCommand);
    expect(results).toMatchObject([{ outcome: 'skipped', reason: 'superseded' }]);
  });

  it('writes no rendering for an object that gets an error record', async () => {
    const { mock, handler } = setup(['json', 'markdown', 'text']);
    mock.on(GetObjectCommand).callsFake(() => objectOutput(PNG_BYTES, { etag: ETAG }));
    await handler(sqsEvent({ key: 'page.html', eTag: ETAG }), context());
    expect(mock.commandCalls(PutObjectCommand).map((call) => call.args[0].input.Key)).toEqual(['errors/page.error.json']);
  });

  it('names the renderings like the document, by hash for keys that cannot name a file', () => {
    const config = { outputPrefix: 'documents/', errorPrefix: 'errors/' };
    expect(outputKeysFor('a/b/page.html.gz', config)).toEqual({ document: 'documents/a/b/page.json', error: 'errors/a/b/page.error.json', markdown: 'documents/a/b/page.md', text: 'documents/a/b/page.txt' });
    const hashed = outputKeysFor('../escape.html', config);
    expect(hashed.markdown).toMatch(/^documents\/by-key-hash\/[0-9a-f]{64}\.md$/);
    expect(hashed.text).toBe(hashed.markdown.replace(/\.md$/, '.txt'));
  });
});

describe('OUTPUT_FORMATS', () => {
  it('reads a comma-separated list, json always among it', () => {
    expect(readPipelineConfig({ CLEAN_BUCKET: 'c' }).outputFormats).toEqual(['json']);
    expect(readPipelineConfig({ CLEAN_BUCKET: 'c', OUTPUT_FORMATS: 'json,md, text' }).outputFormats).toEqual(['json', 'markdown', 'text']);
    expect(() => readPipelineConfig({ CLEAN_BUCKET: 'c', OUTPUT_FORMATS: 'json,pdf' })).toThrow(/OUTPUT_FORMATS: unknown format "pdf"/);
    expect(() => readPipelineConfig({ CLEAN_BUCKET: 'c', OUTPUT_FORMATS: 'markdown' })).toThrow(PipelineConfigError);
  });
});
