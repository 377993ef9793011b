/**
 * The KPI report as people read it: a text summary (the weekly e-mail, the terminal) and the per-contact
 * ledger as CSV (RFC 4180), in the business locale (English, or Chinese for zh-CN).
 */
import type { Breakdown, Kpi, KpiId, KpiReport } from './kpi.ts';
import type { QaEntry } from './operations.ts';
import type { QaStratum } from './qa.ts';
import { type ContactRecord, type ContactResultKind, contactResult, handleSeconds } from './records.ts';
import { maskPhone } from './tickets.ts';
import { localTime } from './time.ts';

export type ReportLanguage = 'en' | 'zh';
export const languageOf = (locale: string): ReportLanguage => (locale.startsWith('zh') ? 'zh' : 'en');

export interface ReportLabels {
  title: (business: string) => string;
  period: string;
  kpi: Record<KpiId, (sla: KpiReport['sla']) => string>;
  met: string;
  missed: string;
  noData: string;
  target: string;
  targetsMet: (met: number, of: number) => string;
  contacts: string;
  result: Record<ContactResultKind, string>;
  dayNight: string;
  day: string;
  night: string;
  nightShare: string;
  byShift: string;
  byQueue: string;
  byCategory: string;
  callbacks: string;
  urgent: string;
  tickets: string;
  csat: string;
  qa: string;
  stratum: Record<QaStratum, string>;
  callsByHour: string;
  serviceLevelByDay: string;
  issueMix: string;
  resultMix: string;
  legend: string[];
  sentence: {
    contacts: (n: string) => string;
    callbacks: (r: KpiReport['callbacks'], f: (n: number) => string) => string;
    urgent: (r: KpiReport['urgent'], minutes: number, f: (n: number) => string) => string;
    tickets: (r: KpiReport['tickets'], f: (n: number) => string) => string;
    csat: (r: KpiReport['csat'], pct: (n: number | null) => string) => string;
    breakdown: (b: Breakdown, pct: (n: number | null) => string, f: (n: number) => string) => string;
  };
  unitSeconds: string;
  shiftName: (id: string) => string;
}

const EN: ReportLabels = {
  title: (b) => `${b}: phone line report`,
  period: 'Period',
  kpi: {
    answerRate: () => 'Answer rate',
    serviceLevel: (s) => `Service level (answered within ${s.answerWithinSeconds} s)`,
    abandonment: () => 'Abandoned in queue',
    asa: () => 'Average speed of answer',
    aht: () => 'Average handle time (talk + after-call work)',
    csat: () => 'CSAT (share rating 4-5)',
    callbacksKept: (s) => `Callbacks kept within ${s.callbackWithinHours} h`,
    urgentFirstResponse: (s) => `Urgent tickets answered within ${s.firstResponseMinutes} min`,
    overdueTickets: () => 'Open tickets past their promise',
  },
  met: 'met',
  missed: 'MISSED',
  noData: 'no data',
  target: 'target',
  targetsMet: (met, of) => `${met} of ${of} targets met`,
  contacts: 'Contacts',
  result: {
    agent: 'answered by an agent',
    abandoned: 'abandoned in queue',
    callback: 'callback requested',
    assistant: 'handled by the assistant',
    'on-call': 'transferred to on-call',
    ivr: 'ended in the menu',
    'in-progress': 'in progress',
  },
  dayNight: 'Day and night',
  day: 'day',
  night: 'night',
  nightShare: 'night volume as a share of the day',
  byShift: 'By shift',
  byQueue: 'By queue',
  byCategory: 'By issue',
  callbacks: 'Callbacks',
  urgent: 'Urgent tickets',
  tickets: 'Tickets',
  csat: 'Satisfaction',
  qa: 'Calls to review',
  stratum: {
    'low-csat': 'low rating',
    'longest-handle': 'longest call',
    'after-hours-or-assistant': 'after hours / assistant',
    random: 'random',
  },
  callsByHour: 'Calls by hour of day',
  serviceLevelByDay: 'Service level by day',
  issueMix: 'What callers called about',
  resultMix: 'How calls ended',
  legend: [
    'Answer rate and service level count callers who reached a queue (answered or abandoned); a caller who chose a callback is counted under callbacks.',
    'Service level: share answered within the target seconds of entering the queue; its target is the answer-rate target.',
    'AHT: talk time plus after-call work of answered calls. CSAT: share of survey answers of 4 or 5.',
    'Night: shifts with at least three hours between midnight and 05:00 (EU Working Time Directive); outside shifts, 22:00-06:00.',
  ],
  sentence: {
    contacts: (n) => `${n} contacts`,
    callbacks: (r, f) =>
      `${f(r.promised)} promised (${f(r.queued.promised)} queued, ${f(r.tickets.promised)} tickets): ${f(r.kept)} kept, ${f(r.late)} late, ${f(r.pending)} pending, ${f(r.missed)} missed`,
    urgent: (r, m, f) =>
      `${f(r.tickets)} urgent: ${f(r.inTime)} answered within ${m} min, ${f(r.late)} late, ${f(r.waiting)} waiting`,
    tickets: (r, f) =>
      `${f(r.created)} created in the period; ${f(r.open)} open now, ${f(r.overdue)} overdue`,
    csat: (r, pct) =>
      `${r.responses} answers, ${pct(r.share)} rated 4-5, mean ${r.mean === null ? '-' : r.mean.toFixed(2)}`,
    breakdown: (b, pct, f) =>
      `${f(b.contacts)} contacts, ${f(b.answered)} answered, ${f(b.abandoned)} abandoned, ${f(b.assistant)} assistant; service level ${pct(b.serviceLevel)}`,
  },
  unitSeconds: 's',
  shiftName: (id) => (id === 'after-hours' ? 'outside shifts' : id),
};

