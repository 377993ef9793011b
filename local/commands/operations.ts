import { writeFileSync } from 'node:fs';
import { DescribeTableCommand, UpdateTableCommand } from '@aws-sdk/client-dynamodb';
import type { SwitchboardConfig } from '../../config/schema.ts';
import { localDayRange, OperationsStore } from '../../lambdas/domain/operations.ts';
import { RECORDS_TABLE } from '../../lambdas/domain/tables.ts';
import { addDays, localTime } from '../../lambdas/domain/time.ts';
import { LocalSwitchboard } from '../switchboard.ts';
import { UsageError } from './common.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The period of `--from D --to D` (business-local dates, both included). Without them: every stored
 * record; with no records, the last seven local days up to `now`.
 * @throws UsageError for a malformed or reversed date.
 */
export async function periodFrom(
  values: { from?: string; to?: string },
  config: SwitchboardConfig,
  store: OperationsStore,
  now: Date,
): Promise<{ from: Date; to: Date }> {
  const tz = config.business.timezone;
  for (const [flag, v] of [
    ['--from', values.from],
    ['--to', values.to],
  ] as const)
    if (v !== undefined && (!DATE.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`))))
      throw new UsageError(`${flag} "${v}" is not a date (YYYY-MM-DD, in the business time zone)`);
  if (values.from || values.to) {
    const today = localTime(now, tz).date;
    const from = values.from ?? addDays(values.to ?? today, -6);
    const to = values.to ?? (values.from ? addDays(values.from, 6) : today);
    if (to < from) throw new UsageError(`--to ${to} is before --from ${from}`);
    return localDayRange(from, to, tz);
  }
  const all = await store.fullPeriod(tz);
  if (all) return all;
  const today = localTime(now, tz).date;
  return localDayRange(addDays(today, -6), today, tz);
}

/**
 * A data directory made before contact records existed has a records table without the contactsByMonth
 * index: add it (dynalite and DynamoDB both accept the update) so old data dirs keep working.
 */
export async function ensureContactIndex(sb: LocalSwitchboard): Promise<void> {
  const table = sb.db.tables.records;
  const desc = await sb.db.client.send(new DescribeTableCommand({ TableName: table }));
  const have = new Set((desc.Table?.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName));
  for (const idx of RECORDS_TABLE.indexes.filter((i) => !have.has(i.name)))
    await sb.db.client.send(
      new UpdateTableCommand({
        TableName: table,
        AttributeDefinitions: [
          { AttributeName: idx.partitionKey, AttributeType: 'S' },
          { AttributeName: idx.sortKey, AttributeType: 'S' },
        ],
        GlobalSecondaryIndexUpdates: [
          {
            Create: {
              IndexName: idx.name,
              KeySchema: [
                { AttributeName: idx.partitionKey, KeyType: 'HASH' },
                { AttributeName: idx.sortKey, KeyType: 'RANGE' },
              ],
              Projection: { ProjectionType: 'ALL' },
            },
          },
        ],
      }),
    );
}

/** Runs `fn` against the local database of `dataDir` (in memory when unset), then closes it. */
export async function withStore<T>(
  config: SwitchboardConfig,
  dataDir: string | undefined,
  fn: (store: OperationsStore, sb: LocalSwitchboard) => Promise<T>,
): Promise<T> {
  const sb = await LocalSwitchboard.start(config, dataDir ? { dataDir } : {});
  try {
    await ensureContactIndex(sb);
    return await fn(new OperationsStore(sb.db.doc, sb.db.tables), sb);
  } finally {
    await sb.stop();
  }
}

/** `--now`: the instant the report is as of (default: the later of now and the period's end). */
export function parseNow(value: string | undefined, period?: { to: Date }): Date {
  if (value) {
    const d = new Date(value);
    if (Number.isNaN(d.getTime())) throw new UsageError(`--now "${value}" is not an ISO-8601 time`);
    return d;
  }
  const now = new Date();
  return period && period.to > now ? period.to : now;
}

/** Writes to `--out FILE` or prints. */
export function emit(text: string, out: string | undefined): void {
  if (out) {
    writeFileSync(out, text);
    console.log(`wrote ${out} (${Buffer.byteLength(text)} bytes)`);
  } else process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

export function positiveNumber(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new UsageError(`${flag} "${value}" must be a number ≥ 0`);
  return n;
}
