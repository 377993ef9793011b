import {
  acknowledged,
  deliveryState,
  ESCALATION_EVENTS,
  type EscalationStep,
  escalationPlan,
  type PageTarget,
} from '#domain/escalation.ts';
import type { Override } from '#domain/overrides.ts';
import type { TicketStore } from '#domain/repositories.ts';
import type { Roster } from '#domain/roster.ts';
import {
  applyStatus,
  maskPhone,
  recordEvent,
  speakableId,
  type Ticket,
  type TicketHistoryEntry,
} from '#domain/tickets.ts';
import { NotSeededError } from '#shared/errors.ts';
import { messages } from '#shared/messages.ts';
import type { Notifier } from '#shared/notify.ts';
import { escalationTexts } from './texts.ts';

/** What the outbound page call carries (Connect contact attributes): no caller number, no caller name. */
export interface OutboundPage {
  ticketId: string;
  /** The id read character by character. */
  ticketIdSpoken: string;
  business: string;
  /** The caller's words, cut to 200 characters. */
  summary: string;
  /** Who is called (the flow passes it back when they press 1). */
  pagedName: string;
  step: string;
}

/** Places the "urgent ticket ..., press 1 to accept" call (Connect StartOutboundVoiceContact in AWS). */
export interface Dialer {
  call(to: PageTarget, page: OutboundPage): Promise<void>;
}

/**
 * Starts the timed escalation of one ticket (a Step Functions execution named after the ticket in AWS,
 * the simulated clock locally). Idempotent per ticket: starting twice runs one escalation.
 */
export interface EscalationStarter {
  start(ticketId: string): Promise<void>;
}

export interface PagingDeps {
  tickets: Pick<TicketStore, 'get' | 'mutate'>;
  notifier: Pick<Notifier, 'sms'>;
  /** Now (UTC); read again after each wait. */
  now(): Date;
  log(message: string, extra?: Record<string, unknown>): void;
}

/** A limit on how long the caller waits for a page: past it the page is left to the escalation. */
export interface TimeBox {
  ms: number;
  sleep(ms: number): Promise<void>;
}

/**
 * How long the ticket function waits for SNS (and Step Functions) while the caller listens, in ms.
 * The flow allows the ticket function 3 s in all; a slower page is recorded as such and left to the
 * escalation, so that a saved message never sounds lost.
 */
export const PAGE_TIME_BOX_MS = 1500;

export const realSleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

type Delivery = 'sent' | 'failed' | 'slow' | 'already' | 'in-flight';

const CHANNEL_WORDS = { sms: 'SMS page', call: 'page call', alert: 'alert' } as const;

/** The managers could not be alerted that nobody took an urgent ticket (the step is retried). */
export class ManagersNotAlertedError extends Error {
  constructor(readonly ticketId: string) {
    super(`the managers could not be alerted that nobody took ${ticketId}`);
    this.name = 'ManagersNotAlertedError';
  }
}

const entry = (
  at: Date,
  to: string,
  note: string,
  event: string,
): TicketHistoryEntry & { event: string } => ({
  at: at.toISOString(),
  by: 'system',
  action: 'escalation',
  to,
  note,
  event,
});

/** One page to send: a channel, to one person (or the alert topic), and how to send it. */
interface Page {
  channel: 'sms' | 'call' | 'alert';
  target: PageTarget;
  send: () => Promise<void>;
}

/** A change to a ticket that records nothing when it returns undefined (see `recordEvent`). */
type TicketEdit = (t: Ticket) => Ticket | undefined;

interface DeliveryOptions {
  /** Past it, a page still unanswered is recorded as slow (its late outcome is recorded when it lands). */
  timeBox?: TimeBox;
  /** The ticket as just read or written: saves a read (a stale copy costs one retry, never a lost write). */
  read?: Ticket;
  /** Recorded in the same write as the claims (a step's own history entry). */
  first?: TicketEdit;
  /** Recorded in the same write as the outcomes, once known (the start of the escalation). */
  last?: Promise<TicketEdit | undefined>;
}

/**
 * The deliveries of one step (each channel to each person), each at most once per attempt: the
 * attempts are claimed on the ticket first, all in one conditional write (so concurrent retries claim
 * each once), then sent in parallel, then their outcomes are recorded in a second write. A delivery
 * already sent, or claimed less than a minute ago and still without an outcome, is not sent again. When
 * the ticket store fails, the pages are sent anyway (a page without a record beats no page) and the
 * failure is logged. Two writes per step, whatever the number of people and channels (it was two per
 * delivery, plus a retry for each delivery that raced another on the same ticket).
 */
