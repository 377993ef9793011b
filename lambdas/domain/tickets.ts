import { createHash } from 'node:crypto';
import { callbackDue, type Holiday, type Roster, type SlaSettings } from './roster.ts';
import type { TicketHistoryEntry } from './ticket-history.ts';

export const STATUSES = ['open', 'in_progress', 'resolved', 'closed'] as const;
export type TicketStatus = (typeof STATUSES)[number];
export type Priority = 'normal' | 'urgent';

export type { TicketHistoryEntry } from './ticket-history.ts';

export interface Ticket {
  id: string;
  contactId: string;
  callerPhone?: string;
  callerName?: string;
  category: string;
  priority: Priority;
  status: TicketStatus;
  /** First-contact ownership: set once, by the first person who takes the ticket; kept until closed. */
  owner?: string;
  /** Shift occurrence on duty at creation (`day@2026-11-23`, or `after-hours@2026-11-23`). */
  shift: string;
  createdAt: string;
  updatedAt: string;
  firstResponseDueAt: string;
  /** The callback promised to the caller (urgent: the first-response time). */
  dueAt: string;
  message?: string;
  /** The caller hung up while leaving the message: `message` holds only what was said until then. */
  partial?: boolean;
  transcript?: string;
  recordingKey?: string;
  callbackNumber?: string;
  csat?: number;
  source: 'assistant' | 'agent' | 'callback' | 'ivr';
  history: TicketHistoryEntry[];
  /**
   * Optimistic-locking counter: 1 when created, +1 on every saved change. A write names the version it
   * read and fails if the stored one differs. Items written before versions existed read as 0.
   */
  version: number;
}

/** Crockford base32 without I, L, O, U: easy to read back on the phone. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A short ticket id derived from the Connect ContactId, so that creating a ticket twice for one contact
 * yields the same id (idempotent without transactions). `attempt` resolves the rare collision.
 */
export function ticketIdFor(contactId: string, attempt = 0): string {
  const digest = createHash('sha256').update(`${contactId}#${attempt}`).digest();
  let id = '';
  for (let i = 0; i < 6; i++) id += ALPHABET[digest[i]! % 32];
  return `T-${id}`;
}

/** How a ticket id is read to a caller: character by character. */
export function speakableId(id: string): string {
  return id.replace(/^T-/, '').split('').join(' ');
}

/**
 * When a ticket is due, as ISO-8601 UTC instants. Urgent: the first response within
 * `sla.firstResponseMinutes`, around the clock (the on-call person is paged). Normal: the callback
 * promise, which `callbackDue` (roster.ts) places inside staffed time when the `staffed` calendar (the
 * roster and the holidays) is given; without it, `callbackWithinHours` after `createdAt`.
 */
export function dueTimes(
  sla: SlaSettings,
  createdAt: Date,
  priority: Priority,
  staffed?: {
    roster: Pick<Roster, 'shifts' | 'timezone'>;
    holidays: ReadonlyArray<Pick<Holiday, 'date'>>;
  },
): { firstResponseDueAt: string; dueAt: string } {
  const firstResponse = new Date(createdAt.getTime() + sla.firstResponseMinutes * 60_000);
  const callback = staffed
    ? callbackDue(staffed.roster, staffed.holidays, createdAt, sla.callbackWithinHours)
    : new Date(createdAt.getTime() + sla.callbackWithinHours * 3_600_000);
  return {
    firstResponseDueAt: firstResponse.toISOString(),
    dueAt: (priority === 'urgent' ? firstResponse : callback).toISOString(),
  };
}

const ALLOWED: Record<TicketStatus, TicketStatus[]> = {
  open: ['in_progress', 'resolved'],
  in_progress: ['resolved', 'open'],
  resolved: ['closed', 'in_progress'],
  closed: [],
};

export class InvalidTransitionError extends Error {
  constructor(
    readonly from: TicketStatus,
    readonly to: TicketStatus,
  ) {
    super(
      `a ticket cannot go from ${from} to ${to}; allowed from ${from}: ${ALLOWED[from].join(', ') || 'nothing (closed)'}`,
    );
    this.name = 'InvalidTransitionError';
  }
}

export class OwnershipError extends Error {
  constructor(
    readonly owner: string,
    readonly by: string,
  ) {
    super(`ticket is owned by ${owner}; ${by} cannot change it (reassign it first)`);
    this.name = 'OwnershipError';
  }
}

export function canTransition(from: TicketStatus, to: TicketStatus): boolean {
  return ALLOWED[from].includes(to);
}

export function isOpen(status: TicketStatus): boolean {
  return status === 'open' || status === 'in_progress';
}

/**
 * Applies a status change by `by`; the first person to take the ticket becomes its owner. `event`
 * keys the status entry when the change comes from a Lambda that may be retried.
 * @throws InvalidTransitionError, OwnershipError
 */
export function applyStatus(
  ticket: Ticket,
  to: TicketStatus,
  by: string,
  at: Date,
  note?: string,
  event?: string,
): Ticket {
  if (!canTransition(ticket.status, to)) throw new InvalidTransitionError(ticket.status, to);
  if (ticket.owner && ticket.owner !== by) throw new OwnershipError(ticket.owner, by);
  const when = at.toISOString();
  const history: TicketHistoryEntry[] = [...ticket.history];
  const owner = ticket.owner ?? by;
  if (!ticket.owner) history.push({ at: when, by, action: 'owner', to: by });
  history.push({
    at: when,
    by,
    action: 'status',
    from: ticket.status,
    to,
    ...(note ? { note } : {}),
    ...(event ? { event } : {}),
  });
  return { ...ticket, status: to, owner, updatedAt: when, history };
}

/** True when the ticket already records the event `event` (see `TicketHistoryEntry.event`). */
export function hasEvent(ticket: Pick<Ticket, 'history'>, event: string): boolean {
  return ticket.history.some((h) => h.event === event);
}

/**
 * Applies `patch` and appends `entry` once per event: returns `undefined` (nothing to write) when the
 * ticket already records `entry.event`, so a retried Lambda does not append twice.
 */
export function recordEvent(
  ticket: Ticket,
  entry: TicketHistoryEntry & { event: string },
  patch: Partial<Omit<Ticket, 'id' | 'contactId' | 'history' | 'version'>> = {},
): Ticket | undefined {
  if (hasEvent(ticket, entry.event)) return undefined;
  return { ...ticket, ...patch, updatedAt: entry.at, history: [...ticket.history, entry] };
}

export function isOverdue(ticket: Pick<Ticket, 'dueAt' | 'status'>, now: Date): boolean {
  return isOpen(ticket.status) && Date.parse(ticket.dueAt) < now.getTime();
}

/** Masks a phone number for logs and e-mails (defined with the other phone rules). */
export { maskPhone } from './phone.ts';
