import type { Command } from 'commander';
import { registerClean } from './clean.js';

/** Registers a subcommand; `setExitCode` raises the process exit code (the highest wins). */
export type RegisterCommand = (program: Command, setExitCode: (code: number) => void) => void;

export const COMMANDS: readonly RegisterCommand[] = [registerClean];
