import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import type { DocClient } from './doc-client.ts';
import type { FaqEntry } from './faq.ts';
import {
  type AssistantSettings,
  assistantSettingsItem,
  type CallerProfile,
  contactTicketItem,
  decodeItem,
  faqEntryItem,
  holidayItem,
  profileItem,
  rosterItem,
  type SurveyRecord,
  surveyItem,
  type TranscriptRecord,
  ticketItem,
  transcriptItem,
} from './items.ts';
import { decodeOverrides, OVERRIDES_KEY, type Override } from './overrides.ts';
import { type Backoff, backoff, backoffDelay } from './retry.ts';
import type { Holiday, Roster } from './roster.ts';
import { applyStatus, hasEvent, isOpen, type Ticket, type TicketStatus, ticketIdFor } from './tickets.ts';

export type { AssistantSettings, CallerProfile, SurveyRecord, TranscriptRecord } from './items.ts';
export { CorruptItemError } from './items.ts';

export interface TableNames {
  directory: string;
  records: string;
}

type Item = Record<string, unknown>;

export class TicketNotFoundError extends Error {
  constructor(readonly ticketId: string) {
    super(`no ticket ${ticketId}`);
    this.name = 'TicketNotFoundError';
  }
}

/**
 * A ticket write named a version that is no longer the stored one: someone else saved the ticket
 * after it was read. Read it again, re-apply the change, and write again (`TicketRepository.mutate`
 * does this), or report the conflict to whoever asked for the change.
 */
export class StaleTicketError extends Error {
  constructor(
    readonly ticketId: string,
    /** The version the write expected to replace. */
    readonly expectedVersion: number,
    /** How many times the change was tried (1 for a single `save`). */
    readonly attempts = 1,
  ) {
    super(
      attempts > 1
        ? `ticket ${ticketId} kept changing while it was being updated (${attempts} attempts); try again`
        : `ticket ${ticketId} changed since version ${expectedVersion} was read; read it again and retry`,
    );
    this.name = 'StaleTicketError';
  }
}

/** No free ticket id for a contact after the allowed attempts (collisions of the short id). */
export class TicketIdExhaustedError extends Error {
  constructor(readonly contactId: string) {
    super(`could not allocate a ticket id for contact ${contactId}`);
    this.name = 'TicketIdExhaustedError';
  }
}

/**
 * BatchGetItem still left keys unprocessed (throttling) after every retry. Never dropped silently: a
 * missing holiday key would open the line on a holiday. The route flow's Error branch still reaches
 * a person.
 */
export class UnprocessedKeysError extends Error {
  constructor(
    /** The keys left, by table name. */
    readonly keys: Record<string, Item[]>,
    readonly attempts: number,
  ) {
    const list = Object.entries(keys).flatMap(([table, ks]) =>
      ks.map((k) => `${table} ${String(k.pk)}/${String(k.sk)}`),
    );
    super(
      `BatchGetItem left ${list.length} key(s) unprocessed after ${attempts} attempts: ${list.join(', ')}`,
    );
    this.name = 'UnprocessedKeysError';
  }
}

/** A page request with a cursor this list did not hand out, or a limit out of range. */
export class InvalidPageRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidPageRequestError';
  }
}

const isConditionFailure = (err: unknown) =>
  err instanceof ConditionalCheckFailedException ||
  (err as { name?: string } | null)?.name === 'ConditionalCheckFailedException';

// --- paging ---------------------------------------------------------------------------------------

/** One page of a list. `cursor` is absent on the last page; pass it back to read the next one. */
export interface Page<T> {
  items: T[];
  cursor?: string;
}

export interface PageRequest {
  /** Items per page, 1-1000 (default 50). A page may hold fewer (DynamoDB stops at 1 MB). */
  limit?: number;
  /** The `cursor` of the previous page; none for the first page. */
  cursor?: string;
}

const cursorShape = z.object({ q: z.string(), k: z.record(z.string(), z.string()) });

/** An opaque cursor: the list it belongs to and DynamoDB's LastEvaluatedKey, base64url JSON. */
function encodeCursor(list: string, key: Item | undefined): string | undefined {
  return key ? Buffer.from(JSON.stringify({ q: list, k: key })).toString('base64url') : undefined;
}

