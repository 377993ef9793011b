/**
 * The console API's response shapes, in one place: the server (lambdas/console, local/server.ts)
 * returns these and the pages (web/src/types.ts re-exports this file, type-only) read them, so a shape
 * change is a type error on both sides. Plain interfaces; the only import is the dependency-free KPI
 * figure (domain/kpi-figure.ts), so the pages type-check this file without Node or the domain modules. /api/openapi.json documents the requests (zod, schemas.ts).
 */

import type { Kpi } from '../domain/kpi-figure.ts';
import type { TicketHistoryEntry } from '../domain/ticket-history.ts';

export type Role = 'manager' | 'agent';

/** GET /api/me */
export interface Me {
  identity: { name: string; role: Role };
  business: { name: string; locale: string; timezone: string };
  /** Category ids a ticket can carry (config menu categories plus general, message, missed-call, urgent). */
  categories: string[];
  /** The config's name of a category (its menu entry's label), by id; built-in categories have none. */
  categoryLabels: Record<string, string>;
  shifts: Array<{ id: string; name: string }>;
  where: 'local' | 'aws';
}

/** One entry of a ticket's history, as stored (its `event` is what the page words in its language). */
export type HistoryEntry = TicketHistoryEntry;

/** A ticket as the API returns it (the stored ticket; fields the pages do not read may be present too). */
export interface Ticket {
  id: string;
  contactId: string;
  callerPhone?: string;
  callerName?: string;
  category: string;
  priority: 'normal' | 'urgent';
  status: 'open' | 'in_progress' | 'resolved' | 'closed';
  owner?: string;
  shift: string;
  createdAt: string;
  updatedAt: string;
  firstResponseDueAt: string;
  dueAt: string;
  message?: string;
  transcript?: string;
  recordingKey?: string;
  callbackNumber?: string;
  csat?: number;
  source: string;
  history: HistoryEntry[];
}

/** GET /api/tickets */
export interface TicketPage {
  items: Ticket[];
  nextCursor?: string;
}

/** GET /api/tickets/{id}, PATCH /api/tickets/{id}, POST /api/tickets */
export interface TicketDetail {
  ticket: Ticket;
  etag: string;
  survey?: { score: number; at: string };
  recordingUrl?: string;
}

/** GET /api/callers/{phone} */
export interface CallerProfileView {
  phone: string;
  profile: { name?: string; openTicketIds: string[]; lastCategory?: string } | null;
  tickets: Ticket[];
}

export interface Person {
  name: string;
  phone: string;
  swapped: boolean;
}

export interface Override {
  id: string;
  type: 'closed' | 'onCall';
  createdAt: string;
  by: string;
  reason?: string;
  from: string;
  until?: string;
  to?: string;
  shift?: string;
  name?: string;
  phone?: string;
}

/** GET /api/roster/today */
export interface RosterToday {
  date: string;
  timezone: string;
  /** Whether a person answers now, after the overrides; `closedReason` when the line is closed by one. */
  now: {
    mode: 'open' | 'assistant';
    reason: string;
    shift: string | null;
    agents: number;
    onCall: Person | null;
    closedReason: string | null;
  };
  shifts: Array<{
    id: string;
    name: string;
    start: string;
    end: string;
    agents: number;
    worksToday: boolean;
    onShiftNow: boolean;
    onCall: Person | null;
  }>;
  holiday: { date: string; name: string } | null;
  overrides: Override[];
}

export interface Alarm {
  at: string;
  channel: string;
  to: string;
  subject?: string;
  text: string;
}

/** GET /api/today */
export interface Today {
  at: string;
  roster: RosterToday;
  calls: number | null;
  waiting: number | null;
  alarms: Alarm[];
  tickets: {
    open: number;
    overdue: number;
    urgentOpen: number;
    createdToday: number;
    oldestOverdue: Array<{ id: string; category: string; priority: string; dueAt: string; owner?: string }>;
  };
}

export type { KpiId } from '../domain/kpi-figure.ts';
/** One KPI against its target (lambdas/domain/kpi.ts has the definitions). */
export type KpiFigure = Kpi;

