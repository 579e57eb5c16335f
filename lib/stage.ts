/**
 * Stages: one deployment of the pipeline per person (or per purpose) in one AWS account.
 *
 * The stage is the `stage` context value (`npx cdk deploy -c stage=alice`) or, by default, the
 * name of the user running the CDK, sanitized. It goes into the stack name and every physical
 * name the stack sets, so two people deploy side by side; `prod` is the one stage that keeps
 * its data when the stack is destroyed.
 */
import { userInfo } from 'node:os';
import { RemovalPolicy } from 'aws-cdk-lib';

/** The stage that retains buckets, keys, queues and logs on `cdk destroy`. */
export const PRODUCTION_STAGE = 'prod';

/**
 * Lowercase letters, digits and inner hyphens, starting with a letter. 24 characters keep every
 * name built from it within AWS limits (the function name `scrape-clean-<stage>` within 64, the
 * CloudFormation-generated bucket names readable within 63).
 */
export const STAGE_PATTERN = /^[a-z](?:[a-z0-9-]{0,22}[a-z0-9])?$/;
export const STAGE_MAX_LENGTH = 24;

/** Name of the CloudFormation stack (and construct id) of a stage. */
export function stackNameFor(stage: string): string {
  return `ScrapeClean-${stage}`;
}

/** Prefix of the physical names the stack sets itself (function, alarms). */
export function resourcePrefixFor(stage: string): string {
  return `scrape-clean-${stage}`;
}

export function isProduction(stage: string): boolean {
  return stage === PRODUCTION_STAGE;
}

/** RETAIN for prod, DESTROY (with autoDeleteObjects on buckets) for every other stage. */
export function removalPolicyFor(stage: string): RemovalPolicy {
  return isProduction(stage) ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
}

/** A stage name that cannot be used; the message says what to pass instead. */
export class StageError extends Error {
  override readonly name = 'StageError';
}

/**
 * Turns a user name into a stage: lowercased, runs of other characters turned into one hyphen,
 * a leading non-letter prefixed with `u`, cut to STAGE_MAX_LENGTH. Returns undefined when
 * nothing usable is left (a name with no letters or digits).
 */
export function sanitizeStage(name: string): string | undefined {
  let stage = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (stage === '') return undefined;
  if (!/^[a-z]/.test(stage)) stage = `u${stage}`;
  stage = stage.slice(0, STAGE_MAX_LENGTH).replace(/-+$/, '');
  return STAGE_PATTERN.test(stage) ? stage : undefined;
}

export interface StageSources {
  /** The `stage` context value, if any. */
  readonly context?: unknown;
  /** The environment to take the user name from. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** The OS account name, used when the environment names no user. @default os.userInfo() */
  readonly osUser?: () => string;
}

/**
 * The stage of this synth. An explicit `stage` must already be a valid stage name (a typo must
 * not silently deploy somewhere else); the default, taken from USER / USERNAME / the OS account,
 * is sanitized, and is never the production stage.
 */
export function resolveStage(sources: StageSources = {}): string {
  const { context } = sources;
  if (context !== undefined && context !== null && context !== '') {
    // From the command line a string; from cdk.json anything, which prints (and fails) as String() has it.
    const given = typeof context === 'string' ? context : JSON.stringify(context);
    if (!STAGE_PATTERN.test(given)) {
      const suggestion = sanitizeStage(given);
      throw new StageError(
        `Invalid stage "${given}": use ${STAGE_MAX_LENGTH} or fewer lowercase letters, digits and hyphens, ` +
          `starting with a letter${suggestion ? ` (for example -c stage=${suggestion})` : ''}.`,
      );
    }
    return given;
  }
  const env = sources.env ?? process.env;
  const osUser = sources.osUser ?? (() => userInfo().username);
  let user = env.USER ?? env.USERNAME ?? env.LOGNAME;
  if (!user) {
    try {
      user = osUser();
    } catch {
      user = undefined;
    }
  }
  const stage = user ? sanitizeStage(user) : undefined;
  if (!stage) {
    throw new StageError(
      `No stage given and no usable user name in the environment${user ? ` ("${user}")` : ''}: ` +
        'pass one, for example -c stage=alice.',
    );
  }
  if (isProduction(stage)) {
    // Production retains its data and is deployed on purpose, never by whoever is logged in.
    throw new StageError(`The user name "${user}" would select the ${PRODUCTION_STAGE} stage: pass -c stage=${PRODUCTION_STAGE} explicitly.`);
  }
  return stage;
}

/**
 * What to say when the CDK runs this app without an account: it found no AWS credentials. The
 * stack is environment-agnostic, so `cdk synth` works offline; `cdk diff`, `deploy` and
 * `destroy` then stop with the CDK's own "Unable to resolve AWS account to use", which does not
 * say what to do. Null when there is nothing to say: an account was found, or the app does not
 * run under the CDK CLI (tests). The CLI passes CDK_OUTDIR to every app it runs, and
 * CDK_DEFAULT_ACCOUNT when credentials resolved to an account.
 */
export function missingCredentialsHint(env: NodeJS.ProcessEnv = process.env): string | null {
  if (!env.CDK_OUTDIR || env.CDK_DEFAULT_ACCOUNT) return null;
  return (
    'scrape-clean: no AWS credentials found in this shell, so the CDK knows no account. `cdk synth` works without one; ' +
    '`cdk diff`, `cdk deploy` and `cdk destroy` need credentials for the account to deploy to: run `aws configure`, ' +
    'or `aws sso login --profile <name>` and `export AWS_PROFILE=<name>` (or pass --profile <name>), then check them with ' +
    '`aws sts get-caller-identity`.'
  );
}
