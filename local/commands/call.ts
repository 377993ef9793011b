import { parseArgs } from 'node:util';
import { ScriptedCaller } from '../phone.ts';
import { type CallReport, LocalSwitchboard, SAMPLE_CALLER } from '../switchboard.ts';
import { configFrom, parseAt, parseFaults, parseFrom } from './common.ts';

export const CALL_HELP = `switchboard call [--config F] [--flow FILE] [--at ISO-8601] [--from +E164|withheld]
                 [--input X]... [--fail FUNCTION[:timeout]]... [--answer-after S] [--queue-load N]
                 [--data DIR] [--json]
  One scripted call. Each --input answers the next prompt: keys (1, #, 4155550123#), say:words for
  speech, silence, or hangup; when none are left the caller stays silent.`;

/** The call as a person reads it: what was said, what the caller did, how it ended. */
export function formatReport(r: CallReport): string {
  const lines = [`Call at ${r.at} from ${r.from ?? 'a withheld number'} (flow ${r.flow})`, ''];
  let p = 0;
  for (const e of r.events) {
    if (e.startsWith('caller ')) {
      while (p < r.prompts.length && lines.length < 400) {
        lines.push(`  ♪ ${r.prompts[p++]}`);
        if (p > 0 && /press|say|tell me|how can i help|what else|请|吗/i.test(r.prompts[p - 1]!)) break;
      }
    }
    lines.push(`  → ${e}`);
  }
  while (p < r.prompts.length) lines.push(`  ♪ ${r.prompts[p++]}`);
  const o = r.outcome;
  lines.push(
    '',
    `Outcome: ${o.type}${o.queue ? ` (queue ${o.queue}${o.answered !== undefined ? `, ${o.answered ? `answered after ${o.waitSeconds} s` : 'not answered'}` : ''})` : ''}${o.to ? ` to ${o.to}` : ''}${o.reason ? ` (${o.reason.replace(/^disconnected /, '')})` : ''}`,
  );
  for (const t of r.tickets)
    lines.push(
      `Ticket ${t.id}: ${t.category}, ${t.priority}, ${t.status}, callback due ${t.dueAt}${t.message ? ` — "${t.message}"` : ''}`,
    );
  for (const n of r.notifications)
    lines.push(
      `Outbox ${n.channel} to ${n.to}: ${n.subject ? `[${n.subject}] ` : ''}${n.text.split('\n')[0]}`,
    );
  for (const e of r.errors) lines.push(`Error: ${e}`);
  return lines.join('\n');
}

export async function call(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      config: { type: 'string' },
      flow: { type: 'string' },
      at: { type: 'string' },
      from: { type: 'string' },
      input: { type: 'string', multiple: true },
      fail: { type: 'string', multiple: true },
      'answer-after': { type: 'string' },
      'queue-load': { type: 'string' },
      data: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const config = configFrom(values.config);
  const faults = parseFaults(values.fail);
  const at = parseAt(values.at);
  const from = parseFrom(values.from, SAMPLE_CALLER);
  const sb = await LocalSwitchboard.start(config, values.data ? { dataDir: values.data } : {});
  try {
    const report = await sb.call({
      at,
      from,
      caller: new ScriptedCaller(values.input ?? []),
      ...(values.flow ? { flowFile: values.flow } : {}),
      faults,
      ...(values['answer-after'] ? { engine: { answerAfterSeconds: Number(values['answer-after']) } } : {}),
      ...(values['queue-load'] ? { queueLoad: Number(values['queue-load']) } : {}),
    });
    console.log(values.json ? JSON.stringify(report, null, 2) : formatReport(report));
    return report.outcome.reason?.startsWith('engine:') ? 1 : 0;
  } finally {
    await sb.stop();
  }
}
