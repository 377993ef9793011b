import { type Override, whoIsOnCall } from '#domain/overrides.ts';
import { callbackRefusal, callerId, mayContact } from '#domain/phone.ts';
import { StaleTicketError, TicketNotFoundError, type TicketStore } from '#domain/repositories.ts';
import { decide, type Holiday, type Roster, shiftKey } from '#domain/roster.ts';
import {
  allowOutbound,
  callbackNumberOf,
  defaultPolicy,
  type OutboundCounter,
  outboundRefusal,
} from '#domain/sms-policy.ts';
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
// escalation (issue 11/12): the first page and the escalation live in lambdas/escalate/.
import {
  type EscalationStarter,
  type FirstPageResult,
  firstPage,
  PAGE_TIME_BOX_MS,
  realSleep,
} from '../escalate/escalate.ts';
import { urgentWordIn } from './urgency.ts';

export interface TicketDeps {
  tickets: Pick<TicketStore, 'create' | 'get' | 'updateStatus'>;
  /**
   * One read: the roster, the holidays of the given dates (the business date needs the roster's zone)
   * and the console's overrides (an on-call swap decides who is paged and put through).
   */
  load(dates: string[]): Promise<{
    roster: Roster | undefined;
    holidays: Holiday[];
    overrides?: Override[];
    /** The assistant's urgent words, when the same read fetched them (else `urgentWords` is asked). */
    urgentWords?: string[];
  }>;
  notifier: Notifier;
  now: Date;
  log(message: string, extra?: Record<string, unknown>): void;
  // --- escalation (issue 11/12) ---
  /** Pages for an urgent ticket need `mutate` to record each page on the ticket's history. */
  pages?: Pick<TicketStore, 'get' | 'mutate'>;
  /** Starts the timed escalation (Step Functions in AWS, the simulated clock locally). */
  escalation?: EscalationStarter;
  /** The assistant's urgent words, for the function's own urgency check. */
  urgentWords?: () => Promise<string[]>;
  /** Waits (the page time box); real time in Lambda. */
  sleep?: (ms: number) => Promise<void>;
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
  /** The caller hung up while leaving the message: `message` holds the words captured so far. */
  partial?: boolean;
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
  /** What the caller may be told about the page: SENT, TRYING, NOT_ALERTED ('' when not urgent). */
  pageStatus: FirstPageResult['pageStatus'] | '';
  escalation: FirstPageResult['escalation'] | '';
  /** hardening: 'true' when the ticket holds a number the line may call back (outbound policy). */
  callback: 'true' | 'false';
}

/**
 * Local dates whose holidays a callback promise needs (UTC dates, read before the roster's zone is
 * known): the day before today to five weeks ahead, enough for the longest SLA (168 h) and the search for
 * the first staffed hour after it. 38 keys, within one BatchGetItem (100).
 */
