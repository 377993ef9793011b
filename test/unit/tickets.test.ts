import { describe, expect, it } from 'vitest';
import {
  applyStatus,
  dueTimes,
  InvalidTransitionError,
  isOverdue,
  maskPhone,
  OwnershipError,
  recordEvent,
  speakableId,
  type Ticket,
  ticketIdFor,
} from '../../lambdas/domain/tickets.ts';

const sla = { answerWithinSeconds: 30, firstResponseMinutes: 10, callbackWithinHours: 24 };
const t0 = new Date('2026-11-23T03:00:00Z');
const ticket = (): Ticket => ({
  id: 'T-ABC123',
  contactId: 'c1',
  category: 'repair',
  priority: 'normal',
  status: 'open',
  shift: 'night@2026-11-22',
  createdAt: t0.toISOString(),
  updatedAt: t0.toISOString(),
  source: 'assistant',
  history: [],
  version: 1,
  ...dueTimes(sla, t0, 'normal'),
});

describe('tickets', () => {
  it('derives a short readable id from the ContactId, the same each time', () => {
    expect(ticketIdFor('contact-1')).toBe(ticketIdFor('contact-1'));
    expect(ticketIdFor('contact-1')).not.toBe(ticketIdFor('contact-2'));
    expect(ticketIdFor('contact-1')).not.toBe(ticketIdFor('contact-1', 1));
    expect(ticketIdFor('contact-1')).toMatch(/^T-[0-9A-HJKMNP-TV-Z]{6}$/);
    expect(speakableId('T-7K2QX9')).toBe('7 K 2 Q X 9');
  });

  it('promises a callback within the SLA, and a first response for urgent tickets', () => {
    expect(dueTimes(sla, t0, 'normal')).toEqual({
      firstResponseDueAt: '2026-11-23T03:10:00.000Z',
      dueAt: '2026-11-24T03:00:00.000Z',
    });
    expect(dueTimes(sla, t0, 'urgent').dueAt).toBe('2026-11-23T03:10:00.000Z');
    expect(isOverdue(ticket(), new Date('2026-11-24T03:00:01Z'))).toBe(true);
    expect(isOverdue({ ...ticket(), status: 'resolved' }, new Date('2026-11-25T00:00:00Z'))).toBe(false);
  });

  it('moves open → in_progress → resolved → closed, with one owner and a history', () => {
    const t1 = applyStatus(ticket(), 'in_progress', 'dana', new Date('2026-11-23T14:05:00Z'));
    expect(t1.owner).toBe('dana');
    const t2 = applyStatus(t1, 'resolved', 'dana', new Date('2026-11-23T14:20:00Z'), 'replaced the pump');
    const t3 = applyStatus(t2, 'closed', 'dana', new Date('2026-11-24T09:00:00Z'));
    expect(t3.history.map((h) => `${h.action}:${h.from ?? ''}>${h.to}`)).toEqual([
      'owner:>dana',
      'status:open>in_progress',
      'status:in_progress>resolved',
      'status:resolved>closed',
    ]);
    expect(() => applyStatus(t3, 'open', 'dana', new Date())).toThrow(InvalidTransitionError);
    expect(() => applyStatus(t1, 'resolved', 'marcus', new Date())).toThrow(OwnershipError);
  });

  it('records an event once: a retried Lambda finds it and writes nothing', () => {
    const entry = { at: t0.toISOString(), by: 'caller', action: 'csat' as const, to: '5', event: 'csat#c1' };
    const once = recordEvent(ticket(), entry, { csat: 5 });
    expect(once).toMatchObject({ csat: 5, updatedAt: t0.toISOString(), history: [entry] });
    expect(recordEvent(once!, { ...entry, to: '2' }, { csat: 2 })).toBeUndefined();
  });

  it('masks phone numbers for logs', () => {
    expect(maskPhone('+13125550103')).toBe('+131******03');
    expect(maskPhone(undefined)).toBe('unknown');
  });
});
