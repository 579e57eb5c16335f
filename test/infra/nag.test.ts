/**
 * cdk-nag's AwsSolutions rules: zero unacknowledged findings, every acknowledgement needed and
 * explained, a finding fails the synth; and the real synth path (bundling with the local esbuild,
 * no Docker, no AWS credentials) completes.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { afterAll, describe, expect, test } from 'vitest';
import { FUNCTION_HANDLER, FUNCTION_RUNTIME, functionCode } from '../../lib/constructs/clean-function.js';
import { PROJECT_ROOT } from '../../lib/scrape-clean-stack.js';
import { removeSynthOutputs, synth } from './synth.js';

afterAll(removeSynthOutputs);

interface Finding {
  readonly rule: string;
  readonly path: string;
}

function findings(app: App, options: { ignoreAcknowledgements?: boolean } = {}): Finding[] {
  const checks = new AwsSolutionsChecks();
  if (options.ignoreAcknowledgements) {
    // Test-only: what the rules find before acknowledgements are applied.
    (checks as unknown as { isAcknowledged: () => boolean }).isAcknowledged = () => false;
  }
  const report = checks.validateScope(app);
  return report.violations.flatMap((violation) =>
    violation.violatingResources.map((resource) => ({ rule: violation.ruleName, path: resource.constructPath! })),
  );
}

interface Acknowledgement {
  readonly rule: string;
  readonly path: string;
  readonly reason: string;
}

function acknowledgements(root: IConstruct): Acknowledgement[] {
  return root.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({
          rule: id.replace(/^annotation::/i, ''),
          path: construct.node.path,
          reason,
        })),
      ),
  );
}

const variants: [string, Record<string, unknown>][] = [
  ['a personal stage', { stage: 'alice' }],
  ['KMS, e-mail and key filters', { stage: 'alice', kms: 'true', alarmEmail: 'oncall@example.com', prefix: 'in/', suffix: '.html,.txt' }],
  ['prod', { stage: 'prod', kms: 'true' }],
  ['the backfill', { stage: 'alice', backfill: 'true' }],
  ['the backfill with an inventory, KMS and a prefix', { stage: 'prod', backfill: 'true', backfillInventory: 'weekly', kms: 'true', prefix: 'in/' }],
];

describe.each(variants)('AwsSolutions on %s', (_name, context) => {
  const { app } = synth(context);

  test('zero unacknowledged findings', () => {
    expect(findings(app)).toEqual([]);
  });

  test('every acknowledgement answers a finding the rules really make, with a reason', () => {
    const raw = findings(app, { ignoreAcknowledgements: true });
    const acks = acknowledgements(app);
    expect(acks.length).toBeGreaterThan(0);
    for (const ack of acks) {
      const answered = raw.filter((finding) => finding.rule === ack.rule && finding.path.startsWith(`${ack.path}/`));
      expect(answered, `${ack.rule} on ${ack.path} acknowledges nothing`).not.toEqual([]);
      expect(ack.reason.length, `reason of ${ack.rule}`).toBeGreaterThanOrEqual(100);
    }
    // And the acknowledgements account for every raw finding.
    for (const finding of raw) {
      expect(
        acks.some((ack) => ack.rule === finding.rule && finding.path.startsWith(`${ack.path}/`)),
        `${finding.rule} on ${finding.path}`,
      ).toBe(true);
    }
  });
});

describe('the synth', () => {
  test('fails on a finding nobody acknowledged', () => {
    const { app, stack } = synth({ stage: 'alice' });
    new Queue(stack, 'UnencryptedQueueWithoutDeadLetterQueue', { enforceSSL: false });
    expect(() => app.synth({ force: true })).toThrow(/AwsSolutions-SQS3/);
  });

  test('fails when a function cannot be bundled, rather than turning to Docker', () => {
    const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'scrape-clean-infra-')), context: { 'aws:cdk:bundling-stacks': ['**'] } });
    const stack = new Stack(app, 'Broken');
    const saved = process.env.CDK_DOCKER;
    process.env.CDK_DOCKER = '/nonexistent/docker';
    try {
      expect(() => new NodejsFunction(stack, 'Function', { code: functionCode(join(PROJECT_ROOT, 'functions/no-such-handler.ts'), PROJECT_ROOT), handler: FUNCTION_HANDLER, runtime: FUNCTION_RUNTIME })).toThrow(
        /scripts\/bundle-function\.ts functions\/no-such-handler\.ts failed \(exit code 1\)/,
      );
    } finally {
      if (saved === undefined) delete process.env.CDK_DOCKER;
      else process.env.CDK_DOCKER = saved;
      rmSync(app.outdir, { recursive: true, force: true });
    }
  });

  test('runs for real offline: the handler is bundled by the local esbuild, no Docker, no AWS credentials', () => {
    const saved = { ...process.env };
    for (const variable of Object.keys(process.env)) {
      if (/^AWS_|^CDK_DOCKER$|^DOCKER_/.test(variable)) delete process.env[variable];
    }
    // No Docker either: bundling that tried to run it would fail here.
    process.env.CDK_DOCKER = '/nonexistent/docker';
    let synthesized: ReturnType<typeof synth>;
    let assembly: ReturnType<App['synth']>;
    try {
      synthesized = synth({ stage: 'alice' }, { bundling: true });
      assembly = synthesized.app.synth();
    } finally {
      for (const variable of Object.keys(process.env)) if (!(variable in saved)) delete process.env[variable];
      Object.assign(process.env, saved);
    }
    const { app, stack, json, logicalId } = synthesized;
    expect(assembly.getStackByName(stack.stackName).template).toEqual(json);

    const code = json.Resources[logicalId(stack.cleanFunction)]!.Properties!.Code as { S3Key: string };
    const assetDir = join(assembly.directory, `asset.${code.S3Key.replace(/\.zip$/, '')}`);
    const bundle = readFileSync(join(assetDir, 'index.mjs'), 'utf8');
    // (Facts about the bundle are computed first: a failure must not print 800 kB of code.)
    const facts = {
      sourceMap: existsSync(join(assetDir, 'index.mjs.map')),
      // ESM output with the require() shim for CommonJS dependencies.
      requireShim: bundle.startsWith('import { createRequire as __scrapeCleanCreateRequire }'),
      // Minified: thousands of characters per line, where formatted code has tens.
      minified: bundle.length / bundle.split('\n').length > 1000,
      // The AWS SDK v3 and Powertools are bundled: nothing is imported from the runtime's node_modules.
      sdkFromRuntime: /from\s*"@aws-sdk\/client-s3"/.test(bundle),
      // Under the 1 MB of issue 5.
      underOneMegabyte: Buffer.byteLength(bundle) < 1_000_000,
      powertoolsImportedAtRuntime: /from\s*"@aws-lambda-powertools\//.test(bundle),
    };
    expect(facts).toEqual({
      sourceMap: true,
      requireShim: true,
      minified: true,
      sdkFromRuntime: false,
      underOneMegabyte: true,
      powertoolsImportedAtRuntime: false,
    });
    expect(findings(app)).toEqual([]);
  });
});
