import type { Command } from 'commander';
import type { CliIo } from '../io.js';

/**
 * Registers a subcommand. `setExitCode` raises the process exit code (the highest wins); `io`
 * holds the streams to read and write, so the command also runs in-process in tests. The
 * subcommands are listed, and loaded on demand, in ../main.ts (COMMAND_LOADERS).
 */
export type RegisterCommand = (program: Command, setExitCode: (code: number) => void, io: CliIo) => void;
