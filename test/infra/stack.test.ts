/**
 * The template of a default stage, resource by resource: what each part is, how it is wired,
 * and what the function may do.
 */
import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
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

let s: Synthesized;
let ids: Record<'raw' | 'clean' | 'logs' | 'queue' | 'dlq' | 'fn' | 'role' | 'logGroup' | 'topic', string>;

beforeAll(() => {
  s = synth({ stage: 'alice' });
  const { stack } = s;
  ids = {
    raw: s.logicalId(stack.rawBucket),
    clean: s.logicalId(stack.cleanBucket),
    logs: s.logicalId(stack.accessLogsBucket),
    queue: s.logicalId(stack.queue),
    dlq: s.logicalId(stack.deadLetterQueue),
    fn: s.logicalId(stack.cleanFunction),
    role: s.logicalId(stack.cleanFunction.role!),
    logGroup: s.logicalId(stack.logGroup),
    topic: s.logicalId(stack.alarmTopic),
  };
});
afterAll(removeSynthOutputs);

const props = (id: string) => s.json.Resources[id]!.Properties!;

describe('buckets', () => {
  test('raw, clean and access-log buckets are three distinct buckets with no hard-coded names', () => {
    s.template.resourceCountIs('AWS::S3::Bucket', 3);
    expect(new Set([ids.raw, ids.clean, ids.logs]).size).toBe(3);
    for (const [, bucket] of resourcesOfType(s.json, 'AWS::S3::Bucket')) {
      expect(bucket.Properties).not.toHaveProperty('BucketName');
    }
  });

  test.each(['raw', 'clean', 'logs'] as const)('the %s bucket blocks public access, has no ACLs and is encrypted', (which) => {
    expect(props(ids[which])).toMatchObject({
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
    });
  });

  test('the raw and clean buckets are versioned; the access-log bucket is not', () => {
    expect(props(ids.raw).VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(props(ids.clean).VersioningConfiguration).toEqual({ Status: 'Enabled' }); // checkov CKV_AWS_21
    expect(props(ids.logs).VersioningConfiguration).toBeUndefined();
  });

  test('raw and clean buckets log their accesses to the log bucket, each under its own prefix', () => {
    expect(props(ids.raw).LoggingConfiguration).toEqual({ DestinationBucketName: { Ref: ids.logs }, LogFilePrefix: 'raw/' });
    expect(props(ids.clean).LoggingConfiguration).toEqual({ DestinationBucketName: { Ref: ids.logs }, LogFilePrefix: 'clean/' });
    expect(props(ids.logs).LoggingConfiguration).toBeUndefined();
  });

  test('noncurrent raw versions outlive every message that can still name them', () => {
    const rules = props(ids.raw).LifecycleConfiguration.Rules as { NoncurrentVersionExpiration?: { NoncurrentDays: number } }[];
    const noncurrentDays = rules.find((rule) => rule.NoncurrentVersionExpiration)!.NoncurrentVersionExpiration!.NoncurrentDays;
    const messageLifetimeSeconds =
      props(ids.queue).MessageRetentionPeriod + props(ids.dlq).MessageRetentionPeriod;
    expect(noncurrentDays * 86_400).toBeGreaterThan(messageLifetimeSeconds);
  });

  test('every bucket drops incomplete multipart uploads', () => {
    for (const id of [ids.raw, ids.clean, ids.logs]) {
      expect(props(id).LifecycleConfiguration.Rules).toContainEqual(
        expect.objectContaining({ AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 }, Status: 'Enabled' }),
      );
    }
  });
});

describe('queues', () => {
  test('a queue and its dead-letter queue', () => {
    s.template.resourceCountIs('AWS::SQS::Queue', 2);
  });

  test('the redrive policy sends a message to the dead-letter queue after 3 to 5 receives', () => {
    const redrive = props(ids.queue).RedrivePolicy;
    expect(redrive.deadLetterTargetArn).toEqual({ 'Fn::GetAtt': [ids.dlq, 'Arn'] });
    expect(redrive.maxReceiveCount).toBeGreaterThanOrEqual(3);
    expect(redrive.maxReceiveCount).toBeLessThanOrEqual(5);
    expect(props(ids.dlq).RedrivePolicy).toBeUndefined();
  });

  test('the dead-letter queue keeps messages 14 days', () => {
    expect(props(ids.dlq).MessageRetentionPeriod).toBe(14 * 24 * 60 * 60);
    expect(props(ids.queue).MessageRetentionPeriod).toBeLessThan(props(ids.dlq).MessageRetentionPeriod);
  });

  test('both queues are encrypted at rest', () => {
    expect(props(ids.queue).SqsManagedSseEnabled).toBe(true);
    expect(props(ids.dlq).SqsManagedSseEnabled).toBe(true);
  });

  test("the visibility timeout is at least six times the function's timeout", () => {
    expect(props(ids.queue).VisibilityTimeout).toBeGreaterThanOrEqual(6 * props(ids.fn).Timeout);
  });
});

