#!/usr/bin/env node
/** `npm start` (and `npm run dev` with --watch): see src/local/cli.ts. */
import { runLocalPipelineCli } from '../src/local/cli.js';

const stopped = new Promise<void>((resolve) => {
  process.once('SIGINT', resolve);
  process.once('SIGTERM', resolve);
});
process.exitCode = await runLocalPipelineCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, stopped });
// Nothing is left open after close(); exit explicitly anyway so a stray keep-alive socket cannot hold the process.
process.exit();
