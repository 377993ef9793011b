/**
 * What the items in the two tables look like, as zod schemas: every item read from DynamoDB is decoded
 * here (never cast), so a corrupt or hand-edited item fails at the repository edge with the key and
 * field at fault instead of deep inside a use case. Unknown attributes (index keys, attributes of
 * older releases) are dropped; attributes added later are optional or defaulted so that items written
 * before them still read.
 */

import * as z from 'zod/mini';
import type { $ZodType, output } from 'zod/v4/core';
import type { FaqEntry } from './faq.ts';
import type { Holiday, Roster } from './roster.ts';
import { STATUSES, type Ticket } from './tickets.ts';
import { WEEKDAYS } from './time.ts';

/** An item read back does not have the shape Switchboard writes: names the table, key and fields. */
export class CorruptItemError extends Error {
  constructor(
    readonly table: string,
    readonly key: { pk: string; sk: string },
    /** `field: problem`, one per bad field (`history.2.action: Invalid option ...`). */
    readonly issues: string[],
  ) {
    super(`corrupt item in table ${table} at pk=${key.pk}, sk=${key.sk}: ${issues.join('; ')}`);
    this.name = 'CorruptItemError';
  }
}

/** Decodes one raw item with `schema`. @throws CorruptItemError */
export function decodeItem<S extends $ZodType>(
  schema: S,
  table: string,
  item: Record<string, unknown>,
): output<S> {
  const parsed = z.safeParse(schema, item);
  if (parsed.success) return parsed.data;
  throw new CorruptItemError(
    table,
    { pk: String(item.pk ?? '(none)'), sk: String(item.sk ?? '(none)') },
    parsed.error.issues.map((i) => `${i.path.join('.') || '(item)'}: ${i.message}`),
  );
}

const text = z.string();
/** A string set comes back from the document client as a `Set`; older items may hold a list. */
const stringSet = z.pipe(
  z.optional(z.union([z.set(z.string()), z.array(z.string())])),
  z.transform((v: Set<string> | string[] | undefined) => (v ? [...v].sort() : [])),
);

// --- records table --------------------------------------------------------------------------------

const historyEntry = z.object({
  at: text,
  by: text,
  action: z.enum(['created', 'status', 'owner', 'transcript', 'csat', 'escalation']),
  from: z.optional(text),
  to: z.optional(text),
  note: z.optional(text),
  event: z.optional(text),
});

/** `TICKET#<id>` / `TICKET`. */
export const ticketItem = z.object({
  id: text,
  contactId: text,
  callerPhone: z.optional(text),
  callerName: z.optional(text),
  category: text,
  priority: z.enum(['normal', 'urgent']),
  status: z.enum(STATUSES),
  owner: z.optional(text),
  shift: text,
  createdAt: text,
  updatedAt: text,
  firstResponseDueAt: text,
  dueAt: text,
  message: z.optional(text),
  partial: z.optional(z.boolean()),
  transcript: z.optional(text),
  recordingKey: z.optional(text),
  callbackNumber: z.optional(text),
  csat: z.optional(z.int().check(z.gte(1), z.lte(5))),
  source: z.enum(['assistant', 'agent', 'callback', 'ivr']),
  history: z.array(historyEntry),
  // Written since optimistic locking moved from `updatedAt` to a counter; older items read as 0.
  version: z._default(z.int().check(z.nonnegative()), 0),
});

/** `CONTACT#<ContactId>` / `TICKET`: which ticket a contact created. */
export const contactTicketItem = z.object({ ticketId: text });

/** `CALLER#<E.164>` / `PROFILE`. */
export const profileItem = z.pipe(
  z.object({
    pk: text.check(z.startsWith('CALLER#')),
    name: z.optional(text),
    openTicketIds: stringSet,
    lastCategory: z.optional(text),
    lastContactAt: z.optional(text),
  }),
  z.transform(
    ({
      pk,
      name,
      openTicketIds,
      lastCategory,
      lastContactAt,
    }: {
      pk: string;
      name?: string | undefined;
      openTicketIds: string[];
      lastCategory?: string | undefined;
      lastContactAt?: string | undefined;
    }) => ({
      phone: pk.slice('CALLER#'.length),
      ...(name !== undefined ? { name } : {}),
      openTicketIds,
      ...(lastCategory !== undefined ? { lastCategory } : {}),
      ...(lastContactAt !== undefined ? { lastContactAt } : {}),
    }),
  ),
);
export type CallerProfile = z.output<typeof profileItem>;

