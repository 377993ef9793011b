import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { ConnectContactFlowEvent } from 'aws-lambda';
import * as z from 'zod/mini';
import { annotateBestEffort, type ContactAnnotations, ContactAnnotator } from '#domain/annotations.ts';
import { loadRouteSnapshot, OutboundCounterRepository, TicketRepository } from '#domain/repositories.ts';
import { connectResponse, type FlowResult, readContact, readParameters } from '#shared/connect.ts';
import { type BaseDeps, systemClock } from '#shared/deps.ts';
import { awsStore, type Store } from '#shared/dynamo.ts';
import { lazy, onFirstUse, readEnv } from '#shared/env.ts';
import { logger } from '#shared/logger.ts';
import { type Notifier, snsNotifier } from '#shared/notify.ts';
import type { EscalationStarter } from '../escalate/escalate.ts';
import { stepFunctionsStarter } from '../escalate/starter.ts';
import { checkCallback } from './callback.ts';
import { callbackParameters, createParameters, statusParameters } from './schema.ts';
import { createTicket, type TicketDeps, updateTicketStatus } from './ticket.ts';
import { urgentWordsOf } from './urgency.ts';

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
  // --- escalation (issue 11/12) ---
  /** Starts an urgent ticket's escalation (Step Functions in AWS, the simulated clock locally). */
  escalation: EscalationStarter;
  /** The assistant's urgent words (the function's own urgency check). */
  urgentWords?: () => Promise<string[]>;
  /** The page time box's wait (real time in Lambda; the simulated clock locally). */
  sleep?: (ms: number) => Promise<void>;
  /** hardening: the per-number daily counter of texts to callers. */
  outbound?: TicketDeps['outbound'];
  /** records: the ticket and its category go on the contact's record (best effort). */
  records?: ContactAnnotations;
}

/** The ticket function's data collaborators on a DynamoDB store (AWS or the local engine's dynalite). */
export function storeDeps(
  store: Store,
): Pick<TicketHandlerDeps, 'tickets' | 'load' | 'outbound' | 'records'> {
  return {
    tickets: new TicketRepository(store.doc, store.tables),
    outbound: new OutboundCounterRepository(store.doc, store.tables),
    // One BatchGetItem per ticket: the roster snapshot and the assistant's urgent words together.
    load: async (dates) => {
      const s = await loadRouteSnapshot(store.doc, store.tables, dates, undefined, { faqSettings: true });
      return { ...s, urgentWords: urgentWordsOf(s.faqSettings ?? {}, store.tables.directory) };
    },
    records: new ContactAnnotator(store.doc, store.tables), // records
  };
}

/**
 * `ticket`: creates a ticket once per contact (and pages for an urgent one), changes a ticket's status, or
 * says whether a queued callback may dial a number (`action: callback`, the outbound policy).
 */
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
      if (contact.parameters.action === 'callback') {
        const p = readParameters(callbackParameters, contact.parameters);
        const check = await checkCallback(p.callbackNumber || undefined, {
          load: deps.load,
          now: deps.clock(),
          outbound: deps.outbound ?? { take: async () => true },
        });
        deps.logger.info('callback check', { contactId: contact.contactId, ...check });
        return { result: check.result };
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
          ...(deps.outbound ? { outbound: deps.outbound } : {}),
          now: deps.clock(),
          log: (text, extra) => deps.logger.warn(text, extra ?? {}),
          pages: deps.tickets,
          escalation: deps.escalation,
          ...(deps.urgentWords ? { urgentWords: deps.urgentWords } : {}),
          ...(deps.sleep ? { sleep: deps.sleep } : {}),
        },
      );
      deps.logger.info('ticket', {
        contactId: contact.contactId,
        ticketId: result.ticketId,
        result: result.result,
        priority: result.priority,
        pageStatus: result.pageStatus,
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

const escalationEnv = z.object({ ESCALATION_STATE_MACHINE_ARN: z.string().check(z.minLength(1)) });

/**
 * In AWS: DynamoDB, and for urgent tickets only SNS and the escalation state machine (Step Functions),
 * imported on first use so that a message's cold start loads the DynamoDB client alone.
 */
export function awsDeps(): TicketHandlerDeps {
  const machine = lazy(() => readEnv(escalationEnv, 'ticket').ESCALATION_STATE_MACHINE_ARN);
  return {
    ...storeDeps(awsStore()),
    notifier: snsNotifier(onFirstUse(async () => new (await import('@aws-sdk/client-sns')).SNSClient({}))),
    escalation: stepFunctionsStarter(
      onFirstUse(async () => new (await import('@aws-sdk/client-sfn')).SFNClient({})),
      machine,
    ),
    clock: systemClock,
    logger,
  };
}

export const handler = createHandler(awsDeps());
