/**
 * `switchboard simulate`: a period of calls through the real flows and handlers on one simulated clock.
 *
 * Calls arrive as a Poisson process whose rate follows a day profile (hour weights in the business time
 * zone); each call is a process on the shared clock (clock.ts) that runs the generated flows on the local
 * engine, which invokes the real handlers against the data dir and announces Connect's contact events to
 * the contact-events function. Callers who reach a queue are served by the agents of the shift on duty
 * (agents.ts). Everything drawn comes from one seeded generator, and contact ids are numbered, so a seed
 * gives the same calls, records, tickets and surveys on any machine.
 */
import type { SwitchboardConfig } from '../../config/schema.ts';
import { seededRandom } from '../../lambdas/domain/qa.ts';
import { addDays, localTime, zonedInstant } from '../../lambdas/domain/time.ts';
import type { QueueInfo } from '../engine/types.ts';
import { type CallReport, LocalSwitchboard, type SharedWorld } from '../switchboard.ts';
import { AgentPool, StaffingTimeline } from './agents.ts';
import { ASSISTANT_MIX, type CallerPlan, CSAT_MIX, draw, exponential, SimulatedCaller } from './callers.ts';
import { SimClock } from './clock.ts';

/** Hour weights of a day: 1 from 08:00 to 20:00, 0.3 at night (the practice's night ≈ 30 % of the day). */
export const DEFAULT_PROFILE: readonly number[] = Array.from({ length: 24 }, (_, h) =>
  h >= 8 && h < 20 ? 1 : 0.3,
);

export interface SimulateOptions {
  config: SwitchboardConfig;
  /** First business-local date (YYYY-MM-DD). */
  start: string;
  days: number;
  /** Mean calls a day (the Poisson rate over a whole day). */
  callsPerDay: number;
  seed?: string;
  /** Keep the database here (else in memory: the summary is all that is left). */
  dataDir?: string;
  /** 24 hour weights, local time; the rate in an hour is callsPerDay × weight ÷ sum of weights. */
  profile?: readonly number[];
  /** Mean handle time of an agent call (talk + after-contact work), s. Default 180. */
  ahtSeconds?: number;
  /** Mean time a caller holds before hanging up, s. Default 60. */
  patienceSeconds?: number;
  /** Share of callers who take the queued callback when offered. Default 0.3. */
  callbackShare?: number;
  /** Share of callers who answer the survey after an agent call. Default 0.6. */
  surveyShare?: number;
  /** Simulated seconds each function call takes. Default 0.2. */
  lambdaSeconds?: number;
  /** Called as calls finish (for a progress line). */
  onProgress?: (done: number, total: number) => void;
  /** Whether agents work the tickets (messages, urgent pages) after the calls. Default true. */
  workTickets?: boolean;
  /** Use this switchboard (its database) instead of starting one. */
  switchboard?: LocalSwitchboard;
}

export interface SimulationSummary {
  from: string;
  to: string;
  days: number;
  seed: string;
  /** Inbound calls placed. */
  calls: number;
  /** Answered by an agent. */
  answered: number;
  /** Hung up while waiting in a queue. */
  abandoned: number;
  /** Handled by the assistant (answered, messages, off-topic; urgent ones not transferred). */
  assistant: number;
  /** Took a queued callback. */
  callbacks: number;
  /** Queued callbacks an agent returned within the simulated period and its horizon. */
  callbacksMade: number;
  /** Transferred to the on-call person. */
  onCall: number;
  /** Ended in the menu (or anywhere else in the IVR). */
  ivr: number;
  /** Tickets created. */
  tickets: number;
  /** Survey answers stored. */
  surveys: number;
  /** Tickets an agent or the on-call person took and resolved (through the ticket function). */
  ticketsWorked: number;
  /** Answered within `sla.answerWithinSeconds` ÷ (answered + abandoned); null without queued calls. */
  serviceLevel: number | null;
  /** Calls whose engine run stopped with an error (a broken flow; should be 0). */
  errors: number;
}

export class SimulationOptionsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SimulationOptionsError';
  }
}

/** Knuth's Poisson draw (means here are a few calls an hour). */
function poisson(random: () => number, mean: number): number {
  if (mean <= 0) return 0;
  if (mean > 50) return Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian(random)));
  const l = Math.exp(-mean);
  let k = 0;
  let p = 1;
  do {
    k++;
    p *= random();
  } while (p > l);
  return k - 1;
}

