import { z } from '@hono/zod-openapi';
import { E164_SYNTAX } from '#domain/caller-id.ts';
import { STATUSES } from '#domain/tickets.ts';

/** The console API's request and response shapes: they validate requests and write /api/openapi.json. */

export const E164 = z
  .string()
  .regex(E164_SYNTAX, 'must be an E.164 number such as +13125550142')
  .openapi({ example: '+13125550142' });
export const LocalDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), 'is not a real date')
  .openapi({ example: '2026-11-23' });
export const Instant = z
  .string()
  .refine((s) => !Number.isNaN(Date.parse(s)) && /T/.test(s), 'must be an ISO-8601 time')
  .openapi({ example: '2026-11-23T21:30:00-06:00' });

export const ErrorBody = z
  .object({
    error: z.string().openapi({ example: 'invalid' }),
    message: z.string(),
    field: z.string().optional().openapi({ description: 'The request field that is wrong (400).' }),
  })
  .openapi('Error');

export const HistoryEntry = z.object({
  at: z.string(),
  by: z.string(),
  action: z.string(),
  from: z.string().optional(),
  to: z.string().optional(),
  note: z.string().optional(),
  /** What happened, as data (e.g. `esc#1#sms#+13125550103#1#sent`): the page words it in its language. */
  event: z.string().optional(),
});

export const TicketBody = z
  .object({
    id: z.string().openapi({ example: 'T-4K7QX2' }),
    contactId: z.string(),
    callerPhone: z.string().optional(),
    callerName: z.string().optional(),
    category: z.string(),
    priority: z.enum(['normal', 'urgent']),
    status: z.enum(STATUSES),
    owner: z.string().optional(),
    shift: z.string().openapi({ example: 'day@2026-11-23' }),
    createdAt: z.string(),
    updatedAt: z.string(),
    firstResponseDueAt: z.string(),
    dueAt: z.string(),
    message: z.string().optional(),
    transcript: z.string().optional(),
    recordingKey: z.string().optional(),
    callbackNumber: z.string().optional(),
    csat: z.number().optional(),
    source: z.string(),
    history: z.array(HistoryEntry),
  })
  .openapi('Ticket');

export const TicketQuery = z.object({
  status: z.enum([...STATUSES, 'active']).optional(),
  priority: z.enum(['normal', 'urgent']).optional(),
  category: z.string().max(64).optional(),
  shift: z
    .string()
    .max(80)
    .optional()
    .openapi({ description: 'a shift id (night) or occurrence (night@2026-11-23)' }),
  owner: z.string().max(100).optional(),
  from: LocalDate.optional(),
  to: LocalDate.optional(),
  cursor: z.string().max(2000).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

export const TicketPage = z
  .object({ items: z.array(TicketBody), nextCursor: z.string().optional() })
  .openapi('TicketPage');

export const TicketDetail = z
  .object({
    ticket: TicketBody,
    etag: z.string(),
    survey: z.object({ score: z.number(), at: z.string() }).optional(),
    recordingUrl: z.string().optional(),
  })
  .openapi('TicketDetail');

export const TicketPatch = z
  .object({
    owner: z.string().trim().min(1).max(100).optional(),
    status: z.enum(STATUSES).optional(),
    note: z.string().trim().min(1).max(2000).optional(),
  })
  .refine((p) => p.owner !== undefined || p.status !== undefined || p.note !== undefined, {
    message: 'give at least one of owner, status, note',
  })
  .openapi('TicketPatch');

export const NewTicketBody = z
  .object({
    contactId: z.string().min(1).max(100),
    callerPhone: E164.optional(),
    callerName: z.string().max(100).optional(),
    category: z.string().min(1).max(64),
    priority: z.enum(['normal', 'urgent']).default('normal'),
    message: z.string().max(4000).optional(),
  })
  .openapi('NewTicket');

export const OverrideInput = z
  .discriminatedUnion('type', [
    z.object({
      type: z.literal('closed'),
      reason: z.string().trim().min(1).max(200).openapi({ example: 'a burst pipe' }),
      from: Instant.optional().openapi({ description: 'default: now' }),
      until: Instant.optional().openapi({ description: 'default: until reopened' }),
    }),
    z.object({
      type: z.literal('onCall'),
      shift: z.string().min(1).max(64),
      name: z.string().trim().min(1).max(100),
      phone: E164,
      from: LocalDate,
      to: LocalDate,
    }),
  ])
  .openapi('OverrideInput');

export const OverrideBody = z
  .object({
    id: z.string(),
    type: z.enum(['closed', 'onCall']),
    createdAt: z.string(),
    by: z.string(),
    reason: z.string().optional(),
    from: z.string(),
    until: z.string().optional(),
    to: z.string().optional(),
    shift: z.string().optional(),
    name: z.string().optional(),
    phone: z.string().optional(),
  })
  .openapi('Override');

export const RangeQuery = z.object({ from: LocalDate, to: LocalDate });

export const QaReviewInput = z
  .object({ score: z.number().int().min(1).max(5), notes: z.string().max(4000).default('') })
  .openapi('QaReviewInput');

export const Week = z
  .string()
  .regex(/^\d{4}-W\d{2}$/, 'must be an ISO week such as 2026-W48')
  .openapi({ example: '2026-W48' });

export const CallInput = z
  .object({
    at: Instant.optional().openapi({
      description:
        "the simulated time of the call, as `switchboard call --at`: the business's local time (2026-11-23T22:30) or an instant with an offset (default: now)",
    }),
    from: z
      .union([E164, z.literal('withheld')])
      .optional()
      .openapi({ description: 'caller id (default: the sample caller)' }),
    inputs: z
      .array(
        z
          .string()
          .max(200)
          .regex(/^([0-9*#]+|say:.*|silence|hangup|)$/, 'must be keys, say:words, silence or hangup'),
      )
      .max(50)
      .default([]),
    fail: z
      .array(
        z
          .string()
          .regex(/^(route|ticket|assistant|survey)(:(error|timeout))?$/, 'must be FUNCTION[:timeout]'),
      )
      .max(4)
      .default([]),
  })
  .openapi('CallInput');

export const LiveInput = z
  .object({
    type: z.enum(['keys', 'speech', 'silence', 'hangup']),
    value: z.string().max(500).optional(),
  })
  .openapi('LiveInput');
