/**
 * Measures what a caller and an operator feel, on this machine, and prints the numbers (it asserts
 * nothing): the call-path bundles (size, cold import against an empty module), the route handler and
 * the FAQ search, whole simulated calls, and the engine's throughput per kind of call.
 *
 *   npm run bench                 everything
 *   npm run bench -- --only calls one section (bundles, route, faq, calls, throughput, verify, simulate)
 *   npm run bench -- --profile    also writes a CPU profile of the throughput (and simulate) run to .bench/
 *   npm run bench -- --only simulate --days 28 --calls-per-day 72   the month simulation's size
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/load.ts';
import { FLOW_FUNCTION_NAMES } from '../contact-flows/contracts.ts';
import { phoneCountriesOf } from '../infra/phone-metadata.ts';
import { ScriptedCaller } from '../local/phone.ts';
import { LocalSwitchboard } from '../local/switchboard.ts';
import { verify } from '../local/verify.ts';
import { busyLoopTimes, faqSearchTimes } from './eval/bench-faq.ts';
import { bundleFunction, functionNames, ROOT } from './lib/bundle.ts';

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    profile: { type: 'boolean', default: false },
    // simulate: the size of the simulated period (default: a month of about 2,000 calls).
    days: { type: 'string', default: '28' },
    'calls-per-day': { type: 'string', default: '72' },
  },
});
const run = (section: string) => !values.only || values.only === section;
const OUT = join(ROOT, '.bench');
mkdirSync(OUT, { recursive: true });

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

// 1. Bundles: what cdk deploy uploads, and how long Node takes to import each one in a fresh process
// (the SDK clients resolve from node_modules, as the Lambda runtime provides them).
if (run('bundles')) {
  const empty = join(OUT, 'empty.mjs');
  writeFileSync(empty, 'export const handler = async () => ({});\n');
  // A cold start as Lambda's init phase sees it: a fresh Node process that imports the bundle (the
  // process's own start-up is in every row, as it is in Lambda).
  const coldImportMs = (file: string, runs = 9): number => {
    const xs: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      execFileSync(
        process.execPath,
        ['--input-type=module', '-e', `await import(${JSON.stringify(file)});`],
        {
          cwd: ROOT,
          env: { ...process.env, AWS_REGION: 'us-east-1' },
        },
      );
      xs.push(performance.now() - t0);
    }
    return quantile(xs, 0.5);
  };
  const dynamoOnly = join(OUT, 'dynamodb-only.mjs');
  writeFileSync(
    dynamoOnly,
    "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\nexport const client = new DynamoDBClient({});\n",
  );
  const emptyMs = coldImportMs(empty);
  const rows = [];
  const dynamoMs = coldImportMs(dynamoOnly);
  rows.push({
    function: '(reference: DynamoDB client only)',
    'bundle KB': 0,
    'cold import ms (p50 of 9)': Number(dynamoMs.toFixed(1)),
    'x empty module': Number((dynamoMs / emptyMs).toFixed(2)),
    'SDK clients at cold start': 'client-dynamodb',
    'on first use': '',
  });
  // Flow functions are bundled as the stack bundles them: the shipped config's countries' number rules.
  const countries = phoneCountriesOf(loadConfig('switchboard.yaml'));
  for (const name of functionNames()) {
    const b = await bundleFunction(
      name,
      OUT,
      (FLOW_FUNCTION_NAMES as readonly string[]).includes(name) ? countries : undefined,
    );
    const ms = coldImportMs(b.file!);
    rows.push({
      function: name,
      'bundle KB': Number((b.bytes / 1024).toFixed(1)),
      'cold import ms (p50 of 9)': Number(ms.toFixed(1)),
      'x empty module': Number((ms / emptyMs).toFixed(2)),
      'SDK clients at cold start': b.externals.map((e) => e.replace('@aws-sdk/', '')).join(' '),
      'on first use': b.onFirstUse.map((e) => e.replace('@aws-sdk/', '')).join(' '),
    });
  }
  console.log(`\nBundles (a Node process importing an empty module: ${emptyMs.toFixed(1)} ms)`);
  console.table(rows);
}

const config = loadConfig('switchboard.yaml');

// 2. route: one BatchGetItem against dynalite, as Connect would invoke it (3 s limit in the flow).
if (run('route') || run('faq') || run('calls')) {
  const sb = await LocalSwitchboard.start(config);
  const rows = [];
  if (run('route')) {
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
  }
  if (run('faq')) {
    // One search against a 50-entry FAQ (the schema's maximum) per locale, and the noise floor.
    for (const locale of ['en-US', 'zh-CN'] as const) {
      rows.push(row(`FAQ search, 50 entries, ${locale}`, faqSearchTimes(locale)));
      rows.push(row(`FAQ search, 50 entries, ${locale}, CPU time`, faqSearchTimes(locale, 5000, 'cpu')));
    }
    rows.push(row('noise floor: 50 µs busy loop', busyLoopTimes()));
  }
  if (run('calls')) {
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
  }
  await sb.stop();
  console.log('\nCall path');
  console.table(rows);
}

// 3. Engine throughput: calls per second of each kind, one after another on one engine, and a mix.
if (run('throughput')) {
  const sb = await LocalSwitchboard.start(config);
  const DAY = '2026-11-23T15:00:00Z';
  const NIGHT = '2026-11-24T04:00:00Z';
  const kinds: Record<string, [string, string[]]> = {
    'queued (day, agent answers, survey)': [DAY, ['1', '5']],
    'after hours, FAQ answered': [NIGHT, ['say:how much is delivery', '1']],
    'after hours, message left': [NIGHT, ['say:leave a message', 'say:my dryer is broken please call']],
    'after hours, urgent': [NIGHT, ['say:I smell gas', '2']],
  };
  // The month simulation's mix: mostly daytime queue calls, a third of the volume after hours.
  const mix: Array<[string, number]> = [
    ['queued (day, agent answers, survey)', 0.6],
    ['after hours, FAQ answered', 0.2],
    ['after hours, message left', 0.15],
    ['after hours, urgent', 0.05],
  ];
  let seq = 0;
  const place = (kind: string) => {
    const [at, inputs] = kinds[kind]!;
    seq++;
    return sb.call({
      at: new Date(Date.parse(at) + seq * 1000),
      caller: new ScriptedCaller(inputs),
      from: `+1312557${String(seq % 10000).padStart(4, '0')}`,
    });
  };
  /** Calls per second, and the handlers' DynamoDB requests per call (what a call costs in AWS too). */
  const rate = async (pick: (i: number) => string, n: number) => {
    for (let i = 0; i < 20; i++) await place(pick(i)); // warm up
    const requests = sb.storeRequests;
    const t0 = performance.now();
    for (let i = 0; i < n; i++) await place(pick(i));
    return {
      'calls/s': Number((n / ((performance.now() - t0) / 1000)).toFixed(0)),
      'DynamoDB requests a call': Number(((sb.storeRequests - requests) / n).toFixed(1)),
    };
  };
  const session = values.profile ? new Session() : undefined;
  if (session) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
  }
  const rows = [];
  for (const kind of Object.keys(kinds))
    rows.push({ 'kind of call': kind, ...(await rate(() => kind, 300)) });
  const deck: string[] = [];
  for (const [kind, share] of mix) for (let i = 0; i < share * 100; i++) deck.push(kind);
  rows.push({
    'kind of call': 'realistic mix (60/20/15/5)',
    ...(await rate((i) => deck[(i * 37) % deck.length]!, 600)),
  });
  if (session) {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(join(OUT, 'throughput.cpuprofile'), JSON.stringify(profile));
    console.log(`CPU profile: ${join(OUT, 'throughput.cpuprofile')} (open in Chrome DevTools)`);
  }
  await sb.stop();
  console.log('\nEngine throughput (one engine, sequential calls, dynalite in memory)');
  console.table(rows);
}

