/**
 * Reprocessing on this machine: list the objects under a prefix and put each through the same
 * processing path as the clean function (src/pipeline processObject: HEAD the output's stamp,
 * skip it when up to date, else GET, clean, PUT), at most `concurrency` at a time.
 *
 * Resumable without any local state: a run that stops (Ctrl-C, a crash, a lost connection)
 * leaves every finished object with a stamped output, so the next run skips those with one HEAD
 * each and does the rest. An interrupted run lets the objects in flight finish (a PUT is atomic
 * anyway) and starts no new one.
 *
 * Transient failures are tried again with exponential backoff; an object still failing after the
 * last attempt is reported (there is no queue here to park it in) and the next run tries again.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import pLimit from 'p-limit';
import type { PipelineConfig } from '../pipeline/config.js';
import { reasonToIgnore } from '../pipeline/events.js';
import { failureCode } from '../pipeline/failures.js';
import { ignoredOutcome, objectBatch, objectEventsOf, outcomeOf, retryOutcome, type ObjectMessage, type ObjectOutcome } from '../pipeline/object-message.js';
import { processObject } from '../pipeline/process-object.js';
import { isWarcName } from '../core/warc/names.js';
import { processWarcToEnd, warcOutcomeOf } from '../pipeline/warc-handler.js';
import { REPROCESS_DEFAULTS } from './defaults.js';
import { listObjects, type ListingApi } from './listing.js';
import { sleep } from './sleep.js';
import { BackfillTally } from './tally.js';

export interface ReprocessOptions {
  /** Client of the raw bucket; it writes to the clean bucket of `config` too. */
  readonly s3: S3Client;
  readonly bucket: string;
  readonly prefix: string;
  readonly config: PipelineConfig;
  /** Rewrite every output, up to date or not. */
  readonly force?: boolean;
  /** @default REPROCESS_DEFAULTS.concurrency */
  readonly concurrency?: number;
  /** Aborting stops the listing and the start of new objects; objects in flight finish. */
  readonly signal?: AbortSignal;
  /** @default REPROCESS_DEFAULTS.attempts */
  readonly attempts?: number;
  /** @default REPROCESS_DEFAULTS.backoffBaseMs */
  readonly backoffBaseMs?: number;
  /** Keys per listing page (tests). @default 1000 */
  readonly pageSize?: number;
  /** @default 'v2' (see ./listing.ts) */
  readonly listingApi?: ListingApi;
  /** Objects listed so far; `complete` once the listing has ended. */
  readonly onListed?: (listed: number, complete: boolean) => void;
  /** Every final outcome, as it happens. */
  readonly onOutcome?: (outcome: ObjectOutcome, object: ObjectMessage) => void;
}

export interface ReprocessReport {
  readonly tally: BackfillTally;
  /** Objects the listing returned. */
  readonly listed: number;
  /** False when the run was interrupted before the listing ended. */
  readonly listingComplete: boolean;
  readonly interrupted: boolean;
  /** Why the listing stopped early (no such bucket, access denied, the network…): what was listed is done. */
  readonly listingError: unknown;
  /** Listed objects that were not started because the run was interrupted. */
  readonly notStarted: number;
  readonly elapsedMs: number;
}

/** Exponential backoff with full jitter: a random wait in [0, base × 2^(attempt-1)). */
export function backoffMs(attempt: number, baseMs: number, random: () => number = Math.random): number {
  return Math.floor(random() * baseMs * 2 ** (attempt - 1));
}

/** One object, through the processing path, with retries; resolves to its final outcome. */
export async function reprocessObject(object: ObjectMessage, options: ReprocessOptions): Promise<ObjectOutcome> {
  const [event] = objectEventsOf(objectBatch([object], options.force));
  const ignored = reasonToIgnore(event!, options.config);
  if (ignored !== null) return ignoredOutcome(object.key, ignored);
  const attempts = options.attempts ?? REPROCESS_DEFAULTS.attempts;
  const target = {
    s3: options.s3,
    config: options.config,
    rawBucket: event!.bucket,
    key: event!.key,
    versionId: event!.versionId,
    etag: event!.etag,
    size: event!.size,
    force: event!.force ?? false,
  };
  for (let attempt = 1; ; attempt++) {
    try {
      // A WARC file: all its ranges here, one after another (the clean function queues them instead).
      if (isWarcName(event!.key)) return warcOutcomeOf(object.key, await processWarcToEnd(target));
      const result = await processObject({ ...target, trustErrorRecords: true });
      return outcomeOf(result);
    } catch (error) {
      if (attempt >= attempts || options.signal?.aborted) return retryOutcome(object.key, failureCode(error), error);
      await sleep(backoffMs(attempt, options.backoffBaseMs ?? REPROCESS_DEFAULTS.backoffBaseMs), options.signal);
    }
  }
}

export async function reprocess(options: ReprocessOptions): Promise<ReprocessReport> {
  const started = performance.now();
  const concurrency = options.concurrency ?? REPROCESS_DEFAULTS.concurrency;
  const limit = pLimit(concurrency);
  const lookahead = concurrency * REPROCESS_DEFAULTS.lookaheadPerSlot;
  const tally = new BackfillTally('not-processed');
  const inFlight = new Set<Promise<void>>();
  const { signal } = options;
  let listed = 0;
  let notStarted = 0;
  let listingComplete = false;
  let listingError: unknown = null;

  const run = (object: ObjectMessage) =>
    limit(async () => {
      if (signal?.aborted) {
        notStarted++;
        return;
      }
      const outcome = await reprocessObject(object, options);
      tally.add(outcome);
      options.onOutcome?.(outcome, object);
    });

  try {
    for await (const object of listObjects({ s3: options.s3, bucket: options.bucket, prefix: options.prefix, api: options.listingApi, signal, pageSize: options.pageSize })) {
      if (signal?.aborted) break;
      listed++;
      options.onListed?.(listed, false);
      const task = run(object).finally(() => inFlight.delete(task));
      inFlight.add(task);
      // Keep the listing a bounded distance ahead of the processing.
      while (inFlight.size >= lookahead) await Promise.race(inFlight);
    }
    listingComplete = !signal?.aborted;
    if (listingComplete) options.onListed?.(listed, true);
  } catch (error) {
    listingError = error;
  } finally {
    // Whatever stopped the listing (the end, an abort, a listing error), let started objects finish.
    await Promise.allSettled(inFlight);
  }
  return { tally, listed, listingComplete, interrupted: signal?.aborted ?? false, listingError, notStarted, elapsedMs: performance.now() - started };
}
