import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OperationsStore } from '../../lambdas/domain/operations.ts';
import { awsDeps, createHandler } from '../../lambdas/weekly-report/handler.ts';
import type { EmbeddedDynamo } from '../../local/dynamo.ts';
import { simulate } from '../../local/sim/simulate.ts';
import { LocalSwitchboard } from '../../local/switchboard.ts';
import { enConfig, lambdaContext, zhConfig } from '../helpers.ts';

let sb: LocalSwitchboard;
let db: EmbeddedDynamo;
beforeAll(async () => {
  // A week of calls through the real flows and handlers (switchboard simulate).
  sb = await LocalSwitchboard.start(enConfig());
  db = sb.db;
  await simulate({
    config: enConfig(),
    switchboard: sb,
    start: '2026-11-16',
    days: 7,
    callsPerDay: 24,
    seed: 'weekly',
  });
}, 300_000);
afterAll(async () => {
  await sb.stop();
});

describe('weekly-report handler', () => {
  it("e-mails last week's KPI summary and QA sample to the managers", async () => {
    const sent: Array<{ subject: string; text: string }> = [];
    const handler = createHandler({
      store: new OperationsStore(db.doc, db.tables),
      config: enConfig(),
      email: async (subject, text) => {
        sent.push({ subject, text });
      },
      now: () => new Date('2026-11-23T14:00:00Z'), // Monday 08:00 in Chicago
    });
    const summary = await handler({}, lambdaContext as never);
    expect(summary).toMatchObject({ from: '2026-11-16', to: '2026-11-22' });
    expect(summary.contacts).toBeGreaterThan(100);
    expect(summary.targetsMet + summary.targetsMissed).toBeGreaterThan(5);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.subject).toBe('Brightline Appliances: phone line report 2026-11-16..2026-11-22');
    expect(sent[0]!.text).toMatch(/Answer rate\s+\d/);
    expect(sent[0]!.text).toMatch(/Calls to review \([5-9]\):/);
  });

  it('reads the report config slice from REPORT_CONFIG and says what is wrong with it', () => {
    const base = { RECORDS_TABLE: 't', REPORT_TOPIC_ARN: 'arn:aws:sns:us-east-1:1:t' };
    expect(() => awsDeps({ ...base, REPORT_CONFIG: '{"business":{}}' }).config).toThrow(/REPORT_CONFIG/);
    const c = zhConfig();
    const deps = awsDeps({
      ...base,
      REPORT_CONFIG: JSON.stringify({ business: c.business, sla: c.sla, shifts: c.shifts, queues: c.queues }),
    });
    expect(deps.config.business.timezone).toBe('Asia/Shanghai');
  });
});
