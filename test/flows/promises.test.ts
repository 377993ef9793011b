import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfigText } from '../../config/load.ts';
import { ScriptedCaller } from '../../local/phone.ts';
import { type CallReport, LocalSwitchboard } from '../../local/switchboard.ts';
import { EN_CONFIG, enConfig, zhConfig } from '../helpers.ts';

// Brightline Appliances (America/Chicago, UTC-6 in winter): day 08-16 Mon-Sat, evening 16-20 Mon-Fri,
// night 20-08 with nobody; Christmas (Friday 2026-12-25) is a holiday.
const SAT_9PM = new Date('2026-11-29T03:00:00Z');
const MON_9AM = new Date('2026-11-23T15:00:00Z');
const MON_10PM = new Date('2026-11-24T04:00:00Z');
const CHRISTMAS_EVE_10PM = new Date('2026-12-25T04:00:00Z');

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

const leaveMessage = ['say:leave a message', 'say:my dryer stopped working, please call me'];

describe('a message is promised a callback inside staffed hours, spoken, texted and stored alike', () => {
  it('Saturday 21:00: "by Monday 9:00 AM", the first staffed hour (nobody works on Sunday)', async () => {
    const r = await call(SAT_9PM, leaveMessage);
    const t = r.tickets[0]!;
    expect(t.dueAt).toBe('2026-11-30T15:00:00.000Z');
    expect(r.prompts.at(-1)).toContain('We will call you back by Monday 9:00 AM.');
    expect(r.notifications).toEqual([
      expect.objectContaining({ to: '+13125550142', text: expect.stringContaining('by Monday 9:00 AM') }),
    ]);
  });

  it('Monday 22:00: "by Tuesday 8:00 PM", the end of Tuesday’s staffed hours, within the 24 h SLA', async () => {
    const r = await call(MON_10PM, leaveMessage);
    expect(r.tickets[0]!.dueAt).toBe('2026-11-25T02:00:00.000Z');
    expect(r.prompts.at(-1)).toContain('by Tuesday 8:00 PM.');
    expect(r.notifications[0]!.text).toContain('by Tuesday 8:00 PM.');
  });

  it('a holiday counts as closed: Christmas Eve 22:00 is promised for Saturday 9:00 AM', async () => {
    const r = await call(CHRISTMAS_EVE_10PM, leaveMessage);
    expect(r.tickets[0]!.dueAt).toBe('2026-12-26T15:00:00.000Z');
    expect(r.prompts.at(-1)).toContain('by Saturday 9:00 AM.');
  });

  it('zh-CN: a message on the Spring Festival eve is promised after the holidays, in Chinese', async () => {
    const zh = await LocalSwitchboard.start(zhConfig());
    try {
      const r = await zh.call({
        at: new Date('2027-02-06T02:00:00Z'), // Saturday 10:00 in Shanghai, a holiday
        from: '+8613912345678',
        caller: new ScriptedCaller(['say:我要留言', 'say:冰箱不制冷了，请回电']),
      });
      expect(r.tickets[0]!.dueAt).toBe('2027-02-07T17:00:00.000Z');
      expect(r.prompts.at(-1)).toContain('我们会在星期一01:00之前给您回电');
    } finally {
      await zh.stop();
    }
  });
});

describe('safety words', () => {
  it('"I smell gas": the gas safety advice comes before anything else, then the page and the offer', async () => {
    const r = await call(MON_10PM, ['say:I smell gas in the kitchen', '1'], { from: '+13125550166' });
    const advice = r.prompts.findIndex((p) => p.startsWith('If you smell gas'));
    expect(advice).toBeGreaterThan(0);
    expect(r.prompts[advice - 1]).toBe('How can I help? Ask me a question, or say leave a message.');
    expect(r.prompts[advice + 1]).toMatch(/^This sounds urgent/);
    expect(r.tickets[0]).toMatchObject({ priority: 'urgent' });
    expect(r.outcome).toEqual({ type: 'transferred', to: '+13125550103' });
    // Put through live: no "we have your message ... we will call you back" afterwards, by voice or SMS.
    expect(r.notifications.filter((n) => n.to === '+13125550166')).toEqual([]);
    expect(r.prompts.at(-1)).toBe('Connecting you now.');
  });

  it('each group says its own advice (fire)', async () => {
    const r = await call(MON_10PM, ['say:there is smoke coming out of the dryer']);
    expect(r.prompts).toContain(
      'If there is fire or smoke, leave the building now and call 911. Do not try to move or fix the appliance.',
    );
  });

  it('a config with only assistant.urgentKeywords still validates and still makes a call urgent', async () => {
    const yaml = (await import('node:fs'))
      .readFileSync(EN_CONFIG, 'utf8')
      .replace(/ {2}urgent:\n(?: {4}.*\n)+/, '')
      .replace('urgentKeywords: [emergency]', 'urgentKeywords: [gas leak, smoke, emergency]');
    const legacy = parseConfigText(yaml, 'legacy.yaml');
    expect(legacy.assistant.urgent).toEqual([]);
    expect(legacy.assistant.urgentKeywords).toEqual(['gas leak', 'smoke', 'emergency']);
    const old = await LocalSwitchboard.start(legacy);
    try {
      const r = await old.call({ at: MON_10PM, caller: new ScriptedCaller(['say:there is smoke here']) });
      expect(r.tickets[0]).toMatchObject({ priority: 'urgent' });
      expect(r.prompts.some((p) => p.startsWith('This sounds urgent'))).toBe(true);
    } finally {
      await old.stop();
    }
  });
});