export function promiseDates(utcDate: string): string[] {
  return Array.from({ length: 38 }, (_, i) => addDays(utcDate, i - 1));
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
  const snapshot = await deps.load(promiseDates(utcDate));
  const { roster, holidays, overrides = [] } = snapshot;
  const urgentWords = snapshot.urgentWords ?? (await readUrgentWords(deps));
  if (!roster) throw new NotSeededError();
  const history: Ticket['history'] = [
    {
      at: at.toISOString(),
      by: input.source,
      action: 'created',
      ...(input.partial ? { note: 'partial message: the caller hung up while speaking' } : {}),
    },
  ];
  // escalation (issue 12): urgency is checked here too, so a failed assistant cannot downgrade it.
  let priority = input.priority;
  const word = priority === 'urgent' ? null : urgentWordIn([input.message], urgentWords);
  if (word) {
    priority = 'urgent';
    history.push({
      at: at.toISOString(),
      by: 'system',
      action: 'created',
      note: `urgent: the message says "${word}"`,
    });
  }
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
    priority,
    status: 'open',
    shift: shiftKey(holiday ? null : decision.active, decision.localDate),
    createdAt: at.toISOString(),
    updatedAt: at.toISOString(),
    ...dueTimes(roster.sla, at, priority, { roster, holidays }),
    ...(input.message ? { message: input.message } : {}),
    ...(input.partial ? { partial: true } : {}),
    ...(callbackNumber ? { callbackNumber } : {}),
    source: input.source,
    history,
  });
  const t = messages(roster.locale);
  const dueSpoken = speakableTime(new Date(ticket.dueAt), roster.timezone, roster.locale);
  // The same person route puts through and the escalation pages: the config with the console's swaps.
  const onCall = whoIsOnCall(roster, overrides, at);
  // The caller is listening: the page and the confirmation go out together, and neither can fail the call.
  const send = async (to: string, text: string, what: string) => {
    if (!mayContact(to)) return false; // withheld, invalid, premium-rate, shared-cost, personal-number
    try {
      // escalation (issue 12): a slow SNS must not hold the caller past the flow's limit.
      const sent = deps.notifier.sms(to, text).then(() => true);
      const late = (deps.sleep ?? realSleep)(PAGE_TIME_BOX_MS).then(() => false);
      const ok = await Promise.race([sent, late]);
      if (!ok) deps.log(`${what} not confirmed in time`, { ticketId: ticket.id, to: maskPhone(to) });
      return ok;
    } catch (err) {
      deps.log(`${what} failed`, { ticketId: ticket.id, to: maskPhone(to), error: String(err) });
      return false;
    }
  };
  // escalation (issue 11/12): the first page is time-boxed and recorded on the ticket, and a retried
  // call that finds the ticket (EXISTS) still makes sure it was paged (once per ticket).
  const paging =
    ticket.priority === 'urgent'
      ? firstPage(ticket, roster, {
          tickets: deps.pages ?? noPageStore(deps),
          notifier: deps.notifier,
          escalation: deps.escalation ?? {
            start: async () => Promise.reject(new Error('no escalation timer')),
          },
          timeBox: { ms: PAGE_TIME_BOX_MS, sleep: deps.sleep ?? realSleep },
          overrides,
          now: () => deps.now,
          log: deps.log,
        })
      : Promise.resolve(undefined);
  const confirmTo = ticket.callbackNumber ?? ticket.callerPhone;
  // promises (issue 11): an urgent caller is offered the on-call person live; a "we have your message,
  // we will call you back" text after being put through would be untrue, so urgent tickets send none.
  const confirm = created && roster.smsConfirmation && confirmTo && ticket.priority !== 'urgent';
  const [page, confirmed] = await Promise.all([
    paging,
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
  const paged = page?.pageStatus === 'SENT';
  const confirmationSms = confirmed;
  // hardening: a callback is promised only to a number the outbound policy allows (sms-policy.ts).
  const callable = callbackNumberOf(ticket, outbound) !== undefined;
  // hardening: the on-call person's number and name go to the flow only when it may transfer (urgent).
  const urgent = ticket.priority === 'urgent';
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
    onCallPhone: urgent ? (onCall?.phone ?? '') : '',
    confirmationSms: confirmationSms ? 'true' : 'false',
    pageStatus: page?.pageStatus ?? '',
    escalation: page?.escalation ?? '',
    callback: callable ? 'true' : 'false',
  };
}

/** The assistant's urgent words; none when they cannot be read (the flow's own urgency still counts). */
async function readUrgentWords(deps: TicketDeps): Promise<string[]> {
  if (!deps.urgentWords) return [];
  try {
    return await deps.urgentWords();
  } catch (err) {
    deps.log('urgent words could not be read', { error: String(err) });
    return [];
  }
}

/** Without a store that records pages (older wiring), the pages go out unrecorded. */
function noPageStore(deps: TicketDeps): Pick<TicketStore, 'get' | 'mutate'> {
  return {
    get: (id) => deps.tickets.get(id),
    mutate: async () => {
      throw new Error('this ticket store cannot record pages');
    },
  };
}

export interface MissedCallInput {
  contactId: string;
  /** The caller id as Connect presented it; nothing is recorded without a number the line may call. */
  callerPhone: string | undefined;
  /**
   * How the call was missed: hung up while waiting in a queue, right after choosing one, or while
   * leaving a message (then `words` holds what was said so far, and the ticket is marked partial).
   */
  how: 'abandoned-in-queue' | 'hung-up-before-queue' | 'hung-up-mid-message';
  /** The caller's words captured before the hang-up (a message cut short). */
  words?: string;
  /** The queue the caller chose (the config id or its name), when known. */
  queue?: string;
  /** The menu category the caller chose, when known. */
  category?: string;
  /** Seconds the caller waited in the queue before hanging up. */
  waitedSeconds?: number;
}

export interface MissedCallResult {
  result: 'CREATED' | 'EXISTS' | 'NO_NUMBER' | 'NO_WORDS';
  ticketId: string;
  dueAt: string;
  dueSpoken: string;
  sms: boolean;
}

