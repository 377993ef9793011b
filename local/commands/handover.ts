import { parseArgs } from 'node:util';
import { TicketRepository } from '../../lambdas/domain/repositories.ts';
import { rosterFromConfig } from '../../lambdas/domain/seed.ts';
import { handoverRecipients, runHandover } from '../../lambdas/handover/handover.ts';
import { LocalSwitchboard } from '../switchboard.ts';
import { configFrom, parseAt, UsageError } from './common.ts';

export const HANDOVER_HELP = `switchboard handover [--config F] [--data DIR] [--at ISO-8601] [--shift ID] [--json]
  What the handover at that moment would send, without sending it: the shift that ended last before
  --at (or the last end of --shift), the shift that takes over, the open tickets (from --data DIR,
  where \`switchboard call --data DIR\` keeps them) and the recipients. Shift ends follow the
  business time zone, DST changes included (a boundary in a repeated hour happens once,
  at its first occurrence; one at a time that does not exist, at the first instant after the gap).`;

/** The JSON shape: `{ from, to, at, tickets, recipients, ... }` with shift ids. */
export async function handoverCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      config: { type: 'string' },
      data: { type: 'string' },
      at: { type: 'string' },
      shift: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const config = configFrom(values.config);
  const at = parseAt(values.at);
  if (values.shift !== undefined && !config.shifts.some((s) => s.id === values.shift))
    throw new UsageError(
      `--shift "${values.shift}" is not a shift; use one of: ${config.shifts.map((s) => s.id).join(', ')}`,
    );
  const sb = await LocalSwitchboard.start(config, values.data ? { dataDir: values.data } : {});
  try {
    const roster = rosterFromConfig(config);
    const [report] = await runHandover(values.shift ? { shiftId: values.shift } : {}, {
      roster: async () => roster,
      tickets: new TicketRepository(sb.db.doc, sb.db.tables),
      email: async () => {},
      now: at,
      recipients: handoverRecipients(config.alerts.emails, config.shifts),
    });
    if (!report) {
      console.error(
        `no ${values.shift ? `"${values.shift}" ` : ''}shift ended in the week before ${at.toISOString()}`,
      );
      return 1;
    }
    if (values.json) {
      const { text, subject, ...rest } = report;
      console.log(JSON.stringify({ ...rest, subject, text }, null, 2));
    } else {
      console.log(
        [
          `Handover at ${report.at} (${report.endedShift} → ${report.nextShift || 'nobody'})`,
          `To: ${report.recipients.join(', ') || '(no recipients: add alerts.emails or a shift email)'}`,
          `Subject: ${report.subject}`,
          '',
          report.text,
        ].join('\n'),
      );
    }
    return 0;
  } finally {
    await sb.stop();
  }
}
