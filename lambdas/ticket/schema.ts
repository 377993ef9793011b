import { z } from 'zod';
import { callbackRefusal } from '#domain/phone.ts';
import { STATUSES } from '#domain/tickets.ts';

/** Parameters a flow sends. Flows send strings only; anything not understood falls back safely. */
export const createParameters = z.object({
  action: z.literal('create').default('create'),
  // An attribute the flow never set arrives as "": a message left with the assistant.
  category: z
    .string()
    .trim()
    .default('')
    .transform((c) => c || 'message'),
  priority: z
    .string()
    .transform((p) => (p.toLowerCase() === 'urgent' ? 'urgent' : 'normal'))
    .default('normal'),
  message: z.string().max(4000).optional(),
  /** The question the assistant could not answer, kept with the message. */
  question: z.string().max(2000).optional(),
  callbackNumber: z
    .string()
    .refine((n) => !callbackRefusal(n), { message: 'is not a number the line calls back' })
    .optional()
    .catch(undefined),
  callerName: z.string().max(100).optional(),
  source: z.enum(['assistant', 'agent', 'callback', 'ivr']).default('ivr').catch('ivr'),
});

export const statusParameters = z.object({
  action: z.literal('status'),
  ticketId: z.string().regex(/^T-[0-9A-Z]{6}$/, { message: 'is not a ticket id (T-XXXXXX)' }),
  status: z.enum(STATUSES),
  by: z.string().min(1),
  note: z.string().max(1000).optional(),
});
