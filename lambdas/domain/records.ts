/**
 * Contact records: one item per Connect ContactId in the records table, merged from Amazon Connect contact
 * events (EventBridge) and annotated by the flows' functions with what only they know.
 *
 * Contact events (https://docs.aws.amazon.com/connect/latest/adminguide/contact-events.html) are
 * delivered at least once, not in order, and gain fields over time ("ignore newly added fields"). The
 * merge here is therefore a join: commutative, associative and idempotent, so any order and any number
 * of repeats of the same events give the same record. Start times keep the earliest value, end times the
 * latest; sets are unions.
 *
 * Item: `pk = CONTACT#<contactId>`, `sk = RECORD`, beside the contact's TICKET pointer, SURVEY and
 * TRANSCRIPT items. Index `contactsByMonth` (`contactMonth` = `CONTACTS#YYYY-MM` of the UTC initiation
 * month, `initiatedAt`): records in any time interval (a business-local day, a shift occurrence, a week)
 * are one Query per UTC month the interval touches, without a Scan. A month holds a small business's
 * contacts (a few thousand), so the partition stays small.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { annotationShape, type ContactAnnotation, ContactAnnotator, recordKey } from './annotations.ts';
import type { DocClient } from './doc-client.ts';
import type { TableNames } from './repositories.ts';
import { localTime } from './time.ts';

export const CONTACT_EVENT_DETAIL_TYPE = 'Amazon Connect Contact Event';

export { annotationSchema, type ContactAnnotation, DISPOSITIONS } from './annotations.ts';

const iso = z.string().refine((s) => !Number.isNaN(Date.parse(s)), { message: 'is not a timestamp' });

/** The stored contact record (decoded at the repository edge). Times are ISO-8601 UTC. */
export const contactRecordSchema = z.object({
  ...annotationShape,
  contactId: z.string().min(1),
  version: z.number().int().min(0).default(0),
  channel: z.string().optional(),
  initiationMethod: z.string().optional(),
  initialContactId: z.string().optional(),
  previousContactId: z.string().optional(),
  initiatedAt: iso.optional(),
  enqueuedAt: iso.optional(),
  queueArn: z.string().optional(),
  answeredAt: iso.optional(),
  agentArn: z.string().optional(),
  disconnectedAt: iso.optional(),
  acwStartedAt: iso.optional(),
  acwEndedAt: iso.optional(),
  /** After-contact work, whole seconds (Connect's AfterContactWorkDuration). */
  acwSeconds: z.number().min(0).optional(),
  completedAt: iso.optional(),
  /** Event types merged so far (sorted). */
  eventTypes: z.array(z.string()).default([]),
  /** Latest EventBridge `time` seen. */
  lastEventAt: iso.optional(),
});
export type ContactRecord = z.infer<typeof contactRecordSchema>;

/** What the merge reads from one event: the contact's snapshot at that moment. */
export interface ContactEventFacts {
  eventType: string;
  contactId: string;
  time?: string;
  channel?: string;
  initiationMethod?: string;
  initialContactId?: string;
  previousContactId?: string;
  initiatedAt?: string;
  enqueuedAt?: string;
  queueArn?: string;
  answeredAt?: string;
  agentArn?: string;
  disconnectedAt?: string;
  acwStartedAt?: string;
  acwEndedAt?: string;
  acwSeconds?: number;
}

export class InvalidContactEventError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidContactEventError';
  }
}

/** Connect's samples mix `agentInfo`/`AgentInfo` and `contactId`/`ContactId`: keys are read case-insensitively. */
function lowerKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(lowerKeys);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k.toLowerCase()] = lowerKeys(v);
  return out;
}

/**
 * Connect sends `1970-01-01T00:00:00.001Z` for a timestamp that has not happened (see the
 * CONTACT_DATA_UPDATED sample on the contact events page); anything before 2000 is treated as absent.
 */
function timestamp(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  const ms = Date.parse(v);
  if (Number.isNaN(ms) || ms < Date.UTC(2000, 0, 1)) return undefined;
  return new Date(ms).toISOString();
}
const str = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v : undefined);

const envelope = z.object({
  'detail-type': z.string(),
  time: z.string().optional(),
  detail: z.record(z.string(), z.unknown()),
});

