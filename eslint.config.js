// @ts-check
// The linter: typescript-eslint's strict type-aware rules (strictTypeChecked), with the few
// changes below, each with its reason. `npm run lint` runs it; CI and /work/coord/integrate fail
// on any warning.
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  // What .gitignore keeps out of the repository (builds, outputs, scratch directories) is not linted either.
  { ignores: ['dist/**', 'cdk.out/**', 'node_modules/**', 'coverage/**', '.bench/**', '.cache/**', '.dbg/**', '.eval/**', '.local-s3/**', 'out/**'] },
  eslint.configs.recommended,
  tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        // vitest.config.ts is in tsconfig.json (test/lanes.test.ts reads its lanes).
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // tsconfig has noUncheckedIndexedAccess, so `words[i]` is `string | undefined`. Where the
      // index is in range by construction (a loop bound, a length checked above), the code says
      // so with `words[i]!`: a runtime check there would be dead code, and a cast hides more.
      // Assertions the types make unnecessary are still caught (no-unnecessary-type-assertion).
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Numbers in messages and reports print as they should; objects, undefined and null in a
      // template are still errors.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // `const { omitted: _omitted, ...rest } = value` is how the code drops a field; a leading
      // underscore marks a name as unused on purpose, anything else unused is an error.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // The decoder and the key checks match control characters on purpose (to strip or reject
      // them); the rule is for control characters typed by accident.
      'no-control-regex': 'off',
      // readJson<T>(path) names the shape the caller expects of parsed JSON; the rule would move
      // the same cast to every call site.
      '@typescript-eslint/no-unnecessary-type-parameters': 'off',
      // `onDone: () => resolve()` and `() => bar.stop()` hand on a call; braces would add nothing.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      // domhandler's node.type is a string enum whose values ('tag', 'text') are its documented
      // API; comparing them to their literals is what its own guards do.
      '@typescript-eslint/no-unsafe-enum-comparison': 'off',
      // `return void (await next())` in a middleware says "await, then return nothing" in one line.
      '@typescript-eslint/no-meaningless-void-operator': 'off',
      // `readdir(path).catch((error: NodeJS.ErrnoException) => ...)`: node's fs promises reject
      // with that type, and the annotation says so where `unknown` would need a cast inside.
      '@typescript-eslint/use-unknown-in-catch-callback-variable': 'off',
      // `while (true)` loops that return from inside are the plainest form of a reader's loop.
      '@typescript-eslint/no-unnecessary-condition': ['error', { allowConstantLoopConditions: true }],
      // `async` marks a method whose interface returns a promise (the object store, handlers)
      // even where this implementation awaits nothing; a promise left unawaited is caught by
      // no-floating-promises and no-misused-promises instead.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // Tests read synthesized CloudFormation templates, parsed JSON and mocks, which are `any` by
    // nature: typing each access would add casts without catching a bug, and a wrong access
    // fails the test anyway. Mocks stand in for async functions, and take bodies that are strings in tests (String(body)). Teardown
    // guards against a setup that failed half-way (`await server?.close()` of a variable that
    // beforeAll assigns), tests unset environment variables (`delete process.env[name]`) and
    // save a method to restore it.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-class-instance-assignment': 'off',
      '@typescript-eslint/restrict-plus-operands': 'off',
      '@typescript-eslint/no-base-to-string': 'off',
      '@typescript-eslint/no-unnecessary-type-conversion': 'off',
      '@typescript-eslint/no-unnecessary-condition': 'off',
      '@typescript-eslint/no-dynamic-delete': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  { files: ['**/*.js', '**/*.mjs'], extends: [tseslint.configs.disableTypeChecked] },
);
