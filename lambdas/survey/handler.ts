import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { ConnectContactFlowEvent } from 'aws-lambda';
import { SurveyRepository, TicketRepository } from '#domain/repositories.ts';
import { clients } from '#shared/clients.ts';
import { now } from '#shared/clock.ts';
import { connectResponse, type FlowResult, readContact } from '#shared/connect.ts';
import { logger } from '#shared/logger.ts';
import { recordSurvey } from './survey.ts';

export const handler = middy<ConnectContactFlowEvent, FlowResult>()
  .use(injectLambdaContext(logger, { clearState: true }))
  .use(connectResponse())
  .handler(async (event) => {
    const contact = readContact(event);
    const { doc, tables } = clients();
    const result = await recordSurvey(contact.contactId, contact.parameters.score, {
      surveys: new SurveyRepository(doc, tables),
      tickets: new TicketRepository(doc, tables),
      now: now(),
    });
    logger.info('survey', { contactId: contact.contactId, result: result.result });
    return { ...result };
  });