const ZH: ReportLabels = {
  title: (b) => `${b}：电话服务报告`,
  period: '统计期间',
  kpi: {
    answerRate: () => '接通率',
    serviceLevel: (s) => `服务水平（${s.answerWithinSeconds} 秒内接听）`,
    abandonment: () => '排队放弃率',
    asa: () => '平均应答速度',
    aht: () => '平均处理时长（通话 + 话后处理）',
    csat: () => '满意度（4-5 分占比）',
    callbacksKept: (s) => `${s.callbackWithinHours} 小时内完成回拨`,
    urgentFirstResponse: (s) => `紧急工单 ${s.firstResponseMinutes} 分钟内响应`,
    overdueTickets: () => '超过承诺时间的未结工单',
  },
  met: '达标',
  missed: '未达标',
  noData: '无数据',
  target: '目标',
  targetsMet: (met, of) => `${of} 项指标中 ${met} 项达标`,
  contacts: '来电',
  result: {
    agent: '坐席接听',
    abandoned: '排队中挂断',
    callback: '请求回拨',
    assistant: '智能助手处理',
    'on-call': '转接值班人员',
    ivr: '在菜单中结束',
    'in-progress': '进行中',
  },
  dayNight: '日间与夜间',
  day: '日间',
  night: '夜间',
  nightShare: '夜间来电量占日间比例',
  byShift: '按班次',
  byQueue: '按队列',
  byCategory: '按问题类型',
  callbacks: '回拨',
  urgent: '紧急工单',
  tickets: '工单',
  csat: '满意度',
  qa: '待复核通话',
  stratum: {
    'low-csat': '低评分',
    'longest-handle': '最长通话',
    'after-hours-or-assistant': '非工作时间/助手',
    random: '随机',
  },
  callsByHour: '各时段来电量',
  serviceLevelByDay: '每日服务水平',
  issueMix: '来电问题分布',
  resultMix: '通话结果',
  legend: [
    '接通率与服务水平按进入队列的来电计算（已接听或放弃）；选择回拨的来电计入回拨。',
    '服务水平：进入队列后在目标秒数内接听的比例，目标与接通率目标相同。',
    '平均处理时长：已接听来电的通话时长加话后处理时长。满意度：评分为 4 或 5 的比例。',
    '夜间：在 0 点至 5 点之间至少有三小时的班次（参照欧盟工作时间指令）；班次之外为 22:00-06:00。',
  ],
  sentence: {
    contacts: (n) => `共 ${n} 通来电`,
    callbacks: (r, f) =>
      `承诺 ${f(r.promised)} 次（排队回拨 ${f(r.queued.promised)}，工单 ${f(r.tickets.promised)}）：按时 ${f(r.kept)}，超时 ${f(r.late)}，待处理 ${f(r.pending)}，未回拨 ${f(r.missed)}`,
    urgent: (r, m, f) =>
      `紧急工单 ${f(r.tickets)} 张：${m} 分钟内响应 ${f(r.inTime)}，超时 ${f(r.late)}，等待中 ${f(r.waiting)}`,
    tickets: (r, f) => `期间新建 ${f(r.created)} 张；当前未结 ${f(r.open)} 张，超期 ${f(r.overdue)} 张`,
    csat: (r, pct) =>
      `共 ${r.responses} 份评价，4-5 分占 ${pct(r.share)}，平均 ${r.mean === null ? '-' : r.mean.toFixed(2)} 分`,
    breakdown: (b, pct, f) =>
      `来电 ${f(b.contacts)}，接听 ${f(b.answered)}，放弃 ${f(b.abandoned)}，助手 ${f(b.assistant)}；服务水平 ${pct(b.serviceLevel)}`,
  },
  unitSeconds: '秒',
  shiftName: (id) => (id === 'after-hours' ? '班次之外' : id),
};

