/**
 * The hostile inputs of issue 13, one module per class of the issue, in the order. Add a
 * case to the module of its class (or a new module here): each case states what must hold of its
 * document (scripts/hostile/kit.ts), not only that nothing crashed.
 *
 *   §1 time budget             ./time-budget.ts
 *   §2 stack depth, metadata    ./metadata.ts
 *   §3 decoding                 ./decoding.ts
 *   §4 visible text             ./visible-text.ts
 *   §5 well-formed strings      ./well-formed.ts
 *   §8 formats                  ./formats.ts
 *
 * (§6 and §7, concurrent writes and the local pipeline's crash survival, are pipeline behaviours:
 * their tests live with the pipeline, not here.)
 */
import type { AdversarialCase } from './kit.js';
import { DECODING_CASES } from './decoding.js';
import { FORMAT_CASES } from './formats.js';
import { METADATA_CASES } from './metadata.js';
import { TIME_BUDGET_CASES } from './time-budget.js';
import { VISIBLE_TEXT_CASES } from './visible-text.js';
import { WELL_FORMED_CASES } from './well-formed.js';

/**
 * Cases known to fail until the named work lands (see AdversarialCase.pending): the tests expect
 * them to fail, and fail once one passes, so an entry goes with the fix that makes it pass.
 */
const PENDING: Readonly<Record<string, string>> = {};

/** Marks a case pending when PENDING names it. */
export function withPending<T extends AdversarialCase>(testCase: T, pending: Readonly<Record<string, string>> = PENDING): T {
  const reason = pending[testCase.name];
  return reason ? { ...testCase, pending: reason } : testCase;
}

export const HOSTILE_CASES: readonly AdversarialCase[] = [
  ...TIME_BUDGET_CASES,
  ...METADATA_CASES,
  ...DECODING_CASES,
  ...VISIBLE_TEXT_CASES,
  ...WELL_FORMED_CASES,
  ...FORMAT_CASES,
].map((c) => withPending(c));