function decodeCursor(list: string, cursor: string | undefined): Item | undefined {
  if (cursor === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const c = z.safeParse(cursorShape, parsed);
  if (!c.success || c.data.q !== list)
    throw new InvalidPageRequestError(`the cursor does not belong to the list "${list}"`);
  return c.data.k;
}

function pageLimit(limit: number | undefined): number {
  const n = limit ?? 50;
  if (!Number.isInteger(n) || n < 1 || n > 1000)
    throw new InvalidPageRequestError(`limit must be a whole number from 1 to 1000, got ${limit}`);
  return n;
}

/** Every item of a Query, following LastEvaluatedKey until the last page. */
async function queryAll(doc: DocClient, input: QueryCommandInput): Promise<Item[]> {
  const out: Item[] = [];
  let start: Item | undefined;
  do {
    const res = await doc.send(new QueryCommand({ ...input, ExclusiveStartKey: start }));
    out.push(...((res.Items ?? []) as Item[]));
    start = res.LastEvaluatedKey;
  } while (start);
  return out;
}

/** One page of a Query, for a caller that pages with a cursor. */
async function queryPage(
  doc: DocClient,
  list: string,
  input: QueryCommandInput,
  req: PageRequest,
): Promise<{ items: Item[]; cursor?: string }> {
  const res = await doc.send(
    new QueryCommand({
      ...input,
      Limit: pageLimit(req.limit),
      ExclusiveStartKey: decodeCursor(list, req.cursor),
    }),
  );
  const cursor = encodeCursor(list, res.LastEvaluatedKey);
  return { items: (res.Items ?? []) as Item[], ...(cursor ? { cursor } : {}) };
}

// --- directory ------------------------------------------------------------------------------------

/** Roster, holidays and FAQ: seeded from switchboard.yaml, read on the call path. */
export class DirectoryRepository {
  constructor(
    private readonly doc: DocClient,
    private readonly tables: TableNames,
  ) {}

  async putRoster(roster: Roster): Promise<void> {
    await this.doc.send(
      new PutCommand({ TableName: this.tables.directory, Item: { pk: 'ROSTER', sk: 'CURRENT', ...roster } }),
    );
  }

  /** @throws CorruptItemError */
  async getRoster(): Promise<Roster | undefined> {
    const res = await this.doc.send(
      new GetCommand({ TableName: this.tables.directory, Key: { pk: 'ROSTER', sk: 'CURRENT' } }),
    );
    return res.Item ? decodeItem(rosterItem, this.tables.directory, res.Item) : undefined;
  }

  /** The console's overrides (closures, on-call swaps); entries that do not decode are skipped. */
  async getOverrides(): Promise<Override[]> {
    const res = await this.doc.send(
      new GetCommand({ TableName: this.tables.directory, Key: { ...OVERRIDES_KEY } }),
    );
    return decodeOverrides(res.Item).overrides;
  }

  /** Every stored holiday, by date. @throws CorruptItemError */
  async listHolidays(): Promise<Holiday[]> {
    return (await this.query('HOLIDAY')).map((i) => decodeItem(holidayItem, this.tables.directory, i));
  }

  /** @throws CorruptItemError */
  async getHoliday(date: string): Promise<Holiday | null> {
    const res = await this.doc.send(
      new GetCommand({ TableName: this.tables.directory, Key: { pk: 'HOLIDAY', sk: date } }),
    );
    return res.Item ? decodeItem(holidayItem, this.tables.directory, res.Item) : null;
  }

  /** Makes the stored holidays exactly `holidays`: new ones written, removed ones deleted. */
  async replaceHolidays(holidays: Holiday[]): Promise<void> {
    const keep = new Set(holidays.map((h) => h.date));
    for (const old of await this.query('HOLIDAY'))
      if (!keep.has(String(old.sk)))
        await this.doc.send(
          new DeleteCommand({ TableName: this.tables.directory, Key: { pk: 'HOLIDAY', sk: old.sk } }),
        );
    for (const h of holidays)
      await this.doc.send(
        new PutCommand({
          TableName: this.tables.directory,
          Item: { pk: 'HOLIDAY', sk: h.date, name: h.name },
        }),
      );
  }

  /** FAQ entries and the assistant's settings, in one Query (paged). @throws CorruptItemError */
  async getFaq(): Promise<{ settings: AssistantSettings | undefined; entries: FaqEntry[] }> {
    const items = await this.query('FAQ');
    const settingsItem = items.find((i) => i.sk === '#settings');
    return {
      settings: settingsItem
        ? decodeItem(assistantSettingsItem, this.tables.directory, settingsItem)
        : undefined,
      entries: items
        .filter((i) => i.sk !== '#settings')
        .map((i) => decodeItem(faqEntryItem, this.tables.directory, i)),
    };
  }

  async replaceFaq(settings: AssistantSettings, entries: FaqEntry[]): Promise<void> {
    const keep = new Set(entries.map((e) => e.id));
    for (const old of await this.query('FAQ'))
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

  private query(pk: string): Promise<Item[]> {
    return queryAll(this.doc, {
      TableName: this.tables.directory,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': pk },
    });
  }
}

// --- the route snapshot ---------------------------------------------------------------------------

export interface RouteSnapshot {
  roster: Roster | undefined;
  holidays: Holiday[];
  profile: CallerProfile | undefined;
  /** The console's overrides (close the line, on-call swaps): see overrides.ts. */
  overrides: Override[];
  /** The assistant's settings item (`FAQ` / `#settings`), as stored, when `faqSettings` was asked for. */
  faqSettings?: Item;
}

/** BatchGetItem retries on the call path: at most ~0.3 s of waiting before the flow's Error branch. */
export const BATCH_GET_BACKOFF = { maxAttempts: 5, baseMs: 20, capMs: 160 } as const;

export interface SnapshotOptions {
  /** Overrides of `BATCH_GET_BACKOFF`; tests pass `sleep` so they do not wait. */
  backoff?: Partial<Backoff>;
  /** Also read the assistant's settings item in the same request (the ticket function's urgent words). */
  faqSettings?: boolean;
}

/**
 * Everything `route` needs in one BatchGetItem across both tables: the roster, the holidays of the
 * given dates (YYYY-MM-DD) and the caller's profile (E.164); with `faqSettings`, the assistant's settings
 * too (the ticket function's urgent words: one request per ticket instead of two). Unprocessed keys (throttling) are
 * retried with exponential backoff and full jitter, `BATCH_GET_BACKOFF.maxAttempts` requests in all.
 * @throws UnprocessedKeysError when keys are still unprocessed after the last attempt
 * @throws CorruptItemError when an item does not decode
 */
export async function loadRouteSnapshot(
  doc: DocClient,
  tables: TableNames,
  dates: string[],
  phone: string | undefined,
  options: SnapshotOptions = {},
): Promise<RouteSnapshot> {
  const b = backoff(options.backoff, BATCH_GET_BACKOFF);
  let request: Record<string, { Keys: Item[] }> = {
    [tables.directory]: {
      Keys: [
        { pk: 'ROSTER', sk: 'CURRENT' },
        { ...OVERRIDES_KEY },
        ...dates.map((d) => ({ pk: 'HOLIDAY', sk: d })),
        ...(options.faqSettings ? [{ pk: 'FAQ', sk: '#settings' }] : []),
      ],
    },
    ...(phone ? { [tables.records]: { Keys: [{ pk: `CALLER#${phone}`, sk: 'PROFILE' }] } } : {}),
  };
  const directory: Item[] = [];
  const records: Item[] = [];
  for (let attempt = 1; ; attempt++) {
    const res = await doc.send(new BatchGetCommand({ RequestItems: request }));
    directory.push(...((res.Responses?.[tables.directory] ?? []) as Item[]));
    records.push(...((res.Responses?.[tables.records] ?? []) as Item[]));
    request = {};
    for (const [table, left] of Object.entries(res.UnprocessedKeys ?? {}))
      if (left.Keys?.length) request[table] = { Keys: left.Keys as Item[] };
    if (Object.keys(request).length === 0) break;
    if (attempt >= b.maxAttempts)
      throw new UnprocessedKeysError(
        Object.fromEntries(Object.entries(request).map(([t, r]) => [t, r.Keys])),
        attempt,
      );
    await b.sleep(backoffDelay(attempt, b));
  }
  const rosterRaw = directory.find((i) => i.pk === 'ROSTER');
  const profileRaw = records.find((i) => i.pk === `CALLER#${phone}`);
  return {
    roster: rosterRaw ? decodeItem(rosterItem, tables.directory, rosterRaw) : undefined,
    holidays: directory
      .filter((i) => i.pk === 'HOLIDAY')
      .map((i) => decodeItem(holidayItem, tables.directory, i))
      .sort((a, c) => a.date.localeCompare(c.date)),
    profile: profileRaw ? decodeItem(profileItem, tables.records, profileRaw) : undefined,
    overrides: decodeOverrides(directory.find((i) => i.pk === OVERRIDES_KEY.pk && i.sk === OVERRIDES_KEY.sk))
      .overrides,
    ...(options.faqSettings
      ? { faqSettings: directory.find((i) => i.pk === 'FAQ' && i.sk === '#settings') ?? {} }
      : {}),
  };
}

// --- caller profiles ------------------------------------------------------------------------------

/** Caller profiles: name, open tickets (a string set, so adding twice is harmless), last category. */
export class CallerProfileRepository {
  constructor(
    private readonly doc: DocClient,
    private readonly tables: TableNames,
  ) {}

  /** The profile of an E.164 number. @throws CorruptItemError */
  async get(phone: string): Promise<CallerProfile | undefined> {
    const res = await this.doc.send(
      new GetCommand({ TableName: this.tables.records, Key: { pk: `CALLER#${phone}`, sk: 'PROFILE' } }),
    );
    return res.Item ? decodeItem(profileItem, this.tables.records, res.Item) : undefined;
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

  /** Idempotent: the open tickets are a string set. */
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

// --- tickets --------------------------------------------------------------------------------------

/** A ticket before it is stored: the repository gives it its id and version 1. */
export type NewTicket = Omit<Ticket, 'id' | 'version'>;

/** A change to re-apply on the latest ticket; `undefined` when there is nothing to write. */
export type TicketChange = (current: Ticket) => Ticket | undefined;

export interface StatusChange {
  status: TicketStatus;
  by: string;
  at: Date;
  note?: string;
  /** Event key of a retried Lambda's request: a ticket that already records it is returned as it is. */
  event?: string;
  /**
   * The version the requester saw (a console form). Given: one conditional write, a
   * `StaleTicketError` when the ticket changed since. Omitted: re-read and re-apply on conflict.
   */
  expectedVersion?: number;
}

/**
 * Re-reading after a conflict: a writer fails only when another writer succeeded after its read, so
 * `maxAttempts` concurrent writers that all re-apply always land. The jitter keeps them from
 * retrying in step (fewer wasted round trips); the waits stay far below Connect's 8 s Lambda limit.
 */
export const TICKET_RETRY_BACKOFF = { maxAttempts: 25, baseMs: 5, capMs: 80 } as const;

export interface TicketRepositoryOptions {
  /** Overrides of `TICKET_RETRY_BACKOFF`; tests pass `sleep`. */
  backoff?: Partial<Backoff>;
}

/** What the use cases need of a ticket store; `TicketRepository` is the DynamoDB one. */
export interface TicketStore {
  create(input: NewTicket): Promise<{ ticket: Ticket; created: boolean }>;
  get(id: string): Promise<Ticket | undefined>;
  findByContact(contactId: string): Promise<Ticket | undefined>;
  save(before: Ticket, after: Ticket): Promise<Ticket>;
  mutate(id: string, change: TicketChange, read?: Ticket): Promise<{ ticket: Ticket; changed: boolean }>;
  updateStatus(id: string, change: StatusChange): Promise<Ticket>;
  listOpen(): Promise<Ticket[]>;
  openPage(req?: PageRequest): Promise<Page<Ticket>>;
  listByCaller(phone: string): Promise<Ticket[]>;
  callerPage(phone: string, req?: PageRequest): Promise<Page<Ticket>>;
  listCreatedBetween(from: Date, to: Date): Promise<Ticket[]>;
}

/**
 * Tickets: idempotent creation per ContactId, optimistic locking on a numeric `version`, and two
 * indexes, each with a production reader: `openByDue` (open tickets, oldest promise first: handover,
 * the console's work list) and `byCaller` (a caller's tickets, newest first: the console).
 */
export class TicketRepository implements TicketStore {
  private readonly profiles: CallerProfileRepository;
  private readonly retry: Backoff;

  constructor(
    private readonly doc: DocClient,
    private readonly tables: TableNames,
    options: TicketRepositoryOptions = {},
  ) {
    this.profiles = new CallerProfileRepository(doc, tables);
    this.retry = backoff(options.backoff, TICKET_RETRY_BACKOFF);
  }

  private toItem(t: Ticket): Item {
    return {
      pk: `TICKET#${t.id}`,
      sk: 'TICKET',
      ...t,
      // Index keys: `byCaller` for every ticket with a number, `openByDue` (sparse) while open.
      ...(t.callerPhone ? { callerPk: `CALLER#${t.callerPhone}` } : {}),
      ...(isOpen(t.status) ? { openPk: 'OPEN' } : {}),
      // `ticketsByMonth`: the tickets created in a period (reports).
      createdMonth: `TICKETS#${t.createdAt.slice(0, 7)}`,
    };
  }

  private decode(item: Item): Ticket {
    return decodeItem(ticketItem, this.tables.records, item);
  }

  /**
   * Creates the contact's ticket (version 1), or returns the one created before for the same
   * ContactId. @throws TicketIdExhaustedError
   */
  async create(input: NewTicket): Promise<{ ticket: Ticket; created: boolean }> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const ticket: Ticket = { id: ticketIdFor(input.contactId, attempt), ...input, version: 1 };
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
    throw new TicketIdExhaustedError(input.contactId);
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

  /** @throws CorruptItemError */
  async get(id: string): Promise<Ticket | undefined> {
    const res = await this.doc.send(
      new GetCommand({ TableName: this.tables.records, Key: { pk: `TICKET#${id}`, sk: 'TICKET' } }),
    );
    return res.Item ? this.decode(res.Item) : undefined;
  }

  /** The ticket a Connect contact created, if any. @throws CorruptItemError */
  async findByContact(contactId: string): Promise<Ticket | undefined> {
    const res = await this.doc.send(
      new GetCommand({ TableName: this.tables.records, Key: { pk: `CONTACT#${contactId}`, sk: 'TICKET' } }),
    );
    if (!res.Item) return undefined;
    return this.get(decodeItem(contactTicketItem, this.tables.records, res.Item).ticketId);
  }

  /**
   * Writes `after` as version `before.version + 1`, only if the stored ticket is still at
   * `before.version` (a ticket written before versions existed counts as 0). Keeps the caller
   * profile's open tickets in step. Returns the ticket as stored.
   * @throws StaleTicketError when someone else saved the ticket since `before` was read
   */
  async save(before: Ticket, after: Ticket): Promise<Ticket> {
    const saved: Ticket = { ...after, id: before.id, version: before.version + 1 };
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tables.records,
          Item: this.toItem(saved),
          ConditionExpression:
            before.version === 0
              ? 'attribute_exists(pk) AND (attribute_not_exists(#v) OR #v = :prev)'
              : '#v = :prev',
          ExpressionAttributeNames: { '#v': 'version' },
          ExpressionAttributeValues: { ':prev': before.version },
        }),
      );
    } catch (err) {
      if (isConditionFailure(err)) throw new StaleTicketError(before.id, before.version);
      throw err;
    }
    if (saved.callerPhone && isOpen(before.status) && !isOpen(saved.status))
      await this.profiles.closeTicket(saved.callerPhone, saved.id);
    if (saved.callerPhone && !isOpen(before.status) && isOpen(saved.status))
      await this.profiles.noteTicket(saved.callerPhone, saved.id, saved.category, saved.updatedAt);
    return saved;
  }

  /**
   * Reads the ticket, applies `change` and saves it; on a conflict reads it again and re-applies,
   * up to `TICKET_RETRY_BACKOFF.maxAttempts` times with jittered backoff. `change` must be pure (it
   * may run several times) and returns `undefined` when there is nothing to write (e.g. the event is
   * already recorded). Errors thrown by `change` (InvalidTransitionError, ...) pass through.
   * `read`: the ticket as the caller just read it, to save the first read.
   * @throws TicketNotFoundError, StaleTicketError (after the last attempt)
   */
  async mutate(
    id: string,
    change: TicketChange,
    read?: Ticket,
  ): Promise<{ ticket: Ticket; changed: boolean }> {
    let known = read?.id === id ? read : undefined;
    for (let attempt = 1; ; attempt++) {
      const current = known ?? (await this.get(id));
      known = undefined;
      if (!current) throw new TicketNotFoundError(id);
      const next = change(current);
      if (!next) return { ticket: current, changed: false };
      try {
        return { ticket: await this.save(current, next), changed: true };
      } catch (err) {
        if (!(err instanceof StaleTicketError)) throw err;
        if (attempt >= this.retry.maxAttempts) throw new StaleTicketError(id, current.version, attempt);
      }
      await this.retry.sleep(backoffDelay(attempt, this.retry));
    }
  }

  /**
   * Changes a ticket's status (rules in `applyStatus`). See `StatusChange` for retries and conflicts.
   * @throws TicketNotFoundError, StaleTicketError, InvalidTransitionError, OwnershipError
   */
  async updateStatus(id: string, change: StatusChange): Promise<Ticket> {
    const apply: TicketChange = (t) =>
      change.event && hasEvent(t, change.event)
        ? undefined
        : applyStatus(t, change.status, change.by, change.at, change.note, change.event);
    if (change.expectedVersion === undefined) return (await this.mutate(id, apply)).ticket;
    const before = await this.get(id);
    if (!before) throw new TicketNotFoundError(id);
    if (before.version !== change.expectedVersion) throw new StaleTicketError(id, change.expectedVersion);
    const after = apply(before);
    return after ? this.save(before, after) : before;
  }

  private openQuery(): QueryCommandInput {
    return {
      TableName: this.tables.records,
      IndexName: 'openByDue',
      KeyConditionExpression: 'openPk = :o',
      ExpressionAttributeValues: { ':o': 'OPEN' },
    };
  }

  private callerQuery(phone: string): QueryCommandInput {
    return {
      TableName: this.tables.records,
      IndexName: 'byCaller',
      KeyConditionExpression: 'callerPk = :c',
      ExpressionAttributeValues: { ':c': `CALLER#${phone}` },
      ScanIndexForward: false,
    };
  }

  /**
   * Every ticket created in [from, to) (UTC instants), oldest first: one range query per UTC month of
   * the `ticketsByMonth` index, all pages.
   */
  async listCreatedBetween(from: Date, to: Date): Promise<Ticket[]> {
    const out: Ticket[] = [];
    if (to <= from) return out;
    const month = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), 1));
    while (month < to) {
      const items = await queryAll(this.doc, {
        TableName: this.tables.records,
        IndexName: 'ticketsByMonth',
        KeyConditionExpression: 'createdMonth = :m AND createdAt BETWEEN :a AND :b',
        ExpressionAttributeValues: {
          ':m': `TICKETS#${month.toISOString().slice(0, 7)}`,
          ':a': from.toISOString(),
          ':b': new Date(to.getTime() - 1).toISOString(),
        },
      });
      out.push(...items.map((i) => this.decode(i)));
      month.setUTCMonth(month.getUTCMonth() + 1);
    }
    return out;
  }

  /** Every open ticket (open or in progress), the earliest promised callback first; all pages. */
  async listOpen(): Promise<Ticket[]> {
    return (await queryAll(this.doc, this.openQuery())).map((i) => this.decode(i));
  }

  /** One page of open tickets, the earliest promised callback first. @throws InvalidPageRequestError */
  async openPage(req: PageRequest = {}): Promise<Page<Ticket>> {
    const page = await queryPage(this.doc, 'open', this.openQuery(), req);
    return { ...page, items: page.items.map((i) => this.decode(i)) };
  }

  /** Every ticket of a caller (E.164), newest first; all pages. */
  async listByCaller(phone: string): Promise<Ticket[]> {
    return (await queryAll(this.doc, this.callerQuery(phone))).map((i) => this.decode(i));
  }

  /** One page of a caller's tickets, newest first. @throws InvalidPageRequestError */
  async callerPage(phone: string, req: PageRequest = {}): Promise<Page<Ticket>> {
    const page = await queryPage(this.doc, `caller:${phone}`, this.callerQuery(phone), req);
    return { ...page, items: page.items.map((i) => this.decode(i)) };
  }
}

