/**
 * Missed questions in the records table: every question the assistant could not answer (NO_MATCH) and
 * every answer the caller said did not help (after an answer, the flow's follow-up: 2 "ask something
 * else" or 3 "leave a message"). `lambdas/domain/missed.ts` groups them and writes the `alternates:`
 * snippets; `npx switchboard missed` lists them.
 *
 * Item: `pk = CONTACT#<contactId>`, `sk = MISSED#<at>#<reason>`, beside the contact's RECORD, TICKET and
 * SURVEY items. `contactMonth = MISSED#YYYY-MM` and `initiatedAt = at` put it in the sparse
 * `contactsByMonth` index under its own partition (contact records use `CONTACTS#YYYY-MM`), so listing a
 * month is one paged Query, never a Scan. `MISSED-MONTHS` / `YYYY-MM` registers the months that hold any.
 *
 * Call-path code (the assistant Lambda writes these): zod/mini only.
 */
import { PutCommand, QueryCommand, type QueryCommandOutput } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import type { DocClient } from './doc-client.ts';
import { decodeItem } from './items.ts';
import type { MissedQuestion } from './missed.ts';
import type { TableNames } from './repositories.ts';

/** Why a question is kept: no answer was good enough, or the caller said the answer did not help. */
export const MISSED_REASONS = ['no-match', 'not-helped'] as const;
export type MissedReason = (typeof MISSED_REASONS)[number];

/** A missed question as stored: what `groupMissed` reads, plus where and why. */
export interface StoredMissedQuestion extends MissedQuestion {
  contactId: string;
  reason: MissedReason;
  /** For `not-helped`: the FAQ entry whose answer the caller heard. */
  answeredFaqId?: string;
}

const missedItem = z.object({
  contactId: z.string(),
  question: z.string(),
  locale: z.string(),
  at: z.string(),
  reason: z.enum(MISSED_REASONS),
  answeredFaqId: z.optional(z.string()),
  candidates: z.array(z.object({ faqId: z.string(), score: z.number() })),
});

const MONTHS_PK = 'MISSED-MONTHS';
const monthPartition = (month: string) => `MISSED#${month}`;

const isConditionFailure = (err: unknown) =>
  (err as { name?: string } | null)?.name === 'ConditionalCheckFailedException';

export class MissedQuestionRepository {
  constructor(
    private readonly doc: DocClient,
    private readonly tables: Pick<TableNames, 'records'>,
  ) {}

  /**
   * Keeps one missed question under its contact. A retry of the same turn (same contact, time and
   * reason) writes nothing twice. Candidates are cut to three. Times are ISO 8601 UTC.
   */
  async add(m: StoredMissedQuestion): Promise<void> {
    const month = m.at.slice(0, 7);
    const item = {
      contactId: m.contactId,
      question: m.question.slice(0, 1000),
      locale: m.locale,
      at: m.at,
      reason: m.reason,
      ...(m.answeredFaqId ? { answeredFaqId: m.answeredFaqId } : {}),
      candidates: m.candidates.slice(0, 3).map((c) => ({ faqId: c.faqId, score: c.score })),
    };
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tables.records,
          Item: {
            pk: `CONTACT#${m.contactId}`,
            sk: `MISSED#${m.at}#${m.reason}`,
            contactMonth: monthPartition(month),
            initiatedAt: m.at,
            ...item,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (err) {
      if (!isConditionFailure(err)) throw err;
    }
    await this.doc.send(
      new PutCommand({ TableName: this.tables.records, Item: { pk: MONTHS_PK, sk: month } }),
    );
  }

  /** UTC months (YYYY-MM) that hold missed questions, oldest first (all pages). */
  async months(): Promise<string[]> {
    const out: string[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const res: QueryCommandOutput = await this.doc.send(
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

  /**
   * Missed questions asked in [from, to) (UTC instants; both optional: every month on record), oldest
   * first. One paged Query per month. @throws CorruptItemError for an item of another shape.
   */
  async list(range: { from?: Date; to?: Date } = {}): Promise<StoredMissedQuestion[]> {
    const fromIso = range.from?.toISOString() ?? '';
    const toIso = range.to?.toISOString() ?? '\uffff';
    const months = (await this.months()).filter(
      (m) => m >= fromIso.slice(0, 7) && (toIso === '\uffff' || m <= toIso.slice(0, 7)),
    );
    const out: StoredMissedQuestion[] = [];
    for (const month of months) {
      let start: Record<string, unknown> | undefined;
      do {
        const res: QueryCommandOutput = await this.doc.send(
          new QueryCommand({
            TableName: this.tables.records,
            IndexName: 'contactsByMonth',
            KeyConditionExpression: 'contactMonth = :m',
            ExpressionAttributeValues: { ':m': monthPartition(month) },
            ExclusiveStartKey: start,
          }),
        );
        for (const raw of res.Items ?? []) {
          const m = decodeItem(missedItem, this.tables.records, raw);
          if (m.at >= fromIso && m.at < toIso) out.push(m);
        }
        start = res.LastEvaluatedKey;
      } while (start);
    }
    return out.sort((a, b) => a.at.localeCompare(b.at));
  }
}
