/** Wall-clock helpers for a business time zone, built on Intl only (no time-zone database to ship). */

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface LocalTime {
  /** Local calendar date, YYYY-MM-DD. */
  date: string;
  day: Weekday;
  /** Minutes since local midnight, 0-1439. */
  minutes: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      weekday: 'short',
    });
    formatters.set(tz, f);
  }
  return f;
}

function parts(instant: Date, tz: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of formatter(tz).formatToParts(instant)) out[p.type] = p.value;
  return out;
}

export function localTime(instant: Date, tz: string): LocalTime {
  const p = parts(instant, tz);
  const hour = Number(p.hour) % 24;
  return {
    date: `${p.year}-${p.month}-${p.day}`,
    day: (p.weekday ?? 'Mon').slice(0, 3).toLowerCase() as Weekday,
    minutes: hour * 60 + Number(p.minute),
  };
}

export function addDays(date: string, n: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

export function weekdayOf(date: string): Weekday {
  const idx = (new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7;
  return WEEKDAYS[idx]!;
}

/** Offset of the zone from UTC at an instant, in minutes (e.g. -300 for Chicago in summer). */
function offsetMinutes(instant: Date, tz: string): number {
  const p = parts(instant, tz);
  const asUtc = Date.UTC(
    Number(p.year),
    Number(p.month) - 1,
    Number(p.day),
    Number(p.hour) % 24,
    Number(p.minute),
    Number(p.second),
  );
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/**
 * The instant at which the wall clock in `tz` shows `date` + `minutes` (may be 1440 = next midnight).
 * A wall time skipped by a DST change resolves to the first valid instant after it.
 */
export function zonedInstant(date: string, minutes: number, tz: string): Date {
  const base = Date.parse(`${date}T00:00:00Z`) + minutes * 60_000;
  let guess = base - offsetMinutes(new Date(base), tz) * 60_000;
  // Two passes settle the offset on either side of a DST change.
  for (let i = 0; i < 2; i++) guess = base - offsetMinutes(new Date(guess), tz) * 60_000;
  return new Date(guess);
}

/** "Tuesday 3:00 PM" style text for prompts, in the business locale and zone. */
export function speakableTime(instant: Date, tz: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone: tz,
    weekday: 'long',
    hour: 'numeric',
    minute: '2-digit',
  }).format(instant);
}
