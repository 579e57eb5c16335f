/**
 * A small interpreter of the Amazon States Language in JSONata mode, for the states the backfill
 * uses (Pass, Task, Choice, Wait, Succeed, Fail; Map stops the run), so that tests run the
 * state machine's own definition (lib/backfill-definition.ts) with the real JSONata engine and
 * the real clean handler behind `lambda:invoke`. It follows the Step Functions developer guide:
 *
 * - `{% expr %}` strings are JSONata, with `$states` ({ input, result, errorOutput, context })
 *   and the workflow's variables bound; other values are templates evaluated field by field;
 * - a Task's Assign and Output see `$states.result` (or `$states.errorOutput` in a Catch);
 *   Assign's new values are visible from the next state on;
 * - Retry: the first retrier whose ErrorEquals names the error (or States.ALL) retries it until
 *   its MaxAttempts (default 3) are used, then the first matching Catch applies;
 * - Wait states do not wait: their seconds are recorded.
 *
 * It is a test double of Step Functions, not a replacement: the definition is also validated
 * against the ASL schema (asl-validator), and deployment is what finally checks it.
 */
import jsonata from 'jsonata';

type State = Record<string, any>;
export type Resource = (resource: string, args: any) => Promise<any>;

export class StatesError extends Error {
  constructor(
    readonly error: string,
    readonly detail: string,
  ) {
    super(`${error}: ${detail}`);
  }
}

export interface RunLog {
  readonly visited: string[];
  readonly waits: number[];
}

export interface RunResult {
  readonly status: 'SUCCEEDED' | 'FAILED' | 'MAP';
  readonly output?: unknown;
  readonly error?: string;
  readonly cause?: string;
  /** The Map state reached (status MAP), with its input. */
  readonly mapState?: string;
  readonly log: RunLog;
}

const EXPRESSION = /^\{%([\s\S]*)%\}$/;

export async function evaluate(template: unknown, bindings: Record<string, unknown>): Promise<unknown> {
  if (typeof template === 'string') {
    const match = EXPRESSION.exec(template);
    if (!match) return template;
    return jsonata(match[1]!).evaluate({}, bindings);
  }
  if (Array.isArray(template)) return Promise.all(template.map((item) => evaluate(item, bindings)));
  if (template && typeof template === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(template)) {
      const evaluated = await evaluate(value, bindings);
      if (evaluated === undefined) throw new StatesError('States.QueryEvaluationError', `field ${key} evaluated to undefined`);
      out[key] = evaluated;
    }
    return out;
  }
  return template;
}

function errorName(error: unknown): string {
  if (error instanceof StatesError) return error.error;
  return (error as Error)?.name ?? 'Error';
}

function matches(names: string[], error: string): boolean {
  return names.includes(error) || (names.includes('States.ALL') && !error.startsWith('States.Runtime'));
}

export async function runWorkflow(
  workflow: { StartAt: string; States: Record<string, State> },
  input: unknown,
  resources: Resource,
  context: Record<string, unknown> = { Execution: { Name: 'test-execution', StartTime: '2026-01-01T00:00:00Z' } },
): Promise<RunResult> {
  const variables: Record<string, unknown> = {};
  const log: RunLog = { visited: [], waits: [] };
  let name = workflow.StartAt;
  let current: unknown = input;
  for (let steps = 0; steps < 1000; steps++) {
    const state = workflow.States[name];
    if (!state) throw new Error(`no state ${name}`);
    log.visited.push(name);
    const states = (extra: Record<string, unknown> = {}) => ({ states: { input: current, context, ...extra }, ...variables });
    switch (state.Type) {
      case 'Pass': {
        const assigned = state.Assign ? ((await evaluate(state.Assign, states())) as Record<string, unknown>) : {};
        const output = state.Output !== undefined ? await evaluate(state.Output, states()) : current;
        Object.assign(variables, assigned);
        current = output;
        break;
      }
      case 'Task': {
        const retries = new Map<number, number>();
        let result: unknown;
        let caught: { rule: State; errorOutput: { Error: string; Cause: string } } | null = null;
        for (;;) {
          try {
            const args = await evaluate(state.Arguments, states());
            result = await resources(state.Resource, args);
            break;
          } catch (error) {
            const errorOutput = { Error: errorName(error), Cause: error instanceof StatesError ? error.detail : JSON.stringify({ errorMessage: (error as Error)?.message }) };
            const index = (state.Retry ?? []).findIndex((r: State) => matches(r.ErrorEquals, errorOutput.Error));
            const retrier = index >= 0 ? state.Retry[index] : null;
            const used = retries.get(index) ?? 0;
            if (retrier && used < (retrier.MaxAttempts ?? 3)) {
              retries.set(index, used + 1);
              continue;
            }
            const rule = (state.Catch ?? []).find((c: State) => matches(c.ErrorEquals, errorOutput.Error));
            if (!rule) return { status: 'FAILED', error: errorOutput.Error, cause: errorOutput.Cause, log };
            caught = { rule, errorOutput };
            break;
          }
        }
        if (caught) {
          const bindings = states({ errorOutput: caught.errorOutput });
          const assigned = caught.rule.Assign ? ((await evaluate(caught.rule.Assign, bindings)) as Record<string, unknown>) : {};
          const output = caught.rule.Output !== undefined ? await evaluate(caught.rule.Output, bindings) : caught.errorOutput;
          Object.assign(variables, assigned);
          current = output;
          name = caught.rule.Next;
          continue;
        }
        const bindings = states({ result });
        const assigned = state.Assign ? ((await evaluate(state.Assign, bindings)) as Record<string, unknown>) : {};
        const output = state.Output !== undefined ? await evaluate(state.Output, bindings) : result;
        Object.assign(variables, assigned);
        current = output;
        break;
      }
      case 'Choice': {
        let next = state.Default;
        for (const choice of state.Choices) {
          if ((await evaluate(choice.Condition, states())) === true) {
            next = choice.Next;
            break;
          }
        }
        if (!next) return { status: 'FAILED', error: 'States.NoChoiceMatched', cause: name, log };
        name = next;
        continue;
      }
      case 'Wait': {
        const seconds = await evaluate(state.Seconds, states());
        if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 0) throw new Error(`Wait ${name}: ${String(seconds)} is not a number of seconds`);
        log.waits.push(seconds);
        break;
      }
      case 'Succeed':
        return { status: 'SUCCEEDED', output: state.Output !== undefined ? await evaluate(state.Output, states()) : current, log };
      case 'Fail':
        return { status: 'FAILED', error: String(await evaluate(state.Error, states())), cause: String(await evaluate(state.Cause, states())), log };
      case 'Map':
        return { status: 'MAP', mapState: name, output: current, log };
      default:
        throw new Error(`state type ${state.Type} is not interpreted`);
    }
    if (state.End) return { status: 'SUCCEEDED', output: current, log };
    name = state.Next;
  }
  throw new Error('too many steps');
}
