import { OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { describe, expect, it } from 'vitest';
import { lambdaBuildOptions } from '../../lib/function-bundle.js';
import { BUNDLE_TARGET, ESM_REQUIRE_BANNER } from '../../lib/constructs/clean-function.js';

describe("the Lambda bundle's esbuild options", () => {
  it("are the stack's own: ESM with the require shim, minified, source maps without sources, the SDK bundled, the aliases", () => {
    expect(lambdaBuildOptions('out.mjs')).toMatchObject({
      format: 'esm',
      minify: true,
      sourcemap: true,
      sourcesContent: false,
      target: BUNDLE_TARGET,
      external: [],
      mainFields: ['module', 'main'],
      banner: { js: ESM_REQUIRE_BANNER },
      alias: { pako: './functions/stubs/pako.ts', '@aws-sdk/credential-provider-node': './functions/stubs/credential-provider-node.ts' },
      legalComments: 'external',
      charset: 'utf8',
    });
  });

  it("fall back to NodejsFunction's defaults, the SDK external", () => {
    expect(lambdaBuildOptions('out.cjs', {}, { format: OutputFormat.CJS })).toMatchObject({ format: 'cjs', minify: false, sourcemap: false, target: 'node22', external: ['@aws-sdk/*'] });
  });

  it('refuse a bundling prop they do not translate, rather than bundle otherwise than the stack', () => {
    expect(() => lambdaBuildOptions('out.mjs', {}, { loader: { '.txt': 'text' } })).toThrow(/does not translate loader/);
  });

  it("take esbuild's command-line flags as its API options", () => {
    expect(lambdaBuildOptions('out.mjs', {}, { esbuildArgs: { '--tree-shaking': 'true', '--alias:a': 'b' } })).toMatchObject({ treeShaking: 'true', alias: { a: 'b' } });
  });
});
