import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../config/load.ts';
import { ROOT } from '../helpers.ts';
import { CORPUS, render } from './corpus.ts';

const dir = mkdtempSync(join(tmpdir(), 'switchboard-corpus-'));
const fileOf = (name: string, content: string | Uint8Array) => {
  const file = join(dir, `${name.replace(/[^a-z0-9]+/gi, '-')}.yaml`);
  writeFileSync(file, content);
  return file;
};

/** What a person reads: the problems of a config, or the thrown thing when it was not a ConfigError. */
function load(file: string): { error: unknown; problems: ConfigError['problems'] } {
  try {
    loadConfig(file);
  } catch (error) {
    return { error, problems: error instanceof ConfigError ? error.problems : [] };
  }
  return { error: undefined, problems: [] };
}

const ZOD_WORDS =
  /Invalid input|Invalid option|Too (big|small)|expected (string|number|array|object)|received|Unrecognized key/;

describe('the corpus of broken configs', () => {
  it('has at least 60 cases with distinct names', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(60);
    expect(new Set(CORPUS.map((c) => c.name)).size).toBe(CORPUS.length);
  });

  it.each(CORPUS.map((c) => [c.name, c] as const))('%s: a located problem in plain words', (_, c) => {
    const file = fileOf(c.name, render(c));
    const { error, problems } = load(file);
    // Never a stack trace: always a ConfigError, whose message is all a user sees.
    expect(error).toBeInstanceOf(ConfigError);
    const match = problems.find((p) =>
      typeof c.path === 'string' ? p.path === c.path : c.path.test(p.path),
    );
    expect(match, `no problem at ${String(c.path)} in:\n${(error as Error).message}`).toBeDefined();
    expect(match!.message).toMatch(c.words);
    const message = (error as Error).message;
    expect(message).not.toMatch(ZOD_WORDS);
    // Long values are quoted cut short: a message stays readable whatever the file holds.
    expect(message.length).toBeLessThan(4000);
    // A problem names its field, or its line when it concerns the whole file.
    for (const p of problems) expect(p.path || p.line).toBeTruthy();
  });
});

const cli = (...args: string[]) =>
  spawnSync(process.execPath, [resolve(ROOT, 'bin/switchboard.js'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
  });

describe('switchboard check on a sample of the corpus', () => {
  const sample = [
    'queues: [~]',
    'YAML alias bomb',
    'Latin-1 bytes',
    'voice Bob',
    'menu key as a number',
    '1 MB business name',
    'top-level list',
  ];
  it.each(sample)('%s: exit 1, the path and the words on stderr, no stack trace', (name) => {
    const c = CORPUS.find((x) => x.name === name)!;
    const out = cli('check', '--config', fileOf(`cli-${name}`, render(c)));
    expect(out.status).toBe(1);
    expect(out.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
    expect(out.stderr).toMatch(c.words);
    if (typeof c.path === 'string' && c.path) expect(out.stderr).toContain(`${c.path}: `);
    expect(out.stderr.length).toBeLessThan(4000);
  });
});

describe('every entry point refuses a broken config in plain words', () => {
  const c = CORPUS.find((x) => x.name === 'queues: [~]')!;
  const file = fileOf('entry-points', render(c));
  it.each([
    ['call', ['call', '--config', file, '--at', '2026-03-10T15:00:00Z']],
    ['verify', ['verify', '--config', file]],
    ['start', ['start', '--config', file]],
  ])('switchboard %s', (_, args) => {
    const out = cli(...args);
    expect(out.status).toBe(1);
    expect(out.stderr).toContain('queues[0]: is empty');
    expect(out.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  });

  it('cdk synth (infra/bin/app.ts)', () => {
    const out = spawnSync(process.execPath, ['--import', 'tsx', resolve(ROOT, 'infra/bin/app.ts')], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, SWITCHBOARD_CONFIG: file, CDK_OUTDIR: mkdtempSync(join(tmpdir(), 'cdk-')) },
    });
    expect(out.status).toBe(1);
    expect(out.stderr).toContain('queues[0]: is empty');
    expect(out.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  });
});
