/**
 * The Lambda bundle as the CDK stack ships it. NodejsFunction runs esbuild with
 *   --bundle --platform=node --target=<runtime> [--format=esm] [--minify] [--sourcemap]
 *   --external:<externalModules, default @aws-sdk/*> [--main-fields=…] [--banner:js=…]
 * and its bundling props come from the stack in lib/. This module reads those props from the
 * stack's source (a best-effort scan of literal values, reported with where each came from) and
 * falls back to NodejsFunction's defaults, with minification on as the issue asks.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Metafile } from 'esbuild';

export interface BundlingOptions {
  readonly format: 'cjs' | 'esm';
  readonly minify: boolean;
  readonly sourcemap: boolean;
  readonly sourcesContent: boolean;
  readonly target: string;
  readonly external: readonly string[];
  readonly mainFields: readonly string[] | null;
  readonly banner: string | null;
  /** Environment variables the stack gives the function with literal values (NODE_OPTIONS…). */
  readonly environment: Readonly<Record<string, string>>;
  /** Where each value came from ("lib/constructs/clean-function.ts" or "NodejsFunction default"). */
  readonly sources: Readonly<Record<string, string>>;
}

/** NodejsFunction's defaults (aws-cdk-lib 2.x), except minify, which the issue asks for. */
export const NODEJS_FUNCTION_DEFAULTS = {
  format: 'cjs',
  minify: true,
  sourcemap: false,
  sourcesContent: true,
  target: 'node22',
  external: ['@aws-sdk/*'],
} as const;

const STRING_LITERAL = /^(['"`])((?:\\.|(?!\1)[^\\])*)\1$/s;

function unquote(literal: string): string | null {
  const match = STRING_LITERAL.exec(literal.trim());
  return match ? match[2]!.replace(/\\(.)/g, '$1') : null;
}

/**
 * The string value of an expression in the stack's source: a string literal, or the name of a
 * constant initialized with one (`const BUNDLE_TARGET = 'node22'`) in any of the files.
 */
function stringValue(expression: string, files: ReadonlyMap<string, string>): string | null {
  const literal = unquote(expression);
  if (literal !== null) return literal;
  if (!/^[A-Za-z_$][\w$]*$/.test(expression.trim())) return null;
  const declaration = new RegExp(`const\\s+${expression.trim()}\\s*(?::[^=]+)?=\\s*((['"\`])(?:\\\\.|(?!\\2)[^\\\\])*\\2)`, 's');
  for (const text of files.values()) {
    const match = declaration.exec(text);
    if (match) return unquote(match[1]!);
  }
  return null;
}

function stringList(text: string): string[] {
  return [...text.matchAll(/['"`]([^'"`]+)['"`]/g)].map((m) => m[1]!);
}

/** The value expression of `key:` in a props object (up to the next comma or closing brace at depth 0). */
function propExpression(text: string, key: string): string | null {
  const match = new RegExp(`\\b${key}\\s*:\\s*`).exec(text);
  if (!match) return null;
  let depth = 0;
  let quote: string | null = null;
  const start = match.index + match[0].length;
  for (let i = start; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
    } else if (c === '/' && text[i + 1] === '/') {
      const newline = text.indexOf('\n', i);
      i = newline === -1 ? text.length : newline;
    } else if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      i = close === -1 ? text.length : close + 1;
    } else if (c === "'" || c === '"' || c === '`') quote = c;
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) {
      if (depth === 0) return text.slice(start, i).trim();
      depth--;
    } else if (c === ',' && depth === 0) return text.slice(start, i).trim();
  }
  return text.slice(start).trim();
}

/** Bundling props found in the stack's source files ({path: text}); missing ones keep the defaults. */
export function bundlingFromSources(files: ReadonlyMap<string, string>): BundlingOptions {
  let format: 'cjs' | 'esm' = NODEJS_FUNCTION_DEFAULTS.format;
  let minify: boolean = NODEJS_FUNCTION_DEFAULTS.minify;
  let sourcemap: boolean = NODEJS_FUNCTION_DEFAULTS.sourcemap;
  let sourcesContent: boolean = NODEJS_FUNCTION_DEFAULTS.sourcesContent;
  let target: string = NODEJS_FUNCTION_DEFAULTS.target;
  let external: string[] = [...NODEJS_FUNCTION_DEFAULTS.external];
  let mainFields: string[] | null = null;
  let banner: string | null = null;
  const environment: Record<string, string> = {};
  const sources: Record<string, string> = {
    format: 'NodejsFunction default',
    minify: 'issue 5 (NodejsFunction default is off)',
    sourcemap: 'NodejsFunction default',
    target: 'Lambda Node.js 22 runtime',
    external: 'NodejsFunction default',
    mainFields: 'esbuild default',
    banner: 'none',
  };
  for (const [path, text] of files) {
    const at = text.search(/new\s+NodejsFunction\s*\(/);
    if (at === -1) continue;
    const props = text.slice(at);
    const bundling = propExpression(props, 'bundling') ?? '';
    const formatMatch = /format\s*:\s*OutputFormat\.(ESM|CJS)/.exec(bundling);
    if (formatMatch) (format = formatMatch[1] === 'ESM' ? 'esm' : 'cjs'), (sources.format = path);
    const minifyMatch = /\bminify\s*:\s*(true|false)/.exec(bundling);
    if (minifyMatch) (minify = minifyMatch[1] === 'true'), (sources.minify = path);
    const sourceMapMatch = /\bsourceMap\s*:\s*(true|false)/.exec(bundling);
    if (sourceMapMatch) (sourcemap = sourceMapMatch[1] === 'true'), (sources.sourcemap = path);
    const sourcesContentMatch = /\bsourcesContent\s*:\s*(true|false)/.exec(bundling);
    if (sourcesContentMatch) sourcesContent = sourcesContentMatch[1] === 'true';
    const targetExpression = propExpression(bundling, 'target');
    const targetValue = targetExpression ? stringValue(targetExpression, files) : null;
    if (targetValue) (target = targetValue), (sources.target = path);
    const externalExpression = propExpression(bundling, 'externalModules');
    if (externalExpression) (external = stringList(externalExpression)), (sources.external = path);
    else if (/\bbundleAwsSDK\s*:\s*true/.test(bundling)) (external = []), (sources.external = path);
    const mainFieldsExpression = propExpression(bundling, 'mainFields');
    if (mainFieldsExpression) (mainFields = stringList(mainFieldsExpression)), (sources.mainFields = path);
    const bannerExpression = propExpression(bundling, 'banner');
    const bannerValue = bannerExpression ? stringValue(bannerExpression, files) : null;
    if (bannerValue) (banner = bannerValue), (sources.banner = path);
    const environmentExpression = propExpression(props, 'environment');
    if (environmentExpression) {
      for (const entry of environmentExpression.matchAll(/([A-Z][A-Z0-9_]*)\s*:\s*(['"`][^'"`]*['"`])/g)) {
        const value = unquote(entry[2]!);
        if (value !== null) environment[entry[1]!] = value;
      }
    }
  }
  return { format, minify, sourcemap, sourcesContent, target, external, mainFields, banner, environment, sources };
}

/** Reads lib/ (recursively, .ts files) and returns the stack's bundling props. */
export function stackBundling(libDir: string): BundlingOptions {
  const files = new Map<string, string>();
  const visit = (dir: string, prefix: string): void => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) visit(join(dir, entry.name), `${prefix}${entry.name}/`);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) files.set(`${prefix}${entry.name}`, readFileSync(join(dir, entry.name), 'utf8'));
    }
  };
  visit(libDir, 'lib/');
  return bundlingFromSources(files);
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