/**
 * No silent misses (issue 11): a caller with a number the line may call who hung up in a queue, or right
 * after choosing one, becomes a `missed-call` ticket: a callback task for the team, with its callback
 * number and a due time inside staffed hours (`dueTimes` with the roster and holidays, as for a message).
 * Once per ContactId (the ticket store's conditional create): a repeated contact event, or a contact that
 * already left a message, yields EXISTS and no second SMS. The caller gets a "sorry we missed your call"
 * SMS with the promise when the business texts confirmations. A withheld or uncallable number is
 * NO_NUMBER: nothing to call back. A message cut short by a hang-up (`hung-up-mid-message`) keeps the
 * words captured as a `message` ticket marked `partial`, with or without a number (NO_WORDS when nothing
 * was captured). Called by the contact-events function in AWS and by the local engine
 * at the end of such a call. @throws NotSeededError
 */
export async function recordMissedCall(
  input: MissedCallInput,
  deps: Pick<TicketDeps, 'tickets' | 'load' | 'notifier' | 'now' | 'log'>,
): Promise<MissedCallResult> {
  const caller = callerId(input.callerPhone);
  // A message cut short is kept without a number too; a missed call needs one to be called back.
  if (input.how !== 'hung-up-mid-message' && (!caller || callbackRefusal(caller)))
    return { result: 'NO_NUMBER', ticketId: '', dueAt: '', dueSpoken: '', sms: false };
  const at = deps.now;
  const { roster, holidays } = await deps.load(promiseDates(at.toISOString().slice(0, 10)));
  if (!roster) throw new NotSeededError();
  const decision = decide(roster, null, at);
  const holiday = holidays.find((h) => h.date === decision.localDate) ?? null;
  const partial = input.how === 'hung-up-mid-message';
  const words = input.words?.trim().slice(0, 4000);
  if (partial && !words) return { result: 'NO_WORDS', ticketId: '', dueAt: '', dueSpoken: '', sms: false };
  const message = partial ? words! : missedCallNote(input, roster.locale);
  const category = partial ? 'message' : 'missed-call';
  const callable = caller && !callbackRefusal(caller) ? caller : undefined;
  const { ticket, created } = await deps.tickets.create({
    contactId: input.contactId,
    ...(caller ? { callerPhone: caller } : {}),
    category: roster.categories.includes(category) ? category : 'general',
    ...(partial ? { partial: true } : {}),
    priority: 'normal',
    status: 'open',
    shift: shiftKey(holiday ? null : decision.active, decision.localDate),
    createdAt: at.toISOString(),
    updatedAt: at.toISOString(),
    ...dueTimes(roster.sla, at, 'normal', { roster, holidays }),
    message,
    ...(callable ? { callbackNumber: callable } : {}),
    source: partial ? 'assistant' : 'ivr',
    history: [
      {
        at: at.toISOString(),
        by: 'system',
        action: 'created',
        note: partial ? 'partial message: the caller hung up while speaking' : input.how,
      },
    ],
  });
  const dueSpoken = speakableTime(new Date(ticket.dueAt), roster.timezone, roster.locale);
  let sms = false;
  if (created && roster.smsConfirmation && callable && mayContact(callable)) {
    try {
      await deps.notifier.sms(
        callable,
        messages(roster.locale)[partial ? 'confirmationText' : 'missedCallText']({
          business: roster.businessName,
          ticketId: ticket.id,
          due: dueSpoken,
        }),
      );
      sms = true;
    } catch (err) {
      deps.log('missed-call SMS failed', {
        ticketId: ticket.id,
        to: maskPhone(callable),
        error: String(err),
      });
    }
  }
  return { result: created ? 'CREATED' : 'EXISTS', ticketId: ticket.id, dueAt: ticket.dueAt, dueSpoken, sms };
}

/** The task a missed call leaves for the team, in the business's language. */
function missedCallNote(input: MissedCallInput, locale: string): string {
  const waited = input.waitedSeconds !== undefined ? Math.round(input.waitedSeconds) : undefined;
  if (locale.startsWith('zh')) {
    const where = input.queue ? `（${input.queue}）` : '';
    const about = input.category ? `，选择了 ${input.category}` : '';
    return input.how === 'abandoned-in-queue'
      ? `未接来电：来电者排队${waited !== undefined ? `${waited}秒后` : '时'}挂断${where}${about}。请回电。`
      : `未接来电：来电者选择队列后挂断${where}${about}。请回电。`;
  }
  const where = input.queue ? ` in the ${input.queue} queue` : '';
  const about = input.category ? ` (chose ${input.category})` : '';
  return input.how === 'abandoned-in-queue'
    ? `Missed call: hung up${waited !== undefined ? ` after ${waited} s` : ''} waiting${where}${about}. Call back.`
    : `Missed call: hung up right after choosing${where || ' a queue'}${about}. Call back.`;
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
