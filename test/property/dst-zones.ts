import { Temporal } from 'temporal-polyfill';

/** A DST change in a zone: the instant, and the UTC offsets before and after (ms). */
export interface Transition {
  tz: string;
  at: number;
  before: number;
  after: number;
}

/** Every transition of every IANA zone with DST in 2026-2030, by the library's own rules. */
export function dstTransitions(from = 2026, to = 2030): Transition[] {
  const out: Transition[] = [];
  for (const tz of Intl.supportedValuesOf('timeZone')) {
    // Zones with DST keep a winter and a summer offset; the rest are skipped without a long search.
    const offsets = new Set<number>();
    for (let y = from; y <= to; y++)
      for (const month of [1, 7])
        offsets.add(Temporal.ZonedDateTime.from({ timeZone: tz, year: y, month, day: 1 }).offsetNanoseconds);
    if (offsets.size < 2) continue;
    let z: Temporal.ZonedDateTime | null = Temporal.ZonedDateTime.from({
      timeZone: tz,
      year: from,
      month: 1,
      day: 1,
    });
    for (;;) {
      z = z.getTimeZoneTransition('next');
      if (!z || z.year > to) break;
      const prev = z.subtract({ nanoseconds: 1 });
      out.push({
        tz,
        at: z.epochMilliseconds,
        before: prev.offsetNanoseconds / 1e6,
        after: z.offsetNanoseconds / 1e6,
      });
    }
  }
  return out;
}

/** Local date and minutes of day of an instant at a fixed offset (ms). */
export function wallAt(instant: number, offset: number): { date: string; minutes: number } {
  const d = new Date(instant + offset);
  return { date: d.toISOString().slice(0, 10), minutes: d.getUTCHours() * 60 + d.getUTCMinutes() };
}

/**
 * The stated rule computed independently from a transition and its two offsets: a wall time valid once
 * is that instant; in a fold, the first occurrence; in a gap, the transition (first instant after it).
 * Only for wall times within a day of the transition.
 */
export function expectedInstant(t: Transition, date: string, minutes: number): number {
  const wall = Date.parse(`${date}T00:00:00Z`) + minutes * 60_000;
  const c1 = wall - t.before; // read with the offset in force before the change
  const c2 = wall - t.after; // read with the offset after it
  const v1 = c1 < t.at;
  const v2 = c2 >= t.at;
  if (v1 && v2) return Math.min(c1, c2);
  if (v1) return c1;
  if (v2) return c2;
  return t.at;
}
