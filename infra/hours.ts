import { DAYS, type SwitchboardConfig, weeklyIntervals } from '../config/schema.ts';
import { weekdayOf } from '../lambdas/domain/time.ts';
import { HANDOVER_EVERY_MINUTES } from '../lambdas/handover/handover.ts';

const CONNECT_DAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'] as const;

export interface HoursSlice {
  day: (typeof CONNECT_DAYS)[number];
  startTime: { hours: number; minutes: number };
  endTime: { hours: number; minutes: number };
}

const time = (m: number) => ({ hours: Math.floor(m / 60) % 24, minutes: m % 60 });

/**
 * Connect hours of operation from the staffed shifts (agents > 0): per weekday, the merged ranges in
 * which someone is on shift. A shift crossing midnight continues on the next day; a whole day is
 * 00:00-00:00, Connect's convention for 24 hours.
 */
export function businessHours(config: SwitchboardConfig): HoursSlice[] {
  const intervals = config.shifts.filter((s) => s.agents > 0).flatMap((s) => weeklyIntervals(s));
  const out: HoursSlice[] = [];
  for (let d = 0; d < 7; d++) {
    const dayStart = d * 1440;
    const ranges = intervals
      .map(([a, b]) => [Math.max(a, dayStart), Math.min(b, dayStart + 1440)] as [number, number])
      .filter(([a, b]) => a < b)
      .map(([a, b]) => [a - dayStart, b - dayStart] as [number, number])
      .sort((x, y) => x[0] - y[0]);
    const merged: Array<[number, number]> = [];
    for (const r of ranges) {
      const last = merged.at(-1);
      if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
      else merged.push([...r]);
    }
    for (const [a, b] of merged)
      out.push({ day: CONNECT_DAYS[d]!, startTime: time(a), endTime: time(b === 1440 ? 0 : b) });
  }
  return out;
}

/** Holidays as CLOSED overrides of those hours (Connect allows 50). */
export function holidayOverrides(config: SwitchboardConfig) {
  return config.holidays.map((h) => ({
    overrideName: h.name.replace(/[^\p{L}\p{N} .,'()-]/gu, '').slice(0, 127) || h.date,
    overrideDescription: `Holiday from switchboard.yaml (${h.date})`,
    effectiveFrom: h.date,
    effectiveTill: h.date,
    overrideType: 'CLOSED',
    overrideConfig: [
      {
        day: CONNECT_DAYS[DAYS.indexOf(weekdayOf(h.date))]!,
        startTime: { hours: 0, minutes: 0 },
        endTime: { hours: 0, minutes: 0 },
      },
    ],
  }));
}

/**
 * The handover schedule: every few minutes in UTC, with the scheduled time in the input. A cron in the
 * business time zone would skip a run whose local time does not exist (a shift ending at midnight in
 * Africa/Cairo on the night clocks jump to 01:00) and could run twice in a repeated hour; a UTC schedule
 * fires every day, and the handler hands over every shift that ended in the window the run covers
 * (lambdas/handover/handover.ts), so no handover is skipped or doubled on any DST day.
 */
export function handoverSchedule(): { expression: string; timezone: 'UTC'; input: string } {
  return {
    expression: `cron(0/${HANDOVER_EVERY_MINUTES} * * * ? *)`,
    timezone: 'UTC',
    input: JSON.stringify({
      scheduledTime: '<aws.scheduler.scheduled-time>',
      windowMinutes: HANDOVER_EVERY_MINUTES,
    }),
  };
}
