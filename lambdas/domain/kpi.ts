/**
 * KPIs of the phone line over a period, as pure functions of contact records, tickets and surveys.
 *
 * Definitions (each is in the report's legend too):
 * - A contact is *inbound* unless it is a callback leg (initiation method CALLBACK: the call Connect
 *   places to keep a queued-callback promise; it counts toward the callback KPI, not as new demand).
 * - *Queued* contacts wanted a person: they reached a queue and were answered or abandoned. A caller who
 *   took a queued callback left the queue by choice and is counted under callbacks instead.
 * - Answer rate = answered ÷ queued; abandonment = abandoned ÷ queued (Connect's "contacts abandoned"
 *   over "contacts queued", https://docs.aws.amazon.com/connect/latest/adminguide/metrics-definitions.html).
 * - Service level = answered within `sla.answerWithinSeconds` of entering the queue ÷ queued; its target
 *   is the answer-rate target (e.g. 90 % within 30 s).
 * - ASA = mean wait from enqueue to answer of answered contacts; target: `sla.answerWithinSeconds`.
 * - AHT = mean talk (answer to disconnect) + after-contact work of answered contacts.
 * - CSAT = share of survey answers that are 4 or 5, with the mean and the count.
 * - Callbacks: queued callbacks (kept when the callback leg was answered within
 *   `sla.callbackWithinHours` of the call) and ticket callbacks (kept when someone took the ticket
 *   before its promised time). Target: every promise kept.
 * - Urgent tickets: first response (someone took the ticket) within `sla.firstResponseMinutes`.
 * - A shift is a night shift when at least three of its hours fall in local 00:00-05:00, the period
 *   every "night time" must include under the EU Working Time Directive 2003/88/EC, art. 2(3)-(4);
 *   contacts outside any shift are night contacts between 22:00 and 06:00 local.
 */
import type { SwitchboardConfig } from '../../config/schema.ts';
import type { Kpi, KpiId } from './kpi-figure.ts';
import {
  type ContactRecord,
  type ContactResultKind,
  contactResult,
  handleSeconds,
  isCallbackLeg,
} from './records.ts';
import { activeShift, type RosterShift } from './roster.ts';
import { isOpen, isOverdue, type Ticket } from './tickets.ts';
import { addDays, localTime } from './time.ts';

export interface SurveyAnswer {
  contactId: string;
  score: number;
  at: string;
}

export type KpiConfig = Pick<SwitchboardConfig, 'sla' | 'shifts' | 'business' | 'queues'>;

export interface KpiInput {
  config: KpiConfig;
  /** Records of the period, plus later ones that may be callback legs of it. */
  records: ContactRecord[];
  /** Tickets created in the period. */
  tickets: Ticket[];
  /** Tickets open now, whenever created. */
  openTickets: Ticket[];
  surveys: SurveyAnswer[];
  /** Interval [from, to) of initiation times. */
  period: { from: Date; to: Date };
  now: Date;
}

export type { Kpi, KpiId } from './kpi-figure.ts';

export interface Breakdown {
  contacts: number;
  queued: number;
  answered: number;
  abandoned: number;
  answeredInSla: number;
  assistant: number;
  callbacks: number;
  answerRate: number | null;
  serviceLevel: number | null;
  asaSeconds: number | null;
}

export interface KpiReport {
  businessName: string;
  locale: string;
  timezone: string;
  period: { from: string; to: string };
  generatedAt: string;
  sla: { answerWithinSeconds: number; firstResponseMinutes: number; callbackWithinHours: number };
  totals: Record<ContactResultKind, number> & { contacts: number; queued: number; callbackLegs: number };
  kpis: Kpi[];
  csat: {
    responses: number;
    satisfied: number;
    share: number | null;
    mean: number | null;
    /** How many answers gave 1, 2, 3, 4 and 5. */
    distribution: [number, number, number, number, number];
  };
  /** Mean after-contact work of answered contacts whose record has it (s); null when none has. */
  acwSeconds: number | null;
  byCategory: Record<string, number>;
  byResult: Record<ContactResultKind, number>;
  dayNight: { day: Breakdown; night: Breakdown; nightShareOfDay: number | null };
  byShift: Record<string, Breakdown>;
  /** Display names of the shifts (the config's `name`, else the id). */
  shiftNames: Record<string, string>;
  byQueue: Record<string, Breakdown>;
  /** Display names of the queues (the config's `name`). */
  queueNames: Record<string, string>;
  callbacks: {
    promised: number;
    kept: number;
    late: number;
    pending: number;
    missed: number;
    queued: { promised: number; kept: number };
    tickets: { promised: number; kept: number };
  };
  urgent: { tickets: number; inTime: number; late: number; waiting: number };
  tickets: { created: number; open: number; overdue: number };
  /** Inbound contacts by local hour of day, 0-23. */
  callsByHour: number[];
  /** One row per local date of the period. */
  byDay: Array<{
    date: string;
    contacts: number;
    queued: number;
    serviceLevel: number | null;
    answerRate: number | null;
  }>;
}

