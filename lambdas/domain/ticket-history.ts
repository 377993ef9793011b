/**
 * One entry of a ticket's history. In a module of its own, with no imports, so that the console's
 * pages (web/, through lambdas/console/api-types.ts) read the same type the functions write.
 */
export interface TicketHistoryEntry {
  at: string;
  by: string;
  /** `escalation`: a page, a call, an acceptance or the end of an urgent escalation (escalation.ts). */
  action: 'created' | 'status' | 'owner' | 'transcript' | 'csat' | 'escalation';
  from?: string;
  to?: string;
  note?: string;
  /**
   * Key of the event that wrote this entry, for entries written by a Lambda that may be retried
   * (`csat#<ContactId>`, `transcript#<ContactId>`): a ticket records each event once.
   */
  event?: string;
}
