/**
 * The clean function: functions/clean.ts bundled by the locally installed esbuild (never Docker:
 * functionCode below), with its own log group and a role that can do exactly what the handler does.
 *
 * The handler reads raw objects (GetObject, GetObjectVersion: the raw bucket is versioned and
 * notifications name the version; a HeadObject of the current version, which s3:GetObject
 * authorizes, tells whether the version read is still the current one), checks and writes its
 * output in the clean bucket (HeadObject is authorized by s3:GetObject; PutObject, which covers
 * the conditional PUTs with If-Match / If-None-Match too), and consumes the queue (granted by the
 * event source, see ../scrape-clean-stack.ts).
 */
import { spawnSync } from 'node:child_process';
import { relative } from 'node:path';
import { AssetHashType, DockerImage, Duration, type RemovalPolicy, Validations, type BundlingOptions as AssetBundlingOptions, type ILocalBundling } from 'aws-cdk-lib';
import { Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Architecture, Code, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat, SourceMapMode, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledgeObjectWildcards } from '../nag.js';
import type { PipelineSettings } from '../settings.js';
import { PIPELINE_ENV } from '../../src/pipeline/contract.js';
import { WARC_PIPELINE_DEFAULTS } from '../../src/pipeline/warc-settings.js';

/**
 * Node.js 22, set explicitly (NodejsFunction would otherwise pick a runtime from the CDK
 * version). It is the newest Lambda runtime the project is run and tested on (engines >= 20.19);
 * move to the next one after the test suite has run on it.
 */
export const FUNCTION_RUNTIME = Runtime.NODEJS_22_X;
/** esbuild target matching FUNCTION_RUNTIME. */
export const BUNDLE_TARGET = 'node22';
/** Graviton: about 20% cheaper per GB-second than x86_64, and no native modules to rebuild. */
export const FUNCTION_ARCHITECTURE = Architecture.ARM_64;

/**
 * An ESM bundle may contain CommonJS dependencies that call `require()` for Node built-ins;
 * esbuild's ESM output has no `require`, so the bundle gets one.
 */
export const ESM_REQUIRE_BANNER =
  "import { createRequire as __scrapeCleanCreateRequire } from 'node:module'; const require = __scrapeCleanCreateRequire(import.meta.url);";

/** Stack traces in the logs point into functions/ and src/, not into the minified bundle. */
export const FUNCTION_NODE_OPTIONS = '--enable-source-maps';

/**
 * How every function of the stack is bundled, in one place, in NodejsFunction's words:
 * lib/function-bundle.ts translates them to esbuild's API and adds a plugin (functionCode below
 * bundles with it, as do the benchmark's --cold-start and test/local/lambda-bundle.test.ts).
 */
export const FUNCTION_BUNDLING = {
  // Local esbuild only: synth must work without Docker.
  forceDockerBundling: false,
  format: OutputFormat.ESM,
  target: BUNDLE_TARGET,
  mainFields: ['module', 'main'],
  banner: ESM_REQUIRE_BANNER,
  minify: true,
  sourceMap: true,
  sourceMapMode: SourceMapMode.DEFAULT,
  // The map only needs positions; the sources are in the repository.
  sourcesContent: false,
  // The AWS SDK is bundled too, rather than taken from the Lambda runtime: one minified file
  // loads faster than the runtime's hundreds of SDK modules (cold import of the handler
  // 280-390 ms → 150-200 ms, measured with npm run bench -- --cold-start), and the SDK version
  // is the one the tests ran against. The clean function's bundle stays under 1 MB.
  bundleAwsSDK: true,
  // Modules replaced in the bundle (esbuild resolves the stubs' paths from the project root, its
  // working directory in lib/function-bundle.ts). Savings are bytes of the minified bundle,
  // measured with esbuild's metafile (npm run bench -- --cold-start).
  esbuildArgs: {
    // warcio imports pako but inflates only readers built with a compression, which src/core/warc
    // never builds (node:zlib inflates the gzip members, src/core/warc/members.ts): pako (22 KB
    // of its inflater) stays out; the stub's classes fail with a clear error if ever constructed.
    '--alias:pako': './functions/stubs/pako.ts',
    // The SDK's default credential chain (130 KB: the STS, SSO, SSO-OIDC and sign-in clients, the
    // ini/process/web-identity/container/instance-metadata providers). Safe: functions/clean.ts
    // gives its client the environment's credentials (functions/credentials.ts), the first link of
    // that chain in Lambda anyway; a client built without them fails with a clear error.
    '--alias:@aws-sdk/credential-provider-node': './functions/stubs/credential-provider-node.ts',
    // Event streams (20 KB): S3 SelectObjectContent's alone, an operation the function never calls;
    // the stub's marshaller fails with a clear error if one is ever sent or read.
    '--alias:@smithy/core/event-streams': './functions/stubs/event-streams.ts',
    // The comments esbuild keeps as legal ones (/*!, @license, @preserve) go to index.mjs.LEGAL.txt
    // beside the bundle instead of its end: today only Powertools' coverage pragmas ("v8 ignore
    // next -- @preserve"), 409 bytes of the bundle's budget.
    '--legal-comments': 'external',
    // Text other than ASCII (the cue words, stopwords and chrono's month names of other languages)
    // as UTF-8 rather than \u escapes: 723 bytes less; the same documents on 350 corpus pages, no
    // measurable change of the cold import (120 ms CPU either way on Node 20).
    '--charset': 'utf8',
  },
} as const satisfies BundlingOptions;