async function deliverAll(
  ticketId: string,
  step: number,
  pages: readonly Page[],
  deps: PagingDeps,
  opts: DeliveryOptions = {},
): Promise<Delivery[]> {
  const keys = pages.map((p) => ESCALATION_EVENTS.delivery(step, p.channel, p.target.phone));
  const now = deps.now();
  let attempts: number[] = pages.map(() => 0);
  let skipped: Array<'already' | 'in-flight' | undefined> = pages.map(() => undefined);
  let claimed: Ticket | undefined;
  const claimEntry = (i: number) => {
    const p = pages[i]!;
    const attempt = attempts[i]!;
    const note = `${CHANNEL_WORDS[p.channel]} to ${p.target.name}${attempt > 1 ? ` (attempt ${attempt})` : ''}`;
    return entry(now, p.target.name, note, `${keys[i]}#${attempt}`);
  };
  try {
    const res = await deps.tickets.mutate(
      ticketId,
      (t) => {
        // Run again on a stale write: start from what this read says.
        attempts = pages.map(() => 0);
        skipped = pages.map(() => undefined);
        let next = opts.first?.(t) ?? t;
        keys.forEach((key, i) => {
          const before = deliveryState(next, key, now);
          if (before.sent || before.inFlight) {
            skipped[i] = before.sent ? 'already' : 'in-flight';
            return;
          }
          attempts[i] = before.attempts + 1;
          next = recordEvent(next, claimEntry(i)) ?? next;
        });
        return next === t ? undefined : next;
      },
      opts.read,
    );
    claimed = res.ticket;
  } catch (err) {
    deps.log('could not record a page on the ticket; paging anyway', { ticketId, error: String(err) });
  }
  const timeBox = opts.timeBox;
  const sending = pages.map((p, i) =>
    skipped[i]
      ? undefined
      : p.send().then(
          () => 'sent' as const,
          (err: unknown) => {
            deps.log(`${CHANNEL_WORDS[p.channel]} failed`, {
              ticketId,
              to: maskPhone(p.target.phone),
              error: err instanceof Error ? `${err.name}: ${err.message}` : String(err),
            });
            return 'failed' as const;
          },
        ),
  );
  const boxed = timeBox ? timeBox.sleep(timeBox.ms).then(() => 'slow' as const) : undefined;
  const outcomes: Delivery[] = await Promise.all(
    sending.map((s, i) => (s ? (boxed ? Promise.race([s, boxed]) : s) : Promise.resolve(skipped[i]!))),
  );
  const outcomeEntry = (i: number, o: 'sent' | 'failed' | 'slow') => {
    const p = pages[i]!;
    const what = CHANNEL_WORDS[p.channel];
    const notes = {
      sent: p.channel === 'call' ? 'call placed' : 'accepted by SNS',
      failed:
        p.channel === 'call' ? 'the call could not be placed' : 'SNS refused it; the escalation tries again',
      slow: `no answer from SNS within ${(timeBox?.ms ?? 0) / 1000} s; the escalation pages again if nobody accepts`,
    };
    return entry(
      deps.now(),
      p.target.name,
      `${what} to ${p.target.name}: ${notes[o]}`,
      `${keys[i]}#${attempts[i]}#${o}`,
    );
  };
  const last = await opts.last;
  try {
    await deps.tickets.mutate(
      ticketId,
      (t) => {
        // When the claim write failed, the step's own entry and the claims are written here (each
        // event once: where the claim write did land, these change nothing), so that a retried step
        // sees the attempt and does not page again.
        let next = claimed ? t : (opts.first?.(t) ?? t);
        outcomes.forEach((o, i) => {
          if (o !== 'sent' && o !== 'failed' && o !== 'slow') return;
          if (!claimed) {
            if (!attempts[i]) attempts[i] = deliveryState(next, keys[i]!, now).attempts + 1;
            next = recordEvent(next, claimEntry(i)) ?? next;
          }
          next = recordEvent(next, outcomeEntry(i, o)) ?? next;
        });
        if (last) next = last(next) ?? next;
        return next === t ? undefined : next;
      },
      claimed,
    );
  } catch (err) {
    deps.log('could not record the page outcomes on the ticket', { ticketId, error: String(err) });
  }
  // A slow page may still land: its outcome is recorded when it does (best effort; in Lambda the
  // environment may be frozen first, and then the next escalation step pages again).
  outcomes.forEach((o, i) => {
    if (o !== 'slow' || !attempts[i]) return;
    void sending[i]!.then((late) =>
      deps.tickets
        .mutate(ticketId, (t) => recordEvent(t, outcomeEntry(i, late)))
        .catch((err: unknown) =>
          deps.log('could not record a page outcome on the ticket', {
            ticketId,
            outcome: late,
            error: String(err),
          }),
        ),
    );
  });
  return outcomes;
}

