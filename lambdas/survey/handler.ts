import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { ConnectContactFlowEvent } from 'aws-lambda';
import { SurveyRepository, TicketRepository } from '#domain/repositories.ts';
import { connectResponse, type FlowResult, readContact } from '#shared/connect.ts';
import { type BaseDeps, systemClock } from '#shared/deps.ts';
import { awsStore, type Store } from '#shared/dynamo.ts';
import { logger } from '#shared/logger.ts';
import { recordSurvey, type SurveyDeps } from './survey.ts';

export interface SurveyHandlerDeps extends BaseDeps, Omit<SurveyDeps, 'now'> {}

export function storeDeps(store: Store): Omit<SurveyDeps, 'now'> {
  return {
    surveys: new SurveyRepository(store.doc, store.tables),
    tickets: new TicketRepository(store.doc, store.tables),
  };
}

/** `survey`, invoked by the disconnect flow after an agent call: stores the caller's CSAT (1-5). */
export function createHandler(deps: SurveyHandlerDeps) {
  return middy<ConnectContactFlowEvent, FlowResult>()
    .use(injectLambdaContext(deps.logger, { clearState: true }))
    .use(connectResponse(deps.logger))
    .handler(async (event) => {
      const contact = readContact(event);
      const result = await recordSurvey(contact.contactId, contact.parameters.score, {
        surveys: deps.surveys,
        tickets: deps.tickets,
        now: deps.clock(),
      });
      deps.logger.info('survey', { contactId: contact.contactId, result: result.result });
      return { ...result };
    });
}

/** In AWS: DynamoDB only. */
export function awsDeps(): SurveyHandlerDeps {
  return { ...storeDeps(awsStore()), clock: systemClock, logger };
}

export const handler = createHandler(awsDeps());
