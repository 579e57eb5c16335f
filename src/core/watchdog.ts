import { CleanError } from './errors.js';

/** Per-document time budget: turns a runaway page into a typed error instead of a Lambda timeout. */
export class Watchdog {
  private readonly deadline: number;

  constructor(private readonly budgetMs: number) {
    this.deadline = performance.now() + budgetMs;
  }

  check(stage: string): void {
    if (performance.now() > this.deadline) {
      throw new CleanError('TIME_BUDGET_EXCEEDED', `cleaning took longer than the ${this.budgetMs} ms budget (while ${stage})`);
    }
  }
}
