import { LOCALES, type SwitchboardConfig } from '../config/schema.ts';
import { LAMBDA_TIMEOUT_SECONDS, opening } from './inbound.ts';
import { equals, FlowBuilder, type FlowDocument, onError } from './model.ts';
import { promptsFor } from './prompts.ts';
import type { FlowRefs } from './refs.ts';

/**
 * When nobody can answer (closed, holiday, nobody on shift) or the queue is full: the caller speaks to
 * the assistant (Lex V2, whose code hook is the `assistant` Lambda). An answer is followed by "did that
 * help?"; otherwise the caller leaves a message and gets a ticket with the callback promise read back.
 * Urgent words create an urgent ticket, page the on-call person and offer a transfer to them.
 */
export function assistantFlow(config: SwitchboardConfig, refs: FlowRefs): FlowDocument {
  const t = promptsFor(config.business.locale);
  const lex = (purpose: string, extra: Record<string, string> = {}) => ({
    LexV2Bot: { AliasArn: refs.lexBotAliasArn },
    LexSessionAttributes: { purpose, locale: LOCALES[config.business.locale].lexLocale, ...extra },
  });
  const ticket = (parameters: Record<string, string>) => ({
    LambdaFunctionARN: refs.functions.ticket,
    InvocationTimeLimitSeconds: LAMBDA_TIMEOUT_SECONDS,
    InvocationType: 'SYNCHRONOUS',
    ResponseValidation: { ResponseType: 'STRING_MAP' },
    LambdaInvocationAttributes: { source: 'assistant', ...parameters },
  });
  const b = new FlowBuilder('logging');
  opening(b, config, 'recording');
  // The IVR part is recorded too, so that messages left after hours can be transcribed.
  b.add(
    'recording',
    'UpdateContactRecordingBehavior',
    { RecordingBehavior: { RecordedParticipants: ['Agent', 'Customer'], IVRRecordingBehavior: 'Enabled' } },
    { NextAction: 'start' },
  );
  b.add(
    'start',
    'Compare',
    { ComparisonValue: '$.Attributes.assistantStart' },
    {
      NextAction: 'why',
      Conditions: [equals('message', 'leave-message')],
      Errors: onError('why', 'NoMatchingCondition'),
    },
  );
  b.add(
    'why',
    'Compare',
    { ComparisonValue: '$.Attributes.reason' },
    {
      NextAction: 'intro-closed',
      Conditions: [equals('holiday', 'intro-holiday')],
      Errors: onError('intro-closed', 'NoMatchingCondition'),
    },
  );
  b.add(
    'intro-holiday',
    'MessageParticipant',
    { Text: t.assistantIntroHoliday },
    { NextAction: 'ask', Errors: onError('ask') },
  );
  b.add(
    'intro-closed',
    'MessageParticipant',
    { Text: t.assistantIntroClosed },
    { NextAction: 'ask', Errors: onError('ask') },
  );
  const askTransitions = {
    NextAction: 'result',
    Errors: [
      ...onError('no-input', 'InputTimeLimitExceeded'),
      ...onError('result', 'NoMatchingCondition'),
      ...onError('no-answer'),
    ],
  };
  b.add('ask', 'ConnectParticipantWithLexBot', { Text: t.assistantAsk, ...lex('question') }, askTransitions);
  b.add(
    'ask-again',
    'ConnectParticipantWithLexBot',
    { Text: t.assistantAskAgain, ...lex('question') },
    askTransitions,
  );
  b.add(
    'no-input',
    'Loop',
    { LoopCount: '1' },
    {
      NextAction: 'goodbye',
      Conditions: [equals('ContinueLooping', 'no-input-message'), equals('DoneLooping', 'goodbye')],
    },
  );
  b.add(
    'no-input-message',
    'MessageParticipant',
    { Text: t.assistantNoInput },
    { NextAction: 'ask', Errors: onError('ask') },
  );
  b.add(
    'result',
    'Compare',
    { ComparisonValue: '$.Lex.SessionAttributes.assistantResult' },
    {
      NextAction: 'no-answer',
      Conditions: [
        equals('ANSWERED', 'answer'),
        equals('URGENT', 'urgent-ticket'),
        equals('LEAVE_MESSAGE', 'leave-message'),
      ],
      Errors: onError('no-answer', 'NoMatchingCondition'),
    },
  );
  b.add(
    'answer',
    'MessageParticipant',
    { Text: '$.Lex.SessionAttributes.answer' },
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
  b.add(
    'more',
    'Loop',
    { LoopCount: '2' },
    {
      NextAction: 'leave-message',
      Conditions: [equals('ContinueLooping', 'ask-again'), equals('DoneLooping', 'leave-message')],
    },
  );
  b.add(
    'no-answer',
    'MessageParticipant',
    { Text: t.noAnswer },
    { NextAction: 'leave-message', Errors: onError('leave-message') },
  );
  b.add(
    'leave-message',
    'ConnectParticipantWithLexBot',
    { Text: t.leaveMessage, ...lex('message', { question: '$.Lex.SessionAttributes.question' }) },
    // Silence still leaves a ticket: a missed call the team returns.
    {
      NextAction: 'message-kind',
      Errors: onError('message-ticket', 'InputTimeLimitExceeded', 'NoMatchingCondition', 'NoMatchingError'),
    },
  );
  b.add(
    'message-kind',
    'Compare',
    { ComparisonValue: '$.Lex.SessionAttributes.assistantResult' },
    {
      NextAction: 'message-ticket',
      Conditions: [equals('URGENT', 'urgent-ticket')],
      Errors: onError('message-ticket', 'NoMatchingCondition'),
    },
  );
  b.add(
    'message-ticket',
    'InvokeLambdaFunction',
    ticket({
      category: '$.Attributes.category',
      priority: 'normal',
      message: '$.Lex.SessionAttributes.message',
      question: '$.Lex.SessionAttributes.question',
    }),
    { NextAction: 'message-saved', Errors: onError('message-failed') },
  );
  b.add(
    'message-saved',
    'MessageParticipant',
    { Text: t.messageSaved },
    { NextAction: 'hangup', Errors: onError('hangup') },
  );
  b.add(
    'message-failed',
    'MessageParticipant',
    { Text: t.messageFailed },
    { NextAction: 'hangup', Errors: onError('hangup') },
  );
  b.add(
    'urgent-ticket',
    'InvokeLambdaFunction',
    ticket({
      category: 'urgent',
      priority: 'urgent',
      message: '$.Lex.SessionAttributes.message',
      question: '$.Lex.SessionAttributes.question',
    }),
    // Even without a ticket the caller is offered the on-call person.
    { NextAction: 'urgent-saved', Errors: onError('has-on-call') },
  );
  b.add(
    'urgent-saved',
    'MessageParticipant',
    { Text: t.urgentSaved },
    { NextAction: 'has-on-call', Errors: onError('has-on-call') },
  );
  b.add(
    'has-on-call',
    'Compare',
    { ComparisonValue: '$.Attributes.onCall' },
    {
      NextAction: 'urgent-no-on-call',
      Conditions: [equals('true', 'urgent-offer')],
      Errors: onError('urgent-no-on-call', 'NoMatchingCondition'),
    },
  );
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
  b.add(
    'urgent-transferring',
    'MessageParticipant',
    { Text: t.urgentTransferring },
    { NextAction: 'urgent-transfer', Errors: onError('urgent-transfer') },
  );
  b.add(
    'urgent-transfer',
    'TransferParticipantToThirdParty',
    {
      ThirdPartyPhoneNumber: '$.Attributes.onCallPhone',
      ThirdPartyConnectionTimeLimitSeconds: '30',
      ContinueFlowExecution: 'False',
    },
    { NextAction: 'urgent-transfer-failed', Errors: onError('urgent-transfer-failed') },
  );
  b.add(
    'urgent-transfer-failed',
    'MessageParticipant',
    { Text: t.urgentTransferFailed },
    { NextAction: 'hangup', Errors: onError('hangup') },
  );
  b.add(
    'urgent-no-on-call',
    'MessageParticipant',
    { Text: t.urgentNoOnCall },
    { NextAction: 'hangup', Errors: onError('hangup') },
  );
  b.add('glad', 'MessageParticipant', { Text: t.glad }, { NextAction: 'hangup', Errors: onError('hangup') });
  b.add(
    'goodbye',
    'MessageParticipant',
    { Text: t.goodbye },
    { NextAction: 'hangup', Errors: onError('hangup') },
  );
  b.add('hangup', 'DisconnectParticipant', {}, {});
  return b.build();
}
