import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { SNSClient } from '@aws-sdk/client-sns';
import middy from '@middy/core';
import type { ConnectContactFlowEvent } from 'aws-lambda';
import { annotateBestEffort, type ContactAnnotations, ContactAnnotator } from '#domain/annotations.ts';
import { loadRouteSnapshot, TicketRepository } from '#domain/repositories.ts';
import { connectResponse, type FlowResult, readContact, readParameters } from '#shared/connect.ts';
import { type BaseDeps, systemClock } from '#shared/deps.ts';
import { awsStore, type Store } from '#shared/dynamo.ts';
import { logger } from '#shared/logger.ts';
import { type Notifier, snsNotifier } from '#shared/notify.ts';
import { createParameters, statusParameters } from './schema.ts';
import { createTicket, type TicketDeps, updateTicketStatus } from './ticket.ts';

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

export interface TicketHandlerDeps extends BaseDeps {
  tickets: TicketRepository;
  /** One read: the roster and the holidays of the given dates. */
  load: TicketDeps['load'];
  /** SMS and e-mail (SNS in AWS, the outbox locally). */
  notifier: Notifier;
  /** records: the ticket and its category go on the contact's record (best effort). */
  records?: ContactAnnotations;
}

/** The ticket function's data collaborators on a DynamoDB store (AWS or the local engine's dynalite). */
export function storeDeps(store: Store): Pick<TicketHandlerDeps, 'tickets' | 'load' | 'records'> {
  return {
    tickets: new TicketRepository(store.doc, store.tables),
    load: (dates) => loadRouteSnapshot(store.doc, store.tables, dates, undefined),
    records: new ContactAnnotator(store.doc, store.tables), // records
  };
}

/** `ticket`: creates a ticket once per contact (and pages for an urgent one), or changes a ticket's status. */
export function createHandler(deps: TicketHandlerDeps) {
  return middy<ConnectContactFlowEvent, FlowResult>()
    .use(injectLambdaContext(deps.logger, { clearState: true }))
    .use(connectResponse(deps.logger))
    .handler(async (event) => {
      const contact = readContact(event);
      if (contact.parameters.action === 'status') {
        const p = readParameters(statusParameters, contact.parameters);
        return {
          ...(await updateTicketStatus(
            {
              ticketId: p.ticketId,
              status: p.status,
              by: p.by,
              ...(p.note ? { note: p.note } : {}),
              // A retried invocation for the same contact records the change once.
              event: `status#${contact.contactId}`,
            },
            { tickets: deps.tickets, now: deps.clock() },
          )),
        };
      }
      const p = readParameters(createParameters, contact.parameters);
      const message = composeMessage(p.message, p.question);
      const result = await createTicket(
        {
          contactId: contact.contactId,
          ...(contact.callerPhone ? { callerPhone: contact.callerPhone } : {}),
          ...(p.callerName ? { callerName: p.callerName } : {}),
          category: p.category,
          priority: p.priority,
          ...(message ? { message } : {}),
          ...(p.callbackNumber ? { callbackNumber: p.callbackNumber } : {}),
          source: p.source,
        },
        {
          tickets: deps.tickets,
          load: deps.load,
          notifier: deps.notifier,
          now: deps.clock(),
          log: (text, extra) => deps.logger.warn(text, extra ?? {}),
        },
      );
      deps.logger.info('ticket', {
        contactId: contact.contactId,
        ticketId: result.ticketId,
        result: result.result,
        priority: result.priority,
      });
      // records (begin): the contact's ticket; a message left with the assistant; never fails the call
      await annotateBestEffort(
        deps.records,
        contact.contactId,
        {
          ticketId: result.ticketId,
          category: result.category,
          ...(p.source === 'assistant' && result.priority !== 'urgent' ? { disposition: 'message' } : {}),
        },
        (m, x) => deps.logger.warn(m, x),
      );
      // records (end)
      return { ...result };
    });
}

/** In AWS: DynamoDB and SNS. */
export function awsDeps(): TicketHandlerDeps {
  return {
    ...storeDeps(awsStore()),
    notifier: snsNotifier(new SNSClient({})),
    clock: systemClock,
    logger,
  };
}

export const handler = createHandler(awsDeps());
