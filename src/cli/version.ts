/**
 * `scrape-clean --version`: the package's version, read from its package.json (the one source:
 * npm, the registry and the CLI say the same), with the version of the cleaning logic that the
 * documents record (`pipelineVersion`, src/core/version.ts), which moves on its own: a change
 * of it makes a backfill reprocess stored objects.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PIPELINE_VERSION } from '../core/version.js';

const PACKAGE_NAME = 'scrape-clean';

/** The version in the package.json of this package: found upward from this module, which runs from src/cli (sources) or dist/src/cli (built). */
export function packageVersion(from: string = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = dirname(dir)) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (manifest.name === PACKAGE_NAME && manifest.version) return manifest.version;
    } catch {
      // no package.json here, or not readable: look further up
    }
    if (dirname(dir) === dir) throw new Error(`no package.json of ${PACKAGE_NAME} above ${from}`);
  }
}

/** "0.1.0 (documents: pipelineVersion 1.0.0)" */
export function versionLine(): string {
  return `${packageVersion()} (documents: pipelineVersion ${PIPELINE_VERSION})`;
}
