/**
 * The backfill state machine's definition (lib/backfill-definition.ts): valid ASL, and its
 * JSONata run step by step (./asl.ts) with the real clean handler behind `lambda:invoke` on a
 * mocked S3: per-object retries with backoff, dead-lettering in the internal format (and that
 * message then processed by the live handler from SQS), a batch whose invocations keep failing,
 * the input's defaults and checks, and the item selectors of both sources.
 */
import 'aws-sdk-client-mock-vitest/extend';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { mockClient } from 'aws-sdk-client-mock';
import { createRequire } from 'node:module';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  backfillDefinition,
  batchWorkflow,
  INVENTORY_ITEM_SELECTOR,
  LISTING_ITEM_SELECTOR,
  MAX_INPUT_BYTES_PER_BATCH,
} from '../../lib/backfill-definition.js';
import { DEFAULT_BACKFILL_SETTINGS, type BackfillSettings } from '../../lib/backfill-settings.js';
import { BACKFILL_ERRORS, OBJECT_MESSAGE_KIND, PIPELINE_DEFAULTS } from '../../src/pipeline/contract.js';
import { validatePipelineConfig } from '../../src/pipeline/config.js';
import { createCleanHandler } from '../../src/pipeline/handler.js';
import { parseObjectMessage, type ObjectBatch } from '../../src/pipeline/object-message.js';
import { ARTICLE_HTML, CLEAN, context, notFound, objectOutput, PNG_BYTES, RAW, serviceError, sqsRecord } from '../functions/helpers.js';
import { evaluate, runWorkflow, type Resource } from './asl.js';

const require = createRequire(import.meta.url);
const validateAsl = require('asl-validator') as (definition: unknown) => { isValid: boolean; errorsText: (separator?: string) => string };

const SETTINGS: BackfillSettings = { ...DEFAULT_BACKFILL_SETTINGS, enabled: true };

beforeEach(() => {
  vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'true');
});
afterEach(() => {
  vi.unstubAllEnvs();
});

describe('the definition', () => {
  it.each([false, true])('is valid Amazon States Language (inventory %s)', (inventory) => {
    const result = validateAsl(backfillDefinition({ settings: SETTINGS, pipelinePrefix: 'in/', inventory, inventoryPrefix: 'inventory' }));
    expect(result.errorsText('\n')).toBe('');
    expect(result.isValid).toBe(true);
  });

  it('configures each Distributed Map from the settings', () => {
    const settings = { ...SETTINGS, batchSize: 25, maxConcurrency: 40, toleratedFailurePercentage: 2, resultsPrefix: 'runs/' };
    const definition = backfillDefinition({ settings, pipelinePrefix: '', inventory: true, inventoryPrefix: 'inventory' }) as { States: Record<string, any> };
    for (const name of ['FromListing', 'FromInventory']) {
      const map = definition.States[name];
      expect(map).toMatchObject({
        Type: 'Map',
        ItemBatcher: { MaxItemsPerBatch: 25, MaxInputBytesPerBatch: MAX_INPUT_BYTES_PER_BATCH },
        MaxConcurrency: 40,
        ToleratedFailurePercentage: 2,
        ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' } },
        ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Arguments: { Bucket: '${CleanBucket}' }, WriterConfig: { OutputType: 'JSONL', Transformation: 'NONE' } },
        Next: 'Summarize',
      });
      expect(map.ResultWriter.Arguments.Prefix).toContain("'runs/' & $states.context.Execution.Name");
      // Both batch workflows invoke the same clean function.
      const process = Object.values(map.ItemProcessor.States as Record<string, any>).find((s) => s.Resource === 'arn:aws:states:::lambda:invoke');
      expect(process.Arguments.FunctionName).toBe('${CleanFunctionArn}');
    }
    expect(definition.States.FromListing.ItemReader).toEqual({ Resource: 'arn:aws:states:::s3:listObjectsV2', Arguments: { Bucket: '${RawBucket}', Prefix: '{% $states.input.prefix %}' } });
    expect(definition.States.FromInventory.ItemReader).toMatchObject({ Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'MANIFEST' } });
  });
});

