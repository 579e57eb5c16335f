/**
 * S3 → SQS notification destination that lets only the raw bucket, in this account, send to
 * the queue. CDK's own SqsDestination grants s3.amazonaws.com three actions on the bucket ARN
 * alone; this one grants the single action S3 uses, on the bucket ARN and the account
 * (aws:SourceAccount guards against a bucket of the same name re-created in another account).
 */
import { Stack } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import {
  BucketNotificationDestinationType,
  type BucketNotificationDestinationConfig,
  type IBucketNotificationDestination,
  type IBucketRef,
} from 'aws-cdk-lib/aws-s3';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

export const S3_SERVICE_PRINCIPAL = 's3.amazonaws.com';

export class SourceBucketQueueDestination implements IBucketNotificationDestination {
  constructor(private readonly queue: IQueue) {}

  bind(scope: Construct, bucket: IBucketRef): BucketNotificationDestinationConfig {
    this.queue.addToResourcePolicy(
      new PolicyStatement({
        sid: 'AllowNotificationsFromRawBucket',
        principals: [new ServicePrincipal(S3_SERVICE_PRINCIPAL)],
        actions: ['sqs:SendMessage'],
        resources: [this.queue.queueArn],
        conditions: {
          ArnEquals: { 'aws:SourceArn': bucket.bucketRef.bucketArn },
          StringEquals: { 'aws:SourceAccount': Stack.of(scope).account },
        },
      }),
    );
    const key = this.queue.encryptionMasterKey;
    if (key) {
      // S3 encrypts the message it sends with the queue's key. This is the key policy statement
      // of the S3 user guide ("Walkthrough: Configuring a bucket for notifications", encrypted
      // queues), without conditions: the guide documents none that S3 sets on these KMS calls.
      // In a key policy, "*" means this key.
      key.addToResourcePolicy(
        new PolicyStatement({
          sid: 'AllowS3NotificationsToEncryptedQueue',
          principals: [new ServicePrincipal(S3_SERVICE_PRINCIPAL)],
          actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
          resources: ['*'],
        }),
      );
    }
    // The notification is configured after the queue and its policy exist: S3 checks that it
    // may send to the queue when the configuration is written.
    return { arn: this.queue.queueArn, type: BucketNotificationDestinationType.QUEUE, dependencies: [this.queue] };
  }
}
