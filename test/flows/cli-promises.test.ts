import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.ts';

const cli = (args: string[], input?: string) =>
  spawnSync(process.execPath, [resolve(ROOT, 'bin/switchboard.js'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
    ...(input !== undefined ? { input } : {}),
  });

describe('the local phone keeps its promises too', () => {
  it('call: a time without an offset is the business’s local time, and is shown so', () => {
    const out = cli([
      'call',
      '--at',
      '2026-11-28T21:00',
      '--input',
      'say:leave a message',
      '--input',
      'say:call me',
    ]);
    expect(out.status, out.stderr).toBe(0);
    expect(out.stdout).toContain('Call at Sat 2026-11-28 21:00 America/Chicago (2026-11-29T03:00:00.000Z)');
    expect(out.stdout).toMatch(/callback due Mon 2026-11-30 09:00 America\/Chicago/);
    expect(out.stdout).toContain('We will call you back by Monday 9:00 AM.');
  });

  it('call: --agents-online 0 sends the caller to the assistant during opening hours', () => {
    const out = cli(['call', '--at', '2026-11-23T09:00', '--agents-online', '0', '--json']);
    expect(out.status, out.stderr).toBe(0);
    const report = JSON.parse(out.stdout) as { prompts: string[] };
    // After the recording notice.
    expect(report.prompts[1]).toBe('Our team is not available right now. I am the virtual assistant.');
  });

  it('call: a bad --input is a clear usage error, not a stack trace', () => {
    const out = cli(['call', '--input', 'press one']);
    expect(out.status).toBe(2);
    expect(out.stderr.trim()).toBe(
      '--input "press one" is not an input: use keys (0-9, *, #), say:words, silence, hangup or hangup:words',
    );
    expect(out.stderr).not.toMatch(/\n\s+at /);
  });

  it('start: the terminal phone shows the agent answering and hanging up between the prompts', () => {
    const typed = ['2026-11-23T09:00', '', '3', '4', 'n'].join('\n');
    const out = cli(['start'], `${typed}\n`);
    expect(out.status, out.stderr).toBe(0);
    expect(out.stdout).toContain('Calling Brightline Appliances at Mon 2026-11-23 09:00 America/Chicago');
    const order = [
      '☎ queued on Orders and delivery',
      '☎ agent answered after',
      '☎ agent hung up',
      '♪ Before you go',
    ];
    const at = order.map((s) => out.stdout.indexOf(s));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });
});
