/**
 * The backfill state machine, in the Amazon States Language with JSONata, as plain data: one
 * pure function of the settings, with `${Name}` placeholders for the resources (filled by the
 * state machine's definitionSubstitutions in ./backfill.ts). Kept apart from CDK so that tests
 * validate it (asl-validator) and run its batch workflow step by step (test/backfill).
 *
 *   Configure → CheckInput ─┬─ FromListing   (Distributed Map, ItemReader s3:listObjectsV2)  ─┐
 *                           ├─ FromInventory (Distributed Map, ItemReader S3 Inventory manifest)├→ Summarize → Finished?
 *                           └─ WrongBucket | PrefixOutsidePipeline | NoInventory (Fail)         ┘     (summary function)
 *
 * Each Distributed Map batches objects (ItemBatcher) in the internal format of
 * src/pipeline/object-message.ts and hands each batch to a child workflow (BATCH_WORKFLOW):
 *
 *   Prepare → Process (lambda:invoke the clean function) → Settled? ─ yes → Done
 *                  ↑                                         │ transient failures left, attempts left
 *                  └──────────────── Backoff (Wait) ←────────┤
 *                                                            └ attempts used up → DeadLetterRest (sqs:sendMessage to the
 *                                                              live pipeline's dead-letter queue) → Done
 *   Process fails as a whole (after its own retries) → DeadLetterBatch → BatchFailed (Fail)
 *
 * The clean function answers with the final outcome of every object and the objects that failed
 * transiently; only those are sent again, after a backoff that doubles, so the outcome of each
 * object is the one of the attempt that settled it (an object written on the first attempt is
 * reported written, not "up to date" by a retry of its whole batch). A child workflow's output is
 * the list of its objects' outcomes; the ResultWriter stores those in the clean bucket, and the
 * summary function adds them up.
 */
import { BACKFILL_ERRORS, MALFORMED_NOTIFICATION_ERROR, OBJECT_MESSAGE_KIND } from '../src/pipeline/contract.js';
import type { BackfillSettings } from './backfill-settings.js';

/** Placeholders of the definition, filled by definitionSubstitutions. */
export const BACKFILL_SUBSTITUTIONS = [
  'CleanFunctionArn',
  'SummaryFunctionArn',
  'RawBucket',
  'CleanBucket',
  'DeadLetterQueueUrl',
  'InventoryBucket',
] as const;
export type BackfillSubstitution = (typeof BACKFILL_SUBSTITUTIONS)[number];

const sub = (name: BackfillSubstitution) => `\${${name}}`;

/** Errors of a Lambda invocation that are the Lambda service's, per the Step Functions guide's retry advice. */
export const LAMBDA_SERVICE_ERRORS = ['Lambda.ServiceException', 'Lambda.AWSLambdaException', 'Lambda.SdkClientException'];
/** Throttled invocations (the function's concurrency is shared with the live queue): retried longer. */
export const LAMBDA_THROTTLING_ERRORS = ['Lambda.TooManyRequestsException'];
export const THROTTLING_RETRY = { IntervalSeconds: 2, MaxAttempts: 6, BackoffRate: 2, JitterStrategy: 'FULL' } as const;
/**
 * Upper bound of a batch's input (ItemBatcher MaxInputBytesPerBatch). A state holds at most
 * 256 KiB, and a batch's outcomes are about as large as its input plus one error message per
 * object (300 characters at most): 64 KiB of input leaves room for both.
 */
export const MAX_INPUT_BYTES_PER_BATCH = 64 * 1024;

export interface BackfillDefinitionOptions {
  readonly settings: BackfillSettings;
  /** The stage's prefix setting: the default prefix, and a bound for the one given. */
  readonly pipelinePrefix: string;
  /** Whether the FromInventory branch exists (an inventory is configured). */
  readonly inventory: boolean;
  /** Key prefix of the inventory reports in the InventoryBucket. */
  readonly inventoryPrefix: string;
}

type State = Record<string, unknown>;

const lambdaRetry = (settings: BackfillSettings) => [
  { ErrorEquals: [MALFORMED_NOTIFICATION_ERROR], MaxAttempts: 0 },
  { ErrorEquals: LAMBDA_THROTTLING_ERRORS, ...THROTTLING_RETRY },
  // Everything else about an invocation (the Lambda service, the function crashing, timing out or
  // running out of memory): the same attempts and backoff as for an object.
  { ErrorEquals: ['States.ALL'], IntervalSeconds: settings.backoffSeconds, MaxAttempts: settings.attempts - 1, BackoffRate: 2, JitterStrategy: 'FULL' },
];

const SQS_RETRY = [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 1, MaxAttempts: 5, BackoffRate: 2, JitterStrategy: 'FULL' }];

