import { parseArgs } from 'node:util';
import {
  checkPublishable,
  type FlowKind,
  flowKindOf,
  formatProblem,
  parseFlowKind,
} from '../../contact-flows/publish-rules.ts';
import { fillTemplate, parseFlowFile } from '../../contact-flows/template.ts';
import { loadLambdaStandIns, StandInError } from '../engine/stand-ins.ts';
import { describeOutcome } from '../engine/types.ts';
import { ScriptedCaller } from '../phone.ts';
import { type CallReport, LocalSwitchboard, SAMPLE_CALLER } from '../switchboard.ts';
import {
  configFrom,
  describeAt,
  parseAgentsOnline,
  parseAt,
  parseFaults,
  parseFrom,
  parseInputs,
  UsageError,
} from './common.ts';

export const CALL_HELP = `switchboard call [--config F] [--flow FILE [--type TYPE]] [--at TIME] [--from +E164|withheld]
                 [--input X]... [--fail NAME[:MODE]]... [--lambda NAME=FILE]... [--seed N]
                 [--answer-after S] [--queue-load N] [--agents-online N] [--on-call accept|ignore]
                 [--data DIR] [--json]
  One scripted call. --at is the business's local time (2026-11-28T21:00, in business.timezone) or an
  instant with an offset (2026-11-28T21:00:00-06:00); default now. Each --input answers the next
  prompt: keys (1, #, 4155550123#), say:words for speech, silence, hangup, or hangup:words (hangs up
  while speaking); when none are left the caller stays silent. --agents-online N: agents logged in,
  whatever the roster says (0: the rostered agents did not show up). --on-call: what the on-call
  people do with an urgent page call (press 1 to accept, the default, or ignore it).
  --flow runs a Flow Language file; it is first checked as Connect checks a flow on publish (its type
  from --type, else Metadata.type, else inbound) and refused, naming each action and rule, if Connect
  would refuse it. --lambda gives another team's function a stand-in: a module exporting handler(event);
  without one such a call takes its Error branch. --seed fixes Distribute by percentage draws.
  --on-call: what the paged on-call people do with an urgent page call: accept (press 1, the default)
  or ignore it; the clock runs on after the caller hangs up until the escalation has settled, and
  every page (SMS, call, the managers' alert) is listed with its simulated time.
  --fail injects a fault: a flow function (route, ticket, assistant, survey; :timeout, or :after-write
  for one whose first invocation in the call does its work and then fails; a retry runs normally), sns (:timeout = no answer), dynamodb (throttling), bedrock
  (:timeout), or Connect itself: queue-full, queue-transfer, transfer-failed, callback-failed.

  --json prints the call report: { at, from, flow, prompts[], path[{flow,id,type,branch}], outcome,
  endedWithMessage, lambdaCalls[], tickets[], notifications[], errors[], warnings[], events[],
  durationSeconds, contactId, attributes }. outcome.type is one of
    queued       { queue, answered, waitSeconds, priority, endedBy? }
    transferred  { to }
    callback     { queue, number }
    disconnected { by: "flow", afterMessage } | { by: "caller" }
    ended        { flow, action }            (the flow ended without a disconnect)
    error        { kind, message }           (the engine stopped the call; exit code 1)
    refused      { problems[{file, action, actionType, rule}] }  (not publishable; exit code 1)`;

/**
 * The call as a person reads it: what was said, what the caller did, how it ended. With `timezone`,
 * times are the business's local times (the UTC instant in brackets).
 */
export function formatReport(r: CallReport, timezone?: string): string {
  const when = (iso: string) => (timezone ? describeAt(new Date(iso), timezone) : iso);
  const lines = [`Call at ${when(r.at)} from ${r.from ?? 'a withheld number'} (flow ${r.flow})`, ''];
  let p = 0;
  for (const e of r.events) {
    if (e.startsWith('caller ')) {
      while (p < r.prompts.length && lines.length < 400) {
        lines.push(`  ♪ ${r.prompts[p++]}`);
        if (p > 0 && /press|say|tell me|how can i help|what else|请|吗/i.test(r.prompts[p - 1]!)) break;
      }
    }
    lines.push(`  → ${e}`);
  }
  while (p < r.prompts.length) lines.push(`  ♪ ${r.prompts[p++]}`);
  lines.push('', `Outcome: ${describeOutcome(r.outcome)}`);
  if (r.outcome.type === 'refused')
    for (const problem of r.outcome.problems) lines.push(`  ${formatProblem(problem)}`);
  for (const t of r.tickets)
    lines.push(
      `Ticket ${t.id}: ${t.category}, ${t.priority}, ${t.status}${t.partial ? ' (partial message)' : ''}, callback due ${when(t.dueAt)}${t.message ? ` — "${t.message}"` : ''}`,
    );
  for (const n of r.notifications)
    lines.push(
      `Outbox ${n.at.slice(11, 19)} ${n.channel} to ${n.to}: ${n.subject ? `[${n.subject}] ` : ''}${n.text.split('\n')[0]}`,
    );
  for (const e of r.errors) lines.push(`Error: ${e}`);
  return lines.join('\n');
}

