import { activeClosure, type Override, onCallFor, whoIsOnCall } from '#domain/overrides.ts';
import { decide, type Holiday, type Roster } from '#domain/roster.ts';
import { localTime, weekdayOf } from '#domain/time.ts';
import type { RosterToday } from './api-types.ts';

export type { RosterToday } from './api-types.ts';

/**
 * Today's shifts, agents and on-call from the roster (the config), with the console's overrides
 * applied the way `route` applies them on the next call.
 */
export function rosterToday(
  roster: Roster,
  holiday: Holiday | null,
  overrides: Override[],
  now: Date,
): RosterToday {
  const { date } = localTime(now, roster.timezone);
  const d = decide(roster, holiday, now);
  const closure = activeClosure(overrides, now);
  const person = (p: ReturnType<typeof whoIsOnCall>) =>
    p ? { name: p.name, phone: p.phone, swapped: p.swapped } : null;
  const personFor = (shift: string, day: string) => person(onCallFor(roster, overrides, shift, day));
  const nowOnCall = person(whoIsOnCall(roster, overrides, now));
  return {
    date,
    timezone: roster.timezone,
    now: {
      mode: closure ? 'assistant' : d.mode,
      reason: closure ? 'override' : d.reason,
      shift: d.active?.shift.id ?? null,
      agents: closure || holiday ? 0 : (d.active?.shift.agents ?? 0),
      onCall: nowOnCall,
      closedReason: closure?.reason ?? null,
    },
    shifts: roster.shifts.map((s) => ({
      id: s.id,
      name: s.name,
      start: s.start,
      end: s.end,
      agents: s.agents,
      worksToday: !s.days || s.days.includes(weekdayOf(date)),
      onShiftNow: d.active?.shift.id === s.id,
      onCall: personFor(s.id, d.active?.shift.id === s.id ? d.active.date : date),
    })),
    holiday,
    overrides,
  };
}
