import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import {
  activeShift,
  lastEndedOccurrence,
  type Roster,
  type RosterShift,
  successor,
} from '../../lambdas/domain/roster.ts';
import { addDays, addHours, localTime, zonedInstant } from '../../lambdas/domain/time.ts';
import { dstTransitions, expectedInstant, type Transition, wallAt } from './dst-zones.ts';

const TRANSITIONS = dstTransitions();
const ZONES = new Set(TRANSITIONS.map((t) => t.tz));
/** Transitions with no other change in the same zone within three days (the oracle models one). */
const LONE = TRANSITIONS.filter(
  (t) => !TRANSITIONS.some((u) => u !== t && u.tz === t.tz && Math.abs(u.at - t.at) < 3 * 86_400_000),
);
const hhmm = (m: number) =>
  `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

describe('zoned time over every IANA zone with DST, 2026-2030', () => {
  it('finds many zones with DST changes (sanity of the sample)', () => {
    expect(ZONES.size).toBeGreaterThan(50);
    expect(
      ZONES.has('America/Chicago') && ZONES.has('Africa/Cairo') && ZONES.has('Australia/Lord_Howe'),
    ).toBe(true);
  });

  it('places every wall time around every change by the rule (fold: first occurrence, gap: first instant after)', () => {
    for (const t of LONE) {
      const local = wallAt(t.at, t.before);
      const size = Math.abs(t.after - t.before) / 60_000;
      // Just before, at, inside, at the end of and just after the repeated or skipped span.
      for (const d of [-61, -1, 0, 1, Math.floor(size / 2), size - 1, size, size + 1, 90]) {
        const m = local.minutes + d;
        const date = addDays(local.date, Math.floor(m / 1440));
        const minutes = ((m % 1440) + 1440) % 1440;
        expect(zonedInstant(date, minutes, t.tz).getTime(), `${t.tz} ${date} ${hhmm(minutes)}`).toBe(
          expectedInstant(t, date, minutes),
        );
      }
    }
  });

  /** A roster of 2-4 shifts that covers the day, boundaries often on the changed hour. */
  const rosterAround = (t: Transition) =>
    fc
      .uniqueArray(
        fc.oneof(
          fc.integer({ min: 0, max: 1439 }),
          fc
            .integer({ min: -90, max: 90 })
            .map((d) => (((wallAt(t.at, t.before).minutes + d) % 1440) + 1440) % 1440),
        ),
        { minLength: 2, maxLength: 4 },
      )
      .map((bs) => {
        const sorted = [...bs].sort((a, b) => a - b);
        const shifts: RosterShift[] = sorted.map((b, i) => ({
          id: `s${i}`,
          name: `S${i}`,
          start: hhmm(b),
          end: hhmm(sorted[(i + 1) % sorted.length]!),
          agents: 1,
        }));
        return { shifts, bounds: sorted };
      });

  /** Shift occurrences around a change, computed with the independent rule. */
  const expectedOccurrences = (t: Transition, bounds: number[]) => {
    const base = wallAt(t.at, t.before).date;
    const out: Array<{ id: string; start: number; end: number }> = [];
    for (let d = -2; d <= 2; d++) {
      const date = addDays(base, d);
      bounds.forEach((b, i) => {
        const next = bounds[(i + 1) % bounds.length]!;
        const endDate = next <= b ? addDays(date, 1) : date;
        out.push({ id: `s${i}`, start: expectedInstant(t, date, b), end: expectedInstant(t, endDate, next) });
      });
    }
    return out;
  };

  it('puts every instant in exactly the shift the rule says (shift membership)', () => {
    fc.assert(
      fc.property(
        fc
          .constantFrom(...LONE)
          .chain((t) =>
            fc.tuple(fc.constant(t), rosterAround(t), fc.integer({ min: -20 * 60, max: 20 * 60 })),
          ),
        ([t, { shifts, bounds }, offsetMinutes]) => {
          const roster: Pick<Roster, 'shifts' | 'timezone'> = { shifts, timezone: t.tz };
          const at = t.at + offsetMinutes * 60_000 + 30_000;
          const expected = expectedOccurrences(t, bounds).filter((o) => o.start <= at && at < o.end);
          expect(expected).toHaveLength(1);
          expect(activeShift(roster, new Date(at))?.shift.id).toBe(expected[0]!.id);
        },
      ),
      { numRuns: 600 },
    );
  });

  it('names the shift actually ending and the one starting, at +1 s, +59 s and +5 min (handover pairs)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...LONE).chain((t) => fc.tuple(fc.constant(t), rosterAround(t))),
        ([t, { shifts, bounds }]) => {
          const roster: Pick<Roster, 'shifts' | 'timezone'> = { shifts, timezone: t.tz };
          const occ = expectedOccurrences(t, bounds).filter((o) => o.end > o.start);
          const ends = [...new Set(occ.map((o) => o.end))].filter((e) => Math.abs(e - t.at) < 12 * 3_600_000);
          for (const end of ends) {
            const ended = occ.find((o) => o.end === end)!;
            const starting = occ.find((o) => o.start <= end && end < o.end)!;
            const nextEnd = Math.min(...occ.map((o) => o.end).filter((e) => e > end));
            for (const delay of [1_000, 59_000, 300_000]) {
              if (end + delay >= nextEnd) continue;
              const got = lastEndedOccurrence(roster, undefined, new Date(end + delay))!;
              expect([got.shift.id, got.endsAt.getTime()]).toEqual([ended.id, end]);
              expect(successor(roster, got)?.shift.id).toBe(starting.id);
            }
          }
        },
      ),
      { numRuns: 80 },
    );
  });

  it('promises callbacks in real hours and speaks them in the wall time of the zone (callback times)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...LONE),
        fc.integer({ min: -48 * 60, max: 24 * 60 }),
        fc.integer({ min: 1, max: 168 }),
        (t, offsetMinutes, hours) => {
          const created = new Date(t.at + offsetMinutes * 60_000);
          const due = addHours(created, hours);
          const lib = Temporal.Instant.fromEpochMilliseconds(created.getTime()).add({ hours });
          expect(due.getTime()).toBe(lib.epochMilliseconds);
          const z = lib.toZonedDateTimeISO(t.tz);
          expect(localTime(due, t.tz)).toEqual({
            date: z.toPlainDate().toString(),
            day: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'][z.dayOfWeek - 1],
            minutes: z.hour * 60 + z.minute,
          });
        },
      ),
      { numRuns: 500 },
    );
  });
});
