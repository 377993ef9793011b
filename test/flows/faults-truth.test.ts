import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { botDefinition, urgentWordsOf } from '../../contact-flows/bot.ts';
import { storedPersonalData } from '../../contact-flows/contracts.ts';
import { buildFlows, FLOW_KEYS, tokenRefs } from '../../contact-flows/index.ts';
import type { FlowAction } from '../../contact-flows/model.ts';
import { ScriptedCaller } from '../../local/phone.ts';
import { type CallReport, LocalSwitchboard } from '../../local/switchboard.ts';
import { enConfig, zhConfig } from '../helpers.ts';

// Brightline Appliances, America/Chicago. Monday 22:00: closed, Priya Raman (+13125550103) on call.
const MON_10PM = new Date('2026-11-24T04:00:00Z');
// Monday 10:00: open, agents on shift.
const MON_10AM = new Date('2026-11-23T16:00:00Z');
const ON_CALL = '+13125550103';
const UK_MOBILE = '+447400123456';

let sb: LocalSwitchboard;
beforeAll(async () => {
  sb = await LocalSwitchboard.start(enConfig());
});
afterAll(async () => sb.stop());

const call = (
  inputs: string[],
  extra: Partial<Parameters<LocalSwitchboard['call']>[0]> = {},
): Promise<CallReport> => sb.call({ at: MON_10PM, caller: new ScriptedCaller(inputs), ...extra });
const ticketCalls = (r: CallReport) => r.lambdaCalls.filter((c) => c.function === 'switchboard-ticket');

describe('an assistant failure does not turn urgent words into a normal ticket', () => {
  for (const mode of ['error', 'timeout', 'after-write'] as const) {
    it(`assistant ${mode}: "gas leak" gets the gas safety advice, an urgent ticket and a page`, async () => {
      const r = await call(['say:gas leak', 'silence'], { faults: { assistant: mode } });
      expect(r.tickets).toEqual([expect.objectContaining({ priority: 'urgent' })]);
      expect(r.prompts.join(' ')).toMatch(/If you smell gas, do not switch anything on or off/);
      expect(r.prompts.join(' ')).toMatch(/I have alerted our on-call team/);
      expect(r.notifications.some((n) => n.channel === 'sms' && n.to === ON_CALL)).toBe(true);
    });
  }

  it('the urgent words said while leaving the message count too', async () => {
    const r = await call(['say:leave a message', 'say:there is a gas leak in my kitchen', 'silence'], {
      faults: { assistant: 'error' },
    });
    expect(r.tickets).toEqual([expect.objectContaining({ priority: 'urgent' })]);
  });

  it('a normal question with the assistant down still becomes a normal message, not an urgent one', async () => {
    const r = await call(['say:how much is delivery', 'say:my name is Lee'], {
      faults: { assistant: 'error' },
    });
    expect(r.tickets).toEqual([expect.objectContaining({ priority: 'normal' })]);
    expect(r.prompts.at(-1)).toMatch(/^Thank you\. Your ticket number is/);
  });

  it('the bot has one urgent intent per group, whose failure step says URGENT and the group', () => {
    const c = enConfig();
    const bot = botDefinition(c.business.locale, undefined, c.faq, urgentWordsOf(c.assistant));
    const gas = bot.intents.find((i) => i.urgentGroup === c.assistant.urgent[0]!.id)!;
    expect(gas.onCodeHookFailure).toEqual({ assistantResult: 'URGENT', urgentGroup: gas.urgentGroup });
    const leave = bot.intents.find((i) => i.name === 'LeaveMessage')!;
    expect(leave.onCodeHookFailure).toEqual({ assistantResult: 'UNAVAILABLE' });
    // Lex refuses an utterance used by two intents.
    const all = bot.intents.flatMap((i) => i.utterances.map((u) => u.toLowerCase()));
    expect(new Set(all).size).toBe(all.length);
  });
});

describe('a ticket saved before its function failed (ticket:after-write)', () => {
  it('a normal message: the retry finds the ticket, and the caller hears the ticket number, not "not saved"', async () => {
    const r = await call(['say:leave a message', 'say:please call me about my fridge'], {
      faults: { ticket: 'after-write' },
    });
    expect(r.tickets).toHaveLength(1);
    expect(r.prompts.at(-1)).toMatch(/^Thank you\. Your ticket number is .* We will call you back by/);
    expect(r.prompts.join(' ')).not.toMatch(/could not confirm/);
    const calls = ticketCalls(r);
    expect(calls.map((c) => c.ok)).toEqual([false, true]);
    expect(calls[1]!.response).toMatchObject({ result: 'EXISTS', ticketId: r.tickets[0]!.id });
  });

  it('an urgent call: one ticket, one page, and the caller is told the page went out', async () => {
    const r = await call(['say:I smell gas near the oven', '2'], { faults: { ticket: 'after-write' } });
    expect(r.tickets).toEqual([expect.objectContaining({ priority: 'urgent' })]);
    expect(r.prompts.join(' ')).toMatch(/I have alerted our on-call team/);
    const firstSms = r.notifications.filter((n) => n.channel === 'sms' && n.to === ON_CALL);
    expect(firstSms).toHaveLength(1);
  });

  it('a function that stays down: two tries, then "could not confirm", and no ticket', async () => {
    const r = await call(['say:leave a message', 'say:call me'], { faults: { ticket: 'timeout' } });
    expect(r.tickets).toEqual([]);
    expect(ticketCalls(r)).toHaveLength(2);
    expect(r.prompts.at(-1)).toMatch(/^Sorry, I could not confirm that your message was saved/);
  });
});

