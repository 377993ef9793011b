import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { describe, expect, it } from 'vitest';
import { Schedules } from '../../infra/schedules.ts';
import type { Roster } from '../../lambdas/domain/roster.ts';
import { endedShifts, handoverInput } from '../../lambdas/handover/handover.ts';
import { enConfig } from '../helpers.ts';
import { dstTransitions, expectedInstant, wallAt } from '../property/dst-zones.ts';

/** The handover schedule as synthesized: expression, time zone and the input its runs carry. */
function synthesizedHandoverSchedule() {
  const stack = new Stack(new App(), 'Test');
  const fn = (id: string) =>
    new lambda.Function(stack, id, {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => ({})'),
    });
  new Schedules(stack, 'Schedules', {
    config: enConfig(),
    handover: fn('Handover'),
    healthCheck: fn('Health'),
  });
  const schedules = Object.values(Template.fromStack(stack).findResources('AWS::Scheduler::Schedule'));
  const handover = schedules.filter((s) => String(s.Properties.Target.Input ?? '').includes('scheduledTime'));
  expect(handover).toHaveLength(1);
  const p = handover[0]!.Properties;
  return {
    expression: p.ScheduleExpression as string,
    timezone: p.ScheduleExpressionTimezone as string,
    input: JSON.parse(p.Target.Input as string) as Record<string, unknown>,
  };
}

/**
 * Fire times of an EventBridge cron in UTC within [from, to): minutes as `*`, `a/b` or a list, every
 * other field `*` or `?`. Anything else fails the test, so a schedule this reader cannot model is noticed.
 */
function fireTimes(expression: string, from: number, to: number): number[] {
  const m = /^cron\((\S+) (\S+) (\S+) (\S+) (\S+) (\S+)\)$/.exec(expression);
  if (!m) throw new Error(`not a cron expression: ${expression}`);
  const [, minute, ...rest] = m;
  if (!rest.every((f) => f === '*' || f === '?')) throw new Error(`cannot model ${expression}`);
  const minutes = new Set<number>();
  const step = /^(\d+)\/(\d+)$/.exec(minute!);
  if (minute === '*') for (let i = 0; i < 60; i++) minutes.add(i);
  else if (step) for (let i = Number(step[1]); i < 60; i += Number(step[2])) minutes.add(i);
  else for (const v of minute!.split(',')) minutes.add(Number(v));
  const out: number[] = [];
  for (let t = Math.ceil(from / 60_000) * 60_000; t < to; t += 60_000)
    if (minutes.has(new Date(t).getUTCMinutes())) out.push(t);
  return out;
}

describe('the synthesized handover schedule on DST days', () => {
  it('hands over every shift end exactly once, in every zone with DST, on every change in 2026-2030', () => {
    const schedule = synthesizedHandoverSchedule();
    expect(schedule.timezone).toBe('UTC');
    const window = handoverInput.parse({
      ...schedule.input,
      scheduledTime: '2026-01-01T00:00:00Z',
    }).windowMinutes;
    const transitions = dstTransitions();
    let checked = 0;
    for (const t of transitions) {
      const local = wallAt(t.at, t.before);
      const size = Math.abs(t.after - t.before) / 60_000;
      // Shifts whose ends fall just before, at, inside and at the end of the changed span (24:00 included).
      const bounds = [
        ...new Set([
          0,
          local.minutes,
          (local.minutes + Math.floor(size / 2)) % 1440,
          (local.minutes + 120) % 1440,
        ]),
      ].sort((a, b) => a - b);
      const hhmm = (x: number) =>
        `${String(Math.floor(x / 60)).padStart(2, '0')}:${String(x % 60).padStart(2, '0')}`;
      const roster = {
        shifts: bounds.map((b, i) => ({
          id: `s${i}`,
          name: `S${i}`,
          start: hhmm(b),
          end: hhmm(bounds[(i + 1) % bounds.length]!),
          agents: 1,
        })),
        timezone: t.tz,
      } as unknown as Roster;
      // Each shift end on the day of the change, computed with the stated rule.
      for (const [i, b] of bounds.entries()) {
        const next = bounds[(i + 1) % bounds.length]!;
        const start = expectedInstant(t, local.date, b);
        const end = expectedInstant(t, next <= b ? addDay(local.date) : local.date, next);
        if (end <= start) continue; // wholly inside the gap: that shift does not happen that night
        const runs = fireTimes(
          schedule.expression,
          end - 2 * window * 60_000,
          end + 2 * window * 60_000,
        ).filter((s) => s - window * 60_000 < end && end <= s);
        expect(runs, `${t.tz} ${new Date(end).toISOString()}`).toHaveLength(1);
        checked++;
        // The handler's own window, on every zone's changes in 2026 and 2027 (the rule is year-blind).
        if (new Date(end).getUTCFullYear() > 2027) continue;
        const handed = endedShifts(
          roster,
          handoverInput.parse({ ...schedule.input, scheduledTime: new Date(runs[0]!).toISOString() }),
          new Date(runs[0]!),
        );
        expect(handed.map((o) => [o.shift.id, o.endsAt.getTime()])).toContainEqual([`s${i}`, end]);
      }
    }
    expect(checked).toBeGreaterThan(transitions.length * 2);
  });
});

const addDay = (date: string) =>
  new Date(Date.parse(`${date}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
