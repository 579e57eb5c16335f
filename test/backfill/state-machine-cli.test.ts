/**
 * `scrape-clean reprocess --state-machine <arn>`: starts the backfill execution with the right
 * input, follows the Distributed Map run's progress (DescribeExecution, ListMapRuns,
 * DescribeMapRun) until the end, and reports the summary, against a mocked Step Functions.
 */
import 'aws-sdk-client-mock-vitest/extend';
import {
  DescribeExecutionCommand,
  DescribeMapRunCommand,
  ListMapRunsCommand,
  SFNClient,
  StartExecutionCommand,
  type DescribeExecutionCommandOutput,
} from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { runReprocess, ReprocessUsageError, type ReprocessFlags } from '../../src/cli/commands/reprocess.js';
import { captureIo } from '../cli/io.js';

const ARN = 'arn:aws:states:eu-west-1:123456789012:stateMachine:scrape-clean-alice-backfill';
const EXECUTION = 'arn:aws:states:eu-west-1:123456789012:execution:scrape-clean-alice-backfill:run-1';
const MAP_RUN = 'arn:aws:states:eu-west-1:123456789012:mapRun:scrape-clean-alice-backfill/FromListing:0d4f';

const SUMMARY = {
  status: 'complete',
  objects: 1200,
  documentsWritten: 1100,
  skippedUpToDate: 95,
  errorRecordsWritten: 3,
  failedTransient: 2,
  failed: 5,
  failuresByCode: { BINARY_INPUT: 3, SlowDown: 2 },
  elapsedSeconds: 75,
  summaryBucket: 'clean',
  summaryKey: 'backfill/run-1/summary.json',
};

function stepFunctions(executions: Partial<DescribeExecutionCommandOutput>[], counts: { total: number; succeeded: number; failed?: number }[]) {
  const sfn = new SFNClient({ region: 'eu-west-1' });
  const mock = mockClient(sfn);
  mock.on(StartExecutionCommand).resolves({ executionArn: EXECUTION, startDate: new Date() });
  let poll = 0;
  mock.on(DescribeExecutionCommand).callsFake(() => executions[Math.min(poll++, executions.length - 1)]);
  mock.on(ListMapRunsCommand).resolves({ mapRuns: [{ mapRunArn: MAP_RUN, executionArn: EXECUTION, stateMachineArn: ARN, startDate: new Date() }] });
  let mapPoll = 0;
  mock.on(DescribeMapRunCommand).callsFake(() => {
    const c = counts[Math.min(mapPoll++, counts.length - 1)]!;
    return { mapRunArn: MAP_RUN, status: c.succeeded + (c.failed ?? 0) >= c.total ? 'SUCCEEDED' : 'RUNNING', itemCounts: { total: c.total, succeeded: c.succeeded, failed: c.failed ?? 0, timedOut: 0, aborted: 0, pending: 0, running: 0, resultsWritten: 0 } };
  });
  return { sfn, mock };
}

const flags = (extra: Partial<ReprocessFlags> = {}): ReprocessFlags => ({ stateMachine: ARN, prefix: '', progress: true, ...extra });

