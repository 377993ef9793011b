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
import * as z from 'zod/mini';
import type { BaseDeps } from '#shared/deps.ts';
import { lazy, readEnv } from '#shared/env.ts';
import { logger } from '#shared/logger.ts';
import { type ConnectReader, checkHealth, type HealthReport, type HealthTarget } from './check.ts';
import { HEALTH_METRIC, HEALTH_NAMESPACE, HEALTH_SERVICE } from './metric.ts';

const list = z.pipe(
  z._default(z.string(), ''),
  z.transform((s: string) => s.split(',').filter(Boolean)),
);
const nonEmpty = z.string().check(z.minLength(1));
const envSchema = z.object({
  INSTANCE_ID: nonEmpty,
  PHONE_NUMBER_ARN: z.optional(z.string()),
  INBOUND_FLOW_ARN: nonEmpty,
  QUEUE_ARNS: list,
  FLOW_ARNS: list,
  LAMBDA_ARNS: list,
});

/** What to check, from the environment the stack sets (validated once per cold start). */
export function targetFromEnv(): HealthTarget {
  const e = readEnv(envSchema, 'health-check');
  return {
    instanceId: e.INSTANCE_ID,
    ...(e.PHONE_NUMBER_ARN ? { phoneNumberArn: e.PHONE_NUMBER_ARN } : {}),
    inboundFlowArn: e.INBOUND_FLOW_ARN,
    queueArns: e.QUEUE_ARNS,
    flowArns: e.FLOW_ARNS,
    lambdaArns: e.LAMBDA_ARNS,
  };
}

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

export interface HealthHandlerDeps extends Omit<BaseDeps, 'clock'> {
  target(): HealthTarget;
  reader(target: HealthTarget): ConnectReader;
  metrics: Metrics;
}

/** Every 5 minutes: is the phone line whole? Publishes Switchboard/Healthy (1 or 0); the reason goes to the log. */
export function createHandler(deps: HealthHandlerDeps) {
  return middy<unknown, HealthReport>()
    .use(injectLambdaContext(deps.logger, { clearState: true }))
    .use(logMetrics(deps.metrics))
    .handler(async () => {
      const t = deps.target();
      const report = await checkHealth(t, deps.reader(t));
      deps.metrics.addMetric(HEALTH_METRIC, MetricUnit.Count, report.healthy ? 1 : 0);
      if (report.healthy) deps.logger.info('healthy', { checks: report.checks });
      else deps.logger.error('unhealthy', { problems: report.problems });
      return report;
    });
}

/** In AWS: the Connect API and CloudWatch metrics (EMF in the log). */
export function awsDeps(): HealthHandlerDeps {
  const connect = new ConnectClient({});
  return {
    target: lazy(targetFromEnv),
    reader: (t) => connectReader(connect, t.instanceId),
    metrics: new Metrics({ namespace: HEALTH_NAMESPACE, serviceName: HEALTH_SERVICE }),
    logger,
  };
}

export const handler = createHandler(awsDeps());
