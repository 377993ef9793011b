import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocClient } from '../../lambdas/domain/doc-client.ts';
import { escalationHistory } from '../../lambdas/domain/escalation.ts';
import { TicketRepository } from '../../lambdas/domain/repositories.ts';
import {
  createHandler as createEscalate,
  storeDeps as escalateStore,
} from '../../lambdas/escalate/handler.ts';
import type { Notifier } from '../../lambdas/shared/notify.ts';
import { createHandler, storeDeps } from '../../lambdas/ticket/handler.ts';
import type { EmbeddedDynamo } from '../../local/dynamo.ts';
import { at, connectEvent, invoke, lambdaContext, seededDynamo, testDeps } from '../helpers.ts';

/** A notifier that records what it sent, and fails or hangs when told to (plain fakes, no SDK mock). */
function fakeNotifier() {
  const sent: Array<{ to: string; text: string }> = [];
  let mode: 'ok' | 'error' | 'hang' = 'ok';
  const notifier: Notifier = {
    async sms(to, text) {
      if (mode === 'error') throw new Error('SNS: Throttled');
      if (mode === 'hang') return new Promise(() => {});
      sent.push({ to, text });
    },
    async email(to, _subject, text) {
      if (mode === 'error') throw new Error('SNS: Throttled');
      sent.push({ to, text });
    },
  };
  const set = (m: typeof mode) => {
    mode = m;
  };
  return { notifier, sent, set };
}

let db: EmbeddedDynamo;
let repo: TicketRepository;
beforeAll(async () => {
  db = await seededDynamo();
  repo = new TicketRepository(db.doc, db.tables);
});
afterAll(async () => db.close());

function ticketFn(opts: { startFails?: boolean } = {}) {
  const fake = fakeNotifier();
  const started: string[] = [];
  const handler = createHandler({
    ...storeDeps(db),
    notifier: fake.notifier,
    escalation: {
      start: async (id) => {
        if (opts.startFails) throw new Error('states: ServiceUnavailable');
        started.push(id);
      },
    },
    // The time box: a turn of the event loop instead of 1.5 s (a hanging SNS never answers in it).
    sleep: () => new Promise((r) => setImmediate(r)),
    ...testDeps,
  });
  return { call: (e: unknown) => invoke(handler, e), fake, started };
}

/**
 * The escalate function over the test database, with every DynamoDB command passed to `watch` first
 * (which may throw to fail it), a fake notifier and a dialer that records whom it called.
 */
function watchedEscalate(watch: (command: object) => void) {
  const doc: DocClient = {
    send: ((command: object) => {
      try {
        watch(command);
      } catch (err) {
        return Promise.reject(err);
      }
      return db.doc.send(command as never);
    }) as DocClient['send'],
  };
  const fake = fakeNotifier();
  const calls: string[] = [];
  const handler = createEscalate({
    ...escalateStore({ doc, tables: db.tables }),
    notifier: fake.notifier,
    dialer: () => ({ call: async (to) => void calls.push(to.phone) }),
    alertTopicArn: () => undefined,
    ...testDeps,
  });
  const step = (ticketId: string | undefined, n: number) =>
    handler({ ticketId, step: n } as never, lambdaContext as never);
  return { step, fake, calls };
}

const URGENT = {
  category: 'repair',
  priority: 'urgent',
  message: 'sparks from the dryer',
  source: 'assistant',
};

