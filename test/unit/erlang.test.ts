import { describe, expect, it } from 'vitest';
import {
  agentsNeeded,
  averageSpeedOfAnswer,
  erlangB,
  erlangC,
  occupancy,
  serviceLevel,
  trafficErlangs,
} from '../../lambdas/domain/erlang.ts';

/** Erlang C straight from the textbook sum with factorials: an independent check of the recursion. */
function erlangCBySum(n: number, a: number): number {
  let term = 1;
  let sum = 1;
  for (let k = 1; k < n; k++) {
    term *= a / k;
    sum += term;
  }
  const top = ((term * a) / n) * (n / (n - a));
  return top / (sum + top);
}

describe('Erlang C against published worked examples', () => {
  // Call Centre Helper, "Erlang C Formula - Made Simple With an Easy Worked Example": 100 calls per half
  // hour, AHT 180 s, 80 % answered within 20 s. Published: 200 calls an hour, traffic 10 erlangs,
  // P(wait) 68.21 % with 11 agents, and 14 agents (before shrinkage) for 80/20.
  it('reproduces the 100-calls-per-half-hour example', () => {
    const a = trafficErlangs(200, 180);
    expect(a).toBe(10);
    expect(erlangC(11, a)).toBeCloseTo(0.6821, 4);
    expect(agentsNeeded({ callsPerHour: 200, ahtSeconds: 180, target: 0.8, withinSeconds: 20 })).toBe(14);
    expect(serviceLevel(13, a, 180, 20)).toBeLessThan(0.8);
    expect(serviceLevel(14, a, 180, 20)).toBeGreaterThanOrEqual(0.8);
  });

  // Westbay Engineers' step-by-step Erlang-C example: 360 calls per half hour, 4-minute calls, 55 agents,
  // target answer time 15 s. Traffic 48 erlangs, occupancy 87.3 %.
  it('reproduces the 360-calls-per-half-hour example', () => {
    const a = trafficErlangs(720, 240);
    expect(a).toBe(48);
    expect(occupancy(55, a)).toBeCloseTo(0.873, 3);
    expect(erlangC(55, a)).toBeCloseTo(erlangCBySum(55, a), 12);
    expect(erlangC(55, a)).toBeCloseTo(0.2387, 4);
    expect(averageSpeedOfAnswer(55, a, 240)).toBeCloseTo(8.18, 2);
    expect(serviceLevel(55, a, 240, 15)).toBeCloseTo(0.8459, 4);
  });

  it('matches the factorial sum everywhere a small business lives, and stays finite at 500 agents', () => {
    for (const a of [0.1, 0.5, 1, 2.5, 7, 20])
      for (const n of [Math.floor(a) + 1, Math.floor(a) + 2, Math.floor(a) + 5])
        expect(erlangC(n, a)).toBeCloseTo(erlangCBySum(n, a), 10);
    expect(Number.isFinite(erlangC(500, 480))).toBe(true);
  });

  it('one agent, 10 calls an hour of 3 minutes: half the callers wait (A = 0.5, C = A)', () => {
    const a = trafficErlangs(10, 180);
    expect(erlangC(1, a)).toBeCloseTo(0.5, 12);
    expect(erlangB(1, a)).toBeCloseTo(1 / 3, 12);
    expect(agentsNeeded({ callsPerHour: 10, ahtSeconds: 180, target: 0.9, withinSeconds: 30 })).toBe(2);
  });

  it('says the queue grows without bound when agents cannot keep up, and needs nobody for no calls', () => {
    expect(erlangC(3, 3)).toBe(1);
    expect(serviceLevel(3, 4, 180, 30)).toBe(0);
    expect(averageSpeedOfAnswer(3, 4, 180)).toBe(Number.POSITIVE_INFINITY);
    expect(agentsNeeded({ callsPerHour: 0, ahtSeconds: 180, target: 0.9, withinSeconds: 30 })).toBe(0);
    expect(() =>
      agentsNeeded({ callsPerHour: 1e6, ahtSeconds: 600, target: 0.9, withinSeconds: 30 }),
    ).toThrow(RangeError);
  });
});
