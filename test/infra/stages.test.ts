/**
 * Per-person stages: two people deploy side by side into one account, and only `prod` keeps
 * its data when its stack is destroyed.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { removeSynthOutputs, synth, type CfnTemplate, type Synthesized } from './synth.js';

afterAll(removeSynthOutputs);

/**
 * Properties that are physical names unique per account and region (or globally, for buckets).
 * When a resource does not set them, CloudFormation generates one from the stack name.
 */
const PHYSICAL_NAME_PROPERTIES: Record<string, string> = {
  'AWS::S3::Bucket': 'BucketName',
  'AWS::SQS::Queue': 'QueueName',
  'AWS::SNS::Topic': 'TopicName',
  'AWS::Lambda::Function': 'FunctionName',
  'AWS::Logs::LogGroup': 'LogGroupName',
  'AWS::IAM::Role': 'RoleName',
  'AWS::IAM::ManagedPolicy': 'ManagedPolicyName',
  'AWS::CloudWatch::Alarm': 'AlarmName',
  'AWS::KMS::Alias': 'AliasName',
};

function physicalNames(json: CfnTemplate): { generated: string[]; explicit: string[] } {
  const generated: string[] = [];
  const explicit: string[] = [];
  for (const [id, resource] of Object.entries(json.Resources)) {
    const property = PHYSICAL_NAME_PROPERTIES[resource.Type];
    if (!property) continue;
    const value = resource.Properties?.[property];
    if (value === undefined) generated.push(id);
    else explicit.push(JSON.stringify(value));
  }
  return { generated, explicit };
}

describe('two stages in one account', () => {
  let alice: Synthesized;
  let bob: Synthesized;
  beforeAll(() => {
    alice = synth({ stage: 'alice', kms: 'true' });
    bob = synth({ stage: 'bob', kms: 'true' });
  });

  test('have two stack names', () => {
    expect(alice.stack.stackName).toBe('ScrapeClean-alice');
    expect(bob.stack.stackName).toBe('ScrapeClean-bob');
    expect(alice.stack.artifactId).not.toBe(bob.stack.artifactId);
  });

  test('share no physical name: every name the stack sets contains the stage', () => {
    const a = physicalNames(alice.json);
    const b = physicalNames(bob.json);
    expect(a.explicit.length).toBeGreaterThan(0);
    for (const name of a.explicit) expect(name).toContain('alice');
    for (const name of b.explicit) expect(name).toContain('bob');
    expect(a.explicit.filter((name) => b.explicit.includes(name))).toEqual([]);
  });

  test('buckets, queues, topic, log group, roles and CDK helper functions get names CloudFormation derives from the stack name', () => {
    for (const s of [alice, bob]) {
      const generated = physicalNames(s.json).generated;
      expect(new Set(generated.map((id) => s.json.Resources[id]!.Type))).toEqual(
        new Set([
          'AWS::S3::Bucket',
          'AWS::SQS::Queue',
          'AWS::SNS::Topic',
          'AWS::Logs::LogGroup',
          'AWS::IAM::Role',
          'AWS::Lambda::Function',
        ]),
      );
      // The only functions with generated names are aws-cdk-lib's deploy-time helpers.
      const functions = generated.filter((id) => s.json.Resources[id]!.Type === 'AWS::Lambda::Function');
      expect(functions).not.toContain(s.logicalId(s.stack.cleanFunction));
    }
  });

  test('the default stage is the user name, so two users get two stacks without passing anything', () => {
    const carol = synth({}, { env: { USER: 'carol' } });
    const dave = synth({}, { env: { USER: 'Dave.Jones' } });
    expect(carol.stack.stackName).toBe('ScrapeClean-carol');
    expect(dave.stack.stackName).toBe('ScrapeClean-dave-jones');
  });
});

describe('removal on cdk destroy', () => {
  let dev: Synthesized;
  let prod: Synthesized;
  beforeAll(() => {
    dev = synth({ stage: 'alice', kms: 'true' });
    prod = synth({ stage: 'prod', kms: 'true' });
  });

  /** The resources that hold data: objects, the key that decrypts them, messages, logs. */
  const DATA_TYPES = ['AWS::S3::Bucket', 'AWS::KMS::Key', 'AWS::SQS::Queue', 'AWS::Logs::LogGroup'];

  const policies = (s: Synthesized) =>
    Object.entries(s.json.Resources)
      .filter(([, resource]) => DATA_TYPES.includes(resource.Type))
      .map(([id, resource]) => ({ id, type: resource.Type, deletion: resource.DeletionPolicy, replace: resource.UpdateReplacePolicy }));

  test('a personal stage deletes buckets (with their objects), key, queues and logs', () => {
    const found = policies(dev);
    expect(new Set(found.map((entry) => entry.type))).toEqual(new Set(DATA_TYPES));
    for (const entry of found) expect(entry).toMatchObject({ deletion: 'Delete', replace: 'Delete' });
    const autoDeleted = Object.values(dev.json.Resources)
      .filter((resource) => resource.Type === 'Custom::S3AutoDeleteObjects')
      .map((resource) => resource.Properties!.BucketName.Ref)
      .sort();
    expect(autoDeleted).toEqual(
      [dev.stack.rawBucket, dev.stack.cleanBucket, dev.stack.accessLogsBucket].map((b) => dev.logicalId(b)).sort(),
    );
  });

  test('prod retains every one of them, and empties no bucket', () => {
    const found = policies(prod);
    expect(found.map((entry) => entry.id).sort()).toEqual(policies(dev).map((entry) => entry.id).sort());
    for (const entry of found) expect(entry).toMatchObject({ deletion: 'Retain', replace: 'Retain' });
    expect(Object.values(prod.json.Resources).filter((r) => r.Type === 'Custom::S3AutoDeleteObjects')).toEqual([]);
  });
});
