/**
 * What a stub of functions/stubs/ throws when code reaches a part of the AWS SDK that the clean
 * function's bundle leaves out (FUNCTION_BUNDLING in lib/constructs/clean-function.ts aliases
 * each SDK module to its stub). Reaching one is a bug of the function's wiring, never bad input:
 * the error says what was left out and what to do instead.
 */
export class LeftOutOfBundleError extends Error {
  override readonly name = 'LeftOutOfBundleError';
}

export function leftOut(what: string, instead: string): LeftOutOfBundleError {
  return new LeftOutOfBundleError(`${what} is left out of the clean function's bundle (FUNCTION_BUNDLING in lib/constructs/clean-function.ts): ${instead}`);
}
