/**
 * Child process of the benchmark: runs ONE contender on one job and sends its figures back.
 * Bundled by esbuild into .bench/runner.mjs and started by bench/child.ts with `--expose-gc`,
 * without tsx's loader, so a child holds nothing but its inputs and its contender.
 *
 * A job loads its inputs first, sets the contender up, collects garbage and resets the peak
 * RSS; then the warm-up passes (JIT, lazy initialization) and the timed passes, each when the
 * parent asks for it (bench/rounds.ts interleaves the children's passes). No garbage
 * collection is forced after that: a full GC right before a pass makes that pass pay for
 * growing the heap again (30-50% on a one-page pass), which no Lambda invocation pays. Every document is
 * timed on its own with performance.now(), and the event loop turns between two documents, as
 * it does between two Lambda invocations: objects that only a WeakRef holds stay alive until the
 * current job ends, so a synchronous loop over 990 pages makes jsdom (which uses WeakRefs) hold
 * every window it ever built — gigabytes, then garbage-collection thrash.
 */
import { gzipSync } from 'node:zlib';
import { contenderById, type BenchInput, type Contender, type RunOne } from './contenders.js';
import { loadCorpus, uncompressedName, type CorpusFile } from './corpus.js';
import { collectGarbage, peakRssBytes, resetPeakRss, rssBytes } from './memory.js';
import { syntheticPage } from './synthetic.js';
import type { ChildMessage, CorpusJob, CorpusResult, Job, JobResult, PassCommand, ScalingJob } from './jobs.js';

/** Warm-up of the scaling run: this many cleanings of a small synthetic page of this size. */
const SCALING_WARMUP = { runs: 5, bytes: 100 * 1024 } as const;
/**
 * Bytes a timed pass of the scaling run cleans at least: a smaller page is cleaned several times
 * a pass (ten times the 1 MB page, once the 10 MB one) and its time is the pass's over that count.
 * One clean of the 1 MB page takes 0.1-0.2 s, short enough for one busy moment of the machine to
 * move the 50 MB : 1 MB ratio by 20% (61.9× in one run, 50.2× in another of the same code).
 */
const SCALING_PASS_BYTES = 10 * 1024 * 1024;

function send(message: ChildMessage): Promise<void> {
  return new Promise((resolve, reject) => process.send!(message, (error: Error | null) => {
    if (error) reject(error);
    else resolve();
  }));
}

function progress(text: string): void {
  void send({ type: 'progress', text });
}

/** The text and charset the core's decoder finds, as `ours` would; a page it refuses still gets UTF-8. */
async function decoded(bytes: Uint8Array, name: string): Promise<{ text: string; charset: string }> {
  const { decode } = await import('../src/core/decode.js');
  try {
    const { text, encoding } = decode({ bytes, name }, Number.MAX_SAFE_INTEGER);
    return { text, charset: encoding };
  } catch {
    return { text: new TextDecoder().decode(bytes), charset: 'utf-8' };
  }
}

async function prepare(contender: Contender, file: CorpusFile): Promise<BenchInput> {
  const size = file.raw.length;
  switch (contender.input) {
    case 'bytes':
      return { name: uncompressedName(file.name), size, bytes: file.raw };
    case 'gzip':
      return file.gzipped ? { name: file.name, size, bytes: file.stored } : { name: `${file.name}.gz`, size, bytes: gzipSync(file.raw) };
    case 'text':
      return { name: uncompressedName(file.name), size, text: (await decoded(file.raw, uncompressedName(file.name))).text };
    case 'bytes-and-charset':
      return { name: uncompressedName(file.name), size, bytes: file.raw, charset: (await decoded(file.raw, uncompressedName(file.name))).charset };
  }
}

let sink = 0;

