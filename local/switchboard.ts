import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { Logger } from '@aws-lambda-powertools/logger';
import type { SwitchboardConfig } from '../config/schema.ts';
import { type BotDefinition, botDefinition, classify, urgentWordsOf } from '../contact-flows/bot.ts';
import {
  buildFlows,
  CUSTOM_FLOWS_DIR,
  FLOW_FUNCTIONS,
  type FlowFunctionName,
  type FlowRefs,
  functionRefs,
  loadCustomFlows,
  tokenValues,
} from '../contact-flows/index.ts';
import { type FlowDocument, lintFlow } from '../contact-flows/model.ts';
import { flowKindOf } from '../contact-flows/publish-rules.ts';
import { fillTemplate, parseFlowFile } from '../contact-flows/template.ts';
import type { Reranker } from '../lambdas/assistant/assistant.ts';
import {
  storeDeps as assistantStore,
  createHandler as createAssistant,
} from '../lambdas/assistant/handler.ts';
import { createHandler as createContactEvents } from '../lambdas/contact-events/handler.ts';
import type { ContactAnnotation } from '../lambdas/domain/annotations.ts';
import { findUrgentKeyword } from '../lambdas/domain/faq.ts';
import {
  ContactRecordRepository,
  contactEvent,
  type ContactSnapshot as RecordSnapshot,
} from '../lambdas/domain/records.ts';
import { DirectoryRepository, TicketRepository } from '../lambdas/domain/repositories.ts';
import { decide, type Holiday, type Roster } from '../lambdas/domain/roster.ts';
import { rosterFromConfig, seedDirectory } from '../lambdas/domain/seed.ts';
import { callbackNumberOf } from '../lambdas/domain/sms-policy.ts';
import type { Ticket } from '../lambdas/domain/tickets.ts';
import { localTime } from '../lambdas/domain/time.ts';
import type { OutboundPage, StepResult } from '../lambdas/escalate/escalate.ts';
import { createHandler as createEscalate, storeDeps as escalateStore } from '../lambdas/escalate/handler.ts';
import { createHandler as createHandover, storeDeps as handoverStore } from '../lambdas/handover/handler.ts';
import { createHandler as createRoute, storeDeps as routeStore } from '../lambdas/route/handler.ts';
import type { BaseDeps } from '../lambdas/shared/deps.ts';
import type { Store } from '../lambdas/shared/dynamo.ts';
import type { Notifier } from '../lambdas/shared/notify.ts';
import { createHandler as createSurvey, storeDeps as surveyStore } from '../lambdas/survey/handler.ts';
import {
  composeMessage,
  createHandler as createTicket,
  storeDeps as ticketStore,
} from '../lambdas/ticket/handler.ts';
import { type MissedCallInput, recordMissedCall } from '../lambdas/ticket/ticket.ts';
import { type EmbeddedDynamo, startDynamo } from './dynamo.ts';
import { throttlingError } from './engine/faults.ts';
import { Contact, DEFAULT_OPTIONS, type EngineOptions, type Runtime } from './engine/interpreter.ts';
import {
  type Caller,
  EngineError,
  type FaultMode,
  type LambdaCall,
  type LoadedFlow,
  type Outcome,
  type PathStep,
  type QueueInfo,
  type QueuePlan,
  type Staffing,
} from './engine/types.ts';
import { SimulatedTimer } from './escalation.ts';
import { ScriptedCaller } from './phone.ts';

export const LOCAL_ACCOUNT = '000000000000';
export const SAMPLE_CALLER = '+13125550142';
/** The line's own number in the local engine. */
const SYSTEM_ADDRESS = '+13125550100';

type Handler = (event: never, context: never) => Promise<unknown>;

/** Functions the engine runs locally: every flow-invoked function of the contract registry, and handover. */
export type LocalFunctionName = FlowFunctionName | 'handover';

/**
 * Bedrock is not reachable offline: the stand-in reranker fails as a time-out does, so the assistant
 * keeps the same offline answer as in AWS when the model is slow.
 */
export const offlineReranker: Reranker = {
  async choose() {
    const err = new Error('Bedrock is not available without an AWS account (treated as a timeout)');
    err.name = 'TimeoutError';
    throw err;
  },
};

export interface Notification {
  /** `call`: a page call to the on-call person (escalation), with what they heard. */
  channel: 'sms' | 'email' | 'call';
  to: string;
  subject?: string;
  text: string;
  at: string;
}

export interface TicketSummary {
  id: string;
  category: string;
  priority: string;
  status: string;
  dueAt: string;
  message?: string;
  /** The caller hung up while leaving the message. */
  partial?: boolean;
  /** hardening: the ticket holds a number the line may call back (sms-policy.ts `callbackNumberOf`). */
  callable: boolean;
}

export interface CallReport {
  at: string;
  from: string | null;
  flow: string;
  prompts: string[];
  path: PathStep[];
  outcome: Outcome;
  endedWithMessage: boolean;
  tickets: TicketSummary[];
  notifications: Notification[];
  errors: string[];
  warnings: string[];
  events: string[];
  /** Every function the flows invoked, with its parameters, response or error, in order. */
  lambdaCalls: LambdaCall[];
  durationSeconds: number;
  contactId: string;
  /**
   * The contact attributes at the end of the call: what Connect keeps in the contact record (and writes
   * to flow logs as they are set). hardening: never the on-call person's number (contracts.ts `neverStored`).
   */
  attributes: Record<string, string>;
}

/** sim: what the shared queue model decides for a queued caller, with the agent side of the call. */
export interface WorldQueuePlan extends QueuePlan {
  /** The agent's after-contact work once the caller hangs up, in seconds. */
  acwSeconds?: number;
  /** Which agent answers (an id; the record's agent ARN ends with it). */
  agent?: string;
}

/**
 * sim: the world several concurrent calls share (the month simulation): one simulated clock, the agents
 * and the queues. A call parks at `sync` until the shared clock reaches its own time, so calls that
 * overlap in simulated time take turns in time order.
 */
