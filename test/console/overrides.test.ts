import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamoConsoleStore } from '../../lambdas/console/store.ts';
import { activeClosure, decodeOverrides, type Override } from '../../lambdas/domain/overrides.ts';
import { DirectoryRepository, loadRouteSnapshot } from '../../lambdas/domain/repositories.ts';
import { seedDirectory } from '../../lambdas/domain/seed.ts';
import { route } from '../../lambdas/route/route.ts';
import type { EmbeddedDynamo } from '../../local/dynamo.ts';
import { enConfig, seededDynamo } from '../helpers.ts';

const MON_9AM = new Date('2026-11-23T15:00:00Z');
const closed = (over: Partial<Override> = {}): Override =>
  ({
    id: 'c1',
    type: 'closed',
    reason: 'a burst pipe',
    from: '2026-11-23T14:00:00.000Z',
    createdAt: '2026-11-23T14:00:00.000Z',
    by: 'm',
    ...over,
  }) as Override;

describe('which closure is in force', () => {
  it('from its start until its end, or until reopened when it has none', () => {
    expect(activeClosure([closed()], MON_9AM)?.reason).toBe('a burst pipe');
    expect(activeClosure([closed({ until: '2026-11-23T14:30:00.000Z' })], MON_9AM)).toBeNull();
    expect(activeClosure([closed({ from: '2026-11-23T16:00:00.000Z' })], MON_9AM)).toBeNull();
  });

  it('skips an entry that does not decode instead of failing the call path', () => {
    const { overrides } = decodeOverrides({ overrides: [closed(), { type: 'closed' }, 42], version: 3 });
    expect(overrides).toHaveLength(1);
  });
});

describe('overrides in the directory table', () => {
  let db: EmbeddedDynamo;
  beforeAll(async () => {
    db = await seededDynamo();
  });
  afterAll(async () => db.close());

  it('survive a re-seed from the config (a deploy never erases them)', async () => {
    const store = dynamoConsoleStore(db.doc, db.tables, () => MON_9AM);
    await store.addOverride(closed(), MON_9AM);
    await seedDirectory(new DirectoryRepository(db.doc, db.tables), enConfig());
    expect((await store.listOverrides()).map((o) => o.id)).toEqual(['c1']);
  });

  it('are read by route in its one request: a closure sends the caller to the assistant with the reason', async () => {
    const load = (dates: string[], phone: string | undefined) =>
      loadRouteSnapshot(db.doc, db.tables, dates, phone);
    const r = await route('+13125550142', { load, now: MON_9AM });
    expect(r).toMatchObject({
      mode: 'assistant',
      reason: 'holiday',
      holiday: 'a burst pipe',
      onCallName: 'Dana Whitfield',
    });
    const store = dynamoConsoleStore(db.doc, db.tables, () => MON_9AM);
    await store.removeOverride('c1', MON_9AM);
    expect(await route('+13125550142', { load, now: MON_9AM })).toMatchObject({
      mode: 'open',
      reason: 'open',
    });
  });

  it('drop expired entries when the list is written', async () => {
    const store = dynamoConsoleStore(db.doc, db.tables, () => MON_9AM);
    await store.addOverride(
      closed({ id: 'old', until: '2026-11-22T00:00:00.000Z' }),
      new Date('2026-11-21T00:00:00Z'),
    );
    await store.addOverride(closed({ id: 'new' }), MON_9AM);
    expect((await store.listOverrides()).map((o) => o.id)).toEqual(['new']);
  });
});

describe('two managers at once', () => {
  it('both overrides are kept when they are added at the same moment', async () => {
    const db = await seededDynamo();
    try {
      const a = dynamoConsoleStore(db.doc, db.tables, () => MON_9AM);
      const b = dynamoConsoleStore(db.doc, db.tables, () => MON_9AM);
      await Promise.all([
        a.addOverride(closed({ id: 'a' }), MON_9AM),
        b.addOverride(closed({ id: 'b', createdAt: '2026-11-23T14:01:00.000Z' }), MON_9AM),
      ]);
      expect((await a.listOverrides()).map((o) => o.id).sort()).toEqual(['a', 'b']);
    } finally {
      await db.close();
    }
  });
});
