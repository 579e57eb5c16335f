/**
 * A fixed pool of worker threads that run cleanToOutcome. The core is synchronous and
 * CPU-bound, so threads are what lets a run use more than one core; the main thread keeps the
 * file I/O. Bytes go to a worker without a copy (transferred); the serialized JSON comes back.
 * A worker that dies (out of memory on a pathological page) fails its one task and is replaced.
 */
import { Worker } from 'node:worker_threads';
import type { CleanTask, Outcome, OutcomeOptions } from './outcome.js';

interface Job {
  readonly id: number;
  readonly task: CleanTask;
  readonly resolve: (outcome: Outcome) => void;
  readonly reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  job: Job | null;
}

/** Running from sources (tsx, vitest), the worker is a .ts file and needs tsx's loader too. */
function workerEntry(): { url: URL; execArgv: string[] | undefined } {
  const fromSource = import.meta.url.endsWith('.ts');
  const url = new URL(fromSource ? './worker.ts' : './worker.js', import.meta.url);
  if (!fromSource) return { url, execArgv: undefined };
  const hasTsx = process.execArgv.some((arg) => arg.includes('tsx'));
  return { url, execArgv: hasTsx ? undefined : [...process.execArgv, '--import', 'tsx'] };
}

export class WorkerCrashError extends Error {
  readonly code = 'WORKER_CRASHED';
}

export class CleanPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 0;
  private closed = false;

  constructor(
    readonly size: number,
    private readonly options: OutcomeOptions,
  ) {
    for (let i = 0; i < size; i++) this.slots.push({ worker: this.spawn(), job: null });
  }

  run(task: CleanTask): Promise<Outcome> {
    if (this.closed) return Promise.reject(new Error('the pool is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, task, resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new Error('the pool was closed'));
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
  }

  private spawn(): Worker {
    const { url, execArgv } = workerEntry();
    const worker = new Worker(url, { workerData: this.options, execArgv });
    worker.on('message', (message: { id: number; outcome: Outcome }) => {
      const slot = this.slots.find((s) => s.worker === worker);
      if (!slot?.job || slot.job.id !== message.id) return;
      const job = slot.job;
      slot.job = null;
      job.resolve(message.outcome);
      this.dispatch();
    });
    const replace = (error: Error): void => {
      const slot = this.slots.find((s) => s.worker === worker);
      if (!slot || this.closed) return;
      const job = slot.job;
      slot.job = null;
      slot.worker = this.spawn();
      job?.reject(new WorkerCrashError(`the worker thread cleaning this input died: ${error.message}`));
      this.dispatch();
    };
    worker.on('error', replace);
    worker.on('exit', (code) => replace(new Error(`exited with code ${code}`)));
    return worker;
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (slot.job) continue;
      const job = this.queue.shift();
      if (!job) return;
      slot.job = job;
      // Transfer the bytes' buffer when the task owns all of it (a file read); otherwise copy.
      const { bytes } = job.task;
      const owned = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer;
      slot.worker.postMessage({ id: job.id, task: job.task }, owned ? [bytes.buffer as ArrayBuffer] : []);
    }
  }
}
