/**
 * Concurrent deliveries cannot leave a stale output (issue 13 §6), proved on the real local S3
 * server with two function instances in two processes (./race-worker.ts) and every order in
 * which their S3 requests can reach the server.
 *
 * A scenario is a few deliveries of one key (events of versions A and B, a redelivery of one,
 * a reprocess that lists the key) and, maybe, the upload of version B while they run. Each
 * worker holds every S3 request of a delivery until the test lets it through; the test runs the
 * scenario once for every interleaving of the steps (depth-first over the choice of which
 * delivery, or the upload, goes next; the delivery of B's event starts only once B is uploaded,
 * as S3 sends it), and then checks the one thing that matters: the output of the key's final
 * object version (its document, or its error record when that version cannot be cleaned) is
 * there and was made from exactly those bytes.
 *
 * A step is what a delivery sends at once: its two HEADs (document and error record, reads of
 * two keys that only PUTs of other steps change) go together; every other request is a step of
 * its own. Every scenario in which B is uploaded runs twice: on an unversioned raw bucket (a
 * delivery reads the current object) and on a versioned one, as deployed (a delivery reads the
 * version its event names, even once a later one is there).
 */
import { CreateBucketCommand, GetObjectCommand, HeadObjectCommand, PutBucketVersioningCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { fork, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CleanDocument, ErrorRecord } from '../../src/core/schema.js';
import { localS3Client, startLocalS3, type LocalS3Server } from '../../src/local/s3-server.js';
import { PIPELINE_DEFAULTS } from '../../src/pipeline/contract.js';
import { validatePipelineConfig } from '../../src/pipeline/config.js';
import { processObject, outputKeysFor, type ProcessObjectInput } from '../../src/pipeline/process-object.js';
import { ARTICLE_HTML, PNG_BYTES } from '../functions/helpers.js';
import type { GatedRequest } from './race-worker.js';

const RAW = 'race-raw';
/** The raw bucket on AWS is versioned: events name their version, and a delivery reads that version, even an old one. */
const RAW_VERSIONED = 'race-raw-versioned';
const CLEAN = 'race-clean';
const config = validatePipelineConfig({ ...PIPELINE_DEFAULTS, cleanBucket: CLEAN });

type Version = 'A' | 'B';
interface DeliverySpec {
  readonly name: string;
  /** Which of the two processes runs it. */
  readonly worker: 0 | 1;
  /** An S3 event of that version, or a reprocess that listed the key when the run began. */
  readonly of: Version | 'listing';
}
interface Scenario {
  readonly name: string;
  /** What each version's bytes are: a page (a document) or an image (an error record). */
  readonly bytes: Readonly<Record<Version, 'page' | 'image'>>;
  /** B is uploaded during the run (a step of its own); B's event deliveries start after it. */
  readonly uploadB: boolean;
  /** Processed before the run starts (no gate): the output an earlier delivery left. */
  readonly processedBefore?: Version;
  /** The raw bucket keeps versions, and events read the version they name. */
  readonly versioned?: boolean;
  readonly deliveries: readonly DeliverySpec[];
}

const SEQUENCER: Record<Version, string> = { A: '0000000000000000A0', B: '0000000000000000B0' };

function body(version: Version, kind: 'page' | 'image'): Uint8Array {
  return kind === 'image' ? Buffer.concat([Buffer.from(PNG_BYTES), Buffer.from(version)]) : Buffer.from(ARTICLE_HTML.replace('Council approves new park', `Council approves new park (version ${version})`));
}

function etagOf(bytes: Uint8Array): string {
  return createHash('md5').update(bytes).digest('hex');
}

interface DeliveryState {
  readonly spec: DeliverySpec;
  status: 'waiting' | 'holding' | 'running' | 'finished';
  pending: GatedRequest[];
  outcome?: string;
  settle?: () => void;
}

interface RunReport {
  readonly steps: string[];
  readonly stale: boolean;
  readonly failed: string[];
}

let server: LocalS3Server;
let s3: S3Client;
let root: string;
const workers: ChildProcess[] = [];
const states = new Map<string, DeliveryState>();
/** Conditional PUTs answered 412/409/404: writes that lost to another and were decided again. */
let lostWrites = 0;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'scrape-clean-race-'));
  server = await startLocalS3({ directory: root });
  s3 = localS3Client(server.endpoint);
  for (const bucket of [RAW, RAW_VERSIONED, CLEAN]) await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  await s3.send(new PutBucketVersioningCommand({ Bucket: RAW_VERSIONED, VersioningConfiguration: { Status: 'Enabled' } }));
  const script = fileURLToPath(new URL('./race-worker.ts', import.meta.url));
  for (let i = 0; i < 2; i++) {
    const worker = fork(script, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' } });
    worker.on('message', (message: { type: string; id: string; pending?: GatedRequest[]; request?: GatedRequest; status?: number; outcome?: string; reason?: string; error?: string }) => {
      const state = states.get(message.id);
      if (!state) return;
      if (message.type === 'sent' && message.request!.command === 'PutObjectCommand' && [409, 412, 404].includes(message.status!)) lostWrites++;
      if (message.type === 'state') {
        state.status = 'holding';
        state.pending = message.pending!;
      } else if (message.type === 'finished') {
        state.status = 'finished';
        state.pending = [];
        state.outcome = [message.outcome, message.reason ?? message.error].filter(Boolean).join(' ');
      } else {
        return;
      }
      const settle = state.settle;
      state.settle = undefined;
      settle?.();
    });
    workers.push(worker);
  }
});

