/**
 * Contact annotations: what the flow functions (route, ticket, assistant, survey) add to a contact's
 * record under its ContactId, beside what Amazon Connect's contact events tell (records.ts merges those).
 *
 * This is the call-path half of the records: it is bundled into every flow function, so it imports only
 * `zod/mini` and the document client's UpdateCommand (records.ts, with the merge and the queries, stays
 * out of the call-path bundles).
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import type { DocClient } from './doc-client.ts';
import type { TableNames } from './repositories.ts';

/** How a call left the flow when the events cannot tell. */
export const DISPOSITIONS = ['callback', 'on-call', 'assistant', 'message'] as const;

const nonEmpty = () => z.optional(z.string().check(z.minLength(1)));

/** The fields of an annotation: each is owned by the flows' functions, never by contact events. */
export const annotationShape = {
  /** route's decision: a person answers ('open') or the assistant does. */
  mode: z.optional(z.enum(['open', 'assistant'])),
  /** Shift occurrence on duty (`day@2026-11-23`, `after-hours@2026-11-23`), as tickets use. */
  shift: nonEmpty(),
  /** Business-local date of the call, YYYY-MM-DD. */
  localDate: z.optional(z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/))),
  /** The queue id from switchboard.yaml (the event carries only the queue ARN). */
  queue: nonEmpty(),
  category: nonEmpty(),
  /** Keys pressed through the menu, e.g. "2>1". */
  menuPath: z.optional(z.string()),
  /** How the assistant ended: answered, no-match, message, urgent, error. */
  assistantOutcome: nonEmpty(),
  /** How the call left the flow when the events cannot tell: a queued callback, a transfer to on-call... */
  disposition: z.optional(z.enum(DISPOSITIONS)),
  ticketId: nonEmpty(),
  csat: z.optional(z.number().check(z.int(), z.gte(1), z.lte(5))),
  recordingKey: nonEmpty(),
  /** Caller number (E.164) for the ledger; masked whenever it is shown. */
  caller: nonEmpty(),
};

export const annotationSchema = z.object(annotationShape);
export type ContactAnnotation = z.infer<typeof annotationSchema>;

const ANNOTATION_KEYS = Object.keys(annotationShape) as Array<keyof ContactAnnotation>;

/** Key of a contact's record item (`CONTACT#<id>` / `RECORD`), beside its TICKET pointer and SURVEY. */
export const recordKey = (contactId: string) => ({ pk: `CONTACT#${contactId}`, sk: 'RECORD' });

/** Something that adds flow knowledge to a contact record (the handlers' optional `records` dep). */
export interface ContactAnnotations {
  annotateContact(contactId: string, fields: ContactAnnotation): Promise<void>;
}

/**
 * Writes annotations: one UpdateItem that SETs only the given fields and `ADD version 1`, creating the
 * item when no event has arrived yet. Bumping the version makes a concurrent event merge (a conditional
 * Put on the version it read) fail and merge again, so neither writer loses the other's fields.
 */
export class ContactAnnotator implements ContactAnnotations {
  constructor(
    private readonly doc: DocClient,
    private readonly tables: Pick<TableNames, 'records'>,
  ) {}

  /**
   * Adds what only the flows know to a contact's record. Last writer wins per field; undefined fields
   * are left alone; an empty annotation writes nothing.
   * @throws ZodError (from zod/mini) when a field is malformed (e.g. csat 7).
   */
  async annotateContact(contactId: string, fields: ContactAnnotation): Promise<void> {
    await this.update(contactId, fields, false);
  }

  /** The UpdateItem of `annotateContact`; with `returnItem`, the whole item as stored after it. */
  async update(
    contactId: string,
    fields: ContactAnnotation,
    returnItem: boolean,
  ): Promise<Record<string, unknown> | undefined> {
    const parsed = annotationSchema.parse(fields);
    const set = ANNOTATION_KEYS.filter((k) => parsed[k] !== undefined);
    const names: Record<string, string> = { '#id': 'contactId', '#v': 'version' };
    const values: Record<string, unknown> = { ':id': contactId, ':one': 1 };
    for (const k of set) {
      names[`#${k}`] = k;
      values[`:${k}`] = parsed[k];
    }
    const res = await this.doc.send(
      new UpdateCommand({
        TableName: this.tables.records,
        Key: recordKey(contactId),
        UpdateExpression: `SET ${['#id = :id', ...set.map((k) => `#${k} = :${k}`)].join(', ')} ADD #v :one`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ...(returnItem ? { ReturnValues: 'ALL_NEW' as const } : {}),
      }),
    );
    return res.Attributes;
  }
}

/** How long a flow function waits for its annotation before it answers the flow anyway (ms). */
export const ANNOTATION_BUDGET_MS = 250;

/**
 * Annotates without ever failing or holding up the caller's call: a rejected write or one slower than
 * `budgetMs` is logged and the function goes on (the record misses a field; the call does not). Waits
 * for the write within the budget, because Lambda freezes an invocation's unfinished requests.
 */
export async function annotateBestEffort(
  records: ContactAnnotations | undefined,
  contactId: string,
  fields: ContactAnnotation,
  log: (message: string, extra: Record<string, unknown>) => void,
  budgetMs = ANNOTATION_BUDGET_MS,
): Promise<void> {
  if (!records || !contactId) return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), budgetMs);
    (timer as { unref?: () => void }).unref?.();
  });
  try {
    const write = records.annotateContact(contactId, fields).then(
      () => 'ok' as const,
      (err: unknown) => err,
    );
    const r = await Promise.race([write, late]);
    if (r === 'late') log('contact annotation slower than its budget; going on', { contactId, budgetMs });
    else if (r !== 'ok')
      log('contact annotation failed; going on', {
        contactId,
        error: r instanceof Error ? { name: r.name, message: r.message } : String(r),
      });
  } finally {
    clearTimeout(timer);
  }
}
