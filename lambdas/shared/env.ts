import * as z from 'zod/mini';
import type { $ZodType, output } from 'zod/v4/core';
import type { TableNames } from '#domain/repositories.ts';
import { ConfigurationError } from './errors.ts';

/**
 * Reads and validates environment variables with a schema. Only `awsDeps()` of a handler calls it: the
 * local engine and tests pass their collaborators in and never touch `process.env`.
 *
 * @throws ConfigurationError naming each missing or malformed variable.
 */
export function readEnv<S extends $ZodType>(
  schema: S,
  what: string,
  source: Record<string, string | undefined> = process.env,
): output<S> {
  const parsed = z.safeParse(schema, source);
  if (!parsed.success)
    throw new ConfigurationError(
      `${what} environment: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  return parsed.data;
}

/** Runs `fn` once, on first use, and keeps its value (module scope in Lambda terms: once per cold start). */
export function lazy<T>(fn: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = fn();
      done = true;
    }
    return value;
  };
}

/**
 * An SDK client made on first use, from a module imported on first use: a function that needs a client
 * only on some paths (SNS and Step Functions for an urgent page, Bedrock with `provider: bedrock`, Connect
 * for a page call) keeps it out of its cold start, which every caller on the common path waits for
 * (measured by `npm run bench`, bundles). A failed attempt is tried again on the next use.
 */
export function onFirstUse<T>(make: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () =>
    (value ??= make().catch((err: unknown) => {
      value = undefined;
      throw err;
    }));
}

/** A client given as it is, or made on first use (`onFirstUse`). */
export type ClientSource<T> = T | (() => Promise<T>);

export const clientOf = <T extends object>(source: ClientSource<T>): Promise<T> =>
  typeof source === 'function' ? (source as () => Promise<T>)() : Promise.resolve(source);

const nonEmpty = z.string().check(z.minLength(1));
const tableEnv = z.object({ DIRECTORY_TABLE: nonEmpty, RECORDS_TABLE: nonEmpty });

/**
 * The table names from `DIRECTORY_TABLE` and `RECORDS_TABLE`, read when first used (so that importing a
 * handler never throws; a missing variable fails the first invocation with a ConfigurationError).
 */
export function tablesFromEnv(): TableNames {
  const read = lazy(() => readEnv(tableEnv, 'tables'));
  return {
    get directory() {
      return read().DIRECTORY_TABLE;
    },
    get records() {
      return read().RECORDS_TABLE;
    },
  };
}
