#!/usr/bin/env node
/**
 * The CDK app: `npx cdk synth|deploy|destroy -c stage=<name>` (cdk.json runs this file with tsx).
 * One stack per stage; cdk-nag's AwsSolutions rules run on every synth.
 */
import { App } from 'aws-cdk-lib';
import { buildScrapeCleanApp } from '../lib/app.js';
import { SettingsError } from '../lib/settings.js';
import { missingCredentialsHint, StageError } from '../lib/stage.js';

const app = new App();
try {
  buildScrapeCleanApp(app);
} catch (error) {
  if (error instanceof SettingsError || error instanceof StageError) {
    // A wrong -c value: the message says which and what to pass; no stack trace needed.
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
app.synth();
// Said last, just above the CDK's own "Unable to resolve AWS account to use", which names no remedy.
const hint = missingCredentialsHint();
if (hint) console.error(hint);