// --- the first page, while the caller listens -------------------------------------------------------

/** What the caller may be told about the page (the flow branches on it). */
export type PageStatus =
  /** SNS accepted the page to the on-call person (or the alert list). */
  | 'SENT'
  /** Not confirmed yet, but the escalation runs: it pages again and escalates until someone accepts. */
  | 'TRYING'
  /** No page confirmed and no escalation running (or nobody to page): the caller is told so. */
  | 'NOT_ALERTED';

export interface FirstPageResult {
  pageStatus: PageStatus;
  /** Who was paged, when a page was confirmed and it was one person ('' otherwise). */
  pagedName: string;
  escalation: 'STARTED' | 'FAILED';
}

/**
 * The first page of an urgent ticket and the start of its escalation, run by the ticket function
 * while the caller listens. Idempotent per ticket (a retried invocation that finds the ticket already
 * paged does not page again; one whose page is missing or failed pages now). Both the SMS and the
 * start are time-boxed (`timeBox`); nothing here throws for a page that failed.
 */
export async function firstPage(
  ticket: Ticket,
  roster: Roster,
  deps: PagingDeps & {
    escalation: EscalationStarter;
    timeBox: TimeBox;
    /** The console's overrides: an on-call swap decides who is paged (`whoIsOnCall`). */
    overrides?: readonly Override[];
  },
): Promise<FirstPageResult> {
  const plan = escalationPlan(roster, new Date(ticket.createdAt), deps.overrides ?? []);
  const first = plan[0]?.kind === 'page' ? plan[0] : undefined;
  const targets = first?.targets ?? [];
  const text = messages(roster.locale).pageText({
    business: roster.businessName,
    ticketId: ticket.id,
    caller: ticket.callerPhone ?? 'unknown',
    callerName: ticket.callerName,
    summary: (ticket.message ?? ticket.category).slice(0, 300),
  });
  const starting = startEscalation(ticket, deps);
  const minutes = (roster.escalation ?? { ackWithinMinutes: 5 }).ackWithinMinutes;
  const deliveries = await deliverAll(
    ticket.id,
    0,
    targets.map((t) => ({
      channel: 'sms' as const,
      target: t,
      send: () => deps.notifier.sms(t.phone, text),
    })),
    deps,
    {
      timeBox: deps.timeBox,
      read: ticket,
      // The start is recorded in the same write as the page's outcome.
      last: starting.then((started) => (t: Ticket) => {
        const at = deps.now();
        return started
          ? recordEvent(
              t,
              entry(
                at,
                '',
                `escalation started: without an acceptance within ${minutes} min, the page is repeated and escalated`,
                ESCALATION_EVENTS.started,
              ),
            )
          : recordEvent(
              t,
              entry(at, '', 'escalation could not be started', `esc#start-failed#${at.toISOString()}`),
            );
      }),
    },
  );
  const started = await starting;
  const sent = deliveries.some((d) => d === 'sent' || d === 'already');
  const one = targets.length === 1 ? targets[0]!.name : '';
  return {
    pageStatus: sent ? 'SENT' : started && targets.length > 0 ? 'TRYING' : 'NOT_ALERTED',
    pagedName: sent ? one : '',
    escalation: started ? 'STARTED' : 'FAILED',
  };
}

