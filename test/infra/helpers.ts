import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type { SwitchboardConfig } from '../../config/schema.ts';
import { buildApp } from '../../infra/app.ts';
import type { SwitchboardStack } from '../../infra/stack.ts';

/** The feature flags `cdk synth` reads from cdk.json, so tests build what a deploy builds. */
export const CDK_CONTEXT = (
  JSON.parse(readFileSync(resolve(import.meta.dirname, '../../cdk.json'), 'utf8')) as {
    context: Record<string, unknown>;
  }
).context;

/** A stack with inline stand-in code (no bundling) and without the nag plugin, for fast assertions. */
export function synthStack(config: SwitchboardConfig): { stack: SwitchboardStack; template: Template } {
  const app = new App({ context: { ...CDK_CONTEXT, 'aws:cdk:bundling-stacks': [] } });
  const { stack } = buildApp(config, {
    app,
    nag: false,
    code: lambda.Code.fromInline('export const handler = async () => ({});'),
  });
  return { stack, template: Template.fromStack(stack) };
}