describe('notifications', () => {
  test('object-created events of the raw bucket, and of no other bucket, go to the queue', () => {
    const notifications = resourcesOfType(s.json, 'Custom::S3BucketNotifications');
    expect(notifications).toHaveLength(1);
    const [, notification] = notifications[0]!;
    expect(notification.Properties!.BucketName).toEqual({ Ref: ids.raw });
    expect(notification.Properties!.NotificationConfiguration).toEqual({
      QueueConfigurations: [{ Events: ['s3:ObjectCreated:*'], QueueArn: { 'Fn::GetAtt': [ids.queue, 'Arn'] } }],
    });
  });

  test('the notification is written after the queue policy that lets S3 send', () => {
    const [id] = resourcesOfType(s.json, 'Custom::S3BucketNotifications')[0]!;
    const [queuePolicyId] = resourcesOfType(s.json, 'AWS::SQS::QueuePolicy').find(([, policy]) =>
      asArray(policy.Properties!.Queues).some((queue) => flatten(queue) === `<${ids.queue}>`),
    )!;
    expect(asArray((s.json.Resources[id] as { DependsOn?: string[] }).DependsOn)).toContain(queuePolicyId);
  });
});

describe('function', () => {
  test('Node.js 22 on arm64, with the configured memory and timeout', () => {
    expect(props(ids.fn)).toMatchObject({
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      MemorySize: 1769,
      Timeout: 120,
      FunctionName: 'scrape-clean-alice',
      Role: { 'Fn::GetAtt': [ids.role, 'Arn'] },
    });
  });

  test('the environment names the clean bucket, prefixes, limits, output formats and Powertools settings', () => {
    expect(props(ids.fn).Environment.Variables).toEqual({
      CLEAN_BUCKET: { Ref: ids.clean },
      OUTPUT_PREFIX: 'documents/',
      ERROR_PREFIX: 'errors/',
      MAX_OBJECT_BYTES: String(20 * 1024 * 1024),
      BATCH_CONCURRENCY: '8',
      OUTPUT_FORMATS: 'json',
      POWERTOOLS_SERVICE_NAME: 'scrape-clean-alice',
      POWERTOOLS_METRICS_NAMESPACE: 'ScrapeClean',
      POWERTOOLS_LOG_LEVEL: 'INFO',
      NODE_OPTIONS: '--enable-source-maps',
      QUEUE_URL: { Ref: ids.queue },
    });
  });

  test('the parts of WARC files expire from the clean bucket, and nothing else does', () => {
    const rules = props(ids.clean).LifecycleConfiguration.Rules as Array<Record<string, unknown>>;
    expect(rules.filter((rule) => rule.ExpirationInDays !== undefined)).toEqual([{ Id: 'expire-warc-parts', Prefix: 'warc-parts/', ExpirationInDays: 7, Status: 'Enabled' }]);
  });

  test('logs go to its own log group, with a retention', () => {
    expect(props(ids.fn).LoggingConfig).toEqual({ LogGroup: { Ref: ids.logGroup } });
    expect(props(ids.logGroup).RetentionInDays).toBe(30);
  });

  test('the queue drives it with batch item failures, batch size and maximum concurrency', () => {
    const mappings = resourcesOfType(s.json, 'AWS::Lambda::EventSourceMapping');
    expect(mappings).toHaveLength(1);
    const [, mapping] = mappings[0]!;
    expect(mapping.Properties).toMatchObject({
      EventSourceArn: { 'Fn::GetAtt': [ids.queue, 'Arn'] },
      FunctionName: { Ref: ids.fn },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BatchSize: 10,
      ScalingConfig: { MaximumConcurrency: 5 },
    });
    expect(mapping.Properties!.MaximumBatchingWindowInSeconds ?? 0).toBe(0);
  });
});

