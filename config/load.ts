import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  type Document,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  parseDocument,
  visit,
} from 'yaml';
import type { z } from 'zod';
import { describeCharacter, plainEquivalent, smsCatalog, toGsmLookalikes } from '../lambdas/domain/sms.ts';
import { configSchema, type SwitchboardConfig } from './schema.ts';

export const DEFAULT_CONFIG_FILE = 'switchboard.yaml';

/** A config is a few kilobytes; anything this big is not one (and would only be slow to refuse). */
export const MAX_CONFIG_BYTES = 4 * 1024 * 1024;
/**
 * YAML aliases (`*name`) a config may expand. A handful is plenty for shared values; a "billion laughs"
 * alias bomb needs thousands (yaml's `maxAliasCount`, https://eemeli.org/yaml/#tojs-options).
 */
export const MAX_ALIAS_COUNT = 50;
/** How much of a bad value a message quotes. */
export const QUOTE_LIMIT = 60;

/** One problem in a config, with the path of the field it concerns (`shifts[2].end`) and its line. */
export interface ConfigProblem {
  path: string;
  message: string;
  /** 1-based line in the YAML file, when the problem comes from one. */
  line?: number;
}

export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: ConfigProblem[],
  ) {
    super(
      `${file}: ${problems.length} problem${problems.length === 1 ? '' : 's'}\n` +
        problems
          .map((p) => `  ${p.path ? `${p.path}: ` : ''}${p.message}${p.line ? ` (line ${p.line})` : ''}`)
          .join('\n'),
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

/** Characters a message never prints raw (they would hide in the terminal): shown as `\u{200B}`. */
const UNPRINTABLE = /[\p{Cc}\p{Cf}\p{Co}\p{Cs}\u2028\u2029]/gu;

/**
 * A value as a message shows it: strings in double quotes, cut to `limit` characters with their full
 * length named (a 1 MB value is never echoed back), invisible characters escaped; lists and mappings by
 * their size.
 */
export function quote(value: unknown, limit = QUOTE_LIMIT): string {
  if (typeof value === 'string') {
    const chars = [...value];
    const cut = chars.length > limit ? `${chars.slice(0, limit).join('')}…` : value;
    const shown = JSON.stringify(cut).replace(
      UNPRINTABLE,
      (c) => `\\u{${c.codePointAt(0)!.toString(16).toUpperCase()}}`,
    );
    return chars.length > limit ? `${shown} (${chars.length} characters)` : shown;
  }
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return `a list of ${value.length} item${value.length === 1 ? '' : 's'}`;
  if (typeof value === 'object') {
    const keys = Object.keys(value);
    const shown = keys.slice(0, 3).map((k) => quote(k, 20));
    return keys.length === 0
      ? 'an empty mapping ({})'
      : `a mapping (${shown.join(', ')}${keys.length > 3 ? ', …' : ''})`;
  }
  return String(value);
}

/** What YAML made of a value, in words: `the number 1`, `the text "x"`, `empty (~)`. */
function kindOf(value: unknown): string {
  if (value === null || value === undefined) return 'empty (nothing or ~ after the colon)';
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean') return `${value} (yes/no)`;
  if (typeof value === 'string') return `the text ${quote(value)}`;
  return quote(value);
}

const EXPECTED: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list (lines starting with "- ", or [a, b])',
  object: 'a mapping (key: value lines)',
  record: 'a mapping (key: value lines)',
};

/** The fix for a value YAML read as a number or yes/no where text was meant: quote it. */
function quoteFix(field: PropertyKey | undefined, input: unknown): string {
  const shown = JSON.stringify(String(input));
  return typeof field === 'string'
    ? `YAML reads ${String(input)} as ${typeof input === 'number' ? 'a number' : 'true/false'}: put it in quotes, ${field}: ${shown}`
    : `YAML reads ${String(input)} as ${typeof input === 'number' ? 'a number' : 'true/false'}: put it in quotes, ${shown}`;
}

const isZodDefault = (message: string) => /^[A-Z]/.test(message);

const ORIGIN_UNIT: Record<string, [string, string]> = {
  string: ['character', 'characters'],
  array: ['item', 'items'],
  set: ['item', 'items'],
};

function sizeOf(input: unknown): number | undefined {
  if (typeof input === 'string') return [...input].length;
  if (Array.isArray(input)) return input.length;
  return undefined;
}

/** Zod's issue in plain words, each with the fix; messages written in the schema are kept. */
function describeIssue(issue: z.core.$ZodIssue): ConfigProblem[] {
  const path = formatPath(issue.path);
  const field = issue.path.at(-1);
  const input = (issue as { input?: unknown }).input;
  const own = !isZodDefault(issue.message);
  const stringLike = typeof input === 'number' || typeof input === 'boolean';
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((k) => ({
        path: formatPath([...issue.path, k]),
        message: 'is not a known key; remove it or check its spelling (see README, "Config reference")',
      }));
    case 'invalid_type': {
      const expected = EXPECTED[issue.expected] ?? issue.expected;
      if (input === undefined) return [{ path, message: `is required; add it as ${expected}` }];
      if (input === null)
        return [
          {
            path,
            message: `is empty (nothing or ~ after the colon; a bare # starts a comment); it must be ${expected}: fill it in${issue.path.length > 1 && typeof field === 'number' ? ' or remove the entry' : ''}`,
          },
        ];
      if (issue.expected === 'string' && stringLike)
        return [{ path, message: `must be text; ${quoteFix(field, input)}` }];
      if (issue.expected === 'int')
        return [{ path, message: `must be a whole number, not ${kindOf(input)}; write it without decimals` }];
      if (
        issue.expected === 'number' &&
        typeof input === 'string' &&
        input.trim() !== '' &&
        !Number.isNaN(Number(input))
      )
        return [{ path, message: `must be a number, not the text ${quote(input)}: remove the quotes` }];
      return [{ path, message: `must be ${expected}, not ${kindOf(input)}` }];
    }
    case 'invalid_value': {
      if (own && stringLike) return [{ path, message: `${issue.message}; ${quoteFix(field, input)}` }];
      if (own) return [{ path, message: `${input === undefined ? '' : `${quote(input)} `}${issue.message}` }];
      const options = issue.values.map((v) => JSON.stringify(v)).join(', ');
      return [
        {
          path,
          message: `${input === undefined ? 'is' : `${quote(input)} is`} not one of the allowed values: ${options}${stringLike ? `; ${quoteFix(field, input)}` : ''}`,
        },
      ];
    }
    case 'too_small':
    case 'too_big': {
      if (own)
        return [{ path, message: `${typeof input === 'string' ? `${quote(input)} ` : ''}${issue.message}` }];
      const small = issue.code === 'too_small';
      const bound = Number(small ? issue.minimum : issue.maximum);
      const unit = ORIGIN_UNIT[issue.origin];
      if (unit && !small && typeof input === 'string')
        return [
          {
            path,
            message: `${quote(input)} is too long: at most ${bound} characters are allowed; shorten it`,
          },
        ];
      if (unit) {
        const size = sizeOf(input);
        const noun = bound === 1 ? unit[0] : unit[1];
        const has = size === undefined ? '' : `has ${size} ${size === 1 ? unit[0] : unit[1]}; `;
        return [
          {
            path,
            message: small
              ? `${has}it needs at least ${bound} ${noun}${size === 0 ? ': fill it in' : ''}`
              : `${has}at most ${bound} ${noun} are allowed: shorten it`,
          },
        ];
      }
      const strict = !issue.inclusive;
      return [
        {
          path,
          message: `is ${quote(input)}; it must be ${small ? (strict ? 'more than' : 'at least') : strict ? 'less than' : 'at most'} ${bound}`,
        },
      ];
    }
    case 'invalid_format': {
      if (own)
        return [
          {
            path,
            message: `${quote(input)} ${issue.message}${stringLike ? `; ${quoteFix(field, input)}` : ''}`,
          },
        ];
      return [{ path, message: `${quote(input)} is not in the expected format (${issue.format})` }];
    }
    case 'invalid_union':
      return [{ path, message: `${quote(input)} is not any of the accepted forms` }];
    case 'not_multiple_of':
      return [{ path, message: `is ${quote(input)}; it must be a multiple of ${String(issue.divisor)}` }];
    default: {
      const shown =
        typeof input === 'string' || typeof input === 'number' || typeof input === 'boolean'
          ? `${quote(input)} `
          : '';
      return [
        {
          path,
          message: `${shown}${own ? issue.message : 'is not valid here (see README, "Config reference")'}`,
        },
      ];
    }
  }
}

