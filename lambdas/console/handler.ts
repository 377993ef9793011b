import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { Context } from 'hono';
import { handle } from 'hono/aws-lambda';
import * as z from 'zod/mini';
import { parseKpiConfig } from '#domain/kpi-config.ts';
import { MissedQuestionRepository } from '#domain/missed-questions.ts';
import { OperationsStore } from '#domain/operations.ts';
import { DirectoryRepository } from '#domain/repositories.ts';
import { systemClock } from '#shared/deps.ts';
import { awsStore } from '#shared/dynamo.ts';
import { lazy, readEnv } from '#shared/env.ts';
import { logger } from '#shared/logger.ts';
import { type ConsoleDeps, createConsoleApp, type Identity, serveOpenApi } from './app.ts';
import { operationsOps } from './ops.ts';
import { dynamoConsoleStore } from './store.ts';

/**
 * Reads the caller from the claims API Gateway's JWT authorizer verified (Cognito: `cognito:groups`).
 * A member of `managers` is a manager, of `agents` an agent; anyone else is not let in. HTTP APIs pass
 * a list claim as the string "[managers agents]", so both that and a JSON array are read.
 */
export function jwtIdentity(claims: Record<string, unknown> | undefined): Identity | null {
  if (!claims) return null;
  const raw = claims['cognito:groups'];
  const groups = Array.isArray(raw)
    ? raw.map(String)
    : typeof raw === 'string'
      ? raw
          .replace(/^\[|\]$/g, '')
          .split(/[\s,]+/)
          .filter(Boolean)
      : [];
  const role = groups.includes('managers') ? 'manager' : groups.includes('agents') ? 'agent' : null;
  if (!role) return null;
  const name = String(
    claims['cognito:username'] ?? claims.username ?? claims.email ?? claims.sub ?? 'unknown',
  );
  return { name, role };
}

type LambdaEnv = {
  event?: { requestContext?: { authorizer?: { jwt?: { claims?: Record<string, unknown> } } } };
};

export function createHandler(deps: ConsoleDeps) {
  const app = createConsoleApp(deps);
  serveOpenApi(app);
  return handle(app);
}

const recordingsEnv = z.object({ RECORDINGS_BUCKET: z.optional(z.string()) });
const reportEnv = z.object({ REPORT_CONFIG: z.string().check(z.minLength(2)) });

/**
 * In AWS: DynamoDB (both tables), presigned S3 GETs for recordings, identity from the JWT authorizer,
 * and the config's KPI slice from `REPORT_CONFIG` (the same the weekly report reads).
 */
export function awsDeps(): ConsoleDeps {
  const store = awsStore();
  const consoleStore = dynamoConsoleStore(store.doc, store.tables, systemClock);
  const s3 = lazy(() => new S3Client({}));
  const bucket = lazy(() => readEnv(recordingsEnv, 'console').RECORDINGS_BUCKET);
  const faq = async () => {
    const f = await new DirectoryRepository(store.doc, store.tables).getFaq();
    return { entries: f.entries, locale: f.settings?.locale ?? 'en-US' };
  };
  const kpiConfig = lazy(() => parseKpiConfig(readEnv(reportEnv, 'console').REPORT_CONFIG));
  return {
    store: consoleStore,
    ops: operationsOps({
      operations: new OperationsStore(store.doc, store.tables),
      missed: new MissedQuestionRepository(store.doc, store.tables),
      store: consoleStore,
      config: async () => kpiConfig(),
      faq,
    }),
    // SEAM: calls so far and waiting now come from Connect's real-time metrics once ops lands.
    live: { today: async () => ({ calls: null, waiting: null, alarms: [] }) },
    faq,
    clock: systemClock,
    logger,
    identify: (c: Context) =>
      jwtIdentity((c.env as LambdaEnv | undefined)?.event?.requestContext?.authorizer?.jwt?.claims),
    recordingUrl: async (key) => {
      const b = bucket();
      if (!b) return undefined;
      return getSignedUrl(s3(), new GetObjectCommand({ Bucket: b, Key: key }), { expiresIn: 300 });
    },
    where: 'aws',
  };
}

export const handler = createHandler(awsDeps());
