import { type CountryCode, getExampleNumber } from 'libphonenumber-js/max';
import examples from 'libphonenumber-js/mobile/examples';
import type { SwitchboardConfig } from '../config/schema.ts';
import { FLOW_FUNCTION_NAMES } from '../contact-flows/contracts.ts';
import { type Prompts, promptsFor } from '../contact-flows/prompts.ts';
import { checkPublishable, formatProblem } from '../contact-flows/publish-rules.ts';
import { CallerProfileRepository } from '../lambdas/domain/repositories.ts';
import { decide, type ModeReason } from '../lambdas/domain/roster.ts';
import { outboundRefusal } from '../lambdas/domain/sms-policy.ts';
import { addDays, localTime, zonedInstant } from '../lambdas/domain/time.ts';
import { faultTargets } from './engine/faults.ts';
import { classifyUnreached, type DeadAction, type Observations } from './engine/reachability.ts';
import type { Caller, CallerInput, Decision, FaultMode, InputRequest, LoadedFlow } from './engine/types.ts';
import { type CallReport, type LocalSwitchboard, SAMPLE_CALLER } from './switchboard.ts';

export type ScenarioName = 'open' | 'closed' | 'holiday' | 'unstaffed';

export interface Scenario {
  name: ScenarioName;
  at: Date | null;
  note: string;
}

/**
 * A fault plan: which targets fail and how, or a situation around the call (caller, busy queues).
 * `touches` name what a call must reach before the plan can change anything (faults.ts names, or
 * `caller-id`, `queue-load`): verify explores a plan from the points where the fault-free exploration
 * reached one of them, since before that point the call is the same as without the fault.
 */
export interface FaultPlan {
  label: string;
  faults: Record<string, FaultMode>;
  touches: string[];
  /** E.164 caller id, or null for a withheld number (default: the sample caller). */
  from?: string | null;
  /** Callers already waiting in every queue. */
  queueLoad?: number;
}

/** A caller verify seeds with a name, to walk the greeting-by-name path. */
export const KNOWN_CALLER = '+13125550111';

/**
 * hardening: a caller id from a country the shipped configs do not call (a UK mobile): no callback or
 * text may be promised to it unless `outbound.countries` lists GB.
 */
export const FOREIGN_CALLER = '+447400123456';

/**
 * The caller id of the plans that name none: the sample caller when the outbound policy lets the line
 * call it back, else an example mobile number of the policy's first country (libphonenumber's examples),
 * so that the promises made to a caller the line may call back are explored for every config.
 */
export function localCallerOf(config: SwitchboardConfig): string {
  if (outboundRefusal(SAMPLE_CALLER, config.outbound) === undefined) return SAMPLE_CALLER;
  const country = config.outbound.countries[0] as CountryCode | undefined;
  return (country && getExampleNumber(country, examples)?.number) || SAMPLE_CALLER;
}

/** Situations beyond faults: a known caller, a withheld number, every queue full. */
export const SITUATION_PLANS: FaultPlan[] = [
  { label: 'known caller', faults: {}, touches: ['caller-id'], from: KNOWN_CALLER },
  { label: 'withheld number', faults: {}, touches: ['caller-id'], from: null },
  { label: 'foreign caller id', faults: {}, touches: ['caller-id'], from: FOREIGN_CALLER },
  { label: 'queues full', faults: {}, touches: ['queue-load'], queueLoad: 500 },
  // Busy agents and no caller id: the callback offer must ask for a number.
  {
    label: 'long wait, withheld',
    faults: {},
    touches: ['queue-load', 'caller-id'],
    from: null,
    queueLoad: 3,
  },
  // A foreign caller id and a long wait: the callback offer must not dial a number the policy refuses.
  {
    label: 'long wait, foreign caller id',
    faults: {},
    touches: ['queue-load', 'caller-id'],
    from: FOREIGN_CALLER,
    queueLoad: 3,
  },
];

/**
 * Every fault the instance can inject (local/engine/faults.ts), one plan per target and mode: each flow
 * function of the contract registry, the services behind the handlers, and Connect's own failures.
 */
export const FAULT_PLANS: FaultPlan[] = [
  { label: 'none', faults: {}, touches: [] },
  ...faultTargets(FLOW_FUNCTION_NAMES).flatMap((t) =>
    t.modes.map((mode) => ({
      label: mode === 'error' ? `${t.name} fails` : `${t.name} ${mode === 'timeout' ? 'times out' : mode}`,
      faults: { [t.name]: mode },
      touches: [t.name],
    })),
  ),
  // Faults that matter together: a page nobody confirmed needs SNS refusing the page and the escalation
  // not starting; the last resort after it needs the direct transfer to the on-call person to fail too.
  {
    label: 'sns fails + escalate fails',
    faults: { sns: 'error', escalate: 'error' },
    touches: ['sns'],
  },
  {
    label: 'sns fails + transfer-failed fails',
    faults: { sns: 'error', 'transfer-failed': 'error' },
    touches: ['sns'],
  },
];

