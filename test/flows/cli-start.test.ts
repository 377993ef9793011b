import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.ts';

describe('switchboard start (the terminal phone)', () => {
  it('places two calls typed at the prompts: one to a person, one to the assistant, then quits', () => {
    const typed = [
      '2026-11-23T09:00:00-06:00', // Monday morning
      '', // the sample number
      '3', // orders
      '4', // survey score
      'y',
      '2026-11-23T22:00:00-06:00', // Monday night
      'withheld',
      'what is your return policy',
      '1',
      'n',
    ].join('\n');
    const out = spawnSync(process.execPath, [resolve(ROOT, 'bin/switchboard.js'), 'start', '--no-console'], {
      cwd: ROOT,
      input: `${typed}\n`,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(out.status, out.stderr).toBe(0);
    expect(out.stdout).toContain('Switchboard is running locally: Brightline Appliances');
    expect(out.stdout).toContain('♪ For new appliances and prices, press 1.');
    expect(out.stdout).toMatch(/Outcome: queued \(queue orders, answered after \d+ s\)/);
    expect(out.stdout).toContain(
      '♪ You can return an unused appliance in its original packaging within 30 days for a full refund.',
    );
    expect(out.stdout).toContain('from a withheld number');
    expect(out.stdout.trim().endsWith('Goodbye.')).toBe(true);
  });
});
