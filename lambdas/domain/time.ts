/**
 * Zoned time for the whole project: wall times of a business time zone turned into instants and back,
 * over the Temporal polyfill's tree-shakeable function API (`temporal-polyfill/fns/*`, about 18 KB
 * minified in a bundle; native `Temporal` is used instead when the runtime has it). Nothing else in
 * the project does offset arithmetic.
 *
 * One rule for the two kinds of daylight-saving days (see `zonedInstant`):
 * - **fold** (a wall time happens twice, clocks go back): the wall time is its *first* occurrence, so a
 *   shift boundary at 01:30 in a repeated hour happens once, the first time the clock shows 01:30;
 * - **gap** (a wall time does not exist, clocks go forward): the wall time is the *first valid instant
 *   after the gap*, the moment the clock jumps. Every boundary inside one gap collapses onto that one
 *   instant, so boundaries keep their order (a shift 02:00-02:30 is empty that night, not inverted).
 */
import * as Instant from 'temporal-polyfill/fns/Instant';
import * as PlainDate from 'temporal-polyfill/fns/PlainDate';
import * as PlainDateTime from 'temporal-polyfill/fns/PlainDateTime';
import * as Zoned from 'temporal-polyfill/fns/ZonedDateTime';

/** Days as written in switchboard.yaml, Monday first (ISO 8601 day 1). The one list of weekdays. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** A time of day as written in switchboard.yaml: `HH:MM`, 00:00-23:59, or `24:00` for the end of a day. */
export const TIME_OF_DAY = /^(?:([01]\d|2[0-3]):([0-5]\d)|24:00)$/;

/** Minutes since local midnight of a `HH:MM` time of day (0-1440). Throws `TimeOfDayError` when malformed. */
export function minutesOfDay(hhmm: string): number {
  const m = TIME_OF_DAY.exec(hhmm);
  if (!m) throw new TimeOfDayError(hhmm);
  return m[1] === undefined ? 1440 : Number(m[1]) * 60 + Number(m[2]);
}

export class TimeOfDayError extends Error {
  constructor(readonly value: string) {
    super(`"${value}" is not a time of day (HH:MM, 00:00-24:00)`);
    this.name = 'TimeOfDayError';
  }
}

