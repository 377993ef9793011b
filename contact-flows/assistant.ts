import { LOCALES, type SwitchboardConfig } from '../config/schema.ts';
import { external, LEX_SESSION, type ParameterKey } from './contracts.ts';
import { opening } from './inbound.ts';
import { invokeFunction } from './invoke.ts';
import { equals, FlowBuilder, type FlowDocument, onError } from './model.ts';
import { promptsFor } from './prompts.ts';
import type { FlowRefs } from './refs.ts';

/**
 * The on-call person's number, as the transfers read it: route's result, asked right before each
 * transfer ($.External holds the most recent Lambda result only). It is never copied into contact
 * attributes (contracts.ts `neverStored`).
 */
const ON_CALL_PHONE = external('route').onCallPhone;

/**
 * When nobody can answer (closed, holiday, nobody on shift) or the queue is full: the caller speaks to
 * the assistant (Lex V2, whose code hook is the `assistant` Lambda). An answer is followed by "did that
 * help?"; otherwise the caller leaves a message and gets a ticket with the callback promise read back.
 * Urgent words first say the safety advice of their `assistant.urgent` group, then create an urgent
 * ticket, page the on-call person and offer a transfer to them.
 */
export function assistantFlow(config: SwitchboardConfig, refs: FlowRefs): FlowDocument {
  const t = promptsFor(config.business.locale);
  const lex = (purpose: string, extra: Record<string, string> = {}) => ({
    LexV2Bot: { AliasArn: refs.lexBotAliasArn },
    LexSessionAttributes: { purpose, locale: LOCALES[config.business.locale].lexLocale, ...extra },
  });
  const groups = config.assistant.urgent;
  const safety = groups.length > 0 ? 'urgent-safety' : 'urgent-log-off';
  const b = new FlowBuilder('logging');
  opening(b, config, 'recording');
  // The IVR part is recorded too, so that messages left after hours can be transcribed.
  b.add(
    'recording',
    'UpdateContactRecordingBehavior',
    { RecordingBehavior: { RecordedParticipants: ['Agent', 'Customer'], IVRRecordingBehavior: 'Enabled' } },
    { NextAction: 'start' },
  );
  b.compare('start', '$.Attributes.assistantStart', [equals('message', 'leave-message')], 'why');
  b.compare('why', '$.Attributes.reason', [equals('holiday', 'intro-holiday')], 'intro-closed');
  b.say('intro-holiday', t.assistantIntroHoliday, 'ask');
  b.say('intro-closed', t.assistantIntroClosed, 'ask');
  const askTransitions = {
    NextAction: 'result',
    Errors: [
      ...onError('no-input', 'InputTimeLimitExceeded'),
      ...onError('result', 'NoMatchingCondition'),
      ...onError('no-answer'),
    ],
  };
  b.add('ask', 'ConnectParticipantWithLexBot', { Text: t.assistantAsk, ...lex('question') }, askTransitions);
  // issue 10: the turn after an answer carries that answer, so the code hook can keep it as "did not help".
  const answered = {
    assistantResult: LEX_SESSION.assistantResult,
    faqId: LEX_SESSION.faqId,
    question: LEX_SESSION.question,
  };
  b.add(
    'ask-again',
    'ConnectParticipantWithLexBot',
    { Text: t.assistantAskAgain, ...lex('question', answered) },
    askTransitions,
  );
  b.loop('no-input', '1', 'no-input-message', 'goodbye');
  b.say('no-input-message', t.assistantNoInput, 'ask');
  b.compare(
    'result',
    LEX_SESSION.assistantResult,
    [equals('ANSWERED', 'answer'), equals('URGENT', safety), equals('LEAVE_MESSAGE', 'leave-message')],
    'no-answer',
  );
  b.add(
    'answer',
    'MessageParticipant',
    { Text: LEX_SESSION.answer },
    { NextAction: 'follow-up', Errors: onError('no-answer') },
  );
  b.add(
    'follow-up',
    'GetParticipantInput',
    { Text: t.answerFollowUp, StoreInput: 'False', InputTimeLimitSeconds: '5' },
    {
      NextAction: 'goodbye',
      Conditions: [equals('1', 'glad'), equals('2', 'more'), equals('3', 'leave-message')],
      Errors: [
        ...onError('goodbye', 'InputTimeLimitExceeded'),
        ...onError('leave-message', 'NoMatchingCondition'),
        ...onError('goodbye'),
      ],
    },
  );
  b.loop('more', '2', 'ask-again', 'leave-message');
  b.say('no-answer', t.noAnswer, 'leave-message');
  b.add(
    'leave-message',
    'ConnectParticipantWithLexBot',
    { Text: t.leaveMessage, ...lex('message', answered) },
    // Silence still leaves a ticket: a missed call the team returns.
    {
      NextAction: 'message-kind',
      Errors: onError('message-ticket', 'InputTimeLimitExceeded', 'NoMatchingCondition', 'NoMatchingError'),
    },
  );
  b.compare('message-kind', LEX_SESSION.assistantResult, [equals('URGENT', safety)], 'message-ticket');
  // Safety first: the advice of the urgent group the caller's words matched (leave the building, call
  // the emergency number...) is said before anything else, before the ticket and the page.
  if (groups.length > 0)
    b.compare(
      'urgent-safety',
      LEX_SESSION.urgentGroup,
      groups.map((g) => equals(g.id, `safety-${g.id}`)),
      'urgent-log-off',
    );
  for (const g of groups) b.say(`safety-${g.id}`, g.safety, 'urgent-log-off');
  const said = { message: LEX_SESSION.message, question: LEX_SESSION.question };
  const ticket = (parameters: Partial<Record<ParameterKey<'ticket'>, string>>) => ({
    source: 'assistant',
    ...parameters,
    ...said,
  });
  // issue 12: a failed ticket call is tried once more before the caller hears anything. The function is
  // idempotent per ContactId: when the first call saved the ticket and then failed (a time-out after the
  // write, a lost response), the retry answers EXISTS with the same ticket, so the caller hears the truth.
  const normal = ticket({ category: '$.Attributes.category', priority: 'normal' });
  invokeFunction(b, refs, 'ticket', 'message-ticket', normal, 'message-said', 'message-ticket-retry');
  invokeFunction(b, refs, 'ticket', 'message-ticket-retry', normal, 'message-said', 'message-failed');
  // hardening: "we will call you back" only when the ticket holds a number the line may call (the
  // outbound policy's countries: sms-policy.ts, as the ticket function reports it).
  b.compare(
    'message-said',
    external('ticket').callback,
    [equals('false', 'message-saved-no-callback')],
    'message-saved',
  );
  b.say('message-saved', t.messageSaved, 'hangup');
  b.say('message-saved-no-callback', t.messageSavedNoCallback, 'hangup');
  b.say('message-failed', t.messageFailed, 'hangup');
  // escalation (issue 12): the caller hears that someone was alerted only when the page was confirmed;
  // otherwise the truth and what happens next, and the flow still tries the on-call person directly.
  // hardening: the urgent path carries the on-call person's number (the ticket's and route's results,
  // the transfer's parameter): flow logging stays off from here to the end of the call.
  b.add(
    'urgent-log-off',
    'UpdateFlowLoggingBehavior',
    { FlowLoggingBehavior: 'Disabled' },
    { NextAction: 'urgent-ticket' },
  );
  const urgent = ticket({ category: 'urgent', priority: 'urgent' });
  invokeFunction(b, refs, 'ticket', 'urgent-ticket', urgent, 'urgent-said', 'urgent-ticket-retry');
  invokeFunction(b, refs, 'ticket', 'urgent-ticket-retry', urgent, 'urgent-said', 'urgent-ticket-failed');
  b.compare(
    'urgent-said',
    external('ticket').pageStatus,
    [equals('SENT', 'urgent-saved'), equals('TRYING', 'urgent-trying')],
    'urgent-not-alerted',
  );
  b.say('urgent-saved', t.urgentSaved, 'has-on-call');
  b.say('urgent-trying', t.urgentPageTrying, 'try-on-call');
  b.say('urgent-not-alerted', t.urgentNotAlerted, 'try-on-call');
  b.say('urgent-ticket-failed', t.urgentTicketFailed, 'on-call-lookup');
  // hardening: the on-call number is never a contact attribute (attributes land in contact records and
  // flow logs); only whether someone is on call is (route's onCall). Right before each transfer the flow
  // asks route again, with no other Lambda call until the transfer, and the transfer reads the number
  // from that result ($.External): the person route names now, console swaps included.
  const lookup = (id: string, found: string, none: string) => {
    invokeFunction(b, refs, 'route', id, {}, `${id}-said`, none);
    b.compare(`${id}-said`, external('route').onCall, [equals('true', found)], none);
  };
  b.compare('try-on-call', '$.Attributes.onCall', [equals('false', 'urgent-unreached')], 'on-call-lookup');
  lookup('on-call-lookup', 'urgent-try-transfer', 'urgent-unreached');
  b.say('urgent-try-transfer', t.urgentTryTransfer, 'urgent-transfer-direct');
  b.add(
    'urgent-transfer-direct',
    'TransferParticipantToThirdParty',
    {
      ThirdPartyPhoneNumber: ON_CALL_PHONE,
      ThirdPartyConnectionTimeLimitSeconds: '30',
      ContinueFlowExecution: 'False',
    },
    { NextAction: 'urgent-unreached', Errors: onError('urgent-unreached') },
  );
  b.say('urgent-unreached', t.urgentUnreached, 'hangup');
  b.compare('has-on-call', '$.Attributes.onCall', [equals('true', 'urgent-offer')], 'urgent-no-on-call');
  b.add(
    'urgent-offer',
    'GetParticipantInput',
    { Text: t.urgentOfferTransfer, StoreInput: 'False', InputTimeLimitSeconds: '5' },
    {
      NextAction: 'urgent-no-on-call',
      Conditions: [equals('1', 'urgent-transferring')],
      Errors: onError(
        'urgent-no-on-call',
        'InputTimeLimitExceeded',
        'NoMatchingCondition',
        'NoMatchingError',
      ),
    },
  );
  b.say('urgent-transferring', t.urgentTransferring, 'transfer-lookup');
  lookup('transfer-lookup', 'urgent-transfer', 'urgent-transfer-failed');
  b.add(
    'urgent-transfer',
    'TransferParticipantToThirdParty',
    {
      ThirdPartyPhoneNumber: ON_CALL_PHONE,
      ThirdPartyConnectionTimeLimitSeconds: '30',
      ContinueFlowExecution: 'False',
    },
    { NextAction: 'urgent-transfer-failed', Errors: onError('urgent-transfer-failed') },
  );
  b.say('urgent-transfer-failed', t.urgentTransferFailed, 'hangup');
  b.say('urgent-no-on-call', t.urgentNoOnCall, 'hangup');
  b.say('glad', t.glad, 'hangup');
  b.say('goodbye', t.goodbye, 'hangup');
  b.hangup();
  return b.build();
}
