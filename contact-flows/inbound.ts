import { LOCALES, type MenuItem, type SwitchboardConfig } from '../config/schema.ts';
import { external, type StorableKey } from './contracts.ts';
import { invokeFunction } from './invoke.ts';
import { equals, FlowBuilder, type FlowDocument, onError } from './model.ts';
import { promptsFor } from './prompts.ts';
import type { FlowRefs } from './refs.ts';

export function voiceOf(config: SwitchboardConfig): string {
  return config.business.voice ?? LOCALES[config.business.locale].voice;
}

/** Shared opening of our contact flows: logging, voice, language. */
export function opening(b: FlowBuilder, config: SwitchboardConfig, next: string): void {
  b.add('logging', 'UpdateFlowLoggingBehavior', { FlowLoggingBehavior: 'Enabled' }, { NextAction: 'voice' });
  b.add(
    'voice',
    'UpdateContactTextToSpeechVoice',
    { TextToSpeechVoice: voiceOf(config), TextToSpeechEngine: 'Neural' },
    { NextAction: 'language', Errors: onError('language') },
  );
  b.add(
    'language',
    'UpdateContactData',
    { LanguageCode: config.business.locale },
    { NextAction: next, Errors: onError(next) },
  );
}

/**
 * The inbound flow: voice and language, logging, recording, the queue and disconnect hooks, one call to
 * `route`, then either the assistant flow or, when someone is logged in (Connect's staffing metric), the
 * greeting and the menu (at most two levels, `0` for a person and `*` back at every level, retries then a
 * person). When `route` fails, Connect's hours of operation choose between the menu and the assistant.
 */