export type PromiseRule = 'unstaffed-queue' | 'urgent-downgraded' | 'promise-not-kept';

export interface Violation {
  scenario: string;
  fault: string;
  entry: string;
  kind:
    | 'silence'
    | 'undefined-target'
    | 'loop'
    | 'missing-branch'
    | 'unsupported'
    | 'handler-error'
    | 'no-disconnect'
    | 'invalid-flow'
    | 'unpublishable'
    | 'broken-promise';
  /** For a broken promise: which rule. */
  rule?: PromiseRule;
  detail: string;
  inputs: string[];
}

export interface ExplorationRow {
  entry: string;
  scenario: string;
  fault: string;
  runs: number;
  outcomes: Record<string, number>;
  violations: number;
  /** The run budget ran out before the exploration did. */
  exhausted?: boolean;
}

export interface FlowCoverage {
  flow: string;
  actions: number;
  visited: number;
  /** Actions some input may reach: actions minus dead. */
  reachable: number;
  /** visited / reachable, in percent. */
  percent: number;
  /** Every action not visited (dead and missed). */
  unvisited: string[];
  /** Actions no input can reach, with the reason (not a failure). */
  dead: DeadAction[];
  /** Reachable actions the exploration did not reach (verify fails). */
  missed: string[];
}

export interface VerifyReport {
  rows: ExplorationRow[];
  violations: Violation[];
  coverage: FlowCoverage[];
  scenarios: Scenario[];
  /** Calls placed, and the budget they were drawn from (grows with actions × plans). */
  runs: number;
  budget: number;
}

/**
 * Instants at which each situation holds, found by scanning a fixed fortnight in 30-minute steps (fixed, so
 * that verify prints the same table every time). A situation the config never produces is reported.
 */
export function findScenarios(config: SwitchboardConfig, roster: Parameters<typeof decide>[0]): Scenario[] {
  const tz = config.business.timezone;
  const holidays = new Map(config.holidays.map((h) => [h.date, h]));
  const base = '2027-03-01'; // a Monday, clear of DST changes in both hemispheres' common zones
  const found = new Map<ModeReason, Date>();
  for (let d = 0; d < 14; d++) {
    const date = addDays(base, d);
    if (holidays.has(date)) continue;
    for (let m = 15; m < 1440; m += 30) {
      const at = zonedInstant(date, m, tz);
      const r = decide(roster, null, at).reason;
      if (!found.has(r)) found.set(r, at);
    }
  }
  const holiday = config.holidays[0];
  const out: Scenario[] = (['open', 'closed', 'unstaffed'] as const).map((name) => {
    const at = found.get(name) ?? null;
    return { name, at, note: at ? localLabel(at, tz) : `never happens with this roster` };
  });
  const hAt = holiday ? zonedInstant(holiday.date, 12 * 60, tz) : null;
  out.splice(2, 0, {
    name: 'holiday',
    at: hAt,
    note: hAt ? `${holiday!.name}, ${localLabel(hAt, tz)}` : 'no holidays configured',
  });
  return out;
}

function localLabel(at: Date, tz: string): string {
  const l = localTime(at, tz);
  return `${l.day} ${l.date} ${String(Math.floor(l.minutes / 60)).padStart(2, '0')}:${String(l.minutes % 60).padStart(2, '0')} ${tz}`;
}

interface Choice {
  key: string;
  /** How each alternative reads in a violation's input list. */
  labels: string[];
  chosen: number;
  first: boolean;
}

/** A phrase the explorer can say, and whether it carries one of the config's urgent words. */
interface Phrase {
  text: string;
  urgent: boolean;
}

/**
 * Chooses inputs (and the world's decisions: percentage draws, stand-in results, staffing) from a prefix
 * of alternatives. Past the prefix, the first time a choice comes up it takes the default (silence, the
 * world's own answer); when the same choice comes up again it repeats the earlier one, so a loop runs
 * to its end (a retry count, "ask something else" twice) instead of stopping at its first turn.
 */
class ExplorerCaller implements Caller {
  readonly decisions: Choice[] = [];
  /** The first time the call reached each fault target or situation: the number of decisions made by then. */
  readonly touches = new Map<string, number>();
  private readonly last = new Map<string, number>();

  constructor(
    private readonly prefix: number[],
    private readonly speech: Phrase[],
  ) {}

  async next(req: InputRequest): Promise<CallerInput> {
    const alternatives = this.alternatives(req);
    const chosen = this.choose(`${req.flow}|${req.action}`, alternatives.map(describe), 0);
    return alternatives[chosen]!;
  }

  decide(d: Decision): number {
    return this.choose(
      `${d.flow}|${d.action}|decision`,
      d.options.map((o) => `[${d.what}: ${o}]`),
      d.fallback,
    );
  }

  touched(what: string): void {
    if (!this.touches.has(what)) this.touches.set(what, this.decisions.length);
  }

