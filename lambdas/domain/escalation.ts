/**
 * Urgent escalation (issue 11): who is paged when, until someone accepts. Pure: the plan is worked out
 * from the roster and the ticket's creation time, and the progress is read back from the ticket's
 * history (event-keyed entries), so a retried or repeated step never pages twice and every step is on
 * the ticket for the team to see.
 *
 * The steps for the default policy (`ackWithinMinutes` 5, `repages` 1, `escalateTo` [next-on-call,
 * alerts.sms]), in minutes after the ticket was created:
 *
 *   0  page the on-call person (SMS; in AWS also a call: "press 1 to accept")
 *   5  no acceptance: page them again
 *  10  still none: page the on-call person of the next shift
 *  15  still none: page every number in alerts.sms
 *  20  still none: alert the managers (the alert topic) that nobody took it; the escalation ends
 *
 * A target that resolves to nobody (no next on-call, an empty alerts.sms) or only to numbers already
 * paged is skipped, so the chain moves on instead of paging the same phone twice.
 */

import { type Override, onCallFor, whoIsOnCall } from './overrides.ts';
import {
  type ActiveShift,
  activeShift,
  type EscalationPolicy,
  nextShift,
  type OnCallEntry,
  type Roster,
  successor,
} from './roster.ts';
import type { Ticket, TicketHistoryEntry } from './tickets.ts';

/** Config `escalation` defaults (config/schema.ts), for rosters seeded before the section existed. */
export const DEFAULT_ESCALATION: EscalationPolicy = {
  ackWithinMinutes: 5,
  repages: 1,
  escalateTo: ['next-on-call', 'alerts.sms'],
};

/** A person (or an alert-list number) a page goes to. */
export interface PageTarget {
  name: string;
  phone: string;
}

export type EscalationStep =
  | {
      /** Index in the plan (0: the first page). */
      step: number;
      /** Minutes after the ticket was created. */
      atMinutes: number;
      kind: 'page';
      reason: 'first' | 'repage' | 'escalate';
      /** Who, in words: "Priya Raman (on call)". */
      who: string;
      targets: PageTarget[];
    }
  | { step: number; atMinutes: number; kind: 'give-up' };

/**
 * The on-call person of the next shift (after the one on at `at`) with someone else on call, if any;
 * the console's on-call swap for that shift occurrence wins over the config's person.
 */
export function nextOnCall(
  roster: Roster,
  at: Date,
  current: OnCallEntry | null,
  overrides: readonly Override[] = [],
): OnCallEntry | null {
  const onCallOf = (o: ActiveShift) => onCallFor(roster, overrides, o.shift.id, o.date);
  let occurrence = activeShift(roster, at) ?? nextShift(roster, at);
  if (occurrence && occurrence.startsAt > at) {
    // Nobody's shift is on: the next to start is the "next" one.
    const first = onCallOf(occurrence);
    if (first && first.phone !== current?.phone) return first;
  }
  for (let i = 0; i < 14 && occurrence; i++) {
    occurrence = successor(roster, occurrence);
    if (!occurrence) break;
    const o = onCallOf(occurrence);
    if (o && o.phone !== current?.phone) return o;
  }
  return null;
}

/**
 * The steps of the escalation of an urgent ticket created at `createdAt` (see the module comment).
 * The first page goes to the on-call person (`whoIsOnCall`: the config with the console's swaps in
 * `overrides`), or to alerts.sms when nobody is on call.
 */
