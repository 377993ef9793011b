import { parseArgs } from 'node:util';
import { staffingPlan } from '../../lambdas/domain/plan.ts';
import { configFrom } from './common.ts';
import { emit, parseNow, periodFrom, positiveNumber, withStore } from './operations.ts';

export const PLAN_HELP = `switchboard plan [--config F] [--data DIR] [--from D --to D] [--calls-per-hour N] [--aht S] [--json]
  Erlang C per shift: the agents needed to answer sla.targets.answerRate of calls within
  sla.answerWithinSeconds, beside the roster, with the predicted service level and average wait.
  The arrival rate and handle time are measured from the contact records in DIR unless given.`;

export async function plan(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      config: { type: 'string' },
      data: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      'calls-per-hour': { type: 'string' },
      aht: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const config = configFrom(values.config);
  const callsPerHour = positiveNumber('--calls-per-hour', values['calls-per-hour']);
  const aht = positiveNumber('--aht', values.aht);
  const rows = await withStore(config, values.data, async (store) => {
    const period = await periodFrom(values, config, store, parseNow(undefined));
    const recs =
      callsPerHour !== undefined && aht !== undefined
        ? []
        : await store.records.listBetween(period.from, period.to);
    return staffingPlan(config, recs, period, {
      ...(callsPerHour !== undefined ? { callsPerHour } : {}),
      ...(aht !== undefined && aht > 0 ? { ahtSeconds: aht } : {}),
    });
  });
  if (values.json) {
    emit(JSON.stringify(rows, null, 2), undefined);
    return 0;
  }
  const sla = config.sla;
  const head = `Staffing plan (Erlang C): ${Math.round(sla.targets.answerRate * 100)} % answered within ${sla.answerWithinSeconds} s`;
  const table = rows.map(
    (r) =>
      `  ${r.shift.padEnd(10)} ${String(r.callsPerHour).padStart(7)} calls/h  AHT ${String(r.ahtSeconds).padStart(4)} s  rostered ${String(r.agentsRostered).padStart(3)}  needed ${String(r.agentsNeeded).padStart(3)}  predicted ${(r.predictedServiceLevel * 100).toFixed(1).padStart(5)} %  wait ${r.averageWaitSeconds === null ? '   ∞' : String(r.averageWaitSeconds).padStart(5)} s`,
  );
  emit([head, ...table, '', ...rows.map((r) => `- ${r.advice}`)].join('\n'), undefined);
  return 0;
}
