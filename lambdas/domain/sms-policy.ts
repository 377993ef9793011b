/**
 * Who the line may text or call back, and how often: the guard against SMS pumping and toll fraud (a
 * spoofed caller id makes the line send texts the business pays for). Three rules, in this order:
 * 1. the number is a valid number for its country and not premium-rate, shared-cost or a personal
 *    number (phone.ts, NEVER_CONTACTED);
 * 2. its country is one of `outbound.countries` (default: the business's own country, resolved when the
 *    config is loaded);
 * 3. at most `outbound.perNumberPerDay` texts and callbacks per number per UTC day, counted by a
 *    conditional increment in DynamoDB (no transaction: one UpdateItem whose condition refuses the
 *    (N+1)th); the counter item expires two days later (TTL).
 * Sources: AWS End User Messaging SMS, "SMS pumping" best practices (country allow lists and per-number
 * rate limits); the premium-rate rule is Google libphonenumber's number types.
 */
import { NEVER_CONTACTED, readPhone } from './phone.ts';

export interface OutboundPolicy {
  /** ISO 3166 alpha-2 countries the line may text or call (`['US']`). */
  countries: readonly string[];
  /** Texts and callbacks per number per UTC day, all kinds together. */
  perNumberPerDay: number;
}

/** Why a number is not texted or called back. */
export type OutboundRefusal = 'not-a-number' | 'premium-rate' | 'country' | 'daily-limit';

export type OutboundDecision = { allowed: true } | { allowed: false; reason: OutboundRefusal };

/** The per-number daily counter (repositories.ts `OutboundCounterRepository`). */
export interface OutboundCounter {
  /**
   * Counts one more text or call to `number` on `day` unless `limit` is reached. Returns false when it is.
   * `expiresAt` is the counter item's TTL, in epoch seconds.
   */
  take(number: string, day: string, limit: number, expiresAt: number): Promise<boolean>;
}

/** The policy when the roster predates `outbound` (a directory seeded by an older version): the locale's country. */
export function defaultPolicy(locale: string): OutboundPolicy {
  const country = /^[a-z]{2}-([A-Z]{2})$/.exec(locale)?.[1];
  return { countries: country ? [country] : [], perNumberPerDay: 3 };
}

/** Rules 1 and 2, without counting: why `number` may not be texted or called, or undefined. Pure. */
export function outboundRefusal(number: string, policy: OutboundPolicy): OutboundRefusal | undefined {
  const p = readPhone(number);
  if (p.withheld || !number.startsWith('+')) return 'not-a-number';
  if (p.type && NEVER_CONTACTED.has(p.type)) return 'premium-rate';
  if (!p.country || !policy.countries.includes(p.country)) return 'country';
  return undefined;
}

/**
 * The number a ticket may be called back on under rules 1 and 2: its callback number, else the caller
 * id, when the policy allows it; undefined when neither is allowed (then nobody may promise the caller a
 * callback). The ticket function (its `callback` result) and verify's promise check both use it.
 */
export function callbackNumberOf(
  ticket: { callbackNumber?: string | undefined; callerPhone?: string | undefined },
  policy: OutboundPolicy,
): string | undefined {
  return [ticket.callbackNumber, ticket.callerPhone].find(
    (n): n is string => n !== undefined && outboundRefusal(n, policy) === undefined,
  );
}

/**
 * All three rules: whether the line may send one more text (or place one more callback) to `number` at
 * `now`, counting it when it may. Call it right before sending, once per message.
 */
export async function allowOutbound(
  number: string,
  policy: OutboundPolicy,
  counter: OutboundCounter,
  now: Date,
): Promise<OutboundDecision> {
  const refusal = outboundRefusal(number, policy);
  if (refusal) return { allowed: false, reason: refusal };
  const day = now.toISOString().slice(0, 10);
  const expiresAt = Math.floor(now.getTime() / 1000) + 2 * 86_400;
  const taken = await counter.take(number, day, policy.perNumberPerDay, expiresAt);
  return taken ? { allowed: true } : { allowed: false, reason: 'daily-limit' };
}

/** An in-memory counter, for tests and tools without a table. */
export function memoryCounter(): OutboundCounter {
  const counts = new Map<string, number>();
  return {
    async take(number, day, limit) {
      const key = `${number}#${day}`;
      const n = counts.get(key) ?? 0;
      if (n >= limit) return false;
      counts.set(key, n + 1);
      return true;
    },
  };
}
