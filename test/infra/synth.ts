/**
 * Test helpers: synthesize the app exactly as bin/app.ts does (same feature flags from cdk.json,
 * same buildScrapeCleanApp), with bundling skipped unless a test asks for it, and read the
 * template the way a reviewer would.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, type CfnElement, type Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { buildScrapeCleanApp } from '../../lib/app.js';
import type { ScrapeCleanStack } from '../../lib/scrape-clean-stack.js';

const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as {
  context: Record<string, unknown>;
};

/** The context of cdk.json (feature flags, telemetry off): the tests synthesize what `cdk synth` does. */
export const CDK_JSON_CONTEXT = cdkJson.context;

const outdirs: string[] = [];

export interface SynthOptions {
  /** Run esbuild on the handler (slow); otherwise bundling is skipped for every stack. */
  readonly bundling?: boolean;
  /** Environment the default stage is taken from. @default {} (no user: tests pass a stage) */
  readonly env?: NodeJS.ProcessEnv;
}

export interface Synthesized {
  readonly app: App;
  readonly stack: ScrapeCleanStack;
  readonly template: Template;
  readonly json: CfnTemplate;
  /** Logical id of a construct's CloudFormation resource (the construct itself or its default child). */
  logicalId(construct: IConstruct): string;
}

export interface CfnResource {
  Type: string;
  Properties?: Record<string, any>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
}
export interface CfnTemplate {
  Resources: Record<string, CfnResource>;
  Outputs?: Record<string, { Value: unknown }>;
}

export function synth(context: Record<string, unknown>, options: SynthOptions = {}): Synthesized {
  const outdir = mkdtempSync(join(tmpdir(), 'scrape-clean-infra-'));
  outdirs.push(outdir);
  const app = new App({
    outdir,
    context: { ...CDK_JSON_CONTEXT, 'aws:cdk:bundling-stacks': options.bundling ? ['**'] : [], ...context },
  });
  const stack = buildScrapeCleanApp(app, {
    env: options.env ?? {},
    osUser: () => {
      throw new Error('tests have no OS user');
    },
  });
  const template = Template.fromStack(stack);
  return {
    app,
    stack,
    template,
    json: template.toJSON() as CfnTemplate,
    logicalId: (construct) => logicalIdOf(stack, construct),
  };
}

export function logicalIdOf(stack: Stack, construct: IConstruct): string {
  const element = (construct.node.defaultChild ?? construct) as CfnElement;
  return stack.resolve(element.logicalId) as string;
}

/** Removes the cloud assemblies the tests wrote. */
export function removeSynthOutputs(): void {
  for (const dir of outdirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** `{ 'Fn::GetAtt': ['Raw', 'Arn'] }` + '/*' → '<Raw.Arn>/*', for readable assertions on ARNs. */
export function flatten(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const node = value as Record<string, any>;
    if ('Fn::GetAtt' in node) return `<${node['Fn::GetAtt'][0]}.${node['Fn::GetAtt'][1]}>`;
    if ('Ref' in node) return `<${node.Ref}>`;
    if ('Fn::Join' in node) {
      const [delimiter, parts] = node['Fn::Join'] as [string, unknown[]];
      return parts.map(flatten).join(delimiter);
    }
  }
  return JSON.stringify(value);
}

export function asArray<T>(value: T | T[] | undefined): T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

export interface PolicyStatementJson {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action?: string | string[];
  NotAction?: unknown;
  Resource?: unknown;
  NotResource?: unknown;
  Principal?: unknown;
  NotPrincipal?: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

/** Every statement of every identity policy (AWS::IAM::Policy and inline role policies) of a role. */
export function identityStatementsOf(json: CfnTemplate, roleLogicalId: string): PolicyStatementJson[] {
  const statements: PolicyStatementJson[] = [];
  for (const resource of Object.values(json.Resources)) {
    if (resource.Type !== 'AWS::IAM::Policy') continue;
    const roles = asArray(resource.Properties?.Roles).map(flatten);
    if (roles.includes(`<${roleLogicalId}>`)) statements.push(...resource.Properties!.PolicyDocument.Statement);
  }
  const role = json.Resources[roleLogicalId];
  for (const policy of asArray(role?.Properties?.Policies)) statements.push(...(policy).PolicyDocument.Statement);
  return statements;
}

/** Statements as sorted "action resource" lines: merging of statements does not change them. */
export function permissionLines(statements: PolicyStatementJson[]): string[] {
  const lines = new Set<string>();
  for (const statement of statements) {
    for (const action of asArray(statement.Action)) {
      for (const resource of asArray(statement.Resource)) lines.add(`${statement.Effect} ${action} ${flatten(resource)}`);
    }
  }
  return [...lines].sort();
}

export function resourcesOfType(json: CfnTemplate, type: string): [string, CfnResource][] {
  return Object.entries(json.Resources).filter(([, resource]) => resource.Type === type);
}
