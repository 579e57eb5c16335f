/**
 * scripts/train-text.ts: settings with a blend (a second body model, measured by --cv only) are refused when the line
 * model is trained or checked, since the line model stores the body model alone. Refused before any corpus is read.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { trainTextModel } from '../../scripts/train-text.js';

describe('npm run train:text with a blend in the settings', () => {
  const dir = mkdtempSync(join(tmpdir(), 'train-text-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const committed = JSON.parse(readFileSync('eval/text-training.json', 'utf8')) as { body: Record<string, unknown> };
  const settings = join(dir, 'settings.json');
  writeFileSync(settings, JSON.stringify({ ...committed, blend: { note: 'shallow', weight: 0.7, body: { ...committed.body, maxDepth: 2, rounds: 400 } } }));

  it('refuses to train or check the line model (the blend is measured by --cv only)', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const model = join(dir, 'line-model.json');
    for (const check of [false, true]) {
      expect(trainTextModel({ corpus: join(dir, 'no-corpus'), check, cv: false, settings, model })).toBe(1);
    }
    expect(error.mock.calls.flat().join('\n')).toMatch(/blend is measured by --cv only/);
    error.mockRestore();
  });
});
