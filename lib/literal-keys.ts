/**
 * A source transform for the bundle of the stack's functions (lib/function-bundle.ts): an object
 * literal's computed key that names a module-level string constant, `{ [_h]: x }` after
 * `const _h = "http";`, is written as that string, `{ "http": x }`.
 *
 * Why: esbuild drops an unused top-level `var` whose initializer has no side effects, but does not
 * take an object with a computed key as free of them (a computed key may call toString on an
 * object), so it keeps every schema of @aws-sdk/client-s3's dist-es/schemas/schemas_0.js
 * (`export var ListBuckets$ = [9, n0, _LB, { [_h]: ["GET", "/?x-id=ListBuckets", 200] }, …]`),
 * 67 KB of the minified bundle for an S3 client that sends three operations. With literal keys it
 * drops the schemas nothing refers to by itself. The SDK reaches a schema by reference only (a
 * command holds its operation's schema, a schema thunks to the shapes it contains); the errors are
 * found by name in a registry, and registering them is a call, which esbuild keeps.
 *
 * The code does the same: `{ [k]: v }` and `{ "text of k": v }` define the same own property
 * in the same place, with the same value. A key is rewritten only where that holds for certain:
 * - the constant is a top-level `const` with a string literal, and no other binding of its name
 *   exists in the file (so no scope can shadow it);
 * - the key stands after the declaration and outside every function and class, so it is
 *   evaluated after the constant is initialized, never in its temporal dead zone;
 * - the value is not "__proto__" (a literal `__proto__:` key sets the prototype instead).
 */
import ts from 'typescript';

export interface LiteralKeys {
  readonly code: string;
  /** How many computed keys were rewritten. */
  readonly rewritten: number;
}

/** `source` (a JavaScript module) with the computed keys described above written as string literals. */
export function literalKeys(source: string, fileName: string): LiteralKeys {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);

  const constants = new Map<string, { value: string; end: number }>();
  for (const statement of file.statements) {
    if (!ts.isVariableStatement(statement) || !(statement.declarationList.flags & ts.NodeFlags.Const)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (ts.isIdentifier(declaration.name) && declaration.initializer && ts.isStringLiteral(declaration.initializer)) {
        constants.set(declaration.name.text, { value: declaration.initializer.text, end: statement.end });
      }
    }
  }

  // Every binding the file declares, anywhere, counted by name.
  const bindings = new Map<string, number>();
  const bind = (name: ts.BindingName | undefined): void => {
    if (!name) return;
    if (ts.isIdentifier(name)) bindings.set(name.text, (bindings.get(name.text) ?? 0) + 1);
    else for (const element of name.elements) if (!ts.isOmittedExpression(element)) bind(element.name);
  };
  const keys: ts.ComputedPropertyName[] = [];
  const visit = (node: ts.Node, inFunction: boolean): void => {
    if (ts.isVariableDeclaration(node) || ts.isParameter(node) || ts.isBindingElement(node)) bind(node.name);
    else if (ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isClassDeclaration(node) || ts.isClassExpression(node)) bind(node.name);
    else if (ts.isImportClause(node)) bind(node.name);
    else if (ts.isNamespaceImport(node) || ts.isImportSpecifier(node) || ts.isImportEqualsDeclaration(node)) bind(node.name);
    else if (ts.isComputedPropertyName(node) && !inFunction && ts.isPropertyAssignment(node.parent) && ts.isIdentifier(node.expression)) keys.push(node);
    const inside = inFunction || ts.isFunctionLike(node) || ts.isClassLike(node);
    ts.forEachChild(node, (child) => visit(child, inside));
  };
  visit(file, false);

  let code = source;
  let rewritten = 0;
  // From the end, so that the positions of the keys not yet rewritten stay valid.
  for (const key of keys.reverse()) {
    const name = (key.expression as ts.Identifier).text;
    const constant = constants.get(name);
    const start = key.getStart(file);
    if (!constant || bindings.get(name) !== 1 || constant.value === '__proto__' || start < constant.end) continue;
    code = code.slice(0, start) + JSON.stringify(constant.value) + code.slice(key.end);
    rewritten++;
  }
  return { code, rewritten };
}
