/**
 * One KPI against its target, as the report, the weekly e-mail and the console's KPI page show it. No
 * imports: the console's pages type-check this file (lambdas/console/api-types.ts) without Node or the
 * domain modules. The definitions and targets are in kpi.ts.
 */

export type KpiId =
  | 'answerRate'
  | 'serviceLevel'
  | 'abandonment'
  | 'asa'
  | 'aht'
  | 'csat'
  | 'callbacksKept'
  | 'urgentFirstResponse'
  | 'overdueTickets';

export interface Kpi {
  id: KpiId;
  /** Ratio 0-1, seconds or a count (see `unit`); null when nothing was measured. */
  value: number | null;
  unit: 'ratio' | 'seconds' | 'count';
  target: number;
  /** 'atLeast': value ≥ target is met; 'atMost': value ≤ target is met. */
  direction: 'atLeast' | 'atMost';
  /** null when nothing was measured. */
  met: boolean | null;
  /** How many contacts, answers or tickets the value is over. */
  basis: number;
}
