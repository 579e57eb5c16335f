/** `npm run schema`: writes the JSON Schema files generated from the zod schemas (see ./json-schema.ts). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { schemaFiles } from './json-schema.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
for (const file of schemaFiles()) {
  const path = resolve(root, file.path);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, file.content);
  console.log(`wrote ${file.path}`);
}
