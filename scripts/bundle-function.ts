/**
 * Bundles one of the stack's functions as the stack ships it (lib/function-bundle.ts):
 *
 *   npx tsx scripts/bundle-function.ts <handler module> <output folder>
 *
 * The stack's assets run it in a child process (functionCode in lib/constructs/clean-function.ts):
 * CDK's local bundling is synchronous, and esbuild runs plugins in its asynchronous API only.
 */
import { resolve } from 'node:path';
import { bundleFunction } from '../lib/function-bundle.js';

const [entry, outdir, ...rest] = process.argv.slice(2);
if (!entry || !outdir || rest.length > 0) {
  process.stderr.write('usage: npx tsx scripts/bundle-function.ts <handler module> <output folder>\n');
  process.exit(2);
}
await bundleFunction(resolve(entry), resolve(outdir));
