import { parseArgs } from 'node:util';
import { contactResult, handleSeconds } from '../../lambdas/domain/records.ts';
import { localTime } from '../../lambdas/domain/time.ts';
import { configFrom } from './common.ts';
import { emit, parseNow, periodFrom, withStore } from './operations.ts';

export const RECORDS_HELP = `switchboard records [--config F] [--data DIR] [--from YYYY-MM-DD --to YYYY-MM-DD] [--json]
  The raw contact records in DIR, oldest first: one line each, or the stored records as JSON.`;

export async function records(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      config: { type: 'string' },
      data: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const config = configFrom(values.config);
  const tz = config.business.timezone;
  const list = await withStore(config, values.data, async (store) => {
    const period = await periodFrom(values, config, store, parseNow(undefined));
    return store.records.listBetween(period.from, period.to);
  });
  if (values.json) {
    emit(JSON.stringify(list, null, 2), undefined);
    return 0;
  }
  if (list.length === 0) {
    console.log('no contact records');
    return 0;
  }
  const lines = list.map((r) => {
    const lt = localTime(new Date(r.initiatedAt!), tz);
    const hhmm = `${String(Math.floor(lt.minutes / 60)).padStart(2, '0')}:${String(lt.minutes % 60).padStart(2, '0')}`;
    const res = contactResult(r);
    const detail =
      res.kind === 'agent'
        ? `after ${Math.round(res.waitSeconds)} s`
        : res.kind === 'abandoned'
          ? `after ${Math.round(res.afterSeconds)} s`
          : '';
    const h = handleSeconds(r);
    return [
      `${lt.date} ${hhmm}`,
      r.contactId,
      `${res.kind}${detail ? ` ${detail}` : ''}`,
      r.queue ?? r.queueArn?.split('/').pop() ?? '-',
      r.category ?? '-',
      r.shift ?? '-',
      h === undefined ? '' : `handle ${Math.round(h)} s`,
      r.csat !== undefined ? `CSAT ${r.csat}` : '',
      r.ticketId ?? '',
    ]
      .filter(Boolean)
      .join('  ');
  });
  emit(`${lines.join('\n')}\n${list.length} record(s)`, undefined);
  return 0;
}
