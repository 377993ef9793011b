import type { TicketStore } from '#domain/repositories.ts';
import { lastEndedOccurrence, nextShift, type Roster, shiftKey } from '#domain/roster.ts';
import { isOverdue, maskPhone, type Ticket } from '#domain/tickets.ts';
import { speakableTime } from '#domain/time.ts';
import { NotSeededError } from '#shared/errors.ts';
import { messages } from '#shared/messages.ts';

export interface HandoverDeps {
  roster(): Promise<Roster | undefined>;
  /** `listOpen` returns every open ticket (all pages), never a first page only. */
  tickets: Pick<TicketStore, 'listOpen'>;
  email(subject: string, text: string): Promise<void>;
  now: Date;
}

export interface HandoverReport {
  endedShift: string;
  nextShift: string;
  open: number;
  fromThisShift: number;
  urgent: number;
  overdue: number;
  byCategory: Record<string, number>;
  subject: string;
  text: string;
}

const rank = (t: Ticket) => (t.priority === 'urgent' ? 0 : 1);

/**
 * At a shift's end: every ticket still open goes to the next shift, urgent first, then by promised
 * time, with counts by category and overdue callbacks flagged. Tickets taken by the assistant out of
 * hours (the night's messages) are part of it, so the morning shift inherits them.
 */
export async function handover(shiftId: string, deps: HandoverDeps): Promise<HandoverReport> {
  const roster = await deps.roster();
  if (!roster) throw new NotSeededError();
  const ended = lastEndedOccurrence(roster, shiftId, deps.now);
  const next = nextShift(roster, deps.now);
  const endedKey = ended ? shiftKey(ended, ended.date) : '';
  const open = (await deps.tickets.listOpen()).sort(
    (a, b) => rank(a) - rank(b) || a.dueAt.localeCompare(b.dueAt),
  );
  const byCategory: Record<string, number> = {};
  for (const t of open) byCategory[t.category] = (byCategory[t.category] ?? 0) + 1;
  const overdue = open.filter((t) => isOverdue(t, deps.now));
  const when = (iso: string) => speakableTime(new Date(iso), roster.timezone, roster.locale);
  const endedName = ended?.shift.name ?? shiftId;
  const nextName = next?.shift.name ?? 'next shift';
  const lines = open.map((t) => {
    const flags = [
      t.priority === 'urgent' ? 'URGENT' : '',
      isOverdue(t, deps.now) ? 'OVERDUE' : '',
      t.shift === endedKey ? 'this shift' : `from ${t.shift}`,
    ]
      .filter(Boolean)
      .join(', ');
    return `- ${t.id} [${flags}] ${t.category}, ${t.status}${t.owner ? `, owner ${t.owner}` : ''}, caller ${maskPhone(t.callerPhone)}${t.callerName ? ` (${t.callerName})` : ''}, callback due ${when(t.dueAt)}${t.message ? `\n    "${t.message.slice(0, 200)}"` : ''}`;
  });
  const counts = Object.entries(byCategory)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([c, n]) => `${c}: ${n}`)
    .join(', ');
  const text = [
    `Handover from ${endedName} to ${nextName}${next ? ` (starts ${when(next.startsAt.toISOString())})` : ''}.`,
    open.length === 0
      ? 'No tickets are open. Nothing to hand over.'
      : `${open.length} open ticket(s): ${open.filter((t) => t.priority === 'urgent').length} urgent, ${overdue.length} overdue. By category: ${counts}.`,
    '',
    ...lines,
  ].join('\n');
  const subject = messages(roster.locale).handoverSubject({
    business: roster.businessName,
    from: shiftId,
    to: next?.shift.id ?? 'next',
  });
  await deps.email(subject, text);
  return {
    endedShift: endedKey || shiftId,
    nextShift: next ? shiftKey(next, next.date) : '',
    open: open.length,
    fromThisShift: open.filter((t) => t.shift === endedKey).length,
    urgent: open.filter((t) => t.priority === 'urgent').length,
    overdue: overdue.length,
    byCategory,
    subject,
    text,
  };
}