/** Starts the timed escalation, time-boxed: true when it started (recorded by the caller). */
async function startEscalation(
  ticket: Ticket,
  deps: PagingDeps & { escalation: EscalationStarter; timeBox: TimeBox },
): Promise<boolean> {
  const start = deps.escalation.start(ticket.id).then(
    () => true,
    (err: unknown) => {
      deps.log('escalation did not start', { ticketId: ticket.id, error: String(err) });
      return false;
    },
  );
  return Promise.race([start, deps.timeBox.sleep(deps.timeBox.ms).then(() => false)]);
}

// --- the timed steps ------------------------------------------------------------------------------

export interface StepInput {
  ticketId: string;
  /** Index in the plan (`escalationPlan`); 0 is the first page. */
  step: number;
}

export interface StepResult {
  ticketId: string;
  /** The next step to run. */
  step: number;
  /** True when the escalation is over: accepted, nobody left to page, or the managers were alerted. */
  done: boolean;
  /** Seconds to wait before the next step (0 when done). */
  waitSeconds: number;
  /** What this step did, in words (for the state machine's history and the local report). */
  did: string;
}

export interface StepDeps extends PagingDeps {
  /**
   * The roster and the console's overrides, read at each step (one request): an on-call swap decides
   * who is paged (`whoIsOnCall`).
   */
  directory(): Promise<{ roster: Roster | undefined; overrides: readonly Override[] }>;
  notifier: Pick<Notifier, 'sms' | 'email'>;
  /** The outbound page call; undefined when the line cannot call out (no claimed number). */
  dialer?: Dialer;
  /** The alert topic (managers' e-mail and SMS) for "nobody took it". */
  alertTopicArn?: string;
}

const stepNote = (s: Extract<EscalationStep, { kind: 'page' }>, ack: number) =>
  s.reason === 'repage'
    ? `not accepted after ${s.atMinutes} min: paging ${s.who} again`
    : s.reason === 'escalate'
      ? `not accepted after ${s.atMinutes} min: escalating to ${s.who}`
      : `paging ${s.who}; next step in ${ack} min unless someone accepts`;

/**
 * One step of a ticket's escalation, run by the timer (Step Functions in AWS, the simulated clock
 * locally): stops when someone took the ticket, else pages the step's people (SMS, and a call when a
 * dialer is given) or, after the last page, alerts the managers that nobody took it. Every step is
 * recorded on the ticket's history once (a retried step records and pages nothing twice).
 * @throws NotSeededError when the directory has no roster
 */
