import * as z from 'zod/mini';
import { type OnCallEntry, onCallOccurrence, type Roster } from './roster.ts';

/**
 * Overrides: what a manager changes for now from the console, never what the line is (the config is
 * the truth for that). They live in one item of the directory table (`OVERRIDES` / `CURRENT`), apart
 * from everything the seed writes, so a deploy or a re-seed never erases them; `route` reads that item
 * in its one BatchGetItem.
 *
 * - `closed`: the line is closed from `from` until `until` (instants, UTC ISO-8601; no `until` = until
 *   reopened). Callers hear the reason and reach the assistant; the on-call person is still paged.
 * - `onCall`: for shift `shift`, `name`/`phone` is on call instead of the config's person for the shift
 *   occurrences that start on the local dates `from`..`to` (inclusive, YYYY-MM-DD, business time zone).
 */
const base = {
  id: z.string(),
  createdAt: z.string(),
  by: z.string(),
};

export const closedOverride = z.object({
  ...base,
  type: z.literal('closed'),
  reason: z.string(),
  from: z.string(),
  until: z.optional(z.string()),
});

export const onCallOverride = z.object({
  ...base,
  type: z.literal('onCall'),
  shift: z.string(),
  name: z.string(),
  phone: z.string(),
  from: z.string(),
  to: z.string(),
});

export const override = z.discriminatedUnion('type', [closedOverride, onCallOverride]);
export type ClosedOverride = z.infer<typeof closedOverride>;
export type OnCallOverride = z.infer<typeof onCallOverride>;
export type Override = z.infer<typeof override>;

/** Key of the one item that holds every override (directory table). */
export const OVERRIDES_KEY = { pk: 'OVERRIDES', sk: 'CURRENT' } as const;

/** At most this many overrides are kept (expired ones are dropped on every write). */
export const MAX_OVERRIDES = 100;

const stored = z.object({
  overrides: z._default(z.array(z.unknown()), []),
  version: z._default(z.number(), 0),
});

/**
 * Decodes the overrides item. An entry that does not decode is skipped rather than failing the call
 * path (a caller must still be routed); the console reads the same item and shows what it kept.
 */
export function decodeOverrides(item: Record<string, unknown> | undefined): {
  overrides: Override[];
  version: number;
} {
  if (!item) return { overrides: [], version: 0 };
  const parsed = stored.safeParse(item);
  if (!parsed.success) return { overrides: [], version: 0 };
  const overrides: Override[] = [];
  for (const raw of parsed.data.overrides) {
    const o = override.safeParse(raw);
    if (o.success) overrides.push(o.data);
  }
  return { overrides, version: parsed.data.version };
}

/** The closure in force at `now` (the most recently created when several overlap), or null. */
export function activeClosure(overrides: readonly Override[], now: Date): ClosedOverride | null {
  const t = now.getTime();
  let best: ClosedOverride | null = null;
  for (const o of overrides) {
    if (o.type !== 'closed') continue;
    if (Date.parse(o.from) > t) continue;
    if (o.until && Date.parse(o.until) <= t) continue;
    if (!best || o.createdAt > best.createdAt) best = o;
  }
  return best;
}

/** The on-call swap for a shift occurrence that started on `localDate`, or null. */
export function onCallSwap(
  overrides: readonly Override[],
  shift: string,
  localDate: string,
): OnCallOverride | null {
  let best: OnCallOverride | null = null;
  for (const o of overrides) {
    if (o.type !== 'onCall' || o.shift !== shift) continue;
    if (localDate < o.from || localDate > o.to) continue;
    if (!best || o.createdAt > best.createdAt) best = o;
  }
  return best;
}

/** The person on call, after the console's swaps: `swapped` when a swap replaced the config's person. */
export interface OnCallPerson extends OnCallEntry {
  /** Local date (business time zone) the shift occurrence started on: the date a swap is made for. */
  date: string;
  swapped: boolean;
}

/**
 * The on-call person of one shift occurrence (shift id, local date it started): the console's swap for
 * it when there is one, else the config's entry for the shift, else null.
 */
export function onCallFor(
  roster: Pick<Roster, 'onCall'>,
  overrides: readonly Override[],
  shift: string,
  date: string,
): OnCallPerson | null {
  const swap = onCallSwap(overrides, shift, date);
  if (swap) return { shift, name: swap.name, phone: swap.phone, date, swapped: true };
  const entry = roster.onCall.find((o) => o.shift === shift);
  return entry ? { ...entry, date, swapped: false } : null;
}

/**
 * THE answer to "who is on call at instant T": the config's roster (`onCallOccurrence`: the shift on,
 * or on a holiday or an off day the shift whose hours cover T) with the console's on-call swap for that
 * shift occurrence applied. Route (the transfer), the ticket function (the first page) and the
 * escalation (every page) all ask this, so a swap made in the console reaches each of them on the next
 * call. Null when nobody is on call.
 */
export function whoIsOnCall(
  roster: Pick<Roster, 'shifts' | 'timezone' | 'onCall'>,
  overrides: readonly Override[],
  at: Date,
): OnCallPerson | null {
  const o = onCallOccurrence(roster, at);
  return o ? onCallFor(roster, overrides, o.entry.shift, o.date) : null;
}

/** Whether an override can still matter at `now` (expired ones are dropped when the list is written). */
export function isCurrent(o: Override, now: Date, today: string): boolean {
  if (o.type === 'closed') return !o.until || Date.parse(o.until) > now.getTime();
  return o.to >= today;
}

/** Route's view of an override: what changes on the next call. */
export interface OverriddenRoute {
  mode: 'open' | 'assistant';
  reason: 'open' | 'holiday' | 'closed' | 'unstaffed';
  holiday: string;
  agents: number;
  onCall: 'true' | 'false';
  onCallName: string;
  onCallPhone: string;
}

/**
 * Applies the overrides to route's result. A closure sends the caller to the assistant with its reason
 * spoken by the flow's holiday prompt ("We are closed today for <reason>"), so no flow changes; the
 * on-call person stays as they are (paging continues). The on-call person is `whoIsOnCall` (the swap
 * for the shift occurrence on call, if any).
 */
export function applyOverrides<T extends OverriddenRoute>(
  result: T,
  overrides: readonly Override[],
  now: Date,
  onCall: OnCallPerson | null,
): T {
  let out = result;
  if (onCall?.swapped) out = { ...out, onCall: 'true', onCallName: onCall.name, onCallPhone: onCall.phone };
  const closure = activeClosure(overrides, now);
  if (closure) out = { ...out, mode: 'assistant', reason: 'holiday', holiday: closure.reason, agents: 0 };
  return out;
}
