import type { SwitchboardConfig } from '../config/schema.ts';
import { external } from './contracts.ts';
import { invokeFunction } from './invoke.ts';
import { equals, FlowBuilder, type FlowDocument, onError } from './model.ts';
import { promptsFor } from './prompts.ts';
import type { FlowRefs } from './refs.ts';

const COUNTRY_BY_LOCALE: Record<string, string> = {
  'en-US': 'US',
  'en-GB': 'GB',
  'en-AU': 'AU',
  'zh-CN': 'CN',
};

/**
 * While a caller waits: hold messages, and once the wait passes `sla.answerWithinSeconds` an offer to be
 * called back without losing their place (a queued callback on the same queue). A caller without caller
 * ID types the number to call. hardening: right before the callback is created, the ticket function
 * checks the number against the outbound policy (sms-policy.ts: `outbound.countries`, premium-rate, the
 * daily limit per number); a caller id it refuses makes the flow ask for another number, a typed number
 * it refuses is "that number did not work", and a failed check keeps the caller holding.
 */
export function customerQueueFlow(config: SwitchboardConfig, refs: FlowRefs): FlowDocument {
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
      NextAction: 'check-caller-id',
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
      NextAction: 'check-typed',
      Errors: onError('number-invalid', 'InvalidCallbackNumber', 'CallbackNumberNotDialable'),
    },
  );
  const check = (id: string, number: string, refused: string) => {
    invokeFunction(
      b,
      refs,
      'ticket',
      id,
      { action: 'callback', callbackNumber: number },
      `${id}-said`,
      'callback-failed',
    );
    b.compare(`${id}-said`, external('ticket').result, [equals('ALLOWED', 'callback')], refused);
  };
  check('check-caller-id', '$.CustomerEndpoint.Address', 'ask-number');
  check('check-typed', '$.StoredCustomerInput', 'number-invalid');
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