/**
 * Reads an EventBridge "Amazon Connect Contact Event" into the facts the merge uses. Unknown fields and
 * event types are ignored (the page asks consumers to); keys are matched case-insensitively.
 * @throws InvalidContactEventError when it is not a contact event or has no contact id.
 */
export function readContactEvent(event: unknown): ContactEventFacts {
  const parsed = envelope.safeParse(event);
  if (!parsed.success || parsed.data['detail-type'] !== CONTACT_EVENT_DETAIL_TYPE)
    throw new InvalidContactEventError(`not an "${CONTACT_EVENT_DETAIL_TYPE}" EventBridge event`);
  const d = lowerKeys(parsed.data.detail) as Record<string, unknown>;
  const agent = (d.agentinfo ?? {}) as Record<string, unknown>;
  const queue = (d.queueinfo ?? {}) as Record<string, unknown>;
  const contactId = str(d.contactid);
  const eventType = str(d.eventtype);
  if (!contactId || !eventType) throw new InvalidContactEventError('the event has no contactId or eventType');
  // hardening: a ContactId is a UUID; an oversized one must not become a DynamoDB key (2,048 bytes at most).
  if (contactId.length > 128 || eventType.length > 64)
    throw new InvalidContactEventError('the contactId or eventType is longer than Connect ever sends');
  const acw = Number(agent.aftercontactworkduration);
  const facts: ContactEventFacts = {
    eventType: eventType.toUpperCase(),
    contactId,
    time: timestamp(parsed.data.time),
    channel: str(d.channel)?.toUpperCase(),
    initiationMethod: str(d.initiationmethod)?.toUpperCase(),
    initialContactId: str(d.initialcontactid),
    previousContactId: str(d.previouscontactid),
    initiatedAt: timestamp(d.initiationtimestamp),
    enqueuedAt: timestamp(queue.enqueuetimestamp),
    queueArn: str(queue.queuearn),
    answeredAt: timestamp(agent.connectedtoagenttimestamp),
    agentArn: str(agent.agentarn),
    disconnectedAt: timestamp(d.disconnecttimestamp),
    acwStartedAt: timestamp(agent.aftercontactworkstarttimestamp),
    acwEndedAt: timestamp(agent.aftercontactworkendtimestamp),
    acwSeconds: Number.isFinite(acw) && acw >= 0 ? acw : undefined,
  };
  return Object.fromEntries(Object.entries(facts).filter(([, v]) => v !== undefined)) as ContactEventFacts;
}

const min = (a?: string, b?: string) => (a === undefined ? b : b === undefined ? a : a <= b ? a : b);
const max = (a?: string, b?: string) => (a === undefined ? b : b === undefined ? a : a >= b ? a : b);
const maxNum = (a?: number, b?: number) => (a === undefined ? b : b === undefined ? a : Math.max(a, b));

/** A pair (time, value) where the earliest time wins and equal times pick the smaller value. */
function earliestPair(
  a: { at?: string; value?: string },
  b: { at?: string; value?: string },
): { at?: string; value?: string } {
  if (a.at === undefined && b.at === undefined) return { value: min(a.value, b.value) };
  if (a.at === undefined) return { at: b.at, value: b.value ?? a.value };
  if (b.at === undefined) return { at: a.at, value: a.value ?? b.value };
  if (a.at !== b.at)
    return a.at < b.at ? { at: a.at, value: a.value ?? b.value } : { at: b.at, value: b.value ?? a.value };
  return { at: a.at, value: min(a.value, b.value) };
}

/**
 * Merges one event's facts into a record (pure). Start times (initiation, enqueue, answer, ACW start)
 * keep the earliest value, end times (disconnect, ACW end, completion) the latest; the queue and agent
 * go with the earliest enqueue and answer; identifiers keep the smallest value when two events disagree,
 * so the result never depends on order. Annotation fields are left as they are. `version` is untouched
 * (the repository owns it).
 */
