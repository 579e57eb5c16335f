/** Which ancestors the local pipeline watches (src/local/parent-watch.ts): up through the `sh -c` wrappers to what started them. */
import { describe, expect, it } from 'vitest';
import { ancestryToWatch } from '../../src/local/parent-watch.js';

const TABLE: Record<number, { ppid: number; command: string; args: string[] }> = {
  20: { ppid: 10, command: 'sh', args: ['sh', '-c', 'node --import tsx bin/local-pipeline.ts --watch'] },
  10: { ppid: 5, command: 'npm run dev', args: ['npm', 'run', 'dev'] },
  5: { ppid: 1, command: 'bash', args: ['-bash'] },
  40: { ppid: 30, command: 'bash', args: ['bash'] },
  60: { ppid: 50, command: 'sh', args: ['sh', '-c', 'npm run dev'] },
  50: { ppid: 1, command: 'sh', args: ['sh', '-c', 'exec x'] },
};
const read = (pid: number) => TABLE[pid] ?? null;

describe('ancestryToWatch', () => {
  it('npm run dev (npm → sh -c → node): the shell and npm', () => {
    expect(ancestryToWatch(30, 20, read)).toEqual([
      [30, 20],
      [20, 10],
    ]);
  });

  it('started from an interactive shell: only the parent', () => {
    expect(ancestryToWatch(41, 40, read)).toEqual([[41, 40]]);
  });

  it('stops at init, and where /proc cannot be read (other systems: process.ppid alone)', () => {
    expect(ancestryToWatch(61, 60, read)).toEqual([
      [61, 60],
      [60, 50],
    ]);
    expect(ancestryToWatch(71, 70, () => null)).toEqual([[71, 70]]);
  });
});
