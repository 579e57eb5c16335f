/**
 * The `scrape-clean` command line. Each subcommand lives in ./commands/<name>.ts and registers
 * itself on the program; main() returns the exit code instead of exiting, so tests can call it
 * (with their own streams).
 *
 * Start-up is part of every run: only the module of the subcommand being run is loaded (the
 * AWS SDK of `reprocess` or the report renderer of `inspect` cost a `clean` nothing); the help
 * and an unknown command load them all.
 */
import { Command, CommanderError } from 'commander';
import type { RegisterCommand } from './commands/index.js';
import { EXIT } from './exit-codes.js';
import { PROCESS_IO, type CliIo } from './io.js';
import { versionLine } from './version.js';

/** The subcommands, by name, each loaded on demand. */
export const COMMAND_LOADERS: Readonly<Record<string, () => Promise<RegisterCommand>>> = {
  clean: async () => (await import('./commands/clean.js')).registerClean,
  inspect: async () => (await import('./commands/inspect.js')).registerInspect,
  reprocess: async () => (await import('./commands/reprocess.js')).registerReprocess,
};

/** The subcommand named by the arguments: the first one that is not an option (the program's own options take no value). */
export function commandNamed(argv: readonly string[]): string | undefined {
  const name = argv.slice(2).find((arg) => !arg.startsWith('-'));
  return name !== undefined && Object.hasOwn(COMMAND_LOADERS, name) ? name : undefined;
}

/** Whether the arguments ask for the version and no help: `--version` / `-V` among options only. */
function asksVersionOnly(argv: readonly string[]): boolean {
  const args = argv.slice(2);
  return args.some((arg) => arg === '--version' || arg === '-V') && !args.some((arg) => arg === '--help' || arg === '-h');
}

export async function main(argv: readonly string[], io: CliIo = PROCESS_IO): Promise<number> {
  const program = new Command('scrape-clean')
    .description('Turn raw web scrapes (HTML or text, any charset, gzipped or not) into clean, classified JSON documents.')
    .version(versionLine())
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) })
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  let exitCode: number = EXIT.OK;
  const named = commandNamed(argv);
  // --version alone needs no subcommand: the help lists them all, so it (and an unknown command) loads them all.
  const loaders = named ? [COMMAND_LOADERS[named]!] : asksVersionOnly(argv) ? [] : Object.values(COMMAND_LOADERS);
  for (const register of await Promise.all(loaders.map((load) => load()))) register(program, (code) => (exitCode = Math.max(exitCode, code)), io);
  try {
    await program.parseAsync([...argv]);
  } catch (error) {
    // Commander has already printed its message; --help and --version end with exit code 0.
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
    io.stderr.write(`scrape-clean: internal error: ${(error as Error | undefined)?.stack ?? String(error)}\n`);
    return EXIT.FAILURES;
  }
  return exitCode;
}