export interface SharedWorld {
  /** Resolves when the shared clock reaches `at` (other calls run meanwhile). */
  sync(at: Date): Promise<void>;
  /** The caller entered a queue at the contact's current time: when they are answered or give up. */
  enqueue(queue: QueueInfo, contact: Contact): Promise<WorldQueuePlan | undefined>;
  /** Agents and callers of a queue at `at` (for Check staffing, Get queue metrics and capacity). */
  staffing(queue: QueueInfo, at: Date): Staffing;
}

/** After-contact work of an agent call when no queue model says otherwise, in seconds. */
export const DEFAULT_ACW_SECONDS = 30;

/** One call's own state: its clock (each call has its own simulated time), its world and queue plan. */
interface CallContext {
  now: Date;
  world?: SharedWorld;
  plan?: WorldQueuePlan;
  /** Announce contact events and annotate the record (default true). */
  records: boolean;
}

export interface CallOptions {
  at?: Date;
  /** E.164 caller id, or null for a withheld number. */
  from?: string | null;
  caller: Caller;
  /** A Flow Language file to run as the inbound flow instead of the generated one. */
  flowFile?: string;
  /** Run this loaded flow (by key) as the entry. */
  entry?: string;
  faults?: Record<string, FaultMode>;
  engine?: Partial<EngineOptions>;
  /** Callers already waiting in every queue (a busy line): a queue with maxContacts turns new callers away. */
  queueLoad?: number;
  /**
   * staffing (issue 11): agents logged in, whatever the roster says (an agent late or absent: 0). The
   * staffing Connect reports to the flows' staffing check and the queue. Default: the rostered agents.
   */
  agentsOnline?: number;
  /**
   * escalation (issue 11): what the on-call people do with a page call: press 1 (`accept`, the
   * default) or let it ring (`ignore`). After the caller hangs up the simulated clock runs on until
   * the escalation has settled; every page is in the report's notifications.
   */
  onCall?: 'accept' | 'ignore';
  /** sim: share the clock, agents and queues with other calls (the month simulation). */
  world?: SharedWorld;
  /**
   * Announce the contact's events (INITIATED, QUEUED, CONNECTED_TO_AGENT, CONTACT_DATA_UPDATED,
   * DISCONNECTED, COMPLETED) to the contact-events function and add what the flow knows to the record,
   * as Connect would (default: the switchboard's `records`).
   */
  records?: boolean;
  /** Read the call's tickets back for the report (default true; the simulation reads function results). */
  tickets?: boolean;
}

export interface LocalSwitchboardOptions {
  /** Keep the embedded database in this folder between runs (in memory when unset). */
  dataDir?: string;
  region?: string;
  /** The handlers' logger (default: silent). */
  logger?: Logger;
  /**
   * The stores' DynamoDB document client: `direct` (default) sends the requests to the embedded
   * dynalite in process without the SDK's per-request middleware (local/direct-dynamo.ts); `sdk` goes
   * through the SDK's document client as the deployed functions do.
   */
  databaseClient?: 'sdk' | 'direct';
  /**
   * Keep contact records of the calls (default: with a `dataDir`, where `switchboard records` and
   * `report` read them; an in-memory switchboard, as verify explores thousands of paths, skips them).
   */
  records?: boolean;
}

/**
 * A local Amazon Connect instance for one config: the generated flows with local ARNs, the deployed
 * handlers, an embedded DynamoDB seeded from the config, an outbox for SMS and e-mail, and a simulated
 * clock. Each instance builds its own handlers with its own collaborators (`createHandler(deps)`), so
 * several instances run side by side in one process, each with its own database, clock and outbox.
 */
export class LocalSwitchboard {
  readonly outbox: Notification[] = [];
  readonly flows = new Map<string, LoadedFlow>();
  readonly refs: FlowRefs;
  readonly roster: Roster;
  readonly instanceArn: string;
  readonly bot: BotDefinition;
  readonly botAliasArn: string;
  /** The deployed handlers, built on this instance's database, clock and outbox. The engine calls exactly these. */
  readonly functions: Record<LocalFunctionName, Handler>;
  readonly handoverTopicArn: string;
  /** The contact-events function, built on this instance's database: the engine announces contacts to it. */
  readonly contactEvents: Handler;
  private readonly records: ContactRecordRepository;
  /** Whether calls leave contact records unless a call says otherwise (see LocalSwitchboardOptions). */
  private keepRecords = false;
  /**
   * The call running now: its clock, world and plan. Several calls may be in progress at once (the
   * month simulation), but exactly one runs between two parks on the shared clock, and every park
   * (`park`) makes its call the running one again when it resumes.
   */
  private context: CallContext = { now: new Date(), records: false };

  /** Waits for the shared clock to reach the call's time (sim), then runs this call. */
  private async park(ctx: CallContext, at: Date = ctx.now): Promise<void> {
    if (ctx.world) await ctx.world.sync(at);
    this.context = ctx;
  }
  /** Now on the simulated clock of the call in progress. */
  private get simNow(): Date {
    return this.context.now;
  }
  private set simNow(d: Date) {
    this.context.now = d;
  }
  private faults: Record<string, FaultMode> = {};
  /** Functions whose one-time partial failure (`after-write`) already happened in this call. */
  private readonly partialFailed = new Set<string>();
  private queueLoad = 0;
  private agentsOnline: number | undefined;
  // escalation (issue 11): the timer, the on-call side and the alert topic of this instance.
  private readonly timer = new SimulatedTimer();
  private onCallMode: 'accept' | 'ignore' = 'accept';
  private readonly escalationErrors: string[] = [];
  readonly alertTopicArn: string;
  /** The caller of the call in progress (verify learns from it where faults can act). */
  private caller: Caller | undefined;

