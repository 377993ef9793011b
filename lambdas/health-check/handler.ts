import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import {
  ConnectClient,
  DescribeContactFlowCommand,
  DescribeInstanceCommand,
  DescribePhoneNumberCommand,
  DescribeQueueCommand,
  ListFlowAssociationsCommand,
  ListLambdaFunctionsCommand,
} from '@aws-sdk/client-connect';
import middy from '@middy/core';
import { z } from 'zod';
import { ConfigurationError } from '#shared/errors.ts';
import { logger } from '#shared/logger.ts';
import { type ConnectReader, checkHealth, type HealthReport, type HealthTarget } from './check.ts';
import { HEALTH_METRIC, HEALTH_NAMESPACE, HEALTH_SERVICE } from './metric.ts';

const list = z
  .string()
  .default('')
  .transform((s) => s.split(',').filter(Boolean));
const envSchema = z.object({
  INSTANCE_ID: z.string().min(1),
  PHONE_NUMBER_ARN: z.string().optional(),
  INBOUND_FLOW_ARN: z.string().min(1),
  QUEUE_ARNS: list,
  FLOW_ARNS: list,
  LAMBDA_ARNS: list,
});

let target: HealthTarget | undefined;
function readTarget(): HealthTarget {
  if (!target) {
    const parsed = envSchema.safeParse(process.env);
    if (!parsed.success)
      throw new ConfigurationError(
        `health-check environment: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`,
      );
    const e = parsed.data;
    target = {
      instanceId: e.INSTANCE_ID,
      ...(e.PHONE_NUMBER_ARN ? { phoneNumberArn: e.PHONE_NUMBER_ARN } : {}),
      inboundFlowArn: e.INBOUND_FLOW_ARN,
      queueArns: e.QUEUE_ARNS,
      flowArns: e.FLOW_ARNS,
      lambdaArns: e.LAMBDA_ARNS,
    };
  }
  return target;
}

const connect = new ConnectClient({});
const metrics = new Metrics({ namespace: HEALTH_NAMESPACE, serviceName: HEALTH_SERVICE });

export function connectReader(client: ConnectClient, instanceId: string): ConnectReader {
  return {
    async instanceStatus() {
      return (await client.send(new DescribeInstanceCommand({ InstanceId: instanceId }))).Instance
        ?.InstanceStatus;
    },
    async phoneNumberFlow(phoneNumberArn) {
      const number = await client.send(new DescribePhoneNumberCommand({ PhoneNumberId: phoneNumberArn }));
      const status = number.ClaimedPhoneNumberSummary?.PhoneNumberStatus?.Status;
      const numberId = number.ClaimedPhoneNumberSummary?.PhoneNumberId;
      let next: string | undefined;
      do {
        const page = await client.send(
          new ListFlowAssociationsCommand({
            InstanceId: instanceId,
            ResourceType: 'VOICE_PHONE_NUMBER',
            NextToken: next,
          }),
        );
        const hit = (page.FlowAssociationSummaryList ?? []).find(
          (a) => a.ResourceId === numberId || a.ResourceId === phoneNumberArn,
        );
        if (hit) return { status, flowId: hit.FlowId };
        next = page.NextToken;
      } while (next);
      return { status, flowId: undefined };
    },
    async queueStatus(queueArn) {
      return (
        await client.send(
          new DescribeQueueCommand({ InstanceId: instanceId, QueueId: queueArn.split('/').pop() }),
        )
      ).Queue?.Status;
    },
    async flowState(flowArn) {
      const f = (
        await client.send(
          new DescribeContactFlowCommand({ InstanceId: instanceId, ContactFlowId: flowArn.split('/').pop() }),
        )
      ).ContactFlow;
      return { state: f?.State, status: f?.Status };
    },
    async associatedLambdas() {
      const out: string[] = [];
      let next: string | undefined;
      do {
        const page = await client.send(
          new ListLambdaFunctionsCommand({ InstanceId: instanceId, NextToken: next }),
        );
        out.push(...(page.LambdaFunctions ?? []));
        next = page.NextToken;
      } while (next);
      return out;
    },
  };
}

/** Every 5 minutes: is the phone line whole? Publishes Switchboard/Healthy (1 or 0); the reason goes to the log. */
export const handler = middy<unknown, HealthReport>()
  .use(injectLambdaContext(logger, { clearState: true }))
  .use(logMetrics(metrics))
  .handler(async () => {
    const t = readTarget();
    const report = await checkHealth(t, connectReader(connect, t.instanceId));
    metrics.addMetric(HEALTH_METRIC, MetricUnit.Count, report.healthy ? 1 : 0);
    if (report.healthy) logger.info('healthy', { checks: report.checks });
    else logger.error('unhealthy', { problems: report.problems });
    return report;
  });