// 4. verify (coverage, issue 13): calls and time for each shipped config and the largest valid config.
// The budget is 3 calls per action per plan; CPU seconds are the process's own (the wall clock includes
// other work on a shared machine).
if (run('verify')) {
  const { maxConfig } = await import('./lib/max-config.ts');
  const largest = maxConfig();
  const configs: Array<[string, ReturnType<typeof loadConfig>]> = [
    ['switchboard.yaml (en-US)', config],
    ['config/examples/zh-CN.yaml', loadConfig('config/examples/zh-CN.yaml')],
    [`largest valid (12x${largest.subKeys} menu, ${largest.queues} queues)`, largest.config],
  ];
  const rows = [];
  for (const [name, c] of configs) {
    const sb = await LocalSwitchboard.start(c);
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const report = await verify(sb);
    const cpu = process.cpuUsage(cpu0);
    const wall = (performance.now() - t0) / 1000;
    await sb.stop();
    const actions = report.coverage.reduce((n, x) => n + x.actions, 0);
    const plans = new Set(report.rows.map((r) => r.fault)).size;
    rows.push({
      config: name,
      actions,
      'plans explored': plans,
      calls: report.runs,
      'calls / (actions x plans)': Number((report.runs / (actions * plans)).toFixed(3)),
      'reached %': Number(
        (
          (100 * report.coverage.reduce((n, x) => n + x.visited, 0)) /
          report.coverage.reduce((n, x) => n + x.reachable, 0)
        ).toFixed(1),
      ),
      dead: report.coverage.reduce((n, x) => n + x.dead.length, 0),
      violations: report.violations.length,
      'wall s': Number(wall.toFixed(1)),
      'CPU s': Number(((cpu.user + cpu.system) / 1e6).toFixed(1)),
    });
  }
  console.log('\nverify (every flow, scenario, fault plan and situation)');
  console.table(rows);
}
// 5. simulate (begin): a month of calls on one simulated clock, as `switchboard simulate` runs it; wall
// clock and the process's CPU time (the machine may be shared: CPU time is what the run itself cost).
if (run('simulate')) {
  const { simulate } = await import('../local/sim/simulate.ts');
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const rows = [];
  const session = values.profile ? new Session() : undefined;
  if (session) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
  }
  for (const where of ['memory', 'data dir'] as const) {
    const dir = where === 'data dir' ? mkdtempSync(join(tmpdir(), 'sb-bench-sim-')) : undefined;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const s = await simulate({
      config,
      start: '2026-11-02',
      days: Number(values.days),
      callsPerDay: Number(values['calls-per-day']),
      seed: 'bench',
      ...(dir ? { dataDir: dir } : {}),
    });
    const wall = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    if (dir) rmSync(dir, { recursive: true, force: true });
    rows.push({
      database: where,
      days: s.days,
      calls: s.calls,
      'wall s': Number(wall.toFixed(1)),
      'CPU s (user+sys)': Number(((cpu.user + cpu.system) / 1e6).toFixed(1)),
      'CPU ms a call': Number(((cpu.user + cpu.system) / 1000 / s.calls).toFixed(1)),
      answered: s.answered,
      abandoned: s.abandoned,
      assistant: s.assistant,
      callbacks: s.callbacks,
      tickets: s.tickets,
      errors: s.errors,
    });
  }
  if (session) {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(join(OUT, 'simulate.cpuprofile'), JSON.stringify(profile));
    console.log(`CPU profile: ${join(OUT, 'simulate.cpuprofile')}`);
  }
  const load = (await import('node:os')).loadavg()[0]!;
  console.log(
    `\nMonth simulation (goal: 2,000 calls in < 60 s on 2 cores; load average now ${load.toFixed(1)})`,
  );
  console.table(rows);
}
// simulate (end)

console.log(
  `Node ${process.version}, ${process.arch}; wall-clock on this machine. Connect allows the route call 3 s (flow limit), 8 s at most.`,
);
