/** The acknowledgements of the template linters: each with a reason, each matching only what it names. */
import { describe, expect, it } from 'vitest';
import { CFN_LINT_ACKNOWLEDGEMENTS, CHECKOV_ACKNOWLEDGEMENTS } from '../../lib/lint-acknowledgements.js';
import { acknowledgementOf, TEMPLATE_VARIANTS } from '../../scripts/lint-templates.js';

const finding = (rule: string, resource: string) => ({
  Rule: { Id: rule },
  Level: 'Warning' as const,
  Message: '…',
  Filename: 'default.json',
  Location: { Path: ['Resources', resource, 'DependsOn', 0], Start: { LineNumber: 1 } },
});

describe('lint acknowledgements', () => {
  it('every one names a rule and says why', () => {
    for (const a of CFN_LINT_ACKNOWLEDGEMENTS) {
      expect(a.rule).toMatch(/^[EW]\d{4}$/);
      expect(a.reason.length).toBeGreaterThan(80);
    }
    for (const [id, a] of Object.entries(CHECKOV_ACKNOWLEDGEMENTS)) {
      expect(id).toMatch(/^CKV_AWS_\d+$/);
      expect(a.reason.length).toBeGreaterThan(80);
    }
  });

  it('matches a finding by its rule and the logical id of its resource, and nothing else', () => {
    expect(acknowledgementOf(finding('W3005', 'CleanFunction0582DC74'))?.rule).toBe('W3005');
    expect(acknowledgementOf(finding('W3005', 'AlarmTopicD01E77F9'))).toBeUndefined();
    expect(acknowledgementOf(finding('E3601', 'BackfillStateMachine395F6B27'))).toBeUndefined();
    expect(acknowledgementOf({ ...finding('W3005', 'x'), Location: { Path: null, Start: { LineNumber: 1 } } })).toBeUndefined();
  });

  it('the linted variants cover KMS, the backfill with and without an inventory, and the production stage', () => {
    const contexts = Object.values(TEMPLATE_VARIANTS);
    expect(contexts.some((c) => c.kms === 'true' && c.backfill === 'true' && c.backfillInventory)).toBe(true);
    expect(contexts.some((c) => c.backfill === 'true' && !c.backfillInventory)).toBe(true);
    expect(contexts.some((c) => c.stage === 'prod')).toBe(true);
    expect(contexts.some((c) => Object.keys(c).length === 0)).toBe(true);
  });
});
