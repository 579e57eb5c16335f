#!/usr/bin/env node
import module from 'node:module';

// Node.js 22.1+ keeps V8's compiled code of the modules below between runs (a no-op on Node.js
// 20): start-up is part of every run of the command.
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
const { main } = await import('../src/cli/main.js');

// A reader that stops early (`scrape-clean clean page.html | head`) is not an error: stop quietly, as Unix tools do.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});

process.exitCode = await main(process.argv);
