/**
 * `npm run test:readme`: runs every shell command of the README's code blocks, in order, in a
 * fresh clone of this repository's HEAD, the way a new user meets them, so the README cannot
 * drift from what works. CI runs it (.ci/run).
 *
 *   npm run test:readme [-- --keep] [--verbose] [--timeout-minutes N]
 *
 * - The clone is made in a temporary directory from the committed HEAD (uncommitted changes are
 *   not in it: the script says so), with `../shared` beside it as a link when the development
 *   corpus is beside this repository. Nothing from this checkout (node_modules, dist/) is reused.
 * - Commands run one after another as in one shell session: each starts where the previous one
 *   left off (directory, variables, exports). The environment is this one without AWS
 *   credentials and without npm's own variables, as a fresh terminal's would be; npm's global
 *   folder is a directory of the clone's (on PATH), so `npm link` neither needs root nor
 *   leaves anything behind on the machine.
 * - Which commands are skipped, and why: see ./readme-commands.ts (blocks marked as needing AWS,
 *   commands that read ../shared without it beside the clone, optional tools not installed).
 *
 * Exit status: 0 when every command that ran passed, 1 otherwise.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { extractCommands, type ReadmeCommand } from './readme-commands.js';
import { commandLine } from './command-line.js';

const DEFAULTS = {
  /** Longest a command may run: `npm test` takes 2-5 minutes on a 2-core machine, much more when it is shared. */
  commandTimeoutMinutes: 30,
  /** Longest a background command may take to print its ready text (`npm run dev` starts in a few seconds). */
  backgroundReadySeconds: 180,
  /** Lines of a failed command's output printed. */
  failureTailLines: 60,
} as const;

const { values: flags } = commandLine('usage: npm run test:readme [-- --keep] [--verbose] [--timeout-minutes N]', {
  options: {
    keep: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
    'timeout-minutes': { type: 'string', default: String(DEFAULTS.commandTimeoutMinutes) },
  },
});
const commandTimeoutMs = Number(flags['timeout-minutes']) * 60_000;

const repoRoot = resolve(import.meta.dirname, '..');
const git = (...args: string[]): string => {
  const result = spawnSync('git', args, { cwd: repoRoot, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  return result.stdout.trim();
};

const head = git('rev-parse', 'HEAD');
if (git('status', '--porcelain') !== '') console.log('readme-test: this checkout has uncommitted changes; the fresh clone has only the commit below.');
const work = await mkdtemp(join(tmpdir(), 'scrape-clean-readme-'));
const clone = join(work, 'scrape-clean');
const sharedHere = resolve(repoRoot, '..', 'shared');
const sharedThere = existsSync(join(sharedHere, 'corpus'));
git('clone', '--quiet', '--no-checkout', repoRoot, clone);
spawnSync('git', ['checkout', '--quiet', '--detach', head], { cwd: clone, stdio: 'inherit' });
if (sharedThere) await symlink(sharedHere, join(work, 'shared'));
console.log(`readme-test: ${head.slice(0, 12)} cloned into ${clone}${sharedThere ? ', ../shared beside it' : ', no ../shared beside it'}`);

// A fresh terminal's environment: no AWS credentials, no npm script variables; npm's global folder in the work directory.
const npmPrefix = join(work, 'npm-global');
const env: NodeJS.ProcessEnv = {};
for (const [key, value] of Object.entries(process.env)) {
  if (/^(npm_|AWS_(ACCESS_KEY_ID|SECRET_ACCESS_KEY|SESSION_TOKEN|PROFILE|DEFAULT_PROFILE)$)/i.test(key) || key === 'INIT_CWD') continue;
  env[key] = value;
}
env.NPM_CONFIG_PREFIX = npmPrefix;
env.PATH = `${join(npmPrefix, 'bin')}:${env.PATH ?? ''}`;
env.CDK_DISABLE_CLI_TELEMETRY = 'true';

// The session's state between commands: its exported variables and its directory.
const stateFile = join(work, 'session.env');
const cwdFile = join(work, 'session.cwd');
const shellScript = (command: string): string =>
  [
    'set -a', // every assignment is exported, so the next command sees it as the same shell would
    `[ -f '${stateFile}' ] && . '${stateFile}' 2>/dev/null`,
    `cd "$(cat '${cwdFile}' 2>/dev/null || echo '${clone}')"`,
    'set -o pipefail',
    command,
    '__readme_status=$?',
    `export -p | grep -v -E '^declare -x (BASH[A-Z_]*|SHLVL|PWD|OLDPWD|_)=' > '${stateFile}'`,
    `pwd > '${cwdFile}'`,
    'exit $__readme_status',
  ].join('\n');

const hasTool = (tool: string): boolean => spawnSync('bash', ['-c', `command -v ${tool}`], { env }).status === 0;

interface Outcome {
  readonly command: ReadmeCommand;
  readonly status: 'passed' | 'failed' | 'skipped';
  readonly reason?: string;
  readonly seconds?: number;
}

function skipReason(command: ReadmeCommand): string | null {
  if (command.mode.kind === 'aws') return 'needs an AWS account';
  if (command.needsShared && !sharedThere) return 'needs ../shared/corpus (the development corpus), not beside this clone';
  const missing = command.tools.filter((tool) => !hasTool(tool));
  if (missing.length > 0) return `needs ${missing.join(', ')}, not installed here`;
  return null;
}

const oneLine = (text: string): string => text.replace(/\\\n\s*/g, ' ');

function tail(output: string): string {
  return output.trimEnd().split('\n').slice(-DEFAULTS.failureTailLines).map((line) => `    | ${line}`).join('\n');
}

function run(command: ReadmeCommand): Promise<{ code: number | null; output: string; seconds: number }> {
  const started = performance.now();
  return new Promise((done) => {
    const child = spawn('bash', ['-c', shellScript(command.text)], { cwd: clone, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (chunk: Buffer): void => {
      output += chunk.toString();
      if (flags.verbose) process.stdout.write(chunk);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const timer = setTimeout(() => {
      output += `\n[readme-test: stopped after ${commandTimeoutMs / 60_000} minutes]`;
      void stopGroup(child);
    }, commandTimeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, output, seconds: (performance.now() - started) / 1000 });
    });
  });
}

const background: ChildProcess[] = [];

/** Starts a background command and resolves once its output shows the ready text (or rejects with its output). */
function startBackground(command: ReadmeCommand, until: string): Promise<{ seconds: number }> {
  const started = performance.now();
  return new Promise((ready, fail) => {
    const child = spawn('bash', ['-c', shellScript(command.text)], { cwd: clone, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    background.push(child);
    let output = '';
    let settled = false;
    const settle = (error: string | null): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) fail(new Error(`${error}\n${tail(output)}`));
      else ready({ seconds: (performance.now() - started) / 1000 });
    };
    const collect = (chunk: Buffer): void => {
      output += chunk.toString();
      if (flags.verbose) process.stdout.write(chunk);
      if (output.includes(until)) settle(null);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('close', (code) => settle(`exited with ${code} before printing "${until}"`));
    const timer = setTimeout(() => settle(`did not print "${until}" within ${DEFAULTS.backgroundReadySeconds} s`), DEFAULTS.backgroundReadySeconds * 1000);
  });
}

/** Stops a command and everything it started (its own process group). */
function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return Promise.resolve();
  return new Promise((stopped) => {
    const kill = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    }, 10_000);
    child.once('close', () => {
      clearTimeout(kill);
      stopped();
    });
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      clearTimeout(kill);
      stopped();
    }
  });
}

