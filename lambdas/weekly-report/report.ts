import type { KpiConfig } from '#domain/kpi.ts';
import { localDayRange, type OperationsStore, operationsReport, weeklyQaSeed } from '#domain/operations.ts';
import { labelsFor, reportText } from '#domain/report.ts';
import { addDays, localTime } from '#domain/time.ts';

export interface WeeklyReportDeps {
  store: OperationsStore;
  config: KpiConfig;
  email(subject: string, text: string): Promise<void>;
  now: Date;
}

export interface WeeklyReportSummary {
  from: string;
  to: string;
  contacts: number;
  targetsMet: number;
  targetsMissed: number;
  qaCalls: number;
  subject: string;
}

/**
 * E-mails the text KPI summary of the seven business-local days before `now` (Monday to Sunday when the
 * schedule fires on Monday), with the week's QA sample, and returns what it sent.
 */
export async function sendWeeklyReport(deps: WeeklyReportDeps): Promise<WeeklyReportSummary> {
  const tz = deps.config.business.timezone;
  const today = localTime(deps.now, tz).date;
  const from = addDays(today, -7);
  const to = addDays(today, -1);
  const r = await operationsReport(deps.store, deps.config, localDayRange(from, to, tz), deps.now, {
    seed: weeklyQaSeed(from),
  });
  const text = reportText(r.kpis, r.qa);
  const subject = `${labelsFor(deps.config.business.locale).title(deps.config.business.name)} ${from}..${to}`;
  await deps.email(subject, text);
  return {
    from,
    to,
    contacts: r.kpis.totals.contacts,
    targetsMet: r.kpis.kpis.filter((k) => k.met === true).length,
    targetsMissed: r.kpis.kpis.filter((k) => k.met === false).length,
    qaCalls: r.qa.length,
    subject,
  };
}
