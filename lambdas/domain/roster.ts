import { addDays, localTime, type Weekday, weekdayOf, zonedInstant } from './time.ts';

/** A shift as stored in the directory table (seeded from switchboard.yaml). */
export interface RosterShift {
  id: string;
  name: string;
  start: string;
  end: string;
  days?: Weekday[];
  agents: number;
  email?: string;
}

export interface OnCallEntry {
  shift: string;
  name: string;
  phone: string;
}

export interface SlaSettings {
  answerWithinSeconds: number;
  firstResponseMinutes: number;
  callbackWithinHours: number;
}

/**
 * Everything the call path needs about staffing, in one DynamoDB item so that `route` reads it with a
 * single request. Holidays are separate items keyed by date (one GetItem for "today").
 */
export interface Roster {
  businessName: string;
  timezone: string;
  locale: string;
  shifts: RosterShift[];
  onCall: OnCallEntry[];
  sla: SlaSettings;
  alertsSms: string[];
  smsConfirmation: boolean;
  categories: string[];
  transcribe: 'none' | 'afterHours' | 'all';
}

export interface Holiday {
  date: string;
  name: string;
}

/** One occurrence of a shift: the shift and the local date it started on. */
export interface ActiveShift {
  shift: RosterShift;
  /** Local date the occurrence started (a night shift that began yesterday keeps yesterday's date). */
  date: string;
  startsAt: Date;
  endsAt: Date;
}

export type Mode = 'open' | 'assistant';
export type ModeReason = 'open' | 'holiday' | 'closed' | 'unstaffed';

export interface Decision {
  mode: Mode;
  reason: ModeReason;
  localDate: string;
  active: ActiveShift | null;
  holiday: Holiday | null;
  onCall: OnCallEntry | null;
}

function toMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

function span(shift: RosterShift): { start: number; end: number; crosses: boolean } {
  const start = toMinutes(shift.start);
  const end = toMinutes(shift.end);
  return { start, end, crosses: end <= start };
}

function worksOn(shift: RosterShift, day: Weekday): boolean {
  return !shift.days || shift.days.includes(day);
}

function occurrence(shift: RosterShift, date: string, tz: string): ActiveShift {
  const { start, end, crosses } = span(shift);
  return {
    shift,
    date,
    startsAt: zonedInstant(date, start, tz),
    endsAt: crosses ? zonedInstant(addDays(date, 1), end, tz) : zonedInstant(date, end, tz),
  };
}

/** The shift occurrence on at `instant` in the roster's time zone, or null in a gap. */
export function activeShift(roster: Pick<Roster, 'shifts' | 'timezone'>, instant: Date): ActiveShift | null {
  const now = localTime(instant, roster.timezone);
  const yesterday = addDays(now.date, -1);
  for (const shift of roster.shifts) {
    const { start, end, crosses } = span(shift);
    if (worksOn(shift, now.day) && now.minutes >= start && (crosses || now.minutes < end))
      return occurrence(shift, now.date, roster.timezone);
    if (crosses && worksOn(shift, weekdayOf(yesterday)) && now.minutes < end)
      return occurrence(shift, yesterday, roster.timezone);
  }
  return null;
}

/** The shift whose hours cover this time of day, ignoring its days: whose on-call person covers a gap. */
function shiftByTimeOfDay(roster: Pick<Roster, 'shifts' | 'timezone'>, instant: Date): RosterShift | null {
  const { minutes } = localTime(instant, roster.timezone);
  for (const shift of roster.shifts) {
    const { start, end, crosses } = span(shift);
    if (crosses ? minutes >= start || minutes < end : minutes >= start && minutes < end) return shift;
  }
  return null;
}

/**
 * Who is on call at an instant: the on-call person of the shift that is on; on a holiday or a day the
 * shift does not work, the person of the shift whose hours cover this time of day; else nobody.
 */
export function onCallAt(
  roster: Pick<Roster, 'shifts' | 'timezone' | 'onCall'>,
  instant: Date,
): OnCallEntry | null {
  const active = activeShift(roster, instant);
  const byShift = (id: string | undefined) => roster.onCall.find((o) => o.shift === id) ?? null;
  return byShift(active?.shift.id) ?? byShift(shiftByTimeOfDay(roster, instant)?.id);
}

/** Whether a person answers now, and why not when nobody does. */
export function decide(roster: Roster, holiday: Holiday | null, instant: Date): Decision {
  const { date } = localTime(instant, roster.timezone);
  const active = activeShift(roster, instant);
  const onCall = onCallAt(roster, instant);
  const base = { localDate: date, active, holiday, onCall };
  if (holiday) return { ...base, mode: 'assistant', reason: 'holiday' };
  if (!active) return { ...base, mode: 'assistant', reason: 'closed' };
  if (active.shift.agents <= 0) return { ...base, mode: 'assistant', reason: 'unstaffed' };
  return { ...base, mode: 'open', reason: 'open' };
}

/** The next shift occurrence that starts at or after `instant` (within a week). */
export function nextShift(roster: Pick<Roster, 'shifts' | 'timezone'>, instant: Date): ActiveShift | null {
  const { date } = localTime(instant, roster.timezone);
  let best: ActiveShift | null = null;
  for (let d = 0; d <= 7; d++) {
    const day = addDays(date, d);
    for (const shift of roster.shifts) {
      if (!worksOn(shift, weekdayOf(day))) continue;
      const occ = occurrence(shift, day, roster.timezone);
      if (occ.startsAt.getTime() >= instant.getTime() && (!best || occ.startsAt < best.startsAt)) best = occ;
    }
    if (best) return best;
  }
  return best;
}

/** The most recent occurrence of a shift that ended at or before `instant`. */
export function lastEndedOccurrence(
  roster: Pick<Roster, 'shifts' | 'timezone'>,
  shiftId: string,
  instant: Date,
): ActiveShift | null {
  const shift = roster.shifts.find((s) => s.id === shiftId);
  if (!shift) return null;
  const { date } = localTime(instant, roster.timezone);
  for (let d = 0; d <= 8; d++) {
    const day = addDays(date, -d);
    if (!worksOn(shift, weekdayOf(day))) continue;
    const occ = occurrence(shift, day, roster.timezone);
    // A minute of slack: the schedule may fire a moment before the wall clock reaches the end.
    if (occ.endsAt.getTime() <= instant.getTime() + 60_000) return occ;
  }
  return null;
}

/** Key of a shift occurrence, used to file tickets by the shift on duty when they were created. */
export function shiftKey(active: ActiveShift | null, localDate: string): string {
  return active ? `${active.shift.id}@${active.date}` : `after-hours@${localDate}`;
}
