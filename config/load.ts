import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { describeCharacter, plainEquivalent, smsCatalog, toGsmLookalikes } from '../lambdas/domain/sms.ts';
import { configSchema, type SwitchboardConfig } from './schema.ts';

export const DEFAULT_CONFIG_FILE = 'switchboard.yaml';

/** One problem in a config, with the path of the field it concerns (`shifts[2].end`). */
export interface ConfigProblem {
  path: string;
  message: string;
}

export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: ConfigProblem[],
  ) {
    super(
      `${file}: ${problems.length} problem${problems.length === 1 ? '' : 's'}\n` +
        problems.map((p) => `  ${p.path ? `${p.path}: ` : ''}${p.message}`).join('\n'),
    );
    this.name = 'ConfigError';
  }
}

export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out;
}

function describeIssue(issue: z.core.$ZodIssue): ConfigProblem[] {
  const path = formatPath(issue.path);
  const input = (issue as { input?: unknown }).input;
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((k) => ({
      path: formatPath([...issue.path, k]),
      message: 'is not a known key; remove it or check its spelling (see README, "Config reference")',
    }));
  }
  if (issue.code === 'invalid_type' && input === undefined) {
    return [{ path, message: `is required (${issue.expected})` }];
  }
  if (issue.code === 'invalid_type') {
    return [{ path, message: `must be ${article(issue.expected)}, not ${JSON.stringify(input)}` }];
  }
  const shown =
    typeof input === 'string' || typeof input === 'number' || typeof input === 'boolean'
      ? `${JSON.stringify(input)} `
      : '';
  return [{ path, message: `${shown}${issue.message}` }];
}

function article(t: string): string {
  return /^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`;
}

/** Validates parsed config data; every problem is reported at once. */
export function parseConfig(data: unknown, file = DEFAULT_CONFIG_FILE): SwitchboardConfig {
  const result = configSchema.safeParse(data, { reportInput: true });
  if (result.success) return result.data;
  const problems = result.error.issues.flatMap(describeIssue);
  throw new ConfigError(file, problems);
}

/** Parses YAML text; syntax errors are reported with their line and column. */
export function parseConfigText(text: string, file = DEFAULT_CONFIG_FILE): SwitchboardConfig {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new ConfigError(
      file,
      doc.errors.map((e) => ({
        path: e.linePos ? `line ${e.linePos[0].line}, column ${e.linePos[0].col}` : '',
        message: `YAML syntax: ${e.message.split('\n')[0]}`,
      })),
    );
  }
  return parseConfig(doc.toJS(), file);
}

export function loadConfig(file: string = DEFAULT_CONFIG_FILE): SwitchboardConfig {
  const path = resolve(file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError(file, [
      {
        path: '',
        message: `cannot read the file (${(err as NodeJS.ErrnoException).code ?? String(err)}); pass --config FILE or create switchboard.yaml`,
      },
    ]);
  }
  return parseConfigText(text, file);
}

/**
 * Things that work but cost: an SMS template that a config value turns into UCS-2 (one curly apostrophe
 * in the business name doubles the segments of every confirmation) or that needs more than one segment.
 * Each warning names the character and the counts (see lambdas/domain/sms.ts).
 */
export function configWarnings(config: SwitchboardConfig): ConfigProblem[] {
  const line = {
    businessName: config.business.name,
    locale: config.business.locale,
    timezone: config.business.timezone,
  };
  const plain = smsCatalog({ ...line, businessName: toGsmLookalikes(config.business.name) });
  const out: ConfigProblem[] = [];
  for (const c of smsCatalog(line)) {
    if (c.template === 'confirmation' && !config.tickets.smsConfirmation) continue;
    const fromName = c.forcedBy.filter((f) => f.source === 'business.name').map((f) => f.char);
    const templateIsGsm = c.forcedBy.every((f) => f.source === 'business.name');
    const what = c.template === 'confirmation' ? 'every confirmation SMS' : 'every urgent page SMS';
    if (templateIsGsm && fromName.length > 0) {
      const alt = plain.find((p) => p.template === c.template)!;
      const fix = fromName.map((ch) => plainEquivalent(ch)).filter(Boolean);
      out.push({
        path: 'business.name',
        message:
          `contains ${fromName.map(describeCharacter).join(', ')}, which GSM-7 lacks: ${what} goes out as UCS-2, ` +
          `${c.count.units} characters in ${c.count.segments} segment(s)` +
          (alt.count.encoding === 'GSM-7' ? ` instead of ${alt.count.segments} as GSM-7` : '') +
          (fix.length === fromName.length ? `; write ${fix.map((f) => `"${f}"`).join(', ')} instead` : ''),
      });
    } else if (c.template === 'confirmation' && c.count.segments > 1) {
      out.push({
        path: 'business.name',
        message: `makes ${what} ${c.count.units} characters (${c.count.encoding}) at its longest: ${c.count.segments} segments, each billed; a shorter name keeps it to one`,
      });
    }
  }
  return out;
}
