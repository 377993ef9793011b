import type { SwitchboardConfig } from '../config/schema.ts';
import { FLOW_FUNCTION_NAMES } from '../contact-flows/contracts.ts';
import { checkPublishable, formatProblem } from '../contact-flows/publish-rules.ts';
import { CallerProfileRepository } from '../lambdas/domain/repositories.ts';
import { decide, type ModeReason } from '../lambdas/domain/roster.ts';
import { addDays, localTime, zonedInstant } from '../lambdas/domain/time.ts';
import type { Caller, CallerInput, Decision, FaultMode, InputRequest } from './engine/types.ts';
import type { CallReport, LocalSwitchboard } from './switchboard.ts';

export type ScenarioName = 'open' | 'closed' | 'holiday' | 'unstaffed';

export interface Scenario {
  name: ScenarioName;
  at: Date | null;
  note: string;
}

/** A fault plan: which function fails, and how (none for the happy path). */
/** A fault plan: which function fails, and how; or a situation around the call (caller, busy queues). */
export interface FaultPlan {
  label: string;
  faults: Record<string, FaultMode>;
  /** E.164 caller id, or null for a withheld number (default: the sample caller). */
  from?: string | null;
  /** Callers already waiting in every queue. */
  queueLoad?: number;
}

/** A caller verify seeds with a name, to walk the greeting-by-name path. */
export const KNOWN_CALLER = '+13125550111';

/** Situations beyond faults: a known caller, a withheld number, every queue full. */
export const SITUATION_PLANS: FaultPlan[] = [
  { label: 'known caller', faults: {}, from: KNOWN_CALLER },
  { label: 'withheld number', faults: {}, from: null },
  { label: 'queues full', faults: {}, queueLoad: 500 },
  // Busy agents and no caller id: the callback offer must ask for a number.
  { label: 'long wait, withheld', faults: {}, from: null, queueLoad: 3 },
];

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
    | 'unpublishable';
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
}

export interface VerifyReport {
  rows: ExplorationRow[];
  violations: Violation[];
  coverage: Array<{ flow: string; actions: number; visited: number; unvisited: string[] }>;
  scenarios: Scenario[];
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

export const FAULT_PLANS: FaultPlan[] = [
  { label: 'none', faults: {} },
  ...FLOW_FUNCTION_NAMES.flatMap((f) => [
    { label: `${f} fails`, faults: { [f]: 'error' as const } },
    { label: `${f} times out`, faults: { [f]: 'timeout' as const } },
  ]),
];

interface Choice {
  key: string;
  /** How each alternative reads in a violation's input list. */
  labels: string[];
  chosen: number;
  first: boolean;
}

/**
 * Chooses inputs (and the world's decisions: percentage draws, stand-in results) from a prefix of
 * alternatives; past the prefix it stays silent and lets the world take its default.
 */
class ExplorerCaller implements Caller {
  readonly decisions: Choice[] = [];
  private readonly seen = new Set<string>();

