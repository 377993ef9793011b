/**
 * Every flow field case in test/field-cases/README.md, through the command a user types:
 * `npx switchboard call --flow FILE --json` (the README names the source of each right result).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { ContactFlows } from '../../infra/flows.ts';
import { enConfig, ROOT } from '../helpers.ts';

const CASES = join(ROOT, 'test', 'field-cases');
const call = (file: string, ...args: string[]) => {
  const out = spawnSync(
    process.execPath,
    [resolve(ROOT, 'bin/switchboard.js'), 'call', '--flow', join(CASES, file), ...args, '--json'],
    {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  return { status: out.status, stderr: out.stderr, report: JSON.parse(out.stdout || '{}') };
};

describe('field cases through switchboard call --flow FILE --json', () => {
  it.each([
    ['flow-wait-on-voice.json', [], 'BRANCH error'],
    ['flow-cancel-key.json', ['--input', '123*456#'], 'SUCCESS stored [456]'],
    ['flow-lex-timing-limit.json', ['--input', 'say:CheckBalance'], 'BRANCH error'],
    ['flow-lambda-async.json', ['--fail', 'route'], 'BRANCH success (continued without waiting)'],
  ])('%s %s: heard "%s"', (file, args, heard) => {
    const { status, stderr, report } = call(file, ...args);
    expect(status, stderr).toBe(0);
    expect(report.prompts.at(-1)).toBe(heard);
  });

  it('flow-distribute-by-percentage.json: one of the two groups, the same one for the same seed', () => {
    const a = call('flow-distribute-by-percentage.json', '--seed', '3').report.prompts.at(-1);
    expect(['BRANCH test group A', 'BRANCH default group B']).toContain(a);
    expect(call('flow-distribute-by-percentage.json', '--seed', '3').report.prompts.at(-1)).toBe(a);
  });

  it('flow-loop-prompts-in-inbound.json: refused, naming the action and the rule (exit 1)', () => {
    const { status, report } = call('flow-loop-prompts-in-inbound.json');
    expect(status).toBe(1);
    expect(report.outcome).toEqual({
      type: 'refused',
      problems: [
        expect.objectContaining({
          action: 'loop-prompts',
          actionType: 'MessageParticipantIteratively',
          rule: expect.stringMatching(/Loop prompts .* is not allowed in an inbound flow/),
        }),
      ],
    });
    expect(report.prompts).toEqual([]);
  });

  it('flow-routing-priority.json: queued in general with priority 1, nothing unsupported', () => {
    const { status, report } = call('flow-routing-priority.json', '--at', '2026-11-24T10:00:00-06:00');
    expect(status).toBe(0);
    expect(report.outcome).toMatchObject({ type: 'queued', queue: 'general', priority: 1 });
    expect(report.errors).toEqual([]);
  });

  it('cdk synth refuses the same unpublishable flow as a designer export, naming the action', () => {
    const dir = mkdtempSync(join(tmpdir(), 'custom-flows-'));
    writeFileSync(
      join(dir, 'hold-loop.json'),
      readFileSync(join(CASES, 'flow-loop-prompts-in-inbound.json'), 'utf8'),
    );
    const config = enConfig();
    const stack = new Stack(new App(), 'PublishCheck');
    const build = () =>
      new ContactFlows(stack, 'Flows', {
        config,
        instanceArn: 'arn:aws:connect:us-east-1:111122223333:instance/i',
        functions: {
          route: 'arn:r',
          ticket: 'arn:t',
          assistant: 'arn:a',
          survey: 'arn:s',
          escalate: 'arn:e',
        },
        queues: Object.fromEntries(
          config.queues.map((q) => [q.id, `arn:aws:connect:us-east-1:111122223333:instance/i/queue/${q.id}`]),
        ),
        lexBotAliasArn: 'arn:aws:lex:us-east-1:111122223333:bot-alias/B/A',
        hoursArn: 'arn:aws:connect:us-east-1:111122223333:instance/i/operating-hours/h',
        dependsOn: [],
        customFlowsDir: dir,
      });
    expect(build).toThrow(
      /custom-hold-loop: action "loop-prompts" \(MessageParticipantIteratively\): Loop prompts/,
    );
  });
});
