import { stringify } from 'yaml';
import { type FaqEntry, FaqIndex, normalize } from '#domain/faq.ts';
import type { Ticket } from '#domain/tickets.ts';
import { isOverdue } from '#domain/tickets.ts';
import { addDays } from '#domain/time.ts';
import type { ConsoleStore, QaReview } from './store.ts';

/**
 * THE SEAM for operations figures. The `ops` branch builds contact records, the KPI report
 * (`switchboard report`), the weekly QA sample and lambdas/domain/missed.ts ("questions the assistant
 * could not answer"). Until it lands, `placeholderOps` computes what it can from the tickets and their
 * CSAT; at merge, re-point `OpsSource` to the report, the QA sample and missed.ts and leave the pages and
 * the API as they are. Figures the placeholder cannot know (calls, answer times) are null.
 */
export interface OpsSource {
  /** KPIs for the local dates `from`..`to` (inclusive, business time zone). */
  kpis(from: string, to: string, now: Date): Promise<Kpis>;
  /** The QA sample of an ISO week (`2026-W48`), with the reviews given so far. */
  qaSample(week: string): Promise<QaItem[]>;
  /** Questions the assistant could not answer in the dates, grouped, each with a suggested FAQ entry. */
  missedQuestions(from: string, to: string): Promise<MissedGroup[]>;
}

export interface Kpis {
  from: string;
  to: string;
  /** Where the figures come from: `tickets` (the placeholder) or `contact records`. */
  source: 'tickets' | 'contact records';
  calls: number | null;
  answeredWithinSla: number | null;
  tickets: {
    total: number;
    open: number;
    overdue: number;
    /** Resolved or closed by their callback promise, as a fraction of those resolved; null when none. */
    resolvedOnTime: number | null;
    byCategory: Record<string, number>;
    byPriority: Record<string, number>;
    bySource: Record<string, number>;
  };
  csat: { average: number | null; responses: number; distribution: [number, number, number, number, number] };
  daily: Array<{ date: string; tickets: number; urgent: number; csat: number | null }>;
}

export interface QaItem {
  ticket: Pick<
    Ticket,
    | 'id'
    | 'contactId'
    | 'category'
    | 'priority'
    | 'createdAt'
    | 'message'
    | 'transcript'
    | 'recordingKey'
    | 'csat'
  >;
  review?: QaReview;
}

