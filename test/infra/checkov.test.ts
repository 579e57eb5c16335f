/**
 * The gaps a checkov run of the templates found (issue 16), each fixed or acknowledged with its
 * reason in the template (lib/lint-acknowledgements.ts), asserted on the synthesized stack:
 * CKV_AWS_158 (log groups encrypted with the stage's key under kms=true), CKV_AWS_21 (the clean
 * bucket versioned), CKV_AWS_26 (the alarm topic: the stage's key under kms=true), CKV_AWS_115
 * (reserved concurrency, on request).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CHECKOV_ACKNOWLEDGEMENTS } from '../../lib/lint-acknowledgements.js';
import { SettingsError } from '../../lib/settings.js';
import { flatten, removeSynthOutputs, resourcesOfType, synth, type CfnResource, type Synthesized } from './synth.js';

afterAll(removeSynthOutputs);

type WithMetadata = CfnResource & { Metadata?: { checkov?: { skip: Array<{ id: string; comment: string }> } } };
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- the linter misreads the intersection: tsc needs the cast
const checkovSkips = (resource: CfnResource | undefined): string[] => ((resource as WithMetadata | undefined)?.Metadata?.checkov?.skip ?? []).map((skip) => skip.id);

describe('CKV_AWS_158: with kms=true every log group is encrypted with the stage key', () => {
  let s: Synthesized;
  let key: string;
  beforeAll(() => {
    s = synth({ stage: 'alice', kms: 'true', backfill: 'true' });
    key = s.logicalId(s.stack.encryptionKey!);
  });

  test('the function, backfill and summary log groups', () => {
    const groups = resourcesOfType(s.json, 'AWS::Logs::LogGroup');
    expect(groups.length).toBe(3);
    for (const [id, group] of groups) expect(flatten(group.Properties?.KmsKeyId), id).toBe(`<${key}.Arn>`);
  });

  test("the key's policy lets CloudWatch Logs use it for this account's log groups only", () => {
    const statements = s.json.Resources[key]!.Properties!.KeyPolicy.Statement as Array<Record<string, any>>;
    const logs = statements.find((statement) => flatten(statement.Principal?.Service) === 'logs.<AWS::Region>.amazonaws.com');
    expect(logs?.Condition).toEqual({
      ArnLike: { 'kms:EncryptionContext:aws:logs:arn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':logs:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':log-group:*']] } },
    });
  });

  test('without kms the log groups keep CloudWatch Logs\' own encryption (no key to depend on)', () => {
    const plain = synth({ stage: 'alice' });
    for (const [, group] of resourcesOfType(plain.json, 'AWS::Logs::LogGroup')) expect(group.Properties?.KmsKeyId).toBeUndefined();
  });
});

describe('CKV_AWS_21: the clean bucket is versioned, its old versions expire', () => {
  test('versioning on, noncurrent versions kept 30 days, expired delete markers removed', () => {
    const s = synth({ stage: 'alice' });
    const bucket = s.json.Resources[s.logicalId(s.stack.cleanBucket)]!.Properties!;
    expect(bucket.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    const rules = bucket.LifecycleConfiguration.Rules as Array<Record<string, unknown>>;
    expect(rules).toContainEqual({ Id: 'expire-noncurrent-versions', Status: 'Enabled', NoncurrentVersionExpiration: { NoncurrentDays: 30 } });
    expect(rules).toContainEqual({ Id: 'remove-expired-delete-markers', Status: 'Enabled', ExpiredObjectDeleteMarker: true });
  });
});

describe('CKV_AWS_26: the alarm topic', () => {
  test('with kms=true, encrypted with the stage key, which CloudWatch may use to publish', () => {
    const s = synth({ stage: 'alice', kms: 'true' });
    const topic = s.json.Resources[s.logicalId(s.stack.alarmTopic)]!;
    expect(flatten(topic.Properties?.KmsMasterKeyId)).toBe(`<${s.logicalId(s.stack.encryptionKey!)}.Arn>`);
    expect(checkovSkips(topic)).toEqual([]);
  });

  test('without it, unencrypted (the AWS-managed SNS key would stop alarm notifications), with the reason in the template for checkov', () => {
    const s = synth({ stage: 'alice' });
    const topic = s.json.Resources[s.logicalId(s.stack.alarmTopic)] as WithMetadata;
    expect(topic.Properties?.KmsMasterKeyId).toBeUndefined();
    expect(topic.Metadata?.checkov?.skip).toEqual([{ id: 'CKV_AWS_26', comment: CHECKOV_ACKNOWLEDGEMENTS.CKV_AWS_26.reason }]);
  });
});

describe('CKV_AWS_115: reserved concurrency of the clean function', () => {
  const functionOf = (s: Synthesized) => s.json.Resources[s.logicalId(s.stack.cleanFunction)]!;

  test('none by default (a new account cannot reserve any), acknowledged with the reason', () => {
    const s = synth({ stage: 'alice' });
    expect(functionOf(s).Properties?.ReservedConcurrentExecutions).toBeUndefined();
    expect(checkovSkips(functionOf(s))).toEqual(['CKV_AWS_115']);
  });

  test('-c reservedConcurrency=N reserves N', () => {
    const s = synth({ stage: 'alice', reservedConcurrency: '12' });
    expect(functionOf(s).Properties?.ReservedConcurrentExecutions).toBe(12);
    expect(checkovSkips(functionOf(s))).toEqual([]);
  });

  test('it must hold the queue\'s maxConcurrency, and the backfill\'s batches beside it', () => {
    expect(() => synth({ stage: 'alice', reservedConcurrency: '4' })).toThrow(SettingsError);
    expect(() => synth({ stage: 'alice', reservedConcurrency: '5' })).not.toThrow();
    expect(() => synth({ stage: 'alice', reservedConcurrency: '8', backfill: 'true' })).toThrow(/maxConcurrency 5 \+ backfillMaxConcurrency 5 = 10/);
    expect(functionOf(synth({ stage: 'alice', reservedConcurrency: '10', backfill: 'true' })).Properties?.ReservedConcurrentExecutions).toBe(10);
    expect(() => synth({ stage: 'alice', reservedConcurrency: '901' })).toThrow(/from 1 to 900/);
  });
});
