/**
 * The CDK app of the project, as a function of the app's context, so that bin/app.ts and the
 * tests build exactly the same thing.
 */
import type { App } from 'aws-cdk-lib';
import { addComplianceChecks } from './nag.js';
import { ScrapeCleanStack } from './scrape-clean-stack.js';
import { settingsFromContext } from './settings.js';
import { resolveStage, stackNameFor, type StageSources } from './stage.js';

/**
 * Adds the stage's stack (stage from `-c stage=...`, or the user name) and the cdk-nag checks
 * to the app. Context keys: see SETTING_CONTEXT_KEYS in ./settings.ts.
 */
export function buildScrapeCleanApp(app: App, sources: Omit<StageSources, 'context'> = {}): ScrapeCleanStack {
  const stage = resolveStage({ ...sources, context: app.node.tryGetContext('stage') });
  const settings = settingsFromContext((key) => app.node.tryGetContext(key));
  const stack = new ScrapeCleanStack(app, stackNameFor(stage), { stage, settings });
  // Optional parts behind their own context flag (the backfill, `-c backfill=true`) are added to
  // `stack` here, wired to its public buckets, queue and function.
  addComplianceChecks(app);
  return stack;
}