function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** Callers' numbers: a pool (some call more than once), a few withheld. */
function callerNumber(config: SwitchboardConfig, random: () => number): string | null {
  if (random() < 0.03) return null;
  const n = String(Math.floor(random() * 4000)).padStart(4, '0');
  return config.business.locale.startsWith('zh') ? `+861381234${n}` : `+1312555${n}`;
}

interface Arrival {
  at: number;
  contactId: string;
  from: string | null;
  plan: CallerPlan;
  engineSeed: number;
  random: () => number;
}

/** Every arrival of the period, in time order, each with its caller's plan (drawn from the seed). */
export function arrivals(o: SimulateOptions): Arrival[] {
  const profile = o.profile ?? DEFAULT_PROFILE;
  if (profile.length !== 24 || profile.some((w) => !(w >= 0)) || profile.every((w) => w === 0))
    throw new SimulationOptionsError('the day profile needs 24 non-negative hour weights, not all 0');
  const seed = o.seed ?? '1';
  const random = seededRandom(`simulate:${seed}`);
  const tz = o.config.business.timezone;
  const total = profile.reduce((a, b) => a + b, 0);
  const aht = o.ahtSeconds ?? 180;
  const patience = o.patienceSeconds ?? 60;
  const out: Arrival[] = [];
  let n = 0;
  for (let d = 0; d < o.days; d++) {
    const date = addDays(o.start, d);
    const times: number[] = [];
    for (let h = 0; h < 24; h++) {
      const from = zonedInstant(date, h * 60, tz).getTime();
      const to = zonedInstant(h === 23 ? addDays(date, 1) : date, h === 23 ? 0 : (h + 1) * 60, tz).getTime();
      if (to <= from) continue; // an hour skipped by a DST change
      const count = poisson(random, (o.callsPerDay * profile[h]!) / total);
      for (let i = 0; i < count; i++) times.push(Math.round(from + random() * (to - from)));
    }
    times.sort((a, b) => a - b);
    for (const at of times) {
      n++;
      const handle = exponential(random, aht);
      const acw = Math.round(handle * 0.15);
      const plan: CallerPlan = {
        intent: draw(random, ASSISTANT_MIX),
        patienceSeconds: Math.max(1, Math.round(exponential(random, patience))),
        takesCallback: random() < (o.callbackShare ?? 0.3),
        csat: random() < (o.surveyShare ?? 0.6) ? draw(random, CSAT_MIX) : undefined,
        talkSeconds: Math.max(1, Math.round(handle - acw)),
        acwSeconds: acw,
      };
      out.push({
        at,
        contactId: `sim${seed}-${date.replaceAll('-', '')}-${String(n).padStart(5, '0')}`,
        from: callerNumber(o.config, random),
        plan,
        engineSeed: Math.floor(random() * 2 ** 31),
        random: seededRandom(`simulate:${seed}:${n}`),
      });
    }
  }
  return out;
}

/** The N business-local days that end yesterday (the default period: "the last month"). */
export function lastDays(config: SwitchboardConfig, days: number, now = new Date()): string {
  return addDays(localTime(now, config.business.timezone).date, -days);
}

/**
 * Runs the period and returns the summary (see the module comment). The records, tickets and surveys stay
 * in the data dir for `report`, `records` and `plan`.
 * @throws SimulationOptionsError for a bad profile; SimulationProcessError when a call fails in a way
 *   the engine does not turn into an outcome (a bug, not a caller's path).
 */
