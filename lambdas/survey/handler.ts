import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { ConnectContactFlowEvent } from 'aws-lambda';
import { annotateBestEffort, type ContactAnnotations, ContactAnnotator } from '#domain/annotations.ts';
import { SurveyRepository, TicketRepository } from '#domain/repositories.ts';
import { connectResponse, type FlowResult, readContact } from '#shared/connect.ts';
import { type BaseDeps, systemClock } from '#shared/deps.ts';
import { awsStore, type Store } from '#shared/dynamo.ts';
import { logger } from '#shared/logger.ts';
import { recordSurvey, type SurveyDeps } from './survey.ts';

export interface SurveyHandlerDeps extends BaseDeps, Omit<SurveyDeps, 'now'> {
  /** records: the CSAT and the menu's category and queue go on the contact's record (best effort). */
  records?: ContactAnnotations;
}

export function storeDeps(store: Store): Omit<SurveyHandlerDeps, keyof BaseDeps> {
  return {
    surveys: new SurveyRepository(store.doc, store.tables),
    tickets: new TicketRepository(store.doc, store.tables),
    records: new ContactAnnotator(store.doc, store.tables), // records
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
      // records (begin): the score, and the category and queue the menu set; never fails the call
      if (result.result === 'STORED') {
        const { category, queue } = contact.attributes;
        await annotateBestEffort(
          deps.records,
          contact.contactId,
          { csat: result.score, ...(category ? { category } : {}), ...(queue ? { queue } : {}) },
          (m, x) => deps.logger.warn(m, x),
        );
      }
      // records (end)
      return { ...result };
    });
}

/** In AWS: DynamoDB only. */
export function awsDeps(): SurveyHandlerDeps {
  return { ...storeDeps(awsStore()), clock: systemClock, logger };
}

export const handler = createHandler(awsDeps());