describe('the first page tells the flow only what is true', () => {
  it('SENT: SNS accepted the page; the page and the start of the escalation are on the ticket', async () => {
    at('2026-11-24T04:00:00Z');
    const { call, fake, started } = ticketFn();
    const out = await call(connectEvent(URGENT));
    expect(out).toMatchObject({
      paged: 'true',
      pageStatus: 'SENT',
      escalation: 'STARTED',
      pagedName: 'Priya Raman',
    });
    expect(fake.sent.map((s) => s.to)).toContain('+13125550103');
    expect(started).toEqual([out.ticketId]);
    const notes = escalationHistory((await repo.get(out.ticketId!))!).map((h) => h.note);
    expect(notes).toEqual([
      'SMS page to Priya Raman',
      'SMS page to Priya Raman: accepted by SNS',
      expect.stringMatching(/^escalation started/),
    ]);
  });

  it('TRYING when SNS refuses: the failure is recorded and the escalation pages again', async () => {
    at('2026-11-24T04:00:00Z');
    const { call, fake } = ticketFn();
    fake.set('error');
    const out = await call(connectEvent(URGENT));
    expect(out).toMatchObject({
      result: 'CREATED',
      paged: 'false',
      pageStatus: 'TRYING',
      escalation: 'STARTED',
    });
    const notes = escalationHistory((await repo.get(out.ticketId!))!).map((h) => h.note);
    expect(notes).toContain('SMS page to Priya Raman: SNS refused it; the escalation tries again');
  });

  it('a slow SNS never makes the saved ticket sound lost: the call returns in time, the page is recorded as slow', async () => {
    at('2026-11-24T04:00:00Z');
    const { call, fake } = ticketFn();
    fake.set('hang');
    const out = await call(connectEvent(URGENT));
    expect(out).toMatchObject({ result: 'CREATED', pageStatus: 'TRYING' });
    expect(out.ticketIdSpoken).toBeTruthy();
    const notes = escalationHistory((await repo.get(out.ticketId!))!).map((h) => h.note);
    expect(notes.some((n) => /no answer from SNS within 1\.5 s/.test(n ?? ''))).toBe(true);
  });

  it('NOT_ALERTED when neither the page nor the escalation got through', async () => {
    at('2026-11-24T04:00:00Z');
    const { call, fake } = ticketFn({ startFails: true });
    fake.set('error');
    const out = await call(connectEvent(URGENT));
    expect(out).toMatchObject({ paged: 'false', pageStatus: 'NOT_ALERTED', escalation: 'FAILED' });
  });

  it('a retried call that finds the ticket (EXISTS) pages when the first page failed, and only once when it was sent', async () => {
    at('2026-11-24T04:00:00Z');
    const { call, fake } = ticketFn();
    const event = connectEvent(URGENT);
    fake.set('error');
    const first = await call(event);
    expect(first.pageStatus).toBe('TRYING');
    fake.set('ok');
    const retry = await call(event);
    expect(retry).toMatchObject({ result: 'EXISTS', pageStatus: 'SENT', paged: 'true' });
    const again = await call(event);
    expect(again).toMatchObject({ result: 'EXISTS', pageStatus: 'SENT' });
    expect(fake.sent.filter((s) => s.to === '+13125550103')).toHaveLength(1);
  });

  it('concurrent retries of one contact send one page', async () => {
    at('2026-11-24T04:00:00Z');
    const { call, fake } = ticketFn();
    const event = connectEvent(URGENT);
    const outs = await Promise.all(Array.from({ length: 8 }, () => call(event)));
    expect(new Set(outs.map((o) => o.ticketId)).size).toBe(1);
    expect(fake.sent.filter((s) => s.to === '+13125550103')).toHaveLength(1);
  });

  it('re-checks urgency itself: urgent words in a "normal" message page the on-call person', async () => {
    at('2026-11-24T04:00:00Z');
    const { call, fake } = ticketFn();
    const out = await call(
      connectEvent({
        category: 'message',
        priority: 'normal',
        message: 'I think I smell gas in the kitchen',
      }),
    );
    expect(out).toMatchObject({ priority: 'urgent', pageStatus: 'SENT', dueAt: '2026-11-24T04:10:00.000Z' });
    expect(fake.sent.some((s) => s.to === '+13125550103')).toBe(true);
    const t = (await repo.get(out.ticketId!))!;
    expect(t.history.some((h) => h.note === 'urgent: the message says "smell gas"')).toBe(true);
  });
});