export function mergeContactEvent(record: ContactRecord | undefined, e: ContactEventFacts): ContactRecord {
  const r: ContactRecord = record ?? { contactId: e.contactId, version: 0, eventTypes: [] };
  const queue = earliestPair(
    { at: r.enqueuedAt, value: r.queueArn },
    { at: e.enqueuedAt, value: e.queueArn },
  );
  const agent = earliestPair(
    { at: r.answeredAt, value: r.agentArn },
    { at: e.answeredAt, value: e.agentArn },
  );
  const merged: ContactRecord = {
    ...r,
    channel: min(r.channel, e.channel),
    initiationMethod: min(r.initiationMethod, e.initiationMethod),
    initialContactId: min(r.initialContactId, e.initialContactId),
    previousContactId: min(r.previousContactId, e.previousContactId),
    initiatedAt: min(r.initiatedAt, e.initiatedAt),
    enqueuedAt: queue.at,
    queueArn: queue.value,
    answeredAt: agent.at,
    agentArn: agent.value,
    disconnectedAt: max(r.disconnectedAt, e.disconnectedAt),
    acwStartedAt: min(r.acwStartedAt, e.acwStartedAt),
    acwEndedAt: max(r.acwEndedAt, e.acwEndedAt),
    acwSeconds: maxNum(r.acwSeconds, e.acwSeconds),
    completedAt: e.eventType === 'COMPLETED' ? max(r.completedAt, e.time ?? e.acwEndedAt) : r.completedAt,
    eventTypes: [...new Set([...r.eventTypes, e.eventType])].sort(),
    lastEventAt: max(r.lastEventAt, e.time),
  };
  return Object.fromEntries(Object.entries(merged).filter(([, v]) => v !== undefined)) as ContactRecord;
}

/** How a contact ended, derived from its record (never stored, so it is never stale). */
export type ContactResult =
  | { kind: 'agent'; waitSeconds: number }
  | { kind: 'abandoned'; afterSeconds: number }
  | { kind: 'callback' }
  | { kind: 'assistant' }
  | { kind: 'on-call' }
  | { kind: 'ivr' }
  | { kind: 'in-progress' };
export type ContactResultKind = ContactResult['kind'];

const seconds = (from: string, to: string) => Math.max(0, (Date.parse(to) - Date.parse(from)) / 1000);

/**
 * Result of a contact: a transfer to the on-call person or a queued callback (told by the flow), else
 * answered by an agent (wait from enqueue to answer), else abandoned in the queue (after how long), else
 * handled by the assistant, else disconnected in the IVR; `in-progress` until Connect reports the end.
 */
export function contactResult(r: ContactRecord): ContactResult {
  if (r.disposition === 'on-call') return { kind: 'on-call' };
  if (r.disposition === 'callback') return { kind: 'callback' };
  if (r.answeredAt)
    return { kind: 'agent', waitSeconds: r.enqueuedAt ? seconds(r.enqueuedAt, r.answeredAt) : 0 };
  if (r.enqueuedAt && r.disconnectedAt)
    return { kind: 'abandoned', afterSeconds: seconds(r.enqueuedAt, r.disconnectedAt) };
  if (
    r.mode === 'assistant' ||
    r.assistantOutcome ||
    r.disposition === 'assistant' ||
    r.disposition === 'message'
  )
    return { kind: 'assistant' };
  if (r.disconnectedAt) return { kind: 'ivr' };
  return { kind: 'in-progress' };
}

/**
 * Talk time plus after-contact work, in seconds; undefined when not answered. Talk runs from the answer
 * to the agent's hang-up, which is when after-contact work starts (the caller may stay on for the
 * survey until the contact's disconnect); without ACW times, to the disconnect.
 */
export function handleSeconds(r: ContactRecord): number | undefined {
  if (!r.answeredAt || !r.disconnectedAt) return undefined;
  const acw = r.acwSeconds ?? (r.acwStartedAt && r.acwEndedAt ? seconds(r.acwStartedAt, r.acwEndedAt) : 0);
  const talkEnd = r.acwStartedAt && r.acwStartedAt < r.disconnectedAt ? r.acwStartedAt : r.disconnectedAt;
  return seconds(r.answeredAt, talkEnd) + acw;
}

/** A callback leg: the outbound call Connect places for a queued callback (not a new inbound contact). */
export const isCallbackLeg = (r: ContactRecord) => r.initiationMethod === 'CALLBACK';

/** Index partition of a record: the UTC month of its initiation. */
export const monthKey = (instant: string) => `CONTACTS#${instant.slice(0, 7)}`;