/** Characters refused anywhere in a config: controls (tab and line break aside), invisible format characters, private use. */
const REFUSED = /[\p{Cc}\p{Cf}\p{Co}\p{Cs}\u2028\u2029\uFFFD]/u;
const ALLOWED_CONTROLS = new Set(['\t', '\n']);
const CHARACTER_NAMES: Record<number, string> = {
  173: 'soft hyphen',
  8203: 'zero-width space',
  8204: 'zero-width non-joiner',
  8205: 'zero-width joiner',
  8206: 'left-to-right mark',
  8207: 'right-to-left mark',
  8234: 'left-to-right embedding',
  8235: 'right-to-left embedding',
  8236: 'pop directional formatting',
  8237: 'left-to-right override',
  8238: 'right-to-left override',
  8288: 'word joiner',
  8294: 'left-to-right isolate',
  8295: 'right-to-left isolate',
  8296: 'first strong isolate',
  8297: 'pop directional isolate',
  65279: 'zero-width no-break space (byte order mark)',
  65533: 'replacement character, left where bytes were not UTF-8',
  8232: 'line separator',
  8233: 'paragraph separator',
};

/** The first refused character of a string, in words, or undefined. */
export function refusedCharacter(s: string): string | undefined {
  let index = 0;
  for (const ch of s) {
    index++;
    if (ALLOWED_CONTROLS.has(ch) || !REFUSED.test(ch)) continue;
    const cp = ch.codePointAt(0)!;
    const hex = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
    const name =
      CHARACTER_NAMES[cp] ?? (/\p{Cc}/u.test(ch) ? 'a control character' : 'an invisible character');
    return `contains ${hex} (${name}) at character ${index}, which a caller cannot hear and a reader cannot see: delete it and type the text again`;
  }
  return undefined;
}

