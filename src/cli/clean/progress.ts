/** A progress bar on standard error, only when it is a terminal (never in pipes, logs or CI). */
import cliProgress from 'cli-progress';
import type { OutputStream } from '../io.js';

export interface Progress {
  advance(failed: boolean): void;
  stop(): void;
}

const SILENT: Progress = { advance: () => {}, stop: () => {} };

export function startProgress(stream: OutputStream, total: number, enabled: boolean): Progress {
  if (!enabled || !stream.isTTY || total < 2) return SILENT;
  const bar = new cliProgress.SingleBar(
    {
      stream: stream as unknown as NodeJS.WritableStream,
      format: '{bar} {percentage}% | {value}/{total} files | {failed} failed | {eta_formatted} left',
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  let failed = 0;
  bar.start(total, 0, { failed });
  return {
    advance(isFailure) {
      if (isFailure) failed++;
      bar.increment(1, { failed });
    },
    stop() {
      bar.stop();
    },
  };
}
