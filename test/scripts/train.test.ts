/**
 * scripts/train.ts: a decision.blendWhereUnsure without body.blend is refused before any corpus is read (the rule names
 * the body model's last member as the blended one, and without a blend that member would be an ordinary one).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');

describe('npm run train with a blend rule and no blend', () => {
  it('names the missing body.blend and exits before reading the corpus', () => {
    const dir = mkdtempSync(join(tmpdir(), 'train-'));
    const committed = JSON.parse(readFileSync(join(ROOT, 'eval/training.json'), 'utf8')) as { body: Record<string, unknown>; decision: Record<string, unknown> };
    expect(committed.body.blend).toBeTruthy();
    expect(committed.decision.blendWhereUnsure).toBeTruthy();
    const { blend: _blend, ...body } = committed.body;
    const settings = join(dir, 'training.json');
    writeFileSync(settings, JSON.stringify({ ...committed, body }));
    const run = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/train.ts'), '--corpus', join(dir, 'no-corpus'), '--settings', settings, '--check'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/decision\.blendWhereUnsure is where body\.blend takes part/);
    expect(run.stderr).not.toMatch(/no-corpus/);
  });
});
