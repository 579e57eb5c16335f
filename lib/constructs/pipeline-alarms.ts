/**
 * The three alarms of the pipeline, all notifying one SNS topic (alarm and back to OK):
 * - a message in the dead-letter queue: a document was given up on after every retry;
 * - function errors: invocations that failed as a whole (crash, timeout, out of memory);
 *   records that fail alone are reported as batch item failures and retried instead;
 * - the age of the oldest queued message: the pipeline is falling behind or retrying.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export const CLOUDWATCH_SERVICE_PRINCIPAL = 'cloudwatch.amazonaws.com';

/** SQS sends its metrics to CloudWatch every minute, the finest period that has data. */
export const QUEUE_ALARM_PERIOD = Duration.minutes(1);
/** Lambda errors summed over five minutes: one e-mail per incident, not one per invocation. */
export const ERRORS_ALARM_PERIOD = Duration.minutes(5);

export interface PipelineAlarmsProps {
  /** Alarm names start with this (contains the stage: names are unique per account and region). */
  readonly namePrefix: string;
  readonly queue: IQueue;
  readonly deadLetterQueue: IQueue;
  readonly function: IFunction;
  readonly topic: ITopic;
  readonly oldestMessageAlarmMinutes: number;
}

export class PipelineAlarms extends Construct {
  readonly deadLetterMessages: Alarm;
  readonly functionErrors: Alarm;
  readonly oldestMessageAge: Alarm;

  constructor(scope: Construct, id: string, props: PipelineAlarmsProps) {
    super(scope, id);
    const common = {
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      // No data means an idle queue or function: nothing is wrong.
      treatMissingData: TreatMissingData.NOT_BREACHING,
    };

    this.deadLetterMessages = new Alarm(this, 'DeadLetterMessages', {
      ...common,
      alarmName: `${props.namePrefix}-dead-letter-messages`,
      alarmDescription:
        'Messages are waiting in the dead-letter queue: objects of the raw bucket were not cleaned after every retry. ' +
        'Read them, fix the cause, then redrive them to the queue.',
      metric: props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
        period: QUEUE_ALARM_PERIOD,
        statistic: 'Maximum',
      }),
      threshold: 1,
    });

    this.functionErrors = new Alarm(this, 'FunctionErrors', {
      ...common,
      alarmName: `${props.namePrefix}-function-errors`,
      alarmDescription:
        'The clean function failed whole invocations (crash, timeout or out of memory); their messages are retried, ' +
        'then moved to the dead-letter queue. See the function log group.',
      metric: props.function.metricErrors({ period: ERRORS_ALARM_PERIOD, statistic: 'Sum' }),
      threshold: 1,
    });

    this.oldestMessageAge = new Alarm(this, 'OldestMessageAge', {
      ...common,
      alarmName: `${props.namePrefix}-oldest-message-age`,
      alarmDescription:
        `The oldest message in the queue has waited ${props.oldestMessageAlarmMinutes} minutes or more: ` +
        'the function is falling behind (maximum concurrency, throttling) or retrying failures.',
      metric: props.queue.metricApproximateAgeOfOldestMessage({
        period: QUEUE_ALARM_PERIOD,
        statistic: 'Maximum',
      }),
      threshold: Duration.minutes(props.oldestMessageAlarmMinutes).toSeconds(),
    });

    const alarms = [this.deadLetterMessages, this.functionErrors, this.oldestMessageAge];
    const action = new SnsAction(props.topic);
    for (const alarm of alarms) {
      alarm.addAlarmAction(action);
      alarm.addOkAction(action);
    }
    // A topic policy replaces SNS's default one, which is what lets services of the account
    // publish; so CloudWatch is allowed explicitly, for these alarms only (CloudWatch user
    // guide, "Amazon SNS topic policy for alarm actions").
    props.topic.addToResourcePolicy(
      new PolicyStatement({
        sid: 'AllowPipelineAlarms',
        principals: [new ServicePrincipal(CLOUDWATCH_SERVICE_PRINCIPAL)],
        actions: ['sns:Publish'],
        resources: [props.topic.topicArn],
        conditions: {
          ArnEquals: { 'aws:SourceArn': alarms.map((alarm) => alarm.alarmArn) },
          StringEquals: { 'aws:SourceAccount': Stack.of(this).account },
        },
      }),
    );
  }
}
