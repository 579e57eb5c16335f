/**
 * Stand-in entry of the cold-start benchmark while functions/clean.ts does not exist: the core,
 * imported the way the handler imports it. bench/cold-start.ts switches to the real handler as
 * soon as it exists.
 */
export { clean } from '../src/core/index.js';
