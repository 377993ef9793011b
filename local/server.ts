import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { relative } from 'node:path';
import type { Logger } from '@aws-lambda-powertools/logger';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { z } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import {
  type ConsoleApp,
  type ConsoleDeps,
  createConsoleApp,
  type Identity,
  roleRoute,
  serveOpenApi,
} from '../lambdas/console/app.ts';
import { operationsOps } from '../lambdas/console/ops.ts';
import { CallInput, ErrorBody, LiveInput } from '../lambdas/console/schemas.ts';
import { dynamoConsoleStore } from '../lambdas/console/store.ts';
import { MissedQuestionRepository } from '../lambdas/domain/missed-questions.ts';
import { OperationsStore } from '../lambdas/domain/operations.ts';
import { DirectoryRepository } from '../lambdas/domain/repositories.ts';
import { maskPhone } from '../lambdas/domain/tickets.ts';
import { localTime } from '../lambdas/domain/time.ts';
import { parseAt, parseFaults, UsageError } from './commands/common.ts';
import type { Caller, CallerInput, InputRequest } from './engine/types.ts';
import { ScriptedCaller } from './phone.ts';
import { type CallOptions, type CallReport, type LocalSwitchboard, SAMPLE_CALLER } from './switchboard.ts';

/** The local console user: `switchboard start` binds to loopback, so whoever reaches it is the manager. */
export const LOCAL_MANAGER: Identity = { name: 'local manager', role: 'manager' };

/** Something a live call did, for the softphone page (polled by index). */
export type LiveEvent =
  | { type: 'prompt'; text: string }
  | { type: 'ask'; kind: InputRequest['kind']; flow: string; action: string; options: string[] }
  | { type: 'input'; input: CallerInput }
  | { type: 'end'; report: CallReport }
  | { type: 'error'; message: string };

/** How long a live call waits for the person at the softphone before it hangs up (real seconds). */
export const LIVE_INPUT_TIMEOUT_S = 180;

class LiveCall implements Caller {
  readonly events: LiveEvent[] = [];
  private pending: ((input: CallerInput) => void) | null = null;
  ended = false;

  constructor(
    readonly id: string,
    private readonly changed: () => void,
  ) {}

  private push(e: LiveEvent) {
    this.events.push(e);
    this.changed();
  }

  hear(text: string): void {
    this.push({ type: 'prompt', text });
  }

  next(req: InputRequest): Promise<CallerInput> {
    this.push({ type: 'ask', kind: req.kind, flow: req.flow, action: req.action, options: req.options });
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.answer({ type: 'hangup' }), LIVE_INPUT_TIMEOUT_S * 1000);
      timer.unref();
      this.pending = (input) => {
        clearTimeout(timer);
        resolve(input);
      };
    });
  }

  /** Gives the waiting prompt its answer; false when the call is not waiting. */
  answer(input: CallerInput): boolean {
    const p = this.pending;
    if (!p) return false;
    this.pending = null;
    this.push({ type: 'input', input });
    p(input);
    return true;
  }

  finish(e: LiveEvent) {
    this.ended = true;
    this.push(e);
  }
}

export interface ConsoleServerOptions {
  port?: number;
  /** Always loopback unless a test says otherwise: the local console has no sign-in. */
  host?: string;
  /** Folder of the built pages (web/dist); when unset only the API is served. */
  webDir?: string;
  logger: Logger;
  /** The console's now (default: the wall clock); calls keep their own simulated time. */
  clock?: () => Date;
}

export interface ConsoleServer {
  url: string;
  app: ConsoleApp;
  /** Places a call through the one engine, one call at a time (the terminal phone uses this too). */
  placeCall(opts: CallOptions): Promise<CallReport>;
  close(): Promise<void>;
}

/**
 * The console on the laptop: the same app as in Lambda (lambdas/console/app.ts) on the local engine's
 * dynalite, signed in as the local manager, plus what only the laptop has: placing calls (scripted, as
 * `switchboard call --json`, or live from the softphone page), the outbox as alarms, and a stream of
 * change events so the pages refresh as a call goes.
 */