/** UTC months (YYYY-MM) an interval [from, to) touches. */
export function monthsBetween(from: Date, to: Date): string[] {
  const out: string[] = [];
  const d = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), 1));
  while (d.getTime() < to.getTime()) {
    out.push(d.toISOString().slice(0, 7));
    d.setUTCMonth(d.getUTCMonth() + 1);
  }
  return out;
}

export class ConcurrentRecordUpdateError extends Error {
  constructor(readonly contactId: string) {
    super(`contact record ${contactId} kept changing while events were merged; the event will be retried`);
    this.name = 'ConcurrentRecordUpdateError';
  }
}

const isConditionFailure = (err: unknown) =>
  err instanceof ConditionalCheckFailedException ||
  (err as { name?: string } | null)?.name === 'ConditionalCheckFailedException';

/** Registry of the UTC months that hold records, so that "everything" is a bounded set of queries. */
const MONTHS_PK = 'CONTACT-MONTHS';

const KEY_ATTRS = ['pk', 'sk', 'contactMonth'];

function decode(item: Record<string, unknown> | undefined): ContactRecord | undefined {
  if (!item) return undefined;
  const rest = Object.fromEntries(Object.entries(item).filter(([k]) => !KEY_ATTRS.includes(k)));
  return contactRecordSchema.parse(rest);
}

export interface ContactRecordOptions {
  /** Business time zone: sets the record's local date when the events tell the initiation time. */
  timezone?: string;
  /** Attempts at a read-merge-write before giving up (default 8). */
  maxAttempts?: number;
  /** Waits between attempts (default: jittered backoff from 10 ms). */
  sleep?: (ms: number) => Promise<void>;
  /**
   * Keep up to this many recently written records in memory (default 0: off) and merge the next event
   * into the kept copy without reading it first; the conditional Put still guards the version, so a
   * record changed by another writer is read and merged again. For a writer that sees most of a
   * contact's changes, as the local engine's one process does: half the requests per event.
   */
  cache?: number;
}

/**
 * Contact records in DynamoDB, without transactions (dynalite has none). Events are merged with
 * optimistic locking on a numeric `version`: read, merge (pure), conditional Put on the version read,
 * retry on conflict. Annotations are one UpdateItem that SETs only the flow-owned fields and increments
 * `version`, so a merge that read before the annotation fails its condition and merges again: neither
 * writer loses the other's fields.
 */
