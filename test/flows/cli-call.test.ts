import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, ZH_CONFIG } from '../helpers.ts';

const switchboard = (...args: string[]) =>
  spawnSync(process.execPath, [resolve(ROOT, 'bin/switchboard.js'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  });

describe('switchboard call --json', () => {
  it('answers with prompts, path, outcome, tickets, notifications and errors (English config)', () => {
    const out = switchboard(
      'call',
      '--at',
      '2026-11-23T22:30:00-06:00',
      '--from',
      '+13125550166',
      '--input',
      'say:water is flooding my laundry room',
      '--input',
      '1',
      '--json',
    );
    expect(out.status, out.stderr).toBe(0);
    const r = JSON.parse(out.stdout);
    expect(Object.keys(r)).toEqual(
      expect.arrayContaining(['prompts', 'path', 'outcome', 'tickets', 'notifications', 'errors']),
    );
    expect(r.outcome).toEqual({ type: 'transferred', to: '+13125550103' });
    // The on-call person accepts the page call (--on-call accept, the default): the ticket is theirs.
    expect(r.tickets[0]).toMatchObject({
      priority: 'urgent',
      status: 'in_progress',
      dueAt: expect.any(String),
    });
    expect(r.notifications).toContainEqual(expect.objectContaining({ channel: 'sms', to: '+13125550103' }));
    expect(r.notifications).toContainEqual(expect.objectContaining({ channel: 'call', to: '+13125550103' }));
    expect(r.path[0]).toEqual({
      flow: 'inbound',
      id: 'logging',
      type: 'UpdateFlowLoggingBehavior',
      branch: 'next',
    });
    expect(r.errors).toEqual([]);
  });

  it('works for the zh-CN config, and --fail makes a function fail', () => {
    const out = switchboard(
      'call',
      '--config',
      ZH_CONFIG,
      '--at',
      '2026-11-23T10:00:00+08:00',
      '--input',
      '2',
      '--fail',
      'route',
      '--json',
    );
    expect(out.status, out.stderr).toBe(0);
    const r = JSON.parse(out.stdout);
    // hardening: prompts[0] is the recording notice.
    expect(r.prompts[1]).toBe('您好，欢迎致电暖居家电服务中心。');
    expect(r.outcome).toMatchObject({ type: 'queued', queue: 'orders' });
    expect(r.errors).toEqual(['switchboard-route: simulated failure of route (--fail route)']);
  });

  it('runs a Flow Language file with --flow, and explains bad arguments', () => {
    const out = switchboard(
      'call',
      '--flow',
      'contact-flows/custom/priority-line.json',
      '--at',
      '2026-11-23T09:00:00-06:00',
    );
    expect(out.status, out.stderr).toBe(0);
    expect(out.stdout).toMatch(/Thank you for calling the trade priority line\./);
    expect(out.stdout).toMatch(/Outcome: queued \(queue general, answered after \d+ s\)/);
    const bad = switchboard('call', '--fail', 'payroll');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(
      /--fail "payroll": the function must be one of route, ticket, assistant, survey/,
    );
  });
});

describe('switchboard flows', () => {
  it('writes each generated flow as Flow Language JSON with %Token% placeholders', async () => {
    const { mkdtempSync, readFileSync, readdirSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const out = mkdtempSync(join(tmpdir(), 'flows-out-'));
    const r = switchboard('flows', '--out', out);
    expect(r.status, r.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual([
      'assistant.json',
      'customer-queue.json',
      'disconnect.json',
      'inbound.json',
      'outbound-page.json',
    ]);
    const inbound = JSON.parse(readFileSync(join(out, 'inbound.json'), 'utf8'));
    expect(inbound).toMatchObject({
      Version: '2019-10-30',
      StartAction: 'logging',
      Metadata: { name: 'Switchboard inbound', type: 'CONTACT_FLOW' },
    });
    expect(JSON.stringify(inbound)).toContain('"LambdaFunctionARN":"%Lambda:route%"');
    expect(JSON.stringify(inbound)).toContain('"QueueId":"%Queue:sales%"');
  });
});
