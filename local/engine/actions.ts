/**
 * Runtime semantics of each Flow Language action, one function per action type, looked up by name. Each
 * entry names the Connect page it follows ("FL" = APIReference flow-language action page, "UI" = the
 * admin guide's block page). Where the docs are silent or the reference marks [INFERRED], the choice is
 * written next to the code and tested in test/flows/conformance.test.ts.
 */

import type { FlowAction } from '../../contact-flows/model.ts';
import { type FlowKind, kindName, TRANSFER_TARGET_KINDS } from '../../contact-flows/publish-rules.ts';
import { callbackRefusal, isDialable } from '../../lambdas/domain/phone.ts';
import { collectDigits, lexTimingProblem, toE164 } from './input.ts';
import type { Contact } from './interpreter.ts';
import { isSinglePath } from './jsonpath.ts';
import type { FlowRun, LambdaCall, LexResult, Result } from './types.ts';
import { str, validateResponse } from './values.ts';

export type ActionHandler = (
  c: Contact,
  a: FlowAction,
  run: FlowRun,
  deadline?: number,
) => Result | Promise<Result>;

const ok = (result?: string): Result => (result === undefined ? { kind: 'ok' } : { kind: 'ok', result });
const fail = (type: string, detail?: string): Result =>
  detail === undefined ? { kind: 'error', type } : { kind: 'error', type, detail };
const params = (a: FlowAction) => a.Parameters ?? {};

/**
 * Channels on which a block takes its Error branch (UI block-support-by-channel.html: "No - Error
 * branch"). The engine's contacts are voice calls unless `channel` says otherwise.
 */
const UNSUPPORTED_CHANNELS: Record<string, Array<'VOICE' | 'CHAT'>> = {
  // Reference 4.3 Wait: "Chat only" (2023 FL page). A Wait for an asynchronous Lambda is the exception
  // (UI invoke-lambda-function-block.html), handled in `wait`.
  Wait: ['VOICE'],
  // UI get-customer-input.html: "works for chat only when Amazon Lex is used".
  GetParticipantInput: ['CHAT'],
  // Reference 4.1: Loop prompts "On chat it takes the error branch"; Transfer to phone number is voice only.
  MessageParticipantIteratively: ['CHAT'],
  TransferParticipantToThirdParty: ['CHAT'],
};

function channelProblem(c: Contact, a: FlowAction): Result | undefined {
  const ch = c.options.channel;
  return UNSUPPORTED_CHANNELS[a.Type]?.includes(ch)
    ? fail('NoMatchingError', `${a.Type} does not support the ${ch.toLowerCase()} channel`)
    : undefined;
}

/** The queue a QueueId/AgentId parameter names, else the working queue. */
function queueParam(c: Contact, p: Record<string, unknown>, run: FlowRun) {
  if (p.QueueId !== undefined) return c.rt.queue(c.single(p.QueueId, run));
  if (p.AgentId !== undefined) return c.rt.queue(`agent/${c.single(p.AgentId, run)}`);
  return c.state.targetQueue;
}

// --- participant actions -----------------------------------------------------------------------------

/** FL MessageParticipant; UI play.html. */
const messageParticipant: ActionHandler = (c, a, run) => {
  c.say(c.promptOf(params(a), run));
  return ok();
};

/** FL MessageParticipantIteratively; UI loop-prompts.html. Repeats until the interval, an agent, or a hang-up. */
const messageParticipantIteratively: ActionHandler = (c, a, run, deadline) => {
  const p = params(a);
  const messages = ((p.Messages as Record<string, unknown>[]) ?? []).map((m) => c.promptOf(m, run));
  const interval = Number(p.InterruptFrequencySeconds ?? 0);
  const until = deadline ?? Number.POSITIVE_INFINITY;
  const stop = interval > 0 ? c.rt.now().getTime() + interval * 1000 : Number.POSITIVE_INFINITY;
  const end = Math.min(until, stop, c.startedAt.getTime() + c.options.maxCallSeconds * 1000 + 1000);
  let i = 0;
  while (c.rt.now().getTime() < end && messages.length > 0 && i < 50) {
    c.say(messages[i % messages.length]!);
    i++;
  }
  if (c.rt.now().getTime() < end) c.rt.advance((end - c.rt.now().getTime()) / 1000);
  if (until <= stop && deadline !== undefined) return { kind: 'exit', exit: { kind: 'interrupted' } };
  if (stop === Number.POSITIVE_INFINITY) return { kind: 'exit', exit: { kind: 'hangup' } };
  return ok('MessagesInterrupted');
};

/**
 * FL GetParticipantInput; UI get-customer-input.html (menu) and store-customer-input.html (stored):
 * a menu reads one key; stored input applies the cancel key and terminator (input.ts), validates phone
 * numbers, and on silence takes Success with the value "Timeout".
 */