export async function runStep(input: StepInput, deps: StepDeps): Promise<StepResult> {
  const done = (did: string): StepResult => ({
    ticketId: input.ticketId,
    step: input.step,
    done: true,
    waitSeconds: 0,
    did,
  });
  const [ticket, directory] = await Promise.all([deps.tickets.get(input.ticketId), deps.directory()]);
  if (!ticket) return done('no such ticket');
  const roster = directory.roster;
  if (!roster) throw new NotSeededError();
  const now = deps.now();
  const takenBy = acknowledged(ticket);
  if (takenBy) {
    await deps.tickets.mutate(
      ticket.id,
      (t) =>
        recordEvent(
          t,
          entry(now, takenBy, `escalation stopped: taken by ${takenBy}`, ESCALATION_EVENTS.stopped),
        ),
      ticket,
    );
    return done(`taken by ${takenBy}`);
  }
  const createdAt = new Date(ticket.createdAt);
  const plan = escalationPlan(roster, createdAt, directory.overrides);
  const s = plan[input.step];
  if (!s) return done('no more steps');
  const ack = (roster.escalation ?? { ackWithinMinutes: 5 }).ackWithinMinutes;
  const summary = (ticket.message ?? ticket.category).slice(0, 300);
  if (s.kind === 'give-up') {
    const paged = [...new Set(plan.flatMap((p) => (p.kind === 'page' ? p.targets.map((t) => t.name) : [])))];
    const t = escalationTexts(roster.locale);
    const gaveUp: TicketEdit = (tk) =>
      recordEvent(
        tk,
        entry(
          now,
          'managers',
          `nobody accepted in ${s.atMinutes} min: alerting the managers`,
          ESCALATION_EVENTS.gaveUp,
        ),
      );
    const topic = deps.alertTopicArn;
    if (!topic) {
      await deps.tickets.mutate(ticket.id, gaveUp, ticket);
      return done('nobody took it; no alert topic to tell the managers');
    }
    const alert: Page = {
      channel: 'alert',
      target: { name: 'managers', phone: 'topic' },
      send: () =>
        deps.notifier.email(
          topic,
          t.nobodySubject({ business: roster.businessName, ticketId: ticket.id }),
          t.nobodyText({
            business: roster.businessName,
            ticketId: ticket.id,
            minutes: s.atMinutes,
            paged: paged.join(', ') || 'nobody',
            summary,
          }),
        ),
    };
    const [alerted] = await deliverAll(ticket.id, s.step, [alert], deps, { read: ticket, first: gaveUp });
    if (alerted === 'failed') throw new ManagersNotAlertedError(ticket.id);
    return done('managers alerted: nobody took it');
  }
  const tx = escalationTexts(roster.locale);
  const p = { business: roster.businessName, ticketId: ticket.id, minutes: s.atMinutes, summary };
  const text =
    s.reason === 'first'
      ? messages(roster.locale).pageText({
          business: roster.businessName,
          ticketId: ticket.id,
          caller: ticket.callerPhone ?? 'unknown',
          callerName: ticket.callerName,
          summary,
        })
      : s.reason === 'repage'
        ? tx.repage(p)
        : tx.escalated(p);
  const dialer = deps.dialer;
  const pages: Page[] = s.targets.flatMap((target): Page[] => [
    { channel: 'sms', target, send: () => deps.notifier.sms(target.phone, text) },
    ...(dialer
      ? [
          {
            channel: 'call' as const,
            target,
            send: () =>
              dialer.call(target, {
                ticketId: ticket.id,
                ticketIdSpoken: speakableId(ticket.id),
                business: roster.businessName,
                summary: summary.slice(0, 200),
                pagedName: target.name,
                step: String(s.step),
              }),
          },
        ]
      : []),
  ]);
  await deliverAll(ticket.id, s.step, pages, deps, {
    read: ticket,
    ...(s.step > 0
      ? {
          first: (t: Ticket) =>
            recordEvent(t, entry(now, s.who, stepNote(s, ack), ESCALATION_EVENTS.step(s.step))),
        }
      : {}),
  });
  const next = plan[s.step + 1];
  if (!next) return done(`paged ${s.who}`);
  const due = createdAt.getTime() + next.atMinutes * 60_000;
  return {
    ticketId: ticket.id,
    step: next.step,
    done: false,
    waitSeconds: Math.max(0, Math.ceil((due - deps.now().getTime()) / 1000)),
    did: `paged ${s.who}`,
  };
}

// --- acceptance -------------------------------------------------------------------------------------

export interface AcceptInput {
  ticketId: string;
  /** Who pressed 1 (the paged person's name). */
  by: string;
  /** The outbound contact, so that a retried invocation records the acceptance once. */
  contactId: string;
}

export interface AcceptResult {
  result: 'ACCEPTED' | 'TAKEN' | 'NOT_FOUND';
  ticketId: string;
  /** Who has the ticket now. */
  takenBy: string;
}

/**
 * Records that the paged person accepted the ticket (pressed 1 on the page call): the escalation
 * stops at its next step, and an open ticket nobody owns becomes theirs (in progress). A ticket
 * someone else already took is reported as TAKEN, with who took it.
 */
export async function acceptPage(
  input: AcceptInput,
  deps: Pick<PagingDeps, 'tickets' | 'now'>,
): Promise<AcceptResult> {
  const now = deps.now();
  let takenBy = input.by;
  let already = false;
  const current = await deps.tickets.get(input.ticketId);
  if (!current) return { result: 'NOT_FOUND', ticketId: input.ticketId, takenBy: '' };
  await deps.tickets.mutate(
    input.ticketId,
    (t) => {
      const by = acknowledged(t);
      if (by) {
        takenBy = by;
        already = by !== input.by;
        return undefined;
      }
      takenBy = input.by;
      already = false;
      const accepted = recordEvent(t, {
        at: now.toISOString(),
        by: input.by,
        action: 'escalation',
        note: 'accepted the page (pressed 1 on the page call)',
        event: ESCALATION_EVENTS.accepted,
      })!;
      return t.status === 'open' && !t.owner
        ? applyStatus(
            accepted,
            'in_progress',
            input.by,
            now,
            'took the urgent page',
            `accept#${input.contactId}`,
          )
        : accepted;
    },
    current,
  );
  return { result: already ? 'TAKEN' : 'ACCEPTED', ticketId: input.ticketId, takenBy };
}
