/**
 * The golden fixtures of the renderers: one small page per construct under ./fixtures/<name>/
 * (source.html, written for this project), with the Markdown and plain text the renderers gave
 * when they were last reviewed (expected.md, expected.txt). `npm run fixtures:render` rewrites
 * the expected files; review every diff it makes before committing it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { clean, type CleanDocument } from '../../src/core/index.js';

export const FIXTURES_DIR = join(fileURLToPath(new URL('.', import.meta.url)), 'fixtures');

export interface Fixture {
  readonly name: string;
  readonly dir: string;
  readonly source: string;
}

export function fixtures(): Fixture[] {
  return readdirSync(FIXTURES_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => ({ name, dir: join(FIXTURES_DIR, name), source: readFileSync(join(FIXTURES_DIR, name, 'source.html'), 'utf8') }));
}

export function cleanFixture(fixture: Fixture): CleanDocument {
  return clean({ bytes: Buffer.from(fixture.source, 'utf8'), name: `${fixture.name}.html` }, { now: () => new Date('2024-03-01T12:00:00.000Z') });
}
