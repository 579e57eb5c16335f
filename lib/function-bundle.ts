/**
 * How the stack's functions are bundled, in one place: FUNCTION_BUNDLING of
 * ./constructs/clean-function.ts (in NodejsFunction's words) translated to a call of esbuild's
 * API, plus a plugin NodejsFunction has no way to take (SDK_SCHEMA_KEYS). The stack's assets
 * (functionCode in ./constructs/clean-function.ts, through scripts/bundle-function.ts), the
 * benchmark's --cold-start and test/local/lambda-bundle.test.ts all bundle with lambdaBuildOptions.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { OutputFormat, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { FUNCTION_BUNDLING } from './constructs/clean-function.js';
import { literalKeys } from './literal-keys.js';
import { encodeZ85 } from '../src/core/z85.js';

/** The project's root: esbuild's working directory, from which the aliases' stub paths resolve. */
const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The file a function's bundle is written to, in its asset folder (the handler is `index.handler`). */
export const BUNDLE_FILE = 'index.mjs';

/**
 * The AWS SDK clients' schema modules (dist-es/schemas/schemas_0.js: every shape and operation of
 * the service) with their computed keys written as literals (../lib/literal-keys.ts), so that
 * esbuild drops the schemas of the operations the functions never send: client-s3's schemas_0.js
 * goes from 67.5 KB of the clean function's minified bundle to 12.3 KB, the schemas of GetObject,
 * HeadObject, PutObject, CreateSession and the errors (esbuild's metafile, @aws-sdk/client-s3 3.1175).
 */
export const SDK_SCHEMA_KEYS: Plugin = {
  name: 'sdk-schema-literal-keys',
  setup(bundler) {
    bundler.onLoad({ filter: /[\\/]@aws-sdk[\\/]client-[^\\/]+[\\/]dist-es[\\/]schemas[\\/][^\\/]+\.js$/ }, async ({ path }) => ({
      contents: literalKeys(await readFile(path, 'utf8'), path).code,
      loader: 'js',
    }));
  },
};

/**
 * The core's data files (the JSON under src/core: the block and line models, the Big5-HKSCS table) without their `note` fields, which
 * say where the data came from for the people who read the files and which no code of the bundle reads: 1,184 bytes of the
 * minified bundle (esbuild's metafile, 2.17.0). The data itself is bundled as it is.
 */
export const JSON_NOTES_OUT: Plugin = {
  name: 'core-json-notes-out',
  setup(bundler) {
    bundler.onLoad({ filter: /[\\/]src[\\/]core[\\/].+\.json$/ }, async ({ path }) => ({
      contents: JSON.stringify(JSON.parse(await readFile(path, 'utf8'), (key, value: unknown) => (key === 'note' && typeof value === 'string' ? undefined : value))),
      loader: 'json',
    }));
  },
};

/** The SDK's JavaScript hash classes and the stub that stands in for each (../functions/stubs/hashes-js.ts says why that is safe). */
const SDK_HASHES_JS = /[\\/](?:@smithy[\\/]core[\\/]dist-es[\\/]submodules[\\/]checksum[\\/](?:sha256[\\/](Sha256Js)|md5[\\/](Md5Js))|@aws-sdk[\\/]checksums[\\/]dist-es[\\/]submodules[\\/]sha[\\/]sha1[\\/](Sha1Js))\.js$/;

/**
 * The AWS SDK's SHA-256, SHA-1 and MD5 written in JavaScript (Sha256Js, Sha1Js, Md5Js), which its
 * Node classes fall back to only where node:crypto cannot make the hash, replaced by
 * functions/stubs/hashes-js.ts: the bundle 996,586 -> 989,185 bytes (the classes were 7,628 bytes of it,
 * esbuild's metafile, @aws-sdk/client-s3 3.1175). Aliases cannot reach them
 * (they are imported by relative paths inside the packages); a module that imports another name
 * from them fails the bundling.
 */
export const SDK_NATIVE_HASHES: Plugin = {
  name: 'sdk-native-hashes',
  setup(bundler) {
    bundler.onLoad({ filter: SDK_HASHES_JS }, ({ path }) => {
      const [, sha256, md5, sha1] = SDK_HASHES_JS.exec(path)!;
      return { contents: `export { ${sha256 ?? md5 ?? sha1} } from './functions/stubs/hashes-js.ts';`, loader: 'js', resolveDir: PROJECT_ROOT };
    });
  },
};

