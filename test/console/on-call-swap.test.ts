import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamoConsoleStore } from '../../lambdas/console/store.ts';
import { escalationPlan } from '../../lambdas/domain/escalation.ts';
import { type Override, whoIsOnCall } from '../../lambdas/domain/overrides.ts';
import { ScriptedCaller } from '../../local/phone.ts';
import { type ConsoleServer, startConsoleServer } from '../../local/server.ts';
import { type CallReport, LocalSwitchboard } from '../../local/switchboard.ts';
import { enConfig, silentLogger } from '../helpers.ts';

// Brightline Appliances, America/Chicago (UTC-6 in November). Night shift 20:00-08:00, Priya Raman on
// call; Tuesday's day shift (08:00) has Dana Whitfield on call.
const MON_9AM = new Date('2026-11-23T15:00:00Z');
const MON_10PM = new Date('2026-11-24T04:00:00Z');
const TUE_2AM = new Date('2026-11-24T08:00:00Z');
const BOB = { name: 'Bob Novak', phone: '+13125550199' };
const CAROL = { name: 'Carol Diaz', phone: '+13125550198' };
const PRIYA = '+13125550103';
const URGENT = ['say:there are sparks coming out of my dryer', '1'];

const swap = (over: Partial<Override>): Override =>
  ({
    id: 's1',
    type: 'onCall',
    shift: 'night',
    from: '2026-11-23',
    to: '2026-11-23',
    createdAt: '2026-11-23T14:00:00.000Z',
    by: 'm',
    ...BOB,
    ...over,
  }) as Override;

describe('who is on call at an instant (config roster + console swaps)', () => {
  const roster = () => {
    const c = enConfig();
    return {
      shifts: c.shifts.map((s) => ({ ...s, name: s.name ?? s.id })),
      timezone: c.business.timezone,
      onCall: c.onCall,
    };
  };

  it("a swap for Monday's night shift covers its hours after midnight, not Tuesday's night", () => {
    const r = roster();
    expect(whoIsOnCall(r, [swap({})], MON_10PM)).toMatchObject({ ...BOB, swapped: true, date: '2026-11-23' });
    expect(whoIsOnCall(r, [swap({})], TUE_2AM)).toMatchObject({ ...BOB, swapped: true });
    expect(whoIsOnCall(r, [swap({})], new Date('2026-11-25T04:00:00Z'))).toMatchObject({
      name: 'Priya Raman',
      swapped: false,
    });
    // A swap of another shift leaves the night alone.
    expect(whoIsOnCall(r, [swap({ shift: 'day' })], MON_10PM)?.name).toBe('Priya Raman');
  });

  it('the escalation pages the swapped person first and the swapped next shift after', () => {
    const r = { ...roster(), alertsSms: [], escalation: undefined } as unknown as Parameters<
      typeof escalationPlan
    >[0];
    const plan = escalationPlan(r, MON_10PM, [
      swap({}),
      swap({ id: 's2', shift: 'day', from: '2026-11-24', to: '2026-11-24', ...CAROL }),
    ]);
    const pages = plan.flatMap((s) => (s.kind === 'page' ? [s.targets.map((t) => t.name).join()] : []));
    expect(pages).toEqual([BOB.name, BOB.name, CAROL.name]);
  });
});

describe('a swap made in the console reaches route, the ticket function and the escalation', () => {
  let sb: LocalSwitchboard;
  let server: ConsoleServer;
  const now = MON_9AM;

  beforeAll(async () => {
    sb = await LocalSwitchboard.start(enConfig());
    server = await startConsoleServer(sb, { port: 0, logger: silentLogger, clock: () => now });
    const res = await server.app.request('/api/overrides', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'onCall', shift: 'night', from: '2026-11-23', to: '2026-11-23', ...BOB }),
    });
    expect(res.status).toBe(201);
  });
  afterAll(async () => {
    await server.close();
    await sb.stop();
  });

  it('an urgent after-hours call pages Bob, puts the caller through to Bob, and the ticket is his', async () => {
    const res = await server.app.request('/api/calls', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ at: MON_10PM.toISOString(), inputs: URGENT }),
    });
    const r = (await res.json()) as CallReport;
    expect(r.outcome).toEqual({ type: 'transferred', to: BOB.phone });
    const ticketCall = r.lambdaCalls.find((l) => l.function === 'switchboard-ticket');
    expect(ticketCall?.response).toMatchObject({
      pageStatus: 'SENT',
      pagedName: BOB.name,
      onCallPhone: BOB.phone,
    });
    expect(r.notifications.map((n) => [n.channel, n.to])).toEqual([
      ['sms', BOB.phone],
      ['call', BOB.phone],
    ]);
    expect(r.notifications.some((n) => n.to === PRIYA)).toBe(false);
    const id = r.tickets[0]!.id;
    const detail = (await (await server.app.request(`/api/tickets/${id}`)).json()) as {
      ticket: { owner?: string; history: Array<{ note?: string; by: string }> };
    };
    expect(detail.ticket.owner).toBe(BOB.name);
    expect(detail.ticket.history.map((h) => h.note ?? '')).toContain(`SMS page to ${BOB.name}`);
  });

  it("when Bob lets the page ring, the escalation pages Bob again and then the next shift's on-call", async () => {
    const store = dynamoConsoleStore(sb.db.doc, sb.db.tables, () => now);
    await store.addOverride(
      swap({ id: 's2', shift: 'day', from: '2026-11-24', to: '2026-11-24', ...CAROL }),
      now,
    );
    const r = await sb.call({
      at: MON_10PM,
      caller: new ScriptedCaller(['say:there are sparks coming out of my dryer', 'hangup']),
      onCall: 'ignore',
    });
    const smsTo = r.notifications.filter((n) => n.channel === 'sms').map((n) => n.to);
    expect(smsTo.slice(0, 3)).toEqual([BOB.phone, BOB.phone, CAROL.phone]);
    expect(smsTo).not.toContain(PRIYA);
  });
});
