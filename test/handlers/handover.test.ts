import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { awsDeps, createHandler, storeDeps } from '../../lambdas/handover/handler.ts';
import { snsNotifier } from '../../lambdas/shared/notify.ts';
import * as ticketFn from '../../lambdas/ticket/handler.ts';
import type { EmbeddedDynamo } from '../../local/dynamo.ts';
import { at, connectEvent, invoke, lambdaContext, seededDynamo, testDeps } from '../helpers.ts';

const sns = mockClient(SNSClient);
const TOPIC = 'arn:aws:sns:us-east-1:111122223333:handover';
let db: EmbeddedDynamo;
let handler: ReturnType<typeof createHandler>;
let ticketHandler: ReturnType<typeof ticketFn.createHandler>;
beforeAll(async () => {
  db = await seededDynamo();
  const notifier = snsNotifier(new SNSClient({}));
  handler = createHandler({
    ...awsDeps(),
    ...storeDeps(db),
    email: (subject, text) => notifier.email(TOPIC, subject, text),
    ...testDeps,
  });
  ticketHandler = ticketFn.createHandler({ ...ticketFn.awsDeps(), ...ticketFn.storeDeps(db), ...testDeps });
});
afterAll(async () => db.close());
afterEach(() => sns.reset());

const createTicket = (p: Record<string, string>) => invoke(ticketHandler, connectEvent(p));

describe('handover handler', () => {
  it('e-mails the morning shift the night tickets: urgent first, counts by category, overdue flagged', async () => {
    sns.on(PublishCommand).resolves({});
    at('2026-11-23T03:00:00Z'); // Sun 21:00: night shift
    const old = await createTicket({ category: 'delivery', message: 'Where is my fridge' });
    at('2026-11-24T04:00:00Z'); // Mon 22:00
    const normal = await createTicket({ category: 'repair', message: 'Dryer makes a noise' });
    const urgent = await createTicket({ category: 'repair', priority: 'urgent', message: 'Smell of gas' });
    sns.reset();
    sns.on(PublishCommand).resolves({});
    at('2026-11-24T14:00:00Z'); // Tue 08:00: night ends
    const { handovers } = await handler({ shiftId: 'night' }, lambdaContext as never);
    expect(handovers).toHaveLength(1);
    const out = handovers[0]!;
    expect(out).toMatchObject({
      from: 'night',
      to: 'day',
      endedShift: 'night@2026-11-23',
      nextShift: 'day@2026-11-24',
      open: 3,
      fromThisShift: 2,
      urgent: 1,
      byCategory: { delivery: 1, repair: 2 },
    });
    expect(out.overdue).toBe(2); // the Sunday ticket (24 h) and the urgent one (10 min)
    const mail = sns.commandCalls(PublishCommand)[0]!.args[0].input;
    expect(mail.TopicArn).toBe('arn:aws:sns:us-east-1:111122223333:handover');
    expect(mail.Subject).toBe('Brightline Appliances handover: Night to Day');
    const text = mail.Message!;
    expect(text.indexOf(urgent.ticketId!)).toBeLessThan(text.indexOf(old.ticketId!));
    expect(text.indexOf(old.ticketId!)).toBeLessThan(text.indexOf(normal.ticketId!));
    expect(text).toMatch(/3 open ticket\(s\): 1 urgent, 2 overdue\. By category: delivery: 1, repair: 2\./);
    expect(text).toMatch(new RegExp(`${urgent.ticketId} \\[URGENT, OVERDUE, this shift\\]`));
    // The e-mail goes to staff, who call these people back: full numbers (the logged report is masked).
    expect(text).toContain('+1 312 555 0142');
    expect(JSON.stringify(handovers)).not.toContain('5550142');
  });

  it('hands over each shift that ended in the window of a scheduled run, and sends nothing otherwise', async () => {
    sns.on(PublishCommand).resolves({});
    // Tue 2026-11-24 08:00 CST = 14:00Z: night ends. The 14:00Z run covers (13:55Z, 14:00Z].
    const run = (t: string) => handler({ scheduledTime: t }, lambdaContext as never);
    expect((await run('2026-11-24T13:55:00Z')).handovers).toEqual([]);
    const at = await run('2026-11-24T14:00:00Z');
    expect(at.handovers.map((h) => [h.from, h.to, h.at])).toEqual([
      ['night', 'day', '2026-11-24T14:00:00.000Z'],
    ]);
    expect((await run('2026-11-24T14:05:00Z')).handovers).toEqual([]);
    expect(sns.commandCalls(PublishCommand)).toHaveLength(1);
  });

  it('rejects an input it does not understand', async () => {
    await expect(handler({ shift: 'night' } as never, lambdaContext as never)).rejects.toThrow(
      /handover expects \{ "scheduledTime"/,
    );
  });
});
