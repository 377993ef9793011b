import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { SNSClient } from '@aws-sdk/client-sns';
import middy from '@middy/core';
import * as z from 'zod/mini';
import { DirectoryRepository, TicketRepository } from '#domain/repositories.ts';
import { type BaseDeps, systemClock } from '#shared/deps.ts';
import { awsStore, type Store } from '#shared/dynamo.ts';
import { lazy, readEnv } from '#shared/env.ts';
import { InvalidEventError } from '#shared/errors.ts';
import { logger } from '#shared/logger.ts';
import { snsNotifier } from '#shared/notify.ts';
import { type HandoverDeps, type HandoverReport, handoverInput, runHandover } from './handover.ts';
import { dynamoLedger } from './sent.ts';

export interface HandoverHandlerDeps extends BaseDeps, Omit<HandoverDeps, 'now'> {}

export function storeDeps(store: Store): Pick<HandoverDeps, 'roster' | 'tickets' | 'ledger'> {
  const directory = new DirectoryRepository(store.doc, store.tables);
  return {
    roster: () => directory.getRoster(),
    tickets: new TicketRepository(store.doc, store.tables),
    ledger: dynamoLedger(store),
  };
}

/**
 * `handover`: EventBridge Scheduler sends `{ "scheduledTime": ... }` every few minutes (UTC), and every
 * shift that ended in that window is handed over to the shift that starts (see handover.ts).
 */
export function createHandler(deps: HandoverHandlerDeps) {
  return middy<unknown, { handovers: Array<Omit<HandoverReport, 'text'>> }>()
    .use(injectLambdaContext(deps.logger, { clearState: true }))
    .handler(async (event) => {
      const parsed = handoverInput.safeParse(event);
      if (!parsed.success)
        throw new InvalidEventError(
          'handover expects { "scheduledTime": "<ISO 8601>" } or { "shiftId": "<shift id>" }',
        );
      const reports = await runHandover(parsed.data, {
        roster: deps.roster,
        tickets: deps.tickets,
        email: deps.email,
        now: deps.clock(),
        ...(deps.ledger ? { ledger: deps.ledger } : {}),
      });
      const handovers = reports.map(({ text: _text, ...summary }) => summary);
      if (handovers.length) deps.logger.info('handover sent', { handovers });
      return { handovers };
    });
}

const topicEnv = z.object({ HANDOVER_TOPIC_ARN: z.string().check(z.minLength(1)) });

/** In AWS: DynamoDB and the handover topic (SNS). */
export function awsDeps(): HandoverHandlerDeps {
  const topic = lazy(() => readEnv(topicEnv, 'handover').HANDOVER_TOPIC_ARN);
  const notifier = snsNotifier(new SNSClient({}));
  return {
    ...storeDeps(awsStore()),
    email: (subject, text) => notifier.email(topic(), subject, text),
    clock: systemClock,
    logger,
  };
}

export const handler = createHandler(awsDeps());
