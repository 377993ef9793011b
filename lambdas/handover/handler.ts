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
import { type HandoverDeps, type HandoverReport, handover } from './handover.ts';

export interface HandoverHandlerDeps extends BaseDeps, Omit<HandoverDeps, 'now'> {}

/** EventBridge Scheduler sends `{ "shiftId": "day" }` at each shift's end. */
const input = z.object({ shiftId: z.string().check(z.minLength(1)) });

export function storeDeps(store: Store): Pick<HandoverDeps, 'roster' | 'tickets'> {
  const directory = new DirectoryRepository(store.doc, store.tables);
  return { roster: () => directory.getRoster(), tickets: new TicketRepository(store.doc, store.tables) };
}

/** `handover`: at a shift's end, e-mails the next shift the open tickets (see handover.ts). */
export function createHandler(deps: HandoverHandlerDeps) {
  return middy<unknown, Omit<HandoverReport, 'text'>>()
    .use(injectLambdaContext(deps.logger, { clearState: true }))
    .handler(async (event) => {
      const parsed = z.safeParse(input, event);
      if (!parsed.success) throw new InvalidEventError('handover expects { "shiftId": "<shift id>" }');
      const report = await handover(parsed.data.shiftId, {
        roster: deps.roster,
        tickets: deps.tickets,
        email: deps.email,
        now: deps.clock(),
      });
      const { text: _text, ...summary } = report;
      deps.logger.info('handover sent', { ...summary });
      return summary;
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
