/**
 * Which actions of a set of flows no input can reach, and why: the static half of verify's coverage
 * claim. The explorer (local/verify.ts) reaches what it can; every action it did not reach is either
 * proved dead here (each way into it is a branch the engine's model of Connect never takes, or comes only
 * from dead actions) or is reported as reachable but not reached, which fails verify.
 *
 * A branch is called impossible only on one of these grounds, each a fact of the flow documents, the
 * engine's semantics (actions.ts) or the values observed for a function whose inputs verify enumerates:
 * - the block type never takes that branch (e.g. a Play prompt never errors; Transfer to queue leaves the
 *   flow when it succeeds, so its next action is never taken);
 * - a static reference always resolves (a Set working queue on a queue the instance has, a Transfer to
 *   flow on a flow that exists and may be transferred to);
 * - a Check contact attributes condition cannot hold (or cannot fail) for any value the compared
 *   attribute can have: the values it is set to anywhere in the flows, "" when unset, and for a value
 *   copied from a function's result, the values that function returned over every enumerated input.
 * Anything else is assumed possible, so an action is never called dead without a reason.
 */

import type { FlowAction } from '../../contact-flows/model.ts';
import { evaluate } from './interpreter.ts';
import { isSinglePath } from './jsonpath.ts';
import type { LoadedFlow } from './types.ts';
import { str } from './values.ts';

/** What the explorer observed that the static analysis may use as facts. */
export interface Observations {
  /**
   * Values of a function's result keys over every input the explorer enumerates, by `function.key`
   * (only for functions whose inputs verify enumerates completely; others are unknown).
   */
  results: Map<string, Set<string>>;
  /** Which function's result `$.External` held when an action ran, by `flow|action`. */
  externalOf: Map<string, Set<string>>;
  /** The values each Check contact attributes block compared, by `flow|action`, over every call. */
  compared: Map<string, Set<string>>;
  /** How `results` was enumerated, for the reason text (e.g. "every scenario and caller of this config"). */
  enumeratedBy: string;
}

export interface DeadAction {
  action: string;
  reason: string;
}

export interface FlowReachability {
  flow: string;
  /** Unreached actions no input can reach, with the reason. */
  dead: DeadAction[];
  /** Unreached actions that some input may reach: the explorer missed them. */
  missed: string[];
}

/** Block types whose handler in actions.ts never returns an error (so their Error branch is never taken). */
const NEVER_FAILS = new Set([
  'MessageParticipant',
  'UpdateFlowLoggingBehavior',
  'UpdateContactRecordingBehavior',
  'UpdateContactTextToSpeechVoice',
  'UpdateContactData',
  'UpdateContactEventHooks',
  'UpdateContactRoutingBehavior',
  'UpdateContactRoutingCriteria',
  'UpdateContactMediaStreamingBehavior',
  'UpdateFlowAttributes',
  'TagContact',
  'UnTagContact',
  'Loop',
]);

/** Block types that leave the flow when they succeed: their NextAction is never taken. */
const LEAVES_ON_SUCCESS = new Set(['TransferContactToQueue', 'DequeueContactAndTransferToQueue']);

interface Edge {
  from: string;
  to: string;
  label: string;
  /** Why the engine never takes it; undefined when it may. */
  impossible?: string;
}

interface Context {
  flows: LoadedFlow[];
  resolveFlow(ref: string): LoadedFlow | undefined;
  hasQueue(ref: string): boolean;
  obs: Observations;
  /** Every static assignment to each contact attribute: `flow|action` → value. */
  assignments: Map<string, Array<{ at: string; value: string }>>;
}

const node = (flow: string, id: string) => `${flow}|${id}`;

/**
 * Splits the unreached actions of `flows` into dead (with a reason) and missed. `reached` holds the
 * actions the explorer reached, `flow|action`; `entries` are the flows calls start in.
 */