interface PassTime {
  readonly seconds: number;
  readonly cpuSeconds: number;
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** One pass over the inputs: wall and CPU seconds, per-document milliseconds, failures. */
async function pass(run: RunOne, inputs: readonly BenchInput[], perDoc: number[] | null, errors: Map<string, string>): Promise<PassTime> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (const input of inputs) {
    const t0 = performance.now();
    try {
      if (run(input) !== undefined) sink++;
    } catch (error) {
      errors.set(input.name, `${(error as { code?: string }).code ?? (error as Error).name}: ${(error as Error).message}`);
    }
    perDoc?.push(performance.now() - t0);
    await nextTurn();
  }
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  return { seconds, cpuSeconds: (used.user + used.system) / 1e6 };
}

/**
 * A corpus job answers the parent's commands once its inputs are loaded: one pass at a time,
 * so the parent can interleave the passes of all contenders (bench/rounds.ts) and a slow
 * minute of a shared machine falls on every contender alike, not on whichever ran then.
 */
async function corpusJob(job: CorpusJob): Promise<void> {
  const contender = contenderById(job.contender);
  const files = loadCorpus(job.dir, job.limit ?? Infinity);
  const inputs: BenchInput[] = [];
  for (const file of files) inputs.push(await prepare(contender, file));
  files.length = 0;
  const run = await contender.setup({});
  collectGarbage();
  const rssBefore = rssBytes();
  const peakReset = resetPeakRss();

  const errors = new Map<string, string>();
  const warmupSeconds: number[] = [];
  const passSeconds: number[] = [];
  const passCpuSeconds: number[] = [];
  const perDocMs: number[] = [];
  const result = (): CorpusResult => ({
    kind: 'corpus',
    contender: contender.id,
    docs: inputs.length,
    rawBytes: inputs.reduce((sum, input) => sum + input.size, 0),
    inputBytes: inputs.reduce((sum, input) => sum + (input.bytes?.length ?? input.size), 0),
    warmupSeconds,
    passSeconds,
    passCpuSeconds,
    perDocMs,
    errors: errors.size,
    errorSamples: [...errors].slice(0, 5).map(([name, message]) => `${name}: ${message}`),
    rssBeforeBytes: rssBefore,
    peakRssBytes: peakRssBytes(),
    peakReset,
    sink,
  });

  await servePasses(run, inputs, errors, perDocMs, { warmupSeconds, passSeconds, passCpuSeconds }, 1, result);
}

interface PassFigures {
  readonly warmupSeconds: number[];
  readonly passSeconds: number[];
  readonly passCpuSeconds: number[];
}

/**
 * Answers the parent's commands over `inputs` once a job is set up: runs slice `slice` of
 * `slices` of a pass when asked (a pass ends with its last slice) and sends the figures when
 * asked for them. A pass's times are divided by `cleansPerPass` (the scaling run cleans a small
 * page several times a pass); `perDocMs` collects the timed documents' times.
 */
async function servePasses(
  run: RunOne,
  inputs: readonly BenchInput[],
  errors: Map<string, string>,
  perDocMs: number[] | null,
  figures: PassFigures,
  cleansPerPass: number,
  result: () => JobResult,
): Promise<void> {
  // The pass being run, slice by slice.
  let current: PassTime = { seconds: 0, cpuSeconds: 0 };
  let firstTimedSlice = true;
  const queue = commands();
  await send({ type: 'ready' });
  for await (const command of queue) {
    if (command.type === 'finish') {
      await send({ type: 'result', result: result() });
      return;
    }
    // Documents that throw are counted over the timed passes only.
    if (!command.warmup && firstTimedSlice) {
      errors.clear();
      firstTimedSlice = false;
    }
    const from = Math.floor((command.slice * inputs.length) / command.slices);
    const to = Math.floor(((command.slice + 1) * inputs.length) / command.slices);
    const time = await pass(run, inputs.slice(from, to), command.warmup ? null : perDocMs, errors);
    current = { seconds: current.seconds + time.seconds, cpuSeconds: current.cpuSeconds + time.cpuSeconds };
    if (command.slice === command.slices - 1) {
      const per = cleansPerPass > 1 ? ` for ${cleansPerPass} cleans` : '';
      if (command.warmup) {
        figures.warmupSeconds.push(current.seconds / cleansPerPass);
        progress(`warm-up ${figures.warmupSeconds.length}: ${current.seconds.toFixed(2)} s${per}`);
      } else {
        figures.passSeconds.push(current.seconds / cleansPerPass);
        figures.passCpuSeconds.push(current.cpuSeconds / cleansPerPass);
        progress(`pass ${figures.passSeconds.length}: ${current.seconds.toFixed(2)} s${per} (CPU ${current.cpuSeconds.toFixed(2)} s)`);
      }
      current = { seconds: 0, cpuSeconds: 0 };
    }
    await send({ type: 'pass-done' });
  }
  throw new Error('the benchmark parent went away before finishing the job');
}

