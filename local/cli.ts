import { parseArgs } from 'node:util';
import { ConfigError, configWarnings, DEFAULT_CONFIG_FILE, loadConfig } from '../config/load.ts';

const HELP = `switchboard: a serverless contact center on Amazon Connect, runnable locally

Usage:
  switchboard check [--config FILE]      validate a config; prints every problem with its path
  switchboard start [--config FILE]      the local engine, the console (http://127.0.0.1:8080) and a terminal phone
  switchboard call [options]             one scripted call (see switchboard call --help)
  switchboard verify [--config FILE]     explore every caller path; exit 1 on a dead end
  switchboard flows [--out DIR]          write the flows as Flow Language JSON
  switchboard handover [--at T] [--shift ID] [--json]   what the handover at that moment would send
  switchboard report [options]           KPIs vs sla.targets (text, json, html, csv ledger)
  switchboard records [--data DIR]       the raw contact records
  switchboard missed [--data DIR] [--json]   questions the assistant missed, grouped, with alternates snippets
  switchboard plan [options]             Erlang C staffing per shift vs the roster
  switchboard cost [options]             itemised monthly cost estimate
  switchboard simulate [options]         a month of concurrent calls on one simulated clock

Options:
  --config FILE   the business config (default: ${DEFAULT_CONFIG_FILE})
  -h, --help      this help
`;

type Command = (argv: string[]) => Promise<number>;

const CHECK_HELP = `switchboard check [--config FILE]
  Validates a config: prints every problem with its path and how to fix it, and warnings (e.g. an SMS
  text that goes out in more than one segment). Exit 1 when the config is not valid.`;

async function check(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(CHECK_HELP);
    return 0;
  }
  const { values } = parseArgs({
    args: argv,
    options: { config: { type: 'string', default: DEFAULT_CONFIG_FILE } },
  });
  try {
    const c = loadConfig(values.config);
    console.log(
      `${values.config}: OK (${c.business.name}, ${c.business.locale}, ${c.business.timezone}; ` +
        `${c.queues.length} queues, ${c.shifts.length} shifts, ${c.faq.length} FAQ entries, ${c.holidays.length} holidays)`,
    );
    for (const w of configWarnings(c)) console.log(`  warning: ${w.path}: ${w.message}`);
    return 0;
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      return 1;
    }
    throw err;
  }
}

const lazy =
  (load: () => Promise<Command>, help: () => Promise<string>): Command =>
  async (argv) => {
    if (argv.includes('--help') || argv.includes('-h')) {
      console.log(await help());
      return 0;
    }
    return (await load())(argv);
  };

export const COMMANDS: Record<string, Command> = {
  check,
  start: lazy(
    async () => (await import('./commands/start.ts')).start,
    async () => (await import('./commands/start.ts')).START_HELP,
  ),
  call: lazy(
    async () => (await import('./commands/call.ts')).call,
    async () => (await import('./commands/call.ts')).CALL_HELP,
  ),
  verify: lazy(
    async () => (await import('./commands/verify.ts')).verifyCommand,
    async () => (await import('./commands/verify.ts')).VERIFY_HELP,
  ),
  flows: lazy(
    async () => (await import('./commands/flows.ts')).flows,
    async () => (await import('./commands/flows.ts')).FLOWS_HELP,
  ),
  handover: lazy(
    async () => (await import('./commands/handover.ts')).handoverCommand,
    async () => (await import('./commands/handover.ts')).HANDOVER_HELP,
  ),
  report: lazy(
    async () => (await import('./commands/report.ts')).report,
    async () => (await import('./commands/report.ts')).REPORT_HELP,
  ),
  records: lazy(
    async () => (await import('./commands/records.ts')).records,
    async () => (await import('./commands/records.ts')).RECORDS_HELP,
  ),
  missed: lazy(
    async () => (await import('./commands/missed.ts')).missed,
    async () => (await import('./commands/missed.ts')).MISSED_HELP,
  ),
  plan: lazy(
    async () => (await import('./commands/plan.ts')).plan,
    async () => (await import('./commands/plan.ts')).PLAN_HELP,
  ),
  cost: lazy(
    async () => (await import('./commands/cost.ts')).cost,
    async () => (await import('./commands/cost.ts')).COST_HELP,
  ),
  simulate: lazy(
    async () => (await import('./commands/simulate.ts')).simulateCommand,
    async () => (await import('./commands/simulate.ts')).SIMULATE_HELP,
  ),
};

async function main(): Promise<number> {
  const [name, ...rest] = process.argv.slice(2);
  if (!name || name === '-h' || name === '--help' || name === 'help') {
    console.log(HELP);
    return name ? 0 : 1;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`unknown command "${name}"\n\n${HELP}`);
    return 2;
  }
  try {
    return await command(rest);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      return 1;
    }
    if (['UsageError', 'TemplateError', 'UnknownShiftError'].includes((err as Error).name)) {
      console.error((err as Error).message);
      return 2;
    }
    if (err instanceof TypeError && (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`${err.message}\n\n${HELP}`);
      return 2;
    }
    throw err;
  }
}

// Output piped into a command that stops reading early (`switchboard report --format csv | head`) is not
// an error of ours: stop quietly, as Unix tools do.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

process.exitCode = await main();