/** Every string (and key) of the config checked for invisible and control characters, by path. */
function characterProblems(
  data: unknown,
  path: PropertyKey[] = [],
  out: ConfigProblem[] = [],
): ConfigProblem[] {
  if (out.length >= 20) return out;
  if (typeof data === 'string') {
    const refusal = refusedCharacter(data);
    if (refusal) out.push({ path: formatPath(path), message: refusal });
  } else if (Array.isArray(data)) {
    for (const [i, v] of data.entries()) characterProblems(v, [...path, i], out);
  } else if (data !== null && typeof data === 'object')
    for (const [k, v] of Object.entries(data)) {
      const refusal = refusedCharacter(k);
      if (refusal) out.push({ path: formatPath([...path, quote(k)]), message: `(a key) ${refusal}` });
      else characterProblems(v, [...path, k], out);
    }
  return out;
}

/** Problems with the whole document (empty, a list, a scalar), before any field is looked at. */
function topLevelProblem(data: unknown): ConfigProblem | undefined {
  if (data === null || data === undefined)
    return {
      path: '',
      message:
        'the file is empty (or only comments): start from switchboard.yaml in the repository and edit it (README, "Config reference")',
      line: 1,
    };
  if (Array.isArray(data))
    return {
      path: '',
      message:
        'the top level is a list; it must be the sections, one per line (business:, deployment:, queues:, ivr:, shifts:, faq:, alerts:): remove the leading "- "',
      line: 1,
    };
  if (typeof data !== 'object')
    return {
      path: '',
      message: `the top level is ${kindOf(data)}; it must be the sections, one per line (business:, deployment:, queues:, ...)`,
      line: 1,
    };
  return undefined;
}

/**
 * Validates parsed config data; every problem is reported at once, by path, in plain words with the fix.
 * Throws ConfigError, never anything else, whatever `data` is.
 */
export function parseConfig(data: unknown, file = DEFAULT_CONFIG_FILE): SwitchboardConfig {
  const top = topLevelProblem(data);
  if (top) throw new ConfigError(file, [top]);
  const characters = characterProblems(data);
  const result = configSchema.safeParse(data, { reportInput: true });
  if (result.success && characters.length === 0) return result.data;
  const problems = [...characters, ...(result.success ? [] : result.error.issues.flatMap(describeIssue))];
  throw new ConfigError(file, problems);
}

