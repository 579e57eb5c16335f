/**
 * One stage of the pipeline: raw bucket → S3 notification → SQS queue (with dead-letter queue)
 * → clean function → clean bucket, with access logs, alarms and outputs.
 */
import { fileURLToPath } from 'node:url';
import { CfnOutput, Duration, Stack, Tags, type StackProps } from 'aws-cdk-lib';
import { Effect, PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { LogGroup } from 'aws-cdk-lib/aws-logs';
import { EventType, type NotificationKeyFilter } from 'aws-cdk-lib/aws-s3';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { CleanFunction } from './constructs/clean-function.js';
import { IngestQueue } from './constructs/ingest-queue.js';
import { CLOUDWATCH_SERVICE_PRINCIPAL, PipelineAlarms } from './constructs/pipeline-alarms.js';
import { SourceBucketQueueDestination } from './constructs/queue-notification.js';
import { SecureBucket } from './constructs/secure-bucket.js';
import { acknowledgeCheckov } from './lint-acknowledgements.js';
import { acknowledgeCdkHelpers } from './nag.js';
import { resolveSettings, visibilityTimeoutSeconds, type PipelineSettings } from './settings.js';
import { isProduction, removalPolicyFor, resourcePrefixFor, stackNameFor, resolveStage } from './stage.js';
import { WARC_PARTS_EXPIRATION_DAYS, WARC_PIPELINE_DEFAULTS, WARC_QUEUE_URL_ENV } from '../src/pipeline/warc-settings.js';

/** The repository root (this file is lib/scrape-clean-stack.ts). */
export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));
/** The Lambda handler module; it exports `handler`. */
export const HANDLER_ENTRY = fileURLToPath(new URL('../functions/clean.ts', import.meta.url));
/** The backfill's summary function (`-c backfill=true`, see ./backfill.ts). */
export const SUMMARY_HANDLER_ENTRY = fileURLToPath(new URL('../functions/backfill-summary.ts', import.meta.url));

/**
 * Raw objects overwritten by a newer scrape stay readable this long as noncurrent versions.
 * Longer than a message can live (4 days in the queue, then 14 in the dead-letter queue, counted
 * from the first enqueue), so a redriven notification still finds the version it names.
 */
export const RAW_NONCURRENT_VERSION_EXPIRATION = Duration.days(30);
/**
 * Documents and error records replaced by a newer one (a reprocessing, a new version of the raw
 * object) stay readable this long as noncurrent versions of the clean bucket: time to notice a
 * bad cleaner release and restore what it overwrote.
 */
export const CLEAN_NONCURRENT_VERSION_EXPIRATION = Duration.days(30);
/** S3 server access logs are for audits and incident reviews of recent weeks. */
export const ACCESS_LOG_EXPIRATION = Duration.days(90);
/** KMS's minimum waiting period: a destroyed development stage's key goes away soonest. */
export const KEY_DELETION_WINDOW = Duration.days(7);
/** Powertools metrics namespace; the stage is in the service name (a metric dimension). */
export const METRICS_NAMESPACE = 'ScrapeClean';

export interface ScrapeCleanStackProps extends StackProps {
  /** The stage (see ./stage.ts); goes into the stack name and every physical name set here. */
  readonly stage: string;
  /** Overrides of the default settings (see ./settings.ts). @default the defaults */
  readonly settings?: Partial<PipelineSettings>;
  /** The handler module. @default functions/clean.ts */
  readonly handlerEntry?: string;
}

/**
 * The pipeline of one stage. Its parts are public so that optional constructs (the backfill,
 * behind `-c backfill=true`) can be added to the stack and wired to the same buckets and queue.
 */
export class ScrapeCleanStack extends Stack {
  readonly stage: string;
  readonly settings: PipelineSettings;
  /** Customer-managed key of buckets, queues and topic, when the `kms` setting is on. */
  readonly encryptionKey: Key | undefined;
  readonly accessLogsBucket: SecureBucket;
  readonly rawBucket: SecureBucket;
  readonly cleanBucket: SecureBucket;
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;
  readonly cleanFunction: NodejsFunction;
  readonly logGroup: LogGroup;
  readonly alarmTopic: Topic;
  readonly alarms: PipelineAlarms;

