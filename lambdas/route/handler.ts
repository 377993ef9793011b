import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { ConnectContactFlowEvent } from 'aws-lambda';
import { annotateBestEffort, type ContactAnnotations, ContactAnnotator } from '#domain/annotations.ts';
import { loadRouteSnapshot, type RouteSnapshot } from '#domain/repositories.ts';
import { activeShift, shiftKey } from '#domain/roster.ts';
import { maskPhone } from '#domain/tickets.ts';
import { connectResponse, type FlowResult, readContact } from '#shared/connect.ts';
import { type BaseDeps, systemClock } from '#shared/deps.ts';
import { awsStore, type Store } from '#shared/dynamo.ts';
import { logger } from '#shared/logger.ts';
import { type RouteDeps, route } from './route.ts';

export interface RouteHandlerDeps extends BaseDeps {
  /** One round trip: roster, holidays of the candidate dates, the caller's profile. */
  load: RouteDeps['load'];
  /** records: mode, shift, local date and caller go on the contact's record (best effort). */
  records?: ContactAnnotations;
}

/** The route function's collaborators on a DynamoDB store (AWS or the local engine's dynalite). */
export function storeDeps(store: Store): Pick<RouteHandlerDeps, 'load' | 'records'> {
  return {
    load: (dates, phone) => loadRouteSnapshot(store.doc, store.tables, dates, phone),
    records: new ContactAnnotator(store.doc, store.tables), // records
  };
}

/** `route`, invoked once per call by the inbound flow: which way the call goes (see route.ts). */
export function createHandler(deps: RouteHandlerDeps) {
  return middy<ConnectContactFlowEvent, FlowResult>()
    .use(injectLambdaContext(deps.logger, { clearState: true }))
    .use(connectResponse(deps.logger))
    .handler(async (event) => {
      const contact = readContact(event);
      const now = deps.clock();
      let snapshot: RouteSnapshot | undefined; // records: the roster read, for the shift occurrence
      const load: RouteDeps['load'] = async (d, p) => (snapshot = await deps.load(d, p));
      const result = await route(contact.callerPhone, { load, now });
      deps.logger.info('routed', {
        contactId: contact.contactId,
        caller: maskPhone(contact.callerPhone),
        mode: result.mode,
        reason: result.reason,
      });
      // records (begin): what route knows, on the contact's record; never fails the call
      const on = result.reason === 'holiday' || !snapshot?.roster ? null : activeShift(snapshot.roster, now);
      await annotateBestEffort(
        deps.records,
        contact.contactId,
        {
          mode: result.mode,
          shift: shiftKey(on, result.localDate),
          localDate: result.localDate,
          ...(contact.callerPhone ? { caller: contact.callerPhone } : {}),
        },
        (m, x) => deps.logger.warn(m, x),
      );
      // records (end)
      return { ...result };
    });
}

/** In AWS: DynamoDB only (no SNS, Bedrock, S3 or Transcribe code in this bundle). */
export function awsDeps(): RouteHandlerDeps {
  return { ...storeDeps(awsStore()), clock: systemClock, logger };
}

export const handler = createHandler(awsDeps());
