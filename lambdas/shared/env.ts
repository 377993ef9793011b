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
