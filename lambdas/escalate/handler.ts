import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { ConnectClient } from '@aws-sdk/client-connect';
import middy from '@middy/core';
import type { ConnectContactFlowEvent } from 'aws-lambda';
import * as z from 'zod/mini';
import { loadRouteSnapshot, TicketRepository } from '#domain/repositories.ts';
import { maskPhone } from '#domain/tickets.ts';
import { FLOW_FUNCTIONS } from '#flows/contracts.ts';
import { connectResponse, type FlowResult, readContact, readParameters } from '#shared/connect.ts';
import { type BaseDeps, systemClock } from '#shared/deps.ts';
import { awsStore, type Store } from '#shared/dynamo.ts';
import { type ClientSource, clientOf, lazy, onFirstUse, readEnv } from '#shared/env.ts';
import { InvalidEventError } from '#shared/errors.ts';
import { logger } from '#shared/logger.ts';
import { type Notifier, snsNotifier } from '#shared/notify.ts';
import { acceptPage, type Dialer, runStep, type StepDeps, type StepResult } from './escalate.ts';

/**
 * What the state machine sends for one step. `dial` says how to place the page call (the instance,
 * the outbound page flow and the number to call from); it comes in the event because the flow refers
 * to this function, so the function cannot refer to the flow (a cycle in CloudFormation).
 */
export const stepEvent = z.object({
  ticketId: z.string().check(z.regex(/^T-[0-9A-Z]{6}$/)),
  step: z.int().check(z.gte(0), z.lte(50)),
  dial: z.optional(
    z.object({
      instanceId: z.string().check(z.minLength(1)),
      contactFlowId: z.string().check(z.minLength(1)),
      from: z.string(),
    }),
  ),
});
export type StepEvent = z.infer<typeof stepEvent>;
type DialConfig = NonNullable<StepEvent['dial']>;

export interface EscalateHandlerDeps extends BaseDeps {
  tickets: StepDeps['tickets'];
  /** The roster and the console's overrides (on-call swaps), read at each step. */
  directory: StepDeps['directory'];
  notifier: Pick<Notifier, 'sms' | 'email'>;
  /** The page call, for the dial settings of the step (none: SMS only). */
  dialer(dial: DialConfig | undefined): Dialer | undefined;
  alertTopicArn(): string | undefined;
}

/** The ticket store, and the roster with the overrides in one BatchGetItem (`loadRouteSnapshot`). */
export function storeDeps(store: Store): Pick<EscalateHandlerDeps, 'tickets' | 'directory'> {
  return {
    tickets: new TicketRepository(store.doc, store.tables),
    directory: async () => {
      const { roster, overrides } = await loadRouteSnapshot(store.doc, store.tables, [], undefined);
      return { roster, overrides };
    },
  };
}

const isFlowEvent = (e: unknown): boolean =>
  typeof e === 'object' && e !== null && (e as { Name?: unknown }).Name === 'ContactFlowEvent';

/**
 * `escalate`: one step of an urgent ticket's escalation (`{ ticketId, step }` from the state machine,
 * returning `{ ticketId, step, done, waitSeconds }` for the next wait), or, invoked by the outbound
 * page flow, the paged person's acceptance (`action=accept`).
 */
export function createHandler(deps: EscalateHandlerDeps) {
  const flow = middy<ConnectContactFlowEvent, FlowResult>()
    .use(connectResponse(deps.logger))
    .handler(async (event) => {
      const contact = readContact(event);
      const p = readParameters(FLOW_FUNCTIONS.escalate.parameters, contact.parameters) as {
        ticketId: string;
        by: string;
      };
      const result = await acceptPage(
        { ticketId: p.ticketId, by: p.by, contactId: contact.contactId },
        { tickets: deps.tickets, now: deps.clock },
      );
      deps.logger.info('page accepted', { ticketId: result.ticketId, result: result.result });
      return { ...result };
    });
  return middy<unknown, unknown>()
    .use(injectLambdaContext(deps.logger, { clearState: true }))
    .handler(async (event, context): Promise<unknown> => {
      if (isFlowEvent(event)) return flow(event as ConnectContactFlowEvent, context);
      const parsed = z.safeParse(stepEvent, event);
      if (!parsed.success)
        throw new InvalidEventError('escalate expects { "ticketId": "T-XXXXXX", "step": 0 } or a flow event');
      const result: StepResult = await runStep(parsed.data, {
        tickets: deps.tickets,
        directory: deps.directory,
        notifier: deps.notifier,
        ...(deps.dialer(parsed.data.dial) ? { dialer: deps.dialer(parsed.data.dial)! } : {}),
        ...(deps.alertTopicArn() ? { alertTopicArn: deps.alertTopicArn()! } : {}),
        now: deps.clock,
        log: (text, extra) => deps.logger.warn(text, extra ?? {}),
      });
      deps.logger.info('escalation step', { ...result });
      return result;
    });
}

/**
 * Connect's StartOutboundVoiceContact: calls the paged person from the line's number and runs the
 * outbound page flow ("urgent ticket ..., press 1 to accept"). The attributes carry no caller number.
 */
export function connectDialer(connect: ClientSource<ConnectClient>, dial: DialConfig): Dialer | undefined {
  if (!dial.from) return undefined; // no claimed number to call from: SMS pages only
  return {
    async call(to, page) {
      const [{ StartOutboundVoiceContactCommand }, client] = await Promise.all([
        import('@aws-sdk/client-connect'),
        clientOf(connect),
      ]);
      await client.send(
        new StartOutboundVoiceContactCommand({
          InstanceId: dial.instanceId,
          ContactFlowId: dial.contactFlowId,
          DestinationPhoneNumber: to.phone,
          SourcePhoneNumber: dial.from,
          Attributes: { ...page },
        }),
      );
      logger.info('page call placed', { ticketId: page.ticketId, to: maskPhone(to.phone) });
    },
  };
}

const alertEnv = z.object({ ALERT_TOPIC_ARN: z.string().check(z.minLength(1)) });

/**
 * In AWS: DynamoDB; SNS (pages and the alert topic) and Connect (page calls) for the timed steps only,
 * imported on first use (an acceptance from the page flow, while the paged person listens, needs
 * DynamoDB alone).
 */
export function awsDeps(): EscalateHandlerDeps {
  const topic = lazy(() => readEnv(alertEnv, 'escalate').ALERT_TOPIC_ARN);
  const connect = onFirstUse(async () => new (await import('@aws-sdk/client-connect')).ConnectClient({}));
  return {
    ...storeDeps(awsStore()),
    notifier: snsNotifier(onFirstUse(async () => new (await import('@aws-sdk/client-sns')).SNSClient({}))),
    dialer: (dial) => (dial ? connectDialer(connect, dial) : undefined),
    alertTopicArn: topic,
    clock: systemClock,
    logger,
  };
}

export const handler = createHandler(awsDeps());
