import { describe, expect, it } from 'vitest';
import {
  activeShift,
  decide,
  lastEndedOccurrence,
  nextShift,
  onCallAt,
  type Roster,
} from '../../lambdas/domain/roster.ts';
import { rosterFromConfig } from '../../lambdas/domain/seed.ts';
import { localTime, zonedInstant } from '../../lambdas/domain/time.ts';
import { enConfig, zhConfig } from '../helpers.ts';

const en: Roster = rosterFromConfig(enConfig());
const zh: Roster = rosterFromConfig(zhConfig());
const shiftAt = (r: Roster, iso: string) => activeShift(r, new Date(iso))?.shift.id ?? null;

describe('shift math in the business time zone', () => {
  it('finds the shift on duty in Chicago, including a weekday-only shift and a gap', () => {
    expect(shiftAt(en, '2026-11-23T14:00:00Z')).toBe('day'); // Mon 08:00 CST
    expect(shiftAt(en, '2026-11-23T13:59:00Z')).toBe('night'); // Mon 07:59, night began Sunday
    expect(shiftAt(en, '2026-11-23T22:00:00Z')).toBe('evening'); // Mon 16:00
    expect(shiftAt(en, '2026-11-28T22:30:00Z')).toBeNull(); // Sat 16:30: no evening on Saturday
    expect(shiftAt(en, '2026-11-29T18:00:00Z')).toBeNull(); // Sun noon: closed
  });

  it('keeps the start date of a shift that crosses midnight', () => {
    const a = activeShift(en, new Date('2026-11-24T09:00:00Z'))!; // Tue 03:00
    expect(a.shift.id).toBe('night');
    expect(a.date).toBe('2026-11-23');
    expect(a.endsAt.toISOString()).toBe('2026-11-24T14:00:00.000Z');
  });

  it('treats 24:00 as the end of the day (Shanghai middle shift)', () => {
    expect(shiftAt(zh, '2026-11-23T15:59:00Z')).toBe('middle'); // 23:59
    expect(shiftAt(zh, '2026-11-23T16:00:00Z')).toBe('night'); // 00:00
    const mid = activeShift(zh, new Date('2026-11-23T12:00:00Z'))!;
    expect(mid.endsAt.toISOString()).toBe('2026-11-23T16:00:00.000Z');
  });

  it('follows daylight saving time changes by the wall clock', () => {
    // 2026-03-08: Chicago springs forward at 02:00. Day shift starts at 08:00 CDT = 13:00Z.
    expect(shiftAt(en, '2026-03-09T13:00:00Z')).toBe('day');
    expect(shiftAt(en, '2026-03-09T12:59:00Z')).toBe('night');
    // 2026-11-01: falls back. Night shift that started Saturday 20:00 CDT ends Sunday 08:00 CST = 14:00Z.
    const night = activeShift(en, new Date('2026-11-01T08:30:00Z'))!;
    expect(night.shift.id).toBe('night');
    expect(night.startsAt.toISOString()).toBe('2026-11-01T01:00:00.000Z');
    expect(night.endsAt.toISOString()).toBe('2026-11-01T14:00:00.000Z');
    expect(zonedInstant('2026-03-08', 150, 'America/Chicago').toISOString()).toBe('2026-03-08T08:30:00.000Z'); // 02:30 does not exist
    expect(localTime(new Date('2026-11-01T06:30:00Z'), 'America/Chicago').minutes).toBe(90); // 01:30 CDT
  });
});

describe('decide', () => {
  it('is open with agents on shift, assistant otherwise, with the reason', () => {
    expect(decide(en, null, new Date('2026-11-23T15:00:00Z'))).toMatchObject({
      mode: 'open',
      reason: 'open',
    });
    expect(decide(en, null, new Date('2026-11-24T04:00:00Z'))).toMatchObject({
      mode: 'assistant',
      reason: 'unstaffed',
    });
    expect(decide(en, null, new Date('2026-11-29T18:00:00Z'))).toMatchObject({
      mode: 'assistant',
      reason: 'closed',
    });
    const holiday = { date: '2026-12-25', name: 'Christmas Day' };
    expect(decide(en, holiday, new Date('2026-12-25T16:00:00Z'))).toMatchObject({
      mode: 'assistant',
      reason: 'holiday',
    });
  });

  it('names the on-call person of the shift, and of the shift whose hours cover a gap', () => {
    expect(onCallAt(en, new Date('2026-11-23T15:00:00Z'))?.name).toBe('Dana Whitfield');
    expect(onCallAt(en, new Date('2026-11-24T04:00:00Z'))?.name).toBe('Priya Raman');
    // Sunday noon: no shift works, but the day shift's hours cover noon.
    expect(onCallAt(en, new Date('2026-11-29T18:00:00Z'))?.name).toBe('Dana Whitfield');
    expect(onCallAt(zh, new Date('2026-11-23T03:00:00Z'))).toBeNull(); // 11:00: early shift has nobody on call
  });
});

describe('shift changes', () => {
  it('finds the next shift and the occurrence that just ended', () => {
    expect(nextShift(en, new Date('2026-11-23T15:00:00Z'))?.shift.id).toBe('evening');
    expect(nextShift(en, new Date('2026-11-28T22:30:00Z'))?.shift.id).toBe('night'); // Sat 16:30
    const ended = lastEndedOccurrence(en, 'night', new Date('2026-11-24T14:00:00Z'))!;
    expect(ended.date).toBe('2026-11-23');
  });
});
