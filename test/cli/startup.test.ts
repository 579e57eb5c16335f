/**
 * Start-up: a run loads what it needs and nothing more (issue 16). `clean` of pages, without a
 * terminal or --validate, loads neither the other subcommands (the AWS SDK of `reprocess`, the
 * report renderer of `inspect`) nor zod, cli-progress or the WARC reader; the help loads every
 * subcommand.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';

const { loaded, watch } = vi.hoisted(() => {
  const loaded = new Set<string>();
  const watch = (name: string) => async (importOriginal: () => Promise<unknown>) => {
    loaded.add(name);
    return importOriginal();
  };
  return { loaded, watch };
});
vi.mock('../../src/cli/commands/reprocess.js', watch('reprocess'));
vi.mock('../../src/cli/commands/inspect.js', watch('inspect'));
vi.mock('@aws-sdk/client-s3', watch('@aws-sdk/client-s3'));
vi.mock('zod', watch('zod'));
vi.mock('cli-progress', watch('cli-progress'));
vi.mock('warcio', watch('warcio'));

const { run } = await import('./io.js');
const { commandNamed } = await import('../../src/cli/main.js');

const dir = mkdtempSync(join(tmpdir(), 'scrape-clean-startup-'));
const page = join(dir, 'ferry.html');
writeFileSync(page, '<html><body><article><p>The harbour ferry resumed service on Monday after a week of repairs.</p></article></body></html>');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeEach(() => loaded.clear());

describe('what a run loads', () => {
  it('clean of one page loads no other subcommand, no AWS SDK, no zod, no progress bar, no WARC reader', async () => {
    const result = await run(['clean', page]);
    expect(result.code).toBe(0);
    expect([...loaded]).toEqual([]);
  });

  it('--validate loads zod, and a terminal the progress bar', async () => {
    await run(['clean', dir, '--out', join(dir, 'out'), '--validate']);
    expect(loaded.has('zod')).toBe(true);
    writeFileSync(join(dir, 'second.html'), '<p>A second page, so that the bar is drawn.</p>');
    await run(['clean', dir, '--out', join(dir, 'out2')], { stderrTTY: true });
    expect(loaded.has('cli-progress')).toBe(true);
  });

  it('--version loads no subcommand', async () => {
    const result = await run(['--version']);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^\d+\.\d+\.\d+/);
    expect([...loaded]).toEqual([]);
  });

  it('the help loads every subcommand, to list them', async () => {
    const result = await run(['--help']);
    expect(result.out).toMatch(/clean.*\n.*inspect.*\n.*reprocess/s);
    for (const name of ['reprocess', 'inspect', '@aws-sdk/client-s3']) expect(loaded.has(name), name).toBe(true);
  });
});

describe('commandNamed', () => {
  it('is the first argument that is not an option, when it names a subcommand', () => {
    expect(commandNamed(['node', 'scrape-clean', 'clean', 'x.html'])).toBe('clean');
    expect(commandNamed(['node', 'scrape-clean', '--version'])).toBeUndefined();
    expect(commandNamed(['node', 'scrape-clean', 'clen', 'x.html'])).toBeUndefined();
    expect(commandNamed(['node', 'scrape-clean', 'constructor'])).toBeUndefined();
  });
});