  private constructor(
    readonly config: SwitchboardConfig,
    readonly db: EmbeddedDynamo,
    readonly region: string,
    logger: Logger,
  ) {
    const instanceId = 'switchboard-local';
    this.instanceArn = `arn:aws:connect:${region}:${LOCAL_ACCOUNT}:instance/${instanceId}`;
    this.botAliasArn = `arn:aws:lex:${region}:${LOCAL_ACCOUNT}:bot-alias/SWITCHBRD1/LOCALALIAS`;
    const fn = (name: string) => `arn:aws:lambda:${region}:${LOCAL_ACCOUNT}:function:switchboard-${name}`;
    const flowArn = (key: string) => `${this.instanceArn}/contact-flow/${key}`;
    this.refs = {
      functions: functionRefs(fn),
      queues: Object.fromEntries(config.queues.map((q) => [q.id, `${this.instanceArn}/queue/${q.id}`])),
      defaultQueue: config.ivr.defaultQueue,
      flows: {
        customerQueue: flowArn('customer-queue'),
        disconnect: flowArn('disconnect'),
        assistant: flowArn('assistant'),
      },
      lexBotAliasArn: this.botAliasArn,
      hours: `${this.instanceArn}/operating-hours/business`,
    };
    this.handoverTopicArn = `arn:aws:sns:${region}:${LOCAL_ACCOUNT}:switchboard-handover`;
    this.alertTopicArn = `arn:aws:sns:${region}:${LOCAL_ACCOUNT}:switchboard-alerts`;
    // One repository (with a memory of recent records) for the contact-events function and the flow
    // functions' annotations: one process sees every change, so an event is merged without a read first.
    this.records = new ContactRecordRepository(this.countedDoc(), db.tables, {
      timezone: config.business.timezone,
      cache: 2000,
    });
    this.functions = this.buildFunctions(logger);
    this.contactEvents = createContactEvents({ records: this.records, logger }) as Handler;
    this.roster = rosterFromConfig(config);
    this.bot = botDefinition(
      config.business.locale,
      config.business.voice,
      [],
      urgentWordsOf(config.assistant),
    );
    for (const def of Object.values(buildFlows(config, this.refs)))
      this.addFlow(def.key, def.type, def.content);
    for (const def of loadCustomFlows(CUSTOM_FLOWS_DIR, this.tokens()))
      this.addFlow(def.key, def.type, def.content);
  }

  static async start(
    config: SwitchboardConfig,
    opts: LocalSwitchboardOptions = {},
  ): Promise<LocalSwitchboard> {
    if (opts.dataDir) mkdirSync(opts.dataDir, { recursive: true });
    const db = await startDynamo({
      ...(opts.dataDir ? { path: resolve(opts.dataDir) } : {}),
      client: opts.databaseClient ?? 'direct',
    });
    const logger = opts.logger ?? new Logger({ serviceName: 'switchboard-local', logLevel: 'SILENT' });
    const sb = new LocalSwitchboard(config, db, opts.region ?? config.deployment.region, logger);
    sb.keepRecords = opts.records ?? opts.dataDir !== undefined;
    await seedDirectory(new DirectoryRepository(db.doc, db.tables), config);
    return sb;
  }

  async stop(): Promise<void> {
    await this.db.close();
  }

  /**
   * Marks that the call reached a fault target or situation, and returns how it fails in this call
   * (coverage, issue 13).
   */
  private touch(what: string): FaultMode | undefined {
    this.caller?.touched?.(what);
    return this.faults[what];
  }

  /** Simulated time a collaborator spends (a slow service): counts against the flow's time limit. */
  private spend(seconds: number): void {
    this.simNow = new Date(this.simNow.getTime() + seconds * 1000);
  }

  /**
   * DynamoDB requests the handlers have sent so far, contact records included (`npm run bench` prints
   * them per call).
   */
  storeRequests = 0;

  /** The embedded database's client, counting requests (`storeRequests`): the contact records' store. */
  private countedDoc(): EmbeddedDynamo['doc'] {
    const send = this.db.doc.send.bind(this.db.doc) as (...args: unknown[]) => Promise<unknown>;
    return {
      send: ((...args: unknown[]) => {
        this.storeRequests++;
        return send(...args);
      }) as EmbeddedDynamo['doc']['send'],
    };
  }

  /**
   * The handlers' DynamoDB client: this instance's dynalite, throttled while `--fail dynamodb` is on
   * (coverage, issue 12). Seeding and reports use the plain client.
   */
  private faultyStore(): Store {
    const doc = Object.create(this.db.doc) as EmbeddedDynamo['doc'];
    const send = this.db.doc.send.bind(this.db.doc) as (...args: unknown[]) => Promise<unknown>;
    Object.defineProperty(doc, 'send', {
      value: async (...args: unknown[]) => {
        this.storeRequests++;
        if (this.touch('dynamodb')) throw throttlingError();
        return send(...args);
      },
    });
    return { doc, tables: this.db.tables };
  }

  /** Bedrock offline: the stand-in times out, or fails as `--fail bedrock` says (coverage, issue 12). */
  private faultyReranker(): Reranker {
    return {
      choose: async (...args) => {
        const mode = this.touch('bedrock');
        if (mode === 'error') {
          const err = new Error('Rate exceeded (--fail bedrock)');
          err.name = 'ThrottlingException';
          throw err;
        }
        // The reranker's time box in AWS (BEDROCK_TIMEOUT_MS).
        if (mode === 'timeout') this.spend(1.5);
        return offlineReranker.choose(...args);
      },
    };
  }

  /** The handlers, each given this instance's store, simulated clock, outbox and offline stand-ins. */
  private buildFunctions(logger: Logger): Record<LocalFunctionName, Handler> {
    const store: Store = this.faultyStore();
    const base: BaseDeps = { clock: () => this.simNow, logger };
    const notifier = this.outboxNotifier();
    const records = this.records;
    return {
      route: createRoute({ ...routeStore(store), records, ...base }) as Handler,
      ticket: createTicket({
        ...ticketStore(store),
        records,
        notifier,
        // escalation (issue 11/12): the local timer, and a page time box that waits one turn of the
        // event loop instead of real seconds (an SNS fault never answers in time).
        escalation: { start: async (ticketId) => void this.startEscalation(ticketId) },
        sleep: () => new Promise((r) => setImmediate(r)),
        ...base,
      }) as Handler,
      escalate: createEscalate({
        ...escalateStore(store),
        notifier,
        dialer: () => ({ call: (to, page) => this.ringOnCall(to, page) }),
        alertTopicArn: () => this.alertTopicArn,
        ...base,
      }) as Handler,
      assistant: createAssistant({
        ...assistantStore(store),
        records,
        reranker: this.faultyReranker(),
        ...base,
      }) as Handler,
      survey: createSurvey({ ...surveyStore(store), records, ...base }) as Handler,
      handover: createHandover({
        ...handoverStore(store),
        email: (subject, text) => notifier.email(this.handoverTopicArn, subject, text),
        ...base,
      }) as Handler,
    };
  }

