/**
 * The scripts' command lines (scripts/command-line.ts): `--help` prints the usage, a mistake says
 * what it is and prints the usage, neither as a stack trace nor as a run that ignored the flag.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { commandLine, usageError } from '../../scripts/command-line.js';

const USAGE = 'usage: npm run example -- --corpus <dir> [--check]';
const OPTIONS = { corpus: { type: 'string' }, check: { type: 'boolean', default: false } } as const;

/** Runs `body` with process.exit and the two streams caught: what it returned, or the exit code and what was printed. */
function run<T>(body: () => T): { value?: T; code?: number; stdout: string; stderr: string } {
  const printed = { stdout: '', stderr: '' };
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((printed.stdout += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((printed.stderr += String(chunk)), true));
  vi.spyOn(process, 'exit').mockImplementation((code) => {
    throw Object.assign(new Error('exit'), { exitCode: code });
  });
  try {
    return { value: body(), ...printed };
  } catch (error) {
    const code = (error as { exitCode?: number }).exitCode;
    if (code === undefined) throw error;
    return { code, ...printed };
  } finally {
    vi.restoreAllMocks();
  }
}

afterEach(() => vi.restoreAllMocks());

describe('commandLine', () => {
  it('reads the options the script declares', () => {
    const result = run(() => commandLine(USAGE, { args: ['--corpus', '../shared/corpus', '--check'], options: OPTIONS }));
    expect(result.value?.values).toEqual({ corpus: '../shared/corpus', check: true });
  });

  it('prints the usage to stdout and exits 0 on --help or -h, even beside a mistake', () => {
    for (const args of [['--help'], ['-h'], ['--corpus', 'x', '--no-such-option', '--help']]) {
      expect(run(() => commandLine(USAGE, { args, options: OPTIONS }))).toEqual({ code: 0, stdout: `${USAGE}\n`, stderr: '' });
    }
  });

  it('takes --help after -- as an argument, not as the request', () => {
    const result = run(() => commandLine(USAGE, { args: ['--', '--help'], options: OPTIONS, allowPositionals: true }));
    expect(result.value?.positionals).toEqual(['--help']);
  });

  it('names an unknown option or a missing value, then prints the usage to stderr, and exits 2', () => {
    const unknown = run(() => commandLine(USAGE, { args: ['--corpsu', 'x'], options: OPTIONS }));
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown option '--corpsu'/);
    expect(unknown.stderr.endsWith(`\n\n${USAGE}\n`)).toBe(true);
    const missing = run(() => commandLine(USAGE, { args: ['--corpus'], options: OPTIONS }));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--corpus/);
  });
});

describe('usageError', () => {
  it("prints the script's own complaint and the usage to stderr, and exits 2", () => {
    expect(run(() => usageError(USAGE, 'example: --corpus is needed'))).toEqual({ code: 2, stdout: '', stderr: `example: --corpus is needed\n\n${USAGE}\n` });
  });
});
