import { defineConfig } from 'vitest/config';

/**
 * Three lanes (vitest projects); `npm test` runs all of them, `npm run test:unit` only the first.
 * A new test falls in a lane by its folder:
 * - unit: the pure code, in process (core, properties, functions with aws-sdk-client-mock, eval,
 *   learn, render, bench, backfill, cli, inspect): the lane to run while changing the core.
 *   Its files share one module graph per worker (`isolate: false`): importing the core (cheerio,
 *   chrono, the models, the AWS SDK) once per worker instead of once per file is most of what
 *   makes the lane fast. So a unit test must leave no state behind: restore what it stubs
 *   (vi.unstubAllEnvs, mockRestore, mock.restore for a mocked client class). A file that replaces
 *   or reloads modules (vi.mock, vi.resetModules) would see, or leave, the other files' copies:
 *   it goes in UNIT_ISOLATED, the part of the lane that gets a fresh module graph per file
 *   (test/lanes.test.ts holds the lane to this).
 * - integration: real servers and processes: test/local/** (the local S3 server and pipeline),
 *   plus the files of the unit folders below that start a server or spawn processes.
 * - heavy: CDK synthesis (test/infra), hostile inputs and faults (test/adversarial, test/faults),
 *   the README in a fresh clone (test/readme) and headless Chromium (test/inspect/browser).
 */
export const INTEGRATION = [
  'test/local/**/*.test.ts',
  'test/backfill/reprocess.test.ts', // the local S3 server
  'test/cli/process.test.ts', // the CLI as a child process
  'test/cli/startup.test.ts', // the CLI as a child process
  'test/cli/clean-workers.test.ts', // worker threads, each loading the core
  'test/bench/children.test.ts', // benchmark child processes
  'test/scripts/train.test.ts', // the trainer as a child process
];
export const UNIT_ISOLATED = [
  'test/cli/outcome.test.ts', // vi.mock of the core's clean()
  'test/functions/internal-error.test.ts', // vi.mock of the core's clean()
  'test/functions/lambda-entry.test.ts', // vi.resetModules: functions/clean.ts reads the environment on import
];
export const HEAVY = ['test/infra/**/*.test.ts', 'test/adversarial/**/*.test.ts', 'test/faults/**/*.test.ts', 'test/readme/**/*.test.ts', 'test/inspect/browser.test.ts'];

/**
 * The unit lane runs on every core: its tests only compute, and vitest's default of one worker
 * less than the cores is one worker on a 2-core machine. (Worker threads instead of the default
 * child processes measured the same here.)
 */
const UNIT_POOL = { maxWorkers: '100%', sequence: { groupOrder: 0 } } as const;

/**
 * V8's regexp tier-up (a regexp runs on the bytecode interpreter first, then compiled) is off in
 * the test workers. On Node.js 20 (V8 11.3) a unit-lane worker died of SIGSEGV in some runs from a
 * fresh clone: in the two core dumps taken (gdb), V8 ran a regexp's code as native while its code
 * was still the interpreter's trampoline, inside `String.prototype.match` of language.ts's global
 * `/\p{L}/gu` (its data array: bytecode for one-byte subjects, the trampoline as their code).
 * With `--no-regexp-tier-up` regexps are compiled on first use and never hold the trampoline. Fresh
 * full runs of that tree: without the flag 5 crashed of 14 (3 of 4, then 2 of 10 on a less loaded
 * machine), with it 0 of 9. The counts alone are thin; the dumps are the evidence (README, Development).
 */
const WORKER_EXEC_ARGV = ['--no-regexp-tier-up'];

export default defineConfig({
  test: {
    execArgv: WORKER_EXEC_ARGV,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: [...UNIT_ISOLATED, ...INTEGRATION, ...HEAVY], ...UNIT_POOL, isolate: false } },
      { extends: true, test: { name: 'unit-isolated', include: UNIT_ISOLATED, ...UNIT_POOL } },
      // After the unit lane (groupOrder), with vitest's default of one worker less than the cores:
      // these start servers and processes of their own.
      { extends: true, test: { name: 'integration', include: INTEGRATION, sequence: { groupOrder: 1 } } },
      { extends: true, test: { name: 'heavy', include: HEAVY, sequence: { groupOrder: 1 } } },
    ],
  },
});