  /**
   * SMS and e-mail go to the outbox, stamped with the simulated time. `--fail sns` refuses them;
   * `--fail sns:timeout` is SNS not answering: the SDK gives up after a moment and nothing is sent (the
   * ticket function's page time box decides what the caller hears).
   */
  private outboxNotifier(): Notifier {
    const post = async (n: Omit<Notification, 'at'>) => {
      const mode = this.touch('sns');
      if (mode === 'error') {
        const err = new Error('SNS is not available (--fail sns)');
        err.name = 'InternalErrorException';
        throw err;
      }
      if (mode === 'timeout')
        await new Promise((_, reject) =>
          setTimeout(() => {
            const err = new Error('SNS did not answer (--fail sns:timeout)');
            err.name = 'TimeoutError';
            reject(err);
          }, 5),
        );
      this.outbox.push({ ...n, at: this.simNow.toISOString() });
    };
    return {
      sms: (to, text) => post({ channel: 'sms', to, text }),
      email: (topicArn, subject, text) => post({ channel: 'email', to: topicArn, subject, text }),
    };
  }

  // --- escalation (issue 11): the timer and the on-call side ------------------------------------------

  /** Starts a ticket's escalation on the simulated clock (once per ticket, as Step Functions does). */
  private startEscalation(ticketId: string): void {
    // `--fail escalate`: the escalation cannot be started (Step Functions refuses it, as in AWS).
    if (this.touch('escalate') === 'error') {
      const err = new Error('the escalation could not be started (--fail escalate)');
      err.name = 'ServiceUnavailable';
      throw err;
    }
    this.timer.startOnce(ticketId, this.escalationJob(ticketId, 0, this.simNow));
  }

  private escalationJob(ticketId: string, step: number, at: Date) {
    return {
      at,
      label: `${ticketId} step ${step}`,
      run: async () => {
        try {
          const limit = FLOW_FUNCTIONS.escalate.lambdaTimeoutSeconds;
          const res = (await this.invoke(
            this.refs.functions.escalate,
            { ticketId, step },
            limit,
          )) as StepResult;
          if (!res.done)
            this.timer.schedule(
              this.escalationJob(
                ticketId,
                res.step,
                new Date(this.simNow.getTime() + res.waitSeconds * 1000),
              ),
            );
        } catch (err) {
          this.escalationErrors.push(`escalation of ${ticketId}, step ${step}: ${(err as Error).message}`);
        }
      },
    };
  }

  /** The on-call person's phone: `accept` answers and presses 1 (the real outbound page flow runs). */
  private async ringOnCall(to: { name: string; phone: string }, page: OutboundPage): Promise<void> {
    const at = this.simNow.toISOString();
    if (this.onCallMode === 'ignore') {
      this.outbox.push({
        channel: 'call',
        to: to.phone,
        text: `page call for ${page.ticketId}: not answered`,
        at,
      });
      return;
    }
    const flow = this.runtime().flow('outbound-page');
    if (!flow) throw new EngineError('no outbound-page flow', 'invalid-flow');
    const contact = new Contact(
      this.runtime(),
      new ScriptedCaller(['1']),
      DEFAULT_OPTIONS,
      to.phone,
      SYSTEM_ADDRESS,
      this.instanceArn,
      this.config.business.locale,
    );
    Object.assign(contact.state.attributes, page);
    await contact.run(flow);
    this.outbox.push({ channel: 'call', to: to.phone, text: contact.prompts.join(' '), at });
    this.escalationErrors.push(...contact.errors);
  }

  // --- end escalation ---------------------------------------------------------------------------------

  /** `%Token%` values for designer exports, pointing at this local instance. */
  tokens(): Record<string, string> {
    return tokenValues(this.refs, { HoursArn: `${this.instanceArn}/operating-hours/business` });
  }

  addFlow(key: string, type: string, doc: FlowDocument): LoadedFlow {
    const problems = lintFlow(doc);
    if (problems.length)
      throw new EngineError(
        `flow ${key} is not valid Flow Language:\n  ${problems.join('\n  ')}`,
        'invalid-flow',
      );
    const isModule = doc.Settings !== undefined;
    const arn = `${this.instanceArn}/${isModule ? 'flow-module' : 'contact-flow'}/${key}`;
    const flow: LoadedFlow = { key, arn, type, doc, isModule };
    this.flows.set(arn, flow);
    return flow;
  }

  /** Loads a Flow Language file (a designer export, maybe with `%Token%`s, or a corpus flow). */
  loadFlowFile(file: string): LoadedFlow {
    const doc = parseFlowFile(file);
    const filled = fillTemplate(doc, this.tokens(), file);
    // engine (issue 15): the file's own type (Metadata.type, module Settings), not always inbound.
    return this.addFlow(`file-${basename(file, '.json')}`, flowKindOf(filled), filled);
  }

  // --- the Connect runtime around a contact -------------------------------------------------------

  private holidayOn(date: string): Holiday | null {
    return this.config.holidays.find((h) => h.date === date) ?? null;
  }

  /** Whether a person answers now: the same rule as `route`, from the config Connect was deployed with. */
  isOpen(at: Date): boolean {
    const { date } = localTime(at, this.roster.timezone);
    return decide(this.roster, this.holidayOn(date), at).mode === 'open';
  }

