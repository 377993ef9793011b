import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { FaqEntry } from './faq.ts';
import { decodeOverrides, OVERRIDES_KEY, type Override } from './overrides.ts';
import type { Holiday, Roster } from './roster.ts';
import { applyStatus, isOpen, type Ticket, type TicketStatus, ticketIdFor } from './tickets.ts';

export interface TableNames {
  directory: string;
  records: string;
}

export interface CallerProfile {
  phone: string;
  name?: string;
  openTicketIds: string[];
  lastCategory?: string;
  lastContactAt?: string;
}

export interface AssistantSettings {
  locale: string;
  provider: 'faq' | 'bedrock';
  bedrockModelId?: string;
  threshold: number;
  urgentKeywords: string[];
  businessName: string;
}

export class TicketNotFoundError extends Error {
  constructor(readonly ticketId: string) {
    super(`no ticket ${ticketId}`);
    this.name = 'TicketNotFoundError';
  }
}

export class ConcurrentUpdateError extends Error {
  constructor(readonly ticketId: string) {
    super(`ticket ${ticketId} changed while it was being updated; read it again and retry`);
    this.name = 'ConcurrentUpdateError';
  }
}

const isConditionFailure = (err: unknown) =>
  err instanceof ConditionalCheckFailedException ||
  (err as { name?: string } | null)?.name === 'ConditionalCheckFailedException';

/** An item without its key attributes, as the domain type. */
function strip<T>(item: Record<string, unknown> | undefined, ...keys: string[]): T | undefined {
  if (!item) return undefined;
  const out: Record<string, unknown> = { ...item };
  for (const k of ['pk', 'sk', ...keys]) delete out[k];
  return out as T;
}

/** Roster, holidays and FAQ: seeded from switchboard.yaml, read on the call path. */
export class DirectoryRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tables: TableNames,
  ) {}

  async putRoster(roster: Roster): Promise<void> {
    await this.doc.send(
      new PutCommand({ TableName: this.tables.directory, Item: { pk: 'ROSTER', sk: 'CURRENT', ...roster } }),
    );
  }

  async getRoster(): Promise<Roster | undefined> {
    const res = await this.doc.send(
      new GetCommand({ TableName: this.tables.directory, Key: { pk: 'ROSTER', sk: 'CURRENT' } }),
    );
    return strip<Roster>(res.Item);
  }

  async listHolidays(): Promise<Holiday[]> {
    return (await this.queryAll(this.tables.directory, 'HOLIDAY')).map((i) => ({
      date: String(i.sk),
      name: String(i.name),
    }));
  }

  async getHoliday(date: string): Promise<Holiday | null> {
    const res = await this.doc.send(
      new GetCommand({ TableName: this.tables.directory, Key: { pk: 'HOLIDAY', sk: date } }),
    );
    return res.Item ? { date, name: String(res.Item.name) } : null;
  }

  /** Makes the stored holidays exactly `holidays`: new ones written, removed ones deleted. */
  async replaceHolidays(holidays: Holiday[]): Promise<void> {
    const keep = new Set(holidays.map((h) => h.date));
    for (const old of await this.listHolidays())
      if (!keep.has(old.date))
        await this.doc.send(
          new DeleteCommand({ TableName: this.tables.directory, Key: { pk: 'HOLIDAY', sk: old.date } }),
        );
    for (const h of holidays)
      await this.doc.send(
        new PutCommand({
          TableName: this.tables.directory,
          Item: { pk: 'HOLIDAY', sk: h.date, name: h.name },
        }),
      );
  }

  /** FAQ entries and the assistant's settings, in one Query. */
  async getFaq(): Promise<{ settings: AssistantSettings | undefined; entries: FaqEntry[] }> {
    const items = await this.queryAll(this.tables.directory, 'FAQ');
    const settings = strip<AssistantSettings>(items.find((i) => i.sk === '#settings'));
    const entries = items
      .filter((i) => i.sk !== '#settings')
      .map((i) => ({
        id: String(i.sk),
        question: String(i.question),
        answer: String(i.answer),
        alternates: (i.alternates as string[] | undefined) ?? [],
      }));
    return { settings, entries };
  }

  async replaceFaq(settings: AssistantSettings, entries: FaqEntry[]): Promise<void> {
    const keep = new Set(entries.map((e) => e.id));
    for (const old of await this.queryAll(this.tables.directory, 'FAQ'))
      if (old.sk !== '#settings' && !keep.has(String(old.sk)))
        await this.doc.send(
          new DeleteCommand({ TableName: this.tables.directory, Key: { pk: 'FAQ', sk: old.sk } }),
        );
    await this.doc.send(
      new PutCommand({ TableName: this.tables.directory, Item: { pk: 'FAQ', sk: '#settings', ...settings } }),
    );
    for (const e of entries)
      await this.doc.send(
        new PutCommand({
          TableName: this.tables.directory,
          Item: {
            pk: 'FAQ',
            sk: e.id,
            question: e.question,
            answer: e.answer,
            alternates: e.alternates ?? [],
          },
        }),
      );
  }

  private async queryAll(table: string, pk: string): Promise<Record<string, unknown>[]> {
    const out: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const res = await this.doc.send(
        new QueryCommand({
          TableName: table,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': pk },
          ExclusiveStartKey: start,
        }),
      );
      out.push(...((res.Items ?? []) as Record<string, unknown>[]));
      start = res.LastEvaluatedKey;
    } while (start);
    return out;
  }
}

