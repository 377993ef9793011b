import type { SurveyRepository, TicketRepository } from '#domain/repositories.ts';

export interface SurveyDeps {
  surveys: SurveyRepository;
  tickets: TicketRepository;
  now: Date;
}

export type SurveyResult =
  | { result: 'STORED'; score: number; ticketId: string }
  | { result: 'INVALID'; reason: string };

/** Stores a CSAT score 1-5 for the contact, and on its ticket when it has one. Anything else is INVALID. */
export async function recordSurvey(contactId: string, raw: unknown, deps: SurveyDeps): Promise<SurveyResult> {
  const text = typeof raw === 'string' ? raw.trim() : typeof raw === 'number' ? String(raw) : '';
  if (!/^[1-5]$/.test(text))
    return {
      result: 'INVALID',
      reason: `score must be one key from 1 to 5, got ${JSON.stringify(raw ?? null)}`,
    };
  const score = Number(text);
  const at = deps.now.toISOString();
  const ticket = await deps.tickets.findByContact(contactId);
  await deps.surveys.put({ contactId, score, at, ...(ticket ? { ticketId: ticket.id } : {}) });
  if (ticket) {
    await deps.tickets.save(ticket, {
      ...ticket,
      csat: score,
      updatedAt: at,
      history: [...ticket.history, { at, by: 'caller', action: 'csat', to: String(score) }],
    });
  }
  return { result: 'STORED', score, ticketId: ticket?.id ?? '' };
}