export const labelsFor = (locale: string): ReportLabels => (languageOf(locale) === 'zh' ? ZH : EN);

export interface Formatters {
  int: (n: number) => string;
  pct: (n: number | null) => string;
  secs: (n: number | null) => string;
  date: (iso: string) => string;
  dateTime: (iso: string) => string;
}

export function formatters(locale: string, timezone: string): Formatters {
  const int = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const pct = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const date = new Intl.DateTimeFormat(locale, {
    timeZone: timezone,
    year: 'numeric',
    month: 'short',
    day: 'numeric',
  });
  const dt = new Intl.DateTimeFormat(locale, {
    timeZone: timezone,
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const l = labelsFor(locale);
  return {
    int: (n) => int.format(n),
    pct: (n) => (n === null ? '-' : pct.format(n)),
    secs: (n) => (n === null ? '-' : `${int.format(Math.round(n))} ${l.unitSeconds}`),
    date: (iso) => date.format(new Date(iso)),
    dateTime: (iso) => dt.format(new Date(iso)),
  };
}

/** A KPI's value, target and verdict as text. */
export function kpiCells(
  k: Kpi,
  f: Formatters,
  l: ReportLabels,
): { value: string; target: string; verdict: string } {
  const show = (v: number | null) =>
    k.unit === 'ratio' ? f.pct(v) : k.unit === 'seconds' ? f.secs(v) : v === null ? '-' : f.int(v);
  return {
    value: show(k.value),
    target: `${k.direction === 'atLeast' ? '≥' : '≤'} ${show(k.target)}`,
    verdict: k.met === null ? l.noData : k.met ? l.met : l.missed,
  };
}

/** Display width: CJK characters take two columns in a terminal and a monospace e-mail. */
function width(s: string): number {
  let w = 0;
  for (const ch of s)
    w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(
      ch,
    )
      ? 2
      : 1;
  return w;
}
const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - width(s)));

/** The text summary: what the weekly e-mail says and `switchboard report` prints. */
export function reportText(r: KpiReport, qa: QaEntry[] = []): string {
  const l = labelsFor(r.locale);
  const f = formatters(r.locale, r.timezone);
  const lastDay = new Date(Date.parse(r.period.to) - 1).toISOString();
  const lines: string[] = [
    l.title(r.businessName),
    `${l.period}: ${f.date(r.period.from)} - ${f.date(lastDay)} (${r.timezone})`,
    '',
  ];
  const measured = r.kpis.filter((k) => k.met !== null);
  lines.push(l.targetsMet(measured.filter((k) => k.met).length, measured.length));
  const rows = r.kpis.map((k) => {
    const c = kpiCells(k, f, l);
    return [l.kpi[k.id](r.sla), c.value, `${l.target} ${c.target}`, c.verdict];
  });
  const w = [0, 1, 2].map((i) => Math.max(...rows.map((row) => width(row[i]!))));
  for (const row of rows)
    lines.push(`  ${pad(row[0]!, w[0]!)}  ${pad(row[1]!, w[1]!)}  ${pad(row[2]!, w[2]!)}  ${row[3]}`);
  const results = (Object.keys(r.byResult) as ContactResultKind[])
    .filter((k) => r.byResult[k] > 0)
    .map((k) => `${l.result[k]} ${f.int(r.byResult[k])}`)
    .join(', ');
  lines.push(
    '',
    `${l.contacts}: ${l.sentence.contacts(f.int(r.totals.contacts))}${results ? ` (${results})` : ''}`,
  );
  lines.push(
    `${l.dayNight}: ${l.day} ${f.int(r.dayNight.day.contacts)}, ${l.night} ${f.int(r.dayNight.night.contacts)}; ${l.nightShare} ${f.pct(r.dayNight.nightShareOfDay)}`,
  );
  lines.push(`${l.byShift}:`);
  for (const [id, b] of Object.entries(r.byShift).sort(([a], [b]) => a.localeCompare(b)))
    lines.push(`  ${l.shiftName(r.shiftNames[id] ?? id)}: ${l.sentence.breakdown(b, f.pct, f.int)}`);
  if (Object.keys(r.byQueue).length) {
    lines.push(`${l.byQueue}:`);
    for (const [id, b] of Object.entries(r.byQueue).sort(([a], [b]) => a.localeCompare(b)))
      lines.push(`  ${r.queueNames[id] ?? id}: ${l.sentence.breakdown(b, f.pct, f.int)}`);
  }
  const cats = Object.entries(r.byCategory).sort(([, a], [, b]) => b - a);
  if (cats.length) lines.push(`${l.byCategory}: ${cats.map(([c, n]) => `${c} ${f.int(n)}`).join(', ')}`);
  lines.push(`${l.csat}: ${l.sentence.csat(r.csat, f.pct)}`);
  lines.push(`${l.callbacks}: ${l.sentence.callbacks(r.callbacks, f.int)}`);
  lines.push(`${l.urgent}: ${l.sentence.urgent(r.urgent, r.sla.firstResponseMinutes, f.int)}`);
  lines.push(`${l.tickets}: ${l.sentence.tickets(r.tickets, f.int)}`);
  if (qa.length) {
    lines.push('', `${l.qa} (${qa.length}):`);
    for (const p of qa) {
      const bits = [
        p.initiatedAt ? f.dateTime(p.initiatedAt) : '',
        l.stratum[p.stratum],
        p.category ?? '',
        l.result[p.result as ContactResultKind] ?? p.result,
        p.csat !== undefined ? `CSAT ${p.csat}` : '',
        p.handleSeconds !== undefined ? f.secs(p.handleSeconds) : '',
      ].filter(Boolean);
      lines.push(`  - ${p.contactId}: ${bits.join(', ')}${p.recordingKey ? `\n    ${p.recordingKey}` : ''}`);
      if (p.excerpt) lines.push(`    "${p.excerpt}"`);
    }
  }
  return lines.join('\n');
}