export async function simulate(o: SimulateOptions): Promise<SimulationSummary> {
  const config = o.config;
  const list = arrivals(o);
  const plans = new Map(list.map((a) => [a.contactId, a.plan]));
  /** Contacts an agent answers (live or by calling back), as the queue model decided. */
  const served = new Set<string>();
  const end = addDays(o.start, o.days);
  const staffing = new StaffingTimeline(config, o.start, addDays(end, 8));
  const pool = new AgentPool(staffing);
  const clock = new SimClock(zonedInstant(o.start, 0, config.business.timezone).getTime());
  const world: SharedWorld = {
    sync: (at) => clock.sleepUntil(at.getTime()),
    enqueue: async (_queue: QueueInfo, contact) => {
      const plan = plans.get(contact.contactId);
      if (!plan) return undefined;
      const fate = pool.offer({
        at: clock.now,
        patienceSeconds: plan.patienceSeconds,
        takesCallback: plan.takesCallback,
        talkSeconds: plan.talkSeconds,
        acwSeconds: plan.acwSeconds,
      });
      if (fate.answerAt !== undefined) served.add(contact.contactId);
      return { ...fate, talkSeconds: plan.talkSeconds, acwSeconds: plan.acwSeconds };
    },
    staffing: (_queue, at) => pool.metrics(at.getTime()),
  };
  const sb = o.switchboard ?? (await LocalSwitchboard.start(config, o.dataDir ? { dataDir: o.dataDir } : {}));
  const sla = config.sla.answerWithinSeconds;
  const s: SimulationSummary = {
    from: o.start,
    to: addDays(end, -1),
    days: o.days,
    seed: o.seed ?? '1',
    calls: 0,
    answered: 0,
    abandoned: 0,
    assistant: 0,
    callbacks: 0,
    callbacksMade: 0,
    onCall: 0,
    ivr: 0,
    tickets: 0,
    surveys: 0,
    ticketsWorked: 0,
    serviceLevel: null,
    errors: 0,
  };
  let inSla = 0;
  // Agents work the tickets the calls leave, through the ticket function's status change: the on-call
  // person takes an urgent one minutes after the page; a message waits for the next agent on duty.
  const work = seededRandom(`simulate:${o.seed ?? '1'}:tickets`);
  const workTicket = (ticketId: string, urgent: boolean, createdAt: number) => {
    let start = Math.max(clock.now, createdAt + exponential(work, urgent ? 6 * 60 : 20 * 60) * 1000);
    if (!urgent) start = staffing.firstStaffed(start);
    if (!Number.isFinite(start)) return;
    const by = urgent ? 'on-call' : `agent-${1 + Math.floor(work() * Math.max(1, staffing.maxAgents))}`;
    const resolveAt = start + (5 + exponential(work, 15)) * 60_000;
    const status = (status: string) => ({
      Name: 'ContactFlowEvent',
      Details: {
        ContactData: { ContactId: `work-${ticketId}-${status}`, Attributes: {}, Channel: 'VOICE' },
        Parameters: { action: 'status', ticketId, status, by },
      },
    });
    clock.spawn(start, async () => {
      await sb.invokeAt(new Date(start), 'ticket', status('in_progress'));
      await clock.sleepUntil(resolveAt);
      const res = (await sb.invokeAt(new Date(resolveAt), 'ticket', status('resolved'))) as {
        result?: string;
      };
      if (res.result === 'UPDATED') s.ticketsWorked++;
    });
  };
  const tally = (r: CallReport) => {
    s.calls++;
    const out = r.outcome;
    if (out.type === 'queued' && out.answered) {
      s.answered++;
      if (out.waitSeconds <= sla) inSla++;
    } else if (out.type === 'queued' && out.endedBy === 'caller') s.abandoned++;
    else if (out.type === 'callback') {
      s.callbacks++;
      if (served.has(r.contactId)) s.callbacksMade++;
    } else if (out.type === 'transferred') s.onCall++;
    else if (out.type === 'error') s.errors++;
    else if (r.path.some((p) => p.flow === 'assistant')) s.assistant++;
    else s.ivr++;
    for (const c of r.lambdaCalls) {
      const res = (c.response ?? {}) as { result?: string; ticketId?: string; priority?: string };
      if (c.function.endsWith('ticket') && res.result === 'CREATED') {
        s.tickets++;
        if (o.workTickets !== false && res.ticketId)
          workTicket(res.ticketId, res.priority === 'urgent', Date.parse(r.at) + r.durationSeconds * 1000);
      }
      if (c.function.endsWith('survey') && res.result === 'STORED') s.surveys++;
    }
  };
  try {
    for (const a of list)
      clock.spawn(a.at, async () => {
        const report = await sb.call({
          at: new Date(a.at),
          from: a.from,
          caller: new SimulatedCaller(a.plan, config, a.random),
          world,
          records: true,
          tickets: false,
          engine: { contactId: a.contactId, seed: a.engineSeed, lambdaSeconds: o.lambdaSeconds ?? 0.2 },
        });
        tally(report);
        o.onProgress?.(s.calls, list.length);
      });
    await clock.run();
  } finally {
    if (!o.switchboard) await sb.stop();
  }
  const queued = s.answered + s.abandoned;
  s.serviceLevel = queued ? Math.round((inSla / queued) * 1000) / 1000 : null;
  return s;
}
