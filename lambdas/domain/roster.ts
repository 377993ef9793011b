import { addDays, localTime, minutesOfDay, type Weekday, weekdayOf, zonedInstant } from './time.ts';

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
  /** The config's name of a menu category (its menu entry's label), by id; absent in older items. */
  categoryLabels?: Record<string, string>;
  transcribe: 'none' | 'afterHours' | 'all';
  /** Where and how often the line texts and calls back (sms-policy.ts); absent in rosters seeded before it. */
  outbound?: { countries: string[]; perNumberPerDay: number };
  /** escalation (issue 11): how an urgent page is followed up; absent in items seeded before it (defaults apply). */
  escalation?: EscalationPolicy;
}

/** A person to page beyond the on-call rota (config `escalation.escalateTo`). */
export interface EscalationPerson {
  name: string;
  phone: string;
}

/** Config `escalation`, as seeded (see lambdas/domain/escalation.ts for the steps it gives). */
export interface EscalationPolicy {
  ackWithinMinutes: number;
  repages: number;
  escalateTo: Array<'next-on-call' | 'alerts.sms' | EscalationPerson>;
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

function worksOn(shift: RosterShift, day: Weekday): boolean {
  return !shift.days || shift.days.includes(day);
}

/**
 * The occurrence of a shift that starts on local `date`. Both ends are instants from `zonedInstant`
 * (first occurrence in a fold, first valid instant after a gap), so consecutive shifts meet at one
 * instant and a boundary is crossed once, whatever the DST change. A shift whose end is not after its
 * start crosses midnight; `24:00` is the next midnight.
 */
export function occurrence(shift: RosterShift, date: string, tz: string): ActiveShift {
  const start = minutesOfDay(shift.start);
  const end = minutesOfDay(shift.end);
  return {
    shift,
    date,
    startsAt: zonedInstant(date, start, tz),
    endsAt: zonedInstant(date, end <= start ? end + 1440 : end, tz),
  };
}

const contains = (o: ActiveShift, t: number) => o.startsAt.getTime() <= t && t < o.endsAt.getTime();

/**
 * Occurrences that can contain `instant`: a shift lasts at most a day, so it started on the local date
 * of the instant or the day before (one more day back covers a date moved by a DST change).
 */
function candidates(
  roster: Pick<Roster, 'shifts' | 'timezone'>,
  instant: Date,
  anyDay: boolean,
): ActiveShift[] {
  const { date } = localTime(instant, roster.timezone);
  const out: ActiveShift[] = [];
  for (const d of [0, -1, -2]) {
    const day = addDays(date, d);
    for (const shift of roster.shifts)
      if (anyDay || worksOn(shift, weekdayOf(day))) out.push(occurrence(shift, day, roster.timezone));
  }
  return out;
}

/**
 * The shift occurrence on at `instant` (start inclusive, end exclusive), or null when no shift is on.
 * Membership is decided on instants, never on wall-clock minutes, so the repeated hour of a fold
 * belongs to the shift that holds it the second time round too.
 */
export function activeShift(roster: Pick<Roster, 'shifts' | 'timezone'>, instant: Date): ActiveShift | null {
  const t = instant.getTime();
  return candidates(roster, instant, false).find((o) => contains(o, t)) ?? null;
}

/** The occurrence whose hours cover this instant, ignoring its days: whose on-call person covers a gap. */
function occurrenceByTimeOfDay(
  roster: Pick<Roster, 'shifts' | 'timezone'>,
  instant: Date,
): ActiveShift | null {
  const t = instant.getTime();
  return candidates(roster, instant, true).find((o) => contains(o, t)) ?? null;
}

/**
 * The config's on-call entry at an instant and the local date of the shift occurrence it covers (the
 * date an on-call swap is made for): the on-call person of the shift that is on; on a holiday or a day
 * the shift does not work, the person of the shift whose hours cover this time of day; else null.
 */
export function onCallOccurrence(
  roster: Pick<Roster, 'shifts' | 'timezone' | 'onCall'>,
  instant: Date,
): { entry: OnCallEntry; date: string } | null {
  const byShift = (o: ActiveShift | null) => {
    const entry = o ? roster.onCall.find((e) => e.shift === o.shift.id) : undefined;
    return entry && o ? { entry, date: o.date } : null;
  };
  return byShift(activeShift(roster, instant)) ?? byShift(occurrenceByTimeOfDay(roster, instant));
}

/**
 * Who the config puts on call at an instant (see `onCallOccurrence`). The console's on-call swaps are
 * applied by `whoIsOnCall` in overrides.ts: use that on the call path.
 */
export function onCallAt(
  roster: Pick<Roster, 'shifts' | 'timezone' | 'onCall'>,
  instant: Date,
): OnCallEntry | null {
  return onCallOccurrence(roster, instant)?.entry ?? null;
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

/** Every non-empty occurrence (on its working days) starting on local dates `from`..`to`, by start. */
function occurrencesOn(
  roster: Pick<Roster, 'shifts' | 'timezone'>,
  from: string,
  days: number,
  shiftId?: string,
): ActiveShift[] {
  const out: ActiveShift[] = [];
  for (let d = 0; d < days; d++) {
    const day = addDays(from, d);
    for (const shift of roster.shifts) {
      if (shiftId !== undefined && shift.id !== shiftId) continue;
      if (!worksOn(shift, weekdayOf(day))) continue;
      const o = occurrence(shift, day, roster.timezone);
      // A shift wholly inside a DST gap never happens that night.
      if (o.endsAt > o.startsAt) out.push(o);
    }
  }
  return out.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}

/** The next shift occurrence that starts at or after `instant` (within a week). */
export function nextShift(roster: Pick<Roster, 'shifts' | 'timezone'>, instant: Date): ActiveShift | null {
  const { date } = localTime(instant, roster.timezone);
  return (
    occurrencesOn(roster, addDays(date, -1), 9).find((o) => o.startsAt.getTime() >= instant.getTime()) ?? null
  );
}

/**
 * Occurrences whose end lies in (`after`, `upTo`], by end: the shifts a handover run covering that
 * window hands over. Windows that tile the timeline see every shift end exactly once.
 */
export function shiftEndsBetween(
  roster: Pick<Roster, 'shifts' | 'timezone'>,
  after: Date,
  upTo: Date,
  shiftId?: string,
): ActiveShift[] {
  const { date } = localTime(after, roster.timezone);
  const span = Math.ceil((upTo.getTime() - after.getTime()) / 86_400_000);
  return occurrencesOn(roster, addDays(date, -2), span + 4, shiftId)
    .filter((o) => o.endsAt > after && o.endsAt <= upTo)
    .sort((a, b) => a.endsAt.getTime() - b.endsAt.getTime());
}

/** The most recent occurrence (of `shiftId`, or of any shift) that ended at or before `instant`. */
export function lastEndedOccurrence(
  roster: Pick<Roster, 'shifts' | 'timezone'>,
  shiftId: string | undefined,
  instant: Date,
): ActiveShift | null {
  const ends = shiftEndsBetween(roster, new Date(instant.getTime() - 8 * 86_400_000), instant, shiftId);
  return ends.at(-1) ?? null;
}

/** The occurrence that takes over when `ended` ends: the one on at that instant, else the next to start. */
export function successor(
  roster: Pick<Roster, 'shifts' | 'timezone'>,
  ended: ActiveShift,
): ActiveShift | null {
  const on = activeShift(roster, ended.endsAt);
  if (on && !(on.shift.id === ended.shift.id && on.date === ended.date)) return on;
  return nextShift(roster, ended.endsAt);
}

/** Key of a shift occurrence, used to file tickets by the shift on duty when they were created. */
export function shiftKey(active: ActiveShift | null, localDate: string): string {
  return active ? `${active.shift.id}@${active.date}` : `after-hours@${localDate}`;
}

// --- staffed time: when a person can keep a promise (issue 11) -----------------------------------------

/** A stretch of staffed time, [start, end). */
export interface StaffedSpan {
  start: Date;
  end: Date;
}

/**
 * Staffed time in [`from`, `to`): the occurrences of shifts with agents (on their working days), minus
 * the whole local days of `holidays` (the line is closed on a holiday, as `decide` says and as Connect's
 * hours of operation overrides say), merged where one shift hands over to the next. Sorted by start.
 */
export function staffedSpans(
  roster: Pick<Roster, 'shifts' | 'timezone'>,
  holidays: ReadonlyArray<Pick<Holiday, 'date'>>,
  from: Date,
  to: Date,
): StaffedSpan[] {
  const tz = roster.timezone;
  const { date } = localTime(from, tz);
  const days = Math.ceil((to.getTime() - from.getTime()) / 86_400_000) + 3;
  const closed = holidays.map((h) => ({
    start: zonedInstant(h.date, 0, tz).getTime(),
    end: zonedInstant(h.date, 1440, tz).getTime(),
  }));
  const pieces: Array<[number, number]> = [];
  for (const o of occurrencesOn(roster, addDays(date, -1), days)) {
    if (o.shift.agents <= 0) continue;
    let parts: Array<[number, number]> = [
      [Math.max(o.startsAt.getTime(), from.getTime()), Math.min(o.endsAt.getTime(), to.getTime())],
    ];
    for (const h of closed)
      parts = parts.flatMap(
        ([a, b]): Array<[number, number]> =>
          h.end <= a || h.start >= b
            ? [[a, b]]
            : [
                [a, Math.min(b, h.start)],
                [Math.max(a, h.end), b],
              ],
      );
    pieces.push(...parts.filter(([a, b]) => b > a));
  }
  pieces.sort((x, y) => x[0] - y[0]);
  const merged: Array<[number, number]> = [];
  for (const [a, b] of pieces) {
    const last = merged.at(-1);
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else merged.push([a, b]);
  }
  return merged.map(([a, b]) => ({ start: new Date(a), end: new Date(b) }));
}

/** How long the first stretch of staffed work lasts before a promise made outside staffed time is due: 1 h. */
export const FIRST_STAFFED_MS = 3_600_000;

/**
 * The callback time to promise for a message left at `now` under a `withinHours` SLA, as an instant on a
 * whole minute (UTC). Rule (issue 11, "callbacks in staffed hours"):
 * - the latest instant no later than `now + withinHours` that falls in staffed time (the SLA itself when
 *   someone works then, else the end of the last staffed stretch before it), provided the window holds at
 *   least the first staffed hour after `now`;
 * - otherwise (a window with no staffed time, or less than an hour of it) the end of the first staffed
 *   hour after `now`: a message left on Saturday night is promised for Monday 9 AM when Monday's shift
 *   starts at 8, never for a Sunday nobody works.
 * With no staffed time at all in the next 30 days (a roster without agents) the SLA itself is promised.
 */
export function callbackDue(
  roster: Pick<Roster, 'shifts' | 'timezone'>,
  holidays: ReadonlyArray<Pick<Holiday, 'date'>>,
  now: Date,
  withinHours: number,
): Date {
  const floorMinute = (t: number) => new Date(Math.floor(t / 60_000) * 60_000);
  const deadline = now.getTime() + withinHours * 3_600_000;
  const spans = staffedSpans(roster, holidays, now, new Date(deadline + 30 * 86_400_000));
  let acc = 0;
  let firstHour: number | undefined;
  for (const s of spans) {
    const len = s.end.getTime() - s.start.getTime();
    if (acc + len >= FIRST_STAFFED_MS) {
      firstHour = s.start.getTime() + (FIRST_STAFFED_MS - acc);
      break;
    }
    acc += len;
  }
  if (firstHour === undefined) return floorMinute(deadline);
  if (firstHour > deadline) return floorMinute(firstHour);
  let last = firstHour;
  for (const s of spans) {
    if (s.start.getTime() >= deadline) break;
    last = Math.max(last, Math.min(s.end.getTime(), deadline));
  }
  return floorMinute(last);
}
