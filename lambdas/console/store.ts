import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { DocClient } from '#domain/doc-client.ts';
import { decodeItem, ticketItem } from '#domain/items.ts';
import {
  decodeOverrides,
  isCurrent,
  MAX_OVERRIDES,
  OVERRIDES_KEY,
  type Override,
} from '#domain/overrides.ts';
import {
  type CallerProfile,
  CallerProfileRepository,
  DirectoryRepository,
  type NewTicket,
  StaleTicketError as StaleWriteError,
  type SurveyRecord,
  SurveyRepository,
  type TableNames,
  TicketNotFoundError,
  TicketRepository,
} from '#domain/repositories.ts';
import type { Holiday, Roster } from '#domain/roster.ts';
import {
  canTransition,
  InvalidTransitionError,
  isOpen,
  OwnershipError,
  type Ticket,
  type TicketHistoryEntry,
  type TicketStatus,
} from '#domain/tickets.ts';
import { addDays, localTime } from '#domain/time.ts';
import { NotSeededError } from '#shared/errors.ts';
import type { QaReview } from './api-types.ts';

/**
 * THE SEAM for the console's data: every read and write the console makes goes through this one
 * interface, implemented below over today's repositories. When the ticket store changes (numeric
 * `version`, cursor paging in the repository, new indexes), re-point `dynamoConsoleStore` here and
 * nothing else in the console moves.
 */
export interface ConsoleStore {
  roster(): Promise<Roster>;
  holiday(date: string): Promise<Holiday | null>;
  /** Creates a contact's ticket once per ContactId (a second create returns the first). */
  createTicket(input: NewTicket): Promise<{ ticket: Ticket; created: boolean }>;
  listTickets(filter: TicketFilter, cursor?: string, limit?: number): Promise<Page<Ticket>>;
  /** The ticket and its entity tag (the version a PATCH must name in If-Match), or undefined. */
  getTicket(id: string): Promise<Versioned<Ticket> | undefined>;
  /**
   * Applies `change` if the ticket is still at `ifMatch`. Throws TicketNotFoundError, StaleTicketError
   * (someone else changed it: HTTP 412), InvalidTransitionError and OwnershipError (HTTP 409).
   */
  updateTicket(
    id: string,
    change: TicketChange,
    ifMatch: string,
    actor: Actor,
    at: Date,
  ): Promise<Versioned<Ticket>>;
  callerProfile(phone: string): Promise<{ profile: CallerProfile | undefined; tickets: Ticket[] }>;
  survey(contactId: string): Promise<SurveyRecord | undefined>;
  listOverrides(): Promise<Override[]>;
  /** Adds an override (expired ones are dropped). Throws TooManyOverridesError past MAX_OVERRIDES. */
  addOverride(o: Override, now: Date): Promise<Override>;
  /** Removes an override; false when there was none with this id. */
  removeOverride(id: string, now: Date): Promise<boolean>;
  qaReviews(week: string): Promise<QaReview[]>;
  saveQaReview(review: QaReview): Promise<void>;
}

export interface Versioned<T> {
  value: T;
  etag: string;
}

export interface Page<T> {
  items: T[];
  /** Opaque; pass back to get the next page. Absent on the last page. */
  nextCursor?: string;
}

export interface TicketFilter {
  status?: TicketStatus | 'active';
  priority?: 'normal' | 'urgent';
  category?: string;
  /** A shift id (`night`) or one occurrence (`night@2026-11-23`). */
  shift?: string;
  owner?: string;
  /** Local dates (business time zone), inclusive: the tickets created on those days. Default: the last 7 days. */
  from?: string;
  to?: string;
}

export interface TicketChange {
  owner?: string;
  status?: TicketStatus;
  note?: string;
}

export interface Actor {
  name: string;
  role: 'manager' | 'agent';
}

export type { QaReview } from './api-types.ts';