export async function startConsoleServer(
  sb: LocalSwitchboard,
  opts: ConsoleServerOptions,
): Promise<ConsoleServer> {
  const changes = new EventEmitter();
  changes.setMaxListeners(100);
  const changed = (what: string) => changes.emit('change', what);
  const clock = opts.clock ?? (() => new Date());
  const store = dynamoConsoleStore(sb.db.doc, sb.db.tables, clock);
  const calls: CallReport[] = [];
  const live = new Map<string, LiveCall>();
  let lock: Promise<unknown> = Promise.resolve();
  let waiting = 0;

  const placeCall = (o: CallOptions): Promise<CallReport> => {
    waiting++;
    changed('call');
    const run = lock.then(async () => {
      waiting--;
      try {
        const report = await sb.call(o);
        calls.push(report);
        return report;
      } finally {
        changed('call');
      }
    });
    lock = run.catch(() => undefined);
    return run;
  };

  const faq = async () => {
    const f = await new DirectoryRepository(sb.db.doc, sb.db.tables).getFaq();
    return { entries: f.entries, locale: f.settings?.locale ?? sb.config.business.locale };
  };

  const deps: ConsoleDeps = {
    store,
    // The same figures as `switchboard report`, from this switchboard's contact records.
    ops: operationsOps({
      operations: new OperationsStore(sb.db.doc, sb.db.tables),
      missed: new MissedQuestionRepository(sb.db.doc, sb.db.tables),
      store,
      config: async () => sb.config,
      faq,
    }),
    live: {
      async today(now) {
        const tz = sb.roster.timezone;
        const date = localTime(now, tz).date;
        const isToday = (iso: string) => localTime(new Date(iso), tz).date === date;
        return {
          calls: calls.filter((c) => isToday(c.at)).length,
          waiting: waiting + [...live.values()].filter((l) => !l.ended).length,
          alarms: sb.outbox
            .slice(-20)
            .reverse()
            .map((n) => ({
              at: n.at,
              channel: n.channel,
              to: n.to,
              ...(n.subject ? { subject: n.subject } : {}),
              text: n.text,
            })),
        };
      },
    },
    faq,
    clock,
    logger: opts.logger,
    identify: () => LOCAL_MANAGER,
    recordingUrl: async () => undefined,
    where: 'local',
    changed,
  };
  const app = createConsoleApp(deps);

  const callOptions = (body: z.infer<typeof CallInput>): Omit<CallOptions, 'caller'> => ({
    // As `switchboard call --at`: a time without an offset is the business's local time.
    at: body.at ? parseAt(body.at, sb.config.business.timezone) : clock(),
    from: body.from === 'withheld' ? null : (body.from ?? SAMPLE_CALLER),
    faults: parseFaults(body.fail),
  });
  /** The call's options, or the 400 body for a time `parseAt` refuses (a date the calendar lacks). */
  const optionsOrError = (body: z.infer<typeof CallInput>) => {
    try {
      return callOptions(body);
    } catch (err) {
      if (!(err instanceof UsageError)) throw err;
      return { error: 'invalid' as const, field: 'at', message: err.message };
    }
  };

  app.openapi(
    roleRoute('manager', {
      method: 'post',
      path: '/api/calls',
      summary: 'Local only: one scripted call, as `switchboard call --json` (at, from, inputs, fail)',
      request: { body: { content: { 'application/json': { schema: CallInput } }, required: true } },
      responses: {
        200: {
          description: 'The call report (same JSON as switchboard call --json)',
          content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } },
        },
        400: { description: 'Bad input', content: { 'application/json': { schema: ErrorBody } } },
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const options = optionsOrError(body);
      if ('error' in options) return c.json(options, 400);
      const report = await placeCall({ ...options, caller: new ScriptedCaller(body.inputs) });
      return c.json(report as unknown as Record<string, unknown>, 200);
    },
  );

  app.openapi(
    roleRoute('manager', {
      method: 'post',
      path: '/api/calls/live',
      summary: 'Local only: dial in from the softphone page; answer prompts with /input, read /events',
      request: {
        body: {
          content: { 'application/json': { schema: CallInput.pick({ at: true, from: true }) } },
          required: true,
        },
      },
      responses: {
        201: {
          description: 'The call id',
          content: { 'application/json': { schema: z.object({ id: z.string() }) } },
        },
        400: { description: 'Bad input', content: { 'application/json': { schema: ErrorBody } } },
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const options = optionsOrError({ ...body, inputs: [], fail: [] });
      if ('error' in options) return c.json(options, 400);
      const call = new LiveCall(randomUUID(), () => changed('live'));
      live.set(call.id, call);
      placeCall({ ...options, caller: call })
        .then((report) => call.finish({ type: 'end', report }))
        .catch((err: unknown) => call.finish({ type: 'error', message: String(err) }));
      // Keep the last few calls only.
      for (const id of [...live.keys()].slice(0, Math.max(0, live.size - 20)))
        if (live.get(id)?.ended) live.delete(id);
      return c.json({ id: call.id }, 201);
    },
  );

  const liveParams = z.object({ id: z.string().uuid() });
  app.openapi(
    roleRoute('manager', {
      method: 'get',
      path: '/api/calls/live/{id}/events',
      summary: 'Local only: the events of a live call after index `after`; waits up to 20 s for a new one',
      request: { params: liveParams, query: z.object({ after: z.coerce.number().int().min(0).default(0) }) },
      responses: {
        200: {
          description: 'Events',
          content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } },
        },
        404: { description: 'No such call', content: { 'application/json': { schema: ErrorBody } } },
      },
    }),
    async (c) => {
      const call = live.get(c.req.valid('param').id);
      if (!call) return c.json({ error: 'not_found', message: 'no such call' }, 404);
      const { after } = c.req.valid('query');
      if (call.events.length <= after && !call.ended)
        await new Promise<void>((resolve) => {
          const done = () => {
            clearTimeout(timer);
            changes.off('change', done);
            resolve();
          };
          const timer = setTimeout(done, 20_000);
          changes.on('change', done);
        });
      return c.json({ events: call.events.slice(after), next: call.events.length, ended: call.ended }, 200);
    },
  );

  app.openapi(
    roleRoute('manager', {
      method: 'post',
      path: '/api/calls/live/{id}/input',
      summary:
        'Local only: what the caller does at the prompt the call waits on (keys, speech, silence, hangup)',
      request: {
        params: liveParams,
        body: { content: { 'application/json': { schema: LiveInput } }, required: true },
      },
      responses: {
        202: {
          description: 'Taken',
          content: { 'application/json': { schema: z.object({ ok: z.boolean() }) } },
        },
        404: { description: 'No such call', content: { 'application/json': { schema: ErrorBody } } },
        409: {
          description: 'The call is not waiting for input',
          content: { 'application/json': { schema: ErrorBody } },
        },
        400: { description: 'Bad input', content: { 'application/json': { schema: ErrorBody } } },
      },
    }),
    async (c) => {
      const call = live.get(c.req.valid('param').id);
      if (!call) return c.json({ error: 'not_found', message: 'no such call' }, 404);
      const b = c.req.valid('json');
      const input: CallerInput =
        b.type === 'keys'
          ? { type: 'keys', value: b.value ?? '' }
          : b.type === 'speech'
            ? { type: 'speech', value: b.value ?? '' }
            : { type: b.type };
      if (input.type === 'keys' && !/^[0-9*#]+$/.test(input.value))
        return c.json({ error: 'invalid', field: 'value', message: 'value: keys are 0-9, * and #' }, 400);
      if (!call.answer(input))
        return c.json({ error: 'conflict', message: 'the call is not waiting for input' }, 409);
      return c.json({ ok: true }, 202);
    },
  );

  app.get('/api/events', (c) =>
    streamSSE(c, async (stream) => {
      let open = true;
      const send = (what: string) => {
        if (open) void stream.writeSSE({ event: 'change', data: what });
      };
      changes.on('change', send);
      stream.onAbort(() => {
        open = false;
        changes.off('change', send);
      });
      await stream.writeSSE({ event: 'hello', data: 'ok' });
      while (open) {
        await stream.sleep(15_000);
        if (open) await stream.writeSSE({ event: 'ping', data: '' });
      }
    }),
  );

  serveOpenApi(app);

  if (opts.webDir) {
    const root = relative(process.cwd(), opts.webDir) || '.';
    app.use('/*', serveStatic({ root }));
    const index = readFileSync(`${opts.webDir}/index.html`, 'utf8');
    app.get('*', (c) =>
      c.req.path.startsWith('/api/')
        ? c.json({ error: 'not_found', message: 'no such route' }, 404)
        : c.html(index),
    );
  }

  const host = opts.host ?? '127.0.0.1';
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: opts.port ?? 8080, hostname: host }, () => resolve(s));
    s.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  opts.logger.info('console listening', { host, port, caller: maskPhone(SAMPLE_CALLER) });
  return {
    url: `http://${host}:${port}`,
    app,
    placeCall,
    async close() {
      for (const l of live.values()) l.answer({ type: 'hangup' });
      changes.emit('change', 'closing');
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