  /** The urgent phrases the caller said. */
  get saidUrgent(): boolean {
    return this.decisions.some((d) => {
      const label = d.labels[d.chosen]!;
      return label.startsWith('say:') && this.speech.some((p) => p.urgent && `say:${p.text}` === label);
    });
  }

  private choose(key: string, labels: string[], fallback: number): number {
    const earlier = this.last.get(key);
    const i = this.decisions.length;
    const chosen =
      i < this.prefix.length
        ? Math.min(this.prefix[i]!, labels.length - 1)
        : earlier !== undefined
          ? Math.min(earlier, labels.length - 1)
          : fallback;
    this.decisions.push({ key, labels, chosen, first: earlier === undefined });
    this.last.set(key, chosen);
    return chosen;
  }

  private alternatives(req: InputRequest): CallerInput[] {
    const silence: CallerInput = { type: 'silence' };
    if (req.kind === 'dtmf') {
      const keys = [...new Set(req.options.filter((o) => /^[0-9*#]$/.test(o)))];
      const invalid = ['9', '8', '7', '*', '#', '0'].find((k) => !keys.includes(k));
      return [
        silence,
        ...keys.map((value) => ({ type: 'keys' as const, value })),
        ...(invalid ? [{ type: 'keys' as const, value: invalid }] : []),
      ];
    }
    if (req.kind === 'digits')
      return [
        silence,
        { type: 'keys', value: '5' },
        { type: 'keys', value: '3125550199#' },
        { type: 'keys', value: '0' },
      ];
    const intents = req.options.map((value) => ({ type: 'speech' as const, value }));
    return [silence, ...this.speech.map((p) => ({ type: 'speech' as const, value: p.text })), ...intents];
  }
}

const describe = (i: CallerInput) =>
  i.type === 'keys' ? i.value : i.type === 'speech' ? `say:${i.value}` : i.type;

const where = (r: CallReport) => `${r.path.at(-1)?.flow}/${r.path.at(-1)?.id}`;

/** What a spoken promise needs behind it, read from the call report's data. */
type Backing = 'ticket' | 'urgent-ticket' | 'page' | 'callback' | 'no-ticket' | 'callable-ticket';

/**
 * The promises a caller can hear, by prompt (contact-flows/prompts.ts), and what each needs behind it
 * (issue 12: a caller hears that someone was alerted only when a page went out, a callback time only
 * with a ticket). A prompt is recognised by the action's text being the prompt's text for the config's
 * locale (the flow documents are data), never by reading what was said. `unless`: the promise no longer
 * applies when the call ended this way (an offer "or they will call you back" followed by the transfer).
 */
export const PROMISES: Array<{ prompt: keyof Prompts; needs: Backing[]; unless?: string[] }> = [
  // "We will call you back by ...": a ticket with a number the outbound policy lets the line call.
  { prompt: 'messageSaved', needs: ['ticket', 'callable-ticket'] },
  { prompt: 'messageSavedNoDue', needs: ['ticket', 'callable-ticket'] },
  { prompt: 'messageSavedNoCallback', needs: ['ticket'] },
  { prompt: 'urgentSaved', needs: ['urgent-ticket', 'page'] },
  { prompt: 'urgentOfferTransfer', needs: ['urgent-ticket'], unless: ['transferred'] },
  { prompt: 'urgentTransferFailed', needs: ['urgent-ticket'] },
  { prompt: 'urgentNoOnCall', needs: ['urgent-ticket'] },
  { prompt: 'callbackConfirmed', needs: ['callback'] },
  // Said only when true: "we could not save your message" while the message was saved (a slow page).
  { prompt: 'messageFailed', needs: ['no-ticket'] },
];

interface RuleContext {
  config: SwitchboardConfig;
  /** Agents on shift when the call started (the roster's answer: who is meant to answer a queue). */
  staffedAt(at: Date): number;
  /** `flow|action` → the promise prompt its text is. */
  promptAt: Map<string, keyof Prompts>;
  pagers: Set<string>;
}

type Finding = Pick<Violation, 'kind' | 'detail' | 'rule'>;

/**
 * The broken-promise rules, over the call report's fields: no caller left waiting in a queue nobody
 * staffs, no urgent caller filed as a normal ticket, no promise heard without the ticket, page or callback
 * behind it. `worldStaffed`: the explorer told the engine that agents are logged in (a staffing check), so
 * a queue is not unstaffed whatever the roster says.
 */
export function brokenPromises(
  r: CallReport,
  ctx: RuleContext,
  said: { urgent: boolean; worldStaffed: boolean },
): Finding[] {
  const out: Finding[] = [];
  const o = r.outcome;
  if (o.type === 'queued' && !o.answered && !said.worldStaffed && ctx.staffedAt(new Date(r.at)) === 0)
    out.push({
      kind: 'broken-promise',
      rule: 'unstaffed-queue',
      detail: `the caller waited ${o.waitSeconds} s in queue ${o.queue}, which nobody staffs at this time (last step ${where(r)})`,
    });
  if (said.urgent) {
    const normal = r.tickets.filter((t) => t.priority !== 'urgent');
    if (normal.length > 0)
      out.push({
        kind: 'broken-promise',
        rule: 'urgent-downgraded',
        detail: `the caller said an urgent word and got ticket ${normal.map((t) => `${t.id} (${t.priority})`).join(', ')}`,
      });
  }
  const backed: Record<Backing, boolean> = {
    ticket: r.tickets.length > 0,
    'urgent-ticket': r.tickets.some((t) => t.priority === 'urgent'),
    page: r.notifications.some((n) => n.channel === 'sms' && ctx.pagers.has(n.to)),
    // hardening: a callback to a number the outbound policy refuses is not one the line may keep.
    callback: o.type === 'callback' && outboundRefusal(o.number, ctx.config.outbound) === undefined,
    'no-ticket': r.tickets.length === 0,
    'callable-ticket': r.tickets.some((t) => t.callable),
  };
  const heard = new Set<keyof Prompts>();
  for (const s of r.path) {
    const p = ctx.promptAt.get(`${s.flow}|${s.id}`);
    if (p) heard.add(p);
  }
  for (const promise of PROMISES) {
    if (!heard.has(promise.prompt) || promise.unless?.includes(o.type)) continue;
    const missing = promise.needs.filter((n) => !backed[n]);
    if (missing.length > 0)
      out.push({
        kind: 'broken-promise',
        rule: 'promise-not-kept',
        detail: missing.includes('no-ticket')
          ? `the caller heard "${promise.prompt}" but ticket ${r.tickets.map((t) => t.id).join(', ')} was saved`
          : `the caller heard "${promise.prompt}" with no ${missing.join(' and no ')} behind it`,
      });
  }
  return out;
}

/** Reads the outcome's fields and the Lambda calls; injected faults and stand-in defaults are not violations. */
function structuralViolations(r: CallReport, plan: FaultPlan): Finding[] {
  const out: Finding[] = [];
  const o = r.outcome;
  if (o.type === 'error') out.push({ kind: o.kind, detail: o.message });
  else if (o.type === 'refused')
    for (const p of o.problems) out.push({ kind: 'unpublishable', detail: formatProblem(p) });
  else if (o.type === 'disconnected' && o.by === 'flow' && !o.afterMessage)
    out.push({
      kind: 'silence',
      detail: `the call ended without a spoken message after the caller's last action (last step ${where(r)})`,
    });
  else if (o.type === 'ended')
    out.push({
      kind: 'no-disconnect',
      detail: `the flow ended without a disconnect, a queue or a transfer at ${o.flow}/${o.action}`,
    });
  // A handler that fails because an injected fault made it (a throttled table, a function told to fail)
  // is the plan working, not a bug.
  if (Object.keys(plan.faults).length > 0) return out;
  for (const call of r.lambdaCalls) {
    if (call.ok || call.via === 'default') continue;
    out.push({ kind: 'handler-error', detail: `${call.function}: ${call.error ?? 'failed'}` });
  }
  return out;
}

export interface ExploreOptions {
  /** Runs per action per plan the exploration may spend (default 3): the budget grows with the flows. */
  budgetPerAction?: number;
  entries?: string[];
  onProgress?: (row: ExplorationRow) => void;
}

/**
 * Functions whose result depends only on what verify enumerates (the time, the caller id, the seeded
 * config): the values they return over every scenario and situation are all the values they can return
 * for this config, so a condition on a value they never returned is dead code for this config.
 */
const ENUMERATED_FUNCTIONS = new Set(['route']);

interface RunRecord {
  entry: string;
  scenario: Scenario;
  plan: FaultPlan;
  choices: number[];
  /** How many alternatives each choice had. */
  counts: number[];
}

/**
 * Explores every flow entry under every scenario, fault plan and situation, then classifies every action
 * not reached as dead (with the reason) or missed. Budget: `budgetPerAction` × actions × plans calls in all.
 */
export async function verify(sb: LocalSwitchboard, opts: ExploreOptions = {}): Promise<VerifyReport> {
  const scenarios = findScenarios(sb.config, sb.roster);
  const localCaller = localCallerOf(sb.config);
  await new CallerProfileRepository(sb.db.doc, sb.db.tables).setName(KNOWN_CALLER, 'Alex');
  const zh = sb.config.business.locale.startsWith('zh');
  const urgentWord = sb.config.assistant.urgentKeywords[0];
  // One urgent word per safety group (each group has its own advice block), else the first urgent word.
  const groupWords = sb.config.assistant.urgent.flatMap((g) => g.keywords.slice(0, 1));
  const urgentWords = groupWords.length ? groupWords : urgentWord ? [urgentWord] : [];
  const speech: Phrase[] = [
    { text: sb.config.faq[0]!.question, urgent: false },
    { text: zh ? '明天天气怎么样' : 'what is the weather tomorrow', urgent: false },
    ...(urgentWords.length
      ? urgentWords.map((w) => ({ text: w, urgent: true }))
      : [{ text: 'emergency', urgent: false }]),
    { text: zh ? '我要留言' : 'leave a message', urgent: false },
  ];
  const custom = [...sb.flows.values()].filter((f) => f.key.startsWith('custom-')).map((f) => f.key);
  const entries = opts.entries ?? ['inbound', ...custom];
  const flows = [...sb.flows.values()];
  const flowByKey = new Map(flows.map((f) => [f.key, f]));
  const resolveFlow = (ref: string): LoadedFlow | undefined =>
    flows.find((f) => f.arn === ref || f.key === ref || f.arn.endsWith(`/${ref}`));
  const explored = flowsReachableFrom(entries, flowByKey, resolveFlow);
  const totalActions = explored.reduce((n, f) => n + f.doc.Actions.length, 0);
  const plans = [...FAULT_PLANS, ...SITUATION_PLANS];
  const perAction = opts.budgetPerAction ?? 3;
  const budget = perAction * totalActions * plans.length;
  const explorationCap = perAction * totalActions * 4;
  let runs = 0;

  const reached = new Set<string>();
  const firstRun = new Map<string, RunRecord[]>();
  const obs: Observations = {
    results: new Map(),
    externalOf: new Map(),
    compared: new Map(),
    enumeratedBy: 'every scenario, caller and fault verify explores for this config',
  };
  const rules: RuleContext = {
    config: sb.config,
    staffedAt: (at) => sb.staffingAt(at).staffed,
    promptAt: promptActions(flows, promptsFor(sb.config.business.locale)),
    pagers: new Set([...sb.config.onCall.map((o) => o.phone), ...sb.config.alerts.sms]),
  };
  const rows: ExplorationRow[] = [];
  const violations: Violation[] = [];
  const seenViolations = new Set<string>();

  // Publish rules first: a flow Connect would refuse is a violation even if every path ends well.
  for (const f of sb.flows.values()) {
    const kind = f.isModule ? 'MODULE' : (f.type as Parameters<typeof checkPublishable>[1]['kind']);
    for (const p of checkPublishable(f.doc, { file: f.key, ...(kind ? { kind } : {}) }))
      violations.push({
        scenario: '-',
        fault: '-',
        entry: f.key,
        kind: 'unpublishable',
        detail: formatProblem(p),
        inputs: [],
      });
  }

  /** One call: records coverage, observations and violations; returns the caller and the report. */
  const place = async (
    entry: string,
    scenario: Scenario,
    plan: FaultPlan,
    prefix: number[],
    row: ExplorationRow,
  ) => {
    const caller = new ExplorerCaller(prefix, speech);
    const report = await sb.call({
      at: scenario.at!,
      caller,
      entry,
      faults: plan.faults,
      from: plan.from !== undefined ? plan.from : localCaller,
      ...(plan.queueLoad ? { queueLoad: plan.queueLoad } : {}),
      engine: { maxCallSeconds: 400 },
    });
    runs++;
    row.runs++;
    row.outcomes[report.outcome.type] = (row.outcomes[report.outcome.type] ?? 0) + 1;
    const choices = caller.decisions.map((d) => d.chosen);
    const counts = caller.decisions.map((d) => d.labels.length);
    for (const s of report.path) {
      const n = `${s.flow}|${s.id}`;
      if (!reached.has(n)) reached.add(n);
      const list = firstRun.get(n) ?? [];
      if (list.length < 2) {
        list.push({ entry, scenario, plan, choices, counts });
        firstRun.set(n, list);
      }
    }
    observe(report, obs);
    const worldStaffed = caller.decisions.some(
      (d) => d.key.endsWith('|decision') && d.labels[d.chosen]!.includes('agents log in') && d.chosen !== 0,
    );
    const findings = [
      ...structuralViolations(report, plan),
      ...brokenPromises(report, rules, { urgent: caller.saidUrgent, worldStaffed }),
    ];
    for (const v of findings) {
      const key = `${entry}|${scenario.name}|${plan.label}|${v.kind}|${v.rule ?? ''}|${where(report)}`;
      row.violations++;
      if (seenViolations.has(key)) continue;
      seenViolations.add(key);
      violations.push({
        ...v,
        scenario: scenario.name,
        fault: plan.label,
        entry,
        inputs: caller.decisions.map((d) => d.labels[d.chosen]!),
      });
    }
    return { caller, report };
  };

  for (const entry of entries) {
    for (const scenario of scenarios) {
      if (!scenario.at) continue;
      const baseEdges = new Set<string>();
      /** Every call of this entry and scenario, by plan: where each reached each fault target. */
      const done: Array<{ plan: FaultPlan; calls: ExplorerCaller[] }> = [];
      /** Seed prefix → signature of its first run, per fault target, to skip a mode that changes nothing. */
      const sameTarget = new Map<string, string>();
      const explorePlan = async (plan: FaultPlan, seeds: number[][], target: string | undefined) => {
        const row: ExplorationRow = {
          entry,
          scenario: scenario.name,
          fault: plan.label,
          runs: 0,
          outcomes: {},
          violations: 0,
        };
        const isBase = plan.touches.length === 0;
        const calls: ExplorerCaller[] = [];
        const edges = isBase ? baseEdges : new Set<string>();
        const queue: number[][] = seeds.map((x) => [...x]);
        const seedSet = new Set(queue.map((x) => x.join(',')));
        const tried = new Set<string>(seedSet);
        while (queue.length > 0) {
          if (row.runs >= explorationCap || runs >= budget) {
            row.exhausted = true;
            break;
          }
          const prefix = queue.shift()!;
          const { caller, report } = await place(entry, scenario, plan, prefix, row);
          calls.push(caller);
          // The last step that took a branch this exploration had not taken yet.
          let lastFresh = -1;
          report.path.forEach((x, i) => {
            const e = `${x.flow}|${x.id}|${x.branch}`;
            if (edges.has(e) || (!isBase && baseEdges.has(e))) return;
            edges.add(e);
            lastFresh = i;
          });
          if (target && seedSet.has(prefix.join(','))) {
            // Two modes of one target (error, timeout) that send a seed down the same path explore the same tree.
            const key = `${Object.keys(plan.faults).sort().join('+')}|${plan.from}|${plan.queueLoad}|${prefix.join(',')}`;
            const signature = `${report.path.map((x) => `${x.flow}|${x.id}|${x.branch}`).join(' ')}|${report.outcome.type}|${report.tickets.length}|${report.notifications.length}`;
            if (sameTarget.get(key) === signature) continue;
            sameTarget.set(key, signature);
          }
          if (lastFresh < 0) continue;
          // Alternatives are tried at a choice only when something new happened at or after it: choices
          // made after the last new branch lead into ground this exploration has already covered.
          const steps = stepsOf(caller.decisions, report.path);
          caller.decisions.forEach((d, i) => {
            if (i < prefix.length || !d.first || steps[i]! > lastFresh) return;
            for (let alt = 0; alt < d.labels.length; alt++) {
              if (alt === d.chosen) continue;
              const next = [...caller.decisions.slice(0, i).map((x) => x.chosen), alt];
              const k = next.join(',');
              if (!tried.has(k)) {
                tried.add(k);
                queue.push(next);
              }
            }
          });
        }
        done.push({ plan, calls });
        rows.push(row);
        opts.onProgress?.(row);
      };
      await explorePlan(plans[0]!, [[]], undefined);
      const base = done[0]!.calls;
      const unseeded: FaultPlan[] = [];
      for (const plan of plans.slice(1)) {
        const seeds = seedsFor(plan, base);
        if (seeds.length === 0) unseeded.push(plan);
        else await explorePlan(plan, seeds, Object.keys(plan.faults)[0]);
      }
      // A fault only another plan leads to (a transfer that fails, reached only when the queue is full):
      // explore the two together, from where the other plan's calls reached it.
      for (const plan of unseeded) {
        if (Object.keys(plan.faults).length === 0) continue;
        for (const other of done.slice(1)) {
          if (other.plan.label.includes(' + ')) continue;
          const seeds = seedsFor(plan, other.calls);
          if (seeds.length === 0) continue;
          const combined: FaultPlan = {
            ...other.plan,
            label: `${other.plan.label} + ${plan.label}`,
            faults: { ...other.plan.faults, ...plan.faults },
            touches: plan.touches,
          };
          await explorePlan(combined, seeds, Object.keys(plan.faults)[0]);
          break;
        }
      }
    }
  }

  // Directed: for each reachable action not yet reached, vary every choice of the calls that reached the
  // action before it, until it is reached or the budget is spent.
  const directed: ExplorationRow = {
    entry: '*',
    scenario: '*',
    fault: 'directed at missed actions',
    runs: 0,
    outcomes: {},
    violations: 0,
  };
  const classify = () =>
    classifyUnreached(explored, reached, entries, {
      resolveFlow,
      hasQueue: (ref) => Object.values(sb.refs.queues).includes(ref),
      obs,
    });
  let classes = classify();
  for (let round = 0; round < 3; round++) {
    const missed = classes.flatMap((c) => c.missed.map((a) => `${c.flow}|${a}`));
    if (missed.length === 0) break;
    let progress = false;
    for (const m of missed) {
      if (reached.has(m)) continue;
      const [flowKey, id] = [m.slice(0, m.indexOf('|')), m.slice(m.indexOf('|') + 1)];
      const preds = predecessors(flowByKey.get(flowKey)!, id).map((p) => `${flowKey}|${p}`);
      const records = preds.flatMap((p) => firstRun.get(p) ?? []);
      search: for (const rec of records)
        for (let i = rec.choices.length - 1; i >= 0; i--)
          for (let alt = 0; alt < rec.counts[i]!; alt++) {
            if (reached.has(m) || runs >= budget) break search;
            if (alt === rec.choices[i]) continue;
            await place(rec.entry, rec.scenario, rec.plan, [...rec.choices.slice(0, i), alt], directed);
          }
      if (reached.has(m)) progress = true;
    }
    classes = classify();
    if (!progress) break;
  }
  if (directed.runs > 0) rows.push(directed);

  const coverage: FlowCoverage[] = explored.map((f) => {
    const c = classes.find((x) => x.flow === f.key)!;
    const all = f.doc.Actions.map((a) => a.Identifier);
    const visited = all.filter((a) => reached.has(`${f.key}|${a}`));
    const reachable = all.length - c.dead.length;
    return {
      flow: f.key,
      actions: all.length,
      visited: visited.length,
      reachable,
      percent: reachable === 0 ? 100 : Math.floor((visited.length / reachable) * 1000) / 10,
      unvisited: all.filter((a) => !reached.has(`${f.key}|${a}`)),
      dead: c.dead,
      missed: c.missed,
    };
  });
  return { rows, violations, coverage, scenarios, runs, budget };
}

/** Whether verify passes: no violation and every reachable action reached. */
export function verifyPassed(r: VerifyReport, known: KnownViolation[] = []): boolean {
  return (
    r.violations.every((v) => knownReason(v, known) !== undefined) &&
    r.coverage.every((c) => c.missed.length === 0)
  );
}

/**
 * A broken promise that is known and tracked (`verify --known FILE`): it is still printed, with its
 * reason, but does not fail verify. `fault: "any"` matches any injected fault (never the fault-free
 * call); otherwise the fault must match exactly. Unreached actions are never accepted.
 */
export interface KnownViolation {
  entry: string;
  rule: string;
  fault: string;
  /** Why it is accepted for now, and where the fix is tracked. */
  reason: string;
}

/** The reason a violation is known, or undefined when it is not. */
export function knownReason(v: Violation, known: KnownViolation[]): string | undefined {
  return known.find(
    (k) =>
      k.entry === v.entry &&
      k.rule === (v.rule ?? v.kind) &&
      (k.fault === 'any' ? v.fault !== 'none' : k.fault === v.fault),
  )?.reason;
}

/** The explorations' starting points for a plan: the fault-free calls cut where they reached the plan's touches. */
function seedsFor(plan: FaultPlan, baseRuns: ExplorerCaller[]): number[][] {
  const seeds = new Map<string, number[]>();
  for (const c of baseRuns) {
    const at = Math.min(...plan.touches.map((t) => c.touches.get(t) ?? Number.POSITIVE_INFINITY));
    if (!Number.isFinite(at)) continue;
    const prefix = c.decisions.slice(0, at).map((d) => d.chosen);
    seeds.set(prefix.join(','), prefix);
  }
  return [...seeds.values()];
}

/** The flows calls from `entries` can enter: Transfer to flow, flow modules and event hooks, transitively. */
function flowsReachableFrom(
  entries: string[],
  byKey: Map<string, LoadedFlow>,
  resolve: (ref: string) => LoadedFlow | undefined,
): LoadedFlow[] {
  const out = new Map<string, LoadedFlow>();
  const work = entries.map((e) => byKey.get(e)).filter((f): f is LoadedFlow => f !== undefined);
  while (work.length > 0) {
    const f = work.pop()!;
    if (out.has(f.key)) continue;
    out.set(f.key, f);
    for (const a of f.doc.Actions) {
      const p = a.Parameters ?? {};
      const refs = [
        p.ContactFlowId,
        p.FlowModuleId,
        ...Object.values((p.EventHooks as Record<string, unknown>) ?? {}),
      ].filter((r): r is string => typeof r === 'string');
      for (const r of refs) {
        const t = resolve(r);
        if (t && !out.has(t.key)) work.push(t);
      }
    }
  }
  return [...out.values()];
}

/** The path index of the action each decision was made at (each action makes at most one per visit). */
function stepsOf(decisions: Choice[], path: CallReport['path']): number[] {
  const out: number[] = [];
  let at = 0;
  for (const d of decisions) {
    const [flow, action] = d.key.split('|');
    while (at < path.length && !(path[at]!.flow === flow && path[at]!.id === action)) at++;
    out.push(at);
    at++;
  }
  return out;
}

function predecessors(f: LoadedFlow, id: string): string[] {
  return f.doc.Actions.filter((a) => {
    const t = a.Transitions ?? {};
    return (
      t.NextAction === id ||
      (t.Conditions ?? []).some((c) => c.NextAction === id) ||
      (t.Errors ?? []).some((e) => e.NextAction === id)
    );
  }).map((a) => a.Identifier);
}

/** `flow|action` of every action whose text is one of the promise prompts (the flow documents are data). */
function promptActions(flows: LoadedFlow[], t: Prompts): Map<string, keyof Prompts> {
  const byText = new Map<string, keyof Prompts>();
  for (const p of PROMISES) {
    const text = t[p.prompt];
    if (typeof text === 'string') byText.set(text, p.prompt);
  }
  const out = new Map<string, keyof Prompts>();
  for (const f of flows)
    for (const a of f.doc.Actions) {
      const text = a.Parameters?.Text;
      const p = typeof text === 'string' ? byText.get(text) : undefined;
      if (p) out.set(`${f.key}|${a.Identifier}`, p);
    }
  return out;
}

/** Records the results of enumerated functions and which function's result each action saw. */
function observe(r: CallReport, obs: Observations): void {
  let j = 0;
  let current: string | undefined;
  for (const s of r.path) {
    if (s.type === 'InvokeLambdaFunction') {
      const call = r.lambdaCalls[j++];
      current = call?.ok && !call.asynchronous ? call.function.replace(/^switchboard-/, '') : undefined;
      if (current && call && ENUMERATED_FUNCTIONS.has(current))
        for (const [k, v] of Object.entries((call.response ?? {}) as Record<string, unknown>)) {
          const key = `${current}.${k}`;
          const set = obs.results.get(key) ?? new Set<string>();
          set.add(typeof v === 'string' ? v : JSON.stringify(v));
          obs.results.set(key, set);
        }
      continue;
    }
    const n = `${s.flow}|${s.id}`;
    if (s.type === 'Compare' && s.result !== undefined) {
      const seen = obs.compared.get(n) ?? new Set<string>();
      seen.add(s.result);
      obs.compared.set(n, seen);
    }
    if (!current) continue;
    const set = obs.externalOf.get(n) ?? new Set<string>();
    set.add(current);
    obs.externalOf.set(n, set);
  }
}

export function formatVerify(r: VerifyReport): string {
  const lines: string[] = ['Scenarios:'];
  for (const s of r.scenarios) lines.push(`  ${s.name.padEnd(9)} ${s.at ? s.note : `skipped: ${s.note}`}`);
  lines.push(
    '',
    `${'entry'.padEnd(22)} ${'scenario'.padEnd(9)} ${'fault'.padEnd(40)} ${'runs'.padStart(4)}  outcomes${' '.repeat(38)}violations`,
  );
  for (const row of r.rows) {
    if (row.runs === 0) continue;
    const o = Object.entries(row.outcomes)
      .sort()
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
    lines.push(
      `${row.entry.padEnd(22)} ${row.scenario.padEnd(9)} ${row.fault.padEnd(40)} ${String(row.runs).padStart(4)}  ${o.padEnd(46)}${row.violations === 0 ? 'ok' : `${row.violations} FAIL`}${row.exhausted ? ' (budget spent)' : ''}`,
    );
  }
  const skipped = r.rows.filter((x) => x.runs === 0).length;
  if (skipped > 0)
    lines.push(`(${skipped} plan(s) not shown: no call of that entry and scenario reaches what they change)`);
  lines.push('', 'Coverage (actions reached / actions some input can reach):');
  for (const c of r.coverage) {
    lines.push(`  ${c.flow.padEnd(22)} ${c.visited}/${c.reachable} (${c.percent} %)`);
    for (const d of c.dead) lines.push(`    dead code ${d.action}: ${d.reason}`);
    if (c.missed.length) lines.push(`    NOT REACHED (reachable): ${c.missed.join(', ')}`);
  }
  lines.push('', `${r.runs} calls explored (budget ${r.budget}).`);
  const missed = r.coverage.flatMap((c) => c.missed.map((a) => `${c.flow}/${a}`));
  if (r.violations.length === 0 && missed.length === 0)
    lines.push(
      'OK: every reachable action was reached, and every path ends in a queue someone staffs, a transfer, a callback, or a message and a disconnect, with every promise backed.',
    );
  else {
    if (missed.length > 0)
      lines.push(`FAILED: ${missed.length} reachable action(s) not reached: ${missed.join(', ')}`);
    if (r.violations.length > 0) {
      const byKind = new Map<string, number>();
      for (const v of r.violations) {
        const k = v.rule ? `${v.kind}/${v.rule}` : v.kind;
        byKind.set(k, (byKind.get(k) ?? 0) + 1);
      }
      lines.push(
        `FAILED: ${r.violations.length} path(s) (${[...byKind].map(([k, n]) => `${k} ${n}`).join(', ')}):`,
      );
      for (const v of r.violations.slice(0, 30))
        lines.push(
          `  [${v.rule ?? v.kind}] ${v.entry}, ${v.scenario}, fault ${v.fault}, inputs ${v.inputs.join(' ') || '(none)'}: ${v.detail}`,
        );
      if (r.violations.length > 30) lines.push(`  ... and ${r.violations.length - 30} more (--json for all)`);
    }
  }
  return lines.join('\n');
}
