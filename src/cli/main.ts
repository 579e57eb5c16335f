/**
 * The `scrape-clean` command line. Each subcommand lives in ./commands/<name>.ts and registers
 * itself on the program; main() returns the exit code instead of exiting, so tests can call it.
 */
import { Command } from 'commander';
import { COMMANDS } from './commands/index.js';
import { PIPELINE_VERSION } from '../core/index.js';

export async function main(argv: readonly string[]): Promise<number> {
  const program = new Command('scrape-clean')
    .description('Turn raw web scrapes (HTML or text, any charset, gzipped or not) into clean, classified JSON documents.')
    .version(PIPELINE_VERSION)
    .exitOverride();
  let exitCode = 0;
  for (const register of COMMANDS) register(program, (code) => (exitCode = Math.max(exitCode, code)));
  try {
    await program.parseAsync([...argv]);
  } catch (error) {
    const code = (error as { exitCode?: number }).exitCode;
    if (typeof code === 'number') return code;
    console.error(`scrape-clean: ${(error as Error).message}`);
    return 1;
  }
  return exitCode;
}
