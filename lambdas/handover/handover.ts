import { z } from 'zod';
import { formatPhone, maskPhone } from '#domain/phone.ts';
import type { TicketStore } from '#domain/repositories.ts';
import {
  type ActiveShift,
  lastEndedOccurrence,
  type Roster,
  shiftEndsBetween,
  shiftKey,
  successor,
} from '#domain/roster.ts';
import { isOverdue, type Ticket } from '#domain/tickets.ts';
import { speakableTime } from '#domain/time.ts';
import { NotSeededError } from '#shared/errors.ts';
import type { HandoverLedger } from './sent.ts';
import { handoverTexts } from './texts.ts';

/**
 * How often the handover schedule runs, in UTC (EventBridge Scheduler `cron(0/5 * * * ? *)`), and so
 * the window each run covers. A UTC schedule fires on every day whatever the DST change in the business
 * zone (a cron in a zone skips a run whose local time does not exist), and windows that tile the
 * timeline see every shift end exactly once.
 */
export const HANDOVER_EVERY_MINUTES = 5;

/** A handover asked for a shift the roster does not have. */
export class UnknownShiftError extends Error {
  constructor(
    readonly shiftId: string,
    readonly known: string[],
  ) {
    super(`"${shiftId.slice(0, 40)}" is not a shift of the roster; use one of: ${known.join(', ')}`);
    this.name = 'UnknownShiftError';
  }
}

/**
 * What the handover function accepts:
 * - from the schedule, `{ "scheduledTime": "<aws.scheduler.scheduled-time>" }`: every shift that ended in
 *   (scheduledTime - window, scheduledTime] is handed over (none: nothing is sent). A retry carries the
 *   same scheduled time, so it covers the same window;
 * - by hand, `{ "shiftId": "day" }`: the most recent end of that shift, or `{}`: the most recent end of any
 *   shift, at the time of the run.
 */
export const handoverInput = z.strictObject({
  shiftId: z.string().min(1).max(40).optional(),
  // A real instant in the years a schedule can fire (new Date() would roll 2026-02-30 over to March).
  scheduledTime: z.iso
    .datetime({ offset: true })
    .refine((t) => {
      const d = new Date(t);
      const y = d.getUTCFullYear();
      return (
        !Number.isNaN(d.getTime()) &&
        y >= 2000 &&
        y <= 2999 &&
        d.toISOString().slice(0, 10) === t.slice(0, 10)
      );
    })
    .optional(),
  windowMinutes: z.number().int().min(1).max(60).default(HANDOVER_EVERY_MINUTES),
});
export type HandoverInput = z.input<typeof handoverInput>;

export interface HandoverDeps {
  roster(): Promise<Roster | undefined>;
  /** `listOpen` returns every open ticket (all pages), never a first page only. */
  tickets: Pick<TicketStore, 'listOpen'>;
  email(subject: string, text: string): Promise<void>;
  now: Date;
  /** Addresses the handover reaches (the handover topic's subscribers); reported, not used to send. */
  recipients?: string[];
  /** Handovers already sent, by shift occurrence: a retried scheduled run sends each once. */
  ledger?: HandoverLedger;
}

export interface HandoverTicket {
  id: string;
  priority: Ticket['priority'];
  category: string;
  status: Ticket['status'];
  /** Shift occurrence the ticket was taken in (`night@2026-11-23`). */
  shift: string;
  dueAt: string;
  overdue: boolean;
  /** Masked (+131******03) for logs; `unknown` for a withheld caller. The e-mail has the full number. */
  caller: string;
}

export interface HandoverReport {
  /** Id of the shift actually ending. */
  from: string;
  /** Id of the shift actually starting (or the next to start after a gap in the roster); '' if none. */
  to: string;
  /** When the ended shift ended (UTC, ISO 8601). */
  at: string;
  /** When the handover was worked out (UTC, ISO 8601): the run time. */
  ranAt: string;
  /** Occurrence keys: `swing@2026-10-31`. */
  endedShift: string;
  nextShift: string;
  tickets: HandoverTicket[];
  recipients: string[];
  open: number;
  fromThisShift: number;
  urgent: number;
  overdue: number;
  byCategory: Record<string, number>;
  subject: string;
  text: string;
}

/** The addresses subscribed to the handover topic: the alert e-mails and every shift's team address. */
export function handoverRecipients(alertEmails: string[], shifts: Array<{ email?: string }>): string[] {
  return [...new Set([...alertEmails, ...shifts.flatMap((s) => (s.email ? [s.email] : []))])];
}

/** The shift occurrences one run hands over, oldest first. */
export function endedShifts(roster: Roster, input: z.output<typeof handoverInput>, now: Date): ActiveShift[] {
  if (input.scheduledTime) {
    const upTo = new Date(input.scheduledTime);
    const after = new Date(upTo.getTime() - input.windowMinutes * 60_000);
    return shiftEndsBetween(roster, after, upTo, input.shiftId);
  }
  const last = lastEndedOccurrence(roster, input.shiftId, now);
  return last ? [last] : [];
}

const rank = (t: Ticket) => (t.priority === 'urgent' ? 0 : 1);

