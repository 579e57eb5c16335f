/**
 * The CLI as a user runs it, in child processes: from the sources (as `npm run cli` does), and
 * built by the project's own build (scripts/build.ts, `npm run build`) into a scratch directory:
 * the bundle the package ships as its bin (shebang, ESM chunks, the bundled worker thread).
 * Real exit codes, real pipes.
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
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

  it('a FIFO under an input directory fails with NOT_A_FILE, is not read (it would wait for a writer) and is not left out', () => {
    const input = join(dir, 'with-fifo');
    mkdirSync(input);
    writeFileSync(join(input, 'page.html'), STORY);
    expect(spawnSync('mkfifo', [join(input, 'pipe')]).status).toBe(0);
    const out = join(dir, 'with-fifo-out');
    const result = cli(source, ['clean', input, '--out', out]);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/pipe: NOT_A_FILE: input is not a regular file/);
    expect(readdirSync(out).sort()).toEqual(['page.json', 'pipe.error.json']);
    expect(errorRecordSchema.parse(JSON.parse(readFileSync(join(out, 'pipe.error.json'), 'utf8'))).error.code).toBe('NOT_A_FILE');
  });

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
    const code = await new Promise<number | null>((resolve) => child.on('close', (status) => { resolve(status); }));
    expect(err).toBe('');
    expect(code).toBe(0);
  });

  it.skipIf(!existsSync('/dev/full'))('exits 1 with one line when standard output cannot be written (a full disk: > /dev/full), without a stack trace', () => {
    const page = join(dir, 'page.html');
    writeFileSync(page, STORY);
    const full = openSync('/dev/full', 'w');
    try {
      const result = spawnSync(process.execPath, [...source, 'clean', page], { cwd: ROOT, stdio: ['ignore', full, 'pipe'], encoding: 'utf8', timeout: 120_000 });
      expect(result.stderr).toBe('scrape-clean: cannot write to standard output: ENOSPC: no space left on device, write\n');
      expect(result.status).toBe(1);
    } finally {
      closeSync(full);
    }
  });

  it('exits 1 on a failed input and 2 on bad usage', () => {
    expect(cli(source, ['clean', '-'], '').code).toBe(1);
    const usage = cli(source, ['clean', join(dir, 'missing.html')]);
    expect(usage.code).toBe(2);
    expect(usage.err).toMatch(/no such file or directory/);
  });
});

describe('built by npm run build', () => {
  // A fresh directory per run, so parallel runs never meet.
  const cache = join(ROOT, 'node_modules/.cache');
  let build = '';
  let bin = '';

  beforeAll(() => {
    mkdirSync(cache, { recursive: true });
    build = mkdtempSync(join(cache, 'scrape-clean-test-build-'));
    bin = join(build, 'scrape-clean.js');
    const built = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/build.ts'), '--outdir', build], { cwd: ROOT, encoding: 'utf8', timeout: 300_000 });
    if (built.status !== 0) throw new Error(`the build failed: ${built.stderr}`);
  }, 320_000);
  afterAll(() => {
    rmSync(build, { recursive: true, force: true });
  });

  it('has a node shebang on the bin, which package.json names', () => {
    expect(readFileSync(bin, 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    expect(manifest.bin['scrape-clean']).toBe('dist/scrape-clean.js');
  });

  it('--version answers with the version of package.json', () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const result = cli([bin], ['--version']);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(new RegExp(`^${version.replace(/\./g, '\\.')} \\(documents: pipelineVersion `));
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
    expect(result.err).toMatch(/^6 files: 5 cleaned \(LOW_TEXT 5\), 1 failed \(CORRUPT_GZIP 1\)/m);
    for (let i = 0; i < 5; i++) {
      const document = documentSchema.parse(JSON.parse(readFileSync(join(out, `day-${i}`, 'ferry.json'), 'utf8')));
      expect(document.bodyText).toContain(`day ${i}`);
    }
    expect(errorRecordSchema.parse(JSON.parse(readFileSync(join(out, 'broken.error.json'), 'utf8'))).error.code).toBe('CORRUPT_GZIP');
    expect(readdirSync(out).sort()).toEqual(['broken.error.json', 'day-0', 'day-1', 'day-2', 'day-3', 'day-4']);
    expect(statSync(join(out, 'day-0')).isDirectory()).toBe(true);
  });
});
