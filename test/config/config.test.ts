import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { ConfigError, loadConfig, parseConfig, parseConfigText } from '../../config/load.ts';
import { EN_CONFIG, ZH_CONFIG } from '../helpers.ts';

const base = () => parse(readFileSync(EN_CONFIG, 'utf8'));

function problems(data: unknown): string[] {
  try {
    parseConfig(data, 'test.yaml');
  } catch (err) {
    if (err instanceof ConfigError) return err.problems.map((p) => `${p.path}: ${p.message}`);
    throw err;
  }
  return [];
}

describe('shipped configs', () => {
  it('accepts the English retailer and the zh-CN example', () => {
    const en = loadConfig(EN_CONFIG);
    const zh = loadConfig(ZH_CONFIG);
    expect(en.business.locale).toBe('en-US');
    expect(zh.business.locale).toBe('zh-CN');
    expect(zh.shifts.map((s) => `${s.start}-${s.end}`)).toEqual([
      '08:00-16:00',
      '16:00-24:00',
      '00:00-08:00',
    ]);
    expect(zh.shifts[2]!.agents).toBeLessThan(zh.shifts[0]!.agents);
    expect(zh.onCall.map((o) => o.shift)).toEqual(['night']);
  });

  it('fills documented defaults', () => {
    const c = base();
    delete c.sla;
    delete c.recordings;
    const cfg = parseConfig(c);
    expect(cfg.sla).toEqual({
      answerWithinSeconds: 30,
      firstResponseMinutes: 10,
      callbackWithinHours: 24,
      targets: { answerRate: 0.9, averageHandleSeconds: 180, csat: 0.85 },
    });
    expect(cfg.recordings).toEqual({ announce: true, retentionDays: 90, transcribe: 'afterHours' });
    expect(cfg.outbound).toEqual({ countries: ['US'], perNumberPerDay: 3 });
  });
});

describe('config errors', () => {
  it('names the field and the bad value of a time of day', () => {
    const c = base();
    c.shifts[2].end = '25:00';
    expect(problems(c)).toContain('shifts[2].end: "25:00" is not a time of day (HH:MM, 00:00-24:00)');
  });

  it('reports every problem at once, field errors and cross-field errors together', () => {
    const c = base();
    c.business.timezone = 'Mars/Olympus';
    c.ivr.menu[0].queue = 'nope';
    c.ivr.menu[2].key = '1';
    c.onCall[0].shift = 'graveyard';
    c.onCall[0].phone = '555-0101';
    c.deployment.region = 'eu-west-3';
    const p = problems(c);
    expect(p).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^business\.timezone: "Mars\/Olympus" is not an IANA time zone/),
        expect.stringMatching(
          /^ivr\.menu\[0\]\.queue: "nope" is not a queue; .* general, sales, service, orders$/,
        ),
        expect.stringMatching(/^ivr\.menu\[2\]\.key: "1" is used twice in this menu/),
        expect.stringMatching(/^onCall\[0\]\.shift: "graveyard" is not a shift/),
        expect.stringMatching(/^onCall\[0\]\.phone: "555-0101" is not an E\.164 phone number/),
        expect.stringMatching(/^deployment\.region: "eu-west-3" is not a region where Amazon Connect runs/),
      ]),
    );
    expect(p).toHaveLength(6);
  });

  it('rejects overlapping shifts on a shared day but allows gaps and midnight crossings', () => {
    const c = base();
    c.shifts = [
      { id: 'a', start: '08:00', end: '16:00', agents: 2 },
      { id: 'b', start: '22:00', end: '09:00', days: ['fri'], agents: 1 },
    ];
    c.onCall = [];
    expect(problems(c)).toEqual([
      'shifts[1]: overlaps shift "a" on a day both work; shifts of one day must not overlap (gaps are allowed)',
    ]);
    c.shifts[1] = { id: 'b', start: '20:00', end: '08:00', agents: 1 };
    expect(problems(c)).toEqual([]);
    c.shifts[0].days = ['mon'];
    c.shifts[1] = { id: 'b', start: '08:00', end: '24:00', days: ['tue'], agents: 1 };
    expect(problems(c)).toEqual([]);
  });

  it('checks menu depth, the instance alias, locale, e-mail, unknown keys and the Bedrock model', () => {
    const c = base();
    c.ivr.menu[1].menu[0].menu = [{ key: '1', label: 'too deep', queue: 'general' }];
    c.deployment.instanceAlias = 'd-abc';
    c.business.locale = 'fr-FR';
    c.alerts.emails = ['ops'];
    c.assistant.provider = 'bedrock';
    c.assistnt = {};
    const p = problems(c);
    expect(p).toEqual(
      expect.arrayContaining([
        'ivr.menu[1].menu[0].menu: is not a known key; remove it or check its spelling (see README, "Config reference")',
        expect.stringMatching(/^deployment\.instanceAlias: "d-abc" is not a valid Connect instance alias/),
        expect.stringMatching(/^business\.locale: "fr-FR" is not a supported locale/),
        'alerts.emails[0]: "ops" is not an e-mail address',
        'assistnt: is not a known key; remove it or check its spelling (see README, "Config reference")',
        expect.stringMatching(/^assistant\.bedrockModelId: is required when assistant\.provider is bedrock/),
      ]),
    );
  });

  it('reports a missing section and a YAML syntax error with its line', () => {
    const c = base();
    delete c.queues;
    expect(problems(c)).toContain(
      'queues: is required; add it as a list (lines starting with "- ", or [a, b])',
    );
    expect(() => parseConfigText('business: [\n', 'x.yaml')).toThrow(
      /x\.yaml: .*\n\s+line \d+, column \d+: YAML syntax/,
    );
  });

  it('says which file it could not read', () => {
    expect(() => loadConfig('/nonexistent/switchboard.yaml')).toThrow(/cannot read the file \(ENOENT\)/);
  });

  it('round-trips a valid config through YAML', () => {
    const cfg = parseConfigText(stringify(base()));
    expect(cfg.queues).toHaveLength(4);
  });
});