export interface RouteSnapshot {
  roster: Roster | undefined;
  holidays: Holiday[];
  profile: CallerProfile | undefined;
  /** The console's overrides (close the line, on-call swaps): see overrides.ts. */
  overrides: Override[];
}

/**
 * Everything `route` needs in one BatchGetItem across both tables: the roster, the holidays of the
 * given dates and the caller's profile. Unprocessed keys (throttling) are retried once.
 */
export async function loadRouteSnapshot(
  doc: DynamoDBDocumentClient,
  tables: TableNames,
  dates: string[],
  phone: string | undefined,
): Promise<RouteSnapshot> {
  let request: Record<string, { Keys: Record<string, unknown>[] }> = {
    [tables.directory]: {
      Keys: [
        { pk: 'ROSTER', sk: 'CURRENT' },
        { ...OVERRIDES_KEY },
        ...dates.map((d) => ({ pk: 'HOLIDAY', sk: d })),
      ],
    },
    ...(phone ? { [tables.records]: { Keys: [{ pk: `CALLER#${phone}`, sk: 'PROFILE' }] } } : {}),
  };
  const items: Record<string, unknown>[] = [];
  for (let attempt = 0; attempt < 2 && Object.keys(request).length > 0; attempt++) {
    const res = await doc.send(new BatchGetCommand({ RequestItems: request }));
    for (const list of Object.values(res.Responses ?? {})) items.push(...(list as Record<string, unknown>[]));
    request = (res.UnprocessedKeys ?? {}) as typeof request;
  }
  const find = (pk: string) => items.find((i) => i.pk === pk);
  const profileItem = phone ? find(`CALLER#${phone}`) : undefined;
  return {
    roster: strip<Roster>(find('ROSTER')),
    holidays: items
      .filter((i) => i.pk === 'HOLIDAY')
      .map((i) => ({ date: String(i.sk), name: String(i.name) })),
    profile: profileItem ? toProfile(profileItem) : undefined,
    overrides: decodeOverrides(find(OVERRIDES_KEY.pk)).overrides,
  };
}

