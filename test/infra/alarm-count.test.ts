import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/load.ts';
import { CUSTOM_FLOWS_DIR } from '../../contact-flows/index.ts';
import { customFlowFiles } from '../../contact-flows/template.ts';
import { alarmCount } from '../../lambdas/domain/cost.ts';
import { synthStack } from './helpers.ts';

// `switchboard cost` prices the alarms the stack creates; the count must follow the stack as it grows.
describe('the alarms the cost estimate counts', () => {
  it.each(['switchboard.yaml', 'config/examples/zh-CN.yaml'])('are the alarms %s synthesizes', (file) => {
    const config = loadConfig(file);
    const { template } = synthStack(config);
    const alarms = Object.keys(template.findResources('AWS::CloudWatch::Alarm')).length;
    expect(alarmCount(config, customFlowFiles(CUSTOM_FLOWS_DIR).length)).toBe(alarms);
  });
});
