/**
 * Loads what the KPIs, the plan and the QA sample read, from the records table: contact records of a
 * period (by the contactsByMonth index), its tickets (the contacts' ticket pointers, BatchGetItem), the
 * open tickets (openByDue), the contacts' surveys and transcripts (BatchGetItem). No Scan; every Query
 * pages; unprocessed batch keys are retried with backoff and then are an error.
 */
import { BatchGetCommand, type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { computeKpis, type KpiConfig, type KpiReport, type SurveyAnswer } from './kpi.ts';
import { excerpt, type QaOptions, type QaPick, selectQaSample } from './qa.ts';
import { type ContactRecord, ContactRecordRepository } from './records.ts';
import type { TableNames } from './repositories.ts';
import { STATUSES, type Ticket } from './tickets.ts';
import { addDays, localTime, zonedInstant } from './time.ts';

const ticketSchema = z
  .object({
    id: z.string(),
    contactId: z.string(),
    category: z.string(),
    priority: z.enum(['normal', 'urgent']),
    status: z.enum(STATUSES),
    shift: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    firstResponseDueAt: z.string(),
    dueAt: z.string(),
    source: z.enum(['assistant', 'agent', 'callback', 'ivr']),
    history: z.array(
      z
        .object({
          at: z.string(),
          by: z.string(),
          action: z.enum(['created', 'status', 'owner', 'transcript', 'csat']),
        })
        .loose(),
    ),
    transcript: z.string().optional(),
    recordingKey: z.string().optional(),
    csat: z.number().optional(),
    message: z.string().optional(),
  })
  .loose();

const decodeTicket = (item: Record<string, unknown>) => ticketSchema.parse(item) as unknown as Ticket;

export class UnprocessedKeysError extends Error {
  constructor(readonly count: number) {
    super(`${count} keys stayed unprocessed after retries (throttled); try again later`);
    this.name = 'UnprocessedKeysError';
  }
}

async function queryAll(
  doc: DynamoDBDocumentClient,
  input: ConstructorParameters<typeof QueryCommand>[0],
): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const res = await doc.send(new QueryCommand({ ...input, ExclusiveStartKey: start }));
    out.push(...((res.Items ?? []) as Record<string, unknown>[]));
    start = res.LastEvaluatedKey;
  } while (start);
  return out;
}

/** BatchGetItem in chunks of 100; unprocessed keys retried up to 5 times with backoff. */
export async function batchGet(
  doc: DynamoDBDocumentClient,
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

  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tables: TableNames,
  ) {
    this.records = new ContactRecordRepository(doc, tables);
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
    // simulate (fix): the store has no `byShift` index any more (tickets keep `shift` as an attribute).
    // The period's tickets are those of its contacts (the CONTACT#id/TICKET pointer each ticket writes)
    // and the open ones created in it (a ticket made without a call).
    const openTickets = (
      await queryAll(this.doc, {
        TableName: this.tables.records,
        IndexName: 'openByDue',
        KeyConditionExpression: 'openPk = :o',
        ExpressionAttributeValues: { ':o': 'OPEN' },
      })
    ).map(decodeTicket);
    const pointers = await batchGet(
      this.doc,
      this.tables.records,
      records.map((r) => ({ pk: `CONTACT#${r.contactId}`, sk: 'TICKET' })),
    );
    const ticketIds = new Set(pointers.flatMap((p) => (typeof p.ticketId === 'string' ? [p.ticketId] : [])));
    const tickets = new Map<string, Ticket>();
    const inPeriod = (t: Ticket) => {
      const at = Date.parse(t.createdAt);
      return at >= period.from.getTime() && at < period.to.getTime();
    };
    for (const item of await batchGet(
      this.doc,
      this.tables.records,
      [...ticketIds].map((id) => ({ pk: `TICKET#${id}`, sk: 'TICKET' })),
    )) {
      const t = decodeTicket(item);
      if (inPeriod(t)) tickets.set(t.id, t);
    }
    for (const t of openTickets) if (inPeriod(t)) tickets.set(t.id, t);
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
    return { records, tickets: [...tickets.values()], openTickets, surveys, period };
  }

  /** Transcript text by contact: the TRANSCRIPT item, else the ticket's transcript. */
  async transcripts(contactIds: string[]): Promise<Map<string, string>> {
    const items = await batchGet(
      this.doc,
      this.tables.records,
      contactIds.flatMap((id) => [
        { pk: `CONTACT#${id}`, sk: 'TRANSCRIPT' },
        { pk: `CONTACT#${id}`, sk: 'TICKET' },
      ]),
    );
    const out = new Map<string, string>();
    const ticketIds = new Map<string, string>();
    for (const i of items) {
      const id = String(i.pk).replace(/^CONTACT#/, '');
      if (i.sk === 'TRANSCRIPT' && typeof i.transcript === 'string') out.set(id, i.transcript);
      if (i.sk === 'TICKET' && typeof i.ticketId === 'string') ticketIds.set(i.ticketId, id);
    }
    const tickets = await batchGet(
      this.doc,
      this.tables.records,
      [...ticketIds.keys()].map((t) => ({ pk: `TICKET#${t}`, sk: 'TICKET' })),
    );
    for (const t of tickets) {
      const contact = ticketIds.get(String(t.id));
      if (contact && !out.has(contact) && typeof t.transcript === 'string') out.set(contact, t.transcript);
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
  const inPeriod = data.records.filter((r) => {
    const t = Date.parse(r.initiatedAt ?? '');
    return t >= period.from.getTime() && t < period.to.getTime();
  });
  const scores = new Map(data.surveys.map((s) => [s.contactId, s.score]));
  const picks = inPeriod.length
    ? selectQaSample(inPeriod, { seed: period.from.toISOString(), ...qa, csatOf: (id) => scores.get(id) })
    : [];
  const transcripts = await store.transcripts(picks.map((p) => p.contactId));
  return {
    kpis,
    qa: picks.map((p) => {
      const t = transcripts.get(p.contactId);
      return t ? { ...p, excerpt: excerpt(t) } : p;
    }),
    records: inPeriod,
  };
}
