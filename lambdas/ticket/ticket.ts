import { mayContact } from '#domain/phone.ts';
import type { TicketRepository } from '#domain/repositories.ts';
import { decide, type Holiday, onCallAt, type Roster, shiftKey } from '#domain/roster.ts';
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
  tickets: TicketRepository;
  /** One read: the roster and the holidays of the given dates (the business date needs the roster's zone). */
  load(dates: string[]): Promise<{ roster: Roster | undefined; holidays: Holiday[] }>;
  notifier: Notifier;
  now: Date;
  log(message: string, extra?: Record<string, unknown>): void;
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
  const { ticket, created } = await deps.tickets.create({
    contactId: input.contactId,
    ...(input.callerPhone ? { callerPhone: input.callerPhone } : {}),
    ...(input.callerName ? { callerName: input.callerName } : {}),
    category,
    priority: input.priority,
    status: 'open',
    shift: shiftKey(holiday ? null : decision.active, decision.localDate),
    createdAt: at.toISOString(),
    updatedAt: at.toISOString(),
    ...dueTimes(roster.sla, at, input.priority),
    ...(input.message ? { message: input.message } : {}),
    ...(input.callbackNumber ? { callbackNumber: input.callbackNumber } : {}),
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
    confirm
      ? send(
          confirmTo,
          t.confirmationText({ business: roster.businessName, ticketId: ticket.id, due: dueSpoken }),
          'confirmation SMS',
        )
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
}

export async function updateTicketStatus(
  input: UpdateStatusInput,
  deps: Pick<TicketDeps, 'tickets' | 'now'>,
): Promise<{
  result: 'UPDATED' | 'NOT_FOUND' | 'INVALID_TRANSITION' | 'NOT_OWNER';
  ticketId: string;
  status: string;
  owner: string;
  reason: string;
}> {
  const ticket = await deps.tickets.get(input.ticketId);
  if (!ticket)
    return {
      result: 'NOT_FOUND',
      ticketId: input.ticketId,
      status: '',
      owner: '',
      reason: `no ticket ${input.ticketId}`,
    };
  try {
    const updated = await deps.tickets.updateStatus(
      input.ticketId,
      input.status,
      input.by,
      deps.now,
      input.note,
    );
    return {
      result: 'UPDATED',
      ticketId: updated.id,
      status: updated.status,
      owner: updated.owner ?? '',
      reason: '',
    };
  } catch (err) {
    const refusal =
      err instanceof InvalidTransitionError
        ? 'INVALID_TRANSITION'
        : err instanceof OwnershipError
          ? 'NOT_OWNER'
          : undefined;
    if (refusal)
      return {
        result: refusal,
        ticketId: ticket.id,
        status: ticket.status,
        owner: ticket.owner ?? '',
        reason: (err as Error).message,
      };
    throw err;
  }
}
