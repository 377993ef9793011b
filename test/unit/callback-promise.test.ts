import { describe, expect, it } from 'vitest';
import { callbackDue, staffedSpans } from '../../lambdas/domain/roster.ts';
import { rosterFromConfig } from '../../lambdas/domain/seed.ts';
import { dueTimes } from '../../lambdas/domain/tickets.ts';
import { speakableTime } from '../../lambdas/domain/time.ts';
import { enConfig, zhConfig } from '../helpers.ts';

// Brightline (America/Chicago, UTC-6 in winter): day 08-16 Mon-Sat (3 agents), evening 16-20 Mon-Fri
// (2 agents), night 20-08 (0 agents). Christmas 2026-12-25 (a Friday) is a holiday.
const en = enConfig();
const roster = rosterFromConfig(en);
const holidays = en.holidays;
const chicago = (d: Date) => speakableTime(d, roster.timezone, roster.locale);

describe('callback promises inside staffed hours', () => {
  it('a message left on Saturday night is promised for the first staffed hour on Monday', () => {
    const sat9pm = new Date('2026-11-29T03:00:00Z');
    const due = callbackDue(roster, holidays, sat9pm, 24);
    expect(due.toISOString()).toBe('2026-11-30T15:00:00.000Z');
    expect(chicago(due)).toBe('Monday 9:00 AM');
  });

  it('a message left on Monday night is promised for the end of Tuesday’s staffed hours, within the SLA', () => {
    const mon10pm = new Date('2026-11-24T04:00:00Z');
    const due = callbackDue(roster, holidays, mon10pm, 24);
    expect(chicago(due)).toBe('Tuesday 8:00 PM');
    expect(due.getTime()).toBeLessThanOrEqual(mon10pm.getTime() + 24 * 3_600_000);
  });

  it('keeps the SLA itself when someone works then', () => {
    const tue10am = new Date('2026-11-24T16:00:00Z');
    expect(callbackDue(roster, holidays, tue10am, 24).toISOString()).toBe('2026-11-25T16:00:00.000Z');
  });

  it('counts a holiday as closed', () => {
    const christmasEve10pm = new Date('2026-12-25T04:00:00Z');
    const due = callbackDue(roster, holidays, christmasEve10pm, 24);
    expect(chicago(due)).toBe('Saturday 9:00 AM');
    expect(due.toISOString()).toBe('2026-12-26T15:00:00.000Z');
  });

  it('merges shifts that hand over into one staffed stretch and leaves unstaffed shifts out', () => {
    const spans = staffedSpans(
      roster,
      [],
      new Date('2026-11-23T06:00:00Z'),
      new Date('2026-11-24T06:00:00Z'),
    );
    // Monday 08:00-20:00 local (day + evening), nothing at night.
    expect(spans.map((s) => [s.start.toISOString(), s.end.toISOString()])).toEqual([
      ['2026-11-23T14:00:00.000Z', '2026-11-24T02:00:00.000Z'],
    ]);
  });

  it('an urgent ticket keeps its first response around the clock', () => {
    const sat9pm = new Date('2026-11-29T03:00:00Z');
    expect(dueTimes(en.sla, sat9pm, 'urgent', { roster, holidays }).dueAt).toBe('2026-11-29T03:10:00.000Z');
  });

  it('a line staffed around the clock closes only on its holidays (zh-CN, Spring Festival)', () => {
    const zh = zhConfig();
    const zr = rosterFromConfig(zh);
    // 2027-02-06 10:00 in Shanghai (UTC+8); the 6th and 7th are holidays, the night shift starts the 8th at 00:00.
    const due = callbackDue(zr, zh.holidays, new Date('2027-02-06T02:00:00Z'), 24);
    expect(due.toISOString()).toBe('2027-02-07T17:00:00.000Z');
    expect(speakableTime(due, zr.timezone, zr.locale)).toBe('星期一01:00');
  });
});
