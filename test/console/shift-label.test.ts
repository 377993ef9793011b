import { describe, expect, it } from 'vitest';
import { shiftLabel } from '../../web/src/shift-label.ts';

const shifts = [
  { id: 'day', name: 'Day' },
  { id: 'night', name: '夜班' },
];

describe('a ticket’s shift on the page', () => {
  it('names the shift from the config and its local date, not the stored key', () => {
    expect(shiftLabel('day@2026-11-23', shifts, 'en', 'Outside shifts')).toBe('Day · Mon, Nov 23');
    expect(shiftLabel('after-hours@2026-11-24', shifts, 'en', 'Outside shifts')).toBe(
      'Outside shifts · Tue, Nov 24',
    );
  });

  it('speaks Chinese on the Chinese page', () => {
    expect(shiftLabel('night@2026-11-23', shifts, 'zh', '班次之外')).toBe('夜班 · 11月23日周一');
    expect(shiftLabel('after-hours@2026-11-24', shifts, 'zh', '班次之外')).toMatch(/^班次之外 · 11月24日/);
  });

  it('keeps what it cannot read: an unknown shift id, a key without a date', () => {
    expect(shiftLabel('evening@2026-11-23', shifts, 'en', 'Outside shifts')).toBe('evening · Mon, Nov 23');
    expect(shiftLabel('legacy', shifts, 'en', 'Outside shifts')).toBe('legacy');
  });
});
