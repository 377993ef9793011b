import {
  ConnectClient,
  DescribeContactFlowCommand,
  DescribeInstanceCommand,
  DescribePhoneNumberCommand,
  DescribeQueueCommand,
  ListFlowAssociationsCommand,
  ListLambdaFunctionsCommand,
} from '@aws-sdk/client-connect';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { lambdaContext } from '../helpers.ts';

const connect = mockClient(ConnectClient);
const I = 'arn:aws:connect:us-east-1:111122223333:instance/inst-1';
const env = {
  INSTANCE_ID: 'inst-1',
  PHONE_NUMBER_ARN: 'arn:aws:connect:us-east-1:111122223333:phone-number/pn-1',
  INBOUND_FLOW_ARN: `${I}/contact-flow/flow-in`,
  QUEUE_ARNS: `${I}/queue/q-1,${I}/queue/q-2`,
  FLOW_ARNS: `${I}/contact-flow/flow-in,${I}/contact-flow/flow-as`,
  LAMBDA_ARNS:
    'arn:aws:lambda:us-east-1:111122223333:function:route,arn:aws:lambda:us-east-1:111122223333:function:ticket',
};

let handler: (e: unknown, c: unknown) => Promise<{ healthy: boolean; problems: string[]; checks: number }>;
let stdout: string[] = [];
beforeAll(async () => {
  Object.assign(process.env, env, { POWERTOOLS_METRICS_DISABLED: 'false' });
  handler = (await import('../../lambdas/health-check/handler.ts')).handler as never;
});
afterEach(() => {
  connect.reset();
  vi.restoreAllMocks();
});

function healthyLine() {
  connect.on(DescribeInstanceCommand).resolves({ Instance: { InstanceStatus: 'ACTIVE' } });
  connect.on(DescribePhoneNumberCommand).resolves({
    ClaimedPhoneNumberSummary: { PhoneNumberId: 'pn-1', PhoneNumberStatus: { Status: 'CLAIMED' } },
  });
  connect.on(ListFlowAssociationsCommand).resolves({
    FlowAssociationSummaryList: [
      { ResourceId: 'pn-1', FlowId: 'flow-in', ResourceType: 'VOICE_PHONE_NUMBER' },
    ],
  });
  connect.on(DescribeQueueCommand).resolves({ Queue: { Status: 'ENABLED' } });
  connect.on(DescribeContactFlowCommand).resolves({ ContactFlow: { State: 'ACTIVE', Status: 'PUBLISHED' } });
  connect.on(ListLambdaFunctionsCommand).resolves({ LambdaFunctions: env.LAMBDA_ARNS.split(',') });
}

const run = async () => {
  stdout = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout.push(String(chunk));
    return true;
  });
  const out = await handler({}, lambdaContext);
  vi.restoreAllMocks();
  return out;
};
const healthyMetric = () =>
  stdout
    .map((l) => l.trim())
    .filter((l) => l.includes('"_aws"'))
    .map((l) => JSON.parse(l).Healthy)[0];

describe('health-check handler', () => {
  it('reports a whole line healthy and publishes Healthy=1 (CloudWatch embedded metric format)', async () => {
    healthyLine();
    const out = await run();
    expect(out).toEqual({ healthy: true, problems: [], checks: 7 }); // instance, number, 2 queues, 2 flows, associations
    expect(healthyMetric()).toBe(1);
    expect(connect.commandCalls(DescribeQueueCommand).map((c) => c.args[0].input.QueueId)).toEqual([
      'q-1',
      'q-2',
    ]);
  });

  it('names every broken part and publishes Healthy=0', async () => {
    healthyLine();
    connect.on(ListFlowAssociationsCommand).resolves({ FlowAssociationSummaryList: [] });
    connect.on(DescribeQueueCommand, { QueueId: 'q-2' }).resolves({ Queue: { Status: 'DISABLED' } });
    connect.on(ListLambdaFunctionsCommand).resolves({ LambdaFunctions: [env.LAMBDA_ARNS.split(',')[0]!] });
    const out = await run();
    expect(out.healthy).toBe(false);
    expect(out.problems).toEqual([
      'phone number pn-1 is not associated with the inbound flow',
      'queue q-2 is DISABLED, not ENABLED',
      'functions not associated with the instance: ticket',
    ]);
    expect(healthyMetric()).toBe(0);
  });

  it('turns an API failure into an unhealthy report rather than a crash', async () => {
    healthyLine();
    connect
      .on(DescribeInstanceCommand)
      .rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
    const out = await run();
    expect(out.problems).toEqual(['instance: ThrottlingException: Rate exceeded']);
  });
});
