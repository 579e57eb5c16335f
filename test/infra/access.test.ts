/**
 * Who can reach the buckets, the queues and the alarm topic through their resource policies
 * (issue 6): nobody without TLS, nobody publicly, and otherwise only this stack's roles and the
 * AWS services the pipeline needs, each held to this stack's resources and account.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  asArray,
  flatten,
  removeSynthOutputs,
  resourcesOfType,
  synth,
  type CfnTemplate,
  type PolicyStatementJson,
  type Synthesized,
} from './synth.js';

afterAll(removeSynthOutputs);

const ACCOUNT = '<AWS::AccountId>';

function policyOf(json: CfnTemplate, type: string, targetProperty: string, targetId: string): PolicyStatementJson[] {
  const found = resourcesOfType(json, type).filter(([, policy]) =>
    asArray(policy.Properties![targetProperty]).some((target) => flatten(target) === `<${targetId}>`),
  );
  expect(found, `${type} of ${targetId}`).toHaveLength(1);
  return found[0]![1].Properties!.PolicyDocument.Statement;
}

function roleArnsOf(json: CfnTemplate): string[] {
  return resourcesOfType(json, 'AWS::IAM::Role').map(([id]) => `<${id}.Arn>`);
}

const variants: [string, Record<string, unknown>][] = [
  ['a personal stage', { stage: 'alice' }],
  ['a personal stage with KMS', { stage: 'alice', kms: 'true', alarmEmail: 'oncall@example.com' }],
  ['prod', { stage: 'prod' }],
];

describe.each(variants)('%s', (_name, context) => {
  let s: Synthesized;
  beforeAll(() => {
    s = synth(context);
  });

  test('every bucket blocks public access and denies requests without TLS, on the bucket and its objects', () => {
    for (const [id, bucket] of resourcesOfType(s.json, 'AWS::S3::Bucket')) {
      expect(Object.values(bucket.Properties!.PublicAccessBlockConfiguration)).toEqual([true, true, true, true]);
      const statements = policyOf(s.json, 'AWS::S3::BucketPolicy', 'Bucket', id);
      const denyPlainHttp = statements.find((statement) => statement.Condition?.Bool?.['aws:SecureTransport'] === 'false');
      expect(denyPlainHttp).toMatchObject({ Effect: 'Deny', Action: 's3:*', Principal: { AWS: '*' } });
      expect(asArray(denyPlainHttp!.Resource).map(flatten).sort()).toEqual([`<${id}.Arn>`, `<${id}.Arn>/*`]);
    }
  });

  test('bucket policies allow only roles of this stack, and S3 log delivery from its own buckets', () => {
    const roles = roleArnsOf(s.json);
    const buckets = resourcesOfType(s.json, 'AWS::S3::Bucket').map(([id]) => `<${id}.Arn>`);
    for (const [, policy] of resourcesOfType(s.json, 'AWS::S3::BucketPolicy')) {
      for (const statement of policy.Properties!.PolicyDocument.Statement as PolicyStatementJson[]) {
        if (statement.Effect === 'Deny') continue;
        expect(statement).not.toHaveProperty('NotPrincipal');
        const principal = statement.Principal as { AWS?: unknown; Service?: string };
        if (principal.AWS !== undefined) {
          // aws-cdk-lib's auto-delete helper of a destroyable stage.
          expect(roles).toContain(flatten(principal.AWS));
        } else {
          expect(principal).toEqual({ Service: 'logging.s3.amazonaws.com' });
          expect(statement.Action).toBe('s3:PutObject');
          expect(buckets).toContain(flatten(statement.Condition!.ArnLike!['aws:SourceArn']));
          expect(flatten(statement.Condition!.StringEquals!['aws:SourceAccount'])).toBe(ACCOUNT);
        }
      }
    }
  });

  test("of the stack's principals, only the function may write to the clean bucket", () => {
    const clean = s.logicalId(s.stack.cleanBucket);
    const allowed = policyOf(s.json, 'AWS::S3::BucketPolicy', 'Bucket', clean)
      .filter((statement) => statement.Effect === 'Allow')
      .flatMap((statement) => asArray(statement.Action));
    expect(allowed.filter((action) => /^s3:(PutObject|\*)/.test(action))).toEqual([]);

    const writers = resourcesOfType(s.json, 'AWS::IAM::Policy')
      .filter(([, policy]) =>
        (policy.Properties!.PolicyDocument.Statement as PolicyStatementJson[]).some(
          (statement) =>
            asArray(statement.Action).includes('s3:PutObject') &&
            asArray(statement.Resource).some((resource) => flatten(resource).startsWith(`<${clean}.Arn>`)),
        ),
      )
      .flatMap(([, policy]) => asArray(policy.Properties!.Roles).map(flatten));
    expect(writers).toEqual([`<${s.logicalId(s.stack.cleanFunction.role!)}>`]);
  });

  test('the queue accepts messages from S3 only, for the raw bucket of this account only, over TLS only', () => {
    const queue = s.logicalId(s.stack.queue);
    const raw = s.logicalId(s.stack.rawBucket);
    const statements = policyOf(s.json, 'AWS::SQS::QueuePolicy', 'Queues', queue);
    expect(statements.filter((statement) => statement.Effect === 'Allow')).toEqual([
      {
        Sid: 'AllowNotificationsFromRawBucket',
        Effect: 'Allow',
        Principal: { Service: 's3.amazonaws.com' },
        Action: 'sqs:SendMessage',
        Resource: { 'Fn::GetAtt': [queue, 'Arn'] },
        Condition: {
          ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': [raw, 'Arn'] } },
          StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
        },
      },
    ]);
    expect(statements).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Action: 'sqs:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
  });

  test('the dead-letter queue allows no one, and denies requests without TLS', () => {
    const statements = policyOf(s.json, 'AWS::SQS::QueuePolicy', 'Queues', s.logicalId(s.stack.deadLetterQueue));
    expect(statements.filter((statement) => statement.Effect === 'Allow')).toEqual([]);
    expect(statements).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Action: 'sqs:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
  });

  test('only the three alarms of this stack may publish to the alarm topic', () => {
    const topic = s.logicalId(s.stack.alarmTopic);
    const statements = policyOf(s.json, 'AWS::SNS::TopicPolicy', 'Topics', topic);
    const alarms = [s.stack.alarms.deadLetterMessages, s.stack.alarms.functionErrors, s.stack.alarms.oldestMessageAge];
    const allows = statements.filter((statement) => statement.Effect === 'Allow');
    expect(allows).toHaveLength(1);
    expect(allows[0]).toMatchObject({ Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: 'sns:Publish' });
    expect(asArray(allows[0]!.Condition!.ArnEquals!['aws:SourceArn']).map(flatten).sort()).toEqual(
      alarms.map((alarm) => `<${s.logicalId(alarm)}.Arn>`).sort(),
    );
    expect(flatten(allows[0]!.Condition!.StringEquals!['aws:SourceAccount'])).toBe(ACCOUNT);
    expect(statements).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
  });
});
