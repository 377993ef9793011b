import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escalationHistory } from '../../lambdas/domain/escalation.ts';
import { TicketRepository } from '../../lambdas/domain/repositories.ts';
import { ScriptedCaller } from '../../local/phone.ts';
import { type CallReport, LocalSwitchboard } from '../../local/switchboard.ts';
import { enConfig } from '../helpers.ts';

// Brightline Appliances, America/Chicago. Monday 22:00: the night shift, Priya Raman on call.
const MON_10PM = new Date('2026-11-24T04:00:00Z');
const GAS = ['say:I smell gas near the oven', '2'];

let sb: LocalSwitchboard;
beforeAll(async () => {
  sb = await LocalSwitchboard.start(enConfig());
});
afterAll(async () => sb.stop());

const call = (
  inputs: string[],
  extra: Partial<Parameters<LocalSwitchboard['call']>[0]> = {},
): Promise<CallReport> => sb.call({ at: MON_10PM, caller: new ScriptedCaller(inputs), ...extra });
const historyOf = async (r: CallReport) =>
  escalationHistory((await new TicketRepository(sb.db.doc, sb.db.tables).get(r.tickets[0]!.id))!);
/** Whole minutes after the call began (a page placed during the first minute counts as 0). */
const minutesAfter = (iso: string) => Math.floor((Date.parse(iso) - MON_10PM.getTime()) / 60_000);

describe('night urgent: escalation until someone accepts', () => {
  it('nobody accepts: re-page, escalate to the next on-call and the alert list, then the managers are told', async () => {
    const r = await call(GAS, { onCall: 'ignore' });
    const pages = r.notifications
      .filter((n) => n.to !== '+13125550142')
      .map((n) => `${minutesAfter(n.at)} ${n.channel} ${n.to}`);
    expect(pages).toEqual([
      '0 sms +13125550103',
      '0 call +13125550103',
      '5 sms +13125550103',
      '5 call +13125550103',
      '10 sms +13125550101',
      '10 call +13125550101',
      '15 sms +13125550199',
      '15 call +13125550199',
      '20 email arn:aws:sns:us-east-1:000000000000:switchboard-alerts',
    ]);
    const managers = r.notifications.at(-1)!;
    expect(managers.text).toMatch(
      /^Nobody accepted urgent ticket T-\w{6} in 20 minutes\. Paged: Priya Raman, Dana Whitfield, alert list\./,
    );
    const notes = (await historyOf(r)).map((h) => h.note);
    expect(notes).toEqual(
      expect.arrayContaining([
        'SMS page to Priya Raman: accepted by SNS',
        'not accepted after 5 min: paging Priya Raman (on call) again',
        'not accepted after 10 min: escalating to Dana Whitfield (next on call)',
        'not accepted after 15 min: escalating to the alert list',
        'nobody accepted in 20 min: alerting the managers',
        'alert to managers: accepted by SNS',
      ]),
    );
    // The caller's own call ended long before: its duration is the call, not the escalation.
    expect(r.durationSeconds).toBeLessThan(120);
    expect(r.errors).toEqual([]);
  });

  it('accepted on the first page: the page call is answered with 1, the ticket is theirs, nobody else is paged', async () => {
    const r = await call(GAS, { onCall: 'accept' });
    const pages = r.notifications.filter((n) => n.to !== '+13125550142');
    expect(pages.map((n) => `${n.channel} ${n.to}`)).toEqual(['sms +13125550103', 'call +13125550103']);
    expect(pages[1]!.text).toMatch(
      /^Urgent ticket \w( \w){5} for Brightline Appliances\. The caller said: I smell gas near the oven\. To accept it, press 1\. Thank you, the ticket is yours\./,
    );
    const h = await historyOf(r);
    expect(h.map((e) => e.note)).toEqual(
      expect.arrayContaining([
        'accepted the page (pressed 1 on the page call)',
        'escalation stopped: taken by Priya Raman',
      ]),
    );
    const t = await new TicketRepository(sb.db.doc, sb.db.tables).get(r.tickets[0]!.id);
    expect(t).toMatchObject({ status: 'in_progress', owner: 'Priya Raman' });
  });
});

describe('say only what is true', () => {
  it('SNS failing: the caller is not told someone was alerted, hears what happens next, and is put through', async () => {
    const r = await call(GAS, { onCall: 'ignore', faults: { sns: 'error' } });
    expect(r.prompts.join(' ')).not.toMatch(/I have alerted/);
    expect(r.prompts).toContain(
      `This sounds urgent. Your ticket number is ${r.tickets[0]!.id.slice(2).split('').join(' ')}. I could not reach our on-call team just yet, so I will keep paging them and our managers until someone takes it.`,
    );
    expect(r.prompts).toContain('Let me try to connect you to the person on call now.');
    expect(r.outcome).toEqual({ type: 'transferred', to: '+13125550103' });
    const notes = (await historyOf(r)).map((h) => h.note);
    expect(notes).toContain('SMS page to Priya Raman: SNS refused it; the escalation tries again');
    // Page calls do not go through SNS: they still ring.
    expect(r.notifications.filter((n) => n.channel === 'call').length).toBeGreaterThan(0);
  });

  it('SNS not answering: the saved message does not sound lost, and the page is recorded as slow', async () => {
    const r = await call(GAS, { faults: { sns: 'timeout' } });
    expect(r.prompts.join(' ')).not.toMatch(/message was saved|I have alerted/);
    expect(r.prompts.join(' ')).toMatch(/Your ticket number is/);
    const notes = (await historyOf(r)).map((h) => h.note ?? '');
    expect(notes.some((n) => /no answer from SNS within 1\.5 s/.test(n))).toBe(true);
  });

  it('a failed ticket write on an urgent call still tries the on-call person and gives safety advice', async () => {
    const r = await call(GAS, { faults: { ticket: 'error' } });
    expect(r.tickets).toEqual([]);
    expect(r.prompts).toContain(
      'This sounds urgent, but I could not confirm that your message was saved. If anyone is in danger, hang up and call the emergency number now.',
    );
    expect(r.prompts.join(' ')).not.toMatch(/call you back within minutes/);
    // The number comes from route, asked right before the transfer ($.External), not from an attribute.
    expect(r.outcome).toEqual({ type: 'transferred', to: '+13125550103' });
    expect(r.lambdaCalls.map((c) => c.function).slice(-3)).toEqual([
      'switchboard-ticket',
      'switchboard-ticket',
      'switchboard-route',
    ]);
  });
});