const ratio = (n: number, d: number) => (d > 0 ? n / d : null);
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
const RESULT_KINDS: ContactResultKind[] = [
  'agent',
  'abandoned',
  'callback',
  'assistant',
  'on-call',
  'ivr',
  'in-progress',
];

/**
 * Whether a shift is a night shift: at least three of its hours fall in local 00:00-05:00 (the EU
 * directive's "night worker" works at least three hours of night time, art. 2(4)).
 */
export function isNightShift(s: Pick<RosterShift, 'start' | 'end'>): boolean {
  const toMin = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
  const start = toMin(s.start);
  let end = toMin(s.end);
  if (end <= start) end += 1440;
  const overlap = (a: number, b: number) => Math.max(0, Math.min(end, b) - Math.max(start, a));
  return overlap(0, 300) + overlap(1440, 1740) >= 180;
}

function rosterShifts(config: KpiConfig): RosterShift[] {
  return config.shifts.map((s) => ({
    id: s.id,
    name: s.name ?? s.id,
    start: s.start,
    end: s.end,
    agents: s.agents,
    ...(s.days ? { days: s.days } : {}),
  }));
}

/** Shift id a contact belongs to: the flow's annotation, else the roster at its initiation time. */
export function shiftIdOf(r: ContactRecord, config: KpiConfig): string {
  const annotated = r.shift?.split('@')[0];
  if (annotated) return annotated;
  if (!r.initiatedAt) return 'after-hours';
  const active = activeShift(
    { shifts: rosterShifts(config), timezone: config.business.timezone },
    new Date(r.initiatedAt),
  );
  return active?.shift.id ?? 'after-hours';
}

function isNight(r: ContactRecord, config: KpiConfig): boolean {
  const shift = config.shifts.find((s) => s.id === shiftIdOf(r, config));
  if (shift) return isNightShift(shift);
  if (!r.initiatedAt) return false;
  const { minutes } = localTime(new Date(r.initiatedAt), config.business.timezone);
  return minutes >= 22 * 60 || minutes < 6 * 60;
}

/** Queue id of a record: the flow's annotation, else the queue name Connect's ARN ends with. */
export function queueOf(r: ContactRecord): string | undefined {
  return r.queue ?? r.queueArn?.split('/').pop();
}

function breakdown(records: ContactRecord[], slaSeconds: number): Breakdown {
  let answered = 0;
  let abandoned = 0;
  let inSla = 0;
  let assistant = 0;
  let callbacks = 0;
  const waits: number[] = [];
  for (const r of records) {
    const res = contactResult(r);
    if (res.kind === 'agent') {
      answered++;
      waits.push(res.waitSeconds);
      if (res.waitSeconds <= slaSeconds) inSla++;
    } else if (res.kind === 'abandoned') abandoned++;
    else if (res.kind === 'assistant') assistant++;
    else if (res.kind === 'callback') callbacks++;
  }
  const queued = answered + abandoned;
  return {
    contacts: records.length,
    queued,
    answered,
    abandoned,
    answeredInSla: inSla,
    assistant,
    callbacks,
    answerRate: ratio(answered, queued),
    serviceLevel: ratio(inSla, queued),
    asaSeconds: mean(waits),
  };
}

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const i of items) {
    const k = key(i);
    const list = m.get(k);
    if (list) list.push(i);
    else m.set(k, [i]);
  }
  return m;
}

/** When someone first took the ticket (owner set or status changed), if anyone has. */
export function firstResponseAt(t: Pick<Ticket, 'history'>): string | undefined {
  return t.history
    .filter((h) => h.action === 'owner' || h.action === 'status')
    .map((h) => h.at)
    .sort()[0];
}

function kpi(
  id: KpiId,
  value: number | null,
  unit: Kpi['unit'],
  target: number,
  direction: Kpi['direction'],
  basis: number,
): Kpi {
  const met =
    value === null ? null : direction === 'atLeast' ? value >= target - 1e-9 : value <= target + 1e-9;
  return { id, value, unit, target, direction, met, basis };
}

