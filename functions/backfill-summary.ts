/**
 * Lambda entry point of the backfill's summary step (the last state of the backfill state
 * machine, lib/backfill-definition.ts): adds up the outcomes its Distributed Map stored in the
 * clean bucket and writes the execution's summary.json next to them (src/backfill/summary.ts).
 *
 * Environment: CLEAN_BUCKET, RESULTS_PREFIX (set by lib/backfill.ts).
 */
import { S3Client } from '@aws-sdk/client-s3';
import { summarize, type SummaryRequest, type SummaryResult } from '../src/backfill/summary.js';
import { S3_CLIENT_SETTINGS } from '../src/pipeline/config.js';
import { BACKFILL_SUMMARY_ENV } from '../src/pipeline/contract.js';

function required(name: string): string {
  const value = process.env[name]?.trim();
  if (!value) throw new Error(`${name} is required`);
  return value;
}

const config = { cleanBucket: required(BACKFILL_SUMMARY_ENV.cleanBucket), resultsPrefix: required(BACKFILL_SUMMARY_ENV.resultsPrefix) };
const s3 = new S3Client({
  requestHandler: { connectionTimeout: S3_CLIENT_SETTINGS.connectionTimeoutMs, requestTimeout: S3_CLIENT_SETTINGS.socketTimeoutMs },
});

export async function handler(request: SummaryRequest): Promise<SummaryResult> {
  return summarize(s3, config, request);
}
