import { describe, expect, it } from 'vitest';
import { parseBenchArgs, parseSize, UsageError } from '../../bench/args.js';
import { CONTENDERS } from '../../bench/contenders.js';

describe('bench command line', () => {
  it('runs every contender on the corpus by default, three timed passes after one warm-up, in ten slices', () => {
    const args = parseBenchArgs(['--corpus', 'dir']);
    expect(args).toMatchObject({ mode: 'corpus', corpus: 'dir', limit: null, passes: 3, warmup: 1, slices: 10, json: null });
    expect(parseBenchArgs(['--corpus', 'dir', '--slices', '1']).slices).toBe(1);
    expect(() => parseBenchArgs(['--corpus', 'dir', '--slices', '0'])).toThrow(UsageError);
    expect(args.contenders).toEqual(CONTENDERS.map((c) => c.id));
  });

  it('limits the work while developing', () => {
    const args = parseBenchArgs(['--corpus', 'dir', '--limit', '20', '--passes', '5', '--contenders', 'ours,htmlparser2']);
    expect(args).toMatchObject({ limit: 20, passes: 5, contenders: ['ours', 'htmlparser2'] });
  });

  it('takes --json alone (stdout) or with a file, wherever it stands', () => {
    expect(parseBenchArgs(['--corpus', 'dir', '--json']).json).toBe('-');
    expect(parseBenchArgs(['--json', '--corpus', 'dir']).json).toBe('-');
    expect(parseBenchArgs(['--corpus', 'dir', '--json', 'out.json']).json).toBe('out.json');
  });

  it('selects the scaling run with our cleaner and the parse floor, on the four sizes', () => {
    const args = parseBenchArgs(['--scaling']);
    expect(args.mode).toBe('scaling');
    expect(args.contenders).toEqual(['ours', 'htmlparser2']);
    expect(args.sizes.map((s) => s.label)).toEqual(['100 KB', '1 MB', '10 MB', '50 MB']);
    expect(parseBenchArgs(['--scaling', '--sizes', '10KB,2MB']).sizes).toEqual([
      { label: '10 KB', bytes: 10 * 1024 },
      { label: '2 MB', bytes: 2 * 1024 * 1024 },
    ]);
  });

  it('selects the cold start run, with the corpus as the source of the first document', () => {
    expect(parseBenchArgs(['--cold-start', '--runs', '4'])).toMatchObject({ mode: 'cold-start', runs: 4, corpus: null });
    expect(parseBenchArgs(['--cold-start', '--corpus', 'dir']).corpus).toBe('dir');
  });

  it('reads sizes in binary units', () => {
    expect(parseSize('100KB').bytes).toBe(102_400);
    expect(parseSize('1.5MB').bytes).toBe(1_572_864);
    expect(parseSize('50MiB')).toEqual({ label: '50 MB', bytes: 52_428_800 });
    expect(parseSize('512').bytes).toBe(512);
    expect(() => parseSize('big')).toThrow(UsageError);
  });

  it('refuses what it cannot do, with a usage error', () => {
    expect(() => parseBenchArgs([])).toThrow(/--corpus/);
    expect(() => parseBenchArgs(['--corpus', 'd', '--contenders', 'ours,tika'])).toThrow(/unknown contender "tika"/);
    expect(() => parseBenchArgs(['--corpus', 'd', '--passes', '0'])).toThrow(UsageError);
    expect(() => parseBenchArgs(['--corpus', 'd', '--limit', 'ten'])).toThrow(UsageError);
    expect(() => parseBenchArgs(['--scaling', '--cold-start'])).toThrow(/one mode/);
    expect(() => parseBenchArgs(['--corpus', 'd', '--bogus'])).toThrow(UsageError);
  });
});
