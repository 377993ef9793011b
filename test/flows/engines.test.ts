import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FLOW_FUNCTION_NAMES, FLOW_FUNCTIONS } from '../../contact-flows/contracts.ts';
import { ScriptedCaller } from '../../local/phone.ts';
import { LocalSwitchboard } from '../../local/switchboard.ts';
import { enConfig, zhConfig } from '../helpers.ts';

// Two local instances in one process: each has its own database, clock, outbox and handlers.
let en: LocalSwitchboard;
let zh: LocalSwitchboard;
beforeAll(async () => {
  [en, zh] = await Promise.all([LocalSwitchboard.start(enConfig()), LocalSwitchboard.start(zhConfig())]);
});
afterAll(async () => Promise.all([en.stop(), zh.stop()]));

describe('several engines in one process', () => {
  it('run calls concurrently without sharing a database, a clock or an outbox', async () => {
    // After hours in both: Chicago Mon 22:00, and New Year's Day (a holiday) at noon in Shanghai.
    const enAt = new Date('2026-11-24T04:00:00Z');
    const zhAt = new Date('2027-01-01T04:00:00Z');
    const [a, b] = await Promise.all([
      en.call({ at: enAt, caller: new ScriptedCaller(['say:I smell gas', '2']), from: '+13125550177' }),
      zh.call({ at: zhAt, caller: new ScriptedCaller(['say:家里煤气漏气了', '2']), from: '+8613900139000' }),
    ]);
    expect(a.tickets).toHaveLength(1);
    expect(b.tickets).toHaveLength(1);
    // Each ticket is stamped by its own engine's simulated clock.
    expect(Date.parse(a.tickets[0]!.dueAt)).toBeGreaterThan(enAt.getTime());
    expect(Date.parse(a.tickets[0]!.dueAt) - enAt.getTime()).toBeLessThan(60 * 60 * 1000);
    expect(Date.parse(b.tickets[0]!.dueAt)).toBeGreaterThan(zhAt.getTime());
    expect(Date.parse(b.tickets[0]!.dueAt) - zhAt.getTime()).toBeLessThan(60 * 60 * 1000);
    // Each outbox holds only its own line's texts.
    expect(en.outbox.every((n) => !/[\u4e00-\u9fff]/.test(n.text))).toBe(true);
    expect(zh.outbox.some((n) => /[\u4e00-\u9fff]/.test(n.text))).toBe(true);
    expect(en.outbox.some((n) => n.text.includes(b.tickets[0]!.id))).toBe(false);
    // Each database holds only its own tickets.
    expect(en.db.endpoint).not.toBe(zh.db.endpoint);
  });

  it('builds one handler per flow function of the contract registry', () => {
    for (const name of FLOW_FUNCTION_NAMES) expect(typeof en.functions[name]).toBe('function');
    expect(Object.keys(FLOW_FUNCTIONS).sort()).toEqual([...FLOW_FUNCTION_NAMES].sort());
  });
});

describe('the contract between flows and functions', () => {
  it('every key a flow function returns is in its contract, and every contract key is returned', async () => {
    const at = new Date('2026-11-24T04:00:00Z');
    const r = await en.call({ at, caller: new ScriptedCaller(['say:I smell gas', '2']) });
    const seen = new Map<string, Set<string>>();
    for (const call of r.lambdaCalls) {
      const name = call.function.replace(/^switchboard-/, '');
      const keys = seen.get(name) ?? new Set<string>();
      for (const k of Object.keys((call.response ?? {}) as object)) keys.add(k);
      seen.set(name, keys);
    }
    expect([...seen.keys()]).toEqual(expect.arrayContaining(['route', 'ticket']));
    for (const [fn, keys] of seen) {
      const contract = FLOW_FUNCTIONS[fn as keyof typeof FLOW_FUNCTIONS];
      expect(contract, fn).toBeDefined();
      expect([...keys].sort(), fn).toEqual([...contract.results].sort());
    }
  });
});