export interface CleanFunctionProps {
  /** Physical function name (contains the stage). */
  readonly functionName: string;
  /** Absolute path of the handler module (exports `handler`). */
  readonly entry: string;
  /** Root of the project: the asset's source folder and esbuild's working directory (functionCode). */
  readonly projectRoot: string;
  readonly rawBucket: IBucket;
  readonly cleanBucket: IBucket;
  readonly settings: PipelineSettings;
  /** POWERTOOLS_SERVICE_NAME */
  readonly serviceName: string;
  /** POWERTOOLS_METRICS_NAMESPACE */
  readonly metricsNamespace: string;
  /** The key of the buckets, queues and log groups, when the KMS option is on. */
  readonly encryptionKey?: IKey;
  /** Of the log group: logs outlive a production stack. */
  readonly removalPolicy: RemovalPolicy;
}

export class CleanFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: CleanFunctionProps) {
    super(scope, id);
    const { settings, rawBucket, cleanBucket } = props;

    this.logGroup = new LogGroup(this, 'LogGroup', {
      // resolveSettings admits only the values RetentionDays has.
      // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-assignment
      retention: settings.logRetentionDays as RetentionDays,
      removalPolicy: props.removalPolicy,
      // With the KMS option the logs are encrypted like the data (the key lets CloudWatch Logs use it: ../scrape-clean-stack.ts).
      encryptionKey: props.encryptionKey,
    });

