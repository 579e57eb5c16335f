// Worker entry when the CLI runs from its TypeScript sources (tsx, vitest): Node 20 does not
// carry tsx's loader into worker threads, so the worker registers it before loading worker.ts.
// The built CLI (dist/) starts worker.js directly and never loads this file.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
