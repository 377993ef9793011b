import { describe, expect, it } from 'vitest';
import { localDayRange } from '../../lambdas/domain/operations.ts';
import { shiftHours, staffingPlan } from '../../lambdas/domain/plan.ts';
import type { ContactRecord } from '../../lambdas/domain/records.ts';
import { enConfig, zhConfig } from '../helpers.ts';

const en = enConfig();
const week = localDayRange('2026-11-23', '2026-11-29', en.business.timezone); // Monday to Sunday

describe('shiftHours', () => {
  it('counts the hours each shift is on in the period, by its days', () => {
    const [day, evening, night] = en.shifts;
    expect(shiftHours(day!, en.business.timezone, week)).toBe(6 * 8); // Mon-Sat
    expect(shiftHours(evening!, en.business.timezone, week)).toBe(5 * 4); // Mon-Fri
    // 20:00-08:00 every day: Sunday night's first 8 hours are in, Monday 00:00-08:00 is from the 22nd.
    expect(shiftHours(night!, en.business.timezone, week)).toBe(7 * 12);
  });
});

describe('staffingPlan', () => {
  it('measures calls per hour and handle time per shift from the records', () => {
    // 96 calls in the day shift's 48 hours: 2 an hour, each 150 s talk + 30 s ACW.
    const records: ContactRecord[] = Array.from({ length: 96 }, (_, i) => {
      const start = Date.parse('2026-11-23T15:00:00Z') + i * 60_000;
      const iso = (ms: number) => new Date(ms).toISOString();
      return {
        contactId: `p-${i}`,
        version: 1,
        eventTypes: [],
        initiatedAt: iso(start),
        enqueuedAt: iso(start + 10_000),
        answeredAt: iso(start + 20_000),
        disconnectedAt: iso(start + 170_000),
        acwSeconds: 30,
        shift: 'day@2026-11-23',
      };
    });
    const [day, evening] = staffingPlan(en, records, week);
    expect(day).toMatchObject({
      shift: 'day',
      callsPerHour: 2,
      ahtSeconds: 180,
      agentsRostered: 3,
      agentsNeeded: 1,
      source: 'measured',
    });
    expect(day!.predictedServiceLevel).toBeGreaterThan(0.99);
    expect(day!.advice).toBe('day: 3 rostered, 1 needed for 90 % within 30 s; predicted 100 %');
    expect(evening).toMatchObject({ source: 'none', agentsNeeded: 0 });
    expect(evening!.advice).toMatch(/--calls-per-hour/);
  });

  it('says what to change when the roster is short (the night shift of the Chinese example)', () => {
    const rows = staffingPlan(zhConfig(), [], week, { callsPerHour: 15, ahtSeconds: 180 });
    const night = rows.find((r) => r.shift === 'night')!;
    expect(night).toMatchObject({ agentsRostered: 1, agentsNeeded: 3, source: 'given', callsPerHour: 15 });
    expect(night.predictedServiceLevel).toBeLessThan(0.9);
    expect(night.averageWaitSeconds).toBeGreaterThan(30);
    expect(night.advice).toContain('night：排班 1 人，需要 3 人');
    expect(night.advice).toContain('回拨');
  });

  it('reports an overloaded shift as unbounded wait, not a number', () => {
    const rows = staffingPlan(zhConfig(), [], week, { callsPerHour: 40, ahtSeconds: 180 });
    const night = rows.find((r) => r.shift === 'night')!; // 2 erlangs on 1 agent
    expect(night.averageWaitSeconds).toBeNull();
    expect(night.predictedServiceLevel).toBe(0);
  });

  it("for an unstaffed shift, counts the assistant's calls and names the agents it would take", () => {
    const rows = staffingPlan(en, [], week, { callsPerHour: 4, ahtSeconds: 180 });
    expect(rows.find((r) => r.shift === 'night')!.advice).toBe(
      'night: nobody rostered; the assistant takes about 4 calls an hour; 2 agent(s) would answer 90 % within 30 s',
    );
  });
});
