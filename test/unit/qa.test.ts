import { describe, expect, it } from 'vitest';
import { excerpt, selectQaSample } from '../../lambdas/domain/qa.ts';
import type { ContactRecord } from '../../lambdas/domain/records.ts';

function call(i: number, extra: Partial<ContactRecord> = {}): ContactRecord {
  const start = Date.parse('2026-11-23T15:00:00Z') + i * 600_000;
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    contactId: `c-${String(i).padStart(3, '0')}`,
    version: 1,
    eventTypes: [],
    initiatedAt: iso(start),
    enqueuedAt: iso(start + 10_000),
    answeredAt: iso(start + 20_000),
    disconnectedAt: iso(start + 20_000 + (100 + (i % 7) * 10) * 1000),
    shift: 'day@2026-11-23',
    ...extra,
  };
}

const records: ContactRecord[] = [
  ...Array.from({ length: 40 }, (_, i) => call(i)),
  call(100, { csat: 1 }),
  call(101, { csat: 2 }),
  call(102, { csat: 1 }),
  call(103, { disconnectedAt: '2026-11-24T09:00:00.000Z' }), // very long
  call(104, {
    answeredAt: undefined,
    enqueuedAt: undefined,
    mode: 'assistant',
    shift: 'after-hours@2026-11-23',
  }),
  call(105, { answeredAt: undefined, enqueuedAt: undefined, mode: 'assistant' }),
  call(106, { answeredAt: undefined }), // abandoned: not recorded with anyone, not eligible
];

describe('selectQaSample', () => {
  it('covers every stratum: the lowest ratings, the longest call, after hours or the assistant, random', () => {
    const sample = selectQaSample(records, { size: 8, seed: 'week-2026-11-23' });
    expect(sample).toHaveLength(8);
    const by = (s: string) => sample.filter((p) => p.stratum === s).map((p) => p.contactId);
    expect(by('low-csat')).toHaveLength(2);
    for (const id of by('low-csat')) expect(['c-100', 'c-102']).toContain(id); // both rated 1, before the 2
    expect(by('longest-handle')[0]).toBe('c-103');
    expect(by('after-hours-or-assistant').sort()).toEqual(['c-104', 'c-105']);
    expect(by('random')).toHaveLength(2);
    expect(new Set(sample.map((p) => p.contactId)).size).toBe(8);
    expect(sample.map((p) => p.contactId)).not.toContain('c-106');
  });

  it('is the same for the same seed and differs for another', () => {
    const a = selectQaSample(records, { seed: 's1' });
    expect(selectQaSample([...records].reverse(), { seed: 's1' })).toEqual(a);
    const randoms = (seed: string) =>
      selectQaSample(records, { seed })
        .filter((p) => p.stratum === 'random')
        .map((p) => p.contactId);
    const seen = new Set(['s1', 's2', 's3', 's4'].map((s) => randoms(s).join()));
    expect(seen.size).toBeGreaterThan(1);
  });

  it('holds 5 to 10 calls', () => {
    expect(() => selectQaSample(records, { size: 4 })).toThrow(RangeError);
    expect(() => selectQaSample(records, { size: 11 })).toThrow(RangeError);
    expect(selectQaSample(records, { size: 5 })).toHaveLength(5);
  });

  it('reads CSAT from the surveys when the record has none', () => {
    const sample = selectQaSample(records.slice(0, 40), {
      seed: 'x',
      csatOf: (id) => (id === 'c-007' ? 1 : undefined),
    });
    expect(sample.filter((p) => p.stratum === 'low-csat').map((p) => p.contactId)).toEqual(['c-007']);
  });
});

describe('excerpt', () => {
  it('cuts a long transcript at a word near the limit and collapses white space', () => {
    const text = `Caller:   ${'the washer leaks water '.repeat(30)}`;
    const e = excerpt(text, 60);
    expect(e.length).toBeLessThanOrEqual(61);
    expect(e.endsWith('…')).toBe(true);
    expect(e).not.toMatch(/\s{2}/);
    expect(excerpt('short one')).toBe('short one');
  });
});