describe('escalate function', () => {
  const make = () => {
    const fake = fakeNotifier();
    const calls: string[] = [];
    const handler = createEscalate({
      ...escalateStore(db),
      notifier: fake.notifier,
      dialer: () => ({ call: async (to) => void calls.push(to.phone) }),
      alertTopicArn: () => 'arn:aws:sns:us-east-1:111122223333:alerts',
      ...testDeps,
    });
    return {
      run: (e: unknown) => handler(e as never, lambdaContext as never) as Promise<Record<string, unknown>>,
      fake,
      calls,
    };
  };

  it('runs a step: pages by SMS and call, says how long to wait; a retried step pages nobody twice', async () => {
    at('2026-11-24T04:00:00Z');
    const { call } = ticketFn();
    const t = await call(connectEvent(URGENT));
    const { run, fake, calls } = make();
    at('2026-11-24T04:05:00Z');
    expect(await run({ ticketId: t.ticketId, step: 1 })).toMatchObject({
      done: false,
      step: 2,
      waitSeconds: 300,
    });
    await run({ ticketId: t.ticketId, step: 1 });
    expect(fake.sent.filter((s) => s.to === '+13125550103')).toHaveLength(1);
    expect(calls).toEqual(['+13125550103']);
  });

  it('one step reads the ticket and the directory once and writes the ticket twice: claims, then outcomes', async () => {
    at('2026-11-24T04:00:00Z');
    const { call } = ticketFn();
    const t = await call(connectEvent(URGENT));
    const sent: string[] = [];
    const { step, fake, calls } = watchedEscalate((command) => void sent.push(command.constructor.name));
    at('2026-11-24T04:05:00Z');
    await step(t.ticketId, 1);
    // The re-page: an SMS and a call, each claimed before and recorded after it was sent.
    expect(fake.sent.map((s) => s.to)).toEqual(['+13125550103']);
    expect(calls).toEqual(['+13125550103']);
    expect([...sent.slice(0, 2)].sort()).toEqual(['BatchGetCommand', 'GetCommand']);
    expect(sent.slice(2)).toEqual(['PutCommand', 'PutCommand']);
    const notes = escalationHistory((await repo.get(t.ticketId!))!).map((h) => h.note);
    expect(notes.slice(-5)).toEqual([
      'not accepted after 5 min: paging Priya Raman (on call) again',
      'SMS page to Priya Raman',
      'page call to Priya Raman',
      'SMS page to Priya Raman: accepted by SNS',
      'page call to Priya Raman: call placed',
    ]);
  });

  it('a failed claim write still leaves the step, the claims and the outcomes on the ticket: a retried step pages nobody twice', async () => {
    at('2026-11-24T04:00:00Z');
    const { call } = ticketFn();
    const t = await call(connectEvent(URGENT));
    let failPut = true;
    const { step, fake, calls } = watchedEscalate((command) => {
      if (failPut && command.constructor.name === 'PutCommand') {
        failPut = false;
        const err = new Error('Rate of requests exceeds the allowed throughput');
        err.name = 'ProvisionedThroughputExceededException';
        throw err;
      }
    });
    at('2026-11-24T04:05:00Z');
    await step(t.ticketId, 1);
    expect(failPut).toBe(false);
    // Paged anyway (a page without a record beats no page), and recorded by the outcome write.
    expect(fake.sent.map((s) => s.to)).toEqual(['+13125550103']);
    const notes = escalationHistory((await repo.get(t.ticketId!))!).map((h) => h.note);
    expect(notes).toEqual(
      expect.arrayContaining([
        'not accepted after 5 min: paging Priya Raman (on call) again',
        'SMS page to Priya Raman',
        'page call to Priya Raman',
        'SMS page to Priya Raman: accepted by SNS',
        'page call to Priya Raman: call placed',
      ]),
    );
    // Step Functions retries a step: nobody is paged twice.
    await step(t.ticketId, 1);
    expect(fake.sent).toHaveLength(1);
    expect(calls).toEqual(['+13125550103']);
  });

  it('records the acceptance from the page flow, stops at the next step, and says who has it to a second acceptor', async () => {
    at('2026-11-24T04:00:00Z');
    const { call } = ticketFn();
    const t = await call(connectEvent(URGENT));
    const { run, fake } = make();
    const accept = (by: string) =>
      run(connectEvent({ action: 'accept', ticketId: t.ticketId!, by }, { phone: '+13125550103' }));
    expect(await accept('Priya Raman')).toEqual({
      result: 'ACCEPTED',
      ticketId: t.ticketId,
      takenBy: 'Priya Raman',
    });
    expect(await accept('Dana Whitfield')).toMatchObject({ result: 'TAKEN', takenBy: 'Priya Raman' });
    at('2026-11-24T04:05:00Z');
    expect(await run({ ticketId: t.ticketId, step: 1 })).toMatchObject({ done: true });
    expect(fake.sent).toEqual([]);
    const stored = (await repo.get(t.ticketId!))!;
    expect(stored).toMatchObject({ status: 'in_progress', owner: 'Priya Raman' });
  });

  it('gives up after the last step by alerting the managers, and fails (to be retried) when that alert fails', async () => {
    at('2026-11-24T04:00:00Z');
    const { call } = ticketFn();
    const t = await call(connectEvent(URGENT));
    const { run, fake } = make();
    at('2026-11-24T04:20:00Z');
    fake.set('error');
    await expect(run({ ticketId: t.ticketId, step: 4 })).rejects.toThrow(/managers could not be alerted/);
    fake.set('ok');
    expect(await run({ ticketId: t.ticketId, step: 4 })).toMatchObject({ done: true });
    expect(fake.sent).toEqual([
      {
        to: 'arn:aws:sns:us-east-1:111122223333:alerts',
        text: expect.stringMatching(/^Nobody accepted urgent ticket/),
      },
    ]);
  });
});
