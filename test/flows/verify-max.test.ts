import { describe, expect, it } from 'vitest';
import { LocalSwitchboard } from '../../local/switchboard.ts';
import { formatVerify, verify } from '../../local/verify.ts';
import { maxConfig } from '../../scripts/lib/max-config.ts';

describe('verify on the largest valid config', () => {
  it('reaches 100 % of the reachable actions of every flow (12 keys × 12-key sub-menus, 50 holidays, 50 FAQ entries)', async () => {
    const { config } = maxConfig();
    expect(config.ivr.menu).toHaveLength(12);
    expect(config.ivr.menu.every((m) => m.menu?.length === 12)).toBe(true);
    const sb = await LocalSwitchboard.start(config);
    try {
      const report = await verify(sb);
      for (const c of report.coverage) expect(c.missed, formatVerify(report)).toEqual([]);
      expect(report.coverage.find((c) => c.flow === 'inbound')).toMatchObject({ actions: 250, percent: 100 });
      expect(report.runs).toBeLessThanOrEqual(report.budget);
      const structural = report.violations.filter((v) => v.kind !== 'broken-promise');
      expect(structural).toEqual([]);
    } finally {
      await sb.stop();
    }
  }, 900_000);
});
