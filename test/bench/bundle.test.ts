import { describe, expect, it } from 'vitest';
import type { Metafile } from 'esbuild';
import { bundleComposition, bundlingFromSources, NODEJS_FUNCTION_DEFAULTS, packageOf } from '../../bench/bundle.js';

const STACK = `
import { NodejsFunction, OutputFormat, SourceMapMode } from 'aws-cdk-lib/aws-lambda-nodejs';
export const BUNDLE_TARGET = 'node22';
export const ESM_REQUIRE_BANNER =
  "import { createRequire as r } from 'node:module'; const require = r(import.meta.url);";
export class CleanFunction extends Construct {
  constructor(scope: Construct, id: string) {
    this.function = new NodejsFunction(this, 'Function', {
      entry: props.entry,
      environment: {
        CLEAN_BUCKET: bucket.bucketName,
        OUTPUT_PREFIX: 'documents/',
        // the project's source maps: stack traces point into src/
        NODE_OPTIONS: '--enable-source-maps',
      },
      bundling: {
        // Local esbuild only (the user's machine may have no Docker).
        format: OutputFormat.ESM,
        target: BUNDLE_TARGET,
        mainFields: ['module', 'main'],
        banner: ESM_REQUIRE_BANNER,
        minify: true,
        sourceMap: true,
        sourcesContent: false,
      },
    });
  }
}
`;

describe('bundling options of the stack', () => {
  it('reads the NodejsFunction bundling props, resolving constants, past comments with apostrophes', () => {
    const options = bundlingFromSources(new Map([['lib/constructs/clean-function.ts', STACK]]));
    expect(options).toMatchObject({
      format: 'esm',
      minify: true,
      sourcemap: true,
      sourcesContent: false,
      target: 'node22',
      external: ['@aws-sdk/*'],
      mainFields: ['module', 'main'],
      banner: "import { createRequire as r } from 'node:module'; const require = r(import.meta.url);",
    });
    expect(options.sources.format).toBe('lib/constructs/clean-function.ts');
    expect(options.sources.external).toBe('NodejsFunction default');
  });

  it('takes the literal environment values and leaves out the computed ones', () => {
    const options = bundlingFromSources(new Map([['lib/x.ts', STACK]]));
    expect(options.environment).toEqual({ OUTPUT_PREFIX: 'documents/', NODE_OPTIONS: '--enable-source-maps' });
  });

  it("bundles the SDK when the stack says bundleAwsSDK: true, and keeps the stack's externalModules", () => {
    const bundled = STACK.replace('minify: true,', 'minify: true, bundleAwsSDK: true,');
    expect(bundlingFromSources(new Map([['lib/x.ts', bundled]])).external).toEqual([]);
    const listed = STACK.replace('minify: true,', "minify: true, externalModules: ['@aws-sdk/*', 'sharp'],");
    expect(bundlingFromSources(new Map([['lib/x.ts', listed]])).external).toEqual(['@aws-sdk/*', 'sharp']);
  });

  it("falls back to NodejsFunction's defaults, minified, when there is no stack", () => {
    const options = bundlingFromSources(new Map([['lib/other.ts', 'export const x = { format: OutputFormat.ESM };']]));
    expect(options).toMatchObject({ ...NODEJS_FUNCTION_DEFAULTS, mainFields: null, banner: null, environment: {} });
  });
});

describe('bundle composition', () => {
  it('names the package of an input, scoped or nested', () => {
    expect(packageOf('node_modules/@aws-lambda-powertools/logger/lib/esm/Logger.js')).toBe('@aws-lambda-powertools/logger');
    expect(packageOf('node_modules/htmlparser2/node_modules/entities/dist/esm/decode.js')).toBe('entities');
    expect(packageOf('src/core/html/walk.ts')).toBe('src/core');
    expect(packageOf('functions/clean.ts')).toBe('functions/clean.ts');
  });

  it('ranks inputs and packages by bytes in the output', () => {
    const metafile = {
      inputs: {},
      outputs: {
        'out.mjs': {
          bytes: 600,
          inputs: {
            'node_modules/zod/v4/core/schemas.js': { bytesInOutput: 300 },
            'node_modules/zod/v4/core/util.js': { bytesInOutput: 100 },
            'src/core/clean.ts': { bytesInOutput: 150 },
            'node_modules/cheerio/dist/esm/load.js': { bytesInOutput: 50 },
          },
          imports: [],
          exports: [],
        },
      },
    } as unknown as Metafile;
    const composition = bundleComposition(metafile, 2);
    expect(composition.inputs).toEqual([
      { path: 'node_modules/zod/v4/core/schemas.js', bytes: 300 },
      { path: 'src/core/clean.ts', bytes: 150 },
    ]);
    expect(composition.packages).toEqual([
      { name: 'zod', bytes: 400 },
      { name: 'src/core', bytes: 150 },
    ]);
  });
});