export function escalationPlan(
  roster: Roster,
  createdAt: Date,
  overrides: readonly Override[] = [],
): EscalationStep[] {
  const policy = roster.escalation ?? DEFAULT_ESCALATION;
  const ack = policy.ackWithinMinutes;
  const onCall = whoIsOnCall(roster, overrides, createdAt);
  const alerts = roster.alertsSms.map((phone) => ({ name: 'alert list', phone }));
  const steps: EscalationStep[] = [];
  const paged = new Set<string>();
  const page = (reason: 'first' | 'repage' | 'escalate', who: string, targets: PageTarget[]) => {
    const fresh = reason === 'repage' ? targets : targets.filter((t) => !paged.has(t.phone));
    if (fresh.length === 0) return;
    for (const t of fresh) paged.add(t.phone);
    steps.push({
      step: steps.length,
      atMinutes: steps.length * ack,
      kind: 'page',
      reason,
      who,
      targets: fresh,
    });
  };
  const first = onCall ? [{ name: onCall.name, phone: onCall.phone }] : alerts;
  const firstWho = onCall ? `${onCall.name} (on call)` : 'the alert list (nobody on call)';
  page('first', firstWho, first);
  if (steps.length > 0) for (let i = 0; i < policy.repages; i++) page('repage', firstWho, first);
  for (const target of policy.escalateTo) {
    if (target === 'next-on-call') {
      const next = nextOnCall(roster, createdAt, onCall, overrides);
      if (next) page('escalate', `${next.name} (next on call)`, [{ name: next.name, phone: next.phone }]);
    } else if (target === 'alerts.sms') page('escalate', 'the alert list', alerts);
    else page('escalate', target.name, [target]);
  }
  steps.push({ step: steps.length, atMinutes: steps.length * ack, kind: 'give-up' });
  return steps;
}

// --- progress, from the ticket's history ----------------------------------------------------------

/** History event keys: every entry an escalation writes has one, so a retry records it once. */
export const ESCALATION_EVENTS = {
  started: 'esc#started',
  accepted: 'esc#accepted',
  stopped: 'esc#stopped',
  gaveUp: 'esc#gave-up',
  step: (step: number) => `esc#${step}`,
  /** A delivery (one channel to one number in one step); attempts are `<key>#<n>`. */
  delivery: (step: number, channel: 'sms' | 'call' | 'alert', to: string) => `esc#${step}#${channel}#${to}`,
} as const;

/** How long a claimed delivery without an outcome counts as in flight (then a retry may send again). */
export const IN_FLIGHT_MS = 60_000;

export interface DeliveryState {
  /** Attempts claimed so far. */
  attempts: number;
  sent: boolean;
  /** The last attempt was claimed less than IN_FLIGHT_MS ago and has no outcome yet. */
  inFlight: boolean;
  failures: number;
}

/** What the history says about one delivery (see `ESCALATION_EVENTS.delivery`). */
export function deliveryState(ticket: Pick<Ticket, 'history'>, key: string, now: Date): DeliveryState {
  const claims = ticket.history.filter(
    (h) => h.event?.startsWith(`${key}#`) && /^\d+$/.test(h.event.slice(key.length + 1)),
  );
  const outcome = (n: number, what: string) => ticket.history.some((h) => h.event === `${key}#${n}#${what}`);
  const attempts = claims.length;
  const sent = claims.some((_, i) => outcome(i + 1, 'sent'));
  const failures = claims.filter((_, i) => outcome(i + 1, 'failed')).length;
  const last = claims.at(-1);
  const inFlight =
    !!last &&
    !outcome(attempts, 'sent') &&
    !outcome(attempts, 'failed') &&
    now.getTime() - Date.parse(last.at) < IN_FLIGHT_MS;
  return { attempts, sent, inFlight, failures };
}

/**
 * Whether someone took the ticket: accepted a page ("press 1"), or an agent or the console took it
 * (an owner, or a status other than open). Either stops the escalation.
 */
export function acknowledged(ticket: Pick<Ticket, 'history' | 'status' | 'owner'>): string | null {
  const accepted = ticket.history.find((h) => h.event === ESCALATION_EVENTS.accepted);
  if (accepted) return accepted.by;
  if (ticket.owner) return ticket.owner;
  if (ticket.status !== 'open') return 'the team';
  return null;
}

/** The escalation entries of a ticket's history, in order (for the console, `call` and tests). */
export function escalationHistory(ticket: Pick<Ticket, 'history'>): TicketHistoryEntry[] {
  return ticket.history.filter((h) => h.action === 'escalation');
}
