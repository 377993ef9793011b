import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { DirectoryRepository, TicketRepository } from '#domain/repositories.ts';
import { clients } from '#shared/clients.ts';
import { now } from '#shared/clock.ts';
import { env } from '#shared/env.ts';
import { ConfigurationError, InvalidEventError } from '#shared/errors.ts';
import { logger } from '#shared/logger.ts';
import { snsNotifier } from '#shared/notify.ts';
import { type HandoverReport, handoverInput, runHandover } from './handover.ts';

/** EventBridge Scheduler sends `{ "scheduledTime": ... }` every few minutes (see handover.ts). */
export const handler = middy<unknown, { handovers: Array<Omit<HandoverReport, 'text'>> }>()
  .use(injectLambdaContext(logger, { clearState: true }))
  .handler(async (event) => {
    const parsed = handoverInput.safeParse(event);
    if (!parsed.success)
      throw new InvalidEventError(
        'handover expects { "scheduledTime": "<ISO 8601>" } or { "shiftId": "<shift id>" }',
      );
    const topic = env().HANDOVER_TOPIC_ARN;
    if (!topic) throw new ConfigurationError('HANDOVER_TOPIC_ARN is not set');
    const { doc, tables, sns } = clients();
    const notifier = snsNotifier(sns);
    const reports = await runHandover(parsed.data, {
      roster: () => new DirectoryRepository(doc, tables).getRoster(),
      tickets: new TicketRepository(doc, tables),
      email: (subject, text) => notifier.email(topic, subject, text),
      now: now(),
    });
    const handovers = reports.map(({ text: _text, ...summary }) => summary);
    if (handovers.length) logger.info('handover sent', { handovers });
    return { handovers };
  });
