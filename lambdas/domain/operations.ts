/**
 * Loads what the KPIs, the plan and the QA sample read, from the records table: contact records of a
 * period (by the contactsByMonth index), its tickets (ticketsByMonth, one Query per month), the
 * open tickets (openByDue), the contacts' surveys and transcripts (BatchGetItem). No Scan; every Query
 * pages; unprocessed batch keys are retried with backoff and then are an error.
 */
import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import type { DocClient } from './doc-client.ts';
import { computeKpis, type KpiConfig, type KpiReport, type SurveyAnswer } from './kpi.ts';
import { excerpt, type QaOptions, type QaPick, selectQaSample } from './qa.ts';
import { type ContactRecord, ContactRecordRepository } from './records.ts';
import { type TableNames, TicketRepository } from './repositories.ts';
import type { Ticket } from './tickets.ts';
import { addDays, localTime, zonedInstant } from './time.ts';

export class UnprocessedKeysError extends Error {
  constructor(readonly count: number) {
    super(`${count} keys stayed unprocessed after retries (throttled); try again later`);
    this.name = 'UnprocessedKeysError';
  }
}

/** BatchGetItem in chunks of 100; unprocessed keys retried up to 5 times with backoff. */
export async function batchGet(
  doc: DocClient,
  table: string,
  keys: Array<Record<string, string>>,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < keys.length; i += 100) {
    let pending: Array<Record<string, unknown>> = keys.slice(i, i + 100);
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt > 5) throw new UnprocessedKeysError(pending.length);
      if (attempt > 0) await sleep(50 * 2 ** attempt);
      const res = await doc.send(new BatchGetCommand({ RequestItems: { [table]: { Keys: pending } } }));
      out.push(...((res.Responses?.[table] ?? []) as Record<string, unknown>[]));
      pending = (res.UnprocessedKeys?.[table]?.Keys ?? []) as Array<Record<string, unknown>>;
    }
  }
  return out;
}

/** [from, to) covering business-local dates `fromDate`..`toDate` inclusive. */
export function localDayRange(fromDate: string, toDate: string, tz: string): { from: Date; to: Date } {
  return { from: zonedInstant(fromDate, 0, tz), to: zonedInstant(addDays(toDate, 1), 0, tz) };
}

export interface OperationsData {
  records: ContactRecord[];
  tickets: Ticket[];
  openTickets: Ticket[];
  surveys: SurveyAnswer[];
  period: { from: Date; to: Date };
}

/** The store every operations command reads. */
export class OperationsStore {
  readonly records: ContactRecordRepository;
  readonly tickets: TicketRepository;

  constructor(
    private readonly doc: DocClient,
    private readonly tables: TableNames,
  ) {
    this.records = new ContactRecordRepository(doc, tables);
    this.tickets = new TicketRepository(doc, tables);
  }

  /** The business-local days from the first stored record to the last; undefined when there are none. */
  async fullPeriod(timezone: string): Promise<{ from: Date; to: Date } | undefined> {
    const span = await this.records.span();
    if (!span) return undefined;
    return localDayRange(
      localTime(new Date(span.first), timezone).date,
      localTime(new Date(span.last), timezone).date,
      timezone,
    );
  }

  /**
   * Everything the KPIs of [from, to) need. Records run `callbackWithinHours` past the end so that a
   * callback made after the period still keeps its promise.
   */
  async load(config: KpiConfig, period: { from: Date; to: Date }): Promise<OperationsData> {
    const slack = config.sla.callbackWithinHours * 3_600_000;
    const records = await this.records.listBetween(period.from, new Date(period.to.getTime() + slack));
    const tickets = await this.tickets.listCreatedBetween(period.from, period.to);
    const openTickets = await this.tickets.listOpen();
    const surveys = (
      await batchGet(
        this.doc,
        this.tables.records,
        records.map((r) => ({ pk: `CONTACT#${r.contactId}`, sk: 'SURVEY' })),
      )
    ).flatMap((i) => {
      const s = z
        .object({ contactId: z.string(), score: z.number().int().min(1).max(5), at: z.string() })
        .safeParse(i);
      return s.success ? [s.data] : [];
    });
    return { records, tickets, openTickets, surveys, period };
  }

