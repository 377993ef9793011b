import { describe, expect, it } from 'vitest';
import type { SurveyRecord, TicketChange } from '../../lambdas/domain/repositories.ts';
import { StaleTicketError, TicketNotFoundError } from '../../lambdas/domain/repositories.ts';
import { rosterFromConfig } from '../../lambdas/domain/seed.ts';
import { applyStatus, dueTimes, type Ticket } from '../../lambdas/domain/tickets.ts';
import { runHandover } from '../../lambdas/handover/handover.ts';
import { recordSurvey } from '../../lambdas/survey/survey.ts';
import { updateTicketStatus } from '../../lambdas/ticket/ticket.ts';
import { onJobCompleted, type TranscribeDeps } from '../../lambdas/transcribe/transcribe.ts';
import { enConfig } from '../helpers.ts';

const contactId = 'aaaaaaaa-2222-4000-8000-000000000001';
const t0 = new Date('2026-11-23T03:00:00Z');
const ticket = (n = 0, extra: Partial<Ticket> = {}): Ticket => ({
  id: `T-${String(n).padStart(6, '0')}`,
  contactId: n === 0 ? contactId : `contact-${n}`,
  callerPhone: '+13125550142',
  category: n % 2 ? 'repair' : 'delivery',
  priority: n % 10 === 0 ? 'urgent' : 'normal',
  status: 'open',
  shift: 'night@2026-11-23',
  createdAt: t0.toISOString(),
  updatedAt: t0.toISOString(),
  source: 'assistant',
  history: [{ at: t0.toISOString(), by: 'assistant', action: 'created' }],
  version: 1,
  ...dueTimes({ answerWithinSeconds: 30, firstResponseMinutes: 10, callbackWithinHours: 24 }, t0, 'normal'),
  ...extra,
});

/** A plain in-memory ticket store with the repository's contract: versions, change functions. */
function memoryTickets(...initial: Ticket[]) {
  const byId = new Map(initial.map((t) => [t.id, t]));
  return {
    byId,
    async findByContact(c: string) {
      return [...byId.values()].find((t) => t.contactId === c);
    },
    async get(id: string) {
      return byId.get(id);
    },
    async mutate(id: string, change: TicketChange) {
      const current = byId.get(id);
      if (!current) throw new TicketNotFoundError(id);
      const next = change(current);
      if (!next) return { ticket: current, changed: false };
      const saved = { ...next, version: current.version + 1 };
      byId.set(id, saved);
      return { ticket: saved, changed: true };
    },
    async listOpen() {
      return [...byId.values()];
    },
  };
}

function memorySurveys() {
  const byContact = new Map<string, SurveyRecord>();
  return {
    byContact,
    async put(s: SurveyRecord) {
      const existing = byContact.get(s.contactId);
      if (existing) return { survey: existing, created: false };
      byContact.set(s.contactId, s);
      return { survey: s, created: true };
    },
  };
}

describe('history appends are idempotent per event (plain fakes)', () => {
  it('a retried survey records the score on the ticket once', async () => {
    const tickets = memoryTickets(ticket());
    const surveys = memorySurveys();
    const deps = { tickets, surveys, now: new Date('2026-11-23T15:00:00Z') };
    expect(await recordSurvey(contactId, '4', deps)).toEqual({
      result: 'STORED',
      score: 4,
      ticketId: 'T-000000',
    });
    // Connect retries the invocation (a timeout on its side): same contact, same event.
    await recordSurvey(contactId, '4', { ...deps, now: new Date('2026-11-23T15:00:05Z') });
    const t = tickets.byId.get('T-000000')!;
    expect(t.csat).toBe(4);
    expect(t.history.filter((h) => h.action === 'csat')).toEqual([
      { at: '2026-11-23T15:00:00.000Z', by: 'caller', action: 'csat', to: '4', event: `csat#${contactId}` },
    ]);
  });

  it('a retried transcription event attaches the transcript once', async () => {
    const tickets = memoryTickets(ticket());
    const deps = {
      tickets,
      transcripts: { put: async () => {} },
      readTranscript: async () => ({ text: 'my dryer is loud', mediaUri: 's3://rec/calls/x.wav' }),
      now: new Date('2026-11-23T15:10:00Z'),
    } as unknown as TranscribeDeps;
    const first = await onJobCompleted(`switchboard-${contactId}`, 'COMPLETED', deps);
    const again = await onJobCompleted(`switchboard-${contactId}`, 'COMPLETED', deps);
    expect(first).toEqual(again);
    const t = tickets.byId.get('T-000000')!;
    expect(t).toMatchObject({ transcript: 'my dryer is loud', recordingKey: 'calls/x.wav', version: 2 });
    expect(t.history.filter((h) => h.action === 'transcript')).toHaveLength(1);
  });
});

describe('status updates report what they cannot do', () => {
  const now = new Date('2026-11-23T15:00:00Z');
  it('reports CONFLICT with the current state when the ticket changed since it was read', async () => {
    const current = ticket(0, { status: 'in_progress', owner: 'dana', version: 5 });
    const tickets = {
      get: async () => current,
      updateStatus: async () => {
        throw new StaleTicketError(current.id, 4);
      },
    };
    const out = await updateTicketStatus(
      { ticketId: current.id, status: 'resolved', by: 'dana', expectedVersion: 4 },
      { tickets: tickets as never, now },
    );
    expect(out).toMatchObject({ result: 'CONFLICT', status: 'in_progress', owner: 'dana' });
    expect(out.reason).toMatch(/changed since version 4/);
  });

  it('reports NOT_FOUND and refusals, and passes the event key for a retried flow', async () => {
    const calls: unknown[] = [];
    const current = ticket();
    const tickets = {
      get: async (id: string) => (id === current.id ? current : undefined),
      updateStatus: async (id: string, change: { status: Ticket['status']; by: string; at: Date }) => {
        calls.push(change);
        if (id !== current.id) throw new TicketNotFoundError(id);
        return applyStatus(current, change.status, change.by, change.at);
      },
    };
    const deps = { tickets: tickets as never, now };
    expect(
      (await updateTicketStatus({ ticketId: 'T-ZZZZZZ', status: 'resolved', by: 'dana' }, deps)).result,
    ).toBe('NOT_FOUND');
    expect(
      (await updateTicketStatus({ ticketId: current.id, status: 'closed', by: 'dana' }, deps)).result,
    ).toBe('INVALID_TRANSITION');
    expect(
      await updateTicketStatus(
        { ticketId: current.id, status: 'in_progress', by: 'dana', event: 'status#c-9' },
        deps,
      ),
    ).toMatchObject({ result: 'UPDATED', status: 'in_progress', owner: 'dana' });
    expect(calls.at(-1)).toMatchObject({ event: 'status#c-9' });
  });
});

describe('handover lists every open ticket (plain fakes)', () => {
  it('hands over all 1,000 open tickets with exact counts', async () => {
    const open = Array.from({ length: 1000 }, (_, i) => ticket(i + 1));
    const mails: string[] = [];
    const [report] = await runHandover(
      { shiftId: 'night' },
      {
        roster: async () => rosterFromConfig(enConfig()),
        tickets: memoryTickets(...open),
        email: async (_subject, text) => void mails.push(text),
        now: new Date('2026-11-24T14:00:00Z'),
      },
    );
    expect(report?.open).toBe(1000);
    expect(report?.urgent).toBe(100);
    expect(report?.byCategory).toEqual({ delivery: 500, repair: 500 });
    for (const t of open) expect(mails[0]).toContain(t.id);
  });
});