const getParticipantInput: ActionHandler = async (c, a, run) => {
  const p = params(a);
  const prompt = c.promptOf(p, run);
  c.say(prompt);
  const store = str(p.StoreInput).toLowerCase() === 'true';
  const limit = Number(p.InputTimeLimitSeconds ?? p.InputTimeoutSeconds ?? 5) || 5;
  const options = (a.Transitions?.Conditions ?? []).flatMap((x) => x.Condition?.Operands ?? []);
  const input = await c.ask(
    { kind: store ? 'digits' : 'dtmf', flow: run.flow.key, action: a.Identifier, options },
    prompt,
  );
  if (input.type === 'hangup') return { kind: 'exit', exit: { kind: 'hangup' } };
  const keys = input.type === 'keys' ? input.value : '';
  if (!keys) {
    c.rt.advance(limit);
    if (store) {
      c.state.storedInput = 'Timeout';
      return ok();
    }
    return fail('InputTimeLimitExceeded');
  }
  c.rt.advance(Math.max(1, Math.ceil(keys.length / 2)));
  if (!store) return ok(keys[0]!);
  const dtmf = (p.DTMFConfiguration ?? {}) as {
    InputTerminationSequence?: unknown;
    DisableCancelKey?: unknown;
  };
  const validation = (p.InputValidation ?? {}) as {
    PhoneNumberValidation?: { NumberFormat?: string; CountryCode?: string };
    CustomValidation?: { MaximumLength?: string };
  };
  let value = collectDigits(keys, {
    cancelKey: str(dtmf.DisableCancelKey).toLowerCase() !== 'true',
    terminator: str(dtmf.InputTerminationSequence) || '#',
    maxLength: Number(validation.CustomValidation?.MaximumLength ?? 0) || undefined,
  });
  if (validation.PhoneNumberValidation) {
    const e164 = toE164(
      value,
      validation.PhoneNumberValidation.NumberFormat ?? 'Local',
      validation.PhoneNumberValidation.CountryCode ?? 'US',
    );
    if (!e164) return fail('InvalidPhoneNumber', `"${value}" is not a phone number`);
    value = e164;
  }
  c.state.storedInput = value;
  return ok();
};

/**
 * FL ConnectParticipantWithLexBot; UI get-customer-input.html (Amazon Lex): a timing session attribute
 * beyond Lex's documented limit takes the Error branch (input.ts LEX_TIMING_LIMITS_MS).
 */
const connectParticipantWithLexBot: ActionHandler = async (c, a, run) => {
  const p = params(a);
  const prompt = c.promptOf(p, run);
  c.say(prompt);
  const alias =
    str((p.LexV2Bot as { AliasArn?: string } | undefined)?.AliasArn) ||
    str((p.LexBot as { Name?: string } | undefined)?.Name);
  const session: Record<string, string> = {};
  for (const [k, v] of Object.entries((p.LexSessionAttributes as Record<string, unknown>) ?? {}))
    session[k] = c.text(v, run);
  const intents = (a.Transitions?.Conditions ?? []).flatMap((x) => x.Condition?.Operands ?? []);
  const input = await c.ask(
    { kind: 'speech', flow: run.flow.key, action: a.Identifier, options: intents },
    prompt,
  );
  if (input.type === 'hangup') {
    // promises (issue 11): what the caller said before hanging up is kept (Contact.state.partialWords).
    if (input.said) c.state.partialWords = input.said;
    return { kind: 'exit', exit: { kind: 'hangup' } };
  }
  const timing = lexTimingProblem(session);
  if (timing) return fail('NoMatchingError', timing);
  if (input.type === 'silence') {
    c.rt.advance(8);
    return fail('InputTimeLimitExceeded');
  }
  c.rt.advance(3);
  let result: LexResult | undefined;
  try {
    result = await c.rt.lex(alias, input.value, session, intents, c.snapshot);
  } catch (err) {
    return fail('NoMatchingError', `Lex: ${(err as Error).message}`);
  }
  if (!result) return fail('NoMatchingError', `no Lex bot ${alias}`);
  c.state.lexResult = result;
  return ok(result.IntentName);
};

/** FL DisconnectParticipant. */
const disconnectParticipant: ActionHandler = () => ({ kind: 'exit', exit: { kind: 'disconnect' } });