export function inboundFlow(config: SwitchboardConfig, refs: FlowRefs): FlowDocument {
  const t = promptsFor(config.business.locale);
  const b = new FlowBuilder('logging');
  opening(b, config, 'recording');
  b.add(
    'recording',
    'UpdateContactRecordingBehavior',
    { RecordingBehavior: { RecordedParticipants: ['Agent', 'Customer'] } },
    { NextAction: config.recordings.announce ? 'recording-notice' : 'hook-queue' },
  );
  // hardening: callers are told the call may be recorded (recordings.announce, on by default).
  if (config.recordings.announce) b.say('recording-notice', t.recordingNotice, 'hook-queue');
  b.add(
    'hook-queue',
    'UpdateContactEventHooks',
    { EventHooks: { CustomerQueue: refs.flows.customerQueue } },
    { NextAction: 'hook-disconnect', Errors: onError('hook-disconnect') },
  );
  b.add(
    'hook-disconnect',
    'UpdateContactEventHooks',
    { EventHooks: { CustomerRemaining: refs.flows.disconnect } },
    { NextAction: 'log-off', Errors: onError('log-off') },
  );
  // hardening: route returns the on-call phone number and the caller's name; flow logs would keep both
  // (the Lambda's results and the attributes set from them). Logging is off from the call to the
  // attributes, and back on after, on both branches. The on-call number and name are never kept as
  // attributes (contracts.ts `neverStored`): the assistant flow reads the number from $.External right
  // before its transfers.
  b.add('log-off', 'UpdateFlowLoggingBehavior', { FlowLoggingBehavior: 'Disabled' }, { NextAction: 'route' });
  invokeFunction(b, refs, 'route', 'route', {}, 'save-route', 'route-failed');
  // $.External is replaced by the next Lambda call; keep what later flows need as contact attributes
  // (StorableKey: a key the contract marks `neverStored` does not compile here).
  const routed = external('route');
  const keep: StorableKey<'route'>[] = [
    'mode',
    'reason',
    'shift',
    'holiday',
    'onCall',
    'knownCaller',
    'greetByName',
    'customerName',
    'openTickets',
  ];
  b.add(
    'save-route',
    'UpdateContactAttributes',
    { Attributes: Object.fromEntries(keep.map((k) => [k, routed[k]])), TargetContact: 'Current' },
    { NextAction: 'log-on', Errors: onError('log-on') },
  );
  b.add(
    'log-on',
    'UpdateFlowLoggingBehavior',
    { FlowLoggingBehavior: 'Enabled' },
    { NextAction: 'is-assistant' },
  );
  b.add(
    'route-failed',
    'UpdateContactAttributes',
    { Attributes: { routeFailed: 'true' }, TargetContact: 'Current' },
    { NextAction: 'log-on-failed', Errors: onError('log-on-failed') },
  );
  b.add(
    'log-on-failed',
    'UpdateFlowLoggingBehavior',
    { FlowLoggingBehavior: 'Enabled' },
    { NextAction: 'hours' },
  );
  // Without route, Connect's own hours of operation (the staffed hours and holidays from the config)
  // decide: closed goes to the assistant and a message, open to the menu (issue 12).
  b.add(
    'hours',
    'CheckHoursOfOperation',
    { HoursOfOperationId: refs.hours },
    {
      NextAction: 'staffed',
      Conditions: [equals('True', 'staffed'), equals('False', 'closed-by-hours')],
      Errors: onError('greeting'),
    },
  );
  b.add(
    'closed-by-hours',
    'UpdateContactAttributes',
    { Attributes: { mode: 'assistant', reason: 'closed' }, TargetContact: 'Current' },
    { NextAction: 'to-assistant', Errors: onError('to-assistant') },
  );
  b.compare('is-assistant', '$.Attributes.mode', [equals('assistant', 'to-assistant')], 'staffed');
  // Staffed, not just rostered: Connect's own count of agents logged in to the queue (working, on a call
  // or in after-call work). Nobody logged in: the assistant takes a message instead of an empty queue.
  // The routing profile answers every queue, so the default queue stands for all of them.
  b.add(
    'staffed',
    'CheckMetricData',
    { MetricType: 'NumberOfAgentsStaffed', QueueId: refs.queues[config.ivr.defaultQueue] },
    {
      NextAction: 'greet-by-name',
      Conditions: [
        { NextAction: 'greet-by-name', Condition: { Operator: 'NumberGreaterThan', Operands: ['0'] } },
      ],
      Errors: [...onError('nobody-staffed', 'NoMatchingCondition'), ...onError('greet-by-name')],
    },
  );
  b.add(
    'nobody-staffed',
    'UpdateContactAttributes',
    { Attributes: { mode: 'assistant', reason: 'unstaffed' }, TargetContact: 'Current' },
    { NextAction: 'to-assistant', Errors: onError('to-assistant') },
  );
  b.add(
    'to-assistant',
    'TransferToFlow',
    { ContactFlowId: refs.flows.assistant },
    { NextAction: 'greeting', Errors: onError('greeting') },
  );
  b.compare('greet-by-name', '$.Attributes.greetByName', [equals('true', 'name-log-off')], 'greeting');
  b.say('greeting', config.ivr.greeting, 'menu');
  // hardening: the greeting by name is said with logging off, so the name stays out of the flow logs.
  b.add(
    'name-log-off',
    'UpdateFlowLoggingBehavior',
    { FlowLoggingBehavior: 'Disabled' },
    { NextAction: 'greeting-known' },
  );
  b.say('greeting-known', t.welcomeBack(config.ivr.greeting), 'name-log-on');
  b.add(
    'name-log-on',
    'UpdateFlowLoggingBehavior',
    { FlowLoggingBehavior: 'Enabled' },
    { NextAction: 'menu' },
  );

  const defaultQueue = config.ivr.defaultQueue;
  const usedQueues = new Set<string>([defaultQueue]);
  // Every level: `0` reaches a person unless the level uses 0 itself; in a sub-menu `*` goes back.
  const menu = (items: MenuItem[], id: string, path: string, inherited?: string, parent?: string) => {
    const own = new Set(items.map((i) => i.key));
    const person = !own.has('0');
    const back = parent !== undefined && !own.has('*');
    const text = t.menuJoin([
      ...items.map((i) => t.menuOption(i.label, i.key, i.prompt)),
      ...(back ? [t.menuBack] : []),
      ...(person ? [t.menuPerson] : []),
    ]);
    const conditions = [
      ...items.map((item) => equals(item.key, `option-${path}${item.key}`)),
      ...(back ? [equals('*', parent)] : []),
      ...(person ? [equals('0', 'to-person')] : []),
    ];
    b.add(
      id,
      'GetParticipantInput',
      { Text: text, StoreInput: 'False', InputTimeLimitSeconds: '5' },
      {
        NextAction: `${id}-retry`,
        Conditions: conditions,
        Errors: [
          ...onError(`${id}-retry`, 'InputTimeLimitExceeded', 'NoMatchingCondition'),
          ...onError('to-person'),
        ],
      },
    );
    b.loop(`${id}-retry`, String(config.ivr.retries), `${id}-invalid`, 'to-person');
    b.add(
      `${id}-invalid`,
      'MessageParticipant',
      { Text: t.invalidKey },
      { NextAction: id, Errors: onError(id) },
    );
    for (const item of items) {
      const option = `option-${path}${item.key}`;
      const category = item.category ?? inherited ?? 'general';
      if (item.menu) {
        b.add(
          option,
          'UpdateContactAttributes',
          { Attributes: { category }, TargetContact: 'Current' },
          { NextAction: `menu-${path}${item.key}`, Errors: onError(`menu-${path}${item.key}`) },
        );
        menu(item.menu, `menu-${path}${item.key}`, `${path}${item.key}-`, category, id);
        continue;
      }
      const queue = item.queue ?? defaultQueue;
      usedQueues.add(queue);
      b.add(
        option,
        'UpdateContactAttributes',
        { Attributes: { category, queue }, TargetContact: 'Current' },
        { NextAction: `set-queue-${queue}`, Errors: onError(`set-queue-${queue}`) },
      );
    }
  };
  menu(config.ivr.menu, 'menu', '');

  b.say('to-person', t.toPerson, 'option-person');
  b.add(
    'option-person',
    'UpdateContactAttributes',
    { Attributes: { category: 'general', queue: defaultQueue }, TargetContact: 'Current' },
    { NextAction: 'set-queue-fallback', Errors: onError('set-queue-fallback') },
  );
  for (const q of [...usedQueues].sort()) {
    b.add(
      `set-queue-${q}`,
      'UpdateContactTargetQueue',
      { QueueId: refs.queues[q] },
      { NextAction: 'transfer', Errors: onError('set-queue-fallback') },
    );
  }
  b.add(
    'transfer',
    'TransferContactToQueue',
    {},
    {
      NextAction: 'cannot-connect',
      Errors: [...onError('queue-full', 'QueueAtCapacity'), ...onError('set-queue-fallback')],
    },
  );
  // A second, separate attempt on the default queue, so that a failing queue cannot loop.
  b.add(
    'set-queue-fallback',
    'UpdateContactTargetQueue',
    { QueueId: refs.queues[defaultQueue] },
    { NextAction: 'transfer-fallback', Errors: onError('cannot-connect') },
  );
  b.add(
    'transfer-fallback',
    'TransferContactToQueue',
    {},
    {
      NextAction: 'cannot-connect',
      Errors: [...onError('queue-full', 'QueueAtCapacity'), ...onError('cannot-connect')],
    },
  );
  b.say('queue-full', t.queueFull, 'queue-full-flag');
  b.add(
    'queue-full-flag',
    'UpdateContactAttributes',
    { Attributes: { assistantStart: 'message' }, TargetContact: 'Current' },
    { NextAction: 'to-assistant-message', Errors: onError('to-assistant-message') },
  );
  b.add(
    'to-assistant-message',
    'TransferToFlow',
    { ContactFlowId: refs.flows.assistant },
    { NextAction: 'cannot-connect', Errors: onError('cannot-connect') },
  );
  b.say('cannot-connect', t.cannotConnect, 'hangup');
  b.hangup();
  return b.build();
}
