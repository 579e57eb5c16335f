/**
 * cdk-nag: the AwsSolutions rules run on every synth of the app, and any finding that is not
 * acknowledged fails the synth. Acknowledgements sit next to the resource they concern, one per
 * finding, each with the reason a reviewer needs.
 */
import { Stack, Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference.js';
import type { IConstruct } from 'constructs';

/** Registers the AwsSolutions pack as a validation plugin of the app: findings fail `synth`. */
export function addComplianceChecks(app: App): AwsSolutionsChecks {
  const checks = new AwsSolutionsChecks(app, { verbose: true });
  Validations.of(app).addPlugins(checks);
  return checks;
}

export interface WildcardAcknowledgement {
  /** The resource ARN with a wildcard, as given to the policy statement (tokens allowed). */
  readonly arn: string;
  readonly reason: string;
}

/**
 * Acknowledges cdk-nag's AwsSolutions-IAM5 finding for each object ARN pattern, by its exact
 * finding id (`AwsSolutions-IAM5[Resource::<Bucket.Arn>/prefix*]`), so that any other wildcard
 * still fails the synth.
 */
export function acknowledgeObjectWildcards(scope: IConstruct, entries: readonly WildcardAcknowledgement[]): void {
  const stack = Stack.of(scope);
  for (const { arn, reason } of entries) {
    Validations.of(scope).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${flattenCfnReference(stack.resolve(arn))}]`,
      reason,
    });
  }
}

/** The managed policy every CDK-provided Lambda helper's role gets. */
export const LAMBDA_BASIC_EXECUTION_POLICY_FINDING =
  'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]';

/**
 * Acknowledges the findings on the deploy-time helpers aws-cdk-lib adds to the stack (the S3
 * notification handler), which this project does not write and cannot shape. Throws when a
 * helper the stack relies on is missing, so a CDK change surfaces here rather than as an
 * unexplained finding.
 */
export function acknowledgeCdkHelpers(stack: Stack): void {
  const notificationsHandler = stack.node.children.find((child) =>
    child.node.id.startsWith('BucketNotificationsHandler'),
  );
  if (!notificationsHandler) {
    throw new Error(`${stack.stackName}: aws-cdk-lib's BucketNotificationsHandler was not found; review the cdk-nag acknowledgements`);
  }
  Validations.of(notificationsHandler).acknowledge({
    id: LAMBDA_BASIC_EXECUTION_POLICY_FINDING,
    reason:
      "aws-cdk-lib's S3 notification handler runs only during deployments, to write the raw bucket's notification " +
      'configuration (its own policy is s3:PutBucketNotification on that bucket); AWSLambdaBasicExecutionRole only lets ' +
      'it write its own CloudWatch logs.',
  });
}