  /** Transcript text by contact: the TRANSCRIPT item, else the ticket's transcript. */
  async transcripts(contactIds: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const [id, t] of await this.callTexts(contactIds)) if (t.transcript) out.set(id, t.transcript);
    return out;
  }

  /**
   * What was said on each contact: its transcript (the contact's own, else its ticket's) and the message
   * its ticket keeps (what the caller told the assistant), each when there is one. Two BatchGetItems.
   */
  async callTexts(contactIds: string[]): Promise<Map<string, { transcript?: string; message?: string }>> {
    const items = await batchGet(
      this.doc,
      this.tables.records,
      contactIds.flatMap((id) => [
        { pk: `CONTACT#${id}`, sk: 'TRANSCRIPT' },
        { pk: `CONTACT#${id}`, sk: 'TICKET' },
      ]),
    );
    const out = new Map<string, { transcript?: string; message?: string }>();
    const ticketIds = new Map<string, string>();
    for (const i of items) {
      const id = String(i.pk).replace(/^CONTACT#/, '');
      if (i.sk === 'TRANSCRIPT' && typeof i.transcript === 'string')
        out.set(id, { transcript: i.transcript });
      if (i.sk === 'TICKET' && typeof i.ticketId === 'string') ticketIds.set(i.ticketId, id);
    }
    const tickets = await batchGet(
      this.doc,
      this.tables.records,
      [...ticketIds.keys()].map((t) => ({ pk: `TICKET#${t}`, sk: 'TICKET' })),
    );
    for (const t of tickets) {
      const contact = ticketIds.get(String(t.id));
      if (!contact) continue;
      const texts = out.get(contact) ?? {};
      if (!texts.transcript && typeof t.transcript === 'string') texts.transcript = t.transcript;
      if (typeof t.message === 'string' && t.message) texts.message = t.message;
      out.set(contact, texts);
    }
    return out;
  }
}

export interface QaEntry extends QaPick {
  excerpt?: string;
}

export interface OperationsReport {
  kpis: KpiReport;
  qa: QaEntry[];
  records: ContactRecord[];
}

/**
 * The seed of the weekly QA sample of the week starting on local date `monday`: the weekly e-mail and
 * the console's QA page use it, so both show the same calls for a week.
 */
export const weeklyQaSeed = (monday: string) => `week-${monday}`;

/** Records initiated in [from, to). */
export function recordsIn(records: ContactRecord[], period: { from: Date; to: Date }): ContactRecord[] {
  return records.filter((r) => {
    const t = Date.parse(r.initiatedAt ?? '');
    return t >= period.from.getTime() && t < period.to.getTime();
  });
}

/** The QA sample of loaded data (`selectQaSample` over the period's records, CSAT from the surveys). */
export function qaSampleOf(data: OperationsData, qa: QaOptions = {}): QaPick[] {
  const inPeriod = recordsIn(data.records, data.period);
  const scores = new Map(data.surveys.map((s) => [s.contactId, s.score]));
  return inPeriod.length
    ? selectQaSample(inPeriod, {
        seed: data.period.from.toISOString(),
        ...qa,
        csatOf: (id) => scores.get(id),
      })
    : [];
}

/** KPIs and the QA sample (with transcript excerpts) of a period. */
export async function operationsReport(
  store: OperationsStore,
  config: KpiConfig,
  period: { from: Date; to: Date },
  now: Date,
  qa: QaOptions = {},
): Promise<OperationsReport> {
  const data = await store.load(config, period);
  const kpis = computeKpis({ config, ...data, now });
  const picks = qaSampleOf(data, qa);
  const transcripts = await store.transcripts(picks.map((p) => p.contactId));
  return {
    kpis,
    qa: picks.map((p) => {
      const t = transcripts.get(p.contactId);
      return t ? { ...p, excerpt: excerpt(t) } : p;
    }),
    records: recordsIn(data.records, period),
  };
}
