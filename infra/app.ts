import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { SwitchboardConfig } from '../config/schema.ts';
import { acknowledgeFindings } from './nag.ts';
import { SwitchboardStack, type SwitchboardStackProps } from './stack.ts';

export function stackName(config: SwitchboardConfig): string {
  return `Switchboard-${config.deployment.instanceAlias}`;
}

/** The app: one stack for the config, checked by cdk-nag's AwsSolutions pack (synth fails on findings). */
export function buildApp(
  config: SwitchboardConfig,
  opts: { app?: App; nag?: boolean; code?: SwitchboardStackProps['code'] } = {},
) {
  const app = opts.app ?? new App();
  const stack = new SwitchboardStack(app, stackName(config), {
    config,
    env: {
      region: config.deployment.region,
      ...(process.env.CDK_DEFAULT_ACCOUNT ? { account: process.env.CDK_DEFAULT_ACCOUNT } : {}),
    },
    description: `Switchboard contact center for ${config.business.name.replace(/[^\x20-\x7E]/g, '').trim() || config.deployment.instanceAlias}`,
    ...(opts.code ? { code: opts.code } : {}),
  });
  acknowledgeFindings(stack);
  if (opts.nag !== false) Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack };
}
