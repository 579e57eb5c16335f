import { describe, expect, it } from 'vitest';
import { PIPELINE_VERSION } from '../../src/core/version.js';
import { PipelineConfigError, readPipelineConfig } from '../../src/pipeline/config.js';
import { compareSequencers, MAX_USER_METADATA_BYTES, readStamp, stampMatches, stampMetadata, unquoteEtag } from '../../src/pipeline/stamp.js';

describe('readPipelineConfig', () => {
  it('applies the documented defaults', () => {
    expect(readPipelineConfig({ CLEAN_BUCKET: 'clean' })).toEqual({
      cleanBucket: 'clean',
      outputPrefix: 'documents/',
      errorPrefix: 'errors/',
      maxObjectBytes: 20 * 1024 * 1024,
      batchConcurrency: 8,
      outputFormats: ['json'],
    });
  });

  it('reads every variable the stack sets', () => {
    const config = readPipelineConfig({ CLEAN_BUCKET: 'c', OUTPUT_PREFIX: 'out/', ERROR_PREFIX: 'err/', MAX_OBJECT_BYTES: '1048576', BATCH_CONCURRENCY: '2', OUTPUT_FORMATS: 'json,markdown' });
    expect(config).toEqual({ cleanBucket: 'c', outputPrefix: 'out/', errorPrefix: 'err/', maxObjectBytes: 1048576, batchConcurrency: 2, outputFormats: ['json', 'markdown'] });
  });

  it.each([
    [{}, /CLEAN_BUCKET is required/],
    [{ CLEAN_BUCKET: 'c', MAX_OBJECT_BYTES: '20MB' }, /MAX_OBJECT_BYTES must be a positive integer/],
    [{ CLEAN_BUCKET: 'c', BATCH_CONCURRENCY: '0' }, /BATCH_CONCURRENCY must be a positive integer/],
    [{ CLEAN_BUCKET: 'c', OUTPUT_PREFIX: 'x/', ERROR_PREFIX: 'x/' }, /must differ/],
    [{ CLEAN_BUCKET: 'c', OUTPUT_FORMATS: 'json,docx' }, /OUTPUT_FORMATS: unknown format "docx"/],
  ])('fails at start-up on %j', (env, message) => {
    expect(() => readPipelineConfig(env)).toThrow(PipelineConfigError);
    expect(() => readPipelineConfig(env)).toThrow(message);
  });
});

describe('stamp metadata', () => {
  const source = { bucket: 'raw', key: 'ü/a b+c.html', versionId: 'v1', etag: 'abc', sequencer: '00AB' };

  it('round-trips through S3 metadata with an ASCII-safe key', () => {
    const metadata = stampMetadata(source);
    for (const value of Object.values(metadata)) expect(value).toMatch(/^[\x20-\x7e]*$/);
    expect(readStamp(metadata)).toEqual({
      sourceBucket: 'raw',
      sourceKey: 'ü/a b+c.html',
      sourceVersionId: 'v1',
      sourceEtag: 'abc',
      sourceSequencer: '00AB',
      pipelineVersion: PIPELINE_VERSION,
      errorCode: null,
    });
    expect(stampMatches(readStamp(metadata), source)).toBe(true);
    expect(stampMatches(readStamp(metadata), { ...source, etag: 'other' })).toBe(false);
    expect(stampMatches(readStamp(metadata), { ...source, key: 'other.html' })).toBe(false);
    expect(stampMatches(readStamp(metadata), { ...source, etag: null })).toBe(false);
  });

  it('leaves out a key too long for the 2 KB metadata limit', () => {
    const key = `${'長'.repeat(330)}.html`; // 993 bytes of UTF-8, ~3 KB percent-encoded
    const metadata = stampMetadata({ ...source, key });
    expect(metadata['source-key']).toBeUndefined();
    expect(Object.entries(metadata).reduce((n, [k, v]) => n + k.length + v.length, 0)).toBeLessThanOrEqual(MAX_USER_METADATA_BYTES);
    expect(stampMatches(readStamp(metadata), { ...source, key })).toBe(true);
  });

  it('compares sequencers after left-padding the shorter with zeros', () => {
    expect(compareSequencers('0055AED6DCD90281E5', '0055AED6DCD90281E6')).toBeLessThan(0);
    expect(compareSequencers('55AED6DCD90281E5', '0055AED6DCD90281E5')).toBe(0);
    expect(compareSequencers('FF', '0100')).toBeLessThan(0);
    expect(compareSequencers('0100', 'ff')).toBeGreaterThan(0);
  });

  it('unquotes ETags', () => {
    expect(unquoteEtag('"abc-2"')).toBe('abc-2');
    expect(unquoteEtag('abc')).toBe('abc');
    expect(unquoteEtag(undefined)).toBeNull();
  });
});