export function classifyUnreached(
  flows: LoadedFlow[],
  reached: Set<string>,
  entries: string[],
  ctx: Pick<Context, 'resolveFlow' | 'hasQueue' | 'obs'>,
): FlowReachability[] {
  const assignments = new Map<string, Array<{ at: string; value: string }>>();
  for (const f of flows)
    for (const a of f.doc.Actions) {
      if (a.Type !== 'UpdateContactAttributes') continue;
      for (const [k, v] of Object.entries((a.Parameters?.Attributes as Record<string, unknown>) ?? {})) {
        const list = assignments.get(k) ?? [];
        list.push({ at: node(f.key, a.Identifier), value: str(v) });
        assignments.set(k, list);
      }
    }
  const full: Context = { ...ctx, flows, assignments };
  const edges: Edge[] = [];
  for (const f of flows) for (const a of f.doc.Actions) edges.push(...edgesOf(f, a, full));
  // Possibly reachable: from what was reached and from the entries, over every branch that may be taken.
  const possible = new Set<string>(reached);
  for (const e of entries) {
    const f = flows.find((x) => x.key === e);
    if (f) possible.add(node(f.key, f.doc.StartAction));
  }
  const out = new Map<string, Edge[]>();
  for (const e of edges) {
    const list = out.get(e.from) ?? [];
    list.push(e);
    out.set(e.from, list);
  }
  const work = [...possible];
  while (work.length > 0) {
    const n = work.pop()!;
    for (const e of out.get(n) ?? []) {
      if (e.impossible || possible.has(e.to)) continue;
      possible.add(e.to);
      work.push(e.to);
    }
  }
  const into = new Map<string, Edge[]>();
  for (const e of edges) {
    const list = into.get(e.to) ?? [];
    list.push(e);
    into.set(e.to, list);
  }
  return flows.map((f) => {
    const dead: DeadAction[] = [];
    const missed: string[] = [];
    for (const a of f.doc.Actions) {
      const n = node(f.key, a.Identifier);
      if (reached.has(n)) continue;
      if (possible.has(n)) {
        missed.push(a.Identifier);
        continue;
      }
      dead.push({ action: a.Identifier, reason: whyDead(n, into.get(n) ?? [], f) });
    }
    return { flow: f.key, dead, missed };
  });
}

function whyDead(n: string, incoming: Edge[], f: LoadedFlow): string {
  if (incoming.length === 0)
    return n === node(f.key, f.doc.StartAction)
      ? 'the flow is never entered'
      : 'no transition of any flow leads here';
  const reasons = [...new Set(incoming.filter((e) => e.impossible).map((e) => e.impossible!))];
  const fromDead = [
    ...new Set(incoming.filter((e) => !e.impossible).map((e) => e.from.split('|').slice(1).join('|'))),
  ];
  const parts = [...reasons];
  if (fromDead.length) parts.push(`reached only from unreachable ${fromDead.join(', ')}`);
  return parts.join('; ');
}

function edgesOf(f: LoadedFlow, a: FlowAction, ctx: Context): Edge[] {
  const from = node(f.key, a.Identifier);
  const t = a.Transitions ?? {};
  const p = a.Parameters ?? {};
  const edges: Edge[] = [];
  const add = (to: string, label: string, impossible?: string) =>
    edges.push({ from, to: node(f.key, to), label, ...(impossible ? { impossible } : {}) });
  // Into other flows: Transfer to flow, flow modules and event hooks enter the target's start.
  const refs: string[] = [];
  if (a.Type === 'TransferToFlow') refs.push(str(p.ContactFlowId));
  if (a.Type === 'InvokeFlowModule') refs.push(str(p.FlowModuleId));
  if (a.Type === 'UpdateContactEventHooks')
    refs.push(...Object.values((p.EventHooks as Record<string, unknown>) ?? {}).map(str));
  for (const r of refs) {
    const target = isSinglePath(r) ? undefined : ctx.resolveFlow(r);
    if (target)
      edges.push({ from, to: node(target.key, target.doc.StartAction), label: `enters ${target.key}` });
  }
  const conditionReasons = a.Type === 'Compare' ? compareConditions(f, a, ctx) : undefined;
  (t.Conditions ?? []).forEach((c, i) => {
    add(
      c.NextAction,
      `${c.Condition?.Operator} ${(c.Condition?.Operands ?? []).join(',')}`,
      conditionReasons?.conditions[i],
    );
  });
  const errorImpossible = (type: string): string | undefined => {
    if (type === 'NoMatchingCondition') return conditionReasons?.noMatch;
    if (NEVER_FAILS.has(a.Type)) return `a ${a.Type} block never takes its Error branch`;
    if (a.Type === 'UpdateContactTargetQueue' && p.QueueId !== undefined) {
      const q = str(p.QueueId);
      if (!isSinglePath(q) && ctx.hasQueue(q))
        return `"${a.Identifier}" sets a queue the instance has, so it never takes its Error branch`;
    }
    if (a.Type === 'TransferToFlow') {
      const r = str(p.ContactFlowId);
      if (!isSinglePath(r) && ctx.resolveFlow(r))
        return `"${a.Identifier}" transfers to a flow that exists, so it never takes its Error branch`;
    }
    return undefined;
  };
  for (const e of t.Errors ?? []) add(e.NextAction, `error:${e.ErrorType}`, errorImpossible(e.ErrorType));
  if (t.NextAction) {
    const impossible = LEAVES_ON_SUCCESS.has(a.Type)
      ? `a ${a.Type} block leaves the flow when it succeeds, so its next action is never taken`
      : (t.Conditions?.length ?? 0) > 0 && a.Type === 'Compare'
        ? conditionReasons?.noMatch
        : undefined;
    add(t.NextAction, 'next', impossible);
  }
  return edges;
}

/**
 * The values a Check contact attributes block can compare, when they are a known finite set: a static
 * value; an attribute (every value it is set to, and "" when unset); a function's result (the values
 * observed over enumerated inputs). Undefined when any source is open-ended.
 */