afterAll(async () => {
  for (const worker of workers) worker.kill();
  s3?.destroy();
  await server?.close();
  rmSync(root, { recursive: true, force: true });
});

/** Resolves once the delivery holds its next requests or has finished. */
function settled(state: DeliveryState): Promise<void> {
  if (state.status === 'holding' || state.status === 'finished') return Promise.resolve();
  return new Promise((resolve) => (state.settle = resolve));
}

interface Uploaded {
  readonly bucket: string;
  readonly etags: Record<Version, string>;
  readonly sizes: Record<Version, number>;
  /** Version ids, in a versioned bucket. */
  readonly versionIds: Partial<Record<Version, string>>;
}

function inputFor(spec: DeliverySpec, key: string, uploaded: Uploaded): Omit<ProcessObjectInput, 's3' | 'config'> {
  const { bucket, etags, sizes, versionIds } = uploaded;
  // A listing names the key, its ETag and size (ListObjectsV2 has no version ids): the current object is read.
  if (spec.of === 'listing') return { rawBucket: bucket, key, etag: etags.A, size: sizes.A, trustErrorRecords: true };
  return { rawBucket: bucket, key, etag: etags[spec.of], size: sizes[spec.of], sequencer: SEQUENCER[spec.of], versionId: versionIds[spec.of] ?? null };
}

async function readJson<T>(key: string): Promise<T | null> {
  try {
    const object = await s3.send(new GetObjectCommand({ Bucket: CLEAN, Key: key }));
    return JSON.parse(await object.Body!.transformToString()) as T;
  } catch {
    return null;
  }
}

/** One run of a scenario, taking `choices` (indexes into the actors that can go) while it has them, then the first. */
async function runOnce(scenario: Scenario, run: number, choices: number[], counts: number[]): Promise<RunReport> {
  const key = `${scenario.name}/${run}/page.html`;
  const bytes = { A: body('A', scenario.bytes.A), B: body('B', scenario.bytes.B) };
  const bucket = scenario.versioned ? RAW_VERSIONED : RAW;
  const versionIds: Partial<Record<Version, string>> = {};
  const uploaded: Uploaded = { bucket, etags: { A: etagOf(bytes.A), B: etagOf(bytes.B) }, sizes: { A: bytes.A.length, B: bytes.B.length }, versionIds };
  versionIds.A = (await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: bytes.A }))).VersionId;
  expect(Boolean(versionIds.A)).toBe(scenario.versioned ?? false);
  if (scenario.processedBefore === 'A') await processObject({ s3, config, ...inputFor({ name: 'before', worker: 0, of: 'A' }, key, uploaded) });

  const ids = scenario.deliveries.map((spec) => `${scenario.name}/${run}/${spec.name}`);
  ids.forEach((id, i) => states.set(id, { spec: scenario.deliveries[i]!, status: 'waiting', pending: [] }));
  const start = async (i: number) => {
    const state = states.get(ids[i]!)!;
    state.status = 'running';
    workers[state.spec.worker]!.send({ type: 'deliver', id: ids[i], endpoint: server.endpoint, cleanBucket: CLEAN, input: inputFor(state.spec, key, uploaded) });
    await settled(state);
  };
  const startsAfterUpload = (spec: DeliverySpec) => spec.of === 'B';
  for (const [i, spec] of scenario.deliveries.entries()) if (!startsAfterUpload(spec)) await start(i);

  let bUploaded = !scenario.uploadB;
  const steps: string[] = [];
  for (let step = 0; ; step++) {
    const actors = [...(bUploaded ? [] : ['upload B']), ...ids.filter((id) => states.get(id)!.status === 'holding')];
    if (actors.length === 0) break;
    if (step >= counts.length) {
      counts.push(actors.length);
      choices.push(0);
    } else if (counts[step] !== actors.length) {
      throw new Error(`the run did not replay: step ${step} had ${counts[step]} choices, now ${actors.length} (${actors.join(', ')})`);
    }
    const actor = actors[choices[step]!]!;
    if (actor === 'upload B') {
      steps.push('upload B');
      versionIds.B = (await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: bytes.B }))).VersionId;
      bUploaded = true;
      for (const [i, spec] of scenario.deliveries.entries()) if (startsAfterUpload(spec)) await start(i);
      continue;
    }
    const state = states.get(actor)!;
    steps.push(`${state.spec.name}: ${state.pending.map((r) => `${r.command.replace('Command', '')} ${r.bucket === bucket ? 'raw' : r.key.split('/')[0]}`).join(' + ')}`);
    state.status = 'running';
    workers[state.spec.worker]!.send({ type: 'grant', id: actor });
    await settled(state);
  }

  const finals = ids.map((id) => states.get(id)!);
  const failed = finals.filter((s) => s.outcome?.startsWith('failed')).map((s) => `${s.spec.name}: ${s.outcome}`);
  for (const id of ids) states.delete(id);
  // A transient failure returns the message to the queue: it is delivered again, alone.
  for (const state of finals.filter((s) => s.outcome?.startsWith('failed'))) await processObject({ s3, config, ...inputFor(state.spec, key, uploaded) });

  const final: Version = scenario.uploadB ? 'B' : 'A';
  const current = (await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }))).ETag!.replace(/"/g, '');
  expect(current).toBe(uploaded.etags[final]);
  const outputs = outputKeysFor(key, config);
  const wanted = scenario.bytes[final] === 'page' ? await readJson<CleanDocument>(outputs.document) : await readJson<ErrorRecord>(outputs.error);
  return { steps, stale: wanted?.source.etag !== uploaded.etags[final], failed };
}

