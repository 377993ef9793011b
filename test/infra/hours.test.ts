import { describe, expect, it } from 'vitest';
import { businessHours, holidayOverrides } from '../../infra/hours.ts';
import { enConfig } from '../helpers.ts';

describe('hours of operation and schedules from shifts', () => {
  it('merges staffed shifts per day and carries a midnight crossing into the next day', () => {
    const c = enConfig();
    c.shifts = [
      { id: 'day', start: '08:00', end: '16:00', days: ['mon'], agents: 2 },
      { id: 'late', start: '16:00', end: '02:00', days: ['mon'], agents: 1 },
      { id: 'quiet', start: '03:00', end: '06:00', days: ['tue'], agents: 0 },
    ];
    c.onCall = [];
    expect(businessHours(c)).toEqual([
      { day: 'MONDAY', startTime: { hours: 8, minutes: 0 }, endTime: { hours: 0, minutes: 0 } },
      { day: 'TUESDAY', startTime: { hours: 0, minutes: 0 }, endTime: { hours: 2, minutes: 0 } },
    ]);
  });

  it('closes each holiday all day', () => {
    expect(holidayOverrides(enConfig())[0]).toEqual({
      overrideName: 'Christmas Day',
      overrideDescription: 'Holiday from switchboard.yaml (2026-12-25)',
      effectiveFrom: '2026-12-25',
      effectiveTill: '2026-12-25',
      overrideType: 'CLOSED',
      overrideConfig: [
        { day: 'FRIDAY', startTime: { hours: 0, minutes: 0 }, endTime: { hours: 0, minutes: 0 } },
      ],
    });
  });
});
