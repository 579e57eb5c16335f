/**
 * `npm run lint:templates`: cfn-lint, the CloudFormation linter, on every variant of the stage's
 * template, failing on any error or warning that lib/lint-acknowledgements.ts does not
 * acknowledge (with its reason). CI runs it (.ci/run installs cfn-lint where it is missing).
 *
 *   npm run lint:templates [-- --if-available] [--keep]
 *
 * The variants are synthesized here as `cdk synth` would (cdk.json's context, the same app,
 * cdk-nag's checks included, which fail the synth on their own findings), with the function's
 * bundling skipped: it changes the asset's hash, not the template's resources. --if-available
 * turns "cfn-lint is not installed" from a failure into a notice.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { App } from 'aws-cdk-lib';
import { buildScrapeCleanApp } from '../lib/app.js';
import { CFN_LINT_ACKNOWLEDGEMENTS, type CfnLintAcknowledgement } from '../lib/lint-acknowledgements.js';
import { commandLine } from './command-line.js';

/**
 * The variants: every optional part and every setting that changes which resources the template
 * has or how they are configured (KMS, the backfill with and without an inventory, the
 * production stage's retention, key filters, the alarm e-mail, reserved concurrency, batching).
 */
export const TEMPLATE_VARIANTS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  default: {},
  kms: { kms: 'true' },
  backfill: { backfill: 'true' },
  'backfill-inventory': { backfill: 'true', backfillInventory: 'weekly' },
  'backfill-kms-inventory': { backfill: 'true', kms: 'true', backfillInventory: 'daily' },
  'prod-filters-email-reserved': {
    stage: 'prod',
    prefix: 'news/',
    suffix: '.html,.html.gz,.txt',
    alarmEmail: 'oncall@example.com',
    reservedConcurrency: '20',
    batchSize: '50',
    batchingWindowSeconds: '5',
  },
};

interface Finding {
  readonly Rule: { readonly Id: string };
  readonly Level: 'Error' | 'Warning' | 'Informational';
  readonly Message: string;
  readonly Filename: string;
  readonly Location: { readonly Path: readonly (string | number)[] | null; readonly Start: { readonly LineNumber: number } };
}

const ROOT = resolve(import.meta.dirname, '..');

/** The cfn-lint to run: $CFN_LINT, or the one on PATH. */
function findCfnLint(): { command: string; version: string } | null {
  for (const command of [process.env.CFN_LINT, 'cfn-lint'].filter((c): c is string => Boolean(c))) {
    const result = spawnSync(command, ['--version'], { encoding: 'utf8' });
    if (result.status === 0) return { command, version: result.stdout.trim() };
  }
  return null;
}

function synthesize(outdir: string, name: string, context: Readonly<Record<string, string>>): string {
  const cdkJson = JSON.parse(readFileSync(join(ROOT, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> };
  const app = new App({ outdir: join(outdir, name), context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [], stage: 'ci', ...context } });
  const stack = buildScrapeCleanApp(app, { env: {} });
  const template = app.synth().getStackByName(stack.stackName).template as unknown;
  const path = join(outdir, `${name}.json`);
  writeFileSync(path, JSON.stringify(template, null, 1));
  return path;
}

export function acknowledgementOf(finding: Finding, acknowledgements: readonly CfnLintAcknowledgement[] = CFN_LINT_ACKNOWLEDGEMENTS): CfnLintAcknowledgement | undefined {
  const path = finding.Location.Path ?? [];
  const resource = path[0] === 'Resources' ? String(path[1]) : '';
  return acknowledgements.find((a) => a.rule === finding.Rule.Id && (a.resources === undefined || a.resources.some((prefix) => resource.startsWith(prefix))));
}

async function main(): Promise<number> {
  const { values } = commandLine('usage: npm run lint:templates [-- --if-available] [--keep]', { options: { 'if-available': { type: 'boolean', default: false }, keep: { type: 'boolean', default: false } } });
  const cfnLint = findCfnLint();
  if (!cfnLint) {
    console.error('lint:templates: cfn-lint is not installed (pip install cfn-lint, or set CFN_LINT): the templates were NOT linted');
    return values['if-available'] ? 0 : 1;
  }
  const outdir = mkdtempSync(join(tmpdir(), 'scrape-clean-templates-'));
  try {
    const files = new Map<string, string>();
    for (const [name, context] of Object.entries(TEMPLATE_VARIANTS)) files.set(synthesize(outdir, name, context), name);
    const result = spawnSync(cfnLint.command, ['--format', 'json', '--', ...files.keys()], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    let findings: Finding[];
    try {
      findings = JSON.parse(result.stdout || '[]') as Finding[];
    } catch {
      console.error(`lint:templates: cfn-lint did not answer JSON (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
      return 1;
    }
    console.log(`lint:templates: ${cfnLint.version} on ${files.size} variants`);
    const used = new Set<CfnLintAcknowledgement>();
    let failing = 0;
    for (const [file, name] of files) {
      const mine = findings.filter((f) => resolve(f.Filename) === resolve(file) && f.Level !== 'Informational');
      const open = mine.filter((f) => {
        const acknowledged = acknowledgementOf(f);
        if (acknowledged) used.add(acknowledged);
        return !acknowledged;
      });
      const count = (list: Finding[], level: Finding['Level']) => list.filter((f) => f.Level === level).length;
      const acknowledgedRules = [...new Set(mine.filter((f) => !open.includes(f)).map((f) => f.Rule.Id))].map((rule) => `${rule} ${mine.filter((f) => f.Rule.Id === rule && !open.includes(f)).length}`);
      console.log(
        `  ${name} (${Object.entries(TEMPLATE_VARIANTS[name]!).map(([k, v]) => `${k}=${v}`).join(' ') || 'defaults'}): ` +
          `${count(open, 'Error')} errors, ${count(open, 'Warning')} warnings${acknowledgedRules.length ? ` · acknowledged: ${acknowledgedRules.join(', ')}` : ''}`,
      );
      for (const f of open) console.log(`    ${f.Rule.Id} ${f.Level} at ${(f.Location.Path ?? []).join('/')} (line ${f.Location.Start.LineNumber}): ${f.Message}`);
      failing += open.length;
    }
    for (const a of CFN_LINT_ACKNOWLEDGEMENTS) if (!used.has(a)) console.log(`  note: the acknowledgement of ${a.rule} matched no finding: remove it from lib/lint-acknowledgements.ts?`);
    if (failing > 0) console.log(`lint:templates: ${failing} findings neither fixed nor acknowledged (lib/lint-acknowledgements.ts)`);
    return failing > 0 ? 1 : 0;
  } finally {
    if (values.keep) console.log(`lint:templates: templates kept in ${outdir}`);
    else rmSync(outdir, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('lint-templates.ts')) process.exitCode = await main();
