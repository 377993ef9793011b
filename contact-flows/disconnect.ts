import type { SwitchboardConfig } from '../config/schema.ts';
import { LAMBDA_TIMEOUT_SECONDS, opening } from './inbound.ts';
import { equals, FlowBuilder, type FlowDocument, onError } from './model.ts';
import { promptsFor } from './prompts.ts';
import type { FlowRefs } from './refs.ts';

/** After an agent hangs up (the CustomerRemaining hook): a CSAT survey, 1-5, one retry. */
export function disconnectFlow(config: SwitchboardConfig, refs: FlowRefs): FlowDocument {
  const t = promptsFor(config.business.locale);
  const b = new FlowBuilder('logging');
  opening(b, config, 'ask');
  b.add(
    'ask',
    'GetParticipantInput',
    {
      Text: t.surveyAsk,
      StoreInput: 'True',
      InputTimeLimitSeconds: '6',
      InputValidation: { CustomValidation: { MaximumLength: '1' } },
      DTMFConfiguration: { DisableCancelKey: 'False' },
    },
    { NextAction: 'store', Errors: onError('bye') },
  );
  b.add(
    'store',
    'InvokeLambdaFunction',
    {
      LambdaFunctionARN: refs.functions.survey,
      InvocationTimeLimitSeconds: LAMBDA_TIMEOUT_SECONDS,
      InvocationType: 'SYNCHRONOUS',
      ResponseValidation: { ResponseType: 'STRING_MAP' },
      LambdaInvocationAttributes: { score: '$.StoredCustomerInput' },
    },
    { NextAction: 'stored', Errors: onError('bye') },
  );
  b.add(
    'stored',
    'Compare',
    { ComparisonValue: '$.External.result' },
    {
      NextAction: 'retry',
      Conditions: [equals('STORED', 'thanks')],
      Errors: onError('retry', 'NoMatchingCondition'),
    },
  );
  b.add(
    'retry',
    'Loop',
    { LoopCount: '1' },
    { NextAction: 'bye', Conditions: [equals('ContinueLooping', 'invalid'), equals('DoneLooping', 'bye')] },
  );
  b.add(
    'invalid',
    'MessageParticipant',
    { Text: t.surveyInvalid },
    { NextAction: 'ask', Errors: onError('ask') },
  );
  b.add(
    'thanks',
    'MessageParticipant',
    { Text: t.surveyThanks },
    { NextAction: 'hangup', Errors: onError('hangup') },
  );
  b.add(
    'bye',
    'MessageParticipant',
    { Text: t.goodbye },
    { NextAction: 'hangup', Errors: onError('hangup') },
  );
  b.add('hangup', 'DisconnectParticipant', {}, {});
  return b.build();
}
