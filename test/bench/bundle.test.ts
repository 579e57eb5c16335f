import { describe, expect, it } from 'vitest';
import type { Metafile } from 'esbuild';
import { OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { bundleComposition, esbuildOptionsOf, NODEJS_FUNCTION_DEFAULTS, packageOf, stackBundling } from '../../bench/bundle.js';
import { BUNDLE_TARGET, ESM_REQUIRE_BANNER } from '../../lib/constructs/clean-function.js';

describe('bundling options of the stack', () => {
  it("are the stack's own: ESM with the require shim, minified, source maps without sources, the SDK bundled", () => {
    expect(stackBundling()).toMatchObject({
      format: 'esm',
      minify: true,
      sourcemap: true,
      sourcesContent: false,
      target: BUNDLE_TARGET,
      external: [],
      mainFields: ['module', 'main'],
      banner: ESM_REQUIRE_BANNER,
      environment: { NODE_OPTIONS: '--enable-source-maps' },
    });
  });

  it("fall back to NodejsFunction's defaults for what the props leave unset", () => {
    expect(esbuildOptionsOf({}, {}, 'none')).toMatchObject({ ...NODEJS_FUNCTION_DEFAULTS, mainFields: null, banner: null });
  });

  it('keep @aws-sdk external unless bundleAwsSDK, and take externalModules as given', () => {
    expect(esbuildOptionsOf({ bundleAwsSDK: false }, {}, 'x').external).toEqual(['@aws-sdk/*']);
    expect(esbuildOptionsOf({ bundleAwsSDK: true }, {}, 'x').external).toEqual([]);
    expect(esbuildOptionsOf({ externalModules: ['sharp'] }, {}, 'x').external).toEqual(['sharp']);
    expect(esbuildOptionsOf({ format: OutputFormat.ESM }, {}, 'x').format).toBe('esm');
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
