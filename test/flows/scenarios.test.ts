import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallerProfileRepository } from '../../lambdas/domain/repositories.ts';
import { ScriptedCaller } from '../../local/phone.ts';
import { type CallReport, LocalSwitchboard } from '../../local/switchboard.ts';
import { enConfig } from '../helpers.ts';

// Brightline Appliances, America/Chicago (UTC-6 in November).
const MON_9AM = new Date('2026-11-23T15:00:00Z');
const MON_10PM = new Date('2026-11-24T04:00:00Z');
const CHRISTMAS_NOON = new Date('2026-12-25T18:00:00Z');

let sb: LocalSwitchboard;
beforeAll(async () => {
  sb = await LocalSwitchboard.start(enConfig());
});
afterAll(async () => sb.stop());

const call = (
  at: Date,
  inputs: string[] = [],
  extra: Partial<Parameters<LocalSwitchboard['call']>[0]> = {},
): Promise<CallReport> => sb.call({ at, caller: new ScriptedCaller(inputs), ...extra });

describe('daytime', () => {
  it('menu key 1 goes to the sales queue, an agent answers, and the survey runs after the call', async () => {
    const r = await call(MON_9AM, ['1', '5']);
    // hardening: the recording notice comes first (recordings.announce, on by default).
    expect(r.prompts[0]).toBe('This call may be recorded for quality and training.');
    expect(r.prompts[1]).toBe('Thank you for calling Brightline Appliances.');
    expect(r.prompts[2]).toMatch(
      /^For new appliances and prices, press 1\. .* To speak to a person, press 0\.$/,
    );
    expect(r.outcome).toMatchObject({ type: 'queued', queue: 'sales', answered: true });
    expect(r.prompts).toContain('Thank you for your feedback. Goodbye.');
    expect(r.errors).toEqual([]);
  });

  it('a sub-menu reaches the service queue with its category', async () => {
    const r = await call(MON_9AM, ['2', '2']);
    expect(r.outcome).toMatchObject({ type: 'queued', queue: 'service' });
    expect(r.path.some((s) => s.id === 'option-2-2')).toBe(true);
  });

  it('an invalid key three times re-prompts twice, then puts the caller through to a person', async () => {
    const r = await call(MON_9AM, ['7', '7', '7']);
    const menus = r.prompts.filter((p) => p.startsWith('For new appliances'));
    expect(menus).toHaveLength(3);
    expect(r.prompts.filter((p) => p === "Sorry, I didn't catch that.")).toHaveLength(2);
    expect(r.prompts).toContain('Let me put you through to a member of our team.');
    expect(r.outcome).toMatchObject({ type: 'queued', queue: 'general' });
  });

  it('silence is treated like an invalid key', async () => {
    const r = await call(MON_9AM, []);
    expect(r.outcome).toMatchObject({ type: 'queued', queue: 'general' });
  });

  it('when route fails, Connect’s hours of operation decide: open gets the menu and a human queue', async () => {
    const timeout = await call(MON_9AM, ['1'], { faults: { route: 'timeout' } });
    expect(timeout.prompts[1]).toBe('Thank you for calling Brightline Appliances.');
    expect(timeout.path.map((s) => s.id)).toContain('hours');
    expect(timeout.outcome).toMatchObject({ type: 'queued', queue: 'sales', answered: true });
  });

  it('when route fails after hours, the caller reaches the assistant and a message, not an empty queue', async () => {
    const r = await call(MON_10PM, ['say:leave a message', 'say:my fridge is warm, call me'], {
      faults: { route: 'error' },
    });
    expect(r.errors).toEqual(['switchboard-route: simulated failure of route (--fail route)']);
    expect(r.prompts[1]).toBe('Our team is not available right now. I am the virtual assistant.');
    expect(r.outcome.type).toBe('disconnected');
    expect(r.tickets).toEqual([
      expect.objectContaining({ category: 'message', message: 'my fridge is warm, call me' }),
    ]);
  });

  it('a long wait offers a callback that keeps the place in line', async () => {
    const r = await call(MON_9AM, ['1', '1'], { engine: { answerAfterSeconds: 90 } });
    expect(
      r.prompts.some((p) => p.includes('To be called back without losing your place in line, press 1')),
    ).toBe(true);
    expect(r.outcome).toEqual({ type: 'callback', queue: 'sales', number: '+13125550142' });
  });

  it('a full queue takes a message instead of leaving the caller waiting', async () => {
    const r = await call(MON_9AM, ['1', 'say:please call me about a new fridge'], { queueLoad: 15 });
    expect(r.prompts).toContain(
      'All of our team are busy right now, so I will take a message and we will call you back.',
    );
    expect(r.tickets[0]).toMatchObject({ category: 'sales', message: 'please call me about a new fridge' });
    expect(r.outcome.type).toBe('disconnected');
    expect(r.endedWithMessage).toBe(true);
  });

  it('a caller without caller id keys in the number for the callback', async () => {
    const r = await call(MON_9AM, ['1', '1', '3125550188#'], { from: null, queueLoad: 3 });
    expect(r.prompts).toContain(
      'Please enter the phone number we should call, starting with the area code, then press the pound key.',
    );
    expect(r.outcome).toEqual({ type: 'callback', queue: 'sales', number: '+13125550188' });
  });

  it('greets a known caller by name', async () => {
    await new CallerProfileRepository(sb.db.doc, sb.db.tables).setName('+13125550177', 'Jordan');
    const r = await call(MON_9AM, ['1'], { from: '+13125550177' });
    expect(r.prompts[1]).toBe('Thank you for calling Brightline Appliances. Welcome back, Jordan.');
  });
});

