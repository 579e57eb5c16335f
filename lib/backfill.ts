/**
 * The backfill: an optional part of a stage (`-c backfill=true`) that puts every stored scrape
 * under a prefix (or listed in an S3 Inventory manifest) through the clean function again, on
 * Step Functions' Distributed Map. The design, and why (see also README "Reprocess stored scrapes"):
 *
 * - The same processing path as the live pipeline. Each batch of objects is one direct invocation
 *   of the stage's clean function, in the internal message format (src/pipeline/object-message.ts):
 *   the same code, the same idempotency (outputs stamped with source ETag and pipeline version,
 *   so an up-to-date object costs one HEAD), the same logs, metrics and alarms. Enqueuing the
 *   objects onto the live queue instead would have reused the queue's retries too, but the
 *   execution could then not say what became of each object; invoking the function directly, it
 *   gets one outcome per object back.
 * - Retries and the dead-letter queue are the live pipeline's terms, applied by the state machine:
 *   objects that fail transiently are sent again after a doubling backoff (`attempts` in all), and
 *   those still failing go to the live pipeline's dead-letter queue, in the internal format, so
 *   that one place holds everything that failed and a redrive to the queue processes them.
 * - The results land in the clean bucket: the Distributed Map's ResultWriter stores every batch's
 *   outcomes under `<resultsPrefix><execution name>/`, and a summary function (its own, with read
 *   and write access to that folder only) adds them up into `summary.json` there.
 * - Least privilege: the state machine's role is built here statement by statement (CDK's own
 *   grants for Distributed Map are wider: objects of whole buckets, `function:*` versions); see
 *   `statements` below, each with why it is needed.
 */