function setup(getObject: (key: string, attempt: number) => unknown) {
  const s3 = new S3Client({ region: 'us-east-1' });
  const mock = mockClient(s3);
  mock.on(HeadObjectCommand).rejects(notFound());
  mock.on(PutObjectCommand).resolves({});
  const attempts = new Map<string, number>();
  mock.on(GetObjectCommand).callsFake((input: { Key: string }) => {
    const attempt = (attempts.get(input.Key) ?? 0) + 1;
    attempts.set(input.Key, attempt);
    return getObject(input.Key, attempt);
  });
  const config = validatePipelineConfig({ ...PIPELINE_DEFAULTS, cleanBucket: CLEAN });
  const handler = createCleanHandler({ s3, config, logger: new Logger({ logLevel: 'SILENT' }), metrics: new Metrics({ namespace: 'test', serviceName: 'test' }) });
  const invocations: ObjectBatch[] = [];
  const sent: { QueueUrl: string; MessageBody: string }[] = [];
  const resources: Resource = async (resource, args) => {
    if (resource === 'arn:aws:states:::lambda:invoke') {
      expect(args.FunctionName).toBe('${CleanFunctionArn}');
      invocations.push(args.Payload);
      return { StatusCode: 200, Payload: await handler(args.Payload, context()) };
    }
    if (resource === 'arn:aws:states:::sqs:sendMessage') {
      sent.push(args);
      return { MessageId: `m-${sent.length}` };
    }
    throw new Error(`unexpected resource ${resource}`);
  };
  return { mock, handler, invocations, sent, resources, attempts };
}

const item = (key: string) => ({ bucket: RAW, key, etag: 'd41d8cd98f00b204e9800998ecf8427e', size: 100 });
const batchInput = (keys: string[], force = false) => ({ Items: keys.map(item), BatchInput: { force } });
const slowDown = () => Promise.reject(serviceError('SlowDown', 503, 'Please reduce your request rate.'));

describe('a batch', () => {
  it('retries only the objects that failed transiently, after a doubling backoff, and reports each outcome once', async () => {
    const { invocations, sent, resources } = setup((key, attempt) => {
      if (key === 'b.html') return objectOutput(PNG_BYTES);
      if (key === 'c.html' && attempt <= 2) return slowDown();
      return objectOutput(ARTICLE_HTML);
    });
    const run = await runWorkflow(batchWorkflow(SETTINGS), batchInput(['a.html', 'b.html', 'c.html']), resources);
    expect(run.status).toBe('SUCCEEDED');
    expect(run.output).toEqual([
      { key: 'a.html', outcome: 'written' },
      { key: 'b.html', outcome: 'error-record', code: 'BINARY_INPUT', message: expect.any(String), rewritten: true },
      { key: 'c.html', outcome: 'written' },
    ]);
    expect(invocations.map((batch) => batch.objects.map((o) => o.key))).toEqual([['a.html', 'b.html', 'c.html'], ['c.html'], ['c.html']]);
    expect(invocations.every((batch) => batch.kind === OBJECT_MESSAGE_KIND && batch.force === false)).toBe(true);
    expect(run.log.waits).toEqual([SETTINGS.backoffSeconds, SETTINGS.backoffSeconds * 2]);
    expect(sent).toEqual([]);
  });

  it('passes force on to the function', async () => {
    const { invocations, resources } = setup(() => objectOutput(ARTICLE_HTML));
    await runWorkflow(batchWorkflow(SETTINGS), batchInput(['a.html'], true), resources);
    expect(invocations[0]!.force).toBe(true);
  });

  it("sends what still fails after the last attempt to the dead-letter queue in the internal format, which the live handler then processes", async () => {
    let healthy = false;
    const { sent, resources, handler, attempts } = setup((key) => (key === 'd e+f.html' && !healthy ? slowDown() : objectOutput(ARTICLE_HTML)));
    const run = await runWorkflow(batchWorkflow(SETTINGS), batchInput(['a.html', 'd e+f.html']), resources);
    expect(run.status).toBe('SUCCEEDED');
    expect(run.output).toEqual([
      { key: 'a.html', outcome: 'written' },
      { key: 'd e+f.html', outcome: 'dead-lettered', code: 'SlowDown', message: 'Please reduce your request rate.' },
    ]);
    expect(attempts.get('d e+f.html')).toBe(SETTINGS.attempts);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.QueueUrl).toBe('${DeadLetterQueueUrl}');
    const body = JSON.parse(sent[0]!.MessageBody);
    expect(body).toEqual({ kind: OBJECT_MESSAGE_KIND, objects: [item('d e+f.html')] });

    // Redriven to the live queue once S3 is healthy again: the same handler, from SQS, raw key.
    healthy = true;
    const response = await handler({ Records: [sqsRecord(sent[0]!.MessageBody)] }, context());
    expect(response).toEqual({ batchItemFailures: [] });
  });

  it('a batch whose invocations keep failing dead-letters its objects and fails, saying how many', async () => {
    const { resources, sent } = setup(() => objectOutput(ARTICLE_HTML));
    let calls = 0;
    const crashing: Resource = async (resource, args) => {
      if (resource === 'arn:aws:states:::lambda:invoke') {
        calls++;
        throw Object.assign(new Error('Task timed out after 120.00 seconds'), { name: 'Sandbox.Timedout' });
      }
      return resources(resource, args);
    };
    const run = await runWorkflow(batchWorkflow(SETTINGS), batchInput(['a.html', 'b.html']), crashing);
    expect(calls).toBe(SETTINGS.attempts);
    expect(run.status).toBe('FAILED');
    expect(run.error).toBe(BACKFILL_ERRORS.batchDeadLettered);
    expect(JSON.parse(run.cause!)).toMatchObject({ error: 'Sandbox.Timedout', unsettled: 2, settled: 0 });
    expect(JSON.parse(sent[0]!.MessageBody).objects.map((o: { key: string }) => o.key)).toEqual(['a.html', 'b.html']);
  });

  it('a malformed batch is not retried', async () => {
    const { resources } = setup(() => objectOutput(ARTICLE_HTML));
    let calls = 0;
    const run = await runWorkflow(batchWorkflow(SETTINGS), { Items: [{ bucket: RAW }], BatchInput: { force: false } }, async (resource, args) => {
      if (resource.endsWith('lambda:invoke')) calls++;
      return resources(resource, args);
    });
    expect(calls).toBe(1);
    expect(run.status).toBe('FAILED');
  });
});

