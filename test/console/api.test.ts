import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ConsoleDeps,
  createConsoleApp,
  type Identity,
  serveOpenApi,
} from '../../lambdas/console/app.ts';
import { operationsOps } from '../../lambdas/console/ops.ts';
import { dynamoConsoleStore } from '../../lambdas/console/store.ts';
import { MissedQuestionRepository } from '../../lambdas/domain/missed-questions.ts';
import { OperationsStore } from '../../lambdas/domain/operations.ts';
import { type ConsoleServer, startConsoleServer } from '../../local/server.ts';
import type { CallReport } from '../../local/switchboard.ts';
import { LocalSwitchboard } from '../../local/switchboard.ts';
import { enConfig, silentLogger } from '../helpers.ts';

// Brightline Appliances, America/Chicago (UTC-6 in November).
const MON_9AM = '2026-11-23T15:00:00.000Z';
const MON_10PM = '2026-11-24T04:00:00.000Z';

let sb: LocalSwitchboard;
let server: ConsoleServer;
let now = new Date(MON_9AM);

beforeAll(async () => {
  sb = await LocalSwitchboard.start(enConfig());
  server = await startConsoleServer(sb, { port: 0, logger: silentLogger, clock: () => now });
});
afterAll(async () => {
  await server.close();
  await sb.stop();
});

const api = (path: string, init: RequestInit & { json?: unknown } = {}) =>
  server.app.request(path, {
    ...init,
    ...(init.json !== undefined
      ? { body: JSON.stringify(init.json), headers: { 'content-type': 'application/json', ...init.headers } }
      : {}),
  });

const placeCall = async (body: Record<string, unknown>): Promise<CallReport> => {
  const res = await api('/api/calls', { method: 'POST', json: body });
  expect(res.status).toBe(200);
  return (await res.json()) as CallReport;
};

/** An app on the same data with another identity (what the JWT authorizer would say in AWS). */
function appAs(who: Identity | null) {
  const store = dynamoConsoleStore(sb.db.doc, sb.db.tables, () => now);
  const deps: ConsoleDeps = {
    store,
    ops: operationsOps({
      operations: new OperationsStore(sb.db.doc, sb.db.tables),
      missed: new MissedQuestionRepository(sb.db.doc, sb.db.tables),
      store,
      config: async () => sb.config,
      faq: async () => ({ entries: [], locale: 'en-US' }),
    }),
    live: { today: async () => ({ calls: null, waiting: null, alarms: [] }) },
    faq: async () => ({ entries: [], locale: 'en-US' }),
    clock: () => now,
    logger: silentLogger,
    identify: () => who,
    recordingUrl: async () => undefined,
    where: 'aws',
  };
  const app = createConsoleApp(deps);
  serveOpenApi(app);
  return app;
}

describe('POST /api/calls (local)', () => {
  it('places a scripted call and returns the same report as switchboard call --json', async () => {
    const r = await placeCall({ at: MON_9AM, inputs: ['1', '5'] });
    // After the recording notice.
    expect(r.prompts[1]).toBe('Thank you for calling Brightline Appliances.');
    expect(r.outcome).toMatchObject({ type: 'queued', queue: 'sales', answered: true });
    expect(Object.keys(r)).toEqual(
      expect.arrayContaining(['at', 'from', 'flow', 'prompts', 'path', 'outcome', 'tickets', 'lambdaCalls']),
    );
  });

  it('reads a time without an offset as the business’s local time, as switchboard call --at does', async () => {
    // 22:30 in Chicago is after hours (04:30 UTC the next day), whatever the server's own zone.
    const r = await placeCall({ at: '2026-11-23T22:30', inputs: ['say:how much is delivery', '1'] });
    expect(r.at).toBe('2026-11-24T04:30:00.000Z');
    expect((await placeCall({ at: '2026-11-23T22:30:00-06:00', inputs: [] })).at).toBe(
      '2026-11-24T04:30:00.000Z',
    );
  });

  it('rejects a bad input with a 400 that names the field', async () => {
    const res = await api('/api/calls', { method: 'POST', json: { from: '555-0142' } });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid', field: 'from' });
  });
});