export class StaleTicketError extends Error {
  constructor(
    readonly ticketId: string,
    readonly current: string,
  ) {
    super(`ticket ${ticketId} was changed by someone else; reload it (now at ${current}) and try again`);
    this.name = 'StaleTicketError';
  }
}

export class TooManyOverridesError extends Error {
  constructor() {
    super(`at most ${MAX_OVERRIDES} overrides can be in force; remove one first`);
    this.name = 'TooManyOverridesError';
  }
}

export class StaleOverridesError extends Error {
  constructor() {
    super('the overrides changed while they were being written; try again');
    this.name = 'StaleOverridesError';
  }
}

/**
 * Two managers changing overrides at once do not conflict in meaning (each adds or removes its own), so
 * a write that lost the race is redone on the fresh list, up to three times; then StaleOverridesError.
 */
async function retryStale<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (!(err instanceof StaleOverridesError) || attempt >= 3) throw err;
    }
  }
}

/** The entity tag is the ticket's numeric `version` (the store's optimistic lock). */
export const etagOf = (t: Ticket): string => `"v${t.version}"`;

/**
 * A console change to a ticket, as a pure function. Managers may do anything the status rules allow;
 * an agent may change a ticket nobody owns (and becomes its owner) or one they own. A note alone is a
 * history entry that keeps the status (from = to).
 */
export function applyChange(ticket: Ticket, change: TicketChange, actor: Actor, at: Date): Ticket {
  if (actor.role !== 'manager' && ticket.owner && ticket.owner !== actor.name)
    throw new OwnershipError(ticket.owner, actor.name);
  // History stays in order even when the clock of this writer is behind the last one's.
  const when = new Date(Math.max(at.getTime(), Date.parse(ticket.updatedAt))).toISOString();
  const history: TicketHistoryEntry[] = [...ticket.history];
  let owner = ticket.owner;
  if (change.owner !== undefined && change.owner !== ticket.owner) {
    history.push({
      at: when,
      by: actor.name,
      action: 'owner',
      ...(owner ? { from: owner } : {}),
      to: change.owner,
    });
    owner = change.owner;
  }
  let status = ticket.status;
  if (change.status !== undefined && change.status !== ticket.status) {
    if (!canTransition(ticket.status, change.status))
      throw new InvalidTransitionError(ticket.status, change.status);
    if (!owner) {
      owner = actor.name;
      history.push({ at: when, by: actor.name, action: 'owner', to: owner });
    }
    history.push({
      at: when,
      by: actor.name,
      action: 'status',
      from: ticket.status,
      to: change.status,
      ...(change.note ? { note: change.note } : {}),
    });
    status = change.status;
  } else if (change.note) {
    history.push({ at: when, by: actor.name, action: 'status', from: status, to: status, note: change.note });
  }
  return { ...ticket, status, ...(owner ? { owner } : {}), updatedAt: when, history };
}

interface Cursor {
  /** Index into the list of partitions being walked. */
  k: number;
  start?: Record<string, unknown>;
}

const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString('base64url');

export class BadCursorError extends Error {
  constructor() {
    super('cursor is not one this API returned');
    this.name = 'BadCursorError';
  }
}

function decodeCursor(raw: string | undefined): Cursor {
  if (!raw) return { k: 0 };
  try {
    const c = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Cursor;
    if (typeof c.k !== 'number' || c.k < 0) throw new Error();
    return c;
  } catch {
    throw new BadCursorError();
  }
}

/** A partition of an index to walk: the tickets of one shift occurrence, of one caller, or the open ones. */
interface Partition {
  index: string;
  key: string;
  value: string;
  newestFirst: boolean;
}

