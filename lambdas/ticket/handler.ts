import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { ConnectContactFlowEvent } from 'aws-lambda';
import { loadRouteSnapshot, TicketRepository } from '#domain/repositories.ts';
import { clients } from '#shared/clients.ts';
import { now } from '#shared/clock.ts';
import { connectResponse, type FlowResult, readContact, readParameters } from '#shared/connect.ts';
import { logger } from '#shared/logger.ts';
import { snsNotifier } from '#shared/notify.ts';
import { createParameters, statusParameters } from './schema.ts';
import { createTicket, updateTicketStatus } from './ticket.ts';

/** The caller's message, with the question the assistant could not answer when it differs. */
export function composeMessage(
  message: string | undefined,
  question: string | undefined,
): string | undefined {
  const m = message?.trim();
  const q = question?.trim();
  if (q && m && q !== m) return `${m} (asked: ${q})`;
  return m || q || undefined;
}

export const handler = middy<ConnectContactFlowEvent, FlowResult>()
  .use(injectLambdaContext(logger, { clearState: true }))
  .use(connectResponse())
  .handler(async (event) => {
    const contact = readContact(event);
    const { doc, tables, sns } = clients();
    const tickets = new TicketRepository(doc, tables);
    if (contact.parameters.action === 'status') {
      const p = readParameters(statusParameters, contact.parameters);
      return {
        ...(await updateTicketStatus(
          { ticketId: p.ticketId, status: p.status, by: p.by, ...(p.note ? { note: p.note } : {}) },
          { tickets, now: now() },
        )),
      };
    }
    const p = readParameters(createParameters, contact.parameters);
    const result = await createTicket(
      {
        contactId: contact.contactId,
        ...(contact.callerPhone ? { callerPhone: contact.callerPhone } : {}),
        ...(p.callerName ? { callerName: p.callerName } : {}),
        category: p.category,
        priority: p.priority,
        ...(composeMessage(p.message, p.question) ? { message: composeMessage(p.message, p.question) } : {}),
        ...(p.callbackNumber ? { callbackNumber: p.callbackNumber } : {}),
        source: p.source,
      },
      {
        tickets,
        load: (dates) => loadRouteSnapshot(doc, tables, dates, undefined),
        notifier: snsNotifier(sns),
        now: now(),
        log: (message, extra) => logger.warn(message, extra ?? {}),
      },
    );
    logger.info('ticket', {
      contactId: contact.contactId,
      ticketId: result.ticketId,
      result: result.result,
      priority: result.priority,
    });
    return { ...result };
  });
