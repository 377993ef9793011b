import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SNSClient } from '@aws-sdk/client-sns';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import middy from '@middy/core';
import { z } from 'zod';
import type { KpiConfig } from '#domain/kpi.ts';
import { parseKpiConfig } from '#domain/kpi-config.ts';
import { OperationsStore } from '#domain/operations.ts';
import { ConfigurationError } from '#shared/errors.ts';
import { logger } from '#shared/logger.ts';
import { snsNotifier } from '#shared/notify.ts';
import { sendWeeklyReport, type WeeklyReportSummary } from './report.ts';

/** What the function needs, passed in so that tests and the local engine run the same code. */
export interface WeeklyReportHandlerDeps {
  store: OperationsStore;
  config: KpiConfig;
  email(subject: string, text: string): Promise<void>;
  now(): Date;
}

/** EventBridge Scheduler fires it weekly; the input is ignored. */
export function createHandler(deps: WeeklyReportHandlerDeps) {
  return middy<unknown, WeeklyReportSummary>()
    .use(injectLambdaContext(logger, { clearState: true }))
    .handler(async () => {
      const summary = await sendWeeklyReport({
        store: deps.store,
        config: deps.config,
        email: (s, t) => deps.email(s, t),
        now: deps.now(),
      });
      logger.info('weekly report sent', { ...summary });
      return summary;
    });
}

const envSchema = z.object({
  RECORDS_TABLE: z.string().min(1),
  DIRECTORY_TABLE: z.string().default(''),
  REPORT_TOPIC_ARN: z.string().min(1),
  REPORT_CONFIG: z.string().min(2),
  SWITCHBOARD_DYNAMODB_ENDPOINT: z.url().optional(),
});

/**
 * Production collaborators from the environment: a DynamoDB document client, an SNS client and the
 * report's slice of the config. Built on first use, so importing the module needs no environment.
 * @throws ConfigurationError when a variable is missing or REPORT_CONFIG is malformed.
 */
export function awsDeps(env: NodeJS.ProcessEnv = process.env): WeeklyReportHandlerDeps {
  let built: Omit<WeeklyReportHandlerDeps, 'now'> | undefined;
  const get = () => {
    built ??= build(env);
    return built;
  };
  return {
    get store() {
      return get().store;
    },
    get config() {
      return get().config;
    },
    email: (s, t) => get().email(s, t),
    now: () => new Date(),
  };
}

function build(env: NodeJS.ProcessEnv): Omit<WeeklyReportHandlerDeps, 'now'> {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success)
    throw new ConfigurationError(
      `weekly-report environment: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  const e = parsed.data;
  let config: KpiConfig;
  try {
    config = parseKpiConfig(e.REPORT_CONFIG);
  } catch (err) {
    throw new ConfigurationError((err as Error).message);
  }
  const dynamo = new DynamoDBClient(
    e.SWITCHBOARD_DYNAMODB_ENDPOINT
      ? { endpoint: e.SWITCHBOARD_DYNAMODB_ENDPOINT, maxAttempts: 3 }
      : { maxAttempts: 3 },
  );
  const doc = DynamoDBDocumentClient.from(dynamo, { marshallOptions: { removeUndefinedValues: true } });
  const notifier = snsNotifier(new SNSClient({}));
  return {
    store: new OperationsStore(doc, { directory: e.DIRECTORY_TABLE, records: e.RECORDS_TABLE }),
    config,
    email: (subject, text) => notifier.email(e.REPORT_TOPIC_ARN, subject, text),
  };
}

export const handler = createHandler(awsDeps());
