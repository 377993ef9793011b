import { DAYS, type SwitchboardConfig, weeklyIntervals } from '../config/schema.ts';
import { weekdayOf } from '../lambdas/domain/time.ts';

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

/** When each shift ends, as EventBridge Scheduler cron expressions in the business time zone. */
export function shiftEndSchedules(config: SwitchboardConfig): Array<{ shift: string; expression: string }> {
  const names = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'];
  return config.shifts.map((s) => {
    const [sh, sm] = s.start.split(':').map(Number);
    const [eh, em] = s.end.split(':').map(Number);
    const start = sh! * 60 + sm!;
    const end = eh! * 60 + em!;
    // A shift that crosses midnight, or ends at 24:00, ends on the next day.
    const nextDay = end <= start || end === 1440;
    const endMinutes = end % 1440;
    const days = (s.days ?? DAYS).map((d) => names[(DAYS.indexOf(d) + (nextDay ? 1 : 0)) % 7]!);
    const ordered = names.filter((n) => days.includes(n));
    const dow = ordered.length === 7 ? '*' : ordered.join(',');
    return {
      shift: s.id,
      expression: `cron(${endMinutes % 60} ${Math.floor(endMinutes / 60)} ? * ${dow} *)`,
    };
  });
}