export interface LocalTime {
  /** Local calendar date, YYYY-MM-DD. */
  date: string;
  day: Weekday;
  /** Minutes since local midnight, 0-1439 (in a repeated hour, both passes show the same minutes). */
  minutes: number;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/**
 * A bounded memo for the pure conversions below: the polyfill asks Intl for offsets (about 50-150 µs a
 * conversion), and one routing decision converts the same few wall times several times.
 */
function memo<R>(fn: (key: string) => R, max = 4096): (key: string) => R {
  const cache = new Map<string, R>();
  return (key) => {
    let v = cache.get(key);
    if (v === undefined) {
      if (cache.size >= max) cache.clear();
      v = fn(key);
      cache.set(key, v);
    }
    return v;
  };
}

function zoned(instant: Date, tz: string): Zoned.Record {
  return Zoned.create(BigInt(instant.getTime()) * 1_000_000n, tz);
}

const localMinute = memo((key: string): LocalTime => {
  const [minute, tz] = key.split('|') as [string, string];
  const z = zoned(new Date(Number(minute) * 60_000), tz);
  return {
    date: `${pad(z.year, 4)}-${pad(z.month)}-${pad(z.day)}`,
    day: WEEKDAYS[Zoned.dayOfWeek(z) - 1]!,
    minutes: z.hour * 60 + z.minute,
  };
});

/** The wall clock in `tz` at an instant: local date, weekday and minutes since local midnight. */
export function localTime(instant: Date, tz: string): LocalTime {
  // Every offset in use is a whole number of minutes, so the wall clock is the same within a UTC minute.
  return { ...localMinute(`${Math.floor(instant.getTime() / 60_000)}|${tz}`) };
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A local date (YYYY-MM-DD) as a Temporal record; throws a RangeError for anything else. */
function plainDate(date: string): PlainDate.Record {
  const m = DATE.exec(date);
  if (!m) throw new RangeError(`"${date}" is not a date (YYYY-MM-DD)`);
  return PlainDate.create(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** Calendar arithmetic on a local date (YYYY-MM-DD): `n` days later (negative: earlier). */
export function addDays(date: string, n: number): string {
  return shiftedDate(`${date}|${n}`);
}

const shiftedDate = memo((key: string) => {
  const [date, n] = key.split('|') as [string, string];
  return PlainDate.toString(PlainDate.addDays(plainDate(date), Number(n)));
});

export function weekdayOf(date: string): Weekday {
  return dayOfDate(date);
}

const dayOfDate = memo((date: string): Weekday => WEEKDAYS[PlainDate.dayOfWeek(plainDate(date)) - 1]!);

/**
 * The instant at which the wall clock in `tz` shows `date` + `minutes` (0-1440; 1440 is the next
 * midnight). In a fold it is the first occurrence; in a gap it is the first valid instant after the gap
 * (the transition itself), e.g. Africa/Cairo 2026-04-24 00:00 (clocks jump to 01:00) is 22:00Z on the
 * 23rd, and America/Chicago 2026-03-08 02:30 is 03:00 CDT (08:00Z).
 */
export function zonedInstant(date: string, minutes: number, tz: string): Date {
  return new Date(wallToEpoch(`${date}|${minutes}|${tz}`));
}

const wallToEpoch = memo((key: string): number => {
  const [date, mins, tz] = key.split('|') as [string, string, string];
  const minutes = Number(mins);
  const day = minutes >= 1440 ? addDays(date, Math.floor(minutes / 1440)) : date;
  const m = minutes % 1440;
  const d = plainDate(day);
  const wall = PlainDateTime.create(d.year, d.month, d.day, Math.floor(m / 60), m % 60);
  const earlier = PlainDateTime.toZonedDateTime(wall, tz, { disambiguation: 'earlier' });
  if (earlier.hour === wall.hour && earlier.minute === wall.minute && earlier.day === wall.day)
    return earlier.epochMilliseconds;
  // In a gap `earlier` lies before the jump (the wall time read with the later offset): the next
  // transition from there is the first instant after the gap.
  const jump = Zoned.getTimeZoneTransition(earlier, 'next');
  if (!jump) throw new Error(`no transition after ${date} ${m} min in ${tz}`);
  return jump.epochMilliseconds;
});

/** `instant` plus a number of elapsed hours (a promise "within 24 hours" is 24 real hours, DST or not). */
export function addHours(instant: Date, hours: number): Date {
  const i = Instant.addMilliseconds(Instant.fromEpochMilliseconds(instant.getTime()), hours * 3_600_000);
  return new Date(Number(i.epochMilliseconds));
}

/** `HH:MM` wall-clock text of an instant in `tz` (24-hour). */
export function wallClock(instant: Date, tz: string): string {
  const z = zoned(instant, tz);
  return `${pad(z.hour)}:${pad(z.minute)}`;
}

/**
 * "Tuesday 3:00 PM" style text for prompts and SMS, in the business locale and zone. ICU puts a narrow
 * no-break space (U+202F) before AM/PM in some versions: it is made a plain space, since one such
 * character turns an SMS into UCS-2 (see sms.ts).
 */
export function speakableTime(instant: Date, tz: string, locale: string): string {
  return speakingFormat(`${locale}|${tz}`)
    .format(instant)
    .replace(/[\u00A0\u202F]/g, ' ');
}

const speakingFormat = memo((key: string) => {
  const [locale, tz] = key.split('|') as [string, string];
  return new Intl.DateTimeFormat(locale, {
    timeZone: tz,
    weekday: 'long',
    hour: 'numeric',
    minute: '2-digit',
  });
}, 64);

/** Whether `tz` is an IANA time zone this runtime knows (region/city, or UTC). */
export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return tz.includes('/') || tz === 'UTC';
  } catch {
    return false;
  }
}
