import { defineConfig } from 'vitest/config';

/**
 * Three lanes (vitest projects); `npm test` runs all of them, `npm run test:unit` only the first.
 * A new test falls in a lane by its folder:
 * - unit: the pure code, in process (core, properties, functions with aws-sdk-client-mock, eval,
 *   learn, render, bench, backfill, cli, inspect): the lane to run while changing the core.
 * - integration: real servers and processes: test/local/** (the local S3 server and pipeline),
 *   plus the files of the unit folders below that start a server or spawn processes.
 * - heavy: CDK synthesis (test/infra), hostile inputs and faults (test/adversarial, test/faults),
 *   the README in a fresh clone (test/readme) and headless Chromium (test/inspect/browser).
 */
const INTEGRATION = [
  'test/local/**/*.test.ts',
  'test/backfill/reprocess.test.ts', // the local S3 server
  'test/cli/process.test.ts', // the CLI as a child process
  'test/cli/startup.test.ts', // the CLI as a child process
  'test/bench/runner.test.ts', // benchmark child processes
];
const HEAVY = ['test/infra/**/*.test.ts', 'test/adversarial/**/*.test.ts', 'test/faults/**/*.test.ts', 'test/readme/**/*.test.ts', 'test/inspect/browser.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: [...INTEGRATION, ...HEAVY] } },
      { extends: true, test: { name: 'integration', include: INTEGRATION } },
      { extends: true, test: { name: 'heavy', include: HEAVY } },
    ],
  },
});
