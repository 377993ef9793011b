import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configJsonSchema } from '../../config/json-schema.ts';
import { EN_CONFIG, ROOT, ZH_CONFIG } from '../helpers.ts';

const run = (...args: string[]) =>
  spawnSync(process.execPath, [resolve(ROOT, 'bin/switchboard.js'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
  });

describe('switchboard check', () => {
  it('accepts both shipped configs', () => {
    const en = run('check');
    expect(en.status).toBe(0);
    expect(en.stdout).toMatch(/switchboard\.yaml: OK \(Brightline Appliances/);
    const zh = run('check', '--config', ZH_CONFIG);
    expect(zh.status).toBe(0);
  });

  it('rejects a broken config with field paths and exit code 1', () => {
    const bad = readFileSync(EN_CONFIG, 'utf8')
      .replace('end: "16:00", days: [mon, tue', 'end: "25:00", days: [mon, tue')
      .replace('timezone: America/Chicago', 'timezone: Chicago');
    const file = join(tmpdir(), `switchboard-bad-${process.pid}.yaml`);
    writeFileSync(file, bad);
    const out = run('check', '--config', file);
    expect(out.status).toBe(1);
    expect(out.stderr).toContain('2 problems');
    expect(out.stderr).toContain('business.timezone: "Chicago" is not an IANA time zone');
    expect(out.stderr).toContain('shifts[0].end: "25:00" is not a time of day (HH:MM, 00:00-24:00)');
  });

  it('explains an unknown command', () => {
    const out = run('frobnicate');
    expect(out.status).toBe(2);
    expect(out.stderr).toMatch(/unknown command "frobnicate"/);
  });
});

describe('JSON Schema for editors', () => {
  it('is committed and current (run `npm run schema` after changing config/schema.ts)', () => {
    const committed = JSON.parse(readFileSync(resolve(ROOT, 'config/switchboard.schema.json'), 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(configJsonSchema())));
    expect(Object.keys(committed.properties)).toEqual(
      expect.arrayContaining([
        'business',
        'deployment',
        'queues',
        'ivr',
        'shifts',
        'onCall',
        'holidays',
        'sla',
        'assistant',
        'faq',
        'alerts',
        'recordings',
      ]),
    );
  });
});