/** A message in the internal format carrying the objects not settled yet. */
const DEAD_LETTER_BODY = `{% $string({ 'kind': '${OBJECT_MESSAGE_KIND}', 'objects': $pending }) %}`;

/** The child workflow of one batch (input: { Items: [objects], BatchInput: { force } }). */
export function batchWorkflow(settings: BackfillSettings): { StartAt: string; States: Record<string, State> } {
  return {
    StartAt: 'Prepare',
    States: {
      Prepare: {
        Type: 'Pass',
        Comment: 'Objects not settled yet (all of them), outcomes so far (none), attempts made (none).',
        Assign: {
          pending: '{% $states.input.Items %}',
          force: '{% $states.input.BatchInput.force = true %}',
          done: [],
          failing: [],
          attempt: 0,
        },
        Next: 'Process',
      },
      Process: {
        Type: 'Task',
        Comment: 'The clean function, as for the live queue: same code, idempotency stamps, logs and metrics.',
        Resource: 'arn:aws:states:::lambda:invoke',
        Arguments: {
          FunctionName: sub('CleanFunctionArn'),
          Payload: { kind: OBJECT_MESSAGE_KIND, objects: '{% $pending %}', force: '{% $force %}' },
        },
        Assign: {
          done: '{% $append($done, $states.result.Payload.outcomes) %}',
          failing: '{% $states.result.Payload.failing %}',
          pending: '{% $states.result.Payload.retry %}',
          attempt: '{% $attempt + 1 %}',
        },
        Retry: lambdaRetry(settings),
        Catch: [{ ErrorEquals: ['States.ALL'], Assign: { error: '{% $states.errorOutput %}' }, Next: 'DeadLetterBatch' }],
        Next: 'Settled?',
      },
      'Settled?': {
        Type: 'Choice',
        Choices: [
          { Condition: '{% $count($pending) = 0 %}', Next: 'Done' },
          { Condition: `{% $attempt < ${settings.attempts} %}`, Next: 'Backoff' },
        ],
        Default: 'DeadLetterRest',
      },
      Backoff: {
        Type: 'Wait',
        Comment: 'Only the objects that failed transiently are sent again, after a backoff that doubles.',
        Seconds: `{% ${settings.backoffSeconds} * $power(2, $attempt - 1) %}`,
        Next: 'Process',
      },
      DeadLetterRest: {
        Type: 'Task',
        Comment: "Objects still failing after the last attempt go to the live pipeline's dead-letter queue, in the internal format (redrive them to the queue once the cause is fixed).",
        Resource: 'arn:aws:states:::sqs:sendMessage',
        Arguments: { QueueUrl: sub('DeadLetterQueueUrl'), MessageBody: DEAD_LETTER_BODY },
        Retry: SQS_RETRY,
        Catch: [{ ErrorEquals: ['States.ALL'], Assign: { error: '{% $states.errorOutput %}' }, Next: 'DeadLetterFailed' }],
        Output: `{% $append($done, [$failing.{ 'key': key, 'outcome': 'dead-lettered', 'code': code, 'message': message }]) %}`,
        End: true,
      },
      Done: { Type: 'Succeed', Output: '{% $done %}' },
      DeadLetterBatch: {
        Type: 'Task',
        Comment: 'Invoking the function kept failing: the objects not settled yet go to the dead-letter queue, and the batch fails (it counts against the tolerated failures).',
        Resource: 'arn:aws:states:::sqs:sendMessage',
        Arguments: { QueueUrl: sub('DeadLetterQueueUrl'), MessageBody: DEAD_LETTER_BODY },
        Retry: SQS_RETRY,
        Catch: [{ ErrorEquals: ['States.ALL'], Next: 'DeadLetterFailed' }],
        Next: 'BatchFailed',
      },
      BatchFailed: {
        Type: 'Fail',
        Error: BACKFILL_ERRORS.batchDeadLettered,
        Cause: batchFailureCause(),
      },
      DeadLetterFailed: {
        Type: 'Fail',
        Error: BACKFILL_ERRORS.deadLetterFailed,
        Cause: batchFailureCause(),
      },
    },
  };
}

/**
 * The cause of a failed batch, as JSON for the summary: why, how many of its objects were not
 * settled (dead-lettered, or not even that) and how many an earlier attempt had settled.
 */
function batchFailureCause(): string {
  return (
    "{% $string({ 'error': $exists($error.Error) ? $error.Error : 'Unknown', " +
    "'cause': $exists($error.Cause) ? $substring($error.Cause, 0, 2000) : '', " +
    "'unsettled': $count($pending), 'settled': $count($done) }) %}"
  );
}

/**
 * The same workflow with every state renamed: state names are unique across a state machine,
 * nested workflows included, and each Distributed Map has its own copy.
 */
