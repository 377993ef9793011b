import { DEFAULT_CONFIG_FILE, loadConfig } from '../../config/load.ts';
import type { SwitchboardConfig } from '../../config/schema.ts';
import { FLOW_FUNCTION_NAMES } from '../../contact-flows/contracts.ts';
import { FaultSpecError, parseFaultSpec } from '../engine/faults.ts';
import type { FaultMode } from '../engine/types.ts';

export function configFrom(file: string | undefined): SwitchboardConfig {
  return loadConfig(file ?? DEFAULT_CONFIG_FILE);
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** `--at`: an ISO-8601 instant; a local time without offset is read in the business time zone's UTC offset is not guessed. */
export function parseAt(value: string | undefined): Date {
  if (!value || value === 'now') return new Date();
  const d = new Date(value);
  if (Number.isNaN(d.getTime()))
    throw new UsageError(`--at "${value}" is not an ISO-8601 time (e.g. 2026-11-23T21:30:00-06:00)`);
  return d;
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
