/**
 * The queue between the raw bucket and the function, and its dead-letter queue: both encrypted
 * (SQS-managed keys, or the stack's KMS key) and refusing requests without TLS.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/**
 * The dead-letter queue keeps failed messages as long as SQS allows (the issue: 14 days), for a
 * person to look at and redrive.
 */
export const DEAD_LETTER_RETENTION = Duration.days(14);

/**
 * The main queue keeps the SQS default of 4 days. SQS counts a message's age from its first
 * enqueue, also in the dead-letter queue, so the dead-letter queue must keep messages longer
 * than the source queue (SQS developer guide, "Using dead-letter queues").
 */
export const QUEUE_RETENTION = Duration.days(4);

export interface IngestQueueProps {
  /** At least 6 × the function timeout (see visibilityTimeoutSeconds in ../settings.ts). */
  readonly visibilityTimeout: Duration;
  /** Receives before a message moves to the dead-letter queue. */
  readonly maxReceiveCount: number;
  /** @default SQS-managed encryption (SSE-SQS) */
  readonly encryptionKey?: IKey;
  readonly removalPolicy: RemovalPolicy;
}

export class IngestQueue extends Construct {
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: IngestQueueProps) {
    super(scope, id);
    const encryption = props.encryptionKey
      ? { encryption: QueueEncryption.KMS, encryptionMasterKey: props.encryptionKey }
      : { encryption: QueueEncryption.SQS_MANAGED };

    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      ...encryption,
      enforceSSL: true,
      retentionPeriod: DEAD_LETTER_RETENTION,
      removalPolicy: props.removalPolicy,
    });

    this.queue = new Queue(this, 'Queue', {
      ...encryption,
      enforceSSL: true,
      visibilityTimeout: props.visibilityTimeout,
      retentionPeriod: QUEUE_RETENTION,
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: props.maxReceiveCount },
      removalPolicy: props.removalPolicy,
    });
  }
}
