/** What the pages read from the API (see /api/openapi.json for the documented shapes). */
export interface Me {
  identity: { name: string; role: 'manager' | 'agent' };
  business: { name: string; locale: string; timezone: string };
  categories: string[];
  shifts: Array<{ id: string; name: string }>;
  where: 'local' | 'aws';
}

export interface HistoryEntry {
  at: string;
  by: string;
  action: string;
  from?: string;
  to?: string;
  note?: string;
}

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
  dueAt: string;
  message?: string;
  transcript?: string;
  recordingKey?: string;
  callbackNumber?: string;
  csat?: number;
  source: string;
  history: HistoryEntry[];
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

export interface RosterToday {
  date: string;
  timezone: string;
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

export interface Today {
  at: string;
  roster: RosterToday;
  calls: number | null;
  waiting: number | null;
  alarms: Array<{ at: string; channel: string; to: string; subject?: string; text: string }>;
  tickets: {
    open: number;
    overdue: number;
    urgentOpen: number;
    createdToday: number;
    oldestOverdue: Array<{ id: string; category: string; priority: string; dueAt: string; owner?: string }>;
  };
}

export interface Kpis {
  from: string;
  to: string;
  source: string;
  calls: number | null;
  answeredWithinSla: number | null;
  tickets: {
    total: number;
    open: number;
    overdue: number;
    resolvedOnTime: number | null;
    byCategory: Record<string, number>;
    byPriority: Record<string, number>;
    bySource: Record<string, number>;
  };
  csat: { average: number | null; responses: number; distribution: number[] };
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
  review?: { score: number; notes: string; reviewedBy: string; at: string };
}

export interface MissedGroup {
  question: string;
  count: number;
  examples: string[];
  ticketIds: string[];
  suggestion: { faqId: string; faqQuestion: string; score: number; yaml: string } | null;
}

export interface CallReport {
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