/** FL TransferParticipantToThirdParty; UI transfer-to-phone-number.html. */
const transferParticipantToThirdParty: ActionHandler = (c, a, run) => {
  const p = params(a);
  const to = c.single(p.ThirdPartyPhoneNumber, run);
  const resume = str(p.ContinueFlowExecution).toLowerCase() === 'true';
  // CallFailed exists only with ContinueFlowExecution True (reference 4.1); otherwise NoMatchingError.
  if (!isDialable(to))
    return fail(resume ? 'CallFailed' : 'NoMatchingError', `"${to}" is not a dialable E.164 number`);
  if (c.touch('transfer-failed'))
    return fail(
      resume ? 'CallFailed' : 'NoMatchingError',
      `the call to ${to} failed (--fail transfer-failed)`,
    );
  c.state.transferredTo = to;
  c.events.push(`transferred to ${to}`);
  if (resume) {
    c.rt.advance(c.options.talkSeconds);
    return ok();
  }
  return { kind: 'exit', exit: { kind: 'transferred' } };
};

// --- contact actions ---------------------------------------------------------------------------------

/** FL UpdateContactAttributes: all or nothing; over 32 KB takes the Error branch. */
const updateContactAttributes: ActionHandler = (c, a, run) => {
  const attrs: Record<string, string> = {};
  for (const [k, v] of Object.entries((params(a).Attributes as Record<string, unknown>) ?? {}))
    attrs[c.text(k, run)] = c.text(v, run);
  return c.setAttributes(attrs) ? ok() : fail('NoMatchingError', 'contact attributes over 32 KB');
};

/** FL UpdateContactTargetQueue; UI set-working-queue.html: an unknown queue takes the Error branch. */
const updateContactTargetQueue: ActionHandler = (c, a, run) => {
  const p = params(a);
  const ref =
    p.QueueId !== undefined
      ? c.single(p.QueueId, run)
      : p.AgentId !== undefined
        ? `agent/${c.single(p.AgentId, run)}`
        : '';
  const queue = ref ? c.rt.queue(ref) : undefined;
  if (!queue) return fail('NoMatchingError', `no such queue "${ref}"`);
  c.state.targetQueue = queue;
  return ok();
};

function atCapacity(c: Contact, queue: NonNullable<Contact['state']['targetQueue']>): boolean {
  const s = c.staffing(queue);
  return queue.maxContacts !== undefined && s.inQueue >= queue.maxContacts;
}

/** FL TransferContactToQueue; UI transfer-to-queue.html: no working queue → Error; a full queue → QueueAtCapacity. */
const transferContactToQueue: ActionHandler = (c, _a, run) => {
  if (run.mode === 'queue')
    return fail('NoMatchingError', 'TransferContactToQueue is not allowed in a customer queue flow');
  const queue = c.state.targetQueue;
  if (!queue) return fail('NoMatchingError', 'no working queue set');
  if (c.touch('queue-full') || atCapacity(c, queue)) return fail('QueueAtCapacity', `${queue.name} is full`);
  if (c.touch('queue-transfer'))
    return fail('NoMatchingError', `Connect could not queue the contact (--fail queue-transfer)`);
  return { kind: 'exit', exit: { kind: 'queued' } };
};

/**
 * FL DequeueContactAndTransferToQueue (queue flows only): moves the waiting contact to another queue.
 * [INFERRED] The customer queue flow ends and the contact waits in the new queue with the same hooks.
 */
const dequeueContactAndTransferToQueue: ActionHandler = (c, a, run) => {
  const p = params(a);
  if (run.mode !== 'queue' && run.mode !== 'main')
    return fail('NoMatchingError', 'the contact is not in a queue');
  const queue = queueParam(c, p, run);
  if (!queue || (p.QueueId === undefined && p.AgentId === undefined))
    return fail('NoMatchingError', 'no queue to transfer to');
  if (c.touch('queue-full') || atCapacity(c, queue)) return fail('QueueAtCapacity', `${queue.name} is full`);
  c.state.targetQueue = queue;
  c.events.push(`moved to queue ${queue.name}`);
  return { kind: 'exit', exit: { kind: 'queued' } };
};

/** FL UpdateContactEventHooks: the flow for the hook runs later (queue, disconnect). */
const updateContactEventHooks: ActionHandler = (c, a, run) => {
  for (const [k, v] of Object.entries((params(a).EventHooks as Record<string, unknown>) ?? {}))
    c.state.hooks[k] = c.single(v, run);
  return ok();
};

/** FL UpdateContactCallbackNumber: not E.164 → InvalidCallbackNumber; not dialable → CallbackNumberNotDialable. */
const updateContactCallbackNumber: ActionHandler = (c, a, run) => {
  const raw = str(params(a).CallbackNumber);
  if (!isSinglePath(raw)) return fail('InvalidCallbackNumber', 'CallbackNumber must be a JSONPath reference');
  const n = c.single(raw, run);
  // [INFERRED] Invalid: not a valid number for its country (libphonenumber's rules, e.g. a NANP exchange
  // cannot start with 0 or 1). Not dialable: premium-rate, shared-cost or personal numbers, which
  // Connect does not call by default and the line never calls back (phone.ts).
  const refusal = callbackRefusal(n);
  if (refusal) return fail(refusal, `"${n}" cannot be called back`);
  c.state.callbackNumber = n;
  return ok();
};

