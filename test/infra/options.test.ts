/**
 * Context options change the template the way the README says: KMS, alarm e-mail, key filters,
 * and the tuning of the event source, function and queue.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SettingsError } from '../../lib/settings.js';
import {
  asArray,
  flatten,
  identityStatementsOf,
  permissionLines,
  removeSynthOutputs,
  resourcesOfType,
  synth,
  type Synthesized,
} from './synth.js';

afterAll(removeSynthOutputs);

describe('kms=true', () => {
  let s: Synthesized;
  let key: string;
  beforeAll(() => {
    s = synth({ stage: 'alice', kms: 'true' });
    key = s.logicalId(s.stack.encryptionKey!);
  });
  const props = (id: string) => s.json.Resources[id]!.Properties!;

  test('one customer-managed key, rotated', () => {
    s.template.resourceCountIs('AWS::KMS::Key', 1);
    expect(props(key).EnableKeyRotation).toBe(true);
  });

  test('raw and clean buckets use it with a bucket key; the access-log bucket cannot and keeps SSE-S3', () => {
    for (const bucket of [s.stack.rawBucket, s.stack.cleanBucket]) {
      expect(props(s.logicalId(bucket)).BucketEncryption.ServerSideEncryptionConfiguration).toEqual([
        {
          BucketKeyEnabled: true,
          ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': [key, 'Arn'] } },
        },
      ]);
    }
    expect(
      props(s.logicalId(s.stack.accessLogsBucket)).BucketEncryption.ServerSideEncryptionConfiguration[0]
        .ServerSideEncryptionByDefault,
    ).toEqual({ SSEAlgorithm: 'AES256' });
  });

  test('both queues and the alarm topic use it', () => {
    for (const queue of [s.stack.queue, s.stack.deadLetterQueue]) {
      expect(props(s.logicalId(queue)).KmsMasterKeyId).toEqual({ 'Fn::GetAtt': [key, 'Arn'] });
      expect(props(s.logicalId(queue)).SqsManagedSseEnabled).toBeUndefined();
    }
    expect(flatten(props(s.logicalId(s.stack.alarmTopic)).KmsMasterKeyId)).toBe(`<${key}.Arn>`);
  });

  test('the function may decrypt and generate data keys with it, and nothing more than without KMS', () => {
    const role = s.logicalId(s.stack.cleanFunction.role!);
    const lines = permissionLines(identityStatementsOf(s.json, role));
    const kmsLines = lines.filter((line) => line.includes(' kms:'));
    expect(kmsLines).toEqual([`Allow kms:Decrypt <${key}.Arn>`, `Allow kms:GenerateDataKey <${key}.Arn>`]);

    const plain = synth({ stage: 'alice' });
    const plainLines = permissionLines(identityStatementsOf(plain.json, plain.logicalId(plain.stack.cleanFunction.role!)));
    expect(lines.filter((line) => !line.includes(' kms:'))).toEqual(plainLines);
  });

  test('the key policy lets S3 encrypt notifications for the queue, CloudWatch publish alarms and CloudWatch Logs encrypt the log groups, besides the account', () => {
    const statements = props(key).KeyPolicy.Statement as { Principal: unknown; Action: string | string[] }[];
    const byPrincipal = Object.fromEntries(statements.map((statement) => [flatten(Object.values(statement.Principal as object)[0]), asArray(statement.Action).sort()]));
    expect(byPrincipal).toEqual({
      // The CDK default: the account's IAM policies decide (the function's role is one of them).
      'arn:<AWS::Partition>:iam::<AWS::AccountId>:root': ['kms:*'],
      's3.amazonaws.com': ['kms:Decrypt', 'kms:GenerateDataKey'],
      'cloudwatch.amazonaws.com': ['kms:Decrypt', 'kms:GenerateDataKey'],
      'logs.<AWS::Region>.amazonaws.com': ['kms:Decrypt*', 'kms:Describe*', 'kms:Encrypt*', 'kms:GenerateDataKey*', 'kms:ReEncrypt*'],
    });
  });
});

describe('alarmEmail', () => {
  test('subscribes the address to the alarm topic', () => {
    const s = synth({ stage: 'alice', alarmEmail: 'oncall@example.com' });
    const subscriptions = resourcesOfType(s.json, 'AWS::SNS::Subscription');
    expect(subscriptions).toHaveLength(1);
    expect(subscriptions[0]![1].Properties).toEqual({
      Protocol: 'email',
      Endpoint: 'oncall@example.com',
      TopicArn: { Ref: s.logicalId(s.stack.alarmTopic) },
    });
  });
});

describe('prefix and suffix filters', () => {
  let s: Synthesized;
  beforeAll(() => {
    s = synth({ stage: 'alice', prefix: 'incoming/', suffix: '.html,.txt.gz' });
  });

  test('one notification per suffix, each with the prefix', () => {
    const [, notification] = resourcesOfType(s.json, 'Custom::S3BucketNotifications')[0]!;
    const configurations = notification.Properties!.NotificationConfiguration.QueueConfigurations as {
      Filter: { Key: { FilterRules: { Name: string; Value: string }[] } };
    }[];
    expect(configurations.map((configuration) => configuration.Filter.Key.FilterRules)).toEqual([
      [
        { Name: 'suffix', Value: '.html' },
        { Name: 'prefix', Value: 'incoming/' },
      ],
      [
        { Name: 'suffix', Value: '.txt.gz' },
        { Name: 'prefix', Value: 'incoming/' },
      ],
    ]);
  });

  test('the function may read raw objects under the prefix only', () => {
    const raw = s.logicalId(s.stack.rawBucket);
    const lines = permissionLines(identityStatementsOf(s.json, s.logicalId(s.stack.cleanFunction.role!)));
    expect(lines.filter((line) => line.includes(`<${raw}.Arn>`))).toEqual([
      `Allow s3:GetObject <${raw}.Arn>/incoming/*`,
      `Allow s3:GetObjectVersion <${raw}.Arn>/incoming/*`,
    ]);
  });

  test('a prefix alone makes one filtered notification', () => {
    const only = synth({ stage: 'alice', prefix: 'incoming/' });
    const [, notification] = resourcesOfType(only.json, 'Custom::S3BucketNotifications')[0]!;
    expect(notification.Properties!.NotificationConfiguration.QueueConfigurations).toEqual([
      expect.objectContaining({ Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'incoming/' }] } } }),
    ]);
  });
});

describe('tuning', () => {
  test('batch size, batching window, concurrency, memory, timeout, receives and prefixes reach the template', () => {
    const s = synth({
      stage: 'alice',
      batchSize: '50',
      batchingWindowSeconds: '5',
      maxConcurrency: '20',
      memoryMb: '3008',
      timeoutSeconds: '300',
      maxReceiveCount: '3',
      logRetentionDays: '90',
      logLevel: 'debug',
      outputPrefix: 'docs/',
      errorPrefix: 'failed/',
      maxObjectBytes: '1048576',
      batchConcurrency: '4',
      oldestMessageAlarmMinutes: '60',
      outputFormats: 'md,txt',
    });
    const props = (construct: Parameters<typeof s.logicalId>[0]) => s.json.Resources[s.logicalId(construct)]!.Properties!;
    const [, mapping] = resourcesOfType(s.json, 'AWS::Lambda::EventSourceMapping')[0]!;
    expect(mapping.Properties).toMatchObject({
      BatchSize: 50,
      MaximumBatchingWindowInSeconds: 5,
      ScalingConfig: { MaximumConcurrency: 20 },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    expect(props(s.stack.cleanFunction)).toMatchObject({ MemorySize: 3008, Timeout: 300 });
    expect(props(s.stack.cleanFunction).Environment.Variables).toMatchObject({
      OUTPUT_PREFIX: 'docs/',
      ERROR_PREFIX: 'failed/',
      MAX_OBJECT_BYTES: '1048576',
      BATCH_CONCURRENCY: '4',
      OUTPUT_FORMATS: 'json,markdown,text',
      POWERTOOLS_LOG_LEVEL: 'DEBUG',
    });
    expect(props(s.stack.logGroup).RetentionInDays).toBe(90);
    expect(props(s.stack.queue).RedrivePolicy.maxReceiveCount).toBe(3);
    expect(props(s.stack.queue).VisibilityTimeout).toBe(6 * 300 + 5);
    const [, ageAlarm] = resourcesOfType(s.json, 'AWS::CloudWatch::Alarm').find(
      ([, alarm]) => alarm.Properties!.MetricName === 'ApproximateAgeOfOldestMessage',
    )!;
    expect(ageAlarm.Properties!.Threshold).toBe(3600);

    const clean = s.logicalId(s.stack.cleanBucket);
    const lines = permissionLines(identityStatementsOf(s.json, s.logicalId(s.stack.cleanFunction.role!)));
    expect(lines.filter((line) => line.includes(`<${clean}.Arn>/`))).toEqual([
      `Allow s3:GetObject <${clean}.Arn>/docs/*`,
      `Allow s3:GetObject <${clean}.Arn>/failed/*`,
      `Allow s3:GetObject <${clean}.Arn>/warc-parts/*`,
      `Allow s3:PutObject <${clean}.Arn>/docs/*`,
      `Allow s3:PutObject <${clean}.Arn>/failed/*`,
      `Allow s3:PutObject <${clean}.Arn>/warc-parts/*`,
    ]);
  });

  test('a bad context value stops the synth with the key to fix', () => {
    expect(() => synth({ stage: 'alice', maxReceiveCount: '10' })).toThrow(SettingsError);
    expect(() => synth({ stage: 'alice', batchSize: '100' })).toThrow(/batchingWindowSeconds/);
    expect(() => synth({ stage: 'alice', outputFormats: 'json,pdf' })).toThrow(/Invalid setting "outputFormats": unknown format "pdf"/);
  });
});
