/**
 * The staffing plan: for each shift, the arrival rate (measured from contact records or given), the
 * handle time, and Erlang C's answer to "how many agents answer the target share within
 * `sla.answerWithinSeconds`" (target: `sla.targets.answerRate`), beside the agents the roster has.
 */
import type { SwitchboardConfig } from '../../config/schema.ts';
import { agentsNeeded, averageSpeedOfAnswer, occupancy, serviceLevel, trafficErlangs } from './erlang.ts';
import { shiftIdOf } from './kpi.ts';
import { type ContactRecord, handleSeconds, isCallbackLeg } from './records.ts';
import { languageOf } from './report.ts';
import { addDays, localTime, weekdayOf, zonedInstant } from './time.ts';

export type PlanConfig = Pick<SwitchboardConfig, 'sla' | 'shifts' | 'business' | 'queues'>;

export interface PlanRow {
  shift: string;
  callsPerHour: number;
  ahtSeconds: number;
  agentsRostered: number;
  agentsNeeded: number;
  /** Share answered within the SLA seconds with the rostered agents (0-1). */
  predictedServiceLevel: number;
  /** Average wait in seconds with the rostered agents; null when the queue would grow without bound. */
  averageWaitSeconds: number | null;
  occupancy: number;
  /** Where the arrival rate came from. */
  source: 'measured' | 'given' | 'none';
  /** Hours of this shift in the measured period. */
  hoursMeasured: number;
  advice: string;
}

export interface PlanOptions {
  /** Use this arrival rate for every shift instead of measuring it. */
  callsPerHour?: number;
  /** Use this handle time instead of measuring it (default when nothing is measured: 180 s). */
  ahtSeconds?: number;
}

export const DEFAULT_AHT_SECONDS = 180;

const toMin = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Hours a shift was on duty within [from, to), occurrence by occurrence in the business time zone. */
export function shiftHours(
  shift: PlanConfig['shifts'][number],
  tz: string,
  period: { from: Date; to: Date },
): number {
  let ms = 0;
  const start = toMin(shift.start);
  const endMin = toMin(shift.end);
  const last = localTime(new Date(period.to.getTime() - 1), tz).date;
  for (let d = addDays(localTime(period.from, tz).date, -1); d <= last; d = addDays(d, 1)) {
    if (shift.days && !shift.days.includes(weekdayOf(d))) continue;
    const a = zonedInstant(d, start, tz).getTime();
    const b = (
      endMin <= start ? zonedInstant(addDays(d, 1), endMin, tz) : zonedInstant(d, endMin, tz)
    ).getTime();
    ms += Math.max(0, Math.min(b, period.to.getTime()) - Math.max(a, period.from.getTime()));
  }
  return ms / 3_600_000;
}

const pct = (n: number) => `${Math.round(n * 1000) / 10} %`;

function advice(row: Omit<PlanRow, 'advice'>, target: number, within: number, locale: string): string {
  const zh = languageOf(locale) === 'zh';
  const goal = zh ? `${within} 秒内接听 ${pct(target)}` : `${pct(target)} within ${within} s`;
  if (row.source === 'none')
    return zh
      ? `${row.shift}：没有测得来电；用 --calls-per-hour 给出预计来电量`
      : `${row.shift}: no calls measured; give an expected rate with --calls-per-hour`;
  if (row.agentsNeeded === 0)
    return zh ? `${row.shift}：没有来电，无需坐席` : `${row.shift}: no calls, no agents needed`;
  const rate = Math.round(row.callsPerHour * 10) / 10;
  if (row.agentsRostered === 0)
    return zh
      ? `${row.shift}：未排坐席，每小时约 ${rate} 通来电由智能助手接听；若要${goal}需要 ${row.agentsNeeded} 名坐席`
      : `${row.shift}: nobody rostered; the assistant takes about ${rate} calls an hour; ${row.agentsNeeded} agent(s) would answer ${goal}`;
  if (row.agentsRostered >= row.agentsNeeded)
    return zh
      ? `${row.shift}：排班 ${row.agentsRostered} 人，需要 ${row.agentsNeeded} 人即可${goal}；预计服务水平 ${pct(row.predictedServiceLevel)}`
      : `${row.shift}: ${row.agentsRostered} rostered, ${row.agentsNeeded} needed for ${goal}; predicted ${pct(row.predictedServiceLevel)}`;
  const more = row.agentsNeeded - row.agentsRostered;
  return zh
    ? `${row.shift}：排班 ${row.agentsRostered} 人，需要 ${row.agentsNeeded} 人才能${goal}（现在预计 ${pct(row.predictedServiceLevel)}）；增加 ${more} 人，或提供回拨`
    : `${row.shift}: ${row.agentsRostered} rostered, ${row.agentsNeeded} needed for ${goal} (predicted ${pct(row.predictedServiceLevel)} now); add ${more}, or offer callbacks`;
}

/**
 * One row per shift. Measured arrival rate = inbound contacts of the shift ÷ its hours in the period;
 * measured AHT = mean talk + after-call work of its answered calls (else all answered calls, else
 * `ahtSeconds`, else 180 s).
 */
export function staffingPlan(
  config: PlanConfig,
  records: ContactRecord[],
  period: { from: Date; to: Date },
  options: PlanOptions = {},
): PlanRow[] {
  const tz = config.business.timezone;
  const within = config.sla.answerWithinSeconds;
  const target = config.sla.targets.answerRate;
  const inbound = records.filter((r) => {
    const t = Date.parse(r.initiatedAt ?? '');
    return !isCallbackLeg(r) && t >= period.from.getTime() && t < period.to.getTime();
  });
  const handles = (rs: ContactRecord[]) => rs.map(handleSeconds).filter((s): s is number => s !== undefined);
  const avg = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : undefined);
  const overallAht = avg(handles(inbound));
  return config.shifts.map((s) => {
    const mine = inbound.filter((r) => shiftIdOf(r, config) === s.id);
    const hours = shiftHours(s, tz, period);
    const measured = hours > 0 && mine.length > 0 ? mine.length / hours : undefined;
    const callsPerHour = options.callsPerHour ?? measured ?? 0;
    const source: PlanRow['source'] =
      options.callsPerHour !== undefined ? 'given' : measured !== undefined ? 'measured' : 'none';
    const aht = options.ahtSeconds ?? avg(handles(mine)) ?? overallAht ?? DEFAULT_AHT_SECONDS;
    const a = trafficErlangs(callsPerHour, aht);
    const needed = agentsNeeded({ callsPerHour, ahtSeconds: aht, target, withinSeconds: within });
    const asa = averageSpeedOfAnswer(s.agents, a, aht);
    const row: Omit<PlanRow, 'advice'> = {
      shift: s.id,
      callsPerHour: Math.round(callsPerHour * 100) / 100,
      ahtSeconds: Math.round(aht),
      agentsRostered: s.agents,
      agentsNeeded: needed,
      predictedServiceLevel: Math.round(serviceLevel(s.agents, a, aht, within) * 1000) / 1000,
      averageWaitSeconds: Number.isFinite(asa) ? Math.round(asa * 10) / 10 : null,
      occupancy: Math.round(occupancy(s.agents, a) * 1000) / 1000,
      source,
      hoursMeasured: Math.round(hours * 10) / 10,
    };
    return { ...row, advice: advice(row, target, within, config.business.locale) };
  });
}
