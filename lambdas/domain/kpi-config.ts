/**
 * The slice of switchboard.yaml the KPIs read (`KpiConfig`: business, sla with its targets, shifts,
 * queues), as the stack hands it to the functions that compute KPIs in AWS (the weekly report and the
 * console) in the `REPORT_CONFIG` environment variable. Locally `switchboard report` and `switchboard
 * start` pass the whole loaded config, which is a KpiConfig too. One builder, one decoder.
 */
import { z } from 'zod';
import type { SwitchboardConfig } from '../../config/schema.ts';
import type { KpiConfig } from './kpi.ts';
import { TIME_OF_DAY, WEEKDAYS } from './time.ts';

/** The KPI slice of a loaded config, without what the KPIs do not read (e-mails, numbers, FAQ). */
export function kpiConfigOf(c: SwitchboardConfig): KpiConfig {
  return {
    business: { name: c.business.name, timezone: c.business.timezone, locale: c.business.locale },
    sla: c.sla,
    shifts: c.shifts.map(({ email: _email, ...s }) => s),
    queues: c.queues.map((q) => ({ id: q.id, name: q.name })),
  } as KpiConfig;
}

const hhmm = z.string().regex(TIME_OF_DAY);
const kpiConfigSchema = z.object({
  business: z.object({ name: z.string(), timezone: z.string(), locale: z.string() }).loose(),
  sla: z.object({
    answerWithinSeconds: z.number(),
    firstResponseMinutes: z.number(),
    callbackWithinHours: z.number(),
    targets: z.object({ answerRate: z.number(), averageHandleSeconds: z.number(), csat: z.number() }),
  }),
  shifts: z.array(
    z
      .object({
        id: z.string(),
        name: z.string().optional(),
        start: hhmm,
        end: hhmm,
        days: z.array(z.enum(WEEKDAYS)).optional(),
        agents: z.number(),
      })
      .loose(),
  ),
  queues: z.array(z.object({ id: z.string(), name: z.string() }).loose()),
});

export class KpiConfigError extends Error {
  constructor(detail: string) {
    super(`REPORT_CONFIG is not the report's config slice: ${detail}`);
    this.name = 'KpiConfigError';
  }
}

/** Decodes `REPORT_CONFIG` (JSON of `kpiConfigOf`). @throws KpiConfigError when it is not that. */
export function parseKpiConfig(json: string): KpiConfig {
  try {
    return kpiConfigSchema.parse(JSON.parse(json)) as unknown as KpiConfig;
  } catch (err) {
    throw new KpiConfigError((err as Error).message);
  }
}
