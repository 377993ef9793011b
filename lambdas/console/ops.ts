import type { FaqEntry } from '#domain/faq.ts';
import type { KpiConfig } from '#domain/kpi.ts';
import { computeKpis } from '#domain/kpi.ts';
import { groupMissed } from '#domain/missed.ts';
import type { MissedQuestionRepository, StoredMissedQuestion } from '#domain/missed-questions.ts';
import { localDayRange, type OperationsStore, qaSampleOf, weeklyQaSeed } from '#domain/operations.ts';
import type { Ticket } from '#domain/tickets.ts';
import { isOverdue } from '#domain/tickets.ts';
import { addDays, localTime } from '#domain/time.ts';
import type { Kpis, MissedGroup, MissedQuestions, QaItem, QaSample } from './api-types.ts';
import type { ConsoleStore } from './store.ts';

export type { Kpis, MissedGroup, MissedQuestions, QaItem, QaSample } from './api-types.ts';

/**
 * Operations figures for the KPI, QA and Assistant pages: what `switchboard report` and the weekly
 * e-mail compute (contact records, `computeKpis`, the weekly QA sample) and the assistant's missed
 * questions (missed-questions.ts, grouped by missed.ts). `operationsOps` reads them from the records
 * table, locally (dynalite) and in AWS alike.
 */
export interface OpsSource {
  /** KPIs for the local dates `from`..`to` (inclusive, business time zone), as of `now`. */
  kpis(from: string, to: string, now: Date): Promise<Kpis>;
  /** The QA sample of an ISO week (`2026-W48`), with the reviews given so far. */
  qaSample(week: string): Promise<QaSample>;
  /** Questions the assistant could not answer in the local dates, grouped, each with an FAQ snippet. */
  missedQuestions(from: string, to: string): Promise<MissedQuestions>;
}

/** Monday..Sunday of an ISO week (`2026-W48`). Throws RangeError for anything else. */
export function weekDates(week: string): { from: string; to: string } {
  const m = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!m) throw new RangeError(`week "${week}" is not an ISO week such as 2026-W48`);
  const year = Number(m[1]);
  const n = Number(m[2]);
  if (n < 1 || n > 53) throw new RangeError(`week "${week}" is not an ISO week such as 2026-W48`);
  // ISO 8601: week 1 holds the year's first Thursday, so 4 January is always in it.
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const monday1 = addDays(
    '1970-01-01',
    Math.round(jan4.getTime() / 86_400_000) - ((jan4.getUTCDay() + 6) % 7),
  );
  const from = addDays(monday1, (n - 1) * 7);
  return { from, to: addDays(from, 6) };
}

/** The ISO week (`2026-W48`) a local date falls in. */
export function isoWeek(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  const day = (d.getUTCDay() + 6) % 7;
  const thursday = new Date(d.getTime() + (3 - day) * 86_400_000);
  const year = thursday.getUTCFullYear();
  const jan1 = Date.UTC(year, 0, 1);
  const n = Math.floor((thursday.getTime() - jan1) / 86_400_000 / 7) + 1;
  return `${year}-W${String(n).padStart(2, '0')}`;
}

const inc = (m: Record<string, number>, k: string) => {
  m[k] = (m[k] ?? 0) + 1;
};

/** Ticket figures of tickets created in the period (`now`: for open and overdue). */
export function ticketFigures(tickets: Ticket[], now: Date): Kpis['tickets'] {
  const byCategory: Record<string, number> = {};
  const byPriority: Record<string, number> = {};
  const bySource: Record<string, number> = {};
  let resolved = 0;
  let onTime = 0;
  for (const t of tickets) {
    inc(byCategory, t.category);
    inc(byPriority, t.priority);
    inc(bySource, t.source);
    const done = t.history.find((h) => h.action === 'status' && (h.to === 'resolved' || h.to === 'closed'));
    if (done) {
      resolved++;
      if (done.at <= t.dueAt) onTime++;
    }
  }
  return {
    total: tickets.length,
    open: tickets.filter((t) => t.status === 'open' || t.status === 'in_progress').length,
    overdue: tickets.filter((t) => isOverdue(t, now)).length,
    resolvedOnTime: resolved ? onTime / resolved : null,
    byCategory,
    byPriority,
    bySource,
  };
}

/** Where operationsOps reads: the records table (contact records, tickets, surveys, missed questions). */
export interface OperationsOpsDeps {
  operations: OperationsStore;
  missed: Pick<MissedQuestionRepository, 'list'>;
  /** QA reviews (the console's own items). */
  store: Pick<ConsoleStore, 'qaReviews'>;
  /** The config's KPI slice: locally the loaded config, in AWS `REPORT_CONFIG` (kpi-config.ts). */
  config(): Promise<KpiConfig>;
  faq(): Promise<{ entries: FaqEntry[]; locale: string }>;
}

