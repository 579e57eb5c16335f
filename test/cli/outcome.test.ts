/**
 * cleanToOutcome, the per-input step the main thread and the worker threads share: what it
 * writes for a document, for a core error, and for a document that breaks the schema under
 * --validate (the core is replaced here by one that returns a broken document, since the real
 * one never does).
 */
import { describe, expect, it, vi } from 'vitest';
import { errorRecordSchema } from '../../src/core/schema.js';

const broken = vi.hoisted(() => ({ enabled: false }));
vi.mock('../../src/core/clean.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/core/clean.js')>();
  return {
    ...actual,
    clean: (...args: Parameters<typeof actual.clean>) => {
      const document = actual.clean(...args);
      return broken.enabled ? { ...document, segments: [{ type: 'body', text: '', tag: 'p', cues: [] }] } : document;
    },
  };
});

const { cleanToOutcome, INVALID_DOCUMENT, loadDocumentCheck } = await import('../../src/cli/clean/outcome.js');
const check = await loadDocumentCheck();

const task = { bytes: Buffer.from('<p>The harbour ferry resumed service on Monday after a week of repairs.</p>'), name: 'ferry.html', contentType: null };
const options = { explain: false, validate: true, pretty: false };

describe('cleanToOutcome', () => {
  it('a document: its JSON and its segment counts', () => {
    broken.enabled = false;
    const outcome = cleanToOutcome(task, options, check);
    expect(outcome.ok).toBe(true);
    if (outcome.ok) {
      expect(outcome.segments).toEqual({ body: 1, caption: 0, ad: 0, legal: 0 });
      expect(JSON.parse(outcome.json).bodyText).toBe('The harbour ferry resumed service on Monday after a week of repairs.');
    }
  });

  it('a core error: an error record with the code, message, name and size', () => {
    broken.enabled = false;
    const outcome = cleanToOutcome({ ...task, bytes: Buffer.alloc(0) }, options, check);
    expect(outcome).toMatchObject({ ok: false, code: 'EMPTY_INPUT' });
    expect(errorRecordSchema.parse(JSON.parse(outcome.json)).source).toEqual({ name: 'ferry.html', bytes: 0 });
  });

  it('with validate, a document that breaks the schema becomes an INVALID_DOCUMENT error record naming the problem', () => {
    broken.enabled = true;
    const outcome = cleanToOutcome(task, options, check);
    expect(outcome).toMatchObject({ ok: false, code: INVALID_DOCUMENT });
    if (!outcome.ok) expect(outcome.message).toMatch(/does not match the schema.*segments/s);
    expect(errorRecordSchema.safeParse(JSON.parse(outcome.json)).success).toBe(true);
  });

  it('with validate but no schema check loaded, it fails loudly rather than skip the check', () => {
    broken.enabled = true;
    const outcome = cleanToOutcome(task, options);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.message).toMatch(/needs the schema check/);
  });

  it('without validate, the document is written as the core made it', () => {
    broken.enabled = true;
    expect(cleanToOutcome(task, { ...options, validate: false }).ok).toBe(true);
  });
});