/** Every interleaving of a scenario, depth first. */
async function explore(scenario: Scenario): Promise<{ runs: number; stale: RunReport[]; conflicts: number; failed: number }> {
  let choices: number[] = [];
  let counts: number[] = [];
  const stale: RunReport[] = [];
  const lostBefore = lostWrites;
  let failed = 0;
  for (let run = 0; ; run++) {
    const report = await runOnce(scenario, run, choices, counts);
    if (report.stale) stale.push(report);
    failed += report.failed.length;
    // The next order: the last step that still has an untried choice takes it; everything after it starts over.
    let step = choices.length - 1;
    while (step >= 0 && choices[step]! + 1 >= counts[step]!) step--;
    if (step < 0) return { runs: run + 1, stale, conflicts: lostWrites - lostBefore, failed };
    choices = [...choices.slice(0, step), choices[step]! + 1];
    counts = counts.slice(0, step + 1);
  }
}

/** Two deliveries, one in each process. */
function scenario(name: string, bytes: Scenario['bytes'], uploadB: boolean, first: [string, DeliverySpec['of']], second: [string, DeliverySpec['of']], processedBefore?: Version): Scenario {
  return { name, bytes, uploadB, processedBefore, deliveries: [{ name: first[0], worker: 0, of: first[1] }, { name: second[0], worker: 1, of: second[1] }] };
}

function versioned(base: Scenario): Scenario {
  return { ...base, name: `versioned-${base.name}`, versioned: true };
}

const PAGES = { A: 'page', B: 'page' } as const;
const SCENARIOS: Scenario[] = [
  scenario('events-of-a-and-b', PAGES, true, ['event A', 'A'], ['event B', 'B']),
  scenario('a-bad-then-b-good', { A: 'image', B: 'page' }, true, ['event A', 'A'], ['event B', 'B']),
  scenario('a-good-then-b-bad', { A: 'page', B: 'image' }, true, ['event A', 'A'], ['event B', 'B']),
  scenario('event-a-delivered-twice', PAGES, false, ['event A', 'A'], ['event A again', 'A']),
  scenario('event-b-delivered-twice-over-a', PAGES, true, ['event B', 'B'], ['event B again', 'B'], 'A'),
  scenario('late-redelivery-of-a-and-event-b', { A: 'page', B: 'image' }, true, ['event A again', 'A'], ['event B', 'B'], 'A'),
  scenario('reprocess-and-event-b', PAGES, true, ['reprocess', 'listing'], ['event B', 'B']),
];
// The same on a versioned raw bucket, as deployed: a delivery of A's event reads version A even after B is uploaded.
SCENARIOS.push(...SCENARIOS.filter((s) => s.uploadB).map(versioned));

describe('concurrent deliveries of one key, two processes, every interleaving', () => {
  const totals = { runs: 0, stale: 0, conflicts: 0, failed: 0 };

  it.each(SCENARIOS.map((s) => [s.name, s] as const))('%s: the final output is always the final version\'s', async (_name, scenario) => {
    const result = await explore(scenario);
    totals.runs += result.runs;
    totals.stale += result.stale.length;
    totals.conflicts += result.conflicts;
    totals.failed += result.failed;
    expect(result.runs).toBeGreaterThan(1);
    expect(result.stale.map((r) => r.steps.join(' → '))).toEqual([]);
  }, 300_000);

  it('reports the figures', () => {
     
    console.log(`race: ${SCENARIOS.length} scenarios, ${totals.runs} interleavings tried, ${totals.conflicts} conditional writes lost and decided again, ${totals.failed} deliveries retried, stale outputs: ${totals.stale}`);
    expect(totals.runs).toBeGreaterThan(SCENARIOS.length);
    expect(totals.stale).toBe(0);
  });
});
