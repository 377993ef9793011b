import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DirectoryRepository, TicketRepository } from '../../lambdas/domain/repositories.ts';
import { awsDeps, createHandler } from '../../lambdas/seed/handler.ts';
import type { EmbeddedDynamo } from '../../local/dynamo.ts';
import { enConfig, lambdaContext, seededDynamo, testDeps, zhConfig } from '../helpers.ts';

let db: EmbeddedDynamo;
/** The config assets in S3, by bucket/key. */
const assets = new Map<string, string>();
let assetSeq = 0;
let handler: ReturnType<typeof createHandler>;
beforeAll(async () => {
  db = await seededDynamo();
  handler = createHandler({
    ...awsDeps(),
    directory: new DirectoryRepository(db.doc, db.tables),
    readConfig: async ({ bucket, key }) => {
      const text = assets.get(`${bucket}/${key}`);
      if (text === undefined) throw new Error(`no asset ${bucket}/${key}`);
      return text;
    },
    logger: testDeps.logger,
  });
});
afterAll(async () => db.close());

const event = (type: 'Create' | 'Update' | 'Delete', config: unknown) => {
  const key = `asset-${++assetSeq}.json`;
  assets.set(`cdk-assets/${key}`, typeof config === 'string' ? config : JSON.stringify(config));
  return {
    RequestType: type,
    ServiceToken: 'arn',
    ResponseURL: 'https://example.invalid',
    StackId: 'stack',
    RequestId: 'r',
    LogicalResourceId: 'DataSeed',
    ResourceType: 'Custom::SwitchboardSeed',
    ...(type === 'Create' ? {} : { PhysicalResourceId: 'switchboard-seed-DataSeed' }),
    ResourceProperties: { ServiceToken: 'arn', ConfigBucket: 'cdk-assets', ConfigKey: key, ConfigHash: 'x' },
  };
};

describe('seed custom resource', () => {
  it('writes the deployed config to the directory on create and on update, keeping tickets', async () => {
    const tickets = new TicketRepository(db.doc, db.tables);
    const { ticket } = await tickets.create({
      contactId: 'seed-keep',
      category: 'repair',
      priority: 'normal',
      status: 'open',
      shift: 'day@2026-11-23',
      createdAt: '2026-11-23T15:00:00.000Z',
      updatedAt: '2026-11-23T15:00:00.000Z',
      firstResponseDueAt: '2026-11-23T15:10:00.000Z',
      dueAt: '2026-11-24T15:00:00.000Z',
      source: 'agent',
      history: [],
    });
    const created = (await handler(event('Create', enConfig()) as never, lambdaContext as never)) as {
      PhysicalResourceId: string;
    };
    expect(created.PhysicalResourceId).toBe('switchboard-seed-DataSeed');
    await handler(event('Update', zhConfig()) as never, lambdaContext as never);
    const directory = new DirectoryRepository(db.doc, db.tables);
    expect((await directory.getRoster())?.timezone).toBe('Asia/Shanghai');
    expect((await directory.listHolidays()).map((h) => h.date)).toEqual([
      '2027-01-01',
      '2027-02-06',
      '2027-02-07',
      '2027-10-01',
    ]);
    expect((await tickets.get(ticket.id))?.contactId).toBe('seed-keep');
  });

  it('does nothing on delete (the table is retained) and rejects an invalid config with its problems', async () => {
    expect(await handler(event('Delete', {}) as never, lambdaContext as never)).toEqual({
      PhysicalResourceId: 'switchboard-seed-DataSeed',
    });
    const bad = { ...enConfig(), shifts: [{ id: 'x', start: '25:00', end: '08:00', agents: 1 }] };
    await expect(handler(event('Update', bad) as never, lambdaContext as never)).rejects.toThrow(
      /shifts\[0\]\.start: "25:00" is not a time of day/,
    );
  });

  it('reads the config from its asset: the request (which the provider framework logs) carries no names or numbers', async () => {
    const e = event('Update', enConfig());
    expect(JSON.stringify(e)).not.toMatch(/\+1312|Dana|@brightline/);
    await expect(handler(e as never, lambdaContext as never)).resolves.toMatchObject({
      PhysicalResourceId: 'switchboard-seed-DataSeed',
    });
  });

  it('refuses a broken asset or request in plain words, never a SyntaxError or TypeError', async () => {
    await expect(
      handler(event('Update', '{not json') as never, lambdaContext as never),
    ).rejects.toMatchObject({
      name: 'ConfigError',
      message: expect.stringMatching(/config asset is not JSON/),
    });
    await expect(
      handler(event('Update', { ...enConfig(), queues: [null] }) as never, lambdaContext as never),
    ).rejects.toMatchObject({ name: 'ConfigError', message: expect.stringMatching(/queues\[0\]: is empty/) });
    const noProps = { ...event('Create', enConfig()), ResourceProperties: { Config: '{}' } };
    await expect(handler(noProps as never, lambdaContext as never)).rejects.toMatchObject({
      name: 'InvalidEventError',
      message: expect.stringMatching(/ConfigBucket/),
    });
  });
});