describe('staffed, not just rostered', () => {
  it('nobody logged in during opening hours: the assistant takes a message instead of an empty queue', async () => {
    const r = await call(MON_9AM, leaveMessage, { agentsOnline: 0 });
    expect(r.path.find((s) => s.id === 'staffed')).toMatchObject({ branch: 'error:NoMatchingCondition' });
    // After the recording notice.
    expect(r.prompts[1]).toBe('Our team is not available right now. I am the virtual assistant.');
    expect(r.tickets[0]).toMatchObject({ category: 'message' });
    // Monday 09:00 + 24 h is Tuesday 09:00, a staffed time: the SLA itself.
    expect(r.tickets[0]!.dueAt).toBe('2026-11-24T15:00:00.000Z');
  });

  it('one agent logged in: the caller gets the menu and is answered', async () => {
    const r = await call(MON_9AM, ['1'], { agentsOnline: 1 });
    expect(r.outcome).toMatchObject({ type: 'queued', queue: 'sales', answered: true });
  });
});

describe('no silent misses', () => {
  it('a caller who hangs up in the queue becomes a missed-call ticket with a callback due in staffed hours', async () => {
    const r = await call(MON_9AM, ['2', '1', 'hangup'], { engine: { answerAfterSeconds: 600 } });
    expect(r.outcome).toMatchObject({ type: 'queued', queue: 'service', answered: false, endedBy: 'caller' });
    expect(r.tickets).toEqual([
      expect.objectContaining({
        category: 'missed-call',
        status: 'open',
        message: expect.stringMatching(
          /^Missed call: hung up after \d+ s waiting in the Service and repairs queue/,
        ),
      }),
    ]);
    // Tuesday about 09:01 local: 24 h after the hang-up, a staffed time.
    expect(r.tickets[0]!.dueAt).toMatch(/^2026-11-24T15:0\d:00\.000Z$/);
    expect(r.notifications).toEqual([
      expect.objectContaining({
        to: '+13125550142',
        text: expect.stringContaining('sorry we missed your call'),
      }),
    ]);
  });

  it('a withheld caller who hangs up leaves nothing to call back', async () => {
    const r = await call(MON_9AM, ['1', 'hangup'], { from: null, engine: { answerAfterSeconds: 600 } });
    expect(r.tickets).toEqual([]);
  });

  it('a hang-up mid-message keeps what was said, marked partial', async () => {
    const r = await call(MON_10PM, ['say:leave a message', 'hangup:this is Sam, my freezer is']);
    expect(r.tickets).toEqual([
      expect.objectContaining({ category: 'message', partial: true, message: 'this is Sam, my freezer is' }),
    ]);
  });
});

describe('IVR', () => {
  it('reads menu entries as a caller would say them, with an item’s own prompt when it has one', async () => {
    const r = await call(MON_9AM, ['2', '1']);
    // The recording notice, the greeting, the main menu, then the sub-menu.
    expect(r.prompts[3]).toBe(
      'To book a repair, press 1. To check on a repair you have booked, press 2. To go back, press star. To speak to a person, press 0.',
    );
  });

  it('0 reaches a person from a sub-menu, and * goes back one level', async () => {
    const person = await call(MON_9AM, ['2', '0']);
    expect(person.prompts).toContain('Let me put you through to a member of our team.');
    expect(person.outcome).toMatchObject({ type: 'queued', queue: 'general', answered: true });
    const back = await call(MON_9AM, ['2', '*', '3']);
    expect(back.prompts.filter((p) => p.startsWith('For new appliances and prices'))).toHaveLength(2);
    expect(back.outcome).toMatchObject({ type: 'queued', queue: 'orders' });
  });
});