    // An explicit role with inline statements only: the default role would attach the
    // AWSLambdaBasicExecutionRole managed policy (logs:CreateLogGroup etc. on every log group).
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Role of ${props.functionName}: read raw objects, read and write clean objects, consume the queue`,
    });
    this.logGroup.grantWrite(this.role);

    const rawObjects = rawBucket.arnForObjects(`${settings.prefix}*`);
    // The parts of WARC files (src/pipeline/warc-object.ts) are written beside the documents.
    const cleanObjects = [settings.outputPrefix, settings.errorPrefix, WARC_PIPELINE_DEFAULTS.partsPrefix].map((prefix) =>
      cleanBucket.arnForObjects(`${prefix}*`),
    );
    this.role.addToPolicy(
      new PolicyStatement({
        sid: 'ReadRawObjects',
        effect: Effect.ALLOW,
        actions: ['s3:GetObject', 's3:GetObjectVersion'],
        resources: [rawObjects],
      }),
    );
    this.role.addToPolicy(
      new PolicyStatement({
        sid: 'ReadWriteCleanObjects',
        effect: Effect.ALLOW,
        actions: ['s3:GetObject', 's3:PutObject'],
        resources: cleanObjects,
      }),
    );
    // No s3:ListBucket: HeadObject on an output not written yet then answers 403 instead of 404
    // (S3 API reference, HeadObject, "Permissions"), which the handler reads as "absent"
    // (src/pipeline/process-object.ts); listing the bucket is not something it needs.
    if (props.encryptionKey) {
      // Decrypt: raw and clean objects and queue messages; GenerateDataKey: writing clean objects.
      this.role.addToPolicy(
        new PolicyStatement({
          sid: 'UseStackKey',
          effect: Effect.ALLOW,
          actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
          resources: [props.encryptionKey.keyArn],
        }),
      );
    }
    acknowledgeObjectWildcards(this.role, [
      {
        arn: rawObjects,
        reason:
          `s3:GetObject and s3:GetObjectVersion act on objects, so the resource is an object ARN pattern: ` +
          `the keys under "${settings.prefix}" in this stack's raw bucket only, the objects the notifications announce.`,
      },
      ...cleanObjects.map((arn, index) => ({
        arn,
        reason:
          `s3:GetObject (HeadObject) and s3:PutObject act on objects, so the resource is an object ARN pattern: ` +
          `the ${index === 0 ? 'documents' : 'error records'} prefix of this stack's clean bucket only, where the function ` +
          `checks what it already wrote and writes.`,
      })),
    ]);

    this.function = new NodejsFunction(this, 'Function', {
      functionName: props.functionName,
      description: 'scrape-clean: cleans raw scrapes announced on the queue into JSON documents in the clean bucket',
      code: functionCode(props.entry, props.projectRoot),
      handler: FUNCTION_HANDLER,
      runtime: FUNCTION_RUNTIME,
      architecture: FUNCTION_ARCHITECTURE,
      memorySize: settings.memoryMb,
      timeout: Duration.seconds(settings.timeoutSeconds),
      reservedConcurrentExecutions: settings.reservedConcurrency,
      role: this.role,
      logGroup: this.logGroup,
      environment: {
        [PIPELINE_ENV.cleanBucket]: cleanBucket.bucketName,
        [PIPELINE_ENV.outputPrefix]: settings.outputPrefix,
        [PIPELINE_ENV.errorPrefix]: settings.errorPrefix,
        [PIPELINE_ENV.maxObjectBytes]: String(settings.maxObjectBytes),
        [PIPELINE_ENV.batchConcurrency]: String(settings.batchConcurrency),
        [PIPELINE_ENV.outputFormats]: settings.outputFormats.join(','),
        POWERTOOLS_SERVICE_NAME: props.serviceName,
        POWERTOOLS_METRICS_NAMESPACE: props.metricsNamespace,
        POWERTOOLS_LOG_LEVEL: settings.logLevel,
        NODE_OPTIONS: FUNCTION_NODE_OPTIONS,
      },
    });
    if (newerNodeRuntimeExists(FUNCTION_RUNTIME)) {
      Validations.of(this.function).acknowledge({
        id: 'AwsSolutions-L1',
        reason:
          `The runtime is pinned to ${FUNCTION_RUNTIME.name}, the newest Node.js the project's code and tests run on; ` +
          'a runtime upgrade is a deliberate change made after the suite has passed on the new version.',
      });
    }
  }
}

/** The handler of a function whose code is functionCode's: the export `handler` of its bundle (BUNDLE_FILE of lib/function-bundle.ts). */
export const FUNCTION_HANDLER = 'index.handler';

/**
 * The code of a function: the handler module `entry` bundled as lib/function-bundle.ts says, by
 * the locally installed esbuild in a child process (scripts/bundle-function.ts). NodejsFunction
 * bundles with esbuild's command line, which takes no plugins; this is its local bundling with
 * esbuild's API instead. Like NodejsFunction's, the asset is hashed by its output, and it is never
 * bundled in Docker: a failure of the local build fails the synth.
 */
export function functionCode(entry: string, projectRoot: string): Code {
  return Code.fromAsset(projectRoot, { assetHashType: AssetHashType.OUTPUT, bundling: new FunctionBundling(relative(projectRoot, entry), projectRoot) });
}

/**
 * CDK's bundling options for functionCode. A class, like NodejsFunction's own, so that the entry
 * is part of what CDK hashes to tell assets apart (functions are not).
 */
class FunctionBundling implements AssetBundlingOptions {
  /** Required by the type; never run (tryBundle succeeds or throws). */
  readonly image = DockerImage.fromRegistry('dummy');
  readonly local: ILocalBundling;

  constructor(
    /** The handler module, relative to the project root. */
    readonly entry: string,
    projectRoot: string,
  ) {
    this.local = {
      tryBundle: (outputDir) => {
        // stdout to stderr: `cdk synth` prints the template on stdout.
        const child = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/bundle-function.ts', entry, outputDir], { cwd: projectRoot, stdio: ['ignore', 2, 2] });
        if (child.error) throw child.error;
        if (child.status !== 0) throw new Error(`scripts/bundle-function.ts ${entry} failed (${child.signal ?? `exit code ${child.status}`})`);
        return true;
      },
    };
  }
}

/** Whether this CDK version knows a Node.js Lambda runtime newer than `runtime` (cdk-nag L1). */
export function newerNodeRuntimeExists(runtime: Runtime): boolean {
  const major = (name: string) => Number(/^nodejs(\d+)/.exec(name)?.[1] ?? Number.NaN);
  const own = major(runtime.name);
  return Runtime.ALL.some((other) => major(other.name) > own);
}
