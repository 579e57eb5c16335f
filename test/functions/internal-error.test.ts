import 'aws-sdk-client-mock-vitest/extend';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, expect, it, vi } from 'vitest';
import { errorRecordSchema } from '../../src/core/schema.js';
import { PIPELINE_DEFAULTS } from '../../src/pipeline/contract.js';
import { validatePipelineConfig } from '../../src/pipeline/config.js';
import { createCleanHandler } from '../../src/pipeline/handler.js';
import type { ProcessResult } from '../../src/pipeline/process-object.js';
import { ARTICLE_HTML, CLEAN, context, notFound, objectOutput, sqsEvent } from './helpers.js';

// A bug in the core: clean() throws something that is not a CleanError.
vi.mock('../../src/core/clean.js', () => ({
  clean: () => {
    throw new TypeError("Cannot read properties of undefined (reading 'text')");
  },
}));

afterEach(() => {
  vi.unstubAllEnvs();
});

it('writes an INTERNAL_ERROR record for an unexpected exception of the core instead of retrying it', async () => {
  vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'true');
  const s3 = new S3Client({ region: 'us-east-1' });
  const mock = mockClient(s3);
  mock.on(HeadObjectCommand).rejects(notFound());
  mock.on(PutObjectCommand).resolves({});
  mock.on(GetObjectCommand).callsFake(() => objectOutput(ARTICLE_HTML));
  const results: ProcessResult[] = [];
  const logger = new Logger({ serviceName: 'test', logLevel: 'SILENT' });
  const error = vi.spyOn(logger, 'error');
  const handler = createCleanHandler({
    s3,
    config: validatePipelineConfig({ ...PIPELINE_DEFAULTS, cleanBucket: CLEAN }),
    logger,
    metrics: new Metrics({ namespace: 'test', serviceName: 'test' }),
    onResult: (r) => results.push(r),
  });

  const response = await handler(sqsEvent({ key: 'page.html' }), context());

  expect(response).toEqual({ batchItemFailures: [] });
  const put = mock.commandCalls(PutObjectCommand).map((c) => c.args[0].input);
  expect(put.map((p) => p.Key)).toEqual(['errors/page.error.json']);
  const record = errorRecordSchema.parse(JSON.parse(String(put[0]!.Body)));
  expect(record.error).toEqual({ code: 'INTERNAL_ERROR', message: "the cleaner failed unexpectedly: Cannot read properties of undefined (reading 'text')" });
  expect(results).toMatchObject([{ outcome: 'error-record', code: 'INTERNAL_ERROR' }]);
  // Logged at error level with the original exception, for someone to fix and reprocess.
  expect(error).toHaveBeenCalledWith('cleaner bug: error record written', expect.objectContaining({ objectKey: 'page.html', error: expect.any(TypeError) }));
});
