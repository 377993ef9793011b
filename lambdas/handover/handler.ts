import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { z } from 'zod';
import { DirectoryRepository, TicketRepository } from '#domain/repositories.ts';
import { clients } from '#shared/clients.ts';
import { now } from '#shared/clock.ts';
import { env } from '#shared/env.ts';
import { ConfigurationError, InvalidEventError } from '#shared/errors.ts';
import { logger } from '#shared/logger.ts';
import { snsNotifier } from '#shared/notify.ts';
import { type HandoverReport, handover } from './handover.ts';

/** EventBridge Scheduler sends `{ "shiftId": "day" }` at each shift's end. */
const input = z.object({ shiftId: z.string().min(1) });

export const handler = middy<unknown, Omit<HandoverReport, 'text'>>()
  .use(injectLambdaContext(logger, { clearState: true }))
  .handler(async (event) => {
    const parsed = input.safeParse(event);
    if (!parsed.success) throw new InvalidEventError('handover expects { "shiftId": "<shift id>" }');
    const topic = env().HANDOVER_TOPIC_ARN;
    if (!topic) throw new ConfigurationError('HANDOVER_TOPIC_ARN is not set');
    const { doc, tables, sns } = clients();
    const notifier = snsNotifier(sns);
    const report = await handover(parsed.data.shiftId, {
      roster: () => new DirectoryRepository(doc, tables).getRoster(),
      tickets: new TicketRepository(doc, tables),
      email: (subject, text) => notifier.email(topic, subject, text),
      now: now(),
    });
    const { text: _text, ...summary } = report;
    logger.info('handover sent', { ...summary });
    return summary;
  });
