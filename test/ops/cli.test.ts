import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulate } from '../../local/sim/simulate.ts';
import { enConfig, ROOT, ZH_CONFIG, zhConfig } from '../helpers.ts';

const switchboard = (...args: string[]) =>
  spawnSync(process.execPath, [resolve(ROOT, 'bin/switchboard.js'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  });

let dir: string;
let zhDir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sb-ops-'));
  zhDir = mkdtempSync(join(tmpdir(), 'sb-ops-zh-'));
  for (const [config, d] of [
    [enConfig(), dir],
    [zhConfig(), zhDir],
  ] as const) {
    // Two days of calls through the real flows and handlers (switchboard simulate).
    await simulate({ config, dataDir: d, start: '2026-11-23', days: 2, callsPerDay: 30, seed: 'cli' });
  }
}, 300_000);
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(zhDir, { recursive: true, force: true });
});

describe('switchboard report', () => {
  it('prints every KPI against its target, met or missed, and the QA sample', () => {
    const out = switchboard('report', '--data', dir, '--from', '2026-11-23', '--to', '2026-11-24');
    expect(out.status, out.stderr).toBe(0);
    expect(out.stdout).toContain('Brightline Appliances: phone line report');
    for (const line of [
      'Answer rate',
      'Service level (answered within 30 s)',
      'Average speed of answer',
      'CSAT (share rating 4-5)',
    ])
      expect(out.stdout).toMatch(
        new RegExp(
          `${line.replace(/[()]/g, '\\$&')}\\s+\\S.*\\s+target [≥≤] .+\\s+(met|MISSED|no data)$`,
          'm',
        ),
      );
    expect(out.stdout).toMatch(/Calls to review \(\d+\):/);
  });

  it('--format json carries the KPIs, breakdowns and QA as data', () => {
    const out = switchboard('report', '--data', dir, '--format', 'json');
    expect(out.status, out.stderr).toBe(0);
    const r = JSON.parse(out.stdout);
    expect(r.totals.contacts).toBeGreaterThan(40);
    expect(r.kpis.map((k: { id: string }) => k.id)).toContain('serviceLevel');
    expect(r.byDay.map((d: { date: string }) => d.date)).toEqual(['2026-11-23', '2026-11-24']);
    expect(r.qa.length).toBeGreaterThanOrEqual(5);
  });

  it('--format csv writes the per-contact ledger a spreadsheet opens', () => {
    const file = join(dir, 'ledger.csv');
    const out = switchboard('report', '--data', dir, '--format', 'csv', '--out', file);
    expect(out.status, out.stderr).toBe(0);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^contact_id,local_date,local_time,shift,caller,queue,category/);
    expect(lines.length).toBeGreaterThan(40);
    expect(
      lines.slice(1).every((l) => /,(agent|abandoned|callback|assistant|on-call|ivr|in-progress),/.test(l)),
    ).toBe(true);
    expect(lines.join('\n')).not.toMatch(/\+1312555\d{4}/); // callers are masked
  });

  it('--format html writes one page that needs nothing from the network', () => {
    const file = join(dir, 'report.html');
    expect(switchboard('report', '--data', dir, '--format', 'html', '--out', file).status).toBe(0);
    const html = readFileSync(file, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=|https?:\/\/[^"'\s]+\.js/);
    expect(html).toContain('new Chart(');
    expect(html).toMatch(/<canvas id="hours">/);
  });

  it('speaks Chinese for the zh-CN config', () => {
    const out = switchboard('report', '--config', ZH_CONFIG, '--data', zhDir);
    expect(out.status, out.stderr).toBe(0);
    expect(out.stdout).toContain('暖居家电服务中心：电话服务报告');
    expect(out.stdout).toMatch(/接通率\s+\S+\s+目标 ≥ 90%/);
  });

  it('refuses a date that is not one', () => {
    const out = switchboard('report', '--data', dir, '--from', '23/11/2026');
    expect(out.status).toBe(2);
    expect(out.stderr).toContain('--from "23/11/2026" is not a date');
  });
});

describe('switchboard records', () => {
  it('lists the raw records, and as JSON with --json', () => {
    const text = switchboard('records', '--data', dir);
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^2026-11-2[34] \d\d:\d\d {2}simcli-2026112[34]-\d{5} {2}/m);
    const json = JSON.parse(switchboard('records', '--data', dir, '--json').stdout);
    expect(json[0]).toMatchObject({
      contactId: expect.any(String),
      initiatedAt: expect.any(String),
      eventTypes: expect.any(Array),
    });
  });
});

describe('switchboard plan', () => {
  it('gives one JSON row per shift with the agents needed and the predicted service level', () => {
    const out = switchboard('plan', '--data', dir, '--json');
    expect(out.status, out.stderr).toBe(0);
    const rows = JSON.parse(out.stdout);
    expect(rows.map((r: { shift: string }) => r.shift)).toEqual(['day', 'evening', 'night']);
    for (const r of rows)
      expect(Object.keys(r)).toEqual(
        expect.arrayContaining([
          'shift',
          'callsPerHour',
          'ahtSeconds',
          'agentsRostered',
          'agentsNeeded',
          'predictedServiceLevel',
        ]),
      );
    expect(rows[0].source).toBe('measured');
  });

  it('takes a given rate and handle time and says what to change', () => {
    const out = switchboard('plan', '--config', ZH_CONFIG, '--calls-per-hour', '15', '--aht', '180');
    expect(out.status, out.stderr).toBe(0);
    expect(out.stdout).toContain('night：排班 1 人，需要 3 人');
  });
});

describe('switchboard cost', () => {
  it('itemises the month in USD and CNY with a per-call figure', () => {
    const out = switchboard('cost', '--calls', '1200', '--minutes', '4', '--json');
    expect(out.status, out.stderr).toBe(0);
    const e = JSON.parse(out.stdout);
    expect(e).toMatchObject({
      totalUsd: expect.any(Number),
      totalCny: expect.any(Number),
      perCallUsd: expect.any(Number),
    });
    expect(e.items.map((i: { name: string }) => i.name)).toEqual(
      expect.arrayContaining([
        'Connect voice',
        'Inbound telephony',
        'Lex speech requests',
        'KMS keys',
        'Lambda',
        'DynamoDB',
        'S3 recordings',
        'Console hosting',
      ]),
    );
    expect(e.perCallUsd).toBeCloseTo(e.totalUsd / 1200, 3);
  });

  it('prints the table beside the SaaS plans', () => {
    const out = switchboard('cost');
    expect(out.status, out.stderr).toBe(0);
    expect(out.stdout).toMatch(/Total\s+\$\d+\.\d\d/);
    expect(out.stdout).toContain('¥800-1500 a month  ← this volume');
  });
});
