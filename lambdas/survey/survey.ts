import type { SurveyRepository, TicketStore } from '#domain/repositories.ts';
import { recordEvent } from '#domain/tickets.ts';

export interface SurveyDeps {
  surveys: Pick<SurveyRepository, 'put'>;
  tickets: Pick<TicketStore, 'findByContact' | 'mutate'>;
  now: Date;
}

export type SurveyResult =
  | { result: 'STORED'; score: number; ticketId: string }
  | { result: 'INVALID'; reason: string };

/**
 * Stores a CSAT score 1-5 for the contact, and on its ticket when it has one. Anything else is INVALID.
 * Safe to retry: the contact's first score is kept, and the ticket records the `csat#<ContactId>`
 * event once (a concurrent ticket update is re-read and the score re-applied).
 * @throws StaleTicketError when the ticket kept changing through every retry
 */
export async function recordSurvey(contactId: string, raw: unknown, deps: SurveyDeps): Promise<SurveyResult> {
  const text = typeof raw === 'string' ? raw.trim() : typeof raw === 'number' ? String(raw) : '';
  if (!/^[1-5]$/.test(text))
    return {
      result: 'INVALID',
      reason: `score must be one key from 1 to 5, got ${JSON.stringify(raw ?? null)}`,
    };
  const at = deps.now.toISOString();
  const ticket = await deps.tickets.findByContact(contactId);
  const { survey } = await deps.surveys.put({
    contactId,
    score: Number(text),
    at,
    ...(ticket ? { ticketId: ticket.id } : {}),
  });
  const score = survey.score;
  if (ticket)
    await deps.tickets.mutate(
      ticket.id,
      (t) =>
        recordEvent(
          t,
          { at, by: 'caller', action: 'csat', to: String(score), event: `csat#${contactId}` },
          { csat: score },
        ),
      ticket,
    );
  return { result: 'STORED', score, ticketId: ticket?.id ?? '' };
}