/** The OpsSource over the records table: the same figures as `switchboard report` and the weekly e-mail. */
export function operationsOps(deps: OperationsOpsDeps): OpsSource {
  return {
    async kpis(from, to, now) {
      const config = await deps.config();
      const tz = config.business.timezone;
      const period = localDayRange(from, to, tz);
      const data = await deps.operations.load(config, period);
      const r = computeKpis({ config, ...data, now });
      const created = data.tickets.filter((t) => {
        const at = Date.parse(t.createdAt);
        return at >= period.from.getTime() && at < period.to.getTime();
      });
      const perDay = new Map<string, { tickets: number; urgent: number }>();
      for (const t of created) {
        const d = localTime(new Date(t.createdAt), tz).date;
        const day = perDay.get(d) ?? { tickets: 0, urgent: 0 };
        day.tickets++;
        if (t.priority === 'urgent') day.urgent++;
        perDay.set(d, day);
      }
      const { day, night } = r.dayNight;
      return {
        from,
        to,
        timezone: tz,
        source: 'contact records',
        sla: r.sla,
        calls: {
          total: r.totals.contacts,
          queued: r.totals.queued,
          answered: r.byResult.agent,
          abandoned: r.byResult.abandoned,
          answeredWithinSla: day.answeredInSla + night.answeredInSla,
          assistant: r.byResult.assistant,
          onCall: r.byResult['on-call'],
          callbacks: r.byResult.callback,
          ivr: r.byResult.ivr,
          inProgress: r.byResult['in-progress'],
        },
        kpis: r.kpis,
        acwSeconds: r.acwSeconds,
        csat: {
          share: r.csat.share,
          average: r.csat.mean,
          responses: r.csat.responses,
          distribution: r.csat.distribution,
        },
        tickets: ticketFigures(created, now),
        byCategory: r.byCategory,
        callsByHour: r.callsByHour,
        daily: r.byDay.map((d) => ({
          date: d.date,
          contacts: d.contacts,
          queued: d.queued,
          serviceLevel: d.serviceLevel,
          answerRate: d.answerRate,
          tickets: perDay.get(d.date)?.tickets ?? 0,
          urgent: perDay.get(d.date)?.urgent ?? 0,
        })),
      };
    },

    async qaSample(week) {
      const { from, to } = weekDates(week);
      const config = await deps.config();
      const data = await deps.operations.load(config, localDayRange(from, to, config.business.timezone));
      // The seed the weekly e-mail uses for this week: the page shows the calls the e-mail listed.
      const picks = qaSampleOf(data, { seed: weeklyQaSeed(from) });
      const [transcripts, reviews] = await Promise.all([
        deps.operations.callTexts(picks.map((p) => p.contactId)),
        deps.store.qaReviews(week),
      ]);
      const records = new Map(data.records.map((r) => [r.contactId, r]));
      const reviewOf = new Map(reviews.map((r) => [r.contactId, r]));
      const items: QaItem[] = picks.map((p) => {
        const { transcript, message } = transcripts.get(p.contactId) ?? {};
        const ticketId = records.get(p.contactId)?.ticketId;
        const review = reviewOf.get(p.contactId);
        return {
          ...p,
          ...(transcript ? { transcript } : {}),
          ...(message ? { callerMessage: message } : {}),
          ...(ticketId ? { ticketId } : {}),
          ...(review ? { review } : {}),
        };
      });
      return { week, from, to, items };
    },

    async missedQuestions(from, to) {
      const [config, f] = await Promise.all([deps.config(), deps.faq()]);
      // Keys pressed at the assistant's prompt ("1") are not a question to add to the FAQ.
      const list = (await deps.missed.list(localDayRange(from, to, config.business.timezone))).filter((q) =>
        /\p{L}/u.test(q.question),
      ) as StoredMissedQuestion[];
      const groups: MissedGroup[] = groupMissed(list, { faq: f.entries }).map((g) => {
        const qs = g.questions as StoredMissedQuestion[];
        return {
          locale: g.locale,
          count: qs.length,
          wordings: g.wordings,
          reasons: {
            noMatch: qs.filter((q) => q.reason === 'no-match').length,
            notHelped: qs.filter((q) => q.reason === 'not-helped').length,
          },
          lastAt: qs.at(-1)?.at ?? '',
          contactIds: [...new Set(qs.map((q) => q.contactId))],
          faqId: g.faqId,
          faqQuestion: f.entries.find((e) => e.id === g.faqId)?.question ?? null,
          score: g.score,
          yaml: g.yaml,
        };
      });
      return { questions: list.length, groups };
    },
  };
}
