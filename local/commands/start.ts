import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { Logger } from '@aws-lambda-powertools/logger';
import { ensureWebBuilt } from '../../web/build.ts';
import type { Caller, CallerInput, InputRequest } from '../engine/types.ts';
import { type ConsoleServer, startConsoleServer } from '../server.ts';
import { LocalSwitchboard, SAMPLE_CALLER } from '../switchboard.ts';
import { formatReport } from './call.ts';
import { configFrom, describeAt, parseAt, parseFrom, UsageError } from './common.ts';
import { ensureContactIndex } from './operations.ts';

export const START_HELP = `switchboard start [--config F] [--data DIR] [--port N] [--no-phone] [--no-console]
  Starts the local engine (embedded DynamoDB seeded from the config), the console at
  http://127.0.0.1:8080 (loopback only, signed in as the local manager; --port to change it) and a
  terminal phone: choose the time and your number, hear the prompts, press keys or speak (type) to the
  assistant. --no-phone serves the console until Ctrl-C; --no-console runs the terminal phone alone.`;

/** Reads lines one by one, buffering what is piped in ahead of the question. */
class Terminal {
  private readonly rl = createInterface({ input: process.stdin, terminal: false });
  private readonly lines = this.rl[Symbol.asyncIterator]();
  closed = false;

  async ask(question: string): Promise<string | null> {
    process.stdout.write(question);
    const next = await this.lines.next();
    if (next.done) {
      this.closed = true;
      process.stdout.write('\n');
      return null;
    }
    if (!process.stdin.isTTY) process.stdout.write(`${next.value}\n`);
    return next.value.trim();
  }

  close(): void {
    this.rl.close();
  }
}

class TerminalCaller implements Caller {
  constructor(private readonly term: Terminal) {}

  hear(text: string): void {
    console.log(`  ♪ ${text}`);
  }

  notice(event: string): void {
    console.log(`  ☎ ${event}`);
  }

  async next(req: InputRequest): Promise<CallerInput> {
    const hint =
      req.kind === 'speech'
        ? '  speak (type words; Enter = silence; /h = hang up) > '
        : `  keys${req.options.length ? ` [${req.options.filter((o) => /^[0-9*#]$/.test(o)).join(' ')}]` : ''} (Enter = silence; h = hang up) > `;
    const line = await this.term.ask(hint);
    if (line === null || line === 'h' || line === '/h') return { type: 'hangup' };
    if (line === '') return { type: 'silence' };
    if (req.kind === 'speech') return { type: 'speech', value: line.replace(/^say:/, '') };
    if (/^[0-9*#]+$/.test(line)) return { type: 'keys', value: line };
    // Words typed at a key prompt: the caller spoke where the IVR wanted keys, which it does not hear.
    return { type: 'speech', value: line };
  }
}

export async function start(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      config: { type: 'string' },
      data: { type: 'string' },
      port: { type: 'string' },
      'no-phone': { type: 'boolean', default: false },
      'no-console': { type: 'boolean', default: false },
    },
  });
  const port = values.port === undefined ? 8080 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port "${values.port}" is not a port number (0-65535)`);
  const config = configFrom(values.config);
  // Keep contact records even in memory: the console's KPI and QA pages read them.
  const sb = await LocalSwitchboard.start(config, {
    records: true,
    ...(values.data ? { dataDir: values.data } : {}),
  });
  // A data folder from before contact records gets their index (as `switchboard report` does).
  if (values.data) await ensureContactIndex(sb);
  console.log(
    `Switchboard is running locally: ${config.business.name} (${config.business.locale}, ${config.business.timezone}).`,
  );
  console.log(
    `Embedded DynamoDB at ${sb.db.endpoint}${values.data ? `, data kept in ${values.data}` : ' (in memory)'}. SMS and e-mail go to the outbox.`,
  );
  let server: ConsoleServer | undefined;
  if (!values['no-console']) {
    const webDir = await ensureWebBuilt((line) => console.log(line));
    const logger = new Logger({ serviceName: 'switchboard-console', logLevel: 'WARN' });
    try {
      server = await startConsoleServer(sb, { port, webDir, logger });
    } catch (err) {
      await sb.stop();
      if ((err as { code?: string }).code === 'EADDRINUSE')
        throw new UsageError(`port ${port} is in use: pass --port with another one (or --no-console)`);
      throw err;
    }
    console.log(`Console: ${server.url} (signed in as the local manager; loopback only).`);
  }
  console.log('');
  if (values['no-phone']) {
    if (!server) throw new UsageError('--no-phone and --no-console leave nothing to run');
    console.log('Press Ctrl-C to stop.');
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await server.close();
    await sb.stop();
    console.log('Goodbye.');
    return 0;
  }
  const place = server ? server.placeCall : (o: Parameters<LocalSwitchboard['call']>[0]) => sb.call(o);
  const term = new Terminal();
  try {
    for (;;) {
      const when = await term.ask(
        `Time of the call (local time in ${config.business.timezone}, e.g. 2026-11-28T21:00; Enter = now) > `,
      );
      if (when === null) break;
      let at: Date;
      let from: string | null;
      try {
        at = parseAt(when || undefined, config.business.timezone);
        const number = await term.ask(`Your number (E.164 or "withheld", Enter = ${SAMPLE_CALLER}) > `);
        if (number === null) break;
        from = parseFrom(number || undefined, SAMPLE_CALLER);
      } catch (err) {
        if (err instanceof UsageError) {
          console.log(err.message);
          continue;
        }
        throw err;
      }
      console.log(
        `\nCalling ${config.business.name} at ${describeAt(at, config.business.timezone)} from ${from ?? 'a withheld number'}...`,
      );
      const report = await place({ at, from, caller: new TerminalCaller(term) });
      const summary = formatReport({ ...report, prompts: [], events: [] }, config.business.timezone)
        .split('\n')
        .slice(2)
        .join('\n');
      console.log(`\n${summary}\n`);
      if (term.closed) break;
      const again = await term.ask('Call again? [Y/n] > ');
      if (again === null || /^n|^q/i.test(again)) break;
    }
  } finally {
    term.close();
    await server?.close();
    await sb.stop();
  }
  console.log('Goodbye.');
  return 0;
}