  staffingAt(at: Date): Staffing {
    const { date } = localTime(at, this.roster.timezone);
    const d = decide(this.roster, this.holidayOn(date), at);
    const agents = this.agentsOnline ?? (d.mode === 'open' ? (d.active?.shift.agents ?? 0) : 0);
    // Callers already waiting keep the agents busy.
    const waiting = this.queueLoad;
    return {
      staffed: agents,
      available: Math.max(0, agents - waiting),
      online: agents,
      inQueue: waiting,
      oldestSeconds: waiting > 0 ? 60 : 0,
    };
  }

  private runtime(): Runtime {
    const queues = new Map<string, QueueInfo>(
      this.config.queues.map((q) => [
        this.refs.queues[q.id]!,
        {
          arn: this.refs.queues[q.id]!,
          name: q.name,
          configId: q.id,
          ...(q.maxContacts ? { maxContacts: q.maxContacts } : {}),
        },
      ]),
    );
    const byId = (ref: string) => {
      for (const [arn, v] of queues) if (arn === ref || arn.endsWith(`/${ref}`)) return v;
      return undefined;
    };
    return {
      now: () => this.simNow,
      advance: (seconds) => {
        this.simNow = new Date(this.simNow.getTime() + Math.max(0, seconds) * 1000);
      },
      flow: (ref) => {
        if (!ref) return undefined;
        const exact = this.flows.get(ref);
        if (exact) return exact;
        for (const f of this.flows.values()) if (f.arn.endsWith(`/${ref}`) || f.key === ref) return f;
        return undefined;
      },
      queue: (ref) => {
        const known = byId(ref);
        if (known) return known;
        // A queue this config does not define (a corpus or designer flow): staffed like any other.
        if (
          !/^arn:aws[-a-z]*:connect:/.test(ref) &&
          !/^[0-9a-f-]{36}$/i.test(ref) &&
          !ref.startsWith('agent/')
        )
          return undefined;
        const q: QueueInfo = { arn: ref, name: ref.split('/').pop() ?? ref };
        queues.set(ref, q);
        return q;
      },
      staffing: (q) => {
        this.touch('queue-load');
        return q.configId
          ? (this.context.world?.staffing(q, this.simNow) ?? this.staffingAt(this.simNow))
          : { staffed: 1, available: 1, online: 1, inQueue: 0, oldestSeconds: 0 };
      },
      enqueue: async (q, contact) => {
        const ctx = this.context;
        await this.park(ctx);
        if (ctx.world) ctx.plan = await ctx.world.enqueue(q, contact);
        await this.announce('QUEUED', contact, { enqueuedAt: ctx.now, queueArn: q.arn });
        return ctx.plan;
      },
      answered: async (contact) => {
        await this.park(this.context);
        await this.announce('CONNECTED_TO_AGENT', contact, { answeredAt: this.simNow });
      },
      hoursOpen: (id) => {
        if (id === undefined || id.endsWith('/operating-hours/business') || id === 'business')
          return this.isOpen(this.simNow);
        return undefined;
      },
      invoke: async (arn, event, limit) => {
        // sim: the function runs at the call's time on the shared clock, after every earlier action.
        await this.park(this.context);
        return this.invoke(arn, event, limit);
      },
      // engine (issue 15): other teams' Lambdas get stand-ins in the engine, not "no local handler".
      hasFunction: (arn) =>
        Object.hasOwn(this.functions, /function:switchboard-([a-z-]+)$/.exec(arn)?.[1] ?? ''),
      lex: async (alias, text, sessionAttributes, intents, contact) => {
        if (alias === this.botAliasArn) {
          await this.park(this.context);
          const intent = this.lexIntent(text);
          let res: {
            sessionState?: { sessionAttributes?: Record<string, string>; intent?: { name?: string } };
          };
          try {
            res = (await this.invoke(
              this.refs.functions.assistant,
              this.lexEvent(intent, text, sessionAttributes, contact.contactId),
              8,
            )) as typeof res;
          } catch {
            // Lex V2: a code hook that fails or times out ends the conversation by the intent's
            // failure / time-out next step (bot.ts `onCodeHookFailure`), which Connect receives as a
            // normal turn with those session attributes (issue 12).
            const step =
              this.bot.intents.find((i) => i.name === intent)?.onCodeHookFailure ??
              this.bot.fallbackOnCodeHookFailure;
            return {
              IntentName: intent,
              SessionAttributes: { ...sessionAttributes, ...step },
              Slots: {},
              DialogState: 'Failed',
            };
          }
          return {
            IntentName: res.sessionState?.intent?.name ?? intent,
            SessionAttributes: res.sessionState?.sessionAttributes ?? {},
            Slots: {},
            DialogState: 'Fulfilled',
          };
        }
        if (!alias) return undefined;
        // Any other bot (corpus flows): the intent is the branch whose name the caller said.
        const said = text.trim().toLowerCase();
        const intent =
          intents.find((i) => i.toLowerCase() === said) ??
          intents.find((i) => said.includes(i.toLowerCase())) ??
          'FallbackIntent';
        return {
          IntentName: intent,
          SessionAttributes: { ...sessionAttributes },
          Slots: {},
          DialogState: 'Fulfilled',
        };
      },
    };
  }

  /**
   * The local stand-in for Lex's NLU on the assistant's bot: an urgent intent when the words hold one of
   * its group's keywords (faq.ts `findUrgentKeyword`, the assistant's own matcher: one definition of
   * "urgent words"), else the intent whose sample utterance the words contain (bot.ts `classify`).
   */
  private lexIntent(text: string): string {
    const urgent = this.bot.intents.find(
      (i) => i.urgentGroup !== undefined && findUrgentKeyword(text, i.utterances) !== null,
    );
    return urgent?.name ?? classify(this.bot, text);
  }

