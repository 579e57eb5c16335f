/** Without credentials, the app says what `cdk diff|deploy|destroy` need (issue 16), and only then. */
import { describe, expect, it } from 'vitest';
import { missingCredentialsHint } from '../../lib/stage.js';

describe('missingCredentialsHint', () => {
  it('names the remedies when the CDK runs the app without an account', () => {
    const hint = missingCredentialsHint({ CDK_OUTDIR: '/tmp/cdk.out' });
    expect(hint).toMatch(/no AWS credentials/);
    expect(hint).toMatch(/`cdk synth` works without one/);
    expect(hint).toMatch(/aws configure/);
    expect(hint).toMatch(/aws sso login --profile <name>/);
  });

  it('is silent when the CDK found an account, and outside the CDK CLI', () => {
    expect(missingCredentialsHint({ CDK_OUTDIR: '/tmp/cdk.out', CDK_DEFAULT_ACCOUNT: '123456789012' })).toBeNull();
    expect(missingCredentialsHint({})).toBeNull();
  });
});