/** FL UpdateContactRecordingBehavior: recorded participants and IVR recording. */
const updateContactRecordingBehavior: ActionHandler = (c, a) => {
  const rb = (params(a).RecordingBehavior ?? {}) as {
    RecordedParticipants?: string[];
    IVRRecordingBehavior?: string;
  };
  if (rb.RecordedParticipants) {
    c.state.recording.agent = rb.RecordedParticipants.includes('Agent');
    c.state.recording.customer = rb.RecordedParticipants.includes('Customer');
  }
  if (rb.IVRRecordingBehavior) c.state.recording.ivr = rb.IVRRecordingBehavior === 'Enabled';
  return ok();
};

/** FL UpdateContactTextToSpeechVoice. */
const updateContactTextToSpeechVoice: ActionHandler = (c, a, run) => {
  c.state.voice = c.single(params(a).TextToSpeechVoice ?? c.state.voice, run);
  return ok();
};

/** FL UpdateContactData: language, name, description, references, Wisdom session. */
const updateContactData: ActionHandler = (c, a, run) => {
  for (const [k, v] of Object.entries(params(a))) {
    if (k === 'TargetContact' || typeof v !== 'string') continue;
    if (k === 'LanguageCode') c.state.languageCode = c.single(v, run);
    else c.state.contactData[k] = c.text(v, run);
  }
  return ok();
};

/**
 * FL UpdateContactRoutingBehavior; UI change-routing-priority.html: sets the queue priority (lower is
 * served first) or adds to the contact's routing age. Read by Contact.queuePhase for the order of service.
 */
const updateContactRoutingBehavior: ActionHandler = (c, a, run) => {
  const p = params(a);
  if (p.QueuePriority !== undefined) {
    const n = Number(c.single(p.QueuePriority, run));
    if (Number.isInteger(n) && n > 0) c.state.priority = n;
  }
  if (p.QueueTimeAdjustmentSeconds !== undefined) {
    const n = Number(c.single(p.QueueTimeAdjustmentSeconds, run));
    if (Number.isInteger(n)) c.state.ageAdjustSeconds += n;
  }
  return ok();
};

/** FL TagContact / UnTagContact. */
const tagContact: ActionHandler = (c, a, run) => {
  for (const [k, v] of Object.entries((params(a).Tags as Record<string, unknown>) ?? {}))
    c.state.tags[k] = c.text(v, run);
  return ok();
};
const unTagContact: ActionHandler = (c, a) => {
  for (const k of (params(a).TagKeys as string[]) ?? []) delete c.state.tags[k];
  return ok();
};

/** Routing criteria, media streaming, previous-contact state: recorded, no effect on a simulated call. */
const recordOnly: ActionHandler = () => ok();

// --- flow control ------------------------------------------------------------------------------------

/** FL Compare; UI check-contact-attributes.html. */
const compare: ActionHandler = (c, a, run) => ok(c.single(params(a).ComparisonValue, run));

/** FL CheckHoursOfOperation: no hours and no working queue, or unknown hours → Error. */
const checkHoursOfOperation: ActionHandler = (c, a, run) => {
  const p = params(a);
  const id = p.HoursOfOperationId !== undefined ? c.single(p.HoursOfOperationId, run) : undefined;
  if (!id && !c.state.targetQueue) return fail('NoMatchingError', 'no hours given and no queue set');
  const open = c.rt.hoursOpen(id, c.state.targetQueue);
  if (open === undefined) return fail('NoMatchingError', `unknown hours of operation ${id}`);
  return ok(open ? 'True' : 'False');
};

