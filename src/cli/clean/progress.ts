/** A progress bar on standard error, only when it is a terminal (never in pipes, logs or CI). */
import type { OutputStream } from '../io.js';

export interface Progress {
  advance(failed: boolean): void;
  stop(): void;
}

const SILENT: Progress = { advance: () => {}, stop: () => {} };

/** " 45% · 450/1000 files · 2 failed · 12 s left" */
export function progressText(value: number, total: number, failed: number, left: string): string {
  const percent = total > 0 ? Math.floor((100 * value) / total) : 0;
  return ` ${percent}% · ${value}/${total} files · ${failed} failed · ${value < total ? `${left} left` : 'done'}`;
}

export async function startProgress(stream: OutputStream, total: number, enabled: boolean): Promise<Progress> {
  if (!enabled || !stream.isTTY || total < 2) return SILENT;
  const { formatDuration, startBar } = await import('../progress-bar.js');
  let failed = 0;
  const bar = startBar(stream, total, {}, (frame) => progressText(frame.value, frame.total, failed, formatDuration(frame.eta)), { etaBuffer: 50 });
  let value = 0;
  return {
    advance(isFailure) {
      if (isFailure) failed++;
      bar.update(++value);
    },
    stop() {
      bar.stop();
    },
  };
}
