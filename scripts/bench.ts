/**
 * Measures the call path as a caller would feel it, on this machine, against the embedded DynamoDB:
 * the route handler (the first thing every call waits for), the assistant's FAQ retrieval, and whole
 * simulated calls through the engine. Prints its numbers; it asserts nothing.
 */
import { performance } from 'node:perf_hooks';

// Before the handlers load: their logger reads the level when it is created.
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const { loadConfig } = await import('../config/load.ts');
const { FaqIndex } = await import('../lambdas/domain/faq.ts');
const { ScriptedCaller } = await import('../local/phone.ts');
const { LocalSwitchboard } = await import('../local/switchboard.ts');

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};
const row = (name: string, xs: number[], unit = 'ms') => ({
  measure: name,
  n: xs.length,
  [`p50 ${unit}`]: Number(quantile(xs, 0.5).toFixed(3)),
  [`p95 ${unit}`]: Number(quantile(xs, 0.95).toFixed(3)),
  [`p99 ${unit}`]: Number(quantile(xs, 0.99).toFixed(3)),
  [`max ${unit}`]: Number(Math.max(...xs).toFixed(3)),
});

const config = loadConfig('switchboard.yaml');
const sb = await LocalSwitchboard.start(config);
const rows = [];

// 1. route: one BatchGetItem against dynalite, as Connect would invoke it (3 s limit in the flow).
const event = (i: number) => ({
  Name: 'ContactFlowEvent',
  Details: {
    ContactData: {
      Attributes: {},
      Channel: 'VOICE',
      ContactId: `bench-${i}`,
      CustomerEndpoint: {
        Address: `+1312555${String(i % 10000).padStart(4, '0')}`,
        Type: 'TELEPHONE_NUMBER',
      },
    },
    Parameters: {},
  },
});
const routeMs: number[] = [];
for (let i = 0; i < 520; i++) {
  const t0 = performance.now();
  await sb.invoke(sb.refs.functions.route, event(i), 3);
  if (i >= 20) routeMs.push(performance.now() - t0);
}
rows.push(row('route handler (dynalite)', routeMs));

// 2. FAQ retrieval alone, per question.
const index = new FaqIndex(config.faq, config.business.locale);
const questions = [
  'how much is delivery',
  'can I return my washer',
  'what time do you close on saturday',
  'my fridge is warm',
  'who won the game',
];
const faqMs: number[] = [];
for (let i = 0; i < 5000; i++) {
  const t0 = performance.now();
  index.search(questions[i % questions.length]!);
  faqMs.push(performance.now() - t0);
}
rows.push(row('FAQ search', faqMs));
// 2b. One FAQ search at 50 entries (the schema's maximum) per locale, target p99 < 5 ms; with the
// machine's noise floor (a fixed 50 µs loop timed the same way).
const { busyLoopTimes, faqSearchTimes } = await import('./eval/bench-faq.ts');
for (const locale of ['en-US', 'zh-CN'] as const)
  rows.push(row(`FAQ search, 50 entries, ${locale}`, faqSearchTimes(locale)));
rows.push(row('noise floor: 50 µs busy loop', busyLoopTimes()));

// 3. Whole calls through the engine (real flows, real handlers, simulated time).
const callMs: number[] = [];
const scripts: Array<[string, string[]]> = [
  ['2026-11-23T15:00:00Z', ['1', '5']],
  ['2026-11-24T04:00:00Z', ['say:how much is delivery', '1']],
  ['2026-11-24T04:00:00Z', ['say:I smell gas', '1']],
];
for (let i = 0; i < 300; i++) {
  const [at, inputs] = scripts[i % scripts.length]!;
  const t0 = performance.now();
  await sb.call({
    at: new Date(at),
    caller: new ScriptedCaller(inputs),
    from: `+1312556${String(i).padStart(4, '0')}`,
  });
  callMs.push(performance.now() - t0);
}
rows.push(row('simulated call, end to end', callMs));
await sb.stop();

console.table(rows);
console.log(
  `Node ${process.version}, ${process.arch}; wall-clock on this machine, dynalite in memory. Connect allows the route call 3 s (flow limit), 8 s at most.`,
);