const commands = extractCommands(await readFile(join(clone, 'README.md'), 'utf8'));
const outcomes: Outcome[] = [];
try {
  for (const command of commands) {
    const where = `README.md:${command.line}`;
    const reason = skipReason(command);
    if (reason) {
      outcomes.push({ command, status: 'skipped', reason });
      console.log(`- ${where}  ${oneLine(command.text)}  (skipped: ${reason})`);
      continue;
    }
    if (command.mode.kind === 'background') {
      try {
        const { seconds } = await startBackground(command, command.mode.until);
        outcomes.push({ command, status: 'passed', seconds });
        console.log(`✓ ${where}  ${oneLine(command.text)}  (in the background, ready in ${seconds.toFixed(1)} s)`);
      } catch (error) {
        outcomes.push({ command, status: 'failed', reason: (error as Error).message });
        console.log(`✗ ${where}  ${oneLine(command.text)}  (background: ${(error as Error).message})`);
      }
      continue;
    }
    const { code, output, seconds } = await run(command);
    if (code === 0) {
      outcomes.push({ command, status: 'passed', seconds });
      console.log(`✓ ${where}  ${oneLine(command.text)}  (${seconds.toFixed(1)} s)`);
    } else {
      outcomes.push({ command, status: 'failed', reason: `exit status ${code}`, seconds });
      console.log(`✗ ${where}  ${oneLine(command.text)}  (exit status ${code}, ${seconds.toFixed(1)} s)\n${tail(output)}`);
    }
  }
} finally {
  await Promise.all(background.map(stopGroup));
  if (flags.keep) console.log(`readme-test: kept ${work}`);
  else await rm(work, { recursive: true, force: true });
}

const count = (status: Outcome['status']): number => outcomes.filter((o) => o.status === status).length;
const reasons = new Map<string, number>();
for (const outcome of outcomes) if (outcome.status === 'skipped') reasons.set(outcome.reason!, (reasons.get(outcome.reason!) ?? 0) + 1);
const skipped = [...reasons].map(([reason, n]) => `${reason}: ${n}`).join('; ');
console.log(
  `README commands: ${commands.length} found, ${count('passed') + count('failed')} run, ${count('passed')} passed, ${count('failed')} failed, ` +
    `${count('skipped')} skipped${skipped ? ` (${skipped})` : ''}`,
);
process.exitCode = count('failed') > 0 ? 1 : 0;
