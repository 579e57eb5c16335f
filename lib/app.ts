/**
 * The CDK app of the project, as a function of the app's context, so that bin/app.ts and the
 * tests build exactly the same thing.
 */
import type { App } from 'aws-cdk-lib';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Backfill } from './backfill.js';
import { backfillSettingsFromContext, resolveBackfillSettings } from './backfill-settings.js';
import { addComplianceChecks } from './nag.js';
import { PROJECT_ROOT, ScrapeCleanStack, SUMMARY_HANDLER_ENTRY } from './scrape-clean-stack.js';
import { settingsFromContext } from './settings.js';
import { removalPolicyFor, resolveStage, resourcePrefixFor, stackNameFor, type StageSources } from './stage.js';

/**
 * Adds the stage's stack (stage from `-c stage=...`, or the user name) and the cdk-nag checks
 * to the app. Context keys: the names of the settings in ./settings.ts (`suffix` for `suffixes`)
 * and BACKFILL_CONTEXT_KEYS in ./backfill-settings.ts.
 */
export function buildScrapeCleanApp(app: App, sources: Omit<StageSources, 'context'> = {}): ScrapeCleanStack {
  const stage = resolveStage({ ...sources, context: app.node.tryGetContext('stage') });
  const settings = settingsFromContext((key) => app.node.tryGetContext(key));
  const stack = new ScrapeCleanStack(app, stackNameFor(stage), { stage, settings });
  // Optional parts behind their own context flag are added to `stack` here, wired to its public
  // buckets, queue and function. The backfill's settings are checked even when it is off.
  const backfill = resolveBackfillSettings(backfillSettingsFromContext((key) => app.node.tryGetContext(key)), stack.settings);
  if (backfill.enabled) {
    new Backfill(stack, 'Backfill', {
      namePrefix: resourcePrefixFor(stage),
      settings: backfill,
      pipelineSettings: stack.settings,
      rawBucket: stack.rawBucket,
      cleanBucket: stack.cleanBucket,
      inventoryBucket: stack.accessLogsBucket,
      cleanFunction: stack.cleanFunction,
      deadLetterQueue: stack.deadLetterQueue,
      encryptionKey: stack.encryptionKey,
      projectRoot: PROJECT_ROOT,
      summaryEntry: SUMMARY_HANDLER_ENTRY,
      // resolveSettings admits only the values RetentionDays has.
      // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-assignment, @typescript-eslint/no-unnecessary-type-assertion
      logRetention: stack.settings.logRetentionDays as RetentionDays,
      removalPolicy: removalPolicyFor(stage),
    });
  }
  addComplianceChecks(app);
  return stack;
}
