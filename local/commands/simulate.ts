import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { lastDays, SimulationOptionsError, type SimulationSummary, simulate } from '../sim/simulate.ts';
import { configFrom, UsageError } from './common.ts';
import { positiveNumber } from './operations.ts';

export const SIMULATE_HELP = `switchboard simulate --days N --calls-per-day X [--config F] [--seed S] [--start YYYY-MM-DD]
                     [--data DIR] [--profile FILE] [--aht S] [--patience S] [--json]
  Runs a period of calls through the real flows and handlers on one simulated clock: Poisson arrivals
  following a day profile (default: night hours at 30 % of the day's rate), the roster's agents serving
  the queues with handle times around --aht (default 180 s), callers hanging up after a patience around
  --patience (default 60 s), queued callbacks returned when an agent is free, after-hours callers asking
  FAQ questions, off-topic ones, urgent ones and leaving messages, survey answers.
  Deterministic for a seed. The contact records, tickets and surveys stay in DIR for report, records
  and plan (without --data the database is in memory and only the summary is left).
  --start   first business-local date (default: the N days that ended yesterday)
  --profile 24 hour weights (local time): a JSON array, or numbers separated by commas or lines
  --json    { from, to, days, seed, calls, answered, abandoned, assistant, callbacks, callbacksMade,
              onCall, ivr, tickets, ticketsWorked, surveys, serviceLevel, errors }`;

/** A day profile file: a JSON array of 24 numbers, or 24 numbers separated by commas, spaces or lines. */
export function readProfile(file: string): number[] {
  const text = readFileSync(file, 'utf8').trim();
  let values: unknown;
  try {
    values = text.startsWith('[')
      ? JSON.parse(text)
      : text
          .split(/[\s,;]+/)
          .filter(Boolean)
          .map(Number);
  } catch (err) {
    throw new UsageError(`--profile ${file}: ${(err as Error).message}`);
  }
  if (
    !Array.isArray(values) ||
    values.length !== 24 ||
    values.some((v) => typeof v !== 'number' || !Number.isFinite(v) || v < 0) ||
    values.every((v) => v === 0)
  )
    throw new UsageError(`--profile ${file}: needs 24 hour weights (numbers ≥ 0, not all 0), hour 0 first`);
  return values as number[];
}

export function formatSummary(s: SimulationSummary): string {
  const pct = (n: number) => (s.calls ? `${((n / s.calls) * 100).toFixed(1)} %` : '-');
  const row = (label: string, n: number) => `  ${label.padEnd(26)}${String(n).padStart(7)}  ${pct(n)}`;
  return [
    `Simulated ${s.days} day(s), ${s.from} to ${s.to} (seed ${s.seed})`,
    row('calls', s.calls),
    row('answered by an agent', s.answered),
    row('abandoned in the queue', s.abandoned),
    row('callback requested', s.callbacks),
    row('handled by the assistant', s.assistant),
    row('transferred to on-call', s.onCall),
    row('ended in the menu', s.ivr),
    `  ${'callbacks made'.padEnd(26)}${String(s.callbacksMade).padStart(7)}`,
    `  ${'tickets created'.padEnd(26)}${String(s.tickets).padStart(7)}`,
    `  ${'tickets worked'.padEnd(26)}${String(s.ticketsWorked).padStart(7)}`,
    `  ${'survey answers'.padEnd(26)}${String(s.surveys).padStart(7)}`,
    `  ${'service level'.padEnd(26)}${s.serviceLevel === null ? '      -' : `${(s.serviceLevel * 100).toFixed(1).padStart(7)} %`}`,
    ...(s.errors ? [`  ${s.errors} call(s) stopped with an engine error`] : []),
  ].join('\n');
}

export async function simulateCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      config: { type: 'string' },
      days: { type: 'string' },
      'calls-per-day': { type: 'string' },
      seed: { type: 'string', default: '1' },
      start: { type: 'string' },
      data: { type: 'string' },
      profile: { type: 'string' },
      aht: { type: 'string' },
      patience: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const days = positiveNumber('--days', values.days);
  const callsPerDay = positiveNumber('--calls-per-day', values['calls-per-day']);
  if (days === undefined || !Number.isInteger(days))
    throw new UsageError('--days needs a whole number of days');
  if (callsPerDay === undefined) throw new UsageError('--calls-per-day needs a number (e.g. 70)');
  if (values.start !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.start))
    throw new UsageError(`--start "${values.start}" is not a date (YYYY-MM-DD)`);
  const config = configFrom(values.config);
  const aht = positiveNumber('--aht', values.aht);
  const patience = positiveNumber('--patience', values.patience);
  const profile = values.profile ? readProfile(values.profile) : undefined;
  const tty = !values.json && process.stderr.isTTY;
  try {
    const summary = await simulate({
      config,
      start: values.start ?? lastDays(config, days),
      days,
      callsPerDay,
      seed: values.seed,
      ...(values.data ? { dataDir: values.data } : {}),
      ...(profile ? { profile } : {}),
      ...(aht ? { ahtSeconds: aht } : {}),
      ...(patience ? { patienceSeconds: patience } : {}),
      ...(tty
        ? {
            onProgress: (done: number, total: number) => {
              if (done % 50 === 0 || done === total) process.stderr.write(`\r  ${done}/${total} calls`);
              if (done === total) process.stderr.write('\n');
            },
          }
        : {}),
    });
    console.log(values.json ? JSON.stringify(summary, null, 2) : formatSummary(summary));
    return summary.errors > 0 ? 1 : 0;
  } catch (err) {
    if (err instanceof SimulationOptionsError) throw new UsageError(err.message);
    throw err;
  }
}
