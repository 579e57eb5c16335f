#!/usr/bin/env node
import { main } from '../src/cli/main.js';

// A reader that stops early (`scrape-clean clean page.html | head`) is not an error: stop quietly, as Unix tools do.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});

process.exitCode = await main(process.argv);
