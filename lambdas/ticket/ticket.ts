import { callbackRefusal, callerId, mayContact } from '#domain/phone.ts';
import { StaleTicketError, TicketNotFoundError, type TicketStore } from '#domain/repositories.ts';
import { decide, type Holiday, onCallAt, type Roster, shiftKey } from '#domain/roster.ts';
import { allowOutbound, defaultPolicy, type OutboundCounter, outboundRefusal } from '#domain/sms-policy.ts';
import {
  dueTimes,
  InvalidTransitionError,
  maskPhone,
  OwnershipError,
  type Priority,
  speakableId,
  type Ticket,
  type TicketStatus,
} from '#domain/tickets.ts';
import { addDays, speakableTime } from '#domain/time.ts';
import { NotSeededError } from '#shared/errors.ts';
import { messages } from '#shared/messages.ts';
import type { Notifier } from '#shared/notify.ts';

export interface TicketDeps {
  tickets: Pick<TicketStore, 'create' | 'get' | 'updateStatus'>;
  /** One read: the roster and the holidays of the given dates (the business date needs the roster's zone). */
  load(dates: string[]): Promise<{ roster: Roster | undefined; holidays: Holiday[] }>;
  notifier: Notifier;
  now: Date;
  log(message: string, extra?: Record<string, unknown>): void;
  /** hardening: the per-number daily counter of texts to callers (sms-policy.ts); without it, no daily limit. */
  outbound?: OutboundCounter;
}

export interface CreateTicketInput {
  contactId: string;
  callerPhone?: string;
  callerName?: string;
  category: string;
  priority: Priority;
  message?: string;
  callbackNumber?: string;
  source: Ticket['source'];
}

export interface CreateTicketResult {
  result: 'CREATED' | 'EXISTS';
  ticketId: string;
  ticketIdSpoken: string;
  category: string;
  priority: Priority;
  status: TicketStatus;
  dueAt: string;
  dueSpoken: string;
  paged: 'true' | 'false';
  pagedName: string;
  onCallPhone: string;
  confirmationSms: 'true' | 'false';
}

const unlimited: OutboundCounter = { take: async () => true };

/**
 * Creates a ticket (once per ContactId), pages the on-call person for an urgent one and texts the
 * caller a confirmation when the business wants that. A failed SMS is logged and reported in the
 * result but never loses the ticket.
 */
export async function createTicket(input: CreateTicketInput, deps: TicketDeps): Promise<CreateTicketResult> {
  const at = deps.now;
  const utcDate = at.toISOString().slice(0, 10);
  const { roster, holidays } = await deps.load([addDays(utcDate, -1), utcDate, addDays(utcDate, 1)]);
  if (!roster) throw new NotSeededError();
  const history: Ticket['history'] = [{ at: at.toISOString(), by: input.source, action: 'created' }];
  let category = input.category;
  if (!roster.categories.includes(category)) {
    history.push({
      at: at.toISOString(),
      by: 'system',
      action: 'created',
      note: `unknown category "${category}" filed as general`,
    });
    category = 'general';
  }
  const decision = decide(roster, null, at);
  const holiday = holidays.find((h) => h.date === decision.localDate) ?? null;
  // The full phone-number rules (phone.ts): a caller id not valid for its country is withheld, and a
  // callback number the line may not call (invalid, premium-rate, ...) is not kept.
  const callerPhone = callerId(input.callerPhone);
  // hardening: callbacks only to the countries of `outbound` (sms-policy.ts).
  const outbound = roster.outbound ?? defaultPolicy(roster.locale);
  const callbackNumber =
    input.callbackNumber &&
    !callbackRefusal(input.callbackNumber) &&
    !outboundRefusal(input.callbackNumber, outbound)
      ? input.callbackNumber
      : undefined;
  const { ticket, created } = await deps.tickets.create({
    contactId: input.contactId,
    ...(callerPhone ? { callerPhone } : {}),
    ...(input.callerName ? { callerName: input.callerName } : {}),
    category,
    priority: input.priority,
    status: 'open',
    shift: shiftKey(holiday ? null : decision.active, decision.localDate),
    createdAt: at.toISOString(),
    updatedAt: at.toISOString(),
    ...dueTimes(roster.sla, at, input.priority),
    ...(input.message ? { message: input.message } : {}),
    ...(callbackNumber ? { callbackNumber } : {}),
    source: input.source,
    history,
  });
  const t = messages(roster.locale);
  const dueSpoken = speakableTime(new Date(ticket.dueAt), roster.timezone, roster.locale);
  const onCall = onCallAt(roster, at);
  // The caller is listening: the page and the confirmation go out together, and neither can fail the call.
  const send = async (to: string, text: string, what: string) => {
    if (!mayContact(to)) return false; // withheld, invalid, premium-rate, shared-cost, personal-number
    try {
      await deps.notifier.sms(to, text);
      return true;
    } catch (err) {
      deps.log(`${what} failed`, { ticketId: ticket.id, to: maskPhone(to), error: String(err) });
      return false;
    }
  };
  const pageText = t.pageText({
    business: roster.businessName,
    ticketId: ticket.id,
    caller: ticket.callerPhone ?? 'unknown',
    callerName: ticket.callerName,
    summary: (ticket.message ?? category).slice(0, 300),
  });
  const pageTargets =
    created && ticket.priority === 'urgent' ? (onCall ? [onCall.phone] : roster.alertsSms) : [];
  const confirmTo = ticket.callbackNumber ?? ticket.callerPhone;
  const confirm = created && roster.smsConfirmation && confirmTo;
  const [pages, confirmed] = await Promise.all([
    Promise.all(pageTargets.map((to) => send(to, pageText, 'page'))),
    // hardening: a text to a caller-given number follows the outbound policy (countries, premium-rate,
    // N per number per day): the one call site of sms-policy.ts.
    confirm
      ? allowOutbound(confirmTo, outbound, deps.outbound ?? unlimited, at).then((d) => {
          if (d.allowed)
            return send(
              confirmTo,
              t.confirmationText({ business: roster.businessName, ticketId: ticket.id, due: dueSpoken }),
              'confirmation SMS',
            );
          deps.log('confirmation SMS not sent', {
            ticketId: ticket.id,
            to: maskPhone(confirmTo),
            reason: d.reason,
          });
          return false;
        })
      : Promise.resolve(false),
  ]);
  const paged = pages.some(Boolean);
  const confirmationSms = confirmed;
  return {
    result: created ? 'CREATED' : 'EXISTS',
    ticketId: ticket.id,
    ticketIdSpoken: speakableId(ticket.id),
    category: ticket.category,
    priority: ticket.priority,
    status: ticket.status,
    dueAt: ticket.dueAt,
    dueSpoken,
    paged: paged ? 'true' : 'false',
    pagedName: paged && onCall ? onCall.name : '',
    onCallPhone: onCall?.phone ?? '',
    confirmationSms: confirmationSms ? 'true' : 'false',
  };
}

