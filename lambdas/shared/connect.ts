import type { Logger } from '@aws-lambda-powertools/logger';
import type { MiddlewareObj } from '@middy/core';
import type { ConnectContactFlowEvent } from 'aws-lambda';
import * as z from 'zod/mini';
import type { $ZodType, output } from 'zod/v4/core';
import { presentedCallerId } from '../domain/caller-id.ts';
import { InvalidEventError } from './errors.ts';

export type ConnectResult = Record<string, string>;
export type FlatValue = string | number | boolean | null | undefined | readonly string[];
/** What a use-case returns to a flow, before it is flattened. */
export type FlowResult = { [key: string]: FlatValue };

/**
 * Limits at the edge, so that nothing oversized reaches DynamoDB (a key is at most 2048 bytes, an item
 * 400 KB) or a log. A ContactId is a UUID (36 characters); Connect allows 32 KB for all of a contact's
 * user-defined attributes together (Amazon Connect service quotas, "Contact attributes").
 */
export const CONTACT_LIMITS = {
  contactId: 128,
  address: 64,
  attributes: 32 * 1024,
  parameters: 64 * 1024,
  languageCode: 16,
} as const;

/** The total characters of a flat record's keys and string values. */
const sizeOf = (r: Record<string, unknown>) =>
  Object.entries(r).reduce((n, [k, v]) => n + k.length + (typeof v === 'string' ? v.length : 16), 0);

/** The part of a Connect event the handlers rely on, checked at the edge. */
const contactEvent = z.object({
  Details: z.object({
    ContactData: z.object({
      ContactId: z.string().check(z.minLength(1), z.maxLength(CONTACT_LIMITS.contactId)),
      Attributes: z._default(
        z.record(z.string(), z.string()).check(
          z.refine((a) => sizeOf(a) <= CONTACT_LIMITS.attributes, {
            message: `the attributes exceed ${CONTACT_LIMITS.attributes} characters`,
          }),
        ),
        {},
      ),
      CustomerEndpoint: z.nullish(z.object({ Address: z.nullish(z.string()) })),
      LanguageCode: z.optional(z.string().check(z.maxLength(CONTACT_LIMITS.languageCode))),
    }),
    Parameters: z._default(
      z.record(z.string(), z.unknown()).check(
        z.refine((p) => sizeOf(p) <= CONTACT_LIMITS.parameters, {
          message: `the parameters exceed ${CONTACT_LIMITS.parameters} characters`,
        }),
      ),
      {},
    ),
  }),
});

export interface ContactInput {
  contactId: string;
  callerPhone: string | undefined;
  attributes: Record<string, string>;
  parameters: Record<string, unknown>;
}

/**
 * Reads the contact out of a Connect event, or says exactly what is wrong with it.
 * @throws InvalidEventError for an event that is not a contact flow event or exceeds CONTACT_LIMITS
 * (a caller id longer than a phone number is read as withheld, not refused)
 */
export function readContact(event: unknown): ContactInput {
  const parsed = z.safeParse(contactEvent, event);
  if (!parsed.success)
    throw new InvalidEventError(
      'not an Amazon Connect contact flow event',
      parsed.error.issues
        .slice(0, 5)
        .map((i) => `${i.path.join('.').slice(0, 120) || '(event)'}: ${i.message}`),
    );
  const cd = parsed.data.Details.ContactData;
  const raw = cd.CustomerEndpoint?.Address ?? undefined;
  const address = raw !== undefined && raw.length <= CONTACT_LIMITS.address ? raw : undefined;
  return {
    contactId: cd.ContactId,
    callerPhone: presentedCallerId(address),
    attributes: cd.Attributes,
    parameters: parsed.data.Details.Parameters,
  };
}

/** Validates `Details.Parameters` with a zod schema; the message names each bad parameter. */
export function readParameters<S extends $ZodType>(
  schema: S,
  parameters: Record<string, unknown>,
): output<S> {
  const parsed = z.safeParse(schema, parameters);
  if (!parsed.success)
    throw new InvalidEventError(
      'bad Details.Parameters',
      parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.').slice(0, 120)}: ${i.message}`),
    );
  return parsed.data;
}

/** Connect's STRING_MAP: a flat object of strings. Lists become comma-separated, empty values are dropped. */
export function toStringMap(result: Record<string, FlatValue>): ConnectResult {
  const out: ConnectResult = {};
  for (const [k, v] of Object.entries(result)) {
    if (v === undefined || v === null) continue;
    out[k] = Array.isArray(v) ? v.join(',') : String(v);
  }
  return out;
}

/**
 * Middleware for handlers a flow invokes: results become Connect's flat string map; failures are logged
 * (without the event) and re-thrown so that the flow takes its Error branch.
 */
export function connectResponse(logger: Logger): MiddlewareObj<ConnectContactFlowEvent, FlowResult> {
  return {
    after: async (request) => {
      request.response = toStringMap(request.response ?? {});
    },
    onError: async (request) => {
      const err = request.error;
      logger.error('flow request failed', {
        error: err instanceof Error ? { name: err.name, message: err.message } : String(err),
      });
    },
  };
}