  private lexEvent(
    intent: string,
    text: string,
    sessionAttributes: Record<string, string>,
    contactId: string,
  ) {
    return {
      messageVersion: '1.0',
      invocationSource: 'FulfillmentCodeHook',
      inputMode: 'Speech',
      responseContentType: 'text/plain; charset=utf-8',
      sessionId: contactId,
      inputTranscript: text,
      bot: {
        id: 'SWITCHBRD1',
        name: 'switchboard-assistant',
        aliasId: 'LOCALALIAS',
        aliasName: 'live',
        localeId: this.bot.localeId,
        version: '1',
      },
      interpretations: [
        { intent: { name: intent, slots: {}, state: 'ReadyForFulfillment', confirmationState: 'None' } },
      ],
      proposedNextState: null,
      requestAttributes: {},
      sessionState: {
        sessionAttributes,
        activeContexts: [],
        intent: { name: intent, slots: {}, state: 'ReadyForFulfillment', confirmationState: 'None' },
      },
      transcriptions: [],
    };
  }

  /** Invokes a deployed handler by its local ARN, as Connect would, within the flow's time limit. */
  async invoke(arn: string, event: unknown, limitSeconds: number): Promise<unknown> {
    const name = /function:switchboard-([a-z-]+)$/.exec(arn)?.[1];
    const handler =
      name && Object.hasOwn(this.functions, name) ? this.functions[name as LocalFunctionName] : undefined;
    if (!name || !handler) throw new Error(`no local handler for ${arn}`);
    const fault = this.touch(name);
    if (fault === 'error') throw new Error(`simulated failure of ${name} (--fail ${name})`);
    if (fault === 'timeout') {
      this.simNow = new Date(this.simNow.getTime() + limitSeconds * 1000);
      throw new Error(`${name} timed out after ${limitSeconds} s (--fail ${name}:timeout)`);
    }
    const startedAt = this.simNow.getTime();
    const context = this.lambdaContext(name, arn, limitSeconds);
    let timer: NodeJS.Timeout | undefined;
    try {
      const result = await Promise.race([
        handler(event as never, context as never),
        new Promise((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`${name} took longer than ${limitSeconds} s`)),
            limitSeconds * 1000,
          );
        }),
      ]);
      // The work is done, but Connect stopped waiting: a slow collaborator, or --fail NAME:after-write.
      const spent = (this.simNow.getTime() - startedAt) / 1000;
      if (spent > limitSeconds)
        throw new Error(
          `${name} took ${spent} s, longer than the flow's ${limitSeconds} s (its work is done)`,
        );
      // A partial failure is one invocation's fault (a time-out after the write, a lost response): the
      // first call of the function in a call fails after its work, a retry runs normally (faults.ts).
      if (fault === 'after-write' && !this.partialFailed.has(name)) {
        this.partialFailed.add(name);
        throw new Error(`${name} failed after doing its work (--fail ${name}:after-write)`);
      }
      return result;
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * sim: invokes a deployed handler at simulated time `at` outside any call (the month simulation's
   * agents working tickets), with the same event a flow or the console would send.
   */
  async invokeAt(at: Date, name: LocalFunctionName, event: unknown, limitSeconds = 8): Promise<unknown> {
    this.context = { now: at, records: false };
    return this.invoke(this.refs.functions[name as FlowFunctionName] ?? name, event, limitSeconds);
  }

  /** Places one call and reports what the caller heard, where it ended, tickets and notifications. */
  call(opts: CallOptions): Promise<CallReport> {
    const ctx: CallContext = {
      now: opts.at ?? new Date(),
      records: opts.records ?? this.keepRecords,
      ...(opts.world ? { world: opts.world } : {}),
    };
    this.context = ctx;
    return this.placeCall(opts, ctx);
  }

  private async placeCall(opts: CallOptions, ctx: CallContext): Promise<CallReport> {
    const startedAt = this.simNow;
    this.faults = opts.faults ?? {};
    this.queueLoad = opts.queueLoad ?? 0;
    this.agentsOnline = opts.agentsOnline;
    this.caller = opts.caller;
    const outboxBefore = this.outbox.length;
    const entry = opts.flowFile
      ? this.loadFlowFile(opts.flowFile)
      : this.runtime().flow(opts.entry ?? 'inbound');
    if (!entry) throw new EngineError(`no flow ${opts.entry}`, 'invalid-flow');
    const from = opts.from === undefined ? SAMPLE_CALLER : opts.from;
    const systemAddress = SYSTEM_ADDRESS;
    this.onCallMode = opts.onCall ?? 'accept';
    this.escalationErrors.length = 0;
    const caller: Caller = ctx.world
      ? {
          // sim: the caller acts at the call's time on the shared clock.
          next: async (request) => {
            await this.park(ctx);
            return opts.caller.next(request);
          },
          ...(opts.caller.decide ? { decide: (d) => opts.caller.decide!(d) } : {}),
          ...(opts.caller.hear ? { hear: (t) => opts.caller.hear!(t) } : {}),
          ...(opts.caller.touched ? { touched: (w) => opts.caller.touched!(w) } : {}),
          ...(opts.caller.notice ? { notice: (e) => opts.caller.notice!(e) } : {}),
        }
      : opts.caller;
    const contact = new Contact(
      this.runtime(),
      caller,
      { ...DEFAULT_OPTIONS, ...opts.engine, faults: this.faults },
      from ?? undefined,
      systemAddress,
      this.instanceArn,
      this.config.business.locale,
    );
    let outcome: Outcome;
    let endedAt: Date;
    try {
      await this.announce('INITIATED', contact, {});
      outcome = await contact.run(entry);
      endedAt = this.simNow;
      // escalation (issue 11): the clock runs on after the caller hangs up, until every page settled.
      await this.timer.settle(
        () => this.simNow,
        (d) => {
          this.simNow = d;
        },
      );
    } finally {
      this.faults = {};
      this.partialFailed.clear();
      this.queueLoad = 0;
      this.agentsOnline = undefined;
      this.caller = undefined;
    }
    // --- promises (issue 11): no silent misses ------------------------------------------------------
    // A caller who hung up in a queue, right after choosing one, or while leaving a message leaves a
    // ticket behind: the same use case the contact-events function runs in AWS (recordMissedCall).
    const missed = missedCallOf(outcome, contact, (id) => this.config.queues.find((q) => q.id === id)?.name);
    const missedTicket = missed ? (await recordMissedCall(missed, this.missedCallDeps())).ticketId : '';
    // --- end of promises block ---------------------------------------------------------------------
    await this.recordContact(contact, outcome);
    return {
      at: startedAt.toISOString(),
      from: from ?? null,
      flow: entry.key,
      prompts: contact.prompts,
      path: contact.path,
      outcome,
      endedWithMessage: contact.endedWithMessage,
      lambdaCalls: contact.lambdaCalls,
      tickets: opts.tickets === false ? [] : await this.ticketsOf(contact, missedTicket),
      notifications: this.outbox.slice(outboxBefore),
      errors: [...contact.errors, ...this.escalationErrors],
      warnings: [...new Set(contact.warnings)],
      events: contact.events,
      durationSeconds: Math.round((endedAt.getTime() - startedAt.getTime()) / 1000),
      contactId: contact.contactId,
      attributes: { ...contact.state.attributes },
    };
  }

  /** The missed-call use case's collaborators: this instance's store, clock and outbox. */
  private missedCallDeps() {
    const { tickets, load } = ticketStore({ doc: this.db.doc, tables: this.db.tables });
    return { tickets, load, notifier: this.outboxNotifier(), now: this.simNow, log: () => {} };
  }

  // --- contact records: Connect's contact events and what the flow knows ---------------------------

  private lambdaContext(name: string, arn: string, limitSeconds: number) {
    return {
      functionName: `switchboard-${name}`,
      functionVersion: '$LATEST',
      invokedFunctionArn: arn,
      memoryLimitInMB: '512',
      awsRequestId: randomUUID(),
      logGroupName: `/aws/lambda/switchboard-${name}`,
      logStreamName: 'local',
      callbackWaitsForEmptyEventLoop: false,
      getRemainingTimeInMillis: () => limitSeconds * 1000,
      done: () => {},
      fail: () => {},
      succeed: () => {},
    };
  }

  /** The contact as Connect's contact events describe it, at this point of the call. */
  private snapshotOf(
    contact: Contact,
    extra: Partial<Record<keyof RecordSnapshot, unknown>>,
  ): RecordSnapshot {
    const iso = (d: unknown) => (d instanceof Date ? d.toISOString() : undefined);
    const plan = this.context.plan;
    const answeredAt = iso(extra.answeredAt) ?? iso(contact.answeredAt);
    const snap: RecordSnapshot = {
      contactId: contact.contactId,
      instanceArn: this.instanceArn,
      account: LOCAL_ACCOUNT,
      region: this.region,
      initiatedAt: contact.startedAt.toISOString(),
      ...(contact.enqueuedAt || extra.enqueuedAt
        ? {
            enqueuedAt: iso(contact.enqueuedAt) ?? iso(extra.enqueuedAt)!,
            queueArn: contact.queueArn ?? String(extra.queueArn),
          }
        : {}),
      ...(answeredAt
        ? { answeredAt, agentArn: `${this.instanceArn}/agent/${plan?.agent ?? 'local-agent'}` }
        : {}),
    };
    for (const k of ['disconnectedAt', 'acwStartedAt', 'acwEndedAt'] as const) {
      const v = iso(extra[k]);
      if (v) snap[k] = v;
    }
    return snap;
  }

  /**
   * Sends one contact event, in Connect's EventBridge shape, to the contact-events function, stamped with
   * the call's simulated time. Records are Connect's side of the call: a failure is a warning on the
   * call, never the end of it.
   */
  private async announce(
    type: string,
    contact: Contact,
    extra: Partial<Record<keyof RecordSnapshot, unknown>>,
    at: Date = this.simNow,
  ): Promise<void> {
    if (!this.context.records) return;
    try {
      await this.contactEvents(
        contactEvent(type, this.snapshotOf(contact, extra), at.toISOString()) as never,
        this.lambdaContext('contact-events', 'local', 900) as never,
      );
    } catch (err) {
      contact.warnings.push(`contact event ${type} was not recorded: ${(err as Error).message}`);
    }
  }

  /**
   * The end of a contact for its record: CONTACT_DATA_UPDATED (recording), DISCONNECTED, COMPLETED after
   * the agent's after-contact work, a queued callback's own contact (initiation method CALLBACK), and what
   * the flow knows that no function was told (the menu keys, the menu's category and queue, a transfer to
   * the on-call person, the recording).
   */
  private async recordContact(contact: Contact, outcome: Outcome): Promise<void> {
    const ctx = this.context;
    if (!ctx.records) return;
    const end = this.simNow;
    const rec = contact.state.recording;
    const recorded = rec.ivr || ((rec.agent || rec.customer) && contact.answeredAt !== undefined);
    if (recorded) await this.announce('CONTACT_DATA_UPDATED', contact, {}, end);
    const talkEnd = contact.agentLeftAt ?? end;
    const acwEnd = contact.answeredAt
      ? new Date(talkEnd.getTime() + (ctx.plan?.acwSeconds ?? DEFAULT_ACW_SECONDS) * 1000)
      : undefined;
    const ended = { disconnectedAt: end, ...(acwEnd ? { acwStartedAt: talkEnd, acwEndedAt: acwEnd } : {}) };
    await this.announce('DISCONNECTED', contact, ended, end);
    const note: ContactAnnotation = {};
    const menuPath = contact.path
      .filter(
        (p) => p.flow === 'inbound' && p.type === 'GetParticipantInput' && p.branch?.startsWith('Equals '),
      )
      .map((p) => p.branch!.slice('Equals '.length));
    if (menuPath.length) note.menuPath = menuPath.join('>');
    const { category, queue } = contact.state.attributes;
    if (category) note.category = category;
    if (queue && this.config.queues.some((q) => q.id === queue)) note.queue = queue;
    if (outcome.type === 'transferred') note.disposition = 'on-call';
    if (recorded)
      note.recordingKey = `connect/${this.instanceArn.split('/').pop()}/CallRecordings/${contact.startedAt.toISOString().slice(0, 10).replaceAll('-', '/')}/${contact.contactId}.wav`;
    if (Object.keys(note).length)
      await this.records
        .annotateContact(contact.contactId, note)
        .catch((err: Error) => contact.warnings.push(`record annotation failed: ${err.message}`));
    if (acwEnd) {
      await this.park(ctx, acwEnd);
      await this.announce('COMPLETED', contact, ended, acwEnd);
    } else await this.announce('COMPLETED', contact, ended, end);
    if (outcome.type === 'callback') await this.callbackLeg(contact, outcome.queue, end);
  }

  /**
   * A queued callback's own contact (initiation method CALLBACK, previous contact = the call): queued now,
   * answered when the queue model serves it (in a plain call, left waiting).
   */
  private async callbackLeg(contact: Contact, queueId: string, at: Date): Promise<void> {
    const ctx = this.context;
    const leg = { contactId: `${contact.contactId}-callback` } as const;
    const queueArn = this.refs.queues[queueId] ?? queueId;
    const base: RecordSnapshot = {
      ...leg,
      instanceArn: this.instanceArn,
      account: LOCAL_ACCOUNT,
      region: this.region,
      initiationMethod: 'CALLBACK',
      previousContactId: contact.contactId,
      initiatedAt: at.toISOString(),
      enqueuedAt: at.toISOString(),
      queueArn,
    };
    const send = async (type: string, snap: RecordSnapshot, when: Date) => {
      try {
        await this.contactEvents(
          contactEvent(type, snap, when.toISOString()) as never,
          this.lambdaContext('contact-events', 'local', 900) as never,
        );
      } catch (err) {
        contact.warnings.push(
          `contact event ${type} of the callback was not recorded: ${(err as Error).message}`,
        );
      }
    };
    await send('INITIATED', { ...base, enqueuedAt: undefined }, at);
    await send('QUEUED', base, at);
    const plan = ctx.plan;
    if (!ctx.world || plan?.answerAt === undefined || !Number.isFinite(plan.answerAt)) return;
    const answeredAt = new Date(Math.max(plan.answerAt, at.getTime()));
    const answered = {
      ...base,
      answeredAt: answeredAt.toISOString(),
      agentArn: `${this.instanceArn}/agent/${plan.agent ?? 'local-agent'}`,
    };
    await this.park(ctx, answeredAt);
    await send('CONNECTED_TO_AGENT', answered, answeredAt);
    const hangUp = new Date(answeredAt.getTime() + (plan.talkSeconds ?? 0) * 1000);
    const acwEnd = new Date(hangUp.getTime() + (plan.acwSeconds ?? 0) * 1000);
    const done = {
      ...answered,
      disconnectedAt: hangUp.toISOString(),
      acwStartedAt: hangUp.toISOString(),
      acwEndedAt: acwEnd.toISOString(),
    };
    await this.park(ctx, hangUp);
    await send('DISCONNECTED', done, hangUp);
    await this.park(ctx, acwEnd);
    await send('COMPLETED', done, acwEnd);
  }

  /**
   * The tickets a call left: those the ticket function answered with, the missed-call ticket, and, when
   * a ticket invocation failed, the one the contact's pointer names (written before the failure). Only
   * the ticket function and the missed-call use case create tickets, so a call that reached neither
   * costs no read.
   */
  private async ticketsOf(contact: Contact, missedTicket: string): Promise<TicketSummary[]> {
    const repo = new TicketRepository(this.db.doc, this.db.tables);
    const ids = new Set<string>();
    for (const call of contact.lambdaCalls) {
      const id = (call.response as { ticketId?: string } | undefined)?.ticketId;
      if (id) ids.add(id);
    }
    if (missedTicket) ids.add(missedTicket);
    const read = new Map<string, Ticket>();
    if (contact.lambdaCalls.some((c) => c.via === 'handler' && /ticket$/.test(c.function) && !c.ok)) {
      const own = await repo.findByContact(contact.contactId);
      if (own) {
        ids.add(own.id);
        read.set(own.id, own);
      }
    }
    const out: TicketSummary[] = [];
    for (const id of ids) {
      const t = read.get(id) ?? (await repo.get(id));
      if (t)
        out.push({
          id: t.id,
          category: t.category,
          priority: t.priority,
          status: t.status,
          dueAt: t.dueAt,
          ...(t.message ? { message: t.message } : {}),
          ...(t.partial ? { partial: true } : {}),
          callable: callbackNumberOf(t, this.config.outbound) !== undefined,
        });
    }
    return out;
  }
}

