import { resolve } from 'node:path';
import { Logger } from '@aws-lambda-powertools/logger';
import { loadConfig } from '../config/load.ts';
import type { SwitchboardConfig } from '../config/schema.ts';
import { DirectoryRepository } from '../lambdas/domain/repositories.ts';
import { seedDirectory } from '../lambdas/domain/seed.ts';
import type { BaseDeps } from '../lambdas/shared/deps.ts';
import { type EmbeddedDynamo, startDynamo } from '../local/dynamo.ts';

export const ROOT = resolve(import.meta.dirname, '..');
export const EN_CONFIG = resolve(ROOT, 'switchboard.yaml');
export const ZH_CONFIG = resolve(ROOT, 'config/examples/zh-CN.yaml');

export const enConfig = (): SwitchboardConfig => loadConfig(EN_CONFIG);
export const zhConfig = (): SwitchboardConfig => loadConfig(ZH_CONFIG);

/** A seeded dynalite (its `doc` and `tables` are a handler's `Store`). */
export async function seededDynamo(config: SwitchboardConfig = enConfig()): Promise<EmbeddedDynamo> {
  const db = await startDynamo();
  await seedDirectory(new DirectoryRepository(db.doc, db.tables), config);
  return db;
}

let current = new Date();

/** Sets the handlers' clock (`testDeps.clock`) to this instant. */
export function at(iso: string): Date {
  current = new Date(iso);
  return current;
}

export const silentLogger = new Logger({ serviceName: 'switchboard-test', logLevel: 'SILENT' });

/** The clock set by `at()` and a silent logger: what every handler under test is given. */
export const testDeps: BaseDeps = { clock: () => current, logger: silentLogger };

let contactSeq = 0;
/** A Connect contact flow event as Amazon Connect sends it. */
export function connectEvent(
  parameters: Record<string, string> = {},
  opts: { contactId?: string; phone?: string | null; attributes?: Record<string, string> } = {},
) {
  contactSeq++;
  const contactId = opts.contactId ?? `00000000-0000-4000-8000-${String(contactSeq).padStart(12, '0')}`;
  return {
    Name: 'ContactFlowEvent' as const,
    Details: {
      ContactData: {
        Attributes: opts.attributes ?? {},
        Channel: 'VOICE' as const,
        ContactId: contactId,
        CustomerEndpoint:
          opts.phone === null
            ? null
            : { Address: opts.phone ?? '+13125550142', Type: 'TELEPHONE_NUMBER' as const },
        InitialContactId: contactId,
        InitiationMethod: 'INBOUND' as const,
        InstanceARN: 'arn:aws:connect:us-east-1:111122223333:instance/00000000-0000-4000-8000-000000000000',
        PreviousContactId: contactId,
        Queue: null,
        SystemEndpoint: { Address: '+13125550100', Type: 'TELEPHONE_NUMBER' as const },
        MediaStreams: { Customer: { Audio: null } },
      },
      Parameters: parameters,
    },
  };
}

export const lambdaContext = {
  functionName: 'test',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:111122223333:function:test',
  memoryLimitInMB: '256',
  awsRequestId: 'req-1',
  logGroupName: '/aws/lambda/test',
  logStreamName: 'stream',
  callbackWaitsForEmptyEventLoop: false,
  getRemainingTimeInMillis: () => 3000,
  done: () => {},
  fail: () => {},
  succeed: () => {},
};

/** Invokes a deployed handler as Lambda would and returns Connect's flat string map. */
export async function invoke(
  handler: (event: never, context: never) => Promise<unknown>,
  event: unknown,
): Promise<Record<string, string>> {
  return (await handler(event as never, lambdaContext as never)) as Record<string, string>;
}
