/** In-memory streams for running the CLI in-process. */
import type { CliIo } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';

export interface Captured extends CliIo {
  out(): string;
  err(): string;
}

export function captureIo(options: { stdin?: Uint8Array | string; stdoutTTY?: boolean; stderrTTY?: boolean; columns?: number } = {}): Captured {
  let out = '';
  let err = '';
  const stream = (append: (s: string) => void, isTTY: boolean) => ({
    write(chunk: string | Uint8Array, callback?: (error?: Error | null) => void) {
      append(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString());
      callback?.();
      return true;
    },
    isTTY,
    columns: options.columns ?? 100,
  });
  const input = options.stdin;
  return {
    stdout: stream((s) => (out += s), options.stdoutTTY ?? false),
    stderr: stream((s) => (err += s), options.stderrTTY ?? false),
    stdin: (async function* () {
      if (input !== undefined) yield typeof input === 'string' ? Buffer.from(input) : input;
    })(),
    out: () => out,
    err: () => err,
  };
}

export async function run(args: readonly string[], options: Parameters<typeof captureIo>[0] = {}) {
  const io = captureIo(options);
  const code = await main(['node', 'scrape-clean', ...args], io);
  return { code, out: io.out(), err: io.err() };
}
