import { randomUUID } from 'node:crypto';
import type { Logger } from '@aws-lambda-powertools/logger';
import { createRoute, OpenAPIHono, type RouteConfig, z } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { FaqEntry } from '#domain/faq.ts';
import type { Override } from '#domain/overrides.ts';
import { TicketNotFoundError } from '#domain/repositories.ts';
import { decide, shiftKey } from '#domain/roster.ts';
import { dueTimes, InvalidTransitionError, isOverdue, maskPhone, OwnershipError } from '#domain/tickets.ts';
import { addDays, localTime } from '#domain/time.ts';
import type { Me, QaSample, Role, Today } from './api-types.ts';
import type { OpsSource } from './ops.ts';
import {
  E164,
  ErrorBody,
  NewTicketBody,
  OverrideBody,
  OverrideInput,
  QaReviewInput,
  RangeQuery,
  TicketDetail,
  TicketPage,
  TicketPatch,
  TicketQuery,
  Week,
} from './schemas.ts';
import {
  BadCursorError,
  type ConsoleStore,
  StaleOverridesError,
  StaleTicketError,
  TooManyOverridesError,
} from './store.ts';
import { rosterToday } from './today.ts';

export type { Role } from './api-types.ts';

/** Who is asking. In AWS: from the Cognito JWT (groups `managers`, `agents`); locally: the local manager. */
export interface Identity {
  name: string;
  role: Role;
}

/** Live figures the store cannot give: the local engine's call log and outbox, or (in AWS) the ops seam. */
export interface LiveSource {
  today(now: Date): Promise<{
    calls: number | null;
    waiting: number | null;
    alarms: Array<{ at: string; channel: string; to: string; subject?: string; text: string }>;
  }>;
}

export interface ConsoleDeps {
  store: ConsoleStore;
  ops: OpsSource;
  live: LiveSource;
  faq(): Promise<{ entries: FaqEntry[]; locale: string }>;
  /** Now, as an instant (UTC). */
  clock(): Date;
  logger: Logger;
  /** Reads the caller's identity from the request; null when not signed in. */
  identify(c: Context): Identity | null;
  /** A short-lived URL to play a recording (AWS: a presigned S3 GET); undefined when there is none. */
  recordingUrl(key: string): Promise<string | undefined>;
  /** `local` in `switchboard start`, `aws` behind API Gateway: the pages show what each can do. */
  where: 'local' | 'aws';
  /** Told after every successful change (locally: the pages refresh at once). */
  changed?(what: string): void;
}

export type ConsoleEnv = { Variables: { identity: Identity } };
export type ConsoleApp = OpenAPIHono<ConsoleEnv>;

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { 'application/json': { schema } },
  description,
});
const errors = {
  400: json(ErrorBody, 'Bad input: `field` names the field'),
  401: json(ErrorBody, 'Not signed in'),
  403: json(ErrorBody, 'Signed in without the role this route needs'),
};
const Anything = z.record(z.string(), z.unknown());

/** Masks phone numbers in a path for the logs (`/api/callers/+13125550142` → `/api/callers/+131******42`). */
export const maskPath = (path: string) =>
  path.replace(/(%2B|\+)?\d{7,15}/g, (m) => maskPhone(decodeURIComponent(m)));

/**
 * A route that names the role it needs: managers may do everything, agents only what is `agent`. Every
 * route of the console is declared through this, so none can forget its check.
 */
export function roleRoute<R extends Omit<RouteConfig, 'middleware'>>(role: Role, config: R) {
  const check: MiddlewareHandler<ConsoleEnv> = async (c, next) => {
    const who = c.get('identity');
    if (role === 'manager' && who.role !== 'manager')
      return c.json({ error: 'forbidden', message: 'this needs the managers group' }, 403);
    await next();
    return undefined;
  };
  return createRoute({ ...config, middleware: [check] as const });
}

/**
 * The console's HTTP app (JSON API; the pages are static files served beside it). The same app runs in
 * Lambda (handler.ts) and in `switchboard start` (local/server.ts), on the same store and seams.
 */
