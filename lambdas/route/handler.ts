import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { ConnectContactFlowEvent } from 'aws-lambda';
import { loadRouteSnapshot } from '#domain/repositories.ts';
import { maskPhone } from '#domain/tickets.ts';
import { clients } from '#shared/clients.ts';
import { now } from '#shared/clock.ts';
import { connectResponse, type FlowResult, readContact } from '#shared/connect.ts';
import { logger } from '#shared/logger.ts';
import { route } from './route.ts';

export const handler = middy<ConnectContactFlowEvent, FlowResult>()
  .use(injectLambdaContext(logger, { clearState: true }))
  .use(connectResponse())
  .handler(async (event) => {
    const contact = readContact(event);
    const { doc, tables } = clients();
    const result = await route(contact.callerPhone, {
      load: (dates, phone) => loadRouteSnapshot(doc, tables, dates, phone),
      now: now(),
    });
    logger.info('routed', {
      contactId: contact.contactId,
      caller: maskPhone(contact.callerPhone),
      mode: result.mode,
      reason: result.reason,
    });
    return { ...result };
  });
