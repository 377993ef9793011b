import * as z from 'zod/mini';
import { STATUSES } from '#domain/tickets.ts';
import { FLOW_FUNCTIONS } from '#flows/contracts.ts';

/**
 * Parameters a flow sends to create a ticket: the contract's (flows send strings; anything not understood
 * falls back safely). The contract checks a callback number's syntax; whether the line may call it back
 * (valid for its country, not premium-rate) is decided by the ticket function with phone.ts.
 */
export const createParameters = FLOW_FUNCTIONS.ticket.parameters;

/** A status change (an agent's or the console's), not sent by the generated flows. */
export const statusParameters = z.object({
  action: z.literal('status'),
  ticketId: z.string().check(z.regex(/^T-[0-9A-Z]{6}$/, { message: 'is not a ticket id (T-XXXXXX)' })),
  status: z.enum(STATUSES),
  by: z.string().check(z.minLength(1)),
  note: z.optional(z.string().check(z.maxLength(1000))),
});

/**
 * hardening: the queue flow asks whether it may call a number back before it creates a callback
 * (`callback.ts`). `callbackNumber` is the caller id or the number the caller typed; a value that is not
 * E.164 is refused by the policy, not by this schema.
 */
export const callbackParameters = z.object({
  action: z.literal('callback'),
  callbackNumber: z._default(z.string().check(z.maxLength(32)), ''),
});
