import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import {
  BATCH_GET_BACKOFF,
  CallerProfileRepository,
  CorruptItemError,
  DirectoryRepository,
  InvalidPageRequestError,
  loadRouteSnapshot,
  StaleTicketError,
  TICKET_RETRY_BACKOFF,
  TicketRepository,
  UnprocessedKeysError,
} from '../../lambdas/domain/repositories.ts';
import { rosterFromConfig } from '../../lambdas/domain/seed.ts';
import { enConfig } from '../helpers.ts';

/** The commands a repository sends, answered by plain functions: no SDK mock, no network. */
interface Input {
  RequestItems?: unknown;
  Item?: Record<string, unknown>;
  ConditionExpression?: string;
  ExpressionAttributeValues?: Record<string, unknown>;
  IndexName?: string;
  Limit?: number;
  ExclusiveStartKey?: Record<string, unknown>;
}
type Answer = (input: Input) => unknown;
const COMMANDS = { BatchGetCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } as const;

function fakeDoc(answers: Partial<Record<keyof typeof COMMANDS, Answer>>) {
  const calls: Array<{ command: string; input: Input }> = [];
  const doc = {
    async send(cmd: object & { input: Input }) {
      const command = (Object.keys(COMMANDS) as Array<keyof typeof COMMANDS>).find(
        (n) => cmd instanceof COMMANDS[n],
      );
      if (!command) throw new Error('unexpected command');
      calls.push({ command, input: cmd.input });
      const answer = answers[command];
      if (!answer) throw new Error(`no answer for ${command}`);
      return answer(cmd.input);
    },
  };
  return { doc: doc as unknown as DynamoDBDocumentClient, calls };
}

const tables = { directory: 'dir', records: 'rec' };
const noWait = () => {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
};
const conditionFailed = () =>
  new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });

const roster = { pk: 'ROSTER', sk: 'CURRENT', ...rosterFromConfig(enConfig()) };
const christmas = { pk: 'HOLIDAY', sk: '2026-12-25', name: 'Christmas Day' };
const ticketItem = (extra: Record<string, unknown> = {}) => ({
  pk: 'TICKET#T-AAAAAA',
  sk: 'TICKET',
  id: 'T-AAAAAA',
  contactId: 'c-1',
  callerPhone: '+13125550142',
  category: 'repair',
  priority: 'normal',
  status: 'open',
  shift: 'night@2026-11-22',
  createdAt: '2026-11-23T03:00:00.000Z',
  updatedAt: '2026-11-23T03:00:00.000Z',
  firstResponseDueAt: '2026-11-23T03:10:00.000Z',
  dueAt: '2026-11-24T03:00:00.000Z',
  source: 'assistant',
  history: [{ at: '2026-11-23T03:00:00.000Z', by: 'assistant', action: 'created' }],
  openPk: 'OPEN',
  version: 3,
  ...extra,
});

