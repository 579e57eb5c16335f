/**
 * The lanes of vitest.config.ts. The unit lane shares one module graph per worker, so a test
 * file there that mocks or reloads modules would see the other files' copies of them, or leave
 * its own behind: such a file must be listed in UNIT_ISOLATED. And the unit lane only computes:
 * a file that spawns processes or worker threads belongs to the integration lane.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { HEAVY, INTEGRATION, UNIT_ISOLATED } from '../vitest.config.js';

const ROOT = join(import.meta.dirname, '..');

function testFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return testFiles(path);
    return entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** The lists hold two kinds of pattern: a folder's tests (`dir/**\/*.test.ts`) and single files. */
function matches(pattern: string, file: string): boolean {
  const folder = /^(.+)\/\*\*\/\*\.test\.ts$/.exec(pattern);
  if (folder) return file.startsWith(`${folder[1]!}/`);
  if (pattern.includes('*')) throw new Error(`test/lanes.test.ts cannot read the pattern ${pattern}`);
  return file === pattern;
}

const inLane = (lane: readonly string[], file: string) => lane.some((pattern) => matches(pattern, file));
const unitFiles = testFiles('test').filter((file) => !inLane([...INTEGRATION, ...HEAVY, ...UNIT_ISOLATED], file));

it('finds the unit lane\'s files (and this one among them)', () => {
  expect(unitFiles).toContain('test/lanes.test.ts');
  expect(unitFiles.length).toBeGreaterThan(40);
});

it('a unit file that mocks or reloads modules is in UNIT_ISOLATED', () => {
  const sharing = unitFiles.filter((file) => /\bvi\.(mock|doMock|unmock|doUnmock|resetModules)\(/.test(readFileSync(join(ROOT, file), 'utf8')));
  expect(sharing).toEqual([]);
  for (const file of UNIT_ISOLATED) expect(readFileSync(join(ROOT, file), 'utf8'), file).toMatch(/\bvi\.(mock|doMock|resetModules)\(/);
});

it('no unit file spawns a process or a worker thread', () => {
  const spawning = [...unitFiles, ...UNIT_ISOLATED].filter((file) => /from 'node:(child_process|worker_threads)'|'--workers', '[1-9]/.test(readFileSync(join(ROOT, file), 'utf8')));
  expect(spawning).toEqual([]);
});

it('the test workers run without V8\'s regexp tier-up (a Node.js 20 fault: vitest.config.ts)', () => {
  expect(process.execArgv).toContain('--no-regexp-tier-up');
});
