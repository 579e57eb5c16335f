/**
 * The README test's reading of Markdown (scripts/readme-commands.ts): which lines are commands,
 * how markers and needs are read, and that the README itself parses with every block it marks.
 * Running the commands is `npm run test:readme` (CI), far too slow for this suite.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractCommands, ReadmeFormatError } from '../../scripts/readme-commands.js';

const md = (...lines: string[]): string => lines.join('\n');

describe('extractCommands', () => {
  it('takes sh, bash and shell blocks, one command per line, without comments and blank lines', () => {
    const commands = extractCommands(
      md('Intro', '```sh', 'npm ci   # install', '', '# a comment', 'npm test', '```', '```json', '{"a": 1}', '```', '```bash', 'echo hi', '```', '```text', 'output', '```'),
    );
    expect(commands.map((c) => [c.text, c.line, c.block, c.mode.kind])).toEqual([
      ['npm ci   # install', 3, 0, 'run'],
      ['npm test', 6, 0, 'run'],
      ['echo hi', 12, 1, 'run'],
    ]);
  });

  it('joins continuation lines and keeps the blocks of list items (indented fences)', () => {
    const commands = extractCommands(md('- item:', '', '  ```sh', '  aws sqs start \\', '    --source-arn x', '  ```'));
    expect(commands).toHaveLength(1);
    expect(commands[0]!.text).toBe('aws sqs start \\\n  --source-arn x');
    expect(commands[0]!.line).toBe(4);
  });

  it('reads the marker on the nearest line above the fence', () => {
    const commands = extractCommands(
      md('<!-- readme-test: aws -->', '', '```sh', 'npx cdk deploy', '```', '<!-- readme-test: background until="Watching s3://" -->', '```sh', 'npm run dev', '```', '```sh', 'ls', '```'),
    );
    expect(commands.map((c) => c.mode)).toEqual([{ kind: 'aws' }, { kind: 'background', until: 'Watching s3://' }, { kind: 'run' }]);
  });

  it('notes commands that read ../shared and the optional tools they call', () => {
    const [eval_, pipe, env, plain] = extractCommands(
      md('```sh', 'npm run eval -- --corpus ../shared/corpus', 'aws s3 cp x - | jq .title', 'AWS_REGION=x aws s3 ls', 'echo awsome jq-less', '```'),
    );
    expect([eval_!.needsShared, eval_!.tools]).toEqual([true, []]);
    expect(pipe!.tools).toEqual(['aws', 'jq']);
    expect(env!.tools).toEqual(['aws']);
    expect([plain!.needsShared, plain!.tools]).toEqual([false, []]);
  });

  it('refuses unknown markers, markers on blocks that are not run, unclosed blocks and busy background blocks', () => {
    expect(() => extractCommands(md('<!-- readme-test: maybe -->', '```sh', 'ls', '```'))).toThrow(ReadmeFormatError);
    expect(() => extractCommands(md('<!-- readme-test: aws -->', '```json', '{}', '```'))).toThrow(/not run/);
    expect(() => extractCommands(md('```sh', 'ls'))).toThrow(/never closed/);
    expect(() => extractCommands(md('<!-- readme-test: background until="x" -->', '```sh', 'a', 'b', '```'))).toThrow(/exactly one/);
  });

  it('reads the README: every command needing AWS is marked, and the local ones are run', () => {
    const commands = extractCommands(readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8'));
    const run = commands.filter((c) => c.mode.kind !== 'aws');
    expect(run.length).toBeGreaterThan(10);
    // What reaches a real account (cdk deploy/bootstrap/destroy/diff, aws without a local endpoint) is marked.
    for (const command of run) {
      expect(command.text, `README.md:${command.line}`).not.toMatch(/cdk (deploy|bootstrap|destroy|diff)\b/);
      if (command.tools.includes('aws')) expect(command.text, `README.md:${command.line}`).toMatch(/--endpoint-url http:\/\/127\.0\.0\.1/);
    }
    expect(run.some((c) => c.text.startsWith('npm test'))).toBe(true);
  });
});