function toProfile(item: Record<string, unknown>): CallerProfile {
  const ids = item.openTicketIds;
  return {
    phone: String(item.pk).replace(/^CALLER#/, ''),
    ...(item.name ? { name: String(item.name) } : {}),
    openTicketIds:
      ids instanceof Set ? [...ids].map(String).sort() : Array.isArray(ids) ? ids.map(String) : [],
    ...(item.lastCategory ? { lastCategory: String(item.lastCategory) } : {}),
    ...(item.lastContactAt ? { lastContactAt: String(item.lastContactAt) } : {}),
  };
}

/** Caller profiles: name, open tickets (a string set, so adding twice is harmless), last category. */
export class CallerProfileRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tables: TableNames,
  ) {}

  async get(phone: string): Promise<CallerProfile | undefined> {
    const res = await this.doc.send(
      new GetCommand({ TableName: this.tables.records, Key: { pk: `CALLER#${phone}`, sk: 'PROFILE' } }),
    );
    return res.Item ? toProfile(res.Item) : undefined;
  }

  async setName(phone: string, name: string): Promise<void> {
    await this.doc.send(
      new UpdateCommand({
        TableName: this.tables.records,
        Key: { pk: `CALLER#${phone}`, sk: 'PROFILE' },
        UpdateExpression: 'SET #n = :n',
        ExpressionAttributeNames: { '#n': 'name' },
        ExpressionAttributeValues: { ':n': name },
      }),
    );
  }

  async noteTicket(phone: string, ticketId: string, category: string, at: string): Promise<void> {
    await this.doc.send(
      new UpdateCommand({
        TableName: this.tables.records,
        Key: { pk: `CALLER#${phone}`, sk: 'PROFILE' },
        UpdateExpression: 'ADD openTicketIds :t SET lastCategory = :c, lastContactAt = :at',
        ExpressionAttributeValues: { ':t': new Set([ticketId]), ':c': category, ':at': at },
      }),
    );
  }

  async closeTicket(phone: string, ticketId: string): Promise<void> {
    await this.doc.send(
      new UpdateCommand({
        TableName: this.tables.records,
        Key: { pk: `CALLER#${phone}`, sk: 'PROFILE' },
        UpdateExpression: 'DELETE openTicketIds :t',
        ExpressionAttributeValues: { ':t': new Set([ticketId]) },
      }),
    );
  }
}

export type NewTicket = Omit<Ticket, 'id'>;

/** Tickets, with idempotent creation per ContactId and optimistic, history-keeping updates. */
export class TicketRepository {
  private readonly profiles: CallerProfileRepository;

  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tables: TableNames,
  ) {
    this.profiles = new CallerProfileRepository(doc, tables);
  }

  private toItem(t: Ticket): Record<string, unknown> {
    return {
      pk: `TICKET#${t.id}`,
      sk: 'TICKET',
      ...t,
      ...(t.callerPhone ? { callerPk: `CALLER#${t.callerPhone}` } : {}),
      ...(isOpen(t.status) ? { openPk: 'OPEN' } : {}),
      shiftKey: t.shift,
    };
  }

  private fromItem(item: Record<string, unknown> | undefined): Ticket | undefined {
    return strip<Ticket>(item, 'callerPk', 'openPk', 'shiftKey');
  }

  /** Creates the contact's ticket, or returns the one created before for the same ContactId. */
  async create(input: NewTicket): Promise<{ ticket: Ticket; created: boolean }> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const ticket: Ticket = { id: ticketIdFor(input.contactId, attempt), ...input };
      try {
        await this.doc.send(
          new PutCommand({
            TableName: this.tables.records,
            Item: this.toItem(ticket),
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
      } catch (err) {
        if (!isConditionFailure(err)) throw err;
        const existing = await this.get(ticket.id);
        if (existing?.contactId === input.contactId) {
          await this.afterCreate(existing);
          return { ticket: existing, created: false };
        }
        continue; // another contact's ticket has this id: try the next one
      }
      await this.afterCreate(ticket);
      return { ticket, created: true };
    }
    throw new Error(`could not allocate a ticket id for contact ${input.contactId}`);
  }

  /** Pointer and profile writes are idempotent, so a retry after a crash completes them. */
  private async afterCreate(t: Ticket): Promise<void> {
    await Promise.all([
      this.doc.send(
        new PutCommand({
          TableName: this.tables.records,
          Item: { pk: `CONTACT#${t.contactId}`, sk: 'TICKET', ticketId: t.id },
        }),
      ),
      t.callerPhone && isOpen(t.status)
        ? this.profiles.noteTicket(t.callerPhone, t.id, t.category, t.createdAt)
        : Promise.resolve(),
    ]);
  }

  async get(id: string): Promise<Ticket | undefined> {
    const res = await this.doc.send(
      new GetCommand({ TableName: this.tables.records, Key: { pk: `TICKET#${id}`, sk: 'TICKET' } }),
    );
    return this.fromItem(res.Item);
  }

  async findByContact(contactId: string): Promise<Ticket | undefined> {
    const res = await this.doc.send(
      new GetCommand({ TableName: this.tables.records, Key: { pk: `CONTACT#${contactId}`, sk: 'TICKET' } }),
    );
    return res.Item ? this.get(String(res.Item.ticketId)) : undefined;
  }

  /** Writes a changed ticket only if nobody else changed it since it was read. */
  async save(before: Ticket, after: Ticket): Promise<Ticket> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tables.records,
          Item: this.toItem(after),
          ConditionExpression: 'updatedAt = :prev',
          ExpressionAttributeValues: { ':prev': before.updatedAt },
        }),
      );
    } catch (err) {
      if (isConditionFailure(err)) throw new ConcurrentUpdateError(before.id);
      throw err;
    }
    if (after.callerPhone && isOpen(before.status) && !isOpen(after.status))
      await this.profiles.closeTicket(after.callerPhone, after.id);
    if (after.callerPhone && !isOpen(before.status) && isOpen(after.status))
      await this.profiles.noteTicket(after.callerPhone, after.id, after.category, after.updatedAt);
    return after;
  }

  async updateStatus(id: string, to: TicketStatus, by: string, at: Date, note?: string): Promise<Ticket> {
    const before = await this.get(id);
    if (!before) throw new TicketNotFoundError(id);
    return this.save(before, applyStatus(before, to, by, at, note));
  }

  async listOpen(limit = 200): Promise<Ticket[]> {
    const res = await this.doc.send(
      new QueryCommand({
        TableName: this.tables.records,
        IndexName: 'openByDue',
        KeyConditionExpression: 'openPk = :o',
        ExpressionAttributeValues: { ':o': 'OPEN' },
        Limit: limit,
      }),
    );
    return (res.Items ?? []).map((i) => this.fromItem(i)!);
  }

  async listByCaller(phone: string): Promise<Ticket[]> {
    const res = await this.doc.send(
      new QueryCommand({
        TableName: this.tables.records,
        IndexName: 'byCaller',
        KeyConditionExpression: 'callerPk = :c',
        ExpressionAttributeValues: { ':c': `CALLER#${phone}` },
        ScanIndexForward: false,
      }),
    );
    return (res.Items ?? []).map((i) => this.fromItem(i)!);
  }

  async listByShift(shiftKey: string): Promise<Ticket[]> {
    const res = await this.doc.send(
      new QueryCommand({
        TableName: this.tables.records,
        IndexName: 'byShift',
        KeyConditionExpression: 'shiftKey = :s',
        ExpressionAttributeValues: { ':s': shiftKey },
      }),
    );
    return (res.Items ?? []).map((i) => this.fromItem(i)!);
  }
}