/** A report for a flow Connect would not publish: nothing ran. */
function refusedReport(
  file: string,
  at: Date,
  from: string | null,
  problems: ReturnType<typeof checkPublishable>,
): CallReport {
  return {
    at: at.toISOString(),
    from,
    flow: file,
    prompts: [],
    path: [],
    outcome: { type: 'refused', problems },
    endedWithMessage: false,
    lambdaCalls: [],
    tickets: [],
    notifications: [],
    errors: problems.map(formatProblem),
    warnings: [],
    events: [],
    durationSeconds: 0,
    contactId: '',
    attributes: {},
  };
}

export async function call(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      config: { type: 'string' },
      flow: { type: 'string' },
      type: { type: 'string' },
      at: { type: 'string' },
      from: { type: 'string' },
      input: { type: 'string', multiple: true },
      fail: { type: 'string', multiple: true },
      lambda: { type: 'string', multiple: true },
      seed: { type: 'string' },
      'answer-after': { type: 'string' },
      'queue-load': { type: 'string' },
      'agents-online': { type: 'string' },
      'on-call': { type: 'string' },
      data: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const config = configFrom(values.config);
  const faults = parseFaults(values.fail);
  const at = parseAt(values.at, config.business.timezone);
  const from = parseFrom(values.from, SAMPLE_CALLER);
  const inputs = parseInputs(values.input);
  const agentsOnline = parseAgentsOnline(values['agents-online']);
  let kind: FlowKind | undefined;
  if (values.type !== undefined) {
    kind = parseFlowKind(values.type);
    if (!kind)
      throw new UsageError(`--type "${values.type}" is not a flow type (CONTACT_FLOW, CUSTOMER_QUEUE, ...)`);
  }
  const onCall = values['on-call'];
  if (onCall !== undefined && onCall !== 'accept' && onCall !== 'ignore')
    throw new UsageError(`--on-call "${onCall}" must be accept or ignore`);
  if (values.seed !== undefined && !Number.isInteger(Number(values.seed)))
    throw new UsageError(`--seed "${values.seed}" is not a whole number`);
  let lambdas: Awaited<ReturnType<typeof loadLambdaStandIns>>;
  try {
    lambdas = await loadLambdaStandIns(values.lambda);
  } catch (err) {
    if (err instanceof StandInError) throw new UsageError(err.message);
    throw err;
  }
  const sb = await LocalSwitchboard.start(config, values.data ? { dataDir: values.data } : {});
  try {
    let report: CallReport;
    const doc = values.flow ? fillTemplate(parseFlowFile(values.flow), sb.tokens(), values.flow) : undefined;
    const problems =
      values.flow && doc ? checkPublishable(doc, { file: values.flow, kind: flowKindOf(doc, kind) }) : [];
    if (values.flow && problems.length > 0) report = refusedReport(values.flow, at, from, problems);
    else
      report = await sb.call({
        at,
        from,
        caller: new ScriptedCaller(inputs),
        ...(values.flow ? { flowFile: values.flow } : {}),
        faults,
        engine: {
          lambdas,
          ...(values.seed !== undefined ? { seed: Number(values.seed) } : {}),
          ...(values['answer-after'] ? { answerAfterSeconds: Number(values['answer-after']) } : {}),
        },
        ...(values['queue-load'] ? { queueLoad: Number(values['queue-load']) } : {}),
        ...(agentsOnline !== undefined ? { agentsOnline } : {}),
        ...(onCall ? { onCall } : {}),
      });
    console.log(
      values.json ? JSON.stringify(report, null, 2) : formatReport(report, config.business.timezone),
    );
    return report.outcome.type === 'error' || report.outcome.type === 'refused' ? 1 : 0;
  } finally {
    await sb.stop();
  }
}
