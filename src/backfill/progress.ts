/**
 * Progress of a reprocessing run on standard error: on a terminal, a bar (cli-progress, as
 * `scrape-clean clean` draws it) with the rate and the time left; elsewhere (logs, CI, a pipe),
 * a plain line every few seconds. Unlike `clean`, whose inputs are all known at the start, the
 * total grows while the listing goes on: until it ends the total shows as "500+", and the time
 * left is that of the objects listed so far.
 */
import type { OutputStream } from '../cli/io.js';
import { formatDuration, startBar } from '../cli/progress-bar.js';
import { REPROCESS_DEFAULTS } from './defaults.js';

export interface ReprocessProgress {
  /** Objects known so far; `complete` once the listing has ended. */
  listed(count: number, complete: boolean): void;
  /** One more object done. */
  advance(failed: boolean): void;
  /** Absolute counts (a state machine's map run, polled). */
  set(done: number, failed: number): void;
  stop(): void;
}

export interface ProgressOptions {
  /** False: nothing at all (--no-progress, --quiet). */
  readonly enabled: boolean;
  /** @default REPROCESS_DEFAULTS.plainProgressEveryMs */
  readonly plainEveryMs?: number;
  /** Milliseconds clock (tests). @default performance.now */
  readonly now?: () => number;
  /** What is counted, for the plain lines. @default 'objects' */
  readonly unit?: string;
}

const SILENT: ReprocessProgress = { listed: () => {}, advance: () => {}, set: () => {}, stop: () => {} };

export { formatDuration };

/** "250/500 objects (50%) · 120.3 objects/s · 2 s left · 3 failed" */
export function progressLine(state: { done: number; total: number; complete: boolean; failed: number; elapsedMs: number; unit?: string }): string {
  const unit = state.unit ?? 'objects';
  const rate = state.elapsedMs > 0 ? (state.done * 1000) / state.elapsedMs : 0;
  const total = state.complete ? `${state.total}` : `${state.total}+`;
  const percent = state.total > 0 ? ` (${Math.floor((100 * state.done) / state.total)}%${state.complete ? '' : ' of those listed'})` : '';
  const left = rate > 0 ? ` · ${formatDuration((state.total - state.done) / rate)} left${state.complete ? '' : ' (listing goes on)'}` : '';
  return `${state.done}/${total} ${unit}${percent} · ${rate.toFixed(1)} ${unit}/s${left} · ${state.failed} failed`;
}

export function startReprocessProgress(stream: OutputStream, options: ProgressOptions): ReprocessProgress {
  if (!options.enabled) return SILENT;
  const now = options.now ?? (() => performance.now());
  const started = now();
  let done = 0;
  let failed = 0;
  let total = 0;
  let complete = false;

  if (!stream.isTTY) {
    const every = options.plainEveryMs ?? REPROCESS_DEFAULTS.plainProgressEveryMs;
    let lastLine = started;
    const line = () => stream.write(`reprocess: ${progressLine({ done, total, complete, failed, elapsedMs: now() - started, unit: options.unit })}\n`);
    return {
      listed(count, isComplete) {
        total = count;
        complete = isComplete;
      },
      advance(isFailure) {
        this.set(done + 1, failed + (isFailure ? 1 : 0));
      },
      set(doneNow, failedNow) {
        done = doneNow;
        failed = failedNow;
        if (now() - lastLine >= every) {
          lastLine = now();
          line();
        }
      },
      stop() {},
    };
  }

  const unit = options.unit ?? 'objects';
  const payload = () => ({ failed, listed: total, more: complete ? '' : '+', rate: (done / Math.max((now() - started) / 1000, 1e-3)).toFixed(1) });
  // " 50% · 250/500+ objects · 120.3/s · 3 failed · 2 s left" (the bar takes what the text leaves of the line).
  const describe = (frame: { value: number; eta: number }, values: ReturnType<typeof payload>): string =>
    ` ${Math.floor((100 * frame.value) / Math.max(total, 1))}% · ${frame.value}/${values.listed}${values.more} ${unit} · ${values.rate}/s · ${values.failed} failed · ${formatDuration(frame.eta)} left`;
  // The bar's own total stays at least 1 (cli-progress draws 0 of 0 as full); {listed} shows the count.
  const bar = startBar(stream, 1, payload(), describe, { etaBuffer: 200, fps: 5 });
  // Nothing is drawn after stop(): a message written then (Ctrl-C) stays below the last frame.
  let stopped = false;
  return {
    listed(count, isComplete) {
      if (stopped) return;
      total = count;
      complete = isComplete;
      bar.setTotal(Math.max(count, 1));
      bar.update(done, payload());
    },
    advance(isFailure) {
      this.set(done + 1, failed + (isFailure ? 1 : 0));
    },
    set(doneNow, failedNow) {
      if (stopped) return;
      done = doneNow;
      failed = failedNow;
      bar.update(done, payload());
    },
    stop() {
      if (stopped) return;
      stopped = true;
      bar.stop();
    },
  };
}
