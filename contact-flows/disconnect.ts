import type { SwitchboardConfig } from '../config/schema.ts';
import { external } from './contracts.ts';
import { opening } from './inbound.ts';
import { invokeFunction } from './invoke.ts';
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
  invokeFunction(b, refs, 'survey', 'store', { score: '$.StoredCustomerInput' }, 'stored', 'bye');
  b.compare('stored', external('survey').result, [equals('STORED', 'thanks')], 'retry');
  b.loop('retry', '1', 'invalid', 'bye');
  b.say('invalid', t.surveyInvalid, 'ask');
  b.say('thanks', t.surveyThanks, 'hangup');
  b.say('bye', t.goodbye, 'hangup');
  b.hangup();
  return b.build();
}