describe('after hours', () => {
  it('the assistant answers an FAQ and says goodbye when it helped', async () => {
    const r = await call(MON_10PM, ['say:do you take the old fridge away when you deliver', '1']);
    expect(r.prompts[1]).toBe('Our team is not available right now. I am the virtual assistant.');
    expect(r.prompts).toContain(
      'Yes. We haul away and recycle your old appliance for 25 dollars when we deliver the new one.',
    );
    expect(r.prompts.at(-1)).toBe('Glad I could help. Thank you for calling. Goodbye.');
    expect(r.outcome.type).toBe('disconnected');
    expect(r.endedWithMessage).toBe(true);
    expect(r.tickets).toEqual([]);
  });

  it('an unanswerable question becomes a message, a ticket and a callback promise read back', async () => {
    const r = await call(MON_10PM, [
      'say:can you tell me the capital of France',
      'say:This is Sam, my washer door is stuck, call me on this number',
    ]);
    expect(r.prompts).toContain("I'm sorry, I don't have an answer to that.");
    expect(r.tickets).toHaveLength(1);
    const t = r.tickets[0]!;
    expect(t).toMatchObject({ category: 'message', priority: 'normal', status: 'open' });
    // Within 24 hours and inside staffed time: Tuesday 20:00 local, when the evening shift ends.
    expect(t.dueAt).toBe('2026-11-25T02:00:00.000Z');
    expect(t.message).toBe(
      'This is Sam, my washer door is stuck, call me on this number (asked: can you tell me the capital of France)',
    );
    expect(r.prompts.at(-1)).toMatch(
      new RegExp(
        `^Thank you\\. Your ticket number is ${t.id.slice(2).split('').join(' ')}\\. We will call you back by Tuesday 8:00 PM\\. Goodbye\\.$`,
      ),
    );
    expect(r.notifications).toEqual([
      expect.objectContaining({ channel: 'sms', to: '+13125550142', text: expect.stringContaining(t.id) }),
    ]);
  });

  it('an urgent problem creates an urgent ticket, pages the on-call person by SMS and offers a transfer', async () => {
    const r = await call(MON_10PM, ['say:there are sparks coming out of my dryer', '1'], {
      from: '+13125550166',
    });
    expect(r.tickets).toEqual([
      expect.objectContaining({
        priority: 'urgent',
        category: 'urgent',
        message: 'there are sparks coming out of my dryer',
      }),
    ]);
    expect(r.notifications.find((n) => n.to === '+13125550103')).toMatchObject({
      channel: 'sms',
      to: '+13125550103',
      text: expect.stringMatching(
        /^URGENT Brightline Appliances ticket T-\w{6} from \+13125550166: there are sparks/,
      ),
    });
    expect(r.prompts).toContain(
      'To be connected to the person on call now, press 1. Otherwise they will call you back within minutes.',
    );
    expect(r.outcome).toEqual({ type: 'transferred', to: '+13125550103' });
  });

  it('declining the transfer still ends with a spoken promise', async () => {
    const r = await call(MON_10PM, ['say:I smell gas near the oven', '2']);
    expect(r.outcome.type).toBe('disconnected');
    expect(r.prompts.at(-1)).toBe('Someone will call you back within minutes. Goodbye.');
  });

  it('on a holiday the assistant says why the line is closed', async () => {
    const r = await call(CHRISTMAS_NOON, ['say:leave a message', 'say:please call me about my order']);
    expect(r.prompts[1]).toBe('We are closed today for Christmas Day. I am the virtual assistant.');
    expect(r.tickets[0]).toMatchObject({ category: 'message', message: 'please call me about my order' });
  });

  it('a failing ticket function is tried twice, then ends with an apology, never silence', async () => {
    const r = await call(MON_10PM, ['say:leave a message', 'say:call me'], { faults: { ticket: 'error' } });
    expect(r.prompts.at(-1)).toBe(
      'Sorry, I could not confirm that your message was saved. Please call again during opening hours. Goodbye.',
    );
    expect(r.lambdaCalls.filter((c) => c.function === 'switchboard-ticket')).toHaveLength(2);
    expect(r.endedWithMessage).toBe(true);
  });

  it('a failing assistant still takes a message', async () => {
    const r = await call(MON_10PM, ['say:how much is delivery', 'say:my name is Lee'], {
      faults: { assistant: 'timeout' },
    });
    expect(r.tickets).toHaveLength(1);
    expect(r.prompts.at(-1)).toMatch(/^Thank you\. Your ticket number is/);
  });
});

describe('designer flows and the outbox', () => {
  it('runs the shipped designer export with its tokens filled', async () => {
    const r = await call(MON_9AM, [], { entry: 'custom-priority-line' });
    expect(r.outcome).toMatchObject({ type: 'queued', queue: 'general' });
  });
});
