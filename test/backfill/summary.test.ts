/**
 * The backfill's summary step (src/backfill/summary.ts, functions/backfill-summary.ts): it reads
 * the Distributed Map's result files as the ResultWriter stores them (a manifest.json, JSON
 * Lines of child executions with Transformation NONE), adds up every object's outcome and writes
 * summary.json next to them.
 */
import 'aws-sdk-client-mock-vitest/extend';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BACKFILL_ERRORS } from '../../src/pipeline/contract.js';
import { summarize, type BackfillSummary, type SummaryRequest } from '../../src/backfill/summary.js';
import type { ObjectOutcome } from '../../src/pipeline/object-message.js';

const CLEAN = 'clean-bucket';
const CONFIG = { cleanBucket: CLEAN, resultsPrefix: 'backfill/' };
const RUN = 'run-1';
const MANIFEST = `backfill/${RUN}/0d4f0c5a-map-run/manifest.json`;

const body = (text: string) => ({ Body: Object.assign(Readable.from([Buffer.from(text)]), { transformToString: async () => text }) as never });

function child(items: string[], result: { output?: ObjectOutcome[]; error?: string; cause?: unknown }, n = 0) {
  return JSON.stringify({
    ExecutionArn: `arn:aws:states:eu-west-1:123456789012:execution:scrape-clean-alice-backfill/FromListing:${n}`,
    Input: JSON.stringify({ Items: items.map((key) => ({ bucket: 'raw', key })), BatchInput: { force: false } }),
    InputDetails: { Included: true },
    Name: String(n),
    ...(result.output ? { Output: JSON.stringify(result.output), Status: 'SUCCEEDED' } : { Error: result.error, Cause: typeof result.cause === 'string' ? result.cause : JSON.stringify(result.cause), Status: 'FAILED' }),
  });
}

function setup(files: Record<string, string>) {
  const s3 = new S3Client({ region: 'eu-west-1' });
  const mock = mockClient(s3);
  mock.on(GetObjectCommand).callsFake((input: { Key: string }) => {
    if (!(input.Key in files)) throw Object.assign(new Error('NoSuchKey'), { name: 'NoSuchKey' });
    return body(files[input.Key]!);
  });
  mock.on(PutObjectCommand).resolves({});
  mock.on(ListObjectsV2Command).callsFake((input: { Prefix: string }) => ({ Contents: Object.keys(files).filter((k) => k.startsWith(input.Prefix)).map((Key) => ({ Key })) }));
  const written = () => {
    const put = mock.commandCalls(PutObjectCommand)[0]?.args[0].input;
    return put ? { key: put.Key, summary: JSON.parse(String(put.Body)) as BackfillSummary } : null;
  };
  return { s3, mock, written };
}

