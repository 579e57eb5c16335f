#!/usr/bin/env node
/** `npm start` (and `npm run dev` with --watch): see src/local/cli.ts. */
import { runLocalPipelineCli } from '../src/local/cli.js';
import { watchAncestors } from '../src/local/parent-watch.js';

const stopped = new Promise<void>((resolve) => {
  process.once('SIGINT', resolve);
  process.once('SIGTERM', resolve);
  // `kill -9` of npm (or of the shell that started this) stops the server too: no orphan keeps the port.
  watchAncestors(() => {
    process.stderr.write('local-pipeline: the process that started this one is gone: stopping\n');
    resolve();
  });
});
process.exitCode = await runLocalPipelineCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, stopped });
// Nothing is left open after close(); exit explicitly anyway so a stray keep-alive socket cannot hold the process.
process.exit();
