import {
  allowOutbound,
  defaultPolicy,
  type OutboundCounter,
  type OutboundRefusal,
} from '#domain/sms-policy.ts';
import { NotSeededError } from '#shared/errors.ts';
import type { TicketDeps } from './ticket.ts';

export interface CallbackCheckResult {
  /** ALLOWED: the line may call `number` back (and the call was counted); REFUSED: it may not. */
  result: 'ALLOWED' | 'REFUSED';
  /** Why not ('' when allowed): not-a-number, premium-rate, country, daily-limit (sms-policy.ts). */
  reason: OutboundRefusal | '';
}

/**
 * hardening: whether a queued callback may dial `number` (the caller id, or the number the caller typed),
 * by the outbound policy of sms-policy.ts, the one definition texts follow too: a valid number, not
 * premium-rate, in `outbound.countries`, at most `outbound.perNumberPerDay` texts and callbacks per number
 * per UTC day (an allowed check counts as one). The queue flow asks for this right before it creates the
 * callback, and offers another number or holding when it is REFUSED. @throws NotSeededError
 */
export async function checkCallback(
  number: string | undefined,
  deps: Pick<TicketDeps, 'load' | 'now'> & { outbound: OutboundCounter },
): Promise<CallbackCheckResult> {
  const { roster } = await deps.load([]);
  if (!roster) throw new NotSeededError();
  if (!number) return { result: 'REFUSED', reason: 'not-a-number' };
  const policy = roster.outbound ?? defaultPolicy(roster.locale);
  const d = await allowOutbound(number, policy, deps.outbound, deps.now);
  return d.allowed ? { result: 'ALLOWED', reason: '' } : { result: 'REFUSED', reason: d.reason };
}