/** The console's store over today's repositories (DynamoDB in AWS, dynalite locally). */
export function dynamoConsoleStore(
  doc: DocClient,
  tables: TableNames,
  clock: () => Date = () => new Date(),
): ConsoleStore {
  const tickets = new TicketRepository(doc, tables);
  const profiles = new CallerProfileRepository(doc, tables);
  const directory = new DirectoryRepository(doc, tables);
  const surveys = new SurveyRepository(doc, tables);

  const roster = async () => {
    const r = await directory.getRoster();
    if (!r) throw new NotSeededError();
    return r;
  };

  const toTicket = (item: Record<string, unknown>): Ticket => decodeItem(ticketItem, tables.records, item);

  /** Walks partitions in order, `limit` matching tickets a page; filtering happens after each Query page. */
  async function walk(
    parts: Partition[],
    matches: (t: Ticket) => boolean,
    cursor: string | undefined,
    limit: number,
  ): Promise<Page<Ticket>> {
    const c = decodeCursor(cursor);
    const items: Ticket[] = [];
    let k = c.k;
    let start = c.start;
    while (k < parts.length && items.length < limit) {
      const p = parts[k]!;
      const res = await doc.send(
        new QueryCommand({
          TableName: tables.records,
          IndexName: p.index,
          KeyConditionExpression: '#k = :v',
          ExpressionAttributeNames: { '#k': p.key },
          ExpressionAttributeValues: { ':v': p.value },
          ScanIndexForward: !p.newestFirst,
          Limit: limit - items.length,
          ExclusiveStartKey: start,
        }),
      );
      for (const i of res.Items ?? []) {
        const t = toTicket(i);
        if (matches(t)) items.push(t);
      }
      start = res.LastEvaluatedKey;
      if (!start) k++;
    }
    return k < parts.length
      ? { items, nextCursor: encodeCursor({ k, ...(start ? { start } : {}) }) }
      : { items };
  }

  async function readOverrides() {
    const res = await doc.send(new GetCommand({ TableName: tables.directory, Key: { ...OVERRIDES_KEY } }));
    return decodeOverrides(res.Item);
  }

  /** Writes the list only if nobody else wrote it since it was read (numeric version). */
  async function writeOverrides(list: Override[], version: number) {
    try {
      await doc.send(
        new PutCommand({
          TableName: tables.directory,
          Item: { ...OVERRIDES_KEY, overrides: list, version: version + 1 },
          ConditionExpression: version === 0 ? 'attribute_not_exists(pk) OR version = :v' : 'version = :v',
          ExpressionAttributeValues: { ':v': version },
        }),
      );
    } catch (err) {
      if (
        err instanceof ConditionalCheckFailedException ||
        (err as Error).name === 'ConditionalCheckFailedException'
      )
        throw new StaleOverridesError();
      throw err;
    }
  }

  const today = async (now: Date) => localTime(now, (await roster()).timezone).date;

  return {
    roster,
    holiday: (date) => directory.getHoliday(date),
    createTicket: (input) => tickets.create(input),

    async listTickets(filter, cursor, limit = 50) {
      const r = await roster();
      const matches = (t: Ticket) =>
        (!filter.status || (filter.status === 'active' ? isOpen(t.status) : t.status === filter.status)) &&
        (!filter.priority || t.priority === filter.priority) &&
        (!filter.category || t.category === filter.category) &&
        (!filter.owner || t.owner === filter.owner) &&
        (!filter.shift || t.shift === filter.shift || t.shift.startsWith(`${filter.shift}@`)) &&
        (!filter.from || t.shift.slice(t.shift.indexOf('@') + 1) >= filter.from) &&
        (!filter.to || t.shift.slice(t.shift.indexOf('@') + 1) <= filter.to);
      // Open work: the sparse open-by-due index, oldest promise first.
      if (
        (filter.status === 'active' || filter.status === 'open' || filter.status === 'in_progress') &&
        !filter.from
      )
        return walk(
          [{ index: 'openByDue', key: 'openPk', value: 'OPEN', newestFirst: false }],
          matches,
          cursor,
          limit,
        );
      // The ledger: tickets by creation month, newest first (no Scan: one Query per month of
      // `ticketsByMonth`), filtered to the shift dates asked for.
      const to = filter.to ?? localTime(clock(), r.timezone).date;
      const from = filter.from ?? addDays(to, -6);
      const parts: Partition[] = [];
      // A night shift's tickets carry the date it started: look one local day either side.
      const last = new Date(`${addDays(to, 1)}T00:00:00Z`);
      const first = new Date(`${addDays(from, -1)}T00:00:00Z`);
      const month = new Date(Date.UTC(last.getUTCFullYear(), last.getUTCMonth(), 1));
      while (month >= new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), 1))) {
        parts.push({
          index: 'ticketsByMonth',
          key: 'createdMonth',
          value: `TICKETS#${month.toISOString().slice(0, 7)}`,
          newestFirst: true,
        });
        month.setUTCMonth(month.getUTCMonth() - 1);
      }
      return walk(parts, matches, cursor, limit);
    },

    async getTicket(id) {
      const t = await tickets.get(id);
      return t ? { value: t, etag: etagOf(t) } : undefined;
    },

    async updateTicket(id, change, ifMatch, actor, at) {
      const before = await tickets.get(id);
      if (!before) throw new TicketNotFoundError(id);
      if (etagOf(before) !== ifMatch) throw new StaleTicketError(id, etagOf(before));
      const after = applyChange(before, change, actor, at);
      try {
        const saved = await tickets.save(before, after);
        return { value: saved, etag: etagOf(saved) };
      } catch (err) {
        if (err instanceof StaleWriteError) throw new StaleTicketError(id, 'a newer version');
        throw err;
      }
    },

    async callerProfile(phone) {
      const [profile, page] = await Promise.all([
        profiles.get(phone),
        (async () => {
          const all: Ticket[] = [];
          let cursor: string | undefined;
          do {
            const p = await walk(
              [{ index: 'byCaller', key: 'callerPk', value: `CALLER#${phone}`, newestFirst: true }],
              () => true,
              cursor,
              100,
            );
            all.push(...p.items);
            cursor = p.nextCursor;
          } while (cursor);
          return all;
        })(),
      ]);
      return { profile, tickets: page };
    },

    survey: (contactId) => surveys.get(contactId),

    async listOverrides() {
      return (await readOverrides()).overrides;
    },

    addOverride: (o, now) =>
      retryStale(async () => {
        const { overrides, version } = await readOverrides();
        const day = await today(now);
        const kept = overrides.filter((x) => isCurrent(x, now, day));
        if (kept.length >= MAX_OVERRIDES) throw new TooManyOverridesError();
        await writeOverrides([...kept, o], version);
        return o;
      }),

    removeOverride: (id, now) =>
      retryStale(async () => {
        const { overrides, version } = await readOverrides();
        if (!overrides.some((o) => o.id === id)) return false;
        const day = await today(now);
        await writeOverrides(
          overrides.filter((o) => o.id !== id && isCurrent(o, now, day)),
          version,
        );
        return true;
      }),

    async qaReviews(week) {
      const items: Record<string, unknown>[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const res = await doc.send(
          new QueryCommand({
            TableName: tables.records,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': `QA#${week}` },
            ExclusiveStartKey: start,
          }),
        );
        items.push(...((res.Items ?? []) as Record<string, unknown>[]));
        start = res.LastEvaluatedKey;
      } while (start);
      return items.map((i) => ({
        week,
        contactId: String(i.sk),
        score: Number(i.score),
        notes: String(i.notes ?? ''),
        reviewedBy: String(i.reviewedBy ?? ''),
        at: String(i.at ?? ''),
      }));
    },

    async saveQaReview(review) {
      await doc.send(
        new PutCommand({
          TableName: tables.records,
          Item: { pk: `QA#${review.week}`, sk: review.contactId, ...review },
        }),
      );
    },
  };
}