  constructor(
    private readonly prefix: number[],
    private readonly speech: string[],
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

  private choose(key: string, labels: string[], fallback: number): number {
    const first = !this.seen.has(key);
    this.seen.add(key);
    const i = this.decisions.length;
    const chosen = i < this.prefix.length ? Math.min(this.prefix[i]!, labels.length - 1) : fallback;
    this.decisions.push({ key, labels, chosen, first });
    return chosen;
  }

  private alternatives(req: InputRequest): CallerInput[] {
    const silence: CallerInput = { type: 'silence' };
    if (req.kind === 'dtmf') {
      const keys = [...new Set(req.options.filter((o) => /^[0-9*#]$/.test(o)))];
      const invalid = ['9', '8', '7', '*', '#'].find((k) => !keys.includes(k)) ?? '9';
      return [
        silence,
        ...keys.map((value) => ({ type: 'keys' as const, value })),
        { type: 'keys', value: invalid },
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
    return [silence, ...this.speech.map((value) => ({ type: 'speech' as const, value })), ...intents];
  }
}

const describe = (i: CallerInput) =>
  i.type === 'keys' ? i.value : i.type === 'speech' ? `say:${i.value}` : i.type;

const where = (r: CallReport) => `${r.path.at(-1)?.flow}/${r.path.at(-1)?.id}`;

/** Reads the outcome's fields and the Lambda calls; injected faults and stand-in defaults are not violations. */
function violationsOf(r: CallReport, plan: FaultPlan): Array<Pick<Violation, 'kind' | 'detail'>> {
  const out: Array<Pick<Violation, 'kind' | 'detail'>> = [];
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
  const injected = new Set(Object.keys(plan.faults).map((f) => `switchboard-${f}`));
  for (const call of r.lambdaCalls) {
    if (call.ok || call.via === 'default' || injected.has(call.function)) continue;
    out.push({ kind: 'handler-error', detail: `${call.function}: ${call.error ?? 'failed'}` });
  }
  return out;
}

export interface ExploreOptions {
  maxRunsPerExploration?: number;
  entries?: string[];
  onProgress?: (row: ExplorationRow) => void;
}

/** Explores every flow entry under every scenario and fault plan, choosing inputs to reach new branches. */
export async function verify(sb: LocalSwitchboard, opts: ExploreOptions = {}): Promise<VerifyReport> {
  const scenarios = findScenarios(sb.config, sb.roster);
  await new CallerProfileRepository(sb.db.doc, sb.db.tables).setName(KNOWN_CALLER, 'Alex');
  const cap = opts.maxRunsPerExploration ?? 80;
  const speech = [
    sb.config.faq[0]!.question,
    sb.config.business.locale.startsWith('zh') ? '明天天气怎么样' : 'what is the weather tomorrow',
    sb.config.assistant.urgentKeywords[0] ? `${sb.config.assistant.urgentKeywords[0]}` : 'emergency',
    sb.config.business.locale.startsWith('zh') ? '我要留言' : 'leave a message',
  ];
  const custom = [...sb.flows.values()].filter((f) => f.key.startsWith('custom-')).map((f) => f.key);
  const entries = opts.entries ?? ['inbound', ...custom];
  const visited = new Map<string, Set<string>>();
  const rows: ExplorationRow[] = [];
  const violations: Violation[] = [];
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
  for (const entry of entries) {
    for (const scenario of scenarios) {
      if (!scenario.at) continue;
      const plans = entry === 'inbound' ? [...FAULT_PLANS, ...SITUATION_PLANS] : FAULT_PLANS.slice(0, 1);
      for (const plan of plans) {
        const row: ExplorationRow = {
          entry,
          scenario: scenario.name,
          fault: plan.label,
          runs: 0,
          outcomes: {},
          violations: 0,
        };
        const edges = new Set<string>();
        const queue: number[][] = [[]];
        const tried = new Set<string>();
        while (queue.length > 0 && row.runs < cap) {
          const prefix = queue.shift()!;
          const caller = new ExplorerCaller(prefix, speech);
          const report = await sb.call({
            at: scenario.at,
            caller,
            entry,
            faults: plan.faults,
            ...(plan.from !== undefined ? { from: plan.from } : {}),
            ...(plan.queueLoad ? { queueLoad: plan.queueLoad } : {}),
            engine: { maxCallSeconds: 400 },
          });
          row.runs++;
          row.outcomes[report.outcome.type] = (row.outcomes[report.outcome.type] ?? 0) + 1;
          let fresh = 0;
          for (const s of report.path) {
            const set = visited.get(s.flow) ?? new Set<string>();
            set.add(s.id);
            visited.set(s.flow, set);
            const e = `${s.flow}|${s.id}|${s.branch}`;
            if (!edges.has(e)) {
              edges.add(e);
              fresh++;
            }
          }
          for (const v of violationsOf(report, plan)) {
            row.violations++;
            violations.push({
              ...v,
              scenario: scenario.name,
              fault: plan.label,
              entry,
              inputs: caller.decisions.map((d) => d.labels[d.chosen]!),
            });
          }
          if (fresh === 0 && prefix.length > 0) continue;
          caller.decisions.forEach((d, i) => {
            if (i < prefix.length || !d.first) return;
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
        rows.push(row);
        opts.onProgress?.(row);
      }
    }
  }
  const coverage = [...sb.flows.values()]
    .filter((f) => !f.key.startsWith('file-') || entries.includes(f.key))
    .map((f) => {
      const v = visited.get(f.key) ?? new Set<string>();
      const all = f.doc.Actions.map((a) => a.Identifier);
      return {
        flow: f.key,
        actions: all.length,
        visited: all.filter((a) => v.has(a)).length,
        unvisited: all.filter((a) => !v.has(a)),
      };
    });
  return { rows, violations, coverage, scenarios };
}

export function formatVerify(r: VerifyReport): string {
  const lines: string[] = ['Scenarios:'];
  for (const s of r.scenarios) lines.push(`  ${s.name.padEnd(9)} ${s.at ? s.note : `skipped: ${s.note}`}`);
  lines.push(
    '',
    `${'entry'.padEnd(22)} ${'scenario'.padEnd(9)} ${'fault'.padEnd(20)} ${'runs'.padStart(4)}  outcomes${' '.repeat(38)}violations`,
  );
  for (const row of r.rows) {
    const o = Object.entries(row.outcomes)
      .sort()
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
    lines.push(
      `${row.entry.padEnd(22)} ${row.scenario.padEnd(9)} ${row.fault.padEnd(20)} ${String(row.runs).padStart(4)}  ${o.padEnd(46)}${row.violations === 0 ? 'ok' : `${row.violations} FAIL`}`,
    );
  }
  lines.push('', 'Coverage (actions reached by the exploration):');
  for (const c of r.coverage)
    lines.push(
      `  ${c.flow.padEnd(22)} ${c.visited}/${c.actions}${c.unvisited.length ? `  not reached: ${c.unvisited.join(', ')}` : ''}`,
    );
  const total = r.rows.reduce((n, x) => n + x.runs, 0);
  lines.push('');
  if (r.violations.length === 0)
    lines.push(
      `OK: ${total} calls explored; every path ends in a queue, a transfer, a callback, or a message and a disconnect.`,
    );
  else {
    lines.push(`FAILED: ${r.violations.length} path(s) out of ${total} calls:`);
    for (const v of r.violations.slice(0, 30))
      lines.push(
        `  [${v.kind}] ${v.entry}, ${v.scenario}, fault ${v.fault}, inputs ${v.inputs.join(' ') || '(none)'}: ${v.detail}`,
      );
  }
  return lines.join('\n');
}