/** FL CheckMetricData; UI check-staffing.html: "If a queue is not set, the contact is routed down the Error branch". */
const checkMetricData: ActionHandler = (c, a, run) => {
  const p = params(a);
  const queue = queueParam(c, p, run);
  if (!queue) return fail('NoMatchingError', 'no queue for the metric');
  const metric = str(p.MetricType);
  // staffing (issue 11): agents rostered may not be logged in. Where the engine reports agents, the
  // world may decide that nobody logged in (verify explores it); `call --agents-online N` sets the count.
  if (metric.startsWith('NumberOfAgents') && !c.state.nobodyLoggedIn) {
    const reported = c.staffing(queue);
    if (reported.staffed > 0 || reported.online > 0) {
      const chosen = c.decide({
        flow: run.flow.key,
        action: a.Identifier,
        what: 'agents logged in',
        options: ['as reported', 'nobody logged in'],
        fallback: 0,
      });
      if (chosen === 'nobody logged in') c.state.nobodyLoggedIn = true;
    }
  }
  const s = c.staffing(queue);
  const values: Record<string, number> = {
    NumberOfAgentsAvailable: s.available,
    NumberOfAgentsStaffed: s.staffed,
    NumberOfAgentsOnline: s.online,
    OldestContactInQueueAgeSeconds: s.oldestSeconds,
    NumberOfContactsInQueue: s.inQueue,
  };
  if (!(metric in values)) return fail('NoMatchingError', `unknown MetricType ${metric}`);
  // Who is logged in is the world's choice, not the roster's: verify tries the value the roster gives and
  // the values either side of each threshold the block compares with.
  const actual = values[metric]!;
  const candidates = new Set<number>([actual]);
  for (const x of a.Transitions?.Conditions ?? []) {
    const n = Number(x.Condition?.Operands?.[0]);
    if (Number.isFinite(n)) for (const v of [n - 1, n, n + 1]) if (v >= 0) candidates.add(Math.round(v));
  }
  const options = [...candidates].map(String);
  const chosen = c.decide({
    flow: run.flow.key,
    action: a.Identifier,
    what: `${metric} (agents log in and out)`,
    options,
    fallback: 0,
  });
  return ok(chosen);
};

/** FL GetMetricData; UI get-queue-metrics.html: fills $.Metrics. */
const getMetricData: ActionHandler = (c, a, run) => {
  const queue = queueParam(c, params(a), run);
  if (!queue) return fail('NoMatchingError', 'no queue for the metrics');
  const s = c.staffing(queue);
  c.state.metrics = {
    Queue: {
      Name: queue.name,
      ARN: queue.arn,
      Size: String(s.inQueue),
      OldestContactAge: String(s.oldestSeconds),
    },
    Agents: {
      Online: { Count: String(s.online) },
      Available: { Count: String(s.available) },
      Staffed: { Count: String(s.staffed) },
      AfterContactWork: { Count: '0' },
      Busy: { Count: String(Math.max(0, s.staffed - s.available)) },
      Missed: { Count: '0' },
      NonProductive: { Count: '0' },
    },
  };
  return ok();
};

/** FL Loop; UI loop.html: ContinueLooping `count` times, then DoneLooping once, then reset. */
const loop: ActionHandler = (c, a, run) => {
  const count = Number(c.single(params(a).LoopCount, run));
  const done = run.loops.get(a.Identifier) ?? 0;
  if (Number.isFinite(count) && done < count) {
    run.loops.set(a.Identifier, done + 1);
    return ok('ContinueLooping');
  }
  run.loops.delete(a.Identifier);
  return ok('DoneLooping');
};

/**
 * FL DistributeByPercentage; UI distribute-by-percentage.html: a number from 1 to 100, compared with
 * the cumulative NumberLessThan thresholds. Deterministic for the engine's seed (the same seed, flow,
 * action and visit give the same number); verify explores every branch as a decision.
 */
const distributeByPercentage: ActionHandler = (c, a, run) => {
  const thresholds = (a.Transitions?.Conditions ?? []).map((x) => Number(x.Condition?.Operands?.[0]));
  const seeded = (hash(`${c.options.seed}|${run.flow.key}|${a.Identifier}|${c.visit(run, a)}`) % 100) + 1;
  // One option per branch: the lowest number that lands in it, and "the rest" for NoMatchingCondition.
  const starts = [1, ...thresholds.filter((t) => t > 1 && t <= 101)];
  const unique = [...new Set(starts)].filter((s) => s <= 100).sort((x, y) => x - y);
  const options = unique.map((s) => String(s));
  const fallback = Math.max(
    0,
    unique.findLastIndex((s) => s <= seeded),
  );
  const chosen = c.decide({
    flow: run.flow.key,
    action: a.Identifier,
    what: 'percentage draw',
    options,
    fallback,
  });
  const n = chosen === options[fallback] ? seeded : Number(chosen);
  return ok(String(n));
};

/** FNV-1a, for seeded draws. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * FL Wait; UI wait.html. Chat only: on a voice contact it takes the Error branch (block-support-by-channel).
 * [INFERRED] A Wait whose `LambdaInvocationId` names an asynchronous Lambda call waits for that call on
 * any channel (UI invoke-lambda-function-block.html: "You can configure Wait block to wait for a Lambda
 * that is invoked using the asynchronous execution mode"); its result becomes $.External.
 */
const wait: ActionHandler = (c, a, run) => {
  const p = params(a);
  if (p.LambdaInvocationId !== undefined) {
    const id = c.single(p.LambdaInvocationId, run);
    const r = c.state.asyncResults.get(id);
    if (!r) return fail('NoMatchingError', `no asynchronous Lambda call ${id}`);
    c.rt.advance(r.seconds);
    if (!r.ok) {
      c.state.external = {};
      return fail('NoMatchingError', r.error);
    }
    c.state.external = (r.response ?? {}) as Record<string, unknown>;
    return ok('WaitCompleted');
  }
  const unsupported = channelProblem(c, a);
  if (unsupported) return unsupported;
  const seconds = Number(c.single(p.TimeLimitSeconds ?? p.TimeoutSeconds ?? '0', run)) || 0;
  c.rt.advance(Math.min(seconds, c.options.maxCallSeconds));
  return ok('WaitCompleted');
};