export interface MissedGroup {
  question: string;
  count: number;
  examples: string[];
  ticketIds: string[];
  suggestion: { faqId: string; faqQuestion: string; score: number; yaml: string } | null;
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

async function ticketsIn(store: ConsoleStore, from: string, to: string): Promise<Ticket[]> {
  const out: Ticket[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.listTickets({ from, to }, cursor, 200);
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

const dateOf = (t: Ticket) => t.shift.slice(t.shift.indexOf('@') + 1);
const inc = (m: Record<string, number>, k: string) => {
  m[k] = (m[k] ?? 0) + 1;
};

/** KPIs from tickets alone (the placeholder behind OpsSource). */
export function ticketKpis(tickets: Ticket[], from: string, to: string, now: Date): Kpis {
  const byCategory: Record<string, number> = {};
  const byPriority: Record<string, number> = {};
  const bySource: Record<string, number> = {};
  const distribution: [number, number, number, number, number] = [0, 0, 0, 0, 0];
  let resolved = 0;
  let onTime = 0;
  let csatSum = 0;
  let csatN = 0;
  const days = new Map<string, { tickets: number; urgent: number; sum: number; n: number }>();
  for (let d = from; d <= to; d = addDays(d, 1)) days.set(d, { tickets: 0, urgent: 0, sum: 0, n: 0 });
  for (const t of tickets) {
    inc(byCategory, t.category);
    inc(byPriority, t.priority);
    inc(bySource, t.source);
    const done = t.history.find((h) => h.action === 'status' && (h.to === 'resolved' || h.to === 'closed'));
    if (done) {
      resolved++;
      if (done.at <= t.dueAt) onTime++;
    }
    const day = days.get(dateOf(t));
    if (day) {
      day.tickets++;
      if (t.priority === 'urgent') day.urgent++;
    }
    if (t.csat && t.csat >= 1 && t.csat <= 5) {
      distribution[t.csat - 1]!++;
      csatSum += t.csat;
      csatN++;
      if (day) {
        day.sum += t.csat;
        day.n++;
      }
    }
  }
  return {
    from,
    to,
    source: 'tickets',
    calls: null,
    answeredWithinSla: null,
    tickets: {
      total: tickets.length,
      open: tickets.filter((t) => t.status === 'open' || t.status === 'in_progress').length,
      overdue: tickets.filter((t) => isOverdue(t, now)).length,
      resolvedOnTime: resolved ? onTime / resolved : null,
      byCategory,
      byPriority,
      bySource,
    },
    csat: { average: csatN ? csatSum / csatN : null, responses: csatN, distribution },
    daily: [...days].map(([date, d]) => ({
      date,
      tickets: d.tickets,
      urgent: d.urgent,
      csat: d.n ? d.sum / d.n : null,
    })),
  };
}

/** A stable pseudo-random order (FNV-1a of the id), so a week's sample does not change between views. */
function rank(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** The question a ticket's message carries: the assistant files "message (asked: question)". */
export function askedQuestion(message: string): string {
  return /\(asked: (.*)\)$/.exec(message)?.[1] ?? message;
}

/** Groups unanswered questions and suggests the FAQ entry each group belongs to, as `alternates:` YAML. */
export function groupMissed(tickets: Ticket[], faq: FaqEntry[], locale: string): MissedGroup[] {
  const index = new FaqIndex(faq, locale);
  const groups = new Map<string, MissedGroup>();
  for (const t of tickets) {
    if (t.source !== 'assistant' || !t.message) continue;
    const q = askedQuestion(t.message).trim();
    const key = normalize(q);
    // Keys pressed at the assistant's prompt are not a question.
    if (!key || !/\p{L}/u.test(q)) continue;
    const g = groups.get(key) ?? { question: q, count: 0, examples: [], ticketIds: [], suggestion: null };
    g.count++;
    if (g.examples.length < 5 && !g.examples.includes(q)) g.examples.push(q);
    g.ticketIds.push(t.id);
    groups.set(key, g);
  }
  for (const g of groups.values()) {
    const best = index.search(g.question, 1)[0];
    if (!best || best.score <= 0) continue;
    g.suggestion = {
      faqId: best.entry.id,
      faqQuestion: best.entry.question,
      score: Math.round(best.score * 100) / 100,
      yaml: stringify([{ id: best.entry.id, alternates: [...(best.entry.alternates ?? []), ...g.examples] }]),
    };
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || a.question.localeCompare(b.question));
}

/** Up to this many contacts a week go to QA review (the service practice: a weekly sample). */
export const QA_SAMPLE_SIZE = 5;

/** The placeholder OpsSource: tickets and their CSAT, read through the console store. */
export function placeholderOps(
  store: ConsoleStore,
  faq: () => Promise<{ entries: FaqEntry[]; locale: string }>,
): OpsSource {
  return {
    async kpis(from, to, now) {
      return ticketKpis(await ticketsIn(store, from, to), from, to, now);
    },
    async qaSample(week) {
      const { from, to } = weekDates(week);
      const [tickets, reviews] = await Promise.all([ticketsIn(store, from, to), store.qaReviews(week)]);
      const byId = new Map(reviews.map((r) => [r.ticketId, r]));
      return tickets
        .sort((a, b) => rank(a.id) - rank(b.id))
        .slice(0, QA_SAMPLE_SIZE)
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
        .map((t) => {
          const review = byId.get(t.id);
          return {
            ticket: {
              id: t.id,
              contactId: t.contactId,
              category: t.category,
              priority: t.priority,
              createdAt: t.createdAt,
              ...(t.message ? { message: t.message } : {}),
              ...(t.transcript ? { transcript: t.transcript } : {}),
              ...(t.recordingKey ? { recordingKey: t.recordingKey } : {}),
              ...(t.csat ? { csat: t.csat } : {}),
            },
            ...(review ? { review } : {}),
          };
        });
    },
    async missedQuestions(from, to) {
      const [tickets, f] = await Promise.all([ticketsIn(store, from, to), faq()]);
      return groupMissed(tickets, f.entries, f.locale);
    },
  };
}