/** GET /api/kpis?from&to: the report's figures (`switchboard report`, the weekly e-mail) for local dates. */
export interface Kpis {
  /** Local dates (business time zone), both included. */
  from: string;
  to: string;
  timezone: string;
  source: 'contact records';
  sla: { answerWithinSeconds: number; firstResponseMinutes: number; callbackWithinHours: number };
  /** Inbound contacts of the period (callback legs not counted) and how they ended. */
  calls: {
    total: number;
    /** Reached a queue: answered + abandoned. */
    queued: number;
    answered: number;
    abandoned: number;
    /** Answered within `sla.answerWithinSeconds` of entering the queue. */
    answeredWithinSla: number;
    assistant: number;
    onCall: number;
    callbacks: number;
    ivr: number;
    inProgress: number;
  };
  /** Every KPI of the report against its target: answer rate, service level, abandonment, ASA, AHT, CSAT, ... */
  kpis: KpiFigure[];
  /** Mean after-contact work of answered calls (s); null when no record has it. */
  acwSeconds: number | null;
  /** Survey answers of the period's contacts. `share`: rated 4-5 (the CSAT KPI); `average`: mean 1-5. */
  csat: {
    share: number | null;
    average: number | null;
    responses: number;
    distribution: [number, number, number, number, number];
  };
  /** Tickets created in the period (by local creation date), and open/overdue now. */
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
  /** Contacts by the menu category the caller chose (`uncategorised` when none). */
  byCategory: Record<string, number>;
  /** Inbound contacts by local hour of day, 0-23. */
  callsByHour: number[];
  /** One row per local date of the period. */
  daily: Array<{
    date: string;
    contacts: number;
    queued: number;
    serviceLevel: number | null;
    answerRate: number | null;
    tickets: number;
    urgent: number;
  }>;
}

export type QaStratum = 'low-csat' | 'longest-handle' | 'after-hours-or-assistant' | 'random';

export interface QaReview {
  /** ISO week, e.g. 2026-W48. */
  week: string;
  contactId: string;
  /** 1-5. */
  score: number;
  notes: string;
  reviewedBy: string;
  at: string;
}

/** One call of the weekly QA sample (the weekly e-mail's "calls to review"), with its review. */
export interface QaItem {
  contactId: string;
  /** Why it was picked. */
  stratum: QaStratum;
  /** How the call ended: agent, abandoned, callback, assistant, on-call, ivr, in-progress. */
  result: string;
  initiatedAt?: string;
  category?: string;
  csat?: number;
  handleSeconds?: number;
  shift?: string;
  recordingKey?: string;
  /** A short-lived URL to play the recording (AWS); absent locally or without a recording. */
  recordingUrl?: string;
  transcript?: string;
  /** What the caller told the assistant (the ticket's message), when the contact left a ticket. */
  callerMessage?: string;
  /** The contact's ticket, when it left one. */
  ticketId?: string;
  review?: QaReview;
}

/** GET /api/qa?week */
export interface QaSample {
  week: string;
  from: string;
  to: string;
  items: QaItem[];
}

/** Questions the assistant missed that resemble each other, with the FAQ entry they belong to. */
export interface MissedGroup {
  locale: string;
  /** How many times the group's questions were asked. */
  count: number;
  /** Distinct wordings, in order of first appearance. */
  wordings: string[];
  /** Why they were kept: no FAQ answer was good enough, or the caller said the answer did not help. */
  reasons: { noMatch: number; notHelped: number };
  /** When the last one was asked (ISO-8601 UTC). */
  lastAt: string;
  contactIds: string[];
  /** The entry they most likely belong to, or null when a new entry is needed. */
  faqId: string | null;
  faqQuestion: string | null;
  /** Mean similarity to `faqId`, 0-1. */
  score: number;
  /** YAML to paste under `faq:` (the entry's alternates, or a new entry to complete). */
  yaml: string;
}

/** GET /api/assistant/missed?from&to */
export interface MissedQuestions {
  questions: number;
  groups: MissedGroup[];
}

/** POST /api/calls (local): the `switchboard call --json` report, the part the softphone page reads. */
export interface CallReportView {
  at: string;
  from: string | null;
  prompts: string[];
  path: Array<{ flow: string; id: string; type: string; branch?: string }>;
  outcome: {
    type: string;
    queue?: string;
    to?: string;
    answered?: boolean;
    waitSeconds?: number;
    reason?: string;
  };
  tickets: Array<{
    id: string;
    category: string;
    priority: string;
    status: string;
    dueAt: string;
    message?: string;
  }>;
  notifications: Array<{ channel: string; to: string; subject?: string; text: string }>;
  errors: string[];
}