/**
 * FL TransferToFlow; UI transfer-to-flow.html: "routed down the Error branch if the flow ... isn't a
 * valid flow, or it's not a valid flow type (Inbound, Transfer to Agent, or Transfer to Queue)".
 */
const transferToFlow: ActionHandler = (c, a, run) => {
  const ref = c.single(params(a).ContactFlowId, run);
  const target = c.rt.flow(ref);
  if (!target) return fail('NoMatchingError', `no flow "${ref}"`);
  const kind = (target.isModule ? 'MODULE' : target.type) as FlowKind;
  if (!TRANSFER_TARGET_KINDS.includes(kind))
    return fail(
      'NoMatchingError',
      `"${target.key}" is ${kindName(kind)}; Transfer to flow needs an inbound or transfer flow`,
    );
  return { kind: 'exit', exit: { kind: 'transfer-flow', target } };
};

/** FL InvokeFlowModule: the target must be a module. */
const invokeFlowModule: ActionHandler = (c, a, run) => {
  const ref = c.single(params(a).FlowModuleId, run);
  const target = c.rt.flow(ref);
  if (!target) return fail('NoMatchingError', `no flow module "${ref}"`);
  if (!target.isModule) return fail('NoMatchingError', `"${target.key}" is a flow, not a flow module`);
  return { kind: 'module', target };
};

/** FL EndFlowModuleExecution (Return). */
const endFlowModuleExecution: ActionHandler = (_c, _a, run) => ({
  kind: 'exit',
  exit: run.mode === 'module' ? { kind: 'module-return' } : { kind: 'end' },
});

/** FL EndFlowExecution (End flow / Resume). */
const endFlowExecution: ActionHandler = () => ({ kind: 'exit', exit: { kind: 'end' } });

/** FL UpdateFlowAttributes: flow-scoped, not carried to the next flow. */
const updateFlowAttributes: ActionHandler = (c, a, run) => {
  for (const [k, v] of Object.entries(
    (params(a).FlowAttributes as Record<string, { Value?: unknown }>) ?? {},
  ))
    run.flowAttributes[k] = c.text(v?.Value, run);
  return ok();
};

// --- interactions ------------------------------------------------------------------------------------

/**
 * FL InvokeLambdaFunction; UI invoke-lambda-function-block.html.
 * - Synchronous: up to 8 s; an error, a time-out or a response that is not the declared type → Error.
 * - Asynchronous: up to 60 s; the contact goes on at once down Success, and the result waits for a later
 *   Wait (`$.LambdaInvocation.InvocationId`).
 * - Another team's function (not one of the instance's): a `--lambda NAME=FILE` stand-in if given; else
 *   the stated default, the Error branch ("no stand-in for NAME"). Verify explores success and error.
 */
