import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { ConnectContactFlowEvent } from 'aws-lambda';
import { loadRouteSnapshot } from '#domain/repositories.ts';
import { maskPhone } from '#domain/tickets.ts';
import { connectResponse, type FlowResult, readContact } from '#shared/connect.ts';
import { type BaseDeps, systemClock } from '#shared/deps.ts';
import { awsStore, type Store } from '#shared/dynamo.ts';
import { logger } from '#shared/logger.ts';
import { type RouteDeps, route } from './route.ts';

export interface RouteHandlerDeps extends BaseDeps {
  /** One round trip: roster, holidays of the candidate dates, the caller's profile. */
  load: RouteDeps['load'];
}

/** The route function's collaborators on a DynamoDB store (AWS or the local engine's dynalite). */
export function storeDeps(store: Store): Pick<RouteHandlerDeps, 'load'> {
  return { load: (dates, phone) => loadRouteSnapshot(store.doc, store.tables, dates, phone) };
}

/** `route`, invoked once per call by the inbound flow: which way the call goes (see route.ts). */
export function createHandler(deps: RouteHandlerDeps) {
  return middy<ConnectContactFlowEvent, FlowResult>()
    .use(injectLambdaContext(deps.logger, { clearState: true }))
    .use(connectResponse(deps.logger))
    .handler(async (event) => {
      const contact = readContact(event);
      const result = await route(contact.callerPhone, { load: deps.load, now: deps.clock() });
      deps.logger.info('routed', {
        contactId: contact.contactId,
        caller: maskPhone(contact.callerPhone),
        mode: result.mode,
        reason: result.reason,
      });
      return { ...result };
    });
}

/** In AWS: DynamoDB only (no SNS, Bedrock, S3 or Transcribe code in this bundle). */
export function awsDeps(): RouteHandlerDeps {
  return { ...storeDeps(awsStore()), clock: systemClock, logger };
}

export const handler = createHandler(awsDeps());