describe('tickets', () => {
  let id: string;

  beforeAll(async () => {
    const r = await placeCall({
      at: MON_10PM,
      inputs: ['say:can you tell me the capital of France', 'say:This is Sam, my washer door is stuck'],
    });
    id = r.tickets[0]!.id;
  });

  it('lists the new ticket among the open ones, and pages with a cursor', async () => {
    await placeCall({ at: MON_10PM, inputs: ['say:leave a message', 'say:please call me about my order'] });
    const res = await api('/api/tickets?status=active&limit=1');
    expect(res.status).toBe(200);
    const first = (await res.json()) as { items: Array<{ id: string }>; nextCursor?: string };
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).toBeTruthy();
    const second = (await (
      await api(`/api/tickets?status=active&limit=50&cursor=${first.nextCursor}`)
    ).json()) as { items: Array<{ id: string }> };
    const all = [...first.items, ...second.items].map((t) => t.id);
    expect(all).toContain(id);
    expect(new Set(all).size).toBe(all.length);
  });

  it('filters the ledger by date, shift and category', async () => {
    const res = await api('/api/tickets?from=2026-11-23&to=2026-11-23&shift=night&category=message');
    const page = (await res.json()) as { items: Array<{ id: string; shift: string; category: string }> };
    expect(page.items.map((t) => t.id)).toContain(id);
    expect(page.items.every((t) => t.shift === 'night@2026-11-23' && t.category === 'message')).toBe(true);
    const none = (await (await api('/api/tickets?from=2026-11-23&to=2026-11-23&shift=day')).json()) as {
      items: unknown[];
    };
    expect(none.items).toEqual([]);
  });

  it('assigns with If-Match, and a second editor with the old ETag is told (412)', async () => {
    const read = await api(`/api/tickets/${id}`);
    const etag = read.headers.get('etag')!;
    expect(etag).toBeTruthy();
    const noMatch = await api(`/api/tickets/${id}`, { method: 'PATCH', json: { owner: 'Dana Whitfield' } });
    expect(noMatch.status).toBe(428);
    const ok = await api(`/api/tickets/${id}`, {
      method: 'PATCH',
      json: { owner: 'Dana Whitfield', note: 'calling back after 9' },
      headers: { 'If-Match': etag },
    });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('etag')).not.toBe(etag);
    const stale = await api(`/api/tickets/${id}`, {
      method: 'PATCH',
      json: { status: 'resolved' },
      headers: { 'If-Match': etag },
    });
    expect(stale.status).toBe(412);
    const after = (await (await api(`/api/tickets/${id}`)).json()) as {
      ticket: { owner: string; status: string; history: Array<{ action: string; note?: string }> };
    };
    expect(after.ticket).toMatchObject({ owner: 'Dana Whitfield', status: 'open' });
    expect(after.ticket.history.some((h) => h.note === 'calling back after 9')).toBe(true);
  });

  it('resolves a ticket, and refuses a transition the rules do not allow (409)', async () => {
    const etag = (await api(`/api/tickets/${id}`)).headers.get('etag')!;
    const res = await api(`/api/tickets/${id}`, {
      method: 'PATCH',
      json: { status: 'resolved' },
      headers: { 'If-Match': etag },
    });
    expect(res.status).toBe(200);
    const etag2 = res.headers.get('etag')!;
    const bad = await api(`/api/tickets/${id}`, {
      method: 'PATCH',
      json: { status: 'open' },
      headers: { 'If-Match': etag2 },
    });
    expect(bad.status).toBe(409);
  });

  it('says which field is wrong', async () => {
    const res = await api('/api/tickets?status=lost');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ field: 'status' });
    const notFound = await api('/api/tickets/T-000000');
    expect(notFound.status).toBe(404);
  });

  it("exports the ledger as CSV, and shows the caller's profile with their tickets", async () => {
    const csv = await (await api('/api/ledger.csv?from=2026-11-23&to=2026-11-23')).text();
    expect(csv.split('\r\n')[0]).toBe(
      'id,createdAt,shift,category,priority,status,owner,callerPhone,callerName,dueAt,source,csat,message',
    );
    expect(csv).toContain(`"${id}"`);
    const profile = (await (await api('/api/callers/+13125550142')).json()) as {
      tickets: Array<{ id: string }>;
    };
    expect(profile.tickets.map((t) => t.id)).toContain(id);
  });
});