export interface SurveyRecord {
  contactId: string;
  score: number;
  at: string;
  ticketId?: string;
}

export class SurveyRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tables: TableNames,
  ) {}

  async put(s: SurveyRecord): Promise<void> {
    await this.doc.send(
      new PutCommand({
        TableName: this.tables.records,
        Item: { pk: `CONTACT#${s.contactId}`, sk: 'SURVEY', ...s },
      }),
    );
  }

  async get(contactId: string): Promise<SurveyRecord | undefined> {
    const res = await this.doc.send(
      new GetCommand({ TableName: this.tables.records, Key: { pk: `CONTACT#${contactId}`, sk: 'SURVEY' } }),
    );
    return strip<SurveyRecord>(res.Item);
  }
}

/** Transcripts of contacts that have no ticket are kept under the contact. */
export class TranscriptRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tables: TableNames,
  ) {}

  async put(contactId: string, transcript: string, recordingKey: string, at: string): Promise<void> {
    await this.doc.send(
      new PutCommand({
        TableName: this.tables.records,
        Item: { pk: `CONTACT#${contactId}`, sk: 'TRANSCRIPT', transcript, recordingKey, at },
      }),
    );
  }

  async get(contactId: string): Promise<{ transcript: string; recordingKey: string } | undefined> {
    const res = await this.doc.send(
      new GetCommand({
        TableName: this.tables.records,
        Key: { pk: `CONTACT#${contactId}`, sk: 'TRANSCRIPT' },
      }),
    );
    return res.Item
      ? { transcript: String(res.Item.transcript), recordingKey: String(res.Item.recordingKey) }
      : undefined;
  }
}