export interface UpdateStatusInput {
  ticketId: string;
  status: TicketStatus;
  by: string;
  note?: string;
  /**
   * Event key of the request (`status#<ContactId>` from a flow): a retried Lambda whose change was
   * already recorded gets UPDATED with the ticket as it is, not a second history entry.
   */
  event?: string;
  /**
   * The ticket version the requester saw (a console form). Given: a change to the ticket since then
   * is reported as CONFLICT. Omitted: the change is re-applied on the latest ticket.
   */
  expectedVersion?: number;
}

export interface UpdateStatusResult {
  result: 'UPDATED' | 'NOT_FOUND' | 'INVALID_TRANSITION' | 'NOT_OWNER' | 'CONFLICT';
  ticketId: string;
  status: string;
  owner: string;
  reason: string;
}

/**
 * Changes a ticket's status for `by`. Expected refusals are results the flow or console branches on
 * (NOT_FOUND, INVALID_TRANSITION, NOT_OWNER, CONFLICT), each with the ticket's current state; anything
 * else throws. Without `expectedVersion` the change is re-read and re-applied when another write
 * lands first (the transition and ownership rules are checked again on the latest ticket).
 */
export async function updateTicketStatus(
  input: UpdateStatusInput,
  deps: Pick<TicketDeps, 'tickets' | 'now'>,
): Promise<UpdateStatusResult> {
  const refused = async (
    result: UpdateStatusResult['result'],
    reason: string,
  ): Promise<UpdateStatusResult> => {
    const current = result === 'NOT_FOUND' ? undefined : await deps.tickets.get(input.ticketId);
    return {
      result,
      ticketId: input.ticketId,
      status: current?.status ?? '',
      owner: current?.owner ?? '',
      reason,
    };
  };
  try {
    const updated = await deps.tickets.updateStatus(input.ticketId, {
      status: input.status,
      by: input.by,
      at: deps.now,
      ...(input.note ? { note: input.note } : {}),
      ...(input.event ? { event: input.event } : {}),
      ...(input.expectedVersion !== undefined ? { expectedVersion: input.expectedVersion } : {}),
    });
    return {
      result: 'UPDATED',
      ticketId: updated.id,
      status: updated.status,
      owner: updated.owner ?? '',
      reason: '',
    };
  } catch (err) {
    if (err instanceof TicketNotFoundError) return refused('NOT_FOUND', err.message);
    if (err instanceof InvalidTransitionError) return refused('INVALID_TRANSITION', err.message);
    if (err instanceof OwnershipError) return refused('NOT_OWNER', err.message);
    if (err instanceof StaleTicketError) return refused('CONFLICT', err.message);
    throw err;
  }
}