describe('BatchGet unprocessed keys (route snapshot)', () => {
  const dates = ['2026-12-24', '2026-12-25', '2026-12-26'];

  it('retries the unprocessed keys with growing jittered waits and returns every item', async () => {
    let n = 0;
    const { doc, calls } = fakeDoc({
      BatchGetCommand: () => {
        n++;
        if (n < 3)
          return {
            Responses: { dir: n === 1 ? [roster] : [] },
            UnprocessedKeys: { dir: { Keys: [{ pk: 'HOLIDAY', sk: '2026-12-25' }] } },
          };
        return { Responses: { dir: [christmas] }, UnprocessedKeys: {} };
      },
    });
    const { waits, sleep } = noWait();
    const snap = await loadRouteSnapshot(doc, tables, dates, undefined, {
      backoff: { sleep, random: () => 0.5 },
    });
    expect(snap.holidays).toEqual([{ date: '2026-12-25', name: 'Christmas Day' }]);
    expect(snap.roster?.businessName).toBe('Brightline Appliances');
    // Only the unprocessed key is asked for again.
    expect(calls[1]?.input.RequestItems).toEqual({ dir: { Keys: [{ pk: 'HOLIDAY', sk: '2026-12-25' }] } });
    expect(waits).toEqual([BATCH_GET_BACKOFF.baseMs * 0.5, BATCH_GET_BACKOFF.baseMs * 2 * 0.5]);
  });

  it('never drops a key: after the last attempt it throws UnprocessedKeysError naming it', async () => {
    const { doc, calls } = fakeDoc({
      BatchGetCommand: () => ({
        Responses: { dir: [roster] },
        UnprocessedKeys: { dir: { Keys: [{ pk: 'HOLIDAY', sk: '2026-12-25' }] } },
      }),
    });
    const { waits, sleep } = noWait();
    const err = await loadRouteSnapshot(doc, tables, dates, '+13125550142', {
      backoff: { sleep, random: () => 0.999 },
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnprocessedKeysError);
    expect((err as UnprocessedKeysError).keys).toEqual({ dir: [{ pk: 'HOLIDAY', sk: '2026-12-25' }] });
    expect((err as Error).message).toMatch(/dir HOLIDAY\/2026-12-25/);
    expect(calls).toHaveLength(BATCH_GET_BACKOFF.maxAttempts);
    expect(waits).toHaveLength(BATCH_GET_BACKOFF.maxAttempts - 1);
    expect(Math.max(...waits)).toBeLessThan(BATCH_GET_BACKOFF.capMs);
    expect(waits).toEqual([...waits].sort((a, b) => a - b)); // exponential ceilings
  });
});

describe('items are decoded, not cast', () => {
  it('a corrupt ticket names the key and the field', async () => {
    const { doc } = fakeDoc({
      GetCommand: () => ({ Item: ticketItem({ status: 'pending', history: [{ at: 'x', by: 'y' }] }) }),
    });
    const err = await new TicketRepository(doc, tables).get('T-AAAAAA').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CorruptItemError);
    expect(err).toMatchObject({ table: 'rec', key: { pk: 'TICKET#T-AAAAAA', sk: 'TICKET' } });
    expect((err as Error).message).toMatch(/pk=TICKET#T-AAAAAA, sk=TICKET: .*status: .*history\.0\.action/);
  });

  it('a corrupt roster, holiday or profile in the route snapshot is an error, not a guess', async () => {
    const { timezone: _tz, ...noZone } = roster;
    const { doc } = fakeDoc({ BatchGetCommand: () => ({ Responses: { dir: [noZone] } }) });
    await expect(loadRouteSnapshot(doc, tables, ['2026-12-25'], undefined)).rejects.toThrow(
      /pk=ROSTER, sk=CURRENT: timezone/,
    );
    const holiday = fakeDoc({ GetCommand: () => ({ Item: { pk: 'HOLIDAY', sk: '2026-12-25' } }) });
    await expect(new DirectoryRepository(holiday.doc, tables).getHoliday('2026-12-25')).rejects.toThrow(
      /pk=HOLIDAY, sk=2026-12-25: name/,
    );
    const profile = fakeDoc({
      GetCommand: () => ({ Item: { pk: 'CALLER#+13125550142', sk: 'PROFILE', openTicketIds: 3 } }),
    });
    await expect(new CallerProfileRepository(profile.doc, tables).get('+13125550142')).rejects.toThrow(
      CorruptItemError,
    );
  });

  it('reads a profile whose open tickets come back as a string set', async () => {
    const { doc } = fakeDoc({
      GetCommand: () => ({
        Item: {
          pk: 'CALLER#+13125550142',
          sk: 'PROFILE',
          name: 'Alex',
          openTicketIds: new Set(['T-2', 'T-1']),
        },
      }),
    });
    expect(await new CallerProfileRepository(doc, tables).get('+13125550142')).toEqual({
      phone: '+13125550142',
      name: 'Alex',
      openTicketIds: ['T-1', 'T-2'],
    });
  });
});

describe('optimistic locking on a numeric version', () => {
  it('reads a ticket written before versions existed as version 0 and updates it', async () => {
    const { version: _v, ...legacy } = ticketItem();
    const { doc, calls } = fakeDoc({ GetCommand: () => ({ Item: legacy }), PutCommand: () => ({}) });
    const repo = new TicketRepository(doc, tables);
    const before = await repo.get('T-AAAAAA');
    expect(before?.version).toBe(0);
    const after = await repo.updateStatus('T-AAAAAA', {
      status: 'in_progress',
      by: 'dana',
      at: new Date('2026-11-23T14:00:00Z'),
    });
    expect(after.version).toBe(1);
    const put = calls.find((c) => c.command === 'PutCommand')!.input;
    expect(put.ConditionExpression).toMatch(/attribute_not_exists\(#v\) OR #v = :prev/);
    expect(put.Item).toMatchObject({ version: 1, status: 'in_progress', openPk: 'OPEN' });
  });

  it('a re-applying writer re-reads after a conflict and lands its change on the latest ticket', async () => {
    let version = 3;
    let conflicts = 2;
    const { doc } = fakeDoc({
      GetCommand: () => ({ Item: ticketItem({ version }) }),
      PutCommand: (input) => {
        if (conflicts-- > 0) {
          version++; // someone else saved in between
          throw conditionFailed();
        }
        expect(input.ExpressionAttributeValues?.[':prev']).toBe(version);
        return {};
      },
    });
    const { waits, sleep } = noWait();
    const repo = new TicketRepository(doc, tables, { backoff: { sleep } });
    const { ticket, changed } = await repo.mutate('T-AAAAAA', (t) => ({ ...t, csat: 5 }));
    expect(changed).toBe(true);
    expect(ticket).toMatchObject({ csat: 5, version: 6 });
    expect(waits).toHaveLength(2);
  });

  it('gives up after the bounded attempts with StaleTicketError', async () => {
    const { doc, calls } = fakeDoc({
      GetCommand: () => ({ Item: ticketItem() }),
      PutCommand: () => {
        throw conditionFailed();
      },
    });
    const repo = new TicketRepository(doc, tables, { backoff: { sleep: async () => {} } });
    const err = await repo.mutate('T-AAAAAA', (t) => ({ ...t, csat: 5 })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StaleTicketError);
    expect(err).toMatchObject({ ticketId: 'T-AAAAAA', attempts: TICKET_RETRY_BACKOFF.maxAttempts });
    expect(calls.filter((c) => c.command === 'PutCommand')).toHaveLength(TICKET_RETRY_BACKOFF.maxAttempts);
  });

  it('a writer that names the version it saw is told, not re-applied', async () => {
    const { doc, calls } = fakeDoc({ GetCommand: () => ({ Item: ticketItem({ version: 4 }) }) });
    const repo = new TicketRepository(doc, tables);
    await expect(
      repo.updateStatus('T-AAAAAA', { status: 'resolved', by: 'dana', at: new Date(), expectedVersion: 3 }),
    ).rejects.toThrow(StaleTicketError);
    expect(calls.some((c) => c.command === 'PutCommand')).toBe(false);
  });
});

describe('every list pages', () => {
  /** An index of `total` open tickets served in pages of at most `pageSize` (DynamoDB's 1 MB cut). */
  function pagedIndex(total: number, pageSize: number) {
    return fakeDoc({
      QueryCommand: (input) => {
        const from = input.ExclusiveStartKey ? Number(String(input.ExclusiveStartKey.pk).slice(9)) + 1 : 0;
        const to = Math.min(total, from + Math.min(pageSize, input.Limit ?? pageSize));
        const Items = Array.from({ length: to - from }, (_, i) => {
          const n = String(from + i).padStart(6, '0');
          return ticketItem({ pk: `TICKET#T-${n}`, id: `T-${n}` });
        });
        const last = Items.at(-1);
        return {
          Items,
          ...(to < total && last
            ? { LastEvaluatedKey: { pk: last.pk, sk: 'TICKET', openPk: 'OPEN', dueAt: 'x' } }
            : {}),
        };
      },
    });
  }

  it('listOpen returns every open ticket, past any page size', async () => {
    const { doc, calls } = pagedIndex(1000, 180);
    const open = await new TicketRepository(doc, tables).listOpen();
    expect(open).toHaveLength(1000);
    expect(new Set(open.map((t) => t.id)).size).toBe(1000);
    expect(calls).toHaveLength(6);
    expect(calls.every((c) => c.input.IndexName === 'openByDue' && c.input.Limit === undefined)).toBe(true);
  });

  it('openPage hands out a cursor that reads the next page, and none on the last', async () => {
    const { doc } = pagedIndex(250, 1000);
    const repo = new TicketRepository(doc, tables);
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await repo.openPage({ limit: 100, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((t) => t.id));
      cursor = page.cursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(250);
  });

  it('refuses a cursor of another list, a made-up cursor and a limit out of range', async () => {
    const { doc } = pagedIndex(250, 1000);
    const repo = new TicketRepository(doc, tables);
    const { cursor } = await repo.openPage({ limit: 10 });
    await expect(repo.callerPage('+13125550142', { cursor: cursor! })).rejects.toThrow(
      InvalidPageRequestError,
    );
    await expect(repo.openPage({ cursor: 'not-a-cursor' })).rejects.toThrow(InvalidPageRequestError);
    await expect(repo.openPage({ limit: 0 })).rejects.toThrow(/limit must be a whole number from 1 to 1000/);
  });
});