/** RFC 4180 field: quoted when it holds a comma, quote or line break; a leading =,+,-,@ is defused. */
export function csvField(v: unknown): string {
  let s = v === undefined || v === null ? '' : String(v);
  if (/^[=+\-@]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const LEDGER_COLUMNS = [
  'contact_id',
  'local_date',
  'local_time',
  'shift',
  'caller',
  'queue',
  'category',
  'menu_path',
  'result',
  'wait_seconds',
  'abandoned_after_seconds',
  'handle_seconds',
  'acw_seconds',
  'assistant_outcome',
  'ticket_id',
  'csat',
  'recording_key',
  'initiated_at_utc',
  'answered_at_utc',
  'disconnected_at_utc',
] as const;

/** The per-contact ledger (CSV with a header row, CRLF line ends as RFC 4180 has it), oldest first. */
export function ledgerCsv(
  records: ContactRecord[],
  timezone: string,
  csatOf: (id: string) => number | undefined = () => undefined,
): string {
  const rows = [LEDGER_COLUMNS.join(',')];
  const sorted = [...records].sort((a, b) => (a.initiatedAt ?? '').localeCompare(b.initiatedAt ?? ''));
  for (const r of sorted) {
    const res = contactResult(r);
    const lt = r.initiatedAt ? localTime(new Date(r.initiatedAt), timezone) : undefined;
    const hhmm = lt
      ? `${String(Math.floor(lt.minutes / 60)).padStart(2, '0')}:${String(lt.minutes % 60).padStart(2, '0')}`
      : '';
    const h = handleSeconds(r);
    const row = [
      r.contactId,
      r.localDate ?? lt?.date ?? '',
      hhmm,
      r.shift ?? '',
      r.caller ? maskPhone(r.caller) : '',
      r.queue ?? r.queueArn?.split('/').pop() ?? '',
      r.category ?? '',
      r.menuPath ?? '',
      res.kind,
      res.kind === 'agent' ? Math.round(res.waitSeconds) : '',
      res.kind === 'abandoned' ? Math.round(res.afterSeconds) : '',
      h === undefined ? '' : Math.round(h),
      r.acwSeconds ?? '',
      r.assistantOutcome ?? '',
      r.ticketId ?? '',
      csatOf(r.contactId) ?? r.csat ?? '',
      r.recordingKey ?? '',
      r.initiatedAt ?? '',
      r.answeredAt ?? '',
      r.disconnectedAt ?? '',
    ];
    rows.push(row.map(csvField).join(','));
  }
  return `${rows.join('\r\n')}\r\n`;
}
