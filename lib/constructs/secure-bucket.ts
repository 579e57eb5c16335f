/**
 * The one place for the defaults every bucket of the stack shares: no public access, TLS 1.2+
 * only, bucket-owner-enforced object ownership (no ACLs), encryption at rest, incomplete
 * multipart uploads cleaned up, and a removal policy that matches the stage.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  ObjectOwnership,
  type IBucket,
  type LifecycleRule,
} from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';

/** S3's own recommendation for cleaning up abandoned multipart uploads. */
export const ABORT_INCOMPLETE_UPLOADS_AFTER = Duration.days(7);

/** Oldest TLS version a client may use (adds a Deny on `s3:TlsVersion` below it). */
export const MINIMUM_TLS_VERSION = 1.2;

export interface SecureBucketProps {
  /**
   * RETAIN keeps the bucket and its objects on `cdk destroy`; DESTROY deletes both (the objects
   * through CDK's auto-delete custom resource).
   */
  readonly removalPolicy: RemovalPolicy;
  /** Encrypt with this customer-managed key (with an S3 Bucket Key). @default S3-managed keys */
  readonly encryptionKey?: IKey;
  /** @default false */
  readonly versioned?: boolean;
  /** Write server access logs to this bucket, under this prefix. @default no access logs */
  readonly accessLogs?: { readonly bucket: IBucket; readonly prefix: string };
  /** Rules added after the multipart-upload cleanup. @default none */
  readonly lifecycleRules?: LifecycleRule[];
}

export class SecureBucket extends Bucket {
  constructor(scope: Construct, id: string, props: SecureBucketProps) {
    super(scope, id, {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      minimumTLSVersion: MINIMUM_TLS_VERSION,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      encryption: props.encryptionKey ? BucketEncryption.KMS : BucketEncryption.S3_MANAGED,
      encryptionKey: props.encryptionKey,
      // One data key per bucket instead of one KMS call per object.
      bucketKeyEnabled: props.encryptionKey ? true : undefined,
      versioned: props.versioned ?? false,
      serverAccessLogsBucket: props.accessLogs?.bucket,
      serverAccessLogsPrefix: props.accessLogs?.prefix,
      lifecycleRules: [
        { id: 'abort-incomplete-multipart-uploads', abortIncompleteMultipartUploadAfter: ABORT_INCOMPLETE_UPLOADS_AFTER },
        ...(props.lifecycleRules ?? []),
      ],
      removalPolicy: props.removalPolicy,
      autoDeleteObjects: props.removalPolicy === RemovalPolicy.DESTROY,
    });
  }
}