import { ArnFormat, CfnOutput, Duration, Stack, Validations, type RemovalPolicy } from 'aws-cdk-lib';
import { Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { InventoryFormat, InventoryFrequency, InventoryObjectVersion, type Bucket, type IBucket } from 'aws-cdk-lib/aws-s3';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { DefinitionBody, LogLevel, StateMachine, StateMachineType } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { BACKFILL_SUMMARY_ENV } from '../src/pipeline/contract.js';
import { backfillDefinition, BACKFILL_SUBSTITUTIONS, type BackfillSubstitution } from './backfill-definition.js';
import { INVENTORY_DESTINATION_PREFIX, type BackfillSettings } from './backfill-settings.js';
import { FUNCTION_ARCHITECTURE, FUNCTION_HANDLER, FUNCTION_NODE_OPTIONS, FUNCTION_RUNTIME, functionCode, newerNodeRuntimeExists } from './constructs/clean-function.js';
import { acknowledgeObjectWildcards } from './nag.js';
import type { PipelineSettings } from './settings.js';

/** Service principal of Step Functions (trust policy of the state machine's role). */
export const STATES_SERVICE_PRINCIPAL = 'states.amazonaws.com';
/** The inventory configuration's id on the raw bucket (a folder of the inventory reports). */
export const INVENTORY_ID = 'backfill';
/**
 * The summary function reads every result file of a run: a million objects in batches of 10 is
 * 100 000 lines, read as a stream; 1 GB and Lambda's longest timeout leave room for runs far
 * larger than that.
 */
export const SUMMARY_MEMORY_MB = 1024;
export const SUMMARY_TIMEOUT = Duration.minutes(15);

/** The actions CloudWatch Logs' vended log delivery needs; they take no resource-level permissions. */
export const LOG_DELIVERY_ACTIONS = [
  'logs:CreateLogDelivery',
  'logs:GetLogDelivery',
  'logs:UpdateLogDelivery',
  'logs:DeleteLogDelivery',
  'logs:ListLogDeliveries',
  'logs:PutResourcePolicy',
  'logs:DescribeResourcePolicies',
  'logs:DescribeLogGroups',
];

export interface BackfillProps {
  /** Prefix of physical names (`scrape-clean-<stage>`); the state machine is `<prefix>-backfill`. */
  readonly namePrefix: string;
  readonly settings: BackfillSettings;
  readonly pipelineSettings: PipelineSettings;
  readonly rawBucket: Bucket;
  readonly cleanBucket: IBucket;
  /** Destination of the inventory reports, when the inventory is on. */
  readonly inventoryBucket: IBucket;
  /** The live pipeline's clean function: the processing path of every batch. */
  readonly cleanFunction: IFunction;
  /** The live pipeline's dead-letter queue: objects still failing after every attempt. */
  readonly deadLetterQueue: IQueue;
  readonly encryptionKey?: IKey;
  readonly projectRoot: string;
  /** The summary function's handler module. */
  readonly summaryEntry: string;
  readonly logRetention: RetentionDays;
  readonly removalPolicy: RemovalPolicy;
}

export class Backfill extends Construct {
  readonly stateMachine: StateMachine;
  readonly role: Role;
  readonly summaryFunction: NodejsFunction;
  readonly summaryRole: Role;
  readonly logGroup: LogGroup;
  readonly stateMachineName: string;
  readonly definition: Record<string, unknown>;

  constructor(scope: Construct, id: string, props: BackfillProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const { settings, pipelineSettings, rawBucket, cleanBucket } = props;
    this.stateMachineName = `${props.namePrefix}-backfill`;
    const inventory = settings.inventory !== 'off';
    const resultObjects = cleanBucket.arnForObjects(`${settings.resultsPrefix}*`);

    if (inventory) {
      rawBucket.addInventory({
        inventoryId: INVENTORY_ID,
        destination: { bucket: props.inventoryBucket, prefix: INVENTORY_DESTINATION_PREFIX, bucketOwner: stack.account },
        frequency: settings.inventory === 'daily' ? InventoryFrequency.DAILY : InventoryFrequency.WEEKLY,
        format: InventoryFormat.CSV,
        includeObjectVersions: InventoryObjectVersion.CURRENT,
        objectsPrefix: pipelineSettings.prefix === '' ? undefined : pipelineSettings.prefix,
        optionalFields: ['Size', 'ETag', 'LastModifiedDate'],
      });
    }

    // The summary function: reads the results of a run, writes its summary.json.
    const summaryLogGroup = new LogGroup(this, 'SummaryLogGroup', { retention: props.logRetention, removalPolicy: props.removalPolicy, encryptionKey: props.encryptionKey });
    this.summaryRole = new Role(this, 'SummaryRole', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Role of ${this.stateMachineName}'s summary function: read the results of a run, write its summary`,
    });
    summaryLogGroup.grantWrite(this.summaryRole);
    const summaryObjects = cleanBucket.arnForObjects(`${settings.resultsPrefix}*/summary.json`);
    this.summaryRole.addToPolicy(
      new PolicyStatement({
        sid: 'FindResults',
        effect: Effect.ALLOW,
        actions: ['s3:ListBucket'],
        resources: [cleanBucket.bucketArn],
        conditions: { StringLike: { 's3:prefix': `${settings.resultsPrefix}*` } },
      }),
    );
    this.summaryRole.addToPolicy(new PolicyStatement({ sid: 'ReadResults', effect: Effect.ALLOW, actions: ['s3:GetObject'], resources: [resultObjects] }));
    this.summaryRole.addToPolicy(new PolicyStatement({ sid: 'WriteSummary', effect: Effect.ALLOW, actions: ['s3:PutObject'], resources: [summaryObjects] }));
    if (props.encryptionKey) {
      this.summaryRole.addToPolicy(
        new PolicyStatement({ sid: 'UseStackKey', effect: Effect.ALLOW, actions: ['kms:Decrypt', 'kms:GenerateDataKey'], resources: [props.encryptionKey.keyArn] }),
      );
    }
    acknowledgeObjectWildcards(this.summaryRole, [
      {
        arn: resultObjects,
        reason: `s3:GetObject acts on objects, so the resource is an object ARN pattern: the backfill results folder "${settings.resultsPrefix}" of this stack's clean bucket only, where the Distributed Map writes its result files.`,
      },
      {
        arn: summaryObjects,
        reason: `s3:PutObject acts on objects, so the resource is an object ARN pattern: only objects named summary.json in a run's folder under "${settings.resultsPrefix}" of this stack's clean bucket.`,
      },
    ]);
    this.summaryFunction = new NodejsFunction(this, 'SummaryFunction', {
      functionName: `${this.stateMachineName}-summary`,
      description: 'scrape-clean backfill: adds up the outcomes of a backfill run and writes its summary.json',
      code: functionCode(props.summaryEntry, props.projectRoot),
      handler: FUNCTION_HANDLER,
      runtime: FUNCTION_RUNTIME,
      architecture: FUNCTION_ARCHITECTURE,
      memorySize: SUMMARY_MEMORY_MB,
      timeout: SUMMARY_TIMEOUT,
      role: this.summaryRole,
      logGroup: summaryLogGroup,
      environment: {
        [BACKFILL_SUMMARY_ENV.cleanBucket]: cleanBucket.bucketName,
        [BACKFILL_SUMMARY_ENV.resultsPrefix]: settings.resultsPrefix,
        NODE_OPTIONS: FUNCTION_NODE_OPTIONS,
      },
    });
    if (newerNodeRuntimeExists(FUNCTION_RUNTIME)) {
      Validations.of(this.summaryFunction).acknowledge({
        id: 'AwsSolutions-L1',
        reason: `The runtime is pinned to ${FUNCTION_RUNTIME.name}, like the clean function's: the newest Node.js the project's code and tests run on; a runtime upgrade is a deliberate change made after the suite has passed on the new version.`,
      });
    }

    // The state machine's role. Its ARN and its executions' ARNs are built from the name, so the
    // role's policy does not depend on the state machine (which depends on the role).
    const stateMachineArn = stack.formatArn({ service: 'states', resource: 'stateMachine', resourceName: this.stateMachineName, arnFormat: ArnFormat.COLON_RESOURCE_NAME });
    const childExecutions = stack.formatArn({ service: 'states', resource: 'execution', resourceName: `${this.stateMachineName}/*`, arnFormat: ArnFormat.COLON_RESOURCE_NAME });
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal(STATES_SERVICE_PRINCIPAL, {
        // Only this account's state machine of this name may use the role (confused deputy).
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account }, ArnLike: { 'aws:SourceArn': stateMachineArn } },
      }),
      description: `Role of ${this.stateMachineName}: list the raw prefix, invoke the clean and summary functions, write results, dead-letter`,
    });
    for (const statement of this.statements(props, { stateMachineArn, childExecutions, resultObjects, inventory })) this.role.addToPolicy(statement);

    this.logGroup = new LogGroup(this, 'LogGroup', { retention: props.logRetention, removalPolicy: props.removalPolicy, encryptionKey: props.encryptionKey });
    this.definition = backfillDefinition({
      settings,
      pipelinePrefix: pipelineSettings.prefix,
      inventory,
      inventoryPrefix: INVENTORY_DESTINATION_PREFIX,
    });
    const substitutions: Record<BackfillSubstitution, string> = {
      CleanFunctionArn: props.cleanFunction.functionArn,
      SummaryFunctionArn: this.summaryFunction.functionArn,
      RawBucket: rawBucket.bucketName,
      CleanBucket: cleanBucket.bucketName,
      DeadLetterQueueUrl: props.deadLetterQueue.queueUrl,
      InventoryBucket: props.inventoryBucket.bucketName,
    };
    const used = BACKFILL_SUBSTITUTIONS.filter((name) => JSON.stringify(this.definition).includes(`\${${name}}`));
    this.stateMachine = new StateMachine(this, 'StateMachine', {
      stateMachineName: this.stateMachineName,
      stateMachineType: StateMachineType.STANDARD,
      comment: 'scrape-clean backfill (see lib/backfill.ts)',
      definitionBody: DefinitionBody.fromString(JSON.stringify(this.definition)),
      definitionSubstitutions: Object.fromEntries(used.map((name) => [name, substitutions[name]])),
      // Immutable for CDK: every permission of the role is the explicit list above.
      role: this.role.withoutPolicyUpdates(),
      logs: { destination: this.logGroup, level: LogLevel.ALL, includeExecutionData: false },
      tracingEnabled: false,
      removalPolicy: props.removalPolicy,
    });
    // The role's policy must exist before the state machine is created and validated.
    this.stateMachine.node.addDependency(this.role);

    Validations.of(this.stateMachine).acknowledge({
      id: 'AwsSolutions-SF2',
      reason:
        'X-Ray tracing is off, like for the clean function it drives: the execution history and the Map Run view show each batch ' +
        'and its timing, and tracing would add xray:* permissions on every resource of the account to the role.',
    });

    new CfnOutput(stack, 'BackfillStateMachineArn', { value: this.stateMachine.stateMachineArn, description: 'Start a backfill: scrape-clean reprocess --state-machine <this ARN>' });
    new CfnOutput(stack, 'BackfillResults', { value: `s3://${cleanBucket.bucketName}/${settings.resultsPrefix}`, description: 'Result files and summary.json of each backfill execution' });
    if (inventory) {
      new CfnOutput(stack, 'BackfillInventoryLocation', {
        value: `s3://${props.inventoryBucket.bucketName}/${INVENTORY_DESTINATION_PREFIX}/${rawBucket.bucketName}/${INVENTORY_ID}/`,
        description: 'S3 Inventory reports of the raw bucket: pass a manifest.json key with --manifest',
      });
    }
  }

  /** Every permission of the state machine's role, each with why. */
  private statements(
    props: BackfillProps,
    arns: { stateMachineArn: string; childExecutions: string; resultObjects: string; inventory: boolean },
  ): PolicyStatement[] {
    const { settings, pipelineSettings, rawBucket } = props;
    const inventoryObjects = props.inventoryBucket.arnForObjects(`${INVENTORY_DESTINATION_PREFIX}/*`);
    const statements = [
      // Distributed Map runs each batch as a child workflow execution of this state machine.
      new PolicyStatement({ sid: 'StartBatchWorkflows', actions: ['states:StartExecution'], resources: [arns.stateMachineArn] }),
      new PolicyStatement({ sid: 'ManageBatchWorkflows', actions: ['states:DescribeExecution', 'states:StopExecution'], resources: [arns.childExecutions] }),
      // ItemReader ListObjectsV2: the raw bucket, under the stage's prefix only.
      new PolicyStatement({
        sid: 'ListRawPrefix',
        actions: ['s3:ListBucket'],
        resources: [rawBucket.bucketArn],
        ...(pipelineSettings.prefix === '' ? {} : { conditions: { StringLike: { 's3:prefix': `${pipelineSettings.prefix}*` } } }),
      }),
      // The processing path: the live pipeline's function; and the summary step.
      new PolicyStatement({ sid: 'InvokeCleanFunction', actions: ['lambda:InvokeFunction'], resources: [props.cleanFunction.functionArn] }),
      new PolicyStatement({ sid: 'InvokeSummaryFunction', actions: ['lambda:InvokeFunction'], resources: [this.summaryFunction.functionArn] }),
      // ResultWriter: its files under the results folder of the clean bucket (multipart for large files).
      new PolicyStatement({
        sid: 'WriteResults',
        actions: ['s3:PutObject', 's3:GetObject', 's3:ListMultipartUploadParts', 's3:AbortMultipartUpload'],
        resources: [arns.resultObjects],
      }),
      // Objects still failing after every attempt.
      new PolicyStatement({ sid: 'DeadLetter', actions: ['sqs:SendMessage'], resources: [props.deadLetterQueue.queueArn] }),
      // Execution logs (level ALL): CloudWatch Logs' vended delivery takes no resource-level permissions.
      new PolicyStatement({ sid: 'DeliverLogs', actions: LOG_DELIVERY_ACTIONS, resources: ['*'] }),
    ];
    if (arns.inventory) {
      // ItemReader MANIFEST: the manifest and the CSV files it names, all under the inventory prefix.
      statements.push(new PolicyStatement({ sid: 'ReadInventory', actions: ['s3:GetObject'], resources: [inventoryObjects] }));
    }
    if (props.encryptionKey) {
      // Result files in the clean bucket and messages in the dead-letter queue use the stack's key.
      statements.push(new PolicyStatement({ sid: 'UseStackKey', actions: ['kms:Decrypt', 'kms:GenerateDataKey'], resources: [props.encryptionKey.keyArn] }));
    }

    acknowledgeObjectWildcards(this.role, [
      {
        arn: arns.resultObjects,
        reason:
          `The Distributed Map's ResultWriter writes its result files (s3:PutObject, with multipart upload) under a run's folder: an object ` +
          `ARN pattern for the backfill results folder "${settings.resultsPrefix}" of this stack's clean bucket only.`,
      },
      ...(arns.inventory
        ? [
            {
              arn: inventoryObjects,
              reason:
                'The inventory ItemReader reads a manifest.json and the CSV files it names (s3:GetObject): an object ARN pattern for the ' +
                `"${INVENTORY_DESTINATION_PREFIX}/" folder of this stack's access-logs bucket only, where S3 Inventory delivers the raw bucket's reports.`,
            },
          ]
        : []),
    ]);
    Validations.of(this.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:${this.stateMachineName}/*]`,
      reason:
        'Distributed Map starts one child workflow execution per batch, named by Step Functions at run time; describing and stopping them ' +
        `needs the execution ARN pattern of this state machine's child workflows (execution:${this.stateMachineName}/*), nothing wider.`,
    });
    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Logging a state machine to CloudWatch Logs uses vended log delivery, whose actions (logs:CreateLogDelivery and the others of ' +
        'the DeliverLogs statement) do not support resource-level permissions (Step Functions developer guide, "Logging using CloudWatch Logs").',
    });
    return statements;
  }
}