export function renameStates(workflow: { StartAt: string; States: Record<string, State> }, rename: (name: string) => string): { StartAt: string; States: Record<string, State> } {
  const next = (state: State): State => {
    const copy: State = { ...state };
    for (const field of ['Next', 'Default'] as const) if (typeof copy[field] === 'string') copy[field] = rename(copy[field]);
    for (const field of ['Choices', 'Catch'] as const) {
      if (Array.isArray(copy[field])) copy[field] = (copy[field] as State[]).map((rule) => (typeof rule.Next === 'string' ? { ...rule, Next: rename(rule.Next) } : rule));
    }
    return copy;
  };
  return {
    StartAt: rename(workflow.StartAt),
    States: Object.fromEntries(Object.entries(workflow.States).map(([name, state]) => [rename(name), next(state)])),
  };
}

/**
 * The Distributed Map of one source. `itemSelector` turns a reader's item into an object of the
 * internal format; `reader` is the ItemReader; `rename` names the states of its batch workflow.
 */
function distributedMap(settings: BackfillSettings, reader: State, itemSelector: ItemSelector, label: string, rename: (name: string) => string = (name) => name): State {
  return {
    Type: 'Map',
    Label: label,
    ItemReader: reader,
    ItemSelector: itemSelector,
    ItemBatcher: {
      MaxItemsPerBatch: settings.batchSize,
      MaxInputBytesPerBatch: MAX_INPUT_BYTES_PER_BATCH,
      BatchInput: { force: '{% $states.input.force %}' },
    },
    MaxConcurrency: settings.maxConcurrency,
    ToleratedFailurePercentage: settings.toleratedFailurePercentage,
    ItemProcessor: {
      // STANDARD child workflows: a batch may wait through backoffs and several invocations of up
      // to the function's timeout each, longer than an EXPRESS workflow's 5 minutes; each runs
      // exactly once, and its history can be looked at when a batch failed.
      ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
      ...renameStates(batchWorkflow(settings), rename),
    },
    ResultWriter: {
      Resource: 'arn:aws:states:::s3:putObject',
      Arguments: { Bucket: sub('CleanBucket'), Prefix: `{% '${settings.resultsPrefix}' & $states.context.Execution.Name %}` },
      // One line per child workflow, with its input, output or error (Transformation NONE): the
      // summary function reads the files line by line, whatever their size.
      WriterConfig: { OutputType: 'JSONL', Transformation: 'NONE' },
    },
    Output: "{% $merge([$states.input, { 'mapRun': $states.result }]) %}",
    Catch: [{ ErrorEquals: ['States.ALL'], Output: "{% $merge([$states.input, { 'mapError': $states.errorOutput }]) %}", Next: 'Summarize' }],
    Next: 'Summarize',
  };
}

/**
 * An ItemSelector: an object whose fields are JSONata expressions, one per field of the internal
 * format. (A single JSONata expression building the whole object is valid States Language too,
 * but cfn-lint's schema of ItemSelector knows the object form only, and the two mean the same.)
 * A field evaluating to undefined fails the state (States.QueryEvaluationError): absent values
 * are given as null, which the internal format reads as absent (src/pipeline/object-message.ts).
 */
export type ItemSelector = Readonly<Record<string, string>>;

/** The item a Map state's ItemSelector reads. */
const ITEM = '$states.context.Map.Item.Value';

/**
 * An item of ListObjectsV2 ({ Key, Etag, Size, … }; the ETag field is spelled Etag in Step
 * Functions' items, ETag accepted too) as an object of the internal format. Keys are raw.
 */
export const LISTING_ITEM_SELECTOR: ItemSelector = {
  bucket: sub('RawBucket'),
  key: `{% ${ITEM}.Key %}`,
  etag: `{% $exists(${ITEM}.Etag) ? ${ITEM}.Etag : $exists(${ITEM}.ETag) ? ${ITEM}.ETag : null %}`,
  size: `{% $exists(${ITEM}.Size) ? ${ITEM}.Size : null %}`,
};

/**
 * An item of an S3 Inventory CSV ({ Bucket, Key, Size, ETag, … }, all strings) as an object of
 * the internal format. Inventory CSV files URL-encode the key (S3 user guide, "Amazon S3
 * Inventory list": "the key name is URL-encoded and must be decoded"), like event notifications:
 * `+` is a space, so it becomes one before the percent-decoding (src/pipeline/event-keys.ts).
 */
export const INVENTORY_ITEM_SELECTOR: ItemSelector = {
  bucket: `{% ${ITEM}.Bucket %}`,
  key: `{% $decodeUrlComponent($replace(${ITEM}.Key, '+', ' ')) %}`,
  etag: `{% $exists(${ITEM}.ETag) ? ${ITEM}.ETag : null %}`,
  size: `{% ${ITEM}.Size ? $number(${ITEM}.Size) : null %}`,
};