// --- surveys and transcripts ----------------------------------------------------------------------

/** CSAT scores, one per contact: the first score stored wins, so a retried survey Lambda is harmless. */
export class SurveyRepository {
  constructor(
    private readonly doc: DocClient,
    private readonly tables: TableNames,
  ) {}

  /** Stores the contact's score unless it has one; returns the stored record. */
  async put(s: SurveyRecord): Promise<{ survey: SurveyRecord; created: boolean }> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tables.records,
          Item: { pk: `CONTACT#${s.contactId}`, sk: 'SURVEY', ...s },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return { survey: s, created: true };
    } catch (err) {
      if (!isConditionFailure(err)) throw err;
      const existing = await this.get(s.contactId);
      if (!existing) throw err;
      return { survey: existing, created: false };
    }
  }

  /** @throws CorruptItemError */
  async get(contactId: string): Promise<SurveyRecord | undefined> {
    const res = await this.doc.send(
      new GetCommand({ TableName: this.tables.records, Key: { pk: `CONTACT#${contactId}`, sk: 'SURVEY' } }),
    );
    return res.Item ? decodeItem(surveyItem, this.tables.records, res.Item) : undefined;
  }
}

/** Transcripts of contacts that have no ticket are kept under the contact (a retry rewrites the same item). */
export class TranscriptRepository {
  constructor(
    private readonly doc: DocClient,
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

  /** @throws CorruptItemError */
  async get(contactId: string): Promise<TranscriptRecord | undefined> {
    const res = await this.doc.send(
      new GetCommand({
        TableName: this.tables.records,
        Key: { pk: `CONTACT#${contactId}`, sk: 'TRANSCRIPT' },
      }),
    );
    return res.Item ? decodeItem(transcriptItem, this.tables.records, res.Item) : undefined;
  }
}

// hardening: the per-number daily counter of texts and callbacks (sms-policy.ts).
/** The attribute DynamoDB's TTL reads on the records table (epoch seconds). */
export const TTL_ATTRIBUTE = 'expiresAt';

/**
 * `OUTBOUND#+E164` / `YYYY-MM-DD` in the records table: how many texts and callbacks went to a number on
 * a UTC day. One conditional UpdateItem per send (no transaction): `ADD sent 1` only while `sent < limit`,
 * so concurrent sends can never pass the limit together. The item expires by TTL after two days.
 */
export class OutboundCounterRepository {
  constructor(
    private readonly doc: DocClient,
    private readonly tables: TableNames,
  ) {}

  /** Counts one send unless `limit` is reached; false when it is. */
  async take(number: string, day: string, limit: number, expiresAt: number): Promise<boolean> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tables.records,
          Key: { pk: `OUTBOUND#${number}`, sk: day },
          UpdateExpression: 'ADD sent :one SET #ttl = :ttl',
          ConditionExpression: 'attribute_not_exists(sent) OR sent < :limit',
          ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
          ExpressionAttributeValues: { ':one': 1, ':limit': limit, ':ttl': expiresAt },
        }),
      );
      return true;
    } catch (err) {
      if (
        err instanceof ConditionalCheckFailedException ||
        (err as Error).name === 'ConditionalCheckFailedException'
      )
        return false;
      throw err;
    }
  }
}
