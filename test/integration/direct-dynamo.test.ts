import { ConditionalCheckFailedException, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocClient } from '../../lambdas/domain/doc-client.ts';
import { type EmbeddedDynamo, startDynamo } from '../../local/dynamo.ts';

// The engine's direct document client against the SDK's, each on its own dynalite: every command the
// repositories send must give the same result (values, sets, numbers, pages) and the same error.
let sdk: EmbeddedDynamo;
let direct: EmbeddedDynamo;
beforeAll(async () => {
  [sdk, direct] = await Promise.all([startDynamo({ client: 'sdk' }), startDynamo({ client: 'direct' })]);
});
afterAll(async () => {
  await Promise.all([sdk.close(), direct.close()]);
});

type Send = (doc: DocClient, table: string) => Promise<unknown>;

/** BatchGetItem returns a table's items in no set order (DynamoDB documents it so): compare them sorted. */
const sorted = (out: Record<string, unknown>) => {
  const responses = out.Responses as Record<string, Array<{ pk: string; sk: string }>> | undefined;
  if (!responses) return out;
  const key = (i: { pk: string; sk: string }) => `${i.pk}|${i.sk}`;
  return {
    ...out,
    Responses: Object.fromEntries(
      Object.entries(responses).map(([t, items]) => [
        t,
        [...items].sort((a, b) => key(a).localeCompare(key(b))),
      ]),
    ),
  };
};

/** The outcome of one command, minus what differs by transport on purpose (request ids). */
async function outcome(db: EmbeddedDynamo, send: Send): Promise<unknown> {
  try {
    const out = (await send(db.doc, db.tables.records)) as Record<string, unknown>;
    const { $metadata, ...rest } = out;
    return { ok: sorted(rest), status: ($metadata as { httpStatusCode?: number }).httpStatusCode };
  } catch (err) {
    const e = err as Error & { $fault?: string; $metadata?: { httpStatusCode?: number } };
    return {
      error: e.name,
      message: e.message,
      fault: e.$fault,
      status: e.$metadata?.httpStatusCode,
      class: e.constructor.name,
    };
  }
}

const same = async (send: Send) => {
  const [a, b] = await Promise.all([outcome(sdk, send), outcome(direct, send)]);
  expect(b).toEqual(a);
  return a;
};

