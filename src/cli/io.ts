/**
 * The streams a command reads and writes. main() takes them as a parameter so tests can run
 * the CLI in-process and read what it printed; the binary passes the process's own streams.
 */
import { CleanError } from '../core/errors.js';

export interface OutputStream {
  write(chunk: string | Uint8Array, callback?: (error?: Error | null) => void): boolean;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

export interface CliIo {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  readonly stdin: AsyncIterable<Uint8Array | string>;
}

/**
 * A file name or S3 key as a line of the terminal shows it: one with control characters (a carriage
 * return, a line feed, ESC) is written as a JSON string with them escaped ("a\rb.html"), so it neither
 * breaks the line nor writes over it; any other as it is.
 */
export function printable(name: string): string {
  return /\p{Cc}/u.test(name) ? JSON.stringify(name).replace(/\p{Cc}/gu, escapeControl) : name;
}

/**
 * A message as a line of the terminal shows it: its control characters escaped as in a JSON string
 * (\r, \n, \u001b), without quotes around it. For the text of an error beside a name, which can quote
 * one (a WARC record's target URI, a path in a file system error).
 */
export function printableText(text: string): string {
  return text.replace(/\p{Cc}/gu, (c) => escapeControl(JSON.stringify(c).slice(1, -1)));
}

function escapeControl(c: string): string {
  return /\p{Cc}/u.test(c) ? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}` : c;
}

export const PROCESS_IO: CliIo = {
  get stdout() {
    return process.stdout;
  },
  get stderr() {
    return process.stderr;
  },
  get stdin() {
    return process.stdin;
  },
};

/**
 * Writes all of `text` and resolves once the stream has taken it (large documents on a pipe).
 * A reader that went away (EPIPE: `| head`) wanted no more, which is not a failure.
 */
export function writeAll(stream: OutputStream, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.write(text, (error) => {
      if (error && (error as NodeJS.ErrnoException).code !== 'EPIPE') reject(error);
      else resolve();
    });
  });
}

/** A stream's bytes; past `maxBytes` it is read no further and fails as TOO_LARGE (an endless or huge pipe is not held in memory). */
export async function readAll(stream: AsyncIterable<Uint8Array | string>, maxBytes = Number.POSITIVE_INFINITY): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of stream) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    length += chunks[chunks.length - 1]!.length;
    if (length > maxBytes) throw new CleanError('TOO_LARGE', `input is more than ${maxBytes} bytes, over the limit (read no further)`);
  }
  return Buffer.concat(chunks);
}
