/**
 * A fixed pool of worker threads that run cleanToOutcome. The core is synchronous and
 * CPU-bound, so threads are what lets a run use more than one core; the main thread keeps the
 * file I/O. Bytes go to a worker without a copy (transferred); the serialized JSON comes back.
 *
 * Tasks go only to workers that said they are ready. A worker that dies during a task (out of
 * memory on a pathological page) fails that one task and is replaced; a worker that cannot
 * even start breaks the pool, whose queued tasks are then refused with WorkerStartError and
 * their bytes untouched, so the caller can clean them on its own thread.
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
  ready: boolean;
  job: Job | null;
}

type WorkerMessage = { ready: true } | { id: number; outcome: Outcome };

/** From the TypeScript sources (tsx, vitest) the worker needs tsx's loader, which Node 20 does not carry into threads. */
const WORKER_URL = new URL(import.meta.url.endsWith('.ts') ? './worker-from-source.mjs' : './worker.js', import.meta.url);

/** A task failed because its worker died while cleaning it. */
export class WorkerCrashError extends Error {
  readonly code = 'WORKER_CRASHED';
}

/** The pool has no worker that could start; the task was not sent anywhere. */
export class WorkerStartError extends Error {
  readonly code = 'WORKER_START_FAILED';
}

export class CleanPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 0;
  private closed = false;
  private startError: Error | null = null;

  constructor(
    readonly size: number,
    private readonly options: OutcomeOptions,
  ) {
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  run(task: CleanTask): Promise<Outcome> {
    if (this.startError) return Promise.reject(this.startError);
    if (this.closed) return Promise.reject(new Error('the worker pool is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, task, resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new Error('the worker pool was closed'));
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
  }

  private spawn(): Slot {
    const worker = new Worker(WORKER_URL, { workerData: this.options });
    const slot: Slot = { worker, ready: false, job: null };
    worker.on('message', (message: WorkerMessage) => {
      if ('ready' in message) {
        slot.ready = true;
      } else if (slot.job?.id === message.id) {
        const job = slot.job;
        slot.job = null;
        job.resolve(message.outcome);
      }
      this.dispatch();
    });
    let gone = false;
    const died = (error: Error): void => {
      if (gone || this.closed) return;
      gone = true;
      const index = this.slots.indexOf(slot);
      if (index === -1) return;
      if (!slot.ready) {
        // It never started: another would fail the same way.
        this.slots.splice(index, 1);
        if (this.slots.length === 0) this.breakPool(new WorkerStartError(`no worker thread could start: ${error.message}`));
        return;
      }
      this.slots[index] = this.spawn();
      slot.job?.reject(new WorkerCrashError(`the worker thread cleaning this input died: ${error.message}`));
      this.dispatch();
    };
    worker.on('error', died);
    worker.on('exit', (code) => { died(new Error(`exited with code ${code}`)); });
    return slot;
  }

  private breakPool(error: WorkerStartError): void {
    this.startError = error;
    for (const job of this.queue.splice(0)) job.reject(error);
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (!slot.ready || slot.job) continue;
      const job = this.queue.shift();
      if (!job) return;
      slot.job = job;
      // Transfer the bytes' buffer when the task owns all of it (a file read); otherwise it is copied.
      const { bytes } = job.task;
      const owned = bytes.buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
      slot.worker.postMessage({ id: job.id, task: job.task }, owned ? [bytes.buffer] : []);
    }
  }
}
