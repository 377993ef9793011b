import type { SwitchboardConfig } from '../config/schema.ts';
import { external } from './contracts.ts';
import { voiceOf } from './inbound.ts';
import { invokeFunction } from './invoke.ts';
import { equals, FlowBuilder, type FlowDocument, onError } from './model.ts';
import { promptsFor } from './prompts.ts';
import type { FlowRefs } from './refs.ts';

/**
 * The page call (issue 11): the escalation calls the on-call person with StartOutboundVoiceContact and
 * this flow runs when they answer: "urgent ticket ..., press 1 to accept", twice at most. Pressing 1
 * invokes `escalate` (action accept), which records the acceptance on the ticket and stops the
 * escalation. The contact attributes (set by the escalation) carry the ticket id, the business, a
 * summary and the paged person's name, never the caller's number; flow logging stays off, since the
 * summary is the caller's own words.
 */
export function outboundPageFlow(config: SwitchboardConfig, refs: FlowRefs): FlowDocument {
  const t = promptsFor(config.business.locale);
  const b = new FlowBuilder('voice');
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
    { NextAction: 'ask', Errors: onError('ask') },
  );
  b.add(
    'ask',
    'GetParticipantInput',
    { Text: t.pageCallAsk, StoreInput: 'False', InputTimeLimitSeconds: '8' },
    {
      NextAction: 'again',
      Conditions: [equals('1', 'accept')],
      Errors: onError('again', 'InputTimeLimitExceeded', 'NoMatchingCondition', 'NoMatchingError'),
    },
  );
  b.loop('again', '1', 'ask', 'not-accepted');
  invokeFunction(
    b,
    refs,
    'escalate',
    'accept',
    { action: 'accept', ticketId: '$.Attributes.ticketId', by: '$.Attributes.pagedName' },
    'accepted',
    'accept-failed',
  );
  b.compare(
    'accepted',
    external('escalate').result,
    [equals('ACCEPTED', 'thanks'), equals('TAKEN', 'taken')],
    'accept-failed',
  );
  b.say('thanks', t.pageCallAccepted, 'hangup');
  b.say('taken', t.pageCallTaken, 'hangup');
  b.say('accept-failed', t.pageCallAcceptFailed, 'hangup');
  b.say('not-accepted', t.pageCallNotAccepted, 'hangup');
  b.hangup();
  return b.build();
}