describe('permissions of the function', () => {
  test('its role is for Lambda only, with no managed and no inline policies of its own', () => {
    expect(props(ids.role).AssumeRolePolicyDocument.Statement).toEqual([
      { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' } },
    ]);
    expect(props(ids.role).ManagedPolicyArns).toBeUndefined();
    expect(props(ids.role).Policies).toBeUndefined();
  });

  test('it may do exactly this, statement by statement', () => {
    const statements = identityStatementsOf(s.json, ids.role);
    for (const statement of statements) {
      expect(statement).not.toHaveProperty('NotAction');
      expect(statement).not.toHaveProperty('NotResource');
      expect(statement).not.toHaveProperty('Condition');
    }
    expect(permissionLines(statements)).toEqual(
      [
        // Its own logs.
        `Allow logs:CreateLogStream <${ids.logGroup}.Arn>`,
        `Allow logs:PutLogEvents <${ids.logGroup}.Arn>`,
        // Read raw objects (a named version too).
        `Allow s3:GetObject <${ids.raw}.Arn>/*`,
        `Allow s3:GetObjectVersion <${ids.raw}.Arn>/*`,
        // Check (HeadObject) and write documents and error records.
        `Allow s3:GetObject <${ids.clean}.Arn>/documents/*`,
        `Allow s3:PutObject <${ids.clean}.Arn>/documents/*`,
        `Allow s3:GetObject <${ids.clean}.Arn>/errors/*`,
        `Allow s3:PutObject <${ids.clean}.Arn>/errors/*`,
        // WARC files: their parts beside the documents, and the next range sent to its own queue.
        `Allow s3:GetObject <${ids.clean}.Arn>/warc-parts/*`,
        `Allow s3:PutObject <${ids.clean}.Arn>/warc-parts/*`,
        `Allow sqs:SendMessage <${ids.queue}.Arn>`,
        // Consume the queue.
        `Allow sqs:ChangeMessageVisibility <${ids.queue}.Arn>`,
        `Allow sqs:DeleteMessage <${ids.queue}.Arn>`,
        `Allow sqs:GetQueueAttributes <${ids.queue}.Arn>`,
        `Allow sqs:GetQueueUrl <${ids.queue}.Arn>`,
        `Allow sqs:ReceiveMessage <${ids.queue}.Arn>`,
      ].sort(),
    );
  });

  test('no identity policy in the stack has a wildcard action or an account-wide resource', () => {
    const statements = [
      ...resourcesOfType(s.json, 'AWS::IAM::Policy').flatMap(([, policy]) => policy.Properties!.PolicyDocument.Statement),
      ...resourcesOfType(s.json, 'AWS::IAM::Role').flatMap(([, role]) =>
        asArray(role.Properties!.Policies).flatMap((policy: any) => policy.PolicyDocument.Statement),
      ),
    ];
    expect(statements.length).toBeGreaterThan(0);
    for (const statement of statements) {
      for (const action of asArray(statement.Action as string | string[])) expect(action).not.toContain('*');
      for (const resource of asArray(statement.Resource).map(flatten)) {
        expect(resource).not.toBe('*');
        // Every resource starts from a resource of this stack.
        expect(resource).toMatch(/^<[A-Za-z0-9]+\.Arn>/);
      }
    }
  });
});

describe('alarms', () => {
  const alarm = (metricName: string) => {
    const found = resourcesOfType(s.json, 'AWS::CloudWatch::Alarm').filter(
      ([, resource]) => resource.Properties!.MetricName === metricName,
    );
    expect(found).toHaveLength(1);
    return found[0]![1].Properties!;
  };

  test('three alarms, each notifying the topic when it fires and when it clears', () => {
    s.template.resourceCountIs('AWS::CloudWatch::Alarm', 3);
    for (const [, resource] of resourcesOfType(s.json, 'AWS::CloudWatch::Alarm')) {
      expect(resource.Properties!.AlarmActions).toEqual([{ Ref: ids.topic }]);
      expect(resource.Properties!.OKActions).toEqual([{ Ref: ids.topic }]);
      expect(resource.Properties!.AlarmName).toMatch(/^scrape-clean-alice-/);
      expect(resource.Properties!.TreatMissingData).toBe('notBreaching');
    }
  });

  test('one message in the dead-letter queue fires', () => {
    expect(alarm('ApproximateNumberOfMessagesVisible')).toMatchObject({
      Namespace: 'AWS/SQS',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [ids.dlq, 'QueueName'] } }],
      Statistic: 'Maximum',
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      Threshold: 1,
    });
  });

  test('one function error fires', () => {
    expect(alarm('Errors')).toMatchObject({
      Namespace: 'AWS/Lambda',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: ids.fn } }],
      Statistic: 'Sum',
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      Threshold: 1,
    });
  });

  test('a message older than 30 minutes in the queue fires', () => {
    expect(alarm('ApproximateAgeOfOldestMessage')).toMatchObject({
      Namespace: 'AWS/SQS',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [ids.queue, 'QueueName'] } }],
      Statistic: 'Maximum',
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      Threshold: 30 * 60,
    });
  });

  test('the topic refuses plain HTTP and has no subscription unless an e-mail is given', () => {
    s.template.resourceCountIs('AWS::SNS::Topic', 1);
    s.template.resourceCountIs('AWS::SNS::Subscription', 0);
    s.template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });
});

describe('outputs', () => {
  test('bucket names, queue URLs, the function and where to look', () => {
    const outputs = Object.fromEntries(
      Object.entries(s.json.Outputs ?? {}).map(([name, output]) => [name, flatten(output.Value)]),
    );
    expect(outputs).toEqual({
      Stage: 'alice',
      RawBucketName: `<${ids.raw}>`,
      CleanBucketName: `<${ids.clean}>`,
      QueueUrl: `<${ids.queue}>`,
      DeadLetterQueueUrl: `<${ids.dlq}>`,
      FunctionName: `<${ids.fn}>`,
      LogGroupName: `<${ids.logGroup}>`,
      AlarmTopicArn: `<${ids.topic}>`,
    });
  });

  test('no output is exported: stacks of two stages never collide on export names', () => {
    for (const output of Object.values(s.json.Outputs ?? {})) expect(output).not.toHaveProperty('Export');
  });
});
