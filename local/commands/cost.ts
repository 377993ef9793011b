import { parseArgs } from 'node:util';
import { CUSTOM_FLOWS_DIR } from '../../contact-flows/index.ts';
import { customFlowFiles } from '../../contact-flows/template.ts';
import { estimateCost } from '../../lambdas/domain/cost.ts';
import { configFrom } from './common.ts';
import { emit, positiveNumber } from './operations.ts';

export const COST_HELP = `switchboard cost [--config F] [--calls N] [--minutes M] [--segments S] [--assistant-share X] [--json]
  Itemised monthly estimate for this config (default 1,000 calls of 3 minutes), from the dated price
  table in lambdas/domain/prices.ts, in USD and CNY, per call, beside small-business SaaS plans.`;

export async function cost(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      config: { type: 'string' },
      calls: { type: 'string' },
      minutes: { type: 'string' },
      segments: { type: 'string' },
      'assistant-share': { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const config = configFrom(values.config);
  const opt = (flag: string, v: string | undefined) => positiveNumber(flag, v);
  const calls = opt('--calls', values.calls);
  const minutes = opt('--minutes', values.minutes);
  const segments = opt('--segments', values.segments);
  const share = opt('--assistant-share', values['assistant-share']);
  const e = estimateCost(config, {
    customFlows: customFlowFiles(CUSTOM_FLOWS_DIR).length,
    ...(calls !== undefined ? { calls } : {}),
    ...(minutes !== undefined ? { minutesPerCall: minutes } : {}),
    ...(segments !== undefined ? { segmentsPerMessage: segments } : {}),
    ...(share !== undefined ? { assistantShare: Math.min(1, share) } : {}),
  });
  if (values.json) {
    emit(JSON.stringify(e, null, 2), undefined);
    return 0;
  }
  const usd = (n: number) => `$${n.toFixed(2)}`;
  const a = e.assumptions;
  const lines = [
    `Monthly estimate for ${config.business.name} (${config.deployment.region}), prices dated ${e.pricesDated}`,
    `${a.calls} calls × ${a.minutesPerCall} min; ${Math.round(a.assistantShare * 100)} % to the assistant; number in ${a.numberCountry}; SMS to ${a.smsCountry}`,
    '',
    ...e.items.map((i) => `  ${i.name.padEnd(42)} ${usd(i.usd).padStart(9)}   ${i.basis}`),
    `  ${'Total'.padEnd(42)} ${usd(e.totalUsd).padStart(9)}   ≈ ¥${e.totalCny.toFixed(0)} (1 USD = ${e.usdToCny} CNY); ${usd(e.perCallUsd)} a call`,
    '',
    'Hosted small-business plans for comparison:',
    ...e.saas.map((s) => `  ${s.name}: ¥${s.cnyLow}-${s.cnyHigh} a month${s.fits ? '  ← this volume' : ''}`),
    '',
    'Sources: see lambdas/domain/prices.ts (each row names its page).',
  ];
  emit(lines.join('\n'), undefined);
  return 0;
}