function domainOf(
  f: LoadedFlow,
  a: FlowAction,
  value: string,
  ctx: Context,
): { values: Set<string>; source: string } | undefined {
  if (!value.includes('$.')) return { values: new Set([value]), source: `the fixed value "${value}"` };
  if (!isSinglePath(value)) return undefined;
  const attr = /^\$\.Attributes\.([A-Za-z0-9_-]+)$/.exec(value)?.[1];
  if (attr) {
    const values = new Set<string>(['']);
    const sources: string[] = [];
    let allStatic = true;
    const setFrom: string[] = [];
    for (const { at, value: v } of ctx.assignments.get(attr) ?? []) {
      if (!v.includes('$.')) {
        values.add(v);
        continue;
      }
      const fromFn = resultDomain(at, v, ctx);
      if (!fromFn) return undefined;
      allStatic = false;
      for (const x of fromFn.values) values.add(x);
      sources.push(fromFn.source);
      setFrom.push(...fromFn.fns.map((fn) => `${fn}'s ${v.replace('$.External.', '')}`));
    }
    // Every source is enumerated: the values seen at this very block, over every call that reached it, are
    // all it can see (this keeps what the sources return together: no "closed" with a holiday's mode).
    const here = ctx.obs.compared.get(node(f.key, a.Identifier));
    if (!allStatic && here && here.size > 0) {
      const seen = [...here].map((v) => (v === '' ? '(unset)' : v)).join(', ');
      return {
        values: here,
        source: `$.Attributes.${attr} (set from ${[...new Set(setFrom)].join(', ')}) was ${seen} in every call that reached it, over ${ctx.obs.enumeratedBy}`,
      };
    }
    const set = [...values].map((v) => (v === '' ? '(unset)' : v)).join(', ');
    return {
      values,
      source: `$.Attributes.${attr} is only ever ${set}${sources.length ? ` (${[...new Set(sources)].join('; ')})` : ''}`,
    };
  }
  const result = resultDomain(node(f.key, a.Identifier), value, ctx);
  if (!result) return undefined;
  // As for an attribute: an enumerated function's result, compared right after the call, can only be
  // what the calls that reached this block saw (route asked at a holiday's noon is not route at night).
  const here = ctx.obs.compared.get(node(f.key, a.Identifier));
  if (here && here.size > 0) {
    const seen = [...here].map((v) => (v === '' ? '(unset)' : v)).join(', ');
    return {
      values: here,
      source: `${value} (${result.fns.join(', ')}'s result) was ${seen} in every call that reached it, over ${ctx.obs.enumeratedBy}`,
    };
  }
  return result;
}

function resultDomain(
  at: string,
  value: string,
  ctx: Context,
): { values: Set<string>; source: string; fns: string[] } | undefined {
  const key = /^\$\.External\.([A-Za-z0-9_-]+)$/.exec(value)?.[1];
  const fns = ctx.obs.externalOf.get(at);
  if (!key || !fns || fns.size === 0) return undefined;
  const values = new Set<string>();
  for (const fn of fns) {
    const seen = ctx.obs.results.get(`${fn}.${key}`);
    if (!seen) return undefined;
    for (const v of seen) values.add(v);
  }
  return {
    values,
    fns: [...fns],
    source: `${[...fns].join(', ')} returned ${key} = ${[...values].join(', ') || '(nothing)'} over ${ctx.obs.enumeratedBy}`,
  };
}

function compareConditions(
  f: LoadedFlow,
  a: FlowAction,
  ctx: Context,
): { conditions: Array<string | undefined>; noMatch: string | undefined } | undefined {
  const value = str(a.Parameters?.ComparisonValue);
  const domain = domainOf(f, a, value, ctx);
  if (!domain) return undefined;
  const conditions = a.Transitions?.Conditions ?? [];
  const holds = (i: number, v: string) => {
    const c = conditions[i]!.Condition;
    try {
      return evaluate(c?.Operator, c?.Operands ?? [], v);
    } catch {
      return true; // an operator the engine does not know: assume it may hold
    }
  };
  // First match wins: condition i is taken for v when it holds and no earlier one does.
  const taken = (i: number, v: string) => holds(i, v) && conditions.slice(0, i).every((_, j) => !holds(j, v));
  const values = [...domain.values];
  const out = conditions.map((c, i) =>
    values.some((v) => taken(i, v))
      ? undefined
      : `"${a.Identifier}": ${value} ${c.Condition?.Operator} ${(c.Condition?.Operands ?? []).join(',')} can never hold: ${domain.source}`,
  );
  const noMatch = values.some((v) => conditions.every((_, i) => !holds(i, v)))
    ? undefined
    : `"${a.Identifier}": every value of ${value} matches a condition: ${domain.source}`;
  return { conditions: out, noMatch };
}
