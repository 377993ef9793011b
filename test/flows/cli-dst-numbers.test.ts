import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.ts';

const switchboard = (...args: string[]) =>
  spawnSync(process.execPath, [resolve(ROOT, 'bin/switchboard.js'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  });
const FOLD = 'test/field-cases/config-dst-fold-chicago.yaml';
const GAP = 'test/field-cases/config-dst-gap-cairo.yaml';
const CURLY = 'test/field-cases/config-curly-apostrophe.yaml';

describe('DST field cases through the CLI', () => {
  it('Chicago fold: at 07:15Z (01:15 CST, second pass) the urgent page goes to grave, not swing', () => {
    const out = switchboard(
      'call',
      '--config',
      FOLD,
      '--at',
      '2026-11-01T07:15:00Z',
      '--input',
      'say:I smell gas',
      '--input',
      '1',
      '--json',
    );
    expect(out.status, out.stderr).toBe(0);
    const r = JSON.parse(out.stdout);
    const pages = r.notifications.filter((n: { text: string }) => n.text.startsWith('URGENT'));
    expect(pages.map((n: { to: string }) => n.to)).toEqual(['+13125550107']);
    expect(r.outcome).toEqual({ type: 'transferred', to: '+13125550107' });
  });

  it('Chicago fold: the handover at 01:30 CDT names swing to grave, at +1 s, +59 s and +5 min', () => {
    for (const at of [
      '2026-11-01T06:30:01Z',
      '2026-11-01T06:30:59Z',
      '2026-11-01T06:35:00Z',
      '2026-11-01T07:15:00Z',
    ]) {
      const out = switchboard('handover', '--config', FOLD, '--at', at, '--json');
      expect(out.status, out.stderr).toBe(0);
      expect(JSON.parse(out.stdout)).toMatchObject({
        from: 'swing',
        to: 'grave',
        at: '2026-11-01T06:30:00.000Z',
      });
    }
  });

  it('Cairo gap: at 22:00:10Z the handover names middle to night (midnight does not exist that night)', () => {
    const out = switchboard('handover', '--config', GAP, '--at', '2026-04-23T22:00:10Z', '--json');
    expect(out.status, out.stderr).toBe(0);
    const r = JSON.parse(out.stdout);
    expect(r).toMatchObject({ from: 'middle', to: 'night', at: '2026-04-23T22:00:00.000Z', tickets: [] });
    expect(r.recipients).toEqual(['ops@nuanju.example']);
  });

  it('lists the open tickets kept in --data and names a shift asked for with --shift', () => {
    const dir = mkdtempSync(join(tmpdir(), 'switchboard-handover-'));
    try {
      const call = switchboard(
        'call',
        '--data',
        dir,
        '--at',
        '2026-11-24T04:00:00Z',
        '--input',
        'say:leave a message',
        '--input',
        'say:please call me about my dryer',
        '--json',
      );
      expect(call.status, call.stderr).toBe(0);
      const ticketId = JSON.parse(call.stdout).tickets[0].id;
      const out = switchboard('handover', '--data', dir, '--at', '2026-11-24T14:00:30Z', '--json');
      const r = JSON.parse(out.stdout);
      expect(r).toMatchObject({ from: 'night', to: 'day', recipients: ['ops@brightline.example'] });
      expect(r.tickets.map((t: { id: string }) => t.id)).toEqual([ticketId]);
      expect(r.tickets[0].caller).toBe('+131******42');
      const evening = JSON.parse(
        switchboard('handover', '--data', dir, '--at', '2026-11-24T14:00:30Z', '--shift', 'evening', '--json')
          .stdout,
      );
      expect(evening).toMatchObject({ from: 'evening', to: 'night', at: '2026-11-24T02:00:00.000Z' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes the handover of a zh-CN business in Chinese', () => {
    const out = switchboard(
      'handover',
      '--config',
      'config/examples/zh-CN.yaml',
      '--at',
      '2026-11-24T00:00:05Z',
    );
    expect(out.status, out.stderr).toBe(0);
    expect(out.stdout).toContain('交接');
    expect(out.stdout).not.toContain('Handover from');
  });
});

describe('phone numbers through the CLI', () => {
  it('never texts a caller id that is not valid for its country (+1 312 155 0199: an exchange cannot start with 1)', () => {
    const out = switchboard(
      'call',
      '--from',
      '+13121550199',
      '--at',
      '2026-11-24T04:00:00Z',
      '--input',
      'say:leave a message',
      '--input',
      'say:please call me about my dryer',
      '--json',
    );
    expect(out.status, out.stderr).toBe(0);
    const r = JSON.parse(out.stdout);
    expect(r.tickets).toHaveLength(1);
    expect(r.notifications).toEqual([]);
  });

  it('never texts a caller whose id is the keypad spelling of ANONYMOUS', () => {
    const out = switchboard(
      'call',
      '--from',
      '+266696687',
      '--at',
      '2026-11-24T04:00:00Z',
      '--input',
      'say:leave a message',
      '--input',
      'say:call me',
      '--json',
    );
    const r = JSON.parse(out.stdout);
    expect(r.tickets).toHaveLength(1);
    expect(r.notifications).toEqual([]);
  });
});

describe('switchboard check and SMS segments', () => {
  it('warns that a curly apostrophe in the business name makes every confirmation UCS-2, naming the character', () => {
    const out = switchboard('check', '--config', CURLY);
    expect(out.status, out.stderr).toBe(0);
    expect(out.stdout).toMatch(
      /warning: business\.name: contains ’ \(U\+2019 RIGHT SINGLE QUOTATION MARK\).*every confirmation SMS goes out as UCS-2, \d+ characters in 2 segment\(s\) instead of 1 as GSM-7/,
    );
    expect(switchboard('check').stdout).not.toContain('warning');
  });
});
