import { describe, expect, it } from 'vitest';
import {
  activeShift,
  decide,
  lastEndedOccurrence,
  nextShift,
  onCallAt,
  type Roster,
  successor,
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
    // 02:30 does not exist: the first valid instant after the gap is 03:00 CDT.
    expect(zonedInstant('2026-03-08', 150, 'America/Chicago').toISOString()).toBe('2026-03-08T08:00:00.000Z');
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

describe('DST folds and gaps (one rule: first occurrence in a fold, first valid instant after a gap)', () => {
  const chicagoFold: Roster = {
    ...en,
    shifts: [
      { id: 'day', name: 'Day', start: '09:30', end: '17:30', agents: 3 },
      { id: 'swing', name: 'Swing', start: '17:30', end: '01:30', agents: 0 },
      { id: 'grave', name: 'Grave', start: '01:30', end: '09:30', agents: 0 },
    ],
    onCall: [
      { shift: 'swing', name: 'Sol Reyes', phone: '+13125550106' },
      { shift: 'grave', name: 'Gil Moss', phone: '+13125550107' },
    ],
  };
  const cairoGap: Roster = {
    ...zh,
    timezone: 'Africa/Cairo',
    shifts: [
      { id: 'early', name: 'Early', start: '08:00', end: '16:00', agents: 4 },
      { id: 'middle', name: 'Middle', start: '16:00', end: '24:00', agents: 3 },
      { id: 'night', name: 'Night', start: '00:00', end: '08:00', agents: 1 },
    ],
  };

  it('crosses a boundary in the repeated hour once (Chicago, 2026-11-01, 01:30 happens twice)', () => {
    expect(shiftAt(chicagoFold, '2026-11-01T06:29:59Z')).toBe('swing'); // 01:29:59 CDT
    expect(shiftAt(chicagoFold, '2026-11-01T06:30:00Z')).toBe('grave'); // 01:30 CDT: the first 01:30
    expect(shiftAt(chicagoFold, '2026-11-01T07:15:00Z')).toBe('grave'); // 01:15 CST: second pass, still grave
    expect(shiftAt(chicagoFold, '2026-11-01T07:30:00Z')).toBe('grave'); // 01:30 CST
    expect(onCallAt(chicagoFold, new Date('2026-11-01T07:15:00Z'))?.phone).toBe('+13125550107');
    const grave = activeShift(chicagoFold, new Date('2026-11-01T07:15:00Z'))!;
    expect([grave.startsAt.toISOString(), grave.endsAt.toISOString()]).toEqual([
      '2026-11-01T06:30:00.000Z',
      '2026-11-01T15:30:00.000Z', // 09:30 CST: a 10-hour shift that night
    ]);
  });

  it('puts a boundary at a wall time that does not exist at the first instant after the gap (Cairo, 2026-04-24 00:00)', () => {
    expect(zonedInstant('2026-04-24', 0, 'Africa/Cairo').toISOString()).toBe('2026-04-23T22:00:00.000Z');
    expect(shiftAt(cairoGap, '2026-04-23T21:59:59Z')).toBe('middle'); // 23:59:59 EET
    expect(shiftAt(cairoGap, '2026-04-23T22:00:00Z')).toBe('night'); // 01:00 EEST
    const middle = activeShift(cairoGap, new Date('2026-04-23T21:00:00Z'))!;
    expect(middle.endsAt.toISOString()).toBe('2026-04-23T22:00:00.000Z');
    const ended = lastEndedOccurrence(cairoGap, undefined, new Date('2026-04-23T22:00:10Z'))!;
    expect([ended.shift.id, successor(cairoGap, ended)?.shift.id]).toEqual(['middle', 'night']);
  });

  it('moves a gap time forward in zones east and west of UTC alike', () => {
    // West: America/Chicago 02:30 → 03:00 CDT. East: Europe/Berlin 2026-03-29 02:30 → 03:00 CEST.
    expect(zonedInstant('2026-03-08', 150, 'America/Chicago').toISOString()).toBe('2026-03-08T08:00:00.000Z');
    expect(zonedInstant('2026-03-29', 150, 'Europe/Berlin').toISOString()).toBe('2026-03-29T01:00:00.000Z');
    // East of UTC with a half-hour DST: Australia/Lord_Howe 2026-10-04 02:15 → 02:30 (+11).
    expect(zonedInstant('2026-10-04', 135, 'Australia/Lord_Howe').toISOString()).toBe(
      '2026-10-03T15:30:00.000Z',
    );
  });
});
