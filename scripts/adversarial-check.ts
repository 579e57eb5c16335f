/**
 * Cleans one adversarial case (scripts/adversarial-cases.ts) with the core and says whether it
 * ended as the case requires: a document that validates against the schema (with nothing of a
 * script, style or event handler in a segment, the text decoded right, every string well-formed,
 * and whatever else the case checks), or a CleanError
 * with an expected code and a clear message — never another exception.
 *
 * Run as a program it cleans the named cases in this process, one after the other, and prints a
 * report per case as one JSON line with the process's peak RSS so far: the tests run the cases
 * that way, in children with a capped V8 heap, so a case that needs unbounded memory dies there
 * instead of passing. The bytes are read from --dir when the file is there, else generated.
 *
 *   node --import tsx scripts/adversarial-check.ts <case name>… [--dir <dir>] [--time-budget <ms>] [--hold-budget]
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { clean } from '../src/core/clean.js';
import { CleanError, CLEAN_ERROR_CODES } from '../src/core/errors.js';
import { DEFAULT_CLEAN_OPTIONS } from '../src/core/options.js';
import { documentSchema, type CleanDocument } from '../src/core/schema.js';
import { caseNamed, type AdversarialCase } from './adversarial-cases.js';
import { wellFormedProblems } from './hostile/kit.js';

export interface CaseReport {
  readonly name: string;
  readonly outcome: 'document' | 'error' | 'exception';
  /** Error code (CleanError) or the exception's name. */
  readonly code: string | null;
  readonly message: string | null;
  /** Milliseconds in clean(). */
  readonly ms: number;
  readonly bytes: number;
  readonly segments: number | null;
  /** What is wrong with the outcome; empty when the case passed. */
  readonly problems: string[];
  /** Peak resident set size of the process, when run as a program. */
  readonly maxRssMb?: number;
}

export interface CheckOptions {
  readonly timeBudgetMs?: number;
  /**
   * A case that runs past the time budget plus one second fails (issue 13 §1), whatever it ended
   * as. Off in the tests (speed is measured by scripts that print figures, not by timed assertions).
   */
  readonly holdBudget?: boolean;
}

/** How far past its budget a document may run: the watchdog looks at the clock between steps (issue 13 §1). */
export const BUDGET_SLACK_MS = 1_000;

export interface JudgeOptions {
  /**
   * TIME_BUDGET_EXCEEDED is an acceptable end (a typed error all the same): by default for the
   * heavy cases, since how far a 50 MB page gets within a budget depends on the CPU.
   */
  readonly budgetMayExpire?: boolean;
}

/** A message a user can act on: says what is wrong, not just a code or an object dump. */
function unclearMessage(message: string): boolean {
  return message.trim().length < 12 || /\[object |undefined|NaN/.test(message);
}

/** Every string of the document a reader sees as page text. */
function segmentTexts(document: CleanDocument): string[] {
  return [...document.segments.map((s) => s.text), document.bodyText];
}

export function judge(testCase: AdversarialCase, outcome: { document: CleanDocument } | { error: unknown }, ms: number, bytes: number, options: JudgeOptions = {}): CaseReport {
  const problems: string[] = [];
  const base = { name: testCase.name, ms: Math.round(ms), bytes };
  if ('error' in outcome) {
    const error = outcome.error;
    if (!(error instanceof CleanError)) {
      const name = (error as Error | undefined)?.name ?? typeof error;
      const message = (error as Error | undefined)?.message ?? String(error);
      return { ...base, outcome: 'exception', code: name, message, segments: null, problems: [`threw ${name} (not a CleanError): ${message}`] };
    }
    if (!CLEAN_ERROR_CODES.includes(error.code)) problems.push(`unknown error code ${error.code}`);
    const budgetMayExpire = options.budgetMayExpire ?? testCase.heavy === true;
    const budgetExpired = error.code === 'TIME_BUDGET_EXCEEDED' && budgetMayExpire;
    if (testCase.expect.kind === 'document' && !budgetExpired) problems.push(`expected a document, got ${error.code}: ${error.message}`);
    if (testCase.expect.kind === 'error' && !budgetExpired && !testCase.expect.codes.includes(error.code)) {
      problems.push(`expected ${testCase.expect.codes.join(' or ')}, got ${error.code}: ${error.message}`);
    }
    if (unclearMessage(error.message)) problems.push(`unclear message: ${JSON.stringify(error.message)}`);
    return { ...base, outcome: 'error', code: error.code, message: error.message, segments: null, problems };
  }
  const { document } = outcome;
  if (testCase.expect.kind === 'error') problems.push(`expected ${testCase.expect.codes.join(' or ')}, got a document`);
  const parsed = documentSchema.safeParse(document);
  if (!parsed.success) problems.push(`document does not match the schema: ${parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const texts = segmentTexts(document);
  for (const needle of testCase.forbidden ?? []) {
    if (texts.some((text) => text.includes(needle))) problems.push(`a segment holds ${JSON.stringify(needle)}`);
  }
  for (const needle of testCase.mustContain ?? []) {
    if (!texts.some((text) => text.includes(needle)) && !(document.title ?? '').includes(needle)) problems.push(`no segment holds ${JSON.stringify(needle)}`);
  }
  // Issue 13 §5, of every document: no lone surrogate, no control character or bidi override.
  problems.push(...wellFormedProblems(document));
  if (testCase.check) problems.push(...testCase.check(document));
  return { ...base, outcome: 'document', code: null, message: null, segments: document.segments.length, problems };
}

/** Cleans the case's bytes in this process and judges the outcome. */
export function checkCase(testCase: AdversarialCase, bytes: Uint8Array, options: CheckOptions = {}): CaseReport {
  const started = performance.now();
  let outcome: { document: CleanDocument } | { error: unknown };
  try {
    outcome = { document: clean({ bytes, name: testCase.name, ...testCase.input }, { timeBudgetMs: options.timeBudgetMs }) };
  } catch (error) {
    outcome = { error };
  }
  const ms = performance.now() - started;
  const report = judge(testCase, outcome, ms, bytes.length);
  const budget = options.timeBudgetMs ?? DEFAULT_CLEAN_OPTIONS.timeBudgetMs;
  if (options.holdBudget && ms > budget + BUDGET_SLACK_MS) {
    report.problems.push(`ran ${Math.round(ms)} ms, past the ${budget} ms budget plus ${BUDGET_SLACK_MS} ms`);
  }
  return report;
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname);
if (isMain) {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { dir: { type: 'string' }, 'time-budget': { type: 'string' }, 'hold-budget': { type: 'boolean', default: false } } });
  const timeBudgetMs = values['time-budget'] ? Number(values['time-budget']) : undefined;
  const holdBudget = values['hold-budget'];
  for (const name of positionals) {
    const testCase = caseNamed(name);
    const bytes = values.dir && existsSync(join(values.dir, name)) ? readFileSync(join(values.dir, name)) : testCase.bytes();
    const report = checkCase(testCase, bytes, { timeBudgetMs, holdBudget });
    // Peak of the process so far: one case per process gives that case's peak.
    process.stdout.write(`${JSON.stringify({ ...report, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`);
  }
}