export function backfillDefinition(options: BackfillDefinitionOptions): Record<string, unknown> {
  const { settings, pipelinePrefix } = options;
  const choices: State[] = [
    { Condition: `{% $exists($states.input.bucket) and $states.input.bucket != '${sub('RawBucket')}' %}`, Next: 'WrongBucket' },
    options.inventory
      ? { Condition: "{% $states.input.manifestKey != '' %}", Next: 'FromInventory' }
      : { Condition: "{% $states.input.manifestKey != '' %}", Next: 'NoInventory' },
    {
      Condition: `{% $substring($states.input.prefix, 0, ${pipelinePrefix.length}) != '${pipelinePrefix}' %}`,
      Next: 'PrefixOutsidePipeline',
    },
  ];
  const states: Record<string, State> = {
    Configure: {
      Type: 'Pass',
      Comment: 'The input with its defaults: { prefix, manifestKey, force, bucket? }.',
      Output:
        "{% ($in := $type($states.input) = 'object' ? $states.input : {}; { " +
        `'prefix': $exists($in.prefix) ? $in.prefix : '${pipelinePrefix}', ` +
        "'manifestKey': $exists($in.manifestKey) ? $in.manifestKey : '', 'force': $in.force = true, 'bucket': $in.bucket }) %}",
      Next: 'CheckInput',
    },
    CheckInput: { Type: 'Choice', Choices: choices, Default: 'FromListing' },
    FromListing: distributedMap(
      settings,
      { Resource: 'arn:aws:states:::s3:listObjectsV2', Arguments: { Bucket: sub('RawBucket'), Prefix: '{% $states.input.prefix %}' } },
      LISTING_ITEM_SELECTOR,
      'FromListing',
    ),
    Summarize: {
      Type: 'Task',
      Comment: 'Adds up the outcomes the ResultWriter stored and writes the summary next to them.',
      Resource: 'arn:aws:states:::lambda:invoke',
      Arguments: {
        FunctionName: sub('SummaryFunctionArn'),
        Payload:
          "{% { 'executionName': $states.context.Execution.Name, 'startedAt': $states.context.Execution.StartTime, " +
          "'source': { 'bucket': '" +
          sub('RawBucket') +
          "', 'prefix': $states.input.manifestKey = '' ? $states.input.prefix, 'manifestKey': $states.input.manifestKey != '' ? $states.input.manifestKey }, " +
          "'force': $states.input.force, 'mapRun': $states.input.mapRun, 'mapError': $states.input.mapError } %}",
      },
      Retry: [{ ErrorEquals: [...LAMBDA_SERVICE_ERRORS, ...LAMBDA_THROTTLING_ERRORS], IntervalSeconds: 2, MaxAttempts: 6, BackoffRate: 2, JitterStrategy: 'FULL' }],
      Output: '{% $states.result.Payload %}',
      Next: 'Finished?',
    },
    'Finished?': {
      Type: 'Choice',
      Choices: [{ Condition: "{% $states.input.status = 'complete' %}", Next: 'Succeeded' }],
      Default: 'RunFailed',
    },
    Succeeded: { Type: 'Succeed' },
    RunFailed: { Type: 'Fail', Error: BACKFILL_ERRORS.runFailed, Cause: '{% $string($states.input) %}' },
    WrongBucket: {
      Type: 'Fail',
      Error: BACKFILL_ERRORS.wrongBucket,
      Cause: `{% 'This state machine reprocesses s3://${sub('RawBucket')}; the input names s3://' & $states.input.bucket %}`,
    },
    PrefixOutsidePipeline: {
      Type: 'Fail',
      Error: BACKFILL_ERRORS.prefixOutsidePipeline,
      Cause: `{% 'The stage processes keys under "${pipelinePrefix}" only; the input prefix is "' & $states.input.prefix & '"' %}`,
    },
  };
  if (options.inventory) {
    states.FromInventory = distributedMap(
      settings,
      {
        Resource: 'arn:aws:states:::s3:getObject',
        ReaderConfig: { InputType: 'MANIFEST' },
        Arguments: { Bucket: sub('InventoryBucket'), Key: '{% $states.input.manifestKey %}' },
      },
      INVENTORY_ITEM_SELECTOR,
      'FromInventory',
      (name) => `${name} (inventory)`,
    );
  } else {
    states.NoInventory = {
      Type: 'Fail',
      Error: BACKFILL_ERRORS.noInventory,
      Cause: 'This stage has no S3 Inventory for the backfill: deploy with -c backfillInventory=daily (or weekly), or give a prefix instead of a manifest.',
    };
  }
  return {
    Comment: `scrape-clean backfill: every stored scrape under a prefix${options.inventory ? ' (or in an S3 Inventory manifest)' : ''} through the clean function again`,
    QueryLanguage: 'JSONata',
    StartAt: 'Configure',
    States: states,
  };
}