describe('reprocess --state-machine', () => {
  it('starts the execution with the input, follows the map run and prints the summary', async () => {
    const { sfn, mock } = stepFunctions(
      [{ status: 'RUNNING' }, { status: 'RUNNING' }, { status: 'SUCCEEDED', output: JSON.stringify(SUMMARY) }],
      [{ total: 1000, succeeded: 300 }, { total: 1200, succeeded: 900 }, { total: 1200, succeeded: 1200 }],
    );
    const io = captureIo();
    const code = await runReprocess(flags({ prefix: 'in/2024/', force: true, bucket: 'raw', json: true, name: 'run-1' }), io, { sfn: async () => sfn, pollMs: 0 });

    expect(mock).toHaveReceivedCommandWith(StartExecutionCommand, { stateMachineArn: ARN, name: 'run-1' });
    const input = JSON.parse(mock.commandCalls(StartExecutionCommand)[0]!.args[0].input.input!);
    expect(input).toEqual({ prefix: 'in/2024/', bucket: 'raw', force: true });
    expect(mock).toHaveReceivedCommandTimes(DescribeExecutionCommand, 3);
    expect(mock).toHaveReceivedCommandWith(DescribeMapRunCommand, { mapRunArn: MAP_RUN });
    // Some objects failed (error records, dead-lettered): exit status 1, as for a local run.
    expect(code).toBe(1);
    expect(io.err()).toContain(`started ${EXECUTION} (forced)`);
    expect(io.err()).toContain('SUCCEEDED: 1200 objects: 1100 written, 95 up to date, 5 failed (BINARY_INPUT 3, SlowDown 2) · 1 min 15 s');
    expect(io.err()).toContain('summary: s3://clean/backfill/run-1/summary.json');
    expect(JSON.parse(io.out())).toMatchObject({ executionArn: EXECUTION, executionStatus: 'SUCCEEDED', status: 'complete', objects: 1200 });
  });

  it('exits 0 when every object is done', async () => {
    const { sfn } = stepFunctions([{ status: 'RUNNING' }, { status: 'SUCCEEDED', output: JSON.stringify({ ...SUMMARY, failed: 0, failuresByCode: {} }) }], [{ total: 10, succeeded: 4 }, { total: 10, succeeded: 10 }]);
    const io = captureIo();
    const code = await runReprocess(flags(), io, { sfn: async () => sfn, pollMs: 0 });
    expect(code).toBe(0);
    expect(io.err()).toMatch(/SUCCEEDED: 1200 objects: 1100 written, 95 up to date, 0 failed/);
  });

  it('a failed execution exits 1 with its error, and the summary the state machine put in the cause', async () => {
    const cause = { ...SUMMARY, status: 'failed', mapError: { error: 'States.ExceedToleratedFailureThreshold' } };
    const { sfn } = stepFunctions([{ status: 'FAILED', error: 'ScrapeClean.BackfillFailed', cause: JSON.stringify(cause) }], [{ total: 10, succeeded: 2, failed: 8 }]);
    const io = captureIo();
    const code = await runReprocess(flags({ json: true }), io, { sfn: async () => sfn, pollMs: 0 });
    expect(code).toBe(1);
    expect(io.err()).toContain('FAILED: 1200 objects');
    expect(io.err()).toContain('error: ScrapeClean.BackfillFailed');
    expect(JSON.parse(io.out())).toMatchObject({ executionStatus: 'FAILED', status: 'failed', summaryKey: 'backfill/run-1/summary.json' });
  });

  it("a failed execution's error and cause are printed with their control characters escaped (a cause can quote a key)", async () => {
    const { sfn } = stepFunctions([{ status: 'FAILED', error: 'States.TaskFailed', cause: 'cannot read in/a\rb\u001b[2J.html' }], [{ total: 1, succeeded: 0, failed: 1 }]);
    const io = captureIo();
    expect(await runReprocess(flags(), io, { sfn: async () => sfn, pollMs: 0 })).toBe(1);
    expect(io.err()).toContain('error: States.TaskFailed: cannot read in/a\\rb\\u001b[2J.html\n');
    expect(io.err()).not.toMatch(/\p{Cc}(?<!\n)/u);
  });

  it('stops following on Ctrl-C and says how to follow or stop the execution that goes on', async () => {
    const controller = new AbortController();
    const { sfn, mock } = stepFunctions([{ status: 'RUNNING' }], [{ total: 100, succeeded: 1 }]);
    mock.on(DescribeMapRunCommand).callsFake(() => {
      controller.abort();
      return { mapRunArn: MAP_RUN, status: 'RUNNING', itemCounts: { total: 100, succeeded: 1, failed: 0, timedOut: 0, aborted: 0 } };
    });
    const io = captureIo();
    const code = await runReprocess(flags(), io, { sfn: async () => sfn, pollMs: 60_000, signal: controller.signal });
    expect(code).toBe(130);
    expect(io.err()).toContain(`aws stepfunctions stop-execution --execution-arn ${EXECUTION}`);
  });

  it('a state machine that does not exist is said plainly, exit status 1', async () => {
    const sfn = new SFNClient({ region: 'eu-west-1' });
    const mock = mockClient(sfn);
    mock.on(StartExecutionCommand).rejects(Object.assign(new Error('State Machine Does Not Exist: ' + ARN), { name: 'StateMachineDoesNotExist' }));
    const io = captureIo();
    expect(await runReprocess(flags(), io, { sfn: async () => sfn })).toBe(1);
    expect(io.err()).toContain(`error: StateMachineDoesNotExist: State Machine Does Not Exist: ${ARN}`);
  });

  it('passes a manifest key for an S3 Inventory run', async () => {
    const { sfn, mock } = stepFunctions([{ status: 'SUCCEEDED', output: JSON.stringify(SUMMARY) }], [{ total: 1, succeeded: 1 }]);
    await runReprocess(flags({ manifest: 'inventory/raw/backfill/2026-01-01T01-00Z/manifest.json' }), captureIo(), { sfn: async () => sfn, pollMs: 0 });
    expect(JSON.parse(mock.commandCalls(StartExecutionCommand)[0]!.args[0].input.input!)).toEqual({ manifestKey: 'inventory/raw/backfill/2026-01-01T01-00Z/manifest.json', force: false });
  });

  it.each([
    [{ stateMachine: 'not-an-arn' }, /must be a state machine ARN/],
    [{ endpoint: 'http://127.0.0.1:4568' }, /--endpoint is set by the stage/],
    [{ cleanBucket: 'x' }, /--clean-bucket is set by the stage/],
    [{ manifest: 'm.json', prefix: 'in/' }, /--prefix or --manifest, not both/],
  ])('refuses %o', async (extra, message) => {
    await expect(runReprocess(flags(extra), captureIo(), { sfn: async () => new SFNClient({}) })).rejects.toThrow(message);
    await expect(runReprocess(flags(extra), captureIo(), { sfn: async () => new SFNClient({}) })).rejects.toBeInstanceOf(ReprocessUsageError);
  });
});