export class ContactRecordRepository {
  private readonly maxAttempts: number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    private readonly doc: DocClient,
    private readonly tables: Pick<TableNames, 'records'>,
    private readonly options: ContactRecordOptions = {},
  ) {
    this.maxAttempts = options.maxAttempts ?? 8;
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.annotator = new ContactAnnotator(doc, tables);
  }

  private readonly annotator: ContactAnnotator;
  private readonly recent = new Map<string, ContactRecord>();
  /** UTC months this repository has registered (so the registry item is written once per month). */
  private readonly registeredMonths = new Set<string>();

  private key(contactId: string) {
    return recordKey(contactId);
  }

  private remember(record: ContactRecord): void {
    const max = this.options.cache ?? 0;
    if (max <= 0) return;
    this.recent.delete(record.contactId);
    this.recent.set(record.contactId, record);
    if (this.recent.size > max) this.recent.delete(this.recent.keys().next().value!);
  }

  async get(contactId: string): Promise<ContactRecord | undefined> {
    const res = await this.doc.send(
      new GetCommand({ TableName: this.tables.records, Key: this.key(contactId), ConsistentRead: true }),
    );
    return decode(res.Item);
  }

  /**
   * Merges one contact event into its record and returns the stored record.
   * @throws InvalidContactEventError for an event that is not a contact event.
   * @throws ConcurrentRecordUpdateError after `maxAttempts` conflicting writes (EventBridge retries).
   */
  async applyEvent(event: unknown): Promise<ContactRecord> {
    return this.applyFacts(readContactEvent(event));
  }

  async applyFacts(facts: ContactEventFacts): Promise<ContactRecord> {
    for (let attempt = 0; attempt < this.maxAttempts; attempt++) {
      const kept = attempt === 0 ? this.recent.get(facts.contactId) : undefined;
      const before = kept ?? (await this.get(facts.contactId));
      const merged = mergeContactEvent(before, facts);
      if (!merged.localDate && merged.initiatedAt && this.options.timezone)
        merged.localDate = localTime(new Date(merged.initiatedAt), this.options.timezone).date;
      const next: ContactRecord = { ...merged, version: (before?.version ?? 0) + 1 };
      try {
        await this.doc.send(
          new PutCommand({
            TableName: this.tables.records,
            Item: {
              ...this.key(facts.contactId),
              ...next,
              ...(next.initiatedAt ? { contactMonth: monthKey(next.initiatedAt) } : {}),
            },
            ...(before
              ? { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': before.version } }
              : { ConditionExpression: 'attribute_not_exists(pk)' }),
          }),
        );
        const month = next.initiatedAt?.slice(0, 7);
        if (month && month !== before?.initiatedAt?.slice(0, 7) && !this.registeredMonths.has(month)) {
          await this.doc.send(
            new PutCommand({ TableName: this.tables.records, Item: { pk: MONTHS_PK, sk: month } }),
          );
          if (this.options.cache) this.registeredMonths.add(month);
        }
        this.remember(next);
        return next;
      } catch (err) {
        if (!isConditionFailure(err)) throw err;
        this.recent.delete(facts.contactId);
        // A kept copy that another writer changed: read it and merge again at once.
        if (kept) continue;
        await this.sleep(Math.round(10 * 2 ** attempt * (0.5 + Math.random())));
      }
    }
    throw new ConcurrentRecordUpdateError(facts.contactId);
  }

  /**
   * Adds what only the flows know to a contact's record (creating it if no event has arrived yet).
   * One UpdateItem; last writer wins per field; undefined fields are left alone.
   * @throws ZodError when a field is malformed (e.g. csat 7).
   */
  async annotateContact(contactId: string, fields: ContactAnnotation): Promise<void> {
    if (!this.options.cache) {
      await this.annotator.annotateContact(contactId, fields);
      return;
    }
    this.recent.delete(contactId);
    const item = await this.annotator.update(contactId, fields, true);
    const record = decode(item);
    if (record) this.remember(record);
  }

  /** UTC months (YYYY-MM) that hold records, oldest first. */
  async months(): Promise<string[]> {
    const out: string[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const res = await this.doc.send(
        new QueryCommand({
          TableName: this.tables.records,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': MONTHS_PK },
          ExclusiveStartKey: start,
        }),
      );
      for (const item of res.Items ?? []) out.push(String(item.sk));
      start = res.LastEvaluatedKey;
    } while (start);
    return out.sort();
  }

  /** Initiation times of the first and last stored records; undefined when there are none. */
  async span(): Promise<{ first: string; last: string } | undefined> {
    const months = await this.months();
    if (months.length === 0) return undefined;
    const edge = async (month: string, forward: boolean) => {
      const res = await this.doc.send(
        new QueryCommand({
          TableName: this.tables.records,
          IndexName: 'contactsByMonth',
          KeyConditionExpression: 'contactMonth = :m',
          ExpressionAttributeValues: { ':m': `CONTACTS#${month}` },
          ScanIndexForward: forward,
          Limit: 1,
        }),
      );
      return res.Items?.[0]?.initiatedAt as string | undefined;
    };
    const first = await edge(months[0]!, true);
    const last = await edge(months[months.length - 1]!, false);
    return first && last ? { first, last } : undefined;
  }

  /** Every record with a known initiation time, oldest first. */
  async listAll(): Promise<ContactRecord[]> {
    const months = await this.months();
    if (months.length === 0) return [];
    const from = new Date(`${months[0]}-01T00:00:00Z`);
    const last = new Date(`${months[months.length - 1]}-01T00:00:00Z`);
    last.setUTCMonth(last.getUTCMonth() + 1);
    return this.listBetween(from, last);
  }

  /**
   * Records initiated in [from, to), oldest first: one paged Query per UTC month touched. A business-local
   * day or a shift occurrence is such an interval (see `zonedInstant`, `activeShift`).
   */
  async listBetween(from: Date, to: Date): Promise<ContactRecord[]> {
    const out: ContactRecord[] = [];
    for (const month of monthsBetween(from, to)) {
      let start: Record<string, unknown> | undefined;
      do {
        const res = await this.doc.send(
          new QueryCommand({
            TableName: this.tables.records,
            IndexName: 'contactsByMonth',
            KeyConditionExpression: 'contactMonth = :m AND initiatedAt BETWEEN :a AND :b',
            ExpressionAttributeValues: {
              ':m': `CONTACTS#${month}`,
              ':a': from.toISOString(),
              ':b': new Date(to.getTime() - 1).toISOString(),
            },
            ExclusiveStartKey: start,
          }),
        );
        for (const item of res.Items ?? []) out.push(decode(item)!);
        start = res.LastEvaluatedKey;
      } while (start);
    }
    return out;
  }
}

