/**
 * The backfill part of a stage (`-c backfill=true`): the state machine, what it runs (the live
 * pipeline's own clean function and dead-letter queue), its settings, and what its roles may do,
 * statement by statement.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Backfill, LOG_DELIVERY_ACTIONS } from '../../lib/backfill.js';
import { backfillSettingsFromContext, DEFAULT_BACKFILL_SETTINGS, resolveBackfillSettings } from '../../lib/backfill-settings.js';
import { DEFAULT_SETTINGS, SettingsError } from '../../lib/settings.js';
import {
  asArray,
  flatten,
  identityStatementsOf,
  permissionLines,
  removeSynthOutputs,
  resourcesOfType,
  synth,
  type PolicyStatementJson,
  type Synthesized,
} from './synth.js';

afterAll(removeSynthOutputs);

const REGION_ACCOUNT = '<AWS::Region>:<AWS::AccountId>';

function backfillOf(s: Synthesized): Backfill {
  return s.stack.node.findChild('Backfill') as Backfill;
}

function stateMachineOf(s: Synthesized) {
  const machines = resourcesOfType(s.json, 'AWS::StepFunctions::StateMachine');
  expect(machines).toHaveLength(1);
  const [id, resource] = machines[0]!;
  return { id, props: resource.Properties!, definition: JSON.parse(resource.Properties!.DefinitionString) as { States: Record<string, any> } };
}

test('without -c backfill=true there is no state machine, no summary function, no inventory', () => {
  const s = synth({ stage: 'alice' });
  expect(resourcesOfType(s.json, 'AWS::StepFunctions::StateMachine')).toEqual([]);
  expect(resourcesOfType(s.json, 'AWS::Lambda::Function').map(([, f]) => f.Properties!.FunctionName)).not.toContain('scrape-clean-alice-backfill-summary');
  expect(s.stack.node.tryFindChild('Backfill')).toBeUndefined();
});

describe('a stage with the backfill', () => {
  let s: Synthesized;
  let ids: Record<'raw' | 'clean' | 'logs' | 'dlq' | 'queue' | 'fn' | 'summary' | 'role' | 'summaryRole' | 'logGroup' | 'summaryLogGroup', string>;
  beforeAll(() => {
    s = synth({ stage: 'alice', backfill: 'true' });
    const backfill = backfillOf(s);
    ids = {
      raw: s.logicalId(s.stack.rawBucket),
      clean: s.logicalId(s.stack.cleanBucket),
      logs: s.logicalId(s.stack.accessLogsBucket),
      dlq: s.logicalId(s.stack.deadLetterQueue),
      queue: s.logicalId(s.stack.queue),
      fn: s.logicalId(s.stack.cleanFunction),
      summary: s.logicalId(backfill.summaryFunction),
      role: s.logicalId(backfill.role),
      summaryRole: s.logicalId(backfill.summaryRole),
      logGroup: s.logicalId(backfill.logGroup),
      summaryLogGroup: s.logicalId(backfill.summaryFunction.node.scope!.node.findChild('SummaryLogGroup')),
    };
  });

  test('a STANDARD state machine named after the stage, with its role, logging every event, no tracing', () => {
    const { props } = stateMachineOf(s);
    expect(props).toMatchObject({
      StateMachineName: 'scrape-clean-alice-backfill',
      StateMachineType: 'STANDARD',
      RoleArn: { 'Fn::GetAtt': [ids.role, 'Arn'] },
      LoggingConfiguration: { Level: 'ALL', IncludeExecutionData: false, Destinations: [{ CloudWatchLogsLogGroup: { LogGroupArn: { 'Fn::GetAtt': [ids.logGroup, 'Arn'] } } }] },
      TracingConfiguration: { Enabled: false },
    });
  });

  test('it feeds the same processing path: the live clean function, the live dead-letter queue, the stack buckets', () => {
    const { props, definition } = stateMachineOf(s);
    expect(props.DefinitionSubstitutions).toEqual({
      CleanFunctionArn: { 'Fn::GetAtt': [ids.fn, 'Arn'] },
      SummaryFunctionArn: { 'Fn::GetAtt': [ids.summary, 'Arn'] },
      RawBucket: { Ref: ids.raw },
      CleanBucket: { Ref: ids.clean },
      DeadLetterQueueUrl: { Ref: ids.dlq },
    });
    // One clean function in the stack: the backfill did not make a second one.
    const cleaners = resourcesOfType(s.json, 'AWS::Lambda::Function').filter(([, f]) => String(f.Properties!.FunctionName).startsWith('scrape-clean-alice') && !String(f.Properties!.FunctionName).endsWith('-summary'));
    expect(cleaners.map(([id]) => id)).toEqual([ids.fn]);
    const map = definition.States.FromListing;
    expect(map).toMatchObject({
      Type: 'Map',
      ItemReader: { Resource: 'arn:aws:states:::s3:listObjectsV2', Arguments: { Bucket: '${RawBucket}' } },
      ItemBatcher: { MaxItemsPerBatch: DEFAULT_BACKFILL_SETTINGS.batchSize },
      MaxConcurrency: DEFAULT_BACKFILL_SETTINGS.maxConcurrency,
      ToleratedFailurePercentage: DEFAULT_BACKFILL_SETTINGS.toleratedFailurePercentage,
      ResultWriter: { Arguments: { Bucket: '${CleanBucket}' } },
    });
    const states = Object.values(map.ItemProcessor.States as Record<string, any>);
    expect(states.filter((state) => state.Resource === 'arn:aws:states:::lambda:invoke').map((state) => state.Arguments.FunctionName)).toEqual(['${CleanFunctionArn}']);
    expect(states.filter((state) => state.Resource === 'arn:aws:states:::sqs:sendMessage').map((state) => state.Arguments.QueueUrl)).toEqual(['${DeadLetterQueueUrl}', '${DeadLetterQueueUrl}']);
    expect(definition.States.NoInventory).toMatchObject({ Type: 'Fail' });
  });

  test('the context settings reach the Distributed Map', () => {
    const tuned = synth({ stage: 'alice', backfill: 'true', backfillBatchSize: '40', backfillMaxConcurrency: '50', backfillToleratedFailurePercentage: '0', backfillAttempts: '5', backfillResultsPrefix: 'runs/' });
    const { definition } = stateMachineOf(tuned);
    expect(definition.States.FromListing).toMatchObject({ ItemBatcher: { MaxItemsPerBatch: 40 }, MaxConcurrency: 50, ToleratedFailurePercentage: 0 });
    expect(definition.States.FromListing.ResultWriter.Arguments.Prefix).toContain("'runs/'");
    expect(JSON.stringify(definition)).toContain('$attempt < 5');
  });

  test('the state machine role may do exactly this, statement by statement', () => {
    const statements = identityStatementsOf(s.json, ids.role);
    expect(permissionLines(statements)).toEqual(
      [
        // Child workflows of its own Distributed Map, and nothing else of Step Functions.
        `Allow states:StartExecution arn:<AWS::Partition>:states:${REGION_ACCOUNT}:stateMachine:scrape-clean-alice-backfill`,
        `Allow states:DescribeExecution arn:<AWS::Partition>:states:${REGION_ACCOUNT}:execution:scrape-clean-alice-backfill/*`,
        `Allow states:StopExecution arn:<AWS::Partition>:states:${REGION_ACCOUNT}:execution:scrape-clean-alice-backfill/*`,
        // List the raw bucket (no object access: the function reads the objects).
        `Allow s3:ListBucket <${ids.raw}.Arn>`,
        // Invoke the clean function and the summary function, by their exact ARNs (no versions, no others).
        `Allow lambda:InvokeFunction <${ids.fn}.Arn>`,
        `Allow lambda:InvokeFunction <${ids.summary}.Arn>`,
        // Result files under the results prefix of the clean bucket only.
        `Allow s3:PutObject <${ids.clean}.Arn>/backfill/*`,
        `Allow s3:GetObject <${ids.clean}.Arn>/backfill/*`,
        `Allow s3:ListMultipartUploadParts <${ids.clean}.Arn>/backfill/*`,
        `Allow s3:AbortMultipartUpload <${ids.clean}.Arn>/backfill/*`,
        // Objects still failing go to the live dead-letter queue.
        `Allow sqs:SendMessage <${ids.dlq}.Arn>`,
        // Vended log delivery (no resource-level permissions exist for these).
        ...['CreateLogDelivery', 'GetLogDelivery', 'UpdateLogDelivery', 'DeleteLogDelivery', 'ListLogDeliveries', 'PutResourcePolicy', 'DescribeResourcePolicies', 'DescribeLogGroups'].map((a) => `Allow logs:${a} *`),
      ].sort(),
    );
    for (const statement of statements) {
      expect(statement).not.toHaveProperty('NotAction');
      expect(statement).not.toHaveProperty('NotResource');
      for (const action of asArray(statement.Action)) expect(action, 'no wildcard action').not.toContain('*');
      const resources = asArray(statement.Resource).map(flatten);
      // The one account-wide resource: vended log delivery, which has no resource-level permissions.
      if (resources.includes('*')) expect(asArray(statement.Action).sort()).toEqual([...LOG_DELIVERY_ACTIONS].sort());
    }
    // Not the queue, not the raw objects, not the documents.
    expect(JSON.stringify(statements)).not.toContain(ids.queue);
  });

  test("only this account's state machine of that name may assume the role", () => {
    const trust = s.json.Resources[ids.role]!.Properties!.AssumeRolePolicyDocument.Statement as PolicyStatementJson[];
    expect(trust).toHaveLength(1);
    expect(trust[0]).toMatchObject({ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'states.amazonaws.com' } });
    expect(flatten(trust[0]!.Condition!.StringEquals!['aws:SourceAccount'])).toBe('<AWS::AccountId>');
    expect(flatten(trust[0]!.Condition!.ArnLike!['aws:SourceArn'])).toBe(`arn:<AWS::Partition>:states:${REGION_ACCOUNT}:stateMachine:scrape-clean-alice-backfill`);
  });

  test('the summary function reads the results and writes summary.json, nothing else', () => {
    const statements = identityStatementsOf(s.json, ids.summaryRole);
    expect(permissionLines(statements)).toEqual(
      [
        `Allow logs:CreateLogStream <${ids.summaryLogGroup}.Arn>`,
        `Allow logs:PutLogEvents <${ids.summaryLogGroup}.Arn>`,
        `Allow s3:ListBucket <${ids.clean}.Arn>`,
        `Allow s3:GetObject <${ids.clean}.Arn>/backfill/*`,
        `Allow s3:PutObject <${ids.clean}.Arn>/backfill/*/summary.json`,
      ].sort(),
    );
    const list = statements.find((statement) => asArray(statement.Action).includes('s3:ListBucket'))!;
    expect(list.Condition).toEqual({ StringLike: { 's3:prefix': 'backfill/*' } });
    const fn = s.json.Resources[ids.summary]!.Properties!;
    expect(fn).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'], Environment: { Variables: { CLEAN_BUCKET: { Ref: ids.clean }, RESULTS_PREFIX: 'backfill/' } } });
  });

  test('outputs name the state machine and where the results go', () => {
    expect(Object.keys(s.json.Outputs ?? {})).toEqual(expect.arrayContaining(['BackfillStateMachineArn', 'BackfillResults']));
  });
});

describe('with a prefix, KMS and an S3 Inventory', () => {
  let s: Synthesized;
  beforeAll(() => {
    s = synth({ stage: 'alice', backfill: 'true', backfillInventory: 'daily', kms: 'true', prefix: 'in/' });
  });

  test('listing is limited to the prefix; the inventory and the key are the only additions', () => {
    const backfill = backfillOf(s);
    const role = s.logicalId(backfill.role);
    const statements = identityStatementsOf(s.json, role);
    const list = statements.find((statement) => asArray(statement.Action).includes('s3:ListBucket'))!;
    expect(list.Condition).toEqual({ StringLike: { 's3:prefix': 'in/*' } });
    const lines = permissionLines(statements);
    const logs = s.logicalId(s.stack.accessLogsBucket);
    const key = s.logicalId(s.stack.encryptionKey!);
    expect(lines).toContain(`Allow s3:GetObject <${logs}.Arn>/inventory/*`);
    expect(lines).toContain(`Allow kms:Decrypt <${key}.Arn>`);
    expect(lines).toContain(`Allow kms:GenerateDataKey <${key}.Arn>`);
  });

  test('the raw bucket has a daily CSV inventory of current versions under the prefix, delivered to the logs bucket', () => {
    const raw = s.json.Resources[s.logicalId(s.stack.rawBucket)]!.Properties!;
    expect(raw.InventoryConfigurations).toEqual([
      expect.objectContaining({
        Id: 'backfill',
        Enabled: true,
        ScheduleFrequency: 'Daily',
        IncludedObjectVersions: 'Current',
        Prefix: 'in/',
        OptionalFields: ['Size', 'ETag', 'LastModifiedDate'],
        Destination: expect.objectContaining({ Format: 'CSV', Prefix: 'inventory', BucketArn: { 'Fn::GetAtt': [s.logicalId(s.stack.accessLogsBucket), 'Arn'] } }),
      }),
    ]);
    const { definition, props } = stateMachineOf(s);
    expect(definition.States.FromInventory.ItemReader).toEqual({
      Resource: 'arn:aws:states:::s3:getObject',
      ReaderConfig: { InputType: 'MANIFEST' },
      Arguments: { Bucket: '${InventoryBucket}', Key: '{% $states.input.manifestKey %}' },
    });
    expect(props.DefinitionSubstitutions.InventoryBucket).toEqual({ Ref: s.logicalId(s.stack.accessLogsBucket) });
  });
});

describe('backfill settings', () => {
  const context = (values: Record<string, unknown>) => (key: string) => values[key];

  test('command-line strings and cdk.json values give the same settings', () => {
    const cli = backfillSettingsFromContext(context({ backfill: 'true', backfillBatchSize: '20', backfillInventory: 'Weekly' }));
    const json = backfillSettingsFromContext(context({ backfill: true, backfillBatchSize: 20, backfillInventory: 'weekly' }));
    expect(cli).toEqual(json);
    expect(resolveBackfillSettings(cli, DEFAULT_SETTINGS)).toEqual({ ...DEFAULT_BACKFILL_SETTINGS, enabled: true, batchSize: 20, inventory: 'weekly' });
  });

  test.each([
    [{ backfill: 'yes' }, 'backfill'],
    [{ backfill: 'true', backfillBatchSize: '0' }, 'backfillBatchSize'],
    [{ backfill: 'true', backfillBatchSize: '101' }, 'backfillBatchSize'],
    [{ backfill: 'true', backfillMaxConcurrency: '10001' }, 'backfillMaxConcurrency'],
    [{ backfill: 'true', backfillToleratedFailurePercentage: '101' }, 'backfillToleratedFailurePercentage'],
    [{ backfill: 'true', backfillAttempts: '0' }, 'backfillAttempts'],
    [{ backfill: 'true', backfillResultsPrefix: 'documents/backfill/' }, 'backfillResultsPrefix'],
    [{ backfill: 'true', backfillResultsPrefix: 'runs' }, 'backfillResultsPrefix'],
    [{ backfill: 'true', backfillInventory: 'hourly' }, 'backfillInventory'],
    [{ backfillInventory: 'daily' }, 'backfillInventory'],
  ])('%o is refused, naming %s', (values, key) => {
    const attempt = () => resolveBackfillSettings(backfillSettingsFromContext(context(values)), DEFAULT_SETTINGS);
    expect(attempt).toThrow(SettingsError);
    expect(attempt).toThrow(`"${key}"`);
  });

  test('a wrong backfill setting fails the synth with its message', () => {
    expect(() => synth({ stage: 'alice', backfill: 'true', backfillBatchSize: '500' })).toThrow(/Invalid setting "backfillBatchSize"/);
  });
});
