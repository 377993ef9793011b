import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
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