const invokeLambdaFunction: ActionHandler = async (c, a, run) => {
  const p = params(a);
  const arn = c.single(p.LambdaFunctionARN, run);
  const asynchronous = str(p.InvocationType).toUpperCase() === 'ASYNCHRONOUS';
  const max = asynchronous ? 60 : 8;
  let limit = Number(p.InvocationTimeLimitSeconds ?? max);
  if (!Number.isInteger(limit) || limit < 1 || limit > max) {
    c.warnings.push(
      `"${a.Identifier}": InvocationTimeLimitSeconds must be a whole number from 1 to ${max}; using ${max}`,
    );
    limit = max;
  }
  const parameters: Record<string, string> = {};
  for (const [k, v] of Object.entries((p.LambdaInvocationAttributes as Record<string, unknown>) ?? {}))
    parameters[k] = c.text(v, run);
  const event = c.lambdaEvent(parameters);
  const name = functionName(arn);
  const own = c.rt.hasFunction?.(arn) ?? true;
  const standIn = own ? undefined : c.options.lambdas[name];
  const call: LambdaCall = {
    arn,
    function: name,
    via: own ? 'handler' : standIn ? 'stand-in' : 'default',
    asynchronous,
    parameters,
    ok: false,
    ms: 0,
  };
  c.lambdaCalls.push(call);
  const started = Date.now();
  let response: unknown;
  let error: string | undefined;
  if (call.via === 'default') {
    const choice = c.decide({
      flow: run.flow.key,
      action: a.Identifier,
      what: `${name} (no stand-in: --lambda ${name}=FILE)`,
      options: ['error', 'success'],
      fallback: 0,
    });
    if (choice === 'error')
      error = `${name} is not a Switchboard function and has no stand-in (--lambda ${name}=FILE)`;
    else response = {};
  } else {
    try {
      response = standIn ? await standIn(event) : await c.rt.invoke(arn, event, limit);
    } catch (err) {
      error = (err as Error).message;
    }
  }
  call.ms = Date.now() - started;
  const seconds = c.options.lambdaSeconds ?? Math.max(0.05, call.ms / 1000);
  if (asynchronous) {
    // The contact does not wait: Success now; the outcome is kept for a later Wait.
    const invocationId = `${c.contactId}-${c.lambdaCalls.length}`;
    c.state.asyncResults.set(invocationId, {
      ok: error === undefined,
      ...(error === undefined ? { response } : { error }),
      seconds: Math.min(seconds, limit),
    });
    c.state.lambdaInvocation = { InvocationId: invocationId };
    call.ok = error === undefined;
    if (error) call.error = error;
    c.events.push(`${name} invoked asynchronously; the flow continued without waiting`);
    return ok();
  }
  c.rt.advance(seconds);
  // $.External is "the response from the most recently invoked function" (reference 3): a call that
  // failed leaves none, so a flow never reads the previous function's values as if they were this one's.
  // [INFERRED] Connect documents no value after an error; the empty result is the safe reading.
  if (error !== undefined) {
    c.state.external = {};
    call.error = error;
    c.errors.push(`${name}: ${error}`);
    return fail('NoMatchingError', error);
  }
  const json =
    str((p.ResponseValidation as { ResponseType?: string } | undefined)?.ResponseType).toUpperCase() ===
    'JSON';
  const problem = validateResponse(response, json);
  if (problem) {
    c.state.external = {};
    call.error = problem;
    c.errors.push(`${name}: ${problem}`);
    return fail('NoMatchingError', problem);
  }
  call.ok = true;
  call.response = response;
  c.state.external = (response ?? {}) as Record<string, unknown>;
  return ok();
};

/** `arn:aws:lambda:region:acct:function:NAME[:alias]` → NAME. */
export function functionName(arn: string): string {
  const m = /:function:([^:]+)/.exec(arn);
  return m?.[1] ?? arn.split(':').pop() ?? arn;
}

/** FL CreateCallbackContact: the callback number (or caller id) on the queue; none → Error. */
const createCallbackContact: ActionHandler = (c, a, run) => {
  const queue = queueParam(c, params(a), run);
  if (c.state.callbackNumber === undefined) c.touch('caller-id');
  const to = c.state.callbackNumber ?? c.customerAddress;
  if (!queue || !to)
    return fail('NoMatchingError', !queue ? 'no queue for the callback' : 'no number to call back');
  if (c.touch('callback-failed'))
    return fail('NoMatchingError', 'Connect could not create the callback (--fail callback-failed)');
  c.state.callback = { queue: queue.configId ?? queue.arn, number: to };
  c.events.push(`callback queued on ${queue.name} to ${to}`);
  return ok();
};

// --- stand-ins for services the engine does not run ----------------------------------------------------

/**
 * Customer Profiles (UI customer-profiles-block.html), a local stand-in: the profile is "found" by
 * default for a caller with a number and "not found" for a withheld one; verify explores found, not
 * found, several found (where the flow branches on it) and error. Found fields land under $.Customer.
 */
const customerProfile =
  (operation: 'get' | 'create' | 'update' | 'calculated'): ActionHandler =>
  (c, a, run) => {
    const p = params(a);
    const errors = (a.Transitions?.Errors ?? []).map((e) => e.ErrorType);
    const options =
      operation === 'get' || operation === 'calculated'
        ? ['found', 'not found', ...(errors.includes('MultipleFoundError') ? ['several found'] : []), 'error']
        : ['success', 'error'];
    c.touch('caller-id');
    const fallback = operation === 'get' && !c.customerAddress ? 1 : 0;
    const outcome = c.decide({
      flow: run.flow.key,
      action: a.Identifier,
      what: `${a.Type} (stand-in)`,
      options,
      fallback,
    });
    if (outcome === 'error') return fail('NoMatchingError', `${a.Type} stand-in: service error`);
    if (outcome === 'not found') return fail('NoneFoundError', 'no matching profile (stand-in)');
    if (outcome === 'several found')
      return fail('MultipleFoundError', 'several matching profiles (stand-in)');
    const request = (p.ProfileRequestData ?? {}) as Record<string, unknown>;
    const fields = (p.ProfileResponseData as string[] | undefined) ?? [];
    const customer: Record<string, unknown> = { ...c.state.customer };
    customer.ProfileId ??= `profile-${c.contactId.slice(0, 8)}`;
    for (const [k, v] of Object.entries(request)) customer[k] = c.text(v, run);
    for (const f of fields)
      if (!(f in customer)) customer[f] = f.startsWith('CalculatedAttributes.') ? '' : `(${f})`;
    c.state.customer = customer;
    return ok();
  };