  constructor(scope: Construct, id: string, props: ScrapeCleanStackProps) {
    const stage = resolveStage({ context: props.stage });
    super(scope, id, {
      description: `scrape-clean (stage ${stage}): raw S3 bucket -> SQS -> Lambda -> clean S3 bucket`,
      ...props,
      stackName: props.stackName ?? stackNameFor(stage),
    });
    this.stage = stage;
    this.settings = resolveSettings(props.settings);
    const settings = this.settings;
    const removalPolicy = removalPolicyFor(stage);
    const namePrefix = resourcePrefixFor(stage);

    Tags.of(this).add('project', 'scrape-clean');
    Tags.of(this).add('stage', stage);

    this.encryptionKey = settings.kms
      ? new Key(this, 'Key', {
          description: `scrape-clean ${stage}: raw and clean buckets, queues and alarm topic`,
          enableKeyRotation: true,
          pendingWindow: KEY_DELETION_WINDOW,
          // A retained bucket is unreadable without its key.
          removalPolicy,
        })
      : undefined;
    if (this.encryptionKey) {
      // The stage's log groups are encrypted with the key too: CloudWatch Logs must be allowed to
      // use it, for the log groups of this account and region (CloudWatch Logs user guide,
      // "Encrypt log data in CloudWatch Logs using AWS Key Management Service").
      this.encryptionKey.addToResourcePolicy(
        new PolicyStatement({
          sid: 'CloudWatchLogsEncryptsTheStageLogGroups',
          effect: Effect.ALLOW,
          principals: [new ServicePrincipal(`logs.${this.region}.amazonaws.com`)],
          actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
          resources: ['*'],
          conditions: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:${this.partition}:logs:${this.region}:${this.account}:log-group:*` } },
        }),
      );
    }

    // Server access logs must go to a bucket with S3-managed encryption (S3 user guide,
    // "Enabling Amazon S3 server access logging"), whatever the KMS option.
    this.accessLogsBucket = new SecureBucket(this, 'AccessLogsBucket', {
      removalPolicy,
      lifecycleRules: [{ id: 'expire-access-logs', expiration: ACCESS_LOG_EXPIRATION }],
    });

    this.rawBucket = new SecureBucket(this, 'RawBucket', {
      removalPolicy,
      encryptionKey: this.encryptionKey,
      versioned: true,
      accessLogs: { bucket: this.accessLogsBucket, prefix: 'raw/' },
      lifecycleRules: [
        { id: 'expire-noncurrent-versions', noncurrentVersionExpiration: RAW_NONCURRENT_VERSION_EXPIRATION },
      ],
    });

    // Versioned: a document overwritten by a reprocessing can be restored. The function's
    // conditional writes (If-Match / If-None-Match, src/pipeline/output-write.ts) compare with the
    // current version, as on an unversioned bucket.
    this.cleanBucket = new SecureBucket(this, 'CleanBucket', {
      removalPolicy,
      encryptionKey: this.encryptionKey,
      versioned: true,
      accessLogs: { bucket: this.accessLogsBucket, prefix: 'clean/' },
      lifecycleRules: [
        { id: 'expire-warc-parts', prefix: WARC_PIPELINE_DEFAULTS.partsPrefix, expiration: Duration.days(WARC_PARTS_EXPIRATION_DAYS) },
        { id: 'expire-noncurrent-versions', noncurrentVersionExpiration: CLEAN_NONCURRENT_VERSION_EXPIRATION },
        // The expired WARC parts leave delete markers with no version behind them once those expire.
        { id: 'remove-expired-delete-markers', expiredObjectDeleteMarker: true },
      ],
    });

    const ingest = new IngestQueue(this, 'Ingest', {
      visibilityTimeout: Duration.seconds(visibilityTimeoutSeconds(settings)),
      maxReceiveCount: settings.maxReceiveCount,
      encryptionKey: this.encryptionKey,
      removalPolicy,
    });
    this.queue = ingest.queue;
    this.deadLetterQueue = ingest.deadLetterQueue;

    // One notification per suffix (S3 filters take one prefix and one suffix each); no filter
    // at all when neither is set.
    const destination = new SourceBucketQueueDestination(this.queue);
    const prefix = settings.prefix === '' ? undefined : settings.prefix;
    const filters: NotificationKeyFilter[][] =
      settings.suffixes.length > 0
        ? settings.suffixes.map((suffix) => [{ prefix, suffix }])
        : [prefix === undefined ? [] : [{ prefix }]];
    for (const filter of filters) {
      this.rawBucket.addEventNotification(EventType.OBJECT_CREATED, destination, ...filter);
    }

    const cleaner = new CleanFunction(this, 'Clean', {
      functionName: namePrefix,
      entry: props.handlerEntry ?? HANDLER_ENTRY,
      projectRoot: PROJECT_ROOT,
      rawBucket: this.rawBucket,
      cleanBucket: this.cleanBucket,
      settings,
      serviceName: namePrefix,
      metricsNamespace: METRICS_NAMESPACE,
      encryptionKey: this.encryptionKey,
      removalPolicy,
    });
    this.cleanFunction = cleaner.function;
    if (settings.reservedConcurrency === undefined) acknowledgeCheckov(this.cleanFunction, 'CKV_AWS_115');
    this.logGroup = cleaner.logGroup;
    // A WARC file too long for one invocation is continued by a message to this same queue.
    this.cleanFunction.addEnvironment(WARC_QUEUE_URL_ENV, this.queue.queueUrl);
    cleaner.role.addToPolicy(
      new PolicyStatement({ sid: 'SendWarcContinuations', effect: Effect.ALLOW, actions: ['sqs:SendMessage'], resources: [this.queue.queueArn] }),
    );
    this.cleanFunction.addEventSource(
      new SqsEventSource(this.queue, {
        batchSize: settings.batchSize,
        maxBatchingWindow:
          settings.batchingWindowSeconds > 0 ? Duration.seconds(settings.batchingWindowSeconds) : undefined,
        maxConcurrency: settings.maxConcurrency,
        // The handler returns { batchItemFailures }: only the failed records come back.
        reportBatchItemFailures: true,
      }),
    );

    this.alarmTopic = new Topic(this, 'AlarmTopic', {
      displayName: `scrape-clean ${stage} alarms`,
      enforceSSL: true,
      masterKey: this.encryptionKey,
    });
    if (!this.encryptionKey) acknowledgeCheckov(this.alarmTopic, 'CKV_AWS_26');
    if (this.encryptionKey) {
      // CloudWatch publishes alarm notifications to the encrypted topic (SNS developer guide,
      // "Encrypting messages published to Amazon SNS with AWS KMS", CloudWatch alarms).
      this.encryptionKey.grant(new ServicePrincipal(CLOUDWATCH_SERVICE_PRINCIPAL), 'kms:Decrypt', 'kms:GenerateDataKey');
    }
    if (settings.alarmEmail) {
      this.alarmTopic.addSubscription(new EmailSubscription(settings.alarmEmail));
    }
    this.alarms = new PipelineAlarms(this, 'Alarms', {
      namePrefix,
      queue: this.queue,
      deadLetterQueue: this.deadLetterQueue,
      function: this.cleanFunction,
      topic: this.alarmTopic,
      oldestMessageAlarmMinutes: settings.oldestMessageAlarmMinutes,
    });

    this.addOutputs();
    acknowledgeCdkHelpers(this);
  }

  private addOutputs(): void {
    const outputs: Record<string, { value: string; description: string }> = {
      Stage: {
        value: this.stage,
        description: isProduction(this.stage) ? 'Production stage: data is retained on destroy' : 'Stage (destroyed with its data)',
      },
      RawBucketName: { value: this.rawBucket.bucketName, description: 'Drop scrapes here' },
      CleanBucketName: { value: this.cleanBucket.bucketName, description: 'Clean JSON documents and error records' },
      QueueUrl: { value: this.queue.queueUrl, description: 'Notifications waiting for the clean function' },
      DeadLetterQueueUrl: {
        value: this.deadLetterQueue.queueUrl,
        description: 'Notifications given up on after every retry',
      },
      FunctionName: { value: this.cleanFunction.functionName, description: 'The clean function' },
      LogGroupName: { value: this.logGroup.logGroupName, description: 'Logs of the clean function' },
      AlarmTopicArn: { value: this.alarmTopic.topicArn, description: 'Alarm notifications (subscribe to it)' },
    };
    for (const [id, { value, description }] of Object.entries(outputs)) {
      new CfnOutput(this, id, { value, description });
    }
  }
}