/**
 * promises (issue 11): whether a call that just ended is a miss to record, and how. A queue wait that
 * nobody answered (the caller hung up, or the queue flow ended the call without a callback) is
 * `abandoned-in-queue`; a caller hang-up at a bot with words captured is `hung-up-mid-message`; any other
 * caller hang-up after the menu chose a queue is `hung-up-before-queue`. Undefined otherwise.
 */
export function missedCallOf(
  outcome: Outcome,
  contact: Contact,
  queueName: (id: string) => string | undefined,
): MissedCallInput | undefined {
  const base = { contactId: contact.contactId, callerPhone: contact.customerAddress };
  const attrs = contact.state.attributes;
  const category = attrs.category ? { category: attrs.category } : {};
  if (outcome.type === 'queued' && !outcome.answered)
    return {
      ...base,
      how: 'abandoned-in-queue',
      queue: queueName(outcome.queue) ?? outcome.queue,
      waitedSeconds: outcome.waitSeconds,
      ...category,
    };
  if (outcome.type !== 'disconnected' || outcome.by !== 'caller') return undefined;
  const last = contact.path.at(-1);
  if (last?.type === 'ConnectParticipantWithLexBot') {
    // The words being spoken, with the question the assistant could not answer when the caller was
    // leaving a message after it (the generated assistant flow's `leave-message` step).
    const question =
      last.id === 'leave-message' ? contact.state.lexResult?.SessionAttributes.question : undefined;
    const words = composeMessage(contact.state.partialWords, question);
    return words ? { ...base, how: 'hung-up-mid-message', words } : undefined;
  }
  if (attrs.queue)
    return {
      ...base,
      how: 'hung-up-before-queue',
      queue: queueName(attrs.queue) ?? attrs.queue,
      ...category,
    };
  return undefined;
}
