#!/usr/bin/env node
import module from 'node:module';

// Node.js 22.1+ keeps V8's compiled code of the modules below between runs (a no-op on Node.js
// 20): start-up is part of every run of the command.
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
const { main } = await import('../src/cli/main.js');

// A reader that stops early (`scrape-clean clean page.html | head`) is not an error: stop quietly, as Unix tools do.
// Any other failure to write (a full disk, `> /dev/full`) lost the output: say so in one line and exit 1, the exit
// status of an input that failed, not with a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  process.stderr.write(`scrape-clean: cannot write to standard output: ${error.message}\n`);
  process.exit(1);
});

process.exitCode = await main(process.argv);