// Attribute values as the repositories store them: strings, numbers, booleans, null, lists, maps and
// string sets, with undefined fields (removed by `removeUndefinedValues`).
const leaf = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.integer({ min: -1e9, max: 1e9 }),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }),
  fc.boolean(),
  fc.constant(null),
);
const value = fc.letrec((tie) => ({
  v: fc.oneof(
    { depthSize: 'small' },
    leaf,
    fc.array(tie('v'), { maxLength: 3 }),
    fc.dictionary(fc.string({ minLength: 1, maxLength: 6 }), tie('v'), { maxKeys: 3 }),
    fc
      .uniqueArray(fc.string({ minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 3 })
      .map((xs) => new Set(xs)),
  ),
})).v;
const item = fc.dictionary(
  fc.string({ minLength: 1, maxLength: 8 }).filter((k) => k !== 'pk' && k !== 'sk'),
  fc.option(value, { nil: undefined }),
  { maxKeys: 6 },
);

describe('the engine’s direct DynamoDB client answers as the SDK does', () => {
  it('stores and reads back any item the same way (property)', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(item, async (attrs) => {
        const pk = `P#${n++}`;
        await same((doc, t) => doc.send(new PutCommand({ TableName: t, Item: { pk, sk: 'S', ...attrs } })));
        await same((doc, t) => doc.send(new GetCommand({ TableName: t, Key: { pk, sk: 'S' } })));
      }),
      { numRuns: 60 },
    );
  });

  it('binary values (Buffer, Uint8Array, binary sets) and function-valued members, as lib-dynamodb treats them', async () => {
    const bin = { pk: 'B#1', sk: 'S' };
    await same((doc, t) =>
      doc.send(
        new PutCommand({
          TableName: t,
          Item: {
            ...bin,
            buf: Buffer.from('hi'),
            u8: new Uint8Array([0, 1, 255]),
            bs: new Set([new Uint8Array([1]), new Uint8Array([2])]),
            nested: { b: Buffer.from('x') },
            skip: () => 1,
          },
        }),
      ),
    );
    await same((doc, t) => doc.send(new GetCommand({ TableName: t, Key: bin })));
  });

  it('gives each response its own $metadata, with the request id', async () => {
    const a = await direct.doc.send(
      new GetCommand({ TableName: direct.tables.records, Key: { pk: 'x', sk: 'y' } }),
    );
    const b = await direct.doc.send(
      new GetCommand({ TableName: direct.tables.records, Key: { pk: 'x', sk: 'y' } }),
    );
    expect(a.$metadata).not.toBe(b.$metadata);
    expect(a.$metadata).toMatchObject({ httpStatusCode: 200, requestId: expect.any(String) });
  });

  it('updates, conditions, counters, string-set ADD/DELETE and ReturnValues', async () => {
    const key = { pk: 'U#1', sk: 'S' };
    await same((doc, t) =>
      doc.send(new PutCommand({ TableName: t, Item: { ...key, version: 1, tags: new Set(['a']) } })),
    );
    await same((doc, t) =>
      doc.send(
        new UpdateCommand({
          TableName: t,
          Key: key,
          UpdateExpression: 'SET #n = :n ADD version :one, tags :t',
          ConditionExpression: 'version = :v',
          ExpressionAttributeNames: { '#n': 'name' },
          ExpressionAttributeValues: { ':n': 'Ana', ':one': 1, ':t': new Set(['b']), ':v': 1 },
          ReturnValues: 'ALL_NEW',
        }),
      ),
    );
    // A stale version: the SDK's ConditionalCheckFailedException class, in both.
    const stale = await same((doc, t) =>
      doc.send(
        new PutCommand({
          TableName: t,
          Item: { ...key, version: 2 },
          ConditionExpression: 'version = :prev',
          ExpressionAttributeValues: { ':prev': 1 },
        }),
      ),
    );
    expect(stale).toMatchObject({ error: 'ConditionalCheckFailedException', status: 400 });
    const err = await direct.doc
      .send(
        new PutCommand({
          TableName: direct.tables.records,
          Item: { ...key },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      )
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConditionalCheckFailedException);
    await same((doc, t) =>
      doc.send(
        new UpdateCommand({
          TableName: t,
          Key: key,
          UpdateExpression: 'DELETE tags :t',
          ExpressionAttributeValues: { ':t': new Set(['a']) },
          ReturnValues: 'UPDATED_OLD',
        }),
      ),
    );
    await same((doc, t) => doc.send(new DeleteCommand({ TableName: t, Key: key, ReturnValues: 'ALL_OLD' })));
    await same((doc, t) => doc.send(new GetCommand({ TableName: t, Key: key })));
  });

  it('queries in pages (limit, ExclusiveStartKey, index) and batch-gets with missing keys', async () => {
    for (let i = 0; i < 7; i++)
      await same((doc, t) =>
        doc.send(
          new PutCommand({
            TableName: t,
            Item: { pk: 'Q', sk: `S#${i}`, n: i, status: i % 2 ? 'open' : 'closed' },
          }),
        ),
      );
    let start: Record<string, unknown> | undefined;
    for (let page = 0; page < 4; page++) {
      const out = (await same((doc, t) =>
        doc.send(
          new QueryCommand({
            TableName: t,
            KeyConditionExpression: 'pk = :p',
            FilterExpression: '#s = :o',
            ExpressionAttributeNames: { '#s': 'status' },
            ExpressionAttributeValues: { ':p': 'Q', ':o': 'open' },
            Limit: 3,
            ...(start ? { ExclusiveStartKey: start } : {}),
          }),
        ),
      )) as { ok: { LastEvaluatedKey?: Record<string, unknown> } };
      start = out.ok.LastEvaluatedKey;
      if (!start) break;
    }
    await same((doc, t) =>
      doc.send(
        new BatchGetCommand({
          RequestItems: {
            [t]: {
              Keys: [
                { pk: 'Q', sk: 'S#1' },
                { pk: 'Q', sk: 'nope' },
                { pk: 'Q', sk: 'S#6' },
              ],
            },
          },
        }),
      ),
    );
  });

  it('reports errors as the SDK does: unknown table, malformed key, invalid expression', async () => {
    await same((doc) => doc.send(new GetCommand({ TableName: 'no-such-table', Key: { pk: 'x', sk: 'y' } })));
    await same((doc, t) => doc.send(new GetCommand({ TableName: t, Key: { pk: 'x' } })));
    await same((doc, t) =>
      doc.send(
        new UpdateCommand({ TableName: t, Key: { pk: 'x', sk: 'y' }, UpdateExpression: 'SET = nonsense' }),
      ),
    );
  });

  it('refuses a command it does not translate, naming where to add it', async () => {
    const err = await direct.doc
      .send(new TransactWriteCommand({ TransactItems: [] }))
      .catch((e: unknown) => e as Error);
    expect(String(err)).toMatch(/TransactWriteCommand is not supported.*local\/direct-dynamo\.ts/);
    // The SDK's client stays available for tools (tables, a second process).
    expect(
      (await direct.client.send(new DescribeTableCommand({ TableName: direct.tables.records }))).Table,
    ).toBeTruthy();
  });
});