/** The parent's commands, one at a time, in order (listening from this call on). */
function commands(): AsyncGenerator<PassCommand> {
  const queue: PassCommand[] = [];
  let wake: (() => void) | null = null;
  let closed = false;
  process.on('message', (message: PassCommand) => {
    queue.push(message);
    wake?.();
  });
  process.once('disconnect', () => {
    closed = true;
    wake?.();
  });
  return (async function* next() {
    for (;;) {
      if (queue.length > 0) yield queue.shift()!;
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- set by the 'disconnect' listener while awaiting
      else if (closed) return;
      else await new Promise<void>((resolve) => (wake = resolve));
    }
  })();
}

async function scalingJob(job: ScalingJob): Promise<void> {
  const contender = contenderById(job.contender);
  const toInput = (page: string, name: string): BenchInput => {
    const bytes = Buffer.from(page, 'utf8');
    if (contender.input === 'text') return { name, size: bytes.length, text: page };
    // The synthetic pages are UTF-8 (bench/synthetic.ts).
    return { name, size: bytes.length, bytes: contender.input === 'gzip' ? gzipSync(bytes) : bytes, charset: 'utf-8' };
  };
  const warm = toInput(syntheticPage(SCALING_WARMUP.bytes, job.seed + 1), 'warm-up.html');
  const page = toInput(syntheticPage(job.bytes, job.seed), `synthetic-${job.bytes}.html`);
  const run = await contender.setup({ timeBudgetMs: job.timeBudgetMs, pageBytes: page.size });
  const errors = new Map<string, string>();
  for (let i = 0; i < SCALING_WARMUP.runs; i++) await pass(run, [warm], null, errors);
  // Memory of one clean of the page, from a collected heap: the first clean of the page, so the
  // garbage of earlier ones does not count (as it would not in a Lambda sized for the page).
  collectGarbage();
  const rssBefore = rssBytes();
  const peakReset = resetPeakRss();
  await pass(run, [page], null, errors);
  const peak = peakRssBytes();
  // Timed passes, when the parent asks: no GC forced before them (a full GC right before a one-page pass costs it 30-50%).
  const cleansPerPass = Math.max(1, Math.round(SCALING_PASS_BYTES / page.size));
  const figures: PassFigures = { warmupSeconds: [], passSeconds: [], passCpuSeconds: [] };
  await servePasses(run, new Array<BenchInput>(cleansPerPass).fill(page), errors, null, figures, cleansPerPass, () => ({
    kind: 'scaling',
    contender: contender.id,
    bytes: page.size,
    cleansPerPass,
    passSeconds: figures.passSeconds,
    passCpuSeconds: figures.passCpuSeconds,
    errors: [...errors].map(([name, message]) => `${name}: ${message}`),
    rssBeforeBytes: rssBefore,
    peakRssBytes: peak,
    peakReset,
    sink,
  }));
}

process.once('message', (job: Job) => {
  const work = job.kind === 'corpus' ? corpusJob(job) : scalingJob(job);
  work.then(
    () => process.exit(0),
    async (error: unknown) => {
      await send({ type: 'failure', error: (error as Error | undefined)?.stack ?? String(error) });
      process.exit(1);
    },
  );
});
