import type { Command } from 'commander';
import type { CliIo } from '../io.js';
import { registerClean } from './clean.js';
import { registerInspect } from './inspect.js';
import { registerReprocess } from './reprocess.js';

/**
 * Registers a subcommand. `setExitCode` raises the process exit code (the highest wins); `io`
 * holds the streams to read and write, so the command also runs in-process in tests.
 */
export type RegisterCommand = (program: Command, setExitCode: (code: number) => void, io: CliIo) => void;

export const COMMANDS: readonly RegisterCommand[] = [registerClean, registerInspect, registerReprocess];
