/**
 * The function's WARC path when S3 hands over fewer bytes than the object has (a connection that
 * closes early without an error): the read is retried, not taken for the whole file. Against a
 * mocked S3 (aws-sdk-client-mock).
 */
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { PIPELINE_DEFAULTS } from '../../src/pipeline/contract.js';
import { validatePipelineConfig } from '../../src/pipeline/config.js';
import { TruncatedBodyError } from '../../src/pipeline/failures.js';
import { processWarcObject } from '../../src/pipeline/warc-object.js';
import { article } from '../core/helpers.js';
import { htmlResponse, warcFile } from '../core/warc/build.js';
import { memoryBucket, sdkBody } from './helpers.js';

describe('a WARC object whose body ends before its Content-Length', () => {
  it('is a transient failure (the message is retried), not a crawl with its last records missing', async () => {
    const pages = ['one', 'two', 'three', 'four'].map((n) => htmlResponse(`https://site.example/${n}`, article([`A paragraph long enough about the ${n}th ferry of the harbour, for a page of its own.`])));
    const file = Buffer.from(await warcFile(pages, 'record'));
    const cut = file.length - (await warcFile(pages.slice(2), 'record')).length; // the connection closed between records 2 and 3
    const s3 = new S3Client({ region: 'eu-west-1' });
    const mock = mockClient(s3);
    // The clean bucket: what the function writes, read back as written; the raw object ends early.
    memoryBucket(mock, () => ({ Body: sdkBody(file.subarray(0, cut)), ContentLength: file.length, ETag: '"e1"' }));
    const config = validatePipelineConfig({ ...PIPELINE_DEFAULTS, cleanBucket: 'clean' });
    const result = processWarcObject({ s3, config, rawBucket: 'raw', key: 'crawl.warc.gz', remainingMs: () => 600_000, continueWith: async () => {} });
    await expect(result).rejects.toBeInstanceOf(TruncatedBodyError);
    await expect(result).rejects.toThrow(`ended after ${cut} of ${file.length} bytes`);
    // Nothing written that would pass for the file's lines.
    expect(mock.commandCalls(PutObjectCommand)).toEqual([]);
  });
});
