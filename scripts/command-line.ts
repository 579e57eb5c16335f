/**
 * The command lines of the project's scripts (npm run eval, train, train:text, …): node:util's
 * parseArgs, with `--help` (or `-h`) printing the script's usage and exiting 0, and a mistake (an
 * unknown option, an option without its value, a missing argument the script needs) printing what
 * was wrong and the usage to stderr and exiting 2. Without it a typo ended in a stack trace of
 * parseArgs, and `--help` of a script that did not know it was an unknown option or, worse, was
 * ignored while the script started a long run.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** Prints `message` and the usage to stderr and exits 2: a command line the script cannot run. */
export function usageError(usage: string, message: string): never {
  process.stderr.write(`${message}\n\n${usage}\n`);
  process.exit(2);
}

/** The options and positionals of this process's command line (or `config.args`), read as `config` says. */
export function commandLine<T extends ParseArgsConfig>(usage: string, config: T): ReturnType<typeof parseArgs<T>> {
  const args = config.args ?? process.argv.slice(2);
  // Before parsing: `--help` beside a mistake still prints the usage, as a request for it.
  const end = args.indexOf('--');
  if ((end === -1 ? args : args.slice(0, end)).some((arg) => arg === '--help' || arg === '-h')) {
    process.stdout.write(`${usage}\n`);
    process.exit(0);
  }
  try {
    return parseArgs(config);
  } catch (error) {
    return usageError(usage, (error as Error).message);
  }
}
