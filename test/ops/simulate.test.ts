import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SwitchboardConfig } from '../../config/schema.ts';
import { staffingPlan } from '../../lambdas/domain/plan.ts';
import { ContactRecordRepository, contactResult, isCallbackLeg } from '../../lambdas/domain/records.ts';
import { zonedInstant } from '../../lambdas/domain/time.ts';
import { AgentPool, StaffingTimeline } from '../../local/sim/agents.ts';
import { simulate } from '../../local/sim/simulate.ts';
import { LocalSwitchboard } from '../../local/switchboard.ts';
import { enConfig, ROOT } from '../helpers.ts';

const switchboard = (...args: string[]) =>
  spawnSync(process.execPath, [resolve(ROOT, 'bin/switchboard.js'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 300_000,
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  });

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'sb-sim-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** The config with one shift around the clock, every day, staffed with `agents`. */
function roundTheClock(agents: number): SwitchboardConfig {
  const c = enConfig();
  return {
    ...c,
    shifts: [
      { ...c.shifts[0]!, id: 'all', name: 'All day', start: '00:00', end: '00:00', agents, days: undefined },
    ],
    onCall: [],
    holidays: [],
  } as SwitchboardConfig;
}

describe('the agent pool (first come, first served, with patience)', () => {
  const config = roundTheClock(1);
  const t0 = zonedInstant('2026-11-23', 600, config.business.timezone).getTime();
  const request = (atS: number, patienceSeconds: number, takesCallback = false) => ({
    at: t0 + atS * 1000,
    patienceSeconds,
    takesCallback,
    talkSeconds: 90,
    acwSeconds: 10,
  });

  it('answers the next caller when the agent is free, and lets an impatient one go without taking the agent', () => {
    const pool = new AgentPool(new StaffingTimeline(config, '2026-11-23', '2026-11-24'));
    expect(pool.offer(request(0, 60))).toEqual({ answerAt: t0, agent: 'agent-1' });
    // Busy until 100 s: a caller at 10 s who waits 30 s gives up at 40 s.
    expect(pool.offer(request(10, 30))).toEqual({ giveUpAt: t0 + 40_000 });
    // The next one is answered at 100 s: the one who gave up did not hold the agent.
    expect(pool.offer(request(20, 300)).answerAt).toBe(t0 + 100_000);
    // A caller who takes the callback keeps their place (answered at 200 s), whatever their patience.
    expect(pool.offer(request(30, 5, true)).answerAt).toBe(t0 + 200_000);
    expect(pool.metrics(t0 + 35_000)).toMatchObject({ staffed: 1, available: 0, inQueue: 3 });
  });

  it('serves a queued callback when the next shift comes on, not while nobody is on duty', () => {
    const c = enConfig();
    const pool = new AgentPool(new StaffingTimeline(c, '2026-11-23', '2026-11-25'));
    // Monday 19:59 Chicago: the evening shift (2 agents) ends at 20:00; the night shift has nobody.
    const at = zonedInstant('2026-11-23', 19 * 60 + 59, c.business.timezone).getTime();
    pool.offer({ at, patienceSeconds: 999, takesCallback: false, talkSeconds: 600, acwSeconds: 0 });
    pool.offer({ at, patienceSeconds: 999, takesCallback: false, talkSeconds: 600, acwSeconds: 0 });
    const fate = pool.offer({ at, patienceSeconds: 60, takesCallback: true, talkSeconds: 60, acwSeconds: 0 });
    expect(fate.answerAt).toBe(zonedInstant('2026-11-24', 8 * 60, c.business.timezone).getTime());
  });
});

describe('switchboard simulate', () => {
  it('matches the Erlang C plan: staffed as plan recommends, the simulated service level is within 5 points', async () => {
    const callsPerHour = 8;
    const ahtSeconds = 240;
    const probe = roundTheClock(1);
    const [row] = staffingPlan(
      probe,
      [],
      { from: new Date('2026-11-23T00:00:00Z'), to: new Date('2026-11-24T00:00:00Z') },
      { callsPerHour, ahtSeconds },
    );
    const config = roundTheClock(row!.agentsNeeded);
    const [planned] = staffingPlan(
      config,
      [],
      { from: new Date('2026-11-23T00:00:00Z'), to: new Date('2026-11-24T00:00:00Z') },
      { callsPerHour, ahtSeconds },
    );
    const sb = await LocalSwitchboard.start(config);
    try {
      const summary = await simulate({
        config,
        switchboard: sb,
        start: '2026-11-23',
        days: 3,
        callsPerDay: callsPerHour * 24,
        profile: Array.from({ length: 24 }, () => 1),
        ahtSeconds,
        // Erlang C's callers never give up and take no callback.
        patienceSeconds: 1e6,
        callbackShare: 0,
        seed: 'erlang',
      });
      expect(summary.errors).toBe(0);
      expect(summary.answered).toBeGreaterThan(400);
      expect(Math.abs(summary.serviceLevel! - planned!.predictedServiceLevel)).toBeLessThanOrEqual(0.05);
      // The records (through the contact-events function) tell the same service level.
      const records = (await new ContactRecordRepository(sb.db.doc, sb.db.tables).listAll()).filter(
        (r) => !isCallbackLeg(r),
      );
      const waits = records.map(contactResult).flatMap((r) => (r.kind === 'agent' ? [r.waitSeconds] : []));
      expect(waits.length).toBe(summary.answered);
      const inSla = waits.filter((w) => w <= config.sla.answerWithinSeconds).length / waits.length;
      expect(Math.abs(inSla - planned!.predictedServiceLevel)).toBeLessThanOrEqual(0.05);
    } finally {
      await sb.stop();
    }
  }, 600_000);

  it('is deterministic for a seed and leaves records, tickets and surveys for report and plan', () => {
    const dir = tempDir();
    const args = ['--days', '1', '--calls-per-day', '60', '--start', '2026-11-23', '--seed', '7', '--json'];
    const first = switchboard('simulate', ...args, '--data', dir);
    expect(first.status, first.stderr).toBe(0);
    const summary = JSON.parse(first.stdout);
    expect(Object.keys(summary)).toEqual(
      expect.arrayContaining(['calls', 'answered', 'abandoned', 'assistant', 'callbacks', 'tickets']),
    );
    expect(summary.calls).toBeGreaterThan(30);
    expect(summary.answered + summary.assistant).toBeGreaterThan(0);
    // The same seed in a fresh database: the same calls.
    const again = switchboard('simulate', ...args);
    expect(JSON.parse(again.stdout)).toEqual(summary);
    const records = JSON.parse(switchboard('records', '--data', dir, '--json').stdout);
    expect(
      records.filter((r: { initiationMethod?: string }) => r.initiationMethod !== 'CALLBACK'),
    ).toHaveLength(summary.calls);
    const report = JSON.parse(switchboard('report', '--data', dir, '--format', 'json').stdout);
    expect(report.totals.contacts).toBe(summary.calls);
    expect(report.tickets.created).toBe(summary.tickets);
  }, 600_000);

  it('refuses a profile that is not 24 hour weights', () => {
    const out = switchboard(
      'simulate',
      '--days',
      '1',
      '--calls-per-day',
      '5',
      '--profile',
      resolve(ROOT, 'package.json'),
    );
    expect(out.status).toBe(2);
    expect(out.stderr).toContain('--profile');
  });
});

describe('switchboard call --data', () => {
  it('leaves the contact record that switchboard records shows', () => {
    const dir = tempDir();
    const call = switchboard(
      'call',
      '--data',
      dir,
      '--at',
      '2026-11-23T15:00:00Z',
      '--input',
      '1',
      '--input',
      '5',
    );
    expect(call.status, call.stderr).toBe(0);
    const [record] = JSON.parse(switchboard('records', '--data', dir, '--json').stdout);
    expect(record).toMatchObject({
      mode: 'open',
      shift: 'day@2026-11-23',
      queue: 'sales',
      category: 'sales',
      menuPath: '1',
      csat: 5,
      eventTypes: [
        'COMPLETED',
        'CONNECTED_TO_AGENT',
        'CONTACT_DATA_UPDATED',
        'DISCONNECTED',
        'INITIATED',
        'QUEUED',
      ],
    });
    expect(switchboard('records', '--data', dir).stdout).toMatch(/agent after \d+ s {2}sales/);
  });
});
