/** Exit codes of `scrape-clean`, the convention of sysexits-minded tools (grep, diff, curl). */
export const EXIT = {
  /** Every input cleaned. */
  OK: 0,
  /** At least one input failed (its error record was written); the others were cleaned. */
  FAILURES: 1,
  /** Bad arguments or options, or an input path that does not exist: nothing was cleaned. */
  USAGE: 2,
} as const;