describe('the on-call number is never a contact attribute', () => {
  it('no generated flow copies a neverStored result into contact attributes', () => {
    for (const c of [enConfig(), zhConfig()]) {
      const flows = buildFlows(c, tokenRefs(c));
      for (const key of FLOW_KEYS) expect(storedPersonalData(flows[key].content)).toEqual([]);
    }
  });

  it('the check finds a flow that does copy it', () => {
    const copy = {
      Actions: [
        {
          Identifier: 'keep',
          Type: 'UpdateContactAttributes',
          Parameters: { Attributes: { phone: '$.External.onCallPhone' } },
        },
      ],
    };
    expect(storedPersonalData(copy)).toEqual(['keep: onCallPhone']);
  });

  it('the transfers read $.External.onCallPhone, and the number is not in the attributes after the call', async () => {
    const c = enConfig();
    const assistant = buildFlows(c, tokenRefs(c)).assistant.content.Actions as FlowAction[];
    const transfers = assistant.filter((a) => a.Type === 'TransferParticipantToThirdParty');
    expect(transfers.length).toBeGreaterThan(0);
    for (const t of transfers) expect(t.Parameters.ThirdPartyPhoneNumber).toBe('$.External.onCallPhone');
    const r = await call(['say:I smell gas near the oven', '1']);
    expect(r.outcome).toEqual({ type: 'transferred', to: ON_CALL });
    expect(Object.values(r.attributes)).not.toContain(ON_CALL);
    expect(Object.keys(r.attributes)).not.toContain('onCallPhone');
  });

  it('$.External holds the most recent result only: after a failed call, the earlier values are gone', async () => {
    const key = 'external-lifetime';
    sb.addFlow(key, 'CONTACT_FLOW', {
      Version: '2019-10-30',
      StartAction: 'route',
      Actions: [
        {
          Identifier: 'route',
          Type: 'InvokeLambdaFunction',
          Parameters: { LambdaFunctionARN: sb.refs.functions.route, InvocationTimeLimitSeconds: '3' },
          Transitions: {
            NextAction: 'ticket',
            Errors: [{ NextAction: 'bye', ErrorType: 'NoMatchingError' }],
          },
        },
        {
          Identifier: 'ticket',
          Type: 'InvokeLambdaFunction',
          Parameters: { LambdaFunctionARN: sb.refs.functions.ticket, InvocationTimeLimitSeconds: '3' },
          Transitions: { NextAction: 'say', Errors: [{ NextAction: 'say', ErrorType: 'NoMatchingError' }] },
        },
        {
          Identifier: 'say',
          Type: 'MessageParticipant',
          Parameters: { Text: 'number [$.External.onCallPhone]' },
          Transitions: { NextAction: 'bye', Errors: [{ NextAction: 'bye', ErrorType: 'NoMatchingError' }] },
        },
        { Identifier: 'bye', Type: 'DisconnectParticipant', Parameters: {}, Transitions: {} },
      ],
    });
    const r = await sb.call({
      at: MON_10PM,
      entry: key,
      caller: new ScriptedCaller([]),
      faults: { ticket: 'error' },
    });
    expect(r.lambdaCalls.map((c) => c.ok)).toEqual([true, false]);
    expect(r.prompts).toContain('number []');
  });
});

describe('callbacks only to the countries of the outbound policy', () => {
  it('a foreign caller leaving a message gets the ticket number and no callback promise', async () => {
    const r = await call(['say:leave a message', 'say:please call me about my fridge'], {
      from: UK_MOBILE,
    });
    expect(r.tickets).toEqual([expect.objectContaining({ callable: false })]);
    expect(r.prompts.at(-1)).toMatch(/We cannot call back the number you are calling from/);
    expect(r.prompts.join(' ')).not.toMatch(/We will call you back/);
    expect(r.notifications.filter((n) => n.to === UK_MOBILE)).toEqual([]);
  });

  it('a caller from the business country still hears the callback time', async () => {
    const r = await call(['say:leave a message', 'say:please call me about my fridge']);
    expect(r.tickets).toEqual([expect.objectContaining({ callable: true })]);
    expect(r.prompts.at(-1)).toMatch(/We will call you back by/);
  });

  it('a foreign caller id in a long wait is asked for a number, and the callback dials the typed one', async () => {
    const r = await sb.call({
      at: MON_10AM,
      caller: new ScriptedCaller(['0', '1', '3125550199#']),
      from: UK_MOBILE,
      queueLoad: 3,
    });
    expect(r.prompts.join(' ')).toMatch(/Please enter the phone number we should call/);
    expect(r.outcome).toMatchObject({ type: 'callback', number: '+13125550199' });
  });

  it('a foreign caller id that keys nothing is never called back', async () => {
    const r = await sb.call({
      at: MON_10AM,
      caller: new ScriptedCaller(['0', '1', 'silence']),
      from: UK_MOBILE,
      queueLoad: 3,
    });
    expect(r.outcome.type).not.toBe('callback');
    expect(r.prompts).not.toContain(
      'Thank you. We will call you back at your number when it is your turn. Goodbye.',
    );
  });
});