const request = (extra: Partial<SummaryRequest> = {}): SummaryRequest => ({
  executionName: RUN,
  startedAt: '2026-01-01T00:00:00.000Z',
  source: { bucket: 'raw', prefix: '2024/' },
  force: false,
  mapRun: { MapRunArn: 'arn:aws:states:eu-west-1:123456789012:mapRun:scrape-clean-alice-backfill/FromListing:0d4f0c5a', ResultWriterDetails: { Bucket: CLEAN, Key: MANIFEST } },
  ...extra,
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('summarize', () => {
  it('adds up the outcomes of every batch, lists failures by code and writes summary.json next to the results', async () => {
    const files = {
      [MANIFEST]: JSON.stringify({
        DestinationBucket: CLEAN,
        MapRunArn: 'arn',
        ResultFiles: { SUCCEEDED: [{ Key: `backfill/${RUN}/0d4f0c5a-map-run/SUCCEEDED_0.json`, Size: 1 }], FAILED: [{ Key: `backfill/${RUN}/0d4f0c5a-map-run/FAILED_0.json`, Size: 1 }], PENDING: [] },
      }),
      [`backfill/${RUN}/0d4f0c5a-map-run/SUCCEEDED_0.json`]: [
        child(['a', 'b', 'c'], { output: [{ key: 'a', outcome: 'written' }, { key: 'b', outcome: 'skipped', reason: 'up-to-date' }, { key: 'c', outcome: 'error-record', code: 'BINARY_INPUT', message: 'binary', rewritten: true }] }, 0),
        child(['d', 'e/'], { output: [{ key: 'd', outcome: 'dead-lettered', code: 'SlowDown', message: 'Please reduce your request rate.' }, { key: 'e/', outcome: 'ignored', reason: 'folder marker' }] }, 1),
      ].join('\n'),
      [`backfill/${RUN}/0d4f0c5a-map-run/FAILED_0.json`]: child(['f', 'g'], { error: BACKFILL_ERRORS.batchDeadLettered, cause: { error: 'Sandbox.Timedout', cause: 'Task timed out', unsettled: 2, settled: 0 } }, 2),
    };
    const { s3, written } = setup(files);
    const result = await summarize(s3, CONFIG, request(), () => new Date('2026-01-01T00:01:00.000Z'));

    const { key, summary } = written()!;
    expect(key).toBe(`backfill/${RUN}/summary.json`);
    expect(summary).toMatchObject({
      executionName: RUN,
      status: 'complete',
      source: { bucket: 'raw', prefix: '2024/' },
      elapsedSeconds: 60,
      resultsManifest: MANIFEST,
      objects: 7,
      documentsWritten: 1,
      skippedUpToDate: 1,
      errorRecordsWritten: 1,
      ignored: 1,
      failedTransient: 3,
      failed: 4,
      failuresByCode: { 'Sandbox.Timedout': 2, BINARY_INPUT: 1, SlowDown: 1 },
      notStarted: 0,
      failedBatches: [{ error: BACKFILL_ERRORS.batchDeadLettered, objects: 2, unsettled: 2, settled: 0 }],
    });
    expect(summary.failures).toEqual([
      { key: 'c', code: 'BINARY_INPUT', message: 'binary', disposition: 'error-record' },
      { key: 'd', code: 'SlowDown', message: 'Please reduce your request rate.', disposition: 'dead-letter' },
      { key: 'f', code: 'Sandbox.Timedout', message: 'Task timed out', disposition: 'dead-letter' },
      { key: 'g', code: 'Sandbox.Timedout', message: 'Task timed out', disposition: 'dead-letter' },
    ]);
    // The execution's output: counts and where the summary is, without the lists.
    expect(result).toMatchObject({ status: 'complete', objects: 7, failed: 4, summaryBucket: CLEAN, summaryKey: `backfill/${RUN}/summary.json` });
    expect(result).not.toHaveProperty('failures');
    expect(result).not.toHaveProperty('failedBatches');
  });

  it('after a failed map run, finds the results by listing, counts pending batches and reports the run as failed', async () => {
    const folder = `backfill/${RUN}/77aa-map-run`;
    const files = {
      [`${folder}/manifest.json`]: JSON.stringify({ ResultFiles: { SUCCEEDED: [{ Key: `${folder}/SUCCEEDED_0.json` }], FAILED: [], PENDING: [{ Key: `${folder}/PENDING_0.json` }] } }),
      [`${folder}/SUCCEEDED_0.json`]: child(['a'], { output: [{ key: 'a', outcome: 'written' }] }),
      [`${folder}/PENDING_0.json`]: [child(['x', 'y'], { error: 'States.Aborted', cause: '' }, 5), child(['z'], { error: 'States.Aborted', cause: '' }, 6)].join('\n'),
    };
    const { s3, written } = setup(files);
    const result = await summarize(s3, CONFIG, request({ mapRun: undefined, mapError: { Error: 'States.ExceedToleratedFailureThreshold', Cause: 'too many failures' } }));
    expect(result).toMatchObject({ status: 'failed', objects: 1, documentsWritten: 1, notStarted: 3, mapError: { error: 'States.ExceedToleratedFailureThreshold' } });
    expect(written()!.summary.resultsManifest).toBe(`${folder}/manifest.json`);
  });

  it('a map run that wrote no results at all (the listing failed) still gets a summary saying so', async () => {
    const { s3, written } = setup({});
    const result = await summarize(s3, CONFIG, request({ mapRun: undefined, mapError: { Error: 'States.ItemReaderFailed', Cause: 'Access Denied' } }));
    expect(result).toMatchObject({ status: 'failed', objects: 0, resultsManifest: null });
    expect(written()!.summary.mapError).toEqual({ error: 'States.ItemReaderFailed', cause: 'Access Denied' });
  });

  it('reads a result file that is one JSON array as well (a ResultWriter without WriterConfig)', async () => {
    const records = [child(['a'], { output: [{ key: 'a', outcome: 'written' }] }), child(['b'], { output: [{ key: 'b', outcome: 'skipped', reason: 'up-to-date' }] })];
    const files = {
      [MANIFEST]: JSON.stringify({ ResultFiles: { SUCCEEDED: [{ Key: 'backfill/run-1/SUCCEEDED_0.json' }] } }),
      'backfill/run-1/SUCCEEDED_0.json': JSON.stringify(records.map((r) => JSON.parse(r)), null, 2),
    };
    const { s3 } = setup(files);
    expect(await summarize(s3, CONFIG, request())).toMatchObject({ objects: 2, documentsWritten: 1, skippedUpToDate: 1 });
  });

  it('a failed batch that had settled objects before failing counts those as not recorded, the rest as failed', async () => {
    const files = {
      [MANIFEST]: JSON.stringify({ ResultFiles: { FAILED: [{ Key: 'backfill/run-1/f.json' }] } }),
      'backfill/run-1/f.json': child(['a', 'b', 'c'], { error: 'ScrapeClean.DeadLetterFailed', cause: { error: 'SQS.KmsAccessDenied', unsettled: 1, settled: 2 } }),
    };
    const { s3 } = setup(files);
    const result = await summarize(s3, CONFIG, request());
    expect(result).toMatchObject({ objects: 3, outcomeNotRecorded: 2, failedTransient: 1, failuresByCode: { 'SQS.KmsAccessDenied': 1 } });
  });
});