/**
 * The handover of one ended shift occurrence: every ticket still open goes to the shift that takes over,
 * urgent first, then by promised time, with counts by category and overdue callbacks flagged. Tickets
 * taken by the assistant out of hours (the night's messages) are part of it. Texts are in the business
 * locale and name shifts by their names. The e-mail goes to staff only (the handover topic's
 * subscribers), who must call these people back: it carries the full numbers; the report's `tickets`
 * (what the function logs) keep them masked. Pure: no I/O.
 */
export function planHandover(
  roster: Roster,
  ended: ActiveShift,
  openTickets: Ticket[],
  now: Date,
  recipients: string[] = [],
): HandoverReport {
  const tx = handoverTexts(roster.locale);
  const next = successor(roster, ended);
  const endedKey = shiftKey(ended, ended.date);
  const open = [...openTickets].sort((a, b) => rank(a) - rank(b) || a.dueAt.localeCompare(b.dueAt));
  const byCategory: Record<string, number> = {};
  for (const t of open) byCategory[t.category] = (byCategory[t.category] ?? 0) + 1;
  const overdue = open.filter((t) => isOverdue(t, now));
  const when = (d: Date) => speakableTime(d, roster.timezone, roster.locale);
  const lines = open.map((t) => {
    const flags = [
      t.priority === 'urgent' ? tx.flags.urgent : '',
      isOverdue(t, now) ? tx.flags.overdue : '',
      t.shift === endedKey ? tx.flags.thisShift : tx.flags.fromShift(shiftLabel(roster, t.shift)),
    ]
      .filter(Boolean)
      .join(', ');
    const line = tx.line({
      id: t.id,
      flags,
      category: t.category,
      status: t.status,
      ...(t.owner ? { owner: t.owner } : {}),
      caller: t.callerPhone ? formatPhone(t.callerPhone) : tx.withheld,
      ...(t.callerName ? { callerName: t.callerName } : {}),
      ...(t.callbackNumber && t.callbackNumber !== t.callerPhone
        ? { callback: formatPhone(t.callbackNumber) }
        : {}),
      due: when(new Date(t.dueAt)),
    });
    return t.message ? `${line}\n    "${t.message.slice(0, 200)}"` : line;
  });
  const counts = Object.entries(byCategory)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([c, n]) => `${c}: ${n}`)
    .join(', ');
  const fromName = ended.shift.name;
  const toName = next?.shift.name ?? tx.nextShift;
  const text = [
    tx.heading({ from: fromName, to: toName, ...(next ? { starts: when(next.startsAt) } : {}) }),
    open.length === 0
      ? tx.nothingOpen
      : tx.summary({
          open: open.length,
          urgent: open.filter((t) => t.priority === 'urgent').length,
          overdue: overdue.length,
          counts,
        }),
    '',
    ...lines,
  ].join('\n');
  return {
    from: ended.shift.id,
    to: next?.shift.id ?? '',
    at: ended.endsAt.toISOString(),
    ranAt: now.toISOString(),
    endedShift: endedKey,
    nextShift: next ? shiftKey(next, next.date) : '',
    tickets: open.map((t) => ({
      id: t.id,
      priority: t.priority,
      category: t.category,
      status: t.status,
      shift: t.shift,
      dueAt: t.dueAt,
      overdue: isOverdue(t, now),
      caller: maskPhone(t.callerPhone),
    })),
    recipients,
    open: open.length,
    fromThisShift: open.filter((t) => t.shift === endedKey).length,
    urgent: open.filter((t) => t.priority === 'urgent').length,
    overdue: overdue.length,
    byCategory,
    subject: tx.subject({ business: roster.businessName, from: fromName, to: toName }),
    text,
  };
}

/**
 * One run of the handover function: works out which shifts ended (see `handoverInput`) and e-mails one
 * handover per ended shift. Returns the reports, oldest first; none when no shift ended in the window.
 * Throws `NotSeededError` when the directory has no roster, `UnknownShiftError` for a shift id the roster
 * does not have (a typo would otherwise hand over nothing, silently).
 */
export async function runHandover(input: HandoverInput, deps: HandoverDeps): Promise<HandoverReport[]> {
  const roster = await deps.roster();
  if (!roster) throw new NotSeededError();
  if (input.shiftId !== undefined && !roster.shifts.some((s) => s.id === input.shiftId))
    throw new UnknownShiftError(
      input.shiftId,
      roster.shifts.map((s) => s.id),
    );
  const parsed = handoverInput.parse(input);
  const ended = endedShifts(roster, parsed, deps.now);
  if (ended.length === 0) return [];
  const open = await deps.tickets.listOpen();
  const reports = ended.map((o) => planHandover(roster, o, open, deps.now, deps.recipients));
  const sent: HandoverReport[] = [];
  for (const r of reports) {
    // Scheduled runs are retried with the same scheduled time: each shift occurrence is sent once.
    const ledger = parsed.scheduledTime ? deps.ledger : undefined;
    if (ledger && !(await ledger.claim(r.endedShift, deps.now))) continue;
    try {
      await deps.email(r.subject, r.text);
    } catch (err) {
      await ledger?.release(r.endedShift);
      throw err;
    }
    sent.push(r);
  }
  return sent;
}

/** `night@2026-11-23` as staff read it: `Night (2026-11-23)`; `after-hours@...` stays as it is. */
export function shiftLabel(roster: Pick<Roster, 'shifts'>, key: string): string {
  const [id, date] = key.split('@');
  const shift = roster.shifts.find((s) => s.id === id);
  return shift && date ? `${shift.name} (${date})` : key;
}
