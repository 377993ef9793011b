import { applyOverrides, whoIsOnCall } from '#domain/overrides.ts';
import type { RouteSnapshot } from '#domain/repositories.ts';
import { decide, type Roster } from '#domain/roster.ts';
import { addDays } from '#domain/time.ts';
import { NotSeededError } from '#shared/errors.ts';

export interface RouteDeps {
  /** One round trip: roster, the holidays of the candidate dates, the caller's profile. */
  load(dates: string[], phone: string | undefined): Promise<RouteSnapshot>;
  now: Date;
}

export interface RouteResult {
  mode: 'open' | 'assistant';
  reason: 'open' | 'holiday' | 'closed' | 'unstaffed';
  shift: string;
  shiftName: string;
  agents: number;
  onCall: 'true' | 'false';
  onCallName: string;
  onCallPhone: string;
  holiday: string;
  knownCaller: 'true' | 'false';
  greetByName: 'true' | 'false';
  customerName: string;
  openTickets: number;
  openTicketIds: string[];
  lastCategory: string;
  locale: string;
  localDate: string;
}

/**
 * Which way the call goes: a person (open and staffed) or the assistant (holiday, closed, nobody on
 * shift), with the on-call person and what we know of the caller. The business date is not known
 * before the roster (with its time zone) is read, so the holidays of the UTC date and its neighbours
 * are fetched in the same request and the right one is picked afterwards.
 */
export async function route(callerPhone: string | undefined, deps: RouteDeps): Promise<RouteResult> {
  const utcDate = deps.now.toISOString().slice(0, 10);
  const snapshot = await deps.load([addDays(utcDate, -1), utcDate, addDays(utcDate, 1)], callerPhone);
  const roster: Roster | undefined = snapshot.roster;
  if (!roster) throw new NotSeededError();
  const probe = decide(roster, null, deps.now);
  const holiday = snapshot.holidays.find((h) => h.date === probe.localDate) ?? null;
  const d = holiday ? decide(roster, holiday, deps.now) : probe;
  const p = snapshot.profile;
  const result: RouteResult = {
    mode: d.mode,
    reason: d.reason,
    shift: d.active?.shift.id ?? '',
    shiftName: d.active?.shift.name ?? '',
    agents: d.active && !holiday ? d.active.shift.agents : 0,
    onCall: d.onCall ? 'true' : 'false',
    onCallName: d.onCall?.name ?? '',
    onCallPhone: d.onCall?.phone ?? '',
    holiday: holiday?.name ?? '',
    knownCaller: p ? 'true' : 'false',
    greetByName: p?.name ? 'true' : 'false',
    customerName: p?.name ?? '',
    openTickets: p?.openTicketIds.length ?? 0,
    openTicketIds: p?.openTicketIds ?? [],
    lastCategory: p?.lastCategory ?? '',
    locale: roster.locale,
    localDate: d.localDate,
  };
  // The console's overrides (closed now, on-call swaps) win over the config for this call.
  const overrides = snapshot.overrides ?? [];
  return applyOverrides(result, overrides, deps.now, whoIsOnCall(roster, overrides, deps.now));
}