/** Amazon Q in Connect (UI amazon-q-connect-block.html), a stand-in: a session ARN, or an error when explored. */
const createWisdomSession: ActionHandler = (c, a, run) => {
  const outcome = c.decide({
    flow: run.flow.key,
    action: a.Identifier,
    what: 'CreateWisdomSession (stand-in)',
    options: ['success', 'error'],
    fallback: 0,
  });
  if (outcome === 'error') return fail('NoMatchingError', 'CreateWisdomSession stand-in: service error');
  const assistant = c.single(params(a).WisdomAssistantArn, run);
  c.state.wisdom = { SessionArn: `${assistant.replace(':assistant/', ':session/')}/${c.contactId}` };
  return ok();
};

/**
 * Show view (UI show-view-block.html), a stand-in for the agent's screen: the agent's choice is one of the
 * flow's conditions (the first by default); verify also explores a time-out and an error.
 */
const showView: ActionHandler = (c, a, run) => {
  const results = (a.Transitions?.Conditions ?? []).map((x) => x.Condition?.Operands?.[0] ?? '');
  const options = [...results, 'TimeLimitExceeded', 'error'];
  const outcome = c.decide({
    flow: run.flow.key,
    action: a.Identifier,
    what: 'ShowView (stand-in)',
    options,
    fallback: 0,
  });
  if (outcome === 'error') return fail('NoMatchingError', 'ShowView stand-in: error');
  if (outcome === 'TimeLimitExceeded') {
    c.rt.advance(Number(params(a).InvocationTimeLimitSeconds ?? 0) || 0);
    return fail('TimeLimitExceeded', 'nobody acted on the view');
  }
  return ok(outcome);
};

/**
 * The table: action type → semantics. Publish-time rules (which flow types, parameters, transitions)
 * live in contact-flows/publish-rules.ts; this is only what happens when the action runs.
 */
export const ACTIONS: Record<string, ActionHandler> = {
  MessageParticipant: messageParticipant,
  MessageParticipantIteratively: withChannel(messageParticipantIteratively),
  GetParticipantInput: withChannel(getParticipantInput),
  ConnectParticipantWithLexBot: connectParticipantWithLexBot,
  DisconnectParticipant: disconnectParticipant,
  TransferParticipantToThirdParty: withChannel(transferParticipantToThirdParty),
  UpdateContactAttributes: updateContactAttributes,
  UpdateContactTargetQueue: updateContactTargetQueue,
  TransferContactToQueue: transferContactToQueue,
  DequeueContactAndTransferToQueue: dequeueContactAndTransferToQueue,
  UpdateContactEventHooks: updateContactEventHooks,
  UpdateContactCallbackNumber: updateContactCallbackNumber,
  UpdateContactRecordingBehavior: updateContactRecordingBehavior,
  UpdateContactTextToSpeechVoice: updateContactTextToSpeechVoice,
  UpdateContactData: updateContactData,
  UpdateContactRoutingBehavior: updateContactRoutingBehavior,
  UpdateContactRoutingCriteria: recordOnly,
  UpdateContactMediaStreamingBehavior: recordOnly,
  TagContact: tagContact,
  UnTagContact: unTagContact,
  Compare: compare,
  CheckHoursOfOperation: checkHoursOfOperation,
  CheckMetricData: checkMetricData,
  GetMetricData: getMetricData,
  Loop: loop,
  DistributeByPercentage: distributeByPercentage,
  Wait: wait,
  TransferToFlow: transferToFlow,
  InvokeFlowModule: invokeFlowModule,
  EndFlowModuleExecution: endFlowModuleExecution,
  EndFlowExecution: endFlowExecution,
  UpdateFlowLoggingBehavior: recordOnly,
  UpdateFlowAttributes: updateFlowAttributes,
  InvokeLambdaFunction: invokeLambdaFunction,
  CreateCallbackContact: createCallbackContact,
  GetCustomerProfile: customerProfile('get'),
  CreateCustomerProfile: customerProfile('create'),
  UpdateCustomerProfile: customerProfile('update'),
  GetCalculatedAttributesForCustomerProfile: customerProfile('calculated'),
  CreateWisdomSession: createWisdomSession,
  ShowView: showView,
};

/** Wraps a handler so that a channel the block does not support takes the Error branch first. */
function withChannel(h: ActionHandler): ActionHandler {
  return (c, a, run, deadline) => channelProblem(c, a) ?? h(c, a, run, deadline);
}

export const SUPPORTED_ACTIONS = Object.keys(ACTIONS).sort();
