/**
 * The `scrape-clean` command line. Each subcommand lives in ./commands/<name>.ts and registers
 * itself on the program; main() returns the exit code instead of exiting, so tests can call it
 * (with their own streams).
 */
import { Command, CommanderError } from 'commander';
import { COMMANDS } from './commands/index.js';
import { EXIT } from './exit-codes.js';
import { PROCESS_IO, type CliIo } from './io.js';
import { PIPELINE_VERSION } from '../core/index.js';

export async function main(argv: readonly string[], io: CliIo = PROCESS_IO): Promise<number> {
  const program = new Command('scrape-clean')
    .description('Turn raw web scrapes (HTML or text, any charset, gzipped or not) into clean, classified JSON documents.')
    .version(PIPELINE_VERSION)
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) })
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  let exitCode: number = EXIT.OK;
  for (const register of COMMANDS) register(program, (code) => (exitCode = Math.max(exitCode, code)), io);
  try {
    await program.parseAsync([...argv]);
  } catch (error) {
    // Commander has already printed its message; --help and --version end with exit code 0.
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
    io.stderr.write(`scrape-clean: internal error: ${(error as Error)?.stack ?? String(error)}\n`);
    return EXIT.FAILURES;
  }
  return exitCode;
}