/** A contact as the local engine (or a test) knows it, to be announced as Connect would. */
export interface ContactSnapshot {
  contactId: string;
  instanceArn: string;
  account?: string;
  region?: string;
  initiationMethod?: string;
  previousContactId?: string;
  initiatedAt: string;
  enqueuedAt?: string;
  queueArn?: string;
  answeredAt?: string;
  agentArn?: string;
  disconnectedAt?: string;
  acwStartedAt?: string;
  acwEndedAt?: string;
}

/**
 * An EventBridge "Amazon Connect Contact Event" with the shape of the samples on the contact events page:
 * what the local engine emits so that one code path (the contact-events function) builds the records.
 */
export function contactEvent(eventType: string, c: ContactSnapshot, time: string) {
  const acw =
    c.acwStartedAt && c.acwEndedAt
      ? {
          afterContactWorkStartTimestamp: c.acwStartedAt,
          afterContactWorkEndTimestamp: c.acwEndedAt,
          afterContactWorkDuration: Math.round(
            (Date.parse(c.acwEndedAt) - Date.parse(c.acwStartedAt)) / 1000,
          ),
        }
      : {};
  return {
    version: '0',
    id: `${c.contactId}-${eventType}`,
    'detail-type': CONTACT_EVENT_DETAIL_TYPE,
    source: 'aws.connect',
    account: c.account ?? '000000000000',
    time,
    region: c.region ?? 'us-east-1',
    resources: [`${c.instanceArn}/contact/${c.contactId}`, c.instanceArn],
    detail: {
      eventType,
      contactId: c.contactId,
      initialContactId: c.previousContactId ?? c.contactId,
      ...(c.previousContactId ? { previousContactId: c.previousContactId } : {}),
      channel: 'VOICE',
      instanceArn: c.instanceArn,
      initiationMethod: c.initiationMethod ?? 'INBOUND',
      initiationTimestamp: c.initiatedAt,
      ...(c.disconnectedAt && (eventType === 'DISCONNECTED' || eventType === 'COMPLETED')
        ? { disconnectTimestamp: c.disconnectedAt }
        : {}),
      ...(c.enqueuedAt
        ? { queueInfo: { queueArn: c.queueArn, queueType: 'STANDARD', enqueueTimestamp: c.enqueuedAt } }
        : {}),
      ...(c.answeredAt
        ? {
            agentInfo: {
              agentArn: c.agentArn,
              connectedToAgentTimestamp: c.answeredAt,
              ...(eventType === 'COMPLETED' ? acw : {}),
            },
          }
        : {}),
      tags: { 'aws:connect:instanceId': c.instanceArn.split('/').pop() },
    },
  };
}

/**
 * The events Connect emits over a contact's life, in order: INITIATED, QUEUED (if queued),
 * CONNECTED_TO_AGENT (if answered), DISCONNECTED, COMPLETED (after ACW when there was an agent).
 */
export function contactLifecycle(c: ContactSnapshot): ReturnType<typeof contactEvent>[] {
  const out = [
    contactEvent('INITIATED', { ...c, enqueuedAt: undefined, answeredAt: undefined }, c.initiatedAt),
  ];
  if (c.enqueuedAt) out.push(contactEvent('QUEUED', { ...c, answeredAt: undefined }, c.enqueuedAt));
  if (c.answeredAt) out.push(contactEvent('CONNECTED_TO_AGENT', c, c.answeredAt));
  if (c.disconnectedAt) {
    out.push(contactEvent('DISCONNECTED', c, c.disconnectedAt));
    out.push(contactEvent('COMPLETED', c, c.acwEndedAt ?? c.disconnectedAt));
  }
  return out;
}
