import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type ConfigError, parseConfig } from '../../config/load.ts';
import { EN_CONFIG, ZH_CONFIG } from '../helpers.ts';

interface RawConfig {
  assistant: {
    urgent?: Array<{ id: string; keywords: string[]; safety?: string }>;
    urgentKeywords?: string[];
  };
}
const raw = (file: string) => parse(readFileSync(file, 'utf8')) as RawConfig;

describe('assistant.urgent and menu prompts (issue 11)', () => {
  it('both shipped configs carry gas, fire, water and shock groups with spoken safety advice', () => {
    for (const file of [EN_CONFIG, ZH_CONFIG]) {
      const c = parseConfig(raw(file), file);
      expect(c.assistant.urgent.map((g) => g.id)).toEqual(['gas', 'fire', 'water', 'shock']);
      for (const g of c.assistant.urgent) expect(g.safety.length).toBeGreaterThan(10);
      // One list of every urgent word, the groups' first.
      expect(c.assistant.urgentKeywords[0]).toBe(c.assistant.urgent[0]!.keywords[0]);
    }
  });

  it('a config with only urgentKeywords validates unchanged', () => {
    const data = raw(EN_CONFIG);
    delete data.assistant.urgent;
    data.assistant.urgentKeywords = ['gas leak', 'fire'];
    const c = parseConfig(data, 'old.yaml');
    expect(c.assistant.urgent).toEqual([]);
    expect(c.assistant.urgentKeywords).toEqual(['gas leak', 'fire']);
  });

  it('names a repeated group id and a group without keywords or advice by path', () => {
    const data = raw(EN_CONFIG);
    const groups = data.assistant.urgent!;
    groups[1]!.id = 'gas';
    groups[2]!.keywords = [];
    delete groups[3]!.safety;
    try {
      parseConfig(data, 'bad.yaml');
      expect.unreachable();
    } catch (err) {
      const text = (err as ConfigError).message;
      expect(text).toContain('assistant.urgent[1].id');
      expect(text).toContain('assistant.urgent[2].keywords');
      expect(text).toContain('assistant.urgent[3].safety');
    }
  });

  it('a menu entry may carry its own prompt', () => {
    const c = parseConfig(raw(EN_CONFIG), EN_CONFIG);
    expect(c.ivr.menu[1]!.menu![1]!.prompt).toBe('To check on a repair you have booked, press 2.');
  });
});