/** `CONTACT#<ContactId>` / `SURVEY`. */
export const surveyItem = z.object({
  contactId: text,
  score: z.int().check(z.gte(1), z.lte(5)),
  at: text,
  ticketId: z.optional(text),
});
export type SurveyRecord = z.output<typeof surveyItem>;

/** `CONTACT#<ContactId>` / `TRANSCRIPT`: a transcript of a contact without a ticket. */
export const transcriptItem = z.object({ transcript: text, recordingKey: text, at: text });
export type TranscriptRecord = z.output<typeof transcriptItem>;

// --- directory table ------------------------------------------------------------------------------

/** `ROSTER` / `CURRENT`. */
export const rosterItem = z.object({
  businessName: text,
  timezone: text,
  locale: text,
  shifts: z.array(
    z.object({
      id: text,
      name: text,
      // The time-of-day format was checked when the config loaded; one rule, in config/.
      start: text,
      end: text,
      days: z.optional(z.array(z.enum(WEEKDAYS))),
      agents: z.int().check(z.nonnegative()),
      email: z.optional(text),
    }),
  ),
  onCall: z.array(z.object({ shift: text, name: text, phone: text })),
  sla: z.object({
    answerWithinSeconds: z.number(),
    firstResponseMinutes: z.number(),
    callbackWithinHours: z.number(),
  }),
  alertsSms: z.array(text),
  smsConfirmation: z.boolean(),
  categories: z.array(text),
  categoryLabels: z.optional(z.record(z.string(), z.string())),
  transcribe: z.enum(['none', 'afterHours', 'all']),
  // escalation (issue 11): optional, so that a roster seeded before it still reads.
  escalation: z.optional(
    z.object({
      ackWithinMinutes: z.number(),
      repages: z.number(),
      escalateTo: z.array(
        z.union([z.enum(['next-on-call', 'alerts.sms']), z.object({ name: text, phone: text })]),
      ),
    }),
  ),
  outbound: z.optional(z.object({ countries: z.array(text), perNumberPerDay: z.number() })),
});

/** `HOLIDAY` / `YYYY-MM-DD`. */
export const holidayItem = z.pipe(
  z.object({ sk: text, name: text }),
  z.transform(({ sk, name }: { sk: string; name: string }): Holiday => ({ date: sk, name })),
);

/** `FAQ` / `<id>`. */
export const faqEntryItem = z.pipe(
  z.object({ sk: text, question: text, answer: text, alternates: z.optional(z.array(text)) }),
  z.transform(
    ({
      sk,
      question,
      answer,
      alternates,
    }: {
      sk: string;
      question: string;
      answer: string;
      alternates?: string[] | undefined;
    }): FaqEntry => ({ id: sk, question, answer, alternates: alternates ?? [] }),
  ),
);

/** `FAQ` / `#settings`: the assistant's settings. */
export const assistantSettingsItem = z.object({
  locale: text,
  provider: z.enum(['faq', 'bedrock']),
  bedrockModelId: z.optional(text),
  threshold: z.number(),
  urgentKeywords: z.array(text),
  /** Urgent groups with their spoken safety advice (settings seeded before groups existed have none). */
  urgentGroups: z._default(z.array(z.object({ id: text, keywords: z.array(text), safety: text })), () => []),
  businessName: text,
});
export type AssistantSettings = z.output<typeof assistantSettingsItem>;

// The schemas and the domain types must describe the same thing: a drift is a type error here.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const agree: [
  Same<z.output<typeof ticketItem>, Ticket>,
  Same<z.output<typeof rosterItem>, Roster>,
  Same<z.output<typeof holidayItem>, Holiday>,
] = [true, true, true];
void agree;