/** The 1-based line of the node at `path` (or of its deepest existing parent), for messages. */
function lineOf(doc: Document, lines: LineCounter, path: ReadonlyArray<PropertyKey>): number | undefined {
  let node: unknown = doc.contents;
  let at: number | undefined = (node as Node | null)?.range?.[0];
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find(
        (p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg),
      );
      if (!pair) break;
      at = (pair.key as Node).range?.[0] ?? at;
      node = pair.value;
      if ((node as Node | null)?.range) at = (node as Node).range![0];
    } else if (isSeq(node) && typeof seg === 'number') {
      node = node.items[seg];
      if ((node as Node | null)?.range) at = (node as Node).range![0];
      else break;
    } else break;
  }
  return at === undefined ? undefined : lines.linePos(at).line;
}

/** Parses YAML text; syntax errors are reported with their line and column, field problems with their line. */
export function parseConfigText(text: string, file = DEFAULT_CONFIG_FILE): SwitchboardConfig {
  const lines = new LineCounter();
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true, lineCounter: lines });
  if (doc.errors.length > 0) {
    throw new ConfigError(
      file,
      doc.errors.slice(0, 10).map((e) => ({
        path: e.linePos ? `line ${e.linePos[0].line}, column ${e.linePos[0].col}` : '',
        message: `YAML syntax: ${e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`,
      })),
    );
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    let first: number | undefined;
    visit(doc, {
      Alias(_, node) {
        first ??= node.range?.[0];
      },
    });
    throw new ConfigError(file, [
      {
        path: '',
        ...(first === undefined ? {} : { line: lines.linePos(first).line }),
        message: `YAML aliases (*name) expand to too many values (${(err as Error).message}); write the values out instead of nesting aliases`,
      },
    ]);
  }
  try {
    return parseConfig(data, file);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    throw new ConfigError(
      file,
      err.problems.map((p) => {
        if (p.line !== undefined) return p;
        const segments = pathSegments(p.path);
        const line = segments ? lineOf(doc, lines, segments) : undefined;
        return line === undefined ? p : { ...p, line };
      }),
    );
  }
}

/** `shifts[2].end` back to `['shifts', 2, 'end']`. */
function pathSegments(path: string): PropertyKey[] | undefined {
  if (!path) return undefined;
  const out: PropertyKey[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]!);
  return out;
}

/**
 * The file's bytes as text: strictly UTF-8 (a Latin-1 "é" is refused with its line, never turned into
 * U+FFFD), a UTF-8 byte order mark dropped.
 */
export function decodeConfigBytes(bytes: Uint8Array, file = DEFAULT_CONFIG_FILE): string {
  if (bytes.length > MAX_CONFIG_BYTES)
    throw new ConfigError(file, [
      {
        path: '',
        message: `is ${(bytes.length / 1024 / 1024).toFixed(1)} MB; a config is a few kilobytes, at most ${MAX_CONFIG_BYTES / 1024 / 1024} MB: is this the right file?`,
      },
    ]);
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
    throw new ConfigError(file, [
      {
        path: '',
        message: 'is saved as UTF-16; save it as UTF-8 (your editor\'s "Save with encoding")',
        line: 1,
      },
    ]);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const loose = new TextDecoder('utf-8').decode(bytes);
    const bad = loose.indexOf('\uFFFD');
    const before = loose.slice(0, Math.max(bad, 0));
    const line = before.split('\n').length;
    const column = bad - before.lastIndexOf('\n');
    const byteAt = bytes[new TextEncoder().encode(before).length] ?? 0;
    throw new ConfigError(file, [
      {
        path: `line ${line}, column ${column}`,
        message: `is not UTF-8 (byte 0x${byteAt.toString(16).toUpperCase().padStart(2, '0')}${byteAt >= 0xa0 ? `, "${String.fromCharCode(byteAt)}" in Latin-1` : ''}): save the file as UTF-8 in your editor`,
      },
    ]);
  }
}

export function loadConfig(file: string = DEFAULT_CONFIG_FILE): SwitchboardConfig {
  const path = resolve(file);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ConfigError(file, [
      {
        path: '',
        message:
          code === 'EISDIR'
            ? 'is a folder; pass the YAML file itself with --config FILE'
            : `cannot read the file (${code ?? String(err)}); pass --config FILE or create switchboard.yaml`,
      },
    ]);
  }
  return parseConfigText(decodeConfigBytes(bytes, file), file);
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
