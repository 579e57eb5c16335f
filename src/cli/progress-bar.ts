/**
 * A progress bar that fits its terminal, for `clean`, `inspect` and `reprocess`. The line is the
 * bar and a text (counts, failures, time left); the bar takes what the text leaves of the
 * terminal's width, so the line never reaches the last column (a terminal with auto-wrap off,
 * as cli-progress sets it, cuts what passes it; one with auto-wrap on moves to a new line).
 *
 * Commands import this module only when they draw a bar (`await import`), so runs in pipes,
 * files and CI never load cli-progress.
 */
import cliProgress from 'cli-progress';
import type { OutputStream } from './io.js';

export const BAR_DEFAULTS = {
  /** Widest bar, in characters (cli-progress's own default). */
  maxWidth: 40,
  /** Narrowest bar worth drawing; below it the line is the text alone. */
  minWidth: 5,
  /** Width assumed when the stream does not say (a terminal's classic width). */
  columns: 80,
} as const;

/** What the text of a frame may use: cli-progress's value, total and time left (seconds, NaN/Infinity while unknown). */
export interface BarFrame {
  readonly value: number;
  readonly total: number;
  readonly eta: number;
}

export interface Bar<Payload extends object = Record<string, unknown>> {
  update(value: number, payload?: Payload): void;
  setTotal(total: number): void;
  stop(): void;
}

/** "12 s", "3 min 5 s", "2 h 10 min"; "?" while unknown. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

/** One frame: the bar, as wide as `columns - 1` leaves beside the text, then the text. */
export function fitLine(progress: number, text: string, columns: number, glyphs: { complete: string; incomplete: string }): string {
  const width = Math.min(BAR_DEFAULTS.maxWidth, columns - 1 - text.length);
  if (width < BAR_DEFAULTS.minWidth) return text.trimStart().slice(0, Math.max(0, columns - 1));
  const done = Math.round(Math.min(Math.max(progress, 0), 1) * width);
  return glyphs.complete.repeat(done) + glyphs.incomplete.repeat(width - done) + text;
}

/**
 * Starts a bar on `stream` (a terminal). `describe` writes the text after the bar, beginning
 * with a space, from the frame and the payload given to start/update.
 */
export function startBar<Payload extends object>(
  stream: OutputStream,
  total: number,
  payload: Payload,
  describe: (frame: BarFrame, payload: Payload) => string,
  options: { readonly etaBuffer?: number; readonly fps?: number } = {},
): Bar<Payload> {
  const preset = cliProgress.Presets.shades_classic;
  const glyphs = { complete: preset.barCompleteChar, incomplete: preset.barIncompleteChar };
  const bar = new cliProgress.SingleBar(
    {
      stream: stream as unknown as NodeJS.WritableStream,
      format: (_options, params, values) =>
        fitLine(params.progress, describe({ value: params.value, total: params.total, eta: params.eta }, values as Payload), stream.columns || BAR_DEFAULTS.columns, glyphs),
      hideCursor: true,
      clearOnComplete: true,
      ...options,
    },
    preset,
  );
  bar.start(total, 0, payload);
  return {
    update: (value, values) => bar.update(value, values ?? {}),
    setTotal: (count) => bar.setTotal(count),
    stop: () => bar.stop(),
  };
}