describe('the execution input', () => {
  const top = (pipelinePrefix: string, inventory = false) => {
    const definition = backfillDefinition({ settings: SETTINGS, pipelinePrefix, inventory, inventoryPrefix: 'inventory' }) as { StartAt: string; States: Record<string, any> };
    return (input: unknown) => runWorkflow(definition, input, async () => ({}));
  };

  it('gets its defaults: the stage prefix, no manifest, no force', async () => {
    const run = await top('in/')({});
    expect(run).toMatchObject({ status: 'MAP', mapState: 'FromListing', output: { prefix: 'in/', manifestKey: '', force: false } });
    expect((await top('')(null)).output).toEqual({ prefix: '', manifestKey: '', force: false });
    expect((await top('in/')({ prefix: 'in/2024/', force: true, other: 1 })).output).toEqual({ prefix: 'in/2024/', manifestKey: '', force: true });
  });

  it('fails at once on a prefix outside the stage, another bucket, or a manifest without an inventory', async () => {
    expect(await top('in/')({ prefix: 'out/' })).toMatchObject({ status: 'FAILED', error: BACKFILL_ERRORS.prefixOutsidePipeline });
    expect(await top('in/')({ bucket: 'someone-elses' })).toMatchObject({ status: 'FAILED', error: BACKFILL_ERRORS.wrongBucket });
    expect(await top('in/')({ bucket: '${RawBucket}' })).toMatchObject({ status: 'MAP', mapState: 'FromListing' });
    expect(await top('in/')({ manifestKey: 'inventory/x/manifest.json' })).toMatchObject({ status: 'FAILED', error: BACKFILL_ERRORS.noInventory });
    expect(await top('in/', true)({ manifestKey: 'inventory/x/manifest.json' })).toMatchObject({ status: 'MAP', mapState: 'FromInventory' });
  });
});

describe('item selectors: what each reader gives, as the internal format', () => {
  const select = (selector: unknown, value: unknown) =>
    evaluate(selector, { states: { input: {}, context: { Map: { Item: { Index: 0, Value: value } } } } });

  it('a ListObjectsV2 item keeps its raw key', async () => {
    const selected = await select(LISTING_ITEM_SELECTOR, { Key: 'a b/c+d 100%.html', Etag: '"0cc175b9c0f1b6a831c399e269772661"', LastModified: 1668699881, Size: 34910, StorageClass: 'STANDARD' });
    expect(parseObjectMessage(selected)).toEqual({ bucket: '${RawBucket}', key: 'a b/c+d 100%.html', etag: '"0cc175b9c0f1b6a831c399e269772661"', size: 34910 });
  });

  it('an S3 Inventory item has its URL-encoded key decoded and its size read as a number', async () => {
    const selected = await select(INVENTORY_ITEM_SELECTOR, { Bucket: 'raw', Key: 'a+b/%C3%BC%2B1%25.html', Size: '12', ETag: '0cc175b9c0f1b6a831c399e269772661', LastModifiedDate: '2024-05-01T10:00:00.000Z' });
    expect(parseObjectMessage(selected)).toEqual({ bucket: 'raw', key: 'a b/ü+1%.html', etag: '0cc175b9c0f1b6a831c399e269772661', size: 12 });
    const bare = await select(INVENTORY_ITEM_SELECTOR, { Bucket: 'raw', Key: 'x.html', Size: '', ETag: '' });
    expect(parseObjectMessage(bare)).toEqual({ bucket: 'raw', key: 'x.html' });
  });
});