export function createConsoleApp(deps: ConsoleDeps): ConsoleApp {
  const app: ConsoleApp = new OpenAPIHono<ConsoleEnv>({
    defaultHook: (result, c) => {
      if (!result.success) {
        const issue = result.error.issues[0];
        return c.json(
          {
            error: 'invalid',
            field: issue?.path.join('.') || result.target,
            message: issue ? `${issue.path.join('.') || result.target}: ${issue.message}` : 'invalid input',
          },
          400,
        );
      }
      return undefined;
    },
  });

  app.use('*', secureHeaders({ referrerPolicy: 'no-referrer', xFrameOptions: 'DENY' }));
  app.use('/api/*', async (c, next) => {
    const started = Date.now();
    const who = deps.identify(c);
    if (!who) return c.json({ error: 'unauthenticated', message: 'sign in first' }, 401);
    c.set('identity', who);
    await next();
    c.header('Cache-Control', 'no-store');
    if (c.req.method !== 'GET' && c.res.status < 400) deps.changed?.(c.req.path);
    deps.logger.info('console request', {
      method: c.req.method,
      path: maskPath(c.req.path),
      status: c.res.status,
      ms: Date.now() - started,
      role: who.role,
    });
    return undefined;
  });

  app.onError((err, c) => {
    if (err instanceof TicketNotFoundError) return c.json({ error: 'not_found', message: err.message }, 404);
    if (err instanceof StaleTicketError) return c.json({ error: 'stale', message: err.message }, 412);
    if (err instanceof StaleOverridesError) return c.json({ error: 'stale', message: err.message }, 409);
    if (err instanceof InvalidTransitionError || err instanceof OwnershipError)
      return c.json({ error: 'conflict', message: err.message }, 409);
    if (err instanceof TooManyOverridesError) return c.json({ error: 'conflict', message: err.message }, 409);
    if (err instanceof BadCursorError || err instanceof RangeError)
      return c.json({ error: 'invalid', field: 'cursor', message: err.message }, 400);
    deps.logger.error('console error', { path: maskPath(c.req.path), error: String(err) });
    return c.json({ error: 'internal', message: 'something went wrong; it was logged' }, 500);
  });

  const now = () => deps.clock();
  const today = async () => localTime(now(), (await deps.store.roster()).timezone).date;

  app.openapi(
    roleRoute('agent', {
      method: 'get',
      path: '/api/me',
      summary: 'Who is signed in, the business and what this console can do',
      responses: { 200: json(Anything, 'Identity and settings'), ...errors },
    }),
    async (c) => {
      const r = await deps.store.roster();
      const me: Me = {
        identity: c.get('identity'),
        business: { name: r.businessName, locale: r.locale, timezone: r.timezone },
        categories: r.categories,
        categoryLabels: r.categoryLabels ?? {},
        shifts: r.shifts.map((s) => ({ id: s.id, name: s.name })),
        where: deps.where,
      };
      return c.json(me, 200);
    },
  );

  app.openapi(
    roleRoute('agent', {
      method: 'get',
      path: '/api/today',
      summary: 'Today: calls so far, waiting now, on shift and on call, open and overdue tickets, alarms',
      responses: { 200: json(Anything, 'Today'), ...errors },
    }),
    async (c) => {
      const at = now();
      const r = await deps.store.roster();
      const date = localTime(at, r.timezone).date;
      const [holiday, overrides, live] = await Promise.all([
        deps.store.holiday(date),
        deps.store.listOverrides(),
        deps.live.today(at),
      ]);
      const open = [];
      let cursor: string | undefined;
      do {
        const page = await deps.store.listTickets({ status: 'active' }, cursor, 200);
        open.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      const createdToday = [];
      cursor = undefined;
      do {
        const page = await deps.store.listTickets({ from: date, to: date }, cursor, 200);
        createdToday.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      const overdue = open.filter((t) => isOverdue(t, at));
      return c.json(
        {
          at: at.toISOString(),
          roster: rosterToday(r, holiday, overrides, at),
          calls: live.calls,
          waiting: live.waiting,
          alarms: live.alarms,
          tickets: {
            open: open.length,
            overdue: overdue.length,
            urgentOpen: open.filter((t) => t.priority === 'urgent').length,
            createdToday: createdToday.length,
            oldestOverdue: overdue
              .sort((a, b) => a.dueAt.localeCompare(b.dueAt))
              .slice(0, 5)
              .map((t) => ({
                id: t.id,
                category: t.category,
                priority: t.priority,
                dueAt: t.dueAt,
                ...(t.owner ? { owner: t.owner } : {}),
              })),
          },
        } satisfies Today,
        200,
      );
    },
  );

  app.openapi(
    roleRoute('agent', {
      method: 'get',
      path: '/api/tickets',
      summary: 'Tickets: filter by status, priority, category, shift, owner and dates; cursor paging',
      request: { query: TicketQuery },
      responses: { 200: json(TicketPage, 'One page of tickets'), ...errors },
    }),
    async (c) => {
      const { cursor, limit, ...filter } = c.req.valid('query');
      return c.json(await deps.store.listTickets(filter, cursor, limit ?? 50), 200);
    },
  );

  app.openapi(
    roleRoute('manager', {
      method: 'get',
      path: '/api/ledger.csv',
      summary: 'The ledger of tickets as CSV (same filters as /api/tickets, every page)',
      request: { query: TicketQuery.omit({ cursor: true, limit: true }) },
      responses: { 200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } }, ...errors },
    }),
    async (c) => {
      const filter = c.req.valid('query');
      const cols = [
        'id',
        'createdAt',
        'shift',
        'category',
        'priority',
        'status',
        'owner',
        'callerPhone',
        'callerName',
        'dueAt',
        'source',
        'csat',
        'message',
      ] as const;
      const cell = (v: unknown) => {
        const s = v === undefined || v === null ? '' : String(v);
        // Quote everything; a leading = + - @ would run as a formula in a spreadsheet.
        return `"${(/^[=+\-@]/.test(s) && !/^\+\d+$/.test(s) ? `'${s}` : s).replace(/"/g, '""')}"`;
      };
      const rows = [cols.join(',')];
      let cursor: string | undefined;
      do {
        const page = await deps.store.listTickets(filter, cursor, 200);
        for (const t of page.items) rows.push(cols.map((k) => cell(t[k])).join(','));
        cursor = page.nextCursor;
      } while (cursor);
      c.header('Content-Type', 'text/csv; charset=utf-8');
      c.header('Content-Disposition', `attachment; filename="ledger-${filter.from ?? 'recent'}.csv"`);
      return c.body(`${rows.join('\r\n')}\r\n`, 200);
    },
  );

  app.openapi(
    roleRoute('agent', {
      method: 'get',
      path: '/api/tickets/{id}',
      summary: 'A ticket with its history, CSAT and recording (ETag: its version)',
      request: {
        params: z.object({ id: z.string().regex(/^T-[0-9A-Z]{6}$/, 'must be a ticket id such as T-4K7QX2') }),
      },
      responses: { 200: json(TicketDetail, 'The ticket'), 404: json(ErrorBody, 'No such ticket'), ...errors },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const found = await deps.store.getTicket(id);
      if (!found) return c.json({ error: 'not_found', message: `no ticket ${id}` }, 404);
      const t = found.value;
      const [survey, recordingUrl] = await Promise.all([
        deps.store.survey(t.contactId),
        t.recordingKey ? deps.recordingUrl(t.recordingKey) : Promise.resolve(undefined),
      ]);
      c.header('ETag', found.etag);
      return c.json(
        {
          ticket: t,
          etag: found.etag,
          ...(survey ? { survey: { score: survey.score, at: survey.at } } : {}),
          ...(recordingUrl ? { recordingUrl } : {}),
        },
        200,
      );
    },
  );

  app.openapi(
    roleRoute('agent', {
      method: 'patch',
      path: '/api/tickets/{id}',
      summary:
        'Assign an owner, change the status or add a note (If-Match: the ETag you read; 412 when stale)',
      request: {
        params: z.object({ id: z.string().regex(/^T-[0-9A-Z]{6}$/, 'must be a ticket id such as T-4K7QX2') }),
        headers: z.object({ 'if-match': z.string().min(1).optional() }),
        body: { content: { 'application/json': { schema: TicketPatch } }, required: true },
      },
      responses: {
        200: json(TicketDetail, 'The ticket after the change'),
        404: json(ErrorBody, 'No such ticket'),
        409: json(ErrorBody, 'Not allowed from this status, or owned by someone else'),
        412: json(ErrorBody, 'Someone else changed the ticket since you read it'),
        428: json(ErrorBody, 'If-Match is required'),
        ...errors,
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const ifMatch = c.req.header('if-match');
      if (!ifMatch)
        return c.json(
          {
            error: 'precondition_required',
            field: 'If-Match',
            message: 'send If-Match with the ETag you read',
          },
          428,
        );
      const change = c.req.valid('json');
      const who = c.get('identity');
      const updated = await deps.store.updateTicket(id, change, ifMatch, who, now());
      c.header('ETag', updated.etag);
      return c.json({ ticket: updated.value, etag: updated.etag }, 200);
    },
  );

  app.openapi(
    roleRoute('agent', {
      method: 'post',
      path: '/api/tickets',
      summary:
        "Create the ticket for a contact (the agent view); a second create returns the contact's ticket",
      request: { body: { content: { 'application/json': { schema: NewTicketBody } }, required: true } },
      responses: {
        200: json(TicketDetail, 'The ticket created before for this contact'),
        201: json(TicketDetail, 'Created'),
        ...errors,
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const r = await deps.store.roster();
      const at = now();
      const decision = decide(r, null, at);
      const who = c.get('identity');
      const category = r.categories.includes(body.category) ? body.category : 'general';
      const { ticket, created } = await deps.store.createTicket({
        contactId: body.contactId,
        ...(body.callerPhone ? { callerPhone: body.callerPhone } : {}),
        ...(body.callerName ? { callerName: body.callerName } : {}),
        category,
        priority: body.priority,
        status: 'open',
        owner: who.name,
        shift: shiftKey(decision.active, decision.localDate),
        createdAt: at.toISOString(),
        updatedAt: at.toISOString(),
        ...dueTimes(r.sla, at, body.priority),
        ...(body.message ? { message: body.message } : {}),
        source: 'agent',
        history: [
          { at: at.toISOString(), by: who.name, action: 'created' },
          { at: at.toISOString(), by: who.name, action: 'owner', to: who.name },
        ],
      });
      const etag = (await deps.store.getTicket(ticket.id))?.etag ?? '';
      c.header('ETag', etag);
      return created ? c.json({ ticket, etag }, 201) : c.json({ ticket, etag }, 200);
    },
  );

  app.openapi(
    roleRoute('agent', {
      method: 'get',
      path: '/api/callers/{phone}',
      summary: "A caller's profile: name, open tickets and the history of their tickets",
      request: {
        params: z.object({ phone: E164 }),
      },
      responses: { 200: json(Anything, 'Profile and tickets'), ...errors },
    }),
    async (c) => {
      const { phone } = c.req.valid('param');
      const { profile, tickets } = await deps.store.callerProfile(phone);
      return c.json({ phone, profile: profile ?? null, tickets }, 200);
    },
  );

  app.openapi(
    roleRoute('agent', {
      method: 'get',
      path: '/api/roster/today',
      summary: "Today's shifts, agents and on-call from the config, with the overrides applied",
      responses: { 200: json(Anything, 'Roster today'), ...errors },
    }),
    async (c) => {
      const r = await deps.store.roster();
      const at = now();
      const date = localTime(at, r.timezone).date;
      const [holiday, overrides] = await Promise.all([deps.store.holiday(date), deps.store.listOverrides()]);
      return c.json(rosterToday(r, holiday, overrides, at), 200);
    },
  );

  app.openapi(
    roleRoute('agent', {
      method: 'get',
      path: '/api/overrides',
      summary: 'The overrides in force or to come',
      responses: { 200: json(z.object({ items: z.array(OverrideBody) }), 'Overrides'), ...errors },
    }),
    async (c) => c.json({ items: await deps.store.listOverrides() }, 200),
  );

  app.openapi(
    roleRoute('manager', {
      method: 'post',
      path: '/api/overrides',
      summary: 'Close the line (now or for a while, with a reason) or swap on-call for a date range',
      request: { body: { content: { 'application/json': { schema: OverrideInput } }, required: true } },
      responses: {
        201: json(OverrideBody, 'Created'),
        409: json(ErrorBody, 'Too many overrides'),
        ...errors,
      },
    }),
    async (c) => {
      const input = c.req.valid('json');
      const at = now();
      const who = c.get('identity');
      const base = { id: randomUUID().slice(0, 8), createdAt: at.toISOString(), by: who.name };
      let o: Override;
      if (input.type === 'closed') {
        const from = input.from ? new Date(input.from) : at;
        if (input.until && Date.parse(input.until) <= from.getTime())
          return c.json({ error: 'invalid', field: 'until', message: 'until: must be after from' }, 400);
        o = {
          ...base,
          type: 'closed',
          reason: input.reason,
          from: from.toISOString(),
          ...(input.until ? { until: new Date(input.until).toISOString() } : {}),
        };
      } else {
        const r = await deps.store.roster();
        if (!r.shifts.some((s) => s.id === input.shift))
          return c.json(
            {
              error: 'invalid',
              field: 'shift',
              message: `shift: must be one of ${r.shifts.map((s) => s.id).join(', ')}`,
            },
            400,
          );
        if (input.to < input.from)
          return c.json({ error: 'invalid', field: 'to', message: 'to: must not be before from' }, 400);
        if (input.to < (await today()))
          return c.json({ error: 'invalid', field: 'to', message: 'to: the range is already over' }, 400);
        o = { ...base, ...input };
      }
      await deps.store.addOverride(o, at);
      deps.logger.info('override added', { id: o.id, type: o.type, by: who.name });
      return c.json(o, 201);
    },
  );

  app.openapi(
    roleRoute('manager', {
      method: 'delete',
      path: '/api/overrides/{id}',
      summary: 'Remove an override (Reopen, or cancel a swap)',
      request: { params: z.object({ id: z.string().min(1).max(64) }) },
      responses: { 204: { description: 'Removed' }, 404: json(ErrorBody, 'No such override'), ...errors },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      if (!(await deps.store.removeOverride(id, now())))
        return c.json({ error: 'not_found', message: `no override ${id}` }, 404);
      return c.body(null, 204);
    },
  );

  app.openapi(
    roleRoute('manager', {
      method: 'get',
      path: '/api/kpis',
      summary: "The report's figures for local dates from..to (inclusive)",
      request: { query: RangeQuery },
      responses: { 200: json(Anything, 'KPIs'), ...errors },
    }),
    async (c) => {
      const { from, to } = c.req.valid('query');
      if (to < from)
        return c.json({ error: 'invalid', field: 'to', message: 'to: must not be before from' }, 400);
      if (addDays(from, 92) < to)
        return c.json({ error: 'invalid', field: 'to', message: 'to: at most 93 days after from' }, 400);
      return c.json(await deps.ops.kpis(from, to, now()), 200);
    },
  );

  app.openapi(
    roleRoute('manager', {
      method: 'get',
      path: '/api/qa',
      summary: "The week's QA sample with its reviews",
      request: { query: z.object({ week: Week }) },
      responses: { 200: json(Anything, 'QA sample'), ...errors },
    }),
    async (c) => {
      const sample = await deps.ops.qaSample(c.req.valid('query').week);
      const items = await Promise.all(
        sample.items.map(async (i) => {
          const recordingUrl = i.recordingKey ? await deps.recordingUrl(i.recordingKey) : undefined;
          return recordingUrl ? { ...i, recordingUrl } : i;
        }),
      );
      return c.json({ ...sample, items } satisfies QaSample, 200);
    },
  );

  app.openapi(
    roleRoute('manager', {
      method: 'put',
      path: '/api/qa/{week}/{contactId}',
      summary: 'Review a sampled contact: a 1-5 score and notes (marks it reviewed)',
      request: {
        params: z.object({
          week: Week,
          contactId: z.string().regex(/^[A-Za-z0-9-]{1,128}$/, 'must be a contact id'),
        }),
        body: { content: { 'application/json': { schema: QaReviewInput } }, required: true },
      },
      responses: { 200: json(Anything, 'Saved'), ...errors },
    }),
    async (c) => {
      const { week, contactId } = c.req.valid('param');
      const { score, notes } = c.req.valid('json');
      const review = {
        week,
        contactId,
        score,
        notes,
        reviewedBy: c.get('identity').name,
        at: now().toISOString(),
      };
      await deps.store.saveQaReview(review);
      return c.json(review, 200);
    },
  );

  app.openapi(
    roleRoute('manager', {
      method: 'get',
      path: '/api/assistant/missed',
      summary: 'Questions the assistant could not answer, grouped, with an alternates: snippet for the FAQ',
      request: { query: RangeQuery },
      responses: { 200: json(Anything, 'Groups'), ...errors },
    }),
    async (c) => {
      const { from, to } = c.req.valid('query');
      if (to < from)
        return c.json({ error: 'invalid', field: 'to', message: 'to: must not be before from' }, 400);
      if (addDays(from, 366) < to)
        return c.json({ error: 'invalid', field: 'to', message: 'to: at most a year after from' }, 400);
      return c.json(await deps.ops.missedQuestions(from, to), 200);
    },
  );

  return app;
}

/** Serves the OpenAPI document; call after every route (local ones too) is registered. */
export function serveOpenApi(app: ConsoleApp): void {
  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Switchboard console API',
      version: '1',
      description:
        'Managers and agents: tickets, callers, roster overrides, KPIs, QA. In AWS every route needs a Cognito token ' +
        '(groups managers, agents); locally you are the local manager.',
    },
  });
}