/** Every KPI of the period (see the module comment for the definitions). */
export function computeKpis(input: KpiInput): KpiReport {
  const { config, period, now } = input;
  const sla = config.sla;
  const tz = config.business.timezone;
  const from = period.from.getTime();
  const to = period.to.getTime();
  const inPeriod = (iso: string | undefined) => {
    if (!iso) return false;
    const t = Date.parse(iso);
    return t >= from && t < to;
  };
  const all = input.records;
  const records = all.filter((r) => inPeriod(r.initiatedAt));
  const inbound = records.filter((r) => !isCallbackLeg(r));
  const results = new Map(inbound.map((r) => [r.contactId, contactResult(r)]));

  const byResult = Object.fromEntries(RESULT_KINDS.map((k) => [k, 0])) as Record<ContactResultKind, number>;
  for (const res of results.values()) byResult[res.kind]++;

  const overall = breakdown(inbound, sla.answerWithinSeconds);
  const handled = inbound.map(handleSeconds).filter((s): s is number => s !== undefined);
  const aht = mean(handled);

  // CSAT: the survey item, else the score the flow annotated on the record.
  const scores = new Map<string, number>();
  for (const r of records) if (r.csat !== undefined) scores.set(r.contactId, r.csat);
  for (const s of input.surveys)
    if (inPeriod(s.at) || results.has(s.contactId)) scores.set(s.contactId, s.score);
  const scoreList = [...scores.values()];
  const satisfied = scoreList.filter((s) => s >= 4).length;
  const distribution: [number, number, number, number, number] = [0, 0, 0, 0, 0];
  for (const s of scoreList) if (s >= 1 && s <= 5) distribution[Math.round(s) - 1]!++;
  const acw = inbound.filter((r) => r.answeredAt && r.acwSeconds !== undefined).map((r) => r.acwSeconds!);

  const byCategory: Record<string, number> = {};
  for (const r of inbound) {
    const c = r.category ?? 'uncategorised';
    byCategory[c] = (byCategory[c] ?? 0) + 1;
  }

  const byShift: Record<string, Breakdown> = {};
  for (const [k, list] of groupBy(inbound, (r) => shiftIdOf(r, config)))
    byShift[k] = breakdown(list, sla.answerWithinSeconds);
  const byQueue: Record<string, Breakdown> = {};
  for (const [k, list] of groupBy(
    inbound.filter((r) => queueOf(r) !== undefined),
    (r) => queueOf(r)!,
  ))
    byQueue[k] = breakdown(list, sla.answerWithinSeconds);
  const day = breakdown(
    inbound.filter((r) => !isNight(r, config)),
    sla.answerWithinSeconds,
  );
  const night = breakdown(
    inbound.filter((r) => isNight(r, config)),
    sla.answerWithinSeconds,
  );

  // Callbacks: queued (kept by an answered callback leg in time) and tickets (taken before the promise).
  const windowMs = sla.callbackWithinHours * 3_600_000;
  const legs = all.filter((r) => isCallbackLeg(r) && r.answeredAt);
  let queuedKept = 0;
  let late = 0;
  let pending = 0;
  let missed = 0;
  const queuedPromises = inbound.filter((r) => results.get(r.contactId)?.kind === 'callback');
  for (const r of queuedPromises) {
    const due = Date.parse(r.initiatedAt!) + windowMs;
    const leg = legs
      .filter((l) => l.previousContactId === r.contactId || l.initialContactId === r.contactId)
      .sort((a, b) => a.answeredAt!.localeCompare(b.answeredAt!))[0];
    if (leg && Date.parse(leg.answeredAt!) <= due) queuedKept++;
    else if (leg) late++;
    else if (now.getTime() <= due) pending++;
    else missed++;
  }
  const ticketPromises = input.tickets.filter((t) => t.priority !== 'urgent' && inPeriod(t.createdAt));
  let ticketKept = 0;
  for (const t of ticketPromises) {
    const first = firstResponseAt(t);
    if (first && first <= t.dueAt) ticketKept++;
    else if (first) late++;
    else if (now.toISOString() <= t.dueAt) pending++;
    else missed++;
  }
  const promised = queuedPromises.length + ticketPromises.length;
  const kept = queuedKept + ticketKept;

  const urgentTickets = input.tickets.filter((t) => t.priority === 'urgent' && inPeriod(t.createdAt));
  let urgentInTime = 0;
  let urgentLate = 0;
  let urgentWaiting = 0;
  for (const t of urgentTickets) {
    const first = firstResponseAt(t);
    if (first && first <= t.firstResponseDueAt) urgentInTime++;
    else if (first || now.toISOString() > t.firstResponseDueAt) urgentLate++;
    else urgentWaiting++;
  }
  const open = input.openTickets.filter((t) => isOpen(t.status));
  const overdue = open.filter((t) => isOverdue(t, now));

  const callsByHour = new Array<number>(24).fill(0);
  const dates = new Map<string, ContactRecord[]>();
  for (const r of inbound) {
    const lt = localTime(new Date(r.initiatedAt!), tz);
    callsByHour[Math.floor(lt.minutes / 60)]!++;
    const list = dates.get(lt.date);
    if (list) list.push(r);
    else dates.set(lt.date, [r]);
  }
  const byDay: KpiReport['byDay'] = [];
  const firstDate = localTime(period.from, tz).date;
  const lastDate = localTime(new Date(to - 1), tz).date;
  for (let d = firstDate, i = 0; d <= lastDate && i < 400; d = addDays(d, 1), i++) {
    const b = breakdown(dates.get(d) ?? [], sla.answerWithinSeconds);
    byDay.push({
      date: d,
      contacts: b.contacts,
      queued: b.queued,
      serviceLevel: b.serviceLevel,
      answerRate: b.answerRate,
    });
  }

  const t = sla.targets;
  const kpis: Kpi[] = [
    kpi('answerRate', overall.answerRate, 'ratio', t.answerRate, 'atLeast', overall.queued),
    kpi('serviceLevel', overall.serviceLevel, 'ratio', t.answerRate, 'atLeast', overall.queued),
    kpi(
      'abandonment',
      ratio(overall.abandoned, overall.queued),
      'ratio',
      1 - t.answerRate,
      'atMost',
      overall.queued,
    ),
    kpi('asa', overall.asaSeconds, 'seconds', sla.answerWithinSeconds, 'atMost', overall.answered),
    kpi('aht', aht, 'seconds', t.averageHandleSeconds, 'atMost', handled.length),
    kpi('csat', ratio(satisfied, scoreList.length), 'ratio', t.csat, 'atLeast', scoreList.length),
    kpi('callbacksKept', ratio(kept, kept + late + missed), 'ratio', 1, 'atLeast', promised),
    kpi(
      'urgentFirstResponse',
      ratio(urgentInTime, urgentInTime + urgentLate),
      'ratio',
      1,
      'atLeast',
      urgentTickets.length,
    ),
    kpi('overdueTickets', overdue.length, 'count', 0, 'atMost', open.length),
  ];

  return {
    businessName: config.business.name,
    locale: config.business.locale,
    timezone: tz,
    period: { from: period.from.toISOString(), to: period.to.toISOString() },
    generatedAt: now.toISOString(),
    sla: {
      answerWithinSeconds: sla.answerWithinSeconds,
      firstResponseMinutes: sla.firstResponseMinutes,
      callbackWithinHours: sla.callbackWithinHours,
    },
    totals: {
      ...byResult,
      contacts: inbound.length,
      queued: overall.queued,
      callbackLegs: records.length - inbound.length,
    },
    kpis,
    csat: {
      responses: scoreList.length,
      satisfied,
      share: ratio(satisfied, scoreList.length),
      mean: mean(scoreList),
      distribution,
    },
    acwSeconds: mean(acw),
    byCategory,
    byResult,
    dayNight: { day, night, nightShareOfDay: ratio(night.contacts, day.contacts) },
    byShift,
    shiftNames: Object.fromEntries(config.shifts.map((s) => [s.id, s.name ?? s.id])),
    byQueue,
    queueNames: Object.fromEntries(config.queues.map((q) => [q.id, q.name])),
    callbacks: {
      promised,
      kept,
      late,
      pending,
      missed,
      queued: { promised: queuedPromises.length, kept: queuedKept },
      tickets: { promised: ticketPromises.length, kept: ticketKept },
    },
    urgent: { tickets: urgentTickets.length, inTime: urgentInTime, late: urgentLate, waiting: urgentWaiting },
    tickets: {
      created: input.tickets.filter((x) => inPeriod(x.createdAt)).length,
      open: open.length,
      overdue: overdue.length,
    },
    callsByHour,
    byDay,
  };
}
