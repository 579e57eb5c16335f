/**
 * Who can reach the clean bucket and the queue through identities (issue 6, security), beside
 * the resource policies that access.test.ts checks: the stack's roles can be assumed by AWS
 * services only, only the clean function consumes the ingest queue, the clean bucket is touched
 * by the function (and the backfill's roles when it is on) only and never deleted from or
 * re-permissioned, nothing is invocable from outside, no policy allows a wildcard principal.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { asArray, flatten, removeSynthOutputs, resourcesOfType, synth, type PolicyStatementJson, type Synthesized } from './synth.js';

afterAll(removeSynthOutputs);

const variants: [string, Record<string, unknown>][] = [
  ['a personal stage', { stage: 'alice' }],
  ['a personal stage with KMS', { stage: 'alice', kms: 'true' }],
  ['prod', { stage: 'prod' }],
  ['a personal stage with the backfill and KMS', { stage: 'alice', backfill: 'true', kms: 'true' }],
];

/** [role, statement] for every statement of every identity policy of the template. */
function identityStatements(s: Synthesized): Array<[string, PolicyStatementJson]> {
  return resourcesOfType(s.json, 'AWS::IAM::Policy').flatMap(([, policy]) =>
    asArray(policy.Properties!.Roles).flatMap((role) => (policy.Properties!.PolicyDocument.Statement as PolicyStatementJson[]).map((statement): [string, PolicyStatementJson] => [flatten(role), statement])),
  );
}

function touches(statement: PolicyStatementJson, logicalId: string): boolean {
  return asArray(statement.Resource).some((resource) => flatten(resource).startsWith(`<${logicalId}`));
}

describe.each(variants)('%s', (_name, context) => {
  let s: Synthesized;
  beforeAll(() => {
    s = synth(context);
  });

  test('every role of the stack can be assumed by an AWS service only (Lambda, Step Functions), never by an account or a user', () => {
    const roles = resourcesOfType(s.json, 'AWS::IAM::Role');
    expect(roles.length).toBeGreaterThan(0);
    for (const [id, role] of roles) {
      for (const statement of role.Properties!.AssumeRolePolicyDocument.Statement as PolicyStatementJson[]) {
        expect(statement.Effect, id).toBe('Allow');
        expect(statement.Action, id).toBe('sts:AssumeRole');
        expect(Object.keys(statement.Principal as object), id).toEqual(['Service']);
        expect(['lambda.amazonaws.com', 'states.amazonaws.com'], id).toContain((statement.Principal as { Service: string }).Service);
      }
    }
  });

  test('of the stack\'s roles, only the clean function consumes the ingest queue, and only it sends to it (the next range of a WARC file; S3 sends by the queue policy)', () => {
    const queue = s.logicalId(s.stack.queue);
    const functionRole = `<${s.logicalId(s.stack.cleanFunction.role!)}>`;
    const onQueue = identityStatements(s).filter(([, statement]) => touches(statement, queue));
    expect(onQueue.length).toBeGreaterThan(0);
    for (const [role, statement] of onQueue) {
      expect(role).toBe(functionRole);
      expect(statement.Effect).toBe('Allow');
      for (const action of asArray(statement.Action)) {
        expect(['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage']).toContain(action);
      }
    }
  });

  test('the clean bucket is reached by the function (and the backfill\'s roles) only, which never delete from it or change its permissions', () => {
    const clean = s.logicalId(s.stack.cleanBucket);
    const functionRole = `<${s.logicalId(s.stack.cleanFunction.role!)}>`;
    const backfillRoles = context.backfill ? resourcesOfType(s.json, 'AWS::IAM::Role').map(([id]) => `<${id}>`).filter((id) => id.startsWith('<Backfill')) : [];
    const onClean = identityStatements(s).filter(([, statement]) => touches(statement, clean));
    expect(onClean.some(([role]) => role === functionRole)).toBe(true);
    for (const [role, statement] of onClean) {
      expect([functionRole, ...backfillRoles]).toContain(role);
      for (const action of asArray(statement.Action)) expect(action).not.toMatch(/^s3:(\*|Delete|PutBucket|PutObject(Version)?Acl|PutLifecycle|PutReplication)/);
    }
  });

  test('nothing is invocable from outside: no function URL, and no resource policy allows a wildcard principal', () => {
    expect(resourcesOfType(s.json, 'AWS::Lambda::Url')).toEqual([]);
    for (const [id, permission] of resourcesOfType(s.json, 'AWS::Lambda::Permission')) {
      expect(permission.Properties!.Principal, id).toMatch(/\.amazonaws\.com$/);
      expect(permission.Properties!.SourceAccount ?? permission.Properties!.SourceArn, id).toBeDefined();
    }
    const policies: Array<[string, PolicyStatementJson[]]> = [
      ...resourcesOfType(s.json, 'AWS::S3::BucketPolicy'),
      ...resourcesOfType(s.json, 'AWS::SQS::QueuePolicy'),
      ...resourcesOfType(s.json, 'AWS::SNS::TopicPolicy'),
    ].map(([id, policy]) => [id, policy.Properties!.PolicyDocument.Statement]);
    for (const [id, key] of resourcesOfType(s.json, 'AWS::KMS::Key')) policies.push([id, key.Properties!.KeyPolicy.Statement]);
    for (const [id, statements] of policies) {
      for (const statement of statements.filter((st) => st.Effect === 'Allow')) {
        const principal = statement.Principal as { AWS?: unknown; Service?: unknown } | string;
        expect(principal, id).not.toBe('*');
        for (const aws of asArray((principal as { AWS?: unknown }).AWS ?? [])) {
          const arn = flatten(aws);
          expect(arn, id).not.toBe('*');
          // This account's root (a KMS key's delegation to IAM) or a role of this stack.
          expect(arn === 'arn:<AWS::Partition>:iam::<AWS::AccountId>:root' || /^<[A-Za-z0-9]+\.Arn>$/.test(arn), `${id}: ${arn}`).toBe(true);
        }
      }
    }
  });

  test('no identity policy allows a wildcard resource, except the log-delivery actions that take no resource', () => {
    for (const [role, statement] of identityStatements(s)) {
      if (!asArray(statement.Resource).some((resource) => flatten(resource) === '*')) continue;
      for (const action of asArray(statement.Action)) expect(action, role).toMatch(/^logs:/);
    }
  });
});
