/**
 * The Lambda bundle as the CDK stack ships it. NodejsFunction runs esbuild with
 *   --bundle --platform=node --target=<runtime> [--format=esm] [--minify] [--sourcemap]
 *   --external:<externalModules, or @aws-sdk/* unless bundleAwsSDK> [--main-fields=…] [--banner:js=…]
 * and the stack's functions take their bundling props from one constant, FUNCTION_BUNDLING in
 * lib/constructs/clean-function.ts: this module imports it and turns it into esbuild's options,
 * with NodejsFunction's defaults for what it leaves unset.
 */
import type { BuildOptions, Metafile } from 'esbuild';
import { OutputFormat, type BundlingOptions as CdkBundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import { FUNCTION_BUNDLING, FUNCTION_NODE_OPTIONS } from '../lib/constructs/clean-function.js';
import { PROJECT_ROOT } from './child.js';

export interface BundlingOptions {
  readonly format: 'cjs' | 'esm';
  readonly minify: boolean;
  readonly sourcemap: boolean;
  readonly sourcesContent: boolean;
  readonly target: string;
  readonly external: readonly string[];
  readonly mainFields: readonly string[] | null;
  readonly banner: string | null;
  /** esbuild's --alias:<package>=<path> arguments. */
  readonly alias: Readonly<Record<string, string>>;
  /** esbuild's --legal-comments argument (null: esbuild's default, at the end of the bundle). */
  readonly legalComments: 'none' | 'inline' | 'eof' | 'linked' | 'external' | null;
  /** esbuild's --charset argument (null: esbuild's default, ASCII with escapes). */
  readonly charset: 'ascii' | 'utf8' | null;
  /** Environment variables the stack gives the function that affect start-up (NODE_OPTIONS). */
  readonly environment: Readonly<Record<string, string>>;
  /** Where the options came from. */
  readonly source: string;
}

/** NodejsFunction's defaults (aws-cdk-lib 2.x) for props the stack leaves unset. */
export const NODEJS_FUNCTION_DEFAULTS = {
  format: 'cjs',
  minify: false,
  sourcemap: false,
  sourcesContent: true,
  target: 'node22',
  external: ['@aws-sdk/*'],
} as const;

/** esbuild's options for NodejsFunction bundling props. */
export function esbuildOptionsOf(bundling: CdkBundlingOptions, environment: Readonly<Record<string, string>>, source: string): BundlingOptions {
  return {
    format: bundling.format === OutputFormat.ESM ? 'esm' : NODEJS_FUNCTION_DEFAULTS.format,
    minify: bundling.minify ?? NODEJS_FUNCTION_DEFAULTS.minify,
    sourcemap: bundling.sourceMap ?? NODEJS_FUNCTION_DEFAULTS.sourcemap,
    sourcesContent: bundling.sourcesContent ?? NODEJS_FUNCTION_DEFAULTS.sourcesContent,
    target: bundling.target ?? NODEJS_FUNCTION_DEFAULTS.target,
    external: bundling.externalModules ?? (bundling.bundleAwsSDK ? [] : NODEJS_FUNCTION_DEFAULTS.external),
    mainFields: bundling.mainFields ?? null,
    banner: bundling.banner ?? null,
    alias: Object.fromEntries(
      Object.entries(bundling.esbuildArgs ?? {})
        .filter(([name, value]) => name.startsWith('--alias:') && typeof value === 'string')
        .map(([name, value]) => [name.slice('--alias:'.length), value as string]),
    ),
    legalComments: (bundling.esbuildArgs?.['--legal-comments'] as BundlingOptions['legalComments'] | undefined) ?? null,
    charset: (bundling.esbuildArgs?.['--charset'] as BundlingOptions['charset'] | undefined) ?? null,
    environment,
    source,
  };
}

/** The bundling of the stack's functions, as deployed. */
export function stackBundling(): BundlingOptions {
  return esbuildOptionsOf(FUNCTION_BUNDLING, { NODE_OPTIONS: FUNCTION_NODE_OPTIONS }, 'FUNCTION_BUNDLING in lib/constructs/clean-function.ts');
}

/** esbuild's build options for `bundling` (NodejsFunction's command line as an API call), from the project root. */
export function esbuildOptions(bundling: BundlingOptions, outfile: string, overrides: Partial<BuildOptions> = {}): BuildOptions {
  return {
    bundle: true,
    platform: 'node',
    target: bundling.target,
    format: bundling.format,
    minify: bundling.minify,
    sourcemap: bundling.sourcemap,
    sourcesContent: bundling.sourcesContent,
    external: [...bundling.external],
    ...(bundling.mainFields ? { mainFields: [...bundling.mainFields] } : {}),
    ...(bundling.banner ? { banner: { js: bundling.banner } } : {}),
    ...(Object.keys(bundling.alias).length > 0 ? { alias: { ...bundling.alias } } : {}),
    ...(bundling.legalComments ? { legalComments: bundling.legalComments } : {}),
    ...(bundling.charset ? { charset: bundling.charset } : {}),
    outfile,
    metafile: true,
    logLevel: 'warning',
    absWorkingDir: PROJECT_ROOT,
    ...overrides,
  };
}

export interface BundleComposition {
  /** Largest inputs by bytes in the output. */
  readonly inputs: ReadonlyArray<{ path: string; bytes: number }>;
  /** Bytes per npm package (or per project directory). */
  readonly packages: ReadonlyArray<{ name: string; bytes: number }>;
}

/** "node_modules/@aws-lambda-powertools/logger/lib/x.js" → "@aws-lambda-powertools/logger"; "src/core/html/walk.ts" → "src/core". */
export function packageOf(path: string): string {
  const at = path.lastIndexOf('node_modules/');
  if (at === -1) return path.split('/').slice(0, 2).join('/');
  const parts = path.slice(at + 'node_modules/'.length).split('/');
  return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
}

export function bundleComposition(metafile: Metafile, top = 10): BundleComposition {
  const inputs: Array<{ path: string; bytes: number }> = [];
  const packages = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [path, { bytesInOutput }] of Object.entries(output.inputs)) {
      inputs.push({ path, bytes: bytesInOutput });
      packages.set(packageOf(path), (packages.get(packageOf(path)) ?? 0) + bytesInOutput);
    }
  }
  const bySize = <T extends { bytes: number }>(a: T, b: T): number => b.bytes - a.bytes;
  return {
    inputs: inputs.sort(bySize).slice(0, top),
    packages: [...packages].map(([name, bytes]) => ({ name, bytes })).sort(bySize).slice(0, top),
  };
}