/**
 * The AWS SDK clients' package.json, which their runtimeConfig.js imports whole for one field, the
 * version that goes into the User-Agent header (createDefaultUserAgentProvider's clientVersion),
 * cut to that field: the same header, 2.5 KB less of the clean function's bundle (@aws-sdk/client-s3 3.1175:
 * 989,185 -> 986,639 bytes). Only the clients' own package.json is cut, not other packages'.
 */
export const SDK_CLIENT_VERSION: Plugin = {
  name: 'sdk-client-version',
  setup(bundler) {
    bundler.onLoad({ filter: /[\\/]@aws-sdk[\\/]client-[^\\/]+[\\/]package\.json$/ }, async ({ path }) => ({
      contents: JSON.stringify({ version: (JSON.parse(await readFile(path, 'utf8')) as { version: string }).version }),
      loader: 'json',
    }));
  },
};

/** entities' table of HTML's named character references, and its one statement: the table as base64 of its 16-bit words. */
const ENTITIES_HTML_TREE = /[\\/]entities[\\/]dist[\\/]esm[\\/]generated[\\/]decode-data-html\.js$/;
const ENTITIES_HTML_TREE_STATEMENT = /^export const htmlDecodeTree = \/\* #__PURE__ \*\/ decodeBase64\("([A-Za-z0-9+/]+={0,2})"\);$/m;

/**
 * entities' table of the named character references (generated/decode-data-html.js, which
 * htmlparser2, parse5 and cheerio decode with): the same 16-bit words, stored brotli-compressed
 * in Z85 (../src/core/z85.ts, as the block model is) instead of base64 and decoded when the
 * module loads, with node:zlib, exactly as entities' decodeBase64 reads its words (low byte
 * first). The bundle 986,639 -> 974,363 bytes (entities 7.0.1: 32,214 bytes of base64 -> 19,778
 * of Z85). A release of entities that writes the file otherwise fails the bundling.
 */
export const ENTITIES_TREE_COMPRESSED: Plugin = {
  name: 'entities-tree-compressed',
  setup(bundler) {
    bundler.onLoad({ filter: ENTITIES_HTML_TREE }, async ({ path }) => {
      const source = await readFile(path, 'utf8');
      const base64 = ENTITIES_HTML_TREE_STATEMENT.exec(source)?.[1];
      if (base64 === undefined || source.split('export ').length !== 2) throw new Error(`${path}: not the one htmlDecodeTree statement of entities 7 that lib/function-bundle.ts ENTITIES_TREE_COMPRESSED reads`);
      const words = Buffer.from(base64, 'base64');
      const stored = encodeZ85(brotliCompressSync(words, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: words.length } }));
      const contents = [
        "import { brotliDecompressSync } from 'node:zlib';",
        "import { decodeZ85 } from './src/core/z85.ts';",
        `const bytes = brotliDecompressSync(decodeZ85(${JSON.stringify(stored)}));`,
        'export const htmlDecodeTree = new Uint16Array(bytes.length >> 1);',
        'for (let i = 0; i < htmlDecodeTree.length; i++) htmlDecodeTree[i] = bytes[2 * i] | (bytes[2 * i + 1] << 8);',
      ].join('\n');
      return { contents, loader: 'js', resolveDir: PROJECT_ROOT };
    });
  },
};

