import { DEFAULT_CONFIG_FILE, loadConfig } from '../../config/load.ts';
import type { SwitchboardConfig } from '../../config/schema.ts';
import { FLOW_FUNCTION_NAMES } from '../../contact-flows/contracts.ts';
import { localTime, wallClock, zonedInstant } from '../../lambdas/domain/time.ts';
import { FaultSpecError, parseFaultSpec } from '../engine/faults.ts';
import type { CallerInput, FaultMode } from '../engine/types.ts';
import { InputScriptError, parseInput } from '../phone.ts';

export function configFrom(file: string | undefined): SwitchboardConfig {
  return loadConfig(file ?? DEFAULT_CONFIG_FILE);
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

const LOCAL_TIME = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * `--at`: when the call happens. A time with an offset or `Z` is that instant; a time without one
 * (`2026-11-28T21:00`, `2026-11-28 21:00`, or a date for its midnight) is the business's local time in
 * `timezone` (a wall time a DST change skips is the moment the clocks jump, a repeated one its first
 * occurrence: lambdas/domain/time.ts). `now` or nothing: the current time. @throws UsageError
 */
export function parseAt(value: string | undefined, timezone?: string): Date {
  if (!value || value === 'now') return new Date();
  const local = LOCAL_TIME.exec(value.trim());
  if (local && timezone) {
    const [, date, hh = '0', mm = '0', ss = '0'] = local;
    const minutes = Number(hh) * 60 + Number(mm);
    const d = new Date(`${date}T00:00:00Z`);
    if (
      Number.isNaN(d.getTime()) ||
      d.toISOString().slice(0, 10) !== date ||
      minutes > 1439 ||
      Number(ss) > 59
    )
      throw new UsageError(`--at "${value}" is not a date and time (e.g. 2026-11-28T21:00)`);
    return new Date(zonedInstant(date!, minutes, timezone).getTime() + Number(ss) * 1000);
  }
  const d = new Date(value);
  if (Number.isNaN(d.getTime()))
    throw new UsageError(
      `--at "${value}" is not a time: write the business's local time (2026-11-28T21:00) or an ISO-8601 instant with an offset (2026-11-28T21:00:00-06:00)`,
    );
  return d;
}

/** How a call's time is shown: the business's local wall time and zone, then the instant in UTC. */
export function describeAt(at: Date, timezone: string): string {
  const l = localTime(at, timezone);
  const hhmm = wallClock(at, timezone);
  const day = l.day.charAt(0).toUpperCase() + l.day.slice(1);
  return `${day} ${l.date} ${hhmm} ${timezone} (${at.toISOString()})`;
}

/** Parses `--input` values up front, so that a bad one is a usage error before anything starts. */
export function parseInputs(values: string[] | undefined): CallerInput[] {
  return (values ?? []).map((v) => {
    try {
      return parseInput(v);
    } catch (err) {
      if (err instanceof InputScriptError) throw new UsageError(`--input ${err.message}`);
      throw err;
    }
  });
}

/** `--agents-online N`: a whole number of agents logged in (0 or more). @throws UsageError */
export function parseAgentsOnline(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n))
    throw new UsageError(`--agents-online "${value}" is not a number of agents (0, 1, 2, ...)`);
  return n;
}

/**
 * `--from`: the caller id as the network presents it (`+13125550142`, `anonymous`, `266696687`), or
 * `withheld` for none. It is passed on as is: the handlers decide whether it is a real number
 * (lambdas/domain/phone.ts), as they would in Connect.
 */
export function parseFrom(value: string | undefined, fallback: string): string | null {
  if (value === undefined) return fallback;
  if (value === 'withheld') return null;
  if (!value.trim()) throw new UsageError('--from needs a caller id (e.g. +13125550142) or "withheld"');
  return value.trim();
}

/**
 * `--fail NAME[:MODE]`, repeatable: a flow function (`route`, `ticket:timeout`, `ticket:after-write`), a
 * service (`sns`, `sns:timeout`, `dynamodb`, `bedrock`, `bedrock:timeout`) or a failure of Connect
 * (`queue-full`, `queue-transfer`, `transfer-failed`, `callback-failed`); see local/engine/faults.ts.
 */
export function parseFaults(values: string[] | undefined): Record<string, FaultMode> {
  const out: Record<string, FaultMode> = {};
  for (const v of values ?? []) {
    try {
      const [name, mode] = parseFaultSpec(v, FLOW_FUNCTION_NAMES);
      out[name] = mode;
    } catch (err) {
      if (err instanceof FaultSpecError) throw new UsageError(err.message);
      throw err;
    }
  }
  return out;
}
