/**
 * The CLI as a user runs it, in child processes: from the sources (as `npm run cli` does), and
 * built with the project's own `tsc -p tsconfig.build.json` into a scratch directory, which is
 * what `npm run build` ships as the package's bin (shebang, ESM imports, the compiled worker
 * thread). Real exit codes, real pipes.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentSchema, errorRecordSchema } from '../../src/core/schema.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const STORY = '<!DOCTYPE html><html><head><title>Ferry resumes</title></head><body><main><article><h1>Ferry resumes</h1><p>The harbour ferry resumed service on Monday after a week of repairs to its engine, officials said.</p><p>Advertisement</p></article></main></body></html>';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'scrape-clean-process-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function cli(command: readonly string[], args: readonly string[], input?: string) {
  const result = spawnSync(process.execPath, [...command, ...args], { cwd: ROOT, input, encoding: 'utf8', timeout: 120_000, env: { ...process.env, NO_COLOR: '1' } });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

describe('from the sources (tsx)', () => {
  const source = ['--import', 'tsx', join(ROOT, 'bin/scrape-clean.ts')];

  it('pipes standard input to standard output', () => {
    const result = cli(source, ['clean', '-', '--name', 'ferry.html'], STORY);
    expect(result.code).toBe(0);
    const document = documentSchema.parse(JSON.parse(result.out));
    expect(document.segments.map((s) => [s.type, s.text])).toEqual([
      ['body', 'The harbour ferry resumed service on Monday after a week of repairs to its engine, officials said.'],
      ['ad', 'Advertisement'],
    ]);
  });

  it('stops quietly when the reader goes away (| head), without a stack trace', async () => {
    const big = join(dir, 'big.html');
    const paragraphs = Array.from({ length: 3000 }, (_, i) => `<p>Paragraph ${i} of a long article, with enough words in it to be read as body text.</p>`);
    writeFileSync(big, `<html><body><article>${paragraphs.join('')}</article></body></html>`);
    const child = spawn(process.execPath, [...source, 'clean', big], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', (status) => resolve(status)));
    expect(err).toBe('');
    expect(code).toBe(0);
  });

  it('exits 1 on a failed input and 2 on bad usage', () => {
    expect(cli(source, ['clean', '-'], '').code).toBe(1);
    const usage = cli(source, ['clean', join(dir, 'missing.html')]);
    expect(usage.code).toBe(2);
    expect(usage.err).toMatch(/no such file or directory/);
  });
});

describe('built with npm run build\'s compiler settings', () => {
  // Inside the project, so the built files resolve its node_modules; a fresh directory per run, so parallel runs never meet.
  const cache = join(ROOT, 'node_modules/.cache');
  let build = '';
  let bin = '';

  beforeAll(() => {
    mkdirSync(cache, { recursive: true });
    build = mkdtempSync(join(cache, 'scrape-clean-test-build-'));
    bin = join(build, 'bin/scrape-clean.js');
    // Type errors elsewhere in the tree are the typecheck's business; emitting is what is tested here.
    spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', build], { cwd: ROOT, encoding: 'utf8', timeout: 300_000 });
  }, 320_000);
  afterAll(() => {
    rmSync(build, { recursive: true, force: true });
  });

  it('has a node shebang on the bin', () => {
    expect(readFileSync(bin, 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
  });

  it('answers --help with the clean command', () => {
    const result = cli([bin], ['--help']);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/clean \[options\] <inputs\.\.\.>/);
  });

  it('cleans a directory with its compiled worker threads', () => {
    const input = join(dir, 'in');
    for (let i = 0; i < 5; i++) {
      mkdirSync(join(input, `day-${i}`), { recursive: true });
      writeFileSync(join(input, `day-${i}`, 'ferry.html'), STORY.replace('Monday', `day ${i}`));
    }
    writeFileSync(join(input, 'broken.html.gz'), Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x01]));
    const out = join(dir, 'out');
    const result = cli([bin], ['clean', input, '--out', out, '--workers', '2']);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^6 files: 5 cleaned, 1 failed \(CORRUPT_GZIP 1\)/m);
    for (let i = 0; i < 5; i++) {
      const document = documentSchema.parse(JSON.parse(readFileSync(join(out, `day-${i}`, 'ferry.json'), 'utf8')));
      expect(document.bodyText).toContain(`day ${i}`);
    }
    expect(errorRecordSchema.parse(JSON.parse(readFileSync(join(out, 'broken.error.json'), 'utf8'))).error.code).toBe('CORRUPT_GZIP');
    expect(readdirSync(out).sort()).toEqual(['broken.error.json', 'day-0', 'day-1', 'day-2', 'day-3', 'day-4']);
    expect(statSync(join(out, 'day-0')).isDirectory()).toBe(true);
  });
});
