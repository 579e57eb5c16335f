/**
 * Every finding of the field's template linters that the project accepts, in one place, each
 * with its reason. `npm run lint:templates` (scripts/lint-templates.ts) runs cfn-lint on every
 * synthesized variant of the stack and fails on any error or warning not listed here; checkov's
 * findings are acknowledged in the templates themselves (Metadata `checkov.skip`, which checkov
 * reads), from the entries below, by `acknowledgeCheckov` at the resource concerned.
 * (cdk-nag's acknowledgements stay next to the constructs they concern: see ./nag.ts.)
 */
import { CfnResource } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

export interface CfnLintAcknowledgement {
  /** cfn-lint rule id. */
  readonly rule: string;
  /** Logical ids (prefixes: CDK appends a hash) the acknowledgement covers; every resource when absent. */
  readonly resources?: readonly string[];
  readonly reason: string;
}

export const CFN_LINT_ACKNOWLEDGEMENTS: readonly CfnLintAcknowledgement[] = [
  {
    rule: 'W3005',
    resources: [
      'CustomS3AutoDeleteObjectsCustomResourceProvider',
      'BucketNotificationsHandler',
      'RawBucketNotifications',
      'CleanFunction',
      'BackfillSummaryFunction',
      'BackfillStateMachine',
    ],
    reason:
      'aws-cdk-lib adds a DependsOn on a role beside the GetAtt of its ARN that already orders them (a Lambda function ' +
      'and a state machine on their roles, the S3 auto-delete and bucket-notification helpers on theirs, the ' +
      'notification configuration on the queue). Redundant and harmless; the library writes it (together with the ' +
      'dependency on the role\'s policy, which is needed), and removing it would take escape hatches on CDK internals.',
  },
];

export interface CheckovAcknowledgement {
  readonly reason: string;
}

export const CHECKOV_ACKNOWLEDGEMENTS = {
  CKV_AWS_26: {
    reason:
      'Without -c kms=true the alarm topic is not encrypted: CloudWatch alarms cannot publish to a topic encrypted ' +
      "with the AWS-managed key (alias/aws/sns), whose key policy cannot grant cloudwatch.amazonaws.com its use (SNS " +
      'developer guide, "Key management"), so encrypting with it would silently drop every alarm notification. The ' +
      'topic carries alarm state changes only, no data. With -c kms=true it is encrypted with the stage\'s ' +
      'customer-managed key, whose policy lets CloudWatch use it.',
  },
  CKV_AWS_115: {
    reason:
      'No reserved concurrency by default: an account can only reserve what leaves 100 executions unreserved, so on a ' +
      "new account (quota 10) any reservation fails the deploy. The function's concurrency is bounded anyway by the " +
      "queue's MaximumConcurrency (maxConcurrency) and the backfill's MaxConcurrency; -c reservedConcurrency=N reserves " +
      'it on an account with room.',
  },
} as const satisfies Record<string, CheckovAcknowledgement>;

export type CheckovRule = keyof typeof CHECKOV_ACKNOWLEDGEMENTS;

/** Adds checkov's skip of `rule` (with its reason from CHECKOV_ACKNOWLEDGEMENTS) to the resource's Metadata. */
export function acknowledgeCheckov(construct: IConstruct, rule: CheckovRule): void {
  const resource = construct instanceof CfnResource ? construct : construct.node.defaultChild;
  if (!(resource instanceof CfnResource)) throw new Error(`acknowledgeCheckov: ${construct.node.path} has no CloudFormation resource`);
  const existing = (resource.getMetadata('checkov') as { skip?: Array<{ id: string; comment: string }> } | undefined)?.skip ?? [];
  resource.addMetadata('checkov', { skip: [...existing, { id: rule, comment: CHECKOV_ACKNOWLEDGEMENTS[rule].reason }] });
}
