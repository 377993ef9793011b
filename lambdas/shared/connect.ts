import type { MiddlewareObj } from '@middy/core';
import type { ConnectContactFlowEvent } from 'aws-lambda';
import { z } from 'zod';
import { callerId } from '../domain/phone.ts';
import { InvalidEventError } from './errors.ts';
import { logger } from './logger.ts';

export type ConnectResult = Record<string, string>;
export type FlatValue = string | number | boolean | null | undefined | readonly string[];
/** What a use-case returns to a flow, before it is flattened. */
export type FlowResult = { [key: string]: FlatValue };

/** The part of a Connect event the handlers rely on, checked at the edge. */
const contactEvent = z.object({
  Details: z.object({
    ContactData: z.object({
      ContactId: z.string().min(1),
      Attributes: z.record(z.string(), z.string()).default({}),
      CustomerEndpoint: z.object({ Address: z.string().optional() }).nullish(),
      LanguageCode: z.string().optional(),
    }),
    Parameters: z.record(z.string(), z.unknown()).default({}),
  }),
});

export interface ContactInput {
  contactId: string;
  callerPhone: string | undefined;
  attributes: Record<string, string>;
  parameters: Record<string, unknown>;
}

/** Reads the contact out of a Connect event, or says exactly what is wrong with it. */
export function readContact(event: unknown): ContactInput {
  const parsed = contactEvent.safeParse(event);
  if (!parsed.success)
    throw new InvalidEventError(
      'not an Amazon Connect contact flow event',
      parsed.error.issues.map((i) => `${i.path.join('.') || '(event)'}: ${i.message}`),
    );
  const cd = parsed.data.Details.ContactData;
  const address = cd.CustomerEndpoint?.Address;
  return {
    contactId: cd.ContactId,
    callerPhone: callerId(address),
    attributes: cd.Attributes,
    parameters: parsed.data.Details.Parameters,
  };
}

/** Validates `Details.Parameters` with a zod schema; the message names each bad parameter. */
export function readParameters<S extends z.ZodType>(
  schema: S,
  parameters: Record<string, unknown>,
): z.infer<S> {
  const parsed = schema.safeParse(parameters);
  if (!parsed.success)
    throw new InvalidEventError(
      'bad Details.Parameters',
      parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
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
export function connectResponse(): MiddlewareObj<ConnectContactFlowEvent, FlowResult> {
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
