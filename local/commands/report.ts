import { parseArgs } from 'node:util';
import { operationsReport } from '../../lambdas/domain/operations.ts';
import { ledgerCsv, reportText } from '../../lambdas/domain/report.ts';
import { reportHtml } from '../report-html.ts';
import { configFrom, UsageError } from './common.ts';
import { emit, parseNow, periodFrom, withStore } from './operations.ts';

export const REPORT_HELP = `switchboard report [--config F] [--data DIR] [--from YYYY-MM-DD --to YYYY-MM-DD]
                   [--format text|json|html|csv] [--out FILE] [--now ISO-8601] [--seed S]
  KPIs of the contact records in DIR against sla.targets: answer rate, service level, ASA, abandonment,
  AHT, CSAT, contacts by issue, day and night, shift and queue, callbacks, urgent tickets, open and
  overdue tickets, and this period's QA sample. Dates are business-local and both included; without
  them the report covers every stored record. html: one self-contained page with charts; csv: the
  per-contact ledger.`;

const FORMATS = ['text', 'json', 'html', 'csv'] as const;

export async function report(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      config: { type: 'string' },
      data: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      format: { type: 'string', default: 'text' },
      out: { type: 'string' },
      now: { type: 'string' },
      seed: { type: 'string' },
    },
  });
  const format = values.format as (typeof FORMATS)[number];
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
  const config = configFrom(values.config);
  const text = await withStore(config, values.data, async (store) => {
    const period = await periodFrom(values, config, store, values.now ? parseNow(values.now) : new Date());
    const now = parseNow(values.now, period);
    const r = await operationsReport(store, config, period, now, values.seed ? { seed: values.seed } : {});
    const scores = new Map<string, number>();
    if (format === 'csv') {
      const data = await store.load(config, period);
      for (const s of data.surveys) scores.set(s.contactId, s.score);
    }
    switch (format) {
      case 'json':
        return JSON.stringify({ ...r.kpis, qa: r.qa }, null, 2);
      case 'html':
        return reportHtml(r.kpis, r.qa);
      case 'csv':
        return ledgerCsv(r.records, config.business.timezone, (id) => scores.get(id));
      default:
        return reportText(r.kpis, r.qa);
    }
  });
  emit(text, values.out);
  return 0;
}