describe('overrides', () => {
  it('Close the line now: the next call hears the reason and reaches the assistant; Reopen: the menu again', async () => {
    now = new Date(MON_9AM);
    const open = await placeCall({ at: MON_9AM, inputs: ['1'] });
    expect(open.prompts[2]).toMatch(/^For new appliances/);

    const res = await api('/api/overrides', {
      method: 'POST',
      json: { type: 'closed', reason: 'a burst pipe' },
    });
    expect(res.status).toBe(201);
    const o = (await res.json()) as { id: string };
    const today = (await (await api('/api/roster/today')).json()) as {
      now: { mode: string; closedReason: string };
    };
    expect(today.now).toMatchObject({ mode: 'assistant', closedReason: 'a burst pipe' });

    const closed = await placeCall({ at: MON_9AM, inputs: ['say:I smell gas near the oven', '2'] });
    expect(closed.prompts.join('\n')).toContain('We are closed today for a burst pipe.');
    expect(closed.path.some((s) => s.flow === 'assistant')).toBe(true);
    // On-call paging continues: an urgent call still pages the on-call person.
    expect(closed.notifications.some((n) => n.channel === 'sms' && n.to === '+13125550101')).toBe(true);

    expect((await api(`/api/overrides/${o.id}`, { method: 'DELETE' })).status).toBe(204);
    const reopened = await placeCall({ at: MON_9AM, inputs: ['1'] });
    expect(reopened.prompts[2]).toMatch(/^For new appliances/);
  });

  it('an on-call swap for tonight changes who the assistant transfers to', async () => {
    now = new Date(MON_9AM);
    const res = await api('/api/overrides', {
      method: 'POST',
      json: {
        type: 'onCall',
        shift: 'night',
        name: 'Sam Ortiz',
        phone: '+13125550199',
        from: '2026-11-23',
        to: '2026-11-23',
      },
    });
    expect(res.status).toBe(201);
    const r = await placeCall({ at: MON_10PM, inputs: ['say:there are sparks coming out of my dryer', '1'] });
    const route = r.lambdaCalls.find((c) => c.function.endsWith('route'))!.response as Record<string, string>;
    expect(route).toMatchObject({ onCallName: 'Sam Ortiz', onCallPhone: '+13125550199' });
    expect(r.outcome).toMatchObject({ type: 'transferred', to: '+13125550199' });
    const roster = (await (await api('/api/roster/today')).json()) as {
      shifts: Array<{ id: string; onCall: { name: string; swapped: boolean } }>;
    };
    expect(roster.shifts.find((s) => s.id === 'night')!.onCall).toMatchObject({
      name: 'Sam Ortiz',
      swapped: true,
    });
    const { id } = (await res.json()) as { id: string };
    await api(`/api/overrides/${id}`, { method: 'DELETE' });
  });

  it('rejects an unknown shift and a bad phone with the field', async () => {
    const bad = await api('/api/overrides', {
      method: 'POST',
      json: { type: 'onCall', shift: 'night', name: 'X', phone: '12', from: '2026-11-23', to: '2026-11-24' },
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ field: 'phone' });
    const shift = await api('/api/overrides', {
      method: 'POST',
      json: {
        type: 'onCall',
        shift: 'weekend',
        name: 'X',
        phone: '+13125550199',
        from: '2026-11-23',
        to: '2026-11-24',
      },
    });
    expect(await shift.json()).toMatchObject({ field: 'shift' });
  });
});

describe('roles', () => {
  it('an agent reads tickets but cannot change overrides or read KPIs; nobody signed in gets 401', async () => {
    const agent = appAs({ name: 'ana', role: 'agent' });
    expect((await agent.request('/api/tickets?status=active')).status).toBe(200);
    const post = await agent.request('/api/overrides', {
      method: 'POST',
      body: JSON.stringify({ type: 'closed', reason: 'x' }),
      headers: { 'content-type': 'application/json' },
    });
    expect(post.status).toBe(403);
    expect((await agent.request('/api/kpis?from=2026-11-23&to=2026-11-29')).status).toBe(403);
    const anonymous = appAs(null);
    for (const path of ['/api/me', '/api/tickets', '/api/roster/today', '/api/openapi.json'])
      expect((await anonymous.request(path)).status).toBe(401);
  });

  it('documents every route in /api/openapi.json', async () => {
    const doc = (await (await api('/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    for (const p of [
      '/api/tickets',
      '/api/tickets/{id}',
      '/api/roster/today',
      '/api/overrides',
      '/api/overrides/{id}',
      '/api/kpis',
      '/api/calls',
    ])
      expect(doc.paths).toHaveProperty([p]);
    expect(doc.paths['/api/tickets/{id}']).toHaveProperty('patch');
  });
});

describe('the softphone (local live calls)', () => {
  it('dials in, hears the prompts, answers the menu with a key, and ends with the same report', async () => {
    const start = await api('/api/calls/live', { method: 'POST', json: { at: MON_9AM } });
    expect(start.status).toBe(201);
    const { id } = (await start.json()) as { id: string };
    const events: Array<{ type: string; text?: string; report?: CallReport }> = [];
    let answered = false;
    for (let i = 0; i < 30 && !events.some((e) => e.type === 'end'); i++) {
      const res = (await (await api(`/api/calls/live/${id}/events?after=${events.length}`)).json()) as {
        events: typeof events;
      };
      events.push(...res.events);
      if (events.at(-1)?.type === 'ask') {
        const input = answered ? { type: 'silence' } : { type: 'keys', value: '1' };
        answered = true;
        expect((await api(`/api/calls/live/${id}/input`, { method: 'POST', json: input })).status).toBe(202);
      }
    }
    expect(events.filter((e) => e.type === 'prompt').map((e) => e.text)).toContain(
      'Thank you for calling Brightline Appliances.',
    );
    const end = events.find((e) => e.type === 'end');
    expect(end?.report?.outcome).toMatchObject({ type: 'queued', queue: 'sales' });
    const late = await api(`/api/calls/live/${id}/input`, {
      method: 'POST',
      json: { type: 'keys', value: '2' },
    });
    expect(late.status).toBe(409);
  });
});
