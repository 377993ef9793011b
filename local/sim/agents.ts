/**
 * The agents of the month simulation: one pool per line (every queue is served by the agents of the shift
 * on duty, as the roster counts them), first come first served, callers who give up, and queued callbacks
 * that keep the caller's place.
 *
 * The model decides a caller's fate when they enter the queue, exactly, for a first-come-first-served
 * queue: nobody who arrives later is served earlier, so the wait offered to a caller depends only on the
 * callers already in the system. Each agent desk keeps the instant it is next free; the caller's offered
 * wait is the earliest instant a desk that is staffed at that instant is free. A caller whose patience is
 * shorter leaves then and takes no agent (the standard model of abandonment, Erlang A: Palm 1943, Garnett,
 * Mandelbaum & Reiman 2002); otherwise the desk is theirs from that instant for the handle time. A caller
 * who takes the queued callback the customer-queue flow offers keeps their place (a queued callback waits
 * in the queue in the caller's stead; the flow promises "without losing your place"): the callback is
 * answered when their turn comes.
 *
 * Staffing follows the roster on instants (the same `decide` as route and the engine): a desk numbered
 * i is staffed while the shift on duty has more than i agents; an agent still on a call when the shift
 * ends finishes it.
 */
import type { SwitchboardConfig } from '../../config/schema.ts';
import { decide, occurrence, type Roster } from '../../lambdas/domain/roster.ts';
import { rosterFromConfig } from '../../lambdas/domain/seed.ts';
import { addDays, localTime, zonedInstant } from '../../lambdas/domain/time.ts';
import type { Staffing } from '../engine/types.ts';

/** Agents on duty over time: a step function built from the roster's shift occurrences and holidays. */
export class StaffingTimeline {
  private readonly starts: number[] = [];
  private readonly agents: number[] = [];
  readonly maxAgents: number;

  /** Covers the local dates `from`..`to` (inclusive) of the config's time zone. */
  constructor(config: SwitchboardConfig, from: string, to: string) {
    const roster: Roster = rosterFromConfig(config);
    const tz = roster.timezone;
    const holidays = new Map(config.holidays.map((h) => [h.date, h]));
    const points = new Set<number>();
    for (let d = addDays(from, -2); d <= addDays(to, 1); d = addDays(d, 1)) {
      points.add(zonedInstant(d, 0, tz).getTime());
      for (const shift of roster.shifts) {
        const o = occurrence(shift, d, tz);
        points.add(o.startsAt.getTime());
        points.add(o.endsAt.getTime());
      }
    }
    let max = 0;
    for (const t of [...points].sort((a, b) => a - b)) {
      const at = new Date(t);
      const holiday = holidays.get(localTime(at, tz).date) ?? null;
      const d = decide(roster, holiday, at);
      const n = d.mode === 'open' ? (d.active?.shift.agents ?? 0) : 0;
      max = Math.max(max, n);
      if (this.agents.at(-1) === n) continue;
      this.starts.push(t);
      this.agents.push(n);
    }
    this.maxAgents = max;
  }

  private index(t: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    if (hi < 0 || t < this.starts[0]!) return -1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= t) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Agents on duty at instant `t` (ms). */
  at(t: number): number {
    const i = this.index(t);
    return i < 0 ? 0 : this.agents[i]!;
  }

  /** The first instant ≥ `t` when someone is on duty (Infinity past the timeline). */
  firstStaffed(t: number): number {
    let at = t;
    while (Number.isFinite(at) && this.at(at) === 0) at = this.nextChange(at);
    return at;
  }

  /** The first instant after `t` when the number on duty changes (Infinity past the timeline). */
  nextChange(t: number): number {
    const i = this.index(t);
    return this.starts[i + 1] ?? Number.POSITIVE_INFINITY;
  }
}

export interface QueueRequest {
  /** When the caller enters the queue (ms). */
  at: number;
  /** How long they would wait before hanging up (s). */
  patienceSeconds: number;
  /** Whether they take the callback the queue flow offers (then they never hang up on the queue). */
  takesCallback: boolean;
  /** The agent's talk time and after-contact work if the caller is served (s). */
  talkSeconds: number;
  acwSeconds: number;
}

export interface QueueFate {
  /** When an agent answers the caller or their callback; undefined: they give up or nobody comes. */
  answerAt?: number;
  /** When the caller hangs up if not answered. */
  giveUpAt?: number;
  /** The agent desk serving them (`agent-<n>`). */
  agent?: string;
}

/** How far ahead a desk is looked for: past it, nobody answers (a queued callback is missed). */
const HORIZON_MS = 7 * 86_400_000;

export class AgentPool {
  /** Instant each desk is next free, and its reserved [from, to) intervals (for the live metrics). */
  private readonly freeAt: number[];
  private readonly busy: Array<Array<[number, number]>>;
  /** Callers in the queue: [entered, left) intervals of callers that may still be waiting. */
  private waiting: Array<{ from: number; to: number }> = [];

  constructor(readonly staffing: StaffingTimeline) {
    this.freeAt = Array.from({ length: Math.max(1, staffing.maxAgents) }, () => 0);
    this.busy = this.freeAt.map(() => []);
  }

  /** The earliest instant ≥ `from` at which desk `i` is free and staffed (Infinity past the horizon). */
  private deskFrom(i: number, from: number): number {
    let t = Math.max(from, this.freeAt[i]!);
    const limit = from + HORIZON_MS;
    while (t < limit) {
      if (this.staffing.at(t) > i) return t;
      t = this.staffing.nextChange(t);
    }
    return Number.POSITIVE_INFINITY;
  }

  /** Decides a caller's fate as they enter the queue (see the module comment). */
  offer(r: QueueRequest): QueueFate {
    let best = Number.POSITIVE_INFINITY;
    let desk = -1;
    for (let i = 0; i < this.freeAt.length; i++) {
      const t = this.deskFrom(i, r.at);
      if (t < best) {
        best = t;
        desk = i;
      }
    }
    const waitMs = best - r.at;
    const served =
      desk >= 0 && Number.isFinite(best) && (r.takesCallback || waitMs <= r.patienceSeconds * 1000);
    if (!served) {
      const giveUpAt = r.takesCallback ? undefined : r.at + r.patienceSeconds * 1000;
      this.waiting.push({ from: r.at, to: giveUpAt ?? r.at });
      return giveUpAt === undefined ? {} : { giveUpAt };
    }
    this.freeAt[desk] = best + (r.talkSeconds + r.acwSeconds) * 1000;
    this.busy[desk]!.push([best, this.freeAt[desk]!]);
    this.waiting.push({ from: r.at, to: best });
    return { answerAt: best, agent: `agent-${desk + 1}` };
  }

  /** Agents and callers at instant `t`, as Connect's real-time metrics report them. */
  metrics(t: number): Staffing {
    this.waiting = this.waiting.filter((w) => w.to > t - 3_600_000);
    const inQueue = this.waiting.filter((w) => w.from <= t && t < w.to);
    const staffed = this.staffing.at(t);
    let busy = 0;
    for (let i = 0; i < staffed && i < this.busy.length; i++) {
      const desk = this.busy[i]!;
      while (desk.length > 0 && desk[0]![1] <= t) desk.shift(); // reservations are made in time order
      if (desk.length > 0 && desk[0]![0] <= t) busy++;
    }
    return {
      staffed,
      available: Math.max(0, staffed - busy),
      online: staffed,
      inQueue: inQueue.length,
      oldestSeconds: inQueue.length ? Math.round((t - Math.min(...inQueue.map((w) => w.from))) / 1000) : 0,
    };
  }
}