/** An array literal of hexadecimal numbers alone, as chardet's byte maps and n-gram lists are written (a value: after `return`, `(`, `,`, `=` or `:`; not an index). */
const HEX_ARRAY = /(?<=(?:\breturn|[(,=:])\s*)\[\s*(?:0x[0-9a-f]+,\s*)*0x[0-9a-f]+,?\s*\]/g;
/** The widest value a chardet table holds: its n-grams are three bytes. */
const CHARDET_VALUE_BYTES = 3;

/**
 * chardet's single-byte recognisers (lib/encoding/sbcs.js): their byte maps (256 bytes each) and
 * language n-gram lists (three bytes each) are array literals of hexadecimal numbers, 28 KB of the
 * minified bundle; its multi-byte ones (lib/encoding/mbcs.js) write their common characters so. They are stored instead as one brotli-compressed run of three-byte values,
 * in base64 (Buffer decodes it: nothing to import into chardet's CommonJS), decoded when the
 * module loads, and each literal becomes a copy of its array (a new array at each call, as the
 * literal gave). Same numbers, same order, same analyse() ranking. The bundle 974,363 -> 955,440 bytes
 * with sbcs.js, -> 953,919 with mbcs.js too (chardet 2.2.0). A release of chardet without such literals fails the bundling.
 */
export const CHARDET_TABLES_COMPRESSED: Plugin = {
  name: 'chardet-tables-compressed',
  setup(bundler) {
    bundler.onLoad({ filter: /[\\/]chardet[\\/]lib[\\/]encoding[\\/][ms]bcs\.js$/ }, async ({ path }) => {
      const source = await readFile(path, 'utf8');
      const tables: number[][] = [];
      const code = source.replace(HEX_ARRAY, (literal) => {
        tables.push(literal.match(/0x[0-9a-f]+/g)!.map(Number));
        return `__chardetTable(${tables.length - 1})`;
      });
      if (tables.length === 0) throw new Error(`${path}: no table of hexadecimal numbers for lib/function-bundle.ts CHARDET_TABLES_COMPRESSED`);
      const bytes = Buffer.alloc(tables.reduce((sum, table) => sum + table.length, 0) * CHARDET_VALUE_BYTES);
      let at = 0;
      for (const value of tables.flat()) at = bytes.writeUIntBE(value, at, CHARDET_VALUE_BYTES);
      const stored = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }).toString('base64');
      const decoder = [
        `const __chardetValues = require('node:zlib').brotliDecompressSync(Buffer.from(${JSON.stringify(stored)}, 'base64'));`,
        'let __chardetRead = 0;',
        `const __chardetTables = ${JSON.stringify(tables.map((table) => table.length))}.map((length) => Array.from({ length }, () => __chardetValues.readUIntBE(${CHARDET_VALUE_BYTES} * __chardetRead++, ${CHARDET_VALUE_BYTES})));`,
        'function __chardetTable(k) { return __chardetTables[k].slice(); }',
      ].join('\n');
      // After the module's "use strict" directive, before its code.
      const strict = '"use strict";\n';
      if (!code.startsWith(strict)) throw new Error(`${path}: no "use strict" first, as lib/function-bundle.ts CHARDET_TABLES_COMPRESSED expects`);
      return { contents: `${strict}${decoder}\n${code.slice(strict.length)}`, loader: 'js' };
    });
  },
};

/** The bundling props translated below; another one fails loudly rather than being left out. */
const TRANSLATED = ['forceDockerBundling', 'format', 'target', 'mainFields', 'banner', 'minify', 'sourceMap', 'sourceMapMode', 'sourcesContent', 'bundleAwsSDK', 'esbuildArgs'];

/**
 * esbuild's options for the stack's functions: NodejsFunction's command line for FUNCTION_BUNDLING,
 * as an API call, with SDK_SCHEMA_KEYS.
 */
export function lambdaBuildOptions(outfile: string, overrides: BuildOptions = {}, bundling: BundlingOptions = FUNCTION_BUNDLING): BuildOptions {
  const unknown = Object.keys(bundling).filter((key) => !TRANSLATED.includes(key));
  if (unknown.length > 0) throw new Error(`lib/function-bundle.ts does not translate ${unknown.join(', ')} of the bundling props to esbuild yet`);
  // esbuildArgs: --alias:<package> as esbuild's alias, every other --some-flag as its API option someFlag.
  const args = Object.entries(bundling.esbuildArgs ?? {});
  const flags = args.filter(([name]) => !name.startsWith('--alias:')).map(([name, value]) => [name.slice(2).replace(/-(\w)/g, (_, c: string) => c.toUpperCase()), value]);
  // NodejsFunction's defaults (aws-cdk-lib 2.x) where the props say nothing.
  return {
    bundle: true, platform: 'node', target: bundling.target ?? 'node22', format: bundling.format === OutputFormat.ESM ? 'esm' : 'cjs',
    minify: bundling.minify ?? false, sourcemap: bundling.sourceMap ?? false, sourcesContent: bundling.sourcesContent ?? true,
    external: bundling.bundleAwsSDK ? [] : ['@aws-sdk/*'], mainFields: bundling.mainFields, banner: bundling.banner ? { js: bundling.banner } : undefined,
    alias: Object.fromEntries(args.filter(([name]) => name.startsWith('--alias:')).map(([name, value]) => [name.slice('--alias:'.length), String(value)])),
    plugins: [SDK_SCHEMA_KEYS, JSON_NOTES_OUT, SDK_NATIVE_HASHES, SDK_CLIENT_VERSION, ENTITIES_TREE_COMPRESSED, CHARDET_TABLES_COMPRESSED],
    outfile, metafile: true, logLevel: 'warning', absWorkingDir: PROJECT_ROOT, ...(Object.fromEntries(flags) as BuildOptions), ...overrides,
  };
}

/** Bundles the handler module `entry` into `outdir` as the stack ships it (BUNDLE_FILE, its source map, its legal comments). */
export async function bundleFunction(entry: string, outdir: string): Promise<void> {
  await build(lambdaBuildOptions(join(outdir, BUNDLE_FILE), { entryPoints: [entry] }));
}
