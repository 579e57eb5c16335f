import 'aws-sdk-client-mock-vitest/extend';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, expect, it, vi } from 'vitest';
import { ARTICLE_HTML, CLEAN, context, notFound, objectOutput, sqsEvent } from './helpers.js';

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

it('functions/clean.ts wires the environment of the stack into the handler', async () => {
  vi.stubEnv('CLEAN_BUCKET', CLEAN);
  vi.stubEnv('OUTPUT_PREFIX', 'docs/v1/');
  vi.stubEnv('ERROR_PREFIX', 'failed/');
  vi.stubEnv('MAX_OBJECT_BYTES', '100000');
  vi.stubEnv('BATCH_CONCURRENCY', '4');
  vi.stubEnv('POWERTOOLS_SERVICE_NAME', 'scrape-clean');
  vi.stubEnv('POWERTOOLS_METRICS_NAMESPACE', 'ScrapeClean');
  vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'SILENT');
  vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'true');
  vi.stubEnv('AWS_REGION', 'us-east-1');
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'ASIAEXAMPLE');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'secret');
  const mock = mockClient(S3Client);
  let signingAs: unknown;
  try {
    mock.on(HeadObjectCommand).rejects(notFound());
    mock.on(PutObjectCommand).resolves({});
    mock.on(GetObjectCommand).callsFake(async (_input, getClient) => {
      signingAs = await getClient().config.credentials();
      return objectOutput(ARTICLE_HTML);
    });
    const { handler } = await import('../../functions/clean.js');
    const response = await handler(sqsEvent({ key: 'a/b/page.html' }, { key: 'huge.html', size: 100001 }), context());
    expect(response).toEqual({ batchItemFailures: [] });
    expect(mock).toHaveReceivedCommandWith(PutObjectCommand, { Bucket: CLEAN, Key: 'docs/v1/a/b/page.json', ContentType: 'application/json' });
    expect(mock).toHaveReceivedCommandWith(PutObjectCommand, { Bucket: CLEAN, Key: 'failed/huge.error.json' });
    // The client's credentials are the environment's (functions/credentials.ts).
    expect(signingAs).toMatchObject({ accessKeyId: 'ASIAEXAMPLE', secretAccessKey: 'secret' });
  } finally {
    mock.restore();
  }
});

it('refuses to start without CLEAN_BUCKET', async () => {
  vi.stubEnv('CLEAN_BUCKET', '');
  await expect(import('../../functions/clean.js')).rejects.toThrow(/CLEAN_BUCKET is required/);
});
