import type { SwitchboardConfig } from '../config/schema.ts';
import { equals, FlowBuilder, type FlowDocument, onError } from './model.ts';
import { promptsFor } from './prompts.ts';

const COUNTRY_BY_LOCALE: Record<string, string> = {
  'en-US': 'US',
  'en-GB': 'GB',
  'en-AU': 'AU',
  'zh-CN': 'CN',
};

/**
 * While a caller waits: hold messages, and once the wait passes `sla.answerWithinSeconds` an offer to be
 * called back without losing their place (a queued callback on the same queue). A caller without caller
 * ID types the number to call.
 */
export function customerQueueFlow(config: SwitchboardConfig): FlowDocument {
  const t = promptsFor(config.business.locale);
  const country =
    config.deployment.phoneNumber?.countryCode ?? COUNTRY_BY_LOCALE[config.business.locale] ?? 'US';
  const b = new FlowBuilder('welcome');
  b.say('welcome', t.queueWelcome, 'hold');
  b.add(
    'hold',
    'MessageParticipantIteratively',
    {
      Messages: t.holdMessages.map((Text) => ({ Text })),
      InterruptFrequencySeconds: String(config.sla.answerWithinSeconds),
      ContinueMessagingDuringInterrupt: 'false',
    },
    { NextAction: 'offer', Conditions: [equals('MessagesInterrupted', 'offer')], Errors: onError('offer') },
  );
  b.add(
    'offer',
    'GetParticipantInput',
    {
      Text: t.callbackOffer(config.sla.answerWithinSeconds),
      StoreInput: 'False',
      InputTimeLimitSeconds: '5',
    },
    {
      NextAction: 'keep-holding',
      Conditions: [equals('1', 'callback-number'), equals('2', 'keep-holding')],
      Errors: onError('keep-holding', 'InputTimeLimitExceeded', 'NoMatchingCondition', 'NoMatchingError'),
    },
  );
  b.say('keep-holding', t.keepHolding, 'hold');
  b.add(
    'callback-number',
    'UpdateContactCallbackNumber',
    { CallbackNumber: '$.CustomerEndpoint.Address' },
    {
      NextAction: 'callback',
      Errors: onError('ask-number', 'InvalidCallbackNumber', 'CallbackNumberNotDialable'),
    },
  );
  b.add(
    'ask-number',
    'GetParticipantInput',
    {
      Text: t.callbackNumberPrompt,
      StoreInput: 'True',
      InputTimeLimitSeconds: '8',
      InputValidation: { PhoneNumberValidation: { NumberFormat: 'Local', CountryCode: country } },
      DTMFConfiguration: { InputTerminationSequence: '#', DisableCancelKey: 'False' },
    },
    { NextAction: 'set-number', Errors: onError('number-invalid', 'InvalidPhoneNumber', 'NoMatchingError') },
  );
  b.add(
    'set-number',
    'UpdateContactCallbackNumber',
    { CallbackNumber: '$.StoredCustomerInput' },
    {
      NextAction: 'callback',
      Errors: onError('number-invalid', 'InvalidCallbackNumber', 'CallbackNumberNotDialable'),
    },
  );
  b.say('number-invalid', t.callbackInvalid, 'keep-holding');
  b.add(
    'callback',
    'CreateCallbackContact',
    { InitialCallDelaySeconds: '1', MaximumConnectionAttempts: '3', RetryDelaySeconds: '600' },
    { NextAction: 'callback-ok', Errors: onError('callback-failed') },
  );
  b.say('callback-ok', t.callbackConfirmed, 'hangup');
  b.say('callback-failed', t.callbackFailed, 'keep-holding');
  b.hangup();
  return b.build();
}
