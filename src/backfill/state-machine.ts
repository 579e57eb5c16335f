/**
 * `scrape-clean reprocess --state-machine <arn>`: starts the backfill state machine of a
 * deployed stage (lib/backfill.ts) and follows it until it ends: the execution's status
 * (DescribeExecution) and the progress of its Distributed Map run (ListMapRuns, DescribeMapRun),
 * then the summary the execution wrote to the clean bucket.
 *
 * Permissions the caller needs: states:StartExecution on the state machine, and
 * states:DescribeExecution, states:ListMapRuns, states:DescribeMapRun on its executions and map runs.
 */
import {
  DescribeExecutionCommand,
  DescribeMapRunCommand,
  ListMapRunsCommand,
  StartExecutionCommand,
  type DescribeExecutionCommandOutput,
  type SFNClient,
} from '@aws-sdk/client-sfn';
import { sleep } from './sleep.js';

/** The input the state machine takes (see lib/backfill-definition.ts). */
export interface BackfillExecutionInput {
  /** Raw key prefix to list; the stage's prefix setting when absent. */
  readonly prefix?: string;
  /** Key of an S3 Inventory manifest.json in the stage's inventory location, instead of a listing. */
  readonly manifestKey?: string;
  /** Reprocess every object, up to date or not. */
  readonly force?: boolean;
  /** The raw bucket the caller means: the execution fails at once if it is not the stage's. */
  readonly bucket?: string;
}

/** The execution's output (and, as JSON, the cause of its failure): the summary's place and counts. */
export interface BackfillExecutionResult {
  readonly status?: string;
  readonly summaryBucket?: string;
  readonly summaryKey?: string;
  readonly [count: string]: unknown;
}

export interface MapRunProgress {
  /** Items the reader has produced so far. */
  readonly total: number;
  /** Items whose child execution ended, in any state. */
  readonly done: number;
  /** Items of child executions that failed, timed out or were aborted. */
  readonly failed: number;
  /** Whether the map run has ended (the total is then final). */
  readonly ended: boolean;
}

export interface FollowOptions {
  readonly sfn: SFNClient;
  readonly stateMachineArn: string;
  readonly input: BackfillExecutionInput;
  /** Execution name; Step Functions makes one up when absent. */
  readonly name?: string;
  /** Time between two polls. @default FOLLOW_POLL_MS */
  readonly pollMs?: number;
  /** Stops following (the execution goes on). */
  readonly signal?: AbortSignal;
  readonly onStarted?: (executionArn: string) => void;
  readonly onProgress?: (progress: MapRunProgress) => void;
}

export interface FollowResult {
  readonly executionArn: string;
  /** SUCCEEDED, FAILED, TIMED_OUT, ABORTED, or RUNNING when following stopped first. */
  readonly status: string;
  readonly result: BackfillExecutionResult | null;
  readonly error: string | null;
  readonly cause: string | null;
  readonly lastProgress: MapRunProgress | null;
}

/**
 * Seconds between polls: DescribeMapRun and DescribeExecution are throttled per account
 * (Step Functions quotas, "API action throttling": a bucket of 200, refilled at 1 per second for
 * DescribeMapRun), and a backfill takes minutes to hours; 5 s is live enough for a person.
 */
export const FOLLOW_POLL_MS = 5_000;

function parseJson(text: string | undefined | null): BackfillExecutionResult | null {
  if (!text) return null;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as BackfillExecutionResult) : null;
  } catch {
    return null;
  }
}

async function mapRunProgress(sfn: SFNClient, executionArn: string): Promise<MapRunProgress | null> {
  const runs = await sfn.send(new ListMapRunsCommand({ executionArn }));
  const run = runs.mapRuns?.[0];
  if (!run?.mapRunArn) return null;
  const described = await sfn.send(new DescribeMapRunCommand({ mapRunArn: run.mapRunArn }));
  const counts = described.itemCounts;
  if (!counts) return null;
  const failed = (counts.failed ?? 0) + (counts.timedOut ?? 0) + (counts.aborted ?? 0);
  return { total: counts.total ?? 0, done: (counts.succeeded ?? 0) + failed, failed, ended: described.status !== 'RUNNING' };
}

export async function startAndFollow(options: FollowOptions): Promise<FollowResult> {
  const { sfn, signal } = options;
  const started = await sfn.send(
    new StartExecutionCommand({ stateMachineArn: options.stateMachineArn, name: options.name, input: JSON.stringify(options.input) }),
  );
  const executionArn = started.executionArn!;
  options.onStarted?.(executionArn);
  let last: MapRunProgress | null = null;
  let described: DescribeExecutionCommandOutput;
  for (;;) {
    described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    // The map run's counts once more after the end, so the last progress shown is the final one.
    const progress = await mapRunProgress(sfn, executionArn);
    if (progress) {
      last = progress;
      options.onProgress?.(progress);
    }
    if (described.status !== 'RUNNING' && described.status !== 'PENDING_REDRIVE') break;
    if (signal?.aborted) break;
    await sleep(options.pollMs ?? FOLLOW_POLL_MS, signal);
    if (signal?.aborted) break;
  }
  const status = described.status ?? 'UNKNOWN';
  // A failed execution has no output; the state machine puts the summary's place in the cause.
  const result = parseJson(described.output) ?? parseJson(described.cause);
  return { executionArn, status, result, error: described.error ?? null, cause: described.cause ?? null, lastProgress: last };
}
